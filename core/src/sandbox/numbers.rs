//! Numbers: the catalog, search, availability, purchase (inline for instant countries, 202
//! `kyc_required` for regulated ones, replays by `purchaseIntentId`, the 10-minute velocity
//! rule), the list and its views, one number, release and moving to another profile.

use serde_json::{Value, json};

use super::inventory::{self, Area};
use super::state::{Number, State, Tenant};
use super::{Fail, hooks, run};
use crate::api::HttpResponse;
use crate::api::models::{
    AvailableNumber, AvailableNumbers, MovedToProfile, NumberList, NumberRecord, OwnedPhoneNumber,
    ProfileRef, ProvisionedNumber, PurchaseOutcome, Released,
};
use crate::api::wire::Routed;
use crate::api::zernio::{
    CheckAvailability, GetNumber, ListCountries, ListNumbers, MoveToProfile,
    PURCHASE_VELOCITY_SECONDS, Purchase, ReleaseNumber, SearchAvailable,
};
use crate::country::OfferedNumberType;
use crate::datetime::Timestamp;
use crate::kyc::{AddressConstraint, AreaOption, Availability, SoldOutArea};
use crate::pricing::StatusChange;
use crate::status::{self, NumberEvent, NumberStatus};

/// Profile ids that force an outcome (README, "Sandbox", magic values).
pub const CHECKOUT_PROFILE: &str = "prof_sandbox_checkout";
/// See [`CHECKOUT_PROFILE`].
pub const PAYMENT_REQUIRED_PROFILE: &str = "prof_sandbox_payment_required";
/// See [`CHECKOUT_PROFILE`].
pub const USAGE_BILLING_PROFILE: &str = "prof_sandbox_usage_billing";

/// The operations that need no key (countries, search, availability).
pub fn keyless(state: &mut State, routed: &Routed, now: Timestamp) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "list_countries" | "search_available" | "check_availability" => {
            handle(state, "", routed, now)
        }
        _ => Err(Fail::next()),
    }
}

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "list_countries" => run::<ListCountries, _>(routed, |_| Ok(catalog(state))),
        "search_available" => run::<SearchAvailable, _>(routed, |op| Ok(search(state, op))),
        "check_availability" => run::<CheckAvailability, _>(routed, |op| availability(state, op)),
        "purchase" => run::<Purchase, _>(routed, |op| purchase(state, key, op, now)),
        "list_numbers" => run::<ListNumbers, _>(routed, |op| Ok(list(tenant(state, key), op, now))),
        "get_number" => run::<GetNumber, _>(routed, |op| {
            let number = find(tenant(state, key), &op.id)?;
            Ok(record(&number.record))
        }),
        "release_number" => run::<ReleaseNumber, _>(routed, |op| release(state, key, &op.id, now)),
        "move_to_profile" => run::<MoveToProfile, _>(routed, |op| {
            let number = find_mut(tenant(state, key), &op.id)?;
            let moved = profile_id(&number.record).as_deref() != Some(op.profile_id.as_str());
            number.record.profile_id = Some(ProfileRef::Id(op.profile_id.clone()));
            Ok(MovedToProfile {
                message: Some("Number moved".into()),
                profile_id: Some(op.profile_id.clone()),
                moved_platforms: moved.then(|| vec!["phone".into(), "whatsapp".into()]),
            })
        }),
        _ => Err(Fail::next()),
    }
}

pub(super) fn tenant<'a>(state: &'a mut State, key: &str) -> &'a mut Tenant {
    state.tenants.entry(key.to_owned()).or_default()
}

pub(super) fn find<'a>(tenant: &'a Tenant, id: &str) -> Result<&'a Number, Fail> {
    tenant
        .numbers
        .iter()
        .find(|n| n.record.id.as_deref() == Some(id))
        .ok_or_else(Fail::not_found)
}

pub(super) fn find_mut<'a>(tenant: &'a mut Tenant, id: &str) -> Result<&'a mut Number, Fail> {
    tenant
        .numbers
        .iter_mut()
        .find(|n| n.record.id.as_deref() == Some(id))
        .ok_or_else(Fail::not_found)
}

fn profile_id(record: &OwnedPhoneNumber) -> Option<String> {
    match &record.profile_id {
        Some(ProfileRef::Id(id)) => Some(id.clone()),
        Some(ProfileRef::Profile { id, .. }) => id.clone(),
        None => None,
    }
}

