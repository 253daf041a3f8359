//! `gatewayctl activate`: runs the activation runbook (the plan's Phases 1
//! to 4). Dry run shows every step and command and changes nothing; a real
//! run takes the operator lock, journals each step before and after (with
//! the hashes of routes/api.php and the caches before it starts), asks before
//! each step that changes the gateway, stops at an abort gate, and can be
//! resumed after an interruption.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;

use crate::adapters::fpm;
use crate::cli::activate::ActivateArgs;
use crate::commands::{artisan_php, Context};
use crate::core::checks::Check;
use crate::core::journal::{self, Event, StepOutcome};
use crate::core::runbook::{Action, Phase, Runbook, Step};
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::ops::{cache, integrate, preflight, reload, verify};
use crate::report::activate::{ActivateReport, PhaseRun, Rehearsal, StepRun};
use crate::settings::Settings;

/// The shipped runbook (runbooks/activation.toml), used when none is named.
pub const DEFAULT_RUNBOOK: &str = include_str!("../../runbooks/activation.toml");

/// The route the runbook's verify step asks (and a dry run names the keys of).
const VERIFY_ROUTE: &str = "POST /api/v2/availability/simple";

/// Fault injection for crash-recovery tests: abort right after this step is journaled.
const CRASH_AFTER: &str = "GATEWAYCTL_CRASH_AFTER_STEP";

pub async fn exec(args: ActivateArgs, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let (name, text) = match &args.runbook {
        Some(path) => (
            path.display().to_string(),
            std::fs::read_to_string(path).with_context(|| format!("while reading {}", path.display()))?,
        ),
        None => ("runbooks/activation.toml (built in)".to_string(), DEFAULT_RUNBOOK.to_string()),
    };
    if let Some(fleet) = args.fleet.fleet(ctx, &settings)? {
        return on_fleet(ctx, &settings, &fleet, &args).await;
    }
    let runbook = Runbook::parse(&text)?;
    let all = runbook.selected(&args.with).map_err(|e| exit::UsageError(e.to_string()))?;
    if args.dry_run {
        crate::settings::require_app_dir(&settings)?;
        let spinner = ctx.out.spinner("dry run: preflight, the findings and the lock, read-only");
        let report = dry_run(&settings, &runbook, &name, &all, &invocation(ctx, &settings)).await;
        spinner.finish();
        ctx.out.emit(&report)?;
        let stops = report.rehearsal.as_ref().is_some_and(|r| r.stops_at.is_some());
        return Ok(if stops { exit::CHECK_FAILED } else { exit::OK });
    }
    // The limiter and breaker live in Redis: without it nothing can be
    // activated or proven, and that is a dependency down (exit 3), not a NO-GO.
    ctx.redis(&settings).await.context("while checking Redis before activating")?;
    crate::settings::require_app_dir(&settings)?;
    let door =
        Door::open(&settings, Knock::new(if args.resume { "activate --resume" } else { "activate" }, args.break_lock))
            .await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    let run = door.run().to_string();
    let journal = door.state();
    let selected = match args.resume {
        true => runbook.with_owed(&journal::resume_plan(&journal.read_journal()?, &all), &all),
        false => all,
    };
    if args.resume && selected.is_empty() {
        ctx.out.status("nothing to resume: no step is owed and the last run finished");
        ctx.out.emit(&ActivateReport::nothing(&run, &name, journal.journal_path()))?;
        return Ok(exit::OK);
    }
    let started = crate::adapters::state::entry(
        &run,
        Event::RunStarted {
            runbook: name.clone(),
            operator: door.me.owner.clone(),
            host: door.me.host.clone(),
            pid: door.me.pid,
            dry_run: false,
            hashes: hashes(&settings),
        },
    );
    journal.append(&started)?;
    if !args.resume {
        crate::commands::record_baseline(ctx, &settings, "activate").await;
    }
    let mut engine = Engine { settings: &settings, door: &door };
    let phases = match engine.run(ctx, &runbook, &selected).await {
        Ok(phases) => phases,
        Err(e) => {
            // Refused or failed mid-step: the run is over, and the journal says so.
            door.record(Event::RunFinished { completed: false })?;
            return Err(e);
        }
    };
    let completed = phases.iter().flat_map(|p| &p.steps).all(|s| s.outcome != StepOutcome::Failed)
        && phases.iter().map(|p| p.steps.len()).sum::<usize>() == selected.len();
    door.record(Event::RunFinished { completed })?;
    let report = ActivateReport {
        run,
        runbook: name,
        dry_run: false,
        resumed: args.resume,
        completed,
        phases,
        journal: journal.journal_path(),
        rehearsal: None,
    };
    ctx.out.emit(&report)?;
    Ok(if completed { exit::OK } else { exit::CHECK_FAILED })
}

