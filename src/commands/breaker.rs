//! `gatewayctl breaker status [SERVICE]`: the breaker's keys in Redis, read
//! the way the gateway reads them, and the model's next transition.

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::adapters::redis::Redis;
use crate::commands::{now_ms, Context};
use crate::core::breaker::{Breaker, BreakerConfig, BreakerState, NextTransition};
use crate::exit::{self, UsageError};
use crate::report::breaker::{
    BreakerEvent, BreakerHistoryReport, BreakerResetReport, BreakerStatus, BreakerStatusReport, TripTestReport,
};

#[derive(Debug, Subcommand)]
pub enum BreakerCommand {
    /// State, counts, opened_at, time until half-open, and what moves it next
    Status(StatusArgs),
    /// The breaker's transitions, read from laravel.log and its rotations
    History(StatusArgs),
    /// Delete the breaker's keys (closed); asks first, journaled
    Reset(ResetArgs),
    /// On a non-production target: make Cal.com fail and check every transition against the model
    TripTest(StatusArgs),
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// The service [default: calcom_api]
    #[arg(default_value = "calcom_api")]
    pub service: String,
    /// Do not ask
    #[arg(long)]
    pub yes: bool,
    /// Show what would be deleted; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One service [default: every breaker in the config]
    pub service: Option<String>,
}

pub async fn exec(cmd: BreakerCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let args = match cmd {
        BreakerCommand::Status(args) => args,
        BreakerCommand::History(args) => return history(args, ctx),
        BreakerCommand::Reset(args) => return reset(args, ctx).await,
        BreakerCommand::TripTest(args) => return trip_test(args, ctx).await,
    };
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

fn config_for(settings: &crate::settings::Settings, service: &str) -> Result<BreakerConfig, UsageError> {
    settings.breaker(service).copied().ok_or_else(|| {
        let known: Vec<_> = settings.breakers.keys().cloned().collect();
        UsageError(format!("no breaker {service:?} in the config; configured: {}", known.join(", ")))
    })
}

fn history(args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    let service = args.service.unwrap_or_else(|| "calcom_api".into());
    let mut events = Vec::new();
    for path in crate::adapters::logfiles::discover(&settings.log_file()) {
        let mut line_no = 0u64;
        crate::adapters::logfiles::for_each_chunk(&path, |chunk| {
            for line in chunk.split(|&b| b == b'\n') {
                line_no += 1;
                if memchr::memmem::find(line, b"Circuit breaker ").is_none() {
                    continue;
                }
                let text = String::from_utf8_lossy(line);
                if let Some(event) = transition(&text, &service) {
                    events.push(BreakerEvent { file: path.display().to_string(), line: line_no, ..event });
                }
            }
            line_no -= 1; // the empty piece after the chunk's last newline
        })
        .with_context(|| format!("while reading {}", path.display()))?;
    }
    events.sort_by(|a, b| a.ts.cmp(&b.ts));
    let opens = events.iter().filter(|e| e.transition == "opened").count() as u64;
    ctx.out.emit(&BreakerHistoryReport { service, opens, events })?;
    Ok(exit::OK)
}

/// `[ts] env.LEVEL: Circuit breaker opened {"service":"calcom_api"}`.
fn transition(line: &str, service: &str) -> Option<BreakerEvent> {
    let ts = line.strip_prefix('[')?.split_once(']')?.0.to_string();
    let rest = &line[line.find("Circuit breaker ")? + "Circuit breaker ".len()..];
    let (word, context) = rest.split_once(' ').unwrap_or((rest, ""));
    let mentioned = context.contains(&format!("\"service\":\"{service}\""));
    mentioned.then(|| BreakerEvent { ts, transition: word.to_string(), file: String::new(), line: 0 })
}

async fn reset(args: ResetArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    config_for(&settings, &args.service)?;
    let keys = breaker_keys(&args.service).to_vec();
    let mut redis = ctx.redis(&settings).await?;
    let values = redis.get_many(&keys).await?;
    let previous: std::collections::BTreeMap<String, Option<String>> = keys.iter().cloned().zip(values).collect();
    if args.dry_run {
        ctx.out.emit(&BreakerResetReport { service: args.service, dry_run: true, deleted: 0, previous })?;
        return Ok(exit::OK);
    }
    if !args.yes {
        match ctx.out.confirm(&format!("delete the breaker keys of {} (it closes at once)?", args.service))? {
            Some(true) => {}
            Some(false) => return Err(UsageError("not confirmed; nothing was deleted".into()).into()),
            None => {
                return Err(UsageError(
                    "breaker reset changes production state and nobody can confirm; pass --yes".into(),
                )
                .into())
            }
        }
    }
    let journal = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let run = crate::adapters::state::run_id("breaker-reset");
    let event = crate::core::journal::Event::BreakerReset { service: args.service.clone(), previous: previous.clone() };
    journal.append(&crate::adapters::state::entry(&run, event))?;
    let deleted = redis.delete(&keys).await?;
    ctx.out.emit(&BreakerResetReport { service: args.service, dry_run: false, deleted, previous })?;
    Ok(exit::OK)
}

async fn trip_test(args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    if settings.file.gateway.production {
        return Err(UsageError("trip-test makes Cal.com calls fail: it runs only on a target with gateway.production = false, such as a lab".into()).into());
    }
    if settings.file.gateway.upstream_control.is_empty() {
        return Err(UsageError(
            "trip-test needs gateway.upstream_control, the lab's Cal.com stand-in (lab up writes it)".into(),
        )
        .into());
    }
    let service = args.service.unwrap_or_else(|| "calcom_api".into());
    let cfg = config_for(&settings, &service)?;
    let mut redis = ctx.redis(&settings).await?;
    let spinner = ctx
        .out
        .spinner(&format!("trip-test: {} failures, {}s recovery", cfg.failure_threshold, cfg.recovery_timeout_s));
    let checks = crate::commands::breaker_trip::run(&settings, &service, &cfg, &mut redis).await;
    spinner.finish();
    let passed = checks.iter().all(|c| c.verdict != crate::core::checks::Verdict::Fail);
    ctx.out.emit(&TripTestReport { service, passed, checks })?;
    Ok(if passed { exit::OK } else { exit::CHECK_FAILED })
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
