//! A model's shape as data: what its derived [`Decode`] reads and its `Serialize` writes, so
//! that a JSON value can be read into the model's written form without the typed model.
//!
//! The by-name parsers (`parseResponse` in JavaScript, `parse_response` in Python, the
//! vectors) want an operation's output as JSON: typed, that is the output decoded, then
//! written back ([`value_writer::to_value`]), both compiled per model. The by-name request
//! builders write the arguments back the same way (to check nothing was dropped, and to
//! build the request). Here one function ([`written`]) walks a model's [`Kind`], a table the
//! `Decode` derive writes from the same `#[serde(...)]` attributes, and only the leaves
//! (scalars, the types the derive leaves to serde, a field read by a function of its own) go
//! through their typed code. That took the web build from 310.1 to 297.8 KB brotli.
//!
//! The answer is the typed path's, member order included, or the same failure at the same
//! path: the tests hold [`written`] to `to_value(decode(value))` on structs with every
//! attribute the derive reads, and the by-name parsers and builders to their typed paths
//! (`dispatch::zernio_parse_typed`, `zernio_request_typed`, and Graph's) for every
//! operation, on the vectors, the OpenAPI examples and changed copies of the vectors'
//! bodies and arguments. One difference is possible where no
//! model goes: a value that reads but cannot be written ([`Failure::Write`]) is reported
//! where it is met, where the typed path would first report a later member that does not
//! read.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::decode::{self, Decode};
use crate::json::{PathError, Segment};
use crate::value_writer::{self, Unwritable};

/// Why a value could not be read into a model's written form.
#[derive(Debug)]
pub(crate) enum Failure {
    /// As the model's `decode` fails: at this path.
    Read(PathError),
    /// The model read, but its `Serialize` could not write it (no model does this).
    Write(Unwritable),
}

impl From<PathError> for Failure {
    fn from(e: PathError) -> Self {
        Failure::Read(e)
    }
}

impl From<Unwritable> for Failure {
    fn from(e: Unwritable) -> Self {
        Failure::Write(e)
    }
}

