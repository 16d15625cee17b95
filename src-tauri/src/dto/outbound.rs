//! The Outbound screen (review queue, sends, pipeline numbers) across IPC.

use serde::Serialize;
use switchboard_core::day::rfc3339;
use switchboard_workspace::{QueueContact, QueueEntry};
use ts_rs::TS;

/// A contact found at a queued company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "QueueContactInfo.ts")]
pub struct QueueContactInfo {
    /// Opens the template preview for this contact.
    pub prospect_id: i64,
    pub email: String,
    pub name: String,
    pub title: String,
    pub seniority: String,
    pub verified: bool,
    /// `pending`, `approved`, `rejected`; once sent `sending`, `sent`, `delivered`, `opened`,
    /// `replied`, `bounced` or `unsubscribed`.
    pub state: String,
}

impl From<&QueueContact> for QueueContactInfo {
    fn from(c: &QueueContact) -> Self {
        QueueContactInfo {
            prospect_id: c.prospect_id,
            email: c.email.clone(),
            name: c.name.trim().to_owned(),
            title: c.title.clone(),
            seniority: c.seniority.clone(),
            verified: c.verified,
            state: c.state.clone(),
        }
    }
}

/// A visit from the company's IPs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "QueueVisit.ts")]
pub struct QueueVisit {
    pub at: String,
    pub pages: i64,
}

/// A page and how many times a company's visitors viewed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PageViews.ts")]
pub struct PageViews {
    pub name: String,
    pub views: i64,
}

/// A qualified company in the review queue.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "QueueCompany.ts")]
pub struct QueueCompany {
    pub domain: String,
    pub name: String,
    pub employees: Option<i64>,
    pub industry: Option<String>,
    /// "City, Country", either, or null.
    pub location: Option<String>,
    pub technologies: Vec<String>,
    /// `pending`, `approved`, `rejected` or `snoozed`.
    pub state: String,
    pub snoozed_until: Option<String>,
    pub assigned_to: Option<String>,
    pub note: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    pub queued_at: String,
    pub decided_at: Option<String>,
    pub score: Option<f64>,
    /// The fit segment: `very good`, `good`, `medium`, `low`.
    pub fit: Option<String>,
    pub signals: Vec<String>,
    pub visit_count: i64,
    /// The latest visits, newest first.
    pub visits: Vec<QueueVisit>,
    /// The pages its visitors viewed most.
    pub pages: Vec<PageViews>,
    pub contacts: Vec<QueueContactInfo>,
}

