//! Checks a parsed config file for what types alone cannot say, and builds
//! the core model's inputs from it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use crate::core::breaker::{BreakerConfig, BreakerStore};
use crate::core::limiter::{self, Bucket, LimiterShape};
use crate::core::sanitizer::{KeyRule, SanitizerRules};
use crate::core::thresholds::Thresholds;
use crate::core::Named;
use crate::settings::file::RedisMode;
use crate::settings::file::{FileConfig, LimiterSection, ManagerKind, RateLimitSection};
use crate::settings::locate::KeyPath;
use crate::settings::validated::{ServiceManager, Settings};

type Problems = Vec<(KeyPath, String)>;

impl Settings {
    /// The built-in defaults: the plan's production values.
    pub fn defaults() -> Self {
        build(FileConfig::default(), None).expect("built-in defaults are valid")
    }
}

pub fn build(file: FileConfig, source: Option<&Path>) -> Result<Settings, Problems> {
    let mut problems = Problems::new();
    check_gateway(&file, &mut problems);
    check_redis(&file, &mut problems);
    let limiter = limiter(&file, &mut problems);
    let breakers = breakers(&file, &mut problems);
    let breaker_store = breaker_store(&file, &mut problems);
    let sanitizer = sanitizer(&file, &mut problems);
    let thresholds = thresholds(&file, &mut problems);
    let service = service(&file, &mut problems);
    check_watch(&file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Settings {
        source: source.map(Path::to_path_buf),
        file,
        limiter,
        breakers,
        breaker_store,
        sanitizer,
        thresholds,
        service,
    })
}

fn check_gateway(file: &FileConfig, problems: &mut Problems) {
    let g = &file.gateway;
    match reqwest::Url::parse(&g.base_url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {}
        _ => problems.push(("gateway.base_url".into(), "must be an http:// or https:// URL with a host".into())),
    }
    if !g.health_path.starts_with('/') || g.health_path.starts_with("//") || g.health_path.contains("://") {
        problems.push((
            "gateway.health_path".into(),
            "must be a path on base_url starting with a single / (//host would name another host)".into(),
        ));
    }
    if g.app_timeout.0.is_zero() {
        problems.push(("gateway.app_timeout".into(), "must be more than 0s".into()));
    }
    if g.request_timeout.0.is_zero() {
        problems.push(("gateway.request_timeout".into(), "must be more than 0s".into()));
    }
}

fn check_redis(file: &FileConfig, problems: &mut Problems) {
    // The URL may hold a password: the message never repeats it.
    match reqwest::Url::parse(&file.redis.url) {
        Ok(url) if matches!(url.scheme(), "redis" | "rediss" | "unix" | "redis+unix") => {}
        Ok(_) => problems.push(("redis.url".into(), "scheme must be redis://, rediss:// or unix://".into())),
        Err(e) => problems
            .push(("redis.url".into(), format!("not a URL ({e}); write it as redis://[:password@]host:port/db"))),
    }
    if file.redis.connect_timeout.0.is_zero() {
        problems.push(("redis.connect_timeout".into(), "must be more than 0s".into()));
    }
    let r = &file.redis;
    let host_port = |s: &String| s.rsplit_once(':').and_then(|(h, p)| p.parse::<u16>().ok().filter(|_| !h.is_empty()));
    if r.mode != RedisMode::Sentinel && !r.sentinels.is_empty() {
        problems.push((
            "redis.sentinels".into(),
            format!("set, but redis.mode is {}: set mode = \"sentinel\"", r.mode.name()),
        ));
    }
    if r.mode != RedisMode::Cluster && !r.nodes.is_empty() {
        problems
            .push(("redis.nodes".into(), format!("set, but redis.mode is {}: set mode = \"cluster\"", r.mode.name())));
    }
    match r.mode {
        RedisMode::Standalone => {}
        RedisMode::Sentinel => {
            if r.sentinels.is_empty() {
                problems
                    .push(("redis.sentinels".into(), "sentinel mode needs at least one sentinel, as host:port".into()));
            }
            if let Some(bad) = r.sentinels.iter().find(|s| host_port(s).is_none()) {
                problems.push(("redis.sentinels".into(), format!("{bad:?} is not host:port")));
            }
            if r.master_name.trim().is_empty() {
                problems.push((
                    "redis.master_name".into(),
                    "sentinel mode needs the master's name (sentinel monitor NAME …)".into(),
                ));
            }
        }
        RedisMode::Cluster => {
            if r.nodes.is_empty() {
                problems.push(("redis.nodes".into(), "cluster mode needs at least one seed node, as host:port".into()));
            }
            if let Some(bad) = r.nodes.iter().find(|s| host_port(s).is_none()) {
                problems.push(("redis.nodes".into(), format!("{bad:?} is not host:port")));
            }
            // Cluster has only database 0: phpredis's RedisCluster cannot SELECT.
            if let Ok(url) = reqwest::Url::parse(&r.url) {
                let db = url.path().trim_start_matches('/');
                if !db.is_empty() && db != "0" {
                    problems.push((
                        "redis.url".into(),
                        format!("database {db:?} cannot work in cluster mode: Redis Cluster has only database 0; end the URL with /0"),
                    ));
                }
                if url.scheme().contains("unix") {
                    problems.push((
                        "redis.url".into(),
                        "a unix socket cannot reach a cluster: its nodes are host:port".into(),
                    ));
                }
            }
            // phpredis hashes the prefixed key: a prefix with a hash tag puts
            // every key the gateway writes in one slot, and gatewayctl's
            // patterns would then have to match the tag too.
            if let Some(tag) = hash_tag(&r.prefix) {
                problems.push((
                    "redis.prefix".into(),
                    format!("the hash tag {{{tag}}} puts every key in one slot of the cluster (one primary holds them all); drop the braces from the prefix"),
                ));
            }
        }
    }
}

