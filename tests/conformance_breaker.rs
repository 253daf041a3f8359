//! The breaker, call by call: upstream answers are switched on the Cal.com
//! stand-in, and after every call the gateway's answer, whether Cal.com was
//! called at all, and the breaker's keys in Redis must equal the model's,
//! through open, fail-fast, half-open and closed.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gatewayctl::core::breaker::{Breaker, BreakerState, CallResult, Outcome};

use crate::lab::Lab;

const CONFIG: &str = r#"
[breakers.calcom_api]
failure_threshold = 3
recovery_timeout = "2s"
success_threshold = 2
"#;

#[derive(Clone, Copy, Debug)]
enum Step {
    /// A call while the stand-in is in this mode (ok, fail, refuse, slow:…).
    Call(&'static str),
    Wait(u64),
}

use Step::{Call, Wait};

/// PHP compares whole seconds (time()); keep calls away from a second's edge.
fn unix_now_away_from_the_edge() -> u64 {
    loop {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        if now.subsec_millis() < 800 {
            return now.as_secs();
        }
        std::thread::sleep(Duration::from_millis(1000 - u64::from(now.subsec_millis()) + 30));
    }
}

fn read_breaker(lab: &Lab) -> (BreakerState, u32, u32, Option<u64>) {
    let get = |k: &str| lab.redis(&["GET", &format!("circuit_breaker:calcom_api:{k}")]);
    let state = get("state");
    let state = BreakerState::from_redis((!state.is_empty()).then_some(state.as_str())).expect("a known state");
    let num = |k: &str| get(k).parse::<u64>().ok();
    (state, num("failure_count").unwrap_or(0) as u32, num("success_count").unwrap_or(0) as u32, num("opened_at"))
}

fn play(lab: &Lab, steps: &[Step]) {
    let cfg = *lab.settings.breaker("calcom_api").expect("configured");
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let mut model = Breaker::default();
    let mut mode = "";
    for (n, step) in steps.iter().enumerate() {
        let Call(wanted) = *step else {
            let Wait(ms) = *step else { unreachable!() };
            std::thread::sleep(Duration::from_millis(ms));
            continue;
        };
        if wanted != mode {
            lab.upstream(wanted);
            mode = wanted;
        }
        let outcome = if wanted == "ok" { Outcome::Success } else { Outcome::Failure };
        let calls_before = lab.upstream("").calls;
        let started = unix_now_away_from_the_edge();
        let got = lab.send(&http, "POST", "/api/v2/availability/simple", &[], Some(&body));
        let finished = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        let call = model.call_timed(&cfg, started, finished, outcome);
        let error = got.json().and_then(|j| j["error"].as_str().map(str::to_string));
        let at = format!("step {n} ({step:?}), model {call:?} → {model:?}, gateway {} {}", got.status, got.body);
        match call.result {
            CallResult::Success => assert_eq!(got.status, 200, "{at}"),
            CallResult::Failure => {
                assert_eq!((got.status, error.as_deref()), (503, Some("upstream_unavailable")), "{at}")
            }
            CallResult::Rejected => {
                assert_eq!((got.status, error.as_deref()), (503, Some("service_unavailable")), "{at}");
                assert_eq!(got.json().unwrap()["retry_after"].as_u64(), call.retry_after_s, "{at}");
            }
        }
        // A refused connection never reaches the stand-in, so it cannot count it.
        let reached = call.called_upstream && mode != "refuse";
        let called = lab.upstream("").calls - calls_before;
        assert_eq!(called, u64::from(reached), "upstream calls, {at}");
        let (state, failures, successes, opened_at) = read_breaker(lab);
        assert_eq!(
            (state, failures, successes),
            (model.state, model.failure_count, model.success_count),
            "Redis keys, {at}"
        );
        if model.state != BreakerState::Closed {
            assert_eq!(opened_at, model.opened_at_s, "opened_at, {at}");
        }
    }
}

#[test]
fn closed_open_fail_fast_half_open_closed() {
    closed_open_fail_fast_half_open_closed_on(&[]);
}

/// The same, unchanged, against Redis Cluster (three primaries, the app on phpredis's RedisCluster).
#[test]
fn on_a_cluster_the_breaker_follows_the_model() {
    closed_open_fail_fast_half_open_closed_on(&["--redis", "cluster"]);
}

fn closed_open_fail_fast_half_open_closed_on(redis: &[&str]) {
    let lab = Lab::start_with("breaker", Some(CONFIG), redis);
    play(
        &lab,
        &[
            Call("ok"),
            Call("fail"),
            Call("fail"),
            Call("ok"), // a success resets the count
            Call("fail"),
            Call("refuse"),
            Call("fail"), // third consecutive failure: open
            Call("ok"),   // fail fast, Cal.com not called
            Call("ok"),
            Wait(2_100),
            Call("ok"),   // half-open trial
            Call("fail"), // reopens
            Call("ok"),   // fail fast again
            Wait(2_100),
            Call("ok"),
            Call("ok"), // the second success closes it (one is not enough)
            Call("fail"),
        ],
    );
    assert_eq!(read_breaker(&lab).0, BreakerState::Closed);
}

#[test]
fn a_slow_upstream_counts_as_a_failure() {
    let lab = Lab::start_with("slow", Some(CONFIG), &["--upstream-timeout", "1s"]);
    play(&lab, &[Call("slow:1500ms"), Call("slow:1500ms"), Call("slow:1500ms"), Call("ok")]);
    assert_eq!(read_breaker(&lab).0, BreakerState::Open);
}
