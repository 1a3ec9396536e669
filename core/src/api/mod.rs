//! The API layer, sans I/O: each operation is a pure request builder and a pure response
//! parser (the oauth2-rs / h11 pattern). The host sends the [`HttpRequest`] however it likes —
//! a closure, `fetch`, `urllib` — and hands back the [`HttpResponse`].
//!
//! ```
//! use wanumbers::api::{Config, Operation, HttpResponse, zernio::CheckAvailability};
//! let config = Config::new("sk_test_key");
//! let op = CheckAvailability { country: "DE".into(), number_type: None, sms: None };
//! let request = op.request(&config).unwrap();
//! assert_eq!(request.url, "https://zernio.com/api/v1/phone-numbers/availability?country=DE");
//! let response = HttpResponse::new(200, r#"{"available": true, "addressConstraint": "geo", "areas": ["Berlin"]}"#);
//! let availability = op.parse(&response).unwrap();
//! assert_eq!(availability.areas, ["Berlin"]);
//! ```
//!
//! With a transport, [`Client`] does the three steps in one call; async hosts call `request`,
//! await their own HTTP, then call `parse`.

pub(crate) mod args;
mod client;
pub mod dispatch;
pub(crate) mod errors;
pub mod graph;
mod http;
pub mod models;
mod output;
pub mod pages;
pub mod respond;
pub mod retry;
pub mod table;
pub mod wire;
pub mod zernio;

pub use args::{Args, snake_case};
pub use client::{ApiClient, Client, GraphClient, Retrying, Transport, TransportError};
pub use graph::GraphConfig;

/// Zernio's config, named like Graph's ([`GraphConfig`]); the same type as [`Config`].
pub type ZernioConfig = Config;
/// Zernio's client, named like Graph's ([`GraphClient`]); the same type as [`Client`].
pub type ZernioClient<T> = Client<T>;
pub use http::{HttpRequest, HttpResponse, Method, Secret, is_secret_header, percent_encode};
pub(crate) use output::parse_json;
pub use output::parse_output;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::{Error, ErrorCode, Result};

/// The default Zernio API base URL.
pub const DEFAULT_BASE_URL: &str = "https://zernio.com/api";

/// The wire members (of results and events) whose values are personal data or secrets: names,
/// addresses, documents, KYC answers, a consumer's number, keys and passwords, bearer links
/// (hosted KYC, checkout, signed recordings) and raw bodies. The bindings never show them in a
/// `repr` or `inspect`; they stay in the value itself and in its wire form.
pub const PERSONAL_MEMBERS: &[&str] = &[
    "accessToken",
    "apiKey",
    "secret",
    "password",
    "token",
    "client_encryption_key",
    "cloud_encryption_key",
    "address",
    "street_address",
    "extended_address",
    "postal_code",
    "first_name",
    "last_name",
    "endUserFirstName",
    "endUserLastName",
    "registrantName",
    "values",
    "base64",
    "bytes",
    "to",
    "from",
    "localTo",
    "requestPayload",
    "responseBody",
    "payload",
    "checkoutUrl",
    "kycUrl",
    "verifyUrl",
    "verificationUrl",
    "onfidoVerificationUrl",
    "claimUrl",
    "recordingUrl",
    "url",
];

/// Which Zernio paths to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PathStyle {
    /// `/v1/phone-numbers/*` (current).
    #[default]
    Canonical,
    /// The deprecated `/v1/whatsapp/phone-numbers/*` aliases of the published docs.
    Legacy,
}

/// How to reach Zernio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Base URL, default `https://zernio.com/api`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// API key (a bearer token); never shown by `Debug`.
    #[serde(with = "secret_string")]
    #[cfg_attr(test, ts(type = "string"))]
    pub api_key: Secret,
    /// Canonical or legacy paths.
    #[serde(default)]
    pub paths: PathStyle,
    /// Allows an `http://` base URL to a host other than localhost (the API key then crosses
    /// the network in clear text). Off by default.
    #[serde(default)]
    pub allow_insecure_http: bool,
}

