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
use crate::macros::value;
use crate::pricing::StatusChange;

/// How a regulator's review of a number ends (chosen at submission by the magic values, or
/// forced through the controls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
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
    /// Calling, voice, SMS and caller ID on the number.
    #[serde(default)]
    pub features: Features,
}

/// What a live number has switched on ([`super::calling`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
pub struct Features {
    /// WhatsApp calling, when enabled.
    pub calling: Option<crate::api::zernio::WhatsappCalling>,
    /// PSTN voice, when enabled.
    pub voice: Option<crate::api::zernio::VoiceSettings>,
    /// SMS enabled.
    pub sms: bool,
    /// The A2P 10DLC registration reused (US and CA numbers need one for SMS).
    pub sms_registration: Option<String>,
    /// A caller-ID code was sent (by `sms` or `call`) and not yet verified.
    pub caller_id: Option<String>,
    /// The caller ID is verified.
    pub caller_id_verified: bool,
}

/// One account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
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
    /// The Graph app's webhook subscription (`graph_webhook` control).
    #[serde(default)]
    pub graph_webhook: Option<super::graph_hooks::GraphWebhook>,
    /// Meta pre-verified numbers of the account's businesses.
    #[serde(default)]
    pub preverified: Vec<super::preverified::Preverified>,
    /// Stock watches (`phone_number.stock_available` when stock returns).
    #[serde(default)]
    pub watches: Vec<crate::api::zernio::StockWatch>,
    /// Calls placed, with the WhatsApp account they were placed from, oldest first.
    #[serde(default)]
    pub calls: Vec<(String, crate::api::zernio::Call)>,
    /// `"{accountId} {digest of the callee}"` → when the permission to call ends (Unix
    /// seconds).
    #[serde(default)]
    pub call_permissions: BTreeMap<String, i64>,
    /// Webhook delivery attempts whose outcome the host reported, oldest first (at most
    /// [`MAX_LOGS`]; `GET /v1/webhooks/logs` shows them most recent first).
    #[serde(default)]
    pub logs: Vec<crate::api::zernio::WebhookLog>,
    /// Per webhook id: how its deliveries have gone lately (the auto-disable rule).
    #[serde(default)]
    pub hook_health: BTreeMap<String, HookHealth>,
    /// Calls placed with an `Idempotency-Key`, oldest first: (digest of the key, digest of the
    /// request, the answer), for replays.
    #[serde(default)]
    pub call_replays: Vec<(String, String, serde_json::Value)>,
}

/// How a subscription's deliveries have gone: what Zernio's auto-disable rule reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase")]
pub struct HookHealth {
    /// The last successful attempt.
    #[serde(default)]
    pub last_success: Option<Timestamp>,
    /// The first failed attempt since then.
    #[serde(default)]
    pub failing_since: Option<Timestamp>,
    /// Events dead-lettered since then (seven failed attempts each).
    #[serde(default)]
    pub dead_letters: u32,
}

/// A failure the next calls of an operation answer with (`POST /_sandbox/faults`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// The operation (`purchase`, `register`, ...).
    pub operation: String,
    /// The HTTP status (none: the call is answered as usual, after `latencyMs` or dropped).
    #[serde(default)]
    pub status: Option<u16>,
    /// The upstream code: Zernio's text code (`CARRIER_UNAVAILABLE`) or Graph's number.
    #[serde(default)]
    pub code: Option<serde_json::Value>,
    /// A body that is not JSON at all, instead of the error.
    #[serde(default)]
    pub malformed: bool,
    /// How many calls it answers (then it is gone).
    #[serde(default = "one")]
    pub times: u32,
    /// Milliseconds the host waits before answering (at most a minute).
    #[serde(default)]
    pub latency_ms: u32,
    /// The host drops the connection instead of answering.
    #[serde(default)]
    pub drop: bool,
}

fn one() -> u32 {
    1
}

