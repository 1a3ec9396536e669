//! The PNG decoder's tests: against the `png` crate (a dev-dependency), on images written
//! here (the crate cannot write interlaced ones), the fixtures, and damaged files.
#![allow(clippy::cast_possible_truncation, clippy::manual_midpoint)] // test images: small values

use miniz_oxide::deflate::compress_to_vec_zlib;
use proptest::prelude::*;

use super::*;

/// A PNG written chunk by chunk (the `png` crate cannot write interlaced images): each
/// pass's rows of raw bytes, each row filtered with the given filter.
/// How the file is laid out around the pixels.
#[derive(Debug, Default, Clone, Copy)]
struct Layout {
    /// IDAT boundaries, as fractions of the compressed stream (x/256).
    cuts: [u8; 3],
    /// A `tEXt` chunk with a wrong CRC before the pixels.
    bad_ancillary: bool,
    /// Bytes after the image's rows in the stream.
    junk: usize,
}

fn write_png(
    header: &Header,
    palette: &[u8],
    trns: Option<&[u8]>,
    rows: &[(u8, Vec<u8>)],
) -> Vec<u8> {
    write_png_laid_out(header, palette, trns, rows, Layout::default())
}

/// Appends a chunk: length, type, data, CRC.
fn chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(&kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&Crc::new().of(&[&kind, data]).to_be_bytes());
}

/// An IHDR chunk's data.
fn ihdr(header: &Header) -> Vec<u8> {
    let mut data = header.width.to_be_bytes().to_vec();
    data.extend_from_slice(&header.height.to_be_bytes());
    data.extend_from_slice(&[
        header.depth,
        header.color,
        0,
        0,
        u8::from(header.interlaced),
    ]);
    data
}

/// One grey 8-bit pixel.
const GRAY_1X1: Header = Header {
    width: 1,
    height: 1,
    depth: 8,
    color: 0,
    interlaced: false,
};

fn write_png_laid_out(
    header: &Header,
    palette: &[u8],
    trns: Option<&[u8]>,
    rows: &[(u8, Vec<u8>)],
    layout: Layout,
) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, *b"IHDR", &ihdr(header));
    if !palette.is_empty() {
        chunk(&mut out, *b"PLTE", palette);
    }
    if let Some(t) = trns {
        chunk(&mut out, *b"tRNS", t);
    }
    if layout.bad_ancillary {
        chunk(&mut out, *b"tEXt", b"Comment\0x");
    }
    // Filter the rows: each pass starts with a zero row above.
    let bpp = header.bits_per_pixel().div_ceil(8);
    let mut raw = Vec::new();
    let mut at = 0;
    for pass in 0..if header.interlaced { 7 } else { 1 } {
        let (w, h) = Rows::pass_size(header, pass);
        if w == 0 || h == 0 {
            continue;
        }
        let mut previous = vec![0u8; header.row_bytes(w)];
        for _ in 0..h {
            let (filter, line) = &rows[at];
            at += 1;
            raw.push(*filter);
            for i in 0..line.len() {
                let left = if i >= bpp { line[i - bpp] } else { 0 };
                let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
                let up = previous[i];
                let predicted = match filter {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                    _ => paeth(left, up, up_left),
                };
                raw.push(line[i].wrapping_sub(predicted));
            }
            previous = line.clone();
        }
    }
    raw.extend((0..layout.junk).map(|i| i as u8));
    let z = compress_to_vec_zlib(&raw, 6);
    // Split into IDAT chunks at the layout's cuts (some may be empty).
    let mut cuts: Vec<usize> = layout
        .cuts
        .iter()
        .map(|&c| z.len() * usize::from(c) / 256)
        .collect();
    cuts.sort_unstable();
    let mut from = 0;
    for cut in cuts.into_iter().chain([z.len()]) {
        chunk(&mut out, *b"IDAT", &z[from..cut]);
        from = cut;
    }
    chunk(&mut out, *b"IEND", &[]);
    if layout.bad_ancillary {
        // Spoil the tEXt chunk's CRC (its last byte), found by its type.
        let at = out.windows(4).position(|w| w == b"tEXt").unwrap() + 4 + 9 + 3;
        out[at] ^= 1;
    }
    out
}

fn ours(bytes: &[u8]) -> Result<(usize, Vec<u8>), Problem> {
    let mut pixels = Vec::new();
    let shape = decode(bytes, &mut |_, line| {
        pixels.extend_from_slice(line);
        Ok(())
    })?;
    Ok((shape.channels, pixels))
}

fn theirs(bytes: &[u8]) -> Option<(usize, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    buf.truncate(info.buffer_size());
    Some((reader.output_color_type().0.samples(), buf))
}

