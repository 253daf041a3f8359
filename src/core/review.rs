//! The plan's post-activation review, pure: log records tallied per period
//! (mergeable, so files can be read side by side), figures per route with
//! bounded memory (a histogram, never every duration), before/after
//! comparisons that say whether a change is beyond noise, rate-limited
//! identities told apart (one burst, or a user refused through normal use),
//! the breaker's open periods, and the plan's checklist and Success
//! Criteria, each with its evidence. Time is passed in; nothing reads a clock.

use std::collections::{BTreeMap, HashMap};

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use crate::core::judge::{self, Call};
use crate::core::logline::Record;

/// Durations are kept in units of 10 µs (the log has two decimals of a ms),
/// up to an hour, to two significant digits.
const UNITS_PER_MS: f64 = 100.0;
const HIGHEST: u64 = 3_600_000 * 100;

/// Distinct routes kept by name; more (a scanner's random URLs) are pooled.
const MAX_ROUTES: usize = 64;
pub const OTHER_ROUTES: &str = "(other routes)";
/// Identities tracked; beyond, rejections are counted but not attributed.
const MAX_IDENTITIES: usize = 200_000;
/// Breaker transitions kept (a flapping breaker logs many).
const MAX_TRANSITIONS: usize = 10_000;
/// Rejections of one identity further apart than this are separate episodes.
pub const EPISODE_GAP_MS: u64 = 10 * 60_000;
/// Too few requests for a percentile or a rate to mean anything: the judge's minimum.
pub const MIN_SAMPLE: u64 = judge::MIN_SAMPLES;
/// Redis memory that moved less than this share, or less than this many MB, is stable.
const MEMORY_STABLE_SHARE: f64 = 0.20;
const MEMORY_STABLE_MB: f64 = 5.0;
/// The rule above in words, beside every memory figure it judges.
fn stable_rule() -> String {
    format!(
        "stable means it moved less than {MEMORY_STABLE_MB:.0} MB or {:.0} % of the first",
        MEMORY_STABLE_SHARE * 100.0
    )
}
/// The plan's "over 50 violations: limits may be too strict" (Within 24 Hours).
pub const VIOLATIONS_TOO_MANY: u64 = 50;
/// The plan's "Response times < 500ms" (First 2 Hours).
pub const RESPONSE_TIME_LIMIT_MS: f64 = 500.0;

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

/// One route's requests in a period.
#[derive(Debug, Clone, Default)]
pub struct RouteTally {
    pub requests: u64,
    pub server_errors: u64,
    /// Answered 429 (when the request log sees them).
    pub too_many: u64,
    /// 503s while Cal.com was unavailable (routes that ask it).
    pub upstream_unavailable: u64,
    pub latency: Latency,
}

impl RouteTally {
    fn merge(&mut self, o: &RouteTally) {
        self.requests += o.requests;
        self.server_errors += o.server_errors;
        self.too_many += o.too_many;
        self.upstream_unavailable += o.upstream_unavailable;
        self.latency.merge(&o.latency);
    }
}

/// One identity (md5, as the log has it).
#[derive(Debug, Clone, Default)]
pub struct IdentityTally {
    /// Requests it was served (logged by api.logging).
    pub served: u64,
    /// "Rate limit exceeded" lines.
    pub limited: u64,
    /// Rejections per minute: (unix minute, count), sorted, one entry per
    /// minute (a Vec: most identities are refused in a minute or two).
    pub limited_minutes: Vec<(u32, u32)>,
    pub blocks: u64,
}

impl IdentityTally {
    /// Counts `n` rejections in `minute`, keeping the minutes sorted (a
    /// log is mostly in order: the common case is the last entry or a push).
    fn limited_in(&mut self, minute: u32, n: u32) {
        match self.limited_minutes.last_mut() {
            Some(last) if last.0 == minute => last.1 += n,
            Some(last) if last.0 < minute => self.limited_minutes.push((minute, n)),
            None => self.limited_minutes.push((minute, n)),
            Some(_) => match self.limited_minutes.binary_search_by_key(&minute, |m| m.0) {
                Ok(at) => self.limited_minutes[at].1 += n,
                Err(at) => self.limited_minutes.insert(at, (minute, n)),
            },
        }
    }
}

/// A breaker's transition as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub at_ms: u64,
    pub service: String,
    /// open, half_open or closed.
    pub state: String,
}

/// What the log says about one period. Mergeable: files are tallied apart
/// and joined, so order across files does not matter.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub lines: u64,
    pub first_ms: Option<u64>,
    pub last_ms: Option<u64>,
    pub routes: BTreeMap<String, RouteTally>,
    /// "Rate limit exceeded" lines per hour (unix hour start, ms).
    pub limited_per_hour: BTreeMap<u64, u64>,
    pub requests_per_hour: BTreeMap<u64, u64>,
    pub limited: u64,
    pub identities: HashMap<String, IdentityTally>,
    /// Rejections of identities past MAX_IDENTITIES.
    pub unattributed: u64,
    pub abuse_blocks: u64,
    pub transitions: Vec<Transition>,
    pub transitions_dropped: u64,
    /// 503s on the routes that ask Cal.com, per second (unix s → count).
    pub upstream_refusals: BTreeMap<u64, u32>,
    pub slow_responses: u64,
    pub error_lines: u64,
}

