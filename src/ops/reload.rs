//! A graceful php-fpm reload, proven graceful: config test first (USR2 on a
//! broken config kills php-fpm), then the signal to a pid proven to be
//! php-fpm's master, then the master alive, every worker replaced, and a
//! probe loop across the reload that lost nothing. The /proc polling runs
//! off the async workers so the probe loop, the proof, is never starved.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::adapters::fpm;
use crate::adapters::http::Http;
use crate::core::checks::Check;
use crate::core::journal::{Event, StepOutcome};
use crate::ops::blocking;
use crate::ops::door::Door;
use crate::report::reload::{Probes, ReloadReport};
use crate::settings::{ServiceManager, Settings};

/// php-fpm's process_control_timeout can hold a reload this long, plus slack.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(35);
const PROBE_EVERY: Duration = Duration::from_millis(20);
/// How long the master may be missing (a daemonized master re-executing)
/// before the reload is called failed.
const MASTER_GONE: Duration = Duration::from_secs(3);

/// Config test, signal, proof. Sends nothing when the config test fails.
pub async fn perform(settings: &Settings, _door: &Door, restart: bool) -> ReloadReport {
    let mut report = ReloadReport::dry_run(fpm::reload_commands(&settings.service, restart));
    report.dry_run = false;
    let manager = settings.service.clone();
    let test = blocking::run("config test", {
        let m = manager.clone();
        move || fpm::config_test(&m)
    })
    .await;
    match test {
        Err(failed) => {
            report.checks.push(failed);
            return report;
        }
        Ok(Ok(evidence)) => report.checks.push(Check::pass("config test", evidence)),
        Ok(Err(e)) => {
            report.checks.push(Check::fail(
                "config test",
                e.to_string(),
                "fix the config; php-fpm was not signalled and still serves",
            ));
            return report;
        }
    }
    let before = state(&manager).await;
    report.master_pid_before = before.master_pid;
    report.workers_before = before.workers.clone();
    let probing = Arc::new(AtomicBool::new(true));
    let answered = Arc::new(AtomicU64::new(0));
    let probe = tokio::spawn(probe_loop(settings.clone(), probing.clone(), answered.clone()));
    // Evidence, not a fixed pause: a probe answered before the signal...
    answered_at_least(&answered, 1, Duration::from_millis(300)).await;
    let sent = blocking::run("signal", {
        let m = manager.clone();
        move || fpm::send_reload(&m, restart)
    })
    .await;
    let signalled_at = crate::ops::now_ms() / 1000;
    match sent {
        Ok(Ok(evidence)) => report.checks.push(Check::pass("signal", evidence)),
        Ok(Err(e)) => report.checks.push(Check::fail("signal", e.to_string(), "php-fpm was not reloaded")),
        Err(failed) => report.checks.push(failed),
    }
    let after = settle(&manager, &before).await;
    // ...and three answered by the new workers.
    let base = answered.load(Ordering::SeqCst);
    answered_at_least(&answered, base + 3, Duration::from_millis(600)).await;
    probing.store(false, Ordering::SeqCst);
    report.probes = probe.await.unwrap_or_else(|e| Probes {
        failed: 1,
        sent: 0,
        statuses: [(format!("probe loop {e}"), 1)].into(),
    });
    report.master_pid_after = after.master_pid;
    report.workers_after = after.workers.clone();
    report.checks.extend(proof(&manager, &before, &after, &report.probes, signalled_at));
    report.graceful = report.checks.iter().all(|c| c.verdict.is_good());
    report
}

