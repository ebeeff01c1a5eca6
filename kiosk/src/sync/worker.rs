//! The background sync thread: an attempt at start, then every few minutes, at once when
//! asked (a class session just closed), and with backoff and jitter while the server is
//! away. It has its own store connection; the UI only reads the status it publishes.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rand::Rng;

use super::{SyncFailure, SyncOptions, SyncStatus, backoff_delay, sync_once};
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    pub store_path: PathBuf,
    pub sync: SyncOptions,
    /// Between successful attempts.
    pub interval: Duration,
    /// Before the first attempt (the kiosk window lets its first frame come first; a
    /// "sync now" cuts it short).
    pub first_attempt_after: Duration,
    /// Run `quick_check` when the worker opens the store. The kiosk app has just checked
    /// it with its own connection; checking again costs a tenth of a second per 100 MB.
    pub check_store: bool,
}

enum Message {
    SyncNow,
    Stop,
}

/// Handle to the sync thread. Dropping it stops the thread (after the attempt under
/// way, which is safe to cut anyway).
pub struct SyncWorker {
    tx: Sender<Message>,
    status: Arc<Mutex<SyncStatus>>,
    thread: Option<JoinHandle<()>>,
    /// Disconnects when the thread ends.
    done: Receiver<()>,
}

impl SyncWorker {
    /// Starts the thread. `on_status` is called from it after every change of status;
    /// a UI passes something that forwards with `slint::invoke_from_event_loop`.
    pub fn spawn(
        options: WorkerOptions,
        on_status: impl Fn(&SyncStatus) + Send + 'static,
    ) -> SyncWorker {
        let (tx, rx) = mpsc::channel();
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let status = Arc::new(Mutex::new(SyncStatus::default()));
        let shared = status.clone();
        let thread = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                // Dropped when the thread ends, however it ends: `stop_within` waits on it.
                let _done = done_tx;
                // Stored before the call, so whoever is told reads the new status.
                let publish = |s: SyncStatus| {
                    *shared.lock().unwrap_or_else(|p| p.into_inner()) = s.clone();
                    on_status(&s);
                };
                if !options.first_attempt_after.is_zero() {
                    match rx.recv_timeout(options.first_attempt_after) {
                        Ok(Message::SyncNow) | Err(RecvTimeoutError::Timeout) => {}
                        Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                let opened = if options.check_store {
                    Store::open(&options.store_path)
                } else {
                    Store::open_checked_elsewhere(&options.store_path)
                };
                let mut store = match opened {
                    Ok(s) => s,
                    Err(e) => {
                        tracing::error!(error = %e, "sync cannot open the store");
                        publish(SyncStatus {
                            last_failure: Some(e.into()),
                            ..SyncStatus::default()
                        });
                        return;
                    }
                };
                let mut failures: u32 = 0;
                let (mut pulled, mut installed) = (0u64, 0u32);
                loop {
                    if let Ok(s) = SyncStatus::load(&store) {
                        publish(SyncStatus {
                            running: true,
                            pulled_since_start: pulled,
                            courses_installed_since_start: installed,
                            ..s
                        });
                    }
                    let outcome = sync_once(&mut store, &options.sync);
                    if let Ok(report) = &outcome {
                        pulled += report.pulled;
                        installed += report.courses_installed;
                    }
                    let wait = match &outcome {
                        Ok(_) => {
                            failures = 0;
                            options.interval
                        }
                        Err(SyncFailure::NotEnrolled | SyncFailure::Revoked) => {
                            // Nothing to send until someone enrolls the kiosk (again);
                            // looking costs one local read, so look again every round.
                            options.interval
                        }
                        Err(SyncFailure::RateLimited {
                            retry_after_secs: Some(secs),
                        }) => Duration::from_secs(*secs).max(options.interval / 10),
                        Err(f) if f.is_transient() => {
                            failures = failures.saturating_add(1);
                            backoff_delay(failures, rand::rng().random())
                        }
                        Err(_) => options.interval,
                    };
                    if let Err(e) = &outcome {
                        tracing::info!(error = %e, retry_in = ?wait, "sync attempt failed");
                    }
                    match SyncStatus::load(&store) {
                        Ok(s) => publish(SyncStatus {
                            pulled_since_start: pulled,
                            courses_installed_since_start: installed,
                            ..s
                        }),
                        Err(e) => tracing::warn!(error = %e, "cannot read sync status"),
                    }
                    match rx.recv_timeout(wait) {
                        Ok(Message::SyncNow) | Err(RecvTimeoutError::Timeout) => {}
                        Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            });
        let thread = match thread {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(error = %e, "cannot start the sync thread");
                None
            }
        };
        SyncWorker {
            tx,
            status,
            thread,
            done: done_rx,
        }
    }

    /// Asks for an attempt now (e.g. right after a class session closed).
    pub fn sync_now(&self) {
        let _ = self.tx.send(Message::SyncNow);
    }

    /// The latest published status.
    pub fn status(&self) -> SyncStatus {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn stop(mut self) {
        self.stop_inner();
    }

    /// Stops the thread, waiting at most `grace` for the attempt under way (a window
    /// closing must not hang on a slow server). An attempt left running is cut when
    /// the process ends, which loses nothing: progress is saved after every answer.
    pub fn stop_within(mut self, grace: Duration) {
        let _ = self.tx.send(Message::Stop);
        match self.done.recv_timeout(grace) {
            Err(RecvTimeoutError::Timeout) => {
                tracing::info!("sync attempt still under way at exit; leaving it");
                self.thread.take();
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => self.stop_inner(),
        }
    }

    fn stop_inner(&mut self) {
        let _ = self.tx.send(Message::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SyncWorker {
    fn drop(&mut self) {
        self.stop_inner();
    }
}
