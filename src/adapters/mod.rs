//! The outside world: Redis, HTTP, artisan, php-fpm, processes, files and
//! gatewayctl's own state.
//! Each adapter returns typed errors and prints nothing.

pub mod artisan;
pub mod disk;
pub mod files;
pub mod fpm;
pub mod http;
pub mod loadgen;
pub mod logfiles;
pub mod logfollow;
pub mod logtail;
pub mod metrics_server;
pub mod process;
pub mod redis;
pub mod redis_url;
pub mod ssh;
pub mod state;
pub mod webhook;
