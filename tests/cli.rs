//! Bad input gets one clear line and a documented exit code, never a panic.

use crate::harness::{code, gatewayctl, stderr};

fn assert_clean_failure(args: &[&str], want_code: i32, needle: &str) {
    let out = gatewayctl(args);
    let err = stderr(&out);
    assert_eq!(code(&out), want_code, "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: expected {needle:?} in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn malformed_duration() {
    assert_clean_failure(&["simulate", "rate-limit", "--interval", "5 parsecs"], 2, "malformed duration");
}

#[test]
fn unknown_route_syntax() {
    assert_clean_failure(&["simulate", "rate-limit", "--route", "/api/v2/bookings"], 2, "unknown route syntax");
    assert_clean_failure(&["simulate", "rate-limit", "--route", "BREW /coffee"], 2, "unknown HTTP method");
}

#[test]
fn unknown_breaker_event_and_service() {
    assert_clean_failure(&["simulate", "breaker", "--events", "ok,boom"], 2, "unknown event");
    assert_clean_failure(&["simulate", "breaker", "--service", "retell", "--events", "ok"], 2, "no breaker \"retell\"");
}

#[test]
fn missing_config_file() {
    assert_clean_failure(
        &["--config", "/nonexistent/g.toml", "simulate", "rate-limit"],
        2,
        "gatewayctl init --path /nonexistent/g.toml",
    );
}

#[test]
fn unreachable_redis_exits_3() {
    let config = crate::harness::ConfigFile::new(
        "[redis]\nurl = \"redis://:hunter2@127.0.0.1:1/0\"\nconnect_timeout = \"1s\"\n",
    );
    let out = gatewayctl(&["--config", config.path.to_str().unwrap(), "keys", "count", "rate_limit:*"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 3, "{err}");
    assert!(err.contains("cannot reach Redis at redis://:***@127.0.0.1:1/0"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    // One headline (wrapped to the width onto indented lines), its causes indented under it.
    let error_lines = err.lines().filter(|l| !l.starts_with("  ") && !l.starts_with("config: "));
    assert_eq!(error_lines.count(), 1, "one line: {err}");
    assert!(err.contains(&format!("config: {}", config.path.display())), "the config in use, up front: {err}");
}

#[test]
fn version_and_help_work() {
    assert_eq!(code(&gatewayctl(&["--version"])), 0);
    let help = crate::harness::stdout(&gatewayctl(&["--help"]));
    for command in ["simulate", "keys", "breaker", "init", "config", "completions"] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    assert!(help.contains("Exit codes"));
}

#[test]
fn no_config_and_no_app_dir_is_said_up_front() {
    for args in [&["preflight"][..], &["rollback", "rate-limit", "--dry-run"], &["status"], &["logs", "scan"]] {
        let out = gatewayctl(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no config found") && stderr(&out).contains("--app-dir"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// -i/--inventory is one global option, taken before or after the
/// subcommand, and refused with its reason where no --hosts would use it.
#[test]
fn an_inventory_without_hosts_is_refused() {
    let config = crate::harness::ConfigFile::new("[gateway]\napp_dir = \"/nonexistent\"\n");
    let path = config.path.to_str().unwrap();
    assert_clean_failure(&["-i", "hosts.ini", "simulate", "rate-limit"], 2, "does not take --hosts");
    assert_clean_failure(&["--config", path, "-i", "hosts.ini", "rollback", "list"], 2, "does not take --hosts");
    // Before or after the subcommand, one parser reads it.
    let unreadable = "while reading the inventory /nonexistent.ini";
    assert_clean_failure(&["--config", path, "fleet", "check", "--inventory", "/nonexistent.ini"], 4, unreadable);
    assert_clean_failure(&["--config", path, "-i", "/nonexistent.ini", "fleet", "check"], 4, unreadable);
}
