//! The error vocabulary itself: every [`ErrorCode`], its snake_case name and its
//! [`ErrorKind`], the family the bindings raise one exception class for.

use std::fmt;

use serde::Serialize;

/// The family an error belongs to. Bindings map each kind to one exception class
/// (`PhoneError`, `TransitionError`, ...) with an exhaustive `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A phone number could not be read or is not a valid number.
    Phone,
    /// An argument is malformed or out of range (country codes, dates, amounts, periods).
    Input,
    /// A number-status transition that the lifecycle does not allow.
    Transition,
    /// A KYC submission or document that the API would refuse.
    Kyc,
    /// The API answered with an error, or with a body that cannot be read.
    Api,
    /// A webhook whose signature is missing, malformed or wrong.
    Signature,
    /// The host's transport could not deliver a request.
    Transport,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Phone,
        ErrorKind::Input,
        ErrorKind::Transition,
        ErrorKind::Kyc,
        ErrorKind::Api,
        ErrorKind::Signature,
        ErrorKind::Transport,
    ];

    /// The snake_case name of the kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Phone => "phone",
            ErrorKind::Input => "input",
            ErrorKind::Transition => "transition",
            ErrorKind::Kyc => "kyc",
            ErrorKind::Api => "api",
            ErrorKind::Signature => "signature",
            ErrorKind::Transport => "transport",
        }
    }

    /// The name of the error class the bindings raise for this kind, the same in Python and
    /// JavaScript (`PhoneError`, `KycValidationError`, ...).
    pub const fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Phone => "PhoneError",
            ErrorKind::Input => "InputError",
            ErrorKind::Transition => "TransitionError",
            ErrorKind::Kyc => "KycValidationError",
            ErrorKind::Api => "ApiError",
            ErrorKind::Signature => "SignatureError",
            ErrorKind::Transport => "TransportError",
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

            /// Looks a code up by its snake_case name (a walk over [`Self::ALL`]: a `match`
            /// on ~200 strings compiled to 2.4 KB of WebAssembly, and this runs only on errors).
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                Self::ALL.iter().copied().find(|code| code.as_str() == name)
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
    /// A value nested deeper than [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels (lists in
    /// lists, objects in objects).
    InputTooDeep => "input_too_deep", Input;
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
    /// A required answer or part is missing.
    KycMissing => "kyc_missing", Kyc;
    /// An answer is in the wrong place for its kind (e.g. a file requirement in `values`).
    KycWrongPlace => "kyc_wrong_place", Kyc;
    /// An answer for a requirement the form does not have.
    KycUnknownRequirement => "kyc_unknown_requirement", Kyc;
    /// The same requirement is answered twice.
    KycDuplicate => "kyc_duplicate", Kyc;
    /// An `action` requirement needs the end user's first and last name.
    KycEndUserNameMissing => "kyc_end_user_name_missing", Kyc;
    /// A text answer is empty once trimmed.
    KycTextEmpty => "kyc_text_empty", Kyc;
    /// A text answer is longer than allowed (in characters).
    KycTextTooLong => "kyc_text_too_long", Kyc;
    /// Not a real calendar date written `YYYY-MM-DD`.
    KycDateInvalid => "kyc_date_invalid", Kyc;
    /// A document issue date after today.
    KycDateInFuture => "kyc_date_in_future", Kyc;
    /// A required address part (street, locality, postal code, area) is missing.
    KycAddressPartMissing => "kyc_address_part_missing", Kyc;
    /// The address is in another country than the form (or the field's `localTo`) needs.
    KycAddressCountryMismatch => "kyc_address_country_mismatch", Kyc;
    /// The postal code does not match the country's format.
    KycPostalCodeInvalid => "kyc_postal_code_invalid", Kyc;
    /// The address is outside the areas the numbers are tied to (`geo` constraint).
    KycAddressAreaNotAllowed => "kyc_address_area_not_allowed", Kyc;
    /// A document has both `base64` and `documentId`.
    KycDocumentSourceConflict => "kyc_document_source_conflict", Kyc;
    /// A document's base64 is not what the API accepts.
    KycDocumentBase64Invalid => "kyc_document_base64_invalid", Kyc;
    /// A document is larger than the API accepts.
    KycDocumentTooLarge => "kyc_document_too_large", Kyc;
    /// A document has no content.
    KycDocumentEmpty => "kyc_document_empty", Kyc;
    /// A document is not a PDF, JPEG, PNG or WEBP.
    KycDocumentTypeUnsupported => "kyc_document_type_unsupported", Kyc;
    /// A document's file name extension does not match its content.
    KycDocumentExtensionMismatch => "kyc_document_extension_mismatch", Kyc;
    /// The request body is likely above the API's body limit (a warning).
    KycRequestTooLarge => "kyc_request_too_large", Kyc;
    /// `quantity` outside 1..=5 (or above 1 with a pre-order or an exact number).
    KycQuantityOutOfRange => "kyc_quantity_out_of_range", Kyc;
    /// `areaCode` is not 1 to 4 digits.
    KycAreaCodeInvalid => "kyc_area_code_invalid", Kyc;
    /// `phoneNumber` is valid but not written in E.164.
    KycPhoneNotE164 => "kyc_phone_not_e164", Kyc;
    /// The country provisions instantly and needs no KYC.
    KycCountryNotRegulated => "kyc_country_not_regulated", Kyc;
    /// The submission's country is not the form's.
    KycCountryMismatch => "kyc_country_mismatch", Kyc;
    /// No numbers to order and no pre-order possible.
    KycNotAvailable => "kyc_not_available", Kyc;
    /// Out of stock: the order needs `preOrder: true`.
    KycPreOrderRequired => "kyc_pre_order_required", Kyc;
    /// The area code is sold out or not offered.
    KycAreaSoldOut => "kyc_area_sold_out", Kyc;
    /// Reuse requested but no approved verification can be reused.
    KycReuseUnavailable => "kyc_reuse_unavailable", Kyc;
    /// `reuseOptionId` is not one of the form's options.
    KycReuseOptionUnknown => "kyc_reuse_option_unknown", Kyc;
    /// A declined value is sent back unchanged (a warning).
    KycRemediationUnchanged => "kyc_remediation_unchanged", Kyc;
    /// An ID side is not a JPEG, PNG or WEBP image.
    KycImageUnsupported => "kyc_image_unsupported", Kyc;
    /// An ID side cannot be read as an image.
    KycImageInvalid => "kyc_image_invalid", Kyc;
    /// An ID side's dimensions exceed [`MAX_IMAGE_SIDE`](crate::limits::MAX_IMAGE_SIDE) or
    /// [`MAX_IMAGE_PIXELS`](crate::limits::MAX_IMAGE_PIXELS): refused before decoding.
    KycImageTooLarge => "kyc_image_too_large", Kyc;
    /// A required argument of an operation is missing or empty.
    ArgumentMissing => "argument_missing", Input;
    /// An argument is longer (or has more items) than the API allows.
    ArgumentTooLong => "argument_too_long", Input;
    /// An argument has a value or format the API does not accept.
    ArgumentInvalid => "argument_invalid", Input;
    /// An argument has the wrong type (a number where text is expected, ...): raised where a
    /// binding reads host values (details `argument`, `expected`).
    ArgumentType => "argument_type", Input;
    /// An argument the operation does not take (a typo such as `purchaseIntentID`): refused,
    /// never dropped (details `argument` when it looks like a name, `did_you_mean`).
    ArgumentUnknown => "argument_unknown", Input;
    /// An operation name the core does not know (bindings' generic entry points).
    OperationUnknown => "operation_unknown", Input;
    /// 401: the API key or access token is missing, wrong or expired.
    Unauthorized => "unauthorized", Api;
    /// 403: the key may not do this (scope, plan, resource group).
    Forbidden => "forbidden", Api;
    /// 404: no such resource.
    NotFound => "not_found", Api;
    /// 400: the API refused the request's content.
    BadRequest => "bad_request", Api;
    /// 402: a payment is needed first.
    PaymentRequired => "payment_required", Api;
    /// 409 without a more specific code.
    Conflict => "conflict", Api;
    /// 422 without a more specific code.
    Unprocessable => "unprocessable", Api;
    /// 429 or a Graph throttling code; `details.reset_at` when known.
    RateLimited => "rate_limited", Api;
    /// A purchase within 10 minutes of the previous one without `allowMultiple`.
    PurchaseVelocity => "purchase_velocity", Api;
    /// No number with the requested area code.
    AreaCodeUnavailable => "area_code_unavailable", Api;
    /// The exact number asked for is gone.
    PhoneNumberUnavailable => "phone_number_unavailable", Api;
    /// The country has no stock.
    CountryOutOfStock => "country_out_of_stock", Api;
    /// No WhatsApp-eligible number could be found.
    NoWhatsappEligibleNumber => "no_whatsapp_eligible_number", Api;
    /// The account needs usage-based billing first.
    UsageBillingRequired => "usage_billing_required", Api;
    /// The carrier is unreachable; try later.
    CarrierUnavailable => "carrier_unavailable", Api;
    /// The area is empty but can be pre-ordered: resubmit with `preOrder: true`.
    PreOrderAvailable => "pre_order_available", Api;
    /// Meta refuses this live number for WhatsApp.
    NumberNotWhatsappEligible => "number_not_whatsapp_eligible", Api;
    /// The resource is in a state that forbids this (e.g. attached to a SIP trunk).
    InvalidResourceState => "invalid_resource_state", Api;
    /// Graph: the account or number is restricted or blocked by policy.
    AccountRestricted => "account_restricted", Api;
    /// Graph 133005: the two-step verification PIN does not match.
    PinMismatch => "pin_mismatch", Api;
    /// Graph 133006: verify the number again (request and verify a code) before registering.
    ReverifyRequired => "reverify_required", Api;
    /// Graph 133008/133009/136024: too many attempts; wait (`details` says how long when known).
    TooManyAttempts => "too_many_attempts", Api;
    /// Graph 133016: more than 10 register/deregister calls in 72 hours; blocked for 72 hours.
    RegisterRateLimited => "register_rate_limited", Api;
    /// Graph 136025: the verification code is wrong.
    VerificationCodeInvalid => "verification_code_invalid", Api;
    /// Graph 136025 whose details say the code expired: request a new code.
    VerificationCodeExpired => "verification_code_expired", Api;
    /// Graph 133010: the number is not registered on the Cloud API.
    NotRegistered => "not_registered", Api;
    /// Graph 133000: a previous deregistration is incomplete; deregister again.
    DeregistrationIncomplete => "deregistration_incomplete", Api;
    /// Graph 133015: the number was recently deleted; wait a few minutes before registering.
    RegisterWait => "register_wait", Api;
    /// A Graph error without a more specific code (see `details.upstream_code`).
    GraphError => "graph_error", Api;
    /// 5xx: the API failed; usually worth retrying later.
    ServerError => "server_error", Api;
    /// The response body cannot be read as the documented model (status and a redacted excerpt kept).
    BadResponse => "bad_response", Api;
    /// The webhook secret, app secret or verify token is empty or only whitespace (an unset
    /// environment variable): nothing can be verified with it, so nothing is accepted.
    SignatureSecretMissing => "signature_secret_missing", Signature;
    /// A webhook body larger than [`MAX_WEBHOOK_BODY_BYTES`](crate::limits::MAX_WEBHOOK_BODY_BYTES):
    /// refused before any signature work.
    WebhookBodyTooLarge => "webhook_body_too_large", Signature;
    /// A webhook arrived without the signature header although a secret is configured.
    SignatureMissing => "signature_missing", Signature;
    /// The signature header is not in the expected form.
    SignatureMalformed => "signature_malformed", Signature;
    /// The signature does not match the body: not sent by the platform, or the body changed.
    SignatureMismatch => "signature_mismatch", Signature;
    /// The webhook subscription handshake's mode or verify token is wrong.
    ChallengeMismatch => "challenge_mismatch", Signature;
    /// The host's transport failed (network, timeout, TLS).
    TransportFailed => "transport_failed", Transport;
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// In tests, the TypeScript union of every code (ts-rs), for exhaustive handling.
#[cfg(test)]
impl ts_rs::TS for ErrorCode {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "ErrorCode".to_owned()
    }

    fn inline(_: &ts_rs::Config) -> String {
        let codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.as_str()))
            .collect();
        codes.join(" | ")
    }

    fn decl(cfg: &ts_rs::Config) -> String {
        format!("type ErrorCode = {};", Self::inline(cfg))
    }

    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }

    fn output_path() -> Option<std::path::PathBuf> {
        Some(std::path::PathBuf::from("ErrorCode.ts"))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
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
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
            assert_eq!(ErrorCode::from_name(name), Some(*code));
        }
    }
}
