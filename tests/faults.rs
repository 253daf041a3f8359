//! The fault campaign, a bounded slice of it: every mutating command killed
//! with SIGKILL at a random moment, two operators racing random pairs of
//! mutating commands, and Redis killed under a rollback. After each fault:
//! every file is original or completely edited, the journal is readable,
//! preflight names what is half done, and a rerun or undo reaches a state
//! observed over HTTP. `scripts/faults.sh` runs it long
//! (GATEWAYCTL_FAULT_ROUNDS, GATEWAYCTL_RACE_ROUNDS).

use std::process::{Command, Stdio};
use std::time::Duration;

use gatewayctl::core::journal::Entry;
use gatewayctl::core::rollback::Feature;
use gatewayctl::report::preflight::PreflightReport;
use gatewayctl::report::rollback::RollbackListReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::{Lab, Rng};

const MUTATING: &[&[&str]] = &[
    &["rollback", "rate-limit"],
    &["rollback", "circuit-breaker"],
    &["rollback", "log-sanitizer"],
    &["rollback", "all"],
    &["rollback", "emergency"],
    &["rollback", "undo", "rate-limit"],
    &["rollback", "undo", "log-sanitizer"],
    &["cache", "rebuild"],
    &["cache", "clear"],
    &["reload"],
    &["activate"],
    &["breaker", "reset"],
];

fn rounds(var: &str, default: u64) -> u64 {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    let config = lab.report.config.display().to_string();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    gatewayctl(&all)
}

