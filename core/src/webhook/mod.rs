//! Webhooks: signature checks over the raw body bytes (Zernio's lowercase-hex HMAC-SHA256,
//! Meta's `X-Hub-Signature-256: sha256=…`), Meta's subscription handshake, typed parsing of
//! number events (unknown events kept, not dropped), and [`apply_event`], which moves a local
//! number record through the status machine exactly once per event id.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorCode, Result, from_json};
use crate::status::{self, NumberEvent, NumberStatus};

mod signature;

use signature::check_body;
pub use signature::{
    meta_challenge, verify_meta_signature, verify_zernio_signature, zernio_signature,
};

/// The number a Zernio event is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EventNumber {
    /// Record id.
    #[serde(default)]
    pub id: Option<String>,
    /// E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// Profile id.
    #[serde(default)]
    pub profile_id: Option<String>,
}

/// A requirement's state in `whatsapp.number.action_required`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RequirementState {
    /// Requirement id.
    #[serde(default)]
    pub requirement_id: Option<String>,
    /// Label.
    #[serde(default)]
    pub label: Option<String>,
    /// `approved`, `pending` or `declined`.
    #[serde(default)]
    pub status: Option<String>,
}

/// A Zernio webhook delivery (flat body, no `data` wrapper). Unknown events parse too:
/// `event` keeps their name and `payload` the whole body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ZernioEvent {
    /// Event id, stable across retries (deduplicate on it).
    #[serde(default)]
    pub id: Option<String>,
    /// Event name, e.g. `whatsapp.number.activated`.
    #[serde(default)]
    pub event: String,
    /// When the event happened (kept as sent).
    #[serde(default)]
    pub timestamp: Option<String>,
    /// A test delivery.
    #[serde(default)]
    pub test: Option<bool>,
    /// The number, for `whatsapp.number.*`.
    #[serde(default)]
    pub number: Option<EventNumber>,
    /// Why (declined, suspended, released, `action_required`).
    #[serde(default)]
    pub reason: Option<String>,
    /// Requirements' states (`action_required`).
    #[serde(default)]
    pub requirements: Vec<RequirementState>,
    /// When the regulator reviewed (`action_required`).
    #[serde(default)]
    pub reviewed_at: Option<String>,
    /// ID-check link to forward (`verification_required`).
    #[serde(default)]
    pub verification_url: Option<String>,
    /// Stock that became available (`phone_number.stock_available`); `None` when the payload's
    /// `stock` does not have the documented shape (the event still parses).
    #[serde(
        default,
        deserialize_with = "crate::api::zernio::StockAvailable::lenient"
    )]
    pub stock: Option<crate::api::zernio::StockAvailable>,
    /// The lifecycle event this is, for `whatsapp.number.*` events.
    #[serde(default, skip_deserializing)]
    pub lifecycle_event: Option<NumberEvent>,
    /// The whole body, for events this version does not model.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}

/// Parses a Zernio webhook body (after [`verify_zernio_signature`]).
///
/// # Errors
/// `json_invalid` when the body is not a JSON object.
pub fn parse_zernio_webhook(raw_body: &[u8]) -> Result<ZernioEvent> {
    check_body(raw_body)?;
    let text = std::str::from_utf8(raw_body)
        .map_err(|_| Error::new(ErrorCode::JsonInvalid, "the webhook body is not UTF-8 JSON"))?;
    let mut event: ZernioEvent = from_json(text, "the webhook body")?;
    event.lifecycle_event = NumberEvent::from_webhook(&event.event);
    let known = event.lifecycle_event.is_some() || event.event == "phone_number.stock_available";
    if !known {
        event.payload = serde_json::from_str(text).ok();
    }
    Ok(event)
}

/// A local record of a number that webhooks keep up to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct LocalNumber {
    /// Record id.
    #[serde(default)]
    pub id: Option<String>,
    /// Current status.
    pub status: NumberStatus,
    /// The last decline, suspension or release reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// When the status last changed (the event's timestamp).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Ids of the events already applied (the most recent [`SEEN_EVENTS_KEPT`]).
    #[serde(default)]
    pub seen_event_ids: Vec<String>,
}

/// How many applied event ids a record remembers (Zernio retries for about three days).
pub const SEEN_EVENTS_KEPT: usize = 200;

/// What [`apply_event`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The record after the event.
    pub record: LocalNumber,
    /// Whether anything changed (false for a repeated event id or a non-lifecycle event).
    pub changed: bool,
}

/// Moves `record` with `event` through the status machine. The same event id a second time
/// changes nothing; events that are not number lifecycle events change nothing.
///
/// # Errors
/// `status_invalid_transition` when the event cannot happen in the record's status (e.g. an
/// `activated` after `released`: deliveries out of order or a record out of date).
pub fn apply_event(record: &LocalNumber, event: &ZernioEvent) -> Result<Applied> {
    let repeated = event
        .id
        .as_ref()
        .is_some_and(|id| record.seen_event_ids.contains(id));
    let Some(lifecycle) = event
        .lifecycle_event
        .or_else(|| NumberEvent::from_webhook(&event.event))
    else {
        return Ok(Applied {
            record: record.clone(),
            changed: false,
        });
    };
    if repeated {
        return Ok(Applied {
            record: record.clone(),
            changed: false,
        });
    }
    let status = status::next(&record.status, lifecycle)?;
    let mut next = record.clone();
    next.status = status;
    if event.reason.is_some() {
        next.reason.clone_from(&event.reason);
    }
    if event.timestamp.is_some() {
        next.updated_at.clone_from(&event.timestamp);
    }
    if let Some(id) = &event.id {
        next.seen_event_ids.push(id.clone());
        let excess = next.seen_event_ids.len().saturating_sub(SEEN_EVENTS_KEPT);
        next.seen_event_ids.drain(..excess);
    }
    Ok(Applied {
        record: next,
        changed: true,
    })
}

