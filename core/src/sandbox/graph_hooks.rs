//! Graph's webhooks: an app's subscription (callback URL and App Secret, set through the
//! `graph_webhook` control, as an app's dashboard would), and the WABA-field events the sandbox
//! sends to it, in Meta's envelope (`object: whatsapp_business_account`, `entry[].changes[]`),
//! the body escaped as Meta escapes it (non-ASCII as `\uXXXX`) and signed
//! `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed by the App Secret>`:
//!
//! | field | when |
//! |---|---|
//! | `phone_number_name_update` | a display-name review ends (`APPROVED`) |
//! | `phone_number_quality_update` | the `graph_quality` control changes a number's messaging limit (`UPGRADE`/`DOWNGRADE`), quality (`FLAGGED`/`UNFLAGGED`) or throughput (`THROUGHPUT_UPGRADE`) |
//! | `account_update` | a number's code is verified (`VERIFIED_ACCOUNT`, with `phone_number`) |
//!
//! They go through the same delivery engine as Zernio's (attempts, retries, logs).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::numbers::tenant;
use super::state::{Delivery, State};
use crate::api::HttpResponse;
use crate::api::graph::{MessagingLimitTier, QualityRating, Throughput, ThroughputLevel};
use crate::datetime::Timestamp;
use crate::macros::value;

/// The `webhookId` of Graph's deliveries.
pub const GRAPH_WEBHOOK: &str = "graph";

/// An app's webhook subscription. `Debug` hides the App Secret.
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
pub struct GraphWebhook {
    /// The callback URL.
    pub url: String,
    /// The App Secret the signature is keyed with.
    pub app_secret: String,
}

impl std::fmt::Debug for GraphWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphWebhook")
            .field("url", &crate::api::zernio::shown_url(&self.url))
            .field("app_secret", &"<redacted>")
            .finish()
    }
}

