//! `prospects`: contacts found at qualified companies, with their review state.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::Prospect;
use switchboard_core::template::ProspectRecord;

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

const RECORD: &str = "SELECT p.id, p.first_name, p.last_name, p.title, p.email, c.name, c.domain,
        c.employees, c.industry, c.country, c.technologies,
        (SELECT MIN(v.started_at) FROM visits v WHERE v.company_id = c.id),
        (SELECT SUM(v.pages) FROM visits v WHERE v.company_id = c.id),
        s.segment, s.score, s.signals, rq.assigned_to
    FROM prospects p
    JOIN companies c ON c.id = p.company_id
    LEFT JOIN scores s ON s.entity = 'company' AND s.entity_id = c.id
        AND s.id = (SELECT MAX(id) FROM scores WHERE entity = 'company' AND entity_id = c.id)
    LEFT JOIN review_queue rq ON rq.company_id = c.id";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProspectRecord> {
    let list = |text: Option<String>| -> Vec<String> {
        text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    };
    Ok(ProspectRecord {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        title: r.get(3)?,
        email: r.get(4)?,
        company_name: r.get(5)?,
        domain: r.get(6)?,
        employees: r.get(7)?,
        industry: r.get(8)?,
        country: r.get(9)?,
        technologies: list(r.get(10)?),
        first_visit: r.get(11)?,
        pages: r.get(12)?,
        fit_segment: r.get(13)?,
        score: r.get(14)?,
        signals: list(r.get(15)?),
        rep: r.get(16)?,
    })
}

/// One prospect with what templates need to know about them, their company and its visits.
pub fn record_of(conn: &Connection, id: i64) -> Result<Option<ProspectRecord>> {
    Ok(conn
        .prepare_cached(&format!("{RECORD} WHERE p.id = ?1"))?
        .query_row([id], record)
        .optional()?)
}

/// Prospects matching `query` (name, email, company name or domain), newest first; all when empty.
pub fn search(conn: &Connection, query: &str, limit: u32) -> Result<Vec<ProspectRecord>> {
    let pattern =
        format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut stmt = conn.prepare_cached(&format!(
        "{RECORD} WHERE ?1 = '%%' OR (p.first_name || ' ' || p.last_name) LIKE ?1 ESCAPE '\\'
            OR p.email LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\' OR c.domain LIKE ?1 ESCAPE '\\'
         ORDER BY p.found_at DESC, p.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![pattern, limit], record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every prospect, in id order, `after` the given id, a page at a time (for `template check`).
pub fn page(conn: &Connection, after: i64, limit: u32) -> Result<Vec<ProspectRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("{RECORD} WHERE p.id > ?1 ORDER BY p.id LIMIT ?2"))?;
    let rows = stmt.query_map(params![after, limit], record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A prospect by email.
pub fn by_email(conn: &Connection, email: &str) -> Result<Option<ProspectRecord>> {
    Ok(conn
        .prepare_cached(&format!("{RECORD} WHERE p.email = ?1 COLLATE NOCASE"))?
        .query_row([email.trim()], record)
        .optional()?)
}
