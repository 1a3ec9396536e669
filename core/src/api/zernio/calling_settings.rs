//! WhatsApp Business Calling on a number (`/v1/phone-numbers/{id}/whatsapp/calling`: read,
//! enable, update, disable) and the same configuration read by WhatsApp account
//! (`/v1/whatsapp/calling`) (reference zernio.md §3.12).
//!
//! The SIP password is a credential and the forwarding target is personal data: `Debug` shows
//! neither.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{check_forward_to, hidden, one_of, parse_or_null, respond_or_empty};
use crate::api::http::HttpResponse;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, country, invalid, path_id, require};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// The caller id the forward leg shows on `tel:` forwards.
    pub enum CallerIdMode {
        /// This WhatsApp number.
        Business => "business",
        /// A Zernio number (a brought number whose caller id is not verified).
        Platform => "platform",
    }
}

open_enum! {
    /// The caller id presented to the forward destination.
    pub enum ForwardCallerId {
        /// The business number.
        Business => "business",
        /// The WhatsApp user's number (`sip:` destinations only).
        Caller => "caller",
    }
}

fn check_duration(seconds: u64) -> Result<()> {
    if (30..=14_400).contains(&seconds) {
        Ok(())
    } else {
        Err(invalid(
            "maxCallDurationSeconds",
            "from 30 to 14400 seconds",
        ))
    }
}

fn check_icon_countries(countries: &[&str]) -> Result<()> {
    for c in countries {
        country("callIconCountries", c)?;
    }
    Ok(())
}

/// Reads a member that may be `null` on purpose: absent is `None` (left alone), `null` is
/// `Some(None)` (cleared).
#[allow(clippy::option_option)] // absent, null and a value are three different requests
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

// ---------------------------------------------------------------------------------------------
// Models.

/// `GET /v1/phone-numbers/{id}/whatsapp/calling` (and `GET /v1/whatsapp/calling`): the
/// number's calling configuration (the SIP password itself is never returned). `Debug` hides
/// the forwarding target and SIP user.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappCalling {
    /// The number's record id (read by account only): the `id` of the per-number calls.
    #[serde(default)]
    pub phone_number_doc_id: Option<String>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Calling enabled.
    #[serde(default)]
    pub calling_enabled: Option<bool>,
    /// `https://wa.me/call/<number>`, while calling is enabled.
    #[serde(default)]
    pub call_deep_link: Option<String>,
    /// `tel:+E164`, `sip:…` or `wss://…`.
    #[serde(default)]
    pub forward_to: Option<String>,
    /// Calls are recorded.
    #[serde(default)]
    pub recording_enabled: Option<bool>,
    /// SIP digest user name.
    #[serde(default)]
    pub sip_auth_username: Option<String>,
    /// A SIP digest password is stored.
    #[serde(default)]
    pub sip_auth_password_configured: Option<bool>,
    /// ISO countries where the call icon shows.
    #[serde(default)]
    pub call_icon_countries: Option<Vec<String>>,
    /// The country blocks business-initiated calls (inbound still works).
    #[serde(default)]
    pub outbound_disabled: Option<bool>,
    /// Caller id on `tel:` forwards.
    #[serde(default)]
    pub caller_id_mode: Option<CallerIdMode>,
    /// Caller-id verification done.
    #[serde(default)]
    pub caller_id_verified: Option<bool>,
    /// Cap on a forwarded call, in seconds (`None`: no cap).
    #[serde(default)]
    pub max_call_duration_seconds: Option<u32>,
    /// Caller id presented to the destination.
    #[serde(default)]
    pub forward_caller_id: Option<ForwardCallerId>,
}

impl fmt::Debug for WhatsappCalling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WhatsappCalling")
            .field("phone_number_doc_id", &self.phone_number_doc_id)
            .field("phone_number", &self.phone_number)
            .field("calling_enabled", &self.calling_enabled)
            .field("forward_to", &hidden(self.forward_to.as_ref()))
            .field("recording_enabled", &self.recording_enabled)
            .field(
                "sip_auth_username",
                &hidden(self.sip_auth_username.as_ref()),
            )
            .field(
                "sip_auth_password_configured",
                &self.sip_auth_password_configured,
            )
            .field("outbound_disabled", &self.outbound_disabled)
            .field("caller_id_mode", &self.caller_id_mode)
            .field("max_call_duration_seconds", &self.max_call_duration_seconds)
            .finish_non_exhaustive()
    }
}

