//! `lab up|down|status|upstream` results.

use std::io::{self, Write};
use std::path::PathBuf;

use comfy_table::Cell;
use serde::{Deserialize, Serialize};

use crate::adapters::process::Stopped;
use crate::lab::down::{ProcessStatus, StoppedProcess};
use crate::lab::layout::{LabProcess, Ports};
use crate::lab::up::Step;
use crate::report::{table, Human, Style};

/// `lab up --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabUpReport {
    pub dir: PathBuf,
    /// The gatewayctl config for this lab: pass it with --config.
    pub config: PathBuf,
    pub base_url: String,
    pub ports: Ports,
    pub processes: Vec<LabProcess>,
    pub steps: Vec<Step>,
    pub elapsed_ms: u64,
    pub installed: bool,
    pub dry_run: bool,
}

impl Human for LabUpReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        if self.dry_run {
            writeln!(
                w,
                "would build a lab in {} on ports {:?} (dry run: nothing started)",
                self.dir.display(),
                self.ports
            )?;
            return Ok(());
        }
        writeln!(w, "{} in {:.2}s: {}", style.good("lab up"), self.elapsed_ms as f64 / 1000.0, self.base_url)?;
        let mut t = table::new(&["process", "pid", "port"]);
        for p in &self.processes {
            t.add_row(vec![Cell::new(&p.name), table::num(p.pid), table::num(p.port)]);
        }
        writeln!(w, "{t}")?;
        let mut t = table::new(&["step", "ms"]);
        for s in &self.steps {
            t.add_row(vec![Cell::new(&s.name), table::num(s.ms)]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "config: {}", self.config.display())?;
        writeln!(w, "try:    gatewayctl --config {} breaker status", self.config.display())?;
        writeln!(w, "stop:   gatewayctl lab down --dir {}", self.dir.display())
    }
}

/// `lab up --hosts N --format json`: every host, and the sshd in front of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetLabUpReport {
    pub dir: PathBuf,
    /// The operator's config ([fleet], [[hosts]]) and the same fleet as an Ansible INI inventory.
    pub config: PathBuf,
    pub inventory: PathBuf,
    pub sshd_port: u16,
    pub hosts: Vec<LabUpReport>,
    pub elapsed_ms: u64,
}

impl Human for FleetLabUpReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        writeln!(
            w,
            "{} in {:.2}s: {} hosts sharing one Redis and one Cal.com stand-in, sshd on 127.0.0.1:{}",
            style.good("lab up"),
            self.elapsed_ms as f64 / 1000.0,
            self.hosts.len(),
            self.sshd_port
        )?;
        let mut t = table::new(&["host", "base url", "processes", "config"]);
        for (i, h) in self.hosts.iter().enumerate() {
            let procs: Vec<String> = h.processes.iter().map(|p| format!("{} {}", p.name, p.pid)).collect();
            t.add_row(vec![
                Cell::new(format!("gw{}", i + 1)),
                Cell::new(&h.base_url),
                Cell::new(procs.join(", ")),
                Cell::new(h.config.display()),
            ]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "config:    {}", self.config.display())?;
        writeln!(w, "inventory: {}", self.inventory.display())?;
        writeln!(w, "try:       gatewayctl --config {} preflight --hosts all", self.config.display())?;
        writeln!(w, "stop:      gatewayctl lab down --dir {}", self.dir.display())
    }
}

/// `lab down --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabDownReport {
    pub dir: PathBuf,
    pub processes: Vec<StoppedProcess>,
    /// Lab ports still listening after the stop (empty when clean).
    pub open_ports: Vec<u16>,
    /// Every process gone and every port closed.
    pub clean: bool,
}

impl Human for LabDownReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["process", "pid", "stopped", "port closed"]);
        for p in &self.processes {
            let how = match p.stopped {
                Stopped::Graceful => "gracefully".to_string(),
                Stopped::AlreadyGone => "was not running".to_string(),
                Stopped::Killed => style.warn("killed (did not stop in 5s)"),
                Stopped::StillRunning => style.bad("STILL RUNNING"),
            };
            let closed = if p.port_closed { style.good("yes") } else { style.bad("no") };
            t.add_row(vec![Cell::new(&p.name), table::num(p.pid), Cell::new(how), Cell::new(closed)]);
        }
        writeln!(w, "{t}")?;
        match self.clean {
            true => writeln!(w, "lab in {} stopped; nothing left running", self.dir.display()),
            false => writeln!(w, "{}", style.bad("some processes or ports are still there; see above")),
        }
    }
}

/// `lab status --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabStatusReport {
    pub dir: PathBuf,
    pub base_url: String,
    pub config: PathBuf,
    pub processes: Vec<ProcessStatus>,
    /// Every process alive and listening.
    pub up: bool,
}

impl Human for LabStatusReport {
    fn human(&self, w: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut t = table::new(&["process", "pid", "port", "alive", "listening"]);
        for p in &self.processes {
            let yes_no = |b: bool| if b { style.good("yes") } else { style.bad("no") };
            t.add_row(vec![
                Cell::new(&p.name),
                table::num(p.pid),
                table::num(p.port),
                Cell::new(yes_no(p.alive)),
                Cell::new(yes_no(p.listening)),
            ]);
        }
        writeln!(w, "{t}")?;
        let verdict = if self.up { style.good("up") } else { style.bad("degraded") };
        writeln!(w, "lab {verdict}: {} (config {})", self.base_url, self.config.display())
    }
}

/// `lab upstream --format json`: the Cal.com stand-in's mode and call count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamReport {
    pub mode: String,
    pub calls: u64,
}

impl Human for UpstreamReport {
    fn human(&self, w: &mut dyn Write, _style: &Style) -> io::Result<()> {
        writeln!(w, "Cal.com stand-in: mode {}, {} call(s) served", self.mode, self.calls)
    }
}
