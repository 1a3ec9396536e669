//! The catalog of countries where numbers are on sale: the `Country` model of
//! `GET /v1/phone-numbers/countries`, and an offline default taken from Zernio's published
//! price table, for when the live endpoint has not been called.

use serde::{Deserialize, Serialize};

use crate::Decode;

use super::CountryCode;
use crate::error::{Error, ErrorCode, Result, from_json};
use crate::macros::open_enum;

open_enum! {
    /// A kind of number a country offers (`numberType` upstream).
    pub enum OfferedNumberType {
        /// Geographic number tied to an area.
        Local => "local",
        /// Mobile number.
        Mobile => "mobile",
        /// Non-geographic national number.
        National => "national",
        /// Toll-free number (never WhatsApp-capable).
        TollFree => "toll_free",
    }
}

open_enum! {
    /// How an order is fulfilled.
    pub enum Fulfilment {
        /// Provisioned from stock.
        Instant => "instant",
        /// Ordered on request from the carrier.
        Request => "request",
    }
}

/// A country on sale, as returned by `GET /v1/phone-numbers/countries` (reference §3.1).
///
/// Every field but `code` is optional because the API documents no required fields and the
/// deprecated alias returns only a subset. Unknown fields are ignored. `name` is not sent by the
/// API: the catalog fills it from the ISO 3166-1 table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `"GB"`. Kept as sent.
    pub code: String,
    /// English short name, filled from ISO 3166-1 when the code is assigned.
    #[serde(default)]
    pub name: Option<String>,
    /// Regulatory tier 1..=4 (3 and 4 need KYC). Unknown in the offline catalog.
    #[serde(default)]
    pub tier: Option<u8>,
    /// Price per number per month, in US cents.
    #[serde(default)]
    pub monthly_cents: Option<u64>,
    /// Whether a one-time KYC form is needed before a number is ordered.
    #[serde(default)]
    pub needs_kyc: Option<bool>,
    /// PSTN calls available.
    #[serde(default)]
    pub calls_available: Option<bool>,
    /// WhatsApp available.
    #[serde(default)]
    pub whatsapp_available: Option<bool>,
    /// SMS available.
    #[serde(default)]
    pub sms_available: Option<bool>,
    /// WhatsApp business-initiated outbound calling available (not PSTN).
    #[serde(default)]
    pub outbound_calling_available: Option<bool>,
    /// Numbers in stock now.
    #[serde(default)]
    pub in_stock: Option<bool>,
    /// Out of stock but can be pre-ordered.
    #[serde(default)]
    pub pre_orderable: Option<bool>,
    /// Every number type offered, the default type first.
    #[serde(default)]
    pub types: Vec<CountryType>,
}

/// One number type offered in a country (`Country.types[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CountryType {
    /// The number type.
    pub number_type: OfferedNumberType,
    /// Regulatory tier; `null` when fulfilment is `request`.
    #[serde(default)]
    pub tier: Option<u8>,
    /// Whether this type needs KYC.
    #[serde(default)]
    pub needs_kyc: Option<bool>,
    /// Price per number per month, in US cents.
    #[serde(default)]
    pub monthly_cents: Option<u64>,
    /// WhatsApp available (always false for toll-free).
    #[serde(default)]
    pub whatsapp_available: Option<bool>,
    /// SMS available.
    #[serde(default)]
    pub sms_available: Option<bool>,
    /// PSTN calls available.
    #[serde(default)]
    pub calls_available: Option<bool>,
    /// In stock now.
    #[serde(default)]
    pub in_stock: Option<bool>,
    /// `instant` or `request`.
    #[serde(default)]
    pub fulfilment: Option<Fulfilment>,
    /// Can be pre-ordered.
    #[serde(default)]
    pub pre_orderable: Option<bool>,
}

impl Country {
    fn offline(code: &str, monthly_cents: u64, needs_kyc: bool) -> Country {
        Country {
            code: code.to_owned(),
            name: None,
            tier: None,
            monthly_cents: Some(monthly_cents),
            needs_kyc: Some(needs_kyc),
            calls_available: None,
            whatsapp_available: Some(true),
            sms_available: None,
            outbound_calling_available: None,
            in_stock: None,
            pre_orderable: None,
            types: Vec::new(),
        }
    }
}

