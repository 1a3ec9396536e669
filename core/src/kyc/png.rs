//! PNG decoding for the ID-sides PDF, written out for size: the `png` crate, its inflater and
//! `crc32fast`'s 16 KB table (which does not compress) cost the web build ~40 KB brotli; this
//! uses `miniz_oxide`'s inflater, already there for the PDF's deflate. What it returns is what
//! the `png` crate returns with `Transformations::normalize_to_color8()`, checked against it
//! (a dev-dependency) by the tests below: every colour type and bit depth, palettes,
//! transparency (`tRNS`), Adam7 interlacing and every filter.
//!
//! Rows arrive one at a time (a non-interlaced image is never held whole); chunk CRCs are
//! checked, the zlib checksum is not (as the `png` crate does). The caller has checked the
//! header's size against the limits before calling.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::inflate_flags::{
    TINFL_FLAG_HAS_MORE_INPUT, TINFL_FLAG_IGNORE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER,
};
use miniz_oxide::inflate::core::{DecompressorOxide, decompress};

use crate::limits::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};

/// Why a PNG cannot be read (never quoting the file).
pub(super) type Problem = &'static str;

const DAMAGED: Problem = "the PNG data is damaged or uses an unsupported feature";
const TRUNCATED: Problem = "truncated image data";

/// The image's size and the channels of the rows it hands over: 1 gray, 2 gray and alpha,
/// 3 RGB, 4 RGBA, 8 bits each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    pub width: u32,
    pub height: u32,
    pub channels: usize,
}

struct Header {
    width: u32,
    height: u32,
    depth: u8,
    color: u8,
    interlaced: bool,
}

impl Header {
    fn read(data: &[u8]) -> Option<Header> {
        let be32 = |at: usize| Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?));
        let [depth, color, compression, filter, interlace] = *data.get(8..13)? else {
            return None;
        };
        let allowed: &[u8] = match color {
            0 => &[1, 2, 4, 8, 16],
            3 => &[1, 2, 4, 8],
            2 | 4 | 6 => &[8, 16],
            _ => &[],
        };
        let header = Header {
            width: be32(0)?,
            height: be32(4)?,
            depth,
            color,
            interlaced: interlace == 1,
        };
        // The caller refuses large images from the header first; this keeps the decoder's
        // own sizes bounded whoever calls it.
        (data.len() == 13
            && header.width > 0
            && header.height > 0
            && header.width <= MAX_IMAGE_SIDE
            && header.height <= MAX_IMAGE_SIDE
            && u64::from(header.width) * u64::from(header.height) <= MAX_IMAGE_PIXELS
            && allowed.contains(&depth)
            && compression == 0
            && filter == 0
            && interlace <= 1)
            .then_some(header)
    }

    /// Samples a pixel (the palette index counts as one).
    fn samples(&self) -> usize {
        match self.color {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }

    fn bits_per_pixel(&self) -> usize {
        self.samples() * usize::from(self.depth)
    }

    /// The bytes of one filtered row of `width` pixels, its filter byte left out.
    fn row_bytes(&self, width: u32) -> usize {
        (width as usize * self.bits_per_pixel()).div_ceil(8)
    }
}

/// The CRC-32 of PNG chunks (ISO 3309), its table built per image: a static one would be
/// 1 KB of data that does not compress.
struct Crc([u32; 256]);

impl Crc {
    fn new() -> Crc {
        let mut table = [0u32; 256];
        for (n, slot) in (0u32..).zip(table.iter_mut()) {
            let mut c = n;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        Crc(table)
    }

    fn of(&self, parts: &[&[u8]]) -> u32 {
        let mut c = u32::MAX;
        for &b in parts.iter().flat_map(|p| p.iter()) {
            let i = (c ^ u32::from(b)) & 0xFF;
            c = self.0.get(i as usize).copied().unwrap_or(0) ^ (c >> 8);
        }
        !c
    }
}

/// Adam7's passes: (first column, first row, column step, row step).
const ADAM7: [(u32, u32, u32, u32); 7] = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
];

