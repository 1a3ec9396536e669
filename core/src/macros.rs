//! Declarative helpers: `open_enum!` for string enums that keep values they do not know
//! (upstream APIs add values over time, and a new one must not break parsing), and
//! `serde_as_string!` for types that cross JSON as their text form.

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
