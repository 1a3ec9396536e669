//! Operations by name, for the bindings and the shared vectors: `args` are the operation's
//! JSON arguments (upstream names), the result is the output as JSON. Rust callers use the
//! typed operations directly.

use serde::Serialize;
use serde_json::Value;

use super::args::{self, check_known};
use super::client::{Client, GraphClient, Transport};
use super::graph::{self, GraphConfig};
use super::http::{HttpRequest, HttpResponse};
use super::table::{OperationSpec, unknown};
use super::zernio;
use super::{ApiConfig, Args, Config, Operation};
use crate::error::{Error, ErrorCode, Result, from_value};
use crate::limits::check_depth;

pub use super::table::Platform;

fn output<T: Serialize>(value: &T) -> Result<Value> {
    crate::value_writer::to_value(value).map_err(|_| unwritable())
}

/// An output its type cannot write (no output does this).
fn unwritable() -> Error {
    Error::new(
        ErrorCode::BadResponse,
        "the output could not be written as JSON",
    )
}

/// `$yes` when `$what` (`parse` or `request`) is among an operation's marks, else `$no`: an
/// operation marked `parse` has a parser of its own (its `Operation::parse`), one marked
/// `request` a request builder of its own (its `Operation::request`), and those stay typed.
/// The others read their output, and write their arguments, by schema ([`crate::schema`]),
/// which gives what the typed code would without compiling it per model.
macro_rules! if_own {
    (parse, [parse $($rest:ident)*], $yes:block, $no:block) => { $yes };
    (request, [request $($rest:ident)*], $yes:block, $no:block) => { $yes };
    ($what:ident, [$first:ident $($rest:ident)*], $yes:block, $no:block) => {
        if_own!($what, [$($rest)*], $yes, $no)
    };
    ($what:ident, [], $yes:block, $no:block) => { $no };
}

/// Refuses a mark other than `parse` and `request` at compile time (a misspelt mark would
/// otherwise fall through to the schema).
macro_rules! known_marks {
    () => {};
    (parse $($rest:ident)*) => { known_marks!($($rest)*); };
    (request $($rest:ident)*) => { known_marks!($($rest)*); };
}

/// An operation's arguments read by its schema and written as its type writes them
/// (`to_args`): what reading them as the type and writing that would give, with the same
/// errors (the tests hold the two together), and no typed value made.
fn written_args(kind: &crate::schema::Kind, args: &Value) -> Result<Value> {
    crate::schema::written(kind, args.clone()).map_err(|e| match e {
        crate::schema::Failure::Read(e) => crate::error::decode_error(&e, "the input"),
        crate::schema::Failure::Write(_) => unwritable(),
    })
}

