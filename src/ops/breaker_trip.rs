//! `breaker trip-test` (Phase 5B, where it is safe): on a target marked
//! non-production, makes Cal.com fail through the lab's stand-in and drives
//! calls through the gateway, checking each step against the model: closed →
//! open → fail-fast answers → half-open → closed, timing included.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::adapters::http::Http;
use crate::adapters::redis::Redis;
use crate::core::breaker::{Breaker, BreakerConfig, CallResult, FailureRule, Outcome};
use crate::core::checks::Check;
use crate::ops::breaker::read;
use crate::settings::Settings;

fn unix_now() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// PHP compares whole seconds: keep each call clear of a second's edge.
async fn clear_of_the_second_edge() -> u64 {
    loop {
        let now = unix_now();
        if now.subsec_millis() < 800 {
            return now.as_secs();
        }
        tokio::time::sleep(Duration::from_millis(u64::from(1000 - now.subsec_millis()) + 30)).await;
    }
}

async fn set_upstream(control: &Http, mode: &str) -> Result<(), String> {
    let body = serde_json::Value::String(mode.into());
    let answer = control.send("PUT", "/mode", &[], Some(&body)).await.map_err(|e| e.to_string())?;
    (answer.status == 200).then_some(()).ok_or_else(|| format!("the stand-in refused mode {mode}: {}", answer.body))
}

/// Runs the sequence; one check per step, stopping at the first that fails.
/// `progress` hears each step, and counts down to half-open.
pub async fn run(
    settings: &Settings,
    service: &str,
    cfg: &BreakerConfig,
    redis: &mut Redis,
    progress: &dyn Fn(String),
) -> Vec<Check> {
    let g = &settings.file.gateway;
    let (http, control) = match (
        Http::new(&g.base_url, Duration::from_secs(30), None),
        Http::new(&format!("http://{}", g.upstream_control), Duration::from_secs(5), None),
    ) {
        (Ok(h), Ok(c)) => (h, c),
        (Err(e), _) | (_, Err(e)) => {
            return vec![Check::fail("setup", e.to_string(), "check gateway.base_url and gateway.upstream_control")]
        }
    };
    let store = &settings.breaker_store;
    // From a closed breaker: a reset that fails would test from whatever state it is in.
    if let Err(e) = redis.delete(&store.key_names(service)).await {
        return vec![Check::fail(
            "setup",
            e.to_string(),
            "the breaker's keys could not be reset: check Redis, then run it again",
        )];
    }
    // A gateway whose breaker counts any exception fails its calls with a
    // Cal.com 4xx: the test then proves the rule the contract does not have.
    let failing = match store.rule {
        FailureRule::ServerErrors => "fail",
        FailureRule::AnyError => "reject",
    };
    let mut model = Breaker::default();
    let mut steps: Vec<(String, Outcome)> =
        (1..=cfg.failure_threshold).map(|i| (format!("failure {i}"), Outcome::Failure)).collect();
    steps.extend((1..=2).map(|i| (format!("fail-fast {i}"), Outcome::Success)));
    steps.push(("wait for the recovery timeout".into(), Outcome::Success));
    steps.extend((1..=cfg.success_threshold).map(|i| (format!("success {i} (half-open)"), Outcome::Success)));
    let mut checks = Vec::new();
    let mut mode = "";
    for (name, outcome) in steps {
        progress(format!("trip-test: {name}"));
        if name.starts_with("wait") {
            let opened = model.opened_at_s.unwrap_or(0);
            let until = Duration::from_secs(opened + cfg.recovery_timeout_s) + Duration::from_millis(100);
            // Bounded by the recovery timeout: one tick a second, counting down.
            while let Some(left) = until.checked_sub(unix_now()) {
                progress(format!("trip-test: half-open in {}s", left.as_secs() + 1));
                tokio::time::sleep(left.min(Duration::from_secs(1))).await;
            }
            checks
                .push(Check::pass(&name, format!("waited until {}s after opened_at {opened}", cfg.recovery_timeout_s)));
            continue;
        }
        let wanted = if outcome == Outcome::Success { "ok" } else { failing };
        if wanted != mode {
            if let Err(e) = set_upstream(&control, wanted).await {
                checks.push(Check::fail(&name, e, "is gateway.upstream_control a lab's stand-in?"));
                return checks;
            }
            mode = wanted;
        }
        let check = step(&http, redis, store, service, cfg, &mut model, &name, outcome).await;
        let failed = check.verdict == crate::core::checks::CheckVerdict::Fail;
        checks.push(check);
        if failed {
            break;
        }
    }
    let _ = set_upstream(&control, "ok").await;
    checks
}

#[allow(clippy::too_many_arguments)]
async fn step(
    http: &Http,
    redis: &mut Redis,
    store: &crate::core::breaker::BreakerStore,
    service: &str,
    cfg: &BreakerConfig,
    model: &mut Breaker,
    name: &str,
    outcome: Outcome,
) -> Check {
    let started = clear_of_the_second_edge().await;
    let trip = &store.trip;
    let body: serde_json::Value = serde_json::from_str(&trip.body).unwrap_or_default();
    let accept = [("Accept", "application/json")];
    let answer = match http.send(&trip.route.method, &trip.route.path, &accept, Some(&body)).await {
        Ok(a) => a,
        Err(e) => return Check::fail(name, e.to_string(), "the gateway does not answer"),
    };
    let call = model.call_timed(cfg, started, unix_now().as_secs(), outcome);
    let error = answer.json().and_then(|j| j["error"].as_str().map(str::to_string));
    let want_answer = match call.result {
        CallResult::Success => (trip.success.0, trip.success.1.as_deref()),
        CallResult::Failure => (trip.failure.0, trip.failure.1.as_deref()),
        CallResult::Rejected => (trip.rejected.0, trip.rejected.1.as_deref()),
    };
    let live = match read(redis, store, service, cfg, started).await {
        Ok(s) => s,
        Err(e) => return Check::fail(name, format!("{e:#}"), "unreadable breaker keys"),
    };
    let got = (live.state, live.failure_count, live.success_count);
    let want = (model.state, model.failure_count, model.success_count);
    let keys = |(state, f, s): (crate::core::breaker::BreakerState, u32, u32)| {
        format!("{state} {f} failure(s) {s} success(es)")
    };
    let evidence = format!(
        "gateway {} {}, {}; model {} {}, {}",
        answer.status,
        error.as_deref().unwrap_or("ok"),
        keys(got),
        want_answer.0,
        want_answer.1.unwrap_or("ok"),
        keys(want)
    );
    let untouched = (crate::core::breaker::BreakerState::Closed, 0, 0);
    if outcome == Outcome::Failure && got == untouched && want != untouched {
        return Check::fail(
            name,
            evidence,
            format!(
                "{} does not go through the breaker: Cal.com failed and no breaker key moved; set [breaker_store] trip_route to a route that calls Cal.com through it",
                trip.route
            ),
        );
    }
    if (answer.status, error.as_deref()) != want_answer || got != want {
        return Check::fail(
            name,
            evidence,
            "the gateway's breaker differs from the config: check failure/success thresholds and the recovery timeout",
        );
    }
    if outcome == Outcome::Failure && store.rule == FailureRule::AnyError {
        let evidence = format!("{evidence}; Cal.com answered 422: this breaker counts a 4xx as a failure (the contract's counts only 5xx, timeouts and refused connections)");
        return Check::pass(name, evidence);
    }
    Check::pass(name, evidence)
}
