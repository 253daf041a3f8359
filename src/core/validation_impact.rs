//! The input-validation impact preview, the pure half: which log lines are
//! collect-appointment payloads, which of them the sanitizer changed (their
//! true values unknown), and the tally of what the FormRequest refused,
//! per field and rule, with a masked example of each.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::logline;

/// The message RetellFunctionCallHandler logs each payload under.
pub const MESSAGE: &str = "Retell collect appointment";

/// One payload read from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// `YYYY-MM-DD HH:MM:SS` as logged.
    pub ts: String,
    pub body: serde_json::Map<String, serde_json::Value>,
    /// Where it was read (`laravel.log:57`), set by the reader.
    pub at: String,
}

/// The payload a log line carries, if it is a collect-appointment line.
pub fn payload(line: &str) -> Option<Payload> {
    let (ts, body) = logline::context_of(line, MESSAGE)?;
    Some(Payload { ts: ts.to_string(), body, at: String::new() })
}

/// Did the log sanitizer change a value (a `[REDACTED]`, a hashed email)?
/// Then what was sent is unknown and the verdict on it uncertain.
pub fn sanitized(body: &serde_json::Map<String, serde_json::Value>, redaction: &str) -> bool {
    body.values().any(|v| changed(v, redaction))
}

fn changed(v: &serde_json::Value, redaction: &str) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains(redaction) || has_hashed_email(s),
        serde_json::Value::Array(a) => a.iter().any(|x| changed(x, redaction)),
        serde_json::Value::Object(o) => o.values().any(|x| changed(x, redaction)),
        _ => false,
    }
}

/// An email whose local part is 12 lowercase hex characters: the sanitizer's hash.
fn has_hashed_email(s: &str) -> bool {
    s.match_indices('@').any(|(at, _)| {
        let local = &s[..at];
        let start =
            local.char_indices().rfind(|(_, c)| !c.is_ascii_alphanumeric()).map_or(0, |(p, c)| p + c.len_utf8());
        let local = &local[start..];
        local.len() == 12 && local.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A value with its shape kept and its content hidden: letters become
/// `x`/`X`, digits `9`, everything else stays (so `<`, `(` or `/` still
/// show why a rule refused it). At most 40 characters.
pub fn mask(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return "null".into(),
        other => other.to_string(),
    };
    let mut out: String = text
        .chars()
        .take(40)
        .map(|c| match c {
            c if c.is_ascii_digit() => '9',
            c if c.is_uppercase() => 'X',
            c if c.is_alphabetic() => 'x',
            c => c,
        })
        .collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    match v {
        serde_json::Value::String(_) => format!("{out:?}"),
        _ => out,
    }
}

/// What the FormRequest said of one payload.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReplayVerdict {
    pub ok: bool,
    /// field → rule (Laravel's name, e.g. `Regex`, `DateFormat`) → parameters.
    #[serde(default)]
    pub failed: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
}

/// One field and rule, with how many payloads it refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    pub field: String,
    pub rule: String,
    pub refused: usize,
    /// One refused value, masked.
    pub example: String,
}

/// The preview's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// Payloads read and replayed (the tool's own probes left out).
    pub payloads: usize,
    /// Of those, refused (422).
    pub refused: usize,
    /// Payloads the sanitizer changed, counted apart, and how many of them were refused as logged.
    pub sanitized: usize,
    pub sanitized_refused: usize,
    /// The tool's own probe payloads, left out.
    pub probes: usize,
    /// The window read: first and last timestamps seen.
    pub first: Option<String>,
    pub last: Option<String>,
    pub rules: Vec<RuleCount>,
    /// Where each refused payload was logged (sanitized ones too), at most
    /// [`MAX_REFUSED_AT`]: the calls to look at, or to replay.
    #[serde(default)]
    pub refused_at: Vec<String>,
    /// The reader stopped at its bound: the figures cover the payloads read.
    #[serde(default)]
    pub capped: bool,
}

/// How many refused payloads are located in the report.
pub const MAX_REFUSED_AT: usize = 1_000;

