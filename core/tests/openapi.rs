//! Conformance with Zernio's published OpenAPI spec (reference copy in
//! `../shared/reference/zernio-spec/`, not part of this repository):
//!
//! 1. every documented response of every operation we implement, synthesized from its schema
//!    (examples where given, one sample per `oneOf` branch), is read by our parser: a 2xx into
//!    the model, an error status into an `api` error — never `bad_response`;
//! 2. every request body our builders produce (the `http_requests.json` vectors) validates
//!    against the operation's request schema.
//!
//! Where the spec is absent the test says so and passes, unless `WANUMBERS_REQUIRE_SPEC` is
//! set (`make test` sets it when `../shared` exists).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

use std::path::PathBuf;

use serde_json::{Map, Value, json};
use wanumbers::ErrorKind;
use wanumbers::api::table::{self, Platform};
use wanumbers::api::{Config, GraphConfig, HttpResponse, dispatch, wire};

fn spec() -> Option<Value> {
    load(
        "WANUMBERS_SPEC",
        "zernio-spec/openapi-2026-08-22-phone-numbers-subset.yaml",
    )
}

/// Meta's own OpenAPI for the WhatsApp Business Platform, the Graph oracle.
fn graph_spec() -> Option<Value> {
    load(
        "WANUMBERS_GRAPH_SPEC",
        "graph-spec/business-messaging-api_v23.0.yaml",
    )
}

fn load(variable: &str, reference: &str) -> Option<Value> {
    let path = std::env::var_os(variable).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/reference")
                .join(reference)
        },
        PathBuf::from,
    );
    if let Ok(text) = std::fs::read_to_string(&path) {
        Some(serde_yaml::from_str(&text).unwrap())
    } else {
        assert!(
            std::env::var_os("WANUMBERS_REQUIRE_SPEC").is_none(),
            "spec required but not found at {}",
            path.display()
        );
        eprintln!(
            "OpenAPI spec not found at {}: conformance not checked",
            path.display()
        );
        None
    }
}

/// Operations the spec subset does not describe: the current request-code path is newer than
/// it, the legacy verify older (reference zernio.md §3).
const OUTSIDE_SPEC: [&str; 2] = ["request_whatsapp_code", "verify_whatsapp_code"];

/// The spec's (method, path, operationId) of every Zernio operation of the table, canonical
/// and legacy paths, found by the shape of the template (`{id}` fits `{phoneNumberId}`). The
/// table is the only list: an operation it adds is checked here without editing this file.
fn routes(spec: &Value) -> Vec<(String, String, &'static table::OperationSpec)> {
    let paths = spec["paths"].as_object().unwrap();
    let mut out = Vec::new();
    for op in Platform::Zernio.specs() {
        let method = op.method.as_str().to_ascii_lowercase();
        for template in std::iter::once(op.path).chain(op.legacy_path) {
            let found = paths
                .iter()
                .find(|(p, ops)| same_shape(p, template) && ops.get(&method).is_some());
            match found {
                Some((p, _)) => out.push((method.clone(), p.clone(), op)),
                None => assert!(
                    OUTSIDE_SPEC.contains(&op.name),
                    "{} {template} ({}) is not in the spec",
                    op.method.as_str(),
                    op.name
                ),
            }
        }
    }
    out
}

/// Same literal segments, placeholders where the other has placeholders.
fn same_shape(a: &str, b: &str) -> bool {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    x.len() == y.len()
        && x.iter()
            .zip(&y)
            .all(|(p, q)| p == q || (p.starts_with('{') && q.starts_with('{')))
}

#[test]
fn every_operation_of_the_table_is_in_the_spec_under_its_operation_id() {
    let Some(spec) = spec() else { return };
    let routes = routes(&spec);
    for (method, path, op) in &routes {
        // The canonical path carries the operation's own operationId.
        if path.as_str() == op.path || same_shape(path, op.path) {
            assert_eq!(
                spec["paths"][path.as_str()][method.as_str()]["operationId"],
                json!(op.operation_id),
                "{method} {path}"
            );
        }
    }
    assert!(routes.len() >= 30, "only {} routes", routes.len());
}

/// Parser arguments per operation (the parsers only need well-formed arguments).
fn args(op: &str) -> Value {
    let form = json!({"country": "GB", "fields": []});
    match op {
        "check_availability" | "get_kyc_form" => json!({"country": "GB"}),
        "purchase" => json!({"profileId": "p"}),
        "get_number" | "release_number" | "get_remediation" => json!({"id": "x"}),
        "submit_kyc" => json!({"form": form, "submission": {}, "today": "2026-03-15"}),
        "upload_document" => json!({"filename": "a.pdf", "bytes": ""}),
        "validate_address" => {
            json!({"country": "GB", "streetAddress": "s", "locality": "l", "postalCode": "p"})
        }
        "create_kyc_link" => json!({"profileId": "p", "country": "GB"}),
        "submit_remediation" => {
            json!({"id": "x", "form": form, "submission": {}, "today": "2026-03-15"})
        }
        "get_number_info" => json!({"accountId": "a"}),
        "place_call" => json!({"accountId": "a", "to": "+447400123456"}),
        "move_to_profile" => json!({"id": "x", "profileId": "p"}),
        _ => json!({}),
    }
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let mut node = spec;
            for part in r.trim_start_matches("#/").split('/') {
                node = &node[part];
            }
            resolve(spec, node)
        }
        None => schema,
    }
}

