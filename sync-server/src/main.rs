//! `sync-server`: parses the command line and hands over to the library.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use baeumteo_core::wire::CenterInfo;
use clap::Parser;
use sync_server::cli::{Cli, Command};
use sync_server::config_file::{ConfigFile, LogFormat, Settings};
use sync_server::data_lock::DataLock;
use sync_server::db::{Database, SqliteDatabase};
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
    if let Err(e) = sync_server::owner::check(data_dir) {
        eprintln!("sync-server: {e}");
        return ExitCode::FAILURE;
    }
    let result = match cli.command {
        None | Some(Command::Serve) => return serve(&settings),
        Some(Command::EnrollCode {
            center,
            county,
            township,
        }) => commands::enroll_code(
            data_dir,
            CenterInfo {
                center_name: center,
                county: county.or(settings.county.clone()).unwrap_or_default(),
                township,
            },
            &settings.server,
        ),
        Some(Command::RevokeKiosk { kiosk_id }) => commands::revoke_kiosk(data_dir, kiosk_id),
        Some(Command::ListKiosks) => commands::list_kiosks(data_dir),
        Some(Command::AdminToken { name }) => commands::admin_token(data_dir, &name),
        Some(Command::RevokeAdmin { name }) => commands::revoke_admin(data_dir, &name),
        Some(Command::AccessLog { limit }) => commands::access_log(data_dir, limit),
        Some(Command::PublishCourse { dir }) => commands::publish_course(data_dir, &dir),
        Some(Command::Backup { out }) => backup::backup(data_dir, &out)
            .map(|c| {
                vec![format!(
                    "backup of {} written to {} ({} bytes, {} events, {} kiosks)",
                    data_dir.display(),
                    c.path.display(),
                    c.bytes,
                    c.events,
                    c.kiosks
                )]
            })
            .map_err(Into::into),
        Some(Command::Restore { from, force }) => backup::restore(data_dir, &from, force)
            .map(|c| {
                vec![format!(
                    "restored {} into {} ({} events, {} kiosks); kiosks send again what it lacks at their next sync",
                    from.display(),
                    c.path.display(),
                    c.events,
                    c.kiosks
                )]
            })
            .map_err(Into::into),
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

fn serve(settings: &Settings) -> ExitCode {
    let data_dir = &settings.data_dir;
    // Held until the process ends: no second server, and no restore, underneath.
    let _lock = match DataLock::acquire(data_dir) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let db = match SqliteDatabase::open_in(data_dir) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    if db.live_admin_tokens().unwrap_or(0) == 0 {
        tracing::info!(
            "no admin token yet: the activist registry stays closed until one is made with \
             `sync-server admin-token --name NAME --data-dir {}`",
            data_dir.display()
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
            data = %data_dir.display(),
            courses = %settings.courses.display(),
            version = env!("CARGO_PKG_VERSION"),
            "sync server listening"
        );
        let state = AppState::new(Arc::new(db), settings.server.clone())
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
