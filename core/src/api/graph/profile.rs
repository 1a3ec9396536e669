//! The business profile: display name and conversational automation.

use super::build_args;
use crate::api::Args;
use crate::api::table::{self, OperationSpec};
use crate::api::to_args;
use serde::{Deserialize, Serialize};

use super::node::GraphPhoneNumber;
use super::{GraphConfig, Success, graph_parse, numeric_id};
use crate::api::http::{HttpRequest, HttpResponse};
use crate::api::too_many;
use crate::api::{Operation, invalid, max_len, require};
use crate::error::Result;

/// `POST /{PHONE_NUMBER_ID}` `{new_display_name}`: ask for a display-name change (reviewed;
/// re-register after `phone_number_name_update` says APPROVED).
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct RequestDisplayName {
    /// Phone-number id.
    pub phone_number_id: String,
    /// 2 to 75 characters.
    pub new_display_name: String,
}

impl Operation<GraphConfig> for RequestDisplayName {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::REQUEST_DISPLAY_NAME;

    fn request(&self, config: &GraphConfig) -> Result<HttpRequest> {
        numeric_id("phoneNumberId", &self.phone_number_id)?;
        let name = self.new_display_name.trim();
        if name.chars().count() < 2 {
            return Err(invalid("newDisplayName", "2 to 75 characters"));
        }
        max_len("newDisplayName", name, 75)?;
        let mut args = to_args(self)?;
        args.insert("newDisplayName".into(), name.into());
        build_args(config, Self::SPEC, &args)
    }
}

/// A bot command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct Command {
    /// At most 32 characters, no leading `/`.
    pub command_name: String,
    /// At most 256 characters.
    pub command_description: String,
}

/// Welcome message, ice breakers and commands.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
pub struct ConversationalAutomation {
    /// First contact opens with a welcome message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_welcome_message: Option<bool>,
    /// Ice breakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompts: Option<Vec<String>>,
    /// Commands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<Vec<Command>>,
}

/// Meta's real limits (not those of the `OpenAPI` file): 4 prompts of 80 characters; 30 commands,
/// names of 32 characters, descriptions of 256.
pub const MAX_PROMPTS: usize = 4;
/// See [`MAX_PROMPTS`].
pub const MAX_PROMPT_CHARS: usize = 80;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMANDS: usize = 30;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMAND_NAME_CHARS: usize = 32;
/// See [`MAX_PROMPTS`].
pub const MAX_COMMAND_DESCRIPTION_CHARS: usize = 256;

/// `POST /{PHONE_NUMBER_ID}/conversational_automation`. Left-out parts are kept; an empty list
/// clears.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct SetConversationalAutomation {
    /// Phone-number id.
    pub phone_number_id: String,
    /// Show the welcome message (sent as `enable_welcome_message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_welcome_message: Option<bool>,
    /// Ice breakers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompts: Option<Vec<String>>,
    /// Commands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commands: Option<Vec<Command>>,
}

impl Operation<GraphConfig> for SetConversationalAutomation {
    type Output = Success;
    const SPEC: &'static OperationSpec = &table::SET_CONVERSATIONAL_AUTOMATION;

    fn check_args(a: Args<'_>, _config: &GraphConfig) -> Result<()> {
        numeric_id("phoneNumberId", a.text("phoneNumberId"))?;
        if let Some(prompts) = a.strs("prompts") {
            if prompts.len() > MAX_PROMPTS {
                return Err(too_many("prompts", MAX_PROMPTS, prompts.len()));
            }
            for (i, p) in prompts.iter().enumerate() {
                require(&format!("prompts[{i}]"), p)?;
                max_len(&format!("prompts[{i}]"), p, MAX_PROMPT_CHARS)?;
            }
        }
        if let Some(commands) = a.objects("commands") {
            if commands.len() > MAX_COMMANDS {
                return Err(too_many("commands", MAX_COMMANDS, commands.len()));
            }
            for (i, c) in commands.iter().enumerate() {
                let name = format!("commands[{i}].command_name");
                let command_name = c.text("command_name");
                require(&name, command_name)?;
                if command_name.starts_with('/') {
                    return Err(invalid(&name, "a name without the leading /"));
                }
                max_len(&name, command_name, MAX_COMMAND_NAME_CHARS)?;
                let desc = format!("commands[{i}].command_description");
                let description = c.text("command_description");
                require(&desc, description)?;
                max_len(&desc, description, MAX_COMMAND_DESCRIPTION_CHARS)?;
            }
        }
        if !a.has("enableWelcomeMessage") && !a.has("prompts") && !a.has("commands") {
            return Err(invalid(
                "automation",
                "at least one of enableWelcomeMessage, prompts, commands",
            ));
        }
        Ok(())
    }
}

/// `GET /{PHONE_NUMBER_ID}?fields=conversational_automation`.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct GetConversationalAutomation {
    /// Phone-number id.
    pub phone_number_id: String,
}

impl Operation<GraphConfig> for GetConversationalAutomation {
    type Output = ConversationalAutomation;
    const SPEC: &'static OperationSpec = &table::GET_CONVERSATIONAL_AUTOMATION;

    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        let node: GraphPhoneNumber = graph_parse(Self::NAME, response)?;
        Ok(node.conversational_automation.unwrap_or_default())
    }
}
