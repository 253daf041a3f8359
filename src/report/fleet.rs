//! The fleet's reports: each host's answer side by side, a host that could
//! not answer named with why.

use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::checks::{CheckVerdict, GoNoGo};
use crate::report::preflight::{verdict_cell, PreflightReport};
use crate::report::{table, Human, Style};

/// `fleet whoami`: what a host says of its gatewayctl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whoami {
    pub version: String,
    /// SHA-256 of the running binary.
    pub sha256: Option<String>,
    /// The config file found (`None`: built-in defaults).
    pub config: Option<String>,
    pub app_dir: String,
    pub host: String,
}

impl Human for Whoami {
    fn human(&self, w: &mut dyn Write, _: &Style) -> io::Result<()> {
        writeln!(
            w,
            "gatewayctl {} sha256 {} on {}, config {}, app {}",
            self.version,
            self.sha256.as_deref().unwrap_or("unknown"),
            self.host,
            self.config.as_deref().unwrap_or("none (built-in defaults)"),
            self.app_dir
        )
    }
}

/// `fleet check`: per host, reachable, its gatewayctl and config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetCheckReport {
    pub hosts: Vec<HostCheck>,
    /// This machine's gatewayctl, to compare with.
    pub local: Whoami,
    pub notes: Vec<String>,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostCheck {
    pub host: String,
    pub reachable: bool,
    pub whoami: Option<Whoami>,
    /// Runs the same binary as this machine.
    pub same_binary: Option<bool>,
    pub error: Option<String>,
}

impl Human for FleetCheckReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["host", "reachable", "gatewayctl", "sha256", "config", "problem"]);
        for h in &self.hosts {
            let who = h.whoami.as_ref();
            t.add_row(vec![
                Cell::new(&h.host),
                Cell::new(if h.reachable { style.good("yes") } else { style.bad("NO") }),
                Cell::new(who.map_or("-".to_string(), |w| w.version.clone())),
                Cell::new(match (who.and_then(|w| w.sha256.as_deref()), h.same_binary) {
                    (Some(s), Some(true)) => format!("{} (same as here)", &s[..12.min(s.len())]),
                    (Some(s), _) => {
                        style.warn(&format!("{} (differs: `gatewayctl fleet push`)", &s[..12.min(s.len())]))
                    }
                    (None, _) => "-".into(),
                }),
                Cell::new(who.map_or("-".to_string(), |w| w.config.clone().unwrap_or_else(|| style.bad("none")))),
                Cell::new(h.error.as_deref().unwrap_or("")),
            ]);
        }
        writeln!(w, "{t}")?;
        for n in &self.notes {
            writeln!(w, "note: {n}")?;
        }
        Ok(())
    }
}

/// `preflight --hosts`: every host's checks, GO only when every host is GO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetPreflightReport {
    pub decision: GoNoGo,
    pub hosts: Vec<HostPreflight>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostPreflight {
    pub host: String,
    pub reachable: bool,
    /// `None`: no report came back (unreachable, or gatewayctl failed there).
    pub report: Option<PreflightReport>,
    pub error: Option<String>,
}

impl Human for FleetPreflightReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut head = vec!["check"];
        head.extend(self.hosts.iter().map(|h| h.host.as_str()));
        let mut t = table::new(&head);
        let mut names: Vec<&str> = Vec::new();
        for h in &self.hosts {
            for c in h.report.iter().flat_map(|r| &r.checks) {
                if !names.contains(&c.name.as_str()) {
                    names.push(&c.name);
                }
            }
        }
        for name in names {
            let mut row = vec![Cell::new(name)];
            for h in &self.hosts {
                let check = h.report.as_ref().and_then(|r| r.checks.iter().find(|c| c.name == name));
                row.push(match check {
                    Some(c) => verdict_cell(style, c.verdict),
                    None => verdict_cell(style, CheckVerdict::Unknown),
                });
            }
            t.add_row(row);
        }
        writeln!(w, "{t}")?;
        for h in &self.hosts {
            if let Some(e) = &h.error {
                writeln!(w, "{}: {}: {e}", style.bad("NO-GO"), h.host)?;
            }
            for c in h.report.iter().flat_map(|r| &r.checks).filter(|c| matches!(c.verdict, CheckVerdict::Fail)) {
                writeln!(w, "{}: {}: {}: {}", style.bad("FAIL"), h.host, c.name, c.evidence)?;
            }
        }
        for n in &self.notes {
            writeln!(w, "note: {n}")?;
        }
        let go = self.decision == GoNoGo::Go;
        writeln!(w, "{} ({} host(s))", if go { style.good("GO") } else { style.bad("NO-GO") }, self.hosts.len())
    }
}

