//! `gatewayctl watch` (Phase 6): the plan's four terminals and its Key
//! Metrics table in one place. Follows laravel.log, reads Redis and the
//! breaker, probes health, judges each metric by its threshold, alerts on a
//! change of level, and with --auto-rollback rolls a feature back when its
//! metric stays at alert. Bounded by --duration; Ctrl-C ends it with the
//! summary.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::adapters::artisan::{self, DetailedHealth};
use crate::adapters::http::Http;
use crate::adapters::logfollow::Follower;
use crate::adapters::redis::{Redis, RedisTarget};
use crate::adapters::{metrics_server, webhook};
use crate::cli::watch::WatchArgs;
use crate::commands::{now_ms, redis_target, Context};
use crate::core::debrief::RESPONSE_TIME_LIMIT_MS;
use crate::core::duration;
use crate::core::logline;
use crate::core::logscan::Scanner;
use crate::core::rollback::Feature;
use crate::core::thresholds::Level;
use crate::core::watch::{levels, threshold_of, values, Alerts, Guard, GuardRule, LevelChange, Readings, Window};
use crate::exit;
use crate::ops::breaker;
use crate::ops::door::{Door, Knock};
use crate::ops::rollback::{self, Options};
use crate::report::fleet::{FleetWatchLine, FleetWatchRun};
use crate::report::watch::{
    prometheus, Criterion, Health, LogProgress, RollbackAction, WatchLine, WatchRun, WatchSample, WatchSummary,
};
use crate::settings::Settings;

/// What the whole run saw, for the summary.
#[derive(Default)]
struct Totals {
    samples: u64,
    requests: u64,
    server_errors: u64,
    rate_limit_hits: u64,
    breaker_opens: u64,
    unsanitized: u64,
    worst_p95_ms: f64,
    last_breaker: Option<String>,
    rollbacks: Vec<RollbackAction>,
    lines: u64,
    healthy_samples: u64,
    unhealthy_samples: u64,
    alerts_delivered: u64,
    alerts_failed: u64,
}

