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
//! job on its own connection wrote, since its last batch, and forgets everything if so. Nor may it
//! skip a trigger whose work it does not do: every trigger but the five below runs
//! during a batch as a TEMP copy (TEMP triggers fire whatever the switch says), so a trigger a
//! later migration adds keeps working.
//!
//! The identities a batch makes are written as it commits, in the table's key order (see
//! `IdMemory::write_new`), and its connection skips CHECK and foreign key checks, which hold by
//! construction; both are back on between batches. Messages, new identities and the rollups of
//! people new to the batch are inserted [`GROUP`] rows to a statement.

use rusqlite::config::DbConfig;
use rusqlite::{
    CachedStatement, Connection, OptionalExtension, Transaction, TransactionBehavior, params,
};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::hash_map::Entry;
use std::sync::LazyLock;
use switchboard_core::plan::PlanCheck;
use switchboard_core::{Event, MessageType};

use crate::messages;
use crate::profiles::{self, IdMemory};
use crate::{Result, events};

/// The triggers whose work a batch does itself: those that fire when messages are inserted, when
/// a profile merge moves them (see `profiles::merge`), and when a person's traits change.
const DONE_BY_THE_LOAD: [&str; 5] = [
    "events_counted",
    "events_rolled_up",
    "events_sourced",
    "events_rolled_over",
    "people_traits_reindexed",
];

/// A load reads every anonymous and user id up front when the workspace has at most this many
/// (about 100 bytes of memory each); above it, ids are remembered as they are met.
const READ_ALL_IDS: usize = 4_000_000;

const DAY_MS: i64 = 86_400_000;

/// Rows a load inserts with one statement, where it can: a statement's own cost (a cursor opened
/// and closed on the table and each of its indexes, the VM set up and halted) was a fifth of a
/// message's insert, and as much of a rollup's.
///
/// These statements are `INSERT OR IGNORE` of rows known to be new (or, for messages, told apart
/// afterwards), for a reason: nothing in them can then fail half way, so SQLite keeps no
/// statement journal for them (a copy of every page a statement changes, which would cost more
/// than it saves). A load's connection has CHECK and foreign key checks off, and `OR IGNORE`
/// covers the rest. Each checks that every row it was given was inserted.
pub(crate) const GROUP: usize = 100;

/// `INSERT OR IGNORE` of [`GROUP`] rows of `columns` (a list of `n`) into `table`.
pub(crate) fn insert_group_sql(table: &str, columns: &str, n: usize) -> String {
    let row = format!("({})", vec!["?"; n].join(", "));
    format!("INSERT OR IGNORE INTO {table} ({columns}) VALUES {}", vec![row; GROUP].join(", "))
}

