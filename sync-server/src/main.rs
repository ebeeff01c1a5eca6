//! `sync-server`: parses the command line and hands over to the library.

use std::process::ExitCode;
use std::sync::Arc;

use baeumteo_core::wire::CenterInfo;
use clap::Parser;
use sync_server::cli::{Cli, Command};
use sync_server::db::{Database, SqliteDatabase};
use sync_server::{AppState, ServerConfig, commands};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let config = ServerConfig {
        trusted_proxies: cli.trusted_proxies.clone(),
        cookie_secure: cli.secure_cookie,
        ..ServerConfig::default()
    };
    let result = match cli.command {
        None | Some(Command::Serve) => return serve(&cli, config),
        Some(Command::EnrollCode {
            center,
            county,
            township,
        }) => commands::enroll_code(
            &cli.data_dir,
            CenterInfo {
                center_name: center,
                county,
                township,
            },
            &config,
        ),
        Some(Command::RevokeKiosk { kiosk_id }) => commands::revoke_kiosk(&cli.data_dir, kiosk_id),
        Some(Command::ListKiosks) => commands::list_kiosks(&cli.data_dir),
        Some(Command::AdminToken { name }) => commands::admin_token(&cli.data_dir, &name),
        Some(Command::RevokeAdmin { name }) => commands::revoke_admin(&cli.data_dir, &name),
        Some(Command::AccessLog { limit }) => commands::access_log(&cli.data_dir, limit),
        Some(Command::PublishCourse { dir }) => commands::publish_course(&cli.data_dir, &dir),
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

fn serve(cli: &Cli, config: ServerConfig) -> ExitCode {
    let db = match SqliteDatabase::open_in(&cli.data_dir) {
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
            cli.data_dir.display()
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
        let listener = tokio::net::TcpListener::bind(cli.listen).await?;
        tracing::info!(addr = %listener.local_addr()?, data = %cli.data_dir.display(), "sync server listening");
        let state = AppState::new(Arc::new(db), config)
            .with_course_titles(commands::course_titles(&cli.courses));
        sync_server::serve(listener, state, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sync-server: {e}");
            ExitCode::FAILURE
        }
    }
}
