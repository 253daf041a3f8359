//! Breaker reads: a service's four keys where and as the gateway's breaker
//! store keeps them, read the way the gateway reads them, with the model's
//! next transition.

use anyhow::Context as _;

use crate::adapters::redis::{Redis, RedisTarget};
use crate::core::breaker::{Breaker, BreakerConfig, BreakerState, BreakerStore, Decoded, Location, NextTransition};
use crate::core::checks::Check;
use crate::report::breaker::BreakerStatus;
use crate::settings::Settings;

/// Where the breakers' keys live: `[redis]`, or the cache store's database
/// and prefixes (the limiter shape's) when the store says so.
pub fn target(settings: &Settings) -> RedisTarget {
    match settings.breaker_store.location {
        Location::Redis => crate::ops::redis_target(settings),
        Location::CacheStore => crate::ops::limiter_target(settings),
    }
}

/// A connection to [`target`], in place of `shared` (a connection to
/// `[redis]`) when the breakers live elsewhere; `None` to use `shared`.
pub async fn connect_if_elsewhere(settings: &Settings) -> Option<anyhow::Result<Redis>> {
    let target = target(settings);
    if target == crate::ops::redis_target(settings) {
        return None;
    }
    Some(Redis::connect(&target).await.map_err(anyhow::Error::from))
}