/// The runbook on a fleet: Phase 1 everywhere, then batch by batch, under
/// the operator's lock and journal (ops::fleet::activate).
async fn on_fleet(
    ctx: &mut Context,
    settings: &Settings,
    fleet: &crate::ops::fleet::Fleet,
    args: &ActivateArgs,
) -> anyhow::Result<u8> {
    if args.dry_run || args.runbook.is_some() {
        return Err(exit::UsageError(
            "with --hosts, activate runs each host's own runbook: --dry-run and --runbook are per host for now, run them there"
                .into(),
        )
        .into());
    }
    let owed = match args.resume {
        false => None,
        true => {
            let entries = crate::adapters::state::StateDir::new(&settings.file.state.dir).read_journal()?;
            let names: Vec<String> = fleet.hosts.iter().map(|h| h.name.clone()).collect();
            Some(journal::fleet_owed(&journal::real_entries(&entries), &names))
        }
    };
    let pending = owed
        .as_ref()
        .map_or(fleet.hosts.len(), |o| o.iter().filter(|x| !matches!(x, journal::FleetOwed::Nothing(_))).count());
    let batches = settings.file.fleet.batch.sizes(pending).map_err(exit::UsageError)?;
    ctx.confirm_change(&format!(
        "activate {} host(s) in batches of {:?} (Phase 1 on all first)?",
        fleet.hosts.len(),
        batches
    ))?;
    let name = if args.resume { "activate --resume --hosts" } else { "activate --hosts" };
    let door = Door::open(settings, Knock::new(name, args.break_lock)).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    door.record(Event::RunStarted {
        runbook: format!(
            "fleet {} of {}",
            if args.resume { "resume" } else { "activation" },
            fleet.hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
        ),
        operator: door.me.owner.clone(),
        host: door.me.host.clone(),
        pid: door.me.pid,
        dry_run: false,
        hashes: BTreeMap::new(),
    })?;
    let max_fail = settings.file.fleet.max_fail;
    let report = crate::ops::fleet::activate(fleet, &door, &batches, max_fail, &args.with, owed).await?;
    ctx.out.emit(&report)?;
    Ok(if report.completed { exit::OK } else { exit::CHECK_FAILED })
}

/// SHA-256 of routes/api.php and the cache files, before anything changes.
fn hashes(settings: &Settings) -> BTreeMap<String, Option<String>> {
    let app = settings.app_dir();
    let mut files = vec!["routes/api.php".to_string()];
    files.extend(cache::CACHE_FILES.iter().map(|f| format!("bootstrap/cache/{f}")));
    files.into_iter().map(|f| (f.clone(), cache::sha256_file(&app.join(&f)))).collect()
}

struct Engine<'a> {
    settings: &'a Settings,
    door: &'a Door,
}

impl Engine<'_> {
    async fn run(
        &mut self,
        ctx: &mut Context,
        runbook: &Runbook,
        selected: &[String],
    ) -> anyhow::Result<Vec<PhaseRun>> {
        let mut phases = Vec::new();
        for phase in &runbook.phases {
            let steps: Vec<&Step> = phase.steps.iter().filter(|s| selected.contains(&s.id)).collect();
            if steps.is_empty() {
                continue;
            }
            let clock = Instant::now();
            let mut done = Vec::new();
            let mut stop = false;
            for step in steps {
                let result = self.step(ctx, phase, step).await?;
                stop = result.outcome == StepOutcome::Failed;
                done.push(result);
                if stop {
                    break;
                }
            }
            phases.push(PhaseRun::new(phase, clock.elapsed().as_millis() as u64, done));
            if stop {
                break;
            }
        }
        Ok(phases)
    }

    async fn step(&mut self, ctx: &mut Context, phase: &Phase, step: &Step) -> anyhow::Result<StepRun> {
        if step.action.mutates() {
            let question =
                format!("{}: run {} ({})?", phase.title, step.id, commands_for(self.settings, step.action).join("; "));
            ctx.confirm_change(&question).with_context(|| format!("stopped before {}; nothing of it ran", step.id))?;
        }
        self.door.record(Event::StepStarted { step: step.id.clone(), phase: phase.id.clone() })?;
        let spinner = ctx.out.spinner(&format!("{}: {}", phase.title, step.id));
        let clock = Instant::now();
        // The step's own work is bounded by its timeout (artisan is killed
        // at it); this outer bound only catches what has no bound of its own,
        // and is long enough that the work has stopped when it fires.
        let outer = step.timeout() + std::time::Duration::from_secs(40);
        let mut checks = match tokio::time::timeout(outer, act(self.settings, self.door, step)).await {
            Ok(checks) => checks,
            Err(_) => vec![Check::fail(
                &step.id,
                format!("did not finish within {} (+40s grace)", step.timeout),
                "the step did not finish in its runbook timeout",
            )],
        };
        if clock.elapsed() > step.timeout() {
            checks.push(Check::fail(
                &step.id,
                format!("took {:.1}s, over its {} timeout", clock.elapsed().as_secs_f64(), step.timeout),
                "the step did not finish in its runbook timeout",
            ));
        }
        spinner.finish();
        let outcome = step.gate.judge(&checks);
        let owes = if outcome == StepOutcome::Failed { vec![] } else { step.owes.clone() };
        let duration_ms = clock.elapsed().as_millis() as u64;
        let event = Event::StepFinished {
            step: step.id.clone(),
            phase: phase.id.clone(),
            outcome,
            duration_ms,
            evidence: checks.clone(),
            owes,
        };
        self.door.record(event)?;
        if std::env::var(CRASH_AFTER).is_ok_and(|s| s == step.id) {
            std::process::abort();
        }
        ctx.out.status(&format!("{} {} ({duration_ms} ms)", step.id, format!("{outcome:?}").to_lowercase()));
        Ok(StepRun {
            id: step.id.clone(),
            action: step.action,
            outcome,
            duration_ms,
            checks,
            rollback: step.rollback.clone(),
        })
    }
}

