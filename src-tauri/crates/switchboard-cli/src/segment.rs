//! `switchboard-cli segment`: create segments from JSON definitions, list, count, explain, export
//! members, diff versions, and print the definition's JSON Schema.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use serde_json::{Value, json};
use switchboard_core::audience::{self, Definition};
use switchboard_core::day::rfc3339;
use switchboard_workspace::{
    Explained, MemberRow, Saved, SegmentFormat, Workspace, default_segment_columns,
};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Save a segment from a JSON definition (see `segment schema`) and compute it.
    Create {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "DEF.json")]
        file: PathBuf,
        /// Replace the saved segment of the same name instead of refusing.
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// The saved segments with their size, change and status.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// How many members a segment has now (computed live).
    Count {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// How many each rule keeps and drops.
    Explain {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Write the members of the latest version as CSV or JSON Lines.
    Members {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_parser = ["csv", "jsonl"], default_value = "csv")]
        format: String,
        /// Columns, comma separated: id, email, name, traits.KEY, company.name, score, ...
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Who entered and exited in a version (the latest by default).
    Diff {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        version: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Compute a new version of one segment, or of all of them.
    Recompute {
        /// The segment; every saved segment when absent.
        name: Option<String>,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// Delete a segment and its history.
    Delete {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// Print the JSON Schema of a segment definition.
    Schema,
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build()?;
    let now = report::now();
    match command {
        Command::Schema => report::out(&(audience::json_schema() + "\n")),
        Command::Create { workspace, file, replace, json } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let def = Definition::from_json(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{} is not a segment definition: {e}; `switchboard-cli segment schema` describes one",
                    file.display()
                )
            })?;
            let ws = Workspace::open(&workspace.workspace)?;
            let replacing = if *replace {
                runtime.block_on(ws.segment(&def.name)).ok().map(|s| s.name().to_owned())
            } else {
                None
            };
            let saved = runtime.block_on(ws.save_segment(def, replacing, now))?;
            let size = saved.latest.as_ref().map_or(0, |v| v.size);
            if *json {
                report::out(&(serde_json::to_string_pretty(&saved_json(&saved))? + "\n"));
            } else {
                report::out(&format!(
                    "{}: {} {}\n",
                    saved.name(),
                    report::thousands(size),
                    saved.definition.target.as_str()
                ));
            }
        }
        Command::List { workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let list = runtime.block_on(ws.segments())?;
            if *json {
                let v: Vec<Value> = list.iter().map(saved_json).collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else if list.is_empty() {
                report::out(
                    "No segments yet; create one with `switchboard-cli segment create --file DEF.json`.\n",
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|s| {
                        let (size, change) = match &s.latest {
                            Some(v) => {
                                (report::thousands(v.size), format!("+{} −{}", v.entered, v.exited))
                            }
                            None => ("–".to_owned(), String::new()),
                        };
                        vec![
                            s.name().to_owned(),
                            s.definition.target.as_str().to_owned(),
                            size,
                            change,
                            status_text(s),
                        ]
                    })
                    .collect();
                report::out(&report::table(
                    &["segment", "target", "size", "change", "status"],
                    &rows,
                ));
            }
        }
        Command::Count { name, workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let saved = runtime.block_on(ws.segment(name))?;
            let n = runtime.block_on(ws.segment_count(saved.definition.clone(), now))?;
            if *json {
                report::out(&(json!({ "segment": saved.name(), "target": saved.definition.target.as_str(), "count": n }).to_string() + "\n"));
            } else {
                report::out(&format!("{}\n", report::thousands(n)));
            }
        }
        Command::Explain { name, workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let saved = runtime.block_on(ws.segment(name))?;
            let ex = runtime.block_on(ws.segment_explain(saved.definition, now))?;
            if *json {
                report::out(&(serde_json::to_string_pretty(&ex)? + "\n"));
            } else {
                let mut text = String::new();
                explain_lines(&ex, 0, &mut text);
                report::out(&text);
            }
        }
        Command::Members { name, workspace, format, columns, out } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let saved = runtime.block_on(ws.segment(name))?;
            if saved.latest.is_none() {
                runtime.block_on(ws.recompute_segment(name, "export", now))?;
            }
            let format = SegmentFormat::parse(format).context("--format is csv or jsonl")?;
            let columns = if columns.is_empty() {
                default_segment_columns(saved.definition.target)
            } else {
                columns.clone()
            };
            match out {
                Some(path) => {
                    let estimate = runtime.block_on(ws.segment_export_estimate(
                        name,
                        columns.clone(),
                        format,
                    ))?;
                    report::note(&format!(
                        "Writing {} {} (about {}) to {}",
                        report::thousands(estimate.rows as i64),
                        if estimate.rows == 1 { "row" } else { "rows" },
                        report::bytes(estimate.bytes),
                        path.display()
                    ));
                    let bar = indicatif::ProgressBar::new(estimate.rows).with_style(
                        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows {eta}")?,
                    );
                    let n = ws.export_segment(name, &columns, format, path, &mut |n| {
                        bar.set_position(n)
                    })?;
                    bar.finish_and_clear();
                    report::note(&format!(
                        "Wrote {} rows to {}",
                        report::thousands(n as i64),
                        path.display()
                    ));
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut lock = stdout.lock();
                    ws.write_segment(name, &columns, format, &mut lock, &mut |_| {})?;
                    let _ = lock.flush();
                }
            }
        }
        Command::Diff { name, workspace, version, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let (diff, entered, exited) = runtime.block_on(ws.segment_diff(name, *version))?;
            if *json {
                let v = json!({
                    "segment": name,
                    "version": diff.version.version,
                    "computed_at": rfc3339(diff.version.computed_at),
                    "reason": diff.version.reason,
                    "size": diff.version.size,
                    "entered": entered.iter().map(member_json).collect::<Vec<_>>(),
                    "exited": exited.iter().map(member_json).collect::<Vec<_>>(),
                });
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let mut text = format!(
                    "Version {} ({}, {}): {} members, {} entered, {} exited\n",
                    diff.version.version,
                    diff.version.reason,
                    rfc3339(diff.version.computed_at),
                    report::thousands(diff.version.size),
                    report::thousands(diff.version.entered),
                    report::thousands(diff.version.exited),
                );
                for m in &entered {
                    text += &format!("+ {}  {}  {}\n", m.id, m.title, m.subtitle);
                }
                for m in &exited {
                    text += &format!("- {}  {}  {}\n", m.id, m.title, m.subtitle);
                }
                report::out(&text);
            }
        }
        Command::Recompute { name, workspace } => {
            let ws = Workspace::open(&workspace.workspace)?;
            match name {
                Some(name) => {
                    let v = runtime.block_on(ws.recompute_segment(name, "recompute", now))?;
                    report::out(&format!(
                        "{name}: version {}, {} members (+{} −{})\n",
                        v.version,
                        report::thousands(v.size),
                        v.entered,
                        v.exited
                    ));
                }
                None => {
                    let results = runtime.block_on(ws.recompute_segments("recompute", now))?;
                    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
                    report::out(&format!(
                        "{} segments recomputed, {failed} failed\n",
                        results.len() - failed
                    ));
                    if failed > 0 {
                        anyhow::bail!("{failed} segments failed; `segment list` shows why");
                    }
                }
            }
        }
        Command::Delete { name, workspace } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.delete_segment(name))?;
            report::out(&format!("Deleted {name}\n"));
        }
    }
    Ok(())
}

