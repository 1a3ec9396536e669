//! `combine_id_sides`: the front and back of an ID card on one PDF page (carriers need both
//! sides in one file; a one-sided ID is a common decline reason). Images are refused from
//! their headers when too large ([`MAX_IMAGE_SIDE`], [`MAX_IMAGE_PIXELS`]), before any pixel
//! is decoded, and decoded row by row, so hostile files cannot exhaust a browser tab's memory.

use std::io::Cursor;

use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output, create_comp_flags_from_zip_params,
};

use super::document::{JPEG, PNG, WEBP, check_document_size, sniff_document};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};

/// One image ready to place in a PDF.
pub(super) struct PdfImage {
    pub(super) width: u32,
    pub(super) height: u32,
    /// `/DeviceGray`, `/DeviceRGB` or `/DeviceCMYK`.
    pub(super) color_space: &'static str,
    /// `/DCTDecode` (JPEG as is) or `/FlateDecode` (decoded PNG, recompressed).
    pub(super) filter: &'static str,
    /// Adobe CMYK JPEGs store inverted values.
    pub(super) invert_cmyk: bool,
    /// EXIF orientation 1..=8.
    pub(super) orientation: u8,
    pub(super) data: Vec<u8>,
}

impl PdfImage {
    /// Width and height as displayed, after the EXIF orientation.
    pub(super) fn display_size(&self) -> (f64, f64) {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        if self.orientation >= 5 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// Puts the front and back of an ID card (JPEG, PNG or WEBP, any mix) on one A4 PDF page,
/// front above back, each scaled to fit half the page. JPEGs are embedded unchanged and their
/// EXIF orientation is honoured (phone photos are often stored sideways); PNGs and WEBPs are
/// decoded and flattened onto white. The PDF has no timestamps: the same images give the same bytes.
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
/// `kyc_image_unsupported` when a side is not JPEG, PNG or WEBP (details `side`, `detected`);
/// `kyc_image_invalid` when it cannot be read; `kyc_image_too_large` (details `side`, `width`,
/// `height`, `max_side`, `max_pixels`) when its header claims more than
/// [`MAX_IMAGE_SIDE`](crate::limits::MAX_IMAGE_SIDE) pixels a side or
/// [`MAX_IMAGE_PIXELS`](crate::limits::MAX_IMAGE_PIXELS) in all, refused before any pixel is
/// decoded; `kyc_document_empty` / `kyc_document_too_large` for an empty or oversized input.
pub fn combine_id_sides(front: &[u8], back: &[u8]) -> Result<Vec<u8>> {
    let front = load_image(front, "front")?;
    let back = load_image(back, "back")?;
    Ok(super::pdf::write_pdf(&[front, back]))
}

fn load_image(bytes: &[u8], side: &str) -> Result<PdfImage> {
    check_document_size(bytes.len() as u64).map_err(|e| e.with("side", side))?;
    let refuse = |problem: ImageProblem| {
        match problem {
        ImageProblem::Invalid(what) => Error::new(
            ErrorCode::KycImageInvalid,
            format!("the {side} image cannot be read: {what}"),
        )
        .with("side", side),
        ImageProblem::TooLarge { width, height } => Error::new(
            ErrorCode::KycImageTooLarge,
            format!(
                "the {side} image is {width}×{height} pixels; at most {MAX_IMAGE_SIDE} pixels a side and {} megapixels are accepted: scale it down",
                MAX_IMAGE_PIXELS / 1_000_000
            ),
        )
        .with("side", side)
        .with("width", width)
        .with("height", height)
        .with("max_side", MAX_IMAGE_SIDE)
        .with("max_pixels", MAX_IMAGE_PIXELS),
    }
    };
    match sniff_document(bytes) {
        Some(t) if t == JPEG => load_jpeg(bytes).map_err(refuse),
        Some(t) if t == PNG => load_png(bytes).map_err(refuse),
        Some(t) if t == WEBP => load_webp(bytes).map_err(refuse),
        other => Err(Error::new(
            ErrorCode::KycImageUnsupported,
            format!("the {side} image must be a JPEG, PNG or WEBP photo or scan"),
        )
        .with("side", side)
        .with("detected", other.map_or("unknown", |t| t.extension))),
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]))
}

