//! `stress rate-limit` against a lab: it matches the model on every request
//! (abuse block included), names the first request that differs when the
//! lab's limit changed behind the model's back, refuses the plan's Phase 5A
//! expectation before sending, and counts a burst exactly.

use gatewayctl::report::stress::StressReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

const CONFIG: &str = "[[rate_limit.buckets]]\nname = \"bookings\"\npaths = [\"v2/bookings\", \"v2/bookings/*\"]\nlimit = 4\nwindow = \"60s\"\n\n[[rate_limit.buckets]]\nname = \"default\"\npaths = [\"*\"]\nlimit = 60\nwindow = \"60s\"\n\n[rate_limit.abuse]\nthreshold = 3\ncounter_ttl = \"60s\"\nblock = \"30s\"\n";

/// `stress rate-limit` with `args`, as JSON: its exit code and report.
pub fn stress(config: &str, args: &[&str]) -> (i32, StressReport) {
    let mut all = vec!["--config", config, "stress", "rate-limit", "--format", "json"];
    all.extend_from_slice(args);
    let out = gatewayctl(&all);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    (code(&out), json(&out))
}

#[test]
fn matches_the_model_on_every_request_including_the_abuse_block() {
    let lab = Lab::start("stress", Some(CONFIG));
    let config = lab.report.config.display().to_string();
    let (code, report) = stress(&config, &["--requests", "12", "--interval", "15ms"]);
    assert_eq!((code, report.mismatches), (0, 0), "{report:#?}");
    let statuses: Vec<u16> = report.requests.iter().map(|r| r.observed.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 8, "{statuses:?}");
    // The abuse block's Retry-After is the block's 30 s, not the window's.
    assert_eq!(report.requests.last().unwrap().observed.retry_after_s, Some(30), "{report:#?}");
    assert!(!report.identity.contains("gatewayctl-stress-"), "the probe key is masked: {}", report.identity);
}

#[test]
fn a_limit_changed_behind_the_models_back_is_caught_at_the_first_request() {
    let lab = Lab::start("stress-drift", Some(CONFIG));
    let gateway = lab.dir.join("app/config/gateway.php");
    let php = std::fs::read_to_string(&gateway).unwrap().replace("'limit' => 4,", "'limit' => 6,");
    std::fs::write(&gateway, php).unwrap();
    let cached = std::process::Command::new("php")
        .args(["artisan", "config:cache"])
        .current_dir(lab.dir.join("app"))
        .output()
        .unwrap();
    assert!(cached.status.success());
    let config = lab.report.config.display().to_string();
    // php-fpm's opcache revalidates a file every 2 s: a graceful reload, as an
    // operator would run, serves the new config at once (the test raced it on a loaded machine).
    let reloaded = crate::harness::gatewayctl(&["--config", &config, "reload"]);
    assert_eq!(crate::harness::code(&reloaded), 0, "{}", crate::harness::stderr(&reloaded));
    let (code, report) = stress(&config, &["--requests", "8", "--interval", "10ms"]);
    assert_eq!(code, 1);
    assert_eq!(report.first_mismatch, Some(1), "remaining 5 where the model says 3: {:#?}", report.requests[0]);
}

