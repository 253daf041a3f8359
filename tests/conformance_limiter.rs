//! The limiter, request by request: generated schedules over several buckets
//! and identities (API keys and client IPs) are sent to a real lab, and each
//! answer's status, X-RateLimit-Limit, X-RateLimit-Remaining and Retry-After,
//! and at the end every Redis key, must equal what the core model predicts.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use gatewayctl::adapters::http::Http;
use gatewayctl::core::keyspace::Keyspace;
use gatewayctl::core::limiter::{Identity, LimiterShape, LimiterVerdict};
use gatewayctl::core::route::Route;

use crate::lab::{Lab, Rng};

/// Short windows so a schedule crosses several of them in seconds.
const CONFIG: &str = r#"
[[rate_limit.buckets]]
name = "reschedule"
paths = ["v2/bookings/*/reschedule"]
limit = 3
window = "3s"

[[rate_limit.buckets]]
name = "bookings"
paths = ["v2/bookings", "v2/bookings/*"]
limit = 4
window = "4s"

[[rate_limit.buckets]]
name = "availability"
paths = ["v2/availability/*"]
limit = 5
window = "3s"

[[rate_limit.buckets]]
name = "webhooks"
paths = ["webhooks/*"]
limit = 6
window = "2s"

[[rate_limit.buckets]]
name = "default"
paths = ["*"]
limit = 5
window = "3s"

[rate_limit.abuse]
threshold = 6
counter_ttl = "5s"
block = "3s"
"#;

/// How far a request is kept from a key's expiry or a TTL rounding edge:
/// on either side of those, only timing decides, and the test must not.
const MARGIN_MS: u64 = 150;

const ROUTES: &[&str] = &[
    "POST /api/v2/bookings",
    "POST /api/v2/bookings/7/reschedule",
    "POST /api/v2/availability/simple",
    "POST /api/webhooks/calcom",
    "GET /api/health",
];

