//! The engine's parts against Google's libphonenumber: the committed corpus sample
//! (`core/tests/fixtures/phone_corpus.jsonl.zz`, written by `tools/gen_phone_corpus.py` with
//! the `phonenumbers` package's answers).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::NumberType;
use super::territory::{self, Length};

/// The corpus rows: (input, default region, libphonenumber's answer). The committed sample, or
/// the corpus at `WANUMBERS_PHONE_CORPUS` (`tools/gen_phone_corpus.py --size 1000000 --out F`).
pub(super) fn corpus() -> Vec<(String, String, serde_json::Value)> {
    let path = std::env::var("WANUMBERS_PHONE_CORPUS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/phone_corpus.jsonl.zz"
        )
        .to_owned()
    });
    let packed = std::fs::read(&path).expect("the corpus (tools/gen_phone_corpus.py)");
    let text = miniz_oxide::inflate::decompress_to_vec_zlib(&packed).expect("zlib");
    let text = String::from_utf8(text).unwrap();
    let rows: Vec<_> = text
        .lines()
        .skip(1)
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                v[0].as_str().unwrap().to_owned(),
                v[1].as_str().unwrap().to_owned(),
                v[2].clone(),
            )
        })
        .collect();
    assert!(rows.len() >= 100_000, "{} rows", rows.len());
    rows
}

fn length_name(length: Length) -> &'static str {
    match length {
        Length::Possible => "IS_POSSIBLE",
        Length::LocalOnly => "IS_POSSIBLE_LOCAL_ONLY",
        Length::TooShort => "TOO_SHORT",
        Length::TooLong => "TOO_LONG",
        Length::Invalid => "INVALID_LENGTH",
    }
}

#[test]
fn region_type_validity_and_length_agree_with_libphonenumber() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (input, region, answer) in corpus() {
        let Some(parsed) = answer.as_array() else {
            continue;
        };
        let cc = u16::try_from(parsed[0].as_u64().unwrap()).unwrap();
        let nsn = parsed[1].as_str().unwrap().as_bytes();
        let found = territory::for_number(cc, nsn).map(|(t, _)| t);
        let number_type = found.map_or(NumberType::Unknown, |t| t.number_type(nsn));
        let valid = found.is_some() && number_type != NumberType::Unknown;
        let possible = territory::main_for_calling_code(cc)
            .map_or("INVALID_COUNTRY_CODE", |t| length_name(t.length(nsn)));
        let ours = (
            valid,
            found.map_or("", |t| t.id()),
            number_type.as_str(),
            possible,
        );
        let theirs = (
            parsed[3].as_bool().unwrap(),
            parsed[4].as_str().unwrap(),
            parsed[5].as_str().unwrap(),
            parsed[6].as_str().unwrap(),
        );
        checked += 1;
        if ours != theirs && wrong.len() < 20 {
            wrong.push(format!(
                "{input:?} in {region:?} (+{cc} {}): ours {ours:?}, libphonenumber {theirs:?}",
                parsed[1]
            ));
        }
    }
    assert!(checked > 80_000, "{checked}");
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn failure_name(f: super::parse::Failure) -> &'static str {
    use super::parse::Failure;
    match f {
        Failure::InvalidCountryCode => "INVALID_COUNTRY_CODE",
        Failure::NotANumber => "NOT_A_NUMBER",
        Failure::TooShortAfterIdd => "TOO_SHORT_AFTER_IDD",
        Failure::TooShortNsn => "TOO_SHORT_NSN",
        Failure::TooLong | Failure::InputTooLong => "TOO_LONG",
    }
}

#[test]
fn parsing_agrees_with_libphonenumber() {
    let mut scratch = String::new();
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut count = 0;
    for (input, region, answer) in corpus() {
        let territory = (!region.is_empty()).then(|| territory::region(&region).unwrap());
        let ours = match super::parse::parse(&input, territory, &mut scratch) {
            Err(f) => failure_name(f).to_owned(),
            Ok(p) => format!(
                "+{} {} {:?}",
                p.country_code,
                String::from_utf8_lossy(p.nsn.as_bytes()),
                p.extension.map_or("", |(a, b)| &scratch[a..b])
            ),
        };
        let theirs = match &answer {
            serde_json::Value::String(s) => s.clone(),
            v => format!(
                "+{} {} {:?}",
                v[0],
                v[1].as_str().unwrap(),
                v[2].as_str().unwrap()
            ),
        };
        checked += 1;
        if ours != theirs {
            count += 1;
            if wrong.len() < 30 {
                wrong.push(format!(
                    "{input:?} in {region:?}: ours {ours}, libphonenumber {theirs}"
                ));
            }
        }
    }
    assert!(checked > 100_000, "{checked}");
    assert!(
        wrong.is_empty(),
        "{count} disagreements:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn formatting_agrees_with_libphonenumber() {
    use super::format::{Style, format};
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut count = 0;
    for (input, region, answer) in corpus() {
        let Some(parsed) = answer.as_array() else {
            continue;
        };
        let cc = u16::try_from(parsed[0].as_u64().unwrap()).unwrap();
        let nsn = parsed[1].as_str().unwrap().as_bytes();
        let ext = Some(parsed[2].as_str().unwrap()).filter(|e| !e.is_empty());
        let ours = (
            format(cc, nsn, ext, Style::International),
            format(cc, nsn, ext, Style::National),
        );
        let theirs = (
            parsed[7].as_str().unwrap().to_owned(),
            parsed[8].as_str().unwrap().to_owned(),
        );
        checked += 1;
        if ours != theirs {
            count += 1;
            if wrong.len() < 30 {
                wrong.push(format!(
                    "{input:?} in {region:?}: ours {ours:?}, libphonenumber {theirs:?}"
                ));
            }
        }
    }
    assert!(checked > 80_000, "{checked}");
    assert!(
        wrong.is_empty(),
        "{count} disagreements:\n{}",
        wrong.join("\n")
    );
}

/// Found by the fuzz target (10⁷ runs): a trailing mark that Python's `\w` does not take
/// (U+05C7, U+0670) is cut off as libphonenumber cuts it; Rust's `is_alphanumeric` takes it.
/// The answers are libphonenumber's (Python `phonenumbers`, `tools/check_disagreements.py`).
#[test]
fn trailing_marks_are_not_word_characters() {
    for (raw, region, e164) in [
        ("+88340000025x6\u{5C7}", None, "+88340000025"),
        ("gb555-~012#0\u{670}", Some("JE"), "+441534555012"),
        (
            "34~~~~~~~~~~~~34~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\u{670}~",
            Some("TK"),
            "+6903434",
        ),
    ] {
        assert_eq!(
            super::normalize(raw, region).ok().as_deref(),
            Some(e164),
            "{raw:?}"
        );
    }
}

/// The packed `\w` table read back: Python's answers (`str.isalnum()` or `_`, Unicode 14).
#[test]
fn word_characters_are_pythons() {
    for (c, word) in [
        ('a', true),
        ('_', true),
        ('-', false),
        ('\u{E4}', true),
        ('\u{663}', true),
        ('\u{4E2D}', true),
        ('\u{670}', false),
        ('\u{5C7}', false),
        ('\u{24B6}', false),
        ('\u{10FFFF}', false),
        ('\u{1D7CE}', true),
    ] {
        assert_eq!(super::chars::is_word(c), word, "U+{:04X}", u32::from(c));
    }
}
