//! Submission validation: every reason the API would refuse a KYC submission, field by field,
//! before anything is sent. Never stops at the first error, never panics. Errors come back
//! sorted by JSON pointer (`path`), then code, so every language sees the same list.

use std::collections::BTreeMap;

use serde_json::Value;

use super::address::{address_field, check_address};
use super::evidence::check_documents;
use super::findings::{Collector, FieldError, blank, params, pointer};
use super::messages::Lang;
use super::model::{
    Availability, FieldKind, KycAddress, KycDocument, KycField, KycForm, KycSubmission,
};
use crate::country::{Catalog, CountryCode};
use crate::datetime::Date;
use crate::error::{Details, ErrorCode};
use crate::phone;

/// The longest text answer, in characters (Unicode scalar values), after trimming.
pub const MAX_TEXT_CHARS: usize = 500;

/// The largest request body the API takes (its hosting limit is about 4.5 MB); inline
/// documents above it should be uploaded first and sent by `documentId`.
pub const MAX_REQUEST_BYTES: u64 = 4_500_000;

/// Everything the validator checks about a submission, in one place. See the crate README for
/// the rule list; each rule has vectors in `tests/vectors/kyc.json`.
///
/// ```
/// use wanumbers::kyc::{validate_submission, KycForm, KycSubmission, Lang};
/// let form: KycForm = serde_json::from_str(r#"{"country": "GB", "fields": [
///     {"requirementId": "biz", "label": "Business name", "kind": "text"}]}"#).unwrap();
/// let submission: KycSubmission = serde_json::from_str(
///     r#"{"profileId": "p1", "country": "GB", "values": {"biz": "  "}}"#).unwrap();
/// let errors = validate_submission(&form, &submission, None, "2026-03-01".parse().unwrap(), Lang::Es);
/// assert_eq!(errors[0].path, "/values/biz");
/// assert_eq!(errors[0].code.as_str(), "kyc_text_empty");
/// assert_eq!(errors[0].message, "Introduce Business name.");
/// ```
pub fn validate_submission(
    form: &KycForm,
    submission: &KycSubmission,
    availability: Option<&Availability>,
    today: Date,
    lang: Lang,
) -> Vec<FieldError> {
    let mut out = Collector::new(lang);
    struct_rules(submission, &mut out);
    check_country(form, submission, &mut out);
    check_order(submission, &mut out);
    if let Some(availability) = availability {
        check_availability(submission, availability, &mut out);
    }
    let reusing = check_reuse(form, submission, &mut out);
    let answers = Answers {
        values: &submission.values,
        documents: &submission.documents,
        address: submission.address.as_ref(),
        end_user_names: Some((
            &submission.end_user_first_name,
            &submission.end_user_last_name,
        )),
    };
    let context = Context {
        country: &form.country,
        availability,
        area_code: submission.area_code.as_deref(),
        today,
        require_all: !reusing,
    };
    check_answers(&form.fields, &answers, &context, &mut out);
    let inline: u64 = submission
        .documents
        .iter()
        .filter_map(|d| d.base64.as_ref())
        .map(|b| b.len() as u64)
        .sum();
    if inline > MAX_REQUEST_BYTES {
        out.warn(
            "/documents".into(),
            None,
            ErrorCode::KycRequestTooLarge,
            params(&[
                ("max_bytes", Value::from(MAX_REQUEST_BYTES)),
                ("size_bytes", Value::from(inline)),
                ("max_mb", Value::from(4.5)),
            ]),
        );
    }
    out.finish()
}

/// The struct-level rules: `profileId` present and not blank, `country` present, `quantity`
/// from 1 to 5. Written out rather than derived with the `validator` crate, whose error maps
/// (`std` `HashMap`s hashed with `SipHash`) cost the browser builds ~4 KB brotli for three
/// rules; a test holds these to what the crate's derive reports for the same rules.
fn struct_rules(submission: &KycSubmission, out: &mut Collector) {
    if blank(submission.profile_id.as_ref()) {
        out.push(
            "/profileId".into(),
            None,
            ErrorCode::KycMissing,
            Details::new(),
        );
    }
    if submission.country.is_none() {
        out.push(
            "/country".into(),
            None,
            ErrorCode::KycMissing,
            Details::new(),
        );
    }
    if let Some(quantity) = submission.quantity
        && !(1..=5).contains(&quantity)
    {
        out.push(
            "/quantity".into(),
            None,
            ErrorCode::KycQuantityOutOfRange,
            params(&[("min", Value::from(1)), ("max", Value::from(5))]),
        );
    }
}

