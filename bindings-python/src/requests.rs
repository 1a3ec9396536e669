//! The API, sans-IO: build a request, let the host send it, parse the response.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple};
use serde_json::Value;
use wanumbers::api::dispatch::{Platform, Spelling};
use wanumbers::api::{HttpRequest, HttpResponse, zernio};
use wanumbers::limits;

use crate::convert::{
    boolean, bytes_or_text, from_py, int, opt_time_arg, out, text, time_arg, to_py, typed,
};
use crate::{OrRaise, raise, wrong_type};

// ---------------------------------------------------------------------------------------------
// API (sans-IO): build a request, let the host send it, parse the response.

/// A request as a dict. Secret header values are `wanumbers._types.Secret`: a `str` that
/// transports send as is, but whose `repr` (and so the dict's, in logs) is `'<redacted>'`.
pub(crate) fn request_to_py<'py>(
    py: Python<'py>,
    request: &HttpRequest,
) -> PyResult<Bound<'py, PyAny>> {
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
pub(crate) fn header_pairs(
    h: &Bound<'_, PyAny>,
    argument: &str,
) -> PyResult<Vec<(String, String)>> {
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
pub(crate) fn pairs_to_py<'py>(
    py: Python<'py>,
    pairs: &[(String, String)],
) -> PyResult<Bound<'py, PyList>> {
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
pub(crate) fn response_from_py(obj: &Bound<'_, PyAny>) -> PyResult<HttpResponse> {
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

pub(crate) fn platform_arg(obj: &Bound<'_, PyAny>) -> PyResult<Platform> {
    Platform::parse(&text(obj, "platform")?).or_raise(obj.py())
}

/// Builds the HTTP request of an operation: `{method, url, headers, body: bytes}`.
#[pyfunction]
pub(crate) fn build_request<'py>(
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
pub(crate) fn parse_response<'py>(
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
pub(crate) fn retry_policy(
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
pub(crate) fn check_retry_policy(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<()> {
    retry_policy(py, Some(policy)).map(|_| ())
}

/// Whether to send attempt `attempt` of a call again and after how long (`{"decision":
/// "retry", "afterMs": n}` or `{"decision": "stop"}`); `response` is `None` after a transport
/// failure. The clients call it; `now` and `jitter` (in `[0, 1)`) come from the caller.
#[pyfunction]
#[pyo3(signature = (platform, operation, args, attempt, response, now, jitter, policy=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn retry_decision<'py>(
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
pub(crate) fn next_page<'py>(
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
pub(crate) struct PyPager(wanumbers::api::pages::Pager, Platform);

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
pub(crate) fn snake_args(
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
pub(crate) fn operations(platform: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
    Ok(platform_arg(platform)?.operations().to_vec())
}

/// The table of operations: one dict per operation (name, platform, method, paths, where each
/// argument travels, retry and idempotency rules, `needs_today`, `pages`, `args`).
#[pyfunction]
pub(crate) fn operation_table(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &wanumbers::api::table::operations_json())
}

/// The `TransportError` (not raised) for a transport that failed: the core words it. `reason`
/// must not contain secrets; `exception` is the type name of what the transport raised.
#[pyfunction]
#[pyo3(name = "_transport_error")]
pub(crate) fn transport_error<'py>(
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
pub(crate) fn argument_type_error<'py>(
    py: Python<'py>,
    argument: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let err = limits::wrong_type(&text(argument, "argument")?, &text(expected, "expected")?);
    Ok(raise(py, &err).into_value(py).into_bound(py).into_any())
}

/// Whether a purchase at `now` passes the 10-minute velocity guard.
#[pyfunction]
#[pyo3(
    signature = (last_purchase_at, now, allow_multiple=None),
    text_signature = "(last_purchase_at, now, allow_multiple=False)"
)]
pub(crate) fn purchase_guard<'py>(
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
