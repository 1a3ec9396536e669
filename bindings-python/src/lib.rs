//! `wanumbers._native`: the Python binding. It only converts: Python values in, a core call,
//! Python values or a `wanumbers` exception out. Models cross as plain dicts and lists with the
//! upstream JSON (camelCase) names.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};
use wanumbers::api::{Config, GraphConfig, HttpRequest, HttpResponse, dispatch, zernio};
use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
};
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::webhook;
use wanumbers::{Catalog, CountryCode, Date, ErrorCode, PhoneFormat, Timestamp, phone};

// ---------------------------------------------------------------------------------------------
// Conversion

/// The one error mapper: every core error becomes the `wanumbers._errors` class of its kind.
fn raise(py: Python<'_>, err: &wanumbers::Error) -> PyErr {
    let class = err.kind().class_name();
    let build = || -> PyResult<PyErr> {
        let cls = py.import("wanumbers._errors")?.getattr(class)?;
        let details = to_py(py, &Value::Object(err.details().clone()))?;
        let exc = cls.call1((err.message(), err.code().as_str(), details))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for wanumbers::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, &e))
    }
}

fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, None, Some(f)) => PyFloat::new(py, f).into_any(),
            _ => py.None().into_bound(py),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Python → JSON value. Dates and datetimes (anything with `isoformat()`) become strings.
fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| PyTypeError::new_err("integer out of range (-2**63 .. 2**64)"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Value::String(
            String::from_utf8_lossy(b.as_bytes()).into_owned(),
        ));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("dict keys must be str"))?;
            map.insert(key.to_cow()?.into_owned(), from_py(&v)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return obj
            .try_iter()?
            .map(|item| from_py(&item?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if obj.hasattr("isoformat")? {
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert a {} to JSON; use dict, list, str, int, float, bool, None or a date",
        obj.get_type().name()?
    )))
}

fn out<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    to_py(py, &json)
}

fn model<T: serde::de::DeserializeOwned>(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    wanumbers::error::from_value(from_py(obj)?).or_raise(py)
}

/// A date argument: `"YYYY-MM-DD"` or a `datetime.date`.
fn date_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    match from_py(obj)? {
        Value::String(s) => Date::parse(&s).or_raise(py),
        _ => Err(PyTypeError::new_err(
            "expected a date: 'YYYY-MM-DD' or datetime.date",
        )),
    }
}

/// A timestamp argument: RFC 3339 text or an aware `datetime.datetime`.
fn time_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Timestamp> {
    match from_py(obj)? {
        Value::String(s) => Timestamp::parse(&s).or_raise(py),
        _ => Err(PyTypeError::new_err(
            "expected a timestamp: RFC 3339 text or an aware datetime",
        )),
    }
}

/// A catalog argument: `None` (offline), the `GET /countries` body as str/bytes, or it parsed.
fn catalog_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Catalog> {
    match obj {
        None => Ok(Catalog::offline()),
        Some(o) if o.is_none() => Ok(Catalog::offline()),
        Some(o) => match from_py(o)? {
            Value::String(body) => Catalog::from_json(&body).or_raise(py),
            value => Catalog::from_value(value).or_raise(py),
        },
    }
}

/// `today` as given, or the host's current UTC date (the core never reads a clock).
fn today_arg(py: Python<'_>, today: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
    if let Some(t) = today.filter(|t| !t.is_none()) {
        return date_arg(py, t);
    }
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    let now = datetime.getattr("datetime")?.call_method1("now", (utc,))?;
    date_arg(py, &now.call_method0("date")?)
}

fn optional_model<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    obj.filter(|o| !o.is_none())
        .map(|o| model(py, o))
        .transpose()
}

// ---------------------------------------------------------------------------------------------
// Phone

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
fn normalize_phone(py: Python<'_>, raw: &str, region: Option<&str>) -> PyResult<String> {
    phone::normalize(raw, region).or_raise(py)
}

