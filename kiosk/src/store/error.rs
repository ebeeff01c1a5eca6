use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path} is not a kiosk database (it is some other kind of file)")]
    NotADatabase { path: PathBuf },
    #[error("{path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer version of the kiosk (schema {found}, this version knows up to {supported}); update the kiosk"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot create the data folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("event {id} of kiosk {kiosk_id} claims seq {seq}, which holds a different event")]
    Conflict {
        id: uuid::Uuid,
        kiosk_id: uuid::Uuid,
        seq: u64,
    },
    #[error("event {id} from the server is refused: {reason}")]
    Refused { id: uuid::Uuid, reason: String },
    #[error("cannot make {path} private to the kiosk's user: {source}")]
    Permissions {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("a stored event does not read back: {0}")]
    BadRow(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot encode an event: {0}")]
    Json(#[from] serde_json::Error),
}
