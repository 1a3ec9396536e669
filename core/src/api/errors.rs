//! Turning an error response into one `Error` with a stable code: Zernio's `{error, code}`
//! envelope and Graph's `{error: {code, error_subcode, ...}}`. The upstream code, type,
//! message (digit runs masked) and `fbtrace_id` are kept in `details`, with the status, the
//! operation and whether retrying is safe.

use serde::Deserialize;
use serde_json::Value;

use super::http::HttpResponse;
use crate::error::{Error, ErrorCode};

/// A short excerpt of a body for error details: at most 160 characters, redacted as
/// [`redact_upstream`] does (numbers, ids and codes are personal or secret).
pub(crate) fn excerpt(body: &[u8]) -> String {
    // 160 characters are at most 640 bytes: never copy a large body whole.
    let head = body.get(..640).unwrap_or(body);
    let text: String = String::from_utf8_lossy(head).chars().take(160).collect();
    redact_upstream(&text)
}

/// What an upstream message may carry back that must not reach logs: credentials echoed by the
/// server (`sk_live_…`, `whsec_…`, Meta's `EAA…` tokens, anything after `Bearer`, any long
/// opaque token) become `<redacted>`, e-mail addresses `<email>`; runs of 4+ digits (PINs,
/// codes, phone numbers) become `#`. Names cannot be recognised, so these texts are also
/// marked sensitive ([`SENSITIVE_DETAILS`](crate::error::SENSITIVE_DETAILS)).
pub(crate) fn redact_upstream(text: &str) -> String {
    mask_digits(&mask_secrets(text))
}

/// A request id as the server sent it when it looks like one (at most 128 token characters and
/// not a credential), else `<redacted>`: a header is copied into details, so a proxy that
/// echoes the `Authorization` header there must not carry the key along.
fn request_id(value: &str) -> String {
    let value = value.trim();
    let token = !value.is_empty()
        && value.len() <= 128
        && value.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b'/' | b'=')
        });
    let secret = SECRET_PREFIXES.iter().any(|p| value.starts_with(p))
        || value.to_ascii_lowercase().contains("bearer");
    if token && !secret {
        value.to_owned()
    } else {
        "<redacted>".to_owned()
    }
}

const SECRET_PREFIXES: [&str; 5] = ["sk_", "pk_", "rk_", "whsec_", "EAA"];

fn is_secret(word: &str, after_bearer: bool) -> bool {
    let long_opaque = word.len() >= 32
        && word.bytes().any(|b| b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_alphabetic());
    after_bearer
        || long_opaque
        || SECRET_PREFIXES.iter().any(|prefix| {
            word.len() > prefix.len()
                && word.starts_with(prefix)
                && (*prefix != "EAA" || word.len() >= 20)
        })
}

fn mask_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut after_bearer = false;
    let flush = |word: &mut String, out: &mut String, after_bearer: &mut bool| {
        if word.is_empty() {
            return;
        }
        if is_secret(word, *after_bearer) {
            out.push_str("<redacted>");
        } else if word.contains('@') {
            out.push_str("<email>");
        } else {
            out.push_str(word);
        }
        *after_bearer = word.eq_ignore_ascii_case("bearer");
        word.clear();
    };
    for c in text.chars() {
        // Token characters, '.' included so a JWT is one word, '@' and '+' so an e-mail
        // address is one word.
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '+') {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut after_bearer);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut after_bearer);
    out
}

pub(crate) fn mask_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 4 {
            out.push('#');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn retryable(code: ErrorCode, operation: &str, transient: Option<bool>) -> bool {
    // Never for an operation whose every attempt counts toward a quota (the table's
    // `retry_safe()`: register, deregister, the code requests).
    let never = super::table::OPERATIONS
        .iter()
        .any(|s| s.name == operation && !s.retry_safe());
    if never {
        return false;
    }
    transient.unwrap_or(matches!(
        code,
        ErrorCode::RateLimited | ErrorCode::ServerError | ErrorCode::CarrierUnavailable
    ))
}

fn base(code: ErrorCode, message: String, operation: &str, response: &HttpResponse) -> Error {
    let mut err = Error::new(code, message)
        .with("operation", operation)
        .with("status", response.status);
    if let Some(id) = response.header("x-request-id").map(request_id) {
        err = err.with("request_id", id);
    }
    if code == ErrorCode::RateLimited {
        if let Some(reset) = response
            .header("x-ratelimit-reset")
            .and_then(|v| v.trim().parse::<i64>().ok())
            && let Ok(at) = crate::Timestamp::from_unix_seconds(reset)
        {
            err = err.with("reset_at", at.to_string());
        }
        if let Some(after) = response
            .header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            err = err.with("retry_after_seconds", after);
        }
    }
    err
}

