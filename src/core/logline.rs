//! The gateway's log lines (contract §3, §4, §6) as events: what `watch`
//! computes its metrics from, with no agent on the server.
//! Shape: `[YYYY-MM-DD HH:MM:SS] env.LEVEL: message {context} {extra}`.

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

/// Parses one line; anything unrecognised is `Other`.
pub fn parse(line: &str) -> LogEvent {
    let Some((_, level, body)) = parts(line) else { return LogEvent::Other };
    let event = if body.starts_with("API request ") {
        api_request(body)
    } else if body.starts_with("Rate limit exceeded") {
        Some(LogEvent::RateLimited)
    } else if body.starts_with("Abusive client blocked") {
        Some(LogEvent::AbuseBlocked)
    } else if body.starts_with("Circuit breaker opened") {
        Some(LogEvent::BreakerOpened)
    } else if body.starts_with("Circuit breaker half-open") {
        Some(LogEvent::BreakerHalfOpen)
    } else if body.starts_with("Circuit breaker closed") {
        Some(LogEvent::BreakerClosed)
    } else if body.starts_with("Slow API response") {
        Some(LogEvent::SlowResponse)
    } else {
        None
    };
    match event {
        Some(e) => e,
        None if matches!(level, "ERROR" | "CRITICAL" | "ALERT" | "EMERGENCY") => LogEvent::Error,
        None => LogEvent::Other,
    }
}

fn api_request(body: &str) -> Option<LogEvent> {
    let json = body.strip_prefix("API request ")?;
    let context: serde_json::Value = serde_json::Deserializer::from_str(json.trim()).into_iter().next()?.ok()?;
    Some(LogEvent::ApiRequest {
        status: context["status"].as_u64()? as u16,
        duration_ms: context["duration_ms"].as_f64().unwrap_or(0.0),
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
}