/// `rollback … --hosts`: every host's rollback, proven off there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetRollbackReport {
    pub what: String,
    /// Each host showed what it would do and changed nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// An undo: each host switches the feature back on and proves it on.
    #[serde(default)]
    pub undo: bool,
    /// The run in the operator's journal (an undo's; none for a dry run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<String>,
    pub hosts: Vec<HostRollback>,
    pub ok: bool,
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRollback {
    pub host: String,
    pub reachable: bool,
    /// The host's gatewayctl exit code (`None`: no answer).
    pub code: Option<i32>,
    /// Its rollback report, as it printed it.
    pub report: Option<serde_json::Value>,
    pub error: Option<String>,
    pub elapsed_ms: u64,
    /// What it did or would do, in a few words (an undo's restored files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// A `--resume` left it alone: why (back on since run …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl HostRollback {
    /// An undo that found the feature not rolled back there (so proved nothing).
    pub fn undid_nothing(&self) -> bool {
        let features = self.report.as_ref().and_then(|r| r["features"].as_array());
        features.is_some_and(|f| !f.is_empty() && f.iter().all(|f| f["status"] == "nothing_to_undo"))
    }
}

impl Human for FleetRollbackReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["host", "result", "time", "detail"]);
        for h in &self.hosts {
            let result = match (h.reachable, h.code, &h.skipped) {
                (_, _, Some(_)) => "skipped".to_string(),
                (false, _, _) => style.bad("UNREACHABLE"),
                (true, Some(0), _) if self.dry_run => "dry run: nothing changed".to_string(),
                (true, Some(0), _) if self.undo && h.undid_nothing() => "nothing to undo".to_string(),
                (true, Some(0), _) if self.undo => style.good("done, proven on"),
                (true, Some(0), _) => style.good("done, proven off"),
                (true, Some(c), _) if c == i32::from(crate::exit::USAGE) => {
                    style.bad("REFUSED (exit 2): nothing changed")
                }
                (true, Some(c), _) if c == i32::from(crate::exit::LOCKED) => {
                    style.bad("LOCKED (exit 5): nothing changed")
                }
                (true, Some(c), _) => style.bad(&format!("FAILED (exit {c})")),
                (true, None, _) => style.bad("NO ANSWER"),
            };
            let detail =
                [h.skipped.as_deref(), (!h.detail.is_empty()).then_some(h.detail.as_str()), h.error.as_deref()];
            t.add_row(vec![
                Cell::new(&h.host),
                Cell::new(result),
                Cell::new(match h.skipped {
                    Some(_) => "-".to_string(),
                    None => format!("{:.1} s", h.elapsed_ms as f64 / 1000.0),
                }),
                Cell::new(detail.into_iter().flatten().collect::<Vec<_>>().join("; ")),
            ]);
        }
        writeln!(w, "{t}")?;
        writeln!(
            w,
            "{}: {} on {} host(s) in {:.1} s",
            match (self.ok, self.dry_run) {
                (true, true) => "dry run".to_string(),
                (true, false) => style.good("done"),
                (false, _) => style.bad("NOT DONE everywhere"),
            },
            self.what,
            self.hosts.len(),
            self.elapsed_ms as f64 / 1000.0
        )?;
        let owed: Vec<&str> =
            self.hosts.iter().filter(|h| h.code != Some(0) && h.skipped.is_none()).map(|h| h.host.as_str()).collect();
        if self.undo && !self.dry_run && !owed.is_empty() {
            writeln!(
                w,
                "still owed on {}: once the cause is fixed, run `gatewayctl {} --hosts … --resume`",
                owed.join(", "),
                self.what
            )?;
        }
        Ok(())
    }
}

