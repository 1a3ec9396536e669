//! The forms build's functions (npm `wanumbers/forms`, and in every build but the ID-sides
//! entry): phone numbers, countries, quotes, KYC validation and the document checks.

use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, RemediationForm, RemediationSubmission,
};
use wanumbers::pricing;
use wanumbers::{CountryCode, Date, PhoneFormat, phone};
use wasm_bindgen::prelude::*;

use wanumbers::limits;

use crate::{
    DOCUMENT_BOUND, JsResult, OrThrow, SAFE, bytes_arg, catalog_arg, lang_option, model, num_arg,
    opt_str_arg, option_model, option_string, raise, str_arg, to_js, today_option, whole_arg,
};

// ---------------------------------------------------------------------------------------------
// Phone

/// The E.164 form of a valid number; throws a `PhoneError` otherwise.
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(raw: JsValue, region: JsValue) -> JsResult<String> {
    let (raw, region) = (str_arg(&raw, "raw")?, opt_str_arg(&region, "region")?);
    phone::normalize(&raw, region.as_deref()).or_throw()
}

/// The E.164 form of a valid number that belongs to `region`.
#[wasm_bindgen(js_name = normalizePhoneInRegion)]
pub fn normalize_phone_in_region(raw: JsValue, region: JsValue) -> JsResult<String> {
    let (raw, region) = (str_arg(&raw, "raw")?, str_arg(&region, "region")?);
    phone::parse_in_region(&raw, &region)
        .map(|n| n.e164().to_owned())
        .or_throw()
}

/// A valid number written as `e164`, `international` (default), `national` or `rfc3966`.
#[wasm_bindgen(js_name = formatPhone)]
pub fn format_phone(raw: JsValue, region: JsValue, format: JsValue) -> JsResult<String> {
    let (raw, region) = (str_arg(&raw, "raw")?, opt_str_arg(&region, "region")?);
    let format =
        PhoneFormat::parse_or_default(opt_str_arg(&format, "format")?.as_deref()).or_throw()?;
    phone::parse(&raw, region.as_deref())
        .map(|n| n.format(format))
        .or_throw()
}

/// An example number of `region` and `type` (default `mobile`), written as `format` (default
/// `international`), e.g. for a form's placeholder; `null` when the region has no such numbers.
#[wasm_bindgen(js_name = examplePhone)]
pub fn example_phone(region: JsValue, number_type: JsValue, format: JsValue) -> JsResult<JsValue> {
    let (region, kind) = (
        str_arg(&region, "region")?,
        opt_str_arg(&number_type, "type")?,
    );
    let format = opt_str_arg(&format, "format")?;
    Ok(
        phone::example_written(&region, kind.as_deref(), format.as_deref())
            .or_throw()?
            .map_or(JsValue::NULL, JsValue::from),
    )
}

/// The libphonenumber metadata release the phone engine is compiled from, e.g. `"9.0.42"`.
#[wasm_bindgen(js_name = phoneMetadataVersion)]
pub fn phone_metadata_version() -> String {
    phone::METADATA_VERSION.to_owned()
}

/// `{valid, e164, region, type, countryCode, error}` for one input; never throws for a bad number.
#[wasm_bindgen(js_name = checkPhone)]
pub fn check_phone(raw: JsValue, region: JsValue) -> JsResult<JsValue> {
    let (raw, region) = (str_arg(&raw, "raw")?, opt_str_arg(&region, "region")?);
    to_js(&phone::check(&raw, region.as_deref()).or_throw()?)
}

/// `checkPhone` for many inputs in one call, in order.
#[wasm_bindgen(js_name = checkPhones)]
pub fn check_phones(raws: JsValue, region: JsValue) -> JsResult<JsValue> {
    if !js_sys::Array::is_array(&raws) {
        return Err(raise(&limits::wrong_type("raws", "an array of strings")));
    }
    let raws = js_sys::Array::from(&raws)
        .iter()
        .map(|raw| str_arg(&raw, "raws[]"))
        .collect::<JsResult<Vec<String>>>()?;
    let region = opt_str_arg(&region, "region")?;
    to_js(&phone::check_many(&raws, region.as_deref()).or_throw()?)
}

// ---------------------------------------------------------------------------------------------
// Countries

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code, uppercase.
#[wasm_bindgen(js_name = isCountryCode)]
pub fn is_country_code(code: JsValue) -> JsResult<bool> {
    Ok(wanumbers::is_country_code(&str_arg(&code, "code")?))
}

