//! Response times of one route in bounded memory: a histogram, never every
//! duration.

use hdrhistogram::Histogram;

use crate::core::judge::{self};

/// Durations are kept in units of 10 µs (the log has two decimals of a ms),
/// up to an hour, to two significant digits.
pub(super) const UNITS_PER_MS: f64 = 100.0;

pub(super) const HIGHEST: u64 = 3_600_000 * 100;

/// Response times of one route, in bounded memory.
#[derive(Debug, Clone)]
pub struct Latency(Histogram<u64>);

impl Default for Latency {
    fn default() -> Self {
        Latency(Histogram::new_with_bounds(1, HIGHEST, 2).expect("valid histogram bounds"))
    }
}

impl Latency {
    pub fn record(&mut self, ms: f64) {
        let units = (ms.max(0.0) * UNITS_PER_MS).round() as u64;
        self.0.saturating_record(units.clamp(1, HIGHEST));
    }

    pub fn len(&self) -> u64 {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn merge(&mut self, other: &Latency) {
        // Same bounds on both sides: adding cannot fail.
        let _ = self.0.add(&other.0);
    }

    /// The value at quantile `q` in ms; `None` with no sample.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        (!self.0.is_empty()).then(|| self.0.value_at_quantile(q.clamp(0.0, 1.0)) as f64 / UNITS_PER_MS)
    }

    /// The judge's interval for the quantile (order statistics: ranks
    /// n·q ± z·√(n·q·(1−q)), z of [`judge::CONFIDENCE_PERCENT`]).
    pub fn quantile_interval(&self, q: f64) -> Option<(f64, f64)> {
        let n = self.0.len() as f64;
        if n == 0.0 {
            return None;
        }
        let spread = judge::Z * (n * q * (1.0 - q)).sqrt() / n;
        Some((self.quantile(q - spread)?, self.quantile(q + spread)?))
    }

    /// (value in 10 µs units, count) pairs: what a baseline keeps.
    pub fn to_pairs(&self) -> Vec<(u64, u64)> {
        self.0.iter_recorded().map(|v| (v.value_iterated_to(), v.count_at_value())).collect()
    }

    pub fn from_pairs(pairs: &[(u64, u64)]) -> Latency {
        let mut l = Latency::default();
        for &(v, n) in pairs {
            let _ = l.0.record_n(v.clamp(1, HIGHEST), n);
        }
        l
    }
}
