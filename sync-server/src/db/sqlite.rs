//! The default backend: one SQLite file in the data folder (WAL, `synchronous=FULL`).
//! One connection behind a mutex is plenty for a county's kiosks, and every write is
//! one transaction, so a refused or failed request never leaves half its work behind.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};

use baeumteo_core::event::{Event, EventBody, KioskId, LearnerId, SessionId};
use baeumteo_core::signing::sign_package;
use baeumteo_core::wire::{CenterInfo, CenterPage, Conflict, CourseUpdate, KioskMark, Rejection};
use baeumteo_storage::time::format as fmt_time;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Params, Row, Transaction, params};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    AccessEntry, CertificateRecord, Database, DbError, EnrollError, FeedItem, FeedPage, Incoming,
    KioskRecord, KioskSummary, PushOutcome, StatsCell, SyncMeta,
};
use super::{AtSeq, PushStep};
use crate::authority::{self, Verdict};
use baeumteo_core::projection::{MonthlySummary, YearMonth};

mod county;
mod events;
mod learners;
mod sessions;
mod upgrade;

/// A change feed row: cursor, event columns (all NULL for a course), or course id and
/// version; then the home center (county, township, name) of the learner the event is
/// about, if known.
type ChangeRow = (
    u64,
    events::EventCols,
    Option<String>,
    Option<u32>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub const DB_FILE: &str = "sync-server.sqlite3";

const MIGRATIONS: &[baeumteo_storage::Migration] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    (
        "0002_county_views",
        include_str!("migrations/0002_county_views.sql"),
    ),
    (
        "0003_learner_profiles",
        include_str!("migrations/0003_learner_profiles.sql"),
    ),
    (
        "0004_authority",
        include_str!("migrations/0004_authority.sql"),
    ),
    (
        "0005_staff_sessions",
        include_str!("migrations/0005_staff_sessions.sql"),
    ),
    (
        "0006_compact_events",
        include_str!("migrations/0006_compact_events.sql"),
    ),
    (
        "0007_self_study_and_service",
        include_str!("migrations/0007_self_study_and_service.sql"),
    ),
];

/// The schema version whose upgrade re-checks stored events (see `upgrade`).
const RECHECK_AT: u32 = 4;

/// The schema version whose upgrade rewrites events compactly (see `upgrade`).
const COMPACT_AT: u32 = 6;

/// Event kinds other kiosks of the county receive: who the learners are (so they can
/// sign in anywhere), erasures, and certifications.
use baeumteo_core::wire::FEED_KINDS as SHARED_KINDS;

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Backend {
            backend: "SQLite",
            source: Box::new(e),
        }
    }
}

