//! The arguments of `gatewayctl model`.

use clap::{Args, Subcommand};

use crate::core::route::Route;

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Send one throwaway identity's requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer's form
    Probe(ProbeArgs),
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The limited route to probe, "METHOD /path" (default: the configured shape's with the smallest limit)
    #[arg(long)]
    pub route: Option<Route>,
    /// Refuse to start if the probe would need more requests than this
    #[arg(long, default_value_t = crate::ops::probe::DEFAULT_MAX, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub max_requests: u64,
    /// Show the requests it would send and the keys it would read; send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write what was learned into the config's [limiter] (atomic, the original kept, journaled); without it, the diff is shown
    #[arg(long)]
    pub write: bool,
}
