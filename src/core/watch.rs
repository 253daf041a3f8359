//! Phase 6's judgement, pure: the plan's Key Metrics over a sliding window,
//! each classified by its threshold; a level change is an alert; an alert
//! that holds long enough triggers the configured rollback, once.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::core::logline::LogEvent;
use crate::core::thresholds::{Level, Threshold, Thresholds};

/// The plan's metrics, by the names used in config and output, and the
/// gateway's health (failed health probes in a row).
pub const METRICS: [&str; 7] = [
    "error_rate_percent",
    "validation_refused_percent",
    "rate_limit_hits_per_hour",
    "breaker_opens",
    "response_time_ms",
    "redis_memory_mb",
    "health_failures",
];

/// What one sample could read besides the log's figures; `None` where the
/// source did not answer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Readings {
    pub redis_memory_mb: Option<f64>,
    /// Could the log be read this interval?
    pub log_readable: bool,
    /// Health probes failed in a row, up to and including this one.
    pub health_failures: u64,
    /// Could nginx's access log be read this interval (false when none is configured)?
    pub access_log_readable: bool,
}

/// The route input validation guards, whose 422s only the access log shows.
pub const VALIDATED_ROUTE: &str = "/api/retell/collect-appointment";

/// Log events over a sliding window of time (milliseconds).
#[derive(Debug, Clone, Default)]
pub struct Window {
    span_ms: u64,
    requests: VecDeque<(u64, u16, f64)>,
    rate_limited: VecDeque<u64>,
    opens: VecDeque<u64>,
    errors: VecDeque<u64>,
    /// Calls to the validated route: (time, refused with 422).
    validated: VecDeque<(u64, bool)>,
    /// Answers of 5xx: (time, "METHOD /path", status).
    failing: VecDeque<(u64, String, u16)>,
}

/// The figures at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub requests: u64,
    pub server_errors: u64,
    pub error_rate_percent: f64,
    pub rate_limit_hits: u64,
    pub rate_limit_hits_per_hour: f64,
    pub breaker_opens: u64,
    pub response_p50_ms: f64,
    pub response_p95_ms: f64,
    pub error_lines: u64,
    /// Calls to the validated route in the window, and how many got 422.
    #[serde(default)]
    pub validation_calls: u64,
    #[serde(default)]
    pub validation_refused: u64,
    /// The routes behind the 5xx in the window, most first (at most three):
    /// (route, status, how many).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failing_routes: Vec<(String, u16, u64)>,
}

impl Window {
    pub fn new(span_ms: u64) -> Window {
        Window { span_ms: span_ms.max(1), ..Window::default() }
    }

    pub fn record(&mut self, at_ms: u64, event: &LogEvent) {
        match *event {
            LogEvent::ApiRequest { status, duration_ms } => self.requests.push_back((at_ms, status, duration_ms)),
            LogEvent::RateLimited => self.rate_limited.push_back(at_ms),
            LogEvent::BreakerOpened => self.opens.push_back(at_ms),
            LogEvent::Error => self.errors.push_back(at_ms),
            _ => {}
        }
    }

    /// A 5xx answer on `route` ("METHOD /path"), for naming what is behind an alert.
    pub fn record_failure(&mut self, at_ms: u64, route: &str, status: u16) {
        self.failing.push_back((at_ms, route.to_string(), status));
    }

    /// One access-log line: only calls to the validated route count.
    pub fn record_access(&mut self, at_ms: u64, access: &crate::core::accesslog::Access) {
        if access.path == VALIDATED_ROUTE && access.method == "POST" {
            self.validated.push_back((at_ms, access.status == 422));
        }
    }

