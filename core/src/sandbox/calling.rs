//! Calls, voice and SMS on a sandbox number: WhatsApp calling settings (by number and by the
//! number's WhatsApp account), call permissions (a permission request is accepted at once, for
//! 7 days), calls placed and their history, estimates at a flat sandbox rate, caller-ID
//! verification (the code is always [`super::graph::GOOD_CODE`]), PSTN voice, and SMS (US and
//! CA numbers need an A2P 10DLC registration first, which `reuse` provides).
//!
//! A number gets its WhatsApp account id (`socialAccountId`, what `accountId` names) when it
//! goes live. Everything here needs the number to be active.

use serde_json::Value;

use super::graph::GOOD_CODE;
use super::numbers::{find, find_mut, tenant};
use super::state::{Number, State, Tenant, bound};
use super::{Fail, later, run};
use crate::api::HttpResponse;
use crate::api::wire::Routed;
use crate::api::zernio::{
    Call, CallAction, CallActionName, CallCost, CallDirection, CallEstimate, CallPage,
    CallPermission, CallPermissionStatus, CallPermissions, CallRecording, CallStatus,
    CallerIdCodeSent, CallerIdMethod, CallerIdMode, CallerIdVerified, CallingEnabled, DisableSms,
    DisableVoice, DisableWhatsappCalling, EnableSms, EnableVoice, EnableWhatsappCalling,
    EstimateCall, ForwardCallerId, GetCall, GetCallPermissions, GetCallRecording, GetCallingConfig,
    GetWhatsappCalling, ListCalls, PlaceCall, ReuseSmsRegistration, SmsDisabled, SmsRegistration,
    SmsRegistrationStatus, SmsStatus, StartCallerIdVerification, UpdateWhatsappCalling,
    VerifyCallerId, VoiceDisabled, VoiceSettings, WhatsappCalling,
};
use crate::datetime::Timestamp;
use crate::macros::value;
use crate::status::NumberStatus;

/// The sandbox's price of a minute, in USD (upstream prices by destination; the sandbox has
/// no price list for calls).
pub const CALL_MINUTE_USD: f64 = 0.01;
/// And of a minute's recording.
pub const RECORDING_MINUTE_USD: f64 = 0.002;
/// How long an accepted call permission lasts (Meta: 7 days for a temporary one).
const PERMISSION_SECONDS: i64 = 7 * 86_400;
/// How long a sandbox call lasts.
const CALL_SECONDS: u64 = 60;
/// Calls kept per account (the oldest go).
const MAX_CALLS: usize = 1_000;

/// The number `id` of the account, which must be live.
fn active<'a>(state: &'a mut State, key: &str, id: &str) -> Result<&'a mut Number, Fail> {
    let number = find_mut(tenant(state, key), id)?;
    if number.record.status != Some(NumberStatus::Active) {
        return Err(Fail::bad_request("The number is not active"));
    }
    Ok(number)
}

/// The live number whose WhatsApp account is `account_id`.
fn by_account<'a>(tenant: &'a mut Tenant, account_id: &str) -> Result<&'a mut Number, Fail> {
    tenant
        .numbers
        .iter_mut()
        .find(|n| {
            n.record.social_account_id.as_deref() == Some(account_id)
                && n.record.status == Some(NumberStatus::Active)
        })
        .ok_or_else(Fail::not_found)
}

/// The calling settings as they read when calling is off.
fn calling_off(number: &Number) -> WhatsappCalling {
    WhatsappCalling {
        phone_number_doc_id: number.record.id.clone(),
        phone_number: number.record.phone_number.clone(),
        calling_enabled: Some(false),
        caller_id_verified: Some(number.features.caller_id_verified),
        ..WhatsappCalling::default()
    }
}

