//! Talking with the regulator's review (reference zernio.md §4.3–§4.4): an advisory review of a
//! packet before submitting, viewing a document on file, and replying or responding to the
//! reviewer of a number awaiting remediation.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::base64_bytes;
use crate::api::http::HttpResponse;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, country, errors, invalid, max_len, number_type, require};
use crate::country::OfferedNumberType;
use crate::datetime::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::kyc;

/// At most this many characters in a message to the reviewer.
pub const MAX_REVIEWER_MESSAGE_CHARS: usize = 2000;
/// At most this many attachments in one message.
pub const MAX_ATTACHMENTS: usize = 5;
/// At most this many bytes per attachment (10 MB).
pub const MAX_ATTACHMENT_BYTES: u64 = 10_000_000;

/// `POST /v1/phone-numbers/kyc/review-packet`: advisories on uploaded documents (wrong type,
/// mismatched address, one-sided scans) before the packet is submitted. Never blocking.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ReviewKycPacket {
    /// ISO country.
    pub country: String,
    /// Number type.
    pub number_type: OfferedNumberType,
    /// `requirementId` → the declared text value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Map<String, Value>>,
    /// The declared address (`street_address`, `locality`, …), text values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Map<String, Value>>,
    /// 1 to 4 uploaded documents.
    pub docs: Vec<PacketDocument>,
}

impl fmt::Debug for ReviewKycPacket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReviewKycPacket")
            .field("country", &self.country)
            .field("number_type", &self.number_type)
            .field("docs", &self.docs.len())
            .finish_non_exhaustive()
    }
}

/// A document of a review packet.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct PacketDocument {
    /// The requirement it answers.
    pub requirement_id: String,
    /// Its id from `upload_document`.
    pub document_id: String,
    /// When it was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub issued_at: Option<Date>,
}

impl Operation<Config> for ReviewKycPacket {
    type Output = PacketReview;
    const SPEC: &'static OperationSpec = &table::REVIEW_KYC_PACKET;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        country("country", a.text("country"))?;
        number_type(a.str("numberType"))?;
        let docs = a.objects("docs").unwrap_or_default();
        if !(1..=4).contains(&docs.len()) {
            return Err(invalid("docs", "1 to 4 documents"));
        }
        for doc in &docs {
            require("docs[].requirementId", doc.text("requirementId"))?;
            require("docs[].documentId", doc.text("documentId"))?;
        }
        for name in ["values", "address"] {
            let map = a.get(name).and_then(Value::as_object);
            if map.iter().flat_map(|m| m.values()).any(|v| !v.is_string()) {
                return Err(invalid(name, "a map of text values"));
            }
        }
        Ok(())
    }
}

/// The advisories of a packet review (empty when it looks fine, or the review was unavailable).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PacketReview {
    /// One concern per flagged requirement.
    #[serde(default)]
    pub advisories: Vec<Advisory>,
}

/// A likely reason to decline, in plain language. `Debug` leaves out the concern (it may quote
/// a name or an address from the documents).
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Advisory {
    /// The requirement.
    #[serde(default)]
    pub requirement_id: Option<String>,
    /// The concern.
    #[serde(default)]
    pub concern: Option<String>,
}

impl fmt::Debug for Advisory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Advisory")
            .field("requirement_id", &self.requirement_id)
            .finish_non_exhaustive()
    }
}

/// `GET /v1/phone-numbers/kyc/document/{documentId}`: a document on file (uploads are
/// normalised to PDF), viewable only when one of the caller's numbers references it.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ViewKycDocument {
    /// Document id (`reusable.options[].details[].documentId` of the KYC form).
    pub document_id: String,
}

/// A document's bytes (base64 in JSON, as uploads take them). `Debug` shows only the size.
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct KycDocumentFile {
    /// The media type sent (`application/pdf`).
    #[serde(default)]
    pub content_type: Option<String>,
    /// The file.
    #[serde(with = "base64_bytes")]
    #[cfg_attr(test, ts(type = "string"))]
    pub bytes: Vec<u8>,
}

impl fmt::Debug for KycDocumentFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KycDocumentFile")
            .field("content_type", &self.content_type)
            .field("bytes_len", &self.bytes.len())
            .finish()
    }
}

