//! Segment's S3 archive: `segment-logs/<source>/<day>/*.gz`, gzip (or plain) newline-delimited
//! JSON, one full message a line. Imports are resumable and idempotent: each file's line count is
//! checkpointed in the same transaction as the messages up to it, a finished file is skipped, and
//! `messageId` dedupe makes a second run add nothing.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use flate2::read::MultiGzDecoder;
use serde_json::Value;
use switchboard_core::plan::PlanCheck;
use switchboard_core::segment::{self, Arrival, Envelope};
use switchboard_core::{Event, Timestamp};
use switchboard_store::bulk::{Load, Tally};
use switchboard_store::checkpoints::{self, Checkpoint};
use switchboard_store::{Db, tracking_plans};

use crate::plan::{CompiledPlan, SchemaError};

const JOB: &str = "segment-archive";
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

/// How an import commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Lines stored per transaction, at least (the parser's chunks of 20,000 lines are not split).
    /// Larger is faster; smaller repeats less after a kill and holds the write lock for less
    /// time.
    pub lines_per_commit: u64,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { lines_per_commit: LINES_PER_COMMIT }
    }
}

/// Imports every archive file under `paths`, with the default [`ImportOptions`].
pub fn import(
    db: &Db,
    paths: &[PathBuf],
    now: Timestamp,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ArchiveError> {
    import_with(db, paths, ImportOptions::default(), now, progress)
}

/// Imports every archive file under `paths`.
///
/// Two threads share the work: a helper reads, decompresses, parses and checks the lines (and
/// the plan), while the store's writer thread stores the chunks already parsed, through a
/// [`Load`]; a third copies the WAL into the file ([`switchboard_store::Checkpointer`]).
pub fn import_with(
    db: &Db,
    paths: &[PathBuf],
    options: ImportOptions,
    now: Timestamp,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ArchiveError> {
    let files = archive_files(paths)?;
    let plan = db
        .call_blocking(|c| tracking_plans::active(c))?
        .map(|stored| CompiledPlan::from_stored(&stored))
        .transpose()?;
    let streams: Vec<String> = files.iter().map(|f| stream_of(f)).collect();
    let keys = streams.clone();
    let done = db.call_blocking(move |c| {
        keys.iter().map(|k| checkpoints::get(c, JOB, k)).collect::<Result<Vec<_>, _>>()
    })?;
    let mut bytes_total = 0;
    let files: Vec<ArchiveFile> = files
        .into_iter()
        .zip(streams)
        .zip(done)
        .map(|((path, stream), done)| {
            let size = path.metadata().map(|m| m.len()).unwrap_or(0);
            let file = ArchiveFile { path, stream, done, bytes_before: bytes_total, size };
            bytes_total += size;
            file
        })
        .collect();
    let mut summary = ImportSummary { files: files.len() as u64, ..ImportSummary::default() };
    db.call_blocking(|c| switchboard_store::bulk_mode(c, true))?;
    // Only a help: without it, the writer checkpoints by itself.
    let checkpointer = db
        .checkpointer()
        .inspect_err(|e| tracing::warn!(error = %e, "no background checkpoints for this import"))
        .ok();
    let result = std::thread::scope(|scope| {
        let (sender, chunks) = mpsc::sync_channel(PARSED_AHEAD);
        let (files, plan) = (&files, plan.as_ref());
        scope.spawn(move || {
            switchboard_store::yield_to_the_writer();
            parse_files(files, plan, now, &sender)
        });
        store_chunks(db, chunks, options, now, bytes_total, &mut summary, progress)
        // The receiver is dropped by now, which stops the parser early when storing failed.
    });
    drop(checkpointer);
    db.call_blocking(|c| {
        switchboard_store::bulk_mode(c, false)?;
        switchboard_store::empty_wal(c)
    })?;
    result.map(|()| summary)
}

/// Lines per chunk handed from the parser to the writer.
const CHUNK: usize = 20_000;
/// Chunks parsed ahead of the writer: enough that it never waits, few enough to bound the memory
/// (a chunk is ~15 MB). The parser shares a core with the checkpointer and the freeing thread, so
/// it runs in bursts: with 2 chunks ahead, the writer waited for it a tenth of an import.
const PARSED_AHEAD: usize = 8;
/// Lines committed per transaction by default (see [`ImportOptions`]). Large, because every commit
/// writes each page it changed, and new ids, rollups of known people and their messages land at
/// random places in their indexes: 200,000 lines per commit wrote 14 GB for a 3.3 GB import,
/// 1,000,000 wrote 8. Not larger, so that another process's writer, which waits up to 5 s for
/// the lock, is not refused.
const LINES_PER_COMMIT: u64 = 400_000;

/// One file to import, with where an earlier run got to.
struct ArchiveFile {
    path: PathBuf,
    /// Its checkpoint's stream: the canonical path.
    stream: String,
    done: Option<Checkpoint>,
    bytes_before: u64,
    size: u64,
}

fn stream_of(file: &Path) -> String {
    file.canonicalize().unwrap_or_else(|_| file.to_owned()).display().to_string()
}

/// What the parser hands to the writer.
enum Parsed {
    /// A file an earlier run finished.
    AlreadyDone(ImportProgress),
    Chunk(Chunk),
}

/// Lines of one file, up to `position`, with the messages among them.
struct Chunk {
    stream: String,
    position: i64,
    complete: bool,
    lines: u64,
    messages: Vec<(Event, Option<PlanCheck>)>,
    rejected: u64,
    listed: Vec<RejectedLine>,
    /// Where the import is once this chunk is stored.
    progress: ImportProgress,
}

type Chunks = mpsc::Receiver<Result<Parsed, ArchiveError>>;

/// What one transaction on the writer thread did, with what it borrowed for it.
struct Committed {
    load: Load,
    chunks: Chunks,
    tally: Tally,
    progress: Option<ImportProgress>,
    files_already_done: u64,
    rejected: u64,
    listed: Vec<RejectedLine>,
    /// The parser has nothing more to send.
    finished: bool,
    /// Why the parser stopped early: the import fails with it, after what came before is stored.
    failed: Option<ArchiveError>,
}

/// Where the writer sends the messages it stored, to be freed by another thread than itself
/// (freeing them was a twentieth of its time) and before the commit (they are ~0.7 KB each).
/// The load's memory of ids goes there too as the import ends: millions of them took its last
/// half second to free.
type Spent = mpsc::Sender<Box<dyn Send>>;

/// The writer's side: transactions of `options.lines_per_commit` lines, each a job on the writer
/// thread that takes chunks from the parser as they come.
fn store_chunks(
    db: &Db,
    chunks: Chunks,
    options: ImportOptions,
    now: Timestamp,
    bytes_total: u64,
    summary: &mut ImportSummary,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<(), ArchiveError> {
    let lines = options.lines_per_commit;
    let (spent, freed) = mpsc::channel();
    std::thread::Builder::new()
        .name("import-free".to_owned())
        .spawn(move || {
            switchboard_store::yield_to_the_writer();
            freed.into_iter().for_each(drop)
        })
        .expect("the OS refused to start the import's freeing thread");
    let job = |load, chunks, spent: Spent| {
        db.submit(move |conn| commit_chunks(conn, load, chunks, &spent, lines, now))
    };
    let mut pending = Some(job(Load::new(), chunks, spent.clone())?);
    while let Some(job_done) = pending.take() {
        let committed = job_done.wait()?;
        let Committed { tally, finished, failed, .. } = committed;
        if finished {
            // Should the freeing thread be gone, this one frees it.
            let _ = spent.send(Box::new(committed.load));
        } else {
            pending = Some(job(committed.load, committed.chunks, spent.clone())?);
        }
        summary.imported += tally.new;
        summary.duplicates += tally.duplicates;
        summary.files_already_done += committed.files_already_done;
        summary.rejected += committed.rejected;
        let room = LISTED_REJECTIONS.saturating_sub(summary.rejected_lines.len());
        summary.rejected_lines.extend(committed.listed.into_iter().take(room));
        if let Some(at) = committed.progress {
            progress(&ImportProgress { bytes_total, ..at });
        }
        if let Some(e) = failed {
            return Err(e);
        }
    }
    Ok(())
}

/// One transaction: chunks until `lines_per_commit` lines or the parser's end, each with its
/// file's checkpoint.
fn commit_chunks(
    conn: &switchboard_store::Connection,
    mut load: Load,
    chunks: Chunks,
    spent: &Spent,
    lines_per_commit: u64,
    now: Timestamp,
) -> switchboard_store::Result<Committed> {
    let mut batch = load.begin(conn)?;
    let mut done = Committed {
        load: Load::new(),
        chunks,
        tally: Tally::default(),
        progress: None,
        files_already_done: 0,
        rejected: 0,
        listed: Vec::new(),
        finished: false,
        failed: None,
    };
    let mut lines = 0;
    while lines < lines_per_commit {
        let chunk = match done.chunks.recv() {
            Err(mpsc::RecvError) => {
                done.finished = true;
                break;
            }
            Ok(Err(e)) => {
                (done.finished, done.failed) = (true, Some(e));
                break;
            }
            Ok(Ok(Parsed::AlreadyDone(at))) => {
                done.files_already_done += 1;
                done.progress = Some(at);
                continue;
            }
            Ok(Ok(Parsed::Chunk(chunk))) => chunk,
        };
        let Chunk { stream, position, complete, mut messages, .. } = chunk;
        batch.store_all(&mut messages)?;
        let at = Checkpoint { position, complete };
        checkpoints::set(batch.conn(), JOB, &stream, at, now)?;
        lines += chunk.lines;
        done.rejected += chunk.rejected;
        done.listed.extend(chunk.listed);
        done.progress = Some(chunk.progress);
        // Should the freeing thread be gone, this one frees them.
        let _ = spent.send(Box::new(messages));
    }
    done.tally = batch.commit()?;
    done.load = load;
    Ok(done)
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

/// The parser's side: every file in order, as batches. Stops when the writer's side has gone.
fn parse_files(
    files: &[ArchiveFile],
    plan: Option<&CompiledPlan>,
    now: Timestamp,
    out: &mpsc::SyncSender<Result<Parsed, ArchiveError>>,
) {
    let mut listed = 0;
    for file in files {
        match parse_file(file, plan, now, out, &mut listed) {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                let _ = out.send(Err(e));
                return;
            }
        }
    }
}

/// One file's lines past its checkpoint, as batches of [`CHUNK`] lines. Returns false when the
/// writer's side has gone.
fn parse_file(
    file: &ArchiveFile,
    plan: Option<&CompiledPlan>,
    now: Timestamp,
    out: &mpsc::SyncSender<Result<Parsed, ArchiveError>>,
    listed: &mut usize,
) -> Result<bool, ArchiveError> {
    let progress = |read: u64| ImportProgress {
        file: file.path.clone(),
        bytes_done: file.bytes_before + read.min(file.size),
        bytes_total: 0,
    };
    if file.done.is_some_and(|c| c.complete) {
        return Ok(out.send(Ok(Parsed::AlreadyDone(progress(file.size)))).is_ok());
    }
    let skip = file.done.map_or(0, |c| c.position);
    let path = &file.path;
    let read_error = |source| ArchiveError::Read { path: path.clone(), source };

    let mut raw = File::open(path).map_err(read_error)?;
    let mut magic = [0u8; 2];
    let gzip = raw.read(&mut magic).map_err(read_error)? == 2 && magic == [0x1f, 0x8b];
    let raw = File::open(path).map_err(read_error)?;
    let counter = std::rc::Rc::new(std::cell::Cell::new(0));
    let counting = Counting { inner: raw, read: counter.clone() };
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(READ_BUFFER, MultiGzDecoder::new(counting)))
    } else {
        Box::new(BufReader::with_capacity(READ_BUFFER, counting))
    };

    let new_batch = || Chunk {
        stream: file.stream.clone(),
        position: 0,
        complete: false,
        lines: 0,
        messages: Vec::with_capacity(CHUNK),
        rejected: 0,
        listed: Vec::new(),
        progress: progress(0),
    };
    let mut batch = new_batch();
    let mut lines_in_batch = 0;
    let mut line_no: i64 = 0;
    let mut lines = reader.split(b'\n');
    loop {
        let line = lines.next().transpose().map_err(read_error)?;
        let end = line.is_none();
        if let Some(line) = line {
            line_no += 1;
            if line_no > skip {
                lines_in_batch += 1;
                match parse_line(&line, now) {
                    Ok(Some(event)) => {
                        let check = plan.and_then(|p| p.check(&event));
                        batch.messages.push((event, check));
                    }
                    Ok(None) => {}
                    Err(reason) => {
                        batch.rejected += 1;
                        if *listed < LISTED_REJECTIONS {
                            *listed += 1;
                            batch.listed.push(RejectedLine {
                                file: path.clone(),
                                line: line_no as u64,
                                reason,
                            });
                        }
                    }
                }
            }
        }
        if lines_in_batch >= CHUNK || end {
            let mut full = std::mem::replace(&mut batch, new_batch());
            full.position = line_no;
            full.complete = end;
            full.lines = lines_in_batch as u64;
            full.progress = progress(if end { file.size } else { counter.get() });
            if out.send(Ok(Parsed::Chunk(full))).is_err() {
                return Ok(false);
            }
            lines_in_batch = 0;
        }
        if end {
            return Ok(true);
        }
    }
}

const READ_BUFFER: usize = 256 * 1024;

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
