//! Meta's pre-verified phone numbers (a business's own numbers, verified once and shared with
//! partner businesses): add one to a business, request and verify its code (the code is
//! always [`super::graph::GOOD_CODE`]; verified for 90 days), read and list them (filters and
//! real cursors), delete, share with a partner business and stop sharing, list the partners.

use serde::{Deserialize, Serialize};

use super::graph::{GOOD_CODE, graph_error, page, unknown_node};
use super::numbers::tenant;
use super::state::State;
use super::{Fail, later, run};
use crate::api::HttpResponse;
use crate::api::graph::{
    AddPreverifiedNumbers, AddedPreverifiedNumber, BusinessPartner, CodeVerificationStatus,
    CodeVerified, DeletePreverifiedNumber, GetPreverifiedNumber, ListPreverifiedNumbers,
    ListPreverifiedPartners, PartnerPage, PreverifiedAvailability, PreverifiedNumber,
    PreverifiedNumberPage, PreverifiedStatus, RequestPreverifiedCode, SharePreverifiedNumbers,
    Success, UnsharePreverifiedNumbers, VerifyPreverifiedCode,
};
use crate::api::wire::Routed;
use crate::datetime::Timestamp;

/// A verification lasts 90 days.
const VERIFIED_SECONDS: i64 = 90 * 86_400;

/// A pre-verified number and who it is shared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
pub struct Preverified {
    /// As `GET /{id}` shows it.
    pub record: PreverifiedNumber,
    /// The business it belongs to.
    pub business_id: String,
    /// Partner businesses it is shared with.
    pub partners: Vec<String>,
    /// A code was requested.
    pub code_requested: bool,
}

fn find<'a>(state: &'a mut State, key: &str, id: &str) -> Result<&'a mut Preverified, Fail> {
    tenant(state, key)
        .preverified
        .iter_mut()
        .find(|p| p.record.id.as_deref() == Some(id))
        .ok_or_else(unknown_node)
}

/// The pre-verified number operations; Graph's #100 for an operation the sandbox does not
/// simulate.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    let ok = || Success { success: true };
    match routed.operation.name {
        "add_preverified_numbers" => {
            run::<AddPreverifiedNumbers, _, _>(routed, |op| add(state, key, op, now))
        }
        "request_preverified_code" => run::<RequestPreverifiedCode, _, _>(routed, |op| {
            find(state, key, &op.preverified_id)?.code_requested = true;
            Ok(ok())
        }),
        "verify_preverified_code" => run::<VerifyPreverifiedCode, _, _>(routed, |op| {
            let number = find(state, key, &op.preverified_id)?;
            if !number.code_requested {
                return Err(graph_error(
                    400,
                    136_025,
                    "(#136025) Request a code first",
                    None,
                ));
            }
            if op.code != GOOD_CODE {
                return Err(graph_error(
                    400,
                    136_025,
                    "(#136025) Verify code error: the code is not valid",
                    None,
                ));
            }
            number.code_requested = false;
            let record = &mut number.record;
            record.code_verification_status = Some(CodeVerificationStatus::Verified);
            record.verification_status = Some(PreverifiedStatus::Verified);
            record.code_verification_time = Some(now.to_string());
            record.verification_expiry_time = Some(later(now, VERIFIED_SECONDS).to_string());
            record.last_updated = Some(now.to_string());
            Ok(CodeVerified {
                success: true,
                id: record.id.clone(),
            })
        }),
        "get_preverified_number" => run::<GetPreverifiedNumber, _, _>(routed, |op| {
            Ok(find(state, key, &op.preverified_id)?.record.clone())
        }),
        "delete_preverified_number" => run::<DeletePreverifiedNumber, _, _>(routed, |op| {
            find(state, key, &op.preverified_id)?;
            tenant(state, key)
                .preverified
                .retain(|p| p.record.id.as_deref() != Some(op.preverified_id.as_str()));
            Ok(ok())
        }),
        "list_preverified_numbers" => {
            run::<ListPreverifiedNumbers, _, _>(routed, |op| list(state, key, op))
        }
        "share_preverified_numbers" => run::<SharePreverifiedNumbers, _, _>(routed, |op| {
            let number = find(state, key, &op.preverified_id)?;
            if number.business_id != op.business_id {
                return Err(unknown_node());
            }
            if !number.partners.contains(&op.partner_business_id) && number.partners.len() < 100 {
                number.partners.push(op.partner_business_id.clone());
            }
            Ok(ok())
        }),
        "unshare_preverified_numbers" => run::<UnsharePreverifiedNumbers, _, _>(routed, |op| {
            let number = find(state, key, &op.preverified_id)?;
            if number.business_id != op.business_id {
                return Err(unknown_node());
            }
            number.partners.retain(|p| *p != op.partner_business_id);
            Ok(ok())
        }),
        "list_preverified_partners" => run::<ListPreverifiedPartners, _, _>(routed, |op| {
            let partners: Vec<BusinessPartner> = find(state, key, &op.preverified_id)?
                .partners
                .iter()
                .map(|id| BusinessPartner {
                    id: Some(id.clone()),
                    name: Some(format!("Partner {id}")),
                    verification_status: Some("verified".into()),
                    ..BusinessPartner::default()
                })
                .collect();
            let edge = format!("{}/partners", op.preverified_id);
            let cursors = (op.after.as_deref(), op.before.as_deref());
            let (data, paging) = page(&partners, &edge, op.limit, cursors)?;
            Ok(PartnerPage { data, paging })
        }),
        _ => Err(graph_error(
            400,
            100,
            "(#100) The sandbox does not simulate this Graph operation yet",
            None,
        )),
    }
}

