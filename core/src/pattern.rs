//! Digit patterns without a regex engine (issue 14, first step): the small regular language
//! libphonenumber's metadata is written in (digits, `\d`, classes such as `[2-79]`,
//! alternation, groups, `?`, counted repetition `{n}` `{n,m}`), compiled to a program of a few
//! instruction kinds and matched by a bit-parallel NFA simulation: linear in the input, no
//! backtracking, no allocation while matching.
//!
//! Checked against Python's `re` on every pattern of the pinned metadata
//! (`core/tests/fixtures/phone_patterns.json`, written by `tools/gen_phone_patterns.py`).
//!
//! ```
//! use wanumbers::pattern::Pattern;
//!
//! let mobile = Pattern::compile("7(?:[1-3]\\d|4[0-8])\\d{7}").unwrap();
//! assert!(mobile.full_match("7400123456"));
//! assert!(!mobile.full_match("7490123456"));
//! assert!(Pattern::compile("1[2-5]").unwrap().prefix_match("1345"));
//! ```

use crate::error::{Error, ErrorCode, Result};

/// The most instructions a pattern may compile to (the largest of the metadata needs ~1,900).
pub const MAX_PROGRAM: usize = 4096;

/// The most digits matched (an E.164 number has at most 15; the parser's inputs at most 17).
pub const MAX_INPUT: usize = 250;

const WORDS: usize = MAX_PROGRAM / 64;

/// One instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Consume one digit whose bit is set (bit `d` for digit `d`).
    Digits(u16),
    /// Continue at both.
    Split(u16, u16),
    /// Continue at.
    Jump(u16),
    /// The whole pattern matched.
    Match,
}

/// A compiled digit pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    program: Vec<Op>,
}

/// The syntax tree.
#[derive(Debug, Clone)]
enum Node {
    Digits(u16),
    Concat(Vec<Node>),
    Alternate(Vec<Node>),
    Repeat(Box<Node>, u16, Option<u16>),
}

fn invalid(pattern: &str, why: &str) -> Error {
    Error::new(
        ErrorCode::ArgumentInvalid,
        format!("the digit pattern is not in the supported syntax: {why}"),
    )
    .with("argument", "pattern")
    .with("length", pattern.len())
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
    source: &'a str,
    depth: usize,
}

const ALL_DIGITS: u16 = 0x3ff;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(invalid(self.source, "nested too deep"));
        }
        let mut options = vec![self.sequence()?];
        while self.eat(b'|') {
            options.push(self.sequence()?);
        }
        self.depth -= 1;
        Ok(if options.len() == 1 {
            options.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alternate(options)
        })
    }

    fn sequence(&mut self) -> Result<Node> {
        let mut items = Vec::new();
        while let Some(byte) = self.peek() {
            if byte == b'|' || byte == b')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.repeat(atom)?);
        }
        Ok(Node::Concat(items))
    }

    fn atom(&mut self) -> Result<Node> {
        let Some(byte) = self.peek() else {
            return Err(invalid(self.source, "ends early"));
        };
        self.at += 1;
        match byte {
            b'0'..=b'9' => Ok(Node::Digits(1 << (byte - b'0'))),
            b'\\' if self.eat(b'd') => Ok(Node::Digits(ALL_DIGITS)),
            b'[' => self.class(),
            b'(' => {
                if self.eat(b'?') && !self.eat(b':') {
                    return Err(invalid(self.source, "only (?: groups"));
                }
                let inner = self.alternation()?;
                if !self.eat(b')') {
                    return Err(invalid(self.source, "a group is not closed"));
                }
                Ok(inner)
            }
            _ => Err(invalid(self.source, "a character other than a digit")),
        }
    }

    fn class(&mut self) -> Result<Node> {
        let mut set = 0u16;
        let negated = self.eat(b'^');
        loop {
            let Some(byte) = self.peek() else {
                return Err(invalid(self.source, "a class is not closed"));
            };
            self.at += 1;
            match byte {
                b']' => break,
                b'\\' if self.eat(b'd') => set |= ALL_DIGITS,
                b'0'..=b'9' => {
                    let low = byte - b'0';
                    let high = if self.peek() == Some(b'-')
                        && self.text.get(self.at + 1).is_some_and(u8::is_ascii_digit)
                    {
                        let high = self.text.get(self.at + 1).copied().unwrap_or(byte) - b'0';
                        self.at += 2;
                        high
                    } else {
                        low
                    };
                    if high < low {
                        return Err(invalid(self.source, "a reversed range"));
                    }
                    for d in low..=high {
                        set |= 1 << d;
                    }
                }
                _ => return Err(invalid(self.source, "a class of other than digits")),
            }
        }
        Ok(Node::Digits(if negated { ALL_DIGITS & !set } else { set }))
    }

    fn number(&mut self) -> Option<u16> {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        std::str::from_utf8(self.text.get(start..self.at)?)
            .ok()?
            .parse()
            .ok()
    }

    fn repeat(&mut self, atom: Node) -> Result<Node> {
        if self.eat(b'?') {
            return Ok(Node::Repeat(Box::new(atom), 0, Some(1)));
        }
        if !self.eat(b'{') {
            return Ok(atom);
        }
        let low = self
            .number()
            .ok_or_else(|| invalid(self.source, "a count without a number"))?;
        let high = if self.eat(b',') {
            if self.peek() == Some(b'}') {
                None
            } else {
                Some(
                    self.number()
                        .ok_or_else(|| invalid(self.source, "a count without a bound"))?,
                )
            }
        } else {
            Some(low)
        };
        if !self.eat(b'}')
            || high.is_some_and(|h| h < low)
            || low > 64
            || high.is_some_and(|h| h > 64)
        {
            return Err(invalid(self.source, "a bad count"));
        }
        // A lazy count (`{n,m}?`) matches the same strings: no path is preferred here.
        self.eat(b'?');
        Ok(Node::Repeat(Box::new(atom), low, high))
    }
}

