//! Profile stitching: which person each message is about. `identify` and `alias` tie anonymous ids
//! to a user (merging an anonymous profile into the user's), identify traits merge into the
//! profile (the newest by message timestamp wins, every value kept in `trait_history`), `group`
//! links a person to the company of the group's domain, and a work email's domain links them to
//! that company too. Runs inside the transaction that stores the message.
//!
//! A bulk load ([`crate::bulk`]) stitches through the same code with an [`IdMemory`], so that ids
//! it has seen are not looked up again; the results are the same either way.

use rusqlite::config::DbConfig;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value};
use std::sync::LazyLock;
use switchboard_core::profile::{self, ProfileFields};
use switchboard_core::{Event, IdentityKind, MessageType, Timestamp};

use crate::{Result, bulk};

/// What a bulk load remembers of `identities` between its transactions: the person of each
/// anonymous and user id it has seen or made, and the merges it made. Off (the default), stitching
/// reads the table every time. Valid only while nothing else writes to the workspace: its owner
/// calls [`IdMemory::forget`] when something did.
#[derive(Debug, Default)]
pub(crate) struct IdMemory {
    on: bool,
    /// Every anonymous and user id of the workspace is in the maps, so a miss is a new id.
    complete: bool,
    anonymous: FxHashMap<Box<str>, i64>,
    users: FxHashMap<Box<str>, i64>,
    /// Profile merges since the owner last took them: (from, into).
    pub merges: Vec<(i64, i64)>,
    /// Identities met in this transaction and not written yet; see [`IdMemory::write_new`].
    new: Vec<NewIdentity>,
    /// Emails among `new`: index in `new` by address.
    new_emails: FxHashMap<Box<str>, usize>,
    /// Visitors made and not written yet, (id, created_at): see [`IdMemory::write_people`].
    new_people: Vec<(i64, Timestamp)>,
    /// The id of the next person the load makes, once read: the one SQLite would give (one past
    /// the largest). Unread whenever no visitor waits to be written.
    next_person: Option<i64>,
}

/// An identity a bulk load made, written as its transaction commits.
#[derive(Debug)]
struct NewIdentity {
    person: i64,
    kind: IdentityKind,
    value: Box<str>,
    at: Timestamp,
}

impl NewIdentity {
    const COLUMNS: usize = 4;

    /// Binds its values, as `identities (person_id, kind, value, first_seen_at)`, to the
    /// parameters after the first `before`.
    fn bind(&self, stmt: &mut CachedStatement<'_>, before: usize) -> Result<()> {
        stmt.raw_bind_parameter(before + 1, self.person)?;
        stmt.raw_bind_parameter(before + 2, self.kind.as_str())?;
        stmt.raw_bind_parameter(before + 3, &*self.value)?;
        stmt.raw_bind_parameter(before + 4, self.at)?;
        Ok(())
    }
}

static PEOPLE_GROUP: LazyLock<String> =
    LazyLock::new(|| bulk::insert_group_sql("people", "id, created_at", 2));

static IDENTITIES_GROUP: LazyLock<String> = LazyLock::new(|| {
    bulk::insert_group_sql(
        "identities",
        "person_id, kind, value, first_seen_at",
        NewIdentity::COLUMNS,
    )
});

impl IdMemory {
    pub fn on() -> IdMemory {
        IdMemory { on: true, ..IdMemory::default() }
    }

    /// Reads every anonymous and user id when there are at most `limit` of them, so that a miss
    /// needs no look-up; otherwise ids are remembered as they are met.
    pub fn read_all(&mut self, conn: &Connection, limit: usize) -> Result<()> {
        self.forget();
        let count: i64 = conn.query_row(
            "SELECT COUNT(*) FROM identities WHERE kind IN ('anonymous_id', 'user_id')",
            [],
            |r| r.get(0),
        )?;
        if usize::try_from(count).unwrap_or(usize::MAX) > limit {
            return Ok(());
        }
        let mut stmt = conn.prepare(
            "SELECT kind, value, person_id FROM identities
             WHERE kind IN ('anonymous_id', 'user_id')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let value: String = r.get(1)?;
            let map = if kind == IdentityKind::UserId.as_str() {
                &mut self.users
            } else {
                &mut self.anonymous
            };
            map.insert(value.into_boxed_str(), r.get(2)?);
        }
        self.complete = true;
        Ok(())
    }

