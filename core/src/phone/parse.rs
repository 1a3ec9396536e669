//! Reading a number out of text: libphonenumber's `parse`, step for step (its Python port,
//! `phonenumbers`, is the oracle: `tools/gen_phone_corpus.py`). Text around the number, `tel:`
//! URIs with `phone-context`, extensions in a dozen spellings, `+`/`00`/IDD prefixes, a
//! default region's calling code written without `+`, national prefixes and carrier codes
//! (with transform rules), vanity letters and any script's digits.
//!
//! Nothing here allocates: digits live in fixed buffers (inputs are at most 250 characters).

use super::chars::{
    digit_value, is_alpha_ignoring_case, is_decimal, is_plus, is_punctuation, is_word, push_decimal,
};
use super::extension::{extension_at, may_have_extension};
use super::program::expand_into;
use super::territory::{self, Length, Territory};

/// The most characters libphonenumber reads.
pub const MAX_INPUT_CHARS: usize = 250;
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;
const CAPACITY: usize = 288;

/// Why an input is not a number (libphonenumber's `NumberParseException` kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    InvalidCountryCode,
    NotANumber,
    TooShortAfterIdd,
    TooShortNsn,
    TooLong,
    /// More than [`MAX_INPUT_CHARS`] characters (libphonenumber's `TOO_LONG` too).
    InputTooLong,
}

/// ASCII digits in a fixed buffer of `N`.
#[derive(Clone, Copy)]
pub struct Digits<const N: usize> {
    buf: [u8; N],
    len: usize,
}

/// A working buffer: any input's digits fit.
type Buffer = Digits<CAPACITY>;

/// A national significant number (at most 17 digits).
pub type Nsn = Digits<MAX_NSN>;

impl<const N: usize> Digits<N> {
    pub const fn new() -> Digits<N> {
        Digits {
            buf: [0; N],
            len: 0,
        }
    }

    fn from(bytes: &[u8]) -> Digits<N> {
        let mut d = Digits::new();
        d.extend(bytes);
        d
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    pub fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// Drops the first `n` digits.
    fn drop_front(&mut self, n: usize) {
        let n = n.min(self.len);
        self.buf.copy_within(n..self.len, 0);
        self.len -= n;
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.as_bytes().starts_with(prefix)
    }
}

/// A parsed number: its calling code, national significant number and extension.
#[derive(Clone, Copy)]
pub struct Parsed {
    pub country_code: u16,
    pub nsn: Nsn,
    /// The extension as written (its digits may be any script's).
    pub extension: Option<(usize, usize)>,
}

/// libphonenumber's `VALID_PHONE_NUMBER`, matched whole: two digits, or pluses, at least three
/// digits among punctuation, then punctuation, letters and digits, then an extension.
fn is_viable(text: &str) -> bool {
    if text.chars().nth(MIN_NSN - 1).is_none() {
        return false;
    }
    let mut chars = text.chars();
    if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next())
        && is_decimal(a)
        && is_decimal(b)
    {
        return true;
    }
    let rest = text.trim_start_matches(is_plus);
    // Three digits with only punctuation before them.
    let mut digits = 0;
    let mut body = None;
    for (i, c) in rest.char_indices() {
        if is_decimal(c) {
            digits += 1;
            if digits == 3 {
                body = Some(i + c.len_utf8());
                break;
            }
        } else if !is_punctuation(c) {
            return false;
        }
    }
    let Some(body) = body else { return false };
    let tail = rest.get(body..).unwrap_or("");
    // Then letters, digits and punctuation, and perhaps an extension at the end.
    let extension_possible = may_have_extension(tail);
    for (i, c) in tail.char_indices() {
        if extension_possible && extension_at(tail.get(i..).unwrap_or("")).is_some() {
            return true;
        }
        if !(is_punctuation(c) || is_alpha_ignoring_case(c) || is_decimal(c)) {
            return false;
        }
    }
    true
}

/// libphonenumber's `extractPossibleNumber`: from the first `+` or digit, without trailing
/// punctuation or a second number.
fn possible_number(text: &str) -> &str {
    let Some(start) = text.find(|c: char| is_plus(c) || is_decimal(c)) else {
        return "";
    };
    let number = text.get(start..).unwrap_or("");
    let number = number.trim_end_matches(|c: char| c == '_' || (c != '#' && !is_word(c)));
    // A second number: `/` or `\`, spaces, `x`.
    let mut end = number.len();
    for (i, c) in number.char_indices() {
        if (c == '/' || c == '\\')
            && number
                .get(i + 1..)
                .is_some_and(|r| r.trim_start_matches(' ').starts_with('x'))
        {
            end = i;
            break;
        }
    }
    number.get(..end).unwrap_or(number)
}

