//! The table of operations: what each API operation *is*, written once, as data.
//!
//! One [`OperationSpec`] per operation says its names (ours and the upstream `operationId`),
//! platform, method, canonical and legacy path templates, where each argument travels (path,
//! query, header, body) under which wire name, the success statuses, whether a retry is safe
//! and how (`idempotency`), whether it needs today's date, and whether it pages. Everything
//! else reads it: the request builders and the router ([`super::wire`]), `dispatch`, the
//! clients' named methods, the retry rule, the bindings (through [`operations_json`]) and the
//! OpenAPI conformance tests.
//!
//! Templates name their path parameters by argument name (`/v1/phone-numbers/{id}`). Graph
//! templates leave out the `/{version}` prefix the config adds.

use serde::Serialize;

use super::http::Method;

mod calling;
mod graph;
pub mod sdk;
mod zernio;

use crate::error::{Error, Result};
pub use calling::*;
pub use graph::*;
pub use zernio::*;

/// The two upstream APIs, by the names the bindings take (`"zernio"`, `"graph"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Zernio's number provisioning and KYC API.
    Zernio,
    /// Meta's Graph API phone-number endpoints.
    Graph,
}

impl Platform {
    /// Both, in documentation order.
    pub const ALL: [Platform; 2] = [Platform::Zernio, Platform::Graph];

    /// `"zernio"` or `"graph"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::Zernio => "zernio",
            Platform::Graph => "graph",
        }
    }

    /// Reads a platform name.
    ///
    /// # Errors
    /// `argument_invalid` (details `argument: "platform"`) for any other name.
    pub fn parse(name: &str) -> Result<Platform> {
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| super::invalid("platform", "'zernio' or 'graph'"))
    }

    /// The platform's operations, in documentation order.
    pub fn specs(self) -> impl Iterator<Item = &'static OperationSpec> {
        OPERATIONS
            .iter()
            .copied()
            .filter(move |s| s.platform == self)
    }
}

/// How an argument is written on the wire (query values and headers are text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Kind {
    /// Text as is (left out when empty).
    Text,
    /// Text, percent-encoded (a header carrying a file name).
    Encoded,
    /// `true` / `false`.
    Bool,
    /// A decimal integer.
    Int,
    /// A list of names joined by `,`.
    List,
    /// A JSON document (Graph's `filtering`).
    Json,
    /// A `true` flag written as this fixed value (`summary=total_count`), left out when false.
    Flag(&'static str),
}

/// One argument that travels outside a JSON body: its wire name, our argument name, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Param {
    /// The name on the wire.
    pub wire: &'static str,
    /// The argument's name (the struct's serde name).
    pub arg: &'static str,
    /// How its value is written.
    #[serde(flatten)]
    pub kind: Kind,
}

pub(super) const fn text(wire: &'static str, arg: &'static str) -> Param {
    Param {
        wire,
        arg,
        kind: Kind::Text,
    }
}

pub(super) const fn q(name: &'static str, kind: Kind) -> Param {
    Param {
        wire: name,
        arg: name,
        kind,
    }
}

/// What the request body carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Body {
    /// No body.
    None,
    /// A JSON object of every argument that is not a path, query or header parameter, under
    /// its own name.
    Rest,
    /// A JSON object of exactly these arguments, under their wire names.
    Fields(&'static [Param]),
    /// The JSON value of this one argument.
    Arg(&'static str),
    /// The raw bytes of this argument (`application/octet-stream`).
    Bytes(&'static str),
}

/// Where the next page of a paged result starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NextPage {
    /// Meta's cursors: there is a next page while `paging.next` is there, and it starts at
    /// `paging.cursors.after` (argument `after`; a `before` cursor is dropped).
    After,
    /// A member of the page (`nextCursor`; `null` on the last page) passed back as the
    /// argument `arg`.
    Cursor {
        /// The page's member.
        member: &'static str,
        /// The argument it becomes.
        arg: &'static str,
    },
    /// Zernio's window (`pagination: {skip, limit, hasMore}`): the next page starts where
    /// this one's window ends (`skip + limit` as the server reports them, else as asked, else
    /// `default_limit`), never past `max_skip`. Not after the rows received: a restricted
    /// key's page may hold fewer rows than its window.
    Window {
        /// The page size the server uses when none is asked for.
        default_limit: u64,
        /// The largest `skip` the server takes.
        max_skip: u64,
    },
}

/// How an operation's result pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pages {
    /// The member holding the items (`data`).
    pub items: &'static str,
    /// Where the next page starts.
    pub next: NextPage,
}

