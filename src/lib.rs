//! gatewayctl: carries out a production activation plan on a Laravel API
//! gateway: checks what the plan only prints, refuses what would hurt
//! production, records what it did, and can undo it.
//!
//! Layers: `core` (the pure gateway model), `adapters` (the outside world),
//! `ops` (operations several commands share, and the one door for changes),
//! `commands` (one per subcommand), `report` (the only code that prints).

pub mod adapters;
pub mod cli;
pub mod commands;
pub mod core;
pub mod exit;
pub mod lab;
pub mod ops;
pub mod report;
pub mod settings;

use cli::{Cli, Command};
use commands::Context;

/// Runs one command; the returned code is the process's exit code. Under
/// `--format json` an error is a JSON document on stdout too (stdout is
/// then always one document), besides its words on stderr; under `jsonl`,
/// the last line.
pub async fn run(cli: Cli) -> anyhow::Result<u8> {
    let json = matches!(cli.global.format, cli::Format::Json | cli::Format::Jsonl);
    let outcome = dispatch(cli).await;
    if let (true, Err(err)) = (json, &outcome) {
        if !exit::is_broken_pipe(err) {
            report::error::print_json(err);
        }
    }
    outcome
}

async fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    let only_report = matches!(cli.global.format, cli::Format::Markdown | cli::Format::Html);
    if only_report && !matches!(cli.command, Command::Report(_)) {
        return Err(exit::UsageError(
            "--format markdown and html are for `gatewayctl report`; use human or json".into(),
        )
        .into());
    }
    if cli.global.format == cli::Format::Jsonl && !matches!(cli.command, Command::Watch(_)) {
        return Err(exit::UsageError(
            "--format jsonl is for `gatewayctl watch` (a line per sample as it comes); use json, one document".into(),
        )
        .into());
    }
    if cli.global.inventory.is_some() && !cli.command.takes_hosts() {
        return Err(exit::UsageError(
            "-i/--inventory picks the hosts of --hosts; this command does not take --hosts".into(),
        )
        .into());
    }
    let mut ctx = Context::new(cli.global);
    match cli.command {
        Command::Activate(args) => commands::activate::exec(args, &mut ctx).await,
        Command::Logs(cmd) => commands::logs::exec(cmd, &mut ctx).await,
        Command::Preflight(args) => commands::preflight::exec(args, &mut ctx).await,
        Command::Cache(cmd) => commands::cache::exec(cmd, &mut ctx).await,
        Command::Reload(args) => commands::reload::exec(args, &mut ctx).await,
        Command::Verify(args) => commands::verify::exec(args, &mut ctx).await,
        Command::Rollback(cmd) => commands::rollback::exec(cmd, &mut ctx).await,
        Command::Integrate(cmd) => commands::integrate::exec(cmd, &mut ctx).await,
        Command::Stress(cli::StressCommand::RateLimit(args)) => commands::stress::exec(args, &mut ctx).await,
        Command::Model(cmd) => commands::model::exec(cmd, &mut ctx).await,
        Command::Watch(args) => commands::watch::exec(args, &mut ctx).await,
        Command::Simulate(cmd) => commands::simulate::exec(cmd, &mut ctx),
        Command::Keys(cmd) => commands::keys::exec(cmd, &mut ctx).await,
        Command::Breaker(cmd) => commands::breaker::exec(cmd, &mut ctx).await,
        Command::Lab(cmd) => commands::lab::exec(cmd, &mut ctx).await,
        Command::Status(args) => commands::status::exec(args, &mut ctx).await,
        Command::History(args) => commands::history::exec(args, &mut ctx).await,
        Command::Report(args) => commands::report::exec(args, &mut ctx).await,
        Command::Fleet(cmd) => commands::fleet::exec(cmd, &mut ctx).await,
        Command::Journal(cmd) => commands::journal::exec(cmd, &mut ctx).await,
        Command::Init(args) => commands::init::exec(args, &mut ctx),
        Command::Config(cmd) => commands::config::exec(cmd, &mut ctx),
        Command::Completions(args) => commands::completions::exec(args, &mut ctx),
        Command::Manpages(args) => commands::manpages::exec(args, &mut ctx),
        Command::Plan(cmd) => commands::plan::exec(cmd, &mut ctx),
    }
}

/// Prints an error (unless it was only a closed pipe) and picks the exit code.
pub fn finish(outcome: anyhow::Result<u8>) -> u8 {
    match outcome {
        Ok(code) => code,
        Err(err) if exit::is_broken_pipe(&err) => exit::OK,
        Err(err) => {
            report::error::print(&err);
            exit::code_for(&err)
        }
    }
}
