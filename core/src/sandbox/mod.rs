//! The sandbox: Zernio's phone-number API (and, next, Meta's Graph phone-number endpoints)
//! simulated by the core itself, offline and stateful, so an integration can run the whole
//! number lifecycle without the paid upstream.
//!
//! It is sans-IO like the rest of the core: [`Sandbox::handle`] takes an [`HttpRequest`] and
//! the host's `now` and gives the [`HttpResponse`] and the webhook [`Delivery`]s it produced.
//! Requests are recognised by the operation table's router, arguments checked by the same
//! code the clients run, outputs written by the operations' own wire serialisers, statuses
//! moved by [`crate::status`] and prices taken from the catalog: the sandbox and the library
//! cannot disagree. Time, ids and numbers come from a seeded sequence, so the same requests
//! give the same bytes. The state sits behind one lock; a [`Sandbox`] can be shared between
//! threads.
//!
//! ```
//! use wanumbers::api::{Client, Config};
//! use wanumbers::api::zernio::{ListNumbers, Purchase};
//! use wanumbers::api::models::PurchaseOutcome;
//! use wanumbers::sandbox::Sandbox;
//! let sandbox = std::sync::Arc::new(Sandbox::new(42));
//! let now = "2026-11-30T10:00:00Z".parse().unwrap();
//! let client = Client::new(Config::new("sk_test_1"), sandbox.transport(move || now));
//! let bought = client.execute(&Purchase { profile_id: "prof_1".into(), ..Default::default() }).unwrap();
//! assert!(matches!(bought, PurchaseOutcome::Provisioned { .. }));
//! let list = client.execute(&ListNumbers::default()).unwrap();
//! assert_eq!(list.numbers.len(), 1);
//! ```

mod answer;
mod calling;
mod calls;
mod control;
mod delivery;
mod graph;
mod graph_hooks;
mod hooks;
mod inventory;
mod kyc;
mod numbers;
mod preverified;
mod purchase;
mod remediation;
mod reviewer;
mod rng;
mod state;
mod watches;
mod whatsapp;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde_json::Value;

use crate::api::table::Platform;
use crate::api::{HttpRequest, HttpResponse, Transport, TransportError, wire};
use crate::datetime::Timestamp;
use crate::error::Error;
use crate::macros::value;
use answer::{Fail, Host, json_response, member, run};
pub use calls::names as control_names;
pub use delivery::{GRAPH_RETRY_SECONDS, RETRY_DELAYS, TIMEOUT_MS, retry_delay};
pub use graph::GOOD_CODE;
use state::State;
pub use state::{Delivery, JournalEntry, Review};

/// The outcome of one request: the response, and the webhook deliveries it produced (also
/// kept for [`Sandbox::take_deliveries`]).
#[derive(Debug, Clone)]
pub struct Handled {
    /// What the API answers.
    pub response: HttpResponse,
    /// The webhooks the request (or the time it let pass) sent.
    pub deliveries: Vec<Delivery>,
    /// A planted latency: the host waits this long before answering.
    pub latency_ms: u32,
    /// A planted dropped connection: the host answers nothing (a transport failure).
    pub dropped: bool,
}

/// Both APIs, simulated. See the module documentation.
#[derive(Debug)]
pub struct Sandbox {
    state: Mutex<State>,
}

