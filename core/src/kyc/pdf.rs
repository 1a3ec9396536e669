//! The PDF of `combine_id_sides`: one A4 page with the ID's sides one above the other, each
//! scaled into its half and turned by its EXIF orientation. Numbers are written by
//! [`push_fixed4`], not `format!("{:.4}")`: the standard library's float formatting (Grisu and
//! Dragon4 with their tables) cost the web build ~5 KB brotli for six numbers an image.

use std::fmt::Write as _;

use super::id_sides::PdfImage;

/// `x` with four decimals, exactly as `format!("{x:.4}")` writes it (the exact binary value
/// rounded half to even; a minus sign whenever `x` is negative, `-0.0000` included) for
/// `|x| < 10^14`. Larger or non-finite values, which a page's coordinates never are, are
/// written as `0.0000`.
fn push_fixed4(out: &mut String, x: f64) {
    const SCALE: u64 = 10_000;
    // `abs() < 1e14` is false for NaN; the infinities are not below it either.
    let in_range = x.abs() < 1e14;
    if in_range && x.is_sign_negative() {
        out.push('-');
    }
    let scaled = if in_range {
        // |x| = m × 2^-shift exactly (m < 2^53); |x| × 10^4 rounded half to even.
        let bits = x.abs().to_bits();
        let (biased, fraction) = ((bits >> 52) & 0x7FF, bits & ((1 << 52) - 1));
        let (m, shift) = if biased == 0 {
            (fraction, 1074)
        } else {
            (fraction | 1 << 52, 1075 - biased)
        };
        let product = u128::from(m) * u128::from(SCALE);
        if shift >= 128 {
            0
        } else {
            let whole = product >> shift;
            let rest = product - (whole << shift);
            let half = 1u128 << (shift - 1);
            let up = rest > half || (rest == half && whole & 1 == 1);
            u64::try_from(whole + u128::from(up)).unwrap_or(0)
        }
    } else {
        0
    };
    let _ = write!(out, "{}.{:04}", scaled / SCALE, scaled % SCALE);
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
/// [`PAGE`] as the page's `/MediaBox` writes it (as `{}` formats it; a test holds them
/// together).
const MEDIA_BOX: &str = "595.28 841.89";
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
        content.push('q');
        for operand in m {
            content.push(' ');
            push_fixed4(&mut content, operand);
        }
        let _ = writeln!(content, " cm /Im{} Do Q", i + 1);
    }
    content
}

/// The PDF file: one A4 page showing `images`, one above the other.
pub(super) fn write_pdf(images: &[PdfImage]) -> Vec<u8> {
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
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {MEDIA_BOX}] /Resources << /XObject << {xobjects}>> >> /Contents {content_id} 0 R >>"
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn fixed4(x: f64) -> String {
        let mut out = String::new();
        push_fixed4(&mut out, x);
        out
    }

    #[test]
    fn fixed4_is_format_on_ties_and_signs() {
        for x in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.000_05,
            0.000_15,
            0.000_25,
            -0.000_05,
            0.000_125,
            0.937_5,
            1e-300,
            5e-324,
            -1e-9,
            595.28,
            841.89,
            99_999_999_999_999.99,
            9.999_95,
        ] {
            assert_eq!(fixed4(x), format!("{x:.4}"), "{x:e}");
        }
        assert_eq!(MEDIA_BOX, format!("{} {}", PAGE.0, PAGE.1));
        // Out of its range (never a page coordinate): zero, no sign.
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1e14, 1e300] {
            assert_eq!(fixed4(x), "0.0000", "{x:e}");
        }
    }

    proptest! {
        /// `push_fixed4` against the standard library's `{:.4}`, over every size a page's
        /// coordinates could have and exact ties (multiples of 2^-k near ten-thousandths).
        #[test]
        fn fixed4_is_format(
            x in prop_oneof![
                -1e14..1e14f64,
                -2000.0..2000.0f64,
                (any::<i32>(), 0u32..20).prop_map(|(n, k)| f64::from(n) / f64::from(1u32 << k) / 10_000.0),
                (-60i32..46).prop_map(|e| 2f64.powi(e)),
            ],
        ) {
            prop_assert_eq!(fixed4(x), format!("{x:.4}"));
        }
    }
}
