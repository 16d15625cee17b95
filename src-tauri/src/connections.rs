//! The Connections screen's commands: list, save, disconnect, test, sync (with `sync-progress`
//! events while it runs), cancel, and the sync log. Keys arrive once from the form and go straight
//! to the keychain; they are never sent back.

use std::collections::BTreeMap;
use std::sync::Arc;

use switchboard_core::sync::{Schedule, SyncTrigger};
use switchboard_workspace::connections::vendor;
use switchboard_workspace::{Policy, SettingsChange};
use tauri::{AppHandle, Emitter, State};

use crate::dto::connections::{ConnectionInfo, SyncProgressInfo, SyncRowInfo, SyncRunInfo};
use crate::state::now;
use crate::{AppState, ErrorCode, IpcError};

/// The event that carries a [`SyncProgressInfo`] after every batch of a run.
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";

async fn list(state: &AppState) -> Result<Vec<ConnectionInfo>, IpcError> {
    let ws = state.workspace()?;
    let all = ws.connections(state.secrets(), state.syncs(), now()).await?;
    Ok(all.iter().map(ConnectionInfo::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn connections(state: State<'_, AppState>) -> Result<Vec<ConnectionInfo>, IpcError> {
    list(&state).await
}

/// Saves a connection's fields (keys go to the keychain; an empty key leaves it as it is), its
/// base URL override, its schedule, and (when given) its freshness window and daily budget.
#[tauri::command]
#[tracing::instrument(skip(state, values), err)]
pub async fn connection_save(
    state: State<'_, AppState>,
    tool: String,
    values: BTreeMap<String, String>,
    base_url: Option<String>,
    schedule: String,
    freshness_days: Option<u32>,
    daily_budget: Option<u64>,
) -> Result<Vec<ConnectionInfo>, IpcError> {
    let tool = vendor(&tool)?;
    let schedule: Schedule = schedule.parse().map_err(|_| {
        IpcError::new(ErrorCode::InvalidInput, "Choose off, hourly or daily for the schedule.")
    })?;
    let ws = state.workspace()?;
    ws.connect(state.secrets(), tool, &values).await?;
    let change = SettingsChange {
        schedule: Some(schedule),
        base_url: Some(base_url),
        freshness_days,
        daily_budget,
    };
    ws.change_connector(tool, change).await?;
    list(&state).await
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn connection_disconnect(
    state: State<'_, AppState>,
    tool: String,
) -> Result<Vec<ConnectionInfo>, IpcError> {
    let tool = vendor(&tool)?;
    state.workspace()?.disconnect(state.secrets(), tool).await?;
    list(&state).await
}

/// Calls the tool's cheapest endpoint; the error says what the vendor answered.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn connection_test(state: State<'_, AppState>, tool: String) -> Result<String, IpcError> {
    let tool = vendor(&tool)?;
    state.workspace()?.test_connection(state.secrets(), tool, Policy::for_vendor(tool)).await?;
    Ok(format!("{tool} answered: the connection works."))
}

/// Runs a sync now; progress arrives as `sync-progress` events, the finished run as the result.
#[tauri::command]
#[tracing::instrument(skip(state, app), err)]
pub async fn sync_now(
    app: AppHandle,
    state: State<'_, AppState>,
    tool: String,
) -> Result<SyncRunInfo, IpcError> {
    let tool = vendor(&tool)?;
    let run = state.run_sync(&app, tool, SyncTrigger::Manual).await?;
    Ok(SyncRunInfo::from(&run))
}

/// Stops a running sync after its current batch; what it committed stays.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn sync_cancel(state: State<'_, AppState>, tool: String) -> Result<bool, IpcError> {
    Ok(state.syncs().cancel(vendor(&tool)?))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn sync_log(
    state: State<'_, AppState>,
    tool: Option<String>,
    limit: u32,
) -> Result<Vec<SyncRunInfo>, IpcError> {
    let tool = tool.as_deref().map(vendor).transpose()?;
    let runs = state.workspace()?.sync_log(tool, limit.min(500)).await?;
    Ok(runs.iter().map(SyncRunInfo::from).collect())
}

/// The rows a run failed or skipped, with reasons.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn sync_rows(
    state: State<'_, AppState>,
    run_id: i64,
) -> Result<Vec<SyncRowInfo>, IpcError> {
    let rows = state.workspace()?.sync_rows(run_id, 500).await?;
    Ok(rows.iter().map(SyncRowInfo::from).collect())
}

impl AppState {
    /// Runs one sync of `tool`, telling the UI after every batch.
    pub async fn run_sync(
        &self,
        app: &AppHandle,
        tool: switchboard_workspace::Vendor,
        trigger: SyncTrigger,
    ) -> Result<switchboard_core::sync::SyncRun, IpcError> {
        let ws = self.workspace()?;
        let app = app.clone();
        let mut on_progress = move |p: &switchboard_workspace::SyncProgress| {
            if let Err(e) = app.emit(SYNC_PROGRESS_EVENT, SyncProgressInfo::from(p)) {
                tracing::warn!(error = %e, "could not send sync progress");
            }
        };
        let clock: Arc<dyn Fn() -> i64 + Send + Sync> = Arc::new(now);
        Ok(ws
            .sync(
                self.secrets(),
                self.syncs(),
                tool,
                trigger,
                Policy::for_vendor(tool),
                clock,
                &mut on_progress,
            )
            .await?)
    }
}
