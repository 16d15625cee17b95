//! `switchboard-cli connect` and `switchboard-cli sync`: connect a vendor tool (keys from stdin or
//! the environment, never from an argument), run syncs with progress bars, and read the sync log.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use switchboard_core::day::rfc3339;
use switchboard_core::sync::{Schedule, SyncRun, SyncTrigger};
use switchboard_workspace::connections::vendor;
use switchboard_workspace::{
    Policy, RunningSyncs, Secrets, SettingsChange, SyncProgress, Vendor, Workspace,
};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
pub struct ConnectArgs {
    /// The tool: clearbit, madkudu, customerio, facebook, google_ads, adroll or segment.
    tool: String,
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// A non-secret field, as NAME=VALUE (for example site_id=abc). Keys are read from stdin or
    /// from SWITCHBOARD_<TOOL>_<FIELD> environment variables, never from arguments.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Send this tool's requests to another address (a proxy, a test server).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// How often the app syncs it while open: off, hourly or daily.
    #[arg(long)]
    schedule: Option<String>,
    /// Entities fetched within this many days are not looked up again (Clearbit, MadKudu,
    /// Segment profiles).
    #[arg(long, value_name = "DAYS")]
    freshness_days: Option<u32>,
    /// Paid lookups allowed per UTC day, per kind of lookup.
    #[arg(long, value_name = "N")]
    daily_budget: Option<u64>,
    /// Call the tool's cheapest endpoint with the keys after saving them.
    #[arg(long)]
    test: bool,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    log: Option<SyncCommand>,
    /// Tools to sync; every connected tool when none is named.
    tools: Vec<String>,
    #[arg(long, value_name = "FILE")]
    workspace: Option<PathBuf>,
    /// Override a tool's base URL for this run, as TOOL=URL.
    #[arg(long = "base-url", value_name = "TOOL=URL")]
    base_urls: Vec<String>,
    /// Print the runs as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum SyncCommand {
    /// The sync runs, newest first, with their counts and failed rows.
    Log {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Only this tool's runs.
        #[arg(long)]
        tool: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

/// The secret store: the keychain, or the key file when there is none (or when
/// `SWITCHBOARD_SECRETS=file` asks for it).
pub fn secrets() -> Secrets {
    let dir = data_dir();
    if std::env::var("SWITCHBOARD_SECRETS").is_ok_and(|v| v == "file") {
        return Secrets::file(dir.join("secrets.json"));
    }
    let secrets = Secrets::system(&dir);
    if let Some(notice) = secrets.notice() {
        report::note(&format!("note: {notice}"));
    }
    secrets
}

fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SWITCHBOARD_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("switchboard")
}

pub fn connect(args: &ConnectArgs) -> anyhow::Result<()> {
    let tool = vendor(&args.tool)?;
    let ws = Workspace::open(&args.workspace.workspace)?;
    let mut values = BTreeMap::new();
    for pair in &args.set {
        let (name, value) =
            pair.split_once('=').with_context(|| format!("`--set {pair}` needs NAME=VALUE"))?;
        if tool.fields().iter().any(|f| f.name == name && f.secret) {
            bail!(
                "{name} is a key: pass it on stdin or in {} so it never shows in the process list",
                env_name(tool, name)
            );
        }
        values.insert(name.to_owned(), value.to_owned());
    }
    let secret_fields: Vec<_> = tool.fields().iter().filter(|f| f.secret).collect();
    let mut from_env = 0;
    for f in &secret_fields {
        if let Ok(v) = std::env::var(env_name(tool, f.name)) {
            values.insert(f.name.to_owned(), v);
            from_env += 1;
        }
    }
    if from_env < secret_fields.len() && !std::io::stdin().is_terminal() {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if secret_fields.len() == 1 && lines.len() == 1 && !lines[0].contains('=') {
            values.insert(secret_fields[0].name.to_owned(), lines[0].to_owned());
        } else {
            for line in lines {
                let (name, value) = line
                    .split_once('=')
                    .with_context(|| format!("stdin lines must be FIELD=VALUE for {tool}"))?;
                values.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }
    let secrets = secrets();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        ws.connect(&secrets, tool, &values).await?;
        let schedule = match &args.schedule {
            Some(s) => Some(s.parse::<Schedule>().map_err(|_| {
                anyhow::anyhow!("--schedule takes off, hourly or daily, not `{s}`")
            })?),
            None => None,
        };
        if args.base_url.is_some()
            || schedule.is_some()
            || args.freshness_days.is_some()
            || args.daily_budget.is_some()
        {
            let change = SettingsChange {
                schedule,
                base_url: args.base_url.clone().map(Some),
                freshness_days: args.freshness_days,
                daily_budget: args.daily_budget,
            };
            ws.change_connector(tool, change).await?;
        }
        let now = report::now();
        let all = ws.connections(&secrets, &RunningSyncs::default(), now).await?;
        let this = all.iter().find(|c| c.vendor == tool).context("connector missing")?;
        let missing: Vec<&str> = this
            .fields
            .iter()
            .filter(|s| s.field.required && s.value.is_none() && s.masked.is_none())
            .map(|s| s.field.label)
            .collect();
        if missing.is_empty() {
            report::note(&format!("{tool} is connected; keys are kept in {}", secrets.location()));
        } else {
            report::note(&format!(
                "{tool} is saved but still needs: {} (keys on stdin as FIELD=VALUE lines, others with --set)",
                missing.join(", ")
            ));
        }
        if args.test {
            ws.test_connection(&secrets, tool, Policy::for_vendor(tool)).await?;
            report::note(&format!("{tool} answered: the connection works"));
        }
        anyhow::Ok(())
    })
}

fn env_name(tool: Vendor, field: &str) -> String {
    format!("SWITCHBOARD_{}_{}", tool.id(), field).to_uppercase()
}

#[derive(Debug, Serialize)]
struct RunJson {
    id: i64,
    tool: String,
    trigger: String,
    status: String,
    started_at: String,
    finished_at: Option<String>,
    fetched: u64,
    written: u64,
    skipped: u64,
    failed: u64,
    credits: u64,
    error: Option<String>,
    rows: Vec<RowJson>,
}

#[derive(Debug, Serialize)]
struct RowJson {
    stream: String,
    key: String,
    outcome: &'static str,
    reason: String,
}

fn run_json(r: &SyncRun, rows: Vec<RowJson>) -> RunJson {
    RunJson {
        id: r.id,
        tool: r.connector.clone(),
        trigger: r.trigger.to_string(),
        status: r.status.to_string(),
        started_at: rfc3339(r.started_at),
        finished_at: r.finished_at.map(rfc3339),
        fetched: r.counts.fetched,
        written: r.counts.written,
        skipped: r.counts.skipped,
        failed: r.counts.failed,
        credits: r.counts.credits,
        error: r.error.clone(),
        rows,
    }
}

pub fn run(args: &SyncArgs) -> anyhow::Result<()> {
    if let Some(SyncCommand::Log { workspace, tool, limit, json }) = &args.log {
        return log(&workspace.workspace, tool.as_deref(), *limit, *json);
    }
    let Some(path) = &args.workspace else {
        bail!("sync needs --workspace FILE");
    };
    let ws = Workspace::open(path)?;
    let secrets = secrets();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut overrides = BTreeMap::new();
    for pair in &args.base_urls {
        let (tool, url) =
            pair.split_once('=').with_context(|| format!("`--base-url {pair}` needs TOOL=URL"))?;
        overrides.insert(vendor(tool)?, url.to_owned());
    }
    let runs = runtime.block_on(async {
        let connections = ws.connections(&secrets, &RunningSyncs::default(), report::now()).await?;
        let tools: Vec<Vendor> = if args.tools.is_empty() {
            connections.iter().filter(|c| c.connected).map(|c| c.vendor).collect()
        } else {
            args.tools.iter().map(|t| vendor(t)).collect::<Result<_, _>>()?
        };
        if tools.is_empty() {
            bail!("no tool is connected; connect one with `switchboard-cli connect TOOL --workspace FILE`");
        }
        let mut runs = Vec::new();
        for tool in tools {
            if let Some(url) = overrides.get(&tool) {
                let change = SettingsChange { base_url: Some(Some(url.clone())), ..SettingsChange::default() };
                ws.change_connector(tool, change).await?;
            }
            let bar = ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {prefix:>16} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(tool.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            let mut on_progress = |p: &SyncProgress| {
                let eta = p.eta_ms().map(|ms| format!(", about {} s left", ms / 1000)).unwrap_or_default();
                let of = p.total.map(|t| format!("/{t}")).unwrap_or_default();
                bar.set_message(format!(
                    "{}: {}{of}, {} fetched, {} written, {} skipped, {} failed, {:.1}/s{eta}",
                    p.stream,
                    p.done,
                    p.counts.fetched,
                    p.counts.written,
                    p.counts.skipped,
                    p.counts.failed,
                    p.rate()
                ));
            };
            let clock: Arc<dyn Fn() -> i64 + Send + Sync> = Arc::new(report::now);
            let result = ws
                .sync(
                    &secrets,
                    &RunningSyncs::default(),
                    tool,
                    SyncTrigger::Cli,
                    Policy::for_vendor(tool),
                    clock,
                    &mut on_progress,
                )
                .await;
            bar.finish_and_clear();
            let run = result?;
            let rows = ws.sync_rows(run.id, 50).await?;
            runs.push((run, rows));
        }
        anyhow::Ok(runs)
    })?;
    print_runs(&runs, args.json);
    let failed: Vec<String> = runs
        .iter()
        .filter(|(r, _)| r.status.as_str() == "failed")
        .map(|(r, _)| {
            format!("{}: {}", r.connector, r.error.as_deref().unwrap_or("every row failed"))
        })
        .collect();
    if !failed.is_empty() {
        bail!("sync failed for {}; see `switchboard-cli sync log`", failed.join("; "));
    }
    Ok(())
}

fn print_runs(runs: &[(SyncRun, Vec<switchboard_core::sync::SyncRow>)], json: bool) {
    if json {
        let out: Vec<RunJson> = runs
            .iter()
            .map(|(r, rows)| {
                run_json(
                    r,
                    rows.iter()
                        .map(|row| RowJson {
                            stream: row.stream.clone(),
                            key: row.key.clone(),
                            outcome: if row.failed { "failed" } else { "skipped" },
                            reason: row.reason.clone(),
                        })
                        .collect(),
                )
            })
            .collect();
        report::out(&(serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"));
        return;
    }
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|(r, _)| {
            vec![
                r.id.to_string(),
                r.connector.clone(),
                r.status.to_string(),
                rfc3339(r.started_at),
                r.counts.fetched.to_string(),
                r.counts.written.to_string(),
                r.counts.skipped.to_string(),
                r.counts.failed.to_string(),
                r.counts.credits.to_string(),
                r.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    report::out(&report::table(
        &[
            "run", "tool", "status", "started", "fetched", "written", "skipped", "failed",
            "credits", "error",
        ],
        &rows,
    ));
    for (r, failed) in runs {
        for row in failed.iter().filter(|row| row.failed).take(10) {
            report::out(&format!("  run {} {} {}: {}\n", r.id, row.stream, row.key, row.reason));
        }
    }
}

fn log(path: &std::path::Path, tool: Option<&str>, limit: u32, json: bool) -> anyhow::Result<()> {
    let ws = Workspace::open(path)?;
    let tool = tool.map(vendor).transpose()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let runs = runtime.block_on(async {
        let mut out = Vec::new();
        for run in ws.sync_log(tool, limit).await? {
            let rows = ws.sync_rows(run.id, 50).await?;
            out.push((run, rows));
        }
        anyhow::Ok(out)
    })?;
    if runs.is_empty() && !json {
        report::note("no sync has run yet; run `switchboard-cli sync --workspace FILE`");
    }
    print_runs(&runs, json);
    Ok(())
}
