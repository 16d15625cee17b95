//! The workspace API's one error type.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] switchboard_store::Error),
    #[error("{0}")]
    InvalidOptions(String),
    #[error("{0}")]
    Missing(String),
    #[error(transparent)]
    Archive(#[from] switchboard_ingest::archive::ArchiveError),
    #[error("could not encode a message")]
    Json(#[from] serde_json::Error),
    #[error("could not write {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