/// The hash tag Redis Cluster would hash instead of the whole key: the text
/// between the first `{` and the next `}`, when not empty.
fn hash_tag(text: &str) -> Option<&str> {
    let open = text.find('{')?;
    let close = text[open + 1..].find('}')?;
    Some(&text[open + 1..open + 1 + close]).filter(|t| !t.is_empty())
}

/// The longest expiry gatewayctl accepts: a year. Redis refuses an EXPIRE
/// whose milliseconds overflow, and no limiter window or breaker timeout
/// the plan means is longer.
pub const MAX_EXPIRY_S: u64 = 365 * 24 * 3600;
/// The largest count (a limit, a threshold): PHP and Redis integers hold it
/// with room, and no real limit is near it.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Redis expiries are whole seconds: a window of 1500ms cannot exist there.
fn whole_seconds(d: Duration, key: String, problems: &mut Problems) -> u64 {
    if d.subsec_millis() != 0 || d.as_secs() == 0 {
        problems.push((key, "must be a whole number of seconds, at least 1s (Redis expires keys in seconds)".into()));
    } else if d.as_secs() > MAX_EXPIRY_S {
        problems.push((key, format!("must be at most {MAX_EXPIRY_S}s (365 days): Redis and PHP could not expire it")));
    }
    d.as_secs().clamp(1, MAX_EXPIRY_S)
}

fn count(value: u64, key: String, problems: &mut Problems) {
    if value > MAX_COUNT {
        problems.push((key, format!("must be at most {MAX_COUNT}")));
    }
}

fn limiter(file: &FileConfig, problems: &mut Problems) -> LimiterShape {
    let section = &file.limiter;
    let mut shape = match section.preset.as_str() {
        limiter::PRESET_CONTRACT => contract(file, problems),
        limiter::PRESET_ASKPROAI => {
            if file.rate_limit != RateLimitSection::default() {
                problems.push((
                    "rate_limit".into(),
                    format!("is the contract's table; preset {:?} carries its own table, routes and abuse policy: remove [rate_limit], or use preset = \"contract\"", section.preset),
                ));
            }
            LimiterShape::askproai_2025_10()
        }
        other => {
            problems.push((
                "limiter.preset".into(),
                format!("unknown preset {other:?}; the presets are {}", quoted(limiter::PRESETS)),
            ));
            return contract(file, problems);
        }
    };
    let overridden = overrides(section, &mut shape, problems);
    if overridden {
        shape.name = format!("{} + overrides", shape.name);
    }
    if let (RedisMode::Cluster, Some(db @ 1..)) = (file.redis.mode, shape.storage.database) {
        problems.push((
            "limiter.database".into(),
            format!("database {db} cannot work in cluster mode: Redis Cluster has only database 0"),
        ));
    }
    for (key, message) in shape.problems() {
        problems
            .push((format!("limiter.{key}"), format!("{message} (preset {:?} with the overrides)", section.preset)));
    }
    shape
}

