//! What a validation reports and how: field errors and their severity, the collector that
//! words them in one language and sorts them by JSON pointer, and the small helpers the checks
//! share.

use serde::Serialize;
use serde_json::Value;

use super::messages::{Lang, display, render};
use super::model::KycField;
use crate::error::{Details, Error, ErrorCode};

/// How serious a field error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The API would refuse the submission.
    Error,
    /// Likely a mistake, but the API would accept it.
    Warning,
}

/// One reason a submission would bounce (or a warning), tied to the field that causes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// JSON pointer into the submission, e.g. `/values/REQ_1`, `/address/postal_code`.
    pub path: String,
    /// The requirement concerned, when there is one.
    pub requirement_id: Option<String>,
    /// Stable code.
    pub code: ErrorCode,
    /// `error` or `warning`.
    pub severity: Severity,
    /// A readable message in the requested language.
    pub message: String,
    /// The numbers and names a UI needs to write its own message (language-neutral).
    pub params: Details,
}

/// Collects field errors; renders messages once, in one language.
pub(crate) struct Collector {
    lang: Lang,
    errors: Vec<FieldError>,
}

impl Collector {
    pub(crate) fn new(lang: Lang) -> Self {
        Collector {
            lang,
            errors: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        params: Details,
    ) {
        self.push_with(path, field, code, Severity::Error, params, "");
    }

    pub(crate) fn warn(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        params: Details,
    ) {
        self.push_with(path, field, code, Severity::Warning, params, "");
    }

    /// A core error (country, phone) reported at `path`.
    pub(super) fn push_error(&mut self, path: String, err: &Error) {
        let params = err.details().clone();
        self.push_with(
            path,
            None,
            err.code(),
            Severity::Error,
            params,
            err.message(),
        );
    }

    fn push_with(
        &mut self,
        path: String,
        field: Option<&KycField>,
        code: ErrorCode,
        severity: Severity,
        mut params: Details,
        fallback: &str,
    ) {
        if let Some(f) = field {
            params
                .entry("label")
                .or_insert_with(|| Value::from(f.label.clone()));
        }
        params
            .entry("label")
            .or_insert_with(|| Value::from(label_of_path(&path)));
        let lang = self.lang;
        let message = render(code, lang, &|key| localized(&params, key, lang), fallback);
        self.errors.push(FieldError {
            path,
            requirement_id: field.map(|f| f.requirement_id.clone()),
            code,
            severity,
            message,
            params,
        });
    }

    pub(crate) fn finish(mut self) -> Vec<FieldError> {
        crate::sort::sort_by(&mut self.errors, |a, b| {
            pointer_order(&a.path, &b.path).then_with(|| a.code.cmp(&b.code))
        });
        self.errors
    }
}

/// Orders JSON pointers segment by segment, numbers as numbers (`/documents/2` before
/// `/documents/10`).
fn pointer_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(u8, u64, String)> {
        s.split('/')
            .map(|seg| match seg.parse::<u64>() {
                Ok(n) => (0, n, String::new()),
                Err(_) => (1, 0, seg.to_owned()),
            })
            .collect()
    };
    key(a).cmp(&key(b))
}

