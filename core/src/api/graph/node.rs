//! The phone-number node: its open enums and fields, and reading one number.

use super::build_args;
use crate::api::table::{self, OperationSpec};
use crate::api::to_args;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::health::HealthStatus;
use super::profile::ConversationalAutomation;
use super::{GraphConfig, numeric_id};
use crate::api::http::HttpRequest;
use crate::api::{Operation, invalid};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// `quality_rating` (`NA` and `UNKNOWN` both occur and stay distinct).
    pub enum QualityRating { Green => "GREEN", Yellow => "YELLOW", Red => "RED", NoData => "NA", Unrated => "UNKNOWN", }
}
open_enum! {
    /// `code_verification_status`.
    pub enum CodeVerificationStatus { Verified => "VERIFIED", NotVerified => "NOT_VERIFIED", Expired => "EXPIRED", }
}
open_enum! {
    /// `name_status` / `new_name_status`.
    pub enum NameStatus {
        Approved => "APPROVED", AvailableWithoutReview => "AVAILABLE_WITHOUT_REVIEW", Declined => "DECLINED",
        Expired => "EXPIRED", PendingReview => "PENDING_REVIEW", NoName => "NONE",
    }
}
open_enum! {
    /// `platform_type`.
    pub enum PlatformType { CloudApi => "CLOUD_API", OnPremise => "ON_PREMISE", NotApplicable => "NOT_APPLICABLE", }
}
open_enum! {
    /// `throughput.level`.
    pub enum ThroughputLevel { Standard => "STANDARD", High => "HIGH", NotApplicable => "NOT_APPLICABLE", }
}
open_enum! {
    /// The deprecated phone-level `messaging_limit_tier` (now usually null).
    pub enum MessagingLimitTier {
        Tier50 => "TIER_50", Tier250 => "TIER_250", Tier1k => "TIER_1K", Tier10k => "TIER_10K",
        Tier100k => "TIER_100K", TierUnlimited => "TIER_UNLIMITED",
    }
}
open_enum! {
    /// The portfolio-level limit that replaces it (`whatsapp_business_manager_messaging_limit`).
    pub enum PortfolioMessagingLimit {
        Tier250 => "TIER_250", Tier2k => "TIER_2K", Tier10k => "TIER_10K", Tier100k => "TIER_100K",
        TierUnlimited => "TIER_UNLIMITED", Untiered => "UNTIERED",
    }
}
open_enum! {
    /// `account_mode`.
    pub enum AccountMode { Sandbox => "SANDBOX", Live => "LIVE", }
}
open_enum! {
    /// `status` (Meta documents several incompatible lists; this is their union).
    pub enum GraphNumberStatus {
        Connected => "CONNECTED", Disconnected => "DISCONNECTED", Pending => "PENDING", Flagged => "FLAGGED",
        Restricted => "RESTRICTED", RateLimited => "RATE_LIMITED", Migrated => "MIGRATED", Banned => "BANNED",
        Deleted => "DELETED", StatusUnknown => "UNKNOWN",
    }
}

open_enum! {
    /// A field of the phone-number node, for `fields=`.
    pub enum PhoneNumberField {
        Id => "id", DisplayPhoneNumber => "display_phone_number", VerifiedName => "verified_name",
        QualityRating => "quality_rating", QualityScore => "quality_score",
        CodeVerificationStatus => "code_verification_status", NameStatus => "name_status",
        NewNameStatus => "new_name_status", Status => "status", AccountMode => "account_mode",
        PlatformType => "platform_type", Throughput => "throughput", MessagingLimitTier => "messaging_limit_tier",
        PortfolioMessagingLimit => "whatsapp_business_manager_messaging_limit",
        IsOfficialBusinessAccount => "is_official_business_account", IsPinEnabled => "is_pin_enabled",
        IsOnBizApp => "is_on_biz_app", IsPreverifiedNumber => "is_preverified_number",
        SearchVisibility => "search_visibility", LastOnboardedTime => "last_onboarded_time",
        HealthStatus => "health_status", ConversationalAutomation => "conversational_automation",
        HostPlatform => "host_platform", Certificate => "certificate", NewCertificate => "new_certificate",
        EligibilityForApiBusinessGlobalSearch => "eligibility_for_api_business_global_search",
        UnifiedCertStatus => "unified_cert_status", WebhookConfiguration => "webhook_configuration",
        CountryCode => "country_code", CountryDialCode => "country_dial_code", Username => "username",
    }
}

/// The fields a read asks for when none are given: every typed field except the large ones.
pub const DEFAULT_FIELDS: [&str; 12] = [
    "id",
    "display_phone_number",
    "verified_name",
    "quality_rating",
    "code_verification_status",
    "name_status",
    "status",
    "platform_type",
    "throughput",
    "whatsapp_business_manager_messaging_limit",
    "is_official_business_account",
    "last_onboarded_time",
];

