//! `report`: the debrief after an activation. One content builder
//! (sections of text and tables) rendered three ways: for the terminal, as
//! Markdown for a ticket, and as one self-contained HTML file with inline
//! SVG charts (report::charts). JSON is the value itself.

use crate::report::escape;
use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::core::debrief::{
    Baseline, CriteriaWindow, CriterionVerdict, LimitReview, MemoryPoint, MemoryTrend, OpenPeriod, Pattern,
    RouteChange, Task, TaskState,
};
use crate::report::{charts, table, Human, Style};

/// `report --format json`: every number the other formats show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebriefReport {
    pub generated_at: String,
    /// The period, unix ms.
    pub from_ms: u64,
    pub to_ms: u64,
    /// When the change went live (the journal's last activation), and its run.
    pub activation: Option<String>,
    pub activation_run: Option<String>,
    /// The baseline compared with (its per-route figures are in `routes`).
    pub baseline: Option<Baseline>,
    pub logs: LogsRead,
    pub routes: Vec<RouteChange>,
    pub limits: LimitReview,
    /// watch's warning and alert lines for rate_limit_hits_per_hour.
    pub violation_lines: [f64; 2],
    pub breaker_periods: Vec<OpenPeriod>,
    pub breaker_transitions: u64,
    /// Every transition logged, in time order (at most the first 1,000).
    #[serde(default)]
    pub transitions: Vec<crate::core::debrief::Transition>,
    /// The breaker's state as watch sampled it (unix ms, state).
    pub breaker_series: Vec<(u64, String)>,
    /// Redis memory over time: the baseline's, watch's samples, now.
    pub memory: Vec<MemoryPoint>,
    pub memory_trend: MemoryTrend,
    pub redis: RedisNow,
    /// `logs scan` over the period's files (`None`: it could not run, see `security_error`).
    pub security: Option<Security>,
    pub security_error: Option<String>,
    pub tasks: Vec<Task>,
    pub criteria: Vec<CriteriaWindow>,
    pub journal: Vec<JournalLine>,
    /// What the report could not see, said plainly.
    pub notes: Vec<String>,
    /// The gateway's own bugs, from a dry run of its middleware stacks
    /// (where the app is at hand).
    #[serde(default)]
    pub findings: Vec<crate::core::findings::Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogsRead {
    pub files: Vec<String>,
    /// Rotations last written before the period, skipped unread.
    pub skipped_older: usize,
    pub bytes: u64,
    /// Log lines in the period.
    pub lines: u64,
    pub requests: u64,
    pub server_errors: u64,
    pub error_lines: u64,
    pub slow_responses: u64,
    pub requests_per_hour: Vec<(u64, u64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RedisNow {
    pub memory_mb: Option<f64>,
    pub keys: BTreeMap<String, Option<u64>>,
    pub breakers: BTreeMap<String, Option<String>>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Security {
    pub files: usize,
    pub lines: u64,
    pub findings: u64,
    /// Where the first findings are (file:line rule), never their values.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    pub ts: String,
    pub run: String,
    pub what: String,
}

/// One piece of a section.
pub enum Block {
    Text(String),
    /// A verdict-bearing line: (word, text).
    Verdict(&'static str, String),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// An SVG chart (HTML only; the other formats have its table).
    Chart(String),
}

pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Transitions listed in the people's formats (JSON has up to 1,000).
const TRANSITIONS_SHOWN: usize = 30;

/// To the second: transitions a few seconds apart must read apart.
fn time_s(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| "-".into())
}

pub fn time(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "-".into())
}

fn ms_or_dash(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:.1}"))
}

fn verdict_word(v: CriterionVerdict) -> &'static str {
    match v {
        CriterionVerdict::Pass => "pass",
        CriterionVerdict::Fail => "fail",
        CriterionVerdict::NotEnoughData => "not enough data",
    }
}

fn task_word(s: TaskState) -> &'static str {
    match s {
        TaskState::Done => "done",
        TaskState::Open => "open",
        TaskState::NeedsPerson => "needs a person",
    }
}

fn pattern_word(p: Pattern) -> &'static str {
    match p {
        Pattern::Unaffected => "unaffected",
        Pattern::Burst => "one burst",
        Pattern::RepeatedBursts => "two bursts",
        Pattern::RefusedInNormalUse => "refused through normal use",
    }
}

fn short(id: &str) -> String {
    id.chars().take(12).collect()
}

