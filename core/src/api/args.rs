//! Strict in what we send: an operation's arguments are exactly the names its struct reads
//! (the table's `args`). An unknown key is an `argument_unknown` error naming the closest known
//! one, never dropped: a typo in `purchaseIntentID` must not send a purchase without its
//! idempotency key. Each language has one spelling: JavaScript and Rust use the arguments'
//! own (camelCase) names; Python writes them in snake_case, converted here at the edge.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, Result};

/// An operation's arguments as its type writes them ([`super::to_args`]: its serde names, a
/// `None` left out or `null`), as its checks ([`super::Operation::check_args`]) read them.
/// They have been read as the type, so a required member is there with its type's form.
#[derive(Debug, Clone, Copy)]
pub struct Args<'a>(&'a Map<String, Value>);

impl<'a> Args<'a> {
    /// The arguments in `map`.
    pub fn of(map: &'a Map<String, Value>) -> Self {
        Args(map)
    }

    /// Member `name`, or `None` when it is absent or `null`.
    pub fn get(self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    /// Whether member `name` is given (not absent, not `null`): a typed `Some`.
    pub fn has(self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Text member `name` (an `Option<String>`), or `None`.
    pub fn str(self, name: &str) -> Option<&'a str> {
        self.get(name).and_then(Value::as_str)
    }

    /// Required text member `name` (a `String`; `""` if it were missing).
    pub fn text(self, name: &str) -> &'a str {
        self.str(name).unwrap_or_default()
    }

    /// Boolean member `name`, or `None`.
    pub fn bool(self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    /// Whole-number member `name`, or `None`.
    pub fn u64(self, name: &str) -> Option<u64> {
        self.get(name).and_then(Value::as_u64)
    }

    /// List member `name`, or `None`.
    pub fn list(self, name: &str) -> Option<&'a [Value]> {
        self.get(name).and_then(Value::as_array).map(Vec::as_slice)
    }

    /// The texts of list member `name` (a `Vec<String>`), or `None`.
    pub fn strs(self, name: &str) -> Option<Vec<&'a str>> {
        self.list(name)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
    }

    /// The objects of list member `name` (a `Vec` of structs), or `None`.
    pub fn objects(self, name: &str) -> Option<Vec<Args<'a>>> {
        self.list(name).map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(Args)
                .collect()
        })
    }

    /// The arguments read back as their type (for a check that needs the whole value).
    ///
    /// # Errors
    /// As reading `T`: none for the type that wrote them.
    pub fn typed<T: crate::Decode>(self) -> Result<T> {
        crate::error::from_value(Value::Object(self.0.clone()))
    }

    /// Object member `name` (a nested struct), or `None`.
    pub fn object(self, name: &str) -> Option<Args<'a>> {
        self.get(name).and_then(Value::as_object).map(Args)
    }
}

/// Refuses a key of `args` (an object) that is not one of `names`. `spell` writes a name as
/// the caller's language spells it (for the suggestion).
pub(crate) fn check_known(
    names: &[&'static str],
    args: &Value,
    spell: impl Fn(&str) -> String,
) -> Result<()> {
    let Some(map) = args.as_object() else {
        return Ok(()); // not an object: the decoder says so
    };
    for key in map.keys() {
        if !names.contains(&key.as_str()) {
            return Err(unknown(key, names, &spell));
        }
    }
    Ok(())
}

fn unknown(key: &str, names: &[&'static str], spell: &impl Fn(&str) -> String) -> Error {
    let closest = closest(key, names).map(spell);
    let shown = looks_like_a_name(key).then_some(key);
    let message = match (shown, &closest) {
        (Some(k), Some(c)) => format!("unknown argument {k}: did you mean {c}?"),
        (Some(k), None) => format!("unknown argument {k}"),
        (None, Some(c)) => format!("unknown argument: did you mean {c}?"),
        (None, None) => "unknown argument".to_owned(),
    };
    let mut err = Error::new(ErrorCode::ArgumentUnknown, message)
        .with("argument", shown.unwrap_or("<not shown>"));
    if let Some(c) = closest {
        err = err.with("did_you_mean", c);
    }
    err.with("known", names.iter().map(|n| spell(n)).collect::<Vec<_>>())
}

/// Whether the typed arguments kept everything the caller sent: `kept` is `sent` read into the
/// operation's types and written back. A member of a nested object that the types do not have
/// was dropped by serde, so it is `argument_unknown`, named by its path
/// (`ivrOptions[0].forward_to`, with `did_you_mean: forwardTo`). `null`s and empty lists are
/// not arguments. The arguments in `echoed` (a KYC form passed back as the API sent it) are read
/// as responses are, leniently, and not looked into.
///
/// # Errors
/// `argument_unknown`.
pub(crate) fn check_nothing_dropped(
    sent: &Value,
    kept: &Value,
    path: &str,
    echoed: &[&str],
) -> Result<()> {
    match (sent, kept) {
        (Value::Object(sent), Value::Object(kept)) => {
            // `null`, `[]` and `{}` say nothing a left-out member does not (the types may leave
            // an empty list out when they write it back).
            let empty = |v: &Value| {
                v.is_null()
                    || v.as_array().is_some_and(Vec::is_empty)
                    || v.as_object().is_some_and(Map::is_empty)
            };
            for (key, value) in sent.iter().filter(|(_, v)| !empty(v)) {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let Some(kept_value) = kept.get(key) else {
                    let names: Vec<&str> = kept.keys().map(String::as_str).collect();
                    return Err(unknown_member(key, &here, &names));
                };
                if !(path.is_empty() && echoed.contains(&key.as_str())) {
                    check_nothing_dropped(value, kept_value, &here, &[])?;
                }
            }
            Ok(())
        }
        (Value::Array(sent), Value::Array(kept)) => {
            for (i, (sent, kept)) in sent.iter().zip(kept).enumerate() {
                check_nothing_dropped(sent, kept, &format!("{path}[{i}]"), &[])?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `argument_unknown` for the member `key` of a nested argument (at `path`), with the closest
/// of `names` as `did_you_mean`.
pub(crate) fn unknown_member(key: &str, path: &str, names: &[&str]) -> Error {
    let shown = looks_like_a_name(key).then_some(path);
    let mut err = Error::new(
        ErrorCode::ArgumentUnknown,
        format!("unknown argument {}", shown.unwrap_or("member")),
    )
    .with("argument", shown.unwrap_or("<not shown>"));
    if let Some(c) = closest(key, names) {
        err = err.with("did_you_mean", c);
    }
    err
}

/// A key is quoted back only when it looks like an argument name (a value pasted by mistake,
/// a customer's name or a key, is not).
pub(crate) fn looks_like_a_name(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The known name closest to `key`: the same letters in another case or spelling
/// (`purchaseIntentID`, `purchase_intent_id`), else within a small edit distance.
fn closest<'a>(key: &str, names: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars().filter(|c| *c != '_' && *c != '-') {
            crate::case::push_lower(&mut out, c);
        }
        out
    };
    let folded = fold(key);
    if crate::limits::char_count(&folded) > 64 {
        return None;
    }
    names
        .iter()
        .map(|n| (*n, distance(&folded, &fold(n))))
        .filter(|(n, d)| *d <= 2.max(n.len() / 4))
        .min_by_key(|(_, d)| *d)
        .map(|(n, _)| n)
}

/// Levenshtein distance (inputs are at most 64 characters).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or_default();
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row.get(j + 1).copied().unwrap_or_default();
            let insert = row.get(j).copied().unwrap_or_default() + 1;
            let delete = previous + 1;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = substitute.min(insert).min(delete);
            }
        }
    }
    row.last().copied().unwrap_or_default()
}

