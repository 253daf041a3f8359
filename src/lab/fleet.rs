//! `lab up --hosts N`: N app hosts (each its own app dir, php-fpm and
//! nginx on its own loopback ports) sharing the first host's Redis and
//! Cal.com stand-in, behind a real sshd from openssh-server on a loopback
//! port with a generated host key and client key. Writes the operator's
//! gatewayctl.toml (`[fleet]`, `[[hosts]]`) and an Ansible INI inventory
//! that reach the hosts through that sshd. `lab down` stops all of it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::adapters::{files, process};
use crate::lab::down::{self, Down, StoppedProcess};
use crate::lab::layout::{LabProcess, LabState, Layout};
use crate::lab::up::{self, Started, UpOptions};
use crate::lab::{is_listening, wait_until, LabError};
use crate::settings::file::{FileConfig, HostSection};
use crate::settings::Settings;

const SSHD: &str = "/usr/sbin/sshd";

/// What a fleet lab keeps in its directory (`fleet.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FleetLab {
    pub dir: PathBuf,
    /// Each host's lab directory, the first holding the shared Redis and stand-in.
    pub hosts: Vec<PathBuf>,
    pub sshd: LabProcess,
    /// The operator's config, and the same fleet as an Ansible inventory.
    pub config: PathBuf,
    pub inventory: PathBuf,
}

fn state_file(dir: &Path) -> PathBuf {
    dir.join("fleet.json")
}

/// The fleet lab in `dir`, if there is one.
pub fn load(dir: &Path) -> Option<FleetLab> {
    std::fs::read(state_file(dir)).ok().and_then(|b| serde_json::from_slice(&b).ok())
}

fn dir_error(path: &Path) -> impl FnOnce(std::io::Error) -> LabError + '_ {
    move |source| LabError::Dir { path: path.display().to_string(), source }
}

/// Starts `hosts` hosts and the sshd in front of them; what started is
/// stopped again on failure.
pub fn up(
    settings: &Settings,
    opts: &UpOptions,
    hosts: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<(FleetLab, Vec<Started>), LabError> {
    if !Path::new(SSHD).is_file() {
        return Err(LabError::NotInstalled { program: SSHD, package: "openssh-server" });
    }
    let dir = opts.dir.clone();
    std::fs::create_dir_all(&dir).map_err(dir_error(&dir))?;
    let mut started: Vec<Started> = Vec::new();
    let stop_all = |started: &[Started]| {
        for s in started.iter().rev() {
            let _ = down::down(&Layout::new(&s.state.dir));
        }
    };
    for i in 1..=hosts {
        progress(&format!("host {i} of {hosts}"));
        let host_opts = UpOptions {
            dir: dir.join(format!("host-{i}")),
            port_base: None,
            shared: started.first().map(|s| s.state.ports),
            ..opts.clone()
        };
        match up::up(settings, &host_opts, &mut |step| progress(&format!("host {i}: {step}"))) {
            Ok(s) => started.push(s),
            Err(e) => {
                stop_all(&started);
                return Err(e);
            }
        }
    }
    progress("start sshd");
    let ssh_dir = dir.join("ssh");
    let sshd = match start_sshd(&ssh_dir) {
        Ok(p) => p,
        Err(e) => {
            stop_all(&started);
            return Err(e);
        }
    };
    let lab = FleetLab {
        dir: dir.clone(),
        hosts: started.iter().map(|s| s.state.dir.clone()).collect(),
        sshd,
        config: dir.join("gatewayctl.toml"),
        inventory: dir.join("inventory.ini"),
    };
    let written = write_operator_files(settings, &lab, &started, &opts.gatewayctl).and_then(|()| {
        let json = serde_json::to_vec_pretty(&lab).expect("serializable");
        files::write_atomic(&state_file(&dir), &json).map_err(LabError::from)
    });
    if let Err(e) = written {
        down::stop_processes(std::slice::from_ref(&lab.sshd));
        stop_all(&started);
        return Err(e);
    }
    Ok((lab, started))
}

/// Keys generated here, sshd on a free loopback port, root by key only.
fn start_sshd(dir: &Path) -> Result<LabProcess, LabError> {
    std::fs::create_dir_all(dir).map_err(dir_error(dir))?;
    for key in ["host", "client"] {
        let path = dir.join(key);
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(path.with_extension("pub"));
        let out = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", &format!("gatewayctl lab {key}"), "-f"])
            .arg(&path)
            .output()
            .map_err(|source| process::ProcessError::Spawn { program: "ssh-keygen".into(), source })?;
        if !out.status.success() {
            return Err(LabError::ConfigTest {
                what: "ssh-keygen",
                output: String::from_utf8_lossy(&out.stderr).into(),
            });
        }
    }
    std::fs::copy(dir.join("client.pub"), dir.join("authorized_keys")).map_err(dir_error(dir))?;
    // Privilege separation wants its empty directory.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = crate::lab::free_port().map_err(|source| LabError::Ports { source })?;
    let d = dir.display();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\n\
         PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
         StrictModes no\nUsePAM no\nMaxStartups 64\nMaxSessions 64\nLogLevel ERROR\n"
    );
    files::write_atomic(&dir.join("sshd_config"), config.as_bytes())?;
    let host_key = std::fs::read_to_string(dir.join("host.pub")).map_err(dir_error(dir))?;
    files::write_atomic(&dir.join("known_hosts"), format!("[127.0.0.1]:{port} {host_key}").as_bytes())?;
    let client = format!(
        "Host *\n  User root\n  IdentityFile {d}/client\n  IdentitiesOnly yes\n  UserKnownHostsFile {d}/known_hosts\n  GlobalKnownHostsFile /dev/null\n"
    );
    files::write_atomic(&dir.join("ssh_config"), client.as_bytes())?;
    let pid_file = dir.join("sshd.pid");
    let _ = std::fs::remove_file(&pid_file);
    let mut command = Command::new(SSHD);
    command.arg("-D").arg("-f").arg(dir.join("sshd_config"));
    let pid = process::spawn_detached(command, &dir.join("sshd.log"))?;
    if !wait_until(Duration::from_secs(10), || is_listening(port)) {
        let _ = process::signal(pid, libc::SIGTERM);
        return Err(LabError::NotReady {
            what: "sshd",
            waited: Duration::from_secs(10),
            log: dir.join("sshd.log").display().to_string(),
            tail: crate::lab::tail(&dir.join("sshd.log"), 15),
        });
    }
    Ok(LabProcess { name: "sshd".into(), pid, port, also: Vec::new() })
}

