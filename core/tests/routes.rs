//! The table run both ways: every request the request vectors build (their expected values
//! come from the specs and the reference) routes back to its operation with the same
//! arguments, and those arguments build the same request again. Requests that match no
//! operation, or the wrong method, are refused with a clear error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_macros
)]

use std::path::PathBuf;

use serde_json::{Value, json};
use wanumbers::ErrorCode;
use wanumbers::api::table::{self, Body, OPERATIONS, Platform};
use wanumbers::api::{Config, GraphConfig, HttpRequest, Method, dispatch, wire};

fn vectors() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/http_requests.json");
    let text = std::fs::read_to_string(&path).expect("tests/vectors/http_requests.json");
    let suite: Value = serde_json::from_str(&text).unwrap();
    suite["cases"].as_array().unwrap().clone()
}

fn build(
    platform: Platform,
    config: &Value,
    op: &str,
    args: Value,
) -> wanumbers::Result<HttpRequest> {
    match platform {
        Platform::Zernio => dispatch::zernio_request(
            &serde_json::from_value::<Config>(config.clone()).unwrap(),
            op,
            args,
        ),
        Platform::Graph => dispatch::graph_request(
            &serde_json::from_value::<GraphConfig>(config.clone()).unwrap(),
            op,
            args,
        ),
    }
}

#[test]
fn every_built_request_routes_back_to_its_operation_and_arguments() {
    let mut checked = 0;
    let mut operations = std::collections::BTreeSet::new();
    for case in vectors() {
        let input = &case["input"];
        if case["expect"].get("ok").is_none() {
            continue;
        }
        let platform = match input["op"].as_str().unwrap() {
            "zernio_request" => Platform::Zernio,
            "graph_request" => Platform::Graph,
            _ => continue,
        };
        let op = input["operation"].as_str().unwrap();
        let request = build(platform, &input["config"], op, input["args"].clone()).unwrap();
        let routed = wire::route(platform, &request)
            .unwrap_or_else(|e| panic!("{}: not routed: {e:?}", case["name"]));
        assert_eq!(routed.operation.name, op, "{}", case["name"]);
        operations.insert(routed.operation.name);
        checked += 1;
        // The KYC submissions carry the answers, not the form they were checked against.
        if let Body::Arg(arg) = routed.operation.body {
            assert!(routed.args.contains_key(arg), "{}", case["name"]);
            continue;
        }
        let again = build(
            platform,
            &input["config"],
            op,
            Value::Object(routed.args.clone()),
        )
        .unwrap_or_else(|e| panic!("{}: routed arguments do not build: {e:?}", case["name"]));
        assert_eq!(again, request, "{}", case["name"]);
    }
    assert!(checked >= 56, "only {checked} requests routed");
    // Every operation of the table has at least one request vector.
    let missing: Vec<&str> = OPERATIONS
        .iter()
        .map(|s| s.name)
        .filter(|n| !operations.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "operations with no request vector: {missing:?}"
    );
}