#[pyfunction]
fn normalize_phone_in_region(py: Python<'_>, raw: &str, region: &str) -> PyResult<String> {
    phone::parse_in_region(raw, region)
        .map(|n| n.e164().to_owned())
        .or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (raw, region=None, format="international"))]
fn format_phone(py: Python<'_>, raw: &str, region: Option<&str>, format: &str) -> PyResult<String> {
    let format = PhoneFormat::parse(format).map_err(|_| {
        PyTypeError::new_err("format must be 'e164', 'international', 'national' or 'rfc3966'")
    })?;
    phone::parse(raw, region)
        .map(|n| n.format(format))
        .or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
fn check_phone<'py>(
    py: Python<'py>,
    raw: &str,
    region: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let check = phone::check(raw, region).or_raise(py)?;
    check_to_py(py, &check)
}

/// Checks many numbers in one native call, without holding the GIL while checking.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // PyO3 extracts arguments as owned values
#[pyo3(signature = (raws, region=None))]
fn check_phones<'py>(
    py: Python<'py>,
    raws: Vec<String>,
    region: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let checks = py
        .detach(|| phone::check_many(&raws, region))
        .or_raise(py)?;
    let list = PyList::empty(py);
    for check in &checks {
        list.append(check_to_py(py, check)?)?;
    }
    Ok(list.into_any())
}

/// A check as the dict its serde form describes, built directly with interned keys: bulk
/// checks spend their time here, not in the engine. (The vectors pin the shape.)
fn check_to_py<'py>(py: Python<'py>, check: &phone::PhoneCheck) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "valid"), check.valid)?;
    dict.set_item(intern!(py, "e164"), check.e164.as_deref())?;
    dict.set_item(intern!(py, "region"), check.region)?;
    dict.set_item(
        intern!(py, "type"),
        check.number_type.map(phone::NumberType::as_str),
    )?;
    dict.set_item(intern!(py, "countryCode"), check.country_code)?;
    match &check.error {
        Some(err) => dict.set_item(intern!(py, "error"), out(py, err)?)?,
        None => dict.set_item(intern!(py, "error"), py.None())?,
    }
    Ok(dict.into_any())
}

// ---------------------------------------------------------------------------------------------
// Countries

#[pyfunction]
fn is_country_code(code: &str) -> bool {
    wanumbers::is_country_code(code)
}

#[pyfunction]
fn country_name(code: &str) -> Option<&'static str> {
    wanumbers::country_name(code)
}

#[pyfunction]
fn country_info<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
    let c = CountryCode::parse(code).or_raise(py)?;
    out(py, &c.info())
}

#[pyfunction]
fn normalize_country_code(py: Python<'_>, code: &str) -> PyResult<&'static str> {
    CountryCode::normalize(code)
        .map(CountryCode::as_str)
        .or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (catalog=None))]
fn countries<'py>(
    py: Python<'py>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let catalog = catalog_arg(py, catalog)?;
    out(py, &catalog.countries())
}

#[pyfunction]
#[pyo3(signature = (code, catalog=None))]
fn country<'py>(
    py: Python<'py>,
    code: &str,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let catalog = catalog_arg(py, catalog)?;
    let entry = catalog.get(code).or_raise(py)?;
    out(py, entry)
}

// ---------------------------------------------------------------------------------------------
// Pricing

#[pyfunction]
fn prorate_cents(
    py: Python<'_>,
    monthly_cents: u64,
    active_days: u32,
    days_in_month: u32,
) -> PyResult<u64> {
    pricing::prorate_cents(monthly_cents, active_days, days_in_month).or_raise(py)
}

#[pyfunction]
fn days_in_month(py: Python<'_>, year: i32, month: u8) -> PyResult<u8> {
    pricing::days_in_month(year, month).or_raise(py)
}

