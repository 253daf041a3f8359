//! The arguments of `gatewayctl simulate`.

use std::time::Duration;

use clap::{Args, Subcommand};

use crate::core::breaker::Outcome;
use crate::core::duration;
use crate::core::limiter::Identity;
use crate::core::route::Route;

#[derive(Debug, Subcommand)]
pub enum SimulateCommand {
    /// Requests through the rate limiter: which pass, which get 429, and Retry-After
    RateLimit(RateLimitArgs),
    /// Upstream answers through a circuit breaker: its states and the gateway's answers
    Breaker(BreakerArgs),
}

#[derive(Debug, Args)]
pub struct RateLimitArgs {
    /// The request, as METHOD /path
    #[arg(long, default_value = "POST /api/v2/bookings")]
    pub route: Route,
    /// How many requests
    #[arg(long, default_value_t = 35, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub requests: u32,
    /// Time between requests (e.g. 500ms, 2s)
    #[arg(long, default_value = "500ms", value_parser = super::parse_duration)]
    pub interval: Duration,
    /// Who sends them: ip:ADDRESS or key:API_KEY (the key is never printed)
    #[arg(long, default_value = "ip:127.0.0.1", value_parser = parse_identity)]
    pub identity: Identity,
    /// The bucket's counter before the first request (as read from Redis)
    #[arg(long, default_value_t = 0)]
    pub start_count: i64,
    /// That counter's remaining TTL in seconds [default: a fresh window]
    #[arg(long, requires = "start_count")]
    pub start_ttl: Option<u64>,
}

#[derive(Debug, Args)]
pub struct BreakerArgs {
    /// The breaker, as named in the config's [breakers] tables
    #[arg(long, default_value = "calcom_api")]
    pub service: String,
    /// Comma-separated: ok, fail (what the upstream answers) and wait:DURATION (wait:30 is seconds)
    #[arg(long, value_delimiter = ',', required = true, value_parser = parse_event)]
    pub events: Vec<Event>,
}

pub fn parse_identity(s: &str) -> Result<Identity, String> {
    Identity::parse(s).ok_or_else(|| "write the identity as ip:ADDRESS or key:API_KEY".to_string())
}

pub fn parse_event(s: &str) -> Result<Event, String> {
    match s.trim() {
        "ok" => Ok(Event::Call(Outcome::Success)),
        "fail" => Ok(Event::Call(Outcome::Failure)),
        other => {
            let Some(wait) = other.strip_prefix("wait:") else {
                return Err(format!("unknown event {other:?}: use ok, fail or wait:DURATION"));
            };
            // A bare number is seconds here, as in the plan's "after 60 seconds".
            let text = if wait.bytes().all(|b| b.is_ascii_digit()) { format!("{wait}s") } else { wait.to_string() };
            duration::parse(&text).map(Event::Wait).map_err(|e| e.to_string())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Call(Outcome),
    Wait(Duration),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_events() {
        assert_eq!(parse_event("ok"), Ok(Event::Call(Outcome::Success)));
        assert_eq!(parse_event("wait:30"), Ok(Event::Wait(Duration::from_secs(30))));
        assert_eq!(parse_event("wait:500ms"), Ok(Event::Wait(Duration::from_millis(500))));
        assert!(parse_event("boom").is_err());
        assert!(parse_event("wait:x").is_err());
    }
}
