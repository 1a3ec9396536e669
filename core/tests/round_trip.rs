//! The wire serialisers ([`Operation::respond`](wanumbers::api::Operation::respond)): what the
//! parsers read is written back in the upstream shape. For every documented success response of
//! both specs (Zernio's subset and Meta's own OpenAPI; examples where given, one sample per
//! `oneOf` branch) and every response vector that parses:
//!
//! 1. `parse(respond(parse(x))) == parse(x)`;
//! 2. `respond(parse(x))` validates against the spec's schema for the status it carries, or
//!    fails it only where `x` itself does: vectors pin lenience with values the spec does not
//!    know (a new status, Meta's `UNKNOWN` quality), which are written back as sent; and the
//!    purchase union's branches overlap in Zernio's spec (no member is required, reference
//!    zernio.md §8 #5), so its `oneOf` fails on every real body.
//!
//! A missing spec fails the test (`spec/mod.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_macros
)]

mod spec;

use std::path::PathBuf;

use serde_json::Value;
use spec::*;
use wanumbers::api::table::{self, Platform};
use wanumbers::api::{HttpResponse, dispatch};

type Parse = fn(&str, Value, &HttpResponse) -> wanumbers::Result<Value>;
type Rewrite = fn(&str, Value, &HttpResponse) -> wanumbers::Result<HttpResponse>;

/// `parse(x)`, then `respond(parse(x))` and `parse` of that, by name.
fn round_trip(
    platform: Platform,
    op: &str,
    args: &Value,
    response: &HttpResponse,
) -> Option<(Value, HttpResponse, Value)> {
    let (parse, rewrite): (Parse, Rewrite) = match platform {
        Platform::Zernio => (dispatch::zernio_parse, dispatch::zernio_rewrite),
        Platform::Graph => (dispatch::graph_parse, dispatch::graph_rewrite),
    };
    let first = parse(op, args.clone(), response).ok()?;
    let wire = rewrite(op, args.clone(), response).expect("what parses is written back");
    let second = parse(op, args.clone(), &wire).expect("what we write is read");
    Some((first, wire, second))
}

/// The schema of the JSON body of `status` for `method path`, if the spec gives one.
fn response_schema<'a>(
    spec: &'a Value,
    path: &str,
    method: &str,
    status: u16,
) -> Option<&'a Value> {
    let response = spec["paths"][path][method]["responses"].get(status.to_string())?;
    resolve(spec, response).pointer("/content/application~1json/schema")
}

/// Graph operations on a path Meta shares with others, whose documented 200 is a union that
/// includes the others' responses: `POST /{Phone-Number-ID}` also sends messages (its `oneOf`
/// has `MessageResponse` beside `SuccessResponse`), and `GET /{Phone-Number-ID}` documents the
/// whole node, without `health_status`. Samples of the other branches are not theirs to read.
const SHARED_PATH: [&str; 3] = [
    "set_two_step_pin",
    "request_display_name",
    "get_health_status",
];

/// Checks one response: round trip, then the schema of what we wrote.
fn check(
    spec: &Value,
    (platform, op, args): (Platform, &table::OperationSpec, &Value),
    (path, method): (&str, &str),
    response: &HttpResponse,
    what: &str,
    failures: &mut Vec<String>,
) -> bool {
    let Some((first, wire, second)) = round_trip(platform, op.name, args, response) else {
        // A documented success that does not parse is a failure, not a skip, except where
        // Meta documents a path other operations share (below).
        if !SHARED_PATH.contains(&op.name) {
            failures.push(format!("{what}: the response does not parse"));
        }
        return false;
    };
    if first != second {
        failures.push(format!(
            "{what}: parse(respond(x)) differs\n   first:  {first}\n   second: {second}"
        ));
    }
    let is_json = wire
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/json"));
    if !is_json {
        // A file (a KYC document as PDF): its bytes round-trip; the spec has no JSON for it.
        if response_schema(spec, path, method, wire.status).is_some() {
            failures.push(format!("{what}: written as a file, documented as JSON"));
        }
        return true;
    }
    let body: Value = serde_json::from_slice(&wire.body).unwrap();
    match response_schema(spec, path, method, wire.status) {
        None => failures.push(format!(
            "{what}: the spec documents no JSON body for {} on {method} {path}",
            wire.status
        )),
        Some(schema) => {
            let sent = serde_json::from_slice::<Value>(&response.body)
                .map(|sent| body_errors(spec, schema, &sent, |_| {}))
                .unwrap_or_default();
            let errors: Vec<String> = body_errors(spec, schema, &body, |_| {})
                .into_iter()
                .filter(|e| !sent.contains(e))
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{what}: {}\n   wrote: {body}", errors.join("; ")));
            }
        }
    }
    true
}

