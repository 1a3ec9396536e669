//! Timestamps and calendar dates as they cross the API: RFC 3339 instants (always written back
//! in UTC with `Z`) and `YYYY-MM-DD` dates. The core never reads a clock: callers pass `now`.
//!
//! Hand-written (proleptic Gregorian calendar, years 0000..=9999, the four digits RFC 3339
//! allows: nothing is made that `parse` would refuse): a general date library
//! was a tenth of the browser build's calendar code for two formats. The property tests
//! check it against the `time` crate.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Result};
use crate::macros::serde_as_string;

serde_as_string!(Timestamp);
serde_as_string!(Date);

// RFC 3339 writes years as four digits: 0000..=9999, and nothing outside it is made.
const MIN_YEAR: i32 = 0;
const MAX_YEAR: i32 = 9999;
const SECONDS_PER_DAY: i64 = 86_400;
const NANOS_PER_SECOND: i128 = 1_000_000_000;

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn month_length(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a valid civil date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // in range by construction
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

fn first_day() -> i64 {
    days_from_civil(MIN_YEAR, 1, 1)
}

fn last_day() -> i64 {
    days_from_civil(MAX_YEAR, 12, 31)
}

/// Exactly `N` ASCII digits at `at`, as a number.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = bytes.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` at the start of `bytes`: (year, month, day), the day checked to exist.
#[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // 4 and 2 digits
fn parse_ymd(bytes: &[u8]) -> Option<(i32, u8, u8)> {
    let year = digits(bytes, 0, 4)? as i32;
    let month = digits(bytes, 5, 2)? as u8;
    let day = digits(bytes, 8, 2)? as u8;
    let dashes = bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-');
    (dashes && (1..=12).contains(&month) && day >= 1 && day <= month_length(year, month))
        .then_some((year, month, day))
}

/// An instant in time, read from RFC 3339 with any offset and kept in UTC.
///
/// ```
/// use wanumbers::Timestamp;
/// let t: Timestamp = "2026-03-01T13:30:00+01:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2026-03-01T12:30:00Z");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: i64,
    /// Nanoseconds into that second, below one billion.
    nanos: u32,
}

impl Timestamp {
    /// Parses an RFC 3339 timestamp (`2026-03-01T12:00:00Z`, offsets allowed).
    ///
    /// # Errors
    /// `time_invalid` when the text is not RFC 3339.
    pub fn parse(text: &str) -> Result<Self> {
        Self::read(text.trim().as_bytes()).ok_or_else(|| {
            Error::new(
                ErrorCode::TimeInvalid,
                "expected an RFC 3339 timestamp such as 2026-03-01T12:00:00Z",
            )
            .with("expected", "rfc3339")
        })
    }

    /// `YYYY-MM-DD`, `T` (or `t` or a space), `hh:mm:ss`, an optional fraction, then `Z` or
    /// `±hh:mm`. A leap second (`:60`) stands for the last nanosecond before it and is only
    /// accepted where one can occur: 23:59:60 UTC on the last day of a month.
    fn read(text: &[u8]) -> Option<Self> {
        let b = text;
        let (year, month, day) = parse_ymd(b)?;
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let hour = i64::from(digits(b, 11, 2)?);
        let minute = i64::from(digits(b, 14, 2)?);
        let mut second = i64::from(digits(b, 17, 2)?);
        if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut at = 19;
        let mut nanos: u32 = 0;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            let mut scale = 100_000_000;
            while let Some(d) = b.get(at).filter(|d| d.is_ascii_digit()) {
                nanos += u32::from(d - b'0') * scale;
                scale /= 10;
                at += 1;
            }
            if at == start {
                return None;
            }
        }
        let offset_seconds = match b.get(at..)? {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let tail = [*h1, *h2, *m1, *m2];
                let hours = i64::from(digits(&tail, 0, 2)?);
                let minutes = i64::from(digits(&tail, 2, 2)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let total = hours * 3600 + minutes * 60;
                if *sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        let leap = second == 60;
        if leap {
            second = 59;
            nanos = 999_999_999;
        }
        let local = days_from_civil(year, month, day) * SECONDS_PER_DAY
            + hour * 3600
            + minute * 60
            + second;
        let instant = Timestamp {
            seconds: local - offset_seconds,
            nanos,
        };
        let utc_day = instant.seconds.div_euclid(SECONDS_PER_DAY);
        if leap {
            let (year_utc, month_utc, mday_utc) = civil_from_days(utc_day);
            let of_day = instant.seconds.rem_euclid(SECONDS_PER_DAY);
            if of_day != SECONDS_PER_DAY - 1 || mday_utc != month_length(year_utc, month_utc) {
                return None;
            }
        }
        (first_day()..=last_day())
            .contains(&utc_day)
            .then_some(instant)
    }

    /// The instant `seconds` after the Unix epoch.
    ///
    /// # Errors
    /// `time_invalid` when the value is outside years 0000..=9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self> {
        let day = seconds.div_euclid(SECONDS_PER_DAY);
        if (first_day()..=last_day()).contains(&day) {
            Ok(Timestamp { seconds, nanos: 0 })
        } else {
            Err(
                Error::new(ErrorCode::TimeInvalid, "the Unix timestamp is out of range")
                    .with("expected", "unix_seconds"),
            )
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// The UTC calendar day this instant falls on.
    pub fn date(self) -> Date {
        Date(self.seconds.div_euclid(SECONDS_PER_DAY))
    }

    /// Whole seconds from `self` to `later` (negative when `later` is earlier), rounded
    /// toward zero.
    #[allow(clippy::cast_possible_truncation)] // years 0000..=9999 fit in i64 seconds
    pub fn seconds_until(self, later: Timestamp) -> i64 {
        let nanos = (i128::from(later.seconds) - i128::from(self.seconds)) * NANOS_PER_SECOND
            + (i128::from(later.nanos) - i128::from(self.nanos));
        (nanos / NANOS_PER_SECOND) as i64
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date();
        let of_day = self.seconds.rem_euclid(SECONDS_PER_DAY);
        write!(
            f,
            "{date}T{:02}:{:02}:{:02}",
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60
        )?;
        if self.nanos != 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Timestamp::parse(s)
    }
}

/// A calendar date, written `YYYY-MM-DD`.
///
/// ```
/// use wanumbers::Date;
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.days_in_month(), 29);
/// assert!("2023-02-29".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(
    /// Days since 1970-01-01.
    i64,
);