fn spawn(lab: &Lab, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .arg("--config")
        .arg(&lab.report.config)
        .arg("--yes")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Each edited file's bytes as the lab built them, and every whole state
/// the rollbacks can leave it in: a file two features edit (the Retell
/// handler: sanitizer and validation) may hold either edit or both.
struct Shapes(Vec<(String, Vec<u8>, Vec<Vec<u8>>)>);

impl Shapes {
    fn of(lab: &Lab) -> Shapes {
        let mut paths: Vec<&str> = Feature::ALL.iter().flat_map(|f| f.files().iter().copied()).collect();
        paths.sort();
        paths.dedup();
        let shapes = paths
            .into_iter()
            .map(|p| {
                let original = std::fs::read_to_string(lab.dir.join("app").join(p)).unwrap();
                let mut states = vec![original.clone()];
                let mut i = 0;
                while i < states.len() {
                    for f in Feature::ALL.iter().filter(|f| f.files().contains(&p)) {
                        let edited = gatewayctl::core::rollback::apply(
                            &states[i],
                            &f.edit(&states[i], &crate::harness::limiter()).unwrap(),
                        );
                        if !states.contains(&edited) {
                            states.push(edited);
                        }
                    }
                    i += 1;
                }
                (p.to_string(), original.into_bytes(), states.into_iter().map(String::into_bytes).collect())
            })
            .collect();
        Shapes(shapes)
    }

    /// Every file is original or completely edited, and php -l passes.
    fn assert_whole(&self, lab: &Lab, what: &str) {
        for (path, _, states) in &self.0 {
            let now = std::fs::read(lab.dir.join("app").join(path)).unwrap();
            assert!(states.contains(&now), "{what}: {path} is neither original nor edited");
        }
    }

    fn assert_original(&self, lab: &Lab, what: &str) {
        for (path, original, _) in &self.0 {
            let now = std::fs::read(lab.dir.join("app").join(path)).unwrap();
            assert!(now == *original, "{what}: {path} is not back to its original bytes");
        }
    }
}

/// Finishes whatever a fault left, then undoes every rollback, and proves
/// the gateway is whole again over HTTP.
fn recover(lab: &Lab, shapes: &Shapes, what: &str) {
    let out = run(lab, &["journal", "check"]);
    assert_eq!(code(&out), 0, "{what}: the journal is readable: {}", crate::harness::stdout(&out));
    let list: RollbackListReport = json(&run(lab, &["rollback", "list", "--format", "json"]));
    let pre = run(lab, &["preflight", "--format", "json"]);
    let pre: PreflightReport = json(&pre);
    for p in &list.pending {
        assert!(pre.owed.iter().any(|o| p.next.ends_with(&o.step)), "{what}: preflight names {p:?}: {:?}", pre.owed);
        let args: Vec<&str> = p.next.split_whitespace().skip(1).collect();
        let out = run(lab, &args);
        assert!(code(&out) <= 1, "{what}: `{}` finishes it: {}", p.next, stderr(&out));
    }
    let list: RollbackListReport = json(&run(lab, &["rollback", "list", "--format", "json"]));
    assert!(list.pending.is_empty(), "{what}: {list:?}");
    for f in &list.rolled_back {
        let out = run(lab, &["rollback", "undo", f.name()]);
        assert!(code(&out) <= 1, "{what}: undo {f}: {}", stderr(&out));
    }
    shapes.assert_original(lab, what);
    let owed = run(lab, &["activate", "--resume", "--yes"]);
    assert!(code(&owed) <= 1, "{what}: resume: {}", stderr(&owed));
    let out = run(lab, &["cache", "rebuild"]);
    assert_eq!(code(&out), 0, "{what}: {}", stderr(&out));
    let out = run(lab, &["reload"]);
    assert_eq!(code(&out), 0, "{what}: {}", stderr(&out));
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let got = lab.send(&http, "POST", "/api/v2/availability/simple", &[("X-Api-Key", "fault-probe")], Some(&body));
    assert!(got.header("x-ratelimit-limit").is_some(), "{what}: the limiter is live again: {}", got.status);
    assert_eq!(lab.send(&http, "GET", "/api/health", &[], None).status, 200, "{what}: healthy");
}

/// The kill campaign in two slices on labs of their own, side by side: half
/// the rounds each (GATEWAYCTL_FAULT_ROUNDS in all), so neither test runs long.
#[test]
fn every_mutating_command_killed_at_a_random_moment() {
    kill_campaign("faults-kill", 0);
}

#[test]
fn every_mutating_command_killed_at_a_random_moment_second_slice() {
    kill_campaign("faults-kill-2", 1);
}

fn kill_campaign(name: &str, slice: u64) {
    let lab = Lab::start(name, None);
    let shapes = Shapes::of(&lab);
    let mut rng = Rng::new(rounds("GATEWAYCTL_FAULT_SEED", 1_000) + 7_919 * slice);
    let n = rounds("GATEWAYCTL_FAULT_ROUNDS", 8).div_ceil(2);
    for round in 0..n {
        let args = *rng.pick(MUTATING);
        let what = format!("round {round} ({})", args.join(" "));
        let mut child = spawn(&lab, args);
        std::thread::sleep(Duration::from_millis(rng.below(1500)));
        let _ = child.kill();
        let _ = child.wait();
        shapes.assert_whole(&lab, &what);
        recover(&lab, &shapes, &what);
    }
}

fn journal(lab: &Lab) -> Vec<Entry> {
    let text = std::fs::read_to_string(lab.dir.join("state/journal.jsonl")).unwrap_or_default();
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

/// Two operators racing, in two slices on labs of their own (half the
/// GATEWAYCTL_RACE_ROUNDS each), as the kill campaign is.
#[test]
fn two_operators_never_write_at_once() {
    race_campaign("faults-race", 0);
}

#[test]
fn two_operators_never_write_at_once_second_slice() {
    race_campaign("faults-race-2", 1);
}

fn race_campaign(name: &str, slice: u64) {
    let lab = Lab::start(name, None);
    let shapes = Shapes::of(&lab);
    let mut rng = Rng::new(rounds("GATEWAYCTL_FAULT_SEED", 2_000) + 7_919 * slice);
    let n = rounds("GATEWAYCTL_RACE_ROUNDS", 4).div_ceil(2);
    for round in 0..n {
        let (a, b) = (*rng.pick(MUTATING), *rng.pick(MUTATING));
        let what = format!("round {round} ({} | {})", a.join(" "), b.join(" "));
        let before = journal(&lab).len();
        let (first, second) = (spawn(&lab, a), spawn(&lab, b));
        let (x, y) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
        for out in [&x, &y] {
            assert!(code(out) <= 5, "{what}: {}", String::from_utf8_lossy(&out.stderr));
        }
        // The lock serialised them: one run's entries never interleave with the other's.
        let runs: Vec<String> = journal(&lab)[before..].iter().map(|e| e.run.clone()).collect();
        let mut seen: Vec<&String> = Vec::new();
        for r in &runs {
            if seen.last() != Some(&r) {
                assert!(!seen.contains(&r), "{what}: runs interleaved in the journal: {runs:?}");
                seen.push(r);
            }
        }
        shapes.assert_whole(&lab, &what);
        recover(&lab, &shapes, &what);
    }
}

#[test]
fn redis_killed_under_a_rollback_leaves_a_known_state() {
    let lab = Lab::start("faults-redis", None);
    let shapes = Shapes::of(&lab);
    let redis = lab.report.processes.iter().find(|p| p.name == "redis-server").unwrap().pid;
    let child = spawn(&lab, &["rollback", "rate-limit"]);
    std::thread::sleep(Duration::from_millis(200));
    gatewayctl::adapters::process::stop(redis, libc::SIGKILL, Duration::from_secs(5));
    let out = child.wait_with_output().unwrap();
    // Off is proven over HTTP alone then, and the unchecked counter said.
    let said = format!("{}{}", crate::harness::stdout(&out), stderr(&out));
    assert!(code(&out) != 0 || said.contains("not checked: Redis is unreachable"), "{said}");
    shapes.assert_whole(&lab, "redis killed");
    let list: RollbackListReport = json(&run(&lab, &["rollback", "list", "--format", "json"]));
    assert!(list.pending.is_empty(), "{list:?}");
    let routes = std::fs::read(lab.dir.join("app/routes/api.php")).unwrap();
    let rolled = list.rolled_back.contains(&Feature::RateLimit);
    let edited = &shapes.0.iter().find(|s| s.0 == "routes/api.php").unwrap().2[1];
    assert_eq!(rolled, routes == *edited, "the journal says what the file holds: {list:?}");
}

#[test]
fn php_fpm_killed_under_a_reload_is_never_graceful() {
    let lab = Lab::start("faults-fpm", None);
    let pid_file = lab.dir.join("run/php-fpm.pid");
    let master: u32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
    // A request in flight holds the reload open (process_control_timeout),
    // so the kill lands while the reload is still settling.
    lab.upstream("slow:2s");
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let out = std::thread::scope(|s| {
        s.spawn(|| {
            let _ = lab.rt.block_on(http.send("POST", "/api/v2/availability/simple", &[], Some(&body)));
        });
        std::thread::sleep(Duration::from_millis(200));
        let child = spawn(&lab, &["reload", "--format", "json"]);
        std::thread::sleep(Duration::from_millis(500));
        gatewayctl::adapters::process::stop(master, libc::SIGKILL, Duration::from_secs(5));
        child.wait_with_output().unwrap()
    });
    assert_eq!(code(&out), 1, "php-fpm gone: the reload is not graceful: {}", stderr(&out));
    let owed = journal(&lab).into_iter().rev().find_map(|e| match e.event {
        gatewayctl::core::journal::Event::StepFinished { step, outcome, .. } if step == "reload" => Some(outcome),
        _ => None,
    });
    assert_eq!(owed, Some(gatewayctl::core::journal::StepOutcome::Failed), "journaled as failed, not ok");
    let pre: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    assert_eq!(pre.decision, gatewayctl::core::checks::GoNoGo::NoGo);
}
