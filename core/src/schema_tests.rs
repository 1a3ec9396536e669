//! The schema's answers held to the typed path's: `to_value(&T::decode(value)?)`, as JSON text
//! (member order counts), or a failure at the same path.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// `Option<Option<T>>`: the shape the schema must refuse (a `Some` written `null`).
#![allow(clippy::option_option)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{Failure, Kind, Schema, written};
use crate::api::HttpResponse;
use crate::api::dispatch;
use crate::api::table::{self, Platform};
use crate::decode::Decode;

/// The typed path and the schema agree on `value` read as a `T`.
fn agree<T: Decode + Serialize + Schema>(value: &Value) -> Result<(), TestCaseError> {
    let typed = T::decode(value.clone()).map(|t| crate::value_writer::to_value(&t).unwrap());
    let ours = written(T::KIND, value.clone());
    match (typed, ours) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{}", value),
        (Err(a), Err(Failure::Read(b))) => prop_assert_eq!(a.path(), b.path(), "{}", value),
        (a, b) => prop_assert!(false, "typed {:?}, schema {:?}: {}", a, b, value),
    }
    Ok(())
}

crate::macros::open_enum! {
    /// An open enum.
    pub enum Colour { Red => "RED", Blue => "BLUE", }
}

fn seven() -> u32 {
    7
}

fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Ok(None),
    }
}

#[derive(Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase")]
struct Inner {
    #[serde(default)]
    first_name: Option<String>,
    count: u32,
}

#[derive(Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase")]
struct Outer {
    #[serde(rename = "_id", alias = "id", default)]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    colour: Option<Colour>,
    #[serde(default)]
    inners: Vec<Inner>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    scores: BTreeMap<String, f64>,
    #[serde(default = "seven")]
    level: u32,
    boxed: Box<Option<Inner>>,
    #[serde(skip)]
    #[allow(dead_code)] // never read, by design
    hidden: u32,
    #[serde(skip_deserializing)]
    computed: u8,
    #[serde(default, serialize_with = "crate::api::respond::null_if_none")]
    nullable: Option<i64>,
    #[serde(default, deserialize_with = "text_or_number")]
    loose: Option<String>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Default, Serialize, Deserialize, crate::Decode)]
#[serde(default, deny_unknown_fields)]
struct Strict {
    a: u8,
    b: Option<bool>,
    #[serde(alias = "see")]
    c: String,
}

/// A struct default of its own making, which the fields' defaults must not be taken for.
#[derive(Serialize, Deserialize, crate::Decode)]
#[serde(default)]
struct Based {
    #[serde(skip_deserializing)]
    from_struct: u32,
    #[serde(skip_deserializing, default = "seven")]
    from_path: u32,
    #[serde(skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    empty_unless_struct: Vec<u8>,
    plain: u32,
    boxed: Box<Option<u8>>,
}

impl Default for Based {
    fn default() -> Self {
        Based {
            from_struct: 6,
            from_path: 1,
            empty_unless_struct: vec![1],
            plain: 8,
            boxed: Box::new(Some(9)),
        }
    }
}

fn some_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u8>>, D::Error> {
    Option::<u8>::deserialize(d).map(Some)
}

/// A `Some` written `null` (`Some(None)`), left out by serde only when `None`: not a schema.
#[derive(Serialize, Deserialize, crate::Decode)]
struct SomeNone {
    #[serde(
        default,
        deserialize_with = "some_none",
        skip_serializing_if = "Option::is_none"
    )]
    cleared: Option<Option<u8>>,
}

