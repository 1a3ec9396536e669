//! Models read from JSON values with less code than serde's derive: [`Decode`], derived by
//! `wanumbers-derive` from the models' own `#[serde(...)]` attributes.
//!
//! A derived struct is one loop over the object's members; the answers, errors and error
//! paths are those of serde's `Deserialize` through [`json`](crate::json) (the tests below
//! and `tests/vectors` hold both to them). Types the derive does not read itself, and the
//! scalars, go through serde. One difference remains possible: a missing member without a
//! default is `None` only for `Option` (and `Box<Option>`), where serde's `missing_field` also
//! accepts a type whose own `Deserialize` reads an `Option`; no model has such a field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub use wanumbers_derive::Decode;

use crate::json::{PathError, Segment, decode};

/// A model read from a JSON value (see the module's documentation). This crate's models
/// derive it (the derive writes paths into this crate); another type implements it by hand.
pub trait Decode: Sized {
    /// Reads `value`; on failure, the path of the member that failed.
    ///
    /// # Errors
    /// A [`PathError`] when the value has the wrong type or format, or a required field is
    /// missing.
    fn decode(value: Value) -> Result<Self, PathError>;

    /// The member names serde's derive gives the type's `Deserialize` (its `FIELDS`: each
    /// field's names sorted, aliases included, in field order; none for a struct with a
    /// `flatten` field), where the `Decode` derive knows them; `None` otherwise.
    const FIELDS: Option<&'static [&'static str]> = None;

    /// The value of a missing member that has no default: an error, except for `Option`
    /// (serde's `missing_field`).
    ///
    /// # Errors
    /// A [`PathError`] at the model's own path.
    fn missing() -> Result<Self, PathError> {
        Err(PathError::default())
    }
}

/// An object's members, in a map (a model is read only from an object).
fn object(value: Value) -> Result<Map<String, Value>, PathError> {
    match value {
        Value::Object(members) => Ok(members),
        _ => Err(PathError::default()),
    }
}

/// The members of an object, one at a time.
pub(crate) fn members(value: Value) -> Result<Members, PathError> {
    object(value).map(|members| Members(members.into_iter()))
}

/// An object's members, one at a time. Not generic, and its `next` not inlined: the walk and
/// the drop of what is left are compiled once, not into every model.
pub(crate) struct Members(serde_json::map::IntoIter);

impl Iterator for Members {
    type Item = (String, Value);

    #[inline(never)]
    fn next(&mut self) -> Option<(String, Value)> {
        self.0.next()
    }
}

/// The position of `key` among `names` (a model's member names), or `usize::MAX` when it is
/// none of them: the derived decoders find a member's field with it. One function for every
/// model, where comparing the key with each name compiled a call per name into each model.
#[inline(never)]
pub(crate) fn field(key: &str, names: &[&str]) -> usize {
    names.iter().position(|n| *n == key).unwrap_or(usize::MAX)
}

/// Reads one member into its field's slot; a second member for the same field (a name and
/// its alias) is an error, as in serde. Not inlined: the fields of one type, in every model,
/// share one copy.
#[inline(never)]
pub(crate) fn member<T>(
    slot: &mut Option<T>,
    (key, value): &mut (String, Value),
    read: impl FnOnce(Value) -> Result<T, PathError>,
) -> Result<(), PathError> {
    if slot.is_some() {
        return Err(duplicate());
    }
    match read(std::mem::take(value)) {
        Ok(read) => {
            *slot = Some(read);
            Ok(())
        }
        Err(e) => Err(at_key(e, key)),
    }
}

/// A second member for a field (out of line: compiled once).
#[inline(never)]
fn duplicate() -> PathError {
    PathError::default()
}

/// `e` one level down, at the member `key` (out of line: compiled once).
#[inline(never)]
fn at_key(e: PathError, key: &mut String) -> PathError {
    e.within(Segment::Key(std::mem::take(key)))
}

/// `e` one level down, at `segment` (out of line: compiled once).
#[inline(never)]
fn at(e: PathError, segment: Segment) -> PathError {
    e.within(segment)
}

/// Scalars and the types with a `Deserialize` of their own, read by serde.
macro_rules! decode_by_serde {
    ($($t:ty),* $(,)?) => {
        $(impl Decode for $t {
            fn decode(value: Value) -> Result<Self, PathError> {
                decode(value)
            }
        })*
    };
}

