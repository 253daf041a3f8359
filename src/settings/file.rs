//! The config file's shape (`gatewayctl.toml`) and its built-in defaults,
//! which are the production values of the activation plan.

use std::collections::BTreeMap;
use std::num::{NonZeroU32, NonZeroU64};
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::core::duration;
use crate::core::route::Route;
use crate::core::thresholds::Thresholds;

/// A duration written as text (`60s`), parsed on load so a bad one is
/// reported at its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DurationText(pub Duration);

impl TryFrom<String> for DurationText {
    type Error = duration::DurationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        duration::parse(&s).map(DurationText)
    }
}

impl From<DurationText> for String {
    fn from(d: DurationText) -> String {
        duration::format(d.0)
    }
}

fn secs(s: u64) -> DurationText {
    DurationText(Duration::from_secs(s))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileConfig {
    pub gateway: GatewaySection,
    pub service: ServiceSection,
    pub redis: RedisSection,
    pub limiter: LimiterSection,
    pub rate_limit: RateLimitSection,
    pub breakers: BTreeMap<String, BreakerSection>,
    pub breaker_store: BreakerStoreSection,
    pub sanitizer: SanitizerSection,
    pub thresholds: Thresholds,
    pub watch: WatchSection,
    pub state: StateSection,
    pub fleet: FleetSection,
    /// The fleet's hosts (`--hosts` picks among them); none: the local host only.
    pub hosts: Vec<HostSection>,
}

/// How the fleet is reached: the system's OpenSSH client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FleetSection {
    /// Hosts worked on at once.
    pub parallel: usize,
    /// An ssh_config for the fleet (`ssh -F`); empty: the user's own.
    pub ssh_config: PathBuf,
    pub connect_timeout: DurationText,
    /// The longest one host's command may take before it is reported as hung.
    pub command_timeout: DurationText,
    /// gatewayctl on the hosts.
    pub gatewayctl: String,
    /// `activate --hosts`: hosts per batch after Phase 1 (a count, a share
    /// such as "25%", or a ramp such as [1, "50%"]: the last size repeats).
    pub batch: BatchSpec,
    /// Host failures tolerated before a fleet activation stops and rolls back.
    pub max_fail: usize,
}

/// One batch size: a count of hosts, or a share of them ("25%").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BatchSize {
    Count(usize),
    Share(String),
}

/// A batch size, or a ramp of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BatchSpec {
    One(BatchSize),
    Ramp(Vec<BatchSize>),
}

impl BatchSpec {
    /// The batches for `hosts` hosts, as counts; an unreadable share is an error.
    pub fn sizes(&self, hosts: usize) -> Result<Vec<usize>, String> {
        let ramp: Vec<&BatchSize> = match self {
            BatchSpec::One(s) => vec![s],
            BatchSpec::Ramp(v) if v.is_empty() => return Err("fleet.batch is an empty list".into()),
            BatchSpec::Ramp(v) => v.iter().collect(),
        };
        let size = |s: &BatchSize| -> Result<usize, String> {
            match s {
                BatchSize::Count(0) => Err("fleet.batch of 0 hosts".into()),
                BatchSize::Count(n) => Ok(*n),
                BatchSize::Share(text) => {
                    let pct: f64 = text
                        .strip_suffix('%')
                        .and_then(|p| p.trim().parse().ok())
                        .filter(|p| *p > 0.0 && *p <= 100.0)
                        .ok_or_else(|| format!("fleet.batch {text:?}: a count or a share such as \"25%\""))?;
                    Ok(((hosts as f64 * pct / 100.0).ceil() as usize).max(1))
                }
            }
        };
        let mut out = Vec::new();
        let mut left = hosts;
        let mut i = 0;
        while left > 0 {
            let n = size(ramp[i.min(ramp.len() - 1)])?.min(left);
            out.push(n);
            left -= n;
            i += 1;
        }
        Ok(out)
    }
}

/// One host of the fleet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostSection {
    pub name: String,
    /// What ssh connects to (an address, `user@address`, or an ssh_config alias); empty: the name.
    pub ssh: String,
    /// 0: ssh's default.
    pub port: u16,
    pub groups: Vec<String>,
    /// The host's gatewayctl.toml, on that host; empty: its own search.
    pub config: PathBuf,
    /// Overrides the app dir of the host's config; empty: none.
    pub app_dir: PathBuf,
    /// Overrides its config's base_url (the host itself, not the load balancer); empty: none.
    pub base_url: String,
}

