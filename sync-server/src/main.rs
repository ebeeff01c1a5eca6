//! `sync-server`: parses the command line and hands over to the library.

use std::process::ExitCode;

use baeumteo_core::wire::CenterInfo;
use clap::Parser;
use sync_server::cli::{Cli, Command};
use sync_server::db::Location;
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
    let store = match Location::from_args(
        cli.database.as_deref(),
        cli.database_ca.as_deref(),
        &cli.data_dir,
    ) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("sync-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        None | Some(Command::Serve) => return serve(&cli, &store, config),
        Some(Command::EnrollCode {
            center,
            county,
            township,
        }) => commands::enroll_code(
            &store,
            CenterInfo {
                center_name: center,
                county,
                township,
            },
            &config,
        ),
        Some(Command::RevokeKiosk { kiosk_id }) => commands::revoke_kiosk(&store, kiosk_id),
        Some(Command::ListKiosks) => commands::list_kiosks(&store),
        Some(Command::AdminToken { name }) => commands::admin_token(&store, &name),
        Some(Command::RevokeAdmin { name }) => commands::revoke_admin(&store, &name),
        Some(Command::AccessLog { limit }) => commands::access_log(&store, limit),
        Some(Command::PublishCourse { dir }) => commands::publish_course(&store, &dir),
        Some(Command::Migrate { from, to }) => {
            commands::migrate(&from, &to, cli.database_ca.as_deref())
        }
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

fn serve(cli: &Cli, store: &Location, config: ServerConfig) -> ExitCode {
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
        let listener = tokio::net::TcpListener::bind(cli.listen).await?;
        tracing::info!(addr = %listener.local_addr()?, store = %store, "sync server listening");
        let state =
            AppState::new(db, config).with_course_titles(commands::course_titles(&cli.courses));
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
