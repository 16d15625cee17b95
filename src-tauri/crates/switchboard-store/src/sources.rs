//! `sources`: who may send messages to the collector, by write key, and what each has sent.

use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use switchboard_core::{Source, SourceSummary};

use crate::{Error, Result};

pub fn create(conn: &Connection, name: &str, write_key: &str, created_at: i64) -> Result<Source> {
    let inserted = conn.execute(
        "INSERT INTO sources (name, write_key, created_at) VALUES (?1, ?2, ?3)",
        params![name, write_key, created_at],
    );
    match inserted {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            Err(Error::DuplicateSource(name.to_owned()))
        }
        Err(e) => Err(e.into()),
        Ok(_) => Ok(Source {
            id: conn.last_insert_rowid(),
            name: name.to_owned(),
            write_key: write_key.to_owned(),
            created_at,
        }),
    }
}

pub fn by_write_key(conn: &Connection, write_key: &str) -> Result<Option<Source>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, write_key, created_at FROM sources WHERE write_key = ?1",
    )?;
    Ok(stmt
        .query_row([write_key], |r| {
            Ok(Source {
                id: r.get(0)?,
                name: r.get(1)?,
                write_key: r.get(2)?,
                created_at: r.get(3)?,
            })
        })
        .optional()?)
}

/// Every source with its message count, the last time it sent and how many it sent since
/// `since` (by arrival), by name.
pub fn list(conn: &Connection, since: i64) -> Result<Vec<SourceSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.write_key, s.created_at,
                s.events,
                (SELECT MAX(received_at) FROM events e WHERE e.source_id = s.id),
                (SELECT COUNT(*) FROM events e WHERE e.source_id = s.id AND e.received_at >= ?1)
         FROM sources s ORDER BY s.name",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok(SourceSummary {
            source: Source {
                id: r.get(0)?,
                name: r.get(1)?,
                write_key: r.get(2)?,
                created_at: r.get(3)?,
            },
            events: r.get(4)?,
            last_seen: r.get(5)?,
            since: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
