//! Meta's Graph phone-number endpoints: add a number to a WABA, request and verify its code,
//! register it with the two-step PIN (and Meta's limit of 10 register/deregister calls in 72
//! hours, error 133016, on the sandbox clock), deregister, read it (field selection, list with
//! real cursors), the display-name review, conversational automation and health.
//!
//! The code is always [`GOOD_CODE`]; a wrong one is Meta's 136025 and counts towards the
//! attempt limit (136024 after [`MAX_CODE_ATTEMPTS`]); a code older than 10 minutes has
//! expired. Each access token is an account of its own, like a Zernio key.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::State;
use super::{Fail, json_response, run};
use crate::api::graph::{
    AddPhoneNumber, AddedPhoneNumber, CodeVerificationStatus, Cursors, Deregister,
    GetConversationalAutomation, GetHealthStatus, GetPhoneNumber, GetPhoneNumberSettings,
    GraphNumberStatus, GraphPhoneNumber, HealthStatus, ListPhoneNumbers, MessagingLimitTier,
    NameStatus, Paging, PhoneNumberPage, PhoneNumberSettings, PlatformType, QualityRating,
    Register, RequestCode, RequestDisplayName, SetConversationalAutomation, SetPhoneNumberSettings,
    SetTwoStepPin, Success, Throughput, ThroughputLevel, VerifyCode,
};
use crate::api::wire::Routed;
use crate::api::{GraphConfig, HttpResponse};
use crate::datetime::Timestamp;
use crate::macros::value;

/// The verification code every requested code is.
pub const GOOD_CODE: &str = "123456";
/// Wrong codes before Meta locks the number's verification (136024).
pub const MAX_CODE_ATTEMPTS: u32 = 5;
/// Register and deregister calls Meta allows per number in [`REGISTER_WINDOW_SECONDS`].
pub const MAX_REGISTER_CALLS: usize = 10;
/// 72 hours.
pub const REGISTER_WINDOW_SECONDS: i64 = 72 * 3600;
/// A requested code expires after 10 minutes.
const CODE_SECONDS: i64 = 600;
/// A display-name review takes a day.
const NAME_REVIEW_SECONDS: i64 = 86_400;

/// A phone-number node and what Meta keeps about it. `Debug` hides the PIN.
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
pub struct Node {
    /// The node as `GET /{id}` shows it.
    pub record: GraphPhoneNumber,
    /// Its WABA.
    pub waba_id: String,
    /// The two-step PIN, once set (in snapshots, never in `Debug`).
    pub pin: Option<String>,
    /// When the last code was requested.
    pub code_requested_at: Option<Timestamp>,
    /// Wrong codes since the last request.
    pub code_failures: u32,
    /// Register and deregister calls (Meta's 72-hour limit).
    pub register_calls: Vec<Timestamp>,
    /// A display name under review, and when the review ends.
    pub pending_name: Option<(String, Timestamp)>,
    /// Its settings (calling, user identity change, payload encryption, storage), once set.
    #[serde(default)]
    pub settings: Option<PhoneNumberSettings>,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("record", &self.record)
            .field("waba_id", &self.waba_id)
            .field("pin", &self.pin.as_ref().map(|_| "<redacted>"))
            .field("code_failures", &self.code_failures)
            .finish_non_exhaustive()
    }
}

pub(super) fn graph_error(status: u16, code: i64, message: &str, details: Option<&str>) -> Fail {
    let mut error = value!({"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AsandboxTrace"});
    if let (Some(details), Some(map)) = (details, error.as_object_mut()) {
        map.insert("error_data".into(), value!({"details": details}));
    }
    Fail {
        status,
        body: value!({ "error": error }),
        unhandled: false,
    }
}

pub(super) fn unknown_node() -> Fail {
    graph_error(
        400,
        100,
        "Unsupported get request. Object does not exist, cannot be loaded due to missing permissions, or does not support this operation",
        None,
    )
}

