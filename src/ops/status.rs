//! What stands now, from the journal, the lock and Redis: each feature on or
//! rolled back (since when, by whom, what undoes it), work owed or half
//! done, who holds the lock, the breakers, the last runs. Read-only.

use crate::adapters::redis::Redis;
use crate::adapters::state::StateDir;
use crate::core::journal::{self, Event, RollbackState};
use crate::core::rollback::Feature;
use crate::ops::{breaker, now_ms};
use crate::report::status::{BreakerLine, FeatureState, RunLine, StatusReport};
use crate::settings::Settings;

/// How many of the last runs to show.
const RUNS: usize = 8;

pub async fn gather(settings: &Settings) -> StatusReport {
    let state = StateDir::new(&settings.file.state.dir);
    let (entries, problems) = match state.scan_journal() {
        Ok((entries, health)) => (entries, health.unreadable),
        Err(e) => (vec![], vec![(0, e.to_string())]),
    };
    let real = journal::real_entries(&entries);
    let records = journal::rollback_records(&real);
    let features = Feature::ALL
        .iter()
        .map(|&f| feature_state(f, journal::rollback_state(&records, f.name()), &real))
        .map(|line| not_wired(settings, line))
        .collect();
    let mut owed = journal::owed(&real);
    owed.extend(journal::half_done(&real));
    StatusReport {
        config: settings.source.clone(),
        app_dir: settings.app_dir().to_path_buf(),
        features,
        owed,
        lock: state.holder(),
        breakers: breakers(settings).await,
        runs: runs(&real),
        journal_problems: problems,
        probe_owed: crate::ops::probe::owed(settings),
    }
}

/// Input validation is a fix the plan wires later: "on" from the journal
/// alone (never rolled back) is not evidence it is wired; the code says.
fn not_wired(settings: &Settings, line: FeatureState) -> FeatureState {
    if line.feature != Feature::InputValidation || line.state != "on" {
        return line;
    }
    let file = settings.app_dir().join(crate::core::rollback::validation::CONTROLLER);
    let wired = std::fs::read_to_string(&file).ok().map(|t| crate::core::rollback::validation::wired(&t));
    match wired {
        Some(Ok(true)) => line,
        Some(Ok(false)) => FeatureState {
            state: "not_wired".into(),
            next: Some("gatewayctl integrate input-validation --impact".into()),
            ..line
        },
        _ => FeatureState { state: "unknown".into(), ..line },
    }
}

/// One feature's line: its state, and the command that undoes it or
/// finishes what is half done.
fn feature_state(feature: Feature, state: RollbackState, entries: &[journal::Entry]) -> FeatureState {
    let (name, record, next) = match state {
        // On again after an undo: who restored it, and since when.
        RollbackState::On => {
            let undone = entries
                .iter()
                .rev()
                .find(|e| matches!(&e.event, Event::UndoApplied { feature: f } if f == feature.name()));
            let by = undone.and_then(|u| {
                entries.iter().rev().find_map(|e| match &e.event {
                    Event::UndoStarted { feature: f, operator, .. } if f == feature.name() && e.run == u.run => {
                        Some(operator.clone()).filter(|o| !o.is_empty())
                    }
                    _ => None,
                })
            });
            return FeatureState { feature, state: "on".into(), since: undone.map(|u| u.ts.clone()), by, next: None };
        }
        RollbackState::Off(r) => ("rolled_back", r, format!("gatewayctl rollback undo {feature}")),
        RollbackState::Pending(r) => ("rollback_half_done", r, format!("gatewayctl rollback {feature}")),
        RollbackState::UndoPending(r) => ("undo_half_done", r, format!("gatewayctl rollback undo {feature}")),
    };
    FeatureState {
        feature,
        state: name.into(),
        since: Some(record.since.clone()),
        by: Some(record.operator.clone()).filter(|o| !o.is_empty()),
        next: Some(next),
    }
}

async fn breakers(settings: &Settings) -> Vec<BreakerLine> {
    let mut redis = match Redis::connect(&breaker::target(settings)).await {
        Ok(r) => Some(r),
        Err(e) => {
            return settings
                .breakers
                .keys()
                .map(|s| BreakerLine { service: s.clone(), state: format!("unknown ({e})") })
                .collect()
        }
    };
    let mut out = Vec::new();
    for (service, cfg) in &settings.breakers {
        let state = match redis.as_mut() {
            Some(r) => match breaker::read(r, &settings.breaker_store, service, cfg, now_ms() / 1000).await {
                Ok(s) => s.state.to_string(),
                Err(e) => format!("unknown ({e:#})"),
            },
            None => "unknown".into(),
        };
        out.push(BreakerLine { service: service.clone(), state });
    }
    out
}

