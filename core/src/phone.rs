//! Phone numbers: parse with an optional default region, validate, classify, format, and check
//! many at once. Numbers leave this module as E.164 (`+447400123456`).
//!
//! The engine is `rlibphonenumber`, a port of Google's libphonenumber; none of its types appear
//! in this API. Every failure has one of seven codes that say what is wrong:
//! `phone_empty`, `phone_not_a_number`, `phone_invalid_country_code`, `phone_too_short`,
//! `phone_too_long`, `phone_invalid_for_region`, `phone_invalid`.
//!
//! ```
//! use wanumbers::phone::{self, NumberType, PhoneFormat};
//! let n = phone::parse("020 7183 8750", Some("GB")).unwrap();
//! assert_eq!(n.e164(), "+442071838750");
//! assert_eq!(n.format(PhoneFormat::International), "+44 20 7183 8750");
//! assert_eq!(n.region(), Some("GB"));
//! assert_eq!(n.number_type(), NumberType::FixedLine);
//! assert_eq!(phone::normalize("+1 (202) 555-01", None).unwrap_err().code().as_str(), "phone_too_short");
//! ```

use std::fmt;
use std::hash::{Hash, Hasher};

use rlibphonenumber::{
    NumberLengthType, PHONE_NUMBER_UTIL as ENGINE, ParseError, PhoneNumberFormat, PhoneNumberType,
    ValidationError, enums::Region,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::country::CountryCode;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::MAX_PHONE_INPUT_BYTES;

/// What a number is used for, as far as its digits tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// Landline.
    FixedLine,
    /// Mobile.
    Mobile,
    /// Either; the digits do not tell (e.g. the US and Canada).
    FixedLineOrMobile,
    /// Free to call.
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Cost shared between caller and called.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// Personal number routed to another line.
    PersonalNumber,
    /// Pager.
    Pager,
    /// Universal access number.
    Uan,
    /// Voicemail access.
    Voicemail,
    /// Matches no known range.
    Unknown,
}

impl NumberType {
    fn from_engine(t: PhoneNumberType) -> NumberType {
        match t {
            PhoneNumberType::FixedLine => NumberType::FixedLine,
            PhoneNumberType::Mobile => NumberType::Mobile,
            PhoneNumberType::FixedLineOrMobile => NumberType::FixedLineOrMobile,
            PhoneNumberType::TollFree => NumberType::TollFree,
            PhoneNumberType::PremiumRate => NumberType::PremiumRate,
            PhoneNumberType::SharedCost => NumberType::SharedCost,
            PhoneNumberType::VoIP => NumberType::Voip,
            PhoneNumberType::PersonalNumber => NumberType::PersonalNumber,
            PhoneNumberType::Pager => NumberType::Pager,
            PhoneNumberType::UAN => NumberType::Uan,
            PhoneNumberType::VoiceMail => NumberType::Voicemail,
            PhoneNumberType::Unknown => NumberType::Unknown,
        }
    }

    /// The snake_case name, e.g. `"fixed_line"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NumberType::FixedLine => "fixed_line",
            NumberType::Mobile => "mobile",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::Voip => "voip",
            NumberType::PersonalNumber => "personal_number",
            NumberType::Pager => "pager",
            NumberType::Uan => "uan",
            NumberType::Voicemail => "voicemail",
            NumberType::Unknown => "unknown",
        }
    }
}

/// How to write a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PhoneFormat {
    /// `+442071838750`
    E164,
    /// `+44 20 7183 8750`
    International,
    /// `020 7183 8750`
    National,
    /// `tel:+44-20-7183-8750`
    Rfc3966,
}

impl PhoneFormat {
    /// Reads a format name (`e164`, `international`, `national`, `rfc3966`).
    ///
    /// # Errors
    /// `json_invalid` naming the accepted values.
    pub fn parse(name: &str) -> Result<PhoneFormat> {
        match name {
            "e164" => Ok(PhoneFormat::E164),
            "international" => Ok(PhoneFormat::International),
            "national" => Ok(PhoneFormat::National),
            "rfc3966" => Ok(PhoneFormat::Rfc3966),
            _ => Err(Error::new(
                ErrorCode::JsonInvalid,
                "format must be e164, international, national or rfc3966",
            )
            .with("argument", "format")),
        }
    }
}