/// The route a request counts under: method and path, with ids folded.
pub fn route_of(method: &str, path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let folded: Vec<&str> = path
        .split('/')
        .map(|seg| {
            let id = !seg.is_empty()
                && (seg.bytes().all(|b| b.is_ascii_digit())
                    || (seg.len() >= 16 && seg.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')));
            if id {
                "{id}"
            } else {
                seg
            }
        })
        .collect();
    format!("{} {}", if method.is_empty() { "?" } else { method }, folded.join("/"))
}

/// Does this route ask Cal.com (through the breaker)?
fn asks_upstream(path: &str) -> bool {
    path.starts_with("/api/v2/availability") || path.starts_with("/api/v2/bookings")
}

impl Tally {
    pub fn add(&mut self, at_ms: u64, record: &Record) {
        self.lines += 1;
        self.first_ms = Some(self.first_ms.map_or(at_ms, |f| f.min(at_ms)));
        self.last_ms = Some(self.last_ms.map_or(at_ms, |l| l.max(at_ms)));
        let hour = at_ms - at_ms % 3_600_000;
        match record {
            Record::ApiRequest { method, path, status, duration_ms, identity } => {
                let mut key = route_of(method, path);
                if !self.routes.contains_key(&key) && self.routes.len() >= MAX_ROUTES {
                    key = OTHER_ROUTES.to_string();
                }
                let r = self.routes.entry(key).or_default();
                r.requests += 1;
                r.server_errors += u64::from(*status >= 500);
                r.too_many += u64::from(*status == 429);
                r.latency.record(*duration_ms);
                if *status == 503 && asks_upstream(path) {
                    r.upstream_unavailable += 1;
                }
                *self.requests_per_hour.entry(hour).or_default() += 1;
                if *status == 503 && asks_upstream(path) {
                    *self.upstream_refusals.entry(at_ms / 1000).or_default() += 1;
                }
                if !identity.is_empty() {
                    if let Some(i) = self.identity(identity) {
                        i.served += 1;
                    }
                }
            }
            Record::RateLimited { identity, .. } => {
                self.limited += 1;
                *self.limited_per_hour.entry(hour).or_default() += 1;
                match self.identity(identity) {
                    Some(i) => {
                        i.limited += 1;
                        i.limited_in((at_ms / 60_000) as u32, 1);
                    }
                    None => self.unattributed += 1,
                }
            }
            Record::AbuseBlocked { identity } => {
                self.abuse_blocks += 1;
                if let Some(i) = self.identity(identity) {
                    i.blocks += 1;
                }
            }
            Record::Breaker { service, state } => {
                if self.transitions.len() < MAX_TRANSITIONS {
                    self.transitions.push(Transition { at_ms, service: service.to_string(), state: state.to_string() });
                } else {
                    self.transitions_dropped += 1;
                }
            }
            Record::SlowResponse => self.slow_responses += 1,
            Record::Error => self.error_lines += 1,
            Record::Other => {}
        }
    }

    fn identity(&mut self, id: &str) -> Option<&mut IdentityTally> {
        if !self.identities.contains_key(id) && self.identities.len() >= MAX_IDENTITIES {
            return None;
        }
        Some(self.identities.entry(id.to_string()).or_default())
    }

    pub fn merge(&mut self, o: Tally) {
        self.lines += o.lines;
        self.first_ms = [self.first_ms, o.first_ms].into_iter().flatten().min();
        self.last_ms = [self.last_ms, o.last_ms].into_iter().flatten().max();
        for (k, r) in o.routes {
            let key =
                if !self.routes.contains_key(&k) && self.routes.len() >= MAX_ROUTES { OTHER_ROUTES.into() } else { k };
            self.routes.entry(key).or_default().merge(&r);
        }
        for (h, n) in o.limited_per_hour {
            *self.limited_per_hour.entry(h).or_default() += n;
        }
        for (h, n) in o.requests_per_hour {
            *self.requests_per_hour.entry(h).or_default() += n;
        }
        self.limited += o.limited;
        for (id, t) in o.identities {
            match self.identity(&id) {
                Some(mine) => {
                    mine.served += t.served;
                    mine.limited += t.limited;
                    mine.blocks += t.blocks;
                    for (m, n) in t.limited_minutes {
                        mine.limited_in(m, n);
                    }
                }
                None => self.unattributed += t.limited,
            }
        }
        self.unattributed += o.unattributed;
        self.abuse_blocks += o.abuse_blocks;
        let room = MAX_TRANSITIONS.saturating_sub(self.transitions.len());
        self.transitions_dropped += o.transitions_dropped + o.transitions.len().saturating_sub(room) as u64;
        self.transitions.extend(o.transitions.into_iter().take(room));
        for (s, n) in o.upstream_refusals {
            *self.upstream_refusals.entry(s).or_default() += n;
        }
        self.slow_responses += o.slow_responses;
        self.error_lines += o.error_lines;
    }

    pub fn requests(&self) -> u64 {
        self.routes.values().map(|r| r.requests).sum()
    }

    pub fn server_errors(&self) -> u64 {
        self.routes.values().map(|r| r.server_errors).sum()
    }

    /// 503s on the routes that ask Cal.com: by the contract, Cal.com
    /// unavailable (or the breaker open), not an error the gateway made.
    pub fn upstream_unavailable(&self) -> u64 {
        self.upstream_refusals.values().map(|&n| u64::from(n)).sum()
    }

    /// 5xx besides those.
    pub fn own_server_errors(&self) -> u64 {
        self.server_errors().saturating_sub(self.upstream_unavailable())
    }

    /// Every route's durations together.
    pub fn latency(&self) -> Latency {
        let mut all = Latency::default();
        for r in self.routes.values() {
            all.merge(&r.latency);
        }
        all
    }
}

/// One route's figures over a period of `span_ms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteFigures {
    pub requests: u64,
    pub per_hour: f64,
    pub server_errors: u64,
    /// Of those, 503s while Cal.com was unavailable.
    #[serde(default)]
    pub upstream_unavailable: u64,
    /// 5xx besides those, per 100 requests: what the gateway itself got wrong.
    pub error_rate_percent: f64,
    pub too_many: u64,
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// The durations as (10 µs units, count): what before/after compares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub latency: Vec<(u64, u64)>,
}

pub fn figures(r: &RouteTally, span_ms: u64, keep_latency: bool) -> RouteFigures {
    RouteFigures {
        requests: r.requests,
        per_hour: r.requests as f64 * 3_600_000.0 / span_ms.max(1) as f64,
        server_errors: r.server_errors,
        upstream_unavailable: r.upstream_unavailable,
        error_rate_percent: percent(r.server_errors - r.upstream_unavailable, r.requests),
        too_many: r.too_many,
        p50_ms: r.latency.quantile(0.50),
        p95_ms: r.latency.quantile(0.95),
        p99_ms: r.latency.quantile(0.99),
        latency: if keep_latency { r.latency.to_pairs() } else { Vec::new() },
    }
}

fn percent(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

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

fn shift(
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

/// How an identity met the limiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Never refused.
    Unaffected,
    /// All its rejections in one episode: a burst (a script, a retry storm, a stress run).
    Burst,
    /// Two separate episodes.
    RepeatedBursts,
    /// Refused again and again, spread over the period: the plan's
    /// "legitimate users affected" unless a person knows better.
    RefusedInNormalUse,
}

/// One identity's line in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityLine {
    pub identity: String,
    pub pattern: Pattern,
    pub served: u64,
    pub limited: u64,
    pub episodes: u64,
    /// First and last rejection, unix ms.
    pub first_limited_ms: Option<u64>,
    pub last_limited_ms: Option<u64>,
    pub blocks: u64,
}

/// Episodes of rejection: runs of minutes with rejections no more than
/// EPISODE_GAP_MS apart.
fn episodes(minutes: impl Iterator<Item = u32>) -> u64 {
    let mut count = 0;
    let mut last: Option<u32> = None;
    for m in minutes {
        if last.is_none_or(|l| u64::from(m - l) * 60_000 > EPISODE_GAP_MS) {
            count += 1;
        }
        last = Some(m);
    }
    count
}

pub fn classify(id: &str, t: &IdentityTally) -> IdentityLine {
    let episodes = episodes(t.limited_minutes.iter().map(|m| m.0));
    let pattern = match (t.limited, episodes) {
        (0, _) => Pattern::Unaffected,
        (_, 0 | 1) => Pattern::Burst,
        (_, 2) => Pattern::RepeatedBursts,
        _ => Pattern::RefusedInNormalUse,
    };
    IdentityLine {
        identity: id.to_string(),
        pattern,
        served: t.served,
        limited: t.limited,
        episodes,
        first_limited_ms: t.limited_minutes.first().map(|m| u64::from(m.0) * 60_000),
        last_limited_ms: t.limited_minutes.last().map(|m| u64::from(m.0) * 60_000 + 59_999),
        blocks: t.blocks,
    }
}

/// The rate-limit review: totals per hour, the identities refused (most
/// refused first, up to `top`), and the busiest of those never refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitReview {
    pub violations: u64,
    pub per_hour: Vec<(u64, u64)>,
    pub worst_hour: Option<(u64, u64)>,
    pub abuse_blocks: u64,
    pub identities_seen: u64,
    pub identities_limited: u64,
    pub bursts: u64,
    pub repeated_bursts: u64,
    pub refused_in_normal_use: u64,
    pub unattributed: u64,
    /// Refused identities, most refused first.
    pub limited: Vec<IdentityLine>,
    /// The busiest identities that were never refused.
    pub unaffected: Vec<IdentityLine>,
}