impl Operation<Config> for ViewKycDocument {
    type Output = KycDocumentFile;
    const SPEC: &'static OperationSpec = &table::VIEW_KYC_DOCUMENT;

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        if !(200..300).contains(&response.status) {
            return Err(errors::zernio(Self::NAME, response));
        }
        if response.body.len() > crate::limits::MAX_RESPONSE_BODY_BYTES {
            return Err(errors::bad_response(
                Self::NAME,
                response,
                "the body is larger than 32 MiB",
            ));
        }
        Ok(KycDocumentFile {
            content_type: response.header("content-type").map(str::to_owned),
            bytes: response.body.clone(),
        })
    }

    /// The bytes as the body, under their media type.
    fn respond(&self, output: &Self::Output) -> Result<HttpResponse> {
        let mut response = HttpResponse::new(200, output.bytes.clone());
        let media = output.content_type.as_deref().unwrap_or("application/pdf");
        response
            .headers
            .push(("content-type".into(), media.to_owned()));
        Ok(response)
    }
}

/// A loose file for the reviewer (PDF, JPEG, PNG or WEBP, 10 MB at most): `{filename, base64}`
/// on the wire. `Debug` shows only its size.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct Attachment {
    /// File name (its extension must match the content).
    pub filename: String,
    /// The file (base64 in JSON).
    #[serde(rename = "base64", with = "base64_bytes")]
    #[cfg_attr(test, ts(type = "string"))]
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("bytes_len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

fn check_message(argument: &str, message: Option<&str>) -> Result<()> {
    match message {
        Some(m) => max_len(argument, m, MAX_REVIEWER_MESSAGE_CHARS),
        None => Ok(()),
    }
}

fn check_attachments(attachments: &[Attachment]) -> Result<()> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(invalid("attachments", "at most 5 files"));
    }
    for (i, a) in attachments.iter().enumerate() {
        kyc::check_named_file(&a.filename, &a.bytes, MAX_ATTACHMENT_BYTES)
            .map_err(|e| e.with("argument", format!("attachments[{i}]")))?;
    }
    Ok(())
}

/// Files travel inline as base64, and the API refuses a request body over ~4.5 MB
/// ([`kyc::MAX_REQUEST_BYTES`]): upload large documents first and send their `documentId`.
fn check_inline_size<'a>(argument: &str, files: impl Iterator<Item = &'a [u8]>) -> Result<()> {
    let base64: u64 = files.map(|b| (b.len() as u64).div_ceil(3) * 4).sum();
    if base64 > kyc::MAX_REQUEST_BYTES {
        return Err(Error::new(
            ErrorCode::KycRequestTooLarge,
            "the files make the request larger than 4.5 MB: upload documents first and send their documentId",
        )
        .with("argument", argument)
        .with("max_bytes", kyc::MAX_REQUEST_BYTES)
        .with("size_bytes", base64));
    }
    Ok(())
}

/// `POST /v1/phone-numbers/{id}/remediate/reply`: a message to the reviewer, for what the form
/// cannot say. Text or at least one attachment. Never retried (a repeat posts twice). `Debug`
/// shows neither the text nor the files.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ReplyToReviewer {
    /// Record id.
    pub id: String,
    /// The message, 2,000 characters at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Up to 5 files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<Attachment>>", optional = nullable))]
    pub attachments: Vec<Attachment>,
}

impl fmt::Debug for ReplyToReviewer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplyToReviewer")
            .field("id", &self.id)
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for ReplyToReviewer {
    type Output = ReplyPosted;
    const SPEC: &'static OperationSpec = &table::REPLY_TO_REVIEWER;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        // Read back as the type: its checks need the whole value.
        a.typed::<Self>()?.check_typed()
    }
}

impl ReplyToReviewer {
    /// Its checks, on the typed value (`check_args` reads the arguments back as the type).
    fn check_typed(&self) -> Result<()> {
        check_message("text", self.text.as_deref())?;
        check_attachments(&self.attachments)?;
        check_inline_size(
            "attachments",
            self.attachments.iter().map(|a| a.bytes.as_slice()),
        )?;
        if self.text.as_deref().is_none_or(|t| t.trim().is_empty()) && self.attachments.is_empty() {
            return Err(Error::new(
                ErrorCode::ArgumentMissing,
                "text or at least one attachment is required",
            )
            .with("argument", "text"));
        }
        Ok(())
    }
}

/// A reply's outcome.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReplyPosted {
    /// Posted to the reviewer's thread.
    #[serde(default)]
    pub posted: Option<bool>,
    /// Attachments uploaded.
    #[serde(default)]
    pub attachments: Option<u32>,
}

