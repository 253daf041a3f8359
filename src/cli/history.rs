//! The arguments of `gatewayctl history`.

use clap::Args;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only events this recent (2h, 30m) or since this time (RFC 3339)
    #[arg(long, value_name = "AGE|TIME")]
    pub since: Option<String>,
    /// Only this run's events
    #[arg(long, value_name = "ID")]
    pub run: Option<String>,
}
