//! SMS on a number: turn it on or off, and reuse an approved carrier registration
//! (`/v1/phone-numbers/{id}/sms`, Zernio's OpenAPI `enableSmsOnNumber`, `disableSmsOnNumber`,
//! `reuseSmsRegistrationForNumber`). US numbers need a carrier registration before delivery.

use crate::api::Args;
use serde::{Deserialize, Serialize};

use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, path_id};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// Where a carrier registration (US) is.
    pub enum SmsRegistrationStatus {
        /// Being reviewed.
        Pending => "pending",
        /// Approved: messages are delivered.
        Approved => "approved",
        /// Refused.
        Rejected => "rejected",
        /// Before submission, in Zernio's review (shown as pending).
        Requested => "requested",
        /// Before submission, changes needed.
        ChangesRequested => "changes_requested",
        /// No longer active.
        Deactivated => "deactivated",
    }
}

/// An approved registration that can cover the number (`reuse_sms_registration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SmsRegistration {
    /// Registration id.
    #[serde(default)]
    pub registration_id: Option<String>,
    /// Its state.
    #[serde(default)]
    pub status: Option<SmsRegistrationStatus>,
}

/// `POST /v1/phone-numbers/{id}/sms`. A 200 with `enabled: false` is an answer, not an error:
/// the number cannot do SMS (`smsCapable: false`) or is not ready yet (`notReady`; retry
/// shortly); `message` says which.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SmsStatus {
    /// SMS is on.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The SMS account id (when enabled).
    #[serde(default)]
    pub id: Option<String>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// False for US numbers until their registration is approved.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// The carrier can do SMS (`None` while still provisioning).
    #[serde(default)]
    pub sms_capable: Option<bool>,
    /// MMS too.
    #[serde(default)]
    pub mms_capable: Option<bool>,
    /// Domestic destinations only.
    #[serde(default)]
    pub domestic_only: Option<bool>,
    /// Still provisioning at the carrier.
    #[serde(default)]
    pub not_ready: Option<bool>,
    /// A carrier registration is needed first (US).
    #[serde(default)]
    pub needs_registration: Option<bool>,
    /// An earlier registration already covers it.
    #[serde(default)]
    pub already_registered: Option<bool>,
    /// The registration's state.
    #[serde(default)]
    pub registration_status: Option<SmsRegistrationStatus>,
    /// An approved registration that can cover it.
    #[serde(default)]
    pub reusable: Option<SmsRegistration>,
    /// Why `enabled` is false.
    #[serde(default)]
    pub message: Option<String>,
}

/// `DELETE /v1/phone-numbers/{id}/sms`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SmsDisabled {
    /// Always false after a disable.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// False when SMS was already off (legacy; prefer `enabled`).
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// `POST /v1/phone-numbers/{id}/sms`: turn SMS on (no body).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct EnableSms {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for EnableSms {
    type Output = SmsStatus;
    const SPEC: &'static OperationSpec = &table::ENABLE_SMS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id")).map(drop)
    }
}

/// `DELETE /v1/phone-numbers/{id}/sms`: turn SMS off.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct DisableSms {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for DisableSms {
    type Output = SmsDisabled;
    const SPEC: &'static OperationSpec = &table::DISABLE_SMS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id")).map(drop)
    }
}

/// `POST /v1/phone-numbers/{id}/sms/reuse-registration`: add the number to the account's
/// approved registration (409 when there is none to reuse).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ReuseSmsRegistration {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for ReuseSmsRegistration {
    type Output = SmsRegistration;
    const SPEC: &'static OperationSpec = &table::REUSE_SMS_REGISTRATION;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id")).map(drop)
    }
}
