//! The configuration file (`/etc/baeumteo/sync-server.toml` when installed): what the
//! command line can say, written down once for the systemd unit and for every command
//! county staff run. A flag on the command line wins over the file.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::ServerConfig;
use crate::cli::Cli;

/// Where the installed package puts the file; read when it exists and no `--config`
/// names another.
pub const DEFAULT_PATH: &str = "/etc/baeumteo/sync-server.toml";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

/// How log lines are written: for a person, or one JSON object a line for journald's
/// and log shippers' parsers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The file's contents; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub listen: Option<SocketAddr>,
    pub data_dir: Option<PathBuf>,
    /// `postgres://USER@HOST/DB` instead of the SQLite store (docs/postgresql.md).
    pub database: Option<String>,
    pub database_ca: Option<PathBuf>,
    pub courses: Option<PathBuf>,
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
    #[serde(default)]
    pub secure_cookie: bool,
    pub log_format: Option<LogFormat>,
    #[serde(default)]
    pub county: CountySettings,
}

/// Settings of the county the server serves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountySettings {
    /// The county (군) that `enroll-code` uses when `--county` is not given.
    pub name: Option<String>,
    /// How many days a new enrollment code stays valid (default 7).
    pub enroll_code_days: Option<u32>,
    /// How many hours a staff sign-in lasts (default 8).
    pub staff_session_hours: Option<u32>,
    /// Won per confirmed hour of an activist's service (활동비); unset leaves amounts blank.
    pub allowance_hourly_rate: Option<u32>,
    /// Most service hours paid per activist per month.
    pub allowance_cap_hours: Option<u32>,
}

impl ConfigFile {
    /// `explicit` when given (it must exist); else the default path when it exists;
    /// else an empty configuration.
    pub fn load(explicit: Option<&Path>) -> Result<ConfigFile, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if Path::new(DEFAULT_PATH).is_file() => PathBuf::from(DEFAULT_PATH),
            None => return Ok(ConfigFile::default()),
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        ConfigFile::parse(&text).map_err(|message| ConfigError::Parse { path, message })
    }

    pub fn parse(text: &str) -> Result<ConfigFile, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// What one run uses: the command line, over the file, over the defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database: Option<String>,
    pub database_ca: Option<PathBuf>,
    pub listen: SocketAddr,
    pub courses: PathBuf,
    pub log_format: LogFormat,
    /// The county `enroll-code` uses when `--county` is not given.
    pub county: Option<String>,
    pub server: ServerConfig,
}

impl Settings {
    pub fn resolve(cli: &Cli, file: ConfigFile) -> Settings {
        let mut server = ServerConfig {
            trusted_proxies: if cli.trusted_proxies.is_empty() {
                file.trusted_proxies
            } else {
                cli.trusted_proxies.clone()
            },
            cookie_secure: cli.secure_cookie || file.secure_cookie,
            ..ServerConfig::default()
        };
        if let Some(days) = file.county.enroll_code_days {
            server.enroll_code_ttl = chrono::Duration::days(i64::from(days.max(1)));
        }
        server.allowance = crate::activists::AllowanceTerms {
            hourly_rate: file.county.allowance_hourly_rate,
            cap_hours: file.county.allowance_cap_hours,
        };
        if let Some(hours) = file.county.staff_session_hours {
            server.staff_session_ttl = chrono::Duration::hours(i64::from(hours.max(1)));
        }
        Settings {
            data_dir: cli
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("sync-data")),
            database: cli.database.clone().or(file.database),
            database_ca: cli.database_ca.clone().or(file.database_ca),
            listen: cli
                .listen
                .or(file.listen)
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            courses: cli
                .courses
                .clone()
                .or(file.courses)
                .unwrap_or_else(crate::paths::courses_dir),
            log_format: cli.log_format.or(file.log_format).unwrap_or_default(),
            county: file.county.name,
            server,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn the_command_line_wins_over_the_file_and_the_file_over_the_defaults() {
        let file = ConfigFile::parse(
            "listen = \"0.0.0.0:9000\"\ndata_dir = \"/srv/a\"\n[county]\nname = \"영양군\"\nenroll_code_days = 3\n",
        )
        .unwrap();
        let cli = Cli::parse_from(["sync-server", "--data-dir", "/srv/b"]);
        let s = Settings::resolve(&cli, file);
        assert_eq!(s.data_dir, PathBuf::from("/srv/b"));
        assert_eq!(s.listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(s.county.as_deref(), Some("영양군"));
        assert_eq!(s.server.enroll_code_ttl, chrono::Duration::days(3));
        assert_eq!(s.log_format, LogFormat::Text);
        let bare = Settings::resolve(&Cli::parse_from(["sync-server"]), ConfigFile::default());
        assert_eq!(bare.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(bare.data_dir, PathBuf::from("sync-data"));
    }

    #[test]
    fn the_shipped_example_parses_and_says_what_the_defaults_are() {
        let text = include_str!("../debian/sync-server.toml");
        let config = ConfigFile::parse(text).unwrap();
        assert_eq!(config.listen, Some("127.0.0.1:8080".parse().unwrap()));
        assert_eq!(
            config.data_dir,
            Some(PathBuf::from("/var/lib/baeumteo-sync-server"))
        );
    }

    #[test]
    fn every_key_of_the_example_parses_when_uncommented() {
        // Settings are commented out as `#key = …`, prose as `# …`.
        let uncommented: String = include_str!("../debian/sync-server.toml")
            .lines()
            .map(|l| match l.strip_prefix('#') {
                Some(rest) if !rest.starts_with(' ') && !rest.is_empty() => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = ConfigFile::parse(&uncommented).unwrap();
        assert_eq!(
            config.trusted_proxies,
            vec!["127.0.0.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(config.county.name.as_deref(), Some("영양군"));
        assert_eq!(config.log_format, Some(LogFormat::Json));
        assert_eq!(config.county.allowance_hourly_rate, Some(10_000));
        assert_eq!(config.county.allowance_cap_hours, Some(40));
    }

    #[test]
    fn a_misspelt_key_is_refused_with_its_name() {
        let e = ConfigFile::parse("listn = \"127.0.0.1:8080\"").unwrap_err();
        assert!(e.contains("listn"), "{e}");
    }
}
