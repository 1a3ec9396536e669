//! Purchase: inline for instant countries, `202 kyc_required` for regulated ones, replays by
//! `purchaseIntentId`, the 10-minute velocity rule, the magic profiles (README, "Sandbox").

use serde_json::Value;

use super::Fail;
use super::inventory::{self, draw, pick_area, taken};
use super::numbers::{find, profile_id, tenant, transition};
use super::state::{Number, State};
use crate::api::models::{OwnedPhoneNumber, ProvisionedNumber, PurchaseOutcome};
use crate::api::zernio::{PURCHASE_VELOCITY_SECONDS, Purchase};
use crate::country::OfferedNumberType;
use crate::datetime::Timestamp;
use crate::pricing::StatusChange;
use crate::status::{NumberEvent, NumberStatus};

/// Profile ids that force an outcome (README, "Sandbox", magic values).
pub const CHECKOUT_PROFILE: &str = "prof_sandbox_checkout";
/// See [`CHECKOUT_PROFILE`].
pub const PAYMENT_REQUIRED_PROFILE: &str = "prof_sandbox_payment_required";
/// See [`CHECKOUT_PROFILE`].
pub const USAGE_BILLING_PROFILE: &str = "prof_sandbox_usage_billing";

pub(super) fn purchase(
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
        return Ok(PurchaseOutcome::kyc_required(
            Some(country),
            Some(number_type.as_str().to_owned()),
            Some(url),
        ));
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
    let monthly = crate::Catalog::offline_shared()
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
        profile_id: Some(super::numbers::profile_ref(op.profile_id.clone())),
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
        features: super::state::Features::default(),
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
            return Ok(Some(PurchaseOutcome::already_purchased(
                number.record.id.clone(),
                number.record.phone_number.clone(),
                profile_id(&number.record),
            )));
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
        return Err(Fail::bad_request(
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