#[test]
fn structs_read_as_typed() {
    assert!(matches!(Based::KIND, Kind::Struct(_)));
    assert!(matches!(SomeNone::KIND, Kind::Leaf(_)));
    assert!(matches!(Outer::KIND, Kind::Struct(_)));
    // An open enum reads as the string it is.
    assert!(Colour::KNOWN.iter().all(Colour::is_known));
    assert!(matches!(Strict::KIND, Kind::Struct(_)));
    let inputs = [
        json!({}),
        json!(null),
        json!([]),
        json!({"count": 1}),
        json!({"boxed": null}),
        json!({"boxed": {"count": 3, "firstName": "A"}, "_id": "x", "id": "y"}),
        json!({"boxed": {"count": -1}}),
        json!({"boxed": 1, "colour": "RED", "tags": ["a"], "scores": {"z": 1, "a": 2.5}}),
        json!({"boxed": null, "colour": "GREEN", "tags": [], "scores": {}, "level": 3}),
        json!({"boxed": null, "colour": 5}),
        json!({"boxed": null, "inners": [{"count": 1}, {"count": "x"}]}),
        json!({"boxed": null, "inners": [{"count": 1, "firstName": null}], "other": [1, {"b": 2}]}),
        json!({"zz": 1, "boxed": null, "hidden": 4, "computed": 5, "nullable": 3, "aa": 2}),
        json!({"boxed": null, "loose": 12, "nullable": null}),
        json!({"boxed": null, "loose": {"x": 1}, "scores": {"a": "b"}}),
        json!({"boxed": null, "level": 1.5}),
        json!({"boxed": null, "level": 4_294_967_296_u64}),
        json!({"a": 1, "b": true, "c": "x"}),
        json!({"a": 256}),
        json!({"see": "x", "c": "y"}),
        json!({"a": 1, "d": 2}),
        json!({"c": null}),
        json!({"plain": 1, "from_struct": 2, "from_path": 3, "empty_unless_struct": [4]}),
        json!({"boxed": null, "plain": "x"}),
        json!({"cleared": null}),
        json!({"cleared": 3}),
    ];
    for input in &inputs {
        agree::<Outer>(input).unwrap();
        agree::<Strict>(input).unwrap();
        agree::<Based>(input).unwrap();
        agree::<SomeNone>(input).unwrap();
        agree::<Vec<Outer>>(&json!([input])).unwrap();
        agree::<BTreeMap<String, Strict>>(&json!({"k": input, "a": {}})).unwrap();
    }
}

/// A JSON value whose objects have keys from `keys`.
fn json_with(keys: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..4, -2i64..2).prop_map(|(u, i)| if u == 3 {
            Value::from(i)
        } else {
            Value::from(u)
        }),
        Just(Value::from(1.5)),
        Just(Value::from(u64::MAX)),
        prop::sample::select(vec![
            "",
            "US",
            "x",
            "mobile",
            "APPROVED",
            "2026-01-31T10:00:00Z",
            "+14155550123",
            "123",
        ])
        .prop_map(Value::from),
    ];
    let keys = prop::sample::select(keys);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|members| {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn random_structs_read_as_typed(value in json_with(vec![
        "_id", "id", "colour", "inners", "tags", "scores", "level", "boxed", "hidden",
        "computed", "nullable", "loose", "count", "firstName", "a", "b", "c", "see", "other",
        "plain", "from_struct", "from_path", "empty_unless_struct", "cleared",
    ])) {
        agree::<Outer>(&value)?;
        agree::<Strict>(&value)?;
        agree::<Based>(&value)?;
    }
}

/// Every member name in `kind`'s structs (to `depth` levels).
fn names(kind: &Kind, out: &mut Vec<&'static str>, depth: usize) {
    if depth == 0 {
        return;
    }
    match kind {
        Kind::Leaf(_) => {}
        Kind::Option(inner) | Kind::List(inner) | Kind::Map(inner) => names(inner, out, depth),
        Kind::Struct(shape) => {
            out.extend(shape.names);
            for field in shape.fields {
                names(field.kind, out, depth - 1);
            }
        }
    }
}

/// The cases of `tests/vectors/<name>` (a missing file fails the test).
fn vector_file(name: &str) -> Vec<Value> {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect(&path);
    let mut vectors: Value = serde_json::from_str(&text).unwrap();
    match vectors["cases"].take() {
        Value::Array(cases) => cases,
        _ => panic!("{path} has no cases"),
    }
}

