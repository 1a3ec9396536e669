//! Postal-code formats and required address parts per country, from Google's i18n address
//! metadata (`postal_data.rs`, generated). Each format is compiled by `tools/gen_postal.py`
//! into a minimal DFA: matching reads one table entry per character, with no regex engine.

use super::postal_data::{
    POSTAL, POSTAL_CODES, POSTAL_COUNT, POSTAL_EXAMPLE_ENDS, POSTAL_EXAMPLES, ROWS,
};
use crate::case::ascii_upper;
use crate::tables::{bisect, nth_text};

/// The characters a postal code is read in, in the order of a DFA row's targets.
const ALPHABET: &[u8; 38] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -";

/// A postal-code format as a DFA: rows of [`ALPHABET`]'s length in [`ROWS`], from `at`;
/// state 1 is the start, 0 is dead, and states from `accept_from` on accept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dfa {
    pub(crate) at: u16,
    pub(crate) accept_from: u8,
}

impl Dfa {
    /// Whether the whole of `text`, in upper case, matches (no format has a character whose
    /// upper case is not ASCII).
    fn matches(self, text: &str) -> bool {
        let mut state = 1usize;
        let mut one = [0u8];
        for c in text.chars() {
            let Some(upper) = ascii_upper(c, &mut one) else {
                return false;
            };
            for &b in upper {
                let Some(symbol) = ALPHABET.iter().position(|&a| a == b) else {
                    return false;
                };
                let entry = usize::from(self.at) + (state - 1) * ALPHABET.len() + symbol;
                state = ROWS.get(entry).map_or(0, |&t| usize::from(t));
                if state == 0 {
                    return false;
                }
            }
        }
        state >= usize::from(self.accept_from)
    }
}

/// What an address in one country needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PostalRules {
    format: Option<Dfa>,
    /// An example postal code, e.g. `SW1A 2AA`'s format for GB.
    pub(crate) example: &'static str,
    /// Whether an administrative area (state, province) is required.
    pub(crate) needs_area: bool,
}

/// The rules for a catalog country, or `None` (no data: no format check).
pub(crate) fn rules(country: &str) -> Option<PostalRules> {
    row(bisect(POSTAL_COUNT, |i| Some(code(i)?.cmp(country)))?)
}

/// The country code of row `i` of the tables.
fn code(i: usize) -> Option<&'static str> {
    POSTAL_CODES.get(i * 2..i * 2 + 2)
}

/// Row `i` of the tables.
fn row(i: usize) -> Option<PostalRules> {
    let &(format, needs_area) = POSTAL.get(i)?;
    Some(PostalRules {
        format,
        example: nth_text(POSTAL_EXAMPLES, &POSTAL_EXAMPLE_ENDS, i)?,
        needs_area,
    })
}

impl PostalRules {
    /// Whether the country uses postal codes at all.
    pub(crate) fn has_postal_codes(&self) -> bool {
        self.format.is_some()
    }

    /// Whether `postal` (trimmed, any case) has the country's format.
    pub(crate) fn matches(&self, postal: &str) -> bool {
        self.format.is_none_or(|dfa| dfa.matches(postal.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::postal_data::CASES;
    use super::*;

    #[test]
    fn every_format_accepts_its_example() {
        assert_eq!(POSTAL_CODES.len(), 2 * POSTAL_COUNT);
        assert_eq!(
            POSTAL_EXAMPLE_ENDS.last().map(|&e| usize::from(e)),
            Some(POSTAL_EXAMPLES.len())
        );
        let codes: Vec<&str> = (0..POSTAL_COUNT).map(|i| code(i).unwrap()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted");
        for code in codes {
            let rules = rules(code).unwrap();
            let example = rules.example;
            if !rules.has_postal_codes() {
                assert!(example.is_empty(), "{code}");
                continue;
            }
            assert!(rules.matches(example), "{code}: {example}");
            assert!(rules.matches(&example.to_lowercase()), "{code}: case");
        }
        assert_eq!(rules("GB").unwrap().example, "EC1Y 8SY");
        assert_eq!(rules("ZA").unwrap().example, "0083");
        assert_eq!(rules("AT").unwrap().example, "1010");
        for absent in ["", "G", "gb", "ZZ", "GBR", "AA", "ZZZ"] {
            assert!(rules(absent).is_none(), "{absent:?}");
        }
    }

    /// The DFAs against Python's `re` (the generator's oracle), on each example's variations.
    #[test]
    fn formats_agree_with_python_re() {
        let cases: Vec<(String, String, bool)> = CASES
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert!(cases.len() > 1000);
        let mut wrong = Vec::new();
        for (code, input, expected) in cases {
            if rules(&code).unwrap().matches(&input) != expected {
                wrong.push((code, input, expected));
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn formats_bite() {
        let gb = rules("GB").unwrap();
        assert!(gb.matches("SW1A 2AA") && gb.matches(" sw1a 2aa ") && !gb.matches("12345"));
        assert!(rules("DE").unwrap().matches("10115") && !rules("DE").unwrap().matches("1011"));
        assert!(rules("BR").unwrap().needs_area && !rules("DE").unwrap().needs_area);
        assert!(!rules("PA").unwrap().has_postal_codes());
        // Characters outside the alphabet fail, whatever the format.
        assert!(!gb.matches("SW1A\u{A0}2AA") && !rules("DE").unwrap().matches("1011\u{665}"));
        // Any case, as `to_uppercase` reads it.
        assert!(gb.matches("sw1a 2aa") && rules("IE").unwrap().matches("d02 x285"));
    }
}
