//! The application API every front end uses: open a workspace file, read its Overview, generate a
//! demo workspace. The desktop shell and the command line call these and nothing below them.
//!
//! No tauri, no clap, no clock and no environment: paths, "today" and options come in as
//! arguments.

mod cac;
mod charts;
mod collecting;
pub mod connections;
pub mod demo;
mod error;
mod export;
mod guard;
mod ladder;
mod outbound;
mod outreach;
mod profiles;
mod segments;
mod templates;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use switchboard_core::{Day, EventRow, Overview, Rejection, Source, SourceSummary, Timestamp, kpi};
use switchboard_store::{Db, events, overview, rejections, settings, sources};

pub use charts::{ChartFormat, ChartKind};
pub use collecting::CollectorState;
pub use connections::{Connection, FieldState, Running as RunningSyncs, SettingsChange};
pub use error::Error;
pub use export::ExportSummary;
pub use ladder::Ladder;
pub use outbound::{PipelineOptions, PipelineProgress, PipelineReport, SuppressionImport};
pub use outreach::{DEFAULT_OUTBOUND_EVENT, SendReport};
pub use profiles::PlanReport;
pub use segments::{ExportEstimate, Fields as SegmentFieldsFound, MemberRow, Preview};
pub use switchboard_charts::Size as ChartSize;
pub use switchboard_connectors::secrets::masked as masked_secret;
pub use switchboard_connectors::{
    ApiError, Cancel, ConnectorSettings, Field, Policy, Progress as SyncProgress, Secrets, Vendor,
};
pub use switchboard_core::outbound::pipeline::PipelineRules;
pub use switchboard_ingest::archive::{ImportOptions, ImportProgress, ImportSummary, RejectedLine};
pub use switchboard_ingest::{Clock, Collector, Counts, MAILPARSER_TEMPLATE, WebhookAuth};
pub use switchboard_store::Error as StoreError;
pub use switchboard_store::cac::Observed;
pub use switchboard_store::funnels::SavedFunnel;
pub use switchboard_store::guard::GuardAction;
pub use switchboard_store::pipeline::{PipelineDay, Suppression};
pub use switchboard_store::review_queue::{QueueContact, QueueEntry};
pub use switchboard_store::segments::export::{
    Format as SegmentFormat, columns as segment_columns, default_columns as default_segment_columns,
};
pub use switchboard_store::segments::{
    Diff, EventName, Explained, Saved, SegmentError, Status, Version,
};
pub use switchboard_store::templates::StoredTemplate;
pub use templates::{CheckReport, ExportFormat, Exported, SENDERS};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The outbound campaign whose opens the Overview reports, when the workspace does not name one.
pub const DEFAULT_OUTBOUND_CAMPAIGN: &str = "outbound-double-forward";

const TOP_COMPANIES: u32 = 10;
const LATEST_EVENTS: u32 = 20;

/// Messages and refusals as they arrive, for the Sources screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub latest: Vec<EventRow>,
    pub rejections: Vec<Rejection>,
    /// Messages received since the time asked for.
    pub since: i64,
}

/// An open workspace: one SQLite file.
#[derive(Clone)]
pub struct Workspace {
    db: Db,
    /// The collector a long-lived front end runs in the background, if started.
    running: Arc<tokio::sync::Mutex<Option<collecting::Running>>>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace").field("path", &self.db.path()).finish_non_exhaustive()
    }
}

impl Workspace {
    /// Opens an existing workspace file; never creates one.
    pub fn open(path: &Path) -> Result<Workspace> {
        Ok(Workspace { db: Db::open(path)?, running: Arc::default() })
    }

