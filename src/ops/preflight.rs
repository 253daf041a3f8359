//! Phase 1's checks, all at once, each with a verdict and its evidence: the
//! gateway's health, Redis, the breakers, php-fpm, disk, recent errors, the
//! caches, the plan's fixes in the code, and the journal's owed work.

use std::path::Path;
use std::time::Instant;

use crate::adapters::artisan::{self, DetailedHealth};
use crate::adapters::redis::Redis;
use crate::adapters::state::StateDir;
use crate::adapters::{disk, fpm, logtail};
use crate::core::checks::{decide, Check};
use crate::core::integration::{FixStatus, Integration};
use crate::core::journal::{self, Owed};
use crate::core::rollback::Feature;
use crate::ops::artisan_php;
use crate::ops::breaker;
use crate::ops::health;
use crate::report::preflight::PreflightReport;
use crate::settings::Settings;

/// Runs every check concurrently.
pub async fn gather(settings: &Settings) -> PreflightReport {
    let started = Instant::now();
    let app = settings.app_dir().to_path_buf();
    let (for_detailed, for_host) = (settings.clone(), settings.clone());
    let (health, detailed, redis_checks, host, ready, bugs) = tokio::join!(
        health::check(settings),
        crate::ops::blocking::checks("health:detailed", move || vec![detailed_health(for_detailed)]),
        redis_checks(settings),
        crate::ops::blocking::checks("host", move || host_checks(for_host)),
        crate::ops::rollback::prove_ahead(settings, Feature::RateLimit),
        crate::ops::findings::gather_async(settings),
    );
    let integration = crate::ops::limiter::integration(settings);
    let (owed, journal_check) = owed_work(settings);
    let mut checks = vec![app_check(settings), health];
    checks.extend(detailed);
    checks.extend(redis_checks);
    checks.extend(host);
    checks.push(integration_check(&integration));
    checks.push(journal_check);
    checks.push(owed_check(&owed));
    checks.push(ready);
    checks.push(bugs.check());
    let mut findings = bugs.findings;
    // What traffic showed, from a recent model probe.
    match crate::ops::probe::recent(settings) {
        (Some(probe), _) => {
            checks.push(crate::ops::probe::check(&probe));
            findings.extend(probe.findings);
        }
        (None, Some(note)) => checks.push(Check::warn(
            "what traffic showed (model probe)",
            note,
            "run `gatewayctl model probe` (or `preflight --probe`) to judge what only traffic shows",
        )),
        (None, None) => {}
    }
    PreflightReport {
        decision: decide(&checks),
        app_dir: app,
        checks,
        integration,
        owed,
        findings,
        elapsed_ms: started.elapsed().as_millis() as u64,
    }
}

/// The app dir must be a Laravel app: every other check reads it.
fn app_check(settings: &Settings) -> Check {
    match crate::settings::require_app_dir(settings) {
        Ok(()) => Check::pass(
            "app dir",
            format!("{}: {}", settings.app_dir().display(), crate::settings::APP_MARKERS.join(", ")),
        ),
        Err(e) => Check::fail("app dir", e.to_string(), "point gatewayctl at the gateway's Laravel app"),
    }
}

fn detailed_health(settings: Settings) -> Check {
    let php = artisan_php(&settings);
    let name = "health:detailed";
    match artisan::health_detailed(&php, settings.app_dir(), settings.file.gateway.app_timeout.0) {
        Err(e @ artisan::ArtisanError::TimedOut { .. }) => Check::unknown(
            name,
            format!("{e} (gateway.app_timeout)"),
            "the app did not answer in time: does a service provider wait on a database or an API while it boots?",
        ),
        Err(e) => Check::warn(name, e.to_string(), "check gateway.php and the app dir"),
        Ok(DetailedHealth::Undefined) => Check::warn(
            name,
            "the app has no health:detailed command",
            "the plan's detailed health check is unavailable here",
        ),
        Ok(DetailedHealth::Reported { status, exit_ok, output }) => match (exit_ok, status.as_deref()) {
            (true, Some("healthy")) => Check::pass(name, "healthy"),
            (_, Some("degraded")) => Check::warn(name, output, "degraded: read each check before going on"),
            _ => Check::fail(name, output.chars().take(400).collect::<String>(), "unhealthy: investigate first"),
        },
    }
}

