//! `model probe`: each dimension learned beside the configured one, with
//! its evidence, the findings only traffic shows, and what it touched.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::findings::Finding;
use crate::core::probe::Learned;
use crate::report::{table, Human, Style};

/// `model probe --dry-run`: what the probe would send, and nothing sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbePlanReport {
    /// The route probed, as the config names it, and as a request path.
    pub route: String,
    pub request: String,
    /// The throwaway identity, masked (`X-Api-Key`).
    pub identity: String,
    /// The limit the configured shape expects there.
    pub limit: u64,
    /// Requests it would send, and the budget (`--max-requests`).
    pub requests: u64,
    pub budget: u64,
    /// Another limited path it would try for the block, if the shape has one.
    pub other: Option<String>,
    pub sent: u64,
}

impl Human for ProbePlanReport {
    /// The plan itself is the status line every probe starts with (stderr).
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        writeln!(w, "dry run: nothing sent ({} request(s) of the budget of {} planned)", self.requests, self.budget)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeReport {
    /// When it ran (unix ms).
    #[serde(default)]
    pub at_ms: u64,
    pub route: String,
    /// The probe's API key, masked.
    pub identity: String,
    pub budget: u64,
    pub sent: u64,
    pub first_refused: Option<u64>,
    /// Every key of the probe's identity it saw (`db<N> name`, its key masked).
    pub keys: Vec<String>,
    /// Of those, deleted at the end by exact name.
    pub cleaned: u64,
    pub learned: Vec<Learned>,
    pub findings: Vec<Finding>,
    pub elapsed_ms: u64,
    /// The config edit that makes the shape say what was seen (a unified
    /// diff; `None` when it already does, or there is no config file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_diff: Option<String>,
    /// `--write`: the edit was made (the original kept at `config_backup`).
    #[serde(default)]
    pub written: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_backup: Option<String>,
    /// What was seen would make a config `config check` refuses: why
    /// (`--write` writes nothing then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_refused: Option<String>,
    /// Keys a probe killed earlier had left, deleted by this one.
    #[serde(default)]
    pub swept: u64,
    /// The cleanup could not find or delete some keys: why (they stay owed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleanup_error: Option<String>,
    /// What the probe judged against; a report is used only where it matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged: Option<Judged>,
}

/// What a probe's verdicts were judged against: the config file, its
/// limiter sections, and the gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judged {
    /// The config file's path (`None`: the defaults, no file).
    pub config: Option<String>,
    /// md5 of `[limiter]` and `[rate_limit]` as read.
    pub limiter_hash: String,
    pub base_url: String,
}

impl Judged {
    /// Where `self` (the report's) differs from `now`, in words; `None` when it matches.
    pub fn differs_from(&self, now: &Judged) -> Option<String> {
        let shown = |c: &Option<String>| c.clone().unwrap_or_else(|| "the defaults".into());
        let mut said = Vec::new();
        if self.config != now.config {
            said.push(format!("the config {} (now {})", shown(&self.config), shown(&now.config)));
        }
        if self.config == now.config && self.limiter_hash != now.limiter_hash {
            said.push("[limiter] or [rate_limit] as they were then (they changed since)".into());
        }
        if self.base_url != now.base_url {
            said.push(format!("the gateway {} (now {})", self.base_url, now.base_url));
        }
        (!said.is_empty()).then(|| said.join(", "))
    }
}

/// A probe's identity whose keys are owed: left by a probe that ended
/// without deleting them, or (`running`) a probe under way now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Owed {
    /// Masked, as every report shows a probe's key.
    pub identity: String,
    pub started_ms: u64,
    pub running: bool,
}

impl ProbeReport {
    /// Dimensions where what was seen is not what the config says.
    pub fn differs(&self) -> Vec<&Learned> {
        self.learned.iter().filter(|l| l.differs()).collect()
    }
}

impl Human for ProbeReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::Noted::new(&["dimension", "seen", "configured", "evidence"]);
        for l in &self.learned {
            let seen = match (l.value.as_str(), l.differs()) {
                ("unknown", _) => style.bad("unknown"),
                (v, true) => style.warn(v),
                (v, false) => style.good(v),
            };
            let row = vec![Cell::new(&l.dimension), Cell::new(seen), Cell::new(&l.configured), t.cell(&l.evidence)];
            t.add_row(row);
        }
        writeln!(w, "{t}")?;
        crate::report::findings::write(w, style, &self.findings)?;
        writeln!(
            w,
            "{} request(s) of {} to {} as {}{}; {} key(s) of that identity seen, {} deleted",
            self.sent,
            self.budget,
            self.route,
            self.identity,
            self.first_refused.map(|n| format!(", first refused at {n}")).unwrap_or_default(),
            self.keys.len(),
            self.cleaned
        )?;
        if let Some(e) = &self.cleanup_error {
            writeln!(w, "{}: {e}", style.bad("cleanup incomplete"))?;
        }
        if self.swept > 0 {
            writeln!(w, "{} key(s) left by a probe killed earlier were deleted too", self.swept)?;
        }
        if let Some(diff) = &self.config_diff {
            match self.written {
                true => writeln!(
                    w,
                    "{}{}",
                    style.good("written to the config:"),
                    self.config_backup.as_deref().map(|b| format!(" (the original kept at {b})")).unwrap_or_default()
                )?,
                false => writeln!(w, "the config would change (pass --write to make this edit):")?,
            }
            write!(w, "{diff}")?;
        }
        if let Some(why) = &self.config_refused {
            writeln!(w, "{}: {why}", style.bad("the config is not changed"))?;
        }
        let differs = self.differs();
        if self.learned.iter().any(|l| l.dimension == "identity" && l.value == "unknown") {
            return writeln!(w, "{}", style.bad("nothing was learned: no counter of the probe's identity was found"));
        }
        match differs.is_empty() {
            true => writeln!(w, "{}", style.good("the configured shape agrees with everything seen")),
            false => writeln!(
                w,
                "{}",
                style.warn(&format!(
                    "the configured shape differs in: {}",
                    differs.iter().map(|l| l.dimension.as_str()).collect::<Vec<_>>().join(", ")
                ))
            ),
        }
    }
}
