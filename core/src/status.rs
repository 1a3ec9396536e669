//! The number lifecycle as a table: the nine statuses of `GET /v1/phone-numbers`, the events
//! that move a number between them, what a number can do in each status, which webhooks are
//! which events, and which statuses each list view shows.
//!
//! ```
//! use wanumbers::status::{next, allowed_actions, NumberEvent, NumberStatus};
//! let s = next(&NumberStatus::PendingRegulatory, NumberEvent::Declined).unwrap();
//! assert_eq!(s, NumberStatus::RegulatoryDeclined);
//! assert!(allowed_actions(&s).can_remediate);
//! let err = next(&NumberStatus::Released, NumberEvent::Activated).unwrap_err();
//! assert_eq!(err.code().as_str(), "status_invalid_transition");
//! ```

use serde::{Deserialize, Serialize};

use crate::datetime::Timestamp;
use crate::error::{Error, ErrorCode, Result};
use crate::macros::open_enum;

open_enum! {
    /// A number's status (reference §6). Statuses this version does not know parse as
    /// `Unknown` and allow no transition.
    pub enum NumberStatus {
        /// Waiting for the first payment (Stripe checkout).
        PendingPayment => "pending_payment",
        /// KYC submitted; the regulator is reviewing.
        PendingRegulatory => "pending_regulatory",
        /// The regulator declined; fix the flagged requirements and remediate.
        RegulatoryDeclined => "regulatory_declined",
        /// Being ordered from the carrier.
        Provisioning => "provisioning",
        /// Provisioned; WhatsApp is confirming the activation code. Not billed.
        Verifying => "verifying",
        /// Live and billed.
        Active => "active",
        /// Suspended (e.g. payment failed). Not billed.
        Suspended => "suspended",
        /// Release requested, in progress.
        Releasing => "releasing",
        /// Released. Terminal.
        Released => "released",
    }
}

impl NumberStatus {
    /// Parses a status strictly (for input a user typed, e.g. a CLI filter).
    ///
    /// # Errors
    /// `status_unknown` for anything but the nine statuses.
    pub fn parse(text: &str) -> Result<NumberStatus> {
        match NumberStatus::from(text) {
            NumberStatus::Unknown(_) => Err(Error::new(
                ErrorCode::StatusUnknown,
                format!(
                    "unknown status; use one of: {}",
                    names(NumberStatus::KNOWN.iter().map(NumberStatus::as_str))
                ),
            )),
            known => Ok(known),
        }
    }
}

/// Something that happens to a number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, crate::Decode,
)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum NumberEvent {
    /// The first payment went through.
    PaymentCompleted,
    /// The KYC form was submitted (directly or through a hosted link).
    KycSubmitted,
    /// The regulator approved the KYC; the number is ordered.
    Approved,
    /// The regulator declined the KYC.
    Declined,
    /// The regulator asked for more information; review continues.
    ActionRequired,
    /// The end user must complete an out-of-band ID check; review continues.
    VerificationRequired,
    /// Corrected KYC was re-submitted for a declined number.
    RemediationSubmitted,
    /// A WhatsApp verification code was requested.
    CodeRequested,
    /// WhatsApp verified the number; it is live.
    Activated,
    /// The number was suspended (e.g. a failed payment).
    Suspended,
    /// A suspended number is usable again.
    Reactivated,
    /// Release was requested.
    ReleaseRequested,
    /// The number was released.
    Released,
}

impl NumberEvent {
    /// Every event, in lifecycle order.
    pub const ALL: &'static [NumberEvent] = &[
        NumberEvent::PaymentCompleted,
        NumberEvent::KycSubmitted,
        NumberEvent::Approved,
        NumberEvent::Declined,
        NumberEvent::ActionRequired,
        NumberEvent::VerificationRequired,
        NumberEvent::RemediationSubmitted,
        NumberEvent::CodeRequested,
        NumberEvent::Activated,
        NumberEvent::Suspended,
        NumberEvent::Reactivated,
        NumberEvent::ReleaseRequested,
        NumberEvent::Released,
    ];

    /// The snake_case name, e.g. `"payment_completed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NumberEvent::PaymentCompleted => "payment_completed",
            NumberEvent::KycSubmitted => "kyc_submitted",
            NumberEvent::Approved => "approved",
            NumberEvent::Declined => "declined",
            NumberEvent::ActionRequired => "action_required",
            NumberEvent::VerificationRequired => "verification_required",
            NumberEvent::RemediationSubmitted => "remediation_submitted",
            NumberEvent::CodeRequested => "code_requested",
            NumberEvent::Activated => "activated",
            NumberEvent::Suspended => "suspended",
            NumberEvent::Reactivated => "reactivated",
            NumberEvent::ReleaseRequested => "release_requested",
            NumberEvent::Released => "released",
        }
    }

    /// Parses an event name.
    ///
    /// # Errors
    /// `status_unknown_event` for anything but the names in [`NumberEvent::ALL`].
    pub fn parse(text: &str) -> Result<NumberEvent> {
        NumberEvent::ALL
            .iter()
            .copied()
            .find(|e| e.as_str() == text)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::StatusUnknownEvent,
                    format!(
                        "unknown event; use one of: {}",
                        names(NumberEvent::ALL.iter().map(|e| e.as_str()))
                    ),
                )
            })
    }

    /// The event a `whatsapp.number.*` webhook reports, or `None` for other event names.
    ///
    /// ```
    /// use wanumbers::status::NumberEvent;
    /// assert_eq!(NumberEvent::from_webhook("whatsapp.number.declined"), Some(NumberEvent::Declined));
    /// assert_eq!(NumberEvent::from_webhook("message.received"), None);
    /// ```
    pub fn from_webhook(event_name: &str) -> Option<NumberEvent> {
        WEBHOOK_EVENTS
            .iter()
            .find(|(name, _)| *name == event_name)
            .map(|(_, e)| *e)
    }
}

