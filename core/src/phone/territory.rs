//! Territories: libphonenumber's regions (`GB`) and non-geographic entities (`001`, one per
//! calling code such as +800), with what the engine asks of them: which territory a number
//! belongs to, its type, and whether its length is possible. The answers follow
//! libphonenumber's `getRegionCodeForNumber`, `getNumberType` and `isPossibleNumberWithReason`
//! step for step; the data is generated (`metadata.rs`).

use super::NumberType;
use super::automaton::Automaton;
use super::metadata::{
    CALLING_CODES, CODE_TERRITORIES, EXAMPLES, FORMAT_LEADING, FORMAT_PATTERNS, FORMAT_TEMPLATES,
    FORMATS, LENGTHS, TERRITORIES,
};
use super::program::{Groups, Program};

/// The number descriptions, in the order of libphonenumber's type test; a validation
/// automaton's label has bit `d` set when description `d`'s pattern matches.
pub mod desc {
    pub const GENERAL: usize = 0;
    pub const PREMIUM_RATE: usize = 1;
    pub const TOLL_FREE: usize = 2;
    pub const SHARED_COST: usize = 3;
    pub const VOIP: usize = 4;
    pub const PERSONAL_NUMBER: usize = 5;
    pub const PAGER: usize = 6;
    pub const UAN: usize = 7;
    pub const VOICEMAIL: usize = 8;
    pub const FIXED_LINE: usize = 9;
    pub const MOBILE: usize = 10;
    pub const COUNT: usize = 11;
}

/// The id of the non-geographic entities.
pub const NON_GEOGRAPHIC: &str = "001";

/// One region or non-geographic entity.
#[derive(Debug)]
pub struct Territory {
    /// The region code (`GB`), or `001`.
    pub id: &'static str,
    /// The country calling code.
    pub country_code: u16,
    /// The validation patterns of every description, run at once.
    pub types: Automaton,
    /// For a territory sharing its calling code: the national numbers that are its own.
    pub leading_digits: Option<Automaton>,
    /// Each description's possible lengths (bit `n` for `n` digits; 0 when it has no
    /// numbers, all bits when it takes any length), as indices into `LENGTHS`, the distinct
    /// masks: see [`Territory::lengths`].
    pub lengths: [u8; desc::COUNT],
    /// Lengths dialable only inside an area (the general description's "local only"): an
    /// index into `LENGTHS`.
    pub local_lengths: u8,
    /// Fixed-line and mobile numbers are told apart by nothing (`FIXED_LINE_OR_MOBILE`).
    pub same_mobile_and_fixed_line: bool,
    /// An example number of each description, in description order, separated by commas
    /// (`,,12345678,,...`: see [`Territory::example`]): bytes of `EXAMPLES`.
    pub examples: Span,
    /// What is dialled before a calling code to call abroad (`00`).
    pub international_prefix: Option<Program>,
    /// The national prefix and carrier codes dialled before a national number (`0`), with
    /// groups for the transform.
    pub national_prefix_for_parsing: Option<Program>,
    /// What a national prefix match becomes (`9$1`), where it does not simply go.
    pub national_prefix_transform: Option<&'static str>,
    /// How an extension is written (default ` ext. `).
    pub extension_prefix: Option<&'static str>,
    /// How numbers are written nationally (the national prefix rule already applied): rows
    /// of `FORMATS` (see [`Territory::formats`]).
    pub national_formats: Span,
    /// How numbers are written internationally: rows of `FORMATS`.
    pub international_formats: Span,
}

/// A run of a shared table of [`metadata`](super::metadata): `len` rows (or bytes) from `at`.
/// Offsets rather than references: 254 territories' references cost the browser builds more
/// than the tables they point into.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub at: u16,
    pub len: u16,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        usize::from(self.at)..usize::from(self.at) + usize::from(self.len)
    }
}