    /// Creates an empty workspace file named `name`; refuses to replace an existing file.
    pub fn create(path: &Path, name: &str) -> Result<Workspace> {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(Error::InvalidOptions("a workspace needs a name".into()));
        }
        let db = Db::create(path)?;
        db.call_blocking(move |c| settings::set(c, settings::NAME, &name))?;
        Ok(Workspace { db, running: Arc::default() })
    }

    pub fn path(&self) -> PathBuf {
        self.db.path().to_owned()
    }

    /// The workspace's name, or its file name when it has none.
    pub async fn name(&self) -> Result<String> {
        let fallback = file_stem(self.db.path());
        Ok(self.db.call(move |c| Ok(settings::get(c, settings::NAME)?.unwrap_or(fallback))).await?)
    }

    /// Adds a source that may send messages with `write_key`.
    pub async fn add_source(
        &self,
        name: &str,
        write_key: String,
        now: Timestamp,
    ) -> Result<Source> {
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::InvalidOptions(
                "a source's name must have 1 to 100 characters".to_owned(),
            ));
        }
        Ok(self.db.call(move |c| sources::create(c, &name, &write_key, now)).await?)
    }

    /// Every source with its message count, when it last sent, and what it sent since `since`.
    pub async fn sources(&self, since: Timestamp) -> Result<Vec<SourceSummary>> {
        Ok(self.db.call(move |c| sources::list(c, since)).await?)
    }

    /// What the collector and imports received lately: the newest messages by arrival, the
    /// newest refused requests, and how many messages arrived since `since`.
    pub async fn received(&self, since: Timestamp, limit: u32) -> Result<Received> {
        Ok(self
            .db
            .call(move |c| {
                Ok(Received {
                    latest: events::latest_received(c, limit)?,
                    rejections: rejections::recent(c, limit)?,
                    since: events::received_since(c, since)?,
                })
            })
            .await?)
    }

    /// Imports Segment archive files (files or folders of `segment-logs/...`). Blocking: call it
    /// from a thread of its own, not from an async task.
    pub fn import_segment_archive(
        &self,
        paths: &[PathBuf],
        options: ImportOptions,
        now: Timestamp,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportSummary> {
        let summary =
            switchboard_ingest::archive::import_with(&self.db, paths, options, now, progress)?;
        if summary.imported > 0 {
            Workspace::recompute_segments_blocking(&self.db, "import", now)?;
        }
        Ok(summary)
    }

    /// The Segment-compatible collector for this workspace.
    pub fn collector(&self, clock: Clock) -> Collector {
        Collector::new(self.db.clone(), clock)
    }

    /// The Overview as of the last day with data, never later than `today`.
    pub async fn overview(&self, today: Day) -> Result<Overview> {
        let fallback = file_stem(self.db.path());
        Ok(self.db.call(move |c| read_overview(c, &fallback, today)).await?)
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn read_overview(
    conn: &switchboard_store::Connection,
    fallback_name: &str,
    today: Day,
) -> switchboard_store::Result<Overview> {
    let workspace_name =
        settings::get(conn, settings::NAME)?.unwrap_or_else(|| fallback_name.into());
    let campaign = settings::get(conn, settings::OUTBOUND_CAMPAIGN)?
        .unwrap_or_else(|| DEFAULT_OUTBOUND_CAMPAIGN.into());

    let event_days = events::day_range(conn)?;
    let visit_days = overview::visit_day_range(conn)?;
    let (first_day, last_day) = match (event_days, visit_days) {
        (Some((a, b)), Some((c, d))) => (a.min(c), b.max(d)),
        (Some(r), None) | (None, Some(r)) => r,
        (None, None) => (today, today),
    };
    let as_of = last_day.min(today);
    let first_day = first_day.min(as_of);

    let longest = kpi::WINDOWS.iter().copied().max().unwrap_or(30);
    let (daily_start, _, _) = kpi::window(as_of, first_day, longest);
    let daily = overview::daily(conn, daily_start, as_of)?;

    let mut windows = Vec::new();
    for days in kpi::WINDOWS {
        let (start, end, covered_days) = kpi::window(as_of, first_day, days);
        let in_window = daily.iter().filter(|d| d.day >= start && d.day <= end);
        let (delivered, opened) = overview::deliveries(conn, &campaign, start, end)?;
        let counts = kpi::WindowCounts {
            days,
            covered_days,
            identified_domain_days: in_window.clone().map(|d| d.identified_domains).sum(),
            qualified_companies: in_window.clone().map(|d| d.qualified_companies).sum(),
            new_contacts: in_window.map(|d| d.new_contacts).sum(),
            outbound_delivered: delivered,
            outbound_opened: opened,
        };
        windows.push(counts.kpis());
    }

    let events_by_type = events::count_by_type(conn)?;
    Ok(Overview {
        workspace_name,
        as_of,
        first_day,
        windows,
        people: switchboard_store::people::count(conn)?,
        companies: switchboard_store::companies::count(conn)?,
        events_total: events_by_type.iter().map(|t| t.count).sum(),
        events_by_type,
        top_companies: overview::top_companies(conn, daily_start, as_of, TOP_COMPANIES)?,
        latest_events: events::latest(conn, LATEST_EVENTS)?,
        daily,
    })
}

#[cfg(test)]
mod tests;