/// The report's content, in order; `charts` adds the SVG charts (HTML).
pub fn sections(r: &DebriefReport, with_charts: bool) -> Vec<Section> {
    let mut out = Vec::new();
    let mut head = vec![Block::Text(format!(
        "Period {} to {}; activation {}.",
        time(r.from_ms),
        time(r.to_ms),
        r.activation.as_deref().unwrap_or("not in the journal")
    ))];
    head.push(Block::Text(match &r.baseline {
        Some(b) => format!(
            "Baseline: recorded {} by {}, from {} to {} of log ({} requests).",
            b.recorded_at, b.by, b.from, b.to, b.requests
        ),
        None => "Baseline: none (after only).".into(),
    }));
    head.push(Block::Text(format!(
        "Read {} file(s), {:.1} MB, {} line(s) in the period, {} request(s); {} older rotation(s) skipped.",
        r.logs.files.len(),
        r.logs.bytes as f64 / 1_048_576.0,
        r.logs.lines,
        r.logs.requests,
        r.logs.skipped_older
    )));
    for n in &r.notes {
        head.push(Block::Verdict("note", n.clone()));
    }
    out.push(Section { title: "gatewayctl report: post-activation review".into(), blocks: head });

    // The plan's Success Criteria.
    let mut blocks = Vec::new();
    if r.criteria.is_empty() {
        blocks.push(Block::Text("Not judged: no activation in the journal.".into()));
    }
    for w in &r.criteria {
        let state = if w.complete { "complete" } else { "in progress" };
        blocks.push(Block::Text(format!("{} ({} to {}, {state})", w.name, time(w.from_ms), time(w.to_ms))));
        blocks.push(Block::Table {
            head: vec!["criterion".into(), "verdict".into(), "evidence".into()],
            rows: w
                .criteria
                .iter()
                .map(|c| vec![c.name.clone(), verdict_word(c.verdict).into(), c.evidence.clone()])
                .collect(),
        });
    }
    out.push(Section { title: "Success Criteria".into(), blocks });

    out.push(Section {
        title: "Post-activation tasks".into(),
        blocks: vec![Block::Table {
            head: vec!["when".into(), "task".into(), "state".into(), "evidence".into(), "next".into()],
            rows: r
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.when.clone(),
                        t.task.clone(),
                        task_word(t.state).into(),
                        t.evidence.clone(),
                        t.next.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }],
    });

    // Before and after.
    let mut blocks = Vec::new();
    if with_charts && !r.routes.is_empty() {
        blocks.push(Block::Chart(charts::response_times(&r.routes)));
    }
    let mut rows = Vec::new();
    for route in &r.routes {
        for s in &route.shifts {
            let (unit, change_unit) = if s.metric == "error_rate_percent" { (" %", "pp") } else { (" ms", "ms") };
            rows.push(vec![
                route.route.clone(),
                s.metric.trim_end_matches("_ms").trim_end_matches("_percent").replace('_', " "),
                s.before.map_or("-".into(), |v| format!("{v:.1}{unit}")),
                s.after.map_or("-".into(), |v| format!("{v:.1}{unit}")),
                s.change_percent.map_or("-".into(), |c| format!("{c:+.0} %")),
                crate::core::debrief::judgement(s, change_unit),
            ]);
        }
        let per_hour =
            |f: &Option<crate::core::debrief::RouteFigures>| f.as_ref().map(|f| format!("{:.0}", f.per_hour));
        rows.push(vec![
            route.route.clone(),
            "requests/h".into(),
            per_hour(&route.before).unwrap_or("-".into()),
            per_hour(&route.after).unwrap_or("-".into()),
            String::new(),
            String::new(),
        ]);
    }
    if rows.is_empty() {
        blocks.push(Block::Text("No request was logged in the period, and no baseline has one.".into()));
    } else {
        blocks.push(Block::Table {
            head: ["route", "figure", "before", "after", "change", "verdict"].map(String::from).to_vec(),
            rows,
        });
    }
    out.push(Section { title: "Response times and errors, before and after".into(), blocks });

    // Rate limiting.
    let l = &r.limits;
    let mut blocks = vec![Block::Text(format!(
        "{} violation(s) (the plan: over {} means the limits may be too strict); worst hour {}; {} abuse block(s).",
        l.violations,
        crate::core::debrief::VIOLATIONS_TOO_MANY,
        l.worst_hour.map_or("-".into(), |(h, n)| format!("{} with {n}", time(h))),
        l.abuse_blocks
    ))];
    if with_charts && !l.per_hour.is_empty() {
        blocks.push(Block::Chart(charts::violations_per_hour(
            &l.per_hour,
            r.from_ms,
            r.to_ms,
            r.violation_lines[0],
            r.violation_lines[1],
        )));
    }
    blocks.push(Block::Text(format!(
        "{} identit(ies) seen, {} refused: {} in one burst, {} in two, {} through normal use{}.",
        l.identities_seen,
        l.identities_limited,
        l.bursts,
        l.repeated_bursts,
        l.refused_in_normal_use,
        if l.unattributed > 0 { format!(", {} rejection(s) unattributed", l.unattributed) } else { String::new() }
    )));
    let identity_rows: Vec<Vec<String>> = l
        .limited
        .iter()
        .chain(&l.unaffected)
        .map(|i| {
            vec![
                short(&i.identity),
                pattern_word(i.pattern).into(),
                i.limited.to_string(),
                i.served.to_string(),
                i.episodes.to_string(),
                match (i.first_limited_ms, i.last_limited_ms) {
                    (Some(a), Some(b)) => format!("{} to {}", time(a), time(b)),
                    _ => "-".into(),
                },
                i.blocks.to_string(),
            ]
        })
        .collect();
    if !identity_rows.is_empty() {
        blocks.push(Block::Table {
            head: ["identity (md5)", "pattern", "429s", "served", "episodes", "refused", "blocks"]
                .map(String::from)
                .to_vec(),
            rows: identity_rows,
        });
    }
    out.push(Section { title: "Rate-limit violations".into(), blocks });

    // The breaker.
    let mut blocks = Vec::new();
    if with_charts {
        blocks.push(Block::Chart(charts::breaker_states(&r.breaker_periods, &r.breaker_series, r.from_ms, r.to_ms)));
    }
    let now: Vec<String> =
        r.redis.breakers.iter().map(|(s, st)| format!("{s} {}", st.as_deref().unwrap_or("unknown"))).collect();
    blocks.push(Block::Text(format!(
        "{} transition(s) logged; now: {}.",
        r.breaker_transitions,
        if now.is_empty() { "unknown".into() } else { now.join(", ") }
    )));
    if !r.transitions.is_empty() {
        let shown = r.transitions.len().min(TRANSITIONS_SHOWN);
        blocks.push(Block::Table {
            head: ["time", "service", "to"].map(String::from).to_vec(),
            rows: r.transitions[..shown]
                .iter()
                .map(|t| vec![time_s(t.at_ms), t.service.clone(), t.state.replace('_', "-")])
                .collect(),
        });
        if r.breaker_transitions as usize > shown {
            blocks.push(Block::Text(format!(
                "… and {} more transition(s) (all in --format json up to 1,000).",
                r.breaker_transitions as usize - shown
            )));
        }
    }
    if r.breaker_periods.is_empty() {
        blocks.push(Block::Text("The breaker never opened in the period.".into()));
    } else {
        blocks.push(Block::Table {
            head: ["service", "opened", "closed", "open for", "half-open probes", "calls refused"]
                .map(String::from)
                .to_vec(),
            rows: r
                .breaker_periods
                .iter()
                .map(|p| {
                    vec![
                        p.service.clone(),
                        p.opened_ms.map_or("before the period".into(), time),
                        p.closed_ms.map_or("still open".into(), time),
                        format!("{:.0} s", p.duration_s),
                        p.half_opens.to_string(),
                        p.refused.to_string(),
                    ]
                })
                .collect(),
        });
    }
    out.push(Section { title: "Circuit breaker".into(), blocks });

    // Redis.
    let mut blocks = Vec::new();
    if with_charts && r.memory.len() >= 2 {
        blocks.push(Block::Chart(charts::memory(&r.memory)));
    }
    let t = &r.memory_trend;
    blocks.push(Block::Text(match t.stable {
        None => format!("{} reading(s) of memory: not enough for a trend (watch records them).", t.readings),
        Some(stable) => format!(
            "{} from {} MB to {} MB ({:+.1} MB) over {} readings.",
            if stable { "Stable" } else { "Growing" },
            ms_or_dash(t.first_mb),
            ms_or_dash(t.last_mb),
            t.change_mb.unwrap_or(0.0),
            t.readings
        ),
    }));
    let before_keys = r.baseline.as_ref().map(|b| &b.keys);
    let rows: Vec<Vec<String>> = r
        .redis
        .keys
        .iter()
        .map(|(p, n)| {
            let before = before_keys.and_then(|k| k.get(p).copied().flatten());
            vec![p.clone(), before.map_or("-".into(), |n| n.to_string()), n.map_or("-".into(), |n| n.to_string())]
        })
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Table { head: ["keys", "before", "now"].map(String::from).to_vec(), rows });
    }
    out.push(Section { title: "Redis".into(), blocks });

    // Security.
    out.push(Section {
        title: "Security audit (logs scan)".into(),
        blocks: vec![match (&r.security, &r.security_error) {
            (None, e) => Block::Verdict(
                "unknown",
                format!("the scan could not run: {}", e.as_deref().unwrap_or("no reason given")),
            ),
            (Some(s), _) if s.files == 0 => Block::Verdict("unknown", "no log file in the period to scan".into()),
            (Some(s), _) if s.findings == 0 => {
                Block::Verdict("pass", format!("no unsanitized value in {} line(s) of {} file(s)", s.lines, s.files))
            }
            (Some(s), _) => Block::Verdict(
                "fail",
                format!(
                    "{} unsanitized value(s) in {} file(s), first at {}; `gatewayctl logs scan` lists them",
                    s.findings,
                    s.files,
                    s.examples.join(", ")
                ),
            ),
        }],
    });

    if !r.findings.is_empty() {
        out.push(Section {
            title: "The gateway's own bugs".into(),
            blocks: vec![Block::Table {
                head: ["bug", "seen", "what it will do", "what to do instead"].map(String::from).to_vec(),
                rows: r
                    .findings
                    .iter()
                    .map(|f| {
                        let bug =
                            format!("{} ({})", f.kind, if f.harmful { "breaks requests today" } else { "latent" });
                        vec![bug, f.seen.clone(), f.effect.clone(), f.fix.clone()]
                    })
                    .collect(),
            }],
        });
    }

    out.push(Section {
        title: "What was done (journal)".into(),
        blocks: vec![if r.journal.is_empty() {
            Block::Text("Nothing in the journal for the period.".into())
        } else {
            Block::Table {
                head: ["time", "run", "what"].map(String::from).to_vec(),
                rows: r.journal.iter().map(|j| vec![j.ts.clone(), j.run.clone(), j.what.clone()]).collect(),
            }
        }],
    });
    out
}

