//! `gatewayctl verify` (Phase 4): health; one request to a v2 route whose
//! rate-limit headers must equal the model's prediction for that identity
//! (from the counter found in Redis just before); X-Response-Time present;
//! the limiter's key in Redis (SCAN); the breaker closed or absent.

use anyhow::Context as _;

use crate::cli::verify::VerifyArgs;
use crate::commands::Context;
use crate::core::checks::GoNoGo;
use crate::exit;
use crate::ops::verify::gather;

pub async fn exec(args: VerifyArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let report =
        gather(&settings, &args.route, args.api_key.as_deref()).await.map_err(|e| crate::exit::UsageError(e.0))?;
    ctx.out.emit(&report).context("while printing the verification")?;
    Ok(exit::for_checks(report.decision == GoNoGo::Go, &report.checks))
}