decode_by_serde!(String, bool, u8, u16, u32, u64, i32, i64, f64);

impl Decode for Value {
    fn decode(value: Value) -> Result<Self, PathError> {
        Ok(value)
    }
}

impl Decode for Map<String, Value> {
    fn decode(value: Value) -> Result<Self, PathError> {
        object(value)
    }
}

/// Generic types read by serde (tuples from arrays, the sandbox's state collections).
macro_rules! decode_generic_by_serde {
    ($(<$($p:ident),+> $t:ty;)*) => {
        $(impl<$($p: serde::de::DeserializeOwned),+> Decode for $t {
            fn decode(value: Value) -> Result<Self, PathError> {
                decode(value)
            }
        })*
    };
}

decode_generic_by_serde! {
    <A, B> (A, B);
    <A, B, C> (A, B, C);
    <T> std::collections::VecDeque<T>;
}

impl<T: serde::de::DeserializeOwned + Ord> Decode for std::collections::BTreeSet<T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        decode(value)
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        match value {
            Value::Null => Ok(None),
            other => T::decode(other).map(Some),
        }
    }

    fn missing() -> Result<Self, PathError> {
        Ok(None)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        T::decode(value).map(Box::new)
    }

    fn missing() -> Result<Self, PathError> {
        T::missing().map(Box::new)
    }
}

