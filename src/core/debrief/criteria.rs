//! The plan's Success Criteria, per window (first hours, first day, first
//! week), each with its evidence.

use serde::{Deserialize, Serialize};

use crate::core::judge::{self, Call};

use super::breaker::OpenPeriod;
use super::compare::{judgement, shift, Baseline, RouteChange, MIN_SAMPLE};
use super::identities::LimitReview;
use super::memory::{stable_rule, MemoryTrend};
use super::tally::{percent, Tally};

/// The plan's "over 50 violations: limits may be too strict" (Within 24 Hours).
pub const VIOLATIONS_TOO_MANY: u64 = 50;

/// The plan's "Response times < 500ms" (First 2 Hours).
pub const RESPONSE_TIME_LIMIT_MS: f64 = 500.0;

/// A Success Criterion's or a task's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionVerdict {
    Pass,
    Fail,
    NotEnoughData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub verdict: CriterionVerdict,
    pub evidence: String,
}

pub(super) fn criterion(name: &str, verdict: CriterionVerdict, evidence: String) -> Criterion {
    Criterion { name: name.into(), verdict, evidence }
}

pub(super) fn judged(ok: bool) -> CriterionVerdict {
    if ok {
        CriterionVerdict::Pass
    } else {
        CriterionVerdict::Fail
    }
}

/// The plan's "Success Criteria" for one window after activation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaWindow {
    pub name: String,
    /// The window, unix ms; `to` is capped at the report's end.
    pub from_ms: u64,
    pub to_ms: u64,
    /// Is the window over (the report covers all of it)?
    pub complete: bool,
    pub criteria: Vec<Criterion>,
}

/// What the criteria are judged on, for one window.
pub struct WindowFacts<'a> {
    pub tally: &'a Tally,
    /// The whole window lies in the log read.
    pub complete: bool,
    pub baseline: Option<&'a Baseline>,
    pub periods: &'a [OpenPeriod],
    pub memory: &'a MemoryTrend,
    /// Unsanitized values found in the logs of the window (`None`: not scanned).
    pub unsanitized: Option<u64>,
    /// The breaker's state now, when the window reaches now.
    pub breaker_now: Option<String>,
    /// The breaker's states as watch sampled them in the window (unix ms, state).
    pub breaker_sampled: &'a [(u64, String)],
}

/// First 2 Hours, as watch judges them.
pub fn first_hours(f: &WindowFacts) -> Vec<Criterion> {
    let t = f.tally;
    let (n, e) = (t.requests(), t.own_server_errors());
    let upstream = match t.upstream_unavailable() {
        0 => String::new(),
        u => format!(", besides {u} 503(s) answered while Cal.com was unavailable (the breaker's job)"),
    };
    let no_traffic = || "no API request was logged in the window".to_string();
    vec![
        match (n, f.baseline) {
            (0, _) => criterion("Zero 5xx errors introduced", CriterionVerdict::NotEnoughData, no_traffic()),
            (n, Some(b)) if b.server_errors > 0 && b.requests > 0 => criterion(
                "Zero 5xx errors introduced",
                judged(percent(e, n) <= percent(b.server_errors, b.requests)),
                format!(
                    "{e} 5xx of {n} requests ({:.2} %){upstream}; {:.2} % before",
                    percent(e, n),
                    percent(b.server_errors, b.requests)
                ),
            ),
            (n, _) => {
                criterion("Zero 5xx errors introduced", judged(e == 0), format!("{e} 5xx of {n} requests{upstream}"))
            }
        },
        match t.limited {
            0 => criterion(
                "Rate limiting working (429 responses for excessive requests)",
                CriterionVerdict::NotEnoughData,
                "no client exceeded a limit in the window; `gatewayctl stress rate-limit` proves it".into(),
            ),
            v => criterion(
                "Rate limiting working (429 responses for excessive requests)",
                CriterionVerdict::Pass,
                format!("{v} rejection(s) logged"),
            ),
        },
        match f.unsanitized {
            None => criterion(
                "Log sanitization active (no sensitive data in logs)",
                CriterionVerdict::NotEnoughData,
                "no log file of the period was scanned".into(),
            ),
            Some(_) if t.lines == 0 => criterion(
                "Log sanitization active (no sensitive data in logs)",
                CriterionVerdict::NotEnoughData,
                "no log line in the window".into(),
            ),
            Some(u) => criterion(
                "Log sanitization active (no sensitive data in logs)",
                judged(u == 0),
                format!("{u} unsanitized value(s) in the logs scanned"),
            ),
        },
        breaker_closed("Circuit breaker in CLOSED state", f),
        match t.latency().quantile(0.95) {
            None => criterion("Response times < 500ms", CriterionVerdict::NotEnoughData, no_traffic()),
            Some(p95) => criterion(
                "Response times < 500ms",
                judged(p95 < RESPONSE_TIME_LIMIT_MS),
                format!("p95 {p95:.1} ms (the limit {RESPONSE_TIME_LIMIT_MS:.0} ms) over {n} requests"),
            ),
        },
    ]
}

