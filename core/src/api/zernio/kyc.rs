//! KYC: the form, submission, documents, address check, hosted links and remediation.

use crate::api::Args;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{base64_bytes, build_args};
use crate::api::http::HttpRequest;
use crate::api::models::{AddressCheck, KycLink, KycSubmitted, Remediated, UploadedDocument};
use crate::api::table::{self, OperationSpec};
use crate::api::{
    Config, Operation, PathStyle, area_code, country, invalid, max_len, number_type, path_id,
    require, to_args,
};
use crate::country::OfferedNumberType;
use crate::datetime::Date;
use crate::error::{Error, Result};
use crate::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
    Severity,
};

/// `GET /v1/phone-numbers/kyc`: the KYC form for a country. With legacy paths the alias needs
/// `profileId` and takes no `numberType`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetKycForm {
    /// ISO country.
    pub country: String,
    /// Number type (canonical path only).
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Profile (required by the legacy alias).
    #[serde(default)]
    pub profile_id: Option<String>,
}

impl Operation<Config> for GetKycForm {
    type Output = KycForm;
    const SPEC: &'static OperationSpec = &table::GET_KYC_FORM;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        country("country", a.text("country"))?;
        number_type(a.str("numberType"))
    }

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        country("country", &self.country)?;
        // The legacy alias needs profileId and takes no numberType; the canonical path the
        // reverse.
        let mut args = to_args(self)?;
        match config.paths {
            PathStyle::Canonical => {
                args.remove("profileId");
            }
            PathStyle::Legacy => {
                require("profileId", self.profile_id.as_deref().unwrap_or_default())?;
                args.remove("numberType");
            }
        }
        build_args(config, Self::SPEC, &args, None)
    }
}

/// Turns validation errors into one `kyc_*` error that carries them all.
fn kyc_rejected(errors: Vec<kyc::FieldError>) -> Result<()> {
    let blocking: Vec<_> = errors
        .into_iter()
        .filter(|e| e.severity == Severity::Error)
        .collect();
    let Some(first) = blocking.first() else {
        return Ok(());
    };
    let message = format!(
        "the submission would be refused: {} ({})",
        first.message, first.path
    );
    let code = first.code;
    let list = crate::value_writer::to_value(&blocking).unwrap_or(Value::Null);
    Err(Error::new(code, message).with("errors", list))
}

/// `POST /v1/phone-numbers/kyc`: submit KYC. The submission is validated against the form
/// (and availability) first; if it would bounce, nothing is built.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SubmitKyc {
    /// The form the submission answers (`GET /kyc`).
    pub form: KycForm,
    /// The submission.
    pub submission: KycSubmission,
    /// Availability (`GET /availability`), for the stock and `geo` checks.
    #[serde(default)]
    pub availability: Option<Availability>,
    /// Today's date (for document issue dates); the core reads no clock.
    pub today: Date,
}

impl Operation<Config> for SubmitKyc {
    type Output = KycSubmitted;
    const SPEC: &'static OperationSpec = &table::SUBMIT_KYC;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        // Read back as the type: its checks need the whole value.
        a.typed::<Self>()?.check_typed()
    }

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        self.check_typed()?;
        let mut args = Map::new();
        args.insert(
            "submission".into(),
            Value::Object(to_args(&self.submission)?),
        );
        build_args(config, Self::SPEC, &args, None)
    }
}

impl SubmitKyc {
    /// Its checks, on the typed value (`check_args` reads the arguments back as the type):
    /// the KYC validator against the form, so what it flags is never sent.
    fn check_typed(&self) -> Result<()> {
        kyc_rejected(kyc::validate_submission(
            &self.form,
            &self.submission,
            self.availability.as_ref(),
            self.today,
            Lang::En,
        ))
    }
}

/// `POST /v1/phone-numbers/kyc/upload-document`: one file as raw bytes (20 MB at most),
/// its name URL-encoded in `X-Filename`.
#[derive(Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct UploadDocument {
    /// File name (its extension must match the content).
    #[serde(default)]
    pub filename: String,
    /// The file.
    #[serde(with = "base64_bytes")]
    #[cfg_attr(test, ts(type = "string"))]
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for UploadDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadDocument")
            .field("bytes_len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for UploadDocument {
    type Output = UploadedDocument;
    const SPEC: &'static OperationSpec = &table::UPLOAD_DOCUMENT;

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        kyc::check_named_file(&self.filename, &self.bytes, kyc::MAX_DOCUMENT_BYTES)?;
        let mut args = Map::new();
        args.insert("filename".into(), self.filename.clone().into());
        build_args(config, Self::SPEC, &args, Some(self.bytes.clone()))
    }
}