/// A dimension written by name: its value, or a problem naming the choices.
/// `(text, key)`: the text the section holds, and its key path.
fn named<T: Named>((text, key): (Option<String>, String), problems: &mut Problems) -> Option<T> {
    let text = text?;
    let value = T::parse(&text);
    if value.is_none() {
        problems.push((key, format!("unknown value {text:?}; write {}", T::choices())));
    }
    value
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

/// Applies every dimension the section sets; true when one was set.
fn overrides(section: &LimiterSection, shape: &mut LimiterShape, problems: &mut Problems) -> bool {
    let mut any = false;
    let mut set = |field: &str, text: &Option<String>| {
        any |= text.is_some();
        (text.clone(), format!("limiter.{field}"))
    };
    if let Some(v) = named(set("counter", &section.counter), problems) {
        shape.counter = v;
    }
    if let Some(v) = named(set("counts", &section.counts), problems) {
        shape.counts = v;
    }
    if let Some(v) = named(set("window", &section.window), problems) {
        shape.window = v;
    }
    if let Some(v) = named(set("decision", &section.decision), problems) {
        shape.decision = v;
    }
    if let Some(v) = named(set("atomicity", &section.atomicity), problems) {
        shape.atomicity = v;
    }
    if let Some(v) = named(set("matching", &section.matching), problems) {
        shape.matching = v;
    }
    if let Some(v) = named(set("params", &section.params), problems) {
        shape.params = v;
    }
    if let Some(v) = named(set("retry_after", &section.retry_after), problems) {
        shape.answer.retry_after = v;
    }
    if let Some(v) = named(set("headers", &section.headers), problems) {
        shape.answer.headers = v;
    }
    if let Some(v) = named(set("body", &section.body), problems) {
        shape.answer.body = v;
    }
    if let Some(v) = named(set("abuse_keys", &section.abuse_keys), problems) {
        shape.abuse.keys = v;
    }
    if let Some(v) = named(set("abuse_trigger", &section.abuse_trigger), problems) {
        shape.abuse.trigger = v;
    }
    if let Some(sources) = &section.identity {
        any = true;
        let parsed: Option<Vec<_>> = sources.iter().map(|t| limiter::Source::parse(t)).collect();
        match parsed {
            Some(list) => shape.identity.sources = list,
            None => problems
                .push(("limiter.identity".into(), format!("each source must be {}", limiter::Source::choices()))),
        }
    }
    if let Some(label) = &section.api_key_label {
        any = true;
        shape.identity.api_key_label = label.clone();
    }
    if let Some(db) = section.database {
        any = true;
        shape.storage.database = Some(db);
    }
    if let Some(prefix) = &section.client_prefix {
        any = true;
        shape.storage.client_prefix = Some(prefix.clone());
    }
    if let Some(prefix) = &section.cache_prefix {
        any = true;
        shape.storage.cache_prefix = prefix.clone();
    }
    if let Some(names) = &section.middleware {
        any = true;
        shape.attachment = crate::core::limiter::Attachment::from_names(names);
    }
    if let Some(enforced) = section.block_enforced {
        any = true;
        shape.abuse.enforced = enforced;
    }
    for (row, limit) in section.limits.iter().flatten() {
        any = true;
        let key = format!("limiter.limits.{row:?}");
        count(limit.get(), key.clone(), problems);
        match shape.buckets.iter_mut().find(|b| &b.name == row) {
            Some(bucket) => bucket.limit = limit.get(),
            None => problems.push((
                key,
                format!(
                    "names no row of the limit table; the rows are {}",
                    quoted(&shape.buckets.iter().map(|b| b.name.as_str()).collect::<Vec<_>>())
                ),
            )),
        }
    }
    any
}

/// The contract's shape over `[rate_limit]`.
fn contract(file: &FileConfig, problems: &mut Problems) -> LimiterShape {
    let rl = &file.rate_limit;
    if rl.buckets.is_empty() {
        problems.push(("rate_limit.buckets".into(), "at least one bucket is needed (the last is the default)".into()));
    }
    let mut names = BTreeSet::new();
    let buckets: Vec<Bucket> = rl
        .buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let at = |field: &str| format!("rate_limit.buckets[{i}].{field}");
            if b.name.is_empty() || b.name.contains([':', '*', ' ']) {
                problems.push((at("name"), "must be a non-empty name without ':', '*' or spaces".into()));
            } else if !names.insert(b.name.clone()) {
                problems.push((at("name"), format!("bucket {:?} is defined twice", b.name)));
            }
            if b.paths.is_empty() {
                problems.push((at("paths"), "must list at least one path pattern".into()));
            }
            let window_s = whole_seconds(b.window.0, at("window"), problems);
            count(b.limit.get(), at("limit"), problems);
            Bucket { name: b.name.clone(), paths: b.paths.clone(), limit: b.limit.get(), window_ms: window_s * 1000 }
        })
        .collect();
    count(u64::from(rl.abuse.threshold.get()), "rate_limit.abuse.threshold".into(), problems);
    let counter_ttl_s = whole_seconds(rl.abuse.counter_ttl.0, "rate_limit.abuse.counter_ttl".into(), problems);
    let block_s = whole_seconds(rl.abuse.block.0, "rate_limit.abuse.block".into(), problems);
    let mut shape = LimiterShape::contract(
        &rl.routes,
        buckets,
        i64::from(rl.abuse.threshold.get()),
        counter_ttl_s * 1000,
        block_s * 1000,
    );
    if rl.buckets.is_empty() {
        // Keep the shape whole: the problem above already refuses the file.
        shape.buckets = vec![Bucket { name: "default".into(), paths: vec!["*".into()], limit: 60, window_ms: 60_000 }];
    }
    shape
}

