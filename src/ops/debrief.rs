//! The debrief after an activation (`gatewayctl report`) and the baseline
//! it compares with (recorded by preflight and activate). Read-only towards
//! the gateway: the logs are streamed (rotations and `.gz` included, files
//! older than the period skipped, large files cut across cores), Redis is
//! read, the journal and watch's series come from the state directory.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, UNIX_EPOCH};

use anyhow::Context as _;

use crate::adapters::logfiles::{self, Unit};
use crate::adapters::redis::Redis;
use crate::adapters::state::StateDir;
use crate::core::debrief::{self, Baseline, CriteriaWindow, MemoryPoint, Tally, WindowFacts};
use crate::core::journal::{self, Entry};
use crate::core::logline;
use crate::ops::{breaker, limiter_target, now_ms, redis_target};
use crate::report::debrief::{DebriefReport, JournalLine, LogsRead, RedisNow};
use crate::settings::Settings;

const HOUR_MS: u64 = 3_600_000;
/// The baseline reads the last hour of log; with fewer than
/// `debrief::MIN_SAMPLE` requests there, six hours, then a day.
const BASELINE_SPANS_MS: [u64; 3] = [HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS];
/// The key patterns a baseline and a report count.
pub const KEY_PATTERNS: [&str; 3] = ["rate_limit:*", "abuse:*", "circuit_breaker:*"];
/// Those of `KEY_PATTERNS` the limiter writes.
const LIMITER_PATTERNS: [&str; 2] = ["rate_limit:*", "abuse:*"];
/// Identities listed per kind.
const TOP: usize = 10;
/// Redis reads give up after this: a report is never held up by a dead Redis.
const REDIS_BOUND: Duration = Duration::from_secs(10);

/// What the logs said, per window asked for.
pub struct Read {
    pub tallies: Vec<Tally>,
    pub files: Vec<PathBuf>,
    pub skipped: usize,
    pub bytes: u64,
}

/// Reads every log line whose time falls in one of `windows` (unix ms,
/// inclusive), on `threads` threads; a file last written before the
/// earliest window is skipped unread. `progress` hears bytes read.
pub fn read_logs(
    settings: &Settings,
    windows: &[(u64, u64)],
    threads: usize,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<Read> {
    let earliest = windows.iter().map(|w| w.0).min().unwrap_or(0);
    let latest = windows.iter().map(|w| w.1).max().unwrap_or(u64::MAX);
    let mut files = Vec::new();
    let mut skipped = 0;
    for f in logfiles::discover(&settings.log_file()) {
        let modified = std::fs::metadata(&f).and_then(|m| m.modified()).ok();
        let ms = modified.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_millis() as u64);
        if ms.is_some_and(|m| m < earliest) {
            skipped += 1;
        } else {
            files.push(f);
        }
    }
    let units =
        logfiles::units(&files, threads, logfiles::SPLIT_ABOVE).context("while cutting the logs into ranges")?;
    // The same window asked twice is read once.
    let mut unique: Vec<(u64, u64)> = windows.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let read = AtomicU64::new(0);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // Each reader folds its units into its own tallies as it goes: memory
    // is readers × windows × one tally, however many files the month has.
    let results: Vec<Mutex<Option<anyhow::Result<Vec<Tally>>>>> =
        (0..threads.max(1).min(units.len())).map(|_| Mutex::new(None)).collect();
    let caller = std::thread::current();
    std::thread::scope(|scope| {
        for slot in &results {
            let (units, files, unique, read, next, done, caller) =
                (&units, &files, &unique, &read, &next, &done, &caller);
            scope.spawn(move || {
                let mut mine: Vec<Tally> = unique.iter().map(|_| Tally::default()).collect();
                let mut failed = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(i) else { break };
                    if failed.is_none() {
                        if let Err(e) = read_unit(files, unit, unique, (earliest, latest), read, &mut mine) {
                            failed = Some(e);
                        }
                    }
                    done.fetch_add(1, Ordering::Release);
                    caller.unpark();
                }
                *slot.lock().expect("a reader panicked") = Some(match failed {
                    Some(e) => Err(e),
                    None => Ok(mine),
                });
            });
        }
        while done.load(Ordering::Acquire) < units.len() {
            progress(read.load(Ordering::Relaxed));
            std::thread::park_timeout(Duration::from_millis(200));
        }
    });
    let mut merged: Vec<Tally> = unique.iter().map(|_| Tally::default()).collect();
    for result in results {
        let part = result.into_inner().expect("a reader panicked").expect("every reader finished")?;
        for (all, theirs) in merged.iter_mut().zip(part) {
            all.merge(theirs);
        }
    }
    // Each window's tally, moved out when no later window shares it.
    let mut merged: Vec<Option<Tally>> = merged.into_iter().map(Some).collect();
    let tallies = windows
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let at = unique.iter().position(|u| u == w).expect("every window is read");
            match windows[i + 1..].contains(w) {
                true => merged[at].clone().expect("not yet moved"),
                false => merged[at].take().expect("not yet moved"),
            }
        })
        .collect();
    Ok(Read { tallies, files, skipped, bytes: read.into_inner() })
}

