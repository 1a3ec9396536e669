//! Models read from JSON values with less code than serde's derive: [`Decode`], derived by
//! `wanumbers-derive` from the models' own `#[serde(...)]` attributes.
//!
//! A derived struct is one loop over the object's members; the answers, errors and error
//! paths are those of serde's `Deserialize` through [`json`](crate::json) (the tests below
//! and `tests/vectors` hold both to them). Types the derive does not read itself, and the
//! scalars, go through serde, so they cannot differ.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub use wanumbers_derive::Decode;

use crate::json::{PathError, Segment, decode};

/// A model read from a JSON value (see the module's documentation).
pub trait Decode: Sized {
    /// Reads `value`; on failure, the path of the member that failed.
    ///
    /// # Errors
    /// A [`PathError`] when the value has the wrong type or format, or a required field is
    /// missing.
    fn decode(value: Value) -> Result<Self, PathError>;

    /// The value of a missing member that has no default: an error, except for `Option`
    /// (serde's `missing_field`).
    ///
    /// # Errors
    /// A [`PathError`] at the model's own path.
    fn missing() -> Result<Self, PathError> {
        Err(PathError::default())
    }
}

/// The members of an object (a model is read only from an object).
pub(crate) fn members(value: Value) -> Result<Members, PathError> {
    match value {
        Value::Object(members) => Ok(Members(members.into_iter())),
        _ => Err(PathError::default()),
    }
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
        return Err(PathError::default());
    }
    match read(std::mem::take(value)) {
        Ok(read) => {
            *slot = Some(read);
            Ok(())
        }
        Err(e) => Err(at(e, Segment::Key(std::mem::take(key)))),
    }
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
        match value {
            Value::Object(members) => Ok(members),
            _ => Err(PathError::default()),
        }
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
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: Value) -> Result<Self, PathError> {
        let Value::Array(items) = value else {
            return Err(PathError::default());
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            out.push(T::decode(item).map_err(|e| at(e, Segment::Index(i)))?);
        }
        Ok(out)
    }
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
