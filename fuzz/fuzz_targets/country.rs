//! `country`: `CountryCode::parse` / `normalize` / `FromStr`, `is_country_code`,
//! `country_name`, and the catalog reader (`Catalog::from_json`, a live `GET /countries`
//! answer) on arbitrary text.
//!
//! Input: the whole input is the code; when it is longer than a code could be, it is also
//! read as a catalog JSON document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanumbers::{Catalog, CountryCode, ErrorCode, country_name, is_country_code};
use wanumbers_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let Some(code) = text(data) else {
        return;
    };
    codes(code);
    if code.len() > 8 {
        catalog(code);
    }
});

fn codes(code: &str) {
    let parsed = CountryCode::parse(code);
    assert_eq!(is_country_code(code), parsed.is_ok());
    assert_eq!(country_name(code), parsed.as_ref().ok().map(|c| c.name()));
    assert_eq!(
        code.parse::<CountryCode>().ok(),
        parsed.as_ref().ok().copied()
    );
    match &parsed {
        Ok(country) => {
            assert_eq!(country.as_str(), code);
            assert_eq!(country.to_string(), code);
            assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(country.alpha3().len(), 3);
            assert!(!country.name().is_empty());
            assert_eq!(country.info().code, code);
            assert_eq!(CountryCode::normalize(code).ok(), Some(*country));
            assert!(CountryCode::all().any(|c| c == *country));
            // A code serializes as its string and reads back.
            let json = serde_json::to_string(country).unwrap_or_default();
            assert_eq!(
                serde_json::from_str::<CountryCode>(&json).ok(),
                Some(*country)
            );
        }
        Err(error) => {
            let code_ = error.code();
            assert!(
                matches!(
                    code_,
                    ErrorCode::CountryInvalid
                        | ErrorCode::CountryNotUppercase
                        | ErrorCode::CountryUnknown
                ),
                "{code_:?}"
            );
            // A suggestion is always a code that parses.
            if let Some(suggestion) = error.details().get("suggestion").and_then(|v| v.as_str()) {
                assert!(
                    is_country_code(suggestion),
                    "suggestion {suggestion:?} for {code:?}"
                );
            }
        }
    }
    // `normalize` forgives case and surrounding spaces, and nothing else.
    if let Ok(country) = CountryCode::normalize(code) {
        assert!(country.as_str().eq_ignore_ascii_case(code.trim()));
    }
}

fn catalog(json: &str) {
    let Ok(catalog) = Catalog::from_json(json) else {
        return;
    };
    for country in catalog.countries() {
        let code = country.code.as_str();
        assert!(catalog.find(code).is_some(), "{code} listed but not found");
        // Codes are kept as sent; the strictly-written ones can be looked up.
        if is_country_code(code) {
            assert!(catalog.get(code).is_ok(), "{code} listed but not gettable");
        }
        if country.name.is_none() {
            assert!(
                !is_country_code(code),
                "{code}: the name is filled for assigned codes"
            );
        }
    }
    let _ = serde_json::to_string(&catalog);
}
