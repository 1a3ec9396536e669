//! Meta Graph API phone-number operations (reference meta.md §1–§2): read and list numbers,
//! verification, registration, two-step PIN, display name, conversational automation,
//! health. Arguments are checked against Meta's real limits before anything is built.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::errors;
use super::http::{HttpRequest, HttpResponse, Method, Secret, url};
use super::{Operation, invalid, json_request, max_len, parse_json, path_id, require};
use crate::error::Result;
use crate::macros::open_enum;

/// Graph API base URL.
pub const GRAPH_BASE_URL: &str = "https://graph.facebook.com";
/// The Graph API version used unless configured (each version lives about two years).
pub const DEFAULT_GRAPH_VERSION: &str = "v25.0";

/// How to reach the Graph API.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GraphConfig {
    /// Base URL.
    #[serde(default = "default_base")]
    pub base_url: String,
    /// Version, `vMAJOR.MINOR`.
    #[serde(default = "default_version")]
    pub version: String,
    /// System-user access token; never shown by `Debug`.
    #[serde(serialize_with = "redact", deserialize_with = "secret")]
    pub access_token: Secret,
    /// Allows an `http://` base URL to a host other than localhost. Off by default.
    #[serde(default)]
    pub allow_insecure_http: bool,
}

fn default_base() -> String {
    GRAPH_BASE_URL.to_owned()
}

fn default_version() -> String {
    DEFAULT_GRAPH_VERSION.to_owned()
}

fn redact<S: serde::Serializer>(_: &Secret, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str("<redacted>")
}

fn secret<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Secret, D::Error> {
    String::deserialize(d).map(Secret::new)
}

impl fmt::Debug for GraphConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphConfig")
            .field("base_url", &self.base_url)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl GraphConfig {
    /// The default base URL and version.
    pub fn new(access_token: impl Into<Secret>) -> GraphConfig {
        GraphConfig {
            base_url: default_base(),
            version: default_version(),
            access_token: access_token.into(),
            allow_insecure_http: false,
        }
    }

    /// Another version, e.g. `v23.0`.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> GraphConfig {
        self.version = version.into();
        self
    }

    fn url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String> {
        let v = self.version.as_str();
        let ok = v
            .strip_prefix('v')
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
            });
        if !ok {
            return Err(invalid("version", "vMAJOR.MINOR, e.g. v25.0"));
        }
        require("accessToken", self.access_token.expose())?;
        super::check_base_url(&self.base_url, self.allow_insecure_http)?;
        Ok(url(&self.base_url, &format!("/{v}{path}"), query))
    }
}

fn graph_parse<T: serde::de::DeserializeOwned>(op: &str, response: &HttpResponse) -> Result<T> {
    parse_json(op, response, errors::graph)
}

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
    /// `can_send_message` of health status.
    pub enum HealthState { Available => "AVAILABLE", Limited => "LIMITED", Blocked => "BLOCKED", }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Throughput {
    /// Level.
    #[serde(default)]
    pub level: Option<ThroughputLevel>,
}

/// A business phone number node (meta.md §2.2). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetPhoneNumber {
    /// Phone-number id (a numeric string).
    pub phone_number_id: String,
    /// Fields to read; [`DEFAULT_FIELDS`] when left out.
    #[serde(default)]
    pub fields: Option<Vec<PhoneNumberField>>,
}

fn fields_param(fields: Option<&Vec<PhoneNumberField>>) -> Result<String> {
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

fn numeric_id(argument: &str, value: &str) -> Result<String> {
    require(argument, value)?;
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            argument,
            "a numeric id (Graph ids are strings of digits)",
        ));
    }
    path_id(argument, value)
}

impl Operation<GraphConfig> for GetPhoneNumber {
    type Output = GraphPhoneNumber;
    const NAME: &'static str = "get_phone_number";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        let url = config.url(
            &format!("/{id}"),
            &[("fields", Some(fields_param(self.fields.as_ref())?))],
        )?;
        json_request(Method::Get, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        graph_parse(Self::NAME, response)
    }
}

