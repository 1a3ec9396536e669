//! Countries: ISO 3166-1 alpha-2 codes (all 249 officially assigned ones, from a generated
//! table) with explicit case rules, and the [`Catalog`] of countries where numbers are on sale.
//!
//! Codes are strict: `"GB"` is a country, `"gb"` is a `country_not_uppercase` error whose
//! details carry the fix. Only [`CountryCode::normalize`] says it forgives case and spaces.

mod catalog;
mod iso3166;

use std::fmt;
use std::str::FromStr;

pub use catalog::{Catalog, Country, CountryType, Fulfilment, OfferedNumberType};

use crate::error::{Error, ErrorCode, Result};
use crate::macros::serde_as_string;
use crate::tables::{bisect, nth_text};
use iso3166::{CODES, COUNT, NAME_ENDS, NAMES};

serde_as_string!(CountryCode);

/// Codes that are not assigned but that people use for an assigned country
/// (ISO "exceptionally reserved" codes), so the error can say which code to use.
const RESERVED_ALIASES: &[(&str, &str)] = &[("UK", "GB"), ("EL", "GR")];

/// An assigned ISO 3166-1 alpha-2 country code, e.g. `GB`.
///
/// ```
/// use wanumbers::CountryCode;
/// let gb: CountryCode = "GB".parse().unwrap();
/// assert_eq!(gb.name(), "United Kingdom");
/// let err = "gb".parse::<CountryCode>().unwrap_err();
/// assert_eq!(err.code().as_str(), "country_not_uppercase");
/// assert_eq!(err.details()["suggestion"], "GB");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode(u8);

impl CountryCode {
    /// Parses a code strictly: exactly two uppercase ASCII letters that ISO has assigned.
    ///
    /// # Errors
    /// - `country_invalid`: not two letters (an alpha-3 code gets the alpha-2 as `suggestion`);
    /// - `country_not_uppercase`: `gb`; the details' `suggestion` is `GB`;
    /// - `country_unknown`: two letters ISO has not assigned (`UK` suggests `GB`).
    pub fn parse(code: &str) -> Result<Self> {
        let bytes = code.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            let err = Error::new(
                ErrorCode::CountryInvalid,
                "a country code is two letters (ISO 3166-1 alpha-2), such as GB or US",
            );
            return Err(match alpha3_to_alpha2(code) {
                Some(alpha2) => err.with("suggestion", alpha2),
                None => err,
            });
        }
        let upper = code.to_ascii_uppercase();
        match lookup(&upper) {
            Some(country) if upper == code => Ok(country),
            Some(country) => Err(Error::new(
                ErrorCode::CountryNotUppercase,
                format!("country codes are uppercase: use {}", country.as_str()),
            )
            .with("suggestion", country.as_str())),
            None => {
                let err = Error::new(
                    ErrorCode::CountryUnknown,
                    "this is not an assigned ISO 3166-1 alpha-2 country code",
                );
                let alias = RESERVED_ALIASES.iter().find(|(alias, _)| *alias == upper);
                Err(match alias {
                    Some((_, real)) => err.with("suggestion", *real),
                    None => err,
                })
            }
        }
    }

    /// Parses a code forgivingly: trims spaces and ignores case (`" gb "` → `GB`).
    ///
    /// # Errors
    /// As [`CountryCode::parse`], minus `country_not_uppercase`.
    pub fn normalize(code: &str) -> Result<Self> {
        CountryCode::parse(&code.trim().to_ascii_uppercase())
    }

    /// The alpha-2 code, e.g. `"GB"`.
    pub fn as_str(self) -> &'static str {
        let at = usize::from(self.0) * 5;
        CODES.get(at..at + 2).unwrap_or_default()
    }

    /// The alpha-3 code, e.g. `"GBR"`.
    pub fn alpha3(self) -> &'static str {
        let at = usize::from(self.0) * 5 + 2;
        CODES.get(at..at + 3).unwrap_or_default()
    }

    /// The English short name, e.g. `"United Kingdom"`.
    pub fn name(self) -> &'static str {
        nth_text(NAMES, &NAME_ENDS, usize::from(self.0)).unwrap_or_default()
    }

    /// The code, alpha-3 code and name together (`{code, alpha3, name}` in JSON).
    pub fn info(self) -> CountryInfo {
        CountryInfo {
            code: self.as_str(),
            alpha3: self.alpha3(),
            name: self.name(),
        }
    }

    /// Every assigned code, in alphabetical order.
    pub fn all() -> impl ExactSizeIterator<Item = CountryCode> {
        // COUNT is at most 256 (the generator checks).
        (0..=u8::try_from(COUNT - 1).unwrap_or(u8::MAX)).map(CountryCode)
    }
}

