//! The sandbox through the real client: what a user's integration sees.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_macros)]

use std::sync::Arc;

use serde_json::{Value, json};
use wanumbers::Timestamp;
use wanumbers::api::models::PurchaseOutcome;
use wanumbers::api::zernio::{
    CreateWebhookSettings, GetKycForm, GetNumber, ListCountries, ListNumbers, ListWebhookSettings,
    Purchase, ReleaseNumber, SearchAvailable, SubmitKyc,
};
use wanumbers::api::{Client, Config, HttpRequest, HttpResponse, Method};
use wanumbers::sandbox::Sandbox;
use wanumbers::status::NumberStatus;

const NOW: &str = "2026-11-30T10:00:00Z";

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

fn client(sandbox: &Arc<Sandbox>, key: &str) -> Client<impl wanumbers::api::Transport> {
    Client::new(Config::new(key), sandbox.transport(now))
}

fn control(sandbox: &Sandbox, method: Method, path: &str, body: &Value, key: &str) -> Value {
    let request = HttpRequest {
        method,
        url: format!("http://127.0.0.1/_sandbox/{path}"),
        headers: vec![("authorization".into(), format!("Bearer {key}"))],
        body: if body.is_null() {
            Vec::new()
        } else {
            serde_json::to_vec(&body).unwrap()
        },
    };
    let handled = sandbox.handle(&request, now());
    assert_eq!(
        handled.response.status,
        200,
        "{}",
        String::from_utf8_lossy(&handled.response.body)
    );
    serde_json::from_slice(&handled.response.body).unwrap()
}

/// A subscription to `whatsapp.number.activated` at `url`, without a secret.
fn subscribe(client: &Client<impl wanumbers::api::Transport>, url: &str) {
    client
        .execute(&CreateWebhookSettings {
            name: "numbers".into(),
            url: url.into(),
            events: vec!["whatsapp.number.activated".into()],
            ..Default::default()
        })
        .unwrap();
}

fn purchase(profile: &str) -> Purchase {
    Purchase {
        profile_id: profile.into(),
        ..Default::default()
    }
}

#[test]
fn an_instant_number_is_bought_listed_replayed_and_released() {
    let sandbox = Arc::new(Sandbox::new(7));
    let client = client(&sandbox, "sk_test_a");
    let op = Purchase {
        purchase_intent_id: Some("order-1".into()),
        ..purchase("prof_1")
    };
    let PurchaseOutcome::Provisioned { phone_number, .. } = client.execute(&op).unwrap() else {
        panic!("an instant country provisions inline");
    };
    let e164 = phone_number.phone_number.clone().unwrap();
    assert!(wanumbers::phone::is_valid(&e164, None), "{e164}");
    assert_eq!(phone_number.status, Some(NumberStatus::Active));
    // The same intent again: the same number, not a second one.
    let PurchaseOutcome::AlreadyPurchased {
        number_id,
        phone_number: again,
        ..
    } = client.execute(&op).unwrap()
    else {
        panic!("a replay");
    };
    assert_eq!(
        (number_id, again),
        (phone_number.id.clone(), Some(e164.clone()))
    );
    // A second purchase inside 10 minutes is refused unless allowed.
    let err = client.execute(&purchase("prof_1")).unwrap_err();
    assert_eq!(err.code().as_str(), "purchase_velocity");
    let second = Purchase {
        allow_multiple: Some(true),
        ..purchase("prof_1")
    };
    assert!(matches!(
        client.execute(&second).unwrap(),
        PurchaseOutcome::Provisioned { .. }
    ));
    let list = client.execute(&ListNumbers::default()).unwrap();
    assert_eq!(list.numbers.len(), 2);
    let id = phone_number.id.clone().unwrap();
    client.execute(&ReleaseNumber { id: id.clone() }).unwrap();
    assert_eq!(
        client
            .execute(&ListNumbers::default())
            .unwrap()
            .numbers
            .len(),
        1
    );
    let released = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(released.status, Some(NumberStatus::Released));
    let err = client.execute(&ReleaseNumber { id }).unwrap_err();
    assert_eq!(err.code().as_str(), "bad_request");
    // Another key is another account.
    let other = crate::client(&sandbox, "sk_test_b"); // the function, not the local
    assert!(
        other
            .execute(&ListNumbers::default())
            .unwrap()
            .numbers
            .is_empty()
    );
}

