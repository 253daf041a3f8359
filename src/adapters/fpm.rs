//! php-fpm through its service manager: is it running, does its config pass
//! `php-fpm -t`, and a graceful reload (systemctl reload, or USR2 to the
//! master). Never a restart unless asked; never a signal on a broken config.

use std::path::Path;

use crate::adapters::process;
use crate::settings::ServiceManager;

#[derive(Debug, thiserror::Error)]
pub enum FpmError {
    #[error(
        "php-fpm's config test failed, so no reload signal was sent (USR2 on a broken config kills php-fpm): {output}"
    )]
    ConfigTest { output: String },
    #[error("php-fpm is not running: {evidence}; start it first")]
    NotRunning { evidence: String },
    #[error("`{command}` failed: {output}")]
    Command { command: String, output: String },
    #[error("service manager \"none\" cannot {what}; set [service] manager to systemd or signal")]
    NoManager { what: &'static str },
    #[error("a restart is only supported with systemd; with manager = signal, stop and start php-fpm yourself")]
    RestartUnsupported,
}

/// What is known about the running php-fpm.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FpmState {
    pub running: bool,
    pub master_pid: Option<u32>,
    pub workers: Vec<u32>,
    pub evidence: String,
}

fn run(program: &str, args: &[String]) -> Result<(bool, String), FpmError> {
    let command = format!("{program} {}", args.join(" "));
    let out = duct::cmd(program, args)
        .stderr_to_stdout()
        .stdout_capture()
        .unchecked()
        .run()
        .map_err(|e| FpmError::Command { command, output: e.to_string() })?;
    Ok((out.status.success(), String::from_utf8_lossy(&out.stdout).trim().to_string()))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The exact config-test command for this manager, as it will be run.
pub fn config_test_command(manager: &ServiceManager) -> Option<(String, Vec<String>)> {
    let (binary, config) = match manager {
        ServiceManager::Signal { fpm_binary, fpm_config, .. } => (fpm_binary.clone(), Some(fpm_config.as_path())),
        ServiceManager::Systemd { fpm_binary, .. } => (fpm_binary.clone(), None),
        ServiceManager::None => return None,
    };
    let mut args = vec!["-t".to_string()];
    if let Some(config) = config {
        args.extend(["-y".to_string(), config.display().to_string()]);
    }
    if is_root() {
        // Harmless for a config test, and needed for a pool with no user (the lab).
        args.push("-R".into());
    }
    Some((binary, args))
}

/// `php-fpm -t`: the evidence when it passes.
pub fn config_test(manager: &ServiceManager) -> Result<String, FpmError> {
    let Some((binary, args)) = config_test_command(manager) else {
        return Err(FpmError::NoManager { what: "test php-fpm's config" });
    };
    let (ok, output) = run(&binary, &args)?;
    match ok {
        true => Ok(output.lines().last().unwrap_or("test is successful").to_string()),
        false => Err(FpmError::ConfigTest { output }),
    }
}

/// Is php-fpm running, with which master and workers?
pub fn state(manager: &ServiceManager) -> FpmState {
    match manager {
        ServiceManager::Signal { pid_file, .. } => signal_state(pid_file),
        ServiceManager::Systemd { unit, .. } => systemd_state(unit),
        ServiceManager::None => {
            FpmState { running: false, master_pid: None, workers: vec![], evidence: "service manager none".into() }
        }
    }
}

fn signal_state(pid_file: &Path) -> FpmState {
    match process::read_pid_file(pid_file) {
        None => FpmState {
            running: false,
            master_pid: None,
            workers: vec![],
            evidence: format!("no pid in {}", pid_file.display()),
        },
        Some(pid) if process::is_alive(pid) => {
            let workers = process::children(pid);
            let evidence = format!("master pid {pid} alive, {} worker(s)", workers.len());
            FpmState { running: true, master_pid: Some(pid), workers, evidence }
        }
        Some(pid) => FpmState {
            running: false,
            master_pid: Some(pid),
            workers: vec![],
            evidence: format!("pid {pid} from {} is not running", pid_file.display()),
        },
    }
}

fn systemd_state(unit: &str) -> FpmState {
    let active = run("systemctl", &["is-active".into(), unit.into()]);
    let pid = run("systemctl", &["show".into(), "-p".into(), "MainPID".into(), "--value".into(), unit.into()])
        .ok()
        .and_then(|(_, out)| out.trim().parse::<u32>().ok())
        .filter(|&p| p > 0);
    match active {
        Ok((true, out)) => {
            let workers = pid.map(process::children).unwrap_or_default();
            FpmState { running: true, master_pid: pid, workers, evidence: format!("systemctl is-active {unit}: {out}") }
        }
        Ok((false, out)) => FpmState {
            running: false,
            master_pid: pid,
            workers: vec![],
            evidence: format!("systemctl is-active {unit}: {out}"),
        },
        Err(e) => FpmState { running: false, master_pid: None, workers: vec![], evidence: e.to_string() },
    }
}

/// The commands a reload runs, for --dry-run and the journal.
pub fn reload_commands(manager: &ServiceManager, restart: bool) -> Vec<String> {
    let test = config_test_command(manager).map(|(binary, args)| format!("{binary} {}", args.join(" ")));
    let signal = match manager {
        ServiceManager::Systemd { unit, .. } => {
            format!("systemctl {} {unit}", if restart { "restart" } else { "reload" })
        }
        ServiceManager::Signal { pid_file, .. } => format!("kill -USR2 $(cat {})", pid_file.display()),
        ServiceManager::None => "nothing (service manager none)".into(),
    };
    test.into_iter().chain([signal]).collect()
}

/// Sends the reload (or, with `restart`, the restart). Call `config_test` first.
pub fn send_reload(manager: &ServiceManager, restart: bool) -> Result<String, FpmError> {
    match manager {
        ServiceManager::Systemd { unit, .. } => {
            let verb = if restart { "restart" } else { "reload" };
            match run("systemctl", &[verb.into(), unit.into()])? {
                (true, _) => Ok(format!("systemctl {verb} {unit}")),
                (false, output) => Err(FpmError::Command { command: format!("systemctl {verb} {unit}"), output }),
            }
        }
        ServiceManager::Signal { pid_file, .. } => {
            if restart {
                return Err(FpmError::RestartUnsupported);
            }
            let state = signal_state(pid_file);
            let pid = match (state.running, state.master_pid) {
                (true, Some(pid)) => pid,
                _ => return Err(FpmError::NotRunning { evidence: state.evidence }),
            };
            process::signal(pid, libc::SIGUSR2)
                .map_err(|e| FpmError::Command { command: format!("kill -USR2 {pid}"), output: e.to_string() })?;
            Ok(format!("USR2 sent to master pid {pid}"))
        }
        ServiceManager::None => Err(FpmError::NoManager { what: "reload php-fpm" }),
    }
}

/// The unit's journal since `since_unix` (systemd only).
pub fn journal_since(unit: &str, since_unix: u64) -> String {
    run("journalctl", &["-u".into(), unit.into(), "--since".into(), format!("@{since_unix}"), "--no-pager".into()])
        .map(|(_, out)| out)
        .unwrap_or_else(|e| e.to_string())
}
