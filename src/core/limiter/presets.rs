//! The two shapes that ship: our contract (`GATEWAY-CONTRACT.md` §3) and the
//! production baseline the plan was written for (`REAL-GATEWAY.md` §2–3:
//! `fabianSp77/askproai-api` at `c382d72cd`, with `api.rate-limit`
//! registered). Numbers and route lists are facts read there; no code.

use crate::core::limiter::shape::*;
use crate::core::limiter::{AbuseKeys, AbusePolicy, AbuseTrigger, Attachment, Bucket, Params};
use crate::core::route::Route;

pub const PRESET_CONTRACT: &str = "contract";
pub const PRESET_ASKPROAI: &str = "askproai-2025-10";
/// Every preset `[limiter] preset` accepts.
pub const PRESETS: &[&str] = &[PRESET_CONTRACT, PRESET_ASKPROAI];

/// Both gateways register their limiter under the same alias and class.
fn attachment() -> Attachment {
    Attachment::from_names(&["api.rate-limit".into(), "App\\Http\\Middleware\\RateLimitMiddleware".into()])
}

fn stack(route: &str, entries: Vec<Entry>) -> Stack {
    Stack { route: route.parse().expect("a preset's route"), entries }
}

fn gateway(params: Option<&str>) -> Entry {
    Entry::Gateway { params: params.map(str::to_string) }
}

fn throttle(max: u64, decay_min: u64) -> Entry {
    Entry::Throttle { max, decay_s: decay_min * 60, redis: false }
}

impl LimiterShape {
    /// The contract's limiter over a table, the routes that carry it, and an
    /// abuse policy (`[rate_limit]` in the config).
    pub fn contract(
        routes: &[Route],
        buckets: Vec<Bucket>,
        threshold: i64,
        counter_ttl_ms: u64,
        block_ms: u64,
    ) -> Self {
        LimiterShape {
            name: PRESET_CONTRACT.into(),
            identity: IdentityRule { sources: vec![Source::ApiKey, Source::Ip], api_key_label: "key".into() },
            counter: CounterScope::Bucket,
            storage: Storage { database: None, client_prefix: None, cache_prefix: String::new() },
            // Laravel's defaults for an app named "Laravel": the cache store
            // on the default connection, prefixed `laravel_cache:`.
            laravel_store: Some(Storage { database: None, client_prefix: None, cache_prefix: "laravel_cache:".into() }),
            laravel_redis: Storage { database: None, client_prefix: None, cache_prefix: String::new() },
            counts: Counts::Every,
            window: Window::Fixed,
            decision: CountRule::IncrementThenAtMost,
            atomicity: Atomicity::Atomic,
            abuse: AbusePolicy {
                threshold,
                counter_ttl_ms: Some(counter_ttl_ms),
                block_ms,
                keys: AbuseKeys::Hashed,
                trigger: AbuseTrigger::AtLeastAfterIncrement,
                enforced: true,
            },
            buckets,
            matching: Matching::StrIsAfterApi,
            params: Params::Whole,
            attachment: attachment(),
            stacks: routes.iter().map(|r| Stack { route: r.clone(), entries: vec![gateway(None)] }).collect(),
            stacks_source: "[rate_limit] routes".into(),
            named: Vec::new(),
            answer: RefusalForm {
                retry_after: RetryAfter::CounterTtl,
                headers: HeaderWinner::Outer,
                body: RefusalBody::Short,
            },
        }
    }

