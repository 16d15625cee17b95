//! `settings`: the workspace's own key/value settings (its name, the outbound campaign, the
//! qualification threshold). Never secrets: API keys live in the OS keychain.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

pub const NAME: &str = "workspace.name";
/// A random id naming this workspace's keys in the keychain.
pub const WORKSPACE_ID: &str = "workspace.id";
pub const OUTBOUND_CAMPAIGN: &str = "outbound.campaign";
pub const QUALIFY_THRESHOLD: &str = "outbound.qualify_threshold";
/// The Track API event that starts the outbound campaign for an approved contact.
pub const OUTBOUND_EVENT: &str = "outbound.event";
/// The saved template whose variables an approved contact is sent with (the built-in default
/// when unset).
pub const OUTBOUND_TEMPLATE: &str = "outbound.template";
/// The outbound pipeline's rules (guardrails, roles, contacts per company, daily budgets) as JSON.
pub const PIPELINE: &str = "outbound.pipeline";
/// The CAC model (P(convert) per fit segment, LTV, share, overrides), as JSON with decimal text.
pub const CAC_MODEL: &str = "cac.model";
/// The budget guard's modes: `{"default": "dry run", "campaigns": {"<campaign id>": "live"}}`.
pub const GUARD_RULES: &str = "cac.guard";
/// The monthly cost of the channels paid by subscription: `{"email": "300", "web personalisation": "500"}`
/// in the CAC model's currency, as decimal text.
pub const CHANNEL_COSTS: &str = "cac.channel_costs";
/// Which segment each ad campaign reaches: `{"<campaign id>": "<segment name>"}`.
pub const CAMPAIGN_AUDIENCES: &str = "cac.audiences";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
