//! Postal-code formats and required address parts per country, from Google's i18n address
//! metadata (`postal_data.rs`, generated). Patterns are compiled once, on first use.

use std::sync::OnceLock;

use regex_lite::Regex;

use super::postal_data::{POSTAL, POSTAL_COUNT};

/// What an address in one country needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PostalRules {
    index: usize,
    pattern: &'static str,
    /// An example postal code, e.g. `SW1A 2AA`'s format for GB.
    pub(crate) example: &'static str,
    /// Whether an administrative area (state, province) is required.
    pub(crate) needs_area: bool,
}

static COMPILED: [OnceLock<Option<Regex>>; POSTAL_COUNT] =
    [const { OnceLock::new() }; POSTAL_COUNT];

/// The rules for a catalog country, or `None` (no data: no format check).
pub(crate) fn rules(country: &str) -> Option<PostalRules> {
    let index = POSTAL.binary_search_by(|row| row.0.cmp(country)).ok()?;
    let &(_, pattern, example, needs_area) = POSTAL.get(index)?;
    Some(PostalRules {
        index,
        pattern,
        example,
        needs_area,
    })
}

impl PostalRules {
    /// Whether the country uses postal codes at all.
    pub(crate) fn has_postal_codes(&self) -> bool {
        !self.pattern.is_empty()
    }

    /// Whether `postal` (trimmed, any case) has the country's format.
    pub(crate) fn matches(&self, postal: &str) -> bool {
        let Some(regex) = COMPILED
            .get(self.index)
            .map(|cell| cell.get_or_init(|| Regex::new(&format!("^(?:{})$", self.pattern)).ok()))
        else {
            return true;
        };
        // A pattern that does not compile would be a data bug: accept rather than block.
        regex
            .as_ref()
            .is_none_or(|r| r.is_match(&postal.trim().to_uppercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_accepts_its_example() {
        for (code, pattern, example, _) in &POSTAL {
            let rules = rules(code).unwrap();
            if pattern.is_empty() {
                assert!(example.is_empty(), "{code}");
                continue;
            }
            assert!(
                Regex::new(&format!("^(?:{pattern})$")).is_ok(),
                "{code}: {pattern}"
            );
            assert!(rules.matches(example), "{code}: {example}");
            assert!(rules.matches(&example.to_lowercase()), "{code}: case");
        }
    }

    #[test]
    fn formats_bite() {
        let gb = rules("GB").unwrap();
        assert!(gb.matches("SW1A 2AA") && gb.matches(" sw1a 2aa ") && !gb.matches("12345"));
        assert!(rules("DE").unwrap().matches("10115") && !rules("DE").unwrap().matches("1011"));
        assert!(rules("BR").unwrap().needs_area && !rules("DE").unwrap().needs_area);
        assert!(!rules("PA").unwrap().has_postal_codes());
    }
}
