//! `gatewayctl fleet check`: every host of the fleet reachable over ssh,
//! its gatewayctl (the same binary as here?) and its config; and the
//! `--hosts`/`--inventory` flags other commands share (ops::fleet).

use crate::cli::fleet::{FleetArgs, FleetCommand};
use crate::commands::Context;
use crate::exit;
use crate::ops::fleet::{self};

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