/// One way of writing numbers: indices into the format tables of
/// [`metadata`](super::metadata) (distinct patterns, leading digits and templates are few
/// beside the formats, and indices compress where references would not).
#[derive(Debug)]
pub struct Format {
    /// The groups of the national number (matched whole): in `FORMAT_PATTERNS`.
    pub pattern: u8,
    /// The national numbers it is for (a prefix match): in `FORMAT_LEADING`, or
    /// [`NO_LEADING`] when it is for all.
    pub leading: u16,
    /// The result (`$1 $2`, `0$1 $2`): in `FORMAT_TEMPLATES`.
    pub template: u8,
}

/// [`Format::leading`] of a format for every national number.
pub const NO_LEADING: u16 = u16::MAX;

impl Format {
    /// A row of `FORMATS` (short for the generated table).
    pub const fn of(pattern: u8, leading: u16, template: u8) -> Format {
        Format {
            pattern,
            leading,
            template,
        }
    }

    /// The pattern's groups (`None` only for a table the generator did not write).
    pub fn pattern(&self) -> Option<&'static Groups> {
        FORMAT_PATTERNS.get(usize::from(self.pattern))
    }

    /// The leading digits' automaton, when the format is not for all national numbers.
    pub fn leading(&self) -> Option<&'static Automaton> {
        FORMAT_LEADING.get(usize::from(self.leading))
    }

    /// The template.
    pub fn template(&self) -> &'static str {
        FORMAT_TEMPLATES
            .get(usize::from(self.template))
            .copied()
            .unwrap_or_default()
    }
}

/// Why a number's length is, or is not, possible (libphonenumber's `ValidationResult`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

impl Territory {
    /// The possible lengths of description `d` (bit `n` for `n` digits).
    pub fn lengths(&self, d: usize) -> u32 {
        self.lengths
            .get(d)
            .and_then(|&i| LENGTHS.get(usize::from(i)))
            .copied()
            .unwrap_or(0)
    }

    /// The lengths dialable only inside an area.
    pub fn local_lengths(&self) -> u32 {
        LENGTHS
            .get(usize::from(self.local_lengths))
            .copied()
            .unwrap_or(0)
    }

    /// Whether the general description's pattern matches `nsn`, whatever its length
    /// (libphonenumber's `matchNationalNumber`, used while parsing).
    pub fn general_pattern(&self, nsn: &[u8]) -> bool {
        self.types.first(nsn)
    }

    /// Which descriptions match `nsn` (bit `d` for description `d`), lengths included; none
    /// when the general description does not.
    fn matches(&self, nsn: &[u8]) -> u16 {
        let label = self.types.run_if_first(nsn);
        if label == 0 {
            return 0;
        }
        let length_bit = 1u32.checked_shl(u32::try_from(nsn.len()).unwrap_or(u32::MAX));
        let mut out = 0;
        for d in 0..desc::COUNT {
            if label >> d & 1 == 1 && length_bit.is_some_and(|bit| self.lengths(d) & bit != 0) {
                out |= 1 << d;
            }
        }
        out
    }

    /// The number type of a national significant number (`getNumberTypeHelper`).
    pub fn number_type(&self, nsn: &[u8]) -> NumberType {
        let m = self.matches(nsn);
        let has = |d: usize| m >> d & 1 == 1;
        if !has(desc::GENERAL) {
            return NumberType::Unknown;
        }
        for (d, kind) in [
            (desc::PREMIUM_RATE, NumberType::PremiumRate),
            (desc::TOLL_FREE, NumberType::TollFree),
            (desc::SHARED_COST, NumberType::SharedCost),
            (desc::VOIP, NumberType::Voip),
            (desc::PERSONAL_NUMBER, NumberType::PersonalNumber),
            (desc::PAGER, NumberType::Pager),
            (desc::UAN, NumberType::Uan),
            (desc::VOICEMAIL, NumberType::Voicemail),
        ] {
            if has(d) {
                return kind;
            }
        }
        if has(desc::FIXED_LINE) {
            return if self.same_mobile_and_fixed_line || has(desc::MOBILE) {
                NumberType::FixedLineOrMobile
            } else {
                NumberType::FixedLine
            };
        }
        if !self.same_mobile_and_fixed_line && has(desc::MOBILE) {
            return NumberType::Mobile;
        }
        NumberType::Unknown
    }