pub(super) fn breaker_closed(name: &str, f: &WindowFacts) -> Criterion {
    let opened = f.periods.len();
    // Open since before the window, it logs no transition in it: watch's samples still saw it.
    let sampled_open = f.breaker_sampled.iter().find(|(_, s)| s != "closed");
    match (opened, f.breaker_now.as_deref(), f.complete) {
        (0, Some(now), _) if now != "closed" => {
            criterion(name, CriterionVerdict::Fail, format!("no transition logged, but it is {now} now"))
        }
        (0, _, _) if sampled_open.is_some() => {
            let (at, state) = sampled_open.expect("checked");
            let when = chrono::DateTime::from_timestamp_millis(*at as i64)
                .map_or(at.to_string(), |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string());
            criterion(name, CriterionVerdict::Fail, format!("no transition logged, but watch saw it {state} at {when}"))
        }
        (0, _, _) if f.tally.lines == 0 => {
            criterion(name, CriterionVerdict::NotEnoughData, "no log line in the window".into())
        }
        (0, _, _) => criterion(name, CriterionVerdict::Pass, format!("no transition in {} log line(s)", f.tally.lines)),
        (n, _, _) => {
            let longest = f.periods.iter().map(|p| p.duration_s).fold(0.0, f64::max);
            criterion(name, CriterionVerdict::Fail, format!("opened {n} time(s), the longest for {longest:.0} s"))
        }
    }
}

/// First 24 Hours.
pub fn first_day(f: &WindowFacts, limits: &LimitReview) -> Vec<Criterion> {
    let t = f.tally;
    vec![
        match (t.requests(), limits.refused_in_normal_use + limits.repeated_bursts) {
            (0, _) => criterion(
                "No legitimate users blocked by rate limiting",
                CriterionVerdict::NotEnoughData,
                "no API request was logged in the window".into(),
            ),
            (_, 0) => criterion(
                "No legitimate users blocked by rate limiting",
                CriterionVerdict::Pass,
                format!(
                    "{} identit(ies) refused, each in a single burst; {} never refused",
                    limits.identities_limited,
                    limits.identities_seen - limits.identities_limited
                ),
            ),
            (_, n) => criterion(
                "No legitimate users blocked by rate limiting",
                CriterionVerdict::Fail,
                format!("{n} identit(ies) refused in more than one episode: a person should check them (listed below)"),
            ),
        },
        breaker_closed("Circuit breaker remains closed (Cal.com healthy)", f),
        match f.memory.stable {
            None => criterion(
                "Redis memory usage stable",
                CriterionVerdict::NotEnoughData,
                format!("{} reading(s) of Redis memory; `gatewayctl watch` records them", f.memory.readings),
            ),
            Some(stable) => criterion(
                "Redis memory usage stable",
                judged(stable),
                format!(
                    "{:.1} MB to {:.1} MB over {} reading(s) ({})",
                    f.memory.first_mb.unwrap_or(0.0),
                    f.memory.last_mb.unwrap_or(0.0),
                    f.memory.readings,
                    stable_rule()
                ),
            ),
        },
        error_rate_kept(f),
    ]
}

pub(super) fn error_rate_kept(f: &WindowFacts) -> Criterion {
    let name = "Error rate unchanged or improved";
    let (n, e) = (f.tally.requests(), f.tally.own_server_errors());
    let Some(b) = f.baseline else {
        return criterion(name, CriterionVerdict::NotEnoughData, "no baseline: nothing to compare with".into());
    };
    let be = b.server_errors.saturating_sub(b.upstream_unavailable);
    let s = shift(
        "error_rate_percent",
        (b.requests > 0).then(|| percent(be, b.requests)),
        (n > 0).then(|| percent(e, n)),
        (b.requests, n),
        judge::rate_difference((be, b.requests), (e, n)),
        Some(judge::ERROR_RATE_TOLERANCE_PP),
    );
    let evidence = format!(
        "{} % 5xx before ({} requests), {} % after ({n}): {}; 503s while Cal.com was unavailable left out",
        s.before.map_or("-".into(), |v| format!("{v:.2}")),
        b.requests,
        s.after.map_or("-".into(), |v| format!("{v:.2}")),
        judgement(&s, "pp")
    );
    let verdict = match s.verdict {
        Call::Worse => CriterionVerdict::Fail,
        Call::Better | Call::Unchanged => CriterionVerdict::Pass,
        Call::NotEnoughData | Call::NoData => CriterionVerdict::NotEnoughData,
    };
    criterion(name, verdict, evidence)
}

