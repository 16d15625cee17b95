//! Segments across IPC. The definition tree itself is `switchboard_core::audience::Definition`,
//! whose TypeScript comes from the same ts-rs derive (the core's `ts` feature).

use serde::Serialize;
use switchboard_core::audience::{Definition, Problem};
use switchboard_core::day::rfc3339;
use switchboard_workspace::{
    Diff, EventName, Explained, ExportEstimate, MemberRow, Preview, Saved, Status, Version,
};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentStatus.ts")]
pub enum SegmentStatus {
    Pending,
    Computing,
    Ready,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentVersion.ts")]
pub struct SegmentVersion {
    pub version: i64,
    pub computed_at: String,
    pub reason: String,
    pub size: i64,
    pub entered: i64,
    pub exited: i64,
    /// Members a "did not do X in N days" rule kept although they are newer than its window.
    pub too_new: i64,
}

impl From<&Version> for SegmentVersion {
    fn from(v: &Version) -> Self {
        SegmentVersion {
            version: v.version,
            computed_at: rfc3339(v.computed_at),
            reason: v.reason.clone(),
            size: v.size,
            entered: v.entered,
            exited: v.exited,
            too_new: v.too_new,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentSummary.ts")]
pub struct SegmentSummary {
    pub name: String,
    pub target: String,
    pub description: String,
    pub status: SegmentStatus,
    /// Why the last computation failed.
    pub status_detail: Option<String>,
    pub computed_at: Option<String>,
    pub updated_at: String,
    pub latest: Option<SegmentVersion>,
}

impl From<&Saved> for SegmentSummary {
    fn from(s: &Saved) -> Self {
        SegmentSummary {
            name: s.name().to_owned(),
            target: s.definition.target.as_str().to_owned(),
            description: s.definition.description.clone(),
            status: match s.status {
                Status::Pending => SegmentStatus::Pending,
                Status::Computing => SegmentStatus::Computing,
                Status::Ready => SegmentStatus::Ready,
                Status::Failed => SegmentStatus::Failed,
            },
            status_detail: s.status_detail.clone(),
            computed_at: s.computed_at.map(rfc3339),
            updated_at: rfc3339(s.updated_at),
            latest: s.latest.as_ref().map(SegmentVersion::from),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentDetail.ts")]
pub struct SegmentDetail {
    pub summary: SegmentSummary,
    pub definition: Definition,
    /// Newest first.
    pub history: Vec<SegmentVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ExplainNode.ts")]
pub struct ExplainNode {
    /// JSON pointer of the rule (`/rule/all/2/performed`).
    pub path: String,
    pub kind: String,
    pub description: String,
    /// `people` or `companies`.
    pub unit: String,
    pub input: i64,
    pub kept: i64,
    pub dropped: i64,
    /// Under a `none`: `kept` counts those the rule matches, which the group drops.
    pub negated: bool,
    pub too_new: Option<i64>,
    pub children: Vec<ExplainNode>,
}

impl From<&Explained> for ExplainNode {
    fn from(e: &Explained) -> Self {
        ExplainNode {
            path: e.path.clone(),
            kind: e.kind.to_owned(),
            description: e.description.clone(),
            unit: e.unit.to_owned(),
            input: e.input,
            kept: e.kept,
            dropped: e.dropped,
            negated: e.negated,
            too_new: e.too_new,
            children: e.children.iter().map(ExplainNode::from).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentMember.ts")]
pub struct SegmentMember {
    pub id: i64,
    pub title: String,
    pub subtitle: String,
}

impl From<&MemberRow> for SegmentMember {
    fn from(m: &MemberRow) -> Self {
        SegmentMember { id: m.id, title: m.title.clone(), subtitle: m.subtitle.clone() }
    }
}

/// What the builder shows beside a definition: its problems (then nothing else), or its count,
/// the explanation of each rule and a sample of members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentPreview.ts")]
pub struct SegmentPreview {
    pub problems: Vec<Problem>,
    /// A problem that is not about one rule (an unknown segment, a database error).
    pub error: Option<String>,
    pub count: Option<i64>,
    pub explanation: Option<ExplainNode>,
    pub sample: Vec<SegmentMember>,
}

impl SegmentPreview {
    pub fn problems(problems: Vec<Problem>) -> Self {
        SegmentPreview { problems, error: None, count: None, explanation: None, sample: Vec::new() }
    }

    pub fn failed(error: String) -> Self {
        SegmentPreview { error: Some(error), ..SegmentPreview::problems(Vec::new()) }
    }
}

impl From<&Preview> for SegmentPreview {
    fn from(p: &Preview) -> Self {
        SegmentPreview {
            problems: Vec::new(),
            error: None,
            count: Some(p.count),
            explanation: Some(ExplainNode::from(&p.explanation)),
            sample: p.sample.iter().map(SegmentMember::from).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EventOption.ts")]
pub struct EventOption {
    /// `track`, `page` or `screen`.
    pub event_type: String,
    pub name: String,
    pub count: i64,
}

impl From<&EventName> for EventOption {
    fn from(e: &EventName) -> Self {
        EventOption { event_type: e.event_type.clone(), name: e.name.clone(), count: e.count }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ValueCount.ts")]
pub struct ValueCount {
    pub value: String,
    pub count: i64,
}

/// What the builder's pickers offer: what this workspace actually contains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentFields.ts")]
pub struct SegmentFields {
    pub events: Vec<EventOption>,
    /// Person fields stored as columns (email, first_name, ...).
    pub person_fields: Vec<String>,
    /// Trait keys seen on people, most common first.
    pub trait_keys: Vec<ValueCount>,
    pub company_fields: Vec<String>,
    /// Email campaigns with activity.
    pub campaigns: Vec<String>,
    pub segments: Vec<SegmentRef>,
    /// Columns an export can have, per target.
    pub people_columns: Vec<String>,
    pub company_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentRef.ts")]
pub struct SegmentRef {
    pub name: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentDiff.ts")]
pub struct SegmentDiff {
    pub version: SegmentVersion,
    pub entered: Vec<SegmentMember>,
    pub exited: Vec<SegmentMember>,
}

impl SegmentDiff {
    pub fn new(diff: &Diff, entered: &[MemberRow], exited: &[MemberRow]) -> Self {
        SegmentDiff {
            version: SegmentVersion::from(&diff.version),
            entered: entered.iter().map(SegmentMember::from).collect(),
            exited: exited.iter().map(SegmentMember::from).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentExportEstimate.ts")]
pub struct SegmentExportEstimate {
    pub rows: u64,
    pub bytes: u64,
}

impl From<ExportEstimate> for SegmentExportEstimate {
    fn from(e: ExportEstimate) -> Self {
        SegmentExportEstimate { rows: e.rows, bytes: e.bytes }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SegmentExported.ts")]
pub struct SegmentExported {
    pub rows: u64,
    pub path: String,
}
