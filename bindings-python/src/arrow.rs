//! The Arrow C data interface (<https://arrow.apache.org/docs/format/CDataInterface.html>) and
//! its `PyCapsule` protocol, by hand (the structs are a stable C ABI of a few fields): a text
//! column (or a one-column table, record batch or `DuckDB` relation) is read in place from any
//! producer (pyarrow, Polars, `DuckDB`, pandas with Arrow dtypes), and the check columns are
//! handed out without a copy. The producer's buffers are read while the GIL is released: the
//! interface says exported data is immutable, and this trusts it. pyarrow is the oracle in
//! the tests (`tests/python/test_columns.py`).

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::ptr::{self, null, null_mut};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use wanumbers::bulk::{Bitmap, CheckColumns, CodeColumn, TextColumn};

use crate::{raise, wrong_type};

/// `struct ArrowSchema`.
#[repr(C)]
pub struct ArrowSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut ArrowSchema,
    dictionary: *mut ArrowSchema,
    release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    private_data: *mut c_void,
}

/// `struct ArrowArray`.
#[repr(C)]
pub struct ArrowArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut ArrowArray,
    dictionary: *mut ArrowArray,
    release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    private_data: *mut c_void,
}

/// `struct ArrowArrayStream`.
#[repr(C)]
pub struct ArrowArrayStream {
    get_schema: Option<unsafe extern "C" fn(*mut ArrowArrayStream, *mut ArrowSchema) -> c_int>,
    get_next: Option<unsafe extern "C" fn(*mut ArrowArrayStream, *mut ArrowArray) -> c_int>,
    get_last_error: Option<unsafe extern "C" fn(*mut ArrowArrayStream) -> *const c_char>,
    release: Option<unsafe extern "C" fn(*mut ArrowArrayStream)>,
    private_data: *mut c_void,
}

const NULLABLE: i64 = 2;

impl ArrowSchema {
    fn empty() -> Self {
        ArrowSchema {
            format: null(),
            name: null(),
            metadata: null(),
            flags: 0,
            n_children: 0,
            children: null_mut(),
            dictionary: null_mut(),
            release: None,
            private_data: null_mut(),
        }
    }
}

