//! Bulk phone checks for data columns: inputs that may be absent (a null, a NaN), checked on
//! several threads, and the results as columns laid out the way Apache Arrow lays them out
//! (validity bitmaps, 64-bit offsets, dictionary keys), so a binding hands them to Arrow,
//! pandas, Polars or `DuckDB` with no object per row and no copy.
//!
//! ```
//! use wanumbers::bulk;
//!
//! let inputs = [Some("+44 7400 123456"), None, Some("call me")];
//! let checks = bulk::check_optional(&inputs, None, 1).unwrap();
//! assert!(checks[0].as_ref().unwrap().valid && checks[1].is_none());
//! let columns = bulk::CheckColumns::from_checks(&checks);
//! assert_eq!(columns.e164.value(0), Some("+447400123456"));
//! assert_eq!(columns.error_code.value(2), Some("phone_not_a_number"));
//! ```

use crate::error::Result;
use crate::phone::{self, PhoneCheck};

/// The fewest inputs worth a thread of their own.
pub const MIN_PER_THREAD: usize = 16_384;

/// How many inputs a share checks at a time on the way to columns: the checks of one block
/// are the only per-row values alive at once.
const BLOCK: usize = 32_768;

/// Checks every present input, in order (an absent one gives `None`), over up to `threads`
/// threads (the caller says how many the machine has; one where threads cannot be made).
///
/// # Errors
/// Only for a bad `default_region`.
pub fn check_optional(
    inputs: &[Option<&str>],
    default_region: Option<&str>,
    threads: usize,
) -> Result<Vec<Option<PhoneCheck>>> {
    let shares = split(inputs, default_region, threads, |share| {
        checked(share, default_region)
    })?;
    Ok(shares.into_iter().flatten().collect())
}

/// The checks of `inputs` as columns, over up to `threads` threads: no per-row value outlives
/// its block.
///
/// # Errors
/// Only for a bad `default_region`.
pub fn check_columns(
    inputs: &[Option<&str>],
    default_region: Option<&str>,
    threads: usize,
) -> Result<CheckColumns> {
    let shares = split(inputs, default_region, threads, |share| {
        let mut columns = CheckColumns::with_capacity(share.len());
        for block in share.chunks(BLOCK) {
            for check in checked(block, default_region)? {
                columns.push(check.as_ref());
            }
        }
        Ok(columns)
    })?;
    let mut shares = shares.into_iter();
    let mut out = shares.next().unwrap_or_default();
    for share in shares {
        out.append(&share);
    }
    Ok(out)
}

/// [`phone::check_many`] over the present inputs, `None` where absent.
fn checked(inputs: &[Option<&str>], region: Option<&str>) -> Result<Vec<Option<PhoneCheck>>> {
    let present: Vec<&str> = inputs.iter().flatten().copied().collect();
    let mut checks = phone::check_many(&present, region)?.into_iter();
    Ok(inputs
        .iter()
        .map(|input| input.and_then(|_| checks.next()))
        .collect())
}

/// `work` on contiguous shares of `inputs`, one per thread (up to `threads`), the results in
/// order. The region is checked first, so a bad one fails before any work.
fn split<T: Send>(
    inputs: &[Option<&str>],
    region: Option<&str>,
    threads: usize,
    work: impl Fn(&[Option<&str>]) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    phone::check_many::<&str>(&[], region)?;
    let shares = threads.min(inputs.len() / MIN_PER_THREAD).max(1);
    if shares == 1 {
        return Ok(vec![work(inputs)?]);
    }
    let size = inputs.len().div_ceil(shares);
    let work = &work;
    std::thread::scope(|scope| {
        let started: Vec<_> = inputs
            .chunks(size)
            .map(|share| {
                let worker = std::thread::Builder::new().spawn_scoped(scope, move || work(share));
                (share, worker)
            })
            .collect();
        let mut out = Vec::with_capacity(started.len());
        for (share, worker) in started {
            out.push(match worker {
                Ok(handle) => match handle.join() {
                    Ok(result) => result?,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had (e.g. WebAssembly): this share here.
                Err(_) => work(share)?,
            });
        }
        Ok(out)
    })
}

/// A validity bitmap as Arrow keeps it: bit `i % 8` of byte `i / 8` is set when row `i` has a
/// value; `nulls` counts the rows without one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bitmap {
    /// The bits, least significant first.
    pub bits: Vec<u8>,
    /// Rows without a value.
    pub nulls: usize,
    /// Rows.
    len: usize,
}