/// How a retry of the operation is made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Idempotency {
    /// Reads, and writes whose repetition changes nothing.
    Natural,
    /// A body argument the server deduplicates on (`purchaseIntentId`): a retry is safe only
    /// when the request carries it.
    Key(&'static str),
    /// A header the server deduplicates on (`Idempotency-Key`), given as this argument.
    Header(&'static str),
    /// Nothing makes a repetition safe.
    None,
}

/// One operation, as data.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OperationSpec {
    /// Our snake_case name.
    pub name: &'static str,
    /// The upstream `operationId` (Zernio's OpenAPI, Meta's OpenAPI for Graph).
    pub operation_id: &'static str,
    /// Which API.
    pub platform: Platform,
    /// Method.
    pub method: Method,
    /// The canonical path template.
    pub path: &'static str,
    /// The deprecated alias (`/v1/whatsapp/phone-numbers/...`), where there is one.
    pub legacy_path: Option<&'static str>,
    /// Query parameters.
    pub query: &'static [Param],
    /// Fixed query parameters that select this operation (`fields=health_status`).
    pub fixed_query: &'static [(&'static str, &'static str)],
    /// Header parameters.
    pub headers: &'static [Param],
    /// The body.
    pub body: Body,
    /// Arguments of a [`Body::Rest`] body whose wire name differs (argument, wire name):
    /// `streetAddress` is sent as `street_address`.
    pub renamed: &'static [(&'static str, &'static str)],
    /// Arguments that are an API response passed back (the KYC form a submission is checked
    /// against): read leniently, as responses are, so a member Zernio adds later is no error.
    pub echoed: &'static [&'static str],
    /// Arguments of a [`Body::Rest`] body sent as `null` when given as `null` (which clears
    /// them upstream); every other `null` is left out.
    pub clearable: &'static [&'static str],
    /// Fixed body members (`"messaging_product": "whatsapp"`).
    pub fixed_body: &'static [(&'static str, &'static str)],
    /// A body member whose presence selects this operation among those sharing a method and
    /// path (Graph's `POST /{phoneNumberId}` sets a PIN or asks for a display name).
    pub selected_by: Option<&'static str>,
    /// Whether a query parameter the operation does not take is refused (routing a request:
    /// the API ignores one elsewhere).
    pub strict_query: bool,
    /// The documented success statuses.
    pub success: &'static [u16],
    /// How a retry is made safe ([`OperationSpec::retry_safe`] unless `None`).
    pub idempotency: Idempotency,
    /// Whether the checks need today's date (`today` argument; bindings fill it in).
    pub needs_today: bool,
    /// For an operation whose result has a next page: which member holds the items and where
    /// the next page starts ([`super::pages`]).
    pub pages: Option<Pages>,
    /// The member of the response body that holds the output (`phoneNumber` around a number
    /// record), which the parser removes and [`super::respond`] puts back.
    pub envelope: Option<&'static str>,
    /// One line for documentation.
    pub summary: &'static str,
}

pub(super) const BASE: OperationSpec = OperationSpec {
    name: "",
    operation_id: "",
    platform: Platform::Zernio,
    method: Method::Get,
    path: "",
    legacy_path: None,
    query: &[],
    fixed_query: &[],
    headers: &[],
    body: Body::None,
    renamed: &[],
    echoed: &[],
    clearable: &[],
    fixed_body: &[],
    selected_by: None,
    strict_query: false,
    success: &[200],
    idempotency: Idempotency::Natural,
    needs_today: false,
    pages: None,
    envelope: None,
    summary: "",
};