fn check_country(form: &KycForm, submission: &KycSubmission, out: &mut Collector) {
    let Some(country) = submission.country.as_deref() else {
        return;
    };
    match CountryCode::parse(country) {
        Err(err) => out.push_error("/country".into(), &err),
        Ok(code) if code.as_str() != form.country => out.push(
            "/country".into(),
            None,
            ErrorCode::KycCountryMismatch,
            params(&[
                ("expected", Value::from(form.country.clone())),
                ("actual", Value::from(code.as_str())),
            ]),
        ),
        Ok(code) => {
            // Only a country the catalog knows to be instant is flagged: a live-only KYC
            // country must not be blocked by an older offline list.
            if Catalog::offline_shared()
                .find(code.as_str())
                .is_some_and(|c| c.needs_kyc == Some(false))
            {
                out.push(
                    "/country".into(),
                    None,
                    ErrorCode::KycCountryNotRegulated,
                    params(&[("country", Value::from(code.as_str()))]),
                );
            }
        }
    }
}

fn check_order(submission: &KycSubmission, out: &mut Collector) {
    if let Some(area_code) = &submission.area_code {
        let ok =
            (1..=4).contains(&area_code.len()) && area_code.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            out.push(
                "/areaCode".into(),
                None,
                ErrorCode::KycAreaCodeInvalid,
                params(&[("pattern", Value::from("^\\d{1,4}$"))]),
            );
        }
    }
    let single = if submission.pre_order == Some(true) {
        Some("pre_order")
    } else if submission.phone_number.is_some() {
        Some("phone_number")
    } else {
        None
    };
    if let (Some(reason), Some(q)) = (single, submission.quantity)
        && q > 1
    {
        {
            out.push(
                "/quantity".into(),
                None,
                ErrorCode::KycQuantityOutOfRange,
                params(&[
                    ("min", Value::from(1)),
                    ("max", Value::from(1)),
                    ("reason", Value::from(reason)),
                ]),
            );
        }
    }
    if let (Some(number), Some(country)) = (&submission.phone_number, &submission.country) {
        match phone::parse_in_region(number, country) {
            Err(err) if err.code().kind() == crate::ErrorKind::Phone => {
                out.push_error("/phoneNumber".into(), &err);
            }
            Ok(n) if n.e164() != number => out.push(
                "/phoneNumber".into(),
                None,
                ErrorCode::KycPhoneNotE164,
                params(&[("e164", Value::from(n.e164()))]),
            ),
            // A bad country is reported at /country.
            Err(_) | Ok(_) => {}
        }
    }
}

fn check_availability(
    submission: &KycSubmission,
    availability: &Availability,
    out: &mut Collector,
) {
    let pre_order = submission.pre_order == Some(true);
    let country = submission.country.clone().unwrap_or_default();
    if availability.available == Some(false) {
        if availability.pre_orderable == Some(true) {
            if !pre_order {
                out.push(
                    "/preOrder".into(),
                    None,
                    ErrorCode::KycPreOrderRequired,
                    params(&[("country", Value::from(country))]),
                );
            }
        } else {
            out.push(
                "/country".into(),
                None,
                ErrorCode::KycNotAvailable,
                params(&[("country", Value::from(country))]),
            );
        }
    }
    let Some(area_code) = submission.area_code.as_deref() else {
        return;
    };
    let p = |extra: &[(&str, Value)]| {
        let mut d = params(&[("area_code", Value::from(area_code))]);
        d.extend(params(extra));
        d
    };
    if let Some(sold_out) = availability
        .sold_out_areas
        .iter()
        .find(|a| a.ndc == area_code)
    {
        let name = Value::from(sold_out.name.clone());
        if !sold_out.pre_orderable {
            out.push(
                "/areaCode".into(),
                None,
                ErrorCode::KycAreaSoldOut,
                p(&[("name", name), ("reason", Value::from("sold_out"))]),
            );
        } else if !pre_order {
            out.push(
                "/preOrder".into(),
                None,
                ErrorCode::KycPreOrderRequired,
                p(&[("name", name)]),
            );
        }
    } else if !availability.area_options.is_empty()
        && !availability.area_options.iter().any(|a| a.ndc == area_code)
    {
        out.push(
            "/areaCode".into(),
            None,
            ErrorCode::KycAreaSoldOut,
            p(&[("reason", Value::from("not_offered"))]),
        );
    }
}

