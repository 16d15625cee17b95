//! The store's one error type.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("workspace file not found: {}", .0.display())]
    NotFound(PathBuf),
    #[error("{} already exists", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{} is not a Switchboard workspace", .0.display())]
    NotAWorkspace(PathBuf),
    #[error(
        "{} was written by a newer Switchboard (schema {found}, this version reads up to {supported}); \
         update Switchboard to open it",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("the database failed")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the schema upgrade failed")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("a stored value is invalid")]
    Invalid(#[from] switchboard_core::ParseError),
    #[error("stored JSON is invalid")]
    Json(#[from] serde_json::Error),
    #[error("a source named `{0}` already exists; choose another name")]
    DuplicateSource(String),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Segment(#[from] crate::segments::SegmentError),
    #[error("the database was closed")]
    Closed,
}
