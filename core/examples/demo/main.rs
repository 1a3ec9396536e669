//! `make demo`: a tour of the core for a new user: the catalog with prices, phone checks, a
//! quote, an invoice and run-rate for a sample fleet, the number lifecycle, and then the main
//! job for real, on the embedded sandbox: buy, KYC, review, signed webhooks, invoice, release.
//! No network, no key.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::too_many_lines,
    clippy::disallowed_macros
)]

use wanumbers::pricing::{FleetNumber, format_monthly, format_usd, invoice, quote, run_rate};
use wanumbers::status::{NumberEvent, NumberStatus, allowed_actions, next};
use wanumbers::{Catalog, Date, phone};

fn main() -> Result<(), wanumbers::Error> {
    let catalog = Catalog::offline();
    show_catalog(&catalog);
    show_phone_checks()?;
    show_quote(&catalog)?;
    show_invoice()?;
    show_lifecycle()?;
    sandbox::run()
}

mod sandbox;

fn show_catalog(catalog: &Catalog) {
    println!(
        "== Countries on sale ({}), cheapest first; † = instant, others need KYC",
        catalog.countries().len()
    );
    for row in catalog.countries().chunks(3) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let mark = if c.needs_kyc == Some(false) {
                    "†"
                } else {
                    " "
                };
                let price = c.monthly_cents.map_or_else(|| "?".into(), format_monthly);
                format!(
                    "{} {:<22.22}{mark} {price:>10}",
                    c.code,
                    c.name.as_deref().unwrap_or("")
                )
            })
            .collect();
        println!("  {}", cells.join("   "));
    }
}

fn show_phone_checks() -> Result<(), wanumbers::Error> {
    println!("\n== Phone checks (default region GB)");
    let inputs = [
        "07400 123456",
        "+1 (202) 456-1111",
        "020 7183 8750;ext=12",
        "0400 123 456",
        "+44 20 71",
        "call me",
    ];
    for check in phone::check_many(&inputs, Some("GB"))?.iter().zip(inputs) {
        let (c, raw) = check;
        match (&c.e164, &c.error) {
            (Some(e164), _) => println!(
                "  {raw:<24} ok     {e164:<14} {} {}",
                c.region.unwrap_or("--"),
                c.number_type.map_or("", |t| t.as_str())
            ),
            (None, Some(err)) => {
                println!("  {raw:<24} {:<26} {}", err.code().as_str(), err.message());
            }
            (None, None) => {}
        }
    }
    Ok(())
}

fn show_quote(catalog: &Catalog) -> Result<(), wanumbers::Error> {
    println!("\n== Quote: 3 numbers in Germany from 2026-02-15");
    let q = quote(catalog, "DE", 3, Some(Date::parse("2026-02-15")?))?;
    println!(
        "  {} × {} = {}; first month ({} days) {}; KYC needed: {}",
        q.quantity,
        format_monthly(q.unit_monthly_cents),
        format_monthly(q.monthly_cents),
        q.first_month_days.unwrap_or(0),
        format_usd(q.first_month_cents.unwrap_or(0)),
        q.needs_kyc.unwrap_or(false)
    );
    Ok(())
}

fn show_invoice() -> Result<(), wanumbers::Error> {
    println!("\n== Invoice for March 2026 (billed by active UTC day)");
    let fleet: Vec<FleetNumber> =
        serde_json::from_str(SAMPLE_FLEET).expect("sample fleet is valid");
    let inv = invoice(
        &fleet,
        Date::parse("2026-03-01")?,
        Date::parse("2026-04-01")?,
    )?;
    for line in &inv.lines {
        println!(
            "  {:<14} {} {:>10}  {:>2} active days  {:>8}",
            line.phone_number.as_deref().unwrap_or("?"),
            line.country,
            format_monthly(line.monthly_cents),
            line.active_days,
            format_usd(line.amount_cents)
        );
    }
    for sub in &inv.countries {
        println!(
            "  subtotal {}: {:>8} ({} numbers)",
            sub.country,
            format_usd(sub.amount_cents),
            sub.numbers
        );
    }
    println!("  total {}", format_usd(inv.total_cents));
    let rate = run_rate(&fleet)?;
    println!(
        "  run-rate now {} ({} billable); {} more once {} pending numbers activate",
        format_monthly(rate.monthly_cents),
        rate.billable_numbers,
        format_monthly(rate.pending_monthly_cents),
        rate.pending_numbers
    );
    Ok(())
}

fn show_lifecycle() -> Result<(), wanumbers::Error> {
    println!("\n== Lifecycle of a regulated number");
    let mut status = NumberStatus::PendingRegulatory;
    for event in [
        NumberEvent::Declined,
        NumberEvent::RemediationSubmitted,
        NumberEvent::Approved,
        NumberEvent::Activated,
    ] {
        let after = next(&status, event)?;
        println!("  {status:<20} --{:<22}--> {after}", event.as_str());
        status = after;
    }
    let actions = allowed_actions(&status);
    println!(
        "  {status}: billable {}, can release {}, can remediate {}",
        actions.is_billable, actions.can_release, actions.can_remediate
    );
    if let Err(err) = next(&NumberStatus::Released, NumberEvent::Activated) {
        println!(
            "  released --activated--> error {}: {}",
            err.code(),
            err.message()
        );
    }
    Ok(())
}

const SAMPLE_FLEET: &str = r#"[
  {"_id": "n1", "phoneNumber": "+447400123456", "country": "GB", "monthlyCents": 200, "status": "active",
   "history": [{"status": "active", "at": "2026-01-10T09:00:00Z"}]},
  {"_id": "n2", "phoneNumber": "+4915123456789", "country": "DE", "monthlyCents": 200, "status": "active",
   "history": [{"status": "pending_regulatory", "at": "2026-03-02T10:00:00Z"},
               {"status": "verifying", "at": "2026-03-09T08:00:00Z"},
               {"status": "active", "at": "2026-03-10T14:30:00Z"}]},
  {"_id": "n3", "phoneNumber": "+12024561111", "country": "US", "monthlyCents": 200, "status": "suspended",
   "history": [{"status": "active", "at": "2025-11-01T00:00:00Z"},
               {"status": "suspended", "at": "2026-03-20T06:00:00Z"}]},
  {"_id": "n4", "phoneNumber": "+61412345678", "country": "AU", "monthlyCents": 600, "status": "pending_regulatory",
   "history": [{"status": "pending_regulatory", "at": "2026-03-25T00:00:00Z"}]}
]"#;
