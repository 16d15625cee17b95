//! What the workspace has seen of conversion per fit segment, for the CAC model: of the companies
//! scored in each segment, how many have a person who signed up (a user id).

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