impl ArrowArray {
    fn empty() -> Self {
        ArrowArray {
            length: 0,
            null_count: 0,
            offset: 0,
            n_buffers: 0,
            n_children: 0,
            buffers: null_mut(),
            children: null_mut(),
            dictionary: null_mut(),
            release: None,
            private_data: null_mut(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a text column

/// The layouts of text read in place.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    /// `u`: 32-bit offsets.
    Utf8,
    /// `U`: 64-bit offsets.
    LargeUtf8,
    /// `vu`: 16-byte views.
    View,
    /// `n`: every row null.
    Null,
}

/// Arrays taken from a producer (moved out of its capsules), released when dropped.
pub struct Imported {
    schema: ArrowSchema,
    arrays: Vec<ArrowArray>,
    stream: Option<ArrowArrayStream>,
    text: Text,
    /// The text is the one column of a struct (a one-column record batch or table).
    in_struct: bool,
}

impl Drop for Imported {
    fn drop(&mut self) {
        // SAFETY: each struct was moved out of its capsule (whose copy was marked released),
        // so it is released here exactly once, as the interface asks of the consumer.
        unsafe {
            for array in &mut self.arrays {
                if let Some(release) = array.release {
                    release(ptr::from_mut(array));
                }
            }
            if let Some(release) = self.schema.release {
                release(ptr::from_mut(&mut self.schema));
            }
            if let Some(stream) = &mut self.stream
                && let Some(release) = stream.release
            {
                release(ptr::from_mut(stream));
            }
        }
    }
}

/// The three structs of the interface: each has a `release` callback, unset once released.
trait Released {
    fn released(&self) -> bool;
    fn mark_released(&mut self);
}

impl Released for ArrowSchema {
    fn released(&self) -> bool {
        self.release.is_none()
    }
    fn mark_released(&mut self) {
        self.release = None;
    }
}

impl Released for ArrowArray {
    fn released(&self) -> bool {
        self.release.is_none()
    }
    fn mark_released(&mut self) {
        self.release = None;
    }
}

impl Released for ArrowArrayStream {
    fn released(&self) -> bool {
        self.release.is_none()
    }
    fn mark_released(&mut self) {
        self.release = None;
    }
}

/// Moves the struct out of a capsule named `name`, leaving the capsule's copy released; a
/// struct already released (the capsule was consumed before) is refused, never read.
///
/// # Safety
/// The capsule must hold a `T` of the interface (the name says which).
unsafe fn take<T: Released>(capsule: &Bound<'_, PyAny>, name: &CStr) -> PyResult<T> {
    let py = capsule.py();
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| wrong_type(py, "raws", "an Arrow PyCapsule"))?;
    let pointer = capsule
        .pointer_checked(Some(name))
        .map_err(|_| wrong_type(py, "raws", "an Arrow PyCapsule of the interface's name"))?
        .cast::<T>()
        .as_ptr();
    // SAFETY: the name says the capsule holds a `T`; its `release` is read first.
    if unsafe { &*pointer }.released() {
        return Err(wrong_type(
            py,
            "raws",
            "an Arrow capsule not consumed before",
        ));
    }
    // SAFETY: a live `T`; reading it moves it out.
    let taken = unsafe { ptr::read(pointer) };
    // SAFETY: as above; the capsule's copy is marked released so it is not released twice.
    unsafe { &mut *pointer }.mark_released();
    Ok(taken)
}

const EXPECTED: &str =
    "a text column (Arrow string, large_string or string_view; cast other types to text first)";

/// The layout of a text schema, or of the one column of a struct schema (`true` then).
fn format_of(py: Python<'_>, schema: &ArrowSchema) -> PyResult<(Text, bool)> {
    if schema.format.is_null() || !schema.dictionary.is_null() {
        return Err(wrong_type(py, "raws", EXPECTED));
    }
    // SAFETY: a live schema's format is a NUL-terminated string.
    let format = unsafe { CStr::from_ptr(schema.format) }.to_bytes();
    let text = match format {
        b"u" => Text::Utf8,
        b"U" => Text::LargeUtf8,
        b"vu" => Text::View,
        b"n" => Text::Null,
        b"+s" if schema.n_children == 1 && !schema.children.is_null() => {
            // SAFETY: a live struct schema has `n_children` live children.
            let child = unsafe { &**schema.children };
            let (text, nested) = format_of(py, child)?;
            if nested {
                return Err(wrong_type(py, "raws", EXPECTED));
            }
            return Ok((text, true));
        }
        _ => return Err(wrong_type(py, "raws", EXPECTED)),
    };
    Ok((text, false))
}

/// The Arrow data of `obj` (`__arrow_c_stream__` or `__arrow_c_array__`), if it has any.
pub fn import(obj: &Bound<'_, PyAny>) -> PyResult<Option<Imported>> {
    let py = obj.py();
    if obj.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
        let capsule = obj.call_method0(pyo3::intern!(py, "__arrow_c_stream__"))?;
        // SAFETY: `arrow_array_stream` capsules hold an `ArrowArrayStream`.
        let mut stream: ArrowArrayStream = unsafe { take(&capsule, c"arrow_array_stream")? };
        let mut imported = Imported {
            schema: ArrowSchema::empty(),
            arrays: Vec::new(),
            stream: None,
            text: Text::Null,
            in_struct: false,
        };
        let (Some(get_schema), Some(get_next)) = (stream.get_schema, stream.get_next) else {
            imported.stream = Some(stream);
            return Err(wrong_type(py, "raws", "an Arrow stream"));
        };
        // SAFETY: the stream is live and ours; the out-structs are ours to fill.
        let status = unsafe {
            get_schema(
                ptr::from_mut(&mut stream),
                ptr::from_mut(&mut imported.schema),
            )
        };
        imported.stream = Some(stream);
        if status != 0 {
            return Err(stream_error(py, imported.stream.as_mut()));
        }
        (imported.text, imported.in_struct) = format_of(py, &imported.schema)?;
        loop {
            let mut array = ArrowArray::empty();
            let stream = imported.stream.as_mut().map_or(null_mut(), ptr::from_mut);
            // SAFETY: as above.
            if unsafe { get_next(stream, ptr::from_mut(&mut array)) } != 0 {
                return Err(stream_error(py, imported.stream.as_mut()));
            }
            if array.release.is_none() {
                break;
            }
            imported.arrays.push(array);
        }
        return Ok(Some(imported));
    }
    if obj.hasattr(pyo3::intern!(py, "__arrow_c_array__"))? {
        let pair = obj.call_method0(pyo3::intern!(py, "__arrow_c_array__"))?;
        let pair = pair
            .cast::<PyTuple>()
            .map_err(|_| wrong_type(py, "raws", "an Arrow array (schema, array) pair"))?;
        let (schema, array) = (pair.get_item(0)?, pair.get_item(1)?);
        // SAFETY: `arrow_schema` and `arrow_array` capsules hold those structs.
        let schema: ArrowSchema = unsafe { take(&schema, c"arrow_schema")? };
        let mut imported = Imported {
            schema,
            arrays: Vec::new(),
            stream: None,
            text: Text::Null,
            in_struct: false,
        };
        // SAFETY: as above.
        let array: ArrowArray = unsafe { take(&array, c"arrow_array")? };
        imported.arrays.push(array);
        (imported.text, imported.in_struct) = format_of(py, &imported.schema)?;
        return Ok(Some(imported));
    }
    Ok(None)
}

/// A stream's failure, with its own words (`get_last_error`, read before it is released).
fn stream_error(py: Python<'_>, stream: Option<&mut ArrowArrayStream>) -> PyErr {
    let mut message = "the Arrow stream of values failed to give its data".to_owned();
    if let Some(stream) = stream
        && let Some(last_error) = stream.get_last_error
    {
        // SAFETY: a live stream; the text is valid until its next call or release.
        let text = unsafe { last_error(ptr::from_mut(stream)) };
        if !text.is_null() {
            // SAFETY: as above: a NUL-terminated string.
            let text = unsafe { CStr::from_ptr(text) }.to_string_lossy();
            message = format!("{message}: {}", text.chars().take(200).collect::<String>());
        }
    }
    raise(
        py,
        &wanumbers::Error::new(wanumbers::ErrorCode::ArgumentInvalid, message)
            .with("argument", "raws"),
    )
}

impl Imported {
    /// Every row, in order: the text where there is one.
    pub fn values(&self) -> Vec<Option<&str>> {
        let rows = self
            .arrays
            .iter()
            .map(|a| usize::try_from(a.length).unwrap_or(0))
            .sum();
        let mut out = Vec::with_capacity(rows);
        for array in &self.arrays {
            // SAFETY: a live array of the schema's layout; its buffers outlive `self`'s borrow.
            unsafe { read_array(array, self.text, self.in_struct, &mut out) };
        }
        out
    }
}

/// Bit `i` of a validity bitmap (absent: every row valid).
///
/// # Safety
/// `bits` is null or has at least `i / 8 + 1` bytes.
unsafe fn is_set(bits: *const u8, i: usize) -> bool {
    // SAFETY: as the caller says.
    bits.is_null() || unsafe { *bits.add(i / 8) } & (1 << (i % 8)) != 0
}

/// Bytes `[start, end)` of `data` as text (`None` for bad offsets or UTF-8).
///
/// # Safety
/// `data` holds at least `end` bytes when `end > start`.
unsafe fn text_at<'a>(data: *const u8, start: i64, end: i64) -> Option<&'a str> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if end <= start {
        return (end == start).then_some("");
    }
    if data.is_null() {
        return None;
    }
    // SAFETY: as the caller says.
    std::str::from_utf8(unsafe { std::slice::from_raw_parts(data.add(start), end - start) }).ok()
}

