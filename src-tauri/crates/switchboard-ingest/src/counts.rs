//! Running totals, for the per-minute log line and the app's live view.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub(crate) struct Counters {
    accepted: AtomicU64,
    duplicates: AtomicU64,
    rejected_messages: AtomicU64,
    rejected_requests: AtomicU64,
}

/// Totals since the collector started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Messages stored.
    pub accepted: u64,
    /// Messages already stored under the same `messageId`, not stored again.
    pub duplicates: u64,
    /// Messages refused inside requests that were otherwise read.
    pub rejected_messages: u64,
    /// Requests refused as a whole (auth, size, JSON).
    pub rejected_requests: u64,
}

impl Counters {
    pub(crate) fn add(&self, accepted: u64, duplicates: u64, rejected_messages: u64) {
        self.accepted.fetch_add(accepted, Ordering::Relaxed);
        self.duplicates.fetch_add(duplicates, Ordering::Relaxed);
        self.rejected_messages.fetch_add(rejected_messages, Ordering::Relaxed);
    }

    pub(crate) fn reject_request(&self) {
        self.rejected_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Counts {
        Counts {
            accepted: self.accepted.load(Ordering::Relaxed),
            duplicates: self.duplicates.load(Ordering::Relaxed),
            rejected_messages: self.rejected_messages.load(Ordering::Relaxed),
            rejected_requests: self.rejected_requests.load(Ordering::Relaxed),
        }
    }
}
