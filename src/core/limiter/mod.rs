//! The gateway's rate limiter: which routes it covers, which row of its table
//! a request falls in, the identity it counts, its Redis keys. Everything that
//! differs between gateways is a dimension of [`LimiterShape`].

mod attach;
mod decide;
mod expect;
pub mod groups;
mod identity;
pub mod named;
mod presets;
mod shape;
#[cfg(test)]
mod shape_tests;
mod simulate;
pub mod stacks;

pub use attach::{alias_table, array_open, class_written, handle_params, AliasEntry, Attachment, Misdirected, Params};
pub use decide::{duration_end_key, LimiterVerdict};
pub use expect::{differences, served, Difference, Observed};
pub use identity::{counter_key, mask_key_name, mask_secret, md5_hex, throttle_key, Identity};
pub use presets::{PRESETS, PRESET_ASKPROAI, PRESET_CONTRACT};
pub use shape::{
    AbuseKeys, AbusePolicy, AbuseTrigger, Atomicity, Bucket, CountRule, CounterScope, Counts, Entry, HeaderWinner,
    IdentityRule, KeyName, KeyPart, LimiterShape, Matching, NamedAnswer, NamedLimit, NamedLimiter, RefusalBody,
    RefusalForm, RetryAfter, Source, Stack, Storage, Store, Window,
};
pub use simulate::{simulate, Schedule, SimulatedRequest, Simulation};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::core::route::Route;

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
