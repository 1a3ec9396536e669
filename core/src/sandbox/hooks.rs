//! Webhooks: subscriptions made through the normal webhook-settings API, and a delivery for
//! each number event, with the exact `whatsapp.number.*` payload, signed as Zernio signs
//! (`X-Zernio-Signature`: lowercase hex HMAC-SHA256 of the raw body, only when the
//! subscription has a secret), with `X-Zernio-Event`, `X-Zernio-Event-Id` and the
//! subscription's custom headers. The host sends them (or reads them in-process).

use serde_json::{Map, Value};

use super::numbers::tenant;
use super::state::{Delivery, State};
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::models::OwnedPhoneNumber;
use crate::api::wire::Routed;
use crate::api::zernio::{
    CreateWebhookSettings, DeleteWebhookSettings, EVENTS, ListWebhookSettings, TestWebhook,
    UpdateWebhookSettings, Webhook, WebhookDone, WebhookList, WebhookSaved,
};
use crate::datetime::Timestamp;
use crate::macros::value;
use crate::status::{NumberEvent, WEBHOOK_EVENTS};

/// A 400 for an event name the API does not have.
fn known_events(events: &[String]) -> Result<(), Fail> {
    match events.iter().position(|e| !EVENTS.contains(&e.as_str())) {
        None => Ok(()),
        Some(at) => Err(Fail::zernio(
            400,
            "invalid_request_error",
            Some("ARGUMENT_INVALID"),
            &format!("events[{at}] is not an event Zernio sends"),
        )),
    }
}

/// At most this many subscriptions per account (Zernio's limit).
const MAX_WEBHOOKS: usize = 50;

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "list_webhook_settings" => run::<ListWebhookSettings, _, _>(routed, |_| {
            Ok(WebhookList {
                webhooks: tenant(state, key).webhooks.clone(),
            })
        }),
        "create_webhook_settings" => run::<CreateWebhookSettings, _, _>(routed, |op| {
            known_events(&op.events)?;
            if tenant(state, key).webhooks.len() >= MAX_WEBHOOKS {
                return Err(Fail::bad_request("At most 50 webhooks"));
            }
            let webhook = Webhook {
                id: Some(state.rng.id("")),
                name: Some(op.name.clone()),
                url: Some(op.url.trim().to_owned()),
                secret: op.secret.clone(),
                events: op.events.clone(),
                is_active: Some(op.is_active.unwrap_or(true)),
                last_fired_at: None,
                failure_count: Some(0),
                custom_headers: op.custom_headers.clone(),
                disabled_resource_groups: op.disabled_resource_groups.clone(),
                profile_ids: None,
                account_ids: None,
            };
            tenant(state, key).webhooks.push(webhook.clone());
            Ok(WebhookSaved {
                success: Some(true),
                webhook: Some(webhook),
            })
        }),
        "update_webhook_settings" => run::<UpdateWebhookSettings, _, _>(routed, |op| {
            known_events(op.events.as_deref().unwrap_or_default())?;
            let webhook = tenant(state, key)
                .webhooks
                .iter_mut()
                .find(|w| w.id.as_deref() == Some(op.id.as_str()))
                .ok_or_else(Fail::not_found)?;
            if let Some(name) = &op.name {
                webhook.name = Some(name.clone());
            }
            if let Some(url) = &op.url {
                webhook.url = Some(url.trim().to_owned());
            }
            if let Some(secret) = &op.secret {
                webhook.secret = Some(secret.clone());
            }
            if let Some(events) = &op.events {
                webhook.events.clone_from(events);
            }
            if let Some(active) = op.is_active {
                webhook.is_active = Some(active);
            }
            if let Some(headers) = &op.custom_headers {
                webhook.custom_headers = Some(headers.clone());
            }
            if let Some(groups) = &op.disabled_resource_groups {
                webhook.disabled_resource_groups = Some(groups.clone());
            }
            Ok(WebhookSaved {
                success: Some(true),
                webhook: Some(webhook.clone()),
            })
        }),
        "delete_webhook_settings" => run::<DeleteWebhookSettings, _, _>(routed, |op| {
            // Deleting a webhook that is not there is done too: the API documents no 404.
            let tenant = tenant(state, key);
            tenant
                .webhooks
                .retain(|w| w.id.as_deref() != Some(op.id.as_str()));
            tenant.hook_health.remove(&op.id);
            Ok(WebhookDone {
                success: Some(true),
                message: Some("Webhook deleted".into()),
            })
        }),
        "test_webhook" => run::<TestWebhook, _, _>(routed, |op| {
            let webhook = tenant(state, key)
                .webhooks
                .iter()
                .find(|w| w.id.as_deref() == Some(op.webhook_id.as_str()))
                .cloned()
                .ok_or_else(Fail::not_found)?;
            let event = op.event.clone().unwrap_or_else(|| "webhook.test".into());
            let id = state.rng.id("evt_");
            let payload =
                value!({"id": id, "event": event, "timestamp": now.to_string(), "test": true});
            deliver(state, key, &webhook, &event, &id, &payload, now);
            Ok(WebhookDone {
                success: Some(true),
                message: Some("Test webhook sent".into()),
            })
        }),
        "get_webhook_logs" => super::delivery::logs(state, key, routed),
        _ => Err(Fail::next()),
    }
}