/// `activate --hosts`: where every host stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetActivateReport {
    /// The run in the operator's journal.
    pub run: String,
    /// Hosts per batch after Phase 1.
    pub batches: Vec<usize>,
    pub hosts: Vec<HostActivation>,
    pub completed: bool,
    /// Why the run stopped early.
    pub stopped_at: Option<String>,
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostActivation {
    pub host: String,
    /// Its batch (1-based); `None`: Phase 1 only, or never reached.
    pub batch: Option<usize>,
    /// switched, no_go, failed_before_reload, failed_live, unknown, rolled_back, rollback_failed, untouched.
    pub state: String,
    pub detail: String,
    /// The host's own run id (in its journal).
    pub remote_run: Option<String>,
}

impl Human for FleetActivateReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["host", "batch", "state", "detail"]);
        for h in &self.hosts {
            let state = match h.state.as_str() {
                "switched" => style.good("switched"),
                "untouched" => "untouched".to_string(),
                "rolled_back" => style.warn("rolled back"),
                other => style.bad(&other.replace('_', " ").to_uppercase()),
            };
            t.add_row(vec![
                Cell::new(&h.host),
                Cell::new(h.batch.map_or("-".into(), |b| b.to_string())),
                Cell::new(state),
                Cell::new(&h.detail),
            ]);
        }
        writeln!(w, "{t}")?;
        match (&self.stopped_at, self.completed) {
            (Some(why), _) => writeln!(w, "{}: {why}", style.bad("stopped"))?,
            (None, true) => writeln!(w, "{}: every host switched, batch by batch", style.good("done"))?,
            (None, false) => writeln!(w, "{}", style.bad("not every host was switched"))?,
        }
        writeln!(
            w,
            "run {} in {:.1} s; each host's own journal has its steps",
            self.run,
            self.elapsed_ms as f64 / 1000.0
        )
    }
}

/// `fleet push`: this binary onto the hosts that lack it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetPushReport {
    pub sha256: String,
    pub target: String,
    pub dry_run: bool,
    pub hosts: Vec<HostPush>,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostPush {
    pub host: String,
    /// The SHA-256 it ran before (`None`: none, or unreachable).
    pub before: Option<String>,
    /// up_to_date, would_push, pushed, failed.
    pub action: String,
    pub detail: String,
}

impl Human for FleetPushReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["host", "before", "action", "detail"]);
        for h in &self.hosts {
            let action = match h.action.as_str() {
                "pushed" | "up_to_date" => style.good(&h.action.replace('_', " ")),
                "failed" => style.bad("FAILED"),
                other => other.replace('_', " "),
            };
            let before = h.before.as_deref().map_or("none".to_string(), |s| s.chars().take(12).collect());
            t.add_row(vec![Cell::new(&h.host), Cell::new(before), Cell::new(action), Cell::new(&h.detail)]);
        }
        writeln!(w, "{t}")?;
        writeln!(
            w,
            "{} {} to {}",
            if self.dry_run { "would push" } else { "pushed" },
            &self.sha256[..12.min(self.sha256.len())],
            self.target
        )
    }
}

/// `watch --hosts --format json`: the whole run, one document at its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetWatchRun {
    pub samples: Vec<FleetWatchSample>,
    pub summary: FleetWatchSummary,
}

impl Human for FleetWatchRun {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        for s in &self.samples {
            FleetWatchLine::Sample(s.clone()).human(w, style)?;
        }
        FleetWatchLine::Summary(self.summary.clone()).human(w, style)
    }
}

