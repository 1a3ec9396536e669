//! Operations by name, for the bindings and the shared vectors: `args` are the operation's
//! JSON arguments (upstream names), the result is the output as JSON. Rust callers use the
//! typed operations directly.

use serde::Serialize;
use serde_json::Value;

use super::graph::{self, GraphConfig};
use super::http::{HttpRequest, HttpResponse};
use super::zernio;
use super::{Config, Operation};
use crate::error::{Error, ErrorCode, Result, from_value};

fn unknown(op: &str, known: &[&str]) -> Error {
    Error::new(
        ErrorCode::OperationUnknown,
        format!("unknown operation; use one of: {}", known.join(", ")),
    )
    .with("operation", op.chars().take(64).collect::<String>())
}

fn output<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|_| {
        Error::new(
            ErrorCode::BadResponse,
            "the output could not be written as JSON",
        )
    })
}

macro_rules! registry {
    ($config:ty, $names:ident, $build:ident, $parse:ident, { $($name:literal => $ty:ty,)+ }) => {
        /// The operation names, in documentation order.
        pub const $names: &[&str] = &[$($name,)+];

        /// Builds the request of operation `op` from its JSON `args`.
        ///
        /// # Errors
        /// `operation_unknown`, `json_invalid` for malformed args, or the operation's own
        /// argument errors.
        pub fn $build(config: &$config, op: &str, args: Value) -> Result<HttpRequest> {
            match op {
                $($name => {
                    debug_assert_eq!(<$ty as Operation<$config>>::NAME, $name);
                    from_value::<$ty>(args)?.request(config)
                })+
                _ => Err(unknown(op, $names)),
            }
        }

        /// Parses the response of operation `op` (built with the same `args`) into JSON.
        ///
        /// # Errors
        /// `operation_unknown`, `json_invalid` for malformed args, or an `api` error.
        pub fn $parse(op: &str, args: Value, response: &HttpResponse) -> Result<Value> {
            match op {
                $($name => output(&from_value::<$ty>(args)?.parse(response)?),)+
                _ => Err(unknown(op, $names)),
            }
        }
    };
}

registry!(Config, ZERNIO_OPERATIONS, zernio_request, zernio_parse, {
    "list_countries" => zernio::ListCountries,
    "search_available" => zernio::SearchAvailable,
    "check_availability" => zernio::CheckAvailability,
    "purchase" => zernio::Purchase,
    "list_numbers" => zernio::ListNumbers,
    "get_number" => zernio::GetNumber,
    "release_number" => zernio::ReleaseNumber,
    "get_kyc_form" => zernio::GetKycForm,
    "submit_kyc" => zernio::SubmitKyc,
    "upload_document" => zernio::UploadDocument,
    "validate_address" => zernio::ValidateAddress,
    "create_kyc_link" => zernio::CreateKycLink,
    "get_remediation" => zernio::GetRemediation,
    "submit_remediation" => zernio::SubmitRemediation,
    "request_whatsapp_code" => zernio::RequestWhatsappCode,
    "verify_whatsapp_code" => zernio::VerifyWhatsappCode,
    "get_number_info" => zernio::GetNumberInfo,
    "place_call" => zernio::PlaceCall,
    "move_to_profile" => zernio::MoveToProfile,
});

registry!(GraphConfig, GRAPH_OPERATIONS, graph_request, graph_parse, {
    "get_phone_number" => graph::GetPhoneNumber,
    "list_phone_numbers" => graph::ListPhoneNumbers,
    "request_code" => graph::RequestCode,
    "verify_code" => graph::VerifyCode,
    "register" => graph::Register,
    "deregister" => graph::Deregister,
    "set_two_step_pin" => graph::SetTwoStepPin,
    "request_display_name" => graph::RequestDisplayName,
    "get_conversational_automation" => graph::GetConversationalAutomation,
    "set_conversational_automation" => graph::SetConversationalAutomation,
    "get_health_status" => graph::GetHealthStatus,
});

/// The arguments of the next page of Graph operation `op` (called with `args`, answered with
/// `page`, the parsed output as JSON), or `None` when there is none: `page` was the last, or
/// `op` does not page. Only `list_phone_numbers` pages.
///
/// # Errors
/// `operation_unknown`, or `json_invalid` for malformed `args` or `page`.
pub fn graph_next_page(op: &str, args: Value, page: Value) -> Result<Option<Value>> {
    match op {
        "list_phone_numbers" => {
            let args = from_value::<graph::ListPhoneNumbers>(args)?;
            let page = from_value::<graph::PhoneNumberPage>(page)?;
            args.next_page(&page).map(|next| output(&next)).transpose()
        }
        _ if GRAPH_OPERATIONS.contains(&op) => Ok(None),
        _ => Err(unknown(op, GRAPH_OPERATIONS)),
    }
}

/// As [`graph_next_page`] for Zernio, whose operations do not page: `None` for every known
/// operation.
///
/// # Errors
/// `operation_unknown`.
pub fn zernio_next_page(op: &str, _args: Value, _page: Value) -> Result<Option<Value>> {
    if ZERNIO_OPERATIONS.contains(&op) {
        Ok(None)
    } else {
        Err(unknown(op, ZERNIO_OPERATIONS))
    }
}
