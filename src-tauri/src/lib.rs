//! The desktop shell: sets up the window and the workspace, and exposes commands of a few lines
//! that convert in, call `switchboard-workspace`, and convert out. No SQL, no HTTP and no business
//! rules here; only this crate depends on tauri.

mod commands;
mod connections;
pub mod dto;
mod error;
mod outbound;
mod segments;
mod spend;
mod state;

use std::path::PathBuf;

use tauri::Manager;

pub use error::{ErrorCode, IpcError};
pub use state::{AppState, DEMO_FILE};

/// Where workspaces live: `SWITCHBOARD_DATA_DIR` when set (tests use it), else the OS data dir.
fn data_dir(app: &tauri::App) -> PathBuf {
    match std::env::var_os("SWITCHBOARD_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => app.path().app_data_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = data_dir(app);
            let secrets = if std::env::var("SWITCHBOARD_SECRETS").is_ok_and(|v| v == "file") {
                switchboard_workspace::Secrets::file(dir.join("secrets.json"))
            } else {
                switchboard_workspace::Secrets::system(&dir)
            };
            let state = AppState::new(dir.join(DEMO_FILE), secrets);
            app.manage(state.clone());
            state.start(app.handle().clone(), &dir);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace_status,
            commands::overview,
            commands::sources,
            commands::source_add,
            commands::collector_start,
            commands::collector_stop,
            commands::people,
            commands::person,
            commands::tracking_plan,
            commands::plan_import,
            commands::templates,
            commands::template,
            commands::template_save,
            commands::template_delete,
            commands::prospects,
            commands::template_preview,
            commands::template_export,
            segments::segments,
            segments::segment,
            segments::segment_preview,
            segments::segment_save,
            segments::segment_duplicate,
            segments::segment_rename,
            segments::segment_delete,
            segments::segment_recompute,
            segments::segment_diff,
            segments::segment_members,
            segments::segment_fields,
            segments::segment_values,
            segments::segment_export_estimate,
            segments::segment_export,
            spend::cac_report,
            spend::campaign_audience_set,
            spend::funnel_run,
            spend::funnels_saved,
            spend::funnel_save,
            spend::funnel_delete,
            spend::funnel_segment,
            spend::chart,
            spend::chart_save,
            spend::guard_rules,
            spend::cac_model,
            spend::channel_ladder,
            spend::channel_cost_set,
            spend::cac_model_set,
            spend::guard_mode_set,
            spend::guard_run,
            spend::guard_log,
            outbound::queue_list,
            outbound::queue_approve,
            outbound::queue_reject,
            outbound::queue_snooze,
            outbound::queue_assign,
            outbound::queue_note,
            outbound::queue_reopen,
            outbound::outbound_event_set,
            outbound::queue_send,
            outbound::pipeline_run,
            outbound::pipeline_stats,
            outbound::webhook_info,
            outbound::pipeline_rules,
            outbound::pipeline_rules_set,
            outbound::suppressions,
            outbound::suppression_add,
            outbound::suppression_remove,
            connections::connections,
            connections::connection_save,
            connections::connection_disconnect,
            connections::connection_test,
            connections::sync_now,
            connections::sync_cancel,
            connections::sync_log,
            connections::sync_rows,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