/// Never repeated automatically: every attempt counts toward an upstream quota or limit (Meta
/// blocks a number for 72 hours after 10 register/deregister calls), or a repeat after a
/// request that may have arrived would do the thing twice (a second upload, a second link).
pub(super) const NEVER: OperationSpec = OperationSpec {
    idempotency: Idempotency::None,
    ..BASE
};

/// Every operation, Zernio's then Graph's, in documentation order.
pub static OPERATIONS: &[&OperationSpec] = &[
    &LIST_COUNTRIES,
    &SEARCH_AVAILABLE,
    &CHECK_AVAILABILITY,
    &PURCHASE,
    &GET_CLAIM,
    &LIST_NUMBERS,
    &GET_NUMBER,
    &RELEASE_NUMBER,
    &GET_KYC_FORM,
    &SUBMIT_KYC,
    &UPLOAD_DOCUMENT,
    &VALIDATE_ADDRESS,
    &CREATE_KYC_LINK,
    &REVIEW_KYC_PACKET,
    &VIEW_KYC_DOCUMENT,
    &GET_REMEDIATION,
    &SUBMIT_REMEDIATION,
    &REPLY_TO_REVIEWER,
    &RESPOND_TO_REVIEWER,
    &REQUEST_WHATSAPP_CODE,
    &VERIFY_WHATSAPP_CODE,
    &CREATE_STOCK_WATCH,
    &LIST_STOCK_WATCHES,
    &DELETE_STOCK_WATCH,
    &GET_NUMBER_INFO,
    &PLACE_CALL,
    &MOVE_TO_PROFILE,
    &GET_CALL_PERMISSIONS,
    &GET_WHATSAPP_CALLING,
    &ENABLE_WHATSAPP_CALLING,
    &UPDATE_WHATSAPP_CALLING,
    &DISABLE_WHATSAPP_CALLING,
    &GET_CALLING_CONFIG,
    &LIST_CALLS,
    &GET_CALL,
    &GET_CALL_RECORDING,
    &ESTIMATE_CALL,
    &START_CALLER_ID_VERIFICATION,
    &VERIFY_CALLER_ID,
    &ENABLE_VOICE,
    &DISABLE_VOICE,
    &ENABLE_SMS,
    &DISABLE_SMS,
    &REUSE_SMS_REGISTRATION,
    &LIST_WEBHOOK_SETTINGS,
    &CREATE_WEBHOOK_SETTINGS,
    &UPDATE_WEBHOOK_SETTINGS,
    &DELETE_WEBHOOK_SETTINGS,
    &TEST_WEBHOOK,
    &GET_WEBHOOK_LOGS,
    &GET_PHONE_NUMBER,
    &LIST_PHONE_NUMBERS,
    &ADD_PHONE_NUMBER,
    &REQUEST_CODE,
    &VERIFY_CODE,
    &REGISTER,
    &DEREGISTER,
    &SET_TWO_STEP_PIN,
    &REQUEST_DISPLAY_NAME,
    &GET_CONVERSATIONAL_AUTOMATION,
    &SET_CONVERSATIONAL_AUTOMATION,
    &GET_PHONE_NUMBER_SETTINGS,
    &SET_PHONE_NUMBER_SETTINGS,
    &GET_HEALTH_STATUS,
    &REQUEST_PREVERIFIED_CODE,
    &VERIFY_PREVERIFIED_CODE,
    &ADD_PREVERIFIED_NUMBERS,
    &LIST_PREVERIFIED_NUMBERS,
    &GET_PREVERIFIED_NUMBER,
    &DELETE_PREVERIFIED_NUMBER,
    &LIST_PREVERIFIED_PARTNERS,
    &SHARE_PREVERIFIED_NUMBERS,
    &UNSHARE_PREVERIFIED_NUMBERS,
];

