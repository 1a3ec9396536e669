//! `sandbox`: `Sandbox::handle` on any sequence of requests, Zernio's, Graph's and the
//! controls'. It answers every one (never panics), with a status from 200 to 599, and its
//! state keeps its invariants: every number sold once (no phone number on two records), every
//! purchase intent pointing at a number of its account, and the account's invoice (priced from
//! the sandbox's own history) adding up, no number charged more than its monthly price.
//!
//! Input: requests, one per line; each is one byte (low 3 bits: the method; bit 3: send
//! the bearer key `sk_fuzz`, bit 4: the key `sk_fuzz_2`; bit 5: let a day pass first; bit 6:
//! a control by name instead, `Sandbox::control(path, body as JSON)`, which answers a value or
//! an error, never a panic), then the path and query, then a NUL and the body. Restoring a
//! snapshot is left out: a snapshot is the user's state, taken as given.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wanumbers::Timestamp;
use wanumbers::api::{HttpRequest, Method};
use wanumbers::sandbox::Sandbox;

const METHODS: [Method; 5] = [
    Method::Get,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
];

fuzz_target!(|data: &[u8]| {
    let sandbox = Sandbox::new(1);
    let mut now = 1_796_112_000_i64; // 2026-12-01T00:00:00Z
    for record in data.split(|&b| b == b'\n').filter(|r| !r.is_empty()).take(32) {
        let Some((&first, rest)) = record.split_first() else {
            continue;
        };
        if first & 0x20 != 0 {
            now += 86_400;
        }
        let (path, body) = match rest.iter().position(|&b| b == 0) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        if path.contains("restore") {
            continue;
        }
        if first & 0x40 != 0 {
            let args: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let Ok(at) = Timestamp::from_unix_seconds(now) else {
                return;
            };
            let _ = sandbox.control(path, &args, at);
            continue;
        }
        let mut headers = Vec::new();
        if first & 0x08 != 0 {
            headers.push(("authorization".to_owned(), "Bearer sk_fuzz".to_owned()));
        } else if first & 0x10 != 0 {
            headers.push(("authorization".to_owned(), "Bearer sk_fuzz_2".to_owned()));
        }
        let request = HttpRequest {
            method: METHODS[usize::from(first & 7) % METHODS.len()],
            url: format!("https://zernio.com{path}"),
            headers,
            body: body.to_vec(),
        };
        let Ok(at) = Timestamp::from_unix_seconds(now) else {
            return;
        };
        let handled = sandbox.handle(&request, at);
        assert!((200..600).contains(&handled.response.status));
    }
    let snapshot = sandbox.snapshot().expect("the state writes");
    let mut sold = BTreeSet::new();
    for tenant in snapshot["tenants"].as_object().into_iter().flat_map(|t| t.values()) {
        let ids: BTreeSet<&str> = tenant["numbers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["record"]["_id"].as_str())
            .collect();
        for number in tenant["numbers"].as_array().into_iter().flatten() {
            if number["record"]["status"] == "released" {
                continue; // back in stock: it may be sold again
            }
            if let Some(e164) = number["record"]["phoneNumber"].as_str() {
                assert!(sold.insert(e164.to_owned()), "{e164} sold twice");
            }
        }
        for id in tenant["intents"].as_object().into_iter().flat_map(|i| i.values()) {
            assert!(ids.contains(id.as_str().unwrap_or_default()), "an intent without its number");
        }
    }
    // The account's December: its lines add up, none above a month's price.
    let request = HttpRequest {
        method: Method::Get,
        url: "https://zernio.com/_sandbox/invoice?start=2026-12-01&end=2027-01-01".into(),
        headers: vec![("authorization".into(), "Bearer sk_fuzz".into())],
        body: Vec::new(),
    };
    let Ok(at) = Timestamp::from_unix_seconds(now) else {
        return;
    };
    let response = sandbox.handle(&request, at).response;
    assert_eq!(response.status, 200);
    let invoice: Value = serde_json::from_slice(&response.body).expect("an invoice");
    let lines = invoice["lines"].as_array().cloned().unwrap_or_default();
    let sum: u64 = lines.iter().filter_map(|l| l["amountCents"].as_u64()).sum();
    assert_eq!(Some(sum), invoice["totalCents"].as_u64());
    for line in &lines {
        assert!(line["amountCents"].as_u64() <= line["monthlyCents"].as_u64(), "{line}");
    }
});
