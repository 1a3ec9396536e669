//! Every Zernio phone-number operation (reference zernio.md §2–§4): canonical
//! `/v1/phone-numbers/*` paths, with the deprecated `/v1/whatsapp/phone-numbers/*` aliases
//! selectable by [`Config::with_legacy_paths`](super::Config::with_legacy_paths). Arguments use
//! the upstream JSON names, so an operation can be read from a Python dict or a JS object.

mod calling;
mod catalog;
mod kyc;
mod numbers;
mod purchase;
mod verification;

pub use calling::PlaceCall;
pub use catalog::{CheckAvailability, ListCountries, SearchAvailable};
pub use kyc::{
    Branding, CreateKycLink, GetKycForm, GetRemediation, SubmitKyc, SubmitRemediation,
    UploadDocument, ValidateAddress,
};
pub use numbers::{GetNumber, ListNumbers, MoveToProfile, ReleaseNumber};
pub use purchase::{PURCHASE_VELOCITY_SECONDS, Purchase, PurchaseGuard, purchase_guard};
pub use verification::{GetNumberInfo, RequestWhatsappCode, VerifyWhatsappCode};

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

fn parse<T: serde::de::DeserializeOwned>(op: &str, response: &HttpResponse) -> Result<T> {
    parse_json(op, response, errors::zernio)
}

// ---------------------------------------------------------------------------------------------

fn check_e164(argument: &str, number: &str) -> Result<()> {
    let parsed = crate::phone::parse(number, None).map_err(|e| e.with("argument", argument))?;
    if parsed.e164() != number {
        return Err(
            invalid(argument, "written in E.164, e.g. +447400123456").with("e164", parsed.e164())
        );
    }
    Ok(())
}

mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
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
