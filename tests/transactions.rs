//! Changes that survive crashes, races and failed writes, on real labs:
//! a rerun finishes the job whatever the files say, a feature's files are one
//! transaction, the journal never loses the record undo needs, and every
//! change goes through the operator lock.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gatewayctl::core::checks::CheckVerdict;
use gatewayctl::core::journal::{Entry, Event};
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

fn report(lab: &Lab, args: &[&str]) -> (RollbackReport, i32) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run(lab, &all);
    let parsed: RollbackReport = json(&out);
    (parsed, code(&out))
}

fn journal(lab: &Lab) -> Vec<Entry> {
    let text = std::fs::read_to_string(lab.dir.join("state/journal.jsonl")).unwrap_or_default();
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

fn list(lab: &Lab) -> RollbackListReport {
    json(&run(lab, &["rollback", "list", "--format", "json"]))
}

fn files(lab: &Lab, feature: Feature) -> Vec<Vec<u8>> {
    feature.files().iter().map(|f| std::fs::read(lab.dir.join("app").join(f)).unwrap()).collect()
}

fn edited(lab: &Lab, feature: Feature) -> Vec<Vec<u8>> {
    files(lab, feature)
        .into_iter()
        .map(|b| {
            let text = String::from_utf8(b).unwrap();
            gatewayctl::core::rollback::apply(&text, &feature.edit(&text, &crate::harness::limiter()).unwrap())
                .into_bytes()
        })
        .collect()
}

fn limited(lab: &Lab) -> bool {
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    let got = lab.send(&http, "POST", "/api/v2/bookings/3/reschedule", &[("X-Api-Key", "probe-limited")], Some(&body));
    got.header("x-ratelimit-limit").is_some()
}

fn passed(r: &RollbackReport, name: &str) -> bool {
    r.checks.iter().any(|c| c.name == name && c.verdict == CheckVerdict::Pass)
}

/// The caches built and live, as after Phase 2 and 3.
fn activate_caches(lab: &Lab) {
    let out = run(lab, &["cache", "rebuild"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(lab, &["reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(lab.dir.join("app/bootstrap/cache/routes-v7.php").is_file());
}

#[test]
fn a_rerun_finishes_the_job_whatever_the_file_says() {
    let lab = Lab::start("rerun", None);
    activate_caches(&lab);
    // Killed after rollback_applied, before the caches were cleared: the
    // route cache still applies the limiter.
    let (staged, c) = report(&lab, &["rollback", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(c, 0, "{:#?}", staged.checks);
    assert!(limited(&lab), "the cached routes still carry the limiter");
    let (rerun, c) = report(&lab, &["rollback", "rate-limit"]);
    assert_eq!(c, 0, "{:#?}", rerun.checks);
    assert_eq!(rerun.features[0].status, FeatureStatus::AlreadyRolledBack);
    assert!(passed(&rerun, "rate-limit off") && passed(&rerun, "route:clear"), "{:#?}", rerun.checks);
    assert!(!limited(&lab), "the rerun made it live");

    // Undo brings back the caches it found, and the limiter.
    let (undone, c) = report(&lab, &["rollback", "undo", "rate-limit"]);
    assert_eq!(c, 0, "{:#?}", undone.checks);
    assert!(passed(&undone, "route:cache") && passed(&undone, "rate-limit on"), "{:#?}", undone.checks);
    assert!(lab.dir.join("app/bootstrap/cache/routes-v7.php").is_file(), "the route cache is back");

    // A hand edit: "already off in the code", and still made live and observed.
    let routes = lab.dir.join("app/routes/api.php");
    let hand = edited(&lab, Feature::RateLimit).remove(0);
    std::fs::write(&routes, &hand).unwrap();
    assert!(limited(&lab), "the route cache still carries the limiter");
    let (off, c) = report(&lab, &["rollback", "rate-limit"]);
    assert_eq!(c, 0, "{:#?}", off.checks);
    assert_eq!(off.features[0].status, FeatureStatus::AlreadyOff);
    assert!(passed(&off, "rate-limit off"), "{:#?}", off.checks);
    assert!(!limited(&lab));
}

#[test]
fn a_failed_third_write_restores_the_first_two_and_the_rerun_and_undo_cover_all_three() {
    let lab = Lab::start("txn-write", None);
    let before = files(&lab, Feature::LogSanitizer);
    let third = lab.dir.join("app").join(Feature::LogSanitizer.files()[2]);
    let chattr = |flag: &str| {
        let out = Command::new("chattr").arg(flag).arg(&third).output().expect("chattr (e2fsprogs)");
        assert!(out.status.success(), "chattr {flag} needs root on ext4: {}", String::from_utf8_lossy(&out.stderr));
    };
    chattr("+i");
    let out = run(&lab, &["rollback", "log-sanitizer", "--no-cache", "--no-reload"]);
    chattr("-i");
    assert_ne!(code(&out), 0);
    let err = stderr(&out);
    assert!(err.contains("restored to their original bytes") && err.contains("CalcomWebhookController.php"), "{err}");
    assert_eq!(files(&lab, Feature::LogSanitizer), before, "every controller holds its original bytes");
    assert!(journal(&lab).iter().any(|e| matches!(&e.event, Event::RollbackAborted { .. })));
    let l = list(&lab);
    assert!(l.rolled_back.is_empty() && l.pending.is_empty(), "{l:?}");

    let (done, c) = report(&lab, &["rollback", "log-sanitizer"]);
    assert_eq!(c, 0, "{:#?}", done.checks);
    assert_eq!(done.features[0].diffs.len(), 3);
    let (undone, c) = report(&lab, &["rollback", "undo", "log-sanitizer"]);
    assert_eq!(c, 0, "{:#?}", undone.checks);
    assert_eq!(files(&lab, Feature::LogSanitizer), before, "undo restored all three");

    // A read-only directory (immutable: not even root can create the temporary file).
    let routes_dir = lab.dir.join("app/routes");
    let routes = std::fs::read(routes_dir.join("api.php")).unwrap();
    let dir_attr = |flag: &str| {
        let out = Command::new("chattr").arg(flag).arg(&routes_dir).output().expect("chattr (e2fsprogs)");
        assert!(out.status.success(), "chattr {flag}: {}", String::from_utf8_lossy(&out.stderr));
    };
    dir_attr("+i");
    let out = run(&lab, &["rollback", "rate-limit"]);
    dir_attr("-i");
    assert_ne!(code(&out), 0);
    assert!(stderr(&out).contains("nothing of this rollback is live"), "{}", stderr(&out));
    assert_eq!(std::fs::read(routes_dir.join("api.php")).unwrap(), routes);
    let l = list(&lab);
    assert!(l.rolled_back.is_empty() && l.pending.is_empty(), "{l:?}");
}

#[test]
fn a_multi_file_rollback_killed_part_way_is_completed_or_undone_whole() {
    let lab = Lab::start("txn-kill", None);
    let config = lab.report.config.display().to_string();
    let before = files(&lab, Feature::LogSanitizer);
    let after = edited(&lab, Feature::LogSanitizer);
    let rounds: u64 = std::env::var("GATEWAYCTL_FAULT_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    let mut rng = Rng::new(11);
    let mut partial = 0;
    for round in 0..rounds {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "--yes", "rollback", "log-sanitizer", "--no-cache", "--no-reload"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        let _ = child.kill();
        let _ = child.wait();
        let now = files(&lab, Feature::LogSanitizer);
        for (i, f) in now.iter().enumerate() {
            assert!(*f == before[i] || *f == after[i], "round {round}: a half-written file");
        }
        if now != before && now != after {
            partial += 1;
            let l = list(&lab);
            assert!(
                l.pending.iter().any(|p| p.feature == Feature::LogSanitizer),
                "round {round}: a half-done rollback is listed: {l:?}"
            );
        }
        let pre = run(&lab, &["preflight", "--format", "json"]);
        let pre: gatewayctl::report::preflight::PreflightReport = json(&pre);
        if now != before && now != after {
            assert!(pre.owed.iter().any(|o| o.step == "rollback log-sanitizer"), "round {round}: {:?}", pre.owed);
        }
        let (again, c) = report(&lab, &["rollback", "log-sanitizer", "--no-cache", "--no-reload"]);
        assert_eq!(c, 0, "round {round}: {:#?}", again);
        assert_eq!(files(&lab, Feature::LogSanitizer), after, "round {round}: the rerun completed every file");
        let (undone, c) = report(&lab, &["rollback", "undo", "log-sanitizer", "--no-cache", "--no-reload"]);
        assert_eq!(c, 0, "round {round}: {:#?}", undone);
        assert_eq!(files(&lab, Feature::LogSanitizer), before, "round {round}: undo restored every file");
    }
    eprintln!("{partial} of {rounds} kills left the controllers part-edited; each was completed and undone");
    let shadows: Vec<_> = std::fs::read_dir(lab.dir.join("state"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("shadow-"))
        .collect();
    assert!(shadows.is_empty(), "killed runs' shadows are swept: {shadows:?}");
}

#[test]
fn a_journal_write_that_fails_leaves_the_file_untouched_and_no_torn_line() {
    let lab = Lab::start("txn-journal", None);
    let routes = lab.dir.join("app/routes/api.php");
    let original = std::fs::read(&routes).unwrap();
    let state = lab.dir.join("state");
    std::fs::create_dir_all(&state).unwrap();
    // A full disk for the journal: the rollback's first entry (with the
    // original bytes) cannot be appended.
    // A journal larger than any app file, so only the journal's append hits the limit.
    for _ in 0..3 {
        for args in [&["rollback", "log-sanitizer"][..], &["rollback", "undo", "log-sanitizer"][..]] {
            let mut all = args.to_vec();
            all.extend(["--no-cache", "--no-reload"]);
            let out = run(&lab, &all);
            assert_eq!(code(&out), 0, "{}", stderr(&out));
        }
    }
    let out = run(&lab, &["rollback", "log-sanitizer", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let size = std::fs::metadata(state.join("journal.jsonl")).unwrap().len();
    let config = lab.report.config.display().to_string();
    let out = Command::new("prlimit")
        .arg(format!("--fsize={}", size + 200))
        .arg(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "--yes", "rollback", "rate-limit", "--no-cache", "--no-reload"])
        .output()
        .expect("prlimit (util-linux)");
    assert_ne!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read(&routes).unwrap(), original, "no file is written before its original is journaled");
    let text = std::fs::read(state.join("journal.jsonl")).unwrap();
    assert_eq!(text.len() as u64, size, "the failed append was cut back off");
    let l = list(&lab);
    assert_eq!(l.rolled_back, [Feature::LogSanitizer], "nothing claims rate-limit is rolled back: {l:?}");

    // A torn last line (a crash mid-append): tolerated and reported; the next
    // change sets it aside, keeping its bytes, and the journal says so.
    let torn = b"{\"ts\":\"2026\xff".to_vec();
    let mut bytes = std::fs::read(state.join("journal.jsonl")).unwrap();
    bytes.extend_from_slice(&torn);
    std::fs::write(state.join("journal.jsonl"), &bytes).unwrap();
    let out = run(&lab, &["rollback", "list"]);
    assert_eq!(code(&out), 0, "a torn last line is tolerated: {}", stderr(&out));
    let out = run(&lab, &["journal", "check"]);
    assert_eq!(code(&out), 0, "{}", crate::harness::stdout(&out));
    assert!(crate::harness::stdout(&out).contains("torn"), "reported: {}", crate::harness::stdout(&out));
    let out = run(&lab, &["rollback", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("is torn"), "said to the operator: {}", stderr(&out));
    let l = list(&lab);
    assert_eq!(l.rolled_back, [Feature::RateLimit, Feature::LogSanitizer], "nothing was glued or lost: {l:?}");
    let kept = journal(&lab)
        .into_iter()
        .find_map(|e| match e.event {
            Event::JournalRepaired { kept_in, .. } => Some(kept_in),
            _ => None,
        })
        .expect("the set-aside is journaled");
    assert_eq!(std::fs::read(kept).unwrap(), torn);

    // An unreadable line in the middle: every reader stops and names it until repair.
    let mut bytes = std::fs::read(state.join("journal.jsonl")).unwrap();
    let cut = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe not a journal line\n");
    let later = Entry { ts: "later".into(), run: "r-later".into(), event: Event::RunFinished { completed: true } };
    bytes.extend_from_slice(&serde_json::to_vec(&later).unwrap());
    bytes.push(b'\n');
    std::fs::write(state.join("journal.jsonl"), &bytes).unwrap();
    let out = run(&lab, &["rollback", "list"]);
    assert_ne!(code(&out), 0);
    assert!(stderr(&out).contains("journal.jsonl is unreadable at line") && stderr(&out).contains("journal repair"));
    let out = run(&lab, &["rollback", "undo", "rate-limit"]);
    assert_ne!(code(&out), 0, "a change that relies on the journal refuses: {}", stderr(&out));
    let out = run(&lab, &["preflight", "--format", "json"]);
    assert_eq!(code(&out), 1, "an unreadable journal is NO-GO");
    let out = run(&lab, &["journal", "check"]);
    assert_eq!(code(&out), 1, "{}", crate::harness::stdout(&out));
    let out = run(&lab, &["journal", "repair"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let l = list(&lab);
    assert_eq!(l.rolled_back, [Feature::RateLimit, Feature::LogSanitizer], "nothing was lost: {l:?}");
    let aside: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("journal.unreadable."))
        .collect();
    assert_eq!(aside.len(), 1);
    let unreadable = &bytes[cut..cut + b"\xff\xfe not a journal line\n".len()];
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), unreadable);
}

#[test]
fn every_change_takes_the_lock_and_the_emergency_waits_seconds_not_minutes() {
    let lab = Lab::start("txn-lock", None);
    let state = lab.dir.join("state");
    std::fs::create_dir_all(&state).unwrap();
    // Another operator holds the lock (an flock, as a live gatewayctl would).
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(state.join("activate.lock"))
        .unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX | libc::LOCK_NB) }, 0);
    let holder = serde_json::json!({"owner": "alice", "host": gatewayctl::adapters::state::hostname(), "pid": std::process::id(), "since": "earlier", "run": "r0", "command": "activate"});
    std::fs::write(state.join("activate.lock"), holder.to_string()).unwrap();
    let routes = std::fs::read(lab.dir.join("app/routes/api.php")).unwrap();
    for args in [
        vec!["rollback", "rate-limit"],
        vec!["rollback", "undo", "rate-limit"],
        vec!["rollback", "all"],
        vec!["cache", "clear"],
        vec!["cache", "rebuild"],
        vec!["reload"],
        vec!["breaker", "reset", "--yes"],
        vec!["activate", "--yes"],
    ] {
        let out = run(&lab, &args);
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("alice") && stderr(&out).contains("running `activate`"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let started = Instant::now();
    let out = run(&lab, &["rollback", "emergency"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(10), "the emergency waited {:?}", started.elapsed());
    assert!(stderr(&out).contains("--break-lock"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(lab.dir.join("app/routes/api.php")).unwrap(),
        routes,
        "nothing changed under another's lock"
    );

    let (broke, c) = report(&lab, &["rollback", "emergency", "--break-lock"]);
    assert_eq!(c, 0, "{:#?}", broke.checks);
    assert!(passed(&broke, "rate-limit off") && passed(&broke, "health"), "{:#?}", broke.checks);
    assert!(journal(&lab)
        .iter()
        .any(|e| matches!(&e.event, Event::LockBroken { previous_owner, .. } if previous_owner == "alice")));
    drop(lock);
}

#[test]
fn rollback_all_refuses_a_nested_sanitize_call_and_the_others_proceed() {
    let lab = Lab::start("txn-nested", None);
    let handler = lab.dir.join("app/app/Http/Controllers/RetellFunctionCallHandler.php");
    let text = std::fs::read_to_string(&handler).unwrap();
    let nested = text.replace("LogSanitizer::sanitize($data)", "LogSanitizer::sanitize(LogSanitizer::sanitize($data))");
    assert_ne!(nested, text);
    std::fs::write(&handler, &nested).unwrap();
    let out = run(&lab, &["rollback", "log-sanitizer", "--dry-run"]);
    assert_eq!(code(&out), 2, "refused, not a panic: {}", stderr(&out));
    assert!(
        stderr(&out).contains("RetellFunctionCallHandler.php:line 16") && stderr(&out).contains("nested"),
        "{}",
        stderr(&out)
    );
    let (all, c) = report(&lab, &["rollback", "all"]);
    assert_eq!(c, 1, "{all:#?}");
    let status = |f: Feature| all.features.iter().find(|r| r.feature == f).unwrap().status;
    assert_eq!(status(Feature::LogSanitizer), FeatureStatus::Refused);
    assert_eq!(status(Feature::RateLimit), FeatureStatus::RolledBack);
    assert_eq!(status(Feature::CircuitBreaker), FeatureStatus::RolledBack);
    assert!(passed(&all, "rate-limit off"), "{:#?}", all.checks);
    assert_eq!(std::fs::read_to_string(&handler).unwrap(), nested, "the refused file is untouched");
    let (undone, c) = report(&lab, &["rollback", "undo", "all"]);
    assert_eq!(c, 0, "{undone:#?}");
    let restored: Vec<Feature> =
        undone.features.iter().filter(|r| r.status == FeatureStatus::Restored).map(|r| r.feature).collect();
    assert_eq!(
        restored,
        [Feature::CircuitBreaker, Feature::RateLimit],
        "activation order, the reverse of rollback all"
    );
    let l = list(&lab);
    assert!(l.rolled_back.is_empty() && l.pending.is_empty(), "{l:?}");
}

#[test]
fn the_breaker_rollback_never_becomes_a_booking_outage() {
    let lab = Lab::start_with("txn-breaker", None, &["--calcom", "unguarded"]);
    let service = lab.dir.join("app/app/Services/CalcomService.php");
    let original = std::fs::read_to_string(&service).unwrap();
    assert!(original.contains("return $this->circuitBreaker->call($request);"), "the usual, unguarded shape");

    // A use the static check cannot see (an alias): the runtime probe on the shadow refuses it.
    let aliased = original.replace(
        "return $this->circuitBreaker->call($request);",
        "$breaker = $this->circuitBreaker;\n        return $breaker->call($request);",
    );
    std::fs::write(&service, &aliased).unwrap();
    let (refused, c) = report(&lab, &["rollback", "circuit-breaker"]);
    assert_eq!(c, 1, "{refused:#?}");
    let probe = refused.checks.iter().find(|c| c.name == "breaker off probe").expect("the runtime probe ran");
    assert_eq!(probe.verdict, CheckVerdict::Fail, "{probe:?}");
    assert!(probe.evidence.contains("on null") && probe.evidence.contains("new after the edit"), "{probe:?}");
    assert_eq!(std::fs::read_to_string(&service).unwrap(), aliased, "nothing was changed");
    // In `rollback all` the breaker's refusal does not hold back the others.
    let (all, c) = report(&lab, &["rollback", "all"]);
    assert_eq!(c, 1, "{all:#?}");
    let status = |f: Feature| all.features.iter().find(|r| r.feature == f).unwrap().status;
    assert_eq!(status(Feature::CircuitBreaker), FeatureStatus::Planned, "proven unsafe: not written");
    assert_eq!(status(Feature::RateLimit), FeatureStatus::RolledBack);
    assert_eq!(status(Feature::LogSanitizer), FeatureStatus::RolledBack);
    assert!(passed(&all, "rate-limit off") && passed(&all, "log-sanitizer off"), "{:#?}", all.checks);
    assert_eq!(std::fs::read_to_string(&service).unwrap(), aliased);
    for f in ["rate-limit", "log-sanitizer"] {
        let (undone, c) = report(&lab, &["rollback", "undo", f]);
        assert_eq!(c, 0, "{:#?}", undone.checks);
    }

    // The usual shape: the call site is rewritten to call Cal.com directly, as the plan intends.
    std::fs::write(&service, &original).unwrap();
    let (done, c) = report(&lab, &["rollback", "circuit-breaker"]);
    assert_eq!(c, 0, "{:#?}", done.checks);
    assert!(passed(&done, "breaker off probe") && passed(&done, "circuit-breaker off"), "{:#?}", done.checks);
    let probe = done.checks.iter().find(|c| c.name == "breaker off probe").unwrap();
    assert!(probe.evidence.contains("straight through to Cal.com: availability, createBooking"), "{probe:?}");
    assert!(done.features[0].diffs[0].contains("+        return ($request)();"), "{}", done.features[0].diffs[0]);
    lab.upstream("fail");
    let http = lab.http(None);
    let body = serde_json::json!({"service_id": 1, "date": "2025-10-02"});
    for _ in 0..3 {
        let got = lab.send(&http, "POST", "/api/v2/availability/simple", &[], Some(&body));
        assert_eq!(
            got.json().unwrap()["error"],
            "upstream_unavailable",
            "a Cal.com failure, not a PHP error: {}",
            got.body
        );
    }
    lab.upstream("ok");
    let (undone, c) = report(&lab, &["rollback", "undo", "circuit-breaker"]);
    assert_eq!(c, 0, "{:#?}", undone.checks);
    assert_eq!(std::fs::read_to_string(&service).unwrap(), original);
}

#[test]
fn every_change_without_a_terminal_and_without_yes_is_refused_and_changes_nothing() {
    let lab = Lab::start("txn-confirm", None);
    let config = lab.report.config.display().to_string();
    let tree = || gatewayctl::ops::rollback::tree_hash(&lab.dir.join("app")).unwrap();
    let caches = || std::fs::read_dir(lab.dir.join("app/bootstrap/cache")).unwrap().count();
    let (before, cached, log) = (tree(), caches(), lab.laravel_log());
    for args in [
        &["rollback", "rate-limit"][..],
        &["rollback", "all"],
        &["rollback", "undo", "rate-limit"],
        &["cache", "clear"],
        &["cache", "rebuild"],
        &["reload"],
        &["breaker", "reset"],
        &["activate"],
        &["logs", "probe"],
        &["integrate", "input-validation"],
        &["rollback", "input-validation"],
    ] {
        let mut all = vec!["--config", config.as_str()];
        all.extend_from_slice(args);
        let out = crate::harness::gatewayctl_unconfirmed(&all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("pass --yes"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(tree(), before, "no file changed");
    assert_eq!(caches(), cached, "no cache touched");
    assert_eq!(lab.laravel_log(), log, "no canary was sent");
}

/// An undo restores its files before it rebuilds the caches the rollback
/// cleared: stopped in between (killed, or staged with --no-cache), the
/// rebuild is owed, and status, preflight and `activate --resume` see it.
#[test]
fn an_undo_stopped_before_its_cache_rebuild_leaves_the_rebuild_owed() {
    use gatewayctl::report::preflight::PreflightReport;
    use gatewayctl::report::status::StatusReport;
    let lab = Lab::start("undo-owed", None);
    let cache = lab.dir.join("app/bootstrap/cache");
    let caches_present = || cache.join("config.php").is_file() && cache.join("routes-v7.php").is_file();
    assert!(caches_present(), "the lab builds its caches");
    let owed = |lab: &Lab| -> Vec<String> {
        let status: StatusReport = json(&run(lab, &["status", "--format", "json"]));
        status.owed.into_iter().map(|o| o.step).collect()
    };
    let (off, c) = report(&lab, &["rollback", "log-sanitizer"]);
    assert_eq!(c, 0, "{:#?}", off.checks);
    assert!(!caches_present(), "the rollback cleared them");

    // Killed at random moments: whenever the files are back and the caches
    // are not, the rebuild is owed.
    let config = lab.report.config.display().to_string();
    let mut rng = Rng::new(45);
    let original = edited(&lab, Feature::LogSanitizer);
    // A bounded slice; scripts/faults.sh runs GATEWAYCTL_FAULT_ROUNDS of them.
    let rounds: u64 = std::env::var("GATEWAYCTL_FAULT_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(4);
    for round in 0..rounds {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(["--config", &config, "--yes", "rollback", "undo", "log-sanitizer"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(1200)));
        let _ = child.kill();
        let _ = child.wait();
        let restored = files(&lab, Feature::LogSanitizer) != original;
        if restored && !caches_present() {
            assert!(owed(&lab).contains(&"cache.rebuild".to_string()), "round {round}: {:?}", owed(&lab));
        }
        // Back to rolled back, from built caches, for the next round (a
        // rerun finishes a half-done undo first).
        let _ = run(&lab, &["rollback", "undo", "log-sanitizer"]);
        for step in [&["cache", "rebuild"][..], &["reload"][..]] {
            assert_eq!(code(&run(&lab, step)), 0, "round {round}: {step:?}");
        }
        assert!(caches_present());
        let (again, c) = report(&lab, &["rollback", "log-sanitizer"]);
        assert_eq!(c, 0, "round {round}: {:#?}", again.checks);
    }

    // Staged: the files are restored, the caches are not.
    let (staged, _) = report(&lab, &["rollback", "undo", "log-sanitizer", "--no-cache", "--no-reload"]);
    assert_eq!(staged.features[0].status, FeatureStatus::Restored);
    assert!(!caches_present());
    assert!(owed(&lab).contains(&"cache.rebuild".to_string()), "{:?}", owed(&lab));
    let pre: PreflightReport = json(&run(&lab, &["preflight", "--format", "json"]));
    let check = pre.checks.iter().find(|c| c.name == "owed work").unwrap();
    assert!(check.verdict != CheckVerdict::Pass && check.evidence.contains("cache.rebuild"), "{check:?}");
    let out = run(&lab, &["activate", "--resume", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(caches_present(), "activate --resume rebuilt them");
    assert!(owed(&lab).is_empty(), "{:?}", owed(&lab));
}
