//! `wanumbers._native`: the Python binding. It only converts: Python values in, a core call,
//! Python values or a `wanumbers` exception out. Models cross as plain dicts and lists with the
//! upstream JSON (camelCase) names.
//!
//! Every argument is read by hand (`text`, `int`, `from_py`, ...) so that a value of the wrong
//! type, a number JSON cannot carry, text that is not Unicode or a value nested too deep is a
//! core error naming the argument (`InputError`, codes `argument_type`, `argument_invalid`,
//! `input_too_deep`), never PyO3's `TypeError`/`OverflowError`/`UnicodeEncodeError` or a crash.

use std::borrow::Cow;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple,
};
use serde_json::{Map, Value};
use wanumbers::api::dispatch::{Platform, Spelling};
use wanumbers::api::{HttpRequest, HttpResponse, zernio};
use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
};
use wanumbers::limits::{self, MAX_DEPTH};
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::webhook;
use wanumbers::{Catalog, CountryCode, Date, ErrorCode, PhoneFormat, Timestamp, phone};

// ---------------------------------------------------------------------------------------------
// Errors

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

// The Arrow C data interface is a C ABI: the one place unsafe code is allowed.
#[allow(unsafe_code)]
mod arrow;
mod columns;
mod phone_check;
mod sandbox;

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for wanumbers::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| raise(py, &e))
    }
}

fn wrong_type(py: Python<'_>, argument: &str, expected: &str) -> PyErr {
    raise(py, &limits::wrong_type(argument, expected))
}

/// An int of the right type but outside what the parameter can hold (`format_usd(-1)`).
fn out_of_range(py: Python<'_>, argument: &str, expected: &str) -> PyErr {
    let err = wanumbers::Error::new(
        ErrorCode::ArgumentInvalid,
        format!("{argument} must be {expected}"),
    )
    .with("argument", argument)
    .with("expected", expected);
    raise(py, &err)
}

// ---------------------------------------------------------------------------------------------
// Python → Rust: one reader per kind of argument

/// A `str` argument. Lone surrogates (`"\ud800"`) are `argument_invalid`.
fn text(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<String> {
    let py = obj.py();
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(py, argument, "str"))?;
    s.to_cow()
        .map(Cow::into_owned)
        .map_err(|_| raise(py, &limits::not_unicode(argument)))
}

/// An optional `str` argument: absent and `None` are both `None`.
fn opt_text(obj: Option<&Bound<'_, PyAny>>, argument: &str) -> PyResult<Option<String>> {
    obj.filter(|o| !o.is_none())
        .map(|o| text(o, argument))
        .transpose()
}

/// Integer parameters: the Rust type and how its range reads in an error.
trait IntArg: TryFrom<i128> {
    const RANGE: &'static str;
}

impl IntArg for u64 {
    const RANGE: &'static str = "an int from 0 to 2**64-1";
}
impl IntArg for u32 {
    const RANGE: &'static str = "an int from 0 to 2**32-1";
}
impl IntArg for i32 {
    const RANGE: &'static str = "an int from -2**31 to 2**31-1";
}
impl IntArg for u16 {
    const RANGE: &'static str = "an int from 0 to 65535";
}
impl IntArg for u8 {
    const RANGE: &'static str = "an int from 0 to 255";
}

/// An `int` argument (not a `bool`, not a `float`); out of range is `argument_invalid`.
fn int<T: IntArg>(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<T> {
    let py = obj.py();
    if obj.cast::<PyBool>().is_ok() || obj.cast::<PyFloat>().is_ok() {
        return Err(wrong_type(py, argument, "int"));
    }
    // Only an int (or an object with `__index__`) converts; an overflow here is a huge int.
    let wide: i128 = match obj.extract() {
        Ok(v) => v,
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) => {
            return Err(out_of_range(py, argument, T::RANGE));
        }
        Err(_) => return Err(wrong_type(py, argument, "int")),
    };
    T::try_from(wide).map_err(|_| out_of_range(py, argument, T::RANGE))
}

fn boolean(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<bool> {
    obj.extract()
        .map_err(|_| wrong_type(obj.py(), argument, "bool"))
}

/// Binary data: `bytes` (borrowed, not copied) or `bytearray`.
fn bytes<'a>(obj: &'a Bound<'_, PyAny>, argument: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Cow::Owned(b.to_vec()));
    }
    Err(wrong_type(obj.py(), argument, "bytes"))
}

/// A raw body or a secret: `bytes`/`bytearray` as received, or `str` (sent as UTF-8).
fn bytes_or_text<'a>(obj: &'a Bound<'_, PyAny>, argument: &str) -> PyResult<Cow<'a, [u8]>> {
    if obj.cast::<PyString>().is_ok() {
        return text(obj, argument).map(|s| Cow::Owned(s.into_bytes()));
    }
    bytes(obj, argument).map_err(|_| wrong_type(obj.py(), argument, "bytes or str"))
}

