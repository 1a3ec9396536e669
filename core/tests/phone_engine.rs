//! Our phone engine against rlibphonenumber, a Rust port of Google's libphonenumber (issue 14):
//! property tests over inputs built from every region's example numbers, changed a digit at a
//! time, written in the ways people write them, read with and without a default region. Both
//! must give the same validity and E.164.
//!
//! The inputs leave out the two classes where rlibphonenumber departs from libphonenumber
//! (`;` extensions and text across line breaks; the `phone` fuzz target records those and
//! `tools/check_disagreements.py` has libphonenumber judge them). The corpus tests in
//! `core/src/phone/engine_tests.rs` hold us to libphonenumber itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::OnceLock;

use proptest::prelude::*;
use rlibphonenumber::{PHONE_NUMBER_UTIL as E, PhoneNumberFormat, enums::Region};
use wanumbers::phone::{self, NumberType};

const REGIONS: &[&str] = &[
    "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "DK", "FI", "IE",
    "PT", "PL", "CZ", "HU", "RO", "GR", "TR", "RU", "KZ", "UA", "IN", "CN", "JP", "KR", "AU", "NZ",
    "BR", "AR", "MX", "CO", "CL", "PE", "ZA", "NG", "EG", "MA", "SA", "AE", "IL", "SG", "ID", "TH",
    "VN", "PH", "JM", "PR", "GG", "JE", "IM", "VA", "AX", "CX", "CC", "SM",
];

const TYPES: &[NumberType] = &[
    NumberType::Mobile,
    NumberType::FixedLine,
    NumberType::TollFree,
    NumberType::PremiumRate,
    NumberType::Voip,
    NumberType::SharedCost,
];

/// Every example number of the regions above, as (region, calling code, national number).
fn seeds() -> &'static [(&'static str, u16, String)] {
    static SEEDS: OnceLock<Vec<(&'static str, u16, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for &region in REGIONS {
            for &t in TYPES {
                if let Ok(Some(n)) = phone::example(region, t) {
                    out.push((region, n.country_code(), n.national_number()));
                }
            }
        }
        assert!(out.len() > 200, "{} seeds", out.len());
        out
    })
}

fn theirs(raw: &str, region: Option<&str>) -> Option<String> {
    let region = region.map(|r| Region::from_code(r).unwrap());
    E.parse(raw, region)
        .ok()
        .filter(|n| E.is_valid_number(n))
        .map(|n| E.format(&n, PhoneNumberFormat::E164).into_owned())
}

fn input() -> impl Strategy<Value = (String, Option<&'static str>)> {
    let n = seeds().len();
    (
        0..n,
        0usize..6,
        0usize..10,
        0usize..4,
        proptest::collection::vec(0usize..8, 0..4),
        any::<bool>(),
        0..REGIONS.len(),
    )
        .prop_map(|(seed, change, digit, form, seps, with_region, other)| {
            let (region, cc, nsn) = &seeds()[seed];
            let mut digits: Vec<char> = nsn.chars().collect();
            let at = digit % digits.len().max(1);
            match change {
                0 => {}
                1 => digits[at] = char::from(b'0' + u8::try_from(digit).unwrap()),
                2 => digits.insert(at, char::from(b'0' + u8::try_from(digit).unwrap())),
                3 => {
                    digits.remove(at);
                }
                4 => digits.truncate(at.max(1)),
                _ => digits.push('5'),
            }
            let mut body = String::new();
            for (i, c) in digits.iter().enumerate() {
                if let Some(&s) = seps.get(i % 4).filter(|_| i > 0 && i % 3 == 0) {
                    body.push([' ', '-', '.', '/', '(', ')', '\u{A0}', ' '][s]);
                }
                body.push(*c);
            }
            let raw = match form {
                0 => format!("+{cc} {body}"),
                1 => format!("00{cc}{body}"),
                2 => format!("0{body}"),
                _ => body,
            };
            let region = if with_region {
                Some(*region)
            } else {
                Some(REGIONS[other])
            };
            (
                raw,
                if form == 0 && !with_region {
                    None
                } else {
                    region
                },
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn validity_and_e164_agree_with_rlibphonenumber((raw, region) in input()) {
        let ours = phone::normalize(&raw, region).ok();
        prop_assert_eq!(ours, theirs(&raw, region), "{:?} in {:?}", raw, region);
    }
}

#[test]
fn every_example_number_agrees() {
    for (region, cc, nsn) in seeds() {
        for raw in [format!("+{cc}{nsn}"), nsn.clone()] {
            let ours = phone::normalize(&raw, Some(region)).ok();
            assert_eq!(ours, theirs(&raw, Some(region)), "{raw} in {region}");
            assert!(ours.is_some() || raw == *nsn, "{raw} in {region}");
        }
    }
}
