//! Phases 1 to 4 against a real lab: preflight's GO / NO-GO, cache rebuild,
//! graceful reload (under load, and refused on a broken config), verify
//! against the model, and activate: dry run, end to end, lock, crash, resume.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use gatewayctl::core::checks::{CheckVerdict, GoNoGo};
use gatewayctl::core::integration::Integration;
use gatewayctl::core::journal::{Entry, Event, StepOutcome};
use gatewayctl::report::activate::ActivateReport;
use gatewayctl::report::cache::CacheRunReport;
use gatewayctl::report::preflight::PreflightReport;
use gatewayctl::report::reload::ReloadReport;
use gatewayctl::report::verify::VerifyReport;

use crate::harness::{code, gatewayctl, json, stderr, stdout};
use crate::lab::Lab;

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    let config = lab.report.config.display().to_string();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    gatewayctl(&all)
}

fn journal(lab: &Lab) -> Vec<Entry> {
    let text = std::fs::read_to_string(lab.dir.join("state/journal.jsonl")).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Every file under `dir` with its bytes' hash, for "changed nothing".
fn tree(dir: &Path) -> BTreeMap<String, Option<String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.display().to_string(), gatewayctl::ops::cache::sha256_file(&path));
            }
        }
    }
    out
}

#[test]
fn preflight_is_go_on_a_lab_and_no_go_without_redis() {
    let lab = Lab::start("preflight", None);
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    assert_eq!((code(&out), report.decision), (0, GoNoGo::Go), "{:#?}", report.checks);
    // No false alarm: the contract's stacks resolve, run, and match their rows.
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    let bugs = report.checks.iter().find(|c| c.name == "the gateway's own bugs").unwrap();
    assert_eq!(bugs.verdict, CheckVerdict::Pass, "{bugs:?}");
    let status: BTreeMap<&str, Integration> = report.integration.iter().map(|f| (&f.fix[..1], f.status)).collect();
    assert_eq!(status["2"], Integration::Present, "CollectAppointmentRequest exists, unused");
    assert_eq!(status["5"], Integration::Missing, "no BusinessHoursMiddleware");
    assert!(["1", "3", "4", "6", "7", "8"].iter().all(|n| status[n] == Integration::Wired), "{status:?}");

    // A second 'api.rate-limit' in the alias array, pointing elsewhere: PHP
    // keeps the later, so the limiter never runs. NO-GO, with both lines.
    let kernel = lab.dir.join("app/app/Http/Kernel.php");
    let original = std::fs::read_to_string(&kernel).unwrap();
    let duplicate = original.replace(
        "        'api.logging' => \\App\\Http\\Middleware\\RequestLogging::class,\n",
        "        'api.logging' => \\App\\Http\\Middleware\\RequestLogging::class,\n        'api.rate-limit' => \\App\\Http\\Middleware\\PerformanceMonitoring::class,\n",
    );
    assert_ne!(duplicate, original);
    std::fs::write(&kernel, &duplicate).unwrap();
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    assert_eq!((code(&out), report.decision), (1, GoNoGo::NoGo), "{:#?}", report.findings);
    let f = report.findings.iter().find(|f| f.kind == "misdirected-alias").expect("named");
    assert!(f.harmful && f.routes.iter().any(|r| r == "POST api/v2/bookings"), "{f:#?}");
    assert!(
        f.seen.contains("app/Http/Kernel.php:18, app/Http/Kernel.php:21") && f.seen.contains("PerformanceMonitoring"),
        "{}",
        f.seen
    );
    let limiter = report.integration.iter().find(|f| f.fix.starts_with('4')).unwrap();
    assert_ne!(limiter.status, Integration::Wired, "{limiter:?}");
    std::fs::write(&kernel, &original).unwrap();

    let redis = lab.report.processes.iter().find(|p| p.name == "redis-server").unwrap().pid;
    gatewayctl::adapters::process::stop(redis, libc::SIGTERM, Duration::from_secs(5));
    let out = run(&lab, &["preflight", "--format", "json"]);
    let report: PreflightReport = json(&out);
    assert_eq!((code(&out), report.decision), (3, GoNoGo::NoGo), "Redis down: the unreachable code");
    assert!(
        stderr(&out).contains("baseline not recorded"),
        "a preflight that missed Redis keeps the baseline: {}",
        stderr(&out)
    );
    let redis_check = report.checks.iter().find(|c| c.name == "redis").unwrap();
    assert_eq!(redis_check.verdict, CheckVerdict::Fail);
    assert!(redis_check.evidence.contains("cannot reach Redis"), "{}", redis_check.evidence);
}

