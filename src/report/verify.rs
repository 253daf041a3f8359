//! `verify` results.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::core::checks::{Check, CheckVerdict, GoNoGo};
use crate::report::preflight::checks_table;
use crate::report::{Human, Style};

/// `verify --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub decision: GoNoGo,
    pub route: String,
    /// The identity the request was sent as (API key masked).
    pub identity: String,
    pub checks: Vec<Check>,
    /// The gateway's own bugs, from a dry run of its middleware stacks
    /// (where the app is at hand).
    #[serde(default)]
    pub findings: Vec<crate::core::findings::Finding>,
}

impl Human for VerifyReport {
    fn headline(&self, style: &Style) -> Option<String> {
        Some(crate::report::verdict_line(self.decision == GoNoGo::Go, &self.checks, style))
    }

    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "{}", self.headline(style).unwrap_or_default())?;
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        crate::report::findings::write(w, style, &self.findings)?;
        match self.decision {
            GoNoGo::Go => writeln!(w, "{}", style.good("verified")),
            GoNoGo::NoGo => {
                let failed: Vec<&str> =
                    self.checks.iter().filter(|c| c.verdict != CheckVerdict::Pass).map(|c| c.name.as_str()).collect();
                let line = format!(
                    "verification failed ({}): each hint above names the next step for that check",
                    failed.join(", ")
                );
                writeln!(w, "{}", style.bad(&line))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_verification_names_its_failed_checks_not_a_generic_rollback() {
        let report = VerifyReport {
            decision: GoNoGo::NoGo,
            route: "POST /api/v2/bookings".into(),
            identity: "key:gc***01".into(),
            checks: vec![
                Check::pass("health", "200 in 12 ms"),
                Check::fail("limiter key", "connection refused", crate::ops::REDIS_DOWN_HINT),
            ],
            findings: vec![],
        };
        let text = crate::report::plain_text(&report);
        assert!(text.contains("verification failed (limiter key)"), "{text}");
        assert!(text.contains("redis-cli ping"), "the check's own next step: {text}");
        assert!(!text.contains("rollback emergency"), "{text}");
    }
}
