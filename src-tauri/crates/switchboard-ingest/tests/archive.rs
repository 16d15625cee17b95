//! Importing Segment's S3 archive layout: gzip and plain NDJSON, bad lines, a second run, and a
//! run resumed after an interrupt.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{Compression, write::GzEncoder};
use serde_json::json;
use switchboard_ingest::archive::{ArchiveError, import};
use switchboard_store::Db;
use switchboard_store::checkpoints::{self, Checkpoint};

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
