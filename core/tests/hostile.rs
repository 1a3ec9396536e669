//! The hostile corpus (`tests/hostile/values.json`) through the Rust API. Rust's types rule out
//! a number where text is expected, so each hostile value goes to every public function taking
//! what it is: text to every `&str`, bytes to every `&[u8]`, any JSON value (nested 100,000
//! levels deep, built by hand as a Rust caller could) to every function taking a model or
//! `serde_json::Value`. Nothing may panic, overflow the stack or hang: each call returns a value
//! or a wanumbers error. Python and Node run the same corpus through their own APIs.
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
use wanumbers::api::dispatch::{self, Platform};
use wanumbers::api::{Config, GraphConfig, HttpResponse};
use wanumbers::kyc::{self, KycForm, KycSubmission, Lang};
use wanumbers::pricing::{self, FleetNumber};
use wanumbers::status::{NumberEvent, NumberStatus};
use wanumbers::{Catalog, CountryCode, Date, Timestamp, phone, webhook};

/// A hostile value as Rust can hold it. JSON values are kept as their description and built
/// anew for each call: `Value`'s own `clone`, `Display` and `drop` recurse, so a caller's
/// 100,000-level value must never be cloned or printed here.
enum Hostile {
    Text(String),
    Bytes(Vec<u8>),
    Json(Value),
    Nest { list: bool, depth: u64, leaf: Value },
}

impl Hostile {
    fn json(&self) -> Option<Value> {
        match self {
            Hostile::Json(v) => Some(v.clone()),
            Hostile::Nest { list, depth, leaf } => {
                let mut v = leaf.clone();
                for _ in 0..*depth {
                    v = if *list {
                        Value::Array(vec![v])
                    } else {
                        // Not `json!`: it serializes (recursively) a value it is given.
                        let mut map = serde_json::Map::new();
                        map.insert("a".into(), v);
                        Value::Object(map)
                    };
                }
                Some(v)
            }
            _ => None,
        }
    }
}

/// Drops a value without recursion.
fn dismantle(v: Value) {
    let mut parts = vec![v];
    while let Some(v) = parts.pop() {
        match v {
            Value::Array(items) => parts.extend(items),
            Value::Object(map) => parts.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn corpus() -> Vec<(String, Hostile)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile/values.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the hostile corpus is required)", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for entry in doc["values"].as_array().unwrap() {
        let name = entry["name"].as_str().unwrap().to_owned();
        if entry["languages"]
            .as_array()
            .is_some_and(|l| !l.iter().any(|x| x == "rust"))
        {
            continue;
        }
        if let Some(value) = build(&entry["value"]) {
            out.push((name, value));
        }
    }
    assert!(out.len() > 20, "the corpus lost its values");
    out
}

/// A description as a Rust value; `None` for what Rust cannot hold (an opaque object, NaN).
fn build(value: &Value) -> Option<Hostile> {
    let Some((key, arg)) = value
        .as_object()
        .filter(|m| m.len() == 1)
        .and_then(|m| m.iter().next())
        .filter(|(k, _)| k.starts_with('$'))
    else {
        return Some(match value {
            Value::String(s) => Hostile::Text(s.clone()),
            other => Hostile::Json(other.clone()),
        });
    };
    Some(match key.as_str() {
        "$repeat" => Hostile::Text(
            arg[0]
                .as_str()?
                .repeat(usize::try_from(arg[1].as_u64()?).ok()?),
        ),
        // Rust text is UTF-8: a lone surrogate can only arrive replaced.
        "$utf16" => Hostile::Text(String::from_utf16_lossy(
            &arg.as_array()?
                .iter()
                .map(|u| u16::try_from(u.as_u64().unwrap_or(0)).unwrap_or(0))
                .collect::<Vec<_>>(),
        )),
        "$base64" => Hostile::Bytes(
            base64::engine::general_purpose::STANDARD
                .decode(arg.as_str()?)
                .ok()?,
        ),
        "$int" => Hostile::Json(
            arg.as_str()?
                .parse::<serde_json::Number>()
                .ok()
                .map(Value::Number)?,
        ),
        "$nest" => Hostile::Nest {
            list: arg["kind"] == "list",
            depth: arg["depth"].as_u64()?,
            leaf: arg["leaf"].clone(),
        },
        _ => return None,
    })
}

