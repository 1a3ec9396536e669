//! A business's pool of pre-verified numbers (Embedded Signup partners): add, list, read and
//! delete them, see and extend who they are shared with (reference meta.md §2.1 row 13, §2.8;
//! Meta's OpenAPI is the oracle for names, required fields and responses). The OTP calls are in
//! `preverified.rs`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::list::Paging;
use super::node::CodeVerificationStatus;
use super::{GraphConfig, Success, build_args, graph_parse, numeric_id};
use crate::api::Args;
use crate::api::errors;
use crate::api::http::{HttpRequest, HttpResponse};
use crate::api::table::{self, OperationSpec};
use crate::api::{Operation, invalid, require, to_args};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// A pre-verified number's `verification_status` (Meta's OpenAPI; the codegen specs use
    /// `code_verification_status` instead, see [`PreverifiedNumber`]).
    pub enum PreverifiedStatus { Verified => "VERIFIED", Pending => "PENDING", Failed => "FAILED", Expired => "EXPIRED", }
}
open_enum! {
    /// A pre-verified number's `availability_status` (Meta's OpenAPI).
    pub enum PreverifiedAvailability {
        Available => "AVAILABLE", InUse => "IN_USE", Reserved => "RESERVED", Unavailable => "UNAVAILABLE",
    }
}

/// The fields `get_preverified_number` always asks for (`fields` is fixed so that its request
/// is told apart from `get_phone_number`'s).
pub use crate::api::table::PREVERIFIED_FIELDS;

/// A pre-verified number, as read or listed. Every field is optional (Meta sends those asked
/// for); unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PreverifiedNumber {
    /// Pre-verified id, a numeric string.
    #[serde(default)]
    pub id: Option<String>,
    /// Formatted number, e.g. `+1 (555) 123-4567`.
    #[serde(default)]
    pub display_phone_number: Option<String>,
    /// Country calling code (`1`, `44`).
    #[serde(default)]
    pub country_prefix: Option<u32>,
    /// `VERIFIED`, `PENDING`, `FAILED` or `EXPIRED`.
    #[serde(default)]
    pub verification_status: Option<PreverifiedStatus>,
    /// `AVAILABLE`, `IN_USE`, `RESERVED` or `UNAVAILABLE`.
    #[serde(default)]
    pub availability_status: Option<PreverifiedAvailability>,
    /// When it was pre-verified (ISO 8601).
    #[serde(default)]
    pub created_time: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub last_updated: Option<String>,
    /// Features it supports (`MESSAGING`, `TEMPLATES`, ...), as sent.
    #[serde(default)]
    pub supported_features: Option<Vec<String>>,
    /// ISO 3166-1 alpha-2 country.
    #[serde(default)]
    pub country_code: Option<String>,
    /// Geographic region.
    #[serde(default)]
    pub region: Option<String>,
    /// Why the id is not valid, when it is not.
    #[serde(default)]
    pub error_msg: Option<String>,
    /// Whether the id is a valid pre-verified number.
    #[serde(default)]
    pub is_input_id_valid: Option<bool>,
    /// The number (codegen specs).
    #[serde(default)]
    pub phone_number: Option<String>,
    /// `VERIFIED`, `NOT_VERIFIED` or `EXPIRED` (codegen specs).
    #[serde(default)]
    pub code_verification_status: Option<CodeVerificationStatus>,
    /// When its OTP was verified (codegen specs).
    #[serde(default)]
    pub code_verification_time: Option<String>,
    /// When the verification lapses (codegen specs).
    #[serde(default)]
    pub verification_expiry_time: Option<String>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A business a pre-verified number is shared with.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct BusinessPartner {
    /// Business id.
    #[serde(default)]
    pub id: Option<String>,
    /// Business name.
    #[serde(default)]
    pub name: Option<String>,
    /// ISO 8601.
    #[serde(default)]
    pub created_time: Option<String>,
    /// ISO 8601.
    #[serde(default)]
    pub updated_time: Option<String>,
    /// `not_verified`, `pending` or `verified`, as sent.
    #[serde(default)]
    pub verification_status: Option<String>,
    /// Primary Facebook Page id.
    #[serde(default)]
    pub primary_page: Option<String>,
    /// Timezone identifier.
    #[serde(default)]
    pub timezone_id: Option<i64>,
    /// `none` or `admin_required`, as sent.
    #[serde(default)]
    pub two_factor_type: Option<String>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of `GET /{BUSINESS_ID}/preverified_numbers`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PreverifiedNumberPage {
    /// The numbers.
    #[serde(default)]
    pub data: Vec<PreverifiedNumber>,
    /// Paging.
    #[serde(default)]
    pub paging: Option<Paging>,
}

/// One page of `GET /{PRE_VERIFIED_ID}/partners`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PartnerPage {
    /// The businesses.
    #[serde(default)]
    pub data: Vec<BusinessPartner>,
    /// Paging.
    #[serde(default)]
    pub paging: Option<Paging>,
}

