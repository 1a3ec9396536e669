//! `pricing`: `prorate_cents`, `invoice`, `run_rate`, `quote`, `days_in_month` and
//! `format_usd` on structured input (the `arbitrary` crate), against the rules of
//! core/src/pricing.rs:
//!
//! - a prorated amount is `monthly × active / days` rounded half up, never above the monthly
//!   price, the full price for a full month and 0 for no day;
//! - an invoice bills each number at most its monthly price per calendar month touched, at
//!   most the period's days, and its totals add up (lines, months, countries);
//! - a run-rate's totals add up and count each number at most once;
//! - a quote's monthly and first-month amounts stay within `unit × quantity`;
//! - the only failures are the documented ones.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wanumbers::pricing::{self, FleetNumber, StatusChange};
use wanumbers::status::NumberStatus;
use wanumbers::{Catalog, Date, ErrorCode, Timestamp};

const STATUSES: [NumberStatus; 9] = [
    NumberStatus::PendingPayment,
    NumberStatus::PendingRegulatory,
    NumberStatus::RegulatoryDeclined,
    NumberStatus::Provisioning,
    NumberStatus::Verifying,
    NumberStatus::Active,
    NumberStatus::Suspended,
    NumberStatus::Releasing,
    NumberStatus::Released,
];
const COUNTRIES: [&str; 6] = ["GB", "US", "DE", "gb", "JP", "XX"];

#[derive(Arbitrary, Debug)]
struct Input {
    prorate: (u64, u32, u32),
    /// The period: days after 2024-01-01 it starts, and how long it is.
    start: i16,
    length: i16,
    fleet: Vec<Number>,
    quote_country: u8,
    quantity: u32,
    quote_start: Option<i16>,
    money: u64,
    month: (i32, u8),
}

#[derive(Arbitrary, Debug)]
struct Number {
    country: u8,
    monthly_cents: u64,
    status: Option<u8>,
    history: Vec<(u8, Moment)>,
}

#[derive(Arbitrary, Debug)]
enum Moment {
    /// Seconds from the start of the period (near it: where the edge cases are).
    Near(i32),
    /// Any instant (Unix seconds; out of range is skipped).
    Any(i64),
}

fn status(byte: u8) -> NumberStatus {
    STATUSES
        .get(usize::from(byte) % STATUSES.len())
        .cloned()
        .unwrap_or(NumberStatus::Active)
}

fn country(byte: u8) -> &'static str {
    COUNTRIES
        .get(usize::from(byte) % COUNTRIES.len())
        .copied()
        .unwrap_or("GB")
}

fuzz_target!(|input: Input| {
    let (monthly, active, days) = input.prorate;
    prorate(monthly, active, days);
    money(input.money);
    let (year, month) = input.month;
    let dim = pricing::days_in_month(year, month);
    assert_eq!(dim.is_ok(), Date::from_ymd(year, month, 1).is_ok());
    if dim.is_ok() {
        assert!((1..=12).contains(&month));
    }
    if let Ok(d) = dim {
        assert!((28..=31).contains(&d));
    }

    let Ok(epoch) = Date::from_ymd(2024, 1, 1) else {
        return;
    };
    let Some(start) = epoch.add_days(i64::from(input.start)) else {
        return;
    };
    let fleet: Vec<FleetNumber> = input.fleet.iter().map(|n| fleet_number(n, start)).collect();
    if let Some(end) = start.add_days(i64::from(input.length)) {
        invoice(&fleet, start, end);
    }
    run_rate(&fleet);
    let quote_start = input.quote_start.and_then(|d| epoch.add_days(i64::from(d)));
    quote(country(input.quote_country), input.quantity, quote_start);
});

fn fleet_number(n: &Number, start: Date) -> FleetNumber {
    let base = start.start().unix_seconds();
    let history = n
        .history
        .iter()
        .filter_map(|(s, moment)| {
            let at = match moment {
                Moment::Near(offset) => base.checked_add(i64::from(*offset))?,
                Moment::Any(seconds) => *seconds,
            };
            let at = Timestamp::from_unix_seconds(at).ok()?;
            Some(StatusChange {
                status: status(*s),
                at,
            })
        })
        .collect();
    FleetNumber {
        id: None,
        phone_number: None,
        country: country(n.country).to_owned(),
        monthly_cents: n.monthly_cents,
        status: n.status.map(status),
        history,
    }
}

fn prorate(monthly: u64, active: u32, days: u32) {
    let result = pricing::prorate_cents(monthly, active, days);
    let valid = (28..=31).contains(&days) && active <= days;
    assert_eq!(
        result.is_ok(),
        valid,
        "prorate({monthly}, {active}, {days})"
    );
    match result {
        Ok(cents) => {
            assert!(cents <= monthly);
            if active == days {
                assert_eq!(cents, monthly);
            }
            if active == 0 {
                assert_eq!(cents, 0);
            }
            // Half up: 2·d·c ≤ 2·m·a + d < 2·d·c + 2·d.
            let (m, a, d, c) = (
                u128::from(monthly),
                u128::from(active),
                u128::from(days),
                u128::from(cents),
            );
            assert!(2 * d * c <= 2 * m * a + d && 2 * m * a + d < 2 * d * c + 2 * d);
            if active < days {
                let more = pricing::prorate_cents(monthly, active + 1, days);
                assert!(more.is_ok_and(|more| more >= cents), "not monotonic");
            }
        }
        Err(e) => {
            let code = if (28..=31).contains(&days) {
                ErrorCode::PricingActiveDaysExceedMonth
            } else {
                ErrorCode::PricingInvalidDaysInMonth
            };
            assert_eq!(e.code(), code);
        }
    }
}

