//! The county's sync server: the HTTP API kiosks sync with, the kiosk dashboard, and
//! the commands county staff run (enrollment codes, revocation, course publishing).
//! `main.rs` only parses the command line; tests start the same server in-process.

pub mod api;
pub mod background;
pub mod cli;
pub mod commands;
pub mod config;
pub mod course_package;
pub mod dashboard;
pub mod db;
pub mod rate_limit;
pub mod secrets;

use std::future::Future;

pub use api::{AppState, router};
pub use config::ServerConfig;

/// Serves the API on `listener` until `shutdown` resolves; requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
