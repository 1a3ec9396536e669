//! The WebAssembly binding (npm package `wanumbers`). It only converts: JS values in, a core
//! call, plain JS objects (`null`, not `undefined`; objects, not `Map`s) or a thrown `Error`
//! with `name`, `code` and `details` out. Models use the upstream JSON (camelCase) names.
// wasm-bindgen hands arguments over as owned values, and what each function throws is
// documented for JS users in the package's TypeScript types, not as rustdoc sections.
#![allow(clippy::needless_pass_by_value, clippy::missing_errors_doc)]

use serde::Serialize;
use serde_json::Value;
use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
};
use wanumbers::pricing;
use wanumbers::{Catalog, CountryCode, Date, ErrorKind, PhoneFormat, phone};
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
mod full;

pub(crate) type JsResult<T> = Result<T, JsValue>;

// ---------------------------------------------------------------------------------------------
// Conversion

/// The one error mapper: a core error becomes an `Error` named after its kind.
fn raise(err: &wanumbers::Error) -> JsValue {
    let name = err.kind().class_name();
    let js = js_sys::Error::new(err.message());
    js.set_name(name);
    let details = to_js(err.details()).unwrap_or(JsValue::NULL);
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

pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

pub(crate) trait OrThrow<T> {
    fn or_throw(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for wanumbers::Result<T> {
    fn or_throw(self) -> JsResult<T> {
        self.map_err(|e| raise(&e))
    }
}

pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| type_error(&e.to_string()))
}

/// A JS value as JSON: `undefined` and `null` are `null`, an `undefined` member is left out
/// (as `JSON.stringify` does), whole numbers stay whole. Written out rather than run through
/// serde (serde-wasm-bindgen's deserializer): this runs on every call with a model argument,
/// and the generic version cost the browser build more than it does.
pub(crate) fn from_js(value: JsValue) -> JsResult<Value> {
    js_to_json(&value, 0)
}

const MAX_DEPTH: u32 = 128;
/// 2^53: larger whole numbers are not exact in JS.
const SAFE_F64: f64 = 9_007_199_254_740_992.0;

fn js_to_json(value: &JsValue, depth: u32) -> JsResult<Value> {
    if depth > MAX_DEPTH {
        return Err(type_error("the value is nested too deeply"));
    }
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
                .ok_or_else(|| type_error("numbers must be finite"))
        };
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if value.is_instance_of::<js_sys::Uint8Array>() {
        let bytes = js_sys::Uint8Array::new(value).to_vec();
        return Ok(Value::Array(bytes.into_iter().map(Value::from).collect()));
    }
    if js_sys::Array::is_array(value) {
        let items = js_sys::Array::from(value);
        let mut out = Vec::with_capacity(items.length() as usize);
        for item in items.iter() {
            out.push(js_to_json(&item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if value.is_object() && !value.is_function() {
        let mut out = serde_json::Map::new();
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let pair = js_sys::Array::from(&entry);
            let member = pair.get(1);
            if member.is_undefined() {
                continue;
            }
            if let Some(key) = pair.get(0).as_string() {
                out.insert(key, js_to_json(&member, depth + 1)?);
            }
        }
        return Ok(Value::Object(out));
    }
    Err(type_error(
        "expected JSON-like data: objects, arrays, strings, numbers, booleans or null",
    ))
}

pub(crate) fn model<T: serde::de::DeserializeOwned>(value: JsValue) -> JsResult<T> {
    wanumbers::error::from_value(from_js(value)?).or_throw()
}

/// A JS number that must be a whole number in `0..=max`.
pub(crate) fn whole(value: f64, name: &str, max: u64) -> JsResult<u64> {
    #[allow(clippy::cast_precision_loss)] // max is at most 2^53 - 1, exactly representable
    let in_range = value.fract() == 0.0 && value >= 0.0 && value <= max as f64;
    if in_range {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just above
        Ok(value as u64)
    } else {
        Err(type_error(&format!(
            "{name} must be a whole number from 0 to {max}"
        )))
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
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| type_error(&format!("{key} must be a string")))
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

pub(crate) fn option_model<T: serde::de::DeserializeOwned>(
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

// ---------------------------------------------------------------------------------------------
// Phone

/// The E.164 form of a valid number; throws a `PhoneError` otherwise.
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(raw: &str, region: Option<String>) -> JsResult<String> {
    phone::normalize(raw, region.as_deref()).or_throw()
}

/// The E.164 form of a valid number that belongs to `region`.
#[wasm_bindgen(js_name = normalizePhoneInRegion)]
pub fn normalize_phone_in_region(raw: &str, region: &str) -> JsResult<String> {
    phone::parse_in_region(raw, region)
        .map(|n| n.e164().to_owned())
        .or_throw()
}

/// A valid number written as `e164`, `international` (default), `national` or `rfc3966`.
#[wasm_bindgen(js_name = formatPhone)]
pub fn format_phone(raw: &str, region: Option<String>, format: Option<String>) -> JsResult<String> {
    let format: PhoneFormat = match format {
        None => PhoneFormat::International,
        Some(f) => PhoneFormat::parse(&f).map_err(|_| {
            type_error("format must be 'e164', 'international', 'national' or 'rfc3966'")
        })?,
    };
    phone::parse(raw, region.as_deref())
        .map(|n| n.format(format))
        .or_throw()
}

/// `{valid, e164, region, type, countryCode, error}` for one input; never throws for a bad number.
#[wasm_bindgen(js_name = checkPhone)]
pub fn check_phone(raw: &str, region: Option<String>) -> JsResult<JsValue> {
    to_js(&phone::check(raw, region.as_deref()).or_throw()?)
}

/// `checkPhone` for many inputs in one call, in order.
#[wasm_bindgen(js_name = checkPhones)]
pub fn check_phones(raws: Vec<String>, region: Option<String>) -> JsResult<JsValue> {
    to_js(&phone::check_many(&raws, region.as_deref()).or_throw()?)
}

// ---------------------------------------------------------------------------------------------
// Countries

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code, uppercase.
#[wasm_bindgen(js_name = isCountryCode)]
pub fn is_country_code(code: &str) -> bool {
    wanumbers::is_country_code(code)
}

/// The English name of an assigned code, or `null`.
#[wasm_bindgen(js_name = countryName)]
pub fn country_name(code: &str) -> Option<String> {
    wanumbers::country_name(code).map(str::to_owned)
}

/// `{code, alpha3, name}` of a strictly written code; throws an `InputError` otherwise.
#[wasm_bindgen(js_name = countryInfo)]
pub fn country_info(code: &str) -> JsResult<JsValue> {
    let c = CountryCode::parse(code).or_throw()?;
    to_js(&c.info())
}

/// Trims and uppercases a code, then checks it.
#[wasm_bindgen(js_name = normalizeCountryCode)]
pub fn normalize_country_code(code: &str) -> JsResult<String> {
    CountryCode::normalize(code)
        .map(|c| c.as_str().to_owned())
        .or_throw()
}

/// The catalog: offline by default, or from a `GET /countries` body (string or parsed object).
#[wasm_bindgen]
pub fn countries(catalog: JsValue) -> JsResult<JsValue> {
    to_js(catalog_arg(catalog)?.countries())
}

/// One catalog entry by code.
#[wasm_bindgen]
pub fn country(code: &str, catalog: JsValue) -> JsResult<JsValue> {
    let catalog = catalog_arg(catalog)?;
    to_js(catalog.get(code).or_throw()?)
}

// ---------------------------------------------------------------------------------------------
// Pricing

/// `monthlyCents × activeDays ÷ daysInMonth`, rounded half up to the cent.
#[wasm_bindgen(js_name = prorateCents)]
pub fn prorate_cents(monthly_cents: f64, active_days: f64, days_in_month: f64) -> JsResult<f64> {
    let monthly = whole(monthly_cents, "monthlyCents", SAFE)?;
    let active = whole(active_days, "activeDays", u64::from(u32::MAX))?;
    let dim = whole(days_in_month, "daysInMonth", u64::from(u32::MAX))?;
    let cents = pricing::prorate_cents(
        monthly,
        u32::try_from(active).unwrap_or(u32::MAX),
        u32::try_from(dim).unwrap_or(u32::MAX),
    )
    .or_throw()?;
    #[allow(clippy::cast_precision_loss)] // cents <= monthly <= 2^53 - 1
    Ok(cents as f64)
}

/// Days in a month, leap years included.
#[wasm_bindgen(js_name = daysInMonth)]
pub fn days_in_month(year: i32, month: f64) -> JsResult<u8> {
    let month = whole(month, "month", 255)?;
    pricing::days_in_month(year, u8::try_from(month).unwrap_or(0)).or_throw()
}

/// A quote for `quantity` numbers; options `{start?: 'YYYY-MM-DD', catalog?}`.
#[wasm_bindgen]
pub fn quote(country: &str, quantity: Option<f64>, options: JsValue) -> JsResult<JsValue> {
    let quantity = whole(quantity.unwrap_or(1.0), "quantity", u64::from(u32::MAX))?;
    let start = option_string(&options, "start")?
        .map(|s| Date::parse(&s))
        .transpose()
        .or_throw()?;
    let catalog = if options.is_undefined() || options.is_null() {
        JsValue::UNDEFINED
    } else {
        js_sys::Reflect::get(&options, &"catalog".into())?
    };
    let catalog = catalog_arg(catalog)?;
    let quantity = u32::try_from(quantity).unwrap_or(u32::MAX);
    to_js(&pricing::quote(&catalog, country, quantity, start).or_throw()?)
}

/// `"$1,234.56"`.
#[wasm_bindgen(js_name = formatUsd)]
pub fn format_usd(cents: f64) -> JsResult<String> {
    Ok(pricing::format_usd(whole(cents, "cents", SAFE)?))
}

/// `"$2.00/mo"`.
#[wasm_bindgen(js_name = formatMonthly)]
pub fn format_monthly(cents: f64) -> JsResult<String> {
    Ok(pricing::format_monthly(whole(cents, "cents", SAFE)?))
}

// ---------------------------------------------------------------------------------------------
// KYC

/// Every reason a KYC submission would bounce, as `FieldError[]` (never throws for invalid
/// user input). Options `{availability?, today?: 'YYYY-MM-DD', lang?: 'en' | 'es' | 'pt-BR'}`.
#[wasm_bindgen(js_name = validateKyc)]
pub fn validate_kyc(form: JsValue, submission: JsValue, options: JsValue) -> JsResult<JsValue> {
    let form: KycForm = model(form)?;
    let submission: KycSubmission = model(submission)?;
    let availability: Option<Availability> = option_model(&options, "availability")?;
    let today = today_option(&options)?;
    let lang = lang_option(&options)?;
    to_js(&kyc::validate_submission(
        &form,
        &submission,
        availability.as_ref(),
        today,
        lang,
    ))
}

/// Checks a remediation; options `{previous?, today?, lang?}`.
#[wasm_bindgen(js_name = validateRemediation)]
pub fn validate_remediation(
    form: JsValue,
    submission: JsValue,
    options: JsValue,
) -> JsResult<JsValue> {
    let form: RemediationForm = model(form)?;
    let submission: RemediationSubmission = model(submission)?;
    let previous: Option<KycSubmission> = option_model(&options, "previous")?;
    let today = today_option(&options)?;
    let lang = lang_option(&options)?;
    to_js(&kyc::validate_remediation(
        &form,
        &submission,
        previous.as_ref(),
        today,
        lang,
    ))
}

/// The re-submission for a declined number: only the declined requirements.
#[wasm_bindgen(js_name = remediationPayload)]
pub fn remediation_payload(
    form: JsValue,
    previous: JsValue,
    corrections: JsValue,
) -> JsResult<JsValue> {
    let form: RemediationForm = model(form)?;
    let previous: KycSubmission = model(previous)?;
    let corrections: RemediationSubmission = model(corrections)?;
    to_js(&kyc::remediation_payload(&form, &previous, &corrections))
}

/// `{mime, extension}` of a PDF, JPEG, PNG or WEBP file, or `null`.
#[wasm_bindgen(js_name = sniffDocument)]
pub fn sniff_document(bytes: &[u8]) -> JsResult<JsValue> {
    to_js(&kyc::sniff_document(bytes))
}

/// Throws a `KycValidationError` when a file of `sizeBytes` cannot be sent.
#[wasm_bindgen(js_name = checkDocumentSize)]
pub fn check_document_size(size_bytes: f64) -> JsResult<()> {
    kyc::check_document_size(whole(size_bytes, "sizeBytes", SAFE)?).or_throw()
}

/// Base64 for an inline KYC document.
#[wasm_bindgen(js_name = encodeDocument)]
pub fn encode_document(bytes: &[u8]) -> String {
    kyc::encode_document(bytes)
}

/// Every error code, for exhaustive handling in TypeScript.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    wanumbers::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    wanumbers::VERSION.to_owned()
}
