//! Money for numbers, in integer US cents: day-based proration, invoices built from each
//! number's status history, the fleet's monthly run-rate, purchase quotes and formatting.
//!
//! **Billing rule.** A number is billed for each UTC calendar day on which it was `active` at
//! any moment (a day is counted once however often the status changes). Each calendar month is
//! prorated on its own: `monthly_cents × active_days ÷ days_in_month`, rounded to the nearest
//! cent with halves rounded up. A full month therefore costs exactly the monthly price, and a
//! number's charge for a month never exceeds it. Periods are half-open: `[start, end)`.
//!
//! ```
//! use wanumbers::pricing::{prorate_cents, format_monthly};
//! assert_eq!(prorate_cents(200, 10, 31).unwrap(), 65); // 64.516… → 65
//! assert_eq!(prorate_cents(200, 31, 31).unwrap(), 200);
//! assert_eq!(format_monthly(200), "$2.00/mo");
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::country::Catalog;
use crate::datetime::{Date, Timestamp};
use crate::error::{Error, ErrorCode, Result};
use crate::status::{NumberStatus, is_billable};

/// The longest period [`invoice`] accepts, in days.
pub const MAX_PERIOD_DAYS: i64 = 400;

/// Prorates a monthly price to `active_days` of a month of `days_in_month` days.
///
/// # Errors
/// `pricing_invalid_days_in_month` unless 28..=31; `pricing_active_days_exceed_month` when
/// `active_days > days_in_month`.
pub fn prorate_cents(monthly_cents: u64, active_days: u32, days_in_month: u32) -> Result<u64> {
    if !(28..=31).contains(&days_in_month) {
        return Err(Error::new(
            ErrorCode::PricingInvalidDaysInMonth,
            "a month has 28 to 31 days",
        )
        .with("days_in_month", days_in_month));
    }
    if active_days > days_in_month {
        return Err(Error::new(
            ErrorCode::PricingActiveDaysExceedMonth,
            format!("active days cannot exceed the {days_in_month} days of the month"),
        )
        .with("active_days", active_days)
        .with("days_in_month", days_in_month));
    }
    // monthly × active ÷ days, rounded half up, in u64 (128-bit division costs the browser
    // builds 1 KB of code): with monthly = q × days + r, it is q × active (at most monthly, as
    // active <= days) plus r × active ÷ days rounded half up (r, active < 32).
    let days = u64::from(days_in_month);
    let active = u64::from(active_days);
    let (whole, rest) = (monthly_cents / days, monthly_cents % days);
    Ok(whole * active + (2 * rest * active + days) / (2 * days))
}

/// Days in a month (28..=31), leap years included.
///
/// # Errors
/// `date_invalid` when `month` is not 1..=12.
pub fn days_in_month(year: i32, month: u8) -> Result<u8> {
    Date::from_ymd(year, month, 1).map(Date::days_in_month)
}

/// One status change in a number's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct StatusChange {
    /// The status entered.
    pub status: NumberStatus,
    /// When it was entered.
    pub at: Timestamp,
}

/// A number as billing sees it. A list item of `GET /v1/phone-numbers` (`_id`, `phoneNumber`,
/// `country`, `monthlyCents`, `status`) reads as one directly; add `history` for invoices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct FleetNumber {
    /// The number's record id (`_id` is accepted too).
    #[serde(default, alias = "_id")]
    pub id: Option<String>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// ISO country code.
    pub country: String,
    /// Monthly price stamped at purchase, in cents.
    pub monthly_cents: u64,
    /// The current status (run-rate uses it; when absent, the last history entry's).
    #[serde(default)]
    pub status: Option<NumberStatus>,
    /// Status changes, in any order; each status holds until the next change.
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

impl FleetNumber {
    fn current_status(&self) -> Option<&NumberStatus> {
        self.status
            .as_ref()
            .or_else(|| self.history.iter().max_by_key(|c| c.at).map(|c| &c.status))
    }
}

/// The charge for one number in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct MonthCharge {
    /// `YYYY-MM`.
    pub month: String,
    /// Days in that month.
    pub days_in_month: u8,
    /// Billable days of the month inside the period.
    pub active_days: u8,
    /// Prorated amount.
    pub amount_cents: u64,
}

/// One number's line on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLine {
    /// The number's record id.
    pub id: Option<String>,
    /// The number, E.164.
    pub phone_number: Option<String>,
    /// ISO country code.
    pub country: String,
    /// Monthly price.
    pub monthly_cents: u64,
    /// Billable days in the period.
    pub active_days: u32,
    /// Sum of `months`.
    pub amount_cents: u64,
    /// Per-month breakdown (only months with billable days).
    pub months: Vec<MonthCharge>,
}

