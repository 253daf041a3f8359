//! `gatewayctl status`: one screen for an engineer arriving mid-incident
//! (ops::status); with --hosts, each host's own. Read-only; never takes the lock.

use crate::cli::status::StatusArgs;
use crate::commands::Context;
use crate::exit;

pub async fn exec(args: StatusArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    if let Some(fleet) = args.fleet.fleet(ctx, &settings)? {
        let report = crate::ops::fleet::status(&fleet).await;
        let answered = report.hosts.iter().all(|h| h.report.is_some());
        ctx.out.emit(&report)?;
        return Ok(if answered { exit::OK } else { exit::CHECK_FAILED });
    }
    let report = crate::ops::status::gather(&settings).await;
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}