fn text_calls(t: &str) {
    let _ = phone::parse(t, None);
    let _ = phone::parse(t, Some("GB"));
    let _ = phone::parse("+447400123456", Some(t));
    let _ = phone::parse_in_region(t, "GB");
    let _ = phone::check(t, Some("GB"));
    let _ = phone::check_many(&[t, "+447400123456"], None);
    let _ = CountryCode::parse(t);
    let _ = CountryCode::normalize(t);
    let _ = wanumbers::is_country_code(t);
    let _ = wanumbers::country_name(t);
    let _ = Catalog::offline().get(t);
    let _ = Catalog::from_json(t);
    let _ = Date::parse(t);
    let _ = Timestamp::parse(t);
    let _ = NumberStatus::parse(t);
    let _ = NumberEvent::parse(t);
    let _ = NumberEvent::from_webhook(t);
    let _ = pricing::quote(&Catalog::offline(), t, 1, None);
    let _ = webhook::verify_zernio_signature(t.as_bytes(), b"{}", Some(t));
    let _ = webhook::verify_meta_signature(b"s", t.as_bytes(), Some(t));
    let _ = webhook::meta_challenge(Some(t), Some(t), Some(t), t);
    let _ = webhook::parse_zernio_webhook(t.as_bytes());
    let _ = webhook::parse_meta_webhook(t.as_bytes());
    let _ = dispatch::zernio_request(&Config::new(t).with_base_url(t), t, json!({}));
    let _ = dispatch::zernio_request(&Config::new("k"), "get_number", json!({ "id": t }));
    let _ = dispatch::graph_request(
        &GraphConfig::new(t).with_version(t),
        "get_phone_number",
        json!({"phoneNumberId": t}),
    );
    let _ = dispatch::zernio_parse(t, json!({}), &HttpResponse::new(200, t));
    let _ = dispatch::zernio_parse("list_countries", json!({}), &HttpResponse::new(500, t));
    let _ = dispatch::graph_parse(
        "get_phone_number",
        json!({"phoneNumberId": "1"}),
        &HttpResponse::new(400, t),
    );
    let _ = Platform::parse(t);
    let _ = wanumbers::PhoneFormat::parse(t);
}

fn bytes_calls(b: &[u8]) {
    let _ = kyc::sniff_document(b);
    let _ = kyc::combine_id_sides(b, b);
    let _ = kyc::encode_document(b);
    let _ = webhook::verify_zernio_signature(b, b, None);
    let _ = webhook::parse_zernio_webhook(b);
    let _ = webhook::parse_meta_webhook(b);
    let _ = dispatch::zernio_parse(
        "list_countries",
        json!({}),
        &HttpResponse::new(200, b.to_vec()),
    );
}

fn json_calls(h: &Hostile) {
    let v = || h.json().unwrap_or(Value::Null);
    let _ = wanumbers::error::from_value::<KycSubmission>(v());
    let _ = wanumbers::error::from_value::<KycForm>(v());
    let _ = wanumbers::error::from_value::<Vec<FleetNumber>>(v());
    let _ = Catalog::from_value(v());
    let _ = dispatch::zernio_request(&Config::new("k"), "purchase", v());
    let _ = dispatch::zernio_request(&Config::new("k"), "nope", v());
    let _ = dispatch::zernio_parse("list_countries", v(), &HttpResponse::new(200, "{}"));
    let _ = dispatch::graph_next_page("list_phone_numbers", v(), v());
    let _ = dispatch::zernio_next_page("list_countries", v(), v());
    let _ = Platform::Zernio.request(v(), "list_countries", v());
    let form: KycForm =
        wanumbers::error::from_value(json!({"country": "GB", "fields": []})).unwrap();
    let value = v();
    let mut submission = json!({"country": "GB", "values": {}});
    submission["values"]["x"] = value;
    let _ = wanumbers::error::from_value::<KycSubmission>(submission).map(|sub| {
        kyc::validate_submission(
            &form,
            &sub,
            None,
            Date::parse("2026-03-01").unwrap(),
            Lang::Es,
        )
    });
}

#[test]
fn every_hostile_value_gives_a_value_or_an_error() {
    for (name, value) in corpus() {
        let started = std::time::Instant::now();
        match &value {
            Hostile::Text(t) => {
                text_calls(t);
                bytes_calls(t.as_bytes());
            }
            Hostile::Bytes(b) => bytes_calls(b),
            Hostile::Json(_) | Hostile::Nest { .. } => json_calls(&value),
        }
        let took = started.elapsed();
        assert!(took.as_secs() < 30, "{name} took {took:?}");
    }
}

#[test]
fn a_value_nested_past_max_depth_is_input_too_deep_everywhere() {
    let deep = || {
        Hostile::Nest {
            list: true,
            depth: 100_000,
            leaf: json!(1),
        }
        .json()
        .unwrap()
    };
    let code = |r: Result<(), wanumbers::Error>| r.unwrap_err().code().as_str();
    assert_eq!(
        code(wanumbers::error::from_value::<KycSubmission>(deep()).map(|_| ())),
        "input_too_deep"
    );
    assert_eq!(
        code(dispatch::zernio_request(&Config::new("k"), "nope", deep()).map(|_| ())),
        "input_too_deep"
    );
    assert_eq!(
        code(dispatch::graph_next_page("list_phone_numbers", json!({}), deep()).map(|_| ())),
        "input_too_deep"
    );
    assert_eq!(
        code(Catalog::from_value(deep()).map(|_| ())),
        "input_too_deep"
    );
    dismantle(deep());
}
