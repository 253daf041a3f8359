//! `gatewayctl rollback`: the plan's selective rollbacks (rate-limit,
//! circuit-breaker, log-sanitizer), its 60-second emergency rollback, all of
//! them, what is rolled back now, and undo. Each runs through the one door
//! (lock, journal) into `ops::rollback`.

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use crate::commands::Context;
use crate::core::rollback::Feature;
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::ops::rollback::{self, Options};
use crate::report::rollback::RollbackReport;

/// How long the emergency rollback waits for another operator's lock.
const EMERGENCY_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug, Subcommand)]
pub enum RollbackCommand {
    /// Remove api.rate-limit from every middleware list in routes/api.php
    RateLimit(RunArgs),
    /// Comment out the CircuitBreaker construction in CalcomService::__construct
    CircuitBreaker(RunArgs),
    /// Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers
    LogSanitizer(RunArgs),
    /// The plan's 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)
    Emergency(RunArgs),
    /// Every feature, in reverse order of activation
    All(RunArgs),
    /// What is rolled back now, and what an interruption left half done (from the journal)
    List,
    /// Restore the original bytes, only if the file still holds what the rollback wrote
    Undo(UndoArgs),
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Show the diff and the route:list change; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not clear the config and route caches (stage it by hand, as the plan does)
    #[arg(long)]
    pub no_cache: bool,
    /// Do not reload php-fpm (the change is not live until you do)
    #[arg(long)]
    pub no_reload: bool,
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}

impl RunArgs {
    fn options(&self, emergency: bool) -> Options {
        Options { no_cache: self.no_cache, no_reload: self.no_reload, emergency }
    }
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// rate-limit, circuit-breaker or log-sanitizer
    pub feature: Feature,
    #[command(flatten)]
    pub run: RunArgs,
}

pub async fn exec(cmd: RollbackCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let started = Instant::now();
    let (name, features, args, emergency) = match cmd {
        RollbackCommand::List => {
            ctx.out.emit(&rollback::list(&settings)?)?;
            return Ok(exit::OK);
        }
        RollbackCommand::Undo(u) => {
            let (report, ok) = match u.run.dry_run {
                true => rollback::undo(&settings, None, u.feature, u.run.options(false)).await?,
                false => {
                    ctx.confirm_change(&format!(
                        "restore the original bytes of {} in {} (then caches, reload)?",
                        u.feature,
                        settings.app_dir().display()
                    ))?;
                    let door = open(ctx, &settings, &format!("rollback undo {}", u.feature), &u.run, false).await?;
                    rollback::undo(&settings, Some(&door), u.feature, u.run.options(false)).await?
                }
            };
            return finish(ctx, report, ok, started);
        }
        RollbackCommand::RateLimit(a) => ("rollback rate-limit", vec![Feature::RateLimit], a, false),
        RollbackCommand::CircuitBreaker(a) => ("rollback circuit-breaker", vec![Feature::CircuitBreaker], a, false),
        RollbackCommand::LogSanitizer(a) => ("rollback log-sanitizer", vec![Feature::LogSanitizer], a, false),
        RollbackCommand::Emergency(a) => ("rollback emergency", vec![Feature::RateLimit], a, true),
        RollbackCommand::All(a) => ("rollback all", Feature::ALL.to_vec(), a, false),
    };
    let (report, ok) = match args.dry_run {
        true => rollback::dry_run(&settings, &features).await?,
        false => {
            // The emergency asks nothing, by design: it is the plan's 60-second rollback.
            if !emergency {
                let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
                ctx.confirm_change(&format!(
                    "roll back {} in {} (edit, clear caches, reload php-fpm)?",
                    names.join(", "),
                    settings.app_dir().display()
                ))?;
            }
            let door = open(ctx, &settings, name, &args, emergency).await?;
            rollback::roll_back(&settings, &door, &features, args.options(emergency)).await?
        }
    };
    finish(ctx, report, ok, started)
}

/// The door; the emergency rollback waits a few seconds for a holder, never longer.
async fn open(
    ctx: &mut Context,
    settings: &crate::settings::Settings,
    name: &str,
    args: &RunArgs,
    emergency: bool,
) -> anyhow::Result<Door> {
    let mut knock = Knock::new(name, args.break_lock);
    if emergency {
        knock = knock.waiting(EMERGENCY_WAIT);
    }
    let door = Door::open(settings, knock).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    Ok(door)
}

fn finish(ctx: &mut Context, report: RollbackReport, ok: bool, started: Instant) -> anyhow::Result<u8> {
    let report = RollbackReport { elapsed_ms: started.elapsed().as_millis() as u64, ..report };
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}