/// Zernio's published price table ("Countries & pricing"): (code, monthly cents, needs KYC).
/// Countries marked † there provision instantly (`needs_kyc = false`).
const PRICE_TABLE: &[(&str, u64, bool)] = &[
    ("US", 200, false),
    ("CA", 200, false),
    ("VI", 200, false),
    ("IE", 200, true),
    ("AT", 200, true),
    ("BE", 200, true),
    ("CZ", 200, true),
    ("FI", 200, true),
    ("FR", 200, true),
    ("DE", 200, true),
    ("GR", 200, true),
    ("HU", 200, true),
    ("IT", 200, true),
    ("LT", 200, true),
    ("LU", 200, true),
    ("NZ", 200, true),
    ("NO", 200, true),
    ("PT", 200, true),
    ("RO", 200, true),
    ("SK", 200, true),
    ("ES", 200, true),
    ("CH", 200, true),
    ("GB", 200, true),
    ("PR", 300, false),
    ("NL", 300, false),
    ("BR", 300, true),
    ("HR", 300, true),
    ("EE", 300, true),
    ("IL", 400, false),
    ("LV", 400, true),
    ("CY", 500, true),
    ("MX", 500, true),
    ("SG", 500, true),
    ("IS", 600, false),
    ("AU", 600, true),
    ("DK", 800, false),
    ("CL", 800, true),
    ("DO", 800, true),
    ("RE", 800, true),
    ("TR", 800, true),
    ("SV", 1000, false),
    ("GP", 1000, true),
    ("MQ", 1000, true),
    ("PA", 1000, true),
    ("PL", 1000, true),
    ("ZA", 1000, true),
    ("SE", 1000, true),
    ("GF", 1000, true),
    ("CR", 1200, true),
    ("GE", 1500, true),
    ("TH", 1500, true),
    ("CO", 2000, false),
    ("ID", 2000, true),
];

/// The countries where numbers can be bought, with prices.
///
/// ```
/// use wanumbers::Catalog;
/// let catalog = Catalog::offline();
/// let gb = catalog.get("GB").unwrap();
/// assert_eq!((gb.monthly_cents, gb.needs_kyc), (Some(200), Some(true)));
/// assert_eq!(catalog.get("gb").unwrap_err().code().as_str(), "country_not_uppercase");
/// assert_eq!(catalog.get("JP").unwrap_err().code().as_str(), "country_not_on_sale");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Catalog {
    countries: Vec<Country>,
}

/// `{"countries": [...]}`, the documented response.
#[derive(Deserialize, Decode)]
struct Envelope {
    countries: Vec<Country>,
}

/// The envelope or a bare array, told apart by the JSON type (an untagged enum would cost the
/// failing field's path and much generated code).
fn countries_of(value: serde_json::Value, what: &str) -> Result<Vec<Country>> {
    if value.is_array() {
        crate::error::decode(value, what)
    } else {
        crate::error::decode::<Envelope>(value, what).map(|e| e.countries)
    }
}

impl crate::schema::Schema for Catalog {
    const KIND: &'static crate::schema::Kind =
        &crate::schema::Kind::Leaf(crate::schema::leaf::<Catalog>);
}

impl Decode for Catalog {
    fn decode(value: serde_json::Value) -> std::result::Result<Self, crate::json::PathError> {
        Catalog::from_value(value).map_err(|_| crate::json::PathError::default())
    }
}

/// Reads the response or the catalog's own JSON (`{"countries": [...]}`, or a bare array).
impl<'de> Deserialize<'de> for Catalog {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Catalog::from_value(value).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl Catalog {
    /// What errors call the document a catalog is read from.
    pub const DOCUMENT: &'static str = "the countries response";

