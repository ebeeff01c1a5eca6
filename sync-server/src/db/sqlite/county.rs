//! The SQL behind what county staff see: certificates, cached statistics, admin tokens
//! and the access log. Called from the `Database` impl in the parent module.

use baeumteo_core::event::{Event, EventBody, LearnerId, SessionId};
use baeumteo_core::projection::{LearnerProfiles, MonthlySummary, YearMonth};
use baeumteo_core::wire::{CenterInfo, corrected_time};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Params, Transaction, params};

use super::events::{
    EVENT_COLUMNS, event_from, events_with_offsets, month_from_key, month_key, read_cols,
};
use super::{fmt_time, parse_time, parse_uuid, query_rows, read_center};
use crate::db::{
    AccessEntry, ActivistEvent, ActivistKind, CertificateRecord, DbError, DirtyMonth, Holder,
    StatsCell,
};

/// Records a certificate just stored as an event, for `/verify` and the registry.
pub(super) fn index_certificate(
    tx: &Transaction,
    event: &Event,
    clock_offset_ms: i64,
) -> Result<(), DbError> {
    let EventBody::CertificationIssued {
        certificate_no,
        learner_id,
        course_id,
        minutes,
        verification_code,
        ..
    } = &event.body
    else {
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT INTO certificates (event_id, certificate_no, verification_code, learner_id,
         course_id, minutes, kiosk_id, at, clock_offset_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (event_id) DO NOTHING",
    )?
    .execute(params![
        event.id.to_string(),
        certificate_no,
        verification_code,
        learner_id.to_string(),
        course_id,
        minutes,
        event.kiosk_id.to_string(),
        super::fmt_time(event.at),
        clock_offset_ms
    ])?;
    Ok(())
}

/// A push stored something for this center: its statistics must be recomputed.
pub(super) fn mark_dirty(tx: &Transaction, center: &CenterInfo) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO stats_dirty (county, township, center_name, generation) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (county, township, center_name) DO UPDATE SET generation = generation + 1",
    )?
    .execute(params![center.county, center.township, center.center_name])?;
    Ok(())
}

const CERT_SELECT: &str = "SELECT c.certificate_no, c.verification_code, c.learner_id, c.course_id,
       c.minutes, c.kiosk_id, c.at, c.clock_offset_ms, k.center_name, k.county, k.township,
       EXISTS (SELECT 1 FROM erased_learners x WHERE x.learner_id = c.learner_id)
     FROM certificates c JOIN kiosks k ON k.kiosk_id = c.kiosk_id";

type CertRow = (
    String,
    String,
    String,
    String,
    u32,
    String,
    String,
    i64,
    String,
    String,
    String,
    bool,
);

/// The certificates `CERT_SELECT` finds with `tail` (a WHERE or ORDER BY clause).
fn query_certificates(
    conn: &Connection,
    tail: &str,
    params: impl Params,
) -> Result<Vec<CertificateRecord>, DbError> {
    let mut out = Vec::new();
    for row in query_rows::<CertRow>(conn, &format!("{CERT_SELECT} {tail}"), params)? {
        // One damaged row must not take the registry or /verify down with it.
        match certificate_from(conn, row) {
            Ok(c) => out.push(c),
            Err(e) => tracing::error!(error = %e, "certificate row skipped"),
        }
    }
    Ok(out)
}

fn certificate_from(conn: &Connection, row: CertRow) -> Result<CertificateRecord, DbError> {
    let (
        no,
        code,
        learner,
        course_id,
        minutes,
        kiosk,
        at,
        offset,
        center_name,
        county,
        township,
        erased,
    ) = row;
    let learner_id = parse_uuid(&learner)?;
    let holder = if erased {
        Holder::Erased
    } else {
        holder_name(conn, learner_id)?.map_or(Holder::Unknown, Holder::Named)
    };
    Ok(CertificateRecord {
        certificate_no: no,
        verification_code: code,
        learner_id,
        course_id,
        minutes,
        issued_at: corrected_time(parse_time(&at)?, offset),
        kiosk_id: parse_uuid(&kiosk)?,
        center: CenterInfo {
            center_name,
            county,
            township,
        },
        holder,
    })
}

/// The learner's current name by core's one rule for profiles (`LearnerProfiles`):
/// profile events in the order the server stored them, never by a kiosk clock.
fn holder_name(conn: &Connection, learner_id: LearnerId) -> Result<Option<String>, DbError> {
    let events = events_with_offsets(
        conn,
        &format!(
            "SELECT {EVENT_COLUMNS}, 0 FROM events e
             WHERE e.learner_id = ?1
               AND e.kind IN ('learner_registered', 'learner_updated', 'learner_erased')
             ORDER BY e.rowid"
        ),
        [learner_id.to_string()],
    )?;
    let profiles = LearnerProfiles::from_arrivals(events.iter().map(|(e, _)| e));
    Ok(profiles
        .profile(learner_id)
        .map(|p| p.name.clone())
        .filter(|name| !name.is_empty()))
}

