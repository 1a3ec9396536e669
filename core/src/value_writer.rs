//! Models written as JSON values: [`to_value`], serde_json's `to_value` with less code per
//! type. serde_json's value serializer compiles a map insertion and its key handling into
//! every field type's `serialize_value` (138 of them, ~170 bytes each, in the web build);
//! here a field is one call to a shared, out-of-line insertion. The values are serde_json's
//! (the tests hold the two to the same answers), with two differences no model meets: an
//! `f32` map key is refused, and a map value sent without its key is an error (serde_json
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
    value.serialize(Writer)
}

/// The serializer (`serde_json::value::Serializer`'s answers).
struct Writer;

/// A list being written.
pub(crate) struct Items(Vec<Value>);

/// A list, or a map, written as the one member of an object named after an enum variant.
pub(crate) struct Variant<T> {
    name: &'static str,
    inner: T,
}

/// A map or struct being written: its members, and a map's key waiting for its value.
pub(crate) struct Members {
    map: Map<String, Value>,
    key: Option<String>,
}

/// An object of one member (`{variant: value}`). Out of line: compiled once.
#[inline(never)]
fn tagged(name: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(name.to_owned(), value);
    Value::Object(map)
}

impl Items {
    /// Out of line: one copy of the push for every item type.
    #[inline(never)]
    fn push(&mut self, value: Value) {
        self.0.push(value);
    }
}

impl Members {
    /// Out of line: one copy of the insertion for every field type.
    #[inline(never)]
    fn insert(&mut self, key: &str, value: Value) {
        self.map.insert(key.to_owned(), value);
    }

    /// A map's value goes with the key given before it; serde_json panics on a value without
    /// a key, which only a broken `Serialize` sends: here it is an error.
    #[inline(never)]
    fn insert_value(&mut self, value: Value) -> Result<(), Unwritable> {
        let key = self.key.take().ok_or(Unwritable)?;
        self.map.insert(key, value);
        Ok(())
    }
}

impl ser::Serializer for Writer {
    type Ok = Value;
    type Error = Unwritable;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Variant<Items>;
    type SerializeMap = Members;
    type SerializeStruct = Members;
    type SerializeStructVariant = Variant<Members>;

