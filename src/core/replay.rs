//! The behaviour proof of an edit to the Retell handler, the pure half:
//! the same requests replayed through the handler before and after the
//! edit, and what each method read from its request compared, read by
//! read. A request the handler refused before (422) is the one a rollback
//! of validation means to let through: it is counted, not compared.
//! Values are compared whole and shown only by their shape (keys, types),
//! never by content: callers' names and phones stay out of the report.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// One request through one method, as `handler_replay.php` reports it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Run {
    /// Its index among the replayed payloads.
    pub payload: usize,
    pub method: String,
    /// `answered 200`, `refused 422`, or `threw Class: message`.
    pub outcome: String,
    /// Each read of the request: its site (`method#n`) and what it answered.
    pub reads: Vec<(String, Value)>,
}

impl Run {
    fn refused(&self) -> bool {
        self.outcome.starts_with("refused")
    }

    /// The outcome without the exception's message, which may vary.
    fn kind(&self) -> &str {
        self.outcome.split(':').next().unwrap_or(&self.outcome)
    }
}

/// One request that the handler treats differently after the edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub payload: usize,
    pub method: String,
    /// In words: which read changed, or how the answer changed.
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// Requests the handler took before and that read something from the request.
    pub compared: usize,
    /// Requests the handler refused before (the validation at work).
    pub refused_before: usize,
    pub differences: Vec<Difference>,
}

/// Compares the runs after the edit with those before, request by request.
pub fn compare(before: &[Run], after: &[Run]) -> Comparison {
    let after: BTreeMap<(usize, &str), &Run> = after.iter().map(|r| ((r.payload, r.method.as_str()), r)).collect();
    let mut out = Comparison::default();
    for b in before {
        if b.refused() {
            out.refused_before += 1;
            continue;
        }
        let differ = |what: String| Difference { payload: b.payload, method: b.method.clone(), what };
        let Some(a) = after.get(&(b.payload, b.method.as_str())) else {
            out.differences.push(differ("not replayed after the edit".into()));
            continue;
        };
        if let Some(what) = first_changed_read(&b.reads, &a.reads) {
            out.differences.push(differ(what));
        } else if b.kind() != a.kind() {
            out.differences.push(differ(format!("{} before, {} after", b.outcome, a.outcome)));
        }
        out.compared += usize::from(!b.reads.is_empty());
    }
    out
}

fn first_changed_read(before: &[(String, Value)], after: &[(String, Value)]) -> Option<String> {
    for (k, ((site, b), (_, a))) in before.iter().zip(after).enumerate() {
        if a != b {
            let (path, was, now) = first_difference(b, a, String::new());
            let at = if path.is_empty() { String::new() } else { format!(" at {path}") };
            return Some(format!("read {} ({site}) answered {was}{at} before, {now} after", k + 1));
        }
    }
    (before.len() != after.len())
        .then(|| format!("{} read(s) of the request before, {} after", before.len(), after.len()))
}

/// Where two values first differ, and the shape of each there.
fn first_difference(before: &Value, after: &Value, path: String) -> (String, String, String) {
    if let (Value::Object(b), Value::Object(a)) = (before, after) {
        if b.keys().eq(a.keys()) {
            if let Some((key, (vb, va))) =
                b.iter().zip(a.values()).find(|((_, vb), va)| vb != va).map(|((k, vb), va)| (k, (vb, va)))
            {
                return first_difference(vb, va, format!("{path}[{key:?}]"));
            }
        }
    }
    (path, shape(before), shape(after))
}

/// A value's shape, never its content: the keys of an object, the length
/// of a list, the type of a scalar.
pub fn shape(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(s) if s.is_empty() => "an empty string".into(),
        Value::String(_) => "a string".into(),
        Value::Array(a) => format!("a list of {}", a.len()),
        Value::Object(o) if o.contains_key("(object)") => {
            format!("an object {}", o["(object)"].as_str().unwrap_or("?"))
        }
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().map(String::as_str).take(8).collect();
            let more = if o.len() > 8 { ", …" } else { "" };
            format!("{{{}{more}}}", keys.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(payload: usize, outcome: &str, reads: Vec<Value>) -> Run {
        Run {
            payload,
            method: "collectAppointment".into(),
            outcome: outcome.into(),
            reads: reads.into_iter().enumerate().map(|(i, v)| (format!("collectAppointment#{i}"), v)).collect(),
        }
    }

    #[test]
    fn the_same_reads_pass_and_a_refusal_before_is_counted_not_compared() {
        let data = json!({"datum": "2026-12-24", "name": "Anna"});
        let before = [run(0, "answered 200", vec![data.clone()]), run(1, "refused 422", vec![])];
        let after = [run(0, "answered 200", vec![data]), run(1, "answered 200", vec![json!({})])];
        let c = compare(&before, &after);
        assert_eq!((c.compared, c.refused_before, c.differences.len()), (1, 1, 0), "{c:?}");
    }

    #[test]
    fn all_instead_of_the_mapped_data_is_named_by_its_shape_only() {
        let before = [run(0, "answered 200", vec![json!({"datum": "2026-12-24", "name": "Anna Muster"})])];
        let after = [run(
            0,
            "threw ErrorException: Undefined array key \"datum\"",
            vec![json!({"args": {"date": "2026-12-24"}})],
        )];
        let c = compare(&before, &after);
        assert_eq!(c.differences.len(), 1);
        let what = &c.differences[0].what;
        assert_eq!(what, "read 1 (collectAppointment#0) answered {datum, name} before, {args} after");
        assert!(!what.contains("Anna") && !what.contains("2026"), "no content: {what}");
    }

    #[test]
    fn a_value_changed_inside_is_located_and_a_new_error_is_a_difference() {
        let before = [run(0, "answered 200", vec![json!({"datum": "2026-12-24", "name": "x"})])];
        let after = [run(0, "answered 200", vec![json!({"datum": null, "name": "x"})])];
        let c = compare(&before, &after);
        assert_eq!(
            c.differences[0].what,
            "read 1 (collectAppointment#0) answered a string at [\"datum\"] before, null after"
        );
        let before = [run(0, "answered 200", vec![json!(1)])];
        let after = [run(0, "threw Error: Call to a member function validated() on null", vec![json!(1)])];
        assert!(compare(&before, &after).differences[0].what.starts_with("answered 200 before, threw Error"));
        // An error the same way both times (Cal.com unreachable) is no difference.
        let before = [run(0, "threw GuzzleHttp\\Exception\\ConnectException: a", vec![json!(1)])];
        let after = [run(0, "threw GuzzleHttp\\Exception\\ConnectException: b", vec![json!(1)])];
        assert_eq!(compare(&before, &after).differences, vec![]);
    }
}
