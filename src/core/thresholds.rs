//! The plan's Key Metrics table: each metric's normal range and alert
//! threshold, and the level a measured value falls in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Normal,
    Warning,
    /// No data to judge (no request in the window, Redis unreachable): not
    /// good, and worse than a warning, but not an alert a guard acts on.
    Unknown,
    Alert,
}

/// `value < normal_below` is normal, `value > alert_above` is an alert, and
/// what lies between is a warning (the plan's "Normal Range" / "Alert Threshold").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub normal_below: f64,
    pub alert_above: f64,
}

impl Threshold {
    pub fn level(&self, value: f64) -> Level {
        if value > self.alert_above {
            Level::Alert
        } else if value < self.normal_below {
            Level::Normal
        } else {
            Level::Warning
        }
    }

    pub fn is_consistent(&self) -> bool {
        self.normal_below.is_finite() && self.alert_above.is_finite() && self.normal_below <= self.alert_above
    }
}

/// The five metrics of the plan's table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    pub error_rate_percent: Threshold,
    pub rate_limit_hits_per_hour: Threshold,
    pub breaker_opens: Threshold,
    pub response_time_ms: Threshold,
    pub redis_memory_mb: Threshold,
    /// Not in the plan's table: the share of collect-appointment calls
    /// refused with 422 once input validation is wired (watch reads it
    /// from nginx's access log, `watch.access_log`).
    pub validation_refused_percent: Threshold,
}

impl Thresholds {
    /// The plan's table: error rate <1% / >5%, rate-limit hits <10/h / >50/h,
    /// breaker opens 0 / >1, response time <200 ms / >1000 ms, Redis <100 MB / >500 MB.
    pub fn plan() -> Self {
        let t = |normal_below, alert_above| Threshold { normal_below, alert_above };
        Thresholds {
            error_rate_percent: t(1.0, 5.0),
            rate_limit_hits_per_hour: t(10.0, 50.0),
            breaker_opens: t(1.0, 1.0),
            response_time_ms: t(200.0, 1000.0),
            redis_memory_mb: t(100.0, 500.0),
            validation_refused_percent: t(5.0, 20.0),
        }
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self::plan()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_table() {
        let t = Thresholds::plan();
        let cases = [
            (t.error_rate_percent, 0.5, Level::Normal),
            (t.error_rate_percent, 1.0, Level::Warning),
            (t.error_rate_percent, 5.0, Level::Warning),
            (t.error_rate_percent, 5.1, Level::Alert),
            (t.breaker_opens, 0.0, Level::Normal),
            (t.breaker_opens, 1.0, Level::Warning),
            (t.breaker_opens, 2.0, Level::Alert),
            (t.rate_limit_hits_per_hour, 51.0, Level::Alert),
            (t.response_time_ms, 199.9, Level::Normal),
            (t.redis_memory_mb, 300.0, Level::Warning),
        ];
        for (threshold, value, want) in cases {
            assert_eq!(threshold.level(value), want, "{threshold:?} {value}");
        }
    }

    #[test]
    fn levels_are_monotonic() {
        let t = Thresholds::plan().response_time_ms;
        let levels: Vec<_> = (0..2000).map(|v| t.level(v as f64)).collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]));
    }
}
