//! The number lifecycle on the embedded sandbox, through the same client a service uses.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Value, json};
use wanumbers::api::graph::{AddPhoneNumber, GetPhoneNumber, Register, RequestCode, VerifyCode};
use wanumbers::api::models::PurchaseOutcome;
use wanumbers::api::zernio::{
    CreateWebhookSettings, GetKycForm, GetNumber, ListNumbers, Purchase, ReleaseNumber, SubmitKyc,
};
use wanumbers::api::{Client, Config, GraphClient, GraphConfig, HttpRequest, Method};
use wanumbers::pricing::format_usd;
use wanumbers::sandbox::Sandbox;
use wanumbers::{Timestamp, webhook};

const KEY: &str = "sk_test_demo";
const SECRET: &[u8] = b"whsec_demo";

/// Sends a control request (`/_sandbox/...`) and returns its JSON.
fn control(sandbox: &Sandbox, method: Method, path: &str, body: &Value, now: Timestamp) -> Value {
    let request = HttpRequest {
        method,
        url: format!("http://sandbox/_sandbox/{path}"),
        headers: vec![("authorization".into(), format!("Bearer {KEY}"))],
        body: if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        },
    };
    serde_json::from_slice(&sandbox.handle(&request, now).response.body).unwrap_or(Value::Null)
}

/// The webhooks the sandbox sent since the last look, each signature checked as a receiver
/// checks it: over the raw body, with the subscription's secret.
fn show_deliveries(sandbox: &Sandbox) {
    for delivery in sandbox.take_deliveries() {
        let signature = delivery
            .headers
            .iter()
            .find(|(name, _)| name == "x-zernio-signature")
            .map(|(_, value)| value.as_str());
        let verdict = match webhook::verify_zernio_signature(SECRET, &delivery.body, signature) {
            Ok(()) => "signature verified",
            Err(_) => "BAD SIGNATURE",
        };
        println!(
            "  webhook {} to {}: {verdict}",
            delivery.event, delivery.url
        );
    }
}

/// Meta's side of the GB number, through the Graph client: added to the WABA, a code requested
/// and verified (a wrong one first), registered for the Cloud API with a two-step PIN.
fn verify_and_register(
    sandbox: &Arc<Sandbox>,
    now: &Rc<Cell<Timestamp>>,
    e164: &str,
) -> Result<(), wanumbers::Error> {
    let clock = Rc::clone(now);
    let graph = GraphClient::new(
        GraphConfig::new("EAAG_demo_token"),
        sandbox.transport(move || clock.get()),
    );
    let added = graph.execute(&AddPhoneNumber {
        waba_id: "102290129340398".into(),
        cc: "44".into(),
        phone_number: e164.trim_start_matches("+44").into(),
        verified_name: "Acme Ltd".into(),
        migrate_phone_number: None,
        preverified_id: None,
    })?;
    let id = added.id;
    graph.execute(&RequestCode {
        phone_number_id: id.clone(),
        code_method: "SMS".into(),
        language: "en_US".into(),
    })?;
    let code = |code: &str| VerifyCode {
        phone_number_id: id.clone(),
        code: code.into(),
    };
    if let Err(wrong) = graph.execute(&code("000000")) {
        println!("  Meta: a wrong code is {}", wrong.code());
    }
    graph.execute(&code(wanumbers::sandbox::GOOD_CODE))?;
    graph.execute(&Register {
        phone_number_id: id.clone(),
        pin: "112233".into(),
        data_localization_region: None,
    })?;
    let node = graph.execute(&GetPhoneNumber {
        phone_number_id: id,
        fields: None,
    })?;
    println!(
        "  Meta: {e164} verified and registered with a two-step PIN: {}, {}",
        node.status.map(|s| s.to_string()).unwrap_or_default(),
        node.platform_type
            .map(|s| s.to_string())
            .unwrap_or_default()
    );
    Ok(())
}

