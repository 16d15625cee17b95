//! The `Db` handle: one connection owned by a dedicated writer thread, to which callers send
//! closures. Opening checks that the file is a Switchboard workspace of a version this build can
//! read before anything is written to it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use tokio::sync::oneshot;

use crate::{APPLICATION_ID, Error, Result, migrations};

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

enum Msg {
    Job(Job),
    Close(oneshot::Sender<()>),
}

/// A handle to one workspace file. Cheap to clone; every clone talks to the same writer thread.
#[derive(Debug, Clone)]
pub struct Db {
    sender: mpsc::Sender<Msg>,
    path: PathBuf,
    /// Read-only connections kept for [`Db::read`]; WAL lets them read beside the writer.
    readers: Arc<Mutex<Vec<Connection>>>,
}

/// A job sent to the writer thread whose result has not been collected yet.
#[derive(Debug)]
pub struct Pending<R>(oneshot::Receiver<Result<R>>);

impl<R> Pending<R> {
    /// Blocks until the job has run. Not for use inside an async runtime.
    pub fn wait(self) -> Result<R> {
        self.0.blocking_recv().map_err(|_| Error::Closed)?
    }
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Msg::Job(_) => "Job",
            Msg::Close(_) => "Close",
        })
    }
}

impl Db {
    /// Opens an existing workspace, upgrading its schema if it is older than this build's.
    pub fn open(path: &Path) -> Result<Db> {
        if !path.is_file() {
            return Err(Error::NotFound(path.to_owned()));
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        check_identity(&conn, path)?;
        configure(&conn)?;
        migrations::all().to_latest(&mut conn)?;
        Ok(Db::spawn(conn, path))
    }

    /// Creates a new workspace file at the latest schema. Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Db> {
        let mut conn = create_file(path)?;
        configure(&conn)?;
        migrations::all().to_latest(&mut conn)?;
        Ok(Db::spawn(conn, path))
    }

    /// Creates a new workspace file tuned for one bulk load: no journal and no syncs, so a crash
    /// leaves a broken file. Callers load into a temporary path, [`close`](Db::close) it and
    /// rename it into place; [`Db::open`] then sets the normal durable settings.
    pub fn create_for_bulk_load(path: &Path) -> Result<Db> {
        let mut conn = create_file(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;",
        )?;
        migrations::all().to_latest(&mut conn)?;
        Ok(Db::spawn(conn, path))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the writer thread and waits for it without blocking the async runtime.
    pub async fn call<R, F>(&self, f: F) -> Result<R>
    where
        F: FnOnce(&mut Connection) -> Result<R> + Send + 'static,
        R: Send + 'static,
    {
        self.submit(f)?.0.await.map_err(|_| Error::Closed)?
    }

    /// Runs `f` on the writer thread and blocks until it has run.
    pub fn call_blocking<R, F>(&self, f: F) -> Result<R>
    where
        F: FnOnce(&mut Connection) -> Result<R> + Send + 'static,
        R: Send + 'static,
    {
        self.submit(f)?.wait()
    }

    /// Runs `f` on a read-only connection on the calling thread, so that long reads (segment
    /// counts, exports) neither wait behind writes nor hold them up. Blocks: async callers use
    /// `spawn_blocking`.
    pub fn read<R, F>(&self, f: F) -> Result<R>
    where
        F: FnOnce(&Connection) -> Result<R>,
    {
        let pooled = self.readers.lock().map_err(|_| Error::Closed)?.pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.execute_batch(
                    "PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; \
                     PRAGMA temp_store = MEMORY;",
                )?;
                conn
            }
        };
        let result = f(&conn);
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < 4
        {
            pool.push(conn);
        }
        result
    }

    /// Queues `f` on the writer thread and returns at once, so the caller can prepare the next
    /// job while this one runs.
    pub fn submit<R, F>(&self, f: F) -> Result<Pending<R>>
    where
        F: FnOnce(&mut Connection) -> Result<R> + Send + 'static,
        R: Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            // The caller may have stopped waiting; the work is done either way.
            let _ = tx.send(f(conn));
        });
        self.sender.send(Msg::Job(job)).map_err(|_| Error::Closed)?;
        Ok(Pending(rx))
    }

    /// Closes the connection after the queued jobs have run and waits until the file is released.
    /// Other clones of this handle get [`Error::Closed`] from then on.
    pub fn close(self) -> Result<()> {
        if let Ok(mut pool) = self.readers.lock() {
            pool.clear();
        }
        let (tx, rx) = oneshot::channel();
        self.sender.send(Msg::Close(tx)).map_err(|_| Error::Closed)?;
        rx.blocking_recv().map_err(|_| Error::Closed)
    }

    fn spawn(conn: Connection, path: &Path) -> Db {
        let (sender, receiver) = mpsc::channel::<Msg>();
        let name = format!("db-{}", path.file_name().unwrap_or_default().to_string_lossy());
        thread::Builder::new()
            .name(name)
            .spawn(move || writer(conn, &receiver))
            .expect("the OS refused to start the database thread");
        Db { sender, path: path.to_owned(), readers: Arc::default() }
    }
}

