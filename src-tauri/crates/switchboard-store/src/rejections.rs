//! `rejections`: requests the collector refused and why, newest first.

use rusqlite::{Connection, params};
use switchboard_core::Rejection;

use crate::Result;

pub fn record(conn: &Connection, r: &Rejection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO rejections (source_id, received_at, path, status, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![r.source_id, r.received_at, r.path, r.status, r.reason])?;
    Ok(())
}

pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<Rejection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source_id, received_at, path, status, reason FROM rejections
         ORDER BY received_at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Rejection {
            source_id: r.get(0)?,
            received_at: r.get(1)?,
            path: r.get(2)?,
            status: r.get(3)?,
            reason: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