impl Bitmap {
    fn with_capacity(rows: usize) -> Self {
        Bitmap {
            bits: Vec::with_capacity(rows.div_ceil(8)),
            nulls: 0,
            len: 0,
        }
    }

    fn push(&mut self, set: bool) {
        let row = self.len;
        if row.is_multiple_of(8) {
            self.bits.push(0);
        }
        if set {
            if let Some(byte) = self.bits.last_mut() {
                *byte |= 1 << (row % 8);
            }
        } else {
            self.nulls += 1;
        }
        self.len += 1;
    }

    fn append(&mut self, other: &Bitmap) {
        for row in 0..other.len {
            self.push(other.get(row));
        }
    }

    /// Whether row `row` is set.
    #[must_use]
    pub fn get(&self, row: usize) -> bool {
        self.bits
            .get(row / 8)
            .is_some_and(|byte| byte & (1 << (row % 8)) != 0)
    }
}

/// A text column (Arrow `large_utf8`): row `i` is `data[offsets[i]..offsets[i + 1]]` when
/// `validity` has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextColumn {
    /// Which rows have a value.
    pub validity: Bitmap,
    /// `rows + 1` offsets into `data`.
    pub offsets: Vec<i64>,
    /// The UTF-8 bytes of every value, back to back.
    pub data: Vec<u8>,
}

impl TextColumn {
    fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        TextColumn {
            validity: Bitmap::with_capacity(rows),
            offsets,
            data: Vec::with_capacity(bytes.max(1)),
        }
    }

    fn push(&mut self, value: Option<&str>) {
        self.validity.push(value.is_some());
        self.data.extend_from_slice(value.unwrap_or("").as_bytes());
        self.offsets
            .push(i64::try_from(self.data.len()).unwrap_or(i64::MAX));
    }

    fn append(&mut self, other: &TextColumn) {
        self.validity.append(&other.validity);
        let base = i64::try_from(self.data.len()).unwrap_or(i64::MAX);
        self.data.extend_from_slice(&other.data);
        self.offsets.extend(
            other
                .offsets
                .iter()
                .skip(1)
                .map(|o| base.saturating_add(*o)),
        );
    }

    /// Row `row`'s value.
    #[must_use]
    pub fn value(&self, row: usize) -> Option<&str> {
        if !self.validity.get(row) {
            return None;
        }
        let start = usize::try_from(*self.offsets.get(row)?).ok()?;
        let end = usize::try_from(*self.offsets.get(row + 1)?).ok()?;
        std::str::from_utf8(self.data.get(start..end)?).ok()
    }
}

/// A column of few distinct texts (Arrow dictionary-encoded): row `i` is
/// `values[keys[i]]` when `validity` has it. Pandas reads it as a categorical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodeColumn {
    /// Which rows have a value.
    pub validity: Bitmap,
    /// Indexes into `values` (0 for a row without a value).
    pub keys: Vec<i16>,
    /// The distinct texts, in order of first appearance.
    pub values: Vec<&'static str>,
}

impl CodeColumn {
    fn with_capacity(rows: usize) -> Self {
        CodeColumn {
            validity: Bitmap::with_capacity(rows),
            keys: Vec::with_capacity(rows),
            values: Vec::new(),
        }
    }

    fn push(&mut self, value: Option<&'static str>) {
        self.validity.push(value.is_some());
        let key = value.map_or(0, |v| self.key(v));
        self.keys.push(key);
    }

    fn key(&mut self, value: &'static str) -> i16 {
        let at = self
            .values
            .iter()
            .position(|&known| known == value)
            .unwrap_or_else(|| {
                self.values.push(value);
                self.values.len() - 1
            });
        i16::try_from(at).unwrap_or(i16::MAX)
    }

    fn append(&mut self, other: &CodeColumn) {
        self.validity.append(&other.validity);
        let keys: Vec<i16> = other.values.iter().map(|v| self.key(v)).collect();
        // A row without a value keeps key 0, as `push` gives it.
        self.keys
            .extend(other.keys.iter().enumerate().map(|(row, k)| {
                if !other.validity.get(row) {
                    return 0;
                }
                usize::try_from(*k)
                    .ok()
                    .and_then(|k| keys.get(k))
                    .copied()
                    .unwrap_or(0)
            }));
    }

    /// Row `row`'s value.
    #[must_use]
    pub fn value(&self, row: usize) -> Option<&'static str> {
        if !self.validity.get(row) {
            return None;
        }
        let key = usize::try_from(*self.keys.get(row)?).ok()?;
        self.values.get(key).copied()
    }
}

