//! The KYC models with their exact upstream names (reference §3.3, §4): availability, the form,
//! the submission, remediation. Parsing is lenient (unknown fields ignored, enums open, fields
//! optional so a half-filled form can be validated); serializing writes only what is set.
//!
//! Submissions, documents, addresses and reusable-verification details hold PII: their `Debug`
//! shows which fields are present, never their values.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Decode;

use crate::country::OfferedNumberType;
use crate::macros::open_enum;

open_enum! {
    /// Where the registrant's address must be (`addressConstraint`).
    pub enum AddressConstraint {
        /// In one of the returned `areas` (numbers tied to a city).
        Geo => "geo",
        /// Anywhere in the country.
        Country => "country",
        /// No address needed.
        None => "none",
    }
}

open_enum! {
    /// How a form field is answered.
    pub enum FieldKind {
        /// Free text in `values[requirementId]`.
        Text => "text",
        /// A `YYYY-MM-DD` date in `values[requirementId]`.
        Date => "date",
        /// The `address` object, with this `requirementId`.
        Address => "address",
        /// A `documents[]` entry.
        File => "file",
        /// An out-of-band check (e.g. an ID check link); needs the end user's name.
        Action => "action",
    }
}

open_enum! {
    /// Who a field is for.
    pub enum Audience {
        /// Business registrants.
        Business => "business",
        /// Individual registrants.
        Individual => "individual",
    }
}

/// `GET /v1/phone-numbers/availability`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    /// ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// The number type asked about.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Deliverable inventory now.
    #[serde(default)]
    pub available: Option<bool>,
    /// Out of stock but can be pre-ordered.
    #[serde(default)]
    pub pre_orderable: Option<bool>,
    /// Where the registrant's address must be.
    #[serde(default)]
    pub address_constraint: Option<AddressConstraint>,
    /// With `geo`: the areas (cities) the address must be in.
    #[serde(default)]
    pub areas: Vec<String>,
    /// Areas in stock: area code (`ndc`), name, count.
    #[serde(default)]
    pub area_options: Vec<AreaOption>,
    /// Areas out of stock.
    #[serde(default)]
    pub sold_out_areas: Vec<SoldOutArea>,
}

/// An area in stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct AreaOption {
    /// National destination code (area code).
    #[serde(default)]
    pub ndc: String,
    /// Area name.
    #[serde(default)]
    pub name: String,
    /// Numbers in stock.
    #[serde(default)]
    pub count: u64,
}

/// An area out of stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SoldOutArea {
    /// National destination code (area code).
    #[serde(default)]
    pub ndc: String,
    /// Area name.
    #[serde(default)]
    pub name: String,
    /// Can be pre-ordered.
    #[serde(default)]
    pub pre_orderable: bool,
}

fn unknown_kind() -> FieldKind {
    FieldKind::Unknown(String::new())
}

/// One requirement of a KYC form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct KycField {
    /// The id to answer it under.
    #[serde(default)]
    pub requirement_id: String,
    /// Human label, e.g. "Proof of address".
    #[serde(default)]
    pub label: String,
    /// How it is answered (`Unknown("")` when missing; such a field is not checked).
    #[serde(default = "unknown_kind")]
    pub kind: FieldKind,
    /// Help text.
    #[serde(default)]
    pub description: Option<String>,
    /// An example value.
    #[serde(default)]
    pub example: Option<String>,
    /// ISO country the value must be local to (e.g. the address country).
    #[serde(default)]
    pub local_to: Option<String>,
    /// Who the field is for.
    #[serde(default)]
    pub audience: Option<Audience>,
}

/// `GET /v1/phone-numbers/kyc`: what a country requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct KycForm {
    /// ISO country code.
    pub country: String,
    /// The number type the form is for.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// The requirements.
    #[serde(default)]
    pub fields: Vec<KycField>,
    /// An approved verification that can be reused, if any.
    #[serde(default)]
    pub reusable: Option<Reusable>,
    /// A submission for this country is already under review.
    #[serde(default)]
    pub pending_review: bool,
}

