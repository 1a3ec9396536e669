//! Phone numbers: parse with an optional default region, validate, classify, format, and check
//! many at once. Numbers leave this module as E.164 (`+447400123456`).
//!
//! The engine is our own (issue 14): libphonenumber's semantics over its metadata compiled at
//! build time (`tools/gen_phone_metadata.py`) into automata (or, with feature `compact`, pattern
//! bytecode) and small programs, with no regex engine; Google's libphonenumber (Python
//! `phonenumbers`) is the oracle of its tests. Every failure has one of seven codes that say
//! what is wrong:
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

mod automaton;
mod chars;
#[rustfmt::skip]
#[allow(clippy::unreadable_literal)]
mod metadata;
#[cfg(test)]
mod engine_tests;
mod extension;
mod format;
mod kinds;
mod parse;
#[cfg(feature = "compact")]
mod pattern;
mod planes;
mod program;
mod territory;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::country::CountryCode;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::MAX_PHONE_INPUT_BYTES;
use format::Style;
pub use kinds::{NumberType, PhoneFormat};
use parse::{Failure, MAX_INPUT_CHARS, Nsn, Parsed};
use territory::{Length, Territory};

/// A valid phone number. Only [`parse`] and [`parse_in_region`] make one, so holding a
/// `PhoneNumber` means it passed validation. It serializes as its E.164 string.
#[derive(Clone)]
pub struct PhoneNumber {
    country_code: u16,
    e164: String,
    extension: Option<String>,
    region: Option<&'static str>,
    number_type: NumberType,
}

/// A number the engine judged valid, with what it worked out on the way (region and type), so
/// nothing is computed twice.
struct Valid {
    country_code: u16,
    nsn: Nsn,
    extension: Option<String>,
    region: Option<&'static str>,
    number_type: NumberType,
}

impl Valid {
    fn e164(&self) -> String {
        format::format(self.country_code, self.nsn.as_bytes(), None, Style::E164)
    }
}

