//! Log records tallied per period, mergeable so files can be read side by
//! side: per route, per identity, the breaker's transitions; and the figures
//! per route.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::core::logline::Record;

use super::latency::Latency;

/// Distinct routes kept by name; more (a scanner's random URLs) are pooled.
pub(super) const MAX_ROUTES: usize = 64;

pub const OTHER_ROUTES: &str = "(other routes)";

/// Identities tracked; beyond, rejections are counted but not attributed.
pub(super) const MAX_IDENTITIES: usize = 200_000;

/// Breaker transitions kept (a flapping breaker logs many).
pub(super) const MAX_TRANSITIONS: usize = 10_000;

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
pub(super) fn asks_upstream(path: &str) -> bool {
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

pub(super) fn percent(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}
