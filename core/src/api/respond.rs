//! The reverse of parsing: an operation's output written back in the upstream wire shape, as
//! the API would send it (what the sandbox answers with, and what a test double returns).
//!
//! Models are lenient on the way in: an absent member and `null` both read as `None`. On the
//! way out the API leaves absent members out, and the specs type most members without `null`,
//! so [`to_wire`] writes a `None` field by leaving it out, while a `null` the upstream sent
//! (kept in an `extra` map or a raw JSON member) is written back as `null`. It tells them apart
//! through serde itself: `None` is `serialize_none`, a JSON `null` is `serialize_unit`.
//!
//! What is not plain serde is per operation: the envelope the parser removed comes from the
//! table ([`super::table::OperationSpec::envelope`]), and the untagged unions (the purchase
//! outcomes) write themselves ([`super::Operation::respond`]).

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Number, Value};

use super::http::HttpResponse;
use super::table::OperationSpec;
use crate::error::{Error, ErrorCode, Result};

/// `value` as upstream JSON: `None` fields left out, everything else as serde writes it.
///
/// ```
/// use wanumbers::api::respond::to_wire;
/// use wanumbers::api::models::KycLink;
/// let link = KycLink { url: "https://z/k/1".into(), token: None, expires_at: None };
/// assert_eq!(to_wire(&link).unwrap(), serde_json::json!({"url": "https://z/k/1"}));
/// ```
///
/// # Errors
/// `bad_response` when the value cannot be written as JSON (a map with non-text keys).
pub fn to_wire<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    match value.serialize(Wire) {
        Ok(v) => Ok(v.unwrap_or(Value::Null)),
        Err(_) => Err(unwritable()),
    }
}

fn unwritable() -> Error {
    Error::new(
        ErrorCode::BadResponse,
        "the output could not be written as JSON",
    )
}

/// The HTTP response of `spec` carrying `output`: the first documented success status, the
/// output under the table's envelope (if any), as JSON.
///
/// # Errors
/// As [`to_wire`].
pub fn json_response<T: Serialize + ?Sized>(
    spec: &OperationSpec,
    output: &T,
) -> Result<HttpResponse> {
    let status = spec.success.first().copied().unwrap_or(200);
    json_with_status(spec, status, to_wire(output)?)
}

/// `body` (already wire JSON) under the table's envelope, with `status`.
pub(crate) fn json_with_status(
    spec: &OperationSpec,
    status: u16,
    body: Value,
) -> Result<HttpResponse> {
    let body = match spec.envelope {
        Some(member) => {
            let mut map = Map::new();
            map.insert(member.to_owned(), body);
            Value::Object(map)
        }
        None => body,
    };
    let bytes = serde_json::to_vec(&body).map_err(|_| unwritable())?;
    let mut response = HttpResponse::new(status, bytes);
    response
        .headers
        .push(("content-type".into(), "application/json".into()));
    Ok(response)
}

/// For `#[serde(serialize_with = ...)]` on a member the API sends as `null` rather than leaving
/// it out (a stock watch's `numberType`, a list item's `socialAccountId`): `None` is written as
/// a JSON `null` by [`to_wire`] too.
///
/// # Errors
/// The serializer's.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<T>`
pub fn null_if_none<T: Serialize, S: ser::Serializer>(
    value: &Option<T>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match value {
        Some(v) => v.serialize(serializer),
        None => serializer.serialize_unit(),
    }
}

/// A serde serializer into [`Value`] whose `None` is "absent" (`Ok(None)`): a struct or map
/// leaves the member out, a sequence writes `null` in its place.
struct Wire;

type Out = std::result::Result<Option<Value>, serde_json::Error>;

#[allow(clippy::unnecessary_wraps)] // every serializer method returns an `Out`
fn some(value: impl Into<Value>) -> Out {
    Ok(Some(value.into()))
}

impl ser::Serializer for Wire {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Tagged<Seq>;
    type SerializeMap = Members;
    type SerializeStruct = Members;
    type SerializeStructVariant = Tagged<Members>;