fn request(method: Method, url: &str, body: &str) -> HttpRequest {
    HttpRequest {
        method,
        url: url.into(),
        headers: vec![],
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn the_router_refuses_what_no_operation_takes() {
    let z = |method, url: &str| wire::route(Platform::Zernio, &request(method, url, ""));
    let e = z(Method::Get, "https://zernio.com/api/v1/nothing/here").unwrap_err();
    assert_eq!(e.code(), ErrorCode::OperationUnknown);
    let e = z(
        Method::Put,
        "https://zernio.com/api/v1/phone-numbers/countries",
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::OperationUnknown);
    assert_eq!(e.details()["allowed"], json!(["GET"]));
    // Ids never appear in the error.
    let e = z(
        Method::Put,
        "https://zernio.com/api/v1/phone-numbers/n_secret42",
    )
    .unwrap_err();
    assert!(!format!("{e:?}").contains("n_secret42"));
    assert_eq!(e.details()["allowed"], json!(["GET", "DELETE"]));
    // A query parameter the operation does not take: ignored, as the API ignores it, except
    // where the API says it refuses one (`/available`: "nothing is silently ignored").
    let r = z(
        Method::Get,
        "https://zernio.com/api/v1/phone-numbers/countries?x=1",
    )
    .unwrap();
    assert_eq!(r.operation.name, "list_countries");
    assert!(r.args.is_empty());
    let e = z(
        Method::Get,
        "https://zernio.com/api/v1/phone-numbers/available?x=1",
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ArgumentInvalid);
    // Legacy paths route to the same operation; a base URL with a prefix is fine.
    let r = z(
        Method::Get,
        "http://localhost:8080/mock/api/v1/whatsapp/phone-numbers/n1",
    )
    .unwrap();
    assert_eq!(
        (r.operation.name, r.args["id"].as_str()),
        ("get_number", Some("n1"))
    );
}

#[test]
fn graph_operations_sharing_a_path_are_told_apart() {
    let g = |method, url: &str, body: &str| {
        wire::route(Platform::Graph, &request(method, url, body)).map(|r| r.operation.name)
    };
    let base = "https://graph.facebook.com/v25.0/123";
    assert_eq!(
        g(Method::Get, &format!("{base}?fields=health_status"), "").unwrap(),
        "get_health_status"
    );
    assert_eq!(
        g(
            Method::Get,
            &format!("{base}?fields=conversational_automation"),
            ""
        )
        .unwrap(),
        "get_conversational_automation"
    );
    assert_eq!(
        g(Method::Get, &format!("{base}?fields=id,quality_rating"), "").unwrap(),
        "get_phone_number"
    );
    assert_eq!(
        g(Method::Post, base, r#"{"pin":"123456"}"#).unwrap(),
        "set_two_step_pin"
    );
    assert_eq!(
        g(
            Method::Post,
            base,
            r#"{"messaging_product":"whatsapp","new_display_name":"Acme"}"#
        )
        .unwrap(),
        "request_display_name"
    );
    assert!(g(Method::Post, base, r#"{"other":1}"#).is_err());
    // A phone number's OTP calls take the query (Meta's samples), a pre-verified number's a
    // JSON body (Meta's spec): the body tells the two apart.
    assert_eq!(
        g(
            Method::Post,
            &format!("{base}/request_code?code_method=SMS&language=en_US"),
            ""
        )
        .unwrap(),
        "request_code"
    );
    assert_eq!(
        g(
            Method::Post,
            &format!("{base}/request_code"),
            r#"{"code_method":"SMS","language":"en_US"}"#
        )
        .unwrap(),
        "request_preverified_code"
    );
    assert_eq!(
        g(Method::Post, &format!("{base}/verify_code?code=123456"), "").unwrap(),
        "verify_code"
    );
    assert_eq!(
        g(
            Method::Post,
            &format!("{base}/verify_code"),
            r#"{"code":"123456"}"#
        )
        .unwrap(),
        "verify_preverified_code"
    );
    // A pre-verified number's node has the shape of a phone number's: Graph tells them apart
    // by the id alone. `get_preverified_number` always asks for every pre-verified field (a
    // fixed `fields`), which tells its request apart; the same node read with other fields is
    // `get_phone_number` (its fields are open), and cannot be told apart from the request.
    assert_eq!(
        g(
            Method::Get,
            &format!(
                "{base}?fields=id%2Ccountry_prefix%2Cdisplay_phone_number%2Cerror_msg%2Cis_input_id_valid"
            ),
            ""
        )
        .unwrap(),
        "get_preverified_number"
    );
    assert_eq!(
        g(
            Method::Get,
            &format!("{base}?fields=id,is_input_id_valid"),
            ""
        )
        .unwrap(),
        "get_phone_number"
    );
    assert_eq!(g(Method::Get, base, "").unwrap(), "get_phone_number");
    // DELETE on a node is only ever a pre-verified number's.
    assert_eq!(
        g(Method::Delete, base, "").unwrap(),
        "delete_preverified_number"
    );
}

#[test]
fn the_table_is_consistent() {
    for spec in OPERATIONS {
        assert!(
            !spec.operation_id.is_empty() && !spec.summary.is_empty(),
            "{}",
            spec.name
        );
        let signature = dispatch::signature(spec);
        // The type names the generated TypeScript and Python use are plain identifiers.
        for name in [signature.args_type, signature.output_type] {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{}: type name {name:?}",
                spec.name
            );
        }
        let args = dispatch::arg_names(spec);
        assert!(
            !args.is_empty()
                || [
                    "list_countries",
                    "list_webhook_settings",
                    "list_stock_watches"
                ]
                .contains(&spec.name),
            "{}: no arguments",
            spec.name
        );
        // Every parameter the table places names an argument of the operation.
        let placed = spec
            .path_params()
            .chain(spec.query.iter().chain(spec.headers).map(|p| p.arg))
            .chain(match spec.body {
                Body::Arg(a) | Body::Bytes(a) => vec![a],
                Body::Fields(f) => f.iter().map(|p| p.arg).collect(),
                Body::None | Body::Rest => vec![],
            });
        for arg in placed {
            assert!(
                args.contains(&arg),
                "{}: {arg} is not an argument ({args:?})",
                spec.name
            );
        }
        if let Some(legacy) = spec.legacy_path {
            assert_eq!(
                legacy.matches('{').count(),
                spec.path.matches('{').count(),
                "{}",
                spec.name
            );
        }
        // The retry rule: a key names an argument.
        match spec.idempotency {
            table::Idempotency::Key(k) | table::Idempotency::Header(k) => {
                let head = k.split('.').next().unwrap();
                assert!(args.contains(&head), "{}: {k}", spec.name);
            }
            _ => {}
        }
    }
    // A purchase is retried only with its intent id; register never.
    let purchase = table::find(Platform::Zernio, "purchase").unwrap();
    assert!(!purchase.may_retry(&json!({"profileId": "p"})));
    assert!(purchase.may_retry(&json!({"profileId": "p", "purchaseIntentId": "i-1"})));
    assert!(
        !table::find(Platform::Graph, "register")
            .unwrap()
            .may_retry(&json!({}))
    );
    let today: Vec<&str> = OPERATIONS
        .iter()
        .filter(|s| s.needs_today)
        .map(|s| s.name)
        .collect();
    assert_eq!(today, ["submit_kyc", "submit_remediation"]);
}

#[test]
fn the_pager_follows_the_cursor_and_stops() {
    use wanumbers::api::pages::Pager;
    let page = |after: Option<&str>| {
        let mut p = json!({"data": [{"id": "1"}, {"id": "2"}]});
        if let Some(a) = after {
            p["paging"] = json!({"cursors": {"after": a}, "next": format!("https://graph.facebook.com/v25.0/1022/phone_numbers?after={a}")});
        }
        p
    };
    let mut pager = Pager::new(
        Platform::Graph,
        "list_phone_numbers",
        json!({"wabaId": "1022"}),
        10,
    )
    .unwrap();
    assert_eq!(pager.feed(page(Some("c1"))).unwrap().len(), 2);
    assert_eq!(pager.next_args().unwrap()["after"], "c1");
    assert_eq!(pager.feed(page(None)).unwrap().len(), 2);
    assert!(pager.next_args().is_none());
    // A cursor that never ends stops at max_pages.
    let mut pager = Pager::new(
        Platform::Graph,
        "list_phone_numbers",
        json!({"wabaId": "1022"}),
        3,
    )
    .unwrap();
    let mut read = 0;
    while pager.next_args().is_some() {
        pager.feed(page(Some(&format!("c{read}")))).unwrap();
        read += 1;
    }
    assert_eq!(read, 3);
    // A server repeating its cursor stops the listing at once.
    let mut pager = Pager::new(
        Platform::Graph,
        "list_phone_numbers",
        json!({"wabaId": "1022"}),
        10,
    )
    .unwrap();
    let mut read = 0;
    while pager.next_args().is_some() {
        pager.feed(page(Some("again"))).unwrap();
        read += 1;
    }
    assert_eq!(read, 2);
    // The pre-verified lists page the same way.
    for (op, args) in [
        ("list_preverified_numbers", json!({"businessId": "1"})),
        ("list_preverified_partners", json!({"preverifiedId": "1"})),
    ] {
        let mut pager = Pager::new(Platform::Graph, op, args, 10).unwrap();
        assert_eq!(pager.feed(page(Some("c1"))).unwrap().len(), 2, "{op}");
        assert_eq!(pager.next_args().unwrap()["after"], "c1", "{op}");
        assert_eq!(pager.feed(page(None)).unwrap().len(), 2, "{op}");
        assert!(pager.next_args().is_none(), "{op}");
    }
    // A misspelled argument is refused before anything is sent.
    let e = Pager::new(
        Platform::Graph,
        "list_phone_numbers",
        json!({"wabaID": "1"}),
        3,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ArgumentUnknown);
    // An operation that does not page has one page, its whole result.
    let mut one = Pager::new(Platform::Zernio, "list_countries", json!({}), 10).unwrap();
    assert_eq!(
        one.feed(json!({"countries": []})).unwrap(),
        vec![json!({"countries": []})]
    );
    assert!(one.next_args().is_none());
}

#[test]
fn the_router_takes_no_argument_from_the_wrong_place_and_quotes_no_secret() {
    let post =
        |url: &str, body: &str| wire::route(Platform::Zernio, &request(Method::Post, url, body));
    // The id is the path's, not the body's.
    let e = post(
        "https://zernio.com/api/v1/phone-numbers/n1/whatsapp/request-code",
        r#"{"id": "n2"}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ArgumentUnknown);
    // A Fields body with a member the operation does not take.
    let e = wire::route(
        Platform::Graph,
        &request(
            Method::Post,
            "https://graph.facebook.com/v25.0/1/register",
            r#"{"pin":"123456","extra":1}"#,
        ),
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ArgumentUnknown);
    // Query keys and path segments that look like secrets or names are not quoted.
    let e = wire::route(
        Platform::Zernio,
        &request(
            Method::Get,
            "https://zernio.com/api/v1/phone-numbers/available?ana@example.com",
            "",
        ),
    )
    .unwrap_err();
    assert!(!format!("{e:?}").contains("ana@example.com"));
    let e = wire::route(
        Platform::Zernio,
        &request(Method::Get, "https://zernio.com/api/v1/ana-garcia/x", ""),
    )
    .unwrap_err();
    assert!(!format!("{e:?}").contains("ana-garcia"));
    // `%+f` is not a percent escape.
    assert!(
        wire::route(
            Platform::Zernio,
            &request(
                Method::Get,
                "https://zernio.com/api/v1/phone-numbers/a%+f",
                ""
            )
        )
        .is_err()
    );
}

#[test]
fn errors_name_arguments_as_the_caller_spells_them() {
    use wanumbers::api::dispatch::Spelling;
    let config = Config::new("k");
    let err = dispatch::zernio_request(
        &config,
        "purchase",
        json!({"profileId": "p", "areaCode": "12345"}),
    )
    .unwrap_err();
    assert_eq!(err.details()["argument"], "areaCode");
    let python = Platform::Zernio.respell_error(err.clone(), Spelling::Snake);
    assert_eq!(python.details()["argument"], "area_code");
    assert!(python.message().contains("area_code") && !python.message().contains("areaCode"));
    assert_eq!(python.code(), err.code());
    assert_eq!(
        Platform::Zernio
            .respell_error(err.clone(), Spelling::Own)
            .message(),
        err.message()
    );
}
