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

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr, Meta, Token, parse_macro_input};

/// See the crate's documentation.
#[proc_macro_derive(Decode)]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let body = fast(&input).unwrap_or_else(|| {
        quote! { crate::json::decode(value) }
    });
    let name = &input.ident;
    quote! {
        impl crate::decode::Decode for #name {
            fn decode(value: serde_json::Value) -> ::core::result::Result<Self, crate::json::PathError> {
                #body
            }
        }
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
    skip: bool,
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
                ("skip" | "skip_deserializing", Meta::Path(_)) => out.skip = true,
                ("with", _) => out.with = Some(path()?),
                ("deserialize_with", _) => out.deserialize_with = Some(path()?),
                ("flatten", _) => out.flatten = true,
                ("skip_serializing" | "skip_serializing_if" | "serialize_with", _) => {}
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

/// The body of a struct read member by member, or `None` for serde's own reading.
fn fast(input: &DeriveInput) -> Option<Tokens> {
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
    let mut rest = None;
    let mut inits = Vec::new();
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
            continue;
        }
        if attrs.skip {
            let value = default_value(&attrs, &container, ident);
            inits.push(quote! { #ident: #value });
            continue;
        }
        let plain = ident.to_string();
        let plain = plain.strip_prefix("r#").unwrap_or(&plain);
        let name = match (&attrs.rename, &container.rename_all) {
            (Some(name), _) => name.clone(),
            (None, Some(rule)) => rename_field(rule, plain)?,
            (None, None) => plain.to_owned(),
        };
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
    // One way out on a failing member: each early return drops every slot filled so far,
    // and one per member would be compiled once per field.
    Some(quote! {
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
    })
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