/// The last runs, newest first, each with the last thing the journal says of it.
fn runs(entries: &[journal::Entry]) -> Vec<RunLine> {
    let mut order: Vec<&str> = Vec::new();
    for e in entries {
        if e.run != "torn-tail" && !order.contains(&e.run.as_str()) {
            order.push(&e.run);
        }
    }
    order
        .iter()
        .rev()
        .take(RUNS)
        .map(|run| {
            let mine: Vec<&journal::Entry> = entries.iter().filter(|e| e.run == *run).collect();
            let last = mine.last().map(|e| describe(&e.event)).unwrap_or_default();
            RunLine { run: run.to_string(), started: mine[0].ts.clone(), last }
        })
        .collect()
}

/// One journal event in words.
/// Every entry in words, as history shows them: a start that a later entry
/// of its run finished says so (never "never finished"), with who ran it
/// and as what (emergency, selective, undo, fleet).
pub fn describe_all(entries: &[crate::core::journal::Entry]) -> Vec<String> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let later = || entries[i + 1..].iter().filter(|l| l.run == e.run);
            let done = |ends: &dyn Fn(&Event) -> bool| later().any(|l| ends(&l.event));
            let (what, finished) = match &e.event {
                Event::RunStarted { runbook, operator, host, .. } => (
                    format!("{} started {runbook} by {operator}@{host}", kind(runbook)),
                    done(&|x| matches!(x, Event::RunFinished { .. })),
                ),
                Event::StepStarted { step, .. } => (
                    format!("{step} started"),
                    done(&|x| matches!(x, Event::StepFinished { step: s, .. } if s == step)),
                ),
                Event::RollbackStarted { feature, operator, command, .. } => (
                    format!("{} rollback of {feature} started by {}", kind(command), shown(operator)),
                    done(&|x| {
                        matches!(x, Event::RollbackApplied { feature: f } | Event::RollbackAborted { feature: f, .. } if f == feature)
                    }),
                ),
                Event::UndoStarted { feature, operator, .. } => (
                    format!("undo of {feature} started by {}", shown(operator)),
                    done(&|x| matches!(x, Event::UndoApplied { feature: f } if f == feature)),
                ),
                Event::IntegrateStarted { feature, operator, .. } => (
                    format!("integration of {feature} started by {}", shown(operator)),
                    done(&|x| matches!(x, Event::IntegrateApplied { feature: f } if f == feature)),
                ),
                other => return describe(other),
            };
            match finished {
                true => what,
                false => format!("{what} (never finished)"),
            }
        })
        .collect()
}

/// What kind of run a command or runbook name is.
fn kind(command: &str) -> &'static str {
    match command {
        c if c.contains("--hosts") || c.starts_with("fleet") => "fleet",
        c if c.contains("emergency") => "emergency",
        c if c.contains("undo") => "undo",
        c if c.starts_with("rollback") => "selective",
        "" => "a",
        _ => "the",
    }
}

fn shown(operator: &str) -> &str {
    if operator.is_empty() {
        "(not recorded)"
    } else {
        operator
    }
}

pub fn describe(event: &Event) -> String {
    match event {
        Event::RunStarted { runbook, .. } => format!("started {runbook} (never finished)"),
        Event::StepStarted { step, .. } => format!("{step} started (never finished)"),
        Event::StepFinished { step, outcome, .. } => format!("{step} {}", format!("{outcome:?}").to_lowercase()),
        Event::RunFinished { completed } => {
            if *completed { "finished, completed" } else { "finished, not completed" }.into()
        }
        Event::LockBroken { previous_owner, .. } => format!("took the lock from {previous_owner}"),
        Event::RollbackStarted { feature, .. } => format!("rollback of {feature} started (never finished)"),
        Event::RollbackApplied { feature } => format!("{feature} rolled back"),
        Event::RollbackAborted { feature, reason, .. } => format!("rollback of {feature} aborted: {reason}"),
        Event::UndoStarted { feature, .. } => format!("undo of {feature} started (never finished)"),
        Event::UndoApplied { feature } => format!("{feature} restored"),
        Event::IntegrateStarted { feature, .. } => format!("integration of {feature} started (never finished)"),
        Event::IntegrateApplied { feature } => format!("{feature} integrated"),
        Event::BreakerReset { service, .. } => format!("breaker {service} reset"),
        Event::JournalRepaired { lines, .. } => format!("journal lines {lines:?} set aside"),
        Event::Note { command, text } => format!("{command}: {text}"),
        Event::FleetHost { host, step, ok, detail, .. } => {
            format!(
                "{host}: {step} {}{}",
                if *ok { "ok" } else { "FAILED" },
                if detail.is_empty() { String::new() } else { format!(" ({detail})") }
            )
        }
        Event::Outcome { command, ok, summary, .. } => {
            format!("{command}: {} ({summary})", if *ok { "pass" } else { "FAIL" })
        }
    }
}
