//! The hand-written calendar code against the `time` crate: RFC 3339 timestamps and
//! `YYYY-MM-DD` dates read alike, instants and days agree, month arithmetic agrees.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use proptest::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};
use wanumbers::{Date, Timestamp};

fn timestamp_text() -> impl Strategy<Value = String> {
    (
        (0u32..10_000, 0u32..14, 0u32..33),
        prop::sample::select(vec!["T", "t", " "]),
        (0u32..25, 0u32..61, 0u32..62),
        prop::option::of("[0-9]{1,12}"),
        prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            (prop::sample::select(vec!['+', '-']), 0u32..25, 0u32..61)
                .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
        ],
    )
        .prop_map(|((y, mo, d), sep, (h, mi, s), frac, off)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn timestamps_read_like_time(text in timestamp_text()) {
        let ours = Timestamp::parse(&text);
        let theirs = OffsetDateTime::parse(&text, &Rfc3339).map(|t| t.to_offset(UtcOffset::UTC));
        match (ours, theirs) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.unix_seconds(), b.unix_timestamp());
                prop_assert_eq!(a.date().to_string(), b.date().to_string());
                if (0..10_000).contains(&b.year()) {
                    prop_assert_eq!(a.to_string(), b.format(&Rfc3339).unwrap());
                }
            }
            (Err(_), Err(_)) => {}
            // An instant an offset moves before year 0 has no four-digit RFC 3339 form: refused.
            (Err(_), Ok(b)) if b.year() < 0 => {}
            (a, b) => prop_assert!(false, "{text}: ours {a:?}, time {b:?}"),
        }
    }

    #[test]
    fn odd_timestamps_never_panic(text in "\\PC{0,40}") {
        let _ = Timestamp::parse(&text);
        let _ = Date::parse(&text);
    }

    #[test]
    fn dates_read_like_time(y in 0u32..10_000, m in 0u32..14, d in 0u32..33) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        let ours = Date::parse(&text);
        let theirs = time::Date::parse(&text, format_description!("[year]-[month]-[day]"));
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text);
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            prop_assert_eq!(a.to_string(), text);
            prop_assert_eq!((a.year(), a.month(), a.day()), (b.year(), u8::from(b.month()), b.day()));
            prop_assert_eq!(a.days_in_month(), b.month().length(b.year()));
            prop_assert_eq!(a.start().unix_seconds(), b.midnight().assume_utc().unix_timestamp());
        }
    }

    #[test]
    fn day_arithmetic_agrees(days in -3_652_000i64..2_932_000, step in -800_000i64..800_000) {
        let Ok(t) = Timestamp::from_unix_seconds(days * 86_400) else {
            return Ok(());
        };
        let ours = t.date();
        let theirs = OffsetDateTime::from_unix_timestamp(days * 86_400).unwrap().date();
        prop_assert_eq!((ours.year(), ours.month(), ours.day()), (theirs.year(), u8::from(theirs.month()), theirs.day()));
        let later = ours.add_days(step);
        // Only years 0000..=9999 exist here (RFC 3339's four digits).
        let theirs_later = theirs
            .checked_add(time::Duration::days(step))
            .filter(|d| d.year() >= 0);
        prop_assert_eq!(later.map(|d| (d.year(), d.month(), d.day())), theirs_later.map(|d| (d.year(), u8::from(d.month()), d.day())));
        if let Some(l) = later {
            prop_assert_eq!(ours.days_until(l), step);
        }
        let next = ours.first_of_next_month().map(|d| (d.year(), d.month(), d.day()));
        let theirs_next = theirs.replace_day(theirs.month().length(theirs.year())).unwrap().next_day()
            .map(|d| (d.year(), u8::from(d.month()), d.day()));
        prop_assert_eq!(next, theirs_next);
        prop_assert_eq!(ours.first_of_month().day(), 1);
    }

    #[test]
    fn seconds_between_instants_agree(a in timestamp_text(), b in timestamp_text()) {
        if let (Ok(x), Ok(y), Ok(tx), Ok(ty)) = (Timestamp::parse(&a), Timestamp::parse(&b),
                OffsetDateTime::parse(&a, &Rfc3339), OffsetDateTime::parse(&b, &Rfc3339)) {
            prop_assert_eq!(x.seconds_until(y), (ty - tx).whole_seconds());
            prop_assert_eq!(x < y, tx < ty);
        }
    }
}

#[test]
fn edges() {
    // Leap seconds only where one can occur, read as the nanosecond before.
    let leap = Timestamp::parse("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(leap.to_string(), "2016-12-31T23:59:59.999999999Z");
    assert!(Timestamp::parse("2016-12-30T23:59:60Z").is_err());
    assert!(Timestamp::parse("2017-01-01T00:59:60+01:00").is_ok());
    // Only T, t or a space between date and time (time accepts any byte).
    assert!(Timestamp::parse("2026-03-01X12:00:00Z").is_err());
    assert!(Timestamp::parse("2026-03-01T12:00:00.Z").is_err());
    assert!(Timestamp::parse("2026-03-01T12:00:00+0100").is_err());
    assert_eq!(
        Timestamp::parse(" 2026-03-01t12:00:00.120z ")
            .unwrap()
            .to_string(),
        "2026-03-01T12:00:00.12Z"
    );
    // The range ends where four-digit years end: an instant an offset moves before year 0,
    // or a date before it, is refused rather than printed in a form `parse` would reject.
    assert!(Timestamp::parse("0000-01-01T00:30:00+01:00").is_err());
    assert!(Timestamp::parse("0000-01-01T00:30:00-01:00").is_ok());
    assert!(Date::parse("0000-01-01").unwrap().add_days(-1).is_none());
    assert!(Date::from_ymd(-1, 12, 31).is_err());
    assert!(Timestamp::from_unix_seconds(-62_167_219_201).is_err()); // -0001-12-31T23:59:59Z
    assert_eq!(
        Timestamp::from_unix_seconds(-62_167_219_200)
            .unwrap()
            .to_string(),
        "0000-01-01T00:00:00Z"
    );
    assert!(
        Date::parse("9999-12-31")
            .unwrap()
            .first_of_next_month()
            .is_none()
    );
    assert!(Date::parse("9999-12-31").unwrap().add_days(1).is_none());
    assert!(Timestamp::from_unix_seconds(i64::MAX).is_err());
    assert!(Date::from_ymd(2024, 2, 29).is_ok() && Date::from_ymd(2023, 2, 29).is_err());
}
