//! Where a key pattern's keys live, and a count or a list read there: the
//! limiter's keys (`rate_limit:`, `abuse:`, `blocked:`) in the shape's
//! database under its prefixes, the breakers' (`circuit_breaker:`) where
//! the breaker store keeps them, anything else (or `--raw`) where `[redis]`
//! says. A count of nothing also says where else the pattern's keys are:
//! "0" alone would read as "none" on a gateway that keeps them elsewhere.

use crate::adapters::redis::{Redis, RedisError, RedisTarget, ScanProgress};
use crate::core::keyplace::Place;
use crate::report::keys::Elsewhere;
use crate::settings::Settings;

/// Where `place`'s keys are read.
pub fn target(place: Place, settings: &Settings) -> RedisTarget {
    match place {
        Place::Limiter => crate::ops::limiter_target(settings),
        Place::Breaker => crate::ops::breaker::target(settings),
        Place::Redis => crate::ops::redis_target(settings),
    }
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
