//! `lab up`: writes the app and configs, starts redis-server, rebuilds the
//! artisan caches, starts php-fpm, nginx and the Cal.com stand-in, and waits
//! until /api/health answers. Anything started is stopped again on failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::adapters::process::{self, spawn_detached};
use crate::adapters::{artisan, files};
use crate::lab::layout::{LabProcess, LabState, Layout, Ports};
use crate::lab::{down, files as app_files, is_free, is_listening, packages, render, tail, wait_until, LabError};
use crate::settings::Settings;

const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// How `lab up` was asked to run.
#[derive(Debug, Clone)]
pub struct UpOptions {
    pub dir: PathBuf,
    pub port_base: Option<u16>,
    pub install: bool,
    /// The Cal.com call's timeout in the gateway (slow-mode tests shorten it).
    pub upstream_timeout_s: f64,
    /// This binary, run again as the Cal.com stand-in.
    pub gatewayctl: PathBuf,
    /// CalcomService calls the breaker unguarded (the usual shape).
    pub calcom_unguarded: bool,
    /// Which gateway the lab replicates.
    pub gateway: LabGateway,
    /// One redis-server, or also a replica and three sentinels, or a
    /// three-primary cluster (`--redis`).
    pub redis: Topology,
    /// A fleet's second and later hosts: another host's Redis and Cal.com
    /// stand-in (these ports), started by that host, not by this one.
    pub shared: Option<Ports>,
}

/// Which gateway a lab replicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabGateway {
    /// Our contract (`GATEWAY-CONTRACT.md`).
    Contract,
    /// The production baseline (`REAL-GATEWAY.md`); `as_deployed`: its
    /// kernel without the app's aliases, as Laravel 11 runs it.
    Askproai { as_deployed: bool },
    /// An API limited by Laravel's own limiter alone: named limiters
    /// (`RateLimiter::for`) and a plain `throttle:N,M`.
    Laravel,
}

/// The settings a lab of `gateway` is built from and writes for gatewayctl:
/// the baseline's Redis prefixes and limiter preset where it replicates that.
pub fn lab_settings(base: &Settings, gateway: LabGateway) -> Settings {
    let mut settings = base.clone();
    if let LabGateway::Askproai { .. } = gateway {
        let file = &mut settings.file;
        file.redis.prefix = app_files::ASKPROAI_CLIENT_PREFIX.into();
        file.rate_limit = crate::settings::file::RateLimitSection::default();
        file.breaker_store.preset = crate::core::limiter::PRESET_ASKPROAI.into();
        file.limiter = crate::settings::file::LimiterSection {
            preset: crate::core::limiter::PRESET_ASKPROAI.into(),
            client_prefix: Some(app_files::ASKPROAI_CLIENT_PREFIX.into()),
            cache_prefix: Some(app_files::ASKPROAI_CACHE_PREFIX.into()),
            ..Default::default()
        };
    }
    if gateway == LabGateway::Laravel {
        // No limits written by hand: the app's routes and limiters say them;
        // the limiter a rollback takes out is Laravel's throttle.
        settings.file.limiter.middleware = Some(vec!["throttle".into()]);
    }
    settings
}

/// How the lab's Redis is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topology {
    Standalone,
    /// A primary, a replica and three sentinels.
    Sentinel,
    /// Three primaries (`redis-cli --cluster create`), no replicas.
    Cluster,
}

/// The master name the lab's sentinels monitor.
pub const SENTINEL_MASTER: &str = "gateway";

/// One timed step of `lab up`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    pub ms: u64,
}

/// What `lab up` did, for the report.
#[derive(Debug, Clone)]
pub struct Started {
    pub state: LabState,
    pub steps: Vec<Step>,
    pub installed: bool,
}

