//! `outreach`: each approved contact sent to the outbound campaign, and where it stands (sending,
//! sent, delivered, opened, replied; bounced and unsubscribed stop the address), and
//! `webhook_events`, the calls that moved it, once per event id.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::Timestamp;

use crate::Result;

/// An approved contact the campaign has not been sent to (or whose send a stop interrupted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToSend {
    pub prospect_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub seniority: String,
    pub company: String,
    pub domain: String,
    /// The event id already given to this contact's send, when a run was stopped mid-send.
    pub event_id: Option<String>,
}

/// Approved contacts of approved companies with no send, or with a send left at `sending`.
const TO_SEND: &str = "FROM prospects p
         JOIN companies c ON c.id = p.company_id
         JOIN review_queue q ON q.company_id = p.company_id AND q.state = 'approved'
         LEFT JOIN outreach o ON o.email = p.email
         WHERE p.state = 'approved' AND (o.email IS NULL OR o.state = 'sending')";

/// How many contacts [`to_send`] has.
pub fn count_to_send(conn: &Connection) -> Result<u64> {
    let n: i64 =
        conn.prepare_cached(&format!("SELECT COUNT(*) {TO_SEND}"))?.query_row([], |r| r.get(0))?;
    Ok(n as u64)
}

/// Approved contacts with no send, and sends left at `sending`; oldest approval first.
pub fn to_send(conn: &Connection, limit: u32) -> Result<Vec<ToSend>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.email, p.first_name, p.last_name, p.title, p.seniority, c.name, c.domain,
                o.event_id
         {TO_SEND}
         ORDER BY q.decided_at, p.id LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], |r| {
        Ok(ToSend {
            prospect_id: r.get(0)?,
            email: r.get(1)?,
            first_name: r.get(2)?,
            last_name: r.get(3)?,
            title: r.get(4)?,
            seniority: r.get(5)?,
            company: r.get(6)?,
            domain: r.get(7)?,
            event_id: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records that a contact's send starts, with the event id it goes with (kept if one was given
/// already).
pub fn start_send(
    conn: &Connection,
    prospect_id: i64,
    email: &str,
    campaign: &str,
    event_id: &str,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO outreach (email, prospect_id, campaign, event_id, state, queued_at, updated_at)
         VALUES (lower(?1), ?2, ?3, ?4, 'sending', ?5, ?5)
         ON CONFLICT (email) DO NOTHING",
    )?
    .execute(params![email, prospect_id, campaign, event_id, now])?;
    Ok(())
}

/// The contact's send reached Customer.io.
pub fn sent(conn: &Connection, email: &str, now: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outreach SET state = 'sent', sent_at = ?2, detail = NULL, updated_at = ?2
         WHERE email = lower(?1) AND state = 'sending'",
    )?
    .execute(params![email, now])?;
    Ok(())
}

/// What a webhook or a reply says happened to an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    Opened,
    Replied,
    Bounced,
    Unsubscribed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Delivered => "delivered",
            Outcome::Opened => "opened",
            Outcome::Replied => "replied",
            Outcome::Bounced => "bounced",
            Outcome::Unsubscribed => "unsubscribed",
        }
    }

    fn rank(state: &str) -> u8 {
        match state {
            "sending" => 0,
            "sent" => 1,
            "delivered" => 2,
            "opened" => 3,
            "replied" => 4,
            _ => 5,
        }
    }
}

/// Moves an address forward (never back; a bounce or an unsubscribe is final). Returns the state
/// it is in afterwards, or `None` when the address was never sent to.
pub fn advance(
    conn: &Connection,
    email: &str,
    outcome: Outcome,
    at: Timestamp,
    detail: Option<&str>,
) -> Result<Option<String>> {
    let current: Option<String> = conn
        .prepare_cached("SELECT state FROM outreach WHERE email = lower(?1)")?
        .query_row([email], |r| r.get(0))
        .optional()?;
    let Some(current) = current else { return Ok(None) };
    let next = outcome.as_str();
    if Outcome::rank(&current) >= Outcome::rank(next) {
        return Ok(Some(current));
    }
    let column = match outcome {
        Outcome::Delivered => "delivered_at",
        Outcome::Opened => "opened_at",
        Outcome::Replied => "replied_at",
        Outcome::Bounced | Outcome::Unsubscribed => "stopped_at",
    };
    conn.execute(
        &format!(
            "UPDATE outreach SET state = ?2, {column} = COALESCE({column}, ?3),
                 detail = COALESCE(?4, detail), updated_at = ?3 WHERE email = lower(?1)"
        ),
        params![email, next, at, detail],
    )?;
    Ok(Some(next.to_owned()))
}

