//! What the sandbox remembers: one [`Tenant`] per API key (a second key is a second, isolated
//! account), each number with its status history, the purchase intents, the webhook
//! subscriptions and what was delivered, and the clock's offset. All of it is plain data
//! (serde), so a snapshot is the state written as JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rng::Rng;
use crate::api::models::OwnedPhoneNumber;
use crate::api::zernio::Webhook;
use crate::datetime::Timestamp;
use crate::kyc::KycSubmission;
use crate::pricing::StatusChange;

/// How a regulator's review of a number ends (chosen at submission by the magic values, or
/// forced through the controls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Review {
    /// Approved: the number goes live.
    Approve,
    /// Declined with this reason.
    Decline {
        /// `regulatoryDeclineReason`.
        reason: String,
    },
    /// More information is asked for, then the review goes on (and approves).
    ActionRequired {
        /// What the regulator says.
        reason: String,
    },
    /// An out-of-band identity check, then the review goes on (and approves).
    VerificationRequired,
}

/// A number the sandbox sold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The record as the list shows it (`_id`, status, times, …).
    pub record: OwnedPhoneNumber,
    /// Every status it took, for billing.
    pub history: Vec<StatusChange>,
    /// When the current review ends, and how.
    pub review: Option<(Timestamp, Review)>,
    /// When it was declined (shown in the `pending_regulatory` view for 30 days).
    pub declined_at: Option<Timestamp>,
    /// The KYC it was bought with.
    pub submission: Option<KycSubmission>,
    /// The requirements the regulator declined (what remediation asks for again).
    pub declined_requirements: Vec<String>,
}

/// One account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    /// Its numbers, in purchase order.
    pub numbers: Vec<Number>,
    /// `purchaseIntentId` → the number it bought.
    pub intents: BTreeMap<String, String>,
    /// `submissionId` → the numbers it created.
    pub submissions: BTreeMap<String, Vec<String>>,
    /// The last purchase (the 10-minute velocity rule).
    pub last_purchase: Option<Timestamp>,
    /// Webhook subscriptions.
    pub webhooks: Vec<Webhook>,
    /// Documents uploaded: id → size in bytes (the names may be personal data: not kept).
    pub documents: BTreeMap<String, u64>,
    /// Requests counted in the current rate-limit window (start, count).
    pub window: (i64, u32),
    /// Graph phone-number nodes (the same key or token is the same account).
    pub graph: Vec<super::graph::Node>,
    /// Failures to answer instead of the next calls of an operation.
    pub faults: Vec<Fault>,
}

/// A failure the next calls of an operation answer with (`POST /_sandbox/faults`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The operation (`purchase`, `register`, ...).
    pub operation: String,
    /// The HTTP status.
    pub status: u16,
    /// The upstream code: Zernio's text code (`CARRIER_UNAVAILABLE`) or Graph's number.
    #[serde(default)]
    pub code: Option<serde_json::Value>,
    /// A body that is not JSON at all, instead of the error.
    #[serde(default)]
    pub malformed: bool,
    /// How many calls it answers (then it is gone).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

/// A webhook delivery for the host to send (or to read in-process).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    /// The account it belongs to (the digest the account is filed under).
    pub account: String,
    /// The subscription.
    pub webhook_id: String,
    /// Where to POST it.
    pub url: String,
    /// The event name (`whatsapp.number.activated`).
    pub event: String,
    /// The payload's `id`, stable across retries.
    pub event_id: String,
    /// The headers, signature included.
    pub headers: Vec<(String, String)>,
    /// The exact body the signature covers.
    pub body: Vec<u8>,
    /// The attempt, from 1.
    pub attempt: u32,
    /// When it is due (sandbox time).
    pub due_at: Timestamp,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("webhook_id", &self.webhook_id)
            .field("event", &self.event)
            .field("event_id", &self.event_id)
            .field("attempt", &self.attempt)
            .field("due_at", &self.due_at)
            .finish_non_exhaustive()
    }
}

/// The whole sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// The seed it started from (a reset starts there again).
    pub seed: u64,
    /// Where the random sequence is.
    pub rng: Rng,
    /// Seconds added to the host's `now` (the test clock).
    pub offset_seconds: i64,
    /// The latest sandbox time seen (the clock never goes back).
    pub latest: Option<Timestamp>,
    /// Accounts by API key.
    pub tenants: BTreeMap<String, Tenant>,
    /// Deliveries produced and not yet taken by the host.
    pub outbox: Vec<Delivery>,
    /// Requests per minute a tenant may make.
    pub rate_limit: u32,
}

impl State {
    /// A fresh sandbox.
    pub fn new(seed: u64) -> State {
        State {
            seed,
            rng: Rng::new(seed),
            offset_seconds: 0,
            latest: None,
            tenants: BTreeMap::new(),
            outbox: Vec::new(),
            rate_limit: DEFAULT_RATE_LIMIT,
        }
    }
}

/// Requests per minute per tenant unless the controls say otherwise.
pub const DEFAULT_RATE_LIMIT: u32 = 6_000;

/// Bounds on what requests can make the sandbox hold (it may face any client over HTTP):
/// accounts, numbers and Graph nodes per account, uploaded documents per account, and
/// deliveries waiting to be taken (the oldest go first).
pub const MAX_ACCOUNTS: usize = 1_000;
/// See [`MAX_ACCOUNTS`].
pub const MAX_NUMBERS: usize = 1_000;
/// See [`MAX_ACCOUNTS`].
pub const MAX_DOCUMENTS: usize = 1_000;
/// See [`MAX_ACCOUNTS`].
pub const MAX_OUTBOX: usize = 10_000;
/// See [`MAX_ACCOUNTS`].
pub const MAX_FAULTS: usize = 100;

impl State {
    /// Queues a delivery, dropping the oldest past [`MAX_OUTBOX`].
    pub fn deliver(&mut self, delivery: Delivery) {
        self.outbox.push(delivery);
        if let Some(excess) = self.outbox.len().checked_sub(MAX_OUTBOX).filter(|e| *e > 0) {
            self.outbox.drain(..excess);
        }
    }
}