/// A valid phone number. Only [`parse`] and [`parse_in_region`] make one, so holding a
/// `PhoneNumber` means it passed validation. It serializes as its E.164 string.
#[derive(Clone)]
pub struct PhoneNumber {
    inner: rlibphonenumber::PhoneNumber,
    e164: String,
    region: Option<&'static str>,
    number_type: NumberType,
}

/// A number the engine judged valid, with what it worked out on the way (region and type), so
/// nothing is computed twice.
struct Valid {
    number: rlibphonenumber::PhoneNumber,
    region: Option<&'static str>,
    number_type: NumberType,
}

impl PhoneNumber {
    fn new(valid: Valid) -> PhoneNumber {
        let e164 = ENGINE
            .format(&valid.number, PhoneNumberFormat::E164)
            .into_owned();
        PhoneNumber {
            inner: valid.number,
            e164,
            region: valid.region,
            number_type: valid.number_type,
        }
    }

    /// The E.164 form, e.g. `+442071838750` (without any extension).
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The number written in `format`.
    pub fn format(&self, format: PhoneFormat) -> String {
        let engine_format = match format {
            PhoneFormat::E164 => return self.e164.clone(),
            PhoneFormat::International => PhoneNumberFormat::International,
            PhoneFormat::National => PhoneNumberFormat::National,
            PhoneFormat::Rfc3966 => PhoneNumberFormat::RFC3966,
        };
        ENGINE.format(&self.inner, engine_format).into_owned()
    }

    /// The country calling code, e.g. `44`.
    pub fn country_code(&self) -> u16 {
        u16::try_from(self.inner.country_code).unwrap_or(0)
    }

    /// The national significant number, e.g. `"2071838750"`.
    pub fn national_number(&self) -> String {
        self.inner.get_national_significant_number()
    }

    /// The extension, if one was given (`;ext=123`, `x123`, ...).
    pub fn extension(&self) -> Option<&str> {
        self.inner.extension.as_deref().filter(|e| !e.is_empty())
    }

    /// The region the number belongs to, e.g. `"GB"`; `None` for non-geographic numbers
    /// such as `+800` freephone.
    pub fn region(&self) -> Option<&'static str> {
        self.region
    }

    /// Mobile, fixed line, toll free, ...
    pub fn number_type(&self) -> NumberType {
        self.number_type
    }

    /// Whether the number is valid in `region` (`"GB"`), e.g. for "must be a local number".
    pub fn is_valid_for_region(&self, region: &str) -> bool {
        parse_region(region).is_ok_and(|r| belongs_to(&self.inner, r))
    }
}

impl PartialEq for PhoneNumber {
    fn eq(&self, other: &Self) -> bool {
        self.e164 == other.e164 && self.extension() == other.extension()
    }
}

impl Eq for PhoneNumber {}

impl Hash for PhoneNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.e164.hash(state);
        self.extension().hash(state);
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({})", self.e164)
    }
}

impl std::str::FromStr for PhoneNumber {
    type Err = Error;
    /// Parses an international number (with `+`); use [`parse`] for a default region.
    fn from_str(s: &str) -> Result<Self> {
        parse(s, None)
    }
}

crate::macros::ts_as_string!(PhoneNumber);

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse(&text, None).map_err(serde::de::Error::custom)
    }
}

/// The outcome of checking one input: a value, never an error, so a batch or a form can show
/// every result. Serialized as `{valid, e164, region, type, countryCode, error}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PhoneCheck {
    /// Whether the input is a valid number.
    pub valid: bool,
    /// The E.164 form when valid.
    pub e164: Option<String>,
    /// The number's region (`"GB"`) when valid and geographic.
    pub region: Option<&'static str>,
    /// The number type when valid.
    #[serde(rename = "type")]
    pub number_type: Option<NumberType>,
    /// The country calling code when valid.
    pub country_code: Option<u16>,
    /// Why the input is not valid.
    pub error: Option<Error>,
}

