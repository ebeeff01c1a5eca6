//! The kiosk's local store: the append-only event log in SQLite.
//!
//! WAL with `synchronous=FULL`: when `append` returns, the event survives a power cut,
//! so a check-in shown on screen is never lost. `quick_check` runs at every open.

mod center;
mod error;
mod migrations;
mod projections;
pub mod sync_state;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use baeumteo_core::event::{Event, EventBody, KioskId, LearnerId};
use baeumteo_core::wire::CenterInfo;
use baeumteo_storage::time::format as format_time;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, params};
use uuid::Uuid;

pub use center::Applied;
pub use error::StoreError;
use migrations::MIGRATIONS;
pub use projections::{ProjectionCache, Projections, replay};

/// The file name of the store inside the data folder.
pub const STORE_FILE: &str = "kiosk.sqlite3";

pub struct Store {
    conn: Connection,
    path: PathBuf,
    kiosk_id: KioskId,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("kiosk_id", &self.kiosk_id)
            .finish()
    }
}

impl Store {
    /// Opens the store in a data folder, creating folder and database when missing.
    /// The folder is made private to the kiosk's user (0700) and the database file
    /// 0600: it holds learners' names and the device token.
    pub fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        Store::open(&private_dir(data_dir)?.join(STORE_FILE))
    }

    /// [`Store::open_in`] without the `quick_check`, for a caller that checks the store
    /// another way: a checked open that follows at once, or the window, whose journal
    /// thread runs [`Store::verify`] while the first frame is drawn.
    pub fn open_in_checked_elsewhere(data_dir: &Path) -> Result<Store, StoreError> {
        Store::open_checked_elsewhere(&private_dir(data_dir)?.join(STORE_FILE))
    }

    /// Opens (or creates) the store file, checks it, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// A second connection to a store this process has just opened with [`Store::open`]
    /// (the sync worker beside the window): the same, without the `quick_check`.
    pub fn open_checked_elsewhere(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, check: bool) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        // Before anything is written; SQLite gives the -wal and -shm files the same mode.
        make_private(path, 0o600)?;
        // The journal thread and the sync worker write through separate connections. A
        // deferred transaction that reads and then writes cannot wait for the other
        // writer (SQLite answers BUSY at once, the busy timeout is skipped), which would
        // lose a fact; taking the write lock at BEGIN lets it wait its turn instead.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        baeumteo_storage::open::configure(&conn).map_err(|e| classify_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            kiosk_id: Uuid::nil(),
        };
        if check {
            store.verify()?;
        }
        store.migrate()?;
        store.kiosk_id = store.load_or_create_kiosk_id()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = &self.path;
        baeumteo_storage::migrate(
            &mut self.conn,
            MIGRATIONS,
            |n| StoreError::NewerSchema {
                path: path.clone(),
                found: n.found,
                supported: n.supported,
            },
            |_, _| Ok(()),
        )
    }

    fn load_or_create_kiosk_id(&mut self) -> Result<KioskId, StoreError> {
        let tx = self.conn.transaction()?;
        let existing: Option<String> = tx
            .query_row("SELECT kiosk_id FROM kiosk", [], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(s) => Uuid::from_str(&s).map_err(|e| StoreError::BadRow(e.to_string()))?,
            None => {
                let id = Uuid::now_v7();
                tx.execute(
                    "INSERT INTO kiosk (singleton, kiosk_id, created_at) VALUES (1, ?1, ?2)",
                    params![id.to_string(), format_time(Utc::now())],
                )?;
                id
            }
        };
        tx.commit()?;
        Ok(id)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn kiosk_id(&self) -> KioskId {
        self.kiosk_id
    }

    /// The connection, for sibling modules that keep their own tables (sync state, …).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Records a fact now. Durable when this returns.
    pub fn append(&mut self, body: EventBody) -> Result<Event, StoreError> {
        self.append_at(body, Utc::now())
    }

    /// Records a fact with a given kiosk time (for simulated histories and tests).
    pub fn append_at(&mut self, body: EventBody, at: DateTime<Utc>) -> Result<Event, StoreError> {
        let mut events = self.append_many(vec![(body, at)])?;
        events
            .pop()
            .ok_or_else(|| StoreError::BadRow("append wrote nothing".into()))
    }

    /// Records several facts in one transaction: all or none (simulated histories, bulk
    /// imports; one fsync instead of one per event).
    pub fn append_many(
        &mut self,
        bodies: Vec<(EventBody, DateTime<Utc>)>,
    ) -> Result<Vec<Event>, StoreError> {
        let kiosk_id = self.kiosk_id;
        let tx = self.conn.transaction()?;
        let last: u64 = tx
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM events WHERE kiosk_id = ?1")?
            .query_row([kiosk_id.to_string()], |r| r.get(0))?;
        let mut events = Vec::with_capacity(bodies.len());
        for (seq, (body, at)) in (last + 1..).zip(bodies) {
            let event = Event {
                id: Uuid::now_v7(),
                kiosk_id,
                seq,
                at,
                // Names and free text typed here lose control characters and bidi
                // overrides (core's one rule; the server applies it again).
                body: body.cleaned(),
            };
            insert_event(&tx, &event, true)?;
            if let EventBody::LearnerErased { learner_id } = &event.body {
                redact_learner(&tx, *learner_id)?;
            }
            events.push(event);
        }
        tx.commit()?;
        Ok(events)
    }

    /// Stores an event of another kiosk pulled from the server. Returns whether it was
    /// new; the same event twice is harmless, a different event at a taken
    /// `(kiosk_id, seq)` is a conflict.
    pub fn insert_foreign(&mut self, event: &Event) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let new = insert_foreign_in(&tx, self.kiosk_id, event)?;
        tx.commit()?;
        Ok(new)
    }

    /// The highest seq this kiosk has recorded (0 when none).
    pub fn last_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM events WHERE kiosk_id = ?1")?
            .query_row([self.kiosk_id.to_string()], |r| r.get(0))?)
    }

    /// This kiosk's own events with `seq > after`, in seq order, at most `limit`.
    pub fn events_after(&self, after: u64, limit: usize) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kiosk_id, seq, at, body FROM events
             WHERE kiosk_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let rows = stmt.query_map(
            params![self.kiosk_id.to_string(), after, limit as i64],
            read_row,
        )?;
        rows.map(|r| r?).collect()
    }

    /// Every event, own and pulled, in the order they arrived in this store. That keeps
    /// each kiosk's own seq order (own events are appended in seq order; another
    /// kiosk's arrive in the server's order, which is theirs), which the projections
    /// need, and it is the arrival order core's learner-profile rule counts edits in.
    pub fn all_events(&self) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kiosk_id, seq, at, body FROM events ORDER BY rowid")?;
        let rows = stmt.query_map([], read_row)?;
        rows.map(|r| r?).collect()
    }

    /// Every event about one learner, in the same order as `all_events`.
    pub fn learner_events(&self, learner: LearnerId) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kiosk_id, seq, at, body FROM events WHERE learner_id = ?1
             ORDER BY rowid",
        )?;
        let rows = stmt.query_map([learner.to_string()], read_row)?;
        rows.map(|r| r?).collect()
    }

    /// Every learner registration, edit and erasure, in arrival order: what the name
    /// cards need, without reading the rest of the log.
    pub fn profile_events(&self) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kiosk_id, seq, at, body FROM events
             WHERE kind IN ('learner_registered', 'learner_updated', 'learner_erased')
             ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], read_row)?;
        rows.map(|r| r?).collect()
    }

    /// The center from its latest set-up, if any (without reading the rest of the log).
    pub fn center(&self) -> Result<Option<CenterInfo>, StoreError> {
        let body: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT body FROM events WHERE kind = 'center_configured'
                 ORDER BY rowid DESC LIMIT 1",
            )?
            .query_row([], |r| r.get(0))
            .optional()?;
        let body = body
            .map(|b| serde_json::from_str::<EventBody>(&b))
            .transpose()?;
        Ok(match body {
            Some(EventBody::CenterConfigured {
                center_name,
                county,
                township,
            }) => Some(CenterInfo {
                center_name,
                county,
                township,
            }),
            _ => None,
        })
    }

    pub fn event_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?;
        Ok(())
    }

    pub fn remove_setting(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM settings WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }

    /// Refuses a damaged store (`PRAGMA quick_check`): at every open, or for the window
    /// on the journal thread while the first frame is drawn.
    pub fn verify(&self) -> Result<(), StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| classify_open_error(&self.path, e))?;
        if result != "ok" {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: result,
            });
        }
        Ok(())
    }

    /// Runs `PRAGMA quick_check` again, for `kiosk status`.
    pub fn quick_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?)
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// The data folder, made if missing and private to the kiosk's user.
fn private_dir(data_dir: &Path) -> Result<&Path, StoreError> {
    std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
        path: data_dir.to_path_buf(),
        source,
    })?;
    make_private(data_dir, 0o700)?;
    Ok(data_dir)
}