/// Samples of a schema: one per top-level `oneOf`/`anyOf` branch, properties filled in.
fn samples(spec: &Value, schema: &Value) -> Vec<Value> {
    let schema = resolve(spec, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            return branches.iter().map(|b| sample(spec, b, 0)).collect();
        }
    }
    vec![sample(spec, schema, 0)]
}

fn sample(spec: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(spec, schema);
    if depth > 12 {
        return Value::Null;
    }
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema.get(key).and_then(|b| b.get(0)) {
            return sample(spec, first, depth + 1);
        }
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in parts {
            if let Value::Object(m) = sample(spec, part, depth + 1) {
                merged.extend(m);
            }
        }
        return Value::Object(merged);
    }
    if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
        return first.clone();
    }
    let kind = match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_owned(),
        _ if schema.get("properties").is_some() => "object".to_owned(),
        _ => "string".to_owned(),
    };
    match kind.as_str() {
        "object" => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    out.insert(name.clone(), sample(spec, prop, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => Value::Array(vec![sample(spec, &schema["items"], depth + 1)]),
        "integer" => schema.get("minimum").cloned().unwrap_or(json!(1)),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "null" => Value::Null,
        _ => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-03-15T12:00:00Z"),
            Some("date") => json!("2026-03-15"),
            Some("uri") => json!("https://example.com/x"),
            _ => json!("string"),
        },
    }
}

