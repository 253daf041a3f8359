//! `watch` against a lab under generated traffic: alerts, the automatic
//! rollback guard, rate-limit hits, log rotation, Prometheus. Every JSON
//! document (and every JSON line) is deserialized into the report types.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gatewayctl::core::thresholds::Level;
use gatewayctl::report::watch::{WatchLine, WatchRun, WatchSample, WatchSummary};

use crate::harness::gatewayctl;
use crate::lab::Lab;

fn start_watch(lab: &Lab, args: &[&str]) -> Child {
    let config = lab.report.config.display().to_string();
    Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "watch", "--format", "json"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> (Vec<WatchSample>, WatchSummary) {
    parse(&child.wait_with_output().unwrap())
}

/// `--format json`: one document, the samples and the summary.
fn parse(out: &std::process::Output) -> (Vec<WatchSample>, WatchSummary) {
    let run: WatchRun = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("one document: {e}\n{}", String::from_utf8_lossy(&out.stdout)));
    (run.samples, run.summary)
}

/// `--format jsonl`: a line per sample, then the summary's.
fn parse_lines(out: &std::process::Output) -> (Vec<WatchSample>, WatchSummary) {
    let mut samples = Vec::new();
    let mut summary = None;
    for line in BufReader::new(&out.stdout[..]).lines() {
        match serde_json::from_str::<WatchLine>(&line.unwrap()).expect("each line is a WatchLine") {
            WatchLine::Sample(s) => samples.push(*s),
            WatchLine::Summary(s) => summary = Some(s),
        }
    }
    (samples, summary.expect("a summary line"))
}

fn availability(lab: &Lab, http: &gatewayctl::adapters::http::Http) -> u16 {
    lab.send(
        http,
        "POST",
        "/api/v2/availability/simple",
        &[],
        Some(&serde_json::json!({"service_id": 1, "date": "2030-01-01"})),
    )
    .status
}

const BREAKER: &str = "[breakers.calcom_api]\nfailure_threshold = 2\nrecovery_timeout = \"2s\"\nsuccess_threshold = 2\n\n[watch]\ninterval = \"1s\"\nwindow = \"6s\"\n\n[[watch.auto_rollback]]\nmetric = \"breaker_opens\"\nfeature = \"circuit-breaker\"\nafter = 2\n";