/// Checks as columns: `valid`, `e164`, `region`, `type`, `error_code`. A row whose input was
/// absent is null in every column (and in `rows`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckColumns {
    /// How many rows.
    pub len: usize,
    /// Which rows had an input.
    pub rows: Bitmap,
    /// Whether the number is valid (the bits; meaningful where `rows` has the row).
    pub valid: Bitmap,
    /// E.164, for valid numbers.
    pub e164: TextColumn,
    /// The region (`"GB"`), for valid geographic numbers.
    pub region: CodeColumn,
    /// The number type, for valid numbers.
    pub number_type: CodeColumn,
    /// Why the number is not valid.
    pub error_code: CodeColumn,
}

impl CheckColumns {
    fn with_capacity(len: usize) -> Self {
        CheckColumns {
            len: 0,
            rows: Bitmap::with_capacity(len),
            valid: Bitmap::with_capacity(len),
            e164: TextColumn::with_capacity(len, len * 13),
            region: CodeColumn::with_capacity(len),
            number_type: CodeColumn::with_capacity(len),
            error_code: CodeColumn::with_capacity(len),
        }
    }

    fn push(&mut self, check: Option<&PhoneCheck>) {
        self.len += 1;
        self.rows.push(check.is_some());
        self.valid.push(check.is_some_and(|c| c.valid));
        self.e164.push(check.and_then(|c| c.e164.as_deref()));
        self.region.push(check.and_then(|c| c.region));
        let kind = check.and_then(|c| c.number_type);
        self.number_type.push(kind.map(phone::NumberType::as_str));
        let code = check.and_then(|c| c.error.as_ref());
        self.error_code.push(code.map(|e| e.code().as_str()));
    }

    fn append(&mut self, other: &CheckColumns) {
        self.len += other.len;
        self.rows.append(&other.rows);
        self.valid.append(&other.valid);
        self.e164.append(&other.e164);
        self.region.append(&other.region);
        self.number_type.append(&other.number_type);
        self.error_code.append(&other.error_code);
    }

    /// The columns of `checks` (`None`: an absent input).
    #[must_use]
    pub fn from_checks(checks: &[Option<PhoneCheck>]) -> Self {
        let mut out = CheckColumns::with_capacity(checks.len());
        for check in checks {
            out.push(check.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_give_the_answers_of_one_call_in_order() {
        let raws: Vec<String> = (0..40_000)
            .map(|i| match i % 3 {
                0 => format!("+44 7400 {i:06}"),
                1 => format!("020 7946 {:04}", i % 10_000),
                _ => "nope".to_owned(),
            })
            .collect();
        let inputs: Vec<Option<&str>> = raws
            .iter()
            .enumerate()
            .map(|(i, s)| (i % 7 != 0).then_some(s.as_str()))
            .collect();
        let one = check_optional(&inputs, Some("GB"), 1).unwrap();
        assert_eq!(check_optional(&inputs, Some("GB"), 4).unwrap(), one);
        let columns = check_columns(&inputs, Some("GB"), 4).unwrap();
        assert_eq!(columns, CheckColumns::from_checks(&one));
        assert_eq!(check_columns(&inputs, Some("GB"), 1).unwrap(), columns);
        assert!(check_optional(&inputs, Some("ZZ"), 4).is_err());
        assert!(check_columns(&[], Some("ZZ"), 4).is_err());
    }

    #[test]
    fn absent_inputs_are_null_in_every_column() {
        let inputs = [
            Some("+44 7400 123456"),
            None,
            Some("x"),
            Some("+44 20 7946 0958"),
        ];
        let checks = check_optional(&inputs, None, 2).unwrap();
        let c = CheckColumns::from_checks(&checks);
        assert_eq!((c.len, c.rows.nulls), (4, 1));
        assert!(c.rows.get(0) && !c.rows.get(1));
        assert_eq!(c.e164.value(0), Some("+447400123456"));
        assert_eq!(c.e164.value(1), None);
        assert_eq!(c.region.value(0), Some("GB"));
        assert_eq!(c.number_type.value(0), Some("mobile"));
        assert_eq!(c.error_code.value(2), Some("phone_not_a_number"));
        assert_eq!(c.error_code.value(0), None);
        assert_eq!(c.valid.bits, vec![0b1001]);
        assert_eq!(c.e164.offsets.len(), 5);
    }
}
