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
    /// Sentinel mode: where to ask for the master; `url` then gives only
    /// the password and the database.
    pub sentinel: Option<SentinelTarget>,
}

#[derive(Debug, Clone)]
pub struct SentinelTarget {
    /// host:port of each sentinel.
    pub sentinels: Vec<String>,
    pub master_name: String,
    /// The sentinels' own password; never shown.
    pub password: Option<String>,
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
    /// Sentinel mode: the master (host:port) this connection reaches.
    master: Option<String>,
    /// Sentinel mode: how many times a failover was followed to a new master.
    failovers: u32,
}

/// SCAN's progress, for a spinner on long scans.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanProgress {
    pub rounds: u64,
    pub seen: u64,
    /// Scans started again from the beginning because the master failed over.
    pub restarts: u32,
}

impl Redis {
    pub async fn connect(target: &RedisTarget) -> Result<Redis, RedisError> {
        let (url, master) = match &target.sentinel {
            None => (target.url.clone(), None),
            Some(s) => {
                let master = master_of(s, target.timeout).await?;
                (with_address(&target.url, &master)?, Some(master))
            }
        };
        let shown_url = redis_url::mask(&url);
        let reason = |e: &dyn std::fmt::Display| redis_url::scrub(&e.to_string(), &url);
        let client = redis::Client::open(url.as_str())
            .map_err(|e| RedisError::Url { url: shown_url.clone(), reason: reason(&e) })?;
        let conn = tokio::time::timeout(target.timeout, client.get_multiplexed_async_connection())
            .await
            .map_err(|_| RedisError::Timeout { url: shown_url.clone(), timeout: target.timeout })?
            .map_err(|e| classify(&e, shown_url.clone(), reason(&e), "CONNECT"))?;
        let mut redis = Redis { conn, target: target.clone(), shown_url, master, failovers: 0 };
        if redis.master.is_some() {
            // The sentinels' answer may lag a failover: the server itself must say it is the master.
            let role: Vec<redis::Value> = redis.run_once("ROLE", &redis::cmd("ROLE")).await?;
            let said = match role.first() {
                Some(redis::Value::BulkString(b)) => String::from_utf8_lossy(b).into_owned(),
                Some(redis::Value::SimpleString(s)) => s.clone(),
                _ => String::new(),
            };
            if said != "master" {
                return Err(RedisError::Connect {
                    url: redis.shown_url.clone(),
                    reason: format!("the sentinels name it master of {:?}, but it says it is a {said}: a failover is under way; try again in a few seconds", redis.target.sentinel.as_ref().map(|s| s.master_name.as_str()).unwrap_or("")),
                });
            }
        }
        Ok(redis)
    }

    /// Sentinel mode: the master this connection reaches now (host:port).
    pub fn master(&self) -> Option<&str> {
        self.master.as_deref()
    }

    /// Sentinel mode: failovers followed since connecting.
    pub fn failovers(&self) -> u32 {
        self.failovers
    }

    /// The URL as it may be shown (password masked).
    pub fn shown_url(&self) -> &str {
        &self.shown_url
    }

    pub fn prefix(&self) -> &str {
        &self.target.prefix
    }

    /// One command; in sentinel mode, a failure that a failover explains
    /// (connection lost, READONLY, no answer) asks the sentinels again and
    /// retries once on the master they name: the answer is the new
    /// master's, or the error says the command could not finish.
    async fn run<T: redis::FromRedisValue>(
        &mut self,
        command: &'static str,
        cmd: &redis::Cmd,
    ) -> Result<T, RedisError> {
        match self.run_once(command, cmd).await {
            Err(e) if self.target.sentinel.is_some() && failover_shaped(&e) => {
                self.reconnect().await.map_err(|again| RedisError::Command {
                    url: self.shown_url.clone(),
                    command,
                    reason: format!(
                        "{e}; and no master could be reached after it ({again}): the command could not finish"
                    ),
                })?;
                self.run_once(command, cmd).await
            }
            other => other,
        }
    }

    /// Sentinel mode: asks the sentinels again and connects to the master
    /// they name (confirmed by ROLE); a new address counts as a failover.
    async fn reconnect(&mut self) -> Result<(), RedisError> {
        let before = self.master.clone();
        let fresh = Box::pin(Redis::connect(&self.target)).await?;
        self.conn = fresh.conn;
        self.shown_url = fresh.shown_url;
        self.master = fresh.master;
        if self.master != before {
            self.failovers += 1;
        }
        Ok(())
    }

    /// Sentinel mode: is this connection still on the master the sentinels
    /// name? A demoted master still answers reads (and is demoted only when
    /// a sentinel gets to it), so a long-running reader (watch) asks the
    /// sentinels each round and follows a failover. Standalone: nothing to do.
    pub async fn follow_master(&mut self) -> Result<(), RedisError> {
        let Some(sentinel) = &self.target.sentinel else { return Ok(()) };
        let named = master_of(sentinel, self.target.timeout).await?;
        if Some(&named) != self.master.as_ref() {
            self.reconnect().await?;
        }
        Ok(())
    }

