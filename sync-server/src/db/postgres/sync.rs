//! What kiosks push and pull: storing a batch each event at most once (with the
//! authority, erasure and statistics bookkeeping the SQLite store keeps, see
//! ../sqlite.rs), and the change feed. The locking that makes concurrent pushes safe is
//! described in the parent module.

use std::collections::{HashMap, HashSet};

use baeumteo_core::event::{Event, EventBody, KioskId, LearnerId};
use baeumteo_core::wire::{
    CenterPage, Conflict, CourseUpdate, KioskMark, NOT_IN_CENTER_PAGE, Rejection,
};
use chrono::{DateTime, Utc};
use postgres::Transaction;
use uuid::Uuid;

use super::{
    CHANGES_LOCK, LEARNER_LOCKS, PostgresDatabase, SHARED_KINDS, county, events, read_center,
    to_i64, to_u64,
};
use crate::authority::{self, LearnerHome, Verdict};
use crate::db::{
    AtSeq, DbError, FeedItem, FeedPage, Incoming, KioskRecord, PushOutcome, PushStep, SyncMeta,
    push_step,
};

/// The advisory lock key of a learner: 32 bits of the id's random tail. Two learners
/// sharing a key only wait for each other.
fn learner_lock(learner: LearnerId) -> i32 {
    let b = learner.as_bytes();
    i32::from_be_bytes([b[12], b[13], b[14], b[15]])
}

/// Removes the personal data of an erased learner from every stored event and conflict.
fn redact_learner(
    tx: &mut Transaction,
    learner: LearnerId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        "INSERT INTO erased_learners (learner_id, erased_at) VALUES ($1, $2)
         ON CONFLICT (learner_id) DO NOTHING",
        &[&learner, &now],
    )?;
    let rows = tx.query(
        "SELECT id, body FROM events
         WHERE learner_id = $1
           AND kind IN ('learner_registered', 'learner_updated', 'learner_erased')",
        &[&learner],
    )?;
    for row in rows {
        let (id, json): (Uuid, String) = (row.try_get(0)?, row.try_get(1)?);
        let body: EventBody = serde_json::from_str(&json)?;
        if let Some(redacted) = body.redacted() {
            tx.execute(
                "UPDATE events SET body = $1 WHERE id = $2",
                &[&serde_json::to_string(&redacted)?, &id],
            )?;
        }
    }
    let rows = tx.query(
        "SELECT id, event FROM conflicts WHERE learner_id = $1",
        &[&learner],
    )?;
    for row in rows {
        let (id, json): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
        let mut event: Event = serde_json::from_str(&json)?;
        if let Some(redacted) = event.body.redacted() {
            event.body = redacted;
            tx.execute(
                "UPDATE conflicts SET event = $1 WHERE id = $2",
                &[&serde_json::to_string(&event)?, &id],
            )?;
        }
    }
    Ok(())
}

/// Advances the kiosk's contiguous high-water mark over the seqs now held.
fn advance_acked(tx: &mut Transaction, kiosk_id: KioskId, from: i64) -> Result<u64, DbError> {
    // Seqs held: stored events, and refused events kept aside (see `PushOutcome`).
    let rows = tx.query(
        "SELECT seq FROM events WHERE kiosk_id = $1 AND seq > $2
         UNION SELECT seq FROM conflicts WHERE kiosk_id = $1 AND seq > $2 AND existing_id IS NULL
         ORDER BY seq",
        &[&kiosk_id, &from],
    )?;
    let mut acked = from;
    for row in rows {
        if row.try_get::<_, i64>(0)? != acked + 1 {
            break;
        }
        acked += 1;
    }
    tx.execute(
        "UPDATE kiosks SET acked_seq = $2 WHERE kiosk_id = $1",
        &[&kiosk_id, &acked],
    )?;
    to_u64(acked)
}

fn record_sync(tx: &mut Transaction, kiosk_id: KioskId, meta: SyncMeta) -> Result<(), DbError> {
    tx.execute(
        "UPDATE kiosks SET last_sync_at = $2, last_clock_offset_ms = $3 WHERE kiosk_id = $1",
        &[&kiosk_id, &meta.received_at, &meta.clock_offset_ms],
    )?;
    Ok(())
}

