//! The one prediction: the shape, Redis, a request, an identity and a time
//! in; the answer the gateway must give out, from every key the shape reads
//! as Redis holds them now. `stress` (sequential and burst), `verify`, the
//! rollback's observation and the probe's expectations ask it; no command
//! calls the model itself, so no two of them can predict differently.

use std::ops::RangeInclusive;

use crate::adapters::redis::{Redis, RedisError, RedisTarget};
use crate::core::keyspace::Keyspace;
use crate::core::limiter::{
    differences, Bucket, Difference, Entry, Identity, LimiterShape, LimiterVerdict, Observed, Store,
};
use crate::core::route::Route;
use crate::settings::Settings;

/// The connections a prediction reads through: where the gateway's own
/// limiter keeps its keys, and Laravel's stores where the shape puts them
/// elsewhere (connected only when a route carries Laravel's throttle), with
/// the address the gateway sees gatewayctl's requests come from.
pub struct Stores {
    pub limiter: Redis,
    limiter_at: RedisTarget,
    /// Each other store the shape reads, where it is, and its connection
    /// when that is not the limiter's.
    others: Vec<(Store, RedisTarget)>,
    connections: Vec<(RedisTarget, Redis)>,
    address: Option<String>,
}

impl Stores {
    /// Connects where `shape` keeps its keys.
    pub async fn connect(settings: &Settings, shape: &LimiterShape) -> Result<Stores, RedisError> {
        let limiter_at = crate::ops::store_target(settings, shape, Store::Limiter);
        let limiter = Redis::connect(&limiter_at).await?;
        let mut stores = Stores::one(limiter, crate::ops::sender_address(settings));
        stores.limiter_at = limiter_at;
        let entries: Vec<&Entry> = shape.stacks.iter().flat_map(|s| &s.entries).collect();
        let redis_of = |e: &&Entry| match e {
            Entry::Throttle { redis, .. } | Entry::Named { redis, .. } => Some(*redis),
            _ => None,
        };
        for (store, redis) in [(Store::Laravel, false), (Store::LaravelRedis, true)] {
            if !entries.iter().any(|e| redis_of(e) == Some(redis)) {
                continue;
            }
            let at = crate::ops::store_target(settings, shape, store);
            if at != stores.limiter_at && !stores.connections.iter().any(|(t, _)| *t == at) {
                stores.connections.push((at.clone(), Redis::connect(&at).await?));
            }
            stores.others.push((store, at));
        }
        Ok(stores)
    }

    /// Every store through one connection, the gateway's requests seen
    /// from `address`: a shape whose stores are one place.
    pub fn one(limiter: Redis, address: Option<String>) -> Stores {
        let limiter_at = limiter.target().clone();
        Stores { limiter, limiter_at, others: Vec::new(), connections: Vec::new(), address }
    }

    fn of(&mut self, store: Store) -> &mut Redis {
        let at = self.others.iter().find(|(s, _)| *s == store).map(|(_, t)| t.clone());
        match at.and_then(|at| self.connections.iter().position(|(t, _)| *t == at)) {
            Some(i) => &mut self.connections[i].1,
            None => &mut self.limiter,
        }
    }

    /// What `name` (unprefixed) holds in `store`, as text: a string's
    /// value, a hash's count; `None` when absent.
    pub async fn value(&mut self, store: Store, name: &str) -> Result<Option<String>, RedisError> {
        let redis = self.of(store);
        match store {
            Store::LaravelRedis => Ok(redis.hash_fields(name, &["count"]).await?.pop().flatten()),
            _ => Ok(redis.get_many(&[name.to_string()]).await?.pop().flatten()),
        }
    }

    /// Whether `name` (unprefixed) exists in `store`.
    pub async fn exists(&mut self, store: Store, name: &str) -> Result<bool, RedisError> {
        Ok(self.of(store).key_type(name).await? != "none")
    }

    /// Deletes `names` (unprefixed) from `store`, by exact name.
    pub async fn delete(&mut self, store: Store, names: &[String]) -> Result<(), RedisError> {
        self.of(store).delete(names).await.map(|_| ())
    }
}

/// The body every request gatewayctl sends to a limited route carries (a
/// day ahead): one, so what a limiter may key on is the same everywhere.
pub fn request_body() -> serde_json::Value {
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    serde_json::json!({"service_id": 1, "date": tomorrow.format("%Y-%m-%d").to_string()})
}

/// One identity's requests to one route, predicted in order from the
/// gateway's keys as they were read.
pub struct Session<'a> {
    shape: &'a LimiterShape,
    request: Route,
    client: Identity,
    address: Option<String>,
    keys: Keyspace,
}

