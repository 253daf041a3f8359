//! The shape of a gateway's rate limiter, as a value: every way two limiters
//! that both say "30 per minute" can answer differently. The model decides
//! from a shape and never asks which gateway it is; `contract` and
//! `askproai-2025-10` are two values of it.

use crate::core::limiter::identity::{counter_key, md5_hex, Identity};
use crate::core::limiter::{Attachment, Params};
use crate::core::pattern;
use crate::core::route::Route;

/// Where an identity can come from, in the gateway's order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    User,
    ApiKey,
    Session,
    Ip,
}

named!(Source { User => "user", ApiKey => "api-key", Session => "session", Ip => "ip" });
named!(CounterScope { Bucket => "bucket", Path => "path" });
named!(Counts { Every => "every", AllowedOnly => "allowed" });
named!(Window { Fixed => "fixed", Refreshed => "refreshed", Never => "never" });
named!(CountRule { IncrementThenAtMost => "increment-then-at-most", ReadThenBelow => "read-then-below" });
named!(Atomicity { Atomic => "atomic", ReadThenIncrement => "read-then-increment" });
named!(Matching { StrIsAfterApi => "str-is", Anchored => "anchored" });
named!(Params { Whole => "whole", FirstOnly => "first-only", Ignored => "ignored" });
named!(RetryAfter { CounterTtl => "ttl", ResetKeyCarbon2 => "carbon2", ResetKeyCarbon3 => "carbon3" });
named!(HeaderWinner { Outer => "outer", Inner => "inner" });
named!(RefusalBody { Short => "short", Envelope => "envelope" });
named!(AbuseKeys { Hashed => "hashed", Raw => "raw" });
named!(AbuseTrigger { AtLeastAfterIncrement => "at-least", OverBeforeIncrement => "over-before" });

/// Who a request counts as, and the string whose md5 names its counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityRule {
    /// Tried in order; the first the request carries is its identity.
    pub sources: Vec<Source>,
    /// What precedes an API key in the hashed string: `key` (`key:<k>`) or `api`.
    pub api_key_label: String,
}

/// What a counter is per, besides the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterScope {
    /// `rate_limit:<md5(identity)>:<bucket name>`: one counter per table row.
    Bucket,
    /// `rate_limit:<md5(identity)>:<md5(request path)>`: one per concrete
    /// path, so `/bookings/1/…` and `/bookings/2/…` count apart.
    Path,
}

/// Where the keys live in Redis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    /// The Redis database; `None`: the one `[redis] url` names.
    pub database: Option<u32>,
    /// The client prefix (phpredis `options.prefix`); `None`: `[redis] prefix`.
    pub client_prefix: Option<String>,
    /// The cache store's prefix, after the client prefix (with its separator).
    pub cache_prefix: String,
}

impl Storage {
    /// A key's full name in Redis: client prefix (or `[redis] prefix`), then
    /// the cache prefix.
    pub fn stored_name(&self, redis_prefix: &str, key: &str) -> String {
        let client = self.client_prefix.as_deref().unwrap_or(redis_prefix);
        format!("{client}{}{key}", self.cache_prefix)
    }
}

/// Which requests move the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    Every,
    AllowedOnly,
}

/// When a counter's key expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Set once, at the first hit: a fixed window from it.
    Fixed,
    /// Set again on every allowed hit: a steady client's window never ends.
    Refreshed,
    /// Never: a client that reaches the limit is refused there for good.
    Never,
}

/// How a request is judged against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRule {
    /// `INCR`, then allowed when `count <= limit`.
    IncrementThenAtMost,
    /// `GET`, then allowed when `count < limit` (and only then `INCR`).
    ReadThenBelow,
}

/// Whether the check and the count are one step for concurrent requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Atomicity {
    /// One script or one INCR: a burst never passes more than the limit.
    Atomic,
    /// GET then INCR: concurrent requests at `limit - 1` may all pass.
    ReadThenIncrement,
}

/// How a table pattern is held against a request's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Laravel's `Str::is` on the path after `/api/`; `*` crosses slashes.
    StrIsAfterApi,
    /// The whole path, anchored; `*` is one segment (`[^/]*`).
    Anchored,
}

