//! `switchboard-cli template`: list templates, preview one for a prospect, check it against every
//! prospect, export it for Customer.io or as an `.eml`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use switchboard_core::day::rfc3339;
use switchboard_core::template::{Issue, Rendered, Severity};
use switchboard_workspace::{ExportFormat, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The workspace's email templates.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Render a template for one prospect. Exits non-zero when a variable is unresolved.
    Preview {
        name: String,
        /// The prospect's email.
        #[arg(long, value_name = "EMAIL")]
        prospect: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print the HTML version instead of the plain text.
        #[arg(long)]
        html: bool,
        #[arg(long)]
        json: bool,
    },
    /// Render a template for every prospect and summarise the warnings and errors.
    Check {
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Export a template: for Customer.io (one Liquid template), or rendered for one prospect (.eml).
    Export {
        name: String,
        /// A single Liquid template for a Customer.io campaign.
        #[arg(long, conflicts_with = "eml", required_unless_present = "eml")]
        customerio: bool,
        /// The email rendered for the prospect, as a file any mail client opens.
        #[arg(long)]
        eml: bool,
        /// The prospect's email (the Customer.io export is checked against them too).
        #[arg(long, value_name = "EMAIL")]
        prospect: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

fn issue_json(i: &Issue) -> Value {
    json!({
        "severity": i.severity.as_str(),
        "layer": i.layer,
        "layer_label": i.layer_label,
        "field": i.field.as_str(),
        "line": i.line,
        "column": i.column,
        "variable": i.variable,
        "message": i.message,
    })
}

fn issue_line(i: &Issue) -> String {
    format!(
        "{}: layer {} ({}), {} line {}{}: {}",
        i.severity.as_str(),
        i.layer + 1,
        i.layer_label,
        i.field.as_str(),
        i.line,
        i.column.map(|c| format!(" column {c}")).unwrap_or_default(),
        i.message.replace('`', "")
    )
}

fn rendered_json(r: &Rendered) -> Value {
    let outer = r.outer();
    json!({
        "from": switchboard_core::template::mailbox(&outer.from_name, &outer.from_address),
        "to": outer.to,
        "subject": outer.subject,
        "date": rfc3339(outer.date),
        "text": r.text,
        "html": r.html,
        "ready": r.ready(),
        "issues": r.issues.iter().map(issue_json).collect::<Vec<_>>(),
    })
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let now = report::now();
    match command {
        Command::List { workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let list = runtime.block_on(ws.templates(now))?;
            if *json {
                let v: Vec<Value> = list
                    .iter()
                    .map(|t| {
                        json!({
                            "name": t.template.name,
                            "layers": t.template.layers.len(),
                            "built_in": t.built_in,
                            "updated_at": rfc3339(t.updated_at),
                        })
                    })
                    .collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|t| {
                        vec![
                            t.template.name.clone(),
                            t.template
                                .layers
                                .iter()
                                .map(|l| l.label.as_str())
                                .collect::<Vec<_>>()
                                .join(" → "),
                            if t.built_in { "built in" } else { "" }.to_owned(),
                            rfc3339(t.updated_at),
                        ]
                    })
                    .collect();
                report::out(&report::table(&["template", "layers", "", "updated"], &rows));
            }
        }
        Command::Preview { name, prospect, workspace, html, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let r = runtime.block_on(async {
                let p = ws.prospect_by_email(prospect).await?;
                let t = ws.template(name, now).await?.template;
                ws.preview(&t, p.id, now).await
            })?;
            if *json {
                report::out(&(serde_json::to_string_pretty(&rendered_json(&r))? + "\n"));
            } else {
                let outer = r.outer();
                let mut text = format!(
                    "From: {}\nTo: {}\nSubject: {}\n\n{}",
                    switchboard_core::template::mailbox(&outer.from_name, &outer.from_address),
                    outer.to,
                    outer.subject,
                    if *html { &r.html } else { &r.text }
                );
                if !r.issues.is_empty() {
                    text += "\n";
                    for i in &r.issues {
                        text += &format!("{}\n", issue_line(i));
                    }
                }
                report::out(&text);
            }
            let unresolved: Vec<String> = r
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| i.variable.clone().unwrap_or_else(|| i.message.clone()))
                .collect();
            if !unresolved.is_empty() {
                bail!(
                    "{} unresolved for {prospect}: {}; add a fallback (`| default: \"...\"`) or fill the data in",
                    unresolved.len(),
                    unresolved.join(", ")
                );
            }
        }
        Command::Check { name, workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let bar = indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} prospects rendered")?,
            );
            let r = ws.check_template(name, now, &mut |n| bar.set_position(n))?;
            bar.finish_and_clear();
            if *json {
                let v = json!({
                    "template": name,
                    "count": r.prospects,
                    "with_errors": r.with_errors,
                    "with_warnings": r.with_warnings,
                    "prospects": r.renders.iter().map(|(email, issues)| json!({
                        "email": email,
                        "errors": issues.iter().filter(|i| i.severity == Severity::Error).map(issue_json).collect::<Vec<_>>(),
                        "warnings": issues.iter().filter(|i| i.severity == Severity::Warning).map(issue_json).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                });
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let mut text = format!(
                    "`{name}` rendered for {} prospect(s): {} with errors, {} with warnings only.\n",
                    r.prospects, r.with_errors, r.with_warnings
                );
                let mut counts: std::collections::BTreeMap<(String, String), u64> =
                    Default::default();
                for (_, issues) in &r.renders {
                    for i in issues {
                        let what = i.variable.clone().unwrap_or_else(|| i.message.clone());
                        *counts.entry((i.severity.as_str().to_owned(), what)).or_default() += 1;
                    }
                }
                if !counts.is_empty() {
                    let rows: Vec<Vec<String>> = counts
                        .iter()
                        .map(|((sev, what), n)| vec![sev.clone(), what.clone(), n.to_string()])
                        .collect();
                    text += &report::table(&["severity", "variable", "prospects"], &rows);
                }
                for (email, issues) in r
                    .renders
                    .iter()
                    .filter(|(_, i)| i.iter().any(|x| x.severity == Severity::Error))
                    .take(20)
                {
                    text += &format!("{email}:\n");
                    for i in issues.iter().filter(|i| i.severity == Severity::Error) {
                        text += &format!("  {}\n", issue_line(i));
                    }
                }
                report::out(&text);
            }
            if r.with_errors > 0 {
                bail!(
                    "{} prospect(s) would get an email with unresolved variables; `--json` lists them",
                    r.with_errors
                );
            }
        }
        Command::Export { name, customerio, eml: _, prospect, workspace, out } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let format = if *customerio { ExportFormat::CustomerIo } else { ExportFormat::Eml };
            let exported = runtime.block_on(async {
                let p = ws.prospect_by_email(prospect).await?;
                ws.export_template(name, p.id, format, now).await
            })?;
            match out {
                Some(path) => {
                    std::fs::write(path, &exported.content)
                        .with_context(|| format!("could not write {}", path.display()))?;
                    let mut text = format!("Wrote {}.\n", path.display());
                    for n in &exported.notes {
                        text += &format!("  {n}\n");
                    }
                    report::out(&text);
                }
                None => report::out(&exported.content),
            }
        }
    }
    Ok(())
}