impl PhoneCheck {
    fn from_result(result: Result<Valid>) -> PhoneCheck {
        match result {
            Ok(valid) => PhoneCheck {
                valid: true,
                e164: Some(
                    ENGINE
                        .format(&valid.number, PhoneNumberFormat::E164)
                        .into_owned(),
                ),
                region: valid.region,
                number_type: Some(valid.number_type),
                country_code: u16::try_from(valid.number.country_code).ok(),
                error: None,
            },
            Err(error) => PhoneCheck {
                valid: false,
                e164: None,
                region: None,
                number_type: None,
                country_code: None,
                error: Some(error),
            },
        }
    }
}

/// Parses and validates a number. `default_region` (`"GB"`) is used for numbers written
/// without `+` and a country code.
///
/// # Errors
/// One of the seven `phone_*` codes, or a `country_*` code when `default_region` is not a
/// region code (strict case, like [`CountryCode::parse`]).
pub fn parse(raw: &str, default_region: Option<&str>) -> Result<PhoneNumber> {
    let region = default_region.map(parse_region).transpose()?;
    validate(raw, region).map(PhoneNumber::new)
}

/// Parses a number that must belong to `region`, e.g. a KYC field that must be local.
///
/// # Errors
/// As [`parse`], plus `phone_invalid_for_region` (details `region`, `actual`) when the number
/// is valid but belongs elsewhere.
pub fn parse_in_region(raw: &str, region: &str) -> Result<PhoneNumber> {
    let expected = parse_region(region)?;
    let valid = validate(raw, Some(expected))?;
    if belongs_to(&valid.number, expected) {
        return Ok(PhoneNumber::new(valid));
    }
    let mut err = Error::new(
        ErrorCode::PhoneInvalidForRegion,
        format!("enter a number from {}", region_label(expected)),
    )
    .with("region", expected.as_region_str().as_str());
    if let Some(actual) = valid.region {
        err = err.with("actual", actual);
    }
    Err(err)
}

/// The E.164 form of a valid number.
///
/// # Errors
/// As [`parse`].
pub fn normalize(raw: &str, default_region: Option<&str>) -> Result<String> {
    parse(raw, default_region).map(|n| n.e164)
}

/// Whether `raw` is a valid number (an invalid `default_region` gives `false`).
pub fn is_valid(raw: &str, default_region: Option<&str>) -> bool {
    parse(raw, default_region).is_ok()
}

/// Checks one number and reports the outcome as a value.
///
/// # Errors
/// Only for a bad `default_region`; a bad number is reported inside the [`PhoneCheck`].
pub fn check(raw: &str, default_region: Option<&str>) -> Result<PhoneCheck> {
    let region = default_region.map(parse_region).transpose()?;
    Ok(PhoneCheck::from_result(validate(raw, region)))
}

/// Checks many numbers in one call (the bindings' bulk path): the region is read once and
/// every input gets a [`PhoneCheck`], in order.
///
/// # Errors
/// Only for a bad `default_region`.
pub fn check_many<S: AsRef<str>>(
    raws: &[S],
    default_region: Option<&str>,
) -> Result<Vec<PhoneCheck>> {
    let region = default_region.map(parse_region).transpose()?;
    let mut read: Vec<(usize, Result<rlibphonenumber::PhoneNumber>)> = raws
        .iter()
        .enumerate()
        .map(|(i, raw)| (i, read(raw.as_ref(), region)))
        .collect();
    // Judge the numbers grouped by calling code and digits, so one country's patterns stay in
    // the CPU caches: mixed-country batches then run nearly as fast as single-country ones.
    read.sort_by_key(|(_, r)| r.as_ref().ok().map(|n| (n.country_code, n.national_number)));
    let mut checks: Vec<(usize, PhoneCheck)> = read
        .into_iter()
        .map(|(i, r)| (i, PhoneCheck::from_result(r.and_then(|n| judge(n, region)))))
        .collect();
    checks.sort_unstable_by_key(|(i, _)| *i);
    Ok(checks.into_iter().map(|(_, check)| check).collect())
}

/// Regions the phone engine knows: every ISO code plus the few non-ISO ones libphonenumber
/// uses (AC Ascension, TA Tristan da Cunha, XK Kosovo).
fn parse_region(code: &str) -> Result<Region> {
    let iso = CountryCode::parse(code);
    match iso {
        Ok(country) => Region::from_code(country.as_str()).map_err(|_| region_error()),
        Err(err) if err.code() == ErrorCode::CountryUnknown => Region::from_code(code)
            .ok()
            .filter(|r| ENGINE.get_country_code_for_region(*r).is_some())
            .ok_or(err),
        Err(err) => Err(err),
    }
}