fn calling_of(number: &Number) -> WhatsappCalling {
    number
        .features
        .calling
        .clone()
        .unwrap_or_else(|| calling_off(number))
}

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "get_whatsapp_calling" => run::<GetWhatsappCalling, _, _>(routed, |op| {
            Ok(calling_of(find(tenant(state, key), &op.id)?))
        }),
        "get_calling_config" => run::<GetCallingConfig, _, _>(routed, |op| {
            Ok(calling_of(by_account(tenant(state, key), &op.account_id)?))
        }),
        "enable_whatsapp_calling" => {
            run::<EnableWhatsappCalling, _, _>(routed, |op| enable_calling(state, key, op))
        }
        "update_whatsapp_calling" => run::<UpdateWhatsappCalling, _, _>(routed, |op| {
            let number = active(state, key, &op.id)?;
            let Some(calling) = number.features.calling.as_mut() else {
                return Err(Fail::bad_request("Calling is not enabled on this number"));
            };
            if let Some(target) = &op.forward_to {
                calling.forward_to = Some(target.clone());
            }
            if let Some(user) = &op.sip_auth_username {
                calling.sip_auth_username.clone_from(user);
            }
            if let Some(password) = &op.sip_auth_password {
                calling.sip_auth_password_configured = Some(password.is_some());
            }
            if let Some(recording) = op.recording_enabled {
                calling.recording_enabled = Some(recording);
            }
            if let Some(countries) = &op.call_icon_countries {
                calling.call_icon_countries.clone_from(countries);
            }
            if let Some(limit) = op.max_call_duration_seconds {
                calling.max_call_duration_seconds = limit;
            }
            if let Some(caller) = &op.forward_caller_id {
                calling.forward_caller_id = Some(ForwardCallerId::from(caller.as_str()));
            }
            Ok(value!({"success": true, "callingEnabled": true}))
        }),
        "disable_whatsapp_calling" => run::<DisableWhatsappCalling, _, _>(routed, |op| {
            active(state, key, &op.id)?.features.calling = None;
            Ok(value!({"success": true, "callingEnabled": false}))
        }),
        "get_call_permissions" => run::<GetCallPermissions, _, _>(routed, |op| {
            by_account(tenant(state, key), &op.account_id)?;
            let expires = permission(tenant(state, key), &op.account_id, &op.to, now);
            Ok(permissions(expires))
        }),
        "place_call" => run::<PlaceCall, _, _>(routed, |op| replayed(state, key, op, now)),
        "estimate_call" => run::<EstimateCall, _, _>(routed, |op| {
            by_account(tenant(state, key), &op.account_id)?;
            let minutes = op.minutes.unwrap_or(1);
            let cost = cost(u64::from(minutes) * 60, op.recording.unwrap_or(false));
            Ok(CallEstimate {
                destination_country: crate::phone::check(&op.to, None)
                    .ok()
                    .and_then(|c| c.region)
                    .map(str::to_owned),
                per_minute_usd: Some(CALL_MINUTE_USD),
                breakdown: Some(cost),
            })
        }),
        "list_calls" => run::<ListCalls, _, _>(routed, |op| Ok(list_calls(tenant(state, key), op))),
        "get_call" => run::<GetCall, _, _>(routed, |op| {
            call(tenant(state, key), &op.account_id, &op.id).cloned()
        }),
        "get_call_recording" => run::<GetCallRecording, _, _>(routed, |op| {
            let url = call(tenant(state, key), &op.account_id, &op.id)?
                .recording_url
                .clone()
                .ok_or_else(Fail::not_found)?;
            Ok(CallRecording { url: Some(url) })
        }),
        _ => features(state, key, routed),
    }
}

/// Calling on: the number's own WhatsApp account only; the caller ID is the business's once
/// verified, the platform's before.
fn enable_calling(
    state: &mut State,
    key: &str,
    op: &EnableWhatsappCalling,
) -> Result<CallingEnabled, Fail> {
    let number = active(state, key, &op.id)?;
    if number.record.social_account_id.as_deref() != Some(op.account_id.as_str()) {
        return Err(Fail::bad_request(
            "accountId is not this number's WhatsApp account",
        ));
    }
    let verified = number.features.caller_id_verified;
    let mode = if verified {
        CallerIdMode::Business
    } else {
        CallerIdMode::Platform
    };
    let digits: String = number
        .record
        .phone_number
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    number.features.calling = Some(WhatsappCalling {
        calling_enabled: Some(true),
        call_deep_link: Some(format!("https://wa.me/call/{digits}")),
        forward_to: Some(op.forward_to.clone()),
        recording_enabled: Some(op.recording_enabled.unwrap_or(false)),
        sip_auth_username: op.sip_auth_username.clone(),
        sip_auth_password_configured: Some(op.sip_auth_password.is_some()),
        call_icon_countries: op.call_icon_countries.clone(),
        outbound_disabled: Some(false),
        caller_id_mode: Some(mode.clone()),
        max_call_duration_seconds: op.max_call_duration_seconds,
        forward_caller_id: op.forward_caller_id.as_deref().map(ForwardCallerId::from),
        ..calling_off(number)
    });
    Ok(CallingEnabled {
        success: Some(true),
        calling_enabled: Some(true),
        sip_hostname: Some("sip.sandbox.zernio.com".into()),
        forward_to: Some(op.forward_to.clone()),
        caller_id_mode: Some(mode),
    })
}

