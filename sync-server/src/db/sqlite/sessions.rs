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
