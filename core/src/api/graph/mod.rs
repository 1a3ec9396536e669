//! Meta Graph API phone-number operations (reference meta.md §1–§2): read, list and add
//! numbers, verification, registration, two-step PIN, display name, conversational automation,
//! settings, health, pre-verified numbers (their OTP, pool, partners and sharing). Arguments are checked against Meta's real limits before anything is built.

mod health;
mod list;
mod node;
mod preverified;
mod preverified_numbers;
mod profile;
mod registration;
mod settings;
mod verification;

pub use health::{GetHealthStatus, HealthEntity, HealthState, HealthStatus};
pub use list::{Cursors, Filter, ListPhoneNumbers, Paging, PhoneNumberPage};
pub use node::{
    AccountMode, CodeVerificationStatus, DEFAULT_FIELDS, GetPhoneNumber, GraphNumberStatus,
    GraphPhoneNumber, MessagingLimitTier, NameStatus, PhoneNumberField, PlatformType,
    PortfolioMessagingLimit, QualityRating, Throughput, ThroughputLevel,
};
pub use preverified::{CodeVerified, RequestPreverifiedCode, VerifyPreverifiedCode};
pub use preverified_numbers::{
    AddPreverifiedNumbers, AddedPreverifiedNumber, BusinessPartner, DeletePreverifiedNumber,
    GetPreverifiedNumber, ListPreverifiedNumbers, ListPreverifiedPartners, PREVERIFIED_FIELDS,
    PartnerPage, PreverifiedAvailability, PreverifiedNumber, PreverifiedNumberPage,
    PreverifiedStatus, SharePreverifiedNumbers, UnsharePreverifiedNumbers,
};
pub use profile::{
    Command, ConversationalAutomation, GetConversationalAutomation, MAX_COMMAND_DESCRIPTION_CHARS,
    MAX_COMMAND_NAME_CHARS, MAX_COMMANDS, MAX_PROMPT_CHARS, MAX_PROMPTS, RequestDisplayName,
    SetConversationalAutomation,
};
pub use registration::{
    AddPhoneNumber, AddedPhoneNumber, DATA_LOCALIZATION_REGIONS, Deregister, Register,
    SetTwoStepPin,
};
pub use settings::{
    CallingSettings, GetPhoneNumberSettings, PayloadEncryption, PhoneNumberSettings,
    SetPhoneNumberSettings, SipServer, SipSettings, StorageConfiguration, UserIdentityChange,
};
pub use verification::{RequestCode, VerifyCode};

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::errors;
use super::http::{HttpRequest, HttpResponse, Secret, url};
use super::table::OperationSpec;
use super::{invalid, parse_json, path_id, require, zernio};
use crate::error::Result;

/// Graph API base URL.
pub const GRAPH_BASE_URL: &str = "https://graph.facebook.com";
/// The Graph API version used unless configured (each version lives about two years).
pub const DEFAULT_GRAPH_VERSION: &str = "v25.0";

/// How to reach the Graph API.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
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

    pub(crate) fn url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String> {
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

/// The request of `spec` from arguments its builder prepared (JSON form).
fn build_args(
    config: &GraphConfig,
    spec: &OperationSpec,
    args: &Map<String, Value>,
) -> Result<HttpRequest> {
    super::ApiConfig::build(config, spec, args, None)
}

fn graph_parse<T: crate::Decode>(op: &str, response: &HttpResponse) -> Result<T> {
    parse_json(op, response, errors::graph)
}

pub(crate) fn numeric_id(argument: &str, value: &str) -> Result<String> {
    require(argument, value)?;
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            argument,
            "a numeric id (Graph ids are strings of digits)",
        ));
    }
    path_id(argument, value)
}

/// `{"success": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Success {
    /// Whether Meta reports success.
    pub success: bool,
}
