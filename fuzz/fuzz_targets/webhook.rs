//! `webhook`: signature checks (`verify_zernio_signature`, `verify_meta_signature`), body
//! parsers (`parse_zernio_webhook`, `parse_meta_webhook`, then `apply_event`) and Meta's
//! subscription handshake (`meta_challenge`).
//!
//! Checks: a signature made with the secret verifies and one over a changed body does not; what
//! verifies is the HMAC of the body; a blank secret never verifies; the handshake only echoes
//! a short decimal challenge, and only for mode `subscribe` with the right, non-blank token.
//!
//! Input: four NUL-separated parts: the secret, the signature header, the body, and three
//! lines `mode`, `token`, `challenge` for the handshake (the secret is the expected token).
#![no_main]

use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;
use wanumbers::status::NumberStatus;
use wanumbers::webhook::{self, LocalNumber};
use wanumbers_fuzz::{parts, text};

/// `MAX_CHALLENGE_DIGITS` (core/src/limits.rs): the longest challenge echoed.
const MAX_CHALLENGE_DIGITS: usize = 64;

fn hmac_hex(secret: &[u8], body: &[u8]) -> Option<String> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).ok()?;
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    Some(tag.iter().map(|b| format!("{b:02x}")).collect())
}

fuzz_target!(|data: &[u8]| {
    let [secret, header, body, handshake] = parts::<4>(data);
    let header = text(header);
    let blank_secret = secret.iter().all(u8::is_ascii_whitespace);

    // Zernio: the lowercase hex HMAC-SHA256 of the raw body.
    let zernio = webhook::verify_zernio_signature(secret, body, header);
    let meta = webhook::verify_meta_signature(secret, body, header);
    if blank_secret {
        assert!(
            zernio.is_err(),
            "a blank secret verified a Zernio signature"
        );
        assert!(meta.is_err(), "a blank secret verified a Meta signature");
    }
    if let Some(signature) = hmac_hex(secret, body) {
        if zernio.is_ok() {
            let sent = header.unwrap_or_default().trim();
            assert!(
                sent.eq_ignore_ascii_case(&signature),
                "accepted {sent:?}, HMAC is {signature}"
            );
        }
        if meta.is_ok() {
            assert!(header.unwrap_or_default().trim().starts_with("sha256="));
        }
        if !blank_secret {
            let meta_header = format!("sha256={signature}");
            assert!(webhook::verify_zernio_signature(secret, body, Some(&signature)).is_ok());
            assert!(webhook::verify_meta_signature(secret, body, Some(&meta_header)).is_ok());
            let mut changed = body.to_vec();
            changed.push(b'x');
            assert!(webhook::verify_zernio_signature(secret, &changed, Some(&signature)).is_err());
            assert!(webhook::verify_meta_signature(secret, &changed, Some(&meta_header)).is_err());
        }
    }

    if let Ok(event) = webhook::parse_zernio_webhook(body) {
        assert!(serde_json::to_string(&event).is_ok());
        for status in [
            NumberStatus::PendingPayment,
            NumberStatus::Active,
            NumberStatus::Released,
        ] {
            let record = LocalNumber {
                id: Some("n1".into()),
                status,
                reason: None,
                updated_at: None,
                seen_event_ids: Vec::new(),
            };
            if let Ok(applied) = webhook::apply_event(&record, &event)
                && applied.changed
                && event.id.is_some()
            {
                let again = webhook::apply_event(&applied.record, &event);
                assert_eq!(
                    again.map(|a| a.changed).ok(),
                    Some(false),
                    "an event applied twice"
                );
            }
        }
    }
    if let Ok(meta_event) = webhook::parse_meta_webhook(body) {
        assert!(serde_json::to_string(&meta_event).is_ok());
    }

    let mut lines = handshake.split(|b| *b == b'\n').map(text);
    let (mode, token, challenge) = (
        lines.next().flatten(),
        lines.next().flatten(),
        lines.next().flatten(),
    );
    if let Some(expected) = text(secret) {
        let answer = webhook::meta_challenge(mode, token, challenge, expected);
        if let Ok(echoed) = answer {
            assert_eq!(mode, Some("subscribe"));
            assert_eq!(token, Some(expected));
            assert!(
                !expected.trim().is_empty(),
                "a blank verify token was accepted"
            );
            assert_eq!(Some(echoed.as_str()), challenge);
            assert!(
                (1..=MAX_CHALLENGE_DIGITS).contains(&echoed.len())
                    && echoed.bytes().all(|b| b.is_ascii_digit()),
                "echoed {echoed:?}"
            );
        }
    }
});