/// A corrected document for one requirement: a file, or the id of one already uploaded.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CorrectedDocument {
    /// The requirement.
    pub requirement_id: String,
    /// File name, with `base64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The file (base64 in JSON), with `filename`.
    #[serde(
        default,
        rename = "base64",
        with = "base64_bytes::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub bytes: Option<Vec<u8>>,
    /// Or: a document already uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// When it was issued (reference zernio.md §4.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub issued_at: Option<Date>,
}

impl fmt::Debug for CorrectedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CorrectedDocument")
            .field("requirement_id", &self.requirement_id)
            .field("bytes_len", &self.bytes.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// `POST /v1/phone-numbers/{id}/remediate/respond`: a message and/or corrections in one call.
/// Corrections resubmit the number (back to review); a message or attachments go to the
/// reviewer's thread. At least one of them. Never retried.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RespondToReviewer {
    /// Record id.
    pub id: String,
    /// The message, 2,000 characters at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Corrected documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<CorrectedDocument>>", optional = nullable))]
    pub documents: Vec<CorrectedDocument>,
    /// A corrected address record, keyed to its requirement (PII: not in `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Map<String, Value>>,
    /// `individual` or `business`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Up to 5 loose files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<Attachment>>", optional = nullable))]
    pub attachments: Vec<Attachment>,
}

impl fmt::Debug for RespondToReviewer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespondToReviewer")
            .field("id", &self.id)
            .field("documents", &self.documents)
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for RespondToReviewer {
    type Output = ReviewerResponse;
    const SPEC: &'static OperationSpec = &table::RESPOND_TO_REVIEWER;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        // Read back as the type: its checks need the whole value.
        a.typed::<Self>()?.check_typed()
    }
}

impl RespondToReviewer {
    /// Its checks, on the typed value (`check_args` reads the arguments back as the type).
    fn check_typed(&self) -> Result<()> {
        check_message("message", self.message.as_deref())?;
        check_attachments(&self.attachments)?;
        for (i, doc) in self.documents.iter().enumerate() {
            require("documents[].requirementId", &doc.requirement_id)?;
            match (&doc.filename, &doc.bytes, &doc.document_id) {
                (Some(name), Some(bytes), None) => {
                    kyc::check_named_file(name, bytes, kyc::MAX_DOCUMENT_BYTES)
                        .map_err(|e| e.with("argument", format!("documents[{i}]")))?;
                }
                (None, None, Some(id)) => require("documents[].documentId", id)?,
                _ => {
                    return Err(invalid(
                        "documents",
                        "each with filename and base64, or with documentId",
                    ));
                }
            }
        }
        check_inline_size(
            "documents",
            self.documents
                .iter()
                .filter_map(|d| d.bytes.as_deref())
                .chain(self.attachments.iter().map(|a| a.bytes.as_slice())),
        )?;
        if let Some(kind) = &self.entity_type
            && kind != "individual"
            && kind != "business"
        {
            return Err(invalid("entityType", "individual or business"));
        }
        let empty = self.message.as_deref().is_none_or(|m| m.trim().is_empty())
            && self.documents.is_empty()
            && self.address.is_none()
            && self.attachments.is_empty();
        if empty {
            return Err(Error::new(
                ErrorCode::ArgumentMissing,
                "a message, corrected documents, an address or attachments are required",
            )
            .with("argument", "message"));
        }
        Ok(())
    }
}

/// A response's outcome.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ReviewerResponse {
    /// `resubmitted` (corrections sent) or `replied` (a message only).
    #[serde(default)]
    pub status: Option<String>,
    /// A message or attachments were posted.
    #[serde(default)]
    pub posted: Option<bool>,
    /// The number (`id`, `status`).
    #[serde(default)]
    pub phone_number: Option<Value>,
    /// Other numbers of the same registration the correction went to.
    #[serde(default)]
    pub siblings_resubmitted: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_file_is_written_back_as_its_bytes() {
        let op = ViewKycDocument {
            document_id: "d".into(),
        };
        let file = KycDocumentFile {
            content_type: Some("application/pdf".into()),
            bytes: b"%PDF-1.7".to_vec(),
        };
        let wire = op.respond(&file).unwrap();
        assert_eq!(wire.body, b"%PDF-1.7");
        assert_eq!(op.parse(&wire).unwrap(), file);
        let _ = crate::api::respond::to_wire(&file).unwrap();
    }
}
