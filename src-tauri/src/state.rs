//! What the shell holds: the workspace file, and whether it is being created, ready or failed.
//! On first start the demo workspace is generated on a background thread while the UI shows its
//! progress.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use switchboard_core::Day;
use switchboard_core::day::rfc3339;
use switchboard_workspace::Workspace;
use switchboard_workspace::demo::{self, DemoOptions};
use switchboard_workspace::{CollectorState, RunningSyncs, Secrets};
use tauri::{AppHandle, Emitter};

use crate::dto::{CollectorStatus, Progress, WorkspaceState, WorkspaceStatus};
use crate::{ErrorCode, IpcError};

/// The workspace file the app opens, in the data dir.
pub const DEMO_FILE: &str = "demo-workspace.sqlite";
/// The event that carries a [`WorkspaceStatus`] whenever it changes.
pub const PROGRESS_EVENT: &str = "workspace-progress";

pub fn today() -> Day {
    Day::of(now())
}

/// Milliseconds since the epoch, from the system clock.
pub fn now() -> i64 {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    i64::try_from(ms).unwrap_or(i64::MAX)
}

/// The collector's address as last asked for, and why the last start failed.
#[derive(Debug, Clone)]
struct CollectorPrefs {
    bind: String,
    port: u16,
    error: Option<String>,
}

impl Default for CollectorPrefs {
    fn default() -> Self {
        CollectorPrefs { bind: "127.0.0.1".into(), port: 8088, error: None }
    }
}

enum Phase {
    Creating(Progress),
    Ready { workspace: Workspace, name: String },
    Failed(IpcError),
}

#[derive(Clone)]
pub struct AppState {
    path: PathBuf,
    phase: Arc<Mutex<Phase>>,
    collector: Arc<Mutex<CollectorPrefs>>,
    secrets: Arc<Secrets>,
    syncs: RunningSyncs,
}

impl AppState {
    pub fn new(path: PathBuf, secrets: Secrets) -> AppState {
        let starting = Progress { step: "Opening the workspace".into(), done: 0, total: 1 };
        if let Some(notice) = secrets.notice() {
            tracing::warn!("{notice}");
        }
        AppState {
            path,
            phase: Arc::new(Mutex::new(Phase::Creating(starting))),
            collector: Arc::default(),
            secrets: Arc::new(secrets),
            syncs: RunningSyncs::default(),
        }
    }

    /// Where API keys are kept.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// The syncs running in this process.
    pub fn syncs(&self) -> &RunningSyncs {
        &self.syncs
    }

    /// Opens the workspace, first generating the demo one if there is none, on its own thread.
    pub fn start(&self, app: AppHandle, dir: &Path) {
        let state = self.clone();
        let dir = dir.to_owned();
        std::thread::spawn(move || {
            let result = state.prepare(&app, &dir);
            let phase = match result {
                Ok((workspace, name)) => {
                    recompute_on_schedule(workspace.clone());
                    sync_on_schedule(state.clone(), app.clone(), workspace.clone());
                    Phase::Ready { workspace, name }
                }
                Err(e) => Phase::Failed(e),
            };
            state.set(&app, phase);
        });
    }

    fn prepare(&self, app: &AppHandle, dir: &Path) -> Result<(Workspace, String), IpcError> {
        if !self.path.exists() {
            std::fs::create_dir_all(dir).map_err(|e| {
                tracing::error!(error = %e, dir = %dir.display(), "cannot create the data dir");
                IpcError::new(
                    ErrorCode::Io,
                    format!("Could not create {}: {e}. Check it is writable.", dir.display()),
                )
            })?;
            let options =
                DemoOptions { seed: 42, scale: 1.0, days: 30, last_day: today().plus(-1) };
            tracing::info!(path = %self.path.display(), "creating the demo workspace");
            demo::generate(&self.path, &options, &mut |p| {
                let progress = Progress {
                    step: p.step.clone(),
                    done: u32::try_from(p.done).unwrap_or(u32::MAX),
                    total: u32::try_from(p.total).unwrap_or(u32::MAX),
                };
                self.set(app, Phase::Creating(progress));
            })?;
        }
        let workspace = Workspace::open(&self.path)?;
        let name = tauri::async_runtime::block_on(workspace.name())?;
        tauri::async_runtime::block_on(workspace.reset_interrupted_segments())?;
        tauri::async_runtime::block_on(workspace.interrupt_stale_syncs(now()))?;
        Ok((workspace, name))
    }

    fn set(&self, app: &AppHandle, phase: Phase) {
        *self.phase.lock().unwrap_or_else(|p| p.into_inner()) = phase;
        if let Err(e) = app.emit(PROGRESS_EVENT, self.status()) {
            tracing::warn!(error = %e, "could not tell the UI about the workspace");
        }
    }

    pub fn status(&self) -> WorkspaceStatus {
        let path = self.path.display().to_string();
        match &*self.phase.lock().unwrap_or_else(|p| p.into_inner()) {
            Phase::Creating(progress) => WorkspaceStatus {
                state: WorkspaceState::Creating,
                name: None,
                path,
                progress: Some(progress.clone()),
                error: None,
            },
            Phase::Ready { name, .. } => WorkspaceStatus {
                state: WorkspaceState::Ready,
                name: Some(name.clone()),
                path,
                progress: None,
                error: None,
            },
            Phase::Failed(e) => WorkspaceStatus {
                state: WorkspaceState::Failed,
                name: None,
                path,
                progress: None,
                error: Some(e.clone()),
            },
        }
    }

