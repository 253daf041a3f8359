//! `gatewayctl lab up|down|status|upstream`: a real local replica of the
//! gateway to rehearse on and to test against.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::adapters::http::Http;
use crate::cli::lab::{
    CalcomShape, DirArgs, LabCommand, LabDirArgs, LabGatewayArg, LabRedis, UpArgs, UpstreamArgs, DEFAULT_DIR,
};
use crate::commands::Context;
use crate::exit;
use crate::lab::layout::{Layout, Ports};
use crate::lab::upstream::{self, UpstreamStatus};
use crate::lab::{down, up};
use crate::report::lab::{LabDownReport, LabStatusReport, LabUpReport, UpstreamReport};

pub async fn exec(cmd: LabCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    match cmd {
        LabCommand::Up(args) => lab_up(args, ctx),
        LabCommand::Down(args) => {
            let args = args.resolve(ctx);
            lab_down(args, ctx)
        }
        LabCommand::Status(args) => {
            let args = args.resolve(ctx);
            lab_status(args, ctx)
        }
        LabCommand::Upstream(args) => lab_upstream(args, ctx).await,
        LabCommand::ServeUpstream(args) => {
            upstream::serve(args.listen, args.control).await.context("the Cal.com stand-in stopped")?;
            Ok(exit::OK)
        }
    }
}

fn lab_up(args: UpArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.settings()?;
    if args.dry_run {
        let ports = args.port_base.and_then(Ports::from_base).unwrap_or(Ports {
            http: 0,
            fpm: 0,
            redis: 0,
            upstream: 0,
            upstream_control: 0,
        });
        let report = LabUpReport {
            dir: args.dir.dir.clone(),
            config: Layout::new(&args.dir.dir).config_file(),
            base_url: format!("http://127.0.0.1:{}", ports.http),
            ports,
            processes: Vec::new(),
            steps: Vec::new(),
            elapsed_ms: 0,
            installed: false,
            dry_run: true,
        };
        ctx.out.emit(&report)?;
        return Ok(exit::OK);
    }
    let options = up::UpOptions {
        dir: args.dir.dir,
        port_base: args.port_base,
        install: args.install,
        upstream_timeout_s: args.upstream_timeout.as_secs_f64(),
        gatewayctl: std::env::current_exe().context("while finding this binary to run the Cal.com stand-in")?,
        calcom_unguarded: args.calcom == CalcomShape::Unguarded,
        gateway: match args.gateway {
            LabGatewayArg::Contract | LabGatewayArg::Laravel if args.as_deployed => {
                return Err(exit::UsageError("--as-deployed is for --gateway askproai".into()).into())
            }
            LabGatewayArg::Laravel => up::LabGateway::Laravel,
            LabGatewayArg::Contract => up::LabGateway::Contract,
            LabGatewayArg::Askproai => up::LabGateway::Askproai { as_deployed: args.as_deployed },
        },
        redis: match args.redis {
            LabRedis::Standalone => up::Topology::Standalone,
            LabRedis::Sentinel => up::Topology::Sentinel,
            LabRedis::Cluster => up::Topology::Cluster,
        },
        shared: None,
    };
    let started_at = Instant::now();
    if options.gateway != up::LabGateway::Contract && (args.hosts > 1 || options.redis != up::Topology::Standalone) {
        return Err(exit::UsageError(
            "--gateway askproai and laravel build one host on a standalone Redis: drop --hosts and --redis".into(),
        )
        .into());
    }
    if args.hosts > 1 {
        if args.port_base.is_some() || options.redis != up::Topology::Standalone {
            return Err(exit::UsageError(
                "--hosts picks free ports and a standalone Redis: drop --port-base and --redis".into(),
            )
            .into());
        }
        let spinner = ctx.out.spinner("lab up");
        let (lab, started) = crate::lab::fleet::up(&settings, &options, usize::from(args.hosts), &mut |step| {
            spinner.set_message(format!("lab up: {step}"))
        })
        .context("while building the lab fleet")?;
        spinner.finish();
        let hosts = started
            .into_iter()
            .map(|s| LabUpReport {
                dir: s.state.dir,
                config: s.state.config,
                base_url: s.state.base_url,
                ports: s.state.ports,
                processes: s.state.processes,
                steps: s.steps,
                elapsed_ms: 0,
                installed: s.installed,
                dry_run: false,
            })
            .collect();
        ctx.out.emit(&crate::report::lab::FleetLabUpReport {
            dir: lab.dir,
            config: lab.config,
            inventory: lab.inventory,
            sshd_port: lab.sshd.port,
            hosts,
            elapsed_ms: started_at.elapsed().as_millis() as u64,
        })?;
        return Ok(exit::OK);
    }
    let spinner = ctx.out.spinner("lab up");
    let started = up::up(&settings, &options, &mut |step| spinner.set_message(format!("lab up: {step}")))
        .context("while building the lab")?;
    spinner.finish();
    let state = started.state;
    let report = LabUpReport {
        dir: state.dir,
        config: state.config,
        base_url: state.base_url,
        ports: state.ports,
        processes: state.processes,
        steps: started.steps,
        elapsed_ms: started_at.elapsed().as_millis() as u64,
        installed: started.installed,
        dry_run: false,
    };
    ctx.out.emit(&report)?;
    Ok(exit::OK)
}

