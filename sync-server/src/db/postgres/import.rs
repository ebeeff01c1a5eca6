//! Moving a county: `sync-server migrate --from sqlite:DIR --to postgres://…` copies a
//! SQLite store into a PostgreSQL database, then checks every kiosk's events arrived
//! (count and a SHA-256 over them, read back through each store's own `Database`).
//!
//! Safe to re-run (an interrupted copy is finished, a finished one changes nothing) and
//! several counties' stores can be merged into one database: every row has a natural
//! key (kiosk ids, event ids, code and token hashes are unique across counties), and
//! rows already there are left as they are. Change-feed cursors are shifted past the
//! database's own, never below their old value, so a kiosk's cursor can only make it
//! receive a change twice (harmless), never miss one. Cached statistics are not
//! copied: the centers are marked for recomputation from the copied events.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use baeumteo_core::event::{Event, EventBody, KioskId};
use baeumteo_core::wire::CenterInfo;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::events::{Pending, Stored, record_months};
use super::{CHANGES_LOCK, PostgresDatabase, county};
use crate::db::{Database, DbError, SqliteDatabase};

/// Events copied per statement (and per receipt lookup).
const CHUNK: usize = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("kiosk {kiosk}: {detail}; the copy is incomplete (run the command again)")]
    Mismatch { kiosk: KioskId, detail: String },
    #[error("table {table}: {detail}; the copy is incomplete (run the command again)")]
    TableMismatch { table: &'static str, detail: String },
}

/// What a copy did and found, one line each for a person.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub kiosks: usize,
    pub events_copied: u64,
    pub events_already_there: u64,
    pub lines: Vec<String>,
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Db(e.into())
    }
}

impl From<postgres::Error> for ImportError {
    fn from(e: postgres::Error) -> Self {
        ImportError::Db(e.into())
    }
}

fn bad(what: &str, value: impl std::fmt::Debug) -> ImportError {
    ImportError::Db(DbError::BadRow(format!("{what} {value:?}")))
}

fn uuid(s: &str) -> Result<Uuid, ImportError> {
    s.parse().map_err(|_| bad("id", s))
}

fn opt_uuid(s: Option<String>) -> Result<Option<Uuid>, ImportError> {
    s.as_deref().map(uuid).transpose()
}

fn time(s: &str) -> Result<DateTime<Utc>, ImportError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad("time", s))
}

fn opt_time(s: Option<String>) -> Result<Option<DateTime<Utc>>, ImportError> {
    s.as_deref().map(time).transpose()
}

/// A kiosk's events as a checksum: SHA-256 over each event's JSON in seq order.
pub fn checksum(events: &[Event]) -> Result<String, DbError> {
    let mut h = Sha256::new();
    for e in events {
        h.update(serde_json::to_vec(e)?);
        h.update(b"\n");
    }
    Ok(hex::encode(h.finalize()))
}

