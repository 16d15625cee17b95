//! Running a funnel: the people who did step 1 in the range come from the rollups; their
//! messages from the range's start to its end plus the window come from `events_person` (type
//! and name are in the index, so only events a filter or the held property needs are read
//! whole); `switchboard_core::funnel` counts.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use switchboard_core::audience;
use switchboard_core::funnel::{self, Breakdown, Ev, Funnel, Progress, StepResult};
use switchboard_core::{Day, Timestamp};

use crate::Result;
use crate::segments::SegmentError;

/// What a run found.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelRun {
    pub from: Day,
    pub to: Day,
    pub steps: Vec<StepResult>,
    /// Per breakdown value, largest first (empty without a breakdown).
    pub breakdown: Vec<(String, Vec<StepResult>)>,
    /// People who did step 1 in the range, and the messages of theirs read.
    pub candidates: u64,
    pub events_read: u64,
}

/// A message matched to the funnel's steps and exclusions by type and name only.
struct Candidate {
    steps: u32,
    exclusions: u32,
    /// Steps and exclusions whose filters (or the held property) need the properties.
    needs_properties: bool,
}

/// Who entered the funnel and how far each got, with the range counted and what was read.
struct Walk {
    from: Day,
    to: Day,
    people: Vec<(i64, Progress)>,
    candidates: u64,
    events_read: u64,
}

