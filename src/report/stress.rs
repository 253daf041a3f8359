//! `stress` results: expected against observed, request by request, or the
//! burst count, or the paced load's rate and latency.

use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::limiter::Bucket;
use crate::core::limiter::Observed;
use crate::core::route::Route;
use crate::report::{table, Human, Style};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StressRow {
    pub n: u32,
    pub at_ms: u64,
    /// The model's answer (status 200 stands for "not limited").
    pub expected: Observed,
    pub observed: Observed,
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
    /// The route's limiters other than the gateway's, as written (Laravel's
    /// `throttle:5,1`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
    pub requests: Vec<StressRow>,
    pub mismatches: u64,
    pub first_mismatch: Option<u32>,
    pub burst_passed: Option<u64>,
    pub burst_expected: Option<u64>,
    /// Burst mode, on a shape whose check and count are not one step: the
    /// most the race may let through (`burst_expected` is the fewest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_expected_max: Option<u64>,
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
            others: Vec::new(),
            requests: vec![],
            mismatches: 0,
            first_mismatch: None,
            burst_passed: None,
            burst_expected: None,
            burst_expected_max: None,
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

/// An answer in words: `200, 29 left`, `429, retry in 45 s`, or for the
/// model's answer on a route with no limiter, `not limited`.
fn show(a: &Observed, expected_unlimited: bool) -> String {
    if expected_unlimited && a.status == 200 {
        return "not limited".into();
    }
    match (a.status, a.remaining, a.retry_after_s) {
        (429, _, Some(s)) => format!("429, retry in {s} s"),
        (status, Some(left), _) => format!("{status}, {left} left"),
        (status, None, Some(s)) => format!("{status}, retry in {s} s"),
        (status, None, None) => status.to_string(),
    }
}

impl Human for StressReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut limiters: Vec<String> = self
            .limit
            .map(|l| format!("bucket {}, limit {l}", self.bucket.as_deref().unwrap_or("?")))
            .into_iter()
            .collect();
        limiters.extend(self.others.iter().cloned());
        let limit = match limiters.is_empty() {
            true => "no limiter".to_string(),
            false => limiters.join("; "),
        };
        writeln!(w, "{} as {} ({limit}), {} mode", self.route, self.identity, self.mode)?;
        if !self.requests.is_empty() {
            let mut t = table::new(&["#", "at", "expected", "observed", ""]);
            for r in &self.requests {
                let mark = if r.matched { style.good("ok") } else { style.bad("MISMATCH") };
                t.add_row(vec![
                    table::num(r.n),
                    table::num(format!("{} ms", r.at_ms)),
                    Cell::new(show(&r.expected, self.limit.is_none() && self.others.is_empty())),
                    Cell::new(show(&r.observed, false)),
                    Cell::new(mark),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        if let (Some(passed), Some(want)) = (self.burst_passed, self.burst_expected) {
            match self.burst_expected_max {
                Some(most) => writeln!(
                    w,
                    "burst: {passed} passed; the limiter reads then increments, so the model allows {want} to {most}"
                )?,
                None => writeln!(w, "burst: {passed} passed, the model allows exactly {want}")?,
            }
        }
        if let Some(r) = &self.rate {
            match self.mode.as_str() {
                "max" => writeln!(w, "{} requests in {} ms: {:.0} req/s", r.sent, r.duration_ms, r.completed_rate)?,
                _ => writeln!(
                    w,
                    "target {:.0}/s, sent at {:.1}/s (max lag {:.1} ms), {} requests in {} ms",
                    r.target_rate, r.send_rate, r.max_send_lag_ms, r.sent, r.duration_ms
                )?,
            }
            let from = if self.mode == "max" { "latency" } else { "latency (from due time)" };
            writeln!(
                w,
                "{from}: p50 {:.2}, p90 {:.2}, p99 {:.2}, p99.9 {:.2}, max {:.2} ms",
                r.p50_ms, r.p90_ms, r.p99_ms, r.p999_ms, r.max_ms
            )?;
            let statuses: Vec<String> = r.statuses.iter().map(|(k, n)| format!("{k} × {n}")).collect();
            writeln!(w, "statuses: {}", statuses.join(", "))?;
        }
        writeln!(w, "{}", self.verdict(style))
    }
}

impl StressReport {
    /// Answers that broke the route (a 5xx), predicted or not: matching a
    /// model that predicts a broken route is no pass.
    pub fn broken(&self) -> Vec<u16> {
        self.requests.iter().map(|r| r.observed.status).filter(|&s| s >= 500).collect()
    }

    /// The requests refused with 429 where the model said 429: the limiter
    /// shown acting (a burst's and a paced run's are not told one by one).
    pub fn refused_as_predicted(&self) -> u64 {
        self.requests.iter().filter(|r| r.matched && r.observed.status == 429 && r.expected.status == 429).count()
            as u64
    }

    /// Matches the model, and the route works.
    pub fn passed(&self) -> bool {
        self.mismatches == 0 && self.broken().is_empty() && self.answered() > 0
    }

    /// The last line: what the run proves, in words.
    fn verdict(&self, style: &Style) -> String {
        if let Some(r) = &self.rate {
            let unanswered: u64 = r.statuses.iter().filter(|(k, _)| k.parse::<u16>().is_err()).map(|(_, n)| n).sum();
            return match self.mismatches {
                _ if r.sent == 0 => style.bad("no request was sent: nothing was measured"),
                0 => style.good(&format!("all {} requests served", r.sent)),
                _ if r.sent > 0 && unanswered == r.sent => style.bad(&format!(
                    "no request was answered ({}): check nginx and php-fpm with `gatewayctl preflight`",
                    r.statuses.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
                n => style.bad(&format!(
                    "{n} of {} answers were not served (a 404, a 5xx or no answer is never a pass)",
                    r.sent
                )),
            };
        }
        match (self.first_mismatch, self.burst_answered) {
            (Some(n), _) => style.bad(&format!("{} mismatch(es); the first is request {n}", self.mismatches)),
            (None, Some(0)) => style.bad("no request of the burst was answered"),
            (None, Some(_)) if self.mismatches > 0 => {
                style.bad("the burst does not match the model: the limiter races")
            }
            _ if self.answered() == 0 => style.bad("no request was answered"),
            _ if !self.broken().is_empty() => {
                let broken = self.broken();
                let mut statuses: Vec<String> = broken.iter().map(u16::to_string).collect();
                statuses.dedup();
                style.bad(&format!(
                    "matches the model; the model says this route is broken: {} of {} answered {} (see preflight's \"The gateway's own bugs\")",
                    broken.len(),
                    self.requests.len(),
                    statuses.join("/")
                ))
            }
            _ => style.good("every answer matches the model"),
        }
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::*;
    use crate::core::route::Route;

    fn rate(mode: &str, statuses: &[(&str, u64)], mismatches: u64) -> StressReport {
        let route: Route = "GET /static.txt".parse().unwrap();
        let mut report = StressReport::new(mode, &route, "key:ga***01", None);
        let sent = statuses.iter().map(|(_, n)| n).sum();
        report.rate = Some(RateSummary {
            target_rate: 20.0,
            sent,
            send_rate: 20.0,
            duration_ms: 1000,
            completed_rate: 20.0,
            max_send_lag_ms: 0.0,
            p50_ms: 1.0,
            p90_ms: 1.0,
            p99_ms: 1.0,
            p999_ms: 1.0,
            max_ms: 1.0,
            statuses: statuses.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
        });
        report.mismatches = mismatches;
        report
    }

    fn text(report: &StressReport) -> String {
        crate::report::plain_text(report)
    }

    #[test]
    fn answers_are_written_in_words() {
        let a = |status, remaining, retry_after_s| Observed { status, remaining, retry_after_s };
        assert_eq!(show(&a(200, None, None), true), "not limited");
        assert_eq!(show(&a(200, None, None), false), "200");
        assert_eq!(show(&a(200, Some(29), None), false), "200, 29 left");
        assert_eq!(show(&a(429, Some(0), Some(45)), false), "429, retry in 45 s");
    }

    #[test]
    fn load_modes_end_with_their_own_verdict() {
        let served = text(&rate("rate", &[("200", 20)], 0));
        assert!(served.ends_with("all 20 requests served\n") && served.contains("statuses: 200 × 20"), "{served}");
        let down = text(&rate("rate", &[("unreachable", 20)], 20));
        assert!(down.contains("no request was answered (unreachable)") && !down.contains("burst"), "{down}");
        let some = text(&rate("max", &[("200", 18), ("502", 2)], 2));
        assert!(some.contains("2 of 20 answers were not served") && some.contains("req/s"), "{some}");
        assert!(!some.contains("target 0/s"), "{some}");
        let none = text(&rate("max", &[], 0));
        assert!(none.contains("no request was sent"), "{none}");
    }
}
