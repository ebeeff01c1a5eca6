//! The PostgreSQL backend, for a province or a national operator: one database for
//! hundreds of centers, with the replication, point-in-time recovery and backups their
//! IT already runs (see docs/postgresql.md).
//!
//! The `Database` trait is blocking (handlers call it on tokio's blocking pool), so this
//! uses the blocking `postgres` client and an `r2d2` pool of connections: both from the
//! maintainers of `tokio-postgres` (the client is a thin wrapper over it), widely used,
//! and with no runtime of their own to bridge to from the blocking pool. TLS to the
//! database is rustls (`tokio-postgres-rustls`, on the `ring` provider the HTTP client
//! of the tests already uses), always verifying the database's certificate and name.
//!
//! Every write is one transaction, as in the SQLite store. What SQLite got from its one
//! connection behind a mutex is made explicit here, because several transactions run at
//! once: a push locks its kiosk's row (pushes of one kiosk follow each other), takes an
//! advisory lock per learner its events are about (an erasure and a profile edit of the
//! same learner never interleave), and change-feed cursors are assigned under one
//! advisory lock held to commit (a cursor never becomes visible after a higher one).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use baeumteo_core::event::{Event, KioskId, SessionId};
use baeumteo_core::projection::{MonthlySummary, YearMonth};
use baeumteo_core::signing::sign_package;
use baeumteo_core::wire::{CenterInfo, CenterPage, CourseUpdate, KioskMark};
use chrono::{DateTime, Utc};
use postgres::{GenericClient, Row};
use r2d2_postgres::PostgresConnectionManager;
use sha2::{Digest, Sha256};
use tokio_postgres_rustls::MakeRustlsConnect;
use uuid::Uuid;

use super::{
    AccessEntry, CertificateRecord, Database, DbError, DirtyMonth, EnrollError, FeedPage, Incoming,
    KioskRecord, KioskSummary, NewStaffSession, PushOutcome, StatsCell, SyncMeta,
};

mod county;
mod events;
pub mod import;
mod sync;

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_init",
        include_str!("postgres/migrations/0001_init.sql"),
    ),
    (
        "0002_self_study_and_service",
        include_str!("postgres/migrations/0002_self_study_and_service.sql"),
    ),
];

/// Advisory lock keys (the two-int form: a namespace, then a key). Namespace 1 holds
/// one lock per learner (a hash of the id), 2 the change feed, 3 schema migrations,
/// 4 one per center whose cached figures are being replaced.
pub(super) const LEARNER_LOCKS: i32 = 1;
pub(super) const CENTER_LOCKS: i32 = 4;
pub(super) const CHANGES_LOCK: (i32, i32) = (2, 0);
const MIGRATION_LOCK: (i32, i32) = (3, 0);

/// Event kinds other kiosks of the county receive (as in the SQLite store).
pub(super) use baeumteo_core::wire::FEED_KINDS as SHARED_KINDS;

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Backend {
            backend: "PostgreSQL",
            source: Box::new(e),
        }
    }
}

impl From<r2d2::Error> for DbError {
    fn from(e: r2d2::Error) -> Self {
        DbError::Backend {
            backend: "PostgreSQL connection pool",
            source: Box::new(e),
        }
    }
}

type Manager = PostgresConnectionManager<MakeRustlsConnect>;
type Pool = r2d2::Pool<Manager>;

/// How to reach the database and how many connections to keep.
#[derive(Debug, Clone)]
pub struct PostgresOptions {
    /// Most connections open at once (each request holds one while it runs).
    pub max_connections: u32,
    /// How long a request waits for a free connection before failing (503).
    pub connect_timeout: Duration,
    /// PEM file of the certificate authority that signed the database's certificate;
    /// without it, the public web's roots. TLS is used as the URL's `sslmode` says
    /// (`prefer` by default, `require` to refuse a database without it).
    pub ca_file: Option<PathBuf>,
}

impl Default for PostgresOptions {
    fn default() -> Self {
        PostgresOptions {
            max_connections: 16,
            connect_timeout: Duration::from_secs(10),
            ca_file: None,
        }
    }
}