pub struct SqliteDatabase {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDatabase")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteDatabase {
    /// Opens (or creates) the database in the data folder.
    pub fn open_in(data_dir: &Path) -> Result<SqliteDatabase, DbError> {
        std::fs::create_dir_all(data_dir).map_err(|source| DbError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        baeumteo_storage::open::configure(&conn)?;
        migrate(&mut conn, &path)?;
        Ok(SqliteDatabase {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction half-applied
        // (rusqlite rolls back on drop), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The schema version this binary writes; a store above it is refused, never touched.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Runs the pending migrations with `baeumteo_storage::migrate`; a newer schema is
/// refused by name, never touched.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), DbError> {
    if baeumteo_storage::migrate::version(conn)? >= SCHEMA_VERSION {
        return run_migrations(conn, path);
    }
    // A migration may rebuild a table other tables refer to (0006 swaps `events`): the
    // references are checked after the whole upgrade instead, as SQLite's own recipe
    // for changing a table does. The pragma has no effect inside a transaction.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = run_migrations(conn, path);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

fn run_migrations(conn: &mut Connection, path: &Path) -> Result<(), DbError> {
    baeumteo_storage::migrate(
        conn,
        MIGRATIONS,
        |n| DbError::NewerSchema {
            path: path.to_path_buf(),
            found: n.found,
            supported: n.supported,
        },
        |tx, number| {
            // Work SQL cannot do runs right after its migration, on the schema it knows.
            if number == RECHECK_AT {
                upgrade::recheck_stored_events(tx, Utc::now())?;
                upgrade::sign_unsigned_courses(tx)?;
            }
            if number == COMPACT_AT {
                upgrade::compact_events(tx, Utc::now())?;
            }
            if number == SCHEMA_VERSION {
                let broken: u64 =
                    tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?;
                if broken > 0 {
                    // Lenient, like every read: logged for a person, the server still starts.
                    tracing::warn!(broken, "rows refer to rows that are gone after the upgrade");
                }
            }
            Ok(())
        },
    )
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, DbError> {
    baeumteo_storage::time::parse(s).map_err(|e| DbError::BadRow(format!("time {s:?}: {e}")))
}

fn parse_uuid(s: &str) -> Result<Uuid, DbError> {
    Uuid::from_str(s).map_err(|e| DbError::BadRow(format!("id {s:?}: {e}")))
}

/// The course-signing key, made (from the operating system's random source) the first
/// time it is needed and kept in the database.
fn signing_key(conn: &Connection) -> Result<[u8; 32], DbError> {
    let stored: Option<Vec<u8>> = conn
        .prepare_cached("SELECT secret FROM server_keys WHERE name = 'course-signing'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    if let Some(bytes) = stored {
        return bytes
            .try_into()
            .map_err(|_| DbError::BadRow("the course-signing key is not 32 bytes".into()));
    }
    let secret: [u8; 32] = rand::random();
    conn.execute(
        "INSERT INTO server_keys (name, secret, created_at) VALUES ('course-signing', ?1, ?2)",
        params![secret.to_vec(), fmt_time(Utc::now())],
    )?;
    tracing::info!("made the course-signing key");
    Ok(secret)
}

/// Runs a query and reads each row column by column into `T`: a tuple of `FromSql`
/// types in the order the query selects them.
fn query_rows<T>(conn: &Connection, sql: &str, params: impl Params) -> Result<Vec<T>, DbError>
where
    T: for<'r> TryFrom<&'r Row<'r>, Error = rusqlite::Error>,
{
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params, |r| T::try_from(r))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A center from the first three columns, selected as `county, township, center_name`.
fn read_center(r: &Row) -> rusqlite::Result<CenterInfo> {
    Ok(CenterInfo {
        county: r.get(0)?,
        township: r.get(1)?,
        center_name: r.get(2)?,
    })
}

const KIOSK_COLUMNS: &str = "kiosk_id, center_name, county, township, enrolled_at, revoked_at";

/// The columns of `KIOSK_COLUMNS`, each checked for NULL by `kiosk_from`.
type KioskRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn kiosk_from(cols: KioskRow) -> Result<KioskRecord, DbError> {
    let (id, center_name, county, township, enrolled_at, revoked_at) = cols;
    let need = |v: Option<String>| v.ok_or_else(|| DbError::BadRow("kiosk row".into()));
    Ok(KioskRecord {
        kiosk_id: parse_uuid(&need(id)?)?,
        center: CenterInfo {
            center_name: need(center_name)?,
            county: need(county)?,
            township: need(township)?,
        },
        enrolled_at: parse_time(&need(enrolled_at)?)?,
        revoked_at: revoked_at.as_deref().map(parse_time).transpose()?,
    })
}

fn learner_erased(tx: &Transaction, learner: LearnerId) -> Result<bool, DbError> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM erased_learners WHERE learner_id = ?1)")?
        .query_row([learner.to_string()], |r| r.get(0))?)
}

/// Removes the personal data of an erased learner from every stored event and conflict.
fn redact_learner(tx: &Transaction, learner: LearnerId, now: DateTime<Utc>) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO erased_learners (learner_id, erased_at) VALUES (?1, ?2)
         ON CONFLICT (learner_id) DO NOTHING",
    )?
    .execute(params![learner.to_string(), fmt_time(now)])?;
    // Only profile events carry personal data (`EventBody::redacted`); the index on
    // them finds the learner's without an index of every event by learner.
    let rows: Vec<(String, String)> = query_rows(
        tx,
        "SELECT id, body FROM events
         WHERE learner_id = ?1
           AND kind IN ('learner_registered', 'learner_updated', 'learner_erased')",
        [learner.to_string()],
    )?;
    for (id, json) in rows {
        let body: EventBody = serde_json::from_str(&json)?;
        if let Some(redacted) = body.redacted() {
            tx.prepare_cached("UPDATE events SET body = ?1 WHERE id = ?2")?
                .execute(params![serde_json::to_string(&redacted)?, id])?;
        }
    }
    let rows: Vec<(i64, String)> = query_rows(
        tx,
        "SELECT id, event FROM conflicts WHERE learner_id = ?1",
        [learner.to_string()],
    )?;
    for (id, json) in rows {
        let mut event: Event = serde_json::from_str(&json)?;
        if let Some(redacted) = event.body.redacted() {
            event.body = redacted;
            tx.prepare_cached("UPDATE conflicts SET event = ?1 WHERE id = ?2")?
                .execute(params![serde_json::to_string(&event)?, id])?;
        }
    }
    Ok(())
}

/// Advances the kiosk's contiguous high-water mark over the seqs now held.
fn advance_acked(tx: &Transaction, kiosk_id: &str) -> Result<u64, DbError> {
    let mut acked: u64 = tx
        .prepare_cached("SELECT acked_seq FROM kiosks WHERE kiosk_id = ?1")?
        .query_row([kiosk_id], |r| r.get(0))?;
    // Seqs held: stored events, and refused events kept aside (see `PushOutcome`).
    let mut stmt = tx.prepare_cached(
        "SELECT seq FROM events WHERE kiosk_id = ?1 AND seq > ?2
         UNION SELECT seq FROM conflicts WHERE kiosk_id = ?1 AND seq > ?2 AND existing_id IS NULL
         ORDER BY seq",
    )?;
    let seqs = stmt.query_map(params![kiosk_id, acked], |r| r.get::<_, u64>(0))?;
    for seq in seqs {
        if seq? != acked + 1 {
            break;
        }
        acked += 1;
    }
    drop(stmt);
    tx.prepare_cached("UPDATE kiosks SET acked_seq = ?2 WHERE kiosk_id = ?1")?
        .execute(params![kiosk_id, acked])?;
    Ok(acked)
}

fn record_sync(tx: &Transaction, kiosk_id: &str, meta: SyncMeta) -> Result<(), DbError> {
    tx.prepare_cached(
        "UPDATE kiosks SET last_sync_at = ?2, last_clock_offset_ms = ?3 WHERE kiosk_id = ?1",
    )?
    .execute(params![
        kiosk_id,
        fmt_time(meta.received_at),
        meta.clock_offset_ms
    ])?;
    Ok(())
}

impl Database for SqliteDatabase {
    fn create_enroll_code(
        &self,
        code_hash: &str,
        center: &CenterInfo,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError> {
        self.lock().execute(
            "INSERT INTO enroll_codes (code_hash, center_name, county, township, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                code_hash,
                center.center_name,
                center.county,
                center.township,
                fmt_time(now),
                fmt_time(expires_at)
            ],
        )?;
        Ok(())
    }

