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
//! the same answers from far fewer bytes, at a few times the cost per check. The generated tables name
//! both forms through [`automaton!`], which keeps the build's own.

#[cfg(not(feature = "compact"))]
use super::metadata::AUTOMATA;

/// An [`Automaton`] from the generator's description of both forms: `at`, `states`,
/// `accept_from`, `wide`, `[labels]` of the DFA, then the bytecode's packed code (its
/// operations' offset in bits 0-16, its first mask's index in bits 17-31).
#[cfg(not(feature = "compact"))]
macro_rules! automaton {
    ($at:expr, $states:expr, $accept_from:expr, $wide:expr, [$($label:expr),*], $code:expr) => {
        Automaton {
            at: $at,
            states: $states,
            accept_from: $accept_from,
            wide: $wide,
            labels: &[$($label),*],
        }
    };
}

#[cfg(feature = "compact")]
macro_rules! automaton {
    ($at:expr, $states:expr, $accept_from:expr, $wide:expr, [$($label:expr),*], $code:expr) => {
        Automaton { code: $code }
    };
}

pub(super) use automaton;

/// One compiled pattern set, as bytecode (the compact builds).
#[cfg(feature = "compact")]
#[derive(Debug)]
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
    pub fn run_if_first(&self, digits: &[u8]) -> u16 {
        super::pattern::run(self.code, digits, true)
    }

    /// Whether the first pattern (bit 0) matches all of `digits`; the rest is not run.
    pub fn first(&self, digits: &[u8]) -> bool {
        super::pattern::first(self.code, digits)
    }

    /// Whether some prefix of `digits` matches (`re.match`).
    pub fn prefix(&self, digits: &[u8]) -> bool {
        super::pattern::prefix(self.code, digits)
    }
}

/// One compiled pattern set.
#[cfg(not(feature = "compact"))]
#[derive(Debug)]
pub struct Automaton {
    /// Byte offset of state 1's row in [`AUTOMATA`].
    pub at: u32,
    /// Number of states, dead state excluded.
    pub states: u16,
    /// The first accepting state.
    pub accept_from: u16,
    /// Two bytes per target.
    pub wide: bool,
    /// Each accepting state's label, from `accept_from` on.
    pub labels: &'static [u16],
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
            .and_then(|i| self.labels.get(i))
            .copied()
            .unwrap_or(0)
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
