//! Every page of an operation, with the rules in one place: which member holds the items
//! (the table's `pages`), where the next page starts (`next_page`), and at most how many
//! pages are read (a runaway cursor cannot loop forever). The host sends each request; a
//! binding only drives:
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
use super::table;
use crate::error::Result;

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
            items: spec.pages,
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
    /// `json_invalid` for a page that is not the operation's result.
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
