//! Whose keys a key pattern names: the limiter's (`rate_limit:`, `abuse:`,
//! `blocked:`), the breakers' (`circuit_breaker:`), or anybody's, read
//! where `[redis]` says.

use serde::{Deserialize, Serialize};

const LIMITER_KEYS: [&str; 3] = ["rate_limit:", "abuse:", "blocked:"];
const BREAKER_KEYS: [&str; 1] = ["circuit_breaker:"];

/// Whose keys a pattern names, and so where they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// The limiter's: the shape's database and prefixes.
    Limiter,
    /// The breakers': the breaker store's location.
    Breaker,
    /// `[redis]`'s database and prefix, as given.
    Redis,
}

impl Place {
    /// By the pattern's literal head (what precedes its first glob
    /// character): `rate_limit:*` and `rate*` are the limiter's, `*` is
    /// nobody's in particular. `raw`: `[redis]` as given, whatever it names.
    pub fn of(pattern: &str, raw: bool) -> Place {
        let head = &pattern[..pattern.find(['*', '?', '[', '\\']).unwrap_or(pattern.len())];
        let names =
            |families: &[&str]| !head.is_empty() && families.iter().any(|f| f.starts_with(head) || head.starts_with(f));
        match () {
            _ if raw => Place::Redis,
            _ if names(&LIMITER_KEYS) => Place::Limiter,
            _ if names(&BREAKER_KEYS) => Place::Breaker,
            _ => Place::Redis,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Place::Limiter => "the limiter's keys, where its shape keeps them",
            Place::Breaker => "the breakers' keys, where the breaker store keeps them",
            Place::Redis => "[redis] as configured",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_read_where_its_owner_keeps_it() {
        for (pattern, place) in [
            ("rate_limit:*", Place::Limiter),
            ("abuse:*", Place::Limiter),
            ("blocked:*", Place::Limiter),
            ("rate*", Place::Limiter),
            ("rate_limit:abc:bookings", Place::Limiter),
            ("circuit_breaker:calcom_api:*", Place::Breaker),
            ("*", Place::Redis),
            ("*rate_limit*", Place::Redis),
            ("tenant:1:*", Place::Redis),
        ] {
            assert_eq!(Place::of(pattern, false), place, "{pattern}");
        }
        assert_eq!(Place::of("rate_limit:*", true), Place::Redis);
    }
}
