//! `lab up --gateway laravel`: an API limited by Laravel's own limiter
//! alone, named limiters and a plain throttle, with no limit written in
//! gatewayctl's config. The model reads them from the app and predicts
//! every answer; the rollback takes them out and undo brings them back.

use gatewayctl::report::stress::StressReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

fn laravel(name: &str) -> Lab {
    Lab::start_with(name, None, &["--gateway", "laravel"])
}

/// Deletes Laravel's counters and timers (the cache store's keys): each
/// route starts from a fresh window.
fn forget_counters(lab: &Lab) {
    for key in lab.redis(&["--scan", "--pattern", "gateway_cache:*"]).lines().filter(|k| !k.is_empty()) {
        lab.redis(&["DEL", key]);
    }
}

fn stress(config: &str, route: &str, requests: &str) -> StressReport {
    crate::stress::stress(config, &["--route", route, "--requests", requests, "--interval", "20ms"]).1
}

#[test]
fn laravels_own_limiters_are_read_from_the_app_and_every_answer_predicted() {
    let lab = laravel("laravel-limiters");
    let config = lab.report.config.display().to_string();
    let toml = std::fs::read_to_string(&lab.report.config).unwrap();
    assert!(toml.contains("middleware = [\"throttle\"]"), "{toml}");
    // Route, its limiters, how many requests, and the one Laravel refuses
    // first: the kernel's api group gives every route `throttle:api` (60 a
    // minute by address); then the two-limit `bookings` (8 a minute, 1000 a
    // day), `reschedule` keyed by an input field and the address (5),
    // `webhooks` (none for members, 6 for guests), a plain throttle (30).
    for (route, limiters, requests, first_429) in [
        ("POST /api/v2/availability/simple", "throttle:api", "64", Some(61)),
        ("POST /api/v2/bookings", "throttle:api throttle:bookings", "20", Some(9)),
        ("POST /api/v2/bookings/1/reschedule", "throttle:api throttle:reschedule", "20", Some(6)),
        ("POST /api/webhooks/calcom", "throttle:api throttle:webhooks", "20", Some(7)),
        ("POST /api/webhooks/retell", "throttle:api throttle:30,1", "34", Some(31)),
    ] {
        forget_counters(&lab);
        let report = stress(&config, route, requests);
        assert_eq!(report.mismatches, 0, "{route}: {report:#?}");
        assert_eq!(report.others.join(" "), limiters, "{route}");
        let refused = report.requests.iter().find(|r| r.observed.status == 429).map(|r| r.n);
        assert_eq!(refused, first_429, "{route}: {report:#?}");
    }
    // A client that sends no API key is keyed by its address alone.
    forget_counters(&lab);
    let args =
        ["--route", "POST /api/v2/bookings", "--identity", "ip:127.0.0.1", "--requests", "10", "--interval", "20ms"];
    let (_, report) = crate::stress::stress(&config, &args);
    assert_eq!(report.mismatches, 0, "{report:#?}");
    // The model alone says the same, touching nothing.
    let out = gatewayctl(&[
        "--config",
        &config,
        "simulate",
        "rate-limit",
        "--route",
        "POST /api/v2/bookings",
        "--requests",
        "10",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let simulated: serde_json::Value = json(&out);
    assert_eq!(simulated["first_rejected"], 9, "{simulated:#}");
    forget_counters(&lab);
    let out = gatewayctl(&["--config", &config, "verify"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The probe names Laravel's limiter and learns its limit, leaving nothing.
    forget_counters(&lab);
    let out =
        gatewayctl(&["--config", &config, "model", "probe", "--route", "POST /api/v2/bookings", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let probe: gatewayctl::report::probe::ProbeReport = json(&out);
    let seen = |d: &str| probe.learned.iter().find(|l| l.dimension == d).map(|l| l.value.clone());
    assert_eq!(
        seen("limiter").as_deref(),
        Some("Laravel throttle (named: api), Laravel throttle (named: bookings)"),
        "{probe:#?}"
    );
    assert_eq!((seen("limit").as_deref(), probe.first_refused), (Some("8"), Some(9)), "{probe:#?}");
    assert!(probe.findings.is_empty(), "{probe:#?}");
    assert_eq!(lab.redis(&["--scan", "--pattern", "gateway_cache:*"]), "", "the probe's keys are gone");
}

#[test]
fn the_rollback_takes_laravels_throttles_out_of_routes_and_group_and_undo_brings_them_back() {
    let lab = laravel("laravel-rollback");
    let config = lab.report.config.display().to_string();
    let routes = lab.dir.join("app/routes/api.php");
    let original = std::fs::read(&routes).unwrap();
    let kernel_file = lab.dir.join("app/app/Http/Kernel.php");
    let kernel_original = std::fs::read(&kernel_file).unwrap();
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "rate-limit", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let after = std::fs::read_to_string(&routes).unwrap();
    assert!(!after.contains("'throttle"), "{after}");
    let kernel = std::fs::read_to_string(lab.dir.join("app/app/Http/Kernel.php")).unwrap();
    assert!(!kernel.contains("'throttle:api'"), "the kernel's api group: {kernel}");
    assert!(kernel.contains("SubstituteBindings::class"), "the group keeps the rest:\n{kernel}");
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2030-01-01"});
    let statuses: Vec<u16> =
        (0..12).map(|_| lab.send(&http, "POST", "/api/v2/bookings", &[], Some(&body)).status).collect();
    assert!(statuses.iter().all(|s| *s != 429), "{statuses:?}");
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "undo", "rate-limit", "--format", "json"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read(&routes).unwrap(), original, "undo is byte-exact");
    assert_eq!(std::fs::read(&kernel_file).unwrap(), kernel_original, "the kernel too");
    forget_counters(&lab);
    let back = stress(&config, "POST /api/v2/bookings", "10");
    assert_eq!((back.mismatches, back.requests[8].observed.status), (0, 429), "{back:#?}");
}

/// The same app with its `throttle` alias on `ThrottleRequestsWithRedis`
/// (Laravel 8's kernel; Laravel 11's `throttleWithRedis()`): each key a
/// `DurationLimiter` hash on Redis itself, refusals counted, and every
/// answer still predicted.
#[test]
fn the_same_app_under_throttle_with_redis_is_predicted_too() {
    let lab = laravel("laravel-redis");
    let config = lab.report.config.display().to_string();
    let kernel = lab.dir.join("app/app/Http/Kernel.php");
    let text = std::fs::read_to_string(&kernel).unwrap();
    let redis = text.replace("ThrottleRequests::class,", "ThrottleRequestsWithRedis::class,");
    assert_ne!(redis, text);
    std::fs::write(&kernel, redis).unwrap();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);
    // A changed class reaches php-fpm's workers with a graceful reload (their
    // opcache may hold the old kernel for seconds otherwise).
    let out = gatewayctl(&["--config", &config, "--yes", "reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for (route, requests, first_429) in [
        ("POST /api/v2/bookings", "12", Some(9)),
        ("POST /api/v2/bookings/1/reschedule", "8", Some(6)),
        ("POST /api/webhooks/retell", "34", Some(31)),
    ] {
        lab.redis(&["FLUSHDB"]);
        let report = stress(&config, route, requests);
        assert_eq!(report.mismatches, 0, "{route}: {report:#?}");
        let refused = report.requests.iter().find(|r| r.observed.status == 429).map(|r| r.n);
        assert_eq!(refused, first_429, "{route}: {report:#?}");
    }
    // Its keys are hashes on the default connection, no cache prefix.
    let keys = lab.redis(&["--scan"]);
    let first = keys.lines().next().expect("a key");
    assert!(!first.starts_with("gateway_cache:"), "{keys}");
    assert_eq!(lab.redis(&["TYPE", first]), "hash", "{keys}");
}

/// A middleware list built at run time is read from the route list, which
/// names what it applies: a list that is not the limiter leaves the
/// rollback be; one that applies it keeps the limiter on, and the rollback
/// is refused with the route named, nothing changed.
#[test]
fn a_list_built_at_run_time_is_read_from_the_route_list() {
    let lab = laravel("laravel-run-time");
    let config = lab.report.config.display().to_string();
    let routes = lab.dir.join("app/routes/api.php");
    let stock = std::fs::read_to_string(&routes).unwrap();
    let audited = format!(
        "{stock}\n$audit = ['api.logging'];\nRoute::get('audited', [HealthController::class, 'show'])->middleware($audit);\n"
    );
    std::fs::write(&routes, &audited).unwrap();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "rate-limit", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(std::fs::read_to_string(&routes).unwrap().contains("->middleware($audit);"));
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "undo", "rate-limit", "--format", "json"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), audited);

    let hooked = format!(
        "{stock}\n$hooks = ['throttle:webhooks'];\nRoute::get('hooked', [HealthController::class, 'show'])->middleware($hooks);\n"
    );
    std::fs::write(&routes, &hooked).unwrap();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "rate-limit", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: serde_json::Value = json(&out);
    let routes_check = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "route:list").unwrap();
    assert_eq!(routes_check["verdict"], "fail", "{report:#}");
    let evidence = routes_check["evidence"].as_str().unwrap();
    assert!(evidence.contains("stays on GET|HEAD api/hooked"), "{evidence}");
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), hooked, "nothing changed");
}
