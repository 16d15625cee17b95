//! `prospects`: contacts found at qualified companies, with their review state.

use rusqlite::{Connection, params};
use switchboard_core::Prospect;

use crate::Result;

pub fn insert(conn: &Connection, p: &Prospect) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO prospects (id, company_id, person_id, email, email_verified, first_name,
                                last_name, title, role, seniority, found_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    stmt.execute(params![
        p.id,
        p.company_id,
        p.person_id,
        p.email,
        p.email_verified,
        p.first_name,
        p.last_name,
        p.title,
        p.role,
        p.seniority,
        p.found_at,
        p.state.as_str(),
    ])?;
    Ok(conn.last_insert_rowid())
}