/// An operation's request from its arguments as written: `Operation::request`'s default,
/// its `check_args`, then the table's placing. Generic over the config only (two copies).
fn build_written<C: ApiConfig>(
    config: &C,
    spec: &OperationSpec,
    written: Value,
    check: fn(Args<'_>, &C) -> Result<()>,
) -> Result<HttpRequest> {
    let Value::Object(args) = written else {
        return Err(Error::new(
            ErrorCode::ArgumentInvalid,
            "the arguments could not be written as JSON",
        ));
    };
    check(Args::of(&args), config)?;
    config.build(spec, &args, None)
}

/// What the parser by schema needs of an operation: all but the arguments' reading is data.
struct BySchema {
    spec: &'static OperationSpec,
    kind: &'static crate::schema::Kind,
    arg_names: fn() -> Vec<&'static str>,
    kind_args: &'static crate::schema::Kind,
}

/// One operation's output as JSON, read by its schema. Not generic: the operations share
/// it, and each brings its table row, its output's kind and its arguments' reader.
#[inline(never)]
fn by_schema(op: &BySchema, args: &Value, response: &HttpResponse) -> Result<Value> {
    check_known(&(op.arg_names)(), args, str::to_owned)?;
    // The arguments are read as the typed parser reads them (and fail as there), by schema.
    written_args(op.kind_args, args)?;
    super::output::parse_written(op.spec, op.kind, response)
        .map_err(|e| super::retry::settle_retryable(e, op.spec, args))?
        .map_err(|_| unwritable())
}

/// One operation's output as JSON, typed: parsed by its `parse`, then written.
macro_rules! typed_output {
    ($config:ty, $ty:ty, $args:ident, $response:ident) => {{
        let spec = <$ty as Operation<$config>>::SPEC;
        let parsed = from_value::<$ty>($args.clone())?
            .parse($response)
            .map_err(|e| super::retry::settle_retryable(e, spec, &$args))?;
        output(&parsed)
    }};
}

/// One line per operation: its client method and its type. From it: the names in table
/// order, the by-name entry points, the argument names and the clients' named methods.
macro_rules! registry {
    ($platform:expr, $config:ty, $client:ident, $names:ident, $build:ident, $build_typed:ident, $parse:ident, $typed:ident, $rewrite:ident, $args:ident, $kinds:ident, $fields:ident, $test:ident,
     { $($method:ident => $ty:ty $(: $($own:ident)+)?,)+ }) => {
        /// The operation names, in documentation order (the table's).
        pub const $names: &[&str] = &[$(<$ty as Operation<$config>>::SPEC.name,)+];

        $(known_marks!($($($own)+)?);)+

        /// Builds the request of operation `op` from its JSON `args`.
        ///
        /// # Errors
        /// `operation_unknown`, `json_invalid` for malformed args, or the operation's own
        /// argument errors.
        pub fn $build(config: &$config, op: &str, args: Value) -> Result<HttpRequest> {
            let args = check_depth(args)?;
            $(if op == <$ty as Operation<$config>>::SPEC.name {
                check_known(&<$ty as Operation<$config>>::arg_names(), &args, str::to_owned)?;
                let spec = <$ty as Operation<$config>>::SPEC;
                return if_own!(request, [$($($own)+)?], {
                    let operation = from_value::<$ty>(args.clone())?;
                    args::check_nothing_dropped(&args, &output(&operation)?, "", spec.echoed)?;
                    operation.request(config)
                }, {
                    // The arguments read and written as the type would (`to_args`), by
                    // schema, then checked in that form: no typed value is made.
                    let written = written_args(<$ty as crate::schema::Schema>::KIND, &args)?;
                    args::check_nothing_dropped(&args, &written, "", spec.echoed)?;
                    build_written(config, spec, written, <$ty as Operation<$config>>::check_args)
                });
            })+
            Err(unknown($platform, op))
        }

        /// The typed path of the request builder above for every operation: the arguments
        /// written back by their type, then the operation's `request`. The builder above
        /// gives the same answers (the tests hold them together).
        ///
        /// # Errors
        /// As the builder.
        pub fn $build_typed(config: &$config, op: &str, args: Value) -> Result<HttpRequest> {
            let args = check_depth(args)?;
            $(if op == <$ty as Operation<$config>>::SPEC.name {
                check_known(&<$ty as Operation<$config>>::arg_names(), &args, str::to_owned)?;
                let operation = from_value::<$ty>(args.clone())?;
                let spec = <$ty as Operation<$config>>::SPEC;
                args::check_nothing_dropped(&args, &output(&operation)?, "", spec.echoed)?;
                return operation.request(config);
            })+
            Err(unknown($platform, op))
        }

        /// Parses the response of operation `op` (built with the same `args`) into JSON.
        ///
        /// # Errors
        /// `operation_unknown`, `json_invalid` for malformed args, or an `api` error.
        pub fn $parse(op: &str, args: Value, response: &HttpResponse) -> Result<Value> {
            let args = check_depth(args)?;
            $(if op == <$ty as Operation<$config>>::SPEC.name {
                return if_own!(parse, [$($($own)+)?], {
                    check_known(&<$ty as Operation<$config>>::arg_names(), &args, str::to_owned)?;
                    typed_output!($config, $ty, args, response)
                }, {
                    by_schema(
                        &BySchema {
                            spec: <$ty as Operation<$config>>::SPEC,
                            kind: <<$ty as Operation<$config>>::Output as crate::schema::Schema>::KIND,
                            arg_names: <$ty as Operation<$config>>::arg_names,
                            kind_args: <$ty as crate::schema::Schema>::KIND,
                        },
                        &args,
                        response,
                    )
                });
            })+
            Err(unknown($platform, op))
        }

        /// The typed path of the parser above for every operation: the output parsed as
        /// its Rust type by the operation's `parse`, then written as JSON. The parser above
        /// gives the same answers (the tests hold them together).
        ///
        /// # Errors
        /// As the parser.
        pub fn $typed(op: &str, args: Value, response: &HttpResponse) -> Result<Value> {
            let args = check_depth(args)?;
            $(if op == <$ty as Operation<$config>>::SPEC.name {
                check_known(&<$ty as Operation<$config>>::arg_names(), &args, str::to_owned)?;
                return typed_output!($config, $ty, args, response);
            })+
            Err(unknown($platform, op))
        }

        /// Parses `response` as operation `op` (built with the same `args`) and writes the
        /// output back as the API sends it ([`Operation::respond`]): the wire serialisers by
        /// name, for the shared vectors.
        ///
        /// # Errors
        /// As the parser.
        pub fn $rewrite(op: &str, args: Value, response: &HttpResponse) -> Result<HttpResponse> {
            let args = check_depth(args)?;
            $(if op == <$ty as Operation<$config>>::SPEC.name {
                check_known(&<$ty as Operation<$config>>::arg_names(), &args, str::to_owned)?;
                let operation = from_value::<$ty>(args)?;
                return operation.respond(&operation.parse(response)?);
            })+
            Err(unknown($platform, op))
        }

        /// Each operation's name and its output's schema (for the schema's tests).
        #[cfg(test)]
        pub(crate) fn $kinds() -> Vec<(&'static str, &'static crate::schema::Kind)> {
            vec![$((
                <$ty as Operation<$config>>::SPEC.name,
                <<$ty as Operation<$config>>::Output as crate::schema::Schema>::KIND,
            ),)+]
        }

        /// Each operation's argument names as the `Decode` derive wrote them, and as serde's
        /// own `Deserialize` gives them (for the tests).
        #[cfg(test)]
        pub(crate) fn $fields() -> Vec<(&'static str, Option<&'static [&'static str]>, &'static [&'static str])> {
            vec![$((
                <$ty as Operation<$config>>::SPEC.name,
                <$ty as crate::Decode>::FIELDS,
                super::args::probed_field_names::<$ty>(),
            ),)+]
        }

        fn $args(spec: &OperationSpec) -> Option<Signature> {
            $(if spec.platform == $platform && spec.name == <$ty as Operation<$config>>::SPEC.name {
                return Some(Signature {
                    args: <$ty as Operation<$config>>::arg_names(),
                    args_type: last_segment(stringify!($ty)),
                    output_type: last_segment(std::any::type_name::<<$ty as Operation<$config>>::Output>()),
                });
            })+
            None
        }

        impl<T: Transport> $client<T> {
            $(
                #[doc = concat!("Runs [`", stringify!($ty), "`]; see [`", stringify!($client), "::execute`].")]
                ///
                /// # Errors
                /// The operation's argument errors, `transport_failed`, or an `api` error.
                pub fn $method(&self, operation: &$ty) -> Result<<$ty as Operation<$config>>::Output> {
                    self.execute(operation)
                }
            )+
        }

        #[cfg(test)]
        #[test]
        fn $test() {
            // Each method is named after its operation, and the list follows the table.
            let methods = [$(stringify!($method),)+];
            let table: Vec<&str> = $platform.specs().map(|s| s.name).collect();
            assert_eq!(methods.as_slice(), table.as_slice());
            assert_eq!($names, table.as_slice());
        }
    };
}

registry!(Platform::Zernio, Config, Client, ZERNIO_OPERATIONS, zernio_request, zernio_request_typed, zernio_parse, zernio_parse_typed, zernio_rewrite, zernio_args, zernio_kinds, zernio_fields, zernio_follows_the_table, {
    list_countries => zernio::ListCountries: parse,
    search_available => zernio::SearchAvailable,
    check_availability => zernio::CheckAvailability,
    purchase => zernio::Purchase: parse,
    get_claim => zernio::GetClaim,
    list_numbers => zernio::ListNumbers,
    get_number => zernio::GetNumber,
    release_number => zernio::ReleaseNumber,
    get_kyc_form => zernio::GetKycForm: request,
    submit_kyc => zernio::SubmitKyc: request,
    upload_document => zernio::UploadDocument: request,
    validate_address => zernio::ValidateAddress,
    create_kyc_link => zernio::CreateKycLink,
    review_kyc_packet => zernio::ReviewKycPacket,
    view_kyc_document => zernio::ViewKycDocument: parse,
    get_remediation => zernio::GetRemediation,
    submit_remediation => zernio::SubmitRemediation: request,
    reply_to_reviewer => zernio::ReplyToReviewer,
    respond_to_reviewer => zernio::RespondToReviewer,
    request_whatsapp_code => zernio::RequestWhatsappCode,
    verify_whatsapp_code => zernio::VerifyWhatsappCode: request,
    create_stock_watch => zernio::CreateStockWatch,
    list_stock_watches => zernio::ListStockWatches,
    delete_stock_watch => zernio::DeleteStockWatch,
    get_number_info => zernio::GetNumberInfo,
    place_call => zernio::PlaceCall,
    move_to_profile => zernio::MoveToProfile,
    get_call_permissions => zernio::GetCallPermissions,
    get_whatsapp_calling => zernio::GetWhatsappCalling,
    enable_whatsapp_calling => zernio::EnableWhatsappCalling,
    update_whatsapp_calling => zernio::UpdateWhatsappCalling: parse,
    disable_whatsapp_calling => zernio::DisableWhatsappCalling: parse,
    get_calling_config => zernio::GetCallingConfig,
    list_calls => zernio::ListCalls,
    get_call => zernio::GetCall,
    get_call_recording => zernio::GetCallRecording,
    estimate_call => zernio::EstimateCall,
    start_caller_id_verification => zernio::StartCallerIdVerification,
    verify_caller_id => zernio::VerifyCallerId,
    enable_voice => zernio::EnableVoice,
    disable_voice => zernio::DisableVoice,
    enable_sms => zernio::EnableSms,
    disable_sms => zernio::DisableSms,
    reuse_sms_registration => zernio::ReuseSmsRegistration,
    list_webhook_settings => zernio::ListWebhookSettings,
    create_webhook_settings => zernio::CreateWebhookSettings: request,
    update_webhook_settings => zernio::UpdateWebhookSettings: request,
    delete_webhook_settings => zernio::DeleteWebhookSettings,
    test_webhook => zernio::TestWebhook,
    get_webhook_logs => zernio::GetWebhookLogs,
});

registry!(Platform::Graph, GraphConfig, GraphClient, GRAPH_OPERATIONS, graph_request, graph_request_typed, graph_parse, graph_parse_typed, graph_rewrite, graph_args, graph_kinds, graph_fields, graph_follows_the_table, {
    get_phone_number => graph::GetPhoneNumber: request,
    list_phone_numbers => graph::ListPhoneNumbers: request,
    add_phone_number => graph::AddPhoneNumber: parse request,
    request_code => graph::RequestCode,
    verify_code => graph::VerifyCode: request,
    register => graph::Register,
    deregister => graph::Deregister,
    set_two_step_pin => graph::SetTwoStepPin,
    request_display_name => graph::RequestDisplayName: request,
    get_conversational_automation => graph::GetConversationalAutomation: parse,
    set_conversational_automation => graph::SetConversationalAutomation,
    get_phone_number_settings => graph::GetPhoneNumberSettings,
    set_phone_number_settings => graph::SetPhoneNumberSettings,
    get_health_status => graph::GetHealthStatus,
    request_preverified_code => graph::RequestPreverifiedCode,
    verify_preverified_code => graph::VerifyPreverifiedCode: request,
    add_preverified_numbers => graph::AddPreverifiedNumbers: parse request,
    list_preverified_numbers => graph::ListPreverifiedNumbers,
    get_preverified_number => graph::GetPreverifiedNumber,
    delete_preverified_number => graph::DeletePreverifiedNumber,
    list_preverified_partners => graph::ListPreverifiedPartners,
    share_preverified_numbers => graph::SharePreverifiedNumbers,
    unshare_preverified_numbers => graph::UnsharePreverifiedNumbers,
});

/// What an operation takes and gives, by name: for the bindings' generated methods and types.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// The argument names (its struct's serde names), in declaration order.
    pub args: Vec<&'static str>,
    /// The arguments' type (`SearchAvailable`), as the generated TypeScript names it.
    pub args_type: &'static str,
    /// The output's type (`AvailableNumbers`; `Value` for raw JSON).
    pub output_type: &'static str,
}

/// `wanumbers::api::models::Claim` → `Claim`.
fn last_segment(path: &'static str) -> &'static str {
    path.rsplit("::").next().unwrap_or(path).trim()
}

/// The signature of an operation of the table.
pub fn signature(spec: &OperationSpec) -> Signature {
    zernio_args(spec)
        .or_else(|| graph_args(spec))
        .unwrap_or_default()
}

/// The argument names of an operation of the table (its struct's serde names).
pub fn arg_names(spec: &OperationSpec) -> Vec<&'static str> {
    signature(spec).args
}

/// [`Platform::next_page`].
fn next_page_of(platform: Platform, op: &str, args: Value, page: Value) -> Result<Option<Value>> {
    // Both checked before either is dropped (a too-deep value must not be dropped recursively).
    let (args, page) = (check_depth(args), check_depth(page));
    let (args, page) = (args?, page?);
    let spec = super::table::find(platform, op)?;
    Ok(super::pages::next_args(spec, &args, &page))
}

/// [`Platform::next_page`] for Graph.
///
/// # Errors
/// As [`Platform::next_page`].
pub fn graph_next_page(op: &str, args: Value, page: Value) -> Result<Option<Value>> {
    next_page_of(Platform::Graph, op, args, page)
}

/// [`Platform::next_page`] for Zernio.
///
/// # Errors
/// As [`Platform::next_page`].
pub fn zernio_next_page(op: &str, args: Value, page: Value) -> Result<Option<Value>> {
    next_page_of(Platform::Zernio, op, args, page)
}

/// How a caller spells argument names: the operations' own names (JavaScript, Rust, the
/// vectors) or snake_case (Python).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `profileId`.
    Own,
    /// `profile_id`.
    Snake,
}

impl Platform {
    /// `args` spelled as `spelling`, under the operation's own names; an unknown key is
    /// `argument_unknown` with a suggestion in the caller's spelling.
    ///
    /// # Errors
    /// `operation_unknown`, `argument_unknown`.
    pub fn args_from(self, op: &str, args: Value, spelling: Spelling) -> Result<Value> {
        let args = check_depth(args)?;
        let names = arg_names(super::table::find(self, op)?);
        match spelling {
            Spelling::Own => check_known(&names, &args, str::to_owned).map(|()| args),
            Spelling::Snake => args::from_snake_case(&names, args),
        }
    }

    /// Whether to send attempt `attempt` of `op` (called with `args`) again, and after how long:
    /// `response` is `None` when the transport failed. See [`super::retry`].
    ///
    /// # Errors
    /// `operation_unknown`, `input_too_deep`.
    #[allow(clippy::too_many_arguments)]
    pub fn retry_decision(
        self,
        op: &str,
        args: &Value,
        attempt: u32,
        response: Option<&HttpResponse>,
        now: crate::Timestamp,
        jitter: f64,
        policy: &super::retry::RetryPolicy,
    ) -> Result<super::retry::Decision> {
        let spec = super::table::find(self, op)?;
        let outcome = response.map_or(super::retry::Attempt::TransportFailed, |r| {
            super::retry::Attempt::Response(r)
        });
        Ok(super::retry::decide(
            policy, spec, args, attempt, outcome, now, jitter,
        ))
    }

    /// A config (`Config` or `GraphConfig` as JSON) spelled as `spelling`, under the config's own
    /// names; an unknown key is `argument_unknown`.
    ///
    /// # Errors
    /// `argument_unknown`, `input_too_deep`.
    pub fn config_from(self, config: Value, spelling: Spelling) -> Result<Value> {
        let config = check_depth(config)?;
        let names = match self {
            Platform::Zernio => super::args::field_names::<Config>(),
            Platform::Graph => super::args::field_names::<GraphConfig>(),
        };
        match spelling {
            Spelling::Own => check_known(names, &config, str::to_owned).map(|()| config),
            Spelling::Snake => args::from_snake_case(names, config),
        }
    }

    /// `err` naming its argument (`details.argument`, and in the message) as the caller spells
    /// it: `profileId is required` is `profile_id is required` for Python.
    pub fn respell_error(self, err: Error, spelling: Spelling) -> Error {
        let Spelling::Snake = spelling else {
            return err;
        };
        let Some(argument) = err.details().get("argument").and_then(Value::as_str) else {
            return err;
        };
        let snake = args::snake_case(argument);
        if snake == argument {
            return err;
        }
        let message = err.message().replace(argument, &snake);
        let mut out = Error::new(err.code(), message);
        for (key, value) in err.details() {
            let value = if key == "argument" {
                Value::from(snake.as_str())
            } else {
                value.clone()
            };
            out = out.with(key, value);
        }
        out
    }

    /// An operation's arguments (the next page's) in the caller's spelling.
    pub fn args_to(self, args: Value, spelling: Spelling) -> Value {
        match spelling {
            Spelling::Own => args,
            Spelling::Snake => args::to_snake_case(args),
        }
    }

    /// The platform's operation names.
    pub fn operations(self) -> &'static [&'static str] {
        match self {
            Platform::Zernio => ZERNIO_OPERATIONS,
            Platform::Graph => GRAPH_OPERATIONS,
        }
    }

    /// [`zernio_parse`] or [`graph_parse`].
    ///
    /// # Errors
    /// As those.
    pub fn parse_response(self, op: &str, args: Value, response: &HttpResponse) -> Result<Value> {
        match self {
            Platform::Zernio => zernio_parse(op, args, response),
            Platform::Graph => graph_parse(op, args, response),
        }
    }

    /// The arguments of the next page of `op` (called with `args`, answered with `page`, the
    /// parsed output as JSON), or `None` when there is none: `page` was the last, or `op` does
    /// not page (the table's `pages`; [`super::pages::next_args`]).
    ///
    /// # Errors
    /// `operation_unknown`, or `input_too_deep` for `args` or `page`.
    pub fn next_page(self, op: &str, args: Value, page: Value) -> Result<Option<Value>> {
        next_page_of(self, op, args, page)
    }

    /// Builds a request with a config given as JSON (`Config` or `GraphConfig`).
    ///
    /// # Errors
    /// `json_invalid` for a config that is not the platform's; as [`zernio_request`] or
    /// [`graph_request`].
    pub fn request(self, config: Value, op: &str, args: Value) -> Result<HttpRequest> {
        let (config, args) = (check_depth(config), check_depth(args));
        let (config, args) = (config?, args?);
        let config = self.config_from(config, Spelling::Own)?;
        match self {
            Platform::Zernio => zernio_request(&from_value::<Config>(config)?, op, args),
            Platform::Graph => graph_request(&from_value::<GraphConfig>(config)?, op, args),
        }
    }
}
