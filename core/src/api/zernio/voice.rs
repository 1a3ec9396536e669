//! Voice (PSTN) calls on a number: inbound forwarding, voicemail, business hours, blocked
//! callers and an IVR menu (`/v1/phone-numbers/{id}/voice`, Zernio's OpenAPI
//! `enableVoiceOnNumber` / `disableVoiceOnNumber`).
//!
//! Forwarding targets, blocked callers and greetings are personal data: `Debug` shows how
//! many there are, never what they say.

use crate::api::Args;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{check_consumer_e164, check_forward_to, hidden, one_of};
use crate::api::table::{self, OperationSpec};
use crate::api::{Config, Operation, invalid, max_len, path_id};
use crate::error::Result;
use crate::macros::open_enum;

open_enum! {
    /// The language calls are transcribed in.
    pub enum TranscriptionLanguage {
        /// Detected per call.
        Auto => "auto",
        /// English.
        En => "en",
        /// Spanish.
        Es => "es",
    }
}

/// An opening window of one weekday, local to `businessHoursTimezone`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct BusinessHours {
    /// 0 = Sunday … 6 = Saturday (required in a request).
    #[serde(default)]
    pub day: Option<u8>,
    /// Opens, `HH:MM`.
    #[serde(default)]
    pub open: String,
    /// Closes, `HH:MM`.
    #[serde(default)]
    pub close: String,
}

/// One IVR choice. `Debug` hides the target.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct IvrOption {
    /// The key: `0`–`9`, `*` or `#`.
    #[serde(default)]
    pub digit: String,
    /// `tel:+E164`, `sip:…` or `wss://…`.
    #[serde(default)]
    pub forward_to: String,
    /// What the caller hears, at most 80 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl fmt::Debug for IvrOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IvrOption")
            .field("digit", &self.digit)
            .field("forward_to", &"<redacted>")
            .field("label", &hidden(self.label.as_ref()))
            .finish()
    }
}

/// The number's voice configuration, as `POST /v1/phone-numbers/{id}/voice` echoes it.
/// `Debug` hides the targets, greetings and blocked callers.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VoiceSettings {
    /// Voice is on.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Where inbound calls go (`None`: outbound only).
    #[serde(default)]
    pub pstn_forward_to: Option<String>,
    /// Calls are recorded.
    #[serde(default)]
    pub recording_enabled: Option<bool>,
    /// Calls are transcribed.
    #[serde(default)]
    pub transcription_enabled: Option<bool>,
    /// The transcription language.
    #[serde(default)]
    pub transcription_language: Option<TranscriptionLanguage>,
    /// Voicemail when nobody is reachable.
    #[serde(default)]
    pub voicemail_enabled: Option<bool>,
    /// The custom greeting (`None`: the default one).
    #[serde(default)]
    pub voicemail_greeting: Option<String>,
    /// Outside the windows, calls go to voicemail.
    #[serde(default)]
    pub business_hours_enabled: Option<bool>,
    /// IANA time zone of the windows.
    #[serde(default)]
    pub business_hours_timezone: Option<String>,
    /// The windows.
    #[serde(default)]
    pub business_hours: Option<Vec<BusinessHours>>,
    /// Numbers refused before answer.
    #[serde(default)]
    pub blocked_callers: Option<Vec<String>>,
    /// The caller id on the forwarded leg.
    #[serde(default)]
    pub forward_caller_id: Option<super::ForwardCallerId>,
    /// The IVR menu is on.
    #[serde(default)]
    pub ivr_enabled: Option<bool>,
    /// What the IVR says.
    #[serde(default)]
    pub ivr_prompt: Option<String>,
    /// The IVR's choices.
    #[serde(default)]
    pub ivr_options: Option<Vec<IvrOption>>,
}

impl fmt::Debug for VoiceSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VoiceSettings")
            .field("enabled", &self.enabled)
            .field("phone_number", &self.phone_number)
            .field("pstn_forward_to", &hidden(self.pstn_forward_to.as_ref()))
            .field("recording_enabled", &self.recording_enabled)
            .field("transcription_enabled", &self.transcription_enabled)
            .field("voicemail_enabled", &self.voicemail_enabled)
            .field("business_hours_enabled", &self.business_hours_enabled)
            .field(
                "blocked_callers",
                &self.blocked_callers.as_ref().map(Vec::len),
            )
            .field("ivr_enabled", &self.ivr_enabled)
            .finish_non_exhaustive()
    }
}