    /// Drops what is remembered (something else wrote to the workspace, or the transaction
    /// rolled back), identities not written yet included.
    pub fn forget(&mut self) {
        self.anonymous = FxHashMap::default();
        self.users = FxHashMap::default();
        self.complete = false;
        self.new.clear();
        self.new_emails.clear();
        self.new_people.clear();
        self.next_person = None;
    }

    /// Writes the visitors made since the last call, [`bulk::GROUP`] to a statement. A visitor's
    /// first message (a page, screen or track from an anonymous id alone) needs nothing of them
    /// but their id; [`apply_remembering`] calls this before any other message that may read or
    /// change them, a merge before it deletes anyone, the owner before its transaction commits.
    pub fn write_people(&mut self, conn: &Connection) -> Result<()> {
        if self.new_people.is_empty() {
            return Ok(());
        }
        let mut insert =
            conn.prepare_cached("INSERT INTO people (id, created_at) VALUES (?1, ?2)")?;
        let mut group = conn.prepare_cached(&PEOPLE_GROUP)?;
        bulk::insert_rows(
            &mut group,
            &mut insert,
            "people",
            2,
            &self.new_people,
            |s, i, &(id, at)| {
                s.raw_bind_parameter(i + 1, id)?;
                s.raw_bind_parameter(i + 2, at)?;
                Ok(())
            },
        )?;
        self.new_people.clear();
        Ok(())
    }

    /// The id the next person made gets.
    fn next_person(&mut self, conn: &Connection) -> Result<i64> {
        let id = match self.next_person {
            Some(id) => id,
            None => {
                conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM people", [], |r| r.get(0))?
            }
        };
        self.next_person = Some(id + 1);
        Ok(id)
    }

    /// Whether the person of anonymous id `anon` (as remembered) is a visitor not written yet.
    fn waits(&self, anon: Option<&str>) -> bool {
        let Some(&(first, _)) = self.new_people.first() else { return false };
        anon.and_then(|a| self.anonymous.get(a)).is_some_and(|&person| person >= first)
    }

