//! The gateway's rate limiter: which routes it covers, which row of its table
//! a request falls in, the identity it counts, its Redis keys. Everything that
//! differs between gateways is a dimension of [`LimiterShape`].

mod attach;
mod decide;
mod expect;
pub mod groups;
pub mod named;
mod presets;
mod shape;
#[cfg(test)]
mod shape_tests;
mod simulate;
pub mod stacks;

pub use attach::{alias_table, array_open, class_written, handle_params, AliasEntry, Attachment, Misdirected};
pub use decide::{duration_end_key, Verdict};
pub use expect::{differences, served, Difference, Observed, Store};
pub use presets::{PRESETS, PRESET_ASKPROAI, PRESET_CONTRACT};
pub use shape::{
    Answer, Atomicity, CounterScope, Counts, Decision, Entry, HeaderWinner, IdentityRule, KeyPart, LimiterShape,
    Matching, NamedAnswer, NamedLimit, NamedLimiter, Params, RefusalBody, RetryAfter, Source, Stack, Storage, Window,
};
pub use simulate::{simulate, Schedule, SimulatedRequest, Simulation};

use md5::{Digest, Md5};

use crate::core::route::Route;

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

/// Who the limiter counts: the API key when the request sends one, else the IP.
#[derive(Clone, PartialEq, Eq)]
pub enum Identity {
    ApiKey(String),
    Ip(String),
}

impl Identity {
    /// An empty `X-Api-Key` counts as absent, as the gateway reads it.
    pub fn of(api_key: Option<&str>, ip: &str) -> Self {
        match api_key.filter(|k| !k.is_empty()) {
            Some(key) => Identity::ApiKey(key.to_string()),
            None => Identity::Ip(ip.to_string()),
        }
    }

    /// Parses `ip:1.2.3.4`, or an API key as `key:<k>` or `api:<k>` (the
    /// shape decides which form is hashed).
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(ip) = text.strip_prefix("ip:") {
            return (!ip.is_empty()).then(|| Identity::Ip(ip.to_string()));
        }
        let key = text.strip_prefix("key:").or_else(|| text.strip_prefix("api:"))?;
        (!key.is_empty()).then(|| Identity::ApiKey(key.to_string()))
    }

    /// A form safe to print: an API key keeps only its first and last two chars.
    pub fn masked(&self) -> String {
        match self {
            Identity::Ip(ip) => format!("ip:{ip}"),
            Identity::ApiKey(k) => format!("key:{}", mask_secret(k)),
        }
    }
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A Redis key name safe to print: where it holds a raw identity after
/// `abuse:` or `blocked:` (`abuse:api:<key>`, `blocked:key:<key>`), the
/// API key is masked; session ids too. Hashed names pass unchanged.
pub fn mask_key_name(name: &str) -> String {
    for marker in ["abuse:", "blocked:"] {
        let Some(at) = name.find(marker) else { continue };
        let rest = &name[at + marker.len()..];
        let Some((label, secret)) = rest.split_once(':') else { continue };
        if matches!(label, "api" | "key" | "session") && !secret.is_empty() {
            let (secret, tail) = secret.split_once(':').map_or((secret, ""), |(s, t)| (s, t));
            let tail = if tail.is_empty() { String::new() } else { format!(":{tail}") };
            return format!("{}{label}:{}{tail}", &name[..at + marker.len()], mask_secret(secret));
        }
    }
    name.to_string()
}

/// Masks a secret for display, keeping at most two characters at each end.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 8 {
        return "***".to_string();
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}***{tail}")
}

