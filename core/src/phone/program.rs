//! The patterns whose matches the engine takes apart (international and national prefixes),
//! compiled by `tools/gen_phone_metadata.py` to programs for a small backtracking machine with
//! Python `re`'s leftmost-first semantics, so the engine's answers are libphonenumber's. The
//! number formats' patterns are all groups of one digit class repeated (`(\d{3})(\d{2,4})`):
//! they are [`Groups`], matched by a greedy search with the same semantics.
//!
//! Counted repetition is unrolled, so every jump goes forward and a path passes each split and
//! save at most once: the stack never holds more entries than the program has splits and saves,
//! and a visited set over (split, position) bounds each run. The generator checks every program
//! against the fixed limits here, so nothing is allocated.

use super::metadata::{FORMAT_GROUPS, PROGRAMS};

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

/// A number format's pattern: capturing groups, each one digit class repeated `min..=max`
/// times; `len` groups of four bytes of `FORMAT_GROUPS` from `at` (the class's u16 mask of
/// digits, min, max).
#[derive(Debug, Clone, Copy)]
pub struct Groups {
    /// Byte offset in `FORMAT_GROUPS`.
    pub at: u16,
    /// Number of groups (at most [`MAX_GROUPS`]).
    pub len: u8,
}

impl Groups {
    /// Matches at the start of `input` (ASCII digits) as Python's `re.match` matches the
    /// pattern: each group as long as it can be, shorter only when what follows fails; with
    /// `whole`, only a match of all of it counts (`re.fullmatch`).
    pub fn run(self, input: &[u8], whole: bool) -> Option<Captures> {
        self.run_in(FORMAT_GROUPS, input, whole)
    }

    fn run_in(self, data: &[u8], input: &[u8], whole: bool) -> Option<Captures> {
        let at = usize::from(self.at);
        let code = data.get(at..at + 4 * usize::from(self.len))?;
        if usize::from(self.len) > MAX_GROUPS || input.len() >= usize::from(u16::MAX) {
            return None;
        }
        // The search tries at most the product of the groups' length ranges; the generator
        // keeps it within MAX_VISITED, and data past it is no match.
        let mut tries = 1usize;
        for group in code.chunks(4) {
            let (min, max) = (group.get(2).copied()?, group.get(3).copied()?);
            tries = tries.saturating_mul(usize::from(max.checked_sub(min)?) + 1);
        }
        if tries > MAX_VISITED {
            return None;
        }
        let mut captures = Captures {
            end: 0,
            slots: [NONE; SLOTS],
        };
        search(code, input, 0, 1, whole, &mut captures).then_some(captures)
    }
}

/// Matches the groups of `code` from `pos` on, group `n` first; records the spans of the
/// first assignment found (longest first for each group, as a greedy regex backtracks). The
/// recursion is at most [`MAX_GROUPS`] deep and the tries at most [`MAX_VISITED`] (checked by
/// [`Groups::run`]).
fn search(
    code: &[u8],
    input: &[u8],
    pos: usize,
    n: usize,
    whole: bool,
    out: &mut Captures,
) -> bool {
    let Some((&[low_mask, high_mask, min, max], rest)) = code.split_first_chunk::<4>() else {
        if whole && pos != input.len() {
            return false;
        }
        out.end = pos;
        return true;
    };
    let mask = u16::from_le_bytes([low_mask, high_mask]);
    let run = input
        .get(pos..)
        .unwrap_or(&[])
        .iter()
        .take(usize::from(max))
        .take_while(|&&b| {
            let d = b.wrapping_sub(b'0');
            d < 10 && mask >> d & 1 == 1
        })
        .count();
    let mut len = run;
    while len >= usize::from(min) {
        if search(rest, input, pos + len, n + 1, whole, out) {
            let (Ok(start), Ok(end)) = (u16::try_from(pos), u16::try_from(pos + len)) else {
                return false;
            };
            if let Some([s, e]) = out.slots.get_mut(2 * n..2 * n + 2) {
                (*s, *e) = (start, end);
            }
            return true;
        }
        let Some(shorter) = len.checked_sub(1) else {
            break;
        };
        len = shorter;
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `(\d{2,3})(\d{4})` then `([1-9])(\d{2})`, as the generator writes them.
    const DATA: &[u8] = &[
        0xFF, 0x03, 2, 3, 0xFF, 0x03, 4, 4, 0xFE, 0x03, 1, 1, 0xFF, 0x03, 2, 2,
    ];
    const LONG_SHORT: Groups = Groups { at: 0, len: 2 };
    const NONZERO: Groups = Groups { at: 8, len: 2 };

    fn spans(groups: Groups, input: &[u8], whole: bool) -> Option<(usize, Vec<(usize, usize)>)> {
        let found = groups.run_in(DATA, input, whole)?;
        let spans = (1..=usize::from(groups.len))
            .filter_map(|n| found.group(n))
            .collect();
        Some((found.end, spans))
    }

    /// The answers of Python's `re.match` and `re.fullmatch` (run on the same patterns and
    /// inputs): each group as long as it can be, shorter only when what follows fails.
    #[test]
    fn groups_match_as_python_re() {
        assert_eq!(
            spans(LONG_SHORT, b"1234567", true),
            Some((7, vec![(0, 3), (3, 7)]))
        );
        assert_eq!(
            spans(LONG_SHORT, b"123456", true),
            Some((6, vec![(0, 2), (2, 6)]))
        );
        assert_eq!(spans(LONG_SHORT, b"12345678", true), None);
        assert_eq!(
            spans(LONG_SHORT, b"12345678", false),
            Some((7, vec![(0, 3), (3, 7)]))
        );
        assert_eq!(spans(LONG_SHORT, b"12345", false), None);
        assert_eq!(spans(LONG_SHORT, b"12a4567", false), None);
        assert_eq!(
            spans(NONZERO, b"912", true),
            Some((3, vec![(0, 1), (1, 3)]))
        );
        assert_eq!(spans(NONZERO, b"012", true), None);
        assert_eq!(
            spans(NONZERO, b"9123", false),
            Some((3, vec![(0, 1), (1, 3)]))
        );
        // Out of the data, more groups than a capture holds, or more tries than the limit: no
        // match.
        let wide = [0xFF, 0x03, 0, 255, 0xFF, 0x03, 0, 255];
        assert!(
            Groups { at: 0, len: 2 }
                .run_in(&wide, b"12", true)
                .is_none()
        );
        assert_eq!(spans(Groups { at: 12, len: 2 }, b"912", false), None);
        assert!(
            Groups { at: 0, len: 7 }
                .run_in(&[0xFF, 0x03, 1, 1].repeat(7), b"1234567", true)
                .is_none()
        );
    }
}
