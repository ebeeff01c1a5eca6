//! Work a schema migration cannot do in SQL: re-checking events stored before a rule
//! existed (so a server poisoned by an impossible time recovers on upgrade), and
//! signing course packages published before packages were signed.

use std::collections::HashMap;

use baeumteo_core::event::{Event, LearnerId};
use baeumteo_core::signing::sign_package;
use baeumteo_core::wire::{CenterInfo, event_time_problem};
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::events::{Stored, at_value, record_months};
use super::{learners, parse_time, signing_key};
use crate::authority::{LearnerHome, Verdict, judge};
use crate::db::DbError;
use crate::statistics::{session_of, stats_month};

/// One stored event as the re-check reads it.
struct Row {
    rowid: i64,
    kiosk_id: String,
    seq: u64,
    id: String,
    learner: Option<String>,
    at: String,
    json: String,
    offset: i64,
    center: CenterInfo,
}

/// Applies today's push rules to every stored event, in the order they were stored:
/// an event whose time is impossible, that cannot be read, or that changes a learner of
/// another county is moved to the conflicts table with the reason; `learners` is filled
/// from the registrations that stay. Every center's figures are recomputed afterwards.
pub(super) fn recheck_stored_events(tx: &Transaction, now: DateTime<Utc>) -> Result<u64, DbError> {
    // Streamed: a county's years of events are not held in memory at once, only the few
    // rows to move. Inserting into `learners` while reading `events` is fine in SQLite.
    let mut homes: HashMap<LearnerId, LearnerHome> = HashMap::new();
    let mut to_move: Vec<(Row, String)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT e.rowid, e.kiosk_id, e.seq, e.id, e.learner_id, e.at, e.event,
                    e.clock_offset_ms, k.county, k.township, k.center_name
             FROM events e JOIN kiosks k ON k.kiosk_id = e.kiosk_id ORDER BY e.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Row {
                rowid: r.get(0)?,
                kiosk_id: r.get(1)?,
                seq: r.get(2)?,
                id: r.get(3)?,
                learner: r.get(4)?,
                at: r.get(5)?,
                json: r.get(6)?,
                offset: r.get(7)?,
                center: CenterInfo {
                    county: r.get(8)?,
                    township: r.get(9)?,
                    center_name: r.get(10)?,
                },
            })
        })?;
        for row in rows {
            let row = row?;
            let reason = match (
                serde_json::from_str::<Event>(&row.json),
                parse_time(&row.at),
            ) {
                (Ok(event), Ok(_)) => match event_time_problem(event.at, row.offset, now) {
                    Some(problem) => Some(problem),
                    None => {
                        let home = event.body.learner_id().and_then(|l| homes.get(&l));
                        match judge(&event, &row.center, home) {
                            Verdict::Accept => None,
                            Verdict::AcceptNewLearner(l) => {
                                learners::record_home(tx, l, &row.center, &row.kiosk_id)?;
                                homes.insert(
                                    l,
                                    LearnerHome {
                                        center: row.center.clone(),
                                    },
                                );
                                None
                            }
                            Verdict::Refuse(reason) => Some(reason),
                        }
                    }
                },
                (Err(e), _) => Some(format!("the stored event cannot be read: {e}")),
                (_, Err(e)) => Some(format!("the stored time cannot be read: {e}")),
            };
            if let Some(reason) = reason {
                to_move.push((row, reason));
            }
        }
    }
    let moved = to_move.len() as u64;
    for (row, reason) in to_move {
        learners::set_aside_json(
            tx,
            &row.kiosk_id,
            row.seq,
            &row.id,
            row.learner.as_deref(),
            &row.json,
            &format!("moved aside on upgrade: {reason}"),
            now,
        )?;
        tx.execute("DELETE FROM changes WHERE event_id = ?1", [&row.id])?;
        tx.execute("DELETE FROM certificates WHERE event_id = ?1", [&row.id])?;
        tx.execute("DELETE FROM events WHERE rowid = ?1", [row.rowid])?;
    }
    if moved > 0 {
        tracing::warn!(
            moved,
            "events stored before the hardening rules were moved aside"
        );
    }
    tx.execute(
        "INSERT INTO stats_dirty (county, township, center_name, generation)
         SELECT DISTINCT county, township, center_name, 1 FROM kiosks WHERE true
         ON CONFLICT (county, township, center_name) DO UPDATE SET generation = generation + 1",
        [],
    )?;
    Ok(moved)
}

