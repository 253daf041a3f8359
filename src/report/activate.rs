//! `activate` results: phases against the plan's budgets, steps, evidence.

use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::checks::{Check, GoNoGo};
use crate::core::findings::Finding;
use crate::core::journal::StepOutcome;
use crate::core::runbook::{Action, Phase};
use crate::report::preflight::checks_table;
use crate::report::{table, Human, Style};

/// The keys a request to `route` writes, as the configured shape names
/// them (`ops::limiter::written_keys`), and the database they live in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenKeys {
    pub route: String,
    pub database: u32,
    pub keys: Vec<crate::core::limiter::KeyName>,
}

/// `activate --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivateReport {
    pub run: String,
    pub runbook: String,
    pub dry_run: bool,
    pub resumed: bool,
    /// Every selected step ran and none failed.
    pub completed: bool,
    pub phases: Vec<PhaseRun>,
    pub journal: PathBuf,
    /// A dry run: the gates it judged read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rehearsal: Option<Rehearsal>,
}

/// What `activate --dry-run` judges without changing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rehearsal {
    /// The operator lock, as a real run would find it.
    pub lock: Check,
    /// Preflight's decision and checks, as the runbook's preflight step judges them.
    pub decision: GoNoGo,
    pub preflight: Vec<Check>,
    /// The gateway's own bugs, from a dry run of its middleware stacks.
    pub findings: Vec<Finding>,
    /// Where a real run would stop now; `None`: past every gate a dry run can judge.
    pub stops_at: Option<String>,
    /// The keys the configured shape writes for the verify step's route.
    pub keys: WrittenKeys,
    /// Commands, runnable as printed, that undo what the run changes.
    pub undo: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseRun {
    pub id: String,
    pub title: String,
    pub budget_s: u64,
    pub elapsed_ms: u64,
    pub over_budget: bool,
    pub steps: Vec<StepRun>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRun {
    pub id: String,
    pub action: Action,
    pub outcome: StepOutcome,
    pub duration_ms: u64,
    /// The evidence (on a dry run: the commands it would run).
    pub checks: Vec<Check>,
    pub rollback: String,
}

impl PhaseRun {
    pub fn new(phase: &Phase, elapsed_ms: u64, steps: Vec<StepRun>) -> Self {
        let budget_s = phase.budget().as_secs();
        PhaseRun {
            id: phase.id.clone(),
            title: phase.title.clone(),
            budget_s,
            elapsed_ms,
            over_budget: elapsed_ms > budget_s * 1000,
            steps,
        }
    }
}

/// The plan's Phase 5 and 6, as gatewayctl runs them.
const NEXT: [&str; 5] = [
    "gatewayctl stress rate-limit --route \"POST /api/v2/bookings\" --requests 35   # 5A: every answer against the model",
    "gatewayctl breaker trip-test            # 5B: on a lab or staging target only",
    "gatewayctl logs probe --yes && gatewayctl logs scan   # 5C: canaries, then the logs",
    "gatewayctl watch --auto-rollback        # 6: the first two hours, guarded",
    "gatewayctl status                       # what stands now, at any time",
];

impl ActivateReport {
    pub fn nothing(run: &str, runbook: &str, journal: PathBuf) -> Self {
        ActivateReport {
            run: run.into(),
            runbook: runbook.into(),
            dry_run: false,
            resumed: true,
            completed: true,
            phases: vec![],
            journal,
            rehearsal: None,
        }
    }
}

impl Human for ActivateReport {
    fn headline(&self, style: &Style) -> Option<String> {
        if let Some(r) = &self.rehearsal {
            let mut judged = vec![r.lock.clone()];
            judged.extend(r.preflight.iter().cloned());
            return Some(match &r.stops_at {
                Some(at) => format!(
                    "{} (dry run: a real run would stop at {at})",
                    crate::report::verdict_line(false, &judged, style)
                ),
                None => format!(
                    "{} (dry run: the lock and preflight let a real run through; nothing was changed)",
                    crate::report::verdict_line(true, &judged, style)
                ),
            });
        }
        if self.dry_run {
            return None;
        }
        let steps: Vec<&StepRun> = self.phases.iter().flat_map(|p| &p.steps).collect();
        Some(match steps.iter().find(|s| s.outcome == StepOutcome::Failed) {
            Some(failed) => {
                format!("{} (step {})", crate::report::verdict_line(false, &failed.checks, style), failed.id)
            }
            None if self.completed => style.good(&format!("GO: activation complete ({} step(s))", steps.len())),
            None => style.warn(&format!("stopped: {} step(s) ran, the run is not complete", steps.len())),
        })
    }

    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if let Some(line) = self.headline(style) {
            writeln!(w, "{line}")?;
        }
        if self.dry_run {
            return dry_run(self, w, style);
        }
        let mut t = table::new(&["phase", "step", "outcome", "time", "budget"]);
        for phase in &self.phases {
            for step in &phase.steps {
                let outcome = match step.outcome {
                    StepOutcome::Ok => style.good("ok"),
                    StepOutcome::Warned => style.warn("warned"),
                    StepOutcome::Failed => style.bad("FAILED"),
                };
                let budget = if phase.over_budget {
                    style.warn(&format!("{}s (over)", phase.budget_s))
                } else {
                    format!("{}s", phase.budget_s)
                };
                t.add_row(vec![
                    Cell::new(&phase.title),
                    Cell::new(&step.id),
                    Cell::new(outcome),
                    table::num(format!("{} ms", step.duration_ms)),
                    Cell::new(budget),
                ]);
            }
        }
        writeln!(w, "{t}")?;
        if let Some(failed) = self.phases.iter().flat_map(|p| &p.steps).find(|s| s.outcome != StepOutcome::Ok) {
            writeln!(w, "{}", checks_table(&failed.checks, style))?;
            writeln!(w, "undo: {}", failed.rollback)?;
        }
        writeln!(w, "journal: {} (run {})", self.journal.display(), self.run)?;
        if self.completed {
            writeln!(w, "{}", style.good("activation complete; Phase 5 and 6 come next:"))?;
            for next in NEXT {
                writeln!(w, "  {next}")?;
            }
            return Ok(());
        }
        // Only a run that changed something leaves anything to resume.
        let changed =
            self.phases.iter().flat_map(|p| &p.steps).any(|s| s.action.mutates() && s.outcome != StepOutcome::Failed);
        match changed {
            true => writeln!(w, "{}", style.bad("activation stopped; `gatewayctl activate --resume` finishes what is owed")),
            false => writeln!(
                w,
                "{}",
                style.bad("activation stopped before changing anything: fix what failed above, then run `gatewayctl activate` again")
            ),
        }
    }
}

