//! Sync with the county server: enrollment, push of this kiosk's events, pull of the
//! county's changes, course updates, and the background thread that does it all without
//! the UI ever waiting.
//!
//! One attempt is [`sync_once`]: push every unsent event in batches (the server keeps
//! each at most once, so a cut or repeated batch is harmless), then pull the change feed
//! from the stored cursor, then install announced course packages. Progress is saved
//! after every answer, so an attempt killed at any point loses nothing and repeats
//! nothing harmful.

mod backoff;
mod client;
pub mod commands;
mod courses;
mod engine;
mod failure;
mod status;
mod worker;

pub use backoff::backoff_delay;
pub use client::{SyncClient, check_server_url};
pub use courses::{CourseInstallError, install_course};
pub use engine::{ProgressSink, SyncOptions, SyncProgress, SyncReport, enroll, sync_once};
pub use failure::SyncFailure;
pub use status::SyncStatus;
pub use worker::{SyncWorker, WorkerOptions};
