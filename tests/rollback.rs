//! Rollback against a real lab: each feature observed off over HTTP and in
//! Redis, undo byte-identical, dry runs and refusals change nothing, and a
//! rollback killed at random moments never leaves a half-written file.

use std::process::Command;
use std::time::Duration;

use gatewayctl::core::checks::CheckVerdict;
use gatewayctl::core::rollback::Feature;
use gatewayctl::report::rollback::{FeatureStatus, RollbackListReport, RollbackReport};

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::{Lab, Rng};

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    let config = lab.report.config.display().to_string();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    gatewayctl(&all)
}

fn bytes(lab: &Lab, feature: Feature) -> Vec<Vec<u8>> {
    feature.files().iter().map(|f| std::fs::read(lab.dir.join("app").join(f)).unwrap()).collect()
}

fn rollback(lab: &Lab, args: &[&str]) -> RollbackReport {
    let mut all = vec!["rollback"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    let out = run(lab, &all);
    let report: RollbackReport = json(&out);
    assert_eq!(code(&out), 0, "{:#?}\n{}", report.checks, stderr(&out));
    report
}

const BREAKER: &str =
    "[breakers.calcom_api]\nfailure_threshold = 2\nrecovery_timeout = \"30s\"\nsuccess_threshold = 2\n";

#[test]
fn each_rollback_turns_its_feature_off_and_undo_restores_the_bytes() {
    let lab = Lab::start("rollback", Some(BREAKER));
    let http = lab.http(None);
    let availability = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    // Input validation is not wired in a fresh lab: tests/integrate.rs wires it first.
    for feature in Feature::ALL.into_iter().filter(|f| *f != Feature::InputValidation) {
        let before = bytes(&lab, feature);
        let report = rollback(&lab, &[feature.name()]);
        assert_eq!(report.features[0].status, FeatureStatus::RolledBack);
        assert!(
            report.checks.iter().any(|c| c.name == format!("{feature} off") && c.verdict == CheckVerdict::Pass),
            "{:#?}",
            report.checks
        );
        match feature {
            Feature::RateLimit => {
                let got = lab.send(
                    &http,
                    "POST",
                    "/api/v2/bookings/3/reschedule",
                    &[("X-Api-Key", "after-rollback")],
                    Some(&availability),
                );
                assert!(got.header("x-ratelimit-limit").is_none(), "{:?}", got.headers);
                assert!(
                    !lab.redis(&["--scan", "--pattern", "rate_limit:*:reschedule"]).contains(':'),
                    "no counter moved"
                );
            }
            Feature::CircuitBreaker => {
                lab.upstream("fail");
                for _ in 0..4 {
                    let got = lab.send(&http, "POST", "/api/v2/availability/simple", &[], Some(&availability));
                    assert_eq!(
                        got.json().unwrap()["error"],
                        "upstream_unavailable",
                        "Cal.com is called directly, never failed fast"
                    );
                }
                assert_eq!(
                    lab.redis(&["GET", "circuit_breaker:calcom_api:state"]),
                    "",
                    "the breaker's keys do not move"
                );
                lab.upstream("ok");
                assert_eq!(
                    lab.send(&http, "POST", "/api/v2/availability/simple", &[], Some(&availability)).status,
                    200
                );
            }
            Feature::InputValidation => unreachable!("filtered out above"),
            Feature::LogSanitizer => {
                let body = serde_json::json!({"password": "canary-pass-word", "request_ref": "test-sanitizer-off"});
                lab.send(&http, "POST", "/api/webhooks/retell", &[], Some(&body));
                let log = lab.laravel_log();
                let line = log.lines().find(|l| l.contains("test-sanitizer-off")).unwrap();
                assert!(line.contains("canary-pass-word"), "logged as sent: {line}");
            }
        }
        let list: RollbackListReport = json(&run(&lab, &["rollback", "list", "--format", "json"]));
        assert_eq!(list.rolled_back, [feature]);
        let undone = rollback(&lab, &["undo", feature.name()]);
        assert!(
            undone.checks.iter().any(|c| c.name == format!("{feature} on") && c.verdict == CheckVerdict::Pass),
            "{:#?}",
            undone.checks
        );
        assert_eq!(bytes(&lab, feature), before, "{feature}: byte-identical after undo");
    }
}

#[test]
fn dry_runs_twice_and_refusals() {
    let lab = Lab::start("rollback-safety", None);
    let routes = lab.dir.join("app/routes/api.php");
    let original = std::fs::read(&routes).unwrap();
    let dry = rollback(&lab, &["rate-limit", "--dry-run"]);
    assert!(dry.dry_run && dry.features[0].diffs[0].contains("-        'api.rate-limit',"), "{:?}", dry.features);
    assert!(dry.features[0].route_changes.contains(&"POST api/v2/bookings: -api.rate-limit".to_string()));
    assert_eq!(std::fs::read(&routes).unwrap(), original, "a dry run changes nothing");
    assert!(!lab.dir.join("state/journal.jsonl").exists());

    rollback(&lab, &["rate-limit", "--no-reload", "--no-cache"]);
    // A second rollback edits nothing, but still makes it live and proves it off.
    let twice = rollback(&lab, &["rate-limit"]);
    assert_eq!(twice.features[0].status, FeatureStatus::AlreadyRolledBack);
    assert!(twice.features[0].diffs.is_empty());
    assert!(
        twice.checks.iter().any(|c| c.name == "rate-limit off" && c.verdict == CheckVerdict::Pass),
        "{:#?}",
        twice.checks
    );

    // Someone edits the file after the rollback: undo refuses and loses nothing.
    let edited = format!("{}// a later edit\n", std::fs::read_to_string(&routes).unwrap());
    std::fs::write(&routes, &edited).unwrap();
    let out = run(&lab, &["rollback", "undo", "rate-limit"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("+// a later edit"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), edited);

    // Middleware built at run time: refused, file unchanged.
    let runtime = String::from_utf8(original.clone()).unwrap().replace(
        "->middleware('api.rate-limit');\nRoute::post('webhooks/retell'",
        "->middleware($webhookMiddleware);\nRoute::post('webhooks/retell'",
    );
    std::fs::write(&routes, &runtime).unwrap();
    let out = run(&lab, &["rollback", "rate-limit"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("built at run time") && stderr(&out).contains("routes/api.php:line"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), runtime);
}

#[test]
fn the_emergency_rollback_verifies_health() {
    let lab = Lab::start("emergency", None);
    let report = rollback(&lab, &["emergency"]);
    let names: Vec<&str> = report.checks.iter().map(|c| c.name.as_str()).collect();
    for wanted in ["config:clear", "route:clear", "signal", "probes", "rate-limit off", "health"] {
        assert!(names.contains(&wanted), "{names:?}");
    }
    assert!(report.elapsed_ms > 0);
}

#[test]
fn killed_at_random_moments_never_leaves_a_half_written_file() {
    let lab = Lab::start("rollback-kill", None);
    let routes = lab.dir.join("app/routes/api.php");
    let original = std::fs::read(&routes).unwrap();
    let config = lab.report.config.display().to_string();
    let mut rng = Rng::new(7);
    let text = String::from_utf8(original.clone()).unwrap();
    let edited =
        gatewayctl::core::rollback::apply(&text, &Feature::RateLimit.edit(&text, &crate::harness::limiter()).unwrap())
            .into_bytes();
    for round in 0..12 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "--yes", "rollback", "rate-limit", "--no-reload", "--no-cache"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(250)));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&routes).unwrap();
        assert!(now == original || now == edited, "round {round}: a half-written routes/api.php");
        assert!(Command::new("php").arg("-l").arg(&routes).output().unwrap().status.success());
        // A rerun completes it; undo restores the original bytes.
        let again = rollback(&lab, &["rate-limit", "--no-reload", "--no-cache"]);
        assert!(matches!(
            again.features[0].status,
            FeatureStatus::RolledBack | FeatureStatus::AlreadyRolledBack | FeatureStatus::Completed
        ));
        assert_eq!(std::fs::read(&routes).unwrap(), edited, "round {round}: the rerun completes the rollback");
        rollback(&lab, &["undo", "rate-limit", "--no-reload", "--no-cache"]);
        assert_eq!(std::fs::read(&routes).unwrap(), original, "round {round}: undo restores the original");
    }
    let leftovers: Vec<_> = std::fs::read_dir(lab.dir.join("app/routes"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp."))
        .collect();
    assert!(leftovers.len() <= 1, "temporary files pile up: {leftovers:?}");
}

/// The real baseline's `routes/api.php` at `2a58f5a6e` holds a constant
/// list with a class and no limiter: "already off", never a refusal; a
/// list built at run time is refused with the expression quoted as written.
#[test]
fn a_constant_list_of_classes_is_already_off_and_a_run_time_list_is_quoted() {
    let app = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(app.path().join("routes")).unwrap();
    std::fs::create_dir_all(app.path().join("bootstrap")).unwrap();
    std::fs::write(app.path().join("artisan"), "<?php\n").unwrap();
    std::fs::write(app.path().join("bootstrap/app.php"), "<?php\n").unwrap();
    let routes = app.path().join("routes/api.php");
    let text = "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::prefix('mcp')\n    ->middleware(['web', 'auth', \\App\\Http\\Middleware\\MCPAdminAccess::class])\n    ->group(function () {\n        Route::get('status', fn () => 'ok');\n    });\n";
    std::fs::write(&routes, text).unwrap();
    let dir = app.path().display().to_string();
    let out = gatewayctl(&["--app-dir", &dir, "rollback", "rate-limit", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown = crate::harness::stdout(&out);
    assert!(shown.contains("rate-limit: already off: nothing to do"), "{shown}");
    assert!(!shown.contains("checked below"), "no promise of checks that do not follow: {shown}");
    let report: RollbackReport =
        json(&gatewayctl(&["--app-dir", &dir, "rollback", "rate-limit", "--dry-run", "--format", "json"]));
    assert_eq!(report.features[0].status, FeatureStatus::AlreadyOff);

    let built = text.replace("'auth', ", "'auth', ...$extra, ");
    std::fs::write(&routes, &built).unwrap();
    let out = gatewayctl(&["--app-dir", &dir, "rollback", "rate-limit", "--dry-run"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("routes/api.php:line 6: a middleware list built at run time (...$extra)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), built);
}

/// 35 requests to `POST /api/v2/bookings` (its row allows 30) as one client:
/// the status of each.
fn run_of_35(lab: &Lab, client: &str) -> Vec<u16> {
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    (0..35).map(|_| lab.send(&http, "POST", "/api/v2/bookings", &[("X-Api-Key", client)], Some(&body)).status).collect()
}

/// The limiter written by class, a common Laravel idiom (`route:list` then
/// names the class): the v2 group's entry as `\App\…\RateLimitMiddleware::class`,
/// the webhooks' as `RateLimitMiddleware::class` under a `use`. The dry run
/// edits all three, preflight proves the rollback ready, the emergency
/// rollback turns the limiter off, and undo is byte-exact.
#[test]
fn a_limiter_written_by_class_is_found_rolled_back_and_undone() {
    let lab = Lab::start("rollback-class", None);
    let routes = lab.dir.join("app/routes/api.php");
    let by_class = std::fs::read_to_string(&routes)
        .unwrap()
        .replace(
            "use Illuminate\\Support\\Facades\\Route;",
            "use App\\Http\\Middleware\\RateLimitMiddleware;\nuse Illuminate\\Support\\Facades\\Route;",
        )
        .replace("->middleware('api.rate-limit')", "->middleware(RateLimitMiddleware::class)")
        .replace("        'api.rate-limit',\n", "        \\App\\Http\\Middleware\\RateLimitMiddleware::class,\n");
    assert!(!by_class.contains("'api.rate-limit'"), "{by_class}");
    std::fs::write(&routes, &by_class).unwrap();
    for step in [&["cache", "rebuild"][..], &["reload"][..]] {
        let out = run(&lab, step);
        assert_eq!(code(&out), 0, "{step:?}: {}{}", crate::harness::stdout(&out), stderr(&out));
    }
    assert_eq!(run_of_35(&lab, "by-class-before")[30], 429, "the limiter is live by class");

    let plan = rollback(&lab, &["rate-limit", "--dry-run"]);
    assert_eq!(plan.features[0].status, FeatureStatus::Planned, "{:#?}", plan.features);
    let diff = plan.features[0].diffs.join("\n");
    let removed: Vec<&str> = diff.lines().filter(|l| l.starts_with('-') && !l.starts_with("---")).collect();
    assert_eq!(removed.len(), 3, "the group's entry and both webhooks' lines change: {diff}");
    assert!(removed.iter().all(|l| l.contains("RateLimitMiddleware::class")), "{diff}");
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), by_class, "a dry run changes nothing");

    let emergency = rollback(&lab, &["emergency"]);
    let off = emergency.checks.iter().find(|c| c.name == "rate-limit off").expect("observed");
    assert_eq!(off.verdict, CheckVerdict::Pass, "{off:?}");
    assert_ne!(run_of_35(&lab, "by-class-after")[30], 429, "request 31 is no longer refused");

    rollback(&lab, &["undo", "rate-limit"]);
    assert_eq!(std::fs::read_to_string(&routes).unwrap(), by_class, "undo is byte-exact");
}

/// The observation of "rate-limit off" needs a route the limiter covered:
/// with none in the config's shape (and none left in the app's stacks once
/// the edit took it out), it is unknown, never a pass; undo then observes
/// the limiter on the app's own route again.
#[test]
fn rate_limit_off_on_no_covered_route_is_unknown() {
    let lab = Lab::start("rollback-unobserved", None);
    let config = std::fs::read_to_string(&lab.report.config).unwrap();
    let start = config.find("routes = [").expect("the lab's config lists the limited routes");
    let end = start + config[start..].find(']').unwrap() + 1;
    std::fs::write(&lab.report.config, format!("{}routes = []{}", &config[..start], &config[end..])).unwrap();
    let out = run(&lab, &["rollback", "rate-limit", "--format", "json"]);
    let report: RollbackReport = json(&out);
    let off = report.checks.iter().find(|c| c.name == "rate-limit off").expect("observed");
    assert_eq!(off.verdict, CheckVerdict::Unknown, "{off:?}");
    assert_ne!(code(&out), 0, "an observation that saw nothing is no success");
    let undone = rollback(&lab, &["undo", "rate-limit"]);
    let on = undone.checks.iter().find(|c| c.name == "rate-limit on").expect("observed");
    assert_eq!(on.verdict, CheckVerdict::Pass, "{on:?}");
}

/// A process left running, as /proc shows it: what it runs, its state and
/// parent, its namespace pids, its children, where it waits.
fn described(pid: u32) -> String {
    let read = |f: &str| std::fs::read_to_string(format!("/proc/{pid}/{f}")).unwrap_or_default();
    let cmdline = read("cmdline").replace('\0', " ");
    let status = read("status");
    let fields: Vec<&str> =
        status.lines().filter(|l| ["State", "PPid", "NSpid", "SigCgt"].iter().any(|k| l.starts_with(k))).collect();
    format!(
        "{cmdline} | {} | children [{}] | wchan {} | {}",
        fields.join("; "),
        read(&format!("task/{pid}/children")).trim(),
        read("wchan"),
        read("stack").lines().take(4).collect::<Vec<_>>().join(" < ")
    )
}

/// Every process of a proof dies with it: `rollback circuit-breaker --dry-run`
/// killed 20 times at random moments (its breaker probe starts a Cal.com
/// stand-in) leaves no process of a shadow running, and `lab status`
/// counts none.
#[test]
fn killed_proofs_leave_no_process_of_a_shadow() {
    let lab = Lab::start("proof-kill", Some(BREAKER));
    let config = lab.report.config.display().to_string();
    let shadows = lab.dir.join("state");
    let mut rng = Rng::new(44);
    // How long a whole proof takes here bounds where the kills land.
    let started = std::time::Instant::now();
    let out = run(&lab, &["rollback", "circuit-breaker", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let whole = started.elapsed().as_millis() as u64;
    for round in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "rollback", "circuit-breaker", "--dry-run"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(whole.max(1))));
        let _ = child.kill();
        let _ = child.wait();
        // The kernel tears the namespace down as its init dies: give it a moment.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let mut left = gatewayctl::adapters::process::naming(&shadows);
        while !left.is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            left = gatewayctl::adapters::process::naming(&shadows);
        }
        let shown: Vec<String> = left.iter().map(|&p| described(p)).collect();
        assert!(left.is_empty(), "round {round}: {} process(es) of a shadow still run: {shown:?}", left.len());
    }
    let status = run(&lab, &["lab", "status", "--dir", &lab.dir.display().to_string(), "--format", "json"]);
    assert!(!crate::harness::stdout(&status).contains("\"stray\""), "{}", crate::harness::stdout(&status));
}
