//! The plan's selective rollbacks as structural edits on PHP tokens: never
//! by line number, never by a regex over raw text. Each editor returns the
//! byte edits it would make, or refuses and says where and why.

mod breaker;
pub mod breaker_probe;
mod edit;
#[cfg(test)]
mod fuzz;
mod ratelimit;
mod sanitizer;
pub mod validation;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::core::limiter::Attachment;

pub use breaker::{comment_out_breaker, unguarded_uses};
pub use edit::{apply, Edit, Refusal};
pub use ratelimit::{remove_middleware, remove_middleware_leaving_unread, Unread};
pub use sanitizer::unwrap_sanitize;

/// The service that holds the circuit breaker, and its file.
pub const BREAKER_SERVICE: &str = "App\\Services\\CalcomService";
pub const BREAKER_SERVICE_FILE: &str = "app/Services/CalcomService.php";

/// A feature the plan can switch off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    InputValidation,
    RateLimit,
    CircuitBreaker,
    LogSanitizer,
}

impl Feature {
    /// Reverse order of activation: the last switched on is the first off.
    /// Input validation is the plan's follow-up fix, wired after the phases.
    pub const ALL: [Feature; 4] =
        [Feature::InputValidation, Feature::RateLimit, Feature::CircuitBreaker, Feature::LogSanitizer];

    pub fn name(self) -> &'static str {
        match self {
            Feature::InputValidation => "input-validation",
            Feature::RateLimit => "rate-limit",
            Feature::CircuitBreaker => "circuit-breaker",
            Feature::LogSanitizer => "log-sanitizer",
        }
    }

    /// The files the rollback edits, relative to the app dir.
    /// A file the feature edits where the app has it (Laravel 11 keeps no
    /// kernel; Laravel ≤ 10's bootstrap has no groups to edit).
    pub fn optional(path: &str) -> bool {
        path == KERNEL_FILE || path == BOOTSTRAP_FILE
    }

    pub fn files(self) -> &'static [&'static str] {
        match self {
            Feature::InputValidation => &[validation::CONTROLLER],
            Feature::RateLimit => &["routes/api.php", KERNEL_FILE, BOOTSTRAP_FILE],
            Feature::CircuitBreaker => &[BREAKER_SERVICE_FILE],
            Feature::LogSanitizer => &[
                "app/Http/Controllers/CalcomWebhookController.php",
                "app/Http/Controllers/RetellWebhookController.php",
                "app/Http/Controllers/RetellFunctionCallHandler.php",
            ],
        }
    }

    /// The edits that switch this feature off in one file.
    /// `limiter`: the names the rate limiter answers to.
    pub fn edit(self, text: &str, limiter: &Attachment) -> Result<Vec<Edit>, Refusal> {
        let mut edits = match self {
            Feature::InputValidation => validation::unwire(text),
            Feature::RateLimit => remove_middleware_leaving_unread(text, limiter).map(|(edits, _)| edits),
            Feature::CircuitBreaker => comment_out_breaker(text),
            Feature::LogSanitizer => unwrap_sanitize(text),
        }?;
        edits.sort_by_key(|e| e.range.start);
        // Whatever an editor found, two edits over the same bytes cannot both
        // be applied: refuse instead of writing a guess.
        if let Some(pair) = edits.windows(2).find(|w| w[0].range.end > w[1].range.start) {
            return Err(Refusal::at(
                pair[1].line,
                format!("overlaps the edit on line {}; edit it by hand", pair[0].line),
            ));
        }
        if let Some(bad) = edits.iter().find(|e| {
            e.range.start > e.range.end
                || e.range.end > text.len()
                || !text.is_char_boundary(e.range.start)
                || !text.is_char_boundary(e.range.end)
        }) {
            return Err(Refusal::at(bad.line, "an edit outside the file's text; edit it by hand"));
        }
        Ok(edits)
    }
}

/// The HTTP kernel of Laravel ≤ 10, where its middleware groups live.
pub const KERNEL_FILE: &str = "app/Http/Kernel.php";
/// Laravel 11's bootstrap, where `withMiddleware` changes the groups.
pub const BOOTSTRAP_FILE: &str = "bootstrap/app.php";

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Feature {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Feature::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| {
            format!("unknown feature {s:?}: input-validation, rate-limit, circuit-breaker or log-sanitizer")
        })
    }
}
