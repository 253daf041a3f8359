//! The outside world: Redis, files, and later HTTP, artisan and php-fpm.
//! Each adapter returns typed errors and prints nothing.

pub mod artisan;
pub mod files;
pub mod http;
pub mod process;
pub mod redis;
pub mod redis_url;
