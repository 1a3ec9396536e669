//! The one error vocabulary: every failure has a stable snake_case [`ErrorCode`], a readable
//! English message and structured `details` a UI can use to build its own message.
//!
//! Codes are identical in Rust, Python, JavaScript and the shared test vectors. Messages and
//! details never contain PII or secrets: they describe what is wrong, not the input itself.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

mod code;

pub use code::{ErrorCode, ErrorKind};

/// Structured data about an error, e.g. `{"region": "GB"}`. Keys are snake_case.
pub type Details = Map<String, Value>;

/// A wanumbers error: a stable [`ErrorCode`], an English message that says what to fix, and
/// structured [`Details`].
///
/// ```
/// let err = wanumbers::phone::normalize("0400 123 456", Some("GB")).unwrap_err();
/// assert_eq!(err.code().as_str(), "phone_invalid_for_region");
/// assert_eq!(err.details()["region"], "GB");
/// assert_eq!(err.message(), "this is not a valid number in United Kingdom (GB)");
/// ```
///
/// Its parts are boxed: the error side of a `Result<T, Error>` is one pointer, so every `?`
/// moves a pointer, not the parts (in the browser builds, less code at every error's way out).
#[derive(Clone, PartialEq)]
pub struct Error(Box<ErrorInfo>);

/// An error as data: a stable `code`, an English `message` that says what to fix, and
/// structured `details`.
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub(crate) struct ErrorInfo {
    code: ErrorCode,
    message: String,
    details: Details,
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Detail keys that carry text written by the upstream server (its message, its structured
/// details such as address suggestions, an excerpt of an unreadable body). They are kept for
/// the caller, with credentials and digit runs masked, but may still hold personal data the
/// server echoed, so they are marked: `Debug` shows them as `<redacted>`, the JS binding makes
/// them non-enumerable (absent from `util.inspect` and `JSON.stringify`), and no message
/// ever quotes them.
pub const SENSITIVE_DETAILS: &[&str] = &["upstream_message", "upstream_details", "excerpt"];

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Shown<'a>(&'a Details);
        impl fmt::Debug for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (key, value) in self.0 {
                    if SENSITIVE_DETAILS.contains(&key.as_str()) {
                        map.entry(key, &"<redacted>");
                    } else {
                        map.entry(key, value);
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("Error")
            .field("code", &self.0.code)
            .field("message", &self.0.message)
            .field("details", &Shown(&self.0.details))
            .finish()
    }
}

impl Error {
    /// Builds an error with empty details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(Box::new(ErrorInfo {
            code,
            message: message.into(),
            details: Details::new(),
        }))
    }

    /// Adds one detail. Values must never be PII or secrets.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.details.insert(key.to_owned(), value.into());
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The family of the error (decides the exception class in the bindings).
    pub fn kind(&self) -> ErrorKind {
        self.0.code.kind()
    }

    /// A readable English message that says what is wrong and how to fix it.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Structured details, e.g. `{"region": "GB"}`.
    pub fn details(&self) -> &Details {
        &self.0.details
    }

    /// Whether repeating the same request may succeed: true for throttling and server
    /// errors of operations that are safe to repeat; never for register, deregister or
    /// request-code (each attempt counts toward Meta's limits) nor for input errors.
    pub fn is_retryable(&self) -> bool {
        self.0
            .details
            .get("retryable")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The HTTP status of an `api` error.
    pub fn status(&self) -> Option<u16> {
        self.0
            .details
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
    }

    /// The upstream's own code of an `api` error: Zernio's string (`PURCHASE_VELOCITY`) or
    /// Graph's number (`133016`), as text.
    pub fn upstream_code(&self) -> Option<String> {
        match self.0.details.get("upstream_code")? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// Seconds to wait before trying again, when the API said (`Retry-After`).
    pub fn retry_after(&self) -> Option<u64> {
        self.0
            .details
            .get("retry_after_seconds")
            .and_then(Value::as_u64)
    }

    /// The refused transition of a `status_invalid_transition` error: (from status, event).
    pub fn transition(&self) -> Option<(&str, &str)> {
        Some((
            self.0.details.get("from")?.as_str()?,
            self.0.details.get("event")?.as_str()?,
        ))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.message)
    }
}

