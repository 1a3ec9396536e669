//! The webhook models (`Webhook`, `WebhookLog`) and the results of the `/v1/webhooks/*`
//! operations ([`super::webhooks`]). `Debug` never shows a webhook's `secret`, the values of its
//! `customHeaders`, the path of its URL, or a delivery's payload and answer.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::macros::open_enum;

/// A URL as `Debug` shows it: the scheme and host, the rest hidden.
pub(crate) fn shown_url(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if scheme.is_empty() {
        "<redacted>".to_owned()
    } else if host.len() + scheme.len() + 3 < url.len() {
        format!("{scheme}://{host}/<redacted>")
    } else {
        format!("{scheme}://{host}")
    }
}

/// `Debug` of a webhook or its settings, from its serde form: the secret hidden, the custom
/// headers by name only, the URL without its path; the rest as JSON.
pub(super) fn debug_webhook<T: Serialize>(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    value: &T,
) -> fmt::Result {
    let Ok(serde_json::Value::Object(members)) = crate::value_writer::to_value(value) else {
        return f.write_str(name);
    };
    let mut out = f.debug_struct(name);
    for (key, value) in &members {
        match (key.as_str(), value) {
            (_, serde_json::Value::Null) => {}
            ("secret", _) => {
                out.field(key, &"<redacted>");
            }
            ("url", serde_json::Value::String(url)) => {
                out.field(key, &shown_url(url));
            }
            ("customHeaders", serde_json::Value::Object(headers)) => {
                out.field(key, &headers.keys().collect::<Vec<_>>());
            }
            (_, value) => {
                out.field(key, &format_args!("{value}"));
            }
        }
    }
    out.finish()
}

open_enum! {
    /// The outcome of one delivery.
    pub enum DeliveryStatus {
        /// Delivered (2xx within 5 s).
        Success => "success",
        /// Not delivered.
        Failed => "failed",
    }
}

/// A webhook subscription (`Webhook`). `Debug` hides the secret, the custom header values and
/// the URL's path.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    /// Webhook id (`_id` upstream; `id` accepted).
    #[serde(default, rename = "_id", alias = "id")]
    pub id: Option<String>,
    /// Name (at most 50 characters).
    #[serde(default)]
    pub name: Option<String>,
    /// Endpoint URL.
    #[serde(default)]
    pub url: Option<String>,
    /// HMAC-SHA256 signing secret (a credential: never shown by `Debug`).
    #[serde(default)]
    pub secret: Option<String>,
    /// Events subscribed to.
    #[serde(default)]
    pub events: Vec<String>,
    /// Delivery enabled.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Last successful delivery (RFC 3339).
    #[serde(default)]
    pub last_fired_at: Option<String>,
    /// Consecutive failed deliveries.
    #[serde(default)]
    pub failure_count: Option<u64>,
    /// Headers added to each delivery.
    #[serde(default)]
    pub custom_headers: Option<BTreeMap<String, String>>,
    /// Resource groups this subscription does not receive.
    #[serde(default)]
    pub disabled_resource_groups: Option<Vec<String>>,
    /// Profiles it is scoped to.
    #[serde(default)]
    pub profile_ids: Option<Vec<String>>,
    /// Accounts it is scoped to (no `whatsapp.number.*` events are delivered to these).
    #[serde(default)]
    pub account_ids: Option<Vec<String>>,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_webhook(f, "Webhook", self)
    }
}

/// `GET /v1/webhooks/settings`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct WebhookList {
    /// Every webhook (at most 50).
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
}

/// `POST` and `PUT /v1/webhooks/settings`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct WebhookSaved {
    /// Saved.
    #[serde(default)]
    pub success: Option<bool>,
    /// The webhook as stored.
    #[serde(default)]
    pub webhook: Option<Webhook>,
}

/// `DELETE /v1/webhooks/settings` and `POST /v1/webhooks/test`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct WebhookDone {
    /// Done.
    #[serde(default)]
    pub success: Option<bool>,
    /// e.g. `Test webhook sent successfully`.
    #[serde(default)]
    pub message: Option<String>,
}

/// One delivery attempt (`WebhookLog`, kept 30 days). `Debug` hides the payload, the
/// endpoint's answer and the URL's path.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WebhookLog {
    /// The account owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The webhook.
    #[serde(default)]
    pub webhook_id: Option<String>,
    /// The webhook's name at delivery time.
    #[serde(default)]
    pub webhook_name: Option<String>,
    /// Stable event id (the payload's `id`, `X-Zernio-Event-Id`).
    #[serde(default)]
    pub event_id: Option<String>,
    /// Event name, e.g. `whatsapp.number.activated`.
    #[serde(default)]
    pub event: Option<String>,
    /// A test delivery.
    #[serde(default)]
    pub test: Option<bool>,
    /// Where it was sent.
    #[serde(default)]
    pub url: Option<String>,
    /// Outcome.
    #[serde(default)]
    pub status: Option<DeliveryStatus>,
    /// The endpoint's HTTP status.
    #[serde(default)]
    pub status_code: Option<u16>,
    /// The payload sent (personal data).
    #[serde(default)]
    pub request_payload: Option<Value>,
    /// The endpoint's answer.
    #[serde(default)]
    pub response_body: Option<String>,
    /// Why it failed.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Attempt number (1 first).
    #[serde(default)]
    pub attempt_number: Option<u32>,
    /// The endpoint's response time, in milliseconds.
    #[serde(default)]
    pub response_time: Option<u64>,
    /// When it was attempted (RFC 3339).
    #[serde(default)]
    pub created_at: Option<String>,
}

impl fmt::Debug for WebhookLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLog")
            .field("webhook_id", &self.webhook_id)
            .field("event_id", &self.event_id)
            .field("event", &self.event)
            .field("url", &self.url.as_deref().map(shown_url))
            .field("status", &self.status)
            .field("status_code", &self.status_code)
            .field("attempt_number", &self.attempt_number)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// Where a page of logs is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct LogPagination {
    /// Matching logs (may over-count for a restricted key).
    #[serde(default)]
    pub total: Option<u64>,
    /// Page size.
    #[serde(default)]
    pub limit: Option<u64>,
    /// Logs skipped.
    #[serde(default)]
    pub skip: Option<u64>,
    /// Number of pages.
    #[serde(default)]
    pub pages: Option<u64>,
    /// More after this page.
    #[serde(default)]
    pub has_more: Option<bool>,
}

/// `GET /v1/webhooks/logs`: one page, most recent first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct WebhookLogPage {
    /// The attempts.
    #[serde(default)]
    pub logs: Vec<WebhookLog>,
    /// Where this page is.
    #[serde(default)]
    pub pagination: Option<LogPagination>,
}
