//! The table run in both directions: arguments → HTTP request parts ([`build`]) and an HTTP
//! request → its operation and arguments ([`route`]). Both read only the
//! [`OperationSpec`](super::table::OperationSpec), so they cannot disagree: a request the core
//! builds routes back to the same operation and arguments (pinned by a test over every
//! request vector). One ambiguity is Graph's own: its node reads differ only by `fields`, so a
//! read of exactly `fields=health_status` (or `conversational_automation`) is that operation.

use serde_json::{Map, Value};

use super::PathStyle;
use super::http::{HttpRequest, Method, percent_encode};
use super::table::{Body, Kind, OperationSpec, Param, Platform};
use crate::error::{Error, ErrorCode, Result};

/// A request's parts before the platform adds its base URL and credentials.
#[derive(Debug)]
pub(crate) struct Parts {
    pub path: String,
    pub query: Vec<(&'static str, Option<String>)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<WireBody>,
}

/// A JSON or raw body.
#[derive(Debug)]
pub(crate) enum WireBody {
    Json(Value),
    Bytes(Vec<u8>),
}

fn template(spec: &OperationSpec, style: PathStyle) -> &'static str {
    match (style, spec.legacy_path) {
        (PathStyle::Legacy, Some(legacy)) => legacy,
        _ => spec.path,
    }
}

/// The parts of `spec`'s request from its arguments (`args`: the operation's serde form, or
/// what its builder made of it after checking), and `bytes` for a raw body. Arguments that are
/// null or absent are left out; so is empty text in the query.
pub(crate) fn build(
    spec: &OperationSpec,
    style: PathStyle,
    args: &Map<String, Value>,
    bytes: Option<Vec<u8>>,
) -> Result<Parts> {
    let mut path = String::new();
    for segment in template(spec, style).split('/').skip(1) {
        path.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let value = args.get(name).and_then(Value::as_str).unwrap_or_default();
                let id = match spec.platform {
                    // Graph's nodes are strings of digits.
                    Platform::Graph => super::graph::numeric_id(name, value)?,
                    Platform::Zernio => super::path_id(name, value)?,
                };
                path.push_str(&id);
            }
            None => path.push_str(segment),
        }
    }
    let mut query: Vec<(&'static str, Option<String>)> = spec
        .query
        .iter()
        .map(|p| (p.wire, args.get(p.arg).and_then(|v| write(p.kind, v))))
        .collect();
    query.extend(
        spec.fixed_query
            .iter()
            .map(|(k, v)| (*k, Some((*v).to_owned()))),
    );
    let headers = spec
        .headers
        .iter()
        .filter_map(|p| {
            let value = args.get(p.arg).and_then(|v| write(p.kind, v))?;
            Some((p.wire.to_owned(), value))
        })
        .collect();
    let fixed = || {
        spec.fixed_body
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
    };
    let body = match spec.body {
        Body::None => None,
        Body::Rest => {
            let taken = taken_args(spec);
            let mut out: Map<String, Value> = fixed().collect();
            for (k, v) in args {
                let sent = !v.is_null() || spec.clearable.contains(&k.as_str());
                if sent && !taken.contains(&k.as_str()) {
                    let wire = spec.renamed.iter().find(|(a, _)| a == k).map(|(_, w)| *w);
                    out.insert(wire.unwrap_or(k).to_owned(), v.clone());
                }
            }
            Some(WireBody::Json(Value::Object(out)))
        }
        Body::Fields(fields) => {
            let mut out: Map<String, Value> = fixed().collect();
            for p in fields {
                if let Some(v) = args.get(p.arg).filter(|v| !v.is_null()) {
                    out.insert(p.wire.to_owned(), v.clone());
                }
            }
            Some(WireBody::Json(Value::Object(out)))
        }
        Body::Arg(name) => Some(WireBody::Json(
            args.get(name).cloned().unwrap_or(Value::Null),
        )),
        Body::Bytes(_) => Some(WireBody::Bytes(bytes.unwrap_or_default())),
    };
    Ok(Parts {
        path,
        query,
        headers,
        body,
    })
}

/// The arguments that travel outside the body.
fn taken_args(spec: &OperationSpec) -> Vec<&'static str> {
    spec.path_params()
        .chain(spec.legacy_path.into_iter().flat_map(|p| {
            p.split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        }))
        .chain(spec.query.iter().chain(spec.headers).map(|p| p.arg))
        .collect()
}

