//! Schema versions. Each migration is applied once, in order, all pending ones inside one
//! transaction, and `PRAGMA user_version` records how many have been applied. A store
//! written by a newer version is refused and left untouched: an older binary cannot know
//! what the newer schema means. Never edit a shipped migration: add the next one.

use rusqlite::{Connection, Transaction};
use thiserror::Error;

/// A migration: its name (for the log) and its SQL.
pub type Migration = (&'static str, &'static str);

#[derive(Debug, Error, Clone, Copy, PartialEq, Eq)]
#[error("schema {found} is newer than this version knows ({supported})")]
pub struct NewerSchema {
    pub found: u32,
    pub supported: u32,
}

/// The schema version recorded in the database.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the schema up to `migrations`; a newer schema is handed to `newer`, which makes
/// it the caller's error (with the caller's words for who must be updated). `after` runs
/// inside the transaction right after migration number `n` (1-based), for work SQL
/// cannot do, and may refuse the upgrade.
pub fn migrate<E: From<rusqlite::Error>>(
    conn: &mut Connection,
    migrations: &[Migration],
    newer: impl FnOnce(NewerSchema) -> E,
    mut after: impl FnMut(&Transaction<'_>, u32) -> Result<(), E>,
) -> Result<(), E> {
    let found = version(conn)?;
    let supported = migrations.len() as u32;
    if found > supported {
        return Err(newer(NewerSchema { found, supported }));
    }
    if found == supported {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (number, (name, sql)) in migrations.iter().enumerate().skip(found as usize) {
        tracing::info!(migration = name, "applying schema migration");
        tx.execute_batch(sql)?;
        after(&tx, number as u32 + 1)?;
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &[Migration] = &[
        ("0001_a", "CREATE TABLE a (x INTEGER);"),
        ("0002_b", "CREATE TABLE b (y INTEGER);"),
    ];

    #[derive(Debug, PartialEq)]
    enum Failed {
        Newer(NewerSchema),
        Sqlite(String),
    }

    impl From<rusqlite::Error> for Failed {
        fn from(e: rusqlite::Error) -> Failed {
            Failed::Sqlite(e.to_string())
        }
    }

    fn run(conn: &mut Connection, migrations: &[Migration]) -> Result<(), Failed> {
        migrate(conn, migrations, Failed::Newer, |_, _| Ok(()))
    }

    #[test]
    fn pending_migrations_run_once_and_a_newer_schema_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn, &TWO[..1]).unwrap();
        assert_eq!(version(&conn).unwrap(), 1);
        run(&mut conn, TWO).unwrap();
        run(&mut conn, TWO).unwrap();
        assert_eq!(version(&conn).unwrap(), 2);
        assert_eq!(
            run(&mut conn, &TWO[..1]),
            Err(Failed::Newer(NewerSchema {
                found: 2,
                supported: 1
            }))
        );
        assert_eq!(version(&conn).unwrap(), 2);
    }
}