/// The most bytes a list reserves before its items are read (serde's own bound): a long
/// list of small values read as large models must fail on its first item, not allocate.
const MAX_PREALLOCATION: usize = 1024 * 1024;

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        let room = MAX_PREALLOCATION / std::mem::size_of::<T>().max(1);
        let mut out = Vec::new();
        items(value, &mut |len, item| {
            out.reserve_exact(len.min(room));
            out.push(T::decode(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Gives an array's items to `read` in order, with the array's length along with the first
/// (0 with the others); the first failure, at its index. Not generic: the walk and the drop
/// of what is left are compiled once, not into every list's `decode`.
#[inline(never)]
fn items(
    value: Value,
    read: &mut dyn FnMut(usize, Value) -> Result<(), PathError>,
) -> Result<(), PathError> {
    let Value::Array(items) = value else {
        return Err(PathError::default());
    };
    let len = items.len();
    for (i, item) in items.into_iter().enumerate() {
        read(if i == 0 { len } else { 0 }, item).map_err(|e| at(e, Segment::Index(i)))?;
    }
    Ok(())
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        let mut out = BTreeMap::new();
        for (key, value) in members(value)? {
            let read = T::decode(value).map_err(|e| at(e, Segment::Key(key.clone())))?;
            out.insert(key, read);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::api::args::field_names;

    /// The derived `Decode` and serde's `Deserialize` (through `json`) agree: the same value,
    /// or a failure at the same path.
    fn agree<T: Decode + DeserializeOwned + Serialize>(value: &Value) -> Result<(), TestCaseError> {
        let ours = T::decode(value.clone());
        let theirs: Result<T, PathError> = crate::json::decode(value.clone());
        match (ours, theirs) {
            (Ok(a), Ok(b)) => {
                // The core's own value writer writes the model as serde_json does.
                prop_assert_eq!(
                    crate::value_writer::to_value(&a).ok(),
                    serde_json::to_value(&a).ok()
                );
                prop_assert_eq!(serde_json::to_value(a).ok(), serde_json::to_value(b).ok());
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.path(), b.path()),
            (a, b) => prop_assert!(
                false,
                "Decode ok {}, serde ok {}: {value}",
                a.is_ok(),
                b.is_ok()
            ),
        }
        Ok(())
    }

    /// A JSON value whose objects have keys of the models (and one stranger).
    fn json(keys: Vec<&'static str>) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (0u64..4, -2i64..2).prop_map(|(u, i)| if u == 3 {
                Value::from(i)
            } else {
                Value::from(u)
            }),
            Just(Value::from(1.5)),
            prop::sample::select(vec!["", "US", "geo", "mobile", "2026-01-31", "x"])
                .prop_map(Value::from),
        ];
        let keys = prop::sample::select(keys);
        leaf.prop_recursive(3, 24, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|members| {
                    Value::Object(
                        members
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect(),
                    )
                }),
            ]
        })
    }

    /// The attribute forms the models do not use today, read both ways.
    mod forms {
        use serde::{Deserialize, Serialize};
        use serde_json::{Map, Value};

        use crate::Decode;

        #[derive(Serialize, Deserialize, Decode)]
        #[serde(rename_all = "SCREAMING-KEBAB-CASE", deny_unknown_fields)]
        pub struct Kebab {
            pub first_name: Option<String>,
            #[serde(rename = "r", alias = "rr", alias = "rrr")]
            pub r#type: Option<u8>,
        }

        #[derive(Serialize, Deserialize, Decode)]
        #[serde(default = "Based::base")]
        pub struct Based {
            pub a: u32,
            pub b: Option<u32>,
        }

        impl Based {
            fn base() -> Self {
                Based { a: 7, b: Some(1) }
            }
        }

        #[derive(Serialize, Deserialize, Decode)]
        #[serde(default)]
        pub struct Defaults {
            // `skip_deserializing`, not `skip`: the comparison goes through `Serialize`.
            #[serde(skip_deserializing, default)]
            pub skipped: u32,
            #[serde(skip_deserializing)]
            pub from_struct: u32,
            pub plain: u32,
            pub boxed: Box<Option<u8>>,
        }

        impl Default for Defaults {
            fn default() -> Self {
                Defaults {
                    skipped: 5,
                    from_struct: 6,
                    plain: 8,
                    boxed: Box::new(Some(9)),
                }
            }
        }

        #[derive(Serialize, Deserialize, Decode)]
        pub struct Required {
            pub id: String,
            pub boxed: Box<Option<u8>>,
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        #[derive(Serialize, Deserialize, Decode)]
        pub struct SkippedCatchAll {
            pub id: Option<String>,
            #[serde(flatten, skip_deserializing)]
            pub extra: Map<String, Value>,
        }
    }

    #[test]
    fn attribute_forms_read_as_serde_reads_them() {
        use serde_json::json;
        let inputs = [
            json!({}),
            json!({"FIRST-NAME": "a", "r": 1}),
            json!({"rr": 1, "rrr": 2}),
            json!({"r": 1, "rr": 2}),
            json!({"first_name": "a"}),
            json!({"TYPE": 3}),
            json!({"a": 1}),
            json!({"b": null, "a": "x"}),
            json!({"skipped": 1, "from_struct": 2, "plain": 3, "boxed": 4}),
            json!({"plain": "bad", "boxed": "bad"}),
            json!({"id": "x", "more": [1, -2, 1.5]}),
            json!({"id": 1, "boxed": null}),
            json!([]),
            json!(null),
        ];
        for input in &inputs {
            let run = || -> Result<(), TestCaseError> {
                agree::<forms::Kebab>(input)?;
                agree::<forms::Based>(input)?;
                agree::<forms::Defaults>(input)?;
                agree::<forms::Required>(input)?;
                agree::<forms::SkippedCatchAll>(input)
            };
            assert!(run().is_ok(), "{input}: {:?}", run());
        }
    }

    macro_rules! differential {
        ($($name:ident: $t:ty),* $(,)?) => {
            fn all_keys() -> Vec<&'static str> {
                let mut keys = vec!["other"];
                $(keys.extend(field_names::<$t>());)*
                keys
            }
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(400))]
                $(#[test]
                fn $name(value in json(all_keys())) {
                    agree::<$t>(&value)?;
                    // The same members in an object, so the model's own reading is reached.
                    if let Value::Object(_) = value {} else {
                        agree::<$t>(&serde_json::json!({ "value": value }))?;
                    }
                })*
            }
        };
    }

    differential! {
        kyc_form: crate::kyc::KycForm,
        kyc_submission: crate::kyc::KycSubmission,
        availability: crate::kyc::Availability,
        remediation_form: crate::kyc::RemediationForm,
        remediation_submission: crate::kyc::RemediationSubmission,
        country: crate::Country,
        fleet_number: crate::pricing::FleetNumber,
        zernio_event: crate::webhook::ZernioEvent,
        local_number: crate::webhook::LocalNumber,
        // Catch-all `extra` members (`#[serde(flatten)]`).
        owned_phone_number: crate::api::models::OwnedPhoneNumber,
        graph_phone_number: crate::api::graph::GraphPhoneNumber,
        calling_settings: crate::api::graph::CallingSettings,
    }
}
