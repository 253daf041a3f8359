//! What a probe learns of a running limiter, from what it saw: the answers
//! to one throwaway identity's requests and that identity's keys in Redis
//! after each. Pure: the samples come in, each dimension learned (with its
//! evidence and the configured value beside it) and the findings go out.

use serde::{Deserialize, Serialize};

use crate::core::findings::Finding;
use crate::core::limiter::{
    mask_secret, md5_hex, AbuseKeys, Atomicity, CountRule, CounterScope, Counts, LimiterShape, RetryAfter, Window,
};
use crate::core::Named;

/// One key of the probe's identity, as Redis held it after a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenKey {
    pub db: u32,
    /// The full stored name, prefixes included.
    pub name: String,
    /// Its value when it reads as a string (`None`: another type, or gone).
    pub value: Option<String>,
    /// Milliseconds to live; -1: no expiry; `None`: gone.
    pub pttl_ms: Option<i64>,
}

/// One request of the probe and what followed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    /// 1-based.
    pub n: u32,
    /// When its keys were read (ms, the probe's clock): a window is told
    /// fixed from refreshed by how the TTL moved against this.
    pub at_ms: u64,
    pub status: u16,
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub retry_after: Option<String>,
    /// The answer's body, cut to a few hundred characters.
    pub body: String,
    /// The probe identity's keys right after this answer.
    pub keys: Vec<SeenKey>,
    /// Sent to another limited path (its own counter), after the refusals
    /// that should have blocked the identity: is the block read?
    #[serde(default)]
    pub other_path: bool,
}

/// One dimension learned, beside what the config says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learned {
    pub dimension: String,
    /// What the probe saw it is (`unknown` when it could not tell).
    pub value: String,
    /// What the configured shape says.
    pub configured: String,
    pub evidence: String,
    /// The limit table's row the dimension belongs to (the limit's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
}

impl Learned {
    pub fn differs(&self) -> bool {
        self.value != "unknown" && self.value != self.configured
    }
}

/// A `[limiter]` value for the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue {
    Text(String),
    Int(u32),
    Bool(bool),
    /// A row of the limit table (`[limiter.limits]`): its name and limit.
    Limit {
        row: String,
        limit: u64,
    },
}

impl std::fmt::Display for ConfigValue {
    /// As TOML writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigValue::Text(t) => write!(f, "{t:?}"),
            ConfigValue::Int(n) => write!(f, "{n}"),
            ConfigValue::Bool(b) => write!(f, "{b}"),
            ConfigValue::Limit { row, limit } => write!(f, "{{ {row:?} = {limit} }}"),
        }
    }
}

/// The `[limiter]` keys and values that make the configured shape say what
/// the probe saw, for each dimension where they differ (unknown ones are
/// never written; "runs per request" is the route's stack, not a key).
pub fn config_values(learned: &[Learned]) -> Vec<(&'static str, ConfigValue)> {
    let mut out = Vec::new();
    for l in learned.iter().filter(|l| l.differs()) {
        let text = || ConfigValue::Text(l.value.clone());
        match l.dimension.as_str() {
            "identity" if l.value != "bare" => out.push(("api_key_label", text())),
            "database" => {
                if let Ok(db) = l.value.parse() {
                    out.push(("database", ConfigValue::Int(db)));
                }
            }
            // One prefix seen: all of it as the client's, none as the cache's
            // (the same stored names).
            "prefixes" => {
                let prefix = if l.value == "(none)" { String::new() } else { l.value.clone() };
                out.push(("client_prefix", ConfigValue::Text(prefix)));
                out.push(("cache_prefix", ConfigValue::Text(String::new())));
            }
            "counter" => out.push(("counter", text())),
            "window" => out.push(("window", text())),
            "counts" => out.push(("counts", text())),
            "decision" => out.push(("decision", text())),
            "retry-after" if l.value != "absent" => out.push(("retry_after", text())),
            "body" => out.push(("body", text())),
            "abuse keys" => out.push(("abuse_keys", text())),
            "block" => out.push(("block_enforced", ConfigValue::Bool(l.value == "enforced"))),
            "atomicity" => out.push(("atomicity", text())),
            "limit" => {
                if let (Some(row), Ok(limit)) = (&l.row, l.value.parse()) {
                    out.push(("limits", ConfigValue::Limit { row: row.clone(), limit }));
                }
            }
            _ => {}
        }
    }
    out
}

