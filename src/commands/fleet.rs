//! `gatewayctl fleet check`: every host of the fleet reachable over ssh,
//! its gatewayctl (the same binary as here?) and its config; and the
//! `--hosts`/`--inventory` flags other commands share (ops::fleet).

use crate::exit::UsageError;

use clap::{Args, Subcommand};

use crate::commands::Context;
use crate::exit;
use crate::ops::fleet::{self, Fleet};

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

impl FleetArgs {
    /// The fleet picked, or `None` for this host alone.
    pub fn fleet(&self, ctx: &mut Context, settings: &crate::settings::Settings) -> anyhow::Result<Option<Fleet>> {
        // -i/--inventory is a global option: one parser, before or after the subcommand.
        let inventory = ctx.global.inventory.clone();
        let Some(spec) = &self.hosts else {
            return match inventory {
                Some(_) => Err(UsageError(
                    "-i/--inventory picks the hosts of --hosts: add --hosts all (or NAME,… or GROUP)".into(),
                )
                .into()),
                None => Ok(None),
            };
        };
        let fleet = Fleet::pick(settings, spec, inventory.as_deref())?;
        for note in &fleet.notes {
            ctx.out.detail(&format!("inventory: {note}"));
        }
        ctx.out.status(&format!(
            "fleet: {} host(s): {}",
            fleet.hosts.len(),
            fleet.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
        Ok(Some(fleet))
    }
}

pub async fn exec(cmd: FleetCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    match cmd {
        FleetCommand::Whoami => {
            let settings = ctx.settings()?;
            ctx.out.emit(&fleet::whoami(&settings))?;
            Ok(exit::OK)
        }
        FleetCommand::Push(args) => {
            let settings = ctx.settings()?;
            let spec = FleetArgs { hosts: Some(args.fleet.hosts.clone().unwrap_or_else(|| "all".into())) };
            let picked = spec.fleet(ctx, &settings)?.expect("--hosts is set");
            let local = fleet::whoami(&settings);
            let door = match args.dry_run {
                true => None,
                false => {
                    ctx.confirm_change(&format!(
                        "install this gatewayctl as {} on the hosts that lack it or run another?",
                        picked.gatewayctl
                    ))?;
                    Some(
                        crate::ops::door::Door::open(&settings, crate::ops::door::Knock::new("fleet push", false))
                            .await?,
                    )
                }
            };
            let report = fleet::push(&picked, door.as_ref(), &local, args.dry_run).await?;
            ctx.out.emit(&report)?;
            Ok(if report.ok { exit::OK } else { exit::CHECK_FAILED })
        }
        FleetCommand::Check(args) => {
            let settings = ctx.settings()?;
            let args = FleetArgs { hosts: Some(args.hosts.unwrap_or_else(|| "all".into())) };
            let picked = args.fleet(ctx, &settings)?.expect("--hosts is set");
            let report = fleet::check(&picked, fleet::whoami(&settings)).await;
            ctx.out.emit(&report)?;
            Ok(if report.ok { exit::OK } else { exit::CHECK_FAILED })
        }
    }
}
