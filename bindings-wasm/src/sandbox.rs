//! The core's sandbox as `SandboxEngine` (feature `sandbox`: the Node build and the browser's
//! `wanumbers/sandbox` entry; the forms and web builds leave it out). Requests, responses and
//! deliveries are converted; the routing, state and controls are the core's. The `Sandbox`
//! class users meet (`fetch`, the control methods) is `js/sandbox.js` over this.

use serde::Serialize;
use serde_json::Value;
use wanumbers::Timestamp;
use wanumbers::api::HttpRequest;
use wanumbers::sandbox::{Delivery, Sandbox};
use wasm_bindgen::prelude::*;

use crate::web::raw;
use crate::{JsResult, OrThrow, from_js, raise, str_arg, to_js};

/// The largest request body handed to the sandbox (uploads are at most 20 MB upstream).
const REQUEST_BOUND: u32 = 32 * 1024 * 1024;

/// 2^53 - 1: the largest whole number a JS number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

fn time_arg(now: &JsValue) -> JsResult<Timestamp> {
    Timestamp::parse(&str_arg(now, "now")?).or_throw()
}

fn member(object: &JsValue, key: &str, what: &str) -> JsResult<JsValue> {
    js_sys::Reflect::get(object, &key.into()).map_err(|_| {
        raise(&wanumbers::limits::wrong_type(
            what,
            "plain data (a getter or proxy threw)",
        ))
    })
}

/// A request `{method, url, headers: [[name, value]], body: Uint8Array | string | null}`;
/// `Err(url)` for a method neither API has (the core answers it).
fn request_arg(request: &JsValue) -> JsResult<Result<HttpRequest, String>> {
    let expected = "a request: {method, url, headers, body}";
    if !request.is_object() {
        return Err(raise(&wanumbers::limits::wrong_type("request", expected)));
    }
    let method = str_arg(&member(request, "method", "request")?, "request.method")?;
    if wanumbers::error::from_value::<wanumbers::api::Method>(Value::String(method)).is_err() {
        return Ok(Err(str_arg(
            &member(request, "url", "request")?,
            "request.url",
        )?));
    }
    let mut head = serde_json::Map::new();
    for key in ["method", "url", "headers"] {
        let value = from_js(member(request, key, "request")?)?;
        head.insert(
            key.into(),
            if key == "headers" && value.is_null() {
                Value::Array(Vec::new())
            } else {
                value
            },
        );
    }
    let mut parsed: HttpRequest = wanumbers::error::from_value(Value::Object(head)).or_throw()?;
    parsed.body = raw(
        &member(request, "body", "request")?,
        "request.body",
        REQUEST_BOUND,
    )?;
    Ok(Ok(parsed))
}

/// `{response, deliveries}` as JS sees it.
fn handled_to_js(
    response: &wanumbers::api::HttpResponse,
    deliveries: &[Delivery],
    (latency_ms, dropped): (u32, bool),
) -> JsResult<JsValue> {
    let head = ResponseHead {
        status: response.status,
        headers: &response.headers,
    };
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"response".into(), &with_body(&head, &response.body)?);
    let _ = js_sys::Reflect::set(&out, &"deliveries".into(), &deliveries_to_js(deliveries)?);
    // A planted latency and dropped connection, for the host to act out.
    let _ = js_sys::Reflect::set(&out, &"latencyMs".into(), &JsValue::from(latency_ms));
    let _ = js_sys::Reflect::set(&out, &"dropped".into(), &JsValue::from(dropped));
    Ok(out.into())
}

/// A response as JS sees it, but its body.
#[derive(Serialize)]
struct ResponseHead<'a> {
    status: u16,
    headers: &'a [(String, String)],
}

/// An object with `body` as a `Uint8Array` (the exact bytes), the rest plain data.
fn with_body<T: Serialize>(value: &T, body: &[u8]) -> JsResult<JsValue> {
    let object = to_js(value)?;
    let bytes = js_sys::Uint8Array::from(body);
    js_sys::Reflect::set(&object, &"body".into(), &bytes)
        .map_err(|_| raise(&wanumbers::limits::wrong_type("body", "an object")))?;
    Ok(object)
}

fn delivery_to_js(d: &Delivery) -> JsResult<JsValue> {
    with_body(&d.head(), &d.body)
}

fn deliveries_to_js(deliveries: &[Delivery]) -> JsResult<JsValue> {
    let list = js_sys::Array::new();
    for d in deliveries {
        list.push(&delivery_to_js(d)?);
    }
    Ok(list.into())
}

/// Both APIs simulated (see the core's `wanumbers::sandbox`); `Sandbox` in `js/sandbox.js`
/// is what users call.
#[wasm_bindgen]
pub struct SandboxEngine(Sandbox);

#[wasm_bindgen]
impl SandboxEngine {
    /// A sandbox whose ids, numbers and choices follow from `seed` (a whole number from 0 to
    /// 2^53 - 1, or a `BigInt` below 2^64).
    #[wasm_bindgen(constructor)]
    pub fn new(seed: JsValue) -> JsResult<SandboxEngine> {
        let seed = if seed.is_bigint() {
            u64::try_from(js_sys::BigInt::from(seed)).map_err(|_| {
                raise(
                    &wanumbers::Error::new(
                        wanumbers::ErrorCode::ArgumentInvalid,
                        "seed must be from 0 to 2^64 - 1",
                    )
                    .with("argument", "seed"),
                )
            })?
        } else {
            crate::whole_arg(&seed, "seed", MAX_SAFE)?
        };
        Ok(SandboxEngine(Sandbox::new(seed)))
    }

    /// Answers `request` at the host's time `now` (RFC 3339): `{response, deliveries}`.
    pub fn handle(&self, request: JsValue, now: JsValue) -> JsResult<JsValue> {
        let request = request_arg(&request)?;
        let now = time_arg(&now)?;
        match request {
            Ok(request) => {
                let handled = self.0.handle(&request, now);
                let planted = (handled.latency_ms, handled.dropped);
                handled_to_js(&handled.response, &handled.deliveries, planted)
            }
            Err(url) => handled_to_js(&Sandbox::unknown_method(&url), &[], (0, false)),
        }
    }

    /// Control `name` with `args` (its JSON argument names) at the host's time `now`.
    pub fn control(&self, name: JsValue, args: JsValue, now: JsValue) -> JsResult<JsValue> {
        let name = str_arg(&name, "name")?;
        let answer = self
            .0
            .control(&name, &from_js(args)?, time_arg(&now)?)
            .or_throw()?;
        to_js(&answer)
    }

    /// Every delivery attempt due at `now` and not yet taken, oldest first.
    #[wasm_bindgen(js_name = takeDeliveries)]
    pub fn take_deliveries(&self, now: JsValue) -> JsResult<JsValue> {
        deliveries_to_js(&self.0.take_due(time_arg(&now)?))
    }

    /// The whole state as plain data.
    pub fn snapshot(&self) -> JsResult<JsValue> {
        to_js(&self.0.snapshot().or_throw()?)
    }

    /// A sandbox from a snapshot.
    pub fn restore(snapshot: JsValue) -> JsResult<SandboxEngine> {
        Ok(SandboxEngine(
            Sandbox::restore(from_js(snapshot)?).or_throw()?,
        ))
    }
}
