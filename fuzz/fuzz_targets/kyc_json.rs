//! `kyc_json`: the KYC models read from arbitrary JSON text (form, submission, availability,
//! and the remediation models from the same documents), then `kyc::validate_submission`,
//! `kyc::validate_remediation` and `kyc::remediation_payload` on whatever decodes.
//!
//! Input: four NUL-separated parts: `<lang> <today YYYY-MM-DD>`, the form JSON, the submission
//! JSON, the availability JSON (empty: none).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wanumbers::kyc::{
    self, Availability, FieldError, KycForm, KycSubmission, Lang, RemediationForm,
    RemediationSubmission,
};
use wanumbers::{Date, ErrorCode};
use wanumbers_fuzz::{parts, text};

fuzz_target!(|data: &[u8]| {
    let [header, form, submission, availability] = parts::<4>(data);
    let header = text(header).unwrap_or_default();
    let mut words = header.split_whitespace();
    let lang = Lang::parse(words.next().unwrap_or_default());
    let today = words
        .next()
        .and_then(|d| Date::parse(d).ok())
        .or_else(|| Date::from_ymd(2026, 3, 1).ok());
    let Some(today) = today else {
        return;
    };

    let form_value = json(form);
    let submission_value = json(submission);
    let form: Option<KycForm> = model(form, form_value.as_ref());
    let submission: Option<KycSubmission> = model(submission, submission_value.as_ref());
    let availability: Option<Availability> = model(availability, json(availability).as_ref());
    let remediation_form: Option<RemediationForm> = form_value.clone().and_then(decode);
    let corrections: Option<RemediationSubmission> = submission_value.clone().and_then(decode);

    if let (Some(form), Some(submission)) = (&form, &submission) {
        let errors = kyc::validate_submission(form, submission, availability.as_ref(), today, lang);
        check_errors(&errors);
    }
    if let (Some(form), Some(corrections)) = (&remediation_form, &corrections) {
        let errors = kyc::validate_remediation(form, corrections, submission.as_ref(), today, lang);
        check_errors(&errors);
        if let Some(previous) = &submission {
            let payload = kyc::remediation_payload(form, previous, corrections);
            round_trip(&payload);
        }
    }
});

/// The text as a JSON value (serde_json's own nesting limit applies).
fn json(bytes: &[u8]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}

fn decode<T: wanumbers::Decode>(value: Value) -> Option<T> {
    match wanumbers::error::from_value::<T>(value) {
        Ok(model) => Some(model),
        Err(e) => {
            assert!(
                matches!(e.code(), ErrorCode::JsonInvalid | ErrorCode::InputTooDeep),
                "{e:?}"
            );
            None
        }
    }
}

/// A model read the way the bindings read it (text → value → model, `from_value`) and the way
/// a Rust caller does (`serde_json::from_slice`): the two agree, and what decodes survives a
/// trip through JSON.
fn model<T: DeserializeOwned + wanumbers::Decode + Serialize + PartialEq + std::fmt::Debug>(
    bytes: &[u8],
    value: Option<&Value>,
) -> Option<T> {
    let value = value?;
    let via_value: Option<T> = decode(value.clone());
    let direct: Option<T> = serde_json::from_slice(bytes).ok();
    // serde_json refuses a duplicate key when it reads a model directly, while a value keeps
    // the last one; and it reads a model from an array of its fields, which `decode` refuses
    // (a model is an object): so where both read the document, they read the same model.
    if direct.is_some() && via_value.is_some() {
        assert_eq!(via_value, direct, "from_value and serde_json disagree");
    }
    if let Some(model) = &via_value {
        round_trip(model);
    }
    via_value
}

fn round_trip<T: wanumbers::Decode + Serialize + PartialEq + std::fmt::Debug>(model: &T) {
    let value = serde_json::to_value(model);
    assert!(value.is_ok(), "a decoded model cannot be written as JSON");
    if let Ok(value) = value {
        let back = wanumbers::error::from_value::<T>(value);
        assert_eq!(back.as_ref().ok(), Some(model), "{back:?}");
    }
}

fn check_errors(errors: &[FieldError]) {
    for error in errors {
        assert!(error.path.starts_with('/'), "path {:?}", error.path);
        assert!(!error.message.trim().is_empty(), "{error:?}");
        assert!(
            error.code.as_str().starts_with("kyc_")
                || error.code.as_str().starts_with("phone_")
                || error.code.as_str().starts_with("country_"),
            "{:?}",
            error.code
        );
    }
    assert!(serde_json::to_string(errors).is_ok());
}
