//! Segment's S3 archive: `segment-logs/<source>/<day>/*.gz`, gzip (or plain) newline-delimited
//! JSON, one full message a line. Imports are resumable and idempotent: each file's line count is
//! checkpointed in the same transaction as the messages up to it, a finished file is skipped, and
//! `messageId` dedupe makes a second run add nothing.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde_json::Value;
use switchboard_core::plan::PlanCheck;
use switchboard_core::segment::{self, Arrival, Envelope};
use switchboard_core::{Event, Timestamp};
use switchboard_store::checkpoints::{self, Checkpoint};
use switchboard_store::messages::{self, Stored};
use switchboard_store::{Db, Pending, tracking_plans};

use crate::plan::{CompiledPlan, SchemaError};

const JOB: &str = "segment-archive";
/// Lines committed per transaction (with their checkpoint).
const CHUNK: usize = 20_000;
/// Rejected lines listed in the summary; the rest are only counted.
const LISTED_REJECTIONS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("could not read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no archive files (*.gz, *.json, *.ndjson, *.jsonl) under {}", .0.display())]
    Empty(PathBuf),
    #[error(transparent)]
    Store(#[from] switchboard_store::Error),
    #[error("the workspace's tracking plan cannot be used: {0}; import it again")]
    Plan(#[from] SchemaError),
}

/// How far an import has got, in bytes of the files as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProgress {
    pub file: PathBuf,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedLine {
    pub file: PathBuf,
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub files: u64,
    /// Files a previous run finished, not read again.
    pub files_already_done: u64,
    pub imported: u64,
    pub duplicates: u64,
    pub rejected: u64,
    /// The first rejected lines, with their line numbers.
    pub rejected_lines: Vec<RejectedLine>,
}

/// The archive files under `paths` (files or folders), in name order. `dummy-object.txt`, which
/// Segment writes to test the bucket, and anything else that is not NDJSON are left out.
pub fn archive_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ArchiveError> {
    let mut files = Vec::new();
    for path in paths {
        let before = files.len();
        collect(path, &mut files)
            .map_err(|source| ArchiveError::Read { path: path.clone(), source })?;
        if files.len() == before {
            return Err(ArchiveError::Empty(path.clone()));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), out)?;
        }
    } else if path.metadata().is_ok() {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if [".gz", ".json", ".ndjson", ".jsonl"].iter().any(|ext| name.ends_with(ext)) {
            out.push(path.to_owned());
        }
    } else {
        path.metadata()?;
    }
    Ok(())
}

