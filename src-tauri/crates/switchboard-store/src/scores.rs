//! `scores`: one score per entity and model (MadKudu's or the built-in fit score), with its
//! segment and signals. A newer score for the same entity and model replaces the older one.

use rusqlite::{Connection, params};
use switchboard_core::Score;

use crate::Result;

pub fn upsert(conn: &Connection, s: &Score) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO scores (entity, entity_id, model, score, segment, signals, scored_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (entity, entity_id, model) DO UPDATE SET
             score = excluded.score, segment = excluded.segment,
             signals = excluded.signals, scored_at = excluded.scored_at",
    )?;
    stmt.execute(params![
        s.entity.as_str(),
        s.entity_id,
        s.model,
        s.score,
        s.segment.as_str(),
        serde_json::to_string(&s.signals)?,
        s.scored_at,
    ])?;
    Ok(())
}