/// Tallies the verdicts of `payloads` (same order). Counts exclude the
/// sanitized payloads, which are counted apart.
pub fn tally(payloads: &[Payload], verdicts: &[ReplayVerdict], redaction: &str, probes: usize) -> Impact {
    let mut impact = Impact {
        probes,
        first: payloads.iter().map(|p| p.ts.clone()).min(),
        last: payloads.iter().map(|p| p.ts.clone()).max(),
        ..Impact::default()
    };
    let mut rules: BTreeMap<(String, String), RuleCount> = BTreeMap::new();
    for (p, v) in payloads.iter().zip(verdicts) {
        if !v.ok && impact.refused_at.len() < MAX_REFUSED_AT {
            impact.refused_at.push(p.at.clone());
        }
        if sanitized(&p.body, redaction) {
            impact.sanitized += 1;
            impact.sanitized_refused += usize::from(!v.ok);
            continue;
        }
        impact.payloads += 1;
        if v.ok {
            continue;
        }
        impact.refused += 1;
        for (field, failed) in &v.failed {
            for rule in failed.keys() {
                let rule = snake(rule);
                let entry = rules.entry((field.clone(), rule.clone())).or_insert_with(|| RuleCount {
                    field: field.clone(),
                    rule,
                    refused: 0,
                    example: p.body.get(field).map_or_else(|| "(absent)".into(), mask),
                });
                entry.refused += 1;
            }
        }
    }
    impact.rules = rules.into_values().collect();
    impact.rules.sort_by(|a, b| b.refused.cmp(&a.refused).then(a.field.cmp(&b.field)));
    impact
}

/// Laravel's rule names (`DateFormat`) as written in rules (`date_format`).
fn snake(rule: &str) -> String {
    let mut out = String::new();
    for (i, c) in rule.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_payload_line_and_nothing_else() {
        let line =
            "[2026-11-26 09:15:02] production.INFO: Retell collect appointment {\"name\":\"Anna\",\"service_id\":3} []";
        let p = payload(line).unwrap();
        assert_eq!(p.ts, "2026-11-26 09:15:02");
        assert_eq!(p.body["service_id"], 3);
        assert!(payload("[2026-11-26 09:15:02] production.INFO: Retell webhook received {\"a\":1} []").is_none());
        assert!(payload("[2026-11-26 09:15:02] production.INFO: Retell collect appointment []").is_none());
        assert!(payload("#0 Retell collect appointment {}").is_none());
    }

    #[test]
    fn sanitized_values_are_recognised() {
        let body = |v: serde_json::Value| v.as_object().unwrap().clone();
        assert!(sanitized(&body(serde_json::json!({"email": "96d9632f3635@example.com"})), "[REDACTED]"));
        assert!(sanitized(&body(serde_json::json!({"note": "card [REDACTED] ok"})), "[REDACTED]"));
        assert!(!sanitized(&body(serde_json::json!({"email": "anna.berg@example.com", "n": 1})), "[REDACTED]"));
        // The sanitizer's pattern is ASCII: after a letter such as é it hashes what follows.
        assert!(sanitized(&body(serde_json::json!({"email": "joséaf0595613935@example.com"})), "[REDACTED]"));
        assert!(!sanitized(&body(serde_json::json!({"email": "é@x.y", "n": "ü@"})), "[REDACTED]"));
    }

    #[test]
    fn masks_keep_the_shape_and_hide_the_content() {
        assert_eq!(mask(&serde_json::json!("+49 (30) 1234-56")), "\"+99 (99) 9999-99\"");
        assert_eq!(mask(&serde_json::json!("Anna <b>")), "\"Xxxx <x>\"");
        assert_eq!(mask(&serde_json::json!(12)), "99");
    }

    #[test]
    fn tallies_per_field_and_rule_and_counts_sanitized_apart() {
        let p = |body: serde_json::Value| Payload {
            ts: "t".into(),
            body: body.as_object().unwrap().clone(),
            at: "l".into(),
        };
        let payloads = [
            p(serde_json::json!({"phone": "(030) 1234"})),
            p(serde_json::json!({"phone": "(030) 5678", "date": "02/10"})),
            p(serde_json::json!({"email": "96d9632f3635@example.com"})),
            p(serde_json::json!({"name": "Anna"})),
        ];
        let refuse =
            |failed: serde_json::Value| ReplayVerdict { ok: false, failed: serde_json::from_value(failed).unwrap() };
        let verdicts = [
            refuse(serde_json::json!({"phone": {"Regex": ["/x/"]}})),
            refuse(serde_json::json!({"phone": {"Regex": ["/x/"]}, "date": {"DateFormat": ["Y-m-d"]}})),
            refuse(serde_json::json!({"email": {"Email": []}})),
            ReplayVerdict { ok: true, failed: BTreeMap::new() },
        ];
        let impact = tally(&payloads, &verdicts, "[REDACTED]", 1);
        assert_eq!((impact.payloads, impact.refused, impact.sanitized, impact.sanitized_refused), (3, 2, 1, 1));
        assert_eq!(impact.rules[0].field, "phone");
        assert_eq!((impact.rules[0].rule.as_str(), impact.rules[0].refused), ("regex", 2));
        assert_eq!(impact.rules[0].example, "\"(999) 9999\"");
        assert_eq!(impact.rules[1].rule, "date_format");
    }
}
