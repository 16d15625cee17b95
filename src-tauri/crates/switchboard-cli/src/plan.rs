//! `switchboard-cli plan`: import a tracking plan, and list what messages did against it.

use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;
use switchboard_core::day::rfc3339;
use switchboard_workspace::{PlanReport, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make a tracking plan (JSON: Switchboard's, or a Segment Protocols export) the active one.
    Import {
        /// The plan file.
        file: PathBuf,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Violations of the active plan: counts by event and kind, and the newest examples.
    Violations {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// How many of the newest violations to list.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Serialize)]
struct PlanJson {
    plan: Option<PlanInfo>,
    /// Per planned or seen event: messages checked and those with a violation.
    events: Vec<EventJson>,
    counts: Vec<CountJson>,
    violations: Vec<ViolationJson>,
}

#[derive(Debug, Serialize)]
struct PlanInfo {
    id: i64,
    name: String,
    imported_at: String,
    events: usize,
}

#[derive(Debug, Serialize)]
struct EventJson {
    event: String,
    planned: bool,
    seen: i64,
    violating: i64,
}

#[derive(Debug, Serialize)]
struct CountJson {
    event: String,
    kind: String,
    count: i64,
}

#[derive(Debug, Serialize)]
struct ViolationJson {
    message_id: String,
    event: String,
    kind: String,
    property: Option<String>,
    detail: String,
    at: String,
}

fn to_json(r: &PlanReport) -> PlanJson {
    let planned: Vec<&str> = r
        .plan
        .as_ref()
        .map(|p| p.plan.events.iter().map(|e| e.name.as_str()).collect())
        .unwrap_or_default();
    let mut events: Vec<EventJson> = planned
        .iter()
        .map(|name| {
            let check = r.checks.iter().find(|c| c.event == *name);
            EventJson {
                event: (*name).to_owned(),
                planned: true,
                seen: check.map_or(0, |c| c.seen),
                violating: check.map_or(0, |c| c.violating),
            }
        })
        .collect();
    events.extend(r.checks.iter().filter(|c| !planned.contains(&c.event.as_str())).map(|c| {
        EventJson { event: c.event.clone(), planned: false, seen: c.seen, violating: c.violating }
    }));
    PlanJson {
        plan: r.plan.as_ref().map(|p| PlanInfo {
            id: p.id,
            name: p.plan.name.clone(),
            imported_at: rfc3339(p.imported_at),
            events: p.plan.events.len(),
        }),
        events,
        counts: r
            .counts
            .iter()
            .map(|c| CountJson { event: c.event.clone(), kind: c.kind.to_string(), count: c.count })
            .collect(),
        violations: r
            .recent
            .iter()
            .map(|v| ViolationJson {
                message_id: v.message_id.clone(),
                event: v.event.clone(),
                kind: v.kind.to_string(),
                property: v.property.clone(),
                detail: v.detail.clone(),
                at: rfc3339(v.at),
            })
            .collect(),
    }
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    match command {
        Command::Import { file, workspace, json } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let fallback =
                file.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let ws = Workspace::open(&workspace.workspace)?;
            let report = runtime.block_on(ws.import_plan(&text, &fallback, report::now()))?;
            if *json {
                report::out(&(serde_json::to_string_pretty(&to_json(&report))? + "\n"));
            } else if let Some(p) = &report.plan {
                report::out(&format!(
                    "Tracking plan `{}` is active, with {} event(s). Messages from now on are \
                     checked against it; `switchboard-cli plan violations` lists what breaks it.\n",
                    p.plan.name,
                    p.plan.events.len()
                ));
            }
        }
        Command::Violations { workspace, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let report = runtime.block_on(ws.plan_report(*limit))?;
            let data = to_json(&report);
            if *json {
                report::out(&(serde_json::to_string_pretty(&data)? + "\n"));
                return Ok(());
            }
            let Some(plan) = &data.plan else {
                report::out(
                    "No tracking plan yet; import one with `switchboard-cli plan import FILE.json`.\n",
                );
                return Ok(());
            };
            let mut text =
                format!("Tracking plan `{}` (imported {})\n\n", plan.name, plan.imported_at);
            let rows: Vec<Vec<String>> = data
                .events
                .iter()
                .map(|e| {
                    vec![
                        e.event.clone(),
                        if e.planned { "yes" } else { "no" }.to_owned(),
                        report::thousands(e.seen),
                        report::thousands(e.violating),
                    ]
                })
                .collect();
            text += &report::table(&["event", "planned", "seen", "violating"], &rows);
            if data.counts.is_empty() {
                text += "\nNo violations.\n";
            } else {
                let rows: Vec<Vec<String>> = data
                    .counts
                    .iter()
                    .map(|c| vec![c.event.clone(), c.kind.clone(), report::thousands(c.count)])
                    .collect();
                text += "\n";
                text += &report::table(&["event", "violation", "count"], &rows);
                let rows: Vec<Vec<String>> = data
                    .violations
                    .iter()
                    .map(|v| {
                        vec![v.at.clone(), v.kind.clone(), v.detail.clone(), v.message_id.clone()]
                    })
                    .collect();
                text += "\nNewest:\n";
                text += &report::table(&["time", "violation", "detail", "message id"], &rows);
            }
            report::out(&text);
        }
    }
    Ok(())
}