    fn serialize_bool(self, v: bool) -> Out {
        some(v)
    }
    fn serialize_i8(self, v: i8) -> Out {
        some(v)
    }
    fn serialize_i16(self, v: i16) -> Out {
        some(v)
    }
    fn serialize_i32(self, v: i32) -> Out {
        some(v)
    }
    fn serialize_i64(self, v: i64) -> Out {
        some(v)
    }
    fn serialize_u8(self, v: u8) -> Out {
        some(v)
    }
    fn serialize_u16(self, v: u16) -> Out {
        some(v)
    }
    fn serialize_u32(self, v: u32) -> Out {
        some(v)
    }
    fn serialize_u64(self, v: u64) -> Out {
        some(v)
    }
    fn serialize_f32(self, v: f32) -> Out {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out {
        // As serde_json: a non-finite number is written as null.
        Ok(Some(Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }
    fn serialize_char(self, v: char) -> Out {
        some(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Out {
        some(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Out {
        some(v.iter().map(|&b| Value::from(b)).collect::<Vec<_>>())
    }
    fn serialize_none(self) -> Out {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        some(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out {
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
        let mut map = Map::new();
        map.insert(
            variant.to_owned(),
            value.serialize(Wire)?.unwrap_or(Value::Null),
        );
        some(map)
    }
    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Seq, Self::Error> {
        // The length comes from a value in memory, but is capped all the same.
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0).min(1024))))
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Seq, Self::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Seq, Self::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Tagged<Seq>, Self::Error> {
        Ok(Tagged(variant, self.serialize_seq(Some(len))?))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Members, Self::Error> {
        Ok(Members::default())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Members, Self::Error> {
        Ok(Members::default())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> std::result::Result<Tagged<Members>, Self::Error> {
        Ok(Tagged(variant, Members::default()))
    }
}

/// The items of a sequence (an absent item is `null`).
struct Seq(Vec<Value>);

impl Seq {
    fn push<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), serde_json::Error> {
        self.0.push(value.serialize(Wire)?.unwrap_or(Value::Null));
        Ok(())
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result2 {
        self.push(value)
    }
    fn end(self) -> Out {
        some(self.0)
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result2 {
        self.push(value)
    }
    fn end(self) -> Out {
        some(self.0)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result2 {
        self.push(value)
    }
    fn end(self) -> Out {
        some(self.0)
    }
}

type Result2 = std::result::Result<(), serde_json::Error>;

/// The members of an object; a member whose value is absent is left out.
#[derive(Default)]
struct Members {
    map: Map<String, Value>,
    key: Option<String>,
}

impl Members {
    fn insert<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result2 {
        if let Some(v) = value.serialize(Wire)? {
            self.map.insert(key, v);
        }
        Ok(())
    }
}

impl ser::SerializeMap for Members {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result2 {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result2 {
        match self.key.take() {
            Some(key) => self.insert(key, value),
            None => Err(ser::Error::custom("a map value without its key")),
        }
    }
    fn end(self) -> Out {
        some(self.map)
    }
}

impl ser::SerializeStruct for Members {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result2 {
        self.insert(key.to_owned(), value)
    }
    fn end(self) -> Out {
        some(self.map)
    }
}

/// An enum variant with content: `{"Variant": content}`, as serde_json writes it.
struct Tagged<T>(&'static str, T);

impl<T> Tagged<T> {
    fn wrap(variant: &'static str, content: Value) -> Out {
        let mut map = Map::new();
        map.insert(variant.to_owned(), content);
        some(map)
    }
}

impl ser::SerializeTupleVariant for Tagged<Seq> {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result2 {
        self.1.push(value)
    }
    fn end(self) -> Out {
        Self::wrap(self.0, Value::Array(self.1.0))
    }
}

impl ser::SerializeStructVariant for Tagged<Members> {
    type Ok = Option<Value>;
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result2 {
        self.1.insert(key.to_owned(), value)
    }
    fn end(self) -> Out {
        Self::wrap(self.0, Value::Object(self.1.map))
    }
}

/// Map keys: text (or a number or `bool`, written as text, as serde_json does).
struct KeyText;

fn not_a_key() -> serde_json::Error {
    ser::Error::custom("a map key that is not text")
}

macro_rules! key_as_text {
    ($($method:ident: $ty:ty,)+) => {
        $(fn $method(self, v: $ty) -> std::result::Result<String, serde_json::Error> {
            Ok(v.to_string())
        })+
    };
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<String, serde_json::Error>;
    type SerializeTuple = Impossible<String, serde_json::Error>;
    type SerializeTupleStruct = Impossible<String, serde_json::Error>;
    type SerializeTupleVariant = Impossible<String, serde_json::Error>;
    type SerializeMap = Impossible<String, serde_json::Error>;
    type SerializeStruct = Impossible<String, serde_json::Error>;
    type SerializeStructVariant = Impossible<String, serde_json::Error>;

    key_as_text! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_char: char, serialize_str: &str,
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> std::result::Result<String, serde_json::Error> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> std::result::Result<String, serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_f32(self, _: f32) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_f64(self, _: f64) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_bytes(self, _: &[u8]) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(
        self,
        _: &T,
    ) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(
        self,
        _: &'static str,
    ) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> std::result::Result<String, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_seq(
        self,
        _: Option<usize>,
    ) -> std::result::Result<Self::SerializeSeq, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(
        self,
        _: usize,
    ) -> std::result::Result<Self::SerializeTuple, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_map(
        self,
        _: Option<usize>,
    ) -> std::result::Result<Self::SerializeMap, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStruct, serde_json::Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, serde_json::Error> {
        Err(not_a_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Model {
        a: Option<u32>,
        b: Option<String>,
        raw: Option<Value>,
        list: Vec<Option<u8>>,
        #[serde(flatten)]
        extra: Map<String, Value>,
    }

    #[test]
    fn none_is_left_out_and_a_sent_null_is_kept() {
        let mut extra = Map::new();
        extra.insert("kept".into(), Value::Null);
        extra.insert("n".into(), json!(1.5));
        let m = Model {
            a: Some(1),
            b: None,
            raw: Some(json!({"x": null, "y": [null, 2]})),
            list: vec![Some(1), None],
            extra,
        };
        assert_eq!(
            to_wire(&m).unwrap(),
            json!({"a": 1, "raw": {"x": null, "y": [null, 2]}, "list": [1, null], "kept": null, "n": 1.5})
        );
    }

    #[test]
    fn maps_with_number_keys_and_enums_are_written_as_serde_json_does() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, Option<u8>),
            Struct { x: Option<u8>, y: u8 },
        }
        let keyed: std::collections::BTreeMap<u32, E> = [
            (1, E::Unit),
            (2, E::New(3)),
            (3, E::Tuple(4, None)),
            (4, E::Struct { x: None, y: 5 }),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            to_wire(&keyed).unwrap(),
            json!({"1": "Unit", "2": {"New": 3}, "3": {"Tuple": [4, null]}, "4": {"Struct": {"y": 5}}})
        );
        let float_keys: std::collections::BTreeMap<String, f64> =
            [("x".to_owned(), f64::NAN)].into_iter().collect();
        assert_eq!(to_wire(&float_keys).unwrap(), json!({"x": null}));
    }
}
