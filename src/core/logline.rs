//! The gateway's log lines (contract §3, §4, §6) as events: what `watch`
//! computes its metrics from, with no agent on the server.
//! Shape: `[YYYY-MM-DD HH:MM:SS] env.LEVEL: message {context} {extra}`.

use std::borrow::Cow;

/// What one log line says, for the metrics.
#[derive(Debug, Clone, PartialEq)]
pub enum LogEvent {
    /// `API request` with its status and duration.
    ApiRequest {
        status: u16,
        duration_ms: f64,
    },
    RateLimited,
    AbuseBlocked,
    BreakerOpened,
    BreakerHalfOpen,
    BreakerClosed,
    SlowResponse,
    /// Any other line at ERROR or worse.
    Error,
    Other,
}

/// A line's parts: its timestamp, its level and its body (message and context).
pub fn parts(line: &str) -> Option<(&str, &str, &str)> {
    let (ts, rest) = line.strip_prefix('[')?.split_once("] ")?;
    let (head, body) = rest.split_once(": ")?;
    Some((ts, head.rsplit('.').next().unwrap_or(""), body))
}

/// The message `message` with its context JSON object, and the line's timestamp.
pub fn context_of<'a>(line: &'a str, message: &str) -> Option<(&'a str, serde_json::Map<String, serde_json::Value>)> {
    let (ts, _, body) = parts(line)?;
    let json = body.strip_prefix(message)?.strip_prefix(' ')?;
    match serde_json::Deserializer::from_str(json.trim_start()).into_iter().next()?.ok()? {
        serde_json::Value::Object(map) => Some((ts, map)),
        _ => None,
    }
}

/// One line in detail: what the post-activation report reads (contract
/// §3, §4, §6). Strings borrow from the line.
#[derive(Debug, Clone, PartialEq)]
pub enum Record<'a> {
    ApiRequest {
        method: Cow<'a, str>,
        path: Cow<'a, str>,
        status: u16,
        duration_ms: f64,
        identity: Cow<'a, str>,
    },
    RateLimited {
        identity: Cow<'a, str>,
        bucket: Cow<'a, str>,
    },
    AbuseBlocked {
        identity: Cow<'a, str>,
    },
    /// A breaker transition: `state` is open, half_open or closed.
    Breaker {
        service: Cow<'a, str>,
        state: &'static str,
    },
    SlowResponse,
    Error,
    Other,
}

impl Record<'_> {
    /// What the record means for watch's metrics.
    pub fn event(&self) -> LogEvent {
        match *self {
            Record::ApiRequest { status, duration_ms, .. } => LogEvent::ApiRequest { status, duration_ms },
            Record::RateLimited { .. } => LogEvent::RateLimited,
            Record::AbuseBlocked { .. } => LogEvent::AbuseBlocked,
            Record::Breaker { state: "open", .. } => LogEvent::BreakerOpened,
            Record::Breaker { state: "half_open", .. } => LogEvent::BreakerHalfOpen,
            Record::Breaker { .. } => LogEvent::BreakerClosed,
            Record::SlowResponse => LogEvent::SlowResponse,
            Record::Error => LogEvent::Error,
            Record::Other => LogEvent::Other,
        }
    }
}

/// The context fields the report reads; absent ones are empty.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Context<'a> {
    #[serde(borrow)]
    method: Cow<'a, str>,
    #[serde(borrow)]
    path: Cow<'a, str>,
    status: Option<u16>,
    duration_ms: Option<f64>,
    #[serde(borrow)]
    identity: Cow<'a, str>,
    #[serde(borrow)]
    bucket: Cow<'a, str>,
    #[serde(borrow)]
    service: Cow<'a, str>,
}

/// The context object after `message` (escaped strings are unescaped).
fn context<'a>(body: &'a str, message: &str) -> Option<Context<'a>> {
    let json = body.strip_prefix(message)?.trim_start();
    serde_json::Deserializer::from_str(json).into_iter::<Context>().next()?.ok()
}