/// `POST /v1/phone-numbers/{id}/whatsapp/calling`. `Debug` hides the forwarding target.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CallingEnabled {
    /// Done.
    #[serde(default)]
    pub success: Option<bool>,
    /// Calling enabled.
    #[serde(default)]
    pub calling_enabled: Option<bool>,
    /// Zernio's SIP host for the number.
    #[serde(default)]
    pub sip_hostname: Option<String>,
    /// The forwarding target.
    #[serde(default)]
    pub forward_to: Option<String>,
    /// Caller id on `tel:` forwards.
    #[serde(default)]
    pub caller_id_mode: Option<CallerIdMode>,
}

impl fmt::Debug for CallingEnabled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallingEnabled")
            .field("success", &self.success)
            .field("calling_enabled", &self.calling_enabled)
            .field("sip_hostname", &self.sip_hostname)
            .field("forward_to", &hidden(self.forward_to.as_ref()))
            .field("caller_id_mode", &self.caller_id_mode)
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Operations.

/// `GET /v1/phone-numbers/{id}/whatsapp/calling` (no legacy alias).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct GetWhatsappCalling {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for GetWhatsappCalling {
    type Output = WhatsappCalling;
    const SPEC: &'static OperationSpec = &table::GET_WHATSAPP_CALLING;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id")).map(drop)
    }
}

/// `GET /v1/whatsapp/calling?accountId=`: the calling configuration of a WhatsApp account's
/// number, with the number's record id (`phoneNumberDocId`) for the per-number calls.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetCallingConfig {
    /// WhatsApp account id.
    pub account_id: String,
}

impl Operation<Config> for GetCallingConfig {
    type Output = WhatsappCalling;
    const SPEC: &'static OperationSpec = &table::GET_CALLING_CONFIG;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))
    }
}

/// `POST /v1/phone-numbers/{id}/whatsapp/calling`: enable calling (Meta's side and the SIP
/// endpoint). `Debug` hides the forwarding target and the SIP credentials.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct EnableWhatsappCalling {
    /// Record id.
    pub id: String,
    /// WhatsApp account id.
    pub account_id: String,
    /// `tel:+E164`, `sip:…` or `wss://…` (not the number itself).
    pub forward_to: String,
    /// SIP digest user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_auth_username: Option<String>,
    /// SIP digest password (stored encrypted, never returned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_auth_password: Option<String>,
    /// Record calls (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_enabled: Option<bool>,
    /// ISO countries where the call icon shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_icon_countries: Option<Vec<String>>,
    /// Cap on a forwarded call, 30..=14400 seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_call_duration_seconds: Option<u32>,
    /// `business` (default) or `caller`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_caller_id: Option<String>,
}

impl fmt::Debug for EnableWhatsappCalling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnableWhatsappCalling")
            .field("id", &self.id)
            .field("account_id", &self.account_id)
            .field("forward_to", &"<redacted>")
            .field(
                "sip_auth_username",
                &hidden(self.sip_auth_username.as_ref()),
            )
            .field(
                "sip_auth_password",
                &hidden(self.sip_auth_password.as_ref()),
            )
            .field("recording_enabled", &self.recording_enabled)
            .field("call_icon_countries", &self.call_icon_countries)
            .field("max_call_duration_seconds", &self.max_call_duration_seconds)
            .field("forward_caller_id", &self.forward_caller_id)
            .finish()
    }
}

impl Operation<Config> for EnableWhatsappCalling {
    type Output = CallingEnabled;
    const SPEC: &'static OperationSpec = &table::ENABLE_WHATSAPP_CALLING;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("accountId", a.text("accountId"))?;
        check_forward_to("forwardTo", a.text("forwardTo"))?;
        check_icon_countries(&a.strs("callIconCountries").unwrap_or_default())?;
        if let Some(seconds) = a.u64("maxCallDurationSeconds") {
            check_duration(seconds)?;
        }
        if let Some(mode) = a.str("forwardCallerId") {
            one_of(
                "forwardCallerId",
                mode,
                &["business", "caller"],
                "business or caller",
            )?;
        }
        Ok(())
    }
}

