//! The gateway's `CircuitBreaker` (contract §4) as a transition function over
//! explicit time: what a call does to the state kept in Redis, and what the
//! gateway answers.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

impl BreakerState {
    /// Reads the `:state` key; a missing key means closed.
    pub fn from_redis(value: Option<&str>) -> Option<Self> {
        match value {
            None | Some("closed") => Some(Self::Closed),
            Some("open") => Some(Self::Open),
            Some("half_open") => Some(Self::HalfOpen),
            Some(_) => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::HalfOpen => "half_open",
        }
    }
}

impl fmt::Display for BreakerState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerConfig {
    pub failure_threshold: u32,
    pub recovery_timeout_s: u64,
    pub success_threshold: u32,
}

/// How a gateway keeps a breaker's state in Redis: which keys, how their
/// values are written, and where. The contract and the production baseline
/// are two values of it, as limiter shapes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakerStore {
    /// The preset it came from, with `+ overrides` when anything changed.
    pub name: String,
    /// The key suffixes after `circuit_breaker:<service>:` for the state,
    /// the failure count, the success count and the time it opened.
    pub keys: [String; 4],
    pub encoding: Encoding,
    pub location: Location,
    /// Which Cal.com answers the breaker counts as failures.
    pub rule: FailureRule,
    /// The request `breaker trip-test` drives through the breaker, and what
    /// the gateway answers it.
    pub trip: Trip,
}

/// Which Cal.com answers count as failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureRule {
    /// A connection error, a timeout or a 5xx; a 4xx is Cal.com's answer.
    ServerErrors,
    /// Any exception from the call, a 4xx included.
    AnyError,
}

/// A route through the breaker, its body, and the gateway's answer (status,
/// and the body's `error`) to a call that succeeds, fails, or is refused by
/// the open breaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    pub route: crate::core::route::Route,
    pub body: String,
    pub success: (u16, Option<String>),
    pub failure: (u16, Option<String>),
    pub rejected: (u16, Option<String>),
}

/// How a stored value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Plain strings and integers (`SET`, `INCR`).
    Raw,
    /// Through Laravel's cache store: numbers raw, anything else
    /// PHP-serialized (`s:4:"open";`).
    LaravelCache,
}

/// Which Redis database and prefixes hold the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// `[redis]`: its URL's database and its prefix.
    Redis,
    /// The cache store's: where the limiter shape keeps its keys.
    CacheStore,
}

named!(Encoding { Raw => "raw", LaravelCache => "laravel-cache" });
named!(Location { Redis => "redis", CacheStore => "cache-store" });

impl BreakerStore {
    /// The contract's: raw values in `[redis]`.
    pub fn contract() -> Self {
        BreakerStore {
            name: "contract".into(),
            keys: ["state", "failure_count", "success_count", "opened_at"].map(String::from),
            encoding: Encoding::Raw,
            location: Location::Redis,
            rule: FailureRule::ServerErrors,
            trip: Trip {
                route: "POST /api/v2/availability/simple".parse().expect("a route"),
                body: r#"{"service_id":1,"date":"2030-01-02"}"#.into(),
                success: (200, None),
                failure: (503, Some("upstream_unavailable".into())),
                rejected: (503, Some("service_unavailable".into())),
            },
        }
    }

    /// The baseline's (`REAL-GATEWAY.md` §4): through the Cache facade.
    pub fn askproai_2025_10() -> Self {
        BreakerStore {
            name: "askproai-2025-10".into(),
            keys: ["state", "failures", "successes", "opened_at"].map(String::from),
            encoding: Encoding::LaravelCache,
            location: Location::CacheStore,
            rule: FailureRule::AnyError,
            // A Retell function: the routes CalcomService serves. The
            // answers are the askproai lab's (trip-test runs on labs only).
            trip: Trip {
                route: "POST /api/retell/check-availability".parse().expect("a route"),
                body: r#"{"args":{"service_id":1,"date":"2030-01-02"}}"#.into(),
                success: (200, None),
                failure: (502, Some("calcom_failed".into())),
                rejected: (503, Some("circuit_open".into())),
            },
        }
    }

    /// The four keys of `service`, in the order of `keys`.
    pub fn key_names(&self, service: &str) -> [String; 4] {
        self.keys.clone().map(|k| format!("circuit_breaker:{service}:{k}"))
    }

    /// A stored value as text and as a count, decoded as it was written;
    /// `Err` names what it is, never its bytes.
    pub fn decode(&self, raw: &str) -> Result<Decoded, String> {
        match self.encoding {
            Encoding::Raw => Ok(Decoded { text: Some(raw.to_string()), count: raw.trim().parse().ok() }),
            Encoding::LaravelCache => match crate::core::cachevalue::CacheValue::decode(raw) {
                crate::core::cachevalue::CacheValue::Unreadable(what) => Err(format!("{what} ({} bytes)", raw.len())),
                value => Ok(Decoded { text: value.as_text().map(str::to_string), count: value.as_count() }),
            },
        }
    }
}

