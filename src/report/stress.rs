//! `stress` results: expected against observed, request by request, or the
//! burst count, or the paced load's rate and latency.

use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::limiter::Bucket;
use crate::core::route::Route;
use crate::report::{table, Human, Style};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub status: u16,
    pub remaining: Option<u64>,
    pub retry_after_s: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StressRow {
    pub n: u32,
    pub at_ms: u64,
    /// The model's answer (status 200 stands for "not limited").
    pub expected: Answer,
    pub observed: Answer,
    pub matched: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateSummary {
    pub target_rate: f64,
    pub sent: u64,
    /// Requests sent per second while sending (how well the pace held).
    pub send_rate: f64,
    pub duration_ms: u64,
    pub completed_rate: f64,
    pub max_send_lag_ms: f64,
    /// Latencies from when each request was due (coordinated omission corrected).
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
    pub statuses: BTreeMap<String, u64>,
}

/// `stress rate-limit --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StressReport {
    /// sequential, burst or rate.
    pub mode: String,
    pub route: String,
    /// The identity sent as (API key masked).
    pub identity: String,
    pub bucket: Option<String>,
    pub limit: Option<u64>,
    pub requests: Vec<StressRow>,
    pub mismatches: u64,
    pub first_mismatch: Option<u32>,
    pub burst_passed: Option<u64>,
    pub burst_expected: Option<u64>,
    /// Burst mode: how many requests got an answer at all.
    #[serde(default)]
    pub burst_answered: Option<u64>,
    pub rate: Option<RateSummary>,
}

impl StressReport {
    pub fn new(mode: &str, route: &Route, identity: &str, bucket: Option<&Bucket>) -> Self {
        StressReport {
            mode: mode.into(),
            route: route.to_string(),
            identity: identity.into(),
            bucket: bucket.map(|b| b.name.clone()),
            limit: bucket.map(|b| b.limit),
            requests: vec![],
            mismatches: 0,
            first_mismatch: None,
            burst_passed: None,
            burst_expected: None,
            burst_answered: None,
            rate: None,
        }
    }

    /// How many requests got an answer from the gateway: with none, no
    /// verdict can be a pass.
    pub fn answered(&self) -> u64 {
        if let Some(rate) = &self.rate {
            return rate.statuses.iter().filter(|(k, _)| k.parse::<u16>().is_ok()).map(|(_, n)| n).sum();
        }
        self.burst_answered.unwrap_or(self.requests.len() as u64)
    }

    pub fn push(&mut self, row: StressRow) {
        if !row.matched {
            self.mismatches += 1;
            self.first_mismatch.get_or_insert(row.n);
        }
        self.requests.push(row);
    }
}

fn show(a: &Answer) -> String {
    let opt = |v: Option<u64>| v.map_or("-".to_string(), |n| n.to_string());
    format!("{} / {} / {}", a.status, opt(a.remaining), opt(a.retry_after_s))
}

impl Human for StressReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let limit = self.limit.map_or("no limiter".to_string(), |l| {
            format!("bucket {}, limit {l}", self.bucket.as_deref().unwrap_or("?"))
        });
        writeln!(w, "{} as {} ({limit}), {} mode", self.route, self.identity, self.mode)?;
        if !self.requests.is_empty() {
            let mut t = table::new(&["#", "at", "expected status/remaining/retry", "observed", ""]);
            for r in &self.requests {
                let mark = if r.matched { style.good("ok") } else { style.bad("MISMATCH") };
                t.add_row(vec![
                    table::num(r.n),
                    table::num(format!("{} ms", r.at_ms)),
                    Cell::new(show(&r.expected)),
                    Cell::new(show(&r.observed)),
                    Cell::new(mark),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        if let (Some(passed), Some(want)) = (self.burst_passed, self.burst_expected) {
            writeln!(w, "burst: {passed} passed, the model allows exactly {want}")?;
        }
        if let Some(r) = &self.rate {
            writeln!(
                w,
                "target {:.0}/s, sent at {:.1}/s (max lag {:.1} ms), {} requests in {} ms",
                r.target_rate, r.send_rate, r.max_send_lag_ms, r.sent, r.duration_ms
            )?;
            writeln!(
                w,
                "latency from due time: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, max {:.2} ms",
                r.p50_ms, r.p90_ms, r.p99_ms, r.p999_ms, r.max_ms
            )?;
            writeln!(w, "statuses: {:?}", r.statuses)?;
        }
        match self.first_mismatch {
            Some(n) => {
                writeln!(w, "{}", style.bad(&format!("{} mismatch(es); the first is request {n}", self.mismatches)))
            }
            None if self.mismatches > 0 => {
                writeln!(w, "{}", style.bad("the burst does not match the model: the limiter races"))
            }
            None if self.rate.is_none() => writeln!(w, "{}", style.good("every answer matches the model")),
            None => Ok(()),
        }
    }
}