fn add(
    state: &mut State,
    key: &str,
    op: &AddPreverifiedNumbers,
    now: Timestamp,
) -> Result<AddedPreverifiedNumber, Fail> {
    let Ok(parsed) = crate::phone::parse(&op.phone_number, None) else {
        return Err(graph_error(
            400,
            100,
            "(#100) phone_number must be a valid number in international form",
            None,
        ));
    };
    let e164 = parsed.e164().to_owned();
    let id = format!("2{}", state.rng.digits(14));
    let owned = &mut tenant(state, key).preverified;
    if owned.len() >= super::state::MAX_NUMBERS {
        return Err(graph_error(
            400,
            100,
            "(#100) This sandbox business holds 1000 pre-verified numbers",
            None,
        ));
    }
    if owned
        .iter()
        .any(|p| p.record.phone_number.as_deref() == Some(e164.as_str()))
    {
        return Err(graph_error(
            400,
            100,
            "(#100) This phone number already exists",
            None,
        ));
    }
    let check = crate::phone::check(&e164, None).ok();
    owned.push(Preverified {
        record: PreverifiedNumber {
            id: Some(id.clone()),
            display_phone_number: Some(parsed.format(crate::PhoneFormat::International)),
            country_prefix: check.as_ref().and_then(|c| c.country_code).map(u32::from),
            verification_status: Some(PreverifiedStatus::Pending),
            availability_status: Some(PreverifiedAvailability::Available),
            created_time: Some(now.to_string()),
            last_updated: Some(now.to_string()),
            country_code: check.as_ref().and_then(|c| c.region).map(str::to_owned),
            phone_number: Some(e164),
            code_verification_status: Some(CodeVerificationStatus::NotVerified),
            ..PreverifiedNumber::default()
        },
        business_id: op.business_id.clone(),
        partners: Vec::new(),
        code_requested: false,
    });
    Ok(AddedPreverifiedNumber {
        id,
        extra: serde_json::Map::new(),
    })
}

fn list(
    state: &mut State,
    key: &str,
    op: &ListPreverifiedNumbers,
) -> Result<PreverifiedNumberPage, Fail> {
    let all: Vec<PreverifiedNumber> = tenant(state, key)
        .preverified
        .iter()
        .filter(|p| p.business_id == op.business_id)
        .map(|p| &p.record)
        .filter(|r| {
            op.verification_status.as_deref().is_none_or(|s| {
                r.verification_status
                    .as_ref()
                    .is_some_and(|v| v.as_str() == s)
            })
        })
        .filter(|r| {
            op.availability_status.as_deref().is_none_or(|s| {
                r.availability_status
                    .as_ref()
                    .is_some_and(|v| v.as_str() == s)
            })
        })
        .filter(|r| {
            op.country_code
                .as_deref()
                .is_none_or(|c| r.country_code.as_deref() == Some(c))
        })
        .cloned()
        .collect();
    let edge = format!("{}/preverified_numbers", op.business_id);
    let cursors = (op.after.as_deref(), op.before.as_deref());
    let (data, paging) = page(&all, &edge, op.limit, cursors)?;
    Ok(PreverifiedNumberPage { data, paging })
}