/// The operator's config (the first host's, with its own state dir, the
/// fleet and the hosts) and the same hosts as an Ansible INI inventory.
fn write_operator_files(
    settings: &Settings,
    lab: &FleetLab,
    started: &[Started],
    gatewayctl: &Path,
) -> Result<(), LabError> {
    let first = std::fs::read_to_string(&started[0].state.config).map_err(dir_error(&started[0].state.config))?;
    let mut config: FileConfig = toml::from_str(&first).unwrap_or_else(|_| settings.file.clone());
    config.state.dir = lab.dir.join("state");
    let ssh = lab.dir.join("ssh");
    config.fleet.ssh_config = ssh.join("ssh_config");
    config.fleet.gatewayctl = gatewayctl.display().to_string();
    config.hosts = started
        .iter()
        .enumerate()
        .map(|(i, s)| HostSection {
            name: format!("gw{}", i + 1),
            ssh: "127.0.0.1".into(),
            port: lab.sshd.port,
            groups: vec!["gateways".into()],
            config: s.state.config.clone(),
            app_dir: PathBuf::new(),
            base_url: String::new(),
        })
        .collect();
    let text = crate::lab::render::lab_config_text(&config, &lab.dir);
    files::write_atomic(&lab.config, text.as_bytes())?;
    let mut ini = format!(
        "# The lab fleet in {} (written by `gatewayctl lab up --hosts`): use it with\n# gatewayctl --config {} preflight --hosts gateways --inventory {}\n[gateways]\n",
        lab.dir.display(),
        lab.config.display(),
        lab.inventory.display()
    );
    for (i, s) in started.iter().enumerate() {
        ini.push_str(&format!(
            "gw{} ansible_host=127.0.0.1 ansible_port={} gatewayctl_config={}\n",
            i + 1,
            lab.sshd.port,
            s.state.config.display()
        ));
    }
    ini.push_str("\n[gateways:vars]\nansible_user=root\n");
    files::write_atomic(&lab.inventory, ini.as_bytes())?;
    Ok(())
}

/// Stops every host (the first, holding Redis and the stand-in, last) and
/// the sshd; forgets the fleet when all of it is down.
pub fn down(lab: &FleetLab) -> Result<Down, LabError> {
    let mut processes: Vec<StoppedProcess> = down::stop_processes(std::slice::from_ref(&lab.sshd));
    let mut open_ports: Vec<u16> = Vec::new();
    for host in lab.hosts.iter().rev() {
        let layout = Layout::new(host);
        match LabState::load(&layout) {
            Ok(Some(_)) => {
                let d = down::down(&layout)?;
                processes.extend(d.processes);
                open_ports.extend(d.open_ports);
            }
            _ => continue,
        }
    }
    if is_listening(lab.sshd.port) {
        open_ports.push(lab.sshd.port);
    }
    let result = Down { processes, open_ports };
    if result.clean() {
        let _ = std::fs::remove_file(state_file(&lab.dir));
    }
    Ok(result)
}