fn money(cents: u64) {
    let text = pricing::format_usd(cents);
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    assert!(text.starts_with('$'), "{text}");
    assert_eq!(
        digits.parse::<u128>().ok(),
        Some(u128::from(cents)),
        "{text}"
    );
    assert_eq!(pricing::format_monthly(cents), format!("{text}/mo"));
}

fn invoice(fleet: &[FleetNumber], start: Date, end: Date) {
    let period = start.days_until(end);
    let result = pricing::invoice(fleet, start, end);
    let inv = match result {
        Err(e) if period <= 0 || period > pricing::MAX_PERIOD_DAYS => {
            assert_eq!(e.code(), ErrorCode::PricingInvalidPeriod);
            return;
        }
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::PricingOverflow, "{e:?}");
            return;
        }
        Ok(inv) => inv,
    };
    assert!(period > 0 && period <= pricing::MAX_PERIOD_DAYS);
    assert_eq!(inv.lines.len(), fleet.len());
    let mut total: u128 = 0;
    for (line, number) in inv.lines.iter().zip(fleet) {
        assert_eq!(line.monthly_cents, number.monthly_cents);
        assert!(
            i64::from(line.active_days) <= period,
            "{} active days in {period}",
            line.active_days
        );
        let mut days = 0u32;
        let mut amount: u128 = 0;
        for month in &line.months {
            assert!(
                month.active_days >= 1 && month.active_days <= month.days_in_month,
                "{month:?}"
            );
            assert!(month.amount_cents <= number.monthly_cents);
            let expected = pricing::prorate_cents(
                number.monthly_cents,
                u32::from(month.active_days),
                u32::from(month.days_in_month),
            );
            assert_eq!(expected.ok(), Some(month.amount_cents));
            days += u32::from(month.active_days);
            amount += u128::from(month.amount_cents);
        }
        assert_eq!(days, line.active_days);
        assert_eq!(amount, u128::from(line.amount_cents));
        assert!(
            line.months
                .windows(2)
                .all(|w| w.first().map(|m| &m.month) < w.get(1).map(|m| &m.month)),
            "months out of order or repeated"
        );
        // Never above the full price of every month touched.
        assert!(amount <= u128::from(number.monthly_cents) * line.months.len() as u128);
        // A number active all along pays for every day of the period.
        if let [only] = number.history.as_slice()
            && only.status == NumberStatus::Active
            && only.at <= start.start()
        {
            assert_eq!(i64::from(line.active_days), period);
        }
        total += u128::from(line.amount_cents);
    }
    assert_eq!(total, u128::from(inv.total_cents));
    let by_country: u128 = inv
        .countries
        .iter()
        .map(|c| u128::from(c.amount_cents))
        .sum();
    assert_eq!(by_country, total);
    let numbers: u64 = inv.countries.iter().map(|c| c.numbers).sum();
    assert_eq!(numbers, fleet.len() as u64);
}

fn run_rate(fleet: &[FleetNumber]) {
    let Ok(rate) =
        pricing::run_rate(fleet).map_err(|e| assert_eq!(e.code(), ErrorCode::PricingOverflow))
    else {
        return;
    };
    assert!(rate.billable_numbers + rate.pending_numbers <= fleet.len() as u64);
    let by_country: u128 = rate
        .countries
        .iter()
        .map(|c| u128::from(c.amount_cents))
        .sum();
    assert_eq!(by_country, u128::from(rate.monthly_cents));
    let counted: u64 = rate.countries.iter().map(|c| c.numbers).sum();
    assert_eq!(counted, rate.billable_numbers);
    let everything: u128 = fleet.iter().map(|n| u128::from(n.monthly_cents)).sum();
    assert!(u128::from(rate.monthly_cents) + u128::from(rate.pending_monthly_cents) <= everything);
}

fn quote(country: &str, quantity: u32, start: Option<Date>) {
    let catalog = Catalog::offline_shared();
    let result = pricing::quote(catalog, country, quantity, start);
    let q = match result {
        Ok(q) => q,
        Err(e) => {
            let code = e.code();
            assert!(
                matches!(
                    code,
                    ErrorCode::CountryInvalid
                        | ErrorCode::CountryNotUppercase
                        | ErrorCode::CountryUnknown
                        | ErrorCode::CountryNotOnSale
                        | ErrorCode::PricingPriceUnknown
                        | ErrorCode::PricingInvalidQuantity
                        | ErrorCode::PricingOverflow
                ),
                "{code:?}"
            );
            if code == ErrorCode::PricingInvalidQuantity {
                assert_eq!(quantity, 0);
            }
            return;
        }
    };
    assert!(quantity >= 1);
    assert_eq!(q.country, country);
    assert_eq!(q.quantity, quantity);
    assert_eq!(
        u128::from(q.monthly_cents),
        u128::from(q.unit_monthly_cents) * u128::from(quantity)
    );
    match (start, q.first_month_cents, q.first_month_days) {
        (Some(day), Some(cents), Some(days)) => {
            assert_eq!(days, day.days_in_month() - day.day() + 1);
            assert!(cents <= q.monthly_cents);
            if day.day() == 1 {
                assert_eq!(cents, q.monthly_cents);
            }
        }
        (None, None, None) => {}
        other => panic!("first month inconsistent with the start: {other:?}"),
    }
}
