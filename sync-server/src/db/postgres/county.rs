//! The SQL behind what county staff see: certificates and cached statistics (the same
//! rules as ../sqlite/county.rs). Called from the `Database` impl in the parent module.

use baeumteo_core::event::{Event, EventBody, LearnerId, SessionId};
use baeumteo_core::projection::{LearnerProfiles, MonthlySummary, YearMonth};
use baeumteo_core::wire::{CenterInfo, corrected_time};
use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Transaction};

use super::events::{EVENT_COLUMNS, event_from, events_with_offsets, month_from_key, month_key};
use super::{CENTER_LOCKS, read_center, to_i64, to_u64};
use crate::db::{
    ActivistEvent, ActivistKind, CertificateRecord, DbError, DirtyMonth, Holder, StatsCell,
};

/// Records a certificate just stored as an event, for `/verify` and the registry.
pub(super) fn index_certificate(
    tx: &mut Transaction,
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
    tx.execute(
        "INSERT INTO certificates (event_id, certificate_no, verification_code, learner_id,
         course_id, minutes, kiosk_id, at, clock_offset_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING",
        &[
            &event.id,
            certificate_no,
            verification_code,
            learner_id,
            course_id,
            &i64::from(*minutes),
            &event.kiosk_id,
            &event.at,
            &clock_offset_ms,
        ],
    )?;
    Ok(())
}

/// A center's statistics must be recomputed whole.
pub(super) fn mark_dirty(tx: &mut impl GenericClient, center: &CenterInfo) -> Result<(), DbError> {
    tx.execute(
        "INSERT INTO stats_dirty (county, township, center_name, generation) VALUES ($1, $2, $3, 1)
         ON CONFLICT (county, township, center_name)
         DO UPDATE SET generation = stats_dirty.generation + 1",
        &[&center.county, &center.township, &center.center_name],
    )?;
    Ok(())
}

const CERT_SELECT: &str = "SELECT c.certificate_no, c.verification_code, c.learner_id, c.course_id,
       c.minutes, c.kiosk_id, c.at, c.clock_offset_ms, k.county, k.township, k.center_name,
       EXISTS (SELECT 1 FROM erased_learners x WHERE x.learner_id = c.learner_id)
     FROM certificates c JOIN kiosks k ON k.kiosk_id = c.kiosk_id";

