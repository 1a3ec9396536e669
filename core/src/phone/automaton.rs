//! The metadata's digit patterns as minimal DFAs, compiled by `tools/gen_phone_metadata.py` and
//! embedded in the crate (`automata.bin`): no pattern is compiled at run time and a walk reads
//! one table entry per digit.
//!
//! An automaton of `states` states is that many rows of 10 targets (one per digit) in
//! [`AUTOMATA`], one byte per target, or two (little endian) when `wide`. State 0 is the dead
//! state and has no row; state 1 is the start. States from `accept_from` on accept, with the
//! labels in `labels`.
//!
//! The compact builds (feature `compact`, the browser builds) carry the same patterns as
//! bytecode instead (`patterns.bin` and `pattern_masks.bin`, see [`pattern`](super::pattern)):
//! the same answers from far fewer bytes, at a few times the cost per check. The generated
//! tables name an automaton by its index, which [`get`] reads in the build's own form:
//! `automaton_index.bin` and `automaton_labels.bin` for the DFAs, `automaton_codes.bin` for
//! the bytecode.

#[cfg(feature = "compact")]
use super::metadata::AUTOMATON_CODES;
use super::metadata::AUTOMATON_COUNT;
#[cfg(not(feature = "compact"))]
use super::metadata::{AUTOMATA, AUTOMATON_INDEX, AUTOMATON_LABELS};

/// `N` bytes of `data` from `at`, if it holds them.
#[cfg(not(feature = "compact"))]
fn bytes<const N: usize>(data: &'static [u8], at: usize) -> Option<[u8; N]> {
    data.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// The automaton of index `index` (`None` only for an index the generator did not write): its
/// packed code, four bytes in `AUTOMATON_CODES`, stored as byte planes (byte 0 of every code,
/// then byte 1, ...).
#[cfg(feature = "compact")]
pub fn get(index: u16) -> Option<Automaton> {
    let code = super::planes::read(AUTOMATON_CODES, AUTOMATON_COUNT, usize::from(index), 0, 4)?;
    Some(Automaton { code })
}

/// The automaton of index `index` (`None` only for an index the generator did not write): a
/// row of `AUTOMATON_INDEX`, 13 bytes: its offset in `AUTOMATA` (u32), states and first
/// accepting state (u16 each), its first label's index in `AUTOMATON_LABELS` (u32) and
/// whether its targets are two bytes.
#[cfg(not(feature = "compact"))]
pub fn get(index: u16) -> Option<Automaton> {
    if usize::from(index) >= AUTOMATON_COUNT {
        return None;
    }
    let row = usize::from(index) * ROW;
    let states = u16::from_le_bytes(bytes(AUTOMATON_INDEX, row + 4)?);
    let accept_from = u16::from_le_bytes(bytes(AUTOMATON_INDEX, row + 6)?);
    let first_label = usize::try_from(u32::from_le_bytes(bytes(AUTOMATON_INDEX, row + 8)?)).ok()?;
    let accepting = usize::from(states.checked_sub(accept_from)?) + 1;
    let labels = first_label.checked_mul(2)?..first_label.checked_add(accepting)?.checked_mul(2)?;
    Some(Automaton {
        at: u32::from_le_bytes(bytes(AUTOMATON_INDEX, row)?),
        states,
        accept_from,
        wide: AUTOMATON_INDEX.get(row + 12).is_some_and(|&w| w != 0),
        labels: AUTOMATON_LABELS.get(labels)?,
    })
}

/// The bytes of a row of `AUTOMATON_INDEX`.
#[cfg(not(feature = "compact"))]
const ROW: usize = 13;

/// One compiled pattern set, as bytecode (the compact builds).
#[cfg(feature = "compact")]
#[derive(Debug, Clone, Copy)]
pub struct Automaton {
    /// Where the set is: its byte offset in [`PATTERNS`](super::metadata::PATTERNS) (bits
    /// 0-16) and the index of its first mask in
    /// [`PATTERN_MASKS`](super::metadata::PATTERN_MASKS) (bits 17-31).
    pub code: u32,
}

#[cfg(feature = "compact")]
impl Automaton {
    /// The label of the whole input (the set of patterns that match all of `digits`), or 0
    /// when the first pattern (bit 0) does not match: the rest is then not run.
    pub fn run_if_first(self, digits: &[u8]) -> u16 {
        super::pattern::run(self.code, digits, true)
    }

    /// Whether the first pattern (bit 0) matches all of `digits`; the rest is not run.
    pub fn first(self, digits: &[u8]) -> bool {
        super::pattern::first(self.code, digits)
    }

    /// Whether some prefix of `digits` matches (`re.match`).
    pub fn prefix(self, digits: &[u8]) -> bool {
        super::pattern::prefix(self.code, digits)
    }
}

/// One compiled pattern set.
#[cfg(not(feature = "compact"))]
#[derive(Debug, Clone, Copy)]
pub struct Automaton {
    /// Byte offset of state 1's row in [`AUTOMATA`].
    pub at: u32,
    /// Number of states, dead state excluded.
    pub states: u16,
    /// The first accepting state.
    pub accept_from: u16,
    /// Two bytes per target.
    pub wide: bool,
    /// Each accepting state's label, from `accept_from` on: two bytes each, little endian.
    pub labels: &'static [u8],
}

#[cfg(not(feature = "compact"))]
impl Automaton {
    /// The state after `digit` (an ASCII digit) from `state`; 0 when dead.
    #[inline]
    fn step(&self, state: usize, digit: u8) -> usize {
        let d = usize::from(digit.wrapping_sub(b'0'));
        if d > 9 || state == 0 || state > usize::from(self.states) {
            return 0;
        }
        let entry = (state - 1) * 10 + d;
        let at = self.at as usize;
        if self.wide {
            let i = at + entry * 2;
            AUTOMATA
                .get(i..i + 2)
                .and_then(|b| <[u8; 2]>::try_from(b).ok())
                .map_or(0, |b| usize::from(u16::from_le_bytes(b)))
        } else {
            AUTOMATA.get(at + entry).map_or(0, |b| usize::from(*b))
        }
    }

    fn label(&self, state: usize) -> u16 {
        state
            .checked_sub(usize::from(self.accept_from))
            .and_then(|i| bytes(self.labels, i * 2))
            .map_or(0, u16::from_le_bytes)
    }

    /// The label of the whole input: the set of patterns that match all of `digits` (0: none).
    pub fn run(&self, digits: &[u8]) -> u16 {
        let mut state = 1;
        for &digit in digits {
            state = self.step(state, digit);
            if state == 0 {
                return 0;
            }
        }
        self.label(state)
    }

    /// [`run`](Self::run), or 0 when the first pattern (bit 0) does not match.
    pub fn run_if_first(&self, digits: &[u8]) -> u16 {
        let label = self.run(digits);
        if label & 1 == 1 { label } else { 0 }
    }

    /// Whether the first pattern (bit 0) matches all of `digits`.
    pub fn first(&self, digits: &[u8]) -> bool {
        self.run(digits) & 1 == 1
    }

    /// Whether some prefix of `digits` matches (`re.match`; for automata compiled as prefix
    /// automata, whose accepting states absorb).
    pub fn prefix(&self, digits: &[u8]) -> bool {
        let accept = usize::from(self.accept_from);
        let mut state = 1;
        if state >= accept {
            return true;
        }
        for &digit in digits {
            state = self.step(state, digit);
            if state == 0 {
                return false;
            }
            if state >= accept {
                return true;
            }
        }
        false
    }
}
