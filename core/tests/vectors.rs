//! Runs every case of `tests/vectors/*.json` through the public Rust API and reports every
//! failure at once. Python and JavaScript run the same files through their own APIs.
//!
//! Matching rule (the same in every harness): `expect.ok` must equal the result, except that an
//! expected object only constrains the keys it lists (recursively); arrays must have the same
//! length. `expect.error.code` must equal the error code, and `expect.error.details`, when
//! given, is matched like an object.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_macros
)]

use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{Value, json};
use wanumbers::api::{Config, GraphConfig, HttpRequest, HttpResponse, dispatch, zernio};
use wanumbers::kyc::{
    self, Availability, KycForm, KycSubmission, Lang, RemediationForm, RemediationSubmission,
};
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{self, NumberEvent, NumberStatus};
use wanumbers::webhook;
use wanumbers::{Catalog, CountryCode, Date, Error, NumberType, PhoneFormat, Timestamp, phone};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("vectors")
}

fn load_suites() -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let doc: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), doc)
        })
        .collect()
}

type Outcome = Result<Value, Error>;

fn s<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key]
        .as_str()
        .unwrap_or_else(|| panic!("input.{key} must be a string"))
}

fn opt_s<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

fn u(input: &Value, key: &str) -> u64 {
    input[key]
        .as_u64()
        .unwrap_or_else(|| panic!("input.{key} must be a non-negative integer"))
}

fn to_value<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Decodes a model the way the bindings do; a malformed model is a JSON error, not a panic.
fn model<T: wanumbers::Decode>(value: &Value) -> Result<T, Error> {
    wanumbers::error::from_value(value.clone())
}

fn catalog(input: &Value) -> Result<Catalog, Error> {
    match opt_s(input, "json") {
        Some(json) => Catalog::from_json(json),
        None => Ok(Catalog::offline()),
    }
}

/// `{"$repeat": [text, count]}` stands for `text` repeated `count` times (large inputs).
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(map) => match map.get("$repeat").and_then(Value::as_array) {
            Some(args) if map.len() == 1 => {
                let text = args[0].as_str().unwrap();
                Value::String(text.repeat(usize::try_from(args[1].as_u64().unwrap()).unwrap()))
            }
            _ => Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        },
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

fn bytes(input: &Value, key: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s(input, key))
        .unwrap()
}

fn today(input: &Value) -> Result<Date, Error> {
    Date::parse(s(input, "today"))
}

/// A request as the vectors write it: headers sorted, body parsed (JSON) or `{base64}`.
fn normalize_request(request: &HttpRequest) -> Value {
    let mut headers: Vec<(String, String)> = request.headers.clone();
    headers.sort();
    let body = if request.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&request.body).unwrap_or_else(
            |_| json!({"base64": base64::engine::general_purpose::STANDARD.encode(&request.body)}),
        )
    };
    json!({"method": request.method.as_str(), "url": request.url, "headers": headers, "body": body})
}

