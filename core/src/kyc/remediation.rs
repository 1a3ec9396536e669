//! Fixing a declined number: re-send only the requirements the reviewer declined, and check
//! them before sending. The number keeps its place in the review queue.

use super::findings::{Collector, FieldError, pointer};
use super::messages::Lang;
use super::model::{FieldKind, KycDocument, KycSubmission, RemediationForm, RemediationSubmission};
use super::validate::{Answers, Context, check_answers};
use crate::datetime::Date;
use crate::error::{Details, ErrorCode};

/// Builds `POST /{id}/remediate` from the remediation form (the declined requirements), the
/// previous submission and the corrections: for each declined requirement, the correction if
/// there is one, else the previous answer; nothing else. Documents lose `issuedAt`, which the
/// remediation endpoint does not take.
pub fn remediation_payload(
    form: &RemediationForm,
    previous: &KycSubmission,
    corrections: &RemediationSubmission,
) -> RemediationSubmission {
    let mut out = RemediationSubmission::default();
    for field in &form.fields {
        let id = field.requirement_id.as_str();
        match field.kind {
            FieldKind::Text | FieldKind::Date | FieldKind::Unknown(_) => {
                if let Some(v) = corrections
                    .values
                    .get(id)
                    .or_else(|| previous.values.get(id))
                {
                    out.values.insert(id.to_owned(), v.clone());
                }
            }
            FieldKind::File => {
                let of = |docs: &[KycDocument]| -> Vec<KycDocument> {
                    docs.iter()
                        .filter(|d| d.requirement_id.as_deref() == Some(id))
                        .cloned()
                        .collect()
                };
                let mut docs = of(&corrections.documents);
                if docs.is_empty() {
                    docs = of(&previous.documents);
                }
                out.documents.extend(docs.into_iter().map(|d| KycDocument {
                    issued_at: None,
                    ..d
                }));
            }
            FieldKind::Address => {
                let is_this =
                    |a: &&super::model::KycAddress| a.requirement_id.as_deref() == Some(id);
                out.address = corrections
                    .address
                    .as_ref()
                    .filter(is_this)
                    .or_else(|| previous.address.as_ref().filter(is_this))
                    .cloned();
            }
            FieldKind::Action => {}
        }
    }
    out
}

/// Checks a remediation: every declined requirement answered, each answer valid (the same
/// rules as a submission), nothing else sent; and, given the previous submission, a warning
/// (`kyc_remediation_unchanged`, severity `warning`) for a declined answer sent back as it was.
pub fn validate_remediation(
    form: &RemediationForm,
    submission: &RemediationSubmission,
    previous: Option<&KycSubmission>,
    today: Date,
    lang: Lang,
) -> Vec<FieldError> {
    let mut out = Collector::new(lang);
    let country = form
        .country
        .as_deref()
        .or_else(|| previous.and_then(|p| p.country.as_deref()))
        .unwrap_or_default();
    let answers = Answers {
        values: &submission.values,
        documents: &submission.documents,
        address: submission.address.as_ref(),
        end_user_names: None,
    };
    let context = Context {
        country,
        availability: None,
        area_code: None,
        today,
        require_all: true,
    };
    check_answers(&form.fields, &answers, &context, &mut out);
    if let Some(previous) = previous {
        unchanged(form, submission, previous, &mut out);
    }
    out.finish()
}

fn unchanged(
    form: &RemediationForm,
    now: &RemediationSubmission,
    before: &KycSubmission,
    out: &mut Collector,
) {
    for field in &form.fields {
        let id = field.requirement_id.as_str();
        match field.kind {
            FieldKind::Text | FieldKind::Date => {
                if let (Some(a), Some(b)) = (now.values.get(id), before.values.get(id))
                    && a.trim() == b.trim()
                {
                    {
                        out.warn(
                            format!("/values/{}", pointer(id)),
                            Some(field),
                            ErrorCode::KycRemediationUnchanged,
                            Details::new(),
                        );
                    }
                }
            }
            FieldKind::File => {
                for (i, doc) in now.documents.iter().enumerate() {
                    if doc.requirement_id.as_deref() != Some(id) {
                        continue;
                    }
                    let same = before.documents.iter().any(|old| {
                        old.requirement_id == doc.requirement_id
                            && ((doc.base64.is_some() && old.base64 == doc.base64)
                                || (doc.document_id.is_some()
                                    && old.document_id == doc.document_id))
                    });
                    if same {
                        out.warn(
                            format!("/documents/{i}"),
                            Some(field),
                            ErrorCode::KycRemediationUnchanged,
                            Details::new(),
                        );
                    }
                }
            }
            FieldKind::Address => {
                if let (Some(a), Some(b)) = (&now.address, &before.address)
                    && a.requirement_id.as_deref() == Some(id)
                    && a == b
                {
                    {
                        out.warn(
                            "/address".into(),
                            Some(field),
                            ErrorCode::KycRemediationUnchanged,
                            Details::new(),
                        );
                    }
                }
            }
            FieldKind::Action | FieldKind::Unknown(_) => {}
        }
    }
}