fn breaker_store(file: &FileConfig, problems: &mut Problems) -> BreakerStore {
    let section = &file.breaker_store;
    let mut store = match section.preset.as_str() {
        limiter::PRESET_CONTRACT => BreakerStore::contract(),
        limiter::PRESET_ASKPROAI => BreakerStore::askproai_2025_10(),
        other => {
            problems.push((
                "breaker_store.preset".into(),
                format!("unknown preset {other:?}; the presets are {}", quoted(limiter::PRESETS)),
            ));
            BreakerStore::contract()
        }
    };
    let mut changed = false;
    if let Some(keys) = &section.keys {
        changed = true;
        match <[String; 4]>::try_from(keys.clone()) {
            Ok(keys) if keys.iter().all(|k| !k.is_empty() && !k.contains(['*', ' '])) => store.keys = keys,
            _ => problems.push((
                "breaker_store.keys".into(),
                "names the four key suffixes: state, failures, successes, opened-at (e.g. [\"state\", \"failures\", \"successes\", \"opened_at\"])".into(),
            )),
        }
    }
    let mut set = |field: &str, text: &Option<String>| {
        changed |= text.is_some();
        (text.clone(), format!("breaker_store.{field}"))
    };
    if let Some(v) = named(set("encoding", &section.encoding), problems) {
        store.encoding = v;
    }
    if let Some(v) = named(set("location", &section.location), problems) {
        store.location = v;
    }
    if let Some(route) = &section.trip_route {
        changed = true;
        store.trip.route = route.clone();
    }
    if changed {
        store.name = format!("{} + overrides", store.name);
    }
    store
}

fn breakers(file: &FileConfig, problems: &mut Problems) -> BTreeMap<String, BreakerConfig> {
    file.breakers
        .iter()
        .map(|(name, b)| {
            let key = format!("breakers.{name}.recovery_timeout");
            count(u64::from(b.failure_threshold.get()), format!("breakers.{name}.failure_threshold"), problems);
            count(u64::from(b.success_threshold.get()), format!("breakers.{name}.success_threshold"), problems);
            let cfg = BreakerConfig {
                failure_threshold: b.failure_threshold.get(),
                recovery_timeout_s: whole_seconds(b.recovery_timeout.0, key, problems),
                success_threshold: b.success_threshold.get(),
            };
            (name.clone(), cfg)
        })
        .collect()
}

