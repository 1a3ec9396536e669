//! Python ↔ Rust: one reader per kind of argument, and the writers of results.

use std::borrow::Cow;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple,
};
use serde_json::{Map, Value};
use wanumbers::kyc::Lang;
use wanumbers::limits::{self, MAX_DEPTH};
use wanumbers::{Catalog, Date, ErrorCode, Timestamp};

use crate::{OrRaise, out_of_range, raise, wrong_type};

// ---------------------------------------------------------------------------------------------
// Python → Rust: one reader per kind of argument

/// A `str` argument. Lone surrogates (`"\ud800"`) are `argument_invalid`.
pub(crate) fn text(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<String> {
    let py = obj.py();
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(py, argument, "str"))?;
    s.to_cow()
        .map(Cow::into_owned)
        .map_err(|_| raise(py, &limits::not_unicode(argument)))
}

/// An optional `str` argument: absent and `None` are both `None`.
pub(crate) fn opt_text(obj: Option<&Bound<'_, PyAny>>, argument: &str) -> PyResult<Option<String>> {
    obj.filter(|o| !o.is_none())
        .map(|o| text(o, argument))
        .transpose()
}

/// Integer parameters: the Rust type and how its range reads in an error.
pub(crate) trait IntArg: TryFrom<i128> {
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
pub(crate) fn int<T: IntArg>(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<T> {
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

pub(crate) fn boolean(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<bool> {
    obj.extract()
        .map_err(|_| wrong_type(obj.py(), argument, "bool"))
}

/// Binary data: `bytes` (borrowed, not copied) or `bytearray`.
pub(crate) fn bytes<'a>(obj: &'a Bound<'_, PyAny>, argument: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Cow::Owned(b.to_vec()));
    }
    Err(wrong_type(obj.py(), argument, "bytes"))
}

/// A raw body or a secret: `bytes`/`bytearray` as received, or `str` (sent as UTF-8).
pub(crate) fn bytes_or_text<'a>(
    obj: &'a Bound<'_, PyAny>,
    argument: &str,
) -> PyResult<Cow<'a, [u8]>> {
    if obj.cast::<PyString>().is_ok() {
        return text(obj, argument).map(|s| Cow::Owned(s.into_bytes()));
    }
    bytes(obj, argument).map_err(|_| wrong_type(obj.py(), argument, "bytes or str"))
}

/// The ISO text of a `str` or of a date/datetime (anything whose `isoformat()` returns str).
pub(crate) fn iso_text(obj: &Bound<'_, PyAny>, argument: &str, expected: &str) -> PyResult<String> {
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
pub(crate) fn from_py(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Value> {
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
pub(crate) enum Open<'py> {
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

pub(crate) enum Read<'py> {
    Done(Value),
    Open(Open<'py>),
}

/// The wire form of a result object (`wanumbers.Model` or `PhoneCheck`), or `None`.
pub(crate) fn model_dict<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyDict>>> {
    let py = obj.py();
    if let Ok(check) = obj.cast::<crate::phone_check::PyPhoneCheck>() {
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
pub(crate) fn read_one<'py>(obj: &Bound<'py, PyAny>, argument: &str) -> PyResult<Read<'py>> {
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

pub(crate) fn out<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
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
pub(crate) fn typed_list<'py, T: serde::Serialize>(
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

pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
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

pub(crate) fn model<T: wanumbers::Decode>(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<T> {
    wanumbers::error::from_value(from_py(obj, argument)?).or_raise(obj.py())
}

pub(crate) fn optional_model<T: wanumbers::Decode>(
    obj: Option<&Bound<'_, PyAny>>,
    argument: &str,
) -> PyResult<Option<T>> {
    obj.filter(|o| !o.is_none())
        .map(|o| model(o, argument))
        .transpose()
}

/// A date argument: `"YYYY-MM-DD"` or a `datetime.date`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Date> {
    let iso = iso_text(obj, argument, "a date: 'YYYY-MM-DD' or datetime.date")?;
    Date::parse(&iso).or_raise(obj.py())
}

pub(crate) fn opt_date_arg(
    obj: Option<&Bound<'_, PyAny>>,
    argument: &str,
) -> PyResult<Option<Date>> {
    obj.filter(|o| !o.is_none())
        .map(|o| date_arg(o, argument))
        .transpose()
}

/// A timestamp argument: RFC 3339 text or an aware `datetime.datetime`.
pub(crate) fn time_arg(obj: &Bound<'_, PyAny>, argument: &str) -> PyResult<Timestamp> {
    let iso = iso_text(
        obj,
        argument,
        "a timestamp: RFC 3339 text or an aware datetime",
    )?;
    Timestamp::parse(&iso).or_raise(obj.py())
}

pub(crate) fn opt_time_arg(
    obj: Option<&Bound<'_, PyAny>>,
    argument: &str,
) -> PyResult<Option<Timestamp>> {
    obj.filter(|o| !o.is_none())
        .map(|o| time_arg(o, argument))
        .transpose()
}

/// A catalog argument: `None` (offline), the `GET /countries` body as str/bytes, or it parsed.
pub(crate) fn catalog_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Catalog> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(Catalog::offline()),
        Some(o) => match from_py(o, "catalog")? {
            Value::String(body) => Catalog::from_json(&body).or_raise(py),
            value => Catalog::from_value(value).or_raise(py),
        },
    }
}

/// `today` as given, or the host's current UTC date (the core never reads a clock).
pub(crate) fn today_arg(py: Python<'_>, today: Option<&Bound<'_, PyAny>>) -> PyResult<Date> {
    if let Some(t) = today.filter(|t| !t.is_none()) {
        return date_arg(t, "today");
    }
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    let now = datetime.getattr("datetime")?.call_method1("now", (utc,))?;
    date_arg(&now.call_method0("date")?, "today")
}

pub(crate) fn lang_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Lang> {
    Ok(opt_text(obj, "lang")?.map_or_else(Lang::default, |l| Lang::parse(&l)))
}
