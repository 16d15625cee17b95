//! The sync engine's tables: `sync_runs` and `sync_rows` (what each run did and the rows it could
//! not take), `enrichments` (raw vendor payloads and when each entity was last fetched), `credits`
//! (paid lookups spent per day) and `sync_cursors` (where incremental streams got to), plus the
//! writes that fold enrichment into `companies` and `people`.
//!
//! Callers write a batch's rows, payloads and cursor inside one transaction.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::sync::{RunCounts, RunStatus, SyncRow, SyncRun, SyncTrigger};
use switchboard_core::{Day, Timestamp};

use crate::{Error, Result};

/// Starts a run record and returns its id.
pub fn start_run(
    conn: &Connection,
    connector: &str,
    trigger: SyncTrigger,
    now: Timestamp,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sync_runs (connector, trigger, started_at, status) VALUES (?1, ?2, ?3, 'running')",
    )?
    .execute(params![connector, trigger.as_str(), now])?;
    Ok(conn.last_insert_rowid())
}

/// Adds a batch's counts to its run; call it in the batch's transaction.
pub fn add_counts(conn: &Connection, run_id: i64, c: RunCounts) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sync_runs SET fetched = fetched + ?2, written = written + ?3, skipped = skipped + ?4,
             failed = failed + ?5, credits = credits + ?6 WHERE id = ?1",
    )?
    .execute(params![
        run_id,
        as_i64(c.fetched),
        as_i64(c.written),
        as_i64(c.skipped),
        as_i64(c.failed),
        as_i64(c.credits)
    ])?;
    Ok(())
}

/// Records a row a run failed or skipped, with the reason.
pub fn record_row(
    conn: &Connection,
    run_id: i64,
    stream: &str,
    key: &str,
    failed: bool,
    reason: &str,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_rows (run_id, stream, key, outcome, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![run_id, stream, key, if failed { "failed" } else { "skipped" }, reason, now])?;
    Ok(())
}

/// Ends a run: its status follows from its counts (and whether it stopped on an error).
pub fn finish_run(
    conn: &Connection,
    run_id: i64,
    status: Option<RunStatus>,
    error: Option<&str>,
    now: Timestamp,
) -> Result<SyncRun> {
    let counts = run(conn, run_id)?
        .ok_or_else(|| Error::Corrupt(format!("sync run {run_id} is missing")))?
        .counts;
    let status = status.unwrap_or_else(|| counts.status(error.is_some()));
    conn.prepare_cached(
        "UPDATE sync_runs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1",
    )?
    .execute(params![run_id, status.as_str(), error, now])?;
    run(conn, run_id)?.ok_or_else(|| Error::Corrupt(format!("sync run {run_id} is missing")))
}

/// Marks runs left "running" by a process that stopped as interrupted. Call it when a workspace
/// is opened by a front end that runs syncs.
pub fn interrupt_running(conn: &Connection, now: Timestamp) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE sync_runs SET status = 'interrupted', finished_at = ?1,
             error = 'the app or command stopped during the run; the next run repeats the rest'
         WHERE status = 'running'",
        [now],
    )?)
}

const RUN_COLUMNS: &str =
    "id, connector, trigger, started_at, finished_at, status, fetched, written,
                           skipped, failed, credits, error";

fn read_run(r: &rusqlite::Row<'_>) -> rusqlite::Result<SyncRun> {
    let parse = |i: usize, e: switchboard_core::ParseError| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(SyncRun {
        id: r.get(0)?,
        connector: r.get(1)?,
        trigger: r.get::<_, String>(2)?.parse().map_err(|e| parse(2, e))?,
        started_at: r.get(3)?,
        finished_at: r.get(4)?,
        status: r.get::<_, String>(5)?.parse().map_err(|e| parse(5, e))?,
        counts: RunCounts {
            fetched: r.get::<_, i64>(6)? as u64,
            written: r.get::<_, i64>(7)? as u64,
            skipped: r.get::<_, i64>(8)? as u64,
            failed: r.get::<_, i64>(9)? as u64,
            credits: r.get::<_, i64>(10)? as u64,
        },
        error: r.get(11)?,
    })
}

