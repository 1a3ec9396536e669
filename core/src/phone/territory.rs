//! Territories: libphonenumber's regions (`GB`) and non-geographic entities (`001`, one per
//! calling code such as +800), with what the engine asks of them: which territory a number
//! belongs to, its type, and whether its length is possible. The answers follow
//! libphonenumber's `getRegionCodeForNumber`, `getNumberType` and `isPossibleNumberWithReason`
//! step for step; the data is generated (`metadata.rs`).

use super::NumberType;
use super::automaton::{self, Automaton};
use super::metadata::{
    CALLING_CODE_COUNT, CALLING_CODES, CODE_TERRITORIES, EXAMPLES, FORMAT_COUNT, FORMAT_PATTERNS,
    FORMAT_TEMPLATES, FORMATS, LENGTHS, PREFIX_TEXTS, TERRITORIES, TERRITORY_COUNT, TERRITORY_IDS,
};
use super::planes;
use super::program::{Groups, Program};
use crate::tables::bisect;

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

/// One region or non-geographic entity: its index in `TERRITORIES`, whose fields its methods
/// read.
///
/// `TERRITORIES` holds a record of 47 bytes per territory, stored as byte planes
/// (byte 0 of every record, then byte 1, ...: each plane holds one field's values, which
/// compress far better than rows; the native builds turn them back into records at compile
/// time, see [`planes`](super::planes)). A record, as `tools/gen_phone_metadata.py` writes it
/// (numbers little endian):
///
/// | bytes | field |
/// |---|---|
/// | 0-1 | the country calling code |
/// | 2-3 | the validation patterns of every description, run at once: an automaton's index |
/// | 4-5 | for a territory sharing its calling code, the national numbers that are its own: an automaton's index, `0xFFFF` for none |
/// | 6-16 | each description's possible lengths (bit `n` for `n` digits; 0 when it has no numbers, all bits when it takes any length): indices into `LENGTHS` |
/// | 17 | lengths dialable only inside an area (the general description's "local only"): an index into `LENGTHS` |
/// | 18 | 1 when fixed-line and mobile numbers are told apart by nothing (`FIXED_LINE_OR_MOBILE`) |
/// | 19-22 | an example number of each description, in description order, separated by commas (`,,12345678,,...`): offset and length in `EXAMPLES` |
/// | 23-30 | what is dialled before a calling code to call abroad (`00`): a program (offset and length in `PROGRAMS`, splits, groups, longest match; offset `0xFFFF` for none) |
/// | 31-38 | the national prefix and carrier codes dialled before a national number (`0`), with groups for the transform: a program |
/// | 39 | what a national prefix match becomes (`9$1`), where it does not simply go: an index into `PREFIX_TEXTS`, `0xFF` for none |
/// | 40 | how an extension is written (default ` ext. `): an index into `PREFIX_TEXTS`, `0xFF` for none |
/// | 41-43 | how numbers are written nationally (the national prefix rule already applied): offset (u16) and count (u8) of rows of `FORMATS` |
/// | 44-46 | how numbers are written internationally: rows of `FORMATS` |
///
/// The ids (`GB`; `00` for the non-geographic entities' `001`) are two characters each of
/// `TERRITORY_IDS`, in the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Territory(u16);

/// One way of writing numbers: indices into the format tables of
/// [`metadata`](super::metadata) (distinct patterns, leading digits and templates are few
/// beside the formats, and indices compress where references would not). A row of `FORMATS`:
/// four bytes, the pattern's index, the leading digits' (u16) and the template's.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// The groups of the national number (matched whole): in `FORMAT_PATTERNS`.
    pub pattern: u8,
    /// The national numbers it is for (a prefix match): an automaton's index (see
    /// [`automaton::get`](super::automaton::get)), or [`NO_LEADING`] when it is for all.
    pub leading: u16,
    /// The result (`$1 $2`, `0$1 $2`): in `FORMAT_TEMPLATES`.
    pub template: u8,
}

/// [`Format::leading`] of a format for every national number.
pub const NO_LEADING: u16 = u16::MAX;

impl Format {
    /// Row `row` of `FORMATS`.
    fn get(row: usize) -> Option<Format> {
        let field = |at, width| planes::read(FORMATS, FORMAT_COUNT, row, at, width);
        Some(Format {
            pattern: u8::try_from(field(0, 1)?).ok()?,
            leading: u16::try_from(field(1, 2)?).ok()?,
            template: u8::try_from(field(3, 1)?).ok()?,
        })
    }