impl std::error::Error for Error {}

/// `Result` with the wanumbers [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads a JSON document into a model, mapping serde's error to `json_invalid`. The error keeps
/// the failing field's path and the reason but never the document's content.
///
/// Every typed decode in the crate goes text → [`Value`] → model, so each model's
/// `Deserialize` is compiled once (for `Value`), whatever the source: the browser build is
/// mostly serde code, and this keeps it to one copy per type.
pub(crate) fn from_json<T: crate::Decode>(json: &str, what: &str) -> Result<T> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        if is_too_deep(&e, json) {
            return crate::limits::too_deep().with("path", ".");
        }
        let reason = json_reason(&e);
        Error::new(
            ErrorCode::JsonInvalid,
            format!("could not read {what}: {reason}"),
        )
        .with("path", ".")
    })?;
    decode(value, what)
}

/// The `json_invalid` error for a document that is not JSON at all, as [`Catalog::from_json`]
/// and the other readers report it: for hosts that parse JSON themselves (a browser's
/// `JSON.parse`) and must fail the same way.
///
/// [`Catalog::from_json`]: crate::Catalog::from_json
pub fn not_json(what: &str) -> Error {
    Error::new(
        ErrorCode::JsonInvalid,
        format!("could not read {what}: not valid JSON"),
    )
    .with("path", ".")
}

/// A model from an already-parsed value, the failing field's path kept on error.
pub(crate) fn decode<T: crate::Decode>(mut value: Value, what: &str) -> Result<T> {
    crate::limits::check_depth_in_place(&mut value)?;
    T::decode(value).map_err(|e| decode_error(&e, what))
}

/// Out of line: compiled once, not into every model's [`decode`].
#[inline(never)]
pub(crate) fn decode_error(e: &crate::json::PathError, what: &str) -> Error {
    let path = e.path();
    let reason = "a value has the wrong type or format, or a required field is missing";
    let message = if path == "." {
        format!("could not read {what}: {reason}")
    } else {
        format!("could not read {what} at {path}: {reason}")
    };
    Error::new(ErrorCode::JsonInvalid, message).with("path", path)
}

/// Decodes an already-parsed JSON value (e.g. a Python dict or a JS object converted by a
/// binding) into a model: any of this crate's models (they derive [`Decode`](crate::Decode)).
///
/// # Errors
/// `json_invalid` with the failing field's `path` (e.g. `[3].monthlyCents`) and the reason;
/// never the value itself, which may be PII.
pub fn from_value<T: crate::Decode>(value: Value) -> Result<T> {
    decode(value, "the input")
}

/// Whether serde_json's error on `text` is to be reported as `input_too_deep`: it refuses
/// documents nested deeper than 127 levels (its limit of 128 counts down and fails at zero;
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) is the same 127) with a syntax error of no category
/// of its own. Told from the text, not from the error's message (that would tie this to
/// serde_json's wording, and its `Display` cost the web build 0.9 KB brotli): a text that
/// nests past the limit anywhere is too deep, also where serde_json first met another error.
pub(crate) fn is_too_deep(e: &serde_json::Error, text: &str) -> bool {
    e.is_syntax() && crate::limits::nests_past_limit(text)
}

/// serde_json's messages can quote input (`invalid value: string "..."`); keep only the category.
fn json_reason(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "not valid JSON",
        Category::Data => "a value has the wrong type or format, or a required field is missing",
        Category::Eof => "the document ends too early",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_do_not_quote_the_document() {
        let err = from_json::<Vec<u32>>(r#"["secret-value"]"#, "a list").unwrap_err();
        assert_eq!(err.code(), ErrorCode::JsonInvalid);
        assert!(!err.message().contains("secret"), "{}", err.message());
        assert!(!format!("{err:?}").contains("secret"));
    }
}
