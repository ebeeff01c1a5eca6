//! Sync bookkeeping kept next to the event log (migration `0002_sync.sql`): the server
//! and device token, how far push and pull have got, how the last attempt went, and
//! course packages announced by the server.

use baeumteo_core::wire::{CenterInfo, CourseUpdate};
use baeumteo_storage::time::format as fmt_time;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub server_url: Option<String>,
    pub token: Option<String>,
    /// Plain http to a non-loopback server was allowed at enrollment.
    pub allow_insecure_http: bool,
    pub center: Option<CenterInfo>,
    pub enrolled_at: Option<DateTime<Utc>>,
    pub revoked: bool,
    /// Everything up to here is held by the server.
    pub pushed_seq: u64,
    pub pull_cursor: u64,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// JSON of the last failure (see `sync::SyncFailure`); `None` after a success.
    pub last_failure: Option<String>,
    pub last_clock_offset_ms: Option<i64>,
}

impl SyncState {
    pub fn is_enrolled(&self) -> bool {
        self.server_url.is_some() && self.token.is_some()
    }
}

fn parse_time(s: Option<String>) -> Result<Option<DateTime<Utc>>, StoreError> {
    s.map(|s| {
        baeumteo_storage::time::parse(&s)
            .map_err(|e| StoreError::BadRow(format!("sync time {s:?}: {e}")))
    })
    .transpose()
}

impl Store {
    pub fn sync_state(&self) -> Result<SyncState, StoreError> {
        let row = self.conn().query_row(
            "SELECT server_url, token, allow_insecure_http, center_name, county, township,
                    enrolled_at, revoked, pushed_seq, pull_cursor, last_attempt_at,
                    last_success_at, last_failure, last_clock_offset_ms
             FROM sync_state WHERE singleton = 1",
            [],
            |r| {
                Ok((
                    (
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ),
                    (
                        r.get::<_, bool>(7)?,
                        r.get::<_, u64>(8)?,
                        r.get::<_, u64>(9)?,
                        r.get::<_, Option<String>>(10)?,
                        r.get::<_, Option<String>>(11)?,
                        r.get::<_, Option<String>>(12)?,
                        r.get::<_, Option<i64>>(13)?,
                    ),
                ))
            },
        )?;
        let (
            (server_url, token, allow_insecure_http, center_name, county, township, enrolled_at),
            (revoked, pushed_seq, pull_cursor, attempt, success, last_failure, offset),
        ) = row;
        let center = match (center_name, county, township) {
            (Some(center_name), Some(county), Some(township)) => Some(CenterInfo {
                center_name,
                county,
                township,
            }),
            _ => None,
        };
        Ok(SyncState {
            server_url,
            token,
            allow_insecure_http,
            center,
            enrolled_at: parse_time(enrolled_at)?,
            revoked,
            pushed_seq,
            pull_cursor,
            last_attempt_at: parse_time(attempt)?,
            last_success_at: parse_time(success)?,
            last_failure,
            last_clock_offset_ms: offset,
        })
    }

