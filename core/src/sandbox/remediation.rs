//! Remediation of a declined number: the form asks again only for the declined requirements,
//! the corrections are checked by the library's remediation validator, and the number goes
//! back to review on the same record (no new number, no new charge).

use serde_json::Value;

use super::kyc::{form, review_due};
use super::numbers::{find, find_mut, tenant, transition};
use super::state::{Review, State};
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::models::Remediated;
use crate::api::wire::Routed;
use crate::api::zernio::{GetRemediation, SubmitRemediation};
use crate::datetime::Timestamp;
use crate::kyc::{FieldKind, RemediationForm};
use crate::macros::value;
use crate::status::{NumberEvent, NumberStatus};

/// The requirements a decline names: the form's documents (a proof that is too old, a
/// document that does not match).
pub fn declined_requirements(country: &str) -> Vec<String> {
    form(country)
        .map(|f| {
            f.fields
                .iter()
                .filter(|field| field.kind == FieldKind::File)
                .map(|field| field.requirement_id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn remediation_form(state: &mut State, key: &str, id: &str) -> Result<RemediationForm, Fail> {
    let number = find(tenant(state, key), id)?;
    if number.record.status != Some(NumberStatus::RegulatoryDeclined) {
        return Err(Fail::bad_request("This number is not awaiting remediation"));
    }
    let country = number.record.country.clone().unwrap_or_default();
    let declined = number.declined_requirements.clone();
    let full = form(&country).ok_or_else(Fail::not_found)?;
    let fields = full
        .fields
        .iter()
        .filter(|f| declined.is_empty() || declined.contains(&f.requirement_id))
        .cloned()
        .collect();
    Ok(RemediationForm {
        country: Some(country),
        number_type: full.number_type,
        decline_reason: number.record.regulatory_decline_reason.clone(),
        fields,
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
        "get_remediation" => {
            run::<GetRemediation, _, _>(routed, |op| remediation_form(state, key, &op.id))
        }
        "submit_remediation" => {
            let id = routed
                .args
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let form = remediation_form(state, key, &id)?;
            let routed = super::kyc::with_context(routed, &form, None, now);
            run::<SubmitRemediation, _, _>(&routed, |op| {
                let record = transition(
                    state,
                    key,
                    &op.id,
                    NumberEvent::RemediationSubmitted,
                    now,
                    None,
                )?;
                let country = record.country.clone().unwrap_or_default();
                let number = find_mut(tenant(state, key), &op.id)?;
                number.declined_requirements.clear();
                let due = review_due(&country, now);
                number.review = Some((due, Review::Approve));
                state.schedule(due);
                Ok(Remediated {
                    status: Some("resubmitted".into()),
                    phone_number: Some(value!({"id": record.id, "status": record.status})),
                })
            })
        }
        _ => Err(Fail::next()),
    }
}
