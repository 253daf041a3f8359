//! Redis Sentinel against real sentinels (`lab up --redis sentinel`: a
//! primary, a replica, three sentinels): the master is found through them
//! and confirmed, a failover during a scan gives the exact count or an
//! error, watch follows a failover and says so, and a wrong master name or
//! dead sentinels are one clear error, exit 3, at once.

use std::time::{Duration, Instant};

use gatewayctl::report::keys::KeyCountReport;

use crate::harness::{code, gatewayctl, json, stderr};
use crate::lab::Lab;

const CONFIG: &str = "[redis]\nscan_count = 20\n\n[watch]\ninterval = \"500ms\"\nwindow = \"10s\"\n";

fn sentinels(lab: &Lab) -> Vec<u16> {
    lab.settings.file.redis.sentinels.iter().map(|s| s.rsplit_once(':').unwrap().1.parse().unwrap()).collect()
}

fn redis_cli(port: u16, args: &[&str]) -> String {
    let out = std::process::Command::new("timeout")
        .args(["10", "redis-cli", "-p", &port.to_string()])
        .args(args)
        .output()
        .expect("redis-cli");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A sentinel, with the lab's sentinel password (through the environment, never argv).
fn sentinel_cli(lab: &Lab, args: &[&str]) -> String {
    let out = std::process::Command::new("timeout")
        .args(["10", "redis-cli", "-p", &sentinels(lab)[0].to_string()])
        .args(args)
        .env("REDISCLI_AUTH", &lab.settings.file.redis.sentinel_password)
        .output()
        .expect("redis-cli");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn master(lab: &Lab) -> u16 {
    let answer = sentinel_cli(lab, &["SENTINEL", "get-master-addr-by-name", "gateway"]);
    answer.lines().last().unwrap().parse().unwrap()
}

fn count(lab: &Lab, config: &str) -> (i32, Option<KeyCountReport>, String) {
    let out = gatewayctl(&["--config", config, "keys", "count", "rate_limit:k*", "--format", "json"]);
    let report = (code(&out) == 0).then(|| json(&out));
    let _ = lab;
    (code(&out), report, stderr(&out))
}

/// Fails over and waits until the sentinels name the new master and it says so itself.
fn fail_over(lab: &Lab) -> u16 {
    let before = master(lab);
    assert_eq!(sentinel_cli(lab, &["SENTINEL", "FAILOVER", "gateway"]), "OK");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = master(lab);
        if now != before && redis_cli(now, &["ROLE"]).starts_with("master") {
            return now;
        }
        assert!(Instant::now() < deadline, "no failover within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_master_is_found_through_the_sentinels_and_followed_across_a_failover() {
    let lab = Lab::start_with("sentinel", Some(CONFIG), &["--redis", "sentinel"]);
    let config = lab.report.config.display().to_string();
    let primary = master(&lab);
    assert_eq!(primary, lab.report.ports.redis, "the lab's primary is the master");
    let script =
        "for i=1,30000 do redis.call('SET','rate_limit:k'..i..':bookings',1) redis.call('SET','other:'..i,1) end";
    redis_cli(primary, &["EVAL", script, "0"]);
    assert_eq!(redis_cli(primary, &["WAIT", "1", "5000"]), "1", "the replica has every key");

    let (exit, report, err) = count(&lab, &config);
    assert_eq!(exit, 0, "{err}");
    let report = report.unwrap();
    assert_eq!(report.count, 30_000);
    assert_eq!(report.master.as_deref(), Some(format!("127.0.0.1:{primary}").as_str()));

    // The proofs read the limiter's counters through the sentinels' master.
    let out = gatewayctl(&["--config", &config, "verify", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = gatewayctl(&["--config", &config, "stress", "rate-limit", "--requests", "35", "--interval", "5ms"]);
    assert_eq!(code(&out), 0, "every answer as the model says: {}", stderr(&out));

    // A failover while the scan runs: the exact count, or an error that says it could not finish.
    let scan = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "keys", "count", "rate_limit:k*", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let new = fail_over(&lab);
    let out = scan.wait_with_output().unwrap();
    match code(&out) {
        0 => assert_eq!(json::<KeyCountReport>(&out).count, 30_000, "exact across the failover"),
        _ => assert!(stderr(&out).contains("could not finish"), "{}", stderr(&out)),
    }
    // Afterwards: the new master, found and confirmed, answers everything.
    let (exit, report, err) = count(&lab, &config);
    assert_eq!(exit, 0, "{err}");
    let report = report.unwrap();
    assert_eq!((report.count, report.master.clone()), (30_000, Some(format!("127.0.0.1:{new}"))));
    let out = gatewayctl(&["--config", &config, "breaker", "status", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn watch_reports_a_failover_as_an_event_and_goes_on() {
    let lab = Lab::start_with("sentinel-watch", Some(CONFIG), &["--redis", "sentinel"]);
    let config = lab.report.config.display().to_string();
    let watch = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", &config, "watch", "--duration", "8s", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let new = fail_over(&lab);
    let out = watch.wait_with_output().unwrap();
    let run: gatewayctl::report::watch::WatchRun = serde_json::from_slice(&out.stdout).expect("one document");
    let samples = run.samples;
    let at = samples.iter().position(|s| !s.events.is_empty()).expect("the failover is an event");
    assert!(samples[at].events[0].contains(&format!("127.0.0.1:{new}")), "{:?}", samples[at].events);
    assert!(samples[at..].iter().skip(1).any(|s| s.redis_memory_mb.is_some()), "watch goes on against the new master");
    assert_eq!(samples.iter().filter(|s| !s.events.is_empty()).count(), 1, "one failover, one event");
}

#[test]
fn a_wrong_master_name_or_dead_sentinels_are_one_clear_error_at_once() {
    let lab = Lab::start_with("sentinel-bad", Some(CONFIG), &["--redis", "sentinel"]);
    let text = std::fs::read_to_string(&lab.report.config).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong.toml");
    std::fs::write(&wrong, text.replace("master_name = \"gateway\"", "master_name = \"gatewy\"")).unwrap();
    let started = Instant::now();
    let (exit, _, err) = count(&lab, wrong.to_str().unwrap());
    assert_eq!(exit, 3, "{err}");
    assert!(err.contains("knows no master named \"gatewy\""), "{err}");
    // A wrong sentinel password: refused, and the password is in no message.
    let password = &lab.settings.file.redis.sentinel_password;
    assert!(!password.is_empty(), "the lab's sentinels have a password");
    let denied = dir.path().join("denied.toml");
    std::fs::write(&denied, text.replace(password.as_str(), "wrong-secret-x")).unwrap();
    let (exit, _, err) = count(&lab, denied.to_str().unwrap());
    assert_eq!(exit, 3, "{err}");
    assert!(!err.contains("wrong-secret-x") && !err.contains(password.as_str()), "{err}");
    let shown = gatewayctl(&["--config", lab.report.config.to_str().unwrap(), "config", "show"]);
    assert!(!crate::harness::stdout(&shown).contains(password.as_str()), "config show masks it");
    let mut dead = text.clone();
    for port in sentinels(&lab) {
        dead =
            dead.replace(&format!("127.0.0.1:{port}"), &format!("127.0.0.1:{}", gatewayctl::lab::free_port().unwrap()));
    }
    let dead_path = dir.path().join("dead.toml");
    std::fs::write(&dead_path, dead).unwrap();
    let (exit, _, err) = count(&lab, dead_path.to_str().unwrap());
    assert_eq!(exit, 3, "{err}");
    assert!(err.contains("no sentinel named the master"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "never a hang: {:?}", started.elapsed());
}

#[test]
fn a_count_of_300000_among_600000_is_exact_and_never_uses_keys() {
    let lab = Lab::start_with("sentinel-load", None, &["--redis", "sentinel"]);
    let config = lab.report.config.display().to_string();
    let m = master(&lab);
    // In slices of 10 000: one script of 600 000 writes blocks the master past the
    // lab sentinels' down-after (1 s) on a loaded machine, and they fail over to a
    // replica the writes never reached.
    let script = "for i=ARGV[1],ARGV[1]+9999 do redis.call('SET','rate_limit:k'..i..':bookings',1) \
                  redis.call('SET','tenant:'..i..':x',1) end";
    for from in (1..=300_000).step_by(10_000) {
        redis_cli(m, &["EVAL", script, "0", &from.to_string()]);
    }
    assert_eq!(master(&lab), m, "no failover while loading");
    assert_eq!(redis_cli(m, &["DBSIZE"]), "600000");
    redis_cli(m, &["CONFIG", "RESETSTAT"]);
    let (exit, report, err) = count(&lab, &config);
    assert_eq!(exit, 0, "{err}");
    let report = report.unwrap();
    assert_eq!(report.count, 300_000, "{report:?}\n{err}");
    let stats = redis_cli(m, &["INFO", "commandstats"]);
    assert!(stats.contains("cmdstat_scan:"), "{stats}");
    assert!(!stats.contains("cmdstat_keys:"), "no KEYS, ever: {stats}");
    // The server time of each SCAN (under 1 ms) is a figure, measured in
    // scripts/bench-keys.sh, not asserted here: a loaded test machine would make it flaky.
}
