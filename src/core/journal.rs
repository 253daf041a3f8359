//! The journal: one JSON line per event of every run that changes the
//! gateway, written before and after each step so a crash loses nothing.
//! From it follows what is still owed (caches rebuilt, reload not done).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::checks::Check;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    Ok,
    /// Failed behind a warn gate: the run went on.
    Warned,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    RunStarted {
        runbook: String,
        operator: String,
        host: String,
        pid: u32,
        dry_run: bool,
        /// SHA-256 of routes/api.php and the cache files before the run.
        hashes: BTreeMap<String, Option<String>>,
    },
    StepStarted {
        step: String,
        phase: String,
    },
    StepFinished {
        step: String,
        phase: String,
        outcome: StepOutcome,
        duration_ms: u64,
        evidence: Vec<Check>,
        #[serde(default)]
        owes: Vec<String>,
    },
    RunFinished {
        completed: bool,
    },
    LockBroken {
        previous_owner: String,
        previous_host: String,
        previous_pid: u32,
    },
    /// Written before a rollback touches a file: every file's original
    /// bytes are safe in the journal even if the process dies mid-way.
    RollbackStarted {
        feature: String,
        files: Vec<FileChange>,
        /// The cache files (bootstrap/cache) present before, which undo rebuilds.
        #[serde(default)]
        caches: Vec<String>,
        /// Who rolled it back.
        #[serde(default)]
        operator: String,
        /// The command that did (`rollback emergency`, `rollback rate-limit`).
        #[serde(default)]
        command: String,
    },
    /// Every file of the rollback holds its edited bytes.
    RollbackApplied {
        feature: String,
    },
    /// A write failed part-way: the files already written were restored.
    RollbackAborted {
        feature: String,
        reason: String,
        /// Files that could not be restored (named so a person can).
        #[serde(default)]
        not_restored: Vec<String>,
    },
    /// Written before undo touches a file.
    UndoStarted {
        feature: String,
        #[serde(default)]
        operator: String,
        #[serde(default)]
        command: String,
    },
    UndoApplied {
        feature: String,
    },
    /// Written before `integrate` touches a file (the forward edit of a
    /// fix the plan wires after its phases: input validation).
    IntegrateStarted {
        feature: String,
        files: Vec<FileChange>,
        #[serde(default)]
        operator: String,
    },
    /// The integrated bytes are in place: any earlier rollback of the
    /// feature is superseded.
    IntegrateApplied {
        feature: String,
    },
    /// `journal repair` set unreadable lines aside.
    JournalRepaired {
        lines: Vec<usize>,
        kept_in: String,
    },
    /// A command that changed nothing on the gateway but is worth a record
    /// (a refusal, a lock taken over).
    Note {
        command: String,
        text: String,
    },
    /// How a check that changes nothing ended (stress, trip-test, watch,
    /// logs scan), so `status` and `history` show the last proofs too.
    Outcome {
        command: String,
        ok: bool,
        summary: String,
        /// `stress`: the requests the gateway refused with 429, each as the
        /// model said (the evidence that the limiter acts).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refused: Option<u64>,
    },
    /// A fleet run's step on one host (on the operator's machine: each
    /// host keeps its own journal of what it did, under `remote_run`).
    FleetHost {
        host: String,
        /// preflight, activate, verify, rollback.
        step: String,
        ok: bool,
        detail: String,
        #[serde(default)]
        remote_run: Option<String>,
    },
    /// `breaker reset`: the keys it deleted, with their values before.
    BreakerReset {
        service: String,
        previous: BTreeMap<String, Option<String>>,
    },
}

/// The command an [`Event::Outcome`] of `stress` is journaled under: the
/// debrief (`gatewayctl report`) reads it back as the limiter's proof.
pub const STRESS_OUTCOME: &str = "stress rate-limit";

/// One file a rollback rewrites: its bytes before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChange {
    /// Relative to the app dir.
    pub path: String,
    pub original: String,
    pub original_sha256: String,
    pub edited: String,
    pub edited_sha256: String,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub ts: String,
    pub run: String,
    #[serde(flatten)]
    pub event: Event,
}

/// The last activation: the entry where a real (not dry) run's reload step
/// finished, the moment the change went live.
pub fn last_activation(entries: &[Entry]) -> Option<&Entry> {
    // Runbook runs start with RunStarted; a rollback's or integration's
    // reload (no RunStarted) is not an activation.
    let runs: std::collections::BTreeSet<&str> = entries
        .iter()
        .filter(|e| matches!(e.event, Event::RunStarted { dry_run: false, .. }))
        .map(|e| e.run.as_str())
        .collect();
    entries.iter().rev().find(|e| {
        runs.contains(e.run.as_str())
            && matches!(&e.event, Event::StepFinished { step, outcome: StepOutcome::Ok, .. } if step == "reload")
    })
}