/// A webhook delivery attempt for the host to send (or to read in-process).
#[derive(Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
pub struct Delivery {
    /// This attempt (`dlv_…`): what the host reports the outcome of.
    #[serde(default)]
    pub id: String,
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

impl Delivery {
    /// The delivery as the control API (`GET /_sandbox/deliveries`) and the JS binding show
    /// it, but for its body, which each writes in its own form (text there, bytes in JS):
    /// `id`, `webhookId`, `url`, `event`, `eventId`, `headers` (`[name, value]` pairs),
    /// `attempt` and `dueAt`.
    pub fn head(&self) -> serde_json::Value {
        value!({
            "id": self.id,
            "webhookId": self.webhook_id,
            "url": self.url,
            "event": self.event,
            "eventId": self.event_id,
            "headers": self.headers,
            "attempt": self.attempt,
            "dueAt": self.due_at.to_string(),
        })
    }
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("id", &self.id)
            .field("webhook_id", &self.webhook_id)
            .field("event", &self.event)
            .field("event_id", &self.event_id)
            .field("attempt", &self.attempt)
            .field("due_at", &self.due_at)
            .finish_non_exhaustive()
    }
}

/// The whole sandbox.
#[derive(Debug, Clone, Serialize, Deserialize, crate::Decode)]
pub struct State {
    /// The seed it started from (a reset starts there again).
    #[serde(with = "super::rng::u64_text")]
    pub seed: u64,
    /// Where the random sequence is.
    pub rng: Rng,
    /// A second sequence for request and delivery-attempt ids only: how many controls a host
    /// sends, or when a server's sender reports an attempt, never shifts the numbers and ids
    /// the API answers with.
    #[serde(default = "ids_of_old_snapshots")]
    pub ids: Rng,
    /// Deliveries queued since the start (where a request's own deliveries begin, however
    /// many of the oldest the bounded outbox dropped).
    #[serde(default)]
    pub queued: u64,
    /// Seconds added to the host's `now` (the test clock).
    pub offset_seconds: i64,
    /// The latest sandbox time seen (the clock never goes back).
    pub latest: Option<Timestamp>,
    /// Accounts by API key.
    pub tenants: BTreeMap<String, Tenant>,
    /// Delivery attempts due and not yet taken by the host.
    pub outbox: Vec<Delivery>,
    /// Attempts taken whose outcome the host has not reported yet.
    #[serde(default)]
    pub inflight: Vec<Delivery>,
    /// Retries due later on the sandbox clock.
    #[serde(default)]
    pub retries: Vec<Delivery>,
    /// The latest requests, oldest first (at most [`MAX_JOURNAL`]).
    #[serde(default)]
    pub journal: std::collections::VecDeque<JournalEntry>,
    /// Requests per minute a tenant may make.
    pub rate_limit: u32,
    /// A planted latency for the request being answered (never kept).
    #[serde(skip)]
    pub latency_ms: u32,
    /// A planted dropped connection for the request being answered (never kept).
    #[serde(skip)]
    pub dropped: bool,
    /// When set (the `keys` control), the only keys that are accounts (by digest); any other
    /// key is the API's 401, as an invalid key upstream is. Unset: any key is an account.
    #[serde(default)]
    pub keys: Option<std::collections::BTreeSet<String>>,
    /// No review (KYC or display name) ends before this time (Unix seconds), so the clock's
    /// tick need not look; `None`: not known (a restored state), look. Kept by
    /// [`State::schedule`] wherever a review is set, and by the tick.
    #[serde(skip)]
    pub next_review: Option<i64>,
}

impl State {
    /// A fresh sandbox.
    pub fn new(seed: u64) -> State {
        State {
            seed,
            rng: Rng::new(seed),
            ids: Rng::new(seed ^ IDS_STREAM),
            queued: 0,
            offset_seconds: 0,
            latest: None,
            tenants: BTreeMap::new(),
            outbox: Vec::new(),
            inflight: Vec::new(),
            retries: Vec::new(),
            journal: std::collections::VecDeque::new(),
            rate_limit: DEFAULT_RATE_LIMIT,
            keys: None,
            latency_ms: 0,
            dropped: false,
            next_review: Some(i64::MAX),
        }
    }
}

/// What the id sequence's seed differs from the main one's by.
const IDS_STREAM: u64 = 0x6A09_E667_F3BC_C908;

fn ids_of_old_snapshots() -> Rng {
    Rng::new(IDS_STREAM)
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
/// See [`MAX_ACCOUNTS`] (delivery logs per account).
pub const MAX_LOGS: usize = 1_000;
/// See [`MAX_ACCOUNTS`] (requests remembered).
pub const MAX_JOURNAL: usize = 1_000;

/// One request as the journal remembers it: never a body, a header or a query (they carry
/// keys and personal data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    /// Sandbox time.
    pub at: Timestamp,
    /// The account's digest (as the state files it), if the request had a key.
    pub account: Option<String>,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The URL's path.
    pub path: String,
    /// The operation of the table it was routed to (`None`: a control, or no operation).
    pub operation: Option<String>,
    /// The status answered.
    pub status: u16,
    /// `x-request-id`.
    pub request_id: String,
}

