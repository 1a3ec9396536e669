//! Zernio's calling operations: WhatsApp calls and their settings, call history and
//! estimates, caller-ID verification, voice (PSTN) and SMS on a number (reference zernio.md
//! §3.12 and Zernio's OpenAPI).

use super::super::http::Method;
use super::zernio::WRITE;
use super::{BASE, Body, Idempotency, Kind, NEVER, NextPage, OperationSpec, Pages, q, text};

/// `place_call`.
pub const PLACE_CALL: OperationSpec = OperationSpec {
    name: "place_call",
    operation_id: "initiateWhatsAppCall",
    path: "/v1/whatsapp/calls",
    headers: &[text("idempotency-key", "idempotencyKey")],
    renamed: &[("bizOpaqueCallbackData", "biz_opaque_callback_data")],
    success: &[200, 201],
    idempotency: Idempotency::Header("idempotencyKey"),
    summary: "Place a WhatsApp call, or send the call-permission prompt.",
    ..WRITE
};

/// `get_call_permissions` (resource group `contacts`).
pub const GET_CALL_PERMISSIONS: OperationSpec = OperationSpec {
    name: "get_call_permissions",
    operation_id: "getWhatsAppCallPermissions",
    path: "/v1/whatsapp/call-permissions",
    query: &[q("accountId", Kind::Text), q("to", Kind::Text)],
    summary: "May the business call a consumer now, or prompt them first?",
    ..BASE
};

/// `get_whatsapp_calling` (the deprecated alias has no GET).
pub const GET_WHATSAPP_CALLING: OperationSpec = OperationSpec {
    name: "get_whatsapp_calling",
    operation_id: "getWhatsAppCalling",
    path: "/v1/phone-numbers/{id}/whatsapp/calling",
    summary: "A number's WhatsApp calling configuration.",
    ..BASE
};

/// `enable_whatsapp_calling`: the same configuration again changes nothing.
pub const ENABLE_WHATSAPP_CALLING: OperationSpec = OperationSpec {
    name: "enable_whatsapp_calling",
    operation_id: "enableWhatsAppCalling",
    path: "/v1/phone-numbers/{id}/whatsapp/calling",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/calling"),
    summary: "Enable WhatsApp calling on a number, forwarding to tel:, sip: or wss:.",
    ..WRITE
};

/// `update_whatsapp_calling`.
pub const UPDATE_WHATSAPP_CALLING: OperationSpec = OperationSpec {
    name: "update_whatsapp_calling",
    operation_id: "updateWhatsAppCalling",
    method: Method::Patch,
    path: "/v1/phone-numbers/{id}/whatsapp/calling",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/calling"),
    clearable: &[
        "sipAuthUsername",
        "sipAuthPassword",
        "callIconCountries",
        "maxCallDurationSeconds",
    ],
    summary: "Change a number's calling settings (null clears a nullable one).",
    ..WRITE
};

/// `disable_whatsapp_calling`.
pub const DISABLE_WHATSAPP_CALLING: OperationSpec = OperationSpec {
    name: "disable_whatsapp_calling",
    operation_id: "disableWhatsAppCalling",
    method: Method::Delete,
    path: "/v1/phone-numbers/{id}/whatsapp/calling",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/calling"),
    query: &[q("accountId", Kind::Text)],
    body: Body::None,
    summary: "Disable WhatsApp calling on a number (its settings are kept).",
    ..WRITE
};

/// `get_calling_config`: the calling configuration by WhatsApp account.
pub const GET_CALLING_CONFIG: OperationSpec = OperationSpec {
    name: "get_calling_config",
    operation_id: "getWhatsAppCallingConfig",
    path: "/v1/whatsapp/calling",
    query: &[q("accountId", Kind::Text)],
    summary: "A WhatsApp account's calling configuration, with its number's record id.",
    ..BASE
};

/// `list_calls`: pages back in time by `nextCursor` → `before`.
pub const LIST_CALLS: OperationSpec = OperationSpec {
    name: "list_calls",
    operation_id: "listWhatsAppCalls",
    path: "/v1/whatsapp/calls",
    query: &[
        q("accountId", Kind::Text),
        q("status", Kind::Text),
        q("direction", Kind::Text),
        q("since", Kind::Text),
        q("until", Kind::Text),
        q("before", Kind::Text),
        q("limit", Kind::Int),
    ],
    pages: Some(Pages {
        items: "calls",
        next: NextPage::Cursor {
            member: "nextCursor",
            arg: "before",
        },
    }),
    summary: "An account's calls, newest first, with their cost.",
    ..BASE
};