/// The vectors' parse cases: (parser, operation, args, response).
fn vector_cases() -> Vec<(String, String, Value, HttpResponse)> {
    let mut out = Vec::new();
    for case in &vector_file("http_responses.json") {
        let input = &case["input"];
        let parser = input["op"].as_str().unwrap_or_default();
        if parser != "zernio_parse" && parser != "graph_parse" {
            continue;
        }
        let r = &input["response"];
        let Some(body) = r["body"].as_str() else {
            continue; // a generated body (`$repeat`): the size limits' cases
        };
        let response = HttpResponse {
            status: u16::try_from(r["status"].as_u64().unwrap()).unwrap(),
            headers: serde_json::from_value(r["headers"].clone()).unwrap_or_default(),
            body: body.as_bytes().to_vec(),
        };
        out.push((
            parser.to_owned(),
            input["operation"].as_str().unwrap_or_default().to_owned(),
            input["args"].clone(),
            response,
        ));
    }
    assert!(out.len() > 100, "only {} parse vectors", out.len());
    out
}

/// Both parsers of `parser` on one response: the same output as JSON text, or the same error;
/// `Ok(true)` when both read an output.
fn both(parser: &str, op: &str, args: &Value, response: &HttpResponse) -> Result<bool, String> {
    let (schema, typed) = if parser == "zernio_parse" {
        (
            dispatch::zernio_parse(op, args.clone(), response),
            dispatch::zernio_parse_typed(op, args.clone(), response),
        )
    } else {
        (
            dispatch::graph_parse(op, args.clone(), response),
            dispatch::graph_parse_typed(op, args.clone(), response),
        )
    };
    let same = match (&schema, &typed) {
        (Ok(a), Ok(b)) => serde_json::to_string(a).ok() == serde_json::to_string(b).ok(),
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    if same {
        Ok(schema.is_ok())
    } else {
        Err(format!("{op}: by schema {schema:?}, typed {typed:?}"))
    }
}

#[test]
fn every_vector_response_parses_as_typed() {
    for (parser, op, args, response) in vector_cases() {
        both(&parser, &op, &args, &response).unwrap();
    }
}

/// `value` changed where `choices` say, depth first: a member or item left out, a value
/// replaced by a random leaf or `null`, an object given a member more; unchanged once the
/// choices run out.
fn mutate(
    value: &Value,
    choices: &mut std::slice::Iter<'_, u8>,
    keys: &[&'static str],
) -> Option<Value> {
    let leaves = [
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
        json!("2026-01-31T10:00:00Z"),
    ];
    let choice = choices.next().copied().unwrap_or(255);
    match choice % 12 {
        0 => return None,
        1 => return Some(leaves[usize::from(choice / 12) % leaves.len()].clone()),
        _ => {}
    }
    Some(match value {
        Value::Object(members) => {
            let mut out = Map::new();
            for (key, member) in members {
                if let Some(member) = mutate(member, choices, keys) {
                    out.insert(key.clone(), member);
                }
            }
            if choice % 12 == 2 {
                let key = keys[usize::from(choice / 12) % keys.len()];
                let leaf = leaves[usize::from(choices.next().copied().unwrap_or(0)) % leaves.len()]
                    .clone();
                out.insert(key.to_owned(), leaf);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter_map(|item| mutate(item, choices, keys))
                .collect(),
        ),
        other => other.clone(),
    })
}

/// An operation to parse: its parser, name, vector args, envelope and its output's member
/// names.
type Operation = (
    &'static str,
    &'static str,
    Value,
    Option<&'static str>,
    Vec<&'static str>,
);

/// Every operation of both platforms.
fn operations() -> Vec<Operation> {
    let cases = vector_cases();
    let mut out = Vec::new();
    for (parser, platform, kinds) in [
        ("zernio_parse", Platform::Zernio, dispatch::zernio_kinds()),
        ("graph_parse", Platform::Graph, dispatch::graph_kinds()),
    ] {
        for (op, kind) in kinds {
            let args = cases
                .iter()
                .find(|(p, o, _, r)| p == parser && o == op && (200..300).contains(&r.status))
                .map_or_else(|| json!({}), |(_, _, args, _)| args.clone());
            let mut keys = vec!["other", "success", "data", "error"];
            names(kind, &mut keys, 6);
            let envelope = table::find(platform, op).unwrap().envelope;
            keys.extend(envelope);
            out.push((parser, op, args, envelope, keys));
        }
    }
    out
}

#[test]
fn random_responses_parse_as_typed() {
    let operations = operations();
    assert_eq!(
        operations.len(),
        dispatch::ZERNIO_OPERATIONS.len() + dispatch::GRAPH_OPERATIONS.len()
    );
    let cases = vector_cases();
    let (read, tried) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    let mut never_read = Vec::new();
    for (parser, op, args, envelope, keys) in operations {
        let before = read.get();
        // The vectors' bodies that read, to be changed a little (random bodies rarely read).
        let valid: Vec<Value> = cases
            .iter()
            .filter(|(p, o, _, r)| p == parser && o == op && (200..300).contains(&r.status))
            .filter_map(|(_, _, _, r)| serde_json::from_slice(&r.body).ok())
            .collect();
        let strategy = (
            json_with(keys.clone()),
            any::<bool>(),
            prop::sample::select(vec![200u16, 200, 200, 201, 404]),
            any::<usize>(),
            prop::collection::vec(any::<u8>(), 0..48),
        );
        // A runner per operation: one runner runs its cases once, over all its runs.
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(400))
            .run(&strategy, |(value, wrap, status, pick, choices)| {
                let body = match (valid.get(pick % (valid.len() + 1)), envelope) {
                    (Some(body), _) => mutate(body, &mut choices.iter(), &keys).unwrap_or_default(),
                    (None, Some(member)) if wrap => json!({ member: value }),
                    (None, _) => value,
                };
                let response = HttpResponse::new(status, body.to_string());
                tried.set(tried.get() + 1);
                let ok = both(parser, op, &args, &response).map_err(TestCaseError::fail)?;
                read.set(read.get() + u32::from(ok));
                Ok(())
            })
            .unwrap();
        if read.get() == before {
            never_read.push(op);
        }
    }
    // Not a test of errors only: most operations read some of the random bodies.
    assert!(
        never_read.is_empty(),
        "no random body read for {never_read:?}"
    );
    assert!(
        read.get() * 10 > tried.get(),
        "{} of {} read",
        read.get(),
        tried.get()
    );
}

/// The vectors' request cases: (builder, config, operation, args).
fn request_cases() -> Vec<(String, Value, String, Value)> {
    let mut out = Vec::new();
    for case in &vector_file("http_requests.json") {
        let input = &case["input"];
        let builder = input["op"].as_str().unwrap_or_default();
        if builder != "zernio_request" && builder != "graph_request" {
            continue;
        }
        out.push((
            builder.to_owned(),
            input["config"].clone(),
            input["operation"].as_str().unwrap_or_default().to_owned(),
            input["args"].clone(),
        ));
    }
    assert!(out.len() > 150, "only {} request vectors", out.len());
    out
}

/// Both request builders of `builder` on one call: the same request, or the same error;
/// `Ok(true)` when both built one.
fn build_both(builder: &str, config: &Value, op: &str, args: &Value) -> Result<bool, String> {
    let (schema, typed) = if builder == "zernio_request" {
        let Ok(config) = crate::error::from_value::<crate::api::Config>(config.clone()) else {
            return Ok(false);
        };
        (
            dispatch::zernio_request(&config, op, args.clone()),
            dispatch::zernio_request_typed(&config, op, args.clone()),
        )
    } else {
        let Ok(config) = crate::error::from_value::<crate::api::GraphConfig>(config.clone()) else {
            return Ok(false);
        };
        (
            dispatch::graph_request(&config, op, args.clone()),
            dispatch::graph_request_typed(&config, op, args.clone()),
        )
    };
    if schema == typed {
        Ok(schema.is_ok())
    } else {
        Err(format!("{op}: by schema {schema:?}, typed {typed:?}"))
    }
}

#[test]
fn every_vector_request_builds_as_typed() {
    for (builder, config, op, args) in request_cases() {
        build_both(&builder, &config, &op, &args).unwrap();
    }
}

#[test]
fn changed_vector_arguments_build_as_typed() {
    let cases = request_cases();
    let mut never_built = Vec::new();
    for (builder, names) in [
        ("zernio_request", dispatch::ZERNIO_OPERATIONS),
        ("graph_request", dispatch::GRAPH_OPERATIONS),
    ] {
        for op in names {
            let calls: Vec<(Value, Value)> = cases
                .iter()
                .filter(|(b, _, o, _)| b == builder && o == op)
                .map(|(_, config, _, args)| (config.clone(), args.clone()))
                .collect();
            if calls.is_empty() {
                never_built.push(*op);
                continue;
            }
            let mut keys = vec!["other"];
            for (_, args) in &calls {
                keys.extend(
                    args.as_object()
                        .into_iter()
                        .flat_map(|m| m.keys())
                        .map(|k| &*k.clone().leak()),
                );
            }
            let built = std::cell::Cell::new(0u32);
            let strategy = (any::<usize>(), prop::collection::vec(any::<u8>(), 0..32));
            proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300))
                .run(&strategy, |(pick, choices)| {
                    let (config, args) = &calls[pick % calls.len()];
                    let args = mutate(args, &mut choices.iter(), &keys).unwrap_or_default();
                    let ok = build_both(builder, config, op, &args).map_err(TestCaseError::fail)?;
                    built.set(built.get() + u32::from(ok));
                    Ok(())
                })
                .unwrap();
            if built.get() == 0 {
                never_built.push(*op);
            }
        }
    }
    // Not a test of errors only: every operation builds some of the changed calls.
    assert!(
        never_built.is_empty(),
        "no changed call built for {never_built:?}"
    );
}