/// Whether an error body is small enough to read (larger ones are classified by status).
fn readable(response: &HttpResponse) -> bool {
    response.body.len() <= crate::limits::MAX_RESPONSE_BODY_BYTES
}

/// The response is not what the operation documents: keep the status and an excerpt.
pub(crate) fn bad_response(operation: &str, response: &HttpResponse, what: &str) -> Error {
    base(
        ErrorCode::BadResponse,
        format!("the API's answer to {operation} could not be read: {what}"),
        operation,
        response,
    )
    .with("excerpt", excerpt(&response.body))
    .with("retryable", false)
}

#[derive(Deserialize, crate::Decode, Default)]
struct ZernioEnvelope {
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    param: Option<String>,
    #[serde(default)]
    details: Option<Value>,
}

/// Maps a Zernio error response (any status >= 400, or an unexpected one).
pub(crate) fn zernio(operation: &str, response: &HttpResponse) -> Error {
    let envelope: Option<ZernioEnvelope> = readable(response)
        .then(|| serde_json::from_slice(&response.body).ok())
        .flatten()
        .and_then(|value| crate::error::decode(value, "the body").ok());
    let Some(envelope) = envelope else {
        return status_only(operation, response);
    };
    let upstream = envelope.code.clone().unwrap_or_default();
    let code = match upstream.to_ascii_uppercase().as_str() {
        "PURCHASE_VELOCITY" => ErrorCode::PurchaseVelocity,
        "AREA_CODE_UNAVAILABLE" => ErrorCode::AreaCodeUnavailable,
        "PHONE_NUMBER_UNAVAILABLE" => ErrorCode::PhoneNumberUnavailable,
        "COUNTRY_OUT_OF_STOCK" => ErrorCode::CountryOutOfStock,
        "NO_WHATSAPP_ELIGIBLE_NUMBER" => ErrorCode::NoWhatsappEligibleNumber,
        "PAYMENT_REQUIRED" => ErrorCode::PaymentRequired,
        "USAGE_BILLING_REQUIRED" => ErrorCode::UsageBillingRequired,
        "CARRIER_UNAVAILABLE" => ErrorCode::CarrierUnavailable,
        "AREA_PRE_ORDER_AVAILABLE" => ErrorCode::PreOrderAvailable,
        "NUMBER_NOT_WHATSAPP_ELIGIBLE" => ErrorCode::NumberNotWhatsappEligible,
        "INVALID_RESOURCE_STATE" => ErrorCode::InvalidResourceState,
        "INSUFFICIENT_PERMISSIONS" | "UNCLASSIFIED_RESOURCE" => ErrorCode::Forbidden,
        _ => by_status(response.status),
    };
    let upstream_message = match &envelope.error {
        Some(Value::String(s)) => Some(redact_upstream(s)),
        Some(other) => Some(redact_upstream(&other.to_string())),
        None => None,
    };
    let mut err = base(code, message_for(code, operation), operation, response)
        .with("retryable", retryable(code, operation, None));
    if !upstream.is_empty() {
        err = err.with("upstream_code", upstream);
    }
    if let Some(kind) = envelope.kind {
        err = err.with("upstream_type", kind);
    }
    if let Some(message) = upstream_message {
        err = err.with("upstream_message", message);
    }
    if let Some(param) = envelope.param {
        err = err.with("param", param);
    }
    // Structured context the caller needs, e.g. address suggestions or a claim URL.
    if let Some(details) = envelope.details {
        err = err.with("upstream_details", details);
    }
    err
}

