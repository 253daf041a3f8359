//! Breaker reads: the contract's four keys for a service, read the way the
//! gateway reads them, with the model's next transition.

use anyhow::Context as _;

use crate::adapters::redis::Redis;
use crate::core::breaker::{Breaker, BreakerConfig, BreakerState, NextTransition};
use crate::report::breaker::BreakerStatus;

/// The contract's four keys for one service.
pub fn breaker_keys(service: &str) -> [String; 4] {
    ["state", "failure_count", "success_count", "opened_at"].map(|k| format!("circuit_breaker:{service}:{k}"))
}

pub async fn read(redis: &mut Redis, service: &str, cfg: &BreakerConfig, now_s: u64) -> anyhow::Result<BreakerStatus> {
    let keys = breaker_keys(service);
    let values = redis.get_many(&keys).await?;
    let state = BreakerState::from_redis(values[0].as_deref()).with_context(|| {
        format!(
            "key {}{} holds {:?}, not closed/open/half_open; the gateway would not read it either",
            redis.prefix(),
            keys[0],
            values[0]
        )
    })?;
    let number = |i: usize| -> anyhow::Result<Option<u64>> {
        values[i]
            .as_deref()
            .map(|v| v.trim().parse::<u64>().with_context(|| format!("key {} holds {v:?}, not a count", keys[i])))
            .transpose()
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
        state_key_present: values[0].is_some(),
        failure_count: breaker.failure_count,
        success_count: breaker.success_count,
        opened_at: breaker.opened_at_s,
        seconds_until_half_open: breaker.seconds_until_half_open(cfg, now_s),
        next_transition: describe(breaker.next_transition(cfg, now_s)),
        failure_threshold: cfg.failure_threshold,
        recovery_timeout_s: cfg.recovery_timeout_s,
        success_threshold: cfg.success_threshold,
    })
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