fn read_unit(
    files: &[PathBuf],
    unit: &Unit,
    windows: &[(u64, u64)],
    (earliest, latest): (u64, u64),
    read: &AtomicU64,
    tallies: &mut [Tally],
) -> anyhow::Result<()> {
    logfiles::for_each_chunk_of(files, unit, |chunk| {
        read.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        for line in chunk.split(|&b| b == b'\n') {
            // A line's head is `[YYYY-…`: stack traces and SQL dumps are skipped unread.
            if line.len() < 22 || line[0] != b'[' || !line[1].is_ascii_digit() {
                continue;
            }
            let Some(at) = std::str::from_utf8(&line[1..20]).ok().and_then(logline::timestamp_ms) else { continue };
            if at < earliest || at > latest {
                continue;
            }
            let Some((_, record)) = std::str::from_utf8(line).ok().and_then(logline::record) else { continue };
            for (tally, &(from, to)) in tallies.iter_mut().zip(windows) {
                if (from..=to).contains(&at) {
                    tally.add(at, &record);
                }
            }
        }
    })
    .with_context(|| format!("while reading {}", files[unit.file].display()))?;
    Ok(())
}

fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Redis as it stands: memory, key counts, each breaker's state. Bounded in time.
async fn redis_now(settings: &Settings) -> RedisNow {
    let read = async {
        let mut redis = Redis::connect(&redis_target(settings)).await?;
        let memory = redis.used_memory_mb().await;
        // The limiter's keys live where its shape keeps them.
        let limiter = limiter_target(settings);
        let mut limiter_redis = match limiter == redis_target(settings) {
            true => None,
            false => Some(Redis::connect(&limiter).await?),
        };
        let mut keys = std::collections::BTreeMap::new();
        for pattern in KEY_PATTERNS {
            let conn = match limiter_redis.as_mut() {
                Some(conn) if LIMITER_PATTERNS.contains(&pattern) => conn,
                _ => &mut redis,
            };
            keys.insert(pattern.to_string(), conn.count(pattern, &mut |_| {}).await.ok());
        }
        let mut breakers = std::collections::BTreeMap::new();
        let mut elsewhere = breaker::connect_if_elsewhere(settings).await.transpose()?;
        let conn = elsewhere.as_mut().unwrap_or(&mut redis);
        for (service, cfg) in &settings.breakers {
            let store = &settings.breaker_store;
            let state =
                breaker::read(conn, store, service, cfg, now_ms() / 1000).await.ok().map(|s| s.state.to_string());
            breakers.insert(service.clone(), state);
        }
        anyhow::Ok(RedisNow { memory_mb: memory, keys, breakers, error: None })
    };
    match tokio::time::timeout(REDIS_BOUND, read).await {
        Ok(Ok(now)) => now,
        Ok(Err(e)) => RedisNow { error: Some(format!("{e:#}")), ..RedisNow::default() },
        Err(_) => RedisNow { error: Some(format!("no answer in {} s", REDIS_BOUND.as_secs())), ..RedisNow::default() },
    }
}

/// Whether a baseline was written, or why not.
pub enum BaselineOutcome {
    Recorded(Box<Baseline>),
    /// Not recorded: the logs no longer show "before".
    Kept(String),
}

