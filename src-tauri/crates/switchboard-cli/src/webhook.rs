//! `switchboard-cli webhook`: the inbound webhooks the collector serves beside the Tracking API
//! (Customer.io's reporting webhooks and Mailparser's parsed replies): create their secret, print
//! the URLs to paste into each tool, and list the calls received.

use std::io::Read;

use serde_json::json;
use switchboard_workspace::{MAILPARSER_TEMPLATE, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create the webhooks' secret in the keychain (kept if there is one) and print the URLs.
    /// Customer.io's signing key is read from stdin with --cio-signing-key.
    Setup {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// A new secret: the old URLs stop working.
        #[arg(long)]
        rotate: bool,
        /// Read Customer.io's webhook signing key from stdin; calls must then carry a valid
        /// x-cio-signature.
        #[arg(long)]
        cio_signing_key: bool,
        /// Stop checking Customer.io's signature.
        #[arg(long, conflicts_with = "cio_signing_key")]
        no_signature: bool,
        /// The collector's address as the tools reach it.
        #[arg(long, default_value = "http://127.0.0.1:8088")]
        base_url: String,
    },
    /// The calls received, newest first.
    Events {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match command {
        Command::Setup { workspace, rotate, cio_signing_key, no_signature, base_url } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let secrets = crate::sync::secrets();
            let key = if *cio_signing_key {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text)?;
                let text = text.trim().to_owned();
                if text.is_empty() {
                    anyhow::bail!(
                        "no signing key on stdin; pipe Customer.io's webhook signing key in"
                    );
                }
                Some(text)
            } else if *no_signature {
                Some(String::new())
            } else {
                None
            };
            let auth = runtime.block_on(ws.webhook_setup(&secrets, *rotate, key.as_deref()))?;
            let base = base_url.trim_end_matches('/');
            report::out(&format!(
                "Customer.io reporting webhook: {base}/webhooks/{secret}/customerio\n\
                 Mailparser webhook (JSON):     {base}/webhooks/{secret}/mailparser\n\
                 Or without the secret in the URL: {base}/webhooks/customerio (and /mailparser) \
                 with HTTP Basic user `switchboard` and the secret as password.\n\
                 Customer.io signatures: {}\n\
                 Restart `switchboard-cli collect` (or the app's collector) to use a new secret.\n\n\
                 Mailparser body template:\n{MAILPARSER_TEMPLATE}\n",
                if auth.cio_signing_key.is_some() { "checked" } else { "not checked" },
                secret = auth.secret,
            ));
        }
        Command::Events { workspace, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let all = runtime.block_on(ws.webhook_events(*limit))?;
            if *json {
                let v: Vec<_> = all
                    .iter()
                    .map(|e| {
                        json!({"source": e.source, "event_id": e.event_id,
                               "received_at": switchboard_core::day::rfc3339(e.received_at),
                               "email": e.email, "metric": e.metric, "outcome": e.outcome})
                    })
                    .collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|e| {
                        vec![
                            switchboard_core::day::rfc3339(e.received_at),
                            e.source.clone(),
                            e.email.clone().unwrap_or_default(),
                            e.metric.clone(),
                            e.outcome.clone(),
                        ]
                    })
                    .collect();
                report::out(&report::table(
                    &["received", "source", "email", "metric", "outcome"],
                    &rows,
                ));
            }
        }
    }
    Ok(())
}
