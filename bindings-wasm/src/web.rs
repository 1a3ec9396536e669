//! What the web build (feature `web`) adds to the forms build: invoices and run-rate, the
//! number lifecycle, the API (request builder, response parser) and webhooks. The browser
//! forms build (feature `forms`) leaves these out to stay small; the Node and sandbox builds
//! (`full`) have everything.

use wanumbers::api::dispatch::Platform;
use wanumbers::api::{HttpResponse, zernio};
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::webhook;
use wanumbers::{Date, Timestamp};
use wasm_bindgen::prelude::*;

use crate::{
    JsResult, OrThrow, bounded_string, bytes_arg, from_js, model, opt_str_arg, option_string,
    raise, str_arg, to_js, whole_arg,
};

/// An invoice for `[start, end)` from each number's status history.
#[wasm_bindgen]
pub fn invoice(numbers: JsValue, start: JsValue, end: JsValue) -> JsResult<JsValue> {
    let numbers: Vec<FleetNumber> = model(numbers)?;
    let (start, end) = (str_arg(&start, "start")?, str_arg(&end, "end")?);
    let start = Date::parse(&start).or_throw()?;
    let end = Date::parse(&end).or_throw()?;
    to_js(&pricing::invoice(&numbers, start, end).or_throw()?)
}

/// The fleet's monthly run-rate from each number's current status.
#[wasm_bindgen(js_name = runRate)]
pub fn run_rate(numbers: JsValue) -> JsResult<JsValue> {
    let numbers: Vec<FleetNumber> = model(numbers)?;
    to_js(&pricing::run_rate(&numbers).or_throw()?)
}

/// The status after `event`; throws a `TransitionError` when the lifecycle forbids it.
#[wasm_bindgen(js_name = nextStatus)]
pub fn next_status(status: JsValue, event: JsValue) -> JsResult<String> {
    let (status, event) = (str_arg(&status, "status")?, str_arg(&event, "event")?);
    let event = NumberEvent::parse(&event).or_throw()?;
    status::next(&NumberStatus::from(status.as_str()), event)
        .map(|s| s.as_str().to_owned())
        .or_throw()
}

/// `{canRelease, canRemediate, canRequestCode, isBillable, isTerminal, events}`.
#[wasm_bindgen(js_name = allowedActions)]
pub fn allowed_actions(status: JsValue) -> JsResult<JsValue> {
    let status = str_arg(&status, "status")?;
    to_js(&status::allowed_actions(&NumberStatus::from(
        status.as_str(),
    )))
}

/// A status name, checked strictly.
#[wasm_bindgen(js_name = parseStatus)]
pub fn parse_status(status: JsValue) -> JsResult<String> {
    NumberStatus::parse(&str_arg(&status, "status")?)
        .map(|s| s.as_str().to_owned())
        .or_throw()
}

/// The lifecycle event of a `whatsapp.number.*` webhook, or `null`.
#[wasm_bindgen(js_name = webhookEvent)]
pub fn webhook_event(name: JsValue) -> JsResult<Option<String>> {
    Ok(NumberEvent::from_webhook(&str_arg(&name, "name")?).map(|e| e.as_str().to_owned()))
}

/// Whether a list view shows a number; options `{now, view?, declinedAt?}` (RFC 3339 strings).
#[wasm_bindgen(js_name = inListView)]
pub fn in_list_view(status: JsValue, options: JsValue) -> JsResult<bool> {
    let status = str_arg(&status, "status")?;
    let now = option_string(&options, "now")?
        .ok_or_else(|| raise(&wanumbers::limits::wrong_type("options.now", "a string")))?;
    let now = Timestamp::parse(&now).or_throw()?;
    let view = option_string(&options, "view")?.map(|v| NumberStatus::from(v.as_str()));
    let declined_at = option_string(&options, "declinedAt")?
        .map(|d| Timestamp::parse(&d))
        .transpose()
        .or_throw()?;
    Ok(status::in_list_view(
        view.as_ref(),
        &NumberStatus::from(status.as_str()),
        declined_at,
        now,
    ))
}

/// A built request's method, URL and headers, as `buildRequest` returns them (the body is set
/// on the object as a `Uint8Array`).
#[derive(serde::Serialize)]
struct RequestHead<'a> {
    method: &'a str,
    url: &'a str,
    headers: &'a [(String, String)],
}