/// The validity bitmap of an array (null when every row is valid).
///
/// # Safety
/// `array` is live.
unsafe fn validity_of(array: &ArrowArray) -> *const u8 {
    if array.null_count == 0 || array.n_buffers < 1 || array.buffers.is_null() {
        return null();
    }
    // SAFETY: a live array with at least one buffer.
    unsafe { *array.buffers }.cast()
}

/// Appends the rows of one array: a text array, or a struct whose one child is.
///
/// # Safety
/// `array` is live and laid out as `text` (and `in_struct`) say.
unsafe fn read_array<'a>(
    array: &'a ArrowArray,
    text: Text,
    in_struct: bool,
    out: &mut Vec<Option<&'a str>>,
) {
    let len = usize::try_from(array.length).unwrap_or(0);
    let offset = usize::try_from(array.offset).unwrap_or(0);
    if !in_struct {
        // SAFETY: as the caller says.
        unsafe { read_text(array, text, offset, len, (null(), 0), out) };
        return;
    }
    if array.n_children < 1 || array.children.is_null() {
        out.extend(std::iter::repeat_n(None, len));
        return;
    }
    // SAFETY: a live struct array has its children; the child's rows are shifted by both
    // offsets, and a row the struct has null is null.
    unsafe {
        let child = &**array.children;
        let start = offset.saturating_add(usize::try_from(child.offset).unwrap_or(0));
        read_text(child, text, start, len, (validity_of(array), offset), out);
    }
}

