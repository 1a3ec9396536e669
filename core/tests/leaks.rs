//! Secrets and personal data never reach `Debug` or `Display`: every public type that can hold
//! an API key, a webhook secret, a name, an address, a document or a phone number, and every
//! error that can carry them, is printed with planted values, which must not appear.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wanumbers::api::{Config, GraphConfig, HttpResponse, Secret, dispatch};
use wanumbers::kyc::{self, KycForm, KycSubmission, Lang, RemediationSubmission};
use wanumbers::{Date, phone, webhook};

const KEY: &str = "sk_live_PLANTEDSECRET123456";
const TOKEN: &str = "EAAGPLANTEDTOKEN0123456789";
const NAME: &str = "Ana Plantedgarcia";
const EMAIL: &str = "ana.planted@example.com";
const STREET: &str = "12 Plantedstreet Road";
const DOC: &str = "JVBERi0xLjQKUExBTlRFRA==";

fn clean(text: &str, what: &str) {
    for planted in [
        KEY,
        TOKEN,
        NAME,
        EMAIL,
        STREET,
        DOC,
        "Plantedgarcia",
        "PLANTED",
    ] {
        assert!(!text.contains(planted), "{what} shows {planted}: {text}");
    }
}

fn shown<T: std::fmt::Debug>(value: &T, what: &str) {
    clean(&format!("{value:?}"), what);
    clean(&format!("{value:#?}"), what);
}

fn submission() -> KycSubmission {
    let json = format!(
        r#"{{"country": "GB", "endUserFirstName": "{NAME}", "endUserLastName": "{NAME}",
        "values": {{"gb-name": "{NAME}", "gb-contact": "{EMAIL}"}},
        "documents": [{{"requirementId": "gb-poa", "filename": "{NAME}.pdf", "base64": "{DOC}"}}],
        "address": {{"requirementId": "gb-addr", "country_code": "GB", "street_address": "{STREET}",
        "locality": "London", "postal_code": "SW1A 2AA"}}}}"#
    );
    wanumbers::error::from_value(serde_json::from_str(&json).unwrap()).unwrap()
}

#[test]
fn configs_requests_and_secrets() {
    shown(&Secret::new(KEY), "Secret");
    shown(&Config::new(KEY), "Config");
    shown(&GraphConfig::new(TOKEN), "GraphConfig");
    let request =
        dispatch::zernio_request(&Config::new(KEY), "list_countries", serde_json::json!({}))
            .unwrap();
    shown(&request, "HttpRequest");
    let response = HttpResponse {
        status: 200,
        headers: vec![("authorization".into(), format!("Bearer {KEY}"))],
        body: NAME.as_bytes().to_vec(),
    };
    shown(&response, "HttpResponse");
}

#[test]
fn kyc_models_and_their_errors() {
    let sub = submission();
    shown(&sub, "KycSubmission");
    shown(&sub.documents, "KycDocument");
    shown(&sub.address, "KycAddress");
    let remediation: RemediationSubmission = wanumbers::error::from_value(serde_json::json!({
        "values": {"gb-name": NAME}, "documents": [{"requirementId": "x", "base64": DOC}]
    }))
    .unwrap();
    shown(&remediation, "RemediationSubmission");
    let form: KycForm = wanumbers::error::from_value(serde_json::json!({
        "country": "GB", "fields": [
            {"requirementId": "gb-name", "label": "Name", "type": "textual"},
            {"requirementId": "gb-addr", "label": "Address", "type": "address", "localTo": "DE"}]
    }))
    .unwrap();
    let today = Date::parse("2026-03-01").unwrap();
    for lang in [Lang::En, Lang::Es, Lang::PtBr] {
        let errors = kyc::validate_submission(&form, &sub, None, today, lang);
        assert!(!errors.is_empty());
        shown(&errors, "FieldError");
    }
    // A model of the wrong shape: the error names the field, never the value.
    let err = wanumbers::error::from_value::<KycSubmission>(serde_json::json!({"quantity": NAME}))
        .unwrap_err();
    shown(&err, "json_invalid");
    clean(&err.to_string(), "json_invalid Display");
}

#[test]
fn api_errors_keep_upstream_text_out_of_debug_and_display() {
    let bodies = [
        (
            400,
            format!(r#"{{"error": "{NAME} <{EMAIL}> cannot buy this"}}"#),
        ),
        (500, format!("<html>error for {NAME} {EMAIL}</html>")),
        (200, format!(r#"{{"countries": "{NAME}"}}"#)),
        (200, format!("not json {NAME}")),
    ];
    for (status, body) in bodies {
        let response = HttpResponse {
            status,
            headers: vec![("x-request-id".into(), format!("Bearer {KEY}"))],
            body: body.into_bytes(),
        };
        let err =
            dispatch::zernio_parse("list_countries", serde_json::json!({}), &response).unwrap_err();
        shown(&err, "ApiError");
        clean(&err.to_string(), "ApiError Display");
    }
    let graph = HttpResponse::new(
        400,
        format!(
            r#"{{"error": {{"code": 100, "message": "bad param for {NAME} {EMAIL} {TOKEN}"}}}}"#
        ),
    );
    let err = dispatch::graph_parse(
        "get_phone_number",
        serde_json::json!({"phoneNumberId": "1"}),
        &graph,
    )
    .unwrap_err();
    shown(&err, "Graph ApiError");
    let err = dispatch::zernio_parse(NAME, serde_json::json!({}), &graph).unwrap_err();
    shown(&err, "operation_unknown");
}

#[test]
fn codes_pins_and_consumers_numbers() {
    use wanumbers::api::{graph, zernio};
    let pin = graph::SetTwoStepPin {
        phone_number_id: "1".into(),
        pin: "PLANTED".into(),
    };
    shown(&pin, "SetTwoStepPin");
    let code = graph::VerifyCode {
        phone_number_id: "1".into(),
        code: "PLANTED".into(),
    };
    shown(&code, "VerifyCode");
    let code = zernio::VerifyWhatsappCode {
        id: "1".into(),
        code: "PLANTED".into(),
    };
    shown(&code, "VerifyWhatsappCode");
    let call = zernio::PlaceCall {
        account_id: "acc".into(),
        to: "+44PLANTED".into(),
        forward_to: Some(format!("tel:{NAME}")),
        body_text: Some(NAME.into()),
        ..Default::default()
    };
    shown(&call, "PlaceCall");
}

#[test]
fn webhook_and_phone_errors() {
    let err =
        webhook::verify_zernio_signature(KEY.as_bytes(), NAME.as_bytes(), Some(KEY)).unwrap_err();
    shown(&err, "signature error");
    clean(&err.to_string(), "signature Display");
    let err = webhook::meta_challenge(Some("subscribe"), Some(KEY), Some(NAME), TOKEN).unwrap_err();
    shown(&err, "challenge error");
    let err =
        webhook::parse_zernio_webhook(format!(r#"{{"id": 5, "event": "{NAME}"}}"#).as_bytes())
            .unwrap_err();
    shown(&err, "webhook parse error");
    let err = phone::normalize(&format!("{NAME} {EMAIL}"), None).unwrap_err();
    shown(&err, "phone error");
    clean(&err.to_string(), "phone Display");
}