fn lab_down(args: DirArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let layout = Layout::new(&args.dir);
    let stopped = match crate::lab::fleet::load(&args.dir) {
        Some(fleet) => crate::lab::fleet::down(&fleet).context("while stopping the lab fleet")?,
        None => down::down(&layout).context("while stopping the lab")?,
    };
    let clean = stopped.clean();
    ctx.out.emit(&LabDownReport {
        dir: args.dir,
        processes: stopped.processes,
        open_ports: stopped.open_ports,
        clean,
    })?;
    Ok(if clean { exit::OK } else { exit::CHECK_FAILED })
}

fn lab_status(args: DirArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    // A fleet: the first host's view, every host's processes, and the sshd.
    let (layout, fleet) = match crate::lab::fleet::load(&args.dir) {
        Some(f) => (Layout::new(&f.hosts[0]), Some(f)),
        None => (Layout::new(&args.dir), None),
    };
    let (mut state, mut processes) = down::status(&layout)?;
    if let Some(f) = fleet {
        for host in &f.hosts[1..] {
            processes.extend(down::status(&Layout::new(host))?.1);
        }
        processes.push(down::ProcessStatus {
            name: f.sshd.name.clone(),
            pid: f.sshd.pid,
            port: f.sshd.port,
            alive: crate::adapters::process::is_alive(f.sshd.pid),
            listening: crate::lab::is_listening(f.sshd.port),
        });
        state.config = f.config;
    }
    let up = processes.iter().all(|p| p.alive && p.listening);
    ctx.out.emit(&LabStatusReport { dir: state.dir, base_url: state.base_url, config: state.config, processes, up })?;
    Ok(if up { exit::OK } else { exit::CHECK_FAILED })
}

async fn lab_upstream(args: UpstreamArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let dir = args.dir.resolve(ctx).dir;
    let state = down::load(&Layout::new(&dir))?;
    let control =
        Http::new(&format!("http://127.0.0.1:{}", state.ports.upstream_control), Duration::from_secs(5), None)?;
    let answer = match args.mode {
        Some(mode) => control.send("PUT", "/mode", &[], Some(&serde_json::Value::String(mode.to_string()))).await?,
        None => control.get("/mode").await?,
    };
    let status: UpstreamStatus = serde_json::from_str(&answer.body)
        .with_context(|| format!("the stand-in answered {}: {}", answer.status, answer.body))?;
    ctx.out.emit(&UpstreamReport { mode: status.mode, calls: status.calls })?;
    Ok(exit::OK)
}

impl LabDirArgs {
    pub fn resolve(self, ctx: &Context) -> DirArgs {
        let of_config = ctx.global.config.as_deref().and_then(|config| {
            let dir = config.parent()?;
            (Layout::new(dir).config_file() == config).then(|| dir.to_path_buf())
        });
        DirArgs { dir: self.dir.or(of_config).unwrap_or_else(|| PathBuf::from(DEFAULT_DIR)) }
    }
}
