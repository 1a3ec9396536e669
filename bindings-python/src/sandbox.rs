//! The core's sandbox as `wanumbers._native._Sandbox`: requests and responses converted, the
//! sandbox itself (routing, state, controls) all in the core.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use wanumbers::api::{HttpRequest, HttpResponse, Method};
use wanumbers::sandbox::{Delivery, Sandbox};

use crate::convert::{bytes_or_text, from_py, text, to_py};
use crate::requests::{header_pairs, pairs_to_py};
use crate::{OrRaise, wrong_type};

/// A request from a dict `{method, url, headers?, body?}` (headers a dict or a list of pairs,
/// body bytes or str), as the clients' transports receive it; `Err(url)` for a method neither
/// API has (the core answers it: [`Sandbox::unknown_method`]).
fn request_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Result<HttpRequest, String>> {
    let py = obj.py();
    let expected = "a request: {method, url, headers, body}";
    let dict = obj
        .cast::<PyDict>()
        .map_err(|_| wrong_type(py, "request", expected))?;
    let get = |key: &str| dict.get_item(key).ok().flatten().filter(|v| !v.is_none());
    let method = get("method").ok_or_else(|| wrong_type(py, "request", expected))?;
    let method = text(&method, "request.method")?;
    let url = text(
        &get("url").ok_or_else(|| wrong_type(py, "request", expected))?,
        "request.url",
    )?;
    let Ok(method) = wanumbers::error::from_value::<Method>(serde_json::Value::String(method))
    else {
        return Ok(Err(url));
    };
    let headers = match get("headers") {
        Some(h) => header_pairs(&h, "request.headers")?,
        None => Vec::new(),
    };
    let body = match get("body") {
        None => Vec::new(),
        Some(b) => bytes_or_text(&b, "request.body")?.into_owned(),
    };
    Ok(Ok(HttpRequest {
        method,
        url,
        headers,
        body,
    }))
}

fn response_to_py<'py>(py: Python<'py>, response: &HttpResponse) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item("status", response.status)?;
    dict.set_item("headers", pairs_to_py(py, &response.headers)?)?;
    dict.set_item("body", PyBytes::new(py, &response.body))?;
    Ok(dict.into_any())
}

fn delivery_to_py<'py>(py: Python<'py>, delivery: &Delivery) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &delivery.id)?;
    dict.set_item("webhook_id", &delivery.webhook_id)?;
    dict.set_item("url", &delivery.url)?;
    dict.set_item("event", &delivery.event)?;
    dict.set_item("event_id", &delivery.event_id)?;
    dict.set_item("headers", pairs_to_py(py, &delivery.headers)?)?;
    dict.set_item("body", PyBytes::new(py, &delivery.body))?;
    dict.set_item("attempt", delivery.attempt)?;
    dict.set_item("due_at", delivery.due_at.to_string())?;
    Ok(dict.into_any())
}

/// `wanumbers.Sandbox`'s engine.
#[pyclass(name = "_Sandbox", module = "wanumbers._native", frozen)]
pub struct PySandbox(Arc<Sandbox>);

#[pymethods]
impl PySandbox {
    #[new]
    fn new(seed: u64) -> Self {
        PySandbox(Arc::new(Sandbox::new(seed)))
    }

    /// Answers a request at the host's time `now` (RFC 3339): `(response, deliveries,
    /// latency_ms, dropped)` (a planted latency and dropped connection, for the host to act).
    fn handle<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, u32, bool)> {
        let request = request_from_py(request)?;
        let now: wanumbers::Timestamp =
            wanumbers::Timestamp::parse(&text(now, "now")?).or_raise(py)?;
        let request = match request {
            Ok(request) => request,
            Err(url) => {
                let response = Sandbox::unknown_method(&url);
                return Ok((
                    response_to_py(py, &response)?,
                    PyList::empty(py).into_any(),
                    0,
                    false,
                ));
            }
        };
        let sandbox = Arc::clone(&self.0);
        let handled = py.detach(move || sandbox.handle(&request, now));
        let deliveries = PyList::empty(py);
        for d in &handled.deliveries {
            deliveries.append(delivery_to_py(py, d)?)?;
        }
        Ok((
            response_to_py(py, &handled.response)?,
            deliveries.into_any(),
            handled.latency_ms,
            handled.dropped,
        ))
    }

    /// Control `name` with `args` (JSON names) at the host's time `now`: its answer.
    fn control<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        args: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let args = from_py(args, "args")?;
        let now: wanumbers::Timestamp =
            wanumbers::Timestamp::parse(&text(now, "now")?).or_raise(py)?;
        let answer = self.0.control(name, &args, now).or_raise(py)?;
        to_py(py, &answer)
    }

    /// Every delivery due at the host's time `now` and not yet taken, oldest first.
    fn take_deliveries<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now: wanumbers::Timestamp =
            wanumbers::Timestamp::parse(&text(now, "now")?).or_raise(py)?;
        let deliveries = PyList::empty(py);
        for d in &self.0.take_due(now) {
            deliveries.append(delivery_to_py(py, d)?)?;
        }
        Ok(deliveries.into_any())
    }

    /// The whole state as plain data.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.snapshot().or_raise(py)?)
    }

    /// A sandbox from a snapshot.
    #[staticmethod]
    fn restore(py: Python<'_>, snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = from_py(snapshot, "snapshot")?;
        Ok(PySandbox(Arc::new(Sandbox::restore(value).or_raise(py)?)))
    }
}