/// The operation `name` of `platform`.
///
/// # Errors
/// `operation_unknown`, listing the platform's operations.
pub fn find(platform: Platform, name: &str) -> Result<&'static OperationSpec> {
    platform
        .specs()
        .find(|s| s.name == name)
        .ok_or_else(|| unknown(platform, name))
}

/// `operation_unknown` for `name`, quoted only when it looks like an operation name (a value
/// passed by mistake, a customer's name or a token, is not copied into the error).
pub(crate) fn unknown(platform: Platform, name: &str) -> Error {
    let known: Vec<&str> = platform.specs().map(|s| s.name).collect();
    Error::new(
        crate::ErrorCode::OperationUnknown,
        format!("unknown operation; use one of: {}", known.join(", ")),
    )
    .with(
        "operation",
        if super::args::looks_like_a_name(name) {
            name
        } else {
            "<not shown>"
        },
    )
}

impl OperationSpec {
    /// Whether repeating the request is harmless (given its idempotency key, if any): every
    /// operation but those whose idempotency is `None`.
    pub const fn retry_safe(&self) -> bool {
        !matches!(self.idempotency, Idempotency::None)
    }

    /// Whether a failed attempt of this call may be sent again as it is: the operation is
    /// retry-safe and, when a key makes it so, `args` carry the key.
    pub fn may_retry(&self, args: &serde_json::Value) -> bool {
        // `submission.submissionId`: a member of an argument.
        let present = |path: &str| {
            path.split('.')
                .try_fold(args, |v, key| v.get(key))
                .is_some_and(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
        };
        match self.idempotency {
            Idempotency::Natural => true,
            Idempotency::Key(arg) | Idempotency::Header(arg) => present(arg),
            Idempotency::None => false,
        }
    }

    /// The output's part of a response body: the envelope's member, or the whole body.
    pub fn output_of<'a>(&self, body: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        match self.envelope {
            Some(member) => body.get(member),
            None => Some(body),
        }
    }

    /// The path parameters of the canonical template, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

/// The table as JSON, for the bindings and the generators: one object per operation with the
/// fields of [`OperationSpec`] plus `retry_safe`, `args` (the argument names), `args_type` and
/// `output_type` (the type names of the generated TypeScript).
pub fn operations_json() -> serde_json::Value {
    serde_json::Value::Array(
        OPERATIONS
            .iter()
            .map(|spec| {
                let mut value = crate::value_writer::to_value(spec).unwrap_or_default();
                if let Some(map) = value.as_object_mut() {
                    let signature = super::dispatch::signature(spec);
                    map.insert("retry_safe".into(), spec.retry_safe().into());
                    map.insert(
                        "args".into(),
                        signature
                            .args
                            .iter()
                            .map(|s| serde_json::Value::from(*s))
                            .collect(),
                    );
                    map.insert("args_type".into(), signature.args_type.into());
                    map.insert("output_type".into(), signature.output_type.into());
                    let names: Vec<serde_json::Value> = sdk::SDK_NAMES
                        .iter()
                        .filter(|(op, _, _)| *op == spec.name)
                        .map(|(_, ns, method)| format!("{ns}.{method}").into())
                        .collect();
                    map.insert("sdk_names".into(), names.into());
                }
                value
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    /// Writes the table beside ts-rs's declarations (`tools/gen_ts_types.py` runs the
    /// `export_bindings` tests with `TS_RS_EXPORT_DIR` set): the generated operation maps and
    /// Python methods come from it.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn export_bindings_operations() {
        if let Some(dir) = std::env::var_os("TS_RS_EXPORT_DIR") {
            let text = serde_json::to_string_pretty(&super::operations_json()).unwrap();
            std::fs::write(std::path::Path::new(&dir).join("operations.json"), text).unwrap();
            let personal = serde_json::to_string(crate::api::PERSONAL_MEMBERS).unwrap();
            std::fs::write(std::path::Path::new(&dir).join("personal.json"), personal).unwrap();
        }
    }
}
