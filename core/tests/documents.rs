//! ID front + back into one PDF, checked with real PDF tools (Debian's `qpdf --check` and
//! `pdfinfo`). `make test` installs them and sets `WANUMBERS_REQUIRE_PDF_TOOLS=1`, so there the
//! tools must be present; a bare `cargo test` without them skips that part and says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use wanumbers::ErrorCode;
use wanumbers::kyc::{combine_id_sides, sniff_document};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tool(name: &str) -> bool {
    let present = Command::new(name).arg("--version").output().is_ok();
    assert!(
        present || std::env::var_os("WANUMBERS_REQUIRE_PDF_TOOLS").is_none(),
        "{name} is required (WANUMBERS_REQUIRE_PDF_TOOLS is set) but not installed"
    );
    present
}

/// Runs qpdf --check and pdfinfo on a PDF; returns pdfinfo's output.
fn check_with_real_tools(path: &Path) -> Option<String> {
    if !(tool("qpdf") && tool("pdfinfo")) {
        eprintln!("qpdf/pdfinfo not installed: skipping the real-reader check");
        return None;
    }
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "qpdf --check failed for {}:\n{report}{}",
        path.display(),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
    let info = Command::new("pdfinfo").arg(path).output().unwrap();
    assert!(
        info.status.success(),
        "pdfinfo failed: {}",
        String::from_utf8_lossy(&info.stderr)
    );
    Some(String::from_utf8_lossy(&info.stdout).into_owned())
}

#[test]
fn every_supported_pair_makes_a_one_page_pdf_that_real_readers_accept() {
    let fronts = [
        "front.jpg",
        "front-exif6.jpg",
        "front-progressive.jpg",
        "front-gray.jpg",
        "front-cmyk.jpg",
        "front.webp",
    ];
    let backs = [
        "back.png",
        "back-alpha.png",
        "back-palette.png",
        "back-gray16.png",
        "back-alpha.webp",
        "front.jpg",
    ];
    for front in fronts {
        for back in backs {
            let pdf = combine_id_sides(&fixture(front), &fixture(back))
                .unwrap_or_else(|e| panic!("{front} + {back}: {e}"));
            assert_eq!(sniff_document(&pdf).unwrap().extension, "pdf");
            let path = out_dir().join(format!("{front}+{back}.pdf"));
            std::fs::write(&path, &pdf).unwrap();
            if let Some(info) = check_with_real_tools(&path) {
                assert!(
                    info.lines()
                        .any(|l| l.starts_with("Pages:") && l.ends_with(" 1")),
                    "{front}+{back}: {info}"
                );
                assert!(info.contains("A4"), "{front}+{back}: {info}");
            }
        }
    }
}

#[test]
fn the_same_images_give_the_same_bytes() {
    let a = combine_id_sides(&fixture("front-exif6.jpg"), &fixture("back-alpha.png")).unwrap();
    let b = combine_id_sides(&fixture("front-exif6.jpg"), &fixture("back-alpha.png")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bad_inputs_say_which_side_and_why() {
    let gif = fixture("not-an-image.gif");
    let jpeg = fixture("front.jpg");
    let err = combine_id_sides(&gif, &jpeg).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KycImageUnsupported);
    assert_eq!(
        (
            err.details()["side"].as_str(),
            err.details()["detected"].as_str()
        ),
        (Some("front"), Some("unknown"))
    );
    let pdf = combine_id_sides(&jpeg, &jpeg).unwrap();
    let err = combine_id_sides(&jpeg, &pdf).unwrap_err();
    assert_eq!(
        (err.code(), err.details()["detected"].as_str()),
        (ErrorCode::KycImageUnsupported, Some("pdf"))
    );
    let truncated = &jpeg[..20];
    assert_eq!(
        combine_id_sides(truncated, &jpeg).unwrap_err().code(),
        ErrorCode::KycImageInvalid
    );
    let png = fixture("back.png");
    assert_eq!(
        combine_id_sides(&jpeg, &png[..40]).unwrap_err().code(),
        ErrorCode::KycImageInvalid
    );
    assert_eq!(
        combine_id_sides(&[], &jpeg).unwrap_err().code(),
        ErrorCode::KycDocumentEmpty
    );
}

#[test]
fn garbage_after_a_valid_signature_never_panics() {
    let mut state: u32 = 7;
    for len in [3usize, 4, 10, 50, 200, 1000] {
        for signature in [
            &[0xFF, 0xD8, 0xFF][..],
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        ] {
            let mut bytes = signature.to_vec();
            while bytes.len() < len {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                bytes.push(state.to_be_bytes()[1]);
            }
            let _ = combine_id_sides(&bytes, &bytes);
        }
    }
}
