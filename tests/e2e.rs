//! End-to-end: the real app binary in a real window (under Xvfb in `make test`), driven through
//! WebDriver (`tauri-driver` forwarding to WebKitWebDriver), on a fresh data dir. The Overview
//! must show the figures `switchboard-cli stats` computes from the same workspace file.
//!
//! Needs a display, `tauri-driver` and `WebKitWebDriver`; `make test` provides all three. It
//! fails, rather than skips, when they are missing: a skipped end-to-end test proves nothing.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::process::{Child, Command};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths).map(|p| p.join("tauri-driver")).find(|p| p.is_file())
    });
    let in_cargo =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    on_path.or(in_cargo.filter(|p| p.is_file())).expect(
        "tauri-driver is not installed: run `make test`, or `cargo install tauri-driver --locked`",
    )
}

/// The app's window and its WebDriver session. Stopping it (or dropping it, when a test fails)
/// stops tauri-driver politely (SIGTERM) and then any WebKitWebDriver it left behind: an orphaned
/// one would keep the app running.
struct App {
    client: Client,
    driver: Child,
    native_port: u16,
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(pid) = self.driver.id() {
            let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
            std::thread::sleep(Duration::from_millis(500));
        }
        let pattern = format!("WebKitWebDriver --port={}", self.native_port);
        let _ = std::process::Command::new("pkill").args(["-TERM", "-f", &pattern]).status();
    }
}

impl App {
    async fn start(data_dir: &Path) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "no display: run the end-to-end tests under `xvfb-run -a` (as `make test` does)"
        );
        let (port, native_port) = (free_port(), free_port());
        // The driver's and the app's output go to a file: a process left behind must not hold
        // the test runner's pipes open.
        std::fs::create_dir_all(artifacts()).unwrap();
        let log = std::fs::File::create(artifacts().join(format!("app-{port}.log"))).unwrap();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("SWITCHBOARD_DATA_DIR", data_dir)
            .env("SWITCHBOARD_LOG", "info")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("tauri-driver did not start");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": env!("CARGO_BIN_EXE_switchboard"), "args": [] }),
        );
        caps.insert("browserName".into(), json!("wry"));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("no WebDriver session: is WebKitWebDriver (webkit2gtk-driver) installed?");
        App { client, driver, native_port }
    }

    async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        if let Some(pid) = self.driver.id() {
            let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        }
        let _ = tokio::time::timeout(Duration::from_secs(10), self.driver.wait()).await;
    }

    /// Waits until the element exists and carries a non-empty `data-value`, and returns it.
    async fn value(&self, test_id: &str, within: Duration) -> String {
        let css = format!("[data-testid=\"{test_id}\"]");
        let deadline = Instant::now() + within;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(&css)).await
                && let Ok(Some(v)) = el.attr("data-value").await
                && !v.is_empty()
            {
                return v;
            }
            // Fail at once, with the app's own words, when it shows an error instead.
            for error_id in ["overview-error", "workspace-failed"] {
                let shown = self.text_if_present(error_id).await;
                assert!(shown.is_none(), "the app shows an error: {}", shown.unwrap_or_default());
            }
            assert!(Instant::now() < deadline, "{test_id} did not show a value in {within:?}");
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// The element's text content, including what is scrolled out of view.
    async fn text(&self, test_id: &str) -> String {
        self.text_if_present(test_id).await.unwrap_or_else(|| panic!("no element {test_id}"))
    }

    async fn text_if_present(&self, test_id: &str) -> Option<String> {
        let script = "const el = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
                      return el ? el.textContent : null;";
        let value = self.client.execute(script, vec![json!(test_id)]).await.ok()?;
        value.as_str().map(str::to_owned)
    }

    /// Saves a PNG of the window once the last frame has been painted.
    async fn screenshot(&self, path: &Path) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

/// `switchboard-cli`, built beside the app binary (by `cargo test --workspace`, or here).
fn cli() -> PathBuf {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_switchboard"));
    let cli = app.with_file_name("switchboard-cli");
    if !cli.is_file() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let ok = std::process::Command::new(cargo)
            .args(["build", "-p", "switchboard-cli"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok && cli.is_file(), "could not build switchboard-cli");
    }
    cli
}

fn stats(workspace: &Path) -> Value {
    let out = std::process::Command::new(cli())
        .args(["stats", "--json", "--workspace"])
        .arg(workspace)
        .output()
        .unwrap();
    assert!(out.status.success(), "stats failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn artifacts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts")
}

#[tokio::test(flavor = "multi_thread")]
async fn first_start_creates_the_demo_and_the_overview_matches_stats() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;

    // The demo workspace is generated on first start; give a debug build time for it.
    let first = app.value("kpi-identified-domains-30", Duration::from_secs(180)).await;
    let workspace = data.path().join("demo-workspace.sqlite");
    assert!(workspace.is_file(), "the app did not create {}", workspace.display());
    let s = stats(&workspace);
    app.screenshot(&artifacts().join("overview.png")).await;

    let close = |shown: &str, expected: f64, what: &str| {
        let shown: f64 =
            shown.parse().unwrap_or_else(|_| panic!("{what}: `{shown}` is not a number"));
        assert!(
            (shown - expected).abs() < 1e-9,
            "{what}: window shows {shown}, stats says {expected}"
        );
    };
    close(&first, s["identified_domains_per_day"].as_f64().unwrap(), "identified domains (30d)");
    for window in s["windows"].as_array().unwrap() {
        let days = window["days"].as_u64().unwrap();
        for (key, field) in [
            ("identified-domains", "identified_domains_per_day"),
            ("qualified-companies", "qualified_companies_per_day"),
            ("new-contacts", "new_contacts_per_day"),
            ("open-rate", "outbound_open_rate"),
        ] {
            let shown = app.value(&format!("kpi-{key}-{days}"), Duration::from_secs(5)).await;
            close(&shown, window[field].as_f64().unwrap(), &format!("{key} ({days}d)"));
        }
    }
    // The source's figures, as a person reads them on the screen.
    let open_rate = app.text("kpi-open-rate-30").await;
    assert!(open_rate.contains('%'), "open rate shows `{open_rate}`");
    let domains = s["identified_domains_per_day"].as_f64().unwrap();
    assert!((900.0..1_100.0).contains(&domains), "{domains} identified domains a day");

    for (id, field) in [
        ("count-people", "people"),
        ("count-companies", "companies"),
        ("count-events", "events_total"),
    ] {
        let shown = app.value(id, Duration::from_secs(5)).await;
        assert_eq!(shown, s[field].to_string(), "{id}");
    }
    for (t, n) in s["events_by_type"].as_object().unwrap() {
        let shown = app.value(&format!("count-events-{t}"), Duration::from_secs(5)).await;
        assert_eq!(shown, n.to_string(), "{t} events");
    }
    let top = app.text("top-companies").await;
    let first_domain = s["top_companies"][0]["domain"].as_str().unwrap();
    assert!(top.contains(first_domain), "top companies table lacks {first_domain}");
    let latest = app.text("latest-events").await;
    let newest = s["latest_events"][0]["who"].as_str().unwrap();
    assert!(latest.contains(newest), "latest events lack {newest}: {latest}");

    // The dark theme, chosen the way a person does, applies to the whole window.
    let scheme = app
        .client
        .execute(
            "document.querySelector('input[value=\"dark\"]').click();
             return document.documentElement.getAttribute('data-mantine-color-scheme');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(scheme, json!("dark"));
    app.screenshot(&artifacts().join("overview-dark.png")).await;

    app.stop().await;
}