/// Parses one line: its timestamp text and what it says; `None` for a line
/// that is not a log line's head (a stack trace's continuation).
pub fn record(line: &str) -> Option<(&str, Record<'_>)> {
    let (ts, level, body) = parts(line)?;
    if !ts.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let record = if body.starts_with("API request ") {
        context(body, "API request").and_then(|c| {
            Some(Record::ApiRequest {
                method: c.method,
                path: c.path,
                status: c.status?,
                duration_ms: c.duration_ms.unwrap_or(0.0),
                identity: c.identity,
            })
        })
    } else if body.starts_with("Rate limit exceeded") {
        let c = context(body, "Rate limit exceeded").unwrap_or_default();
        Some(Record::RateLimited { identity: c.identity, bucket: c.bucket })
    } else if body.starts_with("Abusive client blocked") {
        Some(Record::AbuseBlocked { identity: context(body, "Abusive client blocked").unwrap_or_default().identity })
    } else if let Some(rest) = body.strip_prefix("Circuit breaker ") {
        let state = ["opened", "half-open", "closed"].into_iter().find(|s| rest.starts_with(s));
        state.map(|s| {
            let service = context(rest, s).unwrap_or_default().service;
            let state = match s {
                "opened" => "open",
                "half-open" => "half_open",
                _ => "closed",
            };
            Record::Breaker { service, state }
        })
    } else if body.starts_with("Slow API response") {
        Some(Record::SlowResponse)
    } else {
        None
    };
    let record = match record {
        Some(r) => r,
        None if matches!(level, "ERROR" | "CRITICAL" | "ALERT" | "EMERGENCY") => Record::Error,
        None => Record::Other,
    };
    Some((ts, record))
}

/// Parses one line; anything unrecognised is `Other`.
pub fn parse(line: &str) -> LogEvent {
    record(line).map(|(_, r)| r.event()).unwrap_or(LogEvent::Other)
}

/// A log timestamp (`YYYY-MM-DD HH:MM:SS`, read as UTC) in unix
/// milliseconds; `None` when it is not one.
pub fn timestamp_ms(ts: &str) -> Option<u64> {
    let b = ts.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, min, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + min * 60 + s;
    u64::try_from(secs).ok().map(|s| s * 1000)
}

/// An exception as Laravel logs it at ERROR or worse: `[ts] env.ERROR:
/// message {"exception":"[object] (Class(code: N): message at /file:line)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedException {
    pub class: String,
    pub message: String,
    pub file: String,
    pub line: u64,
}