/// A `filtering` condition of the list edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct Filter {
    /// `account_mode`, `messaging_limit_tier` or `is_official_business_account`.
    pub field: String,
    /// `EQUAL` (the only documented operator).
    #[serde(default = "equal")]
    pub operator: String,
    /// Value.
    pub value: String,
}

fn equal() -> String {
    "EQUAL".to_owned()
}

/// Paging of a Graph edge.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Paging {
    /// Cursors.
    #[serde(default)]
    pub cursors: Option<Cursors>,
    /// URL of the next page (only when there is one).
    #[serde(default)]
    pub next: Option<String>,
    /// URL of the previous page.
    #[serde(default)]
    pub previous: Option<String>,
}

/// `before`/`after` cursors.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Cursors {
    /// Before.
    #[serde(default)]
    pub before: Option<String>,
    /// After.
    #[serde(default)]
    pub after: Option<String>,
}

impl Paging {
    /// The `after` cursor of the next page, when there is a next page.
    pub fn next_after(&self) -> Option<String> {
        self.next.as_ref()?;
        self.cursors.as_ref()?.after.clone()
    }
}

/// One page of `GET /{WABA_ID}/phone_numbers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PhoneNumberPage {
    /// The numbers.
    #[serde(default)]
    pub data: Vec<GraphPhoneNumber>,
    /// Paging.
    #[serde(default)]
    pub paging: Option<Paging>,
    /// `summary` (with `summary=total_count`).
    #[serde(default)]
    pub summary: Option<Value>,
}

/// `GET /{WABA_ID}/phone_numbers`: filtering, sort and cursor paging.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListPhoneNumbers {
    /// WhatsApp Business Account id.
    pub waba_id: String,
    /// Fields; [`DEFAULT_FIELDS`] when left out.
    #[serde(default)]
    pub fields: Option<Vec<PhoneNumberField>>,
    /// Conditions.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Filter>>", optional = nullable))]
    pub filtering: Vec<Filter>,
    /// `creation_time.asc|desc` or `last_onboarded_time.asc|desc`.
    #[serde(default)]
    pub sort: Option<String>,
    /// 1..=100 (default 25).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default)]
    pub after: Option<String>,
    /// Cursor.
    #[serde(default)]
    pub before: Option<String>,
    /// Ask for `summary=total_count`.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional = nullable))]
    pub total_count: bool,
}

impl ListPhoneNumbers {
    /// The same listing's next page, or `None` when `page` is the last one. The next page
    /// goes forward from `page`'s `after` cursor (a `before` cursor is dropped: one cursor at a
    /// time).
    #[must_use]
    pub fn next_page(&self, page: &PhoneNumberPage) -> Option<Self> {
        let after = page.paging.as_ref()?.next_after()?;
        Some(Self {
            after: Some(after),
            before: None,
            ..self.clone()
        })
    }
}

impl Operation<GraphConfig> for ListPhoneNumbers {
    type Output = PhoneNumberPage;
    const NAME: &'static str = "list_phone_numbers";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("wabaId", &self.waba_id)?;
        if let Some(sort) = &self.sort {
            let ok = [
                "creation_time.asc",
                "creation_time.desc",
                "last_onboarded_time.asc",
                "last_onboarded_time.desc",
            ]
            .contains(&sort.as_str());
            if !ok {
                return Err(invalid(
                    "sort",
                    "creation_time.asc|desc or last_onboarded_time.asc|desc",
                ));
            }
        }
        if let Some(limit) = self.limit
            && !(1..=100).contains(&limit)
        {
            return Err(invalid("limit", "from 1 to 100"));
        }
        if self.after.is_some() && self.before.is_some() {
            return Err(invalid(
                "after",
                "left out when before is given (one cursor at a time)",
            ));
        }
        let filtering = if self.filtering.is_empty() {
            None
        } else {
            Some(serde_json::to_string(&self.filtering).unwrap_or_default())
        };
        let url = config.url(
            &format!("/{id}/phone_numbers"),
            &[
                ("fields", Some(fields_param(self.fields.as_ref())?)),
                ("filtering", filtering),
                ("sort", self.sort.clone()),
                ("limit", self.limit.map(|l| l.to_string())),
                ("after", self.after.clone()),
                ("before", self.before.clone()),
                (
                    "summary",
                    self.total_count.then(|| "total_count".to_owned()),
                ),
            ],
        )?;
        json_request(Method::Get, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        graph_parse(Self::NAME, response)
    }
}

