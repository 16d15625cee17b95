//! Profile stitching: which person each message is about. `identify` and `alias` tie anonymous ids
//! to a user (merging an anonymous profile into the user's), identify traits merge into the
//! profile (the newest by message timestamp wins, every value kept in `trait_history`), `group`
//! links a person to the company of the group's domain, and a work email's domain links them to
//! that company too. Runs inside the transaction that stores the message.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use switchboard_core::profile::{self, ProfileFields};
use switchboard_core::{Event, IdentityKind, MessageType, Timestamp};

use crate::Result;

/// Finds or creates the person `e` is about, stitching its ids, and applies what it says about
/// them (traits, group, alias). Returns the person's id.
pub fn apply(conn: &Connection, e: &Event) -> Result<i64> {
    let at = e.timestamp;
    let person = match (&e.user_id, &e.anonymous_id) {
        (Some(uid), anon) => {
            let user = lookup(conn, IdentityKind::UserId, uid)?;
            let anon_person = match anon {
                Some(a) => lookup(conn, IdentityKind::AnonymousId, a)?,
                None => None,
            };
            let person = match (user, anon_person) {
                (Some(u), None) => u,
                (Some(u), Some(a)) if a == u => u,
                // The device's anonymous profile becomes the user's.
                (Some(u), Some(a)) if user_id_of(conn, a)?.is_none() => {
                    merge(conn, a, u)?;
                    u
                }
                // The anonymous id already belongs to another user (a shared device): keep it there.
                (Some(u), Some(_)) => u,
                (None, Some(a)) if user_id_of(conn, a)?.is_none() => {
                    set_user_id(conn, a, uid, at)?;
                    a
                }
                (None, _) => create(conn, Some(uid), at)?,
            };
            // A known anonymous id is already linked (to this person, or merged into it, or to
            // another user of a shared device); only a new one is linked here.
            if let (Some(a), None) = (anon, anon_person) {
                link(conn, person, IdentityKind::AnonymousId, a, at)?;
            }
            person
        }
        (None, Some(anon)) => match lookup(conn, IdentityKind::AnonymousId, anon)? {
            Some(p) => p,
            None => {
                let p = create(conn, None, at)?;
                link(conn, p, IdentityKind::AnonymousId, anon, at)?;
                p
            }
        },
        // The spec refuses a message without either id before it gets here.
        (None, None) => create(conn, None, at)?,
    };

    let payload = || -> Map<String, Value> {
        e.properties_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<Value>(j).ok())
            .and_then(|v| match v {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .unwrap_or_default()
    };
    match e.message_type {
        MessageType::Identify => apply_traits(conn, person, &payload(), at, &e.message_id)?,
        MessageType::Alias => {
            if let Some(previous) = payload().get("previousId").and_then(Value::as_str) {
                alias(conn, person, previous, at)?;
            }
        }
        MessageType::Group => {
            let group_id =
                e.raw_json.as_deref().and_then(|r| serde_json::from_str::<Value>(r).ok()).and_then(
                    |r| match r.get("groupId") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Number(n)) => Some(n.to_string()),
                        _ => None,
                    },
                );
            if let Some(group_id) = group_id {
                group(conn, person, &group_id, &payload(), at)?;
            }
        }
        _ => {}
    }
    Ok(person)
}

fn lookup(conn: &Connection, kind: IdentityKind, value: &str) -> Result<Option<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT person_id FROM identities WHERE kind = ?1 AND value = ?2")?;
    Ok(stmt.query_row(params![kind.as_str(), value], |r| r.get(0)).optional()?)
}

fn user_id_of(conn: &Connection, person: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT user_id FROM people WHERE id = ?1")?;
    Ok(stmt.query_row([person], |r| r.get(0)).optional()?.flatten())
}

fn create(conn: &Connection, user_id: Option<&str>, at: Timestamp) -> Result<i64> {
    conn.prepare_cached("INSERT INTO people (user_id, created_at) VALUES (?1, ?2)")?
        .execute(params![user_id, at])?;
    let id = conn.last_insert_rowid();
    if let Some(uid) = user_id {
        link(conn, id, IdentityKind::UserId, uid, at)?;
    }
    Ok(id)
}

