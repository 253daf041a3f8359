//! Snapshot tests of fixed report values: the tables people read and the
//! JSON scripts parse. `cargo insta review` (or INSTA_UPDATE=always) after a
//! deliberate change.

use gatewayctl::core::breaker::{BreakerState, CallResult};
use gatewayctl::report::breaker::{BreakerStatus, BreakerStatusReport};
use gatewayctl::report::simulate::{BreakerEventRow, BreakerReport, RateLimitReport, RateLimitRow};
use gatewayctl::report::{Human, Style};

fn human(value: &dyn Human) -> String {
    let mut buf = Vec::new();
    value.human(&mut buf, &Style { color: false }).unwrap();
    String::from_utf8(buf).unwrap()
}

fn rate_limit() -> RateLimitReport {
    let row = |n: u32, status, remaining, retry| RateLimitRow {
        n,
        at_s: f64::from(n - 1) * 0.5,
        status,
        remaining: Some(remaining),
        retry_after_s: retry,
        retry_after: None,
        error: None,
    };
    RateLimitReport {
        shape: "contract".into(),
        stack: vec!["api.rate-limit".into()],
        stack_source: "[rate_limit] routes".into(),
        errors: 0,
        unknown: None,
        notes: vec![],
        route: "POST /api/v2/bookings".into(),
        limited: true,
        bucket: Some("bookings".into()),
        limit: Some(30),
        window_s: Some(60),
        allowed: 2,
        rejected: 1,
        first_rejected: Some(3),
        requests: vec![row(1, 200, 1, None), row(2, 200, 0, None), row(3, 429, 0, Some(59))],
    }
}

#[test]
fn rate_limit_table() {
    insta::assert_snapshot!(human(&rate_limit()));
}

#[test]
fn rate_limit_json() {
    insta::assert_json_snapshot!(rate_limit());
}

#[test]
fn breaker_simulation_table() {
    let event = |event: &str, at_s, result, state, failure_count, success_count| BreakerEventRow {
        event: event.into(),
        at_s,
        called_upstream: matches!(result, Some(CallResult::Success | CallResult::Failure)),
        result,
        state,
        failure_count,
        success_count,
    };
    let report = BreakerReport {
        service: "calcom_api".into(),
        final_state: BreakerState::HalfOpen,
        events: vec![
            event("fail", 0.0, Some(CallResult::Failure), BreakerState::Open, 1, 0),
            event("ok", 0.0, Some(CallResult::Rejected), BreakerState::Open, 1, 0),
            event("wait:1m", 60.0, None, BreakerState::Open, 1, 0),
            event("ok", 60.0, Some(CallResult::Success), BreakerState::HalfOpen, 1, 1),
        ],
    };
    insta::assert_snapshot!(human(&report));
}

#[test]
fn breaker_status_table() {
    let report = BreakerStatusReport {
        redis: "redis://:***@127.0.0.1:6379/0".into(),
        checked_at: 1_764_072_000,
        breakers: vec![BreakerStatus {
            service: "calcom_api".into(),
            state: BreakerState::Open,
            state_key_present: true,
            state_key_type: None,
            failure_count: 5,
            success_count: 0,
            opened_at: Some(1_764_071_980),
            seconds_until_half_open: Some(40),
            next_transition: "half-opens on the first call after 40s".into(),
            failure_threshold: 5,
            recovery_timeout_s: 60,
            success_threshold: 2,
            ttl_s: Default::default(),
        }],
        guards: None,
    };
    insta::assert_snapshot!(human(&report));
}