fn sanitizer(file: &FileConfig, problems: &mut Problems) -> SanitizerRules {
    let s = &file.sanitizer;
    if !(1..=64).contains(&s.email_hash_chars) {
        problems.push(("sanitizer.email_hash_chars".into(), "must be between 1 and 64".into()));
    }
    if s.redaction.is_empty() {
        problems.push(("sanitizer.redaction".into(), "must not be empty".into()));
    }
    for (i, rule) in s.rules.iter().enumerate() {
        let normal = |k: &String| !k.is_empty() && *k == k.to_ascii_lowercase().replace('-', "_");
        if rule.id.is_empty() || rule.key_contains.is_empty() || !rule.key_contains.iter().all(normal) {
            let message =
                "needs an id and lowercase key_contains entries written with _ (keys are compared lowercased, - as _)";
            problems.push((format!("sanitizer.rules[{i}]"), message.into()));
        }
    }
    SanitizerRules {
        keys: s.rules.iter().map(|r| KeyRule { id: r.id.clone(), key_contains: r.key_contains.clone() }).collect(),
        redaction: s.redaction.clone(),
        email_hash_chars: usize::from(s.email_hash_chars),
    }
}

fn thresholds(file: &FileConfig, problems: &mut Problems) -> Thresholds {
    let t = file.thresholds;
    let all = [
        ("error_rate_percent", t.error_rate_percent),
        ("rate_limit_hits_per_hour", t.rate_limit_hits_per_hour),
        ("breaker_opens", t.breaker_opens),
        ("response_time_ms", t.response_time_ms),
        ("redis_memory_mb", t.redis_memory_mb),
        ("validation_refused_percent", t.validation_refused_percent),
    ];
    for (name, threshold) in all {
        if !threshold.is_consistent() {
            problems.push((format!("thresholds.{name}"), "normal_below must not exceed alert_above".into()));
        }
    }
    t
}

fn check_watch(file: &FileConfig, problems: &mut Problems) {
    let w = &file.watch;
    for (name, d) in
        [("interval", w.interval), ("window", w.window), ("duration", w.duration), ("detailed_every", w.detailed_every)]
    {
        if d.0.is_zero() {
            problems.push((format!("watch.{name}"), "must be more than 0s".into()));
        }
    }
    if !w.webhook.is_empty() && !w.webhook.starts_with("http://") && !w.webhook.starts_with("https://") {
        problems.push(("watch.webhook".into(), "must be an http(s) URL, or empty".into()));
    }
    for (i, rule) in w.auto_rollback.iter().enumerate() {
        if !crate::core::watch::METRICS.contains(&rule.metric.as_str()) {
            problems.push((
                format!("watch.auto_rollback[{i}].metric"),
                format!("unknown metric; one of {}", crate::core::watch::METRICS.join(", ")),
            ));
        }
        if rule.feature.parse::<crate::core::rollback::Feature>().is_err() {
            problems.push((
                format!("watch.auto_rollback[{i}].feature"),
                "one of rate-limit, circuit-breaker, log-sanitizer".into(),
            ));
        }
    }
}

fn service(file: &FileConfig, problems: &mut Problems) -> ServiceManager {
    let s = &file.service;
    let mut require = |key: &str, empty: bool| {
        if empty {
            problems.push((format!("service.{key}"), format!("is required when manager = {:?}", s.manager)));
        }
    };
    match s.manager {
        ManagerKind::Systemd => {
            require("unit", s.unit.is_empty());
            ServiceManager::Systemd { unit: s.unit.clone(), fpm_binary: s.fpm_binary.clone() }
        }
        ManagerKind::Signal => {
            require("fpm_binary", s.fpm_binary.is_empty());
            require("fpm_config", s.fpm_config.as_os_str().is_empty());
            require("pid_file", s.pid_file.as_os_str().is_empty());
            ServiceManager::Signal {
                fpm_binary: s.fpm_binary.clone(),
                fpm_config: s.fpm_config.clone(),
                pid_file: s.pid_file.clone(),
            }
        }
        ManagerKind::None => ServiceManager::None,
    }
}
