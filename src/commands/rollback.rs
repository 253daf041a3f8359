//! `gatewayctl rollback`: the plan's selective rollbacks (input-validation,
//! rate-limit, circuit-breaker, log-sanitizer), its 60-second emergency rollback, all of
//! them, what is rolled back now, and undo. Each runs through the one door
//! (lock, journal) into `ops::rollback`.

use std::time::{Duration, Instant};

use crate::cli::rollback::{FeatureArgs, RollbackCommand, RunArgs, UndoArgs, UndoTarget};
use crate::commands::Context;
use crate::core::rollback::Feature;
use crate::exit;
use crate::ops::door::{Door, Knock};
use crate::ops::rollback::{self};
use crate::report::rollback::RollbackReport;

/// How long the emergency rollback waits for another operator's lock.
const EMERGENCY_WAIT: Duration = Duration::from_secs(3);

impl UndoTarget {
    /// The features, in the order undo restores them: activation order,
    /// the reverse of the order they are rolled back in.
    fn features(self) -> Vec<Feature> {
        match self {
            UndoTarget::One(f) => vec![f],
            UndoTarget::All => Feature::ALL.iter().rev().copied().collect(),
        }
    }

    fn name(self) -> String {
        match self {
            UndoTarget::One(f) => f.name().to_string(),
            UndoTarget::All => "all".into(),
        }
    }
}

pub async fn exec(cmd: RollbackCommand, ctx: &mut Context) -> anyhow::Result<u8> {
    let settings = ctx.gateway()?;
    let started = Instant::now();
    let (name, features, args, emergency) = match cmd {
        RollbackCommand::List => {
            ctx.out.emit(&rollback::list(&settings)?)?;
            return Ok(exit::OK);
        }
        RollbackCommand::Undo(u) => {
            if let Some(fleet) = u.fleet.fleet(ctx, &settings)? {
                return undo_on_fleet(ctx, &settings, &fleet, &u).await;
            }
            // What the undo brings back: bugs the findings say break requests
            // today, from one dry run of the app as the whole undo makes it.
            let read = settings.clone();
            let features = u.feature.features();
            let back = match crate::ops::blocking::run("what the undo brings back", move || {
                rollback::brings_back(&read, &features)
            })
            .await
            {
                Ok(Ok(back)) => back,
                Ok(Err(why)) => {
                    ctx.out.warn(&format!("what the undo brings back is unknown: {why}"));
                    Vec::new()
                }
                Err(check) => {
                    ctx.out.warn(&format!("what the undo brings back is unknown: {}", check.evidence));
                    Vec::new()
                }
            };
            let routes: Vec<String> = back.iter().flat_map(|f| f.routes.clone()).collect();
            if !routes.is_empty() {
                ctx.out.warn(&format!(
                    "the undo brings back {}: {} will answer 5xx again ({})",
                    back.iter().map(|f| f.kind.as_str()).collect::<Vec<_>>().join(", "),
                    routes.join(", "),
                    back.iter().map(|f| f.effect.as_str()).collect::<Vec<_>>().join("; ")
                ));
            }
            let door = match u.run.dry_run {
                true => None,
                false => {
                    ctx.confirm_change(&format!(
                        "restore the original bytes of {} in {} (then caches, reload){}?",
                        u.feature.name(),
                        settings.app_dir().display(),
                        match routes.is_empty() {
                            true => String::new(),
                            false => format!(", bringing back 5xx on {}", routes.join(", ")),
                        }
                    ))?;
                    Some(open(ctx, &settings, &format!("rollback undo {}", u.feature.name()), &u.run, false).await?)
                }
            };
            let mut all = RollbackReport::new(u.run.dry_run, vec![], vec![]);
            let mut ok = true;
            for feature in u.feature.features() {
                let (report, good) = rollback::undo(&settings, door.as_ref(), feature, u.run.options(false)).await?;
                all.features.extend(report.features);
                all.checks.extend(report.checks);
                ok &= good;
            }
            if door.is_some() && !back.is_empty() {
                all.checks.extend(rollback::check_brought_back(&settings, &back).await);
            }
            return finish(ctx, all, ok, started);
        }
        RollbackCommand::InputValidation(a) => ("rollback input-validation", vec![Feature::InputValidation], a, false),
        RollbackCommand::RateLimit(a) => ("rollback rate-limit", vec![Feature::RateLimit], a, false),
        RollbackCommand::CircuitBreaker(a) => ("rollback circuit-breaker", vec![Feature::CircuitBreaker], a, false),
        RollbackCommand::LogSanitizer(a) => ("rollback log-sanitizer", vec![Feature::LogSanitizer], a, false),
        RollbackCommand::Emergency(a) => ("rollback emergency", vec![Feature::RateLimit], a, true),
        RollbackCommand::All(a) => ("rollback all", Feature::ALL.to_vec(), a, false),
    };
    let FeatureArgs { run: args, fleet, resume } = args;
    if let Some(fleet) = fleet.fleet(ctx, &settings)? {
        return on_fleet(ctx, &settings, &fleet, name, &features, &args, resume, emergency).await;
    }
    let (report, ok) = match args.dry_run {
        true => rollback::dry_run(&settings, &features).await?,
        false => {
            // The emergency asks nothing, by design: it is the plan's 60-second rollback.
            if !emergency {
                let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
                ctx.confirm_change(&format!(
                    "roll back {} in {} (edit, clear caches, reload php-fpm)?",
                    names.join(", "),
                    settings.app_dir().display()
                ))?;
            }
            let door = open(ctx, &settings, name, &args, emergency).await?;
            rollback::roll_back(&settings, &door, &features, args.options(emergency)).await?
        }
    };
    finish(ctx, report, ok, started)
}

