//! The clients over an injected transport: a mock that asserts the built request (the
//! oauth2-rs pattern), transport failures, and walking Graph pages through the transport.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_macros
)]

use std::cell::RefCell;

use wanumbers::ErrorCode;
use wanumbers::api::graph::{ListPhoneNumbers, Register};
use wanumbers::api::models::PurchaseOutcome;
use wanumbers::api::zernio::Purchase;
use wanumbers::api::{
    Client, Config, GraphClient, GraphConfig, HttpRequest, HttpResponse, Method, TransportError,
};

#[test]
fn a_purchase_through_a_closure_transport() {
    let transport = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
        assert_eq!(
            (req.method, req.url.as_str()),
            (
                Method::Post,
                "https://zernio.com/api/v1/phone-numbers/purchase"
            )
        );
        assert_eq!(req.header("authorization"), Some("Bearer sk_test"));
        assert_eq!(
            req.json_body().unwrap(),
            serde_json::json!({"profileId": "prof_1", "country": "GB"})
        );
        Ok(HttpResponse::new(
            202,
            r#"{"status":"kyc_required","country":"GB","kycUrl":"https://zernio.com/kyc/x"}"#,
        ))
    };
    let client = Client::new(Config::new("sk_test"), transport);
    let outcome = client
        .execute(&Purchase {
            profile_id: "prof_1".into(),
            country: Some("GB".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        matches!(outcome, PurchaseOutcome::KycRequired { kyc_url: Some(ref u), .. } if u == "https://zernio.com/kyc/x")
    );
}

#[test]
fn a_bad_argument_never_reaches_the_transport() {
    let sent = RefCell::new(0);
    let transport = |_: HttpRequest| -> Result<HttpResponse, TransportError> {
        *sent.borrow_mut() += 1;
        Ok(HttpResponse::new(200, "{}"))
    };
    let client = Client::new(Config::new("k"), &transport);
    let err = client
        .execute(&Purchase {
            profile_id: "p".into(),
            area_code: Some("12345".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ArgumentInvalid);
    assert_eq!(*sent.borrow(), 0);
}

#[test]
fn a_transport_failure_is_transport_failed() {
    let client = Client::new(
        Config::new("k"),
        |_: HttpRequest| -> Result<HttpResponse, TransportError> {
            Err(TransportError {
                message: "connection reset".into(),
                maybe_sent: true,
            })
        },
    );
    let err = client
        .execute(&wanumbers::api::zernio::ListCountries {})
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::TransportFailed);
    assert_eq!(err.details()["maybe_sent"], true);
}

#[test]
fn graph_register_with_a_closure_and_a_pin_mismatch() {
    let client = GraphClient::new(
        GraphConfig::new("EAAG"),
        |req: HttpRequest| -> Result<HttpResponse, TransportError> {
            assert_eq!(req.url, "https://graph.facebook.com/v25.0/1065/register");
            Ok(HttpResponse::new(
                400,
                r#"{"error":{"message":"(#133005) Two step verification PIN Mismatch","code":133005,"fbtrace_id":"T"}}"#,
            ))
        },
    );
    let err = client
        .execute(&Register {
            phone_number_id: "1065".into(),
            pin: "123456".into(),
            data_localization_region: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PinMismatch);
    assert!(!err.is_retryable());
    // The named method is the same call.
    let again = client.register(&Register {
        phone_number_id: "1065".into(),
        pin: "123456".into(),
        data_localization_region: None,
    });
    assert_eq!(again.unwrap_err().code(), ErrorCode::PinMismatch);
    assert_eq!(
        (
            err.details()["retryable"].as_bool(),
            err.details()["fbtrace_id"].as_str()
        ),
        (Some(false), Some("T"))
    );
}

#[test]
fn all_pages_are_walked_through_the_transport() {
    let pages = RefCell::new(Vec::new());
    let transport = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
        pages.borrow_mut().push(req.url.clone());
        let body = if req.url.contains("after=c2") {
            r#"{"data":[{"id":"3"}],"paging":{"cursors":{"before":"c2","after":"c3"}}}"#
        } else if req.url.contains("after=c1") {
            r#"{"data":[{"id":"2"}],"paging":{"cursors":{"after":"c2"},"next":"https://graph.facebook.com/next2"}}"#
        } else {
            r#"{"data":[{"id":"1"}],"paging":{"cursors":{"after":"c1"},"next":"https://graph.facebook.com/next1"}}"#
        };
        Ok(HttpResponse::new(200, body))
    };
    let client = GraphClient::new(GraphConfig::new("EAAG"), &transport);
    let op = ListPhoneNumbers {
        waba_id: "1022".into(),
        limit: Some(1),
        ..Default::default()
    };
    let all = client.list_all_phone_numbers(&op, 10).unwrap();
    assert_eq!(
        all.iter()
            .map(|n| n.id.clone().unwrap())
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    assert_eq!(
        pages.borrow().len(),
        3,
        "the last page has no next: no fourth request"
    );
    // A runaway paging loop is bounded.
    assert_eq!(client.list_all_phone_numbers(&op, 2).unwrap().len(), 2);
}

#[test]
fn debug_of_clients_and_configs_hides_secrets() {
    let client = Client::new(
        Config::new("sk_live_supersecret"),
        |_: HttpRequest| -> Result<HttpResponse, TransportError> { Err(TransportError::new("x")) },
    );
    let graph = GraphConfig::new("EAAGsupersecret");
    let shown = format!(
        "{client:?} {graph:?} {}",
        serde_json::to_string(client.config()).unwrap()
    );
    assert!(!shown.contains("supersecret"), "{shown}");
}

#[test]
fn errors_have_typed_accessors_for_their_common_details() {
    use wanumbers::api::{HttpResponse, ZernioClient, ZernioConfig};
    let transport =
        |_: wanumbers::api::HttpRequest| -> Result<HttpResponse, wanumbers::api::TransportError> {
            let mut r = HttpResponse::new(
                429,
                r#"{"error": "Too many requests", "code": "RATE_LIMITED"}"#,
            );
            r.headers.push(("retry-after".into(), "30".into()));
            Ok(r)
        };
    let client = ZernioClient::new(ZernioConfig::new("sk_test"), transport);
    let err = client
        .execute(&wanumbers::api::zernio::ListCountries {})
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(30));
    assert_eq!(err.upstream_code().as_deref(), Some("RATE_LIMITED"));
    assert_eq!(err.transition(), None);
    let released = wanumbers::status::NumberStatus::parse("released").unwrap();
    let refused =
        wanumbers::status::next(&released, wanumbers::status::NumberEvent::Activated).unwrap_err();
    assert_eq!(refused.transition(), Some(("released", "activated")));
}

#[test]
fn retries_are_decided_by_the_core_and_waited_by_the_host() {
    use std::rc::Rc;
    use wanumbers::api::retry::RetryPolicy;
    use wanumbers::api::{Retrying, TransportError};
    let statuses = Rc::new(RefCell::new(vec![200u16, 503, 503]));
    let sent = Rc::new(RefCell::new(0));
    let (s2, n2) = (statuses.clone(), sent.clone());
    let transport = move |_: HttpRequest| -> Result<HttpResponse, TransportError> {
        *n2.borrow_mut() += 1;
        let status = s2.borrow_mut().pop().unwrap_or(200);
        Ok(HttpResponse::new(status, r#"{"countries": []}"#))
    };
    let slept = Rc::new(RefCell::new(Vec::new()));
    let s3 = slept.clone();
    let retrying = || Retrying {
        policy: RetryPolicy::default(),
        now: Box::new(|| "2026-03-01T12:00:00Z".parse().unwrap()),
        sleep: Box::new({
            let s3 = s3.clone();
            move |ms| s3.borrow_mut().push(ms)
        }),
        jitter: Box::new(|| 0.0),
    };
    let client = Client::new(Config::new("sk_test"), transport).with_retries(retrying());
    client
        .execute(&wanumbers::api::zernio::ListCountries {})
        .unwrap();
    assert_eq!(*sent.borrow(), 3);
    assert_eq!(*slept.borrow(), [125, 250]);
    // A purchase without its intent id is sent once.
    *statuses.borrow_mut() = vec![503, 503];
    *sent.borrow_mut() = 0;
    let err = client
        .execute(&Purchase {
            profile_id: "p".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!((err.code(), *sent.borrow()), (ErrorCode::ServerError, 1));
}