    /// The pattern's groups (`None` only for a table the generator did not write).
    pub fn pattern(self) -> Option<&'static Groups> {
        FORMAT_PATTERNS.get(usize::from(self.pattern))
    }

    /// The leading digits' automaton, when the format is not for all national numbers.
    pub fn leading(self) -> Option<Automaton> {
        automaton::get(self.leading).filter(|_| self.leading != NO_LEADING)
    }

    /// The template.
    pub fn template(self) -> &'static str {
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
    /// Byte `at` of the record.
    fn byte(self, at: usize) -> u8 {
        planes::read(TERRITORIES, TERRITORY_COUNT, usize::from(self.0), at, 1)
            .and_then(|b| u8::try_from(b).ok())
            .unwrap_or(0)
    }

    /// The two bytes from `at` of the record.
    fn word(self, at: usize) -> u16 {
        planes::read(TERRITORIES, TERRITORY_COUNT, usize::from(self.0), at, 2)
            .and_then(|w| u16::try_from(w).ok())
            .unwrap_or(0)
    }

    /// A span of a shared table: a u16 offset from `at`, then a count of `count_bytes` bytes.
    fn span(self, at: usize, count_bytes: usize) -> std::ops::Range<usize> {
        let from = usize::from(self.word(at));
        let count = if count_bytes == 1 {
            usize::from(self.byte(at + 2))
        } else {
            usize::from(self.word(at + 2))
        };
        from..from + count
    }

    /// The program from byte `at`, if there is one.
    fn program(self, at: usize) -> Option<Program> {
        let offset = self.word(at);
        (offset != u16::MAX).then(|| Program {
            at: u32::from(offset),
            len: self.word(at + 2),
            splits: self.word(at + 4),
            groups: self.byte(at + 6),
            longest: self.byte(at + 7),
        })
    }

    /// The text of `PREFIX_TEXTS` named by byte `at`, if any.
    fn text(self, at: usize) -> Option<&'static str> {
        match self.byte(at) {
            0xFF => None,
            index => PREFIX_TEXTS.get(usize::from(index)).copied(),
        }
    }

    /// The two characters of the id (`00` for `001`).
    fn short_id(self) -> &'static str {
        let at = usize::from(self.0) * 2;
        TERRITORY_IDS.get(at..at + 2).unwrap_or_default()
    }

    /// The region code (`GB`), or `001` ([`NON_GEOGRAPHIC`]).
    pub fn id(self) -> &'static str {
        match self.short_id() {
            "00" => NON_GEOGRAPHIC,
            id => id,
        }
    }

    /// The country calling code.
    pub fn country_code(self) -> u16 {
        self.word(0)
    }

    /// The validation patterns of every description, run at once (`None` only for a table
    /// the generator did not write).
    fn types(self) -> Option<Automaton> {
        automaton::get(self.word(2))
    }

    /// For a territory sharing its calling code: the national numbers that are its own.
    pub fn leading_digits(self) -> Option<Automaton> {
        match self.word(4) {
            u16::MAX => None,
            index => automaton::get(index),
        }
    }

    /// The possible lengths of description `d` (bit `n` for `n` digits).
    pub fn lengths(self, d: usize) -> u32 {
        if d >= desc::COUNT {
            return 0;
        }
        LENGTHS
            .get(usize::from(self.byte(6 + d)))
            .copied()
            .unwrap_or(0)
    }

    /// The lengths dialable only inside an area.
    pub fn local_lengths(self) -> u32 {
        LENGTHS
            .get(usize::from(self.byte(17)))
            .copied()
            .unwrap_or(0)
    }

    /// Whether fixed-line and mobile numbers are told apart by nothing.
    fn same_mobile_and_fixed_line(self) -> bool {
        self.byte(18) != 0
    }

    /// What is dialled before a calling code to call abroad (`00`).
    pub fn international_prefix(self) -> Option<Program> {
        self.program(23)
    }

    /// The national prefix and carrier codes dialled before a national number (`0`), with
    /// groups for the transform.
    pub fn national_prefix_for_parsing(self) -> Option<Program> {
        self.program(31)
    }

    /// What a national prefix match becomes (`9$1`), where it does not simply go.
    pub fn national_prefix_transform(self) -> Option<&'static str> {
        self.text(39)
    }

    /// How an extension is written (default ` ext. `).
    pub fn extension_prefix(self) -> Option<&'static str> {
        self.text(40)
    }

    /// Whether the general description's pattern matches `nsn`, whatever its length
    /// (libphonenumber's `matchNationalNumber`, used while parsing).
    pub fn general_pattern(self, nsn: &[u8]) -> bool {
        self.types().is_some_and(|types| types.first(nsn))
    }

    /// Which descriptions match `nsn` (bit `d` for description `d`), lengths included; none
    /// when the general description does not.
    fn matches(self, nsn: &[u8]) -> u16 {
        let label = self.types().map_or(0, |types| types.run_if_first(nsn));
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
    pub fn number_type(self, nsn: &[u8]) -> NumberType {
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
            return if self.same_mobile_and_fixed_line() || has(desc::MOBILE) {
                NumberType::FixedLineOrMobile
            } else {
                NumberType::FixedLine
            };
        }
        if !self.same_mobile_and_fixed_line() && has(desc::MOBILE) {
            return NumberType::Mobile;
        }
        NumberType::Unknown
    }

    /// Whether the length of `nsn` is possible here (`testNumberLength` for any type).
    pub fn length(self, nsn: &[u8]) -> Length {
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
    pub fn example(self, d: usize) -> Option<&'static str> {
        EXAMPLES
            .get(self.span(19, 2))?
            .split(',')
            .nth(d)
            .filter(|e| !e.is_empty())
    }

    /// How numbers are written nationally (`national`) or internationally.
    pub fn formats(self, national: bool) -> impl Iterator<Item = Format> {
        self.span(if national { 41 } else { 44 }, 1)
            .map_while(Format::get)
    }

    /// Whether the number is a region's (not a non-geographic entity's).
    pub fn is_geographic(self) -> bool {
        self.short_id() != "00"
    }
}

