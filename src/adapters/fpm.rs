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
        Some(pid) if process::is_alive(pid) => match master_identity(pid) {
            Ok(what) => {
                let workers = process::children(pid);
                let evidence = format!("master pid {pid} alive ({what}), {} worker(s)", workers.len());
                FpmState { running: true, master_pid: Some(pid), workers, evidence }
            }
            // A stale pid file whose pid now belongs to another process:
            // never call it php-fpm, never signal it.
            Err(found) => FpmState {
                running: false,
                master_pid: None,
                workers: vec![],
                evidence: format!(
                    "pid {pid} from {} is not a php-fpm master: {found}; the pid file is stale",
                    pid_file.display()
                ),
            },
        },
        Some(pid) => FpmState {
            running: false,
            master_pid: Some(pid),
            workers: vec![],
            evidence: format!("pid {pid} from {} is not running", pid_file.display()),
        },
    }
}

/// Is `pid` php-fpm's master? Its command line says `php-fpm: master
/// process` (php-fpm sets its title), or its executable is a php-fpm binary
/// whose parent is not itself php-fpm (a worker's parent is the master).
/// `Ok` with what proved it, `Err` with what was found instead.
pub fn master_identity(pid: u32) -> Result<String, String> {
    let Some(info) = process::describe(pid) else { return Err(format!("pid {pid} is not running")) };
    let exe_name = info.exe.as_ref().and_then(|e| e.file_name()).map(|n| n.to_string_lossy().into_owned());
    let fpm_exe = exe_name.as_deref().is_some_and(|n| n.starts_with("php-fpm"));
    if info.cmdline.starts_with("php-fpm: master process") {
        return Ok(info.cmdline);
    }
    let parent_is_fpm = info.ppid.and_then(process::describe).is_some_and(|p| {
        p.cmdline.starts_with("php-fpm") || p.exe.is_some_and(|e| e.to_string_lossy().contains("php-fpm"))
    });
    if fpm_exe && !info.cmdline.starts_with("php-fpm: pool") && !parent_is_fpm {
        return Ok(format!("exe {}", info.exe.as_ref().map(|e| e.display().to_string()).unwrap_or_default()));
    }
    let exe = info.exe.map(|e| e.display().to_string()).unwrap_or_else(|| "unreadable".into());
    let cmd: String = info.cmdline.chars().take(80).collect();
    Err(format!("exe {exe}, command line {cmd:?}, parent {}", info.ppid.map_or("?".into(), |p| p.to_string())))
}

fn systemd_state(unit: &str) -> FpmState {
    let active = run("systemctl", &["is-active".into(), unit.into()]);
    let pid = run("systemctl", &["show".into(), "-p".into(), "MainPID".into(), "--value".into(), unit.into()])
        .ok()
        .and_then(|(_, out)| out.trim().parse::<u32>().ok())
        .filter(|&p| p > 0);
    match active {
        Ok((true, out)) => {
            if let Some(Err(found)) = pid.map(master_identity) {
                let evidence =
                    format!("systemctl is-active {unit}: {out}, but its MainPID is not a php-fpm master: {found}");
                return FpmState { running: false, master_pid: None, workers: vec![], evidence };
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_pid_file_naming_another_process_is_not_php_fpm() {
        let dir = tempfile::tempdir().unwrap();
        let mut sleeper = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let pid_file = dir.path().join("php-fpm.pid");
        std::fs::write(&pid_file, sleeper.id().to_string()).unwrap();
        let manager =
            ServiceManager::Signal { fpm_binary: "php-fpm8.2".into(), fpm_config: dir.path().join("x"), pid_file };
        let state = state(&manager);
        assert!(!state.running && state.master_pid.is_none(), "{state:?}");
        assert!(state.evidence.contains("not a php-fpm master") && state.evidence.contains("sleep"), "{state:?}");
        let refused = send_reload(&manager, false).unwrap_err();
        assert!(matches!(refused, FpmError::NotRunning { .. }), "{refused}");
        assert!(process::is_alive(sleeper.id()), "no signal reached the unrelated process");
        let _ = sleeper.kill();
        let _ = sleeper.wait();
    }
}