pub fn run() -> Result<(), wanumbers::Error> {
    println!("\n== The main job, on the embedded sandbox (no network, no key)");
    let sandbox = Arc::new(Sandbox::new(2026));
    // The host's clock: fixed here so the tour prints the same every time.
    let start: Timestamp = "2026-12-01T09:00:00Z".parse()?;
    let now = Rc::new(Cell::new(start));
    let clock = Rc::clone(&now);
    let client = Client::new(Config::new(KEY), sandbox.transport(move || clock.get()));

    client.execute(&CreateWebhookSettings {
        name: "numbers".into(),
        url: "https://ops.example.com/hooks/zernio".into(),
        secret: Some(String::from_utf8_lossy(SECRET).into_owned()),
        events: vec![
            "whatsapp.number.activated".into(),
            "whatsapp.number.released".into(),
        ],
        ..Default::default()
    })?;
    println!("  webhook subscribed: activated, released (signed with a secret)");

    let us = Purchase {
        profile_id: "prof_demo".into(),
        country: Some("US".into()),
        purchase_intent_id: Some("order-1001".into()),
        ..Default::default()
    };
    if let PurchaseOutcome::Provisioned { phone_number, .. } = client.execute(&us)? {
        println!(
            "  bought US {} instantly: {}",
            phone_number.phone_number.unwrap_or_default(),
            phone_number
                .status
                .map(|s| s.to_string())
                .unwrap_or_default()
        );
    }
    if let PurchaseOutcome::AlreadyPurchased { phone_number, .. } = client.execute(&us)? {
        println!(
            "  the same order again (a retry): already purchased, still {}",
            phone_number.unwrap_or_default()
        );
    }

    show_deliveries(&sandbox);

    let gb = Purchase {
        profile_id: "prof_demo".into(),
        country: Some("GB".into()),
        allow_multiple: Some(true),
        ..Default::default()
    };
    if let PurchaseOutcome::KycRequired { kyc_url, .. } = client.execute(&gb)? {
        println!("  GB needs KYC first: {}", kyc_url.unwrap_or_default());
    }
    let form = client.execute(&GetKycForm {
        country: "GB".into(),
        number_type: None,
        profile_id: None,
    })?;
    let submission = wanumbers::error::from_value(json!({
        "profileId": "prof_demo", "country": "GB", "submissionId": "kyc-77",
        "endUserFirstName": "Ana", "endUserLastName": "Garcia",
        "values": {"gb-name": "Acme Ltd", "gb-contact": "ops@acme.example"},
        "documents": [{"requirementId": "gb-poa", "filename": "bill.pdf",
                       "base64": "JVBERi0xLjQKJXdhbnVtYmVycyB0ZXN0CjEgMCBvYmo8PD4+ZW5kb2JqCg=="}],
        "address": {"requirementId": "gb-addr", "country_code": "GB", "street_address": "10 Downing Street",
                    "locality": "London", "administrative_area": "London", "postal_code": "SW1A 2AA"}
    }))?;
    let submitted = client.execute(&SubmitKyc {
        form,
        submission,
        availability: None,
        today: start.date(),
    })?;
    let gb_id = submitted
        .numbers
        .first()
        .and_then(|n| n["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    println!(
        "  KYC submitted (checked by the library's validator first): number {gb_id} pending_regulatory"
    );

    let moved = control(
        &sandbox,
        Method::Post,
        "clock",
        &json!({"by": 2 * 86_400}),
        now.get(),
    );
    if let Some(at) = moved["now"].as_str() {
        now.set(at.parse()?);
        println!("  two days later ({at}), the regulator approves");
    }
    let record = client.execute(&GetNumber { id: gb_id.clone() })?;
    let gb_number = record.phone_number.unwrap_or_default();
    println!(
        "  GB {gb_number} is {}",
        record.status.map(|s| s.to_string()).unwrap_or_default()
    );
    show_deliveries(&sandbox);
    verify_and_register(&sandbox, &now, &gb_number)?;

    // A month on, what the account owes for December so far: the sandbox's own history, priced
    // by the library's invoice().
    let later: Timestamp = "2026-12-31T09:00:00Z".parse()?;
    control(
        &sandbox,
        Method::Post,
        "clock",
        &json!({"to": later.to_string()}),
        now.get(),
    );
    now.set(later);
    let invoice = control(
        &sandbox,
        Method::Get,
        "invoice?start=2026-12-01&end=2027-01-01",
        &Value::Null,
        now.get(),
    );
    println!(
        "  December invoice: {} for {} number(s)",
        format_usd(invoice["totalCents"].as_u64().unwrap_or_default()),
        invoice["lines"].as_array().map_or(0, Vec::len)
    );

    client.execute(&ReleaseNumber { id: gb_id })?;
    let left = client.execute(&ListNumbers::default())?;
    println!(
        "  GB released; {} number(s) left on the account",
        left.numbers.len()
    );
    show_deliveries(&sandbox);
    Ok(())
}
