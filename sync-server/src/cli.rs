//! The command line of `sync-server`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config_file::LogFormat;
use uuid::Uuid;

#[derive(Debug, Parser)]
#[command(
    name = "sync-server",
    version,
    about = "배움터 키오스크 — county sync server"
)]
pub struct Cli {
    /// Configuration file (default: /etc/baeumteo/sync-server.toml when it exists).
    /// Flags on the command line win over it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder holding the server's database, created when missing (default:
    /// `data_dir` of the configuration file, else ./sync-data).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// The PostgreSQL database to use instead of the SQLite store in the data folder,
    /// as `postgres://USER@HOST/DB` (see docs/postgresql.md). Better given in the
    /// environment than on the command line when it holds a password: other users of
    /// the machine can read a process's arguments.
    #[arg(
        long,
        global = true,
        env = "BAEUMTEO_DATABASE",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub database: Option<String>,
    /// PEM file of the certificate authority that signed the database's TLS
    /// certificate (without it, the public web's roots). The database's certificate is
    /// always checked, name included; add `?sslmode=require` to the URL to refuse a
    /// database that does not offer TLS.
    #[arg(long, global = true, env = "BAEUMTEO_DATABASE_CA", value_name = "FILE")]
    pub database_ca: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1:8080). Put a TLS-terminating reverse
    /// proxy in front of it in production (see the README).
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Folder of course folders, for course titles on the dashboard and the verify page
    /// (default: the courses installed with the server, else ./courses; course ids are
    /// shown without it).
    #[arg(long)]
    pub courses: Option<PathBuf>,
    /// Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto headers
    /// are believed (repeat for several). Without it, throttling and the loopback check
    /// see only the address that connected.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<IpAddr>,
    /// Always mark the staff sign-in cookie Secure (the dashboard is reached over HTTPS
    /// only). Without it, Secure is set when a trusted proxy says the request was HTTPS.
    #[arg(long)]
    pub secure_cookie: bool,
    /// Log lines for a person (text) or one JSON object a line for journald and log
    /// shippers (json). Default: text.
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and dashboard (what runs without a subcommand).
    Serve,
    /// Make a one-time enrollment code for a center (valid 7 days); printed on the last line.
    EnrollCode {
        #[arg(long)]
        center: String,
        /// The county (default: `[county] name` of the configuration file).
        #[arg(long)]
        county: Option<String>,
        #[arg(long, default_value = "")]
        township: String,
    },
    /// Revoke a kiosk's device token: every request with it is refused from now on.
    RevokeKiosk { kiosk_id: Uuid },
    /// List enrolled kiosks and when each last synced.
    ListKiosks,
    /// Make an admin token for a member of county staff (shown once, stored hashed):
    /// it opens the dashboard's views with personal data, and every such view is logged
    /// under this name.
    AdminToken {
        #[arg(long)]
        name: String,
    },
    /// Revoke every admin token made for this name (someone who left, a lost token).
    RevokeAdmin {
        #[arg(long)]
        name: String,
    },
    /// Write a month's activity allowance settlement of the activists (confirmed service
    /// hours, paid hours after the cap, rate, amount, totals) as CSV for Excel.
    Allowance {
        /// The month to settle, `YYYY-MM`.
        #[arg(long)]
        month: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Won per confirmed hour (default: `[county] allowance_hourly_rate`).
        #[arg(long)]
        hourly_rate: Option<u32>,
        /// Most hours paid per activist per month (default: `[county] allowance_cap_hours`).
        #[arg(long)]
        cap_hours: Option<u32>,
    },
    /// Print who viewed personal data on the dashboard, when, what and why (newest first).
    AccessLog {
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Validate a course folder and publish it as a new package version for every kiosk.
    PublishCourse { dir: PathBuf },
    /// Copy a county's SQLite store into a PostgreSQL database and check every kiosk's
    /// events arrived (count and checksum). Safe to re-run; several counties' stores
    /// can be copied into one database. Stop the county's server first.
    Migrate {
        /// The store to copy: `sqlite:DIR`, DIR being the server's data folder.
        #[arg(long, value_name = "sqlite:DIR")]
        from: String,
        /// The database to copy into: `postgres://USER@HOST/DB`.
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// Copy the database to FILE, consistent as of one moment, while the server runs.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Put a backup in place as the database. Refused while a server runs on the data
    /// folder; over an existing database only with --force (the current one is kept
    /// beside it).
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        #[arg(long)]
        force: bool,
    },
}