/// Records a webhook call once: false when its event id was seen before (nothing to do).
pub fn record_webhook(
    conn: &Connection,
    source: &str,
    event_id: &str,
    email: Option<&str>,
    metric: &str,
    outcome: &str,
    now: Timestamp,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO webhook_events (source, event_id, received_at, email, metric, outcome)
             VALUES (?1, ?2, ?3, lower(?4), ?5, ?6) ON CONFLICT (source, event_id) DO NOTHING",
        )?
        .execute(params![source, event_id, now, email, metric, outcome])?
        == 1)
}

/// A webhook call as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    pub source: String,
    pub event_id: String,
    pub received_at: Timestamp,
    pub email: Option<String>,
    pub metric: String,
    pub outcome: String,
}

/// The latest webhook calls, newest first.
pub fn webhooks(conn: &Connection, limit: u32) -> Result<Vec<WebhookEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, event_id, received_at, email, metric, outcome FROM webhook_events
         ORDER BY received_at DESC, rowid DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(WebhookEvent {
            source: r.get(0)?,
            event_id: r.get(1)?,
            received_at: r.get(2)?,
            email: r.get(3)?,
            metric: r.get(4)?,
            outcome: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Addresses that stopped (replied, bounced, unsubscribed) and Customer.io was not told yet.
pub fn stops_to_notify(conn: &Connection, limit: u32) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT email, state FROM outreach
         WHERE state IN ('replied', 'bounced', 'unsubscribed') AND notified_at IS NULL
         ORDER BY updated_at LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn notified(conn: &Connection, email: &str, now: Timestamp) -> Result<()> {
    conn.prepare_cached("UPDATE outreach SET notified_at = ?2 WHERE email = lower(?1)")?
        .execute(params![email, now])?;
    Ok(())
}

/// Records as sent the approved contacts that `campaign`'s synced deliveries show were mailed
/// (with delivered, opened and bounced from the same deliveries), so they are not sent again.
/// Returns how many.
pub fn from_history(conn: &Connection, campaign: &str) -> Result<usize> {
    Ok(conn.execute(
        "INSERT INTO outreach (email, prospect_id, campaign, event_id, state, queued_at, sent_at,
                               delivered_at, opened_at, stopped_at, notified_at, detail,
                               updated_at)
         SELECT p.email, p.id, ?1, 'history:' || a.delivery_id,
                CASE WHEN a.bounced IS NOT NULL THEN 'bounced'
                     WHEN a.opened IS NOT NULL THEN 'opened'
                     WHEN a.delivered IS NOT NULL THEN 'delivered' ELSE 'sent' END,
                a.sent, a.sent, a.delivered, a.opened, a.bounced, a.bounced,
                'sent before Switchboard sent',
                MAX(a.sent, COALESCE(a.delivered, 0), COALESCE(a.opened, 0), COALESCE(a.bounced, 0))
         FROM prospects p
         JOIN (SELECT email, delivery_id,
                      MIN(CASE kind WHEN 'sent' THEN at END) AS sent,
                      MIN(CASE kind WHEN 'delivered' THEN at END) AS delivered,
                      MIN(CASE kind WHEN 'opened' THEN at END) AS opened,
                      MIN(CASE kind WHEN 'bounced' THEN at END) AS bounced
               FROM email_activity WHERE campaign = ?1 GROUP BY email, delivery_id) a
           ON a.email = p.email AND a.sent IS NOT NULL
         WHERE p.state = 'approved'
         ON CONFLICT (email) DO NOTHING",
        [campaign],
    )?)
}

/// Moves each sent address forward by the deliveries synced for it since it was sent
/// (delivered, opened or clicked, bounced). Returns how many moves were made.
pub fn advance_from_activity(conn: &mut Connection) -> Result<usize> {
    let tx = conn.transaction()?;
    let seen: Vec<(String, String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT o.email, a.kind, MIN(a.at) FROM outreach o
             JOIN email_activity a ON a.email = o.email AND a.at >= o.queued_at
             WHERE o.state IN ('sent', 'delivered', 'opened')
               AND a.kind IN ('delivered', 'opened', 'clicked', 'bounced')
             GROUP BY o.email, a.kind
             ORDER BY o.email, CASE a.kind WHEN 'delivered' THEN 0 WHEN 'opened' THEN 1
                                           WHEN 'clicked' THEN 2 ELSE 3 END",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut moved = 0;
    for (email, kind, at) in seen {
        let outcome = match kind.as_str() {
            "delivered" => Outcome::Delivered,
            "bounced" => Outcome::Bounced,
            _ => Outcome::Opened,
        };
        let before = state_of(&tx, &email)?;
        let after = advance(&tx, &email, outcome, at, Some(&format!("customerio sync: {kind}")))?;
        moved += usize::from(before != after);
    }
    tx.commit()?;
    Ok(moved)
}

/// An address's outreach state, if it was sent to.
pub fn state_of(conn: &Connection, email: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT state FROM outreach WHERE email = lower(?1)")?
        .query_row([email], |r| r.get(0))
        .optional()?)
}

/// The address a Customer.io delivery was sent to, when a webhook names only the delivery.
pub fn email_of_delivery(conn: &Connection, delivery_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT email FROM email_activity WHERE delivery_id = ?1 LIMIT 1")?
        .query_row([delivery_id], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;

    #[test]
    fn an_address_only_moves_forward_and_a_bounce_is_final() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
        db.call_blocking(|c| {
            c.execute_batch(
                "INSERT INTO companies (id, domain, name, created_at) VALUES (1, 'a.com', 'A', 0);
                 INSERT INTO prospects (id, company_id, email, email_verified, first_name,
                     last_name, title, role, seniority, found_at, state)
                 VALUES (1, 1, 'ann@a.com', 1, 'Ann', 'Lee', 'CTO', 'engineering', 'executive',
                         0, 'approved');
                 INSERT INTO review_queue (company_id, state, queued_at, decided_at)
                 VALUES (1, 'approved', 0, 5);",
            )?;
            assert_eq!((to_send(c, 10)?.len(), count_to_send(c)?), (1, 1));
            assert_eq!(advance(c, "ann@a.com", Outcome::Opened, 9, None)?, None);
            start_send(c, 1, "Ann@A.com", "outbound", "01J000", 10)?;
            assert_eq!(to_send(c, 10)?[0].event_id.as_deref(), Some("01J000"));
            sent(c, "ann@a.com", 11)?;
            assert!(to_send(c, 10)?.is_empty());
            assert_eq!(advance(c, "ann@a.com", Outcome::Opened, 12, None)?.unwrap(), "opened");
            // A late delivered webhook does not take it back.
            assert_eq!(advance(c, "ann@a.com", Outcome::Delivered, 13, None)?.unwrap(), "opened");
            assert_eq!(advance(c, "ann@a.com", Outcome::Bounced, 14, None)?.unwrap(), "bounced");
            assert_eq!(advance(c, "ann@a.com", Outcome::Replied, 15, None)?.unwrap(), "bounced");
            // A synced delivery moves a sent address.
            c.execute_batch(
                "INSERT INTO prospects (id, company_id, email, email_verified, first_name,
                     last_name, title, role, seniority, found_at, state)
                 VALUES (2, 1, 'bo@a.com', 1, 'Bo', 'Li', 'CMO', 'marketing', 'executive', 0,
                         'approved');
                 INSERT INTO email_activity (delivery_id, email, campaign, kind, at)
                 VALUES ('d1', 'bo@a.com', 'outbound', 'sent', 21),
                        ('d1', 'bo@a.com', 'outbound', 'delivered', 22),
                        ('d1', 'bo@a.com', 'outbound', 'opened', 23);",
            )?;
            start_send(c, 2, "bo@a.com", "outbound", "01J001", 20)?;
            sent(c, "bo@a.com", 21)?;
            assert_eq!(advance_from_activity(c)?, 2);
            assert_eq!(state_of(c, "bo@a.com")?.as_deref(), Some("opened"));
            assert_eq!(advance_from_activity(c)?, 0);
            assert!(record_webhook(c, "customerio", "e1", Some("ann@a.com"), "opened", "x", 1)?);
            assert!(!record_webhook(c, "customerio", "e1", Some("ann@a.com"), "opened", "x", 2)?);
            Ok(())
        })
        .unwrap();
    }
}
