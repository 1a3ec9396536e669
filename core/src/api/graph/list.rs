//! Listing a WABA's numbers: filtering, sort and cursor paging.

use super::build_args;
use crate::api::table::{self, OperationSpec};
use crate::api::to_args;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg(doc)]
use super::node::DEFAULT_FIELDS;
use super::node::{GraphPhoneNumber, PhoneNumberField, fields_param};
use super::{GraphConfig, numeric_id};
use crate::api::http::HttpRequest;
use crate::api::{Operation, invalid};
use crate::error::Result;

/// A `filtering` condition of the list edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// `account_mode`, `messaging_limit_tier` or `is_official_business_account`.
    pub field: String,
    /// `EQUAL` (the only documented operator).
    #[serde(default = "equal")]
    pub operator: String,
    /// Value.
    pub value: String,
}

fn equal() -> String {
    "EQUAL".to_owned()
}

/// Paging of a Graph edge.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Paging {
    /// Cursors.
    #[serde(default)]
    pub cursors: Option<Cursors>,
    /// URL of the next page (only when there is one).
    #[serde(default)]
    pub next: Option<String>,
    /// URL of the previous page.
    #[serde(default)]
    pub previous: Option<String>,
}

/// `before`/`after` cursors.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Cursors {
    /// Before.
    #[serde(default)]
    pub before: Option<String>,
    /// After.
    #[serde(default)]
    pub after: Option<String>,
}

impl Paging {
    /// The `after` cursor of the next page, when there is a next page.
    pub fn next_after(&self) -> Option<String> {
        self.next.as_ref()?;
        self.cursors.as_ref()?.after.clone()
    }
}

/// One page of `GET /{WABA_ID}/phone_numbers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PhoneNumberPage {
    /// The numbers.
    #[serde(default)]
    pub data: Vec<GraphPhoneNumber>,
    /// Paging.
    #[serde(default)]
    pub paging: Option<Paging>,
    /// `summary` (with `summary=total_count`).
    #[serde(default)]
    pub summary: Option<Value>,
}

/// `GET /{WABA_ID}/phone_numbers`: filtering, sort and cursor paging.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListPhoneNumbers {
    /// WhatsApp Business Account id.
    pub waba_id: String,
    /// Fields; [`DEFAULT_FIELDS`] when left out.
    #[serde(default, deserialize_with = "super::node::one_or_many")]
    pub fields: Option<Vec<PhoneNumberField>>,
    /// Conditions.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Filter>>", optional = nullable))]
    pub filtering: Vec<Filter>,
    /// `creation_time.asc|desc` or `last_onboarded_time.asc|desc`.
    #[serde(default)]
    pub sort: Option<String>,
    /// 1..=100 (default 25).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default)]
    pub after: Option<String>,
    /// Cursor.
    #[serde(default)]
    pub before: Option<String>,
    /// Ask for `summary=total_count`.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional = nullable))]
    pub total_count: bool,
}

impl Operation<GraphConfig> for ListPhoneNumbers {
    type Output = PhoneNumberPage;
    const SPEC: &'static OperationSpec = &table::LIST_PHONE_NUMBERS;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("wabaId", &self.waba_id)?;
        if let Some(sort) = &self.sort {
            let ok = [
                "creation_time.asc",
                "creation_time.desc",
                "last_onboarded_time.asc",
                "last_onboarded_time.desc",
            ]
            .contains(&sort.as_str());
            if !ok {
                return Err(invalid(
                    "sort",
                    "creation_time.asc|desc or last_onboarded_time.asc|desc",
                ));
            }
        }
        if let Some(limit) = self.limit
            && !(1..=100).contains(&limit)
        {
            return Err(invalid("limit", "from 1 to 100"));
        }
        if self.after.is_some() && self.before.is_some() {
            return Err(invalid(
                "after",
                "left out when before is given (one cursor at a time)",
            ));
        }
        let mut args = to_args(self)?;
        args.insert("fields".into(), fields_param(self.fields.as_ref())?.into());
        build_args(config, Self::SPEC, &args)
    }
}
