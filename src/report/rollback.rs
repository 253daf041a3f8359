//! `rollback` results: what changed (diffs, route changes), the proof, and
//! whether the feature was observed off.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::core::checks::Check;
use crate::core::rollback::Feature;
use crate::report::preflight::checks_table;
use crate::report::{Human, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureStatus {
    /// Dry run, or refused by the proof: nothing changed.
    Planned,
    RolledBack,
    /// Rolled back before: a second rollback is a no-op.
    AlreadyRolledBack,
    /// An interrupted rollback had written the file; now journaled.
    Completed,
    /// The code does not apply the feature, and gatewayctl did not do it.
    AlreadyOff,
    Restored,
    NothingToUndo,
    /// `undo --dry-run`: these files would get their original bytes back.
    WouldRestore,
    /// The files cannot be edited safely (see `reason`); nothing changed.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureResult {
    pub feature: Feature,
    pub status: FeatureStatus,
    /// A unified diff per edited file.
    pub diffs: Vec<String>,
    /// How route:list changes ("POST api/v2/bookings: -api.rate-limit").
    pub route_changes: Vec<String>,
    /// Why it was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl FeatureResult {
    pub fn new(feature: Feature, status: FeatureStatus) -> FeatureResult {
        FeatureResult { feature, status, diffs: vec![], route_changes: vec![], reason: None }
    }

    pub fn refused(feature: Feature, reason: String) -> FeatureResult {
        FeatureResult { reason: Some(reason), ..FeatureResult::new(feature, FeatureStatus::Refused) }
    }
}

/// `rollback … --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollbackReport {
    pub dry_run: bool,
    pub features: Vec<FeatureResult>,
    /// Proof (php -l, route:list), cache clear, reload, and the feature observed off.
    pub checks: Vec<Check>,
    pub elapsed_ms: u64,
}

impl RollbackReport {
    pub fn new(dry_run: bool, features: Vec<FeatureResult>, checks: Vec<Check>) -> Self {
        RollbackReport { dry_run, features, checks, elapsed_ms: 0 }
    }
}

impl Human for RollbackReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        for f in &self.features {
            // "Checked below" only where the feature's observation follows.
            let observed = self.checks.iter().any(|c| c.name == format!("{} off", f.feature.name()));
            let status = match f.status {
                FeatureStatus::Planned if self.dry_run => "would roll back (dry run: nothing changed)".to_string(),
                FeatureStatus::Planned => style.bad("refused: nothing changed"),
                FeatureStatus::RolledBack => style.good("rolled back"),
                FeatureStatus::AlreadyRolledBack | FeatureStatus::AlreadyOff if self.dry_run || !observed => {
                    "already off: nothing to do".to_string()
                }
                FeatureStatus::AlreadyRolledBack => {
                    "already rolled back in the code; made live and checked below".to_string()
                }
                FeatureStatus::Completed => style.warn("an interrupted rollback was completed"),
                FeatureStatus::AlreadyOff => {
                    "already off in the code (not by gatewayctl); made live and checked below".to_string()
                }
                FeatureStatus::Restored => style.good("restored"),
                FeatureStatus::NothingToUndo => "not rolled back: nothing to undo".to_string(),
                FeatureStatus::WouldRestore => "would restore (dry run: nothing changed)".to_string(),
                FeatureStatus::Refused => style.bad("refused: nothing of it changed"),
            };
            writeln!(w, "{}: {status}", style.bold(f.feature.name()))?;
            let rolled = matches!(
                f.status,
                FeatureStatus::RolledBack | FeatureStatus::Completed | FeatureStatus::AlreadyRolledBack
            );
            if rolled && !self.dry_run {
                writeln!(w, "  undo: gatewayctl rollback undo {}", f.feature.name())?;
            }
            if let Some(reason) = &f.reason {
                writeln!(w, "  {reason}")?;
            }
            for d in &f.diffs {
                write!(w, "{d}")?;
            }
            for r in &f.route_changes {
                writeln!(w, "route: {r}")?;
            }
        }
        if !self.checks.is_empty() {
            writeln!(w, "{}", checks_table(&self.checks, style))?;
        }
        writeln!(w, "in {:.2}s", self.elapsed_ms as f64 / 1000.0)
    }
}

/// `rollback list --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollbackListReport {
    pub rolled_back: Vec<Feature>,
    /// Rollbacks or undos that were interrupted: half done until rerun.
    #[serde(default)]
    pub pending: Vec<PendingFeature>,
}

/// A transaction the journal shows started and never finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingFeature {
    pub feature: Feature,
    pub what: String,
    /// The command that finishes it.
    pub next: String,
}

impl Human for RollbackListReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.rolled_back.is_empty() && self.pending.is_empty() {
            return writeln!(w, "nothing is rolled back");
        }
        for f in &self.rolled_back {
            writeln!(w, "{f}: rolled back (undo: gatewayctl rollback undo {f})")?;
        }
        for p in &self.pending {
            writeln!(w, "{}: {}: {}; finish it: {}", p.feature, style.bad("HALF DONE"), p.what, p.next)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(report: &RollbackReport) -> String {
        crate::report::plain_text(report)
    }

    #[test]
    fn already_off_promises_checks_only_where_the_observation_follows() {
        let off = || vec![FeatureResult::new(Feature::RateLimit, FeatureStatus::AlreadyOff)];
        let dry = RollbackReport::new(true, off(), vec![]);
        assert!(shown(&dry).contains("rate-limit: already off: nothing to do"), "{}", shown(&dry));
        let staged = RollbackReport::new(false, off(), vec![Check::warn("live", "staged", "run reload")]);
        assert!(shown(&staged).contains("rate-limit: already off: nothing to do"), "{}", shown(&staged));
        let live = RollbackReport::new(false, off(), vec![Check::pass("rate-limit off", "no headers")]);
        assert!(shown(&live).contains("made live and checked below"), "{}", shown(&live));
    }
}
