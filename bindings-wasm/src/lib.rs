//! The WebAssembly binding (npm package `wanumbers`). It only converts: JS values in, a core
//! call, plain JS objects (`null`, not `undefined`; objects, not `Map`s) or a thrown `Error`
//! with `name`, `code` and `details` out. Models use the upstream JSON (camelCase) names.
// wasm-bindgen hands arguments over as owned values, and what each function throws is
// documented for JS users in the package's TypeScript types, not as rustdoc sections.
#![allow(clippy::needless_pass_by_value, clippy::missing_errors_doc)]
#![forbid(unsafe_code)]
// The ID-sides build (`wanumbers/id-sides`) has one function, which needs few of the
// conversions below; the others are the forms and web builds'.
#![cfg_attr(not(feature = "forms"), allow(dead_code))]

use serde::Serialize;
use serde_json::Value;
use wanumbers::kyc::Lang;
use wanumbers::limits::{self, MAX_DEPTH};
use wanumbers::{Catalog, Date, ErrorKind};
use wasm_bindgen::prelude::*;

#[cfg(feature = "forms")]
mod forms;
#[cfg(feature = "id-sides")]
mod id_sides;
#[cfg(feature = "sandbox")]
mod sandbox;
#[cfg(feature = "web")]
mod web;

/// The allocator: Talc instead of dlmalloc (smaller; see `Cargo.toml`). Single-threaded builds
/// only, as Talc's `WasmDynamicTalc` requires.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub(crate) type JsResult<T> = Result<T, JsValue>;

// ---------------------------------------------------------------------------------------------
// Conversion

/// The one error mapper: a core error becomes an `Error` named after its kind.
pub(crate) fn raise(err: &wanumbers::Error) -> JsValue {
    let name = err.kind().class_name();
    let js = js_sys::Error::new(err.message());
    js.set_name(name);
    let details = details_to_js(err.details());
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &err.code().as_str().into());
    let _ = js_sys::Reflect::set(&js, &"details".into(), &details);
    if err.kind() == ErrorKind::Api {
        // The two things a caller branches on, as properties (they are in `details` too).
        let status = err.details().get("status").and_then(Value::as_f64);
        let retryable = err.details().get("retryable").and_then(Value::as_bool);
        let _ = js_sys::Reflect::set(
            &js,
            &"status".into(),
            &status.map_or(JsValue::NULL, JsValue::from),
        );
        let _ = js_sys::Reflect::set(
            &js,
            &"retryable".into(),
            &JsValue::from(retryable.unwrap_or(false)),
        );
    }
    js.into()
}

/// Details as a plain object; the keys the core marks sensitive (text the upstream server
/// wrote, which may hold personal data) are set non-enumerable: readable as
/// `err.details.upstream_message`, absent from `util.inspect`, `console.log` and
/// `JSON.stringify`.
fn details_to_js(details: &wanumbers::error::Details) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in details {
        let Ok(value) = to_js(value) else { continue };
        if wanumbers::error::SENSITIVE_DETAILS.contains(&key.as_str()) {
            let descriptor = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&descriptor, &"value".into(), &value);
            let _ = js_sys::Object::define_property(&object, &key.into(), &descriptor);
        } else {
            let _ = js_sys::Reflect::set(&object, &key.into(), &value);
        }
    }
    object.into()
}

/// A string argument; anything else is an `InputError` (`argument_type`), never a trap.
/// Copied at most [`MAX_STRING_UNITS`] + 1 units long (the core's own rules refuse more).
pub(crate) fn str_arg(value: &JsValue, name: &str) -> JsResult<String> {
    bounded_string(value, MAX_STRING_UNITS)
        .ok_or_else(|| raise(&limits::wrong_type(name, "a string")))
}

/// An optional string argument: `undefined` and `null` are absent.
pub(crate) fn opt_str_arg(value: &JsValue, name: &str) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    str_arg(value, name).map(Some)
}

/// A number argument (`whole` then checks its range).
pub(crate) fn num_arg(value: &JsValue, name: &str) -> JsResult<f64> {
    value
        .as_f64()
        .ok_or_else(|| raise(&limits::wrong_type(name, "a number")))
}

/// A `Uint8Array` argument (a file's bytes), copied at most `max + 1` bytes long: the core's
/// size rule then refuses it without a gigabyte being copied into the module's memory.
pub(crate) fn bytes_arg(value: &JsValue, name: &str, max: u32) -> JsResult<Vec<u8>> {
    let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() else {
        return Err(raise(&limits::wrong_type(name, "a Uint8Array")));
    };
    if array.length() > max {
        return Ok(array.subarray(0, max.saturating_add(1)).to_vec());
    }
    Ok(array.to_vec())
}

