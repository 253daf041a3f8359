//! What a plan review finds, and how much it matters.

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Running it would hurt production.
    Harm,
    /// It will not do or show what the plan says.
    Wrong,
    /// An expectation nothing in the plan checks.
    Unverifiable,
    /// Worth a look; not wrong by itself.
    Note,
}

impl Severity {
    /// Would following the plan here fail or harm production?
    pub fn fails(self) -> bool {
        matches!(self, Severity::Harm | Severity::Wrong)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFinding {
    /// 1-based line in the plan.
    pub line: usize,
    pub severity: Severity,
    /// What the plan says or runs there.
    pub plan: String,
    /// What the gateway will actually do, and why.
    pub actually: String,
    /// The gatewayctl command that does the step correctly.
    pub instead: String,
}
