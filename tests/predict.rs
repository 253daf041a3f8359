//! One prediction (`ops::predict`): for generated shapes, states and
//! requests (a blocked identity among them), what `verify` predicts and
//! what `stress` starts its run from are the same answer, and it is the
//! model's own next answer from the state it wrote to a real Redis: every
//! key the shape reads is loaded, not the counter alone.

use std::time::Duration;

use gatewayctl::adapters::redis::{Redis, RedisTarget};
use gatewayctl::core::keyspace::Keyspace;
use gatewayctl::core::limiter::{
    AbuseKeys, AbuseTrigger, Atomicity, Bucket, CountRule, Counts, Identity, LimiterShape, LimiterVerdict, Window,
};
use gatewayctl::core::route::Route;
use gatewayctl::ops::predict::{Session, Stores};

use crate::harness::RedisServer;
use crate::lab::Rng;

fn routes() -> Vec<Route> {
    [
        "POST /api/v2/bookings",
        "POST /api/v2/bookings/7/reschedule",
        "POST /api/v2/availability/simple",
        "POST /api/webhooks/calcom",
        "GET /api/health",
    ]
    .iter()
    .map(|r| r.parse().unwrap())
    .collect()
}

fn contract(threshold: i64) -> LimiterShape {
    let bucket = |name: &str, paths: &[&str], limit| Bucket {
        name: name.into(),
        paths: paths.iter().map(|p| p.to_string()).collect(),
        limit,
        window_ms: 60_000,
    };
    let limited: Vec<Route> = routes()[..4].to_vec();
    LimiterShape::contract(
        &limited,
        vec![
            bucket("reschedule", &["v2/bookings/*/reschedule"], 4),
            bucket("bookings", &["v2/bookings", "v2/bookings/*"], 6),
            bucket("default", &["*"], 9),
        ],
        threshold,
        3_600_000,
        86_400_000,
    )
}

/// A shape from the two presets and the dimensions that change what is read.
fn shape(rng: &mut Rng) -> LimiterShape {
    let mut s = match rng.below(3) {
        0 => LimiterShape::askproai_2025_10(),
        _ => contract(1 + rng.below(4) as i64),
    };
    if rng.below(2) == 0 {
        s.abuse.keys = AbuseKeys::Raw;
    }
    if rng.below(2) == 0 {
        s.abuse.trigger = AbuseTrigger::OverBeforeIncrement;
    }
    s.abuse.enforced = rng.below(4) != 0;
    if rng.below(3) == 0 {
        (s.decision, s.counts) = (CountRule::ReadThenBelow, Counts::AllowedOnly);
    }
    if s.answer.retry_after == gatewayctl::core::limiter::RetryAfter::CounterTtl {
        s.window = *rng.pick(&[Window::Fixed, Window::Refreshed]);
    }
    s.atomicity = Atomicity::Atomic;
    s
}

/// The parts two predictions must share (the PTTL read back is a few
/// milliseconds under the one written).
fn answer(v: &LimiterVerdict) -> String {
    format!(
        "status {} limit {:?} remaining {:?} retry-after {:?} blocked {} count {:?} bucket {:?}",
        v.status, v.limit, v.remaining, v.retry_after_s, v.blocked, v.count, v.bucket
    )
}

#[test]
fn verify_and_stress_predict_the_same_answer_as_the_model_from_every_key_it_reads() {
    let server = RedisServer::start();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let target = RedisTarget {
        url: server.url(),
        prefix: "p:".into(),
        scan_count: 250,
        timeout: Duration::from_secs(2),
        scan_pause: Duration::ZERO,
        sentinel: None,
        cluster: None,
    };
    let mut rng = Rng::new(43);
    let mut blocked_seen = 0;
    for case in 0..60 {
        let shape = shape(&mut rng);
        let route = rng.pick(&routes()).clone();
        // Laravel's own `throttle` counts by the address the request came
        // from, an API key sent or not (askproai's webhooks).
        let address = format!("10.0.0.{case}");
        let client = match rng.below(2) {
            0 => Identity::ApiKey(format!("key-{case}")),
            _ => Identity::Ip(address.clone()),
        };
        // The state: what n requests at t = 0 leave behind, as the gateway would write it.
        let mut model = Keyspace::new();
        for _ in 0..rng.below(40) {
            shape.decide_from(&mut model, 0, &route, &client, Some(&address));
        }
        server.cli(&["FLUSHALL"]);
        for (key, value) in model.snapshot(0) {
            let full = format!("p:{key}");
            match model.pttl_ms(&key, 0) {
                Some(ms) => server.cli(&["SET", &full, &value.to_string(), "PX", &ms.to_string()]),
                None => server.cli(&["SET", &full, &value.to_string()]),
            };
        }
        let redis = rt.block_on(Redis::connect(&target)).unwrap();
        let mut stores = Stores::one(redis, Some(address.clone()));
        let want = shape.decide_from(&mut model.clone(), 0, &route, &client, Some(&address));
        blocked_seen += usize::from(want.blocked);
        let verify = rt.block_on(gatewayctl::ops::verify::predict(&shape, &mut stores, &route, &client)).unwrap();
        let stress = rt.block_on(Session::start(&mut stores, &shape, &route, &client)).unwrap().expect(0);
        let shown = format!("case {case}: {} {route} {client:?}", shape.name);
        assert_eq!(answer(&verify), answer(&want), "{shown}: verify");
        assert_eq!(answer(&stress), answer(&want), "{shown}: stress");
    }
    assert!(blocked_seen > 0, "the cases hold a blocked identity");
}