#[pyfunction]
fn invoice<'py>(
    py: Python<'py>,
    numbers: &Bound<'py, PyAny>,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(py, numbers)?;
    let (start, end) = (date_arg(py, start)?, date_arg(py, end)?);
    let inv = py
        .detach(|| pricing::invoice(&numbers, start, end))
        .or_raise(py)?;
    out(py, &inv)
}

#[pyfunction]
fn run_rate<'py>(py: Python<'py>, numbers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(py, numbers)?;
    out(py, &pricing::run_rate(&numbers).or_raise(py)?)
}

#[pyfunction]
#[pyo3(signature = (country, quantity=1, start=None, catalog=None))]
fn quote<'py>(
    py: Python<'py>,
    country: &str,
    quantity: u32,
    start: Option<&Bound<'py, PyAny>>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let start = start
        .filter(|s| !s.is_none())
        .map(|s| date_arg(py, s))
        .transpose()?;
    let catalog = catalog_arg(py, catalog)?;
    out(
        py,
        &pricing::quote(&catalog, country, quantity, start).or_raise(py)?,
    )
}

#[pyfunction]
fn format_usd(cents: u64) -> String {
    pricing::format_usd(cents)
}

#[pyfunction]
fn format_monthly(cents: u64) -> String {
    pricing::format_monthly(cents)
}

// ---------------------------------------------------------------------------------------------
// Status

#[pyfunction]
fn next_status(py: Python<'_>, status: &str, event: &str) -> PyResult<String> {
    let event = NumberEvent::parse(event).or_raise(py)?;
    status::next(&NumberStatus::from(status), event)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
fn allowed_actions<'py>(py: Python<'py>, status: &str) -> PyResult<Bound<'py, PyAny>> {
    out(py, &status::allowed_actions(&NumberStatus::from(status)))
}

#[pyfunction]
fn parse_status(py: Python<'_>, status: &str) -> PyResult<String> {
    NumberStatus::parse(status)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
fn webhook_event(name: &str) -> Option<&'static str> {
    NumberEvent::from_webhook(name).map(NumberEvent::as_str)
}

#[pyfunction]
#[pyo3(signature = (status, *, now, view=None, declined_at=None))]
fn in_list_view(
    py: Python<'_>,
    status: &str,
    now: &Bound<'_, PyAny>,
    view: Option<&str>,
    declined_at: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let now = time_arg(py, now)?;
    let declined_at = declined_at
        .filter(|d| !d.is_none())
        .map(|d| time_arg(py, d))
        .transpose()?;
    let view = view.map(NumberStatus::from);
    Ok(status::in_list_view(
        view.as_ref(),
        &NumberStatus::from(status),
        declined_at,
        now,
    ))
}

// ---------------------------------------------------------------------------------------------
// KYC

/// Every reason a KYC submission would bounce, as a list of field-error dicts (never raises
/// for invalid user input).
#[pyfunction]
#[pyo3(signature = (form, submission, availability=None, today=None, lang="en"))]
fn validate_kyc<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    availability: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let form: KycForm = model(py, form)?;
    let submission: KycSubmission = model(py, submission)?;
    let availability: Option<Availability> = optional_model(py, availability)?;
    let today = today_arg(py, today)?;
    out(
        py,
        &kyc::validate_submission(
            &form,
            &submission,
            availability.as_ref(),
            today,
            Lang::parse(lang),
        ),
    )
}

#[pyfunction]
#[pyo3(signature = (form, submission, previous=None, today=None, lang="en"))]
fn validate_remediation<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    previous: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(py, form)?;
    let submission: RemediationSubmission = model(py, submission)?;
    let previous: Option<KycSubmission> = optional_model(py, previous)?;
    let today = today_arg(py, today)?;
    out(
        py,
        &kyc::validate_remediation(
            &form,
            &submission,
            previous.as_ref(),
            today,
            Lang::parse(lang),
        ),
    )
}

