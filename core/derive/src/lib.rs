//! `#[derive(Decode)]`: reads a model from a `serde_json::Value` as serde's derived
//! `Deserialize` does through the core's `json` deserializer, from the same `#[serde(...)]`
//! attributes, in much less WebAssembly (serde's visitor, its field enum and its
//! `MapAccess` plumbing are compiled per model; this is one loop over the members).
//!
//! Structs with named fields are read here when every attribute is one this understands:
//! on the struct `rename_all`, `default` (bare) and `deny_unknown_fields`; on a field `rename`,
//! `alias`, `default`, `default = "path"`, `skip`, `skip_deserializing`, `with`,
//! `deserialize_with`, `flatten` of the catch-all `Map<String, Value>` (alone) and the
//! serialize-only ones. Anything else (enums, tuple structs, other `flatten`s, tagged or
//! untagged forms, generics, a struct's `default = "path"`) gets an impl that calls serde's
//! own `Deserialize`, so every model can derive `Decode` and read as before.
//!
//! It also writes the type's `crate::schema::Schema`: the struct's members as data (names,
//! fields, defaults, which are written), for reading a value into the model's written form
//! without the model's code; a type read by serde, or a struct with a field written by a
//! function of its own, is a leaf (decoded, then written). `#[decode(no_schema)]` leaves the
//! schema out, for a type that is read only (it has no `Serialize`).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr, Meta, Token, parse_macro_input};

/// See the crate's documentation.
#[proc_macro_derive(Decode, attributes(decode))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let name = &input.ident;
    let (body, kind, fields) = fast(&input).unwrap_or_else(|| {
        (
            quote! { crate::json::decode(value) },
            quote! { &crate::schema::Kind::Leaf(crate::schema::leaf::<#name>) },
            quote! { None },
        )
    });
    // `#[decode(no_schema)]`: a type read only (no `Serialize`), never part of an output.
    let no_schema = input.attrs.iter().any(|a| {
        a.path().is_ident("decode") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "no_schema")
    });
    let schema = (!no_schema).then(|| {
        quote! {
            impl crate::schema::Schema for #name {
                const KIND: &'static crate::schema::Kind = #kind;
            }
        }
    });
    quote! {
        impl crate::decode::Decode for #name {
            const FIELDS: ::core::option::Option<&'static [&'static str]> = #fields;

            fn decode(value: serde_json::Value) -> ::core::result::Result<Self, crate::json::PathError> {
                #body
            }
        }

        #schema
    }
    .into()
}

/// What the `serde` attributes of one item say, for the parts read here (flags as serde
/// names them).
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Attrs {
    rename: Option<String>,
    aliases: Vec<String>,
    rename_all: Option<String>,
    default: bool,
    default_path: Option<syn::ExprPath>,
    deny_unknown_fields: bool,
    /// Not read (`skip` or `skip_deserializing`).
    skip: bool,
    /// Not written (`skip` or `skip_serializing`).
    skip_serializing: bool,
    /// `skip_serializing_if`'s function, as written.
    skip_serializing_if: Option<String>,
    /// `serialize_with`'s function, as written.
    serialize_with: Option<String>,
    with: Option<syn::ExprPath>,
    deserialize_with: Option<syn::ExprPath>,
    flatten: bool,
}

/// The `serde` attributes of `attrs`, or `None` when one is not understood here.
fn serde_attrs(attrs: &[syn::Attribute]) -> Option<Attrs> {
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let list = attr
            .parse_args_with(syn::punctuated::Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?;
        for meta in list {
            let key = meta.path().get_ident()?.to_string();
            let text = || -> Option<String> {
                match &meta {
                    Meta::NameValue(nv) => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                }
            };
            let path = || -> Option<syn::ExprPath> { text().and_then(|t| syn::parse_str(&t).ok()) };
            match (key.as_str(), &meta) {
                ("rename", Meta::NameValue(_)) => out.rename = Some(text()?),
                ("alias", _) => out.aliases.push(text()?),
                ("rename_all", Meta::NameValue(_)) => out.rename_all = Some(text()?),
                ("default", Meta::Path(_)) => out.default = true,
                ("default", Meta::NameValue(_)) => out.default_path = Some(path()?),
                ("deny_unknown_fields", Meta::Path(_)) => out.deny_unknown_fields = true,
                ("skip", Meta::Path(_)) => {
                    out.skip = true;
                    out.skip_serializing = true;
                }
                ("skip_deserializing", Meta::Path(_)) => out.skip = true,
                ("skip_serializing", Meta::Path(_)) => out.skip_serializing = true,
                ("skip_serializing_if", Meta::NameValue(_)) => {
                    out.skip_serializing_if = Some(text()?);
                }
                ("serialize_with", _) => out.serialize_with = Some(text()?),
                ("with", _) => out.with = Some(path()?),
                ("deserialize_with", _) => out.deserialize_with = Some(path()?),
                ("flatten", _) => out.flatten = true,
                _ => return None,
            }
        }
    }
    Some(out)
}

