//! Helpers shared by the fuzz targets: how a target's input is cut into parts. Every helper
//! borrows from the input: nothing here allocates more than a few words per part.

/// The separator between the parts of a multi-part input (a NUL byte: it never occurs in the
/// JSON texts and strings the parts carry, and is easy to write in a seed file).
pub const SEP: u8 = 0;

/// The first `n - 1` NUL-separated parts of `data`, then the rest as the last part; missing
/// parts are empty.
pub fn parts<const N: usize>(data: &[u8]) -> [&[u8]; N] {
    let mut out: [&[u8]; N] = [&[]; N];
    let mut pieces = data.splitn(N, |b| *b == SEP);
    for slot in &mut out {
        match pieces.next() {
            Some(piece) => *slot = piece,
            None => break,
        }
    }
    out
}

/// `bytes` as text, when it is UTF-8.
pub fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// The first line of `data` (without its `\n`) and what follows it.
pub fn first_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == b'\n') {
        Some(at) => (
            data.get(..at).unwrap_or_default(),
            data.get(at + 1..).unwrap_or_default(),
        ),
        None => (data, &[]),
    }
}

/// Picks one of `choices` with a byte (wrapping), or `None` for an empty list.
pub fn pick<T: Copy>(choices: &[T], byte: u8) -> Option<T> {
    if choices.is_empty() {
        return None;
    }
    choices.get(usize::from(byte) % choices.len()).copied()
}
