//! Submission validation: every reason the API would refuse a KYC submission, field by field,
//! before anything is sent. Never stops at the first error, never panics. Errors come back
//! sorted by JSON pointer (`path`), then code, so every language sees the same list.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use validator::Validate;

use super::document::{self, MAX_DOCUMENT_BYTES};
use super::fold_data::FOLD;
use super::messages::{Lang, render};
use super::model::{
    AddressConstraint, Availability, FieldKind, KycAddress, KycDocument, KycField, KycForm,
    KycSubmission,
};
use super::postal;
use crate::country::{Catalog, CountryCode};
use crate::datetime::Date;
use crate::error::{Details, Error, ErrorCode};
use crate::phone;

/// The longest text answer, in characters (Unicode scalar values), after trimming.
pub const MAX_TEXT_CHARS: usize = 500;

/// The largest request body the API takes (its hosting limit is about 4.5 MB); inline
/// documents above it should be uploaded first and sent by `documentId`.
pub const MAX_REQUEST_BYTES: u64 = 4_500_000;

/// How serious a field error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The API would refuse the submission.
    Error,
    /// Likely a mistake, but the API would accept it.
    Warning,
}

/// One reason a submission would bounce (or a warning), tied to the field that causes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// JSON pointer into the submission, e.g. `/values/REQ_1`, `/address/postal_code`.
    pub path: String,
    /// The requirement concerned, when there is one.
    pub requirement_id: Option<String>,
    /// Stable code.
    pub code: ErrorCode,
    /// `error` or `warning`.
    pub severity: Severity,
    /// A readable message in the requested language.
    pub message: String,
    /// The numbers and names a UI needs to write its own message (language-neutral).
    pub params: Details,
}

/// Collects field errors; renders messages once, in one language.
pub(crate) struct Collector {
    lang: Lang,
    errors: Vec<FieldError>,
}

impl Collector {
    pub(crate) fn new(lang: Lang) -> Self {
        Collector {
            lang,
            errors: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        params: Details,
    ) {
        self.push_with(path, field, code, Severity::Error, params, "");
    }

    pub(crate) fn warn(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        params: Details,
    ) {
        self.push_with(path, field, code, Severity::Warning, params, "");
    }

    /// A core error (country, phone) reported at `path`.
    fn push_error(&mut self, path: String, err: &Error) {
        let params = err.details().clone();
        self.push_with(
            path,
            None,
            err.code(),
            Severity::Error,
            params,
            err.message(),
        );
    }

    fn push_with(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        severity: Severity,
        mut params: Details,
        fallback: &str,
    ) {
        if let Some(f) = field {
            params
                .entry("label")
                .or_insert_with(|| Value::from(f.label.clone()));
        }
        params
            .entry("label")
            .or_insert_with(|| Value::from(label_of_path(&path)));
        let message = render(code, self.lang, &localized(&params, self.lang), fallback);
        self.errors.push(FieldError {
            path,
            requirement_id: field.map(|f| f.requirement_id.clone()),
            code,
            severity,
            message,
            params,
        });
    }

    pub(crate) fn finish(mut self) -> Vec<FieldError> {
        self.errors
            .sort_by(|a, b| pointer_order(&a.path, &b.path).then_with(|| a.code.cmp(&b.code)));
        self.errors
    }
}

/// Orders JSON pointers segment by segment, numbers as numbers (`/documents/2` before
/// `/documents/10`).
fn pointer_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(u8, u64, String)> {
        s.split('/')
            .map(|seg| match seg.parse::<u64>() {
                Ok(n) => (0, n, String::new()),
                Err(_) => (1, 0, seg.to_owned()),
            })
            .collect()
    };
    key(a).cmp(&key(b))
}

/// The last segment of a pointer, as a stand-in label for top-level fields (`profileId`).
fn label_of_path(path: &str) -> String {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Display values in the user's language for params that name things (`part`, `side`).
fn localized(params: &Details, lang: Lang) -> Details {
    let mut out = params.clone();
    if let Some(field) = params.get("field").and_then(Value::as_str) {
        out.insert("part".into(), Value::from(address_part_name(field, lang)));
    }
    if let Some(side) = params.get("side").and_then(Value::as_str) {
        let word = match (side, lang) {
            ("front", Lang::Es) => "anverso",
            ("back", Lang::Es) => "reverso",
            ("front", Lang::PtBr) => "frente",
            ("back", Lang::PtBr) => "verso",
            (other, _) => other,
        };
        out.insert("side".into(), Value::from(word));
    }
    out
}

fn address_part_name(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("street_address", Lang::En) => "street",
        ("street_address", Lang::Es) => "la calle",
        ("street_address", Lang::PtBr) => "a rua",
        ("locality", Lang::En) => "city or town",
        ("locality", Lang::Es) => "la ciudad",
        ("locality", Lang::PtBr) => "a cidade",
        ("postal_code", Lang::En) => "postal code",
        ("postal_code", Lang::Es) => "el código postal",
        ("postal_code", Lang::PtBr) => "o código postal",
        ("administrative_area", Lang::En) => "state, province or region",
        ("administrative_area", Lang::Es) => "la provincia o región",
        ("administrative_area", Lang::PtBr) => "o estado",
        ("country_code", Lang::En) => "country",
        ("country_code", Lang::Es) => "el país",
        ("country_code", Lang::PtBr) => "o país",
        (_, Lang::En) => "requirement id",
        (_, Lang::Es) => "el id de requisito",
        (_, Lang::PtBr) => "o id do requisito",
    }
}

