//! The one integration test binary: the real gatewayctl binary against real
//! processes (a redis-server per test, on its own loopback port).

mod cli;
mod completions;
mod config;
mod harness;
mod redis;
mod simulate;
mod snapshots;
