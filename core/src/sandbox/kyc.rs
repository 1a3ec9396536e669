//! KYC: the form of each regulated country (the real requirement sets of GB, DE, AU, BR and
//! FR; a generic set elsewhere), submissions checked by the library's own validator (what it
//! would flag is refused with the API's 400), uploads, address checks, share links, and the
//! regulator's review, which ends on the sandbox clock after the country's review time.
//!
//! Magic values choose how a review ends (README, "Sandbox"): `endUserLastName` `Declined`
//! declines it (reason [`DECLINE_REASON`]), `ActionRequired` asks for more first, `Verify`
//! asks for an identity check first (every AU review does); anything else is approved.

use serde_json::Value;

use super::numbers::{find_mut, tenant, transition};
use super::state::{Number, Review, State};
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::models::{
    KycLink, KycSubmitStatus, KycSubmitted, OwnedPhoneNumber, UploadedDocument,
};
use crate::api::wire::Routed;
use crate::api::zernio::{CreateKycLink, GetKycForm, SubmitKyc, UploadDocument, ValidateAddress};
use crate::datetime::Timestamp;
use crate::kyc::{AddressConstraint, Availability, KycForm};
use crate::macros::value;
use crate::pricing::StatusChange;
use crate::status::{NumberEvent, NumberStatus};

/// Why a `Declined` review is declined.
pub const DECLINE_REASON: &str = "The proof of address is older than 3 months";

/// The forms of the countries whose requirement sets the sandbox has, with their
/// availability (the `geo` constraint of DE and FR).
const FORMS: &[(&str, &str)] = &[
    ("AU", include_str!("forms/AU.json")),
    ("BR", include_str!("forms/BR.json")),
    ("DE", include_str!("forms/DE.json")),
    ("FR", include_str!("forms/FR.json")),
    ("GB", include_str!("forms/GB.json")),
];

/// When a review of `country` that starts at `from` ends.
pub(super) fn review_due(country: &str, from: Timestamp) -> Timestamp {
    super::later(from, review_days(country) * 86_400)
}

/// Days a regulator takes per country (three elsewhere, AU included).
fn review_days(country: &str) -> i64 {
    match country {
        "GB" => 2,
        "DE" | "FR" => 5,
        "BR" => 7,
        _ => 3,
    }
}

/// Whether numbers of `country` need KYC.
pub fn is_regulated(country: &str) -> bool {
    crate::Catalog::offline_shared()
        .get(country)
        .is_ok_and(|c| c.needs_kyc == Some(true))
}

/// The stored forms, read once.
fn stored(country: &str) -> Option<(KycForm, Availability)> {
    type Stored = Vec<(&'static str, KycForm, Availability)>;
    static READ: std::sync::OnceLock<Stored> = std::sync::OnceLock::new();
    let read = READ.get_or_init(|| {
        FORMS
            .iter()
            .filter_map(|(code, text)| {
                let value: Value = serde_json::from_str(text).ok()?;
                let form = crate::error::from_value(value.get("form")?.clone()).ok()?;
                let availability =
                    crate::error::from_value(value.get("availability")?.clone()).ok()?;
                Some((*code, form, availability))
            })
            .collect()
    });
    read.iter()
        .find(|(c, _, _)| *c == country)
        .map(|(_, form, availability)| (form.clone(), availability.clone()))
}

/// The KYC form of a regulated country.
pub fn form(country: &str) -> Option<KycForm> {
    if !is_regulated(country) || super::inventory::areas(country, None).is_none() {
        return None;
    }
    if let Some((form, _)) = stored(country) {
        return Some(form);
    }
    let lower = country.to_ascii_lowercase();
    crate::error::from_value(value!({
        "country": country,
        "numberType": "mobile",
        "pendingReview": false,
        "reusable": null,
        "fields": [
            {"requirementId": format!("{lower}-name"), "label": "Business name", "kind": "text", "example": "Acme Ltd"},
            {"requirementId": format!("{lower}-addr"), "label": "Business address", "kind": "address", "localTo": country},
            {"requirementId": format!("{lower}-id"), "label": "Identity document", "kind": "file", "description": "Passport or national ID card"}
        ]
    }))
    .ok()
}

/// Where a KYC address must be: in the listed areas (`geo`), anywhere in the country, or
/// nowhere (no address asked).
pub fn address_constraint(country: &str) -> AddressConstraint {
    stored(country)
        .and_then(|(_, a)| a.address_constraint)
        .unwrap_or(if is_regulated(country) {
            AddressConstraint::Country
        } else {
            AddressConstraint::None
        })
}

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "get_kyc_form" => run::<GetKycForm, _, _>(routed, |op| {
            form(&op.country)
                .ok_or_else(|| Fail::bad_request("KYC is not available for this country"))
        }),
        "submit_kyc" => submit(state, key, routed, now),
        "upload_document" => run::<UploadDocument, _, _>(routed, |op| {
            if tenant(state, key).documents.len() >= super::state::MAX_DOCUMENTS {
                return Err(Fail::bad_request(
                    "This sandbox account holds 1000 documents",
                ));
            }
            // The API's 400s: no name, no bytes, too many bytes.
            if op.filename.trim().is_empty() {
                return Err(Fail::zernio(
                    400,
                    "invalid_request_error",
                    Some("ARGUMENT_MISSING"),
                    "X-Filename is required: the file's name, URL-encoded",
                ));
            }
            if op.bytes.is_empty() {
                return Err(Fail::bad_request(
                    "The body is empty: send the file's bytes",
                ));
            }
            if u64::try_from(op.bytes.len()).unwrap_or(u64::MAX) > crate::kyc::MAX_DOCUMENT_BYTES {
                return Err(Fail::bad_request("The file is over 20 MB"));
            }
            let id = state.rng.id("doc_");
            let size = u64::try_from(op.bytes.len()).unwrap_or(u64::MAX);
            tenant(state, key).documents.insert(id.clone(), size);
            Ok(UploadedDocument { document_id: id })
        }),
        "validate_address" => run::<ValidateAddress, _, _>(routed, |_| {
            Ok(crate::api::models::AddressCheck {
                ok: true,
                skipped: None,
            })
        }),
        "create_kyc_link" => run::<CreateKycLink, _, _>(routed, |op| {
            if !is_regulated(&op.country) {
                return Err(Fail::bad_request("Not a KYC country"));
            }
            let token = state.rng.id("");
            let expires = super::later(now, 7 * 86_400);
            Ok(KycLink {
                url: format!("https://zernio.com/kyc/share/{token}"),
                token: Some(token),
                expires_at: Some(expires.to_string()),
            })
        }),
        _ => Err(Fail::next()),
    }
}

