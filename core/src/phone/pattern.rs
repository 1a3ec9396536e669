//! The compact builds' matcher (feature `compact`): the metadata's digit patterns as bytecode
//! (`patterns.bin` and its class masks, `pattern_masks.bin`, written by
//! `tools/gen_phone_metadata.py`), run over sets of positions.
//!
//! A pattern maps the set of positions where it may start (bit `i`: after `i` digits) to the
//! set where it may end: a digit class moves every position whose digit it holds one step on,
//! a sequence composes its items, alternatives unite, a repeat composes its body `min` times
//! and unites the next `max - min`. The whole input matches when the end set holds its length;
//! some prefix matches when the end set is not empty. No backtracking and no allocation: the
//! work is bounded by the bytecode's length times its repeats, whatever the input.
//!
//! The bytecode: a pattern set is its count (u8), then each pattern's label bit (u8) and its
//! sequence; a sequence is items up to [`END`]; an item is a digit (0-9), [`ANY`], `n` of any
//! digit ([`ANY_N`] + n), a range of digits ([`RANGE`] + 10 lo + hi), [`CLASS`] (its u16 mask
//! is the next of the mask stream), alternatives ([`BRANCH_N`] + n, or [`BRANCH`] n; then n
//! sequences), [`OPTIONAL`] (then a sequence) or [`REPEAT`] (min, max, then the repeated
//! sequence). A set's `code` packs where its operations start (bits 0-16, a byte offset) and
//! its first mask (bits 17-31, an index). The generator keeps patterns under 64 digits and
//! 16 levels deep.

use super::metadata::{PATTERN_MASKS, PATTERNS};

const ANY: u8 = 0x0A;
const CLASS: u8 = 0x0B;
const BRANCH: u8 = 0x0C;
const REPEAT: u8 = 0x0D;
const OPTIONAL: u8 = 0x0E;
const END: u8 = 0x0F;
const ANY_N: u8 = 0x40;
const BRANCH_N: u8 = 0x60;
const RANGE: u8 = 0x80;
/// The bits of a set's `code` that hold its operations' offset; its first mask's index is
/// above them.
const CODE_BITS: u32 = 17;

/// The deepest nesting the generator writes; deeper bytecode is read as no match.
const MAX_DEPTH: u8 = 16;
/// The most operations a pattern set's run may take (each item, repeated or not, and each
/// `END`); the generator checks every set against it, and a run past it is no match.
pub const MAX_STEPS: u32 = 1 << 16;
/// Positions are bits of a `u64`: inputs of more digits match no pattern (every pattern is
/// shorter), and only their first digits can start a prefix match.
const MAX_DIGITS: usize = 63;

/// The input: each position's digit (10 for anything else), and the positions holding one.
struct Input {
    digits: [u8; MAX_DIGITS],
    any: u64,
}

impl Input {
    /// A position holding anything but an ASCII digit is in no set: nothing moves past it.
    fn new(text: &[u8]) -> Input {
        let mut digits = [10u8; MAX_DIGITS];
        let mut any = 0;
        for (i, (slot, &c)) in digits.iter_mut().zip(text).enumerate() {
            if c.is_ascii_digit() {
                *slot = c - b'0';
                any |= 1 << i;
            }
        }
        Input { digits, any }
    }

    /// The positions one step on from those of `from` whose digit is in `mask`. The sets are
    /// small (one position, mostly), so this goes by their members.
    fn step(&self, mut from: u64, mask: u16) -> u64 {
        let mut out = 0;
        while from != 0 {
            let i = from.trailing_zeros();
            from &= from - 1;
            let digit = self.digits.get(i as usize).copied().unwrap_or(10);
            if mask >> digit & 1 == 1 {
                out |= 2 << i;
            }
        }
        out
    }
}

