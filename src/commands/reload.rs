//! `gatewayctl reload` (Phase 3): a graceful php-fpm reload, never a restart
//! unless asked, under the operator lock, proven graceful (ops::reload).

use anyhow::Context as _;

use crate::adapters::fpm;
use crate::cli::reload::ReloadArgs;
use crate::commands::Context;
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::ops::reload;
use crate::report::reload::ReloadReport;

pub async fn exec(args: ReloadArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let commands = fpm::reload_commands(&settings.service, args.force_restart);
    if args.dry_run {
        ctx.out.emit(&ReloadReport::dry_run(commands))?;
        return Ok(exit::OK);
    }
    if args.force_restart {
        ctx.out.warn("--force-restart: a restart drops in-flight requests; the plan reloads");
    }
    ctx.confirm_change(&format!("reload php-fpm ({})?", commands.join("; ")))?;
    let door = Door::open(&settings, Knock::new("reload", args.break_lock)).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    let spinner = ctx.out.spinner("reloading php-fpm");
    let report = reload::perform(&settings, &door, args.force_restart).await;
    spinner.finish();
    reload::journal(&door, &report).context("while journaling the reload")?;
    ctx.out.emit(&report)?;
    Ok(if report.graceful { exit::OK } else { exit::CHECK_FAILED })
}
