//! The SQL of staff sign-in sessions (see migrations/0005_staff_sessions.sql). Called
//! from the `Database` impl in the parent module.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::fmt_time;
use crate::db::{DbError, NewStaffSession};

/// Sessions that ended this long ago are deleted when a new one starts: nothing reads
/// them, and the table stays small.
const KEEP_ENDED: chrono::Duration = chrono::Duration::days(30);

pub(super) fn create_staff_session(
    conn: &Connection,
    session: &NewStaffSession,
) -> Result<(), DbError> {
    conn.prepare_cached("DELETE FROM staff_sessions WHERE expires_at < ?1")?
        .execute([fmt_time(session.created_at - KEEP_ENDED)])?;
    conn.prepare_cached(
        "INSERT INTO staff_sessions (session_hash, admin_token_hash, name, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        session.session_hash,
        session.admin_token_hash,
        session.name,
        fmt_time(session.created_at),
        fmt_time(session.expires_at),
    ])?;
    Ok(())
}

pub(super) fn staff_by_session(
    conn: &Connection,
    session_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    // Times are stored in one fixed RFC 3339 format, so text order is time order.
    Ok(conn
        .prepare_cached(
            "SELECT s.name FROM staff_sessions s
             JOIN admin_tokens a ON a.token_hash = s.admin_token_hash
             WHERE s.session_hash = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2
               AND a.revoked_at IS NULL",
        )?
        .query_row(params![session_hash, fmt_time(now)], |r| r.get(0))
        .optional()?)
}

pub(super) fn revoke_staff_session(
    conn: &Connection,
    session_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    Ok(conn
        .prepare_cached(
            "UPDATE staff_sessions SET revoked_at = ?2
             WHERE session_hash = ?1 AND revoked_at IS NULL",
        )?
        .execute(params![session_hash, fmt_time(now)])?
        > 0)
}

#[cfg(test)]
mod tests {
    use crate::db::{Database, NewStaffSession, SqliteDatabase};
    use chrono::{Duration, Utc};

    #[test]
    fn a_session_lives_until_it_expires_is_ended_or_its_admin_token_is_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let db = SqliteDatabase::open_in(dir.path()).unwrap();
        let now = Utc::now();
        db.create_admin_token("admin-hash", "군청 박주무관", now)
            .unwrap();
        let session = |hash: &str| NewStaffSession {
            session_hash: hash.into(),
            admin_token_hash: "admin-hash".into(),
            name: "군청 박주무관".into(),
            created_at: now,
            expires_at: now + Duration::hours(8),
        };
        db.create_staff_session(&session("s1")).unwrap();
        db.create_staff_session(&session("s2")).unwrap();
        let who = |hash: &str, at| db.staff_by_session(hash, at).unwrap();
        assert_eq!(who("s1", now).as_deref(), Some("군청 박주무관"));
        assert_eq!(who("unknown", now), None);
        assert_eq!(who("s1", now + Duration::hours(8)), None, "expired");

        assert!(db.revoke_staff_session("s1", now).unwrap());
        assert!(!db.revoke_staff_session("s1", now).unwrap());
        assert_eq!(who("s1", now), None, "ended at logout");
        assert_eq!(who("s2", now).as_deref(), Some("군청 박주무관"));

        db.revoke_admin_tokens("군청 박주무관", now).unwrap();
        assert_eq!(who("s2", now), None, "its admin token was revoked");
    }
}
