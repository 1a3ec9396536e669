//! The controls, under `/_sandbox/` (never an API path), like Stripe's test clocks and moto's
//! state manager:
//!
//! | request | does |
//! |---|---|
//! | `GET /_sandbox/clock` | `{now}`: the sandbox time |
//! | `POST /_sandbox/clock` `{by: seconds}` or `{to: RFC 3339}` | moves the clock forward; reviews that end meanwhile end, their webhooks are sent |
//! | `POST /_sandbox/numbers/{id}/{action}` | forces `approve`, `decline` (`{reason}`), `action_required` (`{reason}`), `verification_required`, `suspend` (`{reason}`), `reactivate` on a number of the caller's account |
//! | `GET /_sandbox/deliveries` | the caller's webhook delivery attempts due and not yet taken (and takes them); see [`super::delivery`] for reporting outcomes and redelivery |
//! | `GET /_sandbox/invoice?start=YYYY-MM-DD&end=YYYY-MM-DD` | what the caller's account is charged for `[start, end)`: its numbers' status history priced by [`crate::pricing::invoice`] |
//! | `POST /_sandbox/faults` `{operation, status?, code?, malformed?, latencyMs?, drop?, times?}` | the next `times` (1) calls of `operation` on the caller's account answer `status` with the API's error body (`code`: Zernio's text code, Graph's number), or a body that is not JSON (`malformed`); `latencyMs` makes the host wait before answering, `drop` makes it answer nothing (the hosts act these out: the core never sleeps) |
//! | `DELETE /_sandbox/faults` | no planted failures left on the caller's account |
//! | `POST /_sandbox/keys` `{keys: [...] \| null}` | only these keys (and access tokens) are accounts, any other is the API's 401 (`null`: any key again) |
//! | `POST /_sandbox/reset` | the state of a new sandbox of the same seed |
//! | `GET /_sandbox/snapshot` | the whole state, as JSON |
//! | `POST /_sandbox/restore` (a snapshot) | the state the snapshot holds |
//! | `POST /_sandbox/graph/webhook` `{url, appSecret}` | the caller's (access token's) Graph app webhook subscription; see [`super::graph_hooks`] |
//! | `POST /_sandbox/graph/{phoneNumberId}/quality` `{qualityRating?, messagingLimitTier?, throughputLevel?}` | what Meta decides about a number, with its `phone_number_quality_update` webhook |
//! | `GET /_sandbox/journal` | the latest requests (the caller's; every account's without a key): time, method, path, operation, status, request id — never a body, header or query |
//!
//! The bindings' control methods are these requests by name ([`super::Sandbox::control`]).

use serde_json::Value;

use super::numbers::{self, transition};
use super::state::State;
use super::{json_response, member, tenant_key};
use crate::api::{HttpRequest, HttpResponse, Method};
use crate::datetime::Timestamp;
use crate::macros::value;
use crate::status::NumberEvent;

