//! The Segments screen's commands: list, read, preview while editing, save, duplicate, rename,
//! delete, recompute, diff, the builder's pickers, and export.

use std::path::PathBuf;

use switchboard_core::audience::{self, Definition, Target};
use switchboard_workspace::{SegmentFormat, segment_columns};
use tauri::State;

use crate::dto::segments::{
    EventOption, SegmentDetail, SegmentDiff, SegmentExportEstimate, SegmentExported, SegmentFields,
    SegmentMember, SegmentPreview, SegmentRef, SegmentSummary, SegmentVersion, ValueCount,
};
use crate::state::now;
use crate::{AppState, ErrorCode, IpcError};

/// Members in the builder's sample.
const SAMPLE: u64 = 12;
/// Versions in the history chart.
const HISTORY: i64 = 90;

fn target(s: &str) -> Result<Target, IpcError> {
    Target::parse(s).ok_or_else(|| {
        IpcError::new(
            ErrorCode::InvalidInput,
            format!("\"{s}\" is not a target; use people or companies."),
        )
    })
}

fn format(s: &str) -> Result<SegmentFormat, IpcError> {
    SegmentFormat::parse(s).ok_or_else(|| {
        IpcError::new(
            ErrorCode::InvalidInput,
            format!("\"{s}\" is not an export format; use csv or jsonl."),
        )
    })
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segments(state: State<'_, AppState>) -> Result<Vec<SegmentSummary>, IpcError> {
    let list = state.workspace()?.segments().await?;
    Ok(list.iter().map(SegmentSummary::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment(state: State<'_, AppState>, name: String) -> Result<SegmentDetail, IpcError> {
    let ws = state.workspace()?;
    let saved = ws.segment(&name).await?;
    let history = ws.segment_history(&name, HISTORY).await?;
    Ok(SegmentDetail {
        summary: SegmentSummary::from(&saved),
        definition: saved.definition,
        history: history.iter().map(SegmentVersion::from).collect(),
    })
}

/// Count, explanation and sample of a definition being edited. Problems with the definition come
/// back in the result (the builder shows them beside their rules), not as an error.
#[tauri::command]
#[tracing::instrument(skip(state, definition), err)]
pub async fn segment_preview(
    state: State<'_, AppState>,
    definition: Definition,
) -> Result<SegmentPreview, IpcError> {
    let problems = definition.validate();
    if !problems.is_empty() {
        return Ok(SegmentPreview::problems(problems));
    }
    match state.workspace()?.segment_preview(definition, SAMPLE, now()).await {
        Ok(p) => Ok(SegmentPreview::from(&p)),
        Err(e) => {
            let ipc = IpcError::from(e);
            match ipc.code {
                ErrorCode::InvalidInput | ErrorCode::NotFound => {
                    Ok(SegmentPreview::failed(ipc.message))
                }
                _ => Err(ipc),
            }
        }
    }
}

#[tauri::command]
#[tracing::instrument(skip(state, definition), err)]
pub async fn segment_save(
    state: State<'_, AppState>,
    definition: Definition,
    replacing: Option<String>,
) -> Result<SegmentSummary, IpcError> {
    let saved = state.workspace()?.save_segment(definition, replacing, now()).await?;
    Ok(SegmentSummary::from(&saved))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_duplicate(
    state: State<'_, AppState>,
    name: String,
    new_name: String,
) -> Result<SegmentSummary, IpcError> {
    let saved = state.workspace()?.duplicate_segment(&name, &new_name, now()).await?;
    Ok(SegmentSummary::from(&saved))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_rename(
    state: State<'_, AppState>,
    name: String,
    new_name: String,
) -> Result<SegmentSummary, IpcError> {
    let saved = state.workspace()?.rename_segment(&name, &new_name, now()).await?;
    Ok(SegmentSummary::from(&saved))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_delete(state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    Ok(state.workspace()?.delete_segment(&name).await?)
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_recompute(
    state: State<'_, AppState>,
    name: String,
) -> Result<SegmentVersion, IpcError> {
    let v = state.workspace()?.recompute_segment(&name, "recompute", now()).await?;
    Ok(SegmentVersion::from(&v))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_diff(
    state: State<'_, AppState>,
    name: String,
    version: Option<i64>,
) -> Result<SegmentDiff, IpcError> {
    let (diff, entered, exited) = state.workspace()?.segment_diff(&name, version).await?;
    Ok(SegmentDiff::new(&diff, &entered, &exited))
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_members(
    state: State<'_, AppState>,
    name: String,
    limit: u32,
) -> Result<Vec<SegmentMember>, IpcError> {
    let rows = state.workspace()?.segment_members(&name, i64::from(limit)).await?;
    Ok(rows.iter().map(SegmentMember::from).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_fields(state: State<'_, AppState>) -> Result<SegmentFields, IpcError> {
    let f = state.workspace()?.segment_fields().await?;
    Ok(SegmentFields {
        events: f.events.iter().map(EventOption::from).collect(),
        person_fields: audience::PERSON_FIELDS.iter().map(|s| (*s).to_owned()).collect(),
        trait_keys: f
            .trait_keys
            .into_iter()
            .filter(|(k, _)| !audience::PERSON_FIELDS.contains(&k.as_str()))
            .map(|(value, count)| ValueCount { value, count })
            .collect(),
        company_fields: audience::COMPANY_FIELDS.iter().map(|s| (*s).to_owned()).collect(),
        campaigns: f.campaigns,
        segments: f
            .segments
            .into_iter()
            .map(|(name, t)| SegmentRef { name, target: t.as_str().to_owned() })
            .collect(),
        people_columns: segment_columns(Target::People),
        company_columns: segment_columns(Target::Companies),
    })
}

/// The most common values of a field or trait starting with `prefix`, for type-ahead.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_values(
    state: State<'_, AppState>,
    target: String,
    key: String,
    prefix: String,
) -> Result<Vec<ValueCount>, IpcError> {
    let t = self::target(&target)?;
    let values = state.workspace()?.segment_values(t, key, prefix).await?;
    Ok(values.into_iter().map(|(value, count)| ValueCount { value, count }).collect())
}

#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_export_estimate(
    state: State<'_, AppState>,
    name: String,
    columns: Vec<String>,
    format: String,
) -> Result<SegmentExportEstimate, IpcError> {
    let f = self::format(&format)?;
    let e = state.workspace()?.segment_export_estimate(&name, columns, f).await?;
    Ok(SegmentExportEstimate::from(e))
}

/// Writes the members to `path` (chosen in the save dialog) on a blocking thread.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn segment_export(
    state: State<'_, AppState>,
    name: String,
    columns: Vec<String>,
    format: String,
    path: String,
) -> Result<SegmentExported, IpcError> {
    let f = self::format(&format)?;
    let ws = state.workspace()?;
    let file = PathBuf::from(&path);
    if !file.is_absolute() {
        return Err(IpcError::new(ErrorCode::InvalidInput, "Choose where to save the file."));
    }
    let rows = tauri::async_runtime::spawn_blocking(move || {
        ws.export_segment(&name, &columns, f, &file, &mut |_| {})
    })
    .await
    .map_err(|e| IpcError::new(ErrorCode::Internal, format!("The export stopped: {e}.")))??;
    Ok(SegmentExported { rows, path })
}
