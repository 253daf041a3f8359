//! `model probe` on both labs: the baseline's limiter learned from its own
//! keys with its bugs named (counters without expiry, a Carbon 3
//! Retry-After, the API key in key names), the contract's learned exactly
//! with nothing named; only the probe identity's keys touched, then deleted.

use gatewayctl::report::probe::ProbeReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

fn probe(lab: &Lab, extra: &[&str]) -> (ProbeReport, i32) {
    let config = lab.report.config.display().to_string();
    let mut args = vec!["--config", config.as_str(), "model", "probe", "--format", "json"];
    args.extend(extra);
    let out = gatewayctl(&args);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    (json(&out), code(&out))
}

fn seen<'a>(report: &'a ProbeReport, dimension: &str) -> &'a str {
    report.learned.iter().find(|l| l.dimension == dimension).map_or("", |l| l.value.as_str())
}

/// Every key in the lab's Redis, in the databases the labs use.
fn all_keys(lab: &Lab) -> Vec<String> {
    let mut keys: Vec<String> = ["0", "1"]
        .iter()
        .flat_map(|db| lab.redis(&["-n", db, "--scan"]).lines().map(String::from).collect::<Vec<_>>())
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_probe_learns_the_baselines_limiter_and_names_what_only_traffic_shows() {
    let lab = Lab::start_with("probe-askproai", None, &["--gateway", "askproai"]);
    // Another client's keys are there before, and untouched after.
    let http = lab.http(None);
    let other = lab.send(&http, "POST", "/api/v2/availability/simple", &[("X-Api-Key", "someone-else")], None);
    assert_eq!(other.status, 200);
    let before = all_keys(&lab);
    assert!(!before.is_empty());

    let (report, c) = probe(&lab, &[]);
    assert_eq!(c, 0, "{report:#?}");
    assert_eq!(report.first_refused, Some(61), "{report:#?}");
    assert_eq!(
        report.sent, 143,
        "the limit, the first refusal, 12 more (past the abuse threshold), another path; 59 and a burst of 10"
    );
    for (dimension, want) in [
        ("identity", "api"),
        ("database", "1"),
        ("prefixes", "laravel_database_laravel_cache:"),
        ("counter", "path"),
        ("runs per request", "1"),
        ("window", "never"),
        ("counts", "allowed"),
        ("retry-after", "carbon3"),
        ("body", "envelope"),
        ("abuse keys", "raw"),
        ("block", "not enforced"),
    ] {
        assert_eq!(seen(&report, dimension), want, "{dimension}: {report:#?}");
    }
    assert!(report.differs().is_empty(), "the preset agrees: {:#?}", report.differs());
    let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
    // The burst: what it measured, whatever it is; a race only where one was seen.
    let atomicity = report.learned.iter().find(|l| l.dimension == "atomicity").expect("the burst ran");
    let raced = kinds.contains(&"burst-passed");
    assert_eq!(atomicity.value, if raced { "read-then-increment" } else { "unknown" }, "{atomicity:?}");
    assert!(atomicity.evidence.contains("of 10 concurrent requests passed"), "{atomicity:?}");
    let kinds: Vec<&str> = kinds.into_iter().filter(|k| *k != "burst-passed").collect();
    assert_eq!(kinds, ["counter-never-expires", "retry-after-form", "secret-in-key-names", "block-not-enforced"]);
    let never = &report.findings[0];
    assert_eq!(never.effect, "a client that reaches the limit on a path is refused there for good");
    // The probe's key never appears whole; its keys are gone; no other key changed.
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains("gatewayctl-probe-"), "{text}");
    assert_eq!(report.cleaned, report.keys.len() as u64, "{report:#?}");
    assert_eq!(all_keys(&lab), before, "only the probe identity's keys were touched");

    // preflight judges what the probe saw (within a day), beside what it reads from the app.
    let config = lab.report.config.display().to_string();
    let pre: serde_json::Value = json(&gatewayctl(&["--config", &config, "preflight", "--format", "json"]));
    let check = pre["checks"].as_array().unwrap().iter().find(|c| c["name"] == "what traffic showed (model probe)");
    assert_eq!(check.expect("the probe's check")["verdict"], "fail", "{pre:#}");
    let kinds: Vec<&str> = pre["findings"].as_array().unwrap().iter().filter_map(|f| f["kind"].as_str()).collect();
    assert!(kinds.contains(&"counter-never-expires") && kinds.contains(&"entry-throws"), "{kinds:?}");
}

