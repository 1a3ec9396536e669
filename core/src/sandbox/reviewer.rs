//! The reviewer's side of a regulated number: the pre-submission packet review (advisories for
//! documents the account never uploaded or that are older than three months), the view of an
//! uploaded document (the sandbox keeps no contents: a one-page placeholder PDF), a reply or a
//! response to an `action_required` question (the review goes on), and claims (the sandbox
//! offers no masked numbers, so none exists).

use super::numbers::{find, tenant};
use super::state::{Review, State};
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::wire::Routed;
use crate::api::zernio::{
    Advisory, GetClaim, KycDocumentFile, PacketReview, ReplyPosted, ReplyToReviewer,
    RespondToReviewer, ReviewKycPacket, ReviewerResponse, ViewKycDocument,
};
use crate::datetime::Timestamp;
use crate::macros::value;
use crate::status::NumberStatus;

/// What a document view gives: the sandbox keeps sizes, never contents.
const PLACEHOLDER_PDF: &[u8] =
    b"%PDF-1.4\n% wanumbers sandbox: document contents are not kept\n%%EOF\n";

/// A proof of address older than this is what a regulator declines.
const MAX_DOCUMENT_AGE_DAYS: i64 = 90;

/// The number `id` of the account, waiting for the regulator.
fn in_review<'a>(
    state: &'a mut State,
    key: &str,
    id: &str,
) -> Result<&'a super::state::Number, Fail> {
    let number = find(tenant(state, key), id)?;
    if number.record.status != Some(NumberStatus::PendingRegulatory) {
        return Err(Fail::bad_request(
            "This number has no review waiting for an answer",
        ));
    }
    Ok(number)
}

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "review_kyc_packet" => run::<ReviewKycPacket, _, _>(routed, |op| {
            let documents = &tenant(state, key).documents;
            let today = now.date();
            let advisories = op
                .docs
                .iter()
                .filter_map(|doc| {
                    let concern = if !documents.contains_key(&doc.document_id) {
                        "This document was not uploaded to the account"
                    } else if doc
                        .issued_at
                        .is_some_and(|at| at.days_until(today) > MAX_DOCUMENT_AGE_DAYS)
                    {
                        "Issued more than three months ago: regulators decline older proofs"
                    } else {
                        return None;
                    };
                    Some(Advisory {
                        requirement_id: Some(doc.requirement_id.clone()),
                        concern: Some(concern.to_owned()),
                    })
                })
                .collect();
            Ok(PacketReview { advisories })
        }),
        "view_kyc_document" => run::<ViewKycDocument, _, _>(routed, |op| {
            if !tenant(state, key).documents.contains_key(&op.document_id) {
                return Err(Fail::not_found());
            }
            Ok(KycDocumentFile {
                content_type: Some("application/pdf".into()),
                bytes: PLACEHOLDER_PDF.to_vec(),
            })
        }),
        "reply_to_reviewer" => run::<ReplyToReviewer, _, _>(routed, |op| {
            in_review(state, key, &op.id)?;
            Ok(ReplyPosted {
                posted: Some(true),
                attachments: u32::try_from(op.attachments.len()).ok(),
            })
        }),
        "respond_to_reviewer" => run::<RespondToReviewer, _, _>(routed, |op| {
            let number = in_review(state, key, &op.id)?;
            let corrected = !op.documents.is_empty() || op.address.is_some();
            let record = value!({"id": number.record.id, "status": number.record.status});
            // Corrections go back to the regulator: the review approves them in due time.
            if corrected {
                let country = number.record.country.clone().unwrap_or_default();
                let due = super::kyc::review_due(&country, now);
                if let Ok(number) = super::numbers::find_mut(tenant(state, key), &op.id) {
                    number.review = Some((due, Review::Approve));
                    state.schedule(due);
                }
            }
            Ok(ReviewerResponse {
                status: Some(if corrected { "resubmitted" } else { "replied" }.into()),
                posted: Some(true),
                phone_number: Some(record),
                siblings_resubmitted: Some(0),
            })
        }),
        "get_claim" => run::<GetClaim, _, _>(routed, |_| Err(Fail::not_found())),
        _ => Err(Fail::next()),
    }
}
