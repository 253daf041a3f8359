//! Redis memory over the activation, and whether it stayed stable.

use serde::{Deserialize, Serialize};

/// Redis memory that moved less than this share, or less than this many MB, is stable.
pub(super) const MEMORY_STABLE_SHARE: f64 = 0.20;

pub(super) const MEMORY_STABLE_MB: f64 = 5.0;

/// The rule above in words, beside every memory figure it judges.
pub(super) fn stable_rule() -> String {
    format!(
        "stable means it moved less than {MEMORY_STABLE_MB:.0} MB or {:.0} % of the first",
        MEMORY_STABLE_SHARE * 100.0
    )
}

/// One reading of Redis over time (from watch's series, the baseline, now).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryPoint {
    pub at_ms: u64,
    pub memory_mb: f64,
}

/// One of watch's samples, as kept in the state directory's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub at_ms: u64,
    pub redis_memory_mb: Option<f64>,
    pub rate_limit_keys: Option<u64>,
    pub abuse_keys: Option<u64>,
    pub breaker_state: Option<String>,
    pub requests: u64,
    pub server_errors: u64,
    pub rate_limit_hits: u64,
    pub response_p95_ms: f64,
    /// The sample's overall level (normal, warning, alert, unknown).
    pub overall: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryTrend {
    pub readings: u64,
    pub first_mb: Option<f64>,
    pub last_mb: Option<f64>,
    pub min_mb: Option<f64>,
    pub max_mb: Option<f64>,
    pub change_mb: Option<f64>,
    /// `None`: fewer than two readings.
    pub stable: Option<bool>,
}

/// Stable: from first to last reading it moved less than 20 % or less than 5 MB.
pub fn memory_trend(points: &[MemoryPoint]) -> MemoryTrend {
    let mut sorted: Vec<&MemoryPoint> = points.iter().collect();
    sorted.sort_by_key(|p| p.at_ms);
    let first = sorted.first().map(|p| p.memory_mb);
    let last = sorted.last().map(|p| p.memory_mb);
    let min = sorted.iter().map(|p| p.memory_mb).min_by(f64::total_cmp);
    let max = sorted.iter().map(|p| p.memory_mb).max_by(f64::total_cmp);
    let change = first.zip(last).map(|(f, l)| l - f);
    let stable = match (sorted.len(), first, change) {
        (n, Some(f), Some(c)) if n >= 2 => Some(c.abs() < MEMORY_STABLE_MB || c.abs() < MEMORY_STABLE_SHARE * f),
        _ => None,
    };
    MemoryTrend {
        readings: sorted.len() as u64,
        first_mb: first,
        last_mb: last,
        min_mb: min,
        max_mb: max,
        change_mb: change,
        stable,
    }
}
