//! What the kiosk's store and the server's SQLite store do alike, written once: opening a
//! database with the pragmas that make a write survive a power cut, the migration runner
//! that refuses a newer schema, the stored time format, the lock and the owner check of
//! a data folder, and the consistent copy behind `backup`. Each store keeps its own
//! `.sql` migrations and its own errors.

pub mod copy;
pub mod data_folder;
pub mod migrate;
pub mod open;
pub mod time;

pub use data_folder::{DataFolder, DataLock, ForeignFolder, LockError};
pub use migrate::{Migration, NewerSchema, migrate};