#[test]
fn the_probe_learns_the_contract_exactly_and_names_nothing() {
    let lab = Lab::start("probe-contract", None);
    let before = all_keys(&lab);
    let (report, c) = probe(&lab, &[]);
    assert_eq!(c, 0, "{report:#?}");
    assert!(report.differs().is_empty(), "{:#?}", report.differs());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(seen(&report, "window"), "fixed");
    assert_eq!(seen(&report, "counts"), "every");
    assert_eq!(seen(&report, "block"), "enforced");
    let atomicity = report.learned.iter().find(|l| l.dimension == "atomicity").unwrap();
    assert!(atomicity.evidence.contains("1 of 10 concurrent requests passed"), "the contract's Lua: {atomicity:?}");
    assert_eq!(all_keys(&lab), before);

    // The budget is said first and held: a route that needs more is refused, nothing sent.
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "model", "probe", "--max-requests", "5"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("needs 53 requests"), "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "model", "probe", "--dry-run"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("up to 53 request(s) to POST /api/v2/bookings/0/reschedule"), "{}", stderr(&out));
    let plan: gatewayctl::report::probe::ProbePlanReport =
        json(&gatewayctl(&["--config", &config, "model", "probe", "--dry-run", "--format", "json"]));
    assert_eq!((plan.requests, plan.budget, plan.sent), (53, 200, 0), "{plan:?}");
    assert_eq!(all_keys(&lab), before, "a dry run sends nothing");

    // A probe killed midway: status says its keys may remain; the next probe deletes them.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "model", "probe"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed in the 1.1 s it waits after its first request: its first key is
    // there, the run far from its end (a fixed sleep raced the probe on a loaded machine).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while all_keys(&lab) == before {
        assert!(std::time::Instant::now() < deadline, "the probe wrote no key within 20 s");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let status: serde_json::Value = json(&gatewayctl(&["--config", &config, "status", "--format", "json"]));
    let owed = status["probe_owed"].as_array().expect("the killed probe's identity is owed");
    assert_eq!((owed.len(), owed[0]["running"].as_bool()), (1, Some(false)), "{status:#}");
    assert_ne!(all_keys(&lab), before, "the killed probe left its identity's keys");
    let (next, _) = probe(&lab, &[]);
    assert!(next.swept >= 1, "{next:#?}");
    assert_eq!(all_keys(&lab), before, "all gone");
    let status: serde_json::Value = json(&gatewayctl(&["--config", &config, "status", "--format", "json"]));
    assert!(status["probe_owed"].is_null(), "{status:#}");

    // preflight --probe probes first, and is GO on the contract.
    let out = gatewayctl(&["--config", &config, "preflight", "--probe", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let pre: serde_json::Value = json(&out);
    let check = pre["checks"].as_array().unwrap().iter().find(|c| c["name"] == "what traffic showed (model probe)");
    assert_eq!(check.expect("the probe's check")["verdict"], "pass", "{pre:#}");

    // A probe is bound to what it judged: another config file, or this one
    // with its limiter changed, does not use it.
    let text = std::fs::read_to_string(&config).unwrap();
    let other = lab.dir.join("other.toml");
    std::fs::write(&other, &text).unwrap();
    let changed = text.replace("[limiter]\n", "[limiter]\natomicity = \"read-then-increment\"\n");
    assert_ne!(changed, text, "the lab's config has [limiter]");
    for (file, says) in [(other.display().to_string(), "the config "), (config.clone(), "[limiter] or [rate_limit]")] {
        if file == config {
            std::fs::write(&config, &changed).unwrap();
        }
        let pre: serde_json::Value = json(&gatewayctl(&["--config", &file, "preflight", "--format", "json"]));
        let check = pre["checks"].as_array().unwrap().iter().find(|c| c["name"] == "what traffic showed (model probe)");
        let check = check.expect("the probe's check");
        assert_eq!(check["verdict"], "warn", "{check:#}");
        let evidence = check["evidence"].as_str().unwrap();
        assert!(evidence.contains("made under another config") && evidence.contains(says), "{check:#}");
    }
    std::fs::write(&config, &text).unwrap();
}

fn stress(config: &str, route: &str, requests: &str) -> gatewayctl::report::stress::StressReport {
    crate::stress::stress(config, &["--route", route, "--requests", requests, "--interval", "10ms"]).1
}

/// A config that says the wrong thing about the baseline (a fixed window,
/// refusals counted): `model probe` shows the diff, `--write` makes the
/// edit (the original kept, journaled), and stress then matches the model.
#[test]
fn probe_write_makes_the_config_say_what_the_gateway_does() {
    let lab = Lab::start_with("probe-write", None, &["--gateway", "askproai"]);
    let config = lab.report.config.display().to_string();
    let original = std::fs::read_to_string(&config).unwrap();
    use gatewayctl::core::probe::ConfigValue::Text;
    let wrong = gatewayctl::settings::edit::set_limiter(
        &original,
        &[("window", Text("fixed".into())), ("counts", Text("every".into())), ("retry_after", Text("carbon2".into()))],
    )
    .unwrap();
    std::fs::write(&config, &wrong).unwrap();

    let (shown, _) = probe(&lab, &[]);
    let diff = shown.config_diff.as_deref().expect("a diff");
    assert!(diff.contains("+window = \"never\"") && diff.contains("+counts = \"allowed\""), "{diff}");
    assert!(!shown.written);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), wrong, "without --write nothing is written");

    let (written, _) = probe(&lab, &["--write", "--yes"]);
    assert!(written.written, "{written:#?}");
    let kept = written.config_backup.as_deref().unwrap();
    assert_eq!(std::fs::read_to_string(kept).unwrap(), wrong, "the original bytes are kept");
    let (again, _) = probe(&lab, &[]);
    assert!(again.differs().is_empty() && again.config_diff.is_none(), "{again:#?}");

    let availability = stress(&config, "POST /api/v2/availability/simple", "65");
    assert_eq!(availability.mismatches, 0, "{availability:#?}");
    let first_429 = availability.requests.iter().position(|r| r.observed.status == 429).map(|i| i + 1);
    assert_eq!(first_429, Some(61));
    let bookings = stress(&config, "POST /api/v2/bookings", "35");
    assert_eq!(bookings.mismatches, 0, "{bookings:#?}");
    assert_eq!(bookings.requests.iter().filter(|r| r.observed.status == 500).count(), 30);
}

