//! Placing a WhatsApp call: the call itself (or the permission prompt), whether a consumer may
//! be called now, and what a call would cost (reference zernio.md §3.12).
//!
//! The consumer's number is personal data: `Debug` never shows it.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::check_consumer_e164;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, max_len, require};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// Whether the business may call a consumer.
    pub enum CallPermissionStatus {
        /// Granted for a while (`expiration_time`).
        Temporary => "temporary",
        /// Not granted.
        NoPermission => "no_permission",
        /// Granted for good.
        Permanent => "permanent",
    }
}

open_enum! {
    /// An action on a consumer's call permission.
    pub enum CallActionName {
        /// Send the permission prompt.
        SendCallPermissionRequest => "send_call_permission_request",
        /// Place a call.
        StartCall => "start_call",
    }
}

/// A consumer's permission (Meta's snake_case names).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallPermission {
    /// The state.
    #[serde(default)]
    pub status: Option<CallPermissionStatus>,
    /// When a temporary permission ends, Unix seconds.
    #[serde(default)]
    pub expiration_time: Option<i64>,
}

/// Whether an action can be taken now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallAction {
    /// The action.
    #[serde(default)]
    pub action_name: Option<CallActionName>,
    /// Allowed now.
    #[serde(default)]
    pub can_perform_action: Option<bool>,
}

/// `GET /v1/whatsapp/call-permissions`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallPermissions {
    /// The permission.
    #[serde(default)]
    pub permission: Option<CallPermission>,
    /// What can be done.
    #[serde(default)]
    pub actions: Vec<CallAction>,
}

/// `POST /v1/whatsapp/calls`: place a WhatsApp call, or (with `action`) send the consumer the
/// call-permission prompt. `Idempotency-Key` makes a retry safe. `Debug` hides the consumer's
/// number, the forwarding target and the prompt text.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
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

impl fmt::Debug for PlaceCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))?;
        check_consumer_e164("to", a.text("to"))?;
        if let Some(action) = a.str("action")
            && action != "send_call_permission_request"
        {
            return Err(invalid(
                "action",
                "send_call_permission_request, or left out to place a call",
            ));
        }
        if let Some(text) = a.str("bodyText") {
            if !a.has("action") {
                return Err(invalid(
                    "bodyText",
                    "sent only with action send_call_permission_request",
                ));
            }
            max_len("bodyText", text, 1024)?;
        }
        if let Some(data) = a.str("bizOpaqueCallbackData") {
            max_len("bizOpaqueCallbackData", data, 512)?;
        }
        if let Some(key) = a.str("idempotencyKey") {
            require("idempotencyKey", key)?;
            max_len("idempotencyKey", key, 255)?;
        }
        Ok(())
    }
}

/// `GET /v1/whatsapp/call-permissions?accountId&to`: may the business call this consumer, or
/// prompt them first? `Debug` hides the consumer's number.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetCallPermissions {
    /// WhatsApp account id.
    pub account_id: String,
    /// The consumer, E.164.
    pub to: String,
}

impl fmt::Debug for GetCallPermissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetCallPermissions")
            .field("account_id", &self.account_id)
            .field("to", &"<redacted>")
            .finish()
    }
}

impl Operation<Config> for GetCallPermissions {
    type Output = CallPermissions;
    const SPEC: &'static OperationSpec = &table::GET_CALL_PERMISSIONS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))?;
        check_consumer_e164("to", a.text("to"))
    }
}

/// `GET /v1/whatsapp/calls/estimate`: what a call to a consumer would cost. `Debug` hides the
/// consumer's number.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct EstimateCall {
    /// WhatsApp account id.
    pub account_id: String,
    /// The consumer, E.164.
    pub to: String,
    /// Minutes, 1..=120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Include recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
}

impl fmt::Debug for EstimateCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EstimateCall")
            .field("account_id", &self.account_id)
            .field("to", &"<redacted>")
            .field("minutes", &self.minutes)
            .field("recording", &self.recording)
            .finish()
    }
}

impl Operation<Config> for EstimateCall {
    type Output = CallEstimate;
    const SPEC: &'static OperationSpec = &table::ESTIMATE_CALL;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))?;
        check_consumer_e164("to", a.text("to"))?;
        match a.u64("minutes") {
            Some(m) if !(1..=120).contains(&m) => Err(invalid("minutes", "from 1 to 120")),
            _ => Ok(()),
        }
    }
}

/// What a call would cost, in US dollars as Zernio reports them: per-minute prices have
/// fractions of a cent, so these stay decimal numbers (display figures; Zernio bills in cents).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CallEstimate {
    /// The consumer's country (ISO), when known.
    #[serde(default)]
    pub destination_country: Option<String>,
    /// Price per minute, USD.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub per_minute_usd: Option<f64>,
    /// The parts of the price.
    #[serde(default)]
    pub breakdown: Option<CallCost>,
}

/// The parts of a call's price (USD). Meta bills its part to the WABA directly; Zernio bills
/// `billableCostUSD` (the Telnyx leg and recording). These are Zernio's figures, fractions of
/// a cent included, for display: money the library computes is integer cents, and these are
/// never added up here.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallCost {
    /// Minutes Meta charges (estimates only).
    #[serde(default, rename = "metaMinutes")]
    pub meta_minutes: Option<u64>,
    /// Meta's per-minute charge (billed by Meta).
    #[serde(default, rename = "metaCostUSD")]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub meta_cost_usd: Option<f64>,
    /// The Telnyx leg.
    #[serde(default, rename = "telnyxCostUSD")]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub telnyx_cost_usd: Option<f64>,
    /// Recording.
    #[serde(default, rename = "recordingCostUSD")]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub recording_cost_usd: Option<f64>,
    /// What Zernio bills.
    #[serde(default, rename = "billableCostUSD")]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub billable_cost_usd: Option<f64>,
    /// Everything, Meta's part included.
    #[serde(default, rename = "totalCostUSD")]
    #[cfg_attr(test, ts(type = "Float | null"))]
    pub total_cost_usd: Option<f64>,
    /// Currency (`USD`; calls only).
    #[serde(default)]
    pub currency: Option<String>,
}
