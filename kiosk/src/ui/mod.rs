//! The Slint UI of the kiosk. The `.slint` files hold layout and look; each
//! `connect_*` module wires one global's callbacks to the plain-Rust state machines.

slint::include_modules!();

pub mod app;
pub mod background;
pub mod connect_home;
pub mod connect_player;
pub mod connect_shell;
pub mod connect_signin;
pub mod deferred;
pub mod fit;
pub mod form;
pub mod icons;
pub mod instructor;
pub mod journal;
pub mod settings;
pub mod setup;
pub mod strings;
pub mod sync;
pub mod text;
