//! `gatewayctl stress rate-limit` (Phase 5A): the plan sends 35 requests and
//! reads the statuses by eye. This reads the identity's counter from Redis
//! first, asks the model for every answer, sends, and compares status,
//! X-RateLimit-Remaining and Retry-After request by request. Burst mode finds
//! limiter races; rate mode measures latency under a paced load.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;

use crate::adapters::http::{Exchange, Http};
use crate::adapters::redis::Redis;
use crate::commands::stress_load;
use crate::commands::{now_ms, redis_target, Context};
use crate::core::duration;
use crate::core::keyspace::Keyspace;
use crate::core::limiter::{abuse_key, blocked_key, counter_key, mask_secret, Identity, Verdict};
use crate::core::route::Route;
use crate::exit::{self, CheckFailed, UsageError};
use crate::report::stress::{Answer, StressReport, StressRow};
use crate::settings::Settings;

/// How close to an expiry or a rounding edge only timing decides the answer.
const EDGE_MS: u64 = 60;

#[derive(Debug, Args)]
pub struct StressArgs {
    /// The request, as METHOD /path [default: the plan's first limited route]
    #[arg(long, default_value = "POST /api/v2/bookings")]
    pub route: Route,
    /// How many requests (sequential and burst modes)
    #[arg(long, default_value_t = 35)]
    pub requests: u32,
    /// Time between requests (sequential mode)
    #[arg(long, default_value = "500ms", value_parser = parse_duration)]
    pub interval: Duration,
    /// Send as this API key (masked in every output) [default: a fresh probe key]
    #[arg(long, env = "GATEWAYCTL_STRESS_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Send without a key, as the client address the gateway will see (ip:ADDRESS)
    #[arg(long, conflicts_with = "api_key")]
    pub identity: Option<String>,
    /// The limit you expect; refused before sending when the model disagrees
    #[arg(long)]
    pub expect_limit: Option<u64>,
    /// Burst mode: this many concurrent requests in a fresh window
    #[arg(long, conflicts_with_all = ["rate"])]
    pub burst: Option<u32>,
    /// Rate mode: requests per second, paced open-loop
    #[arg(long)]
    pub rate: Option<f64>,
    /// Max mode: --connections loops back to back for --duration (throughput)
    #[arg(long, conflicts_with_all = ["rate", "burst"])]
    pub max: bool,
    /// Rate and max mode: how long
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub duration: Duration,
    /// Rate mode: at most this many requests in flight; max mode: this many loops
    #[arg(long, default_value_t = 256)]
    pub connections: usize,
    /// Lift the production safety caps (requests, rate, duration)
    #[arg(long)]
    pub allow_high_load: bool,
}

/// Caps that keep a stress run gentle on production unless lifted.
pub const MAX_REQUESTS: u32 = 200;
pub const MAX_RATE: f64 = 50.0;
pub const MAX_DURATION: Duration = Duration::from_secs(60);

fn parse_duration(s: &str) -> Result<Duration, String> {
    duration::parse(s).map_err(|e| e.to_string())
}

pub async fn exec(args: StressArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    check_caps(&args)?;
    let expectation = expectation(&settings, &args);
    if let Some(contradiction) = expectation {
        return Err(CheckFailed(format!("{contradiction}. Nothing was sent.")).into());
    }
    let g = &settings.file.gateway;
    let http = Http::new(&g.base_url, g.request_timeout.0.max(Duration::from_secs(30)), None)?;
    let (sender, headers) = sender(&args)?;
    let report = match (args.burst, args.rate) {
        _ if args.max => {
            stress_load::closed(&http, &args.route, &headers, args.connections, args.duration, &sender.masked()).await
        }
        (Some(n), _) => burst(&settings, &http, &args.route, &sender, &headers, n).await?,
        (_, Some(rate)) => {
            stress_load::paced(&http, &args.route, &headers, rate, args.duration, args.connections, &sender.masked())
                .await
        }
        _ => sequential(&settings, &http, &args, &sender, &headers, ctx).await?,
    };
    let ok = report.mismatches == 0;
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
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
    match settings.limiter.bucket_for(&args.route) {
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
        let id = Identity::parse(text)
            .filter(|i| matches!(i, Identity::Ip(_)))
            .ok_or_else(|| UsageError("--identity takes ip:ADDRESS".into()))?;
        return Ok((id, vec![]));
    }
    let key = args.api_key.clone().unwrap_or_else(|| format!("gatewayctl-stress-{}-{}", std::process::id(), now_ms()));
    Ok((Identity::of(Some(&key), ""), vec![("X-Api-Key".into(), key)]))
}