/// Turns the inflated stream into rows: unfilters each, converts it to 8-bit samples, and
/// hands it on (non-interlaced) or places it in the whole image (interlaced).
struct Rows<'a> {
    header: &'a Header,
    palette: &'a [u8],
    trns: Option<&'a [u8]>,
    channels: usize,
    /// Pass (0 when not interlaced), its row, and its size in pixels.
    pass: usize,
    row: u32,
    pass_width: u32,
    pass_height: u32,
    /// The row being filled (filter byte first) and the one before it, unfiltered (in the
    /// same layout: its first byte unused).
    current: Vec<u8>,
    previous: Vec<u8>,
    pixels: Vec<u8>,
    /// The whole image, for an interlaced one.
    image: Vec<u8>,
    done: bool,
}

impl Rows<'_> {
    fn pass_size(header: &Header, pass: usize) -> (u32, u32) {
        if !header.interlaced {
            return (header.width, header.height);
        }
        let (x0, y0, dx, dy) = ADAM7.get(pass).copied().unwrap_or((0, 0, 1, 1));
        let across = |size: u32, start: u32, step: u32| size.saturating_sub(start).div_ceil(step);
        (across(header.width, x0, dx), across(header.height, y0, dy))
    }

    /// Moves to the next pass with rows, or marks the image done.
    fn start_pass(&mut self, pass: usize) {
        let passes = if self.header.interlaced { 7 } else { 1 };
        self.pass = pass;
        while self.pass < passes {
            let (w, h) = Self::pass_size(self.header, self.pass);
            if w > 0 && h > 0 {
                self.pass_width = w;
                self.pass_height = h;
                self.row = 0;
                self.current.clear();
                self.previous.clear();
                // A row of zeros above the first, after its (unused) filter byte.
                self.previous.resize(1 + self.header.row_bytes(w), 0);
                return;
            }
            self.pass += 1;
        }
        self.done = true;
    }

    /// Takes inflated bytes; `emit` gets each finished row of a non-interlaced image.
    fn take(
        &mut self,
        mut data: &[u8],
        emit: &mut dyn FnMut(&[u8]) -> Result<(), Problem>,
    ) -> Result<(), Problem> {
        while !data.is_empty() && !self.done {
            let want = 1 + self.header.row_bytes(self.pass_width) - self.current.len();
            let (now, rest) = data.split_at(want.min(data.len()));
            self.current.extend_from_slice(now);
            data = rest;
            if self.current.len() == 1 + self.header.row_bytes(self.pass_width) {
                self.finish_row(emit)?;
            }
        }
        Ok(())
    }

    fn finish_row(
        &mut self,
        emit: &mut dyn FnMut(&[u8]) -> Result<(), Problem>,
    ) -> Result<(), Problem> {
        // Unfiltered in place; the row then becomes `previous` and the old `previous` the next
        // row's buffer (no allocation a row).
        let (&mut filter, line) = self.current.split_first_mut().ok_or(DAMAGED)?;
        unfilter(
            filter,
            self.header.bits_per_pixel().div_ceil(8),
            self.previous.get(1..).unwrap_or_default(),
            line,
        )?;
        self.pixels.clear();
        to_color8(
            self.header,
            self.palette,
            self.trns,
            line,
            self.pass_width,
            &mut self.pixels,
        );
        if self.header.interlaced {
            let (x0, y0, dx, dy) = ADAM7.get(self.pass).copied().unwrap_or((0, 0, 1, 1));
            let y = (y0 + self.row * dy) as usize;
            let stride = self.header.width as usize * self.channels;
            for (i, px) in self.pixels.chunks_exact(self.channels).enumerate() {
                let x = x0 as usize + i * dx as usize;
                let at = y * stride + x * self.channels;
                if let Some(slot) = self.image.get_mut(at..at + self.channels) {
                    slot.copy_from_slice(px);
                }
            }
        } else {
            emit(&self.pixels)?;
        }
        std::mem::swap(&mut self.previous, &mut self.current);
        self.current.clear();
        self.row += 1;
        if self.row == self.pass_height {
            self.start_pass(self.pass + 1);
        }
        Ok(())
    }
}