/// `get_call`.
pub const GET_CALL: OperationSpec = OperationSpec {
    name: "get_call",
    operation_id: "getWhatsAppCall",
    path: "/v1/whatsapp/calls/{id}",
    query: &[q("accountId", Kind::Text)],
    envelope: Some("call"),
    summary: "One call.",
    ..BASE
};

/// `get_call_recording`: always `as=json` (a URL, not a redirect).
pub const GET_CALL_RECORDING: OperationSpec = OperationSpec {
    name: "get_call_recording",
    operation_id: "getWhatsAppCallRecording",
    path: "/v1/whatsapp/calls/{id}/recording",
    query: &[q("accountId", Kind::Text)],
    fixed_query: &[("as", "json")],
    summary: "A freshly signed URL of a call's recording.",
    ..BASE
};

/// `estimate_call`.
pub const ESTIMATE_CALL: OperationSpec = OperationSpec {
    name: "estimate_call",
    operation_id: "getWhatsAppCallEstimate",
    path: "/v1/whatsapp/calls/estimate",
    query: &[
        q("accountId", Kind::Text),
        q("to", Kind::Text),
        q("minutes", Kind::Int),
        q("recording", Kind::Bool),
    ],
    summary: "What a call to a consumer would cost (USD).",
    ..BASE
};

/// `start_caller_id_verification`: never retried (the carrier counts attempts).
pub const START_CALLER_ID_VERIFICATION: OperationSpec = OperationSpec {
    name: "start_caller_id_verification",
    operation_id: "startWhatsAppCallerIdVerification",
    path: "/v1/phone-numbers/{id}/whatsapp/caller-id-verification",
    summary: "Send a caller-ID code to a brought number (sms or call).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `verify_caller_id`: never retried (attempts lock the number out).
pub const VERIFY_CALLER_ID: OperationSpec = OperationSpec {
    name: "verify_caller_id",
    operation_id: "verifyWhatsAppCallerId",
    path: "/v1/phone-numbers/{id}/whatsapp/caller-id-verification/verify",
    summary: "Submit the caller-ID code; tel: forwards then show the number itself.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `enable_voice`: the same settings again change nothing.
pub const ENABLE_VOICE: OperationSpec = OperationSpec {
    name: "enable_voice",
    operation_id: "enableVoiceOnNumber",
    path: "/v1/phone-numbers/{id}/voice",
    summary: "Turn voice (PSTN) calls on, or change forwarding, voicemail, hours, IVR.",
    ..WRITE
};

/// `disable_voice`.
pub const DISABLE_VOICE: OperationSpec = OperationSpec {
    name: "disable_voice",
    operation_id: "disableVoiceOnNumber",
    method: Method::Delete,
    path: "/v1/phone-numbers/{id}/voice",
    body: Body::None,
    summary: "Turn voice calls off.",
    ..WRITE
};

/// `enable_sms`.
pub const ENABLE_SMS: OperationSpec = OperationSpec {
    name: "enable_sms",
    operation_id: "enableSmsOnNumber",
    path: "/v1/phone-numbers/{id}/sms",
    body: Body::None,
    summary: "Turn SMS on (enabled: false says why it cannot be yet).",
    ..WRITE
};

/// `disable_sms`.
pub const DISABLE_SMS: OperationSpec = OperationSpec {
    name: "disable_sms",
    operation_id: "disableSmsOnNumber",
    method: Method::Delete,
    path: "/v1/phone-numbers/{id}/sms",
    body: Body::None,
    summary: "Turn SMS off.",
    ..WRITE
};

/// `reuse_sms_registration`.
pub const REUSE_SMS_REGISTRATION: OperationSpec = OperationSpec {
    name: "reuse_sms_registration",
    operation_id: "reuseSmsRegistrationForNumber",
    path: "/v1/phone-numbers/{id}/sms/reuse-registration",
    body: Body::None,
    summary: "Cover the number with the account's approved SMS registration.",
    ..WRITE
};