fn query_certificates(
    conn: &mut Client,
    tail: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<CertificateRecord>, DbError> {
    let rows = conn.query(&format!("{CERT_SELECT} {tail}"), params)?;
    let mut out = Vec::new();
    for row in rows {
        // One damaged row must not take the registry or /verify down with it.
        match certificate_from(conn, &row) {
            Ok(c) => out.push(c),
            Err(e) => tracing::error!(error = %e, "certificate row skipped"),
        }
    }
    Ok(out)
}

fn certificate_from(conn: &mut Client, r: &Row) -> Result<CertificateRecord, DbError> {
    let learner_id: LearnerId = r.try_get(2)?;
    let erased: bool = r.try_get(11)?;
    let holder = if erased {
        Holder::Erased
    } else {
        holder_name(conn, learner_id)?.map_or(Holder::Unknown, Holder::Named)
    };
    let minutes: i64 = r.try_get(4)?;
    let at: DateTime<Utc> = r.try_get(6)?;
    Ok(CertificateRecord {
        certificate_no: r.try_get(0)?,
        verification_code: r.try_get(1)?,
        learner_id,
        course_id: r.try_get(3)?,
        minutes: u32::try_from(minutes)
            .map_err(|_| DbError::BadRow(format!("certificate minutes {minutes}")))?,
        issued_at: corrected_time(at, r.try_get(7)?),
        kiosk_id: r.try_get(5)?,
        center: read_center(r, 8)?,
        holder,
    })
}

/// The learner's current name by core's one rule for profiles (`LearnerProfiles`):
/// profile events in the order the server stored them, never by a kiosk clock.
fn holder_name(conn: &mut Client, learner_id: LearnerId) -> Result<Option<String>, DbError> {
    let rows = conn.query(
        &format!(
            "SELECT {EVENT_COLUMNS}, 0::int8 FROM events e
             WHERE e.learner_id = $1
               AND e.kind IN ('learner_registered', 'learner_updated', 'learner_erased')
             ORDER BY e.arrival"
        ),
        &[&learner_id],
    )?;
    let events = events_with_offsets(rows)?;
    let profiles = LearnerProfiles::from_arrivals(events.iter().map(|(e, _)| e));
    Ok(profiles
        .profile(learner_id)
        .map(|p| p.name.clone())
        .filter(|name| !name.is_empty()))
}

pub(super) fn certificates_by_number(
    conn: &mut Client,
    certificate_no: &str,
) -> Result<Vec<CertificateRecord>, DbError> {
    query_certificates(conn, "WHERE c.certificate_no = $1", &[&certificate_no])
}

pub(super) fn certificates(conn: &mut Client) -> Result<Vec<CertificateRecord>, DbError> {
    let mut out = query_certificates(
        conn,
        "ORDER BY k.county, k.township, k.center_name, c.certificate_no",
        &[],
    )?;
    out.sort_by(|a, b| (a.issued_at, &a.certificate_no).cmp(&(b.issued_at, &b.certificate_no)));
    Ok(out)
}

pub(super) fn activist_events(
    conn: &mut Client,
    kinds: &[ActivistKind],
) -> Result<Vec<ActivistEvent>, DbError> {
    let rows = conn.query(
        &format!(
            "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0), k.county
             FROM events e JOIN kiosks k ON k.kiosk_id = e.kiosk_id
                  LEFT JOIN receipts r ON r.id = e.receipt
             WHERE {}
             ORDER BY e.kiosk_id, e.seq",
            ActivistKind::sql_filter(kinds)
        ),
        &[],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        // One damaged row must not take the registry or /verify down with it.
        match event_from(&row, 0) {
            Ok(event) => out.push(ActivistEvent {
                event,
                clock_offset_ms: row.try_get(5)?,
                county: row.try_get(6)?,
            }),
            Err(e) => tracing::error!(error = %e, "stored event skipped"),
        }
    }
    Ok(out)
}

pub(super) fn dirty_centers(conn: &mut Client) -> Result<Vec<(CenterInfo, u64)>, DbError> {
    conn.query(
        "SELECT county, township, center_name, generation FROM stats_dirty
         ORDER BY county, township, center_name",
        &[],
    )?
    .iter()
    .map(|r| Ok((read_center(r, 0)?, to_u64(r.try_get(3)?)?)))
    .collect()
}

pub(super) fn center_events(
    conn: &mut Client,
    center: &CenterInfo,
) -> Result<Vec<(Event, i64)>, DbError> {
    let rows = conn.query(
        &format!(
            "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0)
             FROM kiosks k JOIN events e ON e.kiosk_id = k.kiosk_id
                  LEFT JOIN receipts r ON r.id = e.receipt
             WHERE k.county = $1 AND k.township = $2 AND k.center_name = $3
             ORDER BY e.kiosk_id, e.seq"
        ),
        &[&center.county, &center.township, &center.center_name],
    )?;
    events_with_offsets(rows)
}

/// The events of a center's kiosks in a range of statistics months: the month runs
/// point at the seqs, read through the primary key.
pub(super) fn center_events_in_months(
    conn: &mut Client,
    center: &CenterInfo,
    from: YearMonth,
    to: YearMonth,
) -> Result<Vec<(Event, i64)>, DbError> {
    let rows = conn.query(
        &format!(
            "SELECT {EVENT_COLUMNS}, COALESCE(r.clock_offset_ms, 0)
             FROM kiosks k JOIN event_months m ON m.kiosk_id = k.kiosk_id
                  JOIN events e ON e.kiosk_id = m.kiosk_id
                                AND e.seq BETWEEN m.seq_from AND m.seq_to
                  LEFT JOIN receipts r ON r.id = e.receipt
             WHERE k.county = $1 AND k.township = $2 AND k.center_name = $3
               AND m.month BETWEEN $4 AND $5"
        ),
        &[
            &center.county,
            &center.township,
            &center.center_name,
            &month_key(from),
            &month_key(to),
        ],
    )?;
    events_with_offsets(rows)
}

pub(super) fn session_months(
    conn: &mut Client,
    sessions: &[SessionId],
) -> Result<Option<(YearMonth, YearMonth)>, DbError> {
    let rows = conn.query(
        "SELECT session_id, first_month, last_month FROM stats_sessions
         WHERE session_id = ANY($1)",
        &[&sessions],
    )?;
    let mut span: Option<(YearMonth, YearMonth)> = None;
    for row in rows {
        let (Some(first), Some(last)) = (
            month_from_key(row.try_get(1)?),
            month_from_key(row.try_get(2)?),
        ) else {
            let session: SessionId = row.try_get(0)?;
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

pub(super) fn dirty_months(conn: &mut Client) -> Result<Vec<DirtyMonth>, DbError> {
    let rows = conn.query(
        "SELECT county, township, center_name, month, generation FROM stats_dirty_months
         ORDER BY county, township, center_name, month",
        &[],
    )?;
    let mut out = Vec::new();
    for r in rows {
        let month: i32 = r.try_get(3)?;
        match month_from_key(month) {
            Some(m) => out.push(DirtyMonth {
                center: read_center(&r, 0)?,
                month: m,
                generation: to_u64(r.try_get(4)?)?,
            }),
            None => tracing::error!(month, "dirty month unreadable; skipped"),
        }
    }
    Ok(out)
}

/// Two requests (two server processes, or two pages at once) recomputing one center
/// replace its figures one after the other: interleaved, both would insert the same
/// rows and the second would fail.
fn lock_center(tx: &mut Transaction, center: &CenterInfo) -> Result<(), DbError> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext($2::text || '/' || $3::text || '/' || $4::text))",
        &[
            &CENTER_LOCKS,
            &center.county,
            &center.township,
            &center.center_name,
        ],
    )?;
    Ok(())
}

pub(super) fn store_center_months(
    conn: &mut Client,
    center: &CenterInfo,
    months: &[(YearMonth, u64)],
    rows: &[MonthlySummary],
) -> Result<bool, DbError> {
    let mut tx = conn.transaction()?;
    lock_center(&mut tx, center)?;
    let mut cleared = true;
    for (month, generation) in months {
        tx.execute(
            "DELETE FROM stats_cells
             WHERE county = $1 AND township = $2 AND center_name = $3 AND month = $4",
            &[
                &center.county,
                &center.township,
                &center.center_name,
                &month.to_string(),
            ],
        )?;
        cleared &= tx.execute(
            "DELETE FROM stats_dirty_months WHERE county = $1 AND township = $2
             AND center_name = $3 AND month = $4 AND generation = $5",
            &[
                &center.county,
                &center.township,
                &center.center_name,
                &month_key(*month),
                &to_i64(*generation)?,
            ],
        )? > 0;
    }
    insert_cells(&mut tx, center, rows)?;
    tx.commit()?;
    Ok(cleared)
}

fn insert_cells(
    tx: &mut Transaction,
    center: &CenterInfo,
    rows: &[MonthlySummary],
) -> Result<(), DbError> {
    if rows.is_empty() {
        return Ok(());
    }
    let month: Vec<String> = rows.iter().map(|s| s.month.to_string()).collect();
    let course: Vec<&str> = rows.iter().map(|s| s.course_id.as_str()).collect();
    let col = |f: fn(&MonthlySummary) -> u32| -> Vec<i64> {
        rows.iter().map(|s| i64::from(f(s))).collect()
    };
    tx.execute(
        "INSERT INTO stats_cells (county, township, center_name, month, course_id,
         sessions_held, learners, attendance_minutes, lessons_completed, certifications,
         self_study_minutes)
         SELECT $1, $2, $3, m, c, s, l, a, n, x, y
         FROM unnest($4::text[], $5::text[], $6::int8[], $7::int8[], $8::int8[], $9::int8[],
                     $10::int8[], $11::int8[]) AS t(m, c, s, l, a, n, x, y)",
        &[
            &center.county,
            &center.township,
            &center.center_name,
            &month,
            &course,
            &col(|s| s.sessions_held),
            &col(|s| s.learners),
            &col(|s| s.attendance_minutes),
            &col(|s| s.lessons_completed),
            &col(|s| s.certifications),
            &col(|s| s.self_study_minutes),
        ],
    )?;
    Ok(())
}