/// A change in a Meta webhook.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum MetaChange {
    /// `phone_number_name_update`: the display-name review's decision.
    PhoneNumberNameUpdate {
        /// Digits only, e.g. `15550783881`.
        display_phone_number: Option<String>,
        /// `APPROVED`, `DEFERRED`, `PENDING`, `REJECTED`.
        decision: Option<String>,
        /// The name asked for.
        requested_verified_name: Option<String>,
        /// Why rejected.
        rejection_reason: Option<String>,
    },
    /// `phone_number_quality_update`: messaging limit or throughput changes.
    PhoneNumberQualityUpdate {
        /// Digits only.
        display_phone_number: Option<String>,
        /// `ONBOARDING`, `THROUGHPUT_UPGRADE`, `FLAGGED`, `UNFLAGGED`, `UPGRADE`, `DOWNGRADE`, ...
        event: Option<String>,
        /// Previous tier (messaging-limit changes only).
        old_limit: Option<String>,
        /// Current tier.
        current_limit: Option<String>,
        /// The replacement of the two above.
        max_daily_conversations_per_business: Option<String>,
    },
    /// `account_update`: bans, restrictions, violations, reconnections (the value as sent).
    AccountUpdate {
        /// `ACCOUNT_RESTRICTION`, `ACCOUNT_VIOLATION`, `VERIFIED_ACCOUNT`, ...
        event: Option<String>,
        /// The whole value.
        value: Value,
    },
    /// Any other field, kept as sent.
    Other {
        /// The field name.
        name: String,
        /// The value.
        value: Value,
    },
}

/// One entry of a Meta webhook (a WABA or business).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MetaEntry {
    /// WABA or business id.
    pub id: Option<String>,
    /// Unix seconds (account-level fields).
    pub time: Option<i64>,
    /// The changes.
    pub changes: Vec<MetaChange>,
}

/// A Meta webhook delivery.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MetaWebhook {
    /// `whatsapp_business_account`.
    pub object: Option<String>,
    /// Entries (several per delivery).
    pub entry: Vec<MetaEntry>,
}

#[derive(Deserialize, crate::Decode)]
#[decode(no_schema)]
struct RawWebhook {
    #[serde(default)]
    object: Option<String>,
    #[serde(default)]
    entry: Vec<RawEntry>,
}

#[derive(Deserialize, crate::Decode)]
#[decode(no_schema)]
struct RawEntry {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    time: Option<i64>,
    #[serde(default)]
    changes: Vec<RawChange>,
}

#[derive(Deserialize, crate::Decode)]
#[decode(no_schema)]
struct RawChange {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Value,
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Parses a Meta webhook body (after [`verify_meta_signature`]).
///
/// # Errors
/// `json_invalid` when the body is not a JSON webhook envelope.
pub fn parse_meta_webhook(raw_body: &[u8]) -> Result<MetaWebhook> {
    check_body(raw_body)?;
    let text_body = std::str::from_utf8(raw_body)
        .map_err(|_| Error::new(ErrorCode::JsonInvalid, "the webhook body is not UTF-8 JSON"))?;
    let raw: RawWebhook = from_json(text_body, "the webhook body")?;
    let entry = raw
        .entry
        .into_iter()
        .map(|e| MetaEntry {
            id: e
                .id
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
            time: e.time,
            changes: e
                .changes
                .into_iter()
                .map(|c| match c.field.as_str() {
                    "phone_number_name_update" => MetaChange::PhoneNumberNameUpdate {
                        display_phone_number: text(&c.value, "display_phone_number"),
                        decision: text(&c.value, "decision"),
                        requested_verified_name: text(&c.value, "requested_verified_name"),
                        rejection_reason: text(&c.value, "rejection_reason"),
                    },
                    "phone_number_quality_update" => MetaChange::PhoneNumberQualityUpdate {
                        display_phone_number: text(&c.value, "display_phone_number"),
                        event: text(&c.value, "event"),
                        old_limit: text(&c.value, "old_limit"),
                        current_limit: text(&c.value, "current_limit"),
                        max_daily_conversations_per_business: text(
                            &c.value,
                            "max_daily_conversations_per_business",
                        ),
                    },
                    "account_update" => MetaChange::AccountUpdate {
                        event: text(&c.value, "event"),
                        value: c.value,
                    },
                    _ => MetaChange::Other {
                        name: c.field,
                        value: c.value,
                    },
                })
                .collect(),
        })
        .collect();
    Ok(MetaWebhook {
        object: raw.object,
        entry,
    })
}
