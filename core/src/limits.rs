//! Every bound the core enforces on outside input, in one place: documented, checked before
//! any work is done on the input, and each refused with its own error code. A host (browser
//! tab, Python worker, Node service) can pass anything in and get an error back, never an
//! out-of-memory abort or a stack overflow. `SECURITY.md` lists the same numbers.

use serde_json::Value;

use crate::error::{Error, ErrorCode};

/// The deepest nesting of lists and objects accepted from a host value or a JSON document:
/// 127 levels, what serde_json's parser reads as text (its recursion limit of 128 counts down
/// and fails at zero), so a document reads as text exactly when it reads as a value. No model
/// of the APIs is nested more than ~8 levels.
pub const MAX_DEPTH: usize = 127;

/// The largest KYC document, as the API reads "20 MB" (the stricter, decimal reading).
pub const MAX_DOCUMENT_BYTES: u64 = 20_000_000;

/// The longest side of an ID photo or scan `combine_id_sides` accepts, in pixels. A 200 MP
/// phone camera's photos are ~16,000 px wide; an ID card at 1,200 dpi is ~4,100 px.
pub const MAX_IMAGE_SIDE: u32 = 10_000;

/// The most pixels an ID side may have (40 megapixels: three times a 12 MP phone photo).
/// Checked from the image header, before a byte of pixel data is allocated. Pillow's
/// default guard (`MAX_IMAGE_PIXELS`) is ~89 MP.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// The largest webhook body verified or parsed. Meta documents payloads of up to 3 MB;
/// Zernio's number events are under 2 KB.
pub const MAX_WEBHOOK_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The largest API response body read (the largest documented answers, number lists of a few
/// hundred records, are well under 1 MB). A larger body is `bad_response` without being
/// parsed; an error status with a larger body is classified by its status alone.
pub const MAX_RESPONSE_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The longest phone input read, in bytes (libphonenumber's `MAX_INPUT_STRING_LENGTH` is 250
/// characters); longer input is `phone_too_long` without being parsed.
pub const MAX_PHONE_INPUT_BYTES: usize = 1000;

/// The longest `hub.challenge` echoed by `meta_challenge`: Meta sends a decimal integer.
pub const MAX_CHALLENGE_DIGITS: usize = 64;

/// The number of characters in `text` (`text.chars().count()`), from its bytes: every byte
/// that does not continue a character starts one. The standard library's vectorised counter
/// costs the browser builds ~0.9 KB for a few counts of short text.
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// A value a caller built themselves (Rust callers can nest a `Value` any depth; the parsers
/// and the bindings never do): checked without recursion, and when it is deeper than
/// [`MAX_DEPTH`], taken apart without recursion too (serde_json drops a `Value` recursively,
/// which would overflow the stack on 100,000 levels).
///
/// # Errors
/// `input_too_deep`.
pub(crate) fn check_depth(mut value: Value) -> Result<Value, Error> {
    check_depth_in_place(&mut value)?;
    Ok(value)
}

/// [`check_depth`] of a value in place, which a value too deep leaves `Null`: the decoders
/// call it, so no `Value` moves in and out of every model's decoding.
///
/// # Errors
/// `input_too_deep`.
pub(crate) fn check_depth_in_place(value: &mut Value) -> Result<(), Error> {
    let mut stack = vec![(&*value, 0usize)];
    let mut deeper = false;
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Array(_) | Value::Object(_) if depth >= MAX_DEPTH => {
                deeper = true;
                break;
            }
            Value::Array(items) => stack.extend(items.iter().map(|c| (c, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|c| (c, depth + 1))),
            _ => {}
        }
    }
    if !deeper {
        return Ok(());
    }
    let mut parts = vec![std::mem::take(value)];
    while let Some(v) = parts.pop() {
        match v {
            Value::Array(items) => parts.extend(items),
            Value::Object(map) => parts.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    Err(too_deep())
}

/// Whether `text`, read as JSON, has more than [`MAX_DEPTH`] lists and objects open at once
/// somewhere: brackets inside strings do not count, and the text need not be valid JSON. One
/// pass over the bytes, no allocation.
pub(crate) fn nests_past_limit(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The `input_too_deep` error, the same wherever nesting is measured (Python and JS values,
/// JSON documents).
pub fn too_deep() -> Error {
    Error::new(
        ErrorCode::InputTooDeep,
        format!("the value is nested more than {MAX_DEPTH} levels deep"),
    )
    .with("max_depth", MAX_DEPTH)
}

/// The `argument_type` error a binding raises when a host value has the wrong type: `argument`
/// names the parameter, `expected` what it takes (`"str"`, `"bytes or str"`, ...). The
/// value itself is never quoted (it may be PII).
pub fn wrong_type(argument: &str, expected: &str) -> Error {
    Error::new(
        ErrorCode::ArgumentType,
        format!("{argument} must be {expected}"),
    )
    .with("argument", argument)
    .with("expected", expected)
}

/// The `argument_invalid` error for a number that JSON cannot carry (NaN, ±Infinity, or an
/// integer outside -2^63..2^64): never silently turned into `null`.
pub fn not_a_json_number(argument: &str) -> Error {
    Error::new(
        ErrorCode::ArgumentInvalid,
        format!("{argument} holds a number JSON cannot carry (NaN, Infinity, or an integer outside -2**63..2**64)"),
    )
    .with("argument", argument)
    .with("expected", "a finite number")
}

/// The `argument_invalid` error for text that is not valid Unicode (a lone surrogate, bytes
/// that are not UTF-8).
pub fn not_unicode(argument: &str) -> Error {
    Error::new(
        ErrorCode::ArgumentInvalid,
        format!("{argument} is not valid Unicode text (lone surrogate or invalid UTF-8)"),
    )
    .with("argument", argument)
    .with("expected", "valid Unicode text")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A value passes up to [`MAX_DEPTH`] levels of lists and objects (the scalars inside the
    /// deepest do not count), and a JSON text exactly when it does: serde_json's parser, the
    /// oracle, reads the same document as text up to the same depth. (Its recursion limit
    /// counts down from 128 and fails at zero: 127 levels. The value limit was 128 before, so
    /// a document of 128 levels read as a value and not as text.)
    #[test]
    fn depth_limit() {
        for n in [1, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2] {
            for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
                let text = format!("{}1{}", open.repeat(n), close.repeat(n));
                let parsed = serde_json::from_str::<Value>(&text).is_ok();
                let nested = (0..n).fold(Value::from(1), |v, _| {
                    if open == "[" {
                        Value::Array(vec![v])
                    } else {
                        serde_json::json!({ "a": v })
                    }
                });
                let mut in_place = nested.clone();
                let ours = check_depth(nested).is_ok();
                assert_eq!(ours, n <= MAX_DEPTH, "{n} levels of {open}");
                assert_eq!(check_depth_in_place(&mut in_place).is_ok(), ours);
                assert_eq!(in_place.is_null(), !ours, "a value too deep is taken apart");
                assert_eq!(
                    parsed, ours,
                    "serde_json and check_depth on {n} levels of {open}"
                );
            }
        }
    }

    /// serde_json's recursion-limit error, told by its message: the oracle of
    /// [`nests_past_limit`] (`error::is_too_deep` tells it from the text).
    fn serde_says_too_deep(text: &str) -> Option<bool> {
        let e = serde_json::from_str::<Value>(text).err()?;
        Some(e.is_syntax() && e.to_string().starts_with("recursion limit exceeded"))
    }

    fn told_too_deep(text: &str) -> Option<bool> {
        let e = serde_json::from_str::<Value>(text).err()?;
        Some(crate::error::is_too_deep(&e, text))
    }

    fn nest(n: usize) -> String {
        format!("{}1{}", "[".repeat(n), "]".repeat(n))
    }

    /// A document that is JSON but for its depth is too deep exactly when serde_json says so,
    /// whatever hides or shifts a bracket: strings holding brackets and escaped quotes, lines,
    /// multi-byte characters. A text that is not JSON and nests past the limit is too deep
    /// even where serde_json first meets another error (both refuse it; the depth is what
    /// `input_too_deep` names); one within the limit is not.
    #[test]
    fn too_deep_is_told_from_the_text() {
        let documents = [
            nest(MAX_DEPTH),
            nest(MAX_DEPTH + 1),
            format!("[\"[[[\\\"[[\",\n  \"é😀\",\n{}]", nest(MAX_DEPTH)),
            format!("{{\"a\":\n\n{}}}", nest(MAX_DEPTH)),
            format!("{{\"a\": {}}}", nest(MAX_DEPTH - 1)),
            format!("[{}, 1 2]", nest(MAX_DEPTH + 1)),
            format!("{}x", "[".repeat(MAX_DEPTH)),
            "{\"k\":".repeat(MAX_DEPTH + 1),
        ];
        for text in &documents {
            let short: String = text.chars().take(40).collect();
            assert_eq!(told_too_deep(text), serde_says_too_deep(text), "{short}");
        }
        assert_eq!(told_too_deep(&nest(MAX_DEPTH + 1)), Some(true));
        assert_eq!(told_too_deep(&nest(MAX_DEPTH)), None, "127 levels parse");
        // Not JSON before the depth is reached: serde_json stops at the first error.
        let early = format!("[1 2, {}]", nest(MAX_DEPTH + 5));
        assert_eq!(serde_says_too_deep(&early), Some(false));
        assert_eq!(told_too_deep(&early), Some(true));
        // At the very bracket past the limit (a fresh clone's proptest found it: serde_json
        // reports its other error at the same position as the depth).
        let same_place = format!("{}\"\"[{{\"", "[".repeat(MAX_DEPTH));
        assert_eq!(serde_says_too_deep(&same_place), Some(false));
        assert_eq!(told_too_deep(&same_place), Some(true));
        for text in ["[\"unterminated", "]]]]", "[1 2]", "{\"a\" 1}"] {
            assert_eq!(told_too_deep(text), Some(false), "{text}");
        }
    }

    /// A JSON document of nested lists and objects, `depth` deep, with strings that hold
    /// brackets, quotes and escapes between the levels.
    fn document(depth: usize, fill: &[String]) -> String {
        let mut text = String::new();
        for level in 0..depth {
            let filler = &fill[level % fill.len().max(1)];
            if level % 2 == 0 {
                text.push('[');
                text.push_str(filler);
                text.push_str(", ");
            } else {
                text.push_str("{\"k\": ");
                text.push_str(filler);
                text.push_str(", \"v\": ");
            }
        }
        text.push('1');
        for level in (0..depth).rev() {
            text.push(if level % 2 == 0 { ']' } else { '}' });
        }
        text
    }

    proptest! {
        /// Whenever serde_json says a text is too deep, so does the text's scan, and a text
        /// that is JSON but for its depth is too deep exactly when serde_json says so. The
        /// texts: brackets, strings, escapes, lines and junk, with long runs of opening
        /// brackets so the limit is often reached; and generated documents around the limit.
        #[test]
        fn too_deep_agrees_with_serde_json(
            parts in proptest::collection::vec(prop_oneof![
                (100usize..140).prop_map(|n| "[".repeat(n)),
                (1usize..140).prop_map(|n| "{\"a\":".repeat(n)),
                Just("]".to_owned()), Just("}".to_owned()), Just("\"".to_owned()),
                Just("\\".to_owned()), Just("\\\"".to_owned()), Just("\n".to_owned()),
                Just(",".to_owned()), Just("1".to_owned()), Just("x".to_owned()),
                Just("\"[{\"".to_owned()), Just("é".to_owned()),
            ], 0..12),
            depth in (MAX_DEPTH - 3)..(MAX_DEPTH + 3),
            fill in proptest::collection::vec(
                prop_oneof![Just("\"[\"".to_owned()), Just("\"]}\\\"{\"".to_owned()),
                            Just("\"\\\\\"".to_owned()), Just("2".to_owned()), Just("\"é\\n\"".to_owned())],
                1..4),
        ) {
            let text = parts.concat();
            if serde_says_too_deep(&text) == Some(true) {
                prop_assert_eq!(told_too_deep(&text), Some(true));
            }
            let text = document(depth, &fill);
            prop_assert_eq!(told_too_deep(&text), serde_says_too_deep(&text), "depth {}", depth);
            prop_assert_eq!(told_too_deep(&text).is_some(), depth > MAX_DEPTH);
        }

        /// `char_count` is `chars().count()`.
        #[test]
        fn char_count_is_chars_count(text in "\\PC{0,24}") {
            prop_assert_eq!(char_count(&text), text.chars().count());
        }
    }
}
