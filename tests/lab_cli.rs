//! `lab up|down|status|upstream` through the binary: the contract's headers
//! on a fresh lab, the v2 routes' middleware, and nothing left behind.

use gatewayctl::report::lab::LabStatusReport;

use crate::harness::{code, gatewayctl, json};
use crate::lab::Lab;

#[test]
fn a_lab_answers_with_the_contract_headers_and_stops_clean() {
    let mut lab = Lab::start("cli", None);
    let http = lab.http(None);
    let booking =
        serde_json::json!({"service_id": 1, "start": "2025-10-02 10:00", "name": "Jo", "email": "jo@example.com"});
    let answer = lab.send(&http, "POST", "/api/v2/bookings", &[], Some(&booking));
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.header("x-ratelimit-limit"), Some("30"));
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("29"));
    assert!(answer.header("x-response-time").is_some_and(|v| v.ends_with("ms")), "{:?}", answer.headers);
    let health = lab.send(&http, "GET", "/api/health", &[], None);
    assert_eq!(health.status, 200);
    assert!(health.header("x-ratelimit-limit").is_none(), "/api/health carries no limiter");

    let routes = std::process::Command::new("php")
        .args(["artisan", "route:list", "--json"])
        .current_dir(lab.dir.join("app"))
        .output()
        .unwrap();
    let routes: Vec<serde_json::Value> = serde_json::from_slice(&routes.stdout).unwrap();
    let v2: Vec<_> = routes.iter().filter(|r| r["uri"].as_str().unwrap().starts_with("api/v2/")).collect();
    assert_eq!(v2.len(), 3);
    for route in v2 {
        let middleware: Vec<&str> =
            route["middleware"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
        for alias in ["api.rate-limit", "api.performance", "api.logging"] {
            assert!(middleware.contains(&alias), "{route}");
        }
    }

    let status: LabStatusReport =
        json(&gatewayctl(&["lab", "status", "--dir", &lab.dir.display().to_string(), "--format", "json"]));
    assert!(status.up);
    let pids: Vec<u32> = lab.report.processes.iter().map(|p| p.pid).collect();
    let down = lab.down();
    assert!(down.clean, "{down:?}");
    for pid in pids {
        assert!(!gatewayctl::adapters::process::is_alive(pid), "pid {pid} survived lab down");
    }
    let ports = lab.report.ports;
    for (what, port) in ports.all() {
        assert!(!gatewayctl::lab::is_listening(port), "{what} still listens on {port}");
    }
}

/// The lab app ships Laravel's `auth` config: Laravel's own `throttle`
/// (which asks `$request->user()`) limits, where it answered 500 ("Auth
/// guard [] is not defined").
#[test]
fn laravels_own_throttle_works_on_the_lab() {
    let lab = Lab::start("cli-throttle", None);
    let routes = lab.dir.join("app/routes/api.php");
    let mut text = std::fs::read_to_string(&routes).unwrap();
    text.push_str("\nRoute::get('throttled', [HealthController::class, 'show'])->middleware('throttle:5,1');\n");
    std::fs::write(&routes, text).unwrap();
    let config = lab.report.config.display().to_string();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);
    // The edited routes reach php-fpm's workers with a graceful reload (their
    // opcache may hold the old route cache for seconds otherwise).
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "reload"])), 0);
    let http = lab.http(None);
    let first = lab.send(&http, "GET", "/api/throttled", &[], None);
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!((first.header("x-ratelimit-limit"), first.header("x-ratelimit-remaining")), (Some("5"), Some("4")));
    let statuses: Vec<u16> = (0..5).map(|_| lab.send(&http, "GET", "/api/throttled", &[], None).status).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 429]);

    // Named in `[limiter] middleware`, Laravel's throttle is still modelled as
    // Laravel counts it (5 a minute), and the rollback takes it out.
    for key in lab.redis(&["--scan", "--pattern", "gateway_cache:*"]).lines() {
        lab.redis(&["DEL", key]);
    }
    let text = std::fs::read_to_string(&lab.report.config).unwrap();
    let named = text.replace("[limiter]\n", "[limiter]\nmiddleware = [\"api.rate-limit\", \"throttle\"]\n");
    assert_ne!(named, text);
    std::fs::write(&lab.report.config, named).unwrap();
    let out = gatewayctl(&[
        "--config",
        &config,
        "stress",
        "rate-limit",
        "--route",
        "GET /api/throttled",
        "--requests",
        "7",
        "--interval",
        "20ms",
        "--format",
        "json",
    ]);
    let stress: gatewayctl::report::stress::StressReport = json(&out);
    assert_eq!(stress.mismatches, 0, "{stress:#?}");
    assert_eq!(stress.requests[5].observed.status, 429, "{stress:#?}");
    let out = gatewayctl(&["--config", &config, "rollback", "emergency", "--dry-run", "--format", "json"]);
    let plan: gatewayctl::report::rollback::RollbackReport = json(&out);
    assert!(
        plan.features[0].route_changes.iter().any(|c| c.contains("-throttle:5,1")),
        "{:#?}",
        plan.features[0].route_changes
    );
}

