//! The Spend and CAC screen's and the Funnels screen's commands.

use switchboard_core::funnel::Funnel;
use switchboard_workspace::{ChartFormat, ChartKind, ChartSize};
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

/// A chart as SVG (shown in an `<img>`), or as PNG bytes in base64 for saving.
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
    let kind = ChartKind::parse(&name).ok_or_else(|| {
        IpcError::new(ErrorCode::InvalidInput, format!("There is no chart called \"{name}\"."))
    })?;
    let format = match format.as_str() {
        "svg" => ChartFormat::Svg,
        "png" => ChartFormat::Png,
        other => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!("\"{other}\" is not a chart format; use svg or png."),
            ));
        }
    };
    let size = ChartSize { width: width.unwrap_or(720), height: height.unwrap_or(360) };
    let bytes = state.workspace()?.chart(kind, funnel, size, format, now()).await?;
    Ok(match format {
        ChartFormat::Svg => String::from_utf8_lossy(&bytes).into_owned(),
        ChartFormat::Png => base64(&bytes),
    })
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
    let kind = ChartKind::parse(&name).ok_or_else(|| {
        IpcError::new(ErrorCode::InvalidInput, format!("There is no chart called \"{name}\"."))
    })?;
    let format = match format.as_str() {
        "svg" => ChartFormat::Svg,
        "png" => ChartFormat::Png,
        other => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                format!("\"{other}\" is not a chart format; use svg or png."),
            ));
        }
    };
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

/// Standard base64, for PNG bytes crossing IPC as text.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_as_the_standard_says() {
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64(b"M"), "TQ==");
        assert_eq!(super::base64(b"\x89PNG"), "iVBORw==");
    }
}