/// `profileId` → `profile_id`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Python's arguments (snake_case keys) under the operation's names; an unknown key is
/// `argument_unknown` with a snake_case suggestion.
///
/// # Errors
/// As said.
pub(crate) fn from_snake_case(names: &[&'static str], args: Value) -> Result<Value> {
    let Value::Object(map) = args else {
        return Ok(args);
    };
    let mut out = Map::new();
    for (key, value) in map {
        let Some(name) = names.iter().find(|n| snake_case(n) == key) else {
            let known: Vec<&'static str> = names.to_vec();
            return Err(unknown(&key, &known, &snake_case));
        };
        out.insert((*name).to_owned(), value);
    }
    Ok(Value::Object(out))
}

/// The operation's arguments with snake_case keys (for Python).
pub(crate) fn to_snake_case(args: Value) -> Value {
    match args {
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (snake_case(&k), v)).collect())
        }
        other => other,
    }
}

/// The field names a struct's `Deserialize` reads (serde names, aliases included), learned by
/// asking it to deserialize from a probe that records them. Empty for a type that is not a
/// plain struct (a flattened struct reads a map).
pub(crate) fn field_names<T: DeserializeOwned + crate::Decode>() -> &'static [&'static str] {
    // Where the `Decode` derive wrote them (the tests hold them to the probe's).
    if let Some(fields) = T::FIELDS {
        return fields;
    }
    probed_field_names::<T>()
}

/// The field names, learned from serde's `Deserialize` itself (see [`field_names`]).
pub(crate) fn probed_field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(
            self,
            _: V,
        ) -> std::result::Result<V::Value, Self::Error> {
            Err(de::Error::custom("probe"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> std::result::Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Example {
        profile_id: String,
        #[serde(alias = "redirectUrl", rename = "redirect_url")]
        redirect: Option<String>,
    }

    #[test]
    fn field_names_come_from_serde() {
        let names = probed_field_names::<Example>();
        assert!(
            names.contains(&"profileId") && names.contains(&"redirect_url"),
            "{names:?}"
        );
    }

    #[test]
    fn typos_are_refused_with_the_closest_name() {
        let names = ["profileId", "purchaseIntentId", "allowMultiple"];
        let e = check_known(&names, &json!({"purchaseIntentID": "x"}), str::to_owned).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ArgumentUnknown);
        assert_eq!(e.details()["did_you_mean"], "purchaseIntentId");
        let e = check_known(&names, &json!({"profilId": "x"}), str::to_owned).unwrap_err();
        assert_eq!(e.details()["did_you_mean"], "profileId");
        let e = check_known(
            &names,
            &json!({"Ana Garcia <ana@example.com>": 1}),
            str::to_owned,
        )
        .unwrap_err();
        assert!(!format!("{e:?}").contains("Ana"));
        assert!(check_known(&names, &json!({"profileId": "p"}), str::to_owned).is_ok());
    }

    #[test]
    fn snake_case_is_converted_at_the_edge() {
        let names = ["profileId", "purchaseIntentId"];
        let args = from_snake_case(&names, json!({"profile_id": "p"})).unwrap();
        assert_eq!(args, json!({"profileId": "p"}));
        let e = from_snake_case(&names, json!({"profileId": "p"})).unwrap_err();
        assert_eq!(e.details()["did_you_mean"], "profile_id");
        assert_eq!(
            to_snake_case(json!({"purchaseIntentId": 1})),
            json!({"purchase_intent_id": 1})
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