/// Builds the HTTP request of an operation: `{method, url, headers: [name, value][], body:
/// Uint8Array}`. `platform` is `zernio` or `graph`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(
    platform: JsValue,
    config: JsValue,
    operation: JsValue,
    args: JsValue,
) -> JsResult<JsValue> {
    let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
    let operation = str_arg(&operation, "operation")?;
    let (config, args) = (from_js(config)?, from_js(args)?);
    let request = platform.request(config, &operation, args).or_throw()?;
    // Headers and the rest as plain data; the body as a real Uint8Array. (The package's
    // `buildRequest` wraps this so printing the request redacts the secret headers.)
    let object = to_js(&RequestHead {
        method: request.method.as_str(),
        url: &request.url,
        headers: &request.headers,
    })?;
    js_sys::Reflect::set(
        &object,
        &"body".into(),
        &js_sys::Uint8Array::from(request.body.as_slice()),
    )?;
    Ok(object)
}

/// Parses the response (`{status, headers?, body?: string | Uint8Array}`) of an operation, or
/// throws an `ApiError`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    platform: JsValue,
    operation: JsValue,
    args: JsValue,
    response: JsValue,
) -> JsResult<JsValue> {
    let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
    let operation = str_arg(&operation, "operation")?;
    let args = from_js(args)?;
    let response = response_arg(&response)?;
    let value = platform
        .parse_response(&operation, args, &response)
        .or_throw()?;
    to_js(&value)
}

/// The arguments of the next page after `page` (the parsed result of `operation` called with
/// `args`), or `null` when there is none (the last page, or an operation that does not page).
#[wasm_bindgen(js_name = nextPage)]
pub fn next_page(
    platform: JsValue,
    operation: JsValue,
    args: JsValue,
    page: JsValue,
) -> JsResult<JsValue> {
    let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
    let operation = str_arg(&operation, "operation")?;
    let (args, page) = (from_js(args)?, from_js(page)?);
    let next = platform.next_page(&operation, args, page).or_throw()?;
    to_js(&next)
}

/// The operation names of a platform.
#[wasm_bindgen]
pub fn operations(platform: JsValue) -> JsResult<Vec<String>> {
    let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
    Ok(platform
        .operations()
        .iter()
        .map(|n| (*n).to_owned())
        .collect())
}

/// Every page of one call: the core decides what to request next and which items a page
/// holds; the client only sends (`listAllPhoneNumbers`). Call `free()` when done.
#[wasm_bindgen]
pub struct Pager(wanumbers::api::pages::Pager);

#[wasm_bindgen]
impl Pager {
    /// Starts at `args`; reads at most `maxPages` pages.
    #[wasm_bindgen(constructor)]
    pub fn new(
        platform: JsValue,
        operation: JsValue,
        args: JsValue,
        max_pages: JsValue,
    ) -> JsResult<Pager> {
        let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
        let operation = str_arg(&operation, "operation")?;
        let max_pages = whole_arg(&max_pages, "maxPages", u64::from(u32::MAX))?;
        wanumbers::api::pages::Pager::new(
            platform,
            &operation,
            from_js(args)?,
            usize::try_from(max_pages).unwrap_or(usize::MAX),
        )
        .or_throw()
        .map(Pager)
    }

    /// The arguments of the next request, or `null` when every page was read.
    #[wasm_bindgen(js_name = nextArgs)]
    pub fn next_args(&self) -> JsResult<JsValue> {
        to_js(&self.0.next_args())
    }

    /// The items of one parsed page; remembers where the next page starts.
    pub fn feed(&mut self, page: JsValue) -> JsResult<JsValue> {
        to_js(&self.0.feed(from_js(page)?).or_throw()?)
    }
}

/// The table of operations: one object per operation (name, platform, method, paths, where
/// each argument travels, retry and idempotency rules, `needs_today`, `pages`, `args`).
#[wasm_bindgen(js_name = operationTable)]
pub fn operation_table() -> JsResult<JsValue> {
    to_js(&wanumbers::api::table::operations_json())
}

/// The `TransportError` (returned, not thrown) for a `fetch` that failed, worded by the core
/// as Python's is: `reason` must not hold secrets (the client passes the failure's type name).
#[wasm_bindgen(js_name = transportError)]
pub fn transport_error(
    operation: JsValue,
    reason: JsValue,
    maybe_sent: JsValue,
) -> JsResult<JsValue> {
    let failure = wanumbers::api::TransportError {
        message: str_arg(&reason, "reason")?,
        maybe_sent: maybe_sent.as_bool().unwrap_or(true),
    };
    let err = wanumbers::Error::from(failure)
        .with("operation", str_arg(&operation, "operation")?)
        .with("exception", str_arg(&reason, "reason")?);
    Ok(raise(&err))
}