/// Caller ID, voice and SMS.
fn features(state: &mut State, key: &str, routed: &Routed) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "start_caller_id_verification" => run::<StartCallerIdVerification, _, _>(routed, |op| {
            let number = active(state, key, &op.id)?;
            let method = CallerIdMethod::from(op.method.as_deref().unwrap_or("sms"));
            number.features.caller_id = Some(method.as_str().to_owned());
            Ok(CallerIdCodeSent {
                verified: Some(number.features.caller_id_verified),
                code_sent: Some(true),
                method: Some(method),
            })
        }),
        "verify_caller_id" => run::<VerifyCallerId, _, _>(routed, |op| {
            let number = active(state, key, &op.id)?;
            if number.features.caller_id.is_none() {
                return Err(Fail::bad_request(
                    "Start the verification first: no code was sent",
                ));
            }
            if op.code != GOOD_CODE {
                return Err(Fail::bad_request("The code is not valid"));
            }
            number.features.caller_id = None;
            number.features.caller_id_verified = true;
            if let Some(calling) = number.features.calling.as_mut() {
                calling.caller_id_verified = Some(true);
                calling.caller_id_mode = Some(CallerIdMode::Business);
            }
            Ok(CallerIdVerified {
                verified: Some(true),
            })
        }),
        "enable_voice" => run::<EnableVoice, _, _>(routed, |op| {
            let number = active(state, key, &op.id)?;
            let settings = VoiceSettings {
                enabled: Some(true),
                phone_number: number.record.phone_number.clone(),
                pstn_forward_to: op.forward_to.clone(),
                recording_enabled: op.recording_enabled,
                transcription_enabled: op.transcription_enabled,
                transcription_language: op.transcription_language.as_deref().map(Into::into),
                voicemail_enabled: op.voicemail_enabled,
                voicemail_greeting: op.voicemail_greeting.clone(),
                business_hours_enabled: op.business_hours_enabled,
                business_hours_timezone: op.business_hours_timezone.clone(),
                business_hours: op.business_hours.clone(),
                blocked_callers: op.blocked_callers.clone(),
                forward_caller_id: op.forward_caller_id.as_deref().map(Into::into),
                ivr_enabled: op.ivr_enabled,
                ivr_prompt: op.ivr_prompt.clone(),
                ivr_options: op.ivr_options.clone(),
            };
            number.features.voice = Some(settings.clone());
            Ok(settings)
        }),
        "disable_voice" => run::<DisableVoice, _, _>(routed, |op| {
            // Turning off what is off (or on a number no longer live) is done: 200.
            let number = find_mut(tenant(state, key), &op.id)?;
            number.features.voice = None;
            Ok(VoiceDisabled {
                enabled: Some(false),
                phone_number: number.record.phone_number.clone(),
            })
        }),
        "enable_sms" => {
            run::<EnableSms, _, _>(routed, |op| Ok(sms_status(active(state, key, &op.id)?)))
        }
        "disable_sms" => run::<DisableSms, _, _>(routed, |op| {
            // Turning off what is off (or on a number no longer live) is done: 200.
            let number = find_mut(tenant(state, key), &op.id)?;
            number.features.sms = false;
            Ok(SmsDisabled {
                enabled: Some(false),
                phone_number: number.record.phone_number.clone(),
                disabled: Some(true),
            })
        }),
        "reuse_sms_registration" => run::<ReuseSmsRegistration, _, _>(routed, |op| {
            let registration = state.rng.id("reg_");
            let number = active(state, key, &op.id)?;
            number.features.sms_registration = Some(registration.clone());
            number.features.sms = true;
            Ok(SmsRegistration {
                registration_id: Some(registration),
                status: Some(SmsRegistrationStatus::Approved),
            })
        }),
        _ => Err(Fail::next()),
    }
}

/// US and CA numbers send SMS only under an A2P 10DLC registration.
fn needs_registration(number: &Number) -> bool {
    matches!(number.record.country.as_deref(), Some("US" | "CA"))
        && number.features.sms_registration.is_none()
}

