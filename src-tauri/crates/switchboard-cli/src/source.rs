//! `switchboard-cli source`: the sources that may send Segment messages, and their write keys.

use rand::Rng;
use serde::Serialize;
use switchboard_core::{Source, day::rfc3339, write_key};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a source and print its write key.
    Add {
        /// A name people recognise, such as "website" or "ios app".
        name: String,
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the sources with their event counts and when each last sent.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Serialize)]
struct SourceJson {
    id: i64,
    name: String,
    write_key: String,
    created_at: String,
    events: i64,
    last_seen: Option<String>,
}

fn to_json(s: &Source, events: i64, last_seen: Option<i64>) -> SourceJson {
    SourceJson {
        id: s.id,
        name: s.name.clone(),
        write_key: s.write_key.clone(),
        created_at: rfc3339(s.created_at),
        events,
        last_seen: last_seen.map(rfc3339),
    }
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    match command {
        Command::Add { name, workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let key = write_key(rand::rng().random());
            let source = runtime.block_on(ws.add_source(name, key, report::now()))?;
            if *json {
                report::out(&(serde_json::to_string_pretty(&to_json(&source, 0, None))? + "\n"));
            } else {
                report::out(&format!(
                    "Created source `{}`. Its write key:\n\n  {}\n\nPoint a Segment library at the \
                     collector (`switchboard-cli collect`) with this key.\n",
                    source.name, source.write_key
                ));
            }
        }
        Command::List { workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let sources = runtime.block_on(ws.sources(report::now() - 60_000))?;
            if *json {
                let list: Vec<SourceJson> =
                    sources.iter().map(|s| to_json(&s.source, s.events, s.last_seen)).collect();
                report::out(&(serde_json::to_string_pretty(&list)? + "\n"));
            } else if sources.is_empty() {
                report::out("No sources yet; add one with `switchboard-cli source add NAME`.\n");
            } else {
                let rows: Vec<Vec<String>> = sources
                    .iter()
                    .map(|s| {
                        vec![
                            s.source.name.clone(),
                            s.source.write_key.clone(),
                            report::thousands(s.events),
                            s.last_seen.map_or_else(|| "never".to_owned(), rfc3339),
                        ]
                    })
                    .collect();
                report::out(&report::table(&["source", "write key", "events", "last seen"], &rows));
            }
        }
    }
    Ok(())
}