/// The identity strings a gateway may hash for API key `key`, with the
/// label each implies: the shape's forms (`key:`, `api:`), then the bare key.
pub fn identity_forms(key: &str) -> Vec<(String, String)> {
    ["key", "api"]
        .iter()
        .map(|label| (label.to_string(), format!("{label}:{key}")))
        .chain(std::iter::once((String::new(), key.to_string())))
        .collect()
}

/// What the probe's samples show, for the route `path` (`api/v2/…`).
pub struct Analysis {
    pub learned: Vec<Learned>,
    pub findings: Vec<Finding>,
}

/// The counter among `keys`: `…rate_limit:<md5(identity)>:<scope>`, with
/// its identity label, its prefix and its scope.
struct Counter<'a> {
    key: &'a SeenKey,
    label: String,
    prefix: String,
    scope: String,
}

fn counter<'a>(keys: &'a [SeenKey], forms: &[(String, String)]) -> Option<Counter<'a>> {
    keys.iter().find_map(|k| {
        forms.iter().find_map(|(label, form)| {
            let needle = format!("rate_limit:{}:", md5_hex(form));
            let at = k.name.find(&needle)?;
            let scope = &k.name[at + needle.len()..];
            // The counter itself, not its `:reset` or `:timer` companions.
            (!scope.contains(':')).then(|| Counter {
                key: k,
                label: label.clone(),
                prefix: k.name[..at].to_string(),
                scope: scope.to_string(),
            })
        })
    })
}

fn count(key: Option<&SeenKey>) -> Option<i64> {
    key?.value.as_deref()?.trim().parse().ok()
}

/// Where the configured shape puts the counters: its database (or the
/// `[redis]` URL's) and its full prefix (with `[redis] prefix` where the
/// shape names no client prefix).
pub struct Configured<'a> {
    pub shape: &'a LimiterShape,
    pub db: u32,
    pub redis_prefix: &'a str,
}