fn params(pairs: &[(&str, Value)]) -> Details {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// A JSON pointer segment: `~` → `~0`, `/` → `~1` (RFC 6901).
pub(crate) fn pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn blank(value: Option<&String>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

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
                ("max_bytes", json!(MAX_REQUEST_BYTES)),
                ("size_bytes", json!(inline)),
                ("max_mb", json!(4.5)),
            ]),
        );
    }
    out.finish()
}

/// The struct-level rules the `validator` crate expresses well (required fields, ranges).
fn struct_rules(submission: &KycSubmission, out: &mut Collector) {
    let Err(errors) = submission.validate() else {
        return;
    };
    for (field, list) in errors.field_errors() {
        let path = match field.as_ref() {
            "profile_id" => "/profileId",
            "country" => "/country",
            "quantity" => "/quantity",
            other => other,
        };
        for e in list {
            let code = ErrorCode::from_name(&e.code).unwrap_or(ErrorCode::KycMissing);
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

/// For `#[validate(custom)]`: a string that is only spaces counts as missing.
pub(crate) fn not_blank(value: &str) -> Result<(), validator::ValidationError> {
    if value.trim().is_empty() {
        Err(validator::ValidationError::new("kyc_missing"))
    } else {
        Ok(())
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
                params(&[("pattern", json!("^\\d{1,4}$"))]),
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
                    ("min", json!(1)),
                    ("max", json!(1)),
                    ("reason", json!(reason)),
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
                p(&[("name", name), ("reason", json!("sold_out"))]),
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
            p(&[("reason", json!("not_offered"))]),
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
                        params(&[("options", json!(ids))]),
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
    // Where each requirement was first answered, to report duplicates.
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    check_values(fields, answers.values, &mut seen, out);
    check_documents(fields, answers.documents, ctx, &mut seen, out);
    if let Some(address) = answers.address {
        let field = address_field(fields, address, out);
        if let Some(f) = field {
            seen.insert(&f.requirement_id, "/address".into());
        }
        check_address(address, field, ctx, out);
    }
    if ctx.require_all {
        check_all_answered(fields, answers, out);
    }
}

fn find<'f>(fields: &'f [KycField], id: &str) -> Option<&'f KycField> {
    fields.iter().find(|f| f.requirement_id == id)
}

fn check_values<'a>(
    fields: &[KycField],
    values: &'a BTreeMap<String, String>,
    seen: &mut BTreeMap<&'a str, String>,
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
        seen.insert(id, path.clone());
        match &field.kind {
            FieldKind::Text => check_text(path, field, value, out),
            FieldKind::Date => {
                if Date::parse(value).is_err() {
                    out.push(
                        path,
                        Some(field),
                        ErrorCode::KycDateInvalid,
                        params(&[("format", json!("YYYY-MM-DD"))]),
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

fn check_documents<'a>(
    fields: &[KycField],
    documents: &'a [KycDocument],
    ctx: &Context<'_>,
    seen: &mut BTreeMap<&'a str, String>,
    out: &mut Collector,
) {
    for (i, doc) in documents.iter().enumerate() {
        let base = format!("/documents/{i}");
        let id_path = format!("{base}/requirementId");
        let Some(id) = doc
            .requirement_id
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        else {
            out.push(id_path, None, ErrorCode::KycMissing, Details::new());
            check_document(&base, None, doc, ctx, out);
            continue;
        };
        let field = find(fields, id);
        match field {
            None => out.push(
                id_path,
                None,
                ErrorCode::KycUnknownRequirement,
                params(&[("requirement", Value::from(id))]),
            ),
            Some(f) if !matches!(f.kind, FieldKind::File | FieldKind::Unknown(_)) => {
                wrong_place(id_path, f, out);
            }
            Some(f) => match seen.get(id) {
                Some(first) => {
                    out.push(
                        id_path,
                        Some(f),
                        ErrorCode::KycDuplicate,
                        params(&[("first", Value::from(first.clone()))]),
                    );
                }
                None => {
                    seen.insert(id, base.clone());
                }
            },
        }
        check_document(&base, field, doc, ctx, out);
    }
}

/// The address requirement the address object answers, if it names a valid one.
fn address_field<'f>(
    fields: &'f [KycField],
    address: &KycAddress,
    out: &mut Collector,
) -> Option<&'f KycField> {
    let path = || "/address/requirementId".to_owned();
    let Some(id) = address
        .requirement_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    else {
        out.push(path(), None, ErrorCode::KycMissing, Details::new());
        return None;
    };
    match find(fields, id) {
        None => {
            out.push(
                path(),
                None,
                ErrorCode::KycUnknownRequirement,
                params(&[("requirement", Value::from(id))]),
            );
            None
        }
        Some(f) if !matches!(f.kind, FieldKind::Address | FieldKind::Unknown(_)) => {
            wrong_place(path(), f, out);
            None
        }
        Some(f) => Some(f),
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

fn wrong_place(path: String, field: &KycField, out: &mut Collector) {
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
    let length = trimmed.chars().count();
    if length > MAX_TEXT_CHARS {
        out.push(
            path,
            Some(field),
            ErrorCode::KycTextTooLong,
            params(&[
                ("max", json!(MAX_TEXT_CHARS)),
                ("length", json!(length)),
                ("unit", json!("characters")),
            ]),
        );
    }
}

fn check_document(
    base: &str,
    field: Option<&KycField>,
    doc: &KycDocument,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    match (&doc.base64, &doc.document_id) {
        (Some(_), Some(_)) => {
            out.push(
                base.to_owned(),
                field,
                ErrorCode::KycDocumentSourceConflict,
                Details::new(),
            );
        }
        (None, None) => {
            out.push(
                format!("{base}/base64"),
                field,
                ErrorCode::KycMissing,
                params(&[("alternative", json!("documentId"))]),
            );
        }
        (None, Some(document_id)) => {
            if document_id.trim().is_empty() {
                out.push(
                    format!("{base}/documentId"),
                    field,
                    ErrorCode::KycMissing,
                    Details::new(),
                );
            }
            if let Some(issued) = &doc.issued_at {
                let path = format!("{base}/issuedAt");
                match Date::parse(issued) {
                    Err(_) => out.push(
                        path,
                        field,
                        ErrorCode::KycDateInvalid,
                        params(&[("format", json!("YYYY-MM-DD"))]),
                    ),
                    Ok(date) if date > ctx.today => out.push(
                        path,
                        field,
                        ErrorCode::KycDateInFuture,
                        params(&[("today", Value::from(ctx.today.to_string()))]),
                    ),
                    Ok(_) => {}
                }
            }
        }
        (Some(b64), None) => check_inline(base, field, doc.filename.as_deref(), b64, out),
    }
}

fn check_inline(
    base: &str,
    field: Option<&KycField>,
    filename: Option<&str>,
    b64: &str,
    out: &mut Collector,
) {
    let b64_path = format!("{base}/base64");
    if filename.is_none_or(|f| f.trim().is_empty()) {
        out.push(
            format!("{base}/filename"),
            field,
            ErrorCode::KycMissing,
            Details::new(),
        );
    }
    // Size first, from the encoded length: nothing large is decoded.
    let size = document::decoded_len(b64);
    if size > MAX_DOCUMENT_BYTES {
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentTooLarge,
            params(&[
                ("max_bytes", json!(MAX_DOCUMENT_BYTES)),
                ("size_bytes", json!(size)),
                ("max_mb", json!(MAX_DOCUMENT_BYTES / 1_000_000)),
            ]),
        );
        return;
    }
    if let Err(problem) = document::check_base64(b64) {
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentBase64Invalid,
            params(&[("reason", json!(problem.reason()))]),
        );
        return;
    }
    if size == 0 {
        out.push(b64_path, field, ErrorCode::KycDocumentEmpty, Details::new());
        return;
    }
    let Some(kind) = document::sniff_base64(b64) else {
        let accepted: Vec<&str> = document::ACCEPTED_TYPES
            .iter()
            .map(|t| t.extension)
            .collect();
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentTypeUnsupported,
            params(&[("accepted", json!(accepted))]),
        );
        return;
    };
    if let Some(name) = filename.filter(|f| !f.trim().is_empty()) {
        let ext = name
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        let matches = ext == kind.extension || (kind.extension == "jpg" && ext == "jpeg");
        if !matches {
            out.push(
                format!("{base}/filename"),
                field,
                ErrorCode::KycDocumentExtensionMismatch,
                params(&[
                    ("extension", Value::from(ext)),
                    ("detected", Value::from(kind.extension)),
                ]),
            );
        }
    }
}

fn check_address(
    address: &KycAddress,
    field: Option<&KycField>,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    let expected = field
        .and_then(|f| f.local_to.as_deref())
        .unwrap_or(ctx.country);
    let mut country: Option<CountryCode> = None;
    match address
        .country_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        None => out.push(
            "/address/country_code".into(),
            field,
            ErrorCode::KycAddressPartMissing,
            params(&[("field", json!("country_code"))]),
        ),
        Some(code) => match CountryCode::parse(code) {
            Err(err) => out.push_error("/address/country_code".into(), &err),
            Ok(c) if c.as_str() != expected => {
                let name = CountryCode::parse(expected)
                    .map_or_else(|_| expected.to_owned(), |c| c.name().to_owned());
                out.push(
                    "/address/country_code".into(),
                    field,
                    ErrorCode::KycAddressCountryMismatch,
                    params(&[
                        ("expected", Value::from(expected)),
                        ("expected_name", Value::from(name)),
                        ("actual", Value::from(c.as_str())),
                    ]),
                );
            }
            Ok(c) => country = Some(c),
        },
    }
    let rules = country.and_then(|c| postal::rules(c.as_str()));
    let mut required = vec![
        ("street_address", &address.street_address),
        ("locality", &address.locality),
    ];
    if rules.is_none_or(|r| r.has_postal_codes()) {
        required.push(("postal_code", &address.postal_code));
    }
    if rules.is_some_and(|r| r.needs_area) {
        required.push(("administrative_area", &address.administrative_area));
    }
    for (name, value) in required {
        if blank(value.as_ref()) {
            out.push(
                format!("/address/{name}"),
                field,
                ErrorCode::KycAddressPartMissing,
                params(&[("field", json!(name))]),
            );
        }
    }
    if let (Some(rules), Some(code), Some(postal)) =
        (rules, country, address.postal_code.as_deref())
        && !postal.trim().is_empty()
        && !rules.matches(postal)
    {
        {
            out.push(
                "/address/postal_code".into(),
                field,
                ErrorCode::KycPostalCodeInvalid,
                params(&[
                    ("country", Value::from(code.as_str())),
                    ("example", Value::from(rules.example)),
                ]),
            );
        }
    }
    check_area(address, field, ctx, out);
}

/// With a `geo` constraint the locality must be one of the allowed areas — the area of the
/// requested area code when there is one. Compared without case or accents.
fn check_area(
    address: &KycAddress,
    field: Option<&KycField>,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    let Some(availability) = ctx.availability else {
        return;
    };
    if availability.address_constraint != Some(AddressConstraint::Geo) {
        return;
    }
    let Some(locality) = address.locality.as_deref().filter(|l| !l.trim().is_empty()) else {
        return;
    };
    let by_area_code = ctx
        .area_code
        .and_then(|code| availability.area_options.iter().find(|a| a.ndc == code))
        .map(|a| vec![a.name.clone()]);
    let allowed = by_area_code.unwrap_or_else(|| availability.areas.clone());
    if allowed.is_empty() {
        return;
    }
    let wanted = fold(locality);
    if !allowed.iter().any(|a| fold(a) == wanted) {
        out.push(
            "/address/locality".into(),
            field,
            ErrorCode::KycAddressAreaNotAllowed,
            params(&[("allowed", json!(allowed))]),
        );
    }
}

/// Case- and accent-insensitive form of a place name: "São Paulo" = "sao  paulo",
/// "Saint-Étienne" = "saint etienne", "Zürich" = "ZURICH".
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\u{0300}'..='\u{036F}' => {} // combining accents typed separately
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            '-' | '\'' | '’' | '.' | ',' => out.push(' '),
            c => match FOLD.binary_search_by(|(accented, _)| accented.cmp(&c)) {
                Ok(i) => out.extend(FOLD.get(i).map(|(_, base)| *base)),
                Err(_) => out.extend(c.to_lowercase()),
            },
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("São Paulo"), fold("sao  paulo"));
        assert_eq!(fold("Saint-Étienne"), "saint etienne");
        assert_eq!(fold("ZÜRICH"), fold("zurich"));
        assert_eq!(fold("Łódź"), "lodz");
        assert_ne!(fold("Graz"), fold("Wien"));
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Ελλάδα"), fold("ΕΛΛΑΔΑ"));
        assert_eq!(fold("Sa\u{0303}o Paulo"), "sao paulo"); // decomposed input
    }

    #[test]
    fn pointers_escape_slash_and_tilde() {
        assert_eq!(pointer("a/b~c"), "a~1b~0c");
        let mut paths = vec![
            "/values/x",
            "/documents/10/base64",
            "/address",
            "/documents/2",
            "/documents/2/base64",
        ];
        paths.sort_by(|a, b| pointer_order(a, b));
        assert_eq!(
            paths,
            [
                "/address",
                "/documents/2",
                "/documents/2/base64",
                "/documents/10/base64",
                "/values/x"
            ]
        );
        assert_eq!(label_of_path("/values/a~1b"), "a/b");
    }
}
