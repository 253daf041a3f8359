//! The one door for every change to the gateway: it takes the operator lock
//! (an flock, so a crashed holder frees it), refuses while the journal is
//! unreadable, records a lock taken over, and gives the run id every journal
//! entry of the change carries. Released when dropped.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::adapters::state::{self, LockGuard, LockInfo, StateDir, StateError, Taken};
use crate::core::journal::{Entry, Event};
use crate::settings::Settings;

/// How to take the lock.
#[derive(Debug, Clone)]
pub struct Knock {
    /// The command, as the holder shows it to whoever waits (`rollback emergency`).
    pub command: String,
    /// Take the lock from a live holder (journaled).
    pub break_lock: bool,
    /// How long to wait for a holder to finish before refusing.
    pub wait: Duration,
    /// Refuse while the journal is unreadable (all but `journal repair`).
    pub needs_journal: bool,
}

impl Knock {
    pub fn new(command: &str, break_lock: bool) -> Knock {
        Knock { command: command.to_string(), break_lock, wait: Duration::ZERO, needs_journal: true }
    }

    /// For `journal repair`, the one change that runs on an unreadable journal.
    pub fn repairing(mut self) -> Knock {
        self.needs_journal = false;
        self
    }

    pub fn waiting(mut self, wait: Duration) -> Knock {
        self.wait = wait;
        self
    }
}

/// Holding the operator lock.
pub struct Door {
    state: StateDir,
    run: String,
    pub me: LockInfo,
    /// How the lock was taken (free, stale, broken), for the command to say.
    pub taken: Taken,
    /// A torn last journal line found on the way in.
    torn: Option<String>,
    _guard: LockGuard,
}

impl Door {
    /// Takes the lock for `knock.command`, waiting up to `knock.wait`.
    pub async fn open(settings: &Settings, knock: Knock) -> Result<Door, StateError> {
        let dir = settings.file.state.dir.clone();
        tokio::task::spawn_blocking(move || Door::open_blocking(dir, knock)).await.unwrap_or_else(|e| {
            Err(StateError::Io { path: PathBuf::new(), source: std::io::Error::other(e.to_string()) })
        })
    }

    fn open_blocking(dir: PathBuf, knock: Knock) -> Result<Door, StateError> {
        let state = StateDir::new(&dir);
        let kind = knock.command.split_whitespace().next().unwrap_or("run").to_string();
        let run = state::run_id(&kind);
        let me = LockInfo {
            owner: state::operator(),
            host: state::hostname(),
            pid: std::process::id(),
            since: chrono::Utc::now().to_rfc3339(),
            run: run.clone(),
            command: knock.command.clone(),
        };
        let deadline = Instant::now() + knock.wait;
        let (guard, taken) = loop {
            match state.lock(&me, false) {
                Ok(got) => break got,
                Err(StateError::Held { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(StateError::Held { .. }) if knock.break_lock => break state.lock(&me, true)?,
                Err(e) => return Err(e),
            }
        };
        // Read under the lock, once: an unreadable journal hides what is
        // rolled back, so nothing changes until it is repaired.
        let torn = match knock.needs_journal {
            true => state.check_journal()?.torn_tail.map(|line| {
                format!(
                    "the journal's last line ({line}) is torn (a crash mid-append): it is set aside in {} with this run's first entry, and the journal says so",
                    state.journal_path().with_file_name("journal.torn.<time>").display()
                )
            }),
            false => None,
        };
        let door = Door { state, run, me, taken, torn, _guard: guard };
        if let Taken::Stale(p) | Taken::Broken(p) = &door.taken {
            door.record(Event::LockBroken {
                previous_owner: p.owner.clone(),
                previous_host: p.host.clone(),
                previous_pid: p.pid,
            })?;
        }
        Ok(door)
    }

    pub fn run(&self) -> &str {
        &self.run
    }

    pub fn state(&self) -> &StateDir {
        &self.state
    }

    /// Journals one event of this run (fsynced before it returns).
    pub fn record(&self, event: Event) -> Result<(), StateError> {
        self.state.append(&state::entry(&self.run, event))
    }

    /// The journal's entries (dry runs left out).
    pub fn entries(&self) -> Result<Vec<Entry>, StateError> {
        Ok(crate::core::journal::real_entries(&self.state.read_journal()?))
    }

    /// What to tell the operator on the way in: how the lock was taken, a
    /// torn journal line.
    pub fn notes(&self) -> Vec<String> {
        self.taken_note().into_iter().chain(self.torn.clone()).collect()
    }

    fn taken_note(&self) -> Option<String> {
        match &self.taken {
            Taken::Free => None,
            Taken::Stale(p) => {
                Some(format!("lock of {}@{} pid {} was stale (its process is gone)", p.owner, p.host, p.pid))
            }
            Taken::Broken(p) => Some(format!(
                "lock of {}@{} pid {} ({}) broken with --break-lock",
                p.owner,
                p.host,
                p.pid,
                if p.command.is_empty() { "unknown command" } else { p.command.as_str() }
            )),
        }
    }
}

/// Journals how a read-only check ended (stress, trip-test, watch, logs
/// scan). It waits a few seconds for the lock and never takes it from
/// anyone: a held lock means the outcome is said but not journaled.
pub async fn record_outcome(
    settings: &Settings,
    command: &str,
    ok: bool,
    summary: String,
    refused: Option<u64>,
) -> Result<(), StateError> {
    let knock = Knock::new(command, false).waiting(Duration::from_secs(3));
    let door = Door::open(settings, knock).await?;
    door.record(Event::Outcome { command: command.to_string(), ok, summary, refused })
}