/// A field whose alias sorts before its name, after a field with none.
#[derive(Serialize, Deserialize, crate::Decode)]
struct Aliased {
    plain: u8,
    #[serde(rename = "zeta", alias = "alpha", alias = "mid")]
    renamed: u8,
}

#[test]
fn derived_field_names_are_serdes() {
    assert_eq!(
        Aliased::FIELDS,
        Some(&["plain", "alpha", "mid", "zeta"][..])
    );
    let mut derived = 0;
    let mut all = dispatch::zernio_fields();
    all.extend(dispatch::graph_fields());
    all.push((
        "Config",
        crate::api::Config::FIELDS,
        crate::api::args::probed_field_names::<crate::api::Config>(),
    ));
    all.push((
        "GraphConfig",
        crate::api::GraphConfig::FIELDS,
        crate::api::args::probed_field_names::<crate::api::GraphConfig>(),
    ));
    all.push((
        "Outer",
        Outer::FIELDS,
        crate::api::args::probed_field_names::<Outer>(),
    ));
    all.push((
        "Strict",
        Strict::FIELDS,
        crate::api::args::probed_field_names::<Strict>(),
    ));
    all.push((
        "Based",
        Based::FIELDS,
        crate::api::args::probed_field_names::<Based>(),
    ));
    for (name, ours, serdes) in all {
        if let Some(ours) = ours {
            derived += 1;
            assert_eq!(ours, serdes, "{name}");
        }
    }
    assert!(
        derived > 60,
        "only {derived} types with derived field names"
    );
}
