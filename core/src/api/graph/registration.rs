//! Adding a number to a WABA, registration, deregistration and the two-step PIN.

use crate::api::Args;
use crate::api::table::{self, OperationSpec};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{GraphConfig, Success, build_args, graph_parse, numeric_id};
use crate::api::http::{HttpRequest, HttpResponse};
use crate::api::{Operation, errors, invalid, max_len, require, to_args};
use crate::error::Result;

/// Regions for local data storage (`data_localization_region`).
pub const DATA_LOCALIZATION_REGIONS: [&str; 14] = [
    "AU", "ID", "IN", "JP", "SG", "KR", "DE", "CH", "GB", "BR", "BH", "ZA", "AE", "CA",
];

fn pin(argument: &str, value: &str) -> Result<()> {
    if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(invalid(argument, "exactly 6 digits"))
    }
}

/// `POST /{PHONE_NUMBER_ID}/register`. Meta allows 10 register/deregister calls per number in
/// 72 hours; never retried automatically.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Register {
    /// Phone-number id.
    pub phone_number_id: String,
    /// Two-step PIN, 6 digits (the existing one if set, else it becomes the PIN).
    pub pin: String,
    /// Local storage region (ISO code from [`DATA_LOCALIZATION_REGIONS`]).
    #[serde(default)]
    pub data_localization_region: Option<String>,
}

impl Operation<GraphConfig> for Register {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::REGISTER;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("phoneNumberId", a.text("phoneNumberId"))?;
        pin("pin", a.text("pin"))?;
        if let Some(region) = a.str("dataLocalizationRegion")
            && !DATA_LOCALIZATION_REGIONS.contains(&region)
        {
            return Err(invalid(
                "dataLocalizationRegion",
                &format!("one of {}", DATA_LOCALIZATION_REGIONS.join(", ")),
            ));
        }
        Ok(())
    }
}

/// `POST /{PHONE_NUMBER_ID}/deregister` (no body; counts toward the register limit).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Deregister {
    /// Phone-number id.
    pub phone_number_id: String,
}

impl Operation<GraphConfig> for Deregister {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::DEREGISTER;
}

/// `POST /{PHONE_NUMBER_ID}` `{pin}`: set or change the two-step PIN (it cannot be disabled
/// through the API). `Debug` hides the PIN.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SetTwoStepPin {
    /// Phone-number id.
    pub phone_number_id: String,
    /// 6 digits.
    pub pin: String,
}

impl fmt::Debug for SetTwoStepPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetTwoStepPin")
            .field("phone_number_id", &self.phone_number_id)
            .field("pin", &"<redacted>")
            .finish()
    }
}

impl Operation<GraphConfig> for SetTwoStepPin {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::SET_TWO_STEP_PIN;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("phoneNumberId", a.text("phoneNumberId"))?;
        pin("pin", a.text("pin"))?;
        Ok(())
    }
}

/// `POST /{WABA_ID}/phone_numbers`: add a number to a WABA. It starts unverified: then
/// `request_code`, `verify_code` and `register` (a number verified in advance comes with its
/// `preverifiedId`). Never retried automatically: a repeat fails with "already exists" rather
/// than giving the id, and creation is rate-limited strictly.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct AddPhoneNumber {
    /// WABA id.
    pub waba_id: String,
    /// Country calling code, 1 to 3 digits (`1`, `44`; a leading `+` is dropped).
    pub cc: String,
    /// The number's digits, with or without the country calling code (Meta takes both);
    /// spaces, hyphens, dots and parentheses are dropped.
    pub phone_number: String,
    /// Display name, 2 to 75 characters (reviewed by Meta).
    pub verified_name: String,
    /// Migrating a number from the On-Premises API.
    #[serde(default)]
    pub migrate_phone_number: Option<bool>,
    /// The id of the number verified in advance (`POST /{BUSINESS_ID}/add_phone_numbers`).
    #[serde(default)]
    pub preverified_id: Option<String>,
}

/// `^[1-9][0-9]{0,2}$` after a leading `+`.
fn calling_code(value: &str) -> Result<String> {
    require("cc", value)?;
    let digits = value.trim();
    let digits = digits.strip_prefix('+').unwrap_or(digits);
    if (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
    {
        Ok(digits.to_owned())
    } else {
        Err(invalid(
            "cc",
            "a country calling code of 1 to 3 digits, e.g. 1 or 44",
        ))
    }
}

/// Meta's pattern `^[1-9][0-9]{6,14}$` once separators are dropped.
fn number_digits(value: &str) -> Result<String> {
    require("phoneNumber", value)?;
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    if (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
    {
        Ok(digits)
    } else {
        Err(invalid(
            "phoneNumber",
            "7 to 15 digits without + or a leading 0, e.g. 4155551234",
        ))
    }
}

impl Operation<GraphConfig> for AddPhoneNumber {
    type Output = AddedPhoneNumber;
    const SPEC: &'static OperationSpec = &table::ADD_PHONE_NUMBER;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("wabaId", &self.waba_id)?;
        let cc = calling_code(&self.cc)?;
        let number = number_digits(&self.phone_number)?;
        let name = self.verified_name.trim();
        require("verifiedName", name)?;
        if name.chars().count() < 2 {
            return Err(invalid("verifiedName", "2 to 75 characters"));
        }
        max_len("verifiedName", name, 75)?;
        if let Some(id) = &self.preverified_id {
            numeric_id("preverifiedId", id)?;
        }
        let mut args = to_args(self)?;
        args.insert("cc".into(), cc.into());
        args.insert("phoneNumber".into(), number.into());
        args.insert("verifiedName".into(), name.into());
        build_args(config, Self::SPEC, &args)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let added: AddedPhoneNumber = graph_parse(Self::NAME, response)?;
        if added.id.trim().is_empty() {
            return Err(errors::bad_response(Self::NAME, response, "no id"));
        }
        Ok(added)
    }
}

/// `{"id": ...}`: the new phone-number id (unverified until `verify_code`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddedPhoneNumber {
    /// Phone-number id, a numeric string.
    pub id: String,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
