use rusqlite::config::DbConfig;
use rusqlite::params;
use serde_json::{Value, json};
use switchboard_core::segment::{self, Arrival, Envelope};

use super::{DONE_BY_THE_LOAD, Load, Tally};
use crate::{Db, rollups};

fn msg(v: Value) -> switchboard_core::Event {
    let arrival =
        Arrival { received_at: 1_800_000_000_000, peer_ip: None, source_id: None, corrected: true };
    segment::accept(v, None, &Envelope::default(), &arrival).unwrap()
}

/// 2026-11-01T10:00:00Z, in milliseconds.
const DAY: i64 = 1_793_527_200_000;

fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    (dir, db)
}

fn unchecked(
    messages: Vec<switchboard_core::Event>,
) -> Vec<(switchboard_core::Event, Option<switchboard_core::plan::PlanCheck>)> {
    messages.into_iter().map(|e| (e, None)).collect()
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
            batch.store_all(&mut unchecked(messages()))?;
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
            batch.store_all(&mut unchecked(messages()))?;
            drop(batch);
            assert_eq!(connection_state(c), (true, false, true, 0));
            // The people met in the rolled-back batch do not exist: the next batch must not
            // reuse them (with foreign keys off in a batch, nothing else would notice).
            let mut batch = load.begin(c)?;
            batch.store_all(&mut unchecked(messages()))?;
            assert_eq!(batch.commit()?, Tally { new: 3, duplicates: 0 });
            Ok(c.query_row("SELECT COUNT(*) FROM people", [], |r| r.get::<_, i64>(0))?)
        })
        .unwrap();
    assert_eq!(people, 1);
}

#[test]
fn a_person_new_in_a_batch_who_takes_over_an_older_ones_rollups_gets_the_batchs_added() {
    let (_d, db) = fresh();
    let page = |anon: &str, user: Option<&str>, id: &str| {
        let mut m = json!({"type": "page", "anonymousId": anon, "name": "Home", "messageId": id,
                           "timestamp": "2026-11-01T10:00:00Z"});
        if let Some(user) = user {
            m["userId"] = json!(user);
        }
        msg(m)
    };
    let (kept, recomputed) = db
        .call_blocking(move |c| {
            let mut load = Load::new();
            // The visitor's rollup of the day is stored before the batch below.
            let mut batch = load.begin(c)?;
            batch.store_all(&mut unchecked(vec![page("a1", None, "m1")]))?;
            batch.commit()?;
            // In one batch: a user new to it visits the same page the same day, then identifies
            // on the visitor's device, which merges the visitor (and their rollup) into them.
            // Enough other new visitors follow that the user's rollup is inserted with a group.
            let mut messages = vec![page("a2", Some("u1"), "m2")];
            messages.push(msg(json!({"type": "identify", "anonymousId": "a1", "userId": "u1",
                                     "messageId": "m3", "timestamp": "2026-11-01T11:00:00Z"})));
            for i in 0..super::GROUP * 2 {
                messages.push(page(&format!("v{i}"), None, &format!("n{i}")));
            }
            let mut batch = load.begin(c)?;
            batch.store_all(&mut unchecked(messages))?;
            batch.commit()?;
            Ok((rollups::all(c)?, rollups::recomputed(c)?))
        })
        .unwrap();
    assert_eq!(kept, recomputed);
    assert!(kept.iter().any(|r| r.count == 2), "the user's day counts both visits: {kept:?}");
}

#[test]
fn rollups_left_by_a_person_no_longer_there_are_added_to_not_collided_with() {
    let (_d, db) = fresh();
    let count = db
        .call_blocking(move |c| {
            // Rows of person 5, who is gone; the batch's fifth new person gets that id.
            c.execute(
                "INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
                 VALUES (5, 'page', 'Home', ?1, 1, ?2, ?2)",
                params![DAY / 86_400_000, DAY],
            )?;
            let visits = (0..super::GROUP * 2)
                .map(|i| {
                    msg(json!({"type": "page", "anonymousId": format!("v{i}"), "name": "Home",
                               "messageId": format!("m{i}"), "timestamp": "2026-11-01T10:00:00Z"}))
                })
                .collect();
            let mut load = Load::new();
            let mut batch = load.begin(c)?;
            batch.store_all(&mut unchecked(visits))?;
            batch.commit()?;
            Ok(c.query_row("SELECT n FROM rollups WHERE person_id = 5", [], |r| {
                r.get::<_, i64>(0)
            })?)
        })
        .unwrap();
    assert_eq!(count, 2);
}
