//! `switchboard-cli funnel`: run a funnel from a JSON definition over the workspace; save, list
//! and delete funnels; make a live segment of a step's people.

use std::path::PathBuf;

use anyhow::Context;
use serde_json::{Value, json};
use switchboard_core::funnel::{BUCKETS, Funnel, Order, StepResult};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Count a funnel: people per step, conversion, drop-off, time to convert, per breakdown.
    Run {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "DEF.json")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Save a funnel under a name, so that segments can read it (replaces one of that name).
    Save {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "DEF.json")]
        file: PathBuf,
    },
    /// The saved funnels.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Delete a saved funnel (refused while a segment reads it).
    Delete {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// Make a live segment of the people who reached, or dropped out at, a step of a saved funnel.
    Segment {
        /// The saved funnel.
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// 1 for the first step.
        #[arg(long)]
        step: u32,
        /// Those who dropped out at the step (reached the one before, not this one).
        #[arg(long)]
        dropped: bool,
        /// The segment's name (default: the funnel's name and the step).
        #[arg(long = "as", value_name = "SEGMENT")]
        segment: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn steps_json(steps: &[StepResult]) -> Value {
    json!(
        steps
            .iter()
            .map(|s| json!({
                "label": s.label,
                "people": s.people,
                "from_previous": s.from_previous,
                "from_first": s.from_first,
                "dropped": s.dropped,
                "median_ms": s.median_ms,
                "distribution": BUCKETS.iter().zip(&s.distribution)
                    .map(|((label, _), n)| json!({"bucket": label, "people": n}))
                    .collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>()
    )
}

fn duration(ms: i64) -> String {
    let minutes = ms / 60_000;
    match minutes {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{:.1} h", m as f64 / 60.0),
        m => format!("{:.1} d", m as f64 / 1440.0),
    }
}

fn steps_table(steps: &[StepResult]) -> String {
    let rows: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                format!("{}. {}", i + 1, s.label),
                report::thousands(s.people as i64),
                format!("{:.1}%", s.from_previous * 100.0),
                format!("{:.1}%", s.from_first * 100.0),
                report::thousands(s.dropped as i64),
                s.median_ms.map(duration).unwrap_or_default(),
            ]
        })
        .collect();
    report::table(&["step", "people", "of previous", "of first", "dropped", "median time"], &rows)
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build()?;
    match command {
        Command::Save { name, workspace, file } => {
            let funnel = read_funnel(file)?;
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.save_funnel(name, funnel, report::now()))?;
            report::out(&format!("saved funnel {name}\n"));
        }
        Command::List { workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let all = runtime.block_on(ws.funnels())?;
            if *json {
                let v: Vec<Value> = all
                    .iter()
                    .map(|f| {
                        json!({
                            "name": f.name,
                            "steps": f.funnel.steps.iter().map(|s| s.label()).collect::<Vec<_>>(),
                            "updated_at": switchboard_core::day::rfc3339(f.updated_at),
                            "definition": f.funnel,
                        })
                    })
                    .collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|f| {
                        let steps: Vec<String> = f.funnel.steps.iter().map(|s| s.label()).collect();
                        vec![f.name.clone(), steps.join(" → ")]
                    })
                    .collect();
                report::out(&report::table(&["name", "steps"], &rows));
            }
        }
        Command::Delete { name, workspace } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.delete_funnel(name))?;
            report::out(&format!("deleted funnel {name}\n"));
        }
        Command::Segment { name, workspace, step, dropped, segment, json } => {
            use switchboard_core::audience::FunnelOutcome;
            let ws = Workspace::open(&workspace.workspace)?;
            let outcome = if *dropped { FunnelOutcome::Dropped } else { FunnelOutcome::Reached };
            let saved = runtime.block_on(ws.segment_from_funnel(
                name,
                *step,
                outcome,
                segment.as_deref(),
                report::now(),
            ))?;
            let size = saved.latest.as_ref().map_or(0, |v| v.size);
            if *json {
                let v = json!({"name": saved.name(), "size": size, "definition": saved.definition});
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                report::out(&format!("{}: {} people\n", saved.name(), report::thousands(size)));
            }
        }
        Command::Run { workspace, file, json } => {
            let funnel = read_funnel(file)?;
            let ws = Workspace::open(&workspace.workspace)?;
            let r = runtime.block_on(ws.run_funnel(funnel.clone(), report::now()))?;
            if *json {
                let v = json!({
                    "from": r.from.to_string(),
                    "to": r.to.to_string(),
                    "window_days": funnel.window_days,
                    "order": funnel.order,
                    "steps": steps_json(&r.steps),
                    "breakdown": r.breakdown.iter()
                        .map(|(value, steps)| json!({"value": value, "steps": steps_json(steps)}))
                        .collect::<Vec<_>>(),
                });
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let order = match funnel.order {
                    Order::Ordered => "steps in order",
                    Order::Strict => "steps one right after another",
                    Order::Any => "steps after the first in any order",
                };
                let mut out = format!(
                    "Entered {} to {}, {} day(s) to convert, {order}\n\n{}",
                    r.from,
                    r.to,
                    funnel.window_days,
                    steps_table(&r.steps)
                );
                for (value, steps) in &r.breakdown {
                    out += &format!("\n{value}\n{}", steps_table(steps));
                }
                report::out(&out);
            }
        }
    }
    Ok(())
}

fn read_funnel(file: &std::path::Path) -> anyhow::Result<Funnel> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("could not read {}", file.display()))?;
    Funnel::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a funnel definition: {e}", file.display()))
}