/// Graph's 401 (code 190).
pub fn unauthorized() -> HttpResponse {
    graph_error(
        401,
        190,
        "Invalid OAuth access token - Cannot parse access token",
        None,
    )
    .response()
}

impl super::Host for GraphConfig {
    fn sandbox() -> Self {
        GraphConfig::new("sandbox")
    }

    fn refused(error: &crate::Error) -> Fail {
        graph_error(400, 100, &format!("(#100) {}", error.message()), None)
    }

    fn unwritable() -> Fail {
        graph_error(500, 1, "An unknown error occurred", None)
    }
}

fn nodes<'a>(state: &'a mut State, key: &str) -> &'a mut Vec<Node> {
    &mut super::numbers::tenant(state, key).graph
}

fn node<'a>(state: &'a mut State, key: &str, id: &str) -> Result<&'a mut Node, Fail> {
    nodes(state, key)
        .iter_mut()
        .find(|n| n.record.id.as_deref() == Some(id))
        .ok_or_else(unknown_node)
}

/// The Graph operations.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    let ok = || Success { success: true };
    match routed.operation.name {
        "add_phone_number" => run::<AddPhoneNumber, _, _>(routed, |op| add(state, key, op, now)),
        "get_phone_number" => run::<GetPhoneNumber, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?.record.clone();
            Ok(select(
                node,
                op.fields
                    .as_ref()
                    .map(|f| f.iter().map(|x| x.as_str().to_owned()).collect()),
            ))
        }),
        "list_phone_numbers" => run::<ListPhoneNumbers, _, _>(routed, |op| list(state, key, op)),
        "request_code" => run::<RequestCode, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?;
            node.code_requested_at = Some(now);
            node.code_failures = 0;
            Ok(ok())
        }),
        "verify_code" => run::<VerifyCode, _, _>(routed, |op| verify(state, key, op, now)),
        "register" => run::<Register, _, _>(routed, |op| register(state, key, op, now)),
        "deregister" => run::<Deregister, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?;
            counted(node, now)?;
            node.record.status = Some(GraphNumberStatus::Disconnected);
            node.record.platform_type = Some(PlatformType::NotApplicable);
            Ok(ok())
        }),
        "set_two_step_pin" => run::<SetTwoStepPin, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?;
            node.pin = Some(op.pin.clone());
            node.record.is_pin_enabled = Some(true);
            Ok(ok())
        }),
        "request_display_name" => run::<RequestDisplayName, _, _>(routed, |op| {
            let due = super::later(now, NAME_REVIEW_SECONDS);
            let node = node(state, key, &op.phone_number_id)?;
            node.record.new_name_status = Some(NameStatus::PendingReview);
            node.pending_name = Some((op.new_display_name.clone(), due));
            state.schedule(due);
            Ok(ok())
        }),
        "get_conversational_automation" => run::<GetConversationalAutomation, _, _>(routed, |op| {
            Ok(node(state, key, &op.phone_number_id)?
                .record
                .conversational_automation
                .clone()
                .unwrap_or_default())
        }),
        "set_conversational_automation" => run::<SetConversationalAutomation, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?;
            let mut automation = node
                .record
                .conversational_automation
                .clone()
                .unwrap_or_default();
            if let Some(welcome) = op.enable_welcome_message {
                automation.enable_welcome_message = Some(welcome);
            }
            if let Some(prompts) = &op.prompts {
                automation.prompts = Some(prompts.clone());
            }
            if let Some(commands) = &op.commands {
                automation.commands = Some(commands.clone());
            }
            node.record.conversational_automation = Some(automation);
            Ok(ok())
        }),
        "get_health_status" => run::<GetHealthStatus, _, _>(routed, |op| {
            let node = node(state, key, &op.node_id)?;
            let state = if node.record.status == Some(GraphNumberStatus::Connected) {
                "AVAILABLE"
            } else {
                "BLOCKED"
            };
            crate::error::from_value::<HealthStatus>(value!({
                "can_send_message": state,
                "entities": [{"entity_type": "PHONE_NUMBER", "id": op.node_id, "can_send_message": state}]
            }))
            .map_err(|_| graph_error(500, 1, "An unknown error occurred", None))
        }),
        _ => settings(state, key, routed, now),
    }
}

