//! `sync-server`: parses the command line and hands over to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use baeumteo_core::wire::CenterInfo;
use baeumteo_storage::DataLock;
use clap::Parser;
use sync_server::cli::{Cli, Command};
use sync_server::config_file::{ConfigFile, LogFormat, Settings};
use sync_server::db::Location;
use sync_server::{AppState, backup, commands};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let file = match ConfigFile::load(cli.config.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings::resolve(&cli, file);
    init_logging(settings.log_format);
    let data_dir = &settings.data_dir;
    if let Err(e) =
        baeumteo_storage::data_folder::check_owner(data_dir, &sync_server::paths::DATA_FOLDER)
    {
        eprintln!("sync-server: {e}");
        return ExitCode::FAILURE;
    }
    let store = match Location::from_args(
        settings.database.as_deref(),
        settings.database_ca.as_deref(),
        data_dir,
    ) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Backups of a PostgreSQL store are the database's own (pg_dump, PITR).
    let sqlite_only = |what: &str| -> Result<(), commands::CommandError> {
        match store {
            Location::Sqlite(_) => Ok(()),
            Location::Postgres { .. } => Err(commands::CommandError::NotOnPostgres(what.into())),
        }
    };
    let result = match cli.command {
        None | Some(Command::Serve) => return serve(&settings, &store),
        Some(Command::EnrollCode {
            center,
            county,
            township,
        }) => commands::enroll_code(
            &store,
            CenterInfo {
                center_name: center,
                county: county.or(settings.county.clone()).unwrap_or_default(),
                township,
            },
            &settings.server,
        ),
        Some(Command::RevokeKiosk { kiosk_id }) => commands::revoke_kiosk(&store, kiosk_id),
        Some(Command::ListKiosks) => commands::list_kiosks(&store),
        Some(Command::AdminToken { name }) => commands::admin_token(&store, &name),
        Some(Command::RevokeAdmin { name }) => commands::revoke_admin(&store, &name),
        Some(Command::AccessLog { limit }) => commands::access_log(&store, limit),
        Some(Command::Allowance {
            month,
            out,
            hourly_rate,
            cap_hours,
        }) => commands::allowance(
            &store,
            &month,
            &out,
            sync_server::activists::AllowanceTerms {
                hourly_rate: hourly_rate.or(settings.server.allowance.hourly_rate),
                cap_hours: cap_hours.or(settings.server.allowance.cap_hours),
            },
        ),
        Some(Command::PublishCourse { dir }) => commands::publish_course(&store, &dir),
        Some(Command::Migrate { from, to }) => {
            commands::migrate(&from, &to, settings.database_ca.as_deref())
        }
        Some(Command::Backup { out }) => sqlite_only("backup")
            .and_then(|()| backup::backup(data_dir, &out).map_err(Into::into))
            .map(|c| {
                vec![format!(
                    "backup of {} written to {} ({} bytes, {} events, {} kiosks)",
                    data_dir.display(),
                    c.path.display(),
                    c.bytes,
                    c.events,
                    c.kiosks
                )]
            }),
        Some(Command::Restore { from, force }) => sqlite_only("restore")
            .and_then(|()| backup::restore(data_dir, &from, force).map_err(Into::into))
            .map(|c| {
                vec![format!(
                    "restored {} into {} ({} events, {} kiosks); kiosks send again what it lacks at their next sync",
                    from.display(),
                    c.path.display(),
                    c.events,
                    c.kiosks
                )]
            }),
    };
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sync-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colour codes only for a person at a terminal, never into journald's lines.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        // journald stamps each line itself; the JSON carries its own time anyway.
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

fn serve(settings: &Settings, store: &Location) -> ExitCode {
    // Held until the process ends: no second server, and no restore, underneath. (Several
    // servers may share one PostgreSQL database.)
    let _lock = match store {
        Location::Sqlite(dir) => match DataLock::acquire(dir, &sync_server::paths::DATA_FOLDER) {
            Ok(lock) => Some(lock),
            Err(e) => {
                eprintln!("sync-server: {e}");
                return ExitCode::FAILURE;
            }
        },
        Location::Postgres { .. } => None,
    };
    let db = match store.open() {
        Ok(db) => db,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    if db.live_admin_tokens().unwrap_or(0) == 0 {
        tracing::info!(
            "no admin token yet: the activist registry stays closed until one is made with \
             `sync-server admin-token --name NAME` with the same --data-dir or --database"
        );
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sync-server: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(settings.listen).await?;
        tracing::info!(
            addr = %listener.local_addr()?,
            store = %store,
            courses = %settings.courses.display(),
            version = env!("CARGO_PKG_VERSION"),
            "sync server listening"
        );
        let state = AppState::new(db, settings.server.clone())
            .with_course_titles(commands::course_titles(&settings.courses));
        sync_server::serve(listener, state, shutdown_signal()).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sync-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C, or SIGTERM from `systemctl stop`: requests in flight finish first.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
