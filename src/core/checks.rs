//! Checks and their verdicts: what preflight and verify report, and the
//! GO / NO-GO rule that turns a list of checks into a decision.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    /// Worth reading, but not a reason to stop.
    Warn,
    /// A reason to stop.
    Fail,
}

/// One check: its name, verdict, and the evidence it was decided on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    pub verdict: Verdict,
    pub evidence: String,
    /// What to do about a warning or failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Check {
    pub fn pass(name: &str, evidence: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: Verdict::Pass, evidence: evidence.into(), hint: None }
    }

    pub fn warn(name: &str, evidence: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: Verdict::Warn, evidence: evidence.into(), hint: Some(hint.into()) }
    }

    pub fn fail(name: &str, evidence: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: Verdict::Fail, evidence: evidence.into(), hint: Some(hint.into()) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    #[serde(rename = "GO")]
    Go,
    #[serde(rename = "NO-GO")]
    NoGo,
}

/// The plan's rule: all green → proceed; any error → investigate first.
pub fn decide(checks: &[Check]) -> Decision {
    if checks.iter().any(|c| c.verdict == Verdict::Fail) {
        Decision::NoGo
    } else {
        Decision::Go
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_failure_is_no_go_warnings_are_not() {
        let ok = Check::pass("a", "");
        let warn = Check::warn("b", "", "");
        assert_eq!(decide(&[ok.clone(), warn.clone()]), Decision::Go);
        assert_eq!(decide(&[ok, warn, Check::fail("c", "", "")]), Decision::NoGo);
        assert_eq!(decide(&[]), Decision::Go);
    }
}
