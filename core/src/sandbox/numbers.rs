//! Numbers: the catalog, search, availability, purchase (inline for instant countries, 202
//! `kyc_required` for regulated ones, replays by `purchaseIntentId`, the 10-minute velocity
//! rule), the list and its views, one number, release and moving to another profile.

use serde_json::Value;

use super::inventory::{self, Area, draw, pick_area, sold};
use super::state::{Number, State, Tenant};
use super::{Fail, hooks, run};
use crate::api::HttpResponse;
use crate::api::models::{
    AvailableNumber, AvailableNumbers, MovedToProfile, NumberList, NumberRecord, OwnedPhoneNumber,
    ProfileRef, Released,
};
use crate::api::wire::Routed;
use crate::api::zernio::{
    CheckAvailability, GetNumber, ListCountries, ListNumbers, MoveToProfile, Purchase,
    ReleaseNumber, SearchAvailable,
};
use crate::country::OfferedNumberType;
use crate::datetime::Timestamp;
use crate::kyc::{AddressConstraint, AreaOption, Availability, SoldOutArea};
use crate::macros::value;
use crate::pricing::StatusChange;
use crate::status::{self, NumberEvent, NumberStatus};

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "list_countries" => run::<ListCountries, _, _>(routed, |_| Ok(catalog(state))),
        "search_available" => run::<SearchAvailable, _, _>(routed, |op| Ok(search(state, op))),
        "check_availability" => run::<CheckAvailability, _, _>(routed, |op| {
            let answer = availability(state, op)?;
            // A keyless call is answered from a cache: only these three [Zernio 1.127.0].
            Ok(if key.is_empty() {
                Availability {
                    country: answer.country,
                    number_type: answer.number_type,
                    area_options: answer.area_options,
                    ..Availability::default()
                }
            } else {
                answer
            })
        }),
        "purchase" => {
            run::<Purchase, _, _>(routed, |op| super::purchase::purchase(state, key, op, now))
        }
        "list_numbers" => {
            run::<ListNumbers, _, _>(routed, |op| Ok(list(tenant(state, key), op, now)))
        }
        "get_number" => run::<GetNumber, _, _>(routed, |op| {
            let number = find(tenant(state, key), &op.id)?;
            Ok(record(&number.record))
        }),
        "release_number" => {
            run::<ReleaseNumber, _, _>(routed, |op| release(state, key, &op.id, now))
        }
        "move_to_profile" => run::<MoveToProfile, _, _>(routed, |op| {
            let number = find_mut(tenant(state, key), &op.id)?;
            let moved = profile_id(&number.record).as_deref() != Some(op.profile_id.as_str());
            number.record.profile_id = Some(profile_ref(op.profile_id.clone()));
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

/// A number's profile as the list shows it: `{_id, name}` (the form both of Zernio's specs
/// accept; the newest also allows a bare id).
pub(super) fn profile_ref(id: String) -> ProfileRef {
    ProfileRef::Profile {
        id: Some(id),
        name: Some("Sandbox profile".to_owned()),
    }
}

pub(super) fn profile_id(record: &OwnedPhoneNumber) -> Option<String> {
    match &record.profile_id {
        Some(ProfileRef::Id(id)) => Some(id.clone()),
        Some(ProfileRef::Profile { id, .. }) => id.clone(),
        None => None,
    }
}

fn catalog(state: &State) -> crate::Catalog {
    inventory::catalog(&|country, area| sold(state, country, area))
}

fn search(state: &mut State, op: &SearchAvailable) -> AvailableNumbers {
    let country = op.country.clone().unwrap_or_else(|| "US".into());
    // The deprecated aliases stand for the names they replace; empty text is no filter.
    let wanted = [&op.area_code, &op.prefix]
        .into_iter()
        .flatten()
        .find(|a| !a.is_empty());
    let asked = op.number_type.as_ref().or(op.type_alias.as_ref());
    let Some((number_type, areas)) = inventory::areas(&country, asked) else {
        return AvailableNumbers {
            country: Some(country),
            number_type: asked.cloned(),
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
    availability_of(state, &op.country, op.number_type.as_ref())
        .ok_or_else(|| Fail::bad_request("This country or number type is not available"))
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

/// The status `number` would take on `event` (with the one it has), or the API's 400 for a
/// transition the lifecycle does not have.
fn next_status(number: &Number, event: NumberEvent) -> Result<(NumberStatus, NumberStatus), Fail> {
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
    Ok((from, to))
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
    // A number going live gets its WhatsApp account (what `accountId` names).
    let account = (event == NumberEvent::Activated).then(|| state.rng.id(""));
    let number = find_mut(tenant(state, key), id)?;
    let (from, to) = next_status(number, event)?;
    let at = Some(now.to_string());
    match to {
        NumberStatus::Active if from != NumberStatus::Active => {
            number.record.activated_at = at.clone();
            if number.record.social_account_id.is_none() {
                number.record.social_account_id = account;
            }
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
        return Err(Fail::bad_request("This number is already released"));
    }
    let record = transition(
        state,
        key,
        id,
        NumberEvent::Released,
        now,
        Some("user_requested"),
    )?;
    // Back in stock: the accounts watching its country (and area) hear of it.
    if let Some(country) = record.country.as_deref() {
        let area = find(tenant(state, key), id)
            .ok()
            .and_then(|n| n.record.extra.get("areaCode"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let kind = record.number_type.as_ref().map(|t| t.as_str().to_owned());
        super::watches::restocked(state, country, area.as_deref(), kind.as_deref(), now);
    }
    Ok(Released {
        message: Some("Number released".into()),
        phone_number: Some(value!({
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
    next_status(number, NumberEvent::Approved)?;
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
