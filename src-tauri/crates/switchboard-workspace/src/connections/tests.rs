//! Connections through the workspace API: keys to the secret store and back only masked, the
//! Customer.io region found and kept, a sync recorded and refused while one runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use switchboard_connectors::fake;
use switchboard_core::day::MS_PER_DAY;
use switchboard_core::sync::{RunStatus, SyncTrigger};

use super::{Running, SettingsChange};
use crate::{Policy, Secrets, Vendor, Workspace};

const NOW: i64 = 20_000 * MS_PER_DAY;

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(f)
}

fn setup() -> (tempfile::TempDir, Workspace, Secrets) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("w.sqlite"), "Test").unwrap();
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    (dir, ws, secrets)
}

#[test]
fn keys_go_to_the_secret_store_and_come_back_masked() {
    let (dir, ws, secrets) = setup();
    let other = Workspace::create(&dir.path().join("other.sqlite"), "Other").unwrap();
    block_on(async move {
        ws.connect(&secrets, Vendor::Clearbit, &values(&[("secret_key", "sk_live_abcdef123456")]))
            .await
            .unwrap();
        let all = ws.connections(&secrets, &Running::default(), NOW).await.unwrap();
        let clearbit = all.iter().find(|c| c.vendor == Vendor::Clearbit).unwrap();
        assert!(clearbit.connected);
        assert_eq!(clearbit.fields[0].masked.as_deref(), Some("…3456"));
        assert!(
            std::fs::read_to_string(dir.path().join("secrets.json"))
                .unwrap()
                .contains("sk_live_abcdef123456")
        );
        let file = std::fs::read(dir.path().join("w.sqlite")).unwrap();
        assert!(!file.windows(8).any(|w| w == b"sk_live_"), "the key is in the workspace file");

        // An empty key keeps the saved one; a field the tool does not have is refused.
        ws.connect(&secrets, Vendor::Clearbit, &values(&[("secret_key", "")])).await.unwrap();
        let again = ws.connections(&secrets, &Running::default(), NOW).await.unwrap();
        assert_eq!(again[0].fields[0].masked.as_deref(), Some("…3456"));
        let err =
            ws.connect(&secrets, Vendor::Clearbit, &values(&[("api_key", "x")])).await.unwrap_err();
        assert!(err.to_string().contains("has no field `api_key`"), "{err}");

        // Another workspace has keys of its own.
        let theirs = other.connections(&secrets, &Running::default(), NOW).await.unwrap();
        assert!(!theirs[0].connected);

        ws.disconnect(&secrets, Vendor::Clearbit).await.unwrap();
        assert!(
            !std::fs::read_to_string(dir.path().join("secrets.json")).unwrap().contains("sk_live")
        );
    });
}
#[test]
fn customerio_finds_its_region_once_and_keeps_it() {
    let (_dir, ws, secrets) = setup();
    block_on(async move {
        let server = fake::customerio::start("site1", "trk", "app_key_1", "eu").await;
        ws.connect(
            &secrets,
            Vendor::CustomerIo,
            &values(&[
                ("site_id", "site1"),
                ("track_api_key", "trk"),
                ("app_api_key", "app_key_1"),
            ]),
        )
        .await
        .unwrap();
        ws.change_connector(
            Vendor::CustomerIo,
            SettingsChange {
                base_url: Some(Some(server.url.clone())),
                ..SettingsChange::default()
            },
        )
        .await
        .unwrap();
        ws.test_connection(&secrets, Vendor::CustomerIo, Policy::quick(Vendor::CustomerIo))
            .await
            .unwrap();
        let settings = ws.connector_settings(Vendor::CustomerIo).await.unwrap();
        assert_eq!(settings.field("region"), Some("eu"));
        let asked = server.requests_to("/api/v1/accounts/region");
        ws.test_connection(&secrets, Vendor::CustomerIo, Policy::quick(Vendor::CustomerIo))
            .await
            .unwrap();
        assert_eq!(
            server.requests_to("/api/v1/accounts/region"),
            asked + 1,
            "only check() asks again, not discovery"
        );
    });
}
#[test]
fn a_sync_is_recorded_and_a_second_one_of_the_same_tool_is_refused() {
    let (_dir, ws, secrets) = setup();
    block_on(async move {
        let server = fake::customerio::start_with("site1", "trk", "app_key_1", "us", 600).await;
        ws.connect(
            &secrets,
            Vendor::CustomerIo,
            &values(&[
                ("site_id", "site1"),
                ("track_api_key", "trk"),
                ("app_api_key", "app_key_1"),
                ("region", "us"),
            ]),
        )
        .await
        .unwrap();
        ws.change_connector(
            Vendor::CustomerIo,
            SettingsChange {
                base_url: Some(Some(server.url.clone())),
                ..SettingsChange::default()
            },
        )
        .await
        .unwrap();
        let running = Running::default();
        let clock: Arc<dyn Fn() -> i64 + Send + Sync> = Arc::new(|| NOW);
        let busy = running.start(Vendor::CustomerIo).unwrap();
        let refused = ws
            .sync(
                &secrets,
                &running,
                Vendor::CustomerIo,
                SyncTrigger::Manual,
                Policy::quick(Vendor::CustomerIo),
                clock.clone(),
                &mut |_| {},
            )
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("already syncing"), "{refused}");
        drop(busy);
        running.end(Vendor::CustomerIo);
        let run = ws
            .sync(
                &secrets,
                &running,
                Vendor::CustomerIo,
                SyncTrigger::Manual,
                Policy::quick(Vendor::CustomerIo),
                clock,
                &mut |_| {},
            )
            .await
            .unwrap();
        assert_eq!(run.status, RunStatus::Succeeded);
        assert_eq!(run.counts.fetched, 600);
        let log = ws.sync_log(Some(Vendor::CustomerIo), 10).await.unwrap();
        assert_eq!(log.len(), 1);
        let listed = ws.connections(&secrets, &running, NOW).await.unwrap();
        let cio = listed.iter().find(|c| c.vendor == Vendor::CustomerIo).unwrap();
        assert_eq!(cio.last_run.as_ref().map(|r| r.id), Some(run.id));
        assert!(!cio.running);
    });
}
#[test]
fn a_tool_without_its_keys_says_which_is_missing() {
    let (_dir, ws, secrets) = setup();
    block_on(async move {
        ws.connect(&secrets, Vendor::Facebook, &values(&[("ad_account_id", "123")])).await.unwrap();
        let err = ws
            .test_connection(&secrets, Vendor::Facebook, Policy::quick(Vendor::Facebook))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("Access token is missing"), "{err}");
    });
}
