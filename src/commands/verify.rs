//! `gatewayctl verify` (Phase 4): health; one request to a v2 route whose
//! rate-limit headers must equal the model's prediction for that identity
//! (from the counter found in Redis just before); X-Response-Time present;
//! the limiter's key in Redis (SCAN); the breaker closed or absent.

use anyhow::Context as _;
use clap::Args;

use crate::commands::Context;
use crate::core::checks::Decision;
use crate::core::route::Route;
use crate::exit;
use crate::ops::verify::gather;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The v2 request to send
    #[arg(long, default_value = "POST /api/v2/availability/simple")]
    pub route: Route,
    /// Send it as this API key [default: a fresh probe key, so the counter starts clean]
    #[arg(long, env = "GATEWAYCTL_VERIFY_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
}

pub async fn exec(args: VerifyArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let report =
        gather(&settings, &args.route, args.api_key.as_deref()).await.map_err(|e| crate::exit::UsageError(e.0))?;
    ctx.out.emit(&report).context("while printing the verification")?;
    Ok(exit::for_checks(report.decision == Decision::Go, &report.checks))
}