/// Whether the value of a header is a secret (for the package's request redaction).
#[wasm_bindgen(js_name = isSecretHeader)]
pub fn is_secret_header(name: JsValue) -> JsResult<bool> {
    Ok(wanumbers::api::is_secret_header(&str_arg(&name, "name")?))
}

/// A response `{status, headers?, body?: string | Uint8Array}`, read member by member: the
/// body is copied at most one byte past the core's limit and never turned into a list.
fn response_arg(response: &JsValue) -> JsResult<HttpResponse> {
    if !response.is_object() {
        return Err(raise(&wanumbers::limits::wrong_type(
            "response",
            "{status, headers, body}",
        )));
    }
    let member = |key: &str| {
        js_sys::Reflect::get(response, &key.into()).map_err(|_| {
            raise(&wanumbers::limits::wrong_type(
                "response",
                "plain data (a getter or proxy threw)",
            ))
        })
    };
    let mut head = serde_json::Map::new();
    head.insert("status".into(), from_js(member("status")?)?);
    let headers = from_js(member("headers")?)?;
    if !headers.is_null() {
        head.insert("headers".into(), headers);
    }
    let head = serde_json::Value::Object(head);
    let mut parsed: HttpResponse = wanumbers::error::from_value(head).or_throw()?;
    parsed.body = raw(&member("body")?, "response.body", RESPONSE_BOUND)?;
    Ok(parsed)
}

/// The core's body limits as copy bounds (they fit in `u32`, checked at compile time).
#[allow(clippy::cast_possible_truncation)]
const RESPONSE_BOUND: u32 = wanumbers::limits::MAX_RESPONSE_BODY_BYTES as u32;
#[allow(clippy::cast_possible_truncation)]
const WEBHOOK_BOUND: u32 = wanumbers::limits::MAX_WEBHOOK_BODY_BYTES as u32;
const _: () = assert!(wanumbers::limits::MAX_RESPONSE_BODY_BYTES <= u32::MAX as usize);
const _: () = assert!(wanumbers::limits::MAX_WEBHOOK_BODY_BYTES <= u32::MAX as usize);

/// A raw body or secret: a `Uint8Array` (as received) or a string (its UTF-8 bytes); `null`
/// and `undefined` are empty. Copied at most a little past `max` (the core refuses more).
pub(crate) fn raw(value: &JsValue, what: &str, max: u32) -> JsResult<Vec<u8>> {
    if value.is_null() || value.is_undefined() {
        return Ok(Vec::new());
    }
    if let Some(text) = bounded_string(value, max) {
        return Ok(text.into_bytes());
    }
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return bytes_arg(value, what, max);
    }
    Err(raise(&wanumbers::limits::wrong_type(
        what,
        "a Uint8Array (the raw body as received) or a string",
    )))
}

/// Throws a `SignatureError` unless `header` is the Zernio signature of the raw body.
#[wasm_bindgen(js_name = verifyZernioSignature)]
pub fn verify_zernio_signature(secret: JsValue, body: JsValue, header: JsValue) -> JsResult<()> {
    let header = opt_str_arg(&header, "header")?;
    webhook::verify_zernio_signature(
        &raw(&secret, "secret", WEBHOOK_BOUND)?,
        &raw(&body, "body", WEBHOOK_BOUND)?,
        header.as_deref(),
    )
    .or_throw()
}

/// Throws a `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body.
#[wasm_bindgen(js_name = verifyMetaSignature)]
pub fn verify_meta_signature(app_secret: JsValue, body: JsValue, header: JsValue) -> JsResult<()> {
    let header = opt_str_arg(&header, "header")?;
    webhook::verify_meta_signature(
        &raw(&app_secret, "appSecret", WEBHOOK_BOUND)?,
        &raw(&body, "body", WEBHOOK_BOUND)?,
        header.as_deref(),
    )
    .or_throw()
}

/// The challenge to echo for Meta's subscription handshake; throws (answer 403) otherwise.
#[wasm_bindgen(js_name = metaChallenge)]
pub fn meta_challenge(
    mode: JsValue,
    token: JsValue,
    challenge: JsValue,
    expected_token: JsValue,
) -> JsResult<String> {
    webhook::meta_challenge(
        opt_str_arg(&mode, "mode")?.as_deref(),
        opt_str_arg(&token, "token")?.as_deref(),
        opt_str_arg(&challenge, "challenge")?.as_deref(),
        &str_arg(&expected_token, "expectedToken")?,
    )
    .or_throw()
}