/// Reads the bytecode at `pc` and its masks at `mask`; malformed bytecode ends the run as no
/// match (`None`).
struct Reader<'a> {
    code: &'a [u8],
    masks: &'a [u8],
    pc: usize,
    mask: usize,
    steps: u32,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.code.get(self.pc)?;
        self.pc += 1;
        Some(b)
    }

    /// The next mask of the mask stream.
    fn mask(&mut self) -> Option<u16> {
        let at = self.mask * 2;
        let bytes = self.masks.get(at..at + 2)?;
        self.mask += 1;
        // Bit 10 would match the mark of a non-digit: digits only.
        Some((u16::from(bytes.first().copied()?) | u16::from(bytes.get(1).copied()?) << 8) & 0x3FF)
    }

    /// Moves past the rest of the current sequence (its `END` included) without running it:
    /// what follows an empty set stays empty.
    fn skip(&mut self) -> Option<()> {
        let mut open = 1u32;
        while open > 0 {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return None;
            }
            match self.byte()? {
                END => open -= 1,
                CLASS => self.mask += 1,
                BRANCH => open += u32::from(self.byte()?),
                op @ BRANCH_N..RANGE => open += u32::from(op - BRANCH_N),
                OPTIONAL => open += 1,
                REPEAT => {
                    self.pc += 2;
                    open += 1;
                }
                _ => {}
            }
        }
        Some(())
    }

    /// The union of `n` alternatives' end sets from `from`.
    fn branch(&mut self, input: &Input, from: u64, n: u8, depth: u8) -> Option<u64> {
        let mut out = 0;
        for _ in 0..n {
            out |= self.sequence(input, from, depth + 1)?;
        }
        Some(out)
    }

    /// The end set of the sequence at `pc` from the start set `from`.
    fn sequence(&mut self, input: &Input, mut from: u64, depth: u8) -> Option<u64> {
        if depth > MAX_DEPTH {
            return None;
        }
        loop {
            if from == 0 {
                self.skip()?;
                return Some(0);
            }
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return None;
            }
            let op = self.byte()?;
            from = match op {
                END => return Some(from),
                0..=9 => input.step(from, 1 << op),
                ANY => (from & input.any) << 1,
                CLASS => {
                    let mask = self.mask()?;
                    input.step(from, mask)
                }
                ANY_N..BRANCH_N => {
                    for _ in ANY_N..op {
                        from = (from & input.any) << 1;
                    }
                    from
                }
                RANGE..=u8::MAX => {
                    let (low, high) = ((op - RANGE) / 10, (op - RANGE) % 10);
                    if low >= high {
                        // The generator writes none.
                        return None;
                    }
                    input.step(from, (2u16 << high) - (1 << low))
                }
                BRANCH => {
                    let n = self.byte()?;
                    self.branch(input, from, n, depth)?
                }
                BRANCH_N..RANGE => self.branch(input, from, op - BRANCH_N, depth)?,
                OPTIONAL => from | self.sequence(input, from, depth + 1)?,
                REPEAT => {
                    let (min, max) = (self.byte()?, self.byte()?);
                    if max == 0 {
                        // The generator writes none.
                        return None;
                    }
                    let body = (self.pc, self.mask);
                    let mut end = body;
                    let mut out = if min == 0 { from } else { 0 };
                    for n in 1..=max {
                        (self.pc, self.mask) = body;
                        let before = from;
                        from = self.sequence(input, from, depth + 1)?;
                        end = (self.pc, self.mask);
                        if n >= min {
                            out |= from;
                        }
                        if from == 0 || (from == before && n >= min) {
                            // Nothing more can change.
                            break;
                        }
                    }
                    (self.pc, self.mask) = end;
                    out
                }
                _ => return None,
            };
        }
    }
}

/// Bytecode and its masks.
type Code<'a> = (&'a [u8], &'a [u8]);

/// The metadata's bytecode.
const METADATA: Code = (PATTERNS, PATTERN_MASKS);

/// Calls `each(label bit, end set)` for the patterns of the set at `at` in `code`, in order,
/// from position 0, while it returns true; stops at malformed bytecode.
fn each_end(code: Code, at: u32, digits: &[u8], mut each: impl FnMut(u8, u64) -> bool) {
    let input = Input::new(digits);
    let mut reader = Reader {
        code: code.0,
        masks: code.1,
        pc: (at & ((1 << CODE_BITS) - 1)) as usize,
        mask: (at >> CODE_BITS) as usize,
        steps: 0,
    };
    let Some(count) = reader.byte() else {
        return;
    };
    for _ in 0..count {
        let Some(bit) = reader.byte() else {
            return;
        };
        let Some(ends) = reader.sequence(&input, 1, 1) else {
            return;
        };
        if !each(bit, ends) {
            return;
        }
    }
}

/// The label of the whole input (bit `b` for each pattern labelled `b` that matches all of
/// `digits`), as the DFA's `Automaton::run`; with `first_needed`, 0 as soon as the set's
/// first pattern is not bit 0's or does not match.
pub fn run(at: u32, digits: &[u8], first_needed: bool) -> u16 {
    run_in(METADATA, at, digits, first_needed)
}

fn run_in(code: Code, at: u32, digits: &[u8], first_needed: bool) -> u16 {
    if digits.len() > MAX_DIGITS {
        return 0;
    }
    let whole = 1u64 << digits.len();
    let mut label = 0u16;
    let mut first = true;
    each_end(code, at, digits, |bit, ends| {
        let matched = ends & whole != 0;
        if first && first_needed && !(matched && bit == 0) {
            return false;
        }
        first = false;
        if matched {
            label |= 1u16.checked_shl(u32::from(bit)).unwrap_or(0);
        }
        true
    });
    label
}

/// Whether the set's first pattern matches all of `digits`.
pub fn first(at: u32, digits: &[u8]) -> bool {
    if digits.len() > MAX_DIGITS {
        return false;
    }
    let whole = 1u64 << digits.len();
    let mut matched = false;
    each_end(METADATA, at, digits, |bit, ends| {
        matched = bit == 0 && ends & whole != 0;
        false
    });
    matched
}

/// Whether some prefix of `digits` matches a pattern of the set (`re.match`).
pub fn prefix(at: u32, digits: &[u8]) -> bool {
    prefix_in(METADATA, at, digits)
}