impl Sandbox {
    /// A sandbox whose ids, numbers and choices come from `seed`.
    pub fn new(seed: u64) -> Sandbox {
        Sandbox {
            state: Mutex::new(State::new(seed)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic cannot happen while the lock is held (no code path panics); if one ever
        // did, the state is still consistent data, so it is used as it is.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers `request` at the host's time `now` (the sandbox adds its clock's offset).
    /// Zernio's paths (`…/v1/…`), Graph's (`/{version}/…`) and the controls
    /// (`/_sandbox/…`) are told apart by the URL's path; the host is not looked at.
    pub fn handle(&self, request: &HttpRequest, now: Timestamp) -> Handled {
        let mut state = self.lock();
        let now = state.clock(now);
        let before = state.queued;
        state.tick(now);
        let kind = route_kind(&request.url);
        let control = matches!(kind, Kind::Control(_));
        let (response, operation) = match kind {
            Kind::Control(path) => (control::handle(&mut state, request, &path, now), None),
            Kind::Zernio => zernio(&mut state, request, now),
            Kind::Graph => graph_api(&mut state, request, now),
        };
        // What this request caused for the caller's account (others' reviews may end too).
        let caller = tenant_key(request).unwrap_or_default();
        let queued = usize::try_from(state.queued.saturating_sub(before)).unwrap_or(usize::MAX);
        let from = state.outbox.len().saturating_sub(queued);
        let deliveries = state
            .outbox
            .get(from..)
            .unwrap_or_default()
            .iter()
            .filter(|d| d.account == caller)
            .cloned()
            .collect();
        let response = with_request_id(&mut state, request, response);
        let (latency_ms, dropped) = (state.latency_ms, state.dropped);
        state.latency_ms = 0;
        state.dropped = false;
        if !control {
            state.remember(request, &response, operation, now);
        }
        Handled {
            response,
            deliveries,
            latency_ms,
            dropped,
        }
    }

    /// The answer to a request whose method neither API has (`HEAD`, `OPTIONS`, `TRACE`, ...,
    /// which [`HttpRequest`] cannot hold): a 405 naming the methods the path takes in `Allow`,
    /// or the API's 404 for a path no operation has. The hosts' servers answer with it.
    pub fn unknown_method(url: &str) -> HttpResponse {
        let platform = match route_kind(url) {
            Kind::Graph => Platform::Graph,
            Kind::Zernio | Kind::Control(_) => Platform::Zernio,
        };
        let allowed = wire::allowed_methods(platform, url);
        if allowed.is_empty() {
            return match platform {
                Platform::Graph => graph::not_found(),
                Platform::Zernio => json_response(404, &value!({"error": "Not found"})),
            };
        }
        let mut response = json_response(
            405,
            &value!({"error": "Method not allowed", "type": "invalid_request_error"}),
        );
        response
            .headers
            .push(("allow".to_owned(), allowed.join(", ")));
        response
    }

    /// Every delivery attempt due and not yet taken, oldest first (the in-process queue). Report
    /// what sending one gave with the `report` control (a failure brings the next attempt after
    /// Zernio's retry delay on the sandbox clock); attempts never reported are simply done.
    pub fn take_deliveries(&self) -> Vec<Delivery> {
        delivery::take(&mut self.lock(), |_| true)
    }

    /// [`Sandbox::take_deliveries`] after letting the host's time `now` act (retries and
    /// reviews that have come due since the last request): what a host that sends the
    /// deliveries polls.
    pub fn take_due(&self, now: Timestamp) -> Vec<Delivery> {
        let mut state = self.lock();
        let now = state.clock(now);
        state.tick(now);
        delivery::take(&mut state, |_| true)
    }

    /// The sandbox as a [`Transport`] for [`crate::api::Client`] and
    /// [`crate::api::GraphClient`]; `now` is the host's clock (a fixed time for tests).
    pub fn transport<F: Fn() -> Timestamp>(self: &Arc<Self>, now: F) -> SandboxTransport<F> {
        SandboxTransport {
            sandbox: Arc::clone(self),
            now,
        }
    }

    /// The state as JSON (a snapshot; restore it with [`Sandbox::restore`]).
    ///
    /// # Errors
    /// `bad_response` if it cannot be written (it always can).
    pub fn snapshot(&self) -> crate::error::Result<Value> {
        crate::value_writer::to_value(&*self.lock()).map_err(|_| {
            Error::new(
                crate::ErrorCode::BadResponse,
                "the sandbox state could not be written",
            )
        })
    }

    /// A sandbox from a snapshot.
    ///
    /// # Errors
    /// `json_invalid` (with where) for a document that is not a snapshot, or one over the
    /// bounds the sandbox keeps (accounts, numbers, queued deliveries, ...).
    pub fn restore(snapshot: Value) -> crate::error::Result<Sandbox> {
        let state: State = crate::error::from_value(snapshot)?;
        if let Some(over) = state.over_bounds() {
            return Err(Error::new(
                crate::ErrorCode::JsonInvalid,
                format!("not a snapshot this sandbox takes: {over}"),
            ));
        }
        Ok(Sandbox {
            state: Mutex::new(state),
        })
    }
}

/// [`Sandbox::transport`].
pub struct SandboxTransport<F> {
    sandbox: Arc<Sandbox>,
    now: F,
}

impl<F> std::fmt::Debug for SandboxTransport<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxTransport").finish_non_exhaustive()
    }
}

impl<F: Fn() -> Timestamp> Transport for SandboxTransport<F> {
    /// The answer; a planted dropped connection is a transport failure (a planted latency is
    /// not waited here: the core never sleeps).
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let handled = self.sandbox.handle(&request, (self.now)());
        if handled.dropped {
            return Err(TransportError {
                message: "the sandbox dropped the connection (a planted failure)".into(),
                maybe_sent: true,
            });
        }
        Ok(handled.response)
    }
}