/// Appends rows `[start, start + len)` of a text array (`parent`: a struct's bitmap and
/// offset; its null rows are null).
///
/// # Safety
/// `array` is live, laid out as `text` says, and has those rows.
#[allow(clippy::cast_ptr_alignment)] // the offsets are read unaligned
unsafe fn read_text<'a>(
    array: &'a ArrowArray,
    text: Text,
    start: usize,
    len: usize,
    parent: (*const u8, usize),
    out: &mut Vec<Option<&'a str>>,
) {
    let Some(end) = start.checked_add(len) else {
        return;
    };
    if text == Text::Null || array.buffers.is_null() {
        out.extend(std::iter::repeat_n(None, len));
        return;
    }
    let n_buffers = usize::try_from(array.n_buffers).unwrap_or(0);
    // SAFETY: a live array has `n_buffers` buffer pointers.
    let buffers = unsafe { std::slice::from_raw_parts(array.buffers, n_buffers) };
    let buffer = |i: usize| buffers.get(i).copied().unwrap_or(null()).cast::<u8>();
    // SAFETY: a live array.
    let validity = unsafe { validity_of(array) };
    if buffer(1).is_null() {
        out.extend(std::iter::repeat_n(None, len));
        return;
    }
    for (i, row) in (start..end).enumerate() {
        // SAFETY: the layout of `text`, within the array's length and offset.
        let value = unsafe {
            if is_set(parent.0, parent.1 + i) && is_set(validity, row) {
                match text {
                    Text::Utf8 => {
                        let offsets = buffer(1).cast::<i32>();
                        text_at(
                            buffer(2),
                            i64::from(offsets.add(row).read_unaligned()),
                            i64::from(offsets.add(row + 1).read_unaligned()),
                        )
                    }
                    Text::LargeUtf8 => {
                        let offsets = buffer(1).cast::<i64>();
                        text_at(
                            buffer(2),
                            offsets.add(row).read_unaligned(),
                            offsets.add(row + 1).read_unaligned(),
                        )
                    }
                    Text::View => view_at(
                        buffer(1),
                        buffers.get(..n_buffers.saturating_sub(1)).unwrap_or(&[]),
                        row,
                    ),
                    Text::Null => None,
                }
            } else {
                None
            }
        };
        out.push(value);
    }
}

