//! The command line as a person or a script uses it: real files, real processes, and for the
//! collector a stock Segment library (analytics-python) sending to it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const CLI: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn run(args: &[&str]) -> Output {
    Command::new(CLI).args(args).output().unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn demo(dir: &Path) -> PathBuf {
    demo_sized(dir, "0.05", "3", "2026-11-28")
}

/// `dir/w.sqlite`, a demo workspace of that scale and number of days up to `last_day`.
fn demo_sized(dir: &Path, scale: &str, days: &str, last_day: &str) -> PathBuf {
    let path = dir.join("w.sqlite");
    let out = run(&[
        "demo",
        "--workspace",
        path.to_str().unwrap(),
        "--scale",
        scale,
        "--days",
        days,
        "--last-day",
        last_day,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

#[test]
fn errors_are_one_line_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.sqlite");
    let not_ours = dir.path().join("notes.txt");
    std::fs::write(&not_ours, "hello, this is not a database, just text of some length").unwrap();
    for (args, expected) in [
        (vec!["stats", "--workspace", missing.to_str().unwrap()], "workspace file not found"),
        (
            vec!["stats", "--workspace", not_ours.to_str().unwrap()],
            "is not a Switchboard workspace",
        ),
        (vec!["source", "list", "--workspace", missing.to_str().unwrap()], "create one with"),
        (
            vec!["demo", "--workspace", missing.to_str().unwrap(), "--days", "0"],
            "--days must be from 1",
        ),
    ] {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert!(!missing.exists());
}

#[test]
fn sources_are_added_listed_and_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let added = json(&["source", "add", "website", "--workspace", ws, "--json"]);
    let key = added["write_key"].as_str().unwrap();
    assert_eq!(key.len(), 24);
    let out = run(&["source", "add", "website", "--workspace", ws]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a source named `website` already exists")
    );
    let listed = json(&["source", "list", "--workspace", ws, "--json"]);
    assert_eq!(listed[0]["name"], "website");
    assert_eq!(listed[0]["write_key"], key);
    assert_eq!(listed[0]["events"], 0);
    assert!(listed[0]["last_seen"].is_null());
}

struct Collecting(Child);

/// Runs `switchboard-cli collect` on a free port until the guard drops; returns once it listens.
fn collect(ws: &str) -> (Collecting, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(CLI)
        .args(["collect", "--workspace", ws, "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let collecting = Collecting(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the collector did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    (collecting, port)
}

impl Drop for Collecting {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

/// Python with analytics-python: `SWITCHBOARD_PYTHON` (set by `make test`), else `python3`.
fn python() -> String {
    let python = std::env::var("SWITCHBOARD_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import segment.analytics"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{python} lacks analytics-python: run `make test`, or `pip install segment-analytics-python`"
    );
    python
}

#[test]
fn a_stock_segment_library_sends_to_the_collector() {
    let python = python();
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let before = json(&["stats", "--workspace", ws, "--json"]);
    let key = json(&["source", "add", "website", "--workspace", ws, "--json"])["write_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_collecting, port) = collect(ws);

    let script = format!(
        r#"
import segment.analytics as analytics
errors = []
analytics.write_key = "{key}"
analytics.host = "http://127.0.0.1:{port}"
analytics.gzip = True
analytics.on_error = lambda e, batch: errors.append(str(e))
analytics.identify("user-1", {{"email": "ada@acme.example"}})
analytics.track("user-1", "Signed Up", {{"plan": "team"}})
analytics.page("user-1", "Docs", "Getting started", {{"path": "/docs"}})
analytics.screen("user-1", "App", "Home")
analytics.group("user-1", "acme.example", {{"name": "Acme"}})
analytics.alias("anon-9", "user-1")
analytics.track(anonymous_id="anon-2", event="Viewed Pricing", context={{"ip": "203.0.113.50"}})
analytics.flush()
analytics.shutdown()
# A wrong write key: the library reports the collector's 401 and stores nothing.
from segment.analytics import Client
wrong = Client("not-a-key", host="http://127.0.0.1:{port}", on_error=analytics.on_error, max_retries=0)
wrong.track("user-1", "Never Stored")
wrong.flush()
wrong.shutdown()
print("\n".join(errors))
"#
    );
    let out = Command::new(&python).args(["-c", &script]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let errors = String::from_utf8_lossy(&out.stdout);
    assert!(errors.contains("401") || errors.contains("unknown write key"), "{errors}");

    let listed = json(&["source", "list", "--workspace", ws, "--json"]);
    assert_eq!(listed[0]["events"], 7, "{listed}");
    let after = json(&["stats", "--workspace", ws, "--json"]);
    assert_eq!(
        after["events_total"].as_i64().unwrap(),
        before["events_total"].as_i64().unwrap() + 7
    );
    for t in ["identify", "track", "page", "screen", "group", "alias"] {
        let added = after["events_by_type"][t].as_i64().unwrap()
            - before["events_by_type"][t].as_i64().unwrap();
        assert_eq!(added, if t == "track" { 2 } else { 1 }, "{t}");
    }

    // The library's identify, alias and group are stitched into one profile.
    let found = json(&["people", "search", "user-1", "--workspace", ws, "--json"]);
    let id = found[0]["id"].as_i64().unwrap().to_string();
    let profile = json(&["people", "show", &id, "--workspace", ws, "--json"]);
    assert_eq!(profile["person"]["email"], "ada@acme.example", "{profile}");
    assert_eq!(profile["person"]["company"], "acme.example", "{profile}");
    let ids: Vec<(&str, &str)> = profile["identities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["value"].as_str().unwrap()))
        .collect();
    for expected in
        [("user_id", "user-1"), ("anonymous_id", "anon-9"), ("email", "ada@acme.example")]
    {
        assert!(ids.contains(&expected), "{expected:?} missing from {ids:?}");
    }
    let activity: Vec<&str> = profile["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(
        activity.contains(&"Signed Up") && activity.contains(&"Getting started"),
        "{activity:?}"
    );
    assert_eq!(profile["person"]["events"], 6, "{profile}");
}

/// Where `make test` installs Segment's Node library (`@segment/analytics-node`).
fn node_sdk() -> String {
    let dir = std::env::var("SWITCHBOARD_NODE_SDK").unwrap_or_default();
    assert!(
        Path::new(&dir).join("@segment/analytics-node").is_dir(),
        "SWITCHBOARD_NODE_SDK ({dir:?}) lacks @segment/analytics-node: run `make test`, or \
         `npm install --prefix target/sdk-node @segment/analytics-node` and point it at target/sdk-node/node_modules"
    );
    dir
}

#[test]
fn a_stock_node_library_sends_to_the_collector() {
    let modules = node_sdk();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.sqlite");
    let ws = ws.to_str().unwrap();
    assert!(run(&["init", "--workspace", ws]).status.success());
    let key = json(&["source", "add", "node", "--workspace", ws, "--json"])["write_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_collecting, port) = collect(ws);
    let script = format!(
        r#"
const {{ Analytics }} = require('@segment/analytics-node');
(async () => {{
  const errors = [];
  const host = 'http://127.0.0.1:{port}';
  const a = new Analytics({{ writeKey: '{key}', host, flushInterval: 100 }});
  a.on('error', (e) => errors.push(String(e.code || e.message || e)));
  a.identify({{ userId: 'node-1', anonymousId: 'anon-n', traits: {{ email: 'kim@nodeco.example', name: 'Kim Lee' }} }});
  a.track({{ userId: 'node-1', event: 'Signed Up', properties: {{ plan: 'team' }} }});
  a.page({{ userId: 'node-1', name: 'Pricing', properties: {{ path: '/pricing' }} }});
  a.screen({{ userId: 'node-1', name: 'Home' }});
  a.group({{ userId: 'node-1', groupId: 'nodeco.example', traits: {{ name: 'NodeCo' }} }});
  a.alias({{ userId: 'node-1', previousId: 'anon-old' }});
  await a.closeAndFlush();
  const wrong = new Analytics({{ writeKey: 'not-a-key', host, maxRetries: 0 }});
  wrong.on('error', (e) => errors.push('wrong key: ' + String(e.code || e.message || e)));
  wrong.track({{ userId: 'x', event: 'Never Stored' }});
  await wrong.closeAndFlush();
  console.log(JSON.stringify(errors));
}})();
"#
    );
    let out =
        Command::new("node").args(["-e", &script]).env("NODE_PATH", &modules).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let errors: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(errors, serde_json::json!(["wrong key: delivery_failure"]), "{errors}");

    let listed = json(&["source", "list", "--workspace", ws, "--json"]);
    assert_eq!(listed[0]["events"], 6, "{listed}");
    let stats = json(&["stats", "--workspace", ws, "--json"]);
    for t in ["identify", "track", "page", "screen", "group", "alias"] {
        assert_eq!(stats["events_by_type"][t], 1, "{t}: {stats}");
    }
    let found = json(&["people", "search", "node-1", "--workspace", ws, "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["email"], "kim@nodeco.example");
    assert_eq!(found[0]["company"], "nodeco.example");
    assert_eq!(found[0]["events"], 6);
}

#[test]
fn a_segment_archive_imports_once_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let day = dir.path().join("segment-logs/src/1764288000000");
    std::fs::create_dir_all(&day).unwrap();
    let lines: Vec<String> = (0..50)
        .map(|i| {
            serde_json::json!({
                "type": "page", "anonymousId": format!("a{i}"), "name": "Pricing", "messageId": format!("arch-{i}"),
                "timestamp": "2026-11-28T10:00:00Z", "receivedAt": "2026-11-28T10:00:01Z"
            })
            .to_string()
        })
        .chain(["{broken".to_owned()])
        .collect();
    std::fs::write(day.join("part.json"), lines.join("\n")).unwrap();
    let before = json(&["stats", "--workspace", ws, "--json"]);
    let archive = dir.path().join("segment-logs");
    let out = run(&["import", "segment-archive", "--workspace", ws, archive.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("Imported 50 messages from 1 file(s)"), "{text}");
    assert!(
        text.contains("1 line(s) rejected") && text.contains("part.json:51: not JSON"),
        "{text}"
    );
    let out = run(&["import", "segment-archive", "--workspace", ws, archive.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Imported 0 messages"));
    let after = json(&["stats", "--workspace", ws, "--json"]);
    let pages = |s: &Value| s["events_by_type"]["page"].as_i64().unwrap();
    assert_eq!(pages(&after), pages(&before) + 50);
}

/// Posts a batch of `n` track calls over a plain HTTP/1.1 connection; the status, if any came.
fn post_batch(port: u16, key: &str, first: usize, n: usize) -> Option<u16> {
    use std::io::{Read, Write};
    let batch: Vec<Value> = (first..first + n)
        .map(|i| serde_json::json!({ "type": "track", "userId": "u", "event": "Kill Test", "messageId": format!("kill-{i}") }))
        .collect();
    let body = serde_json::json!({ "batch": batch }).to_string();
    let auth =
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{key}:"));
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    let request = format!(
        "POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {auth}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split(' ').nth(1)?.parse().ok()
}

#[test]
fn killing_the_collector_loses_nothing_that_got_a_200() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let key = json(&["source", "add", "website", "--workspace", ws, "--json"])["write_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = json(&["stats", "--workspace", ws, "--json"])["events_total"].as_i64().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(CLI)
        .args(["collect", "--workspace", ws, "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the collector did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    let sender = std::thread::spawn(move || {
        let (mut confirmed, mut sent) = (0usize, 0usize);
        for round in 0..2_000 {
            sent += 100;
            match post_batch(port, &key, round * 100, 100) {
                Some(200) => confirmed += 100,
                Some(status) => panic!("batch {round} got {status}"),
                None => break,
            }
        }
        (confirmed, sent)
    });
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let (confirmed, sent) = sender.join().unwrap();
    assert!(confirmed > 0, "nothing was confirmed before the kill");
    let after = json(&["stats", "--workspace", ws, "--json"])["events_total"].as_i64().unwrap();
    let stored = usize::try_from(after - before).unwrap();
    assert!(sent > confirmed, "the collector was not killed mid-stream");
    assert!(
        stored >= confirmed && stored <= sent,
        "confirmed {confirmed}, stored {stored}, sent {sent}"
    );
}

#[test]
fn a_tracking_plan_is_imported_and_archive_messages_are_checked_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.sqlite");
    let ws = ws.to_str().unwrap();
    let out = run(&["init", "--workspace", ws, "--name", "Plans"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A second init refuses to replace the file.
    let out = run(&["init", "--workspace", ws]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));

    let empty = json(&["plan", "violations", "--workspace", ws, "--json"]);
    assert!(empty["plan"].is_null());

    // Segment's Config API export shape: the schema covers the whole message.
    let plan = dir.path().join("plan.json");
    std::fs::write(
        &plan,
        serde_json::json!({"display_name": "Checkout", "rules": {"events": [{"name": "Order Completed",
            "rules": {"type": "object", "properties": {"properties": {"type": "object",
                "required": ["total"], "properties": {"total": {"type": "number"}}}}}}]}})
        .to_string(),
    )
    .unwrap();
    let imported = json(&["plan", "import", plan.to_str().unwrap(), "--workspace", ws, "--json"]);
    assert_eq!(imported["plan"]["name"], "Checkout");
    assert_eq!(imported["plan"]["events"], 1);

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"events\": []}").unwrap();
    let out = run(&["plan", "import", bad.to_str().unwrap(), "--workspace", ws]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.lines().count() == 1 && err.contains("no events"),
        "{err}"
    );

    let day = dir.path().join("segment-logs/web/2026-11-28");
    std::fs::create_dir_all(&day).unwrap();
    let line = |id: &str, event: &str, props: Value| {
        serde_json::json!({"type": "track", "userId": "u1", "event": event, "properties": props,
            "messageId": id, "timestamp": "2026-11-28T10:00:00Z"})
        .to_string()
    };
    let lines = [
        line("ok", "Order Completed", serde_json::json!({"total": 12.5})),
        line("wrong", "Order Completed", serde_json::json!({"total": "12.5", "coupon": "X"})),
        line("missing", "Order Completed", serde_json::json!({})),
        line("unplanned", "Cart Viewed", serde_json::json!({})),
    ];
    std::fs::write(day.join("part.json"), lines.join("\n")).unwrap();
    let archive = dir.path().join("segment-logs");
    let out = run(&["import", "segment-archive", "--workspace", ws, archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let v = json(&["plan", "violations", "--workspace", ws, "--json"]);
    let count = |event: &str, kind: &str| {
        v["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["event"] == event && c["kind"] == kind)
            .map_or(0, |c| c["count"].as_i64().unwrap())
    };
    assert_eq!(count("Order Completed", "wrong_type"), 1, "{v}");
    assert_eq!(count("Order Completed", "extra_property"), 1, "{v}");
    assert_eq!(count("Order Completed", "missing_property"), 1, "{v}");
    assert_eq!(count("Cart Viewed", "unplanned_event"), 1, "{v}");
    let order =
        v["events"].as_array().unwrap().iter().find(|e| e["event"] == "Order Completed").unwrap();
    assert_eq!((order["seen"].as_i64(), order["violating"].as_i64()), (Some(3), Some(2)));
    let ids: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["message_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"wrong") && ids.contains(&"missing") && !ids.contains(&"ok"), "{ids:?}");

    // The text form names the plan and the problems.
    let out = run(&["plan", "violations", "--workspace", ws]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Tracking plan `Checkout`") && text.contains("unplanned_event"),
        "{text}"
    );

    // All four messages belong to one person, whose rollups count them.
    let stats = json(&["stats", "--workspace", ws, "--json"]);
    assert_eq!(stats["people"], 1);
}

#[test]
fn an_exported_archive_imports_into_another_workspace_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo(dir.path());
    let out_dir = dir.path().join("export");
    let out = run(&[
        "export",
        "segment-archive",
        "--workspace",
        source.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote "));

    let copy = dir.path().join("copy.sqlite");
    let copy = copy.to_str().unwrap();
    assert!(run(&["init", "--workspace", copy]).status.success());
    let out = run(&["import", "segment-archive", "--workspace", copy, out_dir.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("0 line(s) rejected"), "{text}");

    let before = json(&["stats", "--workspace", source.to_str().unwrap(), "--json"]);
    let after = json(&["stats", "--workspace", copy, "--json"]);
    assert_eq!(after["events_by_type"], before["events_by_type"]);
    assert_eq!(after["events_total"], before["events_total"]);
}

#[test]
fn the_default_template_checks_clean_and_previews_and_exports_for_a_prospect() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let list = json(&["template", "list", "--workspace", ws, "--json"]);
    assert_eq!(list[0]["name"], "Double forward");
    assert_eq!(list[0]["layers"], 3);
    assert_eq!(list[0]["built_in"], true);

    let check = json(&["template", "check", "Double forward", "--workspace", ws, "--json"]);
    let count = check["count"].as_u64().unwrap();
    assert!(count > 0, "{check}");
    assert_eq!(check["with_errors"], 0, "{check}");
    // Every prospect is listed, with its warnings and errors.
    let all = check["prospects"].as_array().unwrap();
    assert_eq!(all.len() as u64, count);
    let warned = all.iter().filter(|p| !p["warnings"].as_array().unwrap().is_empty()).count();
    assert_eq!(warned as u64, check["with_warnings"].as_u64().unwrap());

    // A prospect to preview: one the check warned about (its company has no visit on record).
    let warned = all.iter().find(|p| !p["warnings"].as_array().unwrap().is_empty());
    let email = warned.expect("a prospect with a warning")["email"].as_str().unwrap().to_owned();
    let preview = json(&[
        "template",
        "preview",
        "Double forward",
        "--prospect",
        &email,
        "--workspace",
        ws,
        "--json",
    ]);
    assert_eq!(preview["to"], email.as_str());
    assert!(preview["subject"].as_str().unwrap().starts_with("Fwd: Fwd: New domain identified: "));
    assert!(preview["text"].as_str().unwrap().contains("---------- Forwarded message ---------"));
    assert_eq!(preview["ready"], true);

    let out = run(&[
        "template",
        "export",
        "Double forward",
        "--eml",
        "--prospect",
        &email,
        "--workspace",
        ws,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let eml = String::from_utf8_lossy(&out.stdout);
    assert!(eml.contains(&format!("To: {email}\r\n")) && eml.contains("Content-Type: text/html"));
    // Python's own email parser reads it: headers, both parts, and the text decodes.
    let parse = "import email,sys; m=email.message_from_string(sys.stdin.read()); \
        parts=[p.get_content_type() for p in m.walk()]; \
        text=m.get_payload()[0].get_payload(decode=True).decode(); \
        print(m['To'], parts, 'Forwarded message' in text)";
    let mut child = Command::new(python())
        .args(["-c", parse])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), eml.as_bytes()).unwrap();
    let parsed = child.wait_with_output().unwrap();
    let parsed = String::from_utf8_lossy(&parsed.stdout);
    assert_eq!(
        parsed.trim(),
        format!("{email} ['multipart/alternative', 'text/plain', 'text/html'] True")
    );
    let out = run(&[
        "template",
        "export",
        "Double forward",
        "--customerio",
        "--prospect",
        &email,
        "--workspace",
        ws,
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("{{ customer.first_name }}"));

    // Unknown names and emails are one-line errors; an unresolved variable exits non-zero.
    let out = run(&["template", "preview", "Nope", "--prospect", &email, "--workspace", ws]);
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("template list")
    );
    let out = run(&[
        "template",
        "preview",
        "Double forward",
        "--prospect",
        "nobody@nowhere.example",
        "--workspace",
        ws,
    ]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no prospect"));

    // A template whose variable has neither a value nor a fallback: preview and check exit
    // non-zero and name it. (Written with Python's sqlite3, as another tool would.)
    let broken = serde_json::json!({"name": "Broken", "layers": [{"label": "Only", "from_name": "A",
        "from_address": "a@x.example", "to": "{{ prospect.email }}", "offset_minutes": 0,
        "subject": "Hi", "body": "Your fax: {{ company.fax }}\nYour visit: {{ visit.pages }}"}]});
    let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
        c.execute(\"INSERT INTO templates VALUES ('Broken', ?, 0, 0)\", (sys.argv[2],)); c.commit()";
    let status =
        Command::new(python()).args(["-c", script, ws, &broken.to_string()]).status().unwrap();
    assert!(status.success());
    let out = run(&["template", "preview", "Broken", "--prospect", &email, "--workspace", ws]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an unresolved variable must fail the preview");
    assert!(
        err.contains("company.fax") && err.contains("visit.pages") && err.lines().count() == 1,
        "{err}"
    );
    let out = run(&["template", "check", "Broken", "--workspace", ws]);
    assert!(!out.status.success());
}

#[test]
fn the_cac_cap_is_the_sources_twenty_dollars_in_exact_money() {
    let out = run(&["cac", "--p", "0.1", "--ltv", "1000", "--share", "0.2"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Max spend per prospect: $20.00 "));
    let v = json(&["cac", "--p", "10%", "--ltv", "1,000", "--share", "20%", "--json"]);
    assert_eq!(
        (v["max_spend_minor"].as_i64(), v["max_spend"].as_str()),
        (Some(2_000), Some("$20.00"))
    );
    // Rounded down to the cent: never more than the share allows.
    let v = json(&["cac", "--p", "0.333333", "--ltv", "10", "--share", "1", "--json"]);
    assert_eq!(v["max_spend_minor"], 333);
    for bad in [
        vec!["cac", "--p", "1.5", "--ltv", "1000", "--share", "0.2"],
        vec!["cac", "--p", "0.1", "--ltv", "10.001", "--share", "0.2"],
        vec!["cac", "--ltv", "1000", "--share", "0.2"],
        vec!["cac", "report", "--workspace", "/nonexistent/w.sqlite"],
    ] {
        let out = run(&bad);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.lines().count() == 1, "{bad:?}: {err}");
    }
}

#[test]
fn the_workspace_cac_model_is_set_with_overrides_and_shown_with_observed_conversion() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let model = json(&["cac", "model", "--workspace", ws, "--json"]);
    assert_eq!((model["ltv"].as_str(), model["share"].as_str()), (Some("1000.00"), Some("0.2")));
    assert_eq!(model["caps"]["good"], "20.00");
    let observed = model["observed"].as_array().unwrap();
    assert_eq!(observed.len(), 4);
    assert!(observed.iter().map(|o| o["scored"].as_i64().unwrap()).sum::<i64>() > 0);

    let set = |args: &[&str]| {
        let mut all = vec!["cac", "set", "--workspace", ws];
        all.extend_from_slice(args);
        let out = run(&all);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    set(&["--ltv", "1500", "--share", "25%", "--p-good", "0.12"]);
    set(&["--campaign", "retargeting", "--share", "0.1"]);
    set(&["--segment", "very-good", "--ltv", "3000"]);
    let cap = |args: &[&str]| {
        let mut all = vec!["cac", "--workspace", ws, "--json"];
        all.extend_from_slice(args);
        json(&all)["max_spend_minor"].as_i64().unwrap()
    };
    // 12% x $1,500 x 25% = $45; the campaign's share: 12% x $1,500 x 10% = $18.
    assert_eq!(cap(&["--fit", "good"]), 4_500);
    assert_eq!(cap(&["--fit", "good", "--campaign", "retargeting"]), 1_800);
    // The segment's LTV: 20% x $3,000 x 25% = $150; its campaign share still applies on top.
    assert_eq!(cap(&["--fit", "very-good"]), 15_000);
    assert_eq!(cap(&["--fit", "very-good", "--campaign", "retargeting"]), 6_000);
    let out = run(&["cac", "set", "--workspace", ws, "--share", "1.2"]);
    assert!(!out.status.success());
    assert_eq!(json(&["cac", "model", "--workspace", ws, "--json"])["share"], "0.25");
}

fn write_def(dir: &Path, file: &str, body: &str) -> String {
    let path = dir.join(file);
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Segments from the command line, checked against the same question asked in plain SQL.
#[test]
fn segments_are_created_counted_explained_exported_and_diffed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let expected: i64 = rusqlite::Connection::open(&ws)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM people p JOIN companies c ON c.id = p.company_id
             WHERE c.employees >= 50
               AND EXISTS (SELECT 1 FROM events e WHERE e.person_id = p.id AND e.type = 'track'
                           AND e.name = 'Signed Up')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(expected > 0, "the demo should have sign-ups at bigger companies: {expected}");
    let def = write_def(
        dir.path(),
        "a.json",
        r#"{"version":1,"name":"Signed up at 50+","target":"people","rule":{"all":[
            {"performed":{"event":"Signed Up"}},
            {"company_trait":{"key":"employees","op":"at_least","value":50}}]}}"#,
    );
    let out = run(&["segment", "create", "--workspace", w, "--file", &def]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("Signed up at 50+: {expected} people\n")
    );

    let list = json(&["segment", "list", "--workspace", w, "--json"]);
    let named = |name: &str| list.as_array().unwrap().iter().find(|s| s["name"] == name).unwrap();
    let ours = named("Signed up at 50+");
    assert_eq!((ours["size"].as_i64(), ours["status"].as_str()), (Some(expected), Some("ready")));
    // The demo comes with example segments, computed.
    let hot = named("Hot mid-market on Segment");
    assert_eq!((hot["target"].as_str(), hot["version"].as_i64()), (Some("companies"), Some(1)));
    let count = json(&["segment", "count", "Signed up at 50+", "--workspace", w, "--json"]);
    assert_eq!(count["count"], expected);
    let ex = json(&["segment", "explain", "Signed up at 50+", "--workspace", w, "--json"]);
    assert_eq!(ex["kept"], expected);
    assert_eq!(ex["children"][1]["kept"], expected);
    assert!(ex["children"][0]["kept"].as_i64().unwrap() >= expected);

    let file = dir.path().join("members.jsonl");
    let out = run(&[
        "segment",
        "members",
        "Signed up at 50+",
        "--workspace",
        w,
        "--format",
        "jsonl",
        "--columns",
        "id,email,company.employees",
        "--out",
        file.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains(&format!("Writing {expected} rows")),
        "{stderr}"
    );
    let lines: Vec<Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as i64, expected);
    assert!(
        lines
            .iter()
            .all(|l| l["company.employees"].as_i64().unwrap() >= 50 && l["email"].is_string())
    );
    let csv = run(&["segment", "members", "Signed up at 50+", "--workspace", w]);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count() as i64, expected + 1);

    let diff = json(&["segment", "diff", "Signed up at 50+", "--workspace", w, "--json"]);
    assert_eq!(
        (diff["version"].as_i64(), diff["entered"].as_array().unwrap().len() as i64),
        (Some(1), expected)
    );

    // A segment that uses it, which then cannot be deleted, nor be used back in a circle.
    let b = write_def(
        dir.path(),
        "b.json",
        r#"{"version":1,"name":"B","target":"people","rule":{"in_segment":{"segment":"Signed up at 50+"}}}"#,
    );
    assert!(run(&["segment", "create", "--workspace", w, "--file", &b]).status.success());
    let circle = write_def(
        dir.path(),
        "c.json",
        r#"{"version":1,"name":"Signed up at 50+","target":"people","rule":{"in_segment":{"segment":"B"}}}"#,
    );
    let bad = write_def(
        dir.path(),
        "d.json",
        r#"{"version":1,"name":"D","target":"people","rule":{"performed":{"event":"X","count":{"op":"at_least","n":1},"window":{"last_days":0}}}}"#,
    );
    let not_json = write_def(dir.path(), "e.json", "{");
    for (args, expected) in [
        (
            vec!["segment", "create", "--workspace", w, "--file", &circle, "--replace"],
            "in a circle: Signed up at 50+ → B → Signed up at 50+",
        ),
        (vec!["segment", "delete", "Signed up at 50+", "--workspace", w], "is used by B"),
        (
            vec!["segment", "create", "--workspace", w, "--file", &bad],
            "/rule/performed/window/last_days: a window is at least 1 day",
        ),
        (vec!["segment", "create", "--workspace", w, "--file", &not_json], "segment schema"),
        (vec!["segment", "create", "--workspace", w, "--file", &def], "already exists"),
        (vec!["segment", "count", "Nope", "--workspace", w], "no segment named"),
    ] {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let schema = json(&["segment", "schema"]);
    assert_eq!(schema["title"], "Switchboard segment");
}

/// A two-step funnel from the command line against the same question in plain SQL: people who
/// signed up in the range and connected a source within three days after.
#[test]
fn a_funnel_counts_as_plain_sql_does() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let def = write_def(
        dir.path(),
        "f.json",
        r#"{"version":1,"steps":[{"event":"Signed Up"},{"event":"Source Connected"}],
            "window_days":3,"range":{"between":{"from":"2026-11-26","to":"2026-11-28"}}}"#,
    );
    let from = 20_783_i64 * 86_400_000; // 2026-11-26
    let to = 20_786_i64 * 86_400_000 - 1; // the end of 2026-11-28
    let conn = rusqlite::Connection::open(&ws).unwrap();
    let count = |sql: &str| -> i64 {
        conn.query_row(sql, rusqlite::params![from, to], |r| r.get(0)).unwrap()
    };
    let entered = count(
        "SELECT COUNT(DISTINCT person_id) FROM events WHERE type = 'track' AND name = 'Signed Up'
         AND person_id IS NOT NULL AND timestamp BETWEEN ?1 AND ?2",
    );
    let converted = count(
        "SELECT COUNT(DISTINCT a.person_id) FROM events a
         WHERE a.type = 'track' AND a.name = 'Signed Up' AND a.person_id IS NOT NULL
           AND a.timestamp BETWEEN ?1 AND ?2
           AND EXISTS (SELECT 1 FROM events b WHERE b.person_id = a.person_id AND b.type = 'track'
                       AND b.name = 'Source Connected' AND b.timestamp > a.timestamp
                       AND b.timestamp <= a.timestamp + 3 * 86400000)",
    );
    assert!(entered > 0 && converted > 0, "{entered} {converted}");
    let r = json(&["funnel", "run", "--workspace", w, "--file", &def, "--json"]);
    assert_eq!(r["steps"][0]["people"], entered);
    assert_eq!(r["steps"][1]["people"], converted);
    assert_eq!(r["steps"][1]["dropped"], entered - converted);
    let text = run(&["funnel", "run", "--workspace", w, "--file", &def]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("2. Source Connected"));
    let bad = write_def(
        dir.path(),
        "g.json",
        r#"{"version":1,"steps":[{"event":"A"}],"window_days":1,"range":{"last_days":7}}"#,
    );
    let out = run(&["funnel", "run", "--workspace", w, "--file", &bad]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/steps: a funnel needs at least two steps")
    );
}

/// Spend against cap: spend summed from `ad_spend`, the audience's members by fit, and the caps
/// of the default model ($40, $20, $6 and $1 for very good, good, medium and low fits).
#[test]
fn the_cac_report_sums_spend_and_the_audiences_caps() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    // A campaign without an audience gets one; a campaign that has no spend is refused.
    let out = run(&[
        "cac",
        "audience",
        "--workspace",
        w,
        "--campaign",
        "7Q2KC4NXRBFJDMHZPEALWU",
        "--segment",
        "Good-fit companies",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&[
        "cac",
        "audience",
        "--workspace",
        w,
        "--campaign",
        "nope",
        "--segment",
        "Good-fit companies",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("no campaign `nope` has spend"), "{stderr}");

    let conn = rusqlite::Connection::open(&ws).unwrap();
    let spend: i64 = conn
        .query_row(
            "SELECT SUM(spend_minor) FROM ad_spend WHERE campaign_id = '7Q2KC4NXRBFJDMHZPEALWU'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.segment, COUNT(*) FROM segment_members m JOIN segments g ON g.id = m.segment_id
             JOIN scores s ON s.entity = 'company' AND s.entity_id = m.entity_id
             WHERE g.name = 'Good-fit companies' GROUP BY 1",
        )
        .unwrap();
    let (mut reached, mut cap) = (0i64, 0i64);
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap() {
        let (fit, n) = row.unwrap();
        reached += n;
        cap += n * match fit.as_str() {
            "very good" => 4_000,
            "good" => 2_000,
            "medium" => 600,
            _ => 100,
        };
    }
    assert!(reached > 0 && spend > 0);
    let report = json(&["cac", "report", "--workspace", w, "--json"]);
    let row = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["campaign_id"] == "7Q2KC4NXRBFJDMHZPEALWU")
        .unwrap();
    assert_eq!(row["audience"], "Good-fit companies");
    assert_eq!(
        (row["spend_minor"].as_i64(), row["reached"].as_i64()),
        (Some(spend), Some(reached))
    );
    assert_eq!(row["cap_minor"], cap);
    let used = row["share_used"].as_f64().unwrap();
    assert!((used - spend as f64 / cap as f64).abs() < 1e-6, "{used}");
    let expected = if used >= 1.0 {
        "over cap"
    } else if used >= 0.8 {
        "near cap"
    } else {
        "fine"
    };
    assert_eq!(row["alert"], expected);
    let none = report.as_array().unwrap().iter().find(|r| r["campaign_id"] == "1185201").unwrap();
    assert_eq!((none["alert"].as_str(), none["cap"].is_null()), (Some("no audience"), true));
}

/// Every chart draws from a demo workspace, as SVG and as PNG.
#[test]
fn charts_draw_from_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let w = ws.to_str().unwrap();
    let funnel = write_def(
        dir.path(),
        "f.json",
        r#"{"version":1,"steps":[{"event":"Signed Up"},{"event":"Source Connected"}],"window_days":3,"range":{"last_days":30}}"#,
    );
    for (name, needle) in [
        ("funnel", "Source Connected"),
        ("spend-vs-cap", "Retargeting: activation reminders"),
        ("channel-ladder", "retargeting"),
        ("pipeline", "reference"),
        ("open-rates", "onboarding-activation"),
    ] {
        let svg = dir.path().join(format!("{name}.svg"));
        let out = run(&[
            "chart",
            name,
            "--workspace",
            w,
            "--file",
            &funnel,
            "--out",
            svg.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.starts_with("<svg") && text.contains(needle), "{name} lacks {needle}");
        let png = dir.path().join(format!("{name}.png"));
        let out = run(&[
            "chart",
            name,
            "--workspace",
            w,
            "--file",
            &funnel,
            "--out",
            png.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    let out = run(&[
        "chart",
        "funnel",
        "--workspace",
        w,
        "--out",
        dir.path().join("x.svg").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a funnel"));
    let out = run(&[
        "chart",
        "pipeline",
        "--workspace",
        w,
        "--out",
        dir.path().join("x.gif").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(".svg or .png"));
}

/// `n` archive lines over `files` plain NDJSON files: visitors who view pages, identify (merging
/// into users seen before), alias and join groups, with some lines resent.
fn archive_for_a_kill(root: &Path, n: usize, files: usize) {
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let anon = format!("v{}", i / 3);
        let user = format!("u{}", i % 997);
        let ts = format!("2026-11-{:02}T10:{:02}:{:02}Z", 1 + i % 27, (i / 60) % 60, i % 60);
        let line = match i % 50 {
            0 => serde_json::json!({"type": "identify", "anonymousId": anon, "userId": user,
                "traits": {"email": format!("{user}@acme{}.com", i % 7), "plan": i % 3}}),
            1 => {
                serde_json::json!({"type": "alias", "userId": user, "previousId": format!("v{}", i / 5)})
            }
            2 => {
                serde_json::json!({"type": "group", "userId": user, "groupId": format!("g{}.com", i % 11),
                "traits": {"name": "G"}})
            }
            3..=5 => serde_json::json!({"type": "track", "userId": user, "event": "Signed In"}),
            _ => serde_json::json!({"type": "page", "anonymousId": anon, "name": "Pricing"}),
        };
        let mut line = line;
        line["messageId"] = format!("k-{}", if i % 40 == 39 { i - 7 } else { i }).into();
        line["timestamp"] = ts.clone().into();
        line["receivedAt"] = ts.into();
        lines.push(line.to_string());
    }
    for (f, part) in lines.chunks(n.div_ceil(files)).enumerate() {
        let day = root.join(format!("src/day-{f:02}"));
        std::fs::create_dir_all(&day).unwrap();
        std::fs::write(day.join("part.json"), part.join("\n")).unwrap();
    }
}

/// Every table an import writes, row by row (checkpoints without their time).
fn imported_tables(ws: &str) -> Vec<(&'static str, Vec<String>)> {
    let conn = rusqlite::Connection::open(ws).unwrap();
    [
        "SELECT * FROM events ORDER BY id",
        "SELECT * FROM people ORDER BY id",
        "SELECT * FROM identities ORDER BY kind, value",
        "SELECT * FROM trait_history ORDER BY 1, 2, 3, 4",
        "SELECT * FROM groups ORDER BY 1",
        "SELECT * FROM companies ORDER BY id",
        "SELECT * FROM rollups ORDER BY 1, 2, 3, 4",
        "SELECT * FROM event_counts ORDER BY 1, 2",
        "SELECT * FROM person_traits ORDER BY 1, 2, 3, 4",
        "SELECT job, stream, position, complete FROM checkpoints ORDER BY 1, 2",
    ]
    .iter()
    .map(|sql| {
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> =
                    (0..columns).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(cells.join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (*sql, rows)
    })
    .collect()
}

fn assert_same_import(got: &str, want: &str) {
    for ((sql, got), (_, want)) in imported_tables(got).iter().zip(imported_tables(want)) {
        assert!(!want.is_empty(), "{sql}: nothing to compare");
        let first = got.iter().zip(&want).position(|(g, w)| g != w);
        assert!(
            got.len() == want.len() && first.is_none(),
            "{sql}: {} rows, {} expected; first difference at {first:?}",
            got.len(),
            want.len()
        );
    }
}

#[test]
fn an_import_killed_midway_and_run_again_stores_what_an_uninterrupted_one_stores() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("segment-logs");
    archive_for_a_kill(&archive, 120_000, 6);
    let archive = archive.to_str().unwrap();
    let workspace = |name: &str| {
        let ws = dir.path().join(name).to_str().unwrap().to_owned();
        assert!(run(&["init", "--workspace", &ws]).status.success());
        ws
    };
    let (whole, killed) = (workspace("whole.sqlite"), workspace("killed.sqlite"));
    let started = Instant::now();
    let out = run(&["import", "segment-archive", "--workspace", &whole, archive]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let took = started.elapsed();

    // Small transactions, so that the kill comes after some were committed.
    let mut child = Command::new(CLI)
        .args(["import", "segment-archive", "--workspace", &killed, archive])
        .args(["--commit-every", "20000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(took / 2);
    assert!(child.try_wait().unwrap().is_none(), "the import ended before the kill");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let committed = rusqlite::Connection::open(&killed)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM checkpoints", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert!(committed > 0, "nothing was committed before the kill");
    let out = run(&["import", "segment-archive", "--workspace", &killed, archive]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("0 line(s) rejected"), "{text}");
    assert_same_import(&killed, &whole);
    let again = run(&["import", "segment-archive", "--workspace", &killed, archive]);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Imported 0 messages"));
    assert_same_import(&killed, &whole);
}

/// Runs the CLI with a private data dir and the key file as the secret store.
fn run_keyed(data: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut child = Command::new(CLI)
        .args(args)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("SWITCHBOARD_SECRETS", "file")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn tools_connect_with_keys_off_the_command_line_and_sync_into_the_workspace() {
    use switchboard_connectors::fake;

    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let ws = ws.to_str().unwrap();
    let data = dir.path().join("data");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let first_created = switchboard_core::Day::parse("2026-11-22").unwrap().start() / 1000;
    let (cio, mk, fb) = runtime.block_on(async {
        (
            fake::customerio::start_from(
                "site9",
                "trk_key_0001",
                "app_key_0002",
                "us",
                1200,
                first_created,
            )
            .await,
            fake::madkudu::start("mk_live_secret_0003").await,
            fake::facebook::start("555", "EAAB_token_0004").await,
        )
    });
    let before = json(&["stats", "--workspace", ws, "--json", "--today", "2026-11-28"]);

    // A key is never taken as an argument.
    let refused =
        run_keyed(&data, &["connect", "madkudu", "--workspace", ws, "--set", "api_key=x"], "", &[]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pass it on stdin"));

    // Keys on stdin (several, as FIELD=VALUE lines) and in the environment.
    ok(&run_keyed(
        &data,
        &[
            "connect",
            "customerio",
            "--workspace",
            ws,
            "--set",
            "site_id=site9",
            "--base-url",
            &cio.url,
        ],
        "track_api_key=trk_key_0001\napp_api_key=app_key_0002\n",
        &[],
    ));
    let stderr = ok(&run_keyed(
        &data,
        &["connect", "madkudu", "--workspace", ws, "--base-url", &mk.url, "--test"],
        "",
        &[("SWITCHBOARD_MADKUDU_API_KEY", "mk_live_secret_0003")],
    ));
    assert!(stderr.contains("the connection works"), "{stderr}");
    ok(&run_keyed(
        &data,
        &["connect", "facebook", "--workspace", ws, "--set", "ad_account_id=act_555"],
        "EAAB_token_0004\n",
        &[],
    ));

    let out = run_keyed(
        &data,
        &[
            "sync",
            "customerio",
            "facebook",
            "--workspace",
            ws,
            "--json",
            "--base-url",
            &format!("facebook={}", fb.url),
        ],
        "",
        &[],
    );
    let stderr = ok(&out);
    let runs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(runs.as_array().unwrap().len(), 2, "{runs}");
    assert_eq!(runs[0]["tool"], "customerio");
    assert_eq!(runs[0]["status"], "succeeded", "{runs}");
    assert_eq!(runs[0]["fetched"], 1200);
    assert_eq!(runs[1]["status"], "succeeded", "{runs}");
    assert!(runs[1]["written"].as_u64().unwrap() >= 3 * 30, "{runs}");

    // The Overview moves: the outbound campaign's deliveries came in.
    let after = json(&["stats", "--workspace", ws, "--json", "--today", "2026-11-28"]);
    assert_ne!(before["outbound_open_rate"], after["outbound_open_rate"], "{before} {after}");
    // Spend from Facebook is in the CAC report.
    let cac = json(&["cac", "report", "--workspace", ws, "--json"]);
    assert!(
        cac.to_string().contains("23851000000000001"),
        "the synced campaign is reported: {cac}"
    );

    // MadKudu within a small daily budget: it stops at the budget and says so.
    ok(&run_keyed(
        &data,
        &["connect", "madkudu", "--workspace", ws, "--daily-budget", "25"],
        "",
        &[],
    ));
    let out = run_keyed(&data, &["sync", "madkudu", "--workspace", ws, "--json"], "", &[]);
    ok(&out);
    let runs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(runs[0]["credits"], 50, "25 people and 25 companies: {runs}");
    assert_eq!(runs[0]["fetched"], 50, "{runs}");
    let waiting = runs[0]["rows"].as_array().unwrap();
    assert!(
        waiting.iter().any(|r| r["reason"].as_str().unwrap().contains("wait for tomorrow")),
        "{runs}"
    );
    assert_eq!(mk.requests_to("/v1/persons"), 25);

    // The log lists the runs, newest first.
    let log = json_keyed(&data, &["sync", "log", "--workspace", ws, "--json"]);
    let tools: Vec<&str> =
        log.as_array().unwrap().iter().map(|r| r["tool"].as_str().unwrap()).collect();
    assert_eq!(tools, vec!["madkudu", "facebook", "customerio"]);

    // Keys are in the 0600 key file, and nowhere in the workspace or the output.
    let keyfile = data.join("secrets.json");
    let text = std::fs::read_to_string(&keyfile).unwrap();
    assert!(text.contains("mk_live_secret_0003") && text.contains("app_key_0002"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&keyfile).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let db = std::fs::read(ws).unwrap();
    let wal = std::fs::read(format!("{ws}-wal")).unwrap_or_default();
    for key in ["trk_key_0001", "app_key_0002", "mk_live_secret_0003", "EAAB_token_0004"] {
        let needle = key.as_bytes();
        assert!(!db.windows(needle.len()).any(|w| w == needle), "{key} is in the workspace file");
        assert!(!wal.windows(needle.len()).any(|w| w == needle), "{key} is in the WAL");
        assert!(!stderr.contains(key));
    }

    // A wrong key: the test and the sync fail with a one-line reason and exit non-zero.
    let out =
        run_keyed(&data, &["connect", "madkudu", "--workspace", ws, "--test"], "wrong\n", &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refused the credentials"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 2, "a note and the one-line error: {stderr}");
    let out = run_keyed(&data, &["sync", "facebook", "--workspace", ws], "", &[]);
    ok(&out);
    ok(&run_keyed(&data, &["connect", "facebook", "--workspace", ws], "EAAB_wrong\n", &[]));
    let out = run_keyed(&data, &["sync", "facebook", "--workspace", ws], "", &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sync failed for facebook") && stderr.contains("refused"), "{stderr}");
    assert!(!stderr.contains("EAAB_wrong"), "{stderr}");
    drop((cio, mk, fb));
}

fn json_keyed(data: &Path, args: &[&str]) -> Value {
    let out = run_keyed(data, args, "", &[]);
    ok(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_budget_guard_records_a_dry_run_then_pauses_through_the_platform() {
    use switchboard_connectors::fake;

    let dir = tempfile::tempdir().unwrap();
    let path = demo_sized(dir.path(), "0.3", "30", "2026-11-28");
    let ws = path.to_str().unwrap();
    let data = dir.path().join("data");
    let report = json(&["cac", "report", "--workspace", ws, "--json"]);
    let pricing = report
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign"] == "Retargeting: pricing page visitors")
        .unwrap()
        .clone();
    assert_eq!(pricing["alert"], "over cap", "{pricing}");
    let id = pricing["campaign_id"].as_str().unwrap().to_owned();

    // Dry run by default: recorded, nothing called.
    let dry: Value = serde_json::from_slice(
        &run_keyed(&data, &["cac", "guard", "run", "--workspace", ws, "--json"], "", &[]).stdout,
    )
    .unwrap();
    let mine = dry.as_array().unwrap().iter().find(|a| a["campaign_id"] == id.as_str()).unwrap();
    assert_eq!(mine["outcome"], "would pause");
    assert_eq!(mine["mode"], "dry run");

    // Live, through a fake Facebook that knows the demo's campaigns.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let mut setup = fake::facebook::Setup::new("777", "EAAB_live_1");
        setup.campaigns = vec![(id.clone(), "Retargeting: pricing page visitors".into())];
        fake::facebook::start_with(setup).await
    });
    ok(&run_keyed(
        &data,
        &[
            "connect",
            "facebook",
            "--workspace",
            ws,
            "--set",
            "ad_account_id=777",
            "--base-url",
            &server.url,
        ],
        "EAAB_live_1\n",
        &[],
    ));
    ok(&run_keyed(
        &data,
        &["cac", "guard", "mode", "live", "--campaign", &id, "--workspace", ws],
        "",
        &[],
    ));
    let out = run_keyed(&data, &["cac", "guard", "run", "--workspace", ws, "--json"], "", &[]);
    ok(&out);
    let live: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(live.as_array().unwrap().len(), 1, "{live}");
    assert_eq!(live[0]["outcome"], "paused", "{live}");
    assert_eq!(fake::facebook::paused(&server), vec![id.clone()]);
    let posted = server.seen().into_iter().find(|r| r.method == "POST").unwrap();
    assert!(posted.body.contains("PAUSED"), "{}", posted.body);

    let log = json_keyed(&data, &["cac", "guard", "log", "--workspace", ws, "--json"]);
    assert_eq!(log[0]["outcome"], "paused");
    assert!(log.as_array().unwrap().iter().any(|a| a["outcome"] == "would pause"));
    let bad = run(&["cac", "guard", "mode", "sometimes", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use off, dry-run or live"));
}

#[test]
fn the_channel_ladder_prices_email_from_its_cost_and_the_people_it_reached() {
    let dir = tempfile::tempdir().unwrap();
    let today = switchboard_core::Day::of(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis()
            as i64,
    );
    let last = today.plus(-1).to_string();
    let path = demo_sized(dir.path(), "0.2", "30", &last);
    let ws = path.to_str().unwrap();
    let ladder = json(&["cac", "ladder", "--workspace", ws, "--json"]);
    let rungs = ladder["rungs"].as_array().unwrap();
    let email = rungs.iter().find(|r| r["channel"] == "email").unwrap();
    // Independently: the people sent an email in the last 30 days.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let emailed: i64 = conn
        .query_row(
            "SELECT COUNT(DISTINCT person_id) FROM email_activity WHERE kind = 'sent' AND at >= ?1 AND person_id IS NOT NULL",
            [today.plus(-29).start()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(email["reached"], emailed);
    assert_eq!(email["spend_minor"], 30_000);
    assert_eq!(email["per_person_minor"], 30_000 / emailed);
    // Cheapest first; each person reached sits on one rung.
    let per: Vec<i64> = rungs.iter().filter_map(|r| r["per_person_minor"].as_i64()).collect();
    assert!(per.windows(2).all(|w| w[0] <= w[1]), "{per:?}");

    let out = run(&["cac", "channel-cost", "email", "--clear", "--workspace", ws]);
    assert!(out.status.success());
    let without = json(&["cac", "ladder", "--workspace", ws, "--json"]);
    assert_eq!(without["costs_missing"], serde_json::json!(["email"]));
    let bad = run(&["cac", "channel-cost", "display", "10", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("the channels with one are"));
}

#[test]
fn a_funnel_step_becomes_a_live_segment_of_the_people_the_funnel_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_sized(dir.path(), "0.3", "30", "2026-11-28");
    let ws = path.to_str().unwrap();
    let def = write_def(
        dir.path(),
        "funnel.json",
        r#"{"version":1,"steps":[{"event":"Signed Up","type":"track"},{"event":"Source Connected","type":"track"},
            {"event":"Destination Enabled","type":"track"}],"window_days":14,"range":{"between":["2026-10-30","2026-11-28"]},"order":"ordered"}"#,
    );
    let counted = json(&["funnel", "run", "--workspace", ws, "--file", &def, "--json"]);
    let people: Vec<i64> = counted["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["people"].as_i64().unwrap())
        .collect();
    assert!(people[1] > 0 && people[1] > people[2], "{people:?}");

    assert!(
        run(&["funnel", "save", "Activation", "--workspace", ws, "--file", &def]).status.success()
    );
    let reached =
        json(&["funnel", "segment", "Activation", "--step", "2", "--workspace", ws, "--json"]);
    assert_eq!(reached["size"], people[1], "{reached}");
    assert_eq!(reached["name"], "Activation: reached Source Connected");
    let dropped = json(&[
        "funnel",
        "segment",
        "Activation",
        "--step",
        "3",
        "--dropped",
        "--as",
        "Stuck before a destination",
        "--workspace",
        ws,
        "--json",
    ]);
    assert_eq!(dropped["size"], people[1] - people[2], "{dropped}");
    // The segment is live: it is a saved segment, counted again on demand.
    let count =
        json(&["segment", "count", "Stuck before a destination", "--workspace", ws, "--json"]);
    assert_eq!(count["count"], people[1] - people[2], "{count}");
    let list = json(&["funnel", "list", "--workspace", ws, "--json"]);
    assert_eq!(list[0]["name"], "Activation");
    let refused = run(&["funnel", "delete", "Activation", "--workspace", ws]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Stuck before a destination"));
    let bad = run(&["funnel", "segment", "Activation", "--step", "9", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("has 3 steps"));
}

#[test]
fn the_pipeline_shows_its_lookups_before_spending_them_and_spends_none_twice() {
    use switchboard_connectors::fake;

    let dir = tempfile::tempdir().unwrap();
    let ws_path = demo(dir.path());
    let ws = ws_path.to_str().unwrap();
    let data = dir.path().join("data");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (clearbit, madkudu) = runtime.block_on(async {
        (fake::clearbit::start("sk_cli_0001").await, fake::madkudu::start("mk_cli_0002").await)
    });
    ok(&run_keyed(
        &data,
        &["connect", "clearbit", "--workspace", ws, "--base-url", &clearbit.url],
        "sk_cli_0001\n",
        &[],
    ));
    ok(&run_keyed(
        &data,
        &["connect", "madkudu", "--workspace", ws, "--base-url", &madkudu.url],
        "mk_cli_0002\n",
        &[],
    ));
    let csv = dir.path().join("dnc.csv");
    std::fs::write(&csv, "email,company\nana@competitor.example,Competitor\nnot a domain,x\n")
        .unwrap();
    let out = run(&[
        "pipeline",
        "suppress",
        "add",
        "--list",
        "do-not-contact",
        "--file",
        csv.to_str().unwrap(),
        "--workspace",
        ws,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 added, 0 already on the list\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3 holds no domain"));

    let dry =
        run_keyed(&data, &["pipeline", "run", "--dry-run", "--json", "--workspace", ws], "", &[]);
    ok(&dry);
    let dry: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert!(dry["lookups"]["reveal"].as_u64().unwrap() > 0, "{dry}");
    assert!(clearbit.seen().is_empty(), "a dry run looks nothing up");

    let first = run_keyed(&data, &["pipeline", "run", "--json", "--workspace", ws], "", &[]);
    ok(&first);
    let first: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(first["revealed"], dry["lookups"]["reveal"], "{first}");
    // A run says what it may spend before it spends: the dry run's figures.
    assert_eq!(first["planned"], dry["lookups"], "{first}");
    assert!(first["identified"].as_u64().unwrap() > 0, "{first}");
    let calls = clearbit.seen().len() + madkudu.seen().len();
    let second = run_keyed(&data, &["pipeline", "run", "--json", "--workspace", ws], "", &[]);
    ok(&second);
    let second: Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(second["revealed"], 0, "{second}");
    assert_eq!(
        clearbit.seen().len() + madkudu.seen().len(),
        calls,
        "the second run spends nothing"
    );
    let third = run_keyed(&data, &["pipeline", "run", "--workspace", ws], "", &[]);
    let said = ok(&third);
    assert!(
        said.contains("This run spends at most: company 0, prospect 0, reveal 0, score 0"),
        "{said}"
    );

    // The reps' queue: the pipeline's companies are pending with the contacts it found.
    let pending = json(&["queue", "list", "--state", "pending", "--workspace", ws, "--json"]);
    let found = pending
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["contacts"].as_array().unwrap().len() >= 2)
        .expect("a pending company with contacts")
        .clone();
    let domain = found["domain"].as_str().unwrap();
    let first = found["contacts"][0]["email"].as_str().unwrap();
    // What its visitors viewed, most viewed first.
    let viewed =
        pending.as_array().unwrap().iter().find(|e| !e["pages"].as_array().unwrap().is_empty());
    let pages =
        viewed.expect("a queued company whose visitors viewed pages")["pages"].as_array().unwrap();
    assert!(
        pages.windows(2).all(|w| w[0]["views"].as_i64() >= w[1]["views"].as_i64()),
        "{pages:?}"
    );
    let out = run(&["queue", "approve", domain, "--contacts", first, "--workspace", ws]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{domain}: approved, 1 contacts approved\n")
    );
    let approved = json(&["queue", "list", "--state", "approved", "--workspace", ws, "--json"]);
    let entry = approved.as_array().unwrap().iter().find(|e| e["domain"] == domain).unwrap();
    let states: Vec<&str> = entry["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert_eq!(states[0], "approved");
    assert!(states[1..].iter().all(|s| *s == "rejected"), "{states:?}");
    let other = pending.as_array().unwrap().iter().find(|e| e["domain"] != domain).unwrap();
    let other = other["domain"].as_str().unwrap();
    assert!(
        run(&["queue", "reject", other, "--reason", "agency, not a buyer", "--workspace", ws])
            .status
            .success()
    );
    let rejected = json(&["queue", "list", "--state", "rejected", "--workspace", ws, "--json"]);
    let entry = rejected.as_array().unwrap().iter().find(|e| e["domain"] == other).unwrap();
    assert_eq!(entry["reason"], "agency, not a buyer");
    let bad = run(&["queue", "approve", "nowhere.example", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not in the review queue"));
    let bad = run(&["queue", "list", "--state", "maybe", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a review state"));
}

#[test]
fn pipeline_stats_count_each_day_as_plain_sql_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_sized(dir.path(), "0.2", "7", "2026-11-28");
    let ws = path.to_str().unwrap();
    let stats = json(&["pipeline", "stats", "--days", "7", "--workspace", ws, "--json"]);
    let days = stats["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[6]["day"], "2026-11-28");
    assert_eq!(stats["reference"]["domains_identified"], 1000);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let day = switchboard_core::Day::parse("2026-11-27").unwrap().0;
    let q = |sql: &str| -> i64 { conn.query_row(sql, [day], |r| r.get(0)).unwrap() };
    let d = &days[5];
    assert_eq!(d["ips_seen"], q("SELECT COUNT(DISTINCT ip) FROM visits WHERE day = ?1"));
    assert_eq!(
        d["domains_identified"],
        q("SELECT COUNT(DISTINCT company_id) FROM visits WHERE day = ?1")
    );
    assert_eq!(
        d["contacts_found"],
        q("SELECT COUNT(*) FROM prospects WHERE found_at / 86400000 = ?1")
    );
    assert_eq!(
        d["qualified"],
        q("SELECT COUNT(*) FROM companies WHERE qualified_at / 86400000 = ?1")
    );
    assert_eq!(
        d["opened"],
        q(
            "SELECT COUNT(DISTINCT delivery_id) FROM email_activity WHERE kind = 'opened' AND campaign = 'outbound-double-forward' AND at / 86400000 = ?1"
        )
    );
    assert!(d["domains_identified"].as_i64().unwrap() > 0);
    let table = run(&["pipeline", "stats", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("source"));
    let bad = run(&["pipeline", "stats", "--days", "0", "--workspace", ws]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--days must be from 1 to 366"));
}

/// A plain HTTP/1.1 POST over a socket: (status, body).
fn http_post(addr: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// Every distinct request (method, path, query, body) a fake server saw, with how many times.
fn asked(
    server: &switchboard_connectors::fake::FakeServer,
) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for s in server.seen() {
        *out.entry(format!("{} {}?{} {}", s.method, s.path, s.query, s.body)).or_default() += 1;
    }
    out
}

#[test]
fn a_pipeline_killed_mid_run_pays_no_lookup_twice_then_contacts_are_sent_and_replies_come_back() {
    use switchboard_connectors::fake;

    let dir = tempfile::tempdir().unwrap();
    let ws_path = demo(dir.path());
    let ws = ws_path.to_str().unwrap();
    let data = dir.path().join("data");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (clearbit, madkudu, cio) = runtime.block_on(async {
        (
            fake::clearbit::start("sk_cli_0001").await,
            fake::madkudu::start("mk_cli_0002").await,
            fake::customerio::start("site9", "trk9", "app9", "us").await,
        )
    });
    for (tool, url, key) in
        [("clearbit", &clearbit.url, "sk_cli_0001\n"), ("madkudu", &madkudu.url, "mk_cli_0002\n")]
    {
        ok(&run_keyed(&data, &["connect", tool, "--workspace", ws, "--base-url", url], key, &[]));
    }
    clearbit.slow(Duration::from_millis(60));
    madkudu.slow(Duration::from_millis(60));
    let mut child = Command::new(CLI)
        .args(["pipeline", "run", "--workspace", ws])
        .env("SWITCHBOARD_DATA_DIR", &data)
        .env("SWITCHBOARD_SECRETS", "file")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while clearbit.seen().len() < 6 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    // Killed while a lookup waits for its answer.
    child.kill().unwrap();
    child.wait().unwrap();
    clearbit.slow(Duration::ZERO);
    madkudu.slow(Duration::ZERO);
    let killed_at = clearbit.seen().len();
    assert!(killed_at >= 6, "{killed_at}");

    let rerun = json_keyed(&data, &["pipeline", "run", "--json", "--workspace", ws]);
    for server in [&clearbit, &madkudu] {
        let twice: Vec<_> = asked(server).into_iter().filter(|(_, n)| *n > 1).collect();
        assert!(twice.is_empty(), "paid twice: {twice:?}");
    }
    assert!(rerun["scored"].as_u64().unwrap() > 0, "the rerun carries on: {rerun}");
    let interrupted = rerun["interrupted"].as_array().unwrap().len();
    assert!(interrupted <= 1, "{rerun}");
    if interrupted == 1 {
        let retry = json_keyed(
            &data,
            &["pipeline", "run", "--retry-interrupted", "--json", "--workspace", ws],
        );
        assert_eq!(retry["retried"], 1, "{retry}");
        assert_eq!(retry["interrupted"].as_array().unwrap().len(), 0);
    }

    // A rep approves a company; its contacts go to Customer.io's campaign.
    let pending = json(&["queue", "list", "--state", "pending", "--workspace", ws, "--json"]);
    let company = pending
        .as_array()
        .unwrap()
        .iter()
        .find(|e| !e["contacts"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let domain = company["domain"].as_str().unwrap();
    let contact = company["contacts"][0]["email"].as_str().unwrap();
    ok(&run(&["queue", "approve", domain, "--workspace", ws]));
    let refused = run_keyed(&data, &["queue", "send", "--workspace", ws], "", &[]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Customer.io"));
    ok(&run_keyed(
        &data,
        &[
            "connect",
            "customerio",
            "--workspace",
            ws,
            "--base-url",
            &cio.url,
            "--set",
            "site_id=site9",
        ],
        "",
        &[
            ("SWITCHBOARD_CUSTOMERIO_TRACK_API_KEY", "trk9"),
            ("SWITCHBOARD_CUSTOMERIO_APP_API_KEY", "app9"),
        ],
    ));
    let sent = json_keyed(
        &data,
        &["queue", "send", "--event", "outbound_go", "--json", "--workspace", ws],
    );
    assert!(sent["sent"].as_u64().unwrap() >= 1, "{sent}");
    assert_eq!(sent["event"], "outbound_go");
    let events: Vec<Value> = cio
        .seen()
        .iter()
        .filter(|s| s.path.ends_with("/events"))
        .map(|s| serde_json::from_str(&s.body).unwrap())
        .collect();
    assert!(
        events
            .iter()
            .any(|e| e["name"] == "outbound_go" && e["data"]["prospect"]["email"] == contact)
    );
    let again = json_keyed(&data, &["queue", "send", "--json", "--workspace", ws]);
    assert_eq!(again["sent"], 0, "{again}");

    // Webhooks: set up, served by `collect`, and a Mailparser reply marks the contact replied.
    let setup = run_keyed(&data, &["webhook", "setup", "--workspace", ws], "", &[]);
    ok(&setup);
    let text = String::from_utf8_lossy(&setup.stdout).into_owned();
    let url = text
        .split_whitespace()
        .find(|w| w.ends_with("/mailparser") && w.contains("/webhooks/"))
        .unwrap()
        .to_owned();
    let path = url.trim_start_matches("http://127.0.0.1:8088").to_owned();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut collect = Command::new(CLI)
        .args(["collect", "--workspace", ws, "--port", &port.to_string()])
        .env("SWITCHBOARD_DATA_DIR", &data)
        .env("SWITCHBOARD_SECRETS", "file")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = format!("127.0.0.1:{port}");
    let started = Instant::now();
    while std::net::TcpStream::connect(&addr).is_err()
        && started.elapsed() < Duration::from_secs(20)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let reply = serde_json::json!({"id": "mp-77", "received_at": "2026-11-29T10:00:00Z",
                                   "from": format!("Someone <{contact}>"), "subject": "Re: hello"})
    .to_string();
    let (status, body) = http_post(&addr, "/webhooks/wrong/mailparser", &[], &reply);
    assert_eq!(status, 401, "{body}");
    let (status, body) = http_post(&addr, &path, &[], &reply);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("replied"), "{body}");
    collect.kill().unwrap();
    collect.wait().unwrap();
    let list = json(&["queue", "list", "--state", "approved", "--workspace", ws, "--json"]);
    let entry = list.as_array().unwrap().iter().find(|e| e["domain"] == domain).unwrap();
    let state = entry["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == contact)
        .map(|c| c["state"].clone());
    assert_eq!(state, Some(Value::from("replied")));
    let events = json(&["webhook", "events", "--workspace", ws, "--json"]);
    assert_eq!(events[0]["outcome"], "replied");
    // The next send tells Customer.io the address stopped.
    let told = json_keyed(&data, &["queue", "send", "--json", "--workspace", ws]);
    assert_eq!(told["notified"], 1, "{told}");
    // The secret is in the 0600 secrets file, not in the workspace.
    let secret = path.split('/').nth(2).unwrap().to_owned();
    let file = std::fs::read(&ws_path).unwrap();
    assert!(!String::from_utf8_lossy(&file).contains(&secret));
}

#[test]
fn pipeline_rules_are_shown_changed_and_refused_with_what_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let ws = path.to_str().unwrap();
    assert!(run(&["init", "--workspace", ws]).status.success());
    let rules = json(&["pipeline", "rules", "--workspace", ws, "--json"]);
    assert_eq!(rules["threshold"], 70.0);
    assert_eq!(rules["budgets"]["reveal"], 1000);
    let changed = json(&[
        "pipeline",
        "rules",
        "--threshold",
        "55",
        "--budget",
        "reveal=300",
        "--skip-kinds",
        "isp",
        "--skip-fuzzy",
        "false",
        "--roles",
        "marketing",
        "--workspace",
        ws,
        "--json",
    ]);
    assert_eq!(changed["threshold"], 55.0);
    assert_eq!(changed["budgets"]["reveal"], 300);
    assert_eq!(changed["skip_kinds"], serde_json::json!(["isp"]));
    assert_eq!(changed["skip_fuzzy"], false);
    // Kept for the next run.
    assert_eq!(json(&["pipeline", "rules", "--workspace", ws, "--json"]), changed);
    for (args, says) in [
        (vec!["--threshold", "150"], "from 0 to 100"),
        (vec!["--budget", "lunch=3"], "is not a lookup"),
        (vec!["--budget", "reveal"], "LOOKUP=N"),
        (vec!["--skip-kinds", "agency"], "not a Reveal type"),
    ] {
        let mut all = vec!["pipeline", "rules", "--workspace", ws];
        all.extend(args);
        let out = run(&all);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(json(&["pipeline", "rules", "--workspace", ws, "--json"]), changed);
}