enum Kind {
    Control(String),
    Zernio,
    Graph,
}

fn route_kind(url: &str) -> Kind {
    let (path, _) = wire::url_parts(url);
    if let Some(control) = path.strip_prefix("/_sandbox/") {
        return Kind::Control(control.trim_end_matches('/').to_owned());
    }
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if wire::is_graph_version(first) {
        Kind::Graph
    } else {
        Kind::Zernio
    }
}

impl State {
    /// The sandbox time of the host's `now`: the offset added, never earlier than a time
    /// already seen.
    fn clock(&mut self, now: Timestamp) -> Timestamp {
        let shifted = later(now, self.offset_seconds);
        let latest = match self.latest {
            Some(latest) if latest.unix_seconds() > shifted.unix_seconds() => latest,
            _ => shifted,
        };
        self.latest = Some(latest);
        latest
    }

    /// Lets time act: reviews (KYC and display names) that have ended end, retries that are
    /// due are queued.
    fn tick(&mut self, now: Timestamp) {
        // Only when a review may have ended: no scan of every account on every request.
        if self
            .next_review
            .is_none_or(|next| next <= now.unix_seconds())
        {
            kyc::end_reviews(self, now);
            graph::end_all_name_reviews(self, now);
            self.next_review = Some(self.earliest_review());
        }
        delivery::tick(self, now);
    }
}

/// The tenant of a request's bearer key, created on first use; `None` without a key. Tenants
/// are filed under a digest of the key, so a snapshot or `Debug` never holds a key.
fn tenant_key(request: &HttpRequest) -> Option<String> {
    let value = request.header("authorization")?;
    let key = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?
        .trim();
    if key.is_empty() {
        return None;
    }
    Some(key_digest(key))
}

/// The digest an account is filed under.
fn key_digest(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    hex(digest.get(..12).unwrap_or_default())
}

/// A 403 for a new key once the sandbox holds [`state::MAX_ACCOUNTS`] accounts.
fn full_house(state: &State, key: &str) -> Option<HttpResponse> {
    (!state.tenants.contains_key(key) && state.tenants.len() >= state::MAX_ACCOUNTS).then(|| {
        json_response(
            403,
            &value!({"error": "This sandbox holds 1000 accounts: reuse a key, or reset it", "type": "permission_error"}),
        )
    })
}

/// `seconds` after `at` (at the end of time, `at`).
fn later(at: Timestamp, seconds: i64) -> Timestamp {
    at.unix_seconds()
        .checked_add(seconds)
        .and_then(|s| Timestamp::from_unix_seconds(s).ok())
        .unwrap_or(at)
}

