//! Models written as JSON values, in two ways from one serializer: [`to_value`], what
//! `serde_json::to_value` writes, and [`to_wire`], the same with `None` fields left out (the
//! upstream's shape, for [`crate::api::respond`]). serde_json's value serializer compiles a map
//! insertion and its key handling into every field type's `serialize_value` (138 of them,
//! ~170 bytes each, in the web build); here a field is one call to a shared, out-of-line
//! insertion. The tests hold [`to_value`] to serde_json, with two differences no model meets:
//! an `f32` map key is refused, and a map value sent without its key is an error (serde_json
//! panics).

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Number, Value};

/// Why a value could not be written (a map key JSON cannot have, a number out of its range,
/// a map value without its key, or an error of the value's own `Serialize`): never the value
/// itself.
#[derive(Debug)]
pub(crate) struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value cannot be written as JSON")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

/// `value` as a JSON value, as `serde_json::to_value` writes it.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Unwritable> {
    value
        .serialize(Writer::<false>)
        .map(|v| v.unwrap_or(Value::Null))
}

/// `value` as a JSON value with `None` fields left out (a `None` item of a list is `null`).
pub(crate) fn to_wire<T: Serialize + ?Sized>(value: &T) -> Result<Value, Unwritable> {
    value
        .serialize(Writer::<true>)
        .map(|v| v.unwrap_or(Value::Null))
}

/// The serializer: a value, or `None` for an absent one (`None` when `OMIT_NONE`), which a
/// struct or map leaves out and a list writes as `null`. The mode is a constant, so a build
/// that writes in one mode only compiles that one.
#[derive(Clone, Copy)]
struct Writer<const OMIT_NONE: bool>;

type Out = Result<Option<Value>, Unwritable>;

#[allow(clippy::unnecessary_wraps)] // every serializer method returns an `Out`
fn some(value: impl Into<Value>) -> Out {
    Ok(Some(value.into()))
}

/// A list being written.
pub(crate) struct Items<const OMIT_NONE: bool> {
    items: Vec<Value>,
}

/// A map or struct being written: its members, and a map's key waiting for its value.
pub(crate) struct Members<const OMIT_NONE: bool> {
    map: Map<String, Value>,
    key: Option<String>,
}

/// A list, or members, written as the one member of an object named after an enum variant.
pub(crate) struct Variant<T> {
    name: &'static str,
    inner: T,
}

/// An object of one member (`{variant: value}`). Out of line: compiled once.
#[inline(never)]
fn tagged(name: &str, value: Value) -> Out {
    let mut map = Map::new();
    map.insert(name.to_owned(), value);
    some(map)
}

impl<const OMIT_NONE: bool> Items<OMIT_NONE> {
    fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let value = value.serialize(Writer::<OMIT_NONE>)?;
        self.push(value);
        Ok(())
    }

    /// Out of line: one copy of the push for every item type.
    #[inline(never)]
    fn push(&mut self, value: Option<Value>) {
        self.items.push(value.unwrap_or(Value::Null));
    }
}

impl<const OMIT_NONE: bool> Members<OMIT_NONE> {
    fn new() -> Self {
        Members {
            map: Map::new(),
            key: None,
        }
    }

    fn write<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unwritable> {
        let value = value.serialize(Writer::<OMIT_NONE>)?;
        self.insert(key, value);
        Ok(())
    }

    /// Out of line: one copy of the insertion for every field type. An absent value is left
    /// out.
    #[inline(never)]
    fn insert(&mut self, key: &str, value: Option<Value>) {
        if let Some(value) = value {
            self.map.insert(key.to_owned(), value);
        }
    }
}

macro_rules! scalars {
    ($($method:ident: $ty:ty,)+) => {
        $(fn $method(self, v: $ty) -> Out {
            some(v)
        })+
    };
}

impl<const OMIT_NONE: bool> ser::Serializer for Writer<OMIT_NONE> {
    type Ok = Option<Value>;
    type Error = Unwritable;
    type SerializeSeq = Items<OMIT_NONE>;
    type SerializeTuple = Items<OMIT_NONE>;
    type SerializeTupleStruct = Items<OMIT_NONE>;
    type SerializeTupleVariant = Variant<Items<OMIT_NONE>>;
    type SerializeMap = Members<OMIT_NONE>;
    type SerializeStruct = Members<OMIT_NONE>;
    type SerializeStructVariant = Variant<Members<OMIT_NONE>>;

