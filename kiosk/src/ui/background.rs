//! Slow work (argon2 hashing, asking the server) on a worker thread, and its answer back
//! on the UI thread: the screen keeps drawing and answering taps meanwhile.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

/// How often the UI thread looks for the answer.
const POLL: Duration = Duration::from_millis(30);

/// Runs `work` on a new thread, then `done` with its result on the UI thread. A timer
/// polls for the answer (rather than `invoke_from_event_loop`) so that the same code runs
/// under the testing backend, whose event loop is driven by mocked time.
pub fn run<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
    done: impl FnOnce(T) + 'static,
) {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(work());
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "a worker thread could not start");
        return;
    }
    let timer = Rc::new(slint::Timer::default());
    let keep = timer.clone();
    let done = RefCell::new(Some(done));
    timer.start(slint::TimerMode::Repeated, POLL, move || {
        let answer = match rx.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                // The worker panicked: nothing will come.
                keep.stop();
                return;
            }
        };
        keep.stop();
        if let Some(f) = done.borrow_mut().take() {
            f(answer);
        }
    });
}
