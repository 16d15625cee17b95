//! `tracking_plans`, `plan_checks` and `violations`: the imported plans (the newest is active),
//! and what messages did against them.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::Timestamp;
use switchboard_core::plan::{TrackingPlan, ViolationKind};

use crate::Result;

/// A plan as stored, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlan {
    pub id: i64,
    pub imported_at: Timestamp,
    pub plan: TrackingPlan,
}

/// Makes `plan` the active one. Returns its id.
pub fn import(conn: &Connection, plan: &TrackingPlan, imported_at: Timestamp) -> Result<i64> {
    conn.execute(
        "INSERT INTO tracking_plans (name, plan, imported_at) VALUES (?1, ?2, ?3)",
        params![plan.name, plan.to_json().to_string(), imported_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The active plan: the newest imported.
pub fn active(conn: &Connection) -> Result<Option<StoredPlan>> {
    let row: Option<(i64, String, i64, String)> = conn
        .prepare_cached(
            "SELECT id, name, imported_at, plan FROM tracking_plans ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((id, name, imported_at, json)) = row else { return Ok(None) };
    let plan = TrackingPlan::from_json(&json, &name)
        .map_err(|e| crate::Error::Corrupt(format!("tracking plan {id}: {e}")))?;
    Ok(Some(StoredPlan { id, imported_at, plan }))
}

/// The id of the active plan, cheaply, to notice a new import.
pub fn active_id(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT MAX(id) FROM tracking_plans", [], |r| r.get(0))?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCheck {
    pub event: String,
    pub seen: i64,
    pub violating: i64,
}

pub fn checks(conn: &Connection, plan_id: i64) -> Result<Vec<EventCheck>> {
    let mut stmt = conn.prepare_cached(
        "SELECT event, seen, violating FROM plan_checks WHERE plan_id = ?1 ORDER BY event",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok(EventCheck { event: r.get(0)?, seen: r.get(1)?, violating: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViolationCount {
    pub event: String,
    pub kind: ViolationKind,
    pub count: i64,
}

/// Violations of a plan by event and kind, most frequent first.
pub fn counts(conn: &Connection, plan_id: i64) -> Result<Vec<ViolationCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT event, kind, COUNT(*) FROM violations WHERE plan_id = ?1
         GROUP BY event, kind ORDER BY COUNT(*) DESC, event, kind",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
    })?;
    rows.map(|row| {
        let (event, kind, count) = row?;
        Ok(ViolationCount { event, kind: kind.parse()?, count })
    })
    .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViolationRow {
    pub message_id: String,
    pub event: String,
    pub kind: ViolationKind,
    pub property: Option<String>,
    pub detail: String,
    pub at: Timestamp,
}

/// The newest violations of a plan (by message time).
pub fn recent(conn: &Connection, plan_id: i64, limit: u32) -> Result<Vec<ViolationRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT message_id, event, kind, property, detail, at FROM violations WHERE plan_id = ?1
         ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![plan_id, limit], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (message_id, event, kind, property, detail, at) = row?;
        Ok(ViolationRow { message_id, event, kind: kind.parse()?, property, detail, at })
    })
    .collect()
}