/// Imports every archive file under `paths`.
pub fn import(
    db: &Db,
    paths: &[PathBuf],
    now: Timestamp,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ArchiveError> {
    let files = archive_files(paths)?;
    let plan = db
        .call_blocking(|c| tracking_plans::active(c))?
        .map(|stored| CompiledPlan::from_stored(&stored))
        .transpose()?
        .map(std::sync::Arc::new);
    let bytes_total = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    let mut summary = ImportSummary { files: files.len() as u64, ..ImportSummary::default() };
    db.call_blocking(|c| switchboard_store::bulk_mode(c, true))?;
    let result = import_files(db, &files, plan.as_ref(), now, bytes_total, &mut summary, progress);
    db.call_blocking(|c| switchboard_store::bulk_mode(c, false))?;
    result.map(|()| summary)
}

fn import_files(
    db: &Db,
    files: &[PathBuf],
    plan: Option<&std::sync::Arc<CompiledPlan>>,
    now: Timestamp,
    bytes_total: u64,
    summary: &mut ImportSummary,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<(), ArchiveError> {
    let mut bytes_before = 0;
    for file in files {
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let base = bytes_before;
        let mut report = |read: u64| {
            let bytes_done = base + read.min(size);
            progress(&ImportProgress { file: file.clone(), bytes_done, bytes_total });
        };
        import_file(db, file, plan, now, summary, &mut report)?;
        report(size);
        bytes_before += size;
    }
    Ok(())
}

/// Counts the bytes read from the file as stored, for progress.
struct Counting<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

fn import_file(
    db: &Db,
    file: &Path,
    plan: Option<&std::sync::Arc<CompiledPlan>>,
    now: Timestamp,
    summary: &mut ImportSummary,
    report: &mut dyn FnMut(u64),
) -> Result<(), ArchiveError> {
    let stream = file.canonicalize().unwrap_or_else(|_| file.to_owned()).display().to_string();
    let key = stream.clone();
    let done = db.call_blocking(move |c| checkpoints::get(c, JOB, &key))?;
    if done.is_some_and(|c| c.complete) {
        summary.files_already_done += 1;
        return Ok(());
    }
    let skip = done.map_or(0, |c| c.position);
    let read_error = |source| ArchiveError::Read { path: file.to_owned(), source };

    let mut raw = File::open(file).map_err(read_error)?;
    let mut magic = [0u8; 2];
    let gzip = raw.read(&mut magic).map_err(read_error)? == 2 && magic == [0x1f, 0x8b];
    let raw = File::open(file).map_err(read_error)?;
    let counter = std::rc::Rc::new(std::cell::Cell::new(0));
    let counting = Counting { inner: raw, read: counter.clone() };
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(MultiGzDecoder::new(counting)))
    } else {
        Box::new(BufReader::new(counting))
    };

    let mut in_flight: Option<Pending<(u64, u64)>> = None;
    let mut chunk: Vec<(Event, Option<PlanCheck>)> = Vec::with_capacity(CHUNK);
    let mut line_no: i64 = 0;
    let mut lines = reader.split(b'\n');
    loop {
        let line = lines.next().transpose().map_err(read_error)?;
        let end = line.is_none();
        if let Some(line) = line {
            line_no += 1;
            if line_no > skip {
                match parse_line(&line, now) {
                    Ok(Some(event)) => {
                        let check = plan.and_then(|p| p.check(&event));
                        chunk.push((event, check));
                    }
                    Ok(None) => {}
                    Err(reason) => {
                        summary.rejected += 1;
                        if summary.rejected_lines.len() < LISTED_REJECTIONS {
                            summary.rejected_lines.push(RejectedLine {
                                file: file.to_owned(),
                                line: line_no as u64,
                                reason,
                            });
                        }
                    }
                }
            }
        }
        if chunk.len() >= CHUNK || end {
            let batch = std::mem::take(&mut chunk);
            let (stream, position) = (stream.clone(), line_no);
            let job = db.submit(move |conn| {
                let tx = conn.transaction()?;
                let mut stored = 0u64;
                let mut batch = batch;
                for (e, check) in &mut batch {
                    stored += u64::from(messages::store(&tx, e, check.as_ref())? == Stored::New);
                }
                checkpoints::set(&tx, JOB, &stream, Checkpoint { position, complete: end }, now)?;
                tx.commit()?;
                Ok((stored, batch.len() as u64 - stored))
            })?;
            if let Some(previous) = in_flight.replace(job) {
                let (stored, dup) = previous.wait()?;
                summary.imported += stored;
                summary.duplicates += dup;
            }
            report(counter.get());
        }
        if end {
            break;
        }
    }
    if let Some(last) = in_flight {
        let (stored, dup) = last.wait()?;
        summary.imported += stored;
        summary.duplicates += dup;
    }
    Ok(())
}

/// One archive line: `Ok(None)` for a blank line, `Err` with the reason for a bad one.
fn parse_line(line: &[u8], now: Timestamp) -> Result<Option<Event>, String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let value: Value = serde_json::from_slice(line).map_err(|e| format!("not JSON: {e}"))?;
    let received_at = match value.get("receivedAt").and_then(Value::as_str) {
        Some(s) => segment::parse_time(s, "receivedAt").map_err(|e| e.to_string())?,
        None => now,
    };
    let arrival = Arrival { received_at, peer_ip: None, source_id: None, corrected: true };
    segment::accept(value, None, &Envelope::default(), &arrival)
        .map(Some)
        .map_err(|e| e.to_string())
}
