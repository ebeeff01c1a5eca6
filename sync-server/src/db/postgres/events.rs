//! The events table and the statistics' bookkeeping kept with it (the same shape as the
//! SQLite store's, see ../sqlite/events.rs). A push's events go in with one statement.

use std::collections::{BTreeMap, BTreeSet};

use baeumteo_core::event::{Event, EventBody, KioskId, SessionId};
use baeumteo_core::projection::YearMonth;
use baeumteo_core::wire::CenterInfo;
use chrono::{DateTime, Utc};
use postgres::{Row, Transaction};

use super::{to_i64, to_u64};
use crate::db::{DbError, SyncMeta};
use crate::statistics::months_changed;

/// The columns `event_from` reads, from a table aliased `e`.
pub(super) const EVENT_COLUMNS: &str = "e.id, e.kiosk_id, e.seq, e.at_ns, e.body";

/// An event from the five `EVENT_COLUMNS` starting at `first` (NULL after an outer join
/// is a damaged row, as is a body that does not decode).
pub(super) fn event_from(r: &Row, first: usize) -> Result<Event, DbError> {
    let need = |what: &str| DbError::BadRow(format!("event without {what}"));
    let body: String = r
        .try_get::<_, Option<String>>(first + 4)?
        .ok_or_else(|| need("body"))?;
    Ok(Event {
        id: r
            .try_get::<_, Option<_>>(first)?
            .ok_or_else(|| need("id"))?,
        kiosk_id: r
            .try_get::<_, Option<_>>(first + 1)?
            .ok_or_else(|| need("kiosk"))?,
        seq: to_u64(
            r.try_get::<_, Option<i64>>(first + 2)?
                .ok_or_else(|| need("seq"))?,
        )?,
        at: DateTime::from_timestamp_nanos(
            r.try_get::<_, Option<i64>>(first + 3)?
                .ok_or_else(|| need("time"))?,
        ),
        body: serde_json::from_str::<EventBody>(&body)?,
    })
}

/// A kiosk time as stored: unix nanoseconds. The door refuses times that do not fit
/// (years before 1678 or after 2261), so such an event is never stored.
pub(super) fn at_ns(at: DateTime<Utc>) -> Result<i64, DbError> {
    at.timestamp_nanos_opt()
        .ok_or_else(|| DbError::BadRow(format!("event time {at} out of range")))
}

/// Runs a query selecting `EVENT_COLUMNS` then the clock offset, and decodes the events.
/// A row that does not decode is logged and left out, so figures and pages still come.
pub(super) fn events_with_offsets(rows: Vec<Row>) -> Result<Vec<(Event, i64)>, DbError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let offset: i64 = row.try_get(5)?;
        match event_from(&row, 0) {
            Ok(e) => out.push((e, offset)),
            Err(e) => tracing::error!(error = %e, "stored event skipped"),
        }
    }
    Ok(out)
}

/// Records a push's receive time and clock offset once, for the events it stores.
pub(super) fn new_receipt(tx: &mut Transaction, meta: SyncMeta) -> Result<i64, DbError> {
    Ok(tx
        .query_one(
            "INSERT INTO receipts (received_at, clock_offset_ms) VALUES ($1, $2) RETURNING id",
            &[&meta.received_at, &meta.clock_offset_ms],
        )?
        .try_get(0)?)
}

/// One stored event as the statistics' bookkeeping sees it.
pub(super) struct Stored {
    pub kiosk: KioskId,
    pub seq: u64,
    pub month: YearMonth,
    pub session: Option<SessionId>,
}

/// Events of a push waiting to be inserted together, and what the bookkeeping needs of
/// every event stored.
#[derive(Default)]
pub(super) struct Pending {
    kiosk: Vec<KioskId>,
    seq: Vec<i64>,
    id: Vec<uuid::Uuid>,
    at: Vec<i64>,
    kind: Vec<&'static str>,
    learner: Vec<Option<uuid::Uuid>>,
    body: Vec<String>,
    receipt: Vec<i64>,
    pub stored: Vec<Stored>,
}

impl Pending {
    pub fn add(
        &mut self,
        event: &Event,
        receipt: i64,
        clock_offset_ms: i64,
    ) -> Result<(), DbError> {
        self.kiosk.push(event.kiosk_id);
        self.seq.push(to_i64(event.seq)?);
        self.id.push(event.id);
        self.at.push(at_ns(event.at)?);
        self.kind.push(event.body.kind());
        self.learner.push(event.body.learner_id());
        self.body.push(serde_json::to_string(&event.body)?);
        self.receipt.push(receipt);
        self.stored.push(Stored {
            kiosk: event.kiosk_id,
            seq: event.seq,
            month: crate::statistics::stats_month(event, clock_offset_ms),
            session: crate::statistics::session_of(&event.body),
        });
        Ok(())
    }