fn is_global_number_digits(context: &str) -> bool {
    context.strip_prefix('+').is_some_and(|rest| {
        rest.chars()
            .all(|c| is_decimal(c) || matches!(c, '-' | '.' | '(' | ')'))
            && rest.chars().any(is_decimal)
    })
}

fn is_domain_name(context: &str) -> bool {
    let name = context.strip_suffix('.').unwrap_or(context);
    let alnum = |c: char| c.is_ascii_alphabetic() || is_decimal(c);
    let label_ok = |l: &str| {
        l.chars().next().is_some_and(alnum)
            && l.chars().last().is_some_and(alnum)
            && l.chars().all(|c| alnum(c) || c == '-')
    };
    name.split('.').all(label_ok)
        && name
            .rsplit('.')
            .next()
            .and_then(|top| top.chars().next())
            .is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether `text` (after `+` signs) holds three ASCII letters: a vanity number.
fn has_vanity_letters(text: &str) -> bool {
    !text.contains('\n')
        && text
            .chars()
            .filter(char::is_ascii_alphabetic)
            .nth(2)
            .is_some()
}

/// libphonenumber's `normalize`: vanity letters to keypad digits, or any script's digits to
/// ASCII, dropping everything else.
fn normalize(text: &str, out: &mut Buffer) {
    // Plain input (most input): the digits as they are.
    if text.bytes().all(is_plain) {
        for b in text.bytes().filter(u8::is_ascii_digit) {
            out.push(b);
        }
        return;
    }
    if has_vanity_letters(text) {
        for c in text.chars() {
            let u = single_ascii_upper(c);
            if u.is_ascii_digit() {
                out.push(u as u8);
            } else if let Some(d) = keypad(u) {
                out.push(d);
            }
        }
    } else {
        for c in text.chars() {
            if let Some(d) = digit_value(c) {
                out.push(b'0' + d);
            }
        }
    }
}

/// `c`'s upper case (`char::to_uppercase`) where that is one ASCII letter or digit, else a
/// character that is neither ([`ascii_upper`](crate::case::ascii_upper)'s answer, or `c`).
fn single_ascii_upper(c: char) -> char {
    let mut one = [0u8];
    match crate::case::ascii_upper(c, &mut one) {
        Some(&[b]) => char::from(b),
        _ => c,
    }
}

fn keypad(c: char) -> Option<u8> {
    Some(match c {
        'A'..='C' => b'2',
        'D'..='F' => b'3',
        'G'..='I' => b'4',
        'J'..='L' => b'5',
        'M'..='O' => b'6',
        'P'..='S' => b'7',
        'T'..='V' => b'8',
        'W'..='Z' => b'9',
        _ => return None,
    })
}

/// The calling code at the start of `digits` (one to three digits, not starting with 0).
fn calling_code(digits: &[u8]) -> Option<(u16, usize)> {
    if digits.first().is_none_or(|&d| d == b'0') {
        return None;
    }
    let mut code = 0u16;
    for (i, &d) in digits.iter().take(3).enumerate() {
        code = code * 10 + u16::from(d - b'0');
        if territory::main_for_calling_code(code).is_some() {
            return Some((code, i + 1));
        }
    }
    None
}

/// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`: the number without its national
/// prefix (transformed where the territory says so), or `None` to keep it.
pub fn strip_national_prefix(number: &[u8], t: Territory) -> Option<Buffer> {
    let program = t.national_prefix_for_parsing()?;
    if number.is_empty() {
        return None;
    }
    let found = program.run(number, false)?;
    let viable = t.general_pattern(number);
    let rest = number.get(found.end..)?;
    let last_group_took_part =
        program.groups > 0 && found.group(usize::from(program.groups)).is_some();
    let out = match t.national_prefix_transform() {
        Some(rule) if last_group_took_part => {
            let mut out = Buffer::new();
            expand_into(rule, number, &found, |c| {
                if c.is_ascii_digit() {
                    out.push(c as u8);
                }
            });
            out.extend(rest);
            out
        }
        _ => Buffer::from(rest),
    };
    (!viable || t.general_pattern(out.as_bytes())).then_some(out)
}

enum Source {
    Plus,
    Idd,
    Default,
}

/// libphonenumber's `maybeExtractCountryCode`: the calling code, with the rest of the digits
/// left in `out`, or 0 when the number is national (`out` then holds nothing useful).
fn country_code(text: &str, region: Option<Territory>, out: &mut Buffer) -> Result<u16, Failure> {
    out.len = 0;
    if text.is_empty() {
        return Ok(0);
    }
    let source = if text.starts_with(is_plus) {
        normalize(text.trim_start_matches(is_plus), out);
        Source::Plus
    } else {
        normalize(text, out);
        let idd = region
            .and_then(Territory::international_prefix)
            .and_then(|p| p.run(out.as_bytes(), false))
            .map(|m| m.end)
            .filter(|&end| out.as_bytes().get(end) != Some(&b'0'));
        if let Some(end) = idd {
            out.drop_front(end);
            Source::Idd
        } else {
            Source::Default
        }
    };
    match (source, region) {
        (Source::Plus | Source::Idd, _) => {
            if out.len <= MIN_NSN {
                return Err(Failure::TooShortAfterIdd);
            }
            let (code, len) = calling_code(out.as_bytes()).ok_or(Failure::InvalidCountryCode)?;
            out.drop_front(len);
            Ok(code)
        }
        (Source::Default, Some(t)) => {
            let mut code_text = Digits::<5>::new();
            push_decimal(t.country_code(), &mut |b| code_text.push(b));
            if out.starts_with(code_text.as_bytes()) {
                let full = out.as_bytes();
                let rest = full.get(code_text.len..).unwrap_or(&[]);
                let national = strip_national_prefix(rest, t).unwrap_or_else(|| Buffer::from(rest));
                if (!t.general_pattern(full) && t.general_pattern(national.as_bytes()))
                    || t.length(full) == Length::TooLong
                {
                    *out = national;
                    return Ok(t.country_code());
                }
            }
            Ok(0)
        }
        (Source::Default, None) => Ok(0),
    }
}

/// The bytes of plain input: ASCII digits, spaces and `+-().`.
fn is_plain(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'(' | b')' | b'.' | b'+')
}