/// Enables SMS on `number` unless it still needs a registration; its SMS status.
fn sms_status(number: &mut Number) -> SmsStatus {
    let blocked = needs_registration(number);
    if !blocked {
        number.features.sms = true;
    }
    SmsStatus {
        enabled: Some(number.features.sms),
        id: number.record.id.clone(),
        phone_number: number.record.phone_number.clone(),
        is_active: Some(true),
        country: number.record.country.clone(),
        sms_capable: Some(true),
        mms_capable: Some(matches!(
            number.record.country.as_deref(),
            Some("US" | "CA")
        )),
        domestic_only: Some(false),
        not_ready: Some(false),
        needs_registration: Some(blocked),
        already_registered: Some(number.features.sms_registration.is_some()),
        registration_status: number
            .features
            .sms_registration
            .as_ref()
            .map(|_| SmsRegistrationStatus::Approved),
        reusable: None,
        message: blocked.then(|| {
            "An A2P 10DLC registration is needed first: reuse one (POST /sms/reuse-registration)"
                .to_owned()
        }),
    }
}

/// When the account's permission to call `to` ends, if it has one.
fn permission(tenant: &Tenant, account_id: &str, to: &str, now: Timestamp) -> Option<i64> {
    tenant
        .call_permissions
        .get(&callee(account_id, to))
        .copied()
        .filter(|until| *until > now.unix_seconds())
}

/// The key of a permission: the account and a digest of the callee's number (the state, and so
/// its `Debug` and snapshots, never holds who was called).
fn callee(account_id: &str, to: &str) -> String {
    format!("{account_id} {}", super::key_digest(to.trim()))
}

fn permissions(expires: Option<i64>) -> CallPermissions {
    CallPermissions {
        permission: Some(CallPermission {
            status: Some(if expires.is_some() {
                CallPermissionStatus::Temporary
            } else {
                CallPermissionStatus::NoPermission
            }),
            expiration_time: expires,
        }),
        actions: vec![
            CallAction {
                action_name: Some(CallActionName::SendCallPermissionRequest),
                can_perform_action: Some(expires.is_none()),
            },
            CallAction {
                action_name: Some(CallActionName::StartCall),
                can_perform_action: Some(expires.is_some()),
            },
        ],
    }
}

fn cost(seconds: u64, recording: bool) -> CallCost {
    let minutes = seconds.div_ceil(60);
    #[allow(clippy::cast_precision_loss)] // minutes are small
    let meta = minutes as f64 * CALL_MINUTE_USD;
    #[allow(clippy::cast_precision_loss)]
    let recorded = if recording {
        minutes as f64 * RECORDING_MINUTE_USD
    } else {
        0.0
    };
    CallCost {
        meta_minutes: Some(minutes),
        meta_cost_usd: Some(meta),
        telnyx_cost_usd: Some(0.0),
        recording_cost_usd: Some(recorded),
        billable_cost_usd: Some(meta + recorded),
        total_cost_usd: Some(meta + recorded),
        currency: Some("USD".into()),
    }
}

/// A permission request (accepted at once, for 7 days) or a call (a minute, answered).
/// A call with an `Idempotency-Key` (zernio.md §8.19): the same key and body answer what the
/// first call answered, without placing another; the same key with another body is a 422.
/// (The sandbox answers at once, so no key is ever still in flight: upstream's 409.)
fn replayed(state: &mut State, key: &str, op: &PlaceCall, now: Timestamp) -> Result<Value, Fail> {
    let Some(idempotency) = &op.idempotency_key else {
        return place(state, key, op, now);
    };
    let id = super::key_digest(idempotency);
    let mut body = crate::value_writer::to_value(op).unwrap_or_default();
    if let Some(members) = body.as_object_mut() {
        members.remove("idempotencyKey");
    }
    let request = super::key_digest(&body.to_string());
    let replays = &tenant(state, key).call_replays;
    if let Some((_, first, answer)) = replays.iter().find(|(k, _, _)| *k == id) {
        if *first != request {
            return Err(Fail::zernio(
                422,
                "invalid_request_error",
                None,
                "This Idempotency-Key was used with a different request",
            ));
        }
        return Ok(answer.clone());
    }
    let answer = place(state, key, op, now)?;
    let replays = &mut tenant(state, key).call_replays;
    replays.push((id, request, answer.clone()));
    bound(replays, MAX_CALLS);
    Ok(answer)
}