/// The last segment of a pointer, as a stand-in label for top-level fields (`profileId`).
fn label_of_path(path: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or(path);
    // JSON pointer unescaping: `~1` is `/`, then `~0` is `~`.
    let mut out = String::with_capacity(last.len());
    let mut chars = last.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('~', Some('1')) => {
                out.push('/');
                chars.next();
            }
            ('~', Some('0')) => {
                out.push('~');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A param as message text, in the user's language for the params that name things: `part`
/// names the address `field`, and `side` is translated.
fn localized(params: &Details, key: &str, lang: Lang) -> Option<String> {
    let named = match key {
        "part" => params
            .get("field")
            .and_then(Value::as_str)
            .map(|field| address_part_name(field, lang)),
        "side" => params
            .get("side")
            .and_then(Value::as_str)
            .map(|side| match (side, lang) {
                ("front", Lang::Es) => "anverso",
                ("back", Lang::Es) => "reverso",
                ("front", Lang::PtBr) => "frente",
                ("back", Lang::PtBr) => "verso",
                (other, _) => other,
            }),
        _ => None,
    };
    named
        .map(str::to_owned)
        .or_else(|| params.get(key).map(display))
}

fn address_part_name(field: &str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("street_address", Lang::En) => "street",
        ("street_address", Lang::Es) => "la calle",
        ("street_address", Lang::PtBr) => "a rua",
        ("locality", Lang::En) => "city or town",
        ("locality", Lang::Es) => "la ciudad",
        ("locality", Lang::PtBr) => "a cidade",
        ("postal_code", Lang::En) => "postal code",
        ("postal_code", Lang::Es) => "el código postal",
        ("postal_code", Lang::PtBr) => "o código postal",
        ("administrative_area", Lang::En) => "state, province or region",
        ("administrative_area", Lang::Es) => "la provincia o región",
        ("administrative_area", Lang::PtBr) => "o estado",
        ("country_code", Lang::En) => "country",
        ("country_code", Lang::Es) => "el país",
        ("country_code", Lang::PtBr) => "o país",
        (_, Lang::En) => "requirement id",
        (_, Lang::Es) => "el id de requisito",
        (_, Lang::PtBr) => "o id do requisito",
    }
}

pub(super) fn params(pairs: &[(&str, Value)]) -> Details {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// A JSON pointer segment: `~` → `~0`, `/` → `~1` (RFC 6901).
pub(crate) fn pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub(super) fn blank(value: Option<&String>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The last segment unescaped as `replace("~1", "/").replace("~0", "~")` (RFC 6901's
        /// order) unescapes it.
        #[test]
        fn label_of_path_unescapes_like_replace(path in "[/~01aé]{0,12}") {
            let last = path.rsplit('/').next().unwrap_or(&path);
            prop_assert_eq!(label_of_path(&path), last.replace("~1", "/").replace("~0", "~"));
        }
    }

    /// `part` names the address `field`, and `side` is translated; the params themselves keep
    /// the wire values.
    #[test]
    fn messages_name_parts_and_sides_in_the_language() {
        let mut out = Collector::new(Lang::Es);
        let field = ("field", Value::from("street_address"));
        out.push(
            "/address".into(),
            None,
            ErrorCode::KycAddressPartMissing,
            params(&[field]),
        );
        let side = ("side", Value::from("front"));
        out.push(
            "/documents/0".into(),
            None,
            ErrorCode::KycImageInvalid,
            params(&[side]),
        );
        let unknown = ("side", Value::from("top"));
        out.push(
            "/documents/1".into(),
            None,
            ErrorCode::KycImageInvalid,
            params(&[unknown]),
        );
        let errors = out.finish();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Introduce la calle de la dirección.",
                "No se puede leer la imagen del anverso.",
                "No se puede leer la imagen del top.",
            ]
        );
        assert_eq!(errors[1].params["side"], "front");
        let mut out = Collector::new(Lang::En);
        out.push(
            "/address".into(),
            None,
            ErrorCode::KycAddressPartMissing,
            Details::new(),
        );
        assert_eq!(out.finish()[0].message, "Enter the {part} of the address.");
    }

    #[test]
    fn pointers_escape_slash_and_tilde() {
        assert_eq!(pointer("a/b~c"), "a~1b~0c");
        let mut paths = vec![
            "/values/x",
            "/documents/10/base64",
            "/address",
            "/documents/2",
            "/documents/2/base64",
        ];
        paths.sort_by(|a, b| pointer_order(a, b));
        assert_eq!(
            paths,
            [
                "/address",
                "/documents/2",
                "/documents/2/base64",
                "/documents/10/base64",
                "/values/x"
            ]
        );
        assert_eq!(label_of_path("/values/a~1b"), "a/b");
    }
}
