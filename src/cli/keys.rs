//! The arguments of `gatewayctl keys`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Count the keys matching a pattern (e.g. 'rate_limit:*'), read where the gateway keeps them
    Count(PatternArgs),
    /// List the keys matching a pattern, unprefixed and sorted
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct PatternArgs {
    /// A Redis glob pattern, without prefixes. The limiter's keys (rate_limit:, abuse:, blocked:) are
    /// read in the limiter's database under its prefixes, the breakers' (circuit_breaker:) where the
    /// breaker store keeps them
    pub pattern: String,
    /// Read [redis]'s database and prefix as configured, whatever the pattern names
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub pattern: PatternArgs,
    /// At most this many keys
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}
