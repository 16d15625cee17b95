//! `events`: every Segment message the workspace holds, deduplicated on `message_id`, and the
//! per-day counts the triggers keep beside them.

use rusqlite::{CachedStatement, Connection, params};
use std::sync::LazyLock;
use switchboard_core::{Day, Event, EventRow, MessageType, TypeCount};

use crate::Result;

/// The columns [`bind`] binds, in its order.
pub(crate) const COLUMN_NAMES: &str = "message_id, type, name, user_id, anonymous_id, person_id, \
                                        timestamp, received_at, ip, properties, context, source_id, raw";

/// The values a message's insert binds (see [`bind`]).
pub(crate) const COLUMNS: usize = 13;

static INSERT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO events ({COLUMN_NAMES}) VALUES ({}) ON CONFLICT (message_id) DO NOTHING",
        ["?"; COLUMNS].join(", ")
    )
});

/// Stores a message. Returns false when a message with the same `message_id` is already stored
/// (a resent batch adds nothing).
pub fn insert(conn: &Connection, e: &Event) -> Result<bool> {
    Inserter::new(conn)?.insert(e)
}

/// [`insert`] for many messages in a row, with the statement held between them.
pub struct Inserter<'c>(CachedStatement<'c>);

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Inserter<'c>> {
        Ok(Inserter(conn.prepare_cached(&INSERT)?))
    }

    pub fn insert(&mut self, e: &Event) -> Result<bool> {
        bind(&mut self.0, 0, e)?;
        Ok(self.0.raw_execute()? == 1)
    }
}

/// Binds `e`'s values to the parameters after the first `before`.
pub(crate) fn bind(stmt: &mut CachedStatement<'_>, before: usize, e: &Event) -> Result<()> {
    stmt.raw_bind_parameter(before + 1, &e.message_id)?;
    stmt.raw_bind_parameter(before + 2, e.message_type.as_str())?;
    stmt.raw_bind_parameter(before + 3, &e.name)?;
    stmt.raw_bind_parameter(before + 4, &e.user_id)?;
    stmt.raw_bind_parameter(before + 5, &e.anonymous_id)?;
    stmt.raw_bind_parameter(before + 6, e.person_id)?;
    stmt.raw_bind_parameter(before + 7, e.timestamp)?;
    stmt.raw_bind_parameter(before + 8, e.received_at)?;
    stmt.raw_bind_parameter(before + 9, &e.ip)?;
    stmt.raw_bind_parameter(before + 10, &e.properties_json)?;
    stmt.raw_bind_parameter(before + 11, &e.context_json)?;
    stmt.raw_bind_parameter(before + 12, e.source_id)?;
    stmt.raw_bind_parameter(before + 13, &e.raw_json)?;
    Ok(())
}

/// Messages stored per type, every type listed (zeros included) in the spec's order.
pub fn count_by_type(conn: &Connection) -> Result<Vec<TypeCount>> {
    let mut stmt = conn.prepare_cached("SELECT type, SUM(n) FROM event_counts GROUP BY type")?;
    let mut counts: Vec<TypeCount> =
        MessageType::ALL.iter().map(|&message_type| TypeCount { message_type, count: 0 }).collect();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (name, n) = row?;
        let t: MessageType = name.parse()?;
        if let Some(c) = counts.iter_mut().find(|c| c.message_type == t) {
            c.count = n;
        }
    }
    Ok(counts)
}

/// The first and last day with any message.
pub fn day_range(conn: &Connection) -> Result<Option<(Day, Day)>> {
    let (lo, hi): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT MIN(day), MAX(day) FROM event_counts WHERE n > 0", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(lo.zip(hi).map(|(lo, hi)| (Day(lo), Day(hi))))
}

