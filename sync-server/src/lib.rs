//! The county's sync server: the HTTP API kiosks sync with, the kiosk dashboard, and
//! the commands county staff run (enrollment codes, revocation, course publishing).
//! `main.rs` only parses the command line; tests start the same server in-process.

pub mod activists;
pub mod admin;
pub mod api;
pub mod authority;
pub mod background;
pub mod backup;
pub mod breakdown;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_file;
pub mod course_package;
pub mod dashboard;
pub mod db;
pub mod paths;
pub mod rate_limit;
pub mod secrets;
mod serve;
pub mod statistics;
#[doc(hidden)]
pub mod testkit;
pub mod verify;

use std::future::Future;

pub use api::{AppState, router};
pub use config::ServerConfig;

/// Serves the API on `listener` until `shutdown` resolves; requests in flight finish.
///
/// Connections are served here rather than by `axum::serve`, which has no timeouts: a
/// client that trickles its headers, or opens connections and sends nothing, would
/// hold them (and a task each) for ever. Each connection gets the config's
/// `header_read_timeout` (hyper's own timer) and `idle_timeout` (a watchdog here).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let timeouts = serve::Timeouts {
        header_read: state.config.header_read_timeout,
        idle: state.config.idle_timeout,
    };
    serve::serve(listener, router(state), timeouts, shutdown).await
}