/// Builds and starts a lab; `progress` hears each step as it begins.
pub fn up(settings: &Settings, opts: &UpOptions, progress: &mut dyn FnMut(&str)) -> Result<Started, LabError> {
    let settings = &lab_settings(settings, opts.gateway);
    let mut installed = false;
    let missing = packages::missing();
    if !missing.is_empty() {
        if !opts.install {
            return Err(packages::PackageError::Missing { missing }.into());
        }
        progress("installing packages with apt-get");
        packages::install(missing)?;
        installed = true;
    }
    let dir = absolute(&opts.dir);
    let layout = Layout::new(&dir);
    refuse_running(&layout)?;
    let fpm_binary = packages::find_fpm().map(|p| p.display().to_string()).unwrap_or_else(|| "php-fpm8.2".into());
    // Free ports can be taken between choosing and binding them (labs start
    // side by side): with ports we chose ourselves, try again with others.
    let attempts = if opts.port_base.is_some() { 1 } else { 3 };
    let mut attempt = 0;
    let (run, ports) = loop {
        attempt += 1;
        let mut ports = choose_ports(opts.port_base)?;
        if let Some(shared) = opts.shared {
            ports.redis = shared.redis;
            ports.upstream = shared.upstream;
            ports.upstream_control = shared.upstream_control;
        }
        let sentinel = if opts.redis == Topology::Sentinel { Some(free_ports::<4>()?) } else { None };
        let cluster = if opts.redis == Topology::Cluster { Some(free_ports::<5>()?) } else { None };
        let mut run = Run {
            layout: layout.clone(),
            ports,
            sentinel,
            cluster,
            started: Vec::new(),
            steps: Vec::new(),
            clock: Instant::now(),
        };
        match run.start_all(settings, opts, &fpm_binary, progress) {
            Ok(()) => break (run, ports),
            Err(e) => {
                // Leave nothing behind: stop what this attempt started.
                down::stop_processes(&run.started);
                let retry = matches!(e, LabError::NotReady { .. } | LabError::PortInUse { .. });
                if !retry || attempt >= attempts {
                    return Err(e);
                }
                progress("a port was taken meanwhile; trying other ports");
            }
        }
    };
    let state = LabState {
        dir: dir.clone(),
        ports,
        base_url: format!("http://127.0.0.1:{}", ports.http),
        config: run.layout.config_file(),
        fpm_binary,
        started_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        processes: run.started.clone(),
    };
    state.save(&run.layout)?;
    Ok(Started { state, steps: run.steps, installed })
}

/// How many collect-appointment calls a lab starts with.
const RETELL_CALLS: usize = 120;

fn absolute(dir: &Path) -> PathBuf {
    if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().map(|c| c.join(dir)).unwrap_or_else(|_| dir.to_path_buf())
    }
}

fn refuse_running(layout: &Layout) -> Result<(), LabError> {
    let state = LabState::load(layout)
        .map_err(|source| LabError::State { path: layout.state_file().display().to_string(), source })?;
    let alive: Vec<String> = state
        .map(|s| s.processes.iter().filter(|p| process::is_alive(p.pid)).map(|p| p.pid.to_string()).collect())
        .unwrap_or_default();
    if alive.is_empty() {
        return Ok(());
    }
    Err(LabError::AlreadyRunning { dir: layout.dir.display().to_string(), pids: alive.join(", ") })
}

fn choose_ports(base: Option<u16>) -> Result<Ports, LabError> {
    let ports = match base {
        Some(b) => Ports::from_base(b).ok_or(LabError::PortBase(b))?,
        None => {
            // All five held at once, so they are distinct.
            let bind = || {
                std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))
                    .map_err(|e| LabError::Ports { source: e })
            };
            let held = [bind()?, bind()?, bind()?, bind()?, bind()?];
            let port = |i: usize| held[i].local_addr().map(|a| a.port()).unwrap_or(0);
            Ports { http: port(0), fpm: port(1), redis: port(2), upstream: port(3), upstream_control: port(4) }
        }
    };
    for (what, port) in ports.all() {
        if !is_free(port) {
            return Err(LabError::PortInUse { port, what });
        }
    }
    Ok(ports)
}

/// N distinct free loopback ports, held together while chosen.
fn free_ports<const N: usize>() -> Result<[u16; N], LabError> {
    let mut held = Vec::with_capacity(N);
    for _ in 0..N {
        held.push(
            std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0))
                .map_err(|e| LabError::Ports { source: e })?,
        );
    }
    let mut ports = [0u16; N];
    for (p, l) in ports.iter_mut().zip(&held) {
        *p = l.local_addr().map(|a| a.port()).unwrap_or(0);
    }
    Ok(ports)
}