/// As deployed, every limited route answers 500: each one tried is a
/// finding with the body's error, and nothing is learned (exit 1).
#[test]
fn a_gateway_whose_limited_routes_fail_learns_nothing_and_says_why() {
    let lab = Lab::start_with("probe-deployed", None, &["--gateway", "askproai", "--as-deployed"]);
    let (report, c) = probe(&lab, &[]);
    assert_eq!(c, 1, "{report:#?}");
    let failed: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.kind == "route-fails")
        .flat_map(|f| f.routes.iter().map(String::as_str))
        .collect();
    assert_eq!(failed.len(), 3, "three routes tried, each a finding: {report:#?}");
    assert!(report.findings[0].seen.contains("answered 500: {\"error\""), "{:#?}", report.findings[0]);
    assert_eq!(seen(&report, "identity"), "unknown");
    let text =
        crate::harness::stdout(&gatewayctl(&["--config", lab.report.config.to_str().unwrap(), "model", "probe"]));
    assert!(text.contains("nothing was learned"), "{text}");
}

/// The same probe where the contract's Redis is behind sentinels or a
/// cluster: the keys are found (a cluster has database 0 alone, and answers
/// INFO node by node), read, and every one of them deleted.
#[test]
fn the_probe_learns_the_contract_through_sentinels_and_on_a_cluster() {
    for mode in ["sentinel", "cluster"] {
        let lab = Lab::start_with(&format!("probe-{mode}"), None, &["--redis", mode]);
        let (report, c) = probe(&lab, &[]);
        assert_eq!(c, 0, "{mode}: {report:#?}");
        assert!(report.differs().is_empty(), "{mode}: {:#?}", report.differs());
        assert!(report.findings.is_empty(), "{mode}: {:#?}", report.findings);
        assert_eq!(seen(&report, "database"), "0", "{mode}");
        assert_eq!(seen(&report, "block"), "enforced", "{mode}");
        assert!(report.keys.len() >= 3, "{mode}: {:?}", report.keys);
        assert_eq!(report.cleaned, report.keys.len() as u64, "{mode}: {report:#?}");
        assert!(report.cleanup_error.is_none(), "{mode}: {report:#?}");
    }
}

