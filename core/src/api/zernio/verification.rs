//! WhatsApp verification of a number, and Meta's live number info.

use crate::api::Args;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{build_args, six_digit_code};
use crate::api::graph::{GraphPhoneNumber, HealthStatus};
use crate::api::http::HttpRequest;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, path_id, require, to_args};
use crate::error::Result;

/// `POST /v1/phone-numbers/{id}/whatsapp/request-code`: Zernio requests the WhatsApp code and
/// captures it itself. `method` left out lets Zernio choose. Never retried automatically.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct RequestWhatsappCode {
    /// Record id.
    pub id: String,
    /// `SMS` or `VOICE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

impl Operation<Config> for RequestWhatsappCode {
    type Output = Value;
    const SPEC: &'static OperationSpec = &table::REQUEST_WHATSAPP_CODE;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        if let Some(m) = a.str("method")
            && !matches!(m, "SMS" | "VOICE")
        {
            return Err(invalid("method", "SMS or VOICE"));
        }
        Ok(())
    }
}

/// Legacy `POST /v1/whatsapp/phone-numbers/{id}/verify` with the 6-digit code (the published
/// docs' flow; the current API captures the code itself). `Debug` hides the code.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct VerifyWhatsappCode {
    /// Record id.
    pub id: String,
    /// The code; `-` and spaces are removed, then 6 digits are required.
    pub code: String,
}

impl std::fmt::Debug for VerifyWhatsappCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyWhatsappCode")
            .field("id", &self.id)
            .field("code", &"<redacted>")
            .finish()
    }
}

impl Operation<Config> for VerifyWhatsappCode {
    type Output = Value;
    const SPEC: &'static OperationSpec = &table::VERIFY_WHATSAPP_CODE;

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let mut args = to_args(self)?;
        args.insert("code".into(), six_digit_code("code", &self.code)?.into());
        build_args(config, Self::SPEC, &args, None)
    }
}

/// `GET /v1/whatsapp/number-info?accountId=`: a live snapshot from Meta (quality, limits,
/// name approval). `accountId` is the WhatsApp account id, not the number record id.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetNumberInfo {
    /// WhatsApp account id (`socialAccountId` or `connected[].accountId`).
    pub account_id: String,
}

/// The answer of `GET /v1/whatsapp/number-info`: Meta's own fields (snake_case), passed through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct NumberInfo {
    /// The number's Graph node: name and its review, quality, tier, throughput, status.
    #[serde(default)]
    pub phone: Option<GraphPhoneNumber>,
    /// The owning WhatsApp Business Account (`null` when Meta gives none).
    #[serde(default)]
    pub waba: Option<NumberInfoWaba>,
    /// Members this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The Business Account part of [`NumberInfo`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct NumberInfoWaba {
    /// The account's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Meta's business verification (e.g. `verified`, `pending`, `not_verified`).
    #[serde(default)]
    pub business_verification_status: Option<String>,
    /// Meta's time-zone id.
    #[serde(default)]
    pub timezone_id: Option<String>,
    /// Whether the account can send messages, and why not.
    #[serde(default)]
    pub health_status: Option<HealthStatus>,
    /// Members this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation<Config> for GetNumberInfo {
    type Output = NumberInfo;
    const SPEC: &'static OperationSpec = &table::GET_NUMBER_INFO;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))?;
        Ok(())
    }
}
