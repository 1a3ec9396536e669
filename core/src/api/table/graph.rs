//! Meta's Graph API phone-number operations (reference meta.md; Meta's OpenAPI).

use super::super::http::Method;
use super::{BASE, Body, Kind, NEVER, NextPage, OperationSpec, Pages, Param, Platform, q, text};

const GRAPH: OperationSpec = OperationSpec {
    platform: Platform::Graph,
    ..BASE
};

const WRITE: OperationSpec = OperationSpec {
    method: Method::Post,
    ..GRAPH
};

/// `get_phone_number`.
pub const GET_PHONE_NUMBER: OperationSpec = OperationSpec {
    name: "get_phone_number",
    operation_id: "getPhoneNumberById",
    path: "/{phoneNumberId}",
    query: &[q("fields", Kind::List)],
    summary: "A phone number node.",
    ..GRAPH
};

/// `list_phone_numbers`.
pub const LIST_PHONE_NUMBERS: OperationSpec = OperationSpec {
    name: "list_phone_numbers",
    operation_id: "getWhatsAppBusinessAccountPhoneNumbers",
    path: "/{wabaId}/phone_numbers",
    query: &[
        q("fields", Kind::List),
        q("filtering", Kind::Json),
        q("sort", Kind::Text),
        q("limit", Kind::Int),
        q("after", Kind::Text),
        q("before", Kind::Text),
        Param {
            wire: "summary",
            arg: "totalCount",
            kind: Kind::Flag("total_count"),
        },
    ],
    pages: Some(GRAPH_PAGES),
    summary: "One page of a WABA's numbers.",
    ..GRAPH
};

