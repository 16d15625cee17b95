//! `switchboard-cli queue`: the sales reps' review queue from the command line: list it, approve
//! a company's contacts (all or some), reject a company with the reason.

use serde_json::json;
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The queue, newest and best scored first.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// pending, approved, rejected or snoozed (default: all).
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Approve a company's contacts: all, or those named (the others are rejected).
    Approve {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Emails, comma-separated.
        #[arg(long, value_delimiter = ',')]
        contacts: Option<Vec<String>>,
    },
    /// Reject a company, with the reason.
    Reject {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        reason: String,
    },
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match command {
        Command::List { workspace, state, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let queue = runtime.block_on(ws.review_queue(state.as_deref(), *limit))?;
            if *json {
                let v: Vec<_> = queue
                    .iter()
                    .map(|e| {
                        json!({
                            "domain": e.domain, "name": e.name, "employees": e.employees,
                            "industry": e.industry, "country": e.country, "state": e.state,
                            "assigned_to": e.assigned_to, "reason": e.reason,
                            "queued_at": switchboard_core::day::rfc3339(e.queued_at),
                            "score": e.score, "fit": e.fit,
                            "contacts": e.contacts.iter().map(|c| json!({
                                "email": c.email, "name": c.name, "title": c.title,
                                "seniority": c.seniority, "verified": c.verified, "state": c.state,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let rows: Vec<Vec<String>> = queue
                    .iter()
                    .map(|e| {
                        vec![
                            e.domain.clone(),
                            e.name.clone(),
                            e.score.map(|s| format!("{s:.0}")).unwrap_or_default(),
                            e.state.clone(),
                            e.contacts.len().to_string(),
                            switchboard_core::day::rfc3339(e.queued_at),
                        ]
                    })
                    .collect();
                report::out(&report::table(
                    &["domain", "company", "score", "state", "contacts", "queued"],
                    &rows,
                ));
            }
        }
        Command::Approve { domain, workspace, contacts } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let n = runtime.block_on(ws.approve_queued(domain, contacts.clone(), report::now()))?;
            report::out(&format!("{domain}: approved, {n} contacts approved\n"));
        }
        Command::Reject { domain, workspace, reason } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.reject_queued(domain, reason, report::now()))?;
            report::out(&format!("{domain}: rejected\n"));
        }
    }
    Ok(())
}
