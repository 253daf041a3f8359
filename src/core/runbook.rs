//! The activation runbook: phases with time budgets, steps with a built-in
//! action, a gate (abort or warn on failure), a timeout, what the step leaves
//! owed, and what undoes it. Parsed from TOML an operator can read and edit.

use std::collections::BTreeSet;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::core::duration;

/// What a step does; each is one of gatewayctl's own commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Phase 1: every pre-flight check; read-only.
    #[serde(rename = "preflight")]
    Preflight,
    /// Phase 2: clear and rebuild the config, route and event caches.
    #[serde(rename = "cache.rebuild")]
    CacheRebuild,
    /// Phase 2: `route:list --json` shows the v2 routes with their middleware.
    #[serde(rename = "routes.verify")]
    RoutesVerify,
    /// Phase 3: graceful php-fpm reload, proven graceful.
    #[serde(rename = "reload")]
    Reload,
    /// Phase 4: health, rate-limit headers against the model, keys, breaker.
    #[serde(rename = "verify")]
    Verify,
    /// Known Issue 1: wire CollectAppointmentRequest (`integrate input-validation`).
    #[serde(rename = "integrate.input-validation")]
    IntegrateInputValidation,
}

impl Action {
    /// Does it change anything on the gateway (and so need confirmation)?
    pub fn mutates(self) -> bool {
        matches!(self, Action::CacheRebuild | Action::Reload | Action::IntegrateInputValidation)
    }