/// `DELETE /v1/phone-numbers/{id}/voice`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VoiceDisabled {
    /// Always false after a disable.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The number, E.164.
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// `POST /v1/phone-numbers/{id}/voice`: turn voice on, or change its settings. A field left
/// out keeps its value; `forwardTo: ""` removes the forward (outbound only) and
/// `voicemailGreeting: ""` restores the default greeting. Lists replace the whole list.
/// `Debug` hides the targets, greetings and blocked callers.
#[derive(Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct EnableVoice {
    /// Record id.
    pub id: String,
    /// `tel:+E164`, `sip:…` or `wss://…`, or empty to remove the forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    /// Record calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_enabled: Option<bool>,
    /// Transcribe calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_enabled: Option<bool>,
    /// `auto`, `en` or `es`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription_language: Option<String>,
    /// Voicemail when nobody is reachable (on by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_enabled: Option<bool>,
    /// A spoken greeting, at most 1000 characters (empty: the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_greeting: Option<String>,
    /// Outside the windows, calls go to voicemail (off: 24/7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours_enabled: Option<bool>,
    /// IANA time zone of the windows, at most 64 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours_timezone: Option<String>,
    /// At most 21 windows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<Vec<BusinessHours>>,
    /// At most 1000 numbers (E.164, or 10 digits read as a US number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_callers: Option<Vec<String>>,
    /// `business` or `caller`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_caller_id: Option<String>,
    /// The IVR menu (it takes over the forward within business hours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_enabled: Option<bool>,
    /// What the IVR says, at most 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_prompt: Option<String>,
    /// At most 12 choices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_options: Option<Vec<IvrOption>>,
}

impl fmt::Debug for EnableVoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnableVoice")
            .field("id", &self.id)
            .field("forward_to", &hidden(self.forward_to.as_ref()))
            .field("recording_enabled", &self.recording_enabled)
            .field("voicemail_enabled", &self.voicemail_enabled)
            .field("business_hours_enabled", &self.business_hours_enabled)
            .field(
                "blocked_callers",
                &self.blocked_callers.as_ref().map(Vec::len),
            )
            .field("ivr_enabled", &self.ivr_enabled)
            .finish_non_exhaustive()
    }
}

/// `HH:MM` with an hour to 24 (`24:00` closes at midnight) and minutes to 59.
fn clock(argument: &str, value: &str) -> Result<()> {
    let ok = match value.as_bytes() {
        [h1, h2, b':', m1, m2] if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) => {
            let hours = (h1 - b'0') * 10 + (h2 - b'0');
            let minutes = (m1 - b'0') * 10 + (m2 - b'0');
            minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(argument, "a time HH:MM, e.g. 09:30"))
    }
}

fn at_most<T>(argument: &str, items: &[T], max: usize) -> Result<()> {
    if items.len() > max {
        return Err(crate::api::too_many(argument, max, items.len()));
    }
    Ok(())
}

impl Operation<Config> for EnableVoice {
    type Output = VoiceSettings;
    const SPEC: &'static OperationSpec = &table::ENABLE_VOICE;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id"))?;
        if let Some(target) = a.str("forwardTo").filter(|t| !t.is_empty()) {
            check_forward_to("forwardTo", target)?;
        }
        if let Some(language) = a.str("transcriptionLanguage") {
            one_of(
                "transcriptionLanguage",
                language,
                &["auto", "en", "es"],
                "auto, en or es",
            )?;
        }
        for (argument, max) in [
            ("voicemailGreeting", 1000),
            ("businessHoursTimezone", 64),
            ("ivrPrompt", 1000),
        ] {
            if let Some(text) = a.str(argument) {
                max_len(argument, text, max)?;
            }
        }
        let hours = a.objects("businessHours").unwrap_or_default();
        at_most("businessHours", &hours, 21)?;
        for (i, window) in hours.iter().enumerate() {
            if window.u64("day").is_none_or(|d| d > 6) {
                return Err(invalid(
                    &format!("businessHours[{i}].day"),
                    "0 (Sunday) to 6 (Saturday)",
                ));
            }
            clock(&format!("businessHours[{i}].open"), window.text("open"))?;
            clock(&format!("businessHours[{i}].close"), window.text("close"))?;
        }
        let blocked = a.strs("blockedCallers").unwrap_or_default();
        at_most("blockedCallers", &blocked, 1000)?;
        for (i, number) in blocked.iter().enumerate() {
            let us_digits = number.len() == 10 && number.bytes().all(|b| b.is_ascii_digit());
            if !us_digits {
                check_consumer_e164(&format!("blockedCallers[{i}]"), number)?;
            }
        }
        if let Some(mode) = a.str("forwardCallerId") {
            one_of(
                "forwardCallerId",
                mode,
                &["business", "caller"],
                "business or caller",
            )?;
        }
        let options = a.objects("ivrOptions").unwrap_or_default();
        at_most("ivrOptions", &options, 12)?;
        for (i, option) in options.iter().enumerate() {
            let digit = option.text("digit");
            let single = digit.len() == 1
                && digit
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'*' || b == b'#');
            if !single {
                return Err(invalid(
                    &format!("ivrOptions[{i}].digit"),
                    "one key: 0-9, * or #",
                ));
            }
            check_forward_to(
                &format!("ivrOptions[{i}].forwardTo"),
                option.text("forwardTo"),
            )?;
            if let Some(label) = option.str("label") {
                max_len(&format!("ivrOptions[{i}].label"), label, 80)?;
            }
        }
        Ok(())
    }
}

/// `DELETE /v1/phone-numbers/{id}/voice`: turn voice off.
#[derive(Debug, Clone, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct DisableVoice {
    /// Record id.
    pub id: String,
}

impl Operation<Config> for DisableVoice {
    type Output = VoiceDisabled;
    const SPEC: &'static OperationSpec = &table::DISABLE_VOICE;

    fn check_args(a: Args<'_>, _config: &Config) -> Result<()> {
        path_id("id", a.text("id")).map(drop)
    }
}