    // serde_json's `Value::from` for each: a non-finite float is `null`.
    scalars! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_str: &str,
    }
    fn serialize_i128(self, v: i128) -> Out {
        if let Ok(v) = u64::try_from(v) {
            some(v)
        } else if let Ok(v) = i64::try_from(v) {
            some(v)
        } else {
            Err(Unwritable)
        }
    }
    fn serialize_u128(self, v: u128) -> Out {
        u64::try_from(v).map_err(|_| Unwritable).and_then(some)
    }
    fn serialize_char(self, v: char) -> Out {
        some(v.to_string())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out {
        some(v.iter().map(|&b| Value::from(b)).collect::<Vec<_>>())
    }
    fn serialize_none(self) -> Out {
        if OMIT_NONE {
            Ok(None)
        } else {
            some(Value::Null)
        }
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        some(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        some(Value::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        some(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Out {
        tagged(variant, value.serialize(self)?.unwrap_or(Value::Null))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items<OMIT_NONE>, Unwritable> {
        // serde_json reserves the hint as given; here at most 4096 items (a hint is not a
        // promise).
        Ok(Items {
            items: Vec::with_capacity(len.unwrap_or(0).min(4096)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<OMIT_NONE>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Items<OMIT_NONE>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<Variant<Items<OMIT_NONE>>, Unwritable> {
        let inner = self.serialize_seq(Some(len))?;
        Ok(Variant { name, inner })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Members<OMIT_NONE>, Unwritable> {
        Ok(Members::new())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Members<OMIT_NONE>, Unwritable> {
        Ok(Members::new())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        _: usize,
    ) -> Result<Variant<Members<OMIT_NONE>>, Unwritable> {
        Ok(Variant {
            name,
            inner: Members::new(),
        })
    }
}

/// The list forms share one implementation: a sequence, a tuple and a tuple struct.
macro_rules! items {
    ($($trait:ident::$method:ident),+) => {
        $(impl<const OMIT_NONE: bool> ser::$trait for Items<OMIT_NONE> {
            type Ok = Option<Value>;
            type Error = Unwritable;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
                self.write(value)
            }

            fn end(self) -> Out {
                some(self.items)
            }
        })+
    };
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl<const OMIT_NONE: bool> ser::SerializeTupleVariant for Variant<Items<OMIT_NONE>> {
    type Ok = Option<Value>;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.inner.write(value)
    }

    fn end(self) -> Out {
        tagged(self.name, Value::Array(self.inner.items))
    }
}

impl<const OMIT_NONE: bool> ser::SerializeMap for Members<OMIT_NONE> {
    type Ok = Option<Value>;
    type Error = Unwritable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.key = Some(key.serialize(KeyWriter)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let key = self.key.take().ok_or(Unwritable)?;
        self.write(&key, value)
    }

    fn end(self) -> Out {
        some(self.map)
    }
}

impl<const OMIT_NONE: bool> ser::SerializeStruct for Members<OMIT_NONE> {
    type Ok = Option<Value>;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.write(key, value)
    }

    fn end(self) -> Out {
        some(self.map)
    }
}

impl<const OMIT_NONE: bool> ser::SerializeStructVariant for Variant<Members<OMIT_NONE>> {
    type Ok = Option<Value>;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.inner.write(key, value)
    }

    fn end(self) -> Out {
        tagged(self.name, Value::Object(self.inner.map))
    }
}

/// A map key, as serde_json's `MapKeySerializer` writes it: a string or char as is; a number
/// or boolean as its text; a unit variant as its name; a newtype struct as its inner key.
/// Anything else cannot be a JSON key; an `f32` key, which serde_json writes in `f32`'s
/// shortest form, is refused instead.
struct KeyWriter;

type Key = Result<String, Unwritable>;
type NoKey<T> = Result<T, Unwritable>;

macro_rules! keys_as_text {
    ($($method:ident: $ty:ty,)+) => {
        $(fn $method(self, v: $ty) -> Key {
            Ok(v.to_string())
        })+
    };
}

impl ser::Serializer for KeyWriter {
    type Ok = String;
    type Error = Unwritable;
    type SerializeSeq = Impossible<String, Unwritable>;
    type SerializeTuple = Impossible<String, Unwritable>;
    type SerializeTupleStruct = Impossible<String, Unwritable>;
    type SerializeTupleVariant = Impossible<String, Unwritable>;
    type SerializeMap = Impossible<String, Unwritable>;
    type SerializeStruct = Impossible<String, Unwritable>;
    type SerializeStructVariant = Impossible<String, Unwritable>;

    keys_as_text! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char,
        serialize_str: &str,
    }
    fn serialize_f32(self, _: f32) -> Key {
        Err(Unwritable)
    }
    fn serialize_f64(self, v: f64) -> Key {
        Number::from_f64(v).map(|n| n.to_string()).ok_or(Unwritable)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Key {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Key {
        v.serialize(self)
    }
    fn serialize_bytes(self, _: &[u8]) -> Key {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Key {
        Err(Unwritable)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Key {
        Err(Unwritable)
    }
    fn serialize_unit(self) -> Key {
        Err(Unwritable)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Key {
        Err(Unwritable)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Key {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> NoKey<Self::SerializeSeq> {
        Err(Unwritable)
    }
    fn serialize_tuple(self, _: usize) -> NoKey<Self::SerializeTuple> {
        Err(Unwritable)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> NoKey<Self::SerializeTupleStruct> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> NoKey<Self::SerializeTupleVariant> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> NoKey<Self::SerializeMap> {
        Err(Unwritable)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> NoKey<Self::SerializeStruct> {
        Err(Unwritable)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> NoKey<Self::SerializeStructVariant> {
        Err(Unwritable)
    }
}

#[cfg(test)]
#[path = "value_writer_tests.rs"]
mod tests;
