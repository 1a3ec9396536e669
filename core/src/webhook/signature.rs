//! Webhook signatures over the raw body bytes (Zernio's lowercase-hex HMAC-SHA256, Meta's
//! `X-Hub-Signature-256: sha256=…`) and Meta's subscription handshake.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::{Error, ErrorCode, Result};
use crate::limits::{MAX_CHALLENGE_DIGITS, MAX_WEBHOOK_BODY_BYTES};

type HmacSha256 = Hmac<Sha256>;

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    let digit = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Some(digit(*hi)? << 4 | digit(*lo)?),
            _ => None,
        })
        .collect()
}

/// Refuses what no signature can be checked against: an empty or whitespace-only secret (an
/// unset environment variable would otherwise let anyone sign with `""`), and a body past
/// [`MAX_WEBHOOK_BODY_BYTES`] (bounded before any hashing).
fn check_inputs(secret: &[u8], body: &[u8], what: &str) -> Result<()> {
    if secret.iter().all(u8::is_ascii_whitespace) {
        return Err(secret_missing(what));
    }
    check_body(body)
}

pub(super) fn check_body(body: &[u8]) -> Result<()> {
    if body.len() > MAX_WEBHOOK_BODY_BYTES {
        return Err(Error::new(
            ErrorCode::WebhookBodyTooLarge,
            format!(
                "the webhook body is larger than {} MiB; refuse the delivery",
                MAX_WEBHOOK_BODY_BYTES / (1024 * 1024)
            ),
        )
        .with("max_bytes", MAX_WEBHOOK_BODY_BYTES)
        .with("size_bytes", body.len()));
    }
    Ok(())
}

fn secret_missing(what: &str) -> Error {
    Error::new(
        ErrorCode::SignatureSecretMissing,
        format!("the {what} is empty: configure it (is its environment variable set?); nothing is accepted without it"),
    )
    .with("secret", what)
}

fn verify(secret: &[u8], body: &[u8], expected: &[u8]) -> bool {
    HmacSha256::new_from_slice(secret).is_ok_and(|mut mac| {
        mac.update(body);
        mac.verify_slice(expected).is_ok()
    })
}

fn missing(header: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMissing,
        format!("the {header} header is missing; refuse the delivery"),
    )
    .with("header", header)
}

fn malformed(header: &str, expected: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMalformed,
        format!("the {header} header is not {expected}"),
    )
    .with("header", header)
}

fn mismatch(header: &str) -> Error {
    Error::new(
        ErrorCode::SignatureMismatch,
        "the signature does not match the body: it was not sent with this secret, or the body was changed",
    )
    .with("header", header)
}

/// Zernio's signature of `raw_body` with `secret`, as a delivery's `X-Zernio-Signature`
/// carries it: the lowercase hex HMAC-SHA256, no prefix (Meta's header is this with
/// `sha256=` before it). For senders: the sandbox, and tests of a receiver.
pub fn zernio_signature(secret: &[u8], raw_body: &[u8]) -> String {
    use std::fmt::Write as _;
    HmacSha256::new_from_slice(secret).map_or_else(
        |_| String::new(),
        |mut mac| {
            mac.update(raw_body);
            mac.finalize()
                .into_bytes()
                .iter()
                .fold(String::new(), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                })
        },
    )
}

/// Verifies a Zernio delivery: `X-Zernio-Signature` is the lowercase hex HMAC-SHA256 of the
/// raw body with the webhook's secret. Verify the bytes as received, before parsing.
///
/// ```
/// use wanumbers::webhook::verify_zernio_signature;
/// let body = br#"{"id":"evt_1","event":"whatsapp.number.activated"}"#;
/// let sig = "4f2e9b1f2c0e3f1b0b4c9e8d8f8a4d1b6f0a6b1e6c4b9e6a0f2d3c4b5a697887"; // not the real one
/// assert_eq!(verify_zernio_signature(b"secret", body, Some(sig)).unwrap_err().code().as_str(), "signature_mismatch");
/// assert_eq!(verify_zernio_signature(b"secret", body, None).unwrap_err().code().as_str(), "signature_missing");
/// ```
///
/// # Errors
/// `signature_secret_missing` (the secret is empty or whitespace), `webhook_body_too_large`,
/// `signature_missing` (no header although a secret is configured), `signature_malformed`
/// (not 64 hex digits), `signature_mismatch`.
pub fn verify_zernio_signature(secret: &[u8], raw_body: &[u8], header: Option<&str>) -> Result<()> {
    const HEADER: &str = "X-Zernio-Signature";
    check_inputs(secret, raw_body, "webhook secret")?;
    let header = header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| missing(HEADER))?;
    let expected = hex_decode(header).ok_or_else(|| malformed(HEADER, "64 hex digits"))?;
    if verify(secret, raw_body, &expected) {
        Ok(())
    } else {
        Err(mismatch(HEADER))
    }
}

