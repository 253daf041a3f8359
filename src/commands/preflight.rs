//! `gatewayctl preflight` (Phase 1): every check at once, each with a verdict
//! and its evidence; GO only when none fails. The plan's snippets print; this
//! decides.

use anyhow::Context as _;

use crate::cli::preflight::PreflightArgs;
use crate::commands::Context;
use crate::core::checks::GoNoGo;
use crate::exit;
use crate::ops::preflight::gather;

pub async fn exec(args: PreflightArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    if let Some(fleet) = args.fleet.fleet(ctx, &settings)? {
        // Every host at once, each its own preflight (and its own baseline).
        let report = crate::ops::fleet::preflight(&fleet).await;
        ctx.out.emit(&report).context("while printing the fleet's preflight")?;
        return Ok(if report.decision == GoNoGo::Go { exit::OK } else { exit::CHECK_FAILED });
    }
    if args.probe {
        let plan = crate::ops::probe::plan(&settings, None, crate::ops::probe::DEFAULT_MAX, &[])?;
        ctx.out.status(&format!("probe first: up to {} request(s) to {}", plan.requests, plan.request));
        crate::ops::probe::run(&settings, &plan, &mut |_, _| {}).await.context("while probing before preflight")?;
    }
    let spinner = ctx.out.spinner("preflight: checking");
    let report = gather(&settings).await;
    spinner.finish();
    // Only a preflight that reached Redis and the app records the report's
    // baseline (a wrong --app-dir or Redis down would record nothing true),
    // unless asked on purpose.
    let reached = |name: &str| {
        report.checks.iter().any(|c| c.name == name && c.verdict != crate::core::checks::CheckVerdict::Fail)
    };
    if args.baseline || (reached("redis") && reached("app dir")) {
        crate::commands::record_baseline(ctx, &settings, "preflight").await;
    } else {
        ctx.out.status("baseline not recorded: this preflight did not reach Redis and the app (pass --baseline to record it anyway)");
    }
    ctx.out.emit(&report).context("while printing the preflight report")?;
    Ok(exit::for_checks(report.decision == GoNoGo::Go, &report.checks))
}