#[test]
fn a_failing_upstream_raises_the_alert_and_the_guard_rolls_the_breaker_back() {
    let lab = Lab::start("watch-guard", Some(BREAKER));
    let http = lab.http(None);
    let watch = start_watch(&lab, &["--duration", "17s", "--auto-rollback"]);
    std::thread::sleep(Duration::from_millis(1500));
    lab.upstream("fail");
    // Traffic until the breaker has opened twice (a failed half-open trial reopens it).
    let until = Instant::now() + Duration::from_secs(6);
    while Instant::now() < until {
        availability(&lab, &http);
        std::thread::sleep(Duration::from_millis(200));
    }
    lab.upstream("ok");
    let (samples, summary) = finish(watch);
    let alert =
        samples.iter().position(|s| s.levels["breaker_opens"] == Level::Alert).expect("breaker_opens reached alert");
    // The 5xx behind the error rate are named by route and status, with the next step.
    let failing = samples.iter().find(|s| !s.figures.failing_routes.is_empty()).expect("5xx named by route");
    let (route, status, _) = &failing.figures.failing_routes[0];
    assert!(route == "POST /api/v2/availability/simple" && *status >= 500, "{:?}", failing.figures.failing_routes);
    let behind = gatewayctl::core::watch::behind(&failing.figures).unwrap();
    assert!(behind.contains("gatewayctl rollback emergency"), "{behind}");
    let rolled = samples.iter().position(|s| !s.rollbacks.is_empty()).expect("the guard acted");
    assert_eq!(rolled, alert + 1, "after two consecutive alert intervals");
    assert!(samples[rolled].rollbacks[0].ok, "{:?}", samples[rolled].rollbacks);
    assert_eq!(summary.rollbacks.len(), 1, "at most once per feature");
    let recovered = samples[rolled..].iter().any(|s| s.levels["breaker_opens"] == Level::Normal);
    assert!(recovered, "the metric recovers once the opens leave the window");
    let list = gatewayctl(&["--config", &lab.report.config.display().to_string(), "rollback", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("circuit-breaker: rolled back"));
}

const LIMITS: &str = "[[rate_limit.buckets]]\nname = \"bookings\"\npaths = [\"v2/bookings\", \"v2/bookings/*\"]\nlimit = 4\nwindow = \"60s\"\n\n[[rate_limit.buckets]]\nname = \"default\"\npaths = [\"*\"]\nlimit = 60\nwindow = \"60s\"\n\n[watch]\ninterval = \"500ms\"\nwindow = \"30s\"\n";

#[test]
fn a_stress_run_raises_the_rate_limit_level_and_rotation_loses_no_line() {
    let lab = Lab::start("watch-stress", Some(LIMITS));
    let http = lab.http(None);
    let port = gatewayctl::lab::free_port().unwrap();
    let listen = format!("127.0.0.1:{port}");
    availability(&lab, &http); // the log exists before watch starts, and is followed from its end
    let watch = start_watch(&lab, &["--duration", "6s", "--metrics-listen", &listen]);
    std::thread::sleep(Duration::from_millis(800));
    let config = lab.report.config.display().to_string();
    let stress = gatewayctl(&["--config", &config, "stress", "rate-limit", "--requests", "10", "--interval", "10ms"]);
    assert_eq!(stress.status.code(), Some(0));
    // Rotate the log mid-run: the lines on both sides of it must be counted.
    for _ in 0..5 {
        availability(&lab, &http);
    }
    std::thread::sleep(Duration::from_millis(700));
    let log = lab.dir.join("app/storage/logs/laravel.log");
    std::fs::rename(&log, log.with_extension("log.1")).unwrap();
    for _ in 0..7 {
        availability(&lab, &http);
    }
    std::thread::sleep(Duration::from_millis(1200));
    let metrics =
        std::process::Command::new("curl").args(["-s", &format!("http://{listen}/metrics")]).output().unwrap();
    let metrics = String::from_utf8_lossy(&metrics.stdout).into_owned();
    let (samples, summary) = finish(watch);
    let seen: Vec<(Option<f64>, u64, u64)> = samples
        .iter()
        .map(|s| (s.values["rate_limit_hits_per_hour"], s.log.lines, s.figures.rate_limit_hits))
        .collect();
    assert!(
        samples.iter().any(|s| s.levels["rate_limit_hits_per_hour"] == Level::Alert),
        "6 rejections in a 30 s window is 720/h: {seen:?} {summary:?}"
    );
    assert_eq!(summary.rate_limit_hits, 6);
    assert_eq!(
        summary.requests,
        4 + 12,
        "API request lines: 4 allowed bookings + 12 availability, across the rotation"
    );
    assert!(samples.iter().any(|s| s.log.rotations == 1));
    assert!(
        summary.judgement.contains("too early to judge") && !summary.judgement.contains("meet"),
        "6 s is not the plan's first hours: {}",
        summary.judgement
    );
    assert!(
        metrics.contains("gatewayctl_rate_limit_hits_per_hour")
            && metrics.contains("gatewayctl_level{metric=\"breaker_opens\"}"),
        "{metrics}"
    );
}

#[test]
fn a_dead_gateway_is_never_a_success_and_undelivered_alerts_are_said() {
    let closed = gatewayctl::lab::free_port().unwrap();
    let config =
        format!("[watch]\ninterval = \"1s\"\nwindow = \"10s\"\nwebhook = \"http://127.0.0.1:{closed}/hook\"\n");
    let lab = Lab::start("watch-dead", Some(&config));
    for name in ["nginx", "redis-server"] {
        let pid = lab.report.processes.iter().find(|p| p.name == name).unwrap().pid;
        gatewayctl::adapters::process::stop(pid, libc::SIGTERM, Duration::from_secs(5));
    }
    let config = lab.report.config.display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "watch", "--format", "jsonl", "--duration", "4s"])
        .output()
        .unwrap();
    let (samples, summary) = parse_lines(&out);
    assert_eq!(out.status.code(), Some(1), "{summary:#?}");
    assert!(!summary.ok && !summary.judgement.contains("meet"), "{}", summary.judgement);
    let verdict = |name: &str| summary.criteria.iter().find(|c| c.name.starts_with(name)).unwrap().verdict.clone();
    assert_eq!(verdict("Gateway healthy"), "fail");
    assert_eq!(verdict("Zero 5xx"), "unknown", "0 requests is not zero errors");
    assert_eq!(verdict("Response times"), "unknown", "no p95 of nothing");
    assert_eq!(verdict("Circuit breaker"), "unknown", "Redis down: the breaker is not known closed");
    assert!(samples.iter().all(|s| s.redis_memory_mb.is_none() && s.levels["redis_memory_mb"] == Level::Unknown));
    assert!(samples.iter().any(|s| s.levels["health_failures"] == Level::Alert), "health is a metric with an alert");
    assert!(summary.alerts_failed > 0 && summary.alerts_delivered == 0, "{summary:#?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("NOT delivered"), "{err}");
    // JSON Lines are watch's alone; elsewhere the refusal is a JSON line too.
    let refused = gatewayctl(&["--config", &config, "--format", "jsonl", "preflight"]);
    assert_eq!(crate::harness::code(&refused), 2);
    let doc: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert!(doc["error"].as_str().unwrap().contains("jsonl is for `gatewayctl watch`"), "{doc}");
}

const VALIDATION: &str = "[watch]\ninterval = \"500ms\"\nwindow = \"4s\"\n\n[[watch.auto_rollback]]\nmetric = \"validation_refused_percent\"\nfeature = \"input-validation\"\nafter = 2\n";

#[test]
fn refused_callers_after_input_validation_is_wired_roll_it_back() {
    let lab = Lab::start("watch-validation", Some(VALIDATION));
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "integrate", "input-validation"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let http = lab.http(None);
    let call = |name: &str| {
        let body = serde_json::json!({"name": name, "date": "2026-12-01", "time": "10:00", "service_id": 1});
        lab.send(&http, "POST", "/api/retell/collect-appointment", &[], Some(&body)).status
    };
    let watch = start_watch(&lab, &["--duration", "7s", "--auto-rollback"]);
    std::thread::sleep(Duration::from_millis(700));
    // Three of four callers refused, for a few seconds (bounded).
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        for name in ["Anna (caller)", "Ivan <b>", "Mette; --", "Anna Berg"] {
            call(name);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (samples, summary) = finish(watch);
    let alert = samples
        .iter()
        .position(|s| s.levels["validation_refused_percent"] == Level::Alert)
        .expect("the 422 share reached alert");
    let rolled = samples.iter().position(|s| !s.rollbacks.is_empty()).expect("the guard acted");
    assert_eq!(rolled, alert + 1, "after two consecutive alert intervals");
    assert!(samples[rolled].rollbacks[0].ok, "{:?}", samples[rolled].rollbacks);
    assert_eq!(summary.rollbacks.len(), 1);
    assert!(samples[..alert].iter().all(|s| s.levels["validation_refused_percent"] != Level::Alert));
    assert_eq!(call("Ivan <b>"), 200, "validation is off: the caller is served again");
}
