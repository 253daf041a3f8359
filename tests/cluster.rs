//! Redis Cluster: `keys`, `breaker` and `preflight` against three real
//! cluster-enabled redis-servers, each key sent to its slot's owner and each
//! SCAN to every primary; and the failures an operator meets (a slot no
//! primary serves, a dead primary, a seed that is no cluster), each one
//! clear line with exit 3 and no password.

use gatewayctl::report::breaker::BreakerStatusReport;
use gatewayctl::report::keys::{KeyCountReport, KeyListReport};

use crate::harness::{code, gatewayctl, json, stderr, ConfigFile, RedisCluster, RedisServer};

const PASSWORD: &str = "cluster-secret-7Qx2";

fn run(config: &ConfigFile, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--config", config.path.to_str().unwrap()];
    all.extend_from_slice(args);
    gatewayctl(&all)
}

/// 300,000 limiter keys among 600,000 (abuse counters and Laravel cache
/// entries beside them), named as the gateway names them.
fn keyspace() -> impl Iterator<Item = String> {
    let hex = |i: u64| format!("{:032x}", u128::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
    let buckets = ["bookings", "availability", "reschedule"];
    let limiter = (0..300_000u64).map(move |i| format!("rate_limit:{}:{}", hex(i), buckets[(i % 3) as usize]));
    let abuse = (0..150_000u64).map(move |i| format!("abuse:{}", hex(i + 1_000_000)));
    let cache = (0..150_000u64).map(move |i| format!("laravel_cache:tenant:{}:availability:{i}", i % 97));
    limiter.chain(abuse).chain(cache)
}

/// The server time of each SCAN call (under 1 ms) is a figure, measured and
/// enforced by scripts/bench-cluster.sh, not asserted here: on 2 cores the
/// other tests' labs preempt redis-server, and SLOWLOG's wall time would
/// measure them.
#[test]
fn counts_300k_of_600k_exactly_with_scan_on_every_primary_and_no_keys_command() {
    let cluster = RedisCluster::start(None);
    cluster.fill(keyspace());
    for i in 0..3 {
        cluster.cli(i, &["CONFIG", "RESETSTAT"]);
    }
    let config = ConfigFile::new(&cluster.config(&[1], "", ""));
    let out = run(&config, &["keys", "count", "rate_limit:*", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: KeyCountReport = json(&out);
    assert_eq!(report.count, 300_000);
    assert_eq!(report.nodes.len(), 3, "{:?}", report.nodes);
    assert_eq!(report.nodes.iter().map(|n| n.count).sum::<u64>(), 300_000);
    assert!(report.nodes.iter().all(|n| n.count > 90_000), "slots split three ways: {:?}", report.nodes);
    for i in 0..3 {
        let stats = cluster.cli(i, &["INFO", "commandstats"]);
        assert!(!stats.contains("cmdstat_keys"), "node {i} saw KEYS:\n{stats}");
        assert!(stats.contains("cmdstat_scan"), "node {i} was not scanned:\n{stats}");
    }
    // The database holds what the count says (DBSIZE is each node's own).
    let all: u64 = (0..3).map(|i| cluster.cli(i, &["DBSIZE"]).parse::<u64>().unwrap()).sum();
    assert_eq!(all, 600_000);
}

#[test]
fn a_prefix_is_applied_as_phpredis_applies_it_and_the_breaker_spans_slots() {
    let cluster = RedisCluster::start(Some(PASSWORD));
    let prefix = "api_gateway_database_";
    cluster.fill(
        (0..40).map(|i| format!("{prefix}rate_limit:{i:032x}:bookings")).chain(["rate_limit:unprefixed:x".to_string()]),
    );
    // The breaker's four keys hash to different slots, most likely different primaries.
    for (k, v) in [("state", "open"), ("failure_count", "5"), ("success_count", "0"), ("opened_at", "1795000000")] {
        cluster.cli_c(&["SET", &format!("{prefix}circuit_breaker:calcom_api:{k}"), v]);
    }
    let config = ConfigFile::new(&cluster.config(&[0, 2], prefix, ""));
    let out = run(&config, &["keys", "count", "rate_limit:*", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json::<KeyCountReport>(&out).count, 40);
    let out = run(&config, &["keys", "list", "rate_limit:*", "--limit", "5", "--format", "json"]);
    let listed: KeyListReport = json(&out);
    assert_eq!(listed.keys.len(), 5);
    assert!(listed.keys.iter().all(|k| k.starts_with("rate_limit:") && k.ends_with(":bookings")), "{:?}", listed.keys);
    let out = run(&config, &["breaker", "status", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let status: BreakerStatusReport = json(&out);
    let text = serde_json::to_string(&status).unwrap();
    assert!(text.contains("\"open\""), "{text}");
    let out = run(&config, &["breaker", "reset", "calcom_api"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for k in ["state", "failure_count", "success_count", "opened_at"] {
        assert_eq!(cluster.cli_c(&["EXISTS", &format!("{prefix}circuit_breaker:calcom_api:{k}")]), "0");
    }
    let everything = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(!everything.contains(PASSWORD));
}

/// The samples of `watch --format json` (one document).
fn watch_samples(out: &std::process::Output) -> Vec<gatewayctl::report::watch::WatchSample> {
    serde_json::from_slice::<gatewayctl::report::watch::WatchRun>(&out.stdout).expect("one document").samples
}

/// One line on stderr (besides the config note), exit 3, no password.
fn one_clear_line(out: &std::process::Output) -> String {
    let err = stderr(out);
    assert_eq!(code(out), 3, "{err}");
    assert!(!err.contains(PASSWORD) && !String::from_utf8_lossy(&out.stdout).contains(PASSWORD), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("config:")).collect();
    assert!(lines.len() <= 3, "a short error, not a trace:\n{err}");
    err
}

#[test]
fn a_slot_no_primary_serves_is_named_with_what_to_check() {
    let cluster = RedisCluster::start(Some(PASSWORD));
    // Node 0 gives up slot 100: as node 0 sees it, nobody serves it.
    cluster.cli(0, &["CLUSTER", "DELSLOTS", "100"]);
    let config = ConfigFile::new(&cluster.config(&[0], "", ""));
    let err = one_clear_line(&run(&config, &["keys", "count", "rate_limit:*"]));
    assert!(err.contains("slots 100 ") && err.contains("redis-cli --cluster check"), "{err}");
}

#[test]
fn a_dead_primary_ends_the_scan_with_exit_3_never_a_partial_count() {
    let mut cluster = RedisCluster::start(Some(PASSWORD));
    cluster.fill((0..3_000).map(|i| format!("rate_limit:{i:032x}:bookings")));
    let config = ConfigFile::new(&cluster.config(&[0], "", ""));
    cluster.kill(2);
    let dead = format!("127.0.0.1:{}", cluster.ports[2]);
    // Before the others mark it failed (2 s), and after: both end in exit 3.
    let err = one_clear_line(&run(&config, &["keys", "count", "rate_limit:*"]));
    assert!(err.contains(&dead) || err.contains("served by no primary"), "{err}");
    std::thread::sleep(std::time::Duration::from_millis(4_500));
    let err = one_clear_line(&run(&config, &["keys", "count", "rate_limit:*"]));
    assert!(err.contains(&dead) && err.contains("marked failed"), "{err}");
}

#[test]
fn a_seed_that_is_no_cluster_node_is_said() {
    let redis = RedisServer::start();
    let config = ConfigFile::new(&format!(
        "[redis]\nmode = \"cluster\"\nurl = \"redis://127.0.0.1:{p}/0\"\nnodes = [\"127.0.0.1:{p}\"]\nconnect_timeout = \"1s\"\n",
        p = redis.port
    ));
    let err = one_clear_line(&run(&config, &["keys", "count", "*"]));
    assert!(err.contains("not a cluster node"), "{err}");
    let dead = crate::harness::Sshd::dead_port();
    let config = ConfigFile::new(&format!(
        "[redis]\nmode = \"cluster\"\nurl = \"redis://:{PASSWORD}@127.0.0.1:{dead}/0\"\nnodes = [\"127.0.0.1:{dead}\"]\nconnect_timeout = \"1s\"\n"
    ));
    let err = one_clear_line(&run(&config, &["breaker", "status"]));
    assert!(err.contains("no seed node answered") && err.contains("redis.nodes"), "{err}");
}

#[test]
fn a_cluster_lab_is_checked_verified_stressed_watched_and_stopped_port_by_port() {
    let mut lab = crate::lab::Lab::start_with("cluster-lab", None, &["--redis", "cluster"]);
    let config = lab.report.config.display().to_string();
    let go = |args: &[&str]| {
        let mut all = vec!["--config", config.as_str()];
        all.extend_from_slice(args);
        gatewayctl(&all)
    };
    assert_eq!(lab.cluster_ports().len(), 3, "three primaries in the lab's config");
    let out = go(&["preflight", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("slowest of 3 primaries") && text.contains("in all:"), "{text}");
    let out = go(&["verify", "--format", "json"]);
    assert_eq!(code(&out), 0, "the limiter's key found on its primary: {}", stderr(&out));
    let out = go(&["stress", "rate-limit", "--requests", "35", "--interval", "5ms"]);
    assert_eq!(code(&out), 0, "every answer as the model says: {}", stderr(&out));
    let out = go(&["keys", "count", "rate_limit:*", "--format", "json"]);
    let counted: KeyCountReport = json(&out);
    // stress's counter; verify deletes its own.
    assert!(counted.count >= 1 && counted.nodes.len() == 3, "{counted:?}");
    let out = go(&["watch", "--duration", "3s", "--format", "json"]);
    let samples = watch_samples(&out);
    let last = samples.last().expect("watch sampled");
    assert_eq!(last.redis_memory_by_node.len(), 3, "{last:?}");
    let sum: f64 = last.redis_memory_by_node.values().map(|m| m.unwrap()).sum();
    assert!((sum - last.redis_memory_mb.unwrap()).abs() < 0.01);
    assert_eq!(last.rate_limit_keys, Some(counted.count));
    let down = lab.down();
    assert!(down.clean, "every node stopped and every port (data and bus) closed: {down:?}");
    assert_eq!(down.processes.iter().filter(|p| p.name.starts_with("redis")).count(), 3);
}

/// A slot moved under a live connection: redis-rs follows ASK while the key
/// is migrating and MOVED once the slot has a new owner; when the new owner
/// dies, the error names it.
#[test]
fn ask_and_moved_are_followed_and_a_moved_to_a_dead_node_is_named() {
    use gatewayctl::adapters::redis::{ClusterTarget, Redis, RedisTarget};
    let mut cluster = RedisCluster::start(Some(PASSWORD));
    let key = "circuit_breaker:calcom_api:state";
    cluster.cli_c(&["SET", key, "open"]);
    let slot = gatewayctl::adapters::redis::key_slot(key.as_bytes()).to_string();
    let nodes = cluster.cli(0, &["CLUSTER", "NODES"]);
    let owner = (0..3)
        .find(|&i| cluster.cli(i, &["CLUSTER", "COUNTKEYSINSLOT", &slot]) == "1")
        .unwrap_or_else(|| panic!("no node holds {key}:\n{nodes}"));
    let target = (owner + 1) % 3;
    let id = |i: usize| cluster.cli(i, &["CLUSTER", "MYID"]);
    let (owner_id, target_id) = (id(owner), id(target));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let redis_target = RedisTarget {
        url: format!("redis://:{PASSWORD}@127.0.0.1:{}/0", cluster.ports[0]),
        prefix: String::new(),
        scan_count: 250,
        timeout: std::time::Duration::from_secs(1),
        scan_pause: std::time::Duration::ZERO,
        sentinel: None,
        cluster: Some(ClusterTarget { nodes: cluster.ports.iter().map(|p| format!("127.0.0.1:{p}")).collect() }),
    };
    let mut redis = rt.block_on(Redis::connect(&redis_target)).unwrap();
    let get = |redis: &mut Redis| rt.block_on(redis.get_many(&[key.to_string()]));
    assert_eq!(get(&mut redis).unwrap(), [Some("open".to_string())]);

    // Mid-migration: the key is on the target, the owner answers ASK.
    cluster.cli(target, &["CLUSTER", "SETSLOT", &slot, "IMPORTING", &owner_id]);
    cluster.cli(owner, &["CLUSTER", "SETSLOT", &slot, "MIGRATING", &target_id]);
    let port = cluster.ports[target].to_string();
    let migrated = cluster.cli(owner, &["MIGRATE", "127.0.0.1", &port, "", "0", "5000", "AUTH", PASSWORD, "KEYS", key]);
    assert_eq!(migrated, "OK");
    assert_eq!(get(&mut redis).unwrap(), [Some("open".to_string())], "ASK followed");

    // The slot settled on the target: the old owner answers MOVED.
    for i in 0..3 {
        cluster.cli(i, &["CLUSTER", "SETSLOT", &slot, "NODE", &target_id]);
    }
    assert_eq!(get(&mut redis).unwrap(), [Some("open".to_string())], "MOVED followed");

    // The new owner dies: the error names it, within the timeouts, with no password.
    cluster.kill(target);
    let err = get(&mut redis).unwrap_err().to_string();
    let dead = format!("127.0.0.1:{}", cluster.ports[target]);
    assert!(err.contains(&format!("slot {slot} is served by {dead}")), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
}

/// A primary dies and its replica takes over: `keys count` during the
/// failover is exact or exit 3 ("could not be completed"), after it exact
/// again; `watch` says the primaries changed, once, and its figures go on.
#[test]
fn a_primary_failover_is_an_event_in_watch_and_counts_stay_exact() {
    let mut cluster = RedisCluster::start_with(None, 1);
    cluster.fill((0..30_000).map(|i| format!("rate_limit:{i:032x}:bookings")));
    let seeds: Vec<usize> = (0..6).collect();
    let config = ConfigFile::new(&cluster.config(&seeds, "", "[gateway]\nbase_url = \"http://127.0.0.1:9\"\n"));
    let primaries: Vec<usize> = (0..6).filter(|&i| cluster.cli(i, &["ROLE"]).starts_with("master")).collect();
    assert_eq!(primaries.len(), 3);
    for &i in &primaries {
        assert_eq!(cluster.cli(i, &["WAIT", "1", "5000"]), "1", "primary {i} has its replica in sync");
    }
    let watch = std::process::Command::new(env!("CARGO_BIN_EXE_gatewayctl"))
        .args(["--config", config.path.to_str().unwrap(), "watch", "--duration", "12s", "--interval", "1s"])
        .args(["--format", "json"])
        .current_dir(config.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2_000));
    let dead = format!("127.0.0.1:{}", cluster.ports[primaries[1]]);
    cluster.kill(primaries[1]);
    let during = run(&config, &["keys", "count", "rate_limit:*", "--format", "json"]);
    match code(&during) {
        0 => assert_eq!(json::<KeyCountReport>(&during).count, 30_000, "exact across the failover"),
        _ => {
            let err = one_clear_line(&during);
            assert!(err.contains("could not be completed") || err.contains("served by no primary"), "{err}");
        }
    }
    // The replica is promoted (node timeout 2 s); then every count is exact.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let report = loop {
        let out = run(&config, &["keys", "count", "rate_limit:*", "--format", "json"]);
        if code(&out) == 0 {
            break json::<KeyCountReport>(&out);
        }
        assert!(std::time::Instant::now() < deadline, "no failover within 20 s: {}", stderr(&out));
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    assert_eq!(report.count, 30_000);
    assert!(report.nodes.iter().all(|n| n.node != dead), "{:?}", report.nodes);
    let out = watch.wait_with_output().unwrap();
    let samples = watch_samples(&out);
    let events: Vec<&String> = samples.iter().flat_map(|s| &s.events).collect();
    assert_eq!(events.len(), 1, "one failover, one event: {events:?}");
    assert!(events[0].contains("primaries changed") && events[0].contains(&dead), "{events:?}");
    let at = samples.iter().position(|s| !s.events.is_empty()).unwrap();
    assert!(samples[at..].iter().all(|s| s.redis_memory_mb.is_some() && s.rate_limit_keys == Some(30_000)));
    // No wrong figure before it either: a sample without the dead node says "no data", never a smaller sum.
    assert!(samples[..at].iter().all(|s| s.rate_limit_keys.is_none() || s.rate_limit_keys == Some(30_000)));
}