/// Each dimension the samples show, and the findings they hold.
pub fn analyse(key: &str, path: &str, samples: &[Sample], configured: &Configured) -> Analysis {
    let shape = configured.shape;
    let forms = identity_forms(key);
    let mut learned = Vec::new();
    let mut findings = Vec::new();
    let first = samples.iter().find(|s| s.status < 500);
    let found = first.and_then(|s| counter(&s.keys, &forms));
    let masked = |text: &str| text.replace(key, &mask_secret(key));
    let mut push = |dimension: &str, value: String, configured: String, evidence: String| {
        learned.push(Learned { dimension: dimension.into(), value, configured, evidence: masked(&evidence), row: None })
    };
    let unknown = || "unknown".to_string();
    let configured_prefix = shape.stored_name(configured.redis_prefix, "");

    // Identity, database, prefix, scope: from the counter's name.
    match &found {
        Some(c) => {
            push(
                "identity",
                if c.label.is_empty() { "bare".into() } else { c.label.clone() },
                shape.identity.api_key_label.clone(),
                format!("the counter is named by md5(\"{}\")", forms.iter().find(|(l, _)| *l == c.label).unwrap().1),
            );
            let db = configured.db.to_string();
            push("database", c.key.db.to_string(), db, format!("{} is in database {}", c.key.name, c.key.db));
            let shown = |p: &str| if p.is_empty() { "(none)".to_string() } else { p.to_string() };
            push(
                "prefixes",
                shown(&c.prefix),
                shown(&configured_prefix),
                format!("{} before rate_limit:", shown(&c.prefix)),
            );
            let scope = match c.scope == md5_hex(path) {
                true => CounterScope::Path,
                false => CounterScope::Bucket,
            };
            let why = match scope {
                CounterScope::Path => format!("the counter ends in md5(\"{path}\")"),
                CounterScope::Bucket => format!("the counter ends in the bucket name \"{}\"", c.scope),
            };
            push("counter", scope.name().into(), shape.counter.name().into(), why);
        }
        None => {
            let seen: Vec<String> = first.map(|s| s.keys.iter().map(|k| k.name.clone()).collect()).unwrap_or_default();
            let evidence = match (first, seen.is_empty()) {
                (None, _) => "no answer below 500: the limiter never counted".to_string(),
                (Some(_), true) => "no key of the probe's identity in any database after its first request".into(),
                (Some(_), false) => format!("keys of the probe's identity, none a counter: {}", seen.join(", ")),
            };
            push("identity", unknown(), shape.identity.api_key_label.clone(), evidence);
        }
    }

    // What one request adds (the limiter's runs per request), and the window.
    let counter_name = found.as_ref().map(|c| c.key.name.clone());
    fn key_in<'s>(s: &'s Sample, name: Option<&String>) -> Option<&'s SeenKey> {
        s.keys.iter().find(|k| Some(&k.name) == name)
    }
    let at = |s| key_in(s, counter_name.as_ref());
    // The window, where two reads told it: the Retry-After form is read with it.
    let mut window_seen: Option<Window> = None;
    let mut allowed: Vec<&Sample> = samples.iter().filter(|s| s.status < 400).collect();
    // One allowed (a limit of 1): a refusal's read tells a counter that
    // never expires as well (its TTL is none either way), nothing else.
    if allowed.len() == 1 {
        let never = |s: &&Sample| key_in(s, counter_name.as_ref()).and_then(|k| k.pttl_ms) == Some(-1);
        if let Some(refused) = samples.iter().filter(|s| s.status == 429).find(never).filter(|_| never(&allowed[0])) {
            allowed.push(refused);
        }
    }
    if let (Some(a), Some(b)) = (allowed.first(), allowed.get(1)) {
        if let (Some(x), Some(y), true) = (count(at(a)), count(at(b)), b.status < 400) {
            let step = y - x;
            push(
                "runs per request",
                step.to_string(),
                "1".into(),
                format!("the counter went {x} → {y} from request {} to {}", a.n, b.n),
            );
        }
        let (ta, tb) = (at(a).and_then(|k| k.pttl_ms), at(b).and_then(|k| k.pttl_ms));
        // Between the two reads the clock moved `elapsed`: a fixed window's
        // TTL fell by about that much, a refreshed one's went back up.
        let elapsed = b.at_ms.saturating_sub(a.at_ms) as i64;
        window_seen = match (ta, tb) {
            (Some(-1), Some(-1)) => Some(Window::Never),
            (Some(x), Some(y)) if x > 0 && y > 0 && elapsed >= MIN_WINDOW_GAP_MS => {
                if y >= x - elapsed / 4 {
                    Some(Window::Refreshed)
                } else if y <= x - elapsed / 2 {
                    Some(Window::Fixed)
                } else {
                    None
                }
            }
            _ => None,
        };
        let window = window_seen;
        let shown = |t: Option<i64>| t.map_or("gone".into(), |t| if t < 0 { "none".into() } else { format!("{t} ms") });
        push(
            "window",
            window.map_or_else(unknown, |w| w.name().into()),
            shape.window.name().into(),
            format!("the counter's TTL after request {}: {}, after {}: {}", a.n, shown(ta), b.n, shown(tb)),
        );
        if window == Some(Window::Never) {
            findings.push(Finding {
                kind: "counter-never-expires".into(),
                seen: masked(&format!("{} has no TTL after {} requests", counter_name.clone().unwrap_or_default(), b.n)),
                effect: "a client that reaches the limit on a path is refused there for good".into(),
                fix: "expire the counter where it lives (the cache store's connection and database), not on the default connection".into(),
                harmful: true,
                routes: vec![],
            });
        }
    }

    // The first refusal: what counts, the answer's form.
    if let Some(r) = samples.iter().position(|s| s.status == 429) {
        let refused = &samples[r];
        let later: Vec<&Sample> = samples[r + 1..].iter().filter(|s| s.status == 429).collect();
        if let (Some(x), Some(last)) = (count(at(refused)), later.last()) {
            if let Some(y) = count(at(last)) {
                let counts = if y > x { Counts::Every } else { Counts::AllowedOnly };
                push(
                    "counts",
                    counts.name().into(),
                    shape.counts.name().into(),
                    format!("the counter went {x} → {y} over {} more refusals", later.len()),
                );
                // A limiter that leaves refusals uncounted read the count
                // before it raised it: it cannot be increment-then-at-most.
                if counts == Counts::AllowedOnly {
                    push(
                        "decision",
                        CountRule::ReadThenBelow.name().into(),
                        shape.decision.name().into(),
                        format!("refusals left the counter at {x}: the count is read, then raised only when allowed"),
                    );
                }
            }
        }
        let retry = refused.retry_after.clone();
        let form = retry.as_deref().map(retry_after_form);
        // In the config's words: whole seconds are the counter's TTL or
        // Carbon 2's difference (the two differ only in what they measure),
        // and from a counter that never expires they can only be Carbon 2's
        // (a TTL of -1 is no Retry-After); a signed or fractional value is
        // Carbon 3's.
        let configured_form = shape.answer.retry_after;
        let never = window_seen.unwrap_or(shape.window) == Window::Never;
        let value = match form {
            None => "absent".to_string(),
            Some(RetryForm::Seconds) if never => RetryAfter::ResetKeyCarbon2.name().into(),
            Some(RetryForm::Seconds) if configured_form != RetryAfter::ResetKeyCarbon3 => configured_form.name().into(),
            Some(RetryForm::Seconds) => "ttl".into(),
            Some(RetryForm::Negative | RetryForm::Fractional) => RetryAfter::ResetKeyCarbon3.name().into(),
            Some(RetryForm::Other) => unknown(),
        };
        push(
            "retry-after",
            value,
            configured_form.name().into(),
            format!(
                "request {} was refused with Retry-After {} ({})",
                refused.n,
                retry.as_deref().unwrap_or("(none)"),
                form.map_or("absent".into(), |f| f.to_string())
            ),
        );
        if let (Some(raw), Some(f)) = (retry.as_deref(), form) {
            if !matches!(f, RetryForm::Seconds) {
                findings.push(Finding {
                    kind: "retry-after-form".into(),
                    seen: format!("Retry-After: {raw} on request {}", refused.n),
                    effect: format!("clients that honour Retry-After read {f}, not a number of seconds to wait"),
                    fix: "send a non-negative whole number of seconds (the reset time minus now, rounded up)".into(),
                    harmful: false,
                    routes: vec![],
                });
            }
        }
        let body = if refused.body.contains("\"status_code\"") { "envelope" } else { "short" };
        push("body", body.into(), shape.answer.body.name().into(), format!("the 429's body: {}", refused.body));
    }

    // Abuse and block keys: hashed, or the identity in clear in their names.
    let all: Vec<&SeenKey> = samples.iter().flat_map(|s| &s.keys).collect();
    let abuse = all.iter().find(|k| k.name.contains("abuse:") || k.name.contains("blocked:"));
    if let Some(k) = abuse {
        let raw = k.name.contains(key);
        let keys = if raw { AbuseKeys::Raw } else { AbuseKeys::Hashed };
        push("abuse keys", keys.name().into(), shape.abuse.keys.name().into(), format!("{} was written", k.name));
        if raw {
            findings.push(Finding {
                kind: "secret-in-key-names".into(),
                seen: masked(&format!("{} holds the probe's API key in clear", k.name)),
                effect: "every client's API key is readable by anyone who can list Redis keys (SCAN, a monitoring tool, a dump)".into(),
                fix: "name the keys by md5 of the identity, as the counters are".into(),
                harmful: true,
                routes: vec![],
            });
        }
    }
    // The block: written after enough refusals; read, if a request on
    // another limited path is refused.
    let blocked = samples.iter().find_map(|s| {
        s.keys.iter().find(|k| k.name.contains("blocked") && k.pttl_ms.is_some()).map(|k| (s.n, k.name.clone()))
    });
    let other = samples.iter().find(|s| s.other_path);
    let configured_block = if shape.abuse.enforced { "enforced" } else { "not enforced" };
    match (&blocked, other) {
        (Some((n, name)), Some(o)) => {
            let enforced = o.status >= 400 && o.status < 500;
            push(
                "block",
                if enforced { "enforced" } else { "not enforced" }.into(),
                configured_block.into(),
                format!(
                    "{name} was written by request {n}; request {} on another limited path answered {}",
                    o.n, o.status
                ),
            );
            if !enforced {
                findings.push(Finding {
                    kind: "block-not-enforced".into(),
                    seen: masked(&format!(
                        "{name} was written after request {n}, and request {} on another limited path answered {}",
                        o.n, o.status
                    )),
                    effect: "a client blocked for abuse goes on being served: the block is written and never read"
                        .into(),
                    fix: "read the block before counting, and refuse while it stands".into(),
                    harmful: true,
                    routes: vec![],
                });
            }
        }
        (None, Some(o)) => push(
            "block",
            unknown(),
            configured_block.into(),
            format!(
                "no block key appeared over the refusals; request {} on another limited path answered {}",
                o.n, o.status
            ),
        ),
        (_, None) => {}
    }
    Analysis { learned, findings }
}