/// `{"success": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Success {
    /// Whether Meta reports success.
    pub success: bool,
}

fn success(op: &str, response: &HttpResponse) -> Result<Success> {
    let s: Success = graph_parse(op, response)?;
    if s.success {
        Ok(s)
    } else {
        Err(errors::bad_response(op, response, "success is false"))
    }
}

/// `POST /{PHONE_NUMBER_ID}/request_code`: send the OTP by SMS or voice. Never retried
/// automatically (each request counts toward Meta's limits).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RequestCode {
    /// Phone-number id.
    pub phone_number_id: String,
    /// `SMS` or `VOICE`.
    pub code_method: String,
    /// Language of the message: `en`, `en_US`, `pt-BR`, ... (checked leniently).
    #[serde(default = "english")]
    #[cfg_attr(test, ts(as = "Option<String>", optional = nullable))]
    pub language: String,
}

fn english() -> String {
    "en_US".to_owned()
}

/// `^[a-z]{2,3}([_-][A-Za-z]{2,4})?$`: Meta accepts both `en` and `en_US`.
fn language_ok(tag: &str) -> bool {
    let (primary, rest) = tag
        .split_once(['_', '-'])
        .map_or((tag, None), |(a, b)| (a, Some(b)));
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && rest.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

impl Operation<GraphConfig> for RequestCode {
    type Output = Success;
    const NAME: &'static str = "request_code";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        if !matches!(self.code_method.as_str(), "SMS" | "VOICE") {
            return Err(invalid("codeMethod", "SMS or VOICE"));
        }
        if !language_ok(&self.language) {
            return Err(invalid(
                "language",
                "a language code such as en, en_US or pt_BR",
            ));
        }
        // Meta's own samples send these in the query string.
        let url = config.url(
            &format!("/{id}/request_code"),
            &[
                ("code_method", Some(self.code_method.clone())),
                ("language", Some(self.language.clone())),
            ],
        )?;
        json_request(Method::Post, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// `POST /{PHONE_NUMBER_ID}/verify_code`: submit the OTP (`123-456` is read as `123456`).
/// `Debug` hides the code.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct VerifyCode {
    /// Phone-number id.
    pub phone_number_id: String,
    /// The code as received.
    pub code: String,
}

impl fmt::Debug for VerifyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyCode")
            .field("phone_number_id", &self.phone_number_id)
            .field("code", &"<redacted>")
            .finish()
    }
}

