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
    pub city: Option<String>,
    pub technologies: Vec<String>,
    pub state: String,
    pub assigned_to: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub snoozed_until: Option<i64>,
    pub queued_at: i64,
    pub decided_at: Option<i64>,
    pub score: Option<f64>,
    pub fit: Option<String>,
    /// The score's top signals, as the scoring vendor wrote them.
    pub signals: Vec<String>,
    /// Visits from the company's IPs: how many, and the latest few (start, pages viewed).
    pub visit_count: i64,
    pub visits: Vec<(i64, i64)>,
    /// The pages its visitors viewed most, while it is pending or snoozed: (page name, views).
    pub pages: Vec<(String, i64)>,
    pub contacts: Vec<QueueContact>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueContact {
    pub prospect_id: i64,
    pub email: String,
    pub name: String,
    pub title: String,
    pub seniority: String,
    pub verified: bool,
    /// The rep's decision (`pending`, `approved`, `rejected`), or once sent, the outreach's state
    /// (`sending`, `sent`, `delivered`, `opened`, `replied`, `bounced`, `unsubscribed`).
    pub state: String,
}

/// The queue, newest and best scored first; of one state, or all.
pub fn list(conn: &Connection, state: Option<&str>, limit: u32) -> Result<Vec<QueueEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.company_id, c.domain, c.name, c.employees, c.industry, c.country, q.state,
                q.assigned_to, q.reason, q.queued_at, s.score, s.segment, c.city, c.technologies,
                q.note, q.snoozed_until, q.decided_at, s.signals
         FROM review_queue q JOIN companies c ON c.id = q.company_id
         LEFT JOIN scores s ON s.id = (SELECT id FROM scores WHERE entity = 'company'
                                       AND entity_id = c.id ORDER BY scored_at DESC LIMIT 1)
         WHERE ?1 IS NULL OR q.state = ?1
         ORDER BY q.queued_at / 86400000 DESC, s.score DESC, q.company_id DESC LIMIT ?2",
    )?;
    let json_list = |text: Option<String>| -> Vec<String> {
        text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    };
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
            city: r.get(12)?,
            technologies: json_list(r.get(13)?),
            note: r.get(14)?,
            snoozed_until: r.get(15)?,
            decided_at: r.get(16)?,
            signals: json_list(r.get(17)?),
            visit_count: 0,
            visits: Vec::new(),
            pages: Vec::new(),
            contacts: Vec::new(),
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut contacts = conn.prepare_cached(
        "SELECT p.id, p.email, p.first_name || ' ' || p.last_name, p.title, p.seniority,
                p.email_verified, COALESCE(o.state, p.state)
         FROM prospects p LEFT JOIN outreach o ON o.email = p.email
         WHERE p.company_id = ?1 ORDER BY p.id",
    )?;
    let mut visit_count =
        conn.prepare_cached("SELECT COUNT(*) FROM visits WHERE company_id = ?1")?;
    let mut visits = conn.prepare_cached(
        "SELECT started_at, pages FROM visits WHERE company_id = ?1
         ORDER BY started_at DESC LIMIT 5",
    )?;
    // Page calls of the company's visitors: those of a visit's anonymous id within half an hour
    // of its start (through the timestamp index), and every page call of the people those ids
    // were stitched to.
    let mut pages = conn.prepare_cached(
        "SELECT name, COUNT(*) FROM (
             SELECT e.id, e.name FROM
                 (SELECT anonymous_id, started_at FROM visits WHERE company_id = ?1
                  ORDER BY started_at DESC LIMIT 20) v
             JOIN events e ON e.timestamp BETWEEN v.started_at AND v.started_at + 1800000
                          AND e.anonymous_id = v.anonymous_id AND e.type = 'page'
             UNION
             SELECT e.id, e.name FROM
                 (SELECT DISTINCT anonymous_id FROM visits WHERE company_id = ?1) v
             JOIN identities i ON i.kind = 'anonymous_id' AND i.value = v.anonymous_id
             JOIN events e ON e.person_id = i.person_id AND e.type = 'page')
         WHERE name IS NOT NULL GROUP BY name ORDER BY 2 DESC, 1 LIMIT 5",
    )?;
    for e in &mut out {
        // Only where a rep still decides: the list holds every company ever queued.
        if e.state == "pending" || e.state == "snoozed" {
            e.pages = pages
                .query_map([e.company_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        e.contacts = contacts
            .query_map([e.company_id], |r| {
                Ok(QueueContact {
                    prospect_id: r.get(0)?,
                    email: r.get(1)?,
                    name: r.get(2)?,
                    title: r.get(3)?,
                    seniority: r.get(4)?,
                    verified: r.get(5)?,
                    state: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        e.visit_count = visit_count.query_row([e.company_id], |r| r.get(0))?;
        e.visits = visits
            .query_map([e.company_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// Companies snoozed until `now` or earlier come back as pending. Returns how many.
pub fn wake(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE review_queue SET state = 'pending', snoozed_until = NULL
             WHERE state = 'snoozed' AND snoozed_until <= ?1",
        )?
        .execute([now])?)
}

/// Snoozes an undecided company until `until`.
pub fn snooze(conn: &Connection, company_id: i64, until: i64, now: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE review_queue SET state = 'snoozed', snoozed_until = ?2, decided_at = ?3
             WHERE company_id = ?1 AND state IN ('pending', 'snoozed')",
        )?
        .execute(params![company_id, until, now])?
        == 1)
}

/// Assigns a company to a rep (none, with `None`).
pub fn assign(conn: &Connection, company_id: i64, rep: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE review_queue SET assigned_to = ?2 WHERE company_id = ?1")?
        .execute(params![company_id, rep])?;
    Ok(())
}

/// Sets a company's note (none, with `None`).
pub fn set_note(conn: &Connection, company_id: i64, note: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE review_queue SET note = ?2 WHERE company_id = ?1")?
        .execute(params![company_id, note])?;
    Ok(())
}

/// The reps companies are assigned to, by name.
pub fn reps(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT assigned_to FROM review_queue WHERE assigned_to IS NOT NULL
         ORDER BY assigned_to",
    )?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// Whether any of a company's contacts was sent to (its decision can no longer change).
pub fn any_sent(conn: &Connection, company_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM prospects p JOIN outreach o ON o.email = p.email
                            WHERE p.company_id = ?1)",
        )?
        .query_row([company_id], |r| r.get(0))?)
}

/// Puts a decided company back to pending, its contacts with it.
pub fn reopen(conn: &Connection, company_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE review_queue SET state = 'pending', reason = NULL, snoozed_until = NULL,
             decided_at = NULL WHERE company_id = ?1",
    )?
    .execute([company_id])?;
    conn.prepare_cached("UPDATE prospects SET state = 'pending' WHERE company_id = ?1")?
        .execute([company_id])?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use crate::Db;

    #[test]
    fn a_company_shows_the_pages_its_visitors_viewed_through_their_ids_and_their_people() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
        let entries = db
            .call_blocking(|c| {
                c.execute_batch(
                    "INSERT INTO companies (id, domain, name, created_at) VALUES (1, 'a.com', 'A', 0);
                     INSERT INTO review_queue (company_id, state, queued_at) VALUES (1, 'pending', 0);
                     INSERT INTO people (id, created_at) VALUES (1, 0);
                     INSERT INTO identities (person_id, kind, value, first_seen_at)
                     VALUES (1, 'anonymous_id', 'a1', 0);
                     INSERT INTO visits (anonymous_id, ip, started_at, day, pages, company_id, resolution)
                     VALUES ('a1', '192.0.2.1', 1000, 0, 2, 1, 'company'),
                            ('a3', '192.0.2.3', 5000, 0, 1, 1, 'company');
                     INSERT INTO events (message_id, type, name, anonymous_id, person_id, timestamp, received_at)
                     VALUES ('m1', 'page', 'Pricing', 'a1', 1, 99000000, 0),
                            ('m2', 'page', 'Pricing', 'a9', 1, 99500000, 0),
                            ('m3', 'page', 'Docs', 'a3', NULL, 6000, 0),
                            ('m4', 'page', 'Blog', 'a3', NULL, 99000000, 0),
                            ('m5', 'page', 'Careers', 'a2', NULL, 2000, 0),
                            ('m6', 'track', 'Signed Up', 'a1', 1, 99600000, 0);",
                )?;
                super::list(c, None, 10)
            })
            .unwrap();
        // Pricing twice through the person a1 became; Docs inside a3's visit; not Blog (long
        // after a3's visit, a3 never stitched), Careers (another visitor) or a track call.
        assert_eq!(entries[0].pages, vec![("Pricing".to_owned(), 2), ("Docs".to_owned(), 1)]);
        assert_eq!(entries[0].visit_count, 2);
        assert_eq!(entries[0].visits, vec![(5000, 1), (1000, 2)]);
    }
}
