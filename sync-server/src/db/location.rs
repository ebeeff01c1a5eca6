//! Where a server's store is: the SQLite file in a data folder (the default), or a
//! PostgreSQL database named by URL (`--database postgres://USER@HOST/DB`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Database, DbError, PostgresDatabase, PostgresOptions, SqliteDatabase};

#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    /// A libpq-style URL (it may hold a password, so it is never printed: see `Debug`),
    /// and the certificate authority of the database's TLS certificate, if private.
    Postgres {
        url: String,
        ca_file: Option<PathBuf>,
    },
}

/// Whether a value names a PostgreSQL database.
pub fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

impl Location {
    /// The store `--database` names, or without it the SQLite store in `data_dir`.
    pub fn from_args(
        database: Option<&str>,
        database_ca: Option<&Path>,
        data_dir: &Path,
    ) -> Result<Location, DbError> {
        match database {
            None => Ok(Location::Sqlite(data_dir.to_path_buf())),
            Some(url) => Ok(Location::parse(url)?.with_ca(database_ca)),
        }
    }

    /// A PostgreSQL database at `url` with the public roots for TLS.
    pub fn postgres(url: impl Into<String>) -> Location {
        Location::Postgres {
            url: url.into(),
            ca_file: None,
        }
    }

    /// The same, trusting `ca` for the database's certificate (PostgreSQL only).
    pub fn with_ca(self, ca: Option<&Path>) -> Location {
        match self {
            Location::Postgres { url, ca_file } => Location::Postgres {
                url,
                ca_file: ca.map(Path::to_path_buf).or(ca_file),
            },
            other => other,
        }
    }

    /// `postgres://…` / `postgresql://…`, or `sqlite:DIR` (a data folder), as
    /// `sync-server migrate --from/--to` takes them.
    pub fn parse(s: &str) -> Result<Location, DbError> {
        if is_postgres_url(s) {
            Ok(Location::postgres(s))
        } else if let Some(dir) = s.strip_prefix("sqlite:") {
            Ok(Location::Sqlite(PathBuf::from(dir)))
        } else {
            Err(DbError::BadLocation(s.chars().take(40).collect()))
        }
    }

    pub fn open(&self) -> Result<Arc<dyn Database>, DbError> {
        Ok(match self {
            Location::Sqlite(dir) => Arc::new(SqliteDatabase::open_in(dir)?),
            Location::Postgres { url, ca_file } => Arc::new(PostgresDatabase::connect(
                url,
                &PostgresOptions {
                    ca_file: ca_file.clone(),
                    ..PostgresOptions::default()
                },
            )?),
        })
    }
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string())
    }
}

/// For logs: the folder, or the database's host and name without user or password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(dir) => write!(f, "sqlite:{}", dir.display()),
            Location::Postgres { url, .. } => {
                let rest = url.split_once("://").map_or("", |(_, r)| r);
                let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
                let rest = rest.split('?').next().unwrap_or("");
                write!(f, "postgres://{rest}")
            }
        }
    }
}

impl From<&Path> for Location {
    fn from(dir: &Path) -> Location {
        Location::Sqlite(dir.to_path_buf())
    }
}

impl From<&PathBuf> for Location {
    fn from(dir: &PathBuf) -> Location {
        Location::Sqlite(dir.clone())
    }
}

impl From<&Location> for Location {
    fn from(l: &Location) -> Location {
        l.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_is_postgres_a_folder_is_sqlite_and_a_password_is_never_shown() {
        let l =
            Location::parse("postgres://baeumteo:s3cret@db.example:5432/county?sslmode=require")
                .unwrap();
        assert_eq!(l.to_string(), "postgres://db.example:5432/county");
        assert!(!format!("{l:?}").contains("s3cret"));
        assert_eq!(
            Location::parse("sqlite:/var/lib/x").unwrap(),
            Location::Sqlite("/var/lib/x".into())
        );
        assert!(Location::parse("mysql://x").is_err());
        assert_eq!(
            Location::from_args(None, None, Path::new("d")).unwrap(),
            Location::Sqlite("d".into())
        );
    }
}
