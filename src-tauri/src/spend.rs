//! The Spend and CAC screen's and the Funnels screen's commands.

use switchboard_core::funnel::Funnel;
use tauri::State;

use crate::dto::spend::{CampaignCap, FunnelGroup, FunnelResult, FunnelStepResult, counting_rules};
use crate::state::now;
use crate::{AppState, ErrorCode, IpcError};

/// Spend against cap for every campaign with spend.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn cac_report(state: State<'_, AppState>) -> Result<Vec<CampaignCap>, IpcError> {
    let reports = state.workspace()?.cac_report().await?;
    Ok(reports.iter().map(CampaignCap::from).collect())
}

/// Sets (or clears, with `segment` null) the segment a campaign reaches.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn campaign_audience_set(
    state: State<'_, AppState>,
    campaign_id: String,
    segment: Option<String>,
) -> Result<Vec<CampaignCap>, IpcError> {
    let ws = state.workspace()?;
    ws.set_campaign_audience(&campaign_id, segment.as_deref()).await?;
    let reports = ws.cac_report().await?;
    Ok(reports.iter().map(CampaignCap::from).collect())
}

/// Counts a funnel. Problems with the definition come back in the result, beside their fields.
#[tauri::command]
#[tracing::instrument(skip(state, definition), err)]
pub async fn funnel_run(
    state: State<'_, AppState>,
    definition: Funnel,
) -> Result<FunnelResult, IpcError> {
    let rules = counting_rules(definition.window_days, definition.order);
    let problems = definition.validate();
    if !problems.is_empty() {
        return Ok(FunnelResult {
            problems,
            from: None,
            to: None,
            steps: Vec::new(),
            breakdown: Vec::new(),
            rules,
        });
    }
    let run = state.workspace()?.run_funnel(definition, now()).await.map_err(|e| {
        let ipc = IpcError::from(e);
        IpcError::new(ipc.code, ipc.message)
    })?;
    if run.steps.is_empty() {
        return Err(IpcError::new(ErrorCode::Internal, "The funnel gave no steps."));
    }
    Ok(FunnelResult {
        problems: Vec::new(),
        from: Some(run.from.to_string()),
        to: Some(run.to.to_string()),
        steps: run.steps.iter().map(FunnelStepResult::from).collect(),
        breakdown: run
            .breakdown
            .iter()
            .map(|(value, steps)| FunnelGroup {
                value: value.clone(),
                steps: steps.iter().map(FunnelStepResult::from).collect(),
            })
            .collect(),
        rules,
    })
}