    /// The open workspace, or a `notReady` error while it is being created.
    pub fn workspace(&self) -> Result<Workspace, IpcError> {
        match &*self.phase.lock().unwrap_or_else(|p| p.into_inner()) {
            Phase::Ready { workspace, .. } => Ok(workspace.clone()),
            Phase::Creating(_) => Err(IpcError::new(
                ErrorCode::NotReady,
                "The workspace is still being prepared; it will open in a moment.",
            )),
            Phase::Failed(e) => Err(e.clone()),
        }
    }
}

impl AppState {
    /// Remembers the address asked for; refuses one that is not an IP address.
    pub fn collector_address(&self, bind: &str, port: u16) -> Result<SocketAddr, IpcError> {
        let mut prefs = self.collector.lock().unwrap_or_else(|p| p.into_inner());
        prefs.bind = bind.trim().to_owned();
        prefs.port = port;
        let ip: IpAddr = bind.trim().parse().map_err(|_| {
            let message = format!("`{bind}` is not an IP address; use 127.0.0.1 (this machine only) or 0.0.0.0 (the network).");
            prefs.error = Some(message.clone());
            IpcError::new(ErrorCode::InvalidInput, message)
        })?;
        Ok(SocketAddr::new(ip, port))
    }

    /// Keeps why a start failed, to show beside the switch until the next start.
    pub fn collector_started(
        &self,
        result: switchboard_workspace::Result<CollectorState>,
    ) -> Result<CollectorState, IpcError> {
        let mut prefs = self.collector.lock().unwrap_or_else(|p| p.into_inner());
        match result {
            Ok(state) => {
                prefs.error = None;
                Ok(state)
            }
            Err(e) => {
                let e = IpcError::from(e);
                prefs.error = Some(e.message.clone());
                Err(e)
            }
        }
    }

    pub fn collector_status(
        &self,
        state: &CollectorState,
        events_per_minute: i64,
    ) -> CollectorStatus {
        let prefs = self.collector.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        match state {
            CollectorState::Stopped => CollectorStatus {
                running: false,
                address: None,
                bind: prefs.bind,
                port: prefs.port,
                started_at: None,
                accepted: 0,
                duplicates: 0,
                rejected_messages: 0,
                rejected_requests: 0,
                events_per_minute,
                error: prefs.error,
            },
            &CollectorState::Running { addr, started_at, counts } => CollectorStatus {
                running: true,
                address: Some(format!("http://{addr}")),
                bind: addr.ip().to_string(),
                port: addr.port(),
                started_at: Some(rfc3339(started_at)),
                accepted: to_i64(counts.accepted),
                duplicates: to_i64(counts.duplicates),
                rejected_messages: to_i64(counts.rejected_messages),
                rejected_requests: to_i64(counts.rejected_requests),
                events_per_minute,
                error: None,
            },
        }
    }
}

/// How often the app recomputes every saved segment while it is open.
const SEGMENT_SCHEDULE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Recomputes the saved segments every [`SEGMENT_SCHEDULE`], so that their status and history
/// stay true while the collector brings new events in. Failures are recorded on the segment.
fn recompute_on_schedule(workspace: Workspace) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(SEGMENT_SCHEDULE);
            match tauri::async_runtime::block_on(workspace.recompute_segments("schedule", now())) {
                Ok(results) => tracing::info!(segments = results.len(), "segments recomputed"),
                Err(e) => tracing::warn!(error = %e, "the scheduled segment recompute failed"),
            }
        }
    });
}

/// How often the app looks for connectors whose scheduled sync is due.
const SYNC_CHECK: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs each connector's scheduled sync (hourly or daily) while the app is open, one at a time.
fn sync_on_schedule(state: AppState, app: AppHandle, workspace: Workspace) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(SYNC_CHECK);
            let due: switchboard_workspace::Result<Vec<switchboard_workspace::Vendor>> =
                tauri::async_runtime::block_on(async {
                    let all = workspace.connections(state.secrets(), state.syncs(), now()).await?;
                    switchboard_workspace::Result::Ok(
                        all.into_iter()
                            .filter(|c| !c.running && c.next_run.is_some_and(|t| t <= now()))
                            .map(|c| c.vendor)
                            .collect::<Vec<_>>(),
                    )
                });
            let due = match due {
                Ok(due) => due,
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the sync schedule");
                    continue;
                }
            };
            for tool in due {
                let run = tauri::async_runtime::block_on(state.run_sync(
                    &app,
                    tool,
                    switchboard_core::sync::SyncTrigger::Schedule,
                ));
                match run {
                    Ok(run) => {
                        tracing::info!(tool = tool.id(), status = %run.status, "scheduled sync")
                    }
                    Err(e) => {
                        tracing::warn!(tool = tool.id(), error = %e.message, "scheduled sync failed")
                    }
                }
            }
        }
    });
}
