//! Writes to the store off the UI thread. The store syncs every event to disk
//! (`synchronous=FULL`), which can take longer than a frame on an old disk; the UI hands
//! each fact to this thread the moment it happens and never waits for it.

use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

use baeumteo_core::event::EventBody;

use crate::store::Store;

type Query = Box<dyn FnOnce(&mut Store) + Send>;

enum Job {
    Event(EventBody),
    Setting(String, String),
    Query(Query),
}

pub struct Journal {
    tx: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Journal")
    }
}

impl Journal {
    pub fn start(mut store: Store) -> Journal {
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                for job in rx {
                    match job {
                        Job::Event(body) => {
                            if let Err(e) = store.append(body) {
                                tracing::error!(error = %e, "an event could not be stored");
                            }
                        }
                        Job::Setting(k, v) => {
                            if let Err(e) = store.set_setting(&k, &v) {
                                tracing::error!(error = %e, key = k, "a setting could not be stored");
                            }
                        }
                        Job::Query(q) => q(&mut store),
                    }
                }
            })
            .ok();
        if thread.is_none() {
            tracing::error!("the journal thread could not start: nothing will be recorded");
        }
        Journal {
            tx: thread.is_some().then_some(tx),
            thread,
        }
    }

    fn send(&self, job: Job) {
        if let Some(tx) = &self.tx
            && tx.send(job).is_err()
        {
            tracing::error!("the journal thread has stopped");
        }
    }

    /// Records one fact; returns at once.
    pub fn record(&self, body: EventBody) {
        self.send(Job::Event(body));
    }

    pub fn set_setting(&self, key: &str, value: &str) {
        self.send(Job::Setting(key.to_string(), value.to_string()));
    }

    /// Runs `f` on the store after every write handed over before it, and waits for its
    /// answer (start-up, refreshing the name list, tests: never per frame).
    pub fn query<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> Option<T> {
        self.ask(f).recv().ok()
    }

    /// Like `query`, without waiting: the answer arrives on the returned channel (the UI
    /// polls it, so a slow write never holds a frame).
    pub fn ask<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> mpsc::Receiver<T> {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Query(Box::new(move |store| {
            let _ = tx.send(f(store));
        })));
        rx
    }

    /// Waits until everything handed over so far is on disk.
    pub fn flush(&self) {
        self.query(|_| ());
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // Closing the channel lets the thread finish the queued writes, then end.
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