pub(super) fn store_center_stats(
    conn: &mut Client,
    center: &CenterInfo,
    generation: u64,
    rows: &[MonthlySummary],
) -> Result<bool, DbError> {
    let mut tx = conn.transaction()?;
    lock_center(&mut tx, center)?;
    tx.execute(
        "DELETE FROM stats_cells WHERE county = $1 AND township = $2 AND center_name = $3",
        &[&center.county, &center.township, &center.center_name],
    )?;
    insert_cells(&mut tx, center, rows)?;
    let cleared = tx.execute(
        "DELETE FROM stats_dirty
         WHERE county = $1 AND township = $2 AND center_name = $3 AND generation = $4",
        &[
            &center.county,
            &center.township,
            &center.center_name,
            &to_i64(generation)?,
        ],
    )?;
    tx.commit()?;
    Ok(cleared > 0)
}

pub(super) fn stats_cells(conn: &mut Client) -> Result<Vec<StatsCell>, DbError> {
    let rows = conn.query(
        "SELECT county, township, center_name, month, course_id, sessions_held, learners,
                attendance_minutes, lessons_completed, certifications, self_study_minutes
         FROM stats_cells ORDER BY month, county, township, center_name, course_id",
        &[],
    )?;
    let figure = |r: &Row, i: usize| -> Result<u32, DbError> {
        let n: i64 = r.try_get(i)?;
        u32::try_from(n).map_err(|_| DbError::BadRow(format!("statistics figure {n}")))
    };
    let mut out = Vec::new();
    for r in rows {
        let center = read_center(&r, 0)?;
        let month: String = r.try_get(3)?;
        let Ok(month) = YearMonth::try_from(month) else {
            tracing::error!(center = %center.center_name, "statistics row with a bad month skipped");
            continue;
        };
        out.push(StatsCell {
            center,
            summary: MonthlySummary {
                course_id: r.try_get(4)?,
                month,
                sessions_held: figure(&r, 5)?,
                learners: figure(&r, 6)?,
                attendance_minutes: figure(&r, 7)?,
                lessons_completed: figure(&r, 8)?,
                certifications: figure(&r, 9)?,
                self_study_minutes: figure(&r, 10)?,
            },
        });
    }
    Ok(out)
}
