//! Models from JSON values, with the failing field's path on error.
//!
//! A [`Deserializer`] over an owned [`Value`] that records where it is only when something
//! fails: each array element and object member that returns an error adds its index or key to
//! the error on the way out. Nothing wraps the models' visitors, so each model's
//! `Deserialize` is compiled once, for this deserializer, and no more (the browser build is
//! mostly serde code). Scalars are read by `serde_json`'s own `Value` deserializer, so they
//! behave exactly as there. Error messages never keep the input: they may hold PII.

use std::fmt::{self, Write as _};

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};

/// Where decoding failed ([`Decode`](crate::Decode)); the reason is always "wrong type or
/// format, or missing". It never holds the input (which may be PII), only the path.
#[derive(Debug, Default)]
pub struct PathError {
    /// Innermost segment first.
    segments: Vec<Segment>,
}

#[derive(Debug)]
pub(crate) enum Segment {
    Index(usize),
    Key(String),
}

impl PathError {
    pub(crate) fn within(mut self, segment: Segment) -> Self {
        self.segments.push(segment);
        self
    }

    /// `countries[0].monthlyCents`, or `.` for the document itself.
    pub fn path(&self) -> String {
        if self.segments.is_empty() {
            return ".".to_owned();
        }
        let mut out = String::new();
        for segment in self.segments.iter().rev() {
            match segment {
                Segment::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
            }
        }
        out
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid value at {}", self.path())
    }
}

impl std::error::Error for PathError {}

/// serde's messages can quote the input, so none is kept. Overriding each constructor (not
/// only `custom`) also keeps serde from compiling a message formatter per model type.
impl de::Error for PathError {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        PathError::default()
    }

    fn invalid_type(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        PathError::default()
    }

    fn invalid_value(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        PathError::default()
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        PathError::default()
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        PathError::default()
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        PathError::default()
    }

    fn missing_field(_: &'static str) -> Self {
        PathError::default()
    }

    fn duplicate_field(_: &'static str) -> Self {
        PathError::default()
    }
}

/// Decodes `value` into `T`; on failure, the path of the member that failed.
pub(crate) fn decode<T: de::DeserializeOwned>(value: Value) -> Result<T, PathError> {
    T::deserialize(ValueDe(value))
}

/// Everything is read through `deserialize_any` (as `serde_json`'s `Value` deserializer
/// does in effect), each JSON type handled here once: calling into `serde_json`'s own
/// deserializer for scalars would compile its array and object code a second time per type.
pub(crate) struct ValueDe(pub(crate) Value);