fn header_refs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn body() -> serde_json::Value {
    serde_json::json!({"service_id": 1, "date": (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string()})
}

/// The identity's keys as Redis has them now, placed in a model keyspace at t=0.
async fn load_keys(settings: &Settings, redis: &mut Redis, route: &Route, hash: &str) -> anyhow::Result<Keyspace> {
    let mut keys = Keyspace::new();
    let mut names = vec![abuse_key(hash), blocked_key(hash)];
    if let Some(b) = settings.limiter.bucket_for(route) {
        names.push(counter_key(hash, &b.name));
    }
    let values = redis.get_many(&names).await?;
    for (name, value) in names.iter().zip(values) {
        if let Some(v) = value.and_then(|v| v.parse::<i64>().ok()) {
            keys.insert(name, v, 0, redis.pttl(name).await?);
        }
    }
    Ok(keys)
}

fn observed(a: &Exchange) -> Answer {
    Answer {
        status: a.status,
        remaining: a.header_u64("x-ratelimit-remaining"),
        retry_after_s: a.header_u64("retry-after"),
    }
}

fn expected(v: &Verdict) -> Answer {
    Answer { status: v.status, remaining: v.remaining, retry_after_s: v.retry_after_s }
}

/// Does the gateway's answer match the model's? (200 stands for "not 429".)
fn matches(v: &Verdict, a: &Answer, ambiguous_ttl: bool) -> bool {
    let retry_ok = match (v.retry_after_s, a.retry_after_s) {
        (Some(w), Some(h)) if ambiguous_ttl => w.abs_diff(h) <= 1,
        (w, h) => w == h,
    };
    (v.status == 429) == (a.status == 429) && v.remaining == a.remaining && retry_ok
}

async fn sequential(
    settings: &Settings,
    http: &Http,
    args: &StressArgs,
    sender: &Identity,
    headers: &[(String, String)],
    ctx: &mut Context,
) -> anyhow::Result<StressReport> {
    let hash = sender.hash();
    let mut redis = Redis::connect(&redis_target(settings)).await?;
    let mut keys = load_keys(settings, &mut redis, &args.route, &hash)
        .await
        .context("while reading the counter before sending")?;
    let bucket = settings.limiter.bucket_for(&args.route).cloned();
    let mut report = StressReport::new("sequential", &args.route, &sender.masked(), bucket.as_ref());
    let refs = header_refs(headers);
    let body = body();
    let spinner = ctx.out.spinner("stress");
    let start = Instant::now();
    for n in 0..args.requests {
        let due = Duration::from_millis(u64::from(n) * args.interval.as_millis() as u64);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            tokio::time::sleep(wait).await;
        }
        let at = start.elapsed().as_millis() as u64;
        let near_expiry = keys.expiries().iter().any(|&e| e.abs_diff(at) < EDGE_MS);
        let verdict = settings.limiter.decide(&mut keys, at, &args.route, &hash);
        let ambiguous_ttl = verdict.ttl_ms.is_some_and(|t| (t % 1000).abs_diff(500) < EDGE_MS);
        let answer = observed(&http.send(&args.route.method, &args.route.path, &refs, Some(&body)).await?);
        let matched = matches(&verdict, &answer, ambiguous_ttl);
        if near_expiry && !matched {
            // Only timing decided this one: take the gateway's state as it is now.
            keys = load_keys(settings, &mut redis, &args.route, &hash).await?;
        }
        let matched = matched || near_expiry;
        spinner.set_message(format!("stress: {}/{}", n + 1, args.requests));
        report.push(StressRow { n: n + 1, at_ms: at, expected: expected(&verdict), observed: answer, matched });
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
    let bucket = settings.limiter.bucket_for(route).cloned();
    let mut redis = Redis::connect(&redis_target(settings)).await?;
    let hash = sender.hash();
    let counter = bucket.as_ref().map(|b| counter_key(&hash, &b.name));
    if let Some(c) = &counter {
        if redis.get_many(std::slice::from_ref(c)).await?[0].is_some() {
            return Err(UsageError(format!(
                "{} already has a counter: a burst needs a fresh window (omit --api-key for a fresh probe key)",
                mask_secret(&hash)
            ))
            .into());
        }
    }
    let mut handles = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let (http, method, path, headers, body) =
            (http.clone(), route.method.clone(), route.path.clone(), headers.to_vec(), body());
        handles.push(tokio::spawn(async move { http.send(&method, &path, &header_refs(&headers), Some(&body)).await }));
    }
    let mut answers = Vec::with_capacity(handles.len());
    for h in handles {
        answers.push(h.await.context("a burst request panicked")?);
    }
    let mut report = StressReport::new("burst", route, &sender.masked(), bucket.as_ref());
    let passed = answers.iter().filter(|a| a.as_ref().is_ok_and(|a| a.status != 429)).count() as u64;
    let limit = bucket.as_ref().map_or(u64::from(n), |b| b.limit);
    let want = u64::from(n).min(limit);
    report.burst_passed = Some(passed);
    report.burst_expected = Some(want);
    if passed != want {
        report.mismatches += 1;
    }
    Ok(report)
}
