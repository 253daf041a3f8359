//! `breaker status` results: the live state in Redis and what moves it next.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::breaker::BreakerState;
use crate::core::checks::Check;
use crate::report::preflight::checks_table;
use crate::report::{table, Human, Style};

/// `breaker status --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerStatusReport {
    pub redis: String,
    /// Unix seconds at which Redis was read.
    pub checked_at: u64,
    pub breakers: Vec<BreakerStatus>,
    /// What the app's code says the breaker guards and counts (with an app
    /// at hand): the breaker findings of preflight's dry run, or why they
    /// could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guards: Option<Guards>,
}

/// The routes whose controller uses the service that holds the breaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guards {
    pub service: String,
    pub routes: Vec<String>,
    /// The breaker findings, as preflight names them.
    pub findings: Vec<crate::core::findings::Finding>,
    /// The app's code could not be read for it: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerStatus {
    pub service: String,
    pub state: BreakerState,
    /// False when the state key is absent (which the gateway reads as closed).
    pub state_key_present: bool,
    /// The state key holds no string but this type (a list, a hash), which
    /// the gateway reads as closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_key_type: Option<String>,
    pub failure_count: u32,
    pub success_count: u32,
    pub opened_at: Option<u64>,
    pub seconds_until_half_open: Option<u64>,
    /// In words, from the model: e.g. "opens after 3 more consecutive failures".
    pub next_transition: String,
    pub failure_threshold: u32,
    pub recovery_timeout_s: u64,
    pub success_threshold: u32,
    /// The keys' remaining lives, by key suffix, for those that expire.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub ttl_s: std::collections::BTreeMap<String, u64>,
}

impl Human for BreakerStatusReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        // What comes next is a sentence: under the table, so the names and
        // numbers in it stay whole at 80 columns.
        let mut t = table::new(&["service", "state", "failures", "successes", "opened at", "half-open in"]);
        for b in &self.breakers {
            let state = match b.state {
                BreakerState::Closed if !b.state_key_present => style.good("closed (no key)"),
                BreakerState::Closed if b.state_key_type.is_some() => style.warn(&format!(
                    "closed (the key holds a {}, which the app reads as closed)",
                    b.state_key_type.as_deref().unwrap_or("?")
                )),
                BreakerState::Closed => style.good("closed"),
                BreakerState::HalfOpen => style.warn("half_open"),
                BreakerState::Open => style.bad("open"),
            };
            t.add_row(vec![
                Cell::new(&b.service),
                Cell::new(state),
                table::num(format!("{}/{}", b.failure_count, b.failure_threshold)),
                table::num(format!("{}/{}", b.success_count, b.success_threshold)),
                // A time, as people read one (UTC), not epoch seconds.
                table::opt(b.opened_at.map(|t| {
                    chrono::DateTime::from_timestamp(t as i64, 0)
                        .map_or(t.to_string(), |d| d.format("%H:%M:%S UTC").to_string())
                })),
                table::opt(b.seconds_until_half_open.map(|s| format!("{s}s"))),
            ]);
        }
        writeln!(w, "{t}")?;
        for b in &self.breakers {
            writeln!(w, "{}: next, {}", b.service, b.next_transition)?;
        }
        for b in self.breakers.iter().filter(|b| !b.ttl_s.is_empty()) {
            let ttls: Vec<String> = b.ttl_s.iter().map(|(k, s)| format!("{k} {s}s")).collect();
            writeln!(w, "{}: keys expire in {}", b.service, ttls.join(", "))?;
        }
        if let Some(g) = &self.guards {
            match &g.unknown {
                Some(why) => writeln!(w, "{}: which routes reach the breaker: {why}", style.warn("unknown"))?,
                None => writeln!(w, "{} guards {} route(s): {}", g.service, g.routes.len(), g.routes.join(", "))?,
            }
            crate::report::findings::write(w, style, &g.findings)?;
        }
        writeln!(w, "read from {}", self.redis)
    }
}

/// `breaker history --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakerHistoryReport {
    pub service: String,
    pub opens: u64,
    pub events: Vec<BreakerEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakerEvent {
    /// The log line's timestamp.
    pub ts: String,
    /// opened, half-open or closed.
    pub transition: String,
    pub file: String,
    pub line: u64,
}

impl Human for BreakerHistoryReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        let mut t = table::new(&["time", "transition", "where"]);
        for e in &self.events {
            t.add_row(vec![Cell::new(&e.ts), Cell::new(&e.transition), Cell::new(format!("{}:{}", e.file, e.line))]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "{}: {} transition(s), opened {} time(s)", self.service, self.events.len(), self.opens)
    }
}

/// `breaker reset --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakerResetReport {
    pub service: String,
    pub dry_run: bool,
    pub deleted: u64,
    /// The keys' values before (kept in the journal too).
    pub previous: std::collections::BTreeMap<String, Option<String>>,
}

impl Human for BreakerResetReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        for (k, v) in &self.previous {
            writeln!(w, "{k} = {}", v.as_deref().unwrap_or("(absent)"))?;
        }
        match self.dry_run {
            true => writeln!(w, "would delete these keys (dry run: nothing changed)"),
            false => writeln!(w, "deleted {} key(s): {} is closed", self.deleted, self.service),
        }
    }
}

/// `breaker trip-test --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripTestReport {
    pub service: String,
    pub passed: bool,
    /// One per step, stopping at the first that fails.
    pub checks: Vec<Check>,
}

impl Human for TripTestReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        match self.passed {
            true => {
                writeln!(w, "{}", style.good("closed → open → fail fast → half-open → closed, as the model predicts"))
            }
            false => writeln!(w, "{}", style.bad("the breaker differs from the model at the step above")),
        }
    }
}