/// Totals for one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CountrySubtotal {
    /// ISO country code.
    pub country: String,
    /// Numbers of this country on the invoice (or billable, for a run-rate).
    pub numbers: u64,
    /// Billable days (invoices only; 0 for a run-rate).
    pub active_days: u64,
    /// Amount in cents.
    pub amount_cents: u64,
}

/// An invoice for `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    /// First day billed.
    pub start: Date,
    /// First day not billed.
    pub end: Date,
    /// One line per number, in input order.
    pub lines: Vec<InvoiceLine>,
    /// Per-country subtotals, by country code.
    pub countries: Vec<CountrySubtotal>,
    /// Sum of the lines.
    pub total_cents: u64,
}

/// Bills `numbers` for the days of `[start, end)` they were `active` (see the module rule).
///
/// ```
/// use wanumbers::pricing::{invoice, FleetNumber};
/// let fleet: Vec<FleetNumber> = serde_json::from_str(r#"[{"_id": "n1", "country": "GB",
///   "monthlyCents": 200, "history": [{"status": "verifying", "at": "2026-03-01T09:00:00Z"},
///   {"status": "active", "at": "2026-03-16T12:00:00Z"}]}]"#).unwrap();
/// let inv = invoice(&fleet, "2026-03-01".parse().unwrap(), "2026-04-01".parse().unwrap()).unwrap();
/// assert_eq!((inv.lines[0].active_days, inv.total_cents), (16, 103)); // 200 × 16/31
/// ```
///
/// # Errors
/// `pricing_invalid_period` when `end <= start` or the period is longer than
/// [`MAX_PERIOD_DAYS`]; `pricing_overflow` when a total exceeds `u64` cents.
pub fn invoice(numbers: &[FleetNumber], start: Date, end: Date) -> Result<Invoice> {
    let period_days = start.days_until(end);
    if period_days <= 0 {
        return Err(Error::new(
            ErrorCode::PricingInvalidPeriod,
            "the period must end after it starts",
        )
        .with("reason", "end_not_after_start"));
    }
    if period_days > MAX_PERIOD_DAYS {
        return Err(Error::new(
            ErrorCode::PricingInvalidPeriod,
            format!("a billing period is at most {MAX_PERIOD_DAYS} days; split it into months"),
        )
        .with("reason", "too_long")
        .with("max_days", MAX_PERIOD_DAYS));
    }
    let mut lines = Vec::with_capacity(numbers.len());
    let mut by_country = Subtotals::default();
    let mut total: u64 = 0;
    for number in numbers {
        let line = invoice_line(number, start, end)?;
        by_country.add(&number.country, line.active_days, line.amount_cents)?;
        total = add(total, line.amount_cents)?;
        lines.push(line);
    }
    Ok(Invoice {
        start,
        end,
        lines,
        countries: by_country.into_vec(),
        total_cents: total,
    })
}

/// Per-country totals, kept in country-code order.
#[derive(Default)]
struct Subtotals<'a>(BTreeMap<&'a str, CountrySubtotal>);

impl<'a> Subtotals<'a> {
    fn add(&mut self, country: &'a str, active_days: u32, cents: u64) -> Result<()> {
        let sub = self.0.entry(country).or_insert_with(|| CountrySubtotal {
            country: country.to_owned(),
            numbers: 0,
            active_days: 0,
            amount_cents: 0,
        });
        sub.numbers += 1;
        sub.active_days += u64::from(active_days);
        sub.amount_cents = add(sub.amount_cents, cents)?;
        Ok(())
    }

    fn into_vec(self) -> Vec<CountrySubtotal> {
        self.0.into_values().collect()
    }
}

fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b).ok_or_else(|| {
        Error::new(
            ErrorCode::PricingOverflow,
            "the amount is larger than the largest representable number of cents",
        )
    })
}

fn invoice_line(number: &FleetNumber, start: Date, end: Date) -> Result<InvoiceLine> {
    let mut months: Vec<MonthCharge> = Vec::new();
    let mut active_days: u32 = 0;
    let mut amount: u64 = 0;
    for (month_start, days) in active_days_by_month(&number.history, start, end) {
        let dim = month_start.days_in_month();
        let cents = prorate_cents(number.monthly_cents, u32::from(days), u32::from(dim))?;
        active_days += u32::from(days);
        amount = add(amount, cents)?;
        months.push(MonthCharge {
            month: format!("{:04}-{:02}", month_start.year(), month_start.month()),
            days_in_month: dim,
            active_days: days,
            amount_cents: cents,
        });
    }
    Ok(InvoiceLine {
        id: number.id.clone(),
        phone_number: number.phone_number.clone(),
        country: number.country.clone(),
        monthly_cents: number.monthly_cents,
        active_days,
        amount_cents: amount,
        months,
    })
}