impl Date {
    /// Parses a strict `YYYY-MM-DD` calendar date.
    ///
    /// # Errors
    /// `date_invalid` when the text is not `YYYY-MM-DD` or the day does not exist.
    pub fn parse(text: &str) -> Result<Self> {
        let bytes = text.trim().as_bytes();
        match parse_ymd(bytes) {
            Some((y, m, d)) if bytes.len() == 10 => Ok(Date(days_from_civil(y, m, d))),
            _ => Err(Error::new(
                ErrorCode::DateInvalid,
                "expected a real calendar date written YYYY-MM-DD, such as 2026-03-01",
            )
            .with("expected", "YYYY-MM-DD")),
        }
    }

    /// Builds a date from its parts.
    ///
    /// # Errors
    /// `date_invalid` when the day does not exist (years 0000..=9999).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self> {
        let exists = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= month_length(year, month);
        if exists {
            Ok(Date(days_from_civil(year, month, day)))
        } else {
            Err(Error::new(
                ErrorCode::DateInvalid,
                "that calendar date does not exist",
            ))
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        civil_from_days(self.0).0
    }

    /// The month, 1..=12.
    pub fn month(self) -> u8 {
        civil_from_days(self.0).1
    }

    /// The day of the month, 1..=31.
    pub fn day(self) -> u8 {
        civil_from_days(self.0).2
    }

    /// Number of days in this date's month (28..=31).
    pub fn days_in_month(self) -> u8 {
        let (y, m, _) = civil_from_days(self.0);
        month_length(y, m)
    }

    /// The first day of this date's month.
    #[must_use]
    pub fn first_of_month(self) -> Date {
        Date(self.0 - i64::from(self.day()) + 1)
    }

    /// The first day of the next month, or `None` past the supported range.
    pub fn first_of_next_month(self) -> Option<Date> {
        let (y, m, d) = civil_from_days(self.0);
        let next = self.0 + i64::from(month_length(y, m) - d) + 1;
        (next <= last_day()).then_some(Date(next))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    /// Midnight UTC at the start of this date.
    pub fn start(self) -> Timestamp {
        Timestamp {
            seconds: self.0 * SECONDS_PER_DAY,
            nanos: 0,
        }
    }

    /// The date `days` later, or `None` past the supported range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        let day = self.0.checked_add(days)?;
        (first_day()..=last_day())
            .contains(&day)
            .then_some(Date(day))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Years are 0000..=9999 by construction.
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Date::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_normalise_to_utc() {
        let t = Timestamp::parse("2026-03-01T00:30:00-02:00").unwrap();
        assert_eq!(t.to_string(), "2026-03-01T02:30:00Z");
        assert_eq!(t.date().to_string(), "2026-03-01");
        assert_eq!(
            Timestamp::parse("2026-03-01").unwrap_err().code(),
            ErrorCode::TimeInvalid
        );
    }

    #[test]
    fn dates_are_strict() {
        assert!(Date::parse("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "01/03/2026",
            "",
            "2026-03-01T00:00:00Z",
        ] {
            assert_eq!(
                Date::parse(bad).unwrap_err().code(),
                ErrorCode::DateInvalid,
                "{bad}"
            );
        }
    }

    #[test]
    fn month_arithmetic() {
        let d = Date::parse("2026-12-15").unwrap();
        assert_eq!(d.first_of_month().to_string(), "2026-12-01");
        assert_eq!(d.first_of_next_month().unwrap().to_string(), "2027-01-01");
        assert_eq!(Date::parse("2100-02-10").unwrap().days_in_month(), 28);
        assert_eq!(Date::parse("2000-02-10").unwrap().days_in_month(), 29);
    }
}