/// Is an activation live: one happened and rate limiting was not rolled
/// back after it? (Then the logs show "after", and a baseline would lie.)
pub fn activation_live(entries: &[Entry]) -> Option<&Entry> {
    let at = last_activation(entries)?;
    let last_word = entries.iter().skip_while(|e| !std::ptr::eq(*e, at)).filter_map(|e| match &e.event {
        Event::RollbackApplied { feature } if feature == "rate-limit" => Some(false),
        Event::UndoApplied { feature } if feature == "rate-limit" => Some(true),
        _ => None,
    });
    last_word.last().unwrap_or(true).then_some(at)
}

/// What a fleet activation left on one host, from the operator's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FleetOwed {
    /// Nothing: switched, or rolled back on purpose (said why).
    Nothing(String),
    /// Its own run started and did not finish: `activate --resume` there.
    Resume,
    /// Never started: a whole activation there.
    Fresh,
}

/// Per host, what `activate --resume --hosts` owes it: read from the fleet
/// steps since the last fleet activation (resumes after it included).
pub fn fleet_owed(entries: &[Entry], hosts: &[String]) -> Vec<FleetOwed> {
    let start = entries.iter().rposition(
        |e| matches!(&e.event, Event::RunStarted { runbook, .. } if runbook.starts_with("fleet activation")),
    );
    let since = start.map_or(&entries[entries.len()..], |i| &entries[i..]);
    hosts
        .iter()
        .map(|host| {
            let mut owed = FleetOwed::Fresh;
            for e in since {
                if let Event::FleetHost { host: h, step, ok, .. } = &e.event {
                    if h != host {
                        continue;
                    }
                    owed = match (step.as_str(), ok) {
                        ("activate", true) => FleetOwed::Nothing(format!("switched by {}", e.run)),
                        // Started there and did not finish: its own journal knows the rest.
                        ("activate", false) => FleetOwed::Resume,
                        ("rollback", true) => FleetOwed::Nothing(format!(
                            "rolled back by {}: run `activate --hosts` again once the cause is fixed",
                            e.run
                        )),
                        _ => owed,
                    };
                }
            }
            owed
        })
        .collect()
}

/// The `runbook` of a fleet undo's `RunStarted`: `resume` is false for the
/// run that starts one, true for each `--resume` that finishes it.
pub fn fleet_rollback_runbook(what: &str, resume: bool, hosts: &[String]) -> String {
    let how = if resume { "resume" } else { "of" };
    format!("fleet {what} {how} {}", hosts.join(", "))
}

/// The runbook name a fleet undo journals under.
pub fn fleet_undo_runbook(what: &str, resume: bool, hosts: &[String]) -> String {
    let how = if resume { "resume" } else { "of" };
    format!("fleet undo {what} {how} {}", hosts.join(", "))
}

/// Per host, what `rollback undo <what> --resume --hosts` owes it, read from
/// the fleet steps since the last fleet undo of `what` (its resumes
/// included): `None` where the undo is owed (failed, unreachable, or never
/// recorded because the run was killed), `Some(why)` where the host is back
/// on already. `None` overall: no fleet undo of `what` to resume.
pub fn fleet_undo_owed(entries: &[Entry], what: &str, hosts: &[String]) -> Option<Vec<Option<String>>> {
    let fresh = format!("fleet undo {what} of ");
    let start = entries
        .iter()
        .rposition(|e| matches!(&e.event, Event::RunStarted { runbook, .. } if runbook.starts_with(&fresh)))?;
    let step = format!("undo {what}");
    let owed = hosts
        .iter()
        .map(|host| {
            let mut back_on = None;
            for e in &entries[start..] {
                if let Event::FleetHost { host: h, step: s, ok, .. } = &e.event {
                    if h == host && *s == step {
                        back_on = ok.then(|| format!("back on since {}", e.run));
                    }
                }
            }
            back_on
        })
        .collect();
    Some(owed)
}

/// A step still owed, and the step and run that left it owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owed {
    pub step: String,
    pub because: String,
    pub run: String,
    pub since: String,
}