/// Inserts `rows`, which must all be new: [`GROUP`] to a statement with `group` (an
/// [`insert_group_sql`] statement into `table`), the rest one by one with `single`. `bind` binds
/// a row's `columns` values to the parameters after the first `before`.
pub(crate) fn insert_rows<T>(
    group: &mut CachedStatement<'_>,
    single: &mut CachedStatement<'_>,
    table: &str,
    columns: usize,
    rows: &[T],
    bind: impl Fn(&mut CachedStatement<'_>, usize, &T) -> Result<()>,
) -> Result<()> {
    for rows in rows.chunks(GROUP) {
        if rows.len() < GROUP {
            for row in rows {
                bind(single, 0, row)?;
                single.raw_execute()?;
            }
            continue;
        }
        for (i, row) in rows.iter().enumerate() {
            bind(group, i * columns, row)?;
        }
        let inserted = group.raw_execute()?;
        if inserted != GROUP {
            return Err(crate::Error::Corrupt(format!(
                "{} of {GROUP} new rows of {table} were already there",
                GROUP - inserted
            )));
        }
    }
    Ok(())
}

const ROLLUP_COLUMNS: usize = 7;

static ROLLUPS_GROUP: LazyLock<String> = LazyLock::new(|| {
    insert_group_sql("rollups", "person_id, type, name, day, n, first_at, last_at", ROLLUP_COLUMNS)
});

/// A rollup row: person, type, name, day and span.
type RollupRow<'n> = (i64, &'static str, &'n str, i64, Span);

/// Binds a rollup row's [`ROLLUP_COLUMNS`] values to the parameters after the first `before`.
fn bind_rollup(stmt: &mut CachedStatement<'_>, before: usize, row: &RollupRow<'_>) -> Result<()> {
    let &(person, message_type, name, day, span) = row;
    stmt.raw_bind_parameter(before + 1, person)?;
    stmt.raw_bind_parameter(before + 2, message_type)?;
    stmt.raw_bind_parameter(before + 3, name)?;
    stmt.raw_bind_parameter(before + 4, day)?;
    stmt.raw_bind_parameter(before + 5, span.n)?;
    stmt.raw_bind_parameter(before + 6, span.first)?;
    stmt.raw_bind_parameter(before + 7, span.last)?;
    Ok(())
}

static EVENTS_GROUP: LazyLock<String> =
    LazyLock::new(|| insert_group_sql("events", events::COLUMN_NAMES, events::COLUMNS));

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
    names: Names,
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
        Load { ids: IdMemory::on(), names: Names::default(), read_all_ids: limit, seen: None }
    }

    /// Starts a transaction to store messages in, with this connection's triggers off until it
    /// ends (committed, or rolled back when dropped).
    pub fn begin<'a>(&'a mut self, conn: &'a Connection) -> Result<Batch<'a>> {
        let copies = triggers_to_copy(conn)?;
        let mut batch = Batch {
            load: self,
            conn,
            tx: None,
            events: None,
            last_event: None,
            copies,
            restored: false,
            sums: Sums::default(),
            tally: Tally::default(),
            version: 0,
            read_ids: false,
        };
        batch.start()?;
        Ok(batch)
    }

    fn forget(&mut self) {
        self.ids.forget();
        self.ids.merges.clear();
        self.seen = None;
    }
}

/// A load's transaction: messages stored in it are committed together, with the counts, rollups
/// and totals the triggers would have kept.
pub struct Batch<'a> {
    load: &'a mut Load,
    conn: &'a Connection,
    tx: Option<Transaction<'a>>,
    events: Option<(events::Inserter<'a>, CachedStatement<'a>)>,
    /// The largest rowid of `events`, once read: the messages a group statement inserts take the
    /// next ones.
    last_event: Option<i64>,
    /// Triggers run as TEMP copies during the batch: (name, SQL).
    copies: Vec<(String, String)>,
    restored: bool,
    sums: Sums,
    tally: Tally,
    version: i64,
    /// The load has yet to read the ids, at the first message (an import with nothing left to
    /// store reads none).
    read_ids: bool,
}