/// A concurrent burst sent at the limit less one, by a second identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Burst {
    pub limit: u64,
    /// Of the `limit - 1` sequential requests before it, those allowed.
    pub allowed_before: u64,
    pub size: u64,
    pub answered: u64,
    /// Burst requests allowed.
    pub passed: u64,
    /// Requests this experiment sent in all.
    pub sent: u64,
}

/// The limit the gateway applies on the probed path, from what it did
/// (the requests it allowed there before its first refusal) and what it
/// said (`X-RateLimit-Limit`); `None` when no refusal was seen. What it did
/// decides: a header can name a limit that two limiters on the route halve.
pub fn learned_limit(samples: &[Sample]) -> Option<u64> {
    let main: Vec<&Sample> = samples.iter().filter(|s| !s.other_path).collect();
    let first = main.iter().position(|s| s.status == 429)?;
    Some(main[..first].iter().filter(|s| s.status < 400).count() as u64)
}

/// The limit as a dimension beside the configured one (`configured`: the
/// row's limit on the probed path, `row` its name). A difference is a
/// finding: every prediction there is wrong from the first request past
/// the smaller.
pub fn limit(analysis: &mut Analysis, samples: &[Sample], configured: u64, row: &str) {
    let main: Vec<&Sample> = samples.iter().filter(|s| !s.other_path).collect();
    let said = main.iter().find_map(|s| s.limit);
    let refused = main.iter().find(|s| s.status == 429).map(|s| s.n);
    let did = learned_limit(samples);
    let header = said.map_or("no X-RateLimit-Limit".to_string(), |l| format!("X-RateLimit-Limit {l}"));
    let evidence = match (refused, did) {
        (Some(n), Some(allowed)) => format!("{allowed} allowed, the first refusal at request {n}; {header}"),
        _ => format!("no refusal seen in {} request(s); {header}", main.len()),
    };
    let value = did.map_or_else(|| "unknown".to_string(), |l| l.to_string());
    analysis.learned.push(Learned {
        dimension: "limit".into(),
        value: value.clone(),
        configured: configured.to_string(),
        evidence: evidence.clone(),
        row: Some(row.to_string()),
    });
    if let Some(actual) = did.filter(|&l| l != configured) {
        analysis.findings.push(Finding {
            kind: "limit-differs".into(),
            seen: format!("the gateway allows {actual} where the config says {configured}: {evidence}"),
            effect: format!(
                "every prediction on this route is wrong from request {}: stress and verify disagree with the gateway",
                actual.min(configured) + 1
            ),
            fix: format!("set the row {row:?} to {actual} ([limiter.limits]; `model probe --write` does)"),
            harmful: false,
            routes: vec![],
        });
    }
}

