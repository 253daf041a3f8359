//! Before/after comparisons that say whether a change is beyond noise.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::judge::{self, Call};

use super::latency::{Latency, UNITS_PER_MS};
use super::tally::{figures, percent, RouteFigures, Tally};

/// Too few requests for a percentile or a rate to mean anything: the judge's minimum.
pub const MIN_SAMPLE: u64 = judge::MIN_SAMPLES;

/// What the gateway looked like before a change: kept in the state
/// directory by preflight and activate, read by `report`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// RFC 3339, UTC.
    pub recorded_at: String,
    /// Which command recorded it.
    pub by: String,
    /// The log window it covers (log timestamps) and its length.
    pub from: String,
    pub to: String,
    pub span_s: u64,
    pub files: usize,
    pub lines: u64,
    pub routes: BTreeMap<String, RouteFigures>,
    pub requests: u64,
    pub server_errors: u64,
    /// Of those, 503s while Cal.com was unavailable.
    #[serde(default)]
    pub upstream_unavailable: u64,
    pub rate_limited: u64,
    pub breaker_opens: u64,
    pub redis_memory_mb: Option<f64>,
    /// Key pattern → count (`None`: Redis did not answer).
    pub keys: BTreeMap<String, Option<u64>>,
}

/// How one figure moved, and the judge's call on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    pub metric: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub change_percent: Option<f64>,
    pub verdict: Call,
    /// Samples (requests) before and after.
    #[serde(default)]
    pub samples: [u64; 2],
    /// The 98 % interval of after − before, in the figure's unit.
    #[serde(default)]
    pub interval: Option<[f64; 2]>,
    /// The smallest change that matters (±), in the figure's unit.
    #[serde(default)]
    pub tolerance: Option<f64>,
}

/// One route before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteChange {
    pub route: String,
    pub before: Option<RouteFigures>,
    pub after: Option<RouteFigures>,
    pub shifts: Vec<Shift>,
}

/// Compares each route's baseline with the period, figure by figure, by
/// the rule of [`judge`]: the median by Mann-Whitney's shift interval, p95
/// and p99 by their order-statistic intervals, the error rate by
/// Newcombe's interval, each at 98 % with its tolerance and 50 requests a
/// side as the minimum.
pub fn compare(before: &BTreeMap<String, RouteFigures>, after: &Tally, span_ms: u64) -> Vec<RouteChange> {
    let mut routes: Vec<&String> = before.keys().chain(after.routes.keys()).collect();
    routes.sort();
    routes.dedup();
    routes
        .into_iter()
        .map(|route| {
            let b = before.get(route);
            let a = after.routes.get(route);
            let b_lat = b.map(|b| Latency::from_pairs(&b.latency)).unwrap_or_default();
            let a_lat = a.map(|a| a.latency.clone()).unwrap_or_default();
            // A baseline kept without its histogram (an older one) still has
            // its figures and request count: shown, and never judged.
            let before_n = if b_lat.is_empty() { b.map_or(0, |b| b.requests) } else { b_lat.len() };
            let samples = (before_n, a_lat.len());
            let mut shifts = Vec::new();
            let kept = |f: fn(&RouteFigures) -> Option<f64>| b.and_then(f);
            for (name, q, kept) in [
                ("p50_ms", 0.50, kept(|b| b.p50_ms)),
                ("p95_ms", 0.95, kept(|b| b.p95_ms)),
                ("p99_ms", 0.99, kept(|b| b.p99_ms)),
            ] {
                let (bv, av) = (b_lat.quantile(q).or(kept), a_lat.quantile(q));
                let interval = if q == 0.50 {
                    judge::shift_interval(&b_lat.to_pairs(), &a_lat.to_pairs())
                        .map(|(lo, hi)| (lo as f64 / UNITS_PER_MS, hi as f64 / UNITS_PER_MS))
                } else {
                    b_lat
                        .quantile_interval(q)
                        .zip(a_lat.quantile_interval(q))
                        .map(|(b, a)| judge::quantile_difference(b, a))
                };
                let tolerance = bv.map(|bv| judge::LATENCY_TOLERANCE * bv.max(1.0 / UNITS_PER_MS));
                shifts.push(shift(name, bv, av, samples, interval, tolerance));
            }
            let (bn, be) =
                b.map_or((0, 0), |b| (b.requests, b.server_errors - b.upstream_unavailable.min(b.server_errors)));
            let (an, ae) = a.map_or((0, 0), |a| (a.requests, a.server_errors - a.upstream_unavailable));
            let b_rate = b.map(|b| b.error_rate_percent);
            let a_rate = a.map(|a| percent(a.server_errors - a.upstream_unavailable, a.requests));
            shifts.push(shift(
                "error_rate_percent",
                b_rate,
                a_rate,
                (bn, an),
                judge::rate_difference((be, bn), (ae, an)),
                Some(judge::ERROR_RATE_TOLERANCE_PP),
            ));
            RouteChange {
                route: route.clone(),
                before: b.map(|b| RouteFigures { latency: Vec::new(), ..b.clone() }),
                after: a.map(|a| figures(a, span_ms, false)),
                shifts,
            }
        })
        .collect()
}

pub(super) fn shift(
    metric: &str,
    before: Option<f64>,
    after: Option<f64>,
    samples: (u64, u64),
    interval: Option<(f64, f64)>,
    tolerance: Option<f64>,
) -> Shift {
    let change_percent = match (before, after) {
        (Some(b), Some(a)) if b > 0.0 => Some((a - b) * 100.0 / b),
        _ => None,
    };
    let verdict = match (before, after, tolerance) {
        (Some(b), Some(a), Some(t)) => judge::call(samples, a - b, interval, t),
        _ if samples.0 == 0 || samples.1 == 0 => Call::NoData,
        _ => Call::NotEnoughData,
    };
    Shift {
        metric: metric.into(),
        before,
        after,
        change_percent,
        verdict,
        samples: [samples.0, samples.1],
        interval: interval.map(|(lo, hi)| [lo, hi]),
        tolerance,
    }
}

/// The judge's call on a shift in words, each value beside its threshold:
/// "not enough data to tell (n = 12 / 40, needs 50 a side)", "worse: +4.1
/// to +6.0 ms at 98 %, beyond ±2.0 ms".
pub fn judgement(s: &Shift, unit: &str) -> String {
    let [bn, an] = s.samples;
    let min = judge::MIN_SAMPLES;
    let tol = s.tolerance.map_or(String::new(), |t| format!("±{t:.1} {unit}"));
    let interval = s
        .interval
        .map_or(String::new(), |[lo, hi]| format!("{lo:+.1} to {hi:+.1} {unit} at {:.0} %", judge::CONFIDENCE_PERCENT));
    match s.verdict {
        Call::Worse => format!("worse: {interval}, beyond {tol}"),
        Call::Better => format!("better: {interval}, beyond {tol}"),
        Call::Unchanged => format!("unchanged: {interval}, within {tol}"),
        Call::NotEnoughData if bn < min || an < min => {
            format!("not enough data to tell (n = {bn} / {an}, needs {min} a side)")
        }
        Call::NotEnoughData if s.interval.is_none() => format!("not enough data to tell (n = {bn} / {an})"),
        Call::NotEnoughData => format!("not enough data to tell (n = {bn} / {an}): {interval}, wider than {tol}"),
        Call::NoData => match (bn, an) {
            (0, 0) => "no data".into(),
            (0, _) => "no data before".into(),
            _ => "no data after".into(),
        },
    }
}
