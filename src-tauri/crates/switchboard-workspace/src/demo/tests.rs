use switchboard_core::Day;

use super::*;
use crate::Workspace;

fn options(scale: f64, days: u32) -> DemoOptions {
    DemoOptions { seed: 7, scale, days, last_day: Day::parse("2026-11-28").unwrap() }
}

fn rows(path: &Path, sql: &'static str) -> Vec<String> {
    let conn = switchboard_store::Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn same_seed_same_workspace_other_seed_other_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a.db"), dir.path().join("b.db"), dir.path().join("c.db"));
    generate(&a, &options(0.05, 3), &mut |_| {}).unwrap();
    generate(&b, &options(0.05, 3), &mut |_| {}).unwrap();
    generate(&c, &DemoOptions { seed: 8, ..options(0.05, 3) }, &mut |_| {}).unwrap();
    let dump = |p: &Path| {
        let mut all = rows(
            p,
            "SELECT domain || name || technologies || first_seen_at FROM companies ORDER BY id",
        );
        all.extend(rows(p, "SELECT message_id || type || timestamp || COALESCE(properties, '') FROM events ORDER BY id"));
        all.extend(rows(p, "SELECT delivery_id || kind || at FROM email_activity ORDER BY id"));
        all
    };
    assert!(dump(&a).len() > 1_000);
    assert_eq!(dump(&a), dump(&b));
    assert_ne!(dump(&a), dump(&c));
}

#[test]
fn refuses_an_existing_file_and_replaces_a_stale_partial() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    std::fs::write(partial_path(&path), b"left over by a killed run").unwrap();
    let mut steps = Vec::new();
    let summary = generate(&path, &options(0.02, 2), &mut |p| steps.push(p.clone())).unwrap();
    assert!(!partial_path(&path).exists());
    assert!(summary.events > 0 && summary.file_bytes > 0);
    assert_eq!(steps.last().map(|p| (p.done, p.total)), Some((4, 4)));
    assert!(steps.windows(2).all(|w| w[0].done <= w[1].done));

    let before = std::fs::read(&path).unwrap();
    let err = generate(&path, &options(0.02, 2), &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn bad_options_say_what_to_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let err = generate(&path, &options(0.0, 30), &mut |_| {}).unwrap_err();
    assert!(err.to_string().starts_with("--scale must be above 0"), "{err}");
    let err = generate(&path, &options(1.0, 0), &mut |_| {}).unwrap_err();
    assert!(err.to_string().starts_with("--days must be from 1"), "{err}");
    assert!(!path.exists());
}

/// The acceptance figures: at scale 1 over 30 days, the source's daily volumes within 10%.
#[test]
fn scale_one_reproduces_the_source_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let opts = options(1.0, 30);
    let summary = generate(&path, &opts, &mut |_| {}).unwrap();
    let ws = Workspace::open(&path).unwrap();
    let o = block_on(ws.overview(opts.last_day.plus(1))).unwrap();
    assert_eq!(o.as_of, opts.last_day);
    assert_eq!(o.first_day, opts.first_day());
    let w = o.window(30).unwrap();
    assert_eq!(w.covered_days, 30);
    let near = |v: f64, target: f64| (v - target).abs() <= target * 0.1;
    assert!(near(w.identified_domains_per_day, 1_000.0), "{w:?}");
    assert!(near(w.qualified_companies_per_day, 60.0), "{w:?}");
    assert!(near(w.new_contacts_per_day, 300.0), "{w:?}");
    assert!(near(w.outbound_open_rate.unwrap(), 0.71), "{w:?}");
    // Scale 1 is a hundredth of the benchmark's million people and twenty million events.
    assert!((8_000..=14_000).contains(&o.people), "{} people", o.people);
    assert!((170_000..=240_000).contains(&o.events_total), "{} events", o.events_total);
    assert_eq!(u64::try_from(o.events_total).unwrap(), summary.events);
    assert_eq!(u64::try_from(o.people).unwrap(), summary.people);
    assert_eq!(o.top_companies.len(), 10);
    assert!(o.top_companies.windows(2).all(|p| p[0].visits >= p[1].visits));
    assert_eq!(o.latest_events.len(), 20);
    assert_eq!(o.daily.len(), 30);
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}
