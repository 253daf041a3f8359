//! What the reviewer knows of the gateway: the model, the app's own files,
//! the framework's.

use std::ops::Range;

use crate::core::breaker::BreakerConfig;
use crate::core::findings::Finding;
use crate::core::limiter::LimiterShape;

/// What the review knows about the gateway.
pub struct Knowledge<'a> {
    pub limiter: &'a LimiterShape,
    pub breakers: &'a std::collections::BTreeMap<String, BreakerConfig>,
    pub redis_prefix: &'a str,
    /// The Redis database the gateway uses (from redis.url).
    pub redis_db: u32,
    /// The php-fpm unit this host has (from the config).
    pub fpm_unit: &'a str,
    pub app_lines: &'a AppLines<'a>,
    /// A file of the Laravel framework the app runs, by its path under
    /// `Illuminate/` (`Foundation/Console/ConfigClearCommand.php`).
    pub framework: &'a Framework<'a>,
    /// The gateway's own bugs, read from the app (empty without one).
    pub app_findings: &'a [Finding],
}

pub type Framework<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// Lines `range` (1-based) of a file the plan names, read from the app:
/// `None` when the app does not have the file.
pub type AppLines<'a> = dyn Fn(&str, Range<usize>) -> Option<Vec<String>> + 'a;
