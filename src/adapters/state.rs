//! gatewayctl's state directory: the journal (JSON Lines, fsynced line by
//! line so a crash loses nothing) and the operator lock.
//!
//! The journal is read strictly: a torn last line (a crash or a full disk
//! mid-append) is tolerated and reported, but any other unreadable line stops
//! the commands that rely on the journal, naming file and line, until
//! `gatewayctl journal repair`. Silently skipping it would hide a rollback.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::adapters::process;
use crate::core::journal::{Entry, Event};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot use the state dir {}: {source}; check [state] dir in the config", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("another operator is running: {owner}@{host}, pid {pid}, {doing}, since {since}; wait for them, or pass --break-lock if you are sure (it is recorded)")]
    Held { owner: String, host: String, pid: u32, since: String, doing: String },
    #[error("the journal {} is unreadable at line {line} ({reason}); nothing that relies on it can run: see `gatewayctl journal check`, then `gatewayctl journal repair` (it keeps the unreadable lines aside)", path.display())]
    Corrupt { path: PathBuf, line: usize, reason: String },
}

/// watch's series rotates past this size (two files: at most twice it on disk).
const SERIES_MAX: u64 = 8 * 1024 * 1024;

impl StateError {
    fn held(p: LockInfo) -> StateError {
        let doing =
            if p.command.is_empty() { "doing something unknown".into() } else { format!("running `{}`", p.command) };
        StateError::Held { owner: p.owner, host: p.host, pid: p.pid, since: p.since, doing }
    }
}

/// What reading the journal found besides its entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalHealth {
    pub lines: usize,
    pub entries: usize,
    /// The last line, unterminated and unreadable: a crash mid-append.
    pub torn_tail: Option<usize>,
    /// Every other unreadable line: (line number, why).
    pub unreadable: Vec<(usize, String)>,
}

/// Who holds the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub owner: String,
    pub host: String,
    pub pid: u32,
    pub since: String,
    pub run: String,
    /// What the holder is doing (`rollback emergency`), for whoever waits.
    #[serde(default)]
    pub command: String,
}

/// The operator lock as seen from outside ([`StateDir::lock_state`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    Free,
    Held(LockInfo),
    Unknown(String),
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

/// A note of work under way, held with an flock for as long as its writer
/// lives: a note whose flock another process can take was left by one
/// that ended (killed, or failed to finish its work). Dropping it leaves
/// the note (the work is still owed); [`HeldNote::done`] removes it.
pub struct HeldNote {
    file: File,
    path: PathBuf,
}

impl HeldNote {
    /// The work is done: the note goes, while still held.
    pub fn done(self) {
        let _ = fs::remove_file(&self.path);
        drop(self.file);
    }
}

/// A note found in a directory of held notes.
pub enum FoundNote<T> {
    /// Its writer still runs.
    Held(T),
    /// Its writer ended: held now by the finder, to do its work and remove it.
    Left(T, HeldNote),
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

    /// What the gateway looked like before activation (`report` compares with it).
    pub fn baseline_path(&self) -> PathBuf {
        self.dir.join("baseline.json")
    }

    /// watch's samples, one JSON line each; the older half rotates to `.1`.
    pub fn series_path(&self) -> PathBuf {
        self.dir.join("watch-series.jsonl")
    }

    /// Writes the baseline atomically.
    pub fn write_baseline(&self, baseline: &crate::core::debrief::Baseline) -> Result<(), StateError> {
        self.write_json(&self.baseline_path(), baseline)
    }

    /// The baseline, `None` when none was recorded; an unreadable one is an error.
    pub fn read_baseline(&self) -> Result<Option<crate::core::debrief::Baseline>, StateError> {
        self.read_json(&self.baseline_path())
    }

    /// The last `model probe`'s report.
    pub fn probe_path(&self) -> PathBuf {
        self.dir.join("probe.json")
    }

    /// A JSON document of the state dir, written atomically.
    pub fn write_json<T: serde::Serialize>(&self, path: &Path, value: &T) -> Result<(), StateError> {
        self.ensure()?;
        let bytes = serde_json::to_vec_pretty(value).expect("state documents serialize");
        crate::adapters::files::write_atomic(path, &bytes)
            .map_err(|e| StateError::Io { path: path.to_path_buf(), source: std::io::Error::other(e.to_string()) })
    }

