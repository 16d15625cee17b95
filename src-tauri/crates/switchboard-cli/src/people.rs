//! `switchboard-cli people`: find people, and show one person's profile.

use serde::Serialize;
use switchboard_core::day::rfc3339;
use switchboard_core::profile::{PersonProfile, PersonSummary};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// People whose name, email, ids or company match QUERY (the most recently active without one).
    Search {
        query: Option<String>,
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One person's identities, traits (with history), company, activity and latest messages.
    Show {
        id: i64,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Serialize)]
struct PersonJson {
    id: i64,
    user_id: Option<String>,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    anonymous_id: Option<String>,
    company: Option<String>,
    last_seen: Option<String>,
    events: i64,
}

fn summary(p: &PersonSummary) -> PersonJson {
    PersonJson {
        id: p.id,
        user_id: p.user_id.clone(),
        email: p.email.clone(),
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        anonymous_id: p.anonymous_id.clone(),
        company: p.company.as_ref().map(|c| c.domain.clone()),
        last_seen: p.last_seen.map(rfc3339),
        events: p.events,
    }
}

fn profile_json(p: &PersonProfile) -> serde_json::Value {
    let change = |t: &switchboard_core::profile::TraitChange| {
        serde_json::json!({
            "key": t.key,
            "value": serde_json::from_str::<serde_json::Value>(&t.value).unwrap_or_default(),
            "at": rfc3339(t.at),
            "message_id": t.message_id,
        })
    };
    serde_json::json!({
        "person": summary(&p.summary),
        "identities": p.identities.iter().map(|i| serde_json::json!({
            "kind": i.kind.as_str(), "value": i.value, "first_seen": rfc3339(i.first_seen_at),
        })).collect::<Vec<_>>(),
        "traits": p.traits.iter().map(change).collect::<Vec<_>>(),
        "trait_history": p.history.iter().map(change).collect::<Vec<_>>(),
        "activity": p.activity.iter().map(|a| serde_json::json!({
            "type": a.message_type.as_str(), "name": a.name, "count": a.count, "days": a.days,
            "first_at": rfc3339(a.first_at), "last_at": rfc3339(a.last_at),
        })).collect::<Vec<_>>(),
        "timeline": p.timeline.iter().map(|e| serde_json::json!({
            "message_id": e.message_id, "timestamp": rfc3339(e.timestamp),
            "type": e.message_type.as_str(), "name": e.name,
        })).collect::<Vec<_>>(),
    })
}

fn name(p: &PersonSummary) -> String {
    let full = [p.first_name.as_deref(), p.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !full.is_empty() {
        return full;
    }
    p.user_id
        .clone()
        .or_else(|| p.email.clone())
        .or_else(|| p.anonymous_id.as_ref().map(|a| format!("anonymous {a}")))
        .unwrap_or_else(|| format!("person {}", p.id))
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    match command {
        Command::Search { query, workspace, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let people = runtime.block_on(ws.people(query.as_deref().unwrap_or(""), *limit))?;
            if *json {
                let list: Vec<PersonJson> = people.iter().map(summary).collect();
                report::out(&(serde_json::to_string_pretty(&list)? + "\n"));
            } else if people.is_empty() {
                report::out("Nobody matches.\n");
            } else {
                let rows: Vec<Vec<String>> = people
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.to_string(),
                            name(p),
                            p.email.clone().unwrap_or_default(),
                            p.company.as_ref().map(|c| c.domain.clone()).unwrap_or_default(),
                            report::thousands(p.events),
                            p.last_seen.map(rfc3339).unwrap_or_default(),
                        ]
                    })
                    .collect();
                report::out(&report::table(
                    &["id", "name", "email", "company", "events", "last seen"],
                    &rows,
                ));
            }
        }
        Command::Show { id, workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let p = runtime.block_on(ws.person(*id))?;
            if *json {
                report::out(&(serde_json::to_string_pretty(&profile_json(&p))? + "\n"));
                return Ok(());
            }
            let mut text = format!("{} (person {})\n", name(&p.summary), p.summary.id);
            if let Some(c) = &p.summary.company {
                text += &format!("Company: {} ({})\n", c.name, c.domain);
            }
            text += "\nIdentities:\n";
            for i in &p.identities {
                text += &format!(
                    "  {:<13} {}  (first seen {})\n",
                    i.kind.as_str(),
                    i.value,
                    rfc3339(i.first_seen_at)
                );
            }
            if !p.traits.is_empty() {
                text += "\nTraits:\n";
                for t in &p.traits {
                    text += &format!("  {} = {}  (set {})\n", t.key, t.value, rfc3339(t.at));
                }
            }
            if !p.activity.is_empty() {
                let rows: Vec<Vec<String>> = p
                    .activity
                    .iter()
                    .map(|a| {
                        vec![
                            a.message_type.as_str().to_owned(),
                            a.name.clone(),
                            report::thousands(a.count),
                            report::thousands(a.days),
                            rfc3339(a.last_at),
                        ]
                    })
                    .collect();
                text += "\n";
                text += &report::table(&["type", "name", "count", "days", "last"], &rows);
            }
            report::out(&text);
        }
    }
    Ok(())
}
