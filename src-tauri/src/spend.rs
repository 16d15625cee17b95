//! The Spend and CAC screen's and the Funnels screen's commands.

use switchboard_core::funnel::Funnel;
use switchboard_workspace::{ChartFormat, ChartKind, ChartSize};
use tauri::State;

use crate::dto::spend::{
    CacFitRow, CacModelInfo, CacModelText, CampaignCap, ChannelLadderInfo, FunnelGroup,
    FunnelResult, FunnelStepResult, GuardActionInfo, GuardRulesInfo, SavedFunnelInfo,
    counting_rules,
};
use crate::state::now;
use crate::{AppState, ErrorCode, IpcError};
use switchboard_core::cac::guard::GuardMode;

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
    let run = state.workspace()?.run_funnel(definition, now()).await?;
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

fn chart_kind(name: &str) -> Result<ChartKind, IpcError> {
    ChartKind::parse(name).ok_or_else(|| {
        IpcError::new(ErrorCode::InvalidInput, format!("There is no chart called \"{name}\"."))
    })
}

fn chart_format(format: &str) -> Result<ChartFormat, IpcError> {
    match format {
        "svg" => Ok(ChartFormat::Svg),
        "png" => Ok(ChartFormat::Png),
        other => Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!("\"{other}\" is not a chart format; use svg or png."),
        )),
    }
}

/// A chart as SVG, for an `<img>`. (A PNG is only ever saved to a file: `chart_save`.)
#[tauri::command]
#[tracing::instrument(skip(state, funnel), err)]
pub async fn chart(
    state: State<'_, AppState>,
    name: String,
    funnel: Option<Funnel>,
    format: String,
    width: Option<u32>,
    height: Option<u32>,
) -> Result<String, IpcError> {
    let kind = chart_kind(&name)?;
    if chart_format(&format)? != ChartFormat::Svg {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            "Charts are shown as SVG; save a PNG with \"Save as PNG\".",
        ));
    }
    let size = ChartSize { width: width.unwrap_or(720), height: height.unwrap_or(360) };
    let bytes = state.workspace()?.chart(kind, funnel, size, ChartFormat::Svg, now()).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Writes a chart to the path the user chose in the save dialog; returns the path.
#[tauri::command]
#[tracing::instrument(skip(state, funnel), err)]
pub async fn chart_save(
    state: State<'_, AppState>,
    name: String,
    funnel: Option<Funnel>,
    format: String,
    path: String,
) -> Result<String, IpcError> {
    let kind = chart_kind(&name)?;
    let format = chart_format(&format)?;
    let file = std::path::PathBuf::from(&path);
    if !file.is_absolute() {
        return Err(IpcError::new(ErrorCode::InvalidInput, "Choose where to save the chart."));
    }
    // Twice the screen size, so text stays sharp in a document.
    let size = ChartSize { width: 1440, height: 720 };
    let bytes = state.workspace()?.chart(kind, funnel, size, format, now()).await?;
    std::fs::write(&file, bytes).map_err(|e| {
        IpcError::new(
            ErrorCode::Io,
            format!("Could not write {path}: {e}. Check the folder is writable."),
        )
    })?;
    Ok(path)
}

/// The budget guard's modes.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn guard_rules(state: State<'_, AppState>) -> Result<GuardRulesInfo, IpcError> {
    Ok(GuardRulesInfo::from(&state.workspace()?.guard_rules().await?))
}

/// Sets a campaign's guard mode (`off`, `dry run`, `live`, or `default` to follow the default),
/// or with no campaign the others'.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn guard_mode_set(
    state: State<'_, AppState>,
    campaign_id: Option<String>,
    mode: String,
) -> Result<GuardRulesInfo, IpcError> {
    let ws = state.workspace()?;
    if mode == "default" {
        let Some(id) = campaign_id else {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "Choose off, dry run or live for the default.",
            ));
        };
        return Ok(GuardRulesInfo::from(&ws.clear_guard_mode(&id).await?));
    }
    let mode: GuardMode = mode.parse().map_err(|_| {
        IpcError::new(ErrorCode::InvalidInput, "Choose off, dry run or live for the budget guard.")
    })?;
    let rules = ws.set_guard_mode(campaign_id.as_deref(), mode).await?;
    Ok(GuardRulesInfo::from(&rules))
}

/// Runs the budget guard now; answers with what it did.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn guard_run(state: State<'_, AppState>) -> Result<Vec<GuardActionInfo>, IpcError> {
    let policy = |v| switchboard_workspace::Policy::for_vendor(v);
    let actions = state.workspace()?.run_budget_guard(state.secrets(), &policy, now()).await?;
    Ok(actions.iter().map(GuardActionInfo::from).collect())
}

/// The guard's actions, newest first.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn guard_log(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<GuardActionInfo>, IpcError> {
    let actions = state.workspace()?.guard_log(limit.min(500)).await?;
    Ok(actions.iter().map(GuardActionInfo::from).collect())
}

