//! The kiosk: local event store, course loading, lesson player, narration, sync client
//! and the Slint UI. The binary in `main.rs` only parses the command line and hands it
//! to `commands`.

pub mod backup;
pub mod catalog;
pub mod certificate;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod fonts;
pub mod hangul;
pub mod idle;
pub mod installed_courses;
pub mod instructor;
pub mod narration;
pub mod paths;
pub mod player;
pub mod report;
pub mod screenshots;
pub mod signin;
pub mod simulate;
pub mod store;
pub mod sync;
pub mod ui;

/// When the process started (set first thing in `main`), for start-up figures.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
