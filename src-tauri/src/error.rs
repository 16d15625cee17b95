//! The one error shape that crosses IPC: `{ code, message }`, with a closed set of codes. The
//! message says what went wrong and what to do in one sentence; the full chain goes to the log.

use serde::Serialize;
use switchboard_workspace::{Error, SegmentError, StoreError};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ErrorCode.ts")]
pub enum ErrorCode {
    NotFound,
    NotAWorkspace,
    NewerSchema,
    NotReady,
    /// The input was refused (bad plan JSON, empty or taken name, port in use); the message says what to change.
    InvalidInput,
    /// A vendor refused or failed a call (bad key, rate limited, unreachable); the message says which and what to do.
    Vendor,
    /// A connector lacks a field or key; the message names it.
    NotConnected,
    /// The keychain or the key file could not be used.
    Secrets,
    /// A sync of that tool is already running.
    Busy,
    Io,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export_to = "IpcError.ts")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError { code, message: message.into() }
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> IpcError {
        tracing::error!(error = ?e, "workspace call failed");
        let (code, message) = match &e {
            Error::Store(StoreError::NotFound(_)) => {
                (ErrorCode::NotFound, format!("{e}. Restart Switchboard to create a demo workspace."))
            }
            Error::Store(StoreError::NotAWorkspace(_)) => (
                ErrorCode::NotAWorkspace,
                format!("{e}. Move it aside and restart Switchboard to create a new one."),
            ),
            Error::Store(StoreError::NewerSchema { .. }) => (ErrorCode::NewerSchema, format!("{e}.")),
            Error::Io { .. } => (ErrorCode::Io, format!("{e}. Check the disk has space and is writable.")),
            Error::InvalidOptions(m) | Error::Store(StoreError::DuplicateSource(m)) if !m.is_empty() => {
                (ErrorCode::InvalidInput, capitalise(&e.to_string()))
            }
            Error::Missing(_) | Error::Store(StoreError::Segment(SegmentError::NotFound(_))) => {
                (ErrorCode::NotFound, capitalise(&e.to_string()))
            }
            Error::Store(StoreError::Segment(_)) => (ErrorCode::InvalidInput, capitalise(&e.to_string())),
            Error::Api(_) => (ErrorCode::Vendor, capitalise(&e.to_string())),
            Error::NotConnected(m) => (
                ErrorCode::NotConnected,
                format!("{} is not connected: {} is missing. Add it in the form above.", m.vendor, m.label),
            ),
            Error::Secret(_) => (ErrorCode::Secrets, capitalise(&e.to_string())),
            Error::SyncRunning(_) => (ErrorCode::Busy, capitalise(&e.to_string())),
            _ => (
                ErrorCode::Internal,
                "Switchboard could not read the workspace. Details are in the log; please report them."
                    .to_owned(),
            ),
        };
        IpcError { code, message }
    }
}

/// Messages from below start in lower case and quote names in backticks (they read well after
/// "error: " in a terminal); in the window they are sentences with plain quotes.
pub(crate) fn capitalise(s: &str) -> String {
    let s = s.replace('`', "\"");
    let mut chars = s.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.extend(chars);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