/// Billable days of `[start, end)` per calendar month, as (first day of month, days).
fn active_days_by_month(history: &[StatusChange], start: Date, end: Date) -> Vec<(Date, u8)> {
    let mut changes: Vec<&StatusChange> = history.iter().collect();
    // Stable: of two changes at one instant, the later one wins.
    crate::sort::sort_by(&mut changes, |a, b| a.at.cmp(&b.at));
    // Day ranges [first, last) touched by an active interval, clipped to the period.
    let mut ranges: Vec<(Date, Date)> = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        if !is_billable(&change.status) {
            continue;
        }
        let until = changes.get(i + 1).map(|next| next.at);
        let first = change.at.date().max(start);
        let last = until.map_or(end, ceil_day).min(end);
        if first >= last {
            continue;
        }
        match ranges.last_mut() {
            Some(prev) if first <= prev.1 => prev.1 = prev.1.max(last),
            _ => ranges.push((first, last)),
        }
    }
    let mut out: Vec<(Date, u8)> = Vec::new();
    for (mut day, last) in ranges {
        while day < last {
            let month_start = day.first_of_month();
            let month_end = day.first_of_next_month().map_or(last, |m| m.min(last));
            let days = u8::try_from(day.days_until(month_end)).unwrap_or(0);
            match out.last_mut() {
                Some((m, d)) if *m == month_start => *d = d.saturating_add(days),
                _ => out.push((month_start, days)),
            }
            day = month_end;
        }
    }
    out
}

/// The first day that starts at or after `t` (a change at midnight does not touch that day).
fn ceil_day(t: Timestamp) -> Date {
    let day = t.date();
    if day.start() == t {
        day
    } else {
        day.add_days(1).unwrap_or(day)
    }
}

/// The fleet's monthly cost now, and what numbers still on their way will add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RunRate {
    /// Sum of the monthly prices of billable (`active`) numbers.
    pub monthly_cents: u64,
    /// How many numbers are billable.
    pub billable_numbers: u64,
    /// Monthly prices of numbers that will bill once active (`pending_payment`,
    /// `pending_regulatory`, `provisioning`, `verifying`).
    pub pending_monthly_cents: u64,
    /// How many numbers are on their way.
    pub pending_numbers: u64,
    /// Billable numbers per country, by country code (`activeDays` is 0).
    pub countries: Vec<CountrySubtotal>,
}

fn is_pending_activation(status: &NumberStatus) -> bool {
    matches!(
        status,
        NumberStatus::PendingPayment
            | NumberStatus::PendingRegulatory
            | NumberStatus::Provisioning
            | NumberStatus::Verifying
    )
}

/// The monthly run-rate of a fleet from each number's current status.
///
/// # Errors
/// `pricing_overflow` when a total exceeds `u64` cents.
pub fn run_rate(numbers: &[FleetNumber]) -> Result<RunRate> {
    let mut rate = RunRate {
        monthly_cents: 0,
        billable_numbers: 0,
        pending_monthly_cents: 0,
        pending_numbers: 0,
        countries: Vec::new(),
    };
    let mut by_country = Subtotals::default();
    for number in numbers {
        let Some(status) = number.current_status() else {
            continue;
        };
        if is_billable(status) {
            rate.monthly_cents = add(rate.monthly_cents, number.monthly_cents)?;
            rate.billable_numbers += 1;
            by_country.add(&number.country, 0, number.monthly_cents)?;
        } else if is_pending_activation(status) {
            rate.pending_monthly_cents = add(rate.pending_monthly_cents, number.monthly_cents)?;
            rate.pending_numbers += 1;
        }
    }
    rate.countries = by_country.into_vec();
    Ok(rate)
}

/// What buying numbers in a country costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// ISO country code.
    pub country: String,
    /// English country name.
    pub name: Option<String>,
    /// How many numbers.
    pub quantity: u32,
    /// Price of one number per month.
    pub unit_monthly_cents: u64,
    /// Price of all of them per month.
    pub monthly_cents: u64,
    /// Whether a KYC form is needed first (activation then takes 1-3 business days).
    pub needs_kyc: Option<bool>,
    /// With a start date: the prorated cost of the rest of that month, start day included
    /// (an upper bound when KYC delays activation).
    pub first_month_cents: Option<u64>,
    /// With a start date: the days left in that month, start day included.
    pub first_month_days: Option<u8>,
}