fn styled(style: &Style, word: &str) -> String {
    match word {
        "pass" | "done" | "unaffected" => style.good(word),
        "fail" | "open" | "unknown" => style.bad(word),
        _ => style.warn(word),
    }
}

impl Human for DebriefReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        for s in sections(self, false) {
            writeln!(w, "{}", style.bold(&s.title))?;
            for b in s.blocks {
                match b {
                    Block::Text(t) => writeln!(w, "{t}")?,
                    Block::Verdict(word, t) => writeln!(w, "{}: {t}", styled(style, word))?,
                    Block::Table { head, rows } => {
                        let head: Vec<&str> = head.iter().map(String::as_str).collect();
                        let mut t = table::Noted::new(&head);
                        for row in rows {
                            let cells = row
                                .iter()
                                .map(|c| match c.as_str() {
                                    "pass" | "fail" | "not enough data" | "done" | "open" | "needs a person" => {
                                        Cell::new(styled(style, c))
                                    }
                                    _ if c.starts_with("worse: ") => Cell::new(style.bad(c)),
                                    _ if c.starts_with("better: ") => Cell::new(style.good(c)),
                                    _ if c.starts_with("not enough data to tell") => Cell::new(style.warn(c)),
                                    _ => t.cell(c),
                                })
                                .collect::<Vec<_>>();
                            t.add_row(cells);
                        }
                        writeln!(w, "{t}")?;
                    }
                    Block::Chart(_) => {}
                }
            }
            writeln!(w)?;
        }
        Ok(())
    }
}

