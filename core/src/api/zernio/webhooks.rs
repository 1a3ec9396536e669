//! Webhook subscriptions: list, create, update, delete, a test delivery, and the delivery logs
//! (reference zernio.md §7.1; `/v1/webhooks/*`, resource group `webhooks`).
//!
//! The signing `secret` is a credential: no argument or model shows it in `Debug`, nor the
//! values of `customHeaders` (they often carry a token) or the path of an endpoint URL (a
//! Slack-style URL is a credential itself).

use crate::api::Args;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::build_args;
use super::webhook_models::{
    WebhookDone, WebhookList, WebhookLogPage, WebhookSaved, debug_webhook,
};
use crate::api::http::HttpRequest;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, max_len, require, to_args};
use crate::error::{Error, ErrorCode, Result};

/// The event names a subscription may list, as Zernio's spec enumerates them (the 48 of the
/// 2026-08-22 spec, and `phone_number.stock_available` from 1.127.0). The clients send any
/// name (Zernio adds events); the sandbox, which simulates the API at this version, refuses
/// the others as the API does.
pub const EVENTS: [&str; 49] = [
    "post.scheduled",
    "post.published",
    "post.failed",
    "post.partial",
    "post.cancelled",
    "post.recycled",
    "post.platform.published",
    "post.platform.failed",
    "post.platform.deleted",
    "post.tiktok.url_resolved",
    "post.external.created",
    "post.external.updated",
    "post.external.deleted",
    "account.connected",
    "account.disconnected",
    "account.ads.initial_sync_completed",
    "message.received",
    "conversation.started",
    "call.received",
    "call.ended",
    "call.failed",
    "call.permission_request",
    "message.sent",
    "message.edited",
    "message.deleted",
    "message.delivered",
    "message.read",
    "message.failed",
    "reaction.received",
    "referral.received",
    "comment.received",
    "review.new",
    "review.updated",
    "lead.received",
    "ad.status_changed",
    "whatsapp.template.status_updated",
    "whatsapp.template.category_updated",
    "whatsapp.automatic_event",
    "whatsapp.number.activated",
    "whatsapp.number.declined",
    "whatsapp.number.action_required",
    "whatsapp.number.verification_required",
    "whatsapp.number.suspended",
    "whatsapp.number.reactivated",
    "whatsapp.number.released",
    "whatsapp.number.kyc_submitted",
    "verification.approved",
    "verification.failed",
    "phone_number.stock_available",
];

/// The resource groups a subscription may opt out of (`disabledResourceGroups`).
const RESOURCE_GROUPS: [&str; 10] = [
    "publishing",
    "engagement",
    "messages",
    "contacts",
    "analytics",
    "ads",
    "telephony",
    "accounts",
    "billing",
    "webhooks",
];

/// An endpoint URL: `http(s)://` with a host, no whitespace inside (Zernio trims the ends, as
/// the builders do before sending).
pub(crate) fn check_url(url: &str) -> Result<()> {
    let url = url.trim();
    require("url", url)?;
    let lower = url.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .and_then(|authority| authority.rsplit('@').next())
        .unwrap_or_default();
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("url", "an http:// or https:// URL"));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<()> {
    require("name", name)?;
    max_len("name", name, 50)
}

fn check_events(events: &[&str]) -> Result<()> {
    if events.is_empty() {
        return Err(Error::new(
            ErrorCode::ArgumentMissing,
            "events is required: at least one event",
        )
        .with("argument", "events"));
    }
    for event in events {
        require("events", event)?;
        max_len("events", event, 100)?;
    }
    Ok(())
}

fn check_groups(groups: &[&str]) -> Result<()> {
    if groups.iter().all(|g| RESOURCE_GROUPS.contains(g)) {
        Ok(())
    } else {
        Err(invalid(
            "disabledResourceGroups",
            "resource groups: publishing, engagement, messages, contacts, analytics, ads, \
             telephony, accounts, billing or webhooks",
        ))
    }
}

/// The arguments with `url` trimmed, built.
fn build_trimmed<O: Operation<Config>>(config: &Config, operation: &O) -> Result<HttpRequest> {
    let mut args = to_args(operation)?;
    O::check_args(Args::of(&args), config)?;
    if let Some(Value::String(url)) = args.get_mut("url") {
        *url = url.trim().to_owned();
    }
    build_args(config, O::SPEC, &args, None)
}

