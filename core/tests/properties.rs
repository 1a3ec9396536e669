//! Properties that must hold for every input, not just the vectors: no panics, money that adds
//! up, proration bounded by the monthly price.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use wanumbers::pricing::{FleetNumber, StatusChange, invoice, prorate_cents, run_rate};
use wanumbers::status::{NumberEvent, NumberStatus, allowed_actions, next};
use wanumbers::{Date, ErrorCode, Timestamp, phone};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn phone_check_never_panics_and_is_consistent(raw in "\\PC{0,40}", region in prop::option::of("[A-Za-z]{0,3}")) {
        if let Ok(check) = phone::check(&raw, region.as_deref()) {
            prop_assert_eq!(check.valid, check.e164.is_some());
            prop_assert_eq!(check.valid, check.error.is_none());
            if let Some(e164) = check.e164 {
                // E.164 is a fixed point: normalizing it again gives it back.
                prop_assert_eq!(phone::normalize(&e164, None).unwrap(), e164);
            }
        }
    }

    #[test]
    fn phone_digit_soup_never_panics(raw in "[+0-9 ()\\-.;extEXT#*]{0,60}") {
        let _ = phone::check(&raw, Some("GB"));
        let _ = phone::check(&raw, None);
        let _ = phone::parse_in_region(&raw, "US");
    }

    #[test]
    fn proration_is_bounded_and_monotonic(monthly in 0u64..10_000_000_000, dim in 28u32..=31, days in 0u32..=31) {
        let days = days.min(dim);
        let cents = prorate_cents(monthly, days, dim).unwrap();
        prop_assert!(cents <= monthly);
        prop_assert_eq!(prorate_cents(monthly, dim, dim).unwrap(), monthly);
        if days < dim {
            prop_assert!(prorate_cents(monthly, days + 1, dim).unwrap() >= cents);
        }
    }

    #[test]
    fn invoice_totals_add_up(fleet in prop::collection::vec(fleet_number(), 0..20), start_day in 0i64..60, len in 1i64..120) {
        let start = Date::parse("2026-01-01").unwrap().add_days(start_day).unwrap();
        let end = start.add_days(len).unwrap();
        let inv = invoice(&fleet, start, end).unwrap();
        let lines: u64 = inv.lines.iter().map(|l| l.amount_cents).sum();
        let by_country: u64 = inv.countries.iter().map(|c| c.amount_cents).sum();
        prop_assert_eq!(inv.total_cents, lines);
        prop_assert_eq!(inv.total_cents, by_country);
        for (line, number) in inv.lines.iter().zip(&fleet) {
            prop_assert!(i64::from(line.active_days) <= len);
            prop_assert_eq!(line.amount_cents, line.months.iter().map(|m| m.amount_cents).sum::<u64>());
            for month in &line.months {
                prop_assert!(month.amount_cents <= number.monthly_cents);
                prop_assert!(month.active_days >= 1 && month.active_days <= month.days_in_month);
            }
        }
    }

    #[test]
    fn transitions_land_on_known_statuses(s in 0usize..9, e in 0usize..13) {
        let status = &NumberStatus::KNOWN[s];
        let event = NumberEvent::ALL[e];
        match next(status, event) {
            Ok(to) => prop_assert!(to.is_known()),
            Err(err) => prop_assert_eq!(err.code(), ErrorCode::StatusInvalidTransition),
        }
        prop_assert_eq!(allowed_actions(status).events.contains(&event), next(status, event).is_ok());
    }
}

fn fleet_number() -> impl Strategy<Value = FleetNumber> {
    let change = (0usize..9, 0i64..(150 * 86_400)).prop_map(|(s, secs)| StatusChange {
        status: NumberStatus::KNOWN[s].clone(),
        at: Timestamp::from_unix_seconds(1_764_547_200 + secs).unwrap(), // from 2025-12-01
    });
    (
        0u64..1_000_000,
        prop::collection::vec(change, 0..8),
        prop::sample::select(vec!["GB", "US", "DE"]),
    )
        .prop_map(|(monthly_cents, history, country)| FleetNumber {
            id: None,
            phone_number: None,
            country: country.to_owned(),
            monthly_cents,
            status: None,
            history,
        })
}

#[test]
fn a_million_numbers_over_a_long_period_do_not_overflow() {
    let number = FleetNumber {
        id: None,
        phone_number: None,
        country: "GB".into(),
        monthly_cents: 100_000, // $1,000 a month, far above any listed price
        status: None,
        history: vec![StatusChange {
            status: NumberStatus::Active,
            at: "2025-01-01T00:00:00Z".parse().unwrap(),
        }],
    };
    let fleet = vec![number; 1_000_000];
    let start = Date::parse("2026-01-01").unwrap();
    let end = start.add_days(wanumbers::pricing::MAX_PERIOD_DAYS).unwrap();
    let inv = invoice(&fleet, start, end).unwrap();
    assert_eq!(inv.lines.len(), 1_000_000);
    assert_eq!(
        inv.total_cents,
        inv.lines.iter().map(|l| l.amount_cents).sum::<u64>()
    );
    assert_eq!(run_rate(&fleet).unwrap().monthly_cents, 100_000_000_000);
}

#[test]
fn totals_past_u64_are_an_error_not_a_panic() {
    let number = FleetNumber {
        id: None,
        phone_number: None,
        country: "GB".into(),
        monthly_cents: u64::MAX / 2,
        status: Some(NumberStatus::Active),
        history: vec![StatusChange {
            status: NumberStatus::Active,
            at: "2025-01-01T00:00:00Z".parse().unwrap(),
        }],
    };
    let fleet = vec![number; 3];
    let start = Date::parse("2026-03-01").unwrap();
    let end = Date::parse("2026-04-01").unwrap();
    assert_eq!(
        invoice(&fleet, start, end).unwrap_err().code(),
        ErrorCode::PricingOverflow
    );
    assert_eq!(
        run_rate(&fleet).unwrap_err().code(),
        ErrorCode::PricingOverflow
    );
}