fn default_base_url() -> String {
    DEFAULT_BASE_URL.to_owned()
}

impl Config {
    /// A config with the default base URL and canonical paths.
    pub fn new(api_key: impl Into<Secret>) -> Config {
        Config {
            base_url: default_base_url(),
            api_key: api_key.into(),
            paths: PathStyle::Canonical,
            allow_insecure_http: false,
        }
    }

    /// Uses another base URL (a mock server, a proxy).
    #[must_use]
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Config {
        self.base_url = base_url.into();
        self
    }

    /// The URL of `path` with the query parameters that are set, once the base URL is one the
    /// key may be sent to ([`check_base_url`]).
    pub(crate) fn url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String> {
        require("apiKey", self.api_key.expose())?;
        check_base_url(&self.base_url, self.allow_insecure_http)?;
        Ok(http::url(&self.base_url, path, query))
    }

    /// Uses the deprecated `/v1/whatsapp/phone-numbers/*` aliases.
    #[must_use]
    pub fn with_legacy_paths(mut self) -> Config {
        self.paths = PathStyle::Legacy;
        self
    }
}

mod secret_string {
    use super::Secret;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(_: &Secret, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("<redacted>")
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

/// A platform's config ([`Config`] for Zernio, [`GraphConfig`] for Graph): it finishes the
/// request of a row of the table (base URL, path style, credentials). Sealed.
pub trait ApiConfig: sealed::Sealed {
    /// Canonical or legacy paths.
    #[doc(hidden)]
    fn path_style(&self) -> PathStyle;

    /// The bearer token.
    #[doc(hidden)]
    fn bearer(&self) -> &Secret;

    /// The URL of `path` with the query parameters that are set, once the base URL and key
    /// are ones a request may be built with.
    ///
    /// # Errors
    /// `argument_*` for a bad base URL, version or missing key.
    #[doc(hidden)]
    fn api_url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String>;

    /// The request of `spec` from its arguments (JSON form) and the raw body of an upload.
    ///
    /// # Errors
    /// `argument_*` for a path parameter, a bad base URL or a missing key.
    #[doc(hidden)]
    fn build(
        &self,
        spec: &table::OperationSpec,
        args: &serde_json::Map<String, serde_json::Value>,
        bytes: Option<Vec<u8>>,
    ) -> Result<HttpRequest> {
        build_request(
            spec,
            self.path_style(),
            args,
            bytes,
            |p, q| self.api_url(p, q),
            self.bearer(),
        )
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Config {}
    impl Sealed for super::GraphConfig {}
}

impl ApiConfig for Config {
    fn path_style(&self) -> PathStyle {
        self.paths
    }

    fn bearer(&self) -> &Secret {
        &self.api_key
    }

    fn api_url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String> {
        self.url(path, query)
    }
}

impl ApiConfig for GraphConfig {
    fn path_style(&self) -> PathStyle {
        PathStyle::Canonical
    }

    fn bearer(&self) -> &Secret {
        &self.access_token
    }

    fn api_url(&self, path: &str, query: &[(&str, Option<String>)]) -> Result<String> {
        self.url(path, query)
    }
}

/// One API operation: a pure request builder and a pure response parser. `C` is the config
/// type ([`Config`] for Zernio, [`GraphConfig`] for Meta's Graph API).
pub trait Operation<C: ApiConfig>: Serialize {
    /// What a successful response parses into.
    type Output: Serialize + DeserializeOwned + crate::Decode;
    /// What the operation is: its row of the [`table`].
    const SPEC: &'static table::OperationSpec;
    /// The operation's snake_case name (in errors and the bindings' generic entry points).
    const NAME: &'static str = Self::SPEC.name;

    /// The names of its arguments (the struct's serde names).
    fn arg_names() -> Vec<&'static str>
    where
        Self: DeserializeOwned + crate::Decode,
    {
        args::field_names::<Self>().to_vec()
    }

    /// Checks what types cannot say (the API's rules on values), on the arguments as the
    /// type writes them ([`Args`]: the by-name entry points have them in that form and no
    /// typed value); nothing more by default. The one place an operation's checks live:
    /// [`Operation::request`] and [`Check::check`] run them.
    ///
    /// # Errors
    /// An `argument_*`, `country_*`, `phone_*` or `kyc_*` error.
    fn check_args(_args: Args<'_>, _config: &C) -> Result<()> {
        Ok(())
    }

    /// Validates the arguments and builds the request, each argument placed by the table. A
    /// bad argument never reaches the network: it is an `argument_*`, `country_*`, `phone_*`
    /// or `kyc_*` error here.
    ///
    /// # Errors
    /// As described.
    fn request(&self, config: &C) -> Result<HttpRequest> {
        let args = to_args(self)?;
        Self::check_args(Args::of(&args), config)?;
        config.build(Self::SPEC, &args, None)
    }

    /// Reads the response: the output, or one [`Error`] with a stable code. By default as the
    /// table says ([`parse_output`]): the platform's errors, the envelope, the output's type.
    ///
    /// # Errors
    /// An `api` error for an error status or an unreadable body.
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse_output(Self::SPEC, response)
    }

    /// The arguments of the page after `page` (this call's output), or `None` after the last
    /// page and for an operation that does not page: the table's rule ([`pages::next_args`]).
    fn next_page(&self, page: &Self::Output) -> Option<Self>
    where
        Self: Sized + DeserializeOwned,
    {
        let args = crate::value_writer::to_value(self).ok()?;
        let page = crate::value_writer::to_value(page).ok()?;
        pages::next_args(Self::SPEC, &args, &page).and_then(|next| crate::json::decode(next).ok())
    }

    /// The reverse of [`Operation::parse`]: `output` written back as the API sends it (the
    /// first documented success status, the table's envelope, `None` fields left out), so that
    /// `parse(respond(x)) == x`. What the sandbox answers with.
    ///
    /// # Errors
    /// `bad_response` when the output cannot be written as JSON.
    fn respond(&self, output: &Self::Output) -> Result<HttpResponse> {
        respond::json_response(Self::SPEC, output)
    }
}

/// An operation's checks ([`Operation::check_args`]) on its value, without building the
/// request. Implemented for every operation and for nothing else, so the checks have one
/// place.
pub trait Check<C: ApiConfig> {
    /// Runs the operation's checks on its arguments as it writes them.
    ///
    /// # Errors
    /// As [`Operation::check_args`].
    fn check(&self, config: &C) -> Result<()>;
}

impl<C: ApiConfig, O: Operation<C>> Check<C> for O {
    fn check(&self, config: &C) -> Result<()> {
        O::check_args(Args::of(&to_args(self)?), config)
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers for building and parsing.

/// An operation's arguments as a JSON object (its serde form).
pub(crate) fn to_args<T: Serialize + ?Sized>(
    args: &T,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    match crate::value_writer::to_value(args) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Error::new(
            ErrorCode::ArgumentInvalid,
            "the arguments could not be written as JSON",
        )),
    }
}

/// The request of `spec` from `args` (the operation's serde form, after its checks): the table
/// places each argument in the path, query, headers or body; `url` adds the base URL and
/// `bearer` the credentials. `bytes` is the raw body of an upload.
pub(crate) fn build_request(
    spec: &table::OperationSpec,
    style: PathStyle,
    args: &serde_json::Map<String, serde_json::Value>,
    bytes: Option<Vec<u8>>,
    url: impl FnOnce(&str, &[(&str, Option<String>)]) -> Result<String>,
    bearer: &Secret,
) -> Result<HttpRequest> {
    let parts = wire::build(spec, style, args, bytes)?;
    let url = url(&parts.path, &parts.query)?;
    let mut headers = vec![
        ("accept".to_owned(), "application/json".to_owned()),
        (
            "authorization".to_owned(),
            format!("Bearer {}", bearer.expose()),
        ),
    ];
    let body = match parts.body {
        None => Vec::new(),
        Some(wire::WireBody::Json(value)) => {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
            serde_json::to_vec(&value).map_err(|_| {
                Error::new(
                    ErrorCode::ArgumentInvalid,
                    "the request body could not be written as JSON",
                )
            })?
        }
        Some(wire::WireBody::Bytes(bytes)) => {
            headers.push((
                "content-type".to_owned(),
                "application/octet-stream".to_owned(),
            ));
            bytes
        }
    };
    headers.extend(parts.headers);
    Ok(HttpRequest {
        method: spec.method,
        url,
        headers,
        body,
    })
}

pub(crate) fn require(argument: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::ArgumentMissing,
            format!("{argument} is required"),
        )
        .with("argument", argument));
    }
    Ok(())
}

