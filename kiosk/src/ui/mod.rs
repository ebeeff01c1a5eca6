//! The Slint UI of the kiosk. The `.slint` files hold layout and look (screens under
//! `ui/screens/`, shared pieces under `ui/widgets/`, every global under `ui/globals/`);
//! Rust holds state and logic.
//!
//! Naming: a module that wires a global's callbacks to the plain-Rust state machines is
//! called `connect_<what it wires>` and has a `connect` function (`connect_signin`,
//! `instructor::connect_class`, …); every other module is named after what it holds
//! (`journal`, `paging`, `text`, …).

slint::include_modules!();

pub mod app;
pub mod background;
pub mod background_sync;
pub mod connect_home;
pub mod connect_keyboard;
pub mod connect_player;
pub mod connect_setup;
pub mod connect_shell;
pub mod connect_signin;
pub mod context;
pub mod deferred;
pub mod fit;
pub mod form;
pub mod icons;
pub mod instructor;
pub mod journal;
pub mod look;
pub mod paging;
pub mod settings;
pub mod strings;
pub mod text;
