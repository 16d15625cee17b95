//! `switchboard-cli queue`: the sales reps' review queue from the command line: list it, approve
//! a company's contacts (all or some), reject a company with the reason, snooze, assign, note,
//! reopen, and send the approved contacts to Customer.io's outbound campaign.

use serde_json::json;
use switchboard_workspace::{Policy, Workspace};

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
    /// Snooze an undecided company; it comes back as pending after the days.
    Snooze {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Assign a company to a rep (an empty name unassigns it).
    Assign {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        rep: String,
    },
    /// Set a company's note (an empty note clears it).
    Note {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        text: String,
    },
    /// Put a decided or snoozed company back to pending.
    Reopen {
        domain: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
    },
    /// Send the approved contacts to Customer.io: identify each, then the event that starts the
    /// outbound campaign. Addresses that replied, bounced or unsubscribed are marked stopped there.
    Send {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// The Track API event that starts the campaign (kept for later sends).
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match command {
        Command::List { workspace, state, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let queue =
                runtime.block_on(ws.review_queue(state.as_deref(), *limit, report::now()))?;
            if *json {
                let v: Vec<_> = queue
                    .iter()
                    .map(|e| {
                        json!({
                            "domain": e.domain, "name": e.name, "employees": e.employees,
                            "industry": e.industry, "country": e.country, "state": e.state,
                            "assigned_to": e.assigned_to, "reason": e.reason, "note": e.note,
                            "snoozed_until": e.snoozed_until.map(switchboard_core::day::rfc3339),
                            "technologies": e.technologies, "signals": e.signals,
                            "visits": e.visit_count,
                            "pages": e.pages.iter().map(|(name, views)| json!({"name": name, "views": views})).collect::<Vec<_>>(),
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
        Command::Snooze { domain, workspace, days } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let until = runtime.block_on(ws.snooze_queued(domain, *days, report::now()))?;
            report::out(&format!(
                "{domain}: snoozed until {}\n",
                switchboard_core::day::rfc3339(until)
            ));
        }
        Command::Assign { domain, workspace, rep } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.assign_queued(domain, Some(rep)))?;
            match rep.trim() {
                "" => report::out(&format!("{domain}: unassigned\n")),
                rep => report::out(&format!("{domain}: assigned to {rep}\n")),
            }
        }
        Command::Note { domain, workspace, text } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.note_queued(domain, Some(text)))?;
            report::out(&format!("{domain}: note saved\n"));
        }
        Command::Reopen { domain, workspace } => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.reopen_queued(domain))?;
            report::out(&format!("{domain}: pending again\n"));
        }
        Command::Send { workspace, event, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            if let Some(e) = event {
                runtime.block_on(ws.set_outbound_event(e))?;
            }
            let secrets = crate::sync::secrets();
            let policy = |v| Policy::for_vendor(v);
            let r = runtime.block_on(ws.send_approved(&secrets, &policy, report::now()))?;
            if *json {
                let v = json!({
                    "event": r.event, "sent": r.sent, "resumed": r.resumed,
                    "failed": r.failed.iter().map(|(e, why)| json!({"email": e, "reason": why})).collect::<Vec<_>>(),
                    "notified": r.notified, "waiting": r.waiting,
                });
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                report::out(&format!(
                    "Sent {} contacts to Customer.io with the event `{}`{}; {} stopped addresses marked there; {} wait for the next send\n",
                    r.sent,
                    r.event,
                    if r.resumed > 0 {
                        format!(" ({} resumed after a stop)", r.resumed)
                    } else {
                        String::new()
                    },
                    r.notified,
                    r.waiting
                ));
                for (email, why) in &r.failed {
                    report::note(&format!("refused: {email}: {why}"));
                }
            }
            if !r.failed.is_empty() && r.sent == 0 {
                anyhow::bail!("Customer.io refused every contact; see the reasons above");
            }
        }
    }
    Ok(())
}