fn response(input: &Value) -> HttpResponse {
    let r = &input["response"];
    HttpResponse {
        status: u16::try_from(r["status"].as_u64().unwrap()).unwrap(),
        headers: serde_json::from_value(r["headers"].clone()).unwrap_or_default(),
        body: r["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

#[allow(clippy::too_many_lines)] // one dispatch table: an arm per op
fn run(input: &Value) -> Outcome {
    let op = s(input, "op");
    match op {
        // phone
        "normalize_phone" => {
            phone::normalize(s(input, "raw"), opt_s(input, "region")).map(to_value)
        }
        "normalize_phone_in_region" => {
            phone::parse_in_region(s(input, "raw"), s(input, "region")).map(to_value)
        }
        "check_phone" => phone::check(s(input, "raw"), opt_s(input, "region")).map(to_value),
        "check_phones" => {
            let raws: Vec<String> = serde_json::from_value(input["raws"].clone()).unwrap();
            phone::check_many(&raws, opt_s(input, "region")).map(to_value)
        }
        "format_phone" => {
            let format: PhoneFormat = serde_json::from_value(input["format"].clone()).unwrap();
            phone::parse(s(input, "raw"), opt_s(input, "region"))
                .map(|n| to_value(n.format(format)))
        }
        "example_phone" => NumberType::parse(s(input, "type")).and_then(|kind| {
            let format: PhoneFormat = serde_json::from_value(input["format"].clone()).unwrap();
            phone::example(s(input, "region"), kind).map(|n| to_value(n.map(|n| n.format(format))))
        }),
        // country
        "is_country_code" => Ok(json!(wanumbers::is_country_code(s(input, "code")))),
        "country_name" => Ok(json!(wanumbers::country_name(s(input, "code")))),
        "country_info" => CountryCode::parse(s(input, "code")).map(|c| to_value(c.info())),
        "normalize_country_code" => CountryCode::normalize(s(input, "code")).map(to_value),
        "countries" => catalog(input).map(|c| to_value(c.countries())),
        "catalog_get" => catalog(input).and_then(|c| c.get(s(input, "code")).map(to_value)),
        // pricing
        "prorate_cents" => pricing::prorate_cents(
            u(input, "monthlyCents"),
            u32::try_from(u(input, "activeDays")).unwrap(),
            u32::try_from(u(input, "daysInMonth")).unwrap(),
        )
        .map(to_value),
        "days_in_month" => pricing::days_in_month(
            i32::try_from(input["year"].as_i64().unwrap()).unwrap(),
            u8::try_from(u(input, "month")).unwrap_or(0),
        )
        .map(to_value),
        "invoice" => {
            let numbers: Vec<FleetNumber> = model(&input["numbers"])?;
            let start = Date::parse(s(input, "start"))?;
            let end = Date::parse(s(input, "end"))?;
            pricing::invoice(&numbers, start, end).map(to_value)
        }
        "run_rate" => {
            let numbers: Vec<FleetNumber> = model(&input["numbers"])?;
            pricing::run_rate(&numbers).map(to_value)
        }
        "quote" => {
            let start = opt_s(input, "start").map(Date::parse).transpose()?;
            let quantity = u32::try_from(u(input, "quantity")).unwrap();
            pricing::quote(&catalog(input)?, s(input, "country"), quantity, start).map(to_value)
        }
        "format_usd" => Ok(json!(pricing::format_usd(u(input, "cents")))),
        "format_monthly" => Ok(json!(pricing::format_monthly(u(input, "cents")))),
        // status
        "next_status" => {
            let from = NumberStatus::from(s(input, "status"));
            let event = NumberEvent::parse(s(input, "event"))?;
            status::next(&from, event).map(to_value)
        }
        "allowed_actions" => Ok(to_value(status::allowed_actions(&NumberStatus::from(s(
            input, "status",
        ))))),
        "parse_status" => NumberStatus::parse(s(input, "status")).map(to_value),
        "webhook_event" => Ok(to_value(NumberEvent::from_webhook(s(input, "name")))),
        "in_list_view" => {
            let view = opt_s(input, "view").map(NumberStatus::from);
            let declined_at = opt_s(input, "declinedAt")
                .map(Timestamp::parse)
                .transpose()?;
            let now = Timestamp::parse(s(input, "now"))?;
            Ok(json!(status::in_list_view(
                view.as_ref(),
                &NumberStatus::from(s(input, "status")),
                declined_at,
                now
            )))
        }
        // kyc
        "validate_kyc" => {
            let form: KycForm = model(&input["form"])?;
            let submission: KycSubmission = model(&input["submission"])?;
            let availability: Option<Availability> =
                input.get("availability").map(model).transpose()?;
            let lang = Lang::parse(s(input, "lang"));
            Ok(to_value(kyc::validate_submission(
                &form,
                &submission,
                availability.as_ref(),
                today(input)?,
                lang,
            )))
        }
        "validate_remediation" => {
            let form: RemediationForm = model(&input["form"])?;
            let submission: RemediationSubmission = model(&input["submission"])?;
            let previous: Option<KycSubmission> = input.get("previous").map(model).transpose()?;
            let lang = Lang::parse(s(input, "lang"));
            Ok(to_value(kyc::validate_remediation(
                &form,
                &submission,
                previous.as_ref(),
                today(input)?,
                lang,
            )))
        }
        "remediation_payload" => {
            let form: RemediationForm = model(&input["form"])?;
            let previous: KycSubmission = model(&input["previous"])?;
            let corrections: RemediationSubmission = model(&input["corrections"])?;
            Ok(to_value(kyc::remediation_payload(
                &form,
                &previous,
                &corrections,
            )))
        }
        "sniff_document" => Ok(to_value(kyc::sniff_document(&bytes(input, "base64")))),
        "check_document_size" => kyc::check_document_size(u(input, "size")).map(to_value),
        "combine_id_sides" => kyc::combine_id_sides(&bytes(input, "front"), &bytes(input, "back"))
            .map(|pdf| to_value(kyc::sniff_document(&pdf))),
        // api
        "zernio_request" => {
            let config: Config = model(&input["config"])?;
            dispatch::zernio_request(&config, s(input, "operation"), input["args"].clone())
                .map(|r| normalize_request(&r))
        }
        "zernio_parse" => dispatch::zernio_parse(
            s(input, "operation"),
            input["args"].clone(),
            &response(input),
        ),
        "graph_request" => {
            let config: GraphConfig = model(&input["config"])?;
            dispatch::graph_request(&config, s(input, "operation"), input["args"].clone())
                .map(|r| normalize_request(&r))
        }
        "graph_parse" => dispatch::graph_parse(
            s(input, "operation"),
            input["args"].clone(),
            &response(input),
        ),
        "graph_next_page" => dispatch::graph_next_page(
            s(input, "operation"),
            input["args"].clone(),
            input["page"].clone(),
        )
        .map(|next| next.unwrap_or(Value::Null)),
        "zernio_next_page" => dispatch::zernio_next_page(
            s(input, "operation"),
            input["args"].clone(),
            input["page"].clone(),
        )
        .map(|next| next.unwrap_or(Value::Null)),
        // webhooks
        "verify_zernio_signature" => webhook::verify_zernio_signature(
            s(input, "secret").as_bytes(),
            s(input, "body").as_bytes(),
            opt_s(input, "header"),
        )
        .map(to_value),
        "verify_meta_signature" => webhook::verify_meta_signature(
            s(input, "appSecret").as_bytes(),
            s(input, "body").as_bytes(),
            opt_s(input, "header"),
        )
        .map(to_value),
        "meta_challenge" => webhook::meta_challenge(
            opt_s(input, "mode"),
            opt_s(input, "token"),
            opt_s(input, "challenge"),
            s(input, "expected"),
        )
        .map(to_value),
        "parse_zernio_webhook" => {
            webhook::parse_zernio_webhook(s(input, "body").as_bytes()).map(to_value)
        }
        "parse_meta_webhook" => {
            webhook::parse_meta_webhook(s(input, "body").as_bytes()).map(to_value)
        }
        "apply_events" => {
            let mut record: webhook::LocalNumber = model(&input["record"])?;
            let mut changed = Vec::new();
            for body in input["events"].as_array().unwrap() {
                let event = webhook::parse_zernio_webhook(body.as_str().unwrap().as_bytes())?;
                let applied = webhook::apply_event(&record, &event)?;
                changed.push(applied.changed);
                record = applied.record;
            }
            Ok(json!({"record": record, "changed": changed}))
        }
        "retry_decision" => {
            let platform = wanumbers::api::dispatch::Platform::parse(s(input, "platform"))?;
            let response = (!input["response"].is_null()).then(|| HttpResponse {
                status: u16::try_from(input["response"]["status"].as_u64().unwrap()).unwrap(),
                headers: serde_json::from_value(input["response"]["headers"].clone()).unwrap(),
                body: Vec::new(),
            });
            let policy = match input.get("policy") {
                Some(p) => model(p)?,
                None => wanumbers::api::retry::RetryPolicy::default(),
            };
            platform
                .retry_decision(
                    s(input, "operation"),
                    &input["args"],
                    u32::try_from(u(input, "attempt")).unwrap(),
                    response.as_ref(),
                    Timestamp::parse(s(input, "now"))?,
                    input["jitter"].as_f64().unwrap(),
                    &policy,
                )
                .map(to_value)
        }
        "purchase_guard" => {
            let last = opt_s(input, "lastPurchaseAt")
                .map(Timestamp::parse)
                .transpose()?;
            let now = Timestamp::parse(s(input, "now"))?;
            Ok(to_value(zernio::purchase_guard(
                last,
                now,
                input["allowMultiple"].as_bool().unwrap(),
            )))
        }
        other => panic!("unknown op {other:?}: add it to every harness"),
    }
}

/// `expected` matches `actual` if equal, where an expected object only constrains its keys.
fn matches(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => matches(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing (expected {ev})")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{path}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{path}[{i}]"), out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn check_case(case: &Value) -> Vec<String> {
    let outcome = run(&expand(&case["input"]));
    let expect = &case["expect"];
    let mut problems = Vec::new();
    match (expect.get("ok"), expect.get("error"), outcome) {
        (Some(ok), None, Ok(actual)) => matches(ok, &actual, "ok", &mut problems),
        (Some(_), None, Err(err)) => problems.push(format!("expected ok, got error {err}")),
        (None, Some(error), Err(err)) => {
            let actual = serde_json::to_value(&err).unwrap();
            matches(error, &actual, "error", &mut problems);
        }
        (None, Some(error), Ok(actual)) => {
            problems.push(format!("expected error {error}, got ok {actual}"));
        }
        _ => problems.push("expect must have exactly one of ok / error".into()),
    }
    problems
}

#[test]
fn every_vector_case_passes() {
    let suites = load_suites();
    assert!(
        suites.len() >= 5,
        "expected the vector files, found {}",
        suites.len()
    );
    let mut failures = Vec::new();
    let mut total = 0;
    for (file, doc) in &suites {
        let cases = doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases array"));
        assert!(!cases.is_empty(), "{file}: no cases");
        assert!(doc["suite"].is_string(), "{file}: no suite name");
        let mut names = std::collections::HashSet::new();
        for case in cases {
            total += 1;
            let name = case["name"].as_str().unwrap_or("<unnamed>");
            if !names.insert(name) {
                failures.push(format!("{file}: duplicate case name {name:?}"));
            }
            for problem in check_case(case) {
                failures.push(format!("{file} / {name}: {problem}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} vector checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{total} vector cases passed");
}

fn cases_of(suite: &str) -> Vec<Value> {
    let (_, doc) = load_suites()
        .into_iter()
        .find(|(_, d)| d["suite"] == suite)
        .unwrap();
    doc["cases"].as_array().unwrap().clone()
}

#[test]
fn status_vectors_list_every_status_event_pair() {
    let cases = cases_of("status");
    let mut missing = Vec::new();
    for status in NumberStatus::KNOWN {
        for event in NumberEvent::ALL {
            let listed = cases.iter().any(|c| {
                c["input"]["op"] == "next_status"
                    && c["input"]["status"] == status.as_str()
                    && c["input"]["event"] == event.as_str()
            });
            if !listed {
                missing.push(format!("{status} + {}", event.as_str()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "status.json lacks these pairs:\n{}",
        missing.join("\n")
    );
}

#[test]
fn phone_vectors_cover_every_code_and_every_catalog_country() {
    let cases = cases_of("phone");
    assert!(
        cases.len() >= 80,
        "phone.json has {} cases; the floor is 80",
        cases.len()
    );
    let text = serde_json::to_string(&cases).unwrap();
    for code in wanumbers::ErrorCode::ALL
        .iter()
        .filter(|c| c.kind() == wanumbers::ErrorKind::Phone)
    {
        assert!(
            text.contains(&format!("\"{}\"", code.as_str())),
            "no phone case expects {code}"
        );
    }
    for country in Catalog::offline().countries() {
        for kind in ["is valid in its region", "is rejected as"] {
            let prefix = format!("{}: ", country.code);
            assert!(
                cases.iter().any(|c| {
                    let name = c["name"].as_str().unwrap();
                    name.starts_with(&prefix) && name.contains(kind)
                }),
                "phone.json has no case for {} that {kind}",
                country.code
            );
        }
    }
}

/// Codes no vector can reach, with the reason; everything else must appear in some vector.
const NOT_IN_VECTORS: &[(&str, &str)] = &[
    (
        "pricing_overflow",
        "needs amounts above 2^53, which JSON numbers cannot carry exactly into JavaScript; \
         covered by the property test totals_past_u64_are_an_error_not_a_panic",
    ),
    (
        "argument_type",
        "raised where a binding reads a host value of the wrong type (a number for a string); \
         Rust's types rule it out, so it is covered by the hostile corpus in Python and JS \
         (tests/hostile)",
    ),
    (
        "transport_failed",
        "raised by the host's transport, not by a request or a response; covered by the \
         client tests (core/tests/client.rs)",
    ),
];

#[test]
fn every_error_code_appears_in_the_vectors() {
    let all: String = load_suites()
        .iter()
        .map(|(_, doc)| doc.to_string())
        .collect();
    let missing: Vec<&str> = wanumbers::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| !NOT_IN_VECTORS.iter().any(|(c, _)| c == code))
        .filter(|code| !all.contains(&format!("\"code\":\"{code}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "no vector expects these codes: {missing:?}"
    );
}
