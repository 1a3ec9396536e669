//! Stock watches: an account asks to hear when a sold-out country (or area) has numbers again;
//! when a released number returns to such stock, every watching account's subscriptions to
//! `phone_number.stock_available` get the event (the watch is then done).

use super::numbers::tenant;
use super::state::State;
use super::{Fail, run};
use crate::api::HttpResponse;
use crate::api::wire::Routed;
use crate::api::zernio::{
    CreateStockWatch, DeleteStockWatch, Deleted, ListStockWatches, StockWatch, StockWatches,
};
use crate::datetime::Timestamp;
use crate::macros::value;

/// Watches per account.
const MAX_WATCHES: usize = 100;

/// This module's operations; [`Fail::next`] for the others.
pub fn handle(
    state: &mut State,
    key: &str,
    routed: &Routed,
    now: Timestamp,
) -> Result<HttpResponse, Fail> {
    match routed.operation.name {
        "create_stock_watch" => run::<CreateStockWatch, _, _>(routed, |op| {
            let id = state.rng.id("");
            let watches = &mut tenant(state, key).watches;
            if watches.len() >= MAX_WATCHES {
                return Err(Fail::bad_request("At most 100 stock watches"));
            }
            let watch = StockWatch {
                id: Some(id),
                country: Some(op.country.clone()),
                country_name: crate::country::country_name(&op.country).map(str::to_owned),
                number_type: op.number_type.clone(),
                area_code: op.area_code.clone(),
                created_at: Some(now.to_string()),
            };
            watches.push(watch.clone());
            Ok(watch)
        }),
        "list_stock_watches" => run::<ListStockWatches, _, _>(routed, |_| {
            Ok(StockWatches {
                watches: tenant(state, key).watches.clone(),
            })
        }),
        "delete_stock_watch" => run::<DeleteStockWatch, _, _>(routed, |op| {
            let watches = &mut tenant(state, key).watches;
            let before = watches.len();
            watches.retain(|w| w.id.as_deref() != Some(op.id.as_str()));
            if watches.len() == before {
                return Err(Fail::not_found());
            }
            Ok(Deleted { deleted: true })
        }),
        _ => Err(Fail::next()),
    }
}

/// A number of `country` (area `area`, type `number_type`) is back in stock: the watches it
/// answers fire.
pub fn restocked(
    state: &mut State,
    country: &str,
    area: Option<&str>,
    number_type: Option<&str>,
    now: Timestamp,
) {
    let keys: Vec<String> = state.tenants.keys().cloned().collect();
    for key in keys {
        let fired: Vec<StockWatch> = {
            let watches = &mut tenant(state, &key).watches;
            let (fired, kept) = std::mem::take(watches).into_iter().partition(|w| {
                w.country.as_deref() == Some(country)
                    && w.area_code.as_deref().is_none_or(|a| Some(a) == area)
                    && w.number_type
                        .as_ref()
                        .is_none_or(|t| Some(t.as_str()) == number_type)
            });
            *watches = kept;
            fired
        };
        for watch in fired {
            let id = state.rng.id("evt_");
            let payload = value!({
                "id": id,
                "event": "phone_number.stock_available",
                "timestamp": now.to_string(),
                "stock": {
                    "country": country,
                    "types": [{"numberType": number_type.unwrap_or("local"), "availableCount": 1}],
                    "areaCode": watch.area_code,
                },
            });
            super::hooks::broadcast(
                state,
                &key,
                "phone_number.stock_available",
                &id,
                &payload,
                now,
            );
        }
    }
}