/// `{"id": ...}`: the new pre-verified id (verify it with `request_preverified_code` and
/// `verify_preverified_code`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddedPreverifiedNumber {
    /// Pre-verified id, a numeric string.
    pub id: String,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /{BUSINESS_ID}/add_phone_numbers` `{phone_number}`: add a number to the business's
/// pool. Never retried automatically (a repeat adds it again or fails as a duplicate).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct AddPreverifiedNumbers {
    /// Business (portfolio) id.
    pub business_id: String,
    /// The number with its country calling code, E.164 or formatted (`+1 (631) 555-1000`);
    /// sent as E.164 (`+16315551000`).
    pub phone_number: String,
}

/// E.164 once spaces, hyphens, dots and parentheses are dropped: `+` and 7 to 15 digits, the
/// first not 0 (the `+` may be left out, the country calling code may not).
fn e164(value: &str) -> Result<String> {
    require("phoneNumber", value)?;
    let kept: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    if (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
    {
        Ok(format!("+{digits}"))
    } else {
        Err(invalid(
            "phoneNumber",
            "E.164 with the country calling code, e.g. +16315551000",
        ))
    }
}

impl Operation<GraphConfig> for AddPreverifiedNumbers {
    type Output = AddedPreverifiedNumber;
    const SPEC: &'static OperationSpec = &table::ADD_PREVERIFIED_NUMBERS;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("businessId", &self.business_id)?;
        let mut args = to_args(self)?;
        args.insert("phoneNumber".into(), e164(&self.phone_number)?.into());
        build_args(config, Self::SPEC, &args)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let added: AddedPreverifiedNumber = graph_parse(Self::NAME, response)?;
        if added.id.trim().is_empty() {
            return Err(errors::bad_response(Self::NAME, response, "no id"));
        }
        Ok(added)
    }
}

/// `fields`: snake_case names, at least one.
fn check_fields(fields: Option<Vec<&str>>) -> Result<()> {
    let Some(list) = fields else {
        return Ok(());
    };
    if list.is_empty() {
        return Err(invalid("fields", "at least one field"));
    }
    let ok = list.iter().all(|f| {
        !f.is_empty()
            && f.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
    });
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "fields",
            "snake_case field names such as country_code",
        ))
    }
}

/// `limit` 1..=100 and one cursor at a time.
fn check_paging(limit: Option<u64>, after: Option<&str>, before: Option<&str>) -> Result<()> {
    if let Some(limit) = limit
        && !(1..=100).contains(&limit)
    {
        return Err(invalid("limit", "from 1 to 100"));
    }
    if after.is_some() && before.is_some() {
        return Err(invalid(
            "after",
            "left out when before is given (one cursor at a time)",
        ));
    }
    Ok(())
}

/// An upper-case status filter (`VERIFIED`, `IN_USE`); values Meta adds later pass.
fn check_status(argument: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) if v.is_empty() || !v.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') => {
            Err(invalid(argument, "an upper-case status such as VERIFIED"))
        }
        _ => Ok(()),
    }
}

/// `GET /{BUSINESS_ID}/preverified_numbers`: the pool, filtered, by cursor pages of up to 100
/// (25 by default). [`Operation::next_page`] gives the next page's arguments.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListPreverifiedNumbers {
    /// Business (portfolio) id.
    pub business_id: String,
    /// Fields to read (`id`, `display_phone_number`, `verification_status`,
    /// `availability_status`, `country_code`, ...); Meta's defaults when left out.
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    /// 1..=100 (default 25).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default)]
    pub after: Option<String>,
    /// Cursor.
    #[serde(default)]
    pub before: Option<String>,
    /// Only this verification status: `VERIFIED`, `PENDING`, `FAILED`, `EXPIRED`.
    #[serde(default)]
    pub verification_status: Option<String>,
    /// Only this availability: `AVAILABLE`, `IN_USE`, `RESERVED`, `UNAVAILABLE`.
    #[serde(default)]
    pub availability_status: Option<String>,
    /// Only this country (ISO 3166-1 alpha-2, upper case).
    #[serde(default)]
    pub country_code: Option<String>,
}

impl Operation<GraphConfig> for ListPreverifiedNumbers {
    type Output = PreverifiedNumberPage;
    const SPEC: &'static OperationSpec = &table::LIST_PREVERIFIED_NUMBERS;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("businessId", a.text("businessId"))?;
        check_fields(a.strs("fields"))?;
        check_paging(a.u64("limit"), a.str("after"), a.str("before"))?;
        check_status("verificationStatus", a.str("verificationStatus"))?;
        check_status("availabilityStatus", a.str("availabilityStatus"))?;
        if let Some(country) = a.str("countryCode")
            && !(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(invalid("countryCode", "two upper-case letters, e.g. US"));
        }
        Ok(())
    }
}

/// `GET /{PRE_VERIFIED_ID}?fields=...`: one pre-verified number, with every field of
/// [`PREVERIFIED_FIELDS`].
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetPreverifiedNumber {
    /// Pre-verified id.
    pub preverified_id: String,
}

impl Operation<GraphConfig> for GetPreverifiedNumber {
    type Output = PreverifiedNumber;
    const SPEC: &'static OperationSpec = &table::GET_PREVERIFIED_NUMBER;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("preverifiedId", a.text("preverifiedId")).map(drop)
    }
}

/// `DELETE /{PRE_VERIFIED_ID}`: take a number out of the pool for good.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct DeletePreverifiedNumber {
    /// Pre-verified id.
    pub preverified_id: String,
}

impl Operation<GraphConfig> for DeletePreverifiedNumber {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::DELETE_PREVERIFIED_NUMBER;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("preverifiedId", a.text("preverifiedId")).map(drop)
    }
}

/// `GET /{PRE_VERIFIED_ID}/partners`: the businesses a number is shared with, by cursor pages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListPreverifiedPartners {
    /// Pre-verified id.
    pub preverified_id: String,
    /// Fields to read (`id`, `name`, `verification_status`, `created_time`, ...); Meta's
    /// defaults (`id`, `name`) when left out.
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    /// 1..=100 (default 25).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default)]
    pub after: Option<String>,
    /// Cursor.
    #[serde(default)]
    pub before: Option<String>,
}

impl Operation<GraphConfig> for ListPreverifiedPartners {
    type Output = PartnerPage;
    const SPEC: &'static OperationSpec = &table::LIST_PREVERIFIED_PARTNERS;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("preverifiedId", a.text("preverifiedId"))?;
        check_fields(a.strs("fields"))?;
        check_paging(a.u64("limit"), a.str("after"), a.str("before"))
    }
}

/// `POST /{BUSINESS_ID}/share_preverified_numbers` `{preverified_id, partner_business_id}`:
/// let a partner business use one of the pool's numbers. Sharing again changes nothing.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SharePreverifiedNumbers {
    /// The owning business's id.
    pub business_id: String,
    /// The pre-verified id to share.
    pub preverified_id: String,
    /// The partner business's id.
    pub partner_business_id: String,
}

impl Operation<GraphConfig> for SharePreverifiedNumbers {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::SHARE_PREVERIFIED_NUMBERS;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("businessId", a.text("businessId"))?;
        numeric_id("preverifiedId", a.text("preverifiedId"))?;
        numeric_id("partnerBusinessId", a.text("partnerBusinessId"))?;
        Ok(())
    }
}

/// `DELETE /{BUSINESS_ID}/share_preverified_numbers?preverified_id&partner_business_id`: stop
/// sharing a number with a partner business.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct UnsharePreverifiedNumbers {
    /// The owning business's id.
    pub business_id: String,
    /// The pre-verified id shared.
    pub preverified_id: String,
    /// The partner business's id.
    pub partner_business_id: String,
}

impl Operation<GraphConfig> for UnsharePreverifiedNumbers {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::UNSHARE_PREVERIFIED_NUMBERS;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("businessId", a.text("businessId"))?;
        numeric_id("preverifiedId", a.text("preverifiedId"))?;
        numeric_id("partnerBusinessId", a.text("partnerBusinessId"))?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::list::Cursors;
    use super::*;

    fn paging(after: &str, next: bool) -> Paging {
        Paging {
            cursors: Some(Cursors {
                before: None,
                after: Some(after.into()),
            }),
            next: next.then(|| "https://graph.facebook.com/v25.0/1/x".into()),
            previous: None,
        }
    }

    #[test]
    fn both_lists_go_forward_from_the_after_cursor_and_stop_without_a_next_page() {
        let numbers = ListPreverifiedNumbers {
            business_id: "1".into(),
            before: Some("b".into()),
            country_code: Some("US".into()),
            ..ListPreverifiedNumbers::default()
        };
        let page = PreverifiedNumberPage {
            data: vec![],
            paging: Some(paging("c1", true)),
        };
        let next = numbers.next_page(&page).unwrap();
        assert_eq!(
            (
                next.after.as_deref(),
                next.before,
                next.country_code.as_deref()
            ),
            (Some("c1"), None, Some("US"))
        );
        let last = PreverifiedNumberPage {
            data: vec![],
            paging: Some(paging("c2", false)),
        };
        assert!(numbers.next_page(&last).is_none());
        let partners = ListPreverifiedPartners {
            preverified_id: "1".into(),
            limit: Some(10),
            ..ListPreverifiedPartners::default()
        };
        let page = PartnerPage {
            data: vec![],
            paging: Some(paging("p1", true)),
        };
        let next = partners.next_page(&page).unwrap();
        assert_eq!((next.after.as_deref(), next.limit), (Some("p1"), Some(10)));
        assert!(partners.next_page(&PartnerPage::default()).is_none());
    }

    #[test]
    fn numbers_are_sent_as_e164() {
        assert_eq!(e164("+1 (631) 555-1000").unwrap(), "+16315551000");
        assert_eq!(e164("44 20.1234.5678").unwrap(), "+442012345678");
        for bad in [
            "",
            "+0123456789",
            "12345",
            "+1 555 CALL NOW",
            "+1234567890123456",
        ] {
            assert!(e164(bad).is_err(), "{bad}");
        }
    }
}
