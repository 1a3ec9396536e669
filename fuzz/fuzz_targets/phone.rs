//! `phone`: parse / check / normalize / parse_in_region / check_many on arbitrary text, with
//! and without a default region, and a differential check of our engine against
//! rlibphonenumber, a Rust port of Google's libphonenumber (issue 14).
//!
//! Input: the first line is the default region (empty: none; any text, so bad regions such as
//! `gb` or `UK` are fuzzed too), the rest is the number as typed.
#![no_main]
// Test code: writes its inputs with `json!` (clippy.toml keeps it out of product code).
#![allow(clippy::disallowed_macros)]

use libfuzzer_sys::fuzz_target;
use rlibphonenumber::{PHONE_NUMBER_UTIL as ENGINE, PhoneNumberFormat, enums::Region};
use wanumbers::limits::MAX_PHONE_INPUT_BYTES;
use wanumbers::phone::{self, PhoneFormat};
use wanumbers_fuzz::{first_line, text};

const FORMATS: [PhoneFormat; 4] = [
    PhoneFormat::E164,
    PhoneFormat::International,
    PhoneFormat::National,
    PhoneFormat::Rfc3966,
];

fuzz_target!(|data: &[u8]| {
    let (region_line, number) = first_line(data);
    let (Some(region_text), Some(raw)) = (text(region_line), text(number)) else {
        return;
    };
    let region = (!region_text.is_empty()).then_some(region_text);
    run(raw, None);
    if region.is_some() {
        run(raw, region);
    }
});

fn run(raw: &str, region: Option<&str>) {
    let parsed = phone::parse(raw, region);
    let checked = phone::check(raw, region);
    let normalized = phone::normalize(raw, region);
    assert_eq!(phone::is_valid(raw, region), parsed.is_ok());

    let check = match checked {
        // Only a bad default region makes `check` fail, and then `parse` fails the same way.
        Err(region_error) => {
            let code = region_error.code();
            assert!(
                code.as_str().starts_with("country_"),
                "check failed with {code:?}"
            );
            let parse_error = parsed.err().map(|e| e.code());
            assert_eq!(parse_error, Some(code));
            assert_eq!(normalized.err().map(|e| e.code()), Some(code));
            assert!(phone::check_many(&[raw], region).is_err());
            return;
        }
        Ok(check) => check,
    };
    assert_eq!(
        phone::check_many(&[raw], region).ok(),
        Some(vec![check.clone()])
    );

    match &parsed {
        Ok(number) => {
            let e164 = number.e164();
            assert!(check.valid && check.error.is_none());
            assert_eq!(check.e164.as_deref(), Some(e164));
            assert_eq!(check.region, number.region());
            assert_eq!(check.number_type, Some(number.number_type()));
            assert_eq!(check.country_code, Some(number.country_code()));
            assert_eq!(normalized.as_deref().ok(), Some(e164));
            // '+', then digits, starting with the country code. (Not always at most 15 as
            // E.164 says: the engine's metadata accepts longer national numbers, e.g. for
            // DE; the differential check below holds us to the engine.)
            let digits = e164.strip_prefix('+').unwrap_or_default();
            assert!(!digits.is_empty() && digits.len() <= 20, "{e164}");
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{e164}");
            assert!(
                digits.starts_with(&number.country_code().to_string()),
                "{e164}"
            );
            assert!(digits.ends_with(&number.national_number()), "{e164}");
            for format in FORMATS {
                let written = number.format(format);
                assert!(!written.is_empty());
            }
            assert_eq!(number.format(PhoneFormat::E164), e164);
            assert!(number.format(PhoneFormat::International).starts_with('+'));
            // What parses is written back as E.164, which parses back to the same number —
            // except where libphonenumber itself does not: letters read as keypad digits can
            // leave a national prefix inside the number (`+375uu10M6b4025` is +3758106624025,
            // whose E.164 reads back without the 8; tests/vectors/phone.json pins both).
            let vanity = raw.bytes().filter(u8::is_ascii_alphabetic).count() >= 3;
            let again = phone::parse(e164, None);
            if !vanity {
                assert_eq!(
                    again.as_ref().map(|n| n.e164()).ok(),
                    Some(e164),
                    "{raw:?} {region:?}"
                );
            }
            if let Some(r) = number.region() {
                assert!(
                    number.is_valid_for_region(r),
                    "{e164} not valid in its region {r}"
                );
                let local = phone::parse_in_region(e164, r);
                if !vanity {
                    assert_eq!(
                        local.as_ref().map(|n| n.e164()).ok(),
                        Some(e164),
                        "{e164} in {r}"
                    );
                }
            }
        }
        Err(error) => {
            assert!(!check.valid && check.e164.is_none());
            assert_eq!(check.error.as_ref().map(|e| e.code()), Some(error.code()));
            assert_eq!(normalized.err().map(|e| e.code()), Some(error.code()));
            assert!(
                error.code().as_str().starts_with("phone_"),
                "{:?}",
                error.code()
            );
        }
    }
    if let Some(r) = region
        && let Ok(local) = phone::parse_in_region(raw, r)
    {
        assert_eq!(parsed.as_ref().map(|n| n.e164()).ok(), Some(local.e164()));
    }
    differential(raw, region, parsed.ok().as_ref().map(|n| n.e164()));
}