/// The form of `Retry-After` and `X-RateLimit-Reset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// The counter's TTL as Redis reports it, at least 1; the reset header on
    /// a refusal only.
    CounterTtl,
    /// A separate `<counter>:reset` key holds the window's end; `Retry-After`
    /// is Carbon 2's `diffInSeconds`: whole seconds, never negative. The
    /// reset header is on every answer.
    ResetKeyCarbon2,
    /// As `ResetKeyCarbon2`, with Carbon 3's `diffInSeconds(now())`: signed
    /// and fractional, negative while the window runs (`-41.73`).
    ResetKeyCarbon3,
}

/// When two limiters on one route both set their headers, whose stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderWinner {
    /// The outer entry sets its headers after the inner one returned.
    Outer,
    Inner,
}

/// The 429's JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalBody {
    /// `{"error":"rate_limit_exceeded","retry_after":<s>}`.
    Short,
    /// `{"success":false,"status_code":429,"message":…,"error":…,"retry_after":…}`.
    Envelope,
}

/// What a 429 looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefusalForm {
    pub retry_after: RetryAfter,
    pub headers: HeaderWinner,
    pub body: RefusalBody,
}

/// One limiter in a route's middleware stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The gateway's own limiter (`api.rate-limit`, or with `:N,M`). All
    /// such entries of a request share one counter.
    Gateway { params: Option<String> },
    /// Laravel's `throttle:N,M`: its own counter per client address (a
    /// guest's key is `sha1("|" . ip)`, in the cache store), shared by every
    /// route with a plain `throttle`; refusals are not counted; a fixed
    /// window from the first hit, kept by a `:timer` key. `redis`:
    /// `ThrottleRequestsWithRedis`, which counts as [`Entry::Named`] says.
    Throttle { max: u64, decay_s: u64, redis: bool },
    /// Laravel's `throttle:<name>`: a limiter the app registered with
    /// `RateLimiter::for`, whose rules are the shape's `named` table.
    /// `redis`: `ThrottleRequestsWithRedis`, whose `DurationLimiter` keeps
    /// each key as a hash on Redis itself (not the cache store), counts
    /// refusals too, and opens a new window once the last one ended.
    Named { name: String, redis: bool },
    /// A limiter the shape does not model: past it, the answer is unknown.
    Opaque { name: String },
}

/// A part of a named limit's key, as the app's callback builds it from a
/// request (`Limit::perMinute(10)->by('ip:' . $request->ip())`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPart {
    Text(String),
    /// The address the request came from.
    Address,
    /// The `X-Api-Key` the request sent.
    ApiKey,
}

/// One `Limit` a named limiter gives gatewayctl's requests (a guest's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLimit {
    pub max: u64,
    pub decay_s: u64,
    /// The key for a request that sends an API key; `None`: the callback's
    /// key for one could not be told from what it read.
    pub key_with_api_key: Option<Vec<KeyPart>>,
    /// The key for a request that sends none.
    pub key_without: Option<Vec<KeyPart>>,
    /// The limit answers a refusal with its own response (`->response()`).
    pub own_response: bool,
}

/// What a named limiter answers gatewayctl's requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedAnswer {
    /// Each counted in turn; the first one spent refuses.
    Limits(Vec<NamedLimit>),
    /// `Limit::none()`.
    Unlimited,
    /// Its answer could not be read or modelled: why.
    Unknown(String),
}

/// A limiter the app registered by name, as read from the app itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLimiter {
    pub name: String,
    pub answer: NamedAnswer,
}

impl Entry {
    /// Laravel's own limiter (`throttle`, plain or named), counting in its cache store.
    pub fn is_laravels(&self) -> bool {
        matches!(self, Entry::Throttle { .. } | Entry::Named { .. })
    }

    /// As written in a route's middleware list.
    pub fn name(&self) -> String {
        match self {
            Entry::Gateway { params: None } => "api.rate-limit".into(),
            Entry::Gateway { params: Some(p) } => format!("api.rate-limit:{p}"),
            Entry::Throttle { max, decay_s, .. } => format!("throttle:{max},{}", decay_s / 60),
            Entry::Named { name, .. } => format!("throttle:{name}"),
            Entry::Opaque { name } => name.clone(),
        }
    }
}

/// The limiter entries of the routes one pattern covers, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack {
    pub route: Route,
    pub entries: Vec<Entry>,
}