/// Reads a JPEG's size, components and EXIF orientation by walking its markers.
fn load_jpeg(bytes: &[u8]) -> std::result::Result<PdfImage, ImageProblem> {
    let mut pos = 2; // after SOI
    let mut orientation = 1;
    let mut adobe = false;
    loop {
        // Skip fill bytes, then read the marker.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        if bytes.get(pos) != Some(&0xFF) {
            return Err("no image header found".into());
        }
        let marker = *bytes.get(pos + 1).ok_or("truncated")?;
        pos += 2;
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            continue; // markers without a length
        }
        if marker == 0xD9 || marker == 0xDA {
            return Err("no image header before the image data".into());
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
                    return Err("only 8-bit JPEGs are supported".into());
                }
                check_dimensions(u32::from(width), u32::from(height))?;
                let color_space = match components {
                    1 => "/DeviceGray",
                    3 => "/DeviceRGB",
                    4 => "/DeviceCMYK",
                    _ => return Err("unsupported number of colour components".into()),
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

/// Refuses dimensions past [`MAX_IMAGE_SIDE`] or [`MAX_IMAGE_PIXELS`], from the header alone.
fn check_dimensions(width: u32, height: u32) -> std::result::Result<(), ImageProblem> {
    if width == 0 || height == 0 {
        return Err(ImageProblem::Invalid("the image has no pixels".into()));
    }
    if width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS
    {
        return Err(ImageProblem::TooLarge { width, height });
    }
    Ok(())
}

/// Why an image was refused.
enum ImageProblem {
    /// Cannot be read (the reason, never the content).
    Invalid(String),
    /// Larger than the limits: refused before decoding.
    TooLarge { width: u32, height: u32 },
}

impl From<&str> for ImageProblem {
    fn from(what: &str) -> Self {
        ImageProblem::Invalid(what.to_owned())
    }
}

/// The width and height a PNG's IHDR chunk claims (it must be the first chunk).
fn png_header_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    (bytes.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(16)?, be32(20)?))
}

/// A zlib stream written as rows arrive, so a decoded image is never held whole.
struct ZlibWriter {
    compressor: Box<CompressorOxide>,
    out: Vec<u8>,
}

impl ZlibWriter {
    fn new() -> Self {
        // Level 6, a zlib header (positive window bits), default strategy.
        let flags = create_comp_flags_from_zip_params(6, 15, 0);
        ZlibWriter {
            compressor: Box::new(CompressorOxide::new(flags)),
            out: Vec::new(),
        }
    }

    fn write(
        &mut self,
        mut data: &[u8],
        flush: TDEFLFlush,
    ) -> std::result::Result<(), ImageProblem> {
        loop {
            let out = &mut self.out;
            let (status, consumed) =
                compress_to_output(&mut self.compressor, data, flush, |chunk| {
                    out.extend_from_slice(chunk);
                    true
                });
            match status {
                TDEFLStatus::Okay | TDEFLStatus::Done => {}
                _ => return Err("the image could not be recompressed".into()),
            }
            data = data.get(consumed..).unwrap_or_default();
            if data.is_empty() || consumed == 0 {
                return Ok(());
            }
        }
    }

    fn finish(mut self) -> std::result::Result<Vec<u8>, ImageProblem> {
        self.write(&[], TDEFLFlush::Finish)?;
        Ok(self.out)
    }
}

/// Flattens one row of 8-bit gray/RGB samples, with or without alpha, onto white.
fn flatten_row(line: &[u8], channels: usize, out: &mut Vec<u8>) {
    for px in line.chunks_exact(channels) {
        let (color, alpha) = match channels {
            2 | 4 => px.split_at(channels - 1),
            _ => (px, &[255u8][..]),
        };
        let a = u16::from(alpha.first().copied().unwrap_or(255));
        for &c in color {
            // Flatten onto white: c·a + 255·(1 − a).
            let v = (u16::from(c) * a + 255 * (255 - a) + 127) / 255;
            out.push(u8::try_from(v).unwrap_or(255));
        }
    }
}

