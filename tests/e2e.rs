//! End-to-end: the real app binary in a real window (under Xvfb in `make test`), driven through
//! WebDriver (`tauri-driver` forwarding to WebKitWebDriver), on a fresh data dir each. The
//! Overview must show the figures `switchboard-cli stats` computes from the same workspace file;
//! events sent to the collector the Sources screen starts must show on Sources, People and
//! Tracking plan as `switchboard-cli` reads them from the file.
//!
//! Needs a display, `tauri-driver` and `WebKitWebDriver`; `make test` provides all three. It
//! fails, rather than skips, when they are missing: a skipped end-to-end test proves nothing.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
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
            // Keys go to a file in the test's data dir, never to the keychain of the machine.
            .env("SWITCHBOARD_SECRETS", "file")
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

    /// The app on the demo workspace it creates in `data_dir`, once the Overview shows it, in the
    /// light theme; and the workspace's file.
    async fn on_demo(data_dir: &Path) -> (App, PathBuf) {
        let app = App::start(data_dir).await;
        app.value("kpi-identified-domains-30", Duration::from_secs(180)).await;
        app.choose_theme("light").await;
        (app, data_dir.join("demo-workspace.sqlite"))
    }

    /// Waits until the element exists and carries a non-empty `data-value`, and returns it.
    async fn value(&self, test_id: &str, within: Duration) -> String {
        self.attr_until(test_id, "data-value", within, "a value", |v| !v.is_empty()).await
    }

    /// Waits until the element's attribute passes `ok` (`wanted` says how, for the failure).
    async fn attr_until(
        &self,
        test_id: &str,
        attribute: &str,
        within: Duration,
        wanted: &str,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + within;
        loop {
            let value = self.query(test_id, &format!("el.getAttribute('{attribute}')")).await;
            if let Some(v) = value.as_str()
                && ok(v)
            {
                return v.to_owned();
            }
            self.assert_no_error_shown().await;
            assert!(
                Instant::now() < deadline,
                "{test_id} did not show {wanted} in {within:?}; its {attribute} is {value}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Fails at once, with the app's own words, when it shows an error instead of a screen.
    async fn assert_no_error_shown(&self) {
        for error_id in [
            "overview-error",
            "workspace-failed",
            "sources-error",
            "collector-error",
            "people-error",
            "person-error",
            "plan-error",
            "segments-error",
            "segment-preview-failed",
        ] {
            let shown = self.text_if_present(error_id).await;
            assert!(shown.is_none(), "the app shows {error_id}: {}", shown.unwrap_or_default());
        }
    }

    /// Waits until the element's text contains every one of `needles`, and returns the text.
    async fn text_until(&self, test_id: &str, within: Duration, needles: &[&str]) -> String {
        let deadline = Instant::now() + within;
        loop {
            let text = self.text_if_present(test_id).await;
            if let Some(t) = &text
                && needles.iter().all(|n| t.contains(n))
            {
                return t.clone();
            }
            self.assert_no_error_shown().await;
            assert!(
                Instant::now() < deadline,
                "{test_id} did not show {needles:?} in {within:?}; it shows {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Waits until the table's body rows (each a list of its cells' trimmed text) pass `ok`.
    async fn rows_until(
        &self,
        test_id: &str,
        within: Duration,
        wanted: &str,
        ok: impl Fn(&[Vec<String>]) -> bool,
    ) -> Vec<Vec<String>> {
        let deadline = Instant::now() + within;
        loop {
            let value = self
                .query(
                    test_id,
                    "Array.from(el.querySelectorAll('tbody tr'),
                                r => Array.from(r.cells, c => c.textContent.trim()))",
                )
                .await;
            let rows: Option<Vec<Vec<String>>> = serde_json::from_value(value).ok();
            if let Some(rows) = &rows
                && ok(rows)
            {
                return rows.clone();
            }
            self.assert_no_error_shown().await;
            assert!(
                Instant::now() < deadline,
                "{test_id} did not show {wanted} in {within:?}; its rows: {rows:?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// `expression` evaluated on the element (`el`), or null when there is no such element.
    async fn query(&self, test_id: &str, expression: &str) -> Value {
        let script = format!(
            "const el = document.querySelector(`[data-testid=\"${{arguments[0]}}\"]`);
             return el ? {expression} : null;"
        );
        self.client.execute(&script, vec![json!(test_id)]).await.unwrap_or(Value::Null)
    }

    /// The element, once it is there.
    async fn element(&self, locator: Locator<'_>) -> Element {
        let what = format!("{locator:?}");
        self.client
            .wait()
            .at_most(LONG)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("no element {what}: {e}"))
    }

    async fn by_test_id(&self, test_id: &str) -> Element {
        self.element(Locator::Css(&format!("[data-testid=\"{test_id}\"]"))).await
    }

    /// Clicks the element once it is enabled, as a person would (a real pointer click).
    async fn click(&self, element: &Element) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !element.is_enabled().await.unwrap_or(false) {
            assert!(Instant::now() < deadline, "{} stayed disabled", describe(element).await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if let Err(e) = element.click().await {
            panic!("could not click {}: {e:?}", describe(element).await);
        }
    }

    /// Replaces the text in an input by typing, as a person would (select all, then type).
    async fn fill(&self, test_id: &str, text: &str) {
        let input = self.by_test_id(test_id).await;
        self.click(&input).await;
        let select_all = format!("{}a{}", char::from(Key::Control), char::from(Key::Null));
        input.send_keys(&select_all).await.unwrap();
        input.send_keys(text).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let value = input.prop("value").await.unwrap();
            if value.as_deref() == Some(text) {
                return;
            }
            assert!(Instant::now() < deadline, "{test_id} holds {value:?}, not `{text}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls an element to the top of the view, as a person scrolls to what they want to see.
    /// `block` is where it lands: `start` (to look at it) or `center` (to click it).
    async fn scroll_to(&self, test_id: &str, block: &str) {
        let script = "document.querySelector(`[data-testid=\"${arguments[0]}\"]`)
                          .scrollIntoView({block: arguments[1]}); return true;";
        self.client.execute(script, vec![json!(test_id), json!(block)]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    /// Goes to a screen through the navigation, and waits for its title.
    async fn open(&self, screen: &str) {
        let link = self
            .element(Locator::XPath(&format!(
                "//nav[@aria-label='Screens']//button[normalize-space(.)='{screen}']"
            )))
            .await;
        self.click(&link).await;
        self.element(Locator::XPath(&format!("//main//h1[normalize-space(.)='{screen}']"))).await;
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

    /// Chooses a theme in the header's switch, and checks that the whole document takes it.
    async fn choose_theme(&self, scheme: &str) {
        let shown = self
            .client
            .execute(
                "document.querySelector(`input[value=\"${arguments[0]}\"]`).click();
                 return document.documentElement.getAttribute('data-mantine-color-scheme');",
                vec![json!(scheme)],
            )
            .await
            .unwrap();
        assert_eq!(shown, json!(scheme), "the {scheme} theme did not apply");
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

/// An element as its HTML begins, for failure messages (its Debug form is the whole session).
async fn describe(element: &Element) -> String {
    let html = element.html(false).await.unwrap_or_default();
    html.chars().take(160).collect()
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

/// `switchboard-cli ARGS --json --workspace FILE`, parsed.
fn cli_json(args: &[&str], workspace: &Path) -> Value {
    let out = std::process::Command::new(cli())
        .args(args)
        .args(["--json", "--workspace"])
        .arg(workspace)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "switchboard-cli {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stats(workspace: &Path) -> Value {
    cli_json(&["stats"], workspace)
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
    app.choose_theme("dark").await;
    app.screenshot(&artifacts().join("overview-dark.png")).await;

    app.stop().await;
}

/// The tracking plan the test imports: `plan` must be a string.
const PLAN: &str = r#"{"name":"E2E plan","events":[{"name":"Signed Up","properties":{"type":"object","required":["plan"],"properties":{"plan":{"type":"string"}}}}]}"#;

/// Posts a batch to the collector as Segment's libraries do: HTTP Basic, the write key as user.
async fn post_batch(
    port: u16,
    write_key: &str,
    batch: &Value,
) -> reqwest::Result<reqwest::Response> {
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/v1/batch"))
        .basic_auth(write_key, Some(""))
        .json(&json!({ "batch": batch }))
        .timeout(Duration::from_secs(10))
        .send()
        .await
}

/// What a Segment library would send for one visitor: who they are, and two events, the first
/// with a number where the plan wants a string, the second not in the plan at all.
fn visitor_batch() -> Value {
    let who = |mut message: Value| {
        let m = message.as_object_mut().unwrap();
        m.insert("userId".into(), json!("e2e-user"));
        m.insert("anonymousId".into(), json!("e2e-anon"));
        message
    };
    json!([
        who(json!({
            "type": "identify",
            "messageId": "e2e-identify-1",
            "traits": {
                "email": "grace@e2e-corp.example",
                "firstName": "Grace",
                "lastName": "Hopper"
            }
        })),
        who(json!({
            "type": "track",
            "messageId": "e2e-track-1",
            "event": "Signed Up",
            "properties": { "plan": 3 }
        })),
        who(json!({ "type": "track", "messageId": "e2e-track-2", "event": "Unplanned Thing" })),
    ])
}

/// Whether some row has every one of `cells` among its cells.
fn has_row(rows: &[Vec<String>], cells: &[&str]) -> bool {
    rows.iter().any(|row| cells.iter().all(|c| row.iter().any(|cell| cell == c)))
}

/// A row's cell by column, empty when the row has no such column (an empty table's message row).
fn cell(row: &[String], column: usize) -> &str {
    row.get(column).map_or("", String::as_str)
}

const SHORT: Duration = Duration::from_secs(10);
/// For what waits on a render or a search.
const LONG: Duration = Duration::from_secs(20);

/// Adds a source through the Sources screen's form, and returns the write key the table shows.
async fn add_source(app: &App, name: &str) -> String {
    app.fill("source-name", name).await;
    app.click(&app.by_test_id("source-add").await).await;
    app.text_until("source-added", SHORT, &[&format!("Source {name} added")]).await;
    let key = app.text_until(&format!("key-{name}"), SHORT, &[]).await;
    assert!(key.len() >= 16 && key.chars().all(|c| c.is_ascii_alphanumeric()), "write key `{key}`");
    assert_eq!(app.text("source-added-key").await, key, "the alert and the table disagree");
    let rows = app.rows_until("sources-table", SHORT, name, |r| has_row(r, &[name])).await;
    assert_eq!(rows.len(), 1, "sources: {rows:?}");
    assert_eq!(cell(&rows[0], 2), "0", "a new source has sent nothing: {rows:?}");
    key
}

/// Flips the collector's switch, by its label as a person does (the input itself is hidden).
async fn toggle_collector(app: &App) {
    let label = "//input[@data-testid='collector-toggle']/ancestor::label[1]";
    app.click(&app.element(Locator::XPath(label)).await).await;
}

/// Imports [`PLAN`] on the Tracking plan screen, pasted, after a paste that is not a plan.
async fn import_plan(app: &App) {
    app.open("Tracking plan").await;
    app.text_until("plan-empty", SHORT, &["A tracking plan lists the events"]).await;
    app.fill("plan-json", "not a plan").await;
    app.click(&app.by_test_id("plan-import").await).await;
    app.text_until("plan-import-error", SHORT, &["could not be imported", "not valid JSON"]).await;
    app.fill("plan-json", PLAN).await;
    app.click(&app.by_test_id("plan-import").await).await;
    app.text_until("plan-name", SHORT, &["E2E plan"]).await;
    assert!(app.text_if_present("plan-empty").await.is_none(), "the plan screen still says none");
    let planned = app.rows_until("plan-events", SHORT, "Signed Up", |r| r.len() == 1).await;
    assert_eq!(cell(&planned[0], 0), "Signed Up", "{planned:?}");
    let properties = cell(&planned[0], 1);
    assert!(["plan", "string", "required"].iter().all(|p| properties.contains(p)), "{planned:?}");
}

/// Sources, refreshed every 2 s, shows the visitor's messages and the refused request.
async fn check_sources_received(app: &App) {
    app.open("Sources").await;
    let latest = app
        .rows_until("source-latest-events", SHORT, "the three messages", |rows| {
            has_row(rows, &["identify", "e2e-user"])
                && has_row(rows, &["track", "Signed Up", "e2e-user", "e2e-corp.example"])
                && has_row(rows, &["track", "Unplanned Thing", "e2e-user"])
        })
        .await;
    assert_eq!(latest.len(), 3, "only what the collector received: {latest:?}");
    app.attr_until("events-per-minute", "data-value", SHORT, "at least 3", |v| {
        v.parse::<i64>().is_ok_and(|n| n >= 3)
    })
    .await;
    assert_eq!(app.value("collector-accepted", SHORT).await, "3");
    app.rows_until("sources-table", SHORT, "3 events from e2e-web", |rows| {
        rows.iter().any(|r| cell(r, 0) == "e2e-web" && cell(r, 2) == "3")
    })
    .await;
    let rejections = app
        .rows_until("rejections-table", SHORT, "the refused request", |rows| {
            has_row(rows, &["/v1/batch", "401"])
        })
        .await;
    assert_eq!(rejections.len(), 1, "{rejections:?}");
    assert!(cell(&rejections[0], 4).contains("unknown write key"), "reason: {rejections:?}");
}

/// People: the visitor, found by their company's domain, with everything the batch said.
async fn check_person(app: &App) {
    app.open("People").await;
    app.fill("people-search", "e2e-corp").await;
    app.text_until("people-count", SHORT, &["1 person found"]).await;
    let found = app.rows_until("people-list", SHORT, "one person", |r| r.len() == 1).await;
    assert!(cell(&found[0], 0).contains("Grace Hopper"), "{found:?}");
    let row_id =
        app.query("people-list", "el.querySelector('tbody tr').getAttribute('data-testid')").await;
    let row_id = row_id.as_str().expect("the row has a test id");
    assert!(row_id.starts_with("person-row-"), "{row_id}");
    // WebKit's driver cannot click a table row itself; a person clicks a cell of it.
    let first_cell = app.element(Locator::Css(&format!("[data-testid=\"{row_id}\"] td"))).await;
    app.click(&first_cell).await;
    app.text_until("person-name", SHORT, &["Grace Hopper"]).await;
    app.text_until("person-company", SHORT, &["e2e-corp.example"]).await;
    assert_eq!(app.value("person-events", SHORT).await, "3");
    app.rows_until("person-identities", SHORT, "both ids", |r| {
        has_row(r, &["User id", "e2e-user"]) && has_row(r, &["Anonymous id", "e2e-anon"])
    })
    .await;
    app.rows_until("person-traits", SHORT, "the email and names", |r| {
        has_row(r, &["email", "grace@e2e-corp.example"])
            && has_row(r, &["firstName", "Grace"])
            && has_row(r, &["lastName", "Hopper"])
    })
    .await;
    app.rows_until("person-activity", SHORT, "both events once", |r| {
        has_row(r, &["track", "Signed Up", "1"]) && has_row(r, &["track", "Unplanned Thing", "1"])
    })
    .await;
    app.text_until("person-timeline", SHORT, &["identify", "Signed Up", "Unplanned Thing"]).await;
}

/// Tracking plan: the number sent as `plan` and the unplanned event are both reported.
async fn check_violations(app: &App) {
    app.open("Tracking plan").await;
    app.text_until("plan-name", SHORT, &["E2E plan"]).await;
    // The screen refreshes every 10 s.
    app.rows_until("violation-counts", Duration::from_secs(15), "both violations", |r| {
        has_row(r, &["Signed Up", "Wrong type", "1"])
            && has_row(r, &["Unplanned Thing", "Unplanned event", "1"])
    })
    .await;
    let examples = app
        .rows_until("violation-examples", SHORT, "both examples", |r| {
            has_row(r, &["Signed Up", "Wrong type", "plan", "e2e-track-1"])
                && has_row(r, &["Unplanned Thing", "Unplanned event", "e2e-track-2"])
        })
        .await;
    assert_eq!(examples.len(), 2, "{examples:?}");
    app.rows_until("plan-events", SHORT, "Signed Up seen once, violating once", |r| {
        r.len() == 1 && cell(&r[0], 2) == "1" && cell(&r[0], 3).starts_with('1')
    })
    .await;
}

/// `switchboard-cli` reads the same from the workspace file.
fn check_cli(workspace: &Path, key: &str) {
    let sources = cli_json(&["source", "list"], workspace);
    let listed = sources.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{sources}");
    assert_eq!(listed[0]["name"], json!("e2e-web"), "{sources}");
    assert_eq!(listed[0]["write_key"], json!(key), "{sources}");
    assert_eq!(listed[0]["events"], json!(3), "{sources}");
    let report = cli_json(&["plan", "violations"], workspace);
    assert_eq!(report["plan"]["name"], json!("E2E plan"), "{report}");
    let count = |event: &str, kind: &str| {
        report["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["event"] == event && c["kind"] == kind)
            .map(|c| c["count"].clone())
    };
    assert_eq!(count("Signed Up", "wrong_type"), Some(json!(1)), "{report}");
    assert_eq!(count("Unplanned Thing", "unplanned_event"), Some(json!(1)), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn events_sent_to_the_collector_show_on_sources_people_and_the_tracking_plan() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;
    app.value("kpi-identified-domains-30", Duration::from_secs(180)).await;
    let workspace = data.path().join("demo-workspace.sqlite");
    // The webview keeps the theme of the last run; the screenshots should not depend on it.
    app.choose_theme("light").await;

    // Sources: the demo has none, so the screen explains how to connect one.
    app.open("Sources").await;
    app.text_until("sources-empty", SHORT, &["No sources yet"]).await;
    app.text_until("connect-snippet", SHORT, &["analytics.write_key", "YOUR_WRITE_KEY"]).await;
    app.text_until("source-latest-events", SHORT, &["No events received yet"]).await;
    app.text_until("rejections-table", SHORT, &["No requests refused"]).await;
    let key = add_source(&app, "e2e-web").await;
    assert!(app.text_if_present("sources-empty").await.is_none(), "still says there are none");
    // The same name again is refused, in words, beside the field.
    app.fill("source-name", "e2e-web").await;
    app.click(&app.by_test_id("source-add").await).await;
    let refusal = app.text_until("source-add-error", SHORT, &["already exists"]).await;
    assert!(refusal.contains("e2e-web"), "the refusal does not name the source: {refusal}");

    // The collector starts on the port typed in, and says where it listens.
    let port = free_port();
    app.fill("collector-port", &port.to_string()).await;
    app.fill("collector-bind", "127.0.0.1").await;
    toggle_collector(&app).await;
    let address = format!("http://127.0.0.1:{port}");
    assert_eq!(app.text_until("collector-address", SHORT, &[&address]).await, address);
    assert_eq!(app.value("events-per-minute", SHORT).await, "0");

    // The plan first, so that the collector checks the messages against it.
    import_plan(&app).await;
    let batch = visitor_batch();
    let answer = post_batch(port, &key, &batch).await.expect("the collector did not answer");
    assert_eq!(answer.status(), 200, "the collector refused the batch");
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["success"], json!(true), "{body}");
    let refused = post_batch(port, "not-a-write-key", &batch).await.unwrap();
    assert_eq!(refused.status(), 401, "a wrong write key was not refused");

    check_sources_received(&app).await;
    app.screenshot(&artifacts().join("sources.png")).await;
    // The copy button copies the key (the button says so once the clipboard has taken it).
    app.click(&app.by_test_id("copy-key-e2e-web").await).await;
    app.attr_until("copy-key-e2e-web", "data-copied", SHORT, "copied", |v| v == "true").await;

    check_person(&app).await;
    app.screenshot(&artifacts().join("people.png")).await;

    check_violations(&app).await;
    app.screenshot(&artifacts().join("plan.png")).await;

    check_cli(&workspace, &key);

    // Off, the collector stops listening.
    app.open("Sources").await;
    app.text_until("collector-address", SHORT, &[&address]).await;
    toggle_collector(&app).await;
    app.by_test_id("collector-port").await;
    assert!(app.text_if_present("collector-address").await.is_none(), "still shows an address");
    let after = post_batch(port, &key, &batch).await;
    assert!(after.as_ref().is_err_and(reqwest::Error::is_connect), "still answers: {after:?}");

    app.stop().await;
}

/// The Templates screen: the built-in double forward previews for a demo prospect exactly as the
/// command line renders it, an edit that breaks a variable shows as an error that blocks the
/// exports, and stepping to the next prospect renders for them.
#[tokio::test(flavor = "multi_thread")]
async fn a_template_previews_for_a_prospect_as_the_cli_renders_it() {
    let data = tempfile::tempdir().unwrap();
    let (app, workspace) = App::on_demo(data.path()).await;

    app.open("Templates").await;
    app.text_until("template-list", SHORT, &["Double forward"]).await;
    app.text_until("preview-status", LONG, &["Ready"]).await;
    let to = app.text_until("preview-to", SHORT, &["@"]).await;
    let email = to
        .split_whitespace()
        .find(|w| w.contains('@'))
        .unwrap()
        .trim_matches(['<', '>'])
        .to_owned();
    let subject =
        app.text_until("preview-subject", SHORT, &["Fwd: Fwd: New domain identified:"]).await;

    // The command line renders the same email for the same prospect.
    let cli =
        cli_json(&["template", "preview", "Double forward", "--prospect", &email], &workspace);
    assert!(subject.contains(cli["subject"].as_str().unwrap()), "{subject} vs {cli}");
    let text = app.text("preview-text").await;
    let cli_text = cli["text"].as_str().unwrap();
    // The dates differ by the seconds between the two renders; everything before them is equal.
    let head = cli_text.split("Date:").next().unwrap();
    assert!(
        text.contains(head.trim()),
        "the app's text differs from the CLI's:\n{text}\n---\n{head}"
    );
    let frame = app.by_test_id("preview-frame").await;
    assert_eq!(frame.attr("sandbox").await.unwrap().as_deref(), Some(""));
    let srcdoc = frame.attr("srcdoc").await.unwrap().unwrap_or_default();
    assert!(srcdoc.contains("Forwarded message") && srcdoc.contains("default-src 'none'"));
    app.scroll_to("template-preview", "start").await;
    app.screenshot(&artifacts().join("templates.png")).await;

    // Next prospect: the preview follows.
    app.click(&app.by_test_id("prospect-next").await).await;
    let deadline = Instant::now() + LONG;
    loop {
        let now_to = app.text("preview-to").await;
        if !now_to.contains(&email) {
            break;
        }
        assert!(Instant::now() < deadline, "the preview did not move to the next prospect");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Break a variable in the rep's subject: an error with its place, and no export.
    // The rep's layer, the outermost, is the one open.
    app.scroll_to("layer-2-subject", "center").await;
    app.fill("layer-2-subject", "Fwd: {{ company.nope }}").await;
    app.scroll_to("template-preview", "start").await;
    app.text_until("preview-status", LONG, &["1 error"]).await;
    app.text_until("preview-issues", SHORT, &["company.nope"]).await;
    assert!(!app.by_test_id("export-eml").await.is_enabled().await.unwrap());
    assert!(app.text_if_present("template-unsaved").await.is_some(), "no unsaved-changes mark");
    app.stop().await;
}

/// Chooses `value` in a native select found by its test id, as its popup would (WebKitGTK's
/// driver cannot open a native popup): sets the value and fires `change`.
async fn select(app: &App, test_id: &str, value: &str) {
    app.by_test_id(test_id).await;
    let chosen = app
        .client
        .execute(
            "let el = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
             if (el.tagName !== 'SELECT') { el = el.querySelector('select'); }
             if (!el || ![...el.options].some(o => o.value === arguments[1])) { return false; }
             el.value = arguments[1];
             el.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![json!(test_id), json!(value)],
        )
        .await
        .unwrap();
    assert_eq!(chosen, json!(true), "{test_id} has no option {value}");
    tokio::time::sleep(Duration::from_millis(150)).await;
}

/// Scrolls the element to the middle of the view, then clicks it.
async fn click_centered(app: &App, element: &Element) {
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'}); return true;",
            vec![serde_json::to_value(element).unwrap()],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let on_top = app
        .client
        .execute(
            "const r = arguments[0].getBoundingClientRect();
             const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
             return top && !arguments[0].contains(top) ? top.outerHTML.slice(0, 300) : null;",
            vec![serde_json::to_value(element).unwrap()],
        )
        .await
        .unwrap();
    if !on_top.is_null() {
        app.screenshot(&artifacts().join("covered.png")).await;
        panic!("{} is covered by {on_top}", describe(element).await);
    }
    app.click(element).await;
}

/// Closes whatever list of suggestions the focused input opened, as Escape does.
async fn dismiss(app: &App) {
    let active = app.client.active_element().await.unwrap();
    active.send_keys(&char::from(Key::Escape).to_string()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
}

/// Adds a rule of `kind` through a group's add-rule button and menu.
/// A menu that opens as the builder re-renders (a live count arriving) can close again at
/// once, so the button is clicked again until the item shows.
async fn add_rule(app: &App, button: Locator<'_>, kind: &str) {
    let item = format!("#segment-kind-{kind}");
    // Every rule has a remove button: one more of them says the rule was added.
    let rules = || async {
        app.client
            .execute(
                "return document.querySelectorAll('[data-testid^=\"remove-/rule\"]').length;",
                vec![],
            )
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0)
    };
    for attempt in 0..4 {
        dismiss(app).await;
        let before = rules().await;
        let add = app.element(button).await;
        click_centered(app, &add).await;
        let found = app
            .client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(&item))
            .await;
        match found {
            Ok(element) => {
                app.click(&element).await;
                // A click on an item of a menu that closed as the builder re-rendered adds
                // nothing: the menu is opened again.
                let deadline = Instant::now() + Duration::from_secs(10);
                while rules().await <= before && Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                if rules().await > before {
                    return;
                }
                assert!(attempt < 3, "choosing {kind} in the add-rule menu added no rule");
            }
            Err(e) if attempt == 3 => {
                app.screenshot(&artifacts().join("add-rule.png")).await;
                panic!("the add-rule menu never showed {kind}: {e}");
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    }
}

/// The explanation beside a rule: "kept N of M", as the command line explains it.
async fn kept(app: &App, path: &str, node: &Value) {
    let (kept, input) = (node["kept"].as_i64().unwrap(), node["input"].as_i64().unwrap());
    let wanted = format!("kept {} of {}", thousands(kept), thousands(input));
    app.text_until(&format!("explain-{path}"), LONG, &[&wanted]).await;
}

fn thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tokio::test]
async fn a_growth_manager_builds_the_issues_segment_and_it_counts_as_the_cli_does() {
    let data = tempfile::tempdir().unwrap();
    let (app, workspace) = App::on_demo(data.path()).await;

    // The demo's example segments are listed with the sizes the command line reads.
    app.open("Segments").await;
    let example = "Hot mid-market on Segment";
    let listed = cli_json(&["segment", "list"], &workspace);
    let size = listed.as_array().unwrap().iter().find(|s| s["name"] == example).unwrap()["size"]
        .as_i64()
        .unwrap();
    app.text_until(&format!("segment-size-{example}"), LONG, &[&thousands(size)]).await;

    // Build it again by hand: companies with 50+ employees using Segment, where someone viewed
    // pricing 3+ times in 14 days and nobody replied.
    app.click(&app.element(Locator::Css("#segments-new-companies")).await).await;
    let name = app.element(Locator::Css("#segment-name")).await;
    app.click(&name).await;
    let select_all = format!("{}a{}", char::from(Key::Control), char::from(Key::Null));
    name.send_keys(&select_all).await.unwrap();
    name.send_keys("E2E hot companies").await.unwrap();

    let root = Locator::Css("#segment-add-rule");
    add_rule(&app, root, "company_trait").await;
    select(&app, "field-/rule/all/0/company_trait/key", "employees").await;
    select(&app, "field-/rule/all/0/company_trait/op", "at_least").await;
    app.fill("field-/rule/all/0/company_trait/value", "50").await;

    add_rule(&app, root, "company_trait").await;
    select(&app, "field-/rule/all/1/company_trait/key", "technologies").await;
    select(&app, "field-/rule/all/1/company_trait/op", "contains").await;
    app.fill("field-/rule/all/1/company_trait/value", "Segment").await;

    add_rule(&app, root, "people").await;
    let performed = "/rule/all/2/people/rule/all/0/performed";
    let event = app.by_test_id(&format!("field-{performed}/event")).await;
    click_centered(&app, &event).await;
    let pricing = app.element(Locator::Css("[role=option][value='page:Pricing']")).await;
    app.click(&pricing).await;
    select(&app, &format!("field-{performed}/count/op"), "at_least").await;
    app.fill(&format!("field-{performed}/count/n"), "3").await;
    select(&app, &format!("field-{performed}/window"), "last").await;
    app.fill(&format!("field-{performed}/window/last_days"), "14").await;

    add_rule(&app, root, "people").await;
    select(&app, "field-/rule/all/3/people/match", "none").await;
    click_centered(&app, &app.by_test_id("remove-/rule/all/3/people/rule/all/0/performed").await)
        .await;
    add_rule(&app, Locator::Css("[data-testid='add-rule-/rule/all/3/people/rule/all']"), "email")
        .await;
    let email = "/rule/all/3/people/rule/all/0/email";
    select(&app, &format!("field-{email}/action"), "replied").await;
    select(&app, &format!("field-{email}/window"), "ever").await;
    // Any campaign: clear the one the rule started with.
    app.client
        .execute(
            "const el = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
             const clear = el.parentElement.querySelector('button');
             if (clear) { clear.click(); } return !!clear;",
            vec![json!(format!("field-{email}/campaign"))],
        )
        .await
        .unwrap();

    // Saved, the segment is exactly the definition the issue describes, and its count is the
    // command line's.
    dismiss(&app).await;
    click_centered(&app, &app.element(Locator::Css("#segment-save")).await).await;
    let deadline = Instant::now() + LONG;
    let saved = loop {
        let list = cli_json(&["segment", "list"], &workspace);
        if let Some(s) = list.as_array().unwrap().iter().find(|s| s["name"] == "E2E hot companies")
        {
            break s.clone();
        }
        assert!(Instant::now() < deadline, "the segment was not saved");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let rule = &saved["definition"]["rule"]["all"];
    assert_eq!(
        rule[0],
        json!({"company_trait": {"key": "employees", "op": "at_least", "value": 50}})
    );
    assert_eq!(
        rule[1],
        json!({"company_trait": {"key": "technologies", "op": "contains", "value": "Segment"}})
    );
    assert_eq!(
        rule[2]["people"],
        json!({"match": "any", "rule": {"all": [{"performed": {"event": "Pricing", "type": "page",
            "count": {"op": "at_least", "n": 3}, "window": {"last_days": 14}}}]}})
    );
    assert_eq!(
        rule[3]["people"],
        json!({"match": "none", "rule": {"all": [{"email": {"action": "replied"}}]}})
    );
    let count =
        cli_json(&["segment", "count", "E2E hot companies"], &workspace)["count"].as_i64().unwrap();
    let example_count =
        cli_json(&["segment", "count", example], &workspace)["count"].as_i64().unwrap();
    assert_eq!(count, example_count, "the same question as the example segment");
    app.text_until("segment-count", LONG, &[&thousands(count)]).await;

    // Each rule's explanation is the command line's.
    let ex = cli_json(&["segment", "explain", "E2E hot companies"], &workspace);
    for (i, kind) in ["company_trait", "company_trait", "people", "people"].iter().enumerate() {
        kept(&app, &format!("/rule/all/{i}/{kind}"), &ex["children"][i]).await;
    }
    app.scroll_to("segment-title", "start").await;
    app.screenshot(&artifacts().join("segments.png")).await;

    // The export the dialog starts once a path is chosen (the native save dialog itself cannot be
    // driven): the app writes the file, a header and one row a member.
    let out = data.path().join("hot.csv");
    let written = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('segment_export', {
                 name: 'E2E hot companies', columns: ['id', 'name', 'domain', 'employees'],
                 format: 'csv', path: arguments[0] })
               .then(r => done(r), e => done({ error: e }));",
            vec![json!(out.to_str().unwrap())],
        )
        .await
        .unwrap();
    assert_eq!(written["rows"], json!(count), "{written}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().next(), Some("id,name,domain,employees"));
    assert_eq!(csv.lines().count() as i64, count + 1);
    app.stop().await;
}

#[tokio::test]
async fn funnels_and_spend_against_cap_show_the_clis_numbers() {
    let data = tempfile::tempdir().unwrap();
    let (app, workspace) = App::on_demo(data.path()).await;

    // The default funnel counts the people the command line counts for the same definition.
    app.open("Funnels").await;
    let def = data.path().join("funnel.json");
    std::fs::write(
        &def,
        r#"{"version":1,"steps":[{"event":"Signed Up","type":"track"},{"event":"Source Connected","type":"track"},
            {"event":"Destination Enabled","type":"track"},{"event":"Report Exported","type":"track"}],
            "window_days":14,"range":{"last_days":30},"order":"ordered"}"#,
    )
    .unwrap();
    let cli = cli_json(&["funnel", "run", "--file", def.to_str().unwrap()], &workspace);
    let people: Vec<String> = cli["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| thousands(s["people"].as_i64().unwrap()))
        .collect();
    let rows = app
        .rows_until("funnel-table", LONG, "the CLI's people per step", |rows| {
            rows.len() == 4 && rows.iter().zip(&people).all(|(r, p)| r.get(1) == Some(p))
        })
        .await;
    assert!(rows[1][0].contains("Source Connected"), "{rows:?}");
    app.text_until("funnel-rules", SHORT, &["furthest attempt"]).await;
    let chart = app.by_test_id("funnel-chart").await;
    let src = chart.attr("src").await.unwrap().unwrap_or_default();
    assert!(
        src.starts_with("data:image/svg+xml") && src.contains("Source%20Connected"),
        "{src:.80}"
    );
    app.scroll_to("funnel-chart", "center").await;
    app.screenshot(&artifacts().join("funnels.png")).await;

    // One click: the people who reached step 2 become a live segment (the funnel is saved first).
    app.scroll_to("funnel-step-segment-2", "center").await;
    let menu = app.by_test_id("funnel-step-segment-2").await;
    click_centered(&app, &menu).await;
    let reached = app.by_test_id("funnel-segment-reached").await;
    app.click(&reached).await;
    app.fill("funnel-name-input", "Activation").await;
    let confirm = app.by_test_id("funnel-name-confirm").await;
    app.click(&confirm).await;
    app.text_until("funnel-segment-notice", LONG, &[&people[1]]).await;
    let saved = cli_json(&["segment", "list"], &workspace);
    let segment = saved
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().is_some_and(|n| n.starts_with("Activation: reached")))
        .unwrap_or_else(|| panic!("no segment from the funnel in {saved}"))
        .clone();
    assert_eq!(thousands(segment["size"].as_i64().unwrap()), people[1], "{segment}");

    // Spend against cap: every campaign with the CLI's spend and alert.
    app.open("Spend and CAC").await;
    let report = cli_json(&["cac", "report"], &workspace);
    let campaigns = report.as_array().unwrap();
    let rows = app
        .rows_until("spend-table", LONG, "every campaign", |rows| rows.len() == campaigns.len())
        .await;
    for c in campaigns {
        let name = c["campaign"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| r[0].contains(name))
            .unwrap_or_else(|| panic!("no row for {name}"));
        let line = row.join(" | ");
        let minor = c["spend_minor"].as_i64().unwrap();
        let dollars = format!("${}.{:02}", thousands(minor / 100), minor % 100);
        assert!(line.contains(&dollars), "{name}: {line} vs {c}");
        assert!(
            line.to_lowercase().contains(c["alert"].as_str().unwrap()),
            "{name}: {line} vs {c}"
        );
    }
    let over = campaigns.iter().filter(|c| c["alert"] == "over cap").count();
    app.text_until("spend-alerts", SHORT, &[&over.to_string()]).await;
    app.by_test_id("spend-chart").await;
    app.screenshot(&artifacts().join("spend.png")).await;
    app.stop().await;
}

/// `switchboard-cli ARGS --json --workspace FILE` with the app's data dir and key file.
fn cli_json_keyed(args: &[&str], workspace: &Path, data: &Path) -> Value {
    let args: Vec<&str> = args.iter().copied().chain(["--json"]).collect();
    serde_json::from_slice(&cli_keyed(&args, workspace, data, &[])).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tool_is_connected_tested_and_synced_from_the_connections_screen() {
    use switchboard_connectors::fake;

    let data = tempfile::tempdir().unwrap();
    // Deliveries of the last days, so that the Overview's open rate moves.
    let yesterday =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
            as i64
            - 3 * 86_400;
    let cio = fake::customerio::start_from(
        "site9",
        "trk_key_0001",
        "app_key_9876",
        "us",
        20_000,
        yesterday,
    )
    .await;
    let (app, workspace) = App::on_demo(data.path()).await;
    app.open("Connections").await;

    // Nothing is connected: Sync now says why it cannot run.
    app.text_until("blocked-customerio", SHORT, &["Site ID"]).await;
    let sync = app.by_test_id("sync-customerio").await;
    assert!(!sync.is_enabled().await.unwrap(), "Sync now is enabled before the tool is connected");

    app.scroll_to("field-customerio-site_id", "center").await;
    app.fill("field-customerio-site_id", "site9").await;
    app.scroll_to("field-customerio-track_api_key", "center").await;
    app.fill("field-customerio-track_api_key", "trk_key_0001").await;
    app.scroll_to("field-customerio-app_api_key", "center").await;
    app.fill("field-customerio-app_api_key", "app_key_9876").await;
    select(&app, "field-customerio-region", "us").await;
    app.scroll_to("base-url-customerio", "center").await;
    app.fill("base-url-customerio", &cio.url).await;
    let save = app.by_test_id("save-customerio").await;
    click_centered(&app, &save).await;
    app.text_until("field-customerio-app_api_key-saved", LONG, &["…9876"]).await;
    let key_input = app.by_test_id("field-customerio-app_api_key").await;
    assert_eq!(
        key_input.prop("value").await.unwrap().as_deref(),
        Some(""),
        "a saved key is not shown"
    );

    let test = app.by_test_id("test-customerio").await;
    click_centered(&app, &test).await;
    app.text_until("message-customerio", LONG, &["the connection works"]).await;

    let before = stats(&workspace);
    let sync = app.by_test_id("sync-customerio").await;
    click_centered(&app, &sync).await;
    // Live progress while it runs: pages done and rows fetched so far.
    let done = app
        .attr_until("progress-customerio", "data-done", LONG, "deliveries done", |v| {
            v.parse::<u64>().is_ok_and(|n| n > 0)
        })
        .await;
    assert!(done.parse::<u64>().unwrap() < 20_000, "progress is shown before the end: {done}");
    app.scroll_to("connection-customerio", "start").await;
    app.screenshot(&artifacts().join("connections-syncing.png")).await;
    let rows = app
        .rows_until("log-customerio", Duration::from_secs(120), "the finished run", |rows| {
            rows.first().is_some_and(|r| r.join(" ").contains("succeeded"))
        })
        .await;
    let line = rows[0].join(" | ");
    assert!(line.contains("20,000") || line.contains("20000"), "{line}");

    // The CLI reads the same run from the file, and the Overview moved.
    let log = cli_json_keyed(&["sync", "log"], &workspace, data.path());
    assert_eq!(log[0]["tool"], "customerio");
    assert_eq!(log[0]["status"], "succeeded");
    assert_eq!(log[0]["trigger"], "manual");
    assert_eq!(log[0]["fetched"], 20_000);
    let after = stats(&workspace);
    assert_ne!(before["outbound_open_rate"], after["outbound_open_rate"]);

    // The key never reached the page, and lives only in the key file.
    let source = app.client.source().await.unwrap();
    for key in ["trk_key_0001", "app_key_9876"] {
        assert!(!source.contains(key), "{key} is in the page");
        let db = std::fs::read(&workspace).unwrap();
        assert!(!db.windows(key.len()).any(|w| w == key.as_bytes()), "{key} is in the workspace");
    }
    let keys = std::fs::read_to_string(data.path().join("secrets.json")).unwrap();
    assert!(keys.contains("app_key_9876"));

    app.scroll_to("connection-customerio", "start").await;
    app.screenshot(&artifacts().join("connections.png")).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cac_model_and_the_budget_guard_work_from_the_spend_screen() {
    let data = tempfile::tempdir().unwrap();
    let (app, workspace) = App::on_demo(data.path()).await;
    app.open("Spend and CAC").await;

    // The model's cap for a good fit is the command line's: 10% x $1,000 x 20% = $20.00.
    let cli = cli_json(&["cac", "--fit", "good"], &workspace);
    let cap = cli["max_spend"].as_str().unwrap_or_default().to_owned();
    app.text_until("cac-cap-good", LONG, &[&cap]).await;
    // Typed after focusing it as Tab would: the panel's charts above it still settle, and a
    // pointer click can land on the row while it moves.
    app.client
        .execute(
            "const el = document.querySelector('[data-testid=\"cac-ltv\"]');
             el.scrollIntoView({block: 'center'}); el.focus(); el.select(); return true;",
            vec![],
        )
        .await
        .unwrap();
    let ltv = app.by_test_id("cac-ltv").await;
    ltv.send_keys("2000").await.unwrap();
    assert_eq!(ltv.prop("value").await.unwrap().as_deref(), Some("2000"));
    let save = app.by_test_id("cac-save").await;
    click_centered(&app, &save).await;
    app.text_until("cac-cap-good", LONG, &["$40.00"]).await;
    let model = cli_json(&["cac", "model"], &workspace);
    assert!(model.to_string().contains("2000"), "{model}");

    // The budget guard, dry run by default: one "would pause" per campaign over its cap.
    let over = cli_json(&["cac", "report"], &workspace)
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["alert"] == "over cap")
        .count();
    assert!(over > 0);
    app.scroll_to("guard-run", "center").await;
    let run = app.by_test_id("guard-run").await;
    click_centered(&app, &run).await;
    app.text_until("guard-result", LONG, &[&format!("would pause {over}")]).await;
    app.rows_until("guard-log", LONG, "the dry runs", |rows| rows.len() == over).await;
    let log = cli_json(&["cac", "guard", "log"], &workspace);
    assert_eq!(log.as_array().unwrap().len(), over);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|a| a["outcome"] == "would pause" && a["mode"] == "dry run")
    );
    app.scroll_to("guard-panel", "start").await;
    app.screenshot(&artifacts().join("budget-guard.png")).await;
    app.stop().await;
}

/// Presses keys with the focus wherever the app keeps it (the page itself between actions).
async fn press(app: &App, keys: &str) {
    let active = app.client.active_element().await.unwrap();
    active.send_keys(keys).await.unwrap();
}

#[tokio::test]
async fn a_rep_clears_a_queue_of_twenty_companies_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let (app, workspace) = App::on_demo(data.path()).await;

    // Exactly twenty companies wait: any beyond them are rejected from the command line.
    let pending = cli_json(&["queue", "list", "--state", "pending", "--limit", "1000"], &workspace);
    let pending = pending.as_array().unwrap().clone();
    assert!(pending.len() >= 20, "the demo queues {} companies", pending.len());
    for e in &pending[20..] {
        let out = std::process::Command::new(cli())
            .args(["queue", "reject", e["domain"].as_str().unwrap(), "--reason", "older"])
            .arg("--workspace")
            .arg(&workspace)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let before = |state: &str| {
        cli_json(&["queue", "list", "--state", state, "--limit", "5000"], &workspace)
            .as_array()
            .unwrap()
            .len()
    };
    let (approved, rejected, snoozed) = (before("approved"), before("rejected"), before("snoozed"));

    app.open("Outbound").await;
    app.text_until("queue-pending-count", LONG, &["20"]).await;
    app.screenshot(&artifacts().join("review-queue.png")).await;
    // The selected company's details: why it qualified, its visits and the contacts found.
    app.text_until("queue-detail-signals", LONG, &[""]).await;
    app.scroll_to("queue-detail", "start").await;
    app.screenshot(&artifacts().join("review-queue-detail.png")).await;
    // A contact's email opens in the template preview, for that contact.
    let first = &pending[0];
    let contact = first["contacts"][0]["email"].as_str().unwrap().to_owned();
    app.scroll_to("queue-contact-preview", "center").await;
    let preview = app.by_test_id("queue-contact-preview").await;
    click_centered(&app, &preview).await;
    app.element(Locator::XPath("//main//h1[normalize-space(.)='Templates']")).await;
    app.text_until("preview-to", LONG, &[&contact]).await;
    app.open("Outbound").await;
    app.text_until("queue-pending-count", LONG, &["20"]).await;
    // Focus leaves the navigation, so the keys go to the queue.
    app.client.execute("document.activeElement.blur(); return true;", vec![]).await.unwrap();

    let enter = char::from(Key::Enter).to_string();
    for i in 0..20 {
        match i % 3 {
            0 => press(&app, "a").await,
            1 => {
                press(&app, "r").await;
                app.by_test_id("reject-reason").await;
                press(&app, &format!("agency, not a buyer{enter}")).await;
            }
            _ => press(&app, "s").await,
        }
        let left = (19 - i).to_string();
        app.text_until("queue-pending-count", LONG, &[&left]).await;
    }
    assert_eq!(app.text("queue-pending-count").await.trim(), "0");
    assert_eq!(before("pending"), 0);
    assert_eq!(before("approved"), approved + 7);
    assert_eq!(before("rejected"), rejected + 7);
    assert_eq!(before("snoozed"), snoozed + 6);
    let decided =
        cli_json(&["queue", "list", "--state", "rejected", "--limit", "5000"], &workspace);
    let reasons =
        decided.as_array().unwrap().iter().filter(|e| e["reason"] == "agency, not a buyer").count();
    assert_eq!(reasons, 7);
    app.screenshot(&artifacts().join("review-queue-cleared.png")).await;

    // A do-not-contact list kept in the app is the one the pipeline (and the CLI) reads.
    app.scroll_to("guardrails-panel", "start").await;
    select(&app, "suppression-list-select", "do_not_contact").await;
    // Typed line by line: the driver drops "\n", Enter makes a new line in a text area.
    let lines =
        ["domain", "https://www.rival.example/pricing", "someone@quiet.example", "not a domain"];
    app.scroll_to("suppression-text", "center").await;
    let area = app.by_test_id("suppression-text").await;
    click_centered(&app, &area).await;
    area.send_keys(&lines.join(&enter)).await.unwrap();
    assert_eq!(area.prop("value").await.unwrap().as_deref(), Some(lines.join("\n").as_str()));
    let add = app.by_test_id("suppression-add").await;
    click_centered(&app, &add).await;
    app.text_until("suppression-result", LONG, &["2 added"]).await;
    app.text_until("suppression-refused", LONG, &["4"]).await;
    let listed = cli_json(&["pipeline", "suppress", "list"], &workspace);
    let domains: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["list"] == "do_not_contact")
        .map(|s| s["domain"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["quiet.example", "rival.example"]);
    app.scroll_to("guardrails-panel", "start").await;
    app.screenshot(&artifacts().join("guardrails.png")).await;
    app.stop().await;
}

/// `switchboard-cli ARGS --workspace FILE` with the app's data folder and keys in the environment;
/// its standard output.
fn cli_keyed(args: &[&str], workspace: &Path, data: &Path, env: &[(&str, &str)]) -> Vec<u8> {
    let out = std::process::Command::new(cli())
        .args(args)
        .arg("--workspace")
        .arg(workspace)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("SWITCHBOARD_SECRETS", "file")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "switchboard-cli {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pipeline_runs_and_approved_contacts_are_sent_from_the_outbound_screen() {
    use switchboard_connectors::fake;

    let data = tempfile::tempdir().unwrap();
    let clearbit = fake::clearbit::start("sk_e2e_0001").await;
    let madkudu = fake::madkudu::start("mk_e2e_0002").await;
    let cio = fake::customerio::start("site9", "trk_e2e_3", "app_e2e_4", "us").await;
    let (app, workspace) = App::on_demo(data.path()).await;
    cli_keyed(
        &["connect", "clearbit", "--base-url", &clearbit.url],
        &workspace,
        data.path(),
        &[("SWITCHBOARD_CLEARBIT_SECRET_KEY", "sk_e2e_0001")],
    );
    cli_keyed(
        &["connect", "madkudu", "--base-url", &madkudu.url],
        &workspace,
        data.path(),
        &[("SWITCHBOARD_MADKUDU_API_KEY", "mk_e2e_0002")],
    );
    // The CLI's dry run says what a run would spend at most.
    let dry = cli_json_keyed(&["pipeline", "run", "--dry-run"], &workspace, data.path());
    let reveals = dry["lookups"]["reveal"].as_u64().unwrap();
    assert!(reveals > 0, "{dry}");
    let pending_before =
        cli_json(&["queue", "list", "--state", "pending", "--limit", "5000"], &workspace)
            .as_array()
            .unwrap()
            .len();

    app.open("Outbound").await;
    // Everything below the queue has loaded (the chart and tables), so nothing moves under the
    // pointer.
    app.text_until("queue-pending-count", LONG, &[&pending_before.to_string()]).await;
    app.rows_until("pipeline-days", LONG, "the daily numbers", |rows| rows.len() >= 14).await;
    app.attr_until("pipeline-chart", "src", LONG, "the chart", |v| !v.is_empty()).await;
    app.scroll_to("pipeline-panel", "start").await;
    click_centered(&app, &app.by_test_id("pipeline-preview").await).await;
    app.text_until("pipeline-preview-result", LONG, &[&thousands(reveals as i64)]).await;
    assert!(clearbit.seen().is_empty() && madkudu.seen().is_empty(), "a preview calls nothing");

    // Slow answers, so the run's progress shows.
    clearbit.slow(Duration::from_millis(15));
    click_centered(&app, &app.by_test_id("pipeline-run").await).await;
    app.text_until("pipeline-progress", LONG, &["Revealing visitor IPs", " of "]).await;
    app.scroll_to("pipeline-panel", "start").await;
    app.screenshot(&artifacts().join("pipeline-running.png")).await;
    let summary =
        app.text_until("pipeline-run-result", Duration::from_secs(180), &["The run"]).await;
    clearbit.slow(Duration::ZERO);
    let reveal_calls = clearbit.seen().iter().filter(|s| s.path == "/v1/companies/find").count();
    assert_eq!(reveal_calls as u64, reveals, "{summary}");
    let mut asked: Vec<String> =
        clearbit.seen().iter().map(|s| format!("{} {}", s.path, s.query)).collect();
    let all = asked.len();
    asked.sort();
    asked.dedup();
    assert_eq!(asked.len(), all, "a lookup was paid twice");
    let pending = cli_json(&["queue", "list", "--state", "pending", "--limit", "5000"], &workspace);
    let pending = pending.as_array().unwrap();
    assert!(pending.len() > pending_before, "the run queued no company: {summary}");
    app.scroll_to("queue-panel", "start").await;
    app.text_until("queue-pending-count", LONG, &[&pending.len().to_string()]).await;

    // Customer.io connected, a rep approves the first company and sends its contacts.
    cli_keyed(
        &["connect", "customerio", "--base-url", &cio.url, "--set", "site_id=site9"],
        &workspace,
        data.path(),
        &[
            ("SWITCHBOARD_CUSTOMERIO_TRACK_API_KEY", "trk_e2e_3"),
            ("SWITCHBOARD_CUSTOMERIO_APP_API_KEY", "app_e2e_4"),
        ],
    );
    app.client.execute("document.activeElement.blur(); return true;", vec![]).await.unwrap();
    let first = pending[0]["domain"].as_str().unwrap().to_owned();
    let contacts = pending[0]["contacts"].as_array().unwrap().len();
    assert!(contacts > 0);
    press(&app, "a").await;
    app.text_until("queue-pending-count", LONG, &[&(pending.len() - 1).to_string()]).await;
    let approved =
        cli_json(&["queue", "list", "--state", "approved", "--limit", "5000"], &workspace);
    assert!(approved.as_array().unwrap().iter().any(|e| e["domain"] == first.as_str()));
    app.scroll_to("send-panel", "start").await;
    let send = app.by_test_id("send-approved").await;
    click_centered(&app, &send).await;
    let sent = app.text_until("send-result-sent", LONG, &["Sent"]).await;
    let events: Vec<Value> = cio
        .seen()
        .iter()
        .filter(|s| s.path.ends_with("/events"))
        .map(|s| serde_json::from_str(&s.body).unwrap())
        .collect();
    assert!(events.len() >= contacts, "{sent}: {} events", events.len());
    assert_eq!(
        events.iter().filter(|e| e["data"]["company"]["domain"] == first.as_str()).count(),
        contacts,
        "every contact of the approved company, once"
    );
    assert!(sent.contains(&thousands(events.len() as i64)), "{sent} vs {} events", events.len());
    app.scroll_to("send-panel", "start").await;
    app.screenshot(&artifacts().join("outbound-sent.png")).await;
    app.stop().await;
}