pub async fn exec(args: WatchArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    if let Some(fleet) = args.fleet.fleet(ctx, &settings)? {
        return on_fleet(ctx, &settings, &fleet, &args).await;
    }
    let w = &settings.file.watch;
    let duration = args.duration.unwrap_or(w.duration.0);
    let interval = args.interval.unwrap_or(w.interval.0).max(Duration::from_millis(100));
    let exposition: metrics_server::Exposition = Arc::new(Mutex::new(String::new()));
    if let Some(addr) = args.metrics_listen {
        let bound = metrics_server::serve(addr, exposition.clone())
            .await
            .with_context(|| format!("while listening on {addr}"))?;
        ctx.out.status(&format!("metrics on http://{bound}/metrics"));
    }
    let rules: Vec<GuardRule> = match args.auto_rollback {
        true => w
            .auto_rollback
            .iter()
            .map(|r| GuardRule { metric: r.metric.clone(), feature: r.feature.clone(), after: r.after.get() })
            .collect(),
        false => Vec::new(),
    };
    // A guard that can never see its metric is no guard: say so up front.
    if rules.iter().any(|r| r.metric == "validation_refused_percent") && w.access_log.as_os_str().is_empty() {
        ctx.out.warn(
            "watch.access_log is not set: the 422 share on collect-appointment is unknown, and the input-validation guard cannot act",
        );
    }
    let mut state = Watch::new(&settings, rules).await?;
    let series = crate::adapters::state::StateDir::new(&settings.file.state.dir);
    let mut series_failed = false;
    let started = Instant::now();
    let mut interrupted = false;
    // `--format json`: one document at the end; the samples wait for it.
    let mut kept: Vec<WatchSample> = Vec::new();
    // Bounded: at most duration / interval samples, and Ctrl-C stops it.
    while started.elapsed() < duration {
        // The last interval is cut to what is left: --duration 2s lasts 2 s
        // and still takes its sample.
        let wait = interval.min(duration.saturating_sub(started.elapsed()));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = tokio::signal::ctrl_c() => { interrupted = true; break; }
        }
        let sample = state.sample(started.elapsed()).await;
        *exposition.lock().expect("exposition lock") = prometheus(&sample);
        // The series outlives the run: `report` reads the trend from it.
        if let Err(e) = series.append_series(&series_point(&sample)) {
            if !series_failed {
                ctx.out.warn(&format!("samples are not being recorded for `gatewayctl report`: {e}"));
                series_failed = true;
            }
        }
        // A person relying on the alerts must know when one did not arrive.
        for failed in sample.alerts.iter().filter(|a| !a.delivered) {
            ctx.out.warn(&format!(
                "alert NOT delivered to the webhook after {} attempt(s): {}",
                failed.attempts,
                failed.error.as_deref().unwrap_or("unknown error")
            ));
        }
        match ctx.out.streams() {
            true => ctx.out.stream(&WatchLine::Sample(Box::new(sample)))?,
            false => kept.push(sample),
        }
    }
    let summary = state.summary(started.elapsed(), settings.file.watch.duration.0, interrupted);
    if summary.alerts_failed > 0 {
        ctx.out.warn(&format!("{} alert(s) were not delivered to the webhook", summary.alerts_failed));
    }
    let ok = summary.ok;
    ctx.journal_outcome(&settings, "watch", ok, summary.judgement.clone()).await;
    match ctx.out.streams() {
        true => ctx.out.stream(&WatchLine::Summary(summary))?,
        false => ctx.out.emit(&WatchRun { samples: kept, summary })?,
    }
    Ok(if interrupted {
        exit::INTERRUPTED
    } else if ok {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

/// Every host's own watch, streamed back and merged (ops::fleet::watch).
async fn on_fleet(
    ctx: &mut Context,
    settings: &Settings,
    fleet: &crate::ops::fleet::Fleet,
    args: &WatchArgs,
) -> anyhow::Result<u8> {
    if args.metrics_listen.is_some() {
        return Err(crate::exit::UsageError("--metrics-listen is per host: each host serves its own".into()).into());
    }
    let w = &settings.file.watch;
    let mut remote: Vec<String> = vec!["watch".into()];
    let duration = args.duration.unwrap_or(w.duration.0);
    let interval = args.interval.unwrap_or(w.interval.0);
    remote.extend(["--duration".into(), format!("{}ms", duration.as_millis())]);
    remote.extend(["--interval".into(), format!("{}ms", interval.as_millis())]);
    if args.auto_rollback {
        remote.push("--auto-rollback".into());
    }
    let out = &mut ctx.out;
    let mut kept = Vec::new();
    let summary = crate::ops::fleet::watch(fleet, &remote, &mut |line| match (out.streams(), line) {
        (false, FleetWatchLine::Sample(s)) => {
            kept.push(s.clone());
            Ok(())
        }
        _ => out.stream(line),
    })
    .await?;
    let ok = summary.ok;
    match ctx.out.streams() {
        true => ctx.out.stream(&FleetWatchLine::Summary(summary))?,
        false => ctx.out.emit(&FleetWatchRun { samples: kept, summary })?,
    }
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}

/// A sample as the state directory keeps it for `report`.
fn series_point(s: &WatchSample) -> crate::core::debrief::SeriesPoint {
    crate::core::debrief::SeriesPoint {
        at_ms: now_ms(),
        redis_memory_mb: s.redis_memory_mb,
        rate_limit_keys: s.rate_limit_keys,
        abuse_keys: s.abuse_keys,
        breaker_state: s.breaker_state.clone(),
        requests: s.figures.requests,
        server_errors: s.figures.server_errors,
        rate_limit_hits: s.figures.rate_limit_hits,
        response_p95_ms: s.figures.response_p95_ms,
        overall: format!("{:?}", s.overall).to_lowercase(),
    }
}

struct Watch<'a> {
    settings: &'a Settings,
    follower: Follower,
    /// nginx's access log, when configured: the only place a 422 shows.
    access: Option<Follower>,
    window: Window,
    alerts: Alerts,
    guard: Guard,
    scanner: Scanner,
    http: Http,
    client: reqwest::Client,
    redis: Option<Redis>,
    target: RedisTarget,
    /// Where the limiter's keys live when its shape puts them elsewhere
    /// (another database or prefix); `None`: in `target`.
    limiter: Option<(RedisTarget, Option<Redis>)>,
    /// The breakers' keys live with the limiter's (`limiter`), not in `target`.
    breakers_with_limiter: bool,
    last_detailed: Option<Instant>,
    health_failures: u64,
    totals: Totals,
    /// Sentinel mode: the master the last sample read.
    master: Option<String>,
    /// Cluster mode: the primaries at the last sample.
    primaries: Vec<String>,
}

impl<'a> Watch<'a> {
    async fn new(settings: &'a Settings, rules: Vec<GuardRule>) -> anyhow::Result<Watch<'a>> {
        let g = &settings.file.gateway;
        let mut target = redis_target(settings);
        // SCAN paced so Redis is never hurt by watching it.
        target.scan_pause = Duration::from_millis(2);
        let mut keys = crate::ops::limiter_target(settings);
        keys.scan_pause = target.scan_pause;
        let limiter = match keys == target {
            true => None,
            false => {
                let conn = Redis::connect(&keys).await.ok();
                Some((keys, conn))
            }
        };
        let breakers_with_limiter = breaker::target(settings) != target;
        Ok(Watch {
            limiter,
            breakers_with_limiter,
            settings,
            follower: Follower::at_end(&settings.log_file()),
            access: (!settings.file.watch.access_log.as_os_str().is_empty())
                .then(|| Follower::at_end(&settings.file.watch.access_log)),
            window: Window::new(settings.file.watch.window.0.as_millis() as u64),
            alerts: Alerts::default(),
            guard: Guard::new(rules),
            scanner: Scanner::new(&settings.sanitizer),
            http: Http::new(&g.base_url, g.request_timeout.0, None)?,
            client: reqwest::Client::builder().build().context("while building the webhook client")?,
            redis: Redis::connect(&target).await.ok(),
            target,
            last_detailed: None,
            master: None,
            primaries: Vec::new(),
            health_failures: 0,
            totals: Totals::default(),
        })
    }

    async fn sample(&mut self, elapsed: Duration) -> WatchSample {
        let now = now_ms();
        let (log, log_readable) = self.read_log(now);
        let access_log_readable = self.read_access_log(now);
        let reading = self.read_redis().await;
        let (memory_mb, rate_keys, abuse_keys, breaker_state) =
            (reading.memory_mb, reading.rate, reading.abuse, reading.worst.clone());
        // A failover the connection followed is an event, said and announced.
        let mut events = Vec::new();
        let now_master = self.redis.as_ref().and_then(|r| r.master()).map(str::to_string);
        if let (Some(before), Some(now)) = (&self.master, &now_master) {
            if before != now {
                events.push(format!("the Redis master failed over: {before} → {now} (watch goes on against {now})"));
            }
        }
        if now_master.is_some() {
            self.master = now_master;
        }
        // A cluster's primaries changing (a replica promoted) is one too.
        let primaries: Vec<String> = reading.by_server.keys().cloned().collect();
        if primaries.len() > 1 {
            if !self.primaries.is_empty() && self.primaries != primaries {
                events.push(format!(
                    "the Redis Cluster's primaries changed: {} → {}",
                    self.primaries.join(", "),
                    primaries.join(", ")
                ));
            }
            self.primaries = primaries;
        }
        let health = self.probe().await;
        self.health_failures = if health.ok { 0 } else { self.health_failures + 1 };
        let detailed = self.detailed().await;
        let figures = self.window.figures(now);
        let readings = Readings {
            redis_memory_mb: memory_mb,
            log_readable,
            health_failures: self.health_failures,
            access_log_readable,
        };
        let values = values(&figures, &readings);
        let levels = levels(&self.settings.thresholds, &values);
        let thresholds =
            values.keys().map(|k| (k.clone(), threshold_of(&self.settings.thresholds, k))).collect::<BTreeMap<_, _>>();
        let overall = levels.values().copied().max().unwrap_or(Level::Unknown);
        let changes = self.alerts.changes(&levels, &values);
        let mut alerts = Vec::new();
        let alerting: Vec<&LevelChange> = changes.iter().filter(|c| c.worth_alerting()).collect();
        if !alerting.is_empty() {
            // One message per sample: every change in it, so a burst of
            // changes is one alert, not a queue of retries.
            let lines: Vec<String> = alerting
                .iter()
                .map(|c| {
                    let value = c.value.map_or("no data".to_string(), |v| format!("{v:.2}"));
                    let behind = match (c.metric.as_str(), crate::core::watch::behind(&figures)) {
                        ("error_rate_percent", Some(b)) if c.to > Level::Normal => format!(" ({b})"),
                        _ => String::new(),
                    };
                    format!("{} is {:?} ({value}), was {:?}{behind}", c.metric, c.to, c.from)
                })
                .collect();
            alerts.extend(self.announce(&format!("gatewayctl watch: {}", lines.join("; "))).await);
        }
        for event in &events {
            alerts.extend(self.announce(&format!("gatewayctl watch: {event}")).await);
        }
        let mut rollbacks = Vec::new();
        for rule in self.guard.acting(&levels) {
            let action = self.roll_back(&rule).await;
            alerts.extend(
                self.announce(&format!(
                    "gatewayctl watch: {} held at alert; rolled back {}: {}",
                    rule.metric, rule.feature, action.detail
                ))
                .await,
            );
            rollbacks.push(action);
        }
        self.totals.samples += 1;
        self.totals.worst_p95_ms = self.totals.worst_p95_ms.max(figures.response_p95_ms);
        self.totals.last_breaker = breaker_state.clone();
        match health.ok {
            true => self.totals.healthy_samples += 1,
            false => self.totals.unhealthy_samples += 1,
        }
        self.totals.alerts_delivered += alerts.iter().filter(|a| a.delivered).count() as u64;
        self.totals.alerts_failed += alerts.iter().filter(|a| !a.delivered).count() as u64;
        self.totals.rollbacks.extend(rollbacks.clone());
        WatchSample {
            ts: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            n: self.totals.samples,
            elapsed_s: elapsed.as_secs(),
            figures,
            redis_memory_mb: memory_mb,
            redis_memory_by_node: if reading.by_server.len() > 1 { reading.by_server } else { BTreeMap::new() },
            rate_limit_keys: rate_keys,
            abuse_keys,
            breaker_state,
            health,
            detailed_health: detailed,
            values,
            levels,
            thresholds,
            overall,
            changes,
            alerts,
            rollbacks,
            log,
            events,
        }
    }

    /// The new access-log lines into the window; false when there is no
    /// access log to read (then the 422 share is unknown, never 0).
    fn read_access_log(&mut self, now: u64) -> bool {
        let Some(follower) = self.access.as_mut() else { return false };
        let Ok(lines) = follower.poll() else { return false };
        for line in &lines {
            if let Some(access) = crate::core::accesslog::parse(line) {
                self.window.record_access(now, &access);
            }
        }
        self.settings.file.watch.access_log.is_file()
    }

    /// The new log lines, counted; and whether the log could be read at all.
    fn read_log(&mut self, now: u64) -> (LogProgress, bool) {
        let polled = self.follower.poll();
        let readable = polled.is_ok() && self.settings.log_file().is_file();
        let lines = polled.unwrap_or_default();
        self.totals.lines += lines.len() as u64;
        let mut unsanitized = 0;
        for line in &lines {
            let record = logline::record(line);
            let event = record.as_ref().map_or(logline::LogEvent::Other, |(_, r)| r.event());
            if let Some((_, logline::Record::ApiRequest { method, path, status, .. })) = &record {
                if *status >= 500 {
                    self.window.record_failure(now, &format!("{method} {path}"), *status);
                }
            }
            match event {
                logline::LogEvent::ApiRequest { status, .. } => {
                    self.totals.requests += 1;
                    self.totals.server_errors += u64::from(status >= 500);
                }
                logline::LogEvent::RateLimited => self.totals.rate_limit_hits += 1,
                logline::LogEvent::BreakerOpened => self.totals.breaker_opens += 1,
                _ => {}
            }
            self.window.record(now, &event);
            let mut found = Vec::new();
            self.scanner.scan_line(line.as_bytes(), 0, &mut found);
            unsanitized += found.len() as u64;
        }
        self.totals.unsanitized += unsanitized;
        let progress = LogProgress {
            lines: lines.len() as u64,
            rotations: self.follower.rotations,
            truncations: self.follower.truncations,
            unsanitized,
        };
        (progress, readable)
    }

    /// Memory (in all and per server), key counts and the worst breaker
    /// state; `None` for what Redis did not answer (never 0 MB for a Redis
    /// that is down).
    async fn read_redis(&mut self) -> RedisReading {
        if self.redis.is_none() {
            self.redis = Redis::connect(&self.target).await.ok();
        }
        let Some(redis) = self.redis.as_mut() else { return RedisReading::default() };
        // Sentinel mode: a demoted master still answers reads; follow the failover.
        if redis.follow_master().await.is_err() {
            self.redis = None;
            return RedisReading::default();
        }
        let Some(redis) = self.redis.as_mut() else { return RedisReading::default() };
        let by_server: BTreeMap<String, Option<f64>> = redis.memory_by_server().await.into_iter().collect();
        // A sum missing a node would understate: no figure rather than a wrong one.
        let memory = by_server.values().copied().sum::<Option<f64>>();
        let (rate, abuse) = match self.limiter.as_mut() {
            None => {
                (redis.count("rate_limit:*", &mut |_| {}).await.ok(), redis.count("abuse:*", &mut |_| {}).await.ok())
            }
            Some((target, conn)) => {
                if conn.is_none() {
                    *conn = Redis::connect(target).await.ok();
                }
                match conn.as_mut() {
                    Some(keys) => {
                        let counts = (
                            keys.count("rate_limit:*", &mut |_| {}).await.ok(),
                            keys.count("abuse:*", &mut |_| {}).await.ok(),
                        );
                        if counts.0.is_none() {
                            *conn = None; // reconnect next time
                        }
                        counts
                    }
                    None => (None, None),
                }
            }
        };
        // The breakers live under [redis], or with the limiter's keys.
        let conn = match (self.breakers_with_limiter, self.limiter.as_mut()) {
            (true, Some((_, conn))) => conn.as_mut(),
            _ => self.redis.as_mut(),
        };
        let mut states = Vec::new();
        if let Some(redis) = conn {
            for (service, cfg) in &self.settings.breakers {
                let store = &self.settings.breaker_store;
                if let Ok(s) = breaker::read(redis, store, service, cfg, now_ms() / 1000).await {
                    states.push(s.state);
                }
            }
        }
        if rate.is_none() || memory.is_none() {
            self.redis = None; // reconnect next time
        }
        let severity = |s: &crate::core::breaker::BreakerState| match s {
            crate::core::breaker::BreakerState::Open => 2,
            crate::core::breaker::BreakerState::HalfOpen => 1,
            crate::core::breaker::BreakerState::Closed => 0,
        };
        let worst = states.iter().max_by_key(|s| severity(s)).map(|s| s.to_string());
        RedisReading { memory_mb: memory, by_server, rate, abuse, worst }
    }

    async fn probe(&self) -> Health {
        match self.http.get(&self.settings.file.gateway.health_path).await {
            Ok(a) => {
                Health { ok: a.status == 200, status: Some(a.status), latency_ms: a.elapsed.as_secs_f64() * 1000.0 }
            }
            Err(_) => Health { ok: false, status: None, latency_ms: 0.0 },
        }
    }

    /// The plan's detailed health check, every watch.detailed_every.
    async fn detailed(&mut self) -> Option<String> {
        let every = self.settings.file.watch.detailed_every.0;
        if self.last_detailed.is_some_and(|t| t.elapsed() < every) {
            return None;
        }
        self.last_detailed = Some(Instant::now());
        let (php, app) = (self.settings.file.gateway.php.clone(), self.settings.app_dir().to_path_buf());
        let bound = self.settings.file.gateway.app_timeout.0;
        // It ran: say what it found, a failure to run included (never nothing).
        let report =
            crate::ops::blocking::run("health:detailed", move || artisan::health_detailed(&php, &app, bound)).await;
        Some(match report {
            Ok(Ok(DetailedHealth::Reported { status, .. })) => status.unwrap_or_else(|| "no status printed".into()),
            Ok(Ok(DetailedHealth::Undefined)) => "unavailable".into(),
            Ok(Err(e)) => format!("failed: {e}"),
            Err(failed) => format!("failed: {}", failed.evidence),
        })
    }

    async fn announce(&self, text: &str) -> Option<webhook::Delivery> {
        let url = &self.settings.file.watch.webhook;
        if url.is_empty() {
            return None;
        }
        Some(webhook::post(&self.client, url, text).await)
    }

    async fn roll_back(&self, rule: &GuardRule) -> RollbackAction {
        let Ok(feature) = rule.feature.parse::<Feature>() else {
            return RollbackAction {
                metric: rule.metric.clone(),
                feature: rule.feature.clone(),
                ok: false,
                detail: "unknown feature".into(),
            };
        };
        let started = Instant::now();
        // The guard goes through the same door as a person: it waits a few
        // seconds for another operator, never takes their lock.
        let knock = Knock::new(&format!("watch auto-rollback {feature}"), false).waiting(Duration::from_secs(3));
        let outcome = match Door::open(self.settings, knock).await {
            Ok(door) => rollback::roll_back(self.settings, &door, &[feature], Options::default()).await,
            Err(e) => Err(e.into()),
        };
        let (ok, detail) = match outcome {
            Ok((_, ok)) => (
                ok,
                format!(
                    "{} in {} ms",
                    if ok { "done and observed off" } else { "ran, but not every check passed" },
                    started.elapsed().as_millis()
                ),
            ),
            Err(e) => (false, format!("{e:#}")),
        };
        RollbackAction { metric: rule.metric.clone(), feature: rule.feature.clone(), ok, detail }
    }

    /// The plan's success criteria, each judged on what was seen; a
    /// criterion with nothing to go on is unknown, and a watch shorter than
    /// planned says how much of it was watched.
    fn summary(&self, elapsed: Duration, planned: Duration, interrupted: bool) -> WatchSummary {
        let t = &self.totals;
        let criterion = |name: &str, verdict: &str, evidence: String| Criterion {
            name: name.into(),
            verdict: verdict.into(),
            evidence,
            decisive: true,
        };
        let judged = |pass: bool| if pass { "pass" } else { "fail" };
        let no_traffic = "no API request was logged while watching: nothing shows the gateway served".to_string();
        let criteria = vec![
            match t.samples {
                0 => criterion("Gateway healthy", "unknown", "no sample was taken".into()),
                _ => criterion(
                    "Gateway healthy",
                    judged(t.unhealthy_samples == 0),
                    format!("{} of {} health probe(s) answered 200", t.healthy_samples, t.samples),
                ),
            },
            match t.requests {
                0 => criterion("Zero 5xx errors introduced", "unknown", no_traffic.clone()),
                n => criterion(
                    "Zero 5xx errors introduced",
                    judged(t.server_errors == 0),
                    format!("{} 5xx of {n} requests", t.server_errors),
                ),
            },
            match t.rate_limit_hits {
                0 => Criterion {
                    decisive: false,
                    ..criterion(
                        "Rate limiting working (429 for excessive requests)",
                        "unknown",
                        "no client exceeded a limit while watching; `gatewayctl stress rate-limit` proves it".into(),
                    )
                },
                n => criterion(
                    "Rate limiting working (429 for excessive requests)",
                    "pass",
                    format!("{n} rate-limit rejection(s) logged"),
                ),
            },
            match (t.lines, t.unsanitized) {
                (0, _) => criterion(
                    "Log sanitization active (no sensitive data in logs)",
                    "unknown",
                    "no new log line was read while watching".into(),
                ),
                (n, u) => criterion(
                    "Log sanitization active (no sensitive data in logs)",
                    judged(u == 0),
                    format!("{u} unsanitized value(s) in {n} new line(s)"),
                ),
            },
            match t.last_breaker.as_deref() {
                None => criterion("Circuit breaker in CLOSED state", "unknown", "the breaker could not be read".into()),
                Some(state) => criterion(
                    "Circuit breaker in CLOSED state",
                    judged(state == "closed"),
                    format!("last seen {state}, opened {} time(s)", t.breaker_opens),
                ),
            },
            match t.requests {
                0 => criterion("Response times < 500ms", "unknown", no_traffic),
                n => criterion(
                    "Response times < 500ms",
                    judged(t.worst_p95_ms < RESPONSE_TIME_LIMIT_MS),
                    format!(
                        "worst p95 {:.1} ms (the limit {RESPONSE_TIME_LIMIT_MS:.0} ms) over {n} requests",
                        t.worst_p95_ms
                    ),
                ),
            },
        ];
        let failed = criteria.iter().any(|c| c.verdict == "fail");
        let unknown = criteria.iter().any(|c| c.decisive && c.verdict != "pass");
        let complete = !interrupted && elapsed + Duration::from_millis(500) >= planned;
        let judgement = match (failed, unknown, complete) {
            (true, _, _) => "the plan's success criteria are not met".to_string(),
            (false, true, _) => "not judged: some criteria had nothing to go on (see unknown)".to_string(),
            (false, false, true) => format!("the first {} meet the plan's success criteria", duration::format(planned)),
            (false, false, false) => format!(
                "so far good: {} watched of the planned {}; too early to judge the first hours",
                duration::format(Duration::from_secs(elapsed.as_secs().max(1))),
                duration::format(planned)
            ),
        };
        WatchSummary {
            samples: t.samples,
            duration_s: elapsed.as_secs(),
            planned_s: planned.as_secs(),
            interrupted,
            requests: t.requests,
            server_errors: t.server_errors,
            rate_limit_hits: t.rate_limit_hits,
            breaker_opens: t.breaker_opens,
            unsanitized: t.unsanitized,
            worst_p95_ms: t.worst_p95_ms,
            healthy_samples: t.healthy_samples,
            unhealthy_samples: t.unhealthy_samples,
            alerts_delivered: t.alerts_delivered,
            alerts_failed: t.alerts_failed,
            rollbacks: t.rollbacks.clone(),
            criteria,
            judgement,
            ok: !failed && !unknown && t.samples > 0,
        }
    }
}

/// What one sample read from Redis.
#[derive(Debug, Default)]
struct RedisReading {
    memory_mb: Option<f64>,
    /// Each server that holds keys (every primary of a cluster) and its memory.
    by_server: BTreeMap<String, Option<f64>>,
    rate: Option<u64>,
    abuse: Option<u64>,
    worst: Option<String>,
}
