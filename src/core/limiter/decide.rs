//! One request through the limiter: the same steps, in the same order, as the
//! gateway's middleware and its Lua script, applied to a modelled keyspace.

use crate::core::keyspace::{ttl_seconds, Keyspace};
use crate::core::limiter::{abuse_key, blocked_key, counter_key, LimiterConfig};
use crate::core::route::Route;

/// What the gateway must answer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// 200 stands for "passed to the controller" (the limiter adds no status).
    pub status: u16,
    /// `None` when the route carries no limiter: then no header is sent.
    pub bucket: Option<String>,
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// The counter after this request (`None` when the counters were not touched).
    pub count: Option<i64>,
    pub retry_after_s: Option<u64>,
    /// The PTTL behind `retry_after_s`, in milliseconds: how close the answer
    /// is to a rounding edge (a harness keeps requests off those edges).
    pub ttl_ms: Option<u64>,
    /// `X-RateLimit-Reset`, unix seconds, on a 429.
    pub reset_at_s: Option<u64>,
    /// Answered by the abuse block, counters untouched.
    pub blocked: bool,
    /// This rejection started a block (`Abusive client blocked` is logged).
    pub newly_blocked: bool,
}

impl Verdict {
    fn unlimited() -> Self {
        Verdict {
            status: 200,
            bucket: None,
            limit: None,
            remaining: None,
            count: None,
            retry_after_s: None,
            ttl_ms: None,
            reset_at_s: None,
            blocked: false,
            newly_blocked: false,
        }
    }

    pub fn allowed(&self) -> bool {
        self.status != 429
    }
}

impl LimiterConfig {
    /// Decides one request at `now_ms` (unix milliseconds, or any fixed origin)
    /// and applies its effect to `keys`, exactly as the gateway does to Redis.
    pub fn decide(&self, keys: &mut Keyspace, now_ms: u64, request: &Route, identity_hash: &str) -> Verdict {
        let Some(bucket) = self.bucket_for(request) else {
            return Verdict::unlimited();
        };
        let now_s = now_ms / 1000;
        let mut verdict =
            Verdict { bucket: Some(bucket.name.clone()), limit: Some(bucket.limit), ..Verdict::unlimited() };

        let blocked = blocked_key(identity_hash);
        if keys.exists(&blocked, now_ms) {
            let pttl = keys.pttl_ms(&blocked, now_ms);
            let ttl = retry_after(pttl);
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
        let ttl = retry_after(pttl);
        verdict.status = 429;
        verdict.retry_after_s = Some(ttl);
        verdict.ttl_ms = pttl;
        verdict.reset_at_s = Some(now_s + ttl);
        verdict.newly_blocked = self.count_rejection(keys, now_ms, identity_hash);
        verdict
    }

    /// Counts a rejection toward the abuse block; true when it starts a block.
    fn count_rejection(&self, keys: &mut Keyspace, now_ms: u64, identity_hash: &str) -> bool {
        let abuse = abuse_key(identity_hash);
        let rejections = keys.incr(&abuse, now_ms);
        if rejections == 1 {
            keys.expire(&abuse, now_ms, self.abuse.counter_ttl_ms);
        }
        if rejections < self.abuse.threshold {
            return false;
        }
        keys.set_ex(&blocked_key(identity_hash), 1, now_ms, self.abuse.block_ms);
        true
    }
}

/// `Retry-After`: the key's TTL as Redis reports it, never less than 1.
fn retry_after(pttl_ms: Option<u64>) -> u64 {
    pttl_ms.map(ttl_seconds).unwrap_or(0).max(1)
}

#[cfg(test)]
mod tests {
    use crate::core::keyspace::Keyspace;
    use crate::core::limiter::tests::contract;
    use crate::core::limiter::{blocked_key, counter_key, Identity};
    use crate::core::route::Route;
    use proptest::prelude::*;

    fn bookings() -> Route {
        "POST /api/v2/bookings".parse().unwrap()
    }

