//! `wanumbers.PhoneCheck`: the result of a phone check, a native class because bulk checks make
//! millions of them (no dict per row; the error and the enum are made only when read). It
//! behaves as the generated result objects do: immutable, `==`, pickling, `to_dict()` with the
//! wire names, and a `repr` that hides the number (a consumer's number is personal data).

use std::borrow::Cow;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString, PyTuple};
use serde_json::Value;
use wanumbers::{ErrorCode, phone};

use crate::convert::{from_py, out, typed};
use crate::wrong_type;

/// What `check_phone` reports for one input.
#[pyclass(frozen, module = "wanumbers", name = "PhoneCheck")]
pub struct PyPhoneCheck {
    valid: bool,
    e164: Option<String>,
    region: Option<Cow<'static, str>>,
    number_type: Option<Cow<'static, str>>,
    country_code: Option<u16>,
    error: Option<wanumbers::Error>,
}

impl From<phone::PhoneCheck> for PyPhoneCheck {
    fn from(check: phone::PhoneCheck) -> Self {
        PyPhoneCheck {
            valid: check.valid,
            e164: check.e164,
            region: check.region.map(Cow::Borrowed),
            number_type: check.number_type.map(|t| Cow::Borrowed(t.as_str())),
            country_code: check.country_code,
            error: check.error,
        }
    }
}

fn opt_text(data: &Bound<'_, PyMapping>, key: &str) -> PyResult<Option<String>> {
    match data.get_item(key) {
        Ok(v) if !v.is_none() => v
            .cast::<PyString>()
            .map(|s| Some(s.to_string()))
            .map_err(|_| wrong_type(data.py(), "data", "a PhoneCheck's wire form")),
        _ => Ok(None),
    }
}

#[pymethods]
impl PyPhoneCheck {
    /// Whether the input is a valid number.
    #[getter]
    fn valid(&self) -> bool {
        self.valid
    }

    /// The E.164 form when valid.
    #[getter]
    fn e164(&self) -> Option<&str> {
        self.e164.as_deref()
    }

    /// The number's region (`"GB"`) when valid and geographic.
    #[getter]
    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The number type (a `NumberType`) when valid.
    #[getter(r#type)]
    fn number_type<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.number_type
            .as_deref()
            .map(|t| {
                py.import(intern!(py, "wanumbers._models"))?
                    .getattr(intern!(py, "NumberType"))?
                    .call1((t,))
            })
            .transpose()
    }

    /// The country calling code when valid.
    #[getter]
    fn country_code(&self) -> Option<u16> {
        self.country_code
    }

    /// Why the input is not valid (an `ErrorInfo`: `code`, `message`, `details`).
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.error
            .as_ref()
            .map(|e| typed(py, "ErrorInfo", e))
            .transpose()
    }

    /// The wire form: `{valid, e164, region, type, countryCode, error}`.
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "valid"), self.valid)?;
        dict.set_item(intern!(py, "e164"), self.e164.as_deref())?;
        dict.set_item(intern!(py, "region"), self.region.as_deref())?;
        dict.set_item(intern!(py, "type"), self.number_type.as_deref())?;
        dict.set_item(intern!(py, "countryCode"), self.country_code)?;
        match &self.error {
            Some(err) => dict.set_item(intern!(py, "error"), out(py, err)?)?,
            None => dict.set_item(intern!(py, "error"), py.None())?,
        }
        Ok(dict)
    }

    /// The check from its wire form (what `to_dict` gives).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = data.py();
        if let Ok(check) = data.cast::<PyPhoneCheck>() {
            let c = check.get();
            return Ok(PyPhoneCheck {
                valid: c.valid,
                e164: c.e164.clone(),
                region: c.region.clone(),
                number_type: c.number_type.clone(),
                country_code: c.country_code,
                error: c.error.clone(),
            });
        }
        let map = data
            .cast::<PyMapping>()
            .map_err(|_| wrong_type(py, "data", "a PhoneCheck's wire form (a dict)"))?;
        let valid = map
            .get_item("valid")
            .ok()
            .and_then(|v| v.extract::<bool>().ok())
            .unwrap_or(false);
        let country_code = match map.get_item("countryCode") {
            Ok(v) if !v.is_none() => Some(
                v.extract::<u16>()
                    .map_err(|_| wrong_type(py, "data", "a PhoneCheck's wire form"))?,
            ),
            _ => None,
        };
        let error = match map.get_item("error") {
            Ok(v) if !v.is_none() => Some(error_from(&v)?),
            _ => None,
        };
        Ok(PyPhoneCheck {
            valid,
            e164: opt_text(map, "e164")?,
            region: opt_text(map, "region")?.map(Cow::Owned),
            number_type: opt_text(map, "type")?.map(Cow::Owned),
            country_code,
            error,
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyPhoneCheck>().is_ok_and(|o| {
            let o = o.get();
            self.valid == o.valid
                && self.e164 == o.e164
                && self.region == o.region
                && self.number_type == o.number_type
                && self.country_code == o.country_code
                && self.error == o.error
        })
    }

    fn __repr__(&self) -> String {
        let text = |v: Option<&str>| v.map_or("None".to_owned(), |s| format!("'{s}'"));
        format!(
            "PhoneCheck(valid={}, e164={}, region={}, type={}, country_code={}, error={})",
            if self.valid { "True" } else { "False" },
            if self.e164.is_some() {
                "'<redacted>'"
            } else {
                "None"
            },
            text(self.region.as_deref()),
            text(self.number_type.as_deref()),
            self.country_code
                .map_or("None".to_owned(), |c| c.to_string()),
            self.error
                .as_ref()
                .map_or("None".to_owned(), |e| format!("'{}'", e.code().as_str())),
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_dict = slf.get_type().getattr(intern!(py, "from_dict"))?;
        let args = PyTuple::new(py, [slf.get().to_dict(py)?])?;
        PyTuple::new(py, [from_dict, args.into_any()])
    }

    #[classattr]
    fn __match_args__() -> (&'static str, &'static str, &'static str, &'static str) {
        ("valid", "e164", "region", "type")
    }
}

/// An error's wire form (`{code, message, details}`) as the core's error.
fn error_from(obj: &Bound<'_, PyAny>) -> PyResult<wanumbers::Error> {
    let py = obj.py();
    let bad = || wrong_type(py, "data", "a PhoneCheck's wire form");
    let Value::Object(map) = from_py(obj, "data")? else {
        return Err(bad());
    };
    let code = map
        .get("code")
        .and_then(Value::as_str)
        .and_then(ErrorCode::from_name)
        .ok_or_else(bad)?;
    let message = map.get("message").and_then(Value::as_str).unwrap_or("");
    let mut err = wanumbers::Error::new(code, message);
    if let Some(Value::Object(details)) = map.get("details") {
        for (k, v) in details {
            err = err.with(k, v.clone());
        }
    }
    Ok(err)
}