impl Batch<'_> {
    fn start(&mut self) -> Result<()> {
        let conn = self.conn;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        // CHECK constraints hold by construction here (JSON columns are serde_json's text, types
        // and ids `segment::accept`'s), and `json_valid` was a quarter of an event's insert.
        conn.pragma_update(None, "ignore_check_constraints", true)?;
        for (_, sql) in &self.copies {
            // SQLite keeps a trigger's SQL with its first two keywords normalised to this.
            let body = sql.strip_prefix("CREATE TRIGGER ").ok_or_else(|| {
                crate::Error::Corrupt(format!("a trigger's SQL does not start as expected: {sql}"))
            })?;
            conn.execute_batch(&format!("CREATE TEMP TRIGGER {body}"))?;
        }
        // Foreign keys hold by construction too: a message's person is made before it, and a
        // merge moves or deletes what points to the person it removes. Their checks were a tenth
        // of a load's time. (The pragma is a no-op inside a transaction, so it goes first.)
        conn.pragma_update(None, "foreign_keys", false)?;
        // Immediate: nothing else can commit between the check below and this batch's writes.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        self.version = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
        self.sums.fresh_from = 1 + tx.query_row(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM people), 0),
                        COALESCE((SELECT MAX(person_id) FROM rollups), 0))",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        match self.load.seen {
            None => self.read_ids = true,
            Some(seen) if seen != (self.version, conn.total_changes()) => self.load.ids.forget(),
            Some(_) => {}
        }
        self.tx = Some(tx);
        let group = conn.prepare_cached(&EVENTS_GROUP)?;
        self.events = Some((events::Inserter::new(conn)?, group));
        Ok(())
    }

    /// The connection, for the caller's own writes in this transaction (its checkpoint).
    pub fn conn(&self) -> &Connection {
        self.conn
    }

    /// Stores messages, each with the person [`messages::store`] would give it (and sets it).
    ///
    /// Messages are inserted [`GROUP`] at a time, after stitching has found the person of
    /// each: stitching never reads `events`, and when it merges a person, the messages of the
    /// group waiting to be inserted move with it, as the stored ones do.
    pub fn store_all(&mut self, messages: &mut [(Event, Option<PlanCheck>)]) -> Result<()> {
        if std::mem::take(&mut self.read_ids) {
            self.load.ids.read_all(self.conn, self.load.read_all_ids)?;
        }
        let mut waiting = 0;
        for i in 0..messages.len() {
            let (before, rest) = messages.split_at_mut(i);
            let e = &mut rest[0].0;
            let person = profiles::apply_remembering(self.conn, e, &mut self.load.ids)?;
            e.person_id = Some(person);
            for (from, into) in self.load.ids.merges.drain(..) {
                self.sums.merge(from, into);
                for (e, _) in &mut before[waiting..] {
                    if e.person_id == Some(from) {
                        e.person_id = Some(into);
                    }
                }
            }
            if i + 1 - waiting == GROUP {
                self.insert_group(&messages[waiting..=i])?;
                waiting = i + 1;
            }
        }
        for (e, check) in &messages[waiting..] {
            let (single, _) = self.events.as_mut().expect("a started batch holds its statements");
            let new = single.insert(e)?;
            // Read again at the next group.
            self.last_event = None;
            self.stored(e, check.as_ref(), new)?;
        }
        Ok(())
    }

    /// Inserts a whole group with one statement. When fewer than all are new, the rowids tell
    /// which: a message stored by this statement has one past the largest before it, and the
    /// first of two with the same `messageId` is the one stored.
    fn insert_group(&mut self, group: &[(Event, Option<PlanCheck>)]) -> Result<()> {
        let last = match self.last_event {
            Some(last) => last,
            None => {
                self.conn.query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?
            }
        };
        let (_, insert) = self.events.as_mut().expect("a started batch holds its statements");
        for (i, (e, _)) in group.iter().enumerate() {
            events::bind(insert, i * events::COLUMNS, e)?;
        }
        let new = insert.raw_execute()?;
        let now_last = if new > 0 { self.conn.last_insert_rowid() } else { last };
        self.last_event = Some(now_last);
        if new == group.len() {
            for (e, check) in group {
                self.stored(e, check.as_ref(), true)?;
            }
            return Ok(());
        }
        if now_last - last != i64::try_from(new).unwrap_or(i64::MAX) {
            // Only when the largest rowid is SQLite's largest, which then picks them at random.
            return Err(crate::Error::Corrupt("messages took rowids out of order".to_owned()));
        }
        let mut find = self.conn.prepare_cached("SELECT id FROM events WHERE message_id = ?1")?;
        let mut taken = Vec::with_capacity(new);
        for (e, check) in group {
            let id: Option<i64> = find.query_row([&e.message_id], |r| r.get(0)).optional()?;
            let Some(id) = id else {
                return Err(crate::Error::Corrupt(format!(
                    "message {} was neither stored nor already there",
                    e.message_id
                )));
            };
            let is_new = id > last && !taken.contains(&id);
            if is_new {
                taken.push(id);
            }
            self.stored(e, check.as_ref(), is_new)?;
        }
        Ok(())
    }

    /// Counts a message that was inserted (`new`) or found already stored.
    fn stored(&mut self, e: &Event, check: Option<&PlanCheck>, new: bool) -> Result<()> {
        if !new {
            self.tally.duplicates += 1;
            return Ok(());
        }
        self.tally.new += 1;
        self.sums.add(e, &mut self.load.names);
        if let Some(check) = check {
            self.sums.check(check);
            messages::record_violations(self.conn, &e.message_id, e.timestamp, check)?;
        }
        Ok(())
    }

    /// Writes what the triggers would have, commits, and turns the triggers back on.
    pub fn commit(mut self) -> Result<Tally> {
        self.events = None;
        self.load.ids.write_people(self.conn)?;
        self.load.ids.write_new(self.conn)?;
        std::mem::take(&mut self.sums).write(self.conn, &self.load.names)?;
        self.tx.take().expect("a started batch holds its transaction").commit()?;
        if !self.read_ids {
            // Otherwise the next batch still reads them.
            self.load.seen = Some((self.version, self.conn.total_changes()));
        }
        self.restore()?;
        Ok(self.tally)
    }

    /// Drops the TEMP copies and turns the connection's triggers and checks back on.
    fn restore(&mut self) -> Result<()> {
        if std::mem::replace(&mut self.restored, true) {
            return Ok(());
        }
        let conn = self.conn;
        let mut result = Ok(());
        for (name, _) in &self.copies {
            // Names cannot be bound as parameters; this one comes from the schema, quoted.
            let quoted = name.replace('"', "\"\"");
            let dropped = conn.execute_batch(&format!("DROP TRIGGER IF EXISTS temp.\"{quoted}\""));
            result = result.and(dropped);
        }
        let restored = conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)
            .and_then(|_| conn.pragma_update(None, "ignore_check_constraints", false))
            .and_then(|_| conn.pragma_update(None, "foreign_keys", true));
        Ok(result.and(restored.map(|_| ()))?)
    }
}