/// The number in an input written only with ASCII digits, spaces and `+-().`, its `+` signs in
/// front (most bulk input): what [`national_part`] and [`is_viable`] make of it, found in one
/// pass; such text holds no extension, URI or letters. `None`: the input needs the general path.
fn plain_text(raw: &str) -> Option<Result<&str, Failure>> {
    let bytes = raw.as_bytes();
    if !raw.bytes().all(is_plain) {
        return None;
    }
    // From the first `+` or digit through the last digit (trailing punctuation dropped).
    let start = bytes
        .iter()
        .position(|&b| b == b'+' || b.is_ascii_digit())?;
    let end = bytes.iter().rposition(u8::is_ascii_digit)? + 1;
    let text = raw.get(start..end)?;
    if text.trim_start_matches('+').contains('+') {
        return None;
    }
    // `VALID_PHONE_NUMBER`: two digits, or three digits among punctuation.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    Some(if digits >= 3 || (digits == 2 && text.len() == 2) {
        Ok(text)
    } else {
        Err(Failure::NotANumber)
    })
}

/// libphonenumber's `buildNationalNumberForParsing`: the number part of a `tel:` URI, or the
/// number found in the text.
fn national_part(raw: &str, scratch: &mut String) -> Result<(), Failure> {
    const CONTEXT: &str = ";phone-context=";
    let semicolon = raw.contains(';');
    if let Some(at) = semicolon.then(|| find(raw, CONTEXT)).flatten() {
        let after = raw.get(at + CONTEXT.len()..).unwrap_or("");
        let context = after.split(';').next().unwrap_or("");
        if context.is_empty() || !(is_global_number_digits(context) || is_domain_name(context)) {
            return Err(Failure::NotANumber);
        }
        if context.starts_with('+') {
            scratch.push_str(context);
        }
        let start = find(raw, "tel:").map_or(0, |i| i + 4);
        scratch.push_str(raw.get(start..at).unwrap_or(""));
    } else {
        scratch.push_str(possible_number(raw));
    }
    if semicolon
        && let Some(i) = find(scratch, ";isub=")
        && i > 0
    {
        scratch.truncate(i);
    }
    Ok(())
}