#[test]
fn activate_dry_run_changes_nothing_then_a_real_run_does_phases_1_to_4() {
    let lab = Lab::start("activate", None);
    let files = tree(&lab.dir.join("app"));
    let keys = lab.redis_keys();
    let out = run(&lab, &["activate", "--dry-run", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let dry: ActivateReport = json(&out);
    assert!(dry.dry_run && dry.phases.len() == 4);
    assert!(
        dry.phases[1].steps[0].checks.iter().any(|c| c.evidence == "php artisan config:cache"),
        "the exact commands are shown"
    );
    // It judged what it can read-only: the lock, preflight with its findings.
    let r = dry.rehearsal.as_ref().expect("a dry run judges the gates");
    assert_eq!(r.lock.verdict, CheckVerdict::Pass, "{:?}", r.lock);
    assert_eq!(r.decision, GoNoGo::Go, "{:#?}", r.preflight);
    assert!(r.preflight.iter().any(|c| c.name == "the gateway's own bugs"), "{:#?}", r.preflight);
    assert_eq!(r.stops_at, None);
    // The keys of the configured shape, named as stored, and undo commands to paste.
    assert_eq!(r.keys.route, "POST /api/v2/availability/simple");
    let counter = r.keys.keys.iter().find(|k| k.role == "counter").expect("a counter");
    assert!(counter.name.contains("rate_limit:<md5 of key:KEY>:") && counter.limit.is_some(), "{counter:?}");
    let config = std::fs::canonicalize(&lab.report.config).unwrap();
    assert_eq!(r.undo, [format!("gatewayctl --config {} rollback emergency", config.display())]);
    assert_eq!(tree(&lab.dir.join("app")), files, "a dry run changes no file");
    assert_eq!(lab.redis_keys(), keys, "a dry run changes no key");
    assert!(!lab.dir.join("state/journal.jsonl").exists(), "a dry run journals nothing");

    // Another operator's live run: the dry run says a real one would stop at the lock.
    let state = gatewayctl::adapters::state::StateDir::new(&lab.dir.join("state"));
    let other = gatewayctl::adapters::state::LockInfo {
        owner: "alice".into(),
        host: "ops-1".into(),
        pid: std::process::id(),
        since: "2026-12-07T03:00:00Z".into(),
        run: "r-1".into(),
        command: "rollback emergency".into(),
    };
    let held = state.lock(&other, false).unwrap();
    let out = run(&lab, &["activate", "--dry-run", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let dry: ActivateReport = json(&out);
    let r = dry.rehearsal.unwrap();
    assert_eq!(r.stops_at.as_deref(), Some("the lock, before the first step"));
    assert!(r.lock.evidence.contains("alice") && r.lock.evidence.contains("rollback emergency"), "{:?}", r.lock);
    let out = run(&lab, &["activate", "--dry-run"]);
    drop(held);
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("NO-GO") && first.contains("lock"), "the verdict first: {first}");

    let out = run(&lab, &["activate", "--yes", "--format", "json"]);
    let report: ActivateReport = json(&out);
    assert_eq!(code(&out), 0, "{report:#?}");
    let steps: Vec<(&str, StepOutcome)> =
        report.phases.iter().flat_map(|p| &p.steps).map(|s| (s.id.as_str(), s.outcome)).collect();
    assert_eq!(steps.len(), 5);
    assert!(steps.iter().all(|(_, o)| *o == StepOutcome::Ok), "{steps:?}");
    let entries = journal(&lab);
    let Event::RunStarted { hashes, .. } = &entries[0].event else { panic!("{:?}", entries[0]) };
    assert!(hashes["routes/api.php"].is_some() && hashes.contains_key("bootstrap/cache/config.php"));
    assert!(matches!(entries.last().unwrap().event, Event::RunFinished { completed: true }));
    let lock = std::fs::read_to_string(lab.dir.join("state/activate.lock")).unwrap_or_default();
    assert!(lock.is_empty(), "the lock is released and names no holder: {lock}");
    let again = run(&lab, &["activate", "--yes"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
}

#[test]
fn killed_between_rebuild_and_reload_then_resumed() {
    let lab = Lab::start("resume", None);
    let config = lab.report.config.display().to_string();
    let killed = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "activate", "--yes"])
        .env("GATEWAYCTL_CRASH_AFTER_STEP", "cache.rebuild")
        .output()
        .unwrap();
    assert!(killed.status.code().is_none(), "the run was killed: {killed:?}");
    let pre: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert_eq!(
        pre.owed.iter().map(|o| o.step.as_str()).collect::<Vec<_>>(),
        ["reload"],
        "preflight says a reload is owed"
    );

    let out = run(&lab, &["activate", "--resume", "--yes", "--format", "json"]);
    let resumed: ActivateReport = json(&out);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let steps: Vec<&str> = resumed.phases.iter().flat_map(|p| &p.steps).map(|s| s.id.as_str()).collect();
    assert_eq!(steps, ["routes.verify", "reload", "verify"]);
    assert!(journal(&lab).iter().any(|e| matches!(e.event, Event::LockBroken { .. })), "the stale lock is recorded");
    let pre: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert!(pre.owed.is_empty());
}

#[test]
fn a_live_lock_keeps_a_second_operator_out_unless_broken() {
    let lab = Lab::start("lock", None);
    let state = lab.dir.join("state");
    std::fs::create_dir_all(&state).unwrap();
    let holder = serde_json::json!({"owner": "alice", "host": gatewayctl::adapters::state::hostname(), "pid": std::process::id(), "since": "earlier", "run": "r0"});
    std::fs::write(state.join("activate.lock"), holder.to_string()).unwrap();
    let out = run(&lab, &["activate", "--yes"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(stderr(&out).contains("alice"), "{}", stderr(&out));
    assert!(journal(&lab).is_empty(), "a refused run starts nothing");
    let out = run(&lab, &["activate", "--yes", "--break-lock", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(journal(&lab)
        .iter()
        .any(|e| matches!(&e.event, Event::LockBroken { previous_owner, .. } if previous_owner == "alice")));
}

#[test]
fn two_concurrent_activations_never_overlap() {
    let lab = Lab::start("concurrent", None);
    let config = lab.report.config.display().to_string();
    let spawn =
        || Command::new(env!("CARGO_BIN_EXE_gatewayctl")).args(["--config", &config, "activate", "--yes"]).output();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    let codes = [code(&a), code(&b)];
    assert!(codes.contains(&0), "{codes:?}: {}{}", stderr(&a), stderr(&b));
    assert!(codes.iter().all(|c| *c == 0 || *c == 5), "{codes:?}");
    // Whatever the timing, no two runs were ever in progress at once.
    let mut open = 0;
    for e in journal(&lab) {
        match e.event {
            Event::RunStarted { .. } => open += 1,
            Event::RunFinished { .. } => open -= 1,
            _ => {}
        }
        assert!(open <= 1, "two runs overlapped");
    }
}

#[test]
fn reload_under_load_loses_nothing_and_an_in_flight_request_finishes() {
    let lab = Lab::start("reload", None);
    lab.upstream("slow:1500ms");
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let (slow, reload) = std::thread::scope(|s| {
        let slow = s.spawn(|| lab.send(&http, "POST", "/api/v2/availability/simple", &[], Some(&body)));
        std::thread::sleep(Duration::from_millis(300));
        let reload = run(&lab, &["reload", "--format", "json"]);
        (slow.join().unwrap(), reload)
    });
    let report: ReloadReport = json(&reload);
    assert_eq!(code(&reload), 0, "{:#?}", report.checks);
    assert!(report.graceful && report.probes.sent > 0 && report.probes.failed == 0, "{:?}", report.probes);
    assert_eq!(report.master_pid_before, report.master_pid_after, "a foreground master keeps its pid");
    assert!(report.workers_after.iter().all(|w| !report.workers_before.contains(w)));
    assert_eq!(slow.status, 200, "the request in flight during the reload finished: {}", slow.body);
}

#[test]
fn a_broken_fpm_config_is_refused_before_any_signal() {
    let lab = Lab::start("broken", None);
    let conf = lab.dir.join("run/php-fpm.conf");
    let good = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(&conf, format!("{good}pm = bogus\n")).unwrap();
    let master = lab.report.processes.iter().find(|p| p.name == "php-fpm").unwrap().pid;
    let workers = gatewayctl::adapters::process::children(master);
    let started = Instant::now();
    let out = run(&lab, &["reload", "--format", "json"]);
    let report: ReloadReport = json(&out);
    assert_eq!(code(&out), 1);
    assert_eq!(report.checks.len(), 1, "nothing after the config test: {:#?}", report.checks);
    assert!(report.checks[0].evidence.contains("no reload signal was sent"));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(gatewayctl::adapters::process::is_alive(master));
    assert_eq!(gatewayctl::adapters::process::children(master), workers, "the workers were not touched");
    assert_eq!(lab.send(&lab.http(None), "GET", "/api/health", &[], None).status, 200, "php-fpm still serves");
}

#[test]
fn cache_rebuild_proves_the_v2_middleware_and_refuses_the_application_cache() {
    let lab = Lab::start("cache", None);
    let out = run(&lab, &["cache", "rebuild", "--format", "json"]);
    let report: CacheRunReport = json(&out);
    assert_eq!(code(&out), 0, "{:#?}", report.checks);
    assert!(report.owes_reload);
    let routes = report.checks.iter().find(|c| c.name == "routes").unwrap();
    assert!(
        routes.evidence.contains("3 v2 route(s) carry the limiter and api.performance, api.logging"),
        "{}",
        routes.evidence
    );
    lab.redis(&["SET", "circuit_breaker:calcom_api:state", "closed"]);
    let out = run(&lab, &["cache", "clear", "--application-cache"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("wiping the rate-limit counters and circuit-breaker state"), "{}", stderr(&out));
    assert_eq!(lab.redis(&["GET", "circuit_breaker:calcom_api:state"]), "closed", "nothing was flushed");
}

#[test]
fn verify_holds_the_headers_against_the_model() {
    let lab = Lab::start("verify", None);
    let out = run(&lab, &["verify", "--format", "json"]);
    let report: VerifyReport = json(&out);
    assert_eq!((code(&out), report.decision), (0, GoNoGo::Go), "{:#?}", report.checks);
    // A model that expects another limit than the gateway enforces.
    let text = std::fs::read_to_string(&lab.report.config).unwrap().replacen("limit = 60", "limit = 61", 2);
    let wrong = lab.dir.join("wrong-model.toml");
    std::fs::write(&wrong, text).unwrap();
    let out = gatewayctl(&["--config", &wrong.display().to_string(), "verify", "--format", "json"]);
    let report: VerifyReport = json(&out);
    assert_eq!(code(&out), 1);
    let headers = report.checks.iter().find(|c| c.name == "rate-limit headers").unwrap();
    assert_eq!(headers.verdict, CheckVerdict::Fail, "{}", headers.evidence);
}

/// Hostile apps: a route file that does not parse, a provider that throws
/// while booting. The dry run names what the app said, as a finding that
/// breaks requests; never a panic, never a hang.
#[test]
fn preflight_on_an_app_that_does_not_boot_says_what_it_said() {
    let lab = Lab::start("preflight-hostile", None);
    let app = lab.dir.join("app");
    let routes = app.join("routes/api.php");
    let good = std::fs::read_to_string(&routes).unwrap();
    std::fs::write(&routes, format!("{good}\nRoute::get('broken', function ( {{\n")).unwrap();
    let report: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert_eq!(report.decision, GoNoGo::NoGo);
    let boot = report.findings.iter().find(|f| f.kind == "app-does-not-boot").expect("a finding");
    assert!(boot.harmful && boot.seen.contains("syntax error"), "{boot:#?}");
    assert!(boot.seen.contains("routes/api.php"), "the file is named: {}", boot.seen);
    std::fs::write(&routes, good).unwrap();

    let provider = app.join("app/Providers/RouteServiceProvider.php");
    let good = std::fs::read_to_string(&provider).unwrap();
    let throwing = good.replacen(
        "public function boot()\n    {",
        "public function boot()\n    {\n        throw new \\RuntimeException('provider refuses to boot');",
        1,
    );
    assert_ne!(throwing, good);
    std::fs::write(&provider, throwing).unwrap();
    let report: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert_eq!(report.decision, GoNoGo::NoGo);
    let boot = report.findings.iter().find(|f| f.kind == "app-does-not-boot").expect("a finding");
    assert!(boot.seen.contains("provider refuses to boot"), "{boot:#?}");
    std::fs::write(&provider, &good).unwrap();
    let report: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert!(report.findings.is_empty(), "{:#?}", report.findings);

    // A PHP that cannot be run is the config's fault, named, and unknown:
    // never an app that does not boot.
    let config = std::fs::read_to_string(&lab.report.config).unwrap();
    let wrong = config.replacen("php = \"php\"", "php = \"/usr/bin/php-nope\"", 1);
    assert_ne!(wrong, config);
    std::fs::write(&lab.report.config, &wrong).unwrap();
    let report: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert!(report.findings.iter().all(|f| f.kind != "app-does-not-boot"), "{:#?}", report.findings);
    let bugs = report.checks.iter().find(|c| c.name == "the gateway's own bugs").unwrap();
    assert_eq!(bugs.verdict, CheckVerdict::Unknown, "{bugs:?}");
    assert!(bugs.evidence.contains("php not found at /usr/bin/php-nope"), "{bugs:?}");
    std::fs::write(&lab.report.config, &config).unwrap();

    // A provider that hangs as artisan boots: every run of the app's code
    // stops at one bound (gateway.app_timeout), its check unknown and named.
    let hanging = good.replacen(
        "public function boot()\n    {",
        "public function boot()\n    {\n        if (PHP_SAPI === 'cli') { sleep(120); }",
        1,
    );
    std::fs::write(&provider, hanging).unwrap();
    let bounded = config.replacen("app_timeout = \"1m\"", "app_timeout = \"4s\"", 1);
    assert_ne!(bounded, config);
    std::fs::write(&lab.report.config, &bounded).unwrap();
    let started = Instant::now();
    let report: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    let took = started.elapsed();
    std::fs::write(&provider, &good).unwrap();
    std::fs::write(&lab.report.config, &config).unwrap();
    assert!(took < Duration::from_secs(30), "one bound per run, runs side by side: {took:?}");
    let check = |name: &str| report.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}")).clone();
    let bugs = check("the gateway's own bugs");
    assert_eq!(bugs.verdict, CheckVerdict::Unknown, "{bugs:?}");
    assert!(bugs.evidence.contains("the middleware dry run"), "{bugs:?}");
    let ready = check("rollback ready");
    assert_eq!(ready.verdict, CheckVerdict::Unknown, "{ready:?}");
    assert!(ready.evidence.contains("route:list"), "{ready:?}");
    assert_eq!(check("health:detailed").verdict, CheckVerdict::Unknown);
}
