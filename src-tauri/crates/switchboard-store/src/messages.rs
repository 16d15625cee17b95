//! Storing accepted Segment messages: the event, tied to the profile it is about (see
//! [`crate::profiles`]), its rollup (kept by a trigger) and its tracking-plan check, all in the
//! caller's transaction. The collector and the archive import both write through here.

use rusqlite::{Connection, params};
use switchboard_core::Event;
use switchboard_core::plan::PlanCheck;

use crate::{Result, events, profiles};

/// What happened to one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New,
    /// A message with this `messageId` is already stored: nothing changes.
    Duplicate,
}

/// Stores one message with its plan check (if a plan is active). A duplicate changes nothing.
pub fn store(conn: &Connection, e: &mut Event, check: Option<&PlanCheck>) -> Result<Stored> {
    // Stitching is idempotent (a resent message finds the ids and traits it already linked), so
    // it runs before the insert that tells a new message from a duplicate.
    e.person_id = Some(profiles::apply(conn, e)?);
    if !events::insert(conn, e)? {
        return Ok(Stored::Duplicate);
    }
    if let Some(check) = check {
        record_check(conn, &e.message_id, e.timestamp, check)?;
    }
    Ok(Stored::New)
}

fn record_check(conn: &Connection, message_id: &str, at: i64, check: &PlanCheck) -> Result<()> {
    count_checks(conn, check.plan_id, &check.event, 1, i64::from(!check.violations.is_empty()))?;
    record_violations(conn, message_id, at, check)
}

/// Adds `seen` checked messages of `event`, `violating` of them with a violation, to the plan's
/// counts.
pub(crate) fn count_checks(
    conn: &Connection,
    plan_id: i64,
    event: &str,
    seen: i64,
    violating: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO plan_checks (plan_id, event, seen, violating) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (plan_id, event) DO UPDATE SET seen = seen + excluded.seen,
             violating = violating + excluded.violating",
    )?
    .execute(params![plan_id, event, seen, violating])?;
    Ok(())
}

/// Stores what a message did wrong against the plan.
pub(crate) fn record_violations(
    conn: &Connection,
    message_id: &str,
    at: i64,
    check: &PlanCheck,
) -> Result<()> {
    if check.violations.is_empty() {
        return Ok(());
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO violations (plan_id, message_id, event, kind, property, detail, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for v in &check.violations {
        insert.execute(params![
            check.plan_id,
            message_id,
            check.event,
            v.kind.as_str(),
            v.property,
            v.detail,
            at
        ])?;
    }
    Ok(())
}
