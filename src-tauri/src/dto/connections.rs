//! Connections and syncs across IPC. Secrets never cross: a key field carries only `masked`
//! ("…a1b2" or "set").

use serde::Serialize;
use switchboard_core::day::rfc3339;
use switchboard_core::sync::{SyncRow, SyncRun};
use switchboard_workspace::{Connection, SyncProgress};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConnectionField.ts")]
pub struct ConnectionField {
    pub name: String,
    /// The vendor's own name for the field.
    pub label: String,
    pub secret: bool,
    pub required: bool,
    pub hint: String,
    pub choices: Vec<String>,
    /// A plain field's value.
    pub value: Option<String>,
    /// A key's last four characters ("…a1b2"), or "set"; null when not set.
    pub masked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConnectionInfo.ts")]
pub struct ConnectionInfo {
    /// `clearbit`, `madkudu`, `customerio`, `facebook`, `google_ads`, `adroll`, `segment`.
    pub tool: String,
    pub name: String,
    /// What a sync of it brings in.
    pub brings: String,
    pub fields: Vec<ConnectionField>,
    pub connected: bool,
    pub base_url: Option<String>,
    pub default_base_url: String,
    /// `off`, `hourly`, `daily`.
    pub schedule: String,
    /// Days within which a looked-up entity is not looked up again; null for tools that pull
    /// streams rather than look entities up.
    pub freshness_days: Option<u32>,
    /// Paid lookups allowed per day (per kind); null for tools without paid lookups.
    pub daily_budget: Option<u64>,
    pub last_run: Option<SyncRunInfo>,
    pub next_run: Option<String>,
    pub running: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SyncRunInfo.ts")]
pub struct SyncRunInfo {
    pub id: i64,
    pub tool: String,
    /// `manual`, `schedule`, `cli`.
    pub trigger: String,
    /// `running`, `succeeded`, `partial`, `failed`, `cancelled`, `interrupted`.
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub fetched: u64,
    pub written: u64,
    pub skipped: u64,
    pub failed: u64,
    pub credits: u64,
    pub error: Option<String>,
}

impl From<&SyncRun> for SyncRunInfo {
    fn from(r: &SyncRun) -> Self {
        SyncRunInfo {
            id: r.id,
            tool: r.connector.clone(),
            trigger: r.trigger.to_string(),
            status: r.status.to_string(),
            started_at: rfc3339(r.started_at),
            finished_at: r.finished_at.map(rfc3339),
            fetched: r.counts.fetched,
            written: r.counts.written,
            skipped: r.counts.skipped,
            failed: r.counts.failed,
            credits: r.counts.credits,
            error: r.error.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SyncRowInfo.ts")]
pub struct SyncRowInfo {
    pub stream: String,
    pub key: String,
    pub failed: bool,
    pub reason: String,
    pub at: String,
}

impl From<&SyncRow> for SyncRowInfo {
    fn from(r: &SyncRow) -> Self {
        SyncRowInfo {
            stream: r.stream.clone(),
            key: r.key.clone(),
            failed: r.failed,
            reason: r.reason.clone(),
            at: rfc3339(r.at),
        }
    }
}

/// Sent as the `sync-progress` event after every batch of a run.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SyncProgressInfo.ts")]
pub struct SyncProgressInfo {
    pub tool: String,
    pub run_id: i64,
    pub stream: String,
    pub fetched: u64,
    pub written: u64,
    pub skipped: u64,
    pub failed: u64,
    pub done: u64,
    pub total: Option<u64>,
    /// Rows fetched per second so far.
    pub rate: f64,
    /// Milliseconds left at the current pace, when the total is known.
    pub eta_ms: Option<i64>,
}

impl From<&SyncProgress> for SyncProgressInfo {
    fn from(p: &SyncProgress) -> Self {
        SyncProgressInfo {
            tool: p.vendor.id().to_owned(),
            run_id: p.run_id,
            stream: p.stream.to_owned(),
            fetched: p.counts.fetched,
            written: p.counts.written,
            skipped: p.counts.skipped,
            failed: p.counts.failed,
            done: p.done,
            total: p.total,
            rate: (p.rate() * 10.0).round() / 10.0,
            eta_ms: p.eta_ms(),
        }
    }
}

fn brings(tool: switchboard_workspace::Vendor) -> &'static str {
    use switchboard_workspace::Vendor;
    match tool {
        Vendor::Clearbit => "Names, titles and firmographics for people and companies",
        Vendor::MadKudu => "Fit scores and signals for people and companies",
        Vendor::CustomerIo => "Email deliveries, opens, clicks and bounces per campaign",
        Vendor::Facebook => "Spend, impressions and clicks per campaign and day",
        Vendor::GoogleAds => "Spend, impressions and clicks per campaign and day",
        Vendor::AdRoll => "Spend, impressions and clicks per campaign and day",
        Vendor::SegmentProfiles => "Traits and recent events of known users",
    }
}

impl From<&Connection> for ConnectionInfo {
    fn from(c: &Connection) -> Self {
        ConnectionInfo {
            tool: c.vendor.id().to_owned(),
            name: c.vendor.to_string(),
            brings: brings(c.vendor).to_owned(),
            fields: c
                .fields
                .iter()
                .map(|f| ConnectionField {
                    name: f.field.name.to_owned(),
                    label: f.field.label.to_owned(),
                    secret: f.field.secret,
                    required: f.field.required,
                    hint: f.field.hint.to_owned(),
                    choices: f.field.choices.iter().map(|c| (*c).to_owned()).collect(),
                    value: f.value.clone(),
                    masked: f.masked.clone(),
                })
                .collect(),
            connected: c.connected,
            base_url: c.settings.base_url.clone(),
            default_base_url: c.vendor.default_base_url().to_owned(),
            schedule: c.settings.schedule.to_string(),
            freshness_days: c.vendor.looks_up().then_some(c.settings.freshness_days),
            daily_budget: (!c.vendor.paid_lookups().is_empty()).then_some(c.settings.daily_budget),
            last_run: c.last_run.as_ref().map(SyncRunInfo::from),
            next_run: c.next_run.map(rfc3339),
            running: c.running,
        }
    }
}
