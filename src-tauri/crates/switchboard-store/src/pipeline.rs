//! The outbound pipeline's tables: `pipeline_ips` (Reveal's answer per visitor IP, so no IP is
//! paid for twice), `pipeline_domains` (each identified domain's stage), `suppressions`, and the
//! writes that carry a stage's result into `visits`, `companies`, `prospects` and `review_queue`.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::outbound::pipeline::DomainFacts;
use switchboard_core::{Prospect, Resolution, Timestamp};

use crate::Result;

/// Visitor IPs never resolved and never asked of Reveal: at most `limit`, and how many in all.
pub fn ips_to_reveal(conn: &Connection, limit: u32) -> Result<(Vec<String>, u64)> {
    let base = "SELECT DISTINCT v.ip FROM visits v
                WHERE v.company_id IS NULL AND v.resolution = 'unresolved'
                  AND NOT EXISTS (SELECT 1 FROM pipeline_ips p WHERE p.ip = v.ip)";
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM ({base})"))?
        .query_row([], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!("{base} ORDER BY v.ip LIMIT ?1"))?;
    let ips = stmt.query_map([limit], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok((ips, total as u64))
}

/// What Reveal said of an IP, as the pipeline keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revealed<'a> {
    pub ip: &'a str,
    pub resolution: Resolution,
    pub fuzzy: bool,
    pub company_id: Option<i64>,
    pub domain: Option<&'a str>,
    /// Why it goes no further, or what it found.
    pub detail: &'a str,
}

/// Records Reveal's answer for an IP and resolves that IP's unresolved visits.
pub fn record_ip(conn: &Connection, r: &Revealed<'_>, now: Timestamp) -> Result<usize> {
    conn.prepare_cached(
        "INSERT INTO pipeline_ips (ip, revealed_at, outcome, domain, detail) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (ip) DO UPDATE SET revealed_at = excluded.revealed_at,
             outcome = excluded.outcome, domain = excluded.domain, detail = excluded.detail",
    )?
    .execute(params![r.ip, now, r.resolution.as_str(), r.domain, r.detail])?;
    Ok(conn
        .prepare_cached(
            "UPDATE visits SET resolution = ?2, fuzzy = ?3, company_id = ?4
             WHERE ip = ?1 AND company_id IS NULL AND resolution = 'unresolved'",
        )?
        .execute(params![r.ip, r.resolution.as_str(), r.fuzzy, r.company_id])?)
}

/// Adds a domain the pipeline identified, at the `identified` stage (once).
pub fn identify(conn: &Connection, domain: &str, company_id: i64, now: Timestamp) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO pipeline_domains (domain, company_id, found_at, stage, detail, updated_at)
             VALUES (?1, ?2, ?3, 'identified', 'identified from a visit', ?3)
             ON CONFLICT (domain) DO NOTHING",
        )?
        .execute(params![domain, company_id, now])?
        == 1)
}

/// Domains at `stage`, oldest first: (domain, company id, score).
pub fn at_stage(
    conn: &Connection,
    stage: &str,
    limit: u32,
) -> Result<Vec<(String, i64, Option<f64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT domain, company_id, score FROM pipeline_domains WHERE stage = ?1
         ORDER BY found_at, domain LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![stage, limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count_at_stage(conn: &Connection, stage: &str) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM pipeline_domains WHERE stage = ?1")?
        .query_row([stage], |r| r.get(0))?;
    Ok(n as u64)
}

/// Moves a domain to `stage` with why (and its score, once known).
pub fn set_stage(
    conn: &Connection,
    domain: &str,
    stage: &str,
    detail: &str,
    score: Option<f64>,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE pipeline_domains SET stage = ?2, detail = ?3, score = COALESCE(?4, score),
             updated_at = ?5 WHERE domain = ?1",
    )?
    .execute(params![domain, stage, detail, score, now])?;
    Ok(())
}

