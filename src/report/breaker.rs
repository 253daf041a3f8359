//! `breaker status` results: the live state in Redis and what moves it next.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::breaker::BreakerState;
use crate::report::{table, Human, Style};

/// `breaker status --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerStatusReport {
    pub redis: String,
    /// Unix seconds at which Redis was read.
    pub checked_at: u64,
    pub breakers: Vec<BreakerStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerStatus {
    pub service: String,
    pub state: BreakerState,
    /// False when the state key is absent (which the gateway reads as closed).
    pub state_key_present: bool,
    pub failure_count: u32,
    pub success_count: u32,
    pub opened_at: Option<u64>,
    pub seconds_until_half_open: Option<u64>,
    /// In words, from the model: e.g. "opens after 3 more consecutive failures".
    pub next_transition: String,
    pub failure_threshold: u32,
    pub recovery_timeout_s: u64,
    pub success_threshold: u32,
}

impl Human for BreakerStatusReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["service", "state", "failures", "successes", "opened at", "half-open in", "next"]);
        for b in &self.breakers {
            let state = match b.state {
                BreakerState::Closed if !b.state_key_present => style.good("closed (no key)"),
                BreakerState::Closed => style.good("closed"),
                BreakerState::HalfOpen => style.warn("half_open"),
                BreakerState::Open => style.bad("open"),
            };
            t.add_row(vec![
                Cell::new(&b.service),
                Cell::new(state),
                table::num(format!("{}/{}", b.failure_count, b.failure_threshold)),
                table::num(format!("{}/{}", b.success_count, b.success_threshold)),
                table::opt(b.opened_at),
                table::opt(b.seconds_until_half_open.map(|s| format!("{s}s"))),
                Cell::new(&b.next_transition),
            ]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "read from {}", self.redis)
    }
}
