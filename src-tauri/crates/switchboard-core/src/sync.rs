//! Sync planning: what a run of a connector should fetch, from its cursors, the freshness of what
//! is already stored and the day's credit budget; and how a run's counts become its status.
//!
//! Pure: the sync engine (switchboard-connectors) reads the inputs from the store, asks here, and
//! executes. Nothing here knows a vendor's wire format.

use crate::day::MS_PER_DAY;
use crate::{Day, Timestamp};

crate::text_enum!(
    /// How a sync run ended (or that it is still going). `partial`: some rows failed, others
    /// were written. `interrupted`: the process stopped during the run; its committed work is
    /// kept and the next run repeats the rest.
    RunStatus, "sync status", {
        Running => "running",
        Succeeded => "succeeded",
        Partial => "partial",
        Failed => "failed",
        Cancelled => "cancelled",
        Interrupted => "interrupted",
    }
);

crate::text_enum!(
    /// What started a sync run.
    SyncTrigger, "sync trigger", {
        Manual => "manual",
        Schedule => "schedule",
        Cli => "cli",
    }
);

crate::text_enum!(
    /// How often the app syncs a connector while it is open.
    Schedule, "schedule", {
        Off => "off",
        Hourly => "hourly",
        Daily => "daily",
    }
);

impl Schedule {
    /// When the next scheduled run is due, from when the last one started.
    pub fn next_run(self, last_started: Option<Timestamp>, now: Timestamp) -> Option<Timestamp> {
        let every = match self {
            Schedule::Off => return None,
            Schedule::Hourly => MS_PER_DAY / 24,
            Schedule::Daily => MS_PER_DAY,
        };
        Some(last_started.map_or(now, |t| t + every))
    }
}

/// What a run did, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    /// Rows the vendor returned (or lookups answered).
    pub fetched: u64,
    /// Rows stored or changed.
    pub written: u64,
    /// Rows left alone: already stored, not found, queued by the vendor, or over the budget.
    pub skipped: u64,
    /// Rows that could not be taken, each recorded with its reason.
    pub failed: u64,
    /// Paid lookups spent.
    pub credits: u64,
}

impl RunCounts {
    pub fn add(&mut self, other: RunCounts) {
        self.fetched += other.fetched;
        self.written += other.written;
        self.skipped += other.skipped;
        self.failed += other.failed;
        self.credits += other.credits;
    }

    /// The status of a run that went to its end (or stopped on `error`). A run in which every
    /// row failed is a failure, never a success.
    pub fn status(&self, error: bool) -> RunStatus {
        let took_something = self.written > 0 || self.skipped > 0;
        if error && !took_something {
            RunStatus::Failed
        } else if error || self.failed > 0 {
            if took_something { RunStatus::Partial } else { RunStatus::Failed }
        } else {
            RunStatus::Succeeded
        }
    }
}

/// One recorded run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRun {
    pub id: i64,
    pub connector: String,
    pub trigger: SyncTrigger,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub status: RunStatus,
    pub counts: RunCounts,
    pub error: Option<String>,
}

/// A row a run failed or skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRow {
    pub stream: String,
    pub key: String,
    pub failed: bool,
    pub reason: String,
    pub at: Timestamp,
}

/// A paid lookup's daily allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub per_day: u64,
    pub used_today: u64,
}

impl Budget {
    pub fn remaining(self) -> u64 {
        self.per_day.saturating_sub(self.used_today)
    }
}

/// Which stale entities a run looks up, and how many wait for tomorrow's budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupPlan {
    pub keys: Vec<String>,
    pub over_budget: u64,
}

/// Entities fetched before this instant are stale and may be looked up again.
pub fn stale_before(now: Timestamp, freshness_days: u32) -> Timestamp {
    now - i64::from(freshness_days) * MS_PER_DAY
}

