//! `datetime`: `Timestamp::parse` and `Date::parse` on arbitrary text. Whatever parses must be
//! written (`Display`) as text that parses back to the same value; the calendar helpers must
//! agree with each other.
//!
//! Input: the text. Its first 8 bytes, read as a little-endian integer, are also tried as Unix
//! seconds and as a day offset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanumbers::{Date, ErrorCode, Timestamp};
use wanumbers_fuzz::text;

fuzz_target!(|data: &[u8]| {
    if let Some(head) = data.first_chunk::<8>() {
        let n = i64::from_le_bytes(*head);
        numbers(n);
    }
    let Some(input) = text(data) else {
        return;
    };
    match Timestamp::parse(input) {
        Ok(t) => timestamp(t),
        Err(e) => assert_eq!(e.code(), ErrorCode::TimeInvalid),
    }
    match Date::parse(input) {
        Ok(d) => date(d),
        Err(e) => assert_eq!(e.code(), ErrorCode::DateInvalid),
    }
});

fn timestamp(t: Timestamp) {
    let written = t.to_string();
    let back = Timestamp::parse(&written);
    assert_eq!(
        back.as_ref().ok(),
        Some(&t),
        "{t:?} is written {written:?}, which reads back as {back:?}"
    );
    assert_eq!(written.parse::<Timestamp>().ok(), Some(t));
    assert!(written.ends_with('Z'));
    assert_eq!(t.seconds_until(t), 0);
    // Whole seconds survive the trip through Unix seconds.
    let whole = Timestamp::from_unix_seconds(t.unix_seconds());
    assert!(whole.is_ok(), "{t:?}: its Unix seconds are out of range");
    if let Ok(whole) = whole {
        assert!(whole <= t && whole.seconds_until(t) == 0);
    }
    let day = t.date();
    assert!(day.start() <= t);
    assert_eq!(day.start().date(), day);
    assert!(
        written.starts_with(&day.to_string()),
        "{written} on {day:?}"
    );
    date(day);
}

fn date(d: Date) {
    let written = d.to_string();
    let back = Date::parse(&written);
    assert_eq!(
        back.as_ref().ok(),
        Some(&d),
        "{d:?} is written {written:?}, which reads back as {back:?}"
    );
    assert_eq!(Date::from_ymd(d.year(), d.month(), d.day()).ok(), Some(d));
    assert!((1..=12).contains(&d.month()));
    assert!((28..=31).contains(&d.days_in_month()));
    assert!(d.day() >= 1 && d.day() <= d.days_in_month());
    let first = d.first_of_month();
    assert_eq!(
        (first.year(), first.month(), first.day()),
        (d.year(), d.month(), 1)
    );
    assert_eq!(first.days_until(d), i64::from(d.day()) - 1);
    if let Some(next) = d.first_of_next_month() {
        assert_eq!(next.day(), 1);
        assert_eq!(
            d.days_until(next),
            i64::from(d.days_in_month() - d.day()) + 1
        );
        assert_eq!(d.add_days(d.days_until(next)), Some(next));
    }
    for step in [-1, 1, 366] {
        if let Some(other) = d.add_days(step) {
            assert_eq!(d.days_until(other), step);
            assert_eq!(other.add_days(-step), Some(d));
        }
    }
    assert_eq!(d.start().date(), d);
}

fn numbers(n: i64) {
    if let Ok(t) = Timestamp::from_unix_seconds(n) {
        assert_eq!(t.unix_seconds(), n);
        timestamp(t);
    }
    let epoch = Date::from_ymd(1970, 1, 1);
    if let Ok(epoch) = epoch
        && let Some(d) = epoch.add_days(n)
    {
        assert_eq!(epoch.days_until(d), n);
        date(d);
    }
}
