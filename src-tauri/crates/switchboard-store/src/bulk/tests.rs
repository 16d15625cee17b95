use rusqlite::config::DbConfig;
use serde_json::{Value, json};
use switchboard_core::segment::{self, Arrival, Envelope};

use super::{DONE_BY_THE_LOAD, Load, Tally};
use crate::{Db, rollups};

fn msg(v: Value) -> switchboard_core::Event {
    let arrival =
        Arrival { received_at: 1_800_000_000_000, peer_ip: None, source_id: None, corrected: true };
    segment::accept(v, None, &Envelope::default(), &arrival).unwrap()
}

fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    (dir, db)
}

fn messages() -> Vec<switchboard_core::Event> {
    vec![
        msg(json!({"type": "page", "anonymousId": "a1", "name": "Home", "messageId": "m1",
                   "timestamp": "2026-11-01T10:00:00Z"})),
        msg(json!({"type": "identify", "anonymousId": "a1", "userId": "u1", "messageId": "m2",
                   "traits": {"email": "ada@acme.com", "plan": "pro"},
                   "timestamp": "2026-11-01T11:00:00Z"})),
        msg(json!({"type": "track", "userId": "u1", "event": "Signed Up", "messageId": "m3",
                   "timestamp": "2026-11-01T12:00:00Z"})),
    ]
}

/// The connection's switches and the TEMP schema, as a load must leave them.
fn connection_state(c: &rusqlite::Connection) -> (bool, bool, bool, i64) {
    let triggers = c.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER).unwrap();
    let checks: bool =
        c.pragma_query_value(None, "ignore_check_constraints", |r| r.get(0)).unwrap();
    let foreign_keys: bool = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    let temp: i64 =
        c.query_row("SELECT COUNT(*) FROM temp.sqlite_schema", [], |r| r.get(0)).unwrap();
    (triggers, checks, foreign_keys, temp)
}

#[test]
fn the_triggers_a_load_does_the_work_of_are_in_the_schema() {
    let (_d, db) = fresh();
    let names: Vec<String> = db
        .call_blocking(|c| {
            let mut stmt = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?;
            let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            Ok(names)
        })
        .unwrap();
    for name in DONE_BY_THE_LOAD {
        assert!(names.iter().any(|n| n == name), "{name} is gone: teach `bulk` what replaced it");
    }
}

#[test]
fn a_batch_commits_with_the_triggers_sums_and_leaves_the_connection_as_it_was() {
    let (_d, db) = fresh();
    let tally = db
        .call_blocking(|c| {
            let before = connection_state(c);
            let mut load = Load::new();
            let mut batch = load.begin(c)?;
            let (triggers, checks_ignored, foreign_keys, _) = connection_state(batch.conn());
            assert!(!triggers && checks_ignored && !foreign_keys, "a batch checks nothing itself");
            for mut e in messages() {
                batch.store(&mut e, None)?;
            }
            let tally = batch.commit()?;
            assert_eq!(connection_state(c), before);
            assert_eq!(before, (true, false, true, 0));
            Ok(tally)
        })
        .unwrap();
    assert_eq!(tally, Tally { new: 3, duplicates: 0 });
    let (kept, recomputed, counted) = db
        .call_blocking(|c| {
            let counted: i64 = c.query_row("SELECT SUM(n) FROM event_counts", [], |r| r.get(0))?;
            Ok((rollups::all(c)?, rollups::recomputed(c)?, counted))
        })
        .unwrap();
    assert_eq!(kept, recomputed);
    assert_eq!((kept.len(), counted), (2, 3));
}

#[test]
fn a_batch_dropped_unfinished_stores_nothing_and_the_load_forgets_what_it_met() {
    let (_d, db) = fresh();
    let people = db
        .call_blocking(|c| {
            let mut load = Load::new();
            let mut batch = load.begin(c)?;
            for mut e in messages() {
                batch.store(&mut e, None)?;
            }
            drop(batch);
            assert_eq!(connection_state(c), (true, false, true, 0));
            // The people met in the rolled-back batch do not exist: the next batch must not
            // reuse them (with foreign keys off in a batch, nothing else would notice).
            let mut batch = load.begin(c)?;
            for mut e in messages() {
                batch.store(&mut e, None)?;
            }
            assert_eq!(batch.commit()?, Tally { new: 3, duplicates: 0 });
            Ok(c.query_row("SELECT COUNT(*) FROM people", [], |r| r.get::<_, i64>(0))?)
        })
        .unwrap();
    assert_eq!(people, 1);
}