#[pyfunction]
fn remediation_payload<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    previous: &Bound<'py, PyAny>,
    corrections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(py, form)?;
    let previous: KycSubmission = model(py, previous)?;
    let corrections: RemediationSubmission = model(py, corrections)?;
    out(
        py,
        &kyc::remediation_payload(&form, &previous, &corrections),
    )
}

/// Front and back of an ID (JPEG/PNG bytes) on one PDF page; returns the PDF bytes.
#[pyfunction]
fn combine_id_sides<'py>(
    py: Python<'py>,
    front: &[u8],
    back: &[u8],
) -> PyResult<Bound<'py, PyBytes>> {
    let pdf = py
        .detach(|| kyc::combine_id_sides(front, back))
        .or_raise(py)?;
    Ok(PyBytes::new(py, &pdf))
}

#[pyfunction]
fn sniff_document<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    out(py, &kyc::sniff_document(data))
}

#[pyfunction]
fn check_document_size(py: Python<'_>, size_bytes: u64) -> PyResult<()> {
    kyc::check_document_size(size_bytes).or_raise(py)
}

#[pyfunction]
fn encode_document(data: &[u8]) -> String {
    kyc::encode_document(data)
}

// ---------------------------------------------------------------------------------------------
// API (sans-IO): build a request, let the host send it, parse the response.

fn request_to_py<'py>(py: Python<'py>, request: &HttpRequest) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item("method", request.method.as_str())?;
    dict.set_item("url", &request.url)?;
    let headers = PyList::empty(py);
    for (k, v) in &request.headers {
        headers.append(PyTuple::new(py, [k.as_str(), v.as_str()])?)?;
    }
    dict.set_item("headers", headers)?;
    dict.set_item("body", PyBytes::new(py, &request.body))?;
    Ok(dict.into_any())
}

/// A response from a dict `{status, headers?, body?}` (headers a dict or a list of pairs,
/// body bytes or str) or an object with those attributes.
fn response_from_py(obj: &Bound<'_, PyAny>) -> PyResult<HttpResponse> {
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if let Ok(d) = obj.cast::<PyDict>() {
            return d.get_item(key);
        }
        Ok(obj.getattr(key).ok())
    };
    let status: u16 = get("status")?
        .ok_or_else(|| PyTypeError::new_err("a response needs a status"))?
        .extract()?;
    let mut headers = Vec::new();
    if let Some(h) = get("headers")?.filter(|h| !h.is_none()) {
        let items = if let Ok(d) = h.cast::<PyDict>() {
            d.items().into_any()
        } else if h.hasattr("items")? {
            h.call_method0("items")?
        } else {
            h
        };
        for item in items.try_iter()? {
            let (k, v): (String, String) = item?.extract()?;
            headers.push((k, v));
        }
    }
    let body = match get("body")?.filter(|b| !b.is_none()) {
        None => Vec::new(),
        Some(b) => match b.cast::<PyBytes>() {
            Ok(bytes) => bytes.as_bytes().to_vec(),
            Err(_) => b
                .extract::<String>()
                .map(String::into_bytes)
                .or_else(|_| b.extract::<Vec<u8>>())?,
        },
    };
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

fn config_for(py: Python<'_>, platform: &str, config: &Bound<'_, PyAny>) -> PyResult<Platform> {
    match platform {
        "zernio" => Ok(Platform::Zernio(model(py, config)?)),
        "graph" => Ok(Platform::Graph(model(py, config)?)),
        _ => Err(PyTypeError::new_err("platform must be 'zernio' or 'graph'")),
    }
}

enum Platform {
    Zernio(Config),
    Graph(GraphConfig),
}

/// Builds the HTTP request of an operation: `{method, url, headers, body: bytes}`.
#[pyfunction]
fn build_request<'py>(
    py: Python<'py>,
    platform: &str,
    config: &Bound<'py, PyAny>,
    operation: &str,
    args: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let args = from_py(args)?;
    let request = match config_for(py, platform, config)? {
        Platform::Zernio(c) => dispatch::zernio_request(&c, operation, args),
        Platform::Graph(c) => dispatch::graph_request(&c, operation, args),
    }
    .or_raise(py)?;
    request_to_py(py, &request)
}