pub fn run(conn: &Connection, run_id: i64) -> Result<Option<SyncRun>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {RUN_COLUMNS} FROM sync_runs WHERE id = ?1"))?
        .query_row([run_id], read_run)
        .optional()?)
}

/// The newest runs first, of one connector or of all.
pub fn runs(conn: &Connection, connector: Option<&str>, limit: u32) -> Result<Vec<SyncRun>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM sync_runs WHERE ?1 IS NULL OR connector = ?1
         ORDER BY started_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![connector, limit], read_run)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rows a run failed or skipped, in the order it met them.
pub fn run_rows(conn: &Connection, run_id: i64, limit: u32) -> Result<Vec<SyncRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT stream, key, outcome, reason, at FROM sync_rows WHERE run_id = ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![run_id, limit], |r| {
        Ok(SyncRow {
            stream: r.get(0)?,
            key: r.get(1)?,
            failed: r.get::<_, String>(2)? == "failed",
            reason: r.get(3)?,
            at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where an incremental stream got to.
pub fn cursor(conn: &Connection, connector: &str, stream: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT cursor FROM sync_cursors WHERE connector = ?1 AND stream = ?2")?
        .query_row(params![connector, stream], |r| r.get(0))
        .optional()?)
}

/// Moves a stream's cursor; call it in the transaction that wrote the rows it covers.
pub fn set_cursor(
    conn: &Connection,
    connector: &str,
    stream: &str,
    cursor: &str,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_cursors (connector, stream, cursor, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (connector, stream) DO UPDATE SET cursor = excluded.cursor,
             updated_at = excluded.updated_at",
    )?
    .execute(params![connector, stream, cursor, now])?;
    Ok(())
}

pub fn clear_cursor(conn: &Connection, connector: &str, stream: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_cursors WHERE connector = ?1 AND stream = ?2")?
        .execute(params![connector, stream])?;
    Ok(())
}

/// Keeps a vendor's raw answer for an entity (or `None` when it had nothing) and when it came.
pub fn record_payload(
    conn: &Connection,
    vendor: &str,
    kind: &str,
    key: &str,
    payload: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO enrichments (vendor, kind, key, status, payload, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (vendor, kind, key) DO UPDATE SET status = excluded.status,
             payload = excluded.payload, fetched_at = excluded.fetched_at",
    )?
    .execute(params![
        vendor,
        kind,
        key,
        if payload.is_some() { "found" } else { "not_found" },
        payload,
        now
    ])?;
    Ok(())
}

/// The raw payload kept for an entity.
pub fn payload(
    conn: &Connection,
    vendor: &str,
    kind: &str,
    key: &str,
) -> Result<Option<(Option<String>, Timestamp)>> {
    Ok(conn
        .prepare_cached(
            "SELECT payload, fetched_at FROM enrichments WHERE vendor = ?1 AND kind = ?2 AND key = ?3",
        )?
        .query_row(params![vendor, kind, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// What a lookup stream can be asked to look up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// People by email.
    PersonEmail,
    /// Companies by domain.
    CompanyDomain,
    /// People by user id (Segment profiles).
    PersonUserId,
}

impl Subject {
    fn candidates_sql(self) -> &'static str {
        match self {
            Subject::PersonEmail => {
                "SELECT DISTINCT lower(email) FROM people WHERE email IS NOT NULL AND email <> ''"
            }
            Subject::CompanyDomain => "SELECT domain FROM companies",
            Subject::PersonUserId => "SELECT user_id FROM people WHERE user_id IS NOT NULL",
        }
    }
}

/// Entities of `subject` that `vendor`/`kind` has not fetched since `stale_before`: never fetched
/// first, then the longest ago; at most `limit`. Also returns how many are stale in all.
pub fn stale(
    conn: &Connection,
    subject: Subject,
    vendor: &str,
    kind: &str,
    stale_before: Timestamp,
    limit: u32,
) -> Result<(Vec<String>, u64)> {
    let base = format!(
        "WITH candidates(key) AS ({}) SELECT c.key FROM candidates c
         LEFT JOIN enrichments e ON e.vendor = ?1 AND e.kind = ?2 AND e.key = c.key
         WHERE e.fetched_at IS NULL OR e.fetched_at < ?3",
        subject.candidates_sql()
    );
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM ({base})"))?
        .query_row(params![vendor, kind, stale_before], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "{base} ORDER BY e.fetched_at IS NOT NULL, e.fetched_at, c.key LIMIT ?4"
    ))?;
    let keys = stmt
        .query_map(params![vendor, kind, stale_before, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok((keys, total as u64))
}

/// Paid lookups of `vendor`/`kind` spent on `day`.
pub fn credits_used(conn: &Connection, vendor: &str, kind: &str, day: Day) -> Result<u64> {
    let used: Option<i64> = conn
        .prepare_cached("SELECT used FROM credits WHERE vendor = ?1 AND kind = ?2 AND day = ?3")?
        .query_row(params![vendor, kind, day.0], |r| r.get(0))
        .optional()?;
    Ok(used.unwrap_or(0) as u64)
}

/// Counts a paid lookup against the day's budget. Called (and committed) before the lookup is
/// made, so a kill after the call can only make the count too high, never too low.
pub fn spend_credit(conn: &Connection, vendor: &str, kind: &str, day: Day) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO credits (vendor, kind, day, used) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (vendor, kind, day) DO UPDATE SET used = used + 1",
    )?
    .execute(params![vendor, kind, day.0])?;
    Ok(())
}

/// Firmographics a vendor reported for a domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Firmographics {
    pub domain: String,
    pub name: Option<String>,
    pub employees: Option<i64>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub technologies: Vec<String>,
}

/// Folds firmographics into the company of that domain (creating it), keeping what the vendor
/// left out. Returns the company's id.
pub fn apply_firmographics(conn: &Connection, f: &Firmographics, now: Timestamp) -> Result<i64> {
    let domain = f.domain.trim().to_lowercase();
    let tech = if f.technologies.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&f.technologies)?)
    };
    conn.prepare_cached(
        "INSERT INTO companies (domain, name, employees, industry, country, city, technologies, created_at)
         VALUES (?1, COALESCE(?2, ?1), ?3, ?4, ?5, ?6, COALESCE(?7, '[]'), ?8)
         ON CONFLICT (domain) DO UPDATE SET
             name = COALESCE(?2, name), employees = COALESCE(?3, employees),
             industry = COALESCE(?4, industry), country = COALESCE(?5, country),
             city = COALESCE(?6, city), technologies = COALESCE(?7, technologies)",
    )?
    .execute(params![domain, f.name, f.employees, f.industry, f.country, f.city, tech, now])?;
    Ok(conn
        .prepare_cached("SELECT id FROM companies WHERE domain = ?1")?
        .query_row([domain], |r| r.get(0))?)
}

