//! Every Zernio phone-number operation (reference zernio.md §2–§4): canonical
//! `/v1/phone-numbers/*` paths, with the deprecated `/v1/whatsapp/phone-numbers/*` aliases
//! selectable by [`Config::with_legacy_paths`](super::Config::with_legacy_paths). Arguments use
//! the upstream JSON names, so an operation can be read from a Python dict or a JS object.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::errors;
use super::http::{HttpRequest, HttpResponse, Method};
use super::models::{
    AddressCheck, AvailableNumbers, KycLink, KycSubmitted, MovedToProfile, NumberList,
    NumberRecord, ProvisionedNumber, PurchaseOutcome, Released, Remediated, UploadedDocument,
};
use super::{
    Config, Operation, PathStyle, area_code, country, invalid, json_request, max_len, parse_json,
    path_id, require,
};
use crate::country::OfferedNumberType;
use crate::datetime::{Date, Timestamp};
use crate::error::{Error, ErrorCode, Result};
use crate::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
    Severity,
};
use crate::status::NumberStatus;

/// Picks the canonical path or its deprecated alias.
fn path(config: &Config, canonical: String, legacy: Option<String>) -> String {
    match (config.paths, legacy) {
        (PathStyle::Legacy, Some(alias)) => alias,
        _ => canonical,
    }
}

fn get(config: &Config, path: &str, query: &[(&str, Option<String>)]) -> Result<HttpRequest> {
    json_request(
        Method::Get,
        config.url(path, query)?,
        &config.api_key,
        None::<&()>,
    )
}

fn send(config: &Config, method: Method, path: &str, body: &impl Serialize) -> Result<HttpRequest> {
    json_request(method, config.url(path, &[])?, &config.api_key, Some(body))
}

fn parse<T: serde::de::DeserializeOwned>(op: &str, response: &HttpResponse) -> Result<T> {
    parse_json(op, response, errors::zernio)
}

fn flag(value: Option<bool>) -> Option<String> {
    value.map(|b| b.to_string())
}

// ---------------------------------------------------------------------------------------------

/// `GET /v1/phone-numbers/countries`: the live catalog.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ListCountries {}

impl Operation<Config> for ListCountries {
    type Output = crate::Catalog;
    const NAME: &'static str = "list_countries";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let p = path(
            config,
            "/v1/phone-numbers/countries".into(),
            Some("/v1/whatsapp/phone-numbers/countries".into()),
        );
        get(config, &p, &[])
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let value: Value = parse(Self::NAME, response)?;
        crate::Catalog::from_value(value)
            .map_err(|_| errors::bad_response(Self::NAME, response, "not a countries list"))
    }
}

/// `GET /v1/phone-numbers/available`: numbers for sale.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SearchAvailable {
    /// ISO country (default US upstream).
    #[serde(default)]
    pub country: Option<String>,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// Area code, 1–4 digits.
    #[serde(default)]
    pub area_code: Option<String>,
    /// City or region.
    #[serde(default)]
    pub locality: Option<String>,
    /// Digits the number must contain.
    #[serde(default)]
    pub contains: Option<String>,
    /// SMS-capable only.
    #[serde(default)]
    pub sms: Option<bool>,
    /// 1..=100 (default 20 upstream).
    #[serde(default)]
    pub limit: Option<u32>,
}