/// Lowercase hex md5, the gateway's key component.
pub fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The key Laravel's plain `throttle` counts a guest in: `sha1` of the
/// route's domain (none), `|`, and the address the request came from
/// (`ThrottleRequests::resolveRequestSignature`). Its window is the
/// `:timer` key beside it.
pub fn throttle_key(address: &str) -> String {
    sha1::Sha1::digest(format!("|{address}").as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
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

/// `rate_limit:<identity hash>:<scope>`, scope a bucket name or a path's md5.
pub fn counter_key(identity_hash: &str, scope: &str) -> String {
    format!("rate_limit:{identity_hash}:{scope}")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The contract's defaults, built here so core tests need no settings.
    pub fn contract() -> LimiterShape {
        let bucket = |name: &str, paths: &[&str], limit| Bucket {
            name: name.into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            limit,
            window_ms: 60_000,
        };
        let routes: Vec<Route> = [
            "POST /api/v2/availability/simple",
            "POST /api/v2/bookings",
            "POST /api/v2/bookings/*/reschedule",
            "POST /api/webhooks/calcom",
            "POST /api/webhooks/retell",
        ]
        .iter()
        .map(|r| r.parse().unwrap())
        .collect();
        let buckets = vec![
            bucket("reschedule", &["v2/bookings/*/reschedule"], 10),
            bucket("bookings", &["v2/bookings", "v2/bookings/*"], 30),
            bucket("availability", &["v2/availability/*"], 60),
            bucket("webhooks", &["webhooks/*"], 100),
            bucket("default", &["*"], 60),
        ];
        LimiterShape::contract(&routes, buckets, 20, 600_000, 900_000)
    }

    fn bucket_of(route: &str) -> Option<String> {
        contract().bucket_for(&route.parse().unwrap()).map(|b| b.name.clone())
    }

    #[test]
    fn buckets_first_match_wins() {
        assert_eq!(bucket_of("POST /api/v2/bookings/42/reschedule").as_deref(), Some("reschedule"));
        assert_eq!(bucket_of("POST /api/v2/bookings").as_deref(), Some("bookings"));
        assert_eq!(bucket_of("POST /api/v2/availability/simple").as_deref(), Some("availability"));
        assert_eq!(bucket_of("POST /api/webhooks/retell").as_deref(), Some("webhooks"));
    }

    #[test]
    fn health_and_collect_appointment_are_not_limited() {
        assert_eq!(bucket_of("GET /api/health"), None);
        assert_eq!(bucket_of("POST /api/retell/collect-appointment"), None);
        assert_eq!(bucket_of("GET /api/v2/bookings"), None, "only POST is routed");
    }

    #[test]
    fn identity_hash_is_md5_of_the_prefixed_identity() {
        // md5("ip:127.0.0.1"), as the plan computes with md5sum.
        let shape = contract();
        assert_eq!(shape.identity_hash(&Identity::of(None, "127.0.0.1")), "3a96e9c964e5748305804256c31f5bcf");
        assert_eq!(shape.identity_hash(&Identity::of(Some("k1"), "10.0.0.1")), md5_hex("key:k1"));
        let askproai = LimiterShape::askproai_2025_10();
        assert_eq!(askproai.identity_hash(&Identity::of(Some("k1"), "10.0.0.1")), md5_hex("api:k1"));
        assert_eq!(Identity::parse("key:abc"), Some(Identity::ApiKey("abc".into())));
        assert_eq!(Identity::parse("api:abc"), Some(Identity::ApiKey("abc".into())));
        assert_eq!(Identity::parse("ip:"), None);
        assert_eq!(Identity::parse("bogus"), None);
    }

    #[test]
    fn raw_identities_in_key_names_are_masked() {
        let p = "laravel_database_laravel_cache:";
        assert_eq!(mask_key_name(&format!("{p}abuse:api:sk-live-123456")), format!("{p}abuse:api:sk***56"));
        assert_eq!(mask_key_name("blocked:key:secret-key-99"), "blocked:key:se***99");
        assert_eq!(mask_key_name("abuse:0123abcd:blocked"), "abuse:0123abcd:blocked", "hashed: unchanged");
        assert_eq!(mask_key_name("abuse:ip:10.0.0.1"), "abuse:ip:10.0.0.1");
        assert_eq!(mask_key_name("rate_limit:abc:def"), "rate_limit:abc:def");
    }

    #[test]
    fn api_keys_are_masked() {
        let id = Identity::of(Some("test-key-123"), "x");
        assert_eq!(id.masked(), "key:te***23");
        assert!(!format!("{id:?}").contains("test-key-123"));
        assert_eq!(mask_secret("short"), "***");
    }
}