fn region_error() -> Error {
    Error::new(
        ErrorCode::CountryInvalid,
        "a region is two letters such as GB or US",
    )
}

fn region_str(region: Region) -> Option<&'static str> {
    if region == Region::World {
        return None;
    }
    let text = region.as_region_str();
    // Map back to the static table so callers get a `&'static str` without allocating.
    CountryCode::parse(text.as_str())
        .ok()
        .map(CountryCode::as_str)
        .or(match text.as_str() {
            "AC" => Some("AC"),
            "TA" => Some("TA"),
            "XK" => Some("XK"),
            _ => None,
        })
}

fn region_label(region: Region) -> String {
    let code = region.as_region_str();
    match CountryCode::parse(code.as_str()) {
        Ok(country) => format!("{} ({})", country.name(), country.as_str()),
        Err(_) => code.as_str().to_owned(),
    }
}

/// Whether a number is a valid number of `region`. The engine's `is_valid_number_for_region`
/// skips libphonenumber's first test, that the country calling code is the region's own, and
/// so calls `+44 7400 123456` German; asking it here first keeps foreign numbers out.
fn belongs_to(number: &rlibphonenumber::PhoneNumber, region: Region) -> bool {
    ENGINE.get_country_code_for_region(region) == Some(number.country_code)
        && ENGINE.is_valid_number_for_region(number, region)
}

fn country_code_of(number: &rlibphonenumber::PhoneNumber) -> u16 {
    u16::try_from(number.country_code).unwrap_or(0)
}

fn validate(raw: &str, region: Option<Region>) -> Result<Valid> {
    read(raw, region).and_then(|number| judge(number, region))
}

/// Step 1: read the digits (syntax only).
fn read(raw: &str, region: Option<Region>) -> Result<rlibphonenumber::PhoneNumber> {
    if raw.len() > MAX_PHONE_INPUT_BYTES {
        return Err(Error::new(
            ErrorCode::PhoneTooLong,
            format!("a phone number is at most {MAX_PHONE_INPUT_BYTES} characters of input"),
        )
        .with("reason", "input_too_long")
        .with("max_length", MAX_PHONE_INPUT_BYTES));
    }
    if raw.trim().is_empty() {
        return Err(Error::new(ErrorCode::PhoneEmpty, "enter a phone number"));
    }
    ENGINE
        .parse(engine_safe(raw), region)
        .map_err(|e| parse_error(&e, raw, region))
}

/// The input as the engine can take it. For RFC 3966 input, rlibphonenumber slices from after
/// `tel:` to `;phone-context=` without checking that `tel:` comes first, and panics when it does
/// not (found by the `phone` fuzz target); libphonenumber reads that part as empty. Moving
/// `tel:` to just before the phone-context gives the engine the same national number without
/// the slice (the engine looks at nothing else in the input).
fn engine_safe(raw: &str) -> std::borrow::Cow<'_, str> {
    const TEL: &str = "tel:";
    if let Some(context) = raw.find(";phone-context=")
        && let Some(tel) = raw.find(TEL)
        && tel + TEL.len() > context
        && let Some(rest) = raw.get(context..)
    {
        return std::borrow::Cow::Owned(format!("{TEL}{rest}"));
    }
    std::borrow::Cow::Borrowed(raw)
}

