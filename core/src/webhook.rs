//! Webhooks: signature checks over the raw body bytes (Zernio's lowercase-hex HMAC-SHA256,
//! Meta's `X-Hub-Signature-256: sha256=…`), Meta's subscription handshake, typed parsing of
//! number events (unknown events kept, not dropped), and [`apply_event`], which moves a local
//! number record through the status machine exactly once per event id.

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

use crate::error::{Error, ErrorCode, Result, from_json};
use crate::limits::{MAX_CHALLENGE_DIGITS, MAX_WEBHOOK_BODY_BYTES};
use crate::status::{self, NumberEvent, NumberStatus};

type HmacSha256 = Hmac<Sha256>;

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    let digit = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Some(digit(*hi)? << 4 | digit(*lo)?),
            _ => None,
        })
        .collect()
}

/// Refuses what no signature can be checked against: an empty or whitespace-only secret (an
/// unset environment variable would otherwise let anyone sign with `""`), and a body past
/// [`MAX_WEBHOOK_BODY_BYTES`] (bounded before any hashing).
fn check_inputs(secret: &[u8], body: &[u8], what: &str) -> Result<()> {
    if secret.iter().all(u8::is_ascii_whitespace) {
        return Err(secret_missing(what));
    }
    check_body(body)
}

fn check_body(body: &[u8]) -> Result<()> {
    if body.len() > MAX_WEBHOOK_BODY_BYTES {
        return Err(Error::new(
            ErrorCode::WebhookBodyTooLarge,
            format!(
                "the webhook body is larger than {} MiB; refuse the delivery",
                MAX_WEBHOOK_BODY_BYTES / (1024 * 1024)
            ),
        )
        .with("max_bytes", MAX_WEBHOOK_BODY_BYTES)
        .with("size_bytes", body.len()));
    }
    Ok(())
}

fn secret_missing(what: &str) -> Error {
    Error::new(
        ErrorCode::SignatureSecretMissing,
        format!("the {what} is empty: configure it (is its environment variable set?); nothing is accepted without it"),
    )
    .with("secret", what)
}

fn verify(secret: &[u8], body: &[u8], expected: &[u8]) -> bool {
    HmacSha256::new_from_slice(secret).is_ok_and(|mut mac| {
        mac.update(body);
        mac.verify_slice(expected).is_ok()
    })
}

fn missing(header: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMissing,
        format!("the {header} header is missing; refuse the delivery"),
    )
    .with("header", header)
}

fn malformed(header: &str, expected: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMalformed,
        format!("the {header} header is not {expected}"),
    )
    .with("header", header)
}

fn mismatch(header: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMismatch,
        "the signature does not match the body: it was not sent with this secret, or the body was changed",
    )
    .with("header", header)
}

/// Zernio's signature of `raw_body` with `secret`, as a delivery's `X-Zernio-Signature`
/// carries it: the lowercase hex HMAC-SHA256, no prefix (Meta's header is this with
/// `sha256=` before it). For senders: the sandbox, and tests of a receiver.
pub fn zernio_signature(secret: &[u8], raw_body: &[u8]) -> String {
    use std::fmt::Write as _;
    HmacSha256::new_from_slice(secret).map_or_else(
        |_| String::new(),
        |mut mac| {
            mac.update(raw_body);
            mac.finalize()
                .into_bytes()
                .iter()
                .fold(String::new(), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                })
        },
    )
}

/// Verifies a Zernio delivery: `X-Zernio-Signature` is the lowercase hex HMAC-SHA256 of the
/// raw body with the webhook's secret. Verify the bytes as received, before parsing.
///
/// ```
/// use wanumbers::webhook::verify_zernio_signature;
/// let body = br#"{"id":"evt_1","event":"whatsapp.number.activated"}"#;
/// let sig = "4f2e9b1f2c0e3f1b0b4c9e8d8f8a4d1b6f0a6b1e6c4b9e6a0f2d3c4b5a697887"; // not the real one
/// assert_eq!(verify_zernio_signature(b"secret", body, Some(sig)).unwrap_err().code().as_str(), "signature_mismatch");
/// assert_eq!(verify_zernio_signature(b"secret", body, None).unwrap_err().code().as_str(), "signature_missing");
/// ```
///
/// # Errors
/// `signature_secret_missing` (the secret is empty or whitespace), `webhook_body_too_large`,
/// `signature_missing` (no header although a secret is configured), `signature_malformed`
/// (not 64 hex digits), `signature_mismatch`.
pub fn verify_zernio_signature(secret: &[u8], raw_body: &[u8], header: Option<&str>) -> Result<()> {
    const HEADER: &str = "X-Zernio-Signature";
    check_inputs(secret, raw_body, "webhook secret")?;
    let header = header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| missing(HEADER))?;
    let expected = hex_decode(header).ok_or_else(|| malformed(HEADER, "64 hex digits"))?;
    if verify(secret, raw_body, &expected) {
        Ok(())
    } else {
        Err(mismatch(HEADER))
    }
}

