//! Stock watches (reference zernio.md §3.13): be told by the `phone_number.stock_available`
//! webhook when a sold-out country, type or area has numbers again.

use crate::api::Args;
use serde::{Deserialize, Serialize};

use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, area_code, country, invalid, number_type};
use crate::country::OfferedNumberType;
use crate::error::Result;

/// `POST /v1/phone-numbers/stock-watches`: watch a country (a type, an area). A repeat returns
/// the existing watch; an account has at most 20.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CreateStockWatch {
    /// ISO country.
    pub country: String,
    /// Number type (every type of the country when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_type: Option<OfferedNumberType>,
    /// Area code, 1–4 digits (needs `numberType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
}

impl Operation<Config> for CreateStockWatch {
    type Output = StockWatch;
    const SPEC: &'static OperationSpec = &table::CREATE_STOCK_WATCH;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        country("country", a.text("country"))?;
        number_type(a.str("numberType"))?;
        if let Some(code) = a.str("areaCode") {
            area_code(code)?;
            if !a.has("numberType") {
                return Err(invalid(
                    "numberType",
                    "given with areaCode (an area is watched for one number type)",
                ));
            }
        }
        Ok(())
    }
}

/// `GET /v1/phone-numbers/stock-watches`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ListStockWatches {}

impl Operation<Config> for ListStockWatches {
    type Output = StockWatches;
    const SPEC: &'static OperationSpec = &table::LIST_STOCK_WATCHES;
}

/// `DELETE /v1/phone-numbers/stock-watches/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct DeleteStockWatch {
    /// Watch id.
    pub id: String,
}

impl Operation<Config> for DeleteStockWatch {
    type Output = Deleted;
    const SPEC: &'static OperationSpec = &table::DELETE_STOCK_WATCH;
}

/// A stock watch (`PhoneNumberStockWatch`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct StockWatch {
    /// Watch id.
    #[serde(default)]
    pub id: Option<String>,
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// The country's name.
    #[serde(default)]
    pub country_name: Option<String>,
    /// The watched type; `None` when the watch covers every type (sent as `null`).
    #[serde(default, serialize_with = "crate::api::respond::null_if_none")]
    pub number_type: Option<OfferedNumberType>,
    /// The watched area code, if any.
    #[serde(default)]
    pub area_code: Option<String>,
    /// Created.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// `GET /v1/phone-numbers/stock-watches`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct StockWatches {
    /// The watches.
    #[serde(default)]
    pub watches: Vec<StockWatch>,
}

/// A deletion's answer (`{deleted}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Deleted {
    /// Whether something was deleted.
    #[serde(default)]
    pub deleted: bool,
}

/// The `stock` of a `phone_number.stock_available` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct StockAvailable {
    /// ISO country.
    #[serde(default)]
    pub country: Option<String>,
    /// What is in stock, per number type.
    #[serde(default)]
    pub types: Vec<StockCount>,
    /// The area, for an area watch.
    #[serde(default)]
    pub area_code: Option<String>,
    /// The area's name.
    #[serde(default)]
    pub area_name: Option<String>,
}

impl StockAvailable {
    /// Reads a webhook's `stock`, or `None` when it does not have the documented shape: one odd
    /// member must not cost the whole event.
    ///
    /// # Errors
    /// Never for well-formed JSON.
    pub fn lenient<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Self>, D::Error> {
        let value = Option::<serde_json::Value>::deserialize(d)?;
        Ok(value.and_then(|v| crate::json::decode(v).ok()))
    }
}

/// How many numbers of a type are in stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct StockCount {
    /// Number type (as sent).
    #[serde(default)]
    pub number_type: Option<String>,
    /// Numbers available.
    #[serde(default)]
    pub available_count: Option<u64>,
}
