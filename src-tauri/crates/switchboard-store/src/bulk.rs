//! Bulk loads: how the archive import stores accepted messages fast, with the same results as
//! storing each through [`crate::messages::store`] (a test compares the two table by table).
//!
//! A [`Load`] writes each batch in one transaction with the connection's triggers off: the
//! message counts, rollups and per-source totals that the triggers on `events` keep row by row
//! are summed in memory and added once per batch, inside the batch's transaction, so every commit
//! leaves them as the triggers would have and a kill loses nothing that the next run does not
//! repeat. Triggers are switched per connection: other connections (another process's collector)
//! keep theirs, and the writer's own are back on between batches for any other job.
//!
//! Between batches a load remembers the person of each anonymous and user id it has met, so
//! stitching rarely reads `identities`. It must not trust that memory across a write it did not
//! make: in each batch's transaction it checks whether another connection committed, or another
//! job on its own connection wrote, since its last batch, and forgets everything if so. It must
//! not turn off a trigger it does not know either: with any other trigger in the schema, a batch
//! is stored message by message with triggers on.

use std::collections::HashMap;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use switchboard_core::plan::PlanCheck;
use switchboard_core::{Event, MessageType};

use crate::messages::{self, Stored};
use crate::profiles::{self, IdMemory};
use crate::{Result, events};

/// The triggers whose work a batch does itself, by name, in name order: every trigger of the
/// schema. Deleting events (the `*_un*` ones) is nothing a load does.
const KNOWN_TRIGGERS: [&str; 7] = [
    "events_counted",
    "events_rolled_over",
    "events_rolled_up",
    "events_sourced",
    "events_uncounted",
    "events_unrolled",
    "events_unsourced",
];

/// A load reads every anonymous and user id up front when the workspace has at most this many
/// (about 100 bytes of memory each); above it, ids are remembered as they are met.
const READ_ALL_IDS: usize = 4_000_000;

const DAY_MS: i64 = 86_400_000;

/// What one batch stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub new: u64,
    /// Messages whose `messageId` was already stored: they changed nothing.
    pub duplicates: u64,
}

/// A bulk load in progress: what it remembers between its batches.
#[derive(Debug)]
pub struct Load {
    ids: IdMemory,
    read_all_ids: usize,
    /// `PRAGMA data_version` and the connection's total changes after the last batch, to notice
    /// writes made by anything else before the next.
    seen: Option<(i64, u64)>,
}

impl Default for Load {
    fn default() -> Load {
        Load::new()
    }
}

impl Load {
    pub fn new() -> Load {
        Load::reading_ids_up_to(READ_ALL_IDS)
    }

    /// A load that reads all ids up front only when there are at most `limit` (0: never, every
    /// id is looked up once when first met).
    pub fn reading_ids_up_to(limit: usize) -> Load {
        Load { ids: IdMemory::on(), read_all_ids: limit, seen: None }
    }

    /// Stores `batch` in one transaction and runs `finish` in it (the caller's checkpoint) before
    /// the commit. Each message gets its person, as [`messages::store`] would give it.
    pub fn store(
        &mut self,
        conn: &Connection,
        batch: &mut [(Event, Option<PlanCheck>)],
        finish: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<Tally> {
        let fast = triggers_known(conn)?;
        if !fast {
            self.forget();
            return store_one_by_one(conn, batch, finish);
        }
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        let stored = self.store_without_triggers(conn, batch, finish);
        let restored = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true);
        if stored.is_err() {
            // The transaction rolled back: ids met in it may name people who do not exist.
            self.forget();
        }
        let tally = stored?;
        restored?;
        Ok(tally)
    }

    fn forget(&mut self) {
        self.ids.forget();
        self.ids.merges.clear();
        self.seen = None;
    }

    fn store_without_triggers(
        &mut self,
        conn: &Connection,
        batch: &mut [(Event, Option<PlanCheck>)],
        finish: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<Tally> {
        // Immediate: nothing else can commit between the check below and this batch's writes.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
        match self.seen {
            None => self.ids.read_all(&tx, self.read_all_ids)?,
            Some(seen) if seen != (version, conn.total_changes()) => self.ids.forget(),
            Some(_) => {}
        }
        let mut sums = Sums::default();
        let mut tally = Tally::default();
        for (e, check) in batch.iter_mut() {
            let person = profiles::apply_remembering(&tx, e, &mut self.ids)?;
            for (from, into) in self.ids.merges.drain(..) {
                sums.merge(from, into);
            }
            e.person_id = Some(person);
            if !events::insert(&tx, e)? {
                tally.duplicates += 1;
                continue;
            }
            tally.new += 1;
            sums.add(e);
            if let Some(check) = check {
                sums.check(check);
                messages::record_violations(&tx, &e.message_id, e.timestamp, check)?;
            }
        }
        sums.write(&tx)?;
        finish(&tx)?;
        tx.commit()?;
        self.seen = Some((version, conn.total_changes()));
        Ok(tally)
    }
}

/// The slow way, for a schema with triggers this module does not know.
fn store_one_by_one(
    conn: &Connection,
    batch: &mut [(Event, Option<PlanCheck>)],
    finish: impl FnOnce(&Connection) -> Result<()>,
) -> Result<Tally> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut tally = Tally::default();
    for (e, check) in batch.iter_mut() {
        match messages::store(&tx, e, check.as_ref())? {
            Stored::New => tally.new += 1,
            Stored::Duplicate => tally.duplicates += 1,
        }
    }
    finish(&tx)?;
    tx.commit()?;
    Ok(tally)
}

