//! `guard_actions`: the budget guard's log, newest last, and the latest action per campaign that
//! the guard's plan reads.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use switchboard_core::Timestamp;
use switchboard_core::cac::guard::{GuardMode, GuardOutcome, LastAction, Planned};

use crate::Result;

/// One logged action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardAction {
    pub id: i64,
    pub at: Timestamp,
    pub planned: Planned,
    pub outcome: GuardOutcome,
    /// What the platform answered, or why nothing was called.
    pub detail: String,
}

pub fn record(
    conn: &Connection,
    p: &Planned,
    outcome: GuardOutcome,
    detail: &str,
    at: Timestamp,
) -> Result<GuardAction> {
    conn.prepare_cached(
        "INSERT INTO guard_actions (at, platform, campaign_id, campaign_name, spend_minor, cap_minor,
                                    currency, mode, outcome, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        at,
        p.platform,
        p.campaign_id,
        p.campaign_name,
        p.spend_minor,
        p.cap_minor,
        p.currency,
        p.mode.as_str(),
        outcome.as_str(),
        detail
    ])?;
    Ok(GuardAction {
        id: conn.last_insert_rowid(),
        at,
        planned: p.clone(),
        outcome,
        detail: detail.to_owned(),
    })
}

/// The latest action per (platform, campaign id).
pub fn latest(conn: &Connection) -> Result<BTreeMap<(String, String), LastAction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT platform, campaign_id, outcome, spend_minor FROM guard_actions g
         WHERE id = (SELECT MAX(id) FROM guard_actions h
                     WHERE h.platform = g.platform AND h.campaign_id = g.campaign_id)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (platform, campaign, outcome, spend_minor) = row?;
        out.insert((platform, campaign), LastAction { outcome: outcome.parse()?, spend_minor });
    }
    Ok(out)
}

/// The newest actions first.
pub fn log(conn: &Connection, limit: u32) -> Result<Vec<GuardAction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, platform, campaign_id, campaign_name, spend_minor, cap_minor, currency, mode,
                outcome, detail
         FROM guard_actions ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            Planned {
                platform: r.get(2)?,
                campaign_id: r.get(3)?,
                campaign_name: r.get(4)?,
                spend_minor: r.get(5)?,
                cap_minor: r.get(6)?,
                currency: r.get(7)?,
                mode: GuardMode::Off,
            },
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, mut planned, mode, outcome, detail) = row?;
        planned.mode = mode.parse()?;
        out.push(GuardAction { id, at, planned, outcome: outcome.parse()?, detail });
    }
    Ok(out)
}
