//! `wanumbers._native`: the Python binding. It only converts: Python values in, a core call,
//! Python values or a `wanumbers` exception out. Models cross as plain dicts and lists with the
//! upstream JSON (camelCase) names.
//!
//! Every argument is read by hand (`text`, `int`, `from_py`, ...) so that a value of the wrong
//! type, a number JSON cannot carry, text that is not Unicode or a value nested too deep is a
//! core error naming the argument (`InputError`, codes `argument_type`, `argument_invalid`,
//! `input_too_deep`), never PyO3's `TypeError`/`OverflowError`/`UnicodeEncodeError` or a crash.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde_json::Value;
use wanumbers::limits;
use wanumbers::status::{NumberEvent, NumberStatus};
use wanumbers::{ErrorCode, phone};

use convert::to_py;

// ---------------------------------------------------------------------------------------------
// Errors

/// The one error mapper: every core error becomes the `wanumbers._errors` class of its kind.
pub(crate) fn raise(py: Python<'_>, err: &wanumbers::Error) -> PyErr {
    let class = err.kind().class_name();
    let build = || -> PyResult<PyErr> {
        let cls = py.import("wanumbers._errors")?.getattr(class)?;
        let details = to_py(py, &Value::Object(err.details().clone()))?;
        let exc = cls.call1((err.message(), err.code().as_str(), details))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

// The Arrow C data interface is a C ABI: the one place unsafe code is allowed.
#[allow(unsafe_code)]
mod arrow;
mod columns;
mod convert;
mod documents;
mod numbers;
mod phone_check;
mod requests;
mod sandbox;
mod webhooks;

pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for wanumbers::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, &e))
    }
}

pub(crate) fn wrong_type(py: Python<'_>, argument: &str, expected: &str) -> PyErr {
    raise(py, &limits::wrong_type(argument, expected))
}

/// An int of the right type but outside what the parameter can hold (`format_usd(-1)`).
pub(crate) fn out_of_range(py: Python<'_>, argument: &str, expected: &str) -> PyErr {
    let err = wanumbers::Error::new(
        ErrorCode::ArgumentInvalid,
        format!("{argument} must be {expected}"),
    )
    .with("argument", argument)
    .with("expected", expected);
    raise(py, &err)
}

// ---------------------------------------------------------------------------------------------

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", wanumbers::VERSION)?;
    m.add("PHONE_METADATA_VERSION", phone::METADATA_VERSION)?;
    m.add("SANDBOX_GOOD_CODE", wanumbers::sandbox::GOOD_CODE)?;
    m.add(
        "ERROR_CODES",
        ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "ERROR_CLASSES",
        wanumbers::ErrorKind::ALL
            .iter()
            .map(|k| k.class_name())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "NUMBER_STATUSES",
        NumberStatus::KNOWN
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "NUMBER_EVENTS",
        NumberEvent::ALL
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add_class::<sandbox::PySandbox>()?;
    m.add_class::<phone_check::PyPhoneCheck>()?;
    m.add_function(wrap_pyfunction!(numbers::normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::normalize_phone_in_region, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::format_phone, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::example_phone, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::check_phone, m)?)?;
    m.add_function(wrap_pyfunction!(columns::check_phones, m)?)?;
    m.add_function(wrap_pyfunction!(columns::normalize_phones, m)?)?;
    m.add_class::<columns::PyPhoneColumns>()?;
    m.add_function(wrap_pyfunction!(numbers::is_country_code, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::country_name, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::country_info, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::normalize_country_code, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::countries, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::country, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::prorate_cents, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::days_in_month, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::invoice, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::run_rate, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::quote, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::format_usd, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::format_monthly, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::next_status, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::allowed_actions, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::parse_status, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::webhook_event, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::in_list_view, m)?)?;
    m.add_function(wrap_pyfunction!(documents::validate_kyc, m)?)?;
    m.add_function(wrap_pyfunction!(documents::validate_remediation, m)?)?;
    m.add_function(wrap_pyfunction!(documents::remediation_payload, m)?)?;
    m.add_function(wrap_pyfunction!(documents::combine_id_sides, m)?)?;
    m.add_function(wrap_pyfunction!(documents::sniff_document, m)?)?;
    m.add_function(wrap_pyfunction!(documents::check_document_size, m)?)?;
    m.add_function(wrap_pyfunction!(documents::encode_document, m)?)?;
    m.add_function(wrap_pyfunction!(requests::build_request, m)?)?;
    m.add_function(wrap_pyfunction!(requests::parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(requests::next_page, m)?)?;
    m.add_function(wrap_pyfunction!(requests::operations, m)?)?;
    m.add_function(wrap_pyfunction!(requests::operation_table, m)?)?;
    m.add_function(wrap_pyfunction!(requests::retry_decision, m)?)?;
    m.add_function(wrap_pyfunction!(requests::check_retry_policy, m)?)?;
    m.add_class::<requests::PyPager>()?;
    m.add_function(wrap_pyfunction!(webhooks::verify_zernio_signature, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::verify_meta_signature, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::meta_challenge, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::parse_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::parse_meta_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(webhooks::apply_event, m)?)?;
    m.add_function(wrap_pyfunction!(requests::purchase_guard, m)?)?;
    // Helpers of the Python package, not part of the API: kept out of `__all__`.
    m.setattr(
        "_SENSITIVE_DETAILS",
        PyTuple::new(m.py(), wanumbers::error::SENSITIVE_DETAILS)?,
    )?;
    m.setattr(
        "_transport_error",
        wrap_pyfunction!(requests::transport_error, m)?,
    )?;
    m.setattr(
        "_argument_type_error",
        wrap_pyfunction!(requests::argument_type_error, m)?,
    )?;
    Ok(())
}