/// The core's document limit as a copy bound (it fits in `u32`, checked at compile time).
#[allow(clippy::cast_possible_truncation)]
pub(crate) const DOCUMENT_BOUND: u32 = limits::MAX_DOCUMENT_BYTES as u32;
const _: () = assert!(limits::MAX_DOCUMENT_BYTES <= u32::MAX as u64);

pub(crate) trait OrThrow<T> {
    fn or_throw(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for wanumbers::Result<T> {
    fn or_throw(self) -> JsResult<T> {
        self.map_err(|e| raise(&e))
    }
}

/// A result as a JS value: written as JSON text by `serde_json` and read by the host's
/// `JSON.parse`. serde-wasm-bindgen's serializer, which builds the value member by member
/// through JS calls, compiled to more code per result type (forms build +1.6 KB brotli, web
/// +2.1 KB) and was slower on batches (`checkPhones` in Node: 1.17 against 1.06 µs a number;
/// one `checkPhone` 1.44 against 1.72 µs). Bytes are not results: `buildRequest` sets its body
/// as a `Uint8Array` itself.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    // Serializing the core's own results cannot fail; if it ever did, say so without quoting
    // serde's message (it can quote values).
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .ok_or_else(|| {
            raise(&wanumbers::Error::new(
                wanumbers::ErrorCode::JsonInvalid,
                "the result could not be converted to a JavaScript value",
            ))
        })
}

/// A JS value as JSON: `undefined` and `null` are `null`, an `undefined` member is left out
/// (as `JSON.stringify` does), whole numbers stay whole. Written out rather than run through
/// serde (serde-wasm-bindgen's deserializer): this runs on every call with a model argument,
/// and the generic version cost the browser build more than it does. Members are read with
/// `Reflect` (a throwing getter or Proxy trap becomes an error, never an exception unwinding
/// through wasm), lists and strings are bounded before they are copied, and nesting past
/// [`MAX_DEPTH`] is `input_too_deep`.
pub(crate) fn from_js(value: JsValue) -> JsResult<Value> {
    js_to_json(&value, 0, "a value")
}

/// 2^53: larger whole numbers are not exact in JS.
const SAFE_F64: f64 = 9_007_199_254_740_992.0;

/// The most items a list in a model may have (a sparse array can claim 2^32 - 1).
const MAX_ITEMS: u32 = 10_000_000;

/// The longest string copied out of a JS value, in UTF-16 units: longer ones are cut to one
/// unit past it, so the core's own length rules still refuse them, without copying 1 GB.
const MAX_STRING_UNITS: u32 = 64 * 1024 * 1024;

/// A JS string, copied at most `max + 1` units long.
pub(crate) fn bounded_string(value: &JsValue, max: u32) -> Option<String> {
    let text: &js_sys::JsString = value.dyn_ref()?;
    if text.length() > max {
        return text.slice(0, max.saturating_add(1)).as_string();
    }
    text.as_string()
}

fn unreadable(argument: &str) -> JsValue {
    raise(&limits::wrong_type(
        argument,
        "plain data (a getter or proxy threw)",
    ))
}

fn js_to_json(value: &JsValue, depth: usize, argument: &str) -> JsResult<Value> {
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        #[allow(clippy::cast_possible_truncation)] // whole and within ±2^53: exact
        return if n.fract() == 0.0 && n.abs() <= SAFE_F64 {
            Ok(Value::from(n as i64))
        } else {
            serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or_else(|| raise(&limits::not_a_json_number(argument)))
        };
    }
    if let Some(s) = bounded_string(value, MAX_STRING_UNITS) {
        return Ok(Value::String(s));
    }
    if !value.is_object() || value.is_function() || value.is_instance_of::<js_sys::Uint8Array>() {
        return Err(raise(&limits::wrong_type(
            argument,
            "JSON-like data: objects, arrays, strings, numbers, booleans or null",
        )));
    }
    // Depth counts lists and objects (scalars inside the deepest are not a level).
    if depth >= MAX_DEPTH {
        return Err(raise(&limits::too_deep().with("argument", argument)));
    }
    if js_sys::Array::is_array(value) {
        let length = js_sys::Reflect::get(value, &"length".into())
            .map_err(|_| unreadable(argument))?
            .as_f64()
            .unwrap_or(0.0);
        if length > f64::from(MAX_ITEMS) {
            return Err(raise(
                &wanumbers::Error::new(
                    wanumbers::ErrorCode::ArgumentTooLong,
                    format!("{argument} holds a list of more than {MAX_ITEMS} items"),
                )
                .with("argument", argument)
                .with("max", MAX_ITEMS),
            ));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=MAX_ITEMS
        let length = length as u32;
        let mut out = Vec::with_capacity(length.min(1024) as usize);
        for i in 0..length {
            let item = js_sys::Reflect::get_u32(value, i).map_err(|_| unreadable(argument))?;
            out.push(js_to_json(&item, depth + 1, argument)?);
        }
        return Ok(Value::Array(out));
    }
    let keys = js_sys::Reflect::own_keys(value).map_err(|_| unreadable(argument))?;
    let mut out = serde_json::Map::new();
    for key in keys.iter() {
        // Symbols are not JSON keys.
        let Some(name) = bounded_string(&key, MAX_STRING_UNITS) else {
            continue;
        };
        let member = js_sys::Reflect::get(value, &key).map_err(|_| unreadable(argument))?;
        if member.is_undefined() || member.is_function() {
            continue;
        }
        out.insert(name, js_to_json(&member, depth + 1, argument)?);
    }
    Ok(Value::Object(out))
}

pub(crate) fn model<T: wanumbers::Decode>(value: JsValue) -> JsResult<T> {
    wanumbers::error::from_value(from_js(value)?).or_throw()
}

/// A JS value that must be a whole number in `0..=max`.
pub(crate) fn whole_arg(value: &JsValue, name: &str, max: u64) -> JsResult<u64> {
    whole(num_arg(value, name)?, name, max)
}

/// A JS number that must be a whole number in `0..=max`.
pub(crate) fn whole(value: f64, name: &str, max: u64) -> JsResult<u64> {
    #[allow(clippy::cast_precision_loss)] // max is at most 2^53 - 1, exactly representable
    let in_range = value.fract() == 0.0 && value >= 0.0 && value <= max as f64;
    if in_range {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just above
        Ok(value as u64)
    } else {
        Err(raise(
            &wanumbers::Error::new(
                wanumbers::ErrorCode::ArgumentInvalid,
                format!("{name} must be a whole number from 0 to {max}"),
            )
            .with("argument", name)
            .with("expected", format!("a whole number from 0 to {max}")),
        ))
    }
}

pub(crate) const SAFE: u64 = (1 << 53) - 1;

pub(crate) fn catalog_arg(catalog: JsValue) -> JsResult<Catalog> {
    if catalog.is_undefined() || catalog.is_null() {
        return Ok(Catalog::offline());
    }
    // A body as text is parsed by the host (`JSON.parse`): the forms build then needs no JSON
    // parser of its own. A failure is the same error the core gives.
    let parsed = match catalog.as_string() {
        Some(body) => js_sys::JSON::parse(&body)
            .map_err(|_| raise(&wanumbers::error::not_json(Catalog::DOCUMENT)))?,
        None => catalog,
    };
    Catalog::from_value(from_js(parsed)?).or_throw()
}

pub(crate) fn option_string(options: &JsValue, key: &str) -> JsResult<Option<String>> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(options, &key.into())?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    str_arg(&value, key).map(Some)
}

