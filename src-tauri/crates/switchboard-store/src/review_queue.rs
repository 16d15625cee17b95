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

/// A company in the review queue with what a rep decides on.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueEntry {
    pub company_id: i64,
    pub domain: String,
    pub name: String,
    pub employees: Option<i64>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub state: String,
    pub assigned_to: Option<String>,
    pub reason: Option<String>,
    pub queued_at: i64,
    pub score: Option<f64>,
    pub fit: Option<String>,
    pub contacts: Vec<QueueContact>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueContact {
    pub email: String,
    pub name: String,
    pub title: String,
    pub seniority: String,
    pub verified: bool,
    pub state: String,
}

/// The queue, newest and best scored first; of one state, or all.
pub fn list(conn: &Connection, state: Option<&str>, limit: u32) -> Result<Vec<QueueEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.company_id, c.domain, c.name, c.employees, c.industry, c.country, q.state,
                q.assigned_to, q.reason, q.queued_at,
                (SELECT score FROM scores WHERE entity = 'company' AND entity_id = c.id
                 ORDER BY scored_at DESC LIMIT 1),
                (SELECT segment FROM scores WHERE entity = 'company' AND entity_id = c.id
                 ORDER BY scored_at DESC LIMIT 1)
         FROM review_queue q JOIN companies c ON c.id = q.company_id
         WHERE ?1 IS NULL OR q.state = ?1
         ORDER BY q.queued_at / 86400000 DESC, 11 DESC, q.company_id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![state, limit], |r| {
        Ok(QueueEntry {
            company_id: r.get(0)?,
            domain: r.get(1)?,
            name: r.get(2)?,
            employees: r.get(3)?,
            industry: r.get(4)?,
            country: r.get(5)?,
            state: r.get(6)?,
            assigned_to: r.get(7)?,
            reason: r.get(8)?,
            queued_at: r.get(9)?,
            score: r.get(10)?,
            fit: r.get(11)?,
            contacts: Vec::new(),
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut contacts = conn.prepare_cached(
        "SELECT email, first_name || ' ' || last_name, title, seniority, email_verified, state
         FROM prospects WHERE company_id = ?1 ORDER BY id",
    )?;
    for e in &mut out {
        e.contacts = contacts
            .query_map([e.company_id], |r| {
                Ok(QueueContact {
                    email: r.get(0)?,
                    name: r.get(1)?,
                    title: r.get(2)?,
                    seniority: r.get(3)?,
                    verified: r.get(4)?,
                    state: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// The queued company of a domain.
pub fn company_of(conn: &Connection, domain: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT q.company_id FROM review_queue q JOIN companies c ON c.id = q.company_id
             WHERE c.domain = ?1",
        )?
        .query_row([domain.trim().to_lowercase()], |r| r.get(0))
        .optional()?)
}

/// Approves a company: the chosen contacts (all, with `None`) are approved, the others rejected.
/// Returns how many contacts were approved.
pub fn approve(
    conn: &Connection,
    company_id: i64,
    contacts: Option<&[String]>,
    now: i64,
) -> Result<usize> {
    conn.prepare_cached(
        "UPDATE review_queue SET state = 'approved', reason = NULL, decided_at = ?2 WHERE company_id = ?1",
    )?
    .execute(params![company_id, now])?;
    let mut approved = 0;
    let mut stmt = conn.prepare_cached("SELECT id, email FROM prospects WHERE company_id = ?1")?;
    let all: Vec<(i64, String)> = stmt
        .query_map([company_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, email) in all {
        let chosen = contacts.is_none_or(|c| c.iter().any(|e| e.eq_ignore_ascii_case(&email)));
        conn.prepare_cached("UPDATE prospects SET state = ?2 WHERE id = ?1")?
            .execute(params![id, if chosen { "approved" } else { "rejected" }])?;
        approved += usize::from(chosen);
    }
    Ok(approved)
}

/// Rejects a company with the reason; its contacts are rejected too.
pub fn reject(conn: &Connection, company_id: i64, reason: &str, now: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE review_queue SET state = 'rejected', reason = ?2, decided_at = ?3 WHERE company_id = ?1",
    )?
    .execute(params![company_id, reason, now])?;
    conn.prepare_cached("UPDATE prospects SET state = 'rejected' WHERE company_id = ?1")?
        .execute([company_id])?;
    Ok(())
}
