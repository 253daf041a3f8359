//! The arguments of `gatewayctl cache`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Which cache files exist, their size, age and hash
    Status,
    /// config:clear, route:clear, view:clear
    Clear(ClearArgs),
    /// Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes
    Rebuild(RunArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Print the commands, run nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Take the operator lock from another operator's live run (journaled)
    #[arg(long)]
    pub break_lock: bool,
}

#[derive(Debug, Args)]
pub struct ClearArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Also clear the application cache (refused: it flushes the limiter and breaker state)
    #[arg(long)]
    pub application_cache: bool,
}
