//! `simulate`: the scenarios through the binary, JSON deserialized
//! into the report types.

use gatewayctl::core::breaker::{BreakerState, CallResult};
use gatewayctl::report::simulate::{BreakerReport, RateLimitReport};

use crate::harness::{code, gatewayctl, json, stderr, stdout, ConfigFile};

#[test]
fn bookings_allow_thirty_then_429_with_retry_after_45() {
    let out = gatewayctl(&[
        "simulate",
        "rate-limit",
        "--route",
        "POST /api/v2/bookings",
        "--requests",
        "35",
        "--interval",
        "500ms",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0);
    let report: RateLimitReport = json(&out);
    assert!(report.limited);
    assert_eq!(report.bucket.as_deref(), Some("bookings"));
    assert_eq!((report.limit, report.window_s), (Some(30), Some(60)));
    assert_eq!((report.allowed, report.rejected, report.first_rejected), (30, 5, Some(31)));
    let r31 = &report.requests[30];
    assert_eq!((r31.n, r31.status, r31.remaining, r31.retry_after_s), (31, 429, Some(0), Some(45)));
    assert_eq!(r31.at_s, 15.0);
    assert_eq!(report.requests[0].remaining, Some(29));
}

#[test]
fn health_is_not_limited() {
    let out = gatewayctl(&[
        "simulate",
        "rate-limit",
        "--route",
        "GET /api/health",
        "--requests",
        "35",
        "--interval",
        "500ms",
        "--format",
        "json",
    ]);
    let report: RateLimitReport = json(&out);
    assert!(!report.limited);
    assert_eq!(report.bucket, None);
    assert!(report.requests.iter().all(|r| r.status == 200 && r.remaining.is_none()));
    let human = stdout(&gatewayctl(&["simulate", "rate-limit", "--route", "GET /api/health"]));
    assert!(human.contains("carries no rate limiter"), "{human}");
}

#[test]
fn the_raw_json_keys_are_the_documented_ones() {
    let out = gatewayctl(&["simulate", "rate-limit", "--requests", "1", "--format", "json"]);
    let value: serde_json::Value = json(&out);
    let mut keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "allowed",
            "bucket",
            "first_rejected",
            "limit",
            "limited",
            "rejected",
            "requests",
            "route",
            "shape",
            "stack",
            "stack_source",
            "window_s"
        ]
    );
    let mut row: Vec<_> = value["requests"][0].as_object().unwrap().keys().cloned().collect();
    row.sort();
    assert_eq!(row, ["at_s", "n", "remaining", "retry_after_s", "status"]);
}

#[test]
fn a_counter_already_in_redis_is_honoured() {
    let out = gatewayctl(&[
        "simulate",
        "rate-limit",
        "--requests",
        "2",
        "--start-count",
        "30",
        "--start-ttl",
        "12",
        "--format",
        "json",
    ]);
    let report: RateLimitReport = json(&out);
    assert_eq!(report.first_rejected, Some(1));
    assert_eq!(report.requests[0].retry_after_s, Some(12));
}

#[test]
fn limits_come_from_the_config() {
    let config =
        ConfigFile::new("[[rate_limit.buckets]]\nname = \"all\"\npaths = [\"*\"]\nlimit = 3\nwindow = \"10s\"\n");
    let out = gatewayctl(&[
        "--config",
        config.path.to_str().unwrap(),
        "simulate",
        "rate-limit",
        "--requests",
        "5",
        "--format",
        "json",
    ]);
    let report: RateLimitReport = json(&out);
    assert_eq!((report.bucket.as_deref(), report.limit, report.first_rejected), (Some("all"), Some(3), Some(4)));
}

