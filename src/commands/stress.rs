//! `gatewayctl stress rate-limit` (Phase 5A): the plan sends 35 requests and
//! reads the statuses by eye. This reads the identity's counter from Redis
//! first, asks the model for every answer, sends, and compares status,
//! X-RateLimit-Remaining and Retry-After request by request. Burst mode finds
//! limiter races; rate mode measures latency under a paced load.

use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::adapters::http::Http;
use crate::adapters::redis::Redis;
use crate::cli::stress::StressArgs;
use crate::commands::{now_ms, Context};
use crate::core::duration;
use crate::core::journal;
use crate::core::limiter::{served, Identity};
use crate::core::own::{self, Purpose};
use crate::core::route::Route;
use crate::exit::{self, CheckFailed, UsageError};
use crate::ops::limiter_target;
use crate::ops::predict::{self, Session, Stores};
use crate::ops::routes::Routes;
use crate::ops::stress_load;
use crate::report::stress::{StressReport, StressRow};
use crate::settings::Settings;

/// How close to an expiry or a rounding edge only timing decides the answer.
const EDGE_MS: u64 = 60;

/// Caps that keep a stress run gentle on production unless lifted.
pub const MAX_REQUESTS: u32 = 200;
pub const MAX_RATE: f64 = 50.0;
pub const MAX_DURATION: Duration = Duration::from_secs(60);

pub async fn exec(args: StressArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let mut settings = ctx.gateway()?;
    check_caps(&args)?;
    // One route:list for both the model's stacks and the route check.
    let listed = crate::ops::routes::list(&settings).await;
    let app = crate::ops::limiter::from_listed(&settings, Some(&listed));
    if let Some(warning) = &app.warning {
        ctx.out.warn(warning);
    }
    settings.limiter = app.shape;
    let expectation = expectation(&settings, &args);
    if let Some(contradiction) = expectation {
        return Err(CheckFailed(format!("{contradiction}. Nothing was sent.")).into());
    }
    check_route(&settings, &args, listed)?;
    let g = &settings.file.gateway;
    let timeout = g.request_timeout.0.max(Duration::from_secs(30));
    let http = Http::new(&g.base_url, timeout, None)?;
    let (sender, headers) = sender(&args)?;
    let (route, identity) = (&args.route, sender.masked());
    let report = match (args.burst, args.rate) {
        _ if args.max => {
            stress_load::closed(&http, route, &headers, timeout, args.connections, args.duration, &identity).await?
        }
        (Some(n), _) => burst(&settings, &http, &args.route, &sender, &headers, n).await?,
        (_, Some(rate)) => {
            stress_load::paced(&http, route, &headers, timeout, rate, args.duration, args.connections, &identity)
                .await?
        }
        _ => sequential(&settings, &http, &args, &sender, &headers, ctx).await?,
    };
    let mut report = report;
    if let Some(rate) = &report.rate {
        // Load modes compare no model, but a 404, a 5xx or no answer is never a pass.
        let bad: u64 =
            rate.statuses.iter().filter(|(k, _)| k.parse::<u16>().map_or(true, |s| !served(s))).map(|(_, n)| n).sum();
        report.mismatches += bad;
    }
    let ok = report.passed();
    let summary = format!(
        "{} {} as {}: {} answered, {} mismatch(es), {} broken (5xx)",
        report.mode,
        report.route,
        report.identity,
        report.answered(),
        report.mismatches,
        report.broken().len()
    );
    ctx.journal_outcome_with(&settings, journal::STRESS_OUTCOME, ok, summary, Some(report.refused_as_predicted()))
        .await;
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}

/// The route must be one the gateway has: a typo answers 404 to every
/// request, and 404s prove nothing about a limiter.
fn check_route(settings: &Settings, args: &StressArgs, listed: Result<Routes, String>) -> anyhow::Result<()> {
    if let (Some(why), None, false) = (predict::unmodelled(&settings.limiter, &args.route), args.rate, args.max) {
        return Err(UsageError(format!(
            "the limiter shape {} cannot predict {}: {why}, so every answer would be unknown; nothing was sent",
            settings.limiter.name, args.route,
        ))
        .into());
    }
    if args.unlisted_path {
        if args.rate.is_none() && !args.max {
            return Err(UsageError("--unlisted-path is for --rate and --max load only: the sequential and burst modes hold every answer against the model, which needs a real route".into()).into());
        }
        return Ok(());
    }
    let listed = listed.map_err(|e| {
        UsageError(format!("cannot list the gateway's routes to check {} ({e}); nothing was sent", args.route))
    })?;
    crate::ops::routes::require(&listed, &args.route).map_err(|e| UsageError(e).into())
}

fn check_caps(args: &StressArgs) -> Result<(), UsageError> {
    if args.allow_high_load {
        return Ok(());
    }
    let too = |what: String| {
        Err(UsageError(format!("{what}: a production-safe cap; pass --allow-high-load if this target can take it")))
    };
    if args.requests > MAX_REQUESTS || args.burst.is_some_and(|b| b > MAX_REQUESTS) {
        return too(format!("more than {MAX_REQUESTS} requests"));
    }
    if args.rate.is_some_and(|r| r > MAX_RATE) {
        return too(format!("more than {MAX_RATE} requests/s"));
    }
    if args.max {
        return too("max mode".into());
    }
    if args.rate.is_some() && args.duration > MAX_DURATION {
        return too(format!("longer than {}", duration::format(MAX_DURATION)));
    }
    Ok(())
}

