//! Every Zernio phone-number operation (reference zernio.md §2–§4): canonical
//! `/v1/phone-numbers/*` paths, with the deprecated `/v1/whatsapp/phone-numbers/*` aliases
//! selectable by [`Config::with_legacy_paths`](super::Config::with_legacy_paths). Arguments use
//! the upstream JSON names, so an operation can be read from a Python dict or a JS object.

mod call_history;
mod caller_id;
mod calling;
mod calling_settings;
mod catalog;
mod kyc;
mod numbers;
mod purchase;
mod review;
mod sms;
mod stock;
mod verification;
mod voice;
mod webhook_models;
mod webhooks;

pub use call_history::{
    Call, CallDirection, CallEndReason, CallPage, CallRecording, CallStatus, GetCall,
    GetCallRecording, ListCalls,
};
pub use caller_id::{
    CallerIdCodeSent, CallerIdMethod, CallerIdVerified, StartCallerIdVerification, VerifyCallerId,
};
pub use calling::{
    CallAction, CallActionName, CallCost, CallEstimate, CallPermission, CallPermissionStatus,
    CallPermissions, EstimateCall, GetCallPermissions, PlaceCall,
};
pub use calling_settings::{
    CallerIdMode, CallingEnabled, DisableWhatsappCalling, EnableWhatsappCalling, ForwardCallerId,
    GetCallingConfig, GetWhatsappCalling, UpdateWhatsappCalling, WhatsappCalling,
};
pub use catalog::{CheckAvailability, Claim, ClaimArea, GetClaim, ListCountries, SearchAvailable};
pub use kyc::{
    Branding, CreateKycLink, GetKycForm, GetRemediation, SubmitKyc, SubmitRemediation,
    UploadDocument, ValidateAddress,
};
pub use numbers::{GetNumber, ListNumbers, MoveToProfile, ReleaseNumber};
pub use purchase::{PURCHASE_VELOCITY_SECONDS, Purchase, PurchaseGuard, purchase_guard};
pub use review::{
    Advisory, Attachment, CorrectedDocument, KycDocumentFile, PacketDocument, PacketReview,
    ReplyPosted, ReplyToReviewer, RespondToReviewer, ReviewKycPacket, ReviewerResponse,
    ViewKycDocument,
};
pub use sms::{
    DisableSms, EnableSms, ReuseSmsRegistration, SmsDisabled, SmsRegistration,
    SmsRegistrationStatus, SmsStatus,
};
pub use stock::{
    CreateStockWatch, DeleteStockWatch, Deleted, ListStockWatches, StockAvailable, StockCount,
    StockWatch, StockWatches,
};
pub use verification::{
    GetNumberInfo, NumberInfo, NumberInfoWaba, RequestWhatsappCode, VerifyWhatsappCode,
};
pub use voice::{
    BusinessHours, DisableVoice, EnableVoice, IvrOption, TranscriptionLanguage, VoiceDisabled,
    VoiceSettings,
};
#[cfg(feature = "sandbox")]
pub(crate) use webhook_models::shown_url;
pub use webhook_models::{
    DeliveryStatus, LogPagination, Webhook, WebhookDone, WebhookList, WebhookLog, WebhookLogPage,
    WebhookSaved,
};
#[cfg(feature = "sandbox")]
pub(crate) use webhooks::check_url;
pub use webhooks::{
    CreateWebhookSettings, DeleteWebhookSettings, EVENTS, GetWebhookLogs, ListWebhookSettings,
    TestWebhook, UpdateWebhookSettings,
};

use super::errors;
use serde_json::{Map, Value};

use super::http::{HttpRequest, HttpResponse};
use super::table::OperationSpec;
use super::{Config, invalid, parse_json};
use crate::error::Result;

/// The request of `spec` from arguments its builder prepared (JSON form), and the raw body of
/// an upload.
fn build_args(
    config: &Config,
    spec: &OperationSpec,
    args: &Map<String, Value>,
    bytes: Option<Vec<u8>>,
) -> Result<HttpRequest> {
    super::ApiConfig::build(config, spec, args, bytes)
}

fn parse<T: crate::Decode>(op: &str, response: &HttpResponse) -> Result<T> {
    parse_json(op, response, errors::zernio)
}

/// For an operation whose success has no documented body: an empty 2xx body is `null` (the
/// change was made), any other body is read as JSON.
fn parse_or_null(op: &str, response: &HttpResponse) -> Result<Value> {
    if (200..300).contains(&response.status) && response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    parse(op, response)
}

/// The reverse of [`parse_or_null`]: `null` is an empty body.
fn respond_or_empty(spec: &OperationSpec, output: &Value) -> Result<HttpResponse> {
    if output.is_null() {
        return Ok(HttpResponse::new(
            spec.success.first().copied().unwrap_or(200),
            Vec::new(),
        ));
    }
    super::respond::json_response(spec, output)
}

// ---------------------------------------------------------------------------------------------

/// A business's number in E.164; the error gives the E.164 form (`details.e164`).
fn check_e164(argument: &str, number: &str) -> Result<()> {
    e164_only(argument, number, true)
}

/// A consumer's number in E.164: personal data, so the error does not repeat it.
fn check_consumer_e164(argument: &str, number: &str) -> Result<()> {
    e164_only(argument, number, false)
}

fn e164_only(argument: &str, number: &str, show_e164: bool) -> Result<()> {
    let parsed = crate::phone::parse(number, None).map_err(|e| e.with("argument", argument))?;
    if parsed.e164() != number {
        let error = invalid(argument, "written in E.164, e.g. +447400123456");
        return Err(if show_e164 {
            error.with("e164", parsed.e164())
        } else {
            error
        });
    }
    Ok(())
}

/// Hides a present value (personal data or a credential) in `Debug`.
fn hidden<T>(value: Option<&T>) -> Option<&'static str> {
    value.map(|_| "<redacted>")
}

/// A call's destination: `tel:+E164`, `sip:…` or `wss://…`.
fn check_forward_to(argument: &str, value: &str) -> Result<()> {
    super::require(argument, value)?;
    if let Some(number) = value.strip_prefix("tel:") {
        // Where calls go is personal data: the error does not repeat it.
        return check_consumer_e164(argument, number);
    }
    let rest = value
        .strip_prefix("sip:")
        .or_else(|| value.strip_prefix("wss://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.chars().any(char::is_whitespace) => Ok(()),
        _ => Err(invalid(argument, "tel:+E164, sip:… or wss://…")),
    }
}

/// One of `allowed`, or `argument_invalid` naming them (`expected`).
fn one_of(argument: &str, value: &str, allowed: &[&str], expected: &str) -> Result<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(invalid(argument, expected))
    }
}

mod base64_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::base64::encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        crate::base64::decode(&text)
            .ok_or_else(|| serde::de::Error::custom("not padded standard base64"))
    }

    /// The same for an optional file.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
        pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
            match bytes {
                Some(b) => super::serialize(b, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
            #[derive(Deserialize, crate::Decode)]
            #[decode(no_schema)]
            struct Bytes(#[serde(with = "super")] Vec<u8>);
            Ok(Option::<Bytes>::deserialize(d)?.map(|b| b.0))
        }
    }
}

/// Strips `-` and spaces from a verification code and checks it is 6 digits.
pub(crate) fn six_digit_code(argument: &str, code: &str) -> Result<String> {
    let digits: String = code
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(invalid(argument, "6 digits, e.g. 123456 or 123-456"))
    }
}
