//! `rollups`: per person, message type, name and day, how many messages and the first and last
//! time. Triggers on `events` keep them (see migration 4); this module only reads them.

use rusqlite::Connection;
use switchboard_core::Timestamp;
use switchboard_core::profile::Activity;

use crate::Result;

/// A person's activity per event, most recent first.
pub fn activity(conn: &Connection, person_id: i64) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, name, SUM(n), COUNT(*), MIN(first_at), MAX(last_at) FROM rollups
         WHERE person_id = ?1 GROUP BY type, name ORDER BY MAX(last_at) DESC, type, name",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (t, name, count, days, first_at, last_at) = row?;
        Ok(Activity { message_type: t.parse()?, name, count, days, first_at, last_at })
    })
    .collect()
}

/// One rollup row, for checks against the raw events.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rollup {
    pub person_id: i64,
    pub message_type: String,
    pub name: String,
    pub day: i64,
    pub count: i64,
    pub first_at: Timestamp,
    pub last_at: Timestamp,
}

fn rollup(r: &rusqlite::Row<'_>) -> rusqlite::Result<Rollup> {
    Ok(Rollup {
        person_id: r.get(0)?,
        message_type: r.get(1)?,
        name: r.get(2)?,
        day: r.get(3)?,
        count: r.get(4)?,
        first_at: r.get(5)?,
        last_at: r.get(6)?,
    })
}

/// Every rollup row, ordered (for tests and `stats`).
pub fn all(conn: &Connection) -> Result<Vec<Rollup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, type, name, day, n, first_at, last_at FROM rollups
         ORDER BY person_id, type, name, day",
    )?;
    let rows = stmt.query_map([], rollup)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The same rows computed from the raw events: what the rollups must always equal.
pub fn recomputed(conn: &Connection) -> Result<Vec<Rollup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, type, COALESCE(name, ''), timestamp / 86400000, COUNT(*),
                MIN(timestamp), MAX(timestamp)
         FROM events WHERE person_id IS NOT NULL AND type IN ('track', 'page', 'screen')
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )?;
    let rows = stmt.query_map([], rollup)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