pub(crate) fn max_len(argument: &str, value: &str, max: usize) -> Result<()> {
    let length = value.chars().count();
    if length > max {
        return Err(Error::new(
            ErrorCode::ArgumentTooLong,
            format!("{argument} is at most {max} characters"),
        )
        .with("argument", argument)
        .with("max", max)
        .with("length", length));
    }
    Ok(())
}

/// `argument_too_long` for a list of more than `max` items.
pub(crate) fn too_many(argument: &str, max: usize, count: usize) -> Error {
    Error::new(
        ErrorCode::ArgumentTooLong,
        format!("{argument} has at most {max} items"),
    )
    .with("argument", argument)
    .with("max", max)
    .with("length", count)
}

pub(crate) fn invalid(argument: &str, expected: &str) -> Error {
    Error::new(
        ErrorCode::ArgumentInvalid,
        format!("{argument} must be {expected}"),
    )
    .with("argument", argument)
    .with("expected", expected)
}

/// A strict country code argument; errors say which argument.
pub(crate) fn country(argument: &str, value: &str) -> Result<CountryCode> {
    CountryCode::parse(value).map_err(|e| e.with("argument", argument))
}

/// One of the four number types the API sells (`local`, `mobile`, `national`, `toll_free`).
pub(crate) fn number_type(value: Option<&str>) -> Result<()> {
    match value {
        Some(t) if !crate::country::OfferedNumberType::from(t).is_known() => Err(invalid(
            "numberType",
            "local, mobile, national or toll_free",
        )),
        _ => Ok(()),
    }
}

