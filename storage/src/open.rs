//! The settings every connection of both stores gets, before anything is read.

use std::time::Duration;

use rusqlite::Connection;

/// How long a writer waits for another connection's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// WAL with `synchronous=FULL`: once a write returns it survives a power cut (a
/// check-in shown on screen, a push the server acknowledged); foreign keys on.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")
}