impl Drop for Batch<'_> {
    /// Not committed: rolled back, and what the load learnt in it is forgotten (ids it met may
    /// name people who no longer exist).
    fn drop(&mut self) {
        self.events = None;
        if self.tx.take().is_some() {
            self.load.forget();
        }
        if let Err(e) = self.restore() {
            tracing::error!(error = %e, "turning the writer's triggers back on failed");
        }
    }
}

/// Every trigger of the schema but those whose work the load does, and those that cannot fire
/// for what it writes: (name, SQL).
fn triggers_to_copy(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' ORDER BY name",
    )?;
    let all = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut copies = Vec::new();
    for row in all {
        let (name, sql) = row?;
        let never_fires = sql
            .strip_prefix(&format!("CREATE TRIGGER {name} "))
            .is_some_and(|rest| rest.starts_with(ONLY_FOR_PEOPLE_WITH_TRAITS));
        if !DONE_BY_THE_LOAD.contains(&name.as_str()) && !never_fires {
            copies.push((name, sql));
        }
    }
    Ok(copies)
}

/// How a trigger on new people starts when it fires only for people inserted with traits. The
/// load makes people without (traits come with later updates), so such a trigger needs no copy:
/// a copy would make every insert into `people` keep a statement journal, a fifth of a load's
/// time.
const ONLY_FOR_PEOPLE_WITH_TRAITS: &str = "AFTER INSERT ON people WHEN NEW.traits <> '{}' BEGIN";

/// First and last time and how many, of one rollup row.
#[derive(Debug, Clone, Copy)]
struct Span {
    n: i64,
    first: i64,
    last: i64,
}

/// One person's rollup rows in a batch. Most people have one (a visitor's page views of a day),
/// kept without an allocation of its own: one per new person was a twentieth of a load.
#[derive(Debug)]
enum Rows {
    One(RollupKey, Span),
    Many(Vec<(RollupKey, Span)>),
}

impl Rows {
    /// Adds `span` to the row of `key`.
    fn join(&mut self, key: RollupKey, span: Span) {
        match self {
            Rows::One(k, s) if *k == key => s.join(span),
            Rows::One(k, s) => *self = Rows::Many(vec![(*k, *s), (key, span)]),
            Rows::Many(rows) => match rows.iter_mut().find(|(k, _)| *k == key) {
                Some((_, s)) => s.join(span),
                None => rows.push((key, span)),
            },
        }
    }

    fn into_vec(self) -> Vec<(RollupKey, Span)> {
        match self {
            Rows::One(key, span) => vec![(key, span)],
            Rows::Many(rows) => rows,
        }
    }
}

/// Adds `span` to the row of `key` among `person`'s rows.
fn join(rollups: &mut FxHashMap<i64, Rows>, person: i64, key: RollupKey, span: Span) {
    match rollups.entry(person) {
        Entry::Occupied(mut rows) => rows.get_mut().join(key, span),
        Entry::Vacant(rows) => {
            rows.insert(Rows::One(key, span));
        }
    }
}

