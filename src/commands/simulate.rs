//! `gatewayctl simulate`: the model made usable before touching production.
//! Plays a request schedule through the limiter, or upstream answers through
//! a breaker, and shows what the gateway must answer. No I/O beyond output.

use anyhow::Context as _;

use crate::cli::simulate::{BreakerArgs, Event, RateLimitArgs, SimulateCommand};
use crate::commands::Context;
use crate::core::breaker::{Breaker, Outcome};
use crate::core::duration;
use crate::core::limiter::{self, Schedule};
use crate::core::Named;
use crate::exit::{self, UsageError};
use crate::report::simulate::{BreakerEventRow, BreakerReport, RateLimitReport, RateLimitRow};

pub fn exec(cmd: SimulateCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    match cmd {
        SimulateCommand::RateLimit(args) => rate_limit(args, ctx),
        SimulateCommand::Breaker(args) => breaker(args, ctx),
    }
}

fn rate_limit(args: RateLimitArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    let schedule = Schedule {
        requests: args.requests,
        interval_ms: args.interval.as_millis() as u64,
        start_count: args.start_count.max(0),
        start_ttl_ms: args.start_ttl.map(|s| s * 1000),
    };
    // With the app at hand, a route it does not have is refused as every
    // --route is, with the nearest; without, the model's own routes suggest.
    let listed = crate::ops::limiter::has_app(&settings).then(|| {
        let g = &settings.file.gateway;
        crate::ops::routes::routes(&g.php, settings.app_dir(), g.app_timeout.0)
    });
    if let Some(Ok(routes)) = &listed {
        crate::ops::routes::require(routes, &args.route)
            .map_err(|e| crate::exit::UsageError(e.replace("nothing was sent", "nothing was simulated")))?;
    }
    let app = crate::ops::limiter::from_listed(&settings, listed.as_ref());
    if let Some(warning) = &app.warning {
        ctx.out.warn(warning);
    }
    let shape = &app.shape;
    if listed.is_none() && shape.stack_for(&args.route).is_none() {
        let stacks: Vec<(String, String)> = shape
            .stacks
            .iter()
            .map(|s| (s.route.method.clone(), s.route.laravel_path().replace('*', "{id}")))
            .collect();
        let near = crate::core::route::nearest(&args.route, stacks.iter().map(|(m, u)| (m.as_str(), u.as_str())));
        if !near.is_empty() {
            ctx.out.warn(&format!(
                "{} is no route of the model ({}): simulated as unlimited; did you mean {}?",
                args.route,
                shape.stacks_source,
                near.join(", ")
            ));
        }
    }
    let sim = limiter::simulate(shape, &args.route, &args.identity, schedule);
    ctx.out.detail(&format!("identity {} hashes to {}", args.identity.masked(), shape.identity_hash(&args.identity)));
    let stack = shape.stack_for(&args.route);
    let report = RateLimitReport {
        shape: shape.name.clone(),
        stack: stack.map(|s| s.entries.iter().map(|e| e.name()).collect()).unwrap_or_default(),
        stack_source: shape.stacks_source.clone(),
        errors: sim.errors(),
        notes: match (shape.window, sim.first_rejected()) {
            (limiter::Window::Never, Some(_)) => vec![format!(
                "The counter never expires (window = \"{}\"): this client is refused on {} for good, until someone deletes the key.",
                limiter::Window::Never.name(),
                args.route
            )],
            _ => vec![],
        },
        unknown: sim.unknown().map(|(n, why)| format!("from request {n}: {why}")),
        route: args.route.to_string(),
        limited: stack.is_some_and(|s| !s.entries.is_empty()),
        bucket: sim.bucket.as_ref().map(|b| b.name.clone()),
        limit: sim.bucket.as_ref().map(|b| b.limit),
        window_s: sim.bucket.as_ref().map(|b| b.window_ms / 1000),
        allowed: sim.allowed(),
        rejected: sim.rejected(),
        first_rejected: sim.first_rejected(),
        requests: sim
            .requests
            .iter()
            .map(|r| RateLimitRow {
                n: r.n,
                at_s: r.at_ms as f64 / 1000.0,
                status: r.verdict.status,
                remaining: r.verdict.remaining,
                retry_after_s: r.verdict.retry_after_s,
                retry_after: r.verdict.retry_after_signed_ms.and(r.verdict.retry_after_header()),
                error: r.verdict.error.clone(),
            })
            .collect(),
    };
    ctx.out.emit(&report).context("while printing the simulation")?;
    Ok(exit::OK)
}

fn breaker(args: BreakerArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    let Some(cfg) = settings.breaker(&args.service).copied() else {
        let known: Vec<_> = settings.breakers.keys().cloned().collect();
        return Err(UsageError(format!(
            "no breaker {:?} in the config; configured: {}",
            args.service,
            known.join(", ")
        ))
        .into());
    };
    let mut breaker = Breaker::default();
    let mut now_ms: u64 = 0;
    let mut events = Vec::with_capacity(args.events.len());
    for event in &args.events {
        let (name, called_upstream, result) = match *event {
            Event::Wait(d) => {
                now_ms += d.as_millis() as u64;
                (format!("wait:{}", duration::format(d)), false, None)
            }
            Event::Call(outcome) => {
                // The gateway compares whole unix seconds (PHP time()).
                let call = breaker.call(&cfg, now_ms / 1000, outcome);
                let name = if outcome == Outcome::Success { "ok" } else { "fail" };
                (name.to_string(), call.called_upstream, Some(call.result))
            }
        };
        events.push(BreakerEventRow {
            event: name,
            at_s: now_ms as f64 / 1000.0,
            called_upstream,
            result,
            state: breaker.state,
            failure_count: breaker.failure_count,
            success_count: breaker.success_count,
        });
    }
    let report = BreakerReport { service: args.service, final_state: breaker.state, events };
    ctx.out.emit(&report).context("while printing the simulation")?;
    Ok(exit::OK)
}
