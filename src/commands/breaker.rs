//! `gatewayctl breaker status [SERVICE]`: the breaker's keys in Redis, read
//! the way the gateway reads them, and the model's next transition.

use anyhow::Context as _;

use crate::cli::breaker::{BreakerCommand, ResetArgs, StatusArgs};
use crate::commands::{now_ms, Context};
use crate::core::breaker::BreakerConfig;
use crate::exit::{self, UsageError};
use crate::ops::breaker::read;
use crate::ops::door::{Door, Knock};
use crate::report::breaker::{
    BreakerEvent, BreakerHistoryReport, BreakerResetReport, BreakerStatusReport, TripTestReport,
};

pub async fn exec(cmd: BreakerCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let args = match cmd {
        BreakerCommand::Status(args) => args,
        BreakerCommand::History(args) => return history(args, ctx),
        BreakerCommand::Reset(args) => return reset(args, ctx).await,
        BreakerCommand::TripTest(args) => return trip_test(args, ctx).await,
    };
    let settings = ctx.gateway()?;
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
    let mut redis = ctx.breaker_redis(&settings).await?;
    let now_s = now_ms() / 1000;
    let mut breakers = Vec::with_capacity(services.len());
    for (service, cfg) in services {
        // A value the store cannot read stops here, named, never as closed.
        let status = read(&mut redis, &settings.breaker_store, &service, &cfg, now_s)
            .await
            .with_context(|| format!("while reading breaker {service}: its state is unknown"))?;
        breakers.push(status);
    }
    let guards = match crate::ops::limiter::has_app(&settings) {
        true => Some(guards(&settings).await),
        false => None,
    };
    let report = BreakerStatusReport { redis: redis.shown_url().to_string(), checked_at: now_s, breakers, guards };
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}

/// What the app's code says the breaker guards and counts.
async fn guards(settings: &crate::settings::Settings) -> crate::report::breaker::Guards {
    let read = settings.clone();
    let service = crate::core::rollback::BREAKER_SERVICE.to_string();
    let unknown = |why: String| crate::report::breaker::Guards {
        service: service.clone(),
        routes: vec![],
        findings: vec![],
        unknown: Some(why),
    };
    match crate::ops::blocking::run("reading which routes reach the breaker", move || {
        crate::ops::findings::breaker(&read)
    })
    .await
    {
        Ok(Ok(Some(b))) => {
            let dry = crate::core::findings::DryRun { breaker: Some(b.clone()), ..Default::default() };
            crate::report::breaker::Guards {
                service: b.service.clone(),
                routes: b.guarded(),
                findings: crate::core::findings::breaker(&dry),
                unknown: None,
            }
        }
        Ok(Ok(None)) => unknown(format!("no breaker found on {service} in the app's code")),
        Ok(Err(why)) => unknown(why),
        Err(check) => unknown(check.evidence),
    }
}

fn config_for(settings: &crate::settings::Settings, service: &str) -> Result<BreakerConfig, UsageError> {
    settings.breaker(service).copied().ok_or_else(|| {
        let known: Vec<_> = settings.breakers.keys().cloned().collect();
        UsageError(format!("no breaker {service:?} in the config; configured: {}", known.join(", ")))
    })
}

fn history(args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
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
    let settings = ctx.gateway()?;
    config_for(&settings, &args.service)?;
    let keys = settings.breaker_store.key_names(&args.service).to_vec();
    let mut redis = ctx.breaker_redis(&settings).await?;
    let values = redis.get_many(&keys).await?;
    let previous: std::collections::BTreeMap<String, Option<String>> = keys.iter().cloned().zip(values).collect();
    if args.dry_run {
        ctx.out.emit(&BreakerResetReport { service: args.service, dry_run: true, deleted: 0, previous })?;
        return Ok(exit::OK);
    }
    ctx.confirm_change(&format!("delete the breaker keys of {} (it closes at once)?", args.service))?;
    let door = Door::open(&settings, Knock::new("breaker reset", args.break_lock)).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    // Read again under the lock: the values journaled are the ones deleted.
    let values = redis.get_many(&keys).await?;
    let previous: std::collections::BTreeMap<String, Option<String>> = keys.iter().cloned().zip(values).collect();
    let event = crate::core::journal::Event::BreakerReset { service: args.service.clone(), previous: previous.clone() };
    door.record(event)?;
    let deleted = redis.delete(&keys).await?;
    ctx.out.emit(&BreakerResetReport { service: args.service, dry_run: false, deleted, previous })?;
    Ok(exit::OK)
}

async fn trip_test(args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
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
    // A trip route that never reaches the breaker would prove nothing: the
    // app's code says which routes do, before any call is made.
    let route = settings.breaker_store.trip.route.clone();
    if crate::ops::limiter::has_app(&settings) {
        let read = settings.clone();
        let reach = crate::ops::blocking::run("reading which routes reach the breaker", move || {
            crate::ops::findings::breaker(&read)
        })
        .await;
        match reach {
            Ok(Ok(Some(b))) if b.reaches(&route) == Some(false) => {
                let guarded = b.guarded();
                return Err(UsageError(format!(
                    "{route} does not reach the breaker: its controller does not use {}; the routes that do: {}; set [breaker_store] trip_route to one of them",
                    b.service,
                    if guarded.is_empty() { "none".to_string() } else { guarded.join(", ") }
                ))
                .into());
            }
            Ok(Ok(_)) => {}
            Ok(Err(why)) => ctx.out.warn(&format!(
                "which routes reach the breaker could not be read ({why}): {route} is tried as configured"
            )),
            Err(check) => ctx.out.warn(&format!(
                "which routes reach the breaker could not be read ({}): {route} is tried as configured",
                check.evidence
            )),
        }
    }
    let mut redis = ctx.breaker_redis(&settings).await?;
    let spinner = ctx
        .out
        .spinner(&format!("trip-test: {} failures, {}s recovery", cfg.failure_threshold, cfg.recovery_timeout_s));
    let checks =
        crate::ops::breaker_trip::run(&settings, &service, &cfg, &mut redis, &|m| spinner.set_message(m)).await;
    spinner.finish();
    let passed = checks.iter().all(|c| c.verdict.is_good());
    let failed: Vec<&str> = checks.iter().filter(|c| !c.verdict.is_good()).map(|c| c.name.as_str()).collect();
    let summary = format!(
        "{service}: {} step(s), failed: {}",
        checks.len(),
        if failed.is_empty() { "none".into() } else { failed.join(", ") }
    );
    ctx.journal_outcome(&settings, "breaker trip-test", passed, summary).await;
    ctx.out.emit(&TripTestReport { service, passed, checks })?;
    Ok(if passed { exit::OK } else { exit::CHECK_FAILED })
}
