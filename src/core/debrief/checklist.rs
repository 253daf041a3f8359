//! The plan's post-activation tasks, each done, open or needing a person,
//! with its evidence.

use serde::{Deserialize, Serialize};

use crate::core::judge::Call;

use super::breaker::OpenPeriod;
use super::compare::{RouteChange, MIN_SAMPLE};
use super::criteria::{latency_call, VIOLATIONS_TOO_MANY};
use super::identities::LimitReview;
use super::memory::{stable_rule, MemoryTrend};

/// A post-activation task's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    Done,
    Open,
    NeedsPerson,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Within 24 Hours, or Within 1 Week.
    pub when: String,
    pub task: String,
    pub state: TaskState,
    pub evidence: String,
    /// The command that does it or shows more.
    pub next: Option<String>,
}

/// What the checklist is judged on.
pub struct TaskFacts<'a> {
    /// Is RetellFunctionCallHandler wired to CollectAppointmentRequest (`None`: unreadable)?
    pub validation_wired: Option<bool>,
    pub limits: &'a LimitReview,
    pub periods: &'a [OpenPeriod],
    pub baseline: bool,
    pub latency: &'a [RouteChange],
    pub memory: &'a MemoryTrend,
    /// Unsanitized values in the period's logs, and the files scanned.
    pub unsanitized: Option<(u64, usize)>,
    /// API requests logged in the period: with none, nothing is "done" for want of events.
    pub requests: u64,
    /// The period's `stress` runs, oldest first, as journaled: the limiter
    /// judged against the model.
    pub stress: &'a [StressProof],
}

/// A `stress` run's journaled outcome.
pub struct StressProof {
    /// When, as the journal says (RFC 3339).
    pub at: String,
    pub ok: bool,
    pub summary: String,
    /// 429s where the model said 429 (`None`: journaled before it was counted).
    pub refused: Option<u64>,
}

