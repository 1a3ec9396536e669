//! Standard base64 (RFC 4648 §4, padded), written out for size: the `base64` crate's general
//! engine cost the browser builds ~7 KB of code and tables for the two functions used here.
//! The answers are the crate's `STANDARD` engine's, checked against it (a dev-dependency) by
//! the property tests below: padding required, no whitespace, and the unused bits of the last
//! character zero (one string per byte sequence).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` as padded standard base64.
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    let bytes = bytes.as_ref();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let char_at = |n: u32, shift: u32| {
        char::from(
            ALPHABET
                .get(((n >> shift) & 63) as usize)
                .copied()
                .unwrap_or(b'A'),
        )
    };
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        out.push(char_at(n, 18));
        out.push(char_at(n, 12));
        out.push(if chunk.len() > 1 { char_at(n, 6) } else { '=' });
        out.push(if chunk.len() > 2 { char_at(n, 0) } else { '=' });
    }
    out
}

/// The value of one base64 character.
fn value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// The bytes of padded standard base64, or `None` when `text` is not exactly that.
pub fn decode(text: impl AsRef<[u8]>) -> Option<Vec<u8>> {
    let text = text.as_ref();
    if text.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let last = text.len() / 4;
    for (i, quad) in text.chunks_exact(4).enumerate() {
        // Padding only at the very end: `xx==` or `xxx=`.
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && i + 1 != last) {
            return None;
        }
        let mut n = 0u32;
        for &c in quad.get(..4 - pad)? {
            n = (n << 6) | value(c)?;
        }
        n <<= [0, 6, 12].get(pad)?;
        let [_, a, b, c] = n.to_be_bytes();
        let kept = 3 - pad;
        // The bits the padding leaves unused must be zero.
        if [a, b, c].get(kept..)?.iter().any(|&x| x != 0) {
            return None;
        }
        out.extend_from_slice([a, b, c].get(..kept)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        for bad in [
            "Zg", "Zg=", "Zh==", "Zm9=", "Zg==Zg==", "Z===", "Zm9v\n", "Zm 9", "====", "Zm-v",
            "Z=g=", "=Zg=",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn encode_is_the_crates(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(encode(&bytes), STANDARD.encode(&bytes));
        }

        #[test]
        fn decode_is_the_crates(text in "[A-Za-z0-9+/=]{0,24}") {
            prop_assert_eq!(decode(&text), STANDARD.decode(&text).ok());
        }

        #[test]
        fn decode_of_near_misses_is_the_crates(
            bytes in proptest::collection::vec(any::<u8>(), 0..32),
            at in any::<prop::sample::Index>(),
            with in prop::sample::select(b"=A/+\n -_\x80".to_vec()),
        ) {
            let mut text = STANDARD.encode(&bytes).into_bytes();
            if !text.is_empty() {
                let i = at.index(text.len());
                text[i] = with;
            }
            prop_assert_eq!(decode(&text), STANDARD.decode(&text).ok());
        }
    }
}
