//! Secrets and personal data never reach `Debug` or `Display`: every public type that can hold
//! an API key, a webhook secret, a name, an address, a document or a phone number, and every
//! error that can carry them, is printed with planted values, which must not appear.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_macros
)]

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
    let code = graph::VerifyPreverifiedCode {
        preverified_id: "1".into(),
        code: "PLANTED".into(),
    };
    shown(&code, "VerifyPreverifiedCode");
    let server = graph::SipServer {
        hostname: Some("sip.example.com".into()),
        password: Some("PLANTED".into()),
        ..Default::default()
    };
    shown(&server, "SipServer");
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

#[test]
fn webhook_secrets_and_calling_credentials() {
    use wanumbers::api::zernio;
    let hook_url = "https://hooks.example.com/services/T0PLANTED/B0PLANTED";
    let create: zernio::CreateWebhookSettings = wanumbers::error::from_value(serde_json::json!({
        "name": "n", "url": hook_url, "secret": KEY, "events": ["post.failed"],
        "customHeaders": {"authorization": format!("Bearer {TOKEN}")}
    }))
    .unwrap();
    shown(&create, "CreateWebhookSettings");
    let update: zernio::UpdateWebhookSettings = wanumbers::error::from_value(serde_json::json!({
        "id": "507f1f77bcf86cd799439011", "url": hook_url, "secret": KEY,
        "customHeaders": {"x-token": TOKEN}
    }))
    .unwrap();
    shown(&update, "UpdateWebhookSettings");
    // The models keep the secret (the caller may need it) but never show it.
    let body = serde_json::json!({"success": true, "webhook": {
        "_id": "1", "url": hook_url, "secret": KEY, "customHeaders": {"authorization": TOKEN}}});
    let response = HttpResponse::new(200, serde_json::to_vec(&body).unwrap());
    let args =
        serde_json::json!({"name": "n", "url": "https://example.com", "events": ["post.failed"]});
    let saved = dispatch::zernio_parse("create_webhook_settings", args.clone(), &response).unwrap();
    assert_eq!(saved["webhook"]["secret"], KEY);
    let operation: zernio::CreateWebhookSettings = wanumbers::error::from_value(args).unwrap();
    let typed = wanumbers::api::Operation::parse(&operation, &response).unwrap();
    shown(&typed, "WebhookSaved");
    let list: zernio::WebhookList =
        wanumbers::error::from_value(serde_json::json!({"webhooks": [body["webhook"].clone()]}))
            .unwrap();
    shown(&list, "WebhookList");
    let logs: zernio::WebhookLogPage = wanumbers::error::from_value(serde_json::json!({"logs": [{
        "url": hook_url, "requestPayload": {"name": NAME, "email": EMAIL},
        "responseBody": NAME, "errorMessage": EMAIL}]}))
    .unwrap();
    shown(&logs, "WebhookLogPage");
    let enable = zernio::EnableWhatsappCalling {
        id: "1".into(),
        account_id: "a".into(),
        forward_to: format!("sip:{NAME}@pbx.example.com"),
        sip_auth_username: Some(NAME.into()),
        sip_auth_password: Some(KEY.into()),
        ..Default::default()
    };
    shown(&enable, "EnableWhatsappCalling");
    let update = zernio::UpdateWhatsappCalling {
        id: "1".into(),
        account_id: "a".into(),
        forward_to: Some(format!("tel:{NAME}")),
        sip_auth_password: Some(Some(KEY.into())),
        ..Default::default()
    };
    shown(&update, "UpdateWhatsappCalling");
    let calling: zernio::WhatsappCalling = wanumbers::error::from_value(serde_json::json!({
        "forwardTo": format!("sip:{NAME}@pbx.example.com"), "sipAuthUsername": NAME}))
    .unwrap();
    shown(&calling, "WhatsappCalling");
    let permissions = zernio::GetCallPermissions {
        account_id: "a".into(),
        to: "+44PLANTED".into(),
    };
    shown(&permissions, "GetCallPermissions");
}