/// Row `row` of a string view array.
///
/// # Safety
/// `views` holds the row's 16-byte view; `buffers` are the array's buffers (the data buffers
/// from index 2).
unsafe fn view_at<'a>(views: *const u8, buffers: &[*const c_void], row: usize) -> Option<&'a str> {
    if views.is_null() {
        return None;
    }
    // SAFETY: as the caller says.
    let view = unsafe { std::slice::from_raw_parts(views.add(row * 16), 16) };
    let word = |at: usize| -> i32 {
        view.get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, i32::from_le_bytes)
    };
    let len = i64::from(word(0));
    if len <= 12 {
        return std::str::from_utf8(view.get(4..4 + usize::try_from(len).ok()?)?).ok();
    }
    let index = usize::try_from(word(8)).ok()?;
    let data = buffers.get(2 + index).copied()?.cast::<u8>();
    let start = i64::from(word(12));
    // SAFETY: the view points into data buffer `index`.
    unsafe { text_at(data, start, start + len) }
}

// ---------------------------------------------------------------------------------------------
// Handing out columns

/// A zero-length buffer's address (the interface wants a pointer even for no bytes).
static NOTHING: [u64; 1] = [0];

fn address<T>(values: &[T]) -> *const c_void {
    if values.is_empty() {
        NOTHING.as_ptr().cast()
    } else {
        values.as_ptr().cast()
    }
}

fn validity(bits: &Bitmap) -> *const c_void {
    if bits.nulls == 0 {
        null()
    } else {
        address(&bits.bits)
    }
}

type Owner = Arc<dyn Send + Sync>;

struct ArrayPrivate {
    buffers: Vec<*const c_void>,
    children: Vec<*mut ArrowArray>,
    dictionary: *mut ArrowArray,
    _owner: Owner,
}

