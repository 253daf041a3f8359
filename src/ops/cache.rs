//! Laravel's config, route and event caches (Phase 2): artisan commands run
//! in order, each output checked against what Laravel prints on success,
//! and proof from `route:list --json` that the v2 routes carry their
//! middleware. Never `cache:clear` or `optimize:clear`.

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::adapters::artisan;
use crate::core::checks::Check;
use crate::core::journal::{Event, StepOutcome};
use crate::ops::blocking;
use crate::ops::door::Door;
use crate::report::cache::{CacheFile, CacheStatusReport};
use crate::settings::Settings;

/// The plan's Phase 2, in order.
pub const CLEAR: &[&str] = &["config:clear", "route:clear", "view:clear"];
pub const BUILD: &[&str] = &["config:cache", "route:cache", "event:cache"];
/// The middleware the plan's v2 group must carry besides the limiter (which
/// is matched under any name it answers to).
pub const V2_MIDDLEWARE: &[&str] = &["api.performance", "api.logging"];
pub const CACHE_FILES: &[&str] = &["config.php", "routes-v7.php", "events.php", "packages.php", "services.php"];

/// Runs artisan `commands` in order off the async workers, under the lock.
pub async fn run(settings: &Settings, _door: &Door, commands: &[&str], timeout: Duration) -> Vec<Check> {
    let (s, commands) = (settings.clone(), commands.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    blocking::checks("artisan", move || {
        let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
        execute(&s, &refs, timeout)
    })
    .await
}

/// `route:list` proof off the async workers.
pub async fn verify(settings: &Settings) -> Check {
    let s = settings.clone();
    blocking::run("routes", move || verify_routes(&s)).await.unwrap_or_else(|failed| failed)
}

/// Runs artisan commands in order, stopping at the first failure.
fn execute(settings: &Settings, commands: &[&str], timeout: Duration) -> Vec<Check> {
    let php = settings.file.gateway.php.clone();
    let deadline = std::time::Instant::now() + timeout;
    let mut checks = Vec::new();
    for command in commands {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match artisan::run_within(&php, settings.app_dir(), &[command], left) {
            Ok(out) => checks.push(Check::pass(command, out.stdout.trim().replace('\n', " / "))),
            Err(e) => {
                checks.push(Check::fail(
                    command,
                    e.to_string(),
                    "nothing after it ran; fix this and run `gatewayctl cache rebuild` again",
                ));
                break;
            }
        }
    }
    let handed_back = artisan::restore_ownership(settings.app_dir());
    if handed_back > 0 {
        checks.push(Check::pass(
            "ownership",
            format!("{handed_back} file(s) artisan created as root handed back to the owner of storage/"),
        ));
    }
    checks
}

/// `route:list --json`, its groups expanded as the app registers them:
/// every v2 route carries the limiter and the plan's other two middleware.
pub fn verify_routes(settings: &Settings) -> Check {
    let (php, app) = (&settings.file.gateway.php, settings.app_dir());
    let listed = match crate::ops::routes::routes(php, app, settings.file.gateway.app_timeout.0) {
        Ok(listed) => crate::ops::limiter::expanded(app, listed),
        Err(e) => return Check::fail("routes", e, "the app does not list its routes"),
    };
    let v2: Vec<(&String, &Vec<String>)> =
        listed.iter().filter(|((_, uri), _)| uri.starts_with("api/v2/")).map(|((_, uri), (_, mw))| (uri, mw)).collect();
    if v2.is_empty() {
        return Check::fail("routes", "no api/v2 route", "routes/api.php has no v2 group");
    }
    let limiter = crate::ops::limiter::attachment(settings);
    let lacking: Vec<String> = v2
        .iter()
        .filter_map(|(uri, mw)| {
            let mut missing: Vec<String> =
                V2_MIDDLEWARE.iter().filter(|m| !mw.iter().any(|x| x == *m)).map(|m| m.to_string()).collect();
            if !mw.iter().any(|m| limiter.names(m)) {
                missing.insert(0, format!("the limiter ({})", limiter.describe()));
            }
            (!missing.is_empty()).then(|| format!("{uri} lacks {}", missing.join(", ")))
        })
        .collect();
    match lacking.is_empty() {
        true => Check::pass(
            "routes",
            format!("{} v2 route(s) carry the limiter and {}", v2.len(), V2_MIDDLEWARE.join(", ")),
        ),
        false => Check::fail("routes", lacking.join("; "), "the v2 group lacks the plan's middleware"),
    }
}

/// Records a rebuild that owes a reload until one completes.
pub fn journal_rebuild(door: &Door, checks: &[Check], ok: bool, ms: u64) -> anyhow::Result<()> {
    let outcome = if ok { StepOutcome::Ok } else { StepOutcome::Failed };
    let event = Event::StepFinished {
        step: "cache.rebuild".into(),
        phase: "cache".into(),
        outcome,
        duration_ms: ms,
        evidence: checks.to_vec(),
        owes: vec!["reload".into()],
    };
    door.record(event)?;
    Ok(())
}

/// The cache files, as they are now.
pub fn status(app: &Path) -> CacheStatusReport {
    let files = CACHE_FILES
        .iter()
        .map(|name| {
            let path = app.join("bootstrap/cache").join(name);
            let meta = std::fs::metadata(&path).ok();
            CacheFile {
                name: name.to_string(),
                present: meta.is_some(),
                bytes: meta.as_ref().map(|m| m.len()),
                modified: meta
                    .and_then(|m| m.modified().ok())
                    .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339()),
                sha256: sha256_file(&path),
            }
        })
        .collect();
    CacheStatusReport { app_dir: app.to_path_buf(), files }
}

/// SHA-256 of a file in hex; `None` if it cannot be read.
pub fn sha256_file(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect())
}
