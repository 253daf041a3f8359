//! Redis: connect, PING, INFO memory, GET/MGET, SCAN and (for breaker reset)
//! DEL, with the configured key prefix applied. Never KEYS: it blocks a
//! production Redis.
//!
//! Three deployments: one server; Sentinel (the master asked of the
//! sentinels, a failover followed); Cluster (the primaries read from the
//! seeds with `CLUSTER SHARDS`, each key command sent to its slot's owner by
//! redis-rs's cluster client, which follows MOVED and ASK; SCAN, PING and
//! INFO sent to every primary over a connection of its own).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::cluster_async::ClusterConnection;

use crate::adapters::redis_url;

/// Where and how to reach Redis.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Cluster mode: the seeds; `url` then gives only the password.
    pub cluster: Option<ClusterTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterTarget {
    /// host:port of each seed node.
    pub nodes: Vec<String>,
}

/// A primary of the cluster and the slot ranges it serves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Shard {
    pub primary: String,
    pub slots: Vec<(u16, u16)>,
    /// Marked failed by the cluster: its slots are served by no one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
}

impl Shard {
    fn serves(&self, slot: u16) -> bool {
        !self.failed && self.slots.iter().any(|&(a, b)| (a..=b).contains(&slot))
    }
}

/// Redis Cluster's slot count.
const SLOTS: u32 = 16_384;

/// Redis Cluster's slot of a key: CRC16 (XMODEM) of its hash tag (the text
/// between the first `{` and the next `}`, when not empty) or of the whole key.
pub fn key_slot(key: &[u8]) -> u16 {
    let tag = key
        .iter()
        .position(|&b| b == b'{')
        .and_then(|open| key[open + 1..].iter().position(|&b| b == b'}').map(|len| &key[open + 1..open + 1 + len]))
        .filter(|tag| !tag.is_empty());
    crc16::State::<crc16::XMODEM>::calculate(tag.unwrap_or(key)) % SLOTS as u16
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
    #[error("Redis Cluster at {seeds}: {reason}")]
    Cluster { seeds: String, reason: String },
}

impl RedisError {
    /// The dependency could not be reached at all (exit code 3).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, RedisError::Connect { .. } | RedisError::Timeout { .. } | RedisError::Cluster { .. })
    }
}

/// One server's connection, or the cluster client's.
enum Conn {
    Single(MultiplexedConnection),
    Cluster(Box<ClusterConnection>),
}

/// A connection, with the prefix every key goes through.
pub struct Redis {
    conn: Conn,
    target: RedisTarget,
    shown_url: String,
    /// Sentinel mode: the master (host:port) this connection reaches.
    master: Option<String>,
    /// Sentinel mode: how many times a failover was followed to a new master.
    failovers: u32,
    /// Cluster mode: the primaries and their slots, as last read.
    shards: Vec<Shard>,
    /// Cluster mode: a connection of its own to each primary (SCAN, INFO, PING).
    nodes: HashMap<String, MultiplexedConnection>,
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
        if let Some(cluster) = &target.cluster {
            return Redis::connect_cluster(target, cluster).await;
        }
        let (url, master) = match &target.sentinel {
            None => (target.url.clone(), None),
            Some(s) => {
                let master = master_of(s, target.timeout).await?;
                (with_address(&target.url, &master)?, Some(master))
            }
        };
        let shown_url = redis_url::mask(&url);
        let conn = Conn::Single(connect_one(&url, target.timeout).await?);
        let mut redis = Redis {
            conn,
            target: target.clone(),
            shown_url,
            master,
            failovers: 0,
            shards: Vec::new(),
            nodes: HashMap::new(),
        };
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

