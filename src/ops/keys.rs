//! Where a key pattern's keys live, and a count or a list read there: the
//! limiter's keys (`rate_limit:`, `abuse:`, `blocked:`) in the shape's
//! database under its prefixes, the breakers' (`circuit_breaker:`) where
//! the breaker store keeps them, anything else (or `--raw`) where `[redis]`
//! says. A count of nothing also says where else the pattern's keys are:
//! "0" alone would read as "none" on a gateway that keeps them elsewhere.

use serde::{Deserialize, Serialize};

use crate::adapters::redis::{Redis, RedisError, RedisTarget, ScanProgress};
use crate::settings::Settings;

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

const LIMITER_KEYS: [&str; 3] = ["rate_limit:", "abuse:", "blocked:"];
const BREAKER_KEYS: [&str; 1] = ["circuit_breaker:"];

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

    pub fn target(self, settings: &Settings) -> RedisTarget {
        match self {
            Place::Limiter => crate::ops::limiter_target(settings),
            Place::Breaker => crate::ops::breaker::target(settings),
            Place::Redis => crate::ops::redis_target(settings),
        }
    }
}

/// Keys matching the pattern somewhere other than where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Elsewhere {
    pub database: u32,
    /// Keys matching `*<pattern>` there: under any prefix, or none.
    pub count: u64,
}

/// Where else `pattern` matches, when it matched nothing in `target`: the
/// same database under any prefix, then every other database `INFO
/// keyspace` lists (a cluster has database 0 alone). Each is a SCAN.
pub async fn elsewhere(
    target: &RedisTarget,
    pattern: &str,
    progress: &mut dyn FnMut(ScanProgress),
) -> Result<Vec<Elsewhere>, RedisError> {
    let anywhere = format!("*{pattern}");
    let read = crate::ops::redis_db(&target.url);
    let bare = RedisTarget { prefix: String::new(), ..target.clone() };
    let mut redis = Redis::connect(&bare).await?;
    let mut out = Vec::new();
    let here = redis.count(&anywhere, progress).await?;
    if here > 0 {
        out.push(Elsewhere { database: read, count: here });
    }
    if target.cluster.is_some() {
        return Ok(out);
    }
    for db in redis.keyspace_dbs().await?.into_iter().filter(|&db| db != read) {
        let mut other = Redis::connect(&crate::ops::in_database(bare.clone(), db)).await?;
        let count = other.count(&anywhere, progress).await?;
        if count > 0 {
            out.push(Elsewhere { database: db, count });
        }
    }
    Ok(out)
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