/// How a type reads and writes.
pub enum Kind {
    /// By its own code: decoded, then written.
    Leaf(fn(Value) -> Result<Value, Failure>),
    /// `Option<T>`: `null` is `None`, written `null`; a missing member is `None` too.
    Option(&'static Kind),
    /// `Vec<T>`: an array, item by item.
    List(&'static Kind),
    /// `BTreeMap<String, T>`: an object, written in key order.
    Map(&'static Kind),
    /// A struct read member by member by its derived `Decode`.
    Struct(&'static Struct),
}

/// A struct's members, as its derived `Decode` reads them.
pub struct Struct {
    /// Every member name the fields take (aliases too), in field order: the derived
    /// decoder's own list; then the names of the fields not read (`names: 0`), in field
    /// order, which only name them when written. A field is written under its first name.
    pub names: &'static [&'static str],
    /// The fields in declaration order (the written order); `serde(skip)` fields are not
    /// here.
    pub fields: &'static [Field],
    /// What a member no field names does.
    pub unknown: Unknown,
}

/// What a member no field names does.
pub enum Unknown {
    /// Nothing: it is left out.
    Ignore,
    /// `deny_unknown_fields`: the struct fails.
    Deny,
    /// It goes to the `flatten` catch-all map, written where that field is.
    Keep,
}

/// One field.
pub struct Field {
    /// How many of [`Struct::names`] are this field's, from where the previous field's end
    /// (0 for a field that is not read: its name is among the last).
    pub names: u8,
    /// Its type's kind.
    pub kind: &'static Kind,
    /// Its value when no member names it.
    pub missing: Missing,
    /// Whether it is written.
    pub write: Write,
}

/// A field's value when no member names it.
pub enum Missing {
    /// The struct fails (a required field).
    Fail,
    /// `None`, written `null`.
    Null,
    /// An empty list or map (a list's or map's default).
    Empty,
    /// A default, written.
    Value(fn() -> Result<Value, Failure>),
}

impl Missing {
    /// What the field type's own `Decode::missing` gives: `None` for an `Option`, else the
    /// struct fails.
    pub const fn of(kind: &Kind) -> Missing {
        match kind {
            Kind::Option(_) => Missing::Null,
            _ => Missing::Fail,
        }
    }

    /// A field type's `Default::default()` (`value`, written), as data where the kind says
    /// what it is: `None`, or an empty list or map. The others are written by their own code.
    pub const fn default(kind: &Kind, value: fn() -> Result<Value, Failure>) -> Missing {
        match kind {
            Kind::Option(_) => Missing::Null,
            Kind::List(_) | Kind::Map(_) => Missing::Empty,
            _ => Missing::Value(value),
        }
    }
}

/// Whether a field is written.
pub enum Write {
    /// Always.
    Always,
    /// Unless `None` (`skip_serializing_if = "Option::is_none"`).
    UnlessNone,
    /// Unless empty (`skip_serializing_if = "Vec::is_empty"` or `"BTreeMap::is_empty"`).
    UnlessEmpty,
    /// The catch-all map's members, in their place (`flatten`; its field's value is
    /// `null`, unused).
    Rest,
}

/// A type's shape (see the module's documentation). The `Decode` derive implements it; a
/// type it leaves to serde is a [`Kind::Leaf`].
pub trait Schema {
    /// The type's kind.
    const KIND: &'static Kind;
}

/// `value` read as a `T` and written back, by its own code.
pub(crate) fn leaf<T: Decode + Serialize>(value: Value) -> Result<Value, Failure> {
    let read = T::decode(value)?;
    Ok(value_writer::to_value(&read)?)
}

/// A field's default, written.
pub(crate) fn default_of<T: Default + Serialize>() -> Result<Value, Failure> {
    Ok(value_writer::to_value(&T::default())?)
}

/// A value written (a struct's default's field).
pub(crate) fn write<T: Serialize>(value: &T) -> Result<Value, Failure> {
    Ok(value_writer::to_value(value)?)
}

macro_rules! leaves {
    ($($t:ty),* $(,)?) => {
        $(impl Schema for $t {
            const KIND: &'static Kind = &Kind::Leaf(leaf::<$t>);
        })*
    };
}

leaves!(String, bool, u8, u16, u32, u64, i32, i64, f64, Value, Map<String, Value>);

impl<A, B> Schema for (A, B)
where
    (A, B): Decode + Serialize,
{
    const KIND: &'static Kind = &Kind::Leaf(leaf::<(A, B)>);
}

impl<A, B, C> Schema for (A, B, C)
where
    (A, B, C): Decode + Serialize,
{
    const KIND: &'static Kind = &Kind::Leaf(leaf::<(A, B, C)>);
}

impl<T> Schema for std::collections::VecDeque<T>
where
    std::collections::VecDeque<T>: Decode + Serialize,
{
    const KIND: &'static Kind = &Kind::Leaf(leaf::<std::collections::VecDeque<T>>);
}

impl<T> Schema for std::collections::BTreeSet<T>
where
    std::collections::BTreeSet<T>: Decode + Serialize,
{
    const KIND: &'static Kind = &Kind::Leaf(leaf::<std::collections::BTreeSet<T>>);
}

impl<T: Schema> Schema for Option<T> {
    const KIND: &'static Kind = &Kind::Option(T::KIND);
}

impl<T: Schema> Schema for Box<T> {
    const KIND: &'static Kind = T::KIND;
}

impl<T: Schema> Schema for Vec<T> {
    const KIND: &'static Kind = &Kind::List(T::KIND);
}

impl<T: Schema> Schema for std::collections::BTreeMap<String, T> {
    const KIND: &'static Kind = &Kind::Map(T::KIND);
}

/// `value` read as a `kind` and written back: `to_value(&T::decode(value)?)` for the `T` of
/// `kind`, without `T`'s code.
pub(crate) fn written(kind: &Kind, value: Value) -> Result<Value, Failure> {
    match kind {
        Kind::Leaf(read) => read(value),
        Kind::Option(inner) => match value {
            Value::Null => Ok(Value::Null),
            value => written(inner, value),
        },
        Kind::List(inner) => {
            let Value::Array(items) = value else {
                return Err(PathError::default().into());
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                out.push(written(inner, item).map_err(|e| within(e, Segment::Index(i)))?);
            }
            Ok(Value::Array(out))
        }
        Kind::Map(inner) => {
            let mut out = std::collections::BTreeMap::new();
            for (key, value) in decode::members(value)? {
                let read =
                    written(inner, value).map_err(|e| within(e, Segment::Key(key.clone())))?;
                out.insert(key, read);
            }
            Ok(Value::Object(out.into_iter().collect()))
        }
        Kind::Struct(shape) => structure(shape, value),
    }
}

/// A read failure one level down.
fn within(e: Failure, segment: Segment) -> Failure {
    match e {
        Failure::Read(e) => Failure::Read(e.within(segment)),
        write @ Failure::Write(_) => write,
    }
}

/// The field of the member name at `position` among a struct's names (`None` past the names
/// of the fields read).
fn owner(fields: &[Field], position: usize) -> Option<usize> {
    let mut end = 0usize;
    for (i, field) in fields.iter().enumerate() {
        end += usize::from(field.names);
        if position < end {
            return Some(i);
        }
    }
    None
}

/// A struct, as its derived `Decode` reads it and its `Serialize` writes it.
fn structure(shape: &Struct, value: Value) -> Result<Value, Failure> {
    let mut slots: Vec<Option<Value>> = Vec::new();
    slots.resize_with(shape.fields.len(), || None);
    let mut rest = Map::new();
    for (key, value) in decode::members(value)? {
        let Some(i) = owner(shape.fields, decode::field(&key, shape.names)) else {
            match shape.unknown {
                Unknown::Ignore => {}
                Unknown::Deny => return Err(PathError::default().into()),
                Unknown::Keep => {
                    rest.insert(key, value);
                }
            }
            continue;
        };
        let (Some(slot), Some(field)) = (slots.get_mut(i), shape.fields.get(i)) else {
            continue; // `owner` answers within the fields
        };
        if slot.is_some() {
            return Err(PathError::default().into()); // a name and its alias, both given
        }
        *slot = Some(written(field.kind, value).map_err(|e| within(e, Segment::Key(key)))?);
    }
    // The missing fields, in declaration order (the derived decoder's), before any is written.
    let mut values = Vec::with_capacity(slots.len());
    for (slot, field) in slots.into_iter().zip(shape.fields) {
        values.push(match (slot, &field.missing) {
            (Some(value), _) => value,
            (None, Missing::Null) => Value::Null,
            (None, Missing::Empty) => match field.kind {
                Kind::Map(_) => Value::Object(Map::new()),
                _ => Value::Array(Vec::new()),
            },
            (None, Missing::Value(default)) => default()?,
            (None, Missing::Fail) => return Err(PathError::default().into()),
        });
    }
    let mut out = Map::new();
    // Where the next field's names start: a field read, among the first; one not read,
    // among the last.
    let mut read_at = 0usize;
    let mut unread_at: usize = shape.fields.iter().map(|f| usize::from(f.names)).sum();
    for (value, field) in values.into_iter().zip(shape.fields) {
        let at = if field.names == 0 {
            unread_at += 1;
            unread_at - 1
        } else {
            read_at += usize::from(field.names);
            read_at - usize::from(field.names)
        };
        let skip = match field.write {
            Write::Always => false,
            Write::UnlessNone => value.is_null(),
            Write::UnlessEmpty => match &value {
                Value::Array(items) => items.is_empty(),
                Value::Object(members) => members.is_empty(),
                _ => false,
            },
            Write::Rest => {
                for (key, value) in std::mem::take(&mut rest) {
                    out.insert(key, value);
                }
                true
            }
        };
        if let (false, Some(name)) = (skip, shape.names.get(at)) {
            out.insert((*name).to_owned(), value);
        }
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