#[test]
fn breaker_walks_open_half_open_closed() {
    let out =
        gatewayctl(&["simulate", "breaker", "--events", "fail,fail,fail,fail,fail,wait:60,ok,ok", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let report: BreakerReport = json(&out);
    assert_eq!(report.service, "calcom_api");
    assert_eq!(report.final_state, BreakerState::Closed);
    let states: Vec<_> = report.events.iter().map(|e| e.state).collect();
    use BreakerState::*;
    assert_eq!(states, [Closed, Closed, Closed, Closed, Open, Open, HalfOpen, Closed]);
    assert_eq!(report.events[5].result, None, "a wait calls nothing");
    assert_eq!(report.events[6].at_s, 60.0);
}

#[test]
fn breaker_fails_fast_while_open() {
    let out =
        gatewayctl(&["simulate", "breaker", "--events", "fail,fail,fail,fail,fail,ok,wait:59,ok", "--format", "json"]);
    let report: BreakerReport = json(&out);
    for e in &report.events[5..] {
        if e.result.is_some() {
            assert_eq!((e.called_upstream, e.result), (false, Some(CallResult::Rejected)));
        }
    }
    assert_eq!(report.final_state, BreakerState::Open);
}

#[test]
fn one_success_does_not_close_the_breaker() {
    let out =
        gatewayctl(&["simulate", "breaker", "--events", "fail,fail,fail,fail,fail,wait:60,ok", "--format", "json"]);
    let report: BreakerReport = json(&out);
    assert_eq!(report.final_state, BreakerState::HalfOpen, "the plan says one success closes it; the threshold is 2");
}

/// With an app at hand, the stacks are its route list's, never typed in: a
/// second limiter entry added to one route makes each request count twice.
#[test]
fn with_an_app_at_hand_the_route_list_gives_the_stacks() {
    let lab = crate::lab::Lab::start("simulate-stacks", None);
    let config = lab.report.config.display().to_string();
    let run = || {
        let out = gatewayctl(&["--config", &config, "simulate", "rate-limit", "--format", "json"]);
        assert_eq!(code(&out), 0);
        json::<RateLimitReport>(&out)
    };
    let before = run();
    assert!(before.stack_source.contains("route list"), "{}", before.stack_source);
    assert_eq!((before.stack.as_slice(), before.first_rejected), (&["api.rate-limit".to_string()][..], Some(31)));

    let app = lab.dir.join("app");
    let routes = app.join("routes/api.php");
    let text = std::fs::read_to_string(&routes).unwrap();
    let doubled = text.replace(
        "Route::post('bookings', [BookingController::class, 'store']);",
        "Route::post('bookings', [BookingController::class, 'store'])->middleware('api.rate-limit:30,60');",
    );
    assert_ne!(doubled, text, "the lab's bookings route is where this test expects it");
    std::fs::write(&routes, doubled).unwrap();
    let cached = std::process::Command::new("php").args(["artisan", "route:cache"]).current_dir(&app).output().unwrap();
    assert!(cached.status.success(), "{}", String::from_utf8_lossy(&cached.stderr));

    let after = run();
    assert_eq!(after.stack, ["api.rate-limit", "api.rate-limit:30,60"]);
    assert_eq!(after.first_rejected, Some(16), "two entries of one limiter share its counter");

    // A limiter the route list names nowhere is said, never modelled as
    // "no limiter" in silence.
    let text = std::fs::read_to_string(&config).unwrap();
    let renamed = text.replacen(
        "[limiter]\npreset = \"contract\"",
        "[limiter]\npreset = \"contract\"\nmiddleware = [\"gateway.limit\"]",
        1,
    );
    assert_ne!(renamed, text, "the lab's config has its [limiter] section");
    std::fs::write(&config, renamed).unwrap();
    let out = gatewayctl(&["--config", &config, "simulate", "rate-limit", "--format", "json"]);
    assert!(stderr(&out).contains("no route in"), "{}", stderr(&out));
    assert!(stderr(&out).contains("every route is modelled unlimited"), "{}", stderr(&out));
}

/// With only `[limiter] preset = "askproai-2025-10"` (and no app at hand),
/// the measured answers of the real code: 30 answers of 500 while the outer
/// entry counts, then 429; and a route under Laravel's throttle alone is
/// limited too, not "no rate limiter".
#[test]
fn the_real_baselines_preset_alone_gives_its_measured_answers() {
    let config = ConfigFile::new("[gateway]\napp_dir = \"/nonexistent\"\n\n[limiter]\npreset = \"askproai-2025-10\"\n");
    let run = |route: &str, requests: &str, interval: &str| {
        let path = config.path.to_str().unwrap();
        let args = ["--config", path, "simulate", "rate-limit", "--identity", "key:probe-key-1234", "--route", route];
        let out =
            gatewayctl(&[&args[..], &["--requests", requests, "--interval", interval, "--format", "json"]].concat());
        assert_eq!(code(&out), 0);
        json::<RateLimitReport>(&out)
    };
    let bookings = run("POST /api/v2/bookings", "35", "500ms");
    assert_eq!(bookings.shape, "askproai-2025-10");
    let statuses: Vec<u16> = bookings.requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [vec![500; 30], vec![429; 5]].concat());
    assert_eq!((bookings.errors, bookings.first_rejected), (30, Some(31)));
    assert_eq!(bookings.requests[30].retry_after.as_deref(), Some("-45"), "Carbon 3: signed");
    assert!(bookings.requests[0].error.as_deref().unwrap().contains("Undefined array key 1"));

    let webhook = run("POST /api/webhooks/calcom", "62", "100ms");
    assert!(webhook.limited, "{webhook:?}");
    assert_eq!((webhook.stack.as_slice(), webhook.first_rejected), (&["throttle:60,1".to_string()][..], Some(61)));
}

/// `api.rate-limit:5,60` on the contract lab, whose limiter's `handle()`
/// takes no parameter: preflight's findings and `simulate` read the app the
/// same way (the 5 never reaches it; the row decides) and name the same
/// first refused request.
#[test]
fn parameters_the_apps_handle_never_takes_read_the_same_in_findings_and_simulate() {
    let lab = crate::lab::Lab::start("simulate-ignored-params", None);
    let config = lab.report.config.display().to_string();
    let routes = lab.dir.join("app/routes/api.php");
    let text = std::fs::read_to_string(&routes).unwrap();
    let line = "Route::post('bookings', [BookingController::class, 'store']);";
    assert!(text.contains(line));
    let limited = "Route::post('bookings', [BookingController::class, 'store'])->middleware('api.rate-limit:5,60');";
    std::fs::write(&routes, text.replace(line, limited)).unwrap();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);

    let out = gatewayctl(&["--config", &config, "preflight", "--format", "json"]);
    let report: gatewayctl::report::preflight::PreflightReport = json(&out);
    let extra = report.findings.iter().find(|f| f.kind == "extra-parameters").expect("named");
    assert!(extra.effect.contains("'5,60' never reaches handle()"), "{extra:#?}");
    let twice = report.findings.iter().find(|f| f.kind == "repeated-limiter").expect("named");
    let said: u32 = twice.effect.split(": request ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();

    let out = gatewayctl(&[
        "--config",
        &config,
        "simulate",
        "rate-limit",
        "--route",
        "POST /api/v2/bookings",
        "--requests",
        "40",
        "--format",
        "json",
    ]);
    let sim: RateLimitReport = json(&out);
    assert_eq!(sim.first_rejected, Some(said), "{sim:#?}\n{twice:#?}");
}
