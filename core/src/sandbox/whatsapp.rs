//! A hosted number's WhatsApp side through Zernio: the Meta verification code (requested, then
//! verified with [`super::graph::GOOD_CODE`]), and `number-info`, which reads the number's
//! WhatsApp account as Meta's Graph node shows it (snake_case, Meta's own values).

use serde_json::{Value, json};

use super::graph::GOOD_CODE;
use super::numbers::{find_mut, tenant};
use super::state::State;
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::models::MetaVerificationStatus;
use crate::api::wire::Routed;
use crate::api::zernio::{GetNumberInfo, RequestWhatsappCode, VerifyWhatsappCode};
use crate::datetime::Timestamp;
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
            Ok(json!({"message": "Verification code sent", "method": method}))
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
            Ok(json!({"success": true, "message": "Phone number verified"}))
        }),
        "get_number_info" => run::<GetNumberInfo, _, _>(routed, |op| {
            let number = tenant(state, key)
                .numbers
                .iter()
                .find(|n| n.record.social_account_id.as_deref() == Some(op.account_id.as_str()))
                .ok_or_else(Fail::not_found)?;
            Ok(number_info(number))
        }),
        _ => Err(Fail::next()),
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
    json!({
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
