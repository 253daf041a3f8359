//! `watch` output: one sample per interval (a live table, or a JSON line),
//! and a summary judged against the plan's Success Criteria.

use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::adapters::webhook::Delivery;
use crate::core::thresholds::Level;
use crate::core::watch::{Figures, LevelChange};
use crate::report::{table, Human, Style};

/// `watch --format json`: the whole run, one document at its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchRun {
    pub samples: Vec<WatchSample>,
    pub summary: WatchSummary,
}

impl Human for WatchRun {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        for s in &self.samples {
            sample(w, style, s)?;
        }
        summary(w, style, &self.summary)
    }
}

/// One JSON line of `watch --format jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WatchLine {
    Sample(Box<WatchSample>),
    Summary(WatchSummary),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub ok: bool,
    pub status: Option<u16>,
    pub latency_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogProgress {
    /// New lines read this interval.
    pub lines: u64,
    pub rotations: u64,
    pub truncations: u64,
    /// Unsanitized secrets in this interval's lines (logs scan's rules).
    pub unsanitized: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollbackAction {
    pub metric: String,
    pub feature: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchSample {
    pub ts: String,
    pub n: u64,
    pub elapsed_s: u64,
    /// The figures over the sliding window.
    pub figures: Figures,
    /// `None`: Redis did not answer.
    pub redis_memory_mb: Option<f64>,
    /// Cluster mode: each primary's memory (the sum is `redis_memory_mb`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub redis_memory_by_node: BTreeMap<String, Option<f64>>,
    pub rate_limit_keys: Option<u64>,
    pub abuse_keys: Option<u64>,
    pub breaker_state: Option<String>,
    pub health: Health,
    /// The plan's detailed health check, when it ran this interval.
    pub detailed_health: Option<String>,
    /// The value each Key Metric is judged on (`None`: nothing seen), and its level.
    pub values: BTreeMap<String, Option<f64>>,
    pub levels: BTreeMap<String, Level>,
    /// What each value is judged against: normal below, alert above.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub thresholds: BTreeMap<String, crate::core::thresholds::Threshold>,
    pub overall: Level,
    pub changes: Vec<LevelChange>,
    pub alerts: Vec<Delivery>,
    pub rollbacks: Vec<RollbackAction>,
    pub log: LogProgress,
    /// What happened beside the metrics (a Redis failover followed to the new master).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    /// pass, fail, or unknown (nothing showed either way).
    pub verdict: String,
    pub evidence: String,
    /// Does an unknown here keep the run from passing? (Rate limiting can
    /// only be seen when a client exceeds a limit; stress proves it.)
    #[serde(default = "yes")]
    pub decisive: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchSummary {
    pub samples: u64,
    /// How long it watched, and how long the plan (watch.duration) asks for.
    pub duration_s: u64,
    #[serde(default)]
    pub planned_s: u64,
    pub interrupted: bool,
    pub requests: u64,
    pub server_errors: u64,
    pub rate_limit_hits: u64,
    pub breaker_opens: u64,
    pub unsanitized: u64,
    pub worst_p95_ms: f64,
    #[serde(default)]
    pub healthy_samples: u64,
    #[serde(default)]
    pub unhealthy_samples: u64,
    #[serde(default)]
    pub alerts_delivered: u64,
    /// Alerts the webhook never received (each also said on stderr).
    #[serde(default)]
    pub alerts_failed: u64,
    pub rollbacks: Vec<RollbackAction>,
    /// The plan's Success Criteria for the first two hours.
    pub criteria: Vec<Criterion>,
    /// The verdict in words, for the time actually watched.
    #[serde(default)]
    pub judgement: String,
    pub ok: bool,
}

fn level(style: &Style, l: Level) -> String {
    match l {
        Level::Normal => style.good("normal"),
        Level::Warning => style.warn("warning"),
        Level::Unknown => style.bad("unknown"),
        Level::Alert => style.bad("ALERT"),
    }
}

impl Human for WatchLine {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        match self {
            WatchLine::Sample(s) => sample(w, style, s),
            WatchLine::Summary(s) => summary(w, style, s),
        }
    }
}

fn sample(w: &mut dyn Write, style: &Style, s: &WatchSample) -> io::Result<()> {
    writeln!(
        w,
        "gatewayctl watch · {} · sample {} · {}s · overall {}",
        s.ts,
        s.n,
        s.elapsed_s,
        level(style, s.overall)
    )?;
    let mut t = table::new(&["metric", "value", "normal below", "alert above", "level"]);
    for (metric, value) in &s.values {
        let threshold = s.thresholds.get(metric);
        t.add_row(vec![
            Cell::new(metric),
            table::num(value.map_or("no data".to_string(), |v| format!("{v:.2}"))),
            table::opt(threshold.map(|t| t.normal_below)),
            table::opt(threshold.map(|t| t.alert_above)),
            Cell::new(level(style, s.levels[metric])),
        ]);
    }
    writeln!(w, "{t}")?;
    let health = if s.health.ok { style.good("healthy") } else { style.bad("UNHEALTHY") };
    writeln!(
        w,
        "health {health} ({:.1} ms) · breaker {} · rate_limit keys {} · abuse keys {} · {} requests, p50 {:.1} ms, p95 {:.1} ms in the window",
        s.health.latency_ms,
        s.breaker_state.as_deref().unwrap_or("?"),
        s.rate_limit_keys.map_or("?".into(), |n| n.to_string()),
        s.abuse_keys.map_or("?".into(), |n| n.to_string()),
        s.figures.requests,
        s.figures.response_p50_ms,
        s.figures.response_p95_ms
    )?;
    writeln!(w, "log: +{} lines, {} rotation(s), {} unsanitized", s.log.lines, s.log.rotations, s.log.unsanitized)?;
    if !s.redis_memory_by_node.is_empty() {
        let nodes: Vec<String> = s
            .redis_memory_by_node
            .iter()
            .map(|(node, mb)| format!("{node} {}", mb.map_or("?".into(), |mb| format!("{mb:.1} MB"))))
            .collect();
        writeln!(w, "redis memory per primary: {}", nodes.join(", "))?;
    }
    for c in &s.changes {
        let value = c.value.map_or("no data".to_string(), |v| format!("{v:.2}"));
        writeln!(w, "{} {}: {:?} → {:?} ({value})", style.warn("level change"), c.metric, c.from, c.to)?;
    }
    // An error rate above normal: the routes and statuses behind it, and the next step.
    if s.levels.get("error_rate_percent").is_some_and(|l| *l > Level::Normal) {
        if let Some(behind) = crate::core::watch::behind(&s.figures) {
            writeln!(w, "{} {behind}", style.bad("error rate"))?;
        }
    }
    for a in s.alerts.iter().filter(|a| !a.delivered) {
        writeln!(w, "{}: {}", style.bad("alert NOT delivered"), a.error.as_deref().unwrap_or("unknown error"))?;
    }
    for r in &s.rollbacks {
        writeln!(w, "{} {} (because {}): {}", style.bad("AUTO-ROLLBACK"), r.feature, r.metric, r.detail)?;
    }
    for e in &s.events {
        writeln!(w, "{} {e}", style.warn("event"))?;
    }
    Ok(())
}

fn summary(w: &mut dyn Write, style: &Style, s: &WatchSummary) -> io::Result<()> {
    writeln!(
        w,
        "watch {} after {}s, {} samples",
        if s.interrupted { "interrupted" } else { "finished" },
        s.duration_s,
        s.samples
    )?;
    let mut t = table::Noted::new(&["success criterion", "verdict", "evidence"]);
    for c in &s.criteria {
        let verdict = match c.verdict.as_str() {
            "pass" => style.good("pass"),
            "fail" => style.bad("FAIL"),
            _ => style.warn("unknown"),
        };
        let row = vec![Cell::new(&c.name), Cell::new(verdict), t.cell(&c.evidence)];
        t.add_row(row);
    }
    writeln!(w, "{t}")?;
    if s.alerts_failed > 0 {
        writeln!(w, "{}", style.bad(&format!("{} alert(s) NOT delivered to the webhook", s.alerts_failed)))?;
    }
    writeln!(w, "{}", if s.ok { style.good(&s.judgement) } else { style.bad(&s.judgement) })
}

/// The sample in Prometheus text format.
pub fn prometheus(s: &WatchSample) -> String {
    let mut out = String::new();
    for (metric, value) in &s.values {
        // No data: the gauge is left out rather than reported as 0.
        if let Some(value) = value {
            out.push_str(&format!("# TYPE gatewayctl_{metric} gauge\ngatewayctl_{metric} {value}\n"));
        }
    }
    out.push_str(
        "# HELP gatewayctl_level 0 normal, 1 warning, 2 alert, -1 unknown (no data)\n# TYPE gatewayctl_level gauge\n",
    );
    for (metric, l) in &s.levels {
        let n = match l {
            Level::Normal => 0,
            Level::Warning => 1,
            Level::Alert => 2,
            Level::Unknown => -1,
        };
        out.push_str(&format!("gatewayctl_level{{metric=\"{metric}\"}} {n}\n"));
    }
    out.push_str(&format!("# TYPE gatewayctl_health_up gauge\ngatewayctl_health_up {}\n", u8::from(s.health.ok)));
    out.push_str(&format!("# TYPE gatewayctl_requests gauge\ngatewayctl_requests {}\n", s.figures.requests));
    out
}
