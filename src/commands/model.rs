//! `gatewayctl model probe`: learn a running gateway's limiter by
//! experiment, with one throwaway identity and a bounded budget (ops::probe).

use crate::cli::model::ModelCommand;
use crate::commands::Context;
use crate::core::limiter::mask_secret;
use crate::core::route::Route;
use crate::exit;

pub async fn exec(cmd: ModelCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let ModelCommand::Probe(args) = cmd;
    let settings = ctx.gateway()?;
    let mut tried: Vec<Route> = Vec::new();
    let mut failed_routes = Vec::new();
    let mut plan = crate::ops::probe::plan(&settings, args.route.as_ref(), args.max_requests, &tried)?;
    let cleanup = match plan.laravel {
        None => "this identity's keys read in every database and deleted after",
        // Laravel's counters may be keyed by the address, which others share.
        Some(_) => "the keys it makes deleted after, an address's shared counters left",
    };
    let said = format!(
        "probe: up to {} request(s) to {} (limit {} expected) as X-Api-Key {}, {cleanup}",
        plan.requests,
        plan.request,
        plan.limit,
        mask_secret(&plan.key)
    );
    if args.dry_run {
        ctx.out.status(&said);
        ctx.out.emit(&crate::report::probe::ProbePlanReport {
            route: plan.route.to_string(),
            request: plan.request.to_string(),
            identity: mask_secret(&plan.key),
            limit: plan.limit,
            requests: plan.requests,
            budget: args.max_requests,
            other: plan.other.as_ref().map(|o| o.to_string()),
            sent: 0,
        })?;
        return Ok(exit::OK);
    }
    ctx.out.status(&said);
    // A route that answers 5xx is a finding; without --route the probe moves on to the next.
    let report = loop {
        let mut report =
            crate::ops::probe::run(&settings, &plan, &mut |n, of| ctx.out.detail(&format!("request {n}/{of}"))).await?;
        let failed = report.findings.iter().any(|f| f.kind == "route-fails");
        if !failed || args.route.is_some() || tried.len() + 1 >= crate::ops::probe::MAX_ROUTES {
            report.findings.splice(0..0, failed_routes);
            break report;
        }
        ctx.out.warn(&format!("{} answers 5xx: trying another limited route", plan.route));
        failed_routes.extend(report.findings.into_iter().filter(|f| f.kind == "route-fails"));
        tried.push(plan.route.clone());
        plan = crate::ops::probe::plan(&settings, None, args.max_requests, &tried)?;
        ctx.out.status(&format!("probe: up to {} request(s) to {}", plan.requests, plan.request));
    };
    let mut report = report;
    let mut refused = false;
    match crate::ops::probe::config_edit(&settings, &report)? {
        None => {}
        Some(crate::ops::probe::ConfigEdit::Refused(why)) => {
            refused = args.write;
            report.config_refused = Some(why);
        }
        Some(crate::ops::probe::ConfigEdit::Edit { edited, diff }) => {
            if args.write {
                let changes: Vec<String> = crate::core::probe::config_values(&report.learned)
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                ctx.confirm_change("write the learned limiter shape into the config file?")?;
                let door =
                    crate::ops::door::Door::open(&settings, crate::ops::door::Knock::new("model probe --write", false))
                        .await?;
                let kept = crate::ops::probe::write_config(&settings, &door, &edited, &changes.join(", "))?;
                report.written = true;
                report.config_backup = Some(kept.display().to_string());
            }
            report.config_diff = Some(diff);
        }
    }
    ctx.out.emit(&report)?;
    // Nothing learned (no route answered below 500, or no counter of its identity found): exit 1.
    // --write that would have made a file `config check` refuses wrote nothing: exit 1 too.
    let nothing = report.learned.iter().any(|l| l.dimension == "identity" && l.value == "unknown");
    Ok(if nothing || refused { exit::CHECK_FAILED } else { exit::OK })
}