/// One value as query or header text, or `None` to leave it out.
fn write(kind: Kind, value: &Value) -> Option<String> {
    match (kind, value) {
        (Kind::Text, Value::String(s)) => (!s.is_empty()).then(|| s.clone()),
        (Kind::Encoded, Value::String(s)) => Some(percent_encode(s)),
        (Kind::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Kind::Int, Value::Number(n)) => Some(n.to_string()),
        (Kind::List, Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        (Kind::List, Value::String(s)) => Some(s.clone()),
        (Kind::Json, Value::Array(items)) if items.is_empty() => None,
        (Kind::Json, v) if !v.is_null() => Some(v.to_string()),
        (Kind::Flag(fixed), Value::Bool(true)) => Some(fixed.to_owned()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The other direction.

/// A request recognised as one operation: its spec and its arguments, under the argument
/// names the operation's struct reads (decode them with [`Routed::decode`]).
#[derive(Debug, Clone)]
pub struct Routed {
    /// The operation.
    pub operation: &'static OperationSpec,
    /// Its arguments as found in the path, query, headers and body.
    pub args: Map<String, Value>,
}

impl Routed {
    /// The arguments as the operation's typed arguments (for the operations whose request
    /// carries all of them; `submit_kyc` and `submit_remediation` carry no form).
    ///
    /// # Errors
    /// `json_invalid` (details say where) when they do not fit `T`.
    pub fn decode<T: crate::Decode>(&self) -> Result<T> {
        crate::error::from_value(Value::Object(self.args.clone()))
    }
}

fn no_route(platform: Platform, message: String, method: Method, path: &str) -> Error {
    Error::new(ErrorCode::OperationUnknown, message)
        .with("method", method.as_str())
        .with("path", redacted_path(platform, path))
}

/// A path as errors show it: the segments that are literal in one of the platform's templates
/// kept, ids and anything else replaced.
fn redacted_path(platform: Platform, path: &str) -> String {
    let literal = |segment: &str| {
        platform.specs().any(|spec| {
            std::iter::once(spec.path)
                .chain(spec.legacy_path)
                .any(|t| t.split('/').any(|l| l == segment && !l.starts_with('{')))
        })
    };
    path.split('/')
        .map(|s| {
            if s.is_empty() || literal(s) {
                s
            } else {
                "{…}"
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Splits an absolute URL (or a path) into the API path (Zernio: from `/v1/`; Graph: after
/// the `/vMAJOR.MINOR` segment) and the query.
/// The path and the query of a URL (the scheme and host dropped, any fragment too).
pub(crate) fn url_parts(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| {
        r.find('/').and_then(|i| r.get(i..)).unwrap_or("")
    });
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query.split('#').next().unwrap_or_default();
    (path.split('#').next().unwrap_or_default(), query)
}

/// Whether a path segment is a Graph version (`v25.0`).
pub(crate) fn is_graph_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|v| {
        v.contains('.')
            && v.split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

fn api_path(platform: Platform, url: &str) -> (String, &str) {
    let (path, query) = url_parts(url);
    let path = match platform {
        Platform::Zernio => path
            .find("/v1/")
            .and_then(|i| path.get(i..))
            .unwrap_or(path),
        Platform::Graph => {
            let (first, _) = path
                .strip_prefix('/')
                .and_then(|p| p.split_once('/'))
                .unwrap_or(("", ""));
            if is_graph_version(first) {
                path.get(first.len() + 1..).unwrap_or(path)
            } else {
                path
            }
        }
    };
    (path.trim_end_matches('/').to_owned(), query)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Path parameters by name.
type PathParams = Vec<(&'static str, String)>;

/// The path parameters when `path` fits `template`.
fn fit(template: &'static str, path: &str) -> Option<PathParams> {
    let mut t = template.split('/');
    let mut p = path.split('/');
    let mut params = Vec::new();
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(params),
            (Some(a), Some(b)) => match a.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) if !b.is_empty() => params.push((name, percent_decode(b)?)),
                None if a == b => {}
                _ => return None,
            },
            _ => return None,
        }
    }
}

/// Which operation `request` is, and its arguments.
///
/// # Errors
/// `operation_unknown` when no operation of `platform` has that path (details `method`,
/// `path` with ids hidden) or none takes that method on it (details `allowed`);
/// `argument_invalid` for a query parameter the operation does not take or cannot read;
/// `json_invalid` for a body that is not the JSON the operation takes.
pub fn route(platform: Platform, request: &HttpRequest) -> Result<Routed> {
    let (path, query) = api_path(platform, &request.url);
    let body_json: Option<Value> = if request.body.is_empty() {
        None
    } else {
        serde_json::from_slice(&request.body).ok()
    };
    let query: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((
                percent_decode(k)
                    .ok_or_else(|| super::invalid("query", "percent-encoded UTF-8"))?,
                percent_decode(v)
                    .ok_or_else(|| super::invalid("query", "percent-encoded UTF-8"))?,
            ))
        })
        .collect::<Result<_>>()?;
    let (spec, params) = choose(platform, request.method, &path, &query, body_json.as_ref())?;
    let args = arguments(spec, params, &query, request, body_json.as_ref())?;
    Ok(Routed {
        operation: spec,
        args,
    })
}

/// The methods `platform`'s operations take on `url`'s path (empty: no operation has it), in
/// table order: what a 405's `Allow` lists.
pub fn allowed_methods(platform: Platform, url: &str) -> Vec<&'static str> {
    let (path, _) = api_path(platform, url);
    let literal = |t: &str| t.split('/').filter(|s| !s.starts_with('{')).count();
    let fits: Vec<(&'static OperationSpec, usize)> = platform
        .specs()
        .filter_map(|spec| {
            std::iter::once(spec.path)
                .chain(spec.legacy_path)
                .find_map(|t| fit(t, &path).map(|_| (spec, literal(t))))
        })
        .collect();
    let most = fits.iter().map(|(_, l)| *l).max().unwrap_or_default();
    let mut allowed: Vec<&'static str> = Vec::new();
    for (spec, _) in fits.into_iter().filter(|(_, l)| *l == most) {
        if !allowed.contains(&spec.method.as_str()) {
            allowed.push(spec.method.as_str());
        }
    }
    allowed
}

/// The operation of `platform` that takes `method` on `path` (with this query and body).
fn choose(
    platform: Platform,
    method: Method,
    path: &str,
    query: &[(String, String)],
    body_json: Option<&Value>,
) -> Result<(&'static OperationSpec, PathParams)> {
    // Every operation whose path fits; only the most literal templates count (`/kyc` before
    // `/{id}`).
    let literal = |t: &str| t.split('/').filter(|s| !s.starts_with('{')).count();
    let fits: Vec<(&'static OperationSpec, PathParams, usize)> = platform
        .specs()
        .filter_map(|spec| {
            std::iter::once(spec.path)
                .chain(spec.legacy_path)
                .find_map(|t| fit(t, path).map(|params| (spec, params, literal(t))))
        })
        .collect();
    let most = fits.iter().map(|(_, _, l)| *l).max().unwrap_or_default();
    let mut allowed: Vec<&'static str> = Vec::new();
    let mut best: Option<(&'static OperationSpec, PathParams)> = None;
    for (spec, params, _) in fits.into_iter().filter(|(_, _, l)| *l == most) {
        if spec.method != method {
            if !allowed.contains(&spec.method.as_str()) {
                allowed.push(spec.method.as_str());
            }
            continue;
        }
        let fixed_ok = spec
            .fixed_query
            .iter()
            .all(|(k, v)| query.iter().any(|(qk, qv)| qk == k && qv == v));
        let selected = spec
            .selected_by
            .is_none_or(|member| body_json.as_ref().is_some_and(|b| b.get(member).is_some()));
        if !fixed_ok || !selected {
            continue;
        }
        // The most specific wins: a fixed query or a selecting member over none.
        let specific =
            |s: &OperationSpec| s.fixed_query.len() + usize::from(s.selected_by.is_some());
        if best
            .as_ref()
            .is_none_or(|(b, _)| specific(spec) > specific(b))
        {
            best = Some((spec, params));
        }
    }
    let Some((spec, params)) = best else {
        if allowed.is_empty() {
            return Err(no_route(
                platform,
                format!("no {} operation has this path", platform.as_str()),
                method,
                path,
            ));
        }
        return Err(no_route(
            platform,
            format!(
                "no {} operation takes {} on this path (it takes {})",
                platform.as_str(),
                method.as_str(),
                allowed.join(", ")
            ),
            method,
            path,
        )
        .with("allowed", allowed));
    };
    Ok((spec, params))
}

/// The arguments found in the path, query, headers and body.
fn arguments(
    spec: &'static OperationSpec,
    params: PathParams,
    query: &[(String, String)],
    request: &HttpRequest,
    body_json: Option<&Value>,
) -> Result<Map<String, Value>> {
    let mut args = Map::new();
    for (name, value) in params {
        args.insert(name.to_owned(), Value::String(value));
    }
    for (key, value) in query {
        if spec.fixed_query.iter().any(|(k, _)| k == key) {
            continue;
        }
        let Some(param) = spec.query.iter().find(|p| p.wire == key) else {
            // The API ignores a parameter it does not know, except where it says it does
            // not (`/available`: "nothing is silently ignored").
            if !spec.strict_query {
                continue;
            }
            let shown = if super::args::looks_like_a_name(key) {
                key.as_str()
            } else {
                "<not shown>"
            };
            return Err(super::invalid(
                shown,
                "left out: this operation does not take it",
            ));
        };
        args.insert(param.arg.to_owned(), read(param, value)?);
    }
    for param in spec.headers {
        if let Some(value) = request.header(param.wire) {
            args.insert(param.arg.to_owned(), read(param, value)?);
        }
    }
    let json = || {
        if request.body.is_empty() && matches!(spec.body, Body::Rest | Body::Fields(_)) {
            // No body is an empty object: each required member then says it is missing.
            return Ok(Value::Object(Map::new()));
        }
        body_json.cloned().ok_or_else(|| {
            Error::new(ErrorCode::JsonInvalid, "the body is not JSON").with("argument", "body")
        })
    };
    match spec.body {
        Body::None => {}
        Body::Rest => match json()? {
            Value::Object(members) => {
                let taken = taken_args(spec);
                for (k, v) in members {
                    if spec.fixed_body.iter().any(|(f, _)| *f == k) {
                        continue;
                    }
                    let arg = spec.renamed.iter().find(|(_, w)| *w == k).map(|(a, _)| *a);
                    let arg = arg.map_or(k, str::to_owned);
                    // A path, query or header argument is not taken from the body.
                    if taken.contains(&arg.as_str()) {
                        return Err(body_member(&arg));
                    }
                    args.insert(arg, v);
                }
            }
            _ => {
                return Err(Error::new(
                    ErrorCode::JsonInvalid,
                    "the body is not a JSON object",
                ));
            }
        },
        Body::Fields(fields) => {
            let Value::Object(members) = json()? else {
                return Err(Error::new(
                    ErrorCode::JsonInvalid,
                    "the body is not a JSON object",
                ));
            };
            for (k, v) in members {
                if let Some(p) = fields.iter().find(|p| p.wire == k) {
                    args.insert(p.arg.to_owned(), v);
                } else if !spec.fixed_body.iter().any(|(f, _)| *f == k) {
                    return Err(body_member(&k));
                }
            }
        }
        Body::Arg(name) => {
            args.insert(name.to_owned(), json()?);
        }
        Body::Bytes(name) => {
            args.insert(
                name.to_owned(),
                Value::String(crate::base64::encode(&request.body)),
            );
        }
    }
    Ok(args)
}

/// A body member the operation does not take there (named only when it looks like a name).
fn body_member(key: &str) -> Error {
    let shown = if super::args::looks_like_a_name(key) {
        key
    } else {
        "<not shown>"
    };
    Error::new(
        ErrorCode::ArgumentUnknown,
        "the body has a member this operation does not take there",
    )
    .with("argument", shown)
}

/// A query or header value read back by its kind.
fn read(param: &Param, text: &str) -> Result<Value> {
    let bad = |expected: &str| super::invalid(param.wire, expected);
    Ok(match param.kind {
        Kind::Text => Value::String(text.to_owned()),
        // Text that is not percent-encoding is taken as it stands.
        Kind::Encoded => Value::String(percent_decode(text).unwrap_or_else(|| text.to_owned())),
        Kind::Bool => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("true or false")),
        },
        Kind::Int => Value::from(text.parse::<u64>().map_err(|_| bad("a whole number"))?),
        Kind::List => Value::Array(
            text.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ),
        Kind::Json => serde_json::from_str(text).map_err(|_| bad("JSON"))?,
        Kind::Flag(fixed) if text == fixed => Value::Bool(true),
        Kind::Flag(fixed) => return Err(bad(fixed)),
    })
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cut_at_the_api_root() {
        let (p, q) = api_path(
            Platform::Zernio,
            "https://zernio.com/api/v1/phone-numbers/x?a=1",
        );
        assert_eq!((p.as_str(), q), ("/v1/phone-numbers/x", "a=1"));
        let (p, q) = api_path(
            Platform::Graph,
            "https://graph.facebook.com/v25.0/123/register",
        );
        assert_eq!((p.as_str(), q), ("/123/register", ""));
        assert_eq!(percent_decode("a%2Fb%20c").as_deref(), Some("a/b c"));
        assert_eq!(percent_decode("%zz"), None);
    }
}
