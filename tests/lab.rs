//! A lab per test: `gatewayctl lab up` in its own directory on its own free
//! ports (so tests run in parallel), stopped with `lab down` when dropped.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use gatewayctl::adapters::http::{Exchange, Http};
use gatewayctl::report::lab::{LabDownReport, LabUpReport};
use gatewayctl::settings::Settings;

use crate::harness::{code, gatewayctl, json, stderr};

static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct Lab {
    pub report: LabUpReport,
    /// The model, loaded from the config the lab was built with and wrote.
    pub settings: Settings,
    pub dir: PathBuf,
    pub rt: tokio::runtime::Runtime,
    stopped: bool,
}

impl Lab {
    /// A lab built from `config` (gatewayctl TOML; the plan's values when None).
    pub fn start(name: &str, config: Option<&str>) -> Lab {
        Self::start_with(name, config, &[])
    }

    pub fn start_with(name: &str, config: Option<&str>, extra: &[&str]) -> Lab {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("labs");
        std::fs::create_dir_all(&root).unwrap();
        let dir = root.join(format!("{name}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let config_path = dir.with_extension("toml");
        let mut args: Vec<String> = Vec::new();
        if let Some(text) = config {
            std::fs::write(&config_path, text).unwrap();
            args.extend(["--config".into(), config_path.display().to_string()]);
        }
        args.extend(["lab", "up", "--dir", &dir.display().to_string(), "--format", "json"].map(String::from));
        args.extend(extra.iter().map(|s| s.to_string()));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = gatewayctl(&argv);
        assert_eq!(code(&out), 0, "lab up failed (a missing package is named here):\n{}", stderr(&out));
        let report: LabUpReport = json(&out);
        let settings = gatewayctl::settings::load(Some(&report.config), None).expect("the lab's config loads");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        Lab { report, settings, dir, rt, stopped: false }
    }

    pub fn http(&self, local: Option<IpAddr>) -> Http {
        Http::new(&self.report.base_url, Duration::from_secs(10), local).unwrap()
    }

    pub fn send(
        &self,
        http: &Http,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&serde_json::Value>,
    ) -> Exchange {
        self.rt.block_on(http.send(method, path, headers, body)).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// Cluster labs: the primaries' ports; empty for one server.
    pub fn cluster_ports(&self) -> Vec<String> {
        self.settings.file.redis.nodes.iter().filter_map(|n| n.rsplit_once(':')).map(|(_, p)| p.to_string()).collect()
    }

    /// redis-cli on the lab's Redis. On a cluster, a key command follows
    /// MOVED (`-c`), and FLUSHALL and `--scan` go to every primary.
    pub fn redis(&self, args: &[&str]) -> String {
        let run = |port: &str, cluster: bool| {
            let mut cmd = std::process::Command::new("redis-cli");
            cmd.args(["-h", "127.0.0.1", "-p", port]);
            if cluster {
                cmd.arg("-c");
            }
            let out = cmd.args(args).output().expect("redis-cli");
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        let nodes = self.cluster_ports();
        match args.first().copied() {
            _ if nodes.is_empty() => run(&self.report.ports.redis.to_string(), false),
            Some("FLUSHALL" | "--scan") => {
                nodes.iter().map(|p| run(p, false)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
            }
            _ => run(&nodes[0], true),
        }
    }

    /// Every key in the lab's Redis with its integer value.
    pub fn redis_keys(&self) -> std::collections::BTreeMap<String, i64> {
        let keys = self.redis(&["--scan"]);
        keys.lines()
            .filter(|k| !k.is_empty())
            .filter_map(|k| self.redis(&["GET", k]).parse::<i64>().ok().map(|v| (k.to_string(), v)))
            .collect()
    }

    pub fn upstream(&self, mode: &str) -> gatewayctl::report::lab::UpstreamReport {
        let dir = self.dir.display().to_string();
        let mut args = vec!["lab", "upstream"];
        if !mode.is_empty() {
            args.push(mode);
        }
        args.extend(["--dir", &dir, "--format", "json"]);
        let out = gatewayctl(&args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        json(&out)
    }

    pub fn laravel_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("app/storage/logs/laravel.log")).unwrap_or_default()
    }

    pub fn down(&mut self) -> LabDownReport {
        self.stopped = true;
        let out = gatewayctl(&["lab", "down", "--dir", &self.dir.display().to_string(), "--format", "json"]);
        json(&out)
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        if !self.stopped {
            let _ = gatewayctl(&["lab", "down", "--dir", &self.dir.display().to_string()]);
        }
    }
}

/// The crate's own generator: a failing schedule is replayed by its seed.
pub use gatewayctl::core::rng::Rng;
