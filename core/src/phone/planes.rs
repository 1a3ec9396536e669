//! The generated tables of fixed-size records (territories, number formats, calling codes,
//! the bytecode's codes) are stored as byte planes: byte 0 of every record, then byte 1, and
//! so on. A plane holds one field's values, which compress far better than whole records do
//! (what the browser builds download), and a field is still read in place, with no decoding
//! step and no allocation.
//!
//! The native builds (without the feature `compact`) turn the planes back into records at
//! compile time ([`layout`]): a record's fields then share a cache line, where the planes
//! put each field on its own, and a batch over many countries reads many records (measured:
//! ~1.9× the time per mixed-country number in the benchmark's interleaved rounds with the
//! planes, whose caches the other libraries' rounds leave cold).

/// A table as this build reads it, from its planes: the planes themselves in the compact
/// builds, the records (transposed at compile time) in the others.
#[cfg(feature = "compact")]
pub const fn layout<const N: usize>(planes: [u8; N], _rows: usize) -> [u8; N] {
    planes
}

/// A table as this build reads it, from its planes: the planes themselves in the compact
/// builds, the records (transposed at compile time) in the others.
///
/// # Panics
/// When `N` is not `rows` records of one size: in the statics that call it, at compile time,
/// so a table of the wrong size fails the build.
#[cfg(not(feature = "compact"))]
#[allow(clippy::indexing_slicing)] // compile time: an index out of range fails the build
pub const fn layout<const N: usize>(planes: [u8; N], rows: usize) -> [u8; N] {
    assert!(
        rows > 0 && N.is_multiple_of(rows),
        "a table that is not whole records"
    );
    let mut records = [0; N];
    let width = N / rows;
    let mut plane = 0;
    while plane < width {
        let mut row = 0;
        while row < rows {
            records[row * width + plane] = planes[plane * rows + row];
            row += 1;
        }
        plane += 1;
    }
    records
}

/// The field of `width` bytes (at most 4, little endian) at byte `at` of record `row`, in a
/// table of `rows` records laid out by [`layout`]; `None` past the table.
pub fn read(table: &[u8], rows: usize, row: usize, at: usize, width: usize) -> Option<u32> {
    if row >= rows || width > 4 {
        return None;
    }
    // Planes: byte `at` of a record is at `at * rows + row`, past the table when `at` is past
    // the record. Records: at `row * record + at`, checked against the record's end.
    let record = table.len() / rows;
    if cfg!(not(feature = "compact")) && at + width > record {
        return None;
    }
    let mut value = 0;
    for byte in (at..at + width).rev() {
        let index = if cfg!(feature = "compact") {
            byte * rows + row
        } else {
            row * record + byte
        };
        value = value << 8 | u32::from(*table.get(index)?);
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::{layout, read};

    #[test]
    fn fields_are_read_across_planes() {
        // Two records of three bytes, [1, 0x34, 0x12] and [2, 0x78, 0x56], as planes.
        let table = layout([1, 2, 0x34, 0x78, 0x12, 0x56], 2);
        if cfg!(not(feature = "compact")) {
            assert_eq!(table, [1, 0x34, 0x12, 2, 0x78, 0x56], "records");
        }
        assert_eq!(read(&table, 2, 0, 0, 1), Some(1));
        assert_eq!(read(&table, 2, 1, 0, 1), Some(2));
        assert_eq!(read(&table, 2, 0, 1, 2), Some(0x1234));
        assert_eq!(read(&table, 2, 1, 1, 2), Some(0x5678));
        assert_eq!(read(&table, 2, 0, 0, 3), Some(0x12_3401));
        assert_eq!(read(&table, 2, 2, 0, 1), None, "past the records");
        assert_eq!(read(&table, 2, 0, 2, 2), None, "past the record");
        assert_eq!(read(&table, 2, 0, 0, 5), None, "wider than a u32");
        assert_eq!(read(&[], 0, 0, 0, 1), None);
    }
}