/// Lowercase hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Zernio: authentication, rate limit, routing, the operation.
fn zernio(
    state: &mut State,
    request: &HttpRequest,
    now: Timestamp,
) -> (HttpResponse, Option<&'static str>) {
    let routed = match wire::route(Platform::Zernio, request) {
        Ok(routed) => routed,
        // The key is looked at before the arguments, except on the keyless operations.
        Err(e)
            if e.code() != crate::ErrorCode::OperationUnknown
                && !keyless_path(&request.url)
                && !tenant_key(request).is_some_and(|key| state.accepts(&key)) =>
        {
            return (error::unauthorized(), None);
        }
        Err(e) => return (error::from_route(&e), None),
    };
    let name = Some(routed.operation.name);
    // Only the canonical paths: the deprecated aliases still want a key.
    let keyless = keyless_path(&request.url);
    let Some(key) = tenant_key(request).filter(|key| state.accepts(key)) else {
        // A keyless call (or one with a key the sandbox was told not to accept) of an
        // operation the API answers without a key is answered as the API answers it.
        if keyless && tenant_key(request).is_none() {
            let response =
                numbers::handle(state, "", &routed, now).unwrap_or_else(|f| f.response());
            return (response, name);
        }
        return (error::unauthorized(), name);
    };
    if let Some(full) = full_house(state, &key) {
        return (full, name);
    }
    let limit = state.rate_limit;
    let tenant = state.tenants.entry(key.clone()).or_default();
    let minute = now.unix_seconds().div_euclid(60);
    if tenant.window.0 == minute {
        tenant.window.1 = tenant.window.1.saturating_add(1);
    } else {
        tenant.window = (minute, 1);
    }
    let used = tenant.window.1;
    let reset = (minute + 1) * 60;
    let mut response = if used > limit {
        error::rate_limited(reset - now.unix_seconds())
    } else {
        operation(state, &key, &routed, now)
    };
    response.headers.extend([
        ("x-ratelimit-limit".to_owned(), limit.to_string()),
        (
            "x-ratelimit-remaining".to_owned(),
            limit.saturating_sub(used).to_string(),
        ),
        ("x-ratelimit-reset".to_owned(), reset.to_string()),
    ]);
    (response, name)
}

/// The canonical paths the API answers without a key (1.127.0).
fn keyless_path(url: &str) -> bool {
    let (path, _) = wire::url_parts(url);
    let path = path.trim_end_matches('/');
    ["countries", "available", "availability"]
        .iter()
        .any(|end| {
            path.strip_suffix(end)
                .is_some_and(|rest| rest.ends_with("/v1/phone-numbers/"))
        })
}

/// A module's operations: its answer, or [`Fail::next`] for an operation not its own.
type Handler = fn(&mut State, &str, &wire::Routed, Timestamp) -> Result<HttpResponse, Fail>;

/// Every module that simulates Zernio operations.
const ZERNIO: &[Handler] = &[
    numbers::handle,
    kyc::handle,
    remediation::handle,
    hooks::handle,
    calling::handle,
    reviewer::handle,
    whatsapp::handle,
    watches::handle,
];