/// Records what the gateway looks like now, before a change, unless an
/// activation is live (its logs show "after": the baseline kept stands).
pub async fn record_baseline(settings: &Settings, by: &str) -> anyhow::Result<BaselineOutcome> {
    let state = StateDir::new(&settings.file.state.dir);
    let entries = state.scan_journal().map(|(e, _)| e).unwrap_or_default();
    let real = journal::real_entries(&entries);
    if let Some(live) = journal::activation_live(&real) {
        return Ok(BaselineOutcome::Kept(format!(
            "the gateway has been live since {}: the logs show after, so the baseline kept stands",
            live.ts
        )));
    }
    let now = now_ms();
    let windows: Vec<(u64, u64)> = BASELINE_SPANS_MS.iter().map(|&s| (now.saturating_sub(s), now)).collect();
    let for_read = settings.clone();
    let read = crate::ops::blocking::run("baseline", move || read_logs(&for_read, &windows, threads(), &mut |_| {}))
        .await
        .map_err(|c| anyhow::anyhow!(c.evidence))??;
    let redis = redis_now(settings).await;
    let pick =
        read.tallies.iter().position(|t| t.requests() >= debrief::MIN_SAMPLE).unwrap_or(BASELINE_SPANS_MS.len() - 1);
    let tally = &read.tallies[pick];
    let span = BASELINE_SPANS_MS[pick];
    let stamp = |ms: u64| chrono::DateTime::from_timestamp_millis(ms as i64).unwrap_or_default();
    let baseline = Baseline {
        recorded_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        by: by.into(),
        from: stamp(now - span).format("%Y-%m-%d %H:%M:%S").to_string(),
        to: stamp(now).format("%Y-%m-%d %H:%M:%S").to_string(),
        span_s: span / 1000,
        files: read.files.len(),
        lines: tally.lines,
        routes: tally.routes.iter().map(|(k, r)| (k.clone(), debrief::figures(r, span, true))).collect(),
        requests: tally.requests(),
        server_errors: tally.server_errors(),
        upstream_unavailable: tally.upstream_unavailable(),
        rate_limited: tally.limited,
        breaker_opens: tally.transitions.iter().filter(|t| t.state == "open").count() as u64,
        redis_memory_mb: redis.memory_mb,
        keys: redis.keys,
    };
    state.write_baseline(&baseline)?;
    Ok(BaselineOutcome::Recorded(Box::new(baseline)))
}

/// Where the report's period starts.
#[derive(Debug, Clone)]
pub enum Since {
    Activation,
    /// Unix ms.
    At(u64),
}