/// What the guardrails need to know of a domain: its suppression lists and when its contacts
/// were last looked up.
pub fn facts(conn: &Connection, domain: &str) -> Result<DomainFacts> {
    let mut stmt = conn.prepare_cached("SELECT kind FROM suppressions WHERE domain = ?1")?;
    let suppressed: BTreeSet<String> =
        stmt.query_map([domain], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let prospected_at: Option<Timestamp> = conn
        .prepare_cached(
            "SELECT MAX(p.found_at) FROM prospects p JOIN companies c ON c.id = p.company_id
             WHERE c.domain = ?1",
        )?
        .query_row([domain], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(DomainFacts { suppressed, prospected_at })
}

/// Puts a domain on a suppression list (`customer`, `competitor`, `do_not_contact`).
pub fn suppress(
    conn: &Connection,
    domain: &str,
    kind: &str,
    note: Option<&str>,
    now: Timestamp,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO suppressions (domain, kind, note, added_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (domain, kind) DO NOTHING",
        )?
        .execute(params![domain, kind, note, now])?
        == 1)
}

pub fn unsuppress(conn: &Connection, domain: &str, kind: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM suppressions WHERE domain = ?1 AND kind = ?2",
        params![domain, kind],
    )? == 1)
}

/// A domain on a suppression list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub domain: String,
    pub kind: String,
    pub note: Option<String>,
    pub added_at: Timestamp,
}

/// Every suppressed domain, by domain.
pub fn suppressions(conn: &Connection) -> Result<Vec<Suppression>> {
    let mut stmt = conn.prepare_cached(
        "SELECT domain, kind, note, added_at FROM suppressions ORDER BY domain, kind",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Suppression { domain: r.get(0)?, kind: r.get(1)?, note: r.get(2)?, added_at: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a company qualified (once).
pub fn qualify(conn: &Connection, company_id: i64, now: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE companies SET qualified_at = COALESCE(qualified_at, ?2) WHERE id = ?1",
    )?
    .execute(params![company_id, now])?;
    Ok(())
}

/// Sets when a company was first identified from traffic, if it has no such time.
pub fn first_seen(conn: &Connection, company_id: i64, at: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE companies SET first_seen_at = COALESCE(first_seen_at, ?2) WHERE id = ?1",
    )?
    .execute(params![company_id, at])?;
    Ok(())
}

/// Adds a contact found for a company as a pending prospect (an email already known is kept
/// as it is). Returns whether it was new.
pub fn add_prospect(conn: &Connection, p: &Prospect) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO prospects (company_id, email, email_verified, first_name, last_name, title,
                                    role, seniority, found_at, state)
             VALUES (?1, lower(?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (email) DO NOTHING",
        )?
        .execute(params![
            p.company_id,
            p.email,
            p.email_verified,
            p.first_name,
            p.last_name,
            p.title,
            p.role,
            p.seniority,
            p.found_at,
            p.state.as_str()
        ])?
        == 1)
}

/// Queues a company for review (pending), unless it is already queued.
pub fn queue(conn: &Connection, company_id: i64, now: Timestamp) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO review_queue (company_id, state, queued_at) VALUES (?1, 'pending', ?2)
             ON CONFLICT (company_id) DO NOTHING",
        )?
        .execute(params![company_id, now])?
        == 1)
}

/// One day of the pipeline, as the reps' daily numbers count it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineDay {
    pub day: i64,
    pub ips_seen: i64,
    pub domains_identified: i64,
    pub qualified: i64,
    pub contacts_found: i64,
    /// Companies whose contacts a rep approved that day.
    pub approved: i64,
    /// Deliveries of the outbound campaign sent, opened and replied to that day.
    pub sent: i64,
    pub opened: i64,
    pub replied: i64,
}

