//! The gateway's `RateLimitMiddleware` (contract §3): which routes it covers,
//! which bucket a request falls in, the identity it counts, its Redis keys.

mod decide;
mod simulate;

pub use decide::Verdict;
pub use simulate::{simulate, Schedule, SimulatedRequest, Simulation};

use md5::{Digest, Md5};

use crate::core::pattern;
use crate::core::route::Route;

/// One row of the plan's rate-limit table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    /// Laravel `Str::is` patterns on the path after `/api/`.
    pub paths: Vec<String>,
    pub limit: u64,
    pub window_ms: u64,
}

/// "Intelligent throttling": rejections that keep coming block the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbusePolicy {
    /// Rejections (within `counter_ttl_ms` of the first) that trigger a block.
    pub threshold: i64,
    pub counter_ttl_ms: u64,
    pub block_ms: u64,
}

/// Everything the limiter needs to decide: covered routes, buckets, abuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimiterConfig {
    /// Routes that carry the `api.rate-limit` middleware; others pass untouched.
    pub routes: Vec<Route>,
    /// Checked in order, first match wins.
    pub buckets: Vec<Bucket>,
    pub abuse: AbusePolicy,
}

impl LimiterConfig {
    pub fn is_limited(&self, request: &Route) -> bool {
        self.routes.iter().any(|r| r.covers(request))
    }

    /// The bucket for a limited request; `None` when the route has no limiter.
    /// A limited route that matches no row falls in the last (default) bucket.
    pub fn bucket_for(&self, request: &Route) -> Option<&Bucket> {
        if !self.is_limited(request) {
            return None;
        }
        let path = request.api_path().unwrap_or(request.laravel_path());
        self.buckets.iter().find(|b| b.paths.iter().any(|p| pattern::matches(p, path))).or_else(|| self.buckets.last())
    }
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

    /// Parses `ip:1.2.3.4` or `key:<api key>`, the form the gateway hashes.
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(ip) = text.strip_prefix("ip:") {
            return (!ip.is_empty()).then(|| Identity::Ip(ip.to_string()));
        }
        let key = text.strip_prefix("key:")?;
        (!key.is_empty()).then(|| Identity::ApiKey(key.to_string()))
    }

    /// `md5(identity)` in lowercase hex, the gateway's key component.
    pub fn hash(&self) -> String {
        let raw = match self {
            Identity::ApiKey(k) => format!("key:{k}"),
            Identity::Ip(ip) => format!("ip:{ip}"),
        };
        let digest = Md5::digest(raw.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
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

pub fn counter_key(identity_hash: &str, bucket: &str) -> String {
    format!("rate_limit:{identity_hash}:{bucket}")
}

pub fn abuse_key(identity_hash: &str) -> String {
    format!("abuse:{identity_hash}")
}

pub fn blocked_key(identity_hash: &str) -> String {
    format!("abuse:{identity_hash}:blocked")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The contract's defaults, built here so core tests need no settings.
    pub fn contract() -> LimiterConfig {
        let bucket = |name: &str, paths: &[&str], limit| Bucket {
            name: name.into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            limit,
            window_ms: 60_000,
        };
        LimiterConfig {
            routes: [
                "POST /api/v2/availability/simple",
                "POST /api/v2/bookings",
                "POST /api/v2/bookings/*/reschedule",
                "POST /api/webhooks/calcom",
                "POST /api/webhooks/retell",
            ]
            .iter()
            .map(|r| r.parse().unwrap())
            .collect(),
            buckets: vec![
                bucket("reschedule", &["v2/bookings/*/reschedule"], 10),
                bucket("bookings", &["v2/bookings", "v2/bookings/*"], 30),
                bucket("availability", &["v2/availability/*"], 60),
                bucket("webhooks", &["webhooks/*"], 100),
                bucket("default", &["*"], 60),
            ],
            abuse: AbusePolicy { threshold: 20, counter_ttl_ms: 600_000, block_ms: 900_000 },
        }
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
        assert_eq!(Identity::of(None, "127.0.0.1").hash(), "3a96e9c964e5748305804256c31f5bcf");
        assert_eq!(Identity::of(Some("k1"), "10.0.0.1").hash(), md5_hex("key:k1"));
        assert_eq!(Identity::parse("key:abc"), Some(Identity::ApiKey("abc".into())));
        assert_eq!(Identity::parse("ip:"), None);
        assert_eq!(Identity::parse("bogus"), None);
    }

    fn md5_hex(s: &str) -> String {
        Md5::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn api_keys_are_masked() {
        let id = Identity::of(Some("test-key-123"), "x");
        assert_eq!(id.masked(), "key:te***23");
        assert!(!format!("{id:?}").contains("test-key-123"));
        assert_eq!(mask_secret("short"), "***");
    }
}