/// One action, as its operation does it, under activate's door.
async fn act(settings: &Settings, door: &Door, step: &Step) -> Vec<Check> {
    match step.action {
        Action::Preflight => preflight::gather(settings).await.checks,
        Action::CacheRebuild => {
            cache::run(settings, door, &[cache::CLEAR, cache::BUILD].concat(), step.timeout()).await
        }
        Action::RoutesVerify => vec![cache::verify(settings).await],
        Action::Reload => reload::perform(settings, door, false).await.checks,
        Action::Verify => {
            let route = VERIFY_ROUTE.parse().expect("a valid route");
            match verify::gather(settings, &route, None).await {
                Ok(report) => report.checks,
                Err(e) => vec![Check::fail("route", e.0, "the runbook's verify route is not a route of the gateway")],
            }
        }
        Action::IntegrateInputValidation => {
            // The preview's figure is part of the step's evidence: who the fix refuses.
            let impact = crate::ops::replay::impact(settings, Some(std::time::Duration::from_secs(7 * 86_400))).await;
            let seen = match &impact {
                Ok(i) if i.payloads == 0 => Check::warn(
                    "impact",
                    "no logged collect-appointment call to preview it on",
                    "its effect on callers is unknown: watch the 422 share",
                ),
                Ok(i) => Check::pass(
                    "impact",
                    format!("{} of {} logged calls (7 days) would have been refused", i.refused, i.payloads),
                ),
                Err(e) => Check::warn("impact", format!("{e:#}"), "its effect on callers is unknown"),
            };
            let mut checks = vec![seen];
            match integrate::integrate(settings, door, Default::default(), Some(impact)).await {
                Ok((report, _)) => checks.extend(report.checks),
                Err(e) => checks.push(Check::fail("integrate", format!("{e:#}"), "nothing of it was written")),
            }
            checks
        }
    }
}

/// The exact commands an action runs, for --dry-run and the confirmation.
pub fn commands_for(settings: &Settings, action: Action) -> Vec<String> {
    let php = artisan_php(settings);
    let g = &settings.file.gateway;
    match action {
        Action::Preflight => vec![
            format!("GET {}{}", g.base_url, g.health_path),
            format!("{php} artisan health:detailed"),
            "redis PING, INFO memory, GET circuit_breaker:*".into(),
            fpm::reload_commands(&settings.service, false).into_iter().next().unwrap_or_default(),
            format!("read the end of {}", settings.log_file().display()),
        ],
        Action::CacheRebuild => {
            [cache::CLEAR, cache::BUILD].concat().iter().map(|c| format!("{php} artisan {c}")).collect()
        }
        Action::RoutesVerify => vec![format!("{php} artisan route:list --json")],
        Action::Reload => fpm::reload_commands(&settings.service, false),
        Action::IntegrateInputValidation => vec![
            "replay the logged collect-appointment payloads through CollectAppointmentRequest (on a shadow)".into(),
            "edit RetellFunctionCallHandler::collectAppointment (import, type hint, getAppointmentData())".into(),
            format!("{php} artisan config:clear; {php} artisan route:clear; graceful reload"),
            "POST /api/retell/collect-appointment: invalid → 422, valid → 200".into(),
        ],
        Action::Verify => vec![
            format!("GET {}{}", g.base_url, g.health_path),
            format!("{VERIFY_ROUTE} with a fresh probe X-Api-Key"),
            "redis SCAN for its rate_limit key, GET circuit_breaker:*".into(),
        ],
    }
}