/// Each `whatsapp.number.*` webhook event name (reference §7.2) and the event it reports.
pub const WEBHOOK_EVENTS: &[(&str, NumberEvent)] = &[
    ("whatsapp.number.activated", NumberEvent::Activated),
    ("whatsapp.number.declined", NumberEvent::Declined),
    (
        "whatsapp.number.action_required",
        NumberEvent::ActionRequired,
    ),
    (
        "whatsapp.number.verification_required",
        NumberEvent::VerificationRequired,
    ),
    ("whatsapp.number.suspended", NumberEvent::Suspended),
    ("whatsapp.number.reactivated", NumberEvent::Reactivated),
    ("whatsapp.number.released", NumberEvent::Released),
    ("whatsapp.number.kyc_submitted", NumberEvent::KycSubmitted),
];

use NumberEvent as E;
use NumberStatus as S;

/// The lifecycle: (from, event, to). Any pair not listed is an invalid transition.
/// Self-loops are real events that leave the status unchanged (a review that asks for more
/// information, a code re-requested while verifying). Duplicate webhook deliveries are not
/// modelled here: deduplicate them by event id.
const TRANSITIONS: &[(S, E, S)] = &[
    (S::PendingPayment, E::PaymentCompleted, S::Provisioning),
    (S::PendingPayment, E::KycSubmitted, S::PendingRegulatory),
    (S::PendingPayment, E::ReleaseRequested, S::Releasing),
    (S::PendingPayment, E::Released, S::Released),
    (S::Provisioning, E::KycSubmitted, S::PendingRegulatory),
    (S::Provisioning, E::CodeRequested, S::Verifying),
    (S::Provisioning, E::Activated, S::Active),
    (S::Provisioning, E::ReleaseRequested, S::Releasing),
    (S::Provisioning, E::Released, S::Released),
    (S::PendingRegulatory, E::KycSubmitted, S::PendingRegulatory),
    (S::PendingRegulatory, E::Approved, S::Provisioning),
    (S::PendingRegulatory, E::Declined, S::RegulatoryDeclined),
    (
        S::PendingRegulatory,
        E::ActionRequired,
        S::PendingRegulatory,
    ),
    (
        S::PendingRegulatory,
        E::VerificationRequired,
        S::PendingRegulatory,
    ),
    (S::PendingRegulatory, E::Activated, S::Active),
    (S::PendingRegulatory, E::ReleaseRequested, S::Releasing),
    (S::PendingRegulatory, E::Released, S::Released),
    (
        S::RegulatoryDeclined,
        E::RemediationSubmitted,
        S::PendingRegulatory,
    ),
    (S::RegulatoryDeclined, E::ReleaseRequested, S::Releasing),
    (S::RegulatoryDeclined, E::Released, S::Released),
    (S::Verifying, E::CodeRequested, S::Verifying),
    (S::Verifying, E::Activated, S::Active),
    (S::Verifying, E::ReleaseRequested, S::Releasing),
    (S::Verifying, E::Released, S::Released),
    (S::Active, E::CodeRequested, S::Active),
    (S::Active, E::Suspended, S::Suspended),
    (S::Active, E::ReleaseRequested, S::Releasing),
    (S::Active, E::Released, S::Released),
    (S::Suspended, E::CodeRequested, S::Suspended),
    (S::Suspended, E::Reactivated, S::Active),
    (S::Suspended, E::ReleaseRequested, S::Releasing),
    (S::Suspended, E::Released, S::Released),
    (S::Releasing, E::Released, S::Released),
];