    fn expire(&mut self, now_ms: u64) {
        let cutoff = now_ms.saturating_sub(self.span_ms);
        while self.validated.front().is_some_and(|v| v.0 < cutoff) {
            self.validated.pop_front();
        }
        while self.requests.front().is_some_and(|r| r.0 < cutoff) {
            self.requests.pop_front();
        }
        while self.failing.front().is_some_and(|r| r.0 < cutoff) {
            self.failing.pop_front();
        }
        for q in [&mut self.rate_limited, &mut self.opens, &mut self.errors] {
            while q.front().is_some_and(|&t| t < cutoff) {
                q.pop_front();
            }
        }
    }

    /// The figures over the window ending at `now_ms`.
    pub fn figures(&mut self, now_ms: u64) -> Figures {
        self.expire(now_ms);
        let requests = self.requests.len() as u64;
        let server_errors = self.requests.iter().filter(|r| r.1 >= 500).count() as u64;
        let mut durations: Vec<f64> = self.requests.iter().map(|r| r.2).collect();
        durations.sort_by(f64::total_cmp);
        let pct = |q: f64| {
            if durations.is_empty() {
                0.0
            } else {
                durations[((durations.len() - 1) as f64 * q).round() as usize]
            }
        };
        let hits = self.rate_limited.len() as u64;
        Figures {
            requests,
            server_errors,
            error_rate_percent: if requests == 0 { 0.0 } else { server_errors as f64 * 100.0 / requests as f64 },
            rate_limit_hits: hits,
            // Per hour: a window shorter than an hour is scaled up to one.
            rate_limit_hits_per_hour: hits as f64 * 3_600_000.0 / self.span_ms.min(3_600_000) as f64,
            breaker_opens: self.opens.len() as u64,
            response_p50_ms: pct(0.50),
            response_p95_ms: pct(0.95),
            error_lines: self.errors.len() as u64,
            validation_calls: self.validated.len() as u64,
            validation_refused: self.validated.iter().filter(|v| v.1).count() as u64,
            failing_routes: {
                let mut by: BTreeMap<(String, u16), u64> = BTreeMap::new();
                for (_, route, status) in &self.failing {
                    *by.entry((route.clone(), *status)).or_default() += 1;
                }
                let mut all: Vec<(String, u16, u64)> = by.into_iter().map(|((r, s), n)| (r, s, n)).collect();
                all.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
                all.truncate(3);
                all
            },
        }
    }
}

