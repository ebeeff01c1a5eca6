//! Slow work (argon2 hashing, writes through the journal, asking the server) off the UI
//! thread, and its answer back on the UI thread: the screen keeps drawing and answering
//! taps meanwhile.
//!
//! One repeating timer polls every waiting answer. A timer (rather than
//! `invoke_from_event_loop`) works under every backend, the testing one included, whose
//! event loop is driven by mocked time; `settle` lets tests and screenshots wait.

use std::cell::RefCell;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often the UI thread looks for answers while any is awaited.
const POLL: Duration = Duration::from_millis(30);

/// A job waiting for its answer: `poll(block)` delivers it when there is one and says
/// whether the job is done.
type Pending = Box<dyn FnMut(bool) -> bool>;

thread_local! {
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static TIMER: slint::Timer = slint::Timer::default();
}

/// Calls `done` on the UI thread once `rx` answers.
pub fn when_ready<T: 'static>(rx: Receiver<T>, done: impl FnOnce(T) + 'static) {
    let mut done = Some(done);
    let poll = move |block: bool| {
        let answer = if block {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(v) => Some(v),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        match (done.take(), answer) {
            (Some(done), Some(v)) => done(v),
            // The worker panicked or the journal stopped: nothing will come.
            _ => tracing::error!("a background job ended without an answer"),
        }
        true
    };
    PENDING.with(|p| p.borrow_mut().push(Box::new(poll)));
    TIMER.with(|t| {
        if !t.running() {
            t.start(slint::TimerMode::Repeated, POLL, || {
                poll_all(false);
            });
        }
    });
}

/// Runs `work` on a new thread named `name`, then `done` with its result on the UI thread.
pub fn run<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
    done: impl FnOnce(T) + 'static,
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(work());
        });
    match spawned {
        Ok(_) => when_ready(rx, done),
        Err(e) => tracing::error!(error = %e, "a worker thread could not start"),
    }
}

/// Delivers the answers that have arrived (all of them, waiting, when `block`); stops the
/// timer when nothing is awaited any more.
fn poll_all(block: bool) -> bool {
    // Answers may start new jobs: take the list out so `when_ready` can push meanwhile.
    let jobs = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let any = !jobs.is_empty();
    let mut waiting: Vec<Pending> = Vec::new();
    for mut job in jobs {
        if !job(block) {
            waiting.push(job);
        }
    }
    let empty = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        waiting.append(&mut p);
        *p = waiting;
        p.is_empty()
    });
    if empty {
        TIMER.with(|t| t.stop());
    }
    any
}

/// Waits for every background job of this thread and delivers its answer, including jobs
/// that answers start (screenshots and tests: a picture of the result, not of "saving").
pub fn settle() {
    while poll_all(true) {}
}
