//! `api_response`: every Zernio and Graph response parser (`dispatch::zernio_parse` /
//! `dispatch::graph_parse`, every name in `ZERNIO_OPERATIONS` and `GRAPH_OPERATIONS`) on an
//! HTTP response built from the input; the input's last byte picks the operation. Each operation gets fixed, valid arguments (below), so
//! the fuzzer spends its time in the response parsers.
//!
//! Input, HTTP-like: the status on the first line (`200`; anything else: 200), then
//! `Name: value` header lines, an empty line, and the body (raw bytes, usually JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wanumbers::Error;
use wanumbers::api::HttpResponse;
use wanumbers::api::dispatch::{self, GRAPH_OPERATIONS, ZERNIO_OPERATIONS};
use wanumbers::error::SENSITIVE_DETAILS;
use wanumbers_fuzz::{first_line, text};

/// Valid arguments per operation (the first case of each operation in
/// `tests/vectors/http_responses.json`); an operation missing here gets `{}`.
const ARGS: &[(&str, &str)] = &[
    ("list_countries", "{}"),
    ("search_available", "{}"),
    ("check_availability", r#"{"country":"DE"}"#),
    ("purchase", r#"{"profileId":"prof_1","country":"GB"}"#),
    ("list_numbers", "{}"),
    ("get_number", r#"{"id":"665f"}"#),
    ("release_number", r#"{"id":"665f"}"#),
    ("get_kyc_form", r#"{"country":"GB"}"#),
    (
        "submit_kyc",
        r#"{"form":{"country":"GB","fields":[{"requirementId":"gb-name","label":"Business name","kind":"text"}]},"submission":{"profileId":"prof_1","country":"GB","values":{"gb-name":"Acme Ltd"}},"today":"2026-03-15"}"#,
    ),
    (
        "upload_document",
        r#"{"filename":"a.pdf","bytes":"JVBERi0xLjQKJXdhbnVtYmVycwo="}"#,
    ),
    (
        "validate_address",
        r#"{"country":"GB","streetAddress":"10 Downing Street","locality":"London","postalCode":"SW1A 2AA"}"#,
    ),
    ("create_kyc_link", r#"{"profileId":"p","country":"GB"}"#),
    ("get_remediation", r#"{"id":"665f"}"#),
    (
        "submit_remediation",
        r#"{"id":"665f","form":{"country":"GB","fields":[{"requirementId":"gb-poa","label":"Proof of address","kind":"file"}]},"today":"2026-03-15","submission":{"documents":[{"requirementId":"gb-poa","documentId":"doc_9"}]}}"#,
    ),
    ("request_whatsapp_code", r#"{"id":"665f"}"#),
    ("verify_whatsapp_code", r#"{"id":"665f","code":"123456"}"#),
    ("get_number_info", r#"{"accountId":"acc_1"}"#),
    ("place_call", r#"{"accountId":"a","to":"+447400123456"}"#),
    ("move_to_profile", r#"{"id":"665f","profileId":"p2"}"#),
    ("get_phone_number", r#"{"phoneNumberId":"1065"}"#),
    ("list_phone_numbers", r#"{"wabaId":"1022"}"#),
    (
        "request_code",
        r#"{"phoneNumberId":"1065","codeMethod":"SMS"}"#,
    ),
    ("verify_code", r#"{"phoneNumberId":"1065","code":"123456"}"#),
    ("register", r#"{"phoneNumberId":"1065","pin":"123456"}"#),
    ("deregister", r#"{"phoneNumberId":"1065"}"#),
    (
        "set_two_step_pin",
        r#"{"phoneNumberId":"1065","pin":"123456"}"#,
    ),
    (
        "request_display_name",
        r#"{"phoneNumberId":"1065","newDisplayName":"Acme"}"#,
    ),
    (
        "get_conversational_automation",
        r#"{"phoneNumberId":"1065"}"#,
    ),
    (
        "set_conversational_automation",
        r#"{"phoneNumberId":"1065","prompts":["a"]}"#,
    ),
    ("get_health_status", r#"{"nodeId":"1065"}"#),
    (
        "add_phone_number",
        r#"{"wabaId":"1022","cc":"1","phoneNumber":"4155551234","verifiedName":"Acme"}"#,
    ),
    (
        "request_preverified_code",
        r#"{"preverifiedId":"1065","codeMethod":"SMS"}"#,
    ),
    (
        "verify_preverified_code",
        r#"{"preverifiedId":"1065","code":"123456"}"#,
    ),
    (
        "add_preverified_numbers",
        r#"{"businessId":"1022","phoneNumber":"+16315551000"}"#,
    ),
    ("list_preverified_numbers", r#"{"businessId":"1022"}"#),
    ("get_preverified_number", r#"{"preverifiedId":"1065"}"#),
    ("delete_preverified_number", r#"{"preverifiedId":"1065"}"#),
    ("list_preverified_partners", r#"{"preverifiedId":"1065"}"#),
    (
        "share_preverified_numbers",
        r#"{"businessId":"1022","preverifiedId":"1065","partnerBusinessId":"2044"}"#,
    ),
    (
        "unshare_preverified_numbers",
        r#"{"businessId":"1022","preverifiedId":"1065","partnerBusinessId":"2044"}"#,
    ),
    ("get_claim", r#"{"claimId":"clm_1"}"#),
    (
        "review_kyc_packet",
        r#"{"country":"GB","numberType":"mobile","docs":[{"requirementId":"r","documentId":"d"}]}"#,
    ),
    ("view_kyc_document", r#"{"documentId":"doc_1"}"#),
    ("reply_to_reviewer", r#"{"id":"665f","text":"t"}"#),
    ("respond_to_reviewer", r#"{"id":"665f","message":"m"}"#),
    ("create_stock_watch", r#"{"country":"DE"}"#),
    ("delete_stock_watch", r#"{"id":"sw_1"}"#),
    (
        "get_call_permissions",
        r#"{"accountId":"acc_1","to":"+447400123456"}"#,
    ),
    ("get_whatsapp_calling", r#"{"id":"n1"}"#),
    (
        "enable_whatsapp_calling",
        r#"{"id":"n1","accountId":"a","forwardTo":"tel:+447400123456"}"#,
    ),
    ("update_whatsapp_calling", r#"{"id":"n1","accountId":"a"}"#),
    ("disable_whatsapp_calling", r#"{"id":"n1","accountId":"a"}"#),
    ("get_calling_config", r#"{"accountId":"acc_1"}"#),
    ("list_calls", r#"{"accountId":"acc_1"}"#),
    ("get_call", r#"{"id":"c1","accountId":"acc_1"}"#),
    ("get_call_recording", r#"{"id":"c1","accountId":"acc_1"}"#),
    (
        "estimate_call",
        r#"{"accountId":"acc_1","to":"+447400123456"}"#,
    ),
    ("start_caller_id_verification", r#"{"id":"n1"}"#),
    ("verify_caller_id", r#"{"id":"n1","code":"123456"}"#),
    ("enable_voice", r#"{"id":"n1"}"#),
    ("disable_voice", r#"{"id":"n1"}"#),
    ("enable_sms", r#"{"id":"n1"}"#),
    ("disable_sms", r#"{"id":"n1"}"#),
    ("reuse_sms_registration", r#"{"id":"n1"}"#),
    (
        "create_webhook_settings",
        r#"{"name":"n","url":"https://example.com/h","events":["post.failed"]}"#,
    ),
    (
        "update_webhook_settings",
        r#"{"id":"507f1f77bcf86cd799439011"}"#,
    ),
    (
        "delete_webhook_settings",
        r#"{"id":"507f1f77bcf86cd799439011"}"#,
    ),
    (
        "test_webhook",
        r#"{"webhookId":"507f1f77bcf86cd799439011"}"#,
    ),
    ("get_phone_number_settings", r#"{"phoneNumberId":"1065"}"#),
    (
        "set_phone_number_settings",
        r#"{"phoneNumberId":"1065","calling":{"status":"ENABLED"}}"#,
    ),
];

/// At most this many header lines are read (the input bounds them anyway).
const MAX_HEADERS: usize = 64;

fn args(op: &str) -> Value {
    let text = ARGS
        .iter()
        .find(|(name, _)| *name == op)
        .map_or("{}", |(_, a)| a);
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn response(data: &[u8]) -> HttpResponse {
    let (status_line, mut rest) = first_line(data);
    let status = text(status_line)
        .and_then(|s| s.trim().parse::<u16>().ok())
        .unwrap_or(200);
    let mut headers = Vec::new();
    while !rest.is_empty() && headers.len() < MAX_HEADERS {
        let (line, after) = first_line(rest);
        rest = after;
        let line = String::from_utf8_lossy(line);
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    HttpResponse {
        status,
        headers,
        body: rest.to_vec(),
    }
}

fuzz_target!(|data: &[u8]| {
    // The last byte picks the operation, so each execution parses one response once (running
    // all 30 parsers per input made this target 30 times slower than the others).
    let response = response(data);
    let pick = usize::from(data.last().copied().unwrap_or(0));
    let count = ZERNIO_OPERATIONS.len() + GRAPH_OPERATIONS.len();
    let index = pick % count;
    if let Some(op) = ZERNIO_OPERATIONS.get(index) {
        let result = dispatch::zernio_parse(op, args(op), &response);
        check(op, &response, result);
    } else if let Some(op) = GRAPH_OPERATIONS.get(index - ZERNIO_OPERATIONS.len()) {
        let result = dispatch::graph_parse(op, args(op), &response);
        check(op, &response, result);
    }
});

fn check(op: &str, response: &HttpResponse, result: Result<Value, Error>) {
    match result {
        Ok(output) => {
            // No operation reads an error status as success.
            assert!(
                (200..300).contains(&response.status),
                "{op}: status {} parsed as a success: {output}",
                response.status
            );
        }
        Err(error) => {
            let code = error.code();
            // The arguments are valid: every failure is about the response.
            assert!(
                !matches!(code.as_str(), "json_invalid" | "operation_unknown")
                    && !code.as_str().starts_with("argument_"),
                "{op}: the fixed arguments were refused: {error:?}"
            );
            assert_eq!(
                error.details().get("operation").and_then(Value::as_str),
                Some(op)
            );
            // Upstream text stays in the sensitive details, which `Debug` shows as
            // `<redacted>`.
            let debug = format!("{error:?}");
            for key in SENSITIVE_DETAILS {
                if error.details().get(*key).is_none() {
                    continue;
                }
                assert!(
                    debug.contains(&format!("{key:?}: \"<redacted>\"")),
                    "{op}: {key} shown by Debug"
                );
            }
            assert!(serde_json::to_string(&error).is_ok());
        }
    }
}