impl Default for HostSection {
    fn default() -> Self {
        HostSection {
            name: String::new(),
            ssh: String::new(),
            port: 0,
            groups: vec![],
            config: PathBuf::new(),
            app_dir: PathBuf::new(),
            base_url: String::new(),
        }
    }
}

impl HostSection {
    pub fn host(&self) -> crate::core::inventory::Host {
        let (user, address) = match self.ssh.split_once('@') {
            Some((u, a)) => (Some(u.to_string()), a.to_string()),
            None if self.ssh.is_empty() => (None, self.name.clone()),
            None => (None, self.ssh.clone()),
        };
        crate::core::inventory::Host {
            name: self.name.clone(),
            address,
            port: (self.port != 0).then_some(self.port),
            user,
            groups: self.groups.clone(),
            config: (!self.config.as_os_str().is_empty()).then(|| self.config.clone()),
            app_dir: (!self.app_dir.as_os_str().is_empty()).then(|| self.app_dir.clone()),
            base_url: (!self.base_url.is_empty()).then(|| self.base_url.clone()),
        }
    }
}

impl Default for FleetSection {
    fn default() -> Self {
        FleetSection {
            parallel: 8,
            ssh_config: PathBuf::new(),
            connect_timeout: secs(10),
            command_timeout: secs(600),
            gatewayctl: "gatewayctl".into(),
            batch: BatchSpec::One(BatchSize::Count(1)),
            max_fail: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WatchSection {
    pub interval: DurationText,
    /// The plan's monitoring period.
    pub duration: DurationText,
    /// The sliding window the metrics are computed over.
    pub window: DurationText,
    /// How often the plan's detailed health check runs.
    pub detailed_every: DurationText,
    /// A Slack-compatible incoming webhook for level changes; empty for none.
    pub webhook: String,
    /// With --auto-rollback: a metric at alert for `after` intervals rolls back `feature`.
    pub auto_rollback: Vec<GuardRuleSection>,
    /// nginx's access log (combined format), where the 422s of input
    /// validation show; empty: validation_refused_percent is unknown.
    pub access_log: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardRuleSection {
    pub metric: String,
    pub feature: String,
    pub after: NonZeroU32,
}

impl Default for WatchSection {
    fn default() -> Self {
        let rule = |metric: &str, feature: &str| GuardRuleSection {
            metric: metric.into(),
            feature: feature.into(),
            after: NonZeroU32::new(2).expect("non-zero"),
        };
        WatchSection {
            interval: secs(10),
            duration: secs(7200),
            window: secs(3600),
            detailed_every: secs(1800),
            webhook: String::new(),
            auto_rollback: vec![
                rule("breaker_opens", "circuit-breaker"),
                rule("rate_limit_hits_per_hour", "rate-limit"),
                rule("validation_refused_percent", "input-validation"),
            ],
            access_log: PathBuf::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GatewaySection {
    pub app_dir: PathBuf,
    pub php: String,
    pub base_url: String,
    pub health_path: String,
    /// Relative paths are taken from `app_dir`.
    pub log_file: PathBuf,
    /// A production gateway refuses destructive tests (breaker trip-test).
    pub production: bool,
    pub request_timeout: DurationText,
    /// One bound for each run of the app's own code on gatewayctl's behalf
    /// (the middleware dry run, a rollback's proof, `health:detailed`,
    /// `route:list`): past it the run is stopped and its check is unknown.
    pub app_timeout: DurationText,
    /// A lab's Cal.com stand-in control address (host:port); empty elsewhere.
    pub upstream_control: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ManagerKind {
    Systemd,
    Signal,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceSection {
    pub manager: ManagerKind,
    /// systemd: the php-fpm unit.
    pub unit: String,
    /// signal: the php-fpm binary (for `-t`), its config and its pid file.
    pub fpm_binary: String,
    pub fpm_config: PathBuf,
    pub pid_file: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RedisSection {
    /// `redis://[:password@]host:port/db`, `rediss://` for TLS.
    pub url: String,
    /// Prepended to every key gatewayctl reads or counts.
    pub prefix: String,
    /// SCAN's COUNT hint: keys per round trip.
    pub scan_count: NonZeroU32,
    pub connect_timeout: DurationText,
    /// standalone: `url` is the server. sentinel: the master named
    /// `master_name` is asked of `sentinels` (host:port), and `url` gives
    /// only the password and the database.
    pub mode: RedisMode,
    pub sentinels: Vec<String>,
    pub master_name: String,
    /// The sentinels' own password (their `requirepass`), if they have one.
    /// Never printed.
    pub sentinel_password: String,
    /// Cluster mode: seed nodes (host:port); the primaries are read from them.
    pub nodes: Vec<String>,
}

/// How the gateway's Redis is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RedisMode {
    Standalone,
    Sentinel,
    /// Redis Cluster: `nodes` are the seeds, `url` gives only the password.
    Cluster,
}

impl RedisMode {
    /// As written in the config.
    pub fn name(self) -> &'static str {
        match self {
            RedisMode::Standalone => "standalone",
            RedisMode::Sentinel => "sentinel",
            RedisMode::Cluster => "cluster",
        }
    }
}

/// The limiter's shape: a preset, and any dimension it gets wrong for this
/// gateway. An unset dimension is the preset's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimiterSection {
    pub preset: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atomicity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matching: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abuse_keys: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abuse_trigger: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_enforced: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middleware: Option<Vec<String>>,
    /// The limit table's rows by name, with the limit the gateway keeps
    /// there (`[limiter.limits]`): the preset's table, corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<std::collections::BTreeMap<String, NonZeroU64>>,
}

impl Default for LimiterSection {
    fn default() -> Self {
        LimiterSection {
            preset: crate::core::limiter::PRESET_CONTRACT.into(),
            identity: None,
            api_key_label: None,
            counter: None,
            database: None,
            client_prefix: None,
            cache_prefix: None,
            counts: None,
            window: None,
            decision: None,
            atomicity: None,
            matching: None,
            params: None,
            retry_after: None,
            headers: None,
            body: None,
            abuse_keys: None,
            abuse_trigger: None,
            block_enforced: None,
            middleware: None,
            limits: None,
        }
    }
}

impl LimiterSection {
    /// Every key the section knows, set (for finding the unknown ones).
    pub fn every_key() -> Self {
        let text = || Some(String::new());
        LimiterSection {
            identity: Some(vec![]),
            api_key_label: text(),
            counter: text(),
            database: Some(0),
            client_prefix: text(),
            cache_prefix: text(),
            counts: text(),
            window: text(),
            decision: text(),
            atomicity: text(),
            matching: text(),
            params: text(),
            retry_after: text(),
            headers: text(),
            body: text(),
            abuse_keys: text(),
            abuse_trigger: text(),
            block_enforced: Some(true),
            middleware: Some(vec![]),
            limits: Some(Default::default()),
            ..LimiterSection::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitSection {
    /// Routes that carry `api.rate-limit`; every other route is unlimited.
    pub routes: Vec<Route>,
    /// First match wins; the last row is the default.
    pub buckets: Vec<BucketSection>,
    pub abuse: AbuseSection,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BucketSection {
    pub name: String,
    pub paths: Vec<String>,
    pub limit: NonZeroU64,
    pub window: DurationText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AbuseSection {
    pub threshold: NonZeroU32,
    pub counter_ttl: DurationText,
    pub block: DurationText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakerSection {
    pub failure_threshold: NonZeroU32,
    pub recovery_timeout: DurationText,
    pub success_threshold: NonZeroU32,
}

/// How the gateway keeps its breakers' state: a preset, and what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BreakerStoreSection {
    pub preset: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The route `breaker trip-test` drives through the breaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trip_route: Option<Route>,
}

impl Default for BreakerStoreSection {
    fn default() -> Self {
        BreakerStoreSection { preset: "contract".into(), keys: None, encoding: None, location: None, trip_route: None }
    }
}

impl BreakerStoreSection {
    /// Every key the section knows, set (for finding the unknown ones).
    pub fn every_key() -> Self {
        BreakerStoreSection {
            keys: Some(vec![]),
            encoding: Some(String::new()),
            location: Some(String::new()),
            trip_route: Some("GET /".parse().expect("a route")),
            ..BreakerStoreSection::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SanitizerSection {
    pub redaction: String,
    pub email_hash_chars: u8,
    pub rules: Vec<KeyRuleSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyRuleSection {
    pub id: String,
    pub key_contains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StateSection {
    /// Journal, locks and kept originals.
    pub dir: PathBuf,
}

impl Default for FileConfig {
    fn default() -> Self {
        let breakers = [("calcom_api".to_string(), BreakerSection::plan())].into();
        FileConfig {
            gateway: GatewaySection::default(),
            service: ServiceSection::default(),
            redis: RedisSection::default(),
            limiter: LimiterSection::default(),
            rate_limit: RateLimitSection::default(),
            breakers,
            breaker_store: BreakerStoreSection::default(),
            sanitizer: SanitizerSection::default(),
            thresholds: Thresholds::plan(),
            watch: WatchSection::default(),
            state: StateSection::default(),
            fleet: FleetSection::default(),
            hosts: vec![],
        }
    }
}

impl Default for GatewaySection {
    fn default() -> Self {
        GatewaySection {
            app_dir: "/var/www/api-gateway".into(),
            php: "php".into(),
            base_url: "http://localhost".into(),
            health_path: "/api/health".into(),
            log_file: "storage/logs/laravel.log".into(),
            production: true,
            request_timeout: secs(10),
            app_timeout: secs(60),
            upstream_control: String::new(),
        }
    }
}

impl Default for ServiceSection {
    fn default() -> Self {
        ServiceSection {
            manager: ManagerKind::Systemd,
            unit: "php8.3-fpm".into(),
            fpm_binary: "php-fpm8.3".into(),
            fpm_config: "/etc/php/8.3/fpm/php-fpm.conf".into(),
            pid_file: "/run/php/php8.3-fpm.pid".into(),
        }
    }
}

impl Default for RedisSection {
    fn default() -> Self {
        RedisSection {
            url: "redis://127.0.0.1:6379/0".into(),
            prefix: String::new(),
            scan_count: NonZeroU32::new(250).expect("non-zero"),
            connect_timeout: secs(3),
            mode: RedisMode::Standalone,
            sentinels: Vec::new(),
            master_name: String::new(),
            sentinel_password: String::new(),
            nodes: Vec::new(),
        }
    }
}

impl Default for RateLimitSection {
    fn default() -> Self {
        let routes = [
            "POST /api/v2/availability/simple",
            "POST /api/v2/bookings",
            "POST /api/v2/bookings/*/reschedule",
            "POST /api/webhooks/calcom",
            "POST /api/webhooks/retell",
        ];
        let bucket = |name: &str, paths: &[&str], limit| BucketSection {
            name: name.into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            limit: NonZeroU64::new(limit).expect("non-zero"),
            window: secs(60),
        };
        RateLimitSection {
            routes: routes.iter().map(|r| r.parse().expect("built-in route")).collect(),
            buckets: vec![
                bucket("reschedule", &["v2/bookings/*/reschedule"], 10),
                bucket("bookings", &["v2/bookings", "v2/bookings/*"], 30),
                bucket("availability", &["v2/availability/*"], 60),
                bucket("webhooks", &["webhooks/*"], 100),
                bucket("default", &["*"], 60),
            ],
            abuse: AbuseSection::default(),
        }
    }
}

impl Default for AbuseSection {
    fn default() -> Self {
        AbuseSection { threshold: NonZeroU32::new(20).expect("non-zero"), counter_ttl: secs(600), block: secs(900) }
    }
}

impl BreakerSection {
    /// The plan's CalcomService breaker: 5 failures, 60 s, 2 successes.
    pub fn plan() -> Self {
        BreakerSection {
            failure_threshold: NonZeroU32::new(5).expect("non-zero"),
            recovery_timeout: secs(60),
            success_threshold: NonZeroU32::new(2).expect("non-zero"),
        }
    }
}

impl Default for SanitizerSection {
    /// The contract's rules, as the core model holds them.
    fn default() -> Self {
        let rules = crate::core::sanitizer::SanitizerRules::contract();
        SanitizerSection {
            redaction: rules.redaction,
            email_hash_chars: u8::try_from(rules.email_hash_chars).unwrap_or(u8::MAX),
            rules: rules.keys.into_iter().map(|k| KeyRuleSection { id: k.id, key_contains: k.key_contains }).collect(),
        }
    }
}

impl Default for StateSection {
    fn default() -> Self {
        StateSection { dir: "/var/lib/gatewayctl".into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_count_shares_and_ramps() {
        let one = BatchSpec::One(BatchSize::Count(1));
        assert_eq!(one.sizes(3).unwrap(), [1, 1, 1]);
        let quarter = BatchSpec::One(BatchSize::Share("25%".into()));
        assert_eq!(quarter.sizes(10).unwrap(), [3, 3, 3, 1]);
        let ramp = BatchSpec::Ramp(vec![BatchSize::Count(1), BatchSize::Share("50%".into())]);
        assert_eq!(ramp.sizes(7).unwrap(), [1, 4, 2]);
        assert_eq!(BatchSpec::One(BatchSize::Count(5)).sizes(2).unwrap(), [2]);
        assert!(BatchSpec::One(BatchSize::Share("half".into())).sizes(4).unwrap_err().contains("25%"));
        assert!(BatchSpec::One(BatchSize::Count(0)).sizes(4).is_err());
        let parsed: FleetSection = toml::from_str("batch = [1, \"50%\"]\nmax_fail = 1").unwrap();
        assert_eq!(parsed.batch, ramp);
    }
}
