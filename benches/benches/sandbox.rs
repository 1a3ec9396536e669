//! `make bench-sandbox` (Rust part): the sandbox in-process, `Sandbox::handle` on a mix of
//! Zernio requests (40 % purchases with intents, 30 % lists, 20 % reads, 10 % releases), on one
//! thread and on two sharing it. Prints operations per second and the p50/p99 latency of one
//! operation (this machine is noisy: compare runs on the same machine; the aim is ≥ 50,000
//! op/s on 2 cores).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing,
    clippy::cast_precision_loss
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use wanumbers::Timestamp;
use wanumbers::api::{HttpRequest, Method};
use wanumbers::sandbox::Sandbox;

const OPS: usize = 20_000;

fn request(method: Method, path: &str, body: &str, key: &str) -> HttpRequest {
    HttpRequest {
        method,
        url: format!("https://zernio.com/api{path}"),
        headers: vec![
            ("authorization".into(), format!("Bearer {key}")),
            ("content-type".into(), "application/json".into()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

/// `OPS` mixed operations on `key`'s account; the latency of each.
fn run(sandbox: &Sandbox, key: &str, now: Timestamp) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(OPS);
    let mut bought: Vec<String> = Vec::new();
    for op in 0..OPS {
        let req = match op % 10 {
            0..=3 => request(
                Method::Post,
                "/v1/phone-numbers/purchase",
                &format!(
                    r#"{{"profileId":"prof_b","purchaseIntentId":"i-{}","allowMultiple":true}}"#,
                    op % 500
                ),
                key,
            ),
            4..=6 => request(Method::Get, "/v1/phone-numbers?limit=20", "", key),
            7 | 8 => match bought.last() {
                Some(id) => request(Method::Get, &format!("/v1/phone-numbers/{id}"), "", key),
                None => request(Method::Get, "/v1/phone-numbers/countries", "", key),
            },
            _ => match bought.pop() {
                Some(id) => request(Method::Delete, &format!("/v1/phone-numbers/{id}"), "", key),
                None => request(Method::Get, "/v1/phone-numbers/countries", "", key),
            },
        };
        let started = Instant::now();
        let handled = sandbox.handle(&req, now);
        latencies.push(started.elapsed());
        if op % 10 <= 3 && handled.response.status < 300 {
            let body: serde_json::Value = serde_json::from_slice(&handled.response.body).unwrap();
            if let Some(id) = body["phoneNumber"]["id"]
                .as_str()
                .or(body["numberId"].as_str())
            {
                bought.push(id.to_owned());
            }
        }
    }
    latencies
}

fn report(label: &str, mut latencies: Vec<Duration>, wall: Duration) {
    latencies.sort();
    // The p-th percentile by rank (p in per mille).
    let pct = |per_mille: usize| latencies[(latencies.len() - 1) * per_mille / 1000];
    println!(
        "{label:<38} {:>9.0} op/s   p50 {:>7.1} µs   p99 {:>7.1} µs",
        latencies.len() as f64 / wall.as_secs_f64(),
        pct(500).as_secs_f64() * 1e6,
        pct(990).as_secs_f64() * 1e6,
    );
}

fn main() {
    let now: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
    let sandbox = Arc::new(Sandbox::new(1));
    // Warm-up (the catalog, the forms, the allocator).
    let _ = run(&sandbox, "sk_bench_warm", now);
    let started = Instant::now();
    let one = run(&sandbox, "sk_bench_1", now);
    report("in-process, 1 thread", one, started.elapsed());
    let started = Instant::now();
    let both: Vec<Duration> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["sk_bench_2a", "sk_bench_2b"]
            .map(|key| {
                let sandbox = Arc::clone(&sandbox);
                scope.spawn(move || run(&sandbox, key, now))
            })
            .into_iter()
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    report(
        "in-process, 2 threads (one sandbox)",
        both,
        started.elapsed(),
    );
}