fn set_user_id(conn: &Connection, person: i64, user_id: &str, at: Timestamp) -> Result<()> {
    conn.prepare_cached("UPDATE people SET user_id = ?2 WHERE id = ?1")?
        .execute(params![person, user_id])?;
    link(conn, person, IdentityKind::UserId, user_id, at)
}

fn link(
    conn: &Connection,
    person: i64,
    kind: IdentityKind,
    value: &str,
    at: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO identities (person_id, kind, value, first_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, value) DO UPDATE SET first_seen_at = MIN(first_seen_at, excluded.first_seen_at)",
    )?
    .execute(params![person, kind.as_str(), value, at])?;
    Ok(())
}

/// `alias`: `previous` (an anonymous id or an earlier user id) is the same person.
fn alias(conn: &Connection, person: i64, previous: &str, at: Timestamp) -> Result<()> {
    let earlier = match lookup(conn, IdentityKind::UserId, previous)? {
        Some(p) => Some(p),
        None => lookup(conn, IdentityKind::AnonymousId, previous)?,
    };
    match earlier {
        Some(p) if p != person => merge(conn, p, person),
        Some(_) => Ok(()),
        None => link(conn, person, IdentityKind::AnonymousId, previous, at),
    }
}

/// Moves everything of person `from` to person `into` and removes `from`. Rollups follow the
/// messages (a trigger moves them); traits are merged by timestamp from the joint history.
pub fn merge(conn: &Connection, from: i64, into: i64) -> Result<()> {
    if from == into {
        return Ok(());
    }
    for sql in [
        "UPDATE identities SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE events SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE OR IGNORE trait_history SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE email_activity SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE prospects SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE OR IGNORE scores SET entity_id = ?2 WHERE entity = 'person' AND entity_id = ?1",
        "DELETE FROM scores WHERE entity = 'person' AND entity_id = ?1",
        "UPDATE people SET
            email = COALESCE(email, (SELECT email FROM people WHERE id = ?1)),
            first_name = COALESCE(first_name, (SELECT first_name FROM people WHERE id = ?1)),
            last_name = COALESCE(last_name, (SELECT last_name FROM people WHERE id = ?1)),
            title = COALESCE(title, (SELECT title FROM people WHERE id = ?1)),
            company_id = COALESCE(company_id, (SELECT company_id FROM people WHERE id = ?1)),
            created_at = MIN(created_at, (SELECT created_at FROM people WHERE id = ?1))
         WHERE id = ?2",
        "DELETE FROM people WHERE id = ?1",
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        if stmt.parameter_count() == 1 {
            stmt.execute([from])?;
        } else {
            stmt.execute(params![from, into])?;
        }
    }
    rebuild_traits(conn, into)
}

/// `people.traits` from the history: per key, the value of the newest message.
fn rebuild_traits(conn: &Connection, person: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE people SET traits = COALESCE((
            SELECT json_group_object(key, json(value)) FROM (
                SELECT key, value, ROW_NUMBER() OVER (PARTITION BY key ORDER BY at DESC, message_id DESC) AS r
                FROM trait_history WHERE person_id = ?1)
            WHERE r = 1), '{}')
         WHERE id = ?1",
    )?
    .execute([person])?;
    Ok(())
}