/// Signs every package published before packages were signed.
pub(super) fn sign_unsigned_courses(tx: &Transaction) -> Result<(), DbError> {
    let unsigned: Vec<(String, u32, Vec<u8>)> = tx
        .prepare("SELECT course_id, version, package FROM courses WHERE signature = ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if unsigned.is_empty() {
        return Ok(());
    }
    let key = signing_key(tx)?;
    for (course_id, version, package) in unsigned {
        tx.execute(
            "UPDATE courses SET signature = ?3 WHERE course_id = ?1 AND version = ?2",
            params![course_id, version, sign_package(&key, &package)],
        )?;
    }
    Ok(())
}

/// Rewrites every event of a store older than migration 0006 into the compact table,
/// in the order they were stored (the rowid order that learner profiles are read in):
/// the body as JSON, the time as an integer, receive time and clock offset once per
/// push; and builds the statistics' month runs and session months from them. An event
/// that cannot be read is moved to the conflicts table with the reason, as the re-check
/// does. The cached figures stay: they are those of the same events.
pub(super) fn compact_events(tx: &Transaction, now: DateTime<Utc>) -> Result<u64, DbError> {
    let mut receipts: HashMap<(String, i64), i64> = HashMap::new();
    let mut stored: HashMap<String, Vec<Stored>> = HashMap::new();
    let mut moved = 0;
    {
        let mut read = tx.prepare(
            "SELECT kiosk_id, seq, id, learner_id, event, received_at, clock_offset_ms
             FROM events ORDER BY rowid",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let (kiosk_id, seq, id): (String, u64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let learner: Option<String> = r.get(3)?;
            let json: String = r.get(4)?;
            let (received_at, offset): (String, i64) = (r.get(5)?, r.get(6)?);
            let event = match serde_json::from_str::<Event>(&json) {
                Ok(e) => e,
                Err(e) => {
                    learners::set_aside_json(
                        tx,
                        &kiosk_id,
                        seq,
                        &id,
                        learner.as_deref(),
                        &json,
                        &format!("moved aside on upgrade: the stored event cannot be read: {e}"),
                        now,
                    )?;
                    tx.execute("DELETE FROM changes WHERE event_id = ?1", [&id])?;
                    tx.execute("DELETE FROM certificates WHERE event_id = ?1", [&id])?;
                    moved += 1;
                    continue;
                }
            };
            let receipt = match receipts.get(&(received_at.clone(), offset)) {
                Some(id) => *id,
                None => {
                    // An unreadable receive time is not worth losing the event over.
                    let micros = parse_time(&received_at)
                        .map(|t| t.timestamp_micros())
                        .unwrap_or(0);
                    tx.execute(
                        "INSERT INTO receipts (received_at, clock_offset_ms) VALUES (?1, ?2)",
                        params![micros, offset],
                    )?;
                    let id = tx.last_insert_rowid();
                    receipts.insert((received_at, offset), id);
                    id
                }
            };
            // The old row's columns are kept where they differ from its JSON (a
            // redacted copy, a moved kiosk): they were what the server answered with.
            tx.prepare_cached(
                "INSERT INTO events_compact (kiosk_id, seq, id, at, kind, learner_id, body,
                 receipt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                kiosk_id,
                seq,
                id,
                at_value(event.at)?,
                event.body.kind(),
                learner,
                serde_json::to_string(&event.body)?,
                receipt
            ])?;
            stored.entry(kiosk_id).or_default().push(Stored {
                seq,
                month: stats_month(&event, offset),
                session: session_of(&event.body),
            });
        }
    }
    for (kiosk_id, rows) in stored {
        // No center: the months are not marked dirty, the figures held are current.
        record_months(tx, &kiosk_id, None, rows)?;
    }
    // The index by learner of every event goes: only profile events are looked up by
    // learner (names, erasure), and the index of those now covers erasures too.
    tx.execute_batch(
        "DROP TABLE events;
         ALTER TABLE events_compact RENAME TO events;
         CREATE INDEX events_learner_profiles ON events (learner_id, kind)
         WHERE kind IN ('learner_registered', 'learner_updated', 'learner_erased');",
    )?;
    if moved > 0 {
        tracing::warn!(moved, "unreadable events were moved aside on upgrade");
    }
    Ok(moved)
}
