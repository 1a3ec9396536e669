//! Retries, decided once: whether a failed attempt is sent again, and after how long. The
//! core decides; the host supplies the time, the randomness (jitter) and the waiting.
//!
//! A call is repeated only when the table says the operation is safe to repeat and the
//! request carries what makes it so (a purchase only with its `purchaseIntentId`; register,
//! deregister and the code requests never), after a transport failure, a 429 or a 5xx;
//! `Retry-After` / `X-RateLimit-Reset` are honoured, otherwise the wait doubles from
//! `base_delay_ms` with jitter. A wait longer than `max_delay_ms` is not taken: the error
//! goes to the caller.
//!
//! ```
//! use serde_json::json;
//! use wanumbers::api::HttpResponse;
//! use wanumbers::api::retry::{Attempt, Decision, RetryPolicy, decide};
//! use wanumbers::api::table;
//! let policy = RetryPolicy::default();
//! let now = "2026-03-01T12:00:00Z".parse().unwrap();
//! let busy = HttpResponse::new(503, "{}");
//! let d = decide(&policy, &table::LIST_COUNTRIES, &json!({}), 1, Attempt::Response(&busy), now, 0.5);
//! assert_eq!(d, Decision::Retry { after_ms: 187 });
//! let d = decide(&policy, &table::REGISTER, &json!({}), 1, Attempt::Response(&busy), now, 0.5);
//! assert_eq!(d, Decision::Stop);
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::http::HttpResponse;
use super::table::OperationSpec;
use crate::datetime::Timestamp;

/// How many times, and how long to wait. `Default`: 3 attempts in all, 250 ms doubling, at
/// most 30 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase", try_from = "PolicyArgs")]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 turns retries off).
    pub max_attempts: u32,
    /// The wait before the second attempt; it doubles for each one after.
    pub base_delay_ms: u64,
    /// The longest wait taken; a server asking for more gets its error to the caller.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 250,
            max_delay_ms: 30_000,
        }
    }
}

/// The most attempts a policy may ask for.
pub const MAX_ATTEMPTS: u32 = 10;
/// The longest first wait a policy may ask for, in milliseconds.
pub const MAX_BASE_DELAY_MS: u64 = 60_000;
/// The longest wait a policy may allow, in milliseconds (10 minutes).
pub const MAX_DELAY_MS: u64 = 600_000;

/// A policy as given: unknown keys refused, bounds checked.
#[derive(Deserialize, crate::Decode)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PolicyArgs {
    #[serde(default)]
    max_attempts: Option<u32>,
    #[serde(default)]
    base_delay_ms: Option<u64>,
    #[serde(default)]
    max_delay_ms: Option<u64>,
}

impl TryFrom<PolicyArgs> for RetryPolicy {
    type Error = crate::Error;

    fn try_from(args: PolicyArgs) -> crate::Result<Self> {
        let default = RetryPolicy::default();
        let policy = RetryPolicy {
            max_attempts: args.max_attempts.unwrap_or(default.max_attempts),
            base_delay_ms: args.base_delay_ms.unwrap_or(default.base_delay_ms),
            max_delay_ms: args.max_delay_ms.unwrap_or(default.max_delay_ms),
        };
        if !(1..=MAX_ATTEMPTS).contains(&policy.max_attempts) {
            return Err(super::invalid("maxAttempts", "from 1 to 10"));
        }
        if policy.base_delay_ms > MAX_BASE_DELAY_MS {
            return Err(super::invalid("baseDelayMs", "at most 60000"));
        }
        if policy.max_delay_ms > MAX_DELAY_MS {
            return Err(super::invalid("maxDelayMs", "at most 600000"));
        }
        Ok(policy)
    }
}

impl RetryPolicy {
    /// A policy given as JSON (`maxAttempts`, `baseDelayMs`, `maxDelayMs`); `null` is the
    /// default. The bindings check a client's policy with it when the client is made.
    ///
    /// # Errors
    /// `json_invalid` for an unknown key or a value out of bounds.
    pub fn from_json(value: Value) -> crate::Result<RetryPolicy> {
        if value.is_null() {
            Ok(RetryPolicy::default())
        } else {
            crate::error::from_value(value)
        }
    }

    /// No retries.
    pub const OFF: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        base_delay_ms: 0,
        max_delay_ms: 0,
    };
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Attempt<'a> {
    /// The transport could not deliver it (the request may or may not have been sent).
    TransportFailed,
    /// A response came back.
    Response(&'a HttpResponse),
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum Decision {
    /// Send the same request again after waiting this long.
    Retry {
        /// Milliseconds to wait.
        #[serde(rename = "afterMs")]
        after_ms: u64,
    },
    /// Give the outcome to the caller.
    Stop,
}

/// `err` with `details.retryable` false where the call may not be repeated as it was sent (a
/// purchase without its `purchaseIntentId`, a call without its `Idempotency-Key`): what a
/// status alone cannot say.
pub(crate) fn settle_retryable(
    err: crate::Error,
    spec: &OperationSpec,
    args: &Value,
) -> crate::Error {
    if err.is_retryable() && !spec.may_retry(args) {
        err.with("retryable", false)
    } else {
        err
    }
}

/// The decision after attempt number `attempt` (1 for the first) of `spec` with `args` ended
/// in `outcome`, at `now`; `jitter` is a random number in `[0, 1)` from the host.
pub fn decide(
    policy: &RetryPolicy,
    spec: &OperationSpec,
    args: &Value,
    attempt: u32,
    outcome: Attempt<'_>,
    now: Timestamp,
    jitter: f64,
) -> Decision {
    if attempt >= policy.max_attempts || !spec.may_retry(args) {
        return Decision::Stop;
    }
    let asked = match outcome {
        Attempt::TransportFailed => None,
        Attempt::Response(r) if r.status == 429 || (500..600).contains(&r.status) => {
            asked_wait_ms(r, now)
        }
        Attempt::Response(_) => return Decision::Stop,
    };
    let after_ms = asked.unwrap_or_else(|| backoff(policy, attempt, jitter));
    if after_ms > policy.max_delay_ms {
        return Decision::Stop;
    }
    Decision::Retry { after_ms }
}

/// The wait the server asked for: `Retry-After` seconds, or until `X-RateLimit-Reset` (unix
/// seconds). An HTTP date in `Retry-After` is not read (the backoff applies).
fn asked_wait_ms(response: &HttpResponse, now: Timestamp) -> Option<u64> {
    if let Some(seconds) = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Some(seconds.saturating_mul(1000));
    }
    let reset = response
        .header("x-ratelimit-reset")
        .and_then(|v| v.trim().parse::<i64>().ok())?;
    let seconds = reset.saturating_sub(now.unix_seconds()).max(0);
    Some(
        u64::try_from(seconds)
            .unwrap_or_default()
            .saturating_mul(1000),
    )
}

/// `base × 2^(attempt−1)`, capped at `max_delay_ms`, half of it fixed and half jittered.
fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> u64 {
    let doubling = 1u64
        .checked_shl(attempt.saturating_sub(1))
        .unwrap_or(u64::MAX);
    let full = policy
        .base_delay_ms
        .saturating_mul(doubling)
        .min(policy.max_delay_ms);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // `full` is at most max_delay_ms; the product is exact enough for milliseconds.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let jittered = ((full / 2) as f64 * jitter) as u64;
    full - full / 2 + jittered
}