/// Laravel keys a plain throttle by the client's address, not the route:
/// two routes with `throttle:5,1` share one counter, in the app's cache
/// store. Three requests to one leave two for the other, and `stress`
/// predicts that from the counter it reads there. Named in `[limiter]
/// middleware`, both throttles go in the emergency rollback, and undo
/// brings the routes file back byte for byte.
#[test]
fn two_routes_with_one_throttle_share_its_counter_and_the_emergency_takes_both_out() {
    let lab = Lab::start("cli-throttles", None);
    let routes = lab.dir.join("app/routes/api.php");
    let mut text = std::fs::read_to_string(&routes).unwrap();
    for name in ["throttled", "throttled2"] {
        text.push_str(&format!(
            "\nRoute::get('{name}', [HealthController::class, 'show'])->middleware('throttle:5,1');\n"
        ));
    }
    std::fs::write(&routes, &text).unwrap();
    let config = lab.report.config.display().to_string();
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "cache", "rebuild"])), 0);
    // The edited routes reach php-fpm's workers with a graceful reload (their
    // opcache may hold the old route cache for seconds otherwise).
    assert_eq!(code(&gatewayctl(&["--config", &config, "--yes", "reload"])), 0);
    let http = lab.http(None);
    let statuses: Vec<u16> = (0..3).map(|_| lab.send(&http, "GET", "/api/throttled", &[], None).status).collect();
    assert_eq!(statuses, [200, 200, 200]);
    let (_, stress) =
        crate::stress::stress(&config, &["--route", "GET /api/throttled2", "--requests", "4", "--interval", "20ms"]);
    assert_eq!(stress.mismatches, 0, "{stress:#?}");
    let seen: Vec<u16> = stress.requests.iter().map(|r| r.observed.status).collect();
    assert_eq!(seen, [200, 200, 429, 429], "{stress:#?}");
    assert_eq!(stress.others, ["throttle:5,1"]);

    let original = std::fs::read(&routes).unwrap();
    let toml = std::fs::read_to_string(&lab.report.config).unwrap();
    let named = toml.replace("[limiter]\n", "[limiter]\nmiddleware = [\"api.rate-limit\", \"throttle\"]\n");
    std::fs::write(&lab.report.config, named).unwrap();
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "emergency", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stderr(&out));
    let after = std::fs::read_to_string(&routes).unwrap();
    assert!(!after.contains("throttle:"), "{after}");
    let freed: Vec<u16> = (0..7).map(|_| lab.send(&http, "GET", "/api/throttled2", &[], None).status).collect();
    assert_eq!(freed, [200; 7], "no throttle left on the route");
    let out = gatewayctl(&["--config", &config, "--yes", "rollback", "undo", "emergency", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stderr(&out));
    assert_eq!(std::fs::read(&routes).unwrap(), original, "undo is byte-exact");
}

#[test]
fn a_second_lab_in_the_same_dir_is_refused_and_labs_run_side_by_side() {
    let first = Lab::start("side", None);
    let second = Lab::start("side", None);
    assert_ne!(first.report.ports.http, second.report.ports.http);
    let again = gatewayctl(&["lab", "up", "--dir", &first.dir.display().to_string()]);
    assert_eq!(code(&again), 2, "{}", crate::harness::stderr(&again));
    assert!(crate::harness::stderr(&again).contains("already running"));
}

#[test]
fn lab_up_dry_run_starts_nothing() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("labs/dry-run-never-created");
    let out = gatewayctl(&["lab", "up", "--dir", &dir.display().to_string(), "--dry-run"]);
    assert_eq!(code(&out), 0);
    assert!(!dir.exists());
}