    /// Writes `value` as a new note in `dir` (named `name`.json), held:
    /// the flock is taken before the note is visible, so no one ever sees
    /// it unheld while its writer runs.
    pub fn hold_json<T: serde::Serialize>(&self, dir: &Path, name: &str, value: &T) -> Result<HeldNote, StateError> {
        use std::io::Write as _;
        fs::create_dir_all(dir).map_err(io(dir))?;
        let path = dir.join(format!("{name}.json"));
        let tmp = dir.join(format!(".{name}.json.tmp"));
        let mut file =
            fs::OpenOptions::new().create(true).truncate(true).write(true).read(true).open(&tmp).map_err(io(&tmp))?;
        if !try_flock(&file) {
            return Err(io(&tmp)(std::io::Error::other("the new note is held by another process")));
        }
        file.write_all(&serde_json::to_vec_pretty(value).expect("state documents serialize")).map_err(io(&tmp))?;
        file.sync_all().map_err(io(&tmp))?;
        fs::rename(&tmp, &path).map_err(io(&path))?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(HeldNote { file, path })
    }

    /// Every note in `dir`, each held by its writer or left by one that
    /// ended (then held by this call); unreadable notes are skipped.
    pub fn notes<T: serde::de::DeserializeOwned>(&self, dir: &Path) -> Vec<FoundNote<T>> {
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let (tmp, mut paths): (Vec<PathBuf>, Vec<PathBuf>) =
            entries.flatten().map(|e| e.path()).partition(|p| p.extension().is_some_and(|x| x == "tmp"));
        // A note its writer never finished (killed before it was visible): nothing was owed yet.
        for t in tmp {
            if fs::File::open(&t).is_ok_and(|f| try_flock(&f)) {
                let _ = fs::remove_file(&t);
            }
        }
        paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
        paths.sort();
        let mut out = Vec::new();
        for path in paths {
            let Ok(file) = fs::OpenOptions::new().read(true).open(&path) else { continue };
            let held = !try_flock(&file);
            // Read after the flock: a note being removed is gone by now.
            let Some(value) = fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok()) else { continue };
            out.push(match held {
                true => FoundNote::Held(value),
                false => FoundNote::Left(value, HeldNote { file, path }),
            });
        }
        out
    }

    /// A JSON document of the state dir, `None` when absent; an unreadable one is an error.
    pub fn read_json<T: serde::de::DeserializeOwned>(&self, path: &Path) -> Result<Option<T>, StateError> {
        match fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(path)(e)),
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| StateError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
            }),
        }
    }

    /// Appends one sample to watch's series; past `SERIES_MAX` bytes the
    /// file becomes `.1` (replacing the older one), so the series is bounded.
    pub fn append_series(&self, point: &crate::core::debrief::SeriesPoint) -> Result<(), StateError> {
        self.ensure()?;
        let path = self.series_path();
        if fs::metadata(&path).is_ok_and(|m| m.len() > SERIES_MAX) {
            let older = self.dir.join("watch-series.jsonl.1");
            fs::rename(&path, &older).map_err(io(&path))?;
        }
        let mut line = serde_json::to_vec(point).expect("samples serialize");
        line.push(b'\n');
        let mut file = OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(io(&path))?;
        let len = file.metadata().map_err(io(&path))?.len();
        // A torn last line (a crash mid-append) stays alone on its line.
        if len > 0 && last_byte(&file, len).map_err(io(&path))? != b'\n' {
            line.insert(0, b'\n');
        }
        file.write_all(&line).map_err(io(&path))
    }

    /// Every sample kept (the rotation first), and how many lines were unreadable.
    pub fn read_series(&self) -> (Vec<crate::core::debrief::SeriesPoint>, usize) {
        let mut points = Vec::new();
        let mut bad = 0;
        for path in [self.dir.join("watch-series.jsonl.1"), self.series_path()] {
            let Ok(text) = fs::read_to_string(&path) else { continue };
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                match serde_json::from_str(line) {
                    Ok(p) => points.push(p),
                    Err(_) => bad += 1,
                }
            }
        }
        (points, bad)
    }

    pub fn lock_path(&self) -> PathBuf {
        self.dir.join("activate.lock")
    }

    fn ensure(&self) -> Result<(), StateError> {
        fs::create_dir_all(&self.dir).map_err(io(&self.dir))
    }

    /// Appends one entry and fsyncs it before returning. It starts on a
    /// fresh line whatever the last append left, and an append that fails
    /// part-way is cut back off, so a failed write never glues itself to
    /// the next entry.
    pub fn append(&self, entry: &Entry) -> Result<(), StateError> {
        self.ensure()?;
        let path = self.journal_path();
        let mut line = serde_json::to_vec(entry).expect("entries serialize");
        line.push(b'\n');
        let mut file = OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(io(&path))?;
        let mut len = file.metadata().map_err(io(&path))?.len();
        if len > 0 && last_byte(&file, len).map_err(io(&path))? != b'\n' {
            match self.set_torn_tail_aside(&file, len)? {
                // A whole entry that only lacks its newline: keep it.
                None => line.insert(0, b'\n'),
                Some((kept_len, note)) => {
                    len = kept_len;
                    let mut noted = serde_json::to_vec(&note).expect("entries serialize");
                    noted.push(b'\n');
                    line.splice(0..0, noted);
                }
            }
        }
        if let Err(e) = file.write_all(&line).and_then(|()| file.sync_data()) {
            let _ = file.set_len(len).and_then(|()| file.sync_data());
            return Err(io(&path)(e));
        }
        Ok(())
    }

    /// A torn last line (a crash mid-append): its bytes go to
    /// `journal.torn.<stamp>` and the journal is cut back to its last whole
    /// line, so the next entry starts on a fresh line and nothing is glued
    /// to the fragment. Returns the new length and the entry that records
    /// it, or `None` when the unterminated line is a whole entry.
    fn set_torn_tail_aside(&self, file: &File, len: u64) -> Result<Option<(u64, Entry)>, StateError> {
        let path = self.journal_path();
        let bytes = fs::read(&path).map_err(io(&path))?;
        let bytes = &bytes[..(len as usize).min(bytes.len())];
        let start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let fragment = &bytes[start..];
        if serde_json::from_slice::<Entry>(fragment).is_ok() {
            return Ok(None);
        }
        let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3f");
        let kept = self.dir.join(format!("journal.torn.{stamp}"));
        crate::adapters::files::write_atomic(&kept, fragment)
            .map_err(|e| StateError::Io { path: kept.clone(), source: std::io::Error::other(e.to_string()) })?;
        file.set_len(start as u64).and_then(|()| file.sync_data()).map_err(io(&path))?;
        let note = Event::JournalRepaired { lines: vec![line], kept_in: kept.display().to_string() };
        Ok(Some((start as u64, entry("torn-tail", note))))
    }

    /// Every entry. A torn last line is skipped; any other unreadable line
    /// (bad JSON, not UTF-8, an unknown event) is an error naming it.
    pub fn read_journal(&self) -> Result<Vec<Entry>, StateError> {
        self.strict_scan().map(|(entries, _)| entries)
    }

    /// What the journal holds, as `read_journal` judges it: an error naming
    /// the first unreadable line; otherwise its health (a torn tail).
    pub fn check_journal(&self) -> Result<JournalHealth, StateError> {
        self.strict_scan().map(|(_, health)| health)
    }

    fn strict_scan(&self) -> Result<(Vec<Entry>, JournalHealth), StateError> {
        let (entries, health) = self.scan_journal()?;
        match health.unreadable.first() {
            Some((line, reason)) => {
                Err(StateError::Corrupt { path: self.journal_path(), line: *line, reason: reason.clone() })
            }
            None => Ok((entries, health)),
        }
    }

    /// The entries that can be read, and what could not.
    pub fn scan_journal(&self) -> Result<(Vec<Entry>, JournalHealth), StateError> {
        let path = self.journal_path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), JournalHealth::default())),
            Err(e) => return Err(io(&path)(e)),
        };
        let mut health = JournalHealth::default();
        let mut entries = Vec::new();
        let terminated = bytes.last() == Some(&b'\n');
        let lines: Vec<&[u8]> = bytes.strip_suffix(b"\n").unwrap_or(&bytes).split(|&b| b == b'\n').collect();
        let count = if bytes.is_empty() { 0 } else { lines.len() };
        health.lines = count;
        for (i, line) in lines.iter().enumerate().take(count) {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Entry>(line) {
                Ok(e) => entries.push(e),
                Err(_) if i + 1 == count && !terminated => health.torn_tail = Some(i + 1),
                Err(e) => {
                    let reason = match std::str::from_utf8(line) {
                        Err(_) => "not UTF-8".to_string(),
                        Ok(_) => format!("not a journal entry: {e}"),
                    };
                    health.unreadable.push((i + 1, reason));
                }
            }
        }
        health.entries = entries.len();
        Ok((entries, health))
    }

    /// Moves every unreadable line (and a torn tail) to a file beside the
    /// journal, keeping their bytes, and rewrites the journal atomically
    /// with the rest. Returns where the lines went and their numbers.
    pub fn repair_journal(&self, stamp: &str) -> Result<Option<(PathBuf, Vec<usize>)>, StateError> {
        let (_, health) = self.scan_journal()?;
        let mut bad: Vec<usize> = health.unreadable.iter().map(|(l, _)| *l).collect();
        bad.extend(health.torn_tail);
        if bad.is_empty() {
            return Ok(None);
        }
        let path = self.journal_path();
        let bytes = fs::read(&path).map_err(io(&path))?;
        let (mut kept, mut aside) = (Vec::new(), Vec::new());
        for (i, line) in bytes.strip_suffix(b"\n").unwrap_or(&bytes).split(|&b| b == b'\n').enumerate() {
            let target = if bad.contains(&(i + 1)) { &mut aside } else { &mut kept };
            target.extend_from_slice(line);
            target.push(b'\n');
        }
        let quarantine = self.dir.join(format!("journal.unreadable.{stamp}"));
        crate::adapters::files::write_atomic(&quarantine, &aside)
            .and_then(|()| crate::adapters::files::write_atomic(&path, &kept))
            .map_err(|e| StateError::Io { path: path.clone(), source: std::io::Error::other(e.to_string()) })?;
        Ok(Some((quarantine, bad)))
    }

    /// Who holds the operator lock now, without taking it (for `status`).
    pub fn holder(&self) -> Option<LockInfo> {
        match self.lock_state() {
            LockState::Held(h) => Some(h),
            LockState::Free | LockState::Unknown(_) => None,
        }
    }

    /// The operator lock as a run would find it, without taking it: free,
    /// held (by whom), or not known (the file unreadable, or held with no
    /// holder it names), never taken for free.
    pub fn lock_state(&self) -> LockState {
        let path = self.lock_path();
        // Read-only is enough for flock, and works where the lock file is not ours.
        let file = match OpenOptions::new().read(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LockState::Free,
            Err(e) => return LockState::Unknown(format!("{}: {e}", path.display())),
        };
        if try_flock(&file) {
            // Free: the kernel gave it to us; let go at once.
            // SAFETY: unlocking a descriptor we own.
            unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&file), libc::LOCK_UN) };
            return LockState::Free;
        }
        match read_holder(&path) {
            Some(h) => LockState::Held(h),
            None => LockState::Unknown(format!("{} is held, and names no holder that can be read", path.display())),
        }
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
            command: String::new(),
        };
        let previous: Option<LockInfo> = fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
        let taken = if try_flock(&file) {
            match previous {
                // Someone wrote a holder without the flock (or an older gatewayctl): trust a live pid.
                Some(p) if p.host == me.host && p.pid != me.pid && process::is_alive(p.pid) && !break_lock => {
                    return Err(StateError::held(p));
                }
                Some(p) if p.host == me.host && process::is_alive(p.pid) => Taken::Broken(p),
                Some(p) if p.host != me.host && !break_lock => {
                    return Err(StateError::held(p));
                }
                Some(p) => Taken::Stale(p),
                None => Taken::Free,
            }
        } else {
            let holder = read_holder(&path).unwrap_or_else(unknown);
            if !break_lock {
                return Err(StateError::held(holder));
            }
            Taken::Broken(holder)
        };
        let body = serde_json::to_vec_pretty(me).expect("lock info serializes");
        file.set_len(0).and_then(|()| file.write_all(&body)).and_then(|()| file.sync_all()).map_err(io(&path))?;
        Ok((LockGuard { file }, taken))
    }
}