/// The limit is learned, not assumed: with the reschedule row configured
/// at 20 or at 5 where the gateway allows 10, the probe reports 10 beside
/// the configured value, names the difference, and sees no race (the burst
/// is aimed at the limit the gateway showed, never the configured one).
#[test]
fn the_probe_learns_the_limit_and_never_aims_a_burst_at_a_wrong_one() {
    let lab = Lab::start("probe-limit", None);
    let original = std::fs::read_to_string(&lab.report.config).unwrap();
    let row = "name = \"reschedule\"\npaths = [\"v2/bookings/*/reschedule\"]\nlimit = 10";
    assert!(original.contains(row), "the lab's reschedule row");
    for configured in ["20", "5"] {
        let text = original.replace(row, &row.replace("limit = 10", &format!("limit = {configured}")));
        std::fs::write(&lab.report.config, text).unwrap();
        let (report, _) = probe(&lab, &["--route", "POST /api/v2/bookings/1/reschedule", "--max-requests", "200"]);
        let limit = report.learned.iter().find(|l| l.dimension == "limit").expect("the limit is a dimension");
        assert_eq!((limit.value.as_str(), limit.configured.as_str()), ("10", configured), "{limit:?}");
        assert!(report.findings.iter().any(|f| f.kind == "limit-differs"), "{:#?}", report.findings);
        assert!(report.findings.iter().all(|f| f.kind != "burst-passed"), "no race: {:#?}", report.findings);
        assert_ne!(seen(&report, "atomicity"), "read-then-increment", "{:#?}", report.learned);
        // --write corrects the row where the file defines it, and stress then agrees.
        let (written, _) = probe(&lab, &["--route", "POST /api/v2/bookings/1/reschedule", "--write", "--yes"]);
        assert!(written.written, "{written:#?}");
        let now = std::fs::read_to_string(&lab.report.config).unwrap();
        assert!(now.contains(row), "the row says 10 again:\n{now}");
        let config = lab.report.config.display().to_string();
        let after = stress(&config, "POST /api/v2/bookings/1/reschedule", "15");
        assert_eq!(after.mismatches, 0, "{after:#?}");
    }
    std::fs::write(&lab.report.config, original).unwrap();
}

/// Every key of the databases the labs use, with its value (or its type).
fn all_values(lab: &Lab) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ["0", "1"]
        .iter()
        .flat_map(|db| {
            let names: Vec<String> = lab.redis(&["-n", db, "--scan"]).lines().map(String::from).collect();
            names.into_iter().map(move |name| (db.to_string(), name))
        })
        .map(|(db, name)| {
            let value = lab.redis(&["-n", &db, "GET", &name]);
            let value = if value.is_empty() { lab.redis(&["-n", &db, "TYPE", &name]) } else { value };
            (format!("db{db} {name}"), value)
        })
        .collect();
    out.sort();
    out
}