fn model_info(
    model: &switchboard_core::cac::CacModel,
    observed: &[switchboard_workspace::Observed],
) -> Result<CacModelInfo, IpcError> {
    let text: CacModelText = serde_json::from_value(model.to_json()).map_err(|e| {
        tracing::error!(error = %e, "the CAC model does not convert");
        IpcError::new(
            ErrorCode::Internal,
            "The CAC model could not be read. Details are in the log.",
        )
    })?;
    let fits = switchboard_core::FitSegment::ALL
        .iter()
        .map(|fit| {
            let cap = model.cap(*fit, None);
            let seen = observed.iter().find(|o| o.fit == *fit);
            let (scored, signed_up) = seen.map_or((0, 0), |o| (o.scored, o.signed_up));
            CacFitRow {
                fit: fit.as_str().to_owned(),
                p: cap.p.to_string(),
                cap: cap.max_spend.to_string(),
                scored,
                signed_up,
                observed: (scored > 0).then(|| signed_up as f64 / scored as f64),
            }
        })
        .collect();
    Ok(CacModelInfo { model: text, fits })
}

/// The CAC model with, per fit segment, the cap it gives and the conversion the workspace observed.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn cac_model(state: State<'_, AppState>) -> Result<CacModelInfo, IpcError> {
    let ws = state.workspace()?;
    model_info(&ws.cac_model().await?, &ws.observed_conversion().await?)
}

/// Replaces the CAC model; a value that is not a decimal, a fraction or a currency is refused
/// with what to write instead.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn cac_model_set(
    state: State<'_, AppState>,
    model: CacModelText,
) -> Result<CacModelInfo, IpcError> {
    let value = serde_json::to_value(&model)
        .map_err(|_| IpcError::new(ErrorCode::InvalidInput, "The model could not be read."))?;
    let parsed = switchboard_core::cac::CacModel::from_json(&value).map_err(|e| {
        IpcError::new(ErrorCode::InvalidInput, crate::error::capitalise(&e.to_string()))
    })?;
    let ws = state.workspace()?;
    ws.set_cac_model(&parsed).await?;
    model_info(&parsed, &ws.observed_conversion().await?)
}

/// The channel ladder, with the people of `segment` (everyone reached, without one) on each rung.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn channel_ladder(
    state: State<'_, AppState>,
    segment: Option<String>,
) -> Result<ChannelLadderInfo, IpcError> {
    let ws = state.workspace()?;
    let ladder = ws.channel_ladder(segment.as_deref(), now()).await?;
    Ok(ChannelLadderInfo::new(&ladder, &ws.channel_costs().await?))
}

/// Sets (or with null clears) what `email` or `web personalisation` costs a month.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn channel_cost_set(
    state: State<'_, AppState>,
    channel: String,
    monthly: Option<String>,
    segment: Option<String>,
) -> Result<ChannelLadderInfo, IpcError> {
    let ws = state.workspace()?;
    ws.set_channel_cost(&channel, monthly.as_deref().map(str::trim).filter(|m| !m.is_empty()))
        .await?;
    let ladder = ws.channel_ladder(segment.as_deref(), now()).await?;
    Ok(ChannelLadderInfo::new(&ladder, &ws.channel_costs().await?))
}

/// The saved funnels, by name.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn funnels_saved(state: State<'_, AppState>) -> Result<Vec<SavedFunnelInfo>, IpcError> {
    let all = state.workspace()?.funnels().await?;
    Ok(all.iter().map(SavedFunnelInfo::from).collect())
}

/// Saves a funnel under `name` (replacing one of that name); answers with every saved funnel.
#[tauri::command]
#[tracing::instrument(skip(state, definition), err)]
pub async fn funnel_save(
    state: State<'_, AppState>,
    name: String,
    definition: Funnel,
) -> Result<Vec<SavedFunnelInfo>, IpcError> {
    let ws = state.workspace()?;
    ws.save_funnel(&name, definition, now()).await?;
    Ok(ws.funnels().await?.iter().map(SavedFunnelInfo::from).collect())
}

/// Deletes a saved funnel; refused while a segment reads it.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn funnel_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<SavedFunnelInfo>, IpcError> {
    let ws = state.workspace()?;
    ws.delete_funnel(&name).await?;
    Ok(ws.funnels().await?.iter().map(SavedFunnelInfo::from).collect())
}

/// Makes a live segment of the people who reached (`reached`) or dropped out at (`dropped`)
/// `step` (1 for the first) of a saved funnel.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn funnel_segment(
    state: State<'_, AppState>,
    funnel: String,
    step: u32,
    outcome: String,
    name: Option<String>,
) -> Result<crate::dto::segments::SegmentSummary, IpcError> {
    use switchboard_core::audience::FunnelOutcome;
    let outcome = match outcome.as_str() {
        "reached" => FunnelOutcome::Reached,
        "dropped" => FunnelOutcome::Dropped,
        _ => return Err(IpcError::new(ErrorCode::InvalidInput, "Choose reached or dropped.")),
    };
    let name = name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let saved = state.workspace()?.segment_from_funnel(&funnel, step, outcome, name, now()).await?;
    Ok(crate::dto::segments::SegmentSummary::from(&saved))
}
