//! The two enums of the phone API: what a number is used for, and how to write one.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

/// What a number is used for, as far as its digits tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// Landline.
    FixedLine,
    /// Mobile.
    Mobile,
    /// Either; the digits do not tell (e.g. the US and Canada).
    FixedLineOrMobile,
    /// Free to call.
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Cost shared between caller and called.
    SharedCost,
    /// Voice over IP.
    Voip,
    /// Personal number routed to another line.
    PersonalNumber,
    /// Pager.
    Pager,
    /// Universal access number.
    Uan,
    /// Voicemail access.
    Voicemail,
    /// Matches no known range.
    Unknown,
}

impl NumberType {
    /// The snake_case name, e.g. `"fixed_line"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NumberType::FixedLine => "fixed_line",
            NumberType::Mobile => "mobile",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::Voip => "voip",
            NumberType::PersonalNumber => "personal_number",
            NumberType::Pager => "pager",
            NumberType::Uan => "uan",
            NumberType::Voicemail => "voicemail",
            NumberType::Unknown => "unknown",
        }
    }

    /// Reads a type name (`"mobile"`, `"fixed_line"`, ...: the names of [`Self::as_str`]).
    ///
    /// # Errors
    /// `json_invalid` naming the accepted values.
    pub fn parse(name: &str) -> Result<NumberType> {
        const ALL: [NumberType; 12] = [
            NumberType::FixedLine,
            NumberType::Mobile,
            NumberType::FixedLineOrMobile,
            NumberType::TollFree,
            NumberType::PremiumRate,
            NumberType::SharedCost,
            NumberType::Voip,
            NumberType::PersonalNumber,
            NumberType::Pager,
            NumberType::Uan,
            NumberType::Voicemail,
            NumberType::Unknown,
        ];
        ALL.into_iter().find(|t| t.as_str() == name).ok_or_else(|| {
            Error::new(
                ErrorCode::JsonInvalid,
                "type must be mobile, fixed_line, fixed_line_or_mobile, toll_free, premium_rate, \
                 shared_cost, voip, personal_number, pager, uan, voicemail or unknown",
            )
            .with("argument", "type")
        })
    }
}

/// How to write a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PhoneFormat {
    /// `+442071838750`
    E164,
    /// `+44 20 7183 8750`
    International,
    /// `020 7183 8750`
    National,
    /// `tel:+44-20-7183-8750`
    Rfc3966,
}

impl PhoneFormat {
    /// Reads a format name (`e164`, `international`, `national`, `rfc3966`).
    ///
    /// # Errors
    /// `json_invalid` naming the accepted values.
    pub fn parse(name: &str) -> Result<PhoneFormat> {
        match name {
            "e164" => Ok(PhoneFormat::E164),
            "international" => Ok(PhoneFormat::International),
            "national" => Ok(PhoneFormat::National),
            "rfc3966" => Ok(PhoneFormat::Rfc3966),
            _ => Err(Error::new(
                ErrorCode::JsonInvalid,
                "format must be e164, international, national or rfc3966",
            )
            .with("argument", "format")),
        }
    }

    /// [`Self::parse`] for an optional argument: `international` when absent (the bindings'
    /// default).
    ///
    /// # Errors
    /// As [`Self::parse`].
    pub fn parse_or_default(name: Option<&str>) -> Result<PhoneFormat> {
        name.map_or(Ok(PhoneFormat::International), PhoneFormat::parse)
    }
}