async fn redis_checks(settings: &Settings) -> Vec<Check> {
    let mut redis = match Redis::connect(&crate::ops::redis_target(settings)).await {
        Ok(r) => r,
        Err(e) => {
            let hint = crate::ops::REDIS_DOWN_HINT;
            return vec![Check::fail("redis", e.to_string(), hint), Check::fail("breaker", "Redis unreachable", hint)];
        }
    };
    let ping = match redis.ping().await {
        Ok(latency) => latency,
        Err(e) => return vec![Check::fail("redis", e.to_string(), "Redis does not answer PING")],
    };
    let per_server = redis.memory_by_server().await;
    let Some(mb) = per_server.iter().map(|(_, mb)| *mb).sum::<Option<f64>>() else {
        let silent: Vec<&str> = per_server.iter().filter(|(_, mb)| mb.is_none()).map(|(s, _)| s.as_str()).collect();
        let evidence = format!(
            "PING {:.1} ms, but INFO memory gave no used_memory ({})",
            ping.as_secs_f64() * 1000.0,
            silent.join(", ")
        );
        return vec![
            Check::unknown("redis", evidence, "Redis memory cannot be judged against the plan's thresholds"),
            breaker::check(settings, &mut redis, breaker::BreakerGate::BeforeActivating).await,
        ];
    };
    let evidence = if redis.shards().is_empty() {
        let found = match redis.master() {
            Some(_) => " (the master the sentinels name, confirmed by ROLE)",
            None => "",
        };
        format!("PING {:.1} ms, used_memory {mb:.1} MB at {}{found}", ping.as_secs_f64() * 1000.0, redis.shown_url())
    } else {
        // A cluster: the sum is judged (the plan's figure is the gateway's
        // whole Redis), and each primary is shown.
        let nodes: Vec<String> =
            per_server.iter().map(|(s, mb)| format!("{s} {:.1} MB", mb.unwrap_or_default())).collect();
        format!(
            "PING {:.1} ms (slowest of {} primaries), used_memory {mb:.1} MB in all: {}",
            ping.as_secs_f64() * 1000.0,
            per_server.len(),
            nodes.join(", ")
        )
    };
    let redis_check = match settings.thresholds.redis_memory_mb.level(mb) {
        crate::core::thresholds::Level::Alert | crate::core::thresholds::Level::Unknown => {
            Check::fail("redis", evidence, "Redis memory above the plan's alert threshold")
        }
        crate::core::thresholds::Level::Warning => {
            Check::warn("redis", evidence, "Redis memory above the plan's normal range")
        }
        crate::core::thresholds::Level::Normal => Check::pass("redis", evidence),
    };
    vec![redis_check, breaker::check(settings, &mut redis, breaker::BreakerGate::BeforeActivating).await]
}

fn host_checks(settings: Settings) -> Vec<Check> {
    vec![
        disk_check(settings.app_dir()),
        fpm_running(&settings),
        fpm_config(&settings),
        log_errors(&settings),
        cache_files(settings.app_dir()),
    ]
}

fn disk_check(app: &Path) -> Check {
    match disk::space(app) {
        Ok(space) => {
            let free = space.free_percent();
            let evidence = format!("{:.1}% free ({:.1} GB) on {}", free, space.free_bytes as f64 / 1e9, app.display());
            match free {
                f if f < 5.0 => Check::fail("disk", evidence, "free disk space first: caches and logs need room"),
                f if f < 10.0 => Check::warn("disk", evidence, "less than 10% free"),
                _ => Check::pass("disk", evidence),
            }
        }
        Err(e) => Check::fail("disk", format!("{}: {e}", app.display()), "check gateway.app_dir"),
    }
}

fn fpm_running(settings: &Settings) -> Check {
    let state = fpm::state(&settings.service);
    match state.running {
        true => Check::pass("php-fpm", state.evidence),
        false => Check::fail("php-fpm", state.evidence, "php-fpm must run before a reload can load the new code"),
    }
}

fn fpm_config(settings: &Settings) -> Check {
    match fpm::config_test(&settings.service) {
        Ok(evidence) => Check::pass("php-fpm -t", evidence),
        Err(e) => Check::fail("php-fpm -t", e.to_string(), "fix php-fpm's config: a reload on it would kill php-fpm"),
    }
}

fn log_errors(settings: &Settings) -> Check {
    let path = settings.log_file();
    let text = match logtail::tail(&path, 1024 * 1024) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let others = other_logs(&path);
            let seen = match others.is_empty() {
                true => String::new(),
                false => format!("; its directory holds {}", others.join(", ")),
            };
            return Check::unknown(
                "recent errors",
                format!("{} does not exist: no log was read, so no error could be seen{seen}", path.display()),
                "fix gateway.log_file (relative to the app dir)",
            );
        }
        Err(e) => return Check::unknown("recent errors", format!("{}: {e}", path.display()), "cannot read the log"),
    };
    let since = (chrono::Utc::now() - chrono::Duration::hours(1)).format("%Y-%m-%d %H:%M:%S").to_string();
    // Lines that name one of gatewayctl's own identities (the app's abuse
    // alarm on a stress run's or a probe's key) are its checks' doing.
    let (own, errors): (Vec<&str>, Vec<&str>) =
        logtail::errors_since(&text, &since).into_iter().partition(|line| crate::core::own::named_in(line).is_some());
    let discounted = match own.first().and_then(|l| crate::core::own::named_in(l)) {
        None => String::new(),
        Some(purpose) => format!(
            "; {} more discounted: they name gatewayctl's own identities (e.g. its {} key), its checks' doing",
            own.len(),
            purpose.word()
        ),
    };
    match errors.last() {
        None => Check::pass(
            "recent errors",
            format!("no ERROR/CRITICAL in the last hour of {} ({} bytes read){discounted}", path.display(), text.len()),
        ),
        Some(last) => Check::fail(
            "recent errors",
            format!(
                "{} ERROR/CRITICAL line(s) in the last hour{discounted}; last: {}",
                errors.len(),
                // The line as logged may hold what the sanitizer missed: masked as `logs scan` shows it.
                crate::core::logscan::Scanner::new(&settings.sanitizer)
                    .mask(last)
                    .chars()
                    .take(200)
                    .collect::<String>()
            ),
            "the plan: any errors → investigate first",
        ),
    }
}

