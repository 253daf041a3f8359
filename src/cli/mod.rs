//! The command line as clap types: the global flags and the subcommands,
//! each subcommand's own arguments in a file of its own here. `commands`
//! receives them; nothing here calls a command.

pub mod activate;
pub mod breaker;
pub mod cache;
pub mod completions;
pub mod config;
pub mod fleet;
pub mod history;
pub mod init;
pub mod integrate;
pub mod journal;
pub mod keys;
pub mod lab;
pub mod logs;
pub mod manpages;
pub mod model;
pub mod plan;
pub mod preflight;
pub mod reload;
pub mod report;
pub mod rollback;
pub mod simulate;
pub mod status;
pub mod stress;
pub mod verify;
pub mod watch;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gatewayctl",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("GATEWAYCTL_COMMIT"), ")"),
    about = "Switch on, check and roll back changes on a production Laravel API gateway, safely",
    long_about = None,
    after_help = "Exit codes: 0 ok, 1 a check failed or NO-GO, 2 usage or config error, \
                  3 a dependency unreachable, 4 could not complete, 5 another operator holds the lock, \
                  6 a confirmation was declined, 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan's built-in values)]
    #[arg(long, global = true, env = "GATEWAYCTL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The Laravel app directory (overrides gateway.app_dir)
    #[arg(long, global = true, value_name = "DIR")]
    pub app_dir: Option<PathBuf>,
    /// Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Output for people, or one JSON document for scripts (`report` also writes markdown and html)
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour on stdout (NO_COLOR is respected by auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// More detail on stderr (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Quiet: nothing on stderr but errors, and on stdout a judged report's verdict line alone (nothing for the others)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// A judged report (preflight, verify, activate) as its verdict and top reasons only
    #[arg(long, global = true)]
    pub short: bool,
    /// Answer yes to every confirmation (for scripts; without a terminal a change needs it)
    #[arg(long, global = true)]
    pub yes: bool,
    /// Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it
    #[arg(short = 'i', long, global = true, value_name = "FILE")]
    pub inventory: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// `watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end
    Jsonl,
    /// `report` only: for pasting into a ticket
    Markdown,
    /// `report` only: one self-contained file with charts
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        after_help = "Examples:\n  gatewayctl activate --dry-run          # every step and the exact commands, nothing changed\n  gatewayctl activate                    # asks before each step that changes the gateway\n  gatewayctl activate --resume --yes     # finish what an interrupted run left owed"
    )]
    /// Phases 1 to 4 from runbooks/activation.toml: journaled, locked, resumable
    Activate(activate::ActivateArgs),
    /// Phase 5C: find unsanitized secrets in the logs, or probe with canaries
    #[command(subcommand)]
    Logs(logs::LogsCommand),
    #[command(
        after_help = "Examples:\n  gatewayctl preflight                   # GO exit 0, NO-GO exit 1, each check with its evidence\n  gatewayctl preflight --format json | jq '.checks[] | select(.verdict != \"pass\")'"
    )]
    /// Phase 1: every pre-flight check at once; GO (exit 0) or NO-GO (exit 1)
    Preflight(preflight::PreflightArgs),
    /// Phase 2: Laravel's config, route and event caches (never cache:clear)
    #[command(subcommand)]
    Cache(cache::CacheCommand),
    /// Phase 3: graceful php-fpm reload, config-tested first and proven graceful
    Reload(reload::ReloadArgs),
    /// Phase 4: health, rate-limit headers against the model, limiter keys, breaker closed
    Verify(verify::VerifyArgs),
    #[command(
        after_help = "Examples:\n  gatewayctl rollback emergency          # the plan's 60-second rollback: rate limiting off, asks nothing\n  gatewayctl rollback circuit-breaker --dry-run\n  gatewayctl rollback list               # what is rolled back, and what is half done\n  gatewayctl rollback undo all"
    )]
    /// Switch a feature off by a structural, proven, journaled edit; list; undo
    #[command(subcommand)]
    Rollback(rollback::RollbackCommand),
    /// Wire a fix the plan leaves for later (input validation): previewed on logged traffic, proven, journaled, observed
    #[command(subcommand)]
    Integrate(integrate::IntegrateCommand),
    #[command(
        after_help = "Examples:\n  gatewayctl stress rate-limit --route \"POST /api/v2/bookings\" --requests 35\n  gatewayctl stress rate-limit --burst 40\n  gatewayctl stress rate-limit --rate 20 --duration 30s"
    )]
    /// Phase 5A: send requests and hold every answer against the model
    #[command(subcommand)]
    Stress(StressCommand),
    #[command(
        after_help = "Examples:\n  gatewayctl watch                       # the plan's two hours, a sample every 10 s\n  gatewayctl watch --auto-rollback --metrics-listen 127.0.0.1:9464"
    )]
    /// Phase 6: the Key Metrics, judged, alerted, and guarded by automatic rollback
    Watch(watch::WatchArgs),
    #[command(
        after_help = "Examples:\n  gatewayctl model probe\n  gatewayctl model probe --route \"POST /api/v2/availability/simple\" --dry-run"
    )]
    /// Learn the running gateway's limiter by experiment, with one throwaway identity
    #[command(subcommand)]
    Model(model::ModelCommand),
    /// Play requests or upstream failures through the gateway model, touching nothing
    #[command(subcommand)]
    Simulate(simulate::SimulateCommand),
    /// Count or list Redis keys with SCAN (never KEYS), prefix applied
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// A real local replica of the gateway to rehearse on: up, down, status, upstream
    #[command(subcommand)]
    Lab(lab::LabCommand),
    /// Inspect the circuit breakers kept in Redis
    #[command(subcommand)]
    Breaker(breaker::BreakerCommand),
    #[command(after_help = "Examples:\n  gatewayctl status\n  gatewayctl history --since 2h")]
    /// What stands now: features on or rolled back, owed work, the lock, breakers, last runs
    Status(status::StatusArgs),
    /// The journal as a timeline: every run and step in words
    History(history::HistoryArgs),
    #[command(
        after_help = "Examples:\n  gatewayctl fleet check --hosts all\n  gatewayctl -i /etc/ansible/hosts preflight --hosts all\n  gatewayctl rollback emergency --hosts gateways"
    )]
    /// Several gateway hosts over OpenSSH: each reachable, its gatewayctl and config
    #[command(subcommand)]
    Fleet(fleet::FleetCommand),
    #[command(
        after_help = "Examples:\n  gatewayctl report                              # since activation: before/after, 429s, breaker, checklist, criteria\n  gatewayctl report --since 7d --format html -o review.html\n  gatewayctl report --format markdown | xclip   # for the ticket"
    )]
    /// The post-activation review: before/after, rate-limit violations, breaker, checklist and Success Criteria
    Report(report::ReportArgs),
    /// Is the journal readable; set unreadable lines aside
    #[command(subcommand)]
    Journal(journal::JournalCommand),
    /// Review a hand-written activation plan against the gateway, before anyone runs it
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Write a commented gatewayctl.toml with the plan's production values
    Init(init::InitArgs),
    /// Check, show or locate the config
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
    /// Write the man pages (for packaging)
    #[command(hide = true)]
    Manpages(manpages::ManpagesArgs),
}

