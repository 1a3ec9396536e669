//! The delivery engine: each webhook delivery is an attempt the host sends (or reads
//! in-process), reports the outcome of, and — on a failure — sees again after Zernio's retry
//! delay on the **sandbox clock**: up to seven attempts, 0 s, 10 s, 100 s, 1,000 s, 10,000 s,
//! 24 h, 24 h apart; after the seventh the event is dead-lettered. Graph's webhooks are retried
//! as Meta retries them: with backoff, for up to 7 days ([`retry_delay`]). Every reported attempt is a
//! `GET /v1/webhooks/logs` row; any logged event can be sent again (redelivery). A
//! subscription with no success for 3 days, and 20 dead-lettered events in a row or 3 days of
//! failures, is disabled (`isActive: false`), as Zernio disables it.
//!
//! | control | does |
//! |---|---|
//! | `GET /_sandbox/deliveries` | the caller's attempts due and not yet taken (and takes them) |
//! | `POST /_sandbox/deliveries/{id}` `{status?, error?, ms?, response?}` | the outcome of a taken attempt (of the caller's account with a key; any without): success is a 2xx within 5,000 ms; a failure schedules the next attempt |
//! | `POST /_sandbox/deliveries/redeliver` `{eventId, webhookId?}` | sends a logged event again, signed with the subscription's current secret |

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::numbers::tenant;
use super::state::{Delivery, MAX_LOGS, MAX_OUTBOX, State, bound};
use super::{Fail, later, run};
use crate::api::HttpResponse;
use crate::api::wire::Routed;
use crate::api::zernio::{
    DeliveryStatus, GetWebhookLogs, LogPagination, WebhookLog, WebhookLogPage,
};
use crate::datetime::Timestamp;
use crate::macros::value;

/// Seconds from one failed attempt to the next (Zernio's schedule: attempt 2 comes 10 s after
/// attempt 1 failed, …, attempt 7 24 h after attempt 6).
pub const RETRY_DELAYS: [i64; 6] = [10, 100, 1_000, 10_000, 86_400, 86_400];

/// How long Meta keeps retrying a Graph webhook (reference meta.md: "up to 7 days with
/// backoff").
pub const GRAPH_RETRY_SECONDS: i64 = 7 * 86_400;

/// The wait after failed attempt `attempt` (from 1), or `None` when there is no next one.
/// Zernio: its published schedule. Graph: Meta publishes only "up to 7 days with backoff", so
/// the sandbox doubles from a minute up to a day between attempts and stops at 7 days.
pub fn retry_delay(graph: bool, attempt: u32) -> Option<i64> {
    if !graph {
        let at = usize::try_from(attempt).ok()?.checked_sub(1)?;
        return RETRY_DELAYS.get(at).copied();
    }
    if attempt == 0 || attempt > 64 {
        return None; // past 7 days long before
    }
    let wait = |k: u32| (60_i64 << k.saturating_sub(1).min(20)).min(86_400);
    let elapsed: i64 = (1..attempt).map(wait).sum();
    let next = wait(attempt);
    (elapsed + next <= GRAPH_RETRY_SECONDS).then_some(next)
}

/// Upstream counts an answer slower than this as a failure.
pub const TIMEOUT_MS: u64 = 5_000;

/// The longest response time a report keeps.
const MAX_MS: u64 = 86_400_000;

/// Moves the retries that are due at `now` into the outbox, earliest first.
pub fn tick(state: &mut State, now: Timestamp) {
    if state.retries.is_empty() {
        return;
    }
    let (mut due, kept): (Vec<Delivery>, Vec<Delivery>) = std::mem::take(&mut state.retries)
        .into_iter()
        .partition(|d| d.due_at.unix_seconds() <= now.unix_seconds());
    state.retries = kept;
    crate::sort::sort_by(&mut due, |a, b| {
        a.due_at.unix_seconds().cmp(&b.due_at.unix_seconds())
    });
    for delivery in due {
        state.deliver(delivery);
    }
}

/// Takes the outbox's attempts that `keep` selects, remembering them until their outcome is
/// reported.
pub fn take(state: &mut State, keep: impl Fn(&Delivery) -> bool) -> Vec<Delivery> {
    let (taken, kept): (Vec<Delivery>, Vec<Delivery>) = std::mem::take(&mut state.outbox)
        .into_iter()
        .partition(|d| keep(d));
    state.outbox = kept;
    state.inflight.extend(taken.iter().cloned());
    bound(&mut state.inflight, MAX_OUTBOX);
    taken
}

/// What the host saw when it sent an attempt.
#[derive(Debug, Default, Deserialize, crate::Decode)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The endpoint's HTTP status (none: it could not be reached).
    #[serde(default)]
    pub status: Option<u16>,
    /// Why it could not be reached (a short reason, e.g. `connection refused`).
    #[serde(default)]
    pub error: Option<String>,
    /// How long the endpoint took.
    #[serde(default)]
    pub ms: Option<u64>,
    /// The start of the endpoint's answer (at most 1,000 characters are kept).
    #[serde(default)]
    pub response: Option<String>,
}