    fn enroll(
        &self,
        code_hash: &str,
        kiosk_id: KioskId,
        secret_hash: Option<&str>,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CenterInfo, EnrollError> {
        let mut conn = self.lock();
        let tx = conn.transaction().map_err(DbError::from)?;
        type CodeRow = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let code: Option<CodeRow> = tx
            .query_row(
                "SELECT center_name, county, township, expires_at, used_by, secret_hash
                 FROM enroll_codes WHERE code_hash = ?1",
                [code_hash],
                |r| r.try_into(),
            )
            .optional()
            .map_err(DbError::from)?;
        let Some((center_name, county, township, expires_at, used_by, held_secret)) = code else {
            return Err(EnrollError::InvalidCode);
        };
        // A redeemed code works again only for the kiosk that redeemed it, proving it is
        // the same kiosk with the secret it sent the first time (its answer with the
        // token may have been lost on the way). The kiosk id alone proves nothing: it is
        // shown on the dashboard. Without a secret a code works once.
        let again = match (&used_by, &held_secret, secret_hash) {
            (None, _, _) => false,
            // Hashes of 256 random bits: comparing them leaks nothing useful.
            (Some(by), Some(held), Some(given)) if *by == kiosk_id.to_string() && held == given => {
                true
            }
            _ => return Err(EnrollError::InvalidCode),
        };
        if parse_time(&expires_at)? <= now {
            return Err(EnrollError::InvalidCode);
        }
        let existing: Option<Option<String>> = tx
            .query_row(
                "SELECT revoked_at FROM kiosks WHERE kiosk_id = ?1",
                [kiosk_id.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(DbError::from)?;
        let center = CenterInfo {
            center_name,
            county,
            township,
        };
        // Both statements take the same parameters: ?1 kiosk, ?2 token hash, ?3..?5 the
        // center, ?6 the enrollment time.
        let write = match existing {
            // A code already used must not undo a revocation made since.
            Some(Some(_)) if again => return Err(EnrollError::InvalidCode),
            // A live kiosk keeps its token: a leaked code must not take over its name.
            Some(None) if !again => return Err(EnrollError::AlreadyEnrolled),
            // A revoked kiosk may come back with a fresh code from the county (its
            // events stay), and a repeated redemption replaces the lost token.
            Some(_) => {
                // Its events now count for the center of the new code: both centers'
                // statistics change.
                let old = tx
                    .query_row(
                        "SELECT county, township, center_name FROM kiosks WHERE kiosk_id = ?1",
                        [kiosk_id.to_string()],
                        read_center,
                    )
                    .map_err(DbError::from)?;
                county::mark_dirty(&tx, &old)?;
                county::mark_dirty(&tx, &center)?;
                "UPDATE kiosks SET token_hash = ?2, center_name = ?3, county = ?4,
                 township = ?5, enrolled_at = ?6, revoked_at = NULL WHERE kiosk_id = ?1"
            }
            None => {
                "INSERT INTO kiosks (kiosk_id, token_hash, center_name, county, township, enrolled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            }
        };
        tx.execute(
            write,
            params![
                kiosk_id.to_string(),
                token_hash,
                center.center_name,
                center.county,
                center.township,
                fmt_time(now)
            ],
        )
        .map_err(DbError::from)?;
        tx.execute(
            "UPDATE enroll_codes SET used_at = ?2, used_by = ?3,
             secret_hash = COALESCE(secret_hash, ?4) WHERE code_hash = ?1",
            params![code_hash, fmt_time(now), kiosk_id.to_string(), secret_hash],
        )
        .map_err(DbError::from)?;
        tx.commit().map_err(DbError::from)?;
        Ok(center)
    }

    fn course_signing_key(&self) -> Result<[u8; 32], DbError> {
        signing_key(&self.lock())
    }

    fn kiosk_by_token(&self, token_hash: &str) -> Result<Option<KioskRecord>, DbError> {
        let conn = self.lock();
        let row = conn
            .prepare_cached(&format!(
                "SELECT {KIOSK_COLUMNS} FROM kiosks WHERE token_hash = ?1"
            ))?
            .query_row([token_hash], |r| KioskRow::try_from(r))
            .optional()?;
        row.map(kiosk_from).transpose()
    }

    fn revoke_kiosk(&self, kiosk_id: KioskId, now: DateTime<Utc>) -> Result<bool, DbError> {
        let conn = self.lock();
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = ?1)",
            [kiosk_id.to_string()],
            |r| r.get(0),
        )?;
        conn.execute(
            "UPDATE kiosks SET revoked_at = COALESCE(revoked_at, ?2) WHERE kiosk_id = ?1",
            params![kiosk_id.to_string(), fmt_time(now)],
        )?;
        Ok(exists)
    }

    fn push(
        &self,
        kiosk: &KioskRecord,
        events: &[Incoming],
        meta: SyncMeta,
    ) -> Result<PushOutcome, DbError> {
        let kiosk_id = kiosk.kiosk_id.to_string();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut outcome = PushOutcome::default();
        // The push's receipt, made with its first stored event.
        let mut receipt: Option<i64> = None;
        let mut months: Vec<events::Stored> = Vec::new();
        for incoming in events {
            let (index, event) = (incoming.index, &incoming.event);
            let refusal = |reason: String| Rejection {
                index,
                seq: Some(event.seq),
                id: Some(event.id),
                reason,
            };
            let by_key: Option<events::EventCols> = tx
                .prepare_cached(&format!(
                    "SELECT {} FROM events e WHERE e.kiosk_id = ?1 AND e.seq = ?2",
                    events::EVENT_COLUMNS
                ))?
                .query_row(params![kiosk_id, event.seq], |r| events::read_cols(r, 0))
                .optional()?;
            let held = by_key.map(events::event_from).transpose()?;
            let refused = match held {
                Some(_) => None,
                None => learners::refused_at(&tx, &kiosk_id, event.seq)?
                    .map(|(id, reason)| Ok::<_, DbError>((parse_uuid(&id)?, reason)))
                    .transpose()?,
            };
            let at_seq = match (&held, &refused) {
                (Some(e), _) => AtSeq::Stored(e),
                (None, Some((id, reason))) => AtSeq::Refused(*id, reason),
                (None, None) => AtSeq::Nothing,
            };
            let id_taken = || {
                Ok(tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
                    .query_row([event.id.to_string()], |r| r.get::<_, bool>(0))?)
            };
            let step = super::push_step(incoming, &kiosk.center, at_seq, id_taken, |learner| {
                learners::home(&tx, learner)
            })?;
            let verdict = match step {
                PushStep::Duplicate => {
                    outcome.duplicates += 1;
                    continue;
                }
                PushStep::RefusedAgain(reason) => {
                    // The same refused event again (a retried batch): nothing new stored.
                    outcome.refused.push(refusal(reason));
                    continue;
                }
                PushStep::Conflict {
                    existing_id,
                    reason,
                } => {
                    tx.prepare_cached(
                        "INSERT INTO conflicts (kiosk_id, seq, incoming_id, existing_id, learner_id,
                         event, reason, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        kiosk_id,
                        event.seq,
                        event.id.to_string(),
                        existing_id.to_string(),
                        event.body.learner_id().map(|l| l.to_string()),
                        serde_json::to_string(event)?,
                        reason,
                        fmt_time(meta.received_at)
                    ])?;
                    tracing::warn!(kiosk = %kiosk_id, seq = event.seq, %reason, "conflict");
                    outcome.conflicts.push(Conflict {
                        index,
                        seq: event.seq,
                        id: event.id,
                        existing_id,
                        reason: reason.into(),
                    });
                    continue;
                }
                PushStep::Judged(verdict) => verdict,
            };
            match verdict {
                Verdict::Accept => {}
                Verdict::AcceptNewLearner(learner) => {
                    learners::record_home(&tx, learner, &kiosk.center, &kiosk_id)?;
                }
                Verdict::Refuse(reason) => {
                    learners::set_aside(&tx, &kiosk_id, event, &reason, meta.received_at)?;
                    outcome.refused.push(refusal(reason));
                    continue;
                }
            }
            let mut stored = event.clone();
            if let Some(learner) = event.body.learner_id()
                && learner_erased(&tx, learner)?
                && let Some(redacted) = stored.body.redacted()
            {
                stored.body = redacted;
            }
            let receipt_id = match receipt {
                Some(id) => id,
                None => *receipt.insert(events::new_receipt(&tx, meta)?),
            };
            events::insert_event(&tx, &stored, receipt_id)?;
            months.push(events::Stored {
                seq: stored.seq,
                month: crate::statistics::stats_month(&stored, meta.clock_offset_ms),
                session: crate::statistics::session_of(&stored.body),
            });
            county::index_certificate(&tx, &stored, meta.clock_offset_ms)?;
            if let EventBody::LearnerErased { learner_id } = &stored.body {
                redact_learner(&tx, *learner_id, meta.received_at)?;
            }
            if SHARED_KINDS.contains(&stored.body.kind()) {
                tx.prepare_cached(
                    "INSERT INTO changes (county, origin, event_id) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    kiosk.center.county,
                    kiosk_id,
                    stored.id.to_string()
                ])?;
            }
            outcome.stored += 1;
        }
        if !months.is_empty() {
            events::record_months(&tx, &kiosk_id, Some(&kiosk.center), months)?;
        }
        outcome.acked_seq = advance_acked(&tx, &kiosk_id)?;
        record_sync(&tx, &kiosk_id, meta)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn pull(
        &self,
        kiosk: &KioskRecord,
        cursor: u64,
        limit: u32,
        meta: SyncMeta,
    ) -> Result<FeedPage, DbError> {
        let kiosk_id = kiosk.kiosk_id.to_string();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let rows: Vec<ChangeRow> = tx
            .prepare_cached(&format!(
                "SELECT c.cursor, {}, c.course_id, c.course_version,
                        l.county, l.township, l.center_name
                 FROM changes c LEFT JOIN events e ON e.id = c.event_id
                      LEFT JOIN learners l ON l.learner_id = e.learner_id
                 WHERE c.cursor > ?1 AND (c.county = ?2 OR c.county IS NULL)
                   AND (c.origin IS NULL OR c.origin <> ?3)
                 ORDER BY c.cursor LIMIT ?4",
                events::EVENT_COLUMNS
            ))?
            .query_map(params![cursor, kiosk.center.county, kiosk_id, limit], |r| {
                Ok((
                    r.get(0)?,
                    events::read_cols(r, 1)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let more = rows.len() as u64 == u64::from(limit);
        let next_cursor = rows.last().map(|r| r.0).unwrap_or(cursor);
        let mut items = Vec::with_capacity(rows.len());
        for (c, event, course_id, version, home_county, home_township, home_name) in rows {
            let item = match (event, course_id, version) {
                (cols, _, _) if cols.0.is_some() => {
                    // One unreadable row must not stop every kiosk's sync: skip it.
                    let mut event: Event = match events::event_from(cols) {
                        Ok(e) => e,
                        Err(e) => {
                            tracing::error!(cursor = c, error = %e, "unreadable change skipped");
                            continue;
                        }
                    };
                    let home = match (home_county, home_township, home_name) {
                        (Some(county), Some(township), Some(center_name)) => {
                            Some(authority::LearnerHome {
                                center: CenterInfo {
                                    center_name,
                                    county,
                                    township,
                                },
                            })
                        }
                        _ => None,
                    };
                    event.body = authority::shared_body(&event.body, home.as_ref(), &kiosk.center);
                    FeedItem::Event(event)
                }
                (_, Some(course_id), Some(version)) => {
                    let (sha256, size, signature): (String, u64, String) = tx
                        .prepare_cached(
                            "SELECT sha256, size, signature FROM courses
                             WHERE course_id = ?1 AND version = ?2",
                        )?
                        .query_row(params![course_id, version], |r| r.try_into())?;
                    FeedItem::Course(CourseUpdate {
                        course_id,
                        version,
                        sha256,
                        size,
                        signature,
                    })
                }
                _ => {
                    tracing::error!(cursor = c, "change points at nothing; skipped");
                    continue;
                }
            };
            items.push((c, item));
        }
        record_sync(&tx, &kiosk_id, meta)?;
        tx.commit()?;
        Ok(FeedPage {
            items,
            next_cursor,
            more,
        })
    }

    fn center_events_after(
        &self,
        kiosk: &KioskRecord,
        marks: &[KioskMark],
        limit: u32,
    ) -> Result<CenterPage, DbError> {
        let conn = self.lock();
        let c = &kiosk.center;
        let kiosks: Vec<(String, u64)> = conn
            .prepare_cached(
                "SELECT kiosk_id, acked_seq FROM kiosks
                 WHERE county = ?1 AND township = ?2 AND center_name = ?3 AND kiosk_id <> ?4
                 ORDER BY kiosk_id",
            )?
            .query_map(
                params![
                    c.county,
                    c.township,
                    c.center_name,
                    kiosk.kiosk_id.to_string()
                ],
                |r| r.try_into(),
            )?
            .collect::<Result<_, _>>()?;
        let kiosks = kiosks
            .into_iter()
            .map(|(id, held)| Ok((parse_uuid(&id)?, held)))
            .collect::<Result<Vec<_>, DbError>>()?;
        let skipped = baeumteo_core::wire::NOT_IN_CENTER_PAGE
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM events e
             WHERE e.kiosk_id = ?1 AND e.seq > ?2 AND e.seq <= ?3 AND e.kind NOT IN ({skipped})
             ORDER BY e.seq LIMIT ?4",
            events::EVENT_COLUMNS
        ))?;
        super::center_page(&kiosks, marks, limit, |kiosk_id, after, upto, room| {
            let rows = stmt.query_map(params![kiosk_id.to_string(), after, upto, room], |r| {
                events::read_cols(r, 0)
            })?;
            let mut out = Vec::new();
            for cols in rows {
                // One unreadable row must not stop the center's sync: skip it.
                match events::event_from(cols?) {
                    Ok(e) => out.push(e),
                    Err(e) => {
                        tracing::error!(kiosk = %kiosk_id, error = %e, "unreadable event skipped")
                    }
                }
            }
            Ok(out)
        })
    }

    fn kiosks(&self) -> Result<Vec<KioskSummary>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {KIOSK_COLUMNS}, acked_seq, last_sync_at, last_clock_offset_ms,
               (SELECT COUNT(*) FROM events e WHERE e.kiosk_id = k.kiosk_id),
               (SELECT COUNT(*) FROM conflicts c WHERE c.kiosk_id = k.kiosk_id)
             FROM kiosks k ORDER BY county, township, center_name, kiosk_id"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                KioskRow::try_from(r)?,
                r.get::<_, u64>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<i64>>(8)?,
                r.get::<_, u64>(9)?,
                r.get::<_, u64>(10)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (cols, acked_seq, last_sync_at, offset, events, conflicts) = row?;
            // A damaged row is logged and left out: the page shows every other kiosk.
            let summary = (|| {
                Ok::<_, DbError>(KioskSummary {
                    kiosk: kiosk_from(cols)?,
                    acked_seq,
                    events,
                    conflicts,
                    last_sync_at: last_sync_at.as_deref().map(parse_time).transpose()?,
                    last_clock_offset_ms: offset,
                })
            })();
            match summary {
                Ok(s) => out.push(s),
                Err(e) => tracing::error!(error = %e, "kiosk row skipped"),
            }
        }
        Ok(out)
    }

    fn kiosk_events(&self, kiosk_id: KioskId) -> Result<Vec<Event>, DbError> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM events e WHERE e.kiosk_id = ?1 ORDER BY e.seq",
            events::EVENT_COLUMNS
        ))?;
        let rows = stmt.query_map([kiosk_id.to_string()], |r| events::read_cols(r, 0))?;
        let mut out = Vec::new();
        for cols in rows {
            out.push(events::event_from(cols?)?);
        }
        Ok(out)
    }

    fn publish_course(
        &self,
        course_id: &str,
        version: u32,
        package: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Result<CourseUpdate, u32>, DbError> {
        let sha256 = hex::encode(Sha256::digest(package));
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let latest: u32 = tx.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM courses WHERE course_id = ?1",
            [course_id],
            |r| r.get(0),
        )?;
        if version <= latest {
            return Ok(Err(latest));
        }
        let signature = sign_package(&signing_key(&tx)?, package);
        tx.execute(
            "INSERT INTO courses (course_id, version, sha256, size, package, published_at,
             signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                course_id,
                version,
                sha256,
                package.len() as u64,
                package,
                fmt_time(now),
                signature
            ],
        )?;
        tx.execute(
            "INSERT INTO changes (course_id, course_version) VALUES (?1, ?2)",
            params![course_id, version],
        )?;
        tx.commit()?;
        Ok(Ok(CourseUpdate {
            course_id: course_id.to_string(),
            version,
            sha256,
            size: package.len() as u64,
            signature,
        }))
    }

    fn course_package(&self, course_id: &str, version: u32) -> Result<Option<Vec<u8>>, DbError> {
        Ok(self
            .lock()
            .prepare_cached("SELECT package FROM courses WHERE course_id = ?1 AND version = ?2")?
            .query_row(params![course_id, version], |r| r.get(0))
            .optional()?)
    }

    fn certificates_by_number(
        &self,
        certificate_no: &str,
    ) -> Result<Vec<CertificateRecord>, DbError> {
        county::certificates_by_number(&self.lock(), certificate_no)
    }

    fn certificates(&self) -> Result<Vec<CertificateRecord>, DbError> {
        county::certificates(&self.lock())
    }

    fn activist_events(
        &self,
        kinds: &[crate::db::ActivistKind],
    ) -> Result<Vec<crate::db::ActivistEvent>, DbError> {
        county::activist_events(&self.lock(), kinds)
    }

    fn dirty_centers(&self) -> Result<Vec<(CenterInfo, u64)>, DbError> {
        county::dirty_centers(&self.lock())
    }

    fn center_events(&self, center: &CenterInfo) -> Result<Vec<(Event, i64)>, DbError> {
        county::center_events(&self.lock(), center)
    }

    fn dirty_months(&self) -> Result<Vec<crate::db::DirtyMonth>, DbError> {
        county::dirty_months(&self.lock())
    }

    fn center_events_in_months(
        &self,
        center: &CenterInfo,
        from: YearMonth,
        to: YearMonth,
    ) -> Result<Vec<(Event, i64)>, DbError> {
        county::center_events_in_months(&self.lock(), center, from, to)
    }

    fn session_months(
        &self,
        sessions: &[SessionId],
    ) -> Result<Option<(YearMonth, YearMonth)>, DbError> {
        county::session_months(&self.lock(), sessions)
    }

    fn store_center_months(
        &self,
        center: &CenterInfo,
        months: &[(YearMonth, u64)],
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError> {
        county::store_center_months(&mut self.lock(), center, months, rows)
    }

    fn store_center_stats(
        &self,
        center: &CenterInfo,
        generation: u64,
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError> {
        county::store_center_stats(&mut self.lock(), center, generation, rows)
    }

    fn stats_cells(&self) -> Result<Vec<StatsCell>, DbError> {
        county::stats_cells(&self.lock())
    }

    fn create_admin_token(
        &self,
        token_hash: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        county::create_admin_token(&self.lock(), token_hash, name, now)
    }

    fn revoke_admin_tokens(&self, name: &str, now: DateTime<Utc>) -> Result<usize, DbError> {
        county::revoke_admin_tokens(&self.lock(), name, now)
    }

    fn live_admin_tokens(&self) -> Result<u64, DbError> {
        county::live_admin_tokens(&self.lock())
    }

    fn admin_by_token(&self, token_hash: &str) -> Result<Option<String>, DbError> {
        county::admin_by_token(&self.lock(), token_hash)
    }

    fn log_access(&self, entry: &AccessEntry) -> Result<(), DbError> {
        county::log_access(&self.lock(), entry)
    }

    fn access_log(&self, limit: u32) -> Result<Vec<AccessEntry>, DbError> {
        county::access_log(&self.lock(), limit)
    }

    // Staff sessions (sessions.rs).
    fn create_staff_session(&self, session: &crate::db::NewStaffSession) -> Result<(), DbError> {
        sessions::create_staff_session(&self.lock(), session)
    }

    fn staff_by_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, DbError> {
        sessions::staff_by_session(&self.lock(), session_hash, now)
    }

    fn revoke_staff_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        sessions::revoke_staff_session(&self.lock(), session_hash, now)
    }
}

#[cfg(test)]
mod tests;