unsafe extern "C" fn release_array(array: *mut ArrowArray) {
    // SAFETY: the interface calls this with an array this module made, once.
    unsafe {
        if array.is_null() || (*array).release.is_none() {
            return;
        }
        let private = Box::from_raw((*array).private_data.cast::<ArrayPrivate>());
        let dictionary = (!private.dictionary.is_null()).then_some(private.dictionary);
        for child in private.children.iter().copied().chain(dictionary) {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
        (*array).release = None;
    }
}

fn array(
    length: usize,
    nulls: usize,
    buffers: Vec<*const c_void>,
    children: Vec<ArrowArray>,
    dictionary: Option<ArrowArray>,
    owner: Owner,
) -> ArrowArray {
    let mut private = Box::new(ArrayPrivate {
        buffers,
        children: children
            .into_iter()
            .map(|c| Box::into_raw(Box::new(c)))
            .collect(),
        dictionary: dictionary.map_or(null_mut(), |d| Box::into_raw(Box::new(d))),
        _owner: owner,
    });
    ArrowArray {
        length: i64::try_from(length).unwrap_or(i64::MAX),
        null_count: i64::try_from(nulls).unwrap_or(i64::MAX),
        offset: 0,
        n_buffers: i64::try_from(private.buffers.len()).unwrap_or(0),
        n_children: i64::try_from(private.children.len()).unwrap_or(0),
        buffers: private.buffers.as_mut_ptr(),
        children: private.children.as_mut_ptr(),
        dictionary: private.dictionary,
        release: Some(release_array),
        private_data: Box::into_raw(private).cast(),
    }
}

struct SchemaPrivate {
    format_text: CString,
    name_text: CString,
    children: Vec<*mut ArrowSchema>,
    dictionary: *mut ArrowSchema,
}

unsafe extern "C" fn release_schema(schema: *mut ArrowSchema) {
    // SAFETY: the interface calls this with a schema this module made, once.
    unsafe {
        if schema.is_null() || (*schema).release.is_none() {
            return;
        }
        let private = Box::from_raw((*schema).private_data.cast::<SchemaPrivate>());
        let dictionary = (!private.dictionary.is_null()).then_some(private.dictionary);
        for child in private.children.iter().copied().chain(dictionary) {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
        (*schema).release = None;
    }
}

fn schema(
    format: &str,
    name: &str,
    children: Vec<ArrowSchema>,
    dictionary: Option<ArrowSchema>,
) -> ArrowSchema {
    let mut private = Box::new(SchemaPrivate {
        format_text: CString::new(format).unwrap_or_default(),
        name_text: CString::new(name).unwrap_or_default(),
        children: children
            .into_iter()
            .map(|c| Box::into_raw(Box::new(c)))
            .collect(),
        dictionary: dictionary.map_or(null_mut(), |d| Box::into_raw(Box::new(d))),
    });
    ArrowSchema {
        format: private.format_text.as_ptr(),
        name: private.name_text.as_ptr(),
        metadata: null(),
        flags: NULLABLE,
        n_children: i64::try_from(private.children.len()).unwrap_or(0),
        children: private.children.as_mut_ptr(),
        dictionary: private.dictionary,
        release: Some(release_schema),
        private_data: Box::into_raw(private).cast(),
    }
}

/// What a [`Columns`] hands out: every check column, or only the E.164 one.
#[derive(Clone, Copy, PartialEq)]
pub enum Shape {
    /// A struct (record batch): `valid`, `e164`, `region`, `type`, `error_code`.
    Checks,
    /// One text column: E.164, null where invalid or absent.
    E164,
}

/// The small dictionary of a code column, as Arrow `utf8`.
struct Dictionary {
    offsets: Vec<i32>,
    data: Vec<u8>,
}

fn code_column(
    name: &str,
    column: &CodeColumn,
    owner: &Arc<CheckColumns>,
) -> (ArrowSchema, ArrowArray) {
    let mut dict = Dictionary {
        offsets: vec![0],
        data: Vec::new(),
    };
    for value in &column.values {
        dict.data.extend_from_slice(value.as_bytes());
        dict.offsets
            .push(i32::try_from(dict.data.len()).unwrap_or(i32::MAX));
    }
    let dict = Arc::new(dict);
    let values = array(
        column.values.len(),
        0,
        vec![null(), address(&dict.offsets), address(&dict.data)],
        Vec::new(),
        None,
        dict.clone(),
    );
    let keys = array(
        owner.len,
        column.validity.nulls,
        vec![validity(&column.validity), address(&column.keys)],
        Vec::new(),
        Some(values),
        owner.clone(),
    );
    (
        schema(
            "s",
            name,
            Vec::new(),
            Some(schema("u", "", Vec::new(), None)),
        ),
        keys,
    )
}

fn text_column(
    name: &str,
    column: &TextColumn,
    owner: &Arc<CheckColumns>,
) -> (ArrowSchema, ArrowArray) {
    let values = array(
        owner.len,
        column.validity.nulls,
        vec![
            validity(&column.validity),
            address(&column.offsets),
            address(&column.data),
        ],
        Vec::new(),
        None,
        owner.clone(),
    );
    (schema("U", name, Vec::new(), None), values)
}

/// The schema and array of `columns` in `shape`.
pub fn export(columns: &Arc<CheckColumns>, shape: Shape) -> (ArrowSchema, ArrowArray) {
    if shape == Shape::E164 {
        return text_column("e164", &columns.e164, columns);
    }
    let valid = (
        schema("b", "valid", Vec::new(), None),
        array(
            columns.len,
            columns.rows.nulls,
            vec![validity(&columns.rows), address(&columns.valid.bits)],
            Vec::new(),
            None,
            columns.clone(),
        ),
    );
    let parts = [
        valid,
        text_column("e164", &columns.e164, columns),
        code_column("region", &columns.region, columns),
        code_column("type", &columns.number_type, columns),
        code_column("error_code", &columns.error_code, columns),
    ];
    let (schemas, arrays): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    // A record batch's struct has no nulls of its own: an absent row is null in every column.
    let top = array(columns.len, 0, vec![null()], arrays, None, columns.clone());
    (schema("+s", "", schemas, None), top)
}

/// A struct of the interface made `Send` for a capsule (its capsule may be dropped, and its
/// consumer may use it, on any thread). Transparent: consumers read the capsule's pointer as
/// the struct itself.
#[repr(transparent)]
struct Sendable<T>(T);
// SAFETY: the structs point only at immutable data owned by `Arc`s and boxes this module
// made; releasing them only drops those, from any thread.
unsafe impl Send for Sendable<ArrowSchema> {}
// SAFETY: as above.
unsafe impl Send for Sendable<ArrowArray> {}
// SAFETY: as above.
unsafe impl Send for Sendable<ArrowArrayStream> {}

/// The `(schema, array)` capsule pair of `__arrow_c_array__`.
pub fn array_capsules<'py>(
    py: Python<'py>,
    columns: &Arc<CheckColumns>,
    shape: Shape,
) -> PyResult<Bound<'py, PyTuple>> {
    let (schema, array) = export(columns, shape);
    let schema = PyCapsule::new_with_value_and_destructor(
        py,
        Sendable(schema),
        c"arrow_schema",
        |mut s: Sendable<ArrowSchema>, _| {
            if let Some(release) = s.0.release {
                // SAFETY: not moved out by a consumer (release still set): released once here.
                unsafe { release(ptr::from_mut(&mut s.0)) };
            }
        },
    )?;
    let array = PyCapsule::new_with_value_and_destructor(
        py,
        Sendable(array),
        c"arrow_array",
        |mut a: Sendable<ArrowArray>, _| {
            if let Some(release) = a.0.release {
                // SAFETY: as above.
                unsafe { release(ptr::from_mut(&mut a.0)) };
            }
        },
    )?;
    PyTuple::new(py, [schema, array])
}

