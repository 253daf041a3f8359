//! Checks and their verdicts: what preflight and verify report, and the
//! GO / NO-GO rule that turns a list of checks into a decision.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckVerdict {
    Pass,
    /// Worth reading, but not a reason to stop.
    Warn,
    /// Nothing was seen to decide on (no file, no answer, no sample): never
    /// good, so every decision treats it as not passed.
    Unknown,
    /// A reason to stop.
    Fail,
}

impl CheckVerdict {
    /// Does this verdict let a decision go ahead? Only pass and warn do.
    pub fn is_good(self) -> bool {
        matches!(self, CheckVerdict::Pass | CheckVerdict::Warn)
    }
}

/// One check: its name, verdict, and the evidence it was decided on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    pub verdict: CheckVerdict,
    pub evidence: String,
    /// What to do about a warning or failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Check {
    /// A pass names what it saw: with no evidence it is `unknown`, never a pass.
    pub fn pass(name: &str, evidence: impl Into<String>) -> Check {
        let evidence = evidence.into();
        if evidence.trim().is_empty() {
            return Check::unknown(name, "no evidence was recorded", "nothing was seen to decide on");
        }
        Check { name: name.into(), verdict: CheckVerdict::Pass, evidence, hint: None }
    }

    /// Nothing was seen: the source was missing, unreachable or empty.
    pub fn unknown(name: &str, evidence: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: CheckVerdict::Unknown, evidence: evidence.into(), hint: Some(hint.into()) }
    }

    pub fn warn(name: &str, evidence: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: CheckVerdict::Warn, evidence: evidence.into(), hint: Some(hint.into()) }
    }

    pub fn fail(name: &str, evidence: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { name: name.into(), verdict: CheckVerdict::Fail, evidence: evidence.into(), hint: Some(hint.into()) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoNoGo {
    #[serde(rename = "GO")]
    Go,
    #[serde(rename = "NO-GO")]
    NoGo,
}

/// The plan's rule: all green → proceed; any error → investigate first.
/// A check that saw nothing is not green, and no checks at all is no proof.
pub fn decide(checks: &[Check]) -> GoNoGo {
    if checks.is_empty() || checks.iter().any(|c| !c.verdict.is_good()) {
        GoNoGo::NoGo
    } else {
        GoNoGo::Go
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_failure_is_no_go_warnings_are_not() {
        let ok = Check::pass("a", "seen");
        let warn = Check::warn("b", "", "");
        assert_eq!(decide(&[ok.clone(), warn.clone()]), GoNoGo::Go);
        assert_eq!(decide(&[ok.clone(), warn, Check::fail("c", "", "")]), GoNoGo::NoGo);
        assert_eq!(decide(&[]), GoNoGo::NoGo, "no checks is no evidence");
        assert_eq!(decide(&[ok, Check::unknown("d", "no log", "")]), GoNoGo::NoGo, "unknown is not good");
    }

    #[test]
    fn a_pass_without_evidence_is_unknown() {
        assert_eq!(Check::pass("x", "  ").verdict, CheckVerdict::Unknown);
        assert_eq!(Check::pass("x", "GET /api/health → 200").verdict, CheckVerdict::Pass);
    }
}
