//! Health status of a node.

use crate::api::table::{self, OperationSpec};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::GraphConfig;
use crate::api::Operation;
use crate::macros::open_enum;

open_enum! {
    /// `can_send_message` of health status.
    pub enum HealthState { Available => "AVAILABLE", Limited => "LIMITED", Blocked => "BLOCKED", }
}

/// One entity of a health status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HealthEntity {
    /// `PHONE_NUMBER`, `WABA`, `BUSINESS`, `APP`, `MESSAGE_TEMPLATE`.
    #[serde(default)]
    pub entity_type: Option<String>,
    /// Id.
    #[serde(default)]
    pub id: Option<String>,
    /// Can it send.
    #[serde(default)]
    pub can_send_message: Option<HealthState>,
    /// Can it receive SIP calls.
    #[serde(default)]
    pub can_receive_call_sip: Option<HealthState>,
    /// Notes.
    #[serde(default)]
    pub additional_info: Vec<String>,
    /// Why it is limited or blocked.
    #[serde(default)]
    pub errors: Vec<Value>,
}

/// `health_status` of a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HealthStatus {
    /// Overall.
    #[serde(default)]
    pub can_send_message: Option<HealthState>,
    /// Per entity.
    #[serde(default)]
    pub entities: Vec<HealthEntity>,
}

/// `GET /{NODE_ID}?fields=health_status` (phone number, WABA, business, app, template).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetHealthStatus {
    /// Node id.
    pub node_id: String,
}

impl Operation<GraphConfig> for GetHealthStatus {
    type Output = HealthStatus;
    const SPEC: &'static OperationSpec = &table::GET_HEALTH_STATUS;
}
