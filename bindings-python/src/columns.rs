//! Phone columns: `check_phones` and `normalize_phones` over any sequence or column (list,
//! tuple, `NumPy`, pandas, Polars, or any Arrow producer through the `PyCapsule` interface, read
//! in place), the GIL released and the work split over the machine's threads by the core
//! (`wanumbers::bulk`). A null, `None`, `NaN` or `pd.NA` row gives a null row, never an error
//! for the batch. With `columns=True` the result is a [`PyPhoneColumns`]: Arrow columns that
//! pandas, Polars, pyarrow and `DuckDB` read without an object per row.

use std::borrow::Cow;
use std::sync::Arc;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use wanumbers::bulk::{self, CheckColumns};

use crate::arrow::{self, Shape};
use crate::phone_check::PyPhoneCheck;
use wanumbers::limits;

use crate::convert::{boolean, opt_text};
use crate::{OrRaise, raise, wrong_type};

const EXPECTED: &str =
    "a sequence or column of phone numbers (list, tuple, NumPy, pandas, Polars or Arrow)";

/// The machine's threads: the core splits large batches over them.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// One row of a column of Python objects: its text, or `None` for a null.
fn row<'a>(item: &'a Bound<'_, PyAny>, index: usize) -> PyResult<Option<Cow<'a, str>>> {
    let py = item.py();
    if item.is_none() {
        return Ok(None);
    }
    if let Ok(text) = item.cast::<PyString>() {
        return text
            .to_cow()
            .map(Some)
            .map_err(|_| raise(py, &limits::not_unicode(&format!("raws[{index}]"))));
    }
    if let Ok(number) = item.cast::<PyFloat>() {
        if number.value().is_nan() {
            return Ok(None);
        }
    } else if item.cast::<PyInt>().is_ok() && item.cast::<PyBool>().is_err() {
        // A spreadsheet's number column: the digits.
        return Ok(Some(Cow::Owned(item.str()?.to_string())));
    } else {
        let kind = item.get_type().name()?;
        if matches!(kind.to_cow()?.as_ref(), "NAType" | "NaTType") {
            return Ok(None);
        }
        if item.hasattr(intern!(py, "__index__"))? && item.cast::<PyBool>().is_err() {
            let digits = item.call_method0(intern!(py, "__index__"))?.str()?;
            return Ok(Some(Cow::Owned(digits.to_string())));
        }
    }
    Err(wrong_type(
        py,
        &format!("raws[{index}]"),
        "a phone number as str (or an int of its digits), or None/NaN for none",
    ))
}

/// Runs `f` over every row of `values`: Arrow data in place, else the Python objects' text.
fn with_rows<R>(values: &Bound<'_, PyAny>, f: impl FnOnce(&[Option<&str>]) -> R) -> PyResult<R> {
    let py = values.py();
    if values.cast::<PyString>().is_ok()
        || values.cast::<PyBytes>().is_ok()
        || values.cast::<PyDict>().is_ok()
    {
        return Err(wrong_type(py, "raws", EXPECTED));
    }
    match arrow::import(values) {
        Ok(Some(imported)) => {
            let rows = imported.values();
            return Ok(f(&rows));
        }
        Ok(None) => {}
        // Not text in Arrow (or the producer failed to export): the Python objects may still
        // be read row by row (a pandas column of ints, a mixed object column).
        Err(arrow_error) => return objects(values, f).map_err(|_| arrow_error),
    }
    objects(values, f)
}

/// Runs `f` over the text of every Python object of `values`.
fn objects<R>(values: &Bound<'_, PyAny>, f: impl FnOnce(&[Option<&str>]) -> R) -> PyResult<R> {
    let py = values.py();
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = values.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = values.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        values
            .try_iter()
            .map_err(|_| wrong_type(py, "raws", EXPECTED))?
            .collect::<PyResult<_>>()?
    };
    let texts = items
        .iter()
        .enumerate()
        .map(|(i, item)| row(item, i))
        .collect::<PyResult<Vec<_>>>()?;
    let rows: Vec<Option<&str>> = texts.iter().map(Option::as_deref).collect();
    Ok(f(&rows))
}

/// The arguments both functions take: the region, `columns` (default false) and the threads.
fn options(
    region: Option<&Bound<'_, PyAny>>,
    columns: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Option<String>, bool, usize)> {
    let columns = columns.map(|c| boolean(c, "columns")).transpose()?;
    Ok((
        opt_text(region, "region")?,
        columns.unwrap_or(false),
        threads(),
    ))
}

/// The checks of `raws` as columns, the GIL released.
fn check_columns(
    py: Python<'_>,
    raws: &Bound<'_, PyAny>,
    region: Option<&str>,
    threads: usize,
) -> PyResult<CheckColumns> {
    with_rows(raws, |rows| {
        py.detach(|| bulk::check_columns(rows, region, threads))
    })?
    .or_raise(py)
}

