//! OTP verification: request a code, verify it.

use super::build_args;
use crate::api::Args;
use crate::api::table::{self, OperationSpec};
use crate::api::to_args;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{GraphConfig, Success, numeric_id};
use crate::api::http::HttpRequest;
use crate::api::{Operation, invalid};
use crate::error::Result;

/// `POST /{PHONE_NUMBER_ID}/request_code`: send the OTP by SMS or voice. Never retried
/// automatically (each request counts toward Meta's limits).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RequestCode {
    /// Phone-number id.
    pub phone_number_id: String,
    /// `SMS` or `VOICE`.
    pub code_method: String,
    /// Language of the message: `en`, `en_US`, `pt-BR`, ... (checked leniently).
    #[serde(default = "english")]
    #[cfg_attr(test, ts(as = "Option<String>", optional = nullable))]
    pub language: String,
}

pub(super) fn english() -> String {
    "en_US".to_owned()
}

/// `^[a-z]{2,3}([_-][A-Za-z]{2,4})?$`: Meta accepts both `en` and `en_US`.
fn language_ok(tag: &str) -> bool {
    let (primary, rest) = tag
        .split_once(['_', '-'])
        .map_or((tag, None), |(a, b)| (a, Some(b)));
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && rest.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// The checks of a request for a verification code: a numeric node id, one of `methods`
/// (named in `expected`), and a language tag.
pub(super) fn check_code_request(
    (id_argument, id): (&str, &str),
    code_method: &str,
    (methods, expected): (&[&str], &str),
    language: &str,
) -> Result<()> {
    numeric_id(id_argument, id)?;
    if !methods.contains(&code_method) {
        return Err(invalid("codeMethod", expected));
    }
    if !language_ok(language) {
        return Err(invalid(
            "language",
            "a language code such as en, en_US or pt_BR",
        ));
    }
    Ok(())
}

impl Operation<GraphConfig> for RequestCode {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::REQUEST_CODE;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        check_code_request(
            ("phoneNumberId", a.text("phoneNumberId")),
            a.text("codeMethod"),
            (&["SMS", "VOICE"], "SMS or VOICE"),
            a.text("language"),
        )
    }
}

/// `POST /{PHONE_NUMBER_ID}/verify_code`: submit the OTP (`123-456` is read as `123456`).
/// `Debug` hides the code.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct VerifyCode {
    /// Phone-number id.
    pub phone_number_id: String,
    /// The code as received.
    pub code: String,
}

impl fmt::Debug for VerifyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyCode")
            .field("phone_number_id", &self.phone_number_id)
            .field("code", &"<redacted>")
            .finish()
    }
}

impl Operation<GraphConfig> for VerifyCode {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::VERIFY_CODE;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        let mut args = to_args(self)?;
        args.insert(
            "code".into(),
            super::zernio::six_digit_code("code", &self.code)?.into(),
        );
        build_args(config, Self::SPEC, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_leniently() {
        for ok in ["en", "en_US", "pt-BR", "fil", "zh_Hant"] {
            assert!(language_ok(ok), "{ok}");
        }
        for bad in ["", "EN", "english", "en_", "e"] {
            assert!(!language_ok(bad), "{bad}");
        }
    }
}
