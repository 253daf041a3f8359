//! The fleet's transport: the system's OpenSSH client, as SREs already
//! trust it (their ssh_config, agent, bastions, known_hosts). BatchMode
//! (never a password prompt), one multiplexed connection per host
//! (ControlMaster), strict host key checking, and a bound on every call.
//! A host runs gatewayctl itself; what comes back is its exit code and output.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::core::inventory::Host;

/// How to reach the hosts.
#[derive(Debug, Clone)]
pub struct Ssh {
    /// `ssh -F`; `None`: the user's own config.
    pub config: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub command_timeout: Duration,
    /// Where the multiplexed connections' sockets live (private to this user).
    pub control_dir: PathBuf,
}

/// What one host answered.
#[derive(Debug, Clone)]
pub struct RemoteOutput {
    /// The remote command's exit code; `None` when ssh could not connect,
    /// timed out, or the command was killed.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Why there is no exit code, in words (connection refused, host key, timeout).
    pub failure: Option<String>,
}

/// ssh's own exit code for "could not connect or authenticate".
const SSH_FAILED: i32 = 255;

/// One argument for the remote shell, single-quoted.
pub fn quote(arg: &str) -> String {
    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b)) {
        return arg.to_string();
    }
    format!("'{}'", arg.replace('\'', "'\\''"))
}

impl Ssh {
    /// A private directory for the control sockets (short: a socket path
    /// has at most 107 bytes).
    pub fn control_dir() -> PathBuf {
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        std::env::temp_dir().join(format!("gatewayctl-ssh-{uid}"))
    }

    /// ssh's arguments to reach `host` and run `remote` there.
    pub fn argv(&self, host: &Host, remote: &[String]) -> Vec<String> {
        let mut args: Vec<String> = Vec::new();
        if let Some(config) = &self.config {
            args.extend(["-F".into(), config.display().to_string()]);
        }
        for option in [
            "BatchMode=yes".to_string(),
            format!("ConnectTimeout={}", self.connect_timeout.as_secs().max(1)),
            "ControlMaster=auto".into(),
            format!("ControlPath={}/%C", self.control_dir.display()),
            "ControlPersist=60".into(),
            "StrictHostKeyChecking=yes".into(),
            "LogLevel=ERROR".into(),
        ] {
            args.extend(["-o".into(), option]);
        }
        if let Some(port) = host.port {
            args.extend(["-p".into(), port.to_string()]);
        }
        if let Some(user) = &host.user {
            args.extend(["-l".into(), user.clone()]);
        }
        args.push(host.address.clone());
        args.push("--".into());
        args.push(remote.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "));
        args
    }

    /// Runs `remote` on `host`, within the command timeout.
    pub async fn run(&self, host: &Host, remote: &[String]) -> RemoteOutput {
        self.run_with(host, remote, None).await
    }

    /// As `run`, with `input` on the remote command's stdin (a file being pushed).
    pub async fn run_with(&self, host: &Host, remote: &[String], input: Option<Vec<u8>>) -> RemoteOutput {
        let started = Instant::now();
        if let Err(e) = std::fs::create_dir_all(&self.control_dir).and_then(|()| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.control_dir, std::fs::Permissions::from_mode(0o700))
        }) {
            return failed(started, format!("cannot use {}: {e}", self.control_dir.display()));
        }
        let child = tokio::process::Command::new("ssh")
            .args(self.argv(host, remote))
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) => return failed(started, format!("cannot run ssh: {e} (install openssh-client)")),
        };
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            // Fed beside the wait, so a full pipe never blocks the answer.
            tokio::spawn(async move {
                use tokio::io::AsyncWriteExt;
                let _ = stdin.write_all(&bytes).await;
                let _ = stdin.shutdown().await;
            });
        }
        let bound = self.command_timeout + self.connect_timeout;
        match tokio::time::timeout(bound, child.wait_with_output()).await {
            Err(_) => failed(started, format!("no answer within {} s: killed", bound.as_secs())),
            Ok(Err(e)) => failed(started, format!("ssh failed: {e}")),
            Ok(Ok(out)) => {
                let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                let code = out.status.code();
                let failure = match code {
                    Some(SSH_FAILED) => Some(unreachable_why(&stderr)),
                    None => Some("ssh was killed by a signal".into()),
                    _ => None,
                };
                RemoteOutput {
                    code: code.filter(|&c| c != SSH_FAILED),
                    stdout,
                    stderr,
                    elapsed: started.elapsed(),
                    failure,
                }
            }
        }
    }
}