/// Parses a Zernio webhook body (after verifying its signature).
#[wasm_bindgen(js_name = parseWebhook)]
pub fn parse_webhook(body: JsValue) -> JsResult<JsValue> {
    to_js(&webhook::parse_zernio_webhook(&raw(&body, "body", WEBHOOK_BOUND)?).or_throw()?)
}

/// Parses a Meta webhook body (after verifying its signature).
#[wasm_bindgen(js_name = parseMetaWebhook)]
pub fn parse_meta_webhook(body: JsValue) -> JsResult<JsValue> {
    to_js(&webhook::parse_meta_webhook(&raw(&body, "body", WEBHOOK_BOUND)?).or_throw()?)
}

/// Applies a parsed Zernio event to a local number record: `{record, changed}`.
#[wasm_bindgen(js_name = applyEvent)]
pub fn apply_event(record: JsValue, event: JsValue) -> JsResult<JsValue> {
    let record: webhook::LocalNumber = model(record)?;
    let event: webhook::ZernioEvent = model(event)?;
    to_js(&webhook::apply_event(&record, &event).or_throw()?)
}

/// A retry policy (`{maxAttempts?, baseDelayMs?, maxDelayMs?}`, or `null` for the default),
/// checked by the core.
fn retry_policy(policy: JsValue) -> JsResult<wanumbers::api::retry::RetryPolicy> {
    let value = if policy.is_null() || policy.is_undefined() {
        serde_json::Value::Null
    } else {
        from_js(policy)?
    };
    wanumbers::api::retry::RetryPolicy::from_json(value).or_throw()
}

/// Throws an `InputError` unless `policy` is a retry policy the core accepts (the clients
/// check theirs when they are made, not after a request was sent).
#[wasm_bindgen(js_name = checkRetryPolicy)]
pub fn check_retry_policy(policy: JsValue) -> JsResult<()> {
    retry_policy(policy).map(|_| ())
}

/// Whether to send attempt `attempt` of a call again and after how long (`{decision: "retry",
/// afterMs}` or `{decision: "stop"}`); `response` is `null` after a failed `fetch`. The
/// clients call it; `now` and `jitter` (in `[0, 1)`) come from the caller.
#[wasm_bindgen(js_name = retryDecision)]
#[allow(clippy::too_many_arguments)]
pub fn retry_decision(
    platform: JsValue,
    operation: JsValue,
    args: JsValue,
    attempt: JsValue,
    response: JsValue,
    now: JsValue,
    jitter: JsValue,
    policy: JsValue,
) -> JsResult<JsValue> {
    let platform = Platform::parse(&str_arg(&platform, "platform")?).or_throw()?;
    let operation = str_arg(&operation, "operation")?;
    let args = from_js(args)?;
    let attempt = whole_arg(&attempt, "attempt", u64::from(u32::MAX))?;
    let response = if response.is_null() || response.is_undefined() {
        None
    } else {
        Some(response_arg(&response)?)
    };
    let now = Timestamp::parse(&str_arg(&now, "now")?).or_throw()?;
    let jitter = crate::num_arg(&jitter, "jitter")?;
    let policy = retry_policy(policy)?;
    let decision = platform
        .retry_decision(
            &operation,
            &args,
            u32::try_from(attempt).unwrap_or(u32::MAX),
            response.as_ref(),
            now,
            jitter,
            &policy,
        )
        .or_throw()?;
    to_js(&decision)
}

/// Whether a purchase at `now` passes the 10-minute velocity guard (RFC 3339 strings).
#[wasm_bindgen(js_name = purchaseGuard)]
pub fn purchase_guard(
    last_purchase_at: JsValue,
    now: JsValue,
    allow_multiple: JsValue,
) -> JsResult<JsValue> {
    let last = opt_str_arg(&last_purchase_at, "lastPurchaseAt")?
        .map(|l| Timestamp::parse(&l))
        .transpose()
        .or_throw()?;
    let now = Timestamp::parse(&str_arg(&now, "now")?).or_throw()?;
    let allow_multiple = match allow_multiple.as_bool() {
        Some(b) => Some(b),
        None if allow_multiple.is_undefined() || allow_multiple.is_null() => None,
        None => {
            return Err(raise(&wanumbers::limits::wrong_type(
                "allowMultiple",
                "a boolean",
            )));
        }
    };
    to_js(&zernio::purchase_guard(
        last,
        now,
        allow_multiple.unwrap_or(false),
    ))
}