/// Sets the permission bits of a file or folder (Unix); elsewhere a no-op.
fn make_private(path: &Path, mode: u32) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(
            |source| StoreError::Permissions {
                path: path.to_path_buf(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// An event pulled from the server is stored only if it reads back: a time the store
/// can write and parse again (core's plausible range) and a body that round-trips.
fn check_readable(event: &Event) -> Result<(), StoreError> {
    let refuse = |reason: String| StoreError::Refused {
        id: event.id,
        reason,
    };
    if !baeumteo_core::wire::plausible_clock(event.at) {
        return Err(refuse(format!("its time {} is not plausible", event.at)));
    }
    let json = serde_json::to_string(&event.body)?;
    match serde_json::from_str::<EventBody>(&json) {
        Ok(back) if back == event.body => Ok(()),
        _ => Err(refuse("its body does not read back".into())),
    }
}

/// [`Store::insert_foreign`] inside a transaction the caller commits (one per batch).
fn insert_foreign_in(tx: &Transaction, own: KioskId, event: &Event) -> Result<bool, StoreError> {
    if event.kiosk_id == own {
        // Our own events come back from the server only as echoes: we have them.
        return Ok(false);
    }
    check_readable(event)?;
    let existing: Option<String> = tx
        .prepare_cached("SELECT id FROM events WHERE kiosk_id = ?1 AND seq = ?2")?
        .query_row(params![event.kiosk_id.to_string(), event.seq], |r| r.get(0))
        .optional()?;
    match existing {
        Some(id) if id == event.id.to_string() => return Ok(false),
        Some(_) => {
            return Err(StoreError::Conflict {
                id: event.id,
                kiosk_id: event.kiosk_id,
                seq: event.seq,
            });
        }
        None => {}
    }
    let mut event = event.clone();
    if let Some(learner) = event.body.learner_id()
        && learner_erased(tx, learner)?
        && let Some(redacted) = event.body.redacted()
    {
        event.body = redacted;
    }
    insert_event(tx, &event, false)?;
    if let EventBody::LearnerErased { learner_id } = &event.body {
        redact_learner(tx, *learner_id)?;
    }
    Ok(true)
}

fn insert_event(tx: &Transaction, event: &Event, local: bool) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO events (kiosk_id, seq, id, at, kind, learner_id, body, local)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event.kiosk_id.to_string(),
        event.seq,
        event.id.to_string(),
        format_time(event.at),
        event.body.kind(),
        event.body.learner_id().map(|l| l.to_string()),
        serde_json::to_string(&event.body)?,
        local,
    ])?;
    Ok(())
}