#[test]
fn the_plans_phase_5a_is_refused_before_anything_is_sent() {
    let lab = Lab::start("stress-plan", None);
    let config = lab.report.config.display().to_string();
    let log_before = lab.laravel_log();
    let out = gatewayctl(&[
        "--config",
        &config,
        "stress",
        "rate-limit",
        "--route",
        "GET /api/health",
        "--requests",
        "35",
        "--expect-limit",
        "30",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("carries no rate limiter") && stderr(&out).contains("Nothing was sent"),
        "{}",
        stderr(&out)
    );
    assert_eq!(lab.laravel_log(), log_before, "no request reached the gateway");
}

#[test]
fn a_burst_passes_exactly_the_limit_and_rate_mode_paces() {
    let lab = Lab::start("stress-burst", Some(CONFIG));
    let config = lab.report.config.display().to_string();
    let (exit, report) = stress(&config, &["--burst", "20"]);
    assert_eq!((exit, report.burst_passed, report.burst_expected), (0, Some(4), Some(4)), "{report:#?}");
    let (exit, report) =
        stress(&config, &["--route", "GET /static.txt", "--unlisted-path", "--rate", "40", "--duration", "1s"]);
    let rate = report.rate.unwrap();
    assert_eq!((exit, rate.sent), (0, 40));
    assert_eq!(rate.statuses.get("200"), Some(&40));
    assert!(rate.p99_ms > 0.0 && rate.p50_ms <= rate.p99_ms);
    let out = gatewayctl(&["--config", &config, "stress", "rate-limit", "--rate", "500"]);
    assert_eq!(code(&out), 2, "above the production cap without --allow-high-load");
}

#[test]
fn the_load_engine_outlives_keepalive_closes_and_counts_every_request() {
    let lab = Lab::start("stress-engine", None);
    let config = lab.report.config.display().to_string();
    let static_txt = ["--route", "GET /static.txt", "--unlisted-path", "--allow-high-load"];
    // One connection, 1,500 requests: nginx closes a keep-alive connection
    // after 1,000, and the engine reconnects without losing or failing one.
    let mut args = static_txt.to_vec();
    args.extend(["--rate", "1500", "--duration", "1s", "--connections", "1"]);
    let (exit, report) = stress(&config, &args);
    let rate = report.rate.unwrap();
    assert_eq!((exit, rate.sent), (0, 1500), "{rate:#?}");
    assert_eq!(rate.statuses.get("200"), Some(&1500), "{rate:#?}");
    let mut args = static_txt.to_vec();
    args.extend(["--max", "--duration", "1s", "--connections", "4"]);
    let (exit, report) = stress(&config, &args);
    let rate = report.rate.unwrap();
    assert_eq!(exit, 0, "{rate:#?}");
    assert!(rate.sent > 0 && rate.statuses.keys().all(|k| k == "200"), "{rate:#?}");
    assert_eq!(rate.statuses.values().sum::<u64>(), rate.sent);
}

#[test]
fn a_route_that_is_not_the_gateways_is_refused_and_no_answer_is_never_a_match() {
    let lab = Lab::start("stress-evidence", Some(CONFIG));
    let config = lab.report.config.display().to_string();
    let log_before = lab.laravel_log();
    let run = |args: &[&str]| {
        let mut all = vec!["--config", config.as_str(), "stress", "rate-limit"];
        all.extend_from_slice(args);
        gatewayctl(&all)
    };
    for route in ["POST /api/v2/booking", "POST /"] {
        let out = run(&["--route", route, "--requests", "3", "--interval", "10ms"]);
        assert_eq!(code(&out), 2, "{route}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a route of the gateway") && stderr(&out).contains("POST /api/v2/bookings"),
            "{route}: the routes that exist are listed: {}",
            stderr(&out)
        );
    }
    let out = run(&["--route", "POST //127.0.0.2:18080/api/v2/bookings", "--requests", "1"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("never a host"), "{}", stderr(&out));
    assert_eq!(lab.laravel_log(), log_before, "nothing was sent");

    // A trailing slash is the same route to Laravel, and the model agrees.
    let (exit, report) =
        stress(&config, &["--route", "POST /api/v2/bookings/", "--requests", "6", "--interval", "10ms"]);
    assert_eq!((exit, report.mismatches, report.limit), (0, 0, Some(4)), "{report:#?}");

    // The gateway down: no answer is never "matches the model".
    let nginx = lab.report.processes.iter().find(|p| p.name == "nginx").unwrap().pid;
    gatewayctl::adapters::process::stop(nginx, libc::SIGTERM, std::time::Duration::from_secs(5));
    let out = run(&["--requests", "3", "--interval", "10ms"]);
    assert_eq!(code(&out), 3, "unreachable: {}", stderr(&out));
    let out = run(&["--burst", "5", "--format", "json"]);
    let report: StressReport = json(&out);
    assert_eq!(code(&out), 1, "{report:#?}");
    assert_eq!(report.burst_answered, Some(0));
    let out = run(&["--rate", "20", "--duration", "1s", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

#[test]
fn a_long_run_piped_says_it_is_alive() {
    let lab = Lab::start("stress-alive", None);
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "stress", "rate-limit", "--requests", "12", "--interval", "550ms"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("still running (5s)"), "a heartbeat on piped stderr: {}", stderr(&out));
    let quiet =
        gatewayctl(&["--config", &config, "-q", "stress", "rate-limit", "--requests", "12", "--interval", "550ms"]);
    assert!(!stderr(&quiet).contains("still running"), "-q: {}", stderr(&quiet));
}

#[test]
fn identity_is_spelled_as_in_simulate() {
    let lab = Lab::start("stress-identity", Some(CONFIG));
    let config = lab.report.config.display().to_string();
    let (code, report) =
        stress(&config, &["--identity", "key:my-secret-key-123", "--requests", "6", "--interval", "10ms"]);
    assert_eq!((code, report.mismatches), (0, 0), "{report:#?}");
    assert!(!report.identity.contains("my-secret-key-123"), "masked: {}", report.identity);
    assert_eq!(report.requests.iter().filter(|r| r.observed.status == 429).count(), 2, "limit 4: {report:#?}");
}

/// A typo'd route is refused the same way by every command that takes
/// --route: the nearest route suggested, nothing sent.
#[test]
fn a_typod_route_is_refused_with_the_nearest_and_nothing_is_sent() {
    let lab = Lab::start("typo", None);
    let config = lab.report.config.display().to_string();
    let access = lab.dir.join("run/nginx-access.log");
    let before = std::fs::read_to_string(&access).unwrap_or_default();
    let typo = "POST /api/v2/booking";
    for args in [
        vec!["verify", "--route", typo],
        vec!["stress", "rate-limit", "--route", typo, "--requests", "3"],
        vec!["simulate", "rate-limit", "--route", typo, "--requests", "3"],
    ] {
        let mut all = vec!["--config", config.as_str()];
        all.extend(&args);
        let out = gatewayctl(&all);
        let said = stderr(&out);
        assert_eq!(code(&out), 2, "{args:?}: {said}");
        assert!(said.contains("did you mean POST /api/v2/bookings?"), "{args:?}: {said}");
        assert!(said.contains("nothing was"), "{args:?}: {said}");
    }
    let after = std::fs::read_to_string(&access).unwrap_or_default();
    assert_eq!(after.len(), before.len(), "no request reached nginx: {}", &after[before.len()..]);
    // Under --format json the refusal is a JSON document too.
    let out = gatewayctl(&["--config", config.as_str(), "verify", "--route", typo, "--format", "json"]);
    let doc: serde_json::Value = crate::harness::json(&out);
    assert_eq!(doc["exit_code"], 2, "{doc:#}");
    assert!(doc["error"].as_str().unwrap().contains("did you mean POST /api/v2/bookings?"), "{doc:#}");
}