/// Undoes one row's filter in place (`bpp`: bytes a pixel, at least one).
fn unfilter(filter: u8, bpp: usize, previous: &[u8], line: &mut [u8]) -> Result<(), Problem> {
    for i in 0..line.len() {
        let up = previous.get(i).copied().unwrap_or(0);
        let left = i
            .checked_sub(bpp)
            .and_then(|j| line.get(j))
            .copied()
            .unwrap_or(0);
        let up_left = i
            .checked_sub(bpp)
            .and_then(|j| previous.get(j))
            .copied()
            .unwrap_or(0);
        let predicted = match filter {
            0 => 0,
            1 => left,
            2 => up,
            3 => (left >> 1) + (up >> 1) + (left & up & 1),
            4 => paeth(left, up, up_left),
            _ => return Err(DAMAGED),
        };
        if let Some(b) = line.get_mut(i) {
            *b = b.wrapping_add(predicted);
        }
    }
    Ok(())
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Whether a `tRNS` chunk is one the `png` crate keeps: 1 to 256 bytes, after the palette
/// of a palette image, or at least one 16-bit value a sample of a grey or RGB one.
fn usable_trns(header: &Header, palette: &[u8], data: &[u8]) -> bool {
    (1..=256).contains(&data.len())
        && match header.color {
            0 => data.len() >= 2,
            2 => data.len() >= 6,
            3 => !palette.is_empty(),
            _ => false,
        }
}

/// The output channels: the colour type's, plus alpha when `tRNS` is present.
fn channels(header: &Header, trns: bool) -> usize {
    match header.color {
        0 => 1 + usize::from(trns),
        2 | 3 => 3 + usize::from(trns),
        4 => 2,
        _ => 4,
    }
}

/// One unfiltered row as 8-bit samples of [`channels`].
fn to_color8(
    header: &Header,
    palette: &[u8],
    trns: Option<&[u8]>,
    line: &[u8],
    width: u32,
    out: &mut Vec<u8>,
) {
    let depth = usize::from(header.depth);
    // The `i`th sample of the row at its own depth.
    let sample = |i: usize| -> u16 {
        match depth {
            16 => line
                .get(2 * i..2 * i + 2)
                .and_then(|b| b.try_into().ok())
                .map_or(0, u16::from_be_bytes),
            8 => line.get(i).map_or(0, |&b| u16::from(b)),
            _ => {
                let bit = i * depth;
                let byte = line.get(bit / 8).copied().unwrap_or(0);
                u16::from((byte >> (8 - depth - bit % 8)) & (0xFF >> (8 - depth)))
            }
        }
    };
    // To 8 bits: the high byte of 16, low depths scaled as the `png` crate scales them.
    let eight = |v: u16| -> u8 {
        let [high, low] = v.to_be_bytes();
        match depth {
            16 => high,
            8 => low,
            1 => low.wrapping_mul(255),
            2 => low.wrapping_mul(85),
            _ => low.wrapping_mul(17),
        }
    };
    // A tRNS colour: 16-bit samples compare whole, narrower ones with its low byte (the
    // `png` crate's reading).
    // At 16 bits a chunk longer than one value a sample matches nothing (the crate compares
    // the whole chunk with the pixel).
    let exact = trns.is_some_and(|t| t.len() == 2 * header.samples());
    let trns_value = |i: usize| -> Option<u16> {
        let t = trns?;
        let (high, low) = (*t.get(2 * i)?, *t.get(2 * i + 1)?);
        match depth {
            16 if exact => Some(u16::from_be_bytes([high, low])),
            16 => None,
            _ => Some(u16::from(low)),
        }
    };
    let samples = header.samples();
    for x in 0..width as usize {
        let first = x * samples;
        match header.color {
            3 => {
                let index = sample(first) as usize;
                let rgb = palette.get(3 * index..3 * index + 3).unwrap_or(&[0, 0, 0]);
                out.extend_from_slice(rgb);
                if let Some(t) = trns {
                    // A tRNS longer than the palette is ignored (as libpng and the png crate do).
                    let alpha = if t.len() <= palette.len() / 3 {
                        t.get(index).copied().unwrap_or(255)
                    } else {
                        255
                    };
                    out.push(alpha);
                }
            }
            0 | 2 => {
                let n = if header.color == 0 { 1 } else { 3 };
                let transparent =
                    trns.is_some() && (0..n).all(|c| trns_value(c) == Some(sample(first + c)));
                out.extend((0..n).map(|c| eight(sample(first + c))));
                if trns.is_some() {
                    out.push(if transparent { 0 } else { 255 });
                }
            }
            _ => out.extend((0..samples).map(|c| eight(sample(first + c)))),
        }
    }
}

/// What takes the decoded rows.
pub(super) type RowSink<'a> = dyn FnMut(Shape, &[u8]) -> Result<(), Problem> + 'a;

/// Reads `bytes` (a PNG, its header already checked against the size limits), handing each
/// row to `row` in order as 8-bit samples of the returned shape's channels.
pub(super) fn decode(bytes: &[u8], row: &mut RowSink<'_>) -> Result<Shape, Problem> {
    let rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n").ok_or(DAMAGED)?;
    let crc = Crc::new();
    let mut chunks = Chunks { rest, crc: &crc };
    let (kind, data) = chunks.next_chunk()?.ok_or(TRUNCATED)?;
    let header = (kind == *b"IHDR")
        .then(|| Header::read(data))
        .flatten()
        .ok_or(DAMAGED)?;
    let mut palette: &[u8] = &[];
    let mut trns = None;
    // Chunks up to the first IDAT.
    let first = loop {
        let (kind, data) = chunks.next_chunk()?.ok_or(TRUNCATED)?;
        match &kind {
            // Only a palette image reads its palette (a grey or RGB one may suggest one).
            b"PLTE" if header.color == 3 => {
                if data.len() % 3 != 0 || data.len() > 768 || data.is_empty() {
                    return Err(DAMAGED);
                }
                palette = data;
            }
            // Transparency is ancillary: as the `png` crate, a chunk it cannot use (empty,
            // over 256 bytes, a second one, a palette's before the palette, too short for
            // its colour type, or on an image with alpha) is ignored.
            b"tRNS" if trns.is_none() && usable_trns(&header, palette, data) => trns = Some(data),
            b"IDAT" => break data,
            b"IEND" => return Err(TRUNCATED),
            _ => {}
        }
    };
    if header.color == 3 && palette.is_empty() {
        return Err(DAMAGED);
    }
    let shape = Shape {
        width: header.width,
        height: header.height,
        channels: channels(&header, trns.is_some()),
    };
    let mut rows = Rows {
        header: &header,
        palette,
        trns,
        channels: shape.channels,
        pass: 0,
        row: 0,
        pass_width: 0,
        pass_height: 0,
        current: Vec::new(),
        previous: Vec::new(),
        pixels: Vec::new(),
        image: Vec::new(),
        done: false,
    };
    if header.interlaced {
        let size = header.width as usize * header.height as usize * shape.channels;
        rows.image = vec![0; size];
    }
    rows.start_pass(0);
    let mut emit = |line: &[u8]| row(shape, line);
    let mut inflater = Inflater::new();
    let mut data = first;
    loop {
        let more = chunks.idat_follows();
        inflater.feed(data, more, &mut |out| {
            rows.take(out, &mut emit)?;
            Ok(rows.done)
        })?;
        if rows.done || inflater.done {
            break;
        }
        match chunks.next_chunk()? {
            Some((kind, next)) if kind == *b"IDAT" => data = next,
            _ => break,
        }
    }
    if !rows.done {
        return Err(TRUNCATED);
    }
    if header.interlaced {
        let stride = header.width as usize * shape.channels;
        for line in rows.image.chunks_exact(stride.max(1)) {
            row(shape, line)?;
        }
    }
    Ok(shape)
}

/// A chunk's type and data.
type Chunk<'a> = ([u8; 4], &'a [u8]);

