//! Redis: connect, PING, INFO memory, GET/MGET, SCAN and (for breaker reset)
//! DEL, with the configured key prefix applied. Never KEYS: it blocks a
//! production Redis.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;

use crate::adapters::redis_url;

/// Where and how to reach Redis.
#[derive(Debug, Clone)]
pub struct RedisTarget {
    pub url: String,
    pub prefix: String,
    pub scan_count: u32,
    pub timeout: Duration,
    /// A pause between SCAN rounds, so a long scan never crowds out traffic.
    pub scan_pause: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("invalid Redis URL {url}: {reason}; write it as redis://[:password@]host:port/db")]
    Url { url: String, reason: String },
    #[error("cannot reach Redis at {url}: {reason}; check that redis-server is running and redis.url in the config")]
    Connect { url: String, reason: String },
    #[error("Redis at {url} did not answer within {}ms; check the network path or raise redis.connect_timeout", timeout.as_millis())]
    Timeout { url: String, timeout: Duration },
    #[error("Redis at {url} refused the credentials: {reason}; check the password in redis.url")]
    Auth { url: String, reason: String },
    #[error("Redis {command} failed at {url}: {reason}")]
    Command { url: String, command: &'static str, reason: String },
}

impl RedisError {
    /// The dependency could not be reached at all (exit code 3).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, RedisError::Connect { .. } | RedisError::Timeout { .. })
    }
}

/// A connection, with the prefix every key goes through.
pub struct Redis {
    conn: MultiplexedConnection,
    target: RedisTarget,
    shown_url: String,
}

/// SCAN's progress, for a spinner on long scans.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanProgress {
    pub rounds: u64,
    pub seen: u64,
}

impl Redis {
    pub async fn connect(target: &RedisTarget) -> Result<Redis, RedisError> {
        let shown_url = redis_url::mask(&target.url);
        let reason = |e: &dyn std::fmt::Display| redis_url::scrub(&e.to_string(), &target.url);
        let client = redis::Client::open(target.url.as_str())
            .map_err(|e| RedisError::Url { url: shown_url.clone(), reason: reason(&e) })?;
        let conn = tokio::time::timeout(target.timeout, client.get_multiplexed_async_connection())
            .await
            .map_err(|_| RedisError::Timeout { url: shown_url.clone(), timeout: target.timeout })?
            .map_err(|e| classify(&e, shown_url.clone(), reason(&e), "CONNECT"))?;
        Ok(Redis { conn, target: target.clone(), shown_url })
    }

    /// The URL as it may be shown (password masked).
    pub fn shown_url(&self) -> &str {
        &self.shown_url
    }

    pub fn prefix(&self) -> &str {
        &self.target.prefix
    }

    async fn run<T: redis::FromRedisValue>(
        &mut self,
        command: &'static str,
        cmd: &redis::Cmd,
    ) -> Result<T, RedisError> {
        let timeout = self.target.timeout;
        let result = tokio::time::timeout(timeout, cmd.query_async::<T>(&mut self.conn)).await;
        match result {
            Err(_) => Err(RedisError::Timeout { url: self.shown_url.clone(), timeout }),
            Ok(Err(e)) => {
                let reason = redis_url::scrub(&e.to_string(), &self.target.url);
                Err(classify(&e, self.shown_url.clone(), reason, command))
            }
            Ok(Ok(v)) => Ok(v),
        }
    }

    /// PING, and how long the round trip took.
    pub async fn ping(&mut self) -> Result<Duration, RedisError> {
        let started = Instant::now();
        let _: String = self.run("PING", &redis::cmd("PING")).await?;
        Ok(started.elapsed())
    }

    /// `INFO memory` as field → value.
    pub async fn info_memory(&mut self) -> Result<BTreeMap<String, String>, RedisError> {
        let text: String = self.run("INFO", redis::cmd("INFO").arg("memory")).await?;
        Ok(parse_info(&text))
    }

