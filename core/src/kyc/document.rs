//! Documents for KYC: what a file is (sniffed from its bytes, not its name), whether it is
//! small enough, whether its base64 is what the API accepts, and `combine_id_sides`, which
//! puts the front and back of an ID card on one PDF page (carriers need both sides in one
//! file; a one-sided ID is a common decline reason). Pure Rust, so it runs in the browser.

use std::fmt::Write as _;
use std::io::Cursor;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};

/// The largest document the API accepts: 20 MB, read as 20,000,000 bytes (the stricter
/// reading, so nothing the API could refuse passes).
pub const MAX_DOCUMENT_BYTES: u64 = 20_000_000;

/// A document type wanumbers recognises from the first bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DocumentType {
    /// MIME type, e.g. `application/pdf`.
    pub mime: &'static str,
    /// The usual file extension, without the dot, e.g. `pdf`.
    pub extension: &'static str,
}

const PDF: DocumentType = DocumentType {
    mime: "application/pdf",
    extension: "pdf",
};
const JPEG: DocumentType = DocumentType {
    mime: "image/jpeg",
    extension: "jpg",
};
const PNG: DocumentType = DocumentType {
    mime: "image/png",
    extension: "png",
};
const WEBP: DocumentType = DocumentType {
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
    if size_bytes == 0 {
        return Err(Error::new(ErrorCode::KycDocumentEmpty, "the file is empty"));
    }
    if size_bytes > MAX_DOCUMENT_BYTES {
        return Err(Error::new(
            ErrorCode::KycDocumentTooLarge,
            format!(
                "the file is larger than {} MB",
                MAX_DOCUMENT_BYTES / 1_000_000
            ),
        )
        .with("max_bytes", MAX_DOCUMENT_BYTES)
        .with("size_bytes", size_bytes));
    }
    Ok(())
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
    let bytes = STANDARD.decode(head).ok()?;
    sniff_document(&bytes)
}

