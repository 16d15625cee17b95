//! `people`: everyone the workspace knows by name or id, product users and prospects alike.

use rusqlite::{Connection, params};
use switchboard_core::Person;

use crate::Result;

/// Inserts a person and returns their id.
pub fn insert(conn: &Connection, p: &Person) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO people (id, user_id, email, first_name, last_name, title, company_id,
                             traits, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        p.id,
        p.user_id,
        p.email,
        p.first_name,
        p.last_name,
        p.title,
        p.company_id,
        p.traits_json,
        p.created_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))?)
}
