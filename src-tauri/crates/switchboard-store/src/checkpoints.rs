//! `checkpoints`: how far a job got through each of its streams (an archive file's lines).

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// Where a job's stream stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    pub position: i64,
    pub complete: bool,
}

pub fn get(conn: &Connection, job: &str, stream: &str) -> Result<Option<Checkpoint>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, complete FROM checkpoints WHERE job = ?1 AND stream = ?2",
        )?
        .query_row(params![job, stream], |r| {
            Ok(Checkpoint { position: r.get(0)?, complete: r.get(1)? })
        })
        .optional()?)
}

/// Records progress; call it inside the transaction that wrote the rows up to `position`.
pub fn set(conn: &Connection, job: &str, stream: &str, at: Checkpoint, now: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO checkpoints (job, stream, position, complete, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (job, stream) DO UPDATE SET
             position = excluded.position, complete = excluded.complete,
             updated_at = excluded.updated_at",
    )?
    .execute(params![job, stream, at.position, at.complete, now])?;
    Ok(())
}