/// serde's `RenameRule::apply_to_field`.
fn rename_field(rule: &str, field: &str) -> Option<String> {
    let pascal = || {
        let mut out = String::new();
        let mut capitalize = true;
        for c in field.chars() {
            if c == '_' {
                capitalize = true;
            } else if capitalize {
                out.push(c.to_ascii_uppercase());
                capitalize = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    Some(match rule {
        "lowercase" | "snake_case" => field.to_owned(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => field.to_ascii_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let p = pascal();
            let mut chars = p.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.to_ascii_uppercase().replace('_', "-"),
        _ => return None,
    })
}

/// The body of a struct read member by member and its schema (`None` when its fields are
/// written by functions of their own), or `None` for serde's own reading.
#[allow(clippy::too_many_lines)] // one walk over the fields, for both outputs
fn fast(input: &DeriveInput) -> Option<(Tokens, Tokens, Tokens)> {
    if !input.generics.params.is_empty() {
        return None;
    }
    let Data::Struct(data) = &input.data else {
        return None;
    };
    let Fields::Named(fields) = &data.fields else {
        return None;
    };
    let container = serde_attrs(&input.attrs)?;
    if container.default_path.is_some() {
        return None;
    }
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    // Every member name the fields take (aliases too), in order: a member's position among
    // them picks its field, found by one shared function instead of a string comparison per
    // name compiled into every model (web build -0.7 KB brotli).
    let mut all_names: Vec<String> = Vec::new();
    let mut serde_fields: Vec<String> = Vec::new();
    // The schema's names of the fields not read, written after `all_names`.
    let mut unread_names: Vec<String> = Vec::new();
    let mut rest = None;
    let mut inits = Vec::new();
    // The schema's fields (`crate::schema::Field`), or `None` once one cannot be described.
    let mut schema = Some(Vec::new());
    for (i, field) in fields.named.iter().enumerate() {
        let ident = field.ident.as_ref()?;
        let ty = &field.ty;
        let attrs = serde_attrs(&field.attrs)?;
        if attrs.flatten {
            // Only the catch-all `Map<String, Value>` of the members no field names (as
            // serde collects them); a flattened struct is serde's.
            let syn::Type::Path(path) = ty else {
                return None;
            };
            if rest.is_some()
                || container.deny_unknown_fields
                || attrs.skip
                || attrs.with.is_some()
                || attrs.deserialize_with.is_some()
                || path.path.segments.last().is_none_or(|s| s.ident != "Map")
            {
                return None;
            }
            rest = Some(ident.clone());
            inits.push(quote! { #ident: __rest });
            unread_names.push(ident.to_string());
            push_field(
                &mut schema,
                &attrs,
                &container,
                unread_field(
                    ty,
                    quote! { crate::schema::Missing::Null },
                    quote! { crate::schema::Write::Rest },
                ),
            );
            continue;
        }
        let plain = ident.to_string();
        let plain = plain.strip_prefix("r#").unwrap_or(&plain);
        let name = match (&attrs.rename, &container.rename_all) {
            (Some(name), _) => name.clone(),
            (None, Some(rule)) => rename_field(rule, plain)?,
            (None, None) => plain.to_owned(),
        };
        if attrs.skip {
            let value = default_value(&attrs, &container, ident);
            inits.push(quote! { #ident: #value });
            if !attrs.skip_serializing {
                let missing = schema_default(&attrs, &container, ident, ty);
                let write = write_rule(&attrs);
                unread_names.push(name.clone());
                push_field(
                    &mut schema,
                    &attrs,
                    &container,
                    unread_field(ty, missing, write),
                );
            }
            continue;
        }
        // serde's `FIELDS`: each field's names (a `BTreeSet`, so sorted), in field order.
        serde_fields.extend(
            std::iter::once(&name)
                .chain(&attrs.aliases)
                .cloned()
                .collect::<std::collections::BTreeSet<String>>(),
        );
        let mut positions = Vec::new();
        for n in std::iter::once(&name).chain(&attrs.aliases) {
            positions.push(all_names.len());
            all_names.push(n.clone());
        }
        let slot = format_ident!("__field{}", i);
        let read = read_value(&attrs, ty);
        slots.push(quote! { let mut #slot: ::core::option::Option<#ty> = None; });
        arms.push(
            quote! { #(#positions)|* => crate::decode::member(&mut #slot, &mut entry, #read), },
        );
        let missing = missing_value(&attrs, &container, ident, ty);
        inits.push(quote! {
            #ident: match #slot { Some(v) => v, None => #missing }
        });
        let count = u8::try_from(positions.len()).ok()?;
        let missing = schema_default(&attrs, &container, ident, ty);
        let write = write_rule(&attrs);
        // A field read by a function of its own is a leaf of its own: read by that function,
        // written by its type.
        let kind = if attrs.with.is_some() || attrs.deserialize_with.is_some() {
            quote! {
                &crate::schema::Kind::Leaf(|v| {
                    let read: #ty = (#read)(v)?;
                    crate::schema::write(&read)
                })
            }
        } else {
            quote! { <#ty as crate::schema::Schema>::KIND }
        };
        push_field(
            &mut schema,
            &attrs,
            &container,
            schema_field(count, kind, missing, write),
        );
    }
    let default = container
        .default
        .then(|| quote! { let __default: Self = ::core::default::Default::default(); });
    let unknown = unknown_arm(&container, rest.is_some());
    let rest = rest.map(|_| quote! { let mut __rest = serde_json::Map::new(); });
    let names: Vec<LitStr> = all_names
        .iter()
        .map(|n| LitStr::new(n, proc_macro2::Span::call_site()))
        .collect();
    let kind = schema.map(|fields| {
        let unknown = if container.deny_unknown_fields {
            quote! { crate::schema::Unknown::Deny }
        } else if rest.is_some() {
            quote! { crate::schema::Unknown::Keep }
        } else {
            quote! { crate::schema::Unknown::Ignore }
        };
        let unread = unread_names
            .iter()
            .map(|n| LitStr::new(n, proc_macro2::Span::call_site()));
        quote! {
            &crate::schema::Kind::Struct(&crate::schema::Struct {
                names: &[#(#names,)* #(#unread),*],
                fields: &[#(#fields),*],
                unknown: #unknown,
            })
        }
    });
    let kind = kind.unwrap_or_else(|| {
        let name = &input.ident;
        quote! { &crate::schema::Kind::Leaf(crate::schema::leaf::<#name>) }
    });
    // One way out on a failing member: each early return drops every slot filled so far,
    // and one per member would be compiled once per field.
    let body = quote! {
        let mut members = crate::decode::members(value)?;
        #(#slots)*
        #rest
        let mut failed = None;
        // The member goes to `member` by reference: moved, a key and a value would be
        // copied into each call.
        while let Some(mut entry) = members.next() {
            let read = match crate::decode::field(entry.0.as_str(), &[#(#names),*]) {
                #(#arms)*
                #unknown
            };
            if let Err(e) = read {
                failed = Some(e);
                break;
            }
        }
        if let Some(e) = failed {
            return Err(e);
        }
        #default
        Ok(Self { #(#inits),* })
    };
    // serde's derive passes no `FIELDS` for a struct with a `flatten` field (it reads a map).
    let serde_fields = if rest.is_some() {
        Vec::new()
    } else {
        serde_fields
    };
    let fields = quote! { Some(&[#(#serde_fields),*]) };
    Some((body, kind, fields))
}

/// Adds a field to the schema, or gives the schema up (`None`) when the field is read or
/// written by a function of its own, or left out by a rule the schema does not know.
fn push_field(schema: &mut Option<Vec<Tokens>>, attrs: &Attrs, container: &Attrs, field: Tokens) {
    let known_rule = matches!(
        attrs.skip_serializing_if.as_deref(),
        None | Some("Option::is_none" | "Vec::is_empty" | "BTreeMap::is_empty")
    );
    // Written by a function of its own (`with` writes with the module's `serialize`), except
    // `null_if_none`, which `to_value` writes as an `Option` is written.
    let own_function = attrs.with.is_some()
        || attrs
            .serialize_with
            .as_deref()
            .is_some_and(|f| f != "crate::api::respond::null_if_none");
    // A field read but not written (`skip_serializing`): no output has one.
    let read_only = attrs.skip_serializing && !attrs.skip;
    // The schema leaves a field out when it is written `null`, serde when it is `None`: the
    // same, unless a `Some` can be written `null`, which a value of the field's own making
    // can be (`Some(None)` from a function of its own or a default).
    let own_value =
        attrs.deserialize_with.is_some() || attrs.default_path.is_some() || container.default;
    let unless_none = attrs.skip_serializing_if.as_deref() == Some("Option::is_none");
    if own_function || !known_rule || read_only || (unless_none && own_value) {
        *schema = None;
    } else if let Some(fields) = schema {
        fields.push(field);
    }
}

/// One field of the schema (`crate::schema::Field`).
#[allow(clippy::needless_pass_by_value)] // the tokens are built for this call
fn schema_field(names: u8, kind: Tokens, missing: Tokens, write: Tokens) -> Tokens {
    quote! {
        crate::schema::Field { names: #names, kind: #kind, missing: #missing, write: #write }
    }
}

/// A field the derived decoder does not read (the catch-all, a skipped field): no member name
/// of its own, its type's kind.
fn unread_field(ty: &syn::Type, missing: Tokens, write: Tokens) -> Tokens {
    schema_field(
        0,
        quote! { <#ty as crate::schema::Schema>::KIND },
        missing,
        write,
    )
}

/// Whether a field is written (`crate::schema::Write`).
fn write_rule(attrs: &Attrs) -> Tokens {
    match attrs.skip_serializing_if.as_deref() {
        Some("Option::is_none") => quote! { crate::schema::Write::UnlessNone },
        Some(_) => quote! { crate::schema::Write::UnlessEmpty },
        None => quote! { crate::schema::Write::Always },
    }
}

/// A field's value when no member names it, for the schema (`crate::schema::Missing`): as
/// [`missing_value`] and [`default_value`] have it, written.
fn schema_default(attrs: &Attrs, container: &Attrs, ident: &syn::Ident, ty: &syn::Type) -> Tokens {
    match (&attrs.default_path, attrs.default, container.default) {
        (Some(path), _, _) => {
            quote! { crate::schema::Missing::Value(|| crate::schema::write(&#path())) }
        }
        (None, true, _) | (None, false, false) if attrs.skip => {
            quote! {
                crate::schema::Missing::default(
                    <#ty as crate::schema::Schema>::KIND,
                    crate::schema::default_of::<#ty>,
                )
            }
        }
        (None, true, _) => {
            quote! {
                crate::schema::Missing::default(
                    <#ty as crate::schema::Schema>::KIND,
                    crate::schema::default_of::<#ty>,
                )
            }
        }
        (None, false, true) => quote! {
            crate::schema::Missing::Value(|| {
                crate::schema::write(&<Self as ::core::default::Default>::default().#ident)
            })
        },
        (None, false, false) if attrs.with.is_some() || attrs.deserialize_with.is_some() => {
            quote! { crate::schema::Missing::Fail }
        }
        (None, false, false) => {
            quote! { crate::schema::Missing::of(<#ty as crate::schema::Schema>::KIND) }
        }
    }
}

/// What a member no field names does: fail (`deny_unknown_fields`), go to the catch-all map,
/// or nothing.
fn unknown_arm(container: &Attrs, rest: bool) -> Tokens {
    if container.deny_unknown_fields {
        quote! { _ => Err(crate::json::PathError::default()), }
    } else if rest {
        quote! { _ => {
            __rest.insert(::core::mem::take(&mut entry.0), ::core::mem::take(&mut entry.1));
            Ok(())
        } }
    } else {
        quote! { _ => Ok(()), }
    }
}

/// A skipped field's value: its own default, the struct's, or the type's (serde's
/// `expr_is_missing` order).
fn default_value(attrs: &Attrs, container: &Attrs, ident: &syn::Ident) -> Tokens {
    match &attrs.default_path {
        Some(path) => quote! { #path() },
        None if attrs.default || !container.default => {
            quote! { ::core::default::Default::default() }
        }
        None => quote! { __default.#ident },
    }
}

/// How a member's value is read: `with`, `deserialize_with` (serde, through the core's
/// deserializer), or the field type's `Decode`.
fn read_value(attrs: &Attrs, ty: &syn::Type) -> Tokens {
    match (&attrs.with, &attrs.deserialize_with) {
        (Some(module), _) => quote! { |v| #module::deserialize(crate::json::ValueDe(v)) },
        (None, Some(function)) => quote! { |v| #function(crate::json::ValueDe(v)) },
        (None, None) => quote! { <#ty as crate::decode::Decode>::decode },
    }
}

/// A missing member's value, as serde's derive has it: the field's default, the struct's,
/// `None` for an `Option` (serde's `missing_field`), else an error; a field read `with`
/// something has no `missing_field` reading.
fn missing_value(attrs: &Attrs, container: &Attrs, ident: &syn::Ident, ty: &syn::Type) -> Tokens {
    match (&attrs.default_path, attrs.default, container.default) {
        (Some(path), _, _) => quote! { #path() },
        (None, true, _) => quote! { ::core::default::Default::default() },
        (None, false, true) => quote! { __default.#ident },
        (None, false, false) if attrs.with.is_none() && attrs.deserialize_with.is_none() => {
            quote! { <#ty as crate::decode::Decode>::missing()? }
        }
        (None, false, false) => quote! { return Err(crate::json::PathError::default()) },
    }
}
