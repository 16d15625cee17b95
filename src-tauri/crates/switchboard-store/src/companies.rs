//! `companies`: firmographics, the technologies a company's site uses, and when it was first
//! identified from traffic and first qualified.

use rusqlite::{Connection, params};
use switchboard_core::Company;

use crate::Result;

/// Inserts a company and returns its id.
pub fn insert(conn: &Connection, c: &Company) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO companies (id, domain, name, employees, industry, country, city,
                                technologies, first_seen_at, qualified_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    stmt.execute(params![
        c.id,
        c.domain,
        c.name,
        c.employees,
        c.industry,
        c.country,
        c.city,
        serde_json::to_string(&c.technologies)?,
        c.first_seen_at,
        c.qualified_at,
        c.created_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM companies", [], |r| r.get(0))?)
}