    /// MGET of unprefixed key names (the prefix is added here).
    pub async fn get_many(&mut self, keys: &[String]) -> Result<Vec<Option<String>>, RedisError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut cmd = redis::cmd("MGET");
        for key in keys {
            cmd.arg(format!("{}{key}", self.target.prefix));
        }
        self.run("MGET", &cmd).await
    }

    /// DEL of unprefixed keys; how many existed.
    pub async fn delete(&mut self, keys: &[String]) -> Result<u64, RedisError> {
        if keys.is_empty() {
            return Ok(0);
        }
        let mut cmd = redis::cmd("DEL");
        for key in keys {
            cmd.arg(format!("{}{key}", self.target.prefix));
        }
        self.run("DEL", &cmd).await
    }

    /// PTTL of an unprefixed key in milliseconds; `None` if missing or persistent.
    pub async fn pttl(&mut self, key: &str) -> Result<Option<u64>, RedisError> {
        let ms: i64 = self.run("PTTL", redis::cmd("PTTL").arg(format!("{}{key}", self.target.prefix))).await?;
        Ok(u64::try_from(ms).ok())
    }

    /// Counts the distinct keys matching `pattern` (unprefixed) with SCAN.
    pub async fn count(&mut self, pattern: &str, progress: &mut dyn FnMut(ScanProgress)) -> Result<u64, RedisError> {
        // SCAN may return a key twice across a rehash; hashes keep memory flat
        // on a large keyspace (a 64-bit collision is negligible at these sizes).
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let mut seen = HashSet::new();
        self.scan_each(pattern, progress, |key| {
            seen.insert(hasher.hash_one(key));
        })
        .await?;
        Ok(seen.len() as u64)
    }

    /// Lists up to `limit` distinct keys matching `pattern`, unprefixed and sorted.
    pub async fn list(
        &mut self,
        pattern: &str,
        limit: usize,
        progress: &mut dyn FnMut(ScanProgress),
    ) -> Result<Vec<String>, RedisError> {
        let prefix_len = self.target.prefix.len();
        let mut keys = BTreeSet::new();
        self.scan_each(pattern, progress, |key| {
            if keys.len() < limit {
                keys.insert(String::from_utf8_lossy(&key[prefix_len.min(key.len())..]).into_owned());
            }
        })
        .await?;
        Ok(keys.into_iter().collect())
    }

    async fn scan_each(
        &mut self,
        pattern: &str,
        progress: &mut dyn FnMut(ScanProgress),
        mut each: impl FnMut(&[u8]),
    ) -> Result<(), RedisError> {
        let full = format!("{}{pattern}", escape_glob(&self.target.prefix));
        let mut cursor: u64 = 0;
        let mut state = ScanProgress::default();
        loop {
            let mut cmd = redis::cmd("SCAN");
            cmd.arg(cursor).arg("MATCH").arg(&full).arg("COUNT").arg(self.target.scan_count);
            let (next, batch): (u64, Vec<Vec<u8>>) = self.run("SCAN", &cmd).await?;
            state.rounds += 1;
            state.seen += batch.len() as u64;
            batch.iter().for_each(|k| each(k));
            progress(state);
            if next == 0 {
                return Ok(());
            }
            cursor = next;
            if !self.target.scan_pause.is_zero() {
                tokio::time::sleep(self.target.scan_pause).await;
            }
        }
    }
}

fn classify(e: &redis::RedisError, url: String, reason: String, command: &'static str) -> RedisError {
    use redis::ErrorKind;
    let auth = matches!(e.kind(), ErrorKind::AuthenticationFailed)
        || e.code().is_some_and(|c| c == "NOAUTH" || c == "WRONGPASS");
    if auth {
        RedisError::Auth { url, reason }
    } else if e.is_io_error() || e.is_connection_refusal() || e.is_connection_dropped() || command == "CONNECT" {
        RedisError::Connect { url, reason }
    } else {
        RedisError::Command { url, command, reason }
    }
}

/// Escapes a key prefix so SCAN's MATCH takes it literally.
pub fn escape_glob(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Parses INFO's `field:value` lines, skipping `# Section` headers.
pub fn parse_info(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.trim_end().split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_glob_characters_in_the_prefix() {
        assert_eq!(escape_glob("app_database_"), "app_database_");
        assert_eq!(escape_glob("a*b?[c]\\"), "a\\*b\\?\\[c\\]\\\\");
    }

    #[test]
    fn parses_info() {
        let info = parse_info("# Memory\r\nused_memory:1024\r\nused_memory_human:1.00K\r\n");
        assert_eq!(info.get("used_memory").map(String::as_str), Some("1024"));
        assert_eq!(info.get("used_memory_human").map(String::as_str), Some("1.00K"));
    }
}