/// The rollback on every host at once, each through its own door and
/// proven off over HTTP there; a host that cannot be reached is named and
/// the command fails, never "done".
#[allow(clippy::too_many_arguments)]
async fn on_fleet(
    ctx: &mut Context,
    settings: &crate::settings::Settings,
    fleet: &crate::ops::fleet::Fleet,
    name: &str,
    features: &[Feature],
    args: &RunArgs,
    resume: bool,
    emergency: bool,
) -> anyhow::Result<u8> {
    use crate::core::journal;
    // A resume acts on what each host says stands there: a host where every
    // feature is rolled back already is left alone.
    let skip: Vec<Option<String>> = match resume {
        false => fleet.hosts.iter().map(|_| None).collect(),
        true => {
            let states = crate::ops::fleet::feature_states(fleet).await;
            let mut skip = Vec::new();
            for (host, state) in fleet.hosts.iter().zip(states) {
                skip.push(match state {
                    Ok(map) if features.iter().all(|f| map.get(f.name()).is_some_and(|s| s == "rolled_back")) => {
                        Some("rolled back there already (its status says so)".to_string())
                    }
                    Ok(_) => None,
                    Err(e) => {
                        ctx.out.warn(&format!(
                            "{}: its status could not be read ({e}): the rollback is sent there",
                            host.name
                        ));
                        None
                    }
                });
            }
            skip
        }
    };
    let owed: Vec<String> =
        fleet.hosts.iter().zip(&skip).filter(|(_, s)| s.is_none()).map(|(h, _)| h.name.clone()).collect();
    if !emergency && !args.dry_run {
        let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
        ctx.confirm_change(&format!("roll back {} on {} host(s)?", names.join(", "), owed.len()))?;
    }
    // Journaled on this machine as every fleet command is (each host keeps its own too).
    let door = match args.dry_run {
        true => None,
        false => {
            let command = format!("{name} --hosts{}", if resume { " --resume" } else { "" });
            let runbook = journal::fleet_rollback_runbook(name, resume, &owed);
            Some(open_fleet_run(ctx, settings, &command, args, emergency, runbook).await?)
        }
    };
    let mut remote: Vec<&str> = vec!["--yes"];
    remote.extend(name.split(' '));
    remote.extend(args.remote());
    let report = crate::ops::fleet::rollback(fleet, door.as_ref(), name, &remote, skip).await?;
    ctx.out.emit(&report)?;
    Ok(if report.ok { exit::OK } else { exit::CHECK_FAILED })
}

