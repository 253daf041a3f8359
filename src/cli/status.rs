//! The arguments of `gatewayctl status`.

use clap::Args;

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
}
