//! The arguments of `gatewayctl verify`.

use clap::Args;

use crate::core::route::Route;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The v2 request to send
    #[arg(long, default_value = "POST /api/v2/availability/simple")]
    pub route: Route,
    /// Send it as this API key [default: a fresh probe key, so the counter starts clean]
    #[arg(long, env = "GATEWAYCTL_VERIFY_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
}