/// JSON as Meta writes webhook bodies (reference meta.md §5): every non-ASCII character as a
/// lowercase `\uXXXX` escape (UTF-16 pairs above the BMP), `/` as `\/`, and `<`, `>`, `%`, `@`
/// as `\u003c`, `\u003e`, `\u0025`, `\u0040`, so a verifier that hashes anything but the raw
/// bytes fails here as it would against Meta.
fn meta_json(value: &Value) -> Vec<u8> {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    // These occur only inside strings in JSON text, so escaping them anywhere is safe.
    for c in text.chars() {
        if c == '/' {
            out.push_str("\\/");
        } else if matches!(c, '<' | '>' | '%' | '@') {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out.into_bytes()
}

/// Sends WABA field `field` with `value` to the account's app subscription, if it has one.
pub fn emit(
    state: &mut State,
    key: &str,
    waba_id: &str,
    field: &str,
    value: &Value,
    now: Timestamp,
) {
    let Some(hook) = tenant(state, key).graph_webhook.clone() else {
        return;
    };
    let body = meta_json(&value!({
        "object": "whatsapp_business_account",
        "entry": [{"id": waba_id, "time": now.unix_seconds(), "changes": [{"field": field, "value": value}]}],
    }));
    let signature = format!(
        "sha256={}",
        crate::webhook::zernio_signature(hook.app_secret.as_bytes(), &body)
    );
    let id = state.ids.id("dlv_");
    let event_id = state.rng.id("evt_");
    state.deliver(Delivery {
        id,
        account: key.to_owned(),
        webhook_id: GRAPH_WEBHOOK.to_owned(),
        url: hook.url,
        event: field.to_owned(),
        event_id,
        headers: vec![
            ("content-type".to_owned(), "application/json".to_owned()),
            ("x-hub-signature-256".to_owned(), signature),
        ],
        body,
        attempt: 1,
        due_at: now,
    });
}

/// The digits of an E.164 number (how Meta's webhooks write `display_phone_number`).
pub fn digits(e164: Option<&str>) -> String {
    e164.unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// `POST /_sandbox/graph/webhook` `{url, appSecret}` (a `null` url removes the subscription).
pub fn subscribe(state: &mut State, key: &str, body: &Value) -> HttpResponse {
    let url = body.get("url").and_then(Value::as_str);
    let secret = body.get("appSecret").and_then(Value::as_str);
    let hook = &mut tenant(state, key).graph_webhook;
    match (url, secret) {
        (None, _) => *hook = None,
        (Some(url), Some(secret))
            if !secret.trim().is_empty()
                && url.len() <= 2_000
                && crate::api::zernio::check_url(url).is_ok() =>
        {
            *hook = Some(GraphWebhook {
                url: url.to_owned(),
                app_secret: secret.to_owned(),
            });
        }
        _ => {
            return super::control::bad(
                "give url (http:// or https://) and appSecret (or url: null to stop)",
            );
        }
    }
    super::json_response(200, &value!({"subscribed": url.is_some()}))
}

/// Meta's messaging limits, lowest first.
const TIERS: [&str; 8] = [
    "TIER_NOT_SET",
    "TIER_50",
    "TIER_250",
    "TIER_1K",
    "TIER_2K",
    "TIER_10K",
    "TIER_100K",
    "TIER_UNLIMITED",
];

/// `POST /_sandbox/graph/{phoneNumberId}/quality` `{qualityRating?, messagingLimitTier?,
/// throughputLevel?}`: sets what Meta decides about a number and sends the quality webhook.
pub fn set_quality(
    state: &mut State,
    key: &str,
    id: &str,
    body: &Value,
    now: Timestamp,
) -> HttpResponse {
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
    let (rating, tier, level) = (
        text("qualityRating"),
        text("messagingLimitTier"),
        text("throughputLevel"),
    );
    let Some(node) = tenant(state, key)
        .graph
        .iter_mut()
        .find(|n| n.record.id.as_deref() == Some(id))
    else {
        return super::json_response(
            404,
            &value!({"error": "No Graph number has this id", "type": "not_found"}),
        );
    };
    let display = digits(node.record.display_phone_number.as_deref());
    let waba = node.waba_id.clone();
    let old_tier = node.record.messaging_limit_tier.clone();
    let old_rating = node.record.quality_rating.clone();
    let mut events = Vec::new();
    let changed = |t: &String| old_tier.as_ref().map(MessagingLimitTier::as_str) != Some(t);
    if let Some(tier) = tier.filter(changed) {
        let tier = MessagingLimitTier::from(tier.as_str());
        let rank = |t: Option<&MessagingLimitTier>| {
            TIERS
                .iter()
                .position(|n| Some(*n) == t.map(MessagingLimitTier::as_str))
        };
        let event = if rank(Some(&tier)) >= rank(old_tier.as_ref()) {
            "UPGRADE"
        } else {
            "DOWNGRADE"
        };
        events.push(value!({
            "display_phone_number": display, "event": event,
            "old_limit": old_tier.as_ref().map(MessagingLimitTier::as_str),
            "current_limit": tier.as_str(),
        }));
        node.record.messaging_limit_tier = Some(tier);
    }
    if let Some(rating) = rating {
        let rating = QualityRating::from(rating.as_str());
        let flagged = rating == QualityRating::Red;
        if flagged != (old_rating == Some(QualityRating::Red)) {
            events.push(value!({
                "display_phone_number": display,
                "event": if flagged { "FLAGGED" } else { "UNFLAGGED" },
                "current_limit": node.record.messaging_limit_tier.as_ref().map(MessagingLimitTier::as_str),
            }));
        }
        node.record.quality_rating = Some(rating);
    }
    if let Some(level) = level {
        let level = ThroughputLevel::from(level.as_str());
        let was_high = node
            .record
            .throughput
            .as_ref()
            .and_then(|t| t.level.as_ref())
            == Some(&ThroughputLevel::High);
        if level == ThroughputLevel::High && !was_high {
            events.push(value!({
                "display_phone_number": display, "event": "THROUGHPUT_UPGRADE",
                "max_daily_conversations_per_business": "TIER_UNLIMITED",
            }));
        }
        node.record.throughput = Some(Throughput { level: Some(level) });
    }
    let record = node.record.clone();
    for value in events {
        emit(
            state,
            key,
            &waba,
            "phone_number_quality_update",
            &value,
            now,
        );
    }
    super::json_response(200, &super::member("number", &record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_escaped_as_meta_escapes_them() {
        // meta.md §5: "äöå → \u00e4\u00f6\u00e5", and `/`→`\/`, `<`→`\u003C`, `%`→`\u0025`,
        // `@`→`\u0040` (lowercase hex, as Meta states for the first).
        let body = meta_json(&serde_json::json!({"v": "äöå a/b <x> 5% @me 😀"}));
        assert_eq!(
            String::from_utf8(body.clone()).ok().as_deref(),
            Some(r#"{"v":"\u00e4\u00f6\u00e5 a\/b \u003cx\u003e 5\u0025 \u0040me \ud83d\ude00"}"#)
        );
        let back: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(back["v"], "äöå a/b <x> 5% @me 😀");
    }
}
