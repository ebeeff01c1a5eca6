//! Learners' homes and refused events: the storage side of `crate::authority` and of the
//! time window, shared by push and by the upgrade that re-checks old rows.

use baeumteo_core::event::{Event, LearnerId};
use baeumteo_core::wire::CenterInfo;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{fmt_time, read_center};
use crate::authority::LearnerHome;
use crate::db::DbError;

pub(super) fn home(tx: &Transaction, learner: LearnerId) -> Result<Option<LearnerHome>, DbError> {
    Ok(tx
        .prepare_cached("SELECT county, township, center_name FROM learners WHERE learner_id = ?1")?
        .query_row([learner.to_string()], |r| {
            Ok(LearnerHome {
                center: read_center(r)?,
            })
        })
        .optional()?)
}

pub(super) fn record_home(
    tx: &Transaction,
    learner: LearnerId,
    center: &CenterInfo,
    kiosk_id: &str,
) -> Result<(), DbError> {
    tx.prepare_cached(
        "INSERT INTO learners (learner_id, county, township, center_name, kiosk_id)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (learner_id) DO NOTHING",
    )?
    .execute(params![
        learner.to_string(),
        center.county,
        center.township,
        center.center_name,
        kiosk_id
    ])?;
    Ok(())
}

/// A refused event held under (kiosk, seq): its id and reason.
pub(super) fn refused_at(
    tx: &Transaction,
    kiosk_id: &str,
    seq: u64,
) -> Result<Option<(String, String)>, DbError> {
    Ok(tx
        .prepare_cached(
            "SELECT incoming_id, reason FROM conflicts
             WHERE kiosk_id = ?1 AND seq = ?2 AND existing_id IS NULL LIMIT 1",
        )?
        .query_row(params![kiosk_id, seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Keeps a refused event aside with its reason (never in statistics, pages or pulls).
pub(super) fn set_aside(
    tx: &Transaction,
    kiosk_id: &str,
    event: &Event,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    set_aside_json(
        tx,
        kiosk_id,
        event.seq,
        &event.id.to_string(),
        event.body.learner_id().map(|l| l.to_string()).as_deref(),
        &serde_json::to_string(event)?,
        reason,
        now,
    )
}

#[allow(clippy::too_many_arguments)]
pub(super) fn set_aside_json(
    tx: &Transaction,
    kiosk_id: &str,
    seq: u64,
    id: &str,
    learner: Option<&str>,
    json: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tracing::warn!(kiosk = %kiosk_id, seq, %reason, "event refused and kept aside");
    tx.prepare_cached(
        "INSERT INTO conflicts (kiosk_id, seq, incoming_id, existing_id, learner_id, event,
         reason, received_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        kiosk_id,
        seq,
        id,
        learner,
        json,
        reason,
        fmt_time(now)
    ])?;
    Ok(())
}
