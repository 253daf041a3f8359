//! The arguments of `gatewayctl status`.

use clap::Args;

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub fleet: crate::cli::fleet::FleetArgs,
}
