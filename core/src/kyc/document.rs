//! Documents for KYC: what a file is (sniffed from its bytes, not its name), whether it is
//! small enough, and whether its base64 is what the API accepts. Pure Rust, so it runs in
//! the browser. ID photos become one PDF in [`id_sides`](super::id_sides).

use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};

/// The largest document the API accepts: 20 MB, read as 20,000,000 bytes (the stricter
/// reading, so nothing the API could refuse passes).
pub use crate::limits::MAX_DOCUMENT_BYTES;

/// A document type wanumbers recognises from the first bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DocumentType {
    /// MIME type, e.g. `application/pdf`.
    pub mime: &'static str,
    /// The usual file extension, without the dot, e.g. `pdf`.
    pub extension: &'static str,
}

pub(crate) const PDF: DocumentType = DocumentType {
    mime: "application/pdf",
    extension: "pdf",
};
pub(crate) const JPEG: DocumentType = DocumentType {
    mime: "image/jpeg",
    extension: "jpg",
};
pub(crate) const PNG: DocumentType = DocumentType {
    mime: "image/png",
    extension: "png",
};
pub(crate) const WEBP: DocumentType = DocumentType {
    mime: "image/webp",
    extension: "webp",
};

/// The document types the KYC endpoints accept.
pub const ACCEPTED_TYPES: [DocumentType; 4] = [PDF, JPEG, PNG, WEBP];

/// What a file is, from its first bytes (PDF, JPEG, PNG, WEBP), or `None`.
///
/// ```
/// use wanumbers::kyc::sniff_document;
/// assert_eq!(sniff_document(b"%PDF-1.7\n...").unwrap().extension, "pdf");
/// assert_eq!(sniff_document(b"GIF89a"), None);
/// ```
pub fn sniff_document(bytes: &[u8]) -> Option<DocumentType> {
    if bytes.starts_with(b"%PDF-") {
        Some(PDF)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(JPEG)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(PNG)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(WEBP)
    } else {
        None
    }
}

/// Whether a file of `size_bytes` can be sent: not empty, at most [`MAX_DOCUMENT_BYTES`].
///
/// # Errors
/// `kyc_document_empty` or `kyc_document_too_large` (details `max_bytes`, `size_bytes`).
pub fn check_document_size(size_bytes: u64) -> Result<()> {
    check_size(size_bytes, MAX_DOCUMENT_BYTES)
}

fn check_size(size_bytes: u64, max_bytes: u64) -> Result<()> {
    if size_bytes == 0 {
        return Err(Error::new(ErrorCode::KycDocumentEmpty, "the file is empty"));
    }
    if size_bytes > max_bytes {
        return Err(Error::new(
            ErrorCode::KycDocumentTooLarge,
            format!("the file is larger than {} MB", max_bytes / 1_000_000),
        )
        .with("max_bytes", max_bytes)
        .with("size_bytes", size_bytes));
    }
    Ok(())
}

/// Whether a file can be sent under `filename`: not empty, at most `max_bytes`, a PDF, JPEG,
/// PNG or WEBP file, and named with its type's extension (`.jpeg` for a JPEG too).
///
/// # Errors
/// `argument_missing` (no name), `kyc_document_empty`, `kyc_document_too_large`,
/// `kyc_document_type_unsupported` or `kyc_document_extension_mismatch` (details `detected`).
pub fn check_named_file(filename: &str, bytes: &[u8], max_bytes: u64) -> Result<DocumentType> {
    crate::api::require("filename", filename)?;
    check_size(bytes.len() as u64, max_bytes)?;
    let Some(kind) = sniff_document(bytes) else {
        return Err(Error::new(
            ErrorCode::KycDocumentTypeUnsupported,
            "upload a PDF, JPEG, PNG or WEBP file",
        ));
    };
    let ext = filename
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if ext != kind.extension && !(kind.extension == "jpg" && ext == "jpeg") {
        return Err(Error::new(
            ErrorCode::KycDocumentExtensionMismatch,
            format!(
                "the file is a {} file: name it with the .{} extension",
                kind.extension, kind.extension
            ),
        )
        .with("detected", kind.extension));
    }
    Ok(kind)
}

/// Why a base64 string is not what the API accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base64Problem {
    /// Starts with `data:...;base64,` (a browser data URL): send only what follows the comma.
    DataUrl,
    /// Contains spaces or line breaks.
    Whitespace,
    /// A character outside the standard alphabet, or misplaced `=` padding.
    Alphabet,
    /// The length is not a multiple of 4 (missing padding or truncated).
    Length,
}

impl Base64Problem {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Base64Problem::DataUrl => "data_url",
            Base64Problem::Whitespace => "whitespace",
            Base64Problem::Alphabet => "alphabet",
            Base64Problem::Length => "length",
        }
    }
}

/// The decoded size of a padded base64 string, from its length alone.
pub(crate) fn decoded_len(encoded: &str) -> u64 {
    let len = encoded.len() as u64;
    let padding = encoded.bytes().rev().take(2).filter(|b| *b == b'=').count() as u64;
    (len / 4 * 3).saturating_sub(padding)
}

/// Checks the alphabet and padding without decoding, so a 20 MB document costs no allocation.
pub(crate) fn check_base64(encoded: &str) -> std::result::Result<(), Base64Problem> {
    if encoded.starts_with("data:") {
        return Err(Base64Problem::DataUrl);
    }
    let bytes = encoded.as_bytes();
    if bytes.iter().any(u8::is_ascii_whitespace) {
        return Err(Base64Problem::Whitespace);
    }
    let body_len = bytes.len()
        - bytes
            .iter()
            .rev()
            .take(2)
            .take_while(|b| **b == b'=')
            .count();
    let (body, _padding) = bytes.split_at(body_len);
    if !body
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
    {
        return Err(Base64Problem::Alphabet);
    }
    if !bytes.len().is_multiple_of(4) {
        return Err(Base64Problem::Length);
    }
    Ok(())
}

/// Decodes just enough of a valid base64 string to sniff its type.
pub(crate) fn sniff_base64(encoded: &str) -> Option<DocumentType> {
    let head = encoded.get(..encoded.len().min(32))?;
    let head = head.get(..head.len() / 4 * 4)?;
    let bytes = crate::base64::decode(head)?;
    sniff_document(&bytes)
}

/// Base64-encodes a file for an inline KYC document (standard alphabet, padded).
pub fn encode_document(bytes: &[u8]) -> String {
    crate::base64::encode(bytes)
}