impl From<&QueueEntry> for QueueCompany {
    fn from(e: &QueueEntry) -> Self {
        let location = match (&e.city, &e.country) {
            (Some(c), Some(k)) => Some(format!("{c}, {k}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        QueueCompany {
            domain: e.domain.clone(),
            name: e.name.clone(),
            employees: e.employees,
            industry: e.industry.clone(),
            location,
            technologies: e.technologies.clone(),
            state: e.state.clone(),
            snoozed_until: e.snoozed_until.map(rfc3339),
            assigned_to: e.assigned_to.clone(),
            note: e.note.clone(),
            reason: e.reason.clone(),
            queued_at: rfc3339(e.queued_at),
            decided_at: e.decided_at.map(rfc3339),
            score: e.score,
            fit: e.fit.clone(),
            signals: e.signals.clone(),
            visit_count: e.visit_count,
            visits: e
                .visits
                .iter()
                .map(|&(at, pages)| QueueVisit { at: rfc3339(at), pages })
                .collect(),
            pages: e
                .pages
                .iter()
                .map(|(name, views)| PageViews { name: name.clone(), views: *views })
                .collect(),
            contacts: e.contacts.iter().map(QueueContactInfo::from).collect(),
        }
    }
}

/// How many contacts are in one outreach state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "StateCount.ts")]
pub struct StateCount {
    pub state: String,
    pub count: u64,
}

/// The review queue and what surrounds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "QueueView.ts")]
pub struct QueueView {
    /// Every queued company, newest and best scored first (every state; the screen filters).
    pub companies: Vec<QueueCompany>,
    /// The reps companies are assigned to.
    pub reps: Vec<String>,
    /// Approved contacts not sent yet.
    pub waiting_to_send: u64,
    /// The Track API event that starts the outbound campaign.
    pub event: String,
    /// Whether Customer.io is connected (sending needs it).
    pub customerio_connected: bool,
    /// Contacts by outreach state.
    pub outreach: Vec<StateCount>,
}

/// A contact Customer.io refused, or a lookup that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KeyReason.ts")]
pub struct KeyReason {
    pub key: String,
    pub reason: String,
}

/// What sending the approved contacts did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SendResult.ts")]
pub struct SendResult {
    pub event: String,
    pub sent: u64,
    pub resumed: u64,
    pub failed: Vec<KeyReason>,
    pub notified: u64,
    pub waiting: u64,
}

impl From<&switchboard_workspace::SendReport> for SendResult {
    fn from(r: &switchboard_workspace::SendReport) -> Self {
        SendResult {
            event: r.event.clone(),
            sent: r.sent,
            resumed: r.resumed,
            failed: r
                .failed
                .iter()
                .map(|(k, why)| KeyReason { key: k.clone(), reason: why.clone() })
                .collect(),
            notified: r.notified,
            waiting: r.waiting,
        }
    }
}

/// Lookups of one kind: spent (or at most, dry) and left in today's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LookupCount.ts")]
pub struct LookupCount {
    /// `reveal`, `company`, `score` or `prospect`.
    pub lookup: String,
    pub count: u64,
    pub budget_left: u64,
}

/// What a pipeline run did, or (dry) would spend at most.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PipelineRunInfo.ts")]
pub struct PipelineRunInfo {
    pub dry_run: bool,
    pub revealed: u64,
    pub ips_waiting: u64,
    pub identified: u64,
    pub enriched: u64,
    pub scored: u64,
    pub qualified: u64,
    pub below_threshold: u64,
    pub prospected: u64,
    pub contacts: u64,
    pub skipped: u64,
    pub failed: Vec<KeyReason>,
    pub lookups: Vec<LookupCount>,
    /// Lookups a stopped run asked and never stored the answer of.
    pub interrupted: Vec<KeyReason>,
    pub retried: u64,
}

impl From<&switchboard_workspace::PipelineReport> for PipelineRunInfo {
    fn from(r: &switchboard_workspace::PipelineReport) -> Self {
        let pairs = |v: &[(String, String)]| {
            v.iter().map(|(k, why)| KeyReason { key: k.clone(), reason: why.clone() }).collect()
        };
        PipelineRunInfo {
            dry_run: r.dry_run,
            revealed: r.revealed,
            ips_waiting: r.ips_waiting,
            identified: r.identified,
            enriched: r.enriched,
            scored: r.scored,
            qualified: r.qualified,
            below_threshold: r.below_threshold,
            prospected: r.prospected,
            contacts: r.contacts,
            skipped: r.skipped.len() as u64,
            failed: pairs(&r.failed),
            lookups: r
                .lookups
                .iter()
                .map(|(k, n)| LookupCount {
                    lookup: k.clone(),
                    count: *n,
                    budget_left: r.budget_left.get(k).copied().unwrap_or(0),
                })
                .collect(),
            interrupted: pairs(&r.interrupted),
            retried: r.retried,
        }
    }
}

/// One day of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PipelineDayInfo.ts")]
pub struct PipelineDayInfo {
    pub day: String,
    pub ips_seen: i64,
    pub domains_identified: i64,
    pub qualified: i64,
    pub contacts_found: i64,
    pub approved: i64,
    pub sent: i64,
    pub opened: i64,
    pub replied: i64,
}

impl From<&switchboard_workspace::PipelineDay> for PipelineDayInfo {
    fn from(d: &switchboard_workspace::PipelineDay) -> Self {
        PipelineDayInfo {
            day: switchboard_core::Day(d.day).to_string(),
            ips_seen: d.ips_seen,
            domains_identified: d.domains_identified,
            qualified: d.qualified,
            contacts_found: d.contacts_found,
            approved: d.approved,
            sent: d.sent,
            opened: d.opened,
            replied: d.replied,
        }
    }
}

/// The pipeline's days, with the source's figures to compare against.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PipelineStatsInfo.ts")]
pub struct PipelineStatsInfo {
    pub days: Vec<PipelineDayInfo>,
    pub reference_domains: i64,
    pub reference_qualified: i64,
    pub reference_contacts: i64,
    pub reference_open_rate: f64,
}

/// The inbound webhooks, as the screen shows them (the secret never crosses IPC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "WebhookInfo.ts")]
pub struct WebhookInfo {
    pub configured: bool,
    /// Whether Customer.io's calls must carry a valid signature.
    pub signed: bool,
    /// The paths, with the secret masked: `/webhooks/••••ab12/customerio`.
    pub customerio_path: String,
    pub mailparser_path: String,
    /// The JSON template to paste into Mailparser.
    pub mailparser_template: String,
    pub recent: Vec<WebhookCall>,
}

/// A webhook call received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "WebhookCall.ts")]
pub struct WebhookCall {
    pub source: String,
    pub at: String,
    pub email: Option<String>,
    pub metric: String,
    pub outcome: String,
}

/// A daily budget of one kind of paid lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LookupBudget.ts")]
pub struct LookupBudget {
    /// `reveal`, `company`, `score` or `prospect`.
    pub lookup: String,
    pub per_day: u64,
}

/// The pipeline's rules, as the Guardrails panel edits them.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PipelineRulesInfo.ts")]
pub struct PipelineRulesInfo {
    /// Reveal types never looked up further: of `isp`, `education`, `government`.
    pub skip_kinds: Vec<String>,
    pub skip_fuzzy: bool,
    pub cooldown_days: u32,
    /// A company qualifies at this score (0 to 100) or above.
    pub threshold: f64,
    pub roles: Vec<String>,
    pub seniorities: Vec<String>,
    pub max_contacts: u32,
    pub budgets: Vec<LookupBudget>,
}

impl From<&switchboard_workspace::PipelineRules> for PipelineRulesInfo {
    fn from(r: &switchboard_workspace::PipelineRules) -> Self {
        PipelineRulesInfo {
            skip_kinds: r.skip_kinds.iter().cloned().collect(),
            skip_fuzzy: r.skip_fuzzy,
            cooldown_days: r.cooldown_days,
            threshold: r.threshold,
            roles: r.roles.clone(),
            seniorities: r.seniorities.clone(),
            max_contacts: r.max_contacts,
            budgets: r
                .budgets
                .iter()
                .map(|(k, n)| LookupBudget { lookup: k.clone(), per_day: *n })
                .collect(),
        }
    }
}

impl From<PipelineRulesInfo> for switchboard_workspace::PipelineRules {
    fn from(r: PipelineRulesInfo) -> Self {
        switchboard_workspace::PipelineRules {
            skip_kinds: r.skip_kinds.into_iter().collect(),
            skip_fuzzy: r.skip_fuzzy,
            cooldown_days: r.cooldown_days,
            threshold: r.threshold,
            roles: r.roles,
            seniorities: r.seniorities,
            max_contacts: r.max_contacts,
            budgets: r.budgets.into_iter().map(|b| (b.lookup, b.per_day)).collect(),
        }
    }
}

/// A domain on a suppression list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SuppressionInfo.ts")]
pub struct SuppressionInfo {
    pub domain: String,
    /// `customer`, `competitor` or `do_not_contact`.
    pub list: String,
    pub note: Option<String>,
    pub added_at: String,
}

/// What adding to a suppression list did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SuppressionAdded.ts")]
pub struct SuppressionAdded {
    pub added: u64,
    pub already: u64,
    /// Lines that hold no domain: the line number as `key`, its text as `reason`.
    pub refused: Vec<KeyReason>,
    pub all: Vec<SuppressionInfo>,
}

/// Sent as the `pipeline-progress` event while a pipeline run looks things up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PipelineProgressInfo.ts")]
pub struct PipelineProgressInfo {
    /// `reveal`, `company`, `score`, `prospect`, then `done`.
    pub stage: String,
    pub done: u64,
    /// The stage's lookups at most (its budget may stop it sooner).
    pub total: u64,
}