/// `^\d{1,4}$`.
pub(crate) fn area_code(value: &str) -> Result<()> {
    if (1..=4).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(invalid("areaCode", "1 to 4 digits"))
    }
}

/// An id used as a path segment: present, not a dot segment, and percent-encoded, so no id
/// can change which path is called (`/` and `%` are encoded; `.` and `..` would be resolved
/// away by URL normalisation, so they are refused).
pub(crate) fn path_id(argument: &str, value: &str) -> Result<String> {
    require(argument, value)?;
    if value == "." || value == ".." {
        return Err(invalid(argument, "an id, not a path segment such as `..`"));
    }
    Ok(percent_encode(value))
}

/// A base URL the bearer token may be sent to: `https://`, or `http://` to a loopback host
/// (`localhost`, `127.x.x.x`, `[::1]`: the sandbox, a local mock) unless the caller opts in
/// with `allowInsecureHttp`. No query or fragment (paths are appended to it).
pub(crate) fn check_base_url(base_url: &str, allow_insecure_http: bool) -> Result<()> {
    let refuse = || {
        invalid(
            "baseUrl",
            "an https:// URL (http:// only to localhost, or with allowInsecureHttp)",
        )
    };
    let lower = base_url.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(refuse());
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty()
        || authority.contains('@')
        || rest.contains(['?', '#'])
        || rest.bytes().any(|b| b <= b' ' || b == 0x7F)
    {
        return Err(refuse());
    }
    if secure || allow_insecure_http {
        return Ok(());
    }
    let host = if authority.starts_with('[') {
        authority.split(']').next().map(|h| format!("{h}]"))
    } else {
        authority.split(':').next().map(str::to_owned)
    }
    .unwrap_or_default();
    let loopback = host == "localhost"
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|r| {
            r.split('.').count() == 3 && r.split('.').all(|p| p.parse::<u8>().is_ok())
        });
    if loopback { Ok(()) } else { Err(refuse()) }
}