/// `Deserializer` methods that read as another one does.
macro_rules! forward_to {
    ($to:ident: $($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
                self.$to(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for ValueDe {
    type Error = PathError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => visit_number(&n, visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(members) => visit_object(members, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(ValueDe(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        match self.0 {
            // A unit variant: "name".
            Value::String(name) => visitor.visit_enum(Variant {
                name,
                content: None,
            }),
            // A variant with content: {"name": content}.
            Value::Object(members) if members.len() == 1 => {
                let Some((name, content)) = members.into_iter().next() else {
                    return Err(PathError::default());
                };
                visitor.visit_enum(Variant {
                    name,
                    content: Some(content),
                })
            }
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_unit()
    }

    // A type that asks for one kind of value gets only that kind's visit, and an error
    // otherwise (what its visitor would answer anyway): going through `deserialize_any` would
    // compile the array and object walks once more for every scalar, list and model type.

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(b),
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Number(n) => visit_number(&n, visitor),
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            _ => Err(PathError::default()),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Object(members) => visit_object(members, visitor),
            _ => Err(PathError::default()),
        }
    }

    /// A model is an object: serde_json would also read an array, field by field in
    /// declaration order, which no caller means (and which compiled a second reader for every
    /// model).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_seq(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf identifier
    }

    // Every number type reads as the Value deserializer reads numbers.
    forward_to! { deserialize_u64: deserialize_i8 deserialize_i16 deserialize_i32
    deserialize_i64 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_f32
    deserialize_f64 }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.deserialize_string(visitor)
    }
}

/// A number as `serde_json` hands it over: unsigned, else signed, else floating.
fn visit_number<'de, V: Visitor<'de>>(
    n: &serde_json::Number,
    visitor: V,
) -> Result<V::Value, PathError> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

struct Variant {
    name: String,
    content: Option<Value>,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = PathError;
    type Variant = Variant;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Variant), PathError> {
        let read = seed.deserialize(self.name.as_str().into_deserializer())?;
        Ok((read, self))
    }
}

impl Variant {
    fn content(self) -> Result<(String, Value), PathError> {
        match self.content {
            Some(content) => Ok((self.name, content)),
            None => Err(PathError::default()),
        }
    }
}

impl<'de> de::VariantAccess<'de> for Variant {
    type Error = PathError;

    fn unit_variant(self) -> Result<(), PathError> {
        match self.content {
            None | Some(Value::Null) => Ok(()),
            Some(_) => Err(PathError::default()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, PathError> {
        let (name, content) = self.content()?;
        seed.deserialize(ValueDe(content))
            .map_err(|e| e.within(Segment::Key(name)))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        let (name, content) = self.content()?;
        ValueDe(content)
            .deserialize_any(visitor)
            .map_err(|e| e.within(Segment::Key(name)))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.tuple_variant(0, visitor)
    }
}

fn visit_array<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, PathError> {
    let len = items.len();
    let mut access = Elements {
        items: items.into_iter(),
        index: 0,
    };
    let value = visitor.visit_seq(&mut access)?;
    if access.items.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in array"))
    }
}

struct Elements {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Elements {
    type Error = PathError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PathError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDe(item))
            .map(Some)
            .map_err(|e| e.within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    members: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, PathError> {
    let len = members.len();
    let mut access = Members {
        members: members.into_iter(),
        pending: None,
    };
    let value = visitor.visit_map(&mut access)?;
    if access.members.len() == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

struct Members {
    members: serde_json::map::IntoIter,
    pending: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for Members {
    type Error = PathError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PathError> {
        let Some((key, value)) = self.members.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(key.as_str().into_deserializer())?;
        self.pending = Some((key, value));
        Ok(Some(read))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, PathError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        seed.deserialize(ValueDe(value))
            .map_err(|e| e.within(Segment::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Item {
        code: String,
        #[serde(default)]
        monthly_cents: Option<u32>,
        #[serde(default)]
        tags: Vec<u8>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Local,
        TollFree,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    enum Outcome {
        Checkout { url: String },
        Done { item: Item },
    }

    #[test]
    fn the_path_names_the_failing_member() {
        let v = json!({"countries": [{"code": "GB"}, {"code": "US", "monthlyCents": "two"}]});
        let err = decode::<BTreeMap<String, Vec<Item>>>(v).unwrap_err();
        assert_eq!(err.path(), "countries[1].monthlyCents");
        let err = decode::<Vec<Item>>(json!([{"code": "GB", "tags": [1, 300]}])).unwrap_err();
        assert_eq!(err.path(), "[0].tags[1]");
        // A missing field is reported at the object that lacks it.
        let err = decode::<Vec<Item>>(json!([{"code": "GB"}, {}])).unwrap_err();
        assert_eq!(err.path(), "[1]");
        assert_eq!(decode::<Item>(json!(3)).unwrap_err().path(), ".");
        // A model is an object, not its fields in an array.
        assert!(serde_json::from_value::<Item>(json!(["GB"])).is_ok());
        assert_eq!(decode::<Item>(json!(["GB"])).unwrap_err().path(), ".");
        // Internally tagged enums read; serde buffers their content, so a failure inside
        // one is reported at the enum (as serde_path_to_error did).
        let ok: Outcome = decode(json!({"outcome": "done", "item": {"code": "GB"}})).unwrap();
        assert!(matches!(ok, Outcome::Done { .. }));
        let err = decode::<Vec<Outcome>>(json!([{"outcome": "done", "item": {"code": 5}}]));
        assert_eq!(err.unwrap_err().path(), "[0]");
    }

    #[test]
    fn errors_never_quote_the_input() {
        let err = decode::<Item>(json!({"code": "GB", "kind": "Ana Garcia"})).unwrap_err();
        assert!(!format!("{err} {err:?}").contains("Ana"));
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-400i64..400).prop_map(Value::from),
            (-2.0f64..400.0).prop_map(Value::from),
            prop::sample::select(vec!["GB", "local", "toll_free", "", "x"]).prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::btree_map(
                    prop::sample::select(vec!["code", "monthlyCents", "tags", "kind", "other"]),
                    inner,
                    0..5
                )
                .prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Whatever the input, the same answer as serde_json's own `Value` deserializer, but
        /// for one refusal: a model given as an array (serde_json reads it field by field).
        #[test]
        fn reads_like_serde_json(v in any_json()) {
            let theirs = if v.is_array() { None } else { serde_json::from_value::<Item>(v.clone()).ok() };
            prop_assert_eq!(decode::<Item>(v.clone()).ok(), theirs);
            prop_assert_eq!(decode::<Vec<Option<u8>>>(v.clone()).ok(), serde_json::from_value::<Vec<Option<u8>>>(v.clone()).ok());
            prop_assert_eq!(decode::<BTreeMap<String, i32>>(v.clone()).ok(), serde_json::from_value::<BTreeMap<String, i32>>(v.clone()).ok());
            prop_assert_eq!(decode::<(u8, String)>(v.clone()).ok(), serde_json::from_value::<(u8, String)>(v.clone()).ok());
            prop_assert_eq!(decode::<Value>(v.clone()).ok(), Some(v));
        }
    }
}