/// Sends the webhook of `event` on `record` to every subscription of the tenant that takes it
/// (`reason` for the events that carry one). Events without a webhook send nothing.
pub fn number_event(
    state: &mut State,
    key: &str,
    record: &OwnedPhoneNumber,
    event: NumberEvent,
    reason: Option<&str>,
    now: Timestamp,
) {
    let Some((name, _)) = WEBHOOK_EVENTS.iter().find(|(_, e)| *e == event) else {
        return;
    };
    let id = state.rng.id("evt_");
    let profile = super::numbers::profile_id(record);
    let mut payload = Map::new();
    payload.insert("id".into(), id.clone().into());
    payload.insert("event".into(), (*name).into());
    payload.insert("timestamp".into(), now.to_string().into());
    payload.insert(
        "number".into(),
        value!({"id": record.id, "phoneNumber": record.phone_number, "country": record.country, "profileId": profile}),
    );
    match event {
        NumberEvent::Declined | NumberEvent::Suspended | NumberEvent::Released => {
            payload.insert("reason".into(), reason.map_or(Value::Null, Value::from));
        }
        NumberEvent::ActionRequired => {
            payload.insert(
                "reason".into(),
                reason.unwrap_or("More information is needed").into(),
            );
            payload.insert("reviewedAt".into(), now.to_string().into());
        }
        NumberEvent::VerificationRequired => {
            let url = format!(
                "https://zernio.com/verify/{}",
                record.id.as_deref().unwrap_or_default()
            );
            payload.insert("verificationUrl".into(), url.into());
        }
        _ => {}
    }
    let payload = Value::Object(payload);
    let hooks: Vec<Webhook> = tenant(state, key)
        .webhooks
        .iter()
        .filter(|w| w.is_active != Some(false))
        .filter(|w| w.events.iter().any(|e| e == name || e == "*"))
        .filter(|w| w.account_ids.as_ref().is_none_or(Vec::is_empty))
        .filter(|w| takes_telephony(w))
        .cloned()
        .collect();
    for webhook in hooks {
        deliver(state, key, &webhook, name, &id, &payload, now);
    }
}

/// Number events belong to the `telephony` resource group: a subscription that disabled it
/// gets none (they are dropped before delivery, so they leave no log either).
fn takes_telephony(webhook: &Webhook) -> bool {
    !webhook
        .disabled_resource_groups
        .iter()
        .flatten()
        .any(|g| g == "telephony")
}

/// Sends `event` (payload `id`) to every active subscription of the tenant that takes it and
/// is not scoped to profiles or accounts (the `phone_number.*` rule).
pub fn broadcast(
    state: &mut State,
    key: &str,
    event: &str,
    id: &str,
    payload: &Value,
    now: Timestamp,
) {
    let hooks: Vec<Webhook> = tenant(state, key)
        .webhooks
        .iter()
        .filter(|w| w.is_active != Some(false))
        .filter(|w| w.events.iter().any(|e| e == event || e == "*"))
        .filter(|w| w.account_ids.as_ref().is_none_or(Vec::is_empty))
        .filter(|w| w.profile_ids.as_ref().is_none_or(Vec::is_empty))
        .filter(|w| takes_telephony(w))
        .cloned()
        .collect();
    for webhook in hooks {
        deliver(state, key, &webhook, event, id, payload, now);
    }
}

/// Queues the first attempt of `event` (payload `id`) to `webhook`, signed with its secret.
pub fn deliver(
    state: &mut State,
    key: &str,
    webhook: &Webhook,
    event: &str,
    id: &str,
    payload: &Value,
    now: Timestamp,
) {
    let body = serde_json::to_vec(payload).unwrap_or_default();
    let mut headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("x-zernio-event".to_owned(), event.to_owned()),
        ("x-zernio-event-id".to_owned(), id.to_owned()),
    ];
    if let Some(secret) = webhook.secret.as_deref().filter(|s| !s.is_empty()) {
        headers.push((
            "x-zernio-signature".to_owned(),
            crate::webhook::zernio_signature(secret.as_bytes(), &body),
        ));
    }
    for (name, value) in webhook.custom_headers.iter().flatten() {
        headers.push((name.clone(), value.clone()));
    }
    let delivery_id = state.ids.id("dlv_");
    state.deliver(Delivery {
        id: delivery_id,
        account: key.to_owned(),
        webhook_id: webhook.id.clone().unwrap_or_default(),
        url: webhook.url.clone().unwrap_or_default(),
        event: event.to_owned(),
        event_id: id.to_owned(),
        headers,
        body,
        attempt: 1,
        due_at: now,
    });
}