/// What the burst measured: the number that passed against the one the
/// limit leaves. More is a race seen (read-then-increment); one is no race
/// seen, which proves no atomicity either: never a race not seen, never
/// "atomic" from its absence.
pub fn burst(analysis: &mut Analysis, b: &Burst, shape: &LimiterShape) {
    let room = b.limit.saturating_sub(b.allowed_before);
    let evidence = format!(
        "after {} allowed, {} of {} concurrent requests passed ({} answered) where the limit left room for {room}",
        b.allowed_before, b.passed, b.size, b.answered
    );
    let value = match b.passed > room {
        true => Atomicity::ReadThenIncrement.name().to_string(),
        false => "unknown".to_string(),
    };
    analysis.learned.push(Learned {
        dimension: "atomicity".into(),
        value,
        configured: shape.atomicity.name().into(),
        evidence: match b.passed > room {
            true => evidence,
            false => format!("{evidence}: no over-admission seen (a race may need more concurrency to show)"),
        },
        row: None,
    });
    if b.passed > room {
        analysis.findings.push(Finding {
            kind: "burst-passed".into(),
            seen: format!("{} of {} concurrent requests passed at count {}", b.passed, b.size, b.allowed_before),
            effect: format!(
                "a burst gets {} request(s) past the limit of {}: the count is read, then incremented",
                b.passed - room,
                b.limit
            ),
            fix: "count and decide in one atomic step (INCR first, or a Lua script)".into(),
            harmful: true,
            routes: vec![],
        });
    }
}

/// Two reads of a TTL closer than this cannot tell a fixed window from a refreshed one.
pub const MIN_WINDOW_GAP_MS: i64 = 500;

/// What a `Retry-After` value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryForm {
    /// A non-negative whole number of seconds.
    Seconds,
    Negative,
    Fractional,
    /// Neither a number nor an HTTP date.
    Other,
}

impl std::fmt::Display for RetryForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RetryForm::Seconds => "whole seconds",
            RetryForm::Negative => "a negative number",
            RetryForm::Fractional => "a fraction",
            RetryForm::Other => "not a number",
        })
    }
}

pub fn retry_after_form(raw: &str) -> RetryForm {
    let raw = raw.trim();
    match raw.parse::<f64>() {
        Ok(v) if v < 0.0 => RetryForm::Negative,
        Ok(_) if raw.contains('.') => RetryForm::Fractional,
        Ok(_) => RetryForm::Seconds,
        Err(_) => RetryForm::Other,
    }
}

#[cfg(test)]
#[path = "probe_tests.rs"]
mod tests;
