//! IPC round trips without a window: the generated TypeScript bindings match the Rust DTOs, and
//! a real workspace's Overview converts to the shape the UI reads.

use std::path::PathBuf;

use switchboard_app::dto::{self, Overview};
use switchboard_core::Day;
use switchboard_workspace::{
    Workspace,
    demo::{self, DemoOptions},
};

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings")
}

/// Fails when `ui/src/bindings` is stale. `UPDATE_BINDINGS=1 cargo test --test ipc` rewrites it.
#[test]
fn typescript_bindings_are_up_to_date() {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, text) in dto::bindings(&cfg) {
        let path = bindings_dir().join(&file);
        if update {
            std::fs::create_dir_all(bindings_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale bindings in ui/src/bindings: {stale:?}; run `UPDATE_BINDINGS=1 cargo test --test ipc`"
    );
}

#[test]
fn overview_crosses_ipc_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let last_day = Day::parse("2026-11-28").unwrap();
    demo::generate(&path, &DemoOptions { seed: 3, scale: 0.05, days: 10, last_day }, &mut |_| {})
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let overview = rt.block_on(ws.overview(last_day.plus(1))).unwrap();
    let json = serde_json::to_value(Overview::from(&overview)).unwrap();

    assert_eq!(json["workspaceName"], "Demo workspace");
    assert_eq!(json["asOf"], "2026-11-28");
    let windows = json["windows"].as_array().unwrap();
    assert_eq!(windows.iter().map(|w| w["days"].as_u64().unwrap()).collect::<Vec<_>>(), [7, 30]);
    assert_eq!(windows[1]["coveredDays"], 10);
    assert!(windows[1]["outboundOpenRate"].as_f64().unwrap() > 0.3);
    assert_eq!(json["eventsTotal"].as_i64().unwrap(), overview.events_total);
    assert_eq!(json["eventsByType"].as_array().unwrap().len(), 6);
    let event = &json["latestEvents"][0];
    assert!(event["timestamp"].as_str().unwrap().starts_with("2026-11-28T"));
    assert!(event["messageType"].is_string() && event["who"].is_string());
    let company = &json["topCompanies"][0];
    assert!(company["domain"].as_str().unwrap().ends_with(".example"));
    assert!(company["technologies"].is_array());
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let err = Workspace::open(std::path::Path::new("/nonexistent/w.sqlite")).unwrap_err();
    let ipc = switchboard_app::IpcError::from(err);
    let json = serde_json::to_value(&ipc).unwrap();
    assert_eq!(json["code"], "notFound");
    assert!(json["message"].as_str().unwrap().contains("/nonexistent/w.sqlite"));
    assert_eq!(json.as_object().unwrap().len(), 2);
}
