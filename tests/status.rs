//! `status` on a lab: before anything, after a rollback, while another
//! operator holds the lock, after undo, and with Redis down.

use gatewayctl::core::rollback::Feature;
use gatewayctl::report::status::StatusReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

fn status(lab: &Lab) -> StatusReport {
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "status", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

fn state(report: &StatusReport, feature: Feature) -> &str {
    &report.features.iter().find(|f| f.feature == feature).unwrap().state
}

#[test]
fn status_shows_what_stands_now() {
    let lab = Lab::start("status", None);
    let config = lab.report.config.display().to_string();
    let before = status(&lab);
    assert_eq!(before.config.as_deref(), Some(lab.report.config.as_path()));
    // `lab status` reads the lab --config names, without --dir.
    let labs: serde_json::Value = json(&gatewayctl(&["--config", &config, "lab", "status", "--format", "json"]));
    assert_eq!(labs["dir"].as_str(), Some(lab.dir.to_str().unwrap()), "{labs:#}");
    // Input validation is the plan's known gap: the code says it is not wired.
    let (gap, phases): (Vec<_>, Vec<_>) = before.features.iter().partition(|f| f.feature == Feature::InputValidation);
    assert!(phases.iter().all(|f| f.state == "on"), "{before:#?}");
    assert_eq!(gap[0].state, "not_wired", "{before:#?}");
    assert_eq!(gap[0].next.as_deref(), Some("gatewayctl integrate input-validation --impact"));
    assert!(before.lock.is_none() && before.owed.is_empty());
    assert_eq!(before.breakers[0].state, "closed");

    let out = gatewayctl(&["--config", &config, "stress", "rate-limit", "--requests", "3", "--interval", "10ms"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "rollback", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let after = status(&lab);
    assert!(
        after.runs.iter().any(|r| r.last.starts_with("stress rate-limit: pass")),
        "a read-only check's outcome is journaled too: {:#?}",
        after.runs
    );
    let rl = after.features.iter().find(|f| f.feature == Feature::RateLimit).unwrap();
    assert_eq!(rl.state, "rolled_back");
    assert!(rl.since.is_some() && rl.by.as_deref().is_some_and(|b| !b.is_empty() && !b.starts_with("uid ")), "{rl:?}");
    assert_eq!(rl.next.as_deref(), Some("gatewayctl rollback undo rate-limit"));
    assert!(after.runs.iter().any(|r| r.last.contains("rate-limit rolled back")), "{:#?}", after.runs);

    // Another operator holds the lock: status names them, and takes nothing.
    let state_dir = lab.dir.join("state");
    let lock = std::fs::OpenOptions::new().read(true).write(true).open(state_dir.join("activate.lock")).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX | libc::LOCK_NB) }, 0);
    let holder = serde_json::json!({"owner": "alice", "host": "gw1", "pid": std::process::id(), "since": "earlier", "run": "r0", "command": "activate"});
    std::fs::write(state_dir.join("activate.lock"), holder.to_string()).unwrap();
    let held = status(&lab);
    assert_eq!(held.lock.as_ref().map(|l| l.owner.as_str()), Some("alice"));
    drop(lock);
    std::fs::write(state_dir.join("activate.lock"), "").unwrap();

    let out = gatewayctl(&["--config", &config, "rollback", "undo", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(state(&status(&lab), Feature::RateLimit), "on");

    let redis = lab.report.processes.iter().find(|p| p.name == "redis-server").unwrap().pid;
    gatewayctl::adapters::process::stop(redis, libc::SIGTERM, std::time::Duration::from_secs(5));
    let down = status(&lab);
    assert!(down.breakers[0].state.starts_with("unknown"), "Redis down is not 'closed': {:?}", down.breakers);
}

#[test]
fn history_reads_the_journal_as_a_timeline() {
    let lab = Lab::start("history", None);
    let config = lab.report.config.display().to_string();
    let out = gatewayctl(&["--config", &config, "rollback", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "history", "--since", "1h", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: gatewayctl::report::history::HistoryReport = json(&out);
    let whats: Vec<&str> = report.events.iter().map(|e| e.what.as_str()).collect();
    assert!(whats.contains(&"rate-limit rolled back"), "{whats:?}");
    // A rollback and its undo: both finished, each with its kind and operator.
    let out =
        gatewayctl(&["--config", &config, "--yes", "rollback", "undo", "rate-limit", "--no-cache", "--no-reload"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: gatewayctl::report::history::HistoryReport =
        json(&gatewayctl(&["--config", &config, "history", "--format", "json"]));
    let whats: Vec<&str> = report.events.iter().map(|e| e.what.as_str()).collect();
    assert!(whats.iter().all(|w| !w.contains("never finished")), "{whats:?}");
    let operator = whats.iter().find_map(|w| w.strip_prefix("selective rollback of rate-limit started by "));
    assert!(operator.is_some_and(|o| !o.is_empty() && !o.contains("not recorded")), "{whats:?}");
    assert!(whats.iter().any(|w| w.starts_with("undo of rate-limit started by ")), "{whats:?}");
    // status says who restored it, and since when.
    let now: serde_json::Value = json(&gatewayctl(&["--config", &config, "status", "--format", "json"]));
    let rate = now["features"].as_array().unwrap().iter().find(|f| f["feature"] == "rate-limit").unwrap();
    assert!(rate["by"].is_string() && rate["since"].is_string(), "{rate:#}");
    let run = report.events[0].entry.run.clone();
    let one: gatewayctl::report::history::HistoryReport =
        json(&gatewayctl(&["--config", &config, "history", "--run", &run, "--format", "json"]));
    assert!(one.events.iter().all(|e| e.entry.run == run));
    let none: gatewayctl::report::history::HistoryReport = json(&gatewayctl(&[
        "--config",
        &config,
        "history",
        "--since",
        "2000-01-01T00:00:00Z",
        "--run",
        "nope",
        "--format",
        "json",
    ]));
    assert!(none.events.is_empty());
    let bad = gatewayctl(&["--config", &config, "history", "--since", "yesterday-ish"]);
    assert_eq!(code(&bad), 2);
}

#[test]
fn tables_fit_the_terminal_width() {
    let lab = Lab::start("columns", None);
    let config = lab.report.config.display().to_string();
    for args in [
        &["preflight"][..],
        &["status"],
        &["verify"],
        &["rollback", "rate-limit", "--dry-run"],
        &["stress", "rate-limit", "--requests", "3", "--interval", "10ms"],
        &["cache", "status"],
    ] {
        let mut all = vec!["--config", config.as_str()];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
            .args(&all)
            .arg("--yes")
            .env("COLUMNS", "80")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let tables: Vec<&str> = text.lines().filter(|l| l.starts_with(['│', '┌', '└', '╞', '├'])).collect();
        assert!(!tables.is_empty(), "{args:?}: a table: {text}");
        let wide: Vec<&&str> = tables.iter().filter(|l| l.chars().count() > 80).collect();
        assert!(wide.is_empty(), "{args:?}: lines over 80 columns: {wide:#?}");
    }
    // Piped with no COLUMNS (a CI log, `| less`): 100 columns, the evidence wrapped, never cut.
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/production-activation-plan.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", config.as_str(), "plan", "review", plan])
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let tables: Vec<&str> = text.lines().filter(|l| l.starts_with(['│', '┌', '└', '╞', '├'])).collect();
    assert!(!tables.is_empty(), "{text}");
    let wide: Vec<&&str> = tables.iter().filter(|l| l.chars().count() > 100).collect();
    assert!(wide.is_empty(), "piped: lines over 100 columns: {wide:#?}");
    // Wrapped inside its cell, never cut: every word of a long finding is there.
    let words = |t: &str| {
        t.split(|c: char| c.is_whitespace() || "│┆".contains(c))
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let printed = words(&text);
    for w in
        words("KEYS walks the whole keyspace in one blocking call: production Redis answers nothing else meanwhile, the limiter included")
    {
        assert!(printed.contains(&w), "{w:?} missing: {text}");
    }
}