/// Waits until the reload shows: the workers all replaced (signal) or the
/// unit active again (systemd).
async fn settle(manager: &ServiceManager, before: &fpm::FpmState) -> fpm::FpmState {
    let deadline = Instant::now() + SETTLE_TIMEOUT;
    let mut down_since: Option<Instant> = None;
    loop {
        let now = state(manager).await;
        let replaced =
            now.workers.len() >= before.workers.len().max(1) && now.workers.iter().all(|w| !before.workers.contains(w));
        let done = match manager {
            ServiceManager::Systemd { .. } => now.running,
            _ => now.running && (replaced || before.workers.is_empty()),
        };
        // A master gone for longer than a re-exec takes will not come back by waiting.
        let down = match now.running {
            true => None,
            false => Some(*down_since.get_or_insert_with(Instant::now)),
        };
        down_since = down;
        let gone = down.is_some_and(|t| t.elapsed() > MASTER_GONE);
        if done || gone || Instant::now() >= deadline {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn proof(
    manager: &ServiceManager,
    before: &fpm::FpmState,
    after: &fpm::FpmState,
    probes: &Probes,
    since: u64,
) -> Vec<Check> {
    let mut checks = Vec::new();
    match (before.master_pid, after.master_pid, after.running) {
        (Some(b), Some(a), true) if a == b => {
            checks.push(Check::pass("master", format!("pid {a} alive, the same as before")))
        }
        (_, Some(a), true) => checks
            .push(Check::pass("master", format!("pid {a} alive (a daemonized master re-executes with a new pid)"))),
        _ => checks.push(Check::fail("master", after.evidence.clone(), "php-fpm is down: start it now")),
    }
    let replaced = !after.workers.is_empty() && after.workers.iter().all(|w| !before.workers.contains(w));
    if !matches!(manager, ServiceManager::Systemd { .. }) || !before.workers.is_empty() {
        match replaced {
            true => checks.push(Check::pass(
                "workers",
                format!("{} → {} worker(s), all new", before.workers.len(), after.workers.len()),
            )),
            false => checks.push(Check::fail(
                "workers",
                format!("before {:?}, after {:?}", before.workers, after.workers),
                "the old workers are still serving: new code is not loaded",
            )),
        }
    }
    if let ServiceManager::Systemd { unit, .. } = manager {
        let journal = fpm::journal_since(unit, since);
        // (systemd only, once, after the reload settled)
        let errors = journal.lines().filter(|l| l.contains("ERROR") || l.contains("failed")).count();
        let last = journal.lines().last().unwrap_or("").to_string();
        match errors {
            0 => checks.push(Check::pass("journal", format!("no errors since the reload; {last}"))),
            n => checks.push(Check::fail(
                "journal",
                format!("{n} error line(s) since the reload; {last}"),
                "read `journalctl -u {unit}`",
            )),
        }
    }
    match probes.failed {
        0 if probes.sent < 2 => checks.push(Check::unknown(
            "probes",
            format!("{} request(s) across the reload: too few to show it was graceful", probes.sent),
            "the health path did not answer the probe loop",
        )),
        0 => checks.push(Check::pass("probes", format!("{} request(s) across the reload, none failed", probes.sent))),
        n => checks.push(Check::fail(
            "probes",
            format!("{n} of {} request(s) failed: {:?}", probes.sent, probes.statuses),
            "the reload was not graceful: check process_control_timeout",
        )),
    }
    checks
}

/// GETs the health path until told to stop; counts what failed.
/// Waits until `answered` reaches `n`, at most `limit`.
async fn answered_at_least(answered: &AtomicU64, n: u64, limit: Duration) {
    let deadline = Instant::now() + limit;
    while answered.load(Ordering::SeqCst) < n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn probe_loop(settings: Settings, running: Arc<AtomicBool>, answered: Arc<AtomicU64>) -> Probes {
    let g = &settings.file.gateway;
    let mut probes = Probes::default();
    let Ok(http) = Http::new(&g.base_url, Duration::from_secs(40), None) else { return probes };
    let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
    let started = Instant::now();
    // Bounded: at most one probe per PROBE_EVERY, and never past the settle timeout.
    while running.load(Ordering::SeqCst) && started.elapsed() < SETTLE_TIMEOUT + Duration::from_secs(5) {
        let outcome = match http.get(&g.health_path).await {
            Ok(a) => a.status.to_string(),
            Err(e) => {
                if e.is_unreachable() {
                    "unreachable".to_string()
                } else {
                    "error".to_string()
                }
            }
        };
        probes.sent += 1;
        match outcome == "200" {
            true => {
                answered.fetch_add(1, Ordering::SeqCst);
            }
            false => probes.failed += 1,
        }
        *statuses.entry(outcome).or_default() += 1;
        tokio::time::sleep(PROBE_EVERY).await;
    }
    probes.statuses = statuses;
    probes
}

/// php-fpm's state, read from /proc off the async workers.
async fn state(manager: &ServiceManager) -> fpm::FpmState {
    let m = manager.clone();
    blocking::run("php-fpm state", move || fpm::state(&m)).await.unwrap_or_else(|failed| fpm::FpmState {
        running: false,
        master_pid: None,
        workers: vec![],
        evidence: failed.evidence,
    })
}

/// Records a reload: it settles an owed reload when it was graceful.
pub fn journal(door: &Door, report: &ReloadReport) -> Result<(), crate::adapters::state::StateError> {
    let outcome = if report.graceful { StepOutcome::Ok } else { StepOutcome::Failed };
    let event = Event::StepFinished {
        step: "reload".into(),
        phase: "reload".into(),
        outcome,
        duration_ms: 0,
        evidence: report.checks.clone(),
        owes: vec![],
    };
    door.record(event)
}
