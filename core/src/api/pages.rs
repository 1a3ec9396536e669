//! Every page of an operation, with the rules in one place: which member holds the items and
//! where the next page starts (the table's [`Pages`]: Meta's `after` cursors, a cursor member,
//! Zernio's skip window), and at most how many pages are read (a runaway cursor cannot loop
//! forever). [`next_args`] is the one rule; [`Operation::next_page`](super::Operation) gives it
//! typed. The host sends each request; a binding only drives:
//!
//! ```
//! use serde_json::json;
//! use wanumbers::api::dispatch::Platform;
//! use wanumbers::api::pages::Pager;
//! let mut pager = Pager::new(Platform::Graph, "list_phone_numbers", json!({"wabaId": "1022"}), 10).unwrap();
//! let mut numbers = Vec::new();
//! while let Some(args) = pager.next_args() {
//!     assert_eq!(args["wabaId"], "1022");
//!     // ... send the request of `args`, parse the response into `page` ...
//!     let page = json!({"data": [{"id": "1065"}]}); // the last page: no `paging.next`
//!     numbers.extend(pager.feed(page).unwrap());
//! }
//! assert_eq!(numbers.len(), 1);
//! ```

use serde_json::Value;

use super::dispatch::Platform;
use super::table::{self, NextPage, OperationSpec, Pages};
use crate::error::Result;

/// The arguments of the page after `page` (the output of `spec` called with `args`, both as
/// JSON), or `None`: `page` was the last, the operation does not page, or the next page would
/// not move on (a cursor repeated, a window not advancing: a server cannot make a loop). A
/// malformed `page` has no next page.
pub fn next_args(spec: &OperationSpec, args: &Value, page: &Value) -> Option<Value> {
    let Pages { next: rule, .. } = spec.pages?;
    let mut next = args.as_object()?.clone();
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match rule {
        NextPage::After => {
            let paging = page.get("paging")?;
            paging.get("next").filter(|v| !v.is_null())?;
            let after = text(paging.get("cursors").and_then(|c| c.get("after")))?;
            if text(args.get("after")).as_ref() == Some(&after) {
                return None;
            }
            next.insert("after".into(), after.into());
            next.insert("before".into(), Value::Null);
        }
        NextPage::Cursor { member, arg } => {
            let cursor = text(page.get(member))?;
            // The cursor is a time going back: a next one at or after the current is a loop.
            if let Some(current) = text(args.get(arg))
                && !goes_back(&cursor, &current)
            {
                return None;
            }
            next.insert(arg.into(), cursor.into());
        }
        NextPage::Window {
            default_limit,
            max_skip,
        } => {
            let window = page.get("pagination")?;
            if window.get("hasMore") != Some(&Value::Bool(true)) {
                return None;
            }
            let number = |member: &str| {
                window
                    .get(member)
                    .and_then(Value::as_u64)
                    .or_else(|| args.get(member).and_then(Value::as_u64))
            };
            let skip = number("skip").unwrap_or_default();
            let limit = number("limit").unwrap_or(default_limit);
            let asked = args.get("skip").and_then(Value::as_u64).unwrap_or_default();
            let start = skip
                .checked_add(limit)
                .filter(|n| *n > skip && *n > asked && *n <= max_skip)?;
            next.insert("skip".into(), start.into());
        }
    }
    Some(Value::Object(next))
}

/// Whether the cursor `next` is earlier than `current` (RFC 3339 times; other text only has to
/// differ).
fn goes_back(next: &str, current: &str) -> bool {
    match (
        crate::Timestamp::parse(next),
        crate::Timestamp::parse(current),
    ) {
        // Within one second the fractions decide (same shape, so the text orders them).
        (Ok(n), Ok(c)) if n.unix_seconds() == c.unix_seconds() => next < current,
        (Ok(n), Ok(c)) => n.unix_seconds() < c.unix_seconds(),
        _ => next != current,
    }
}

/// Follows the pages of one call.
#[derive(Debug, Clone)]
pub struct Pager {
    platform: Platform,
    operation: &'static str,
    items: Option<&'static str>,
    next: Option<Value>,
    pages_left: usize,
}

impl Pager {
    /// Starts at `args` and reads at most `max_pages` pages (an operation that does not page
    /// has one).
    ///
    /// # Errors
    /// `operation_unknown`, `argument_unknown` or `input_too_deep` for the arguments.
    pub fn new(
        platform: Platform,
        operation: &str,
        args: Value,
        max_pages: usize,
    ) -> Result<Pager> {
        let spec = table::find(platform, operation)?;
        let args = platform.args_from(operation, args, super::dispatch::Spelling::Own)?;
        Ok(Pager {
            platform,
            operation: spec.name,
            items: spec.pages.map(|p| p.items),
            next: Some(args),
            pages_left: max_pages,
        })
    }

    /// The arguments of the next request, or `None` when every page (or `max_pages`) was read.
    pub fn next_args(&self) -> Option<&Value> {
        self.next.as_ref().filter(|_| self.pages_left > 0)
    }

    /// Reads one parsed page (the result of the request of [`Pager::next_args`]): its items,
    /// and where the next page starts. The whole result is the one item of an operation that
    /// does not page.
    ///
    /// # Errors
    /// `input_too_deep` for a page nested past the limit.
    pub fn feed(&mut self, page: Value) -> Result<Vec<Value>> {
        let Some(args) = self.next.take() else {
            return Ok(Vec::new());
        };
        self.pages_left = self.pages_left.saturating_sub(1);
        let Some(member) = self.items else {
            return Ok(vec![page]);
        };
        let items = match page.get(member) {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        self.next = self.platform.next_page(self.operation, args, page)?;
        Ok(items)
    }
}