/// The value each metric is judged on; `None` where nothing was seen: no
/// request in the window has no error rate and no response time, an
/// unreadable log no counts, an unreachable Redis no memory.
pub fn values(f: &Figures, r: &Readings) -> BTreeMap<String, Option<f64>> {
    let seen = |v: f64, ok: bool| ok.then_some(v);
    [
        ("error_rate_percent", seen(f.error_rate_percent, f.requests > 0)),
        (
            "validation_refused_percent",
            seen(
                f.validation_refused as f64 * 100.0 / f.validation_calls.max(1) as f64,
                r.access_log_readable && f.validation_calls > 0,
            ),
        ),
        ("rate_limit_hits_per_hour", seen(f.rate_limit_hits_per_hour, r.log_readable)),
        ("breaker_opens", seen(f.breaker_opens as f64, r.log_readable)),
        ("response_time_ms", seen(f.response_p95_ms, f.requests > 0)),
        ("redis_memory_mb", r.redis_memory_mb),
        ("health_failures", Some(r.health_failures as f64)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Each metric's level; a metric with no value is `Unknown`. Health is
/// normal when the last probe answered, a warning after one failure and an
/// alert after two in a row.
pub fn levels(t: &Thresholds, values: &BTreeMap<String, Option<f64>>) -> BTreeMap<String, Level> {
    values.iter().map(|(k, v)| (k.clone(), v.map_or(Level::Unknown, |v| threshold_of(t, k).level(v)))).collect()
}

/// The threshold a Key Metric is judged against, by its name.
pub fn threshold_of(t: &Thresholds, metric: &str) -> Threshold {
    match metric {
        "error_rate_percent" => t.error_rate_percent,
        "validation_refused_percent" => t.validation_refused_percent,
        "rate_limit_hits_per_hour" => t.rate_limit_hits_per_hour,
        "breaker_opens" => t.breaker_opens,
        "response_time_ms" => t.response_time_ms,
        "health_failures" => Threshold { normal_below: 1.0, alert_above: 1.0 },
        _ => t.redis_memory_mb,
    }
}

/// A metric that changed level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub metric: String,
    pub from: Level,
    pub to: Level,
    /// `None`: the metric has no value now (its source saw nothing).
    pub value: Option<f64>,
}

/// Metrics computed from requests in the window: with no traffic they have
/// no value, which at 3 a.m. is quiet, not trouble.
const FROM_TRAFFIC: [&str; 3] = ["error_rate_percent", "response_time_ms", "validation_refused_percent"];

/// What is behind an error-rate alert and what to do next, in words
/// (`None` where the window saw no 5xx by route).
pub fn behind(f: &Figures) -> Option<String> {
    if f.failing_routes.is_empty() {
        return None;
    }
    let routes: Vec<String> = f.failing_routes.iter().map(|(r, s, n)| format!("{r} {s} × {n}")).collect();
    Some(format!(
        "behind it: {}; next: `gatewayctl preflight` names the gateway's own bugs on those routes, `gatewayctl rollback emergency` switches the limiter off in seconds",
        routes.join(", ")
    ))
}

impl LevelChange {
    /// Is this change worth waking someone? Every change is shown, but a
    /// traffic metric going to or from "no data" is not alerted.
    pub fn worth_alerting(&self) -> bool {
        let quiet = self.from == Level::Unknown || self.to == Level::Unknown;
        !(quiet && FROM_TRAFFIC.contains(&self.metric.as_str()))
    }
}

/// Remembers levels between intervals and reports the changes.
#[derive(Debug, Clone, Default)]
pub struct Alerts {
    last: BTreeMap<String, Level>,
}

impl Alerts {
    pub fn changes(
        &mut self,
        levels: &BTreeMap<String, Level>,
        values: &BTreeMap<String, Option<f64>>,
    ) -> Vec<LevelChange> {
        let mut out = Vec::new();
        for (metric, &to) in levels {
            let from = self.last.insert(metric.clone(), to).unwrap_or(Level::Normal);
            if from != to {
                out.push(LevelChange { metric: metric.clone(), from, to, value: values[metric] });
            }
        }
        out
    }
}

/// `metric` at alert for `after` consecutive intervals rolls back `feature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardRule {
    pub metric: String,
    pub feature: String,
    pub after: u32,
}

/// The automatic rollback guard: counts consecutive alerts, acts once per feature.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    rules: Vec<GuardRule>,
    streak: BTreeMap<String, u32>,
    done: Vec<String>,
}

impl Guard {
    pub fn new(rules: Vec<GuardRule>) -> Guard {
        Guard { rules, ..Guard::default() }
    }