fn prefix_in(code: Code, at: u32, digits: &[u8]) -> bool {
    let digits = digits.get(..MAX_DIGITS).unwrap_or(digits);
    let mut any = false;
    each_end(code, at, digits, |_, ends| {
        any = ends != 0;
        !any
    });
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `(?:1[0-8]|[2-9]\d)\d{2,3}` (label bit 3), `0\d?` (bit 0), then `[135]\d{2}` (bit 1),
    /// as the generator writes them.
    #[rustfmt::skip]
    const OPS: &[u8] = &[
        3, 3, BRANCH_N + 2, 1, RANGE + 8, END, RANGE + 29, ANY, END, REPEAT, 2, 3, ANY, END, END, 0,
        0, OPTIONAL, ANY, END, END, 1, CLASS, ANY_N + 2, END,
    ];
    const SET: Code = (OPS, &[0x2A, 0x00]);

    /// The answers of Python's `re.fullmatch` and `re.match` for the patterns.
    #[test]
    fn matches_as_python_re() {
        assert_eq!(run_in(SET, 0, b"1012", false), 1 << 3);
        assert_eq!(run_in(SET, 0, b"07", false), 1);
        assert_eq!(run_in(SET, 0, b"07", true), 0);
        assert_eq!(run_in(SET, 0, b"10123", false), 1 << 3);
        assert_eq!(run_in(SET, 0, b"101234", false), 0);
        assert_eq!(run_in(SET, 0, b"1912", false), 0);
        assert_eq!(run_in(SET, 0, b"9912", false), 1 << 3);
        assert_eq!(run_in(SET, 0, b"0", false), 1);
        assert_eq!(run_in(SET, 0, b"07", false), 1);
        assert_eq!(run_in(SET, 0, b"077", false), 0);
        assert_eq!(run_in(SET, 0, b"", false), 0);
        assert_eq!(run_in(SET, 0, b"1a12", false), 0);
        assert_eq!(run_in(SET, 0, b"155", false), 1 << 1);
        assert_eq!(run_in(SET, 0, b"355", false), 1 << 1);
        assert_eq!(run_in(SET, 0, b"255", false), 0);
        assert_eq!(run_in(SET, 0, b"1555", false), 1 << 3);
        assert!(prefix_in(SET, 0, b"077"));
        assert!(prefix_in(SET, 0, b"101234"));
        assert!(!prefix_in(SET, 0, b"201x"));
        assert!(prefix_in(SET, 0, b"1012x"));
        assert!(!prefix_in(SET, 0, b"19"));
        assert!(prefix_in(SET, 0, b"5555"));
        assert!(!prefix_in(SET, 0, b"2x"));
        let long = [b'1'; 200];
        assert_eq!(run_in(SET, 0, &long, false), 0);
        assert!(prefix_in(SET, 0, &long));
    }

    /// Operations the generator never writes are no match: a range whose low digit is not
    /// below its high one; a mask's bits past the ten digits are not read.
    #[test]
    fn malformed_ranges_and_masks_do_not_match() {
        assert_eq!(run_in((&[1, 0, RANGE + 82, END], &[]), 0, b"5", false), 0);
        assert_eq!(run_in((&[1, 0, RANGE + 55, END], &[]), 0, b"5", false), 0);
        assert_eq!(run_in((&[1, 0, RANGE + 28, END], &[]), 0, b"5", false), 1);
        let non_digit_only = (&[1u8, 0, 1, CLASS, END][..], &[0x00u8, 0x04][..]);
        assert_eq!(run_in(non_digit_only, 0, b"1x", false), 0);
        assert!(!prefix_in(non_digit_only, 0, b"1x"));
    }

    /// A set's packed `code` finds its first mask: the same set after another set's masks.
    #[test]
    fn code_points_at_the_first_mask() {
        let masks = [0x04, 0x00, 0x2A, 0x00];
        assert_eq!(run_in((OPS, &masks), 1 << CODE_BITS, b"155", false), 1 << 1);
        assert_eq!(run_in((OPS, &masks), 0, b"155", false), 0);
        assert_eq!(run_in((OPS, &masks), 0, b"255", false), 1 << 1);
        assert_eq!(run_in((OPS, &masks), 2 << CODE_BITS, b"155", false), 0);
    }

    proptest! {
        /// Malformed bytecode is no match, never a panic or a long run.
        #[test]
        fn any_bytecode_is_safe(code in proptest::collection::vec(any::<u8>(), 0..64),
                                masks in proptest::collection::vec(any::<u8>(), 0..8),
                                at in any::<u32>(), digits in "[0-9]{0,70}") {
            let at = at & (3 << CODE_BITS | 7);
            let _ = run_in((&code, &masks), at, digits.as_bytes(), false);
            let _ = run_in((&code, &masks), at, digits.as_bytes(), true);
            let _ = prefix_in((&code, &masks), at, digits.as_bytes());
        }
    }
}