/// A long-running remote command whose stdout is read line by line as it
/// comes (a remote `watch`).
pub struct Stream {
    child: tokio::process::Child,
    pub lines: tokio::io::Lines<tokio::io::BufReader<tokio::process::ChildStdout>>,
}

impl Ssh {
    /// Starts `remote` on `host` with its stdout streamed.
    pub fn stream(&self, host: &Host, remote: &[String]) -> std::io::Result<Stream> {
        use tokio::io::AsyncBufReadExt;
        std::fs::create_dir_all(&self.control_dir)?;
        let mut child = tokio::process::Command::new("ssh")
            .args(self.argv(host, remote))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().expect("stdout is piped");
        Ok(Stream { child, lines: tokio::io::BufReader::new(stdout).lines() })
    }
}

impl Stream {
    /// Waits for the end: the remote exit code (`None`: ssh itself failed) and ssh's last words.
    pub async fn finish(mut self) -> (Option<i32>, Option<String>) {
        use tokio::io::AsyncReadExt;
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut err).await;
        }
        match self.child.wait().await {
            Ok(status) => match status.code() {
                Some(SSH_FAILED) => (None, Some(unreachable_why(&err))),
                Some(c) => (Some(c), err.lines().rev().find(|l| !l.trim().is_empty()).map(|l| l.trim().to_string())),
                None => (None, Some("ssh was killed by a signal".into())),
            },
            Err(e) => (None, Some(format!("ssh failed: {e}"))),
        }
    }
}

fn failed(started: Instant, why: String) -> RemoteOutput {
    RemoteOutput {
        code: None,
        stdout: String::new(),
        stderr: String::new(),
        elapsed: started.elapsed(),
        failure: Some(why),
    }
}

/// ssh's last words, kept short (its stderr names the cause: refused, host key, permission).
fn unreachable_why(stderr: &str) -> String {
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("ssh could not connect");
    format!("unreachable: {}", last.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_arguments_are_quoted_for_the_remote_shell() {
        assert_eq!(quote("preflight"), "preflight");
        assert_eq!(quote("/etc/gatewayctl/gw.toml"), "/etc/gatewayctl/gw.toml");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's; rm -rf /"), "'it'\\''s; rm -rf /'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("$(id)"), "'$(id)'");
    }

    #[test]
    fn ssh_is_batch_multiplexed_and_strict() {
        let ssh = Ssh {
            config: Some("/etc/fleet_ssh_config".into()),
            connect_timeout: Duration::from_secs(5),
            command_timeout: Duration::from_secs(60),
            control_dir: "/tmp/c".into(),
        };
        let host = Host { port: Some(2222), user: Some("deploy".into()), ..Host::new("gw1") };
        let argv = ssh.argv(&host, &["gatewayctl".into(), "--format".into(), "json".into(), "preflight".into()]);
        let line = argv.join(" ");
        for want in [
            "-F /etc/fleet_ssh_config",
            "BatchMode=yes",
            "ControlMaster=auto",
            "StrictHostKeyChecking=yes",
            "-p 2222",
            "-l deploy",
        ] {
            assert!(line.contains(want), "{want} missing: {line}");
        }
        assert_eq!(argv.last().unwrap(), "gatewayctl --format json preflight");
        assert_eq!(argv[argv.len() - 3], "gw1");
    }
}
