//! The arguments of `gatewayctl lab`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::lab::upstream::Mode;

#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)
    Up(UpArgs),
    /// Stop exactly the processes `lab up` started, and check their ports are closed
    Down(LabDirArgs),
    /// Show the lab's processes and whether they answer
    Status(LabDirArgs),
    /// Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION
    Upstream(UpstreamArgs),
    /// Run the Cal.com stand-in (started by `lab up`)
    #[command(hide = true)]
    ServeUpstream(ServeArgs),
}

/// The directory of a lab that exists: --dir, else the lab whose config
/// --config names (lab up writes it there), else ./gatewayctl-lab.
#[derive(Debug, Args)]
pub struct LabDirArgs {
    /// The lab's directory [default: the lab whose config file is given, else gatewayctl-lab]
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DirArgs {
    /// The lab's directory
    #[arg(long, default_value = "gatewayctl-lab")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    /// Use ports P (nginx) to P+4 instead of free ones
    #[arg(long, value_name = "P")]
    pub port_base: Option<u16>,
    /// Install missing Debian packages with apt-get (root only)
    #[arg(long)]
    pub install: bool,
    /// How long the gateway waits for Cal.com before counting a failure
    #[arg(long, default_value = "2s", value_parser = super::parse_duration)]
    pub upstream_timeout: Duration,
    /// Say what would be built, start nothing
    #[arg(long)]
    pub dry_run: bool,
    /// CalcomService's shape: guarded (checks the breaker for null) or
    /// unguarded (calls it directly, the usual shape)
    #[arg(long, value_enum, default_value_t = CalcomShape::Guarded)]
    pub calcom: CalcomShape,
    /// standalone; sentinel: a replica and three sentinels beside the
    /// primary, and gatewayctl's config finding the master through them
    /// (the app, Laravel 8 with phpredis, talks to the primary directly);
    /// cluster: three primaries, the app on phpredis's RedisCluster
    #[arg(long, value_enum, default_value_t = LabRedis::Standalone)]
    pub redis: LabRedis,
    /// A fleet: N app hosts sharing one Redis and one Cal.com stand-in,
    /// behind a real sshd on a loopback port, with the operator's config
    /// and an Ansible inventory that reach them
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=8))]
    pub hosts: u8,
    /// contract: our gateway (GATEWAY-CONTRACT.md); askproai: the production
    /// baseline the plan was written for, with its bugs (REAL-GATEWAY.md);
    /// laravel: an API limited by Laravel's own limiter alone (named
    /// limiters and a plain throttle)
    #[arg(long, value_enum, default_value_t = LabGatewayArg::Contract)]
    pub gateway: LabGatewayArg,
    /// With --gateway askproai: the kernel Laravel 11 runs, without the
    /// app's aliases, so every v2 route answers 500
    #[arg(long, requires = "gateway")]
    pub as_deployed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LabGatewayArg {
    Contract,
    Askproai,
    Laravel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalcomShape {
    Guarded,
    Unguarded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LabRedis {
    Standalone,
    Sentinel,
    Cluster,
}

#[derive(Debug, Args)]
pub struct UpstreamArgs {
    /// ok, fail (500), reject (422), refuse (port closed), slow:DURATION; omit to show the mode
    pub mode: Option<Mode>,
    #[command(flatten)]
    pub dir: LabDirArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long)]
    pub listen: SocketAddr,
    #[arg(long)]
    pub control: SocketAddr,
}

pub const DEFAULT_DIR: &str = "gatewayctl-lab";
