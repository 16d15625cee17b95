//! The Outbound screen's commands: the review queue and its actions, sending approved contacts to
//! Customer.io, running the pipeline, its daily numbers, and the inbound webhooks' status.

use switchboard_workspace::{PipelineOptions, PipelineProgress, Policy, Vendor};
use tauri::{AppHandle, Emitter, State};

use crate::dto::outbound::{
    KeyReason, PipelineDayInfo, PipelineProgressInfo, PipelineRulesInfo, PipelineRunInfo,
    PipelineStatsInfo, QueueCompany, QueueView, SendResult, StateCount, SuppressionAdded,
    SuppressionInfo, WebhookCall, WebhookInfo,
};
use crate::state::now;
use crate::{AppState, IpcError};

/// The source report's daily figures: domains identified, qualified companies, contacts, and
/// the outbound campaign's open rate.
const REFERENCE: (i64, i64, i64, f64) = (1_000, 60, 300, 0.71);

async fn view(state: &AppState) -> Result<QueueView, IpcError> {
    let ws = state.workspace()?;
    let companies = ws.review_queue(None, 5_000, now()).await?;
    let connected = ws.is_connected(state.secrets(), Vendor::CustomerIo).await?;
    Ok(QueueView {
        companies: companies.iter().map(QueueCompany::from).collect(),
        reps: ws.queue_reps().await?,
        waiting_to_send: ws.waiting_to_send().await?,
        event: ws.outbound_event().await?,
        customerio_connected: connected,
        outreach: ws
            .outreach_counts()
            .await?
            .into_iter()
            .map(|(state, count)| StateCount { state, count })
            .collect(),
    })
}

/// The review queue, every state.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_list(state: State<'_, AppState>) -> Result<QueueView, IpcError> {
    view(&state).await
}

/// Approves a company's contacts: those named, or all with `contacts` null.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_approve(
    state: State<'_, AppState>,
    domain: String,
    contacts: Option<Vec<String>>,
) -> Result<QueueView, IpcError> {
    state.workspace()?.approve_queued(&domain, contacts, now()).await?;
    view(&state).await
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_reject(
    state: State<'_, AppState>,
    domain: String,
    reason: String,
) -> Result<QueueView, IpcError> {
    state.workspace()?.reject_queued(&domain, &reason, now()).await?;
    view(&state).await
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_snooze(
    state: State<'_, AppState>,
    domain: String,
    days: u32,
) -> Result<QueueView, IpcError> {
    state.workspace()?.snooze_queued(&domain, days, now()).await?;
    view(&state).await
}

/// Assigns a company to a rep; null or an empty name unassigns it.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_assign(
    state: State<'_, AppState>,
    domain: String,
    rep: Option<String>,
) -> Result<QueueView, IpcError> {
    state.workspace()?.assign_queued(&domain, rep.as_deref()).await?;
    view(&state).await
}

/// Sets a company's note; null or an empty note clears it.
#[tauri::command]
#[tracing::instrument(skip(state, note), err)]
pub async fn queue_note(
    state: State<'_, AppState>,
    domain: String,
    note: Option<String>,
) -> Result<QueueView, IpcError> {
    state.workspace()?.note_queued(&domain, note.as_deref()).await?;
    view(&state).await
}

/// Puts a decided or snoozed company back to pending.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_reopen(
    state: State<'_, AppState>,
    domain: String,
) -> Result<QueueView, IpcError> {
    state.workspace()?.reopen_queued(&domain).await?;
    view(&state).await
}

/// Sets the Track API event that starts the outbound campaign.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn outbound_event_set(
    state: State<'_, AppState>,
    event: String,
) -> Result<QueueView, IpcError> {
    state.workspace()?.set_outbound_event(&event).await?;
    view(&state).await
}

/// Sends the approved contacts to Customer.io.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn queue_send(state: State<'_, AppState>) -> Result<SendResult, IpcError> {
    let policy = |v| Policy::for_vendor(v);
    let r = state.workspace()?.send_approved(state.secrets(), &policy, now()).await?;
    Ok(SendResult::from(&r))
}

/// The event that carries a [`PipelineProgressInfo`] before each lookup of a run.
pub const PIPELINE_PROGRESS_EVENT: &str = "pipeline-progress";