pub fn run(conn: &Connection, f: &Funnel, today: Day) -> Result<FunnelRun> {
    let Walk { from, to, people, candidates, events_read } = walk(conn, f, today)?;
    let steps = funnel::summarise(f, &people.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    let breakdown = match &f.breakdown {
        None => Vec::new(),
        Some(b) => {
            let values = breakdown_values(conn, b)?;
            let tagged: Vec<(Option<String>, Progress)> =
                people.into_iter().map(|(id, p)| (values.get(&id).cloned(), p)).collect();
            funnel::by_breakdown(f, &tagged)
        }
    };
    conn.execute("DELETE FROM funnel_people", [])?;
    Ok(FunnelRun { from, to, steps, breakdown, candidates, events_read })
}

/// Each person who entered the funnel, with the number of steps they reached (at least 1).
pub fn reached(conn: &Connection, f: &Funnel, today: Day) -> Result<Vec<(i64, usize)>> {
    let walk = walk(conn, f, today)?;
    conn.execute("DELETE FROM funnel_people", [])?;
    Ok(walk.people.into_iter().map(|(id, p)| (id, p.reached)).collect())
}

fn walk(conn: &Connection, f: &Funnel, today: Day) -> Result<Walk> {
    let problems = f.validate();
    if !problems.is_empty() {
        return Err(SegmentError::Invalid(problems).into());
    }
    let (from, to) = f.range.days(today).ok_or_else(|| {
        SegmentError::Invalid(vec![audience::Problem {
            path: "/range".into(),
            message: "write dates as YYYY-MM-DD".into(),
        }])
    })?;
    let entries = (from.start(), to.plus(1).start() - 1);
    let until = entries.1 + i64::from(f.window_days) * switchboard_core::day::MS_PER_DAY;

    // (type, name) → which steps and exclusions it can be.
    let mut kinds: HashMap<(&'static str, String), Candidate> = HashMap::new();
    let held = f.hold_constant.is_some();
    for (i, s) in f.steps.iter().enumerate() {
        let c = kinds.entry((s.event_type.as_str(), s.event.clone())).or_insert(Candidate {
            steps: 0,
            exclusions: 0,
            needs_properties: false,
        });
        c.steps |= 1 << i;
        c.needs_properties |= !s.filters.is_empty() || held;
    }
    for (i, x) in f.exclusions.iter().enumerate() {
        let c = kinds.entry((x.event_type.as_str(), x.event.clone())).or_insert(Candidate {
            steps: 0,
            exclusions: 0,
            needs_properties: false,
        });
        c.exclusions |= 1 << i;
        c.needs_properties |= !x.filters.is_empty();
    }

    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS funnel_people (person_id INTEGER PRIMARY KEY);
         DELETE FROM funnel_people;",
    )?;
    let first = &f.steps[0];
    let candidates = conn.execute(
        "INSERT INTO funnel_people (person_id)
         SELECT DISTINCT person_id FROM rollups WHERE type = ?1 AND name = ?2 AND day BETWEEN ?3 AND ?4",
        params![first.event_type.as_str(), first.event, from.0, to.0],
    )? as u64;

    let mut properties = conn.prepare_cached("SELECT properties FROM events WHERE id = ?1")?;
    let mut read = conn.prepare_cached(
        "SELECT e.person_id, e.timestamp, e.type, COALESCE(e.name, ''), e.id
         FROM funnel_people f
         JOIN events e ON e.person_id = f.person_id AND e.person_id IS NOT NULL
                      AND e.timestamp BETWEEN ?1 AND ?2
         ORDER BY f.person_id, e.timestamp",
    )?;
    let mut rows = read.query(params![entries.0, until])?;
    let mut people: Vec<(i64, Progress)> = Vec::new();
    let mut current: Option<i64> = None;
    let mut events: Vec<Ev> = Vec::new();
    let mut events_read = 0u64;
    let finish = |person: Option<i64>, events: &mut Vec<Ev>, people: &mut Vec<(i64, Progress)>| {
        if let Some(p) = person
            && let Some(progress) = funnel::progress(f, events, entries)
        {
            people.push((p, progress));
        }
        events.clear();
    };
    while let Some(row) = rows.next()? {
        events_read += 1;
        let person: i64 = row.get(0)?;
        if current != Some(person) {
            finish(current, &mut events, &mut people);
            current = Some(person);
        }
        let at: Timestamp = row.get(1)?;
        let t: String = row.get(2)?;
        let name: String = row.get(3)?;
        let Some(c) = kinds.get(&(static_kind(&t), name)) else {
            // Another track, page or screen only matters to a strict funnel; identify, group and
            // alias are not things a person did.
            if static_kind(&t) != "other" {
                events.push(Ev { at, steps: 0, exclusions: 0, constant: None });
            }
            continue;
        };
        let (mut steps, mut exclusions, mut constant) = (c.steps, c.exclusions, None);
        if c.needs_properties {
            let id: i64 = row.get(4)?;
            let text: Option<String> =
                properties.query_row([id], |r| r.get(0)).optional()?.flatten();
            let doc: Option<Value> = text.as_deref().and_then(|t| serde_json::from_str(t).ok());
            for (i, s) in f.steps.iter().enumerate() {
                if steps & (1 << i) != 0 && !funnel::passes(&s.filters, doc.as_ref()) {
                    steps &= !(1 << i);
                }
            }
            for (i, x) in f.exclusions.iter().enumerate() {
                if exclusions & (1 << i) != 0 && !funnel::passes(&x.filters, doc.as_ref()) {
                    exclusions &= !(1 << i);
                }
            }
            if let Some(key) = &f.hold_constant {
                constant = doc.as_ref().and_then(|d| d.get(key)).filter(|v| !v.is_null()).map(
                    |v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    },
                );
            }
        }
        events.push(Ev { at, steps, exclusions, constant });
    }
    finish(current, &mut events, &mut people);
    drop(rows);
    Ok(Walk { from, to, people, candidates, events_read })
}

/// A saved funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFunnel {
    pub name: String,
    pub funnel: Funnel,
    pub updated_at: Timestamp,
}

