//! Importing Segment's S3 archive layout: gzip and plain NDJSON, bad lines, a second run, and a
//! run resumed after an interrupt; and the bulk path's tables against storing message by message.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{Compression, write::GzEncoder};
use serde_json::{Value, json};
use switchboard_core::plan::{PlanCheck, TrackingPlan};
use switchboard_core::segment::{self, Arrival, Envelope};
use switchboard_core::{Event, Timestamp};
use switchboard_ingest::archive::{ArchiveError, import};
use switchboard_ingest::plan::CompiledPlan;
use switchboard_store::bulk::{Load, Tally};
use switchboard_store::checkpoints::{self, Checkpoint};
use switchboard_store::messages::{self, Stored};
use switchboard_store::{Db, sources, tracking_plans};

const NOW: i64 = 1_704_067_210_000;

fn line(i: usize) -> String {
    json!({
        "type": "track", "userId": format!("u{i}"), "event": "Signed Up", "messageId": format!("m-{i}"),
        "timestamp": "2024-01-01T00:00:00.000Z", "sentAt": "2024-01-01T00:00:05.000Z",
        "receivedAt": "2024-01-01T00:00:06.000Z", "context": { "ip": "203.0.113.9" }
    })
    .to_string()
}

/// `segment-logs/src1/1704067200000/` with a gzip file of `n` lines plus two bad ones, a plain
/// file, and Segment's `dummy-object.txt`.
fn archive(root: &Path, n: usize) -> PathBuf {
    let day = root.join("segment-logs/src1/1704067200000");
    std::fs::create_dir_all(&day).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    for i in 0..n {
        writeln!(gz, "{}", line(i)).unwrap();
        if i == 2 {
            writeln!(gz, "{{not json").unwrap();
            writeln!(gz, r#"{{"type":"track","userId":"u","messageId":"no-event"}}"#).unwrap();
        }
    }
    std::fs::write(day.join("a.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(day.join("b.json"), format!("{}\n\n{}\n", line(n), line(n + 1))).unwrap();
    std::fs::write(root.join("segment-logs/dummy-object.txt"), "test").unwrap();
    root.join("segment-logs")
}

fn events(db: &Db) -> i64 {
    db.call_blocking(|c| Ok(c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)).unwrap()
}

#[test]
fn imports_once_and_names_the_rejected_lines() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path(), 12_000);
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    let mut last = None;
    let s = import(&db, std::slice::from_ref(&root), NOW, &mut |p| last = Some(p.clone())).unwrap();
    assert_eq!((s.files, s.imported, s.duplicates, s.rejected), (2, 12_002, 0, 2));
    assert_eq!(s.rejected_lines[0].line, 4);
    assert!(s.rejected_lines[0].reason.starts_with("not JSON"));
    assert_eq!(
        (s.rejected_lines[1].line, s.rejected_lines[1].reason.as_str()),
        (5, "a track call needs `event`, the event's name")
    );
    let last = last.unwrap();
    assert_eq!(last.bytes_done, last.bytes_total);
    assert_eq!(events(&db), 12_002);
    // The archive's timestamps are already corrected: kept as they are.
    let ts: i64 = db
        .call_blocking(|c| {
            Ok(c.query_row("SELECT timestamp FROM events WHERE message_id = 'm-0'", [], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    assert_eq!(ts, 1_704_067_200_000);

    let again = import(&db, &[root], NOW, &mut |_| {}).unwrap();
    assert_eq!((again.files_already_done, again.imported), (2, 0));
    assert_eq!(events(&db), 12_002);
}

#[test]
fn an_interrupted_import_resumes_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path(), 12_000);
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    import(&db, std::slice::from_ref(&root), NOW, &mut |_| {}).unwrap();
    // As if killed after the first 5,000-line chunk of a.gz was committed: later rows and the
    // checkpoint of that transaction are gone together.
    let a = root.join("src1/1704067200000/a.gz").canonicalize().unwrap().display().to_string();
    db.call_blocking(move |c| {
        c.execute("DELETE FROM events WHERE CAST(substr(message_id, 3) AS INTEGER) >= 4998", [])?;
        c.execute("DELETE FROM checkpoints WHERE stream NOT LIKE '%a.gz'", [])?;
        checkpoints::set(
            c,
            "segment-archive",
            &a,
            Checkpoint { position: 5_000, complete: false },
            0,
        )
    })
    .unwrap();
    assert_eq!(events(&db), 4_998);
    let s = import(&db, &[root], NOW, &mut |_| {}).unwrap();
    assert_eq!((s.files_already_done, s.imported, s.duplicates), (0, 12_002 - 4_998, 0));
    assert_eq!(events(&db), 12_002);
}

#[test]
fn unreadable_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    let err = import(&db, &[dir.path().join("nowhere")], NOW, &mut |_| {}).unwrap_err();
    assert!(matches!(err, ArchiveError::Read { .. }), "{err}");
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let err = import(&db, &[dir.path().join("empty")], NOW, &mut |_| {}).unwrap_err();
    assert!(err.to_string().starts_with("no archive files"), "{err}");
    let broken = dir.path().join("broken.gz");
    std::fs::write(&broken, [0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
    let err = import(&db, &[broken], NOW, &mut |_| {}).unwrap_err();
    assert!(err.to_string().starts_with("could not read"), "{err}");
}

/// A small deterministic generator (xorshift), so that the mixed archive is the same every run.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

fn iso(ms: i64) -> String {
    chrono_free_iso(ms)
}

/// RFC 3339 in UTC with milliseconds, from milliseconds since the epoch (days from the civil
/// calendar algorithm, so the test needs no time crate).
fn chrono_free_iso(ms: i64) -> String {
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (h, mi, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1_000 % 60, rem % 1_000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// `n` archive lines mixing every call: anonymous visitors, users who identify after tracking
/// (with traits that change, out of order, work and free emails), aliases of anonymous and earlier
/// user ids, groups with and without a domain, resent lines, reused message ids, messages without
/// an id, lines without `receivedAt`, and bad lines. Lines of different seeds share the ids of
/// people but not of messages.
fn mixed_lines(n: usize, seed: u64) -> Vec<String> {
    let mut dice = Dice(seed);
    let anons: Vec<String> = (0..400).map(|i| format!("anon-{i}")).collect();
    let users: Vec<String> = (0..40).map(|i| format!("user-{i}")).collect();
    let mut lines: Vec<String> = Vec::with_capacity(n);
    let start = 1_704_067_200_000_i64;
    for i in 0..n {
        let at = start + i as i64 * 90_000 - dice.below(3) as i64 * 86_400_000 / 2;
        let anon = anons[dice.below(anons.len() as u64) as usize].clone();
        let user = users[dice.below(users.len() as u64) as usize].clone();
        let id = format!("m-{seed}-{i}");
        let mut msg = match dice.below(100) {
            0..=44 => json!({"type": "page", "anonymousId": anon,
                "name": dice.pick(&["Home", "Pricing", "Docs", ""]),
                "properties": {"path": dice.pick(&["/", "/pricing", "/docs"])}}),
            45..=62 => {
                let mut m = json!({"type": "track",
                    "event": dice.pick(&["Signed Up", "Order Completed", "Viewed Pricing"]),
                    "properties": {"total": dice.below(50), "currency": dice.pick(&["USD", "GBP"])}});
                match dice.below(3) {
                    0 => m["anonymousId"] = anon.into(),
                    1 => m["userId"] = user.into(),
                    _ => {
                        m["anonymousId"] = anon.into();
                        m["userId"] = user.into();
                    }
                }
                m
            }
            63..=72 => {
                let email = format!(
                    "{user}@{}",
                    dice.pick(&["acme.com", "gmail.com", "initech.io", "globex.com"])
                );
                json!({"type": "identify", "userId": user, "anonymousId": anon,
                    "traits": {"email": email, "name": dice.pick(&["Ada Lovelace", "Grace Hopper"]),
                               "plan": dice.pick(&["free", "pro"]), "seats": dice.below(9),
                               "address": {"city": dice.pick(&["Paris", "Lima"])},
                               "tags": ["a", dice.pick(&["b", "c"])]}})
            }
            73..=76 => {
                let previous = if dice.below(2) == 0 { anon } else { format!("old-{user}") };
                json!({"type": "alias", "userId": user, "previousId": previous})
            }
            77..=81 => {
                let mut m = json!({"type": "group", "groupId": dice.pick(&["acme.com", "g-1", "g-2"]),
                    "traits": {"name": dice.pick(&["Acme", "Globex"]), "employees": dice.below(500),
                               "industry": "Software"}});
                if dice.below(2) == 0 {
                    m["traits"]["website"] = "https://www.globex.com/about".into();
                }
                if dice.below(3) == 0 {
                    m["groupId"] = 42.into();
                }
                if dice.below(2) == 0 {
                    m["userId"] = user.into()
                } else {
                    m["anonymousId"] = anon.into()
                }
                m
            }
            82..=85 => json!({"type": "screen", "userId": user, "name": "Dashboard",
                "properties": {"tab": dice.pick(&["a", "b"])}}),
            86..=91 if !lines.is_empty() => {
                // The same line again (a resend), or an earlier id with other content.
                let earlier = lines[dice.below(lines.len() as u64) as usize].clone();
                if dice.below(2) == 0 {
                    lines.push(earlier);
                    continue;
                }
                let mut m: Value = serde_json::from_str(&earlier).unwrap_or_else(|_| json!({}));
                if m.get("messageId").is_none() {
                    lines.push("{not json".to_owned());
                    continue;
                }
                m["context"] = json!({"ip": "198.51.100.7"});
                lines.push(m.to_string());
                continue;
            }
            92..=94 => json!({"type": "track", "anonymousId": anon, "event": "No Id",
                "properties": {"k": dice.below(4)}}),
            95..=97 => {
                lines.push(if dice.below(2) == 0 {
                    "{not json".to_owned()
                } else {
                    json!({"type": "track", "userId": user, "messageId": id}).to_string()
                });
                continue;
            }
            _ => json!({"type": "track", "userId": user, "event": "Signed Up"}),
        };
        if msg.get("messageId").is_none() && !(msg["event"] == "No Id") {
            msg["messageId"] = id.into();
        }
        msg["timestamp"] = iso(at).into();
        if dice.below(10) != 0 {
            msg["receivedAt"] = iso(at + 1_000).into();
        }
        if dice.below(3) == 0 {
            msg["context"] = json!({"ip": "203.0.113.9", "library": {"name": "analytics.js"}});
        }
        lines.push(msg.to_string());
    }
    lines
}

/// Parses a line as the import does: the message as Segment archived it (timestamp corrected).
fn accepted(line: &str, now: Timestamp) -> Option<Event> {
    let value: Value = serde_json::from_str(line).ok()?;
    let received_at = match value.get("receivedAt").and_then(Value::as_str) {
        Some(s) => segment::parse_time(s, "receivedAt").ok()?,
        None => now,
    };
    let arrival = Arrival { received_at, peer_ip: None, source_id: None, corrected: true };
    segment::accept(value, None, &Envelope::default(), &arrival).ok()
}

/// Stores each line through `messages::store`, one transaction each, as the collector does.
fn store_one_by_one(db: &Db, lines: &[String], plan: Option<&CompiledPlan>) {
    for line in lines {
        let Some(mut e) = accepted(line, NOW) else { continue };
        let check = plan.and_then(|p| p.check(&e));
        db.call_blocking(move |c| {
            let tx = c.transaction()?;
            messages::store(&tx, &mut e, check.as_ref())?;
            tx.commit()?;
            Ok(())
        })
        .unwrap();
    }
}

const PLAN: &str = r#"{"name": "P", "events": [{"name": "Order Completed", "properties": {
    "type": "object", "required": ["total", "currency"],
    "properties": {"total": {"type": "number"}, "currency": {"type": "string", "enum": ["USD"]}}}}]}"#;

fn with_plan(db: &Db) -> CompiledPlan {
    let plan = TrackingPlan::from_json(PLAN, "P").unwrap();
    db.call_blocking(move |c| tracking_plans::import(c, &plan, 0)).unwrap();
    let stored = db.call_blocking(|c| tracking_plans::active(c)).unwrap().unwrap();
    CompiledPlan::from_stored(&stored).unwrap()
}

/// Every table stitching, storing and the triggers write, row by row with every column.
fn tables(db: &Db) -> Vec<(String, Vec<String>)> {
    const TABLES: [&str; 13] = [
        "events",
        "people",
        "identities",
        "trait_history",
        "groups",
        "companies",
        "rollups",
        "event_counts",
        "sources",
        "plan_checks",
        "violations",
        "person_traits",
        "tracking_plans",
    ];
    db.call_blocking(|c| {
        let mut all = Vec::new();
        for table in TABLES {
            let columns = c.prepare(&format!("SELECT * FROM {table}"))?.column_count();
            let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
            let mut stmt =
                c.prepare(&format!("SELECT * FROM {table} ORDER BY {}", order.join(", ")))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let cells: Vec<String> =
                    (0..columns).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                out.push(cells.join(" | "));
            }
            all.push((table.to_owned(), out));
        }
        Ok(all)
    })
    .unwrap()
}

fn assert_same_tables(bulk: &Db, one_by_one: &Db) {
    compare_tables(bulk, one_by_one, &["sources"]);
}

/// [`assert_same_tables`] for workspaces without a tracking plan.
fn assert_same_tables_but_plans(bulk: &Db, one_by_one: &Db) {
    compare_tables(bulk, one_by_one, &["sources", "plan_checks", "violations", "tracking_plans"]);
}

fn compare_tables(bulk: &Db, one_by_one: &Db, may_be_empty: &[&str]) {
    let (bulk, reference) = (tables(bulk), tables(one_by_one));
    for ((table, got), (_, want)) in bulk.iter().zip(&reference) {
        assert!(
            !want.is_empty() || may_be_empty.contains(&table.as_str()),
            "{table} is empty: the test tests nothing"
        );
        if got != want {
            let first =
                got.iter().zip(want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
            panic!(
                "{table} differs ({} rows, {} expected); first difference at row {first}:\n  bulk:        {:?}\n  one by one:  {:?}",
                got.len(),
                want.len(),
                got.get(first),
                want.get(first)
            );
        }
    }
}

fn write_gz(path: &Path, lines: &[String]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    for line in lines {
        writeln!(gz, "{line}").unwrap();
    }
    std::fs::write(path, gz.finish().unwrap()).unwrap();
}

#[test]
fn the_bulk_import_stores_what_storing_one_by_one_stores() {
    let dir = tempfile::tempdir().unwrap();
    let lines = mixed_lines(6_000, 7);
    let (before, archived) = lines.split_at(1_000);
    let root = dir.path().join("segment-logs/src1");
    for (i, part) in archived.chunks(1_700).enumerate() {
        write_gz(&root.join(format!("day-{i}/part.gz")), part);
    }
    // Both workspaces hold the same data already, and the same tracking plan.
    let bulk = Db::create(&dir.path().join("bulk.sqlite")).unwrap();
    let reference = Db::create(&dir.path().join("reference.sqlite")).unwrap();
    store_one_by_one(&bulk, before, Some(&with_plan(&bulk)));
    let plan = with_plan(&reference);
    store_one_by_one(&reference, before, Some(&plan));

    let s = import(&bulk, std::slice::from_ref(&root), NOW, &mut |_| {}).unwrap();
    store_one_by_one(&reference, archived, Some(&plan));
    assert!(s.duplicates > 100 && s.rejected > 50, "{s:?}");
    assert_same_tables(&bulk, &reference);
    let merged: i64 = reference
        .call_blocking(|c| Ok(c.query_row("SELECT COUNT(*) FROM trait_history", [], |r| r.get(0))?))
        .unwrap();
    assert!(merged > 100);

    // A second run adds nothing.
    let again = import(&bulk, &[root], NOW, &mut |_| {}).unwrap();
    assert_eq!((again.files_already_done, again.imported), (3, 0));
    assert_same_tables(&bulk, &reference);
}

/// Stores `lines` through a [`Load`] in batches of `size` lines (from source 1), and each batch
/// one by one into `reference`; `between` runs after each batch, with its number.
fn load_in_batches(
    db: &Db,
    reference: &Db,
    load: &mut Load,
    lines: &[String],
    size: usize,
    plan: &CompiledPlan,
    mut between: impl FnMut(usize),
) -> Tally {
    let mut total = Tally::default();
    for (i, part) in lines.chunks(size).enumerate() {
        let mut batch: Vec<(Event, Option<PlanCheck>)> = part
            .iter()
            .filter_map(|l| accepted(l, NOW))
            .map(|mut e| {
                e.source_id = Some(1);
                let check = plan.check(&e);
                (e, check)
            })
            .collect();
        let taken = std::mem::take(load);
        let (back, tally) = db
            .call_blocking(move |c| {
                let mut load = taken;
                let mut stored = load.begin(c)?;
                stored.store_all(&mut batch)?;
                let tally = stored.commit()?;
                Ok((load, tally))
            })
            .unwrap();
        *load = back;
        total.new += tally.new;
        total.duplicates += tally.duplicates;
        store_from_source(reference, part, plan);
        between(i);
    }
    total
}

fn with_source(db: &Db) {
    db.call_blocking(|c| sources::create(c, "web", "key", 0).map(|_| ())).unwrap();
}

/// `store_one_by_one`, from source 1.
fn store_from_source(db: &Db, lines: &[String], plan: &CompiledPlan) {
    for line in lines {
        let Some(mut e) = accepted(line, NOW) else { continue };
        e.source_id = Some(1);
        let check = plan.check(&e);
        let stored = db
            .call_blocking(move |c| {
                let tx = c.transaction()?;
                let stored = messages::store(&tx, &mut e, check.as_ref())?;
                tx.commit()?;
                Ok(stored)
            })
            .unwrap();
        let _: Stored = stored;
    }
}

#[test]
fn a_load_remembers_ids_between_batches_and_forgets_them_when_something_else_writes() {
    let dir = tempfile::tempdir().unwrap();
    let lines = mixed_lines(4_000, 11);
    let others = mixed_lines(600, 12);
    for (name, mut load) in
        [("remembering", Load::new()), ("looking-up", Load::reading_ids_up_to(0))]
    {
        let bulk_path = dir.path().join(format!("{name}.sqlite"));
        let bulk = Db::create(&bulk_path).unwrap();
        let reference = Db::create(&dir.path().join(format!("{name}-reference.sqlite"))).unwrap();
        for db in [&bulk, &reference] {
            with_source(db);
        }
        let plan = with_plan(&bulk);
        with_plan(&reference);
        store_from_source(&bulk, &lines[..500], &plan);
        store_from_source(&reference, &lines[..500], &plan);

        // Between batches, messages stored by another job on the load's own connection (every
        // third batch) and by another connection to the same file (every fifth), which may merge
        // the people the load remembers.
        let mut other = others.chunks(20);
        let tally = load_in_batches(&bulk, &reference, &mut load, &lines[500..], 97, &plan, |i| {
            let writer = match (i % 5, i % 3) {
                (4, _) => Db::open(&bulk_path).unwrap(),
                (_, 2) => bulk.clone(),
                _ => return,
            };
            let Some(part) = other.next() else { return };
            store_from_source(&writer, part, &plan);
            store_from_source(&reference, part, &plan);
        });
        assert!(tally.new > 2_000 && tally.duplicates > 100, "{name}: {tally:?}");
        assert_same_tables(&bulk, &reference);
    }
}

#[test]
fn an_import_stopped_by_a_broken_file_resumes_to_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let lines = mixed_lines(5_000, 21);
    let root = dir.path().join("segment-logs/src1");
    let parts: Vec<&[String]> = lines.chunks(1_300).collect();
    for (i, part) in parts.iter().enumerate() {
        write_gz(&root.join(format!("day-{i}/part.gz")), part);
    }
    // The third file is cut short: the import stops there, with the files before it stored.
    let third = root.join("day-2/part.gz");
    let whole = std::fs::read(&third).unwrap();
    std::fs::write(&third, &whole[..whole.len() / 2]).unwrap();
    let bulk = Db::create(&dir.path().join("bulk.sqlite")).unwrap();
    let err = import(&bulk, std::slice::from_ref(&root), NOW, &mut |_| {}).unwrap_err();
    assert!(matches!(err, ArchiveError::Read { .. }), "{err}");
    let stored: i64 = bulk
        .call_blocking(|c| Ok(c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?))
        .unwrap();
    assert!(stored > 2_000, "the files before the broken one were stored: {stored}");

    std::fs::write(&third, whole).unwrap();
    let s = import(&bulk, std::slice::from_ref(&root), NOW, &mut |_| {}).unwrap();
    assert_eq!(s.files_already_done, 2, "{s:?}");
    let reference = Db::create(&dir.path().join("reference.sqlite")).unwrap();
    store_one_by_one(&reference, &lines, None);
    assert_same_tables_but_plans(&bulk, &reference);
}