/// The exception on a log line (its first line: the trace follows on others).
pub fn exception(line: &str) -> Option<LoggedException> {
    let (_, level, body) = parts(line)?;
    if !matches!(level, "ERROR" | "CRITICAL" | "ALERT" | "EMERGENCY") {
        return None;
    }
    let rest = &body[body.find("{\"exception\":\"[object] (")? + "{\"exception\":\"[object] (".len()..];
    let (class, rest) = rest.split_once("(code: ")?;
    let (_, rest) = rest.split_once("): ")?;
    let rest = rest.trim_end().strip_suffix(')').unwrap_or(rest.trim_end());
    let (message, at) = rest.rsplit_once(" at ")?;
    let (file, number) = at.rsplit_once(':')?;
    Some(LoggedException {
        class: class.replace("\\\\", "\\"),
        message: message.to_string(),
        file: file.replace("\\/", "/"),
        line: number.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_contract_lines() {
        let cases = [
            ("[2026-11-25 12:00:00] lab.INFO: API request {\"method\":\"POST\",\"path\":\"/api/v2/bookings\",\"status\":503,\"duration_ms\":12.5,\"identity\":\"x\"} ", LogEvent::ApiRequest { status: 503, duration_ms: 12.5 }),
            ("[2026-11-25 12:00:00] production.WARNING: Rate limit exceeded {\"identity\":\"x\"} ", LogEvent::RateLimited),
            ("[2026-11-25 12:00:00] lab.WARNING: Circuit breaker opened {\"service\":\"calcom_api\"} ", LogEvent::BreakerOpened),
            ("[2026-11-25 12:00:00] lab.INFO: Circuit breaker closed {\"service\":\"calcom_api\"} ", LogEvent::BreakerClosed),
            ("[2026-11-25 12:00:00] lab.ERROR: boom", LogEvent::Error),
            ("[2026-11-25 12:00:00] lab.INFO: Cal.com webhook received {}", LogEvent::Other),
            ("#0 /var/www/stack/trace.php(12)", LogEvent::Other),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line), want, "{line}");
        }
    }

    #[test]
    fn records_carry_what_the_report_needs() {
        let line = "[2026-11-25 12:00:01] production.INFO: API request {\"method\":\"POST\",\"path\":\"/api/v2/bookings\",\"status\":201,\"duration_ms\":41.25,\"identity\":\"ab12\"} []";
        let (ts, r) = record(line).unwrap();
        assert_eq!(ts, "2026-11-25 12:00:01");
        assert_eq!(
            r,
            Record::ApiRequest {
                method: "POST".into(),
                path: "/api/v2/bookings".into(),
                status: 201,
                duration_ms: 41.25,
                identity: "ab12".into()
            }
        );
        let escaped = r#"[2026-11-25 12:00:01] production.INFO: API request {"method":"GET","path":"/api/x\"y","status":404,"duration_ms":1,"identity":"i"} []"#;
        assert!(matches!(record(escaped), Some((_, Record::ApiRequest { path, .. })) if path == "/api/x\"y"));
        let limited = r#"[2026-11-25 12:00:02] production.WARNING: Rate limit exceeded {"identity":"ab12","bucket":"bookings","limit":30,"count":31} []"#;
        assert_eq!(
            record(limited).unwrap().1,
            Record::RateLimited { identity: "ab12".into(), bucket: "bookings".into() }
        );
        let half = r#"[2026-11-25 12:00:03] production.INFO: Circuit breaker half-open {"service":"calcom_api"} []"#;
        assert_eq!(record(half).unwrap().1, Record::Breaker { service: "calcom_api".into(), state: "half_open" });
        assert_eq!(record("#0 /var/www/app.php(12): x"), None);
        assert_eq!(record("[stacktrace] whatever: here"), None);
    }

    #[test]
    fn timestamps_are_unix_milliseconds() {
        assert_eq!(timestamp_ms("1970-01-01 00:00:00"), Some(0));
        assert_eq!(timestamp_ms("2026-11-26 16:29:18"), Some(1_795_710_558_000));
        assert_eq!(timestamp_ms("2024-02-29 23:59:59.123456"), Some(1_709_251_199_000));
        assert_eq!(timestamp_ms("2026-13-01 00:00:00"), None);
        assert_eq!(timestamp_ms("yesterday"), None);
    }

    #[test]
    fn an_exception_is_read_from_its_first_line() {
        let line = "[2026-12-06 05:47:44] lab.ERROR: Undefined array key 1 {\"exception\":\"[object] (ErrorException(code: 0): Undefined array key 1 at /srv/app/app/Http/Middleware/RateLimitMiddleware.php:77)";
        let e = exception(line).unwrap();
        assert_eq!(
            (e.class.as_str(), e.message.as_str(), e.file.as_str(), e.line),
            ("ErrorException", "Undefined array key 1", "/srv/app/app/Http/Middleware/RateLimitMiddleware.php", 77)
        );
        let nested = "[t] production.CRITICAL: x {\"exception\":\"[object] (Illuminate\\\\Contracts\\\\Container\\\\BindingResolutionException(code: 0): Target class [api.rate-limit] does not exist. at /a/b.php:879)";
        let e = exception(nested).unwrap();
        assert_eq!(e.class, "Illuminate\\Contracts\\Container\\BindingResolutionException");
        assert_eq!(e.message, "Target class [api.rate-limit] does not exist.");
        assert_eq!(exception("[t] lab.INFO: fine {\"exception\":\"[object] (E(code: 0): m at /f:1)"), None);
        assert_eq!(exception("[t] lab.ERROR: no context"), None);
    }
}