/// Other logs beside a missing one: a typo'd name, or a daily channel.
fn other_logs(path: &Path) -> Vec<String> {
    let Some(dir) = path.parent() else { return vec![] };
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut found: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".log"))
        .collect();
    found.sort();
    found.truncate(5);
    found
}

fn cache_files(app: &Path) -> Check {
    let present: Vec<&str> = ["config.php", "routes-v7.php", "events.php"]
        .into_iter()
        .filter(|f| app.join("bootstrap/cache").join(f).is_file())
        .collect();
    let evidence = match present.is_empty() {
        true => "no config/route/event cache: new code is read on each request".to_string(),
        false => format!("cached: {} (Phase 2 rebuilds them)", present.join(", ")),
    };
    Check::pass("caches", evidence)
}

fn integration_check(fixes: &[FixStatus]) -> Check {
    if !fixes.is_empty() && fixes.iter().all(|f| f.status == Integration::Missing) {
        return Check::fail(
            "integration",
            format!("none of the plan's {} fixes is in the code", fixes.len()),
            "this is not the gateway the plan was written for (or the wrong app dir): nothing to activate",
        );
    }
    // A known gap now wired (input validation, once integrated) is closed, not a difference.
    let closed = |f: &FixStatus| f.expected < Integration::Wired && f.status == Integration::Wired;
    let off: Vec<String> = fixes
        .iter()
        .filter(|f| f.status != f.expected && !closed(f))
        .map(|f| format!("{}: {:?}", f.fix, f.status))
        .collect();
    let known = fixes.iter().filter(|f| f.status == f.expected && f.status < Integration::Wired).count();
    if off.is_empty() {
        return Check::pass(
            "integration",
            format!("as the plan describes ({known} known gap(s): see the fixes table)"),
        );
    }
    Check::warn(
        "integration",
        format!("differs from the plan: {}", off.join("; ")),
        "read the fixes table: the code is not what the plan assumes",
    )
}

/// What the journal says is owed, and whether the journal could be read at all.
fn owed_work(settings: &Settings) -> (Vec<Owed>, Check) {
    let state = StateDir::new(&settings.file.state.dir);
    let (entries, health) = match state.scan_journal() {
        Ok(read) => read,
        Err(e) => return (vec![], Check::fail("journal", e.to_string(), "the journal cannot be read")),
    };
    if let Some((line, reason)) = health.unreadable.first() {
        let evidence = format!("{} line {line}: {reason}", state.journal_path().display());
        let hint = "what is rolled back or owed is unknown: `gatewayctl journal check`, then `journal repair`";
        return (vec![], Check::fail("journal", evidence, hint));
    }
    let real = journal::real_entries(&entries);
    let mut owed = journal::owed(&real);
    owed.extend(journal::half_done(&real));
    let check = match health.torn_tail {
        Some(line) => Check::warn(
            "journal",
            format!("{} entries; line {line} is torn (a crash mid-append), skipped", health.entries),
            "`gatewayctl journal repair` sets it aside",
        ),
        None => Check::pass("journal", format!("{} entries, every line readable", health.entries)),
    };
    (owed, check)
}

fn owed_check(owed: &[Owed]) -> Check {
    match owed.first() {
        None => Check::pass("owed work", "nothing left half-done (journal read)"),
        Some(o) if o.step.starts_with("rollback ") || o.step.starts_with("rollback undo ") => Check::fail(
            "owed work",
            format!("{} is half done since {} (run {})", o.because, o.since, o.run),
            format!("finish it: `gatewayctl {}`", o.step),
        ),
        Some(o) => Check::warn(
            "owed work",
            format!("{} is owed since {} ({} ran in run {}, nothing completed it)", o.step, o.since, o.because, o.run),
            "run `gatewayctl activate --resume` to finish it",
        ),
    }
}

/// Verdicts as words, for the journal's evidence.
pub fn summary(checks: &[Check]) -> String {
    let failed: Vec<&str> = checks.iter().filter(|c| !c.verdict.is_good()).map(|c| c.name.as_str()).collect();
    if failed.is_empty() {
        "GO".into()
    } else {
        format!("NO-GO: {}", failed.join(", "))
    }
}
