//! `images`: `kyc::combine_id_sides` on two images (JPEG or PNG, front and back) cut from the
//! input. What it returns is a PDF, the same bytes for the same images; it refuses anything
//! that is not a JPEG or a PNG. A decompression bomb (a PNG whose header claims huge
//! dimensions) shows up as a crash through libFuzzer's `-rss_limit_mb` / `-malloc_limit_mb`.
//!
//! Input: a 4-byte little-endian length `n`, then the front (`n` bytes, at most what is
//! left), then the back (the rest).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanumbers::ErrorCode;
use wanumbers::kyc;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let n = usize::try_from(u32::from_le_bytes(*head))
        .unwrap_or(usize::MAX)
        .min(rest.len());
    let (front, back) = rest.split_at(n);
    let result = kyc::combine_id_sides(front, back);
    let is_image = |bytes: &[u8]| {
        kyc::sniff_document(bytes).is_some_and(|t| matches!(t.extension, "jpg" | "png" | "webp"))
    };
    match result {
        Ok(pdf) => {
            assert!(
                is_image(front) && is_image(back),
                "a PDF from something that is not an image"
            );
            assert!(pdf.starts_with(b"%PDF-"));
            assert_eq!(kyc::sniff_document(&pdf).map(|t| t.extension), Some("pdf"));
            assert!(
                pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"),
                "no %%EOF at the end"
            );
            // Deterministic: no timestamps, no randomness.
            assert_eq!(kyc::combine_id_sides(front, back).ok(), Some(pdf));
        }
        Err(e) => {
            let code = e.code();
            assert!(
                matches!(
                    code,
                    ErrorCode::KycImageUnsupported
                        | ErrorCode::KycImageInvalid
                        | ErrorCode::KycImageTooLarge
                        | ErrorCode::KycDocumentEmpty
                        | ErrorCode::KycDocumentTooLarge
                ),
                "{code:?}"
            );
            if code == ErrorCode::KycImageUnsupported {
                assert!(!is_image(front) || !is_image(back));
            }
        }
    }
});
