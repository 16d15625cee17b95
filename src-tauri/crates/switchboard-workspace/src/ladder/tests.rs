//! The channel ladder on the demo workspace: every channel, cheapest first, people placed once.

use switchboard_core::Day;

use crate::Workspace;
use crate::demo::{DemoOptions, generate};

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(f)
}

#[test]
fn the_channel_ladder_places_email_and_web_beside_the_ad_channels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let last_day = Day::parse("2026-11-28").unwrap();
    generate(&path, &DemoOptions { seed: 7, scale: 0.2, days: 30, last_day }, &mut |_| {}).unwrap();
    let ws = Workspace::open(&path).unwrap();
    let now = last_day.plus(1).start() - 1;
    block_on(async move {
        let all = ws.channel_ladder(None, now).await.unwrap();
        assert!(all.costs_missing.is_empty());
        let names: Vec<&str> = all.rungs.iter().map(|r| r.channel.as_str()).collect();
        for channel in ["email", "web personalisation", "retargeting", "display", "search"] {
            assert!(names.contains(&channel), "{channel} missing from {names:?}");
        }
        // Cheapest per person first, among the rungs that reached someone.
        let priced: Vec<i128> = all
            .rungs
            .iter()
            .filter(|r| r.reached > 0)
            .map(|r| i128::from(r.spend.minor) * 1_000_000 / i128::from(r.reached))
            .collect();
        assert!(priced.windows(2).all(|w| w[0] <= w[1]), "{priced:?}");
        let email = all.rungs.iter().find(|r| r.channel == "email").unwrap();
        assert_eq!(email.spend.minor, 30_000);
        assert!(email.reached > 0);
        // Everyone reached sits on exactly one rung.
        let placed: u64 = all.rungs.iter().map(|r| r.people).sum();
        assert!(placed > 0 && placed <= all.rungs.iter().map(|r| r.reached).sum::<u64>());

        // A segment's people: no more than its members, each on one rung.
        let pricing = ws.channel_ladder(Some("Pricing regulars"), now).await.unwrap();
        let in_segment: u64 = pricing.rungs.iter().map(|r| r.people).sum();
        assert!(in_segment > 0 && in_segment <= placed, "{in_segment} of {placed}");

        // Without its cost a subscription channel is left off, and said to be.
        ws.set_channel_cost("email", None).await.unwrap();
        let without = ws.channel_ladder(None, now).await.unwrap();
        assert_eq!(without.costs_missing, vec!["email".to_owned()]);
        assert!(without.rungs.iter().all(|r| r.channel != "email"));
        assert!(ws.set_channel_cost("retargeting", Some("10")).await.is_err());
        assert!(ws.set_channel_cost("email", Some("ten")).await.is_err());
    });
}