fn by_status(status: u16) -> ErrorCode {
    match status {
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        402 => ErrorCode::PaymentRequired,
        409 => ErrorCode::Conflict,
        422 => ErrorCode::Unprocessable,
        429 => ErrorCode::RateLimited,
        400..=499 => ErrorCode::BadRequest,
        500..=599 => ErrorCode::ServerError,
        _ => ErrorCode::BadResponse,
    }
}

/// A non-JSON or foreign error body (a proxy's HTML 502): classify by status alone and never
/// invent an upstream code from the status.
fn status_only(operation: &str, response: &HttpResponse) -> Error {
    let code = by_status(response.status);
    base(code, message_for(code, operation), operation, response)
        .with("retryable", retryable(code, operation, None))
        .with("excerpt", excerpt(&response.body))
}

fn message_for(code: ErrorCode, operation: &str) -> String {
    let what = match code {
        ErrorCode::Unauthorized => "the API key or access token is missing, wrong or expired",
        ErrorCode::Forbidden => "this key may not do that (plan, scope or resource group)",
        ErrorCode::NotFound => "no such resource",
        ErrorCode::BadRequest => "the API refused the request",
        ErrorCode::PaymentRequired => "a payment is needed first",
        ErrorCode::Conflict => "the request conflicts with the resource's state",
        ErrorCode::Unprocessable => "the API could not process the request",
        ErrorCode::RateLimited => "too many requests; wait before trying again",
        ErrorCode::PurchaseVelocity => {
            "a purchase within 10 minutes of the previous one needs allowMultiple: true"
        }
        ErrorCode::AreaCodeUnavailable => "no number is available with that area code",
        ErrorCode::PhoneNumberUnavailable => "that exact number is no longer available",
        ErrorCode::CountryOutOfStock => "the country has no numbers in stock",
        ErrorCode::NoWhatsappEligibleNumber => "no WhatsApp-eligible number could be found",
        ErrorCode::UsageBillingRequired => "the account needs usage-based billing first",
        ErrorCode::CarrierUnavailable => "the carrier is unreachable; try again later",
        ErrorCode::PreOrderAvailable => {
            "the area is empty but can be pre-ordered: send preOrder: true"
        }
        ErrorCode::NumberNotWhatsappEligible => "Meta refuses this number for WhatsApp",
        ErrorCode::InvalidResourceState => {
            "the resource's state forbids this (e.g. attached to a SIP trunk)"
        }
        ErrorCode::AccountRestricted => "the account or number is restricted by policy",
        ErrorCode::PinMismatch => "the two-step verification PIN does not match",
        ErrorCode::ReverifyRequired => {
            "verify the number again (request and verify a code) before registering"
        }
        ErrorCode::TooManyAttempts => "too many attempts; wait before trying again",
        ErrorCode::RegisterRateLimited => {
            "more than 10 register/deregister calls in 72 hours: the number is blocked for 72 hours"
        }
        ErrorCode::VerificationCodeInvalid => "the verification code is wrong",
        ErrorCode::VerificationCodeExpired => "the verification code expired: request a new one",
        ErrorCode::NotRegistered => "the number is not registered on the Cloud API",
        ErrorCode::DeregistrationIncomplete => {
            "a previous deregistration is incomplete: deregister again first"
        }
        ErrorCode::RegisterWait => {
            "the number was deleted recently: wait a few minutes before registering"
        }
        ErrorCode::ServerError => "the API failed; try again later",
        _ => "the API returned an error",
    };
    format!("{operation}: {what}")
}

#[derive(Deserialize, crate::Decode)]
struct GraphEnvelope {
    error: GraphBody,
}

#[derive(Deserialize, crate::Decode)]
struct GraphBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    code: i64,
    #[serde(default)]
    error_subcode: Option<i64>,
    #[serde(default)]
    error_data: Option<Value>,
    #[serde(default)]
    is_transient: Option<bool>,
    #[serde(default)]
    fbtrace_id: Option<String>,
}