    #[test]
    fn thirty_one_bookings_at_half_second_intervals() {
        let cfg = contract();
        let id = Identity::of(None, "127.0.0.1").hash();
        let mut keys = Keyspace::new();
        let verdicts: Vec<_> = (0..31).map(|i| cfg.decide(&mut keys, i * 500, &bookings(), &id)).collect();
        assert!(verdicts[..30].iter().all(|v| v.status == 200));
        assert_eq!(verdicts[0].remaining, Some(29));
        assert_eq!(verdicts[29].remaining, Some(0));
        let last = &verdicts[30];
        assert_eq!((last.status, last.remaining, last.retry_after_s), (429, Some(0), Some(45)));
        assert_eq!(last.reset_at_s, Some(15 + 45));
        assert_eq!(keys.get(&counter_key(&id, "bookings"), 15_000).unwrap().value, 31, "rejections are counted");
    }

    #[test]
    fn window_starts_at_first_request_not_on_the_clock() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let resched: Route = "POST /api/v2/bookings/7/reschedule".parse().unwrap();
        let t0 = 1_700_000_037_250; // mid-second, mid-minute
        for i in 0..10 {
            assert_eq!(cfg.decide(&mut keys, t0 + i, &resched, "h").status, 200);
        }
        assert_eq!(cfg.decide(&mut keys, t0 + 60_000, &resched, "h").status, 429, "still inside the window");
        assert_eq!(cfg.decide(&mut keys, t0 + 60_001, &resched, "h").status, 200, "a new window");
    }

    #[test]
    fn abuse_block_answers_without_touching_counters() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let resched: Route = "POST /api/v2/bookings/7/reschedule".parse().unwrap();
        let verdicts: Vec<_> = (0..31).map(|i| cfg.decide(&mut keys, i, &resched, "h")).collect();
        let first_block = verdicts.iter().position(|v| v.newly_blocked).unwrap();
        assert_eq!(first_block, 10 + 19, "the 20th rejection blocks");
        let after = &verdicts[30];
        assert!(after.blocked);
        assert_eq!((after.status, after.remaining, after.retry_after_s), (429, Some(0), Some(900)));
        assert_eq!(
            keys.get(&counter_key("h", "reschedule"), 30).unwrap().value,
            30,
            "the blocked request is not counted"
        );
        assert!(keys.exists(&blocked_key("h"), 30));
        let other = cfg.decide(&mut keys, 31, &bookings(), "h");
        assert!(other.blocked, "a block covers every limited route");
    }

    #[test]
    fn unlimited_routes_touch_nothing() {
        let cfg = contract();
        let mut keys = Keyspace::new();
        let health: Route = "GET /api/health".parse().unwrap();
        for i in 0..100 {
            let v = cfg.decide(&mut keys, i, &health, "h");
            assert_eq!((v.status, v.limit, v.remaining), (200, None, None));
        }
        assert!(keys.snapshot(100).is_empty());
    }

    proptest! {
        /// Within one window exactly `limit` requests pass, whatever the spacing.
        #[test]
        fn exactly_limit_pass_in_one_window(gaps in prop::collection::vec(0u64..1_500, 1..120)) {
            let cfg = contract();
            let mut keys = Keyspace::new();
            let mut now = 0;
            let mut passed = 0;
            let mut last_remaining = u64::MAX;
            for gap in gaps {
                now += gap;
                if now > 60_000 { break; }
                let v = cfg.decide(&mut keys, now, &bookings(), "h");
                if v.allowed() { passed += 1; }
                let remaining = v.remaining.unwrap();
                prop_assert!(remaining <= last_remaining, "remaining never grows within a window");
                last_remaining = remaining;
                let max_retry = if v.blocked || v.newly_blocked { 900 } else { 60 };
                if let Some(retry) = v.retry_after_s { prop_assert!((1..=max_retry).contains(&retry), "{v:?}"); }
            }
            prop_assert!(passed <= 30);
        }

        /// Identities never share counters.
        #[test]
        fn identities_are_independent(a in 0u32..50, b in 0u32..50) {
            let cfg = contract();
            let mut keys = Keyspace::new();
            for i in 0..a { cfg.decide(&mut keys, i as u64, &bookings(), "a"); }
            let v = cfg.decide(&mut keys, 100, &bookings(), "b");
            prop_assert_eq!(v.remaining, Some(29));
            let _ = b;
        }
    }
}