/// `throughput`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Throughput {
    /// Level.
    #[serde(default)]
    pub level: Option<ThroughputLevel>,
}

/// A business phone number node (meta.md §2.2). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct GraphPhoneNumber {
    /// Numeric string id.
    #[serde(default)]
    pub id: Option<String>,
    /// Formatted number, e.g. `+1 555-555-5555`.
    #[serde(default)]
    pub display_phone_number: Option<String>,
    /// Approved display name.
    #[serde(default)]
    pub verified_name: Option<String>,
    /// Quality rating.
    #[serde(default)]
    pub quality_rating: Option<QualityRating>,
    /// Quality score object, as sent.
    #[serde(default)]
    pub quality_score: Option<Value>,
    /// OTP verification.
    #[serde(default)]
    pub code_verification_status: Option<CodeVerificationStatus>,
    /// Display-name review.
    #[serde(default)]
    pub name_status: Option<NameStatus>,
    /// Review of a requested new name.
    #[serde(default)]
    pub new_name_status: Option<NameStatus>,
    /// Connection status.
    #[serde(default)]
    pub status: Option<GraphNumberStatus>,
    /// Sandbox or live.
    #[serde(default)]
    pub account_mode: Option<AccountMode>,
    /// Cloud API, On-Premise or neither.
    #[serde(default)]
    pub platform_type: Option<PlatformType>,
    /// Throughput.
    #[serde(default)]
    pub throughput: Option<Throughput>,
    /// Deprecated phone-level tier (null since the portfolio limits).
    #[serde(default)]
    pub messaging_limit_tier: Option<MessagingLimitTier>,
    /// Portfolio-level messaging limit.
    #[serde(default)]
    pub whatsapp_business_manager_messaging_limit: Option<PortfolioMessagingLimit>,
    /// Official business account (blue badge).
    #[serde(default)]
    pub is_official_business_account: Option<bool>,
    /// Two-step PIN set.
    #[serde(default)]
    pub is_pin_enabled: Option<bool>,
    /// Also on the WhatsApp Business app.
    #[serde(default)]
    pub is_on_biz_app: Option<bool>,
    /// From the pre-verified flow.
    #[serde(default)]
    pub is_preverified_number: Option<bool>,
    /// `VISIBLE` or `HIDDEN`.
    #[serde(default)]
    pub search_visibility: Option<String>,
    /// When onboarding finished.
    #[serde(default)]
    pub last_onboarded_time: Option<String>,
    /// Health status.
    #[serde(default)]
    pub health_status: Option<HealthStatus>,
    /// Conversational automation.
    #[serde(default)]
    pub conversational_automation: Option<ConversationalAutomation>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /{PHONE_NUMBER_ID}?fields=...`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetPhoneNumber {
    /// Phone-number id (a numeric string).
    pub phone_number_id: String,
    /// Fields to read; [`DEFAULT_FIELDS`] when left out.
    #[serde(default, deserialize_with = "super::node::one_or_many")]
    pub fields: Option<Vec<PhoneNumberField>>,
}

/// A list of fields, or one field given as a string (`"quality_rating"` is one field, not a
/// list of characters).
pub(super) fn one_or_many<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<PhoneNumberField>>, D::Error> {
    #[derive(Deserialize, crate::Decode)]
    #[decode(no_schema)]
    #[serde(untagged)]
    enum OneOrMany {
        One(PhoneNumberField),
        Many(Vec<PhoneNumberField>),
    }
    Ok(Option::<OneOrMany>::deserialize(d)?.map(|f| match f {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    }))
}

pub(super) fn fields_param(fields: Option<&Vec<PhoneNumberField>>) -> Result<String> {
    match fields {
        None => Ok(DEFAULT_FIELDS.join(",")),
        Some(list) if list.is_empty() => Err(invalid("fields", "at least one field")),
        Some(list) => {
            for f in list {
                let ok = !f.as_str().is_empty()
                    && f.as_str()
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit());
                if !ok {
                    return Err(invalid(
                        "fields",
                        "snake_case field names such as quality_rating",
                    ));
                }
            }
            Ok(list
                .iter()
                .map(PhoneNumberField::as_str)
                .collect::<Vec<_>>()
                .join(","))
        }
    }
}

impl Operation<GraphConfig> for GetPhoneNumber {
    type Output = GraphPhoneNumber;
    const SPEC: &'static OperationSpec = &table::GET_PHONE_NUMBER;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        let mut args = to_args(self)?;
        args.insert("fields".into(), fields_param(self.fields.as_ref())?.into());
        build_args(config, Self::SPEC, &args)
    }
}