/// The ISO text of a `str` or of a date/datetime (anything whose `isoformat()` returns str).
fn iso_text(obj: &Bound<'_, PyAny>, argument: &str, expected: &str) -> PyResult<String> {
    let py = obj.py();
    if obj.cast::<PyString>().is_ok() {
        return text(obj, argument);
    }
    let iso = obj
        .getattr(intern!(py, "isoformat"))
        .and_then(|f| f.call0())
        .map_err(|_| wrong_type(py, argument, expected))?;
    if iso.cast::<PyString>().is_err() {
        return Err(wrong_type(py, argument, expected));
    }
    text(&iso, argument)
}

/// Python → JSON value. Dates and datetimes (anything with `isoformat()`) become strings.
///
/// A loop with an explicit stack of the lists and dicts being read, not recursion: the native
/// stack stays flat however deep the value is (a thread's stack can be 128 KiB), and nesting
/// is counted before a container is opened, so a list nested 100,000 deep is refused as
/// `input_too_deep` at level `MAX_DEPTH + 1`.
fn from_py(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Value> {
    let py = obj.py();
    let mut open: Vec<Open<'_>> = Vec::new();
    let mut next = obj.clone();
    loop {
        let mut finished = match read_one(&next, argument)? {
            Read::Done(value) => Some(value),
            Read::Open(container) => {
                if open.len() >= MAX_DEPTH {
                    return Err(raise(py, &limits::too_deep()));
                }
                open.push(container);
                None
            }
        };
        // Hand finished values to their container until one has another item to read.
        loop {
            let Some(top) = open.last_mut() else {
                return Ok(finished.unwrap_or(Value::Null));
            };
            if let Some(value) = finished.take() {
                top.put(value);
            }
            if let Some(item) = top.next_item(argument)? {
                next = item;
                break;
            }
            finished = open.pop().map(Open::close);
        }
    }
}

/// A list or dict being read by `from_py`.
enum Open<'py> {
    List(Bound<'py, PyIterator>, Vec<Value>),
    /// A snapshot of the items (a value's `isoformat()` may change the dict), the index of
    /// the next one, the map so far, and the key of the value being read.
    Dict(Bound<'py, PyList>, usize, Map<String, Value>, String),
}

impl<'py> Open<'py> {
    fn put(&mut self, value: Value) {
        match self {
            Open::List(_, items) => items.push(value),
            Open::Dict(_, _, map, key) => {
                map.insert(std::mem::take(key), value);
            }
        }
    }

    fn next_item(&mut self, argument: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            Open::List(iter, _) => iter.next().transpose(),
            Open::Dict(items, index, _, key) => {
                if *index >= items.len() {
                    return Ok(None);
                }
                let pair = items.get_item(*index)?;
                *index += 1;
                let (k, v) = (pair.get_item(0)?, pair.get_item(1)?);
                let py = items.py();
                let k = k
                    .cast::<PyString>()
                    .map_err(|_| wrong_type(py, argument, "a dict with str keys"))?;
                *key = k
                    .to_cow()
                    .map_err(|_| raise(py, &limits::not_unicode(argument)))?
                    .into_owned();
                Ok(Some(v))
            }
        }
    }

    fn close(self) -> Value {
        match self {
            Open::List(_, items) => Value::Array(items),
            Open::Dict(_, _, map, _) => Value::Object(map),
        }
    }
}

enum Read<'py> {
    Done(Value),
    Open(Open<'py>),
}

/// The wire form of a result object (`wanumbers.Model` or `PhoneCheck`), or `None`.
fn model_dict<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyDict>>> {
    let py = obj.py();
    if let Ok(check) = obj.cast::<phone_check::PyPhoneCheck>() {
        return check.get().to_dict(py).map(Some);
    }
    let base = py
        .import(intern!(py, "wanumbers._model"))?
        .getattr(intern!(py, "Model"))?;
    if !obj.is_instance(&base)? {
        return Ok(None);
    }
    let dict = obj.call_method0(intern!(py, "to_dict"))?;
    Ok(dict.cast_into::<PyDict>().ok())
}

/// One Python value: a JSON scalar, or a list/dict to open.
fn read_one<'py>(obj: &Bound<'py, PyAny>, argument: &str) -> PyResult<Read<'py>> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Read::Done(Value::Null));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Read::Done(Value::Bool(b.is_true())));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Read::Done(Value::from(i)));
        }
        return obj
            .extract::<u64>()
            .map(|u| Read::Done(Value::from(u)))
            .map_err(|_| raise(py, &limits::not_a_json_number(argument)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(|n| Read::Done(Value::Number(n)))
            .ok_or_else(|| raise(py, &limits::not_a_json_number(argument)));
    }
    if obj.cast::<PyString>().is_ok() {
        return text(obj, argument).map(|s| Read::Done(Value::String(s)));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return String::from_utf8(b.as_bytes().to_vec())
            .map(|s| Read::Done(Value::String(s)))
            .map_err(|_| raise(py, &limits::not_unicode(argument)));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let map = Map::with_capacity(d.len());
        return Ok(Read::Open(Open::Dict(d.items(), 0, map, String::new())));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let items = Vec::with_capacity(obj.len().unwrap_or(0));
        return Ok(Read::Open(Open::List(obj.try_iter()?, items)));
    }
    // A result object (generated or the native `PhoneCheck`): its wire form.
    if let Some(dict) = model_dict(obj)? {
        let map = Map::with_capacity(dict.len());
        return Ok(Read::Open(Open::Dict(dict.items(), 0, map, String::new())));
    }
    let expected = "JSON data: dict, list, str, int, float, bool, None or a date";
    iso_text(obj, argument, expected).map(|s| Read::Done(Value::String(s)))
}

