//! The core's digit-pattern matcher against Python's `re` on every pattern of libphonenumber's
//! metadata (`tests/fixtures/phone_patterns.json`, written by `tools/gen_phone_patterns.py`).
//! The fixture is required: the test fails without it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use wanumbers::pattern::Pattern;

#[test]
fn every_metadata_pattern_matches_as_python_re_does() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/phone_patterns.json"
    );
    let text = std::fs::read_to_string(path).expect("the pattern fixture (make gen)");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() > 1_500, "{} cases", cases.len());
    let (mut checked, mut largest) = (0, 0);
    let mut wrong = Vec::new();
    for case in cases {
        let source = case["pattern"].as_str().unwrap();
        let pattern = Pattern::compile(source).unwrap_or_else(|e| panic!("{source}: {e:?}"));
        largest = largest.max(pattern.len());
        let prefix = case["kind"] == "prefix";
        for row in case["inputs"].as_array().unwrap() {
            let (input, expected) = (row[0].as_str().unwrap(), row[1].as_bool().unwrap());
            let got = if prefix {
                pattern.prefix_match(input)
            } else {
                pattern.full_match(input)
            };
            if got != expected {
                wrong.push(format!("{source} {input}: got {got}, re says {expected}"));
            }
            checked += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
    assert!(
        checked > 50_000 && largest < wanumbers::pattern::MAX_PROGRAM,
        "{checked} {largest}"
    );
}

/// The fixture's patterns, read once.
fn patterns() -> &'static [(String, bool)] {
    static PATTERNS: std::sync::OnceLock<Vec<(String, bool)>> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/phone_patterns.json"
        );
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("the pattern fixture"))
                .unwrap();
        doc["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["pattern"].as_str().unwrap().to_owned(),
                    c["kind"] == "prefix",
                )
            })
            .collect()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]

    /// Random digit strings against `regex-lite` (a second oracle) on any metadata pattern.
    #[test]
    fn random_digits_match_as_regex_lite_does(index in 0usize..1_000_000, digits in "[0-9]{0,18}") {
        let all = patterns();
        let (source, _) = &all[index % all.len()];
        let ours = Pattern::compile(source).unwrap();
        let whole = regex_lite::Regex::new(&format!("^(?:{source})$")).unwrap();
        let start = regex_lite::Regex::new(&format!("^(?:{source})")).unwrap();
        proptest::prop_assert_eq!(ours.full_match(&digits), whole.is_match(&digits), "{} {}", source, digits);
        proptest::prop_assert_eq!(ours.prefix_match(&digits), start.is_match(&digits), "{} {}", source, digits);
    }
}