/// Plans the lookups of a run: the stale `candidates` (oldest need first, as the store lists
/// them), at most what the budget has left today. `stale_total` is how many are stale in all.
pub fn plan_lookups(candidates: Vec<String>, stale_total: u64, budget: Budget) -> LookupPlan {
    let allowed = usize::try_from(budget.remaining()).unwrap_or(usize::MAX);
    let mut keys = candidates;
    keys.dedup();
    keys.truncate(allowed);
    LookupPlan { over_budget: stale_total.saturating_sub(keys.len() as u64), keys }
}

/// The days a spend sync asks for: from the cursor (the last day synced), going back
/// `settle_days` because platforms revise recent figures, or the last `first_days` on a first
/// sync; always up to `today`.
pub fn spend_window(
    cursor: Option<Day>,
    today: Day,
    settle_days: i64,
    first_days: i64,
) -> (Day, Day) {
    let since = match cursor {
        Some(last) => last.plus(-settle_days).min(today),
        None => today.plus(-(first_days - 1).max(0)),
    };
    (since, today)
}

/// The `created` time (unix seconds) from which deliveries are fetched again: the newest one
/// seen, less `lookback_days` because opens and clicks arrive after the delivery.
pub fn deliveries_since(newest_seen: Option<i64>, lookback_days: u32) -> Option<i64> {
    newest_seen.map(|t| t - i64::from(lookback_days) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_where_every_row_failed_is_a_failure() {
        let all_failed = RunCounts { fetched: 5, failed: 5, ..RunCounts::default() };
        assert_eq!(all_failed.status(false), RunStatus::Failed);
        let some = RunCounts { fetched: 5, failed: 2, written: 3, ..RunCounts::default() };
        assert_eq!(some.status(false), RunStatus::Partial);
        let fine = RunCounts { fetched: 5, written: 3, skipped: 2, ..RunCounts::default() };
        assert_eq!(fine.status(false), RunStatus::Succeeded);
        assert_eq!(RunCounts::default().status(false), RunStatus::Succeeded);
        assert_eq!(RunCounts::default().status(true), RunStatus::Failed);
        assert_eq!(fine.status(true), RunStatus::Partial);
    }

    #[test]
    fn lookups_never_exceed_the_budget() {
        let c = |n: usize| (0..n).map(|i| format!("k{i}")).collect::<Vec<_>>();
        let p = plan_lookups(c(10), 25, Budget { per_day: 100, used_today: 97 });
        assert_eq!(p.keys, vec!["k0", "k1", "k2"]);
        assert_eq!(p.over_budget, 22);
        let p = plan_lookups(c(10), 10, Budget { per_day: 5, used_today: 9 });
        assert!(p.keys.is_empty());
        let p = plan_lookups(c(4), 4, Budget { per_day: 5, used_today: 0 });
        assert_eq!((p.keys.len(), p.over_budget), (4, 0));
    }

    #[test]
    fn freshness_window() {
        assert_eq!(stale_before(10 * MS_PER_DAY, 7), 3 * MS_PER_DAY);
        assert_eq!(stale_before(10 * MS_PER_DAY, 0), 10 * MS_PER_DAY);
    }

    #[test]
    fn spend_window_goes_back_to_settle() {
        let today = Day(20_000);
        assert_eq!(spend_window(None, today, 3, 30), (Day(19_971), today));
        assert_eq!(spend_window(Some(Day(19_999)), today, 3, 30), (Day(19_996), today));
        assert_eq!(spend_window(Some(Day(20_005)), today, 3, 30), (today, today));
    }

    #[test]
    fn schedules() {
        assert_eq!(Schedule::Off.next_run(Some(0), 5), None);
        assert_eq!(Schedule::Hourly.next_run(None, 5), Some(5));
        assert_eq!(Schedule::Hourly.next_run(Some(1000), 5), Some(1000 + 3_600_000));
        assert_eq!(Schedule::Daily.next_run(Some(0), 5), Some(MS_PER_DAY));
        assert_eq!(deliveries_since(Some(1_000_000), 7), Some(1_000_000 - 7 * 86_400));
    }
}