/// Base64-encodes a file for an inline KYC document (standard alphabet, padded).
pub fn encode_document(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

// ---------------------------------------------------------------------------------------------
// combine_id_sides

/// One image ready to place in a PDF.
struct PdfImage {
    width: u32,
    height: u32,
    /// `/DeviceGray`, `/DeviceRGB` or `/DeviceCMYK`.
    color_space: &'static str,
    /// `/DCTDecode` (JPEG as is) or `/FlateDecode` (decoded PNG, recompressed).
    filter: &'static str,
    /// Adobe CMYK JPEGs store inverted values.
    invert_cmyk: bool,
    /// EXIF orientation 1..=8.
    orientation: u8,
    data: Vec<u8>,
}

impl PdfImage {
    /// Width and height as displayed, after the EXIF orientation.
    fn display_size(&self) -> (f64, f64) {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        if self.orientation >= 5 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// Puts the front and back of an ID card (JPEG or PNG, any mix) on one A4 PDF page, front
/// above back, each scaled to fit half the page. JPEGs are embedded unchanged and their EXIF
/// orientation is honoured (phone photos are often stored sideways); PNGs are decoded and
/// flattened onto white. The PDF has no timestamps: the same images give the same bytes.
///
/// ```no_run
/// let front = std::fs::read("id-front.jpg")?;
/// let back = std::fs::read("id-back.png")?;
/// let pdf = wanumbers::kyc::combine_id_sides(&front, &back)?;
/// let document = wanumbers::kyc::KycDocument {
///     requirement_id: Some("REQ_ID".into()),
///     filename: Some("id.pdf".into()),
///     base64: Some(wanumbers::kyc::encode_document(&pdf)),
///     ..Default::default()
/// };
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// `kyc_image_unsupported` when a side is not JPEG or PNG (details `side`, `detected`);
/// `kyc_image_invalid` when it cannot be read; `kyc_document_empty` / `kyc_document_too_large`
/// for an empty or oversized input.
pub fn combine_id_sides(front: &[u8], back: &[u8]) -> Result<Vec<u8>> {
    let front = load_image(front, "front")?;
    let back = load_image(back, "back")?;
    Ok(write_pdf(&[front, back]))
}

fn load_image(bytes: &[u8], side: &str) -> Result<PdfImage> {
    check_document_size(bytes.len() as u64).map_err(|e| e.with("side", side))?;
    let invalid = |what: &str| {
        Error::new(
            ErrorCode::KycImageInvalid,
            format!("the {side} image cannot be read: {what}"),
        )
        .with("side", side)
    };
    match sniff_document(bytes) {
        Some(t) if t == JPEG => load_jpeg(bytes).map_err(&invalid),
        Some(t) if t == PNG => load_png(bytes).map_err(|what| invalid(&what)),
        other => Err(Error::new(
            ErrorCode::KycImageUnsupported,
            format!("the {side} image must be a JPEG or PNG photo or scan"),
        )
        .with("side", side)
        .with("detected", other.map_or("unknown", |t| t.extension))),
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

/// Reads a JPEG's size, components and EXIF orientation by walking its markers.
fn load_jpeg(bytes: &[u8]) -> std::result::Result<PdfImage, &'static str> {
    let mut pos = 2; // after SOI
    let mut orientation = 1;
    let mut adobe = false;
    loop {
        // Skip fill bytes, then read the marker.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        if bytes.get(pos) != Some(&0xFF) {
            return Err("no image header found");
        }
        let marker = *bytes.get(pos + 1).ok_or("truncated")?;
        pos += 2;
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            continue; // markers without a length
        }
        if marker == 0xD9 || marker == 0xDA {
            return Err("no image header before the image data");
        }
        let len = usize::from(be16(bytes, pos).ok_or("truncated")?);
        let segment = bytes.get(pos + 2..pos + len).ok_or("truncated")?;
        match marker {
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                orientation = exif_orientation(segment.get(6..).unwrap_or_default()).unwrap_or(1);
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let precision = *segment.first().ok_or("truncated")?;
                let height = be16(segment, 1).ok_or("truncated")?;
                let width = be16(segment, 3).ok_or("truncated")?;
                let components = *segment.get(5).ok_or("truncated")?;
                if precision != 8 {
                    return Err("only 8-bit JPEGs are supported");
                }
                if width == 0 || height == 0 {
                    return Err("the image has no pixels");
                }
                let color_space = match components {
                    1 => "/DeviceGray",
                    3 => "/DeviceRGB",
                    4 => "/DeviceCMYK",
                    _ => return Err("unsupported number of colour components"),
                };
                return Ok(PdfImage {
                    width: u32::from(width),
                    height: u32::from(height),
                    color_space,
                    filter: "/DCTDecode",
                    invert_cmyk: components == 4 && adobe,
                    orientation,
                    data: bytes.to_vec(),
                });
            }
            _ => {}
        }
        pos += len;
    }
}

/// The orientation tag (0x0112) of a TIFF-structured EXIF block, 1..=8.
fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = [*tiff.get(at)?, *tiff.get(at + 1)?];
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = [
            *tiff.get(at)?,
            *tiff.get(at + 1)?,
            *tiff.get(at + 2)?,
            *tiff.get(at + 3)?,
        ];
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries).find_map(|i| {
        let entry = ifd + 2 + i * 12;
        if u16_at(entry)? != 0x0112 {
            return None;
        }
        let value = u16_at(entry + 8)?;
        u8::try_from(value).ok().filter(|v| (1..=8).contains(v))
    })
}

/// Decodes a PNG to 8-bit gray or RGB (alpha flattened onto white) and recompresses it.
fn load_png(bytes: &[u8]) -> std::result::Result<PdfImage, String> {
    // A phone photo is ~12 megapixels; refuse decompression bombs well above that.
    let limits = png::Limits {
        bytes: 256 * 1024 * 1024,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let pixels = buf
        .get(..info.buffer_size())
        .ok_or("truncated image data")?;
    let (width, height) = (info.width, info.height);
    let row = info.line_size;
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err("palette was not expanded".into()),
    };
    let gray = channels <= 2;
    let out_channels = if gray { 1 } else { 3 };
    let mut raw = Vec::with_capacity(pixels.len() / channels * out_channels);
    for line in pixels.chunks(row) {
        for px in line.chunks_exact(channels) {
            let (color, alpha) = match channels {
                2 | 4 => px.split_at(channels - 1),
                _ => (px, &[255u8][..]),
            };
            let a = u16::from(alpha.first().copied().unwrap_or(255));
            for &c in color {
                // Flatten onto white: c·a + 255·(1 − a).
                let v = (u16::from(c) * a + 255 * (255 - a) + 127) / 255;
                raw.push(u8::try_from(v).unwrap_or(255));
            }
        }
    }
    Ok(PdfImage {
        width,
        height,
        color_space: if gray { "/DeviceGray" } else { "/DeviceRGB" },
        filter: "/FlateDecode",
        invert_cmyk: false,
        orientation: 1,
        data: miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    })
}