pub(crate) fn option_value(options: &JsValue, key: &str) -> JsResult<Option<JsValue>> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(options, &key.into())?;
    Ok(if value.is_undefined() || value.is_null() {
        None
    } else {
        Some(value)
    })
}

pub(crate) fn option_model<T: wanumbers::Decode>(
    options: &JsValue,
    key: &str,
) -> JsResult<Option<T>> {
    option_value(options, key)?.map(model).transpose()
}

/// `options.today` (`YYYY-MM-DD`) or the host's current UTC date (the core reads no clock).
pub(crate) fn today_option(options: &JsValue) -> JsResult<Date> {
    let text = match option_string(options, "today")? {
        Some(t) => t,
        None => String::from(js_sys::Date::new_0().to_iso_string())
            .chars()
            .take(10)
            .collect(),
    };
    Date::parse(&text).or_throw()
}

pub(crate) fn lang_option(options: &JsValue) -> JsResult<Lang> {
    Ok(option_string(options, "lang")?.map_or(Lang::En, |l| Lang::parse(&l)))
}

/// Every error code, for exhaustive handling in TypeScript.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    wanumbers::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The name of the error class of each error kind (`PhoneError`, `ApiError`, ...): every
/// error this package throws has one of these names.
#[wasm_bindgen(js_name = errorClasses)]
pub fn error_classes() -> Vec<String> {
    wanumbers::ErrorKind::ALL
        .iter()
        .map(|k| k.class_name().to_owned())
        .collect()
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    wanumbers::VERSION.to_owned()
}