/// Answers a control request (`path` is what follows `/_sandbox/`).
pub fn handle(
    state: &mut State,
    request: &HttpRequest,
    path: &str,
    now: Timestamp,
) -> HttpResponse {
    let body: Value = if request.body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&request.body) {
            Ok(body) => body,
            Err(_) => return bad("the body is not JSON"),
        }
    };
    // A new key is a new account: the bound on accounts holds for the controls too.
    if let Some(full) = tenant_key(request).and_then(|key| super::full_house(state, &key)) {
        return full;
    }
    let segments: Vec<&str> = path.split('/').collect();
    if let Some(message) = super::calls::unknown_member(request.method, &segments, &body) {
        return bad(&message);
    }
    match (request.method, segments.as_slice()) {
        (Method::Get, ["clock"]) => json_response(200, &value!({"now": now.to_string()})),
        (Method::Post, ["clock"]) => advance(state, &body, now),
        (Method::Post, ["numbers", id, action]) => force(state, request, id, action, &body, now),
        (Method::Get, ["deliveries"]) => {
            // The caller's own (by its key); the others stay queued.
            let caller = tenant_key(request).unwrap_or_default();
            let taken = super::delivery::take(state, |d| d.account == caller);
            json_response(
                200,
                &value!({"deliveries": taken.iter().map(delivery_json).collect::<Vec<_>>()}),
            )
        }
        (Method::Post, ["deliveries", "redeliver"]) => match tenant_key(request) {
            Some(key) => super::delivery::redeliver(state, &key, &body, now),
            None => super::error::unauthorized(),
        },
        (Method::Post, ["deliveries", id]) => {
            match crate::error::from_value(if body.is_null() { value!({}) } else { body }) {
                Ok(outcome) => {
                    let caller = tenant_key(request);
                    super::delivery::report(state, caller.as_deref(), id, outcome, now)
                }
                Err(e) => bad(e.message()),
            }
        }
        (Method::Get, ["journal"]) => {
            // The caller's requests, or every request when asked without a key.
            let caller = tenant_key(request);
            let entries: Vec<_> = state
                .journal
                .iter()
                .filter(|e| caller.is_none() || e.account == caller)
                .collect();
            json_response(200, &member("requests", &entries))
        }
        (Method::Post, ["restore"]) => match crate::error::from_value::<State>(body) {
            Ok(restored) => {
                if let Some(over) = restored.over_bounds() {
                    return bad(&format!("not a snapshot this sandbox takes: {over}"));
                }
                *state = restored;
                json_response(200, &value!({"restored": true}))
            }
            Err(e) => bad(e.message()),
        },
        (Method::Get, ["invoice"]) => invoice(state, request),
        (Method::Post, ["graph", "webhook"]) => match tenant_key(request) {
            Some(key) => super::graph_hooks::subscribe(state, &key, &body),
            None => super::error::unauthorized(),
        },
        (Method::Post, ["graph", id, "quality"]) => match tenant_key(request) {
            Some(key) => super::graph_hooks::set_quality(state, &key, id, &body, now),
            None => super::error::unauthorized(),
        },
        (Method::Post, ["faults"]) => plant(state, request, body),
        (Method::Delete, ["faults"]) => match tenant_key(request) {
            Some(key) => {
                numbers::tenant(state, &key).faults.clear();
                json_response(200, &value!({"faults": []}))
            }
            None => super::error::unauthorized(),
        },
        (Method::Post, ["keys"]) => keys(state, &body),
        (Method::Post, ["reset"]) => {
            *state = State::new(state.seed);
            json_response(200, &value!({"reset": true}))
        }
        (Method::Get, ["snapshot"]) => json_response(200, &*state),
        _ => json_response(404, &value!({"error": "Not found", "type": "not_found"})),
    }
}

pub(super) fn bad(message: &str) -> HttpResponse {
    json_response(
        400,
        &value!({"error": message, "type": "invalid_request_error"}),
    )
}

/// A delivery with its body as text.
fn delivery_json(d: &super::Delivery) -> Value {
    let mut json = d.head();
    if let Value::Object(members) = &mut json {
        members.insert(
            "body".to_owned(),
            String::from_utf8_lossy(&d.body).into_owned().into(),
        );
    }
    json
}

/// The longest single move of the clock: ten years.
const MAX_ADVANCE_SECONDS: i64 = 10 * 366 * 86_400;

fn advance(state: &mut State, body: &Value, now: Timestamp) -> HttpResponse {
    let by = match (
        body.get("by").and_then(Value::as_i64),
        body.get("to").and_then(Value::as_str),
    ) {
        (Some(by), None) => by,
        (None, Some(to)) => match Timestamp::parse(to) {
            Ok(to) => now.seconds_until(to),
            Err(_) => return bad("to must be an RFC 3339 time, e.g. 2026-12-01T00:00:00Z"),
        },
        _ => return bad("give either by (seconds) or to (an RFC 3339 time)"),
    };
    if !(0..=MAX_ADVANCE_SECONDS).contains(&by) {
        return bad("the clock moves forward only, by at most ten years at a time");
    }
    state.offset_seconds = state.offset_seconds.saturating_add(by);
    let later = super::later(now, by);
    state.latest = Some(later);
    state.tick(later);
    json_response(200, &value!({"now": later.to_string()}))
}

fn force(
    state: &mut State,
    request: &HttpRequest,
    id: &str,
    action: &str,
    body: &Value,
    now: Timestamp,
) -> HttpResponse {
    let Some(key) = tenant_key(request) else {
        return super::error::unauthorized();
    };
    let reason = body.get("reason").and_then(Value::as_str);
    let result = match action {
        "approve" => numbers::approve(state, &key, id, now),
        "decline" => transition(
            state,
            &key,
            id,
            NumberEvent::Declined,
            now,
            Some(reason.unwrap_or(super::kyc::DECLINE_REASON)),
        )
        .map(|_| ()),
        "action_required" => {
            transition(state, &key, id, NumberEvent::ActionRequired, now, reason).map(|_| ())
        }
        "verification_required" => transition(
            state,
            &key,
            id,
            NumberEvent::VerificationRequired,
            now,
            None,
        )
        .map(|_| ()),
        "suspend" => transition(
            state,
            &key,
            id,
            NumberEvent::Suspended,
            now,
            Some(reason.unwrap_or("payment_failed")),
        )
        .map(|_| ()),
        "reactivate" => {
            transition(state, &key, id, NumberEvent::Reactivated, now, None).map(|_| ())
        }
        _ => return json_response(404, &value!({"error": "Not found", "type": "not_found"})),
    };
    match result.and_then(|()| {
        let tenant = numbers::tenant(state, &key);
        numbers::find(tenant, id).map(|n| n.record.clone())
    }) {
        Ok(record) => json_response(200, &member("number", &record)),
        Err(fail) => fail.response(),
    }
}

