//! `gatewayctl preflight` (Phase 1): every check at once, each with a verdict
//! and its evidence; GO only when none fails. The plan's snippets print; this
//! decides.

use anyhow::Context as _;
use clap::Args;

use crate::commands::Context;
use crate::core::checks::Decision;
use crate::exit;
use crate::ops::preflight::gather;

#[derive(Debug, Args)]
pub struct PreflightArgs {
    #[command(flatten)]
    pub fleet: crate::commands::fleet::FleetArgs,
    /// Run `model probe` first (one throwaway identity's requests), so what
    /// only traffic shows is judged too; without it, a probe of the last 24 h is used
    #[arg(long)]
    pub probe: bool,
}

pub async fn exec(args: PreflightArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    if let Some(fleet) = args.fleet.fleet(ctx, &settings)? {
        // Every host at once, each its own preflight (and its own baseline).
        let report = crate::ops::fleet::preflight(&fleet).await;
        ctx.out.emit(&report).context("while printing the fleet's preflight")?;
        return Ok(if report.decision == Decision::Go { exit::OK } else { exit::CHECK_FAILED });
    }
    if args.probe {
        let plan = crate::ops::probe::plan(&settings, None, crate::ops::probe::DEFAULT_MAX, &[])?;
        ctx.out.status(&format!("probe first: up to {} request(s) to {}", plan.requests, plan.request));
        crate::ops::probe::run(&settings, &plan, &mut |_, _| {}).await.context("while probing before preflight")?;
    }
    let spinner = ctx.out.spinner("preflight: checking");
    let report = gather(&settings).await;
    spinner.finish();
    crate::commands::activate::record_baseline(ctx, &settings, "preflight").await;
    ctx.out.emit(&report).context("while printing the preflight report")?;
    Ok(exit::for_checks(report.decision == Decision::Go, &report.checks))
}
