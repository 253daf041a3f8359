//! The arguments of `gatewayctl plan`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Flag the plan's steps that would fail or harm production, each with the command that does it right
    #[command(
        after_help = "Examples:\n  gatewayctl plan review production-activation-plan.md\n  gatewayctl --app-dir /var/www/api-gateway plan review plan.md   # also reads the lines a sed names"
    )]
    Review(ReviewArgs),
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The plan, in Markdown
    pub plan: PathBuf,
}