fn out<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|_| {
        let err = wanumbers::Error::new(
            ErrorCode::JsonInvalid,
            "the result could not be written as JSON",
        );
        raise(py, &err)
    })?;
    to_py(py, &json)
}

/// A result as its typed object: `wanumbers._models.<class>.from_dict(wire form)`.
pub(crate) fn typed<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &str,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let data = out(py, value)?;
    py.import(intern!(py, "wanumbers._models"))?
        .getattr(class)?
        .call_method1(intern!(py, "from_dict"), (data,))
}

/// A list of results as typed objects.
fn typed_list<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &str,
    values: &[T],
) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::empty(py);
    for value in values {
        list.append(typed(py, class, value)?)?;
    }
    Ok(list.into_any())
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

fn model<T: wanumbers::Decode>(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<T> {
    wanumbers::error::from_value(from_py(obj, argument)?).or_raise(obj.py())
}

fn optional_model<T: wanumbers::Decode>(
    obj: Option<&Bound<'_, PyAny>>,
    argument: &str,
) -> PyResult<Option<T>> {
    obj.filter(|o| !o.is_none())
        .map(|o| model(o, argument))
        .transpose()
}

/// A date argument: `"YYYY-MM-DD"` or a `datetime.date`.
fn date_arg(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Date> {
    let iso = iso_text(obj, argument, "a date: 'YYYY-MM-DD' or datetime.date")?;
    Date::parse(&iso).or_raise(obj.py())
}

fn opt_date_arg(obj: Option<&Bound<'_, PyAny>>, argument: &str) -> PyResult<Option<Date>> {
    obj.filter(|o| !o.is_none())
        .map(|o| date_arg(o, argument))
        .transpose()
}

/// A timestamp argument: RFC 3339 text or an aware `datetime.datetime`.
fn time_arg(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Timestamp> {
    let iso = iso_text(
        obj,
        argument,
        "a timestamp: RFC 3339 text or an aware datetime",
    )?;
    Timestamp::parse(&iso).or_raise(obj.py())
}

fn opt_time_arg(obj: Option<&Bound<'_, PyAny>>, argument: &str) -> PyResult<Option<Timestamp>> {
    obj.filter(|o| !o.is_none())
        .map(|o| time_arg(o, argument))
        .transpose()
}

/// A catalog argument: `None` (offline), the `GET /countries` body as str/bytes, or it parsed.
fn catalog_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Catalog> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(Catalog::offline()),
        Some(o) => match from_py(o, "catalog")? {
            Value::String(body) => Catalog::from_json(&body).or_raise(py),
            value => Catalog::from_value(value).or_raise(py),
        },
    }
}

/// `today` as given, or the host's current UTC date (the core never reads a clock).
fn today_arg(py: Python<'_>, today: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
    if let Some(t) = today.filter(|t| !t.is_none()) {
        return date_arg(t, "today");
    }
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    let now = datetime.getattr("datetime")?.call_method1("now", (utc,))?;
    date_arg(&now.call_method0("date")?, "today")
}

fn lang_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Lang> {
    Ok(opt_text(obj, "lang")?.map_or_else(Lang::default, |l| Lang::parse(&l)))
}

// ---------------------------------------------------------------------------------------------
// Phone

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
fn normalize_phone(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    phone::normalize(&raw, region.as_deref()).or_raise(py)
}

#[pyfunction]
fn normalize_phone_in_region(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, text(region, "region")?);
    phone::parse_in_region(&raw, &region)
        .map(|n| n.e164().to_owned())
        .or_raise(py)
}

#[pyfunction]
#[pyo3(
    signature = (raw, region=None, format=None),
    text_signature = "(raw, region=None, format='international')"
)]
fn format_phone(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    region: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    let format =
        PhoneFormat::parse_or_default(opt_text(format, "format")?.as_deref()).or_raise(py)?;
    phone::parse(&raw, region.as_deref())
        .map(|n| n.format(format))
        .or_raise(py)
}

#[pyfunction]
#[pyo3(
    signature = (region, r#type=None, format=None),
    text_signature = "(region, type='mobile', format='international')"
)]
fn example_phone(
    py: Python<'_>,
    region: &Bound<'_, PyAny>,
    r#type: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<String>> {
    let (region, kind) = (text(region, "region")?, opt_text(r#type, "type")?);
    let format = opt_text(format, "format")?;
    phone::example_written(&region, kind.as_deref(), format.as_deref()).or_raise(py)
}

#[pyfunction]
#[pyo3(signature = (raw, region=None))]
fn check_phone<'py>(
    py: Python<'py>,
    raw: &Bound<'py, PyAny>,
    region: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (raw, region) = (text(raw, "raw")?, opt_text(region, "region")?);
    let check = phone::check(&raw, region.as_deref()).or_raise(py)?;
    Ok(Bound::new(py, phone_check::PyPhoneCheck::from(check))?.into_any())
}

// ---------------------------------------------------------------------------------------------
// Countries

#[pyfunction]
fn is_country_code(code: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(wanumbers::is_country_code(&text(code, "code")?))
}

#[pyfunction]
fn country_name(code: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(wanumbers::country_name(&text(code, "code")?))
}

#[pyfunction]
fn country_info<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let c = CountryCode::parse(&text(code, "code")?).or_raise(py)?;
    typed(py, "CountryInfo", &c.info())
}

