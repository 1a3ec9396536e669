//! `route`: `api::wire::route` on any request, Zernio's or Graph's: the router of the coming
//! sandbox reads requests from anyone. It returns an operation and its arguments or an error
//! from the vocabulary, never panics; what it routes builds again (when the arguments pass the
//! operation's checks), and that request routes to the same operation.
//!
//! Input: one byte (its low 3 bits pick the method, its top bit the platform), then the URL,
//! then a NUL and the body.
#![no_main]
// Test code: writes its inputs with `json!` (clippy.toml keeps it out of product code).
#![allow(clippy::disallowed_macros)]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use wanumbers::api::dispatch::Platform;
use wanumbers::api::{HttpRequest, Method, wire};

const METHODS: [Method; 5] = [
    Method::Get,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let method = METHODS[usize::from(first & 7) % METHODS.len()];
    let platform = if first & 0x80 == 0 {
        Platform::Zernio
    } else {
        Platform::Graph
    };
    let (url, body) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(url) = std::str::from_utf8(url) else {
        return;
    };
    let request = HttpRequest {
        method,
        url: url.to_owned(),
        headers: vec![],
        body: body.to_vec(),
    };
    let routed = match wire::route(platform, &request) {
        Ok(routed) => routed,
        Err(e) => {
            let code = e.code().as_str();
            assert!(
                matches!(
                    code,
                    "operation_unknown" | "argument_invalid" | "argument_unknown" | "json_invalid"
                ),
                "{code}"
            );
            return;
        }
    };
    assert_eq!(routed.operation.platform, platform);
    let config = match platform {
        Platform::Zernio => json!({"apiKey": "sk_test", "baseUrl": "https://zernio.com/api"}),
        Platform::Graph => json!({"accessToken": "EAAG"}),
    };
    let name = routed.operation.name;
    let Ok(again) = platform.request(config, name, Value::Object(routed.args)) else {
        return; // the arguments did not pass the operation's checks: nothing is sent
    };
    let back = wire::route(platform, &again).expect("a request the core built routes");
    // Graph's node reads differ only by `fields`: a read of exactly `fields=health_status`
    // is that operation.
    if name != "get_phone_number" {
        assert_eq!(back.operation.name, name);
    }
});