/// The chunks after the signature, each checked against its CRC.
struct Chunks<'a> {
    rest: &'a [u8],
    crc: &'a Crc,
}

impl<'a> Chunks<'a> {
    /// The next chunk; an ancillary one whose CRC is wrong is skipped (as the `png` crate
    /// does), a critical one is damage.
    fn next_chunk(&mut self) -> Result<Option<Chunk<'a>>, Problem> {
        loop {
            match self.read_chunk()? {
                // Bit 5 of the type's first letter: ancillary.
                Some(((kind, _), false)) if kind[0] & 0x20 != 0 => {}
                Some((_, false)) => return Err(DAMAGED),
                Some((chunk, true)) => return Ok(Some(chunk)),
                None => return Ok(None),
            }
        }
    }

    /// The next chunk and whether its CRC is right.
    fn read_chunk(&mut self) -> Result<Option<(Chunk<'a>, bool)>, Problem> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let len = self.rest.get(..4).ok_or(TRUNCATED)?;
        let len = u32::from_be_bytes(len.try_into().map_err(|_| TRUNCATED)?);
        let end = usize::try_from(len)
            .ok()
            .and_then(|n| n.checked_add(8))
            .ok_or(TRUNCATED)?;
        let kind: [u8; 4] = self
            .rest
            .get(4..8)
            .ok_or(TRUNCATED)?
            .try_into()
            .map_err(|_| TRUNCATED)?;
        let data = self.rest.get(8..end).ok_or(TRUNCATED)?;
        let stored = self
            .rest
            .get(end..)
            .and_then(|r| r.get(..4))
            .ok_or(TRUNCATED)?;
        let right = self.crc.of(&[&kind, data]).to_be_bytes() == *stored;
        self.rest = self.rest.get(end + 4..).unwrap_or_default();
        Ok(Some(((kind, data), right)))
    }

    fn idat_follows(&self) -> bool {
        self.rest.get(4..8) == Some(b"IDAT")
    }
}

