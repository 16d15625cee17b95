use rusqlite::Connection;

use super::*;

fn company_count(db: &Db) -> i64 {
    db.call_blocking(|c| Ok(c.query_row("SELECT COUNT(*) FROM companies", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn create_then_open_keeps_data_and_sets_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let db = Db::create(&path).unwrap();
    db.call_blocking(|c| {
        c.execute(
            "INSERT INTO companies (domain, name, created_at) VALUES ('a.example', 'A', 0)",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    db.close().unwrap();
    let db = Db::open(&path).unwrap();
    assert_eq!(company_count(&db), 1);
    let mode: String = db
        .call_blocking(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(matches!(Db::create(&path), Err(Error::AlreadyExists(_))));
}

#[test]
fn missing_file_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.sqlite");
    assert!(matches!(Db::open(&path), Err(Error::NotFound(_))));
    assert!(!path.exists());
}

#[test]
fn foreign_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some words long enough to matter").unwrap();
    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .unwrap();
    for path in [&text, &other] {
        let before = std::fs::read(path).unwrap();
        let err = Db::open(path).unwrap_err();
        assert!(matches!(err, Error::NotAWorkspace(_)), "{path:?}: {err:?}");
        assert!(err.to_string().ends_with("is not a Switchboard workspace"));
        assert_eq!(std::fs::read(path).unwrap(), before, "{path:?} was modified");
    }
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    Db::create(&path).unwrap().close().unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", migrations::latest() + 1)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found, .. } if found == migrations::latest() + 1));
    assert!(err.to_string().contains("update Switchboard"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A file of every earlier schema version opens, upgrades to the latest and keeps its rows.
#[test]
fn every_earlier_version_upgrades_with_its_data() {
    for version in 1..=migrations::latest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.sqlite"));
        {
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            migrations::all().to_version(&mut conn, usize::try_from(version).unwrap()).unwrap();
            conn.execute(
                "INSERT INTO companies (domain, name, created_at) VALUES ('old.example', 'Old', 1)",
                [],
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let v: i64 = db
            .call_blocking(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
            .unwrap();
        assert_eq!(v, migrations::latest(), "from version {version}");
        assert_eq!(company_count(&db), 1, "rows lost upgrading from version {version}");
    }
}

#[test]
fn jobs_run_in_order_and_errors_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    let first = db
        .submit(|c| {
            c.execute("INSERT INTO settings (key, value) VALUES ('k', '1')", [])?;
            Ok(())
        })
        .unwrap();
    let dup = db.submit(|c| {
        c.execute("INSERT INTO settings (key, value) VALUES ('k', '2')", [])?;
        Ok(())
    });
    first.wait().unwrap();
    assert!(matches!(dup.unwrap().wait(), Err(Error::Sqlite(_))));
    let clone = db.clone();
    db.close().unwrap();
    assert!(matches!(clone.call_blocking(|_| Ok(())), Err(Error::Closed)));
}

/// Upgrading fills in what later schemas keep beside the events: each source's message count
/// (schema 5) and the per-person rollups (schema 4) of a v3 file's identified messages.
#[test]
fn upgrades_fill_in_source_counts_and_rollups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        migrations::all().to_version(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO sources (id, name, write_key, created_at) VALUES (1, 'web', 'k', 0);
             INSERT INTO people (id, user_id, created_at) VALUES (1, 'u1', 0);
             INSERT INTO events (message_id, type, name, user_id, person_id, timestamp, received_at, source_id)
                 VALUES ('a', 'track', 'Signed Up', 'u1', 1, 86400000, 86400000, 1),
                        ('b', 'track', 'Signed Up', 'u1', 1, 86400500, 86400500, 1),
                        ('c', 'page', NULL, 'u1', 1, 90000000, 90000000, NULL);",
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let (events, rollups): (i64, Vec<(String, i64, i64)>) = db
        .call_blocking(|c| {
            let events =
                c.query_row("SELECT events FROM sources WHERE id = 1", [], |r| r.get(0))?;
            let mut stmt =
                c.prepare("SELECT type || ':' || name, day, n FROM rollups ORDER BY 1")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok((events, rows.collect::<Result<_, _>>()?))
        })
        .unwrap();
    assert_eq!(events, 2);
    assert_eq!(rollups, [("page:".to_owned(), 1, 1), ("track:Signed Up".to_owned(), 1, 2)]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_helper_thread_yields_to_the_writer_and_only_itself() {
    // Field 19 of /proc/thread-self/stat, counted after the command's closing parenthesis.
    fn nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        after.split(' ').nth(16).unwrap().parse().unwrap()
    }
    let before = nice();
    let helper = thread::spawn(|| {
        yield_to_the_writer();
        nice()
    });
    assert_eq!(helper.join().unwrap(), 19);
    assert_eq!(nice(), before, "the calling thread keeps its priority");
}
