//! Load on `switchboard-cli collect`, as the issue measures it: two sending processes post
//! batches of 100 track calls over loopback (HTTP/1.1 keep-alive, Basic auth) for a while; the
//! figures are events a second sustained, each batch's latency (p50, p99, max) and the
//! collector's resident memory over the run. Every event confirmed must be stored.
//!
//! `cargo bench -p switchboard-cli --bench collect_load` runs 30 s; `LOAD_SECONDS=600` gives the
//! 10-minute memory run. The same binary, with `LOAD_SENDER` set, is one sending process.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CLI: &str = env!("CARGO_BIN_EXE_switchboard-cli");
const BATCH: usize = 100;
const SENDERS: usize = 2;

fn main() {
    if std::env::var_os("LOAD_SENDER").is_some() {
        sender();
    } else {
        orchestrate();
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn orchestrate() {
    let seconds = env_u64("LOAD_SECONDS", 30);
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("load.sqlite");
    let ws = ws.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(CLI).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    run(&["init", "--workspace", ws]);
    let source: Value =
        serde_json::from_slice(&run(&["source", "add", "load", "--workspace", ws, "--json"]))
            .unwrap();
    let key = source["write_key"].as_str().unwrap().to_owned();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut collector = Command::new(CLI)
        .args(["collect", "--workspace", ws, "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the collector did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }

    let me = std::env::current_exe().unwrap();
    let started = Instant::now();
    let senders: Vec<_> = (0..SENDERS)
        .map(|i| {
            Command::new(&me)
                .env("LOAD_SENDER", i.to_string())
                .env("LOAD_PORT", port.to_string())
                .env("LOAD_KEY", &key)
                .env("LOAD_SECONDS", seconds.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();

    let mut rss = Vec::new();
    let pid = collector.id();
    while started.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(5).min(Duration::from_secs(seconds)));
        if let Some(kb) = rss_kb(pid) {
            rss.push(kb);
        }
    }
    let mut confirmed = 0u64;
    let mut latencies: Vec<f64> = Vec::new();
    for s in senders {
        let out = s.wait_with_output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        confirmed += report["confirmed"].as_u64().unwrap();
        latencies
            .extend(report["latencies_ms"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()));
    }
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(kb) = rss_kb(pid) {
        rss.push(kb);
    }
    collector.kill().unwrap();
    collector.wait().unwrap();

    let stats: Value =
        serde_json::from_slice(&run(&["stats", "--workspace", ws, "--json"])).unwrap();
    let stored = stats["events_total"].as_u64().unwrap();
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!(
        "collect_load: {SENDERS} senders, batches of {BATCH}, {elapsed:.0} s: {confirmed} events confirmed, \
         {stored} stored, {:.0} events/s; batch latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         collector RSS first {:.0} MB, max {:.0} MB, last {:.0} MB",
        confirmed as f64 / elapsed,
        pct(0.5),
        pct(0.99),
        latencies.last().copied().unwrap_or(0.0),
        mb(rss.first().copied().unwrap_or(0)),
        mb(rss.iter().copied().max().unwrap_or(0)),
        mb(rss.last().copied().unwrap_or(0)),
    );
    println!(
        "collect_load: RSS samples (MB): {:?}",
        rss.iter().map(|k| k / 1024).collect::<Vec<_>>()
    );
    assert_eq!(stored, confirmed, "every confirmed event must be stored, once");
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

/// One sending process: batches of 100 over one keep-alive connection until the time is up.
fn sender() {
    let id: u64 = env_u64("LOAD_SENDER", 0);
    let port = env_u64("LOAD_PORT", 8088);
    let seconds = env_u64("LOAD_SECONDS", 30);
    let key = std::env::var("LOAD_KEY").unwrap();
    let auth =
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{key}:"));
    let connect = || {
        let s = TcpStream::connect(("127.0.0.1", u16::try_from(port).unwrap())).unwrap();
        s.set_nodelay(true).unwrap();
        (BufReader::new(s.try_clone().unwrap()), s)
    };
    let (mut reader, mut stream) = connect();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut n, mut confirmed) = (0u64, 0u64);
    let mut latencies = Vec::new();
    while Instant::now() < deadline {
        let batch: Vec<Value> = (0..BATCH)
            .map(|i| {
                json!({"type": "track", "userId": format!("user-{}", (n + i as u64) % 5_000),
                       "event": "Load Test", "messageId": format!("load-{id}-{}", n + i as u64),
                       "properties": {"plan": "pro", "seats": 3, "path": "/pricing"},
                       "context": {"ip": "203.0.113.7", "library": {"name": "load", "version": "1"}},
                       "timestamp": "2026-11-28T10:00:00Z"})
            })
            .collect();
        n += BATCH as u64;
        let body = json!({ "batch": batch, "sentAt": "2026-11-28T10:00:00Z" }).to_string();
        let request = format!(
            "POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {auth}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let t = Instant::now();
        stream.write_all(request.as_bytes()).unwrap();
        let status = read_response(&mut reader);
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(status, 200, "a batch was refused");
        confirmed += BATCH as u64;
    }
    println!("{}", json!({ "confirmed": confirmed, "latencies_ms": latencies }));
}

fn read_response(reader: &mut BufReader<TcpStream>) -> u16 {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    status
}
