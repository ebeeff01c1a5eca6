//! Writes to the store off the UI thread. The store syncs every event to disk
//! (`synchronous=FULL`), which can take longer than a frame on an old disk; the UI hands
//! each fact to this thread the moment it happens and never waits for it.
//!
//! The thread's first job is the store's `quick_check` (a full read of the file: about
//! 0.1 s after years of classes), so the first frame does not wait for it. A damaged
//! store is then written no more: every later write is refused and logged, and the
//! window shows why ([`Journal::damage`]).

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use baeumteo_core::event::EventBody;

use crate::store::Store;

type Query = Box<dyn FnOnce(&mut Store) + Send>;

enum Job {
    Event(EventBody),
    Setting(String, String),
    Query(Query),
    /// Sent by `drop`: senders handed out by `ask_later` may outlive the journal.
    Stop,
}

pub struct Journal {
    tx: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    damage: Arc<OnceLock<String>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Journal")
    }
}

impl Journal {
    /// Takes over a store opened without its check ([`Store::open_in_checked_elsewhere`])
    /// and checks it first.
    pub fn start(mut store: Store) -> Journal {
        let (tx, rx) = mpsc::channel::<Job>();
        let damage = Arc::new(OnceLock::new());
        let found = damage.clone();
        let thread = std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                if let Err(e) = store.verify() {
                    tracing::error!(error = %e, "the kiosk's data is damaged: nothing more is written");
                    let _ = found.set(e.to_string());
                }
                for job in rx {
                    if let Job::Stop = job {
                        break;
                    }
                    if found.get().is_some() {
                        // Queries may write too (a snapshot): none runs on a damaged store.
                        if let Job::Event(_) | Job::Setting(..) = job {
                            tracing::error!("not stored: the kiosk's data is damaged");
                        }
                        continue;
                    }
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
                        Job::Stop => {}
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
            damage,
        }
    }

    /// Why the store was found damaged, once the check has found it so.
    pub fn damage(&self) -> Option<&str> {
        self.damage.get().map(String::as_str)
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

    /// `ask` for later: the returned call hands `f` over when it is made (after the first
    /// frame, or at the first use of what `f` reads, whichever comes first).
    pub fn ask_later<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> T + Send + 'static,
    ) -> impl FnOnce() -> mpsc::Receiver<T> + 'static {
        let sender = self.tx.clone();
        move || {
            let (tx, rx) = mpsc::channel();
            let job = Job::Query(Box::new(move |store| {
                let _ = tx.send(f(store));
            }));
            if sender.is_none_or(|s| s.send(job).is_err()) {
                tracing::error!("the journal thread has stopped");
            }
            rx
        }
    }

    /// Waits until everything handed over so far is on disk.
    pub fn flush(&self) {
        self.query(|_| ());
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // The thread finishes the queued writes, then ends at the stop (closing the
        // channel is not enough: an `ask_later` not yet made holds a sender).
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Job::Stop);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use baeumteo_core::event::EventBody;
    use uuid::Uuid;

    use super::*;

    fn step(n: usize) -> EventBody {
        EventBody::StepCompleted {
            learner_id: Uuid::nil(),
            course_id: "c".into(),
            lesson_id: "l".into(),
            step_id: format!("s{n}"),
        }
    }

    /// A store of `events` steps, checkpointed so every page is in the main file.
    fn store_with(path: &std::path::Path, events: usize) {
        let mut store = Store::open(path).unwrap();
        let at = chrono::Utc::now();
        store
            .append_many((0..events).map(|n| (step(n), at)).collect())
            .unwrap();
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }

    #[test]
    fn a_healthy_store_is_checked_and_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.sqlite3");
        store_with(&path, 10);
        let journal = Journal::start(Store::open_checked_elsewhere(&path).unwrap());
        journal.record(step(10));
        assert_eq!(journal.query(|s| s.event_count().unwrap()), Some(11));
        assert_eq!(journal.damage(), None);
    }

    #[test]
    fn a_journal_ends_even_while_a_later_question_is_never_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.sqlite3");
        store_with(&path, 1);
        let journal = Journal::start(Store::open_checked_elsewhere(&path).unwrap());
        let later = journal.ask_later(|s| s.event_count().unwrap());
        journal.record(step(1));
        drop(journal);
        assert!(later().recv().is_err(), "asked after the end: no answer");
        assert_eq!(Store::open(&path).unwrap().event_count().unwrap(), 2);
    }

    #[test]
    fn a_damaged_store_found_on_the_journal_thread_is_written_no_more() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.sqlite3");
        store_with(&path, 3000);
        // Garbage over pages near the end of the file (the events), the schema intact:
        // the store opens without its check, as the window opens it.
        let mut bytes = std::fs::read(&path).unwrap();
        let end = bytes.len() - 8 * 1024;
        for b in &mut bytes[end - 32 * 1024..end] {
            *b = 0x5a;
        }
        std::fs::write(&path, bytes).unwrap();
        let journal = Journal::start(Store::open_checked_elsewhere(&path).unwrap());
        journal.record(step(3000));
        assert_eq!(
            journal.query(|s| s.event_count().ok()),
            None,
            "no job runs on a damaged store"
        );
        let damage = journal.damage().expect("the check found the damage");
        assert!(damage.contains("damaged"), "{damage}");
    }
}