/// Keeps a refused event aside with its reason (never in statistics, pages or pulls).
fn set_aside(
    tx: &mut Transaction,
    kiosk_id: KioskId,
    event: &Event,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tracing::warn!(kiosk = %kiosk_id, seq = event.seq, %reason, "event refused and kept aside");
    tx.execute(
        "INSERT INTO conflicts (kiosk_id, seq, incoming_id, existing_id, learner_id, event,
         reason, received_at) VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)",
        &[
            &kiosk_id,
            &to_i64(event.seq)?,
            &event.id,
            &event.body.learner_id(),
            &serde_json::to_string(event)?,
            &reason,
            &now,
        ],
    )?;
    Ok(())
}

/// What a push needs to know about what is already stored, read once for the whole
/// batch (one query each instead of several per event) and kept up to date as the
/// batch is stored. The kiosk's row lock and the learners' advisory locks keep it true.
struct Held {
    by_seq: HashMap<u64, Event>,
    refused: HashMap<u64, (Uuid, String)>,
    ids: HashSet<Uuid>,
    homes: HashMap<LearnerId, LearnerHome>,
    erased: HashSet<LearnerId>,
}

impl Held {
    fn read(tx: &mut Transaction, kiosk_id: KioskId, batch: &[Incoming]) -> Result<Held, DbError> {
        let seqs: Vec<i64> = batch
            .iter()
            .map(|i| to_i64(i.event.seq))
            .collect::<Result<_, _>>()?;
        let ids: Vec<Uuid> = batch.iter().map(|i| i.event.id).collect();
        let mut learners: Vec<Uuid> = batch
            .iter()
            .filter_map(|i| {
                authority::learner_in_question(&i.event.body).or(i.event.body.learner_id())
            })
            .collect();
        learners.sort();
        learners.dedup();
        let mut by_seq = HashMap::new();
        let rows = tx.query(
            &format!(
                "SELECT {} FROM events e WHERE e.kiosk_id = $1 AND e.seq = ANY($2)",
                events::EVENT_COLUMNS
            ),
            &[&kiosk_id, &seqs],
        )?;
        for row in rows {
            let event = events::event_from(&row, 0)?;
            by_seq.insert(event.seq, event);
        }
        let mut refused = HashMap::new();
        for row in tx.query(
            "SELECT DISTINCT ON (seq) seq, incoming_id, reason FROM conflicts
             WHERE kiosk_id = $1 AND seq = ANY($2) AND existing_id IS NULL ORDER BY seq, id",
            &[&kiosk_id, &seqs],
        )? {
            refused.insert(to_u64(row.try_get(0)?)?, (row.try_get(1)?, row.try_get(2)?));
        }
        let mut held_ids = HashSet::new();
        for row in tx.query("SELECT id FROM events WHERE id = ANY($1)", &[&ids])? {
            held_ids.insert(row.try_get(0)?);
        }
        let mut homes = HashMap::new();
        for row in tx.query(
            "SELECT learner_id, county, township, center_name FROM learners
             WHERE learner_id = ANY($1)",
            &[&learners],
        )? {
            homes.insert(
                row.try_get(0)?,
                LearnerHome {
                    center: read_center(&row, 1)?,
                },
            );
        }
        let mut erased = HashSet::new();
        for row in tx.query(
            "SELECT learner_id FROM erased_learners WHERE learner_id = ANY($1)",
            &[&learners],
        )? {
            erased.insert(row.try_get(0)?);
        }
        Ok(Held {
            by_seq,
            refused,
            ids: held_ids,
            homes,
            erased,
        })
    }
}

/// Locks every learner a batch is about, in one order for every push (no deadlock).
fn lock_learners(tx: &mut Transaction, batch: &[Incoming]) -> Result<(), DbError> {
    let mut keys: Vec<i32> = batch
        .iter()
        .filter_map(|i| authority::learner_in_question(&i.event.body).or(i.event.body.learner_id()))
        .map(learner_lock)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    if !keys.is_empty() {
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, k)
             FROM unnest($2::int4[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
            &[&LEARNER_LOCKS, &keys],
        )?;
    }
    Ok(())
}