#[test]
fn calls_voice_and_caller_id() {
    use wanumbers::api::zernio;
    let voice: zernio::EnableVoice = wanumbers::error::from_value(serde_json::json!({
        "id": "665f", "forwardTo": format!("sip:{NAME}@pbx.example.com"),
        "voicemailGreeting": format!("You reached {NAME}"), "ivrPrompt": NAME,
        "blockedCallers": [EMAIL], "businessHoursTimezone": NAME,
        "ivrOptions": [{"digit": "1", "forwardTo": format!("sip:{EMAIL}"), "label": "x"}]
    }))
    .unwrap();
    shown(&voice, "EnableVoice");
    let settings: zernio::VoiceSettings = wanumbers::error::from_value(serde_json::json!({
        "pstnForwardTo": format!("sip:{NAME}@pbx.example.com"), "voicemailGreeting": NAME,
        "blockedCallers": [EMAIL], "ivrPrompt": NAME,
        "ivrOptions": [{"digit": "1", "forwardTo": format!("sip:{EMAIL}")}]
    }))
    .unwrap();
    shown(&settings, "VoiceSettings");
    let page: zernio::CallPage = wanumbers::error::from_value(serde_json::json!({"calls": [{
        "_id": "c1", "from": format!("+44{NAME}"), "to": EMAIL,
        "recordingUrl": format!("https://rec.example.com/r?sig={TOKEN}")}]}))
    .unwrap();
    shown(&page, "CallPage");
    let recording: zernio::CallRecording =
        wanumbers::error::from_value(serde_json::json!({"url": format!("https://r?{TOKEN}")}))
            .unwrap();
    shown(&recording, "CallRecording");
    let estimate = zernio::EstimateCall {
        account_id: "a".into(),
        to: format!("+44{NAME}"),
        ..Default::default()
    };
    shown(&estimate, "EstimateCall");
    let verify = zernio::VerifyCallerId {
        id: "665f".into(),
        code: TOKEN.into(),
    };
    shown(&verify, "VerifyCallerId");
    // The argument errors do not repeat the values either.
    for args in [
        serde_json::json!({"id": "665f", "blockedCallers": [format!("+44 {NAME}")]}),
        serde_json::json!({"id": "665f", "ivrOptions": [{"digit": "1", "forwardTo": format!("https://{EMAIL}")}]}),
    ] {
        let err = dispatch::zernio_request(&wanumbers::api::Config::new("k"), "enable_voice", args)
            .unwrap_err();
        shown(&err, "enable_voice error");
        clean(&err.to_string(), "enable_voice error Display");
    }
    // A forwarding number that parses but is not written in E.164 is not repeated (not even
    // in its E.164 form) in any detail of the error.
    for (op, args) in [
        (
            "enable_voice",
            serde_json::json!({"id": "665f", "forwardTo": "tel:+44 7911 123456"}),
        ),
        (
            "enable_whatsapp_calling",
            serde_json::json!({"id": "665f", "accountId": "a", "forwardTo": "tel:+44 7911 123456"}),
        ),
    ] {
        let err =
            dispatch::zernio_request(&wanumbers::api::Config::new("k"), op, args).unwrap_err();
        let all = format!(
            "{err:?} {err} {}",
            serde_json::to_string(err.details()).unwrap()
        );
        assert!(!all.contains("7911"), "{op}: {all}");
    }
}

#[test]
fn messages_to_the_reviewer_and_documents_on_file() {
    use wanumbers::api::zernio::{
        KycDocumentFile, ReplyToReviewer, RespondToReviewer, ReviewKycPacket,
    };
    let attachment = serde_json::json!({"filename": format!("{NAME}.pdf"), "base64": DOC});
    let reply: ReplyToReviewer = wanumbers::error::from_value(serde_json::json!({
        "id": "665f", "text": format!("I am {NAME}, {EMAIL}"), "attachments": [attachment.clone()]
    }))
    .unwrap();
    shown(&reply, "ReplyToReviewer");
    let respond: RespondToReviewer = wanumbers::error::from_value(serde_json::json!({
        "id": "665f", "message": NAME, "address": {"street_address": STREET},
        "documents": [{"requirementId": "gb-poa", "filename": format!("{NAME}.pdf"), "base64": DOC}],
        "attachments": [attachment]
    }))
    .unwrap();
    shown(&respond, "RespondToReviewer");
    let packet: ReviewKycPacket = wanumbers::error::from_value(serde_json::json!({
        "country": "GB", "numberType": "mobile", "values": {"gb-name": NAME},
        "address": {"street_address": STREET}, "docs": [{"requirementId": "r", "documentId": "d"}]
    }))
    .unwrap();
    shown(&packet, "ReviewKycPacket");
    let file = KycDocumentFile {
        content_type: Some("application/pdf".into()),
        bytes: format!("%PDF {NAME}").into_bytes(),
    };
    shown(&file, "KycDocumentFile");
}
