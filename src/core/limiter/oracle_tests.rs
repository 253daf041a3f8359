//! The contract preset against the model it replaced: the limiter before it
//! took a shape, kept here verbatim as the oracle, over random schedules.

use proptest::prelude::*;

use crate::core::keyspace::{ttl_seconds, Keyspace};
use crate::core::limiter::{counter_key, Bucket, Identity, LimiterShape, Verdict};
use crate::core::pattern;
use crate::core::route::Route;

/// The model before the shape: `LimiterConfig::decide` as it was.
struct Oracle {
    routes: Vec<Route>,
    buckets: Vec<Bucket>,
    threshold: i64,
    counter_ttl_ms: u64,
    block_ms: u64,
}

impl Oracle {
    fn bucket_for(&self, request: &Route) -> Option<&Bucket> {
        if !self.routes.iter().any(|r| r.covers(request)) {
            return None;
        }
        let path = request.api_path().unwrap_or(request.laravel_path());
        self.buckets.iter().find(|b| b.paths.iter().any(|p| pattern::matches(p, path))).or_else(|| self.buckets.last())
    }

    fn decide(&self, keys: &mut Keyspace, now_ms: u64, request: &Route, identity_hash: &str) -> Verdict {
        let unlimited = Verdict {
            status: 200,
            bucket: None,
            limit: None,
            remaining: None,
            count: None,
            retry_after_s: None,
            retry_after_signed_ms: None,
            ttl_ms: None,
            reset_at_s: None,
            blocked: false,
            newly_blocked: false,
            error: None,
            unknown: None,
        };
        let Some(bucket) = self.bucket_for(request) else {
            return unlimited;
        };
        let now_s = now_ms / 1000;
        let mut verdict = Verdict { bucket: Some(bucket.name.clone()), limit: Some(bucket.limit), ..unlimited };
        let blocked = format!("abuse:{identity_hash}:blocked");
        if keys.exists(&blocked, now_ms) {
            let pttl = keys.pttl_ms(&blocked, now_ms);
            let ttl = pttl.map(ttl_seconds).unwrap_or(0).max(1);
            return Verdict {
                status: 429,
                remaining: Some(0),
                retry_after_s: Some(ttl),
                ttl_ms: pttl,
                reset_at_s: Some(now_s + ttl),
                blocked: true,
                ..verdict
            };
        }
        let counter = counter_key(identity_hash, &bucket.name);
        let count = keys.incr(&counter, now_ms);
        if count == 1 {
            keys.expire(&counter, now_ms, bucket.window_ms);
        }
        verdict.count = Some(count);
        verdict.remaining = Some(bucket.limit.saturating_sub(count.max(0) as u64));
        if count.max(0) as u64 <= bucket.limit {
            return verdict;
        }
        let pttl = keys.pttl_ms(&counter, now_ms);
        let ttl = pttl.map(ttl_seconds).unwrap_or(0).max(1);
        verdict.status = 429;
        verdict.retry_after_s = Some(ttl);
        verdict.ttl_ms = pttl;
        verdict.reset_at_s = Some(now_s + ttl);
        let abuse = format!("abuse:{identity_hash}");
        let rejections = keys.incr(&abuse, now_ms);
        if rejections == 1 {
            keys.expire(&abuse, now_ms, self.counter_ttl_ms);
        }
        if rejections >= self.threshold {
            keys.set_ex(&blocked, 1, now_ms, self.block_ms);
            verdict.newly_blocked = true;
        }
        verdict
    }
}

const REQUESTS: &[&str] = &[
    "POST /api/v2/bookings",
    "POST /api/v2/bookings/",
    "POST /api/v2/bookings/7/reschedule",
    "POST /api/v2/bookings/8/reschedule",
    "POST /api/v2/availability/simple",
    "POST /api/webhooks/retell",
    "POST /api/webhooks/calcom",
    "GET /api/v2/bookings",
    "GET /api/health",
    "POST /api/retell/collect-appointment",
];

/// A contract config with small numbers, so refusals and blocks happen.
fn configs() -> impl Strategy<Value = (Vec<u64>, Vec<u64>, i64, u64, u64)> {
    (prop::collection::vec(1u64..12, 5), prop::collection::vec(1u64..90, 5), 1i64..8, 1u64..120, 1u64..200)
}

/// (request, sender, gap): gap 0 is a burst, the long ones cross windows.
fn steps() -> impl Strategy<Value = Vec<(usize, usize, u64)>> {
    let gap = prop_oneof![Just(0u64), 0u64..1_500, 0u64..130_000];
    prop::collection::vec((0..REQUESTS.len(), 0usize..3, gap), 1..160)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn the_contract_preset_answers_as_the_model_it_replaced(
        (limits, windows, threshold, counter_ttl_s, block_s) in configs(),
        steps in steps(),
    ) {
        let names = ["reschedule", "bookings", "availability", "webhooks", "default"];
        let paths: [&[&str]; 5] =
            [&["v2/bookings/*/reschedule"], &["v2/bookings", "v2/bookings/*"], &["v2/availability/*"], &["webhooks/*"], &["*"]];
        let buckets: Vec<Bucket> = (0..5)
            .map(|i| Bucket {
                name: names[i].into(),
                paths: paths[i].iter().map(|p| p.to_string()).collect(),
                limit: limits[i],
                window_ms: windows[i] * 1000,
            })
            .collect();
        let routes: Vec<Route> = crate::core::limiter::tests::contract().stacks.iter().map(|s| s.route.clone()).collect();
        let oracle = Oracle {
            routes: routes.clone(),
            buckets: buckets.clone(),
            threshold,
            counter_ttl_ms: counter_ttl_s * 1000,
            block_ms: block_s * 1000,
        };
        let shape = LimiterShape::contract(&routes, buckets, threshold, counter_ttl_s * 1000, block_s * 1000);
        let senders = [Identity::Ip("203.0.113.7".into()), Identity::ApiKey("k-one".into()), Identity::ApiKey("k-two".into())];
        let (mut old_keys, mut new_keys) = (Keyspace::new(), Keyspace::new());
        let mut now = 1_700_000_000_250u64;
        for (n, (request, sender, gap)) in steps.into_iter().enumerate() {
            now += gap;
            let route: Route = REQUESTS[request].parse().unwrap();
            let client = &senders[sender];
            let hash = shape.identity_hash(client);
            let want = oracle.decide(&mut old_keys, now, &route, &hash);
            let got = shape.decide(&mut new_keys, now, &route, client);
            prop_assert_eq!(&got, &want, "request {} ({})", n + 1, route);
        }
        prop_assert_eq!(new_keys.snapshot(now), old_keys.snapshot(now));
    }
}