    async fn run_once<T: redis::FromRedisValue>(
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

    /// `used_memory` from `INFO memory`, in MB; `None` when Redis fails or omits it.
    pub async fn used_memory_mb(&mut self) -> Option<f64> {
        let info = self.info_memory().await.ok()?;
        info.get("used_memory").and_then(|v| v.parse::<u64>().ok()).map(|b| b as f64 / 1_048_576.0)
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
        self.scan_each(pattern, progress, |key| match key {
            Some(key) => {
                seen.insert(hasher.hash_one(key));
            }
            None => seen.clear(),
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
        self.scan_each(pattern, progress, |key| match key {
            Some(key) if keys.len() < limit => {
                keys.insert(String::from_utf8_lossy(&key[prefix_len.min(key.len())..]).into_owned());
            }
            Some(_) => {}
            None => keys.clear(),
        })
        .await?;
        Ok(keys.into_iter().collect())
    }

    /// SCAN to the end, each key to `each`; `None` tells it to forget what
    /// it has: a failover moved the scan to a new master, whose cursor
    /// starts again from 0 (a cursor means nothing on another server).
    async fn scan_each(
        &mut self,
        pattern: &str,
        progress: &mut dyn FnMut(ScanProgress),
        mut each: impl FnMut(Option<&[u8]>),
    ) -> Result<(), RedisError> {
        let full = format!("{}{pattern}", escape_glob(&self.target.prefix));
        let mut cursor: u64 = 0;
        let mut state = ScanProgress::default();
        loop {
            let mut cmd = redis::cmd("SCAN");
            cmd.arg(cursor).arg("MATCH").arg(&full).arg("COUNT").arg(self.target.scan_count);
            let failovers = self.failovers;
            let (next, batch): (u64, Vec<Vec<u8>>) = self.run("SCAN", &cmd).await?;
            if self.failovers != failovers && cursor != 0 {
                each(None);
                state = ScanProgress { restarts: state.restarts + 1, ..ScanProgress::default() };
                cursor = 0;
                progress(state);
                continue;
            }
            state.rounds += 1;
            state.seen += batch.len() as u64;
            batch.iter().for_each(|k| each(Some(k)));
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

/// An error a failover explains: the master went away, became a replica
/// (READONLY), or stopped answering.
fn failover_shaped(e: &RedisError) -> bool {
    match e {
        RedisError::Connect { .. } | RedisError::Timeout { .. } => true,
        RedisError::Command { reason, .. } => {
            let r = reason.to_ascii_lowercase();
            [
                "readonly",
                "broken pipe",
                "connection reset",
                "connection refused",
                "connection closed",
                "unexpected eof",
                "io error",
            ]
            .iter()
            .any(|w| r.contains(w))
        }
        _ => false,
    }
}

/// Asks each sentinel in turn for the master of `name`; the first answer wins.
async fn master_of(s: &SentinelTarget, timeout: Duration) -> Result<String, RedisError> {
    let mut why = Vec::new();
    for addr in &s.sentinels {
        let ask = async {
            let mut url = reqwest::Url::parse(&format!("redis://{addr}")).map_err(|e| e.to_string())?;
            if let Some(password) = &s.password {
                url.set_password(Some(password)).map_err(|_| "cannot carry the sentinel password".to_string())?;
            }
            let client = redis::Client::open(url.as_str()).map_err(|e| e.to_string())?;
            let mut conn = client.get_multiplexed_async_connection().await.map_err(|e| e.to_string())?;
            let answer: Option<(String, String)> = redis::cmd("SENTINEL")
                .arg("get-master-addr-by-name")
                .arg(&s.master_name)
                .query_async(&mut conn)
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(answer)
        };
        // An error text never carries the password, whatever the client echoes.
        let ask = async {
            ask.await.map_err(|e: String| match &s.password {
                Some(p) if !p.is_empty() => e.replace(p.as_str(), "***"),
                _ => e,
            })
        };
        match tokio::time::timeout(timeout, ask).await {
            Ok(Ok(Some((host, port)))) => return Ok(format!("{host}:{port}")),
            Ok(Ok(None)) => why.push(format!("{addr} knows no master named {:?}", s.master_name)),
            Ok(Err(e)) => why.push(format!("{addr}: {e}")),
            Err(_) => why.push(format!("{addr}: no answer within {} ms", timeout.as_millis())),
        }
    }
    Err(RedisError::Connect {
        url: format!("sentinels {}", s.sentinels.join(", ")),
        reason: format!(
            "no sentinel named the master: {}; check redis.sentinels, redis.master_name (sentinel monitor NAME …) and redis.sentinel_password",
            why.join("; ")
        ),
    })
}

/// `url` pointed at `address` (host:port), its password and database kept.
fn with_address(url: &str, address: &str) -> Result<String, RedisError> {
    let shown = redis_url::mask(url);
    let mut parsed =
        reqwest::Url::parse(url).map_err(|e| RedisError::Url { url: shown.clone(), reason: e.to_string() })?;
    let (host, port) =
        address.rsplit_once(':').and_then(|(h, p)| Some((h, p.parse::<u16>().ok()?))).ok_or_else(|| {
            RedisError::Url { url: shown.clone(), reason: format!("the sentinels named {address:?}, not host:port") }
        })?;
    parsed.set_host(Some(host)).map_err(|e| RedisError::Url { url: shown.clone(), reason: e.to_string() })?;
    parsed.set_port(Some(port)).map_err(|_| RedisError::Url { url: shown, reason: "cannot set the port".into() })?;
    Ok(parsed.to_string())
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
