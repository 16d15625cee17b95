//! The demo workspace: a deterministic generator of a coherent marketing stack's data, tuned so
//! that at scale 1 it reproduces the source's daily figures (about 1,000 identified domains,
//! 60 newly qualified companies and 300 new contacts a day, a 71% outbound open rate) and at
//! scale 100 gives about a million people and twenty million events for benchmarks.
//!
//! The same seed, scale, days and last day always give the same rows. It writes a new file only:
//! it loads into `<file>.partial` and renames it into place when complete, so a kill never leaves
//! a half-written workspace where a complete one is expected.

mod generator;
mod vocab;

use std::path::{Path, PathBuf};

use switchboard_core::Day;
use switchboard_store::Db;

use crate::{Error, Result};

pub use generator::Batch;

/// Segments a growth manager would start from, saved and computed in every demo workspace.
const EXAMPLE_SEGMENTS: &str = include_str!("../../../../../assets/demo/segments.json");

fn example_segments(
    conn: &mut switchboard_store::Connection,
    now: switchboard_core::Timestamp,
) -> switchboard_store::Result<()> {
    use switchboard_store::segments;
    let definitions: Vec<switchboard_core::audience::Definition> =
        serde_json::from_str(EXAMPLE_SEGMENTS)?;
    for def in &definitions {
        let id = segments::save(conn, def, None, now)?;
        segments::recompute(conn, id, "saved", Day::of(now), now)?;
    }
    // The retargeting and search campaigns reach three of them.
    let audiences = serde_json::json!({
        "23851000000000101": "Activation email unopened",
        "23851000000000103": "Pricing regulars",
        "1185202": "Hot mid-market on Segment",
    });
    switchboard_store::settings::set(
        conn,
        switchboard_store::settings::CAMPAIGN_AUDIENCES,
        &audiences.to_string(),
    )?;
    // What the email and web personalisation tools cost a month, for the channel ladder.
    let costs = serde_json::json!({"email": "300", "web personalisation": "500"});
    switchboard_store::settings::set(
        conn,
        switchboard_store::settings::CHANNEL_COSTS,
        &costs.to_string(),
    )?;
    Ok(())
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOptions {
    pub seed: u64,
    /// 1.0 reproduces the source's daily volumes; volumes scale linearly.
    pub scale: f64,
    pub days: u32,
    /// The last day with data (usually yesterday).
    pub last_day: Day,
}

impl DemoOptions {
    pub const MAX_SCALE: f64 = 1_000.0;
    pub const MAX_DAYS: u32 = 366;

    pub fn validate(&self) -> Result<()> {
        if !(self.scale > 0.0 && self.scale <= Self::MAX_SCALE) {
            return Err(Error::InvalidOptions(format!(
                "--scale must be above 0 and at most {}, got {}",
                Self::MAX_SCALE,
                self.scale
            )));
        }
        if self.days == 0 || self.days > Self::MAX_DAYS {
            return Err(Error::InvalidOptions(format!(
                "--days must be from 1 to {}, got {}",
                Self::MAX_DAYS,
                self.days
            )));
        }
        Ok(())
    }

    pub fn first_day(&self) -> Day {
        self.last_day.plus(1 - i64::from(self.days))
    }
}

/// How far generation has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProgress {
    pub step: String,
    pub done: u64,
    pub total: u64,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub companies: u64,
    pub people: u64,
    pub visits: u64,
    pub events: u64,
    pub prospects: u64,
    pub email_activities: u64,
    pub ad_spend_rows: u64,
    pub file_bytes: u64,
}

/// Writes a new demo workspace at `path`, which must not exist yet.
pub fn generate(
    path: &Path,
    options: &DemoOptions,
    progress: &mut dyn FnMut(&DemoProgress),
) -> Result<DemoSummary> {
    options.validate()?;
    if path.exists() {
        return Err(switchboard_store::Error::AlreadyExists(path.to_owned()).into());
    }
    let partial = partial_path(path);
    // A leftover from an interrupted run is incomplete by construction: start it again. A WAL
    // left beside a deleted workspace would be replayed into the new file: remove it too.
    remove_if_present(&partial)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        remove_if_present(Path::new(&side))?;
    }

    let total = u64::from(options.days) + 2;
    let mut report = |step: String, done: u64| progress(&DemoProgress { step, done, total });

    let db = Db::create_for_bulk_load(&partial)?;
    let mut generator = generator::Generator::new(options);
    let mut summary = DemoSummary::default();

    report("Creating companies seen before the first day".into(), 0);
    let mut in_flight = db.submit({
        let batch = generator.prologue();
        summary.add(&batch);
        move |conn| batch.write(conn)
    })?;
    for (i, day) in (0..options.days).map(|i| (i, options.first_day().plus(i64::from(i)))) {
        report(format!("Generating {day}"), 1 + u64::from(i));
        // Build the next day while the writer thread stores the previous one.
        let batch = generator.day(day);
        summary.add(&batch);
        in_flight.wait()?;
        in_flight = db.submit(move |conn| batch.write(conn))?;
    }
    in_flight.wait()?;
    report("Computing the example segments".into(), total - 1);
    let as_of = options.last_day.plus(1).start() + 9 * 3_600_000;
    db.call_blocking(move |conn| example_segments(conn, as_of))?;
    // The approved contacts the campaign already mailed, as sends with what came of them.
    db.call_blocking(|conn| {
        switchboard_store::outreach::from_history(conn, crate::DEFAULT_OUTBOUND_CAMPAIGN)
    })?;
    report("Indexing".into(), total - 1);
    db.call_blocking(|conn| Ok(conn.execute_batch("PRAGMA optimize = 0x10002; ANALYZE;")?))?;
    db.close()?;

    std::fs::rename(&partial, path)
        .map_err(|source| Error::Io { path: path.to_owned(), source })?;
    summary.file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Opening once sets the durable settings (WAL) and proves the file is complete.
    drop(Db::open(path)?);
    report("Done".into(), total);
    Ok(summary)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::Io { path: path.to_owned(), source: e })
        }
        _ => Ok(()),
    }
}

impl DemoSummary {
    fn add(&mut self, b: &Batch) {
        let n = |len: usize| len as u64;
        self.companies += n(b.companies.len());
        self.people += n(b.people.len());
        self.visits += n(b.visits.len());
        self.events += n(b.events.len());
        self.prospects += n(b.prospects.len());
        self.email_activities += n(b.emails.len());
        self.ad_spend_rows += n(b.spend.len());
    }
}

#[cfg(test)]
mod tests;