/// What is owed after these entries: a completed step adds its `owes`, and
/// the owed step's own completion (in any run, or by its own command)
/// settles it.
pub fn owed(entries: &[Entry]) -> Vec<Owed> {
    let mut owed: BTreeMap<String, Owed> = BTreeMap::new();
    for entry in entries {
        let Event::StepFinished { step, outcome, owes, .. } = &entry.event else { continue };
        if *outcome == StepOutcome::Failed {
            continue;
        }
        owed.remove(step);
        for o in owes {
            let item = Owed { step: o.clone(), because: step.clone(), run: entry.run.clone(), since: entry.ts.clone() };
            owed.insert(o.clone(), item);
        }
    }
    owed.into_values().collect()
}

/// Integrations that started and never finished: feature → (run, since).
pub fn integrations_pending(entries: &[Entry]) -> BTreeMap<String, (String, String)> {
    let mut pending = BTreeMap::new();
    for e in entries {
        match &e.event {
            Event::IntegrateStarted { feature, .. } => {
                pending.insert(feature.clone(), (e.run.clone(), e.ts.clone()));
            }
            // Finished, or superseded by a later rollback of the feature.
            Event::IntegrateApplied { feature } | Event::RollbackApplied { feature } => {
                pending.remove(feature);
            }
            _ => {}
        }
    }
    pending
}

/// Rollbacks, undos and integrations that started and never finished, as
/// owed work whose `step` is the command that finishes it.
pub fn half_done(entries: &[Entry]) -> Vec<Owed> {
    let integrations = integrations_pending(entries).into_iter().map(|(feature, (run, since))| Owed {
        step: format!("integrate {feature}"),
        because: format!("the integration of {feature}"),
        run,
        since,
    });
    rollback_records(entries)
        .into_iter()
        .filter_map(|(feature, (record, stage))| {
            let (step, because) = match stage {
                Stage::Started => (format!("rollback {feature}"), format!("the rollback of {feature}")),
                Stage::Undoing => (format!("rollback undo {feature}"), format!("the undo of {feature}")),
                Stage::Applied | Stage::Ended => return None,
            };
            Some(Owed { step, because, run: record.run, since: record.since })
        })
        .chain(integrations)
        .collect()
}

/// The entries of dry runs change nothing and owe nothing.
pub fn real_entries(entries: &[Entry]) -> Vec<Entry> {
    let dry: std::collections::BTreeSet<&str> = entries
        .iter()
        .filter(|e| matches!(e.event, Event::RunStarted { dry_run: true, .. }))
        .map(|e| e.run.as_str())
        .collect();
    entries.iter().filter(|e| !dry.contains(e.run.as_str())).cloned().collect()
}

/// The last run that started and never finished (a crash, a kill), if any.
pub fn interrupted_run(entries: &[Entry]) -> Option<&str> {
    // A fleet run's steps ran on its hosts, not here: `--hosts --resume` finishes it.
    let last_start = entries.iter().rev().find(
        |e| matches!(&e.event, Event::RunStarted { dry_run: false, runbook, .. } if !runbook.starts_with("fleet ")),
    )?;
    let finished = entries.iter().any(|e| e.run == last_start.run && matches!(e.event, Event::RunFinished { .. }));
    (!finished).then_some(last_start.run.as_str())
}

/// The steps a run completed (ok or warned).
pub fn completed_steps(entries: &[Entry], run: &str) -> std::collections::BTreeSet<String> {
    entries
        .iter()
        .filter(|e| e.run == run)
        .filter_map(|e| match &e.event {
            Event::StepFinished { step, outcome, .. } if *outcome != StepOutcome::Failed => Some(step.clone()),
            _ => None,
        })
        .collect()
}

/// What `activate --resume` runs, in runbook order: every owed step, and
/// the steps the interrupted run never completed.
pub fn resume_plan(entries: &[Entry], runbook_steps: &[String]) -> Vec<String> {
    let real = real_entries(entries);
    let owed: std::collections::BTreeSet<String> = owed(&real).into_iter().map(|o| o.step).collect();
    let unfinished: Vec<&String> = match interrupted_run(&real) {
        Some(run) => {
            let done = completed_steps(&real, run);
            runbook_steps.iter().filter(|s| !done.contains(*s)).collect()
        }
        None => Vec::new(),
    };
    runbook_steps.iter().filter(|s| owed.contains(*s) || unfinished.contains(s)).cloned().collect()
}