fn writer(mut conn: Connection, receiver: &mpsc::Receiver<Msg>) {
    while let Ok(msg) = receiver.recv() {
        match msg {
            Msg::Job(job) => job(&mut conn),
            Msg::Close(done) => {
                if let Err((_, e)) = conn.close() {
                    tracing::warn!(error = %e, "closing the database failed");
                }
                let _ = done.send(());
                return;
            }
        }
    }
}

/// Page size of new workspace files. Most writes are appends of messages a few hundred bytes
/// long and most reads are scans, for which 16 KiB pages cost a quarter less per row than
/// SQLite's 4 KiB default (fewer pages to balance, checksum, and copy from the WAL).
const PAGE_SIZE: i64 = 16 * 1024;

fn create_file(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(Error::AlreadyExists(path.to_owned()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Before the first table: a new file's page size is fixed from then on (and WAL keeps it).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(conn)
}

/// Refuses files that are not ours or are newer than this build, before anything is written.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let not_ours = |_| Error::NotAWorkspace(path.to_owned());
    let app_id: i32 =
        conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(not_ours)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAWorkspace(path.to_owned()));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > migrations::latest() {
        return Err(Error::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: migrations::latest(),
        });
    }
    Ok(())
}

/// Page cache of a connection in normal use (SQLite's default is 2 MB).
const CACHE_KIB: i64 = 64 * 1024;
/// Page cache while a long import runs: the `message_id` index of millions of events must stay in
/// memory, or each insert reads a random page from disk.
const BULK_CACHE_KIB: i64 = 1024 * 1024;

/// WAL a long import may write before its writer checkpoints by itself: only a backstop, as a
/// [`Checkpointer`] copies it meanwhile.
const BULK_WAL_BYTES: i64 = 1024 * 1024 * 1024;

/// Sizes the page cache for a long import (`true`) or back for normal use, and lets the WAL grow
/// further between the writer's own checkpoints while importing.
pub fn bulk_mode(conn: &Connection, on: bool) -> Result<()> {
    let page: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let (cache, checkpoint) =
        if on { (BULK_CACHE_KIB, BULK_WAL_BYTES / page.max(512)) } else { (CACHE_KIB, 1_000) };
    conn.pragma_update(None, "cache_size", -cache)?;
    conn.pragma_update(None, "wal_autocheckpoint", checkpoint)?;
    Ok(())
}

/// Copies the whole WAL into the file and empties it, as a long import ends, rather than leave
/// a gigabyte for the next open to read. A reader in the way leaves the rest for later.
pub fn empty_wal(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Copies the WAL into the database file from a thread and connection of its own while a long
/// import writes, so that the writer neither spends its time on the copy nor waits for its fsyncs
/// (the writer's own automatic checkpoint stays as a backstop, should this one fall behind).
/// Durability is the same as the writer's: a checkpoint syncs the WAL before copying it.
/// Stops when dropped.
#[derive(Debug)]
pub struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<thread::JoinHandle<()>>,
}

/// How often the checkpointer copies what the writer committed.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

impl Db {
    /// Starts a [`Checkpointer`] for this workspace.
    pub fn checkpointer(&self) -> Result<Checkpointer> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let stopped = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name("db-checkpoint".to_owned())
            .spawn(move || checkpoint_until_stopped(&conn, &stopped))
            .map_err(|_| Error::Closed)?;
        Ok(Checkpointer { stop, thread: Some(thread) })
    }
}

/// Lowers the calling thread's CPU priority to the least (nice 19), for a thread that helps a
/// long import: the import is bound by its writer thread, which on a machine of two cores lost a
/// twelfth of the time to being preempted by its helpers (parser, checkpointer, freeing). They
/// still run whenever a core is free. Best effort: Linux only, and a refusal is only logged.
pub fn yield_to_the_writer() {
    #[cfg(target_os = "linux")]
    {
        let me = rustix::thread::gettid();
        if let Err(e) = rustix::process::setpriority_process(Some(me), 19) {
            tracing::debug!(error = %e, "lowering a helper thread's priority failed");
        }
    }
}

fn checkpoint_until_stopped(conn: &Connection, stop: &(Mutex<bool>, Condvar)) {
    yield_to_the_writer();
    let (stopped, wake) = stop;
    let Ok(mut stopped) = stopped.lock() else { return };
    while !*stopped {
        // PASSIVE: copies what no reader still needs, never waits for the writer.
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(error = %e, "a background checkpoint failed; the writer's own will do");
            return;
        }
        match wake.wait_timeout(stopped, CHECKPOINT_EVERY) {
            Ok((guard, _)) => stopped = guard,
            Err(_) => return,
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (stopped, wake) = &*self.stop;
        if let Ok(mut stopped) = stopped.lock() {
            *stopped = true;
        }
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Prepared statements a connection keeps. A message stored in a bulk load goes through about
/// twenty (events, people, identities, traits, rollups, triggers' copies); with rusqlite's 16 they
/// evicted each other and were prepared again, message after message.
const STATEMENTS_CACHED: usize = 128;

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS_CACHED);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    bulk_mode(conn, false)?;
    Ok(())
}

#[cfg(test)]
mod tests;