    /// The gatewayctl command (its arguments) that takes back what the
    /// action changes; `None` for a read-only action. The caches rebuilt
    /// and reloaded are what switch rate limiting on: the emergency
    /// rollback switches it off, caches cleared and reloaded.
    pub fn undo(self) -> Option<&'static [&'static str]> {
        match self {
            Action::CacheRebuild | Action::Reload => Some(&["rollback", "emergency"]),
            Action::IntegrateInputValidation => Some(&["rollback", "input-validation"]),
            Action::Preflight | Action::RoutesVerify | Action::Verify => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Action::Preflight => "preflight",
            Action::CacheRebuild => "cache.rebuild",
            Action::RoutesVerify => "routes.verify",
            Action::Reload => "reload",
            Action::Verify => "verify",
            Action::IntegrateInputValidation => "integrate.input-validation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// A failed step stops the run.
    Abort,
    /// A failed step is reported and the run goes on.
    Warn,
}

impl Gate {
    /// A step's outcome from its evidence: no evidence, or any check that
    /// is not good, fails it; the gate says whether the run goes on.
    pub fn judge(self, checks: &[crate::core::checks::Check]) -> crate::core::journal::StepOutcome {
        use crate::core::journal::StepOutcome;
        let failed = checks.is_empty() || checks.iter().any(|c| !c.verdict.is_good());
        match (failed, self) {
            (false, _) => StepOutcome::Ok,
            (true, Gate::Warn) => StepOutcome::Warned,
            (true, Gate::Abort) => StepOutcome::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub action: Action,
    pub gate: Gate,
    pub timeout: String,
    /// Steps this one leaves owed until they complete (caches rebuilt owe a reload).
    #[serde(default)]
    pub owes: Vec<String>,
    /// What undoes this step, in words an operator can act on.
    pub rollback: String,
    /// An optional step is off unless `activate --with ID` asks for it.
    #[serde(default = "on", skip_serializing_if = "Clone::clone")]
    pub enabled: bool,
}

fn on() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    /// The plan's time budget for the phase.
    pub budget: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runbook {
    pub name: String,
    pub phases: Vec<Phase>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunbookError {
    #[error("the runbook is not valid TOML or has an unknown field: {0}")]
    Parse(String),
    #[error("step {step}: {message}")]
    Step { step: String, message: String },
    #[error("{0}")]
    Shape(String),
}

impl Runbook {
    pub fn parse(text: &str) -> Result<Runbook, RunbookError> {
        let runbook: Runbook = toml::from_str(text).map_err(|e| RunbookError::Parse(e.to_string()))?;
        runbook.validate()?;
        Ok(runbook)
    }

    fn validate(&self) -> Result<(), RunbookError> {
        if self.phases.iter().all(|p| p.steps.is_empty()) {
            return Err(RunbookError::Shape("the runbook has no steps".into()));
        }
        let mut ids = BTreeSet::new();
        for phase in &self.phases {
            duration::parse(&phase.budget)
                .map_err(|e| RunbookError::Shape(format!("phase {}: budget: {e}", phase.id)))?;
            for step in &phase.steps {
                let fail = |message: String| RunbookError::Step { step: step.id.clone(), message };
                if !ids.insert(step.id.as_str()) {
                    return Err(fail("the id is used twice".into()));
                }
                duration::parse(&step.timeout).map_err(|e| fail(format!("timeout: {e}")))?;
            }
        }
        for step in self.steps() {
            if let Some(unknown) = step.1.owes.iter().find(|o| !ids.contains(o.as_str())) {
                return Err(RunbookError::Step {
                    step: step.1.id.clone(),
                    message: format!("owes unknown step {unknown:?}"),
                });
            }
        }
        Ok(())
    }

    /// Every step with its phase, in order.
    pub fn steps(&self) -> impl Iterator<Item = (&Phase, &Step)> {
        self.phases.iter().flat_map(|p| p.steps.iter().map(move |s| (p, s)))
    }

    /// The ids of the steps a run takes: the enabled ones, and the optional
    /// ones named in `with` (an unknown name is an error, never ignored).
    pub fn selected(&self, with: &[String]) -> Result<Vec<String>, RunbookError> {
        if let Some(unknown) = with.iter().find(|w| self.step(w).is_none()) {
            let optional: Vec<&str> = self.steps().filter(|(_, s)| !s.enabled).map(|(_, s)| s.id.as_str()).collect();
            return Err(RunbookError::Shape(format!(
                "--with {unknown}: no such step; the optional ones are: {}",
                optional.join(", ")
            )));
        }
        Ok(self.steps().filter(|(_, s)| s.enabled || with.contains(&s.id)).map(|(_, s)| s.id.clone()).collect())
    }

    pub fn step(&self, id: &str) -> Option<(&Phase, &Step)> {
        self.steps().find(|(_, s)| s.id == id)
    }

    /// `plan` with every step a planned step owes (a rebuild owes a
    /// reload), in the order of `all`: a resume that rebuilds must not
    /// leave its reload owed.
    pub fn with_owed(&self, plan: &[String], all: &[String]) -> Vec<String> {
        let owed: Vec<&String> = plan.iter().filter_map(|id| self.step(id)).flat_map(|(_, s)| &s.owes).collect();
        all.iter().filter(|id| plan.contains(id) || owed.contains(id)).cloned().collect()
    }
}

impl Step {
    pub fn timeout(&self) -> Duration {
        duration::parse(&self.timeout).unwrap_or(Duration::from_secs(60))
    }
}

impl Phase {
    pub fn budget(&self) -> Duration {
        duration::parse(&self.budget).unwrap_or(Duration::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../runbooks/activation.toml");

    #[test]
    fn the_shipped_runbook_is_valid_and_follows_the_plan() {
        let rb = Runbook::parse(SHIPPED).unwrap();
        let actions: Vec<Action> = rb.steps().filter(|(_, s)| s.enabled).map(|(_, s)| s.action).collect();
        assert_eq!(
            actions,
            [Action::Preflight, Action::CacheRebuild, Action::RoutesVerify, Action::Reload, Action::Verify]
        );
        // Known Issue 1's fix is there, off unless asked for (a low-traffic window).
        let optional = "integrate.input-validation".to_string();
        assert!(!rb.selected(&[]).unwrap().contains(&optional));
        assert_eq!(rb.selected(std::slice::from_ref(&optional)).unwrap().last(), Some(&optional));
        assert!(rb.selected(&["nope".into()]).is_err());
        let budgets: Vec<u64> = rb.phases.iter().map(|p| p.budget().as_secs()).collect();
        assert_eq!(budgets[..4], [300, 120, 30, 300], "the plan's phase budgets");
        assert_eq!(rb.step("cache.rebuild").unwrap().1.owes, ["reload"]);
    }

    #[test]
    fn refuses_what_it_cannot_run() {
        let bad_action = "name='x'\n[[phases]]\nid='p'\ntitle='t'\nbudget='1m'\n[[phases.steps]]\nid='s'\naction='shell'\ngate='abort'\ntimeout='1m'\nrollback='-'\n";
        assert!(matches!(Runbook::parse(bad_action), Err(RunbookError::Parse(_))));
        let bad_owes = bad_action.replace("'shell'", "'reload'").replace("rollback='-'", "rollback='-'\nowes=['nope']");
        assert!(matches!(Runbook::parse(&bad_owes), Err(RunbookError::Step { .. })));
    }
}