/// Where a feature's rollback stands, from the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollbackState<'a> {
    /// Never rolled back, undone, or a rollback that was aborted.
    On,
    /// Started and never finished (killed): the files may be part-written.
    Pending(&'a RollbackRecord),
    /// Applied: every file holds the edit.
    Off(&'a RollbackRecord),
    /// An undo started and never finished: some files may be restored.
    UndoPending(&'a RollbackRecord),
}

/// One rollback transaction as journaled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollbackRecord {
    pub run: String,
    pub since: String,
    pub files: Vec<FileChange>,
    pub caches: Vec<String>,
    pub operator: String,
}

/// Each feature's last rollback transaction and where it stands.
pub fn rollback_records(entries: &[Entry]) -> BTreeMap<String, (RollbackRecord, Stage)> {
    let mut records: BTreeMap<String, (RollbackRecord, Stage)> = BTreeMap::new();
    for e in entries {
        match &e.event {
            Event::RollbackStarted { feature, files, caches, operator, .. } => {
                let record = RollbackRecord {
                    run: e.run.clone(),
                    since: e.ts.clone(),
                    files: files.clone(),
                    caches: caches.clone(),
                    operator: operator.clone(),
                };
                records.insert(feature.clone(), (record, Stage::Started));
            }
            Event::RollbackApplied { feature } => set(&mut records, feature, Stage::Applied),
            Event::RollbackAborted { feature, .. } => set(&mut records, feature, Stage::Ended),
            Event::UndoStarted { feature, .. } => set(&mut records, feature, Stage::Undoing),
            Event::UndoApplied { feature } => set(&mut records, feature, Stage::Ended),
            Event::IntegrateApplied { feature } => set(&mut records, feature, Stage::Ended),
            _ => {}
        }
    }
    records
}

/// The stage of a rollback transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Started,
    Applied,
    Undoing,
    Ended,
}

fn set(records: &mut BTreeMap<String, (RollbackRecord, Stage)>, feature: &str, stage: Stage) {
    if let Some(r) = records.get_mut(feature) {
        r.1 = stage;
    }
}