/// A value (a log's path, identity or message) as Markdown that renders as
/// written and stays inert wherever the ticket tool renders it: a value
/// that a renderer could turn into a link by itself (a URL, `www.`, an
/// address) is a code span, where nothing is a link; any other has every
/// character that could open markup (HTML, a comment, an entity, a link, an
/// image, emphasis, code) backslash-escaped. `|` is escaped either way (a
/// table cell), and a line break is a space.
fn md_cell(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.contains("://") || text.contains("www.") || text.contains('@') {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        return format!("{fence} {} {fence}", text.replace('|', "\\|"));
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let opens = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '!' | '&' | '|' | '~')
            // At the start of a block: a heading, a list, a quote, a rule.
            || (i == 0 && matches!(c, '#' | '-' | '+' | '=' | '>'));
        if opens {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown, for pasting into a ticket.
pub fn markdown(r: &DebriefReport) -> String {
    let mut out = String::new();
    for (i, s) in sections(r, false).into_iter().enumerate() {
        out.push_str(if i == 0 { "# " } else { "## " });
        out.push_str(&s.title);
        out.push_str("\n\n");
        for b in s.blocks {
            match b {
                Block::Text(t) => out.push_str(&format!("{}\n\n", md_cell(&t))),
                Block::Verdict(word, t) => out.push_str(&format!("**{word}**: {}\n\n", md_cell(&t))),
                Block::Table { head, rows } => {
                    out.push_str(&format!("| {} |\n", head.join(" | ")));
                    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
                        out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                    out.push('\n');
                }
                Block::Chart(_) => {}
            }
        }
    }
    out
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;color:#1d2330;background:#fff}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ccd}\
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ccd;padding:.25em .6em;text-align:left;vertical-align:top}\
th{background:#eef0f6}.pass,.done,.better,.unchanged,.unaffected{background:#dff3e3}.fail,.open,.worse{background:#fbe0e0}\
.needs-a-person,.not-enough-data,.note,.unknown{background:#fff3d6}figure{margin:.8em 0}svg{max-width:100%;height:auto}";

/// The CSS class of a verdict word, or of a judge's verdict by its leading
/// words ("worse: +4.1 to …", "not enough data to tell (n = …)"); other text
/// gets none (a cell's text never reaches an attribute).
fn class_of(word: &str) -> Option<&'static str> {
    let head = word.split([':', '(']).next().unwrap_or(word).trim();
    Some(match head {
        "unchanged" => "unchanged",
        "not enough data to tell" => "not-enough-data",
        "no data" | "no data before" | "no data after" => "unknown",
        "pass" => "pass",
        "done" => "done",
        "better" => "better",
        "unaffected" => "unaffected",
        "fail" => "fail",
        "open" => "open",
        "worse" => "worse",
        "needs a person" => "needs-a-person",
        "not enough data" => "not-enough-data",
        "note" => "note",
        "unknown" => "unknown",
        _ => return None,
    })
}

/// One self-contained HTML file: no script, no font, nothing fetched.
pub fn html(r: &DebriefReport) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gatewayctl report</title><style>",
    );
    out.push_str(CSS);
    out.push_str("</style></head><body>\n");
    for (i, s) in sections(r, true).into_iter().enumerate() {
        let tag = if i == 0 { "h1" } else { "h2" };
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape::html(&s.title)));
        for b in s.blocks {
            match b {
                Block::Text(t) => out.push_str(&format!("<p>{}</p>\n", escape::html(&t))),
                Block::Verdict(word, t) => out.push_str(&format!(
                    "<p><span class=\"{}\"><b>{}</b></span>: {}</p>\n",
                    class_of(word).unwrap_or("note"),
                    escape::html(word),
                    escape::html(&t)
                )),
                Block::Table { head, rows } => {
                    out.push_str("<table><tr>");
                    for h in head {
                        out.push_str(&format!("<th>{}</th>", escape::html(&h)));
                    }
                    out.push_str("</tr>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for c in row {
                            match class_of(&c) {
                                Some(class) => {
                                    out.push_str(&format!("<td class=\"{class}\">{}</td>", escape::html(&c)))
                                }
                                None => out.push_str(&format!("<td>{}</td>", escape::html(&c))),
                            }
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</table>\n");
                }
                Block::Chart(svg) => out.push_str(&format!("<figure>{svg}</figure>\n")),
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::debrief::{self, IdentityLine, Tally};

    /// A report whose every string a hostile log could set is markup.
    fn hostile() -> DebriefReport {
        hostile_with("<script>alert(1)</script>|\"'")
    }

    fn hostile_with(evil: &str) -> DebriefReport {
        let mut t = Tally::default();
        t.add(
            1_000,
            &crate::core::logline::Record::ApiRequest {
                method: "POST".into(),
                path: format!("/api/{evil}").into(),
                status: 200,
                duration_ms: 3.0,
                identity: evil.into(),
            },
        );
        let limits = debrief::limit_review(&t, 10);
        assert!(limits.unaffected.iter().any(|l: &IdentityLine| l.identity == evil));
        DebriefReport {
            generated_at: "now".into(),
            from_ms: 0,
            to_ms: 3_600_000,
            activation: None,
            activation_run: None,
            baseline: None,
            logs: LogsRead {
                files: vec![],
                skipped_older: 0,
                bytes: 0,
                lines: 1,
                requests: 1,
                server_errors: 0,
                error_lines: 0,
                slow_responses: 0,
                requests_per_hour: vec![],
            },
            routes: debrief::compare(&BTreeMap::new(), &t, 3_600_000),
            limits,
            violation_lines: [10.0, 50.0],
            breaker_periods: vec![],
            breaker_transitions: 0,
            transitions: vec![],
            breaker_series: vec![(1_000, evil.into())],
            memory: vec![],
            memory_trend: debrief::memory_trend(&[]),
            redis: RedisNow::default(),
            security: None,
            security_error: Some(evil.into()),
            tasks: vec![],
            criteria: vec![],
            journal: vec![JournalLine { ts: "t".into(), run: evil.into(), what: evil.into() }],
            notes: vec![evil.into()],
            findings: vec![crate::core::findings::Finding {
                kind: "entry-throws".into(),
                seen: evil.into(),
                effect: evil.into(),
                fix: evil.into(),
                harmful: true,
                routes: vec![evil.into()],
            }],
        }
    }

    #[test]
    fn the_judges_words_are_coloured_in_html() {
        assert_eq!(class_of("worse: +4.1 to +6.0 ms at 98 %, beyond ±2.0 ms"), Some("worse"));
        assert_eq!(class_of("better: -6.0 to -4.1 ms at 98 %, beyond ±2.0 ms"), Some("better"));
        assert_eq!(class_of("unchanged: -0.3 to +0.4 ms at 98 %, within ±2.0 ms"), Some("unchanged"));
        assert_eq!(class_of("not enough data to tell (n = 20 / 20, needs 50 a side)"), Some("not-enough-data"));
        assert_eq!(class_of("no data before"), Some("unknown"));
        assert_eq!(class_of("POST /api/v2/bookings"), None);
    }

    #[test]
    fn html_escapes_what_the_log_wrote_and_its_charts_are_xml() {
        let html = html(&hostile());
        assert!(!html.contains("<script"), "markup from the log reached the HTML");
        assert!(!html.contains("src=") && !html.contains("<link"), "nothing may be fetched");
        let charts: Vec<&str> = html.split("<figure>").skip(1).map(|f| f.split("</figure>").next().unwrap()).collect();
        assert!(!charts.is_empty());
        for svg in charts {
            assert!(svg.starts_with("<svg"), "{svg:.80}");
            assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
        }
    }

    /// What a log wrote never becomes HTML, a link or an image in the
    /// Markdown, as pulldown-cmark (tables on, as ticket tools render) reads it.
    #[test]
    fn markdown_stays_inert_whatever_the_log_wrote() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let ours = {
            let md = markdown(&hostile_with("plain"));
            Parser::new_ext(&md, Options::ENABLE_TABLES)
                .filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
                .count()
        };
        for evil in [
            "<img src=x onerror=alert(2)>",
            "<!--",
            "[click](javascript:alert(1))",
            "![i](http://127.0.0.1:9/x.png)",
            "<http://127.0.0.1:9/x>",
            "&lt;script&gt;",
            "`code` **bold** _em_ ~~del~~",
            "# heading",
            "x\n- list\n<div>",
            "![i][r]\n\n[r]: http://127.0.0.1:9/x.png",
            "www.example.com and a@b.c",
            "``` fence",
        ] {
            let md = markdown(&hostile_with(evil));
            let mut depth = 0;
            for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
                match event {
                    Event::Html(h) | Event::InlineHtml(h) => panic!("{evil:?} gave HTML {h:?}:\n{md}"),
                    Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                        panic!("{evil:?} gave a link or image to {dest_url:?}:\n{md}")
                    }
                    Event::Start(Tag::Heading { .. }) => depth += 1,
                    _ => {}
                }
            }
            assert_eq!(ours, 0, "the report's own Markdown has no HTML");
            assert_eq!(depth, md.lines().filter(|l| l.starts_with('#')).count(), "{evil:?}: no heading of its own");
        }
    }

    #[test]
    fn markdown_keeps_its_tables_whole() {
        let md = markdown(&hostile());
        let row = md.lines().find(|l| l.starts_with("| POST /api/\\<script\\>")).expect("the route's row");
        let head = md.lines().find(|l| l.starts_with("| route |")).expect("the table's head");
        let unescaped = |l: &str| l.replace("\\|", "").matches('|').count();
        assert_eq!(unescaped(row), unescaped(head), "{row}");
    }
}