    /// Cluster mode: the primaries from the seeds, every slot covered, then
    /// redis-rs's cluster client over them (it follows MOVED and ASK).
    async fn connect_cluster(target: &RedisTarget, cluster: &ClusterTarget) -> Result<Redis, RedisError> {
        let shards = discover(cluster, &target.url, target.timeout).await?;
        let seeds = cluster.nodes.join(", ");
        let urls = shards.iter().map(|s| with_address(&target.url, &s.primary)).collect::<Result<Vec<_>, _>>()?;
        let scrub = |e: &dyn std::fmt::Display| redis_url::scrub(&e.to_string(), &target.url);
        let client = redis::cluster::ClusterClientBuilder::new(urls)
            .connection_timeout(target.timeout)
            .response_timeout(target.timeout)
            // A MOVED to a dead address is retried once, then said.
            .retries(1)
            .build()
            .map_err(|e| RedisError::Cluster { seeds: seeds.clone(), reason: scrub(&e) })?;
        let conn = tokio::time::timeout(target.timeout, client.get_async_connection())
            .await
            .map_err(|_| RedisError::Timeout { url: format!("cluster {seeds}"), timeout: target.timeout })?
            .map_err(|e| RedisError::Cluster {
                seeds: seeds.clone(),
                reason: format!(
                    "{}; check that the primaries answer (redis-cli --cluster check {})",
                    scrub(&e),
                    shards[0].primary
                ),
            })?;
        Ok(Redis {
            conn: Conn::Cluster(Box::new(conn)),
            target: target.clone(),
            shown_url: format!("cluster {seeds}"),
            master: None,
            failovers: 0,
            shards,
            nodes: HashMap::new(),
        })
    }

    /// Cluster mode: the primaries and their slots; empty otherwise.
    pub fn shards(&self) -> &[Shard] {
        &self.shards
    }

    /// The servers that hold keys: every primary of a cluster, else the one server.
    pub fn servers(&self) -> Vec<String> {
        if self.shards.is_empty() {
            vec![self.master.clone().unwrap_or_else(|| self.shown_url.clone())]
        } else {
            self.shards.iter().map(|s| s.primary.clone()).collect()
        }
    }

