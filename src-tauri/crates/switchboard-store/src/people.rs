//! `people`: everyone the workspace knows by name or id, product users and prospects alike.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::profile::{CompanyRef, PersonProfile, PersonSummary, TraitChange};
use switchboard_core::{Identity, IdentityKind, Person};

use crate::{Result, events, rollups};

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

const SUMMARY: &str = "SELECT p.id, p.user_id, p.email, p.first_name, p.last_name,
        (SELECT value FROM identities i WHERE i.person_id = p.id AND i.kind = 'anonymous_id'
         ORDER BY first_seen_at, value LIMIT 1),
        c.id, c.name, c.domain,
        (SELECT MAX(timestamp) FROM events e WHERE e.person_id = p.id),
        (SELECT COUNT(*) FROM events e WHERE e.person_id = p.id)
    FROM people p LEFT JOIN companies c ON c.id = p.company_id";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonSummary> {
    let company_id: Option<i64> = r.get(6)?;
    Ok(PersonSummary {
        id: r.get(0)?,
        user_id: r.get(1)?,
        email: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        anonymous_id: r.get(5)?,
        company: match company_id {
            Some(id) => Some(CompanyRef { id, name: r.get(7)?, domain: r.get(8)? }),
            None => None,
        },
        last_seen: r.get(9)?,
        events: r.get(10)?,
    })
}

/// People matching `query` (name, email, user id, any identity, company name or domain), or the
/// most recently active when it is empty.
pub fn search(conn: &Connection, query: &str, limit: u32) -> Result<Vec<PersonSummary>> {
    let query = query.trim();
    if query.is_empty() {
        let mut stmt = conn.prepare_cached(&format!(
            "WITH recent AS (
                SELECT person_id, MAX(timestamp) AS t FROM (
                    SELECT person_id, timestamp FROM events WHERE person_id IS NOT NULL
                    ORDER BY timestamp DESC LIMIT 20000)
                GROUP BY person_id ORDER BY t DESC LIMIT ?1)
             {SUMMARY} JOIN recent ON recent.person_id = p.id ORDER BY recent.t DESC"
        ))?;
        let rows = stmt.query_map([limit], summary)?;
        return Ok(rows.collect::<Result<_, _>>()?);
    }
    let pattern =
        format!("%{}%", query.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY}
         WHERE p.email LIKE ?1 ESCAPE '\\' OR p.user_id LIKE ?1 ESCAPE '\\'
            OR (COALESCE(p.first_name, '') || ' ' || COALESCE(p.last_name, '')) LIKE ?1 ESCAPE '\\'
            OR c.name LIKE ?1 ESCAPE '\\' OR c.domain LIKE ?1 ESCAPE '\\'
            OR p.id IN (SELECT person_id FROM identities WHERE value = ?2)
         ORDER BY p.id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![pattern, query, limit], summary)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One person as the People screen shows them, or None when there is no such person.
pub fn profile(conn: &Connection, id: i64, timeline: u32) -> Result<Option<PersonProfile>> {
    let summary = conn
        .prepare_cached(&format!("{SUMMARY} WHERE p.id = ?1"))?
        .query_row([id], summary)
        .optional()?;
    let Some(summary) = summary else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value, first_seen_at FROM identities WHERE person_id = ?1
         ORDER BY kind, first_seen_at, value",
    )?;
    let identities = stmt
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
        .map(|row| {
            let (kind, value, first_seen_at) = row?;
            Ok(Identity {
                person_id: id,
                kind: kind.parse::<IdentityKind>()?,
                value,
                first_seen_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT key, value, at, message_id FROM trait_history WHERE person_id = ?1
         ORDER BY at DESC, message_id DESC, key",
    )?;
    let history = stmt
        .query_map([id], |r| {
            Ok(TraitChange {
                key: r.get(0)?,
                value: r.get(1)?,
                at: r.get(2)?,
                message_id: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut traits: Vec<TraitChange> = Vec::new();
    for change in &history {
        if !traits.iter().any(|t| t.key == change.key) {
            traits.push(change.clone());
        }
    }
    traits.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Some(PersonProfile {
        summary,
        identities,
        traits,
        history,
        activity: rollups::activity(conn, id)?,
        timeline: events::for_person(conn, id, timeline)?,
    }))
}