/// `PATCH /v1/phone-numbers/{id}/whatsapp/calling`: change the fields given on a number with
/// calling enabled. A nullable field given as `null` is cleared (`Some(None)`: no duration
/// cap, no SIP credentials, no icon countries); a field left out is left alone. `Debug` hides
/// the forwarding target and the SIP credentials.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
#[allow(clippy::option_option)] // absent (left alone), null (cleared) and a value differ
pub struct UpdateWhatsappCalling {
    /// Record id.
    pub id: String,
    /// WhatsApp account id.
    pub account_id: String,
    /// `tel:+E164`, `sip:…` or `wss://…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    /// SIP digest user name (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, ts(as = "Option<String>"))]
    pub sip_auth_username: Option<Option<String>>,
    /// SIP digest password (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, ts(as = "Option<String>"))]
    pub sip_auth_password: Option<Option<String>>,
    /// Record calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_enabled: Option<bool>,
    /// ISO countries where the call icon shows (`null` clears them).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>"))]
    pub call_icon_countries: Option<Option<Vec<String>>>,
    /// Cap on a forwarded call, 30..=14400 seconds (`null` removes the cap).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, ts(as = "Option<u32>"))]
    pub max_call_duration_seconds: Option<Option<u32>>,
    /// `business` or `caller`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_caller_id: Option<String>,
}

impl fmt::Debug for UpdateWhatsappCalling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateWhatsappCalling")
            .field("id", &self.id)
            .field("account_id", &self.account_id)
            .field("forward_to", &hidden(self.forward_to.as_ref()))
            .field(
                "sip_auth_username",
                &self.sip_auth_username.as_ref().map(|v| hidden(v.as_ref())),
            )
            .field(
                "sip_auth_password",
                &self.sip_auth_password.as_ref().map(|v| hidden(v.as_ref())),
            )
            .field("recording_enabled", &self.recording_enabled)
            .field("call_icon_countries", &self.call_icon_countries)
            .field("max_call_duration_seconds", &self.max_call_duration_seconds)
            .field("forward_caller_id", &self.forward_caller_id)
            .finish()
    }
}

impl Operation<Config> for UpdateWhatsappCalling {
    /// No response body is documented: the body as sent.
    type Output = Value;
    const SPEC: &'static OperationSpec = &table::UPDATE_WHATSAPP_CALLING;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("accountId", a.text("accountId"))?;
        if let Some(target) = a.str("forwardTo") {
            check_forward_to("forwardTo", target)?;
        }
        if let Some(countries) = a.strs("callIconCountries") {
            check_icon_countries(&countries)?;
        }
        if let Some(seconds) = a.u64("maxCallDurationSeconds") {
            check_duration(seconds)?;
        }
        if let Some(mode) = a.str("forwardCallerId") {
            one_of(
                "forwardCallerId",
                mode,
                &["business", "caller"],
                "business or caller",
            )?;
        }
        Ok(())
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse_or_null(Self::NAME, response)
    }

    fn respond(&self, output: &Self::Output) -> Result<HttpResponse> {
        respond_or_empty(Self::SPEC, output)
    }
}

/// `DELETE /v1/phone-numbers/{id}/whatsapp/calling?accountId=`: disable calling (the target
/// and SIP credentials are kept for a re-enable).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct DisableWhatsappCalling {
    /// Record id.
    pub id: String,
    /// WhatsApp account id.
    pub account_id: String,
}

impl Operation<Config> for DisableWhatsappCalling {
    /// No response body is documented: the body as sent.
    type Output = Value;
    const SPEC: &'static OperationSpec = &table::DISABLE_WHATSAPP_CALLING;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("accountId", a.text("accountId"))
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse_or_null(Self::NAME, response)
    }

    fn respond(&self, output: &Self::Output) -> Result<HttpResponse> {
        respond_or_empty(Self::SPEC, output)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_clears_and_absent_leaves_alone() {
        let update: UpdateWhatsappCalling = crate::error::from_value(json!({
            "id": "n1", "accountId": "a", "maxCallDurationSeconds": null, "sipAuthPassword": "PLANTED"
        }))
        .unwrap();
        assert_eq!(update.max_call_duration_seconds, Some(None));
        assert_eq!(update.call_icon_countries, None);
        let request = update.request(&Config::new("k")).unwrap();
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(
            body,
            json!({"accountId": "a", "sipAuthPassword": "PLANTED", "maxCallDurationSeconds": null})
        );
        assert!(!format!("{update:?}").contains("PLANTED"));
    }

    #[test]
    fn forwarding_targets() {
        for ok in [
            "tel:+447400123456",
            "sip:agent@pbx.example.com",
            "wss://rt.example.com/a",
        ] {
            assert!(check_forward_to("forwardTo", ok).is_ok(), "{ok}");
        }
        for bad in [
            "+447400123456",
            "tel:07400123456",
            "sip:",
            "https://example.com",
        ] {
            assert!(check_forward_to("forwardTo", bad).is_err(), "{bad}");
        }
    }
}
