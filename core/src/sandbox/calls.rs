//! The controls by name, as the bindings' methods call them ([`super::Sandbox::control`]):
//! each is a `/_sandbox/` request ([`super::control`]) built from an object of JSON-named
//! arguments, checked first (an unknown control or argument, a missing one, a path segment
//! that is not an id), its answer or its error in the library's vocabulary.

use serde_json::{Map, Value};

use crate::api::{HttpRequest, Method};
use crate::datetime::Timestamp;
use crate::error::{Error, ErrorCode, Result};

/// Whether a control acts on an account (its `apiKey` argument).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Account {
    /// The whole sandbox.
    None,
    /// One account: `apiKey` is required.
    Required,
    /// The caller's with `apiKey`, everyone's without.
    Optional,
}

/// A control as the bindings call it: its request, its arguments (JSON names).
struct Named {
    name: &'static str,
    method: Method,
    /// `{name}` segments are filled from the arguments.
    path: &'static str,
    account: Account,
    /// Arguments sent as the JSON body's members.
    body: &'static [&'static str],
    /// Arguments sent in the query.
    query: &'static [&'static str],
    /// An argument sent as the whole body.
    whole: Option<&'static str>,
}

const fn named(name: &'static str, method: Method, path: &'static str) -> Named {
    Named {
        name,
        method,
        path,
        account: Account::None,
        body: &[],
        query: &[],
        whole: None,
    }
}

/// Every control by name (see the module's table for what each does).
const NAMED: &[Named] = &[
    named("now", Method::Get, "clock"),
    Named {
        body: &["by", "to"],
        ..named("advance", Method::Post, "clock")
    },
    Named {
        account: Account::Required,
        body: &["reason"],
        ..named("force", Method::Post, "numbers/{numberId}/{action}")
    },
    Named {
        account: Account::Required,
        ..named("deliveries", Method::Get, "deliveries")
    },
    Named {
        account: Account::Optional,
        body: &["status", "error", "ms", "response"],
        ..named("report", Method::Post, "deliveries/{deliveryId}")
    },
    Named {
        account: Account::Required,
        body: &["eventId", "webhookId"],
        ..named("redeliver", Method::Post, "deliveries/redeliver")
    },
    Named {
        account: Account::Required,
        query: &["start", "end"],
        ..named("invoice", Method::Get, "invoice")
    },
    Named {
        account: Account::Required,
        body: &[
            "operation",
            "status",
            "code",
            "malformed",
            "latencyMs",
            "drop",
            "times",
        ],
        ..named("fail", Method::Post, "faults")
    },
    Named {
        account: Account::Required,
        ..named("clear_failures", Method::Delete, "faults")
    },
    Named {
        account: Account::Required,
        body: &["url", "appSecret"],
        ..named("graph_webhook", Method::Post, "graph/webhook")
    },
    Named {
        account: Account::Required,
        body: &["qualityRating", "messagingLimitTier", "throughputLevel"],
        ..named(
            "graph_quality",
            Method::Post,
            "graph/{phoneNumberId}/quality",
        )
    },
    Named {
        body: &["keys"],
        ..named("keys", Method::Post, "keys")
    },
    named("reset", Method::Post, "reset"),
    named("snapshot", Method::Get, "snapshot"),
    Named {
        whole: Some("snapshot"),
        ..named("restore", Method::Post, "restore")
    },
    Named {
        account: Account::Optional,
        ..named("journal", Method::Get, "journal")
    },
];

/// For a control reached over HTTP: the body member the control does not take, if any (the
/// same strictness as by name: an unknown member is refused, never dropped).
pub fn unknown_member(method: Method, segments: &[&str], body: &Value) -> Option<String> {
    let members = body.as_object()?;
    // The most literal template that fits (`deliveries/redeliver` before `deliveries/{id}`).
    let spec = NAMED
        .iter()
        .filter(|n| {
            let template: Vec<&str> = n.path.split('/').collect();
            n.method == method
                && template.len() == segments.len()
                && template
                    .iter()
                    .zip(segments)
                    .all(|(t, s)| t.starts_with('{') || t == s)
        })
        .min_by_key(|n| n.path.matches('{').count())?;
    if spec.whole.is_some() {
        return None;
    }
    members
        .keys()
        .find(|k| !spec.body.contains(&k.as_str()))
        .map(|k| format!("{} takes no member {k}", spec.name))
}

/// The names of the controls.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|n| n.name)
}

fn argument_error(code: ErrorCode, message: String, argument: &str) -> Error {
    Error::new(code, message).with("argument", argument)
}

