//! Webhooks: signatures, the Meta challenge, parsing, applying events.

use pyo3::prelude::*;
use wanumbers::webhook;

use crate::OrRaise;
use crate::convert::{bytes_or_text, model, opt_text, text, typed};

/// Raises `SignatureError` unless `header` is the Zernio signature of the raw body.
#[pyfunction]
#[pyo3(signature = (secret, body, header))]
pub(crate) fn verify_zernio_signature(
    py: Python<'_>,
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let (secret, body) = (
        bytes_or_text(secret, "secret")?,
        bytes_or_text(body, "body")?,
    );
    let header = opt_text(header, "header")?;
    webhook::verify_zernio_signature(&secret, &body, header.as_deref()).or_raise(py)
}

/// Raises `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body.
#[pyfunction]
#[pyo3(signature = (app_secret, body, header))]
pub(crate) fn verify_meta_signature(
    py: Python<'_>,
    app_secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let secret = bytes_or_text(app_secret, "app_secret")?;
    let body = bytes_or_text(body, "body")?;
    let header = opt_text(header, "header")?;
    webhook::verify_meta_signature(&secret, &body, header.as_deref()).or_raise(py)
}

/// The challenge to echo for Meta's subscription handshake, or `SignatureError` (answer 403).
#[pyfunction]
#[pyo3(signature = (mode, token, challenge, expected_token))]
pub(crate) fn meta_challenge(
    py: Python<'_>,
    mode: Option<&Bound<'_, PyAny>>,
    token: Option<&Bound<'_, PyAny>>,
    challenge: Option<&Bound<'_, PyAny>>,
    expected_token: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (mode, token) = (opt_text(mode, "mode")?, opt_text(token, "token")?);
    let challenge = opt_text(challenge, "challenge")?;
    let expected_token = text(expected_token, "expected_token")?;
    webhook::meta_challenge(
        mode.as_deref(),
        token.as_deref(),
        challenge.as_deref(),
        &expected_token,
    )
    .or_raise(py)
}

/// Parses a Zernio webhook body (after verifying its signature).
#[pyfunction]
pub(crate) fn parse_webhook<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let body = bytes_or_text(body, "body")?;
    typed(
        py,
        "ZernioEvent",
        &webhook::parse_zernio_webhook(&body).or_raise(py)?,
    )
}

/// Parses a Meta webhook body (after verifying its signature).
#[pyfunction]
pub(crate) fn parse_meta_webhook<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let body = bytes_or_text(body, "body")?;
    typed(
        py,
        "MetaWebhook",
        &webhook::parse_meta_webhook(&body).or_raise(py)?,
    )
}

/// Applies a parsed Zernio event to a local number record: `{record, changed}`.
#[pyfunction]
pub(crate) fn apply_event<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let record: webhook::LocalNumber = model(record, "record")?;
    let event: webhook::ZernioEvent = model(event, "event")?;
    typed(
        py,
        "Applied",
        &webhook::apply_event(&record, &event).or_raise(py)?,
    )
}
