//! A server on its own thread and runtime, for tests and for embedding next to blocking
//! code (the kiosk's sync client is blocking).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::db::{Database, Location};
use crate::{AppState, ServerConfig};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("cannot start the server: {0}")]
    Io(#[from] std::io::Error),
}

pub struct BackgroundServer {
    pub addr: SocketAddr,
    pub db: Arc<dyn Database>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundServer {
    /// Opens the SQLite store in `data_dir` and listens on `listen` (port 0: any).
    pub fn start(
        data_dir: &Path,
        listen: SocketAddr,
        config: ServerConfig,
    ) -> Result<BackgroundServer, StartError> {
        Self::start_on(&Location::Sqlite(data_dir.to_path_buf()), listen, config)
    }

    /// Opens the store at `store` (SQLite or PostgreSQL) and listens on `listen`.
    pub fn start_on(
        store: &Location,
        listen: SocketAddr,
        config: ServerConfig,
    ) -> Result<BackgroundServer, StartError> {
        let db = store.open()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(listen))?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let state = AppState::new(db.clone(), config);
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                tokio::select! {
                    result = crate::serve(listener, state, std::future::pending()) => {
                        if let Err(e) = result {
                            tracing::error!(error = %e, "server stopped");
                        }
                    }
                    _ = rx => {}
                }
            });
            // Drop in-flight connections at once, as a crash would: tests use a stop
            // to prove that an interrupted request leaves nothing half-done.
            runtime.shutdown_background();
        });
        Ok(BackgroundServer {
            addr,
            db,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops at once (connections in flight are dropped) and waits for the thread.
    pub fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        self.stop_inner();
    }
}