/// The status after `event`, or `status_invalid_transition` naming both (details `from`,
/// `event` and the `allowed` events).
///
/// # Errors
/// `status_invalid_transition` when the lifecycle has no such transition.
pub fn next(status: &NumberStatus, event: NumberEvent) -> Result<NumberStatus> {
    TRANSITIONS
        .iter()
        .find(|(from, e, _)| from == status && *e == event)
        .map(|(_, _, to)| to.clone())
        .ok_or_else(|| {
            let allowed = allowed_events(status);
            // An unknown status is whatever text the caller passed (it may be anything, a
            // name included): it is not quoted.
            let from = if status.is_known() {
                status.as_str()
            } else {
                "<unknown status>"
            };
            Error::new(
                ErrorCode::StatusInvalidTransition,
                format!(
                    "a number in status {from} cannot take event {}; allowed: {}",
                    event.as_str(),
                    if allowed.is_empty() {
                        "none".to_owned()
                    } else {
                        names(allowed.iter().map(|e| e.as_str()))
                    }
                ),
            )
            .with("from", from)
            .with("event", event.as_str())
            .with(
                "allowed",
                allowed.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            )
        })
}

/// The events a number in `status` can take, in lifecycle order.
pub fn allowed_events(status: &NumberStatus) -> Vec<NumberEvent> {
    NumberEvent::ALL
        .iter()
        .copied()
        .filter(|e| {
            TRANSITIONS
                .iter()
                .any(|(from, ev, _)| from == status && ev == e)
        })
        .collect()
}

/// What a number in a given status can do. Derived from the transition table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // a flat record of independent flags, for UIs
pub struct AllowedActions {
    /// Release can be requested.
    pub can_release: bool,
    /// Corrected KYC can be re-submitted.
    pub can_remediate: bool,
    /// A WhatsApp verification code can be requested.
    pub can_request_code: bool,
    /// The number is billed for days in this status.
    pub is_billable: bool,
    /// No event can change the status any more.
    pub is_terminal: bool,
    /// Every event the number can take.
    pub events: Vec<NumberEvent>,
}

/// What a number in `status` can do.
pub fn allowed_actions(status: &NumberStatus) -> AllowedActions {
    let events = allowed_events(status);
    AllowedActions {
        can_release: events.contains(&E::ReleaseRequested),
        can_remediate: events.contains(&E::RemediationSubmitted),
        can_request_code: events.contains(&E::CodeRequested),
        is_billable: is_billable(status),
        is_terminal: status.is_known() && events.is_empty(),
        events,
    }
}

/// Whether days in `status` are billed: only `active` (a `verifying` or `suspended` number is
/// not billed).
pub fn is_billable(status: &NumberStatus) -> bool {
    *status == S::Active
}

/// How long a declined number stays in the `pending_regulatory` list view.
pub const DECLINED_VISIBLE_SECONDS: i64 = 30 * 24 * 60 * 60;

/// Whether `GET /v1/phone-numbers?status=<view>` shows a number (`view = None` is the default
/// list). The default list hides `released`; the `pending_regulatory` view also shows numbers
/// declined within the last 30 days (`declined_at`, compared with `now`).
///
/// ```
/// use wanumbers::status::{in_list_view, NumberStatus as S};
/// let now = "2026-03-31T00:00:00Z".parse().unwrap();
/// let declined = Some("2026-03-10T00:00:00Z".parse().unwrap());
/// assert!(in_list_view(Some(&S::PendingRegulatory), &S::RegulatoryDeclined, declined, now));
/// assert!(!in_list_view(None, &S::Released, None, now));
/// ```
pub fn in_list_view(
    view: Option<&NumberStatus>,
    status: &NumberStatus,
    declined_at: Option<Timestamp>,
    now: Timestamp,
) -> bool {
    match view {
        None => *status != S::Released,
        Some(S::PendingRegulatory) => {
            *status == S::PendingRegulatory
                || (*status == S::RegulatoryDeclined
                    && declined_at
                        .is_some_and(|at| at.seconds_until(now) <= DECLINED_VISIBLE_SECONDS))
        }
        Some(view) => status == view,
    }
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_no_duplicate_pairs_and_only_known_statuses() {
        for (i, (from, event, to)) in TRANSITIONS.iter().enumerate() {
            assert!(from.is_known() && to.is_known());
            assert!(
                !TRANSITIONS[..i]
                    .iter()
                    .any(|(f, e, _)| f == from && e == event),
                "{from} {event:?}"
            );
        }
    }

    #[test]
    fn every_status_but_released_can_be_released() {
        for s in NumberStatus::KNOWN {
            let a = allowed_actions(s);
            assert_eq!(a.is_terminal, *s == S::Released, "{s}");
            assert_eq!(next(s, E::Released).is_ok(), *s != S::Released, "{s}");
        }
        let unknown = NumberStatus::from("frozen");
        assert!(allowed_events(&unknown).is_empty());
        assert!(!allowed_actions(&unknown).is_terminal);
    }

    #[test]
    fn every_number_webhook_maps_to_an_event() {
        assert_eq!(WEBHOOK_EVENTS.len(), 8);
        for (name, event) in WEBHOOK_EVENTS {
            assert_eq!(NumberEvent::from_webhook(name), Some(*event));
        }
    }
}
