//! Character classes as libphonenumber's Python port sees them: its digits (`unicodedata.digit`,
//! `\\d`), word characters (`\\w`) and case folding, from Python's own Unicode tables
//! (generated into `metadata.rs`), and libphonenumber's punctuation.

use super::metadata::{DIGIT_RUNS, WORD_INDEX, WORD_RANGES};

/// The value of a digit character in any script, as Python's `unicodedata.digit`.
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii() {
        return u8::try_from(c)
            .ok()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0');
    }
    let cp = u32::from(c);
    let i = DIGIT_RUNS.partition_point(|r| r.1 < cp);
    let (first, last, value, _) = *DIGIT_RUNS.get(i)?;
    if first > cp || cp > last {
        return None;
    }
    u8::try_from(cp - first).ok().map(|offset| value + offset)
}

/// Whether `\d` matches `c` (Unicode category Nd).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let cp = u32::from(c);
    let i = DIGIT_RUNS.partition_point(|r| r.1 < cp);
    DIGIT_RUNS
        .get(i)
        .is_some_and(|&(first, last, _, decimal)| decimal && first <= cp && cp <= last)
}

pub fn is_plus(c: char) -> bool {
    c == '+' || c == '\u{FF0B}'
}

/// Python's `\w` (its own Unicode tables: Rust's alphanumeric also takes marks such as U+0670).
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // Walk the packed ranges from the nearest indexed one: at most 32 ranges.
    let cp = u32::from(c);
    let start = WORD_INDEX
        .partition_point(|&(next, _)| next <= cp)
        .saturating_sub(1);
    let (next, offset) = WORD_INDEX.get(start).copied().unwrap_or((0, 0));
    word_ranges(next, usize::from(offset))
        .find(|&(_, last)| cp <= last)
        .is_some_and(|(first, _)| first <= cp)
}

/// The `\w` ranges (first, last) from byte `offset` of [`WORD_RANGES`], where the previous
/// range ended before `next`: each is two LEB128 varints, the gap and the length - 1.
fn word_ranges(mut next: u32, offset: usize) -> impl Iterator<Item = (u32, u32)> {
    let mut bytes = WORD_RANGES.get(offset..).unwrap_or(&[]).iter();
    let mut varint = move || {
        let mut value = 0u32;
        for shift in [0, 7, 14, 21] {
            let b = *bytes.next()?;
            value |= u32::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    };
    std::iter::from_fn(move || {
        let (gap, extra) = (varint()?, varint()?);
        let first = next + gap;
        next = first + extra + 1;
        Some((first, first + extra))
    })
}

/// Case folding as Python's `re.IGNORECASE` compares.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        '\u{130}' | '\u{131}' => 'i',
        // `to_lowercase` where that is one character (`İ` is handled above).
        _ => crate::case::lower(c),
    }
}

/// libphonenumber's `VALID_PUNCTUATION` (without the `*` it allows between digits): what its
/// RFC 3966 format turns into dashes.
pub fn is_separator(c: char) -> bool {
    matches!(c,
        '-' | 'x' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF0D}'..='\u{FF0F}'
        | ' ' | '\u{A0}' | '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{3000}' | '(' | ')'
        | '\u{FF08}' | '\u{FF09}' | '\u{FF3B}' | '\u{FF3D}' | '.' | '[' | ']' | '/' | '~'
        | '\u{2053}' | '\u{223C}' | '\u{FF5E}')
}

/// Punctuation allowed between digits (libphonenumber's `VALID_PUNCTUATION` with `*`), as
/// matched ignoring case (`X` too).
pub fn is_punctuation(c: char) -> bool {
    is_separator(c) || c == '*' || c == 'X'
}

/// Appends the decimal digits of `n` (a calling code) through `push`, without allocating.
pub fn push_decimal(n: u16, push: &mut impl FnMut(u8)) {
    if n >= 10 {
        push_decimal(n / 10, push);
    }
    push(b'0' + (n % 10) as u8);
}

/// `[A-Za-z]` ignoring case (Python also lets K, ſ, İ and ı match).
pub fn is_alpha_ignoring_case(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{212A}' | '\u{17F}' | '\u{130}' | '\u{131}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexed walk answers as the whole table read from the start, for every character.
    #[test]
    fn is_word_agrees_with_the_whole_table() {
        let ranges: Vec<(u32, u32)> = word_ranges(0, 0).collect();
        assert!(ranges.len() > 700, "{}", ranges.len());
        // Characters in order, with the first range that does not end before them.
        let mut at = 0;
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let cp = u32::from(c);
            while ranges.get(at).is_some_and(|&(_, b)| b < cp) {
                at += 1;
            }
            let expected = ranges.get(at).is_some_and(|&(a, _)| a <= cp);
            assert_eq!(is_word(c), expected, "U+{cp:04X}");
        }
    }
}