impl<'a> Session<'a> {
    /// Reads every key the shape reads for `request` from `client` (value
    /// and PTTL), placed in the model at t = 0.
    pub async fn start(
        stores: &mut Stores,
        shape: &'a LimiterShape,
        request: &Route,
        client: &Identity,
    ) -> Result<Session<'a>, RedisError> {
        let mut session = Session::fresh(shape, request, client);
        session.address = stores.address.clone();
        session.resync(stores, 0).await?;
        Ok(session)
    }

    /// A session for an identity with no key yet (a fresh window).
    pub fn fresh(shape: &'a LimiterShape, request: &Route, client: &Identity) -> Session<'a> {
        Session::fresh_from(shape, request, client, None)
    }

    /// [`Session::fresh`] for requests sent from `address`.
    pub fn fresh_from(
        shape: &'a LimiterShape,
        request: &Route,
        client: &Identity,
        address: Option<String>,
    ) -> Session<'a> {
        Session { shape, request: request.clone(), client: client.clone(), address, keys: Keyspace::new() }
    }

    /// Every key the prediction reads, with the store that holds it.
    pub fn keys(&self) -> Vec<(Store, String)> {
        self.shape.keys_read(&self.request, &self.client, self.address.as_deref())
    }

    /// Takes the gateway's keys as they are now, at `at_ms` of the session,
    /// each from the store that holds it.
    pub async fn resync(&mut self, stores: &mut Stores, at_ms: u64) -> Result<(), RedisError> {
        let mut keys = Keyspace::new();
        let read = self.shape.keys_read(&self.request, &self.client, self.address.as_deref());
        for store in [Store::Limiter, Store::Laravel] {
            let names: Vec<String> = read.iter().filter(|(s, _)| *s == store).map(|(_, n)| n.clone()).collect();
            let redis = stores.of(store);
            let values = redis.get_many(&names).await?;
            for (name, value) in names.iter().zip(values) {
                if let Some(v) = value.and_then(|v| v.trim().parse::<i64>().ok()) {
                    keys.insert(name, v, at_ms, redis.pttl(name).await?);
                }
            }
        }
        // A DurationLimiter's hash: its count, and its window's end (unix
        // seconds) placed on the session's clock.
        for (_, name) in read.iter().filter(|(s, _)| *s == Store::LaravelRedis) {
            let redis = stores.of(Store::LaravelRedis);
            let fields = redis.hash_fields(name, &["end", "count"]).await?;
            let int = |v: &Option<String>| v.as_deref().and_then(|v| v.trim().parse::<f64>().ok());
            if let (Some(end), Some(count)) = (int(&fields[0]), int(&fields[1])) {
                let pttl = redis.pttl(name).await?;
                let end_ms = at_ms as i64 + (end * 1000.0) as i64 - crate::ops::now_ms() as i64;
                keys.insert(name, count as i64, at_ms, pttl);
                keys.insert(&crate::core::limiter::duration_end_key(name), end_ms.max(0), at_ms, pttl);
            }
        }
        self.keys = keys;
        Ok(())
    }

    /// The answer to the next request, sent at `at_ms`; the model's keys
    /// then hold its effect, as the gateway's do.
    pub fn expect(&mut self, at_ms: u64) -> LimiterVerdict {
        self.shape.decide_from(&mut self.keys, at_ms, &self.request, &self.client, self.address.as_deref())
    }

    /// Within `edge_ms` of a key's expiry, only timing decides the answer.
    pub fn near_expiry(&self, at_ms: u64, edge_ms: u64) -> bool {
        self.keys.expiries().iter().any(|&e| e.abs_diff(at_ms) < edge_ms)
    }

    /// The row the request counts in; `None` when the route has no limiter.
    pub fn bucket(&self) -> Option<&'a Bucket> {
        bucket(self.shape, &self.request)
    }

    /// The route's limiters other than the gateway's own, as written
    /// (Laravel's `throttle:5,1`).
    pub fn others(&self) -> Vec<String> {
        let entries = self.shape.stack_for(&self.request).map(|s| s.entries.as_slice()).unwrap_or_default();
        entries.iter().filter(|e| !matches!(e, Entry::Gateway { .. })).map(Entry::name).collect()
    }

    /// The counter the gateway's limiter counts this request in, unprefixed.
    pub fn counter(&self) -> Option<String> {
        self.bucket().map(|b| self.shape.counter_key(&self.shape.identity_hash(&self.client), &b.name, &self.request))
    }

    /// Every key one request of this client writes for its window: the
    /// counter, and its reset key where the shape keeps one (what a check
    /// deletes by exact name to leave nothing behind).
    pub fn window_keys(&self) -> Vec<String> {
        let Some(counter) = self.counter() else { return Vec::new() };
        let reset = self.shape.reset_key(&counter);
        std::iter::once(counter).chain(reset).collect()
    }

    /// How many of `n` requests sent at once may pass in a fresh window.
    pub fn burst(&self, n: u64) -> RangeInclusive<u64> {
        self.shape.burst_passes(n, self.bucket().map_or(n, |b| b.limit))
    }
}

/// The row `request` counts in; `None` when its route carries no limiter.
pub fn bucket<'s>(shape: &'s LimiterShape, request: &Route) -> Option<&'s Bucket> {
    shape.bucket_for(request)
}

/// Why the shape cannot predict `request`: a limiter on its route it does
/// not model, or a named limiter whose rules it lacks.
pub fn unmodelled(shape: &LimiterShape, request: &Route) -> Option<String> {
    shape.unmodelled(request)
}

/// The parts of an answer the model predicts, as the gateway sent them.
pub fn observed(a: &crate::adapters::http::Exchange) -> Observed {
    Observed {
        status: a.status,
        remaining: a.header_u64("x-ratelimit-remaining"),
        retry_after_s: a.header_u64("retry-after"),
    }
}

/// Where `observed` differs from `verdict`; timing near a rounding edge
/// (`edge_ms`) may move `Retry-After` by a second.
pub fn compare(verdict: &LimiterVerdict, observed: &Observed, edge_ms: u64) -> Vec<Difference> {
    differences(verdict, observed, verdict.retry_after_tolerance_s(edge_ms))
}