    fn serialize_bool(self, v: bool) -> Result<Value, Unwritable> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Unwritable> {
        if let Ok(v) = u64::try_from(v) {
            Ok(Value::from(v))
        } else if let Ok(v) = i64::try_from(v) {
            Ok(Value::from(v))
        } else {
            Err(Unwritable)
        }
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Unwritable> {
        u64::try_from(v).map(Value::from).map_err(|_| Unwritable)
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Unwritable> {
        Ok(Value::from(v))
    }
    fn serialize_char(self, v: char) -> Result<Value, Unwritable> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Unwritable> {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Unwritable> {
        Ok(Value::Array(v.iter().map(|&b| Value::from(b)).collect()))
    }
    fn serialize_none(self) -> Result<Value, Unwritable> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Unwritable> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Unwritable> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, Unwritable> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, Unwritable> {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Value, Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Unwritable> {
        Ok(tagged(variant, value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items, Unwritable> {
        // serde_json reserves the hint as given; here at most 4096 items (a hint is not a
        // promise).
        Ok(Items(Vec::with_capacity(len.unwrap_or(0).min(4096))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Items, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Items>, Unwritable> {
        Ok(Variant {
            name: variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Members, Unwritable> {
        Ok(Members {
            map: Map::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Members, Unwritable> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Members>, Unwritable> {
        Ok(Variant {
            name: variant,
            inner: self.serialize_map(Some(len))?,
        })
    }
}

impl ser::SerializeSeq for Items {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let value = value.serialize(Writer)?;
        self.push(value);
        Ok(())
    }

    fn end(self) -> Result<Value, Unwritable> {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for Items {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<Value, Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Items {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<Value, Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Variant<Items> {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }

    fn end(self) -> Result<Value, Unwritable> {
        Ok(tagged(self.name, Value::Array(self.inner.0)))
    }
}

impl ser::SerializeMap for Members {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.key = Some(key.serialize(KeyWriter)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let value = value.serialize(Writer)?;
        self.insert_value(value)
    }

    fn end(self) -> Result<Value, Unwritable> {
        Ok(Value::Object(self.map))
    }
}

impl ser::SerializeStruct for Members {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        let value = value.serialize(Writer)?;
        self.insert(key, value);
        Ok(())
    }

    fn end(self) -> Result<Value, Unwritable> {
        Ok(Value::Object(self.map))
    }
}

impl ser::SerializeStructVariant for Variant<Members> {
    type Ok = Value;
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }

    fn end(self) -> Result<Value, Unwritable> {
        Ok(tagged(self.name, Value::Object(self.inner.map)))
    }
}

/// A map key, as serde_json's `MapKeySerializer` writes it: a string or char as is; a number
/// or boolean as its text; a unit variant as its name; a newtype struct as its inner key.
/// Anything else cannot be a JSON key; an `f32` key, which serde_json writes in `f32`'s
/// shortest form, is refused instead.
struct KeyWriter;

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

    fn serialize_str(self, v: &str) -> Result<String, Unwritable> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<String, Unwritable> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, Unwritable> {
        // serde_json writes an f32 key in f32's shortest form, which nothing here writes; no
        // model has float keys.
        Err(Unwritable)
    }
    fn serialize_f64(self, v: f64) -> Result<String, Unwritable> {
        Number::from_f64(v).map(|n| n.to_string()).ok_or(Unwritable)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_unit(self) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Unwritable> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    /// The same value as serde_json's `to_value`, or both fail.
    fn agree<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(to_value(value).ok(), serde_json::to_value(value).ok());
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, String),
        Struct { a: Option<bool>, b: Vec<i32> },
    }

    /// A map with float keys (no std map type has them).
    struct FloatKeys(&'static [f64]);

    impl Serialize for FloatKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (i, key) in self.0.iter().enumerate() {
                map.serialize_entry(key, &i)?;
            }
            map.end()
        }
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Wrapped(String);

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        Named,
    }

    #[derive(Serialize)]
    struct Pair(u8, f64);

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Model {
        first_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(flatten)]
        extra: Map<String, Value>,
        shapes: Vec<Shape>,
        #[serde(with = "serde_bytes_as_list")]
        bytes: Vec<u8>,
    }

    mod serde_bytes_as_list {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    #[test]
    fn every_serde_form_is_written_as_serde_json_writes_it() {
        agree(&Shape::Unit);
        agree(&Shape::Newtype(7));
        agree(&Shape::Tuple(1, "x".into()));
        agree(&Shape::Struct {
            a: Some(true),
            b: vec![-1, 2],
        });
        agree(&Unit);
        agree(&Wrapped("w".into()));
        agree(&Pair(3, 0.1));
        agree(&(1u8, 'c', "s", (), None::<u8>, Some(2.5f32), 0.1f32));
        agree(&[f64::NAN, f64::INFINITY, -0.0, 1e300]);
        agree(&[f32::NAN, f32::NEG_INFINITY]);
        // 128-bit numbers: in range as u64 or i64, else refused by both.
        agree(&[i128::from(i64::MIN), -1, i128::from(u64::MAX)]);
        agree(&[u128::from(u64::MAX), 0]);
        for refused in [i128::MAX, i128::MIN, i128::from(u64::MAX) + 1] {
            assert!(to_value(&refused).is_err() && serde_json::to_value(refused).is_err());
        }
        assert!(to_value(&u128::MAX).is_err() && serde_json::to_value(u128::MAX).is_err());
        let mut extra = Map::new();
        extra.insert("more".into(), json!({"k": [1, null]}));
        agree(&Model {
            first_name: None,
            skipped: None,
            extra,
            shapes: vec![Shape::Unit, Shape::Newtype(1)],
            bytes: vec![0, 255],
        });
        let mut keys: BTreeMap<i64, &str> = BTreeMap::new();
        keys.insert(-3, "a");
        keys.insert(10, "b");
        agree(&keys);
        agree(&FloatKeys(&[1.5, -0.0, 1e21]));
        agree(&FloatKeys(&[1.0, f64::NAN]));
        let mut bool_keys = BTreeMap::new();
        bool_keys.insert(true, 1);
        agree(&bool_keys);
        let mut unit_keys = BTreeMap::new();
        unit_keys.insert((), 1);
        agree(&unit_keys);
        let mut list_keys = BTreeMap::new();
        list_keys.insert(vec![1], 1);
        agree(&list_keys);
        agree(&BTreeMap::from([(false, 0), (true, 1)]));
        agree(&BTreeMap::from([('k', 0)]));
        agree(&BTreeMap::from([(i128::from(i64::MIN), 0), (-1, 1)]));
        agree(&BTreeMap::from([(u128::from(u64::MAX), 0)]));
        agree(&BTreeMap::from([(Key::Named, 0)]));
        agree(&BTreeMap::from([(Wrapped("inner".into()), 0)]));
        agree(&BTreeMap::from([(Some(1), 0)]));
        agree(&BTreeMap::from([(None::<u8>, 0)]));
    }

    /// The two documented differences: an `f32` key, and a map value without its key.
    #[test]
    fn f32_keys_and_keyless_values_are_refused() {
        struct F32Key;
        impl Serialize for F32Key {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(&0.5f32, &1)?;
                map.end()
            }
        }
        struct Keyless;
        impl Serialize for Keyless {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                map.serialize_value(&1)?;
                map.end()
            }
        }
        assert!(to_value(&F32Key).is_err());
        assert_eq!(serde_json::to_value(&F32Key).ok(), Some(json!({"0.5": 1})));
        assert!(to_value(&Keyless).is_err());
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "\\PC{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[a-c]{0,2}", inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Any JSON value is written back as serde_json writes it.
        #[test]
        fn values_round_trip_as_serde_json(value in json()) {
            prop_assert_eq!(to_value(&value).ok(), serde_json::to_value(&value).ok());
        }
    }
}