/// A number's settings (calling, user identity change, payload encryption, storage); then the
/// pre-verified numbers.
fn settings(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "get_phone_number_settings" => run::<GetPhoneNumberSettings, _, _>(routed, |op| {
            Ok(node(state, key, &op.phone_number_id)?
                .settings
                .clone()
                .unwrap_or_default())
        }),
        "set_phone_number_settings" => run::<SetPhoneNumberSettings, _, _>(routed, |op| {
            let node = node(state, key, &op.phone_number_id)?;
            let settings = node
                .settings
                .get_or_insert_with(PhoneNumberSettings::default);
            if let Some(calling) = &op.calling {
                settings.calling = Some(calling.clone());
            }
            if let Some(change) = &op.user_identity_change {
                settings.user_identity_change = Some(change.clone());
            }
            if let Some(encryption) = &op.payload_encryption {
                settings.payload_encryption = Some(encryption.clone());
            }
            if let Some(storage) = &op.storage_configuration {
                settings.storage_configuration = Some(storage.clone());
            }
            Ok(Success { success: true })
        }),
        _ => super::preverified::handle(state, key, routed, now),
    }
}

fn add(
    state: &mut State,
    key: &str,
    op: &AddPhoneNumber,
    now: Timestamp,
) -> Result<AddedPhoneNumber, Fail> {
    let display = format!("+{} {}", op.cc.trim_start_matches('+'), op.phone_number);
    let e164 = crate::phone::normalize(&display, None).unwrap_or(display.clone());
    if nodes(state, key).len() >= super::state::MAX_NUMBERS {
        return Err(graph_error(
            400,
            100,
            "(#100) This sandbox account holds 1000 phone numbers",
            None,
        ));
    }
    if nodes(state, key)
        .iter()
        .any(|n| n.record.display_phone_number.as_deref() == Some(e164.as_str()))
    {
        return Err(graph_error(
            400,
            100,
            "(#100) This phone number already exists",
            None,
        ));
    }
    let id = format!("1{}", state.rng.digits(14));
    let node = GraphPhoneNumber {
        id: Some(id.clone()),
        display_phone_number: Some(e164),
        verified_name: Some(op.verified_name.clone()),
        quality_rating: Some(QualityRating::Unrated),
        code_verification_status: Some(CodeVerificationStatus::NotVerified),
        name_status: Some(NameStatus::PendingReview),
        status: Some(GraphNumberStatus::Pending),
        platform_type: Some(PlatformType::NotApplicable),
        throughput: Some(Throughput {
            level: Some(ThroughputLevel::Standard),
        }),
        messaging_limit_tier: Some(MessagingLimitTier::Tier250),
        is_pin_enabled: Some(false),
        ..GraphPhoneNumber::default()
    };
    let due = super::later(now, NAME_REVIEW_SECONDS);
    nodes(state, key).push(Node {
        record: node,
        waba_id: op.waba_id.clone(),
        pin: None,
        code_requested_at: None,
        code_failures: 0,
        register_calls: Vec::new(),
        pending_name: Some((op.verified_name.clone(), due)),
        settings: None,
    });
    state.schedule(due);
    Ok(AddedPhoneNumber {
        id,
        extra: serde_json::Map::new(),
    })
}

/// Only the fields asked for (and `id`), as Graph answers a field selection.
fn select(node: GraphPhoneNumber, fields: Option<Vec<String>>) -> GraphPhoneNumber {
    let Some(fields) = fields else { return node };
    let Ok(Value::Object(mut all)) = crate::value_writer::to_value(&node) else {
        return node;
    };
    all.retain(|k, _| k == "id" || fields.iter().any(|f| f == k));
    crate::error::from_value(Value::Object(all)).unwrap_or(node)
}