    /// Writes the identities met since the last call, in the table's key order (`kind, value`):
    /// inserted as met, each went to a random place of the table. The owner calls this before its
    /// transaction commits, and stitching calls it before any statement that reads identities by
    /// person (a merge), so nothing reads the table without them.
    pub fn write_new(&mut self, conn: &Connection) -> Result<()> {
        self.new_emails.clear();
        if self.new.is_empty() {
            return Ok(());
        }
        let mut new = std::mem::take(&mut self.new);
        new.sort_unstable_by(|a, b| (a.kind.as_str(), &a.value).cmp(&(b.kind.as_str(), &b.value)));
        let mut insert = conn.prepare_cached(
            "INSERT INTO identities (person_id, kind, value, first_seen_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut group = conn.prepare_cached(&IDENTITIES_GROUP)?;
        bulk::insert_rows(
            &mut group,
            &mut insert,
            "identities",
            NewIdentity::COLUMNS,
            &new,
            |s, before, n| n.bind(s, before),
        )?;
        // The allocation is kept for the next transaction's identities.
        new.clear();
        self.new = new;
        Ok(())
    }

    /// Keeps a new identity for [`IdMemory::write_new`]. An email kept earlier in the transaction
    /// keeps its person and the earliest time, as the upsert of one written at once does.
    fn keep_new(&mut self, person: i64, kind: IdentityKind, value: &str, at: Timestamp) {
        if kind == IdentityKind::Email {
            if let Some(&i) = self.new_emails.get(value) {
                let kept = &mut self.new[i];
                kept.at = kept.at.min(at);
                return;
            }
            self.new_emails.insert(value.into(), self.new.len());
        }
        self.new.push(NewIdentity { person, kind, value: value.into(), at });
    }

    fn map(&mut self, kind: IdentityKind) -> Option<&mut FxHashMap<Box<str>, i64>> {
        match kind {
            _ if !self.on => None,
            IdentityKind::AnonymousId => Some(&mut self.anonymous),
            IdentityKind::UserId => Some(&mut self.users),
            _ => None,
        }
    }
}

/// Finds or creates the person `e` is about, stitching its ids, and applies what it says about
/// them (traits, group, alias). Returns the person's id.
pub fn apply(conn: &Connection, e: &Event) -> Result<i64> {
    apply_remembering(conn, e, &mut IdMemory::default())
}

/// [`apply`], with the ids a bulk load remembers.
pub(crate) fn apply_remembering(conn: &Connection, e: &Event, ids: &mut IdMemory) -> Result<i64> {
    let at = e.timestamp;
    // A visitor's page, screen or track, the message that makes nearly every person of a large
    // import: a load makes its person without writing them yet. Any other message from such a
    // visitor's anonymous id has them written first. Its user id cannot name one (a visitor gets
    // a user id only once written), and an alias's earlier id may: the merge that follows writes
    // them.
    let visit = e.user_id.is_none()
        && matches!(e.message_type, MessageType::Track | MessageType::Page | MessageType::Screen);
    if ids.on && !visit && ids.waits(e.anonymous_id.as_deref()) {
        ids.write_people(conn)?;
    }
    let person = match (&e.user_id, &e.anonymous_id) {
        (Some(uid), anon) => {
            let user = lookup(conn, ids, IdentityKind::UserId, uid)?;
            let anon_person = match anon {
                Some(a) => lookup(conn, ids, IdentityKind::AnonymousId, a)?,
                None => None,
            };
            let person = match (user, anon_person) {
                (Some(u), None) => u,
                (Some(u), Some(a)) if a == u => u,
                // The device's anonymous profile becomes the user's.
                (Some(u), Some(a)) if user_id_of(conn, a)?.is_none() => {
                    merge_remembering(conn, ids, a, u)?;
                    u
                }
                // The anonymous id already belongs to another user (a shared device): keep it there.
                (Some(u), Some(_)) => u,
                (None, Some(a)) if user_id_of(conn, a)?.is_none() => {
                    set_user_id(conn, ids, a, uid, at)?;
                    a
                }
                (None, _) => create(conn, ids, Some(uid), at)?,
            };
            // A known anonymous id is already linked (to this person, or merged into it, or to
            // another user of a shared device); only a new one is linked here.
            if let (Some(a), None) = (anon, anon_person) {
                link(conn, ids, person, IdentityKind::AnonymousId, a, at)?;
            }
            person
        }
        (None, Some(anon)) => match lookup(conn, ids, IdentityKind::AnonymousId, anon)? {
            Some(p) => p,
            None => {
                let p = if ids.on && visit {
                    let p = ids.next_person(conn)?;
                    ids.new_people.push((p, at));
                    p
                } else {
                    create(conn, ids, None, at)?
                };
                link(conn, ids, p, IdentityKind::AnonymousId, anon, at)?;
                p
            }
        },
        // The spec refuses a message without either id before it gets here.
        (None, None) => create(conn, ids, None, at)?,
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
        MessageType::Identify => apply_traits(conn, ids, person, &payload(), at, &e.message_id)?,
        MessageType::Alias => {
            if let Some(previous) = payload().get("previousId").and_then(Value::as_str) {
                alias(conn, ids, person, previous, at)?;
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

fn lookup(
    conn: &Connection,
    ids: &mut IdMemory,
    kind: IdentityKind,
    value: &str,
) -> Result<Option<i64>> {
    let complete = ids.complete;
    if let Some(map) = ids.map(kind) {
        if let Some(&person) = map.get(value) {
            return Ok(Some(person));
        }
        if complete {
            return Ok(None);
        }
    }
    let mut stmt =
        conn.prepare_cached("SELECT person_id FROM identities WHERE kind = ?1 AND value = ?2")?;
    let found = stmt.query_row(params![kind.as_str(), value], |r| r.get(0)).optional()?;
    if let (Some(person), Some(map)) = (found, ids.map(kind)) {
        map.insert(value.into(), person);
    }
    Ok(found)
}

fn user_id_of(conn: &Connection, person: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT user_id FROM people WHERE id = ?1")?;
    Ok(stmt.query_row([person], |r| r.get(0)).optional()?.flatten())
}

fn create(
    conn: &Connection,
    ids: &mut IdMemory,
    user_id: Option<&str>,
    at: Timestamp,
) -> Result<i64> {
    // Without traits: they arrive by update (a bulk load relies on it, see `crate::bulk`).
    let id = if ids.on {
        // Visitors not written yet hold the ids SQLite would give next.
        let id = ids.next_person(conn)?;
        conn.prepare_cached("INSERT INTO people (id, user_id, created_at) VALUES (?1, ?2, ?3)")?
            .execute(params![id, user_id, at])?;
        id
    } else {
        conn.prepare_cached("INSERT INTO people (user_id, created_at) VALUES (?1, ?2)")?
            .execute(params![user_id, at])?;
        conn.last_insert_rowid()
    };
    if let Some(uid) = user_id {
        link(conn, ids, id, IdentityKind::UserId, uid, at)?;
    }
    Ok(id)
}

fn set_user_id(
    conn: &Connection,
    ids: &mut IdMemory,
    person: i64,
    user_id: &str,
    at: Timestamp,
) -> Result<()> {
    conn.prepare_cached("UPDATE people SET user_id = ?2 WHERE id = ?1")?
        .execute(params![person, user_id])?;
    link(conn, ids, person, IdentityKind::UserId, user_id, at)
}

fn link(
    conn: &Connection,
    ids: &mut IdMemory,
    person: i64,
    kind: IdentityKind,
    value: &str,
    at: Timestamp,
) -> Result<()> {
    if ids.on && is_new(conn, ids, kind, value)? {
        ids.keep_new(person, kind, value, at);
    } else {
        conn.prepare_cached(
            "INSERT INTO identities (person_id, kind, value, first_seen_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind, value) DO UPDATE SET first_seen_at = MIN(first_seen_at, excluded.first_seen_at)",
        )?
        .execute(params![person, kind.as_str(), value, at])?;
    }
    // A known id keeps its person (the upsert above leaves it), so only a new one is remembered.
    if let Some(map) = ids.map(kind) {
        map.entry(value.into()).or_insert(person);
    }
    Ok(())
}

/// Whether a bulk load's identity is not in the table yet. Anonymous and user ids are linked only
/// after [`lookup`] found no person for them, which remembers those it finds, so one missing from
/// the memory is new; other kinds are looked up (an email kept earlier in the transaction counts
/// as new: [`IdMemory::keep_new`] joins them).
fn is_new(conn: &Connection, ids: &mut IdMemory, kind: IdentityKind, value: &str) -> Result<bool> {
    if let Some(map) = ids.map(kind) {
        return Ok(!map.contains_key(value));
    }
    if kind == IdentityKind::Email && ids.new_emails.contains_key(value) {
        return Ok(true);
    }
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM identities WHERE kind = ?1 AND value = ?2")?;
    Ok(!stmt.exists(params![kind.as_str(), value])?)
}

/// `alias`: `previous` (an anonymous id or an earlier user id) is the same person.
fn alias(
    conn: &Connection,
    ids: &mut IdMemory,
    person: i64,
    previous: &str,
    at: Timestamp,
) -> Result<()> {
    let earlier = match lookup(conn, ids, IdentityKind::UserId, previous)? {
        Some(p) => Some(p),
        None => lookup(conn, ids, IdentityKind::AnonymousId, previous)?,
    };
    match earlier {
        Some(p) if p != person => merge_remembering(conn, ids, p, person),
        Some(_) => Ok(()),
        None => link(conn, ids, person, IdentityKind::AnonymousId, previous, at),
    }
}

/// Moves everything of person `from` to person `into` and removes `from`. Rollups follow the
/// messages (a trigger moves them, or this when the connection's triggers are off for a bulk
/// load); traits are merged by timestamp from the joint history.
pub fn merge(conn: &Connection, from: i64, into: i64) -> Result<()> {
    merge_remembering(conn, &mut IdMemory::default(), from, into)
}

fn merge_remembering(conn: &Connection, ids: &mut IdMemory, from: i64, into: i64) -> Result<()> {
    if from == into {
        return Ok(());
    }
    if ids.on {
        ids.write_new(conn)?;
        // `from` goes: when it had the largest id, SQLite gives that id again.
        ids.write_people(conn)?;
        ids.next_person = None;
        let mut stmt =
            conn.prepare_cached("SELECT kind, value FROM identities WHERE person_id = ?1")?;
        let moved =
            stmt.query_map([from], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in moved {
            let (kind, value) = row?;
            if let Some(map) = ids.map(kind.parse()?) {
                map.insert(value.into_boxed_str(), into);
            }
        }
        ids.merges.push((from, into));
    }
    if !conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER)? {
        // What `events_rolled_over` does message by message, for the rows it would move.
        conn.prepare_cached(
            "INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
             SELECT ?2, type, name, day, n, first_at, last_at FROM rollups WHERE person_id = ?1
             ON CONFLICT (person_id, type, name, day) DO UPDATE SET
                 n = n + excluded.n, first_at = MIN(first_at, excluded.first_at),
                 last_at = MAX(last_at, excluded.last_at)",
        )?
        .execute(params![from, into])?;
        conn.prepare_cached("DELETE FROM rollups WHERE person_id = ?1")?.execute([from])?;
    }
    for sql in [
        "UPDATE identities SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE events SET person_id = ?2 WHERE person_id = ?1",
        "UPDATE OR IGNORE trait_history SET person_id = ?2 WHERE person_id = ?1",
        // What the cascade of the person's deletion below does, for a bulk load's connection
        // with foreign keys off: the values `into` has too.
        "DELETE FROM trait_history WHERE person_id = ?1",
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
    reindex_traits_if_triggers_off(conn, person)
}

/// What `people_traits_reindexed` does when a person's traits change, for a bulk load's
/// connection, whose triggers are off: as a TEMP copy, the trigger made each change keep a
/// statement journal (a copy of each page it wrote), a twentieth of a load's time.
fn reindex_traits_if_triggers_off(conn: &Connection, person: i64) -> Result<()> {
    if conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER)? {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM person_traits WHERE person_id = ?1")?.execute([person])?;
    // Read, then inserted one by one: an INSERT … SELECT of several rows keeps a journal too.
    let rows: Vec<(String, rusqlite::types::Value, i64)> = conn
        .prepare_cached("SELECT key, value, element FROM person_trait_rows WHERE person_id = ?1")?
        .query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO person_traits (key, value, person_id, element)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (key, value, element) in rows {
        insert.execute(params![key, value, person, element])?;
    }
    Ok(())
}

/// Identify traits: each kept in the history; a key's value in effect is the newest by message
/// time, so a late-arriving older message does not overwrite a newer value.
fn apply_traits(
    conn: &Connection,
    ids: &mut IdMemory,
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
        reindex_traits_if_triggers_off(conn, person)?;
        if let Some(email) = &fields.email {
            link(conn, ids, person, IdentityKind::Email, email, at)?;
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