/// Parses the response of an operation into plain data, or raises an `ApiError`.
#[pyfunction]
fn parse_response<'py>(
    py: Python<'py>,
    platform: &str,
    operation: &str,
    args: &Bound<'py, PyAny>,
    response: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let args = from_py(args)?;
    let response = response_from_py(response)?;
    let value = match platform {
        "zernio" => dispatch::zernio_parse(operation, args, &response),
        "graph" => dispatch::graph_parse(operation, args, &response),
        _ => return Err(PyTypeError::new_err("platform must be 'zernio' or 'graph'")),
    }
    .or_raise(py)?;
    to_py(py, &value)
}

/// The arguments of the next page after `page` (the parsed result of `operation` called with
/// `args`), or `None` when there is none. Only Graph's `list_phone_numbers` pages.
#[pyfunction]
fn next_page<'py>(
    py: Python<'py>,
    platform: &str,
    operation: &str,
    args: &Bound<'py, PyAny>,
    page: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (args, page) = (from_py(args)?, from_py(page)?);
    let next = match platform {
        "zernio" => dispatch::zernio_next_page(operation, args, page),
        "graph" => dispatch::graph_next_page(operation, args, page),
        _ => return Err(PyTypeError::new_err("platform must be 'zernio' or 'graph'")),
    }
    .or_raise(py)?;
    to_py(py, &next.unwrap_or(Value::Null))
}

#[pyfunction]
fn operations(platform: &str) -> PyResult<Vec<&'static str>> {
    match platform {
        "zernio" => Ok(dispatch::ZERNIO_OPERATIONS.to_vec()),
        "graph" => Ok(dispatch::GRAPH_OPERATIONS.to_vec()),
        _ => Err(PyTypeError::new_err("platform must be 'zernio' or 'graph'")),
    }
}

fn bytes_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    match obj.cast::<PyBytes>() {
        Ok(b) => Ok(b.as_bytes().to_vec()),
        Err(_) => obj
            .extract::<String>()
            .map(String::into_bytes)
            .map_err(|_| PyTypeError::new_err("expected bytes (the raw body as received) or str")),
    }
}

/// Raises `SignatureError` unless `header` is the Zernio signature of the raw body.
#[pyfunction]
#[pyo3(signature = (secret, body, header))]
fn verify_zernio_signature(
    py: Python<'_>,
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&str>,
) -> PyResult<()> {
    webhook::verify_zernio_signature(&bytes_arg(secret)?, &bytes_arg(body)?, header).or_raise(py)
}

/// Raises `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body.
#[pyfunction]
#[pyo3(signature = (app_secret, body, header))]
fn verify_meta_signature(
    py: Python<'_>,
    app_secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&str>,
) -> PyResult<()> {
    webhook::verify_meta_signature(&bytes_arg(app_secret)?, &bytes_arg(body)?, header).or_raise(py)
}

/// The challenge to echo for Meta's subscription handshake, or `SignatureError` (answer 403).
#[pyfunction]
#[pyo3(signature = (mode, token, challenge, expected_token))]
fn meta_challenge(
    py: Python<'_>,
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> PyResult<String> {
    webhook::meta_challenge(mode, token, challenge, expected_token).or_raise(py)
}

/// Parses a Zernio webhook body (after verifying its signature).
#[pyfunction]
fn parse_webhook<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    out(
        py,
        &webhook::parse_zernio_webhook(&bytes_arg(body)?).or_raise(py)?,
    )
}

/// Parses a Meta webhook body (after verifying its signature).
#[pyfunction]
fn parse_meta_webhook<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    out(
        py,
        &webhook::parse_meta_webhook(&bytes_arg(body)?).or_raise(py)?,
    )
}