/// Identify traits: each kept in the history; a key's value in effect is the newest by message
/// time, so a late-arriving older message does not overwrite a newer value.
fn apply_traits(
    conn: &Connection,
    person: i64,
    traits: &Map<String, Value>,
    at: Timestamp,
    message_id: &str,
) -> Result<()> {
    if traits.is_empty() {
        return Ok(());
    }
    let mut newest = conn.prepare_cached(
        "SELECT at, value FROM trait_history WHERE person_id = ?1 AND key = ?2
         ORDER BY at DESC, message_id DESC LIMIT 1",
    )?;
    let mut record = conn.prepare_cached(
        "INSERT OR IGNORE INTO trait_history (person_id, key, value, at, message_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut current: Map<String, Value> = {
        let text: String = conn
            .prepare_cached("SELECT traits FROM people WHERE id = ?1")?
            .query_row([person], |r| r.get(0))?;
        serde_json::from_str(&text).unwrap_or_default()
    };
    let mut changed = false;
    for (key, value) in traits {
        let text = value.to_string();
        let latest: Option<(i64, String)> =
            newest.query_row(params![person, key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let wins = latest.as_ref().is_none_or(|(t, _)| at >= *t);
        let same_as_latest = latest.as_ref().is_some_and(|(_, v)| *v == text);
        if !(wins && same_as_latest) {
            record.execute(params![person, key, text, at, message_id])?;
        }
        if wins && current.get(key) != Some(value) {
            current.insert(key.clone(), value.clone());
            changed = true;
        }
    }
    if changed {
        let fields = ProfileFields::from_traits(&current);
        conn.prepare_cached(
            "UPDATE people SET traits = ?2, email = COALESCE(?3, email),
                first_name = COALESCE(?4, first_name), last_name = COALESCE(?5, last_name),
                title = COALESCE(?6, title)
             WHERE id = ?1",
        )?
        .execute(params![
            person,
            Value::Object(current).to_string(),
            fields.email,
            fields.first_name,
            fields.last_name,
            fields.title
        ])?;
        if let Some(email) = &fields.email {
            link(conn, person, IdentityKind::Email, email, at)?;
            if let Some(domain) = profile::work_domain(email) {
                let company = company_for_domain(conn, &domain, None, at)?;
                conn.prepare_cached(
                    "UPDATE people SET company_id = ?2 WHERE id = ?1 AND company_id IS NULL",
                )?
                .execute(params![person, company])?;
            }
        }
    }
    Ok(())
}

/// `group`: the person belongs to the group's company (by the group's domain or website). A
/// group seen without a domain is remembered, and linked once a later call gives one.
fn group(
    conn: &Connection,
    person: i64,
    group_id: &str,
    traits: &Map<String, Value>,
    at: Timestamp,
) -> Result<()> {
    let known: Option<(Option<i64>, String)> = conn
        .prepare_cached("SELECT company_id, traits FROM groups WHERE group_id = ?1")?
        .query_row([group_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut merged: Map<String, Value> =
        known.as_ref().and_then(|(_, t)| serde_json::from_str(t).ok()).unwrap_or_default();
    merged.extend(traits.iter().map(|(k, v)| (k.clone(), v.clone())));
    let company = match profile::group_domain(group_id, &merged) {
        Some(domain) => Some(company_for_domain(conn, &domain, Some(&merged), at)?),
        None => known.and_then(|(c, _)| c),
    };
    conn.prepare_cached(
        "INSERT INTO groups (group_id, company_id, traits, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (group_id) DO UPDATE SET company_id = COALESCE(excluded.company_id, company_id),
             traits = excluded.traits, updated_at = MAX(updated_at, excluded.updated_at)",
    )?
    .execute(params![group_id, company, Value::Object(merged).to_string(), at])?;
    if let Some(company) = company {
        // An explicit group says more than an email's domain.
        conn.prepare_cached("UPDATE people SET company_id = ?2 WHERE id = ?1")?
            .execute(params![person, company])?;
    }
    Ok(())
}

/// The company of a domain, created (named from the group's traits or the domain) if new.
fn company_for_domain(
    conn: &Connection,
    domain: &str,
    traits: Option<&Map<String, Value>>,
    at: Timestamp,
) -> Result<i64> {
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM companies WHERE domain = ?1")?
        .query_row([domain], |r| r.get(0))
        .optional()?;
    let text = |k: &str| traits.and_then(|t| t.get(k)).and_then(Value::as_str).map(str::to_owned);
    let employees = traits.and_then(|t| t.get("employees")).and_then(Value::as_i64);
    if let Some(id) = existing {
        conn.prepare_cached(
            "UPDATE companies SET employees = COALESCE(employees, ?2),
                industry = COALESCE(industry, ?3) WHERE id = ?1",
        )?
        .execute(params![id, employees, text("industry")])?;
        return Ok(id);
    }
    let name = text("name").unwrap_or_else(|| profile::name_from_domain(domain));
    conn.prepare_cached(
        "INSERT INTO companies (domain, name, employees, industry, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![domain, name, employees, text("industry"), at])?;
    Ok(conn.last_insert_rowid())
}

#[cfg(test)]
mod tests;
