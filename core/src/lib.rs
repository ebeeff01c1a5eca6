//! baeumteo-core: the domain of 배움터 키오스크. No UI, no HTTP, no database driver: the
//! course model and validator, the event log's types, the projections computed from it,
//! sync wire types and i18n. Kiosk and server both call these rules; neither copies them.

pub mod course;
pub mod event;
pub mod i18n;
pub mod projection;
pub mod signing;
pub mod suppression;
pub mod text;
pub mod time;
pub mod wire;