/// Who sends: an API key, or (no key) a client address on loopback.
#[derive(Clone, Copy)]
enum Sender {
    Key(&'static str),
    Ip(Ipv4Addr),
}

const SENDERS: &[Sender] = &[
    Sender::Key("key-alpha-1234"),
    Sender::Key("key-beta-5678"),
    Sender::Ip(Ipv4Addr::new(127, 0, 0, 1)),
    Sender::Ip(Ipv4Addr::new(127, 0, 0, 2)),
];

#[derive(Debug)]
pub struct Mismatch {
    pub n: usize,
    pub what: String,
}

struct Planned {
    route: Route,
    sender: Sender,
    gap_ms: u64,
}

fn identity(sender: Sender) -> Identity {
    match sender {
        Sender::Key(k) => Identity::of(Some(k), "unused"),
        Sender::Ip(ip) => Identity::of(None, &ip.to_string()),
    }
}

/// Moves `at` until neither a key expiry nor the predicted TTL sits near it.
fn off_the_edges(model: &LimiterShape, keys: &Keyspace, mut at: u64, route: &Route, client: &Identity) -> u64 {
    for _ in 0..50 {
        let near_expiry = keys.expiries().iter().any(|&e| e.abs_diff(at) < MARGIN_MS);
        let verdict = model.decide(&mut keys.clone(), at, route, client);
        let near_rounding = verdict.ttl_ms.is_some_and(|t| (t % 1000).abs_diff(500) < MARGIN_MS);
        if !near_expiry && !near_rounding {
            return at;
        }
        at += MARGIN_MS;
    }
    at
}

fn check(
    n: usize,
    route: &Route,
    verdict: &LimiterVerdict,
    got: &gatewayctl::adapters::http::Exchange,
) -> Result<(), Mismatch> {
    let fail = |what: String| Err(Mismatch { n, what: format!("{route}: {what}") });
    if verdict.allowed() != (got.status != 429) {
        return fail(format!("model says {}, gateway answered {} {}", verdict.status, got.status, got.body));
    }
    let pairs = [
        ("X-RateLimit-Limit", verdict.limit, got.header_u64("x-ratelimit-limit")),
        ("X-RateLimit-Remaining", verdict.remaining, got.header_u64("x-ratelimit-remaining")),
        ("Retry-After", verdict.retry_after_s, got.header_u64("retry-after")),
    ];
    for (name, want, have) in pairs {
        if want != have {
            return fail(format!("{name}: model {want:?}, gateway {have:?}"));
        }
    }
    Ok(())
}

/// What a schedule exercised, so a test can prove it was not vacuous.
#[derive(Debug, Default)]
struct Seen {
    rejected: usize,
    blocked: usize,
    unlimited: usize,
}

/// Sends `plan` and holds every answer against `model`; the first mismatch wins.
fn run(lab: &Lab, model: &LimiterShape, plan: &[Planned]) -> Result<Seen, Mismatch> {
    let mut seen = Seen::default();
    // One client per source address: 127.0.0.2 is another client IP.
    let mut clients: Vec<(Option<IpAddr>, Http)> = Vec::new();
    let mut keys = Keyspace::new();
    let mut at = 0;
    let start = Instant::now();
    let body = serde_json::json!({"probe": true});
    for (n, p) in plan.iter().enumerate() {
        let client = identity(p.sender);
        at = off_the_edges(model, &keys, at + p.gap_ms, &p.route, &client);
        loop {
            if let Some(wait) = Duration::from_millis(at).checked_sub(start.elapsed()) {
                std::thread::sleep(wait);
            }
            // Late (a busy machine)? Plan again from now rather than guess.
            let now = start.elapsed().as_millis() as u64;
            if now <= at + 20 {
                break;
            }
            at = off_the_edges(model, &keys, now + 5, &p.route, &client);
        }
        let verdict = model.decide(&mut keys, at, &p.route, &client);
        let local = match p.sender {
            Sender::Ip(ip) => Some(IpAddr::V4(ip)),
            Sender::Key(_) => None,
        };
        if !clients.iter().any(|(l, _)| *l == local) {
            clients.push((local, lab.http(local)));
        }
        let http = &clients.iter().find(|(l, _)| *l == local).expect("a client").1;
        let headers: Vec<(&str, &str)> = match p.sender {
            Sender::Key(k) => vec![("X-Api-Key", k)],
            Sender::Ip(_) => vec![],
        };
        let got = lab.send(http, &p.route.method, &p.route.path, &headers, Some(&body));
        check(n + 1, &p.route, &verdict, &got)?;
        seen.rejected += usize::from(!verdict.allowed());
        seen.blocked += usize::from(verdict.blocked);
        seen.unlimited += usize::from(verdict.limit.is_none());
    }
    compare_keys(lab, &mut keys, start.elapsed().as_millis() as u64)?;
    Ok(seen)
}

/// Every key in Redis equals the model's, but for keys expiring right now.
fn compare_keys(lab: &Lab, keys: &mut Keyspace, now: u64) -> Result<(), Mismatch> {
    let settled: Vec<u64> = keys.expiries().into_iter().filter(|e| e.abs_diff(now) < 4 * MARGIN_MS).collect();
    if !settled.is_empty() {
        std::thread::sleep(Duration::from_millis(8 * MARGIN_MS));
    }
    let now = now + if settled.is_empty() { 0 } else { 8 * MARGIN_MS };
    let model: std::collections::BTreeMap<String, i64> = keys.snapshot(now);
    let lab_keys: std::collections::BTreeMap<String, i64> =
        lab.redis_keys().into_iter().filter(|(k, _)| k.starts_with("rate_limit:") || k.starts_with("abuse:")).collect();
    if model != lab_keys {
        return Err(Mismatch { n: 0, what: format!("Redis keys differ:\nmodel {model:#?}\nlab   {lab_keys:#?}") });
    }
    Ok(())
}

/// Bursty traffic: mostly the same sender on the same route in quick
/// succession (so limits and blocks are reached), now and then another pair,
/// and now and then a pause long enough to cross a window.
fn generated(seed: u64, count: usize) -> Vec<Planned> {
    let mut rng = Rng::new(seed);
    let routes: Vec<Route> = ROUTES.iter().map(|r| r.parse().unwrap()).collect();
    let mut route = rng.pick(&routes).clone();
    let mut sender = *rng.pick(SENDERS);
    (0..count)
        .map(|_| {
            if rng.below(10) < 3 {
                route = rng.pick(&routes).clone();
                sender = *rng.pick(SENDERS);
            }
            let gap_ms = if rng.below(12) == 0 { 1_000 + rng.below(2_500) } else { rng.below(60) };
            Planned { route: route.clone(), sender, gap_ms }
        })
        .collect()
}

#[test]
fn generated_schedules_match_the_model_request_by_request() {
    generated_schedule_matches_the_model_request_by_request_on(&[], 11);
}

/// A second generated schedule, on a lab of its own (side by side with the first).
#[test]
fn generated_schedules_match_the_model_request_by_request_second_seed() {
    generated_schedule_matches_the_model_request_by_request_on(&[], 43);
}

/// The same, unchanged, against Redis Cluster (three primaries, the app on phpredis's RedisCluster).
#[test]
fn on_a_cluster_generated_schedules_match_the_model() {
    generated_schedule_matches_the_model_request_by_request_on(&["--redis", "cluster"], 11);
}

#[test]
fn on_a_cluster_generated_schedules_match_the_model_second_seed() {
    generated_schedule_matches_the_model_request_by_request_on(&["--redis", "cluster"], 43);
}

fn generated_schedule_matches_the_model_request_by_request_on(redis: &[&str], seed: u64) {
    let lab = Lab::start_with("limiter", Some(CONFIG), redis);
    let model = lab.settings.limiter.clone();
    let seen =
        run(&lab, &model, &generated(seed, 70)).unwrap_or_else(|m| panic!("seed {seed}, request {}: {}", m.n, m.what));
    eprintln!("seed {seed}: {seen:?}");
    assert!(seen.rejected >= 5 && seen.blocked > 0 && seen.unlimited > 0, "seed {seed} exercised too little: {seen:?}");
}

#[test]
fn a_burst_reaches_the_limit_then_the_abuse_block_then_a_new_window() {
    a_burst_reaches_the_limit_then_the_abuse_block_then_a_new_window_on(&[]);
}

/// The same, unchanged, against Redis Cluster (three primaries, the app on phpredis's RedisCluster).
#[test]
fn on_a_cluster_a_burst_reaches_the_abuse_block() {
    a_burst_reaches_the_limit_then_the_abuse_block_then_a_new_window_on(&["--redis", "cluster"]);
}

fn a_burst_reaches_the_limit_then_the_abuse_block_then_a_new_window_on(redis: &[&str]) {
    let lab = Lab::start_with("abuse", Some(CONFIG), redis);
    let model = lab.settings.limiter.clone();
    let resched: Route = "POST /api/v2/bookings/9/reschedule".parse().unwrap();
    let bookings: Route = "POST /api/v2/bookings".parse().unwrap();
    let key = Sender::Key("abusive-client-0001");
    let mut plan: Vec<Planned> = (0..12).map(|_| Planned { route: resched.clone(), sender: key, gap_ms: 10 }).collect();
    // Blocked on every limited route, then the block (3 s) runs out.
    plan.push(Planned { route: bookings.clone(), sender: key, gap_ms: 10 });
    plan.push(Planned { route: bookings, sender: key, gap_ms: 3_200 });
    plan.push(Planned { route: resched, sender: Sender::Ip(Ipv4Addr::new(127, 0, 0, 2)), gap_ms: 10 });
    let seen = run(&lab, &model, &plan).unwrap_or_else(|m| panic!("request {}: {}", m.n, m.what));
    assert_eq!(
        (seen.rejected, seen.blocked),
        (10, 4),
        "6 counted rejections start the block, 4 answers come from it: {seen:?}"
    );
    assert_eq!(
        lab.redis(&["EXISTS", &gatewayctl::settings::Settings::defaults().limiter.blocked_key(&identity(key))]),
        "0"
    );
}

#[test]
fn a_model_with_another_limit_disagrees_with_the_lab() {
    let lab = Lab::start("drift", Some(CONFIG));
    let mut wrong = lab.settings.limiter.clone();
    wrong.buckets.iter_mut().find(|b| b.name == "bookings").unwrap().limit += 1;
    let bookings: Route = "POST /api/v2/bookings".parse().unwrap();
    let plan: Vec<Planned> =
        (0..6).map(|_| Planned { route: bookings.clone(), sender: Sender::Key("k-drift-0001"), gap_ms: 5 }).collect();
    let mismatch = run(&lab, &wrong, &plan).expect_err("a changed limit must be caught");
    assert_eq!(mismatch.n, 1, "the first request already shows the other X-RateLimit-Limit: {}", mismatch.what);
}
