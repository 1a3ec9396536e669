//! The catalog: countries, numbers for sale, availability.

use crate::api::Args;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::parse;
use crate::api::errors;
use crate::api::http::HttpResponse;
use crate::api::models::AvailableNumbers;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, PathStyle, area_code, country, invalid, number_type};
use crate::country::{Country, CountryType, OfferedNumberType};
use crate::error::Result;
use crate::kyc::Availability;

/// `GET /v1/phone-numbers/countries`: the live catalog.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ListCountries {}

impl Operation<Config> for ListCountries {
    type Output = crate::Catalog;
    const SPEC: &'static OperationSpec = &table::LIST_COUNTRIES;

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let value: Value = parse(Self::NAME, response)?;
        crate::Catalog::from_value(value)
            .map_err(|_| errors::bad_response(Self::NAME, response, "not a countries list"))
    }
}

/// `GET /v1/phone-numbers/available`: numbers for sale.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SearchAvailable {
    /// ISO country (default US upstream).
    #[serde(default)]
    pub country: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Deprecated alias of `numberType` (the alias path's name): sent as given, never with
    /// `numberType`.
    #[serde(default, rename = "type")]
    pub type_alias: Option<OfferedNumberType>,
    /// Area code, 1–4 digits.
    #[serde(default)]
    pub area_code: Option<String>,
    /// City or region.
    #[serde(default)]
    pub locality: Option<String>,
    /// Deprecated alias of `areaCode` (the seed's name): sent as given, never with `areaCode`.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Digits the number must contain.
    #[serde(default)]
    pub contains: Option<String>,
    /// SMS-capable only.
    #[serde(default)]
    pub sms: Option<bool>,
    /// 1..=100 (default 20 upstream).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Masked numbers with claim links (what keyless searches get).
    #[serde(default)]
    pub masked: Option<bool>,
}

impl Operation<Config> for SearchAvailable {
    type Output = AvailableNumbers;
    const SPEC: &'static OperationSpec = &table::SEARCH_AVAILABLE;

    fn check_args(a: Args<'_>, config: &Config) -> Result<()> {
        if let Some(c) = a.str("country") {
            country("country", c)?;
        }
        number_type(a.str("numberType"))?;
        number_type(a.str("type"))?;
        if a.has("type") && a.has("numberType") {
            return Err(invalid(
                "type",
                "left out when numberType is given (type is its deprecated alias)",
            ));
        }
        // Empty text is no filter (the clients leave it out; the API takes it as none).
        if let Some(code) = a.str("areaCode").filter(|c| !c.is_empty()) {
            area_code(code)?;
        }
        if let Some(p) = a.str("prefix").filter(|p| !p.is_empty()) {
            if area_code(p).is_err() {
                return Err(invalid("prefix", "1 to 4 digits"));
            }
            if a.has("areaCode") {
                return Err(invalid(
                    "prefix",
                    "left out when areaCode is given (prefix is its deprecated alias)",
                ));
            }
        }
        if let Some(limit) = a.u64("limit")
            && !(1..=100).contains(&limit)
        {
            return Err(invalid("limit", "from 1 to 100"));
        }
        let legacy = config.paths == PathStyle::Legacy;
        for name in ["sms", "masked"] {
            if legacy && a.has(name) {
                return Err(invalid(
                    name,
                    "left out with legacy paths (the alias does not accept it)",
                ));
            }
        }
        // The API rejects unknown or empty query parameters: only what is set is sent.
        Ok(())
    }
}

/// `GET /v1/phone-numbers/availability`: stock and the address constraint, before KYC.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CheckAvailability {
    /// ISO country.
    pub country: String,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// SMS-capable only.
    #[serde(default)]
    pub sms: Option<bool>,
}

impl Operation<Config> for CheckAvailability {
    type Output = Availability;
    const SPEC: &'static OperationSpec = &table::CHECK_AVAILABILITY;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        country("country", a.text("country"))?;
        number_type(a.str("numberType"))?;
        Ok(())
    }
}

/// `GET /v1/phone-numbers/claims/{claimId}`: what a claim link from a keyless search holds
/// (expired after 7 days: 404).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetClaim {
    /// Claim id (`claimId` of a search result).
    pub claim_id: String,
}

impl Operation<Config> for GetClaim {
    type Output = Claim;
    const SPEC: &'static OperationSpec = &table::GET_CLAIM;
}

/// A claim (reference zernio.md §3.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// The country (`code`, `needsKyc`, `monthlyCents`, `types`).
    #[serde(default)]
    pub country: Option<Country>,
    /// The number type, shaped like a countries `types[]` entry.
    #[serde(default, rename = "type")]
    pub number_type: Option<CountryType>,
    /// The area, if one was searched (sent as `null` otherwise).
    #[serde(default, serialize_with = "crate::api::respond::null_if_none")]
    pub area: Option<ClaimArea>,
    /// The number held, E.164 (`null` until one is).
    #[serde(default, serialize_with = "crate::api::respond::null_if_none")]
    pub phone_number: Option<String>,
}

/// The area of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ClaimArea {
    /// Area code (national destination code).
    #[serde(default)]
    pub ndc: Option<String>,
    /// Area name.
    #[serde(default)]
    pub name: Option<String>,
    /// Numbers in stock there.
    #[serde(default)]
    pub count: Option<u64>,
}