/// One line of `watch --hosts`: every host's latest sample and the fleet's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FleetWatchLine {
    Sample(FleetWatchSample),
    Summary(FleetWatchSummary),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetWatchSample {
    pub n: u64,
    pub hosts: Vec<HostWatchSample>,
    /// The fleet's figures: requests and 5xx summed, the worst p95.
    pub requests: u64,
    pub server_errors: u64,
    pub error_rate_percent: Option<f64>,
    pub worst_p95_ms: f64,
    /// Hosts with a metric at alert, named with it.
    pub alerts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostWatchSample {
    pub host: String,
    pub requests: u64,
    pub server_errors: u64,
    pub error_rate_percent: Option<f64>,
    pub p95_ms: f64,
    pub overall: String,
    /// Metrics at alert on this host.
    pub alerting: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetWatchSummary {
    pub hosts: Vec<HostWatchSummary>,
    /// Every host watched to the end and judged its criteria met.
    pub ok: bool,
    /// Hosts that raised an alert at any sample, with the metrics.
    pub alerted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostWatchSummary {
    pub host: String,
    pub reachable: bool,
    pub ok: bool,
    /// The host's own judgement (its watch summary), or why there is none.
    pub judgement: String,
    pub requests: u64,
    pub server_errors: u64,
}

impl Human for FleetWatchLine {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        match self {
            FleetWatchLine::Sample(s) => {
                let hosts: Vec<String> = s
                    .hosts
                    .iter()
                    .map(|h| {
                        let level = match h.overall.as_str() {
                            "alert" => style.bad("ALERT"),
                            "warning" => style.warn("warning"),
                            "normal" => style.good("normal"),
                            other => other.to_string(),
                        };
                        format!("{} {level} {} req {} 5xx", h.host, h.requests, h.server_errors)
                    })
                    .collect();
                writeln!(
                    w,
                    "#{} fleet: {} req, {} 5xx ({}), p95 {:.0} ms | {}",
                    s.n,
                    s.requests,
                    s.server_errors,
                    s.error_rate_percent.map_or("no traffic".into(), |r| format!("{r:.2} %")),
                    s.worst_p95_ms,
                    hosts.join(" | ")
                )?;
                for a in &s.alerts {
                    writeln!(w, "  {}: {a}", style.bad("alert"))?;
                }
                Ok(())
            }
            FleetWatchLine::Summary(s) => {
                let mut t = table::new(&["host", "result", "requests", "5xx", "judgement"]);
                for h in &s.hosts {
                    let result = match (h.reachable, h.ok) {
                        (false, _) => style.bad("UNREACHABLE"),
                        (true, true) => style.good("ok"),
                        (true, false) => style.bad("not ok"),
                    };
                    t.add_row(vec![
                        Cell::new(&h.host),
                        Cell::new(result),
                        table::num(h.requests),
                        table::num(h.server_errors),
                        Cell::new(&h.judgement),
                    ]);
                }
                writeln!(w, "{t}")?;
                for a in &s.alerted {
                    writeln!(w, "{}: {a}", style.bad("alerted"))?;
                }
                writeln!(
                    w,
                    "{}",
                    if s.ok {
                        style.good("fleet: every host met the criteria")
                    } else {
                        style.bad("fleet: not every host met the criteria")
                    }
                )
            }
        }
    }
}

/// `status --hosts`: where each host stands, from its own journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetStatusReport {
    pub hosts: Vec<HostStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostStatus {
    pub host: String,
    /// Its `status` report, as it printed it; `None`: no answer (see `error`).
    pub report: Option<crate::report::status::StatusReport>,
    pub error: Option<String>,
}

impl Human for FleetStatusReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut head = vec!["feature"];
        head.extend(self.hosts.iter().map(|h| h.host.as_str()));
        let mut t = table::new(&head);
        for feature in crate::core::rollback::Feature::ALL {
            let mut row = vec![Cell::new(feature.name())];
            for h in &self.hosts {
                let state = h.report.as_ref().and_then(|r| r.features.iter().find(|f| f.feature == feature));
                row.push(Cell::new(match state.map(|f| f.state.as_str()) {
                    None => style.bad("unknown"),
                    Some("on") => style.good("on"),
                    Some(s @ ("rolled_back" | "not_wired")) => style.warn(&s.replace('_', " ")),
                    Some(s) => style.bad(&s.replace('_', " ")),
                }));
            }
            t.add_row(row);
        }
        let mut row = vec![Cell::new("owed")];
        for h in &self.hosts {
            let owed: Vec<&str> = h.report.iter().flat_map(|r| &r.owed).map(|o| o.step.as_str()).collect();
            row.push(Cell::new(if owed.is_empty() { "-".to_string() } else { owed.join(", ") }));
        }
        t.add_row(row);
        writeln!(w, "{t}")?;
        for h in &self.hosts {
            if let Some(e) = &h.error {
                writeln!(w, "{}: {}: {e}", style.bad("NO ANSWER"), h.host)?;
            }
            for f in h.report.iter().flat_map(|r| &r.features) {
                if let Some(next) = f.next.as_deref().filter(|_| f.state != "on") {
                    writeln!(w, "{}: {}: {next}", h.host, f.feature.name())?;
                }
            }
        }
        Ok(())
    }
}