pub(super) fn certificates_by_number(
    conn: &Connection,
    certificate_no: &str,
) -> Result<Vec<CertificateRecord>, DbError> {
    query_certificates(conn, "WHERE c.certificate_no = ?1", [certificate_no])
}

pub(super) fn certificates(conn: &Connection) -> Result<Vec<CertificateRecord>, DbError> {
    let mut out = query_certificates(
        conn,
        "ORDER BY k.county, k.township, k.center_name, c.certificate_no",
        [],
    )?;
    out.sort_by(|a, b| (a.issued_at, &a.certificate_no).cmp(&(b.issued_at, &b.certificate_no)));
    Ok(out)
}

pub(super) fn activist_events(
    conn: &Connection,
    kinds: &[ActivistKind],
) -> Result<Vec<ActivistEvent>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0), k.county
         FROM events e JOIN kiosks k ON k.kiosk_id = e.kiosk_id
              LEFT JOIN receipts r ON r.id = e.receipt
         WHERE {}
         ORDER BY e.kiosk_id, e.seq",
        ActivistKind::sql_filter(kinds)
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            read_cols(r, 0)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (cols, clock_offset_ms, county) = row?;
        // One damaged row must not take the registry or /verify down with it.
        match event_from(cols) {
            Ok(event) => out.push(ActivistEvent {
                event,
                clock_offset_ms,
                county,
            }),
            Err(e) => tracing::error!(error = %e, "stored event skipped"),
        }
    }
    Ok(out)
}