/// `POST /v1/phone-numbers/kyc/validate-address`: an early address check (sent with the
/// wire's snake_case names).
/// A 400 carries suggestions in `details.upstream_details.addressSuggestions`.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ValidateAddress {
    /// ISO country.
    pub country: String,
    /// Street.
    pub street_address: String,
    /// Flat, floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_address: Option<String>,
    /// City.
    pub locality: String,
    /// State or province (without it, the check is skipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrative_area: Option<String>,
    /// Postal code.
    pub postal_code: String,
}

impl std::fmt::Debug for ValidateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidateAddress")
            .field("country", &self.country)
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for ValidateAddress {
    type Output = AddressCheck;
    const SPEC: &'static OperationSpec = &table::VALIDATE_ADDRESS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        country("country", a.text("country"))?;
        require("streetAddress", a.text("streetAddress"))?;
        require("locality", a.text("locality"))?;
        require("postalCode", a.text("postalCode"))?;
        Ok(())
    }
}

/// An absolute URI (`scheme:…`, no blanks or control characters), as the API's `uri`
/// format wants.
fn absolute_uri(argument: &str, value: &str) -> Result<()> {
    let scheme = value.split_once(':').map(|(s, _)| s).unwrap_or_default();
    let ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(invalid(
            argument,
            "an absolute URL, such as https://example.com/done",
        ))
    }
}

/// Branding of a hosted KYC page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Branding {
    /// At most 60 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_color: Option<String>,
}

/// `POST /v1/phone-numbers/kyc/share`: a hosted, single-use KYC link (7 days).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CreateKycLink {
    /// Profile.
    pub profile_id: String,
    /// ISO country needing KYC.
    pub country: String,
    /// Area code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// `en`, `es` or `pt-BR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Branding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
    /// Where to send the user afterwards (sent as `redirect_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

impl Operation<Config> for CreateKycLink {
    type Output = KycLink;
    const SPEC: &'static OperationSpec = &table::CREATE_KYC_LINK;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("profileId", a.text("profileId"))?;
        country("country", a.text("country"))?;
        if let Some(code) = a.str("areaCode") {
            area_code(code)?;
        }
        if let Some(lang) = a.str("language")
            && !matches!(lang, "en" | "es" | "pt-BR")
        {
            return Err(invalid("language", "en, es or pt-BR"));
        }
        if let Some(url) = a.str("redirectUrl") {
            absolute_uri("redirect_url", url)?;
        }
        if let Some(b) = a.object("branding") {
            if let Some(url) = b.str("logoUrl") {
                absolute_uri("branding.logoUrl", url)?;
            }
            if let Some(name) = b.str("companyName") {
                max_len("branding.companyName", name, 60)?;
            }
            if let Some(color) = b.str("brandColor") {
                let ok = color.len() == 7
                    && color.starts_with('#')
                    && color.bytes().skip(1).all(|c| c.is_ascii_hexdigit());
                if !ok {
                    return Err(invalid("branding.brandColor", "#RRGGBB"));
                }
            }
        }
        Ok(())
    }
}

/// `GET /v1/phone-numbers/{id}/remediate`: only the declined requirements.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct GetRemediation {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for GetRemediation {
    type Output = RemediationForm;
    const SPEC: &'static OperationSpec = &table::GET_REMEDIATION;
}

/// `POST /v1/phone-numbers/{id}/remediate`: re-submit corrected answers. Validated against the
/// remediation form first.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SubmitRemediation {
    /// Record id.
    pub id: String,
    /// The remediation form (`GET /{id}/remediate`).
    pub form: RemediationForm,
    /// The corrected answers (see [`kyc::remediation_payload`]).
    pub submission: RemediationSubmission,
    /// Today's date.
    pub today: Date,
}

impl Operation<Config> for SubmitRemediation {
    type Output = Remediated;
    const SPEC: &'static OperationSpec = &table::SUBMIT_REMEDIATION;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        // Read back as the type: its checks need the whole value.
        a.typed::<Self>()?.check_typed()
    }

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        self.check_typed()?;
        // The endpoint takes no issuedAt.
        let mut body = self.submission.clone();
        for d in &mut body.documents {
            d.issued_at = None;
        }
        let mut args = Map::new();
        args.insert("id".into(), self.id.clone().into());
        args.insert("submission".into(), Value::Object(to_args(&body)?));
        build_args(config, Self::SPEC, &args, None)
    }
}

impl SubmitRemediation {
    /// Its checks, on the typed value (`check_args` reads the arguments back as the type):
    /// the remediation validator against the declined requirements.
    fn check_typed(&self) -> Result<()> {
        path_id("id", &self.id)?;
        kyc_rejected(kyc::validate_remediation(
            &self.form,
            &self.submission,
            None,
            self.today,
            Lang::En,
        ))
    }
}