impl State {
    /// Queues a delivery, dropping the oldest past [`MAX_OUTBOX`].
    pub fn deliver(&mut self, delivery: Delivery) {
        self.queued = self.queued.saturating_add(1);
        self.outbox.push(delivery);
        bound(&mut self.outbox, MAX_OUTBOX);
    }
}

impl State {
    /// Whether the account filed under `key` (a digest) may call the APIs.
    pub fn accepts(&self, key: &str) -> bool {
        self.keys.as_ref().is_none_or(|keys| keys.contains(key))
    }
}

/// Drops the oldest items of `list` past `max`.
pub fn bound<T>(list: &mut Vec<T>, max: usize) {
    if let Some(excess) = list.len().checked_sub(max).filter(|e| *e > 0) {
        list.drain(..excess);
    }
}

impl State {
    /// A review now ends at `at`: the tick must look by then.
    pub fn schedule(&mut self, at: Timestamp) {
        if let Some(next) = self.next_review {
            self.next_review = Some(next.min(at.unix_seconds()));
        }
    }

    /// The earliest time a pending review ends (`i64::MAX`: none pending).
    pub fn earliest_review(&self) -> i64 {
        let numbers = self.tenants.values().flat_map(|t| t.numbers.iter());
        let names = self.tenants.values().flat_map(|t| t.graph.iter());
        numbers
            .filter_map(|n| n.review.as_ref().map(|(at, _)| at.unix_seconds()))
            .chain(names.filter_map(|n| n.pending_name.as_ref().map(|(_, at)| at.unix_seconds())))
            .min()
            .unwrap_or(i64::MAX)
    }

    /// Files `request` in the journal (never its body, headers or query).
    pub fn remember(
        &mut self,
        request: &crate::api::HttpRequest,
        response: &crate::api::HttpResponse,
        operation: Option<&str>,
        now: Timestamp,
    ) {
        let (path, _) = crate::api::wire::url_parts(&request.url);
        self.journal.push_back(JournalEntry {
            at: now,
            account: super::tenant_key(request),
            method: request.method.as_str().to_owned(),
            path: path.chars().take(500).collect(),
            operation: operation.map(str::to_owned),
            status: response.status,
            request_id: response
                .header("x-request-id")
                .unwrap_or_default()
                .to_owned(),
        });
        while self.journal.len() > MAX_JOURNAL {
            self.journal.pop_front();
        }
    }
}

impl State {
    /// A snapshot's state within the bounds the sandbox keeps itself to (a hand-edited or
    /// foreign snapshot could hold anything); what is over, if anything.
    pub fn over_bounds(&self) -> Option<&'static str> {
        if self.tenants.len() > MAX_ACCOUNTS {
            return Some("more than 1000 accounts");
        }
        for tenant in self.tenants.values() {
            if tenant.numbers.len() > MAX_NUMBERS || tenant.graph.len() > MAX_NUMBERS {
                return Some("an account with more than 1000 numbers");
            }
            if tenant.documents.len() > MAX_DOCUMENTS || tenant.faults.len() > MAX_FAULTS {
                return Some("an account with more than 1000 documents or 100 planted failures");
            }
            if tenant.logs.len() > MAX_LOGS
                || tenant.calls.len() > MAX_LOGS
                || tenant.call_permissions.len() > MAX_LOGS
                || tenant.call_replays.len() > MAX_LOGS
            {
                return Some("an account with more than 1000 delivery logs, calls or permissions");
            }
            if tenant.preverified.len() > MAX_NUMBERS
                || tenant.watches.len() > MAX_FAULTS
                || tenant.webhooks.len() > MAX_FAULTS
                || tenant.hook_health.len() > MAX_FAULTS
            {
                return Some(
                    "an account with more than 1000 pre-verified numbers or 100 watches or webhooks",
                );
            }
        }
        let queued = [&self.outbox, &self.inflight, &self.retries];
        if queued.iter().any(|q| q.len() > MAX_OUTBOX) || self.journal.len() > MAX_JOURNAL {
            return Some("more deliveries or journal entries than the sandbox keeps");
        }
        None
    }
}
