//! HTTP as data: the requests the core builds and the responses the host hands back. Nothing
//! here sends anything. Bodies are bytes; `Debug` never shows a body or a secret header.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// `"GET"`, `"POST"`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A request for the host to send. Header names are lowercase; `body` is empty for none.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL, query string included (only the parameters that are set).
    pub url: String,
    /// Headers as (lowercase name, value), in a stable order.
    pub headers: Vec<(String, String)>,
    /// Body bytes (JSON for most operations; raw file bytes for document upload).
    #[serde(with = "bytes_as_list", default)]
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body parsed as JSON, when it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// What the host received back.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, crate::Decode)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers as (name, value); names are matched case-insensitively. Read from a list of
    /// pairs or an object.
    #[serde(default, deserialize_with = "headers_any")]
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    #[serde(with = "bytes_as_list", default)]
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with a JSON (or any text) body, for tests and examples.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn headers_any<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    #[derive(Deserialize, crate::Decode)]
    #[decode(no_schema)]
    #[serde(untagged)]
    enum Headers {
        Pairs(Vec<(String, String)>),
        Map(std::collections::BTreeMap<String, String>),
    }
    Ok(match Headers::deserialize(d)? {
        Headers::Pairs(pairs) => pairs,
        Headers::Map(map) => map.into_iter().collect(),
    })
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Headers whose values are secrets or personal data.
const SECRET_HEADERS: [&str; 3] = ["authorization", "x-filename", "idempotency-key"];

/// Whether a header's value is a secret or personal data (`authorization`, the uploaded file's
/// name, an idempotency key): `Debug` redacts it, and bindings hand it to the host in a form
/// that their own printing redacts (Python's `Secret`, JS's non-enumerable headers).
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s))
}

struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, v)| {
                let value = if is_secret_header(k) {
                    "<redacted>"
                } else {
                    v.as_str()
                };
                (k.as_str(), value)
            }))
            .finish()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A secret (API key, access token, webhook secret): never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

crate::macros::ts_as_string!(Secret);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for building a request.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// Percent-encodes a query value or path segment (RFC 3986 unreserved characters kept).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 15] {
                out.extend(char::from_digit(u32::from(nibble), 16).map(|c| c.to_ascii_uppercase()));
            }
        }
    }
    out
}

/// Builds `base + path + ?k=v&...` from the parameters that are set, in the order given.
pub(crate) fn url(base: &str, path: &str, query: &[(&str, Option<String>)]) -> String {
    let mut url = format!("{}{path}", base.trim_end_matches('/'));
    let mut first = true;
    for (key, value) in query {
        if let Some(value) = value {
            url.push(if first { '?' } else { '&' });
            first = false;
            url.push_str(key);
            url.push('=');
            url.push_str(&percent_encode(value));
        }
    }
    url
}

/// Bodies cross to JS and Python as byte arrays (a `Uint8Array` the JS binding sets itself,
/// `bytes` in Python) and to JSON as a list of numbers.
mod bytes_as_list {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    #[derive(Deserialize, crate::Decode)]
    #[decode(no_schema)]
    #[serde(untagged)]
    enum Body {
        Text(String),
        Bytes(serde_bytes_compat::Bytes),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Ok(match Body::deserialize(d)? {
            Body::Text(text) => text.into_bytes(),
            Body::Bytes(bytes) => bytes.0,
        })
    }

    /// Accepts a byte buffer or a list of numbers.
    mod serde_bytes_compat {
        use serde::de::{Deserializer, SeqAccess, Visitor};
        use std::fmt;

        pub struct Bytes(pub Vec<u8>);

        impl<'de> serde::Deserialize<'de> for Bytes {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Bytes;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("bytes, a string, or a list of byte values")
                    }
                    fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                        Ok(Bytes(v.to_vec()))
                    }
                    fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                        Ok(Bytes(v))
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                        while let Some(b) = seq.next_element::<u8>()? {
                            out.push(b);
                        }
                        Ok(Bytes(out))
                    }
                }
                d.deserialize_any(V)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets_and_bodies() {
        let req = HttpRequest {
            method: Method::Post,
            url: "https://zernio.com/api/v1/phone-numbers/kyc".into(),
            headers: vec![
                ("authorization".into(), "Bearer sk_live_secret".into()),
                ("x-filename".into(), "jane.pdf".into()),
            ],
            body: br#"{"endUserFirstName":"Jane"}"#.to_vec(),
        };
        let shown = format!("{req:?} {:?}", Secret::new("sk_live_secret"));
        assert!(
            !shown.contains("sk_live") && !shown.contains("Jane") && !shown.contains("jane.pdf"),
            "{shown}"
        );
        assert!(shown.contains("body_len: 27"));
    }

    #[test]
    fn urls_carry_only_set_parameters_encoded() {
        let u = url(
            "https://x.test/api/",
            "/v1/a",
            &[
                ("a", None),
                ("country", Some("GB".into())),
                ("q", Some("São Paulo&x".into())),
            ],
        );
        assert_eq!(
            u,
            "https://x.test/api/v1/a?country=GB&q=S%C3%A3o%20Paulo%26x"
        );
    }
}
