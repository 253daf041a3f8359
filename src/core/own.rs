//! gatewayctl's own identities. Every API key its requests carry (a
//! check's, a probe's, a stress run's) has one form, `gatewayctl-<purpose>`
//! with this run's own suffix, so what they cause is told apart from what
//! users cause: in Redis, and in the gateway's log, where the app names the
//! identity it refused or blocked.

/// How every API key gatewayctl makes begins.
pub const PREFIX: &str = "gatewayctl-";

/// The caller's name gatewayctl's own booking payloads carry, so the
/// impact preview can leave them out of the traffic it replays.
pub const PROBE_NAME: &str = "Gatewayctl Probe";

/// What one of gatewayctl's identities is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Stress,
    Probe,
    /// Undo's check of the routes it brings back.
    UndoCheck,
    /// A rollback's observation that the feature is off.
    RollbackProbe,
    /// The client a route is predicted for, to pick one to observe.
    Observation,
    /// The client of the middleware dry run.
    DryRun,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::Verify,
        Purpose::Stress,
        Purpose::Probe,
        Purpose::UndoCheck,
        Purpose::RollbackProbe,
        Purpose::Observation,
        Purpose::DryRun,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Stress => "stress",
            Purpose::Probe => "probe",
            Purpose::UndoCheck => "undo-check",
            Purpose::RollbackProbe => "rollback-probe",
            Purpose::Observation => "observation",
            Purpose::DryRun => "dryrun",
        }
    }
}

/// The API key for `purpose`; `unique` (empty for none) makes it this run's.
pub fn api_key(purpose: Purpose, unique: &str) -> String {
    match unique {
        "" => format!("{PREFIX}{}", purpose.word()),
        _ => format!("{PREFIX}{}-{unique}", purpose.word()),
    }
}

/// The purpose of the first of gatewayctl's identities `text` (a log line)
/// names: `gatewayctl-<purpose>` standing as a word of its own, never
/// inside a longer name.
pub fn named_in(text: &str) -> Option<Purpose> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(PREFIX).find_map(|(at, _)| {
        if text[..at].chars().next_back().is_some_and(word) {
            return None;
        }
        let rest = &text[at + PREFIX.len()..];
        // The purpose ends the word, or its suffix's dash follows.
        Purpose::ALL.into_iter().find(|p| {
            rest.strip_prefix(p.word()).is_some_and(|after| {
                let next = after.chars().next();
                next.is_none_or(|c| c == '-' || !word(c))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_made_is_named_back() {
        for p in Purpose::ALL {
            for unique in ["", "4242-1796670796532", "0a1b2c3d"] {
                let line = format!(r#"lab.CRITICAL: Client blocked {{"identifier":"api:{}"}}"#, api_key(p, unique));
                assert_eq!(named_in(&line), Some(p), "{line}");
            }
        }
    }

    #[test]
    fn a_users_key_is_never_taken_for_ours() {
        for line in [
            r#"{"identifier":"api:mygatewayctl-stress-1"}"#,
            r#"{"identifier":"api:gatewayctl-stressed"}"#,
            r#"{"identifier":"api:gatewayctl-"}"#,
            "Undefined array key 1 at /srv/app/app/Http/Middleware/RateLimitMiddleware.php:77",
            "gatewayctl-boot.php:6",
        ] {
            assert_eq!(named_in(line), None, "{line}");
        }
    }
}