/// The English name of an assigned code, or `null`.
#[wasm_bindgen(js_name = countryName)]
pub fn country_name(code: JsValue) -> JsResult<Option<String>> {
    Ok(wanumbers::country_name(&str_arg(&code, "code")?).map(str::to_owned))
}

/// `{code, alpha3, name}` of a strictly written code; throws an `InputError` otherwise.
#[wasm_bindgen(js_name = countryInfo)]
pub fn country_info(code: JsValue) -> JsResult<JsValue> {
    let c = CountryCode::parse(&str_arg(&code, "code")?).or_throw()?;
    to_js(&c.info())
}

/// Trims and uppercases a code, then checks it.
#[wasm_bindgen(js_name = normalizeCountryCode)]
pub fn normalize_country_code(code: JsValue) -> JsResult<String> {
    CountryCode::normalize(&str_arg(&code, "code")?)
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
pub fn country(code: JsValue, catalog: JsValue) -> JsResult<JsValue> {
    let code = str_arg(&code, "code")?;
    let catalog = catalog_arg(catalog)?;
    to_js(catalog.get(&code).or_throw()?)
}

// ---------------------------------------------------------------------------------------------
// Pricing

/// `monthlyCents × activeDays ÷ daysInMonth`, rounded half up to the cent.
#[wasm_bindgen(js_name = prorateCents)]
pub fn prorate_cents(
    monthly_cents: JsValue,
    active_days: JsValue,
    days_in_month: JsValue,
) -> JsResult<f64> {
    let monthly = whole_arg(&monthly_cents, "monthlyCents", SAFE)?;
    let active = whole_arg(&active_days, "activeDays", u64::from(u32::MAX))?;
    let dim = whole_arg(&days_in_month, "daysInMonth", u64::from(u32::MAX))?;
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
pub fn days_in_month(year: JsValue, month: JsValue) -> JsResult<u8> {
    // Any whole year goes to the core, which says which years exist.
    let year = num_arg(&year, "year")?;
    #[allow(clippy::cast_possible_truncation)] // checked whole and in range first
    let year = if year.fract() == 0.0 && year.abs() <= f64::from(i32::MAX) {
        year as i32
    } else {
        i32::MAX
    };
    let month = whole_arg(&month, "month", 255)?;
    pricing::days_in_month(year, u8::try_from(month).unwrap_or(0)).or_throw()
}

/// A quote for `quantity` numbers; options `{start?: 'YYYY-MM-DD', catalog?}`.
#[wasm_bindgen]
pub fn quote(country: JsValue, quantity: JsValue, options: JsValue) -> JsResult<JsValue> {
    let country = str_arg(&country, "country")?;
    let quantity = if quantity.is_undefined() || quantity.is_null() {
        1
    } else {
        whole_arg(&quantity, "quantity", u64::from(u32::MAX))?
    };
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
    to_js(&pricing::quote(&catalog, &country, quantity, start).or_throw()?)
}

/// `"$1,234.56"`.
#[wasm_bindgen(js_name = formatUsd)]
pub fn format_usd(cents: JsValue) -> JsResult<String> {
    Ok(pricing::format_usd(whole_arg(&cents, "cents", SAFE)?))
}

/// `"$2.00/mo"`.
#[wasm_bindgen(js_name = formatMonthly)]
pub fn format_monthly(cents: JsValue) -> JsResult<String> {
    Ok(pricing::format_monthly(whole_arg(&cents, "cents", SAFE)?))
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
pub fn sniff_document(bytes: JsValue) -> JsResult<JsValue> {
    // The type is in the first bytes.
    to_js(&kyc::sniff_document(&bytes_arg(&bytes, "bytes", 64)?))
}

/// Throws a `KycValidationError` when a file of `sizeBytes` cannot be sent.
#[wasm_bindgen(js_name = checkDocumentSize)]
pub fn check_document_size(size_bytes: JsValue) -> JsResult<()> {
    kyc::check_document_size(whole_arg(&size_bytes, "sizeBytes", SAFE)?).or_throw()
}

/// Base64 for an inline KYC document.
#[wasm_bindgen(js_name = encodeDocument)]
pub fn encode_document(bytes: JsValue) -> JsResult<String> {
    let bytes = bytes_arg(&bytes, "bytes", DOCUMENT_BOUND)?;
    // Past the document limit nothing is encoded (the copy stopped one byte past it).
    if !bytes.is_empty() {
        kyc::check_document_size(bytes.len() as u64).or_throw()?;
    }
    Ok(kyc::encode_document(&bytes))
}