/// Verifies a Meta delivery: `X-Hub-Signature-256: sha256=<hex>` is HMAC-SHA256 of the raw
/// body with the app secret. Meta signs the body with non-ASCII characters escaped
/// (`\u00e4`); the bytes on the wire already are, so they are verified as received, and a
/// body that was re-encoded with raw UTF-8 is also tried in escaped form.
///
/// # Errors
/// `signature_secret_missing` (the app secret is empty or whitespace),
/// `webhook_body_too_large`, `signature_missing`, `signature_malformed` (no `sha256=` prefix or
/// not 64 hex digits), `signature_mismatch`.
pub fn verify_meta_signature(
    app_secret: &[u8],
    raw_body: &[u8],
    header: Option<&str>,
) -> Result<()> {
    const HEADER: &str = "X-Hub-Signature-256";
    check_inputs(app_secret, raw_body, "app secret")?;
    let header = header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| missing(HEADER))?;
    let hex = header
        .strip_prefix("sha256=")
        .ok_or_else(|| malformed(HEADER, "sha256=<64 hex digits>"))?;
    let expected = hex_decode(hex).ok_or_else(|| malformed(HEADER, "sha256=<64 hex digits>"))?;
    if verify(app_secret, raw_body, &expected) {
        return Ok(());
    }
    if !raw_body.is_ascii()
        && let Ok(text) = std::str::from_utf8(raw_body)
        && verify(app_secret, escape_unicode(text).as_bytes(), &expected)
    {
        return Ok(());
    }
    Err(mismatch(HEADER))
}

/// Escapes every non-ASCII character as `\uXXXX` (lowercase hex, surrogate pairs above the
/// BMP), as Meta does before signing. Runs of ASCII are copied whole.
fn escape_unicode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut units = [0u16; 2];
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| !c.is_ascii()) {
        let (ascii, tail) = rest.split_at(at);
        out.push_str(ascii);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            for unit in c.encode_utf16(&mut units) {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    let nibble = usize::from((*unit >> shift) & 15);
                    out.push(char::from(HEX.get(nibble).copied().unwrap_or(b'0')));
                }
            }
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

/// Answers Meta's subscription handshake (`GET` with `hub.mode`, `hub.verify_token`,
/// `hub.challenge`): the challenge to echo as the 200 body, sent as `text/plain`. No signature
/// is checked on this request (it has none). Only the short decimal token Meta sends is
/// echoed, so the handshake can never be used to reflect markup into a response.
///
/// # Errors
/// `signature_secret_missing` when `expected_token` is empty or whitespace (answer 500: the
/// endpoint is misconfigured); `challenge_mismatch` when the mode is not `subscribe`, the
/// token differs, or the challenge is not 1 to
/// [`MAX_CHALLENGE_DIGITS`](crate::limits::MAX_CHALLENGE_DIGITS) ASCII digits (answer 403).
pub fn meta_challenge(
    mode: Option<&str>,
    verify_token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> Result<String> {
    if expected_token.trim().is_empty() {
        return Err(secret_missing("verify token"));
    }
    let challenge = challenge.filter(|c| {
        (1..=MAX_CHALLENGE_DIGITS).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit())
    });
    let token_ok = verify_token.is_some_and(|t| {
        t.len() == expected_token.len()
            && t.bytes()
                .zip(expected_token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    });
    let reason = match (mode, challenge) {
        (Some("subscribe"), Some(challenge)) if token_ok => return Ok(challenge.to_owned()),
        (Some("subscribe"), _) if !token_ok => "verify_token",
        (Some("subscribe"), _) => "challenge",
        _ => "mode",
    };
    let what = match reason {
        "mode" => "hub.mode is not subscribe",
        "verify_token" => "hub.verify_token is not the expected token",
        _ => "hub.challenge is missing or is not Meta's decimal token",
    };
    Err(Error::new(
        ErrorCode::ChallengeMismatch,
        format!("the subscription handshake is refused ({what}): answer 403"),
    )
    .with("reason", reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::zernio_signature as sign;

    #[test]
    fn zernio_signatures() {
        let body = br#"{"id":"e1","event":"whatsapp.number.activated"}"#;
        let sig = sign(b"whsec", body);
        assert!(verify_zernio_signature(b"whsec", body, Some(&sig)).is_ok());
        assert_eq!(
            verify_zernio_signature(b"other", body, Some(&sig))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMismatch
        );
        assert_eq!(
            verify_zernio_signature(b"whsec", body, Some(&sig.to_uppercase()))
                .map_err(|e| e.code()),
            Ok(())
        );
        assert_eq!(
            verify_zernio_signature(b"whsec", body, Some("abc"))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMalformed
        );
    }

    #[test]
    fn meta_signs_escaped_unicode() {
        let escaped = r#"{"value":"Caf\u00e9 \ud83d\ude00"}"#;
        let sig = format!("sha256={}", sign(b"app", escaped.as_bytes()));
        assert!(verify_meta_signature(b"app", escaped.as_bytes(), Some(&sig)).is_ok());
        // The same body re-encoded with raw UTF-8 still verifies through the escaped form.
        let raw = "{\"value\":\"Café 😀\"}";
        assert!(verify_meta_signature(b"app", raw.as_bytes(), Some(&sig)).is_ok());
        assert_eq!(
            verify_meta_signature(b"app", escaped.as_bytes(), Some(&sig[7..]))
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMalformed
        );
    }

    #[test]
    fn handshake() {
        assert_eq!(
            meta_challenge(Some("subscribe"), Some("tok"), Some("42"), "tok").unwrap(),
            "42"
        );
        assert!(meta_challenge(Some("unsubscribe"), Some("tok"), Some("42"), "tok").is_err());
        assert!(meta_challenge(Some("subscribe"), Some("to"), Some("42"), "tok").is_err());
    }
}