/// Maps a Graph API error response (reference meta.md §4).
pub(crate) fn graph(operation: &str, response: &HttpResponse) -> Error {
    let parsed = readable(response)
        .then(|| serde_json::from_slice(&response.body).ok())
        .flatten()
        .and_then(|value| crate::error::decode::<GraphEnvelope>(value, "the body").ok());
    let Some(GraphEnvelope { error: body }) = parsed else {
        return status_only(operation, response);
    };
    let details_text = match &body.error_data {
        Some(Value::Object(map)) => map
            .get("details")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let code = match body.code {
        0 | 104 | 190 => ErrorCode::Unauthorized,
        3 | 10 | 200..=299 => ErrorCode::Forbidden,
        100 | 105 | 131_008 | 131_009 => ErrorCode::BadRequest,
        4 | 80_007 | 80_008 | 130_429 | 131_056 => ErrorCode::RateLimited,
        368 | 130_497 | 131_031 | 131_048 => ErrorCode::AccountRestricted,
        133_000 => ErrorCode::DeregistrationIncomplete,
        133_005 => ErrorCode::PinMismatch,
        133_006 => ErrorCode::ReverifyRequired,
        133_008 | 133_009 | 136_024 => ErrorCode::TooManyAttempts,
        133_010 => ErrorCode::NotRegistered,
        133_015 => ErrorCode::RegisterWait,
        133_016 => ErrorCode::RegisterRateLimited,
        // Meta says to key on code plus details; an expired code is reported in the details.
        136_025 if details_text.to_ascii_lowercase().contains("expired") => {
            ErrorCode::VerificationCodeExpired
        }
        136_025 => ErrorCode::VerificationCodeInvalid,
        1 | 2 | 131_000 | 131_016 | 131_057 | 133_004 => ErrorCode::ServerError,
        _ => ErrorCode::GraphError,
    };
    let mut err = base(code, message_for(code, operation), operation, response)
        .with("upstream_code", body.code)
        .with("retryable", retryable(code, operation, body.is_transient));
    if let Some(sub) = body.error_subcode {
        err = err.with("upstream_subcode", sub);
    }
    if let Some(kind) = body.kind {
        err = err.with("upstream_type", kind);
    }
    if let Some(message) = body.message {
        err = err.with("upstream_message", redact_upstream(&message));
    }
    if !details_text.is_empty() {
        err = err.with("upstream_details", redact_upstream(&details_text));
    }
    if let Some(trace) = body.fbtrace_id {
        err = err.with("fbtrace_id", trace);
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_credentials_are_redacted() {
        assert_eq!(
            redact_upstream("key sk_live_abc, token EAAGm0PX4ZCpsBAKZC2ZBw; Bearer eyJh.eyJz.c2ln"),
            "key <redacted>, token <redacted>; Bearer <redacted>"
        );
        // Ordinary words, short EAA words and ids stay readable.
        assert_eq!(
            redact_upstream("EAAX sk_ unknown skill. Number 665f1c2ab9e7d1a0b2c3d4e5 not found."),
            "EAAX sk_ unknown skill. Number 665f1c2ab9e7d1a0b2c3d4e5 not found."
        );
        assert_eq!(
            redact_upstream("opaque 4f9a0c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f"),
            "opaque <redacted>"
        );
    }

    #[test]
    fn digit_runs_are_masked() {
        assert_eq!(
            mask_digits("(#133005) Two step PIN 123456 for +44 7400 123456"),
            "(##) Two step PIN # for +44 # #"
        );
        assert_eq!(mask_digits("tier 250, code 12"), "tier 250, code 12");
    }

    #[test]
    fn never_retry_register_even_when_transient() {
        let r = HttpResponse::new(
            503,
            r#"{"error":{"code":133004,"is_transient":true,"message":"down"}}"#,
        );
        let e = graph("register", &r);
        assert_eq!(
            (e.code(), e.details()["retryable"].as_bool()),
            (ErrorCode::ServerError, Some(false))
        );
        let e = graph("get_phone_number", &r);
        assert_eq!(e.details()["retryable"].as_bool(), Some(true));
    }

    #[test]
    fn html_error_pages_do_not_invent_upstream_codes() {
        let e = graph(
            "get_phone_number",
            &HttpResponse::new(502, "<html>Bad gateway</html>"),
        );
        assert_eq!(e.code(), ErrorCode::ServerError);
        assert!(e.details().get("upstream_code").is_none());
    }
}
