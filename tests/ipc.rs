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
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
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

/// A template crosses IPC and back unchanged; a preview carries its issues in the UI's shape.
#[test]
fn templates_and_previews_cross_ipc_in_the_documented_shape() {
    use switchboard_app::dto::{EmailTemplate, RenderedEmail};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite");
    let last_day = Day::parse("2026-11-28").unwrap();
    demo::generate(&path, &DemoOptions { seed: 3, scale: 0.05, days: 3, last_day }, &mut |_| {})
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let now = 1_795_000_000_000;
    let stored = rt.block_on(ws.template("Double forward", now)).unwrap();
    let dto = EmailTemplate::from(&stored.template);
    let json = serde_json::to_value(&dto).unwrap();
    assert_eq!(json["layers"][0]["label"], "Bot notice");
    assert!(json["layers"][1]["offsetMinutes"].as_i64().unwrap() > 0);
    // What the UI sends back (camelCase) becomes the same template.
    let back: EmailTemplate = serde_json::from_value(json).unwrap();
    assert_eq!(switchboard_core::template::Template::from(back), stored.template);

    let mut broken = stored.template.clone();
    broken.layers[2].body = "Hi {{ prospect.first_name }}, {{ company.nope }}".into();
    let prospect = rt.block_on(ws.prospects("", 1)).unwrap().remove(0);
    let rendered = rt.block_on(ws.preview(&broken, prospect.id, now)).unwrap();
    let json = serde_json::to_value(RenderedEmail::from(&rendered)).unwrap();
    assert_eq!(json["ready"], false);
    assert_eq!(json["to"], prospect.email.as_str());
    let issue = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["variable"] == "company.nope")
        .expect("the unknown variable is an issue");
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["layer"], 2);
    assert_eq!(issue["layerLabel"], "Rep's forward");
    assert_eq!(issue["field"], "body");
    assert_eq!((issue["line"].as_u64(), issue["column"].as_u64()), (Some(1), Some(31)));
    assert!(!issue["message"].as_str().unwrap().contains('`'));
    assert!(json["html"].as_str().unwrap().starts_with("<!DOCTYPE html>"));
}
