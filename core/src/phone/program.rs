//! The patterns whose matches the engine takes apart (international and national prefixes, the
//! number formats' groups), compiled by `tools/gen_phone_metadata.py` to programs for a small
//! backtracking machine with Python `re`'s leftmost-first semantics, so the engine's answers
//! are libphonenumber's.
//!
//! Counted repetition is unrolled, so every jump goes forward and a path passes each split and
//! save at most once: the stack never holds more entries than the program has splits and saves,
//! and a visited set over (split, position) bounds each run. The generator checks every program
//! against the fixed limits here, so nothing is allocated.

use super::metadata::PROGRAMS;

/// The most bytes in a program.
pub const MAX_PROGRAM: usize = 2048;
/// The most (split, position) pairs a run may visit.
pub const MAX_VISITED: usize = 4096;
/// The most pending jobs (a split's other branch, a group start to restore).
pub const MAX_STACK: usize = 256;
/// The most capturing groups in a pattern.
pub const MAX_GROUPS: usize = 6;

const SLOTS: usize = 2 * (MAX_GROUPS + 1);
const NONE: u16 = u16::MAX;

const DIGITS: u8 = 0x01;
const SPLIT: u8 = 0x02;
const JUMP: u8 = 0x03;
const SAVE: u8 = 0x04;
const END: u8 = 0x05;
const MATCH: u8 = 0x06;

/// One compiled pattern.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    /// Byte offset in [`PROGRAMS`].
    pub at: u32,
    /// Length in bytes.
    pub len: u16,
    /// Number of splits.
    pub splits: u16,
    /// Number of capturing groups.
    pub groups: u8,
    /// The most digits a match takes.
    pub longest: u8,
}

/// Where a match ended and its groups' spans.
#[derive(Debug, Clone, Copy)]
pub struct Captures {
    /// The end of the whole match.
    pub end: usize,
    slots: [u16; SLOTS],
}

impl Captures {
    /// Group `n`'s span (1-based), if it took part in the match.
    pub fn group(&self, n: usize) -> Option<(usize, usize)> {
        let start = *self.slots.get(2 * n)?;
        let end = *self.slots.get(2 * n + 1)?;
        (start != NONE && end != NONE).then_some((usize::from(start), usize::from(end)))
    }
}

/// A pending job, packed: bit 31 clear for "explore from (pc, position)" (`pc << 8 | pos`),
/// set for "restore a group slot" (`slot << 16 | old value`).
const RESTORE: u32 = 1 << 31;

fn u16_at(code: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes([
        *code.get(at)?,
        *code.get(at + 1)?,
    ])))
}

impl Program {
    fn code(&self) -> &'static [u8] {
        let at = self.at as usize;
        PROGRAMS.get(at..at + usize::from(self.len)).unwrap_or(&[])
    }

    /// Matches at the start of `input` (ASCII digits), as Python's `re.match`; with `whole`,
    /// only a match of all of it counts (`re.fullmatch`).
    pub fn run(&self, input: &[u8], whole: bool) -> Option<Captures> {
        let code = self.code();
        // A match takes at most `longest` digits, so positions past it are never reached.
        let positions = input.len().min(usize::from(self.longest)) + 1;
        if code.len() > MAX_PROGRAM
            || usize::from(self.splits) * positions > MAX_VISITED
            || input.len() >= usize::from(u16::MAX)
        {
            return None;
        }
        let mut visited = [0u64; MAX_VISITED / 64];
        let mut stack = [0u32; MAX_STACK];
        let mut depth = 1;
        let mut slots = [NONE; SLOTS];
        while depth > 0 {
            depth -= 1;
            let job = *stack.get(depth)?;
            if job & RESTORE != 0 {
                *slots.get_mut(((job >> 16) & 0xff) as usize)? = (job & 0xffff) as u16;
                continue;
            }
            let mut pc = (job >> 8) as usize;
            let mut pos = (job & 0xff) as usize;
            loop {
                match *code.get(pc)? {
                    DIGITS => {
                        let mask = u16_at(code, pc + 1)?;
                        match input.get(pos).map(|d| usize::from(d.wrapping_sub(b'0'))) {
                            Some(d) if d < 10 && mask >> d & 1 == 1 => {
                                pc += 3;
                                pos += 1;
                            }
                            _ => break,
                        }
                    }
                    SPLIT => {
                        // Each (split, position) is explored once: a second visit would fail
                        // as the first did (a success ends the run).
                        let key = u16_at(code, pc + 5)? * positions + pos;
                        let word = visited.get_mut(key / 64)?;
                        if *word >> (key % 64) & 1 == 1 {
                            break;
                        }
                        *word |= 1 << (key % 64);
                        let second = u32::try_from(u16_at(code, pc + 3)?).ok()?;
                        *stack.get_mut(depth)? = second << 8 | u32::try_from(pos).ok()?;
                        depth += 1;
                        pc = u16_at(code, pc + 1)?;
                    }
                    JUMP => pc = u16_at(code, pc + 1)?,
                    SAVE => {
                        let slot = *code.get(pc + 1)?;
                        let cell = slots.get_mut(usize::from(slot))?;
                        *stack.get_mut(depth)? = RESTORE | u32::from(slot) << 16 | u32::from(*cell);
                        depth += 1;
                        *cell = u16::try_from(pos).ok()?;
                        pc += 2;
                    }
                    END if pos == input.len() => pc += 1,
                    MATCH if !whole || pos == input.len() => {
                        return Some(Captures { end: pos, slots });
                    }
                    END | MATCH => break,
                    _ => return None,
                }
            }
        }
        None
    }
}

/// Expands a replacement (`$1 $2`, `0$1`) with `captures`' groups of `input`, character by
/// character; a group that took no part gives nothing, as in Python's `re.sub`.
pub fn expand_into(template: &str, input: &[u8], captures: &Captures, mut push: impl FnMut(char)) {
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c == '$' {
            if let Some(n) = chars.next().and_then(|d| d.to_digit(10))
                && let Some((start, end)) = captures.group(n as usize)
            {
                for &b in input.get(start..end).unwrap_or(&[]) {
                    push(char::from(b));
                }
            }
        } else {
            push(c);
        }
    }
}
