//! `keys` and `breaker status` against a real redis-server, with and without
//! a key prefix and a password.

use gatewayctl::core::breaker::BreakerState;
use gatewayctl::report::breaker::BreakerStatusReport;
use gatewayctl::report::keys::{KeyCountReport, KeyListReport};

use crate::harness::{code, gatewayctl, json, stderr, stdout, ConfigFile, RedisServer};

fn seed_limiter_keys(redis: &RedisServer, prefix: &str, n: usize) {
    for i in 0..n {
        redis.cli(&["SET", &format!("{prefix}rate_limit:{i:032x}:bookings"), "1", "EX", "60"]);
    }
    redis.cli(&["SET", &format!("{prefix}abuse:{:032x}", 1), "3"]);
    redis.cli(&["SET", "unprefixed_rate_limit:x", "1"]);
}

fn count(config: &ConfigFile, pattern: &str) -> KeyCountReport {
    let out = gatewayctl(&["--config", config.path.to_str().unwrap(), "keys", "count", pattern, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

#[test]
fn counts_with_scan_without_a_prefix() {
    let redis = RedisServer::start();
    seed_limiter_keys(&redis, "", 40);
    let config = ConfigFile::for_redis(&redis, "");
    let report = count(&config, "rate_limit:*");
    assert_eq!(report.count, 40);
    assert!(report.scan_rounds > 1, "scan_count 7 means several rounds");
    assert_eq!(count(&config, "abuse:*").count, 1);
}

#[test]
fn counts_and_lists_with_a_prefix() {
    let redis = RedisServer::start();
    let prefix = "api_gateway_database_";
    seed_limiter_keys(&redis, prefix, 12);
    redis.cli(&["SET", "rate_limit:other_app", "1"]);
    let config = ConfigFile::for_redis(&redis, prefix);
    let report = count(&config, "rate_limit:*");
    assert_eq!((report.count, report.prefix.as_str()), (12, prefix));
    let out = gatewayctl(&[
        "--config",
        config.path.to_str().unwrap(),
        "keys",
        "list",
        "rate_limit:*",
        "--limit",
        "5",
        "--format",
        "json",
    ]);
    let listed: KeyListReport = json(&out);
    assert_eq!(listed.keys.len(), 5);
    assert!(listed.keys.iter().all(|k| k.starts_with("rate_limit:") && k.ends_with(":bookings")), "{:?}", listed.keys);
}

#[test]
fn a_glob_character_in_the_prefix_is_literal() {
    let redis = RedisServer::start();
    redis.cli(&["SET", "a*rate_limit:1", "1"]);
    redis.cli(&["SET", "abrate_limit:2", "1"]);
    let config = ConfigFile::for_redis(&redis, "a*");
    assert_eq!(count(&config, "rate_limit:*").count, 1);
}

#[test]
fn a_password_never_shows() {
    let redis = RedisServer::start_with(Some("s3cret-pw"));
    seed_limiter_keys(&redis, "", 3);
    let config = ConfigFile::for_redis(&redis, "");
    assert_eq!(count(&config, "rate_limit:*").count, 3);
    let status = gatewayctl(&["--config", config.path.to_str().unwrap(), "-v", "breaker", "status"]);
    let all = format!("{}{}", stdout(&status), stderr(&status));
    assert!(all.contains(":***@127.0.0.1"), "{all}");
    assert!(!all.contains("s3cret-pw"), "{all}");

    let wrong = ConfigFile::new(&format!("[redis]\nurl = \"redis://:wrong-pw@127.0.0.1:{}/0\"\n", redis.port));
    let out = gatewayctl(&["--config", wrong.path.to_str().unwrap(), "keys", "count", "*"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 4, "{err}");
    assert!(err.contains("refused the credentials"), "{err}");
    assert!(!err.contains("wrong-pw"), "{err}");
}

fn status(config: &ConfigFile) -> BreakerStatusReport {
    let out =
        gatewayctl(&["--config", config.path.to_str().unwrap(), "breaker", "status", "calcom_api", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

#[test]
fn breaker_status_reads_the_contract_keys() {
    let redis = RedisServer::start();
    let config = ConfigFile::for_redis(&redis, "");
    let absent = &status(&config).breakers[0];
    assert_eq!((absent.state, absent.state_key_present), (BreakerState::Closed, false));
    assert_eq!(absent.next_transition, "opens after 5 more consecutive failure(s)");

    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    redis.cli(&["SET", "circuit_breaker:calcom_api:state", "open"]);
    redis.cli(&["SET", "circuit_breaker:calcom_api:failure_count", "5"]);
    redis.cli(&["SET", "circuit_breaker:calcom_api:opened_at", &(now - 20).to_string()]);
    let open = &status(&config).breakers[0];
    assert_eq!((open.state, open.failure_count, open.opened_at), (BreakerState::Open, 5, Some(now - 20)));
    let left = open.seconds_until_half_open.unwrap();
    assert!((39..=40).contains(&left), "{left}");
    assert!(open.next_transition.starts_with("half-opens on the first call after"));
}

#[test]
fn breaker_status_with_a_prefix_and_a_bad_value() {
    let redis = RedisServer::start();
    let config = ConfigFile::for_redis(&redis, "gw_");
    redis.cli(&["SET", "gw_circuit_breaker:calcom_api:state", "half_open"]);
    redis.cli(&["SET", "gw_circuit_breaker:calcom_api:success_count", "1"]);
    let half = &status(&config).breakers[0];
    assert_eq!((half.state, half.success_count), (BreakerState::HalfOpen, 1));
    assert_eq!(half.next_transition, "closes after 1 more success(es); a failure reopens it");

    redis.cli(&["SET", "gw_circuit_breaker:calcom_api:state", "OPENED"]);
    let out = gatewayctl(&["--config", config.path.to_str().unwrap(), "breaker", "status"]);
    assert_eq!(code(&out), 4);
    assert!(stderr(&out).contains("not closed/open/half_open"), "{}", stderr(&out));
}
