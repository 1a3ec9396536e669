//! The names the official Zernio SDKs and the Zernio docs give each operation: a resource
//! namespace and a method, as the Python SDK (`zernio-sdk`) spells them (snake_case of the
//! operationId). The canonical `phone_numbers.*` names come from the current operationIds, the
//! `whatsapp_phone_numbers.*` ones from the deprecated aliases', and the docs' own spellings
//! (`whatsapp.get_whats_app_number_info`, `requestWhatsAppVerificationCode`,
//! `verifyWhatsAppPhoneNumber`) are listed too. The bindings generate aliases from this list, so
//! code written for the SDK or copied from the docs runs once the client line is changed.

/// `(operation, namespace, method)`, in the table's order.
#[rustfmt::skip]
pub const SDK_NAMES: &[(&str, &str, &str)] = &[
    ("list_countries", "phone_numbers", "list_phone_number_countries"),
    ("list_countries", "whatsapp_phone_numbers", "list_whats_app_number_countries"),
    ("search_available", "phone_numbers", "search_available_phone_numbers"),
    ("search_available", "whatsapp_phone_numbers", "search_available_whats_app_numbers"),
    ("check_availability", "phone_numbers", "check_phone_number_availability"),
    ("check_availability", "whatsapp_phone_numbers", "check_whats_app_number_availability"),
    ("purchase", "phone_numbers", "purchase_phone_number"),
    ("purchase", "whatsapp_phone_numbers", "purchase_whats_app_phone_number"),
    ("get_claim", "phone_numbers", "get_phone_number_claim"),
    ("list_numbers", "phone_numbers", "list_phone_numbers"),
    ("list_numbers", "whatsapp_phone_numbers", "get_whats_app_phone_numbers"),
    ("get_number", "phone_numbers", "get_phone_number"),
    ("get_number", "whatsapp_phone_numbers", "get_whats_app_phone_number"),
    ("release_number", "phone_numbers", "release_phone_number"),
    ("release_number", "whatsapp_phone_numbers", "release_whats_app_phone_number"),
    ("get_kyc_form", "phone_numbers", "get_phone_number_kyc_form"),
    ("get_kyc_form", "whatsapp_phone_numbers", "get_whats_app_number_kyc_form"),
    ("submit_kyc", "phone_numbers", "submit_phone_number_kyc"),
    ("submit_kyc", "whatsapp_phone_numbers", "submit_whats_app_number_kyc"),
    ("upload_document", "phone_numbers", "upload_phone_number_kyc_document"),
    ("upload_document", "whatsapp_phone_numbers", "upload_whats_app_number_kyc_document"),
    ("validate_address", "phone_numbers", "validate_phone_number_kyc_address"),
    ("validate_address", "whatsapp_phone_numbers", "validate_whats_app_number_kyc_address"),
    ("create_kyc_link", "phone_numbers", "create_phone_number_kyc_link"),
    ("create_kyc_link", "whatsapp_phone_numbers", "create_whats_app_number_kyc_link"),
    ("review_kyc_packet", "phone_numbers", "review_phone_number_kyc_packet"),
    ("view_kyc_document", "phone_numbers", "view_phone_number_kyc_document"),
    ("get_remediation", "phone_numbers", "get_phone_number_remediation"),
    ("get_remediation", "whatsapp_phone_numbers", "get_whats_app_number_remediation"),
    ("submit_remediation", "phone_numbers", "remediate_phone_number"),
    ("submit_remediation", "whatsapp_phone_numbers", "remediate_whats_app_number"),
    ("reply_to_reviewer", "phone_numbers", "reply_to_phone_number_reviewer"),
    ("respond_to_reviewer", "phone_numbers", "respond_to_phone_number_reviewer"),
    ("request_whatsapp_code", "phone_numbers", "request_phone_number_whats_app_code"),
    ("request_whatsapp_code", "whatsapp_phone_numbers", "request_whats_app_verification_code"),
    ("verify_whatsapp_code", "whatsapp_phone_numbers", "verify_whats_app_phone_number"),
    ("create_stock_watch", "phone_numbers", "create_phone_number_stock_watch"),
    ("list_stock_watches", "phone_numbers", "list_phone_number_stock_watches"),
    ("delete_stock_watch", "phone_numbers", "delete_phone_number_stock_watch"),
    ("get_number_info", "whatsapp_phone_numbers", "get_whats_app_number_info"),
    ("get_number_info", "whatsapp", "get_whats_app_number_info"),
    ("place_call", "whatsapp_calling", "initiate_whats_app_call"),
    ("move_to_profile", "whatsapp_phone_numbers", "move_whats_app_number_to_profile"),
    ("get_call_permissions", "whatsapp_calling", "get_whats_app_call_permissions"),
    ("get_whatsapp_calling", "whatsapp_calling", "get_whats_app_calling"),
    ("enable_whatsapp_calling", "whatsapp_calling", "enable_whats_app_calling"),
    ("update_whatsapp_calling", "whatsapp_calling", "update_whats_app_calling"),
    ("disable_whatsapp_calling", "whatsapp_calling", "disable_whats_app_calling"),
    ("get_calling_config", "whatsapp_calling", "get_whats_app_calling_config"),
    ("list_calls", "whatsapp_calling", "list_whats_app_calls"),
    ("get_call", "whatsapp_calling", "get_whats_app_call"),
    ("get_call_recording", "whatsapp_calling", "get_whats_app_call_recording"),
    ("estimate_call", "whatsapp_calling", "get_whats_app_call_estimate"),
    ("start_caller_id_verification", "whatsapp_calling", "start_whats_app_caller_id_verification"),
    ("verify_caller_id", "whatsapp_calling", "verify_whats_app_caller_id"),
    ("list_webhook_settings", "webhooks", "get_webhook_settings"),
    ("create_webhook_settings", "webhooks", "create_webhook_settings"),
    ("update_webhook_settings", "webhooks", "update_webhook_settings"),
    ("delete_webhook_settings", "webhooks", "delete_webhook_settings"),
    ("test_webhook", "webhooks", "test_webhook"),
    ("get_webhook_logs", "webhooks", "get_webhook_logs"),
];

#[cfg(test)]
mod tests {
    use super::SDK_NAMES;
    use crate::api::table::OPERATIONS;

    #[test]
    fn every_name_is_an_operation_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (op, ns, method) in SDK_NAMES {
            assert!(OPERATIONS.iter().any(|s| s.name == *op), "{op}");
            assert!(seen.insert((*ns, *method)), "{ns}.{method} twice");
        }
    }
}