/// Approved verifications that can be reused instead of filling the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Reusable {
    /// Whether reuse is possible.
    #[serde(default)]
    pub available: bool,
    /// The number whose verification would be reused.
    #[serde(default)]
    pub from_phone_number: Option<String>,
    /// What would be reused.
    #[serde(default)]
    pub details: Vec<ReuseDetail>,
    /// The choices, by `id` (the value for `reuseOptionId`).
    #[serde(default)]
    pub options: Vec<ReuseOption>,
}

/// One reusable verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ReuseOption {
    /// The value for `reuseOptionId`.
    pub id: String,
    /// The number it was approved for.
    #[serde(default)]
    pub from_phone_number: Option<String>,
    /// Reused without a new review.
    #[serde(default)]
    pub instant: bool,
    /// What it holds.
    #[serde(default)]
    pub details: Vec<ReuseDetail>,
}

/// A label and a value from an approved verification (PII: `Debug` hides the value).
#[derive(Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ReuseDetail {
    /// Label.
    #[serde(default)]
    pub label: String,
    /// Value.
    #[serde(default)]
    pub value: String,
    /// Document id, for document details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
}

impl fmt::Debug for ReuseDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReuseDetail")
            .field("label", &self.label)
            .field("value", &Redacted(&Some(&self.value)))
            .field("document_id", &self.document_id)
            .finish()
    }
}

/// A document in a submission: inline (`filename` + `base64`) or uploaded before
/// (`documentId`, optionally `issuedAt`). All parts are optional here so that a half-filled
/// entry can be validated; the validator says which combination is missing.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct KycDocument {
    /// The file requirement it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_id: Option<String>,
    /// File name; its extension must agree with the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The file, base64 (standard alphabet, padded, no `data:` prefix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// The id from a prior `kyc/upload-document`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// `YYYY-MM-DD` issue date of an uploaded document (submit only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
}

impl fmt::Debug for KycDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KycDocument")
            .field("requirement_id", &self.requirement_id)
            .field("filename", &Redacted(&self.filename))
            .field("base64_len", &self.base64.as_ref().map(String::len))
            .field("document_id", &self.document_id)
            .field("issued_at", &Redacted(&self.issued_at))
            .finish()
    }
}

/// The registrant's address. The object is snake_case upstream, except `requirementId`.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct KycAddress {
    /// The address requirement it answers.
    #[serde(
        default,
        rename = "requirementId",
        skip_serializing_if = "Option::is_none"
    )]
    pub requirement_id: Option<String>,
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Business name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Flat, floor, building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_address: Option<String>,
    /// City or town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// State, province, county.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrative_area: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

impl fmt::Debug for KycAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KycAddress")
            .field("requirement_id", &self.requirement_id)
            .field("country_code", &self.country_code)
            .field("business_name", &Redacted(&self.business_name))
            .field("first_name", &Redacted(&self.first_name))
            .field("last_name", &Redacted(&self.last_name))
            .field("street_address", &Redacted(&self.street_address))
            .field("extended_address", &Redacted(&self.extended_address))
            .field("locality", &Redacted(&self.locality))
            .field("administrative_area", &Redacted(&self.administrative_area))
            .field("postal_code", &Redacted(&self.postal_code))
            .finish()
    }
}

/// `POST /v1/phone-numbers/kyc` (reference §4.2). `profileId` and `country` are required by
/// the API; they are optional here so that the validator can report them missing.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct KycSubmission {
    /// The profile to attach the number to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_id: Option<String>,
    /// ISO country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Idempotency key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
    /// Numbers to order, 1..=5 (1 with a pre-order or an exact `phoneNumber`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    /// Reuse an approved verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse: Option<bool>,
    /// Which verification to reuse (`reusable.options[].id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse_option_id: Option<String>,
    /// Legacy reuse source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reuse_from: Option<String>,
    /// Area code, `^\d{1,4}$`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// Accept a pre-order when the area is out of stock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_order: Option<bool>,
    /// End user's first name (needed by `action` requirements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user_first_name: Option<String>,
    /// End user's last name (needed by `action` requirements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user_last_name: Option<String>,
    /// Text and date answers by requirement id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    /// File answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<KycDocument>,
    /// The address answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<KycAddress>,
    /// An exact number from `/available` (E.164), ordered as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

