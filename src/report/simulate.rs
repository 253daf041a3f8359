//! `simulate` results: what the model says the gateway must answer.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::breaker::{BreakerState, CallResult};
use crate::report::{table, Human, Style};

/// `simulate rate-limit --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitReport {
    /// The limiter shape the model played (`[limiter] preset`, with overrides).
    pub shape: String,
    pub route: String,
    pub limited: bool,
    pub bucket: Option<String>,
    pub limit: Option<u64>,
    pub window_s: Option<u64>,
    pub allowed: usize,
    pub rejected: usize,
    pub first_rejected: Option<u32>,
    /// Requests answered 500 because a limiter entry threw.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub errors: usize,
    /// Why the shape cannot tell what the gateway answers, from which request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// What the shape means for this client beyond the table (a counter
    /// that never expires).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The route's limiter entries, outer first, and where they were read.
    pub stack: Vec<String>,
    pub stack_source: String,
    pub requests: Vec<RateLimitRow>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitRow {
    pub n: u32,
    pub at_s: f64,
    pub status: u16,
    pub remaining: Option<u64>,
    pub retry_after_s: Option<u64>,
    /// `Retry-After` as sent, where it is not whole seconds (`-45.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// What threw, on a 500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Human for RateLimitReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "limiter shape: {} (route stacks from {})", self.shape, self.stack_source)?;
        if let (Some(why), true) = (&self.unknown, self.bucket.is_none()) {
            writeln!(w, "{}: {}", self.route, style.warn(&format!("unknown: {why}")))?;
            return Ok(());
        }
        if !self.limited {
            writeln!(
                w,
                "{} carries no rate limiter: all {} requests pass, with no X-RateLimit headers.",
                self.route,
                self.requests.len()
            )?;
            writeln!(
                w,
                "{}",
                style.warn("A test that expects 429 here (as the plan's Phase 5A does on /api/health) can never pass.")
            )?;
            return Ok(());
        }
        match &self.bucket {
            Some(bucket) => {
                let (limit, window) = (self.limit.unwrap_or(0), self.window_s.unwrap_or(0));
                writeln!(w, "{} → bucket {bucket}: {limit} requests per {window}s window", self.route)?;
                if self.stack.len() > 1 {
                    writeln!(w, "limiters, outer first: {}", self.stack.join(", "))?;
                }
            }
            // Not the gateway's own limiter: Laravel's throttle, say.
            None => writeln!(w, "{} → limiters, outer first: {}", self.route, self.stack.join(", "))?,
        }
        let mut t = table::new(&["#", "at", "status", "remaining", "retry-after"]);
        for r in &self.requests {
            let status = match r.status {
                429 => style.bad("429"),
                500 => style.bad("500"),
                0 => style.warn("unknown"),
                other => style.good(&other.to_string()),
            };
            let retry = r.retry_after.clone().or(r.retry_after_s.map(|s| s.to_string()));
            t.add_row(vec![
                table::num(r.n),
                table::num(format!("{:.1}s", r.at_s)),
                Cell::new(status),
                table::opt(r.remaining),
                table::opt(retry.map(|s| format!("{s}s"))),
            ]);
        }
        writeln!(w, "{t}")?;
        if let Some(error) = self.requests.iter().find_map(|r| r.error.as_deref()) {
            writeln!(w, "{}", style.bad(&format!("{} answered 500: {error}", self.errors)))?;
        }
        if let Some(why) = &self.unknown {
            writeln!(w, "{}", style.warn(&format!("unknown: {why}")))?;
        }
        for note in &self.notes {
            writeln!(w, "{}", style.warn(note))?;
        }
        let passed = self.allowed - self.errors;
        match self.first_rejected {
            Some(n) => writeln!(w, "{passed} allowed, {} rejected; the first 429 is request {n}.", self.rejected),
            None => writeln!(w, "{passed} allowed, none rejected."),
        }
    }
}

/// `simulate breaker --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerReport {
    pub service: String,
    pub final_state: BreakerState,
    pub events: Vec<BreakerEventRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerEventRow {
    pub event: String,
    pub at_s: f64,
    pub called_upstream: bool,
    /// `None` for a wait.
    pub result: Option<CallResult>,
    /// The state after the event.
    pub state: BreakerState,
    pub failure_count: u32,
    pub success_count: u32,
}

impl Human for BreakerReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "circuit breaker {}", self.service)?;
        let mut t = table::new(&["event", "at", "upstream", "result", "state", "failures", "successes"]);
        for e in &self.events {
            let result = match e.result {
                None => String::new(),
                Some(CallResult::Success) => style.good("success"),
                Some(CallResult::Failure) => style.bad("failure"),
                Some(CallResult::Rejected) => style.warn("rejected (503, fail fast)"),
            };
            let upstream = if e.result.is_none() {
                ""
            } else if e.called_upstream {
                "called"
            } else {
                "not called"
            };
            t.add_row(vec![
                Cell::new(&e.event),
                table::num(format!("{:.1}s", e.at_s)),
                Cell::new(upstream),
                Cell::new(result),
                Cell::new(e.state.as_str()),
                table::num(e.failure_count),
                table::num(e.success_count),
            ]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "final state: {}", style.bold(self.final_state.as_str()))
    }
}
