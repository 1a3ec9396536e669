//! Declarative helpers: `open_enum!` for string enums that keep values they do not know
//! (upstream APIs add values over time, and a new one must not break parsing),
//! `serde_as_string!` for types that cross JSON as their text form, and `value!` for JSON
//! values written in place.

/// Declares an open string enum with `as_str`, `KNOWN`, `From<&str>`, `Display` and serde as a
/// plain string. Unknown strings round-trip unchanged.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", $text, "`")] $(#[$vmeta])* $variant,)+
            /// A value this version does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant,)+];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(other) => other,
                }
            }

            /// `true` unless this is an `Unknown` value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #[cfg(test)]
        impl ::ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &::ts_rs::Config) -> String {
                stringify!($name).to_owned()
            }

            /// The known values, and any other string (the enum is open).
            fn inline(_: &::ts_rs::Config) -> String {
                let mut out = String::new();
                $(out.push_str(concat!("\"", $text, "\" | "));)+
                out.push_str("(string & {})");
                out
            }

            fn decl(cfg: &::ts_rs::Config) -> String {
                format!("type {} = {};", Self::name(cfg), Self::inline(cfg))
            }

            fn decl_concrete(cfg: &::ts_rs::Config) -> String {
                Self::decl(cfg)
            }

            fn output_path() -> Option<::std::path::PathBuf> {
                Some(::std::path::PathBuf::from(concat!(stringify!($name), ".ts")))
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $name::Unknown(other) => write!(f, "{}::Unknown({:?})", stringify!($name), other),
                    known => write!(f, "{}::{}", stringify!($name), known.as_str()),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // In `value!`, the string it is serialized as.
        #[cfg(any(test, feature = "sandbox"))]
        impl $crate::macros::Leaf for $name {
            fn leaf(&self) -> ::serde_json::Value {
                ::serde_json::Value::String(self.as_str().to_owned())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok($name::from(&*text))
            }
        }

        impl $crate::decode::Decode for $name {
            fn decode(value: ::serde_json::Value) -> ::std::result::Result<Self, $crate::json::PathError> {
                match value {
                    ::serde_json::Value::String(text) => Ok($name::from(text.as_str())),
                    _ => Err($crate::json::PathError::default()),
                }
            }
        }

        // Read from a string and written as that string: a string's kind.
        impl $crate::schema::Schema for $name {
            const KIND: &'static $crate::schema::Kind = <String as $crate::schema::Schema>::KIND;
        }
    };
}

pub(crate) use open_enum;

/// Implements `Serialize` with `Display` and `Deserialize` with the type's
/// `parse(&str) -> Result<Self>`, so the value crosses JSON as its text form and a bad text is
/// reported with the type's own error message.
macro_rules! serde_as_string {
    ($name:ty) => {
        $crate::macros::ts_as_string!($name);

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$name>::parse(&text).map_err(::serde::de::Error::custom)
            }
        }

        impl $crate::decode::Decode for $name {
            fn decode(
                value: ::serde_json::Value,
            ) -> ::std::result::Result<Self, $crate::json::PathError> {
                match value {
                    ::serde_json::Value::String(text) => {
                        <$name>::parse(&text).map_err(|_| $crate::json::PathError::default())
                    }
                    _ => Err($crate::json::PathError::default()),
                }
            }
        }

        impl $crate::schema::Schema for $name {
            const KIND: &'static $crate::schema::Kind =
                &$crate::schema::Kind::Leaf($crate::schema::leaf::<$name>);
        }
    };
}

pub(crate) use serde_as_string;

/// In tests, a TypeScript binding (ts-rs) of a type that crosses JSON as a string.
macro_rules! ts_as_string {
    ($name:ty) => {
        #[cfg(test)]
        impl ::ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &::ts_rs::Config) -> String {
                "string".to_owned()
            }

            fn inline(_: &::ts_rs::Config) -> String {
                "string".to_owned()
            }
        }
    };
}

pub(crate) use ts_as_string;

