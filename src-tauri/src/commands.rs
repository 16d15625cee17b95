//! The commands the UI may invoke. Each converts in, makes one call, converts out.

use tauri::State;

use crate::dto::{Overview, WorkspaceStatus};
use crate::{AppState, IpcError, state::today};

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