fn last_byte(file: &File, len: u64) -> std::io::Result<u8> {
    use std::os::unix::fs::FileExt;
    let mut b = [0u8; 1];
    file.read_exact_at(&mut b, len - 1)?;
    Ok(b[0])
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

/// Who is operating: the person behind sudo if any, else the login user,
/// else the name of the uid from the password database (never just "uid 0"
/// when a name exists).
pub fn operator() -> String {
    ["SUDO_USER", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(user_name)
        .unwrap_or_else(|| {
            // SAFETY: getuid has no preconditions.
            format!("uid {}", unsafe { libc::getuid() })
        })
}

/// The name of this process's uid, from the password database.
fn user_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: passwd is plain data; getpwuid_r writes into it and into buf,
    // whose length we pass; result is set to null or to &passwd.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(libc::getuid(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        Some(std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_held_with_no_readable_holder_is_unknown_never_free() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        assert_eq!(state.lock_state(), LockState::Free, "no lock file: nobody holds it");
        std::fs::write(state.lock_path(), b"").unwrap();
        assert_eq!(state.lock_state(), LockState::Free, "a file nobody holds");
        let held = File::open(state.lock_path()).unwrap();
        assert!(try_flock(&held));
        assert!(matches!(state.lock_state(), LockState::Unknown(why) if why.contains("names no holder")));
        assert_eq!(state.holder(), None);
    }

    fn me(pid: u32) -> LockInfo {
        LockInfo {
            owner: "op".into(),
            host: hostname(),
            pid,
            since: "now".into(),
            run: "r".into(),
            command: "test".into(),
        }
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

    /// Bytes appended behind the journal's back (a crash, another writer).
    fn raw(state: &StateDir, bytes: &[u8]) {
        OpenOptions::new().append(true).open(state.journal_path()).unwrap().write_all(bytes).unwrap();
    }

    fn finished(run: &str) -> Entry {
        Entry { ts: "t".into(), run: run.into(), event: crate::core::journal::Event::RunFinished { completed: true } }
    }

    #[test]
    fn a_torn_last_line_is_tolerated_and_set_aside_by_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        state.append(&finished("r1")).unwrap();
        raw(&state, b"{\"ts\":\"t\",\"ru");
        assert_eq!(state.read_journal().unwrap(), vec![finished("r1")]);
        assert_eq!(state.scan_journal().unwrap().1.torn_tail, Some(2));
        // The next run's entry is not glued onto the torn line: the fragment
        // is kept aside, and the journal says so.
        state.append(&finished("r2")).unwrap();
        let entries = state.read_journal().unwrap();
        assert_eq!(entries.len(), 3, "{entries:?}");
        let Event::JournalRepaired { lines, kept_in } = &entries[1].event else { panic!("{entries:?}") };
        assert_eq!(lines, &[2]);
        assert_eq!(std::fs::read(kept_in).unwrap(), b"{\"ts\":\"t\",\"ru");
        assert_eq!(entries[2], finished("r2"));
        // A whole entry that only lost its newline is kept as it is.
        raw(&state, &serde_json::to_vec(&finished("r3")).unwrap());
        state.append(&finished("r4")).unwrap();
        let runs: Vec<String> = state.read_journal().unwrap().into_iter().map(|e| e.run).collect();
        assert_eq!(runs[3..], ["r3", "r4"]);
    }

    #[test]
    fn repair_sets_unreadable_lines_aside() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        state.append(&finished("r1")).unwrap();
        raw(&state, b"{\"ts\":\"t\",\"ru\n");
        state.append(&finished("r2")).unwrap();
        let err = state.read_journal().unwrap_err();
        assert!(matches!(err, StateError::Corrupt { line: 2, .. }), "{err}");
        let (aside, lines) = state.repair_journal("now").unwrap().unwrap();
        assert_eq!(lines, [2]);
        assert_eq!(std::fs::read(aside).unwrap(), b"{\"ts\":\"t\",\"ru\n");
        assert_eq!(state.read_journal().unwrap(), vec![finished("r1"), finished("r2")]);
    }

    #[test]
    fn an_unreadable_line_in_the_middle_stops_readers_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        state.append(&finished("r1")).unwrap();
        raw(&state, b"\xff\xfe not utf-8\n");
        state.append(&finished("r2")).unwrap();
        let err = state.read_journal().unwrap_err();
        assert!(err.to_string().contains("line 2 (not UTF-8)"), "{err}");
        assert!(err.to_string().contains("journal repair"), "{err}");
    }

    fn point(at_ms: u64) -> crate::core::debrief::SeriesPoint {
        crate::core::debrief::SeriesPoint {
            at_ms,
            redis_memory_mb: Some(1.5),
            rate_limit_keys: Some(3),
            abuse_keys: None,
            breaker_state: Some("closed".into()),
            requests: 10,
            server_errors: 0,
            rate_limit_hits: 0,
            response_p95_ms: 12.0,
            overall: "normal".into(),
        }
    }

    #[test]
    fn the_series_survives_a_torn_line_and_rotates_within_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let state = StateDir::new(dir.path());
        state.append_series(&point(1)).unwrap();
        // A crash mid-append leaves half a line: it is skipped and counted, the next sample still lands.
        std::fs::OpenOptions::new()
            .append(true)
            .open(state.series_path())
            .unwrap()
            .write_all(b"{\"at_ms\":2,\"redis")
            .unwrap();
        state.append_series(&point(3)).unwrap();
        let (points, bad) = state.read_series();
        assert_eq!(points.iter().map(|p| p.at_ms).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(bad, 1, "the torn line alone");
        // Past the bound, the file rotates to .1: never more than two files.
        std::fs::write(state.series_path(), vec![b'\n'; SERIES_MAX as usize + 1]).unwrap();
        state.append_series(&point(4)).unwrap();
        assert!(dir.path().join("watch-series.jsonl.1").is_file());
        let (points, _) = state.read_series();
        assert_eq!(points.last().map(|p| p.at_ms), Some(4));
    }
}
