//! What the workspace has seen of conversion per fit segment, for the CAC model (of the companies
//! scored in each segment, how many have a person who signed up), and who each channel of the
//! channel ladder reached.

use rusqlite::Connection;
use switchboard_core::FitSegment;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub fit: FitSegment,
    pub scored: i64,
    pub signed_up: i64,
}

/// Every fit segment, in order, with its scored companies and those with a signed-up person.
pub fn observed_by_fit(conn: &Connection) -> Result<Vec<Observed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.segment, COUNT(*),
                SUM(EXISTS (SELECT 1 FROM people p
                            WHERE p.company_id = s.entity_id AND p.user_id IS NOT NULL))
         FROM scores s WHERE s.entity = 'company' GROUP BY s.segment",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (segment, scored, signed_up) = row?;
        found.push((segment.parse::<FitSegment>()?, scored, signed_up));
    }
    Ok(FitSegment::ALL
        .iter()
        .map(|&fit| {
            let (scored, signed_up) =
                found.iter().find(|(f, _, _)| *f == fit).map_or((0, 0), |&(_, a, b)| (a, b));
            Observed { fit, scored, signed_up }
        })
        .collect())
}

/// The people in a segment: its members, or for a company segment the people of its companies.
pub fn segment_people(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let segment = crate::segments::get(conn, name)?;
    let sql = match segment.definition.target {
        switchboard_core::audience::Target::People => {
            "SELECT entity_id FROM segment_members WHERE segment_id = ?1"
        }
        switchboard_core::audience::Target::Companies => {
            "SELECT p.id FROM segment_members m JOIN people p ON p.company_id = m.entity_id
             WHERE m.segment_id = ?1"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([segment.id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// People sent an email since `since` (the email channel's reach).
pub fn emailed_people(conn: &Connection, since: switchboard_core::Timestamp) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM email_activity
         WHERE kind = 'sent' AND at >= ?1 AND person_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([since], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// People who viewed a page since `since` (web personalisation's reach), from the rollups.
pub fn web_people(conn: &Connection, since: switchboard_core::Day) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM rollups WHERE type = 'page' AND day >= ?1",
    )?;
    let rows = stmt.query_map([since.0], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
