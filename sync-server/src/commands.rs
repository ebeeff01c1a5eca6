//! What county staff run from a shell. Each returns the lines to print.

use std::path::Path;

use baeumteo_core::event::KioskId;
use baeumteo_core::wire::{CenterInfo, format_enroll_code};
use chrono::Utc;
use thiserror::Error;

use crate::ServerConfig;
use crate::course_package::{PackError, pack_course};
use crate::db::import::{ImportError, sqlite_to_postgres};
use crate::db::{DbError, Location, PostgresDatabase, PostgresOptions};
use crate::secrets::{enroll_code_hash, new_enroll_code};
use crate::secrets::{new_token, token_hash};

#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("migrate copies from sqlite:DIR to postgres://…; {0} is not that")]
    MigrateDirection(String),
    #[error(
        "{0} works on the SQLite store; back up a PostgreSQL store with pg_dump (docs/postgresql.md)"
    )]
    NotOnPostgres(String),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    #[error("no kiosk {0} is enrolled")]
    NoSuchKiosk(KioskId),
    #[error("no live admin token is made for {0:?}")]
    NoSuchAdmin(String),
    #[error("the staff member's name must not be empty")]
    EmptyName,
    #[error("the center name must not be empty")]
    EmptyCenter,
    #[error("--month must be YYYY-MM (e.g. 2026-11), not {0:?}")]
    BadMonth(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(
        "course {course_id} version {version} is not newer than the published version {latest}; raise `version` in course.toml"
    )]
    NotNewer {
        course_id: String,
        version: u32,
        latest: u32,
    },
}

pub fn enroll_code(
    store: impl Into<Location>,
    center: CenterInfo,
    config: &ServerConfig,
) -> Result<Vec<String>, CommandError> {
    if center.center_name.trim().is_empty() {
        return Err(CommandError::EmptyCenter);
    }
    let db = store.into().open()?;
    let code = new_enroll_code();
    let now = Utc::now();
    let expires = now + config.enroll_code_ttl;
    db.create_enroll_code(&enroll_code_hash(&code), &center, now, expires)?;
    Ok(vec![
        format!(
            "enrollment code for {} ({} {}), valid until {} (one use):",
            center.center_name,
            center.county,
            center.township,
            expires
                .with_timezone(&baeumteo_core::time::kst())
                .format("%Y-%m-%d %H:%M KST")
        ),
        format_enroll_code(&code),
    ])
}

pub fn revoke_kiosk(
    store: impl Into<Location>,
    kiosk_id: KioskId,
) -> Result<Vec<String>, CommandError> {
    let db = store.into().open()?;
    if !db.revoke_kiosk(kiosk_id, Utc::now())? {
        return Err(CommandError::NoSuchKiosk(kiosk_id));
    }
    Ok(vec![format!("kiosk {kiosk_id} revoked")])
}

pub fn list_kiosks(store: impl Into<Location>) -> Result<Vec<String>, CommandError> {
    let db = store.into().open()?;
    let mut lines = vec![
        "kiosk_id\tcounty\ttownship\tcenter\tevents\tacked_seq\tlast_sync\tclock_offset_ms\tstate"
            .to_string(),
    ];
    for k in db.kiosks()? {
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            k.kiosk.kiosk_id,
            k.kiosk.center.county,
            k.kiosk.center.township,
            k.kiosk.center.center_name,
            k.events,
            k.acked_seq,
            k.last_sync_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|| "-".into()),
            k.last_clock_offset_ms
                .map(|o| o.to_string())
                .unwrap_or_else(|| "-".into()),
            if k.kiosk.revoked_at.is_some() {
                "revoked"
            } else {
                "active"
            },
        ));
    }
    Ok(lines)
}

pub fn publish_course(store: impl Into<Location>, dir: &Path) -> Result<Vec<String>, CommandError> {
    let (course, package) = pack_course(dir)?;
    let db = store.into().open()?;
    match db.publish_course(&course.id, course.version, &package, Utc::now())? {
        Ok(update) => Ok(vec![format!(
            "published {} version {} ({} bytes, sha256 {})",
            update.course_id, update.version, update.size, update.sha256
        )]),
        Err(latest) => Err(CommandError::NotNewer {
            course_id: course.id,
            version: course.version,
            latest,
        }),
    }
}

pub fn admin_token(store: impl Into<Location>, name: &str) -> Result<Vec<String>, CommandError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CommandError::EmptyName);
    }
    let db = store.into().open()?;
    let token = new_token();
    db.create_admin_token(&token_hash(&token), name, Utc::now())?;
    Ok(vec![
        format!(
            "admin token for {name} (shown only now; sign in at /login, or send it as \
             `Authorization: Bearer`; views of personal data are logged under this name):"
        ),
        token,
    ])
}