fn submit(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    let country = routed
        .args
        .get("submission")
        .and_then(|s| s.get("country"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(kyc_form) = form(&country) else {
        return Err(Fail::bad_request("KYC is not available for this country"));
    };
    // The availability the validator checks the address against is the sandbox's own stock
    // (a sold-out area is no area), as the availability endpoint reports it.
    let availability = super::numbers::availability_of(state, &country, None);
    let routed = with_context(routed, &kyc_form, availability.as_ref(), now);
    run::<SubmitKyc, _, _>(&routed, |op| {
        let submission = &op.submission;
        if let Some(previous) = submission
            .submission_id
            .as_ref()
            .and_then(|s| tenant(state, key).submissions.get(s).cloned())
        {
            return Ok(submitted(
                state,
                key,
                &previous,
                KycSubmitStatus::AlreadySubmitted,
            ));
        }
        if let Some(area) = &submission.area_code
            && !super::inventory::area_in_stock(state, &country, area)
            && submission.pre_order != Some(true)
        {
            return Err(Fail::zernio(
                409,
                "invalid_request_error",
                Some("area_code_unavailable"),
                "No numbers are available in this area code (send preOrder: true to pre-order)",
            ));
        }
        let review = review_of(submission, &country);
        let quantity = usize::try_from(submission.quantity.unwrap_or(1).clamp(1, 5)).unwrap_or(1);
        if tenant(state, key).numbers.len() + quantity > super::state::MAX_NUMBERS {
            return Err(Fail::bad_request(
                "The plan's limit of 1000 numbers is reached: release one first",
            ));
        }
        let mut ids = Vec::new();
        for _ in 0..quantity {
            let id = state.rng.id("");
            let due = review_due(&country, now);
            let record = OwnedPhoneNumber {
                id: Some(id.clone()),
                country: Some(country.clone()),
                number_type: kyc_form.number_type.clone(),
                status: Some(NumberStatus::PendingRegulatory),
                profile_id: submission
                    .profile_id
                    .clone()
                    .map(super::numbers::profile_ref),
                monthly_cents: crate::Catalog::offline_shared()
                    .get(&country)
                    .ok()
                    .and_then(|c| c.monthly_cents),
                end_user_first_name: submission.end_user_first_name.clone(),
                end_user_last_name: submission.end_user_last_name.clone(),
                created_at: Some(now.to_string()),
                updated_at: Some(now.to_string()),
                ..OwnedPhoneNumber::default()
            };
            tenant(state, key).numbers.push(Number {
                record,
                history: vec![StatusChange {
                    status: NumberStatus::PendingRegulatory,
                    at: now,
                }],
                review: Some((due, review.clone())),
                declined_at: None,
                submission: Some(submission.clone()),
                declined_requirements: Vec::new(),
                features: super::state::Features::default(),
            });
            state.schedule(due);
            ids.push(id);
        }
        if let Some(s) = &submission.submission_id {
            tenant(state, key)
                .submissions
                .insert(s.clone(), ids.clone());
        }
        Ok(submitted(state, key, &ids, KycSubmitStatus::Submitted))
    })
}

/// A routed submission with what its request does not carry: the form it is checked against,
/// the availability the address is checked against, and today (the sandbox clock).
pub(super) fn with_context<F: serde::Serialize>(
    routed: &Routed,
    form: &F,
    availability: Option<&Availability>,
    now: Timestamp,
) -> Routed {
    let mut routed = routed.clone();
    let mut put = |name: &str, value: Value| {
        routed.args.insert(name.into(), value);
    };
    put(
        "form",
        crate::value_writer::to_value(form).unwrap_or_default(),
    );
    if let Some(availability) = availability {
        put(
            "availability",
            crate::value_writer::to_value(availability).unwrap_or_default(),
        );
    }
    put("today", Value::from(now.date().to_string()));
    routed
}

/// How the review of a submission will end: the magic last names, and AU's identity check.
fn review_of(submission: &crate::kyc::KycSubmission, country: &str) -> Review {
    match submission.end_user_last_name.as_deref() {
        Some("Declined") => Review::Decline {
            reason: DECLINE_REASON.into(),
        },
        Some("ActionRequired") => Review::ActionRequired {
            reason: "The business name does not match the registration document".into(),
        },
        Some("Verify") => Review::VerificationRequired,
        _ if country == "AU" => Review::VerificationRequired,
        _ => Review::Approve,
    }
}

fn submitted(
    state: &mut State,
    key: &str,
    ids: &[String],
    status: KycSubmitStatus,
) -> KycSubmitted {
    let numbers: Vec<Value> = tenant(state, key)
        .numbers
        .iter()
        .filter(|n| n.record.id.as_ref().is_some_and(|id| ids.contains(id)))
        .map(|n| {
            value!({
                "id": n.record.id,
                "status": n.record.status,
                "phoneNumber": n.record.phone_number,
                "country": n.record.country,
            })
        })
        .collect();
    KycSubmitted {
        status: Some(status),
        pre_order: None,
        phone_number: numbers
            .first()
            .map(|n| value!({"id": n["id"], "status": n["status"], "country": n["country"]})),
        numbers,
    }
}

/// Ends the reviews whose time has come, earliest first, each at its own due time (so an
/// `activatedAt`, a webhook's `timestamp` and the billing history say when the review ended,
/// not when the next request came): approved numbers get a number and go live, declined ones
/// wait for remediation, the others get their question and a new review time (which may
/// itself be due before `now`).
pub fn end_reviews(state: &mut State, now: Timestamp) {
    // Each pass ends one review; a review asks at most one question before it approves.
    for _ in 0..MAX_REVIEWS_PER_TICK {
        let due = state
            .tenants
            .iter()
            .flat_map(|(key, t)| {
                t.numbers
                    .iter()
                    .filter_map(move |n| match (&n.review, &n.record.id) {
                        (Some((at, review)), Some(id))
                            if at.unix_seconds() <= now.unix_seconds() =>
                        {
                            Some((*at, key.clone(), id.clone(), review.clone()))
                        }
                        _ => None,
                    })
            })
            .min_by_key(|(at, ..)| at.unix_seconds());
        let Some((at, key, id, review)) = due else {
            return;
        };
        let Ok(number) = find_mut(tenant(state, &key), &id) else {
            return;
        };
        number.review = None;
        let country = number.record.country.clone().unwrap_or_default();
        match review {
            Review::Approve => {
                // Out of stock at approval: the number waits (a control can approve it later).
                let _ = super::numbers::approve(state, &key, &id, at);
            }
            Review::Decline { reason } => {
                let _ = transition(state, &key, &id, NumberEvent::Declined, at, Some(&reason));
            }
            Review::ActionRequired { reason } => {
                let _ = transition(
                    state,
                    &key,
                    &id,
                    NumberEvent::ActionRequired,
                    at,
                    Some(&reason),
                );
                again(state, &key, &id, &country, at);
            }
            Review::VerificationRequired => {
                let _ = transition(
                    state,
                    &key,
                    &id,
                    NumberEvent::VerificationRequired,
                    at,
                    None,
                );
                again(state, &key, &id, &country, at);
            }
        }
    }
}

/// At most this many reviews end in one request (the rest end with the next one).
const MAX_REVIEWS_PER_TICK: usize = 10_000;

/// The review goes on after the question: approved after another review time.
fn again(state: &mut State, key: &str, id: &str, country: &str, now: Timestamp) {
    let due = review_due(country, now);
    if let Ok(number) = find_mut(tenant(state, key), id) {
        number.review = Some((due, Review::Approve));
        state.schedule(due);
    }
}