    /// Cluster mode: one command on one primary, over its own connection.
    async fn on_node<T: redis::FromRedisValue>(
        &mut self,
        address: &str,
        command: &'static str,
        cmd: &redis::Cmd,
    ) -> Result<T, RedisError> {
        let url = with_address(&self.target.url, address)?;
        let mut conn = match self.nodes.get(address) {
            Some(conn) => conn.clone(),
            None => {
                let conn = connect_one(&url, self.target.timeout).await?;
                self.nodes.insert(address.to_string(), conn.clone());
                conn
            }
        };
        let shown = redis_url::mask(&url);
        let result = tokio::time::timeout(self.target.timeout, cmd.query_async::<T>(&mut conn)).await;
        let result = match result {
            Err(_) => Err(RedisError::Timeout { url: shown, timeout: self.target.timeout }),
            Ok(Err(e)) => Err(classify(&e, shown, redis_url::scrub(&e.to_string(), &self.target.url), command)),
            Ok(Ok(v)) => Ok(v),
        };
        if result.is_err() {
            // A broken connection is not reused; the next call dials again.
            self.nodes.remove(address);
        }
        result
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

    /// A command on one key; on a cluster, an error says which primary
    /// serves the key's slot (redis-rs's own error does not).
    async fn run_key<T: redis::FromRedisValue>(
        &mut self,
        command: &'static str,
        cmd: &redis::Cmd,
        key: &str,
    ) -> Result<T, RedisError> {
        let result = self.run(command, cmd).await;
        match result {
            // A node that cannot be reached, or a MOVED/ASK to one that
            // could not be followed, is about the slot's owner.
            Err(e) if !self.shards.is_empty() && (failover_shaped(&e) || unfollowed_redirect(&e)) => {
                let slot = key_slot(key.as_bytes());
                // The owner as the seeds see it now: the slot may have moved
                // (a MOVED to a node that is gone) since this connection began.
                let cluster = self.target.cluster.clone().unwrap_or(ClusterTarget { nodes: Vec::new() });
                let now = discover(&cluster, &self.target.url, self.target.timeout).await.ok();
                let owner = now
                    .as_deref()
                    .unwrap_or(&self.shards)
                    .iter()
                    .find(|s| s.serves(slot))
                    .map_or("no primary".to_string(), |s| s.primary.clone());
                Err(RedisError::Cluster {
                    seeds: cluster.nodes.join(", "),
                    reason: format!("{command} {key}: {e}; its slot {slot} is served by {owner}: check that node"),
                })
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
        let query = async {
            match &mut self.conn {
                Conn::Single(conn) => cmd.query_async::<T>(conn).await,
                Conn::Cluster(conn) => cmd.query_async::<T>(conn.as_mut()).await,
            }
        };
        let result = tokio::time::timeout(timeout, query).await;
        match result {
            Err(_) => Err(RedisError::Timeout { url: self.shown_url.clone(), timeout }),
            Ok(Err(e)) => {
                let reason = redis_url::scrub(&e.to_string(), &self.target.url);
                Err(classify(&e, self.shown_url.clone(), reason, command))
            }
            Ok(Ok(v)) => Ok(v),
        }
    }

    /// PING, and how long the round trip took (the slowest primary's, on a cluster).
    pub async fn ping(&mut self) -> Result<Duration, RedisError> {
        if self.shards.is_empty() {
            let started = Instant::now();
            let _: String = self.run("PING", &redis::cmd("PING")).await?;
            return Ok(started.elapsed());
        }
        let mut slowest = Duration::ZERO;
        for address in self.servers() {
            let started = Instant::now();
            let _: String = self.on_node(&address, "PING", &redis::cmd("PING")).await?;
            slowest = slowest.max(started.elapsed());
        }
        Ok(slowest)
    }

    /// `used_memory` in MB of each server that holds keys (every primary of
    /// a cluster); `None` for one that fails or omits it.
    pub async fn memory_by_server(&mut self) -> Vec<(String, Option<f64>)> {
        let mb = |text: &str| {
            parse_info(text).get("used_memory").and_then(|v| v.parse::<u64>().ok()).map(|b| b as f64 / 1_048_576.0)
        };
        if self.shards.is_empty() {
            let text: Option<String> = self.run("INFO", redis::cmd("INFO").arg("memory")).await.ok();
            return vec![(self.servers().remove(0), text.as_deref().and_then(mb))];
        }
        let mut out = Vec::new();
        for address in self.servers() {
            let text: Option<String> = self.on_node(&address, "INFO", redis::cmd("INFO").arg("memory")).await.ok();
            out.push((address, text.as_deref().and_then(mb)));
        }
        out
    }

    /// `used_memory` in MB, summed over a cluster's primaries; `None` when
    /// any server fails or omits it (a sum missing a node would understate).
    pub async fn used_memory_mb(&mut self) -> Option<f64> {
        self.memory_by_server().await.into_iter().map(|(_, mb)| mb).sum()
    }

    /// MGET of unprefixed key names (the prefix is added here).
    pub async fn get_many(&mut self, keys: &[String]) -> Result<Vec<Option<String>>, RedisError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        if !self.shards.is_empty() {
            // A cluster: one GET per key, each to its slot's owner, so a
            // dead owner is an error naming it (redis-rs's split MGET
            // answers a failed part with a count mismatch).
            let mut values = Vec::with_capacity(keys.len());
            for key in keys {
                let full = format!("{}{key}", self.target.prefix);
                values.push(self.run_key("GET", redis::cmd("GET").arg(&full), &full).await?);
            }
            return Ok(values);
        }
        let mut cmd = redis::cmd("MGET");
        for key in keys {
            cmd.arg(format!("{}{key}", self.target.prefix));
        }
        self.run("MGET", &cmd).await
    }

    /// SET of an unprefixed key to `value`, expiring in `ttl_ms` (at least 1).
    pub async fn set_px(&mut self, key: &str, value: &str, ttl_ms: u64) -> Result<(), RedisError> {
        let full = format!("{}{key}", self.target.prefix);
        let cmd = redis::cmd("SET").arg(&full).arg(value).arg("PX").arg(ttl_ms.max(1)).clone();
        self.run_key("SET", &cmd, &full).await
    }

    /// DEL of unprefixed keys; how many existed.
    pub async fn delete(&mut self, keys: &[String]) -> Result<u64, RedisError> {
        if keys.is_empty() {
            return Ok(0);
        }
        if !self.shards.is_empty() {
            let mut deleted = 0;
            for key in keys {
                let full = format!("{}{key}", self.target.prefix);
                let n: u64 = self.run_key("DEL", redis::cmd("DEL").arg(&full), &full).await?;
                deleted += n;
            }
            return Ok(deleted);
        }
        let mut cmd = redis::cmd("DEL");
        for key in keys {
            cmd.arg(format!("{}{key}", self.target.prefix));
        }
        self.run("DEL", &cmd).await
    }

    /// Where this connection goes.
    pub fn target(&self) -> &RedisTarget {
        &self.target
    }

    /// HMGET of an unprefixed key's `fields`, each `None` where absent.
    pub async fn hash_fields(&mut self, key: &str, fields: &[&str]) -> Result<Vec<Option<String>>, RedisError> {
        let full = format!("{}{key}", self.target.prefix);
        let mut cmd = redis::cmd("HMGET");
        cmd.arg(&full);
        for f in fields {
            cmd.arg(*f);
        }
        self.run_key("HMGET", &cmd, &full).await
    }

    /// PTTL of an unprefixed key in milliseconds; `None` if missing or persistent.
    pub async fn pttl(&mut self, key: &str) -> Result<Option<u64>, RedisError> {
        let full = format!("{}{key}", self.target.prefix);
        let ms: i64 = self.run_key("PTTL", redis::cmd("PTTL").arg(&full), &full).await?;
        Ok(u64::try_from(ms).ok())
    }

    /// TYPE of a key: "none" when missing, "string", "list", "hash", …
    pub async fn key_type(&mut self, key: &str) -> Result<String, RedisError> {
        let full = format!("{}{key}", self.target.prefix);
        self.run_key("TYPE", redis::cmd("TYPE").arg(&full), &full).await
    }

    /// PTTL as Redis answers it: milliseconds, -1 without expiry, -2 missing.
    pub async fn pttl_raw(&mut self, key: &str) -> Result<i64, RedisError> {
        let full = format!("{}{key}", self.target.prefix);
        self.run_key("PTTL", redis::cmd("PTTL").arg(&full), &full).await
    }

    /// The databases `INFO keyspace` lists (those that hold keys), ascending.
    pub async fn keyspace_dbs(&mut self) -> Result<Vec<u32>, RedisError> {
        let text: String = self.run("INFO", redis::cmd("INFO").arg("keyspace")).await?;
        Ok(keyspace_dbs(&text))
    }

    /// Counts the distinct keys matching `pattern` (unprefixed) with SCAN.
    pub async fn count(&mut self, pattern: &str, progress: &mut dyn FnMut(ScanProgress)) -> Result<u64, RedisError> {
        Ok(self.count_by_server(pattern, progress).await?.total)
    }

    /// Counts the distinct keys matching `pattern` on each server that holds
    /// keys (every primary of a cluster, each with its own cursor).
    pub async fn count_by_server(
        &mut self,
        pattern: &str,
        progress: &mut dyn FnMut(ScanProgress),
    ) -> Result<Counted, RedisError> {
        // SCAN may return a key twice across a rehash; hashes keep memory flat
        // on a large keyspace (a 64-bit collision is negligible at these sizes).
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let mut seen: Vec<HashSet<u64>> = vec![HashSet::new(); self.servers().len()];
        self.scan_each(pattern, progress, |node, key| match key {
            Some(key) => {
                seen[node].insert(hasher.hash_one(key));
            }
            None => seen[node].clear(),
        })
        .await?;
        // Named after the scan: a primary that failed over is replaced by its successor.
        let per_server: Vec<(String, u64)> =
            self.servers().into_iter().zip(&seen).map(|(server, keys)| (server, keys.len() as u64)).collect();
        // A key met on two primaries (its slot moved mid-scan) counts once.
        let total = if seen.len() == 1 {
            seen[0].len() as u64
        } else {
            seen.iter().flatten().collect::<HashSet<_>>().len() as u64
        };
        Ok(Counted { total, per_server })
    }

    /// Lists up to `limit` distinct keys matching `pattern`, unprefixed and sorted.
    pub async fn list(
        &mut self,
        pattern: &str,
        limit: usize,
        progress: &mut dyn FnMut(ScanProgress),
    ) -> Result<Vec<String>, RedisError> {
        let prefix_len = self.target.prefix.len();
        let mut keys: Vec<BTreeSet<String>> = vec![BTreeSet::new(); self.servers().len()];
        self.scan_each(pattern, progress, |node, key| match key {
            Some(key) if keys[node].len() < limit => {
                keys[node].insert(String::from_utf8_lossy(&key[prefix_len.min(key.len())..]).into_owned());
            }
            Some(_) => {}
            None => keys[node].clear(),
        })
        .await?;
        let all: BTreeSet<String> = keys.into_iter().flatten().collect();
        Ok(all.into_iter().take(limit).collect())
    }

    /// SCAN every server that holds keys to the end, each key to `each`
    /// with the server's index; `None` tells it to forget what that server
    /// gave: a failover moved its scan to a new node, whose cursor starts
    /// again from 0 (a cursor means nothing on another server).
    async fn scan_each(
        &mut self,
        pattern: &str,
        progress: &mut dyn FnMut(ScanProgress),
        mut each: impl FnMut(usize, Option<&[u8]>),
    ) -> Result<(), RedisError> {
        let full = format!("{}{pattern}", escape_glob(&self.target.prefix));
        let mut state = ScanProgress::default();
        if self.shards.is_empty() {
            return self.scan_one(None, &full, &mut state, progress, &mut |key| each(0, key)).await;
        }
        for node in 0..self.shards.len() {
            self.scan_shard(node, &full, &mut state, progress, &mut |key| each(node, key)).await?;
        }
        Ok(())
    }

    /// Cluster mode: one primary's scan. When the primary stops answering,
    /// the seeds are asked who serves its slots now; a new primary (a
    /// replica promoted) is scanned again from the start, and said; the
    /// same dead one means the count cannot be completed.
    async fn scan_shard(
        &mut self,
        node: usize,
        full: &str,
        state: &mut ScanProgress,
        progress: &mut dyn FnMut(ScanProgress),
        each: &mut dyn FnMut(Option<&[u8]>),
    ) -> Result<(), RedisError> {
        let mut tries = 0;
        loop {
            let address = self.shards[node].primary.clone();
            let error = match self.scan_one(Some(&address), full, state, progress, each).await {
                Ok(()) => return Ok(()),
                Err(e) if failover_shaped(&e) && tries < 2 => e,
                Err(e) => return Err(e),
            };
            tries += 1;
            let first_slot = self.shards[node].slots.first().map_or(0, |r| r.0);
            let cluster = self.target.cluster.clone().unwrap_or(ClusterTarget { nodes: Vec::new() });
            let now = discover(&cluster, &self.target.url, self.target.timeout)
                .await
                .ok()
                .and_then(|shards| shards.into_iter().find(|s| s.serves(first_slot) && s.primary != address));
            let Some(now) = now else {
                return Err(RedisError::Cluster {
                    seeds: cluster.nodes.join(", "),
                    reason: format!(
                        "primary {address} stopped answering mid-scan ({error}) and no other node serves its slots: the scan could not be completed; check `redis-cli --cluster check`"
                    ),
                });
            };
            each(None);
            state.restarts += 1;
            self.shards[node] = now;
            self.failovers += 1;
            progress(*state);
        }
    }

    /// One server's SCAN from cursor 0 to the end: the one server (`None`),
    /// or a cluster primary. In sentinel mode a failover mid-scan starts
    /// it again on the new master.
    async fn scan_one(
        &mut self,
        node: Option<&str>,
        full: &str,
        state: &mut ScanProgress,
        progress: &mut dyn FnMut(ScanProgress),
        each: &mut dyn FnMut(Option<&[u8]>),
    ) -> Result<(), RedisError> {
        let mut cursor: u64 = 0;
        loop {
            let mut cmd = redis::cmd("SCAN");
            cmd.arg(cursor).arg("MATCH").arg(full).arg("COUNT").arg(self.target.scan_count);
            let failovers = self.failovers;
            let (next, batch): (u64, Vec<Vec<u8>>) = match node {
                None => self.run("SCAN", &cmd).await?,
                Some(address) => self.on_node(address, "SCAN", &cmd).await?,
            };
            if node.is_none() && self.failovers != failovers && cursor != 0 {
                each(None);
                state.restarts += 1;
                cursor = 0;
                progress(*state);
                continue;
            }
            state.rounds += 1;
            state.seen += batch.len() as u64;
            batch.iter().for_each(|k| each(Some(k)));
            progress(*state);
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

/// Keys counted, in all and per server.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    pub total: u64,
    pub per_server: Vec<(String, u64)>,
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

/// A MOVED or ASK that redis-rs gave up following (the node it names did
/// not answer within the retries).
fn unfollowed_redirect(e: &RedisError) -> bool {
    match e {
        RedisError::Command { reason, .. } => {
            let r = reason.to_ascii_lowercase();
            r.starts_with("moved") || r.starts_with("ask") || r.contains("moved:") || r.contains(" ask:")
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

/// One server's multiplexed connection, within `timeout`.
async fn connect_one(url: &str, timeout: Duration) -> Result<MultiplexedConnection, RedisError> {
    let shown_url = redis_url::mask(url);
    let reason = |e: &dyn std::fmt::Display| redis_url::scrub(&e.to_string(), url);
    let client =
        redis::Client::open(url).map_err(|e| RedisError::Url { url: shown_url.clone(), reason: reason(&e) })?;
    tokio::time::timeout(timeout, client.get_multiplexed_async_connection())
        .await
        .map_err(|_| RedisError::Timeout { url: shown_url.clone(), timeout })?
        .map_err(|e| classify(&e, shown_url.clone(), reason(&e), "CONNECT"))
}

/// Asks the seeds in turn for the cluster's primaries (`CLUSTER SHARDS`,
/// or `CLUSTER NODES` before Redis 7); the first answer wins, and it must
/// cover every slot with a primary that is not marked failed.
async fn discover(cluster: &ClusterTarget, url: &str, timeout: Duration) -> Result<Vec<Shard>, RedisError> {
    let seeds = cluster.nodes.join(", ");
    let mut why = Vec::new();
    for seed in &cluster.nodes {
        let asked = async {
            let fail = |reason: String| RedisError::Cluster { seeds: seeds.clone(), reason };
            let mut conn = connect_one(&with_address(url, seed)?, timeout).await?;
            let late = || fail(format!("{seed}: no answer within {} ms", timeout.as_millis()));
            let mut shards_cmd = redis::cmd("CLUSTER");
            shards_cmd.arg("SHARDS");
            let shards = shards_cmd.query_async::<redis::Value>(&mut conn);
            match tokio::time::timeout(timeout, shards).await.map_err(|_| late())? {
                Ok(value) => Ok(shards_from_value(&value)),
                Err(e) if e.to_string().to_ascii_lowercase().contains("cluster support disabled") => Err(fail(
                    format!("{seed} is not a cluster node (cluster-enabled no); check redis.mode and redis.nodes"),
                )),
                Err(_) => {
                    let mut nodes_cmd = redis::cmd("CLUSTER");
                    nodes_cmd.arg("NODES");
                    let nodes = nodes_cmd.query_async::<String>(&mut conn);
                    let text = tokio::time::timeout(timeout, nodes)
                        .await
                        .map_err(|_| late())?
                        .map_err(|e| fail(format!("{seed}: {}", redis_url::scrub(&e.to_string(), url))))?;
                    Ok(shards_from_nodes(&text))
                }
            }
        };
        match asked.await {
            Ok(shards) => {
                return covered(shards, seed).map_err(|reason| RedisError::Cluster { seeds: seeds.clone(), reason })
            }
            Err(RedisError::Cluster { reason, .. }) => why.push(reason),
            Err(e) => why.push(format!("{seed}: {e}")),
        }
    }
    Err(RedisError::Cluster {
        seeds: seeds.clone(),
        reason: format!(
            "no seed node answered: {}; check redis.nodes and that redis-server runs there",
            why.join("; ")
        ),
    })
}

/// The shards, sorted by first slot, when every slot has a live primary;
/// otherwise which slots have none, and what to check.
fn covered(shards: Vec<Shard>, seed: &str) -> Result<Vec<Shard>, String> {
    let (mut shards, failed): (Vec<Shard>, Vec<Shard>) =
        shards.into_iter().filter(|s| !s.slots.is_empty()).partition(|s| !s.failed);
    shards.sort_by_key(|s| s.slots.iter().map(|r| r.0).min());
    let mut ranges: Vec<(u16, u16)> = shards.iter().flat_map(|s| s.slots.iter().copied()).collect();
    ranges.sort();
    let mut gaps = Vec::new();
    let mut next: u32 = 0;
    for (a, b) in ranges {
        if u32::from(a) > next {
            gaps.push((next, u32::from(a) - 1));
        }
        next = next.max(u32::from(b) + 1);
    }
    if next < SLOTS {
        gaps.push((next, SLOTS - 1));
    }
    if gaps.is_empty() {
        return Ok(shards);
    }
    let shown: Vec<String> =
        gaps.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
    let dead: Vec<&str> = failed.iter().map(|s| s.primary.as_str()).collect();
    let why = match dead.is_empty() {
        true => String::new(),
        false => format!(" (their primary {} is marked failed and no replica took over)", dead.join(", ")),
    };
    Err(format!(
        "slots {} are served by no primary{why}, as {seed} sees it: keys there cannot be read or written; check `redis-cli --cluster check {seed}`",
        shown.join(", ")
    ))
}

/// `CLUSTER SHARDS` (Redis 7): per shard its slot ranges and nodes; the
/// primary is the node whose role is master. A primary marked failed
/// serves nothing.
fn shards_from_value(value: &redis::Value) -> Vec<Shard> {
    let mut out = Vec::new();
    for shard in items(value) {
        let fields = pairs(shard);
        let slots: Vec<u16> = fields
            .iter()
            .find(|(k, _)| k == "slots")
            .map(|(_, v)| items(v).iter().filter_map(|x| int(x)).filter_map(|n| u16::try_from(n).ok()).collect())
            .unwrap_or_default();
        let ranges: Vec<(u16, u16)> = slots.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let nodes = fields.iter().find(|(k, _)| k == "nodes").map(|(_, v)| items(v)).unwrap_or_default();
        for node in nodes {
            let f = pairs(node);
            let get = |name: &str| f.iter().find(|(k, _)| k == name).map(|(_, v)| text(v)).unwrap_or_default();
            if get("role") != "master" {
                continue;
            }
            let host = Some(get("ip")).filter(|h| !h.is_empty()).unwrap_or_else(|| get("endpoint"));
            let port = f.iter().find(|(k, _)| k == "port").and_then(|(_, v)| int(v));
            if let Some(port) = port {
                out.push(Shard {
                    primary: format!("{host}:{port}"),
                    slots: ranges.clone(),
                    failed: get("health") == "fail",
                });
            }
        }
    }
    out
}

/// `CLUSTER NODES` (before Redis 7): `id ip:port@cport flags master … slots`.
fn shards_from_nodes(text: &str) -> Vec<Shard> {
    text.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (address, flags) = (fields.get(1)?, fields.get(2)?);
            if !flags.split(',').any(|f| f == "master") {
                return None;
            }
            let primary = address.split(['@', ',']).next()?.to_string();
            let slots = fields[8.min(fields.len())..]
                .iter()
                .filter(|s| !s.starts_with('['))
                .filter_map(|s| match s.split_once('-') {
                    Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                    None => s.parse().ok().map(|n| (n, n)),
                })
                .collect();
            Some(Shard { primary, slots, failed: flags.split(',').any(|f| f == "fail") })
        })
        .collect()
}

fn items(value: &redis::Value) -> Vec<&redis::Value> {
    match value {
        redis::Value::Array(v) | redis::Value::Set(v) => v.iter().collect(),
        redis::Value::Map(m) => m.iter().flat_map(|(k, v)| [k, v]).collect(),
        _ => Vec::new(),
    }
}

fn pairs(value: &redis::Value) -> Vec<(String, &redis::Value)> {
    let flat = items(value);
    flat.chunks_exact(2).map(|c| (text(c[0]), c[1])).collect()
}

fn text(value: &redis::Value) -> String {
    match value {
        redis::Value::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
        redis::Value::SimpleString(s) => s.clone(),
        redis::Value::Int(n) => n.to_string(),
        _ => String::new(),
    }
}

fn int(value: &redis::Value) -> Option<i64> {
    match value {
        redis::Value::Int(n) => Some(*n),
        other => text(other).parse().ok(),
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
/// `db1:keys=3,expires=0,avg_ttl=0` lines of `INFO keyspace`: the database numbers.
pub fn keyspace_dbs(text: &str) -> Vec<u32> {
    let mut dbs: Vec<u32> =
        text.lines().filter_map(|l| l.strip_prefix("db")?.split_once(':')?.0.parse().ok()).collect();
    dbs.sort_unstable();
    dbs.dedup();
    dbs
}

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

    #[test]
    fn key_slots_are_redis_clusters() {
        // The examples of the Cluster specification.
        assert_eq!(key_slot(b"123456789"), 0x31C3);
        assert_eq!(key_slot(b"{user1000}.following"), key_slot(b"user1000"));
        assert_eq!(key_slot(b"foo{}{bar}"), key_slot(b"foo{}{bar}"));
        assert_ne!(key_slot(b"foo{}{bar}"), key_slot(b"bar"), "an empty tag hashes the whole key");
        assert_eq!(key_slot(b"foo{{bar}}zap"), key_slot(b"{bar"));
    }

    #[test]
    fn reads_cluster_nodes_and_finds_uncovered_slots() {
        let text = "07c3 127.0.0.1:30004@31004,gw-1 slave e7d1 0 1426238317239 4 connected\n\
                    67ed 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922\n\
                    292f 127.0.0.1:30003@31003 master,fail - 0 1426238318243 3 connected 10923-16383\n\
                    e7d1 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 [5461->-67ed]\n";
        let shards = shards_from_nodes(text);
        assert_eq!(shards.len(), 3);
        assert_eq!(shards[2], Shard { primary: "127.0.0.1:30001".into(), slots: vec![(0, 5460)], failed: false });
        let why = covered(shards.clone(), "127.0.0.1:30001").unwrap_err();
        assert!(why.contains("slots 10923-16383") && why.contains("127.0.0.1:30003 is marked failed"), "{why}");
        let mut healthy = shards;
        healthy[1].failed = false;
        let ok = covered(healthy, "seed").unwrap();
        assert_eq!(
            ok.iter().map(|s| s.primary.as_str()).collect::<Vec<_>>(),
            ["127.0.0.1:30001", "127.0.0.1:30002", "127.0.0.1:30003"]
        );
        let gap =
            covered(vec![Shard { primary: "a:1".into(), slots: vec![(0, 99), (101, 16383)], failed: false }], "a:1");
        assert!(gap.unwrap_err().contains("slots 100 are served by no primary"));
    }

    #[test]
    fn reads_cluster_shards() {
        use redis::Value::{Array, BulkString, Int};
        let b = |s: &str| BulkString(s.as_bytes().to_vec());
        let node = |port: i64, role: &str, health: &str| {
            Array(vec![
                b("id"),
                b("x"),
                b("port"),
                Int(port),
                b("ip"),
                b("127.0.0.1"),
                b("role"),
                b(role),
                b("health"),
                b(health),
            ])
        };
        let shard = |a: i64, z: i64, nodes: Vec<redis::Value>| {
            Array(vec![b("slots"), Array(vec![Int(a), Int(z)]), b("nodes"), Array(nodes)])
        };
        let reply = Array(vec![
            shard(0, 8191, vec![node(7000, "master", "online"), node(7003, "replica", "online")]),
            shard(8192, 16383, vec![node(7001, "master", "fail")]),
        ]);
        let shards = shards_from_value(&reply);
        assert_eq!(shards.len(), 2);
        assert_eq!((shards[0].primary.as_str(), shards[0].slots.as_slice()), ("127.0.0.1:7000", &[(0, 8191)][..]));
        assert!(shards[1].failed);
    }
}
