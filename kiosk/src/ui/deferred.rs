//! A value computed off the UI thread and used later: the learners' progress (the
//! projection snapshot of years of classes takes longer to read than a frame, and the
//! welcome screen does not need it). Its work starts after the first frame, so the
//! window comes up in the same time and memory whatever the history, or at the first
//! use, which then waits for it; in practice nobody signs in within the first tenth of a
//! second.

use std::cell::{OnceCell, RefCell};
use std::ops::{Deref, DerefMut};
use std::sync::mpsc::Receiver;

pub struct Deferred<T> {
    value: OnceCell<T>,
    pending: RefCell<Option<Source<T>>>,
}

enum Source<T> {
    /// Not started: the call starts the work and gives where its answer will arrive.
    Start(Box<dyn FnOnce() -> Receiver<T>>),
    Wait(Receiver<T>),
}

impl<T: Default> Deferred<T> {
    pub fn ready(value: T) -> Self {
        Deferred {
            value: OnceCell::from(value),
            pending: RefCell::new(None),
        }
    }

    /// The value that will arrive on `rx` (the default if the sender goes away).
    pub fn pending(rx: Receiver<T>) -> Self {
        Deferred {
            value: OnceCell::new(),
            pending: RefCell::new(Some(Source::Wait(rx))),
        }
    }

    /// The value `start` will send, once [`Deferred::start`] or the first use calls it.
    pub fn later(start: impl FnOnce() -> Receiver<T> + 'static) -> Self {
        Deferred {
            value: OnceCell::new(),
            pending: RefCell::new(Some(Source::Start(Box::new(start)))),
        }
    }

    /// Starts the work now if it has not started (after the first frame).
    pub fn start(&self) {
        let mut pending = self.pending.borrow_mut();
        if let Some(Source::Start(_)) = &*pending
            && let Some(Source::Start(start)) = pending.take()
        {
            *pending = Some(Source::Wait(start()));
        }
    }

    fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let source = self.pending.borrow_mut().take();
            let rx = match source {
                Some(Source::Start(start)) => Some(start()),
                Some(Source::Wait(rx)) => Some(rx),
                None => None,
            };
            rx.and_then(|rx| rx.recv().ok()).unwrap_or_default()
        })
    }
}

impl<T: Default> Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.get()
    }
}

impl<T: Default> DerefMut for Deferred<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.get();
        self.value.get_mut().expect("initialised by get")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_value_is_waited_for_on_first_use_and_kept() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut d = Deferred::pending(rx);
        std::thread::spawn(move || tx.send(vec![1, 2]).unwrap());
        assert_eq!(*d, vec![1, 2]);
        d.push(3);
        assert_eq!(*d, vec![1, 2, 3]);
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        drop(tx);
        assert!(
            Deferred::pending(rx).is_empty(),
            "the default when nothing comes"
        );
    }

    #[test]
    fn deferred_work_starts_when_asked_or_at_first_use_and_only_once() {
        use std::cell::Cell;
        use std::rc::Rc;
        let starts = Rc::new(Cell::new(0));
        let work = |starts: Rc<Cell<u32>>| {
            move || {
                starts.set(starts.get() + 1);
                let (tx, rx) = std::sync::mpsc::channel();
                tx.send(7).unwrap();
                rx
            }
        };
        let d = Deferred::later(work(starts.clone()));
        assert_eq!(starts.get(), 0, "nothing runs before it is asked for");
        d.start();
        d.start();
        assert_eq!((*d, starts.get()), (7, 1));
        let unstarted = Deferred::later(work(starts.clone()));
        assert_eq!(
            (*unstarted, starts.get()),
            (7, 2),
            "the first use starts it"
        );
    }
}