/// Each day from `from` to `to` (inclusive, days since the epoch), zeros included.
pub fn daily(conn: &Connection, from: i64, to: i64, campaign: &str) -> Result<Vec<PipelineDay>> {
    let mut out: Vec<PipelineDay> =
        (from..=to).map(|day| PipelineDay { day, ..PipelineDay::default() }).collect();
    let mut fill = |sql: &str, set: fn(&mut PipelineDay, i64)| -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows =
            stmt.query_map(params![from, to], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (day, n) = row?;
            if let Some(d) = out.get_mut((day - from) as usize) {
                set(d, n);
            }
        }
        Ok(())
    };
    fill(
        "SELECT day, COUNT(DISTINCT ip) FROM visits WHERE day BETWEEN ?1 AND ?2 GROUP BY day",
        |d, n| d.ips_seen = n,
    )?;
    fill(
        "SELECT day, COUNT(DISTINCT company_id) FROM visits
         WHERE day BETWEEN ?1 AND ?2 AND company_id IS NOT NULL GROUP BY day",
        |d, n| d.domains_identified = n,
    )?;
    fill(
        "SELECT qualified_at / 86400000, COUNT(*) FROM companies
         WHERE qualified_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1",
        |d, n| d.qualified = n,
    )?;
    fill(
        "SELECT found_at / 86400000, COUNT(*) FROM prospects
         WHERE found_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1",
        |d, n| d.contacts_found = n,
    )?;
    fill(
        "SELECT decided_at / 86400000, COUNT(*) FROM review_queue
         WHERE state = 'approved' AND decided_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1",
        |d, n| d.approved = n,
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT day, kind, SUM(n) FROM (
             SELECT at / 86400000 AS day, kind, COUNT(DISTINCT delivery_id) AS n
             FROM email_activity
             WHERE kind IN ('sent', 'opened') AND at / 86400000 BETWEEN ?1 AND ?2
               AND campaign = ?3 AND email NOT IN (SELECT email FROM outreach)
             GROUP BY 1, 2
             UNION ALL
             SELECT sent_at / 86400000, 'sent', COUNT(*) FROM outreach
             WHERE sent_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1
             UNION ALL
             SELECT opened_at / 86400000, 'opened', COUNT(*) FROM outreach
             WHERE opened_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1
             UNION ALL
             SELECT replied_at / 86400000, 'replied', COUNT(*) FROM outreach
             WHERE replied_at / 86400000 BETWEEN ?1 AND ?2 GROUP BY 1)
         GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map(params![from, to, campaign], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (day, kind, n) = row?;
        if let Some(d) = out.get_mut((day - from) as usize) {
            match kind.as_str() {
                "sent" => d.sent = n,
                "opened" => d.opened = n,
                _ => d.replied = n,
            }
        }
    }
    Ok(out)
}

/// The in-flight stage a domain's lookup marks, and the stage it goes back to when the lookup
/// fails or is retried.
pub const IN_FLIGHT: [(&str, &str); 3] =
    [("enriching", "identified"), ("scoring", "enriched"), ("prospecting", "qualified")];

/// Marks an IP as asked of Reveal, before the call: a run killed while it waits never asks it
/// again unless told to.
pub fn mark_ip_asked(conn: &Connection, ip: &str, now: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO pipeline_ips (ip, revealed_at, outcome, detail)
         VALUES (?1, ?2, 'asking', 'asked Reveal; no answer stored yet') ON CONFLICT (ip) DO NOTHING",
    )?
    .execute(params![ip, now])?;
    Ok(())
}

/// Forgets an IP's mark when its lookup got no answer to keep (queued, failed), so a later run
/// asks again.
pub fn unmark_ip(conn: &Connection, ip: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM pipeline_ips WHERE ip = ?1 AND outcome = 'asking'")?
        .execute([ip])?;
    Ok(())
}

/// Lookups asked by a run that stopped before storing their answer: (IP or domain, what was
/// asked).
pub fn interrupted(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ip, 'reveal' FROM pipeline_ips WHERE outcome = 'asking'
         UNION ALL
         SELECT domain, CASE stage WHEN 'enriching' THEN 'company' WHEN 'scoring' THEN 'score'
                                   ELSE 'prospect' END
         FROM pipeline_domains WHERE stage IN ('enriching', 'scoring', 'prospecting')
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts interrupted lookups back where they are asked again. Returns how many.
pub fn retry_interrupted(conn: &Connection, now: Timestamp) -> Result<usize> {
    let mut n = conn.execute("DELETE FROM pipeline_ips WHERE outcome = 'asking'", [])?;
    for (in_flight, back) in IN_FLIGHT {
        n += conn
            .prepare_cached(
                "UPDATE pipeline_domains SET stage = ?2,
                     detail = 'asked again after an interrupted run', updated_at = ?3
                 WHERE stage = ?1",
            )?
            .execute(params![in_flight, back, now])?;
    }
    Ok(n)
}
