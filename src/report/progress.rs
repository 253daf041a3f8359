//! Progress on stderr for long work: a live spinner on a terminal; when
//! stderr is piped (a log of the run), a line every few seconds so the log
//! shows the run is alive; nothing with -q.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a piped run says it is alive.
const HEARTBEAT: Duration = Duration::from_secs(5);

pub struct Spinner {
    bar: ProgressBar,
    message: Arc<Mutex<String>>,
    /// Dropping the sender stops the heartbeat thread at once.
    heartbeat: Option<(Sender<()>, JoinHandle<()>)>,
}

/// How a spinner shows itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// A live spinner (stderr is a terminal).
    Live,
    /// A line every few seconds (stderr is piped).
    Heartbeat,
    Hidden,
}

impl Spinner {
    pub fn new(message: &str, show: Show) -> Self {
        let live = show == Show::Live;
        let target = if live { ProgressDrawTarget::stderr_with_hz(10) } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"));
        bar.set_message(message.to_string());
        if live {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        let message = Arc::new(Mutex::new(message.to_string()));
        let heartbeat = (show == Show::Heartbeat).then(|| {
            let (stop, stopped) = mpsc::channel::<()>();
            let text = message.clone();
            let handle = std::thread::spawn(move || {
                let started = Instant::now();
                // Bounded by the spinner's life: finish() ends it.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(HEARTBEAT) {
                    let now = text.lock().map(|m| m.clone()).unwrap_or_default();
                    eprintln!("{now}: still running ({}s)", started.elapsed().as_secs());
                }
            });
            (stop, handle)
        });
        Spinner { bar, message, heartbeat }
    }

    pub fn set_message(&self, message: String) {
        if let Ok(mut m) = self.message.lock() {
            m.clone_from(&message);
        }
        self.bar.set_message(message);
    }

    pub fn finish(self) {
        self.bar.finish_and_clear();
        if let Some((stop, handle)) = self.heartbeat {
            drop(stop);
            let _ = handle.join();
        }
    }
}