struct Run {
    layout: Layout,
    ports: Ports,
    /// Sentinel mode: the replica's port, then the three sentinels'.
    sentinel: Option<[u16; 4]>,
    /// Cluster mode: the second and third primaries' ports, then the three
    /// nodes' bus ports (chosen, since port + 10000 may not exist).
    cluster: Option<[u16; 5]>,
    started: Vec<LabProcess>,
    steps: Vec<Step>,
    clock: Instant,
}

impl Run {
    fn step(&mut self, name: &str, progress: &mut dyn FnMut(&str)) {
        progress(name);
        self.clock = Instant::now();
        self.steps.push(Step { name: name.to_string(), ms: 0 });
    }

    fn end_step(&mut self) {
        if let Some(last) = self.steps.last_mut() {
            last.ms = self.clock.elapsed().as_millis() as u64;
        }
    }

    fn start_all(
        &mut self,
        settings: &Settings,
        opts: &UpOptions,
        fpm: &str,
        progress: &mut dyn FnMut(&str),
    ) -> Result<(), LabError> {
        let as_root = packages::is_root();
        self.step("write the app and configs", progress);
        self.write_files(settings, opts, fpm, as_root)?;
        self.end_step();
        if let (None, Some(ports)) = (opts.shared, self.cluster) {
            self.step("start a three-primary Redis Cluster", progress);
            self.start_cluster(ports)?;
            self.end_step();
        } else if opts.shared.is_none() {
            self.step("start redis-server", progress);
            self.start_redis()?;
            self.end_step();
        }
        if let Some(ports) = self.sentinel {
            self.step("start a replica and three sentinels", progress);
            self.start_sentinels(ports)?;
            self.end_step();
        }
        self.step("rebuild the artisan caches", progress);
        for command in ["config:cache", "route:cache", "event:cache"] {
            artisan::run("php", &self.layout.app(), &[command])?;
        }
        self.end_step();
        self.step("start php-fpm", progress);
        self.start_fpm(fpm, as_root)?;
        self.end_step();
        self.step("start nginx", progress);
        self.start_nginx()?;
        self.end_step();
        if opts.shared.is_none() {
            self.step("start the Cal.com stand-in", progress);
            self.start_upstream(&opts.gatewayctl)?;
            self.end_step();
        }
        self.step("wait for /api/health", progress);
        self.wait_healthy()?;
        self.end_step();
        // Retell calls of its own, logged by the app, for the input-validation preview.
        self.step("send the lab's Retell collect-appointment traffic", progress);
        super::traffic::send(&format!("127.0.0.1:{}", self.ports.http), &super::traffic::payloads(RETELL_CALLS, 7));
        if opts.gateway != LabGateway::Contract {
            // The baseline's Retell routes carry Laravel's throttle (the
            // laravel lab's api group every route), one counter per client
            // address across them: the lab's own traffic must not leave
            // 127.0.0.1 refused for a minute.
            self.forget_throttle(opts.gateway);
        }
        self.end_step();
        Ok(())
    }

