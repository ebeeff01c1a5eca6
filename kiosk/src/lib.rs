//! The kiosk: local event store, course loading, lesson player, narration, sync client
//! and the Slint UI. The binary in `main.rs` only parses the command line.

pub mod catalog;
pub mod cli;
pub mod hangul;
pub mod paths;
pub mod player;
pub mod signin;
pub mod idle;
pub mod store;
pub mod sync;
pub mod ui;
