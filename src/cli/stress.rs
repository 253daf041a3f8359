//! The arguments of `gatewayctl stress`.

use std::time::Duration;

use clap::Args;

use crate::core::route::Route;

#[derive(Debug, Args)]
pub struct StressArgs {
    /// The request, as METHOD /path (the default is the plan's first limited route)
    #[arg(long, default_value = "POST /api/v2/bookings")]
    pub route: Route,
    /// How many requests (sequential and burst modes)
    #[arg(long, default_value_t = 35)]
    pub requests: u32,
    /// Time between requests (sequential mode)
    #[arg(long, default_value = "500ms", value_parser = super::parse_duration)]
    pub interval: Duration,
    /// Send as this API key (masked in every output) [default: a fresh probe key]
    #[arg(long, env = "GATEWAYCTL_STRESS_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Who to send as, as simulate spells it: ip:ADDRESS (no key, the client address the gateway will see) or key:KEY (masked in every output)
    #[arg(long, conflicts_with = "api_key")]
    pub identity: Option<String>,
    /// The limit you expect; refused before sending when the model disagrees
    #[arg(long)]
    pub expect_limit: Option<u64>,
    /// Burst mode: this many concurrent requests in a fresh window
    #[arg(long, conflicts_with_all = ["rate"])]
    pub burst: Option<u32>,
    /// Rate mode: requests per second, paced open-loop
    #[arg(long)]
    pub rate: Option<f64>,
    /// Max mode: --connections loops back to back for --duration (throughput)
    #[arg(long, conflicts_with_all = ["rate", "burst"])]
    pub max: bool,
    /// Rate and max mode: how long
    #[arg(long, default_value = "10s", value_parser = super::parse_duration)]
    pub duration: Duration,
    /// Rate mode: at most this many requests in flight; max mode: this many loops
    #[arg(long, default_value_t = 256)]
    pub connections: usize,
    /// Lift the production safety caps (requests, rate, duration)
    #[arg(long)]
    pub allow_high_load: bool,
    /// Rate and max mode: the path is not a Laravel route (a static file to
    /// measure the web server); skips the route:list check
    #[arg(long)]
    pub unlisted_path: bool,
}