/// Returns whether the submission reuses an approved verification.
fn check_reuse(form: &KycForm, submission: &KycSubmission, out: &mut Collector) -> bool {
    let reusing = submission.reuse == Some(true)
        || submission.reuse_option_id.is_some()
        || submission.reuse_from.is_some();
    if !reusing {
        return false;
    }
    match &form.reusable {
        Some(reusable) if reusable.available || !reusable.options.is_empty() => {
            if let Some(id) = &submission.reuse_option_id
                && !reusable.options.iter().any(|o| &o.id == id)
            {
                {
                    let ids: Vec<&str> = reusable.options.iter().map(|o| o.id.as_str()).collect();
                    out.push(
                        "/reuseOptionId".into(),
                        None,
                        ErrorCode::KycReuseOptionUnknown,
                        params(&[("options", Value::from(ids))]),
                    );
                }
            }
        }
        _ => out.push(
            "/reuse".into(),
            None,
            ErrorCode::KycReuseUnavailable,
            Details::new(),
        ),
    }
    true
}

/// The answer parts shared by a submission and a remediation.
pub(crate) struct Answers<'a> {
    pub(crate) values: &'a BTreeMap<String, String>,
    pub(crate) documents: &'a [KycDocument],
    pub(crate) address: Option<&'a KycAddress>,
    /// `None` for a remediation, which has no end-user names.
    pub(crate) end_user_names: Option<(&'a Option<String>, &'a Option<String>)>,
}

pub(crate) struct Context<'a> {
    pub(crate) country: &'a str,
    pub(crate) availability: Option<&'a Availability>,
    pub(crate) area_code: Option<&'a str>,
    pub(crate) today: Date,
    /// Every requirement must be answered (false when reusing a verification).
    pub(crate) require_all: bool,
}

pub(crate) fn check_answers(
    fields: &[KycField],
    answers: &Answers<'_>,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    // Where each requirement was first answered, to report duplicates: at most one entry per
    // field of the form (a list, as `find` is; a map type would be one more compiled in).
    let mut seen: Vec<(&str, String)> = Vec::new();
    check_values(fields, answers.values, &mut seen, out);
    check_documents(fields, answers.documents, ctx, &mut seen, out);
    if let Some(address) = answers.address {
        let field = address_field(fields, address, out);
        check_address(address, field, ctx, out);
    }
    if ctx.require_all {
        check_all_answered(fields, answers, out);
    }
}

pub(super) fn find<'f>(fields: &'f [KycField], id: &str) -> Option<&'f KycField> {
    fields.iter().find(|f| f.requirement_id == id)
}

fn check_values<'a>(
    fields: &[KycField],
    values: &'a BTreeMap<String, String>,
    seen: &mut Vec<(&'a str, String)>,
    out: &mut Collector,
) {
    for (id, value) in values {
        let path = format!("/values/{}", pointer(id));
        let Some(field) = find(fields, id) else {
            out.push(
                path,
                None,
                ErrorCode::KycUnknownRequirement,
                params(&[("requirement", Value::from(id.clone()))]),
            );
            continue;
        };
        seen.push((id, path.clone()));
        match &field.kind {
            FieldKind::Text => check_text(path, field, value, out),
            FieldKind::Date => {
                if Date::parse(value).is_err() {
                    out.push(
                        path,
                        Some(field),
                        ErrorCode::KycDateInvalid,
                        params(&[("format", Value::from("YYYY-MM-DD"))]),
                    );
                }
            }
            FieldKind::Address | FieldKind::File | FieldKind::Action => {
                wrong_place(path, field, out);
            }
            FieldKind::Unknown(_) => {}
        }
    }
}

