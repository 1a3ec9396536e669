//! The account's numbers: list, read, release, move to another profile.

use crate::api::Args;
use serde::{Deserialize, Serialize};

use crate::api::models::{MovedToProfile, NumberList, NumberRecord, Released};
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, path_id, require};
use crate::error::Result;
use crate::status::NumberStatus;

/// `GET /v1/phone-numbers`: the account's numbers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListNumbers {
    /// One status (`pending_regulatory` also shows numbers declined in the last 30 days).
    #[serde(default)]
    pub status: Option<String>,
    /// One profile.
    #[serde(default)]
    pub profile_id: Option<String>,
}

impl Operation<Config> for ListNumbers {
    type Output = NumberList;
    const SPEC: &'static OperationSpec = &table::LIST_NUMBERS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        if let Some(s) = a.str("status") {
            NumberStatus::parse(s).map_err(|e| e.with("argument", "status"))?;
        }
        Ok(())
    }
}

/// `GET /v1/phone-numbers/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct GetNumber {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for GetNumber {
    type Output = NumberRecord;
    const SPEC: &'static OperationSpec = &table::GET_NUMBER;
}

/// `DELETE /v1/phone-numbers/{id}`: release a number.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ReleaseNumber {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for ReleaseNumber {
    type Output = Released;
    const SPEC: &'static OperationSpec = &table::RELEASE_NUMBER;
}

/// `PATCH /v1/whatsapp/phone-numbers/{id}/profile` (no canonical twin).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct MoveToProfile {
    /// Record id.
    pub id: String,
    /// Destination profile (same team).
    pub profile_id: String,
}

impl Operation<Config> for MoveToProfile {
    type Output = MovedToProfile;
    const SPEC: &'static OperationSpec = &table::MOVE_TO_PROFILE;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("profileId", a.text("profileId"))?;
        Ok(())
    }
}