pub struct PostgresDatabase {
    /// Always `Some` until dropped (see `Drop`).
    pool: Option<Pool>,
    /// Host and database name, for logs (never the password).
    target: String,
}

impl std::fmt::Debug for PostgresDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresDatabase")
            .field("target", &self.target)
            .finish()
    }
}

impl PostgresDatabase {
    /// Connects to the database at `url` (`postgres://USER@HOST/DB`, libpq's URL form)
    /// and brings its schema up to date.
    pub fn connect(url: &str, options: &PostgresOptions) -> Result<PostgresDatabase, DbError> {
        let config: postgres::Config = url.parse()?;
        let target = format!(
            "{:?}/{}",
            config.get_hosts(),
            config.get_dbname().unwrap_or("")
        );
        let manager = PostgresConnectionManager::new(config, tls(options.ca_file.as_deref())?);
        let pool = r2d2::Pool::builder()
            .max_size(options.max_connections)
            // Open one at start (a wrong address fails now, not at the first request);
            // the rest as requests need them.
            .min_idle(Some(1))
            .connection_timeout(options.connect_timeout)
            .build(manager)?;
        let db = PostgresDatabase {
            pool: Some(pool),
            target,
        };
        db.migrate()?;
        Ok(db)
    }

    pub fn target(&self) -> &str {
        &self.target
    }

    pub(super) fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, DbError> {
        match &self.pool {
            Some(pool) => Ok(pool.get()?),
            None => Err(DbError::BadRow("the store is closing".into())),
        }
    }

    fn migrate(&self) -> Result<(), DbError> {
        let mut conn = self.conn()?;
        let supported = MIGRATIONS.len() as i32;
        // Up to date: nothing is locked or created, so a role with only the rights on
        // the tables (docs/postgresql.md) runs the server once the owner has migrated.
        if schema_version(&mut *conn)? == Some(supported) {
            return Ok(());
        }
        let mut tx = conn.transaction()?;
        // Two servers starting at once against a new database: one migrates, the other
        // waits and then finds nothing to do.
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
        )?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version INTEGER PRIMARY KEY,
                 name TEXT NOT NULL,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )?;
        let version = schema_version(&mut tx)?.unwrap_or(0);
        if version > supported {
            return Err(DbError::BadRow(format!(
                "the database has schema {version}, this server knows up to {supported}; update the server"
            )));
        }
        for (number, (name, sql)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tracing::info!(migration = name, "applying PostgreSQL schema migration");
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[&(number as i32 + 1), name],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The TLS connector: the database's certificate must chain to `ca_file` (or a public
/// root) and name the host connected to.
fn tls(ca_file: Option<&Path>) -> Result<MakeRustlsConnect, DbError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let bad = |e: &dyn std::fmt::Display| DbError::Tls(e.to_string());
    let mut roots = rustls::RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| bad(&format!("{}: {e}", path.display())))?;
            for cert in certs {
                let cert = cert.map_err(|e| bad(&format!("{}: {e}", path.display())))?;
                roots.add(cert).map_err(|e| bad(&e))?;
            }
            if roots.is_empty() {
                return Err(bad(&format!("{}: no certificate in it", path.display())));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| bad(&e))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The schema version of the database; `None` before the first migration.
fn schema_version(client: &mut impl GenericClient) -> Result<Option<i32>, DbError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])?
        .try_get(0)?;
    if !exists {
        return Ok(None);
    }
    Ok(Some(
        client
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )?
            .try_get(0)?,
    ))
}

/// The blocking client closes each connection by running its own small runtime, which
/// tokio forbids on a thread that drives async tasks; the last handle to the store may be
/// dropped on one (a server shutting down drops its tasks there). The pool is then closed
/// on a thread of its own.
impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let Some(pool) = self.pool.take() else { return };
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::Builder::new()
                .name("postgres-close".into())
                .spawn(move || drop(pool));
        }
    }
}

