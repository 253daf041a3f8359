//! The lab: a real local replica of the gateway (Laravel 8 from Debian's
//! packages, php-fpm, nginx, redis-server, and a Cal.com stand-in) built in a
//! directory, on loopback ports. It uses adapters to start and stop real
//! processes; it prints nothing.

pub mod down;
pub mod files;
pub mod fleet;
pub mod layout;
pub mod packages;
pub mod render;
pub mod traffic;
pub mod up;
pub mod upstream;

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::adapters::artisan::ArtisanError;
use crate::adapters::files::FileError;
use crate::adapters::process::ProcessError;
use packages::PackageError;

#[derive(Debug, thiserror::Error)]
pub enum LabError {
    #[error(transparent)]
    Packages(#[from] PackageError),
    #[error("a lab is already running in {dir} (pids {pids}); stop it with `gatewayctl lab down --dir {dir}` or choose another --dir")]
    AlreadyRunning { dir: String, pids: String },
    #[error("port {port} ({what}) is in use on 127.0.0.1; choose another --port-base, or omit it to pick free ports")]
    PortInUse { port: u16, what: &'static str },
    #[error("cannot find free loopback ports: {source}")]
    Ports {
        #[source]
        source: std::io::Error,
    },
    #[error("--port-base {0} leaves no room for 5 ports")]
    PortBase(u16),
    #[error("no lab in {dir} (no lab.json); start one with `gatewayctl lab up --dir {dir}`")]
    NoLab { dir: String },
    #[error("cannot read the lab state {path}: {source}")]
    State {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] FileError),
    #[error("cannot create {path}: {source}")]
    Dir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Process(#[from] ProcessError),
    #[error(transparent)]
    Artisan(#[from] ArtisanError),
    #[error("{what} failed its config test: {output}")]
    ConfigTest { what: &'static str, output: String },
    #[error("{program} is not installed: run `apt-get install -y {package}`")]
    NotInstalled { program: &'static str, package: &'static str },
    #[error("{what} did not come up within {}s; its log {log} ends with:\n{tail}", waited.as_secs())]
    NotReady { what: &'static str, waited: Duration, log: String, tail: String },
}

/// Is something accepting connections on 127.0.0.1:`port`?
pub fn is_listening(port: u16) -> bool {
    TcpStream::connect_timeout(&SocketAddrV4::new(Ipv4Addr::LOCALHOST, port).into(), Duration::from_millis(200)).is_ok()
}

/// Can we bind 127.0.0.1:`port` right now?
pub fn is_free(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

/// A port the kernel says is free now.
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

/// Polls `ready` every 20 ms until it holds or `timeout` passes.
pub fn wait_until(timeout: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if ready() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The last lines of a log, for an error message.
pub fn tail(path: &std::path::Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
