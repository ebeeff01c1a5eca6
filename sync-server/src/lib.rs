//! The county's sync server: the HTTP API kiosks sync with, the kiosk dashboard, and
//! the commands county staff run (enrollment codes, revocation, course publishing).
//! `main.rs` only parses the command line; tests start the same server in-process.

pub mod admin;
pub mod api;
pub mod authority;
pub mod background;
pub mod cli;
pub mod commands;
pub mod config;
pub mod course_package;
pub mod dashboard;
pub mod db;
pub mod rate_limit;
pub mod secrets;
pub mod statistics;
#[doc(hidden)]
pub mod testkit;
pub mod verify;

use std::future::Future;

pub use api::{AppState, router};
pub use config::ServerConfig;

/// Serves the API on `listener` until `shutdown` resolves; requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Connect info lets the dashboard tell the server's own machine from others.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
