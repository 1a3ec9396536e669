//! The value writer's tests: `to_value` against `serde_json::to_value` on every serde form
//! and on random values (the decode property tests cover the models).

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
