//! The shapes that cross IPC, and their conversion from domain types. The TypeScript types in
//! `ui/src/bindings/` are generated from these (ts-rs); `tests/ipc.rs` fails when they are stale.

use serde::Serialize;
use switchboard_core::day::rfc3339;
use ts_rs::TS;

use crate::IpcError;

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
            latest_events: o
                .latest_events
                .iter()
                .map(|e| EventRow {
                    message_id: e.message_id.clone(),
                    timestamp: rfc3339(e.timestamp),
                    message_type: e.message_type.as_str().to_owned(),
                    name: e.name.clone(),
                    who: e.who.clone(),
                    ip: e.ip.clone(),
                    company_domain: e.company_domain.clone(),
                })
                .collect(),
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

/// Every type that crosses IPC, with its file name in `ui/src/bindings/`, for the bindings test.
pub fn bindings(cfg: &ts_rs::Config) -> Vec<(String, String)> {
    fn one<T: TS + 'static>(cfg: &ts_rs::Config) -> (String, String) {
        let file = format!("{}.ts", T::ident(cfg));
        (file, T::export_to_string(cfg).expect("every DTO can be exported"))
    }
    vec![
        one::<crate::ErrorCode>(cfg),
        one::<IpcError>(cfg),
        one::<WorkspaceState>(cfg),
        one::<Progress>(cfg),
        one::<WorkspaceStatus>(cfg),
        one::<KpiWindow>(cfg),
        one::<TypeCount>(cfg),
        one::<TopCompany>(cfg),
        one::<EventRow>(cfg),
        one::<DailyKpis>(cfg),
        one::<Overview>(cfg),
    ]
}
