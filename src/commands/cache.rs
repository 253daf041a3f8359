//! `gatewayctl cache status|clear|rebuild` (Phase 2): the plan's artisan
//! commands, each output checked against what Laravel prints on success,
//! then proof from `route:list --json` that the v2 routes carry their
//! middleware. Never `cache:clear` or `optimize:clear`.

use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use sha2::{Digest, Sha256};

use crate::adapters::artisan;
use crate::adapters::state::{self, StateDir};
use crate::commands::{artisan_php, Context};
use crate::core::checks::{Check, Verdict};
use crate::core::journal::{Event, StepOutcome};
use crate::exit::{self, UsageError};
use crate::report::cache::{CacheFile, CacheRunReport, CacheStatusReport};
use crate::settings::Settings;

/// The plan's Phase 2, in order.
pub const CLEAR: &[&str] = &["config:clear", "route:clear", "view:clear"];
pub const BUILD: &[&str] = &["config:cache", "route:cache", "event:cache"];
/// The middleware the plan's v2 group must carry.
pub const V2_MIDDLEWARE: &[&str] = &["api.rate-limit", "api.performance", "api.logging"];
pub const CACHE_FILES: &[&str] = &["config.php", "routes-v7.php", "events.php", "packages.php", "services.php"];

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Which cache files exist, their size, age and hash
    Status,
    /// config:clear, route:clear, view:clear
    Clear(ClearArgs),
    /// Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes
    Rebuild(RunArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Print the commands, run nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ClearArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Also clear the application cache (refused: it flushes the limiter and breaker state)
    #[arg(long)]
    pub application_cache: bool,
}

pub fn exec(cmd: CacheCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    match cmd {
        CacheCommand::Status => {
            ctx.out.emit(&status(settings.app_dir()))?;
            Ok(exit::OK)
        }
        CacheCommand::Clear(args) => {
            if args.application_cache {
                return Err(
                    UsageError(artisan::ArtisanError::Refused { command: "cache:clear".into() }.to_string()).into()
                );
            }
            run(ctx, &settings, CLEAR, args.run.dry_run, false)
        }
        CacheCommand::Rebuild(args) => run(ctx, &settings, &[CLEAR, BUILD].concat(), args.dry_run, true),
    }
}

fn run(ctx: &mut Context, settings: &Settings, commands: &[&str], dry_run: bool, rebuild: bool) -> anyhow::Result<u8> {
    let php = artisan_php(settings);
    let shown: Vec<String> = commands.iter().map(|c| format!("{php} artisan {c}")).collect();
    if dry_run {
        let report = CacheRunReport { dry_run: true, commands: shown, checks: vec![], owes_reload: rebuild };
        ctx.out.emit(&report)?;
        return Ok(exit::OK);
    }
    let started = Instant::now();
    let mut checks = execute(settings, commands);
    if rebuild && checks.iter().all(|c| c.verdict == Verdict::Pass) {
        checks.push(verify_routes(settings));
    }
    let ok = checks.iter().all(|c| c.verdict != Verdict::Fail);
    if rebuild && checks.iter().any(|c| c.name.ends_with(":cache") && c.verdict == Verdict::Pass) {
        journal_rebuild(settings, &checks, ok, started.elapsed().as_millis() as u64)
            .context("while journaling the rebuild")?;
    }
    ctx.out.emit(&CacheRunReport { dry_run: false, commands: shown, checks, owes_reload: rebuild && ok })?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}

/// Runs artisan commands in order, stopping at the first failure.
pub fn execute(settings: &Settings, commands: &[&str]) -> Vec<Check> {
    let php = artisan_php(settings);
    let mut checks = Vec::new();
    for command in commands {
        match artisan::run(&php, settings.app_dir(), &[command]) {
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

/// `route:list --json`: every v2 route carries the plan's three middleware.
pub fn verify_routes(settings: &Settings) -> Check {
    let php = artisan_php(settings);
    let out = match artisan::run(&php, settings.app_dir(), &["route:list", "--json"]) {
        Ok(out) => out,
        Err(e) => return Check::fail("routes", e.to_string(), "the app does not list its routes"),
    };
    let Ok(routes) = serde_json::from_str::<Vec<serde_json::Value>>(out.stdout.trim()) else {
        return Check::fail(
            "routes",
            out.stdout.trim().chars().take(200).collect::<String>(),
            "route:list printed no JSON: the app has no routes",
        );
    };
    let v2: Vec<&serde_json::Value> =
        routes.iter().filter(|r| r["uri"].as_str().is_some_and(|u| u.starts_with("api/v2/"))).collect();
    if v2.is_empty() {
        return Check::fail("routes", "no api/v2 route", "routes/api.php has no v2 group");
    }
    let lacking: Vec<String> = v2
        .iter()
        .filter_map(|r| {
            let mw: Vec<&str> =
                r["middleware"].as_array().map(|a| a.iter().filter_map(|m| m.as_str()).collect()).unwrap_or_default();
            let missing: Vec<&str> = V2_MIDDLEWARE.iter().copied().filter(|m| !mw.contains(m)).collect();
            (!missing.is_empty()).then(|| format!("{} lacks {}", r["uri"].as_str().unwrap_or("?"), missing.join(", ")))
        })
        .collect();
    match lacking.is_empty() {
        true => Check::pass("routes", format!("{} v2 route(s) carry {}", v2.len(), V2_MIDDLEWARE.join(", "))),
        false => Check::fail("routes", lacking.join("; "), "the v2 group lacks the plan's middleware"),
    }
}

fn journal_rebuild(settings: &Settings, checks: &[Check], ok: bool, ms: u64) -> anyhow::Result<()> {
    let journal = StateDir::new(&settings.file.state.dir);
    let run = state::run_id("cache");
    let outcome = if ok { StepOutcome::Ok } else { StepOutcome::Failed };
    let event = Event::StepFinished {
        step: "cache.rebuild".into(),
        phase: "cache".into(),
        outcome,
        duration_ms: ms,
        evidence: checks.to_vec(),
        owes: vec!["reload".into()],
    };
    journal.append(&state::entry(&run, event))?;
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
