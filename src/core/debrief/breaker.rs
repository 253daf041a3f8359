//! The breaker's open periods.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::tally::Tally;

/// One stretch of time a breaker was not closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenPeriod {
    pub service: String,
    /// `None`: it was already open when the period began.
    pub opened_ms: Option<u64>,
    /// `None`: still not closed at the period's end.
    pub closed_ms: Option<u64>,
    pub duration_s: f64,
    /// Half-open probes that failed and reopened it, or let it close.
    pub half_opens: u64,
    /// Calls to Cal.com routes answered 503 while it was open.
    pub refused: u64,
}

/// The breaker's open periods, from its transitions in time order.
pub fn open_periods(t: &Tally, start_ms: u64, end_ms: u64) -> Vec<OpenPeriod> {
    let mut transitions = t.transitions.clone();
    transitions.sort_by_key(|t| t.at_ms);
    let mut open: BTreeMap<&str, OpenPeriod> = BTreeMap::new();
    let mut done = Vec::new();
    let refused = |from: u64, to: u64| -> u64 {
        t.upstream_refusals.range(from / 1000..=to / 1000).map(|(_, &n)| u64::from(n)).sum()
    };
    let fresh = |service: &str, opened_ms: Option<u64>| OpenPeriod {
        service: service.into(),
        opened_ms,
        closed_ms: None,
        duration_s: 0.0,
        half_opens: 0,
        refused: 0,
    };
    for tr in &transitions {
        let service = tr.service.as_str();
        match tr.state.as_str() {
            // Opened again from half-open: the same outage goes on.
            "open" => {
                open.entry(service).or_insert_with(|| fresh(service, Some(tr.at_ms)));
            }
            // A transition with no "opened" before it: open since before the period.
            "half_open" => open.entry(service).or_insert_with(|| fresh(service, None)).half_opens += 1,
            _ => {
                let p = open.remove(service).unwrap_or_else(|| fresh(service, None));
                done.push(OpenPeriod { closed_ms: Some(tr.at_ms), ..p });
            }
        }
    }
    done.extend(open.into_values());
    for p in &mut done {
        let from = p.opened_ms.unwrap_or(start_ms);
        let to = p.closed_ms.unwrap_or(end_ms);
        p.duration_s = to.saturating_sub(from) as f64 / 1000.0;
        p.refused = refused(from, to);
    }
    done.sort_by_key(|p| p.opened_ms.or(p.closed_ms).unwrap_or(0));
    done
}
