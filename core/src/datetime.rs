//! Timestamps and calendar dates as they cross the API: RFC 3339 instants (always written back
//! in UTC with `Z`) and `YYYY-MM-DD` dates. The core never reads a clock: callers pass `now`.

use std::fmt;
use std::str::FromStr;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::error::{Error, ErrorCode, Result};
use crate::macros::serde_as_string;

serde_as_string!(Timestamp);
serde_as_string!(Date);

/// An instant in time, read from RFC 3339 with any offset and kept in UTC.
///
/// ```
/// use wanumbers::Timestamp;
/// let t: Timestamp = "2026-03-01T13:30:00+01:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2026-03-01T12:30:00Z");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Parses an RFC 3339 timestamp (`2026-03-01T12:00:00Z`, offsets allowed).
    ///
    /// # Errors
    /// `time_invalid` when the text is not RFC 3339.
    pub fn parse(text: &str) -> Result<Self> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map(|t| Timestamp(t.to_offset(UtcOffset::UTC)))
            .map_err(|_| {
                Error::new(
                    ErrorCode::TimeInvalid,
                    "expected an RFC 3339 timestamp such as 2026-03-01T12:00:00Z",
                )
                .with("expected", "rfc3339")
            })
    }

    /// The instant `seconds` after the Unix epoch.
    ///
    /// # Errors
    /// `time_invalid` when the value is outside years -9999..=9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .map(Timestamp)
            .map_err(|_| {
                Error::new(ErrorCode::TimeInvalid, "the Unix timestamp is out of range")
                    .with("expected", "unix_seconds")
            })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The UTC calendar day this instant falls on.
    pub fn date(self) -> Date {
        Date(self.0.date())
    }

    /// Whole seconds from `self` to `later` (negative when `later` is earlier).
    pub fn seconds_until(self, later: Timestamp) -> i64 {
        (later.0 - self.0).whole_seconds()
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(value: OffsetDateTime) -> Self {
        Timestamp(value.to_offset(UtcOffset::UTC))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Years outside 0..=9999 cannot be written as RFC 3339; fall back to the debug form.
        match self.0.format(&Rfc3339) {
            Ok(s) => f.write_str(&s),
            Err(_) => write!(f, "{}", self.0),
        }
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
pub struct Date(time::Date);

impl Date {
    /// Parses a strict `YYYY-MM-DD` calendar date.
    ///
    /// # Errors
    /// `date_invalid` when the text is not `YYYY-MM-DD` or the day does not exist.
    pub fn parse(text: &str) -> Result<Self> {
        let fmt = format_description!("[year]-[month]-[day]");
        time::Date::parse(text.trim(), fmt).map(Date).map_err(|_| {
            Error::new(
                ErrorCode::DateInvalid,
                "expected a real calendar date written YYYY-MM-DD, such as 2026-03-01",
            )
            .with("expected", "YYYY-MM-DD")
        })
    }

    /// Builds a date from its parts.
    ///
    /// # Errors
    /// `date_invalid` when the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self> {
        time::Month::try_from(month)
            .and_then(|m| time::Date::from_calendar_date(year, m, day))
            .map(Date)
            .map_err(|_| Error::new(ErrorCode::DateInvalid, "that calendar date does not exist"))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1..=12.
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    /// The day of the month, 1..=31.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Number of days in this date's month (28..=31).
    pub fn days_in_month(self) -> u8 {
        self.0.month().length(self.0.year())
    }

    /// The first day of this date's month.
    #[must_use]
    pub fn first_of_month(self) -> Date {
        Date(self.0.replace_day(1).unwrap_or(self.0))
    }

    /// The first day of the next month, or `None` past the supported range.
    pub fn first_of_next_month(self) -> Option<Date> {
        let last = self.0.replace_day(self.days_in_month()).ok()?;
        last.next_day().map(Date)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// Midnight UTC at the start of this date.
    pub fn start(self) -> Timestamp {
        Timestamp(self.0.midnight().assume_utc())
    }

    /// The date `days` later, or `None` past the supported range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        self.0.checked_add(Duration::days(days)).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
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
