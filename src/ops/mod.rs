//! Operations several commands share (after cargo's `ops`): the checks,
//! cache rebuild, reload with its proof, verify, a feature's rollback and
//! undo, breaker reads. Each takes the settings and an options value and
//! returns a typed report value; none prints. Every operation that changes
//! the gateway takes a `&Door`: proof that the caller holds the operator
//! lock and journals, so activate, rollback, watch's guard and a fleet run
//! all get the same guarantees without repeating them.

pub mod blocking;
pub mod breaker;
pub mod breaker_trip;
pub mod cache;
pub mod debrief;
pub mod door;
pub mod error;
pub mod findings;
pub mod fleet;
pub mod health;
pub mod integrate;
pub mod keys;
pub mod limiter;
pub mod logscan;
pub mod predict;
pub mod preflight;
pub mod probe;
pub mod reload;
pub mod replay;
pub mod rollback;
pub mod routes;
pub mod shadow;
pub mod status;
pub mod stress_load;
pub mod verify;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The next step when Redis does not answer (its URL is not repeated: it
/// may hold a password).
pub const REDIS_DOWN_HINT: &str = "the limiter and breaker live in Redis: check it on its host (`redis-cli ping`, \
     `systemctl status redis-server`) and that redis.url points at it, then run `gatewayctl preflight`";
/// The next step when the gateway does not answer HTTP.
pub const GATEWAY_DOWN_HINT: &str =
    "check nginx and php-fpm (`gatewayctl preflight` shows both) and that gateway.base_url is where it listens";

use crate::adapters::redis::{ClusterTarget, RedisTarget, SentinelTarget};
use crate::core::limiter::{LimiterShape, Store};
use crate::settings::Settings;

/// Where the configured Redis is.
pub fn redis_target(settings: &Settings) -> RedisTarget {
    let r = &settings.file.redis;
    RedisTarget {
        url: r.url.clone(),
        prefix: r.prefix.clone(),
        scan_count: r.scan_count.get(),
        timeout: r.connect_timeout.0,
        scan_pause: Duration::ZERO,
        sentinel: (r.mode == crate::settings::file::RedisMode::Sentinel).then(|| SentinelTarget {
            sentinels: r.sentinels.clone(),
            master_name: r.master_name.clone(),
            password: Some(r.sentinel_password.clone()).filter(|p| !p.is_empty()),
        }),
        cluster: (r.mode == crate::settings::file::RedisMode::Cluster)
            .then(|| ClusterTarget { nodes: r.nodes.clone() }),
    }
}

/// Where the limiter's keys live: `[redis]`, with the shape's database and
/// prefixes where it names them (the contract's are `[redis]`'s own).
pub fn limiter_target(settings: &Settings) -> RedisTarget {
    store_target(settings, &settings.limiter, Store::Limiter)
}

/// Where `shape` says the keys of `store` live: `[redis]`, with that
/// store's database and prefixes where the shape names them.
pub fn store_target(settings: &Settings, shape: &LimiterShape, store: Store) -> RedisTarget {
    let mut target = redis_target(settings);
    let storage = shape.storage_of(store);
    if let Some(db) = storage.database {
        target = in_database(target, db);
    }
    target.prefix = storage.stored_name(&settings.file.redis.prefix, "");
    target
}

/// The address the gateway sees gatewayctl's requests come from: the
/// local end of a route to `gateway.base_url`'s host (no packet is sent).
/// A proxy in between that rewrites the address is not seen from here.
pub fn sender_address(settings: &Settings) -> Option<String> {
    let url = reqwest::Url::parse(&settings.file.gateway.base_url).ok()?;
    let port = url.port_or_known_default()?;
    let host = url.host_str()?.trim_start_matches('[').trim_end_matches(']').to_string();
    let peer = std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), port)).ok()?.next()?;
    let local = if peer.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" };
    let socket = std::net::UdpSocket::bind(local).ok()?;
    socket.connect(peer).ok()?;
    Some(socket.local_addr().ok()?.ip().to_string())
}

/// `target` on database `db` (the URL's path; in sentinel mode the URL
/// names the database too).
pub fn in_database(mut target: RedisTarget, db: u32) -> RedisTarget {
    if let Ok(mut url) = reqwest::Url::parse(&target.url) {
        url.set_path(&format!("/{db}"));
        target.url = url.to_string();
    }
    target
}

/// The database a redis:// URL names (its path), 0 when it names none.
pub fn redis_db(url: &str) -> u32 {
    url.split("://").nth(1).and_then(|rest| rest.split_once('/')).and_then(|(_, db)| db.parse().ok()).unwrap_or(0)
}

/// The PHP binary for artisan.
pub fn artisan_php(settings: &Settings) -> String {
    settings.file.gateway.php.clone()
}

/// A tag unique to this moment and process, in letters only: a canary
/// with a long digit run could be redacted as a card number.
pub fn canary_tag() -> String {
    let mut n = now_ms() ^ (u64::from(std::process::id()) << 40);
    let mut out = String::new();
    loop {
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// Now, in unix milliseconds: the one clock the commands hand to the model.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}
