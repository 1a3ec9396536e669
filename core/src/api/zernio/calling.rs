//! WhatsApp calls.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{check_consumer_e164, parse};
use crate::api::http::HttpResponse;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, max_len, require};
use crate::error::Result;

/// `POST /v1/whatsapp/calls`: place a WhatsApp call, or (with `action`) send the consumer the
/// call-permission prompt. `Idempotency-Key` makes a retry safe. `Debug` hides the consumer's
/// number, the forwarding target and the prompt text.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct PlaceCall {
    /// WhatsApp account id.
    pub account_id: String,
    /// The consumer, E.164 (`+` optional upstream; sent with it).
    pub to: String,
    /// `send_call_permission_request` to ask for permission instead of calling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Prompt text (permission request only), at most 1024 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// `tel:+E164`, `sip:` or `wss:` target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    /// Override recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_override: Option<bool>,
    /// Opaque data, at most 512 characters (sent as `biz_opaque_callback_data`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_opaque_callback_data: Option<String>,
    /// Idempotency key (header, at most 255), supplied by the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

impl std::fmt::Debug for PlaceCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceCall")
            .field("account_id", &self.account_id)
            .field("to", &"<redacted>")
            .field("action", &self.action)
            .field(
                "forward_to",
                &self.forward_to.as_ref().map(|_| "<redacted>"),
            )
            .field("body_text", &self.body_text.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for PlaceCall {
    type Output = Value;
    const SPEC: &'static OperationSpec = &table::PLACE_CALL;

    fn check(&self, _config: &Config) -> Result<()> {
        require("accountId", &self.account_id)?;
        check_consumer_e164("to", &self.to)?;
        if let Some(action) = &self.action
            && action != "send_call_permission_request"
        {
            return Err(invalid(
                "action",
                "send_call_permission_request, or left out to place a call",
            ));
        }
        if let Some(text) = &self.body_text {
            if self.action.is_none() {
                return Err(invalid(
                    "bodyText",
                    "sent only with action send_call_permission_request",
                ));
            }
            max_len("bodyText", text, 1024)?;
        }
        if let Some(data) = &self.biz_opaque_callback_data {
            max_len("bizOpaqueCallbackData", data, 512)?;
        }
        if let Some(key) = &self.idempotency_key {
            require("idempotencyKey", key)?;
            max_len("idempotencyKey", key, 255)?;
        }
        Ok(())
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}