/// What the user expects against what the model knows, before anything is sent.
fn expectation(settings: &Settings, args: &StressArgs) -> Option<String> {
    let want = args.expect_limit?;
    match predict::bucket(&settings.limiter, &args.route) {
        None => Some(format!(
            "you expect a limit of {want} on {}, but it carries no rate limiter: every request passes and none gets 429 (the plan's Phase 5A makes this mistake); try --route \"POST /api/v2/bookings\"",
            args.route
        )),
        Some(b) if b.limit != want => Some(format!("you expect a limit of {want} on {}, but its bucket {} allows {} per {}s", args.route, b.name, b.limit, b.window_ms / 1000)),
        Some(_) => None,
    }
}

fn sender(args: &StressArgs) -> anyhow::Result<(Identity, Vec<(String, String)>)> {
    if let Some(text) = &args.identity {
        // The same spelling as simulate: ip:ADDRESS, or key:KEY (sent as X-Api-Key).
        let id = Identity::parse(text).ok_or_else(|| UsageError("--identity takes ip:ADDRESS or key:KEY".into()))?;
        return Ok(match &id {
            Identity::ApiKey(key) => (id.clone(), vec![("X-Api-Key".into(), key.clone())]),
            Identity::Ip(_) => (id, vec![]),
        });
    }
    let key = args
        .api_key
        .clone()
        .unwrap_or_else(|| own::api_key(Purpose::Stress, &format!("{}-{}", std::process::id(), now_ms())));
    Ok((Identity::of(Some(&key), ""), vec![("X-Api-Key".into(), key)]))
}

fn header_refs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn sequential(
    settings: &Settings,
    http: &Http,
    args: &StressArgs,
    sender: &Identity,
    headers: &[(String, String)],
    ctx: &mut Context,
) -> anyhow::Result<StressReport> {
    let mut stores = Stores::connect(settings, &settings.limiter).await?;
    let mut predicted = Session::start(&mut stores, &settings.limiter, &args.route, sender)
        .await
        .context("while reading the limiter's keys before sending")?;
    let mut report = StressReport::new("sequential", &args.route, &sender.masked(), predicted.bucket());
    report.others = predicted.others();
    let refs = header_refs(headers);
    let body = predict::request_body();
    let spinner = ctx.out.spinner("stress");
    let start = Instant::now();
    for n in 0..args.requests {
        let due = Duration::from_millis(u64::from(n) * args.interval.as_millis() as u64);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            tokio::time::sleep(wait).await;
        }
        let at = start.elapsed().as_millis() as u64;
        let near_expiry = predicted.near_expiry(at, EDGE_MS);
        let verdict = predicted.expect(at);
        let answer = predict::observed(&http.send(&args.route.method, &args.route.path, &refs, Some(&body)).await?);
        let matched = predict::compare(&verdict, &answer, EDGE_MS).is_empty();
        if near_expiry && !matched {
            // Only timing decided this one: take the gateway's state as it is now.
            predicted.resync(&mut stores, at).await?;
        }
        let matched = matched || near_expiry;
        spinner.set_message(format!("stress: {}/{}", n + 1, args.requests));
        report.push(StressRow { n: n + 1, at_ms: at, expected: verdict.expected(), observed: answer, matched });
    }
    spinner.finish();
    Ok(report)
}

/// N requests at once, fresh window: exactly min(N, limit) may pass.
async fn burst(
    settings: &Settings,
    http: &Http,
    route: &Route,
    sender: &Identity,
    headers: &[(String, String)],
    n: u32,
) -> anyhow::Result<StressReport> {
    let mut redis = Redis::connect(&limiter_target(settings)).await?;
    let predicted = Session::fresh(&settings.limiter, route, sender);
    if let Some(c) = predicted.counter() {
        if redis.get_many(std::slice::from_ref(&c)).await?[0].is_some() {
            return Err(UsageError(format!(
                "{} already has a counter: a burst needs a fresh window (omit --api-key for a fresh probe key)",
                sender.masked()
            ))
            .into());
        }
    }
    let mut handles = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let (http, method, path, headers, body) =
            (http.clone(), route.method.clone(), route.path.clone(), headers.to_vec(), predict::request_body());
        handles.push(tokio::spawn(async move { http.send(&method, &path, &header_refs(&headers), Some(&body)).await }));
    }
    let mut answers = Vec::with_capacity(handles.len());
    for h in handles {
        answers.push(h.await.context("a burst request panicked")?);
    }
    let mut report = StressReport::new("burst", route, &sender.masked(), predicted.bucket());
    report.others = predicted.others();
    let passed =
        answers.iter().filter(|a| a.as_ref().is_ok_and(|a| a.status != 429 && served(a.status))).count() as u64;
    let broken = answers.iter().filter(|a| a.as_ref().map_or(true, |a| !served(a.status))).count() as u64;
    let want = predicted.burst(u64::from(n));
    report.burst_passed = Some(passed);
    report.burst_expected = Some(*want.start());
    report.burst_expected_max = (want.start() != want.end()).then_some(*want.end());
    if !want.contains(&passed) {
        report.mismatches += 1;
    }
    // Every request is evidence: one that failed or found no route is a mismatch.
    report.mismatches += broken;
    report.burst_answered = Some(u64::from(n) - answers.iter().filter(|a| a.is_err()).count() as u64);
    Ok(report)
}