/// The documented success responses of `method path`, sampled.
fn documented(spec: &Value, path: &str, method: &str) -> Vec<(u16, Value)> {
    let mut out = Vec::new();
    for (status, response) in spec["paths"][path][method]["responses"]
        .as_object()
        .unwrap()
    {
        let Ok(status) = status.parse::<u16>() else {
            continue;
        };
        if !(200..300).contains(&status) {
            continue;
        }
        let Some(schema) = resolve(spec, response).pointer("/content/application~1json/schema")
        else {
            continue;
        };
        out.extend(samples(spec, schema).into_iter().map(|b| (status, b)));
    }
    out
}

#[test]
fn every_documented_zernio_response_is_written_back_as_documented() {
    let spec = spec();
    let (mut checked, mut failures) = (0, Vec::new());
    for (method, path, op) in routes(&spec) {
        for (status, body) in documented(&spec, &path, &method) {
            let http = HttpResponse::new(status, serde_json::to_vec(&body).unwrap());
            let what = format!("{method} {path} {status} {}", op.name);
            let args = args(op.name);
            if check(
                &spec,
                (Platform::Zernio, op, &args),
                (&path, &method),
                &http,
                &what,
                &mut failures,
            ) {
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 30,
        "only {checked} documented responses written back"
    );
}

/// Arguments for Graph parsers.
fn graph_args(op: &table::OperationSpec) -> Value {
    let mut args = serde_json::Map::new();
    for param in op.path_params() {
        args.insert(param.to_owned(), "1".into());
    }
    match op.name {
        "request_code" => {
            args.insert("codeMethod".into(), "SMS".into());
            args.insert("language".into(), "en".into());
        }
        "verify_code" | "verify_preverified_code" => {
            args.insert("code".into(), "123456".into());
        }
        "request_preverified_code" => {
            args.insert("codeMethod".into(), "SMS".into());
        }
        "add_phone_number" => {
            args.insert("cc".into(), "1".into());
            args.insert("phoneNumber".into(), "4155551234".into());
            args.insert("verifiedName".into(), "Acme".into());
        }
        "register" | "set_two_step_pin" => {
            args.insert("pin".into(), "123456".into());
        }
        "request_display_name" => {
            args.insert("newDisplayName".into(), "Acme".into());
        }
        "add_preverified_numbers" => {
            args.insert("phoneNumber".into(), "+16315551000".into());
        }
        "share_preverified_numbers" | "unshare_preverified_numbers" => {
            args.insert("preverifiedId".into(), "1".into());
            args.insert("partnerBusinessId".into(), "2".into());
        }
        _ => {}
    }
    Value::Object(args)
}

#[test]
fn every_documented_graph_response_is_written_back_as_meta_documents_it() {
    let spec = graph_spec();
    let (mut checked, mut failures) = (0, Vec::new());
    for op in Platform::Graph.specs() {
        let Some(path) = graph_path(&spec, op) else {
            assert!(
                spec::NOT_IN_METAS_SPEC.iter().any(|(n, _)| *n == op.name),
                "{} is not in Meta's spec",
                op.name
            );
            continue;
        };
        let method = op.method.as_str().to_ascii_lowercase();
        for (status, body) in documented(&spec, path, &method) {
            let http = HttpResponse::new(status, serde_json::to_vec(&body).unwrap());
            let what = format!("{method} {path} {status} {}", op.name);
            let args = graph_args(op);
            if check(
                &spec,
                (Platform::Graph, op, &args),
                (path, &method),
                &http,
                &what,
                &mut failures,
            ) {
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 8,
        "only {checked} documented Graph responses written back"
    );
}

#[test]
fn every_response_vector_that_parses_is_written_back_as_documented() {
    let (zernio, graph) = (spec(), graph_spec());
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/http_responses.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let (mut checked, mut failures) = (0, Vec::new());
    for case in vectors["cases"].as_array().unwrap() {
        if case["expect"].get("ok").is_none() {
            continue;
        }
        let input = &case["input"];
        let (platform, spec) = match input["op"].as_str() {
            Some("zernio_parse") => (Platform::Zernio, &zernio),
            Some("graph_parse") => (Platform::Graph, &graph),
            _ => continue,
        };
        let op = table::find(platform, input["operation"].as_str().unwrap()).unwrap();
        let method = op.method.as_str().to_ascii_lowercase();
        let path = match platform {
            Platform::Zernio => routes(spec)
                .into_iter()
                .find(|(m, p, o)| o.name == op.name && *m == method && same_shape(p, op.path))
                .map(|(_, p, _)| p),
            Platform::Graph => graph_path(spec, op).map(str::to_owned),
        };
        let response: HttpResponse = serde_json::from_value(input["response"].clone()).unwrap();
        let what = case["name"].as_str().unwrap();
        let Some(path) = path else {
            // Outside the spec subset (reference zernio.md §3): the round trip alone.
            let (first, _, second) = round_trip(platform, op.name, &input["args"], &response)
                .unwrap_or_else(|| panic!("{what}: the vector parses"));
            assert_eq!(first, second, "{what}");
            checked += 1;
            continue;
        };
        assert!(
            check(
                spec,
                (platform, op, &input["args"]),
                (&path, &method),
                &response,
                what,
                &mut failures,
            ),
            "{what}: the vector parses"
        );
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 30,
        "only {checked} response vectors written back"
    );
}

/// Stock watches are outside the OpenAPI subset; the Python SDK's own model of a watch
/// (`PhoneNumberStockWatch`, dumped beside the spec) is the oracle for what we write.
#[test]
fn stock_watches_are_written_back_as_the_sdk_models_them() {
    let schemas = load(
        "WANUMBERS_SDK_SCHEMAS",
        "zernio-spec/python-sdk-1.4.1385-component-schemas.json",
    );
    let mut watch = schemas["schemas"]["PhoneNumberStockWatch"].clone();
    watch["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
    let validator = jsonschema::validator_for(&watch).unwrap();
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/http_responses.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for case in vectors["cases"].as_array().unwrap() {
        let input = &case["input"];
        let op = input["operation"].as_str().unwrap_or_default();
        if !op.ends_with("stock_watch") && op != "list_stock_watches"
            || case["expect"].get("ok").is_none()
        {
            continue;
        }
        let response: HttpResponse = serde_json::from_value(input["response"].clone()).unwrap();
        let (_, wire, _) = round_trip(Platform::Zernio, op, &input["args"], &response).unwrap();
        let body: Value = serde_json::from_slice(&wire.body).unwrap();
        let watches = match op {
            "create_stock_watch" => vec![body],
            "list_stock_watches" => body["watches"].as_array().unwrap().clone(),
            _ => continue,
        };
        for w in &watches {
            let errors: Vec<String> = validator.iter_errors(w).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?} in {w}", case["name"]);
            checked += 1;
        }
    }
    assert!(checked >= 2, "only {checked} stock watches checked");
}
