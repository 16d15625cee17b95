//! The budget guard on the demo workspace: dry run by default (nothing called), recorded once;
//! live against a fake Facebook server, which is asked to pause exactly the campaign over its cap;
//! a live rule for a platform that is not connected fails with the reason, in the log.

use std::collections::BTreeMap;

use switchboard_connectors::fake;
use switchboard_core::Day;
use switchboard_core::cac::guard::{GuardMode, GuardOutcome};

use crate::connections::SettingsChange;
use crate::demo::{DemoOptions, generate};
use crate::{Policy, Secrets, Vendor, Workspace};

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(f)
}

#[test]
fn the_guard_pauses_a_campaign_over_its_cap_dry_run_first_then_live() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let last_day = Day::parse("2026-11-28").unwrap();
    generate(&path, &DemoOptions { seed: 42, scale: 0.3, days: 30, last_day }, &mut |_| {})
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    let now = last_day.plus(1).start();
    let quick = |v: Vendor| Policy::quick(v);
    block_on(async move {
        let reports = ws.cac_report().await.unwrap();
        let over: Vec<_> = reports
            .iter()
            .filter(|r| r.cap.as_ref().is_some_and(|c| r.spend.minor >= c.minor))
            .collect();
        let pricing = over
            .iter()
            .find(|r| r.campaign_name == "Retargeting: pricing page visitors")
            .expect("the demo's pricing retargeting campaign is over its cap");
        assert_eq!(pricing.platform, "facebook");

        // Dry run (the default): every campaign over its cap is recorded, nothing is called.
        let dry = ws.run_budget_guard(&secrets, &quick, now).await.unwrap();
        assert_eq!(dry.len(), over.len());
        assert!(dry.iter().all(|a| a.outcome == GuardOutcome::WouldPause), "{dry:?}");
        let first = dry.iter().find(|a| a.planned.campaign_id == pricing.campaign_id).unwrap();
        assert!(
            first.detail.contains("dry run: would ask Facebook Ads to pause"),
            "{}",
            first.detail
        );
        assert!(first.detail.contains("reached the cap"), "{}", first.detail);
        assert!(
            ws.run_budget_guard(&secrets, &quick, now).await.unwrap().is_empty(),
            "recorded once"
        );

        // Live, against the platform: exactly that campaign is paused.
        let mut setup = fake::facebook::Setup::new("777", "EAAB_live");
        setup.campaigns = reports
            .iter()
            .filter(|r| r.platform == "facebook")
            .map(|r| (r.campaign_id.clone(), r.campaign_name.clone()))
            .collect();
        let server = fake::facebook::start_with(setup).await;
        let values: BTreeMap<String, String> =
            [("ad_account_id", "777"), ("access_token", "EAAB_live")]
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect();
        ws.connect(&secrets, Vendor::Facebook, &values).await.unwrap();
        ws.change_connector(
            Vendor::Facebook,
            SettingsChange {
                base_url: Some(Some(server.url.clone())),
                ..SettingsChange::default()
            },
        )
        .await
        .unwrap();
        ws.set_guard_mode(Some(&pricing.campaign_id), GuardMode::Live).await.unwrap();
        let live = ws.run_budget_guard(&secrets, &quick, now).await.unwrap();
        assert_eq!(live.len(), 1, "{live:?}");
        assert_eq!(live[0].outcome, GuardOutcome::Paused, "{}", live[0].detail);
        assert_eq!(fake::facebook::paused(&server), vec![pricing.campaign_id.clone()]);
        assert!(
            ws.run_budget_guard(&secrets, &quick, now).await.unwrap().is_empty(),
            "paused once"
        );

        // A live rule for a platform that is not connected fails, with why.
        let google = over
            .iter()
            .find(|r| r.campaign_name == "Search: customer data platform")
            .expect("the demo's search campaign is over its cap too");
        ws.set_guard_mode(Some(&google.campaign_id), GuardMode::Live).await.unwrap();
        let failed = ws.run_budget_guard(&secrets, &quick, now).await.unwrap();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].outcome, GuardOutcome::Failed);
        assert!(failed[0].detail.contains("not connected"), "{}", failed[0].detail);

        let log = ws.guard_log(50).await.unwrap();
        assert_eq!(log[0].planned.mode, GuardMode::Live);
        assert!(log.iter().any(|a| a.outcome == GuardOutcome::Paused));
        assert!(ws.set_guard_mode(Some("no-such-campaign"), GuardMode::Live).await.is_err());
        ws.set_guard_mode(None, GuardMode::Off).await.unwrap();
        assert_eq!(ws.guard_rules().await.unwrap().default, GuardMode::Off);
    });
}