/// Where `feature`'s rollback stands in `records`.
pub fn rollback_state<'a>(records: &'a BTreeMap<String, (RollbackRecord, Stage)>, feature: &str) -> RollbackState<'a> {
    match records.get(feature) {
        Some((r, Stage::Started)) => RollbackState::Pending(r),
        Some((r, Stage::Applied)) => RollbackState::Off(r),
        Some((r, Stage::Undoing)) => RollbackState::UndoPending(r),
        Some((_, Stage::Ended)) | None => RollbackState::On,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(run: &str, step: &str, outcome: StepOutcome, owes: &[&str]) -> Entry {
        Entry {
            ts: "t".into(),
            run: run.into(),
            event: Event::StepFinished {
                step: step.into(),
                phase: "p".into(),
                outcome,
                duration_ms: 1,
                evidence: vec![],
                owes: owes.iter().map(|s| s.to_string()).collect(),
            },
        }
    }

    #[test]
    fn a_rebuild_owes_a_reload_until_one_completes() {
        let rebuilt = finished("r1", "cache.rebuild", StepOutcome::Ok, &["reload"]);
        assert_eq!(
            owed(std::slice::from_ref(&rebuilt)).iter().map(|o| o.step.as_str()).collect::<Vec<_>>(),
            ["reload"]
        );
        let failed_reload = finished("r1", "reload", StepOutcome::Failed, &[]);
        assert_eq!(owed(&[rebuilt.clone(), failed_reload]).len(), 1, "a failed reload settles nothing");
        let reload = finished("r2", "reload", StepOutcome::Ok, &[]);
        assert!(owed(&[rebuilt, reload]).is_empty());
    }

    fn started(run: &str) -> Entry {
        let event = Event::RunStarted {
            runbook: "rb".into(),
            operator: "op".into(),
            host: "h".into(),
            pid: 1,
            dry_run: false,
            hashes: BTreeMap::new(),
        };
        Entry { ts: "t".into(), run: run.into(), event }
    }

    fn fleet(run: &str, host: &str, step: &str, ok: bool) -> Entry {
        let event =
            Event::FleetHost { host: host.into(), step: step.into(), ok, detail: String::new(), remote_run: None };
        Entry { ts: "t".into(), run: run.into(), event }
    }

    fn fleet_started(run: &str, runbook: &str) -> Entry {
        let mut e = started(run);
        if let Event::RunStarted { runbook: r, .. } = &mut e.event {
            *r = runbook.into();
        }
        e
    }

    #[test]
    fn a_fleet_undo_resume_owes_only_the_hosts_not_back_on() {
        let hosts: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(fleet_undo_owed(&[], "rate-limit", &hosts), None, "nothing to resume");
        let mut entries = vec![
            fleet_started("r1", &fleet_undo_runbook("rate-limit", false, &hosts)),
            fleet("r1", "a", "undo rate-limit", true),
            fleet("r1", "b", "undo rate-limit", false),
            // c: the run was killed before its answer was recorded.
        ];
        let owed = fleet_undo_owed(&entries, "rate-limit", &hosts).unwrap();
        assert_eq!(owed, [Some("back on since r1".to_string()), None, None]);
        assert_eq!(fleet_undo_owed(&entries, "all", &hosts), None, "another target's undo is not this one's");
        entries.push(fleet_started("r2", &fleet_undo_runbook("rate-limit", true, &hosts[1..])));
        entries.push(fleet("r2", "b", "undo rate-limit", true));
        let owed = fleet_undo_owed(&entries, "rate-limit", &hosts).unwrap();
        assert_eq!(owed[1].as_deref(), Some("back on since r2"), "a resume counts");
        assert_eq!(owed[2], None);
        // A new fleet undo starts the count again.
        entries.push(fleet_started("r3", &fleet_undo_runbook("rate-limit", false, &hosts)));
        assert_eq!(fleet_undo_owed(&entries, "rate-limit", &hosts).unwrap(), [None, None, None]);
        assert_eq!(interrupted_run(&entries), None, "a killed fleet run is not this machine's runbook to resume");
    }

    #[test]
    fn resume_finishes_what_a_killed_run_left() {
        let steps: Vec<String> =
            ["preflight", "cache.rebuild", "routes.verify", "reload", "verify"].map(String::from).to_vec();
        let killed = vec![
            started("r1"),
            finished("r1", "preflight", StepOutcome::Ok, &[]),
            finished("r1", "cache.rebuild", StepOutcome::Ok, &["reload"]),
        ];
        assert_eq!(resume_plan(&killed, &steps), ["routes.verify", "reload", "verify"]);
        let mut resumed = killed.clone();
        resumed.push(started("r2"));
        resumed.extend(["routes.verify", "reload", "verify"].map(|s| finished("r2", s, StepOutcome::Ok, &[])));
        resumed.push(Entry { ts: "t".into(), run: "r2".into(), event: Event::RunFinished { completed: true } });
        assert!(resume_plan(&resumed, &steps).is_empty());
    }

    #[test]
    fn an_interrupted_integration_is_owed_until_finished_or_rolled_back() {
        let at = |event| Entry { ts: "t".into(), run: "r".into(), event };
        let started =
            at(Event::IntegrateStarted { feature: "input-validation".into(), files: vec![], operator: "op".into() });
        let owed = half_done(std::slice::from_ref(&started));
        assert_eq!(owed.iter().map(|o| o.step.as_str()).collect::<Vec<_>>(), ["integrate input-validation"]);
        for end in [
            Event::IntegrateApplied { feature: "input-validation".into() },
            Event::RollbackApplied { feature: "input-validation".into() },
        ] {
            assert!(half_done(&[started.clone(), at(end)]).iter().all(|o| !o.step.starts_with("integrate")));
        }
    }

    #[test]
    fn entries_round_trip_as_json_lines() {
        let e = finished("r1", "reload", StepOutcome::Warned, &[]);
        let line = serde_json::to_string(&e).unwrap();
        assert!(line.contains("\"event\":\"step_finished\""), "{line}");
        assert_eq!(serde_json::from_str::<Entry>(&line).unwrap(), e);
    }

    #[test]
    fn the_activation_is_a_runbook_runs_reload_and_a_rollback_ends_it() {
        let rollback_reload = finished("rollback-1", "reload", StepOutcome::Ok, &[]);
        assert!(
            last_activation(std::slice::from_ref(&rollback_reload)).is_none(),
            "a rollback's reload is no activation"
        );
        let mut entries = vec![started("activate-1"), finished("activate-1", "reload", StepOutcome::Ok, &[])];
        assert_eq!(last_activation(&entries).map(|e| e.run.as_str()), Some("activate-1"));
        assert!(activation_live(&entries).is_some());
        entries.push(rollback_reload);
        entries.push(Entry {
            ts: "t".into(),
            run: "rollback-1".into(),
            event: Event::RollbackApplied { feature: "rate-limit".into() },
        });
        assert_eq!(last_activation(&entries).map(|e| e.run.as_str()), Some("activate-1"));
        assert!(activation_live(&entries).is_none(), "rolled back: the logs show before again");
        entries.push(Entry {
            ts: "t".into(),
            run: "undo-1".into(),
            event: Event::UndoApplied { feature: "rate-limit".into() },
        });
        assert!(activation_live(&entries).is_some());
        let failed = vec![started("activate-2"), finished("activate-2", "reload", StepOutcome::Failed, &[])];
        assert!(last_activation(&failed).is_none());
    }
}