/// The whole shape. Built by a preset, changed by overrides, then checked
/// once with [`LimiterShape::problems`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimiterShape {
    /// The preset it came from, with `+ overrides` when any dimension changed.
    pub name: String,
    pub identity: IdentityRule,
    pub counter: CounterScope,
    /// Where the gateway's own limiter keeps its keys.
    pub storage: Storage,
    /// Where Laravel's cache store keeps its keys, which its own `throttle`
    /// counts in; `None`: where `storage` says (a limiter that counts
    /// through the cache store). An app at hand says where its store is.
    pub laravel_store: Option<Storage>,
    /// Where Laravel's default Redis connection keeps its keys, which
    /// `ThrottleRequestsWithRedis` counts in (no cache prefix).
    pub laravel_redis: Storage,
    pub counts: Counts,
    pub window: Window,
    pub decision: CountRule,
    pub atomicity: Atomicity,
    pub abuse: AbusePolicy,
    /// The limit table, tried in order; the last row is the default.
    pub buckets: Vec<Bucket>,
    pub matching: Matching,
    pub params: Params,
    /// The names the gateway's own limiter answers to: alias and class.
    pub attachment: Attachment,
    /// Tried in order, first match wins; a route none covers is unlimited.
    pub stacks: Vec<Stack>,
    /// Laravel's named limiters (`RateLimiter::for`) as the app answers
    /// gatewayctl's requests; read from the app, empty without one.
    pub named: Vec<NamedLimiter>,
    /// Where the stacks came from (a preset, the config, an app's route list).
    pub stacks_source: String,
    pub answer: RefusalForm,
}

impl LimiterShape {
    /// Every impossible combination, one line each; empty when the shape can be.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.identity.sources.last() != Some(&Source::Ip) {
            out.push((
                "identity",
                "must end with \"ip\": every request has an address, so it is the last resort".into(),
            ));
        }
        let label = &self.identity.api_key_label;
        if label.is_empty() || label.contains([':', ' ']) {
            out.push(("api_key_label", "must be a word without ':' or spaces (key, api)".into()));
        }
        if self.decision == CountRule::IncrementThenAtMost && self.counts == Counts::AllowedOnly {
            out.push((
                "counts",
                "\"allowed\" cannot go with decision = \"increment-then-at-most\": that limiter counts before it decides"
                    .into(),
            ));
        }
        if self.window == Window::Never && self.answer.retry_after == RetryAfter::CounterTtl {
            out.push((
                "retry_after",
                "\"ttl\" needs a counter that expires; with window = \"never\" the TTL is -1: use \"carbon2\" or \"carbon3\""
                    .into(),
            ));
        }
        let names = self.attachment.all();
        if names.is_empty() || names.iter().any(|n| n.is_empty() || n.contains(':')) {
            out.push(("middleware", "names the limiter's alias or class, without ':' or parameters".into()));
        }
        if self.buckets.is_empty() {
            out.push(("buckets", "the limit table needs at least its default row".into()));
        }
        out
    }

    /// How many of `n` requests sent at once may pass with `remaining` left
    /// in the window: exactly `min(n, remaining)` when check and count are
    /// one step; up to all `n` when they are not (how many the race lets
    /// through depends on the server's concurrency, not on the shape).
    pub fn burst_passes(&self, n: u64, remaining: u64) -> std::ops::RangeInclusive<u64> {
        let sure = n.min(remaining);
        match self.atomicity {
            Atomicity::Atomic => sure..=sure,
            Atomicity::ReadThenIncrement if remaining == 0 => 0..=0,
            Atomicity::ReadThenIncrement => sure..=n,
        }
    }

    /// The stack of the first pattern that covers `request`.
    pub fn stack_for(&self, request: &Route) -> Option<&Stack> {
        self.stacks.iter().find(|s| s.route.covers(request))
    }

    /// The key beside `counter` that holds its window's end, on a shape
    /// that keeps one (`Retry-After` from a reset key).
    pub fn reset_key(&self, counter: &str) -> Option<String> {
        match self.answer.retry_after {
            RetryAfter::CounterTtl => None,
            RetryAfter::ResetKeyCarbon2 | RetryAfter::ResetKeyCarbon3 => Some(format!("{counter}:reset")),
        }
    }

    /// Some route carries Laravel's own limiter, which counts in its cache store.
    pub fn uses_laravels_limiter(&self) -> bool {
        self.stacks.iter().any(|s| s.entries.iter().any(Entry::is_laravels))
    }

    /// Why the model cannot say what `request` gets: an entry of its stack
    /// the shape does not model, or a named limiter whose rules it lacks.
    pub fn unmodelled(&self, request: &Route) -> Option<String> {
        self.stack_for(request)?.entries.iter().find_map(|e| match e {
            Entry::Opaque { name } => Some(format!("{name} is a limiter the shape does not model")),
            Entry::Named { name, .. } => match self.named.iter().find(|n| &n.name == name).map(|n| &n.answer) {
                None => Some(format!("throttle:{name} is a named limiter whose rules were not read from the app")),
                Some(NamedAnswer::Unknown(why)) => Some(format!("throttle:{name}: {why}")),
                Some(_) => None,
            },
            _ => None,
        })
    }

    pub fn is_limited(&self, request: &Route) -> bool {
        self.stack_for(request).is_some_and(|s| s.entries.iter().any(|e| matches!(e, Entry::Gateway { .. })))
    }

    /// The table row the gateway's limiter picks for `request` when no
    /// parameters name a limit; `None` when the route has no gateway entry.
    pub fn bucket_for(&self, request: &Route) -> Option<&Bucket> {
        if !self.is_limited(request) {
            return None;
        }
        self.row_for(request)
    }

    /// First match in table order; the last row is the default.
    pub fn row_for(&self, request: &Route) -> Option<&Bucket> {
        let (default, rows) = self.buckets.split_last()?;
        rows.iter().find(|b| b.paths.iter().any(|p| self.row_matches_route(p, request))).or(Some(default))
    }

    /// Does table pattern `row` match `request`, as this shape matches?
    pub fn row_matches_route(&self, row: &str, request: &Route) -> bool {
        let path = match self.matching {
            Matching::StrIsAfterApi => request.api_path().unwrap_or(request.laravel_path()),
            Matching::Anchored => request.laravel_path(),
        };
        self.row_matches(row, path)
    }

    /// Does table pattern `row` match `path` under this shape's wildcard rule?
    pub fn row_matches(&self, row: &str, path: &str) -> bool {
        match self.matching {
            Matching::StrIsAfterApi => pattern::matches(row, path),
            Matching::Anchored => pattern::matches_in_segment(row, path),
        }
    }
}

