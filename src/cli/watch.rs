//! The arguments of `gatewayctl watch`.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// How long to watch [default: watch.duration, the plan's 2h]
    #[arg(long, value_parser = super::parse_duration)]
    pub duration: Option<Duration>,
    /// Time between samples [default: watch.interval]
    #[arg(long, value_parser = super::parse_duration)]
    pub interval: Option<Duration>,
    /// Roll a feature back when its metric holds at alert (watch.auto_rollback)
    #[arg(long)]
    pub auto_rollback: bool,
    /// Serve the figures in Prometheus text format on this loopback address
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
}