/// How many numbers of an area were sold (across tenants).
fn sold(state: &State, country: &str, area_code: &str) -> u32 {
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

/// Whether an account holds `number` (a released number is back in stock).
fn taken(state: &State, number: &str) -> bool {
    state
        .tenants
        .values()
        .flat_map(|t| &t.numbers)
        .filter(|n| n.record.status != Some(NumberStatus::Released))
        .any(|n| n.record.phone_number.as_deref() == Some(number))
}

/// A number of `area` that no account holds, from the seeded sequence.
fn draw(state: &mut State, country: &str, area: &Area) -> Option<String> {
    let (rng, tenants) = (&mut state.rng, &state.tenants);
    let held = |n: &str| {
        tenants
            .values()
            .flat_map(|t| &t.numbers)
            .filter(|x| x.record.status != Some(NumberStatus::Released))
            .any(|x| x.record.phone_number.as_deref() == Some(n))
    };
    inventory::draw(rng, country, area, &held)
}

fn catalog(state: &State) -> crate::Catalog {
    inventory::catalog(&|country, area| sold(state, country, area))
}

fn search(state: &mut State, op: &SearchAvailable) -> AvailableNumbers {
    let country = op.country.clone().unwrap_or_else(|| "US".into());
    let wanted = op.area_code.as_ref().or(op.prefix.as_ref());
    let Some((number_type, areas)) = inventory::areas(&country, op.number_type.as_ref()) else {
        return AvailableNumbers {
            country: Some(country),
            number_type: op.number_type.clone(),
            require_sms: op.sms,
            numbers: Vec::new(),
            masked: None,
            near: None,
        };
    };
    let limit = op.limit.unwrap_or(20).min(100);
    let mut numbers = Vec::new();
    let picked: Vec<&Area> = areas
        .iter()
        .filter(|a| wanted.is_none_or(|w| a.0 == w))
        .filter(|a| {
            op.locality
                .as_ref()
                .is_none_or(|l| a.1.eq_ignore_ascii_case(l))
        })
        .collect();
    for area in picked {
        let left = area.4.saturating_sub(sold(state, &country, area.0));
        for _ in 0..left.min(limit) {
            if numbers.len() >= limit as usize {
                break;
            }
            let drawn = draw(state, &country, area);
            let Some(number) = drawn else { break };
            if op
                .contains
                .as_ref()
                .is_some_and(|c| !number.contains(c.as_str()))
            {
                continue;
            }
            numbers.push(AvailableNumber {
                phone_number: Some(number),
                features: vec!["voice".into(), "sms".into()],
                locality: (!area.1.is_empty()).then(|| area.1.to_owned()),
                best_effort: Some(false),
                masked_number: None,
                number_type: Some(number_type.clone()),
                claim_id: None,
                claim_url: None,
            });
        }
    }
    AvailableNumbers {
        country: Some(country),
        number_type: Some(number_type),
        require_sms: op.sms,
        numbers,
        masked: None,
        near: None,
    }
}

fn availability(state: &State, op: &CheckAvailability) -> Result<Availability, Fail> {
    availability_of(state, &op.country, op.number_type.as_ref()).ok_or_else(|| {
        Fail::zernio(
            400,
            "invalid_request_error",
            None,
            "This country or number type is not available",
        )
    })
}

/// Whether `area` of `country` has a number left.
pub(super) fn area_in_stock(state: &State, country: &str, area: &str) -> bool {
    inventory::areas(country, None).is_some_and(|(_, areas)| {
        areas
            .iter()
            .any(|a| a.0 == area && a.4 > sold(state, country, a.0))
    })
}

/// `GET /availability` of `country` (and `number_type`) from the stock, or `None` where
/// nothing is sold.
pub(super) fn availability_of(
    state: &State,
    country: &str,
    number_type: Option<&OfferedNumberType>,
) -> Option<Availability> {
    let op = CheckAvailability {
        country: country.to_owned(),
        number_type: number_type.cloned(),
        sms: None,
    };
    let (number_type, areas) = inventory::areas(&op.country, op.number_type.as_ref())?;
    let constraint = super::kyc::address_constraint(&op.country);
    let left = |a: &Area| a.4.saturating_sub(sold(state, &op.country, a.0));
    Some(Availability {
        country: Some(op.country.clone()),
        number_type: Some(number_type),
        available: Some(areas.iter().any(|a| left(a) > 0)),
        pre_orderable: Some(super::kyc::is_regulated(&op.country)),
        areas: if constraint == AddressConstraint::Geo {
            areas
                .iter()
                .filter(|a| left(a) > 0)
                .map(|a| a.1.to_owned())
                .collect()
        } else {
            Vec::new()
        },
        address_constraint: Some(constraint),
        area_options: areas
            .iter()
            .filter(|a| left(a) > 0 && !a.1.is_empty())
            .map(|a| AreaOption {
                ndc: a.0.to_owned(),
                name: a.1.to_owned(),
                count: u64::from(left(a)),
            })
            .collect(),
        sold_out_areas: areas
            .iter()
            .filter(|a| left(a) == 0)
            .map(|a| SoldOutArea {
                ndc: a.0.to_owned(),
                name: a.1.to_owned(),
                pre_orderable: super::kyc::is_regulated(&op.country),
            })
            .collect(),
    })
}

fn purchase(
    state: &mut State,
    key: &str,
    op: &Purchase,
    now: Timestamp,
) -> Result<PurchaseOutcome, Fail> {
    if let Some(outcome) = refused_or_replayed(state, key, op, now)? {
        return Ok(outcome);
    }
    let country = op.country.clone().unwrap_or_else(|| "US".into());
    let Some((number_type, areas)) = inventory::areas(&country, op.number_type.as_ref()) else {
        return Err(Fail::zernio(
            409,
            "invalid_request_error",
            Some("COUNTRY_OUT_OF_STOCK"),
            "No numbers are in stock for this country",
        ));
    };
    if super::kyc::is_regulated(&country) {
        let area = op
            .area_code
            .as_ref()
            .map(|a| format!("&areaCode={a}"))
            .unwrap_or_default();
        let url = format!(
            "https://zernio.com/kyc/{}?country={country}{area}",
            state.rng.id("kyc_")
        );
        return Ok(PurchaseOutcome::KycRequired {
            country: Some(country),
            number_type: Some(number_type.as_str().to_owned()),
            kyc_url: Some(url),
        });
    }
    let unavailable = || {
        Fail::zernio(
            409,
            "invalid_request_error",
            Some("PHONE_NUMBER_UNAVAILABLE"),
            "This number is no longer available",
        )
    };
    // An exact number is in the area its prefix says, and must be a real number of the country.
    let wanted = match &op.phone_number {
        Some(exact) => {
            let real =
                crate::phone::parse(exact, None).is_ok_and(|p| p.is_valid_for_region(&country));
            let area = areas
                .iter()
                .find(|a| exact.starts_with(a.2))
                .filter(|_| real);
            Some(area.ok_or_else(unavailable)?.0)
        }
        None => op.area_code.as_deref(),
    };
    let area = pick_area(state, &country, areas, wanted)?;
    let number = match &op.phone_number {
        Some(exact) if taken(state, exact) => {
            return Err(Fail::zernio(
                409,
                "invalid_request_error",
                Some("PHONE_NUMBER_UNAVAILABLE"),
                "This number is no longer available",
            ));
        }
        Some(exact) => exact.clone(),
        None => draw(state, &country, area).ok_or_else(|| {
            Fail::zernio(
                409,
                "invalid_request_error",
                Some("COUNTRY_OUT_OF_STOCK"),
                "No numbers are in stock for this country",
            )
        })?,
    };
    let checkout = op.profile_id == CHECKOUT_PROFILE;
    let id = sell(state, key, op, (&country, number_type, area.0), number, now);
    if checkout {
        return Ok(PurchaseOutcome::Checkout {
            checkout_url: format!("https://checkout.stripe.com/c/pay/cs_test_{id}"),
            message: Some("Complete the payment to provision your number".into()),
        });
    }
    let record = transition(state, key, &id, NumberEvent::Activated, now, None)?;
    Ok(PurchaseOutcome::Provisioned {
        phone_number: ProvisionedNumber {
            id: record.id.clone(),
            phone_number: record.phone_number.clone(),
            status: record.status.clone(),
            country: record.country.clone(),
            provisioned_at: record.provisioned_at.clone(),
            meta_preverified_id: None,
            meta_verification_status: None,
            profile_id: profile_id(&record),
        },
        message: Some("Number purchased".into()),
    })
}

/// Files a bought number on the tenant (provisioning, or waiting for payment on the checkout
/// path), with its purchase intent and the time of purchase for the velocity rule; its id.
fn sell(
    state: &mut State,
    key: &str,
    op: &Purchase,
    (country, number_type, area_code): (&str, OfferedNumberType, &str),
    number: String,
    now: Timestamp,
) -> String {
    let country = country.to_owned();
    let monthly = catalog(state)
        .get(&country)
        .ok()
        .and_then(|c| c.monthly_cents);
    let id = state.rng.id("");
    let mut record = OwnedPhoneNumber {
        id: Some(id.clone()),
        phone_number: Some(number),
        country: Some(country.clone()),
        number_type: Some(number_type),
        status: Some(NumberStatus::Provisioning),
        profile_id: Some(ProfileRef::Id(op.profile_id.clone())),
        monthly_cents: monthly,
        created_at: Some(now.to_string()),
        updated_at: Some(now.to_string()),
        provisioned_at: Some(now.to_string()),
        ..OwnedPhoneNumber::default()
    };
    record
        .extra
        .insert("areaCode".into(), Value::from(area_code));
    record
        .extra
        .insert("hostedByZernio".into(), Value::Bool(true));
    let mut number = Number {
        record,
        history: Vec::new(),
        review: None,
        declined_at: None,
        submission: None,
        declined_requirements: Vec::new(),
    };
    if op.profile_id == CHECKOUT_PROFILE {
        number.record.status = Some(NumberStatus::PendingPayment);
    }
    number.history.push(StatusChange {
        at: now,
        status: number
            .record
            .status
            .clone()
            .unwrap_or(NumberStatus::Provisioning),
    });
    let tenant = tenant(state, key);
    tenant.last_purchase = Some(now);
    if let Some(intent) = &op.purchase_intent_id {
        tenant.intents.insert(intent.clone(), id.clone());
    }
    tenant.numbers.push(number);
    id
}

/// What a purchase meets before any number is chosen: a replay of its intent (the number
/// bought the first time), a magic profile's refusal, the 10-minute velocity rule.
fn refused_or_replayed(
    state: &mut State,
    key: &str,
    op: &Purchase,
    now: Timestamp,
) -> Result<Option<PurchaseOutcome>, Fail> {
    if let Some(intent) = &op.purchase_intent_id {
        let tenant = tenant(state, key);
        if let Some(id) = tenant.intents.get(intent) {
            let number = find(tenant, id)?;
            return Ok(Some(PurchaseOutcome::AlreadyPurchased {
                number_id: number.record.id.clone(),
                phone_number: number.record.phone_number.clone(),
                profile_id: profile_id(&number.record),
            }));
        }
    }
    match op.profile_id.as_str() {
        PAYMENT_REQUIRED_PROFILE => {
            return Err(Fail::zernio(
                402,
                "invalid_request_error",
                Some("PAYMENT_REQUIRED"),
                "A payment method is required",
            ));
        }
        USAGE_BILLING_PROFILE => {
            return Err(Fail::zernio(
                422,
                "invalid_request_error",
                Some("USAGE_BILLING_REQUIRED"),
                "Usage billing must be enabled to buy more numbers",
            ));
        }
        _ => {}
    }
    if tenant(state, key).numbers.len() >= super::state::MAX_NUMBERS {
        return Err(Fail::zernio(
            400,
            "invalid_request_error",
            None,
            "The plan's limit of 1000 numbers is reached: release one first",
        ));
    }
    let last = tenant(state, key).last_purchase;
    if op.allow_multiple != Some(true)
        && last.is_some_and(|at| at.seconds_until(now) < PURCHASE_VELOCITY_SECONDS)
    {
        return Err(Fail::zernio(
            409,
            "invalid_request_error",
            Some("PURCHASE_VELOCITY"),
            "Another number was bought less than 10 minutes ago; pass allowMultiple to buy another",
        ));
    }
    Ok(None)
}

fn pick_area<'a>(
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

/// Moves a number by `event` (the status machine decides), records the change for billing,
/// stamps the times and sends the webhook of the change. `reason` goes into the webhook.
pub(super) fn transition(
    state: &mut State,
    key: &str,
    id: &str,
    event: NumberEvent,
    now: Timestamp,
    reason: Option<&str>,
) -> Result<OwnedPhoneNumber, Fail> {
    let number = find_mut(tenant(state, key), id)?;
    let from = number
        .record
        .status
        .clone()
        .unwrap_or(NumberStatus::Provisioning);
    let to = status::next(&from, event).map_err(|e| {
        Fail::zernio(
            400,
            "invalid_request_error",
            Some("INVALID_RESOURCE_STATE"),
            e.message(),
        )
    })?;
    let at = Some(now.to_string());
    match to {
        NumberStatus::Active if from != NumberStatus::Active => {
            number.record.activated_at = at.clone();
        }
        NumberStatus::Suspended => number.record.suspended_at = at.clone(),
        NumberStatus::Released => number.record.released_at = at.clone(),
        NumberStatus::RegulatoryDeclined => number.declined_at = Some(now),
        _ => {}
    }
    if event == NumberEvent::Declined {
        number.record.regulatory_decline_reason = reason.map(str::to_owned);
        let country = number.record.country.clone().unwrap_or_default();
        number.declined_requirements = super::remediation::declined_requirements(&country);
    }
    if to != NumberStatus::PendingRegulatory {
        // A review only runs while the number waits for it.
        number.review = None;
    }
    number.record.status = Some(to.clone());
    number.record.updated_at = at;
    if to != from {
        number.history.push(StatusChange {
            at: now,
            status: to,
        });
    }
    let record = number.record.clone();
    hooks::number_event(state, key, &record, event, reason, now);
    Ok(record)
}

fn release(state: &mut State, key: &str, id: &str, now: Timestamp) -> Result<Released, Fail> {
    let number = find(tenant(state, key), id)?;
    if matches!(
        number.record.status,
        Some(NumberStatus::Released | NumberStatus::Releasing)
    ) {
        return Err(Fail::zernio(
            400,
            "invalid_request_error",
            None,
            "This number is already released",
        ));
    }
    let record = transition(
        state,
        key,
        id,
        NumberEvent::Released,
        now,
        Some("user_requested"),
    )?;
    Ok(Released {
        message: Some("Number released".into()),
        phone_number: Some(json!({
            "id": record.id,
            "phoneNumber": record.phone_number,
            "status": "released",
            "releasedAt": record.released_at,
        })),
    })
}

fn list(tenant: &Tenant, op: &ListNumbers, now: Timestamp) -> NumberList {
    let view = op.status.as_deref().map(NumberStatus::from);
    NumberList {
        numbers: tenant
            .numbers
            .iter()
            .filter(|n| {
                let status = n
                    .record
                    .status
                    .clone()
                    .unwrap_or(NumberStatus::Provisioning);
                status::in_list_view(view.as_ref(), &status, n.declined_at, now)
            })
            .filter(|n| op.profile_id.is_none() || profile_id(&n.record) == op.profile_id)
            .map(|n| n.record.clone())
            .collect(),
        connected: Vec::new(),
        imessage: Vec::new(),
        sandbox: None,
    }
}

fn record(owned: &OwnedPhoneNumber) -> NumberRecord {
    NumberRecord {
        id: owned.id.clone(),
        phone_number: owned.phone_number.clone(),
        status: owned.status.clone(),
        country: owned.country.clone(),
        meta_preverified_id: None,
        meta_verification_status: owned
            .meta_verification_status
            .as_ref()
            .map(|s| s.as_str().to_owned()),
        onfido_verification_url: owned.onfido_verification_url.clone(),
        end_user_first_name: owned.end_user_first_name.clone(),
        end_user_last_name: owned.end_user_last_name.clone(),
        regulatory_decline_reason: owned.regulatory_decline_reason.clone(),
        provisioned_at: owned.provisioned_at.clone(),
        sip_trunk_id: None,
    }
}

/// Approves a reviewed number: it gets a number of its country from the stock (an area of
/// its KYC address where the country has areas) and goes live.
pub(super) fn approve(state: &mut State, key: &str, id: &str, now: Timestamp) -> Result<(), Fail> {
    let number = find_mut(tenant(state, key), id)?;
    let from = number
        .record
        .status
        .clone()
        .unwrap_or(NumberStatus::Provisioning);
    status::next(&from, NumberEvent::Approved).map_err(|e| {
        Fail::zernio(
            400,
            "invalid_request_error",
            Some("INVALID_RESOURCE_STATE"),
            e.message(),
        )
    })?;
    number.review = None;
    let country = number.record.country.clone().unwrap_or_default();
    let wanted = number.record.number_type.clone();
    let area_code = number.submission.as_ref().and_then(|s| s.area_code.clone());
    if number.record.phone_number.is_none() {
        let out = || {
            Fail::zernio(
                409,
                "invalid_request_error",
                Some("COUNTRY_OUT_OF_STOCK"),
                "No numbers are in stock for this country",
            )
        };
        let (_, areas) = inventory::areas(&country, wanted.as_ref()).ok_or_else(out)?;
        let area = pick_area(state, &country, areas, area_code.as_deref())
            .or_else(|_| pick_area(state, &country, areas, None))?;
        let drawn = draw(state, &country, area).ok_or_else(out)?;
        let number = find_mut(tenant(state, key), id)?;
        number.record.phone_number = Some(drawn);
        number.record.provisioned_at = Some(now.to_string());
        number
            .record
            .extra
            .insert("areaCode".into(), Value::from(area.0));
    }
    transition(state, key, id, NumberEvent::Approved, now, None)?;
    transition(state, key, id, NumberEvent::Activated, now, None)?;
    Ok(())
}