impl Operation<GraphConfig> for VerifyCode {
    type Output = Success;
    const NAME: &'static str = "verify_code";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        let code = super::zernio::six_digit_code("code", &self.code)?;
        let url = config.url(&format!("/{id}/verify_code"), &[("code", Some(code))])?;
        json_request(Method::Post, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

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
    const NAME: &'static str = "register";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        pin("pin", &self.pin)?;
        let mut body = json!({"messaging_product": "whatsapp", "pin": self.pin});
        if let Some(region) = &self.data_localization_region {
            if !DATA_LOCALIZATION_REGIONS.contains(&region.as_str()) {
                return Err(invalid(
                    "dataLocalizationRegion",
                    &format!("one of {}", DATA_LOCALIZATION_REGIONS.join(", ")),
                ));
            }
            if let Some(fields) = body.as_object_mut() {
                fields.insert(
                    "data_localization_region".into(),
                    Value::from(region.clone()),
                );
            }
        }
        json_request(
            Method::Post,
            config.url(&format!("/{id}/register"), &[])?,
            &config.access_token,
            Some(&body),
        )
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
    const NAME: &'static str = "deregister";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        json_request(
            Method::Post,
            config.url(&format!("/{id}/deregister"), &[])?,
            &config.access_token,
            None::<&()>,
        )
    }

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
    const NAME: &'static str = "set_two_step_pin";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        pin("pin", &self.pin)?;
        json_request(
            Method::Post,
            config.url(&format!("/{id}"), &[])?,
            &config.access_token,
            Some(&json!({"pin": self.pin})),
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// `POST /{PHONE_NUMBER_ID}` `{new_display_name}`: ask for a display-name change (reviewed;
/// re-register after `phone_number_name_update` says APPROVED).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RequestDisplayName {
    /// Phone-number id.
    pub phone_number_id: String,
    /// 2 to 75 characters.
    pub new_display_name: String,
}

impl Operation<GraphConfig> for RequestDisplayName {
    type Output = Success;
    const NAME: &'static str = "request_display_name";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        let name = self.new_display_name.trim();
        if name.chars().count() < 2 {
            return Err(invalid("newDisplayName", "2 to 75 characters"));
        }
        max_len("newDisplayName", name, 75)?;
        let body = json!({"messaging_product": "whatsapp", "new_display_name": name});
        json_request(
            Method::Post,
            config.url(&format!("/{id}"), &[])?,
            &config.access_token,
            Some(&body),
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// A bot command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct Command {
    /// At most 32 characters, no leading `/`.
    pub command_name: String,
    /// At most 256 characters.
    pub command_description: String,
}

/// Welcome message, ice breakers and commands.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ConversationalAutomation {
    /// First contact opens with a welcome message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_welcome_message: Option<bool>,
    /// Ice breakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompts: Option<Vec<String>>,
    /// Commands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<Vec<Command>>,
}

/// Meta's real limits (not those of the `OpenAPI` file): 4 prompts of 80 characters; 30 commands,
/// names of 32 characters, descriptions of 256.
pub const MAX_PROMPTS: usize = 4;
/// See [`MAX_PROMPTS`].
pub const MAX_PROMPT_CHARS: usize = 80;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMANDS: usize = 30;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMAND_NAME_CHARS: usize = 32;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMAND_DESCRIPTION_CHARS: usize = 256;

fn too_many(argument: &str, max: usize, count: usize) -> crate::Error {
    crate::Error::new(
        crate::ErrorCode::ArgumentTooLong,
        format!("{argument} has at most {max} items"),
    )
    .with("argument", argument)
    .with("max", max)
    .with("length", count)
}

/// `POST /{PHONE_NUMBER_ID}/conversational_automation`. Left-out parts are kept; an empty list
/// clears.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SetConversationalAutomation {
    /// Phone-number id.
    pub phone_number_id: String,
    /// What to set.
    #[serde(flatten)]
    pub automation: ConversationalAutomation,
}