/// A duration as the command line writes it ("500ms", "2s", "7d"): the one
/// parser of every duration flag.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    crate::core::duration::parse(s).map_err(|e| e.to_string())
}

impl Command {
    /// Does this command take `--hosts` (and so `-i/--inventory`)?
    pub fn takes_hosts(&self) -> bool {
        use rollback::RollbackCommand as R;
        match self {
            Command::Activate(_) | Command::Preflight(_) | Command::Watch(_) | Command::Status(_) => true,
            Command::Fleet(cmd) => !matches!(cmd, fleet::FleetCommand::Whoami),
            Command::Rollback(cmd) => !matches!(cmd, R::List),
            _ => false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum StressCommand {
    /// Sequential (compared request by request), --burst N, or --rate R
    RateLimit(stress::StressArgs),
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    pub fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// Every command's help lists the global flags apart, and says no
    /// default twice.
    #[test]
    pub fn help_keeps_global_flags_apart_and_each_default_once() {
        fn visit(cmd: &mut clap::Command, path: &str, seen: &mut usize) {
            let help = cmd.render_help().to_string();
            assert!(help.contains("Global options:"), "{path}: {help}");
            let own = help.split("Global options:").next().unwrap_or_default();
            assert!(!own.contains("--config"), "{path}: a global flag among the command's own");
            for line in help.lines() {
                assert!(line.matches("[default:").count() <= 1, "{path}: {line}");
            }
            *seen += 1;
            // clap's own `help` subcommand carries no flags.
            for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let name = format!("{path} {}", sub.get_name());
                visit(sub, &name, seen);
            }
        }
        let mut cli = Cli::command();
        cli.build();
        let mut seen = 0;
        for sub in cli.get_subcommands_mut().filter(|s| s.get_name() != "help") {
            let name = sub.get_name().to_string();
            visit(sub, &name, &mut seen);
        }
        assert!(seen > 40, "{seen}");
    }
}