/// What ISO 3166-1 says about a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CountryInfo {
    /// Alpha-2 code, e.g. `"GB"`.
    pub code: &'static str,
    /// Alpha-3 code, e.g. `"GBR"`.
    pub alpha3: &'static str,
    /// English short name, e.g. `"United Kingdom"`.
    pub name: &'static str,
}

fn lookup(upper: &str) -> Option<CountryCode> {
    let code = |i: usize| u8::try_from(i).ok().map(CountryCode);
    bisect(COUNT, |i| Some(code(i)?.as_str().cmp(upper))).and_then(code)
}

fn alpha3_to_alpha2(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    CountryCode::all()
        .find(|country| country.alpha3() == upper)
        .map(CountryCode::as_str)
}

/// `true` when `code` is an assigned alpha-2 code written in uppercase (`"GB"`, not `"gb"`).
pub fn is_country_code(code: &str) -> bool {
    CountryCode::parse(code).is_ok()
}

/// The English short name of an assigned alpha-2 code, or `None`. Case-sensitive like
/// [`CountryCode::parse`].
pub fn country_name(code: &str) -> Option<&'static str> {
    CountryCode::parse(code).ok().map(CountryCode::name)
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        CountryCode::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(COUNT, 249);
        assert_eq!(CODES.len(), 5 * COUNT);
        assert_eq!(NAME_ENDS.len(), COUNT);
        assert_eq!(
            NAME_ENDS.last().map(|&end| usize::from(end)),
            Some(NAMES.len())
        );
        let all: Vec<CountryCode> = CountryCode::all().collect();
        assert_eq!(all.len(), 249);
        assert!(all.windows(2).all(|w| w[0].as_str() < w[1].as_str()));
        for code in &all {
            assert_eq!(code.as_str().len(), 2);
            assert_eq!(code.alpha3().len(), 3);
            assert!(!code.name().is_empty());
        }
        let gb = CountryCode::parse("GB").unwrap();
        assert_eq!((gb.alpha3(), gb.name()), ("GBR", "United Kingdom"));
        let first = all[0];
        assert_eq!(
            (first.as_str(), first.alpha3(), first.name()),
            ("AD", "AND", "Andorra")
        );
        let last = all[248];
        assert_eq!(
            (last.as_str(), last.alpha3(), last.name()),
            ("ZW", "ZWE", "Zimbabwe")
        );
        for code in CountryCode::all() {
            assert_eq!(CountryCode::parse(code.as_str()).unwrap(), code);
        }
    }

    #[test]
    fn case_and_hints() {
        assert_eq!(CountryCode::normalize(" gb ").unwrap().as_str(), "GB");
        let err = CountryCode::parse("GBR").unwrap_err();
        assert_eq!(
            (err.code(), err.details()["suggestion"].as_str()),
            (ErrorCode::CountryInvalid, Some("GB"))
        );
        let err = CountryCode::parse("UK").unwrap_err();
        assert_eq!(
            (err.code(), err.details()["suggestion"].as_str()),
            (ErrorCode::CountryUnknown, Some("GB"))
        );
        assert_eq!(
            CountryCode::parse("XX").unwrap_err().code(),
            ErrorCode::CountryUnknown
        );
        assert_eq!(
            CountryCode::parse("ÄB").unwrap_err().code(),
            ErrorCode::CountryInvalid
        );
        assert_eq!(
            CountryCode::parse("").unwrap_err().code(),
            ErrorCode::CountryInvalid
        );
    }
}
