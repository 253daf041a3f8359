//! `gatewayctl cache status|clear|rebuild` (Phase 2): the plan's artisan
//! commands, each output checked against what Laravel prints on success,
//! then proof from `route:list --json` that the v2 routes carry their
//! middleware. Never `cache:clear` or `optimize:clear`.

use std::time::Instant;

use anyhow::Context as _;

use crate::adapters::artisan;
use crate::cli::cache::{CacheCommand, RunArgs};
use crate::commands::{artisan_php, Context};
use crate::core::checks::CheckVerdict;
use crate::exit::{self, UsageError};
use crate::ops::cache::{self, BUILD, CLEAR};
use crate::ops::door::{Door, Knock};
use crate::report::cache::CacheRunReport;
use crate::settings::Settings;

pub async fn exec(cmd: CacheCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    match cmd {
        CacheCommand::Status => {
            ctx.out.emit(&cache::status(settings.app_dir()))?;
            Ok(exit::OK)
        }
        CacheCommand::Clear(args) => {
            if args.application_cache {
                return Err(
                    UsageError(artisan::ArtisanError::Refused { command: "cache:clear".into() }.to_string()).into()
                );
            }
            run(ctx, &settings, CLEAR, &args.run, false).await
        }
        CacheCommand::Rebuild(args) => run(ctx, &settings, &[CLEAR, BUILD].concat(), &args, true).await,
    }
}

async fn run(
    ctx: &mut Context,
    settings: &Settings,
    commands: &[&str],
    args: &RunArgs,
    rebuild: bool,
) -> anyhow::Result<u8> {
    let php = artisan_php(settings);
    let shown: Vec<String> = commands.iter().map(|c| format!("{php} artisan {c}")).collect();
    if args.dry_run {
        crate::settings::require_app_dir(settings)?;
        let report = CacheRunReport { dry_run: true, commands: shown, checks: vec![], owes_reload: rebuild };
        ctx.out.emit(&report)?;
        return Ok(exit::OK);
    }
    let name = if rebuild { "cache rebuild" } else { "cache clear" };
    ctx.confirm_change(&format!("{name} in {} ({})?", settings.app_dir().display(), commands.join(", ")))?;
    let door = Door::open(settings, Knock::new(name, args.break_lock)).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    let started = Instant::now();
    let mut checks = cache::run(settings, &door, commands, artisan::DEFAULT_TIMEOUT).await;
    if rebuild && checks.iter().all(|c| c.verdict == CheckVerdict::Pass) {
        checks.push(cache::verify(settings).await);
    }
    let ok = checks.iter().all(|c| c.verdict.is_good());
    if rebuild && checks.iter().any(|c| c.name.ends_with(":cache") && c.verdict == CheckVerdict::Pass) {
        cache::journal_rebuild(&door, &checks, ok, started.elapsed().as_millis() as u64)
            .context("while journaling the rebuild")?;
    }
    ctx.out.emit(&CacheRunReport { dry_run: false, commands: shown, checks, owes_reload: rebuild && ok })?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}