/// A message as the tables of latest events show it, then its arrival time and id (columns 7
/// and 8, for ordering across sources).
const EVENT_ROW: &str = "SELECT e.message_id, e.timestamp, e.type, e.name,
        COALESCE(e.user_id, e.anonymous_id), e.ip,
        COALESCE(pc.domain,
                 (SELECT c.domain FROM visits v JOIN companies c ON c.id = v.company_id
                  WHERE v.anonymous_id = e.anonymous_id LIMIT 1)),
        e.received_at, e.id
    FROM events e
    LEFT JOIN people p ON p.id = e.person_id
    LEFT JOIN companies pc ON pc.id = p.company_id";

/// The newest messages, with the company they are tied to: the person's company, or for an
/// anonymous visitor the company their visit's IP resolved to.
pub fn latest(conn: &Connection, limit: u32) -> Result<Vec<EventRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{EVENT_ROW} ORDER BY e.timestamp DESC, e.id DESC LIMIT ?1"))?;
    event_rows(stmt.query(params![limit])?)
}

/// The messages received most recently (by arrival, not by message time), newest first: each
/// source's newest from its index, merged, so that the cost does not grow with what is stored.
pub fn latest_received(conn: &Connection, limit: u32) -> Result<Vec<EventRow>> {
    let mut newest: Vec<(i64, i64, EventRow)> = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "{EVENT_ROW} WHERE e.source_id = ?1
         ORDER BY e.received_at DESC, e.id DESC LIMIT ?2"
    ))?;
    for source in source_ids(conn)? {
        let mut rows = stmt.query(params![source, limit])?;
        while let Some(r) = rows.next()? {
            newest.push((r.get(7)?, r.get(8)?, event_row(r)?));
        }
    }
    newest.sort_by_key(|&(at, id, _)| std::cmp::Reverse((at, id)));
    Ok(newest.into_iter().take(limit as usize).map(|(_, _, e)| e).collect())
}

fn source_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM sources")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A person's newest messages.
pub fn for_person(conn: &Connection, person_id: i64, limit: u32) -> Result<Vec<EventRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{EVENT_ROW} WHERE e.person_id = ?1 ORDER BY e.timestamp DESC, e.id DESC LIMIT ?2"
    ))?;
    event_rows(stmt.query(params![person_id, limit])?)
}

/// Messages received since `since` (by arrival time), across sources (a range of each source's
/// index).
pub fn received_since(conn: &Connection, since: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM((SELECT COUNT(*) FROM events e
                                  WHERE e.source_id = s.id AND e.received_at >= ?1)), 0)
             FROM sources s",
        )?
        .query_row([since], |r| r.get(0))?)
}

fn event_rows(rows: rusqlite::Rows<'_>) -> Result<Vec<EventRow>> {
    rows.mapped(|r| Ok(event_row(r))).map(|row| row?).collect()
}

/// The first seven columns of `EVENT_ROW` as an event row.
fn event_row(r: &rusqlite::Row<'_>) -> Result<EventRow> {
    Ok(EventRow {
        message_id: r.get(0)?,
        timestamp: r.get(1)?,
        message_type: r.get::<_, String>(2)?.parse()?,
        name: r.get(3)?,
        who: r.get(4)?,
        ip: r.get(5)?,
        company_domain: r.get(6)?,
    })
}

/// Up to `limit` events with an id above `after`, in id order, whole (for export).
pub fn scan(conn: &Connection, after: i64, limit: u32) -> Result<Vec<(i64, Event)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, message_id, type, name, user_id, anonymous_id, person_id, timestamp,
                received_at, ip, properties, context, source_id, raw
         FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(2)?,
            Event {
                message_id: r.get(1)?,
                message_type: MessageType::Track,
                name: r.get(3)?,
                user_id: r.get(4)?,
                anonymous_id: r.get(5)?,
                person_id: r.get(6)?,
                timestamp: r.get(7)?,
                received_at: r.get(8)?,
                ip: r.get(9)?,
                properties_json: r.get(10)?,
                context_json: r.get(11)?,
                source_id: r.get(12)?,
                raw_json: r.get(13)?,
            },
        ))
    })?;
    rows.map(|row| {
        let (id, t, mut e) = row?;
        e.message_type = t.parse()?;
        Ok((id, e))
    })
    .collect()
}

#[cfg(test)]
mod tests;
