//! Upper case where it is ASCII, without Unicode's case tables (they would add ~4 KB brotli to
//! the browser builds): what postal-code formats and phone keypad letters need of
//! `char::to_uppercase`, whose answers can only matter there when they are ASCII.

/// `c`'s upper case (`char::to_uppercase`) when it is all ASCII (`ß` → `SS`), else `None`.
/// The few non-ASCII characters whose upper case is ASCII are spelled out; a test holds this
/// to `to_uppercase` for every character. `one` holds the answer for an ASCII `c`.
pub(crate) fn ascii_upper(c: char, one: &mut [u8; 1]) -> Option<&[u8]> {
    Some(match c {
        'ı' => b"I",
        'ſ' => b"S",
        'ß' => b"SS",
        'ﬀ' => b"FF",
        'ﬁ' => b"FI",
        'ﬂ' => b"FL",
        'ﬃ' => b"FFI",
        'ﬄ' => b"FFL",
        'ﬅ' | 'ﬆ' => b"ST",
        c if c.is_ascii() => {
            *one = [c.to_ascii_uppercase() as u8];
            one
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ascii_upper` against the standard library's `to_uppercase`, for every character.
    #[test]
    fn ascii_upper_is_to_uppercase_where_that_is_ascii() {
        let mut one = [0u8];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let std: String = c.to_uppercase().collect();
            let ours = ascii_upper(c, &mut one).map(|b| String::from_utf8(b.to_vec()).unwrap());
            if std.is_ascii() {
                assert_eq!(ours.as_deref(), Some(std.as_str()), "{c:?}");
            } else {
                assert_eq!(ours, None, "{c:?}");
            }
        }
    }
}
