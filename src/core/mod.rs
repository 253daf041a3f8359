//! The gateway model: rate limiter, circuit breaker, log sanitizer and metric
//! thresholds exactly as GATEWAY-CONTRACT.md specifies them.
//!
//! Pure and synchronous. Nothing here does I/O, reads a clock or knows about
//! tokio, Redis, HTTP or the terminal: time is always an argument.

pub mod accesslog;
pub mod breaker;
pub mod cachevalue;
pub mod cardcheck;
pub mod checks;
pub mod diff;
pub mod duration;
pub mod integration;
pub mod inventory;
pub mod journal;
pub mod keyspace;
pub mod limiter;
pub mod logline;
pub mod logscan;
pub mod pattern;
pub mod php;
pub mod planreview;
pub mod replay;
pub mod review;
pub mod rng;
pub mod rollback;
pub mod route;
pub mod runbook;
pub mod sanitizer;
pub mod scan;
pub mod textmask;
pub mod thresholds;
pub mod validation_impact;
pub mod watch;