/// Reads one breaker's keys as the store writes them, with the model's next
/// transition. A value it cannot read is an error that names what it is,
/// never its bytes, and never reads as closed.
pub async fn read(
    redis: &mut Redis,
    store: &BreakerStore,
    service: &str,
    cfg: &BreakerConfig,
    now_s: u64,
) -> anyhow::Result<BreakerStatus> {
    let keys = store.key_names(service);
    let values = redis.get_many(&keys).await?;
    let decoded: Vec<Option<Decoded>> = values
        .iter()
        .zip(&keys)
        .map(|(v, key)| {
            v.as_deref().map(|raw| store.decode(raw)).transpose().map_err(|what| {
                anyhow::anyhow!("key {}{key} holds {what}: unreadable as {}", redis.prefix(), store.name)
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let state_text = decoded[0].as_ref().map(|d| d.text.clone().unwrap_or_default());
    let state = BreakerState::from_redis(state_text.as_deref()).with_context(|| {
        format!(
            "key {}{} holds {}, not closed/open/half_open; the gateway would not read it either",
            redis.prefix(),
            keys[0],
            textmask_state(state_text.as_deref().unwrap_or(""))
        )
    })?;
    let number = |i: usize| -> anyhow::Result<Option<u64>> {
        match &decoded[i] {
            None => Ok(None),
            Some(d) => d.count.map(Some).with_context(|| format!("key {} does not hold a count", keys[i])),
        }
    };
    let mut ttl_s = std::collections::BTreeMap::new();
    for ((suffix, key), value) in store.keys.iter().zip(&keys).zip(&values) {
        if value.is_some() {
            if let Some(ms) = redis.pttl(key).await? {
                ttl_s.insert(suffix.clone(), ms.div_ceil(1000));
            }
        }
    }
    // MGET answers nil for a key of another type: a list or a hash there is
    // still a key (the app reads it as closed), said as such.
    let state_key_type = match values[0] {
        Some(_) => None,
        None => Some(redis.key_type(&keys[0]).await?).filter(|t| t != "none"),
    };
    let breaker = Breaker {
        state,
        failure_count: number(1)?.unwrap_or(0) as u32,
        success_count: number(2)?.unwrap_or(0) as u32,
        opened_at_s: number(3)?,
    };
    Ok(BreakerStatus {
        service: service.to_string(),
        state,
        state_key_present: values[0].is_some() || state_key_type.is_some(),
        state_key_type,
        failure_count: breaker.failure_count,
        success_count: breaker.success_count,
        opened_at: breaker.opened_at_s,
        seconds_until_half_open: breaker.seconds_until_half_open(cfg, now_s),
        next_transition: describe(breaker.next_transition(cfg, now_s)),
        failure_threshold: cfg.failure_threshold,
        recovery_timeout_s: cfg.recovery_timeout_s,
        success_threshold: cfg.success_threshold,
        ttl_s,
    })
}

/// A state value gatewayctl does not know, shown by its length only when
/// it is long or not plain: a key may hold anything.
fn textmask_state(text: &str) -> String {
    if text.len() <= 20 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        format!("{text:?}")
    } else {
        format!("a value of {} bytes", text.len())
    }
}

fn describe(next: NextTransition) -> String {
    match next {
        NextTransition::OpensAfterFailures(n) => {
            format!("opens after {n} more consecutive failure(s)")
        }
        NextTransition::HalfOpensIn { seconds } => {
            format!("half-opens on the first call after {seconds}s")
        }
        NextTransition::HalfOpensOnNextCall => "half-opens on the next call".to_string(),
        NextTransition::ClosesAfterSuccesses(n) => {
            format!("closes after {n} more success(es); a failure reopens it")
        }
    }
}

/// What a breaker that is not closed means to the command that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerGate {
    /// Before activating (preflight): open stops, half-open warns.
    BeforeActivating,
    /// After a change (verify): anything but closed fails.
    AfterChange,
}

/// The `breaker` check: every configured breaker read where its store
/// keeps it (through `shared`, a connection to `[redis]`, unless the
/// breakers live elsewhere), the worst state judged for `gate`. No breaker
/// in the config is `unknown`: nothing was seen.
pub async fn check(settings: &Settings, shared: &mut Redis, gate: BreakerGate) -> Check {
    let now_s = crate::ops::now_ms() / 1000;
    let mut elsewhere = match connect_if_elsewhere(settings).await {
        None => None,
        Some(Ok(conn)) => Some(conn),
        Some(Err(e)) => return Check::fail("breaker", format!("{e:#}"), crate::ops::REDIS_DOWN_HINT),
    };
    let redis = elsewhere.as_mut().unwrap_or(shared);
    let mut seen = Vec::new();
    for (service, cfg) in &settings.breakers {
        match read(redis, &settings.breaker_store, service, cfg, now_s).await {
            Ok(status) => seen.push((service.clone(), status.state, status.state_key_present)),
            Err(e) => {
                return Check::fail(
                    "breaker",
                    format!("{service}: {e:#}"),
                    "the stored state does not parse: `gatewayctl breaker status` shows it",
                )
            }
        }
    }
    if seen.is_empty() {
        return Check::unknown("breaker", "no breaker in the config", "add [breakers.calcom_api] to the config");
    }
    let evidence = seen
        .iter()
        .map(|(s, st, key)| format!("{s} {st}{}", if *key { "" } else { " (no key)" }))
        .collect::<Vec<_>>()
        .join(", ");
    // Worst first: open, then half-open, then closed (the enum's order is not severity).
    let severity = |s: &BreakerState| match s {
        BreakerState::Open => 2,
        BreakerState::HalfOpen => 1,
        BreakerState::Closed => 0,
    };
    match (seen.iter().map(|(_, s, _)| *s).max_by_key(severity), gate) {
        (Some(BreakerState::Closed) | None, _) => Check::pass("breaker", evidence),
        (Some(BreakerState::HalfOpen), BreakerGate::BeforeActivating) => {
            Check::warn("breaker", evidence, "recovering: wait for it to close")
        }
        (Some(BreakerState::Open), BreakerGate::BeforeActivating) => {
            Check::fail("breaker", evidence, "Cal.com is failing: investigate before activating")
        }
        (Some(_), BreakerGate::AfterChange) => Check::fail(
            "breaker",
            evidence,
            "Cal.com calls are failing: `gatewayctl breaker history` shows when and why; `gatewayctl rollback circuit-breaker` if the breaker itself is at fault",
        ),
    }
}