#[test]
fn no_key_is_401_and_the_catalog_is_keyless() {
    let sandbox = Arc::new(Sandbox::new(7));
    let request = HttpRequest {
        method: Method::Get,
        url: "https://zernio.com/api/v1/phone-numbers".into(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    let response = sandbox.handle(&request, now()).response;
    assert_eq!(response.status, 401);
    assert_eq!(response.body, br#"{"error":"Unauthorized"}"#);
    assert!(response.header("x-request-id").is_some());
    let countries = HttpRequest {
        url: "https://zernio.com/api/v1/phone-numbers/countries".into(),
        ..request
    };
    assert_eq!(sandbox.handle(&countries, now()).response.status, 200);
    let catalog = client(&sandbox, "k").execute(&ListCountries {}).unwrap();
    let us = catalog.get("US").unwrap();
    assert_eq!(us.in_stock, Some(true));
    let found = client(&sandbox, "k")
        .execute(&SearchAvailable {
            country: Some("DE".into()),
            area_code: Some("30".into()),
            limit: Some(5),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.numbers.len(), 5);
    for n in &found.numbers {
        let number = n.phone_number.as_deref().unwrap();
        assert!(
            number.starts_with("+4930") && wanumbers::phone::is_valid(number, None),
            "{number}"
        );
    }
}

fn gb_submission(last_name: &str) -> Value {
    json!({
        "profileId": "prof_1", "country": "GB", "endUserFirstName": "Ana", "endUserLastName": last_name,
        "values": {"gb-name": "Acme Ltd", "gb-contact": "ops@acme.example"},
        "documents": [{"requirementId": "gb-poa", "filename": "bill.pdf",
                       "base64": "JVBERi0xLjQKJXdhbnVtYmVycyB0ZXN0CjEgMCBvYmo8PD4+ZW5kb2JqCg=="}],
        "address": {"requirementId": "gb-addr", "country_code": "GB", "street_address": "10 Downing Street",
                    "locality": "London", "administrative_area": "London", "postal_code": "SW1A 2AA"}
    })
}

/// Submits GB KYC through the client (the form read from the sandbox); the number's id.
fn submit_gb(client: &Client<impl wanumbers::api::Transport>, last_name: &str) -> String {
    let form = client
        .execute(&GetKycForm {
            country: "GB".into(),
            number_type: None,
            profile_id: None,
        })
        .unwrap();
    let submitted = client
        .execute(&SubmitKyc {
            form,
            submission: wanumbers::error::from_value(gb_submission(last_name)).unwrap(),
            availability: None,
            today: now().date(),
        })
        .unwrap();
    submitted
        .numbers
        .first()
        .and_then(|n| n.get("id"))
        .and_then(Value::as_str)
        .unwrap()
        .to_owned()
}

#[test]
fn a_regulated_number_goes_through_kyc_review_and_a_signed_webhook() {
    let sandbox = Arc::new(Sandbox::new(11));
    let client = client(&sandbox, "sk_test_kyc");
    let hook = client
        .execute(&CreateWebhookSettings {
            name: "numbers".into(),
            url: "https://hooks.example.com/zernio".into(),
            secret: Some("whsec_test".into()),
            events: vec![
                "whatsapp.number.activated".into(),
                "whatsapp.number.declined".into(),
            ],
            ..Default::default()
        })
        .unwrap();
    assert!(hook.webhook.unwrap().id.is_some());
    let gb = Purchase {
        country: Some("GB".into()),
        ..purchase("prof_1")
    };
    let PurchaseOutcome::KycRequired { kyc_url, .. } = client.execute(&gb).unwrap() else {
        panic!("GB needs KYC");
    };
    assert!(kyc_url.unwrap().contains("country=GB"));
    let id = submit_gb(&client, "Garcia");
    let declined_id = submit_gb(&client, "Declined");
    let pending = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(pending.status, Some(NumberStatus::PendingRegulatory));
    assert!(sandbox.take_deliveries().is_empty());
    // GB reviews take two days on the sandbox clock.
    let moved = control(
        &sandbox,
        Method::Post,
        "clock",
        &json!({"by": 2 * 86_400}),
        "sk_test_kyc",
    );
    assert_eq!(moved["now"], "2026-12-02T10:00:00Z");
    let active = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(active.status, Some(NumberStatus::Active));
    assert!(wanumbers::phone::is_valid(
        active.phone_number.as_deref().unwrap(),
        Some("GB")
    ));
    let gone = client.execute(&GetNumber { id: declined_id }).unwrap();
    assert_eq!(gone.status, Some(NumberStatus::RegulatoryDeclined));
    assert!(gone.regulatory_decline_reason.is_some());
    let deliveries = sandbox.take_deliveries();
    let events: Vec<&str> = deliveries.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(
        events,
        ["whatsapp.number.activated", "whatsapp.number.declined"]
    );
    for delivery in &deliveries {
        let header = delivery
            .headers
            .iter()
            .find(|(n, _)| n == "x-zernio-signature")
            .map(|(_, v)| v.as_str());
        wanumbers::webhook::verify_zernio_signature(b"whsec_test", &delivery.body, header).unwrap();
        let event = wanumbers::webhook::parse_zernio_webhook(&delivery.body).unwrap();
        assert_eq!(event.event, delivery.event);
    }
    // A submission the library would flag is refused by the sandbox too, in the API's shape.
    let mut bad = gb_submission("Garcia");
    bad["values"]["gb-contact"] = json!("");
    let request = HttpRequest {
        method: Method::Post,
        url: "https://zernio.com/api/v1/phone-numbers/kyc".into(),
        headers: vec![("authorization".into(), "Bearer sk_test_kyc".into())],
        body: serde_json::to_vec(&bad).unwrap(),
    };
    let response: HttpResponse = sandbox.handle(&request, now()).response;
    assert_eq!(response.status, 400);
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["type"], "invalid_request_error");
    // Debug shows neither the webhook secret, the key, nor the KYC answers.
    let shown = format!("{sandbox:?}");
    for planted in [
        "whsec_test",
        "sk_test_kyc",
        "Garcia",
        "Downing",
        "acme.example",
    ] {
        assert!(!shown.contains(planted), "{planted} in {shown}");
    }
}

#[test]
fn identical_runs_give_identical_bytes_and_a_snapshot_restores() {
    let run = || {
        let sandbox = Arc::new(Sandbox::new(99));
        let client = client(&sandbox, "sk_test_same");
        let out = client.execute(&purchase("prof_1")).unwrap();
        (
            serde_json::to_string(&out).unwrap(),
            sandbox.snapshot().unwrap(),
        )
    };
    let (a, snap_a) = run();
    let (b, snap_b) = run();
    assert_eq!(a, b);
    assert_eq!(snap_a, snap_b);
    assert!(
        !snap_a.to_string().contains("sk_test_same"),
        "a snapshot holds no key"
    );
    let restored = Arc::new(Sandbox::restore(snap_a).unwrap());
    let list = client(&restored, "sk_test_same")
        .execute(&ListNumbers::default())
        .unwrap();
    assert_eq!(list.numbers.len(), 1);
}

#[test]
fn forced_transitions_and_unknown_paths() {
    let sandbox = Arc::new(Sandbox::new(5));
    let client = client(&sandbox, "sk_test_force");
    let PurchaseOutcome::Provisioned { phone_number, .. } = client.execute(&purchase("p")).unwrap()
    else {
        panic!()
    };
    let id = phone_number.id.unwrap();
    let suspended = control(
        &sandbox,
        Method::Post,
        &format!("numbers/{id}/suspend"),
        &Value::Null,
        "sk_test_force",
    );
    assert_eq!(suspended["number"]["status"], "suspended");
    let back = control(
        &sandbox,
        Method::Post,
        &format!("numbers/{id}/reactivate"),
        &Value::Null,
        "sk_test_force",
    );
    assert_eq!(back["number"]["status"], "active");
    let events: Vec<String> = sandbox
        .take_deliveries()
        .into_iter()
        .map(|d| d.event)
        .collect();
    assert!(
        events.is_empty(),
        "no subscription, no delivery: {events:?}"
    );
    let request = HttpRequest {
        method: Method::Get,
        url: "https://zernio.com/api/v1/nothing-here".into(),
        headers: vec![("authorization".into(), "Bearer k".into())],
        body: Vec::new(),
    };
    assert_eq!(sandbox.handle(&request, now()).response.status, 404);
    let wrong_method = HttpRequest {
        method: Method::Put,
        url: "https://zernio.com/api/v1/phone-numbers/purchase".into(),
        ..request
    };
    let response = sandbox.handle(&wrong_method, now()).response;
    assert_eq!(response.status, 405);
    assert_eq!(response.header("allow"), Some("POST"));
}

#[test]
fn a_graph_number_is_added_verified_registered_and_limited() {
    use wanumbers::api::graph::{
        AddPhoneNumber, Deregister, GetPhoneNumber, GraphNumberStatus, ListPhoneNumbers, Register,
        RequestCode, VerifyCode,
    };
    use wanumbers::api::{GraphClient, GraphConfig};
    let sandbox = Arc::new(Sandbox::new(3));
    let graph = GraphClient::new(GraphConfig::new("EAAG_sandbox"), sandbox.transport(now));
    let mut ids = Vec::new();
    for n in 0..3 {
        let added = graph
            .execute(&AddPhoneNumber {
                waba_id: "102290129340398".into(),
                cc: "44".into(),
                phone_number: format!("791112345{n}"),
                verified_name: "Acme".into(),
                migrate_phone_number: None,
                preverified_id: None,
            })
            .unwrap();
        ids.push(added.id);
    }
    let id = ids[0].clone();
    graph
        .execute(&RequestCode {
            phone_number_id: id.clone(),
            code_method: "SMS".into(),
            language: "en_US".into(),
        })
        .unwrap();
    let wrong = graph
        .execute(&VerifyCode {
            phone_number_id: id.clone(),
            code: "654321".into(),
        })
        .unwrap_err();
    assert_eq!(wrong.code().as_str(), "verification_code_invalid");
    graph
        .execute(&VerifyCode {
            phone_number_id: id.clone(),
            code: "123-456".into(),
        })
        .unwrap();
    let register = |pin: &str| Register {
        phone_number_id: id.clone(),
        pin: pin.into(),
        data_localization_region: None,
    };
    graph.execute(&register("112233")).unwrap();
    let node = graph
        .execute(&GetPhoneNumber {
            phone_number_id: id.clone(),
            fields: None,
        })
        .unwrap();
    assert_eq!(node.status, Some(GraphNumberStatus::Connected));
    assert_eq!(node.display_phone_number.as_deref(), Some("+447911123450"));
    assert_eq!(
        graph
            .execute(&register("999999"))
            .unwrap_err()
            .code()
            .as_str(),
        "pin_mismatch"
    );
    // Meta allows 10 register/deregister calls in 72 hours: 2 made, 8 more, then 133016.
    for _ in 0..8 {
        graph
            .execute(&Deregister {
                phone_number_id: id.clone(),
            })
            .unwrap();
    }
    let limited = graph.execute(&register("112233")).unwrap_err();
    assert_eq!(limited.code().as_str(), "register_rate_limited");
    // Pages of 2 with real cursors.
    let first = ListPhoneNumbers {
        waba_id: "102290129340398".into(),
        limit: Some(2),
        ..Default::default()
    };
    let all = graph.list_all_phone_numbers(&first, 10).unwrap();
    let listed: Vec<String> = all.into_iter().filter_map(|n| n.id).collect();
    assert_eq!(listed, ids);
    // No token: Graph's 401.
    let request = HttpRequest {
        method: Method::Get,
        url: format!("https://graph.facebook.com/v25.0/{id}"),
        headers: Vec::new(),
        body: Vec::new(),
    };
    assert_eq!(sandbox.handle(&request, now()).response.status, 401);
}

#[test]
fn reviews_end_at_their_own_time_even_two_steps_in_one_advance() {
    let sandbox = Arc::new(Sandbox::new(21));
    let client = client(&sandbox, "sk_test_steps");
    client
        .execute(&CreateWebhookSettings {
            name: "all".into(),
            url: "https://hooks.example.com/z".into(),
            events: vec![
                "whatsapp.number.action_required".into(),
                "whatsapp.number.activated".into(),
            ],
            ..Default::default()
        })
        .unwrap();
    submit_gb(&client, "ActionRequired");
    let released_id = submit_gb(&client, "Garcia");
    client
        .execute(&ReleaseNumber {
            id: released_id.clone(),
        })
        .unwrap();
    // Ten days in one move: the question after 2 days, the approval 2 days later.
    control(
        &sandbox,
        Method::Post,
        "clock",
        &json!({"by": 10 * 86_400}),
        "sk_test_steps",
    );
    let list = client
        .execute(&ListNumbers {
            status: Some("active".into()),
            profile_id: None,
        })
        .unwrap();
    assert_eq!(list.numbers.len(), 1);
    assert_eq!(
        list.numbers[0].activated_at.as_deref(),
        Some("2026-12-04T10:00:00Z")
    );
    let stamps: Vec<(String, String)> = sandbox
        .take_deliveries()
        .into_iter()
        .map(|d| {
            let body: Value = serde_json::from_slice(&d.body).unwrap();
            (d.event, body["timestamp"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        stamps,
        [
            (
                "whatsapp.number.action_required".to_owned(),
                "2026-12-02T10:00:00Z".to_owned()
            ),
            (
                "whatsapp.number.activated".to_owned(),
                "2026-12-04T10:00:00Z".to_owned()
            ),
        ]
    );
    // A number released while under review never gets a number.
    let gone = client.execute(&GetNumber { id: released_id }).unwrap();
    assert_eq!(
        (gone.status, gone.phone_number),
        (Some(NumberStatus::Released), None)
    );
}

#[test]
fn a_sold_out_area_is_refused_unless_pre_ordered() {
    let sandbox = Arc::new(Sandbox::new(8));
    let client = client(&sandbox, "sk_test_area");
    let form = client
        .execute(&GetKycForm {
            country: "DE".into(),
            number_type: None,
            profile_id: None,
        })
        .unwrap();
    let submission = |area: &str, pre_order: Option<bool>| {
        let mut value = json!({
            "profileId": "p", "country": "DE", "areaCode": area, "endUserFirstName": "Ana",
            "endUserLastName": "Schmidt",
            "values": {"de-name": "Acme GmbH", "de-founded": "2019-05-01"},
            "documents": [{"requirementId": "de-reg", "filename": "hr.pdf",
                           "base64": "JVBERi0xLjQKJXdhbnVtYmVycyB0ZXN0CjEgMCBvYmo8PD4+ZW5kb2JqCg=="}],
            "address": {"requirementId": "de-addr", "country_code": "DE", "street_address": "Unter den Linden 1",
                        "locality": "Berlin", "postal_code": "10117"}
        });
        if let Some(p) = pre_order {
            value["preOrder"] = json!(p);
        }
        SubmitKyc {
            form: form.clone(),
            submission: wanumbers::error::from_value(value).unwrap(),
            availability: None,
            today: now().date(),
        }
    };
    // Köln (221) is sold out in the sandbox's stock: the library's validator, checking against
    // the sandbox's own availability, says a pre-order is needed, and the sandbox refuses it.
    let err = client.execute(&submission("221", None)).unwrap_err();
    assert_eq!(err.code().as_str(), "bad_request");
    assert_eq!(err.details()["upstream_code"], "KYC_PRE_ORDER_REQUIRED");
    client.execute(&submission("221", Some(true))).unwrap();
    client.execute(&submission("30", None)).unwrap();
}

#[test]
fn planted_failures_answer_the_next_calls_then_go() {
    use wanumbers::api::graph::Deregister;
    use wanumbers::api::{GraphClient, GraphConfig};
    let sandbox = Arc::new(Sandbox::new(9));
    let client = client(&sandbox, "sk_test_fault");
    control(
        &sandbox,
        Method::Post,
        "faults",
        &json!({"operation": "purchase", "status": 503, "code": "CARRIER_UNAVAILABLE", "times": 2}),
        "sk_test_fault",
    );
    for _ in 0..2 {
        let err = client.execute(&purchase("p")).unwrap_err();
        assert_eq!(err.code().as_str(), "carrier_unavailable");
    }
    assert!(matches!(
        client.execute(&purchase("p")).unwrap(),
        PurchaseOutcome::Provisioned { .. }
    ));
    // Graph's shape, Meta's codes; a malformed body is a bad response.
    control(
        &sandbox,
        Method::Post,
        "faults",
        &json!({"operation": "deregister", "status": 400, "code": 133_016}),
        "EAAG_fault",
    );
    control(
        &sandbox,
        Method::Post,
        "faults",
        &json!({"operation": "deregister", "status": 502, "malformed": true}),
        "EAAG_fault",
    );
    let graph = GraphClient::new(GraphConfig::new("EAAG_fault"), sandbox.transport(now));
    let op = Deregister {
        phone_number_id: "106540352242922".into(),
    };
    assert_eq!(
        graph.execute(&op).unwrap_err().code().as_str(),
        "register_rate_limited"
    );
    assert_eq!(
        graph.execute(&op).unwrap_err().code().as_str(),
        "server_error"
    );
    // Then the operation itself: no such node.
    assert_eq!(
        graph.execute(&op).unwrap_err().code().as_str(),
        "bad_request"
    );
}

#[test]
fn failed_deliveries_come_back_on_zernio_schedule_and_are_logged() {
    use wanumbers::api::zernio::GetWebhookLogs;
    let sandbox = Arc::new(Sandbox::new(31));
    let key = "sk_test_retry";
    let client = client(&sandbox, key);
    let hook = client
        .execute(&CreateWebhookSettings {
            name: "numbers".into(),
            url: "https://hooks.example.com/zernio".into(),
            secret: Some("whsec_retry".into()),
            events: vec!["whatsapp.number.activated".into()],
            ..Default::default()
        })
        .unwrap();
    let hook_id = hook.webhook.unwrap().id.unwrap();
    client.execute(&purchase("prof_1")).unwrap();
    let first = sandbox.take_deliveries();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].attempt, 1);
    let ctl = |name: &str, args: Value| sandbox.control(name, &args, now());
    // Attempt 1 fails: attempt 2 is due 10 s later on the sandbox clock, not before.
    let reported = ctl(
        "report",
        json!({"apiKey": key, "deliveryId": first[0].id, "status": 500}),
    )
    .unwrap();
    assert_eq!(reported["next"], "2026-11-30T10:00:10Z");
    assert!(sandbox.take_deliveries().is_empty());
    ctl("advance", json!({"by": 10})).unwrap();
    let second = sandbox.take_deliveries();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].attempt, 2);
    assert_eq!(second[0].event_id, first[0].event_id);
    assert_eq!(
        second[0].body, first[0].body,
        "the same bytes, the same signature"
    );
    assert_eq!(second[0].headers, first[0].headers);
    // A report is taken once.
    let again = ctl(
        "report",
        json!({"apiKey": key, "deliveryId": first[0].id, "status": 200}),
    )
    .unwrap_err();
    assert_eq!(again.code().as_str(), "not_found");
    // Too slow counts as a failure (attempt 3 after 100 s), then a success ends the series.
    let slow = ctl(
        "report",
        json!({"apiKey": key, "deliveryId": second[0].id, "status": 200, "ms": 6000}),
    )
    .unwrap();
    assert_eq!(slow["log"]["status"], "failed");
    ctl("advance", json!({"by": 100})).unwrap();
    let third = sandbox.take_deliveries();
    assert_eq!(third[0].attempt, 3);
    let done = ctl(
        "report",
        json!({"apiKey": key, "deliveryId": third[0].id, "status": 204}),
    )
    .unwrap();
    assert_eq!(done["next"], Value::Null);
    assert_eq!(done["deadLettered"], false);
    let logs = client.execute(&GetWebhookLogs::default()).unwrap();
    let attempts: Vec<(u32, String)> = logs
        .logs
        .iter()
        .map(|l| {
            (
                l.attempt_number.unwrap(),
                l.status.as_ref().unwrap().as_str().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        attempts,
        [
            (3, "success".to_owned()),
            (2, "failed".to_owned()),
            (1, "failed".to_owned())
        ]
    );
    let failed = client
        .execute(&GetWebhookLogs {
            status: Some("failed".into()),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    let page = failed.pagination.unwrap();
    assert_eq!((page.total, page.has_more), (Some(2), Some(true)));
    // Redelivery: the same event again, as a new first attempt.
    ctl(
        "redeliver",
        json!({"apiKey": key, "eventId": first[0].event_id, "webhookId": hook_id}),
    )
    .unwrap();
    let redelivered = sandbox.take_deliveries();
    assert_eq!(redelivered.len(), 1);
    assert_eq!(
        (redelivered[0].attempt, &redelivered[0].event_id),
        (1, &first[0].event_id)
    );
}

#[test]
fn seven_failed_attempts_dead_letter_the_event() {
    let sandbox = Arc::new(Sandbox::new(32));
    let key = "sk_test_dead";
    let client = client(&sandbox, key);
    subscribe(&client, "https://hooks.example.com/zernio");
    client.execute(&purchase("prof_1")).unwrap();
    let mut waits = Vec::new();
    for attempt in 1..=7 {
        let taken = sandbox.take_deliveries();
        assert_eq!(taken.len(), 1, "attempt {attempt}");
        assert_eq!(taken[0].attempt, attempt);
        let reported = sandbox
            .control(
                "report",
                &json!({"apiKey": key, "deliveryId": taken[0].id, "error": "connection refused"}),
                now(),
            )
            .unwrap();
        let Some(next) = reported["next"].as_str() else {
            assert_eq!(reported["deadLettered"], true);
            break;
        };
        let now_at = sandbox.control("now", &Value::Null, now()).unwrap();
        let next: Timestamp = next.parse().unwrap();
        let at: Timestamp = now_at["now"].as_str().unwrap().parse().unwrap();
        let wait = at.seconds_until(next);
        waits.push(wait);
        sandbox
            .control("advance", &json!({"by": wait}), now())
            .unwrap();
    }
    // Zernio's schedule (zernio.md §7.1): 0, 10 s, 1m40s, 16m40s, 2h46m40s, 24 h, 24 h.
    assert_eq!(waits, [10, 100, 1_000, 10_000, 86_400, 86_400]);
    assert!(sandbox.take_deliveries().is_empty());
}

#[test]
fn graph_webhooks_are_retried_with_backoff_for_up_to_seven_days() {
    use wanumbers::sandbox::{GRAPH_RETRY_SECONDS, RETRY_DELAYS, retry_delay};
    // Zernio's attempts follow its published schedule; Graph's back off (never shorter than
    // the last wait) and stop within Meta's 7 days (meta.md §5: "up to 7 days with backoff").
    // zernio.md §7.1: 0, 10 s, 1m40s, 16m40s, 2h46m40s, 24 h, 24 h between the 7 attempts.
    let zernio: Vec<i64> = (1..=7).filter_map(|a| retry_delay(false, a)).collect();
    assert_eq!(zernio, [10, 100, 1_000, 10_000, 86_400, 86_400]);
    assert_eq!(zernio, RETRY_DELAYS);
    let graph: Vec<i64> = (1..=100).map_while(|a| retry_delay(true, a)).collect();
    assert!(graph.windows(2).all(|w| w[0] <= w[1]), "{graph:?}");
    let total: i64 = graph.iter().sum();
    assert!(
        total <= GRAPH_RETRY_SECONDS && total > GRAPH_RETRY_SECONDS - 86_400,
        "{total}"
    );
    assert_eq!(retry_delay(true, u32::MAX), None);
}

#[test]
fn a_webhook_failing_for_three_days_is_disabled() {
    let sandbox = Arc::new(Sandbox::new(33));
    let key = "sk_test_disable";
    let client = client(&sandbox, key);
    subscribe(&client, "https://hooks.example.com/zernio");
    let fail = |sandbox: &Sandbox| {
        let taken = sandbox.take_deliveries();
        assert_eq!(taken.len(), 1);
        sandbox
            .control(
                "report",
                &json!({"apiKey": key, "deliveryId": taken[0].id, "status": 503}),
                now(),
            )
            .unwrap()
    };
    client.execute(&purchase("prof_1")).unwrap();
    // Seven attempts over two days and a bit: dead-lettered, still active (zernio.md §7.1:
    // no success within 3 days AND 20 dead letters in a row or failing for 3 days).
    for wait in [10, 100, 1_000, 10_000, 86_400, 86_400] {
        assert!(fail(&sandbox)["next"].is_string());
        sandbox
            .control("advance", &json!({"by": wait}), now())
            .unwrap();
    }
    assert_eq!(fail(&sandbox)["deadLettered"], true);
    let hooks = client.execute(&ListWebhookSettings {}).unwrap();
    assert_eq!(hooks.webhooks[0].is_active, Some(true));
    // A day later the next event fails too: three days of failures, no success.
    sandbox
        .control("advance", &json!({"by": 86_400}), now())
        .unwrap();
    client.execute(&purchase("prof_2")).unwrap();
    let reported = fail(&sandbox);
    assert!(reported["next"].is_null());
    let hooks = client.execute(&ListWebhookSettings {}).unwrap();
    assert_eq!(hooks.webhooks[0].is_active, Some(false));
    // No more attempts for it.
    client
        .execute(&Purchase {
            allow_multiple: Some(true),
            ..purchase("prof_3")
        })
        .unwrap();
    assert!(sandbox.take_deliveries().is_empty());
}

#[test]
fn controls_by_name_check_their_arguments_and_journal_requests() {
    let sandbox = Arc::new(Sandbox::new(33));
    let code = |name: &str, args: Value| {
        sandbox
            .control(name, &args, now())
            .unwrap_err()
            .code()
            .as_str()
            .to_owned()
    };
    assert_eq!(code("rewind", Value::Null), "operation_unknown");
    assert_eq!(
        code("advance", json!({"by": 1, "hours": 2})),
        "argument_unknown"
    );
    assert_eq!(code("advance", json!({"by": -5})), "argument_invalid");
    assert_eq!(
        code("invoice", json!({"start": "2026-11-01"})),
        "argument_missing"
    );
    assert_eq!(
        code(
            "force",
            json!({"apiKey": "k", "numberId": "../reset", "action": "approve"})
        ),
        "argument_invalid"
    );
    assert_eq!(
        code(
            "force",
            json!({"apiKey": "k", "numberId": "nope", "action": "approve"})
        ),
        "not_found"
    );
    assert_eq!(code("now", json!([1])), "argument_type");
    let client = client(&sandbox, "sk_test_journal");
    client.execute(&ListNumbers::default()).unwrap();
    let journal = sandbox
        .control("journal", &json!({"apiKey": "sk_test_journal"}), now())
        .unwrap();
    let requests = journal["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["operation"], "list_numbers");
    assert_eq!(requests[0]["status"], 200);
    assert!(!journal.to_string().contains("sk_test_journal"));
    // Snapshot and restore over the same controls.
    let snapshot = sandbox.control("snapshot", &Value::Null, now()).unwrap();
    sandbox.control("reset", &Value::Null, now()).unwrap();
    let after_reset = sandbox
        .control("journal", &json!({"apiKey": "sk_test_journal"}), now())
        .unwrap();
    assert_eq!(after_reset["requests"].as_array().unwrap().len(), 0);
    sandbox
        .control("restore", &json!({"snapshot": snapshot}), now())
        .unwrap();
    assert_eq!(
        client
            .execute(&ListNumbers::default())
            .unwrap()
            .numbers
            .len(),
        0
    );
    let journal = sandbox.control("journal", &Value::Null, now()).unwrap();
    assert!(journal["requests"].as_array().unwrap().len() >= 2);
}

#[test]
fn a_declined_number_is_remediated_and_activated_on_the_same_record() {
    use wanumbers::api::zernio::{GetRemediation, SubmitRemediation};
    let sandbox = Arc::new(Sandbox::new(34));
    let client = client(&sandbox, "sk_test_remedy");
    let id = submit_gb(&client, "Declined");
    sandbox
        .control("advance", &json!({"by": 2 * 86_400}), now())
        .unwrap();
    let declined = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(declined.status, Some(NumberStatus::RegulatoryDeclined));
    let form = client.execute(&GetRemediation { id: id.clone() }).unwrap();
    let asked: Vec<&str> = form
        .fields
        .iter()
        .map(|f| f.requirement_id.as_str())
        .collect();
    assert_eq!(asked, ["gb-poa"], "only the declined requirement");
    let corrected = json!({"documents": gb_submission("Garcia")["documents"]});
    let resubmitted = client
        .execute(&SubmitRemediation {
            id: id.clone(),
            form,
            submission: wanumbers::error::from_value(corrected).unwrap(),
            today: now().date(),
        })
        .unwrap();
    assert_eq!(resubmitted.status.as_deref(), Some("resubmitted"));
    let pending = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(pending.status, Some(NumberStatus::PendingRegulatory));
    sandbox
        .control("advance", &json!({"by": 2 * 86_400}), now())
        .unwrap();
    let active = client.execute(&GetNumber { id: id.clone() }).unwrap();
    assert_eq!(active.status, Some(NumberStatus::Active));
    let all = client.execute(&ListNumbers::default()).unwrap();
    assert_eq!(all.numbers.len(), 1, "the same record, no new number");
}

#[test]
fn a_method_neither_api_has_is_a_405_naming_the_allowed_ones() {
    let response = Sandbox::unknown_method("https://zernio.com/api/v1/phone-numbers/purchase");
    assert_eq!(response.status, 405);
    assert_eq!(response.header("allow"), Some("POST"));
    let graph = Sandbox::unknown_method("https://graph.facebook.com/v23.0/123/register");
    assert_eq!((graph.status, graph.header("allow")), (405, Some("POST")));
    assert_eq!(
        Sandbox::unknown_method("https://zernio.com/api/v1/nowhere").status,
        404
    );
}

#[test]
fn number_info_reads_the_graph_node_once_the_number_is_on_a_waba() {
    use wanumbers::api::graph::AddPhoneNumber;
    use wanumbers::api::zernio::GetNumberInfo;
    use wanumbers::api::{GraphClient, GraphConfig};
    let sandbox = Arc::new(Sandbox::new(34));
    let client = client(&sandbox, "sk_test_info");
    let (_, account) = live_number(&client);
    let info = || {
        client
            .execute(&GetNumberInfo {
                account_id: account.clone(),
            })
            .unwrap()
    };
    let before = info().phone.unwrap();
    assert_eq!(before.verified_name.as_deref(), Some("Sandbox Business"));
    let e164 = client.execute(&ListNumbers::default()).unwrap().numbers[0]
        .phone_number
        .clone()
        .unwrap();
    // The same number added to a WABA through the Graph API (another account's token).
    let graph = GraphClient::new(GraphConfig::new("EAAG_info"), sandbox.transport(now));
    graph
        .execute(&AddPhoneNumber {
            waba_id: "102290129340398".into(),
            cc: "1".into(),
            phone_number: e164.trim_start_matches("+1").into(),
            verified_name: "Acme Plumbing".into(),
            migrate_phone_number: None,
            preverified_id: None,
        })
        .unwrap();
    let after = info().phone.unwrap();
    assert_eq!(after.verified_name.as_deref(), Some("Acme Plumbing"));
    assert_ne!(after.name_status, before.name_status);
}

/// A call with an `Idempotency-Key`: the same key and body replay the first answer (one call
/// placed); the same key with another body is a 422 (zernio.md §8.19).
fn placed_once(
    client: &Client<impl wanumbers::api::Transport>,
    keyed: &wanumbers::api::zernio::PlaceCall,
) -> Value {
    let placed = client.execute(keyed).unwrap();
    assert_eq!(client.execute(keyed).unwrap(), placed);
    let other = wanumbers::api::zernio::PlaceCall {
        record_override: Some(true),
        ..keyed.clone()
    };
    assert_eq!(client.execute(&other).unwrap_err().status(), Some(422));
    placed
}

/// A US number bought (live at once): its record id and its WhatsApp account id.
fn live_number(client: &Client<impl wanumbers::api::Transport>) -> (String, String) {
    let id = match client.execute(&purchase("prof_1")).unwrap() {
        PurchaseOutcome::Provisioned { phone_number, .. } => phone_number.id,
        _ => None,
    };
    let listed = client.execute(&ListNumbers::default()).unwrap();
    let account = listed
        .numbers
        .first()
        .and_then(|n| n.social_account_id.clone())
        .expect("a live number has its WhatsApp account");
    (id.expect("a US number is instant"), account)
}

#[test]
fn whatsapp_calling_permissions_and_calls_on_a_live_number() {
    use wanumbers::api::zernio::{
        EnableWhatsappCalling, EstimateCall, GetCall, GetCallPermissions, GetCallRecording,
        GetCallingConfig, GetWhatsappCalling, ListCalls, PlaceCall,
    };
    let sandbox = Arc::new(Sandbox::new(35));
    let client = client(&sandbox, "sk_test_calls");
    let (id, account) = live_number(&client);
    let off = client
        .execute(&GetWhatsappCalling { id: id.clone() })
        .unwrap();
    assert_eq!(off.calling_enabled, Some(false));
    let wrong = client
        .execute(&EnableWhatsappCalling {
            id: id.clone(),
            account_id: "0123456789abcdef01234567".into(),
            forward_to: "tel:+14155550100".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(wrong.status(), Some(400), "not the number's account");
    let enabled = client
        .execute(&EnableWhatsappCalling {
            id: id.clone(),
            account_id: account.clone(),
            forward_to: "tel:+14155550100".into(),
            recording_enabled: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(enabled.calling_enabled, Some(true));
    let config = client
        .execute(&GetCallingConfig {
            account_id: account.clone(),
        })
        .unwrap();
    assert_eq!(config.forward_to.as_deref(), Some("tel:+14155550100"));
    let to = "+447400123456";
    let call = |action: Option<&str>| PlaceCall {
        account_id: account.clone(),
        to: to.into(),
        action: action.map(str::to_owned),
        ..Default::default()
    };
    let refused = client.execute(&call(None)).unwrap_err();
    assert_eq!(refused.status(), Some(409));
    client
        .execute(&call(Some("send_call_permission_request")))
        .unwrap();
    let permissions = client
        .execute(&GetCallPermissions {
            account_id: account.clone(),
            to: to.into(),
        })
        .unwrap();
    assert_eq!(
        permissions.permission.unwrap().status.unwrap().as_str(),
        "temporary"
    );
    let placed = placed_once(
        &client,
        &PlaceCall {
            idempotency_key: Some("call-1".into()),
            ..call(None)
        },
    );
    let call_id = placed["callId"].as_str().unwrap().to_owned();
    let page = client
        .execute(&ListCalls {
            account_id: account.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.calls.len(), 1);
    let got = client
        .execute(&GetCall {
            id: call_id.clone(),
            account_id: account.clone(),
        })
        .unwrap();
    assert_eq!(got.duration_seconds, Some(60));
    assert!(
        client
            .execute(&GetCallRecording {
                id: call_id,
                account_id: account.clone(),
            })
            .unwrap()
            .url
            .is_some()
    );
    let estimate = client
        .execute(&EstimateCall {
            account_id: account.clone(),
            to: to.into(),
            minutes: Some(3),
            recording: None,
        })
        .unwrap();
    assert_eq!(estimate.destination_country.as_deref(), Some("GB"));
}

#[test]
fn caller_id_voice_and_sms_on_a_live_number() {
    use wanumbers::api::zernio::{
        EnableSms, EnableVoice, ReuseSmsRegistration, StartCallerIdVerification, VerifyCallerId,
    };
    let sandbox = Arc::new(Sandbox::new(36));
    let client = client(&sandbox, "sk_test_voice");
    let (id, _) = live_number(&client);
    // Caller ID: a wrong code is refused, the sandbox's code verifies.
    client
        .execute(&StartCallerIdVerification {
            id: id.clone(),
            method: None,
        })
        .unwrap();
    let bad = client
        .execute(&VerifyCallerId {
            id: id.clone(),
            code: "000000".into(),
        })
        .unwrap_err();
    assert_eq!(bad.status(), Some(400));
    let verified = client
        .execute(&VerifyCallerId {
            id: id.clone(),
            code: "123456".into(),
        })
        .unwrap();
    assert_eq!(verified.verified, Some(true));
    let voice = client
        .execute(&EnableVoice {
            id: id.clone(),
            forward_to: Some("tel:+14155550100".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(voice.enabled, Some(true));
    // SMS on a US number needs a 10DLC registration first.
    let sms = client.execute(&EnableSms { id: id.clone() }).unwrap();
    assert_eq!(
        (sms.enabled, sms.needs_registration),
        (Some(false), Some(true))
    );
    client
        .execute(&ReuseSmsRegistration { id: id.clone() })
        .unwrap();
    let sms = client.execute(&EnableSms { id }).unwrap();
    assert_eq!(sms.enabled, Some(true));
}

#[test]
fn graph_preverified_numbers_are_verified_listed_and_shared() {
    use wanumbers::api::GraphClient;
    use wanumbers::api::graph::{
        AddPreverifiedNumbers, GetPreverifiedNumber, GraphConfig, ListPreverifiedNumbers,
        ListPreverifiedPartners, RequestPreverifiedCode, SharePreverifiedNumbers,
        UnsharePreverifiedNumbers, VerifyPreverifiedCode,
    };
    let sandbox = Arc::new(Sandbox::new(37));
    let graph = GraphClient::new(GraphConfig::new("EAAG_pre"), sandbox.transport(now));
    let business = "102290129340398".to_owned();
    let added = graph
        .execute(&AddPreverifiedNumbers {
            business_id: business.clone(),
            phone_number: "+447400123456".into(),
        })
        .unwrap();
    let id = added.id;
    let code = |code: &str| VerifyPreverifiedCode {
        preverified_id: id.clone(),
        code: code.into(),
    };
    assert!(
        graph.execute(&code("123456")).is_err(),
        "no code requested yet"
    );
    graph
        .execute(&RequestPreverifiedCode {
            preverified_id: id.clone(),
            code_method: "SMS".into(),
            language: "en_US".into(),
        })
        .unwrap();
    assert!(graph.execute(&code("000000")).is_err());
    assert!(graph.execute(&code("123456")).unwrap().success);
    let got = graph
        .execute(&GetPreverifiedNumber {
            preverified_id: id.clone(),
        })
        .unwrap();
    assert_eq!(got.verification_status.unwrap().as_str(), "VERIFIED");
    let listed = graph
        .execute(&ListPreverifiedNumbers {
            business_id: business.clone(),
            fields: None,
            limit: None,
            after: None,
            before: None,
            verification_status: Some("VERIFIED".into()),
            availability_status: None,
            country_code: Some("GB".into()),
        })
        .unwrap();
    assert_eq!(listed.data.len(), 1);
    let share = SharePreverifiedNumbers {
        business_id: business.clone(),
        preverified_id: id.clone(),
        partner_business_id: "998877665544332".into(),
    };
    graph.execute(&share).unwrap();
    let partners = |graph: &GraphClient<_>| {
        graph
            .execute(&ListPreverifiedPartners {
                preverified_id: id.clone(),
                fields: None,
                limit: None,
                after: None,
                before: None,
            })
            .unwrap()
            .data
            .len()
    };
    assert_eq!(partners(&graph), 1);
    graph
        .execute(&UnsharePreverifiedNumbers {
            business_id: share.business_id,
            preverified_id: share.preverified_id,
            partner_business_id: share.partner_business_id,
        })
        .unwrap();
    assert_eq!(partners(&graph), 0);
}

#[test]
fn graph_settings_read_back_what_was_set() {
    use wanumbers::api::graph::{AddPhoneNumber, GetPhoneNumberSettings, SetPhoneNumberSettings};
    use wanumbers::api::{GraphClient, GraphConfig};
    let sandbox = Arc::new(Sandbox::new(38));
    let graph = GraphClient::new(GraphConfig::new("EAAG_settings"), sandbox.transport(now));
    let business = "102290129340398".to_owned();
    let node = graph
        .execute(&AddPhoneNumber {
            waba_id: business,
            cc: "44".into(),
            phone_number: "7911123456".into(),
            verified_name: "Acme".into(),
            migrate_phone_number: None,
            preverified_id: None,
        })
        .unwrap()
        .id;
    let settings: wanumbers::api::graph::PhoneNumberSettings = wanumbers::error::from_value(
        json!({"storage_configuration": {"status": "ENABLED", "data_localization_region": "DE"}}),
    )
    .unwrap();
    graph
        .execute(&SetPhoneNumberSettings {
            phone_number_id: node.clone(),
            calling: None,
            user_identity_change: None,
            payload_encryption: None,
            storage_configuration: settings.storage_configuration,
        })
        .unwrap();
    let read = graph
        .execute(&GetPhoneNumberSettings {
            phone_number_id: node,
            include_sip_credentials: None,
        })
        .unwrap();
    assert_eq!(
        read.storage_configuration
            .unwrap()
            .data_localization_region
            .as_deref(),
        Some("DE")
    );
}

#[test]
fn graph_webhooks_are_signed_as_meta_signs_them() {
    use wanumbers::api::graph::{AddPhoneNumber, RequestCode, VerifyCode};
    use wanumbers::api::{GraphClient, GraphConfig};
    let sandbox = Arc::new(Sandbox::new(39));
    let token = "EAAG_hooks";
    let graph = GraphClient::new(GraphConfig::new(token), sandbox.transport(now));
    sandbox
        .control(
            "graph_webhook",
            &json!({"apiKey": token, "url": "https://hooks.example.com/meta", "appSecret": "app_secret_1"}),
            now(),
        )
        .unwrap();
    let id = graph
        .execute(&AddPhoneNumber {
            waba_id: "102290129340398".into(),
            cc: "44".into(),
            phone_number: "7911123456".into(),
            verified_name: "Café Acme".into(),
            migrate_phone_number: None,
            preverified_id: None,
        })
        .unwrap()
        .id;
    graph
        .execute(&RequestCode {
            phone_number_id: id.clone(),
            code_method: "SMS".into(),
            language: "en_US".into(),
        })
        .unwrap();
    graph
        .execute(&VerifyCode {
            phone_number_id: id.clone(),
            code: "123456".into(),
        })
        .unwrap();
    sandbox
        .control("advance", &json!({"by": 86_400}), now())
        .unwrap();
    sandbox
        .control(
            "graph_quality",
            &json!({"apiKey": token, "phoneNumberId": id, "qualityRating": "RED", "messagingLimitTier": "TIER_10K"}),
            now(),
        )
        .unwrap();
    let deliveries = sandbox.take_due(now());
    let fields: Vec<&str> = deliveries.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(
        fields,
        [
            "account_update",
            "phone_number_name_update",
            "phone_number_quality_update",
            "phone_number_quality_update"
        ]
    );
    for delivery in &deliveries {
        let header = delivery
            .headers
            .iter()
            .find(|(n, _)| n == "x-hub-signature-256")
            .map(|(_, v)| v.as_str());
        wanumbers::webhook::verify_meta_signature(b"app_secret_1", &delivery.body, header).unwrap();
        assert!(delivery.body.is_ascii(), "Meta escapes non-ASCII");
        let parsed = wanumbers::webhook::parse_meta_webhook(&delivery.body).unwrap();
        assert_eq!(parsed.entry.len(), 1);
    }
    let name: Value = serde_json::from_slice(&deliveries[1].body).unwrap();
    let value = &name["entry"][0]["changes"][0]["value"];
    assert_eq!(value["requested_verified_name"], "Café Acme");
    assert_eq!(value["display_phone_number"], "447911123456");
}

#[test]
fn controls_over_http_refuse_unknown_members_and_odd_urls() {
    let sandbox = Arc::new(Sandbox::new(40));
    let post = |path: &str, body: &Value| {
        let request = HttpRequest {
            method: Method::Post,
            url: format!("http://127.0.0.1/_sandbox/{path}"),
            headers: vec![("authorization".into(), "Bearer sk_test_strict".into())],
            body: serde_json::to_vec(body).unwrap(),
        };
        sandbox.handle(&request, now()).response
    };
    // A misspelt member is refused, not dropped.
    let typo = post("clock", &json!({"by": 10, "hours": 1}));
    assert_eq!(typo.status, 400);
    assert!(String::from_utf8_lossy(&typo.body).contains("hours"));
    assert_eq!(
        post("deliveries/redeliver", &json!({"eventID": "x"})).status,
        400
    );
    // The Graph callback must be an http(s) URL (the servers POST to it).
    let file = post(
        "graph/webhook",
        &json!({"url": "file:///etc/passwd", "appSecret": "s"}),
    );
    assert_eq!(file.status, 400);
    // A report with no outcome is a delivery that did not happen.
    let client = client(&sandbox, "sk_test_strict");
    subscribe(&client, "https://hooks.example.com/x");
    client.execute(&purchase("prof_1")).unwrap();
    let taken = sandbox.take_deliveries();
    let reported = sandbox
        .control("report", &json!({"deliveryId": taken[0].id}), now())
        .unwrap();
    assert_eq!(reported["log"]["errorMessage"], "not delivered");
}

#[test]
fn strict_keys_and_planted_latency_and_dropped_connections() {
    let sandbox = Arc::new(Sandbox::new(41));
    sandbox
        .control(
            "keys",
            &json!({"keys": ["sk_test_known", "EAAG_known"]}),
            now(),
        )
        .unwrap();
    let unknown = client(&sandbox, "sk_test_stranger")
        .execute(&ListNumbers::default())
        .unwrap_err();
    assert_eq!(unknown.code().as_str(), "unauthorized");
    let known = client(&sandbox, "sk_test_known");
    known.execute(&ListNumbers::default()).unwrap();
    // Keyless operations stay keyless; a key the sandbox was told to refuse is refused.
    let countries = HttpRequest {
        method: Method::Get,
        url: "https://zernio.com/api/v1/phone-numbers/countries".into(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    assert_eq!(sandbox.handle(&countries, now()).response.status, 200);
    sandbox
        .control("keys", &json!({"keys": null}), now())
        .unwrap();
    client(&sandbox, "sk_test_stranger")
        .execute(&ListNumbers::default())
        .unwrap();
    // A dropped connection is the transport's failure; a latency rides along for the host.
    sandbox
        .control(
            "fail",
            &json!({"apiKey": "sk_test_known", "operation": "purchase", "drop": true}),
            now(),
        )
        .unwrap();
    let dropped = known.execute(&purchase("prof_1")).unwrap_err();
    assert_eq!(dropped.code().as_str(), "transport_failed");
    sandbox
        .control(
            "fail",
            &json!({"apiKey": "sk_test_known", "operation": "list_numbers", "latencyMs": 250}),
            now(),
        )
        .unwrap();
    let request = HttpRequest {
        method: Method::Get,
        url: "https://zernio.com/api/v1/phone-numbers".into(),
        headers: vec![("authorization".into(), "Bearer sk_test_known".into())],
        body: Vec::new(),
    };
    let handled = sandbox.handle(&request, now());
    assert_eq!(
        (handled.response.status, handled.latency_ms, handled.dropped),
        (200, 250, false)
    );
    let nothing = sandbox
        .control(
            "fail",
            &json!({"apiKey": "sk_test_known", "operation": "list_numbers"}),
            now(),
        )
        .unwrap_err();
    assert_eq!(nothing.code().as_str(), "argument_invalid");
}