/// Probes killed at random moments, some with a second probe running:
/// each keeps its own note, none sweeps a running one's keys, and the next
/// clean probe leaves no key of any probe identity and changes no other.
#[test]
fn probes_killed_at_random_moments_leave_nothing_after_the_next_one() {
    let lab = Lab::start("probe-kills", None);
    let config = lab.report.config.display().to_string();
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2030-01-01"});
    let other = lab.send(&http, "POST", "/api/v2/availability/simple", &[("X-Api-Key", "someone-else")], Some(&body));
    assert_eq!(other.status, 200, "{other:?}");
    lab.redis(&["-n", "1", "SET", "someone:else", "kept"]);
    // Kept past the run, however long a loaded machine makes it.
    for db in ["0", "1"] {
        for name in lab.redis(&["-n", db, "--scan"]).lines() {
            lab.redis(&["-n", db, "PERSIST", name]);
        }
    }
    let before = all_values(&lab);
    assert!(before.len() >= 2, "{before:?}");
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = crate::lab::Rng::new(seed);
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "model", "probe"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // A bounded slice here; scripts/faults.sh runs the long campaign
    // (GATEWAYCTL_FAULT_ROUNDS).
    let rounds: u64 = std::env::var("GATEWAYCTL_FAULT_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    for round in 0..rounds {
        let mut first = spawn();
        let second = (round % 3 == 0).then(spawn);
        std::thread::sleep(std::time::Duration::from_millis(rng.below(3000)));
        let _ = first.kill();
        let _ = first.wait();
        if let Some(mut second) = second {
            // Bounded: a probe of the contract takes seconds.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
            while second.try_wait().unwrap().is_none() {
                assert!(std::time::Instant::now() < deadline, "seed {seed}: round {round}'s second probe never ended");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
    let (clean, c) = probe(&lab, &[]);
    assert_eq!(c, 0, "seed {seed}: {clean:#?}");
    assert!(clean.cleanup_error.is_none(), "seed {seed}: {clean:#?}");
    assert_eq!(all_values(&lab), before, "seed {seed}: no probe key left, no other key changed");
    let status: serde_json::Value = json(&gatewayctl(&["--config", &config, "status", "--format", "json"]));
    assert!(status["probe_owed"].is_null(), "seed {seed}: {status:#}");
}

/// php-fpm killed one request into a probe: nginx answers 502. The probe
/// stops there, names the request, learns and keeps nothing, and leaves
/// no key of its identity.
#[test]
fn a_gateway_failing_mid_probe_ends_the_probe() {
    let lab = Lab::start("probe-fails", None);
    let config = lab.report.config.display().to_string();
    let state = lab.settings.file.state.dir.join("probe.json");
    let before = all_keys(&lab);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "model", "probe", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Its first request answered (a key of its identity): php-fpm goes, workers and all.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while all_keys(&lab) == before {
        assert!(std::time::Instant::now() < deadline, "the probe wrote no key within 20 s");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let master: u32 = std::fs::read_to_string(lab.dir.join("run/php-fpm.pid")).unwrap().trim().parse().unwrap();
    // Stopped first, so it cannot fork new workers as its old ones die.
    // SAFETY: signals to the lab's own php-fpm.
    unsafe { libc::kill(master as i32, libc::SIGSTOP) };
    for worker in gatewayctl::adapters::process::children(master) {
        gatewayctl::adapters::process::stop(worker, libc::SIGKILL, std::time::Duration::from_secs(5));
    }
    gatewayctl::adapters::process::stop(master, libc::SIGKILL, std::time::Duration::from_secs(5));
    let out = child.wait_with_output().unwrap();
    let said = stderr(&out);
    assert_ne!(code(&out), 0, "{said}\n{}", String::from_utf8_lossy(&out.stdout));
    assert!(said.contains("the gateway failed mid-probe") || said.contains("got no answer"), "{said}");
    let n: u64 = said
        .split("request ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("names the request: {said}"));
    assert!((2..=53).contains(&n), "within the announced budget: {said}");
    assert!(!state.exists(), "no probe.json for preflight to use");
    assert_eq!(all_keys(&lab), before, "its keys are gone");
}
