//! The arguments of `gatewayctl preflight`.

use clap::Args;

#[derive(Debug, Args)]
pub struct PreflightArgs {
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
    /// Run `model probe` first (one throwaway identity's requests), so what
    /// only traffic shows is judged too; without it, a probe of the last 24 h is used
    #[arg(long)]
    pub probe: bool,
    /// Record the baseline `gatewayctl report` compares with even where this preflight did not reach Redis or the app (it is recorded anyway when both answered)
    #[arg(long)]
    pub baseline: bool,
}