pub fn limit_review(t: &Tally, top: usize) -> LimitReview {
    let mut lines: Vec<IdentityLine> = t.identities.iter().map(|(id, i)| classify(id, i)).collect();
    let count = |p: Pattern| lines.iter().filter(|l| l.pattern == p).count() as u64;
    let (bursts, repeated, normal) =
        (count(Pattern::Burst), count(Pattern::RepeatedBursts), count(Pattern::RefusedInNormalUse));
    let limited_n = lines.iter().filter(|l| l.limited > 0).count() as u64;
    lines.sort_by(|a, b| b.limited.cmp(&a.limited).then(b.served.cmp(&a.served)).then(a.identity.cmp(&b.identity)));
    let (mut limited, mut unaffected): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.limited > 0);
    limited.truncate(top);
    unaffected.truncate(top);
    LimitReview {
        violations: t.limited,
        per_hour: t.limited_per_hour.iter().map(|(&h, &n)| (h, n)).collect(),
        worst_hour: t.limited_per_hour.iter().max_by_key(|(&h, &n)| (n, std::cmp::Reverse(h))).map(|(&h, &n)| (h, n)),
        abuse_blocks: t.abuse_blocks,
        identities_seen: t.identities.len() as u64,
        identities_limited: limited_n,
        bursts,
        repeated_bursts: repeated,
        refused_in_normal_use: normal,
        unattributed: t.unattributed,
        limited,
        unaffected,
    }
}

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

/// A Success Criterion's or a task's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    NotEnoughData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub verdict: Verdict,
    pub evidence: String,
}

fn criterion(name: &str, verdict: Verdict, evidence: String) -> Criterion {
    Criterion { name: name.into(), verdict, evidence }
}

fn judged(ok: bool) -> Verdict {
    if ok {
        Verdict::Pass
    } else {
        Verdict::Fail
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
            (0, _) => criterion("Zero 5xx errors introduced", Verdict::NotEnoughData, no_traffic()),
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
                Verdict::NotEnoughData,
                "no client exceeded a limit in the window; `gatewayctl stress rate-limit` proves it".into(),
            ),
            v => criterion(
                "Rate limiting working (429 responses for excessive requests)",
                Verdict::Pass,
                format!("{v} rejection(s) logged"),
            ),
        },
        match f.unsanitized {
            None => criterion(
                "Log sanitization active (no sensitive data in logs)",
                Verdict::NotEnoughData,
                "no log file of the period was scanned".into(),
            ),
            Some(_) if t.lines == 0 => criterion(
                "Log sanitization active (no sensitive data in logs)",
                Verdict::NotEnoughData,
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
            None => criterion("Response times < 500ms", Verdict::NotEnoughData, no_traffic()),
            Some(p95) => criterion(
                "Response times < 500ms",
                judged(p95 < RESPONSE_TIME_LIMIT_MS),
                format!("p95 {p95:.1} ms (the limit {RESPONSE_TIME_LIMIT_MS:.0} ms) over {n} requests"),
            ),
        },
    ]
}

