//! Rate mode: requests sent open-loop at a constant rate, each timed from
//! when it was due (not when it was sent), so a slow server cannot hide
//! behind a slowed-down client (coordinated omission). An HDR histogram
//! gives the percentiles.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use tokio::sync::{Mutex, Semaphore};

use crate::adapters::http::Http;
use crate::core::route::Route;
use crate::report::stress::{RateSummary, StressReport};

/// Sends `rate` requests per second for `duration`, at most `connections` in flight.
pub async fn paced(
    http: &Http,
    route: &Route,
    headers: &[(String, String)],
    rate: f64,
    duration: Duration,
    connections: usize,
    identity: &str,
) -> StressReport {
    let total = (rate * duration.as_secs_f64()).round().max(1.0) as u64;
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds")));
    let statuses: Arc<Mutex<BTreeMap<String, u64>>> = Arc::default();
    let slots = Arc::new(Semaphore::new(connections.max(1)));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    let mut lag = Duration::ZERO;
    for i in 0..total {
        let due = Duration::from_secs_f64(i as f64 / rate);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            tokio::time::sleep(wait).await;
        } else {
            lag = lag.max(start.elapsed() - due);
        }
        let (http, route, headers) = (http.clone(), route.clone(), headers.to_vec());
        let (histogram, statuses, slots) = (histogram.clone(), statuses.clone(), slots.clone());
        tasks.push(tokio::spawn(async move {
            let _slot = slots.acquire_owned().await.expect("semaphore open");
            let refs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let outcome = match http.prepare(&route.method, &route.path) {
                Ok(prepared) => http.status_only(&prepared, &refs).await,
                Err(e) => Err(e),
            };
            // Latency from when the request was due: waiting for a slot counts.
            let latency = start.elapsed().saturating_sub(due);
            let _ = histogram.lock().await.record((latency.as_micros() as u64).max(1));
            let key = match outcome {
                Ok(status) => status.to_string(),
                Err(e) if e.is_unreachable() => "unreachable".into(),
                Err(_) => "error".into(),
            };
            *statuses.lock().await.entry(key).or_default() += 1;
        }));
    }
    let sent_in = start.elapsed();
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed();
    let mut summary = summarize(&*histogram.lock().await, statuses.lock().await.clone(), elapsed);
    summary.target_rate = rate;
    // Over the intervals between sends: n requests span n - 1 of them.
    summary.send_rate = (total.saturating_sub(1)) as f64 / sent_in.as_secs_f64().max(1e-9);
    summary.max_send_lag_ms = lag.as_secs_f64() * 1000.0;
    let mut report = StressReport::new("rate", route, identity, None);
    report.rate = Some(summary);
    report
}

/// Percentiles, counts and rates from a finished run.
fn summarize(h: &Histogram<u64>, statuses: BTreeMap<String, u64>, elapsed: Duration) -> RateSummary {
    let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    let sent = h.len();
    let rate = sent as f64 / elapsed.as_secs_f64().max(1e-9);
    RateSummary {
        target_rate: 0.0,
        sent,
        send_rate: rate,
        duration_ms: elapsed.as_millis() as u64,
        completed_rate: rate,
        max_send_lag_ms: 0.0,
        p50_ms: ms(0.50),
        p90_ms: ms(0.90),
        p99_ms: ms(0.99),
        p999_ms: ms(0.999),
        max_ms: h.max() as f64 / 1000.0,
        statuses,
    }
}

/// Max mode: `connections` loops sending back to back for `duration`
/// (closed loop): the throughput the target sustains.
pub async fn closed(
    http: &Http,
    route: &Route,
    headers: &[(String, String)],
    connections: usize,
    duration: Duration,
    identity: &str,
) -> StressReport {
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds")));
    let statuses: Arc<Mutex<BTreeMap<String, u64>>> = Arc::default();
    let start = Instant::now();
    let mut workers = Vec::with_capacity(connections);
    for _ in 0..connections.max(1) {
        let (http, route, headers) = (http.clone(), route.clone(), headers.to_vec());
        let (histogram, statuses) = (histogram.clone(), statuses.clone());
        workers.push(tokio::spawn(async move {
            let refs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let mut local: BTreeMap<String, u64> = BTreeMap::new();
            let Ok(prepared) = http.prepare(&route.method, &route.path) else { return };
            let mut times = Vec::new();
            // Bounded by the duration.
            while start.elapsed() < duration {
                let sent = Instant::now();
                let key = match http.status_only(&prepared, &refs).await {
                    Ok(status) => status.to_string(),
                    Err(e) if e.is_unreachable() => "unreachable".into(),
                    Err(_) => "error".into(),
                };
                times.push((sent.elapsed().as_micros() as u64).max(1));
                *local.entry(key).or_default() += 1;
            }
            let mut h = histogram.lock().await;
            for t in times {
                let _ = h.record(t);
            }
            let mut s = statuses.lock().await;
            for (k, v) in local {
                *s.entry(k).or_default() += v;
            }
        }));
    }
    for w in workers {
        let _ = w.await;
    }
    let summary = summarize(&*histogram.lock().await, statuses.lock().await.clone(), start.elapsed());
    let mut report = StressReport::new("max", route, identity, None);
    report.rate = Some(summary);
    report
}