fn learner_erased(tx: &Transaction, learner: LearnerId) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE learner_id = ?1 AND kind = 'learner_erased')",
        )?
        .query_row([learner.to_string()], |r| r.get(0))?)
}

/// Replaces the personal data in every stored profile event of the learner.
fn redact_learner(tx: &Transaction, learner: LearnerId) -> Result<(), StoreError> {
    let rows: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT id, body FROM events WHERE learner_id = ?1
             AND kind IN ('learner_registered', 'learner_updated')",
        )?
        .query_map([learner.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, body) in rows {
        let body: EventBody = serde_json::from_str(&body)?;
        if let Some(redacted) = body.redacted() {
            tx.prepare_cached("UPDATE events SET body = ?1 WHERE id = ?2")?
                .execute(params![serde_json::to_string(&redacted)?, id])?;
        }
    }
    Ok(())
}

pub(crate) fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Result<Event, StoreError>> {
    let id: String = r.get(0)?;
    let kiosk_id: String = r.get(1)?;
    let seq: u64 = r.get(2)?;
    let at: String = r.get(3)?;
    let body: String = r.get(4)?;
    Ok((|| {
        let bad = |e: &dyn std::fmt::Display| StoreError::BadRow(format!("event {id}: {e}"));
        Ok(Event {
            id: Uuid::from_str(&id).map_err(|e| bad(&e))?,
            kiosk_id: Uuid::from_str(&kiosk_id).map_err(|e| bad(&e))?,
            seq,
            at: baeumteo_storage::time::parse(&at).map_err(|e| bad(&e))?,
            body: serde_json::from_str(&body).map_err(|e| bad(&e))?,
        })
    })())
}

#[cfg(test)]
mod tests;
