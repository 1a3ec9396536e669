//! KYC validation and documents.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, RemediationForm, RemediationSubmission,
};

use crate::OrRaise;
use crate::convert::{
    bytes, int, lang_arg, model, optional_model, out, today_arg, typed, typed_list,
};

// ---------------------------------------------------------------------------------------------
// KYC

/// Every reason a KYC submission would bounce, as a list of field-error dicts (never raises
/// for invalid user input).
#[pyfunction]
#[pyo3(
    signature = (form, submission, availability=None, today=None, lang=None),
    text_signature = "(form, submission, availability=None, today=None, lang='en')"
)]
pub(crate) fn validate_kyc<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    availability: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: KycForm = model(form, "form")?;
    let submission: KycSubmission = model(submission, "submission")?;
    let availability: Option<Availability> = optional_model(availability, "availability")?;
    let today = today_arg(py, today)?;
    let lang = lang_arg(lang)?;
    typed_list(
        py,
        "FieldError",
        &kyc::validate_submission(&form, &submission, availability.as_ref(), today, lang),
    )
}

#[pyfunction]
#[pyo3(
    signature = (form, submission, previous=None, today=None, lang=None),
    text_signature = "(form, submission, previous=None, today=None, lang='en')"
)]
pub(crate) fn validate_remediation<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    previous: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(form, "form")?;
    let submission: RemediationSubmission = model(submission, "submission")?;
    let previous: Option<KycSubmission> = optional_model(previous, "previous")?;
    let today = today_arg(py, today)?;
    let lang = lang_arg(lang)?;
    typed_list(
        py,
        "FieldError",
        &kyc::validate_remediation(&form, &submission, previous.as_ref(), today, lang),
    )
}

#[pyfunction]
pub(crate) fn remediation_payload<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    previous: &Bound<'py, PyAny>,
    corrections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(form, "form")?;
    let previous: KycSubmission = model(previous, "previous")?;
    let corrections: RemediationSubmission = model(corrections, "corrections")?;
    out(
        py,
        &kyc::remediation_payload(&form, &previous, &corrections),
    )
}

/// Front and back of an ID (JPEG/PNG bytes) on one PDF page; returns the PDF bytes.
#[pyfunction]
pub(crate) fn combine_id_sides<'py>(
    py: Python<'py>,
    front: &Bound<'py, PyAny>,
    back: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let (front, back) = (bytes(front, "front")?, bytes(back, "back")?);
    let pdf = py
        .detach(|| kyc::combine_id_sides(&front, &back))
        .or_raise(py)?;
    Ok(PyBytes::new(py, &pdf))
}

#[pyfunction]
pub(crate) fn sniff_document<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match kyc::sniff_document(&bytes(data, "data")?) {
        Some(kind) => typed(py, "DocumentType", &kind),
        None => Ok(py.None().into_bound(py)),
    }
}

#[pyfunction]
pub(crate) fn check_document_size(py: Python<'_>, size_bytes: &Bound<'_, PyAny>) -> PyResult<()> {
    kyc::check_document_size(int(size_bytes, "size_bytes")?).or_raise(py)
}

#[pyfunction]
pub(crate) fn encode_document(data: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(kyc::encode_document(&bytes(data, "data")?))
}
