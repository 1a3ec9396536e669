//! `api_request`: every request builder (`dispatch::zernio_request` / `dispatch::graph_request`)
//! with arbitrary JSON arguments and base URLs. What is built must stay on the configured host,
//! carry no injectable bytes (CR, LF, controls) in its URL or headers, have no dot segment in
//! its path, and never show the API key (in the URL, the body, `Debug`, or an error).
//!
//! Input: the operation name on the first line (an unknown name goes to both APIs), the base
//! URL on the second (empty: the default), then the arguments as JSON text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wanumbers::Error;
use wanumbers::api::dispatch::{self, GRAPH_OPERATIONS, ZERNIO_OPERATIONS};
use wanumbers::api::{Config, GraphConfig, HttpRequest};
use wanumbers_fuzz::{first_line, text};

const API_KEY: &str = "sk_test_fuzzKEYq9v";
const ACCESS_TOKEN: &str = "EAAfuzzTOKENq9v";

fuzz_target!(|data: &[u8]| {
    let (op, rest) = first_line(data);
    let (base, args) = first_line(rest);
    let (Some(op), Some(base)) = (text(op), text(base)) else {
        return;
    };
    let op = op.trim();
    let Ok(args) = serde_json::from_slice::<Value>(args) else {
        return;
    };
    // The secrets can only leak if the input does not already hold them.
    let secrets_in_input = data.windows(6).any(|w| w == b"fuzzKE" || w == b"fuzzTO");
    let zernio = ZERNIO_OPERATIONS.contains(&op);
    let graph = GRAPH_OPERATIONS.contains(&op);
    if zernio || !graph {
        let mut config = Config::new(API_KEY);
        if !base.is_empty() {
            config = config.with_base_url(base);
        }
        let legacy = config.clone().with_legacy_paths();
        for config in [config, legacy] {
            let result = dispatch::zernio_request(&config, op, args.clone());
            check(&config.base_url, API_KEY, secrets_in_input, result);
        }
    }
    if graph || !zernio {
        let mut config = GraphConfig::new(ACCESS_TOKEN);
        if !base.is_empty() {
            config.base_url = base.to_owned();
        }
        let result = dispatch::graph_request(&config, op, args);
        check(&config.base_url, ACCESS_TOKEN, secrets_in_input, result);
    }
});

/// `https://host:port` of a URL, lowercased.
fn authority(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://").unwrap_or(("", lower.as_str()));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

fn check(base: &str, secret: &str, secrets_in_input: bool, result: Result<HttpRequest, Error>) {
    match result {
        Ok(request) => {
            let url = &request.url;
            assert_eq!(
                authority(url),
                authority(base),
                "the request left the configured host"
            );
            assert!(
                !url.bytes().any(|b| b <= b' ' || b == 0x7F || b == b'#'),
                "URL with a space, control byte or fragment: {url:?}"
            );
            let path = url.split('?').next().unwrap_or_default();
            let base_path = base.split('?').next().unwrap_or_default();
            let tail = path
                .get(base_path.trim_end_matches('/').len()..)
                .unwrap_or(path);
            assert!(
                !tail.split('/').any(|s| s == "." || s == ".."),
                "dot segment in {url:?}"
            );
            for (name, value) in &request.headers {
                assert!(
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()),
                    "header name {name:?}"
                );
                assert_eq!(
                    name.to_ascii_lowercase(),
                    *name,
                    "header names are lowercase"
                );
                assert!(
                    !value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0),
                    "header {name}: {value:?}"
                );
            }
            assert_eq!(
                request.header("authorization"),
                Some(format!("Bearer {secret}").as_str())
            );
            if request.header("content-type") == Some("application/json") {
                assert!(
                    request.json_body().is_some(),
                    "a JSON request with a body that is not JSON"
                );
            }
            if !secrets_in_input {
                assert!(!url.contains(secret), "the secret is in the URL");
                assert!(
                    !String::from_utf8_lossy(&request.body).contains(secret),
                    "the secret is in the body"
                );
                assert!(
                    !format!("{request:?}").contains(secret),
                    "Debug shows the secret"
                );
            }
        }
        Err(error) => {
            if !secrets_in_input {
                assert!(
                    !format!("{error:?}").contains(secret),
                    "an error carries the secret"
                );
                assert!(
                    !error.to_string().contains(secret),
                    "an error carries the secret"
                );
                let json = serde_json::to_string(&error).unwrap_or_default();
                assert!(!json.contains(secret), "an error carries the secret");
            }
        }
    }
}