    /// Whether the length of `nsn` is possible here (`testNumberLength` for any type).
    pub fn length(&self, nsn: &[u8]) -> Length {
        let lengths = self.lengths(desc::GENERAL);
        let Ok(n) = u32::try_from(nsn.len()) else {
            return Length::TooLong;
        };
        if lengths == 0 {
            return Length::Invalid;
        }
        let bit = 1u32.checked_shl(n).unwrap_or(0);
        if self.local_lengths() & bit != 0 {
            return Length::LocalOnly;
        }
        let shortest = lengths.trailing_zeros();
        let longest = lengths.ilog2();
        if n == shortest {
            Length::Possible
        } else if n < shortest {
            Length::TooShort
        } else if n > longest {
            Length::TooLong
        } else if lengths & bit != 0 {
            Length::Possible
        } else {
            Length::Invalid
        }
    }

    /// The example number of description `d`, if it has one.
    pub fn example(&self, d: usize) -> Option<&'static str> {
        EXAMPLES
            .get(self.examples.range())?
            .split(',')
            .nth(d)
            .filter(|e| !e.is_empty())
    }

    /// How numbers are written nationally (`national`) or internationally.
    pub fn formats(&self, national: bool) -> &'static [Format] {
        let span = if national {
            self.national_formats
        } else {
            self.international_formats
        };
        FORMATS.get(span.range()).unwrap_or_default()
    }

    /// Whether the number is a region's (not a non-geographic entity's).
    pub fn is_geographic(&self) -> bool {
        self.id != NON_GEOGRAPHIC
    }
}

fn indices(country_code: u16) -> &'static [u16] {
    CALLING_CODES
        .binary_search_by_key(&country_code, |(code, _)| *code)
        .ok()
        .and_then(|i| CALLING_CODES.get(i))
        .and_then(|(_, span)| CODE_TERRITORIES.get(span.range()))
        .unwrap_or_default()
}

/// The territories of a calling code, libphonenumber's main one first; empty when the code is
/// not assigned.
pub fn for_calling_code(country_code: u16) -> impl Iterator<Item = &'static Territory> {
    indices(country_code)
        .iter()
        .filter_map(|&i| TERRITORIES.get(usize::from(i)))
}

/// The main territory of a calling code (`getRegionCodeForCountryCode`).
pub fn main_for_calling_code(country_code: u16) -> Option<&'static Territory> {
    for_calling_code(country_code).next()
}

/// The region `id` (`GB`); not the non-geographic entities.
pub fn region(id: &str) -> Option<&'static Territory> {
    let i = TERRITORIES.partition_point(|t| t.id < id);
    TERRITORIES
        .get(i)
        .filter(|t| t.id == id && t.is_geographic())
}

/// The territory a number belongs to (`getRegionCodeForNumber`): the only one of its calling
/// code, or the first whose leading digits, or else whose patterns, match; with the number's
/// type there, found on the way (each automaton is walked once).
pub fn for_number(country_code: u16, nsn: &[u8]) -> Option<(&'static Territory, NumberType)> {
    if let [only] = indices(country_code) {
        let t = TERRITORIES.get(usize::from(*only))?;
        return Some((t, t.number_type(nsn)));
    }
    for_calling_code(country_code).find_map(|t| {
        if let Some(leading) = &t.leading_digits {
            return leading.prefix(nsn).then(|| (t, t.number_type(nsn)));
        }
        let number_type = t.number_type(nsn);
        (number_type != NumberType::Unknown).then_some((t, number_type))
    })
}