pub(super) fn push(
    db: &PostgresDatabase,
    kiosk: &KioskRecord,
    batch: &[Incoming],
    meta: SyncMeta,
) -> Result<PushOutcome, DbError> {
    let kiosk_id = kiosk.kiosk_id;
    let mut conn = db.conn()?;
    let mut tx = conn.transaction()?;
    // Pushes of one kiosk (a retry racing the original) follow each other.
    let acked: i64 = tx
        .query_one(
            "SELECT acked_seq FROM kiosks WHERE kiosk_id = $1 FOR UPDATE",
            &[&kiosk_id],
        )?
        .try_get(0)?;
    lock_learners(&mut tx, batch)?;
    let mut held = Held::read(&mut tx, kiosk_id, batch)?;
    let mut outcome = PushOutcome::default();
    let mut pending = events::Pending::default();
    let mut receipt: Option<i64> = None;
    let mut changes_locked = false;
    for incoming in batch {
        let (index, event) = (incoming.index, &incoming.event);
        let refusal = |reason: String| Rejection {
            index,
            seq: Some(event.seq),
            id: Some(event.id),
            reason,
        };
        let at_seq = match (held.by_seq.get(&event.seq), held.refused.get(&event.seq)) {
            (Some(stored), _) => AtSeq::Stored(stored),
            (None, Some((id, reason))) => AtSeq::Refused(*id, reason),
            (None, None) => AtSeq::Nothing,
        };
        let step = push_step(
            incoming,
            &kiosk.center,
            at_seq,
            || Ok(held.ids.contains(&event.id)),
            |learner| Ok(held.homes.get(&learner).cloned()),
        )?;
        let verdict = match step {
            PushStep::Duplicate => {
                outcome.duplicates += 1;
                continue;
            }
            PushStep::RefusedAgain(reason) => {
                outcome.refused.push(refusal(reason));
                continue;
            }
            PushStep::Conflict {
                existing_id,
                reason,
            } => {
                tx.execute(
                    "INSERT INTO conflicts (kiosk_id, seq, incoming_id, existing_id, learner_id,
                     event, reason, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    &[
                        &kiosk_id,
                        &to_i64(event.seq)?,
                        &event.id,
                        &existing_id,
                        &event.body.learner_id(),
                        &serde_json::to_string(event)?,
                        &reason,
                        &meta.received_at,
                    ],
                )?;
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
                tx.execute(
                    "INSERT INTO learners (learner_id, county, township, center_name, kiosk_id)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (learner_id) DO NOTHING",
                    &[
                        &learner,
                        &kiosk.center.county,
                        &kiosk.center.township,
                        &kiosk.center.center_name,
                        &kiosk_id,
                    ],
                )?;
                held.homes.entry(learner).or_insert(LearnerHome {
                    center: kiosk.center.clone(),
                });
            }
            Verdict::Refuse(reason) => {
                set_aside(&mut tx, kiosk_id, event, &reason, meta.received_at)?;
                held.refused.insert(event.seq, (event.id, reason.clone()));
                outcome.refused.push(refusal(reason));
                continue;
            }
        }
        let mut stored = event.clone();
        if let Some(learner) = event.body.learner_id()
            && held.erased.contains(&learner)
            && let Some(redacted) = stored.body.redacted()
        {
            stored.body = redacted;
        }
        let receipt_id = match receipt {
            Some(id) => id,
            None => *receipt.insert(events::new_receipt(&mut tx, meta)?),
        };
        pending.add(&stored, receipt_id, meta.clock_offset_ms)?;
        county::index_certificate(&mut tx, &stored, meta.clock_offset_ms)?;
        if let EventBody::LearnerErased { learner_id } = &stored.body {
            // The redaction rewrites stored rows: this batch's go in first.
            pending.flush(&mut tx)?;
            redact_learner(&mut tx, *learner_id, meta.received_at)?;
            held.erased.insert(*learner_id);
        }
        if SHARED_KINDS.contains(&stored.body.kind()) {
            if !changes_locked {
                tx.execute(
                    "SELECT pg_advisory_xact_lock($1, $2)",
                    &[&CHANGES_LOCK.0, &CHANGES_LOCK.1],
                )?;
                changes_locked = true;
            }
            tx.execute(
                "INSERT INTO changes (county, origin, event_id) VALUES ($1, $2, $3)",
                &[&kiosk.center.county, &kiosk_id, &stored.id],
            )?;
        }
        held.ids.insert(stored.id);
        held.by_seq.insert(stored.seq, stored);
        outcome.stored += 1;
    }
    pending.flush(&mut tx)?;
    let months = std::mem::take(&mut pending.stored);
    if !months.is_empty() {
        events::record_months(&mut tx, kiosk_id, Some(&kiosk.center), months)?;
    }
    outcome.acked_seq = advance_acked(&mut tx, kiosk_id, acked)?;
    record_sync(&mut tx, kiosk_id, meta)?;
    tx.commit()?;
    Ok(outcome)
}