fn image() -> impl Strategy<Value = Vec<u8>> {
    let kinds = prop::sample::select(vec![
        (0u8, 1u8),
        (0, 2),
        (0, 4),
        (0, 8),
        (0, 16),
        (2, 8),
        (2, 16),
        (3, 1),
        (3, 2),
        (3, 4),
        (3, 8),
        (4, 8),
        (4, 16),
        (6, 8),
        (6, 16),
    ]);
    let sizes = prop_oneof![4 => (1u32..12, 1u32..12), 1 => (1u32..150, 1u32..40)];
    let layout = (
        any::<[u8; 3]>(),
        any::<bool>(),
        prop_oneof![3 => Just(0usize), 1 => 0usize..5000],
    )
        .prop_map(|(cuts, bad_ancillary, junk)| Layout {
            cuts,
            bad_ancillary,
            junk,
        });
    (
        kinds,
        sizes,
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
        layout,
    )
        .prop_map(
            |((color, depth), (width, height), interlaced, with_trns, seed, layout)| {
                let header = Header {
                    width,
                    height,
                    depth,
                    color,
                    interlaced,
                };
                let mut state = seed | 1;
                let mut next = move || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                };
                let entries = 1 + usize::from(next()) % 256;
                let palette: Vec<u8> = if color == 3 {
                    (0..3 * entries).map(|_| next()).collect()
                } else {
                    vec![]
                };
                let max = (1u32 << depth.min(8)) - 1;
                // Sometimes a byte or two too many.
                let extra = if next() % 4 == 0 {
                    usize::from(next() % 3)
                } else {
                    0
                };
                let trns: Option<Vec<u8>> = with_trns.then(|| {
                    let mut t = match color {
                        0 => vec![0, (u32::from(next()) % (max + 1)) as u8],
                        2 => vec![0, next() % 4, 0, next() % 4, 0, next() % 4],
                        3 => (0..usize::from(next()) % (entries + 2))
                            .map(|_| next())
                            .collect(),
                        _ => vec![],
                    };
                    t.extend((0..extra).map(|_| 0x41));
                    t
                });
                let mut rows = Vec::new();
                for pass in 0..if interlaced { 7 } else { 1 } {
                    let (w, h) = Rows::pass_size(&header, pass);
                    if w == 0 || h == 0 {
                        continue;
                    }
                    for _ in 0..h {
                        // Small sample values, so tRNS colours occur.
                        let line = (0..header.row_bytes(w))
                            .map(|_| next() % 4 * 0x41)
                            .collect();
                        rows.push((next() % 5, line));
                    }
                }
                let trns = trns.filter(|t| !t.is_empty());
                write_png_laid_out(&header, &palette, trns.as_deref(), &rows, layout)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn reads_as_the_png_crate_reads(bytes in image()) {
        let expected = theirs(&bytes);
        prop_assert!(expected.is_some(), "the png crate refused a valid image");
        prop_assert_eq!(ours(&bytes).ok(), expected);
    }

    #[test]
    fn damaged_images_fail_or_read_and_never_panic(
        bytes in image(),
        at in any::<prop::sample::Index>(),
        with in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = bytes;
        let i = at.index(bytes.len());
        bytes[i] = with;
        let _ = ours(&bytes);
        bytes.truncate(cut.index(bytes.len()));
        let _ = ours(&bytes);
    }
}

#[test]
fn the_fixtures_read_as_the_png_crate_reads_them() {
    for name in [
        "back.png",
        "back-alpha.png",
        "back-palette.png",
        "back-gray16.png",
    ] {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect(&path);
        assert_eq!(ours(&bytes).ok(), theirs(&bytes), "{name}");
    }
}

/// Nothing after the image's rows is inflated: a stream cut off in its trailing data
/// still reads, and a long one costs nothing.
#[test]
fn the_stream_after_the_image_is_not_read() {
    let mut raw = vec![0u8, 7, 9];
    raw.extend(std::iter::repeat_n(0u8, 4 * 1024 * 1024));
    let z = compress_to_vec_zlib(&raw, 6);
    let cut = &z[..z.len() / 2];
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(
        &mut bytes,
        *b"IHDR",
        &ihdr(&Header {
            width: 2,
            ..GRAY_1X1
        }),
    );
    chunk(&mut bytes, *b"IDAT", cut);
    chunk(&mut bytes, *b"IEND", &[]);
    assert_eq!(ours(&bytes), Ok((1, vec![7, 9])));
}

#[test]
fn sizes_over_the_limits_are_refused_by_the_decoder_too() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(
        &mut bytes,
        *b"IHDR",
        &ihdr(&Header {
            width: u32::MAX,
            ..GRAY_1X1
        }),
    );
    chunk(&mut bytes, *b"IEND", &[]);
    assert_eq!(ours(&bytes), Err(DAMAGED));
}

#[test]
fn a_bad_crc_is_damage() {
    let mut bytes = write_png(&GRAY_1X1, &[], None, &[(0, vec![7])]);
    assert_eq!(ours(&bytes).map(|(_, p)| p), Ok(vec![7]));
    bytes[30] ^= 1; // IHDR's CRC
    assert_eq!(ours(&bytes), Err(DAMAGED));
}
