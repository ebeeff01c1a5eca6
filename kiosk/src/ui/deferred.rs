//! A value computed off the UI thread at start-up and used later: the learners' progress
//! (the projection snapshot of years of classes takes longer to read than a frame, and
//! the welcome screen does not need it). The first use waits for it if it is not there
//! yet, which in practice never happens: nobody signs in within the first tenth of a
//! second.

use std::cell::{OnceCell, RefCell};
use std::ops::{Deref, DerefMut};
use std::sync::mpsc::Receiver;

pub struct Deferred<T> {
    value: OnceCell<T>,
    pending: RefCell<Option<Receiver<T>>>,
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
            pending: RefCell::new(Some(rx)),
        }
    }

    fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let rx = self.pending.borrow_mut().take();
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
}