/// Step 2: judge the number against its country's ranges, or say why it fails.
fn judge(number: rlibphonenumber::PhoneNumber, region: Option<Region>) -> Result<Valid> {
    // The engine's `is_valid_number` is "a region is found and the type is not Unknown"; asking
    // for both directly gives validity, region and type without resolving the region 3 times.
    if let Some(found) = ENGINE.get_region_for_number(&number) {
        let number_type = ENGINE.get_number_type(&number);
        if number_type != PhoneNumberType::Unknown {
            let number_type = NumberType::from_engine(number_type);
            return Ok(Valid {
                region: region_str(found),
                number,
                number_type,
            });
        }
    }
    let cc = country_code_of(&number);
    let with_cc = |code, message: String| Error::new(code, message).with("country_code", cc);
    Err(match ENGINE.is_possible_number_with_reason(&number) {
        Err(ValidationError::TooShort) => with_cc(
            ErrorCode::PhoneTooShort,
            format!("the number has too few digits for country code +{cc}"),
        ),
        // Dialable only inside its area: the area code is missing.
        Ok(NumberLengthType::IsPossibleLocalOnly) => with_cc(
            ErrorCode::PhoneTooShort,
            format!("the number is too short for country code +{cc}: include the area code"),
        )
        .with("reason", "local_only"),
        Err(ValidationError::TooLong) => with_cc(
            ErrorCode::PhoneTooLong,
            format!("the number has too many digits for country code +{cc}"),
        ),
        Err(ValidationError::InvalidCountryCode) => unknown_country_code(),
        Err(ValidationError::InvalidLength) | Ok(NumberLengthType::IsPossible) => match region {
            // Read in the default region: say which region it is not valid in.
            Some(r) if ENGINE.get_country_code_for_region(r) == Some(number.country_code) => {
                Error::new(
                    ErrorCode::PhoneInvalidForRegion,
                    format!("this is not a valid number in {}", region_label(r)),
                )
                .with("region", r.as_region_str().as_str())
                .with("country_code", cc)
            }
            _ => with_cc(
                ErrorCode::PhoneInvalid,
                format!("no number range in use for country code +{cc} matches this number"),
            ),
        },
    })
}

fn unknown_country_code() -> Error {
    Error::new(
        ErrorCode::PhoneInvalidCountryCode,
        "the country calling code after + is not assigned; check the digits after +",
    )
    .with("reason", "unknown")
}

fn parse_error(error: &ParseError, raw: &str, region: Option<Region>) -> Error {
    match error {
        ParseError::InvalidCountryCode => {
            let international = raw.trim_start().starts_with(['+', '\u{FF0B}']);
            if international || region.is_some() {
                unknown_country_code()
            } else {
                Error::new(
                    ErrorCode::PhoneInvalidCountryCode,
                    "add the country code (for example +44) or choose the number's country",
                )
                .with("reason", "missing")
            }
        }
        ParseError::NotANumber(_) => Error::new(
            ErrorCode::PhoneNotANumber,
            "this does not look like a phone number: use digits, optionally starting with + and the country code",
        ),
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => {
            Error::new(ErrorCode::PhoneTooShort, "the number has too few digits")
        }
        ParseError::TooLongNsn => {
            Error::new(ErrorCode::PhoneTooLong, "the number has too many digits")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(raw: &str, region: Option<&str>) -> &'static str {
        parse(raw, region).map_or_else(|e| e.code().as_str(), |_| "ok")
    }

    #[test]
    fn each_error_code_is_reachable() {
        assert_eq!(code("  ", None), "phone_empty");
        assert_eq!(code("hello", None), "phone_not_a_number");
        assert_eq!(code("020 7183 8750", None), "phone_invalid_country_code");
        assert_eq!(code("+999 1234 5678", None), "phone_invalid_country_code");
        assert_eq!(code("+44 20 71", None), "phone_too_short");
        assert_eq!(code("+44 20 7183 8750 1234", None), "phone_too_long");
        assert_eq!(code("0400 123 456", Some("GB")), "phone_invalid_for_region");
        assert_eq!(code("+44 0400 123456", None), "phone_invalid");
    }

    #[test]
    fn strict_region() {
        assert!(parse_in_region("+44 7400 123456", "GB").is_ok());
        let err = parse_in_region("+1 202 555 0123", "GB").unwrap_err();
        assert_eq!(err.code(), ErrorCode::PhoneInvalidForRegion);
        assert_eq!(err.details()["region"], "GB");
        assert_eq!(
            parse("+44 20 7183 8750", Some("gb")).unwrap_err().code(),
            ErrorCode::CountryNotUppercase
        );
        assert!(parse_region("XK").is_ok());
    }

    #[test]
    fn errors_do_not_echo_the_input() {
        for raw in ["+44 20 71", "hello 12345", "+999 1234 5678", "0400 123 456"] {
            let err = parse(raw, Some("GB")).unwrap_err();
            assert!(!err.message().contains(raw), "{}", err.message());
        }
    }
}
