//! The calls a WhatsApp account made and received: the list (by time cursor), one call, and
//! its recording (reference zernio.md §3.12, Zernio's OpenAPI `listWhatsAppCalls`,
//! `getWhatsAppCall`, `getWhatsAppCallRecording`).
//!
//! The other party's number is personal data and a recording URL is a signed credential:
//! `Debug` shows neither.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::calling::CallCost;
use super::hidden;
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, path_id, require};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// Where a call is.
    pub enum CallStatus {
        /// Ringing.
        Ringing => "ringing",
        /// Answered, in progress.
        Answered => "answered",
        /// Over.
        Ended => "ended",
        /// Never connected.
        Failed => "failed",
    }
}

open_enum! {
    /// Who called.
    pub enum CallDirection {
        /// The consumer called the business.
        Inbound => "inbound",
        /// The business called the consumer.
        Outbound => "outbound",
    }
}

open_enum! {
    /// Why a call ended.
    pub enum CallEndReason {
        /// Someone hung up.
        Hangup => "hangup",
        /// Nobody answered.
        NoAnswer => "no_answer",
        /// Declined.
        Rejected => "rejected",
        /// An error.
        Error => "error",
    }
}

/// One call. `Debug` hides the parties' numbers and the recording URL.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// Call id (`_id` upstream; `id` accepted).
    #[serde(default, rename = "_id", alias = "id")]
    pub id: Option<String>,
    /// Inbound or outbound.
    #[serde(default)]
    pub direction: Option<CallDirection>,
    /// The caller.
    #[serde(default)]
    pub from: Option<String>,
    /// The callee.
    #[serde(default)]
    pub to: Option<String>,
    /// Where it is.
    #[serde(default)]
    pub status: Option<CallStatus>,
    /// Start (RFC 3339).
    #[serde(default)]
    pub started_at: Option<String>,
    /// End (RFC 3339).
    #[serde(default)]
    pub ended_at: Option<String>,
    /// Length in seconds.
    #[serde(default)]
    pub duration_seconds: Option<u64>,
    /// Why it ended.
    #[serde(default)]
    pub end_reason: Option<CallEndReason>,
    /// The recording (a signed URL).
    #[serde(default)]
    pub recording_url: Option<String>,
    /// What it cost (USD).
    #[serde(default)]
    pub billing: Option<CallCost>,
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("id", &self.id)
            .field("direction", &self.direction)
            .field("from", &hidden(self.from.as_ref()))
            .field("to", &hidden(self.to.as_ref()))
            .field("status", &self.status)
            .field("started_at", &self.started_at)
            .field("ended_at", &self.ended_at)
            .field("duration_seconds", &self.duration_seconds)
            .field("end_reason", &self.end_reason)
            .field("recording_url", &hidden(self.recording_url.as_ref()))
            .field("billing", &self.billing)
            .finish()
    }
}

/// `GET /v1/whatsapp/calls`: one page of calls, newest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CallPage {
    /// The calls.
    #[serde(default)]
    pub calls: Vec<Call>,
    /// The `before` of the next page (RFC 3339); `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// `GET /v1/whatsapp/calls/{id}/recording?as=json`: a freshly signed URL of the recording.
/// `Debug` hides it.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CallRecording {
    /// The signed URL.
    #[serde(default)]
    pub url: Option<String>,
}

impl fmt::Debug for CallRecording {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallRecording")
            .field("url", &hidden(self.url.as_ref()))
            .finish()
    }
}

/// An RFC 3339 instant, as the call filters take it.
fn instant(argument: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(value) if crate::Timestamp::parse(value).is_err() => Err(invalid(
            argument,
            "an RFC 3339 time, e.g. 2026-11-30T10:00:00Z",
        )),
        _ => Ok(()),
    }
}

/// `GET /v1/whatsapp/calls`: an account's calls, newest first, by pages of up to 200 that go
/// back in time ([`Operation::next_page`] passes the page's `nextCursor` as `before`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ListCalls {
    /// WhatsApp account id.
    pub account_id: String,
    /// `ringing`, `answered`, `ended` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `inbound` or `outbound`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Calls started at or after (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Calls started at or before (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Calls started strictly before (the previous page's `nextCursor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Page size, 1..=200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Operation<Config> for ListCalls {
    type Output = CallPage;
    const SPEC: &'static OperationSpec = &table::LIST_CALLS;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        require("accountId", a.text("accountId"))?;
        if let Some(status) = a.str("status") {
            super::one_of(
                "status",
                status,
                &["ringing", "answered", "ended", "failed"],
                "ringing, answered, ended or failed",
            )?;
        }
        if let Some(direction) = a.str("direction") {
            super::one_of(
                "direction",
                direction,
                &["inbound", "outbound"],
                "inbound or outbound",
            )?;
        }
        instant("since", a.str("since"))?;
        instant("until", a.str("until"))?;
        instant("before", a.str("before"))?;
        match a.u64("limit") {
            Some(limit) if !(1..=200).contains(&limit) => Err(invalid("limit", "from 1 to 200")),
            _ => Ok(()),
        }
    }
}

/// `GET /v1/whatsapp/calls/{id}?accountId=`: one call (the `call` member of the response).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetCall {
    /// Call id.
    pub id: String,
    /// WhatsApp account id.
    pub account_id: String,
}

impl Operation<Config> for GetCall {
    type Output = Call;
    const SPEC: &'static OperationSpec = &table::GET_CALL;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("accountId", a.text("accountId"))
    }
}

/// `GET /v1/whatsapp/calls/{id}/recording?accountId=&as=json`: a freshly signed URL of the
/// call's recording, as JSON (`as=json`; without it Zernio answers with a redirect).
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetCallRecording {
    /// Call id.
    pub id: String,
    /// WhatsApp account id.
    pub account_id: String,
}

impl Operation<Config> for GetCallRecording {
    type Output = CallRecording;
    const SPEC: &'static OperationSpec = &table::GET_CALL_RECORDING;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        require("accountId", a.text("accountId"))
    }
}
