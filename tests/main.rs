//! The one integration test binary: the real gatewayctl binary against real
//! processes (a redis-server per test; a whole lab gateway per lab test, each
//! on its own loopback ports).

mod activation;
mod breaker_cmds;
mod cli;
mod cluster;
mod completions;
mod config;
mod conformance_breaker;
mod conformance_limiter;
mod conformance_sanitizer;
mod docs;
mod evidence;
mod faults;
mod fleet;
mod harness;
mod house;
mod integrate;
mod lab;
mod lab_askproai;
mod lab_cli;
mod lab_laravel;
mod logs;
mod plan;
mod predict;
mod probe;
mod redis;
mod reference;
mod report;
mod rollback;
mod sealed;
mod sentinel;
mod simulate;
mod snapshots;
mod status;
mod stress;
mod transactions;
mod watch;
mod width;
