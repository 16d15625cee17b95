//! `email_activity`: what happened to each delivery (sent, delivered, opened, clicked, bounced).
//! One row per delivery and kind: the first open is the one that counts.

use rusqlite::{Connection, params};
use switchboard_core::EmailActivity;

use crate::Result;

/// Records an activity. Returns false when that delivery already had one of this kind.
pub fn record(conn: &Connection, a: &EmailActivity) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO email_activity (delivery_id, person_id, email, campaign, kind, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (delivery_id, kind) DO NOTHING",
    )?;
    Ok(stmt.execute(params![
        a.delivery_id,
        a.person_id,
        a.email,
        a.campaign,
        a.kind.as_str(),
        a.at
    ])? == 1)
}
