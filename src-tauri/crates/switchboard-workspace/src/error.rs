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
    /// A vendor refused or failed a call (test connection, a sync's setup).
    #[error(transparent)]
    Api(#[from] switchboard_connectors::ApiError),
    #[error(transparent)]
    Secret(#[from] switchboard_connectors::SecretError),
    #[error(transparent)]
    NotConnected(#[from] switchboard_connectors::settings::Missing),
    #[error("{0} is already syncing; wait for it to finish or cancel it")]
    SyncRunning(String),
    #[error("could not write {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
