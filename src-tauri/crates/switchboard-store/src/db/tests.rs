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