/// Quotes `quantity` numbers in `country` from `catalog`, optionally prorating the first
/// month from `start`.
///
/// ```
/// use wanumbers::{Catalog, pricing::quote};
/// let q = quote(&Catalog::offline(), "DE", 3, Some("2026-02-15".parse().unwrap())).unwrap();
/// assert_eq!((q.monthly_cents, q.first_month_days, q.first_month_cents), (600, Some(14), Some(300)));
/// ```
///
/// # Errors
/// The country-code errors, `country_not_on_sale`, `pricing_price_unknown`,
/// `pricing_invalid_quantity` (below 1) and `pricing_overflow`.
pub fn quote(
    catalog: &Catalog,
    country: &str,
    quantity: u32,
    start: Option<Date>,
) -> Result<Quote> {
    let entry = catalog.get(country)?;
    if quantity == 0 {
        return Err(Error::new(
            ErrorCode::PricingInvalidQuantity,
            "quantity must be at least 1",
        )
        .with("min", 1));
    }
    let unit = entry.monthly_cents.ok_or_else(|| {
        Error::new(
            ErrorCode::PricingPriceUnknown,
            "the catalog has no monthly price for this country",
        )
        .with("country", entry.code.as_str())
    })?;
    let overflow = || {
        Error::new(
            ErrorCode::PricingOverflow,
            "the amount is larger than the largest representable number of cents",
        )
    };
    let monthly = unit.checked_mul(u64::from(quantity)).ok_or_else(overflow)?;
    let (first_month_cents, first_month_days) = match start {
        Some(day) => {
            let dim = day.days_in_month();
            let left = dim - day.day() + 1;
            let one = prorate_cents(unit, u32::from(left), u32::from(dim))?;
            (
                Some(one.checked_mul(u64::from(quantity)).ok_or_else(overflow)?),
                Some(left),
            )
        }
        None => (None, None),
    };
    Ok(Quote {
        country: entry.code.clone(),
        name: entry.name.clone(),
        quantity,
        unit_monthly_cents: unit,
        monthly_cents: monthly,
        needs_kyc: entry.needs_kyc,
        first_month_cents,
        first_month_days,
    })
}

/// Formats cents as US dollars: `123456` → `"$1,234.56"`.
pub fn format_usd(cents: u64) -> String {
    let dollars = (cents / 100).to_string();
    let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3);
    for (i, digit) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("${grouped}.{:02}", cents % 100)
}

/// Formats a monthly price: `200` → `"$2.00/mo"`.
pub fn format_monthly(cents: u64) -> String {
    format!("{}/mo", format_usd(cents))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The rounding in u64 is the 128-bit formula's, at every size.
        #[test]
        fn prorate_is_the_wide_formula(
            monthly in prop_oneof![any::<u64>(), 0u64..10_000, Just(u64::MAX)],
            days in 28u32..=31,
            active in 0u32..=31,
        ) {
            prop_assume!(active <= days);
            let wide = (u128::from(monthly) * u128::from(active) * 2 + u128::from(days))
                / (2 * u128::from(days));
            prop_assert_eq!(u128::from(prorate_cents(monthly, active, days).unwrap()), wide);
        }
    }

    #[test]
    fn rounding_rule() {
        assert_eq!(prorate_cents(200, 0, 30).unwrap(), 0);
        assert_eq!(prorate_cents(100, 1, 28).unwrap(), 4); // 3.57 → 4
        assert_eq!(prorate_cents(100, 7, 28).unwrap(), 25);
        assert_eq!(prorate_cents(300, 1, 30).unwrap(), 10);
        assert_eq!(prorate_cents(100, 15, 30).unwrap(), 50);
        assert_eq!(prorate_cents(1, 15, 30).unwrap(), 1); // 0.5 → 1 (half up)
        assert_eq!(prorate_cents(u64::MAX, 31, 31).unwrap(), u64::MAX);
    }

    #[test]
    fn money_format() {
        assert_eq!(format_usd(0), "$0.00");
        assert_eq!(format_usd(5), "$0.05");
        assert_eq!(format_usd(100_000), "$1,000.00");
        assert_eq!(format_usd(123_456_789), "$1,234,567.89");
    }
}
