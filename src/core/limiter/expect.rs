//! What a prediction holds against one observed answer: the keys the model
//! reads to make it, the parts of an answer it predicts, how far timing
//! alone may move them, and where an observed answer differs. Pure: every
//! command that compares the gateway with the model compares here.

use serde::{Deserialize, Serialize};

use crate::core::limiter::{Identity, LimiterShape, LimiterVerdict, Store};
use crate::core::route::Route;

/// The parts of an answer the model predicts and a harness reads back
/// (status 200 stands for "passed the limiter").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    pub status: u16,
    pub remaining: Option<u64>,
    pub retry_after_s: Option<u64>,
}

/// Where an observed answer differs from the prediction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// A 404, 405 or 5xx the model did not predict: no route answered.
    NotServed,
    /// Refused where allowed was predicted, or the reverse.
    Refusal,
    /// A 500 where none was predicted, or the reverse.
    Thrown,
    Remaining,
    RetryAfter,
}

/// An answer from a route that exists and did not fail (429 included).
pub fn served(status: u16) -> bool {
    !matches!(status, 404 | 405) && status < 500
}

impl LimiterVerdict {
    /// The parts of the answer this verdict predicts.
    pub fn expected(&self) -> Observed {
        Observed { status: self.status, remaining: self.remaining, retry_after_s: self.retry_after_s }
    }

    /// `Retry-After` is whole seconds of a PTTL: within `edge_ms` of a half
    /// second, when the request lands decides the rounding, so one second
    /// either way is the same answer. A difference of wall-clock seconds
    /// (Laravel's throttle) falls on either side of a second boundary the
    /// model cannot place: always one second either way.
    pub fn retry_after_tolerance_s(&self, edge_ms: u64) -> u64 {
        u64::from(self.retry_after_wall_s || self.ttl_ms.is_some_and(|t| (t % 1000).abs_diff(500) < edge_ms))
    }
}

/// Where `observed` differs from `verdict`, with `Retry-After` allowed
/// `tolerance_s` either way. Empty: the gateway answered as predicted.
pub fn differences(verdict: &LimiterVerdict, observed: &Observed, tolerance_s: u64) -> Vec<Difference> {
    let mut out = Vec::new();
    // A 500 matches only where the shape says an entry throws.
    let thrown_as_predicted = verdict.status == 500 && observed.status == 500;
    if !served(observed.status) && !thrown_as_predicted {
        out.push(Difference::NotServed);
    }
    if (verdict.status == 429) != (observed.status == 429) {
        out.push(Difference::Refusal);
    }
    if (verdict.status == 500) != (observed.status == 500) {
        out.push(Difference::Thrown);
    }
    if verdict.remaining != observed.remaining {
        out.push(Difference::Remaining);
    }
    let retry_ok = match (verdict.retry_after_s, observed.retry_after_s) {
        (Some(w), Some(h)) => w.abs_diff(h) <= tolerance_s,
        (w, h) => w == h,
    };
    if !retry_ok {
        out.push(Difference::RetryAfter);
    }
    out
}

impl LimiterShape {
    /// Every Redis key (unprefixed), with the store that holds it, the model
    /// reads to decide `request` from `client` sending from `address`: for
    /// the gateway's limiter the block, the abuse counter and the row's
    /// counter; for Laravel's throttle its counter and `:timer`, shared by
    /// every route with a plain throttle (none when an API-key client's
    /// address is not known). A route without a limiter reads none.
    pub fn keys_read(&self, request: &Route, client: &Identity, address: Option<&str>) -> Vec<(Store, String)> {
        let Some(stack) = self.stack_for(request) else { return Vec::new() };
        let mut out = Vec::new();
        if self.is_limited(request) {
            let row = self.row_for(request).map_or("default", |b| b.name.as_str());
            out.push((Store::Limiter, self.blocked_key(client)));
            out.push((Store::Limiter, self.abuse_key(client)));
            out.push((Store::Limiter, self.counter_key(&self.identity_hash(client), row, request)));
        }
        for (store, key) in self.laravel_keys(stack, client, address) {
            if store == Store::Laravel {
                out.push((store, format!("{key}:timer")));
            }
            out.push((store, key));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keyspace::Keyspace;
    use crate::core::limiter::tests::contract;

    #[test]
    fn an_answer_differs_where_it_differs() {
        let shape = contract();
        let route: Route = "POST /api/v2/bookings".parse().unwrap();
        let v = shape.decide(&mut Keyspace::new(), 0, &route, &Identity::ApiKey("k".into()));
        assert!(differences(&v, &v.expected(), 0).is_empty());
        let refused = Observed { status: 429, ..v.expected() };
        assert_eq!(differences(&v, &refused, 0), [Difference::Refusal]);
        let missing = Observed { status: 404, remaining: None, retry_after_s: None };
        assert_eq!(differences(&v, &missing, 0), [Difference::NotServed, Difference::Remaining]);
    }

    #[test]
    fn the_keys_read_are_the_keys_decide_touches() {
        let shape = contract();
        let client = Identity::ApiKey("k".into());
        for route in ["POST /api/v2/bookings", "POST /api/v2/bookings/1/reschedule", "GET /api/health"] {
            let route: Route = route.parse().unwrap();
            let mut keys = Keyspace::new();
            for _ in 0..200 {
                shape.decide(&mut keys, 0, &route, &client);
            }
            let touched: Vec<String> = keys.snapshot(0).into_keys().collect();
            let read: Vec<String> = shape.keys_read(&route, &client, None).into_iter().map(|(_, k)| k).collect();
            assert!(touched.iter().all(|k| read.contains(k)), "{route}: {touched:?} not all in {read:?}");
        }
    }
}