/// A JSON value written in place, in `serde_json::json!`'s syntax (`{"key": leaf, ...}`,
/// `[leaf, ...]`, `null`, nested at will), with no hidden `unwrap`: `json!` writes every leaf
/// but `null`, `true`, `false`, `[]` and `{}` as `to_value(&leaf).unwrap()`, this one by
/// [`Leaf`], which cannot fail. The product code writes its values with this (clippy.toml
/// refuses `json!` there); tests may use `json!`.
///
/// - A leaf is borrowed, as `json!` borrows it: text (`str`, `String`), a number
///   (`i32`, `i64`, `u8`, `u16`, `u32`, `u64`, `usize`, `f64`), a boolean, a `Value`, an open
///   enum (its string), or an `Option`, slice, `Vec` or pair of those. A model goes in through
///   its own (fallible) writer.
/// - Keys are string literals.
/// - A member's or item's value ends at the first comma outside brackets: a closure with two
///   arguments or a turbofish with two types goes in parentheses (`json!` reads a whole
///   expression there).
/// - Each token of a value is one level of macro expansion, and the levels of an object's
///   members add up: an object of ~25 members or more may need a higher `recursion_limit`
///   (a compile error, never a wrong value).
#[cfg(any(test, feature = "sandbox"))]
macro_rules! value {
    (null) => {
        ::serde_json::Value::Null
    };
    ([]) => {
        ::serde_json::Value::Array(::std::vec::Vec::new())
    };
    ([ $($tt:tt)+ ]) => {
        ::serde_json::Value::Array($crate::macros::value!(@array [] [] $($tt)+))
    };
    ({}) => {
        ::serde_json::Value::Object(::serde_json::Map::new())
    };
    ({ $($tt:tt)+ }) => {{
        let mut object = ::serde_json::Map::new();
        $crate::macros::value!(@object object $($tt)+);
        ::serde_json::Value::Object(object)
    }};
    // An array's items: those done, the tokens of the one being read, the rest.
    (@array [$($done:expr),*] [$($item:tt)+] , $($rest:tt)*) => {
        $crate::macros::value!(@array [$($done,)* $crate::macros::value!($($item)+)] [] $($rest)*)
    };
    (@array [$($done:expr),*] [$($item:tt)*] $next:tt $($rest:tt)*) => {
        $crate::macros::value!(@array [$($done),*] [$($item)* $next] $($rest)*)
    };
    (@array [$($done:expr),*] [$($item:tt)+]) => {
        ::std::vec![$($done,)* $crate::macros::value!($($item)+)]
    };
    (@array [$($done:expr),*] []) => {
        ::std::vec![$($done),*]
    };
    // An object's members: a key, then the tokens of its value up to a comma.
    (@object $object:ident) => {};
    (@object $object:ident $key:literal : $($rest:tt)+) => {
        $crate::macros::value!(@member $object $key [] $($rest)+)
    };
    (@member $object:ident $key:literal [$($item:tt)+] , $($rest:tt)*) => {
        $object.insert(::std::string::String::from($key), $crate::macros::value!($($item)+));
        $crate::macros::value!(@object $object $($rest)*);
    };
    (@member $object:ident $key:literal [$($item:tt)*] $next:tt $($rest:tt)*) => {
        $crate::macros::value!(@member $object $key [$($item)* $next] $($rest)*)
    };
    (@member $object:ident $key:literal [$($item:tt)+]) => {
        $object.insert(::std::string::String::from($key), $crate::macros::value!($($item)+));
    };
    ($leaf:expr) => {
        $crate::macros::Leaf::leaf(&$leaf)
    };
}

#[cfg(any(test, feature = "sandbox"))]
pub(crate) use value;

#[cfg(any(test, feature = "sandbox"))]
pub(crate) use leaf::Leaf;

/// `value!`'s leaves (only the sandbox writes values in place).
#[cfg(any(test, feature = "sandbox"))]
mod leaf {
    /// What `value!` writes a leaf with: the types whose JSON cannot fail (no model: a model's
    /// `Serialize` is written by its own writer, whose failure the caller handles).
    pub(crate) trait Leaf {
        /// The value as JSON.
        fn leaf(&self) -> serde_json::Value;
    }

    impl Leaf for str {
        fn leaf(&self) -> serde_json::Value {
            serde_json::Value::String(self.to_owned())
        }
    }

    impl Leaf for String {
        fn leaf(&self) -> serde_json::Value {
            serde_json::Value::String(self.clone())
        }
    }

    impl Leaf for serde_json::Value {
        fn leaf(&self) -> serde_json::Value {
            self.clone()
        }
    }

    impl Leaf for bool {
        fn leaf(&self) -> serde_json::Value {
            serde_json::Value::Bool(*self)
        }
    }