// ---------------------------------------------------------------------------------------------
// Operations.

/// `GET /v1/webhooks/settings`: every webhook of the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ListWebhookSettings {}

impl Operation<Config> for ListWebhookSettings {
    type Output = WebhookList;
    const SPEC: &'static OperationSpec = &table::LIST_WEBHOOK_SETTINGS;
}

/// `POST /v1/webhooks/settings`: a new webhook (at most 50). Never retried: a repeat would
/// make a second one. `Debug` hides the secret, the header values and the URL's path.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CreateWebhookSettings {
    /// 1 to 50 characters.
    pub name: String,
    /// Endpoint, `http(s)://` (trimmed).
    pub url: String,
    /// HMAC-SHA256 signing secret; deliveries are signed only when one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// At least one event name.
    pub events: Vec<String>,
    /// Delivery enabled (default true upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Headers added to each delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
    /// Resource groups not to receive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_resource_groups: Option<Vec<String>>,
}

impl fmt::Debug for CreateWebhookSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_webhook(f, "CreateWebhookSettings", self)
    }
}

impl Operation<Config> for CreateWebhookSettings {
    type Output = WebhookSaved;
    const SPEC: &'static OperationSpec = &table::CREATE_WEBHOOK_SETTINGS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        check_name(a.text("name"))?;
        check_url(a.text("url"))?;
        check_events(&a.strs("events").unwrap_or_default())?;
        check_groups(&a.strs("disabledResourceGroups").unwrap_or_default())
    }

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        build_trimmed(config, self)
    }
}

/// `PUT /v1/webhooks/settings`: change the fields given (the id travels as `_id` in the
/// body). `Debug` hides the secret, the header values and the URL's path.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct UpdateWebhookSettings {
    /// Webhook id (sent as `_id`).
    pub id: String,
    /// 1 to 50 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Endpoint, `http(s)://` (trimmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A new signing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// At least one event name; replaces the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    /// Delivery enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Headers added to each delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
    /// Replaces the opt-out list (empty clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_resource_groups: Option<Vec<String>>,
}

impl fmt::Debug for UpdateWebhookSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_webhook(f, "UpdateWebhookSettings", self)
    }
}

impl Operation<Config> for UpdateWebhookSettings {
    type Output = WebhookSaved;
    const SPEC: &'static OperationSpec = &table::UPDATE_WEBHOOK_SETTINGS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("id", a.text("id"))?;
        if let Some(name) = a.str("name") {
            check_name(name)?;
        }
        if let Some(url) = a.str("url") {
            check_url(url)?;
        }
        if let Some(events) = a.strs("events") {
            check_events(&events)?;
        }
        check_groups(&a.strs("disabledResourceGroups").unwrap_or_default())
    }

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        build_trimmed(config, self)
    }
}

/// `DELETE /v1/webhooks/settings?id=`: delete a webhook.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct DeleteWebhookSettings {
    /// Webhook id (24 hex digits).
    pub id: String,
}

impl Operation<Config> for DeleteWebhookSettings {
    type Output = WebhookDone;
    const SPEC: &'static OperationSpec = &table::DELETE_WEBHOOK_SETTINGS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        let id = a.text("id");
        require("id", id)?;
        if id.len() != 24 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("id", "a webhook id: 24 hex digits"));
        }
        Ok(())
    }
}

/// `POST /v1/webhooks/test`: a `webhook.test` delivery to the webhook (or a sample of
/// `event`). Never retried: a repeat would deliver again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct TestWebhook {
    /// The webhook.
    pub webhook_id: String,
    /// The event to send a sample of (reference §7.1; `webhook.test` when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

impl Operation<Config> for TestWebhook {
    type Output = WebhookDone;
    const SPEC: &'static OperationSpec = &table::TEST_WEBHOOK;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("webhookId", a.text("webhookId"))?;
        if let Some(event) = a.str("event") {
            require("event", event)?;
            max_len("event", event, 100)?;
        }
        Ok(())
    }
}

/// `GET /v1/webhooks/logs`: one page of delivery attempts (30 days kept), most recent first;
/// [`Operation::next_page`] gives the next page's arguments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetWebhookLogs {
    /// Page size, 1..=100 (50 upstream when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Logs to skip, 0..=10000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<u32>,
    /// `success` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// One event name, e.g. `whatsapp.number.activated` (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// One webhook (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_id: Option<String>,
    /// One event id (at most 200 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
}