/// Gathers the report for the period from `since` to now.
pub async fn gather(settings: &Settings, since: Since, progress: &mut dyn FnMut(u64)) -> anyhow::Result<DebriefReport> {
    let now = now_ms();
    let state = StateDir::new(&settings.file.state.dir);
    let (entries, health) = state.scan_journal()?;
    let real = journal::real_entries(&entries);
    let activation = journal::last_activation(&real).and_then(|e| rfc3339_ms(&e.ts).map(|ms| (e.clone(), ms)));
    let mut notes = Vec::new();
    if !health.unreadable.is_empty() {
        notes.push(format!("{} journal line(s) unreadable: `gatewayctl journal check`", health.unreadable.len()));
    }
    let start = match (&since, &activation) {
        (Since::At(ms), _) => *ms,
        (Since::Activation, Some((_, ms))) => *ms,
        (Since::Activation, None) => {
            notes.push("no activation in the journal: the report covers the last 24 h".into());
            now.saturating_sub(24 * HOUR_MS)
        }
    };
    // The log has whole seconds: a line in the activation's second is after it.
    let start = start - start % 1000;
    let activation = activation.map(|(e, ms)| (e, ms - ms % 1000));
    let baseline = match state.read_baseline() {
        Ok(b) => b,
        Err(e) => {
            notes.push(format!("the baseline is unreadable ({e}): after only"));
            None
        }
    };
    if baseline.is_none() {
        notes.push(
            "no baseline: it is recorded by preflight and activate from this version on, so this report shows after only"
                .into(),
        );
    }
    // The period, then the plan's criteria windows after activation.
    let mut windows = vec![(start, now)];
    // "After" is never before the activation, whatever --since reaches back to.
    let after_from = activation.as_ref().map_or(start, |(_, act)| start.max(*act));
    windows.push((after_from, now));
    let criteria_windows: Vec<(&str, u64)> =
        vec![("First 2 Hours", 2 * HOUR_MS), ("First 24 Hours", 24 * HOUR_MS), ("First Week", 7 * 24 * HOUR_MS)];
    if let Some((_, act)) = &activation {
        windows.extend(criteria_windows.iter().map(|(_, span)| (*act, (act + span).min(now))));
    }
    let for_read = settings.clone();
    let read = {
        let w = windows.clone();
        let (tx, mut rx) = tokio::sync::watch::channel(0u64);
        let task = crate::ops::blocking::run("report", move || {
            read_logs(&for_read, &w, threads(), &mut |b| {
                let _ = tx.send(b);
            })
        });
        tokio::pin!(task);
        loop {
            tokio::select! {
                done = &mut task => break done.map_err(|c| anyhow::anyhow!(c.evidence))??,
                changed = rx.changed() => if changed.is_ok() { progress(*rx.borrow()) },
            }
        }
    };
    let security = security_scan(settings, &read.files).await;
    let redis = redis_now(settings).await;
    if let Some(e) = &redis.error {
        notes.push(format!("Redis did not answer ({e}): memory, keys and the breaker's state now are unknown"));
    }
    let (series, bad) = state.read_series();
    if bad > 0 {
        notes.push(format!("{bad} unreadable line(s) in watch's series were skipped"));
    }
    let mut memory: Vec<MemoryPoint> = series
        .iter()
        .filter(|p| p.at_ms >= start)
        .filter_map(|p| p.redis_memory_mb.map(|m| MemoryPoint { at_ms: p.at_ms, memory_mb: m }))
        .collect();
    if let Some(m) = redis.memory_mb {
        memory.push(MemoryPoint { at_ms: now, memory_mb: m });
    }
    let before_memory = baseline
        .as_ref()
        .and_then(|b| Some(MemoryPoint { at_ms: rfc3339_ms(&b.recorded_at)?, memory_mb: b.redis_memory_mb? }));
    let breaker_series: Vec<(u64, String)> = series
        .iter()
        .filter(|p| p.at_ms >= start)
        .filter_map(|p| p.breaker_state.clone().map(|s| (p.at_ms, s)))
        .collect();

    let period = &read.tallies[0];
    let after = &read.tallies[1];
    let routes = debrief::compare(
        &baseline.as_ref().map(|b| b.routes.clone()).unwrap_or_default(),
        after,
        now.saturating_sub(after_from).max(1),
    );
    let limits = debrief::limit_review(period, TOP);
    let periods = debrief::open_periods(period, start, now);
    let mut trend_points = memory.clone();
    trend_points.extend(before_memory.clone());
    let trend = debrief::memory_trend(&trend_points);
    let worst_breaker = redis.breakers.values().flatten().max_by_key(|s| match s.as_str() {
        "open" => 2,
        "half_open" => 1,
        _ => 0,
    });
    // A scan of no file saw nothing: it is no evidence either way.
    let scanned = security.as_ref().ok().filter(|s| s.files > 0);
    let unsanitized = scanned.map(|s| s.findings);
    let mut criteria = Vec::new();
    if let Some((_, act)) = &activation {
        for (i, (name, span)) in criteria_windows.iter().enumerate() {
            let tally = &read.tallies[i + 2];
            let to = (act + span).min(now);
            let complete = act + span <= now;
            let in_window: Vec<MemoryPoint> = memory
                .iter()
                .filter(|p| (*act..=to).contains(&p.at_ms))
                .cloned()
                .chain(before_memory.clone())
                .collect();
            let window_memory = debrief::memory_trend(&in_window);
            let window_periods = debrief::open_periods(tally, *act, to);
            let window_breaker: Vec<(u64, String)> =
                breaker_series.iter().filter(|(at, _)| (*act..=to).contains(at)).cloned().collect();
            let facts = WindowFacts {
                tally,
                complete,
                baseline: baseline.as_ref(),
                periods: &window_periods,
                memory: &window_memory,
                unsanitized,
                breaker_now: if complete { None } else { worst_breaker.cloned() },
                breaker_sampled: &window_breaker,
            };
            let window_limits = debrief::limit_review(tally, TOP);
            let list = match i {
                0 => debrief::first_hours(&facts),
                1 => debrief::first_day(&facts, &window_limits),
                _ => debrief::first_week(&facts, &window_limits, &routes),
            };
            criteria.push(CriteriaWindow {
                name: name.to_string(),
                from_ms: *act,
                to_ms: to,
                complete,
                criteria: list,
            });
        }
    } else {
        notes.push(
            "no activation in the journal: the Success Criteria are judged from activation, so none is judged".into(),
        );
    }
    let wired = std::fs::read_to_string(settings.app_dir().join(crate::core::rollback::validation::CONTROLLER))
        .ok()
        .and_then(|t| crate::core::rollback::validation::wired(&t).ok());
    let stress: Vec<debrief::StressProof> = real
        .iter()
        .filter_map(|e| match &e.event {
            journal::Event::Outcome { command, ok, summary, refused }
                if command == journal::STRESS_OUTCOME && rfc3339_ms(&e.ts).is_some_and(|t| t >= start) =>
            {
                Some(debrief::StressProof { at: e.ts.clone(), ok: *ok, summary: summary.clone(), refused: *refused })
            }
            _ => None,
        })
        .collect();
    let tasks = debrief::checklist(&debrief::TaskFacts {
        validation_wired: wired,
        limits: &limits,
        periods: &periods,
        baseline: baseline.is_some(),
        latency: &routes,
        memory: &trend,
        unsanitized: scanned.map(|s| (s.findings, s.files)),
        requests: period.requests(),
        stress: &stress,
    });
    if period.lines == 0 {
        notes.push("no log line in the period: nothing happened, or the log is elsewhere (gateway.log_file)".into());
    }
    let words = crate::ops::status::describe_all(&real);
    let journal = real
        .iter()
        .zip(words)
        .filter(|(e, _)| rfc3339_ms(&e.ts).is_some_and(|ms| ms >= start))
        .filter(|(e, _)| worth_listing(e))
        .map(|(e, what)| JournalLine { ts: e.ts.clone(), run: e.run.clone(), what })
        .collect();
    // The gateway's own bugs, where its app is here to dry-run.
    let mut findings = match crate::ops::limiter::has_app(settings) {
        true => crate::ops::findings::gather_async(settings).await.findings,
        false => vec![],
    };
    // And what traffic showed, from a recent model probe.
    match crate::ops::probe::recent(settings) {
        (Some(probe), _) => findings.extend(probe.findings),
        (None, Some(note)) => notes.push(note),
        (None, None) => {}
    }
    Ok(DebriefReport {
        findings,
        generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        from_ms: start,
        to_ms: now,
        activation: activation.as_ref().map(|(e, _)| e.ts.clone()),
        activation_run: activation.as_ref().map(|(e, _)| e.run.clone()),
        baseline: baseline.map(|b| Baseline { routes: Default::default(), ..b }),
        logs: LogsRead {
            files: read.files.iter().map(|f| f.display().to_string()).collect(),
            skipped_older: read.skipped,
            bytes: read.bytes,
            lines: period.lines,
            requests: period.requests(),
            server_errors: period.server_errors(),
            error_lines: period.error_lines,
            slow_responses: period.slow_responses,
            requests_per_hour: period.requests_per_hour.iter().map(|(&h, &n)| (h, n)).collect(),
        },
        routes,
        limits,
        violation_lines: {
            let t = settings.thresholds.rate_limit_hits_per_hour;
            [t.normal_below, t.alert_above]
        },
        breaker_periods: periods,
        breaker_transitions: period.transitions.len() as u64 + period.transitions_dropped,
        transitions: {
            let mut t = period.transitions.clone();
            t.sort_by_key(|t| t.at_ms);
            t.truncate(1000);
            t
        },
        breaker_series,
        memory: {
            let mut m = memory;
            m.extend(before_memory);
            m.sort_by_key(|p| p.at_ms);
            m
        },
        memory_trend: trend,
        redis,
        security_error: security.as_ref().err().map(|e| format!("{e:#}")),
        security: security.ok(),
        tasks,
        criteria,
        journal,
        notes,
    })
}

