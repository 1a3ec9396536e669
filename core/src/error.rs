//! The one error vocabulary: every failure has a stable snake_case [`ErrorCode`], a readable
//! English message and structured `details` a UI can use to build its own message.
//!
//! Codes are identical in Rust, Python, JavaScript and the shared test vectors. Messages and
//! details never contain PII or secrets: they describe what is wrong, not the input itself.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

/// Structured data about an error, e.g. `{"region": "GB"}`. Keys are snake_case.
pub type Details = Map<String, Value>;

/// The family an error belongs to. Bindings map each kind to one exception class
/// (`PhoneError`, `TransitionError`, ...) with an exhaustive `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A phone number could not be read or is not a valid number.
    Phone,
    /// An argument is malformed or out of range (country codes, dates, amounts, periods).
    Input,
    /// A number-status transition that the lifecycle does not allow.
    Transition,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] =
        &[ErrorKind::Phone, ErrorKind::Input, ErrorKind::Transition];

    /// The snake_case name of the kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Phone => "phone",
            ErrorKind::Input => "input",
            ErrorKind::Transition => "transition",
        }
    }
}

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal, $kind:ident;)+) => {
        /// A stable, machine-readable error code. Match on this, never on message text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code, in declaration order. Bindings and type stubs are checked against it.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The snake_case code, e.g. `"phone_too_short"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)+ }
            }

            /// The family of the code.
            pub const fn kind(self) -> ErrorKind {
                match self { $(ErrorCode::$variant => ErrorKind::$kind,)+ }
            }

            /// Looks a code up by its snake_case name.
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                match name { $($code => Some(ErrorCode::$variant),)+ _ => None }
            }
        }
    };
}

error_codes! {
    /// The phone number is empty or only whitespace.
    PhoneEmpty => "phone_empty", Phone;
    /// The input does not look like a phone number at all.
    PhoneNotANumber => "phone_not_a_number", Phone;
    /// No known country calling code: missing `+` and no default region, or an unassigned code.
    PhoneInvalidCountryCode => "phone_invalid_country_code", Phone;
    /// Too few digits for the country.
    PhoneTooShort => "phone_too_short", Phone;
    /// Too many digits for the country.
    PhoneTooLong => "phone_too_long", Phone;
    /// The number is not a valid number of the region it was read for or must belong to.
    PhoneInvalidForRegion => "phone_invalid_for_region", Phone;
    /// The number has a plausible length but matches no number range in use.
    PhoneInvalid => "phone_invalid", Phone;
    /// Not two ASCII letters.
    CountryInvalid => "country_invalid", Input;
    /// Two letters, but not uppercase (`gb` instead of `GB`).
    CountryNotUppercase => "country_not_uppercase", Input;
    /// Two uppercase letters that are not an assigned ISO 3166-1 alpha-2 code.
    CountryUnknown => "country_unknown", Input;
    /// A valid country where numbers are not on sale (not in the catalog).
    CountryNotOnSale => "country_not_on_sale", Input;
    /// A timestamp that is not RFC 3339 (`2026-03-01T12:00:00Z`).
    TimeInvalid => "time_invalid", Input;
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    DateInvalid => "date_invalid", Input;
    /// A JSON document that could not be read as the expected model.
    JsonInvalid => "json_invalid", Input;
    /// `days_in_month` outside 28..=31.
    PricingInvalidDaysInMonth => "pricing_invalid_days_in_month", Input;
    /// More active days than the month has.
    PricingActiveDaysExceedMonth => "pricing_active_days_exceed_month", Input;
    /// A billing period whose end is not after its start, or that is too long.
    PricingInvalidPeriod => "pricing_invalid_period", Input;
    /// A quantity below 1.
    PricingInvalidQuantity => "pricing_invalid_quantity", Input;
    /// The catalog has no monthly price for the country.
    PricingPriceUnknown => "pricing_price_unknown", Input;
    /// An amount would exceed the largest representable number of cents.
    PricingOverflow => "pricing_overflow", Input;
    /// A status name that is not one of the known statuses (strict parsing only).
    StatusUnknown => "status_unknown", Input;
    /// An event name that is not one of the lifecycle events.
    StatusUnknownEvent => "status_unknown_event", Input;
    /// The event cannot happen to a number in its current status.
    StatusInvalidTransition => "status_invalid_transition", Transition;
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A wanumbers error: a stable [`ErrorCode`], an English message that says what to fix, and
/// structured [`Details`].
///
/// ```
/// let err = wanumbers::phone::normalize("0400 123 456", Some("GB")).unwrap_err();
/// assert_eq!(err.code().as_str(), "phone_invalid_for_region");
/// assert_eq!(err.details()["region"], "GB");
/// assert_eq!(err.message(), "this is not a valid number in United Kingdom (GB)");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Error {
    code: ErrorCode,
    message: String,
    details: Details,
}

impl Error {
    /// Builds an error with empty details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: Details::new(),
        }
    }

    /// Adds one detail. Values must never be PII or secrets.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The family of the error (decides the exception class in the bindings).
    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }

    /// A readable English message that says what is wrong and how to fix it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Structured details, e.g. `{"region": "GB"}`.
    pub fn details(&self) -> &Details {
        &self.details
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// `Result` with the wanumbers [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads a JSON document into a model, mapping serde's error to `json_invalid`. The error keeps
/// the failing field's path and the reason but never the document's content.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| json_error(&e, what))
}

/// Decodes an already-parsed JSON value (e.g. a Python dict or a JS object converted by a
/// binding) into a model.
///
/// # Errors
/// `json_invalid` with the failing field's `path` (e.g. `[3].monthlyCents`) and the reason;
/// never the value itself, which may be PII.
pub fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| json_error(&e, "the input"))
}

fn json_error(e: &serde_path_to_error::Error<serde_json::Error>, what: &str) -> Error {
    let path = e.path().to_string();
    let reason = json_reason(e.inner());
    let message = if path == "." {
        format!("could not read {what}: {reason}")
    } else {
        format!("could not read {what} at {path}: {reason}")
    };
    Error::new(ErrorCode::JsonInvalid, message).with("path", path)
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
    fn codes_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert_eq!(ErrorCode::from_name(name), Some(*code));
        }
    }

    #[test]
    fn json_errors_do_not_quote_the_document() {
        let err = from_json::<Vec<u32>>(r#"["secret-value"]"#, "a list").unwrap_err();
        assert_eq!(err.code(), ErrorCode::JsonInvalid);
        assert!(!err.message().contains("secret"), "{}", err.message());
        assert!(!format!("{err:?}").contains("secret"));
    }
}
