//! `switchboard-cli funnel run`: a funnel from a JSON definition, counted over the workspace.

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
        Command::Run { workspace, file, json } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let funnel = Funnel::from_json(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a funnel definition: {e}", file.display())
            })?;
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