/// Copies the SQLite store in `data_dir` into `to`, then verifies every kiosk.
pub fn sqlite_to_postgres(
    data_dir: &Path,
    to: &PostgresDatabase,
) -> Result<ImportReport, ImportError> {
    // Opening brings an older store up to the schema read below (as a server would).
    let source = SqliteDatabase::open_in(data_dir)?;
    let src = Connection::open_with_flags(source.path(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut report = ImportReport::default();
    let mut conn = to.conn()?;

    let mut tx = conn.transaction()?;
    copy_small_tables(&src, &mut tx, &mut report)?;
    tx.commit()?;

    let mut tx = conn.transaction()?;
    copy_events(&src, &mut tx, &mut report)?;
    copy_certificates(&src, &mut tx)?;
    copy_conflicts(&src, &mut tx)?;
    copy_changes(&src, &mut tx)?;
    // Figures are recomputed from the copied events on the first statistics request.
    let centers: Vec<CenterInfo> = src
        .prepare("SELECT DISTINCT county, township, center_name FROM kiosks")?
        .query_map([], |r| {
            Ok(CenterInfo {
                county: r.get(0)?,
                township: r.get(1)?,
                center_name: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    for center in &centers {
        county::mark_dirty(&mut tx, center)?;
    }
    tx.commit()?;
    drop(conn);

    verify(&source, to, &mut report)?;
    let mut conn = to.conn()?;
    for check in TABLE_CHECKS {
        verify_table(&src, &mut conn, check, &mut report)?;
    }
    Ok(report)
}

fn copy_small_tables(
    src: &Connection,
    tx: &mut postgres::Transaction,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    type CodeRow = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let codes: Vec<CodeRow> = src
        .prepare(
            "SELECT code_hash, center_name, county, township, created_at, expires_at, used_at,
                    used_by, secret_hash FROM enroll_codes",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (hash, name, county, township, created, expires, used_at, used_by, secret) in codes {
        tx.execute(
            "INSERT INTO enroll_codes (code_hash, center_name, county, township, created_at,
             expires_at, used_at, used_by, secret_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (code_hash) DO NOTHING",
            &[
                &hash,
                &name,
                &county,
                &township,
                &time(&created)?,
                &time(&expires)?,
                &opt_time(used_at)?,
                &opt_uuid(used_by)?,
                &secret,
            ],
        )?;
    }
    type KioskRow = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        Option<String>,
        Option<i64>,
    );
    let kiosks: Vec<KioskRow> = src
        .prepare(
            "SELECT kiosk_id, token_hash, center_name, county, township, enrolled_at, revoked_at,
                    acked_seq, last_sync_at, last_clock_offset_ms FROM kiosks",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    report.kiosks = kiosks.len();
    for (id, token, name, county, township, enrolled, revoked, acked, last_sync, offset) in kiosks {
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, token_hash, center_name, county, township, enrolled_at,
             revoked_at, acked_seq, last_sync_at, last_clock_offset_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (kiosk_id) DO NOTHING",
            &[
                &uuid(&id)?,
                &token,
                &name,
                &county,
                &township,
                &time(&enrolled)?,
                &opt_time(revoked)?,
                &acked,
                &opt_time(last_sync)?,
                &offset,
            ],
        )?;
    }
    let rows: Vec<(String, String)> = src
        .prepare("SELECT learner_id, erased_at FROM erased_learners")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (learner, at) in rows {
        tx.execute(
            "INSERT INTO erased_learners (learner_id, erased_at) VALUES ($1, $2)
             ON CONFLICT (learner_id) DO NOTHING",
            &[&uuid(&learner)?, &time(&at)?],
        )?;
    }
    let rows: Vec<(String, String, String, String, String)> = src
        .prepare("SELECT learner_id, county, township, center_name, kiosk_id FROM learners")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (learner, county, township, name, kiosk) in rows {
        tx.execute(
            "INSERT INTO learners (learner_id, county, township, center_name, kiosk_id)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (learner_id) DO NOTHING",
            &[&uuid(&learner)?, &county, &township, &name, &uuid(&kiosk)?],
        )?;
    }
    type CourseRow = (String, i64, String, i64, Vec<u8>, String, String);
    let rows: Vec<CourseRow> = src
        .prepare(
            "SELECT course_id, version, sha256, size, package, published_at, signature
             FROM courses",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (course, version, sha, size, package, published, signature) in rows {
        let n = tx.execute(
            "INSERT INTO courses (course_id, version, sha256, size, package, published_at,
             signature) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            &[
                &course,
                &version,
                &sha,
                &size,
                &package,
                &time(&published)?,
                &signature,
            ],
        )?;
        if n == 0 {
            let held: String = tx
                .query_one(
                    "SELECT sha256 FROM courses WHERE course_id = $1 AND version = $2",
                    &[&course, &version],
                )?
                .try_get(0)?;
            if held != sha {
                report.lines.push(format!(
                    "warning: course {course} version {version} differs from the one already \
                     published here; the database's is kept (publish a newer version)"
                ));
            }
        }
    }
    let rows: Vec<(String, Vec<u8>, String)> = src
        .prepare("SELECT name, secret, created_at FROM server_keys")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (name, secret, created) in rows {
        let n = tx.execute(
            "INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
            &[&name, &secret, &time(&created)?],
        )?;
        if n == 0 {
            let held: Vec<u8> = tx
                .query_one("SELECT secret FROM server_keys WHERE name = $1", &[&name])?
                .try_get(0)?;
            if held != secret {
                report.lines.push(format!(
                    "warning: this store's {name} key differs from the database's; the \
                     database's is kept, so these kiosks must be re-enrolled to install \
                     courses published from now on"
                ));
            }
        }
    }
    let rows: Vec<(String, String, String, Option<String>)> = src
        .prepare("SELECT token_hash, name, created_at, revoked_at FROM admin_tokens")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (hash, name, created, revoked) in rows {
        tx.execute(
            "INSERT INTO admin_tokens (token_hash, name, created_at, revoked_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO NOTHING",
            &[&hash, &name, &time(&created)?, &opt_time(revoked)?],
        )?;
    }
    type SessionRow = (String, String, String, String, String, Option<String>);
    let rows: Vec<SessionRow> = src
        .prepare(
            "SELECT session_hash, admin_token_hash, name, created_at, expires_at, revoked_at
             FROM staff_sessions",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (hash, admin, name, created, expires, revoked) in rows {
        tx.execute(
            "INSERT INTO staff_sessions (session_hash, admin_token_hash, name, created_at,
             expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (session_hash) DO NOTHING",
            &[
                &hash,
                &admin,
                &name,
                &time(&created)?,
                &time(&expires)?,
                &opt_time(revoked)?,
            ],
        )?;
    }
    // The access log has no key: an entry equal in every field is the same entry.
    let rows: Vec<(String, String, String, String)> = src
        .prepare("SELECT at, who, what, purpose FROM access_log ORDER BY id")?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (at, who, what, purpose) in rows {
        tx.execute(
            "INSERT INTO access_log (at, who, what, purpose)
             SELECT $1, $2, $3, $4 WHERE NOT EXISTS (
                 SELECT 1 FROM access_log
                 WHERE at = $1 AND who = $2 AND what = $3 AND purpose = $4)",
            &[&time(&at)?, &who, &what, &purpose],
        )?;
    }
    Ok(())
}

/// A source event row: the event's columns and its receipt.
struct SourceEvent {
    event: Event,
    receipt: i64,
    received_at: i64,
    clock_offset_ms: i64,
}

fn read_at(v: Value) -> Result<DateTime<Utc>, ImportError> {
    match v {
        Value::Integer(n) => Ok(DateTime::from_timestamp_nanos(n)),
        Value::Text(s) => serde_json::from_value(serde_json::Value::String(s.clone()))
            .map_err(|_| bad("event time", s)),
        other => Err(bad("event time", other)),
    }
}

/// Copies the events in the order the SQLite store received them (its rowid), which the
/// PostgreSQL store keeps as `arrival`: a learner's current profile follows it.
fn copy_events(
    src: &Connection,
    tx: &mut postgres::Transaction,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let mut stmt = src.prepare(
        "SELECT e.id, e.kiosk_id, e.seq, e.at, e.body, e.receipt,
                COALESCE(r.received_at, 0), COALESCE(r.clock_offset_ms, 0)
         FROM events e LEFT JOIN receipts r ON r.id = e.receipt ORDER BY e.rowid",
    )?;
    let mut rows = stmt.query([])?;
    let mut receipts: HashMap<i64, i64> = HashMap::new();
    let mut months: HashMap<KioskId, Vec<Stored>> = HashMap::new();
    let mut chunk: Vec<SourceEvent> = Vec::with_capacity(CHUNK);
    loop {
        let row = rows.next()?;
        if let Some(r) = row {
            let id: String = r.get(0)?;
            let kiosk: String = r.get(1)?;
            let body: String = r.get(4)?;
            chunk.push(SourceEvent {
                event: Event {
                    id: uuid(&id)?,
                    kiosk_id: uuid(&kiosk)?,
                    seq: r.get(2)?,
                    at: read_at(r.get(3)?)?,
                    body: serde_json::from_str::<EventBody>(&body).map_err(DbError::from)?,
                },
                receipt: r.get(5)?,
                received_at: r.get(6)?,
                clock_offset_ms: r.get(7)?,
            });
        }
        let last = row.is_none();
        if chunk.len() >= CHUNK || (last && !chunk.is_empty()) {
            copy_chunk(tx, &mut chunk, &mut receipts, &mut months, report)?;
        }
        if last {
            break;
        }
    }
    for (kiosk, stored) in months {
        record_months(tx, kiosk, None, stored)?;
    }
    Ok(())
}

fn copy_chunk(
    tx: &mut postgres::Transaction,
    chunk: &mut Vec<SourceEvent>,
    receipts: &mut HashMap<i64, i64>,
    months: &mut HashMap<KioskId, Vec<Stored>>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let ids: Vec<Uuid> = chunk.iter().map(|e| e.event.id).collect();
    let held: HashSet<Uuid> = tx
        .query("SELECT id FROM events WHERE id = ANY($1)", &[&ids])?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut pending = Pending::default();
    for e in chunk.drain(..) {
        if held.contains(&e.event.id) {
            report.events_already_there += 1;
            continue;
        }
        let receipt = match receipts.get(&e.receipt) {
            Some(id) => *id,
            None => {
                let received = DateTime::from_timestamp_micros(e.received_at)
                    .ok_or_else(|| bad("receive time", e.received_at))?;
                let id: i64 = tx
                    .query_one(
                        "INSERT INTO receipts (received_at, clock_offset_ms) VALUES ($1, $2)
                         RETURNING id",
                        &[&received, &e.clock_offset_ms],
                    )?
                    .try_get(0)?;
                receipts.insert(e.receipt, id);
                id
            }
        };
        pending.add(&e.event, receipt, e.clock_offset_ms)?;
        report.events_copied += 1;
    }
    pending.flush(tx)?;
    for s in std::mem::take(&mut pending.stored) {
        months.entry(s.kiosk).or_default().push(s);
    }
    Ok(())
}

fn copy_certificates(src: &Connection, tx: &mut postgres::Transaction) -> Result<(), ImportError> {
    type CertRow = (
        String,
        String,
        String,
        String,
        String,
        i64,
        String,
        String,
        i64,
    );
    let rows: Vec<CertRow> = src
        .prepare(
            "SELECT event_id, certificate_no, verification_code, learner_id, course_id, minutes,
                    kiosk_id, at, clock_offset_ms FROM certificates",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (event, no, code, learner, course, minutes, kiosk, at, offset) in rows {
        tx.execute(
            "INSERT INTO certificates (event_id, certificate_no, verification_code, learner_id,
             course_id, minutes, kiosk_id, at, clock_offset_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING",
            &[
                &uuid(&event)?,
                &no,
                &code,
                &uuid(&learner)?,
                &course,
                &minutes,
                &uuid(&kiosk)?,
                &time(&at)?,
                &offset,
            ],
        )?;
    }
    Ok(())
}

fn copy_conflicts(src: &Connection, tx: &mut postgres::Transaction) -> Result<(), ImportError> {
    type ConflictRow = (
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        String,
    );
    let rows: Vec<ConflictRow> = src
        .prepare(
            "SELECT kiosk_id, seq, incoming_id, existing_id, learner_id, event, reason,
                    received_at FROM conflicts ORDER BY id",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    // No key either: the same kiosk, seq, event, reason and time is the same row.
    for (kiosk, seq, incoming, existing, learner, event, reason, received) in rows {
        tx.execute(
            "INSERT INTO conflicts (kiosk_id, seq, incoming_id, existing_id, learner_id, event,
             reason, received_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (
                 SELECT 1 FROM conflicts WHERE kiosk_id = $1 AND seq = $2
                 AND incoming_id = $3 AND reason = $7 AND received_at = $8)",
            &[
                &uuid(&kiosk)?,
                &seq,
                &uuid(&incoming)?,
                &opt_uuid(existing)?,
                &opt_uuid(learner)?,
                &event,
                &reason,
                &time(&received)?,
            ],
        )?;
    }
    Ok(())
}

fn copy_changes(src: &Connection, tx: &mut postgres::Transaction) -> Result<(), ImportError> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&CHANGES_LOCK.0, &CHANGES_LOCK.1],
    )?;
    let shift: i64 = tx
        .query_one("SELECT COALESCE(MAX(cursor), 0)::int8 FROM changes", &[])?
        .try_get(0)?;
    type ChangeRow = (
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<ChangeRow> = src
        .prepare(
            "SELECT cursor, county, origin, event_id, course_id, course_version FROM changes
             ORDER BY cursor",
        )?
        .query_map([], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (cursor, county, origin, event, course, version) in rows {
        tx.execute(
            "INSERT INTO changes (cursor, county, origin, event_id, course_id, course_version)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            &[
                &(cursor + shift),
                &county,
                &opt_uuid(origin)?,
                &opt_uuid(event)?,
                &course,
                &version,
            ],
        )?;
    }
    // Cursors the server assigns from now on come after the copied ones.
    tx.execute(
        "SELECT setval(pg_get_serial_sequence('changes', 'cursor'),
                       GREATEST((SELECT MAX(cursor) FROM changes), 1))",
        &[],
    )?;
    Ok(())
}

/// Every kiosk of the source holds the same events in the database, by count and by
/// checksum, each side read through its own store.
fn verify(
    source: &SqliteDatabase,
    to: &PostgresDatabase,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let kiosks: BTreeSet<KioskId> = source.kiosks()?.iter().map(|k| k.kiosk.kiosk_id).collect();
    for kiosk in kiosks {
        let (a, b) = (source.kiosk_events(kiosk)?, to.kiosk_events(kiosk)?);
        let (sa, sb) = (checksum(&a)?, checksum(&b)?);
        if a.len() != b.len() || sa != sb {
            return Err(ImportError::Mismatch {
                kiosk,
                detail: format!(
                    "{} events here, {} in the database, checksums {} and {}",
                    a.len(),
                    b.len(),
                    &sa[..12],
                    &sb[..12]
                ),
            });
        }
        report.lines.push(format!(
            "kiosk {kiosk}: {} events, sha256 {} — same in both",
            a.len(),
            &sa[..16]
        ));
    }
    Ok(())
}

/// How a column is read on each side, so that both give the same text.
#[derive(Clone, Copy)]
enum Col {
    Text,
    Time,
    Uuid,
    Int,
}

/// A copied table other than events: its columns (natural key and the values that must
/// arrive unchanged), as selected from the SQLite store and from the database. Rows of
/// other counties already in the database are not looked at.
struct TableCheck {
    table: &'static str,
    cols: &'static [Col],
    sqlite: &'static str,
    postgres: &'static str,
}

use Col::{Int, Text, Time, Uuid as Id};

const TABLE_CHECKS: &[TableCheck] = &[
    TableCheck {
        table: "enroll_codes",
        cols: &[Text, Text, Text, Text, Time, Time, Time, Id, Text],
        sqlite: "SELECT code_hash, center_name, county, township, created_at, expires_at, used_at,
                 used_by, secret_hash FROM enroll_codes",
        postgres: "SELECT code_hash, center_name, county, township, created_at, expires_at,
                   used_at, used_by, secret_hash FROM enroll_codes",
    },
    TableCheck {
        table: "kiosks",
        cols: &[Id, Text, Text, Text, Time],
        sqlite: "SELECT kiosk_id, center_name, county, township, enrolled_at FROM kiosks",
        postgres: "SELECT kiosk_id, center_name, county, township, enrolled_at FROM kiosks",
    },
    TableCheck {
        table: "learners",
        cols: &[Id, Text, Text, Text, Id],
        sqlite: "SELECT learner_id, county, township, center_name, kiosk_id FROM learners",
        postgres: "SELECT learner_id, county, township, center_name, kiosk_id FROM learners",
    },
    TableCheck {
        table: "courses",
        cols: &[Text, Int, Text, Int],
        sqlite: "SELECT course_id, version, sha256, size FROM courses",
        postgres: "SELECT course_id, version, sha256, size FROM courses",
    },
    TableCheck {
        table: "server_keys",
        cols: &[Text],
        sqlite: "SELECT name FROM server_keys",
        postgres: "SELECT name FROM server_keys",
    },
    TableCheck {
        table: "admin_tokens",
        cols: &[Text, Text, Time],
        sqlite: "SELECT token_hash, name, created_at FROM admin_tokens",
        postgres: "SELECT token_hash, name, created_at FROM admin_tokens",
    },
    TableCheck {
        table: "staff_sessions",
        cols: &[Text, Text, Text, Time, Time],
        sqlite: "SELECT session_hash, admin_token_hash, name, created_at, expires_at
                 FROM staff_sessions",
        postgres: "SELECT session_hash, admin_token_hash, name, created_at, expires_at
                   FROM staff_sessions",
    },
    TableCheck {
        table: "access_log",
        cols: &[Time, Text, Text, Text],
        sqlite: "SELECT at, who, what, purpose FROM access_log",
        postgres: "SELECT at, who, what, purpose FROM access_log",
    },
    TableCheck {
        table: "certificates",
        cols: &[Id, Text, Text, Id, Text, Int, Id],
        sqlite: "SELECT event_id, certificate_no, verification_code, learner_id, course_id,
                 minutes, kiosk_id FROM certificates",
        postgres: "SELECT event_id, certificate_no, verification_code, learner_id, course_id,
                   minutes, kiosk_id FROM certificates",
    },
    TableCheck {
        table: "conflicts",
        cols: &[Id, Int, Id, Id, Text, Time],
        sqlite: "SELECT kiosk_id, seq, incoming_id, existing_id, reason, received_at
                 FROM conflicts",
        postgres: "SELECT kiosk_id, seq, incoming_id, existing_id, reason, received_at
                   FROM conflicts",
    },
    TableCheck {
        // Cursors are shifted past the database's own: compared without them.
        table: "changes",
        cols: &[Text, Id, Id, Text, Int],
        sqlite: "SELECT county, origin, event_id, course_id, course_version FROM changes",
        postgres: "SELECT county, origin, event_id, course_id, course_version FROM changes",
    },
];

/// A time as both sides give it: unix microseconds.
fn micros(t: DateTime<Utc>) -> String {
    t.timestamp_micros().to_string()
}

fn sqlite_rows(src: &Connection, check: &TableCheck) -> Result<Vec<String>, ImportError> {
    let mut stmt = src.prepare(check.sqlite)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut fields = Vec::with_capacity(check.cols.len());
        for (i, col) in check.cols.iter().enumerate() {
            fields.push(match col {
                Int => r.get::<_, Option<i64>>(i)?.map(|n| n.to_string()),
                Text => r.get::<_, Option<String>>(i)?,
                Id => opt_uuid(r.get(i)?)?.map(|u| u.to_string()),
                Time => opt_time(r.get(i)?)?.map(micros),
            });
        }
        out.push(canonical(&fields));
    }
    Ok(out)
}

fn postgres_rows(
    conn: &mut postgres::Client,
    check: &TableCheck,
) -> Result<BTreeSet<String>, ImportError> {
    let mut out = BTreeSet::new();
    for r in conn.query(check.postgres, &[]).map_err(DbError::from)? {
        let mut fields = Vec::with_capacity(check.cols.len());
        for (i, col) in check.cols.iter().enumerate() {
            let get = |e: postgres::Error| ImportError::Db(DbError::from(e));
            fields.push(match col {
                Int => r
                    .try_get::<_, Option<i64>>(i)
                    .map_err(get)?
                    .map(|n| n.to_string()),
                Text => r.try_get::<_, Option<String>>(i).map_err(get)?,
                Id => r
                    .try_get::<_, Option<Uuid>>(i)
                    .map_err(get)?
                    .map(|u| u.to_string()),
                Time => r
                    .try_get::<_, Option<DateTime<Utc>>>(i)
                    .map_err(get)?
                    .map(micros),
            });
        }
        out.insert(canonical(&fields));
    }
    Ok(out)
}

fn canonical(fields: &[Option<String>]) -> String {
    serde_json::Value::from(fields.to_vec()).to_string()
}

/// Every distinct row of one copied table is in the database, unchanged: counted, and a
/// SHA-256 over the rows found (sorted), for the report.
fn verify_table(
    src: &Connection,
    conn: &mut postgres::Client,
    check: &TableCheck,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let source: BTreeSet<String> = sqlite_rows(src, check)?.into_iter().collect();
    let held = postgres_rows(conn, check)?;
    let missing: Vec<&String> = source.iter().filter(|r| !held.contains(*r)).collect();
    if let Some(first) = missing.first() {
        return Err(ImportError::TableMismatch {
            table: check.table,
            detail: format!(
                "{} of {} rows are not in the database as they are here (first: {first})",
                missing.len(),
                source.len()
            ),
        });
    }
    let mut h = Sha256::new();
    for row in &source {
        h.update(row.as_bytes());
        h.update(b"\n");
    }
    report.lines.push(format!(
        "{}: {} rows, sha256 {} — same in both",
        check.table,
        source.len(),
        &hex::encode(h.finalize())[..16]
    ));
    Ok(())
}