#[pyfunction]
fn normalize_country_code(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    CountryCode::normalize(&text(code, "code")?)
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
    typed_list(py, "Country", catalog.countries())
}

#[pyfunction]
#[pyo3(signature = (code, catalog=None))]
fn country<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let code = text(code, "code")?;
    let catalog = catalog_arg(py, catalog)?;
    let entry = catalog.get(&code).or_raise(py)?;
    typed(py, "Country", entry)
}

// ---------------------------------------------------------------------------------------------
// Pricing

#[pyfunction]
fn prorate_cents(
    py: Python<'_>,
    monthly_cents: &Bound<'_, PyAny>,
    active_days: &Bound<'_, PyAny>,
    days_in_month: &Bound<'_, PyAny>,
) -> PyResult<u64> {
    pricing::prorate_cents(
        int(monthly_cents, "monthly_cents")?,
        int(active_days, "active_days")?,
        int(days_in_month, "days_in_month")?,
    )
    .or_raise(py)
}

#[pyfunction]
fn days_in_month(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    month: &Bound<'_, PyAny>,
) -> PyResult<u8> {
    pricing::days_in_month(int(year, "year")?, int(month, "month")?).or_raise(py)
}

#[pyfunction]
fn invoice<'py>(
    py: Python<'py>,
    numbers: &Bound<'py, PyAny>,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(numbers, "numbers")?;
    let (start, end) = (date_arg(start, "start")?, date_arg(end, "end")?);
    let inv = py
        .detach(|| pricing::invoice(&numbers, start, end))
        .or_raise(py)?;
    typed(py, "Invoice", &inv)
}

#[pyfunction]
fn run_rate<'py>(py: Python<'py>, numbers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let numbers: Vec<FleetNumber> = model(numbers, "numbers")?;
    typed(py, "RunRate", &pricing::run_rate(&numbers).or_raise(py)?)
}

#[pyfunction]
#[pyo3(
    signature = (country, quantity=None, start=None, catalog=None),
    text_signature = "(country, quantity=1, start=None, catalog=None)"
)]
fn quote<'py>(
    py: Python<'py>,
    country: &Bound<'py, PyAny>,
    quantity: Option<&Bound<'py, PyAny>>,
    start: Option<&Bound<'py, PyAny>>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let country = text(country, "country")?;
    let quantity = match quantity.filter(|q| !q.is_none()) {
        Some(q) => int(q, "quantity")?,
        None => 1,
    };
    let start = opt_date_arg(start, "start")?;
    let catalog = catalog_arg(py, catalog)?;
    typed(
        py,
        "Quote",
        &pricing::quote(&catalog, &country, quantity, start).or_raise(py)?,
    )
}

#[pyfunction]
fn format_usd(cents: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(pricing::format_usd(int(cents, "cents")?))
}

#[pyfunction]
fn format_monthly(cents: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(pricing::format_monthly(int(cents, "cents")?))
}

// ---------------------------------------------------------------------------------------------
// Status

#[pyfunction]
fn next_status(
    py: Python<'_>,
    status: &Bound<'_, PyAny>,
    event: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (status, event) = (text(status, "status")?, text(event, "event")?);
    let event = NumberEvent::parse(&event).or_raise(py)?;
    status::next(&NumberStatus::from(status.as_str()), event)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
fn allowed_actions<'py>(
    py: Python<'py>,
    status: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let status = text(status, "status")?;
    typed(
        py,
        "AllowedActions",
        &status::allowed_actions(&NumberStatus::from(status.as_str())),
    )
}

#[pyfunction]
fn parse_status(py: Python<'_>, status: &Bound<'_, PyAny>) -> PyResult<String> {
    NumberStatus::parse(&text(status, "status")?)
        .map(|s| s.as_str().to_owned())
        .or_raise(py)
}

#[pyfunction]
fn webhook_event(name: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(NumberEvent::from_webhook(&text(name, "name")?).map(NumberEvent::as_str))
}

#[pyfunction]
#[pyo3(signature = (status, *, now, view=None, declined_at=None))]
fn in_list_view(
    status: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    view: Option<&Bound<'_, PyAny>>,
    declined_at: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let status = text(status, "status")?;
    let now = time_arg(now, "now")?;
    let view = opt_text(view, "view")?;
    let declined_at = opt_time_arg(declined_at, "declined_at")?;
    let view = view.as_deref().map(NumberStatus::from);
    Ok(status::in_list_view(
        view.as_ref(),
        &NumberStatus::from(status.as_str()),
        declined_at,
        now,
    ))
}

