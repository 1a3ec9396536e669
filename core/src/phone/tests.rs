//! The phone API's own tests (the engine's agreement with libphonenumber is in
//! `engine_tests.rs`).

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

/// Input longer than libphonenumber reads gets one error, whether the characters or the
/// bytes tell (the byte limit only spares counting characters).
#[test]
fn over_long_input_is_one_error() {
    let by_chars = parse(&"1".repeat(251), Some("GB")).unwrap_err();
    let by_bytes = parse(&"1".repeat(1001), Some("GB")).unwrap_err();
    let wide = parse(&"\u{FF11}".repeat(251), Some("GB")).unwrap_err();
    let blank = parse(&" ".repeat(251), Some("GB")).unwrap_err();
    for err in [&by_chars, &by_bytes, &wide, &blank] {
        assert_eq!(err.code(), ErrorCode::PhoneTooLong);
        assert_eq!(err.details()["reason"], "input_too_long");
        assert_eq!(err.details()["max_length"], 250);
        assert_eq!(err.message(), by_chars.message());
    }
    // 250 characters are read (and are too many digits for a number).
    assert!(
        parse(&"1".repeat(250), Some("GB"))
            .unwrap_err()
            .details()
            .get("reason")
            .is_none()
    );
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

/// ISO regions without libphonenumber data read like no region, as in libphonenumber:
/// `+` numbers parse, national ones lack their country code.
#[test]
fn regions_without_data_take_international_numbers() {
    assert_eq!(
        normalize("+44 20 7183 8750", Some("AQ")).unwrap(),
        "+442071838750"
    );
    assert_eq!(
        code("020 7183 8750", Some("AQ")),
        "phone_invalid_country_code"
    );
    assert_eq!(
        parse_in_region("+44 20 7183 8750", "AQ")
            .unwrap_err()
            .code(),
        ErrorCode::PhoneInvalidForRegion
    );
    assert!(
        !parse("+44 20 7183 8750", None)
            .unwrap()
            .is_valid_for_region("AQ")
    );
}

#[test]
fn errors_do_not_echo_the_input() {
    for raw in ["+44 20 71", "hello 12345", "+999 1234 5678", "0400 123 456"] {
        let err = parse(raw, Some("GB")).unwrap_err();
        assert!(!err.message().contains(raw), "{}", err.message());
    }
}