    /// The offline catalog from the published price table, cheapest first (like the API).
    /// Prices change: prefer [`Catalog::from_json`] on a live `GET /countries` response.
    pub fn offline() -> Catalog {
        let mut countries: Vec<Country> = PRICE_TABLE
            .iter()
            .map(|&(code, cents, kyc)| Country::offline(code, cents, kyc))
            .collect();
        crate::sort::sort_by(&mut countries, |a, b| {
            (a.monthly_cents, &a.code).cmp(&(b.monthly_cents, &b.code))
        });
        Catalog::from_countries(countries)
    }

    /// The offline catalog, built once and shared (for hot paths such as validating a form on
    /// every keystroke).
    pub fn offline_shared() -> &'static Catalog {
        static OFFLINE: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        OFFLINE.get_or_init(Catalog::offline)
    }

    /// Builds a catalog from parsed countries, keeping their order, dropping later duplicates
    /// of a code and filling `name` from ISO 3166-1 where it is missing.
    pub fn from_countries(countries: Vec<Country>) -> Catalog {
        let mut kept: Vec<Country> = Vec::with_capacity(countries.len());
        for mut country in countries {
            if kept.iter().any(|c| c.code == country.code) {
                continue;
            }
            if country.name.is_none() {
                country.name = CountryCode::parse(&country.code)
                    .ok()
                    .map(|c| c.name().to_owned());
            }
            kept.push(country);
        }
        Catalog { countries: kept }
    }

    /// Parses the body of `GET /v1/phone-numbers/countries` (`{"countries": [...]}`; a bare array
    /// is accepted too). Unknown fields are ignored.
    ///
    /// # Errors
    /// `json_invalid` when the body is not JSON of that shape.
    pub fn from_json(json: &str) -> Result<Catalog> {
        let value = from_json::<serde_json::Value>(json, Self::DOCUMENT)?;
        Ok(Catalog::from_countries(countries_of(
            value,
            Self::DOCUMENT,
        )?))
    }

    /// As [`Catalog::from_json`], for a response body already parsed into a JSON value.
    ///
    /// # Errors
    /// `json_invalid` when the value is not of that shape.
    pub fn from_value(value: serde_json::Value) -> Result<Catalog> {
        Ok(Catalog::from_countries(countries_of(
            value,
            Self::DOCUMENT,
        )?))
    }

    /// Every country, in catalog order.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The entry for a strictly-written code.
    ///
    /// # Errors
    /// The [`CountryCode::parse`] errors, or `country_not_on_sale` when the code is valid but
    /// not in the catalog.
    pub fn get(&self, code: &str) -> Result<&Country> {
        let code = CountryCode::parse(code)?;
        self.find(code.as_str()).ok_or_else(|| {
            Error::new(
                ErrorCode::CountryNotOnSale,
                format!(
                    "numbers are not on sale in {} ({})",
                    code.name(),
                    code.as_str()
                ),
            )
            .with("country", code.as_str())
        })
    }

    /// The entry for an exact code, or `None`.
    pub fn find(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_catalog_matches_the_price_table() {
        let catalog = Catalog::offline();
        assert_eq!(catalog.countries().len(), 53);
        assert!(
            catalog.countries().iter().all(|c| c.name.is_some()),
            "every code is assigned"
        );
        let instant: Vec<&str> = catalog
            .countries()
            .iter()
            .filter(|c| c.needs_kyc == Some(false))
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(
            instant,
            ["CA", "US", "VI", "NL", "PR", "IL", "IS", "DK", "SV", "CO"]
        );
    }

    #[test]
    fn live_response_is_parsed_leniently() {
        let json = r#"{"countries":[{"code":"GB","tier":3,"monthlyCents":300,"needsKyc":true,
            "future":1,"types":[{"numberType":"mobile","tier":null,"fulfilment":"teleport"}]},
            {"code":"GB","monthlyCents":999}]}"#;
        let catalog = Catalog::from_json(json).unwrap();
        assert_eq!(catalog.countries().len(), 1);
        let gb = catalog.get("GB").unwrap();
        assert_eq!(gb.name.as_deref(), Some("United Kingdom"));
        assert_eq!(
            gb.types[0].fulfilment,
            Some(Fulfilment::Unknown("teleport".into()))
        );
        assert_eq!(
            Catalog::from_json("{").unwrap_err().code(),
            ErrorCode::JsonInvalid
        );
    }
}
