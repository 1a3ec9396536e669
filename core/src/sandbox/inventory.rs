//! What the sandbox sells and what is left: numbers drawn from the seeded sequence inside real number ranges of
//! each stocked country (every one checked valid by the phone engine before it is offered),
//! areas with their stock, and the KYC requirement sets of the regulated countries.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::country::{Catalog, Country, CountryType, Fulfilment, OfferedNumberType};
use crate::phone;
use crate::status::NumberStatus;

use super::Fail;
use super::rng::Rng;
use super::state::{State, Tenant};

/// An area of a stocked country: (area code, name, E.164 prefix, digits after it, stock).
pub type Area = (&'static str, &'static str, &'static str, usize, u32);

/// The stocked (country, number type) pairs and their areas. Countries the catalog lists
/// but this table does not are out of stock.
pub const STOCK: &[(&str, OfferedNumberType, &[Area])] = &[
    (
        "US",
        OfferedNumberType::Local,
        &[
            ("212", "New York", "+1212", 7, 40),
            ("415", "San Francisco", "+1415", 7, 40),
            ("512", "Austin", "+1512", 7, 40),
        ],
    ),
    (
        "US",
        OfferedNumberType::TollFree,
        &[("833", "Toll free", "+1833", 7, 20)],
    ),
    (
        "CA",
        OfferedNumberType::Local,
        &[
            ("416", "Toronto", "+1416", 7, 30),
            ("604", "Vancouver", "+1604", 7, 30),
        ],
    ),
    ("NL", OfferedNumberType::Mobile, &[("6", "", "+316", 8, 30)]),
    (
        "GB",
        OfferedNumberType::Mobile,
        &[("74", "", "+4474", 8, 40)],
    ),
    (
        "DE",
        OfferedNumberType::Local,
        &[
            ("30", "Berlin", "+4930", 8, 30),
            ("89", "München", "+4989", 8, 30),
            ("221", "Köln", "+49221", 7, 0),
        ],
    ),
    (
        "FR",
        OfferedNumberType::Local,
        &[("1", "Paris", "+331", 8, 30), ("4", "Lyon", "+334", 8, 30)],
    ),
    ("AU", OfferedNumberType::Mobile, &[("4", "", "+614", 8, 30)]),
    (
        "BR",
        OfferedNumberType::Mobile,
        &[("11", "São Paulo", "+55119", 8, 30)],
    ),
    (
        "IE",
        OfferedNumberType::Mobile,
        &[("85", "", "+35385", 7, 20)],
    ),
    ("ES", OfferedNumberType::Mobile, &[("6", "", "+346", 8, 20)]),
    ("IT", OfferedNumberType::Mobile, &[("3", "", "+393", 9, 20)]),
];

/// The areas of `country` for `number_type` (its first stocked type when `None`).
pub fn areas(
    country: &str,
    number_type: Option<&OfferedNumberType>,
) -> Option<(OfferedNumberType, &'static [Area])> {
    STOCK
        .iter()
        .find(|(c, t, _)| *c == country && number_type.is_none_or(|n| n == t))
        .map(|(_, t, areas)| (t.clone(), *areas))
}

/// A number of `area` not in `taken`, drawn from `rng` and valid for `country` (at most 64
/// draws; `None` when the range yields none).
fn draw_from(
    rng: &mut Rng,
    country: &str,
    area: &Area,
    taken: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let (_, _, prefix, digits, _) = area;
    for _ in 0..64 {
        let candidate = format!("{prefix}{}", rng.digits(*digits));
        if taken(&candidate) {
            continue;
        }
        let valid = phone::parse(&candidate, None)
            .is_ok_and(|p| p.is_valid_for_region(country) && p.e164() == candidate);
        if valid {
            return Some(candidate);
        }
    }
    None
}

/// The catalog the sandbox sells from: the published prices, with each stocked number type
/// (instant where no KYC is needed, on request where it is).
pub fn catalog(sold: &dyn Fn(&str, &str) -> u32) -> Catalog {
    let countries: Vec<Country> = Catalog::offline_shared()
        .countries()
        .iter()
        .map(|country| {
            let mut country = country.clone();
            let needs_kyc = country.needs_kyc.unwrap_or(false);
            country.types = STOCK
                .iter()
                .filter(|(c, _, _)| *c == country.code)
                .map(|(_, number_type, areas)| {
                    let left: u32 = areas
                        .iter()
                        .map(|a| a.4.saturating_sub(sold(&country.code, a.0)))
                        .sum();
                    CountryType {
                        number_type: number_type.clone(),
                        tier: None,
                        needs_kyc: Some(needs_kyc),
                        monthly_cents: country.monthly_cents,
                        whatsapp_available: Some(*number_type != OfferedNumberType::TollFree),
                        sms_available: Some(true),
                        calls_available: Some(true),
                        in_stock: Some(left > 0),
                        fulfilment: Some(if needs_kyc {
                            Fulfilment::Request
                        } else {
                            Fulfilment::Instant
                        }),
                        pre_orderable: Some(needs_kyc),
                    }
                })
                .collect();
            country.in_stock = Some(country.types.iter().any(|t| t.in_stock == Some(true)));
            country.calls_available = Some(!country.types.is_empty());
            country.sms_available = Some(!country.types.is_empty());
            country
        })
        .collect();
    Catalog::from_countries(countries)
}

// ---------------------------------------------------------------------------------------------
// What is left: the numbers accounts hold (released ones are back in stock).

/// Whether an account holds `number`.
fn held(tenants: &BTreeMap<String, Tenant>, number: &str) -> bool {
    tenants
        .values()
        .flat_map(|t| &t.numbers)
        .filter(|n| n.record.status != Some(NumberStatus::Released))
        .any(|n| n.record.phone_number.as_deref() == Some(number))
}

/// Whether an account holds `number`.
pub(super) fn taken(state: &State, number: &str) -> bool {
    held(&state.tenants, number)
}

/// A number of `area` that no account holds, from the seeded sequence.
pub(super) fn draw(state: &mut State, country: &str, area: &Area) -> Option<String> {
    let (rng, tenants) = (&mut state.rng, &state.tenants);
    draw_from(rng, country, area, &|n| held(tenants, n))
}

/// How many numbers of an area were sold (across tenants).
pub(super) fn sold(state: &State, country: &str, area_code: &str) -> u32 {
    let count = state
        .tenants
        .values()
        .flat_map(|t| &t.numbers)
        .filter(|n| n.record.status != Some(NumberStatus::Released))
        .filter(|n| {
            n.record.country.as_deref() == Some(country)
                && n.record.extra.get("areaCode").and_then(Value::as_str) == Some(area_code)
        })
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

pub(super) fn pick_area<'a>(
    state: &State,
    country: &str,
    areas: &'a [Area],
    wanted: Option<&str>,
) -> Result<&'a Area, Fail> {
    let mut fitting = areas
        .iter()
        .filter(|a| wanted.is_none_or(|w| a.0 == w))
        .filter(|a| a.4 > sold(state, country, a.0));
    fitting.next().ok_or_else(|| match wanted {
        Some(_) => Fail::zernio(
            409,
            "invalid_request_error",
            Some("AREA_CODE_UNAVAILABLE"),
            "No numbers are available in this area code",
        ),
        None => Fail::zernio(
            409,
            "invalid_request_error",
            Some("COUNTRY_OUT_OF_STOCK"),
            "No numbers are in stock for this country",
        ),
    })
}

/// Whether `area` of `country` has a number left.
pub(super) fn area_in_stock(state: &State, country: &str, area: &str) -> bool {
    areas(country, None).is_some_and(|(_, areas)| {
        areas
            .iter()
            .any(|a| a.0 == area && a.4 > sold(state, country, a.0))
    })
}
