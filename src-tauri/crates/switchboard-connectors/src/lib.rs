//! Vendor HTTP clients (pull and push), the one retry and rate-limit policy they share, the sync
//! engine that runs them into the store, and the keychain that holds their keys.
//!
//! Each client is a concrete struct built from a base URL, credentials and a [`Policy`]; its wire
//! structs are private to its module and it returns domain values with the raw payload beside
//! them. This crate opens sockets and never contains SQL: the sync engine writes through
//! `switchboard-store`. No credential is ever logged, stored in SQLite or put into an error.

mod error;
mod http;
mod vendor;

pub mod adroll;
pub mod clearbit;
pub mod customerio;
pub mod facebook;
pub mod google_ads;
pub mod madkudu;
mod money;
pub mod secrets;
pub mod segment_profiles;
pub mod settings;
pub mod sync;

#[cfg(any(test, feature = "fake"))]
pub mod fake;

pub use error::ApiError;
pub use http::{Http, Policy};
pub use secrets::{SecretError, Secrets};
pub use settings::{Client, ConnectorSettings, Credentials, Field};
pub use sync::{Cancel, Progress, Run, SyncError};
pub use vendor::Vendor;

/// A value a vendor returned, with its raw payload kept for the `enrichments` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    pub raw: serde_json::Value,
}

/// Joins a base URL (with or without a trailing slash) and a path starting with `/`.
pub(crate) fn join(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

/// A stable 64-bit FNV-1a hash (unlike `DefaultHasher`, the same across Rust versions).
pub(crate) fn stable_hash(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}
