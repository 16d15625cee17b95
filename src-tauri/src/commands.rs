//! The commands the UI may invoke. Each converts in, makes one call, converts out.

use std::sync::Arc;

use rand::Rng;
use tauri::State;

use switchboard_workspace::ExportFormat;

use crate::dto::{
    CollectorStatus, EmailTemplate, Overview, PersonDetail, PersonRow, PlanView, ProspectOption,
    RenderedEmail, SourceInfo, SourcesView, TemplateExport, TemplateSummary, WorkspaceStatus,
};
use crate::state::{now, today};
use crate::{AppState, ErrorCode, IpcError};

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn workspace_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, IpcError> {
    Ok(state.status())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn overview(state: State<'_, AppState>) -> Result<Overview, IpcError> {
    let overview = state.workspace()?.overview(today()).await?;
    Ok(Overview::from(&overview))
}

/// How many recent messages and refusals the Sources screen lists.
const SOURCES_LATEST: u32 = 25;
/// How many violation examples the Tracking plan screen lists.
const PLAN_EXAMPLES: u32 = 50;

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn sources(state: State<'_, AppState>) -> Result<SourcesView, IpcError> {
    let ws = state.workspace()?;
    let minute_ago = now() - 60_000;
    let sources = ws.sources(minute_ago).await?;
    let received = ws.received(minute_ago, SOURCES_LATEST).await?;
    let collector = state.collector_status(&ws.collector_state().await, received.since);
    Ok(SourcesView::new(collector, &sources, &received))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn source_add(state: State<'_, AppState>, name: String) -> Result<SourceInfo, IpcError> {
    let key = switchboard_core::write_key(rand::rng().random());
    let source = state.workspace()?.add_source(&name, key, now()).await?;
    Ok(SourceInfo::from(&switchboard_core::SourceSummary {
        source,
        events: 0,
        last_seen: None,
        since: 0,
    }))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn collector_start(
    state: State<'_, AppState>,
    port: u16,
    bind: String,
) -> Result<CollectorStatus, IpcError> {
    let ws = state.workspace()?;
    let addr = state.collector_address(&bind, port)?;
    let result = ws.start_collector(addr, Arc::new(now)).await;
    let collector = state.collector_started(result)?;
    ws.set_collector_webhooks(ws.webhook_auth(state.secrets()).await?).await;
    Ok(state.collector_status(&collector, 0))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn collector_stop(state: State<'_, AppState>) -> Result<CollectorStatus, IpcError> {
    let collector = state.workspace()?.stop_collector().await?;
    Ok(state.collector_status(&collector, 0))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn people(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<PersonRow>, IpcError> {
    let people = state.workspace()?.people(&query, limit).await?;
    Ok(people.iter().map(PersonRow::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn person(state: State<'_, AppState>, id: i64) -> Result<PersonDetail, IpcError> {
    Ok(PersonDetail::from(&state.workspace()?.person(id).await?))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn tracking_plan(state: State<'_, AppState>) -> Result<PlanView, IpcError> {
    Ok(PlanView::from(&state.workspace()?.plan_report(PLAN_EXAMPLES).await?))
}

#[tauri::command]
#[tracing::instrument(skip(state, json), err)]
pub async fn plan_import(state: State<'_, AppState>, json: String) -> Result<PlanView, IpcError> {
    let ws = state.workspace()?;
    ws.import_plan(&json, "Tracking plan", now()).await?;
    Ok(PlanView::from(&ws.plan_report(PLAN_EXAMPLES).await?))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn templates(state: State<'_, AppState>) -> Result<Vec<TemplateSummary>, IpcError> {
    let list = state.workspace()?.templates(now()).await?;
    Ok(list.iter().map(TemplateSummary::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn template(state: State<'_, AppState>, name: String) -> Result<EmailTemplate, IpcError> {
    Ok(EmailTemplate::from(&state.workspace()?.template(&name, now()).await?.template))
}

#[tauri::command]
#[tracing::instrument(skip(state, template), err)]
pub async fn template_save(
    state: State<'_, AppState>,
    template: EmailTemplate,
) -> Result<TemplateSummary, IpcError> {
    let saved = state.workspace()?.save_template(template.into(), now()).await?;
    Ok(TemplateSummary::from(&saved))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn template_delete(state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    Ok(state.workspace()?.delete_template(&name).await?)
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn prospects(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<ProspectOption>, IpcError> {
    let list = state.workspace()?.prospects(&query, limit).await?;
    Ok(list.iter().map(ProspectOption::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state, template), err)]
pub async fn template_preview(
    state: State<'_, AppState>,
    template: EmailTemplate,
    prospect_id: i64,
) -> Result<RenderedEmail, IpcError> {
    let rendered = state.workspace()?.preview(&template.into(), prospect_id, now()).await?;
    Ok(RenderedEmail::from(&rendered))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn template_export(
    state: State<'_, AppState>,
    name: String,
    prospect_id: i64,
    format: String,
) -> Result<TemplateExport, IpcError> {
    let format = match format.as_str() {
        "customerio" => ExportFormat::CustomerIo,
        "eml" => ExportFormat::Eml,
        other => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!("\"{other}\" is not an export format; use customerio or eml."),
            ));
        }
    };
    let exported = state.workspace()?.export_template(&name, prospect_id, format, now()).await?;
    Ok(TemplateExport {
        file_name: exported.file_name,
        content: exported.content,
        notes: exported.notes,
    })
}
