//! The compact events table (migration 0006) and the statistics' bookkeeping kept with
//! it. A row holds the body as JSON and the rest of the event in columns; the time is
//! an integer; the receive time and clock offset are stored once per push.

use std::collections::BTreeSet;

use baeumteo_core::event::{Event, EventBody, SessionId};
use baeumteo_core::projection::YearMonth;
use baeumteo_core::wire::CenterInfo;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, Params, Row, Transaction, params};

use super::parse_uuid;
use crate::db::{DbError, SyncMeta};
use crate::statistics::months_changed;

/// The columns `event_from` reads, from a table aliased `e`.
pub(super) const EVENT_COLUMNS: &str = "e.id, e.kiosk_id, e.seq, e.at, e.body";

/// `EVENT_COLUMNS` as read, each checked by `event_from`.
pub(super) type EventCols = (
    Option<String>,
    Option<String>,
    Option<u64>,
    Value,
    Option<String>,
);

pub(super) fn read_cols(r: &Row, first: usize) -> rusqlite::Result<EventCols> {
    Ok((
        r.get(first)?,
        r.get(first + 1)?,
        r.get(first + 2)?,
        r.get(first + 3)?,
        r.get(first + 4)?,
    ))
}

/// The stored form of a kiosk time: unix nanoseconds, exact; a time beyond what they
/// hold (never let in by the door, but possible in an old store) as serde's text.
pub(super) fn at_value(at: DateTime<Utc>) -> Result<Value, DbError> {
    Ok(match at.timestamp_nanos_opt() {
        Some(n) => Value::Integer(n),
        None => match serde_json::to_value(at)? {
            serde_json::Value::String(s) => Value::Text(s),
            other => Value::Text(other.to_string()),
        },
    })
}

fn at_from(v: Value) -> Result<DateTime<Utc>, DbError> {
    match v {
        Value::Integer(n) => Ok(DateTime::from_timestamp_nanos(n)),
        Value::Text(s) => Ok(serde_json::from_value(serde_json::Value::String(s))?),
        other => Err(DbError::BadRow(format!("event time {other:?}"))),
    }
}

pub(super) fn event_from(cols: EventCols) -> Result<Event, DbError> {
    let (id, kiosk_id, seq, at, body) = cols;
    let need = |what: &str| DbError::BadRow(format!("event without {what}"));
    Ok(Event {
        id: parse_uuid(&id.ok_or_else(|| need("id"))?)?,
        kiosk_id: parse_uuid(&kiosk_id.ok_or_else(|| need("kiosk"))?)?,
        seq: seq.ok_or_else(|| need("seq"))?,
        at: at_from(at)?,
        body: serde_json::from_str::<EventBody>(&body.ok_or_else(|| need("body"))?)?,
    })
}

/// Runs a query selecting `EVENT_COLUMNS` then the clock offset, and decodes the events.
/// A row that does not decode is logged and left out, so figures and pages still come.
pub(super) fn events_with_offsets(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Vec<(Event, i64)>, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| Ok((read_cols(r, 0)?, r.get::<_, i64>(5)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (cols, offset) = row?;
        match event_from(cols) {
            Ok(e) => out.push((e, offset)),
            Err(e) => tracing::error!(error = %e, "stored event skipped"),
        }
    }
    Ok(out)
}

/// Records a push's receive time and clock offset once, for the events it stores.
pub(super) fn new_receipt(tx: &Transaction, meta: SyncMeta) -> Result<i64, DbError> {
    tx.prepare_cached("INSERT INTO receipts (received_at, clock_offset_ms) VALUES (?1, ?2)")?
        .execute(params![
            meta.received_at.timestamp_micros(),
            meta.clock_offset_ms
        ])?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn insert_event(tx: &Transaction, event: &Event, receipt: i64) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO events (kiosk_id, seq, id, at, kind, learner_id, body, receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event.kiosk_id.to_string(),
        event.seq,
        event.id.to_string(),
        at_value(event.at)?,
        event.body.kind(),
        event.body.learner_id().map(|l| l.to_string()),
        serde_json::to_string(&event.body)?,
        receipt
    ])?;
    Ok(())
}

pub(super) fn month_key(m: YearMonth) -> i64 {
    i64::from(m.year) * 100 + i64::from(m.month)
}

pub(super) fn month_from_key(k: i64) -> Option<YearMonth> {
    YearMonth::new(i32::try_from(k / 100).ok()?, u32::try_from(k % 100).ok()?)
}

/// One stored event as the statistics' bookkeeping sees it.
pub(super) struct Stored {
    pub seq: u64,
    pub month: YearMonth,
    pub session: Option<SessionId>,
}

/// Keeps the month runs and session spans of newly stored events of one kiosk, and
/// marks the center's months they change dirty (`months_changed`).
pub(super) fn record_months(
    tx: &Transaction,
    kiosk_id: &str,
    center: Option<&CenterInfo>,
    mut stored: Vec<Stored>,
) -> Result<(), DbError> {
    stored.sort_by_key(|s| s.seq);
    // Consecutive seqs of one month make one run; a run that continues one already
    // held is extended, so a kiosk has about one run per month.
    let mut runs: Vec<(u64, u64, YearMonth)> = Vec::new();
    for s in &stored {
        match runs.last_mut() {
            Some((_, to, m)) if *to + 1 == s.seq && *m == s.month => *to = s.seq,
            _ => runs.push((s.seq, s.seq, s.month)),
        }
    }
    for (from, to, month) in runs {
        let extended = tx
            .prepare_cached(
                "UPDATE event_months SET seq_to = ?3
                 WHERE kiosk_id = ?1 AND month = ?4 AND seq_to = ?2 - 1",
            )?
            .execute(params![kiosk_id, from, to, month_key(month)])?;
        if extended == 0 {
            tx.prepare_cached(
                "INSERT INTO event_months (kiosk_id, seq_from, seq_to, month)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![kiosk_id, from, to, month_key(month)])?;
        }
    }
    let mut dirty: BTreeSet<YearMonth> = BTreeSet::new();
    for s in &stored {
        let span = match s.session {
            Some(session) => {
                let (first, last): (i64, i64) = tx
                    .prepare_cached(
                        "INSERT INTO stats_sessions (session_id, first_month, last_month)
                         VALUES (?1, ?2, ?2)
                         ON CONFLICT (session_id) DO UPDATE SET
                           first_month = min(first_month, excluded.first_month),
                           last_month = max(last_month, excluded.last_month)
                         RETURNING first_month, last_month",
                    )?
                    .query_row(params![session.to_string(), month_key(s.month)], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                month_from_key(first).zip(month_from_key(last))
            }
            None => None,
        };
        for m in months_changed(s.month, span) {
            dirty.insert(m);
        }
    }
    let Some(center) = center else {
        return Ok(());
    };
    for month in dirty {
        tx.prepare_cached(
            "INSERT INTO stats_dirty_months (county, township, center_name, month, generation)
             VALUES (?1, ?2, ?3, ?4, 1)
             ON CONFLICT (county, township, center_name, month)
             DO UPDATE SET generation = generation + 1",
        )?
        .execute(params![
            center.county,
            center.township,
            center.center_name,
            month_key(month)
        ])?;
    }
    Ok(())
}