// ---------------------------------------------------------------------------------------------
// KYC

/// Every reason a KYC submission would bounce, as a list of field-error dicts (never raises
/// for invalid user input).
#[pyfunction]
#[pyo3(
    signature = (form, submission, availability=None, today=None, lang=None),
    text_signature = "(form, submission, availability=None, today=None, lang='en')"
)]
fn validate_kyc<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    availability: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: KycForm = model(form, "form")?;
    let submission: KycSubmission = model(submission, "submission")?;
    let availability: Option<Availability> = optional_model(availability, "availability")?;
    let today = today_arg(py, today)?;
    let lang = lang_arg(lang)?;
    typed_list(
        py,
        "FieldError",
        &kyc::validate_submission(&form, &submission, availability.as_ref(), today, lang),
    )
}

#[pyfunction]
#[pyo3(
    signature = (form, submission, previous=None, today=None, lang=None),
    text_signature = "(form, submission, previous=None, today=None, lang='en')"
)]
fn validate_remediation<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    submission: &Bound<'py, PyAny>,
    previous: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(form, "form")?;
    let submission: RemediationSubmission = model(submission, "submission")?;
    let previous: Option<KycSubmission> = optional_model(previous, "previous")?;
    let today = today_arg(py, today)?;
    let lang = lang_arg(lang)?;
    typed_list(
        py,
        "FieldError",
        &kyc::validate_remediation(&form, &submission, previous.as_ref(), today, lang),
    )
}

#[pyfunction]
fn remediation_payload<'py>(
    py: Python<'py>,
    form: &Bound<'py, PyAny>,
    previous: &Bound<'py, PyAny>,
    corrections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let form: RemediationForm = model(form, "form")?;
    let previous: KycSubmission = model(previous, "previous")?;
    let corrections: RemediationSubmission = model(corrections, "corrections")?;
    out(
        py,
        &kyc::remediation_payload(&form, &previous, &corrections),
    )
}

/// Front and back of an ID (JPEG/PNG bytes) on one PDF page; returns the PDF bytes.
#[pyfunction]
fn combine_id_sides<'py>(
    py: Python<'py>,
    front: &Bound<'py, PyAny>,
    back: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let (front, back) = (bytes(front, "front")?, bytes(back, "back")?);
    let pdf = py
        .detach(|| kyc::combine_id_sides(&front, &back))
        .or_raise(py)?;
    Ok(PyBytes::new(py, &pdf))
}

#[pyfunction]
fn sniff_document<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    match kyc::sniff_document(&bytes(data, "data")?) {
        Some(kind) => typed(py, "DocumentType", &kind),
        None => Ok(py.None().into_bound(py)),
    }
}

#[pyfunction]
fn check_document_size(py: Python<'_>, size_bytes: &Bound<'_, PyAny>) -> PyResult<()> {
    kyc::check_document_size(int(size_bytes, "size_bytes")?).or_raise(py)
}

#[pyfunction]
fn encode_document(data: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(kyc::encode_document(&bytes(data, "data")?))
}

// ---------------------------------------------------------------------------------------------
// API (sans-IO): build a request, let the host send it, parse the response.

/// A request as a dict. Secret header values are `wanumbers._types.Secret`: a `str` that
/// transports send as is, but whose `repr` (and so the dict's, in logs) is `'<redacted>'`.
fn request_to_py<'py>(py: Python<'py>, request: &HttpRequest) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item("method", request.method.as_str())?;
    dict.set_item("url", &request.url)?;
    let headers = PyList::empty(py);
    let secret = py.import("wanumbers._types")?.getattr("Secret")?;
    for (k, v) in &request.headers {
        let value = if wanumbers::api::is_secret_header(k) {
            secret.call1((v.as_str(),))?
        } else {
            PyString::new(py, v).into_any()
        };
        headers.append(PyTuple::new(py, [PyString::new(py, k).into_any(), value])?)?;
    }
    dict.set_item("headers", headers)?;
    dict.set_item("body", PyBytes::new(py, &request.body))?;
    Ok(dict.into_any())
}

/// Headers as (name, value) pairs from a dict, a mapping with `items()` (httpx, requests) or a
/// list of 2-tuples or 2-lists (headers read back from JSON).
fn header_pairs(h: &Bound<'_, PyAny>, argument: &str) -> PyResult<Vec<(String, String)>> {
    let py = h.py();
    let pairs = "pairs of str (a dict or a list of tuples)";
    let items = if let Ok(d) = h.cast::<PyDict>() {
        d.items().into_any()
    } else if h.hasattr("items").unwrap_or(false) {
        h.call_method0("items")
            .map_err(|_| wrong_type(py, argument, pairs))?
    } else {
        h.clone()
    };
    let iter = items
        .try_iter()
        .map_err(|_| wrong_type(py, argument, pairs))?;
    let mut headers = Vec::new();
    for item in iter {
        let item = item?;
        let pair = if let Ok(t) = item.cast::<PyTuple>() {
            (t.len() == 2).then(|| (t.get_item(0), t.get_item(1)))
        } else if let Ok(l) = item.cast::<PyList>() {
            (l.len() == 2).then(|| (l.get_item(0), l.get_item(1)))
        } else {
            None
        };
        let (k, v) = pair.ok_or_else(|| wrong_type(py, argument, pairs))?;
        let (k, v) = (k?, v?);
        headers.push((text(&k, argument)?, text(&v, argument)?));
    }
    Ok(headers)
}