impl Operation<Config> for GetWebhookLogs {
    type Output = WebhookLogPage;
    const SPEC: &'static OperationSpec = &table::GET_WEBHOOK_LOGS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        if let Some(limit) = a.u64("limit")
            && !(1..=100).contains(&limit)
        {
            return Err(invalid("limit", "from 1 to 100"));
        }
        if let Some(skip) = a.u64("skip")
            && skip > table::MAX_LOG_SKIP
        {
            return Err(invalid("skip", "from 0 to 10000"));
        }
        if let Some(status) = a.str("status")
            && !matches!(status, "success" | "failed")
        {
            return Err(invalid("status", "success or failed"));
        }
        for (argument, max) in [("event", 100), ("webhookId", 100), ("eventId", 200)] {
            // Empty text is refused; blank text is a filter that matches nothing (the API's
            // minLength is 1).
            if let Some(value) = a.str(argument) {
                if value.is_empty() {
                    return Err(invalid(argument, "at least one character"));
                }
                max_len(argument, value, max)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::webhook_models::{LogPagination, Webhook, WebhookLog, shown_url};
    use super::*;

    #[test]
    fn debug_hides_the_secret_the_header_values_and_the_url_path() {
        let create = CreateWebhookSettings {
            name: "n".into(),
            url: "https://hooks.example.com/services/T0PLANTED".into(),
            secret: Some("whsec_PLANTED".into()),
            events: vec!["post.failed".into()],
            custom_headers: Some(BTreeMap::from([("x-token".into(), "PLANTED".into())])),
            ..Default::default()
        };
        let webhook: Webhook = serde_json::from_value(serde_json::json!({
            "_id": "1", "url": "https://u:PLANTED@hooks.example.com/PLANTED", "secret": "PLANTED",
            "customHeaders": {"authorization": "Bearer PLANTED"}
        }))
        .unwrap();
        let saved = WebhookSaved {
            success: Some(true),
            webhook: Some(webhook.clone()),
        };
        for text in [
            format!("{create:?}"),
            format!("{webhook:#?}"),
            format!("{saved:?}"),
        ] {
            assert!(!text.contains("PLANTED"), "{text}");
            assert!(text.contains("hooks.example.com"), "{text}");
        }
        assert_eq!(webhook.secret.as_deref(), Some("PLANTED"));
        assert_eq!(shown_url("not a url"), "<redacted>");
        assert_eq!(shown_url("https://a.example"), "https://a.example");
    }

    #[test]
    fn the_next_page_of_logs_starts_where_the_window_ends() {
        let args = GetWebhookLogs {
            limit: Some(2),
            status: Some("failed".into()),
            ..Default::default()
        };
        let page = |skip: u64, has_more: bool| WebhookLogPage {
            logs: vec![WebhookLog::default()],
            pagination: Some(LogPagination {
                limit: Some(2),
                skip: Some(skip),
                has_more: Some(has_more),
                ..Default::default()
            }),
        };
        let next = args.next_page(&page(0, true)).unwrap();
        assert_eq!((next.skip, next.limit), (Some(2), Some(2)));
        assert_eq!(next.status.as_deref(), Some("failed"));
        assert!(args.next_page(&page(4, false)).is_none());
        assert!(args.next_page(&page(9_999, true)).is_none());
        assert!(args.next_page(&WebhookLogPage::default()).is_none());
        // By name: the pager reads `logs` and follows `skip`.
        let mut pager = crate::api::pages::Pager::new(
            crate::api::dispatch::Platform::Zernio,
            "get_webhook_logs",
            serde_json::json!({"limit": 2}),
            10,
        )
        .unwrap();
        let wire = serde_json::to_value(page(0, true)).unwrap();
        assert_eq!(pager.feed(wire).unwrap().len(), 1);
        assert_eq!(
            pager.next_args().unwrap(),
            &serde_json::json!({"limit": 2, "skip": 2})
        );
        let last = serde_json::to_value(page(2, false)).unwrap();
        assert_eq!(pager.feed(last).unwrap().len(), 1);
        assert!(pager.next_args().is_none());
    }

    #[test]
    fn urls_are_http_or_https_with_a_host() {
        assert!(check_url(" https://example.com/hook ").is_ok());
        assert!(check_url("http://localhost:3000").is_ok());
        for bad in [
            "",
            "example.com/hook",
            "ftp://example.com",
            "https://",
            "https://a b",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