/// Applies a parsed Zernio event to a local number record: `{record, changed}`.
#[pyfunction]
fn apply_event<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let record: webhook::LocalNumber = model(py, record)?;
    let event: webhook::ZernioEvent = model(py, event)?;
    out(py, &webhook::apply_event(&record, &event).or_raise(py)?)
}

/// Whether a purchase at `now` passes the 10-minute velocity guard.
#[pyfunction]
#[pyo3(signature = (last_purchase_at, now, allow_multiple=false))]
fn purchase_guard<'py>(
    py: Python<'py>,
    last_purchase_at: Option<&Bound<'py, PyAny>>,
    now: &Bound<'py, PyAny>,
    allow_multiple: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let last = last_purchase_at
        .filter(|l| !l.is_none())
        .map(|l| time_arg(py, l))
        .transpose()?;
    out(
        py,
        &zernio::purchase_guard(last, time_arg(py, now)?, allow_multiple),
    )
}

// ---------------------------------------------------------------------------------------------

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", wanumbers::VERSION)?;
    m.add(
        "ERROR_CODES",
        ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "NUMBER_STATUSES",
        NumberStatus::KNOWN
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "NUMBER_EVENTS",
        NumberEvent::ALL
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add_function(wrap_pyfunction!(normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phone_in_region, m)?)?;
    m.add_function(wrap_pyfunction!(format_phone, m)?)?;
    m.add_function(wrap_pyfunction!(check_phone, m)?)?;
    m.add_function(wrap_pyfunction!(check_phones, m)?)?;
    m.add_function(wrap_pyfunction!(is_country_code, m)?)?;
    m.add_function(wrap_pyfunction!(country_name, m)?)?;
    m.add_function(wrap_pyfunction!(country_info, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_country_code, m)?)?;
    m.add_function(wrap_pyfunction!(countries, m)?)?;
    m.add_function(wrap_pyfunction!(country, m)?)?;
    m.add_function(wrap_pyfunction!(prorate_cents, m)?)?;
    m.add_function(wrap_pyfunction!(days_in_month, m)?)?;
    m.add_function(wrap_pyfunction!(invoice, m)?)?;
    m.add_function(wrap_pyfunction!(run_rate, m)?)?;
    m.add_function(wrap_pyfunction!(quote, m)?)?;
    m.add_function(wrap_pyfunction!(format_usd, m)?)?;
    m.add_function(wrap_pyfunction!(format_monthly, m)?)?;
    m.add_function(wrap_pyfunction!(next_status, m)?)?;
    m.add_function(wrap_pyfunction!(allowed_actions, m)?)?;
    m.add_function(wrap_pyfunction!(parse_status, m)?)?;
    m.add_function(wrap_pyfunction!(webhook_event, m)?)?;
    m.add_function(wrap_pyfunction!(in_list_view, m)?)?;
    m.add_function(wrap_pyfunction!(validate_kyc, m)?)?;
    m.add_function(wrap_pyfunction!(validate_remediation, m)?)?;
    m.add_function(wrap_pyfunction!(remediation_payload, m)?)?;
    m.add_function(wrap_pyfunction!(combine_id_sides, m)?)?;
    m.add_function(wrap_pyfunction!(sniff_document, m)?)?;
    m.add_function(wrap_pyfunction!(check_document_size, m)?)?;
    m.add_function(wrap_pyfunction!(encode_document, m)?)?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(next_page, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(verify_zernio_signature, m)?)?;
    m.add_function(wrap_pyfunction!(verify_meta_signature, m)?)?;
    m.add_function(wrap_pyfunction!(meta_challenge, m)?)?;
    m.add_function(wrap_pyfunction!(parse_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(parse_meta_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(apply_event, m)?)?;
    m.add_function(wrap_pyfunction!(purchase_guard, m)?)?;
    Ok(())
}