/// One decoded value: the text a state compares, the count a number gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: Option<String>,
    pub count: Option<u64>,
}

/// What the upstream answered (or would answer) to a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// A connection error, a timeout or a 5xx; a 4xx is a success for the breaker.
    Failure,
}

/// A state change, each logged by the gateway (`Circuit breaker opened` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Opened,
    HalfOpened,
    Closed,
}

/// The result of one call as the gateway's client sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallResult {
    Success,
    Failure,
    /// Failed fast while open: no upstream call, a 503 with `retry_after`.
    Rejected,
}

/// The breaker's keys: state, counts and when it opened (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breaker {
    pub state: BreakerState,
    pub failure_count: u32,
    pub success_count: u32,
    pub opened_at_s: Option<u64>,
}

/// One call through the breaker, with everything it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub called_upstream: bool,
    pub result: CallResult,
    pub retry_after_s: Option<u64>,
    pub transitions: Vec<Transition>,
}

/// What will move the breaker next, for `breaker status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextTransition {
    OpensAfterFailures(u32),
    HalfOpensIn { seconds: u64 },
    HalfOpensOnNextCall,
    ClosesAfterSuccesses(u32),
}

impl Default for Breaker {
    fn default() -> Self {
        Breaker { state: BreakerState::Closed, failure_count: 0, success_count: 0, opened_at_s: None }
    }
}

impl Breaker {
    /// Seconds the breaker has left open at `now_s` (0 once the timeout passed).
    pub fn seconds_until_half_open(&self, cfg: &BreakerConfig, now_s: u64) -> Option<u64> {
        (self.state == BreakerState::Open).then(|| {
            let elapsed = now_s.saturating_sub(self.opened_at_s.unwrap_or(0));
            cfg.recovery_timeout_s.saturating_sub(elapsed)
        })
    }

    pub fn next_transition(&self, cfg: &BreakerConfig, now_s: u64) -> NextTransition {
        match self.state {
            BreakerState::Closed => {
                NextTransition::OpensAfterFailures(cfg.failure_threshold.saturating_sub(self.failure_count).max(1))
            }
            BreakerState::HalfOpen => {
                NextTransition::ClosesAfterSuccesses(cfg.success_threshold.saturating_sub(self.success_count).max(1))
            }
            BreakerState::Open => match self.seconds_until_half_open(cfg, now_s) {
                Some(s) if s > 0 => NextTransition::HalfOpensIn { seconds: s },
                _ => NextTransition::HalfOpensOnNextCall,
            },
        }
    }

    /// One call at `now_s` whose upstream would answer `outcome` at once.
    pub fn call(&mut self, cfg: &BreakerConfig, now_s: u64, outcome: Outcome) -> Call {
        self.call_timed(cfg, now_s, now_s, outcome)
    }

    /// One call admitted at `started_s` whose outcome is known at
    /// `finished_s`: a slow upstream opens the breaker when its timeout ends.
    pub fn call_timed(&mut self, cfg: &BreakerConfig, started_s: u64, finished_s: u64, outcome: Outcome) -> Call {
        let mut transitions = Vec::new();
        if self.state == BreakerState::Open {
            match self.seconds_until_half_open(cfg, started_s) {
                Some(left) if left > 0 => {
                    return Call {
                        called_upstream: false,
                        result: CallResult::Rejected,
                        retry_after_s: Some(left),
                        transitions,
                    };
                }
                _ => {
                    self.state = BreakerState::HalfOpen;
                    self.success_count = 0;
                    transitions.push(Transition::HalfOpened);
                }
            }
        }
        transitions.extend(self.record(cfg, finished_s, outcome));
        let result = match outcome {
            Outcome::Success => CallResult::Success,
            Outcome::Failure => CallResult::Failure,
        };
        Call { called_upstream: true, result, retry_after_s: None, transitions }
    }

    fn record(&mut self, cfg: &BreakerConfig, now_s: u64, outcome: Outcome) -> Option<Transition> {
        match (self.state, outcome) {
            (BreakerState::Closed, Outcome::Success) => {
                self.failure_count = 0;
                None
            }
            (BreakerState::Closed, Outcome::Failure) => {
                self.failure_count += 1;
                (self.failure_count >= cfg.failure_threshold).then(|| self.open(now_s))
            }
            (BreakerState::HalfOpen, Outcome::Success) => {
                self.success_count += 1;
                (self.success_count >= cfg.success_threshold).then(|| self.close())
            }
            (BreakerState::HalfOpen, Outcome::Failure) => Some(self.open(now_s)),
            (BreakerState::Open, _) => {
                unreachable!("an open breaker half-opens before a call is recorded")
            }
        }
    }

    fn open(&mut self, now_s: u64) -> Transition {
        self.state = BreakerState::Open;
        self.opened_at_s = Some(now_s);
        self.success_count = 0;
        Transition::Opened
    }

