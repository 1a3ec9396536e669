//! Reading the generated tables that are text rather than rows of `&str` (codes, names,
//! examples: see `tools/gen_iso3166.py`, `tools/gen_postal.py`, `tools/gen_phone_metadata.py`):
//! finding a row by bisection, and a row's text by where the texts end.

use std::cmp::Ordering;

/// The row among `0..rows` whose key `probe` finds equal to the one sought, the rows being
/// sorted by key (`probe(row)` says how the row's key compares with it; `None` stops the
/// search, for a table the generator did not write).
pub(crate) fn bisect(rows: usize, probe: impl Fn(usize) -> Option<Ordering>) -> Option<usize> {
    let (mut low, mut high) = (0, rows);
    while low < high {
        let middle = low + (high - low) / 2;
        match probe(middle)? {
            Ordering::Less => low = middle + 1,
            Ordering::Greater => high = middle,
            Ordering::Equal => return Some(middle),
        }
    }
    None
}

/// Text `i` of `text`, the texts one after another, where each ends at its byte offset in
/// `ends` (and starts where the one before ends).
pub(crate) fn nth_text(text: &'static str, ends: &[u16], i: usize) -> Option<&'static str> {
    let start = match i.checked_sub(1) {
        Some(before) => *ends.get(before)?,
        None => 0,
    };
    text.get(usize::from(start)..usize::from(*ends.get(i)?))
}

#[cfg(test)]
mod tests {
    use super::{bisect, nth_text};

    #[test]
    fn bisection_finds_each_row_and_nothing_else() {
        let keys = [2, 3, 5, 8, 13];
        for (row, key) in keys.iter().enumerate() {
            assert_eq!(
                bisect(keys.len(), |i| keys.get(i).map(|k| k.cmp(key))),
                Some(row)
            );
        }
        for absent in [0, 4, 9, 14] {
            assert_eq!(
                bisect(keys.len(), |i| keys.get(i).map(|k| k.cmp(&absent))),
                None
            );
        }
        assert_eq!(bisect(0, |_| None), None);
        assert_eq!(
            bisect(3, |_| None),
            None,
            "a probe that fails stops the search"
        );
    }

    #[test]
    fn texts_are_cut_at_their_ends() {
        let (text, ends) = ("ABBCCC", [1, 1, 3, 6]);
        let texts: Vec<_> = (0..5).map(|i| nth_text(text, &ends, i)).collect();
        assert_eq!(texts, [Some("A"), Some(""), Some("BB"), Some("CCC"), None]);
        assert_eq!(nth_text("é", &[1], 0), None, "not at a character boundary");
    }
}