/// Verifies a Meta delivery: `X-Hub-Signature-256: sha256=<hex>` is HMAC-SHA256 of the raw
/// body with the app secret. Meta signs the body with non-ASCII characters escaped
/// (`\u00e4`); the bytes on the wire already are, so they are verified as received, and a
/// body that was re-encoded with raw UTF-8 is also tried in escaped form.
///
/// # Errors
/// `signature_secret_missing` (the app secret is empty or whitespace),
/// `webhook_body_too_large`, `signature_missing`, `signature_malformed` (no `sha256=` prefix or
/// not 64 hex digits), `signature_mismatch`.
pub fn verify_meta_signature(
    app_secret: &[u8],
    raw_body: &[u8],
    header: Option<&str>,
) -> Result<()> {
    const HEADER: &str = "X-Hub-Signature-256";
    check_inputs(app_secret, raw_body, "app secret")?;
    let header = header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| missing(HEADER))?;
    let hex = header
        .strip_prefix("sha256=")
        .ok_or_else(|| malformed(HEADER, "sha256=<64 hex digits>"))?;
    let expected = hex_decode(hex).ok_or_else(|| malformed(HEADER, "sha256=<64 hex digits>"))?;
    if verify(app_secret, raw_body, &expected) {
        return Ok(());
    }
    if !raw_body.is_ascii()
        && let Ok(text) = std::str::from_utf8(raw_body)
        && verify(app_secret, escape_unicode(text).as_bytes(), &expected)
    {
        return Ok(());
    }
    Err(mismatch(HEADER))
}

/// Escapes every non-ASCII character as `\uXXXX` (lowercase hex, surrogate pairs above the
/// BMP), as Meta does before signing. Runs of ASCII are copied whole.
fn escape_unicode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut units = [0u16; 2];
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| !c.is_ascii()) {
        let (ascii, tail) = rest.split_at(at);
        out.push_str(ascii);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            for unit in c.encode_utf16(&mut units) {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    let nibble = usize::from((*unit >> shift) & 15);
                    out.push(char::from(HEX.get(nibble).copied().unwrap_or(b'0')));
                }
            }
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

/// Answers Meta's subscription handshake (`GET` with `hub.mode`, `hub.verify_token`,
/// `hub.challenge`): the challenge to echo as the 200 body, sent as `text/plain`. No signature
/// is checked on this request (it has none). Only the short decimal token Meta sends is
/// echoed, so the handshake can never be used to reflect markup into a response.
///
/// # Errors
/// `signature_secret_missing` when `expected_token` is empty or whitespace (answer 500: the
/// endpoint is misconfigured); `challenge_mismatch` when the mode is not `subscribe`, the
/// token differs, or the challenge is not 1 to
/// [`MAX_CHALLENGE_DIGITS`](crate::limits::MAX_CHALLENGE_DIGITS) ASCII digits (answer 403).
pub fn meta_challenge(
    mode: Option<&str>,
    verify_token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> Result<String> {
    if expected_token.trim().is_empty() {
        return Err(secret_missing("verify token"));
    }
    let challenge = challenge.filter(|c| {
        (1..=MAX_CHALLENGE_DIGITS).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
    });
    let token_ok = verify_token.is_some_and(|t| {
        t.len() == expected_token.len()
            && t.bytes()
                .zip(expected_token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    });
    let reason = match (mode, challenge) {
        (Some("subscribe"), Some(challenge)) if token_ok => return Ok(challenge.to_owned()),
        (Some("subscribe"), _) if !token_ok => "verify_token",
        (Some("subscribe"), _) => "challenge",
        _ => "mode",
    };
    let what = match reason {
        "mode" => "hub.mode is not subscribe",
        "verify_token" => "hub.verify_token is not the expected token",
        _ => "hub.challenge is missing or is not Meta's decimal token",
    };
    Err(Error::new(
        ErrorCode::ChallengeMismatch,
        format!("the subscription handshake is refused ({what}): answer 403"),
    )
    .with("reason", reason))
}

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
struct RawWebhook {
    #[serde(default)]
    object: Option<String>,
    #[serde(default)]
    entry: Vec<RawEntry>,
}

#[derive(Deserialize, crate::Decode)]
struct RawEntry {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    time: Option<i64>,
    #[serde(default)]
    changes: Vec<RawChange>,
}

#[derive(Deserialize, crate::Decode)]
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

#[cfg(test)]
mod tests {
    use super::*;

    use super::zernio_signature as sign;

    #[test]
    fn zernio_signatures() {
        let body = br#"{"id":"e1","event":"whatsapp.number.activated"}"#;
        let sig = sign(b"whsec", body);
        assert!(verify_zernio_signature(b"whsec", body, Some(&sig)).is_ok());
        assert_eq!(
            verify_zernio_signature(b"other", body, Some(&sig))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMismatch
        );
        assert_eq!(
            verify_zernio_signature(b"whsec", body, Some(&sig.to_uppercase()))
                .map_err(|e| e.code()),
            Ok(())
        );
        assert_eq!(
            verify_zernio_signature(b"whsec", body, Some("abc"))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMalformed
        );
    }

    #[test]
    fn meta_signs_escaped_unicode() {
        let escaped = r#"{"value":"Caf\u00e9 \ud83d\ude00"}"#;
        let sig = format!("sha256={}", sign(b"app", escaped.as_bytes()));
        assert!(verify_meta_signature(b"app", escaped.as_bytes(), Some(&sig)).is_ok());
        // The same body re-encoded with raw UTF-8 still verifies through the escaped form.
        let raw = "{\"value\":\"Café 😀\"}";
        assert!(verify_meta_signature(b"app", raw.as_bytes(), Some(&sig)).is_ok());
        assert_eq!(
            verify_meta_signature(b"app", escaped.as_bytes(), Some(&sig[7..]))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMalformed
        );
    }

    #[test]
    fn handshake() {
        assert_eq!(
            meta_challenge(Some("subscribe"), Some("tok"), Some("42"), "tok").unwrap(),
            "42"
        );
        assert!(meta_challenge(Some("unsubscribe"), Some("tok"), Some("42"), "tok").is_err());
        assert!(meta_challenge(Some("subscribe"), Some("to"), Some("42"), "tok").is_err());
    }
}
