//! The running kiosk's background sync: the worker thread of `crate::sync` started with
//! the window, woken right after a class session closes, stopped when the window closes.
//! Its status comes back to the UI thread with `slint::invoke_from_event_loop` (through
//! `SyncView.status-changed`); the UI never waits on the network.
//!
//! Whether the kiosk is enrolled is a setting in the store, which the worker reads again
//! at every round: a kiosk that is not enrolled (e.g. `--demo`) never contacts anyone,
//! and starts syncing on its own once enrolled. A screen that enrolls the kiosk calls
//! [`enrolled`] so that the first sync runs at once instead of at the next round.

use std::path::PathBuf;
use std::time::Duration;

use slint::ComponentHandle;

use super::context::{Background, Shared};
use super::{AppWindow, SyncView};
use crate::sync::{SyncOptions, SyncStatus, SyncWorker, WorkerOptions};

/// Between successful attempts while the kiosk runs.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

/// The first attempt waits this long after the window opens, so that opening the
/// store again and the first exchange do not compete with the first frame; "지금
/// 동기화" and a fresh enrollment start it at once.
const FIRST_ATTEMPT_AFTER: Duration = Duration::from_secs(3);

/// How long closing the window waits for an attempt under way.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Starts background sync for the kiosk whose context is `ctx`: an attempt shortly, then
/// every `interval`, with backoff while the server is away. Course packages from the
/// server are installed into `courses_dir` (`None` leaves them pending). Called once,
/// after `app::connect`; `shown` then updates what shows the status (the sync page),
/// handed in so this module depends on no page.
pub fn start(
    app: &AppWindow,
    ctx: &Shared,
    interval: Duration,
    courses_dir: Option<PathBuf>,
    shown: impl Fn(&AppWindow, &Shared) + 'static,
) {
    // Not asked of the journal: it may be busy reading the learners' progress.
    let store_path = ctx.borrow().services.store_path.clone();
    let weak = app.as_weak();
    let worker = SyncWorker::spawn(
        WorkerOptions {
            store_path,
            sync: SyncOptions {
                courses_dir,
                ..SyncOptions::default()
            },
            interval,
            first_attempt_after: FIRST_ATTEMPT_AFTER,
            check_store: false,
        },
        move |_status| {
            // Runs on the sync thread: hand over to the UI thread, never wait for it.
            let sent = weak.upgrade_in_event_loop(|app| {
                app.global::<SyncView>().invoke_status_changed();
            });
            if let Err(e) = sent {
                tracing::debug!(error = %e, "sync status not delivered to the UI");
            }
        },
    );
    let (weak, shared) = (app.as_weak(), ctx.clone());
    app.global::<SyncView>().on_status_changed(move || {
        if let Some(app) = weak.upgrade() {
            absorb_pulled(&shared);
            shown(&app, &shared);
        }
    });
    ctx.borrow_mut().services.sync = Some(Background {
        worker,
        absorbed: 0,
    });
}

/// On the UI thread, after the worker published: read the log again if the attempt
/// pulled changes (learners of other centers, erasures, certifications), so the
/// learner screens show them without a restart.
fn absorb_pulled(ctx: &Shared) {
    let Some(status) = status(ctx) else { return };
    let pulled_news = {
        let mut c = ctx.borrow_mut();
        match c.services.sync.as_mut() {
            Some(b) if !status.running && status.pulled_since_start != b.absorbed => {
                b.absorbed = status.pulled_since_start;
                true
            }
            _ => false,
        }
    };
    if pulled_news {
        ctx.borrow_mut().refresh();
    }
    if status.courses_installed_since_start > 0 {
        tracing::info!("course updates were installed; they are shown from the next start");
    }
}

/// The worker's latest status (`None` when background sync is not running).
pub fn status(ctx: &Shared) -> Option<SyncStatus> {
    ctx.borrow()
        .services
        .sync
        .as_ref()
        .map(|b| b.worker.status())
}

/// Asks for an attempt now; returns at once. Does nothing without background sync.
pub fn sync_now(ctx: &Shared) -> bool {
    match ctx.borrow().services.sync.as_ref() {
        Some(b) => {
            b.worker.sync_now();
            true
        }
        None => false,
    }
}

/// Call right after the kiosk was enrolled (e.g. by the first-run set-up screen): the
/// worker syncs at once instead of at its next round.
pub fn enrolled(ctx: &Shared) {
    sync_now(ctx);
}

/// Stops the worker (the window closed). An attempt under way is given a moment, then
/// left to be cut when the process ends, which loses nothing.
pub fn stop(ctx: &Shared) {
    let background = ctx.borrow_mut().services.sync.take();
    if let Some(b) = background {
        b.worker.stop_within(STOP_GRACE);
    }
}