impl PhoneNumber {
    fn new(valid: Valid) -> PhoneNumber {
        PhoneNumber {
            e164: valid.e164(),
            country_code: valid.country_code,
            extension: valid.extension,
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
        let style = match format {
            PhoneFormat::E164 => return self.e164.clone(),
            PhoneFormat::International => Style::International,
            PhoneFormat::National => Style::National,
            PhoneFormat::Rfc3966 => Style::Rfc3966,
        };
        format::format(self.country_code, self.nsn(), self.extension(), style)
    }

    /// The country calling code, e.g. `44`.
    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    fn nsn(&self) -> &[u8] {
        let code_len = self.country_code.to_string().len();
        self.e164.as_bytes().get(1 + code_len..).unwrap_or(&[])
    }

    /// The national significant number, e.g. `"2071838750"`.
    pub fn national_number(&self) -> String {
        String::from_utf8_lossy(self.nsn()).into_owned()
    }

    /// The extension, if one was given (`;ext=123`, `x123`, ...).
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref().filter(|e| !e.is_empty())
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
        parse_region(region).is_ok_and(|r| {
            r.territory
                .is_some_and(|t| belongs_to(self.country_code, self.nsn(), t))
        })
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
    #[cfg_attr(test, ts(as = "Option<crate::error::ErrorInfo>"))]
    pub error: Option<Error>,
}

impl PhoneCheck {
    fn from_result(result: Result<Valid>) -> PhoneCheck {
        match result {
            Ok(valid) => PhoneCheck {
                valid: true,
                e164: Some(valid.e164()),
                region: valid.region,
                number_type: Some(valid.number_type),
                country_code: Some(valid.country_code),
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
    let region = default_region
        .map(parse_region)
        .transpose()?
        .and_then(|r| r.territory);
    validate(raw, region).map(PhoneNumber::new)
}

/// Parses a number that must belong to `region`, e.g. a KYC field that must be local.
///
/// # Errors
/// As [`parse`], plus `phone_invalid_for_region` (details `region`, `actual`) when the number
/// is valid but belongs elsewhere.
pub fn parse_in_region(raw: &str, region: &str) -> Result<PhoneNumber> {
    let expected = parse_region(region)?;
    let valid = validate(raw, expected.territory)?;
    if expected
        .territory
        .is_some_and(|t| belongs_to(valid.country_code, valid.nsn.as_bytes(), t))
    {
        return Ok(PhoneNumber::new(valid));
    }
    let mut err = Error::new(
        ErrorCode::PhoneInvalidForRegion,
        format!("enter a number from {}", region_label(expected.id)),
    )
    .with("region", expected.id);
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
    let region = default_region
        .map(parse_region)
        .transpose()?
        .and_then(|r| r.territory);
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
    let region = default_region
        .map(parse_region)
        .transpose()?
        .and_then(|r| r.territory);
    let mut scratch = String::new();
    Ok(raws
        .iter()
        .map(|raw| {
            PhoneCheck::from_result(
                read(raw.as_ref(), region, &mut scratch).and_then(|n| judge(n, region)),
            )
        })
        .collect())
}

/// The libphonenumber metadata release the engine's tables are compiled from
/// (`tools/gen_phone_metadata.py`), e.g. `"9.0.42"`.
pub const METADATA_VERSION: &str = metadata::VERSION;

/// An example number of `region` (`"GB"`) and `number_type`, e.g. for a form's placeholder
/// (libphonenumber's `getExampleNumberForType`); `None` when the region has no such numbers.
/// A fixed-line-or-mobile example is a fixed-line one, as in libphonenumber.
///
/// ```
/// use wanumbers::phone::{self, NumberType, PhoneFormat};
/// let mobile = phone::example("GB", NumberType::Mobile).unwrap().unwrap();
/// assert_eq!(mobile.number_type(), NumberType::Mobile);
/// assert_eq!(mobile.format(PhoneFormat::E164), "+447400123456");
/// ```
///
/// # Errors
/// A `country_*` code when `region` is not a region code (strict case, like
/// [`CountryCode::parse`]).
pub fn example(region: &str, number_type: NumberType) -> Result<Option<PhoneNumber>> {
    use territory::desc;
    let Some(found) = parse_region(region)?.territory else {
        return Ok(None);
    };
    let d = match number_type {
        NumberType::FixedLine | NumberType::FixedLineOrMobile => desc::FIXED_LINE,
        NumberType::Mobile => desc::MOBILE,
        NumberType::TollFree => desc::TOLL_FREE,
        NumberType::PremiumRate => desc::PREMIUM_RATE,
        NumberType::SharedCost => desc::SHARED_COST,
        NumberType::Voip => desc::VOIP,
        NumberType::PersonalNumber => desc::PERSONAL_NUMBER,
        NumberType::Pager => desc::PAGER,
        NumberType::Uan => desc::UAN,
        NumberType::Voicemail => desc::VOICEMAIL,
        NumberType::Unknown => return Ok(None),
    };
    Ok(found
        .example(d)
        .and_then(|nsn| parse(&format!("+{}{nsn}", found.country_code()), None).ok()))
}

/// [`example`] as the bindings take it: the type and format by name (`mobile` and
/// `international` when absent), the number written out.
///
/// # Errors
/// As [`example`], or `json_invalid` for a type or format name that is not one.
pub fn example_written(
    region: &str,
    number_type: Option<&str>,
    format: Option<&str>,
) -> Result<Option<String>> {
    let kind = number_type.map_or(Ok(NumberType::Mobile), NumberType::parse)?;
    let format = PhoneFormat::parse_or_default(format)?;
    Ok(example(region, kind)?.map(|n| n.format(format)))
}

/// A region argument: its code, and its territory when libphonenumber has data for it (not
/// for AQ, BV, GS, HM, PN, TF and UM, which it reads like no region: `+` numbers only).
#[derive(Clone, Copy)]
struct RegionArg {
    id: &'static str,
    territory: Option<Territory>,
}

/// Regions the phone engine takes: every ISO code plus the few non-ISO ones libphonenumber
/// uses (AC Ascension, TA Tristan da Cunha, XK Kosovo).
fn parse_region(code: &str) -> Result<RegionArg> {
    match CountryCode::parse(code) {
        Ok(country) => Ok(RegionArg {
            id: country.as_str(),
            territory: territory::region(country.as_str()),
        }),
        Err(err) if err.code() == ErrorCode::CountryUnknown => territory::region(code)
            .map(|t| RegionArg {
                id: t.id(),
                territory: Some(t),
            })
            .ok_or(err),
        Err(err) => Err(err),
    }
}

fn region_label(id: &str) -> String {
    match CountryCode::parse(id) {
        Ok(country) => format!("{} ({})", country.name(), country.as_str()),
        Err(_) => id.to_owned(),
    }
}

/// Whether a number is a valid number of `region` (libphonenumber's `isValidNumberForRegion`:
/// the region's calling code, then its patterns).
fn belongs_to(country_code: u16, nsn: &[u8], region: Territory) -> bool {
    region.country_code() == country_code && region.number_type(nsn) != NumberType::Unknown
}

fn validate(raw: &str, region: Option<Territory>) -> Result<Valid> {
    read(raw, region, &mut String::new()).and_then(|number| judge(number, region))
}

/// A parsed number with its extension, owned.
struct Read {
    parsed: Parsed,
    extension: Option<String>,
}

/// Step 1: read the digits (syntax only).
fn read(raw: &str, region: Option<Territory>, scratch: &mut String) -> Result<Read> {
    // More bytes than the longest input has (four per character): refused unread. The
    // characters are counted by `parse`, blank input or not.
    if raw.len() > MAX_PHONE_INPUT_BYTES {
        return Err(input_too_long());
    }
    match parse::parse(raw, region, scratch) {
        Ok(parsed) => Ok(Read {
            extension: parsed
                .extension
                .and_then(|(start, end)| scratch.get(start..end))
                .map(str::to_owned),
            parsed,
        }),
        // Blank input is no number to libphonenumber; to a form, it is a missing one.
        Err(Failure::NotANumber) if raw.trim().is_empty() => {
            Err(Error::new(ErrorCode::PhoneEmpty, "enter a phone number"))
        }
        Err(failure) => Err(parse_error(failure, raw, region)),
    }
}

/// Step 2: judge the number against its country's ranges, or say why it fails.
fn judge(number: Read, region: Option<Territory>) -> Result<Valid> {
    let Read { parsed, extension } = number;
    let cc = parsed.country_code;
    let nsn = parsed.nsn.as_bytes();
    // libphonenumber's `isValidNumber` is "a territory is found and the type is not Unknown";
    // asking for both directly gives validity, territory and type at once.
    if let Some((found, number_type)) = territory::for_number(cc, nsn)
        && number_type != NumberType::Unknown
    {
        return Ok(Valid {
            country_code: cc,
            nsn: parsed.nsn,
            extension,
            region: found.is_geographic().then(|| found.id()),
            number_type,
        });
    }
    let with_cc = |code, message: String| Error::new(code, message).with("country_code", cc);
    let Some(main) = territory::main_for_calling_code(cc) else {
        return Err(unknown_country_code());
    };
    Err(match main.length(nsn) {
        Length::TooShort => with_cc(
            ErrorCode::PhoneTooShort,
            format!("the number has too few digits for country code +{cc}"),
        ),
        // Dialable only inside its area: the area code is missing.
        Length::LocalOnly => with_cc(
            ErrorCode::PhoneTooShort,
            format!("the number is too short for country code +{cc}: include the area code"),
        )
        .with("reason", "local_only"),
        Length::TooLong => with_cc(
            ErrorCode::PhoneTooLong,
            format!("the number has too many digits for country code +{cc}"),
        ),
        Length::Invalid | Length::Possible => match region {
            // Read in the default region: say which region it is not valid in.
            Some(r) if r.country_code() == cc => Error::new(
                ErrorCode::PhoneInvalidForRegion,
                format!("this is not a valid number in {}", region_label(r.id())),
            )
            .with("region", r.id())
            .with("country_code", cc),
            _ => with_cc(
                ErrorCode::PhoneInvalid,
                format!("no number range in use for country code +{cc} matches this number"),
            ),
        },
    })
}

/// Input longer than libphonenumber reads, whether told by its bytes or its characters.
fn input_too_long() -> Error {
    Error::new(
        ErrorCode::PhoneTooLong,
        format!("a phone number is at most {MAX_INPUT_CHARS} characters of input"),
    )
    .with("reason", "input_too_long")
    .with("max_length", MAX_INPUT_CHARS)
}

fn unknown_country_code() -> Error {
    Error::new(
        ErrorCode::PhoneInvalidCountryCode,
        "the country calling code after + is not assigned; check the digits after +",
    )
    .with("reason", "unknown")
}

fn parse_error(failure: Failure, raw: &str, region: Option<Territory>) -> Error {
    match failure {
        Failure::InvalidCountryCode => {
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
        Failure::NotANumber => Error::new(
            ErrorCode::PhoneNotANumber,
            "this does not look like a phone number: use digits, optionally starting with + and the country code",
        ),
        Failure::TooShortAfterIdd | Failure::TooShortNsn => {
            Error::new(ErrorCode::PhoneTooShort, "the number has too few digits")
        }
        Failure::TooLong => Error::new(ErrorCode::PhoneTooLong, "the number has too many digits"),
        Failure::InputTooLong => input_too_long(),
    }
}

#[cfg(test)]
mod tests;
