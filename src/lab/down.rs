//! `lab down` and `lab status`: stop exactly the processes `lab up` started
//! (by pid, and make sure they are gone and their ports closed), or report them.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::adapters::process::{self, Stopped};
use crate::lab::layout::{LabProcess, LabState, Layout};
use crate::lab::{is_listening, LabError};

/// How each process ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoppedProcess {
    pub name: String,
    pub pid: u32,
    pub port: u16,
    pub stopped: Stopped,
    pub port_closed: bool,
}

/// The signal that stops each daemon gracefully.
fn graceful_signal(name: &str) -> i32 {
    match name {
        // QUIT lets nginx and php-fpm finish in-flight requests.
        "nginx" | "php-fpm" => libc::SIGQUIT,
        _ => libc::SIGTERM,
    }
}

/// Stops processes front to back (nginx first, Redis last).
pub fn stop_processes(processes: &[LabProcess]) -> Vec<StoppedProcess> {
    let order = ["nginx", "upstream", "php-fpm", "redis-server"];
    // Cluster nodes, replicas and sentinels sort after these: Redis last.
    let mut sorted: Vec<&LabProcess> = processes.iter().collect();
    sorted.sort_by_key(|p| order.iter().position(|n| *n == p.name).unwrap_or(order.len()));
    sorted
        .into_iter()
        .map(|p| {
            let stopped = process::stop(p.pid, graceful_signal(&p.name), Duration::from_secs(5));
            let port_closed = crate::lab::wait_until(Duration::from_secs(2), || !is_listening(p.port));
            StoppedProcess { name: p.name.clone(), pid: p.pid, port: p.port, stopped, port_closed }
        })
        .collect()
}

pub fn load(layout: &Layout) -> Result<LabState, LabError> {
    let path = layout.state_file();
    LabState::load(layout)
        .map_err(|source| LabError::State { path: path.display().to_string(), source })?
        .ok_or_else(|| LabError::NoLab { dir: layout.dir.display().to_string() })
}

/// What `lab down` left behind: nothing, when it worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Down {
    pub processes: Vec<StoppedProcess>,
    /// Lab ports something still listens on (the stand-in's control port included).
    pub open_ports: Vec<u16>,
}

impl Down {
    pub fn clean(&self) -> bool {
        self.open_ports.is_empty() && self.processes.iter().all(|p| p.stopped != Stopped::StillRunning)
    }
}

/// The ports this lab's own processes listen on (a fleet host leaves the
/// shared Redis and Cal.com stand-in to the host that started them).
fn owned_ports(state: &LabState) -> Vec<u16> {
    let mut ports: Vec<u16> =
        state.processes.iter().flat_map(|p| std::iter::once(p.port).chain(p.also.iter().copied())).collect();
    if state.processes.iter().any(|p| p.name == "upstream") {
        ports.push(state.ports.upstream_control);
    }
    ports
}

/// Stops the lab in `layout` and forgets it (its files stay for inspection).
pub fn down(layout: &Layout) -> Result<Down, LabError> {
    let state = load(layout)?;
    let mut processes = stop_processes(&state.processes);
    // Whatever else still runs from the lab's files (a shadow's stand-in a
    // killed run left) is stopped and counted too: "nothing left running"
    // must be true.
    processes.extend(strays(layout).into_iter().map(|pid| {
        let stopped = process::stop(pid, libc::SIGTERM, Duration::from_secs(2));
        StoppedProcess { name: "stray".into(), pid, port: 0, stopped, port_closed: true }
    }));
    let open_ports = owned_ports(&state).into_iter().filter(|&port| is_listening(port)).collect();
    let result = Down { processes, open_ports };
    if result.clean() {
        let _ = std::fs::remove_file(layout.state_file());
    }
    Ok(result)
}

/// One process as `lab status` sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessStatus {
    pub name: String,
    pub pid: u32,
    pub port: u16,
    pub alive: bool,
    pub listening: bool,
}

pub fn status(layout: &Layout) -> Result<(LabState, Vec<ProcessStatus>), LabError> {
    let state = load(layout)?;
    let mut processes: Vec<ProcessStatus> = state
        .processes
        .iter()
        .map(|p| ProcessStatus {
            name: p.name.clone(),
            pid: p.pid,
            port: p.port,
            alive: process::is_alive(p.pid),
            listening: is_listening(p.port),
        })
        .collect();
    let strays = strays(layout).into_iter().filter(|pid| !state.processes.iter().any(|p| p.pid == *pid));
    processes.extend(strays.map(|pid| ProcessStatus {
        name: "stray".into(),
        pid,
        port: 0,
        alive: true,
        listening: false,
    }));
    Ok((state, processes))
}

/// Processes running from the lab's directory that `lab up` did not start
/// (php-fpm's workers and nginx's are its own children, named by their
/// master): a shadow's stand-in left by a killed run.
fn strays(layout: &Layout) -> Vec<u32> {
    let Ok(state) = load(layout) else { return Vec::new() };
    let ours = |pid: u32| state.processes.iter().any(|p| p.pid == pid || parent_of(pid) == Some(p.pid));
    process::naming(&layout.dir.join("state")).into_iter().filter(|&pid| !ours(pid)).collect()
}

fn parent_of(pid: u32) -> Option<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("PPid:")).and_then(|p| p.trim().parse().ok())
}