impl fmt::Debug for KycSubmission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KycSubmission")
            .field("profile_id", &self.profile_id)
            .field("country", &self.country)
            .field("submission_id", &self.submission_id)
            .field("quantity", &self.quantity)
            .field("reuse", &self.reuse)
            .field("reuse_option_id", &self.reuse_option_id)
            .field("reuse_from", &self.reuse_from)
            .field("area_code", &self.area_code)
            .field("pre_order", &self.pre_order)
            .field("end_user_first_name", &Redacted(&self.end_user_first_name))
            .field("end_user_last_name", &Redacted(&self.end_user_last_name))
            .field("values", &RedactedValues(&self.values))
            .field("documents", &self.documents)
            .field("address", &self.address)
            .field("phone_number", &self.phone_number)
            .finish()
    }
}

/// `GET /v1/phone-numbers/{id}/remediate`: only the declined requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RemediationForm {
    /// ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Why the reviewer declined.
    #[serde(default)]
    pub decline_reason: Option<String>,
    /// The declined requirements (same shape as the KYC form's fields).
    #[serde(default)]
    pub fields: Vec<KycField>,
}

/// `POST /v1/phone-numbers/{id}/remediate`: corrected answers for the declined requirements.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RemediationSubmission {
    /// Corrected text and date answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    /// Corrected documents (no `issuedAt` here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<KycDocument>,
    /// Corrected address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<KycAddress>,
}

impl fmt::Debug for RemediationSubmission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemediationSubmission")
            .field("values", &RedactedValues(&self.values))
            .field("documents", &self.documents)
            .field("address", &self.address)
            .finish()
    }
}

/// Shows whether a PII field is set, never its content.
struct Redacted<'a, T>(&'a Option<T>);

impl<T> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "<redacted>"
        } else {
            "None"
        })
    }
}

/// Shows the requirement ids that have answers, not the answers.
struct RedactedValues<'a>(&'a BTreeMap<String, String>);

impl fmt::Debug for RedactedValues<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|k| (k, "<redacted>")))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_pii() {
        let submission: KycSubmission = serde_json::from_value(serde_json::json!({
            "profileId": "prof_1", "country": "GB",
            "endUserFirstName": "Jane", "endUserLastName": "Secretname",
            "values": {"name": "Acme Hidden Ltd"},
            "documents": [{"requirementId": "id", "filename": "jane_passport.jpg", "base64": "SECRETBYTES0"}],
            "address": {"requirementId": "addr", "country_code": "GB", "first_name": "Jane",
                        "street_address": "10 Hidden Street", "locality": "Hiddentown", "postal_code": "SW1A 2AA"}
        }))
        .unwrap();
        let form: KycForm = serde_json::from_value(serde_json::json!({"country": "BR", "fields": [],
            "reusable": {"available": true, "details": [{"label": "Nome", "value": "Maria Hidden"}]}}))
        .unwrap();
        let shown = format!(
            "{submission:?} {submission:#?} {form:?} {:?}",
            RemediationSubmission {
                values: submission.values.clone(),
                documents: submission.documents.clone(),
                address: submission.address.clone(),
            }
        );
        for secret in [
            "Jane",
            "Secretname",
            "Acme Hidden",
            "jane_passport",
            "SECRETBYTES",
            "Hidden Street",
            "Hiddentown",
            "SW1A",
            "Maria",
        ] {
            assert!(!shown.contains(secret), "Debug leaks {secret:?}");
        }
        // What is shown is what a developer needs to debug: ids, country, which fields are set.
        for visible in [
            "prof_1",
            "GB",
            "requirement_id",
            "addr",
            "<redacted>",
            "base64_len: Some(12)",
        ] {
            assert!(shown.contains(visible), "Debug should show {visible:?}");
        }
    }

    #[test]
    fn a_submission_serializes_only_what_is_set() {
        let submission: KycSubmission = serde_json::from_value(serde_json::json!({
            "profileId": "p", "country": "GB", "values": {"a": "b"},
            "address": {"requirementId": "addr", "country_code": "GB"}, "unknownField": 1
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&submission).unwrap(),
            serde_json::json!({"profileId": "p", "country": "GB", "values": {"a": "b"},
                               "address": {"requirementId": "addr", "country_code": "GB"}})
        );
    }
}