/// The territories of a calling code (indices into `TERRITORIES`): a row of `CALLING_CODES`,
/// the code then its span of `CODE_TERRITORIES` (u16 each).
fn indices(country_code: u16) -> &'static [u16] {
    let field = |row, at| planes::read(CALLING_CODES, CALLING_CODE_COUNT, row, at, 2);
    let code = u32::from(country_code);
    let span = bisect(CALLING_CODE_COUNT, |row| Some(field(row, 0)?.cmp(&code)))
        .and_then(|row| Some((field(row, 2)? as usize, field(row, 4)? as usize)));
    span.and_then(|(at, count)| CODE_TERRITORIES.get(at..at + count))
        .unwrap_or_default()
}

/// The territories of a calling code, libphonenumber's main one first; empty when the code is
/// not assigned.
pub fn for_calling_code(country_code: u16) -> impl Iterator<Item = Territory> {
    indices(country_code).iter().map(|&i| Territory(i))
}

/// The main territory of a calling code (`getRegionCodeForCountryCode`).
pub fn main_for_calling_code(country_code: u16) -> Option<Territory> {
    for_calling_code(country_code).next()
}

/// The region `id` (`GB`); not the non-geographic entities.
pub fn region(id: &str) -> Option<Territory> {
    // Territories are sorted by id; the non-geographic entities' `00` sorts first.
    let territory = |row: usize| u16::try_from(row).ok().map(Territory);
    bisect(TERRITORY_COUNT, |row| {
        Some(territory(row)?.short_id().cmp(id))
    })
    .and_then(territory)
    .filter(|t| t.is_geographic())
}

/// The territory a number belongs to (`getRegionCodeForNumber`): the only one of its calling
/// code, or the first whose leading digits, or else whose patterns, match; with the number's
/// type there, found on the way (each automaton is walked once).
pub fn for_number(country_code: u16, nsn: &[u8]) -> Option<(Territory, NumberType)> {
    if let [only] = indices(country_code) {
        let t = Territory(*only);
        return Some((t, t.number_type(nsn)));
    }
    for_calling_code(country_code).find_map(|t| {
        if let Some(leading) = t.leading_digits() {
            return leading.prefix(nsn).then(|| (t, t.number_type(nsn)));
        }
        let number_type = t.number_type(nsn);
        (number_type != NumberType::Unknown).then_some((t, number_type))
    })
}