fn list(state: &mut State, key: &str, op: &ListPhoneNumbers) -> Result<PhoneNumberPage, Fail> {
    let all: Vec<GraphPhoneNumber> = nodes(state, key)
        .iter()
        .filter(|n| n.waba_id == op.waba_id)
        .map(|n| {
            select(
                n.record.clone(),
                op.fields
                    .as_ref()
                    .map(|f| f.iter().map(|x| x.as_str().to_owned()).collect()),
            )
        })
        .collect();
    let edge = format!("{}/phone_numbers", op.waba_id);
    let cursors = (op.after.as_deref(), op.before.as_deref());
    let (data, paging) = page(&all, &edge, op.limit, cursors)?;
    Ok(PhoneNumberPage {
        data,
        paging,
        summary: op.total_count.then(|| value!({"total_count": all.len()})),
    })
}

/// One page of `all` on Graph's cursors (`after`: the index of a page's last item, `before`:
/// of its first, base64), `limit` (25) items, with the `next`/`previous` links of `edge`.
pub(super) fn page<T: Clone>(
    all: &[T],
    edge: &str,
    limit: Option<u32>,
    (after, before): (Option<&str>, Option<&str>),
) -> Result<(Vec<T>, Option<Paging>), Fail> {
    let decode = |c: &str| {
        crate::base64::decode(c)
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<usize>().ok())
    };
    let limit = limit.map_or(25, |l| l as usize).clamp(1, 100);
    let bad = || graph_error(400, 100, "(#100) Invalid cursor", None);
    let (start, end) = match (after, before) {
        (Some(after), _) => {
            let i = decode(after)
                .and_then(|i| i.checked_add(1))
                .ok_or_else(bad)?;
            (i, i.saturating_add(limit))
        }
        (None, Some(before)) => {
            let i = decode(before).ok_or_else(bad)?.min(all.len());
            (i.saturating_sub(limit), i)
        }
        _ => (0, limit),
    };
    let items: Vec<T> = all
        .iter()
        .skip(start)
        .take(end.saturating_sub(start))
        .cloned()
        .collect();
    let cursor = |i: usize| crate::base64::encode(i.to_string());
    let last = start.saturating_add(items.len());
    let link = |which: &str, at: usize| {
        format!(
            "https://graph.facebook.com/v25.0/{edge}?limit={limit}&{which}={}",
            cursor(at)
        )
    };
    let paging = (!items.is_empty()).then(|| Paging {
        cursors: Some(Cursors {
            before: Some(cursor(start)),
            after: Some(cursor(last.saturating_sub(1))),
        }),
        next: (last < all.len()).then(|| link("after", last.saturating_sub(1))),
        previous: (start > 0).then(|| link("before", start)),
    });
    Ok((items, paging))
}

fn verify(state: &mut State, key: &str, op: &VerifyCode, now: Timestamp) -> Result<Success, Fail> {
    let node = node(state, key, &op.phone_number_id)?;
    let Some(requested) = node.code_requested_at else {
        return Err(graph_error(
            400,
            136_025,
            "(#136025) Verify code error",
            Some("Request a code first"),
        ));
    };
    if node.code_failures >= MAX_CODE_ATTEMPTS {
        return Err(graph_error(
            400,
            136_024,
            "(#136024) Too many attempts",
            Some("Request a new code later"),
        ));
    }
    if requested.seconds_until(now) > CODE_SECONDS {
        return Err(graph_error(
            400,
            136_025,
            "(#136025) Verify code error",
            Some("The code has expired"),
        ));
    }
    let code: String = op.code.chars().filter(char::is_ascii_digit).collect();
    if code != GOOD_CODE {
        node.code_failures = node.code_failures.saturating_add(1);
        return Err(graph_error(
            400,
            136_025,
            "(#136025) Verify code error",
            Some("The code is wrong"),
        ));
    }
    node.record.code_verification_status = Some(CodeVerificationStatus::Verified);
    node.code_requested_at = None;
    let waba = node.waba_id.clone();
    let display = super::graph_hooks::digits(node.record.display_phone_number.as_deref());
    let value = value!({"event": "VERIFIED_ACCOUNT", "phone_number": display});
    super::graph_hooks::emit(state, key, &waba, "account_update", &value, now);
    Ok(Success { success: true })
}

