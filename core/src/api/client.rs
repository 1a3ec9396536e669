//! A blocking client over a transport the host supplies. The core still sends nothing: the
//! transport does. Async hosts skip this and call `request` / `parse` around their own await.

use std::fmt;

use super::graph::GraphConfig;
use super::http::{HttpRequest, HttpResponse};
use super::retry::{Attempt, Decision, RetryPolicy, decide};
use super::table::OperationSpec;
use super::{ApiConfig, Config, Operation};
use crate::datetime::Timestamp;
use crate::error::{Error, ErrorCode, Result};

/// Why a transport could not deliver a request (network down, timeout, TLS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What went wrong, in the transport's words (must not contain secrets).
    pub message: String,
    /// Whether the request may have reached the server (a timeout after sending).
    pub maybe_sent: bool,
}

impl TransportError {
    /// A failure before anything was sent.
    pub fn new(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            maybe_sent: false,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Error {
        Error::new(
            ErrorCode::TransportFailed,
            format!("the request could not be delivered: {}", e.message),
        )
        .with("maybe_sent", e.maybe_sent)
    }
}

/// Sends one request and returns the response. Any `Fn(HttpRequest) -> Result<HttpResponse,
/// TransportError>` is a transport.
pub trait Transport {
    /// Sends `request`.
    ///
    /// # Errors
    /// When the request could not be delivered.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<F> Transport for F
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError>,
{
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self(request)
    }
}

/// A Zernio client: builds, sends through the transport, parses.
///
/// ```
/// use wanumbers::api::{Client, Config, HttpRequest, HttpResponse, TransportError};
/// use wanumbers::api::zernio::ListNumbers;
/// let transport = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
///     assert_eq!(req.url, "https://zernio.com/api/v1/phone-numbers?status=active");
///     Ok(HttpResponse::new(200, r#"{"numbers": [{"_id": "n1", "status": "active"}]}"#))
/// };
/// let client = Client::new(Config::new("sk_test"), transport);
/// let list = client.execute(&ListNumbers { status: Some("active".into()), profile_id: None }).unwrap();
/// assert_eq!(list.numbers[0].id.as_deref(), Some("n1"));
/// ```
pub struct ApiClient<C, T> {
    config: C,
    transport: T,
    retrying: Option<Retrying>,
}

/// A Zernio client ([`ApiClient`] over a [`Config`]).
pub type Client<T> = ApiClient<Config, T>;

/// A Meta Graph API client ([`ApiClient`] over a [`GraphConfig`]).
pub type GraphClient<T> = ApiClient<GraphConfig, T>;

/// Retries for a client: the core's [`RetryPolicy`] with the host's clock, sleep and jitter
/// (the core reads no clock and draws no random numbers).
pub struct Retrying {
    /// Attempts and waits.
    pub policy: RetryPolicy,
    /// Now.
    pub now: Box<dyn Fn() -> Timestamp>,
    /// Waits this many milliseconds.
    pub sleep: Box<dyn Fn(u64)>,
    /// A random number in `[0, 1)`.
    pub jitter: Box<dyn Fn() -> f64>,
}

impl fmt::Debug for Retrying {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retrying")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// Sends `request` through `transport`, again while `retrying` says so.
fn send_with_retries<T: Transport>(
    transport: &T,
    retrying: Option<&Retrying>,
    spec: &OperationSpec,
    args: impl FnOnce() -> Result<serde_json::Value>,
    request: HttpRequest,
) -> Result<HttpResponse> {
    let Some(retrying) = retrying else {
        return Ok(transport.send(request)?);
    };
    let args = args()?;
    let mut attempt = 1;
    loop {
        let outcome = transport.send(request.clone());
        let kind = match &outcome {
            Ok(response) => Attempt::Response(response),
            Err(_) => Attempt::TransportFailed,
        };
        let now = (retrying.now)();
        let jitter = (retrying.jitter)();
        match decide(&retrying.policy, spec, &args, attempt, kind, now, jitter) {
            Decision::Stop => return Ok(outcome?),
            Decision::Retry { after_ms } => {
                (retrying.sleep)(after_ms);
                attempt += 1;
            }
        }
    }
}

impl<C: ApiConfig, T: Transport> ApiClient<C, T> {
    /// A client over `transport`.
    pub fn new(config: C, transport: T) -> Self {
        ApiClient {
            config,
            transport,
            retrying: None,
        }
    }

    /// Retries retry-safe calls as the core decides ([`super::retry`]), with the host's
    /// clock, sleep and jitter. Without this, nothing is retried.
    #[must_use]
    pub fn with_retries(mut self, retrying: Retrying) -> Self {
        self.retrying = Some(retrying);
        self
    }

    /// The config.
    pub fn config(&self) -> &C {
        &self.config
    }

    /// Builds, sends and parses one operation; with [`ApiClient::with_retries`], a retry-safe
    /// call is sent again after a transport failure, a 429 or a 5xx. Otherwise the error's
    /// `details.retryable` says whether a retry is safe.
    ///
    /// # Errors
    /// The operation's argument errors, `transport_failed`, or an `api` error.
    pub fn execute<O: Operation<C>>(&self, operation: &O) -> Result<O::Output> {
        let request = operation.request(&self.config)?;
        let args = || super::to_args(operation).map(serde_json::Value::Object);
        let response = send_with_retries(
            &self.transport,
            self.retrying.as_ref(),
            O::SPEC,
            args,
            request,
        )?;
        operation.parse(&response).map_err(|e| match args() {
            Ok(args) => super::retry::settle_retryable(e, O::SPEC, &args),
            Err(_) => e,
        })
    }
}

// One named method per operation (`client.purchase(&op)` is `client.execute(&op)`) comes from
// the registry in `dispatch`.

impl<C: fmt::Debug, T> fmt::Debug for ApiClient<C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> GraphClient<T> {
    /// Lists every phone number of a WABA by following the `after` cursor through the
    /// transport, page by page (at most `max_pages`, to bound a runaway loop).
    ///
    /// # Errors
    /// As [`GraphClient::execute`].
    pub fn list_all_phone_numbers(
        &self,
        operation: &super::graph::ListPhoneNumbers,
        max_pages: usize,
    ) -> Result<Vec<super::graph::GraphPhoneNumber>> {
        let mut op = operation.clone();
        let mut out = Vec::new();
        for _ in 0..max_pages {
            let page = self.execute(&op)?;
            let next = op.next_page(&page);
            out.extend(page.data);
            match next {
                Some(next) => op = next,
                None => break,
            }
        }
        Ok(out)
    }
}