/// Every requirement answered, in its place; `action` requirements need the end user's name.
fn check_all_answered(fields: &[KycField], answers: &Answers<'_>, out: &mut Collector) {
    for field in fields {
        let id = field.requirement_id.as_str();
        let answered = match &field.kind {
            FieldKind::Text | FieldKind::Date => answers.values.contains_key(id),
            FieldKind::File => answers
                .documents
                .iter()
                .any(|d| d.requirement_id.as_deref() == Some(id)),
            FieldKind::Address => answers
                .address
                .is_some_and(|a| a.requirement_id.as_deref() == Some(id)),
            FieldKind::Action => {
                if let Some((first, last)) = answers.end_user_names {
                    for (name, path) in [(first, "/endUserFirstName"), (last, "/endUserLastName")] {
                        if blank(name.as_ref()) {
                            out.push(
                                path.into(),
                                Some(field),
                                ErrorCode::KycEndUserNameMissing,
                                Details::new(),
                            );
                        }
                    }
                }
                true
            }
            FieldKind::Unknown(_) => true,
        };
        if !answered {
            let path = match field.kind {
                FieldKind::File => "/documents".to_owned(),
                FieldKind::Address => "/address".to_owned(),
                _ => format!("/values/{}", pointer(id)),
            };
            out.push(
                path,
                Some(field),
                ErrorCode::KycMissing,
                params(&[("kind", Value::from(field.kind.as_str()))]),
            );
        }
    }
}

pub(super) fn wrong_place(path: String, field: &KycField, out: &mut Collector) {
    let expected = match field.kind {
        FieldKind::File => "/documents",
        FieldKind::Address => "/address",
        FieldKind::Action => "/endUserFirstName, /endUserLastName",
        _ => "/values",
    };
    out.push(
        path,
        Some(field),
        ErrorCode::KycWrongPlace,
        params(&[
            ("kind", Value::from(field.kind.as_str())),
            ("expected", Value::from(expected)),
        ]),
    );
}

fn check_text(path: String, field: &KycField, value: &str, out: &mut Collector) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        out.push(path, Some(field), ErrorCode::KycTextEmpty, Details::new());
        return;
    }
    let length = crate::limits::char_count(trimmed);
    if length > MAX_TEXT_CHARS {
        out.push(
            path,
            Some(field),
            ErrorCode::KycTextTooLong,
            params(&[
                ("max", Value::from(MAX_TEXT_CHARS)),
                ("length", Value::from(length)),
                ("unit", Value::from("characters")),
            ]),
        );
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use validator::Validate;

    use super::*;

    /// The rules of `struct_rules` as the `validator` crate's derive states them: the oracle.
    #[derive(Validate)]
    struct Rules {
        #[validate(required(code = "kyc_missing"), custom(function = "not_blank"))]
        profile_id: Option<String>,
        #[validate(required(code = "kyc_missing"))]
        country: Option<String>,
        #[validate(range(min = 1, max = 5, code = "kyc_quantity_out_of_range"))]
        quantity: Option<i64>,
    }

    fn not_blank(value: &str) -> Result<(), validator::ValidationError> {
        if value.trim().is_empty() {
            Err(validator::ValidationError::new("kyc_missing"))
        } else {
            Ok(())
        }
    }

    /// What the crate reports, as the findings the validator-based code made of it.
    fn by_validator(rules: &Rules) -> Vec<FieldError> {
        let mut out = Collector::new(Lang::En);
        if let Err(errors) = rules.validate() {
            for (field, list) in errors.field_errors() {
                let path = match field.as_ref() {
                    "profile_id" => "/profileId",
                    "country" => "/country",
                    _ => "/quantity",
                };
                for e in list {
                    let code = ErrorCode::from_name(&e.code).unwrap();
                    let mut p = Details::new();
                    for key in ["min", "max"] {
                        if let Some(v) = e.params.get(key) {
                            p.insert(key.into(), v.clone());
                        }
                    }
                    out.push(path.to_owned(), None, code, p);
                }
            }
        }
        out.finish()
    }

    fn text() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(prop_oneof![
            Just(String::new()),
            Just(" \t\n".to_owned()),
            Just("\u{3000}".to_owned()),
            "[ a-z]{0,4}",
        ])
    }

    proptest! {
        #[test]
        fn struct_rules_are_the_validator_derives(
            profile_id in text(),
            country in text(),
            quantity in proptest::option::of(prop_oneof![
                -2i64..8,
                Just(i64::MIN),
                Just(i64::MAX),
                any::<i64>(),
            ]),
        ) {
            let submission = KycSubmission {
                profile_id: profile_id.clone(),
                country: country.clone(),
                quantity,
                ..KycSubmission::default()
            };
            let mut out = Collector::new(Lang::En);
            struct_rules(&submission, &mut out);
            let ours = serde_json::to_value(out.finish()).unwrap();
            let theirs = by_validator(&Rules { profile_id, country, quantity });
            prop_assert_eq!(ours, serde_json::to_value(theirs).unwrap());
        }
    }
}
