//! The sandbox under load: 8 threads × 1,000 mixed operations on one shared sandbox (two
//! accounts, shared purchase intents, webhooks taken by every thread at once), then the state
//! is audited: no number lost or sold twice, every purchase intent bought once (every thread
//! that sent it got the same number), every delivery attempt taken exactly once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use wanumbers::Timestamp;
use wanumbers::api::models::PurchaseOutcome;
use wanumbers::api::zernio::{
    CreateWebhookSettings, GetNumber, ListNumbers, Purchase, ReleaseNumber,
};
use wanumbers::api::{Client, Config};
use wanumbers::sandbox::{Delivery, Sandbox};

const THREADS: usize = 8;
const OPS: usize = 1_000;
const KEYS: [&str; 2] = ["sk_test_load_a", "sk_test_load_b"];

fn now() -> Timestamp {
    "2026-12-01T09:00:00Z".parse().unwrap()
}

/// Which number each intent got, as each thread saw it.
type Seen = Mutex<BTreeMap<(String, String), BTreeSet<String>>>;

fn worker(sandbox: &Arc<Sandbox>, thread: usize, seen: &Seen, taken: &Mutex<Vec<Delivery>>) {
    let key = if thread.is_multiple_of(2) {
        KEYS[0]
    } else {
        KEYS[1]
    };
    let client = Client::new(Config::new(key), sandbox.transport(now));
    let mut mine: Vec<String> = Vec::new();
    for op in 0..OPS {
        match op % 10 {
            // Intents shared by every thread of the account: each must buy once.
            0..=3 => {
                let intent = format!("intent-{}", (op * 7 + thread) % 60);
                let purchase = Purchase {
                    profile_id: "prof_load".into(),
                    purchase_intent_id: Some(intent.clone()),
                    allow_multiple: Some(true),
                    ..Default::default()
                };
                let id = match client.execute(&purchase) {
                    Ok(PurchaseOutcome::Provisioned { phone_number, .. }) => phone_number.id,
                    Ok(PurchaseOutcome::AlreadyPurchased { number_id, .. }) => number_id,
                    // The account's stock or number bound may run out: a refusal, not a loss.
                    Ok(_) | Err(_) => None,
                };
                if let Some(id) = id {
                    seen.lock()
                        .unwrap()
                        .entry((key.to_owned(), intent))
                        .or_default()
                        .insert(id.clone());
                    mine.push(id);
                }
            }
            4 | 5 => {
                client.execute(&ListNumbers::default()).unwrap();
            }
            6 => {
                if let Some(id) = mine.last() {
                    client.execute(&GetNumber { id: id.clone() }).unwrap();
                }
            }
            7 => {
                // Releasing a number another thread may release too: one of them wins.
                if let Some(id) = mine.pop() {
                    let _ = client.execute(&ReleaseNumber { id });
                }
            }
            _ => taken.lock().unwrap().extend(sandbox.take_deliveries()),
        }
    }
}

#[test]
fn eight_threads_a_thousand_operations_each_then_the_state_adds_up() {
    let sandbox = Arc::new(Sandbox::new(77));
    for key in KEYS {
        let client = Client::new(Config::new(key), sandbox.transport(now));
        client
            .execute(&CreateWebhookSettings {
                name: "load".into(),
                url: "https://hooks.example.com/load".into(),
                secret: Some("whsec_load".into()),
                events: vec![
                    "whatsapp.number.activated".into(),
                    "whatsapp.number.released".into(),
                ],
                ..Default::default()
            })
            .unwrap();
    }
    let seen = Seen::default();
    let taken = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for thread in 0..THREADS {
            let (sandbox, seen, taken) = (&sandbox, &seen, &taken);
            scope.spawn(move || worker(sandbox, thread, seen, taken));
        }
    });
    let mut taken = taken.into_inner().unwrap();
    taken.extend(sandbox.take_deliveries());

    // Every intent bought once: every thread that sent it got the same number.
    let seen = seen.into_inner().unwrap();
    assert!(seen.len() >= 100, "{} intents bought", seen.len());
    for ((key, intent), ids) in &seen {
        assert_eq!(ids.len(), 1, "{key} {intent} bought {ids:?}");
    }
    let snapshot = sandbox.snapshot().unwrap();
    let mut live_numbers = BTreeSet::new();
    let mut activated = 0;
    let mut released = 0;
    for tenant in snapshot["tenants"].as_object().unwrap().values() {
        let numbers = tenant["numbers"].as_array().unwrap();
        let ids: BTreeSet<&str> = numbers
            .iter()
            .map(|n| n["record"]["_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), numbers.len(), "a record id twice");
        // Intents point at this account's numbers, one number per intent.
        let intents: Vec<&str> = tenant["intents"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            intents.iter().collect::<BTreeSet<_>>().len(),
            intents.len(),
            "two intents, one number"
        );
        assert!(intents.iter().all(|id| ids.contains(id)), "a lost number");
        assert_eq!(
            intents.len(),
            numbers.len(),
            "a number bought without its intent"
        );
        for number in numbers {
            let status = number["record"]["status"].as_str().unwrap();
            let history: Vec<&str> = number["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["status"].as_str().unwrap())
                .collect();
            assert_eq!(
                history.last().copied(),
                Some(status),
                "history ends at the status"
            );
            activated += 1;
            if status == "released" {
                released += 1;
            } else {
                let e164 = number["record"]["phoneNumber"].as_str().unwrap().to_owned();
                assert!(live_numbers.insert(e164), "a phone number sold twice");
            }
        }
    }
    // Every attempt taken exactly once, and one per event per subscription.
    let ids: BTreeSet<&str> = taken.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), taken.len(), "a delivery taken twice");
    let count = |event: &str| taken.iter().filter(|d| d.event == event).count();
    assert_eq!(count("whatsapp.number.activated"), activated);
    assert_eq!(count("whatsapp.number.released"), released);
    let events: BTreeSet<(&str, &str)> = taken
        .iter()
        .map(|d| (d.event_id.as_str(), d.webhook_id.as_str()))
        .collect();
    assert_eq!(events.len(), taken.len(), "an event delivered twice");
    let journal = sandbox.control("journal", &Value::Null, now()).unwrap();
    assert_eq!(journal["requests"].as_array().unwrap().len(), 1_000);
}
