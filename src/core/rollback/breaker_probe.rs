//! The breaker rollback's runtime probe judged as a change: the same calls
//! on the shadow before the edit and after it, and only what the edit
//! changed is blamed on it. A PHP Error after the edit that did not happen
//! before is an outage the rollback would cause; a call that reached
//! Cal.com before and no longer does is one too. An Error on both sides is
//! the probe's own (an argument it could not fit), never the edit's.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One call of one service method, as the probe saw it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Call {
    /// `returned`, `threw` (an exception), `error` (a PHP Error) or `not called`.
    pub outcome: String,
    /// The exception's class, or the Error's class and message, or why not called.
    #[serde(default)]
    pub what: String,
    /// Requests the call sent Cal.com.
    #[serde(default)]
    pub reached: u64,
}

impl Call {
    fn is_error(&self) -> bool {
        self.outcome == "error"
    }

    fn shown(&self) -> String {
        match self.what.is_empty() {
            true => self.outcome.clone(),
            false => format!("{} {}", self.outcome, self.what),
        }
    }
}

/// One run of the probe: each half (`None`: not shown, `why`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Run {
    pub answering: Option<BTreeMap<String, Call>>,
    pub failing: Option<BTreeMap<String, Call>>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub via: Vec<String>,
}

/// The run's line in the probe's output (`gatewayctl-probe: {…}`).
pub fn parse(output: &str) -> Option<Run> {
    let line = output.lines().find_map(|l| l.strip_prefix("gatewayctl-probe: "))?;
    serde_json::from_str(line).ok()
}

/// What the edit changed, call by call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgement {
    /// Errors after the edit that were not there before (`half: method: what`).
    pub new_errors: Vec<String>,
    /// Calls that reached Cal.com before the edit and no longer do.
    pub lost: Vec<String>,
    /// Errors on both sides: the probe's own, not the edit's.
    pub unchanged_errors: Vec<String>,
    /// Methods the probe could not call with fitting arguments, and why.
    pub not_called: Vec<String>,
    /// Calls that went straight through to Cal.com after the edit.
    pub straight_through: Vec<String>,
    /// The answering half was not shown (why).
    pub answering_unshown: Option<String>,
}

impl Judgement {
    /// The edit causes an outage the probe saw.
    pub fn harms(&self) -> bool {
        !self.new_errors.is_empty() || !self.lost.is_empty()
    }

    /// One line of evidence.
    pub fn evidence(&self) -> String {
        let mut said = Vec::new();
        let list = |v: &[String]| v.join(", ");
        if !self.new_errors.is_empty() {
            said.push(format!("new after the edit: {}", list(&self.new_errors)));
        }
        if !self.lost.is_empty() {
            said.push(format!("reached Cal.com before, not after: {}", list(&self.lost)));
        }
        if !self.straight_through.is_empty() {
            said.push(format!("straight through to Cal.com: {}", list(&self.straight_through)));
        }
        if !self.unchanged_errors.is_empty() {
            said.push(format!("unchanged by the edit (the same before): {}", list(&self.unchanged_errors)));
        }
        if !self.not_called.is_empty() {
            said.push(format!("not called: {}", list(&self.not_called)));
        }
        if let Some(why) = &self.answering_unshown {
            said.push(format!("Cal.com answering not shown: {why}"));
        }
        said.join("; ")
    }
}

/// The edit judged by what changed between `before` and `after`.
pub fn judge(before: &Run, after: &Run) -> Judgement {
    let mut j = Judgement::default();
    let halves = [("answering", &before.answering, &after.answering), ("failing", &before.failing, &after.failing)];
    for (half, b, a) in halves {
        let Some(a) = a else { continue };
        let empty = BTreeMap::new();
        let b = b.as_ref().unwrap_or(&empty);
        for (method, call) in a {
            let was = b.get(method);
            let at = format!("{half}: {method}");
            if call.outcome == "not called" {
                let said = format!("{method} ({})", call.what);
                if !j.not_called.contains(&said) {
                    j.not_called.push(said);
                }
                continue;
            }
            match (call.is_error(), was) {
                (true, Some(w)) if w.is_error() => j.unchanged_errors.push(format!("{at}: {}", call.what)),
                (true, _) => j.new_errors.push(format!("{at}: {}", call.shown())),
                _ => {}
            }
            if half == "answering" {
                if was.is_some_and(|w| w.reached > 0) && call.reached == 0 && !call.is_error() {
                    j.lost.push(format!("{method} ({})", call.shown()));
                }
                if call.reached > 0 && call.outcome == "returned" {
                    j.straight_through.push(method.clone());
                }
            }
        }
    }
    if after.answering.is_none() {
        j.answering_unshown = Some(after.why.clone().unwrap_or_else(|| "no reason given".into()));
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(answering: &[(&str, &str, &str, u64)], failing: &[(&str, &str, &str, u64)]) -> Run {
        let half = |calls: &[(&str, &str, &str, u64)]| {
            calls
                .iter()
                .map(|(m, o, w, r)| (m.to_string(), Call { outcome: o.to_string(), what: w.to_string(), reached: *r }))
                .collect()
        };
        Run { answering: Some(half(answering)), failing: Some(half(failing)), why: None, via: vec![] }
    }

    const TYPE: &str =
        "TypeError: createEventType(): Argument #1 ($service) must be of type App\\Models\\Service, string given";

    /// The same TypeError before and after: the probe's, never an outage.
    #[test]
    fn an_error_on_both_sides_is_unchanged_never_the_edits() {
        let before = run(
            &[("getSlots", "returned", "", 1), ("createEventType", "error", TYPE, 0)],
            &[("getSlots", "threw", "CalcomApiException", 1), ("createEventType", "error", TYPE, 0)],
        );
        let after = before.clone();
        let j = judge(&before, &after);
        assert!(!j.harms(), "{j:?}");
        assert_eq!(j.unchanged_errors.len(), 2, "{j:?}");
        assert_eq!(j.straight_through, ["getSlots"]);
    }

    /// An Error only after the edit, or a call that stopped reaching
    /// Cal.com, is the edit's.
    #[test]
    fn a_new_error_or_a_lost_call_is_the_edits() {
        let before = run(&[("healthCheck", "returned", "", 0), ("book", "returned", "", 1)], &[]);
        let after = run(
            &[
                ("healthCheck", "error", "Error: Call to a member function getStatus() on null", 0),
                ("book", "returned", "", 0),
            ],
            &[],
        );
        let j = judge(&before, &after);
        assert!(j.harms());
        assert_eq!(
            j.new_errors,
            ["answering: healthCheck: error Error: Call to a member function getStatus() on null"]
        );
        assert_eq!(j.lost, ["book (returned)"]);
    }

    #[test]
    fn the_run_is_read_from_its_line() {
        let out = "noise\ngatewayctl-probe: {\"answering\":null,\"failing\":{\"a\":{\"outcome\":\"not called\",\"what\":\"parameter $s: no class App\\\\Models\\\\Service\",\"reached\":0}},\"why\":\"no stand-in\",\"via\":[]}\n";
        let r = parse(out).expect("parsed");
        let j = judge(&Run::default(), &r);
        assert!(!j.harms());
        assert_eq!(j.not_called, ["a (parameter $s: no class App\\Models\\Service)"]);
        assert_eq!(j.answering_unshown.as_deref(), Some("no stand-in"));
    }
}