fn to_i64(n: u64) -> Result<i64, DbError> {
    i64::try_from(n).map_err(|_| DbError::BadRow(format!("number {n} out of range")))
}

fn to_u64(n: i64) -> Result<u64, DbError> {
    u64::try_from(n).map_err(|_| DbError::BadRow(format!("negative count {n}")))
}

/// A center from three columns selected as `county, township, center_name` from `first`.
fn read_center(r: &Row, first: usize) -> Result<CenterInfo, DbError> {
    Ok(CenterInfo {
        county: r.try_get(first)?,
        township: r.try_get(first + 1)?,
        center_name: r.try_get(first + 2)?,
    })
}

const KIOSK_COLUMNS: &str = "kiosk_id, center_name, county, township, enrolled_at, revoked_at";

fn kiosk_from(r: &Row) -> Result<KioskRecord, DbError> {
    Ok(KioskRecord {
        kiosk_id: r.try_get(0)?,
        center: CenterInfo {
            center_name: r.try_get(1)?,
            county: r.try_get(2)?,
            township: r.try_get(3)?,
        },
        enrolled_at: r.try_get(4)?,
        revoked_at: r.try_get(5)?,
    })
}

fn signing_key(tx: &mut impl GenericClient) -> Result<[u8; 32], DbError> {
    let stored = tx.query_opt(
        "SELECT secret FROM server_keys WHERE name = 'course-signing'",
        &[],
    )?;
    if let Some(row) = stored {
        let bytes: Vec<u8> = row.try_get(0)?;
        return bytes
            .try_into()
            .map_err(|_| DbError::BadRow("the course-signing key is not 32 bytes".into()));
    }
    let secret: [u8; 32] = rand::random();
    // Two servers making it at once: the first one's key wins, and both use it.
    tx.execute(
        "INSERT INTO server_keys (name, secret, created_at) VALUES ('course-signing', $1, now())
         ON CONFLICT (name) DO NOTHING",
        &[&secret.to_vec()],
    )?;
    let bytes: Vec<u8> = tx
        .query_one(
            "SELECT secret FROM server_keys WHERE name = 'course-signing'",
            &[],
        )?
        .try_get(0)?;
    tracing::info!("made the course-signing key");
    bytes
        .try_into()
        .map_err(|_| DbError::BadRow("the course-signing key is not 32 bytes".into()))
}

impl Database for PostgresDatabase {
    fn create_enroll_code(
        &self,
        code_hash: &str,
        center: &CenterInfo,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError> {
        self.conn()?.execute(
            "INSERT INTO enroll_codes (code_hash, center_name, county, township, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &code_hash,
                &center.center_name,
                &center.county,
                &center.township,
                &now,
                &expires_at,
            ],
        )?;
        Ok(())
    }