    /// Binds the kiosk to a server. Push and pull start over: the server keeps every
    /// event at most once, so re-sending is harmless, and a new server needs it all.
    pub fn record_enrollment(
        &mut self,
        server_url: &str,
        token: &str,
        allow_insecure_http: bool,
        center: &CenterInfo,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET server_url = ?1, token = ?2, allow_insecure_http = ?3,
               center_name = ?4, county = ?5, township = ?6, enrolled_at = ?7, revoked = 0,
               pushed_seq = 0, pull_cursor = 0, last_failure = NULL
             WHERE singleton = 1",
            params![
                server_url,
                token,
                allow_insecure_http,
                center.center_name,
                center.county,
                center.township,
                fmt_time(now)
            ],
        )?;
        Ok(())
    }

    /// The secret sent with enrollment codes, made (and saved) before its first use, so
    /// that a retry after a lost answer proves it is this kiosk.
    pub fn enroll_secret(&mut self) -> Result<String, StoreError> {
        let held: Option<String> = self.conn().query_row(
            "SELECT enroll_secret FROM sync_state WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?;
        if let Some(secret) = held {
            return Ok(secret);
        }
        let bytes: [u8; 32] = rand::random();
        let secret = hex::encode(bytes);
        self.conn().execute(
            "UPDATE sync_state SET enroll_secret = ?1 WHERE singleton = 1",
            [&secret],
        )?;
        Ok(secret)
    }

    /// The server's course-signing key pinned at enrollment (hex), if any.
    pub fn course_key(&self) -> Result<Option<String>, StoreError> {
        Ok(self.conn().query_row(
            "SELECT course_key FROM sync_state WHERE singleton = 1",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn set_course_key(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET course_key = ?1 WHERE singleton = 1",
            [key],
        )?;
        Ok(())
    }

    /// Points the kiosk at the same server under a new address (it moved, or a proxy
    /// was put in front of it); token and progress stay.
    pub fn set_sync_server_url(&mut self, server_url: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET server_url = ?1 WHERE singleton = 1",
            [server_url],
        )?;
        Ok(())
    }

    /// The server's high-water mark. It may go down (a server restored from a backup):
    /// then the kiosk sends again what the server lost.
    pub fn set_pushed_seq(&mut self, seq: u64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET pushed_seq = ?1 WHERE singleton = 1",
            [seq],
        )?;
        Ok(())
    }

    /// One write per server answer: the push mark and the clock offset seen with it.
    pub fn record_push_answer(&mut self, acked_seq: u64, offset_ms: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET pushed_seq = ?1, last_clock_offset_ms = ?2 WHERE singleton = 1",
            params![acked_seq, offset_ms],
        )?;
        Ok(())
    }

    /// One write per server answer: the pull cursor and the clock offset seen with it.
    pub fn record_pull_answer(&mut self, cursor: u64, offset_ms: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET pull_cursor = ?1, last_clock_offset_ms = ?2 WHERE singleton = 1",
            params![cursor, offset_ms],
        )?;
        Ok(())
    }

    pub fn set_pull_cursor(&mut self, cursor: u64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET pull_cursor = ?1 WHERE singleton = 1",
            [cursor],
        )?;
        Ok(())
    }

    pub fn set_sync_revoked(&mut self) -> Result<(), StoreError> {
        self.conn()
            .execute("UPDATE sync_state SET revoked = 1 WHERE singleton = 1", [])?;
        Ok(())
    }

    pub fn set_clock_offset(&mut self, offset_ms: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sync_state SET last_clock_offset_ms = ?1 WHERE singleton = 1",
            [offset_ms],
        )?;
        Ok(())
    }

    /// Records how an attempt ended: `None` for success, else the failure's JSON.
    pub fn record_sync_attempt(
        &mut self,
        at: DateTime<Utc>,
        failure: Option<&str>,
    ) -> Result<(), StoreError> {
        match failure {
            None => self.conn().execute(
                "UPDATE sync_state SET last_attempt_at = ?1, last_success_at = ?1,
                   last_failure = NULL WHERE singleton = 1",
                [fmt_time(at)],
            )?,
            Some(f) => self.conn().execute(
                "UPDATE sync_state SET last_attempt_at = ?1, last_failure = ?2
                 WHERE singleton = 1",
                params![fmt_time(at), f],
            )?,
        };
        Ok(())
    }

    /// How many of this kiosk's events the server does not hold yet.
    pub fn events_waiting(&self) -> Result<u64, StoreError> {
        let state = self.sync_state()?;
        Ok(self.last_seq()?.saturating_sub(state.pushed_seq))
    }

    pub fn add_pending_course(&mut self, update: &CourseUpdate) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO pending_courses (course_id, version, sha256, size, signature)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (course_id) DO UPDATE SET version = excluded.version,
               sha256 = excluded.sha256, size = excluded.size, signature = excluded.signature
             WHERE excluded.version > pending_courses.version",
            params![
                update.course_id,
                update.version,
                update.sha256,
                update.size,
                update.signature
            ],
        )?;
        Ok(())
    }

    pub fn pending_courses(&self) -> Result<Vec<CourseUpdate>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT course_id, version, sha256, size, signature FROM pending_courses
             ORDER BY course_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CourseUpdate {
                course_id: r.get(0)?,
                version: r.get(1)?,
                sha256: r.get(2)?,
                size: r.get(3)?,
                signature: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The version installed from the server, if any.
    pub fn installed_course_version(&self, course_id: &str) -> Result<Option<u32>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT version FROM installed_courses WHERE course_id = ?1",
                [course_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The package is in place (or an equal or newer version already was).
    pub fn record_course_installed(
        &mut self,
        update: &CourseUpdate,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO installed_courses (course_id, version, sha256, installed_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (course_id) DO UPDATE SET version = excluded.version,
               sha256 = excluded.sha256, installed_at = excluded.installed_at
             WHERE excluded.version > installed_courses.version",
            params![
                update.course_id,
                update.version,
                update.sha256,
                fmt_time(now)
            ],
        )?;
        tx.execute(
            "DELETE FROM pending_courses WHERE course_id = ?1 AND version <= ?2",
            params![update.course_id, update.version],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrollment_resets_progress_and_state_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        assert!(!store.sync_state().unwrap().is_enrolled());
        store.set_pushed_seq(7).unwrap();
        let center = CenterInfo {
            center_name: "입암 배움터".into(),
            county: "영양군".into(),
            township: "입암면".into(),
        };
        store
            .record_enrollment("https://sync.example", "tok", false, &center, Utc::now())
            .unwrap();
        store.set_pull_cursor(3).unwrap();
        store
            .record_sync_attempt(Utc::now(), Some(r#"{"kind":"offline"}"#))
            .unwrap();
        drop(store);
        let store = Store::open_in(dir.path()).unwrap();
        let state = store.sync_state().unwrap();
        assert!(state.is_enrolled());
        assert_eq!((state.pushed_seq, state.pull_cursor), (0, 3));
        assert_eq!(state.center, Some(center));
        assert!(state.last_failure.is_some() && state.last_success_at.is_none());
    }

    #[test]
    fn a_pending_course_is_replaced_only_by_a_newer_one_and_cleared_when_installed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let v = |version| CourseUpdate {
            course_id: "smartphone-basics".into(),
            version,
            sha256: format!("{version:064}"),
            size: 10,
            signature: format!("sig{version}"),
        };
        store.add_pending_course(&v(3)).unwrap();
        store.add_pending_course(&v(2)).unwrap();
        assert_eq!(store.pending_courses().unwrap(), vec![v(3)]);
        store.record_course_installed(&v(3), Utc::now()).unwrap();
        assert!(store.pending_courses().unwrap().is_empty());
        assert_eq!(
            store.installed_course_version("smartphone-basics").unwrap(),
            Some(3)
        );
    }
}