/// A dry run: the gates judged read-only, then every step and its commands,
/// the keys the verify step writes, and the commands that undo the run.
fn dry_run(report: &ActivateReport, w: &mut dyn Write, style: &Style) -> io::Result<()> {
    writeln!(w, "dry run of {} (nothing is changed):", report.runbook)?;
    let mut stopped = false;
    if let Some(r) = &report.rehearsal {
        writeln!(w, "\n{}", style.bold("The gates, judged now"))?;
        let mut judged = vec![r.lock.clone()];
        judged.extend(r.preflight.iter().cloned());
        writeln!(w, "{}", checks_table(&judged, style))?;
        if !r.findings.is_empty() {
            crate::report::findings::write(w, style, &r.findings)?;
        }
        match &r.stops_at {
            Some(at) => writeln!(w, "{}", style.bad(&format!("a real run would stop at {at}")))?,
            None => writeln!(w, "{}", style.good("a real run would pass the lock and preflight"))?,
        }
        stopped = r.stops_at.as_deref().is_some_and(|at| at.starts_with("the lock"));
    }
    let stop_step =
        report.rehearsal.as_ref().and_then(|r| r.stops_at.as_deref()?.strip_prefix("step ").map(String::from));
    for phase in &report.phases {
        writeln!(w, "\n{} (budget {}s)", style.bold(&phase.title), phase.budget_s)?;
        for step in &phase.steps {
            let marker = match (stopped, step.action.mutates()) {
                (true, _) => " [would not run]",
                (false, true) => " [changes the gateway: asks first]",
                (false, false) => "",
            };
            writeln!(w, "  step {}{marker}", step.id)?;
            for c in &step.checks {
                writeln!(w, "    $ {}", c.evidence)?;
            }
            writeln!(w, "    undo: {}", step.rollback)?;
            if stop_step.as_deref() == Some(step.id.as_str()) {
                writeln!(w, "    {}", style.bad("a real run stops here: its checks above fail"))?;
                stopped = true;
            }
        }
    }
    let Some(r) = &report.rehearsal else { return Ok(()) };
    writeln!(
        w,
        "\n{} (database {}; KEY is the client's API key)",
        style.bold("Keys the verify step's route writes"),
        r.keys.database
    )?;
    writeln!(w, "  route: {}", r.keys.route)?;
    for k in &r.keys.keys {
        let limit = k.limit.map_or(String::new(), |l| format!(", limit {l}"));
        writeln!(w, "  {}: {} ({}{limit})", k.role, k.name, k.ttl)?;
    }
    if !r.undo.is_empty() {
        writeln!(w, "\n{}", style.bold("Undo what a real run changes"))?;
        for line in &r.undo {
            writeln!(w, "  {line}")?;
        }
    }
    Ok(())
}