/// Saves a funnel under `name`, replacing one of that name (case aside).
pub fn save(conn: &Connection, name: &str, f: &Funnel, now: Timestamp) -> Result<()> {
    let problems = f.validate();
    if !problems.is_empty() {
        return Err(SegmentError::Invalid(problems).into());
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(SegmentError::Invalid(vec![audience::Problem {
            path: "/name".into(),
            message: "give the funnel a name of 1 to 120 characters".into(),
        }])
        .into());
    }
    conn.prepare_cached(
        "INSERT INTO funnels (name, definition, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, definition = excluded.definition,
             updated_at = excluded.updated_at",
    )?
    .execute(params![name, serde_json::to_string(f)?, now])?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<SavedFunnel>> {
    let row: Option<(String, String, Timestamp)> = conn
        .prepare_cached("SELECT name, definition, updated_at FROM funnels WHERE name = ?1")?
        .query_row([name.trim()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(name, text, updated_at)| {
        Ok(SavedFunnel { name, funnel: serde_json::from_str(&text)?, updated_at })
    })
    .transpose()
}

/// Every saved funnel, by name.
pub fn list(conn: &Connection) -> Result<Vec<SavedFunnel>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, definition, updated_at FROM funnels ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Timestamp>(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, text, updated_at) = row?;
        out.push(SavedFunnel { name, funnel: serde_json::from_str(&text)?, updated_at });
    }
    Ok(out)
}

/// Deletes a saved funnel; refused while a segment reads it.
pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    let users: Vec<String> = crate::segments::list(conn)?
        .into_iter()
        .filter(|s| s.definition.funnels().iter().any(|f| f.eq_ignore_ascii_case(name.trim())))
        .map(|s| s.name().to_owned())
        .collect();
    if !users.is_empty() {
        return Err(SegmentError::InUse { name: name.to_owned(), used_by: users }.into());
    }
    if conn.execute("DELETE FROM funnels WHERE name = ?1", [name.trim()])? == 0 {
        return Err(SegmentError::NoFunnel(name.to_owned()).into());
    }
    Ok(())
}

fn static_kind(t: &str) -> &'static str {
    match t {
        "track" => "track",
        "page" => "page",
        "screen" => "screen",
        _ => "other",
    }
}

/// Each candidate's breakdown value, as the profile holds it now.
fn breakdown_values(conn: &Connection, b: &Breakdown) -> Result<HashMap<i64, String>> {
    let (sql, key): (String, Option<String>) = match b {
        Breakdown::PersonTrait(k) if audience::PERSON_FIELDS.contains(&k.as_str()) => (
            format!("SELECT p.id, CAST(p.{k} AS TEXT) FROM funnel_people f JOIN people p ON p.id = f.person_id"),
            None,
        ),
        Breakdown::PersonTrait(k) => (
            "SELECT p.id, CAST(json_extract(p.traits, ?1) AS TEXT)
             FROM funnel_people f JOIN people p ON p.id = f.person_id"
                .to_owned(),
            Some(format!("$.\"{}\"", k.replace('"', "\\\""))),
        ),
        Breakdown::Company(k) if audience::COMPANY_FIELDS.contains(&k.as_str()) => (
            format!(
                "SELECT p.id, CAST(c.{k} AS TEXT) FROM funnel_people f JOIN people p ON p.id = f.person_id
                 JOIN companies c ON c.id = p.company_id"
            ),
            None,
        ),
        Breakdown::Company(k) => {
            return Err(SegmentError::Invalid(vec![audience::Problem {
                path: "/breakdown/company".into(),
                message: format!("`{k}` is not a company field; use one of {}", audience::COMPANY_FIELDS.join(", ")),
            }])
            .into());
        }
    };
    // Column names above come from the fixed lists, never from the definition's text.
    let mut stmt = conn.prepare(&sql)?;
    let map = |r: &rusqlite::Row<'_>| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?));
    let rows: Vec<(i64, Option<String>)> = match key {
        Some(path) => stmt.query_map([path], map)?.collect::<rusqlite::Result<_>>()?,
        None => stmt.query_map([], map)?.collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows.into_iter().filter_map(|(id, v)| v.map(|v| (id, v))).collect())
}

#[cfg(test)]
mod tests;