    /// The production baseline, as `REAL-GATEWAY.md` §2–3 describes it once
    /// the alias is registered: Laravel 11, Carbon 3, the cache store on
    /// database 1 with the default prefixes.
    pub fn askproai_2025_10() -> Self {
        let row = |pattern: &str, limit, window_s: u64| Bucket {
            name: pattern.into(),
            paths: vec![pattern.into()],
            limit,
            window_ms: window_s * 1000,
        };
        let buckets = vec![
            row("api/auth/login", 5, 300),
            row("api/auth/register", 3, 600),
            row("api/auth/password/reset", 3, 900),
            row("api/v2/bookings", 30, 60),
            row("api/v2/bookings/*/reschedule", 10, 60),
            row("api/v2/bookings/*/cancel", 10, 60),
            row("api/v2/calcom/sync/*", 5, 60),
            row("api/v2/calcom/push", 10, 300),
            row("webhooks/*", 100, 60),
            row("api/payments/*", 10, 60),
            row("api/stripe/*", 20, 60),
            row("api/v2/availability/*", 60, 60),
            row("api/v2/services", 100, 60),
            row("api/admin/*", 200, 60),
            row("default", 60, 60),
        ];
        let retell = "retell.call.ratelimit";
        let opaque = || Entry::Opaque { name: retell.into() };
        let mut stacks = vec![
            // routes/api.php, lines 161-164: no middleware at all.
            stack("GET /api/v2/test", vec![]),
            stack("POST /api/v2/bookings", vec![gateway(None), gateway(Some("30,60"))]),
            stack("PATCH /api/v2/bookings/*/reschedule", vec![gateway(None), gateway(Some("10,60"))]),
            stack("DELETE /api/v2/bookings/*", vec![gateway(None), gateway(Some("10,60"))]),
            stack("POST /api/v2/calcom/push-event-types", vec![gateway(None), gateway(Some("10,300"))]),
        ];
        for route in [
            "POST /api/v2/availability/simple",
            "POST /api/v2/availability/composite",
            "GET /api/v2/composite-booking/availability",
            "POST /api/v2/composite-booking/book",
            "GET /api/v2/composite-booking/*",
            "DELETE /api/v2/composite-booking/*/cancel",
            "PUT /api/v2/composite-booking/*/reschedule",
            "POST /api/v2/communications/confirmation",
            "POST /api/v2/communications/reminder",
            "POST /api/v2/communications/cancellation",
            "POST /api/v2/communications/ics",
            "GET /api/v2/calcom/drift-status",
            "POST /api/v2/calcom/detect-drift",
            "POST /api/v2/calcom/resolve-drift",
            "POST /api/v2/calcom/auto-resolve",
        ] {
            stacks.push(stack(route, vec![gateway(None)]));
        }
        for (route, max) in [
            ("POST /api/webhook", 60),
            ("POST /api/calcom/webhook", 60),
            ("POST /api/webhooks/calcom", 60),
            ("POST /api/webhooks/retell", 60),
            ("POST /api/webhooks/stripe", 60),
            ("GET /api/webhooks/retell/diagnostic", 10),
            ("GET /api/zeitinfo", 100),
            ("GET /api/health/calcom/detailed", 10),
            ("GET /api/health/calcom/metrics", 30),
            ("POST /api/health/calcom/check", 5),
        ] {
            stacks.push(stack(route, vec![throttle(max, 1)]));
        }
        for (route, max) in [
            ("POST /api/webhooks/retell/function", 100),
            ("POST /api/webhooks/retell/function-call", 100),
            ("POST /api/webhooks/retell/collect-appointment", 100),
            ("POST /api/webhooks/retell/check-availability", 100),
            ("POST /api/retell/check-customer", 100),
            ("POST /api/retell/check-availability", 100),
            ("POST /api/retell/collect-appointment", 100),
            ("POST /api/retell/book-appointment", 60),
            ("POST /api/retell/cancel-appointment", 30),
            ("POST /api/retell/reschedule-appointment", 30),
        ] {
            stacks.push(stack(route, vec![opaque(), throttle(max, 1)]));
        }
        LimiterShape {
            name: PRESET_ASKPROAI.into(),
            identity: IdentityRule {
                sources: vec![Source::User, Source::ApiKey, Source::Session, Source::Ip],
                api_key_label: "api".into(),
            },
            counter: CounterScope::Path,
            storage: Storage {
                database: Some(1),
                client_prefix: Some("laravel_database_".into()),
                cache_prefix: String::new(),
            },
            // Its limiter counts through the cache store, as Laravel's throttle does.
            laravel_store: None,
            laravel_redis: Storage {
                database: Some(0),
                client_prefix: Some("laravel_database_".into()),
                cache_prefix: String::new(),
            },
            counts: Counts::AllowedOnly,
            // The EXPIRE goes to database 0; the counter lives in database 1.
            window: Window::Never,
            decision: CountRule::ReadThenBelow,
            atomicity: Atomicity::ReadThenIncrement,
            abuse: AbusePolicy {
                threshold: 10,
                counter_ttl_ms: None,
                block_ms: 24 * 3600 * 1000,
                keys: AbuseKeys::Raw,
                trigger: AbuseTrigger::OverBeforeIncrement,
                enforced: false,
            },
            buckets,
            matching: Matching::Anchored,
            params: Params::FirstOnly,
            attachment: attachment(),
            stacks,
            stacks_source: "the preset: routes/api.php of askproai-api at c382d72cd".into(),
            named: Vec::new(),
            answer: RefusalForm {
                retry_after: RetryAfter::ResetKeyCarbon3,
                headers: HeaderWinner::Outer,
                body: RefusalBody::Envelope,
            },
        }
    }
}
