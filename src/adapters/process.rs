//! Processes the lab starts and stops: detached spawns in their own session,
//! signals by pid, and liveness read from /proc (a stopped daemon can stay a
//! zombie for seconds, so `kill -0` is not proof of life).

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error("cannot start {program}: {source}; is it installed?")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open {} for the output of {program}: {source}", path.display())]
    Output {
        program: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot signal pid {pid}: {source}")]
    Signal {
        pid: u32,
        #[source]
        source: std::io::Error,
    },
}

/// Runs `expr` to its end, or kills it (and every process it started) at
/// `timeout`: then `Bounded::TimedOut`, with what it printed until then. The child dies with gatewayctl, so a killed
/// run never leaves one working behind the journal's back; it leads its own
/// process group, so the kill reaches what it started.
pub fn output_within(expr: duct::Expression, timeout: Duration) -> std::io::Result<Bounded> {
    let parent = std::process::id() as libc::pid_t;
    let handle = expr
        .unchecked()
        .before_spawn(move |command| {
            // SAFETY: prctl, getppid, setpgid and _exit are async-signal-safe;
            // they only set the child's parent-death signal and its process
            // group, or end the child.
            unsafe {
                command.pre_exec(move || {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    // Killed between the fork and the prctl: the signal was
                    // missed, so the orphan ends itself here.
                    if libc::getppid() != parent {
                        libc::_exit(137);
                    }
                    libc::setpgid(0, 0);
                    Ok(())
                });
            }
            Ok(())
        })
        .start()?;
    let deadline = Instant::now() + timeout;
    loop {
        match handle.try_wait()? {
            Some(out) => return Ok(Bounded::Finished(out.clone())),
            None if Instant::now() >= deadline => {
                for pid in handle.pids() {
                    // SAFETY: kill(2) on the process group the child leads.
                    unsafe { libc::kill(-(pid as libc::pid_t), libc::SIGKILL) };
                }
                let _ = handle.kill();
                let stdout = handle.wait().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
                return Ok(Bounded::TimedOut { stdout });
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// How a bounded run ended.
pub enum Bounded {
    Finished(std::process::Output),
    TimedOut { stdout: String },
}

/// Why a run without network did not give an output.
#[derive(Debug, thiserror::Error)]
pub enum IsolatedError {
    #[error("the app's code cannot be isolated here: {0}")]
    NoIsolation(String),
    #[error("{program} did not finish in {seconds} s and was stopped")]
    TimedOut { program: String, seconds: u64 },
    /// The program to run is no executable file: the configuration's fault,
    /// never the app's.
    #[error("{} not found {where_}: set gateway.php to the PHP binary the gateway runs", short(program))]
    NotFound { program: String, where_: String },
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

/// Runs `program` with no network (`unshare -n`), so that nothing it does
/// can reach production, to its end or until `timeout` (then it and all it
/// started are killed). Where the network cannot be isolated (not root, no
/// util-linux), `plain_fallback` runs it plainly, still bounded; otherwise
/// that is [`IsolatedError::NoIsolation`].
pub fn output_without_network(
    program: &str,
    args: &[&std::ffi::OsStr],
    timeout: Duration,
    plain_fallback: bool,
) -> Result<std::process::Output, IsolatedError> {
    isolated(program, args, timeout, plain_fallback)
}

fn isolated(
    program: &str,
    args: &[&std::ffi::OsStr],
    timeout: Duration,
    plain_fallback: bool,
) -> Result<std::process::Output, IsolatedError> {
    runnable(program)?;
    let bounded =
        |expr: duct::Expression, shown: &str| match output_within(expr.stdout_capture().stderr_capture(), timeout) {
            Ok(Bounded::Finished(out)) => Ok(out),
            Ok(Bounded::TimedOut { .. }) => {
                Err(IsolatedError::TimedOut { program: program.to_string(), seconds: timeout.as_secs() })
            }
            Err(source) => Err(IsolatedError::Spawn { program: shown.to_string(), source }),
        };
    // A pid namespace of its own too: when unshare dies (with gatewayctl, by
    // its parent-death signal, or at the bound), its child, the namespace's
    // init, is killed, and with it every process the program started.
    let sealed: [&std::ffi::OsStr; 4] = ["--pid".as_ref(), "--fork".as_ref(), "--kill-child".as_ref(), "-n".as_ref()];
    let isolated = [&sealed[..], &[program.as_ref()][..], args].concat();
    let why = match bounded(duct::cmd("unshare", isolated), "unshare") {
        Ok(o) if !String::from_utf8_lossy(&o.stderr).contains("unshare failed") => return Ok(o),
        Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
        Err(e @ IsolatedError::TimedOut { .. }) => return Err(e),
        Err(e) => e.to_string(),
    };
    match plain_fallback {
        true => bounded(duct::cmd(program, args), program),
        false => Err(IsolatedError::NoIsolation(why)),
    }
}

/// Runs `program` sealed by bubblewrap, to its end or until `timeout` (then
/// it and all it started are killed): a network of its own with only a
/// loopback (a stand-in there reaches nothing outside), a pid namespace of
/// its own (nothing outlives it), the whole filesystem read-only but
/// `writable`, private `/tmp`, `/var/tmp` and `/run`, and every Unix socket
/// the host listens on (`/proc/net/unix`) hidden behind `/dev/null`, so the
/// app's code can reach no Redis, database or daemon on this host, whatever
/// it tries. Where it cannot be sealed (no bwrap, no namespaces), that is
/// [`IsolatedError::NoIsolation`], naming why; never a plain run.
pub fn output_sealed(
    program: &str,
    args: &[&std::ffi::OsStr],
    timeout: Duration,
    writable: &Path,
    cwd: Option<&Path>,
) -> Result<std::process::Output, IsolatedError> {
    runnable(program)?;
    let Some(bwrap) = find_program("bwrap") else {
        return Err(IsolatedError::NoIsolation(
            "bwrap not found on PATH: install bubblewrap (apt-get install -y bubblewrap) to run the app's code sealed"
                .into(),
        ));
    };
    let mut argv: Vec<std::ffi::OsString> = [
        "--die-with-parent",
        "--new-session",
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
    ]
    .iter()
    .map(Into::into)
    .collect();
    // Its /tmp and /var/tmp are its own, kept in `writable` so what it wrote
    // there can be read back ([`sealed_writes`]).
    for (inside, kept) in SEALED_TMP {
        let dir = writable.join(kept);
        std::fs::create_dir_all(&dir)
            .map_err(|source| IsolatedError::Spawn { program: program.to_string(), source })?;
        argv.extend(["--bind".into(), dir.into_os_string(), inside.into()]);
    }
    if Path::new("/run").is_dir() {
        argv.extend(["--tmpfs".into(), "/run".into()]);
    }
    // What it links to under the host's /tmp (a shadow's vendor/ of an app
    // kept under /tmp) stays where the link says, read-only, with the
    // directory beside it (an autoloader finds the app from its real path).
    // Before the writable dir's own bind, which may lie within.
    for dir in links_into_private_tmp(writable) {
        argv.extend(["--ro-bind".into(), dir.clone().into_os_string(), dir.into_os_string()]);
    }
    argv.extend(["--bind".into(), writable.as_os_str().to_owned(), writable.as_os_str().to_owned()]);
    for socket in host_sockets() {
        let private = ["/tmp", "/var/tmp", "/run", "/var/run"].iter().any(|p| socket.starts_with(p));
        if !private && !socket.starts_with(writable) {
            argv.extend(["--ro-bind".into(), "/dev/null".into(), socket.into_os_string()]);
        }
    }
    if let Some(dir) = cwd {
        argv.extend(["--chdir".into(), dir.as_os_str().to_owned()]);
    }
    // bwrap's --die-with-parent can miss: killed between its clone and the
    // prctl in the sandbox's init, the init (and whatever it started) runs
    // on. So the program runs beside a watcher that reads a pipe only
    // gatewayctl holds open: at its end (gatewayctl gone, however), the
    // watcher kills every process of the sandbox, and the init then ends.
    argv.push("--".into());
    argv.extend(["/bin/sh".into(), "-c".into(), SEALED_WATCHER.into(), "gatewayctl-sealed".into()]);
    argv.push(program.into());
    argv.extend(args.iter().map(|a| a.to_os_string()));
    let (held, writer) = held_pipe().map_err(|source| IsolatedError::Spawn { program: program.to_string(), source })?;
    // Killed earlier still, between its clone and its word to the init
    // that the sandbox is set up, bwrap leaves the init waiting for that
    // word for ever, still in bwrap's process group (it takes a session of
    // its own only after): a second watcher, outside, kills that whole
    // group at the pipe's end.
    let outside: Vec<std::ffi::OsString> =
        ["-c".into(), GROUP_WATCHER.into(), "gatewayctl-sealed".into(), bwrap.clone().into_os_string()]
            .into_iter()
            .chain(argv)
            .collect();
    let expr = duct::cmd("/bin/sh", outside).stdin_file(held).stdout_capture().stderr_capture();
    let out = output_within(expr, timeout);
    drop(writer);
    let out = match out {
        Ok(Bounded::Finished(out)) => out,
        Ok(Bounded::TimedOut { .. }) => {
            return Err(IsolatedError::TimedOut { program: program.to_string(), seconds: timeout.as_secs() })
        }
        Err(source) => return Err(IsolatedError::Spawn { program: bwrap.display().to_string(), source }),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    // bwrap's own failure (no namespaces for this user, a mount refused)
    // is said on stderr as "bwrap: …" before the program ever ran.
    if !out.status.success() && stderr.starts_with("bwrap: ") {
        return Err(IsolatedError::NoIsolation(format!("{}: {}", bwrap.display(), stderr.trim())));
    }
    Ok(out)
}

/// A pipe, both ends close-on-exec: (read end, write end).
fn held_pipe() -> std::io::Result<(std::fs::File, std::fs::File)> {
    use std::os::fd::FromRawFd as _;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 fills two descriptors we then own, each taken once.
    unsafe {
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok((std::fs::File::from_raw_fd(fds[0]), std::fs::File::from_raw_fd(fds[1])))
    }
}

/// Runs `"$@"` with a watcher of stdin beside it: stdin at its end (the
/// pipe gatewayctl holds closed by its death) kills every process of the
/// sandbox's pid namespace but its init, which ends with its program.
const SEALED_WATCHER: &str = "exec 3<&0; (read -r _ <&3; kill -9 -1) & exec \"$@\" </dev/null 3<&-";

/// Runs `"$@"` (bwrap, leading the process group [`output_within`] gives
/// it) with a watcher of stdin beside it: stdin at its end kills the whole
/// group, whatever of the sandbox has not yet left it.
const GROUP_WATCHER: &str = "exec 3<&0; (read -r _ <&3; kill -9 0) >/dev/null 2>&1 & exec \"$@\" 3<&-";

/// A sealed run's /tmp and /var/tmp, as directories of its writable dir.
const SEALED_TMP: [(&str, &str); 2] = [("/tmp", ".sealed/tmp"), ("/var/tmp", ".sealed/var-tmp")];

/// The directories holding the targets of `writable`'s own symlinks, where
/// they lie under a directory the sealed run gets a private copy of (/tmp,
/// /var/tmp) and exist: an app kept under /tmp, for its shadow's `vendor`.
fn links_into_private_tmp(writable: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(writable) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .filter_map(|t| Some(t.parent()?.to_path_buf()))
        .filter(|d| {
            d.is_absolute()
                && SEALED_TMP.iter().any(|(inside, _)| d.starts_with(inside) && d != Path::new(inside))
                && d.is_dir()
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// What a sealed run with `writable` wrote into its private /tmp and
/// /var/tmp, as the paths it wrote ("/tmp/x"). The mount points bwrap made
/// there for the directories it bound (an app kept under /tmp, `writable`
/// itself) are not the run's writes; anything else under them is.
pub fn sealed_writes(writable: &Path) -> Vec<String> {
    let mut bound = links_into_private_tmp(writable);
    bound.push(writable.to_path_buf());
    let mut out = Vec::new();
    for (inside, kept) in SEALED_TMP {
        let mut stack: Vec<(PathBuf, PathBuf)> = vec![(writable.join(kept), PathBuf::from(inside))];
        while let Some((real, seen_as)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&real) else { continue };
            for entry in entries.flatten() {
                let path = seen_as.join(entry.file_name());
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                match bound.iter().find(|b| b.starts_with(&path)) {
                    // The bound dir's own mount point, or a dir on the way to one.
                    Some(b) if is_dir && *b == path => {}
                    Some(_) if is_dir => stack.push((entry.path(), path)),
                    _ => out.push(path.display().to_string()),
                }
            }
        }
    }
    out.sort();
    out
}

/// The paths of the Unix sockets bound on this host (`/proc/net/unix`),
/// that exist as files.
fn host_sockets() -> Vec<PathBuf> {
    let Ok(table) = std::fs::read_to_string("/proc/net/unix") else { return Vec::new() };
    let mut paths: Vec<PathBuf> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(7))
        .filter(|p| p.starts_with('/'))
        .map(PathBuf::from)
        .filter(|p| {
            std::fs::symlink_metadata(p).is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_socket(&m.file_type()))
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Starts `command` in a new session (no terminal, no shared Ctrl-C), its
/// output appended to `log`. Returns the pid; the caller does not wait.
pub fn spawn_detached(mut command: Command, log: &Path) -> Result<u32, ProcessError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let open = |p: &Path| {
        File::options().create(true).append(true).open(p).map_err(|source| ProcessError::Output {
            program: program.clone(),
            path: p.to_path_buf(),
            source,
        })
    };
    let (out, err) = (open(log)?, open(log)?);
    command.stdin(Stdio::null()).stdout(out).stderr(err);
    // SAFETY: setsid is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let child = command.spawn().map_err(|source| ProcessError::Spawn { program, source })?;
    Ok(child.id())
}

/// Sends `signal` (e.g. `libc::SIGTERM`) to `pid`.
pub fn signal(pid: u32, signal: i32) -> Result<(), ProcessError> {
    // SAFETY: kill(2) with a plain pid and signal number.
    let rc = unsafe { libc::kill(pid as libc::pid_t, signal) };
    if rc == 0 {
        Ok(())
    } else {
        Err(ProcessError::Signal { pid, source: std::io::Error::last_os_error() })
    }
}

/// Is `pid` a live process (present in /proc and not a zombie)?
pub fn is_alive(pid: u32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("State:"))
        .is_some_and(|state| !state.trim_start().starts_with(['Z', 'X']))
}

/// The pids of `pid`'s live children (php-fpm's workers), from /proc.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&child| parent_of(child) == Some(pid) && is_alive(child))
        .collect()
}

fn parent_of(pid: u32) -> Option<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("PPid:")).and_then(|v| v.trim().parse().ok())
}

/// What /proc says a process is: its executable, command line and parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcInfo {
    pub pid: u32,
    /// The target of /proc/PID/exe (" (deleted)" stripped), if readable.
    pub exe: Option<PathBuf>,
    /// /proc/PID/cmdline with NULs as spaces.
    pub cmdline: String,
    pub ppid: Option<u32>,
}

/// Describes `pid` from /proc; `None` when it is not a live process.
pub fn describe(pid: u32) -> Option<ProcInfo> {
    if !is_alive(pid) {
        return None;
    }
    let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
        .ok()
        .map(|p| PathBuf::from(p.to_string_lossy().trim_end_matches(" (deleted)")));
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let cmdline = String::from_utf8_lossy(&raw).replace('\0', " ").trim().to_string();
    Some(ProcInfo { pid, exe, cmdline, ppid: parent_of(pid) })
}

/// Reads a pid file.
pub fn read_pid_file(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Polls until `pid` is gone or `timeout` passes; true when gone.
pub fn wait_gone(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if !is_alive(pid) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Stops `pid`: `graceful` first, SIGKILL if it is still there after `grace`.
/// Returns how it ended.
pub fn stop(pid: u32, graceful: i32, grace: Duration) -> Stopped {
    if !is_alive(pid) {
        return Stopped::AlreadyGone;
    }
    let _ = signal(pid, graceful);
    if wait_gone(pid, grace) {
        return Stopped::Graceful;
    }
    let _ = signal(pid, libc::SIGKILL);
    if wait_gone(pid, Duration::from_secs(2)) {
        Stopped::Killed
    } else {
        Stopped::StillRunning
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stopped {
    AlreadyGone,
    Graceful,
    Killed,
    StillRunning,
}

/// Processes whose command line names a path under `dir` (a shadow's
/// stand-in left by a run killed before it could stop it), as pids.
pub fn naming(dir: &Path) -> Vec<u32> {
    let needle = dir.as_os_str().as_encoded_bytes();
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != std::process::id())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmd| cmd.windows(needle.len().max(1)).any(|w| w == needle))
        })
        .filter(|&pid| is_alive(pid))
        .collect()
}

/// `program` can be run, or the error that names where it was looked for.
fn runnable(program: &str) -> Result<PathBuf, IsolatedError> {
    find_program(program).ok_or_else(|| IsolatedError::NotFound {
        program: program.to_string(),
        where_: match program.contains('/') {
            true => format!("at {program}"),
            false => format!("on PATH (no {program})"),
        },
    })
}

/// Where `program` would run from: itself when it names a path, else the
/// first match on PATH; only an executable regular file counts.
pub fn find_program(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let runnable = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    if program.contains('/') {
        let path = PathBuf::from(program);
        return runnable(&path).then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| runnable(p))
}

/// A program's name without its directory: "php" for "/usr/bin/php8.2" reads
/// as the configured PHP.
fn short(program: &str) -> &str {
    let name = program.rsplit('/').next().unwrap_or(program);
    if name.starts_with("php") {
        "php"
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shadows_link_into_the_hosts_tmp_stays_visible() {
        let app = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
        std::fs::create_dir(app.path().join("vendor")).unwrap();
        let shadow = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(app.path().join("vendor"), shadow.path().join("vendor")).unwrap();
        std::os::unix::fs::symlink("relative", shadow.path().join("other")).unwrap();
        // The app dir, where its autoloader finds app/ from vendor's real path.
        assert_eq!(links_into_private_tmp(shadow.path()), [app.path().to_path_buf()]);
    }

    #[test]
    fn a_sealed_run_under_tmp_wrote_only_what_it_wrote() {
        // A lab kept under /tmp: the app, and beside it the state dir with the shadow.
        let app = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
        std::fs::create_dir(app.path().join("vendor")).unwrap();
        let shadow = tempfile::Builder::new().tempdir_in(app.path()).unwrap();
        std::os::unix::fs::symlink(app.path().join("vendor"), shadow.path().join("vendor")).unwrap();
        let run = |script: &str| {
            let out =
                output_sealed("sh", &["-c".as_ref(), script.as_ref()], Duration::from_secs(20), shadow.path(), None);
            assert!(out.unwrap().status.success(), "{script}");
        };
        run("true");
        assert_eq!(sealed_writes(shadow.path()), Vec::<String>::new(), "its mount points are not its writes");
        run("echo x > /tmp/written-by-the-run");
        assert_eq!(sealed_writes(shadow.path()), ["/tmp/written-by-the-run"]);
    }

    #[test]
    fn spawns_detached_and_stops() {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let pid = spawn_detached(cmd, &dir.path().join("out.log")).unwrap();
        assert!(is_alive(pid));
        assert_eq!(stop(pid, libc::SIGTERM, Duration::from_secs(2)), Stopped::Graceful);
        assert!(!is_alive(pid));
        assert_eq!(stop(pid, libc::SIGTERM, Duration::from_secs(1)), Stopped::AlreadyGone);
    }

    #[test]
    fn a_program_that_cannot_run_is_named_not_run() {
        assert!(find_program("sh").is_some());
        assert!(find_program("/bin/sh").is_some());
        assert!(find_program("/usr/bin/php-nope").is_none());
        assert!(find_program("/etc/passwd").is_none(), "not executable");
        let err = output_without_network("/usr/bin/php-nope", &[], Duration::from_secs(1), true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "php not found at /usr/bin/php-nope: set gateway.php to the PHP binary the gateway runs"
        );
    }
}