/// The journal events a review lists: runs, rollbacks, undos, integrations,
/// resets and outcomes (not every step).
fn worth_listing(e: &Entry) -> bool {
    use journal::Event::*;
    matches!(
        e.event,
        RunStarted { .. }
            | RunFinished { .. }
            | RollbackApplied { .. }
            | RollbackAborted { .. }
            | UndoApplied { .. }
            | IntegrateApplied { .. }
            | BreakerReset { .. }
            | Outcome { .. }
            | LockBroken { .. }
    )
}

/// The security audit: `logs scan` over every file of the period.
async fn security_scan(settings: &Settings, files: &[PathBuf]) -> anyhow::Result<crate::report::debrief::Security> {
    let files = files.to_vec();
    let rules = settings.sanitizer.clone();
    crate::ops::blocking::run("security scan", move || {
        let options = crate::ops::logscan::ScanOptions { keep: 5, threads: threads() };
        let scans = crate::ops::logscan::scan_files(&files, &rules, &options, &mut |_| {})?;
        let findings = scans.iter().map(|s| s.total_findings).sum();
        let examples = scans
            .iter()
            .flat_map(|s| {
                let name = s.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                s.findings.iter().map(move |f| format!("{name}:{} {}", f.line, f.rule))
            })
            .take(5)
            .collect();
        anyhow::Ok(crate::report::debrief::Security {
            files: scans.len(),
            lines: scans.iter().map(|s| s.lines).sum(),
            findings,
            examples,
        })
    })
    .await
    .map_err(|c| anyhow::anyhow!(c.evidence))?
}

fn rfc3339_ms(ts: &str) -> Option<u64> {
    chrono::DateTime::parse_from_rfc3339(ts).ok().and_then(|t| u64::try_from(t.timestamp_millis()).ok())
}