impl Span {
    fn join(&mut self, other: Span) {
        self.n += other.n;
        self.first = self.first.min(other.first);
        self.last = self.last.max(other.last);
    }
}

/// Event names met by a load, each once: rollup keys hold their number.
#[derive(Debug, Default)]
struct Names {
    numbers: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = u32::try_from(self.names.len()).expect("fewer than 4 billion event names");
        self.names.push(name.into());
        self.numbers.insert(name.into(), n);
        n
    }

    fn name(&self, number: u32) -> &str {
        &self.names[number as usize]
    }
}

/// A rollup row's key but the person: type, name (numbered in [`Names`]), day.
type RollupKey = (MessageType, u32, i64);

/// What the triggers on `events` would have added during one batch.
#[derive(Debug, Default)]
struct Sums {
    /// `event_counts`: (day, type) -> messages.
    counts: FxHashMap<(i64, MessageType), i64>,
    /// `sources.events`: source -> messages.
    sources: FxHashMap<i64, i64>,
    /// `rollups`, per person (a merge moves one person's rows): key -> span.
    rollups: FxHashMap<i64, Rows>,
    /// `plan_checks`: (plan, event) -> (seen, violating).
    checks: FxHashMap<(i64, String), (i64, i64)>,
    /// People from this id up had no rollups as the batch began (they are larger than any
    /// person's, and any rollup's person's).
    fresh_from: i64,
    /// People messages were moved to by a merge in this batch, with their rollups: those of
    /// `fresh_from` and up are no longer without.
    merged_into: FxHashSet<i64>,
}

impl Sums {
    /// A stored message, as `events_counted`, `events_sourced` and `events_rolled_up` see it.
    fn add(&mut self, e: &Event, names: &mut Names) {
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
            let key = (e.message_type, names.number(e.name.as_deref().unwrap_or_default()), day);
            join(&mut self.rollups, person, key, span);
        }
    }

    fn check(&mut self, check: &PlanCheck) {
        let counts = self.checks.entry((check.plan_id, check.event.clone())).or_default();
        counts.0 += 1;
        counts.1 += i64::from(!check.violations.is_empty());
    }

    /// Person `from` was merged into `into`: so were the rollups of its messages in this batch.
    fn merge(&mut self, from: i64, into: i64) {
        self.merged_into.insert(into);
        let Some(moved) = self.rollups.remove(&from) else { return };
        for (key, span) in moved.into_vec() {
            join(&mut self.rollups, into, key, span);
        }
    }

    fn write(self, conn: &Connection, names: &Names) -> Result<()> {
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
        let mut rollups: Vec<(i64, RollupKey, Span)> = Vec::with_capacity(self.rollups.len());
        for (person, rows) in self.rollups {
            match rows {
                Rows::One(key, span) => rollups.push((person, key, span)),
                Rows::Many(rows) => {
                    rollups.extend(rows.into_iter().map(|(key, span)| (person, key, span)));
                }
            }
        }
        let order = |(person, (t, name, day), _): &(i64, RollupKey, Span)| {
            (*person, t.as_str(), names.name(*name), *day)
        };
        rollups.sort_unstable_by(|a, b| order(a).cmp(&order(b)));
        // A person without rollups before gets theirs inserted, many to a statement; the others
        // are added to what is there.
        let mut rolled = conn.prepare_cached(
            "INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (person_id, type, name, day) DO UPDATE SET
                 n = n + excluded.n, first_at = MIN(first_at, excluded.first_at),
                 last_at = MAX(last_at, excluded.last_at)",
        )?;
        let mut fresh = Vec::new();
        for (person, (message_type, name, day), span) in rollups {
            let row = (person, message_type.as_str(), names.name(name), day, span);
            if person >= self.fresh_from && !self.merged_into.contains(&person) {
                fresh.push(row);
            } else {
                bind_rollup(&mut rolled, 0, &row)?;
                rolled.raw_execute()?;
            }
        }
        let mut group = conn.prepare_cached(&ROLLUPS_GROUP)?;
        insert_rows(&mut group, &mut rolled, "rollups", ROLLUP_COLUMNS, &fresh, bind_rollup)?;
        for ((plan, event), (seen, violating)) in self.checks {
            messages::count_checks(conn, plan, &event, seen, violating)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