    /// Deletes the throttle counters and timers in the lab's cache database
    /// (found with SCAN): the lab's own startup traffic made them.
    fn forget_throttle(&self, gateway: LabGateway) {
        let port = self.ports.redis.to_string();
        // Where each lab's cache store keeps its keys (config/cache.php, config/database.php).
        let (db, pattern) = match gateway {
            LabGateway::Askproai { .. } => {
                ("1", format!("{}{}*:timer", app_files::ASKPROAI_CLIENT_PREFIX, app_files::ASKPROAI_CACHE_PREFIX))
            }
            _ => ("0", "gateway_cache:*:timer".to_string()),
        };
        let Ok(out) = Command::new("redis-cli").args(["-p", &port, "-n", db, "--scan", "--pattern", &pattern]).output()
        else {
            return;
        };
        for timer in String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()) {
            let counter = timer.trim_end_matches(":timer");
            let _ = Command::new("redis-cli").args(["-p", &port, "-n", db, "DEL", timer, counter]).output();
        }
    }

    fn write_files(&self, settings: &Settings, opts: &UpOptions, fpm: &str, as_root: bool) -> Result<(), LabError> {
        let app = self.layout.app();
        let mkdir = |p: &Path| {
            std::fs::create_dir_all(p).map_err(|source| LabError::Dir { path: p.display().to_string(), source })
        };
        for (path, contents) in app_files::APP_FILES {
            let target = app.join(path);
            mkdir(target.parent().expect("app files have a parent"))?;
            files::write_atomic(&target, contents.as_bytes())?;
        }
        if opts.calcom_unguarded {
            files::write_atomic(&app.join("app/Services/CalcomService.php"), app_files::calcom_unguarded().as_bytes())?;
        }
        if let LabGateway::Askproai { as_deployed } = opts.gateway {
            for (path, contents) in app_files::ASKPROAI_FILES {
                let target = app.join(path);
                mkdir(target.parent().expect("app files have a parent"))?;
                files::write_atomic(&target, contents.as_bytes())?;
            }
            if as_deployed {
                files::write_atomic(&app.join("bootstrap/app.php"), app_files::bootstrap_as_deployed().as_bytes())?;
            }
        }
        if opts.gateway == LabGateway::Laravel {
            for (path, contents) in app_files::LARAVEL_FILES {
                files::write_atomic(&app.join(path), contents.as_bytes())?;
            }
            files::write_atomic(&app.join("app/Http/Kernel.php"), app_files::kernel_laravel().as_bytes())?;
        }
        for dir in app_files::WRITABLE_DIRS {
            mkdir(&app.join(dir))?;
        }
        // A gateway has a log from its first day; the replica starts with an
        // empty one, so preflight reads a real file, not a missing one.
        let log = app.join("storage/logs/laravel.log");
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(|source| LabError::Dir { path: log.display().to_string(), source })?;
        for cache in ["config.php", "routes-v7.php", "events.php"] {
            let _ = std::fs::remove_file(app.join("bootstrap/cache").join(cache));
        }
        mkdir(&self.layout.run().join("nginx-tmp"))?;
        mkdir(&self.layout.dir.join("state"))?;
        let gateway = render::gateway_php(settings, &self.ports, opts.upstream_timeout_s, &self.cluster_nodes());
        files::write_atomic(&app.join("config/gateway.php"), gateway.as_bytes())?;
        files::write_atomic(&app.join(".env"), render::dotenv().as_bytes())?;
        files::write_atomic(&self.layout.fpm_config(), render::fpm_conf(&self.layout, &self.ports).as_bytes())?;
        files::write_atomic(
            &self.layout.nginx_config(),
            render::nginx_conf(&self.layout, &self.ports, as_root).as_bytes(),
        )?;
        let mut config = render::lab_config(&settings.file, &self.layout, &self.ports, fpm);
        if let Some([_, sentinels @ ..]) = self.sentinel {
            // gatewayctl finds the master through the sentinels; the app
            // (Laravel 8 with phpredis has no Sentinel connector) talks to
            // the primary it started with.
            config.redis.mode = crate::settings::file::RedisMode::Sentinel;
            config.redis.sentinels = sentinels.iter().map(|p| format!("127.0.0.1:{p}")).collect();
            config.redis.master_name = SENTINEL_MASTER.into();
            config.redis.sentinel_password = self.sentinel_password();
        }
        if self.cluster.is_some() {
            // gatewayctl and the app (phpredis's RedisCluster) both start
            // from the three primaries.
            config.redis.mode = crate::settings::file::RedisMode::Cluster;
            config.redis.nodes = self.cluster_nodes().iter().map(|p| format!("127.0.0.1:{p}")).collect();
        }
        let text = render::lab_config_text(&config, &self.layout.dir);
        files::write_atomic(&self.layout.config_file(), text.as_bytes())?;
        Ok(())
    }

    fn not_ready(&self, what: &'static str, log: PathBuf) -> LabError {
        LabError::NotReady { what, waited: READY_TIMEOUT, tail: tail(&log, 15), log: log.display().to_string() }
    }

    fn start_redis(&mut self) -> Result<(), LabError> {
        let (pid_file, log) = (self.layout.redis_pid(), self.layout.log("redis"));
        self.spawn_redis("redis-server", self.ports.redis, Vec::new(), &pid_file, &log, &[])
    }

    /// One daemonized redis-server on loopback, `extra` its mode's flags,
    /// recorded as started and waited for until it listens.
    fn spawn_redis(
        &mut self,
        name: &str,
        port: u16,
        also: Vec<u16>,
        pid_file: &Path,
        log: &Path,
        extra: &[String],
    ) -> Result<(), LabError> {
        let _ = std::fs::remove_file(pid_file);
        let status = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"])
            .args(["--daemonize", "yes"])
            // A replica (sentinel mode) syncs at once rather than after 5 s.
            .args(["--repl-diskless-sync-delay", "0"])
            .args(extra)
            .arg("--pidfile")
            .arg(pid_file)
            .arg("--logfile")
            .arg(log)
            .arg("--dir")
            .arg(self.layout.run())
            .status()
            .map_err(|source| crate::adapters::process::ProcessError::Spawn {
                program: format!("redis-server ({name})"),
                source,
            })?;
        let ready = status.success()
            && wait_until(READY_TIMEOUT, || process::read_pid_file(pid_file).is_some() && is_listening(port));
        if let Some(pid) = process::read_pid_file(pid_file) {
            self.started.push(LabProcess { name: name.to_string(), pid, port, also });
        }
        if !ready {
            return Err(self.not_ready("redis-server", log.to_path_buf()));
        }
        Ok(())
    }

    /// Cluster mode: the three primaries' ports (the first is `ports.redis`).
    fn cluster_nodes(&self) -> Vec<u16> {
        match self.cluster {
            Some([n2, n3, ..]) => vec![self.ports.redis, n2, n3],
            None => Vec::new(),
        }
    }

    /// Three cluster-enabled redis-servers, joined by `redis-cli --cluster
    /// create` (slots split three ways, no replicas), waited for until every
    /// node says `cluster_state:ok`.
    fn start_cluster(&mut self, [n2, n3, b1, b2, b3]: [u16; 5]) -> Result<(), LabError> {
        let run = self.layout.run();
        let nodes = [(self.ports.redis, b1), (n2, b2), (n3, b3)];
        for (i, &(port, bus)) in nodes.iter().enumerate() {
            let name = if i == 0 { "redis-server".to_string() } else { format!("redis-cluster-{}", i + 1) };
            let pid_file = if i == 0 { self.layout.redis_pid() } else { run.join(format!("{name}.pid")) };
            let nodes_conf = run.join(format!("nodes-{}.conf", i + 1));
            // A node config from an earlier lab would rejoin a cluster that is gone.
            let _ = std::fs::remove_file(&nodes_conf);
            let flags =
                ["--cluster-enabled", "yes", "--cluster-port", &bus.to_string(), "--cluster-node-timeout", "2000"];
            let mut extra: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
            extra.extend(["--cluster-config-file".to_string(), nodes_conf.display().to_string()]);
            self.spawn_redis(&name, port, vec![bus], &pid_file, &self.layout.log(&name), &extra)?;
        }
        let addresses: Vec<String> = nodes.iter().map(|(p, _)| format!("127.0.0.1:{p}")).collect();
        let created = duct::cmd(
            "redis-cli",
            ["--cluster", "create"].iter().map(|s| s.to_string()).chain(addresses).chain([
                "--cluster-replicas".into(),
                "0".into(),
                "--cluster-yes".into(),
            ]),
        )
        .stderr_to_stdout()
        .stdout_capture()
        .unchecked()
        .run();
        let log = self.layout.log("redis-cluster-create");
        if let Ok(out) = &created {
            let _ = std::fs::write(&log, &out.stdout);
        }
        let ok = created.is_ok_and(|o| o.status.success())
            && wait_until(READY_TIMEOUT, || {
                nodes.iter().all(|(port, _)| {
                    let out = Command::new("redis-cli").args(["-p", &port.to_string(), "CLUSTER", "INFO"]).output();
                    out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("cluster_state:ok"))
                })
            });
        if !ok {
            return Err(self.not_ready("redis-cli --cluster create", log));
        }
        Ok(())
    }

    /// The lab's sentinels have a password, as production's often do; it is
    /// derived from the lab's ports, so the config and the sentinels agree.
    fn sentinel_password(&self) -> String {
        let seed =
            self.sentinel.map_or(0, |p| p.iter().fold(0u64, |a, &x| a.wrapping_mul(65_537).wrapping_add(u64::from(x))));
        format!("lab-sentinel-{}", crate::core::rng::Rng::new(seed ^ u64::from(self.ports.redis)).hex(16))
    }

    /// A replica of the primary, and three sentinels monitoring it (quorum
    /// 2, down after 1 s), each waited for: the replica in sync, every
    /// sentinel naming the primary.
    fn start_sentinels(&mut self, [replica, s1, s2, s3]: [u16; 4]) -> Result<(), LabError> {
        let run = self.layout.run();
        let primary = self.ports.redis.to_string();
        let spawn = |args: Vec<String>, name: &'static str| -> Result<(), LabError> {
            let status = Command::new("redis-server").args(&args).status().map_err(|source| {
                crate::adapters::process::ProcessError::Spawn { program: format!("redis-server ({name})"), source }
            })?;
            match status.success() {
                true => Ok(()),
                false => Err(LabError::NotReady {
                    what: name,
                    waited: READY_TIMEOUT,
                    tail: String::new(),
                    log: String::new(),
                }),
            }
        };
        let pid = |n: &str| run.join(format!("{n}.pid"));
        let log = |n: &str| run.join(format!("{n}.log"));
        let replica_args: Vec<String> = [
            "--bind",
            "127.0.0.1",
            "--port",
            &replica.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--replicaof",
            "127.0.0.1",
            &primary,
        ]
        .iter()
        .map(|s| s.to_string())
        .chain(["--pidfile".into(), pid("redis-replica").display().to_string()])
        .chain(["--logfile".into(), log("redis-replica").display().to_string()])
        .chain(["--dir".into(), run.display().to_string()])
        .collect();
        spawn(replica_args, "redis replica")?;
        let synced = wait_until(READY_TIMEOUT, || {
            let out = Command::new("redis-cli").args(["-p", &replica.to_string(), "INFO", "replication"]).output();
            out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("master_link_status:up"))
        });
        if let Some(p) = process::read_pid_file(&pid("redis-replica")) {
            self.started.push(LabProcess { name: "redis-replica".into(), pid: p, port: replica, also: Vec::new() });
        }
        if !synced {
            return Err(self.not_ready("the redis replica's sync", log("redis-replica")));
        }
        for (i, port) in [s1, s2, s3].into_iter().enumerate() {
            let name = format!("redis-sentinel-{}", i + 1);
            let conf = run.join(format!("{name}.conf"));
            // Sentinel rewrites its own config: it lives in the lab's run dir.
            let text = format!(
                "bind 127.0.0.1\nport {port}\ndaemonize yes\npidfile {}\nlogfile {}\ndir {}\nrequirepass {}\n\
                 sentinel monitor {SENTINEL_MASTER} 127.0.0.1 {primary} 2\n\
                 sentinel down-after-milliseconds {SENTINEL_MASTER} 1000\n\
                 sentinel failover-timeout {SENTINEL_MASTER} 5000\n\
                 sentinel parallel-syncs {SENTINEL_MASTER} 1\n",
                pid(&name).display(),
                log(&name).display(),
                run.display(),
                self.sentinel_password()
            );
            std::fs::write(&conf, text).map_err(|source| LabError::Dir { path: conf.display().to_string(), source })?;
            spawn(vec![conf.display().to_string(), "--sentinel".into()], "redis sentinel")?;
            let ready =
                wait_until(READY_TIMEOUT, || process::read_pid_file(&pid(&name)).is_some() && is_listening(port));
            if let Some(p) = process::read_pid_file(&pid(&name)) {
                self.started.push(LabProcess { name: name.clone(), pid: p, port, also: Vec::new() });
            }
            if !ready {
                return Err(self.not_ready("a redis sentinel", log(&name)));
            }
        }
        Ok(())
    }

    fn start_fpm(&mut self, fpm: &str, as_root: bool) -> Result<(), LabError> {
        let conf = self.layout.fpm_config();
        let mut args = vec!["-y".to_string(), conf.display().to_string()];
        if as_root {
            // The lab runs workers as the user who started it; root needs -R.
            args.push("-R".into());
        }
        let mut test_args = args.clone();
        test_args.push("-t".into());
        config_test("php-fpm", fpm, &test_args)?;
        let mut command = Command::new(fpm);
        command.arg("-F").args(&args);
        let log = self.layout.log("php-fpm");
        let pid = spawn_detached(command, &log)?;
        self.started.push(LabProcess { name: "php-fpm".into(), pid, port: self.ports.fpm, also: Vec::new() });
        if !wait_until(READY_TIMEOUT, || is_listening(self.ports.fpm) || !process::is_alive(pid))
            || !process::is_alive(pid)
        {
            return Err(self.not_ready("php-fpm", self.layout.run().join("php-fpm-error.log")));
        }
        Ok(())
    }

    fn nginx_args(&self) -> Vec<String> {
        let run = self.layout.run();
        vec![
            "-p".into(),
            run.display().to_string(),
            "-e".into(),
            run.join("nginx-error.log").display().to_string(),
            "-c".into(),
            self.layout.nginx_config().display().to_string(),
        ]
    }

    fn start_nginx(&mut self) -> Result<(), LabError> {
        let mut test_args = self.nginx_args();
        test_args.push("-t".into());
        config_test("nginx", "nginx", &test_args)?;
        let pid_file = self.layout.nginx_pid();
        let _ = std::fs::remove_file(&pid_file);
        let _ = duct::cmd("nginx", self.nginx_args()).stderr_to_stdout().stdout_capture().unchecked().run();
        let ready =
            wait_until(READY_TIMEOUT, || process::read_pid_file(&pid_file).is_some() && is_listening(self.ports.http));
        if let Some(pid) = process::read_pid_file(&pid_file) {
            self.started.push(LabProcess { name: "nginx".into(), pid, port: self.ports.http, also: Vec::new() });
        }
        if !ready {
            return Err(self.not_ready("nginx", self.layout.run().join("nginx-error.log")));
        }
        Ok(())
    }

    fn start_upstream(&mut self, gatewayctl: &Path) -> Result<(), LabError> {
        let mut command = Command::new(gatewayctl);
        command.args([
            "lab",
            "serve-upstream",
            "--listen",
            &format!("127.0.0.1:{}", self.ports.upstream),
            "--control",
            &format!("127.0.0.1:{}", self.ports.upstream_control),
        ]);
        let log = self.layout.log("upstream");
        let pid = spawn_detached(command, &log)?;
        self.started.push(LabProcess { name: "upstream".into(), pid, port: self.ports.upstream, also: Vec::new() });
        if !wait_until(READY_TIMEOUT, || is_listening(self.ports.upstream_control)) {
            return Err(self.not_ready("the Cal.com stand-in", log));
        }
        Ok(())
    }

    fn wait_healthy(&self) -> Result<(), LabError> {
        let url = format!("127.0.0.1:{}", self.ports.http);
        let healthy = wait_until(READY_TIMEOUT, || health_ok(&url));
        if !healthy {
            return Err(self.not_ready("the gateway's /api/health", self.layout.app().join("storage/logs/laravel.log")));
        }
        Ok(())
    }
}

/// A daemon's own config test (`-t`): its output when it fails.
fn config_test(what: &'static str, program: &str, args: &[String]) -> Result<(), LabError> {
    match duct::cmd(program, args).stderr_to_stdout().stdout_capture().unchecked().run() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(LabError::ConfigTest { what, output: String::from_utf8_lossy(&out.stdout).trim().to_string() }),
        Err(e) => Err(LabError::ConfigTest { what, output: e.to_string() }),
    }
}

/// A plain HTTP/1.0 GET, so readiness needs no runtime.
fn health_ok(addr: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(addr) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /api/health HTTP/1.0\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") && answer.contains("\"status\":\"healthy\"")
}