#[test]
fn every_documented_response_is_read_by_our_parser() {
    let Some(spec) = spec() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for (method, path, spec_op) in routes(&spec) {
        let op = spec_op.name;
        let operation = &spec["paths"][path.as_str()][method.as_str()];
        assert!(operation.is_object(), "the spec has no {method} {path}");
        for (status, response) in operation["responses"].as_object().unwrap() {
            let status: u16 = status.parse().unwrap();
            let response = resolve(&spec, response);
            let Some(schema) = response.pointer("/content/application~1json/schema") else {
                continue;
            };
            for body in samples(&spec, schema) {
                checked += 1;
                let http = HttpResponse::new(status, serde_json::to_vec(&body).unwrap());
                let outcome = dispatch::zernio_parse(op, args(op), &http);
                let ok = match (&outcome, status) {
                    (Ok(_), 200..=299) => true,
                    (Err(e), 400..) => {
                        e.kind() == ErrorKind::Api && e.code().as_str() != "bad_response"
                    }
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{method} {path} {status} {op}: {outcome:?}\n   sample: {body}"
                    ));
                }
            }
        }
    }
    assert!(checked > 60, "only {checked} responses checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} documented responses not read:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_request_body_we_build_matches_the_spec() {
    let Some(spec) = spec() else { return };
    let mut checked = 0;
    let mut not_in_spec = Vec::new();
    let mut failures = Vec::new();
    for (name, request) in built_requests(Platform::Zernio) {
        let Some(body) = request.json_body() else {
            continue;
        };
        let path = request
            .url
            .split_once("/api")
            .unwrap()
            .1
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        // The current request-code path is newer than this spec, the legacy verify older.
        // The most literal template wins (`/purchase` before `/{id}`).
        let Some((template, _)) = spec["paths"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(t, _)| matches_template(t, &path))
            .min_by_key(|(t, _)| t.matches('{').count())
        else {
            not_in_spec.push(path);
            continue;
        };
        let method = request.method.as_str().to_ascii_lowercase();
        let Some(schema) = spec["paths"][template.as_str()][method.as_str()]
            .pointer("/requestBody/content/application~1json/schema")
        else {
            failures.push(format!(
                "{name}: the spec has no JSON body for {method} {template}"
            ));
            continue;
        };
        checked += 1;
        let errors = body_errors(&spec, schema, &body, |_| {});
        if !errors.is_empty() {
            failures.push(format!(
                "{name}: {method} {template}: {}",
                errors.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} request bodies do not match the spec:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 12, "only {checked} request bodies checked");
    // The check bites: the purchase schema refuses a body without profileId.
    let purchase = inline_refs(
        &spec,
        &spec["paths"]["/v1/phone-numbers/purchase"]["post"]["requestBody"]["content"]["application/json"]
            ["schema"],
        0,
    );
    assert!(
        !jsonschema::validator_for(&purchase)
            .unwrap()
            .is_valid(&json!({"country": "GB"}))
    );
    assert!(
        not_in_spec
            .iter()
            .all(|p| p.contains("request-code") || p.ends_with("/verify")),
        "unexpected paths outside the spec: {not_in_spec:?}"
    );
}

/// What is wrong with `body` by the spec's `schema` (its `$ref`s inlined), after `errata`.
fn body_errors(
    spec: &Value,
    schema: &Value,
    body: &Value,
    errata: impl FnOnce(&mut Value),
) -> Vec<String> {
    let mut schema = inline_refs(spec, schema, 0);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
    }
    errata(&mut schema);
    jsonschema::validator_for(&schema)
        .unwrap()
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn matches_template(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| a.starts_with('{') || a == b)
}

/// The schema with `$ref`s replaced by their targets (the validator sees no components).
fn inline_refs(spec: &Value, schema: &Value, depth: usize) -> Value {
    if depth > 20 {
        return json!({});
    }
    match schema {
        Value::Object(map) if map.contains_key("$ref") => {
            inline_refs(spec, resolve(spec, schema), depth + 1)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), inline_refs(spec, v, depth + 1)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| inline_refs(spec, v, depth + 1))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The request vectors that build, as (platform, request).
fn built_requests(platform: Platform) -> Vec<(String, wanumbers::api::HttpRequest)> {
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/http_requests.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let op = match platform {
        Platform::Zernio => "zernio_request",
        Platform::Graph => "graph_request",
    };
    vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["input"]["op"] == op && c["expect"].get("ok").is_some())
        .map(|c| {
            let input = &c["input"];
            let (name, args) = (input["operation"].as_str().unwrap(), input["args"].clone());
            let request = match platform {
                Platform::Zernio => dispatch::zernio_request(
                    &serde_json::from_value::<Config>(input["config"].clone()).unwrap(),
                    name,
                    args,
                ),
                Platform::Graph => dispatch::graph_request(
                    &serde_json::from_value::<GraphConfig>(input["config"].clone()).unwrap(),
                    name,
                    args,
                ),
            };
            (c["name"].as_str().unwrap().to_owned(), request.unwrap())
        })
        .collect()
}

/// Meta's path of a Graph operation of the table: `/{Version}` and the template with Meta's
/// names for the ids (a health status is read on a phone number's node here).
fn graph_path<'a>(spec: &'a Value, op: &table::OperationSpec) -> Option<&'a str> {
    let template = format!("/{{Version}}{}", op.path)
        .replace("{phoneNumberId}", "{Phone-Number-ID}")
        .replace("{nodeId}", "{Phone-Number-ID}")
        .replace("{wabaId}", "{WABA-ID}");
    let method = op.method.as_str().to_ascii_lowercase();
    spec["paths"]
        .as_object()
        .unwrap()
        .get_key_value(&template)
        .filter(|(_, ops)| ops.get(&method).is_some())
        .map(|(p, _)| p.as_str())
}

#[test]
fn every_graph_operation_is_in_metas_spec_and_every_body_we_build_validates() {
    let Some(spec) = graph_spec() else { return };
    for op in Platform::Graph.specs() {
        let path = graph_path(&spec, op).unwrap_or_else(|| {
            panic!(
                "{} {} ({}) is not in Meta's spec",
                op.method.as_str(),
                op.path,
                op.name
            )
        });
        let method = op.method.as_str().to_ascii_lowercase();
        assert_eq!(
            spec["paths"][path][method.as_str()]["operationId"],
            json!(op.operation_id),
            "{} {path}",
            op.name
        );
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, request) in built_requests(Platform::Graph) {
        let Some(body) = request.json_body() else {
            continue;
        };
        let op = wire::route(Platform::Graph, &request).unwrap().operation;
        let path = graph_path(&spec, op).unwrap();
        let method = op.method.as_str().to_ascii_lowercase();
        let schema = spec["paths"][path][method.as_str()]
            .pointer("/requestBody/content/application~1json/schema")
            .unwrap_or_else(|| panic!("{name}: Meta's spec has no JSON body for {method} {path}"));
        checked += 1;
        // Meta's errata, per reference meta.md: Graph takes 4 ice breakers (error #105 says
        // "at most 4 elements"); the OpenAPI document says 3.
        let errors = body_errors(&spec, schema, &body, |schema| {
            if let Some(max) = schema.pointer_mut("/properties/prompts/maxItems") {
                *max = json!(4);
            }
        });
        if !errors.is_empty() {
            failures.push(format!("{name}: {method} {path}: {}", errors.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} Graph request bodies do not match Meta's spec:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 5, "only {checked} Graph request bodies checked");
}