/// The transformation placing an image (unit square) in the box `[x, x+w] × [y, y+h]`
/// (display size) under its EXIF orientation, as PDF `cm` operands.
fn placement(orientation: u8, x: f64, y: f64, w: f64, h: f64) -> [f64; 6] {
    match orientation {
        2 => [-w, 0.0, 0.0, h, x + w, y],
        3 => [-w, 0.0, 0.0, -h, x + w, y + h],
        4 => [w, 0.0, 0.0, -h, x, y + h],
        5 => [0.0, -h, -w, 0.0, x + w, y + h],
        6 => [0.0, -h, w, 0.0, x, y + h],
        7 => [0.0, h, w, 0.0, x, y],
        8 => [0.0, h, -w, 0.0, x + w, y],
        _ => [w, 0.0, 0.0, h, x, y],
    }
}

/// A4 portrait, in points.
const PAGE: (f64, f64) = (595.28, 841.89);
const MARGIN: f64 = 36.0;
const GAP: f64 = 18.0;

/// The page's drawing instructions: each image scaled into its slot, front on top.
fn content_stream(images: &[PdfImage]) -> String {
    let count = images.len();
    let mut content = String::new();
    let slots = f64::from(u32::try_from(count).unwrap_or(1));
    let slot_h = (PAGE.1 - 2.0 * MARGIN - GAP * (slots - 1.0)) / slots;
    let slot_w = PAGE.0 - 2.0 * MARGIN;
    for (i, img) in images.iter().enumerate() {
        let (dw, dh) = img.display_size();
        let scale = (slot_w / dw).min(slot_h / dh);
        let (width, height) = (dw * scale, dh * scale);
        let row = f64::from(u32::try_from(i).unwrap_or(0));
        let top = PAGE.1 - MARGIN - row * (slot_h + GAP);
        let left = MARGIN + (slot_w - width) / 2.0;
        let bottom = top - slot_h + (slot_h - height) / 2.0;
        let m = placement(img.orientation, left, bottom, width, height);
        let _ = writeln!(
            content,
            "q {:.4} {:.4} {:.4} {:.4} {:.4} {:.4} cm /Im{} Do Q",
            m[0],
            m[1],
            m[2],
            m[3],
            m[4],
            m[5],
            i + 1
        );
    }
    content
}

fn write_pdf(images: &[PdfImage]) -> Vec<u8> {
    let count = images.len();
    // Objects: 1 catalog, 2 pages, 3 page, 4 info, 5.. images, then the content stream.
    let content_id = 5 + count;
    let content = content_stream(images);

    let mut pdf: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = vec![0usize; content_id + 1];
    let mut object = |pdf: &mut Vec<u8>, id: usize, dict: &str, stream: Option<&[u8]>| {
        if let Some(slot) = offsets.get_mut(id) {
            *slot = pdf.len();
        }
        pdf.extend_from_slice(format!("{id} 0 obj\n{dict}\n").as_bytes());
        if let Some(data) = stream {
            pdf.extend_from_slice(b"stream\n");
            pdf.extend_from_slice(data);
            pdf.extend_from_slice(b"\nendstream\n");
        }
        pdf.extend_from_slice(b"endobj\n");
    };
    object(&mut pdf, 1, "<< /Type /Catalog /Pages 2 0 R >>", None);
    object(
        &mut pdf,
        2,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        None,
    );
    let mut xobjects = String::new();
    for i in 0..count {
        let _ = write!(xobjects, "/Im{} {} 0 R ", i + 1, 5 + i);
    }
    object(
        &mut pdf,
        3,
        &format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /XObject << {xobjects}>> >> /Contents {content_id} 0 R >>",
            PAGE.0, PAGE.1
        ),
        None,
    );
    object(
        &mut pdf,
        4,
        "<< /Producer (wanumbers) /Title (ID document, front and back) >>",
        None,
    );
    for (i, img) in images.iter().enumerate() {
        let decode = if img.invert_cmyk {
            " /Decode [1 0 1 0 1 0 1 0]"
        } else {
            ""
        };
        let dict = format!(
            "<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {} /BitsPerComponent 8 /Filter {}{decode} /Length {} >>",
            img.width,
            img.height,
            img.color_space,
            img.filter,
            img.data.len()
        );
        object(&mut pdf, 5 + i, &dict, Some(&img.data));
    }
    object(
        &mut pdf,
        content_id,
        &format!("<< /Length {} >>", content.len()),
        Some(content.as_bytes()),
    );

    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", content_id + 1);
    for offset in offsets.iter().skip(1) {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        content_id + 1
    );
    pdf.extend_from_slice(table.as_bytes());
    pdf
}