/// rlibphonenumber agrees on validity and E.164, except where it departs from libphonenumber
/// (Google's; its Python port at our metadata version is the corpus' oracle,
/// tools/gen_phone_corpus.py), in the classes below.
fn differential(raw: &str, region: Option<&str>, ours: Option<&str>) {
    // `check` accepted the region (strictly, like `CountryCode::parse`, plus AC, TA, XK), so
    // rlibphonenumber knows it too.
    let engine_region = match region {
        Some(code) => match Region::from_code(code) {
            Ok(r) => Some(r),
            Err(_) => panic!("wanumbers accepted region {code:?}, the engine does not know it"),
        },
        None => None,
    };
    // Longer input is refused unread (`limits::MAX_PHONE_INPUT_BYTES`, `phone_too_long`),
    // however the engine would have read it.
    if raw.len() > MAX_PHONE_INPUT_BYTES {
        assert_eq!(ours, None, "{} bytes of input read", raw.len());
        return;
    }
    // rlibphonenumber panics on RFC 3966 input whose `tel:` comes after `;phone-context=`
    // (regressions/phone/tel-after-phone-context), so it is not asked.
    if let Some(context) = raw.find(";phone-context=")
        && raw.find("tel:").is_some_and(|tel| tel + 4 > context)
    {
        return;
    }

    let theirs = ENGINE
        .parse(raw, engine_region)
        .ok()
        .filter(|n| ENGINE.is_valid_number(n))
        .map(|n| ENGINE.format(&n, PhoneNumberFormat::E164).into_owned());
    if ours == theirs.as_deref() {
        return;
    }
    // rlibphonenumber departs from libphonenumber in places (it reads `40;7` in SX as +1 40
    // ext. 7, and text across a newline as one number; libphonenumber, and we, see no number).
    // A campaign therefore writes each disagreement down (WANUMBERS_DISAGREEMENTS, set by
    // tools/fuzz_campaign.sh), and tools/check_disagreements.py fails unless libphonenumber
    // itself (Python `phonenumbers` at our metadata version) gives our answer. Without the
    // variable a disagreement is a crash.
    let Some(path) = std::env::var_os("WANUMBERS_DISAGREEMENTS") else {
        panic!("disagreement: raw {raw:?}, region {region:?}: ours {ours:?}, rlibphonenumber {theirs:?}");
    };
    let line = serde_json::json!([raw, region.unwrap_or(""), ours, theirs]).to_string() + "\n";
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, line.as_bytes()));
    assert!(written.is_ok(), "cannot write the disagreement down");
}
