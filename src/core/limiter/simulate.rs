//! A request schedule played through the limiter model: what `simulate
//! rate-limit` shows and what `stress` expects before it sends anything.

use crate::core::keyspace::Keyspace;
use crate::core::limiter::{Bucket, Identity, LimiterShape, LimiterVerdict};
use crate::core::route::Route;

/// How many requests, how far apart, and the counter found in Redis first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub requests: u32,
    pub interval_ms: u64,
    /// The counter's value before the first request (0: no key).
    pub start_count: i64,
    /// The counter's remaining TTL; defaults to a fresh window.
    pub start_ttl_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedRequest {
    pub n: u32,
    pub at_ms: u64,
    pub verdict: LimiterVerdict,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    pub route: Route,
    pub bucket: Option<Bucket>,
    pub requests: Vec<SimulatedRequest>,
}

impl Simulation {
    /// Passed every limiter (a 500 included: no limiter refused it).
    pub fn allowed(&self) -> usize {
        self.requests.iter().filter(|r| r.verdict.allowed()).count()
    }

    pub fn rejected(&self) -> usize {
        self.requests.iter().filter(|r| r.verdict.status == 429).count()
    }

    /// Answered 500 because an entry threw.
    pub fn errors(&self) -> usize {
        self.requests.iter().filter(|r| r.verdict.status == 500).count()
    }

    /// The first request whose answer the shape cannot tell, and why.
    pub fn unknown(&self) -> Option<(u32, &str)> {
        self.requests.iter().find_map(|r| r.verdict.unknown.as_deref().map(|why| (r.n, why)))
    }

    pub fn first_rejected(&self) -> Option<u32> {
        self.requests.iter().find(|r| r.verdict.status == 429).map(|r| r.n)
    }
}

/// Plays `schedule` for one identity on `route`, starting at time 0.
pub fn simulate(shape: &LimiterShape, route: &Route, identity: &Identity, schedule: Schedule) -> Simulation {
    let bucket = shape.bucket_for(route).cloned();
    let mut keys = Keyspace::new();
    if let (Some(b), true) = (&bucket, schedule.start_count > 0) {
        // A counter found without a TTL keeps none; a fresh window otherwise.
        let ttl = match shape.window {
            crate::core::limiter::Window::Never => schedule.start_ttl_ms,
            _ => Some(schedule.start_ttl_ms.unwrap_or(b.window_ms)),
        };
        let counter = shape.counter_key(&shape.identity_hash(identity), &b.name, route);
        keys.insert(&counter, schedule.start_count, 0, ttl);
    }
    let requests = (0..schedule.requests)
        .map(|i| {
            let at_ms = u64::from(i) * schedule.interval_ms;
            SimulatedRequest { n: i + 1, at_ms, verdict: shape.decide(&mut keys, at_ms, route, identity) }
        })
        .collect();
    Simulation { route: route.clone(), bucket, requests }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::limiter::tests::contract;

    fn run(route: &str, requests: u32, start_count: i64, start_ttl_ms: Option<u64>) -> Simulation {
        let schedule = Schedule { requests, interval_ms: 500, start_count, start_ttl_ms };
        simulate(&contract(), &route.parse().unwrap(), &Identity::Ip("h".into()), schedule)
    }

    #[test]
    fn the_plan_phase_5a_on_bookings() {
        let sim = run("POST /api/v2/bookings", 35, 0, None);
        assert_eq!((sim.allowed(), sim.rejected(), sim.first_rejected()), (30, 5, Some(31)));
        assert_eq!(sim.requests[30].verdict.retry_after_s, Some(45));
    }

    #[test]
    fn the_plan_phase_5a_as_written_never_limits() {
        let sim = run("GET /api/health", 35, 0, None);
        assert_eq!((sim.allowed(), sim.first_rejected()), (35, None));
        assert!(sim.bucket.is_none());
    }

    #[test]
    fn a_counter_found_in_redis_is_carried_on() {
        let sim = run("POST /api/v2/bookings", 3, 29, Some(10_000));
        let statuses: Vec<_> = sim.requests.iter().map(|r| r.verdict.status).collect();
        assert_eq!(statuses, [200, 429, 429]);
        assert_eq!(sim.requests[1].verdict.retry_after_s, Some(10), "9.5 s left rounds to 10");
    }
}
