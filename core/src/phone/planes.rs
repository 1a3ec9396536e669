//! The generated tables of fixed-size records (territories, number formats, calling codes,
//! the bytecode's codes) are stored as byte planes: byte 0 of every record, then byte 1, and
//! so on. A plane holds one field's values, which compress far better than whole records do
//! (what the browser builds download), and a field is still read in place, with no decoding
//! step and no allocation.

/// The field of `width` bytes (at most 4, little endian) at byte `at` of record `row`, in a
/// table of `rows` records stored as byte planes; `None` past the table.
pub fn read(table: &[u8], rows: usize, row: usize, at: usize, width: usize) -> Option<u32> {
    if row >= rows || width > 4 {
        return None;
    }
    let mut value = 0;
    for plane in (at..at + width).rev() {
        value = value << 8 | u32::from(*table.get(plane.checked_mul(rows)? + row)?);
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn fields_are_read_across_planes() {
        // Two records of three bytes: [1, 0x34, 0x12] and [2, 0x78, 0x56].
        let table = [1, 2, 0x34, 0x78, 0x12, 0x56];
        assert_eq!(read(&table, 2, 0, 0, 1), Some(1));
        assert_eq!(read(&table, 2, 1, 0, 1), Some(2));
        assert_eq!(read(&table, 2, 0, 1, 2), Some(0x1234));
        assert_eq!(read(&table, 2, 1, 1, 2), Some(0x5678));
        assert_eq!(read(&table, 2, 0, 0, 3), Some(0x12_3401));
        assert_eq!(read(&table, 2, 2, 0, 1), None, "past the records");
        assert_eq!(read(&table, 2, 0, 2, 2), None, "past the planes");
        assert_eq!(read(&table, 2, 0, 0, 5), None, "wider than a u32");
        assert_eq!(read(&[], 0, 0, 0, 1), None);
    }
}