/// Header pairs as a list of 2-tuples.
fn pairs_to_py<'py>(py: Python<'py>, pairs: &[(String, String)]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (k, v) in pairs {
        list.append(PyTuple::new(
            py,
            [PyString::new(py, k), PyString::new(py, v)],
        )?)?;
    }
    Ok(list)
}

/// A response from a dict `{status, headers?, body?}` (headers a dict or a list of pairs,
/// body bytes or str) or an object with those attributes.
fn response_from_py(obj: &Bound<'_, PyAny>) -> PyResult<HttpResponse> {
    let py = obj.py();
    let expected = "a response: {status, headers, body} or an httpx/requests response";
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if let Ok(d) = obj.cast::<PyDict>() {
            return d.get_item(key);
        }
        Ok(obj.getattr(key).ok())
    };
    let status = get("status")?
        .filter(|s| !s.is_none())
        .ok_or_else(|| wrong_type(py, "response", expected))?;
    let status: u16 = int(&status, "response.status")?;
    let headers = match get("headers")?.filter(|h| !h.is_none()) {
        Some(h) => header_pairs(&h, "response.headers")?,
        None => Vec::new(),
    };
    let body = match get("body")?.filter(|b| !b.is_none()) {
        None => Vec::new(),
        Some(b) => bytes_or_text(&b, "response.body")?.into_owned(),
    };
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

fn platform_arg(obj: &Bound<'_, PyAny>) -> PyResult<Platform> {
    Platform::parse(&text(obj, "platform")?).or_raise(obj.py())
}

/// Builds the HTTP request of an operation: `{method, url, headers, body: bytes}`.
#[pyfunction]
fn build_request<'py>(
    py: Python<'py>,
    platform: &Bound<'py, PyAny>,
    config: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
    args: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let platform = platform_arg(platform)?;
    let operation = text(operation, "operation")?;
    let args = snake_args(py, platform, &operation, args)?;
    let config = platform
        .config_from(from_py(config, "config")?, Spelling::Snake)
        .or_raise(py)?;
    let request = platform
        .request(config, &operation, args)
        .map_err(|e| platform.respell_error(e, Spelling::Snake))
        .or_raise(py)?;
    request_to_py(py, &request)
}

/// Parses the response of an operation into plain data, or raises an `ApiError`.
#[pyfunction]
fn parse_response<'py>(
    py: Python<'py>,
    platform: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
    args: &Bound<'py, PyAny>,
    response: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let platform = platform_arg(platform)?;
    let operation = text(operation, "operation")?;
    let args = snake_args(py, platform, &operation, args)?;
    let response = response_from_py(response)?;
    let value = platform
        .parse_response(&operation, args, &response)
        .map_err(|e| platform.respell_error(e, Spelling::Snake))
        .or_raise(py)?;
    to_py(py, &value)
}

/// A retry policy (a dict with camelCase keys, or `None` for the default), checked by the core.
fn retry_policy(
    py: Python<'_>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<wanumbers::api::retry::RetryPolicy> {
    let value = match policy {
        Some(p) => from_py(p, "policy")?,
        None => Value::Null,
    };
    wanumbers::api::retry::RetryPolicy::from_json(value).or_raise(py)
}

/// Checks a client's retry policy when the client is made (not after a request was sent).
#[pyfunction]
#[pyo3(name = "_check_retry_policy")]
fn check_retry_policy(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<()> {
    retry_policy(py, Some(policy)).map(|_| ())
}

/// Whether to send attempt `attempt` of a call again and after how long (`{"decision":
/// "retry", "afterMs": n}` or `{"decision": "stop"}`); `response` is `None` after a transport
/// failure. The clients call it; `now` and `jitter` (in `[0, 1)`) come from the caller.
#[pyfunction]
#[pyo3(signature = (platform, operation, args, attempt, response, now, jitter, policy=None))]
#[allow(clippy::too_many_arguments)]
fn retry_decision<'py>(
    py: Python<'py>,
    platform: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
    args: &Bound<'py, PyAny>,
    attempt: &Bound<'py, PyAny>,
    response: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    jitter: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let platform = platform_arg(platform)?;
    let operation = text(operation, "operation")?;
    let args = snake_args(py, platform, &operation, args)?;
    let attempt: u32 = int(attempt, "attempt")?;
    let response = if response.is_none() {
        None
    } else {
        Some(response_from_py(response)?)
    };
    let now = time_arg(now, "now")?;
    let jitter = match jitter.cast::<PyFloat>() {
        Ok(f) if jitter.cast::<PyBool>().is_err() => f.value(),
        _ => return Err(wrong_type(py, "jitter", "a float in [0, 1)")),
    };
    let policy = retry_policy(py, policy)?;
    let decision = platform
        .retry_decision(
            &operation,
            &args,
            attempt,
            response.as_ref(),
            now,
            jitter,
            &policy,
        )
        .or_raise(py)?;
    out(py, &decision)
}

