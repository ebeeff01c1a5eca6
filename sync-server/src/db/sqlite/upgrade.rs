//! Work a schema migration cannot do in SQL: re-checking events stored before a rule
//! existed (so a server poisoned by an impossible time recovers on upgrade), and
//! signing course packages published before packages were signed.

use std::collections::HashMap;

use baeumteo_core::event::{Event, LearnerId};
use baeumteo_core::signing::sign_package;
use baeumteo_core::wire::{CenterInfo, event_time_problem};
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::{learners, parse_time, signing_key};
use crate::authority::{LearnerHome, Verdict, judge};
use crate::db::DbError;

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
