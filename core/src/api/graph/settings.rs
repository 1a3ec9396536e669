//! A number's settings (`/{PHONE_NUMBER_ID}/settings`): calling, user identity change, payload
//! encryption and storage (local storage region).
//!
//! Meta's sources disagree on the values: its calling guide writes `ENABLED` and `DEFAULT`,
//! its OpenAPI file `enabled` and `visible`; the guide's storage setting is
//! `{status, data_localization_region}`, the OpenAPI request `{enabled, region}`. So values are
//! kept as text, as sent, and every member no field names is kept too.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{GraphConfig, Success, numeric_id};
use crate::api::Args;
use crate::api::args::unknown_member;
use crate::api::table::{self, OperationSpec};
use crate::api::{Operation, invalid, require};
use crate::error::{Error, ErrorCode, Result};

/// `calling`: whether the number takes WhatsApp calls, and how.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct CallingSettings {
    /// `ENABLED` / `DISABLED` (the OpenAPI file: lower case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether the call button shows (`DEFAULT`, `DISABLE_ALL`; the OpenAPI file: `visible`,
    /// `hidden`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_icon_visibility: Option<String>,
    /// Whether a caller is asked for call-back permission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_permission_status: Option<String>,
    /// `DTLS-SRTP` or `SDES-SRTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub srtp_key_exchange_protocol: Option<String>,
    /// Meta's calling IP addresses (read only), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_addresses: Option<Value>,
    /// Business hours and holidays, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_hours: Option<Value>,
    /// Where the call button shows, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_icons: Option<Value>,
    /// SIP signalling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip: Option<SipSettings>,
    /// Video calls, as sent (`{status}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<Value>,
    /// Audio, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Value>,
    /// Restrictions on calling (read only), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Value>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `calling.sip`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct SipSettings {
    /// `ENABLED` / `DISABLED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The SIP servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servers: Option<Vec<SipServer>>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One SIP server. `Debug` hides the password (sent with `includeSipCredentials`).
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct SipServer {
    /// The app the server belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// SIP password (only with `includeSipCredentials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Parameters added to the user part of the request URI, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_uri_user_params: Option<Value>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for SipServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SipServer")
            .field("app_id", &self.app_id)
            .field("hostname", &self.hostname)
            .field("port", &self.port)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

/// `user_identity_change`: whether Meta tells the business when a user's identity changes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct UserIdentityChange {
    /// On or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `payload_encryption`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct PayloadEncryption {
    /// `enabled` / `disabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Base64 public key, needed to enable encryption (write).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_encryption_key: Option<String>,
    /// Fingerprint of the key in use (read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_encryption_key_fingerprint: Option<String>,
    /// Meta's public key (read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_encryption_key: Option<String>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `storage_configuration`: where message content is stored at rest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct StorageConfiguration {
    /// `DEFAULT`, `IN_COUNTRY_STORAGE_ENABLED` (the OpenAPI file: lower case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The region when local storage is on (ISO code, e.g. `DE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_localization_region: Option<String>,
    /// On or off (the OpenAPI file's request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The region (the OpenAPI file's request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How long content is kept, in minutes (Meta's guide).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_minutes: Option<u64>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A number's settings. Unknown members are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct PhoneNumberSettings {
    /// Calling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling: Option<CallingSettings>,
    /// User identity change notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_identity_change: Option<UserIdentityChange>,
    /// Payload encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_encryption: Option<PayloadEncryption>,
    /// Storage at rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_configuration: Option<StorageConfiguration>,
    /// Every other member, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /{PHONE_NUMBER_ID}/settings`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetPhoneNumberSettings {
    /// Phone-number id.
    pub phone_number_id: String,
    /// Include the SIP servers' passwords (needs extra permissions).
    #[serde(default)]
    pub include_sip_credentials: Option<bool>,
}

impl Operation<GraphConfig> for GetPhoneNumberSettings {
    type Output = PhoneNumberSettings;
    const SPEC: &'static OperationSpec = &table::GET_PHONE_NUMBER_SETTINGS;
}

/// `POST /{PHONE_NUMBER_ID}/settings`: one feature's settings per request (Meta's rule), so
/// exactly one of `calling`, `userIdentityChange`, `payloadEncryption`,
/// `storageConfiguration`. Values are sent as given; a member the settings do not name is
/// refused (`argument_unknown`), not sent: the read side keeps such members, the write side
/// does not invent them.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SetPhoneNumberSettings {
    /// Phone-number id.
    pub phone_number_id: String,
    /// Calling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling: Option<CallingSettings>,
    /// User identity change notifications (sent as `user_identity_change`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_identity_change: Option<UserIdentityChange>,
    /// Payload encryption (sent as `payload_encryption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_encryption: Option<PayloadEncryption>,
    /// Storage at rest (sent as `storage_configuration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_configuration: Option<StorageConfiguration>,
}

const FEATURES: &str = "calling, userIdentityChange, payloadEncryption or storageConfiguration";

impl Operation<GraphConfig> for SetPhoneNumberSettings {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::SET_PHONE_NUMBER_SETTINGS;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        // Read back as the type: the settings' catch-all members (`extra`) need its fields.
        a.typed::<Self>()?.check_typed()
    }
}

impl SetPhoneNumberSettings {
    /// Its checks, on the typed value (`check_args` reads the arguments back as the type).
    fn check_typed(&self) -> Result<()> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        let given = [
            self.calling.is_some(),
            self.user_identity_change.is_some(),
            self.payload_encryption.is_some(),
            self.storage_configuration.is_some(),
        ]
        .into_iter()
        .filter(|&b| b)
        .count();
        if given == 0 {
            return Err(invalid("settings", &format!("one of {FEATURES}")));
        }
        if given > 1 {
            return Err(invalid(
                "settings",
                &format!("only one of {FEATURES} per request"),
            ));
        }
        if let Some(p) = &self.payload_encryption {
            let status = p.status.as_deref().unwrap_or_default();
            require("payloadEncryption.status", status)?;
            if status.eq_ignore_ascii_case("enabled") {
                require(
                    "payloadEncryption.client_encryption_key",
                    p.client_encryption_key.as_deref().unwrap_or_default(),
                )?;
            }
        }
        no_extra(self)?;
        if let Some(u) = &self.user_identity_change
            && u.enabled.is_none()
        {
            return Err(Error::new(
                ErrorCode::ArgumentMissing,
                "userIdentityChange.enabled is required",
            )
            .with("argument", "userIdentityChange.enabled"));
        }
        Ok(())
    }
}

/// Refuses the members of the settings that no field names (they sit in `extra`), each named by
/// its path (`calling.sip.servers[0].foo`).
fn no_extra(settings: &SetPhoneNumberSettings) -> Result<()> {
    let refuse = |path: &str, extra: &Map<String, Value>| match extra.keys().next() {
        Some(key) => Err(unknown_member(key, &format!("{path}.{key}"), &[])),
        None => Ok(()),
    };
    if let Some(c) = &settings.calling {
        refuse("calling", &c.extra)?;
        if let Some(sip) = &c.sip {
            refuse("calling.sip", &sip.extra)?;
            for (i, server) in sip.servers.iter().flatten().enumerate() {
                refuse(&format!("calling.sip.servers[{i}]"), &server.extra)?;
            }
        }
    }
    if let Some(u) = &settings.user_identity_change {
        refuse("userIdentityChange", &u.extra)?;
    }
    if let Some(p) = &settings.payload_encryption {
        refuse("payloadEncryption", &p.extra)?;
    }
    if let Some(s) = &settings.storage_configuration {
        refuse("storageConfiguration", &s.extra)?;
    }
    Ok(())
}
