//! Pulled batches: the change feed's events and the center's own events (other kiosks of
//! this center, see `wire::CenterPage`), each batch stored in one transaction, with how
//! far the kiosk now holds each other kiosk of its center.
//!
//! The events are stored as another kiosk's (`local = 0`, their own `kiosk_id` and
//! `seq`), so they are never pushed (push sends only this kiosk's seqs) and never clash
//! with this kiosk's seqs; the projections read them like any event of the log.

use baeumteo_core::event::Event;
use baeumteo_core::wire::KioskMark;
use rusqlite::params;
use uuid::Uuid;

use super::{Store, StoreError, insert_foreign_in};

/// The settings key of the marks (JSON list of `KioskMark`).
const MARKS_KEY: &str = "sync.center_marks";

/// What became of one pulled event.
#[derive(Debug)]
pub enum Applied {
    New,
    /// Held already (or this kiosk's own echo).
    Held,
    /// Not stored: a conflict or a refusal (see `StoreError::Conflict`, `Refused`).
    NotStored(StoreError),
}

impl Store {
    /// How far this kiosk holds each other kiosk of its center, as last reported.
    pub fn center_marks(&self) -> Result<Vec<KioskMark>, StoreError> {
        match self.setting(MARKS_KEY)? {
            None => Ok(Vec::new()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| StoreError::BadRow(format!("center marks {json:?}: {e}"))),
        }
    }

    /// Stores a pulled batch in one transaction and moves the center marks forward:
    /// all of it or none (a crash means pulling the batch again, which is harmless).
    /// A conflict or a refused event is reported for that event, not for the batch.
    pub fn apply_pulled(
        &mut self,
        events: &[&Event],
        marks: &[KioskMark],
    ) -> Result<Vec<Applied>, StoreError> {
        let own = self.kiosk_id;
        let mut held = self.center_marks()?;
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            out.push(match insert_foreign_in(&tx, own, event) {
                Ok(true) => Applied::New,
                Ok(false) => Applied::Held,
                Err(e @ (StoreError::Conflict { .. } | StoreError::Refused { .. })) => {
                    Applied::NotStored(e)
                }
                Err(e) => return Err(e),
            });
        }
        if !marks.is_empty() {
            for mark in marks {
                match held.iter_mut().find(|m| m.kiosk_id == mark.kiosk_id) {
                    Some(m) => m.seq = m.seq.max(mark.seq),
                    None => held.push(*mark),
                }
            }
            held.sort_by_key(|m| m.kiosk_id);
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![MARKS_KEY, serde_json::to_string(&held)?])?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// How many events of other kiosks this store holds (pulled).
    pub fn foreign_event_count(&self, kiosk_id: Option<Uuid>) -> Result<u64, StoreError> {
        Ok(match kiosk_id {
            Some(k) => self.conn.query_row(
                "SELECT COUNT(*) FROM events WHERE local = 0 AND kiosk_id = ?1",
                [k.to_string()],
                |r| r.get(0),
            )?,
            None => {
                self.conn
                    .query_row("SELECT COUNT(*) FROM events WHERE local = 0", [], |r| {
                        r.get(0)
                    })?
            }
        })
    }
}
