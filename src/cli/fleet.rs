//! The arguments of `gatewayctl fleet`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum FleetCommand {
    /// Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found
    Check(FleetArgs),
    /// Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)
    Push(PushArgs),
    /// What this host's gatewayctl is (run by `fleet check` on each host)
    #[command(hide = true)]
    Whoami,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub fleet: FleetArgs,
    /// Show which hosts would get it; copy nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Which hosts a command runs on; without --hosts, this host only.
#[derive(Debug, Clone, Default, Args)]
pub struct FleetArgs {
    /// Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)
    #[arg(long, value_name = "all|NAME,…|GROUP")]
    pub hosts: Option<String>,
}
