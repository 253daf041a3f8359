//! `gatewayctl breaker status [SERVICE]`: the breaker's keys in Redis, read
//! the way the gateway reads them, and the model's next transition.

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::adapters::redis::Redis;
use crate::commands::{now_ms, Context};
use crate::core::breaker::{Breaker, BreakerConfig, BreakerState, NextTransition};
use crate::exit::{self, UsageError};
use crate::report::breaker::{BreakerStatus, BreakerStatusReport};

#[derive(Debug, Subcommand)]
pub enum BreakerCommand {
    /// State, counts, opened_at, time until half-open, and what moves it next
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One service [default: every breaker in the config]
    pub service: Option<String>,
}

pub async fn exec(cmd: BreakerCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let BreakerCommand::Status(args) = cmd;
    let settings = ctx.settings()?;
    let services: Vec<(String, BreakerConfig)> = match &args.service {
        Some(name) => match settings.breaker(name) {
            Some(cfg) => vec![(name.clone(), *cfg)],
            None => {
                let known: Vec<_> = settings.breakers.keys().cloned().collect();
                return Err(
                    UsageError(format!("no breaker {name:?} in the config; configured: {}", known.join(", "))).into()
                );
            }
        },
        None => settings.breakers.iter().map(|(n, c)| (n.clone(), *c)).collect(),
    };
    let mut redis = ctx.redis(&settings).await?;
    let now_s = now_ms() / 1000;
    let mut breakers = Vec::with_capacity(services.len());
    for (service, cfg) in services {
        let status = read(&mut redis, &service, &cfg, now_s)
            .await
            .with_context(|| format!("while reading breaker {service}"))?;
        breakers.push(status);
    }
    let report = BreakerStatusReport { redis: redis.shown_url().to_string(), checked_at: now_s, breakers };
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}

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
