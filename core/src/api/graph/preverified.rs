//! Pre-verified numbers (Embedded Signup partners): request and verify the OTP of a number
//! verified in advance, before any WABA claims it (reference meta.md §2.8).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::verification::{check_code_request, english};
use super::{GraphConfig, Success, build_args, numeric_id};
use crate::api::Args;
use crate::api::http::HttpRequest;
use crate::api::table::{self, OperationSpec};
use crate::api::{Operation, to_args};
use crate::error::Result;

/// `POST /{PRE_VERIFIED_ID}/request_code`: send the OTP by SMS, voice or IVR (Meta's Graph
/// codegen spec lists `IVR` for pre-verified numbers). Never retried automatically.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RequestPreverifiedCode {
    /// Pre-verified phone-number id.
    pub preverified_id: String,
    /// `SMS`, `VOICE` or `IVR`.
    pub code_method: String,
    /// Language of the message: `en_US` (the default), `pt_BR`, `en`, ... (checked leniently).
    #[serde(default = "english")]
    #[cfg_attr(test, ts(as = "Option<String>", optional = nullable))]
    pub language: String,
}

impl Operation<GraphConfig> for RequestPreverifiedCode {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::REQUEST_PREVERIFIED_CODE;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        check_code_request(
            ("preverifiedId", a.text("preverifiedId")),
            a.text("codeMethod"),
            (&["SMS", "VOICE", "IVR"], "SMS, VOICE or IVR"),
            a.text("language"),
        )
    }
}

/// `POST /{PRE_VERIFIED_ID}/verify_code`: submit the OTP (`123-456` is read as `123456`).
/// `Debug` hides the code.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct VerifyPreverifiedCode {
    /// Pre-verified phone-number id.
    pub preverified_id: String,
    /// The code as received.
    pub code: String,
}

impl fmt::Debug for VerifyPreverifiedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyPreverifiedCode")
            .field("preverified_id", &self.preverified_id)
            .field("code", &"<redacted>")
            .finish()
    }
}

/// `{"success": true, "id": ...}`: the code was accepted; `id` is the verified number's id
/// when Meta sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct CodeVerified {
    /// Whether Meta reports success.
    pub success: bool,
    /// The verified number's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Operation<GraphConfig> for VerifyPreverifiedCode {
    type Output = CodeVerified;
    const SPEC: &'static OperationSpec = &table::VERIFY_PREVERIFIED_CODE;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("preverifiedId", &self.preverified_id)?;
        let mut args = to_args(self)?;
        args.insert(
            "code".into(),
            super::zernio::six_digit_code("code", &self.code)?.into(),
        );
        build_args(config, Self::SPEC, &args)
    }
}