fn breaker_closed(name: &str, f: &WindowFacts) -> Criterion {
    let opened = f.periods.len();
    // Open since before the window, it logs no transition in it: watch's samples still saw it.
    let sampled_open = f.breaker_sampled.iter().find(|(_, s)| s != "closed");
    match (opened, f.breaker_now.as_deref(), f.complete) {
        (0, Some(now), _) if now != "closed" => {
            criterion(name, Verdict::Fail, format!("no transition logged, but it is {now} now"))
        }
        (0, _, _) if sampled_open.is_some() => {
            let (at, state) = sampled_open.expect("checked");
            let when = chrono::DateTime::from_timestamp_millis(*at as i64)
                .map_or(at.to_string(), |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string());
            criterion(name, Verdict::Fail, format!("no transition logged, but watch saw it {state} at {when}"))
        }
        (0, _, _) if f.tally.lines == 0 => criterion(name, Verdict::NotEnoughData, "no log line in the window".into()),
        (0, _, _) => criterion(name, Verdict::Pass, format!("no transition in {} log line(s)", f.tally.lines)),
        (n, _, _) => {
            let longest = f.periods.iter().map(|p| p.duration_s).fold(0.0, f64::max);
            criterion(name, Verdict::Fail, format!("opened {n} time(s), the longest for {longest:.0} s"))
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
                Verdict::NotEnoughData,
                "no API request was logged in the window".into(),
            ),
            (_, 0) => criterion(
                "No legitimate users blocked by rate limiting",
                Verdict::Pass,
                format!(
                    "{} identit(ies) refused, each in a single burst; {} never refused",
                    limits.identities_limited,
                    limits.identities_seen - limits.identities_limited
                ),
            ),
            (_, n) => criterion(
                "No legitimate users blocked by rate limiting",
                Verdict::Fail,
                format!("{n} identit(ies) refused in more than one episode: a person should check them (listed below)"),
            ),
        },
        breaker_closed("Circuit breaker remains closed (Cal.com healthy)", f),
        match f.memory.stable {
            None => criterion(
                "Redis memory usage stable",
                Verdict::NotEnoughData,
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

fn error_rate_kept(f: &WindowFacts) -> Criterion {
    let name = "Error rate unchanged or improved";
    let (n, e) = (f.tally.requests(), f.tally.own_server_errors());
    let Some(b) = f.baseline else {
        return criterion(name, Verdict::NotEnoughData, "no baseline: nothing to compare with".into());
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
        Call::Worse => Verdict::Fail,
        Call::Better | Call::Unchanged => Verdict::Pass,
        Call::NotEnoughData | Call::NoData => Verdict::NotEnoughData,
    };
    criterion(name, verdict, evidence)
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

/// A route's latency in one call: worse if a figure is; else not enough
/// data if a figure cannot be told; else no data; else unchanged or better.
fn latency_call(r: &RouteChange) -> Call {
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
                Verdict::NotEnoughData,
                "no client exceeded a limit: no abuse attempt to judge".into(),
            ),
            (0, _) => criterion(
                "API abuse attempts blocked",
                Verdict::Pass,
                format!(
                    "{} excess request(s) refused with 429; no client kept on long enough to be blocked",
                    limits.violations
                ),
            ),
            (n, _) => criterion(
                "API abuse attempts blocked",
                Verdict::Pass,
                format!("{n} abuse block(s); {} excess request(s) refused", limits.violations),
            ),
        },
        match f.baseline {
            None => criterion(
                "Performance stable or improved",
                Verdict::NotEnoughData,
                "no baseline: nothing to compare with".into(),
            ),
            Some(_) if !worse.is_empty() => criterion(
                "Performance stable or improved",
                Verdict::Fail,
                format!("slower beyond the tolerance: {}", worse.join(", ")),
            ),
            Some(_) if !unsure.is_empty() || told == 0 => criterion(
                "Performance stable or improved",
                Verdict::NotEnoughData,
                format!(
                    "{told} route(s) judged unchanged or better; not enough data to tell on {} route(s){}{few}",
                    unsure.len(),
                    if unsure.is_empty() { String::new() } else { format!(": {}", unsure.join(", ")) }
                ),
            ),
            Some(_) => criterion(
                "Performance stable or improved",
                Verdict::Pass,
                format!("{told} route(s) judged unchanged or better, none slower{few}"),
            ),
        },
        match f.unsanitized {
            None => criterion(
                "No security incidents from logged sensitive data",
                Verdict::NotEnoughData,
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
                Verdict::NotEnoughData,
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

/// A post-activation task's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    Done,
    Open,
    NeedsPerson,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Within 24 Hours, or Within 1 Week.
    pub when: String,
    pub task: String,
    pub state: TaskState,
    pub evidence: String,
    /// The command that does it or shows more.
    pub next: Option<String>,
}

/// What the checklist is judged on.
pub struct TaskFacts<'a> {
    /// Is RetellFunctionCallHandler wired to CollectAppointmentRequest (`None`: unreadable)?
    pub validation_wired: Option<bool>,
    pub limits: &'a LimitReview,
    pub periods: &'a [OpenPeriod],
    pub baseline: bool,
    pub latency: &'a [RouteChange],
    pub memory: &'a MemoryTrend,
    /// Unsanitized values in the period's logs, and the files scanned.
    pub unsanitized: Option<(u64, usize)>,
    /// API requests logged in the period: with none, nothing is "done" for want of events.
    pub requests: u64,
    /// The period's `stress` runs, oldest first, as journaled: the limiter
    /// judged against the model.
    pub stress: &'a [StressProof],
}

/// A `stress` run's journaled outcome.
pub struct StressProof {
    /// When, as the journal says (RFC 3339).
    pub at: String,
    pub ok: bool,
    pub summary: String,
    /// 429s where the model said 429 (`None`: journaled before it was counted).
    pub refused: Option<u64>,
}

pub fn checklist(f: &TaskFacts) -> Vec<Task> {
    let task = |when: &str, name: &str, state: TaskState, evidence: String, next: Option<&str>| Task {
        when: when.into(),
        task: name.into(),
        state,
        evidence,
        next: next.map(str::to_string),
    };
    let day = "Within 24 Hours";
    let week = "Within 1 Week";
    let l = f.limits;
    let silent = f.requests == 0;
    let mut tasks = vec![
        match f.validation_wired {
            Some(true) => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Done,
                "RetellFunctionCallHandler takes CollectAppointmentRequest".into(),
                None,
            ),
            Some(false) => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Open,
                "CollectAppointmentRequest still not wired: Fix Required open".into(),
                Some("gatewayctl integrate input-validation --impact"),
            ),
            None => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Open,
                "RetellFunctionCallHandler could not be read".into(),
                Some("gatewayctl preflight"),
            ),
        },
        {
            let suspects = l.refused_in_normal_use + l.repeated_bursts;
            let evidence = format!(
                "{} violation(s) (the plan's line: {VIOLATIONS_TOO_MANY}); {} identit(ies) refused: {} in one burst, {} refused in more than one episode",
                l.violations, l.identities_limited, l.bursts, suspects
            );
            match (l.violations > VIOLATIONS_TOO_MANY, suspects) {
                _ if silent => task(
                    day,
                    "Review rate limit violations",
                    TaskState::Open,
                    "no API request logged in the period".into(),
                    None,
                ),
                (false, 0) => task(day, "Review rate limit violations", TaskState::Done, evidence, None),
                _ => task(
                    day,
                    "Review rate limit violations",
                    TaskState::NeedsPerson,
                    format!("{evidence}: check whether legitimate users were affected"),
                    None,
                ),
            }
        },
        match f.periods.len() {
            0 if silent => task(
                day,
                "Analyze circuit breaker events",
                TaskState::Open,
                "no API request logged in the period".into(),
                None,
            ),
            0 => task(day, "Analyze circuit breaker events", TaskState::Done, "the breaker never opened".into(), None),
            n => task(
                day,
                "Analyze circuit breaker events",
                TaskState::NeedsPerson,
                format!("opened {n} time(s): investigate Cal.com connectivity, adjust thresholds if needed"),
                Some("gatewayctl breaker history"),
            ),
        },
        match (f.baseline, f.latency.iter().any(|r| latency_call(r).is_judged())) {
            (false, _) => task(
                week,
                "Compare response times before/after",
                TaskState::Open,
                "no baseline was recorded before activation".into(),
                None,
            ),
            (true, false) => task(
                week,
                "Compare response times before/after",
                TaskState::Open,
                format!("no route could be judged (fewer than {MIN_SAMPLE} requests a side, or intervals too wide)"),
                None,
            ),
            (true, true) => {
                let worse = f.latency.iter().filter(|r| latency_call(r) == Call::Worse).count();
                task(
                    week,
                    "Compare response times before/after",
                    TaskState::Done,
                    format!("{} route(s) compared, {worse} slower beyond the tolerance", f.latency.len()),
                    None,
                )
            }
        },
        match f.memory.stable {
            None => task(
                week,
                "Check Redis memory usage trend",
                TaskState::Open,
                format!("{} reading(s): not enough for a trend", f.memory.readings),
                Some("gatewayctl watch"),
            ),
            Some(true) => task(
                week,
                "Check Redis memory usage trend",
                TaskState::Done,
                format!(
                    "stable: {:+.1} MB over {} readings ({})",
                    f.memory.change_mb.unwrap_or(0.0),
                    f.memory.readings,
                    stable_rule()
                ),
                None,
            ),
            Some(false) => task(
                week,
                "Check Redis memory usage trend",
                TaskState::NeedsPerson,
                format!(
                    "growing: {:+.1} MB over {} readings ({})",
                    f.memory.change_mb.unwrap_or(0.0),
                    f.memory.readings,
                    stable_rule()
                ),
                Some("gatewayctl keys count 'rate_limit:*'"),
            ),
        },
        task(
            week,
            "Optimize cache TTLs if needed",
            TaskState::NeedsPerson,
            "a judgement the log cannot make".into(),
            None,
        ),
        match f.unsanitized {
            None => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Open,
                "no log file of the period was scanned".into(),
                Some("gatewayctl logs scan"),
            ),
            Some((0, files)) => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Done,
                format!("no unsanitized value in {files} file(s)"),
                None,
            ),
            Some((n, files)) => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Open,
                format!("{n} unsanitized value(s) in {files} file(s)"),
                Some("gatewayctl logs scan"),
            ),
        },
        // Done only on a run that judged the limiter: 429s in the log alone
        // could be a broken route's, or anyone's, and say nothing of the model.
        {
            let name = "Verify rate limiting is effective";
            let next = Some("gatewayctl stress rate-limit");
            let logged = match l.violations {
                0 => String::new(),
                v => format!("; {v} rejection(s) logged, which alone judge nothing"),
            };
            // A run that stayed under the limit neither proves nor disproves:
            // the last that failed or saw a 429 speaks, else the last.
            let telling = f.stress.iter().rev().find(|s| !s.ok || s.refused.is_some_and(|n| n > 0));
            match telling.or(f.stress.last()) {
                Some(s) if s.ok && s.refused.is_some_and(|n| n > 0) => task(
                    week,
                    name,
                    TaskState::Done,
                    format!(
                        "stress at {}: {}; {} refused with 429 as the model said",
                        s.at,
                        s.summary,
                        s.refused.unwrap_or(0)
                    ),
                    None,
                ),
                Some(s) if s.ok => task(
                    week,
                    name,
                    TaskState::Open,
                    format!(
                        "the last stress ({}) matched the model but saw no 429 it predicted: the limiter was not shown refusing{logged}",
                        s.at
                    ),
                    next,
                ),
                Some(s) => task(
                    week,
                    name,
                    TaskState::Open,
                    format!("the last stress ({}) failed: {}{logged}", s.at, s.summary),
                    next,
                ),
                None => task(
                    week,
                    name,
                    TaskState::Open,
                    format!("no stress run in the period judged the limiter against the model{logged}"),
                    next,
                ),
            }
        },
        match (l.abuse_blocks, l.refused_in_normal_use + l.repeated_bursts) {
            _ if silent => task(
                week,
                "Check for abuse patterns",
                TaskState::Open,
                "no API request logged in the period".into(),
                None,
            ),
            (0, 0) => task(
                week,
                "Check for abuse patterns",
                TaskState::Done,
                format!("no abuse block; {} burst(s)", l.bursts),
                None,
            ),
            (b, s) => task(
                week,
                "Check for abuse patterns",
                TaskState::NeedsPerson,
                format!("{b} abuse block(s), {s} identit(ies) refused repeatedly (listed)"),
                None,
            ),
        },
    ];
    tasks.push(task(
        week,
        "Document issues encountered; update the runbook",
        TaskState::NeedsPerson,
        "a person's write-up".into(),
        None,
    ));
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(path: &str, status: u16, ms: f64, id: &str) -> Record<'static> {
        Record::ApiRequest {
            method: "POST".into(),
            path: path.to_string().into(),
            status,
            duration_ms: ms,
            identity: id.to_string().into(),
        }
    }

    fn limited(id: &str) -> Record<'static> {
        Record::RateLimited { identity: id.to_string().into(), bucket: "bookings".into() }
    }

    #[test]
    fn routes_fold_ids() {
        assert_eq!(route_of("POST", "/api/v2/bookings/123/reschedule"), "POST /api/v2/bookings/{id}/reschedule");
        assert_eq!(route_of("GET", "/api/health?x=1"), "GET /api/health");
        assert_eq!(
            route_of("POST", "/api/v2/bookings/6f1c2a9e-1b2c-4d5e-8f90-0a1b2c3d4e5f"),
            "POST /api/v2/bookings/{id}"
        );
    }

    #[test]
    fn a_flood_of_routes_is_pooled() {
        let mut t = Tally::default();
        for i in 0..500 {
            t.add(1000, &api(&format!("/scan/{i}x"), 404, 1.0, "a"));
        }
        assert!(t.routes.len() <= MAX_ROUTES + 1);
        assert_eq!(t.requests(), 500);
    }

    #[test]
    fn identities_are_told_apart() {
        let mut t = Tally::default();
        // One burst of 40 rejections in a minute.
        for s in 0..40 {
            t.add(3_600_000 + s * 1000, &limited("burst"));
        }
        // A user refused a little, three times over the day.
        for h in [1, 5, 9] {
            t.add(h * 3_600_000, &limited("user"));
        }
        for s in 0..100 {
            t.add(s * 60_000, &api("/api/v2/bookings", 201, 30.0, "calm"));
        }
        let r = limit_review(&t, 10);
        let of =
            |id: &str| r.limited.iter().chain(&r.unaffected).find(|l| l.identity == id).map(|l| l.pattern).unwrap();
        assert_eq!(of("burst"), Pattern::Burst);
        assert_eq!(of("user"), Pattern::RefusedInNormalUse);
        assert_eq!(of("calm"), Pattern::Unaffected);
        assert_eq!(r.violations, 43);
        assert_eq!(r.limited[0].identity, "burst");
    }

    #[test]
    fn tallies_merge_to_what_one_pass_gives() {
        let records: Vec<(u64, Record)> = (0..300u64)
            .map(|i| match i % 3 {
                0 => (i * 1000, api("/api/v2/bookings", if i % 30 == 0 { 503 } else { 201 }, i as f64, "a")),
                1 => (i * 1000, limited("b")),
                _ => (i * 1000, api("/api/health", 200, 2.0, "c")),
            })
            .collect();
        let mut whole = Tally::default();
        let (mut left, mut right) = (Tally::default(), Tally::default());
        for (i, (at, r)) in records.iter().enumerate() {
            whole.add(*at, r);
            if i % 2 == 0 {
                left.add(*at, r)
            } else {
                right.add(*at, r)
            }
        }
        left.merge(right);
        assert_eq!(whole.requests(), left.requests());
        assert_eq!(whole.server_errors(), left.server_errors());
        assert_eq!(whole.limited_per_hour, left.limited_per_hour);
        assert_eq!(whole.upstream_refusals, left.upstream_refusals);
        assert_eq!(whole.latency().quantile(0.95), left.latency().quantile(0.95));
        assert_eq!(whole.identities["b"].limited_minutes, left.identities["b"].limited_minutes);
    }

    #[test]
    fn a_shift_within_noise_is_unchanged_and_a_real_one_is_not() {
        let mut before = Tally::default();
        let mut same = Tally::default();
        let mut slower = Tally::default();
        let mut rng = crate::core::rng::Rng::new(7);
        for i in 0..2000u64 {
            let ms = 20.0 + (rng.next() % 1000) as f64 / 100.0;
            before.add(i, &api("/api/v2/bookings", 201, ms, "a"));
            same.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
            slower.add(i, &api("/api/v2/bookings", 201, ms * 1.5, "a"));
        }
        let base: BTreeMap<String, RouteFigures> =
            before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
        let verdicts =
            |t: &Tally| -> Vec<Call> { compare(&base, t, 3_600_000)[0].shifts.iter().map(|s| s.verdict).collect() };
        assert_eq!(verdicts(&same), [Call::Unchanged; 4]);
        assert_eq!(verdicts(&slower), [Call::Worse, Call::Worse, Call::Worse, Call::Unchanged]);
        let mut few = Tally::default();
        few.add(1, &api("/api/v2/bookings", 201, 900.0, "a"));
        assert!(verdicts(&few).iter().all(|&v| v == Call::NotEnoughData));
        let nothing = compare(&base, &Tally::default(), 3_600_000);
        assert!(nothing[0].shifts.iter().all(|s| s.verdict == Call::NoData), "{nothing:?}");
        assert_eq!(judgement(&nothing[0].shifts[0], "ms"), "no data after");
    }

    proptest::proptest! {
        /// Whatever the samples, the word never contradicts the number
        /// printed beside it: worse moved up by at least the tolerance,
        /// better down, unchanged within it.
        #[test]
        fn the_word_agrees_with_the_number(
            before in proptest::collection::vec(1u32..5_000, 0..150),
            after in proptest::collection::vec(1u32..5_000, 0..150),
            slow in 0usize..20,
        ) {
            let route = "/api/v2/bookings";
            let mut b = Tally::default();
            let mut a = Tally::default();
            for (i, &v) in before.iter().enumerate() {
                b.add(i as u64, &api(route, if i % 37 == 0 { 500 } else { 200 }, v as f64 / 100.0, "a"));
            }
            for (i, &v) in after.iter().enumerate() {
                let ms = if i < slow { 12.3 } else { v as f64 / 100.0 };
                a.add(i as u64, &api(route, if i % 23 == 0 { 500 } else { 200 }, ms, "a"));
            }
            let base: BTreeMap<String, RouteFigures> =
                b.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
            for change in compare(&base, &a, 3_600_000) {
                for s in &change.shifts {
                    let moved = match (s.before, s.after) { (Some(x), Some(y)) => y - x, _ => 0.0 };
                    let tol = s.tolerance.unwrap_or(0.0);
                    match s.verdict {
                        Call::Worse => proptest::prop_assert!(moved >= tol && moved > 0.0, "{:?}", s),
                        Call::Better => proptest::prop_assert!(-moved >= tol && moved < 0.0, "{:?}", s),
                        Call::Unchanged => proptest::prop_assert!(moved.abs() <= tol, "{:?}", s),
                        Call::NotEnoughData | Call::NoData => {}
                    }
                    let [n_b, n_a] = s.samples;
                    if n_b < MIN_SAMPLE || n_a < MIN_SAMPLE {
                        proptest::prop_assert!(!s.verdict.is_judged(), "{:?}", s);
                    }
                }
            }
        }
    }

    /// A baseline without its histogram: its figures are shown beside the
    /// period's, and nothing is judged on them.
    #[test]
    fn a_baseline_without_its_histogram_is_shown_never_judged() {
        let mut after = Tally::default();
        for i in 0..60u64 {
            after.add(i, &api("/api/v2/bookings", 201, if i < 4 { 12.3 } else { 1.5 }, "a"));
        }
        let kept = RouteFigures {
            requests: 60,
            per_hour: 60.0,
            server_errors: 0,
            upstream_unavailable: 0,
            error_rate_percent: 0.0,
            too_many: 0,
            p50_ms: Some(1.5),
            p95_ms: Some(1.8),
            p99_ms: Some(2.0),
            latency: Vec::new(),
        };
        let base = BTreeMap::from([("POST /api/v2/bookings".to_string(), kept)]);
        let r = compare(&base, &after, 3_600_000).remove(0);
        let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
        assert_eq!(p95.before, Some(1.8), "{p95:?}");
        assert!(p95.after.is_some_and(|a| (a - 12.3).abs() < 0.1), "{p95:?}");
        assert_eq!(p95.verdict, Call::NotEnoughData, "{p95:?}");
        assert_eq!(judgement(p95, "ms"), "not enough data to tell (n = 60 / 60)");
    }

    /// The case: p95 1.8 ms before, 12.3 ms after. A +580 % beside
    /// "unchanged" is a contradiction; on few samples, or with one slow
    /// request making the p95, the judge cannot tell, and says so with the
    /// samples or the interval.
    #[test]
    fn a_big_move_on_few_samples_is_not_enough_data_to_tell() {
        let route = "/api/v2/bookings";
        let run = |before_n: u64, after_n: u64, slow: u64| {
            let mut before = Tally::default();
            let mut after = Tally::default();
            for i in 0..before_n {
                before.add(i, &api(route, 201, 1.2 + (i % 7) as f64 * 0.1, "a"));
            }
            for i in 0..after_n {
                let ms = if i < slow { 12.3 } else { 1.2 + (i % 7) as f64 * 0.1 };
                after.add(i, &api(route, 201, ms, "a"));
            }
            let base: BTreeMap<String, RouteFigures> =
                before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
            compare(&base, &after, 3_600_000).remove(0)
        };
        // 20 and 20: n below the minimum.
        let r = run(20, 20, 2);
        let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
        assert!(p95.change_percent.unwrap() > 500.0, "{p95:?}");
        assert_eq!(p95.verdict, Call::NotEnoughData);
        assert_eq!(judgement(p95, "ms"), "not enough data to tell (n = 20 / 20, needs 50 a side)");
        // 60 and 60, four slow ones making the p95: the interval is too wide.
        let r = run(60, 60, 4);
        let p95 = r.shifts.iter().find(|s| s.metric == "p95_ms").unwrap();
        assert!(p95.change_percent.unwrap() > 500.0, "{p95:?}");
        assert_eq!(p95.verdict, Call::NotEnoughData, "{p95:?}");
        let words = judgement(p95, "ms");
        assert!(
            words.starts_with("not enough data to tell (n = 60 / 60): ") && words.contains("wider than ±0.2 ms"),
            "{words}"
        );
        // The median did not move: Mann-Whitney measures that sameness.
        let p50 = &r.shifts[0];
        assert_eq!(p50.verdict, Call::Unchanged, "{p50:?}");
        // Many slow ones: worse, the interval beyond the tolerance.
        let r = run(60, 60, 40);
        assert_eq!(r.shifts[0].verdict, Call::Worse, "{:?}", r.shifts[0]);
        assert!(judgement(&r.shifts[0], "ms").starts_with("worse: +"), "{:?}", r.shifts[0]);
    }

    #[test]
    fn open_periods_have_durations_and_refusals() {
        let mut t = Tally::default();
        let tr = |_at: u64, state: &'static str| Record::Breaker { service: "calcom_api".into(), state };
        t.add(10_000, &tr(10_000, "open"));
        t.add(15_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
        t.add(16_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
        t.add(40_000, &tr(40_000, "half_open"));
        t.add(41_000, &tr(41_000, "closed"));
        t.add(50_000, &api("/api/v2/availability/simple", 503, 1.0, "a"));
        t.add(90_000, &tr(90_000, "open"));
        let p = open_periods(&t, 0, 100_000);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].duration_s, p[0].refused, p[0].half_opens), (31.0, 2, 1));
        assert_eq!((p[1].closed_ms, p[1].duration_s), (None, 10.0));
    }

    #[test]
    fn no_evidence_is_never_a_pass() {
        let t = Tally::default();
        let memory = memory_trend(&[]);
        let facts = WindowFacts {
            tally: &t,
            complete: true,
            baseline: None,
            periods: &[],
            memory: &memory,
            unsanitized: None,
            breaker_now: None,
            breaker_sampled: &[],
        };
        let limits = limit_review(&t, 10);
        let all: Vec<Criterion> = first_hours(&facts)
            .into_iter()
            .chain(first_day(&facts, &limits))
            .chain(first_week(&facts, &limits, &[]))
            .collect();
        for c in &all {
            assert_ne!(c.verdict, Verdict::Pass, "{} passed with nothing seen: {}", c.name, c.evidence);
        }
        let tasks = checklist(&TaskFacts {
            validation_wired: None,
            limits: &limits,
            periods: &[],
            baseline: false,
            latency: &[],
            memory: &memory,
            unsanitized: None,
            requests: 0,
            stress: &[],
        });
        assert!(tasks.iter().all(|t| t.state != TaskState::Done), "{tasks:?}");
    }

    /// The case: five 429s from a stress run on a route that
    /// answered 500 first are no proof the limiter is effective.
    #[test]
    fn rate_limiting_is_effective_only_on_a_stress_run_that_judged_it() {
        let mut t = Tally::default();
        for i in 0..5 {
            t.add(i * 1000, &Record::RateLimited { identity: "x".into(), bucket: "bookings".into() });
        }
        let limits = limit_review(&t, 10);
        let memory = memory_trend(&[]);
        let judged = |stress: &[StressProof]| {
            let tasks = checklist(&TaskFacts {
                validation_wired: Some(true),
                limits: &limits,
                periods: &[],
                baseline: false,
                latency: &[],
                memory: &memory,
                unsanitized: None,
                requests: 100,
                stress,
            });
            let task = tasks.into_iter().find(|t| t.task == "Verify rate limiting is effective").unwrap();
            (task.state, task.evidence)
        };
        let proof = |ok: bool, refused: u64| StressProof {
            at: "2026-12-07T03:00:00Z".into(),
            ok,
            summary: "sequential POST /api/v2/bookings".into(),
            refused: Some(refused),
        };
        let (state, evidence) = judged(&[]);
        assert_eq!(state, TaskState::Open, "{evidence}");
        assert!(evidence.contains("5 rejection(s) logged, which alone judge nothing"), "{evidence}");
        assert_eq!(judged(&[proof(false, 5)]).0, TaskState::Open, "a failed stress proves nothing");
        assert_eq!(judged(&[proof(true, 0)]).0, TaskState::Open, "no 429 seen: not shown refusing");
        let (state, evidence) = judged(&[proof(true, 5), proof(true, 0)]);
        assert_eq!(state, TaskState::Done, "a run under the limit after it takes nothing away: {evidence}");
        assert!(evidence.contains("5 refused with 429 as the model said"), "{evidence}");
        assert_eq!(judged(&[proof(true, 5), proof(false, 0)]).0, TaskState::Open, "a later failure speaks");
    }

    /// "Performance stable or improved": a rare route (3 requests) is said
    /// and does not hold the verdict back; a busy one that cannot be told does.
    #[test]
    fn performance_passes_on_the_routes_that_can_be_told() {
        let mut before = Tally::default();
        let mut after = Tally::default();
        let mut rng = crate::core::rng::Rng::new(11);
        for i in 0..2000u64 {
            before.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
            after.add(i, &api("/api/v2/bookings", 201, 20.0 + (rng.next() % 1000) as f64 / 100.0, "a"));
        }
        for i in 0..3u64 {
            before.add(i, &api("/api/v2/rare", 200, 5.0, "a"));
            after.add(i, &api("/api/v2/rare", 200, 50.0, "a"));
        }
        let base: BTreeMap<String, RouteFigures> =
            before.routes.iter().map(|(k, r)| (k.clone(), figures(r, 3_600_000, true))).collect();
        let latency = compare(&base, &after, 3_600_000);
        let memory = memory_trend(&[]);
        let baseline = Baseline {
            recorded_at: String::new(),
            by: "test".into(),
            from: String::new(),
            to: String::new(),
            span_s: 3600,
            files: 1,
            lines: 2003,
            routes: base.clone(),
            requests: 2003,
            server_errors: 0,
            upstream_unavailable: 0,
            rate_limited: 0,
            breaker_opens: 0,
            redis_memory_mb: None,
            keys: BTreeMap::new(),
        };
        let facts = WindowFacts {
            tally: &after,
            complete: true,
            baseline: Some(&baseline),
            periods: &[],
            memory: &memory,
            unsanitized: None,
            breaker_sampled: &[],
            breaker_now: None,
        };
        let limits = limit_review(&after, 10);
        let week = first_week(&facts, &limits, &latency);
        let perf = week.iter().find(|c| c.name == "Performance stable or improved").unwrap();
        assert_eq!(perf.verdict, Verdict::Pass, "{perf:?}");
        assert!(perf.evidence.contains("1 route(s) with fewer than 50 requests a side not judged"), "{perf:?}");
    }

    #[test]
    fn a_breaker_open_since_before_the_window_is_not_closed() {
        let mut t = Tally::default();
        t.add(1_000, &api("/api/health", 200, 1.0, "a"));
        let memory = memory_trend(&[]);
        let sampled = [(2_000, "open".to_string())];
        let facts = WindowFacts {
            tally: &t,
            complete: true,
            baseline: None,
            periods: &[],
            memory: &memory,
            unsanitized: None,
            breaker_now: None,
            breaker_sampled: &sampled,
        };
        let c = breaker_closed("Circuit breaker in CLOSED state", &facts);
        assert_eq!(c.verdict, Verdict::Fail, "{c:?}");
        let quiet = WindowFacts { breaker_sampled: &[], ..facts };
        assert_eq!(breaker_closed("x", &quiet).verdict, Verdict::Pass);
    }

    #[test]
    fn memory_trend_needs_two_readings() {
        assert_eq!(memory_trend(&[MemoryPoint { at_ms: 1, memory_mb: 1.0 }]).stable, None);
        let grow = [MemoryPoint { at_ms: 1, memory_mb: 100.0 }, MemoryPoint { at_ms: 2, memory_mb: 180.0 }];
        assert_eq!(memory_trend(&grow).stable, Some(false));
        let flat = [MemoryPoint { at_ms: 1, memory_mb: 100.0 }, MemoryPoint { at_ms: 2, memory_mb: 104.0 }];
        assert_eq!(memory_trend(&flat).stable, Some(true));
    }
}