/// The `/_sandbox/` request of control `name` with `args` (an object of its JSON-named
/// arguments): an unknown control or argument, a missing one, or a path segment that is not
/// an id is an error before anything is asked.
fn request_of(name: &str, args: &Value) -> Result<HttpRequest> {
    let Some(spec) = NAMED.iter().find(|n| n.name == name) else {
        let known: Vec<&str> = names().collect();
        return Err(Error::new(
            ErrorCode::OperationUnknown,
            format!(
                "no sandbox control is called {name}; the controls: {}",
                known.join(", ")
            ),
        )
        .with("operation", name));
    };
    let empty = Map::new();
    let args = match args {
        Value::Null => &empty,
        Value::Object(map) => map,
        _ => {
            return Err(argument_error(
                ErrorCode::ArgumentType,
                format!("the arguments of {name} must be an object"),
                "args",
            ));
        }
    };
    check_keys(spec, args)?;
    let text = |key: &str| text_arg(args, key);
    let path = path_of(spec, args)?;
    let mut headers = Vec::new();
    match (spec.account, text("apiKey")?) {
        (Account::Required, None) => {
            return Err(argument_error(
                ErrorCode::ArgumentMissing,
                format!("{name} acts on one account: give apiKey"),
                "apiKey",
            ));
        }
        (_, Some(key)) => headers.push(("authorization".to_owned(), format!("Bearer {key}"))),
        _ => {}
    }
    let body = if let Some(whole) = spec.whole {
        args.get(whole).cloned().ok_or_else(|| {
            argument_error(
                ErrorCode::ArgumentMissing,
                format!("{name} needs {whole}"),
                whole,
            )
        })?
    } else {
        let members: Map<String, Value> = args
            .iter()
            .filter(|(k, v)| spec.body.contains(&k.as_str()) && !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if members.is_empty() {
            Value::Null
        } else {
            Value::Object(members)
        }
    };
    Ok(HttpRequest {
        method: spec.method,
        url: format!("http://sandbox{path}"),
        headers,
        body: if body.is_null() {
            Vec::new()
        } else {
            serde_json::to_vec(&body).unwrap_or_default()
        },
    })
}

/// Every argument is one `spec` takes.
fn check_keys(spec: &Named, args: &Map<String, Value>) -> Result<()> {
    let params: Vec<&str> = spec
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .collect();
    for key in args.keys() {
        let known = params.contains(&key.as_str())
            || spec.body.contains(&key.as_str())
            || spec.query.contains(&key.as_str())
            || spec.whole == Some(key.as_str())
            || (key == "apiKey" && spec.account != Account::None);
        if !known {
            return Err(argument_error(
                ErrorCode::ArgumentUnknown,
                format!("{} takes no argument {key}", spec.name),
                key,
            ));
        }
    }
    Ok(())
}

/// Argument `key` as text, if given.
fn text_arg<'a>(args: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>> {
    match args.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(argument_error(
            ErrorCode::ArgumentType,
            format!("{key} must be a string"),
            key,
        )),
    }
}

/// The path and query of `spec` with its arguments filled in (path segments must be ids).
fn path_of(spec: &Named, args: &Map<String, Value>) -> Result<String> {
    let name = spec.name;
    let mut path = String::from("/_sandbox");
    for segment in spec.path.split('/') {
        path.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                let value = text_arg(args, param)?.ok_or_else(|| {
                    argument_error(
                        ErrorCode::ArgumentMissing,
                        format!("{name} needs {param}"),
                        param,
                    )
                })?;
                let id_like = !value.is_empty()
                    && value.len() <= 200
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
                if !id_like {
                    return Err(argument_error(
                        ErrorCode::ArgumentInvalid,
                        format!("{param} must be an id (letters, digits, _ - .)"),
                        param,
                    ));
                }
                path.push_str(value);
            }
            None => path.push_str(segment),
        }
    }
    let mut query = Vec::new();
    for key in spec.query {
        let value = text_arg(args, key)?.ok_or_else(|| {
            argument_error(
                ErrorCode::ArgumentMissing,
                format!("{name} needs {key}"),
                key,
            )
        })?;
        query.push(format!("{key}={}", crate::api::percent_encode(value)));
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }
    Ok(path)
}

impl super::Sandbox {
    /// Runs control `name` (`now`, `advance`, `force`, `deliveries`, `report`, `redeliver`,
    /// `invoice`, `fail`, `clear_failures`, `graph_webhook`, `graph_quality`, `reset`,
    /// `snapshot`, `restore`, `journal`) with
    /// `args`, an object of its JSON-named arguments (`apiKey` for the controls that act on an
    /// account), at the host's time `now`: what the `/_sandbox/` request answers. The
    /// bindings' control methods are this, by name.
    ///
    /// # Errors
    /// `operation_unknown` for an unknown control; `argument_unknown`, `argument_missing`,
    /// `argument_type`, `argument_invalid` for its arguments (naming the one to fix);
    /// `not_found` for a number or delivery the account does not have; the API's error for
    /// what the sandbox refuses otherwise.
    pub fn control(&self, name: &str, args: &Value, now: Timestamp) -> Result<Value> {
        let request = request_of(name, args)?;
        let response = self.handle(&request, now).response;
        let body: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        match response.status {
            200..=299 => Ok(body),
            400 => Err(Error::new(
                ErrorCode::ArgumentInvalid,
                body.get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("the sandbox refused the control"),
            )
            .with("argument", name)),
            _ => Err(crate::api::errors::zernio(name, &response)),
        }
    }
}
