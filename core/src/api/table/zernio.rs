//! Zernio's operations (reference zernio.md §2–§4).

use super::super::http::Method;
use super::{BASE, Body, Idempotency, Kind, NEVER, NextPage, OperationSpec, Pages, Param, q};

pub(super) const WRITE: OperationSpec = OperationSpec {
    method: Method::Post,
    body: Body::Rest,
    ..BASE
};

/// `list_countries`.
pub const LIST_COUNTRIES: OperationSpec = OperationSpec {
    name: "list_countries",
    operation_id: "listPhoneNumberCountries",
    path: "/v1/phone-numbers/countries",
    legacy_path: Some("/v1/whatsapp/phone-numbers/countries"),
    summary: "The countries on sale with live prices.",
    ..BASE
};

/// `search_available`.
pub const SEARCH_AVAILABLE: OperationSpec = OperationSpec {
    name: "search_available",
    operation_id: "searchAvailablePhoneNumbers",
    path: "/v1/phone-numbers/available",
    legacy_path: Some("/v1/whatsapp/phone-numbers/available"),
    query: &[
        q("country", Kind::Text),
        q("numberType", Kind::Text),
        q("type", Kind::Text),
        q("areaCode", Kind::Text),
        q("prefix", Kind::Text),
        q("locality", Kind::Text),
        q("contains", Kind::Text),
        q("sms", Kind::Bool),
        q("limit", Kind::Int),
        q("masked", Kind::Bool),
    ],
    strict_query: true,
    summary: "Numbers for sale.",
    ..BASE
};

/// `check_availability`.
pub const CHECK_AVAILABILITY: OperationSpec = OperationSpec {
    name: "check_availability",
    operation_id: "checkPhoneNumberAvailability",
    path: "/v1/phone-numbers/availability",
    legacy_path: Some("/v1/whatsapp/phone-numbers/availability"),
    query: &[
        q("country", Kind::Text),
        q("numberType", Kind::Text),
        q("sms", Kind::Bool),
    ],
    summary: "Stock and the address constraint for a country, before KYC.",
    ..BASE
};

/// `purchase`.
pub const PURCHASE: OperationSpec = OperationSpec {
    name: "purchase",
    operation_id: "purchasePhoneNumber",
    path: "/v1/phone-numbers/purchase",
    legacy_path: Some("/v1/whatsapp/phone-numbers/purchase"),
    success: &[200, 201, 202],
    idempotency: Idempotency::Key("purchaseIntentId"),
    summary: "Buy a number: checkout, provisioned, already purchased or KYC required.",
    ..WRITE
};

/// `get_claim`.
pub const GET_CLAIM: OperationSpec = OperationSpec {
    name: "get_claim",
    operation_id: "getPhoneNumberClaim",
    path: "/v1/phone-numbers/claims/{claimId}",
    summary: "A number held for a keyless search (7 days): country, type, area, number.",
    ..BASE
};

/// `list_numbers`.
pub const LIST_NUMBERS: OperationSpec = OperationSpec {
    name: "list_numbers",
    operation_id: "listPhoneNumbers",
    path: "/v1/phone-numbers",
    legacy_path: Some("/v1/whatsapp/phone-numbers"),
    query: &[q("status", Kind::Text), q("profileId", Kind::Text)],
    summary: "The account's numbers.",
    ..BASE
};

/// `get_number`.
pub const GET_NUMBER: OperationSpec = OperationSpec {
    name: "get_number",
    operation_id: "getPhoneNumber",
    path: "/v1/phone-numbers/{id}",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}"),
    envelope: Some("phoneNumber"),
    summary: "One number record.",
    ..BASE
};

/// `release_number`.
pub const RELEASE_NUMBER: OperationSpec = OperationSpec {
    name: "release_number",
    operation_id: "releasePhoneNumber",
    method: Method::Delete,
    path: "/v1/phone-numbers/{id}",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}"),
    body: Body::None,
    summary: "Release a number.",
    ..WRITE
};

/// `get_kyc_form`.
pub const GET_KYC_FORM: OperationSpec = OperationSpec {
    name: "get_kyc_form",
    operation_id: "getPhoneNumberKycForm",
    path: "/v1/phone-numbers/kyc",
    legacy_path: Some("/v1/whatsapp/phone-numbers/kyc"),
    query: &[
        q("country", Kind::Text),
        q("numberType", Kind::Text),
        q("profileId", Kind::Text),
    ],
    summary: "The KYC form for a country.",
    ..BASE
};

/// `submit_kyc`.
pub const SUBMIT_KYC: OperationSpec = OperationSpec {
    name: "submit_kyc",
    operation_id: "submitPhoneNumberKyc",
    path: "/v1/phone-numbers/kyc",
    legacy_path: Some("/v1/whatsapp/phone-numbers/kyc"),
    body: Body::Arg("submission"),
    success: &[200, 201],
    idempotency: Idempotency::Key("submission.submissionId"),
    echoed: &["form", "availability"],
    needs_today: true,
    summary: "Submit KYC, validated against the form first.",
    ..WRITE
};