/// The caller's charges for `[start, end)`, from the sandbox's own history.
fn invoice(state: &mut State, request: &HttpRequest) -> HttpResponse {
    let Some(key) = tenant_key(request) else {
        return super::error::unauthorized();
    };
    let (_, query) = crate::api::wire::url_parts(&request.url);
    let date = |name: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| crate::Date::parse(v).ok())
    };
    let (Some(start), Some(end)) = (date("start"), date("end")) else {
        return bad("give start and end as YYYY-MM-DD");
    };
    let fleet: Vec<crate::pricing::FleetNumber> = numbers::tenant(state, &key)
        .numbers
        .iter()
        .map(|n| crate::pricing::FleetNumber {
            id: n.record.id.clone(),
            phone_number: n.record.phone_number.clone(),
            country: n.record.country.clone().unwrap_or_default(),
            monthly_cents: n.record.monthly_cents.unwrap_or_default(),
            status: n.record.status.clone(),
            history: n.history.clone(),
        })
        .collect();
    match crate::pricing::invoice(&fleet, start, end) {
        Ok(invoice) => json_response(200, &invoice),
        Err(e) => bad(e.message()),
    }
}

/// `POST /_sandbox/keys` `{keys: [...]}`: only these keys (and access tokens) are accounts
/// from now on, any other is the API's 401; `{keys: null}`: any key is an account again.
fn keys(state: &mut State, body: &Value) -> HttpResponse {
    match body.get("keys") {
        Some(Value::Null) | None => state.keys = None,
        Some(Value::Array(list)) if list.len() <= super::state::MAX_ACCOUNTS => {
            let mut digests = std::collections::BTreeSet::new();
            for key in list {
                let Some(key) = key.as_str().filter(|k| !k.trim().is_empty()) else {
                    return bad("keys is a list of API keys or access tokens (text)");
                };
                digests.insert(super::key_digest(key.trim()));
            }
            state.keys = Some(digests);
        }
        Some(_) => return bad("keys is a list of at most 1000 API keys or access tokens, or null"),
    }
    json_response(200, &value!({"strict": state.keys.is_some()}))
}

/// Plants a failure for the next calls of an operation on the caller's account.
fn plant(state: &mut State, request: &HttpRequest, body: Value) -> HttpResponse {
    let Some(key) = tenant_key(request) else {
        return super::error::unauthorized();
    };
    let fault: super::state::Fault = match crate::error::from_value(body) {
        Ok(fault) => fault,
        Err(e) => return bad(e.message()),
    };
    let known = crate::api::table::OPERATIONS
        .iter()
        .any(|spec| spec.name == fault.operation);
    if !known {
        return bad("operation must be an operation of the table, e.g. purchase or register");
    }
    if fault.status.is_some_and(|s| !(400..600).contains(&s))
        || fault.times == 0
        || fault.times > 1000
    {
        return bad("status is 400 to 599 and times 1 to 1000");
    }
    if fault.status.is_none() && fault.latency_ms == 0 && !fault.drop {
        return bad("give status (an error answer), latencyMs (a slow answer) or drop (no answer)");
    }
    if fault.latency_ms > 60_000 {
        return bad("latencyMs is at most 60000 (a minute)");
    }
    let code_ok = match &fault.code {
        None | Some(Value::Null) => true,
        Some(Value::String(code)) => code.len() <= 100,
        Some(Value::Number(code)) => code.as_u64().is_some_and(|c| u32::try_from(c).is_ok()),
        Some(_) => false,
    };
    if !code_ok {
        return bad("code is Zernio's text code (at most 100 characters) or Graph's number");
    }
    let faults = &mut numbers::tenant(state, &key).faults;
    if faults.len() >= super::state::MAX_FAULTS {
        return bad("at most 100 planted failures per account");
    }
    faults.push(fault);
    json_response(200, &member("faults", &*faults))
}