    /// Inserts the waiting events, in the order they were added (their `arrival`).
    pub fn flush(&mut self, tx: &mut Transaction) -> Result<(), DbError> {
        if self.id.is_empty() {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO events (kiosk_id, seq, id, at_ns, kind, learner_id, body, receipt)
             SELECT k, s, i, a, t, l, b, r
             FROM unnest($1::uuid[], $2::int8[], $3::uuid[], $4::int8[], $5::text[],
                         $6::uuid[], $7::text[], $8::int8[])
                  WITH ORDINALITY AS x(k, s, i, a, t, l, b, r, n)
             ORDER BY n",
            &[
                &self.kiosk,
                &self.seq,
                &self.id,
                &self.at,
                &self.kind,
                &self.learner,
                &self.body,
                &self.receipt,
            ],
        )?;
        self.kiosk.clear();
        self.seq.clear();
        self.id.clear();
        self.at.clear();
        self.kind.clear();
        self.learner.clear();
        self.body.clear();
        self.receipt.clear();
        Ok(())
    }
}

pub(super) fn month_key(m: YearMonth) -> i32 {
    m.year * 100 + m.month as i32
}

pub(super) fn month_from_key(k: i32) -> Option<YearMonth> {
    YearMonth::new(k / 100, u32::try_from(k % 100).ok()?)
}

/// Keeps the month runs and session spans of newly stored events of one kiosk, and
/// marks the center's months they change dirty (`months_changed`), as the SQLite store
/// does. A session's span is widened once per push with all its events' months: the
/// months marked are the same as widening it event by event (each span is within the
/// last one, which every event's marks are within).
pub(super) fn record_months(
    tx: &mut Transaction,
    kiosk_id: KioskId,
    center: Option<&CenterInfo>,
    mut stored: Vec<Stored>,
) -> Result<(), DbError> {
    stored.sort_by_key(|s| s.seq);
    let mut runs: Vec<(u64, u64, YearMonth)> = Vec::new();
    for s in &stored {
        match runs.last_mut() {
            Some((_, to, m)) if *to + 1 == s.seq && *m == s.month => *to = s.seq,
            _ => runs.push((s.seq, s.seq, s.month)),
        }
    }
    for (from, to, month) in runs {
        let (from, to) = (to_i64(from)?, to_i64(to)?);
        let extended = tx.execute(
            "UPDATE event_months SET seq_to = $3
             WHERE kiosk_id = $1 AND month = $4 AND seq_to = $2::int8 - 1",
            &[&kiosk_id, &from, &to, &month_key(month)],
        )?;
        if extended == 0 {
            tx.execute(
                "INSERT INTO event_months (kiosk_id, seq_from, seq_to, month)
                 VALUES ($1, $2, $3, $4)",
                &[&kiosk_id, &from, &to, &month_key(month)],
            )?;
        }
    }
    let mut sessions: BTreeMap<SessionId, (YearMonth, YearMonth)> = BTreeMap::new();
    let mut dirty: BTreeSet<YearMonth> = BTreeSet::new();
    for s in &stored {
        match s.session {
            Some(session) => {
                let span = sessions.entry(session).or_insert((s.month, s.month));
                span.0 = span.0.min(s.month);
                span.1 = span.1.max(s.month);
            }
            None => {
                dirty.insert(s.month);
            }
        }
    }
    for (session, (first, last)) in sessions {
        let row = tx.query_one(
            "INSERT INTO stats_sessions (session_id, first_month, last_month)
             VALUES ($1, $2, $3)
             ON CONFLICT (session_id) DO UPDATE SET
               first_month = LEAST(stats_sessions.first_month, excluded.first_month),
               last_month = GREATEST(stats_sessions.last_month, excluded.last_month)
             RETURNING first_month, last_month",
            &[&session, &month_key(first), &month_key(last)],
        )?;
        let span = month_from_key(row.try_get(0)?).zip(month_from_key(row.try_get(1)?));
        dirty.extend(months_changed(first, span));
        dirty.extend(months_changed(last, span));
    }
    let Some(center) = center else {
        return Ok(());
    };
    for month in dirty {
        tx.execute(
            "INSERT INTO stats_dirty_months (county, township, center_name, month, generation)
             VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (county, township, center_name, month)
             DO UPDATE SET generation = stats_dirty_months.generation + 1",
            &[
                &center.county,
                &center.township,
                &center.center_name,
                &month_key(month),
            ],
        )?;
    }
    Ok(())
}