/// Decodes a PNG to 8-bit gray or RGB (alpha flattened onto white) and recompresses it, row
/// by row: peak memory is one row plus the compressed output (an interlaced PNG, whose rows
/// arrive in seven passes, is decoded whole, within the pixel limit).
fn load_png(bytes: &[u8]) -> std::result::Result<PdfImage, ImageProblem> {
    let (width, height) = png_header_size(bytes).ok_or("no image header found")?;
    check_dimensions(width, height)?;
    let mut zlib = ZlibWriter::new();
    let mut row = Vec::new();
    let mut written = Ok(());
    let shape = super::png::decode(bytes, &mut |shape, line| {
        row.clear();
        flatten_row(line, shape.channels, &mut row);
        written = zlib.write(&row, TDEFLFlush::None);
        written
            .as_ref()
            .map_err(|_| "the image could not be recompressed")?;
        Ok(())
    })?;
    written?;
    Ok(PdfImage {
        width,
        height,
        color_space: if shape.channels <= 2 {
            "/DeviceGray"
        } else {
            "/DeviceRGB"
        },
        filter: "/FlateDecode",
        invert_cmyk: false,
        orientation: 1,
        data: zlib.finish()?,
    })
}

/// The sizes stated by the lossy (`VP8 `) frames among a WEBP's top-level chunks.
fn webp_vp8_sizes(bytes: &[u8]) -> Vec<(u32, u32)> {
    let mut sizes = Vec::new();
    let mut at = 12; // after "RIFF", the size and "WEBP"
    while let (Some(tag), Some(len)) = (bytes.get(at..at + 4), bytes.get(at + 4..at + 8)) {
        let len = len.try_into().map_or(0, u32::from_le_bytes);
        let payload = at + 8;
        if tag == b"VP8 " {
            // Frame tag (3 bytes), start code (3), then 14-bit width and height.
            let dim = |i: usize| {
                bytes
                    .get(payload + i..payload + i + 2)
                    .and_then(|b| <[u8; 2]>::try_from(b).ok())
                    .map(|b| u32::from(u16::from_le_bytes(b) & 0x3FFF))
            };
            if let (Some(w), Some(h)) = (dim(6), dim(8)) {
                sizes.push((w, h));
            }
        }
        // Chunks are padded to an even length.
        let Ok(len) = usize::try_from(len) else { break };
        at = payload.saturating_add(len).saturating_add(len & 1);
    }
    sizes
}

/// Decodes a WEBP (lossy or lossless, still) to 8-bit RGB (alpha flattened onto white) and
/// compresses it. The decoder needs the whole frame in memory: at most
/// [`MAX_IMAGE_PIXELS`] × 4 bytes, checked from the header first.
fn load_webp(bytes: &[u8]) -> std::result::Result<PdfImage, ImageProblem> {
    let invalid = |_| ImageProblem::from("the WEBP data is damaged or uses an unsupported feature");
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(invalid)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    // An extended WEBP's lossy frame states its own size, which the decoder allocates for
    // before comparing it with the canvas: check it here too.
    for (w, h) in webp_vp8_sizes(bytes) {
        check_dimensions(w, h)?;
        if w != width || h != height {
            return Err("the WEBP frame and canvas sizes disagree".into());
        }
    }
    if decoder.is_animated() {
        return Err("an animated WEBP is not a photo of a document".into());
    }
    let size = decoder
        .output_buffer_size()
        .ok_or(ImageProblem::TooLarge { width, height })?;
    let mut buf = vec![0; size];
    decoder.read_image(&mut buf).map_err(invalid)?;
    let channels = if decoder.has_alpha() { 4 } else { 3 };
    let line = usize::try_from(width)
        .unwrap_or(usize::MAX)
        .saturating_mul(channels);
    let mut zlib = ZlibWriter::new();
    let mut row = Vec::new();
    for pixels in buf.chunks(line.max(1)) {
        row.clear();
        flatten_row(pixels, channels, &mut row);
        zlib.write(&row, TDEFLFlush::None)?;
    }
    Ok(PdfImage {
        width,
        height,
        color_space: "/DeviceRGB",
        filter: "/FlateDecode",
        invert_cmyk: false,
        orientation: 1,
        data: zlib.finish()?,
    })
}