fn status_text(s: &Saved) -> String {
    use switchboard_workspace::Status;
    match s.status {
        Status::Ready => {
            format!("up to date as of {}", s.computed_at.map(rfc3339).unwrap_or_default())
        }
        Status::Computing => "computing".to_owned(),
        Status::Pending => "not computed yet".to_owned(),
        Status::Failed => format!("failed: {}", s.status_detail.clone().unwrap_or_default()),
    }
}

fn saved_json(s: &Saved) -> Value {
    json!({
        "name": s.name(),
        "target": s.definition.target.as_str(),
        "size": s.latest.as_ref().map(|v| v.size),
        "version": s.latest.as_ref().map(|v| v.version),
        "entered": s.latest.as_ref().map(|v| v.entered),
        "exited": s.latest.as_ref().map(|v| v.exited),
        "too_new": s.latest.as_ref().map(|v| v.too_new),
        "status": s.status,
        "status_detail": s.status_detail,
        "computed_at": s.computed_at.map(rfc3339),
        "definition": s.definition,
    })
}

fn member_json(m: &MemberRow) -> Value {
    json!({ "id": m.id, "title": m.title, "subtitle": m.subtitle })
}

fn explain_lines(e: &Explained, depth: usize, out: &mut String) {
    let verb = if e.negated { "match (dropped)" } else { "kept" };
    out.push_str(&format!(
        "{}{}: {} of {} {} {verb}{}\n",
        "  ".repeat(depth),
        e.description,
        report::thousands(e.kept),
        report::thousands(e.input),
        e.unit,
        e.too_new
            .map(|n| format!(", {} too new for the window", report::thousands(n)))
            .unwrap_or_default()
    ));
    for c in &e.children {
        explain_lines(c, depth + 1, out);
    }
}