/// Counts a register or deregister call; Meta's 133016 once there were 10 in 72 hours.
fn counted(node: &mut Node, now: Timestamp) -> Result<(), Fail> {
    node.register_calls
        .retain(|at| at.seconds_until(now) < REGISTER_WINDOW_SECONDS);
    if node.register_calls.len() >= MAX_REGISTER_CALLS {
        return Err(graph_error(
            400,
            133_016,
            "(#133016) Account register/deregister rate limit exceeded",
            None,
        ));
    }
    node.register_calls.push(now);
    Ok(())
}

fn register(state: &mut State, key: &str, op: &Register, now: Timestamp) -> Result<Success, Fail> {
    let node = node(state, key, &op.phone_number_id)?;
    counted(node, now)?;
    if node.record.code_verification_status != Some(CodeVerificationStatus::Verified) {
        return Err(graph_error(
            400,
            133_006,
            "(#133006) Phone number needs to be verified before registering",
            None,
        ));
    }
    match &node.pin {
        Some(pin) if *pin != op.pin => {
            return Err(graph_error(
                400,
                133_005,
                "(#133005) Two step verification PIN Mismatch",
                None,
            ));
        }
        Some(_) => {}
        None => {
            node.pin = Some(op.pin.clone());
            node.record.is_pin_enabled = Some(true);
        }
    }
    node.record.status = Some(GraphNumberStatus::Connected);
    node.record.platform_type = Some(PlatformType::CloudApi);
    node.record.quality_rating = Some(QualityRating::Green);
    node.record.last_onboarded_time = Some(now.to_string());
    Ok(Success { success: true })
}

/// Display-name reviews that ended, in every account (the sandbox clock's tick).
pub fn end_all_name_reviews(state: &mut State, now: Timestamp) {
    let keys: Vec<String> = state
        .tenants
        .iter()
        .filter(|(_, t)| t.graph.iter().any(|n| n.pending_name.is_some()))
        .map(|(k, _)| k.clone())
        .collect();
    for key in keys {
        end_name_reviews(state, &key, now);
    }
}

/// Display names whose review ended are approved (and the app hears of it).
fn end_name_reviews(state: &mut State, key: &str, now: Timestamp) {
    let mut approved = Vec::new();
    for node in nodes(state, key) {
        if let Some((name, at)) = node.pending_name.clone()
            && at.unix_seconds() <= now.unix_seconds()
        {
            approved.push((
                node.waba_id.clone(),
                super::graph_hooks::digits(node.record.display_phone_number.as_deref()),
                name.clone(),
                at,
            ));
            node.record.verified_name = Some(name);
            node.record.name_status = Some(NameStatus::Approved);
            node.record.new_name_status = None;
            node.pending_name = None;
        }
    }
    for (waba, display, name, at) in approved {
        let value = value!({"display_phone_number": display, "decision": "APPROVED", "requested_verified_name": name, "rejection_reason": null});
        super::graph_hooks::emit(state, key, &waba, "phone_number_name_update", &value, at);
    }
}

/// Graph's 404 for a path no operation has.
pub fn not_found() -> HttpResponse {
    json_response(
        400,
        &value!({"error": {"message": "Unknown path components", "type": "OAuthException", "code": 2500, "fbtrace_id": "AsandboxTrace"}}),
    )
}
