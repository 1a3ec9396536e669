//! Caller-ID verification of a brought number, so that `tel:` forwards show the business
//! number itself instead of a Zernio one (`/v1/phone-numbers/{id}/whatsapp/caller-id-verification`,
//! Zernio's OpenAPI `startWhatsAppCallerIdVerification`, `verifyWhatsAppCallerId`). Neither is
//! repeated automatically: the carrier counts attempts and locks out.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::one_of;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, path_id};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// How the code is delivered (lower case here, unlike the WhatsApp request-code).
    pub enum CallerIdMethod {
        /// A text message.
        Sms => "sms",
        /// A voice call.
        Call => "call",
    }
}

/// `POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CallerIdCodeSent {
    /// Already verified (no code sent).
    #[serde(default)]
    pub verified: Option<bool>,
    /// A code is on its way.
    #[serde(default)]
    pub code_sent: Option<bool>,
    /// How.
    #[serde(default)]
    pub method: Option<CallerIdMethod>,
}

/// `POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification/verify`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallerIdVerified {
    /// Verified.
    #[serde(default)]
    pub verified: Option<bool>,
}

/// `POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification`: send a code to the number
/// (`sms` by default, or `call`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct StartCallerIdVerification {
    /// Record id.
    pub id: String,
    /// `sms` or `call`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

impl Operation<Config> for StartCallerIdVerification {
    type Output = CallerIdCodeSent;
    const SPEC: &'static OperationSpec = &table::START_CALLER_ID_VERIFICATION;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        match a.str("method") {
            Some(method) => one_of("method", method, &["sms", "call"], "sms or call"),
            None => Ok(()),
        }
    }
}

/// `POST /v1/phone-numbers/{id}/whatsapp/caller-id-verification/verify`: the code received
/// (4 to 10 characters). `Debug` hides it.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct VerifyCallerId {
    /// Record id.
    pub id: String,
    /// The code.
    pub code: String,
}

impl fmt::Debug for VerifyCallerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyCallerId")
            .field("id", &self.id)
            .field("code", &"<redacted>")
            .finish()
    }
}

impl Operation<Config> for VerifyCallerId {
    type Output = CallerIdVerified;
    const SPEC: &'static OperationSpec = &table::VERIFY_CALLER_ID;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        let code = a.text("code");
        let length = code.trim().chars().count();
        if !(4..=10).contains(&length) || code.trim() != code {
            return Err(invalid(
                "code",
                "the code received: 4 to 10 characters, no spaces around it",
            ));
        }
        Ok(())
    }
}
