//! Where a lab keeps things, its ports, and the state file `lab down` and
//! `lab status` read (which processes it started, by pid).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::adapters::files;

/// One loopback port per process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ports {
    pub http: u16,
    pub fpm: u16,
    pub redis: u16,
    pub upstream: u16,
    pub upstream_control: u16,
}

impl Ports {
    /// `--port-base P`: P, P+1, … P+4.
    pub fn from_base(base: u16) -> Option<Ports> {
        let at = |i: u16| base.checked_add(i);
        Some(Ports { http: at(0)?, fpm: at(1)?, redis: at(2)?, upstream: at(3)?, upstream_control: at(4)? })
    }

    pub fn all(&self) -> [(&'static str, u16); 5] {
        [
            ("nginx", self.http),
            ("php-fpm", self.fpm),
            ("redis-server", self.redis),
            ("upstream", self.upstream),
            ("upstream control", self.upstream_control),
        ]
    }
}

/// The lab's directories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub dir: PathBuf,
}

impl Layout {
    pub fn new(dir: &Path) -> Layout {
        Layout { dir: dir.to_path_buf() }
    }
    pub fn app(&self) -> PathBuf {
        self.dir.join("app")
    }
    pub fn run(&self) -> PathBuf {
        self.dir.join("run")
    }
    pub fn state_file(&self) -> PathBuf {
        self.dir.join("lab.json")
    }
    pub fn config_file(&self) -> PathBuf {
        self.dir.join("gatewayctl.toml")
    }
    pub fn fpm_config(&self) -> PathBuf {
        self.run().join("php-fpm.conf")
    }
    pub fn fpm_pid(&self) -> PathBuf {
        self.run().join("php-fpm.pid")
    }
    pub fn nginx_config(&self) -> PathBuf {
        self.run().join("nginx.conf")
    }
    pub fn nginx_pid(&self) -> PathBuf {
        self.run().join("nginx.pid")
    }
    pub fn redis_pid(&self) -> PathBuf {
        self.run().join("redis.pid")
    }
    pub fn log(&self, name: &str) -> PathBuf {
        self.run().join(format!("{name}.log"))
    }
}

/// A process the lab started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabProcess {
    pub name: String,
    pub pid: u32,
    pub port: u16,
    /// Other ports it listens on (a cluster node's bus), checked closed too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<u16>,
}

/// `lab.json`: what `lab up` started, so `lab down` stops exactly that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabState {
    pub dir: PathBuf,
    pub ports: Ports,
    pub base_url: String,
    pub config: PathBuf,
    pub fpm_binary: String,
    pub started_at: u64,
    pub processes: Vec<LabProcess>,
}

impl LabState {
    pub fn load(layout: &Layout) -> std::io::Result<Option<LabState>> {
        match std::fs::read(layout.state_file()) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, layout: &Layout) -> Result<(), files::FileError> {
        let json = serde_json::to_vec_pretty(self).expect("serializable");
        files::write_atomic(&layout.state_file(), &json)
    }
}