/// The outcome of taken attempt `id` (of the caller's account when a key is given; the host
/// sending every account's deliveries reports without one): a log row, and on a failure the
/// next attempt scheduled (`next`: when, or `null` once the seventh failed).
pub fn report(
    state: &mut State,
    caller: Option<&str>,
    id: &str,
    outcome: Outcome,
    now: Timestamp,
) -> HttpResponse {
    let Some(at) = state
        .inflight
        .iter()
        .position(|d| d.id == id && caller.is_none_or(|k| d.account == k))
    else {
        return super::json_response(
            404,
            &value!({"error": "No taken delivery has this id (take deliveries first; report each once)", "type": "not_found"}),
        );
    };
    let delivery = state.inflight.remove(at);
    let key = delivery.account.clone();
    let key = key.as_str();
    // A day at most (and exact in every JSON reader).
    let ms = outcome.ms.unwrap_or(0).min(MAX_MS);
    let ok = outcome.status.is_some_and(|s| (200..300).contains(&s)) && ms <= TIMEOUT_MS;
    let error = match (&outcome.error, outcome.status) {
        _ if ok => None,
        (Some(error), _) => Some(error.chars().take(200).collect::<String>()),
        (None, _) if ms > TIMEOUT_MS => Some("timed out after 5000 ms".to_owned()),
        (None, Some(status)) => Some(format!("HTTP {status}")),
        (None, None) => Some("not delivered".to_owned()),
    };
    let dead = !ok && usize::try_from(delivery.attempt).is_ok_and(|a| a > RETRY_DELAYS.len());
    // (Graph's attempts are the app's: no webhook of the account counts them.)
    let (name, disable) = settle(state, key, &delivery.webhook_id, ok, dead, now);
    let payload: Option<Value> = serde_json::from_slice(&delivery.body).ok();
    let log = WebhookLog {
        user_id: None,
        webhook_id: Some(delivery.webhook_id.clone()),
        webhook_name: name,
        event_id: Some(delivery.event_id.clone()),
        event: Some(delivery.event.clone()),
        test: payload
            .as_ref()
            .and_then(|p| p.get("test"))
            .and_then(Value::as_bool),
        url: Some(delivery.url.clone()),
        status: Some(if ok {
            DeliveryStatus::Success
        } else {
            DeliveryStatus::Failed
        }),
        status_code: outcome.status,
        request_payload: payload,
        response_body: outcome.response.map(|r| r.chars().take(1_000).collect()),
        error_message: error,
        attempt_number: Some(delivery.attempt),
        response_time: Some(ms),
        created_at: Some(now.to_string()),
    };
    // Graph's attempts are the app's, not Zernio's: they are retried, never logged there.
    if delivery.webhook_id != super::graph_hooks::GRAPH_WEBHOOK {
        let logs = &mut tenant(state, key).logs;
        logs.push(log.clone());
        bound(logs, MAX_LOGS);
    }
    let next = if ok || disable {
        None
    } else {
        let graph = delivery.webhook_id == super::graph_hooks::GRAPH_WEBHOOK;
        retry_delay(graph, delivery.attempt).map(|delay| {
            let retry = Delivery {
                id: state.ids.id("dlv_"),
                attempt: delivery.attempt + 1,
                due_at: later(now, delay),
                ..delivery
            };
            let due = retry.due_at;
            state.retries.push(retry);
            bound(&mut state.retries, MAX_OUTBOX);
            due
        })
    };
    super::json_response(
        200,
        &Attempted {
            log: &log,
            next: next.map(|t| t.to_string()),
            dead_lettered: !ok && next.is_none(),
        },
    )
}

/// The answer to a delivery attempt made by hand: its log, when it is tried again, and whether
/// it went to the dead letters.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attempted<'a> {
    log: &'a WebhookLog,
    next: Option<String>,
    dead_lettered: bool,
}

/// The subscription's counters after an attempt (and the auto-disable rule): its name, and
/// whether it is now disabled (its pending attempts are dropped).
fn settle(
    state: &mut State,
    key: &str,
    id: &str,
    ok: bool,
    dead: bool,
    now: Timestamp,
) -> (Option<String>, bool) {
    let disable = health(state, key, id, ok, dead, now);
    let hooks = &mut tenant(state, key).webhooks;
    let webhook = hooks.iter_mut().find(|w| w.id.as_deref() == Some(id));
    let name = webhook.as_ref().and_then(|w| w.name.clone());
    if let Some(webhook) = webhook {
        if ok {
            webhook.last_fired_at = Some(now.to_string());
            webhook.failure_count = Some(0);
        } else {
            webhook.failure_count = Some(webhook.failure_count.unwrap_or(0).saturating_add(1));
        }
        if disable {
            webhook.is_active = Some(false);
        }
    }
    if disable {
        state
            .retries
            .retain(|d| d.account != key || d.webhook_id != id);
        state
            .outbox
            .retain(|d| d.account != key || d.webhook_id != id);
    }
    (name, disable)
}

