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

/// Per campaign: deliveries, and those opened (once each), by campaign name.
pub fn open_rates(conn: &Connection) -> Result<Vec<(String, u64, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT campaign, SUM(kind = 'delivered'),
                COUNT(DISTINCT CASE WHEN kind = 'opened' THEN delivery_id END)
         FROM email_activity GROUP BY campaign ORDER BY campaign",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
