//! What the `full` build adds to the forms build: invoices and run-rate, the number lifecycle,
//! combining ID sides into a PDF, the API (request builder, response parser) and webhooks.
//! The browser forms build (`--no-default-features --features lite`) leaves these out to stay
//! small; the default build (npm `wanumbers`, Node and browsers) has everything.

use wanumbers::api::{Config, GraphConfig, HttpResponse, dispatch, zernio};
use wanumbers::kyc;
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::webhook;
use wanumbers::{Date, Timestamp};
use wasm_bindgen::prelude::*;

use crate::{JsResult, OrThrow, from_js, model, option_string, to_js, type_error};

/// An invoice for `[start, end)` from each number's status history.
#[wasm_bindgen]
pub fn invoice(numbers: JsValue, start: &str, end: &str) -> JsResult<JsValue> {
    let numbers: Vec<FleetNumber> = model(numbers)?;
    let start = Date::parse(start).or_throw()?;
    let end = Date::parse(end).or_throw()?;
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
pub fn next_status(status: &str, event: &str) -> JsResult<String> {
    let event = NumberEvent::parse(event).or_throw()?;
    status::next(&NumberStatus::from(status), event)
        .map(|s| s.as_str().to_owned())
        .or_throw()
}

/// `{canRelease, canRemediate, canRequestCode, isBillable, isTerminal, events}`.
#[wasm_bindgen(js_name = allowedActions)]
pub fn allowed_actions(status: &str) -> JsResult<JsValue> {
    to_js(&status::allowed_actions(&NumberStatus::from(status)))
}

/// A status name, checked strictly.
#[wasm_bindgen(js_name = parseStatus)]
pub fn parse_status(status: &str) -> JsResult<String> {
    NumberStatus::parse(status)
        .map(|s| s.as_str().to_owned())
        .or_throw()
}

/// The lifecycle event of a `whatsapp.number.*` webhook, or `null`.
#[wasm_bindgen(js_name = webhookEvent)]
pub fn webhook_event(name: &str) -> Option<String> {
    NumberEvent::from_webhook(name).map(|e| e.as_str().to_owned())
}

/// Whether a list view shows a number; options `{now, view?, declinedAt?}` (RFC 3339 strings).
#[wasm_bindgen(js_name = inListView)]
pub fn in_list_view(status: &str, options: JsValue) -> JsResult<bool> {
    let now =
        option_string(&options, "now")?.ok_or_else(|| type_error("options.now is required"))?;
    let now = Timestamp::parse(&now).or_throw()?;
    let view = option_string(&options, "view")?.map(|v| NumberStatus::from(v.as_str()));
    let declined_at = option_string(&options, "declinedAt")?
        .map(|d| Timestamp::parse(&d))
        .transpose()
        .or_throw()?;
    Ok(status::in_list_view(
        view.as_ref(),
        &NumberStatus::from(status),
        declined_at,
        now,
    ))
}

/// Front and back of an ID (JPEG/PNG) on one PDF page.
#[wasm_bindgen(js_name = combineIdSides)]
pub fn combine_id_sides(front: &[u8], back: &[u8]) -> JsResult<Vec<u8>> {
    kyc::combine_id_sides(front, back).or_throw()
}

/// Builds the HTTP request of an operation: `{method, url, headers: [name, value][], body:
/// Uint8Array}`. `platform` is `zernio` or `graph`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(
    platform: &str,
    config: JsValue,
    operation: &str,
    args: JsValue,
) -> JsResult<JsValue> {
    let args = from_js(args)?;
    let request = match platform {
        "zernio" => dispatch::zernio_request(&model::<Config>(config)?, operation, args),
        "graph" => dispatch::graph_request(&model::<GraphConfig>(config)?, operation, args),
        _ => return Err(type_error("platform must be 'zernio' or 'graph'")),
    }
    .or_throw()?;
    // Headers and the rest as plain data; the body as a real Uint8Array.
    let object = to_js(&serde_json::json!({
        "method": request.method.as_str(),
        "url": request.url,
        "headers": request.headers,
    }))?;
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
    platform: &str,
    operation: &str,
    args: JsValue,
    response: JsValue,
) -> JsResult<JsValue> {
    let args = from_js(args)?;
    let response: HttpResponse = serde_wasm_bindgen::from_value(response)
        .map_err(|e| type_error(&format!("response: {e}")))?;
    let value = match platform {
        "zernio" => dispatch::zernio_parse(operation, args, &response),
        "graph" => dispatch::graph_parse(operation, args, &response),
        _ => return Err(type_error("platform must be 'zernio' or 'graph'")),
    }
    .or_throw()?;
    to_js(&value)
}