impl Operation<GraphConfig> for SetConversationalAutomation {
    type Output = Success;
    const NAME: &'static str = "set_conversational_automation";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        let a = &self.automation;
        if let Some(prompts) = &a.prompts {
            if prompts.len() > MAX_PROMPTS {
                return Err(too_many("prompts", MAX_PROMPTS, prompts.len()));
            }
            for (i, p) in prompts.iter().enumerate() {
                require(&format!("prompts[{i}]"), p)?;
                max_len(&format!("prompts[{i}]"), p, MAX_PROMPT_CHARS)?;
            }
        }
        if let Some(commands) = &a.commands {
            if commands.len() > MAX_COMMANDS {
                return Err(too_many("commands", MAX_COMMANDS, commands.len()));
            }
            for (i, c) in commands.iter().enumerate() {
                let name = format!("commands[{i}].command_name");
                require(&name, &c.command_name)?;
                if c.command_name.starts_with('/') {
                    return Err(invalid(&name, "a name without the leading /"));
                }
                max_len(&name, &c.command_name, MAX_COMMAND_NAME_CHARS)?;
                let desc = format!("commands[{i}].command_description");
                require(&desc, &c.command_description)?;
                max_len(&desc, &c.command_description, MAX_COMMAND_DESCRIPTION_CHARS)?;
            }
        }
        if a.enable_welcome_message.is_none() && a.prompts.is_none() && a.commands.is_none() {
            return Err(invalid(
                "automation",
                "at least one of enable_welcome_message, prompts, commands",
            ));
        }
        json_request(
            Method::Post,
            config.url(&format!("/{id}/conversational_automation"), &[])?,
            &config.access_token,
            Some(a),
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        success(Self::NAME, response)
    }
}

/// `GET /{PHONE_NUMBER_ID}?fields=conversational_automation`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetConversationalAutomation {
    /// Phone-number id.
    pub phone_number_id: String,
}

impl Operation<GraphConfig> for GetConversationalAutomation {
    type Output = ConversationalAutomation;
    const NAME: &'static str = "get_conversational_automation";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("phoneNumberId", &self.phone_number_id)?;
        let url = config.url(
            &format!("/{id}"),
            &[("fields", Some("conversational_automation".into()))],
        )?;
        json_request(Method::Get, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let node: GraphPhoneNumber = graph_parse(Self::NAME, response)?;
        Ok(node.conversational_automation.unwrap_or_default())
    }
}

/// One entity of a health status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HealthEntity {
    /// `PHONE_NUMBER`, `WABA`, `BUSINESS`, `APP`, `MESSAGE_TEMPLATE`.
    #[serde(default)]
    pub entity_type: Option<String>,
    /// Id.
    #[serde(default)]
    pub id: Option<String>,
    /// Can it send.
    #[serde(default)]
    pub can_send_message: Option<HealthState>,
    /// Can it receive SIP calls.
    #[serde(default)]
    pub can_receive_call_sip: Option<HealthState>,
    /// Notes.
    #[serde(default)]
    pub additional_info: Vec<String>,
    /// Why it is limited or blocked.
    #[serde(default)]
    pub errors: Vec<Value>,
}

/// `health_status` of a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HealthStatus {
    /// Overall.
    #[serde(default)]
    pub can_send_message: Option<HealthState>,
    /// Per entity.
    #[serde(default)]
    pub entities: Vec<HealthEntity>,
}

/// `GET /{NODE_ID}?fields=health_status` (phone number, WABA, business, app, template).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetHealthStatus {
    /// Node id.
    pub node_id: String,
}

impl Operation<GraphConfig> for GetHealthStatus {
    type Output = HealthStatus;
    const NAME: &'static str = "get_health_status";

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        let id = numeric_id("nodeId", &self.node_id)?;
        let url = config.url(
            &format!("/{id}"),
            &[("fields", Some("health_status".into()))],
        )?;
        json_request(Method::Get, url, &config.access_token, None::<&()>)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let body: Value = graph_parse(Self::NAME, response)?;
        crate::error::decode(
            body.get("health_status").cloned().unwrap_or(Value::Null),
            "",
        )
        .map_err(|_| errors::bad_response(Self::NAME, response, "no health_status object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_leniently() {
        for ok in ["en", "en_US", "pt-BR", "fil", "zh_Hant"] {
            assert!(language_ok(ok), "{ok}");
        }
        for bad in ["", "EN", "english", "en_", "e"] {
            assert!(!language_ok(bad), "{bad}");
        }
    }
}
