//! `document`: `kyc::sniff_document`, `kyc::check_document_size`, and the base64 checks the
//! public API reaches: an inline document in `kyc::validate_submission` (the input as the
//! base64 text, and the input's bytes encoded with `kyc::encode_document`) and the
//! `upload_document` request builder.
//!
//! Input: the bytes of a file (the first 8 bytes are also read as a size).
#![no_main]
// Test code: writes its inputs with `json!` (clippy.toml keeps it out of product code).
#![allow(clippy::disallowed_macros)]

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use wanumbers::api::{Config, dispatch};
use wanumbers::kyc::{
    self, ACCEPTED_TYPES, FieldError, KycDocument, KycForm, KycSubmission, Lang, MAX_DOCUMENT_BYTES,
};
use wanumbers::{Date, ErrorCode};
use wanumbers_fuzz::text;

/// The document codes the validator gives an inline document.
const BASE64_PATH: &str = "/documents/0/base64";

fuzz_target!(|data: &[u8]| {
    // Sniffing reads the magic bytes only.
    let sniffed = kyc::sniff_document(data);
    let expected = if data.starts_with(b"%PDF-") {
        Some("pdf")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if data.starts_with(b"RIFF") && data.get(8..12) == Some(b"WEBP") {
        Some("webp")
    } else {
        None
    };
    assert_eq!(sniffed.map(|t| t.extension), expected);
    if let Some(t) = sniffed {
        assert!(ACCEPTED_TYPES.contains(&t));
    }

    size(data.len() as u64);
    if let Some(head) = data.first_chunk::<8>() {
        size(u64::from_le_bytes(*head));
    }

    let (Ok(form), Ok(today)) = (form(), Date::from_ymd(2026, 3, 1)) else {
        return;
    };
    // The input's bytes, encoded as the API wants them, named after what they are: accepted.
    let encoded = kyc::encode_document(data);
    let name = format!("id.{}", sniffed.map_or("bin", |t| t.extension));
    let errors = inline(&form, &name, &encoded, today);
    let problems: Vec<&FieldError> = errors
        .iter()
        .filter(|e| e.path.starts_with("/documents/0"))
        .collect();
    if sniffed.is_some() && !data.is_empty() {
        assert!(
            problems.is_empty(),
            "a well-formed document was refused: {problems:?}"
        );
    } else {
        assert!(
            !problems.is_empty(),
            "a document of no accepted type passed"
        );
    }

    // The input itself as the base64 text: whatever is not refused as base64 is well formed.
    if let Some(b64) = text(data) {
        let errors = inline(&form, "id.pdf", b64, today);
        let refused = errors.iter().any(|e| {
            e.path == BASE64_PATH
                && matches!(
                    e.code,
                    ErrorCode::KycDocumentBase64Invalid | ErrorCode::KycDocumentTooLarge
                )
        });
        if !refused {
            assert!(well_formed(b64), "{b64:?} passed the base64 checks");
        }
    }

    // The upload request carries the bytes as they are, when the name matches the content.
    let config = Config::new("sk_test_1");
    let args = json!({"filename": name, "bytes": encoded});
    let request = dispatch::zernio_request(&config, "upload_document", args);
    match (&request, sniffed) {
        (Ok(r), Some(_)) => assert_eq!(r.body, data),
        (Ok(_), None) => panic!("uploaded a file of no accepted type"),
        (Err(e), Some(_)) => panic!("refused an upload of an accepted type: {e:?}"),
        (Err(_), None) => {}
    }
});

fn size(n: u64) {
    let result = kyc::check_document_size(n);
    assert_eq!(
        result.is_ok(),
        (1..=MAX_DOCUMENT_BYTES).contains(&n),
        "size {n}"
    );
    if let Err(e) = result {
        let code = if n == 0 {
            ErrorCode::KycDocumentEmpty
        } else {
            ErrorCode::KycDocumentTooLarge
        };
        assert_eq!(e.code(), code);
    }
}

fn form() -> Result<KycForm, wanumbers::Error> {
    wanumbers::error::from_value(json!({
        "country": "GB",
        "fields": [{"requirementId": "doc", "label": "Proof of address", "kind": "file"}]
    }))
}

fn inline(form: &KycForm, filename: &str, b64: &str, today: Date) -> Vec<FieldError> {
    let submission = KycSubmission {
        profile_id: Some("p1".into()),
        country: Some("GB".into()),
        documents: vec![KycDocument {
            requirement_id: Some("doc".into()),
            filename: Some(filename.into()),
            base64: Some(b64.into()),
            ..KycDocument::default()
        }],
        ..KycSubmission::default()
    };
    kyc::validate_submission(form, &submission, None, today, Lang::En)
}

/// Standard alphabet, padded to a multiple of 4, `=` only as the last one or two characters.
fn well_formed(b64: &str) -> bool {
    let bytes = b64.as_bytes();
    let padding = bytes.iter().rev().take_while(|b| **b == b'=').count();
    bytes.len().is_multiple_of(4)
        && padding <= 2
        && bytes
            .iter()
            .take(bytes.len() - padding)
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
}
