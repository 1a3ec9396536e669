//! What the OpenAPI tests share: the two specs (the reference copies in `../shared/reference`,
//! or the files `WANUMBERS_SPEC` / `WANUMBERS_GRAPH_SPEC` name), the table's routes in them,
//! samples of their schemas and a validator. A missing spec fails the test that needs it.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde_json::{Map, Value, json};
use wanumbers::api::table::{self, Platform};
use wanumbers::api::{Config, GraphConfig, dispatch};

pub fn spec() -> Value {
    load(
        "WANUMBERS_SPEC",
        "zernio-spec/openapi-2026-08-22-phone-numbers-subset.yaml",
    )
}

/// Meta's own OpenAPI for the WhatsApp Business Platform, the Graph oracle.
pub fn graph_spec() -> Value {
    load(
        "WANUMBERS_GRAPH_SPEC",
        "graph-spec/business-messaging-api_v23.0.yaml",
    )
}

/// The spec at `$variable`, else at `../shared/reference/<reference>`. Missing, the test fails:
/// a conformance test that skips proves nothing.
pub fn load(variable: &str, reference: &str) -> Value {
    let path = std::env::var_os(variable).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/reference")
                .join(reference)
        },
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the OpenAPI spec is needed at {} ({e}); set {variable} to its path",
            path.display()
        )
    });
    serde_yaml::from_str(&text).unwrap()
}

/// Operations the spec subset does not describe (reference zernio.md §2, §3): the current
/// request-code path is newer than it, the legacy verify older, and claims and stock watches
/// are documented only by the SDKs ([C][D]).
pub const OUTSIDE_SPEC: [&str; 6] = [
    "get_claim",
    "request_whatsapp_code",
    "verify_whatsapp_code",
    "create_stock_watch",
    "list_stock_watches",
    "delete_stock_watch",
];

/// The spec's (method, path, operationId) of every Zernio operation of the table, canonical
/// and legacy paths, found by the shape of the template (`{id}` fits `{phoneNumberId}`). The
/// table is the only list: an operation it adds is checked here without editing this file.
pub fn routes(spec: &Value) -> Vec<(String, String, &'static table::OperationSpec)> {
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
pub fn same_shape(a: &str, b: &str) -> bool {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    x.len() == y.len()
        && x.iter()
            .zip(&y)
            .all(|(p, q)| p == q || (p.starts_with('{') && q.starts_with('{')))
}

/// Parser arguments per operation (the parsers only need well-formed arguments).
pub fn args(op: &str) -> Value {
    let form = json!({"country": "GB", "fields": []});
    match op {
        "check_availability" | "get_kyc_form" | "create_stock_watch" => json!({"country": "GB"}),
        "purchase" => json!({"profileId": "p"}),
        "get_number"
        | "release_number"
        | "get_remediation"
        | "reply_to_reviewer"
        | "respond_to_reviewer"
        | "delete_stock_watch" => json!({"id": "x"}),
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
        "get_claim" => json!({"claimId": "c"}),
        "view_kyc_document" => json!({"documentId": "d"}),
        "review_kyc_packet" => json!({"country": "GB", "numberType": "mobile", "docs": []}),
        "get_call_permissions" | "estimate_call" => {
            json!({"accountId": "acc_1", "to": "+447400123456"})
        }
        "get_calling_config" | "list_calls" => json!({"accountId": "acc_1"}),
        "get_call" | "get_call_recording" => json!({"id": "c1", "accountId": "acc_1"}),
        "get_whatsapp_calling"
        | "start_caller_id_verification"
        | "enable_voice"
        | "disable_voice"
        | "enable_sms"
        | "disable_sms"
        | "reuse_sms_registration" => json!({"id": "n1"}),
        "verify_caller_id" => json!({"id": "n1", "code": "123456"}),
        "enable_whatsapp_calling" => {
            json!({"id": "x", "accountId": "a", "forwardTo": "tel:+447400123456"})
        }
        "update_whatsapp_calling" | "disable_whatsapp_calling" => {
            json!({"id": "x", "accountId": "a"})
        }
        "create_webhook_settings" => {
            json!({"name": "n", "url": "https://example.com/x", "events": ["post.failed"]})
        }
        "update_webhook_settings" | "delete_webhook_settings" => {
            json!({"id": "507f1f77bcf86cd799439011"})
        }
        "test_webhook" => json!({"webhookId": "507f1f77bcf86cd799439011"}),
        _ => json!({}),
    }
}

pub fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
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
pub fn samples(spec: &Value, schema: &Value) -> Vec<Value> {
    let schema = resolve(spec, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            return branches.iter().map(|b| sample(spec, b, 0)).collect();
        }
    }
    vec![sample(spec, schema, 0)]
}

pub fn sample(spec: &Value, schema: &Value, depth: usize) -> Value {
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

/// What is wrong with `body` by the spec's `schema` (its `$ref`s inlined), after `errata`.
pub fn body_errors(
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

pub fn matches_template(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| a.starts_with('{') || a == b)
}

/// The schema with `$ref`s replaced by their targets (the validator sees no components).
pub fn inline_refs(spec: &Value, schema: &Value, depth: usize) -> Value {
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
pub fn built_requests(platform: Platform) -> Vec<(String, wanumbers::api::HttpRequest)> {
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
/// Graph operations that reference meta.md names but Meta's v23 OpenAPI document does not
/// have, each with why (the vectors are their oracle). When Meta's document gains one, the
/// conformance test fails until it is taken off this list.
pub const NOT_IN_METAS_SPEC: &[(&str, &str)] = &[(
    "unshare_preverified_numbers",
    "meta.md §2.8 (Meta's codegen specs): DELETE /{BUSINESS_ID}/share_preverified_numbers",
)];

pub fn graph_path<'a>(spec: &'a Value, op: &table::OperationSpec) -> Option<&'a str> {
    let template = format!("/{{Version}}{}", op.path)
        .replace("{phoneNumberId}", "{Phone-Number-ID}")
        .replace("{nodeId}", "{Phone-Number-ID}")
        .replace("{wabaId}", "{WABA-ID}")
        .replace("{preverifiedId}", "{Pre-Verified-Phone-Number-ID}")
        .replace("{businessId}", "{Business-ID}");
    let method = op.method.as_str().to_ascii_lowercase();
    spec["paths"]
        .as_object()
        .unwrap()
        .get_key_value(&template)
        .filter(|(_, ops)| ops.get(&method).is_some())
        .map(|(p, _)| p.as_str())
}