pub fn checklist(f: &TaskFacts) -> Vec<Task> {
    let task = |when: &str, name: &str, state: TaskState, evidence: String, next: Option<&str>| Task {
        when: when.into(),
        task: name.into(),
        state,
        evidence,
        next: next.map(str::to_string),
    };
    let day = "Within 24 Hours";
    let week = "Within 1 Week";
    let l = f.limits;
    let silent = f.requests == 0;
    let mut tasks = vec![
        match f.validation_wired {
            Some(true) => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Done,
                "RetellFunctionCallHandler takes CollectAppointmentRequest".into(),
                None,
            ),
            Some(false) => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Open,
                "CollectAppointmentRequest still not wired: Fix Required open".into(),
                Some("gatewayctl integrate input-validation --impact"),
            ),
            None => task(
                day,
                "Fix CollectAppointmentRequest integration",
                TaskState::Open,
                "RetellFunctionCallHandler could not be read".into(),
                Some("gatewayctl preflight"),
            ),
        },
        {
            let suspects = l.refused_in_normal_use + l.repeated_bursts;
            let evidence = format!(
                "{} violation(s) (the plan's line: {VIOLATIONS_TOO_MANY}); {} identit(ies) refused: {} in one burst, {} refused in more than one episode",
                l.violations, l.identities_limited, l.bursts, suspects
            );
            match (l.violations > VIOLATIONS_TOO_MANY, suspects) {
                _ if silent => task(
                    day,
                    "Review rate limit violations",
                    TaskState::Open,
                    "no API request logged in the period".into(),
                    None,
                ),
                (false, 0) => task(day, "Review rate limit violations", TaskState::Done, evidence, None),
                _ => task(
                    day,
                    "Review rate limit violations",
                    TaskState::NeedsPerson,
                    format!("{evidence}: check whether legitimate users were affected"),
                    None,
                ),
            }
        },
        match f.periods.len() {
            0 if silent => task(
                day,
                "Analyze circuit breaker events",
                TaskState::Open,
                "no API request logged in the period".into(),
                None,
            ),
            0 => task(day, "Analyze circuit breaker events", TaskState::Done, "the breaker never opened".into(), None),
            n => task(
                day,
                "Analyze circuit breaker events",
                TaskState::NeedsPerson,
                format!("opened {n} time(s): investigate Cal.com connectivity, adjust thresholds if needed"),
                Some("gatewayctl breaker history"),
            ),
        },
        match (f.baseline, f.latency.iter().any(|r| latency_call(r).is_judged())) {
            (false, _) => task(
                week,
                "Compare response times before/after",
                TaskState::Open,
                "no baseline was recorded before activation".into(),
                None,
            ),
            (true, false) => task(
                week,
                "Compare response times before/after",
                TaskState::Open,
                format!("no route could be judged (fewer than {MIN_SAMPLE} requests a side, or intervals too wide)"),
                None,
            ),
            (true, true) => {
                let worse = f.latency.iter().filter(|r| latency_call(r) == Call::Worse).count();
                task(
                    week,
                    "Compare response times before/after",
                    TaskState::Done,
                    format!("{} route(s) compared, {worse} slower beyond the tolerance", f.latency.len()),
                    None,
                )
            }
        },
        match f.memory.stable {
            None => task(
                week,
                "Check Redis memory usage trend",
                TaskState::Open,
                format!("{} reading(s): not enough for a trend", f.memory.readings),
                Some("gatewayctl watch"),
            ),
            Some(true) => task(
                week,
                "Check Redis memory usage trend",
                TaskState::Done,
                format!(
                    "stable: {:+.1} MB over {} readings ({})",
                    f.memory.change_mb.unwrap_or(0.0),
                    f.memory.readings,
                    stable_rule()
                ),
                None,
            ),
            Some(false) => task(
                week,
                "Check Redis memory usage trend",
                TaskState::NeedsPerson,
                format!(
                    "growing: {:+.1} MB over {} readings ({})",
                    f.memory.change_mb.unwrap_or(0.0),
                    f.memory.readings,
                    stable_rule()
                ),
                Some("gatewayctl keys count 'rate_limit:*'"),
            ),
        },
        task(
            week,
            "Optimize cache TTLs if needed",
            TaskState::NeedsPerson,
            "a judgement the log cannot make".into(),
            None,
        ),
        match f.unsanitized {
            None => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Open,
                "no log file of the period was scanned".into(),
                Some("gatewayctl logs scan"),
            ),
            Some((0, files)) => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Done,
                format!("no unsanitized value in {files} file(s)"),
                None,
            ),
            Some((n, files)) => task(
                week,
                "Review log files for sensitive data leaks",
                TaskState::Open,
                format!("{n} unsanitized value(s) in {files} file(s)"),
                Some("gatewayctl logs scan"),
            ),
        },
        // Done only on a run that judged the limiter: 429s in the log alone
        // could be a broken route's, or anyone's, and say nothing of the model.
        {
            let name = "Verify rate limiting is effective";
            let next = Some("gatewayctl stress rate-limit");
            let logged = match l.violations {
                0 => String::new(),
                v => format!("; {v} rejection(s) logged, which alone judge nothing"),
            };
            // A run that stayed under the limit neither proves nor disproves:
            // the last that failed or saw a 429 speaks, else the last.
            let telling = f.stress.iter().rev().find(|s| !s.ok || s.refused.is_some_and(|n| n > 0));
            match telling.or(f.stress.last()) {
                Some(s) if s.ok && s.refused.is_some_and(|n| n > 0) => task(
                    week,
                    name,
                    TaskState::Done,
                    format!(
                        "stress at {}: {}; {} refused with 429 as the model said",
                        s.at,
                        s.summary,
                        s.refused.unwrap_or(0)
                    ),
                    None,
                ),
                Some(s) if s.ok => task(
                    week,
                    name,
                    TaskState::Open,
                    format!(
                        "the last stress ({}) matched the model but saw no 429 it predicted: the limiter was not shown refusing{logged}",
                        s.at
                    ),
                    next,
                ),
                Some(s) => task(
                    week,
                    name,
                    TaskState::Open,
                    format!("the last stress ({}) failed: {}{logged}", s.at, s.summary),
                    next,
                ),
                None => task(
                    week,
                    name,
                    TaskState::Open,
                    format!("no stress run in the period judged the limiter against the model{logged}"),
                    next,
                ),
            }
        },
        match (l.abuse_blocks, l.refused_in_normal_use + l.repeated_bursts) {
            _ if silent => task(
                week,
                "Check for abuse patterns",
                TaskState::Open,
                "no API request logged in the period".into(),
                None,
            ),
            (0, 0) => task(
                week,
                "Check for abuse patterns",
                TaskState::Done,
                format!("no abuse block; {} burst(s)", l.bursts),
                None,
            ),
            (b, s) => task(
                week,
                "Check for abuse patterns",
                TaskState::NeedsPerson,
                format!("{b} abuse block(s), {s} identit(ies) refused repeatedly (listed)"),
                None,
            ),
        },
    ];
    tasks.push(task(
        week,
        "Document issues encountered; update the runbook",
        TaskState::NeedsPerson,
        "a person's write-up".into(),
        None,
    ));
    tasks
}