/// One row of the limit table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    /// Patterns, read as the shape's [`Matching`] says.
    pub paths: Vec<String>,
    pub limit: u64,
    pub window_ms: u64,
}

/// A key the limiter writes, named for a client written `KEY`
/// ([`LimiterShape::key_names`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyName {
    /// counter, window end, abuse counter, block.
    pub role: String,
    /// Unprefixed.
    pub name: String,
    /// How long it lives, as the shape sets it.
    pub ttl: String,
    /// The counter's limit.
    pub limit: Option<u64>,
}

/// How the abuse counter and block keys are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbuseKeys {
    /// `abuse:<md5(identity)>` and `abuse:<md5(identity)>:blocked`.
    Hashed,
    /// `abuse:<identity>` and `blocked:<identity>`: an API key in clear in
    /// the key's name.
    Raw,
}

/// When refusals start a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbuseTrigger {
    /// `INCR`, then block when the new count reaches the threshold; the
    /// counter's TTL is set at the first refusal.
    AtLeastAfterIncrement,
    /// Read, `INCR`, then block when the count read first was over the
    /// threshold; the TTL (when it takes) is set again on every refusal.
    OverBeforeIncrement,
}

/// "Intelligent throttling": rejections that keep coming block the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbusePolicy {
    pub threshold: i64,
    /// `None`: the abuse counter never expires.
    pub counter_ttl_ms: Option<u64>,
    pub block_ms: u64,
    pub keys: AbuseKeys,
    pub trigger: AbuseTrigger,
    /// Whether a block is read before counting; a block nothing reads
    /// answers nothing.
    pub enforced: bool,
}

/// Which store holds a key the model reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Store {
    /// Where the gateway's own limiter keeps its keys.
    Limiter,
    /// Laravel's cache store, where its `throttle` counts.
    Laravel,
    /// Laravel's default Redis connection, where `ThrottleRequestsWithRedis`
    /// keeps each key as a hash (`start`, `end`, `count`).
    LaravelRedis,
}

impl LimiterShape {
    /// The string the gateway hashes for `identity` (`key:<k>`, `api:<k>`, `ip:<a>`).
    pub fn identity_string(&self, identity: &Identity) -> String {
        match identity {
            Identity::ApiKey(k) => format!("{}:{k}", self.identity.api_key_label),
            Identity::Ip(ip) => format!("ip:{ip}"),
        }
    }