    fn close(&mut self) -> Transition {
        self.state = BreakerState::Closed;
        self.failure_count = 0;
        self.success_count = 0;
        Transition::Closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PLAN: BreakerConfig = BreakerConfig { failure_threshold: 5, recovery_timeout_s: 60, success_threshold: 2 };

    fn states(b: &mut Breaker, steps: &[(u64, Outcome)]) -> Vec<(BreakerState, CallResult)> {
        steps.iter().map(|&(t, o)| (b.call(&PLAN, t, o).result, b.state)).map(|(r, s)| (s, r)).collect()
    }

    #[test]
    fn opens_after_five_consecutive_failures() {
        let mut b = Breaker::default();
        for t in 0..4 {
            b.call(&PLAN, t, Outcome::Failure);
            assert_eq!(b.state, BreakerState::Closed);
        }
        let call = b.call(&PLAN, 4, Outcome::Failure);
        assert_eq!((b.state, b.failure_count, b.opened_at_s), (BreakerState::Open, 5, Some(4)));
        assert_eq!(call.transitions, [Transition::Opened]);
    }

    #[test]
    fn a_success_resets_the_failure_count() {
        let mut b = Breaker::default();
        for _ in 0..4 {
            b.call(&PLAN, 0, Outcome::Failure);
        }
        b.call(&PLAN, 0, Outcome::Success);
        assert_eq!(b.failure_count, 0);
        b.call(&PLAN, 0, Outcome::Failure);
        assert_eq!(b.state, BreakerState::Closed);
    }

    #[test]
    fn fails_fast_while_open_then_needs_two_successes() {
        let mut b = Breaker { state: BreakerState::Open, failure_count: 5, success_count: 0, opened_at_s: Some(100) };
        let fast = b.call(&PLAN, 159, Outcome::Success);
        assert_eq!((fast.called_upstream, fast.result, fast.retry_after_s), (false, CallResult::Rejected, Some(1)));
        let got = states(&mut b, &[(160, Outcome::Success), (161, Outcome::Success)]);
        assert_eq!(got, [(BreakerState::HalfOpen, CallResult::Success), (BreakerState::Closed, CallResult::Success)]);
        assert_eq!((b.failure_count, b.success_count), (0, 0));
    }

    #[test]
    fn one_success_does_not_close_as_the_plan_claims() {
        let mut b = Breaker { state: BreakerState::Open, failure_count: 5, success_count: 0, opened_at_s: Some(0) };
        b.call(&PLAN, 60, Outcome::Success);
        assert_eq!(b.state, BreakerState::HalfOpen, "success threshold is 2");
    }

    #[test]
    fn a_half_open_failure_reopens_with_a_new_clock() {
        let mut b = Breaker { state: BreakerState::HalfOpen, failure_count: 5, success_count: 1, opened_at_s: Some(0) };
        let call = b.call(&PLAN, 200, Outcome::Failure);
        assert_eq!((b.state, b.opened_at_s), (BreakerState::Open, Some(200)));
        assert_eq!(call.transitions, [Transition::Opened]);
        assert_eq!(b.next_transition(&PLAN, 230), NextTransition::HalfOpensIn { seconds: 30 });
    }

    #[test]
    fn a_slow_failure_opens_when_it_ends() {
        let mut b = Breaker { failure_count: 4, ..Breaker::default() };
        b.call_timed(&PLAN, 100, 102, Outcome::Failure);
        assert_eq!((b.state, b.opened_at_s), (BreakerState::Open, Some(102)));
    }

    #[test]
    fn reads_redis_state_values() {
        assert_eq!(BreakerState::from_redis(None), Some(BreakerState::Closed));
        assert_eq!(BreakerState::from_redis(Some("half_open")), Some(BreakerState::HalfOpen));
        assert_eq!(BreakerState::from_redis(Some("OPEN")), None);
    }

    proptest! {
        /// It never opens before `failure_threshold` consecutive failures, and
        /// never calls upstream while open inside the recovery timeout.
        #[test]
        fn invariants(steps in prop::collection::vec((0u64..40, any::<bool>()), 1..200)) {
            let mut b = Breaker::default();
            let mut now = 0;
            let mut consecutive = 0u32;
            for (gap, ok) in steps {
                now += gap;
                let before = b;
                let call = b.call(&PLAN, now, if ok { Outcome::Success } else { Outcome::Failure });
                if before.state == BreakerState::Open && now - before.opened_at_s.unwrap() < 60 {
                    prop_assert!(!call.called_upstream);
                    prop_assert_eq!(b, before);
                    continue;
                }
                prop_assert!(call.called_upstream);
                if before.state == BreakerState::Closed {
                    consecutive = if ok { 0 } else { consecutive + 1 };
                    if b.state == BreakerState::Open { prop_assert!(consecutive >= 5); }
                }
                if b.state == BreakerState::Closed && before.state != BreakerState::Closed {
                    prop_assert!(ok);
                    prop_assert_eq!(before.success_count + 1, 2);
                    consecutive = 0;
                }
                prop_assert!(b.success_count < 2);
            }
        }
    }
}