/// Checks many numbers in one native call: any sequence or column in, a list of `PhoneCheck`
/// (`None` for a null row) out, or Arrow columns with `columns=True`.
#[pyfunction]
#[pyo3(
    signature = (raws, region=None, *, columns=None),
    text_signature = "(raws, region=None, *, columns=False)"
)]
pub fn check_phones<'py>(
    py: Python<'py>,
    raws: &Bound<'py, PyAny>,
    region: Option<&Bound<'py, PyAny>>,
    columns: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (region, columns, threads) = options(region, columns)?;
    if columns {
        let out = check_columns(py, raws, region.as_deref(), threads)?;
        return Ok(Bound::new(py, PyPhoneColumns::new(out, Shape::Checks))?.into_any());
    }
    let checks = with_rows(raws, |rows| {
        py.detach(|| bulk::check_optional(rows, region.as_deref(), threads))
    })?
    .or_raise(py)?;
    let list = PyList::empty(py);
    let _pause = GcPause::new(py);
    for check in checks {
        match check {
            Some(check) => list.append(Bound::new(py, PyPhoneCheck::from(check))?)?,
            None => list.append(py.None())?,
        }
    }
    Ok(list.into_any())
}

/// Python's cyclic garbage collector paused while a batch's `PhoneCheck`s are made: each is a
/// GC-tracked object (as every PyO3 class is) that refers to nothing, and the collections
/// their allocation would trigger took longer than making them (measured on 100,000 checks).
/// Resumed when dropped, also on an error; left alone when it was off.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> Self {
        let gc = py.import(intern!(py, "gc")).ok().filter(|gc| {
            gc.call_method0(intern!(py, "isenabled"))
                .and_then(|on| on.is_truthy())
                .unwrap_or(false)
        });
        if let Some(gc) = &gc {
            let _ = gc.call_method0(intern!(py, "disable"));
        }
        GcPause { gc }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            let _ = gc.call_method0(intern!(gc.py(), "enable"));
        }
    }
}

/// E.164 for many numbers in one native call: `None` (null) where a row is not a valid number
/// or has none; a list, or an Arrow text column with `columns=True`.
#[pyfunction]
#[pyo3(
    signature = (raws, region=None, *, columns=None),
    text_signature = "(raws, region=None, *, columns=False)"
)]
pub fn normalize_phones<'py>(
    py: Python<'py>,
    raws: &Bound<'py, PyAny>,
    region: Option<&Bound<'py, PyAny>>,
    columns: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (region, columns, threads) = options(region, columns)?;
    let out = check_columns(py, raws, region.as_deref(), threads)?;
    if columns {
        return Ok(Bound::new(py, PyPhoneColumns::new(out, Shape::E164))?.into_any());
    }
    let list = PyList::empty(py);
    for i in 0..out.len {
        list.append(out.e164.value(i))?;
    }
    Ok(list.into_any())
}

/// Phone check results as Arrow columns (`check_phones(..., columns=True)`: `valid`, `e164`,
/// `region`, `type`, `error_code`; `normalize_phones(..., columns=True)`: E.164 alone). Any
/// Arrow consumer reads them in place (`__arrow_c_array__`, `__arrow_c_stream__`).
#[pyclass(frozen, module = "wanumbers", name = "PhoneColumns")]
pub struct PyPhoneColumns {
    columns: Arc<CheckColumns>,
    shape: Shape,
}

impl PyPhoneColumns {
    fn new(columns: CheckColumns, shape: Shape) -> Self {
        PyPhoneColumns {
            columns: Arc::new(columns),
            shape,
        }
    }
}

#[pymethods]
impl PyPhoneColumns {
    fn __len__(&self) -> usize {
        self.columns.len
    }

    fn __repr__(&self) -> String {
        let shape = match self.shape {
            Shape::Checks => "valid, e164, region, type, error_code",
            Shape::E164 => "e164",
        };
        format!("PhoneColumns(rows={}, columns=[{shape}])", self.columns.len)
    }

    /// The Arrow `PyCapsule` array protocol: `(schema, array)` capsules.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        arrow::array_capsules(py, &self.columns, self.shape)
    }

    /// The Arrow `PyCapsule` stream protocol: one batch.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _ = requested_schema;
        Ok(arrow::stream_capsule(py, &self.columns, self.shape)?.into_any())
    }

    /// A `pyarrow.RecordBatch` (or a `pyarrow.Array` for E.164 alone); needs pyarrow.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let pyarrow = py.import(intern!(py, "pyarrow"))?;
        match slf.get().shape {
            Shape::Checks => pyarrow.call_method1(intern!(py, "record_batch"), (slf,)),
            Shape::E164 => pyarrow.call_method1(intern!(py, "array"), (slf,)),
        }
    }

    /// A `pandas.DataFrame` (categoricals for region, type and error code), or a
    /// `pandas.Series` for E.164 alone; needs pandas and pyarrow.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        Self::to_arrow(slf)?.call_method0(intern!(py, "to_pandas"))
    }

    /// A `polars.DataFrame`, or a `polars.Series` for E.164 alone; needs polars.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let polars = py.import(intern!(py, "polars"))?;
        match slf.get().shape {
            Shape::Checks => polars.call_method1(intern!(py, "DataFrame"), (slf,)),
            Shape::E164 => polars.call_method1(intern!(py, "Series"), ("e164", slf)),
        }
    }
}
