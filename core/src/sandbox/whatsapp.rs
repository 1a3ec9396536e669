//! A hosted number's WhatsApp side through Zernio: the Meta verification code (requested, then
//! verified with [`super::graph::GOOD_CODE`]), and `number-info`, which reads the number's
//! WhatsApp account as Meta's Graph node shows it (snake_case, Meta's own values).

use serde_json::Value;

use super::graph::GOOD_CODE;
use super::numbers::{find_mut, tenant};
use super::state::State;
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::models::MetaVerificationStatus;
use crate::api::wire::Routed;
use crate::api::zernio::{GetNumberInfo, RequestWhatsappCode, VerifyWhatsappCode};
use crate::datetime::Timestamp;
use crate::macros::value;
use crate::status::NumberStatus;

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    _now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "request_whatsapp_code" => run::<RequestWhatsappCode, _, _>(routed, |op| {
            let number = find_mut(tenant(state, key), &op.id)?;
            if number.record.status != Some(NumberStatus::Active) {
                return Err(Fail::bad_request("The number is not active"));
            }
            let method = op.method.clone().unwrap_or_else(|| "SMS".into());
            number.record.meta_verification_status = Some(MetaVerificationStatus::CodeRequested);
            Ok(value!({"message": "Verification code sent", "method": method}))
        }),
        "verify_whatsapp_code" => run::<VerifyWhatsappCode, _, _>(routed, |op| {
            let number = find_mut(tenant(state, key), &op.id)?;
            if number.record.meta_verification_status != Some(MetaVerificationStatus::CodeRequested)
            {
                return Err(Fail::bad_request("Request a code first"));
            }
            if op.code != GOOD_CODE {
                return Err(Fail::bad_request("The verification code is not valid"));
            }
            number.record.meta_verification_status = Some(MetaVerificationStatus::Verified);
            Ok(value!({"success": true, "message": "Phone number verified"}))
        }),
        "get_number_info" => run::<GetNumberInfo, _, _>(routed, |op| {
            let number = tenant(state, key)
                .numbers
                .iter()
                .find(|n| n.record.social_account_id.as_deref() == Some(op.account_id.as_str()))
                .ok_or_else(Fail::not_found)?;
            let mut info = number_info(number);
            let e164 = number.record.phone_number.clone();
            mirror(state, e164.as_deref(), &mut info);
            serde_json::from_value(info)
                .map_err(|_| Fail::zernio(500, "api_error", None, "Internal error"))
        }),
        _ => Err(Fail::next()),
    }
}

/// Once the number is on a WABA through the Graph API (any account's), `phone` reads as that
/// node reads: its display name and review, quality, tier, throughput, status.
fn mirror(state: &State, e164: Option<&str>, info: &mut Value) {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let Some(wanted) = e164.map(digits).filter(|d| !d.is_empty()) else {
        return;
    };
    let node = state
        .tenants
        .values()
        .flat_map(|t| t.graph.iter())
        .find(|n| {
            n.record
                .display_phone_number
                .as_deref()
                .is_some_and(|d| digits(d) == wanted)
        });
    let (Some(node), Some(phone)) = (node, info.get_mut("phone")) else {
        return;
    };
    let Ok(Value::Object(record)) = crate::value_writer::to_value(&node.record) else {
        return;
    };
    for name in [
        "display_phone_number",
        "verified_name",
        "name_status",
        "quality_rating",
        "messaging_limit_tier",
        "throughput",
        "status",
        "is_official_business_account",
        "platform_type",
    ] {
        if let Some(value) = record.get(name).filter(|v| !v.is_null()) {
            phone[name] = value.clone();
        }
    }
}

/// `{phone, waba}` as Meta's Graph node has them.
fn number_info(number: &super::state::Number) -> Value {
    let e164 = number.record.phone_number.clone().unwrap_or_default();
    let display = crate::phone::parse(&e164, None)
        .map(|n| n.format(crate::PhoneFormat::International))
        .unwrap_or(e164);
    let verified = number.record.meta_verification_status == Some(MetaVerificationStatus::Verified);
    let connected = number.record.status == Some(NumberStatus::Active);
    value!({
        "phone": {
            "display_phone_number": display,
            "verified_name": "Sandbox Business",
            "name_status": "APPROVED",
            "quality_rating": "GREEN",
            "messaging_limit_tier": "TIER_1K",
            "throughput": {"level": "STANDARD"},
            "status": if connected && verified { "CONNECTED" } else if connected { "PENDING" } else { "DISCONNECTED" },
            "is_official_business_account": false,
            "platform_type": "CLOUD_API",
            "health_status": {"can_send_message": if connected { "AVAILABLE" } else { "BLOCKED" }},
        },
        "waba": {
            "name": "Sandbox WABA",
            "business_verification_status": "verified",
            "timezone_id": "1",
            "health_status": {"can_send_message": "AVAILABLE"},
        },
    })
}
