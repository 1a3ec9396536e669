//! Buying a number, and the purchase velocity guard.

use crate::api::Args;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{check_e164, parse};
use crate::api::errors;
use crate::api::http::HttpResponse;
use crate::api::models::{ProvisionedNumber, PurchaseOutcome};
use crate::api::respond::{self, to_wire};
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, area_code, country, invalid, max_len, number_type, require};
use crate::country::OfferedNumberType;
use crate::datetime::Timestamp;
use crate::error::Result;

/// `POST /v1/phone-numbers/purchase`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Purchase {
    /// Preferred profile (required).
    pub profile_id: String,
    /// ISO country (US when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Number type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_type: Option<OfferedNumberType>,
    /// Area code, 1–4 digits (a hard constraint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// A claim from a keyless search (`claimId`); Zernio ignores it when a key is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_id: Option<String>,
    /// An exact number from `/available`, E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Connect to WhatsApp (default true upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_whatsapp: Option<bool>,
    /// SMS-capable pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_sms: Option<bool>,
    /// Standalone purchase with a WhatsApp-eligible number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_whatsapp: Option<bool>,
    /// Idempotency key, at most 100 characters (one per intended purchase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_intent_id: Option<String>,
    /// Bypass the 10-minute velocity guard (see [`purchase_guard`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_multiple: Option<bool>,
}

impl Operation<Config> for Purchase {
    type Output = PurchaseOutcome;
    const SPEC: &'static OperationSpec = &table::PURCHASE;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("profileId", a.text("profileId"))?;
        if let Some(c) = a.str("country") {
            country("country", c)?;
        }
        number_type(a.str("numberType"))?;
        if let Some(code) = a.str("areaCode") {
            area_code(code)?;
        }
        if let Some(id) = a.str("purchaseIntentId") {
            require("purchaseIntentId", id)?;
            max_len("purchaseIntentId", id, 100)?;
        }
        if let Some(number) = a.str("phoneNumber") {
            check_e164("phoneNumber", number)?;
        }
        if let Some(claim) = a.str("claimId") {
            require("claimId", claim)?;
        }
        if a.str("numberType") == Some(OfferedNumberType::TollFree.as_str())
            && a.bool("connectWhatsapp") != Some(false)
        {
            return Err(invalid(
                "numberType",
                "not toll_free when connecting WhatsApp (toll-free numbers are never WhatsApp-capable)",
            ));
        }
        Ok(())
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        if response.status == 202 {
            let body: Value = parse(Self::NAME, response)?;
            let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
            return Ok(PurchaseOutcome::kyc_required(
                text("country"),
                text("numberType"),
                text("kycUrl"),
            ));
        }
        let body: Value = parse(Self::NAME, response)?;
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        if body.get("status").and_then(Value::as_str) == Some("already_purchased") {
            return Ok(PurchaseOutcome::already_purchased(
                text("numberId"),
                text("phoneNumber"),
                text("profileId"),
            ));
        }
        if let Some(url) = text("checkoutUrl") {
            return Ok(PurchaseOutcome::Checkout {
                checkout_url: url,
                message: text("message"),
            });
        }
        match body.get("phoneNumber") {
            Some(number @ Value::Object(_)) => {
                let phone_number: ProvisionedNumber = crate::error::decode(number.clone(), "")
                    .map_err(|_| {
                        errors::bad_response(
                            Self::NAME,
                            response,
                            "phoneNumber is not a number record",
                        )
                    })?;
                Ok(PurchaseOutcome::Provisioned {
                    phone_number,
                    message: text("message"),
                })
            }
            _ => Err(errors::bad_response(
                Self::NAME,
                response,
                "no checkoutUrl, phoneNumber or status",
            )),
        }
    }

    /// The untagged union upstream: `status` tells the replay and the 202 apart, and
    /// `phoneNumber` is a record when provisioned but a string in a replay.
    fn respond(&self, output: &Self::Output) -> Result<HttpResponse> {
        let mut wire = PurchaseWire::default();
        let status = match output {
            PurchaseOutcome::Checkout {
                checkout_url,
                message,
            } => {
                wire.checkout_url = Some(checkout_url);
                wire.message = message.as_deref();
                200
            }
            PurchaseOutcome::Provisioned {
                phone_number,
                message,
            } => {
                wire.phone_number = Some(to_wire(phone_number)?);
                wire.message = message.as_deref();
                200
            }
            PurchaseOutcome::AlreadyPurchased {
                number_id,
                phone_number,
                profile_id,
                ..
            } => {
                wire.status = Some("already_purchased");
                wire.number_id = number_id.as_deref();
                wire.phone_number = phone_number.as_deref().map(Value::from);
                wire.profile_id = profile_id.as_deref();
                200
            }
            PurchaseOutcome::KycRequired {
                country,
                number_type,
                kyc_url,
                ..
            } => {
                wire.status = Some("kyc_required");
                wire.country = country.as_deref();
                wire.number_type = number_type.as_deref();
                wire.kyc_url = kyc_url.as_deref();
                202
            }
        };
        respond::json_with_status(Self::SPEC, status, to_wire(&wire)?)
    }
}

/// The members of every purchase response, as the API names them.
#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct PurchaseWire<'a> {
    status: Option<&'a str>,
    message: Option<&'a str>,
    checkout_url: Option<&'a str>,
    number_id: Option<&'a str>,
    phone_number: Option<Value>,
    profile_id: Option<&'a str>,
    country: Option<&'a str>,
    number_type: Option<&'a str>,
    kyc_url: Option<&'a str>,
}

/// The purchase velocity guard: a second purchase within 10 minutes of the previous one is
/// refused (409 `PURCHASE_VELOCITY`) unless `allowMultiple` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PurchaseGuard {
    /// A purchase sent now would pass the guard.
    pub allowed: bool,
    /// The purchase must carry `allowMultiple: true` to pass.
    pub needs_allow_multiple: bool,
    /// Seconds until a purchase passes without `allowMultiple` (0 when it already does).
    pub wait_seconds: i64,
}

/// Seconds between purchases without `allowMultiple`.
pub const PURCHASE_VELOCITY_SECONDS: i64 = 600;

/// Tells, before sending, whether a purchase at `now` passes the 10-minute guard.
///
/// ```
/// use wanumbers::api::zernio::purchase_guard;
/// let last = Some("2026-03-01T12:00:00Z".parse().unwrap());
/// let g = purchase_guard(last, "2026-03-01T12:04:00Z".parse().unwrap(), false);
/// assert!(!g.allowed && g.needs_allow_multiple && g.wait_seconds == 360);
/// assert!(purchase_guard(last, "2026-03-01T12:04:00Z".parse().unwrap(), true).allowed);
/// ```
pub fn purchase_guard(
    last_purchase_at: Option<Timestamp>,
    now: Timestamp,
    allow_multiple: bool,
) -> PurchaseGuard {
    let elapsed = last_purchase_at.map(|last| last.seconds_until(now));
    let wait = match elapsed {
        Some(e) if e < PURCHASE_VELOCITY_SECONDS => PURCHASE_VELOCITY_SECONDS - e.max(0),
        _ => 0,
    };
    PurchaseGuard {
        allowed: wait == 0 || allow_multiple,
        needs_allow_multiple: wait > 0,
        wait_seconds: wait,
    }
}