/// `upload_document`.
pub const UPLOAD_DOCUMENT: OperationSpec = OperationSpec {
    name: "upload_document",
    operation_id: "uploadPhoneNumberKycDocument",
    path: "/v1/phone-numbers/kyc/upload-document",
    legacy_path: Some("/v1/whatsapp/phone-numbers/kyc/upload-document"),
    headers: &[Param {
        wire: "x-filename",
        arg: "filename",
        kind: Kind::Encoded,
    }],
    body: Body::Bytes("bytes"),
    success: &[200, 201],
    summary: "Upload one document as raw bytes (20 MB at most).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `validate_address`.
pub const VALIDATE_ADDRESS: OperationSpec = OperationSpec {
    name: "validate_address",
    operation_id: "validatePhoneNumberKycAddress",
    path: "/v1/phone-numbers/kyc/validate-address",
    legacy_path: Some("/v1/whatsapp/phone-numbers/kyc/validate-address"),
    renamed: &[
        ("streetAddress", "street_address"),
        ("extendedAddress", "extended_address"),
        ("administrativeArea", "administrative_area"),
        ("postalCode", "postal_code"),
    ],
    summary: "An early address check.",
    ..WRITE
};

/// `create_kyc_link`.
pub const CREATE_KYC_LINK: OperationSpec = OperationSpec {
    name: "create_kyc_link",
    operation_id: "createPhoneNumberKycLink",
    path: "/v1/phone-numbers/kyc/share",
    legacy_path: Some("/v1/whatsapp/phone-numbers/kyc/share"),
    renamed: &[("redirectUrl", "redirect_url")],
    success: &[200, 201],
    summary: "A hosted, single-use KYC link (7 days).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `review_kyc_packet`.
pub const REVIEW_KYC_PACKET: OperationSpec = OperationSpec {
    name: "review_kyc_packet",
    operation_id: "reviewPhoneNumberKycPacket",
    path: "/v1/phone-numbers/kyc/review-packet",
    summary: "An advisory review of uploaded documents before submitting.",
    ..WRITE
};

/// `view_kyc_document`.
pub const VIEW_KYC_DOCUMENT: OperationSpec = OperationSpec {
    name: "view_kyc_document",
    operation_id: "viewPhoneNumberKycDocument",
    path: "/v1/phone-numbers/kyc/document/{documentId}",
    summary: "An uploaded KYC document, as PDF bytes.",
    ..BASE
};

/// `get_remediation`.
pub const GET_REMEDIATION: OperationSpec = OperationSpec {
    name: "get_remediation",
    operation_id: "getPhoneNumberRemediation",
    path: "/v1/phone-numbers/{id}/remediate",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/remediate"),
    summary: "The declined requirements of a number.",
    ..BASE
};

/// `submit_remediation`.
pub const SUBMIT_REMEDIATION: OperationSpec = OperationSpec {
    name: "submit_remediation",
    operation_id: "remediatePhoneNumber",
    path: "/v1/phone-numbers/{id}/remediate",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/remediate"),
    body: Body::Arg("submission"),
    echoed: &["form"],
    needs_today: true,
    summary: "Re-submit corrected answers, validated against the remediation form first.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `reply_to_reviewer`.
pub const REPLY_TO_REVIEWER: OperationSpec = OperationSpec {
    name: "reply_to_reviewer",
    operation_id: "replyToPhoneNumberReviewer",
    path: "/v1/phone-numbers/{id}/remediate/reply",
    summary: "A message (and attachments) to the regulator's reviewer.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `respond_to_reviewer`.
pub const RESPOND_TO_REVIEWER: OperationSpec = OperationSpec {
    name: "respond_to_reviewer",
    operation_id: "respondToPhoneNumberReviewer",
    path: "/v1/phone-numbers/{id}/remediate/respond",
    summary: "Answer the reviewer: a message, corrected documents or address, or both.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `request_whatsapp_code`.
pub const REQUEST_WHATSAPP_CODE: OperationSpec = OperationSpec {
    name: "request_whatsapp_code",
    operation_id: "requestPhoneNumberWhatsAppCode",
    path: "/v1/phone-numbers/{id}/whatsapp/request-code",
    legacy_path: Some("/v1/whatsapp/phone-numbers/{id}/request-code"),
    summary: "Zernio requests (and captures) the WhatsApp code. Never retried.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `verify_whatsapp_code` (legacy only).
pub const VERIFY_WHATSAPP_CODE: OperationSpec = OperationSpec {
    name: "verify_whatsapp_code",
    operation_id: "verifyWhatsAppPhoneNumber",
    path: "/v1/whatsapp/phone-numbers/{id}/verify",
    summary: "The legacy verify call with the 6-digit code.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `create_stock_watch`.
pub const CREATE_STOCK_WATCH: OperationSpec = OperationSpec {
    name: "create_stock_watch",
    operation_id: "createPhoneNumberStockWatch",
    path: "/v1/phone-numbers/stock-watches",
    success: &[200, 201],
    summary: "Be told (`phone_number.stock_available`) when a sold-out country or area has stock; a repeat returns the same watch.",
    ..WRITE
};

/// `list_stock_watches`.
pub const LIST_STOCK_WATCHES: OperationSpec = OperationSpec {
    name: "list_stock_watches",
    operation_id: "listPhoneNumberStockWatch",
    path: "/v1/phone-numbers/stock-watches",
    summary: "The account's stock watches (20 at most).",
    ..BASE
};

/// `delete_stock_watch`.
pub const DELETE_STOCK_WATCH: OperationSpec = OperationSpec {
    name: "delete_stock_watch",
    operation_id: "deletePhoneNumberStockWatch",
    method: Method::Delete,
    path: "/v1/phone-numbers/stock-watches/{id}",
    body: Body::None,
    summary: "Delete a stock watch.",
    ..WRITE
};

/// `get_number_info`.
pub const GET_NUMBER_INFO: OperationSpec = OperationSpec {
    name: "get_number_info",
    operation_id: "getWhatsAppNumberInfo",
    path: "/v1/whatsapp/number-info",
    query: &[q("accountId", Kind::Text)],
    summary: "A live snapshot from Meta: quality, limits, name approval.",
    ..BASE
};

/// `move_to_profile`.
pub const MOVE_TO_PROFILE: OperationSpec = OperationSpec {
    name: "move_to_profile",
    operation_id: "moveWhatsAppNumberToProfile",
    method: Method::Patch,
    path: "/v1/whatsapp/phone-numbers/{id}/profile",
    summary: "Move a number to another profile.",
    ..WRITE
};

/// `list_webhook_settings` (reference §7.1).
pub const LIST_WEBHOOK_SETTINGS: OperationSpec = OperationSpec {
    name: "list_webhook_settings",
    operation_id: "getWebhookSettings",
    path: "/v1/webhooks/settings",
    summary: "The account's webhooks (50 at most).",
    ..BASE
};

/// `create_webhook_settings`: a repeat would make a second webhook.
pub const CREATE_WEBHOOK_SETTINGS: OperationSpec = OperationSpec {
    name: "create_webhook_settings",
    operation_id: "createWebhookSettings",
    path: "/v1/webhooks/settings",
    summary: "A new webhook: name, URL, events, optional signing secret.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `update_webhook_settings`: the id travels as `_id` in the body.
pub const UPDATE_WEBHOOK_SETTINGS: OperationSpec = OperationSpec {
    name: "update_webhook_settings",
    operation_id: "updateWebhookSettings",
    method: Method::Put,
    path: "/v1/webhooks/settings",
    renamed: &[("id", "_id")],
    summary: "Change the fields given of a webhook.",
    ..WRITE
};

/// `delete_webhook_settings`: the id travels in the query.
pub const DELETE_WEBHOOK_SETTINGS: OperationSpec = OperationSpec {
    name: "delete_webhook_settings",
    operation_id: "deleteWebhookSettings",
    method: Method::Delete,
    path: "/v1/webhooks/settings",
    query: &[q("id", Kind::Text)],
    body: Body::None,
    summary: "Delete a webhook.",
    ..WRITE
};

/// `test_webhook`: a repeat would deliver again.
pub const TEST_WEBHOOK: OperationSpec = OperationSpec {
    name: "test_webhook",
    operation_id: "testWebhook",
    path: "/v1/webhooks/test",
    summary: "Send a test delivery (`webhook.test`) to a webhook.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `get_webhook_logs`: offset pages (`skip`, `limit`).
pub const GET_WEBHOOK_LOGS: OperationSpec = OperationSpec {
    name: "get_webhook_logs",
    operation_id: "getWebhookLogs",
    path: "/v1/webhooks/logs",
    query: &[
        q("limit", Kind::Int),
        q("skip", Kind::Int),
        q("status", Kind::Text),
        q("event", Kind::Text),
        q("webhookId", Kind::Text),
        q("eventId", Kind::Text),
    ],
    pages: Some(Pages {
        items: "logs",
        next: NextPage::Window {
            default_limit: 50,
            max_skip: MAX_LOG_SKIP,
        },
    }),
    summary: "Webhook delivery attempts (30 days), most recent first, filtered and paged.",
    ..BASE
};

/// The largest `skip` of `GET /v1/webhooks/logs`.
pub const MAX_LOG_SKIP: u64 = 10_000;