pub(super) fn pull(
    db: &PostgresDatabase,
    kiosk: &KioskRecord,
    cursor: u64,
    limit: u32,
    meta: SyncMeta,
) -> Result<FeedPage, DbError> {
    let kiosk_id = kiosk.kiosk_id;
    let mut conn = db.conn()?;
    let mut tx = conn.transaction()?;
    let rows = tx.query(
        &format!(
            "SELECT c.cursor, {}, c.course_id, c.course_version,
                    l.county, l.township, l.center_name
             FROM changes c LEFT JOIN events e ON e.id = c.event_id
                  LEFT JOIN learners l ON l.learner_id = e.learner_id
             WHERE c.cursor > $1 AND (c.county = $2 OR c.county IS NULL)
               AND (c.origin IS NULL OR c.origin <> $3)
             ORDER BY c.cursor LIMIT $4",
            events::EVENT_COLUMNS
        ),
        &[
            &to_i64(cursor)?,
            &kiosk.center.county,
            &kiosk_id,
            &i64::from(limit),
        ],
    )?;
    let more = rows.len() as u64 == u64::from(limit);
    let mut next_cursor = cursor;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let c = to_u64(row.try_get(0)?)?;
        next_cursor = c;
        let event_id: Option<Uuid> = row.try_get(1)?;
        let course_id: Option<String> = row.try_get(6)?;
        let version: Option<i64> = row.try_get(7)?;
        let item = if event_id.is_some() {
            // One unreadable row must not stop every kiosk's sync: skip it.
            let mut event = match events::event_from(&row, 1) {
                Ok(e) => e,
                Err(e) => {
                    tracing::error!(cursor = c, error = %e, "unreadable change skipped");
                    continue;
                }
            };
            let county: Option<String> = row.try_get(8)?;
            let home = match county {
                Some(_) => Some(LearnerHome {
                    center: read_center(&row, 8)?,
                }),
                None => None,
            };
            event.body = authority::shared_body(&event.body, home.as_ref(), &kiosk.center);
            FeedItem::Event(event)
        } else if let (Some(course_id), Some(version)) = (course_id, version) {
            let r = tx.query_one(
                "SELECT sha256, size, signature FROM courses
                 WHERE course_id = $1 AND version = $2",
                &[&course_id, &version],
            )?;
            FeedItem::Course(CourseUpdate {
                course_id,
                version: u32::try_from(version)
                    .map_err(|_| DbError::BadRow(format!("course version {version}")))?,
                sha256: r.try_get(0)?,
                size: to_u64(r.try_get(1)?)?,
                signature: r.try_get(2)?,
            })
        } else {
            tracing::error!(cursor = c, "change points at nothing; skipped");
            continue;
        };
        items.push((c, item));
    }
    record_sync(&mut tx, kiosk_id, meta)?;
    tx.commit()?;
    Ok(FeedPage {
        items,
        next_cursor,
        more,
    })
}

pub(super) fn center_events_after(
    db: &PostgresDatabase,
    kiosk: &KioskRecord,
    marks: &[KioskMark],
    limit: u32,
) -> Result<CenterPage, DbError> {
    let mut conn = db.conn()?;
    let c = &kiosk.center;
    let mut kiosks = Vec::new();
    for row in conn.query(
        "SELECT kiosk_id, acked_seq FROM kiosks
         WHERE county = $1 AND township = $2 AND center_name = $3 AND kiosk_id <> $4
         ORDER BY kiosk_id",
        &[&c.county, &c.township, &c.center_name, &kiosk.kiosk_id],
    )? {
        kiosks.push((row.try_get::<_, Uuid>(0)?, to_u64(row.try_get(1)?)?));
    }
    let skipped: Vec<String> = NOT_IN_CENTER_PAGE.iter().map(|k| k.to_string()).collect();
    let sql = format!(
        "SELECT {} FROM events e
         WHERE e.kiosk_id = $1 AND e.seq > $2 AND e.seq <= $3 AND NOT (e.kind = ANY($4))
         ORDER BY e.seq LIMIT $5",
        events::EVENT_COLUMNS
    );
    crate::db::center_page(&kiosks, marks, limit, |kiosk_id, after, upto, room| {
        let rows = conn.query(
            &sql,
            &[
                &kiosk_id,
                &to_i64(after)?,
                &to_i64(upto)?,
                &skipped,
                &i64::from(room),
            ],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            // One unreadable row must not stop the center's sync: skip it.
            match events::event_from(&row, 0) {
                Ok(e) => out.push(e),
                Err(e) => {
                    tracing::error!(kiosk = %kiosk_id, error = %e, "unreadable event skipped")
                }
            }
        }
        Ok(out)
    })
}