/// `add_phone_number`.
pub const ADD_PHONE_NUMBER: OperationSpec = OperationSpec {
    name: "add_phone_number",
    operation_id: "createWhatsAppBusinessAccountPhoneNumber",
    path: "/{wabaId}/phone_numbers",
    body: Body::Fields(&[
        text("cc", "cc"),
        text("phone_number", "phoneNumber"),
        text("verified_name", "verifiedName"),
        text("migrate_phone_number", "migratePhoneNumber"),
        text("preverified_id", "preverifiedId"),
    ]),
    // A repeat after a request that arrived fails with "already exists" instead of giving the
    // id, and creation is rate-limited strictly.
    summary: "Add a number to a WABA (unverified until request_code/verify_code). Never retried.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `request_code`.
pub const REQUEST_CODE: OperationSpec = OperationSpec {
    name: "request_code",
    operation_id: "requestVerificationCode",
    path: "/{phoneNumberId}/request_code",
    // Meta's own samples send these in the query string.
    query: &[
        text("code_method", "codeMethod"),
        text("language", "language"),
    ],
    summary: "Send the OTP by SMS or voice. Never retried.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `verify_code`.
pub const VERIFY_CODE: OperationSpec = OperationSpec {
    name: "verify_code",
    operation_id: "verifyPhoneNumberCode",
    path: "/{phoneNumberId}/verify_code",
    query: &[text("code", "code")],
    summary: "Submit the OTP.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `register`.
pub const REGISTER: OperationSpec = OperationSpec {
    name: "register",
    operation_id: "registerWhatsAppBusinessPhoneNumber",
    path: "/{phoneNumberId}/register",
    body: Body::Fields(&[
        text("pin", "pin"),
        text("data_localization_region", "dataLocalizationRegion"),
    ]),
    fixed_body: &[("messaging_product", "whatsapp")],
    summary: "Register on the Cloud API (10 tries per 72 hours; never retried).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `deregister`.
pub const DEREGISTER: OperationSpec = OperationSpec {
    name: "deregister",
    operation_id: "deregisterPhoneNumber",
    path: "/{phoneNumberId}/deregister",
    summary: "Deregister (counts toward the register limit; never retried).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `set_two_step_pin`.
pub const SET_TWO_STEP_PIN: OperationSpec = OperationSpec {
    name: "set_two_step_pin",
    operation_id: "updatePhoneNumberStatus",
    path: "/{phoneNumberId}",
    body: Body::Fields(&[text("pin", "pin")]),
    selected_by: Some("pin"),
    summary: "Set or change the two-step verification PIN.",
    ..WRITE
};

/// `request_display_name`.
pub const REQUEST_DISPLAY_NAME: OperationSpec = OperationSpec {
    name: "request_display_name",
    operation_id: "updatePhoneNumberStatus",
    path: "/{phoneNumberId}",
    body: Body::Fields(&[text("new_display_name", "newDisplayName")]),
    fixed_body: &[("messaging_product", "whatsapp")],
    selected_by: Some("new_display_name"),
    summary: "Ask for a display-name change (reviewed by Meta).",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `get_conversational_automation`.
pub const GET_CONVERSATIONAL_AUTOMATION: OperationSpec = OperationSpec {
    name: "get_conversational_automation",
    operation_id: "getPhoneNumberById",
    path: "/{phoneNumberId}",
    fixed_query: &[("fields", "conversational_automation")],
    envelope: Some("conversational_automation"),
    summary: "The welcome message, prompts and commands.",
    ..GRAPH
};

/// `set_conversational_automation`.
pub const SET_CONVERSATIONAL_AUTOMATION: OperationSpec = OperationSpec {
    name: "set_conversational_automation",
    operation_id: "configureConversationalAutomation",
    path: "/{phoneNumberId}/conversational_automation",
    body: Body::Rest,
    renamed: &[("enableWelcomeMessage", "enable_welcome_message")],
    summary: "Set the welcome message, prompts and commands.",
    ..WRITE
};

/// `get_phone_number_settings`.
pub const GET_PHONE_NUMBER_SETTINGS: OperationSpec = OperationSpec {
    name: "get_phone_number_settings",
    operation_id: "getPhoneNumberSettings",
    path: "/{phoneNumberId}/settings",
    query: &[Param {
        wire: "include_sip_credentials",
        arg: "includeSipCredentials",
        kind: Kind::Bool,
    }],
    summary: "Calling, payload encryption, storage and identity-change settings.",
    ..GRAPH
};

/// `set_phone_number_settings`.
pub const SET_PHONE_NUMBER_SETTINGS: OperationSpec = OperationSpec {
    name: "set_phone_number_settings",
    operation_id: "updatePhoneNumberSettings",
    path: "/{phoneNumberId}/settings",
    body: Body::Rest,
    renamed: &[
        ("userIdentityChange", "user_identity_change"),
        ("payloadEncryption", "payload_encryption"),
        ("storageConfiguration", "storage_configuration"),
    ],
    summary: "Update one feature's settings (calling, identity change, encryption or storage).",
    ..WRITE
};

/// `get_health_status`.
pub const GET_HEALTH_STATUS: OperationSpec = OperationSpec {
    name: "get_health_status",
    operation_id: "getPhoneNumberById",
    path: "/{nodeId}",
    fixed_query: &[("fields", "health_status")],
    envelope: Some("health_status"),
    summary: "Whether a number, WABA or app can send messages, and why not.",
    ..GRAPH
};

/// `request_preverified_code`. Its path has the shape of `request_code`'s; the JSON body
/// (Meta's spec gives this call one, the phone-number call takes the query) tells them apart.
pub const REQUEST_PREVERIFIED_CODE: OperationSpec = OperationSpec {
    name: "request_preverified_code",
    operation_id: "requestPreVerifiedPhoneNumberCode",
    path: "/{preverifiedId}/request_code",
    body: Body::Fields(&[
        text("code_method", "codeMethod"),
        text("language", "language"),
    ]),
    selected_by: Some("code_method"),
    summary: "Send the OTP to a pre-verified number. Never retried.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `verify_preverified_code`, told apart from `verify_code` by its JSON body.
pub const VERIFY_PREVERIFIED_CODE: OperationSpec = OperationSpec {
    name: "verify_preverified_code",
    operation_id: "verifyPreVerifiedPhoneNumberCode",
    path: "/{preverifiedId}/verify_code",
    body: Body::Fields(&[text("code", "code")]),
    selected_by: Some("code"),
    summary: "Submit a pre-verified number's OTP.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `add_preverified_numbers`.
pub const ADD_PREVERIFIED_NUMBERS: OperationSpec = OperationSpec {
    name: "add_preverified_numbers",
    operation_id: "addPhoneNumbers",
    path: "/{businessId}/add_phone_numbers",
    body: Body::Fields(&[text("phone_number", "phoneNumber")]),
    // A repeat after a request that arrived adds the number again or fails as a duplicate.
    summary: "Add a number to the business's pre-verified pool. Never retried.",
    idempotency: NEVER.idempotency,
    ..WRITE
};

/// `list_preverified_numbers`.
pub const LIST_PREVERIFIED_NUMBERS: OperationSpec = OperationSpec {
    name: "list_preverified_numbers",
    operation_id: "getPreVerifiedPhoneNumbers",
    path: "/{businessId}/preverified_numbers",
    query: &[
        q("fields", Kind::List),
        q("limit", Kind::Int),
        q("after", Kind::Text),
        q("before", Kind::Text),
        text("verification_status", "verificationStatus"),
        text("availability_status", "availabilityStatus"),
        text("country_code", "countryCode"),
    ],
    pages: Some(GRAPH_PAGES),
    summary: "One page of a business's pre-verified numbers.",
    ..GRAPH
};

/// The fields `get_preverified_number` always asks for: every field Meta's OpenAPI lists for
/// a pre-verified number's node.
pub const PREVERIFIED_FIELDS: &str =
    "id,country_prefix,display_phone_number,error_msg,is_input_id_valid";

/// `get_preverified_number`. Its path has the shape of `get_phone_number`'s (Graph tells the
/// nodes apart by id alone); the fixed `fields` list, which asks for every pre-verified field,
/// tells the two requests apart.
pub const GET_PREVERIFIED_NUMBER: OperationSpec = OperationSpec {
    name: "get_preverified_number",
    operation_id: "getPreVerifiedPhoneNumberDetails",
    path: "/{preverifiedId}",
    fixed_query: &[("fields", PREVERIFIED_FIELDS)],
    summary: "A pre-verified number: its display form, country and whether the id is valid.",
    ..GRAPH
};

/// `delete_preverified_number`: the only Graph `DELETE` on a node.
pub const DELETE_PREVERIFIED_NUMBER: OperationSpec = OperationSpec {
    name: "delete_preverified_number",
    operation_id: "deletePreVerifiedPhoneNumber",
    path: "/{preverifiedId}",
    method: Method::Delete,
    summary: "Delete a pre-verified number (irreversible).",
    ..GRAPH
};

/// `list_preverified_partners`.
pub const LIST_PREVERIFIED_PARTNERS: OperationSpec = OperationSpec {
    name: "list_preverified_partners",
    operation_id: "getPreVerifiedPhoneNumberPartners",
    path: "/{preverifiedId}/partners",
    query: &[
        q("fields", Kind::List),
        q("limit", Kind::Int),
        q("after", Kind::Text),
        q("before", Kind::Text),
    ],
    pages: Some(GRAPH_PAGES),
    summary: "One page of the businesses a pre-verified number is shared with.",
    ..GRAPH
};

/// `share_preverified_numbers`.
pub const SHARE_PREVERIFIED_NUMBERS: OperationSpec = OperationSpec {
    name: "share_preverified_numbers",
    operation_id: "sharePreVerifiedPhoneNumber",
    path: "/{businessId}/share_preverified_numbers",
    body: Body::Fields(&[
        text("preverified_id", "preverifiedId"),
        text("partner_business_id", "partnerBusinessId"),
    ]),
    summary: "Share a pre-verified number with a partner business.",
    ..WRITE
};

/// `unshare_preverified_numbers`: meta.md §2.8 (Meta's codegen specs) names it; Meta's v23
/// OpenAPI document has no `DELETE` on this path (so no operationId: ours, in Meta's style).
/// A `DELETE` carries its parameters in the query, as Graph takes them.
pub const UNSHARE_PREVERIFIED_NUMBERS: OperationSpec = OperationSpec {
    name: "unshare_preverified_numbers",
    operation_id: "unsharePreVerifiedPhoneNumber",
    method: Method::Delete,
    path: "/{businessId}/share_preverified_numbers",
    query: &[
        text("preverified_id", "preverifiedId"),
        text("partner_business_id", "partnerBusinessId"),
    ],
    body: Body::None,
    summary: "Stop sharing a pre-verified number with a partner business.",
    ..WRITE
};

/// Meta's cursor pages of `data`.
const GRAPH_PAGES: Pages = Pages {
    items: "data",
    next: NextPage::After,
};
