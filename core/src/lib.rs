//! # wanumbers
//!
//! The pure core of wanumbers: buy, prove, verify, track and pay for WhatsApp Business phone
//! numbers. It does no I/O and reads no clock: time and data are passed in, results come out.
//!
//! - [`phone`]: parse, validate, classify and format numbers; check many at once.
//! - [`country`]: ISO 3166-1 codes and the [`Catalog`] of countries on sale.
//! - [`pricing`]: proration, invoices from status history, run-rate, quotes, money formatting.
//! - [`status`]: the number lifecycle as a transition table, allowed actions, list views.
//! - [`error`]: the one error vocabulary ([`ErrorCode`]), shared with Python and JavaScript.
//! - [`limits`]: every bound on outside input (nesting, image size, body size), in one place.
//! - [`Decode`]: how models are read from JSON values ([`error::from_value`]); derived from
//!   their serde attributes, with the same answers as their `Deserialize`.
//! - `sandbox` (feature `sandbox`, on by default): Zernio's API simulated offline and
//!   statefully, driven by this crate's own rules, for tests without the paid upstream.
//! - Feature `compact` (off by default; the browser builds): the phone metadata's digit
//!   patterns as bytecode run by a small interpreter instead of DFAs; the same answers from
//!   ~13 KB less brotli, at about twice the time per check.
//!
//! ```
//! use wanumbers::{phone, pricing, Catalog};
//! assert_eq!(phone::normalize("07400 123456", Some("GB")).unwrap(), "+447400123456");
//! let gb = Catalog::offline().get("GB").unwrap().clone();
//! assert_eq!(pricing::format_monthly(gb.monthly_cents.unwrap()), "$2.00/mo");
//! ```
#![forbid(unsafe_code)]
// Tests write their expected values with `json!` (product code may not: clippy.toml).
#![cfg_attr(test, allow(clippy::disallowed_macros))]

pub mod api;
mod base64;
pub mod bulk;
mod case;
pub mod country;
mod datetime;
mod decode;
pub mod error;
mod json;
pub mod kyc;
pub mod limits;
mod macros;
pub mod phone;
pub mod pricing;
#[cfg(feature = "sandbox")]
pub mod sandbox;
mod schema;
mod sort;
pub mod status;
mod tables;
mod value_writer;
pub mod webhook;

pub use country::{Catalog, Country, CountryCode, CountryInfo, country_name, is_country_code};
pub use datetime::{Date, Timestamp};
pub use decode::Decode;
pub use error::{Error, ErrorCode, ErrorKind, Result};
pub use json::PathError;
pub use phone::{NumberType, PhoneCheck, PhoneFormat, PhoneNumber};
pub use status::{NumberEvent, NumberStatus};

// The README's Rust examples run as doctests, so the README cannot drift from the code.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The crate version (one version for the crate, the wheel and the npm package).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
