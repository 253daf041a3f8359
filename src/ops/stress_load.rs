//! The load modes of `stress`, on the lean engine (`adapters::loadgen`).
//! Rate mode: requests sent open-loop at a constant rate, each timed from
//! when it was due (not when it was sent), so a slow server cannot hide
//! behind a slowed-down client (coordinated omission). Max mode: every
//! connection sends back to back for the duration. An HDR histogram gives
//! the percentiles.

use std::time::Duration;

use anyhow::Context as _;
use hdrhistogram::Histogram;

use crate::adapters::http::Http;
use crate::adapters::loadgen::{self, Outcome, Pace, Target};
use crate::core::route::Route;
use crate::report::stress::{RateSummary, StressReport};

/// The load engine's threads: one per CPU this process may use.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The request, checked to be a path on the gateway.
fn target(http: &Http, route: &Route, headers: &[(String, String)], timeout: Duration) -> anyhow::Result<Target> {
    let (method, url) = http.prepare(&route.method, &route.path)?;
    let method = http::Method::from_bytes(method.as_str().as_bytes()).context("while preparing the request")?;
    Ok(Target { method, url, headers: headers.to_vec(), timeout })
}

async fn run(target: Target, connections: usize, pace: Pace) -> anyhow::Result<Outcome> {
    let outcome = tokio::task::spawn_blocking(move || loadgen::run(&target, connections, threads(), pace))
        .await
        .context("the load engine stopped")??;
    Ok(outcome)
}

/// Sends `rate` requests per second for `duration`, at most `connections` in flight.
#[allow(clippy::too_many_arguments)]
pub async fn paced(
    http: &Http,
    route: &Route,
    headers: &[(String, String)],
    timeout: Duration,
    rate: f64,
    duration: Duration,
    connections: usize,
    identity: &str,
) -> anyhow::Result<StressReport> {
    let total = (rate * duration.as_secs_f64()).round().max(1.0) as u64;
    let outcome = run(target(http, route, headers, timeout)?, connections, Pace::Open { rate, total }).await?;
    let mut summary = summarize(&outcome.latencies, outcome.statuses.clone(), outcome.elapsed);
    summary.target_rate = rate;
    // Over the intervals between sends: n requests span n - 1 of them.
    summary.send_rate = (total.saturating_sub(1)) as f64 / outcome.sent_in.as_secs_f64().max(1e-9);
    summary.max_send_lag_ms = outcome.max_lag.as_secs_f64() * 1000.0;
    let mut report = StressReport::new("rate", route, identity, None);
    report.rate = Some(summary);
    Ok(report)
}

/// Percentiles, counts and rates from a finished run.
fn summarize(h: &Histogram<u64>, statuses: std::collections::BTreeMap<String, u64>, elapsed: Duration) -> RateSummary {
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
    timeout: Duration,
    connections: usize,
    duration: Duration,
    identity: &str,
) -> anyhow::Result<StressReport> {
    let outcome = run(target(http, route, headers, timeout)?, connections, Pace::Closed { duration }).await?;
    let summary = summarize(&outcome.latencies, outcome.statuses, outcome.elapsed);
    let mut report = StressReport::new("max", route, identity, None);
    report.rate = Some(summary);
    Ok(report)
}