/// What enrichment says of a person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFacts {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
    pub company_id: Option<i64>,
}

/// Fills in the people with this email from enrichment, keeping what it left out. Returns how
/// many people changed.
pub fn apply_person_facts(conn: &Connection, email: &str, f: &PersonFacts) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE people SET first_name = COALESCE(?2, first_name), last_name = COALESCE(?3, last_name),
                 title = COALESCE(?4, title), company_id = COALESCE(company_id, ?5)
             WHERE lower(email) = ?1
               AND (first_name IS NOT COALESCE(?2, first_name) OR last_name IS NOT COALESCE(?3, last_name)
                    OR title IS NOT COALESCE(?4, title) OR company_id IS NOT COALESCE(company_id, ?5))",
        )?
        .execute(params![email.to_lowercase(), f.first_name, f.last_name, f.title, f.company_id])?)
}

/// The ids of the people with this email (case aside).
pub fn people_with_email(conn: &Connection, email: &str) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM people WHERE lower(email) = ?1 ORDER BY id")?;
    let rows = stmt.query_map([email.to_lowercase()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id of the company with this domain.
pub fn company_with_domain(conn: &Connection, domain: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM companies WHERE domain = ?1")?
        .query_row([domain.to_lowercase()], |r| r.get(0))
        .optional()?)
}

fn as_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