/// `rollback undo --hosts`: the undo on every host at once, one record per
/// host in this machine's journal; `--resume` acts only on the hosts the
/// last fleet undo of this feature left owed.
async fn undo_on_fleet(
    ctx: &mut Context,
    settings: &crate::settings::Settings,
    fleet: &crate::ops::fleet::Fleet,
    u: &UndoArgs,
) -> anyhow::Result<u8> {
    use crate::core::journal;
    let what = u.feature.name();
    let names: Vec<String> = fleet.hosts.iter().map(|h| h.name.clone()).collect();
    let skip: Vec<Option<String>> = match u.resume {
        false => names.iter().map(|_| None).collect(),
        true => {
            // Each host says what stands there, and that decides; the journal
            // only says what the last fleet undo expected, for a host that differs.
            let entries = crate::adapters::state::StateDir::new(&settings.file.state.dir).read_journal()?;
            let expected = journal::fleet_undo_owed(&journal::real_entries(&entries), &what, &names);
            let states = crate::ops::fleet::feature_states(fleet).await;
            let features = u.feature.features();
            let mut skip = Vec::new();
            for (i, (host, state)) in names.iter().zip(states).enumerate() {
                let said = expected.as_ref().and_then(|e| e[i].clone());
                skip.push(match state {
                    Ok(map) => {
                        let off: Vec<String> = features
                            .iter()
                            .filter_map(|f| {
                                let s = map.get(f.name())?;
                                (!matches!(s.as_str(), "on" | "not_wired" | "unknown")).then(|| format!("{f} {s}"))
                            })
                            .collect();
                        match (off.is_empty(), said) {
                            (true, _) => Some("on there (its status says so)".to_string()),
                            (false, Some(journal_said)) => {
                                ctx.out.warn(&format!(
                                    "{host}: the journal says {journal_said}, the host says {}: the undo is sent there",
                                    off.join(", ")
                                ));
                                None
                            }
                            (false, None) => None,
                        }
                    }
                    Err(e) => {
                        ctx.out.warn(&format!("{host}: its status could not be read ({e}): the undo is sent there"));
                        None
                    }
                });
            }
            skip
        }
    };
    let owed: Vec<String> = names.iter().zip(&skip).filter(|(_, s)| s.is_none()).map(|(n, _)| n.clone()).collect();
    let mut remote: Vec<&str> = vec!["--yes", "rollback", "undo", &what];
    remote.extend(u.run.remote());
    let door = match u.run.dry_run {
        true => None,
        false => {
            ctx.confirm_change(&format!(
                "restore the original bytes of {what} on {} host(s) (then caches, reload)?",
                owed.len()
            ))?;
            let name = format!("rollback undo {what} --hosts{}", if u.resume { " --resume" } else { "" });
            let runbook = journal::fleet_undo_runbook(&what, u.resume, &owed);
            Some(open_fleet_run(ctx, settings, &name, &u.run, false, runbook).await?)
        }
    };
    let report = crate::ops::fleet::undo(fleet, door.as_ref(), &what, &remote, skip).await?;
    ctx.out.emit(&report)?;
    Ok(if report.ok { exit::OK } else { exit::CHECK_FAILED })
}

/// The door of a fleet run on this machine, its start journaled as `runbook`.
async fn open_fleet_run(
    ctx: &mut Context,
    settings: &crate::settings::Settings,
    command: &str,
    args: &RunArgs,
    emergency: bool,
    runbook: String,
) -> anyhow::Result<Door> {
    let door = open(ctx, settings, command, args, emergency).await?;
    door.record(crate::core::journal::Event::RunStarted {
        runbook,
        operator: door.me.owner.clone(),
        host: door.me.host.clone(),
        pid: door.me.pid,
        dry_run: false,
        hashes: Default::default(),
    })?;
    Ok(door)
}

/// The door; the emergency rollback waits a few seconds for a holder, never longer.
async fn open(
    ctx: &mut Context,
    settings: &crate::settings::Settings,
    name: &str,
    args: &RunArgs,
    emergency: bool,
) -> anyhow::Result<Door> {
    let mut knock = Knock::new(name, args.break_lock);
    if emergency {
        knock = knock.waiting(EMERGENCY_WAIT);
    }
    let door = Door::open(settings, knock).await?;
    for note in door.notes() {
        ctx.out.warn(&note);
    }
    Ok(door)
}

fn finish(ctx: &mut Context, report: RollbackReport, ok: bool, started: Instant) -> anyhow::Result<u8> {
    let report = RollbackReport { elapsed_ms: started.elapsed().as_millis() as u64, ..report };
    ctx.out.emit(&report)?;
    Ok(if ok { exit::OK } else { exit::CHECK_FAILED })
}