/// `gatewayctl` with the global flags that chose this gateway: the start of
/// a command the operator can run as printed.
fn invocation(ctx: &Context, settings: &Settings) -> String {
    let mut words = vec!["gatewayctl".to_string()];
    let path = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // The file it was read from, found by default (./gatewayctl.toml) too.
    if let Some(config) = ctx.global.config.as_ref().or(settings.source.as_ref()) {
        words.extend(["--config".into(), crate::adapters::ssh::quote(&path(config).display().to_string())]);
    }
    if let Some(app) = &ctx.global.app_dir {
        words.extend(["--app-dir".into(), crate::adapters::ssh::quote(&path(app).display().to_string())]);
    }
    if let Some(url) = &ctx.global.base_url {
        words.extend(["--base-url".into(), crate::adapters::ssh::quote(url)]);
    }
    words.join(" ")
}

/// What a dry run can judge without changing anything: the lock as a real
/// run would find it, preflight (its findings included), and so where a
/// real run would stop; the keys the configured shape writes; and the
/// commands that undo what the run changes.
async fn rehearse(settings: &Settings, runbook: &Runbook, selected: &[String], gatewayctl: &str) -> Rehearsal {
    use crate::adapters::state::LockState;
    let lock = match crate::adapters::state::StateDir::new(&settings.file.state.dir).lock_state() {
        LockState::Free => Check::pass("lock", "the operator lock is free"),
        LockState::Unknown(why) => {
            Check::unknown("lock", why, "a real run may find it held: check `gatewayctl status`")
        }
        LockState::Held(h) => {
            let doing = if h.command.is_empty() { String::new() } else { format!(", running `{}`", h.command) };
            Check::fail(
                "lock",
                format!("held by {} on {} (pid {}) since {}{doing}", h.owner, h.host, h.pid, h.since),
                "a real run would refuse: wait for that run to end, or take it with --break-lock (journaled)",
            )
        }
    };
    let preflight = preflight::gather(settings).await;
    let steps = runbook.phases.iter().flat_map(|p| &p.steps).filter(|s| selected.contains(&s.id));
    let stops_at = match lock.verdict.is_good() {
        false => Some("the lock, before the first step".to_string()),
        true => steps
            .clone()
            .find(|s| s.action == Action::Preflight && s.gate.judge(&preflight.checks) == StepOutcome::Failed)
            .map(|s| format!("step {}", s.id)),
    };
    let mut undo: Vec<String> = Vec::new();
    for args in steps.filter_map(|s| s.action.undo()) {
        let line = format!("{gatewayctl} {}", args.join(" "));
        if !undo.contains(&line) {
            undo.push(line);
        }
    }
    let route: crate::core::route::Route = VERIFY_ROUTE.parse().expect("a valid route");
    let shape = crate::ops::limiter::shape(settings).shape;
    let keys = crate::ops::limiter::written_keys(settings, &shape, &route);
    Rehearsal {
        lock,
        decision: preflight.decision,
        preflight: preflight.checks,
        findings: preflight.findings,
        stops_at,
        keys,
        undo,
    }
}

async fn dry_run(
    settings: &Settings,
    runbook: &Runbook,
    name: &str,
    selected: &[String],
    gatewayctl: &str,
) -> ActivateReport {
    let rehearsal = rehearse(settings, runbook, selected, gatewayctl).await;
    let phases = runbook
        .phases
        .iter()
        .filter(|phase| phase.steps.iter().any(|s| selected.contains(&s.id)))
        .map(|phase| {
            let steps = phase
                .steps
                .iter()
                .filter(|s| selected.contains(&s.id))
                .map(|s| StepRun {
                    id: s.id.clone(),
                    action: s.action,
                    outcome: StepOutcome::Ok,
                    duration_ms: 0,
                    checks: commands_for(settings, s.action).into_iter().map(|c| Check::pass("would run", c)).collect(),
                    rollback: s.rollback.clone(),
                })
                .collect();
            PhaseRun::new(phase, 0, steps)
        })
        .collect();
    ActivateReport {
        run: "dry-run".into(),
        runbook: name.into(),
        dry_run: true,
        resumed: false,
        completed: false,
        phases,
        journal: PathBuf::new(),
        rehearsal: Some(rehearsal),
    }
}