struct StreamPrivate {
    columns: Arc<CheckColumns>,
    shape: Shape,
    done: bool,
}

unsafe extern "C" fn stream_schema(stream: *mut ArrowArrayStream, out: *mut ArrowSchema) -> c_int {
    // SAFETY: the interface calls this on a live stream of this module with a struct to fill.
    unsafe {
        let private = &*(*stream).private_data.cast::<StreamPrivate>();
        let (schema, array) = export(&private.columns, private.shape);
        let mut array = array;
        release_array(ptr::from_mut(&mut array));
        ptr::write(out, schema);
    }
    0
}

unsafe extern "C" fn stream_next(stream: *mut ArrowArrayStream, out: *mut ArrowArray) -> c_int {
    // SAFETY: as above.
    unsafe {
        let private = &mut *(*stream).private_data.cast::<StreamPrivate>();
        if private.done {
            ptr::write(out, ArrowArray::empty());
        } else {
            let (mut schema, array) = export(&private.columns, private.shape);
            release_schema(ptr::from_mut(&mut schema));
            private.done = true;
            ptr::write(out, array);
        }
    }
    0
}

unsafe extern "C" fn stream_error_text(_stream: *mut ArrowArrayStream) -> *const c_char {
    null()
}

unsafe extern "C" fn stream_release(stream: *mut ArrowArrayStream) {
    // SAFETY: as above, once.
    unsafe {
        if stream.is_null() || (*stream).release.is_none() {
            return;
        }
        drop(Box::from_raw(
            (*stream).private_data.cast::<StreamPrivate>(),
        ));
        (*stream).release = None;
    }
}

/// The capsule of `__arrow_c_stream__`: one batch.
pub fn stream_capsule<'py>(
    py: Python<'py>,
    columns: &Arc<CheckColumns>,
    shape: Shape,
) -> PyResult<Bound<'py, PyCapsule>> {
    let private = Box::new(StreamPrivate {
        columns: columns.clone(),
        shape,
        done: false,
    });
    let stream = ArrowArrayStream {
        get_schema: Some(stream_schema),
        get_next: Some(stream_next),
        get_last_error: Some(stream_error_text),
        release: Some(stream_release),
        private_data: Box::into_raw(private).cast(),
    };
    PyCapsule::new_with_value_and_destructor(
        py,
        Sendable(stream),
        c"arrow_array_stream",
        |mut s: Sendable<ArrowArrayStream>, _| {
            if let Some(release) = s.0.release {
                // SAFETY: as above.
                unsafe { release(ptr::from_mut(&mut s.0)) };
            }
        },
    )
}