struct Compiler<'a> {
    program: Vec<Op>,
    source: &'a str,
}

impl Compiler<'_> {
    fn at(&self) -> Result<u16> {
        u16::try_from(self.program.len())
            .ok()
            .filter(|&n| usize::from(n) < MAX_PROGRAM)
            .ok_or_else(|| invalid(self.source, "it compiles to too many instructions"))
    }

    fn emit(&mut self, op: Op) -> Result<u16> {
        let at = self.at()?;
        self.program.push(op);
        Ok(at)
    }

    fn patch(&mut self, at: u16, op: Op) {
        if let Some(slot) = self.program.get_mut(usize::from(at)) {
            *slot = op;
        }
    }

    fn node(&mut self, node: &Node) -> Result<()> {
        match node {
            Node::Digits(set) => {
                self.emit(Op::Digits(*set))?;
            }
            Node::Concat(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alternate(options) => {
                let mut exits = Vec::new();
                for (i, option) in options.iter().enumerate() {
                    if i + 1 == options.len() {
                        self.node(option)?;
                    } else {
                        let split = self.emit(Op::Jump(0))?;
                        self.node(option)?;
                        exits.push(self.emit(Op::Jump(0))?);
                        let next = self.at()?;
                        self.patch(split, Op::Split(split + 1, next));
                    }
                }
                let end = self.at()?;
                for exit in exits {
                    self.patch(exit, Op::Jump(end));
                }
            }
            Node::Repeat(inner, low, high) => {
                for _ in 0..*low {
                    self.node(inner)?;
                }
                if let Some(high) = high {
                    // Each optional copy may be skipped, and skipping one skips the rest.
                    let mut skips = Vec::new();
                    for _ in *low..*high {
                        skips.push(self.emit(Op::Jump(0))?);
                        self.node(inner)?;
                    }
                    let end = self.at()?;
                    for skip in skips {
                        self.patch(skip, Op::Split(skip + 1, end));
                    }
                } else {
                    let loop_at = self.emit(Op::Jump(0))?;
                    self.node(inner)?;
                    self.emit(Op::Jump(loop_at))?;
                    let end = self.at()?;
                    self.patch(loop_at, Op::Split(loop_at + 1, end));
                }
            }
        }
        Ok(())
    }
}

/// A set of program positions.
#[derive(Clone, Copy)]
struct States([u64; WORDS]);

impl States {
    fn new() -> Self {
        States([0; WORDS])
    }

    fn insert(&mut self, at: u16) -> bool {
        let (word, bit) = (usize::from(at) / 64, at % 64);
        match self.0.get_mut(word) {
            Some(w) if *w & (1 << bit) == 0 => {
                *w |= 1 << bit;
                true
            }
            _ => false,
        }
    }

    fn is_empty(&self, words: usize) -> bool {
        self.0.iter().take(words).all(|w| *w == 0)
    }

    fn iter(&self, words: usize) -> impl Iterator<Item = u16> + '_ {
        self.0.iter().take(words).enumerate().flat_map(|(i, word)| {
            let mut word = *word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros();
                word &= word - 1;
                u16::try_from(i * 64 + bit as usize).ok()
            })
        })
    }
}