    /// `md5(identity string)`: the identity's part of every counter key.
    pub fn identity_hash(&self, identity: &Identity) -> String {
        md5_hex(&self.identity_string(identity))
    }

    /// The identity a request with this API key (empty counts as absent) and
    /// address counts as, the first source in the shape's order it carries.
    /// gatewayctl's requests carry no user and no session.
    pub fn identify(&self, api_key: Option<&str>, ip: &str) -> Identity {
        let key = api_key.filter(|k| !k.is_empty());
        for source in &self.identity.sources {
            match (source, key) {
                (Source::ApiKey, Some(k)) => return Identity::ApiKey(k.to_string()),
                (Source::Ip, _) => break,
                _ => {}
            }
        }
        Identity::Ip(ip.to_string())
    }

    /// The counter's name (without prefixes) for `identity_hash` on `request`,
    /// in `bucket` (the row the route's first gateway entry counts in).
    pub fn counter_key(&self, identity_hash: &str, bucket: &str, request: &Route) -> String {
        match self.counter {
            CounterScope::Bucket => counter_key(identity_hash, bucket),
            CounterScope::Path => counter_key(identity_hash, &md5_hex(request.laravel_path())),
        }
    }

    pub fn abuse_key(&self, identity: &Identity) -> String {
        self.abuse_names(&self.identity_hash(identity), &self.identity_string(identity)).0
    }

    pub fn blocked_key(&self, identity: &Identity) -> String {
        self.abuse_names(&self.identity_hash(identity), &self.identity_string(identity)).1
    }

    /// The abuse counter's and the block's names, from the identity's hash
    /// and its string as the shape writes one or the other.
    fn abuse_names(&self, hash: &str, string: &str) -> (String, String) {
        match self.abuse.keys {
            AbuseKeys::Hashed => (format!("abuse:{hash}"), format!("abuse:{hash}:blocked")),
            AbuseKeys::Raw => (format!("abuse:{string}"), format!("blocked:{string}")),
        }
    }

    /// The names (unprefixed) of the keys a client's requests to `request`
    /// write, the client written `KEY` (its API key): the counter, its reset
    /// key where the shape keeps one, and the abuse counter and block that
    /// refusals write. What a dry run shows before anything is sent.
    pub fn key_names(&self, request: &Route) -> Vec<KeyName> {
        let string = self.identity_string(&Identity::ApiKey("KEY".into()));
        let hash = format!("<md5 of {string}>");
        let time = |ms: u64| crate::core::duration::format(std::time::Duration::from_millis(ms));
        let mut names = Vec::new();
        if let Some(bucket) = self.bucket_for(request) {
            let counter = self.counter_key(&hash, &bucket.name, request);
            let ttl = match self.window {
                Window::Fixed => format!("{} from the first request", time(bucket.window_ms)),
                Window::Refreshed => format!("{}, set again on every allowed request", time(bucket.window_ms)),
                Window::Never => "never expires".to_string(),
            };
            let reset = self.reset_key(&counter);
            names.push(KeyName { role: "counter".into(), name: counter, ttl: ttl.clone(), limit: Some(bucket.limit) });
            names.extend(reset.map(|name| KeyName { role: "window end".into(), name, ttl, limit: None }));
        }
        let (abuse, blocked) = self.abuse_names(&hash, &string);
        let abuse_ttl = self.abuse.counter_ttl_ms.map_or("never expires".to_string(), time);
        names.push(KeyName { role: "abuse counter".into(), name: abuse, ttl: abuse_ttl, limit: None });
        let enforced = if self.abuse.enforced { "" } else { " (nothing reads it)" };
        names.push(KeyName {
            role: "block".into(),
            name: blocked,
            ttl: format!("{}{enforced}", time(self.abuse.block_ms)),
            limit: None,
        });
        names
    }

    /// A key's full name in Redis: client prefix (or `[redis] prefix`), then
    /// the cache prefix.
    pub fn stored_name(&self, redis_prefix: &str, key: &str) -> String {
        self.storage.stored_name(redis_prefix, key)
    }

    /// Where the keys of `store` live.
    pub fn storage_of(&self, store: Store) -> &Storage {
        match store {
            Store::Limiter => &self.storage,
            Store::Laravel => self.laravel_store.as_ref().unwrap_or(&self.storage),
            Store::LaravelRedis => &self.laravel_redis,
        }
    }
}
