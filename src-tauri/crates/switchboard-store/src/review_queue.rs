//! `review_queue`: one row per qualified company awaiting, or past, a sales rep's decision.

use rusqlite::{Connection, params};
use switchboard_core::ReviewItem;

use crate::Result;

pub fn upsert(conn: &Connection, r: &ReviewItem) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO review_queue (company_id, state, assigned_to, reason, queued_at, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (company_id) DO UPDATE SET
             state = excluded.state, assigned_to = excluded.assigned_to,
             reason = excluded.reason, decided_at = excluded.decided_at",
    )?;
    stmt.execute(params![
        r.company_id,
        r.state.as_str(),
        r.assigned_to,
        r.reason,
        r.queued_at,
        r.decided_at,
    ])?;
    Ok(())
}