/// The failure planted for the next call of `routed`'s operation on `key`'s account, if any
/// (it is used up).
fn fault(state: &mut State, key: &str, routed: &wire::Routed) -> Option<HttpResponse> {
    let faults = &mut state.tenants.get_mut(key)?.faults;
    let at = faults
        .iter()
        .position(|f| f.operation == routed.operation.name && f.times > 0)?;
    let fault = faults.get_mut(at)?;
    fault.times -= 1;
    let fault = fault.clone();
    faults.retain(|f| f.times > 0);
    // Latency and a dropped connection are the host's to act out (the core neither sleeps
    // nor owns a socket): they ride along with the answer.
    state.latency_ms = fault.latency_ms.min(MAX_LATENCY_MS);
    state.dropped = fault.drop;
    let status = fault.status?;
    if fault.malformed {
        return Some(HttpResponse::new(
            status,
            &b"<html>upstream error</html>"[..],
        ));
    }
    let body = match routed.operation.platform {
        Platform::Zernio => {
            value!({"error": "A failure planted through /_sandbox/faults", "type": "api_error", "code": fault.code})
        }
        Platform::Graph => value!({"error": {
            "message": "A failure planted through /_sandbox/faults",
            "type": "OAuthException",
            "code": fault.code.unwrap_or_else(|| value!(1)),
            "fbtrace_id": "AsandboxTrace"
        }}),
    };
    Some(json_response(status, &body))
}

/// The longest planted latency: a minute.
const MAX_LATENCY_MS: u32 = 60_000;

fn operation(state: &mut State, key: &str, routed: &wire::Routed, now: Timestamp) -> HttpResponse {
    if let Some(planted) = fault(state, key, routed) {
        return planted;
    }
    for handler in ZERNIO {
        match handler(state, key, routed, now) {
            Err(fail) if fail.unhandled => {}
            Ok(response) => return response,
            Err(fail) => return fail.response(),
        }
    }
    Fail::next().response()
}

/// Graph: the access token (an account per token), routing, the operation.
fn graph_api(
    state: &mut State,
    request: &HttpRequest,
    now: Timestamp,
) -> (HttpResponse, Option<&'static str>) {
    let Some(key) = tenant_key(request).filter(|key| state.accepts(key)) else {
        return (graph::unauthorized(), None);
    };
    if let Some(full) = full_house(state, &key) {
        return (full, None);
    }
    match wire::route(Platform::Graph, request) {
        Ok(routed) => {
            let response = fault(state, &key, &routed).unwrap_or_else(|| {
                graph::handle(state, &key, &routed, now).unwrap_or_else(|f| f.response())
            });
            (response, Some(routed.operation.name))
        }
        Err(_) => (graph::not_found(), None),
    }
}

fn with_request_id(
    state: &mut State,
    request: &HttpRequest,
    mut response: HttpResponse,
) -> HttpResponse {
    let id = request
        .header("x-request-id")
        .filter(|id| !id.is_empty() && id.len() <= 200 && id.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| state.ids.id("req_"), str::to_owned);
    response.headers.push(("x-request-id".to_owned(), id));
    response
}

mod error {
    //! The canned error responses.

    use crate::macros::value;

    use super::json_response;
    use crate::api::HttpResponse;
    use crate::error::{Error, ErrorCode};

    pub fn unauthorized() -> HttpResponse {
        json_response(401, &value!({"error": "Unauthorized"}))
    }

    pub fn rate_limited(retry_after: i64) -> HttpResponse {
        let mut response = json_response(
            429,
            &value!({"error": "Too many requests", "type": "rate_limit_error"}),
        );
        response
            .headers
            .push(("retry-after".to_owned(), retry_after.max(1).to_string()));
        response
    }

    /// No operation has this method and path (a wrong method is a 405 naming the allowed
    /// ones); the canned 404 otherwise.
    pub fn from_route(error: &Error) -> HttpResponse {
        if error.code() == ErrorCode::OperationUnknown {
            if let Some(allowed) = error.details().get("allowed") {
                let mut response = json_response(
                    405,
                    &value!({"error": "Method not allowed", "type": "invalid_request_error"}),
                );
                let allowed: Vec<&str> = allowed
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                    .unwrap_or_default();
                response
                    .headers
                    .push(("allow".to_owned(), allowed.join(", ")));
                return response;
            }
            return json_response(404, &value!({"error": "Not found"}));
        }
        json_response(
            400,
            &value!({"error": error.message(), "type": "invalid_request_error"}),
        )
    }
}
