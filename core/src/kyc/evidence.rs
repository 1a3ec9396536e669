//! The document checks: each entry of `/documents` names a file requirement once, comes
//! inline or by `documentId` (not both), and an inline file is valid base64 of an accepted,
//! not too large type whose extension matches its content.

use serde_json::Value;

use super::document::{self, MAX_DOCUMENT_BYTES};
use super::findings::{Collector, params};
use super::model::{FieldKind, KycDocument, KycField};
use super::validate::{Context, find, wrong_place};
use crate::datetime::Date;
use crate::error::{Details, ErrorCode};

pub(super) fn check_documents<'a>(
    fields: &[KycField],
    documents: &'a [KycDocument],
    ctx: &Context<'_>,
    seen: &mut Vec<(&'a str, String)>,
    out: &mut Collector,
) {
    for (i, doc) in documents.iter().enumerate() {
        let base = format!("/documents/{i}");
        let id_path = format!("{base}/requirementId");
        let Some(id) = doc
            .requirement_id
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        else {
            out.push(id_path, None, ErrorCode::KycMissing, Details::new());
            check_document(&base, None, doc, ctx, out);
            continue;
        };
        let field = find(fields, id);
        match field {
            None => out.push(
                id_path,
                None,
                ErrorCode::KycUnknownRequirement,
                params(&[("requirement", Value::from(id))]),
            ),
            Some(f) if !matches!(f.kind, FieldKind::File | FieldKind::Unknown(_)) => {
                wrong_place(id_path, f, out);
            }
            Some(f) => match seen.iter().find(|(answered, _)| *answered == id) {
                Some((_, first)) => {
                    out.push(
                        id_path,
                        Some(f),
                        ErrorCode::KycDuplicate,
                        params(&[("first", Value::from(first.clone()))]),
                    );
                }
                None => {
                    seen.push((id, base.clone()));
                }
            },
        }
        check_document(&base, field, doc, ctx, out);
    }
}

fn check_document(
    base: &str,
    field: Option<&KycField>,
    doc: &KycDocument,
    ctx: &Context<'_>,
    out: &mut Collector,
) {
    match (&doc.base64, &doc.document_id) {
        (Some(_), Some(_)) => {
            out.push(
                base.to_owned(),
                field,
                ErrorCode::KycDocumentSourceConflict,
                Details::new(),
            );
        }
        (None, None) => {
            out.push(
                format!("{base}/base64"),
                field,
                ErrorCode::KycMissing,
                params(&[("alternative", Value::from("documentId"))]),
            );
        }
        (None, Some(document_id)) => {
            if document_id.trim().is_empty() {
                out.push(
                    format!("{base}/documentId"),
                    field,
                    ErrorCode::KycMissing,
                    Details::new(),
                );
            }
            if let Some(issued) = &doc.issued_at {
                let path = format!("{base}/issuedAt");
                match Date::parse(issued) {
                    Err(_) => out.push(
                        path,
                        field,
                        ErrorCode::KycDateInvalid,
                        params(&[("format", Value::from("YYYY-MM-DD"))]),
                    ),
                    Ok(date) if date > ctx.today => out.push(
                        path,
                        field,
                        ErrorCode::KycDateInFuture,
                        params(&[("today", Value::from(ctx.today.to_string()))]),
                    ),
                    Ok(_) => {}
                }
            }
        }
        (Some(b64), None) => check_inline(base, field, doc.filename.as_deref(), b64, out),
    }
}

fn check_inline(
    base: &str,
    field: Option<&KycField>,
    filename: Option<&str>,
    b64: &str,
    out: &mut Collector,
) {
    let b64_path = format!("{base}/base64");
    if filename.is_none_or(|f| f.trim().is_empty()) {
        out.push(
            format!("{base}/filename"),
            field,
            ErrorCode::KycMissing,
            Details::new(),
        );
    }
    // Size first, from the encoded length: nothing large is decoded.
    let size = document::decoded_len(b64);
    if size > MAX_DOCUMENT_BYTES {
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentTooLarge,
            params(&[
                ("max_bytes", Value::from(MAX_DOCUMENT_BYTES)),
                ("size_bytes", Value::from(size)),
                ("max_mb", Value::from(MAX_DOCUMENT_BYTES / 1_000_000)),
            ]),
        );
        return;
    }
    if let Err(problem) = document::check_base64(b64) {
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentBase64Invalid,
            params(&[("reason", Value::from(problem.reason()))]),
        );
        return;
    }
    if size == 0 {
        out.push(b64_path, field, ErrorCode::KycDocumentEmpty, Details::new());
        return;
    }
    let Some(kind) = document::sniff_base64(b64) else {
        let accepted: Vec<&str> = document::ACCEPTED_TYPES
            .iter()
            .map(|t| t.extension)
            .collect();
        out.push(
            b64_path,
            field,
            ErrorCode::KycDocumentTypeUnsupported,
            params(&[("accepted", Value::from(accepted))]),
        );
        return;
    };
    if let Some(name) = filename.filter(|f| !f.trim().is_empty()) {
        let ext = name
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        let matches = ext == kind.extension || (kind.extension == "jpg" && ext == "jpeg");
        if !matches {
            out.push(
                format!("{base}/filename"),
                field,
                ErrorCode::KycDocumentExtensionMismatch,
                params(&[
                    ("extension", Value::from(ext)),
                    ("detected", Value::from(kind.extension)),
                ]),
            );
        }
    }
}