/// The arguments of the next page after `page` (the parsed result of `operation` called with
/// `args`), or `null` when there is none. Only Graph's `list_phone_numbers` pages.
#[wasm_bindgen(js_name = nextPage)]
pub fn next_page(
    platform: &str,
    operation: &str,
    args: JsValue,
    page: JsValue,
) -> JsResult<JsValue> {
    let (args, page) = (from_js(args)?, from_js(page)?);
    let next = match platform {
        "zernio" => dispatch::zernio_next_page(operation, args, page),
        "graph" => dispatch::graph_next_page(operation, args, page),
        _ => return Err(type_error("platform must be 'zernio' or 'graph'")),
    }
    .or_throw()?;
    to_js(&next)
}

/// The operation names of a platform.
#[wasm_bindgen]
pub fn operations(platform: &str) -> JsResult<Vec<String>> {
    let names = match platform {
        "zernio" => dispatch::ZERNIO_OPERATIONS,
        "graph" => dispatch::GRAPH_OPERATIONS,
        _ => return Err(type_error("platform must be 'zernio' or 'graph'")),
    };
    Ok(names.iter().map(|n| (*n).to_owned()).collect())
}

/// A raw body or secret: a `Uint8Array` (as received) or a string (its UTF-8 bytes).
fn raw(value: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(js_sys::Uint8Array::new(value).to_vec());
    }
    Err(type_error(&format!(
        "{what} must be a Uint8Array (the raw body as received) or a string"
    )))
}

/// Throws a `SignatureError` unless `header` is the Zernio signature of the raw body.
#[wasm_bindgen(js_name = verifyZernioSignature)]
pub fn verify_zernio_signature(
    secret: JsValue,
    body: JsValue,
    header: Option<String>,
) -> JsResult<()> {
    webhook::verify_zernio_signature(
        &raw(&secret, "secret")?,
        &raw(&body, "body")?,
        header.as_deref(),
    )
    .or_throw()
}

/// Throws a `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body.
#[wasm_bindgen(js_name = verifyMetaSignature)]
pub fn verify_meta_signature(
    app_secret: JsValue,
    body: JsValue,
    header: Option<String>,
) -> JsResult<()> {
    webhook::verify_meta_signature(
        &raw(&app_secret, "appSecret")?,
        &raw(&body, "body")?,
        header.as_deref(),
    )
    .or_throw()
}

/// The challenge to echo for Meta's subscription handshake; throws (answer 403) otherwise.
#[wasm_bindgen(js_name = metaChallenge)]
pub fn meta_challenge(
    mode: Option<String>,
    token: Option<String>,
    challenge: Option<String>,
    expected_token: &str,
) -> JsResult<String> {
    webhook::meta_challenge(
        mode.as_deref(),
        token.as_deref(),
        challenge.as_deref(),
        expected_token,
    )
    .or_throw()
}

/// Parses a Zernio webhook body (after verifying its signature).
#[wasm_bindgen(js_name = parseWebhook)]
pub fn parse_webhook(body: JsValue) -> JsResult<JsValue> {
    to_js(&webhook::parse_zernio_webhook(&raw(&body, "body")?).or_throw()?)
}

/// Parses a Meta webhook body (after verifying its signature).
#[wasm_bindgen(js_name = parseMetaWebhook)]
pub fn parse_meta_webhook(body: JsValue) -> JsResult<JsValue> {
    to_js(&webhook::parse_meta_webhook(&raw(&body, "body")?).or_throw()?)
}

/// Applies a parsed Zernio event to a local number record: `{record, changed}`.
#[wasm_bindgen(js_name = applyEvent)]
pub fn apply_event(record: JsValue, event: JsValue) -> JsResult<JsValue> {
    let record: webhook::LocalNumber = model(record)?;
    let event: webhook::ZernioEvent = model(event)?;
    to_js(&webhook::apply_event(&record, &event).or_throw()?)
}

/// Whether a purchase at `now` passes the 10-minute velocity guard (RFC 3339 strings).
#[wasm_bindgen(js_name = purchaseGuard)]
pub fn purchase_guard(
    last_purchase_at: Option<String>,
    now: &str,
    allow_multiple: Option<bool>,
) -> JsResult<JsValue> {
    let last = last_purchase_at
        .map(|l| Timestamp::parse(&l))
        .transpose()
        .or_throw()?;
    let now = Timestamp::parse(now).or_throw()?;
    to_js(&zernio::purchase_guard(
        last,
        now,
        allow_multiple.unwrap_or(false),
    ))
}