pub(super) fn dirty_centers(conn: &Connection) -> Result<Vec<(CenterInfo, u64)>, DbError> {
    let rows = conn
        .prepare_cached("SELECT county, township, center_name, generation FROM stats_dirty")?
        .query_map([], |r| Ok((read_center(r)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(super) fn center_events(
    conn: &Connection,
    center: &CenterInfo,
) -> Result<Vec<(Event, i64)>, DbError> {
    events_with_offsets(
        conn,
        &format!(
            "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0)
             FROM kiosks k JOIN events e ON e.kiosk_id = k.kiosk_id
                  LEFT JOIN receipts r ON r.id = e.receipt
             WHERE k.county = ?1 AND k.township = ?2 AND k.center_name = ?3
             ORDER BY e.kiosk_id, e.seq"
        ),
        params![center.county, center.township, center.center_name],
    )
}

/// The events of a center's kiosks in a range of statistics months: the month runs
/// (migration 0006) point at the seqs, read through the primary key.
pub(super) fn center_events_in_months(
    conn: &Connection,
    center: &CenterInfo,
    from: YearMonth,
    to: YearMonth,
) -> Result<Vec<(Event, i64)>, DbError> {
    events_with_offsets(
        conn,
        &format!(
            "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0)
             FROM kiosks k JOIN event_months m ON m.kiosk_id = k.kiosk_id
                  JOIN events e ON e.kiosk_id = m.kiosk_id
                                AND e.seq BETWEEN m.seq_from AND m.seq_to
                  LEFT JOIN receipts r ON r.id = e.receipt
             WHERE k.county = ?1 AND k.township = ?2 AND k.center_name = ?3
               AND m.month BETWEEN ?4 AND ?5"
        ),
        params![
            center.county,
            center.township,
            center.center_name,
            month_key(from),
            month_key(to)
        ],
    )
}

pub(super) fn session_months(
    conn: &Connection,
    sessions: &[SessionId],
) -> Result<Option<(YearMonth, YearMonth)>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT first_month, last_month FROM stats_sessions WHERE session_id = ?1",
    )?;
    let mut span: Option<(YearMonth, YearMonth)> = None;
    for session in sessions {
        let row: Option<(i64, i64)> = stmt
            .query_row([session.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((first, last)) = row else { continue };
        let (Some(first), Some(last)) = (month_from_key(first), month_from_key(last)) else {
            tracing::error!(%session, "session months unreadable; skipped");
            continue;
        };
        span = Some(match span {
            Some((a, b)) => (a.min(first), b.max(last)),
            None => (first, last),
        });
    }
    Ok(span)
}

pub(super) fn dirty_months(conn: &Connection) -> Result<Vec<DirtyMonth>, DbError> {
    let rows: Vec<(CenterInfo, i64, u64)> = conn
        .prepare_cached(
            "SELECT county, township, center_name, month, generation FROM stats_dirty_months",
        )?
        .query_map([], |r| Ok((read_center(r)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(center, month, generation)| match month_from_key(month) {
            Some(month) => Some(DirtyMonth {
                center,
                month,
                generation,
            }),
            None => {
                tracing::error!(month, "dirty month unreadable; skipped");
                None
            }
        })
        .collect())
}

pub(super) fn store_center_months(
    conn: &mut Connection,
    center: &CenterInfo,
    months: &[(YearMonth, u64)],
    rows: &[MonthlySummary],
) -> Result<bool, DbError> {
    let tx = conn.transaction()?;
    let mut cleared = true;
    for (month, generation) in months {
        tx.prepare_cached(
            "DELETE FROM stats_cells
             WHERE county = ?1 AND township = ?2 AND center_name = ?3 AND month = ?4",
        )?
        .execute(params![
            center.county,
            center.township,
            center.center_name,
            month.to_string()
        ])?;
        cleared &=
            tx.prepare_cached(
                "DELETE FROM stats_dirty_months WHERE county = ?1 AND township = ?2
                 AND center_name = ?3 AND month = ?4 AND generation = ?5",
            )?
            .execute(params![
                center.county,
                center.township,
                center.center_name,
                month_key(*month),
                generation
            ])? > 0;
    }
    insert_cells(&tx, center, rows)?;
    tx.commit()?;
    Ok(cleared)
}

fn insert_cells(
    tx: &Transaction,
    center: &CenterInfo,
    rows: &[MonthlySummary],
) -> Result<(), DbError> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO stats_cells (county, township, center_name, month, course_id,
         sessions_held, learners, attendance_minutes, lessons_completed, certifications,
         self_study_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for s in rows {
        insert.execute(params![
            center.county,
            center.township,
            center.center_name,
            s.month.to_string(),
            s.course_id,
            s.sessions_held,
            s.learners,
            s.attendance_minutes,
            s.lessons_completed,
            s.certifications,
            s.self_study_minutes
        ])?;
    }
    Ok(())
}

pub(super) fn store_center_stats(
    conn: &mut Connection,
    center: &CenterInfo,
    generation: u64,
    rows: &[MonthlySummary],
) -> Result<bool, DbError> {
    let tx = conn.transaction()?;
    let key = params![center.county, center.township, center.center_name];
    tx.prepare_cached(
        "DELETE FROM stats_cells WHERE county = ?1 AND township = ?2 AND center_name = ?3",
    )?
    .execute(key)?;
    insert_cells(&tx, center, rows)?;
    let cleared = tx
        .prepare_cached(
            "DELETE FROM stats_dirty
             WHERE county = ?1 AND township = ?2 AND center_name = ?3 AND generation = ?4",
        )?
        .execute(params![
            center.county,
            center.township,
            center.center_name,
            generation
        ])?;
    tx.commit()?;
    Ok(cleared > 0)
}

pub(super) fn stats_cells(conn: &Connection) -> Result<Vec<StatsCell>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT county, township, center_name, month, course_id, sessions_held, learners,
                attendance_minutes, lessons_completed, certifications, self_study_minutes
         FROM stats_cells ORDER BY month, county, township, center_name, course_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            read_center(r)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            [
                r.get::<_, u32>(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ],
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (center, month, course_id, [sessions, learners, minutes, lessons, certs, self_study]) =
            row?;
        let Ok(month) = YearMonth::try_from(month) else {
            tracing::error!(center = %center.center_name, "statistics row with a bad month skipped");
            continue;
        };
        out.push(StatsCell {
            center,
            summary: MonthlySummary {
                course_id,
                month,
                sessions_held: sessions,
                learners,
                attendance_minutes: minutes,
                self_study_minutes: self_study,
                lessons_completed: lessons,
                certifications: certs,
            },
        });
    }
    Ok(out)
}

pub(super) fn create_admin_token(
    conn: &Connection,
    token_hash: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO admin_tokens (token_hash, name, created_at) VALUES (?1, ?2, ?3)",
        params![token_hash, name, fmt_time(now)],
    )?;
    Ok(())
}

pub(super) fn revoke_admin_tokens(
    conn: &Connection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE admin_tokens SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
        params![name, fmt_time(now)],
    )?)
}

pub(super) fn live_admin_tokens(conn: &Connection) -> Result<u64, DbError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM admin_tokens WHERE revoked_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

pub(super) fn admin_by_token(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<String>, DbError> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM admin_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
        )?
        .query_row([token_hash], |r| r.get(0))
        .optional()?)
}

pub(super) fn log_access(conn: &Connection, entry: &AccessEntry) -> Result<(), DbError> {
    conn.prepare_cached("INSERT INTO access_log (at, who, what, purpose) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![
            fmt_time(entry.at),
            entry.who,
            entry.what,
            entry.purpose
        ])?;
    Ok(())
}

pub(super) fn access_log(conn: &Connection, limit: u32) -> Result<Vec<AccessEntry>, DbError> {
    query_rows::<(String, String, String, String)>(
        conn,
        "SELECT at, who, what, purpose FROM access_log ORDER BY id DESC LIMIT ?1",
        [limit],
    )?
    .into_iter()
    .map(|(at, who, what, purpose)| {
        Ok(AccessEntry {
            at: parse_time(&at)?,
            who,
            what,
            purpose,
        })
    })
    .collect()
}