/// Where `needle` first occurs in `text` (`str::find`, whose general two-way searcher costs
/// the browser builds more than this scan over a few short needles).
fn find(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// Parses `raw` with an optional default region (libphonenumber's `parse`). `scratch` holds
/// the text being read (the caller's, so a batch reuses one buffer).
pub fn parse(
    raw: &str,
    region: Option<Territory>,
    scratch: &mut String,
) -> Result<Parsed, Failure> {
    // Counting characters only when the bytes could be too many.
    if raw.len() > MAX_INPUT_CHARS && raw.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(Failure::InputTooLong);
    }
    scratch.clear();
    let (text, plain) = if let Some(plain) = plain_text(raw) {
        (plain?, true)
    } else {
        national_part(raw, scratch)?;
        if !is_viable(scratch) {
            return Err(Failure::NotANumber);
        }
        (scratch.as_str(), false)
    };
    if region.is_none() && !text.starts_with(is_plus) {
        return Err(Failure::InvalidCountryCode);
    }
    // The extension, when what is before it is a number.
    let mut number = text;
    let mut extension = None;
    let positions = if !plain && may_have_extension(text) {
        text.len()
    } else {
        0
    };
    for (i, _) in text.char_indices().take_while(|(i, _)| *i < positions) {
        let rest = text.get(i..).unwrap_or("");
        if let Some((start, end)) = extension_at(rest) {
            let before = text.get(..i).unwrap_or("");
            if is_viable(before) {
                number = before;
                extension = Some((i + start, i + end));
            }
            break;
        }
    }
    let mut national = Buffer::new();
    let mut code = match country_code(number, region, &mut national) {
        Err(Failure::InvalidCountryCode) if number.starts_with(is_plus) => {
            let code = country_code(number.trim_start_matches(is_plus), region, &mut national)?;
            if code == 0 {
                return Err(Failure::InvalidCountryCode);
            }
            code
        }
        other => other?,
    };
    let metadata = if code == 0 {
        national.len = 0;
        normalize(number, &mut national);
        let t = region.ok_or(Failure::InvalidCountryCode)?;
        code = t.country_code();
        t
    } else {
        territory::main_for_calling_code(code).ok_or(Failure::InvalidCountryCode)?
    };
    if national.len < MIN_NSN {
        return Err(Failure::TooShortNsn);
    }
    if let Some(stripped) = strip_national_prefix(national.as_bytes(), metadata)
        && !matches!(
            metadata.length(stripped.as_bytes()),
            Length::TooShort | Length::LocalOnly | Length::Invalid
        )
    {
        national = stripped;
    }
    if national.len < MIN_NSN {
        return Err(Failure::TooShortNsn);
    }
    if national.len > MAX_NSN {
        return Err(Failure::TooLong);
    }
    Ok(Parsed {
        country_code: code,
        nsn: Nsn::from(national.as_bytes()),
        extension,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// `find` is `str::find` (the oracle), multi-byte text and empty needles included.
        #[test]
        fn find_is_str_find(text in "[a;:=téě📞]{0,12}", needle in "[a;:=téě📞]{0,3}") {
            prop_assert_eq!(find(&text, &needle), text.find(needle.as_str()));
        }
    }

    /// The plain-input shortcut gives what the general path gives, on every string of up to six
    /// characters over its alphabet (the general path is the one checked against libphonenumber).
    /// `single_ascii_upper` against the standard library's `to_uppercase`, for every
    /// character: the same ASCII letter or digit wherever that is one.
    #[test]
    fn single_ascii_upper_is_to_uppercase_where_that_is_ascii() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut std = c.to_uppercase();
            let std = match (std.next(), std.next()) {
                (Some(u), None) if u.is_ascii_alphanumeric() => Some(u),
                _ => None,
            };
            let ours = Some(single_ascii_upper(c)).filter(char::is_ascii_alphanumeric);
            assert_eq!(ours, std, "{c:?}");
        }
    }

    #[test]
    fn plain_text_is_the_general_path_on_plain_input() {
        const ALPHABET: &[u8] = b"1+ -().0";
        let mut checked = 0;
        for len in 0..=6u32 {
            for mut n in 0..ALPHABET.len().pow(len) {
                let mut raw = String::new();
                for _ in 0..len {
                    raw.push(char::from(ALPHABET[n % ALPHABET.len()]));
                    n /= ALPHABET.len();
                }
                let Some(plain) = plain_text(&raw) else {
                    continue;
                };
                let mut scratch = String::new();
                let general = national_part(&raw, &mut scratch).and_then(|()| {
                    if is_viable(&scratch) {
                        Ok(scratch.as_str())
                    } else {
                        Err(Failure::NotANumber)
                    }
                });
                assert_eq!(plain, general, "{raw:?}");
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
    }
}
