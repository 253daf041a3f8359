//! gatewayctl's state directory: the journal (JSON Lines, fsynced line by
//! line so a crash loses nothing) and the operator lock.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::adapters::process;
use crate::core::journal::Entry;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot use the state dir {}: {source}; check [state] dir in the config", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("another operator is running: {owner}@{host}, pid {pid}, since {since}; wait for them, or pass --break-lock if you are sure (it is recorded)")]
    Held { owner: String, host: String, pid: u32, since: String },
}

/// Who holds the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub owner: String,
    pub host: String,
    pub pid: u32,
    pub since: String,
    pub run: String,
}

/// How the lock was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    Free,
    /// The previous holder's process is gone (same host): taken over.
    Stale(LockInfo),
    /// Taken from a live holder, as the operator asked with --break-lock.
    Broken(LockInfo),
}

pub struct StateDir {
    dir: PathBuf,
}

/// Holds the lock (an flock on the open lock file) until dropped.
pub struct LockGuard {
    file: File,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // A clean release leaves no holder behind; the kernel drops the flock.
        let _ = self.file.set_len(0);
    }
}

/// Takes an exclusive flock without waiting; false when another holds it.
fn try_flock(file: &File) -> bool {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a file descriptor we own.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

fn read_holder(path: &Path) -> Option<LockInfo> {
    // The holder writes its details right after taking the lock: allow it a moment.
    for _ in 0..20 {
        if let Some(info) = fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()) {
            return Some(info);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    None
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StateError + '_ {
    move |source| StateError::Io { path: path.to_path_buf(), source }
}

impl StateDir {
    pub fn new(dir: &Path) -> StateDir {
        StateDir { dir: dir.to_path_buf() }
    }

    pub fn journal_path(&self) -> PathBuf {
        self.dir.join("journal.jsonl")
    }

    pub fn lock_path(&self) -> PathBuf {
        self.dir.join("activate.lock")
    }

    fn ensure(&self) -> Result<(), StateError> {
        fs::create_dir_all(&self.dir).map_err(io(&self.dir))
    }

    /// Appends one entry and fsyncs it before returning.
    pub fn append(&self, entry: &Entry) -> Result<(), StateError> {
        self.ensure()?;
        let path = self.journal_path();
        let mut line = serde_json::to_vec(entry).expect("entries serialize");
        line.push(b'\n');
        let mut file = OpenOptions::new().create(true).append(true).open(&path).map_err(io(&path))?;
        file.write_all(&line).map_err(io(&path))?;
        file.sync_data().map_err(io(&path))
    }

    /// Every readable entry; a torn last line (a crash mid-write) is skipped.
    pub fn read_journal(&self) -> Result<Vec<Entry>, StateError> {
        let path = self.journal_path();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&path)(e)),
        };
        Ok(BufReader::new(file).lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect())
    }

    /// Takes the operator lock: an exclusive flock on `activate.lock`, so the
    /// kernel decides between two operators and a crashed holder's lock is
    /// released with its process. The file names the holder. A live holder
    /// refuses unless `break_lock`; a holder that died without releasing is
    /// reported as stale.
    pub fn lock(&self, me: &LockInfo, break_lock: bool) -> Result<(LockGuard, Taken), StateError> {
        self.ensure()?;
        let path = self.lock_path();
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io(&path))?;
        let unknown = || LockInfo {
            owner: "unknown".into(),
            host: "unknown".into(),
            pid: 0,
            since: "unknown".into(),
            run: String::new(),
        };
        let previous: Option<LockInfo> = fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
        let taken = if try_flock(&file) {
            match previous {
                // Someone wrote a holder without the flock (or an older gatewayctl): trust a live pid.
                Some(p) if p.host == me.host && p.pid != me.pid && process::is_alive(p.pid) && !break_lock => {
                    return Err(StateError::Held { owner: p.owner, host: p.host, pid: p.pid, since: p.since });
                }
                Some(p) if p.host == me.host && process::is_alive(p.pid) => Taken::Broken(p),
                Some(p) if p.host != me.host && !break_lock => {
                    return Err(StateError::Held { owner: p.owner, host: p.host, pid: p.pid, since: p.since });
                }
                Some(p) => Taken::Stale(p),
                None => Taken::Free,
            }
        } else {
            let holder = read_holder(&path).unwrap_or_else(unknown);
            if !break_lock {
                return Err(StateError::Held {
                    owner: holder.owner,
                    host: holder.host,
                    pid: holder.pid,
                    since: holder.since,
                });
            }
            Taken::Broken(holder)
        };
        let body = serde_json::to_vec_pretty(me).expect("lock info serializes");
        file.set_len(0).and_then(|()| file.write_all(&body)).and_then(|()| file.sync_all()).map_err(io(&path))?;
        Ok((LockGuard { file }, taken))
    }
}

/// A journal entry stamped now.
pub fn entry(run: &str, event: crate::core::journal::Event) -> Entry {
    Entry { ts: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true), run: run.to_string(), event }
}

/// A new run id: time and pid, unique on this host.
pub fn run_id(kind: &str) -> String {
    format!("{kind}-{}-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S"), std::process::id())
}

/// This machine's name.
pub fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "unknown-host".into())
}

/// Who is operating: the sudo user if any, else the login user.
pub fn operator() -> String {
    ["SUDO_USER", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| {
            // SAFETY: getuid has no preconditions.
            format!("uid {}", unsafe { libc::getuid() })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(pid: u32) -> LockInfo {
        LockInfo { owner: "op".into(), host: hostname(), pid, since: "now".into(), run: "r".into() }
    }

    #[test]
    fn one_holder_at_a_time_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        let (guard, taken) = state.lock(&me(std::process::id()), false).unwrap();
        assert_eq!(taken, Taken::Free);
        // flock is per open file: a second open in this process is refused too.
        assert!(matches!(state.lock(&me(std::process::id()), false), Err(StateError::Held { .. })));
        drop(guard);
        assert_eq!(
            state.lock(&me(std::process::id()), false).unwrap().1,
            Taken::Free,
            "a clean release leaves no holder"
        );
        // A holder whose process is gone.
        std::fs::write(state.lock_path(), serde_json::to_vec(&me(u32::MAX - 1)).unwrap()).unwrap();
        let (_g, taken) = state.lock(&me(std::process::id()), false).unwrap();
        assert!(matches!(taken, Taken::Stale(_)));
    }

    #[test]
    fn a_torn_last_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        let entry = Entry {
            ts: "t".into(),
            run: "r".into(),
            event: crate::core::journal::Event::RunFinished { completed: true },
        };
        state.append(&entry).unwrap();
        let mut f = OpenOptions::new().append(true).open(state.journal_path()).unwrap();
        f.write_all(b"{\"ts\":\"t\",\"ru").unwrap();
        assert_eq!(state.read_journal().unwrap(), vec![entry]);
    }
}
