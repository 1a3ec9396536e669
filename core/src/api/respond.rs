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
use serde::ser;
use serde_json::{Map, Value};

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
    crate::value_writer::to_wire(value).map_err(|_| unwritable())
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