/// A route's latency in one call: worse if a figure is; else not enough
/// data if a figure cannot be told; else no data; else unchanged or better.
pub(super) fn latency_call(r: &RouteChange) -> Call {
    let calls: Vec<Call> = r.shifts.iter().filter(|s| s.metric != "error_rate_percent").map(|s| s.verdict).collect();
    [Call::Worse, Call::NotEnoughData, Call::NoData, Call::Unchanged]
        .into_iter()
        .find(|c| calls.contains(c))
        .unwrap_or(Call::Better)
}

/// First Week.
pub fn first_week(f: &WindowFacts, limits: &LimitReview, latency: &[RouteChange]) -> Vec<Criterion> {
    let blocked = limits.limited.iter().filter(|l| l.blocks > 0).count();
    let names = |call: Call| -> Vec<&str> {
        latency.iter().filter(|r| latency_call(r) == call).map(|r| r.route.as_str()).collect()
    };
    // A route with too few requests a side is said but does not hold the
    // criterion back (a rare route would, forever); one with enough and an
    // interval too wide does.
    let enough = |r: &RouteChange| r.shifts.first().is_some_and(|s| s.samples.iter().all(|&n| n >= MIN_SAMPLE));
    let worse = names(Call::Worse);
    let unsure: Vec<&str> = latency
        .iter()
        .filter(|r| latency_call(r) == Call::NotEnoughData && enough(r))
        .map(|r| r.route.as_str())
        .collect();
    let few = latency.iter().filter(|r| !enough(r)).count();
    let told = latency.iter().filter(|r| latency_call(r).is_judged()).count();
    let few = match few {
        0 => String::new(),
        n => format!("; {n} route(s) with fewer than {MIN_SAMPLE} requests a side not judged"),
    };
    vec![
        match (limits.abuse_blocks, blocked) {
            (0, _) if limits.violations == 0 => criterion(
                "API abuse attempts blocked",
                CriterionVerdict::NotEnoughData,
                "no client exceeded a limit: no abuse attempt to judge".into(),
            ),
            (0, _) => criterion(
                "API abuse attempts blocked",
                CriterionVerdict::Pass,
                format!(
                    "{} excess request(s) refused with 429; no client kept on long enough to be blocked",
                    limits.violations
                ),
            ),
            (n, _) => criterion(
                "API abuse attempts blocked",
                CriterionVerdict::Pass,
                format!("{n} abuse block(s); {} excess request(s) refused", limits.violations),
            ),
        },
        match f.baseline {
            None => criterion(
                "Performance stable or improved",
                CriterionVerdict::NotEnoughData,
                "no baseline: nothing to compare with".into(),
            ),
            Some(_) if !worse.is_empty() => criterion(
                "Performance stable or improved",
                CriterionVerdict::Fail,
                format!("slower beyond the tolerance: {}", worse.join(", ")),
            ),
            Some(_) if !unsure.is_empty() || told == 0 => criterion(
                "Performance stable or improved",
                CriterionVerdict::NotEnoughData,
                format!(
                    "{told} route(s) judged unchanged or better; not enough data to tell on {} route(s){}{few}",
                    unsure.len(),
                    if unsure.is_empty() { String::new() } else { format!(": {}", unsure.join(", ")) }
                ),
            ),
            Some(_) => criterion(
                "Performance stable or improved",
                CriterionVerdict::Pass,
                format!("{told} route(s) judged unchanged or better, none slower{few}"),
            ),
        },
        match f.unsanitized {
            None => criterion(
                "No security incidents from logged sensitive data",
                CriterionVerdict::NotEnoughData,
                "no log file of the period was scanned".into(),
            ),
            Some(u) => criterion(
                "No security incidents from logged sensitive data",
                judged(u == 0),
                format!("{u} unsanitized value(s) in the logs of the period"),
            ),
        },
        match f.periods.len() {
            0 => criterion(
                "Circuit breaker successfully handles Cal.com outages",
                CriterionVerdict::NotEnoughData,
                "the breaker never opened: no Cal.com outage to judge".into(),
            ),
            n => {
                let unclosed = f.periods.iter().filter(|p| p.closed_ms.is_none()).count();
                criterion(
                    "Circuit breaker successfully handles Cal.com outages",
                    judged(unclosed == 0),
                    format!(
                        "{n} outage(s): {} closed again, {unclosed} still open; {} call(s) refused fast while open",
                        n - unclosed,
                        f.periods.iter().map(|p| p.refused).sum::<u64>()
                    ),
                )
            }
        },
    ]
}
