//! Registration, deregistration and the two-step PIN.

use crate::api::table::{self, OperationSpec};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{GraphConfig, Success, numeric_id, success};
use crate::api::http::HttpResponse;
use crate::api::{Operation, invalid};
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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

    fn check(&self, _config: &GraphConfig) -> Result<()> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        pin("pin", &self.pin)?;
        if let Some(region) = &self.data_localization_region
            && !DATA_LOCALIZATION_REGIONS.contains(&region.as_str())
        {
            return Err(invalid(
                "dataLocalizationRegion",
                &format!("one of {}", DATA_LOCALIZATION_REGIONS.join(", ")),
            ));
        }
        Ok(())
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// `POST /{PHONE_NUMBER_ID}/deregister` (no body; counts toward the register limit).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Deregister {
    /// Phone-number id.
    pub phone_number_id: String,
}

impl Operation<GraphConfig> for Deregister {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::DEREGISTER;

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// `POST /{PHONE_NUMBER_ID}` `{pin}`: set or change the two-step PIN (it cannot be disabled
/// through the API). `Debug` hides the PIN.
#[derive(Clone, Serialize, Deserialize)]
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

    fn check(&self, _config: &GraphConfig) -> Result<()> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        pin("pin", &self.pin)?;
        Ok(())
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}