    fn enroll(
        &self,
        code_hash: &str,
        kiosk_id: KioskId,
        secret_hash: Option<&str>,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CenterInfo, EnrollError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(DbError::from)?;
        // Locked: two redemptions of one code follow each other.
        let code = tx
            .query_opt(
                "SELECT center_name, county, township, expires_at, used_by, secret_hash
                 FROM enroll_codes WHERE code_hash = $1 FOR UPDATE",
                &[&code_hash],
            )
            .map_err(DbError::from)?;
        let Some(code) = code else {
            return Err(EnrollError::InvalidCode);
        };
        let center = CenterInfo {
            center_name: code.try_get(0).map_err(DbError::from)?,
            county: code.try_get(1).map_err(DbError::from)?,
            township: code.try_get(2).map_err(DbError::from)?,
        };
        let expires_at: DateTime<Utc> = code.try_get(3).map_err(DbError::from)?;
        let used_by: Option<Uuid> = code.try_get(4).map_err(DbError::from)?;
        let held_secret: Option<String> = code.try_get(5).map_err(DbError::from)?;
        // The same rules as the SQLite store (see there for why).
        let again = match (&used_by, &held_secret, secret_hash) {
            (None, _, _) => false,
            (Some(by), Some(held), Some(given)) if *by == kiosk_id && held == given => true,
            _ => return Err(EnrollError::InvalidCode),
        };
        if expires_at <= now {
            return Err(EnrollError::InvalidCode);
        }
        let existing = tx
            .query_opt(
                "SELECT revoked_at, county, township, center_name FROM kiosks
                 WHERE kiosk_id = $1 FOR UPDATE",
                &[&kiosk_id],
            )
            .map_err(DbError::from)?;
        match existing {
            Some(row) => {
                let revoked: Option<DateTime<Utc>> = row.try_get(0).map_err(DbError::from)?;
                match (revoked, again) {
                    (Some(_), true) => return Err(EnrollError::InvalidCode),
                    (None, false) => return Err(EnrollError::AlreadyEnrolled),
                    _ => {}
                }
                let old = read_center(&row, 1)?;
                county::mark_dirty(&mut tx, &old)?;
                county::mark_dirty(&mut tx, &center)?;
                tx.execute(
                    "UPDATE kiosks SET token_hash = $2, center_name = $3, county = $4,
                     township = $5, enrolled_at = $6, revoked_at = NULL WHERE kiosk_id = $1",
                    &[
                        &kiosk_id,
                        &token_hash,
                        &center.center_name,
                        &center.county,
                        &center.township,
                        &now,
                    ],
                )
                .map_err(DbError::from)?;
            }
            None => {
                tx.execute(
                    "INSERT INTO kiosks (kiosk_id, token_hash, center_name, county, township, enrolled_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[
                        &kiosk_id,
                        &token_hash,
                        &center.center_name,
                        &center.county,
                        &center.township,
                        &now,
                    ],
                )
                .map_err(DbError::from)?;
            }
        }
        tx.execute(
            "UPDATE enroll_codes SET used_at = $2, used_by = $3,
             secret_hash = COALESCE(secret_hash, $4) WHERE code_hash = $1",
            &[&code_hash, &now, &kiosk_id, &secret_hash],
        )
        .map_err(DbError::from)?;
        tx.commit().map_err(DbError::from)?;
        Ok(center)
    }

    fn course_signing_key(&self) -> Result<[u8; 32], DbError> {
        signing_key(&mut *self.conn()?)
    }

    fn kiosk_by_token(&self, token_hash: &str) -> Result<Option<KioskRecord>, DbError> {
        let row = self.conn()?.query_opt(
            &format!("SELECT {KIOSK_COLUMNS} FROM kiosks WHERE token_hash = $1"),
            &[&token_hash],
        )?;
        row.as_ref().map(kiosk_from).transpose()
    }

    fn revoke_kiosk(&self, kiosk_id: KioskId, now: DateTime<Utc>) -> Result<bool, DbError> {
        let n = self.conn()?.execute(
            "UPDATE kiosks SET revoked_at = COALESCE(revoked_at, $2) WHERE kiosk_id = $1",
            &[&kiosk_id, &now],
        )?;
        Ok(n > 0)
    }

    fn push(
        &self,
        kiosk: &KioskRecord,
        batch: &[Incoming],
        meta: SyncMeta,
    ) -> Result<PushOutcome, DbError> {
        sync::push(self, kiosk, batch, meta)
    }

    fn pull(
        &self,
        kiosk: &KioskRecord,
        cursor: u64,
        limit: u32,
        meta: SyncMeta,
    ) -> Result<FeedPage, DbError> {
        sync::pull(self, kiosk, cursor, limit, meta)
    }

    fn center_events_after(
        &self,
        kiosk: &KioskRecord,
        marks: &[KioskMark],
        limit: u32,
    ) -> Result<CenterPage, DbError> {
        sync::center_events_after(self, kiosk, marks, limit)
    }

    fn kiosks(&self) -> Result<Vec<KioskSummary>, DbError> {
        let rows = self.conn()?.query(
            &format!(
                "SELECT {KIOSK_COLUMNS}, acked_seq, last_sync_at, last_clock_offset_ms,
                   (SELECT COUNT(*) FROM events e WHERE e.kiosk_id = k.kiosk_id),
                   (SELECT COUNT(*) FROM conflicts c WHERE c.kiosk_id = k.kiosk_id)
                 FROM kiosks k ORDER BY county, township, center_name, kiosk_id"
            ),
            &[],
        )?;
        let mut out = Vec::new();
        for row in rows {
            // A damaged row is logged and left out: the page shows every other kiosk.
            let summary = (|| {
                Ok::<_, DbError>(KioskSummary {
                    kiosk: kiosk_from(&row)?,
                    acked_seq: to_u64(row.try_get(6)?)?,
                    last_sync_at: row.try_get(7)?,
                    last_clock_offset_ms: row.try_get(8)?,
                    events: to_u64(row.try_get(9)?)?,
                    conflicts: to_u64(row.try_get(10)?)?,
                })
            })();
            match summary {
                Ok(s) => out.push(s),
                Err(e) => tracing::error!(error = %e, "kiosk row skipped"),
            }
        }
        Ok(out)
    }

    fn kiosk_events(&self, kiosk_id: KioskId) -> Result<Vec<Event>, DbError> {
        let rows = self.conn()?.query(
            &format!(
                "SELECT {} FROM events e WHERE e.kiosk_id = $1 ORDER BY e.seq",
                events::EVENT_COLUMNS
            ),
            &[&kiosk_id],
        )?;
        rows.iter().map(|r| events::event_from(r, 0)).collect()
    }

    fn publish_course(
        &self,
        course_id: &str,
        version: u32,
        package: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Result<CourseUpdate, u32>, DbError> {
        let sha256 = hex::encode(Sha256::digest(package));
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&CHANGES_LOCK.0, &CHANGES_LOCK.1],
        )?;
        let latest: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0)::bigint FROM courses WHERE course_id = $1",
                &[&course_id],
            )?
            .try_get(0)?;
        if i64::from(version) <= latest {
            return Ok(Err(u32::try_from(latest).unwrap_or(u32::MAX)));
        }
        let signature = sign_package(&signing_key(&mut tx)?, package);
        let size = package.len() as u64;
        tx.execute(
            "INSERT INTO courses (course_id, version, sha256, size, package, published_at,
             signature) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &course_id,
                &i64::from(version),
                &sha256,
                &to_i64(size)?,
                &package,
                &now,
                &signature,
            ],
        )?;
        tx.execute(
            "INSERT INTO changes (course_id, course_version) VALUES ($1, $2)",
            &[&course_id, &i64::from(version)],
        )?;
        tx.commit()?;
        Ok(Ok(CourseUpdate {
            course_id: course_id.to_string(),
            version,
            sha256,
            size,
            signature,
        }))
    }

    fn course_package(&self, course_id: &str, version: u32) -> Result<Option<Vec<u8>>, DbError> {
        let row = self.conn()?.query_opt(
            "SELECT package FROM courses WHERE course_id = $1 AND version = $2",
            &[&course_id, &i64::from(version)],
        )?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn certificates_by_number(
        &self,
        certificate_no: &str,
    ) -> Result<Vec<CertificateRecord>, DbError> {
        county::certificates_by_number(&mut *self.conn()?, certificate_no)
    }

    fn certificates(&self) -> Result<Vec<CertificateRecord>, DbError> {
        county::certificates(&mut *self.conn()?)
    }

    fn activist_events(
        &self,
        kinds: &[crate::db::ActivistKind],
    ) -> Result<Vec<crate::db::ActivistEvent>, DbError> {
        county::activist_events(&mut *self.conn()?, kinds)
    }

    fn dirty_centers(&self) -> Result<Vec<(CenterInfo, u64)>, DbError> {
        county::dirty_centers(&mut *self.conn()?)
    }

    fn center_events(&self, center: &CenterInfo) -> Result<Vec<(Event, i64)>, DbError> {
        county::center_events(&mut *self.conn()?, center)
    }

    fn dirty_months(&self) -> Result<Vec<DirtyMonth>, DbError> {
        county::dirty_months(&mut *self.conn()?)
    }

    fn center_events_in_months(
        &self,
        center: &CenterInfo,
        from: YearMonth,
        to: YearMonth,
    ) -> Result<Vec<(Event, i64)>, DbError> {
        county::center_events_in_months(&mut *self.conn()?, center, from, to)
    }

    fn session_months(
        &self,
        sessions: &[SessionId],
    ) -> Result<Option<(YearMonth, YearMonth)>, DbError> {
        county::session_months(&mut *self.conn()?, sessions)
    }

    fn store_center_months(
        &self,
        center: &CenterInfo,
        months: &[(YearMonth, u64)],
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError> {
        county::store_center_months(&mut *self.conn()?, center, months, rows)
    }

    fn store_center_stats(
        &self,
        center: &CenterInfo,
        generation: u64,
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError> {
        county::store_center_stats(&mut *self.conn()?, center, generation, rows)
    }

    fn stats_cells(&self) -> Result<Vec<StatsCell>, DbError> {
        county::stats_cells(&mut *self.conn()?)
    }

    fn create_admin_token(
        &self,
        token_hash: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        self.conn()?.execute(
            "INSERT INTO admin_tokens (token_hash, name, created_at) VALUES ($1, $2, $3)",
            &[&token_hash, &name, &now],
        )?;
        Ok(())
    }

    fn revoke_admin_tokens(&self, name: &str, now: DateTime<Utc>) -> Result<usize, DbError> {
        let n = self.conn()?.execute(
            "UPDATE admin_tokens SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL",
            &[&name, &now],
        )?;
        Ok(n as usize)
    }

    fn live_admin_tokens(&self) -> Result<u64, DbError> {
        to_u64(
            self.conn()?
                .query_one(
                    "SELECT COUNT(*) FROM admin_tokens WHERE revoked_at IS NULL",
                    &[],
                )?
                .try_get(0)?,
        )
    }

    fn admin_by_token(&self, token_hash: &str) -> Result<Option<String>, DbError> {
        let row = self.conn()?.query_opt(
            "SELECT name FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&token_hash],
        )?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn log_access(&self, entry: &AccessEntry) -> Result<(), DbError> {
        self.conn()?.execute(
            "INSERT INTO access_log (at, who, what, purpose) VALUES ($1, $2, $3, $4)",
            &[&entry.at, &entry.who, &entry.what, &entry.purpose],
        )?;
        Ok(())
    }

    fn access_log(&self, limit: u32) -> Result<Vec<AccessEntry>, DbError> {
        let rows = self.conn()?.query(
            "SELECT at, who, what, purpose FROM access_log ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit)],
        )?;
        rows.iter()
            .map(|r| {
                Ok(AccessEntry {
                    at: r.try_get(0)?,
                    who: r.try_get(1)?,
                    what: r.try_get(2)?,
                    purpose: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn create_staff_session(&self, session: &NewStaffSession) -> Result<(), DbError> {
        let mut conn = self.conn()?;
        // Sessions that ended long ago are forgotten: nothing reads them.
        conn.execute(
            "DELETE FROM staff_sessions WHERE expires_at < $1",
            &[&(session.created_at - chrono::Duration::days(30))],
        )?;
        conn.execute(
            "INSERT INTO staff_sessions (session_hash, admin_token_hash, name, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &session.session_hash,
                &session.admin_token_hash,
                &session.name,
                &session.created_at,
                &session.expires_at,
            ],
        )?;
        Ok(())
    }

    fn staff_by_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, DbError> {
        let row = self.conn()?.query_opt(
            "SELECT s.name FROM staff_sessions s
             JOIN admin_tokens a ON a.token_hash = s.admin_token_hash
             WHERE s.session_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
               AND a.revoked_at IS NULL",
            &[&session_hash, &now],
        )?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn revoke_staff_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        let n = self.conn()?.execute(
            "UPDATE staff_sessions SET revoked_at = $2
             WHERE session_hash = $1 AND revoked_at IS NULL",
            &[&session_hash, &now],
        )?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests;