#[cfg(test)]
mod tests {
    use super::super::metadata::{FORMAT_PATTERNS, PROGRAMS};
    use super::*;

    /// The bytes of a territory's record (see [`Territory`]).
    const RECORD: usize = 47;

    fn all() -> impl Iterator<Item = Territory> {
        (0..u16::try_from(TERRITORY_COUNT).unwrap()).map(Territory)
    }

    /// The generated tables have the layout the reader assumes, and every index and span in
    /// them points inside its table.
    #[test]
    fn every_record_points_inside_its_tables() {
        assert_eq!(TERRITORIES.len(), RECORD * TERRITORY_COUNT);
        assert_eq!(TERRITORY_IDS.len(), 2 * TERRITORY_COUNT);
        for t in all() {
            assert!(t.types().is_some(), "{}", t.id());
            let leading = t.word(4);
            assert!(leading == u16::MAX || t.leading_digits().is_some());
            for d in 0..desc::COUNT {
                assert!(usize::from(t.byte(6 + d)) < LENGTHS.len());
            }
            assert!(usize::from(t.byte(17)) < LENGTHS.len());
            assert!(t.byte(18) <= 1);
            assert!(EXAMPLES.get(t.span(19, 2)).is_some());
            for program in [t.international_prefix(), t.national_prefix_for_parsing()]
                .into_iter()
                .flatten()
            {
                let at = program.at as usize;
                assert!(PROGRAMS.get(at..at + usize::from(program.len)).is_some());
            }
            for at in [39, 40] {
                assert!(t.byte(at) == 0xFF || usize::from(t.byte(at)) < PREFIX_TEXTS.len());
            }
            for national in [true, false] {
                let span = t.span(if national { 41 } else { 44 }, 1);
                assert!(span.end <= FORMAT_COUNT);
                assert_eq!(t.formats(national).count(), span.len());
                for format in t.formats(national) {
                    assert!(format.pattern().is_some());
                    assert!(format.leading == NO_LEADING || format.leading().is_some());
                    assert!(usize::from(format.template) < FORMAT_TEMPLATES.len());
                }
            }
        }
        assert!(!FORMAT_PATTERNS.is_empty());
        assert_eq!(FORMATS.len(), 4 * FORMAT_COUNT);
        assert_eq!(CALLING_CODES.len(), 6 * CALLING_CODE_COUNT);
    }

    /// Every calling code is found, with its territories, and codes between them are not.
    #[test]
    fn calling_codes_are_found_by_bisection() {
        let field = |row, at| planes::read(CALLING_CODES, CALLING_CODE_COUNT, row, at, 2).unwrap();
        let codes: Vec<u32> = (0..CALLING_CODE_COUNT).map(|row| field(row, 0)).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted by code");
        for code in 0..=1000u16 {
            let found = indices(code);
            assert_eq!(
                !found.is_empty(),
                codes.contains(&u32::from(code)),
                "+{code}"
            );
            assert!(
                found.iter().all(|&i| Territory(i).country_code() == code),
                "+{code}"
            );
        }
        assert_eq!(indices(44).len(), 4);
        assert_eq!(Territory(indices(1)[0]).id(), "US");
        assert_eq!(Territory(indices(800)[0]).id(), NON_GEOGRAPHIC);
    }

    /// Territories are sorted by id, and `region` finds each region by its code and nothing
    /// else.
    #[test]
    fn regions_are_found_by_their_code_only() {
        let ids: Vec<&str> = all().map(Territory::short_id).collect();
        assert!(ids.windows(2).all(|w| w[0] <= w[1]), "sorted by id");
        let mut regions = 0;
        for t in all() {
            if t.is_geographic() {
                assert_eq!(region(t.id()), Some(t));
                regions += 1;
            } else {
                assert_eq!(t.id(), NON_GEOGRAPHIC);
            }
        }
        assert!(regions > 240);
        assert_eq!(
            region("GB").map(|t| (t.id(), t.country_code())),
            Some(("GB", 44))
        );
        for absent in ["001", "00", "ZZ", "gb", "G", "", "GBR", "\u{0}\u{0}"] {
            assert_eq!(region(absent), None, "{absent:?}");
        }
    }
}