    /// The features to roll back now.
    pub fn acting(&mut self, levels: &BTreeMap<String, Level>) -> Vec<GuardRule> {
        for (metric, level) in levels {
            let s = self.streak.entry(metric.clone()).or_default();
            *s = if *level == Level::Alert { *s + 1 } else { 0 };
        }
        let mut act = Vec::new();
        for rule in &self.rules {
            let held = self.streak.get(&rule.metric).copied().unwrap_or(0) >= rule.after.max(1);
            if held && !self.done.contains(&rule.feature) {
                self.done.push(rule.feature.clone());
                act.push(rule.clone());
            }
        }
        act
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_over_a_sliding_window() {
        let mut w = Window::new(10_000);
        for i in 0..10 {
            w.record(
                i * 100,
                &LogEvent::ApiRequest { status: if i < 2 { 503 } else { 200 }, duration_ms: (i * 10) as f64 },
            );
        }
        w.record(500, &LogEvent::RateLimited);
        w.record(600, &LogEvent::BreakerOpened);
        let f = w.figures(1_000);
        assert_eq!((f.requests, f.server_errors, f.breaker_opens, f.rate_limit_hits), (10, 2, 1, 1));
        assert_eq!(f.error_rate_percent, 20.0);
        assert_eq!(f.rate_limit_hits_per_hour, 360.0, "1 hit in 10 s is 360 an hour");
        assert_eq!(f.response_p95_ms, 90.0);
        assert_eq!(w.figures(20_000).requests, 0, "everything left the window");
    }

    #[test]
    fn alerts_on_change_and_the_guard_acts_once_after_n_intervals() {
        let t = Thresholds::plan();
        let mut alerts = Alerts::default();
        let mut guard =
            Guard::new(vec![GuardRule { metric: "breaker_opens".into(), feature: "circuit-breaker".into(), after: 2 }]);
        let mut w = Window::new(10_000);
        w.record(0, &LogEvent::ApiRequest { status: 200, duration_ms: 5.0 });
        let answered = crate::core::accesslog::Access { method: "POST", path: VALIDATED_ROUTE, status: 200 };
        w.record_access(0, &answered);
        let seen =
            Readings { redis_memory_mb: Some(10.0), log_readable: true, health_failures: 0, access_log_readable: true };
        let calm = values(&w.figures(0), &seen);
        assert!(alerts.changes(&levels(&t, &calm), &calm).is_empty());
        let mut hot = calm.clone();
        hot.insert("breaker_opens".into(), Some(3.0));
        let l = levels(&t, &hot);
        assert_eq!(alerts.changes(&l, &hot)[0].to, Level::Alert);
        assert!(guard.acting(&l).is_empty(), "one interval is not enough");
        assert_eq!(guard.acting(&l).len(), 1, "two consecutive alerts act");
        assert!(guard.acting(&l).is_empty(), "at most once per feature");
        assert_eq!(alerts.changes(&levels(&t, &calm), &calm)[0].to, Level::Normal);
    }

    #[test]
    fn the_422_share_counts_only_the_validated_route() {
        use crate::core::accesslog::Access;
        let mut w = Window::new(10_000);
        let call = |status| Access { method: "POST", path: VALIDATED_ROUTE, status };
        for status in [200, 422, 422, 200] {
            w.record_access(0, &call(status));
        }
        w.record_access(0, &Access { method: "POST", path: "/api/v2/bookings", status: 422 });
        let read =
            Readings { redis_memory_mb: None, log_readable: true, health_failures: 0, access_log_readable: true };
        let v = values(&w.figures(0), &read);
        assert_eq!(v["validation_refused_percent"], Some(50.0));
        assert_eq!(levels(&Thresholds::plan(), &v)["validation_refused_percent"], Level::Alert);
        let unread = Readings { access_log_readable: false, ..read };
        assert_eq!(values(&w.figures(0), &unread)["validation_refused_percent"], None);
    }

    #[test]
    fn nothing_seen_is_unknown_never_normal() {
        let t = Thresholds::plan();
        let dead =
            Readings { redis_memory_mb: None, log_readable: true, health_failures: 3, access_log_readable: false };
        let l = levels(&t, &values(&Window::new(1000).figures(0), &dead));
        assert_eq!(l["error_rate_percent"], Level::Unknown, "no request: no error rate");
        assert_eq!(l["response_time_ms"], Level::Unknown);
        assert_eq!(l["redis_memory_mb"], Level::Unknown, "Redis down is not 0 MB");
        assert_eq!(l["health_failures"], Level::Alert);
        assert_eq!(l["validation_refused_percent"], Level::Unknown, "no access log: no 422 share");
        let mut alerts = Alerts::default();
        let v = values(&Window::new(1000).figures(0), &dead);
        let changes = alerts.changes(&l, &v);
        let alerted: Vec<&str> = changes.iter().filter(|c| c.worth_alerting()).map(|c| c.metric.as_str()).collect();
        assert_eq!(alerted, ["health_failures", "redis_memory_mb"], "no traffic is quiet, Redis down is not");
    }
}
