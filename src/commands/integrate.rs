//! `gatewayctl integrate input-validation`: the plan's HIGH-priority fix
//! (Known Issue 1), previewed on the traffic already logged, proven on a
//! shadow, journaled, made live and observed on. Through the one door into
//! `ops::integrate`; `rollback input-validation` switches it off again.

use std::time::Instant;

use crate::cli::integrate::IntegrateCommand;
use crate::commands::Context;
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::ops::integrate;
use crate::report::integrate::IntegrateReport;

pub async fn exec(cmd: IntegrateCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let IntegrateCommand::InputValidation(args) = cmd;
    let settings = ctx.gateway()?;
    let started = Instant::now();
    if args.impact {
        let impact = crate::ops::replay::impact(&settings, args.since.0).await?;
        let mut report = IntegrateReport::new(true, Some(Ok(impact.clone())));
        report.status = crate::report::integrate::IntegrateStatus::Preview;
        report.elapsed_ms = started.elapsed().as_millis() as u64;
        ctx.out.emit(&report)?;
        // A preview of nothing is no evidence that nobody would be refused.
        return Ok(if impact.payloads == 0 { exit::CHECK_FAILED } else { exit::OK });
    }
    ctx.out.status("reading the logged payloads and replaying them through the FormRequest on a shadow…");
    let impact = crate::ops::replay::impact(&settings, args.since.0).await;
    if args.run.dry_run {
        let (report, ok) = integrate::dry_run(&settings, Some(impact)).await?;
        return finish(ctx, report, ok, started);
    }
    let question = match &impact {
        Ok(i) if i.refused > 0 => format!(
            "wire input validation in {}? {} of {} logged calls would have been refused with 422",
            settings.app_dir().display(),
            i.refused,
            i.payloads
        ),
        Ok(i) if i.payloads == 0 => format!(
            "wire input validation in {}? no logged call to preview it on: its effect on callers is unknown",
            settings.app_dir().display()
        ),
        Ok(i) => format!(
            "wire input validation in {}? none of {} logged calls would have been refused",
            settings.app_dir().display(),
            i.payloads
        ),
        Err(e) => format!(
            "wire input validation in {}? the impact preview failed ({e:#}): its effect on callers is unknown",
            settings.app_dir().display()
        ),
    };
    // The operator answers knowing which callers would be refused, and why.
    if let Ok(i) = &impact {
        for r in i.rules.iter().take(8) {
            ctx.out
                .status(&format!("  {}: {} — {} of {} (e.g. {})", r.field, r.rule, r.refused, i.payloads, r.example));
        }
    }
    ctx.confirm_change(&question)?;
    let door = Door::open(&settings, Knock::new("integrate input-validation", args.run.break_lock)).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    let opts = args.run.options(false);
    let (report, ok) = integrate::integrate(&settings, &door, opts, Some(impact)).await?;
    finish(ctx, report, ok, started)
}

pub fn finish(ctx: &mut Context, report: IntegrateReport, ok: bool, started: Instant) -> anyhow::Result<u8> {
    let report = IntegrateReport { elapsed_ms: started.elapsed().as_millis() as u64, ..report };
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}