    /// Numbers as `serde_json::Value::from` writes them (a float that is not finite is `null`, as
    /// `json!` writes it).
    macro_rules! number_leaf {
        ($($ty:ty),+) => {
            $(impl Leaf for $ty {
                fn leaf(&self) -> serde_json::Value {
                    serde_json::Value::from(*self)
                }
            })+
        };
    }

    number_leaf!(i32, i64, u8, u16, u32, u64, usize, f64);

    impl<T: Leaf + ?Sized> Leaf for &T {
        fn leaf(&self) -> serde_json::Value {
            (**self).leaf()
        }
    }

    impl<T: Leaf> Leaf for Option<T> {
        fn leaf(&self) -> serde_json::Value {
            self.as_ref().map_or(serde_json::Value::Null, Leaf::leaf)
        }
    }

    impl<T: Leaf> Leaf for [T] {
        fn leaf(&self) -> serde_json::Value {
            serde_json::Value::Array(self.iter().map(Leaf::leaf).collect())
        }
    }

    impl<T: Leaf> Leaf for Vec<T> {
        fn leaf(&self) -> serde_json::Value {
            self.as_slice().leaf()
        }
    }

    impl<A: Leaf, B: Leaf> Leaf for (A, B) {
        fn leaf(&self) -> serde_json::Value {
            serde_json::Value::Array(vec![self.0.leaf(), self.1.leaf()])
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    struct Record {
        id: String,
        headers: Vec<(String, String)>,
        at: Option<u64>,
    }

    /// `value!` writes what `json!` writes (the oracle), for every shape the product code uses:
    /// literals, expressions with calls, closures, `if`, indexing and macros, nested objects
    /// and arrays, trailing commas, `null`, options, pairs and open enums.
    #[test]
    fn value_writes_what_json_writes() {
        let name = String::from("Ada");
        let count: usize = 3;
        let none: Option<&str> = None;
        let items = vec![json!(1), json!("two")];
        assert_eq!(value!(null), json!(null));
        assert_eq!(value!([]), json!([]));
        assert_eq!(value!({}), json!({}));
        assert_eq!(value!(-0.5), json!(-0.5));
        assert_eq!(value!("text"), json!("text"));
        assert_eq!(
            value!({"name": name.clone(), "count": count, "none": none, "some": Some("x"), "null": null}),
            json!({"name": name.clone(), "count": count, "none": none, "some": Some("x"), "null": null})
        );
        assert_eq!(
            value!({
                "error": {"message": name.to_uppercase(), "code": none.map_or(1, |_| 2), "list": [1, "a", {"b": true}]},
                "items": items.clone(),
                "lengths": items.iter().map(|v| v.as_str().map_or(0, str::len)).collect::<Vec<_>>(),
            }),
            json!({
                "error": {"message": name.to_uppercase(), "code": none.map_or(1, |_| 2), "list": [1, "a", {"b": true}]},
                "items": items.clone(),
                "lengths": items.iter().map(|v| v.as_str().map_or(0, str::len)).collect::<Vec<_>>(),
            })
        );
        assert_eq!(
            value!([{"a": [[], {}]}, null, count + 1, [name.as_str()],]),
            json!([{"a": [[], {}]}, null, count + 1, [name.as_str()],])
        );
        // Leaves are borrowed, as `json!` borrows them: fields behind a reference, pairs,
        // text, numbers that are not finite.
        let record = &Record {
            id: "r1".into(),
            headers: vec![("a".into(), "b".into())],
            at: None,
        };
        let body = String::from_utf8_lossy(b"caf\xc3\xa9").into_owned();
        assert_eq!(
            value!({"id": record.id, "headers": record.headers, "at": record.at, "body": body, "nan": f64::NAN}),
            json!({"id": record.id, "headers": record.headers, "at": record.at, "body": body, "nan": f64::NAN})
        );
        assert_eq!(record.id, "r1", "still the caller's");
        let state = Some(true);
        let number = json!({"id": "n1"});
        let status = crate::status::NumberStatus::from("active");
        assert_eq!(
            value!({"if": if state == Some(true) { "on" } else { "off" }, "index": number["id"], "format": format!("{}-{}", 1, 2), "status": status}),
            json!({"if": if state == Some(true) { "on" } else { "off" }, "index": number["id"], "format": format!("{}-{}", 1, 2), "status": status})
        );
        // Member order is the writing order, as `json!`'s (serde_json's `preserve_order`).
        let keys: Vec<String> = value!({"z": 1, "a": 2})
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["z", "a"]);
    }
}
