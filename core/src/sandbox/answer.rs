//! How the sandbox answers: a refusal in each API's own error shape ([`Fail`]), JSON
//! responses, and [`run`], which decodes, checks and answers an operation with the clients'
//! own types and checks.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::{Check, Config, HttpResponse, Operation, wire};
use crate::error::Error;
use crate::macros::value;

/// A request the sandbox refuses, in the API's error shape.
#[derive(Debug, Clone)]
pub(crate) struct Fail {
    pub(super) status: u16,
    pub(super) body: Value,
    /// The operation is not this handler's (the next one is asked).
    pub(super) unhandled: bool,
}

impl Fail {
    pub(super) fn response(&self) -> HttpResponse {
        json_response(self.status, &self.body)
    }

    /// Not this handler's operation.
    pub(super) fn next() -> Fail {
        Fail {
            status: 501,
            body: value!({"error": "This operation is not simulated yet", "type": "api_error"}),
            unhandled: true,
        }
    }

    /// A Zernio error: `{error, type, code?}`.
    pub(super) fn zernio(status: u16, kind: &str, code: Option<&str>, message: &str) -> Fail {
        let mut body = value!({"error": message, "type": kind});
        if let (Some(code), Some(map)) = (code, body.as_object_mut()) {
            map.insert("code".into(), code.into());
        }
        Fail {
            status,
            body,
            unhandled: false,
        }
    }

    /// Zernio's 400 for a request the sandbox's state refuses.
    pub(super) fn bad_request(message: &str) -> Fail {
        Fail::zernio(400, "invalid_request_error", None, message)
    }

    /// `{"error": "Not found"}` (Zernio's canned 404).
    pub(super) fn not_found() -> Fail {
        Fail {
            status: 404,
            body: value!({"error": "Not found"}),
            unhandled: false,
        }
    }

    /// A 400 from the library's own argument error: what the API would refuse.
    pub(super) fn invalid(error: &Error) -> Fail {
        let mut body = value!({"error": error.message(), "type": "invalid_request_error"});
        if let (Some(param), Some(map)) = (error.details().get("argument"), body.as_object_mut()) {
            map.insert("param".into(), param.clone());
        }
        if let Some(map) = body.as_object_mut() {
            map.insert(
                "code".into(),
                error.code().as_str().to_ascii_uppercase().into(),
            );
        }
        Fail {
            status: 400,
            body,
            unhandled: false,
        }
    }
}

/// `{name: model}`, the sandbox's wrapped answers (`{"number": ...}`), for [`json_response`]:
/// the model written by its own `Serialize`, with no `Value` in between.
pub(crate) fn member<'a, T: Serialize + ?Sized>(
    name: &'static str,
    model: &'a T,
) -> std::collections::BTreeMap<&'static str, &'a T> {
    std::collections::BTreeMap::from([(name, model)])
}

pub(crate) fn json_response<T: Serialize>(status: u16, body: &T) -> HttpResponse {
    let mut response = HttpResponse::new(status, serde_json::to_vec(body).unwrap_or_default());
    response
        .headers
        .push(("content-type".to_owned(), "application/json".to_owned()));
    response
}

/// What the sandbox answers in each API's own words: a request the library would refuse, and
/// an answer it could not write.
pub(crate) trait Host: crate::api::ApiConfig + Sized {
    /// The config the clients' checks run with.
    fn sandbox() -> Self;
    /// The API's 400 for a refused argument.
    fn refused(error: &Error) -> Fail;
    /// The API's 500.
    fn unwritable() -> Fail;
    /// The answer to a path id the API cannot have (blank, `..`): Graph's 400 by default.
    fn unknown_id(error: &Error) -> Fail {
        Self::refused(error)
    }
}

impl Host for Config {
    fn sandbox() -> Self {
        Config::new("sandbox")
    }

    fn refused(error: &Error) -> Fail {
        Fail::invalid(error)
    }

    /// Zernio has no record under such an id: its 404.
    fn unknown_id(_error: &Error) -> Fail {
        Fail::not_found()
    }

    fn unwritable() -> Fail {
        Fail::zernio(
            500,
            "api_error",
            None,
            "the sandbox could not write its answer",
        )
    }
}

/// Runs operation `O` on the routed arguments: decoded into its type, checked as the client
/// checks them (a request the library would refuse is refused with the API's 400), `run`
/// gives the output, and the operation writes it back as the API does.
pub(crate) fn run<O, F, C>(routed: &wire::Routed, run: F) -> Result<HttpResponse, Fail>
where
    C: Host,
    O: Operation<C> + DeserializeOwned + crate::Decode,
    F: FnOnce(&O) -> Result<O::Output, Fail>,
{
    let operation: O = routed.decode().map_err(|e| C::refused(&e))?;
    if let Some(null) = null_member::<O>(routed) {
        return Err(C::refused(&null));
    }
    operation.check(&C::sandbox()).map_err(|e| {
        let argument = e.details().get("argument").and_then(Value::as_str);
        if argument.is_some_and(|a| routed.operation.path_params().any(|p| p == a)) {
            C::unknown_id(&e)
        } else {
            C::refused(&e)
        }
    })?;
    let output = run(&operation)?;
    operation.respond(&output).map_err(|_| C::unwritable())
}

/// A `null` sent for a member the operation knows and takes no `null` for (the API's schemas
/// say where `null` is allowed: the clearable arguments, and free-form JSON): found by reading
/// the arguments again with every other `null` swapped for a value no typed member but a
/// free-form one (or a float, which no request has) takes.
/// Members the operation does not know are ignored, as the API ignores them.
fn null_member<O: DeserializeOwned + crate::Decode>(routed: &wire::Routed) -> Option<Error> {
    fn swap(value: &mut Value) -> bool {
        match value {
            Value::Null => {
                // A fraction: no text, flag, count, list, map or record takes it.
                *value = value!(-0.5);
                true
            }
            Value::Array(items) => {
                let mut any = false;
                for v in items {
                    any |= swap(v);
                }
                any
            }
            Value::Object(members) => {
                let mut any = false;
                for v in members.values_mut() {
                    any |= swap(v);
                }
                any
            }
            _ => false,
        }
    }
    fn has_null(value: &Value) -> bool {
        match value {
            Value::Null => true,
            Value::Array(items) => items.iter().any(has_null),
            Value::Object(members) => members.values().any(has_null),
            _ => false,
        }
    }
    // The common case, no null anywhere, costs one walk and no copy.
    if !routed.args.values().any(has_null) {
        return None;
    }
    let mut args = routed.args.clone();
    let mut any = false;
    for (name, value) in &mut args {
        let spec = routed.operation;
        // A form passed back as the API sent it keeps its nulls.
        if !spec.clearable.contains(&name.as_str()) && !spec.echoed.contains(&name.as_str()) {
            any = swap(value) || any;
        }
    }
    if !any {
        return None;
    }
    let error = crate::error::from_value::<O>(Value::Object(args)).err()?;
    let at = error
        .details()
        .get("path")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    Some(
        Error::new(
            crate::ErrorCode::ArgumentType,
            format!("{at} must not be null: leave it out, or give it a value"),
        )
        .with("argument", at),
    )
}
