//! `verify` results.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::core::checks::{Check, Decision};
use crate::report::preflight::checks_table;
use crate::report::{Human, Style};

/// `verify --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub decision: Decision,
    pub route: String,
    /// The identity the request was sent as (API key masked).
    pub identity: String,
    pub checks: Vec<Check>,
}

impl Human for VerifyReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(w, "{}", checks_table(&self.checks, style))?;
        match self.decision {
            Decision::Go => writeln!(w, "{}", style.good("verified")),
            Decision::NoGo => {
                writeln!(w, "{}", style.bad("verification failed: consider `gatewayctl rollback emergency`"))
            }
        }
    }
}