impl Operation<Config> for SearchAvailable {
    type Output = AvailableNumbers;
    const NAME: &'static str = "search_available";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        if let Some(c) = &self.country {
            country("country", c)?;
        }
        if let Some(a) = &self.area_code {
            area_code(a)?;
        }
        if let Some(limit) = self.limit
            && !(1..=100).contains(&limit)
        {
            return Err(invalid("limit", "from 1 to 100"));
        }
        let legacy = config.paths == PathStyle::Legacy;
        if legacy && self.sms.is_some() {
            return Err(invalid(
                "sms",
                "left out with legacy paths (the alias does not accept it)",
            ));
        }
        let p = path(
            config,
            "/v1/phone-numbers/available".into(),
            Some("/v1/whatsapp/phone-numbers/available".into()),
        );
        // The API rejects unknown or empty query parameters: send only what is set.
        get(
            config,
            &p,
            &[
                ("country", self.country.clone()),
                (
                    "numberType",
                    self.number_type.as_ref().map(ToString::to_string),
                ),
                ("areaCode", self.area_code.clone()),
                ("locality", self.locality.clone().filter(|s| !s.is_empty())),
                ("contains", self.contains.clone().filter(|s| !s.is_empty())),
                ("sms", flag(self.sms)),
                ("limit", self.limit.map(|l| l.to_string())),
            ],
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `GET /v1/phone-numbers/availability`: stock and the address constraint, before KYC.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CheckAvailability {
    /// ISO country.
    pub country: String,
    /// Number type.
    #[serde(default)]
    pub number_type: Option<OfferedNumberType>,
    /// SMS-capable only.
    #[serde(default)]
    pub sms: Option<bool>,
}

impl Operation<Config> for CheckAvailability {
    type Output = Availability;
    const NAME: &'static str = "check_availability";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        country("country", &self.country)?;
        let p = path(
            config,
            "/v1/phone-numbers/availability".into(),
            Some("/v1/whatsapp/phone-numbers/availability".into()),
        );
        get(
            config,
            &p,
            &[
                ("country", Some(self.country.clone())),
                (
                    "numberType",
                    self.number_type.as_ref().map(ToString::to_string),
                ),
                ("sms", flag(self.sms)),
            ],
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `POST /v1/phone-numbers/purchase`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
    const NAME: &'static str = "purchase";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        require("profileId", &self.profile_id)?;
        if let Some(c) = &self.country {
            country("country", c)?;
        }
        if let Some(a) = &self.area_code {
            area_code(a)?;
        }
        if let Some(id) = &self.purchase_intent_id {
            require("purchaseIntentId", id)?;
            max_len("purchaseIntentId", id, 100)?;
        }
        if let Some(number) = &self.phone_number {
            check_e164("phoneNumber", number)?;
        }
        if self.number_type == Some(OfferedNumberType::TollFree)
            && self.connect_whatsapp != Some(false)
        {
            return Err(invalid(
                "numberType",
                "not toll_free when connecting WhatsApp (toll-free numbers are never WhatsApp-capable)",
            ));
        }
        let p = path(
            config,
            "/v1/phone-numbers/purchase".into(),
            Some("/v1/whatsapp/phone-numbers/purchase".into()),
        );
        send(config, Method::Post, &p, self)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        if response.status == 202 {
            let body: Value = parse(Self::NAME, response)?;
            return Ok(PurchaseOutcome::KycRequired {
                country: body
                    .get("country")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                number_type: body
                    .get("numberType")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                kyc_url: body
                    .get("kycUrl")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        let body: Value = parse(Self::NAME, response)?;
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        if body.get("status").and_then(Value::as_str) == Some("already_purchased") {
            return Ok(PurchaseOutcome::AlreadyPurchased {
                number_id: text("numberId"),
                phone_number: text("phoneNumber"),
                profile_id: text("profileId"),
            });
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
}

fn check_e164(argument: &str, number: &str) -> Result<()> {
    let parsed = crate::phone::parse(number, None).map_err(|e| e.with("argument", argument))?;
    if parsed.e164() != number {
        return Err(
            invalid(argument, "written in E.164, e.g. +447400123456").with("e164", parsed.e164())
        );
    }
    Ok(())
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

/// `GET /v1/phone-numbers`: the account's numbers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListNumbers {
    /// One status (`pending_regulatory` also shows numbers declined in the last 30 days).
    #[serde(default)]
    pub status: Option<String>,
    /// One profile.
    #[serde(default)]
    pub profile_id: Option<String>,
}

impl Operation<Config> for ListNumbers {
    type Output = NumberList;
    const NAME: &'static str = "list_numbers";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        if let Some(s) = &self.status {
            NumberStatus::parse(s).map_err(|e| e.with("argument", "status"))?;
        }
        let p = path(
            config,
            "/v1/phone-numbers".into(),
            Some("/v1/whatsapp/phone-numbers".into()),
        );
        get(
            config,
            &p,
            &[
                ("status", self.status.clone()),
                (
                    "profileId",
                    self.profile_id.clone().filter(|s| !s.is_empty()),
                ),
            ],
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `GET /v1/phone-numbers/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct GetNumber {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for GetNumber {
    type Output = NumberRecord;
    const NAME: &'static str = "get_number";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        let p = path(
            config,
            format!("/v1/phone-numbers/{id}"),
            Some(format!("/v1/whatsapp/phone-numbers/{id}")),
        );
        get(config, &p, &[])
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let body: Value = parse(Self::NAME, response)?;
        crate::error::decode(body.get("phoneNumber").cloned().unwrap_or(Value::Null), "")
            .map_err(|_| errors::bad_response(Self::NAME, response, "no phoneNumber object"))
    }
}

/// `DELETE /v1/phone-numbers/{id}`: release a number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ReleaseNumber {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for ReleaseNumber {
    type Output = Released;
    const NAME: &'static str = "release_number";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        let p = path(
            config,
            format!("/v1/phone-numbers/{id}"),
            Some(format!("/v1/whatsapp/phone-numbers/{id}")),
        );
        json_request(
            Method::Delete,
            config.url(&p, &[])?,
            &config.api_key,
            None::<&()>,
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `GET /v1/phone-numbers/kyc`: the KYC form for a country. With legacy paths the alias needs
/// `profileId` and takes no `numberType`.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    const NAME: &'static str = "get_kyc_form";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        country("country", &self.country)?;
        match config.paths {
            PathStyle::Canonical => get(
                config,
                "/v1/phone-numbers/kyc",
                &[
                    ("country", Some(self.country.clone())),
                    (
                        "numberType",
                        self.number_type.as_ref().map(ToString::to_string),
                    ),
                ],
            ),
            PathStyle::Legacy => {
                let profile = self.profile_id.clone().unwrap_or_default();
                require("profileId", &profile)?;
                get(
                    config,
                    "/v1/whatsapp/phone-numbers/kyc",
                    &[
                        ("country", Some(self.country.clone())),
                        ("profileId", Some(profile)),
                    ],
                )
            }
        }
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
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
    let list = serde_json::to_value(&blocking).unwrap_or(Value::Null);
    Err(Error::new(code, message).with("errors", list))
}

/// `POST /v1/phone-numbers/kyc`: submit KYC. The submission is validated against the form
/// (and availability) first; if it would bounce, nothing is built.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    const NAME: &'static str = "submit_kyc";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        kyc_rejected(kyc::validate_submission(
            &self.form,
            &self.submission,
            self.availability.as_ref(),
            self.today,
            Lang::En,
        ))?;
        let p = path(
            config,
            "/v1/phone-numbers/kyc".into(),
            Some("/v1/whatsapp/phone-numbers/kyc".into()),
        );
        send(config, Method::Post, &p, &self.submission)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `POST /v1/phone-numbers/kyc/upload-document`: one file as raw bytes (20 MB at most),
/// its name URL-encoded in `X-Filename`.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct UploadDocument {
    /// File name (its extension must match the content).
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
    const NAME: &'static str = "upload_document";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        require("filename", &self.filename)?;
        kyc::check_document_size(self.bytes.len() as u64)?;
        let Some(kind) = kyc::sniff_document(&self.bytes) else {
            return Err(Error::new(
                ErrorCode::KycDocumentTypeUnsupported,
                "upload a PDF, JPEG, PNG or WEBP file",
            ));
        };
        let ext = self
            .filename
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        if ext != kind.extension && !(kind.extension == "jpg" && ext == "jpeg") {
            return Err(Error::new(
                ErrorCode::KycDocumentExtensionMismatch,
                format!(
                    "the file is a {} file: name it with the .{} extension",
                    kind.extension, kind.extension
                ),
            )
            .with("detected", kind.extension));
        }
        let p = path(
            config,
            "/v1/phone-numbers/kyc/upload-document".into(),
            Some("/v1/whatsapp/phone-numbers/kyc/upload-document".into()),
        );
        Ok(HttpRequest {
            method: Method::Post,
            url: config.url(&p, &[])?,
            headers: vec![
                ("accept".into(), "application/json".into()),
                (
                    "authorization".into(),
                    format!("Bearer {}", config.api_key.expose()),
                ),
                ("content-type".into(), "application/octet-stream".into()),
                ("x-filename".into(), super::percent_encode(&self.filename)),
            ],
            body: self.bytes.clone(),
        })
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
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

/// `POST /v1/phone-numbers/kyc/validate-address`: an early address check (snake_case body).
/// A 400 carries suggestions in `details.upstream_details.addressSuggestions`.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
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
    const NAME: &'static str = "validate_address";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        country("country", &self.country)?;
        require("street_address", &self.street_address)?;
        require("locality", &self.locality)?;
        require("postal_code", &self.postal_code)?;
        let p = path(
            config,
            "/v1/phone-numbers/kyc/validate-address".into(),
            Some("/v1/whatsapp/phone-numbers/kyc/validate-address".into()),
        );
        send(config, Method::Post, &p, self)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// Branding of a hosted KYC page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
    /// Where to send the user afterwards (snake_case upstream).
    #[serde(
        default,
        rename = "redirect_url",
        alias = "redirectUrl",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_url: Option<String>,
}

impl Operation<Config> for CreateKycLink {
    type Output = KycLink;
    const NAME: &'static str = "create_kyc_link";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        require("profileId", &self.profile_id)?;
        country("country", &self.country)?;
        if let Some(a) = &self.area_code {
            area_code(a)?;
        }
        if let Some(lang) = &self.language
            && !matches!(lang.as_str(), "en" | "es" | "pt-BR")
        {
            return Err(invalid("language", "en, es or pt-BR"));
        }
        if let Some(b) = &self.branding {
            if let Some(name) = &b.company_name {
                max_len("branding.companyName", name, 60)?;
            }
            if let Some(color) = &b.brand_color {
                let ok = color.len() == 7
                    && color.starts_with('#')
                    && color.bytes().skip(1).all(|c| c.is_ascii_hexdigit());
                if !ok {
                    return Err(invalid("branding.brandColor", "#RRGGBB"));
                }
            }
        }
        let p = path(
            config,
            "/v1/phone-numbers/kyc/share".into(),
            Some("/v1/whatsapp/phone-numbers/kyc/share".into()),
        );
        send(config, Method::Post, &p, self)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `GET /v1/phone-numbers/{id}/remediate`: only the declined requirements.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct GetRemediation {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for GetRemediation {
    type Output = RemediationForm;
    const NAME: &'static str = "get_remediation";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        let p = path(
            config,
            format!("/v1/phone-numbers/{id}/remediate"),
            Some(format!("/v1/whatsapp/phone-numbers/{id}/remediate")),
        );
        get(config, &p, &[])
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `POST /v1/phone-numbers/{id}/remediate`: re-submit corrected answers. Validated against the
/// remediation form first.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    const NAME: &'static str = "submit_remediation";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        kyc_rejected(kyc::validate_remediation(
            &self.form,
            &self.submission,
            None,
            self.today,
            Lang::En,
        ))?;
        // The endpoint takes no issuedAt.
        let mut body = self.submission.clone();
        for d in &mut body.documents {
            d.issued_at = None;
        }
        let p = path(
            config,
            format!("/v1/phone-numbers/{id}/remediate"),
            Some(format!("/v1/whatsapp/phone-numbers/{id}/remediate")),
        );
        send(config, Method::Post, &p, &body)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `POST /v1/phone-numbers/{id}/whatsapp/request-code`: Zernio requests the WhatsApp code and
/// captures it itself. `method` left out lets Zernio choose. Never retried automatically.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct RequestWhatsappCode {
    /// Record id.
    pub id: String,
    /// `SMS` or `VOICE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

impl Operation<Config> for RequestWhatsappCode {
    type Output = Value;
    const NAME: &'static str = "request_whatsapp_code";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        if let Some(m) = &self.method
            && !matches!(m.as_str(), "SMS" | "VOICE")
        {
            return Err(invalid("method", "SMS or VOICE"));
        }
        let p = path(
            config,
            format!("/v1/phone-numbers/{id}/whatsapp/request-code"),
            Some(format!("/v1/whatsapp/phone-numbers/{id}/request-code")),
        );
        send(
            config,
            Method::Post,
            &p,
            &CodeMethodBody {
                method: self.method.as_deref(),
            },
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

#[derive(Serialize)]
struct CodeMethodBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
}

/// Legacy `POST /v1/whatsapp/phone-numbers/{id}/verify` with the 6-digit code (the published
/// docs' flow; the current API captures the code itself). `Debug` hides the code.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct VerifyWhatsappCode {
    /// Record id.
    pub id: String,
    /// The code; `-` and spaces are removed, then 6 digits are required.
    pub code: String,
}

impl std::fmt::Debug for VerifyWhatsappCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyWhatsappCode")
            .field("id", &self.id)
            .field("code", &"<redacted>")
            .finish()
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

impl Operation<Config> for VerifyWhatsappCode {
    type Output = Value;
    const NAME: &'static str = "verify_whatsapp_code";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        let code = six_digit_code("code", &self.code)?;
        send(
            config,
            Method::Post,
            &format!("/v1/whatsapp/phone-numbers/{id}/verify"),
            &json!({ "code": code }),
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `GET /v1/whatsapp/number-info?accountId=`: a live snapshot from Meta (quality, limits,
/// name approval). `accountId` is the WhatsApp account id, not the number record id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetNumberInfo {
    /// WhatsApp account id (`socialAccountId` or `connected[].accountId`).
    pub account_id: String,
}

impl Operation<Config> for GetNumberInfo {
    type Output = Value;
    const NAME: &'static str = "get_number_info";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        require("accountId", &self.account_id)?;
        get(
            config,
            "/v1/whatsapp/number-info",
            &[("accountId", Some(self.account_id.clone()))],
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `POST /v1/whatsapp/calls`: place a WhatsApp call, or (with `action`) send the consumer the
/// call-permission prompt. `Idempotency-Key` makes a retry safe. `Debug` hides the consumer's
/// number, the forwarding target and the prompt text.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct PlaceCall {
    /// WhatsApp account id.
    pub account_id: String,
    /// The consumer, E.164 (`+` optional upstream; sent with it).
    pub to: String,
    /// `send_call_permission_request` to ask for permission instead of calling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Prompt text (permission request only), at most 1024 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    /// `tel:+E164`, `sip:` or `wss:` target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    /// Override recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_override: Option<bool>,
    /// Opaque data, at most 512 characters (snake_case upstream).
    #[serde(
        default,
        rename = "biz_opaque_callback_data",
        skip_serializing_if = "Option::is_none"
    )]
    pub biz_opaque_callback_data: Option<String>,
    /// Idempotency key (header, at most 255), supplied by the host.
    #[serde(default, skip_serializing)]
    pub idempotency_key: Option<String>,
}

impl std::fmt::Debug for PlaceCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceCall")
            .field("account_id", &self.account_id)
            .field("to", &"<redacted>")
            .field("action", &self.action)
            .field(
                "forward_to",
                &self.forward_to.as_ref().map(|_| "<redacted>"),
            )
            .field("body_text", &self.body_text.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Operation<Config> for PlaceCall {
    type Output = Value;
    const NAME: &'static str = "place_call";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        require("accountId", &self.account_id)?;
        check_e164("to", &self.to)?;
        if let Some(action) = &self.action
            && action != "send_call_permission_request"
        {
            return Err(invalid(
                "action",
                "send_call_permission_request, or left out to place a call",
            ));
        }
        if let Some(text) = &self.body_text {
            if self.action.is_none() {
                return Err(invalid(
                    "bodyText",
                    "sent only with action send_call_permission_request",
                ));
            }
            max_len("bodyText", text, 1024)?;
        }
        if let Some(data) = &self.biz_opaque_callback_data {
            max_len("biz_opaque_callback_data", data, 512)?;
        }
        let mut request = send(config, Method::Post, "/v1/whatsapp/calls", self)?;
        if let Some(key) = &self.idempotency_key {
            require("idempotencyKey", key)?;
            max_len("idempotencyKey", key, 255)?;
            request
                .headers
                .push(("idempotency-key".into(), key.clone()));
        }
        Ok(request)
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}

/// `PATCH /v1/whatsapp/phone-numbers/{id}/profile` (no canonical twin).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct MoveToProfile {
    /// Record id.
    pub id: String,
    /// Destination profile (same team).
    pub profile_id: String,
}

impl Operation<Config> for MoveToProfile {
    type Output = MovedToProfile;
    const NAME: &'static str = "move_to_profile";

    fn request(&self, config: &Config) -> Result<HttpRequest> {
        let id = path_id("id", &self.id)?;
        require("profileId", &self.profile_id)?;
        send(
            config,
            Method::Patch,
            &format!("/v1/whatsapp/phone-numbers/{id}/profile"),
            &json!({"profileId": self.profile_id}),
        )
    }

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse(Self::NAME, response)
    }
}