/// zlib inflation into a 32 KB window, handing on what each step writes.
struct Inflater {
    state: Box<DecompressorOxide>,
    window: Vec<u8>,
    at: usize,
    done: bool,
}

const WINDOW: usize = 32 * 1024;

impl Inflater {
    fn new() -> Inflater {
        Inflater {
            state: Box::default(),
            window: vec![0; WINDOW],
            at: 0,
            done: false,
        }
    }

    /// Inflates `input`, handing each step's output to `out`, which says when the image is
    /// complete: nothing after that is inflated (a stream may run on for gigabytes).
    fn feed(
        &mut self,
        mut input: &[u8],
        more: bool,
        out: &mut dyn FnMut(&[u8]) -> Result<bool, Problem>,
    ) -> Result<(), Problem> {
        let flags = TINFL_FLAG_PARSE_ZLIB_HEADER
            | TINFL_FLAG_IGNORE_ADLER32
            | if more { TINFL_FLAG_HAS_MORE_INPUT } else { 0 };
        while !self.done {
            let (status, read, wrote) =
                decompress(&mut self.state, input, &mut self.window, self.at, flags);
            input = input.get(read..).unwrap_or_default();
            let complete = out(self
                .window
                .get(self.at..self.at + wrote)
                .unwrap_or_default())?;
            self.at = (self.at + wrote) & (WINDOW - 1);
            if complete {
                return Ok(());
            }
            match status {
                TINFLStatus::Done => self.done = true,
                TINFLStatus::HasMoreOutput => {}
                TINFLStatus::NeedsMoreInput if more || input.is_empty() => return Ok(()),
                _ => return Err(DAMAGED),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "png_tests.rs"]
mod tests;