/// The arguments of the next page after `page` (the parsed result of `operation` called with
/// `args`), or `None` when there is none (the last page, or an operation that does not page).
#[pyfunction]
fn next_page<'py>(
    py: Python<'py>,
    platform: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
    args: &Bound<'py, PyAny>,
    page: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let platform = platform_arg(platform)?;
    let operation = text(operation, "operation")?;
    let args = snake_args(py, platform, &operation, args)?;
    let page = from_py(page, "page")?;
    let next = platform.next_page(&operation, args, page).or_raise(py)?;
    let next = next.map(|n| platform.args_to(n, Spelling::Snake));
    to_py(py, &next.unwrap_or(Value::Null))
}

/// Every page of one call: the core decides what to request next and which items a page
/// holds; the generated clients only send (`list_all_phone_numbers`).
#[pyclass(name = "_Pager", module = "wanumbers._native")]
struct PyPager(wanumbers::api::pages::Pager, Platform);

#[pymethods]
impl PyPager {
    #[new]
    fn new(
        py: Python<'_>,
        platform: &Bound<'_, PyAny>,
        operation: &Bound<'_, PyAny>,
        args: &Bound<'_, PyAny>,
        max_pages: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let platform = platform_arg(platform)?;
        let operation = text(operation, "operation")?;
        let args = snake_args(py, platform, &operation, args)?;
        let max_pages: u32 = int(max_pages, "max_pages")?;
        let max_pages = usize::try_from(max_pages).unwrap_or(usize::MAX);
        wanumbers::api::pages::Pager::new(platform, &operation, args, max_pages)
            .map(|pager| PyPager(pager, platform))
            .or_raise(py)
    }

    /// The arguments of the next request, or `None` when every page was read.
    fn next_args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let next = self.0.next_args().cloned().unwrap_or(Value::Null);
        to_py(py, &self.1.args_to(next, Spelling::Snake))
    }

    /// The items of one parsed page; remembers where the next page starts.
    fn feed<'py>(
        &mut self,
        py: Python<'py>,
        page: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let page = from_py(page, "page")?;
        let items = self.0.feed(page).or_raise(py)?;
        to_py(py, &Value::Array(items))
    }
}

/// Python's snake_case arguments under the operation's own names (an unknown key is
/// `argument_unknown` with a snake_case suggestion).
fn snake_args(
    py: Python<'_>,
    platform: Platform,
    operation: &str,
    args: &Bound<'_, PyAny>,
) -> PyResult<Value> {
    platform
        .args_from(operation, from_py(args, "args")?, Spelling::Snake)
        .or_raise(py)
}

#[pyfunction]
fn operations(platform: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
    Ok(platform_arg(platform)?.operations().to_vec())
}

/// The table of operations: one dict per operation (name, platform, method, paths, where each
/// argument travels, retry and idempotency rules, `needs_today`, `pages`, `args`).
#[pyfunction]
fn operation_table(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &wanumbers::api::table::operations_json())
}

/// The `TransportError` (not raised) for a transport that failed: the core words it. `reason`
/// must not contain secrets; `exception` is the type name of what the transport raised.
#[pyfunction]
#[pyo3(name = "_transport_error")]
fn transport_error<'py>(
    py: Python<'py>,
    reason: &Bound<'py, PyAny>,
    maybe_sent: &Bound<'py, PyAny>,
    exception: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let failure = wanumbers::api::TransportError {
        message: text(reason, "reason")?,
        maybe_sent: boolean(maybe_sent, "maybe_sent")?,
    };
    let err = wanumbers::Error::from(failure).with("exception", text(exception, "exception")?);
    Ok(raise(py, &err).into_value(py).into_bound(py).into_any())
}

/// The `InputError` (not raised) for a Python-side argument of the wrong type, e.g. a
/// transport's `timeout`: `argument_type`, worded by the core.
#[pyfunction]
#[pyo3(name = "_argument_type_error")]
fn argument_type_error<'py>(
    py: Python<'py>,
    argument: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let err = limits::wrong_type(&text(argument, "argument")?, &text(expected, "expected")?);
    Ok(raise(py, &err).into_value(py).into_bound(py).into_any())
}

/// Raises `SignatureError` unless `header` is the Zernio signature of the raw body.
#[pyfunction]
#[pyo3(signature = (secret, body, header))]
fn verify_zernio_signature(
    py: Python<'_>,
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let (secret, body) = (
        bytes_or_text(secret, "secret")?,
        bytes_or_text(body, "body")?,
    );
    let header = opt_text(header, "header")?;
    webhook::verify_zernio_signature(&secret, &body, header.as_deref()).or_raise(py)
}

/// Raises `SignatureError` unless `header` (`sha256=…`) is Meta's signature of the raw body.
#[pyfunction]
#[pyo3(signature = (app_secret, body, header))]
fn verify_meta_signature(
    py: Python<'_>,
    app_secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    header: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let secret = bytes_or_text(app_secret, "app_secret")?;
    let body = bytes_or_text(body, "body")?;
    let header = opt_text(header, "header")?;
    webhook::verify_meta_signature(&secret, &body, header.as_deref()).or_raise(py)
}