fn place(state: &mut State, key: &str, op: &PlaceCall, now: Timestamp) -> Result<Value, Fail> {
    let call_id = state.rng.id("call_");
    let message_id = state.rng.id("wamid.");
    let tenant = tenant(state, key);
    let number = by_account(tenant, &op.account_id)?;
    let Some(calling) = number.features.calling.clone() else {
        return Err(Fail::zernio(
            422,
            "invalid_request_error",
            None,
            "Calling is not enabled on this number",
        ));
    };
    let from = number.record.phone_number.clone();
    if op.action.as_deref() == Some("send_call_permission_request") {
        let granted = callee(&op.account_id, &op.to);
        let permissions = &mut tenant.call_permissions;
        permissions.retain(|_, until| *until > now.unix_seconds());
        if permissions.len() >= MAX_CALLS && !permissions.contains_key(&granted) {
            // The one that ends soonest makes room.
            if let Some(soonest) = permissions
                .iter()
                .min_by_key(|(_, until)| **until)
                .map(|(k, _)| k.clone())
            {
                permissions.remove(&soonest);
            }
        }
        permissions.insert(granted, now.unix_seconds() + PERMISSION_SECONDS);
        return Ok(
            value!({"success": true, "action": "send_call_permission_request", "messageId": message_id}),
        );
    }
    if permission(tenant, &op.account_id, &op.to, now).is_none() {
        return Err(Fail::zernio(
            409,
            "invalid_request_error",
            None,
            "No active call permission for this number: send a permission request first",
        ));
    }
    let recording = op
        .record_override
        .unwrap_or(calling.recording_enabled == Some(true));
    let call = Call {
        id: Some(call_id.clone()),
        direction: Some(CallDirection::Outbound),
        from,
        to: Some(op.to.clone()),
        status: Some(CallStatus::Ended),
        started_at: Some(now.to_string()),
        ended_at: Some(later(now, i64::try_from(CALL_SECONDS).unwrap_or(0)).to_string()),
        duration_seconds: Some(CALL_SECONDS),
        end_reason: Some(crate::api::zernio::CallEndReason::Hangup),
        recording_url: recording
            .then(|| format!("https://sandbox.zernio.com/recordings/{call_id}.mp3")),
        billing: Some(cost(CALL_SECONDS, recording)),
    };
    tenant.calls.push((op.account_id.clone(), call));
    bound(&mut tenant.calls, MAX_CALLS);
    Ok(value!({"success": true, "callId": call_id, "status": "dialing"}))
}

fn call<'a>(tenant: &'a Tenant, account_id: &str, id: &str) -> Result<&'a Call, Fail> {
    tenant
        .calls
        .iter()
        .find(|(account, c)| account == account_id && c.id.as_deref() == Some(id))
        .map(|(_, c)| c)
        .ok_or_else(Fail::not_found)
}

fn seconds(time: &str) -> Option<i64> {
    Timestamp::parse(time).ok().map(Timestamp::unix_seconds)
}

fn started(call: &Call) -> Option<i64> {
    call.started_at.as_deref().and_then(seconds)
}

/// The account's calls, newest first, `limit` (50) a page, older ones after `before`.
fn list_calls(tenant: &Tenant, op: &ListCalls) -> CallPage {
    let mine = tenant
        .calls
        .iter()
        .rev()
        .filter(|(account, _)| *account == op.account_id)
        .map(|(_, c)| c);
    let mut after_cursor = op.before.is_none();
    let mut page = Vec::new();
    let limit = usize::try_from(op.limit.unwrap_or(50)).unwrap_or(50);
    let mut more = false;
    for call in mine {
        if !after_cursor {
            after_cursor = call.id == op.before;
            continue;
        }
        let keep = op
            .status
            .as_deref()
            .is_none_or(|s| call.status.as_ref().is_some_and(|cs| cs.as_str() == s))
            && op
                .direction
                .as_deref()
                .is_none_or(|d| call.direction.as_ref().is_some_and(|cd| cd.as_str() == d))
            && op
                .since
                .as_deref()
                .is_none_or(|s| started(call).zip(seconds(s)).is_some_and(|(at, s)| at >= s))
            && op
                .until
                .as_deref()
                .is_none_or(|u| started(call).zip(seconds(u)).is_some_and(|(at, u)| at < u));
        if !keep {
            continue;
        }
        if page.len() == limit {
            more = true;
            break;
        }
        page.push(call.clone());
    }
    let next_cursor = if more {
        page.last().and_then(|c| c.id.clone())
    } else {
        None
    };
    CallPage {
        calls: page,
        next_cursor,
    }
}
