//! Reading an operation's answer: an error status becomes the platform's error, a 2xx body
//! JSON taken out of the table's envelope and decoded into the output, with `bad_response`
//! (and where the body went wrong) when it is not what the operation documents.

use super::{HttpResponse, errors, table};
use crate::error::{Error, Result};

/// Parses a 2xx JSON body into `T`, or maps the error response with `map_error`.
pub(crate) fn parse_json<T: crate::Decode>(
    operation: &str,
    response: &HttpResponse,
    map_error: fn(&str, &HttpResponse) -> Error,
) -> Result<T> {
    let value = read_json(operation, response, map_error)?;
    decode_body(operation, response, value)
}

/// What every operation's parser does unless it says otherwise, from its row of the table: an
/// error status is the platform's error; a 2xx body is JSON, taken out of the table's envelope
/// and decoded into the output. A Graph body with `success: false` is not a success.
///
/// # Errors
/// The platform's `api` error, or `bad_response`.
pub fn parse_output<T: crate::Decode>(
    spec: &table::OperationSpec,
    response: &HttpResponse,
) -> Result<T> {
    let (value, enveloped) = output_value(spec, response)?;
    crate::error::decode(value, "the body").map_err(|e| output_error(spec, response, enveloped, &e))
}

/// [`parse_output`] written as JSON (`to_value(&parse_output::<T>(..)?)`), read by `T`'s
/// schema without `T`'s code ([`crate::schema`]): the same answer and the same errors. The
/// inner error is an output that read but could not be written (no output does this).
///
/// # Errors
/// As [`parse_output`].
pub(crate) fn parse_written(
    spec: &table::OperationSpec,
    kind: &crate::schema::Kind,
    response: &HttpResponse,
) -> Result<std::result::Result<serde_json::Value, crate::value_writer::Unwritable>> {
    let (mut value, enveloped) = output_value(spec, response)?;
    let failed = |e: &Error| output_error(spec, response, enveloped, e);
    crate::limits::check_depth_in_place(&mut value).map_err(|e| failed(&e))?;
    match crate::schema::written(kind, value) {
        Ok(value) => Ok(Ok(value)),
        Err(crate::schema::Failure::Read(e)) => {
            Err(failed(&crate::error::decode_error(&e, "the body")))
        }
        Err(crate::schema::Failure::Write(e)) => Ok(Err(e)),
    }
}

/// The JSON the output is decoded from, and whether it came out of the table's envelope;
/// not generic, so compiled once.
fn output_value(
    spec: &table::OperationSpec,
    response: &HttpResponse,
) -> Result<(serde_json::Value, bool)> {
    let map_error = match spec.platform {
        table::Platform::Zernio => errors::zernio,
        table::Platform::Graph => errors::graph,
    };
    let value = read_json(spec.name, response, map_error)?;
    if spec.platform == table::Platform::Graph
        && value.get("success") == Some(&serde_json::Value::Bool(false))
    {
        return Err(errors::bad_response(
            spec.name,
            response,
            "success is false",
        ));
    }
    match (spec.envelope, value) {
        (None, value) => Ok((value, false)),
        (Some(member), serde_json::Value::Object(mut body)) => {
            Ok((body.remove(member).unwrap_or(serde_json::Value::Null), true))
        }
        (Some(member), _) => Err(no_envelope(spec.name, response, member)),
    }
}

/// Why an output did not decode: the envelope's member was not the output, or the body is
/// not of the documented shape.
#[inline(never)]
fn output_error(
    spec: &table::OperationSpec,
    response: &HttpResponse,
    enveloped: bool,
    e: &Error,
) -> Error {
    match spec.envelope {
        Some(member) if enveloped => no_envelope(spec.name, response, member),
        _ => body_error(spec.name, response, e),
    }
}

fn no_envelope(operation: &str, response: &HttpResponse, member: &str) -> Error {
    errors::bad_response(operation, response, &format!("no {member} object"))
}

/// A 2xx body as JSON (bounded in size), or the error response mapped by `map_error`.
fn read_json(
    operation: &str,
    response: &HttpResponse,
    map_error: fn(&str, &HttpResponse) -> Error,
) -> Result<serde_json::Value> {
    if !(200..300).contains(&response.status) {
        return Err(map_error(operation, response));
    }
    if response.body.len() > crate::limits::MAX_RESPONSE_BODY_BYTES {
        return Err(errors::bad_response(
            operation,
            response,
            "the body is larger than 32 MiB",
        ));
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(errors::bad_response(
            operation,
            response,
            "the body is empty",
        ));
    }
    serde_json::from_slice(&response.body)
        .map_err(|_| errors::bad_response(operation, response, "the body is not JSON"))
}

/// `value` as `T`; a mismatch is `bad_response` with the path of the first bad member.
fn decode_body<T: crate::Decode>(
    operation: &str,
    response: &HttpResponse,
    value: serde_json::Value,
) -> Result<T> {
    crate::error::decode(value, "the body").map_err(|e| body_error(operation, response, &e))
}

/// A body not of the documented shape, at the path where it is not (out of line: compiled
/// once, not into every output's decoding).
#[inline(never)]
fn body_error(operation: &str, response: &HttpResponse, e: &Error) -> Error {
    let err = errors::bad_response(
        operation,
        response,
        "the body does not have the documented shape",
    );
    match e.details().get("path") {
        Some(path) => err.with("path", path.clone()),
        None => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::NumberRecord;
    use crate::error::ErrorCode;

    fn parse(spec: &table::OperationSpec, body: &str) -> Error {
        match parse_output::<NumberRecord>(spec, &HttpResponse::new(200, body)) {
            Ok(_) => panic!("{body} parsed"),
            Err(e) => e,
        }
    }

    /// An output in an envelope that is not there, or not the output, is "no ... object"; a
    /// body of the wrong shape says where.
    #[test]
    fn outputs_that_do_not_decode_say_why() {
        for body in [r#"{"other": {}}"#, r#"{"phoneNumber": {"id": 5}}"#, "[1]"] {
            let e = parse(&table::GET_NUMBER, body);
            assert_eq!(e.code(), ErrorCode::BadResponse);
            assert!(
                e.message().ends_with("no phoneNumber object"),
                "{body}: {e}"
            );
            assert_eq!(e.details().get("path"), None);
        }
        let bare = table::OperationSpec {
            envelope: None,
            ..table::GET_NUMBER
        };
        let e = parse(&bare, r#"{"id": 5}"#);
        assert!(
            e.message()
                .ends_with("the body does not have the documented shape")
        );
        assert_eq!(e.details()["path"], "id");
    }
}