/// Runs the pipeline; dry, it says what it would spend and calls nothing. `pipeline-progress`
/// events tell where a run is.
#[tauri::command]
#[tracing::instrument(skip(state, app), err)]
pub async fn pipeline_run(
    state: State<'_, AppState>,
    app: AppHandle,
    dry_run: bool,
    retry_interrupted: bool,
) -> Result<PipelineRunInfo, IpcError> {
    let policy = |v| Policy::for_vendor(v);
    let options = PipelineOptions { dry_run, retry_interrupted };
    let mut on_progress = move |p: &PipelineProgress| {
        let info = PipelineProgressInfo { stage: p.stage.to_owned(), done: p.done, total: p.total };
        if let Err(e) = app.emit(PIPELINE_PROGRESS_EVENT, info) {
            tracing::warn!(error = %e, "could not send pipeline progress");
        }
    };
    let r = state
        .workspace()?
        .run_pipeline(state.secrets(), &policy, options, now(), &mut on_progress)
        .await?;
    Ok(PipelineRunInfo::from(&r))
}

/// The pipeline's last `days` days.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn pipeline_stats(
    state: State<'_, AppState>,
    days: u32,
) -> Result<PipelineStatsInfo, IpcError> {
    let all = state.workspace()?.pipeline_stats(days, now()).await?;
    Ok(PipelineStatsInfo {
        days: all.iter().map(PipelineDayInfo::from).collect(),
        reference_domains: REFERENCE.0,
        reference_qualified: REFERENCE.1,
        reference_contacts: REFERENCE.2,
        reference_open_rate: REFERENCE.3,
    })
}

/// The inbound webhooks: whether they are set up, their paths (secret masked), Mailparser's
/// template and the latest calls.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn webhook_info(state: State<'_, AppState>) -> Result<WebhookInfo, IpcError> {
    let ws = state.workspace()?;
    let auth = ws.webhook_auth(state.secrets()).await?;
    let masked = auth
        .as_ref()
        .map_or_else(|| "…".to_owned(), |a| switchboard_workspace::masked_secret(&a.secret));
    let recent = ws.webhook_events(20).await?;
    Ok(WebhookInfo {
        configured: auth.is_some(),
        signed: auth.as_ref().is_some_and(|a| a.cio_signing_key.is_some()),
        customerio_path: format!("/webhooks/{masked}/customerio"),
        mailparser_path: format!("/webhooks/{masked}/mailparser"),
        mailparser_template: switchboard_workspace::MAILPARSER_TEMPLATE.to_owned(),
        recent: recent
            .into_iter()
            .map(|e| WebhookCall {
                source: e.source,
                at: switchboard_core::day::rfc3339(e.received_at),
                email: e.email,
                metric: e.metric,
                outcome: e.outcome,
            })
            .collect(),
    })
}

/// The pipeline's rules.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn pipeline_rules(state: State<'_, AppState>) -> Result<PipelineRulesInfo, IpcError> {
    let r = state.workspace()?.pipeline_rules().await?;
    Ok(PipelineRulesInfo::from(&r))
}

/// Saves the pipeline's rules; values that make no sense are refused with what to use.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn pipeline_rules_set(
    state: State<'_, AppState>,
    rules: PipelineRulesInfo,
) -> Result<PipelineRulesInfo, IpcError> {
    let ws = state.workspace()?;
    ws.set_pipeline_rules(&rules.into()).await?;
    let r = ws.pipeline_rules().await?;
    Ok(PipelineRulesInfo::from(&r))
}

async fn suppression_list(state: &AppState) -> Result<Vec<SuppressionInfo>, IpcError> {
    let all = state.workspace()?.suppressions().await?;
    Ok(all
        .into_iter()
        .map(|s| SuppressionInfo {
            domain: s.domain,
            list: s.kind,
            note: s.note,
            added_at: switchboard_core::day::rfc3339(s.added_at),
        })
        .collect())
}

/// Every suppressed domain.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn suppressions(state: State<'_, AppState>) -> Result<Vec<SuppressionInfo>, IpcError> {
    suppression_list(&state).await
}

/// Adds domains to a list: `text` holds one per line, or CSV rows (an email's domain or a URL's
/// host is taken; a header row is skipped).
#[tauri::command]
#[tracing::instrument(skip(state, text), err)]
pub async fn suppression_add(
    state: State<'_, AppState>,
    list: String,
    text: String,
    note: Option<String>,
) -> Result<SuppressionAdded, IpcError> {
    let r = state
        .workspace()?
        .import_suppressions(&text, &list, note.as_deref().filter(|n| !n.trim().is_empty()), now())
        .await?;
    Ok(SuppressionAdded {
        added: r.added,
        already: r.already,
        refused: r
            .refused
            .into_iter()
            .map(|(line, text)| KeyReason { key: line.to_string(), reason: text })
            .collect(),
        all: suppression_list(&state).await?,
    })
}

/// Takes a domain off a list.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn suppression_remove(
    state: State<'_, AppState>,
    domain: String,
    list: String,
) -> Result<Vec<SuppressionInfo>, IpcError> {
    state.workspace()?.unsuppress(&domain, &list).await?;
    suppression_list(&state).await
}