pub fn revoke_admin(store: impl Into<Location>, name: &str) -> Result<Vec<String>, CommandError> {
    let db = store.into().open()?;
    match db.revoke_admin_tokens(name.trim(), Utc::now())? {
        0 => Err(CommandError::NoSuchAdmin(name.trim().to_string())),
        n => Ok(vec![format!(
            "{n} admin token(s) of {} revoked",
            name.trim()
        )]),
    }
}

pub fn access_log(store: impl Into<Location>, limit: u32) -> Result<Vec<String>, CommandError> {
    let db = store.into().open()?;
    let mut lines = vec!["at\twho\twhat\tpurpose".to_string()];
    for e in db.access_log(limit)? {
        lines.push(format!(
            "{}\t{}\t{}\t{}",
            e.at.with_timezone(&baeumteo_core::time::kst())
                .format("%Y-%m-%d %H:%M:%S KST"),
            e.who,
            e.what,
            e.purpose
        ));
    }
    Ok(lines)
}

/// `sync-server allowance --month YYYY-MM --out FILE`: the same settlement as the
/// dashboard's `/allowance.csv`, for a county officer at the server's console.
pub fn allowance(
    store: impl Into<Location>,
    month: &str,
    out: &Path,
    terms: crate::activists::AllowanceTerms,
) -> Result<Vec<String>, CommandError> {
    let month = baeumteo_core::projection::YearMonth::try_from(month.to_string())
        .map_err(|_| CommandError::BadMonth(month.to_string()))?;
    let db = store.into().open()?;
    let certificates = db.certificates()?;
    let facts = crate::activists::ActivistFacts::load(&*db, &certificates)?;
    let settled = crate::activists::allowance(&facts, &certificates, month, terms);
    let t = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
    let csv = crate::dashboard::allowance::csv_text(&t, &settled);
    // Beside, then renamed: an interrupted write never leaves half a settlement.
    let part = out.with_extension("csv.part");
    std::fs::write(&part, csv)
        .and_then(|()| std::fs::rename(&part, out))
        .map_err(|source| CommandError::Write {
            path: out.to_path_buf(),
            source,
        })?;
    let mut lines = vec![format!(
        "{} activists, {} confirmed minutes, {} paid minutes written to {}",
        settled.rows.len(),
        settled.confirmed_minutes,
        settled.paid_minutes,
        out.display()
    )];
    match settled.amount {
        Some(won) => lines.push(format!("total {won} won")),
        None => lines.push(
            "no hourly rate: amounts left blank (--hourly-rate or [county] allowance_hourly_rate)"
                .into(),
        ),
    }
    Ok(lines)
}

/// `sync-server migrate --from sqlite:DIR --to postgres://…`.
pub fn migrate(
    from: &str,
    to: &str,
    database_ca: Option<&Path>,
) -> Result<Vec<String>, CommandError> {
    let (Location::Sqlite(dir), Location::Postgres { url, .. }) =
        (Location::parse(from)?, Location::parse(to)?)
    else {
        return Err(CommandError::MigrateDirection(format!(
            "--from {} --to {}",
            Location::parse(from).map_or_else(|_| "?".into(), |l| l.to_string()),
            Location::parse(to).map_or_else(|_| "?".into(), |l| l.to_string())
        )));
    };
    let options = PostgresOptions {
        ca_file: database_ca.map(Path::to_path_buf),
        ..PostgresOptions::default()
    };
    let target = PostgresDatabase::connect(&url, &options)?;
    let report = sqlite_to_postgres(&dir, &target)?;
    let mut lines = report.lines;
    lines.push(format!(
        "copied {} events of {} kiosks from {} into {} ({} were already there); every kiosk checked",
        report.events_copied,
        report.kiosks,
        dir.display(),
        Location::postgres(url),
        report.events_already_there
    ));
    Ok(lines)
}

/// Course titles by id from a folder of courses; empty (ids shown) when it is missing.
pub fn course_titles(dir: &Path) -> std::collections::BTreeMap<String, String> {
    if !dir.is_dir() {
        tracing::info!(dir = %dir.display(), "no courses folder: pages show course ids");
        return Default::default();
    }
    let set = baeumteo_core::course::load_courses(dir);
    for p in &set.problems {
        tracing::warn!(problem = %p, "course not loaded for its title");
    }
    set.courses.into_iter().map(|c| (c.id, c.title)).collect()
}
