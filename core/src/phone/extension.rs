//! libphonenumber's extension pattern (`;ext=123`, ` ext. 123`, ` x123`, `#123`, `,,123`, ...,
//! in a dozen spellings, matched ignoring case), written out as code: a match runs from a
//! position through the end of the text, and its digits are the extension.

use super::chars::{fold, is_decimal};

fn eat_ci<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != w {
            return None;
        }
    }
    Some(
        chars
            .next()
            .map_or("", |(i, _)| text.get(i..).unwrap_or("")),
    )
}

fn skip(text: &str, set: impl Fn(char) -> bool) -> &str {
    text.trim_start_matches(set)
}

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\t' | ',')
}

fn is_sep_or_dash(c: char) -> bool {
    is_sep(c) || c == '-'
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\t')
}

/// After an extension label: an optional `:`, `.` or `．`, then separators; true when that is
/// all of `rest`.
fn label_tail(rest: &str) -> bool {
    let rest = rest.strip_prefix([':', '.', '\u{FF0E}']).unwrap_or(rest);
    skip(rest, is_sep_or_dash).is_empty()
}

/// libphonenumber's extension labels `e?xt(?:ensi(?:o\u{301}?|ó))?n?`, `ｅ?ｘｔｎ?`, `доб`,
/// `anexo`, spelled out.
const LABELS_B: &[&str] = &[
    "ext",
    "extn",
    "extensio",
    "extension",
    "extensio\u{301}",
    "extensio\u{301}n",
    "extensi\u{F3}",
    "extensi\u{F3}n",
    "xt",
    "xtn",
    "xtensio",
    "xtension",
    "xtensio\u{301}",
    "xtensio\u{301}n",
    "xtensi\u{F3}",
    "xtensi\u{F3}n",
    "\u{FF45}\u{FF58}\u{FF54}",
    "\u{FF45}\u{FF58}\u{FF54}\u{FF4E}",
    "\u{FF58}\u{FF54}",
    "\u{FF58}\u{FF54}\u{FF4E}",
    "\u{434}\u{43E}\u{431}",
    "anexo",
];
const LABELS_C: &[&str] = &[
    "x",
    "\u{FF58}",
    "#",
    "\u{FF03}",
    "~",
    "\u{FF5E}",
    "int",
    "\u{FF49}\u{FF4E}\u{FF54}",
];

fn any_label(head: &str, labels: &[&str]) -> bool {
    let Some(first) = head.chars().next().map(fold) else {
        return false;
    };
    if first.is_ascii_digit() {
        return false;
    }
    labels
        .iter()
        .filter(|l| l.starts_with(first))
        .any(|l| eat_ci(head, l).is_some_and(label_tail))
}

/// Whether `text` can hold an extension at all: one needs a label, `;` or `,`, or ends `#`
/// (one test per input, before any position is tried).
pub fn may_have_extension(text: &str) -> bool {
    text.ends_with('#')
        || text
            .chars()
            .any(|c| c == ';' || c == ',' || is_label_start(c))
}

/// Whether an extension can start with `c`: every one starts with a separator, `;`, `-`, or
/// a label's first letter (checked first: most positions of a number are digits).
fn may_start_extension(c: char) -> bool {
    !c.is_ascii_digit() && (is_sep(c) || c == ';' || c == '-' || is_label_start(c))
}

/// The first characters of the extension labels.
fn is_label_start(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '#' | '~' | 'e' | 'E' | 'x' | 'X' | 'a' | 'A' | 'i' | 'I');
    }
    matches!(c, '#' | '~' | '\u{FF03}' | '\u{FF5E}')
        || matches!(
            fold(c),
            'e' | 'x' | 'a' | 'i' | '\u{FF45}' | '\u{FF58}' | '\u{FF49}' | '\u{434}'
        )
}

/// libphonenumber's extension pattern matched at the start of `text` through its end: the
/// extension's byte span in `text`.
pub fn extension_at(text: &str) -> Option<(usize, usize)> {
    if !text.chars().next().is_some_and(may_start_extension) {
        return None;
    }
    // Cheap tests first: a label after the separators, a `,` or `;` after the blanks, or
    // dashes and spaces before a final `#`.
    let label_next = skip(text, is_sep)
        .chars()
        .next()
        .is_some_and(is_label_start);
    let punctuation_next = skip(text, is_blank).starts_with([',', ';']);
    let hash_form = text.ends_with('#') && text.starts_with(['-', ' ']);
    if !(label_next || punctuation_next || hash_form) {
        return None;
    }
    let unhashed = text.strip_suffix('#');
    let body = unhashed.unwrap_or(text);
    let digits_start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_decimal(*c))
        .last()
        .map(|(i, _)| i)?;
    let digit_count = crate::limits::char_count(body.get(digits_start..)?);
    let head = body.get(..digits_start)?;
    let span = Some((digits_start, body.len()));
    let hash = unhashed.is_some();
    // `;ext=` then up to 20 digits (no `#`).
    if !hash && digit_count <= 20 && eat_ci(head, ";ext=").is_some_and(str::is_empty) {
        return span;
    }
    let after_seps = skip(head, is_sep);
    if digit_count <= 20 && any_label(after_seps, LABELS_B) {
        return span;
    }
    if digit_count <= 9 && any_label(after_seps, LABELS_C) {
        return span;
    }
    if hash && digit_count <= 6 && !head.is_empty() && head.chars().all(|c| c == '-' || c == ' ') {
        return span;
    }
    let after_blanks = skip(head, is_blank);
    if digit_count <= 15
        && (after_blanks.strip_prefix(",,").is_some_and(label_tail)
            || after_blanks.strip_prefix(';').is_some_and(label_tail))
    {
        return span;
    }
    if digit_count <= 9 {
        let commas = skip(after_blanks, |c| c == ',');
        if commas.len() < after_blanks.len() && label_tail(commas) {
            return span;
        }
    }
    None
}
