//! The shapes that cross IPC, and their conversion from domain types. The TypeScript types in
//! `ui/src/bindings/` are generated from these (ts-rs); `tests/ipc.rs` fails when they are stale.

use serde::{Deserialize, Serialize};
use switchboard_core::day::rfc3339;
use ts_rs::TS;

use crate::IpcError;

pub mod connections;
pub mod outbound;
pub mod segments;
pub mod spend;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "WorkspaceState.ts")]
pub enum WorkspaceState {
    Ready,
    Creating,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Progress.ts")]
pub struct Progress {
    pub step: String,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "WorkspaceStatus.ts")]
pub struct WorkspaceStatus {
    pub state: WorkspaceState,
    pub name: Option<String>,
    pub path: String,
    pub progress: Option<Progress>,
    pub error: Option<IpcError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KpiWindow.ts")]
pub struct KpiWindow {
    pub days: u32,
    pub covered_days: u32,
    pub identified_domains_per_day: f64,
    pub qualified_companies_per_day: f64,
    pub new_contacts_per_day: f64,
    pub outbound_open_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TypeCount.ts")]
pub struct TypeCount {
    pub message_type: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TopCompany.ts")]
pub struct TopCompany {
    pub domain: String,
    pub name: String,
    pub industry: Option<String>,
    pub employees: Option<i64>,
    pub country: Option<String>,
    pub technologies: Vec<String>,
    pub visits: i64,
    pub last_seen: String,
    pub score: Option<f64>,
    pub fit_segment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EventRow.ts")]
pub struct EventRow {
    pub message_id: String,
    pub timestamp: String,
    pub message_type: String,
    pub name: Option<String>,
    pub who: String,
    pub ip: Option<String>,
    pub company_domain: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DailyKpis.ts")]
pub struct DailyKpis {
    pub day: String,
    pub identified_domains: i64,
    pub qualified_companies: i64,
    pub new_contacts: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Overview.ts")]
pub struct Overview {
    pub workspace_name: String,
    pub as_of: String,
    pub windows: Vec<KpiWindow>,
    pub people: i64,
    pub companies: i64,
    pub events_total: i64,
    pub events_by_type: Vec<TypeCount>,
    pub top_companies: Vec<TopCompany>,
    pub latest_events: Vec<EventRow>,
    pub daily: Vec<DailyKpis>,
}

impl From<&switchboard_core::Overview> for Overview {
    fn from(o: &switchboard_core::Overview) -> Overview {
        Overview {
            workspace_name: o.workspace_name.clone(),
            as_of: o.as_of.to_string(),
            windows: o
                .windows
                .iter()
                .map(|w| KpiWindow {
                    days: w.days,
                    covered_days: w.covered_days,
                    identified_domains_per_day: w.identified_domains_per_day,
                    qualified_companies_per_day: w.qualified_companies_per_day,
                    new_contacts_per_day: w.new_contacts_per_day,
                    outbound_open_rate: w.outbound_open_rate,
                })
                .collect(),
            people: o.people,
            companies: o.companies,
            events_total: o.events_total,
            events_by_type: o
                .events_by_type
                .iter()
                .map(|t| TypeCount {
                    message_type: t.message_type.as_str().to_owned(),
                    count: t.count,
                })
                .collect(),
            top_companies: o
                .top_companies
                .iter()
                .map(|c| TopCompany {
                    domain: c.domain.clone(),
                    name: c.name.clone(),
                    industry: c.industry.clone(),
                    employees: c.employees,
                    country: c.country.clone(),
                    technologies: c.technologies.clone(),
                    visits: c.visits,
                    last_seen: rfc3339(c.last_seen),
                    score: c.score,
                    fit_segment: c.fit_segment.map(|s| s.as_str().to_owned()),
                })
                .collect(),
            latest_events: o.latest_events.iter().map(EventRow::from).collect(),
            daily: o
                .daily
                .iter()
                .map(|d| DailyKpis {
                    day: d.day.to_string(),
                    identified_domains: d.identified_domains,
                    qualified_companies: d.qualified_companies,
                    new_contacts: d.new_contacts,
                })
                .collect(),
        }
    }
}

// ---- Sources and the collector -------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SourceInfo.ts")]
pub struct SourceInfo {
    pub id: i64,
    pub name: String,
    /// Public: Segment's libraries embed it in web pages. Shown in full with a copy button.
    pub write_key: String,
    pub created_at: String,
    pub events: i64,
    pub last_seen: Option<String>,
    /// Messages received in the last 60 seconds.
    pub events_last_minute: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CollectorStatus.ts")]
pub struct CollectorStatus {
    pub running: bool,
    /// `http://127.0.0.1:8088` while running: what to put in a Segment library as its host.
    pub address: Option<String>,
    /// The address and port it binds (or would bind) to.
    pub bind: String,
    pub port: u16,
    pub started_at: Option<String>,
    /// Since it started: messages stored, resent duplicates, messages and requests refused.
    pub accepted: i64,
    pub duplicates: i64,
    pub rejected_messages: i64,
    pub rejected_requests: i64,
    /// Messages received by the workspace in the last 60 seconds, from every source.
    pub events_per_minute: i64,
    /// Why the last start failed (port in use, ...), until the next start.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RejectionRow.ts")]
pub struct RejectionRow {
    pub received_at: String,
    pub source: Option<String>,
    pub path: String,
    pub status: u16,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SourcesView.ts")]
pub struct SourcesView {
    pub collector: CollectorStatus,
    pub sources: Vec<SourceInfo>,
    /// The newest messages received by the collector or an import, newest first.
    pub latest_events: Vec<EventRow>,
    /// The newest refused requests, newest first.
    pub rejections: Vec<RejectionRow>,
}

// ---- People ----------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PersonRow.ts")]
pub struct PersonRow {
    pub id: i64,
    /// First and last name, when known.
    pub name: Option<String>,
    pub email: Option<String>,
    pub user_id: Option<String>,
    /// True for a profile known only by anonymous ids so far.
    pub anonymous: bool,
    /// The first anonymous id seen, to tell anonymous profiles apart.
    pub anonymous_id: Option<String>,
    pub company: Option<CompanyRef>,
    pub last_seen: Option<String>,
    pub events: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CompanyRef.ts")]
pub struct CompanyRef {
    pub id: i64,
    pub name: String,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PersonIdentity.ts")]
pub struct PersonIdentity {
    /// `user_id`, `anonymous_id`, `email` or `group_id`.
    pub kind: String,
    pub value: String,
    pub first_seen: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TraitValue.ts")]
pub struct TraitValue {
    pub key: String,
    /// The value as JSON text (`"Ada"`, `42`, `true`, `{...}`).
    pub value: String,
    /// When it was set: the timestamp of the message that set it.
    pub at: String,
    pub message_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ActivityRow.ts")]
pub struct ActivityRow {
    /// `track`, `page` or `screen`.
    pub message_type: String,
    /// The event (track) or page/screen name; empty when the message had none.
    pub name: String,
    pub count: i64,
    pub days: i64,
    pub first_at: String,
    pub last_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PersonDetail.ts")]
pub struct PersonDetail {
    pub person: PersonRow,
    pub identities: Vec<PersonIdentity>,
    /// The current value of each trait (last write by message timestamp wins).
    pub traits: Vec<TraitValue>,
    /// Every value each trait has had, newest first.
    pub trait_history: Vec<TraitValue>,
    /// Per event: how often, on how many days, first and last time (from the rollups).
    pub activity: Vec<ActivityRow>,
    /// The person's newest messages, newest first.
    pub timeline: Vec<EventRow>,
}

// ---- Tracking plan ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PlanProperty.ts")]
pub struct PlanProperty {
    pub name: String,
    /// The JSON Schema type(s), e.g. `string` or `number | null`; empty when any.
    pub types: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PlanEvent.ts")]
pub struct PlanEvent {
    pub name: String,
    pub description: Option<String>,
    pub properties: Vec<PlanProperty>,
    /// Messages of this event seen since the plan was imported, and those with a violation.
    pub seen: i64,
    pub violating: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TrackingPlan.ts")]
pub struct TrackingPlan {
    pub name: String,
    pub imported_at: String,
    pub events: Vec<PlanEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ViolationCount.ts")]
pub struct ViolationCount {
    pub event: String,
    /// `unplanned_event`, `missing_property`, `wrong_type`, `extra_property` or `invalid_value`.
    pub kind: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ViolationRow.ts")]
pub struct ViolationRow {
    pub message_id: String,
    pub event: String,
    pub kind: String,
    /// The property concerned (dotted path), when the violation is about one.
    pub property: Option<String>,
    /// One sentence: what was expected and what came.
    pub detail: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PlanView.ts")]
pub struct PlanView {
    /// None until a plan is imported.
    pub plan: Option<TrackingPlan>,
    pub counts: Vec<ViolationCount>,
    /// The newest violations, newest first.
    pub examples: Vec<ViolationRow>,
}

// ---- Templates -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TemplateLayer.ts")]
pub struct TemplateLayer {
    /// What this layer is, for people: "Bot notice", "VP's forward", "Rep's forward".
    pub label: String,
    /// Liquid, like the body: `{{ sender.rep.name }}`.
    pub from_name: String,
    pub from_address: String,
    pub to: String,
    /// Minutes after the inner layer was sent (ignored for the innermost). The outermost is dated
    /// at the render time and each inner one its offset earlier.
    pub offset_minutes: i64,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EmailTemplate.ts")]
pub struct EmailTemplate {
    pub name: String,
    /// Innermost first: the bot's notice, then each forward around it.
    pub layers: Vec<TemplateLayer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TemplateSummary.ts")]
pub struct TemplateSummary {
    pub name: String,
    pub layers: u32,
    pub updated_at: String,
    /// The default template shipped with Switchboard (it can be edited; a copy keeps the original).
    pub built_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ProspectOption.ts")]
pub struct ProspectOption {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub company: String,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RenderIssue.ts")]
pub struct RenderIssue {
    /// `error` blocks marking the email ready or exporting it; `warning` does not.
    pub severity: String,
    /// Index of the layer, innermost first, and its label.
    pub layer: u32,
    pub layer_label: String,
    /// Which part of the layer: `subject`, `body`, `from_name`, `from_address` or `to`.
    pub field: String,
    /// 1-based line and column in that field.
    pub line: u32,
    pub column: Option<u32>,
    /// The variable concerned (`company.name`), when the issue is about one.
    pub variable: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RenderedEmail.ts")]
pub struct RenderedEmail {
    /// The outermost layer's headers: what the prospect's mail client shows.
    pub from: String,
    pub to: String,
    pub subject: String,
    pub date: String,
    pub text: String,
    /// A whole HTML document, with every value from data escaped; shown in a sandboxed iframe.
    pub html: String,
    pub issues: Vec<RenderIssue>,
    /// No errors: the email may be marked ready or exported.
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TemplateExport.ts")]
pub struct TemplateExport {
    /// A file name to save it under (`double-forward.liquid`, `ada@acme.example.eml`).
    pub file_name: String,
    pub content: String,
    /// What the receiving side needs (for Customer.io: the attributes the campaign must be sent).
    pub notes: Vec<String>,
}

/// Every type that crosses IPC, with its file name in `ui/src/bindings/`, for the bindings test.
pub fn bindings(cfg: &ts_rs::Config) -> Vec<(String, String)> {
    use switchboard_core::audience;

    fn one<T: TS + 'static>(cfg: &ts_rs::Config) -> (String, String) {
        let file = format!("{}.ts", T::ident(cfg));
        (file, T::export_to_string(cfg).expect("every DTO can be exported"))
    }
    vec![
        one::<crate::ErrorCode>(cfg),
        one::<IpcError>(cfg),
        one::<spend::GuardRulesInfo>(cfg),
        one::<spend::SavedFunnelInfo>(cfg),
        one::<spend::CacOverride>(cfg),
        one::<spend::CacModelText>(cfg),
        one::<spend::CacFitRow>(cfg),
        one::<spend::CacModelInfo>(cfg),
        one::<spend::LadderRungInfo>(cfg),
        one::<spend::ChannelLadderInfo>(cfg),
        one::<spend::GuardActionInfo>(cfg),
        one::<outbound::QueueContactInfo>(cfg),
        one::<outbound::QueueVisit>(cfg),
        one::<outbound::PageViews>(cfg),
        one::<outbound::QueueCompany>(cfg),
        one::<outbound::StateCount>(cfg),
        one::<outbound::QueueView>(cfg),
        one::<outbound::KeyReason>(cfg),
        one::<outbound::SendResult>(cfg),
        one::<outbound::LookupCount>(cfg),
        one::<outbound::PipelineRunInfo>(cfg),
        one::<outbound::PipelineDayInfo>(cfg),
        one::<outbound::PipelineStatsInfo>(cfg),
        one::<outbound::WebhookInfo>(cfg),
        one::<outbound::WebhookCall>(cfg),
        one::<outbound::PipelineProgressInfo>(cfg),
        one::<outbound::LookupBudget>(cfg),
        one::<outbound::PipelineRulesInfo>(cfg),
        one::<outbound::SuppressionInfo>(cfg),
        one::<outbound::SuppressionAdded>(cfg),
        one::<connections::ConnectionField>(cfg),
        one::<connections::ConnectionInfo>(cfg),
        one::<connections::SyncRunInfo>(cfg),
        one::<connections::SyncRowInfo>(cfg),
        one::<connections::SyncProgressInfo>(cfg),
        one::<WorkspaceState>(cfg),
        one::<Progress>(cfg),
        one::<WorkspaceStatus>(cfg),
        one::<KpiWindow>(cfg),
        one::<TypeCount>(cfg),
        one::<TopCompany>(cfg),
        one::<EventRow>(cfg),
        one::<DailyKpis>(cfg),
        one::<Overview>(cfg),
        one::<SourceInfo>(cfg),
        one::<CollectorStatus>(cfg),
        one::<RejectionRow>(cfg),
        one::<SourcesView>(cfg),
        one::<PersonRow>(cfg),
        one::<CompanyRef>(cfg),
        one::<PersonIdentity>(cfg),
        one::<TraitValue>(cfg),
        one::<ActivityRow>(cfg),
        one::<PersonDetail>(cfg),
        one::<PlanProperty>(cfg),
        one::<PlanEvent>(cfg),
        one::<TrackingPlan>(cfg),
        one::<ViolationCount>(cfg),
        one::<ViolationRow>(cfg),
        one::<PlanView>(cfg),
        one::<TemplateLayer>(cfg),
        one::<EmailTemplate>(cfg),
        one::<TemplateSummary>(cfg),
        one::<ProspectOption>(cfg),
        one::<RenderIssue>(cfg),
        one::<RenderedEmail>(cfg),
        one::<TemplateExport>(cfg),
        (
            "serde_json/JsonValue.ts".to_owned(),
            serde_json::Value::export_to_string(cfg).expect("JSON values can be exported"),
        ),
        one::<audience::Definition>(cfg),
        one::<audience::Target>(cfg),
        one::<audience::Rule>(cfg),
        one::<audience::TraitCondition>(cfg),
        one::<audience::TraitOp>(cfg),
        one::<audience::ScoreCondition>(cfg),
        one::<audience::ScoreOf>(cfg),
        one::<audience::EventType>(cfg),
        one::<audience::Performed>(cfg),
        one::<audience::EventInWindow>(cfg),
        one::<audience::EventRef>(cfg),
        one::<audience::Sequence>(cfg),
        one::<audience::Count>(cfg),
        one::<audience::CountOp>(cfg),
        one::<audience::Window>(cfg),
        one::<audience::EmailCondition>(cfg),
        one::<audience::EmailAction>(cfg),
        one::<audience::InSegment>(cfg),
        one::<audience::InFunnel>(cfg),
        one::<audience::FunnelOutcome>(cfg),
        one::<audience::PeopleCondition>(cfg),
        one::<audience::Quantifier>(cfg),
        one::<audience::Problem>(cfg),
        one::<segments::SegmentStatus>(cfg),
        one::<segments::SegmentVersion>(cfg),
        one::<segments::SegmentSummary>(cfg),
        one::<segments::SegmentDetail>(cfg),
        one::<segments::ExplainNode>(cfg),
        one::<segments::SegmentMember>(cfg),
        one::<segments::SegmentPreview>(cfg),
        one::<segments::EventOption>(cfg),
        one::<segments::ValueCount>(cfg),
        one::<segments::SegmentFields>(cfg),
        one::<segments::SegmentRef>(cfg),
        one::<segments::SegmentDiff>(cfg),
        one::<segments::SegmentExportEstimate>(cfg),
        one::<segments::SegmentExported>(cfg),
        one::<switchboard_core::funnel::Funnel>(cfg),
        one::<switchboard_core::funnel::Step>(cfg),
        one::<switchboard_core::funnel::Order>(cfg),
        one::<switchboard_core::funnel::Exclusion>(cfg),
        one::<switchboard_core::funnel::Breakdown>(cfg),
        one::<spend::DayAmount>(cfg),
        one::<spend::CampaignCap>(cfg),
        one::<spend::BucketCount>(cfg),
        one::<spend::FunnelStepResult>(cfg),
        one::<spend::FunnelGroup>(cfg),
        one::<spend::FunnelResult>(cfg),
    ]
}

// ---- Conversions -----------------------------------------------------------------------------

impl From<&switchboard_core::EventRow> for EventRow {
    fn from(e: &switchboard_core::EventRow) -> EventRow {
        EventRow {
            message_id: e.message_id.clone(),
            timestamp: rfc3339(e.timestamp),
            message_type: e.message_type.as_str().to_owned(),
            name: e.name.clone(),
            who: e.who.clone(),
            ip: e.ip.clone(),
            company_domain: e.company_domain.clone(),
        }
    }
}

impl From<&switchboard_core::SourceSummary> for SourceInfo {
    fn from(s: &switchboard_core::SourceSummary) -> SourceInfo {
        SourceInfo {
            id: s.source.id,
            name: s.source.name.clone(),
            write_key: s.source.write_key.clone(),
            created_at: rfc3339(s.source.created_at),
            events: s.events,
            last_seen: s.last_seen.map(rfc3339),
            events_last_minute: s.since,
        }
    }
}

impl From<&switchboard_core::profile::PersonSummary> for PersonRow {
    fn from(p: &switchboard_core::profile::PersonSummary) -> PersonRow {
        let name = match (&p.first_name, &p.last_name) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        };
        PersonRow {
            id: p.id,
            name,
            email: p.email.clone(),
            user_id: p.user_id.clone(),
            anonymous: p.user_id.is_none() && p.email.is_none(),
            anonymous_id: p.anonymous_id.clone(),
            company: p.company.as_ref().map(|c| CompanyRef {
                id: c.id,
                name: c.name.clone(),
                domain: c.domain.clone(),
            }),
            last_seen: p.last_seen.map(rfc3339),
            events: p.events,
        }
    }
}

fn trait_value(t: &switchboard_core::profile::TraitChange) -> TraitValue {
    TraitValue {
        key: t.key.clone(),
        value: t.value.clone(),
        at: rfc3339(t.at),
        message_id: t.message_id.clone(),
    }
}

impl From<&switchboard_core::profile::PersonProfile> for PersonDetail {
    fn from(p: &switchboard_core::profile::PersonProfile) -> PersonDetail {
        PersonDetail {
            person: PersonRow::from(&p.summary),
            identities: p
                .identities
                .iter()
                .map(|i| PersonIdentity {
                    kind: i.kind.as_str().to_owned(),
                    value: i.value.clone(),
                    first_seen: rfc3339(i.first_seen_at),
                })
                .collect(),
            traits: p.traits.iter().map(trait_value).collect(),
            trait_history: p.history.iter().map(trait_value).collect(),
            activity: p
                .activity
                .iter()
                .map(|a| ActivityRow {
                    message_type: a.message_type.as_str().to_owned(),
                    name: a.name.clone(),
                    count: a.count,
                    days: a.days,
                    first_at: rfc3339(a.first_at),
                    last_at: rfc3339(a.last_at),
                })
                .collect(),
            timeline: p.timeline.iter().map(EventRow::from).collect(),
        }
    }
}

impl From<&switchboard_workspace::PlanReport> for PlanView {
    fn from(r: &switchboard_workspace::PlanReport) -> PlanView {
        PlanView {
            plan: r.plan.as_ref().map(|stored| TrackingPlan {
                name: stored.plan.name.clone(),
                imported_at: rfc3339(stored.imported_at),
                events: stored
                    .plan
                    .events
                    .iter()
                    .map(|e| {
                        let check = r.checks.iter().find(|c| c.event == e.name);
                        PlanEvent {
                            name: e.name.clone(),
                            description: e.description.clone(),
                            properties: e
                                .listed_properties()
                                .into_iter()
                                .map(|p| PlanProperty {
                                    name: p.name,
                                    types: p.types,
                                    required: p.required,
                                })
                                .collect(),
                            seen: check.map_or(0, |c| c.seen),
                            violating: check.map_or(0, |c| c.violating),
                        }
                    })
                    .collect(),
            }),
            counts: r
                .counts
                .iter()
                .map(|c| ViolationCount {
                    event: c.event.clone(),
                    kind: c.kind.as_str().to_owned(),
                    count: c.count,
                })
                .collect(),
            examples: r
                .recent
                .iter()
                .map(|v| ViolationRow {
                    message_id: v.message_id.clone(),
                    event: v.event.clone(),
                    kind: v.kind.as_str().to_owned(),
                    property: v.property.clone(),
                    detail: v.detail.clone(),
                    at: rfc3339(v.at),
                })
                .collect(),
        }
    }
}

impl SourcesView {
    pub fn new(
        collector: CollectorStatus,
        sources: &[switchboard_core::SourceSummary],
        received: &switchboard_workspace::Received,
    ) -> SourcesView {
        let name_of = |id: Option<i64>| {
            id.and_then(|id| sources.iter().find(|s| s.source.id == id))
                .map(|s| s.source.name.clone())
        };
        SourcesView {
            collector,
            sources: sources.iter().map(SourceInfo::from).collect(),
            latest_events: received.latest.iter().map(EventRow::from).collect(),
            rejections: received
                .rejections
                .iter()
                .map(|r| RejectionRow {
                    received_at: rfc3339(r.received_at),
                    source: name_of(r.source_id),
                    path: r.path.clone(),
                    status: r.status,
                    reason: r.reason.clone(),
                })
                .collect(),
        }
    }
}

impl From<&switchboard_core::template::Layer> for TemplateLayer {
    fn from(l: &switchboard_core::template::Layer) -> TemplateLayer {
        TemplateLayer {
            label: l.label.clone(),
            from_name: l.from_name.clone(),
            from_address: l.from_address.clone(),
            to: l.to.clone(),
            offset_minutes: l.offset_minutes,
            subject: l.subject.clone(),
            body: l.body.clone(),
        }
    }
}

impl From<&switchboard_core::template::Template> for EmailTemplate {
    fn from(t: &switchboard_core::template::Template) -> EmailTemplate {
        EmailTemplate {
            name: t.name.clone(),
            layers: t.layers.iter().map(TemplateLayer::from).collect(),
        }
    }
}

impl From<EmailTemplate> for switchboard_core::template::Template {
    fn from(t: EmailTemplate) -> switchboard_core::template::Template {
        switchboard_core::template::Template {
            name: t.name,
            layers: t
                .layers
                .into_iter()
                .map(|l| switchboard_core::template::Layer {
                    label: l.label,
                    from_name: l.from_name,
                    from_address: l.from_address,
                    to: l.to,
                    offset_minutes: l.offset_minutes,
                    subject: l.subject,
                    body: l.body,
                })
                .collect(),
        }
    }
}

impl From<&switchboard_workspace::StoredTemplate> for TemplateSummary {
    fn from(t: &switchboard_workspace::StoredTemplate) -> TemplateSummary {
        TemplateSummary {
            name: t.template.name.clone(),
            layers: u32::try_from(t.template.layers.len()).unwrap_or(u32::MAX),
            updated_at: rfc3339(t.updated_at),
            built_in: t.built_in,
        }
    }
}

impl From<&switchboard_core::template::ProspectRecord> for ProspectOption {
    fn from(p: &switchboard_core::template::ProspectRecord) -> ProspectOption {
        ProspectOption {
            id: p.id,
            name: format!("{} {}", p.first_name, p.last_name).trim().to_owned(),
            title: p.title.clone(),
            email: p.email.clone(),
            company: p.company_name.clone(),
            domain: p.domain.clone(),
        }
    }
}

impl From<&switchboard_core::template::Rendered> for RenderedEmail {
    fn from(r: &switchboard_core::template::Rendered) -> RenderedEmail {
        let outer = r.outer();
        RenderedEmail {
            from: switchboard_core::template::mailbox(&outer.from_name, &outer.from_address),
            to: outer.to.clone(),
            subject: outer.subject.clone(),
            date: rfc3339(outer.date),
            text: r.text.clone(),
            html: r.html.clone(),
            issues: r
                .issues
                .iter()
                .map(|i| RenderIssue {
                    severity: i.severity.as_str().to_owned(),
                    layer: u32::try_from(i.layer).unwrap_or(u32::MAX),
                    layer_label: i.layer_label.clone(),
                    field: i.field.as_str().to_owned(),
                    line: i.line,
                    column: i.column,
                    variable: i.variable.clone(),
                    // Names are quoted in backticks for terminals; plain quotes in the window.
                    message: i.message.replace('`', "\""),
                })
                .collect(),
            ready: r.ready(),
        }
    }
}
