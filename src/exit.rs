//! The documented exit codes, and which error means which.

use crate::adapters::http::HttpError;
use crate::adapters::redis::RedisError;
use crate::adapters::state::StateError;
use crate::core::runbook::RunbookError;
use crate::lab::packages::PackageError;
use crate::lab::LabError;
use crate::ops::error::{Contradicted, Refused};
use crate::settings::ConfigError;

/// Everything passed, or the command did what it was asked.
pub const OK: u8 = 0;
/// A check failed, the model disagrees with the gateway, or the verdict is NO-GO.
pub const CHECK_FAILED: u8 = 1;
/// Bad usage or a bad config file: nothing was done.
pub const USAGE: u8 = 2;
/// A dependency (Redis, the gateway, php-fpm) could not be reached.
pub const UNREACHABLE: u8 = 3;
/// The command could not complete for another reason (see the message).
pub const FAILED: u8 = 4;
/// Another operator holds the activation lock.
pub const LOCKED: u8 = 5;
/// The operator answered "no" to a confirmation: nothing was changed.
pub const DECLINED: u8 = 6;
/// Interrupted by Ctrl-C.
pub const INTERRUPTED: u8 = 130;

/// The exit code of a judged report (preflight, verify): GO is 0; NO-GO
/// is 3 when Redis could not be reached (the code every command gives a
/// Redis outage), else 1.
pub fn for_checks(go: bool, checks: &[crate::core::checks::Check]) -> u8 {
    let redis_down = checks.iter().any(|c| {
        c.verdict == crate::core::checks::CheckVerdict::Fail && c.hint.as_deref() == Some(crate::ops::REDIS_DOWN_HINT)
    });
    match (go, redis_down) {
        (true, _) => OK,
        (false, true) => UNREACHABLE,
        (false, false) => CHECK_FAILED,
    }
}

/// A usage error found after parsing (a flag combination clap cannot see).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The operator declined a confirmation (exit 6): nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Declined(pub String);

/// A check that failed before anything was done (exit 1), e.g. an
/// expectation the model contradicts.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckFailed(pub String);

/// The exit code an error stands for, from the first cause that says.
pub fn code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if matches!(cause.downcast_ref::<StateError>(), Some(StateError::Held { .. })) {
            return LOCKED;
        }
        if cause.is::<CheckFailed>() || cause.is::<Contradicted>() {
            return CHECK_FAILED;
        }
        if cause.is::<Declined>() {
            return DECLINED;
        }
        if cause.is::<ConfigError>() || cause.is::<UsageError>() || cause.is::<Refused>() || cause.is::<RunbookError>()
        {
            return USAGE;
        }
        match cause.downcast_ref::<LabError>() {
            Some(
                LabError::AlreadyRunning { .. }
                | LabError::PortInUse { .. }
                | LabError::PortBase(_)
                | LabError::NoLab { .. },
            ) => return USAGE,
            Some(
                LabError::Packages(PackageError::Missing { .. } | PackageError::NotRoot { .. })
                | LabError::NotInstalled { .. },
            ) => return UNREACHABLE,
            _ => {}
        }
        if matches!(cause.downcast_ref::<HttpError>(), Some(HttpError::OffHost { .. })) {
            return USAGE;
        }
        let unreachable = match (cause.downcast_ref::<RedisError>(), cause.downcast_ref::<HttpError>()) {
            (Some(redis), _) => Some(redis.is_unreachable()),
            (_, Some(http)) => Some(http.is_unreachable()),
            _ => None,
        };
        if let Some(unreachable) = unreachable {
            return if unreachable { UNREACHABLE } else { FAILED };
        }
    }
    FAILED
}

/// Was this error only a closed stdout (`gatewayctl … | head`)?
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
