//! `visits`: anonymous sessions with the visitor's IP and what resolving that IP found.

use rusqlite::{Connection, params};
use switchboard_core::{Day, Visit};

use crate::Result;

pub fn insert(conn: &Connection, v: &Visit) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO visits (anonymous_id, ip, started_at, day, pages, company_id, resolution, fuzzy)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(params![
        v.anonymous_id,
        v.ip,
        v.started_at,
        Day::of(v.started_at).0,
        v.pages,
        v.company_id,
        v.resolution.as_str(),
        v.fuzzy,
    ])?;
    Ok(conn.last_insert_rowid())
}
