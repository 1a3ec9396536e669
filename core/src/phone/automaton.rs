//! The metadata's digit patterns as minimal DFAs, compiled by `tools/gen_phone_metadata.py` and
//! embedded in the crate (`automata.bin`): no pattern is compiled at run time and a walk reads
//! one table entry per digit.
//!
//! An automaton of `states` states is that many rows of 10 targets (one per digit) in
//! [`AUTOMATA`], one byte per target, or two (little endian) when `wide`. State 0 is the dead
//! state and has no row; state 1 is the start. States from `accept_from` on accept, with the
//! labels in `labels`.

use super::metadata::AUTOMATA;

/// One compiled pattern set.
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