/// The challenge to echo for Meta's subscription handshake, or `SignatureError` (answer 403).
#[pyfunction]
#[pyo3(signature = (mode, token, challenge, expected_token))]
fn meta_challenge(
    py: Python<'_>,
    mode: Option<&Bound<'_, PyAny>>,
    token: Option<&Bound<'_, PyAny>>,
    challenge: Option<&Bound<'_, PyAny>>,
    expected_token: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (mode, token) = (opt_text(mode, "mode")?, opt_text(token, "token")?);
    let challenge = opt_text(challenge, "challenge")?;
    let expected_token = text(expected_token, "expected_token")?;
    webhook::meta_challenge(
        mode.as_deref(),
        token.as_deref(),
        challenge.as_deref(),
        &expected_token,
    )
    .or_raise(py)
}

/// Parses a Zernio webhook body (after verifying its signature).
#[pyfunction]
fn parse_webhook<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let body = bytes_or_text(body, "body")?;
    typed(
        py,
        "ZernioEvent",
        &webhook::parse_zernio_webhook(&body).or_raise(py)?,
    )
}

/// Parses a Meta webhook body (after verifying its signature).
#[pyfunction]
fn parse_meta_webhook<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let body = bytes_or_text(body, "body")?;
    typed(
        py,
        "MetaWebhook",
        &webhook::parse_meta_webhook(&body).or_raise(py)?,
    )
}

/// Applies a parsed Zernio event to a local number record: `{record, changed}`.
#[pyfunction]
fn apply_event<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let record: webhook::LocalNumber = model(record, "record")?;
    let event: webhook::ZernioEvent = model(event, "event")?;
    typed(
        py,
        "Applied",
        &webhook::apply_event(&record, &event).or_raise(py)?,
    )
}

/// Whether a purchase at `now` passes the 10-minute velocity guard.
#[pyfunction]
#[pyo3(
    signature = (last_purchase_at, now, allow_multiple=None),
    text_signature = "(last_purchase_at, now, allow_multiple=False)"
)]
fn purchase_guard<'py>(
    py: Python<'py>,
    last_purchase_at: Option<&Bound<'py, PyAny>>,
    now: &Bound<'py, PyAny>,
    allow_multiple: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let last = opt_time_arg(last_purchase_at, "last_purchase_at")?;
    let now = time_arg(now, "now")?;
    let allow_multiple = match allow_multiple.filter(|a| !a.is_none()) {
        Some(a) => boolean(a, "allow_multiple")?,
        None => false,
    };
    typed(
        py,
        "PurchaseGuard",
        &zernio::purchase_guard(last, now, allow_multiple),
    )
}

// ---------------------------------------------------------------------------------------------

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", wanumbers::VERSION)?;
    m.add("PHONE_METADATA_VERSION", phone::METADATA_VERSION)?;
    m.add("SANDBOX_GOOD_CODE", wanumbers::sandbox::GOOD_CODE)?;
    m.add(
        "ERROR_CODES",
        ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    m.add(
        "ERROR_CLASSES",
        wanumbers::ErrorKind::ALL
            .iter()
            .map(|k| k.class_name())
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
    m.add_class::<sandbox::PySandbox>()?;
    m.add_class::<phone_check::PyPhoneCheck>()?;
    m.add_function(wrap_pyfunction!(normalize_phone, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phone_in_region, m)?)?;
    m.add_function(wrap_pyfunction!(format_phone, m)?)?;
    m.add_function(wrap_pyfunction!(example_phone, m)?)?;
    m.add_function(wrap_pyfunction!(check_phone, m)?)?;
    m.add_function(wrap_pyfunction!(columns::check_phones, m)?)?;
    m.add_function(wrap_pyfunction!(columns::normalize_phones, m)?)?;
    m.add_class::<columns::PyPhoneColumns>()?;
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
    m.add_function(wrap_pyfunction!(operation_table, m)?)?;
    m.add_function(wrap_pyfunction!(retry_decision, m)?)?;
    m.add_function(wrap_pyfunction!(check_retry_policy, m)?)?;
    m.add_class::<PyPager>()?;
    m.add_function(wrap_pyfunction!(verify_zernio_signature, m)?)?;
    m.add_function(wrap_pyfunction!(verify_meta_signature, m)?)?;
    m.add_function(wrap_pyfunction!(meta_challenge, m)?)?;
    m.add_function(wrap_pyfunction!(parse_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(parse_meta_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(apply_event, m)?)?;
    m.add_function(wrap_pyfunction!(purchase_guard, m)?)?;
    // Helpers of the Python package, not part of the API: kept out of `__all__`.
    m.setattr(
        "_SENSITIVE_DETAILS",
        PyTuple::new(m.py(), wanumbers::error::SENSITIVE_DETAILS)?,
    )?;
    m.setattr("_transport_error", wrap_pyfunction!(transport_error, m)?)?;
    m.setattr(
        "_argument_type_error",
        wrap_pyfunction!(argument_type_error, m)?,
    )?;
    Ok(())
}