fn triggers_known(conn: &Connection) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(names == KNOWN_TRIGGERS)
}

/// First and last time and how many, of one rollup row.
#[derive(Debug, Clone, Copy)]
struct Span {
    n: i64,
    first: i64,
    last: i64,
}

impl Span {
    fn join(&mut self, other: Span) {
        self.n += other.n;
        self.first = self.first.min(other.first);
        self.last = self.last.max(other.last);
    }
}

/// What the triggers on `events` would have added during one batch.
#[derive(Debug, Default)]
struct Sums {
    /// `event_counts`: (day, type) -> messages.
    counts: HashMap<(i64, MessageType), i64>,
    /// `sources.events`: source -> messages.
    sources: HashMap<i64, i64>,
    /// `rollups`: (person, type, name, day) -> span.
    rollups: HashMap<(i64, MessageType, String, i64), Span>,
    /// `plan_checks`: (plan, event) -> (seen, violating).
    checks: HashMap<(i64, String), (i64, i64)>,
}

impl Sums {
    /// A stored message, as `events_counted`, `events_sourced` and `events_rolled_up` see it.
    fn add(&mut self, e: &Event) {
        // SQL's integer division, as the triggers compute the day.
        let day = e.timestamp / DAY_MS;
        *self.counts.entry((day, e.message_type)).or_default() += 1;
        if let Some(source) = e.source_id {
            *self.sources.entry(source).or_default() += 1;
        }
        let rolled_up =
            matches!(e.message_type, MessageType::Track | MessageType::Page | MessageType::Screen);
        if let (Some(person), true) = (e.person_id, rolled_up) {
            let span = Span { n: 1, first: e.timestamp, last: e.timestamp };
            let key = (person, e.message_type, e.name.clone().unwrap_or_default(), day);
            self.rollups.entry(key).and_modify(|s| s.join(span)).or_insert(span);
        }
    }

    fn check(&mut self, check: &PlanCheck) {
        let counts = self.checks.entry((check.plan_id, check.event.clone())).or_default();
        counts.0 += 1;
        counts.1 += i64::from(!check.violations.is_empty());
    }

    /// Person `from` was merged into `into`: so were the rollups of its messages in this batch.
    fn merge(&mut self, from: i64, into: i64) {
        let moved: Vec<_> = self.rollups.keys().filter(|k| k.0 == from).cloned().collect();
        for key in moved {
            let Some(span) = self.rollups.remove(&key) else { continue };
            let (_, message_type, name, day) = key;
            self.rollups
                .entry((into, message_type, name, day))
                .and_modify(|s| s.join(span))
                .or_insert(span);
        }
    }

    fn write(self, conn: &Connection) -> Result<()> {
        let mut counted = conn.prepare_cached(
            "INSERT INTO event_counts (day, type, n) VALUES (?1, ?2, ?3)
             ON CONFLICT (day, type) DO UPDATE SET n = n + excluded.n",
        )?;
        for ((day, message_type), n) in self.counts {
            counted.execute(params![day, message_type.as_str(), n])?;
        }
        let mut sourced =
            conn.prepare_cached("UPDATE sources SET events = events + ?2 WHERE id = ?1")?;
        for (source, n) in self.sources {
            sourced.execute(params![source, n])?;
        }
        // In the table's key order, so that the B-tree is written front to back.
        let mut rollups: Vec<_> = self.rollups.into_iter().collect();
        rollups.sort_unstable_by(|(a, _), (b, _)| {
            (a.0, a.1.as_str(), &a.2, a.3).cmp(&(b.0, b.1.as_str(), &b.2, b.3))
        });
        let mut rolled = conn.prepare_cached(
            "INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (person_id, type, name, day) DO UPDATE SET
                 n = n + excluded.n, first_at = MIN(first_at, excluded.first_at),
                 last_at = MAX(last_at, excluded.last_at)",
        )?;
        for ((person, message_type, name, day), span) in rollups {
            rolled.execute(params![
                person,
                message_type.as_str(),
                name,
                day,
                span.n,
                span.first,
                span.last
            ])?;
        }
        for ((plan, event), (seen, violating)) in self.checks {
            messages::count_checks(conn, plan, &event, seen, violating)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
