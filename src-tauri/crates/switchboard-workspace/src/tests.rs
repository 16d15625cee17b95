use switchboard_core::{Day, MessageType};

use crate::Workspace;
use crate::demo::{DemoOptions, generate};

#[test]
fn overview_of_a_short_demo_uses_only_the_days_it_covers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let last_day = Day::parse("2026-11-28").unwrap();
    generate(&path, &DemoOptions { seed: 1, scale: 0.1, days: 5, last_day }, &mut |_| {}).unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(block_on(ws.name()).unwrap(), "Demo workspace");

    // Seen from long after the data ends, the windows still end on its last day.
    let o = block_on(ws.overview(last_day.plus(40))).unwrap();
    assert_eq!(o.as_of, last_day);
    let (w7, w30) = (o.window(7).unwrap(), o.window(30).unwrap());
    assert_eq!((w7.covered_days, w30.covered_days), (5, 5));
    assert_eq!(w7.identified_domains_per_day, w30.identified_domains_per_day);
    let sum: i64 = o.daily.iter().map(|d| d.identified_domains).sum();
    assert_eq!(w30.identified_domains_per_day, sum as f64 / 5.0);
    assert_eq!(o.daily.len(), 5);

    // Seen from inside the data, later days are left out.
    let o = block_on(ws.overview(last_day.plus(-2))).unwrap();
    assert_eq!(o.as_of, last_day.plus(-2));
    assert_eq!(o.window(30).unwrap().covered_days, 3);

    let by_type = |t| o.events_by_type.iter().find(|c| c.message_type == t).unwrap().count;
    assert!(by_type(MessageType::Page) > by_type(MessageType::Track));
    assert!(by_type(MessageType::Identify) > 0 && by_type(MessageType::Group) > 0);
    assert_eq!(o.events_total, o.events_by_type.iter().map(|c| c.count).sum::<i64>());
}

#[test]
fn an_empty_workspace_has_an_overview_of_zeros() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    switchboard_store::Db::create(&path).unwrap().close().unwrap();
    let today = Day::parse("2026-11-29").unwrap();
    let o = block_on(Workspace::open(&path).unwrap().overview(today)).unwrap();
    assert_eq!((o.workspace_name.as_str(), o.as_of, o.events_total), ("empty", today, 0));
    assert_eq!(o.window(30).unwrap().outbound_open_rate, None);
    assert!(o.top_companies.is_empty() && o.latest_events.is_empty());
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}