/// Three days: the auto-disable rule's window.
const DISABLE_AFTER_SECONDS: i64 = 3 * 86_400;
/// Dead-lettered events in a row that, with no success for three days, disable a webhook.
const DISABLE_AFTER_DEAD_LETTERS: u32 = 20;

/// Records an attempt's outcome for webhook `id` and says whether the subscription is now
/// auto-disabled: Zernio's rule (its newest statement, the SDK's model docs) is no success
/// within 3 days, and 20 dead-lettered events in a row or failures for 3 days.
fn health(state: &mut State, key: &str, id: &str, ok: bool, dead: bool, now: Timestamp) -> bool {
    let tenant = tenant(state, key);
    // Kept only for subscriptions that exist (so it stays as bounded as they are).
    if !tenant.webhooks.iter().any(|w| w.id.as_deref() == Some(id)) {
        return false;
    }
    let health = tenant.hook_health.entry(id.to_owned()).or_default();
    if ok {
        *health = super::state::HookHealth {
            last_success: Some(now),
            ..Default::default()
        };
        return false;
    }
    let since = *health.failing_since.get_or_insert(now);
    if dead {
        health.dead_letters = health.dead_letters.saturating_add(1);
    }
    let old = |t: Timestamp| now.unix_seconds() - t.unix_seconds() >= DISABLE_AFTER_SECONDS;
    health.last_success.is_none_or(old)
        && (health.dead_letters >= DISABLE_AFTER_DEAD_LETTERS || old(since))
}

/// Sends the latest logged delivery of `eventId` (to `webhookId` if given) again, as a new
/// first attempt, to the subscription's current URL and signed with its current secret.
pub fn redeliver(state: &mut State, key: &str, body: &Value, now: Timestamp) -> HttpResponse {
    let Some(event_id) = body.get("eventId").and_then(Value::as_str) else {
        return super::control::bad("give eventId (of a logged delivery)");
    };
    let webhook_id = body.get("webhookId").and_then(Value::as_str);
    let tenant = tenant(state, key);
    let Some(log) = tenant.logs.iter().rev().find(|l| {
        l.event_id.as_deref() == Some(event_id)
            && webhook_id.is_none_or(|w| l.webhook_id.as_deref() == Some(w))
    }) else {
        return super::json_response(
            404,
            &value!({"error": "No logged delivery of this event", "type": "not_found"}),
        );
    };
    let (Some(payload), Some(event)) = (log.request_payload.clone(), log.event.clone()) else {
        return super::json_response(
            404,
            &value!({"error": "No logged delivery of this event", "type": "not_found"}),
        );
    };
    let Some(webhook) = tenant
        .webhooks
        .iter()
        .find(|w| w.id == log.webhook_id)
        .cloned()
    else {
        return super::json_response(
            404,
            &value!({"error": "The webhook was deleted", "type": "not_found"}),
        );
    };
    super::hooks::deliver(state, key, &webhook, &event, event_id, &payload, now);
    super::json_response(200, &value!({"success": true}))
}

/// `GET /v1/webhooks/logs`: the account's logged attempts, most recent first, filtered and
/// paged as upstream does.
pub fn logs(state: &mut State, key: &str, routed: &Routed) -> Result<HttpResponse, Fail> {
    run::<GetWebhookLogs, _, _>(routed, |op| {
        let status = op.status.as_deref();
        let matching: Vec<&WebhookLog> = tenant(state, key)
            .logs
            .iter()
            .rev()
            .filter(|l| status.is_none_or(|s| l.status.as_ref().is_some_and(|ls| ls.as_str() == s)))
            .filter(|l| op.event.is_none() || l.event == op.event)
            .filter(|l| op.webhook_id.is_none() || l.webhook_id == op.webhook_id)
            .filter(|l| op.event_id.is_none() || l.event_id == op.event_id)
            .collect();
        let limit = u64::from(op.limit.unwrap_or(50));
        let skip = u64::from(op.skip.unwrap_or(0));
        let total = matching.len() as u64;
        let page: Vec<WebhookLog> = matching
            .into_iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .cloned()
            .collect();
        Ok(WebhookLogPage {
            logs: page,
            pagination: Some(LogPagination {
                total: Some(total),
                limit: Some(limit),
                skip: Some(skip),
                pages: Some(total.div_ceil(limit.max(1))),
                has_more: Some(skip + limit < total),
            }),
        })
    })
}