impl Pattern {
    /// Compiles `pattern`.
    ///
    /// # Errors
    /// `argument_invalid` for syntax outside the digit subset, or a pattern too large.
    pub fn compile(pattern: &str) -> Result<Pattern> {
        let mut parser = Parser {
            text: pattern.as_bytes(),
            at: 0,
            source: pattern,
            depth: 0,
        };
        let tree = parser.alternation()?;
        if parser.at != pattern.len() {
            return Err(invalid(pattern, "an unmatched )"));
        }
        let mut compiler = Compiler {
            program: Vec::new(),
            source: pattern,
        };
        compiler.node(&tree)?;
        compiler.emit(Op::Match)?;
        Ok(Pattern {
            program: compiler.program,
        })
    }

    /// How many instructions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.program.len()
    }

    /// Never: a pattern has at least its `Match`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.program.is_empty()
    }

    /// Adds `at` and every position reachable from it without a digit; whether `Match` is.
    fn close(&self, states: &mut States, at: u16) -> bool {
        let mut stack = [0u16; 64];
        let mut depth = 0usize;
        let mut matched = false;
        let mut next = Some(at);
        loop {
            let Some(at) = next.take().or_else(|| {
                depth = depth.checked_sub(1)?;
                stack.get(depth).copied()
            }) else {
                return matched;
            };
            if !states.insert(at) {
                continue;
            }
            match self.program.get(usize::from(at)) {
                Some(Op::Jump(to)) => next = Some(*to),
                Some(Op::Split(a, b)) => {
                    if let Some(slot) = stack.get_mut(depth) {
                        *slot = *b;
                        depth += 1;
                        next = Some(*a);
                    } else {
                        // Deeper than the stack: follow both in turn (recursion, bounded by
                        // the program's size).
                        matched |= self.close(states, *b);
                        next = Some(*a);
                    }
                }
                Some(Op::Match) => matched = true,
                Some(Op::Digits(_)) | None => {}
            }
        }
    }

    fn run(&self, digits: &str, prefix: bool) -> bool {
        if digits.len() > MAX_INPUT {
            return false;
        }
        // Only the words the program uses are cleared and scanned.
        let words = self.program.len().div_ceil(64).min(WORDS);
        let mut current = States::new();
        let mut next = States::new();
        let mut matched = self.close(&mut current, 0);
        for byte in digits.bytes() {
            if prefix && matched {
                return true;
            }
            let Some(d) = byte.checked_sub(b'0').filter(|d| *d < 10) else {
                return prefix && matched;
            };
            for word in next.0.iter_mut().take(words) {
                *word = 0;
            }
            matched = false;
            for at in current.iter(words) {
                if let Some(Op::Digits(set)) = self.program.get(usize::from(at))
                    && set & (1 << d) != 0
                {
                    matched |= self.close(&mut next, at + 1);
                }
            }
            if next.is_empty(words) {
                return false;
            }
            std::mem::swap(&mut current, &mut next);
        }
        matched
    }

    /// Whether the whole of `digits` matches.
    #[must_use]
    pub fn full_match(&self, digits: &str) -> bool {
        self.run(digits, false)
    }

    /// Whether a prefix of `digits` matches (libphonenumber's `lookingAt`).
    #[must_use]
    pub fn prefix_match(&self, digits: &str) -> bool {
        self.run(digits, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_syntax() {
        let p = |s: &str| Pattern::compile(s).unwrap();
        assert!(p("12").full_match("12") && !p("12").full_match("123"));
        assert!(p("1\\d{2,3}").full_match("123") && p("1\\d{2,3}").full_match("1234"));
        assert!(!p("1\\d{2,3}").full_match("12") && !p("1\\d{2,3}").full_match("12345"));
        assert!(p("(?:1|23)4?").full_match("234") && p("(?:1|23)4?").full_match("1"));
        assert!(p("[2-46-8]").full_match("7") && !p("[2-46-8]").full_match("5"));
        assert!(p("[^0]").full_match("5") && !p("[^0]").full_match("0"));
        assert!(p("1\\d{2,}").full_match("1234567") && !p("1\\d{2,}").full_match("12"));
        assert!(p("").full_match("") && !p("").full_match("1"));
        assert!(p("1[2-5]").prefix_match("1345") && !p("1[2-5]").prefix_match("1645"));
        for bad in ["(1", "1)", "[12", "a", "1{3,2}", "(?=1)", "\\w"] {
            assert_eq!(
                Pattern::compile(bad).unwrap_err().code(),
                ErrorCode::ArgumentInvalid,
                "{bad}"
            );
        }
    }
}
