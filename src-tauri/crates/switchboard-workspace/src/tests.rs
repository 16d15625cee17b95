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

/// The background collector the app runs: start, receive, stitch, check against a plan, stop.
#[test]
fn the_background_collector_feeds_people_and_the_tracking_plan() {
    use std::sync::Arc;

    use serde_json::json;

    use crate::{CollectorState, Error};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    switchboard_store::Db::create(&path).unwrap().close().unwrap();
    let ws = Workspace::open(&path).unwrap();
    let ws2 = Workspace::open(&path).unwrap();
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async move {
        let now = 1_800_000_000_000_i64;
        let source = ws.add_source("web", "k".repeat(32), now).await.unwrap();
        ws.import_plan(
            &json!({"name": "Web plan", "events": [{"name": "Signed Up", "properties": {
            "type": "object", "required": ["plan"], "properties": {"plan": {"type": "string"}}}}]})
            .to_string(),
            "x",
            now,
        )
        .await
        .unwrap();

        let clock: crate::Clock = Arc::new(move || now);
        let loopback = "127.0.0.1:0".parse().unwrap();
        let CollectorState::Running { addr, .. } =
            ws.start_collector(loopback, clock.clone()).await.unwrap()
        else {
            panic!("not running")
        };
        // Asking again for the same address is fine; another address while running is not.
        assert!(matches!(
            ws.start_collector(addr, clock.clone()).await,
            Ok(CollectorState::Running { .. })
        ));
        let other = "127.0.0.1:1".parse().unwrap();
        assert!(matches!(
            ws.start_collector(other, clock.clone()).await,
            Err(Error::InvalidOptions(_))
        ));

        let batch = json!({"batch": [
            {"type": "track", "anonymousId": "a1", "event": "Viewed Pricing", "messageId": "1"},
            {"type": "identify", "anonymousId": "a1", "userId": "u1", "messageId": "2",
             "traits": {"email": "ada@acme.com", "firstName": "Ada"}},
            {"type": "track", "userId": "u1", "event": "Signed Up", "messageId": "3",
             "properties": {"plan": 3}},
        ]});
        let res = reqwest::Client::new()
            .post(format!("http://{addr}/v1/batch"))
            .basic_auth(&source.write_key, Some(""))
            .json(&batch)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

        let found = ws.people("acme", 10).await.unwrap();
        assert_eq!(found.len(), 1);
        let person = ws.person(found[0].id).await.unwrap();
        assert_eq!(person.summary.user_id.as_deref(), Some("u1"));
        assert_eq!(person.summary.company.as_ref().unwrap().domain, "acme.com");
        assert_eq!(person.timeline.len(), 3);
        let names: Vec<&str> = person.activity.iter().map(|a| a.name.as_str()).collect();
        assert!(names.contains(&"Viewed Pricing") && names.contains(&"Signed Up"), "{names:?}");

        let report = ws.plan_report(10).await.unwrap();
        let kinds: Vec<&str> = report.recent.iter().map(|v| v.kind.as_str()).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(kinds.contains(&"wrong_type") && kinds.contains(&"unplanned_event"));

        let received = ws.received(now - 60_000, 10).await.unwrap();
        assert_eq!(received.since, 3);
        let sources = ws.sources(now - 60_000).await.unwrap();
        assert_eq!((sources[0].events, sources[0].since), (3, 3));

        // A second workspace cannot take the same port: the error says what to do.
        let err = ws2.start_collector(addr, clock).await.unwrap_err();
        assert!(err.to_string().contains("already in use"), "{err}");

        assert_eq!(ws.stop_collector().await.unwrap(), CollectorState::Stopped);
        assert_eq!(ws.collector_state().await, CollectorState::Stopped);
        assert!(reqwest::get(format!("http://{addr}/v1/batch")).await.is_err());
        assert!(matches!(ws.person(9999).await, Err(Error::Missing(_))));
    });
}

/// The shipped template renders for every demo prospect without an error, and a prospect whose
/// company has hostile or missing data gets escaped output and exact warnings.
#[test]
fn the_default_template_renders_for_every_demo_prospect() {
    use switchboard_core::template::Severity;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let last_day = Day::parse("2026-11-28").unwrap();
    generate(&path, &DemoOptions { seed: 5, scale: 0.2, days: 7, last_day }, &mut |_| {}).unwrap();
    let ws = Workspace::open(&path).unwrap();
    let now = 1_795_000_000_000;
    let report = ws.check_template("Double forward", now, &mut |_| {}).unwrap();
    assert!(report.prospects > 50, "{report:?}");
    assert_eq!(report.with_errors, 0, "{:?}", report.renders.iter().find(|(_, i)| !i.is_empty()));
    assert_eq!(report.renders.len() as u64, report.prospects);

    // A company with hostile data and nothing else known.
    let conn = sql_on(&path);
    conn(
        "UPDATE companies SET name = '<img src=x onerror=alert(1)>{{ sender.vp.email }}', industry = NULL,
                employees = NULL, technologies = '[]'
         WHERE id = (SELECT company_id FROM prospects WHERE id = 1)",
    );
    conn(
        "DELETE FROM scores WHERE entity = 'company' AND entity_id = (SELECT company_id FROM prospects WHERE id = 1)",
    );
    conn("DELETE FROM visits WHERE company_id = (SELECT company_id FROM prospects WHERE id = 1)");
    let ws = Workspace::open(&path).unwrap();
    let first = block_on(ws.prospects("", 500)).unwrap().into_iter().find(|p| p.id == 1);
    let first = first.unwrap_or_else(|| {
        let db = switchboard_store::Db::open(&path).unwrap();
        db.call_blocking(|c| switchboard_store::prospects::record_of(c, 1)).unwrap().unwrap()
    });
    let t = block_on(ws.template("Double forward", now)).unwrap().template;
    let r = block_on(ws.preview(&t, first.id, now)).unwrap();
    assert!(r.ready(), "{:?}", r.issues);
    assert!(r.text.contains("<img src=x onerror=alert(1)>{{ sender.vp.email }}"), "{}", r.text);
    assert!(
        !r.html.contains("<img")
            && r.html.contains("&lt;img src=x onerror=alert(1)&gt;{{ sender.vp.email }}")
    );
    let warned: Vec<(usize, u32, &str)> = r
        .issues
        .iter()
        .map(|i| {
            assert_eq!(i.severity, Severity::Warning);
            (i.layer, i.line, i.variable.as_deref().unwrap())
        })
        .collect();
    assert_eq!(
        warned,
        [
            (0, 4, "company.industry"),
            (0, 5, "company.employees"),
            (0, 6, "company.technologies"),
            (0, 7, "score.fit_segment"),
            (0, 7, "score.signals"),
            // This demo company has no visit on record either.
            (0, 9, "visit.first_seen"),
            (0, 9, "visit.pages"),
            (2, 5, "company.industry"),
        ]
    );

    // Exports: the .eml carries both parts; Customer.io's template uses its variables.
    let eml =
        block_on(ws.export_template("Double forward", first.id, crate::ExportFormat::Eml, now))
            .unwrap();
    assert!(
        eml.content.contains("multipart/alternative")
            && eml.content.contains(&format!("To: {}", first.email))
    );
    let cio = block_on(ws.export_template(
        "Double forward",
        first.id,
        crate::ExportFormat::CustomerIo,
        now,
    ))
    .unwrap();
    assert!(
        cio.content.contains("{{ customer.first_name }}")
            && cio.content.contains("{{ event.company.name }}")
    );
    assert!(!cio.content.contains("prospect."));
    // The built-in template cannot be deleted.
    assert!(block_on(ws.delete_template("Double forward")).is_err());
}

/// Runs SQL on a workspace file directly, as another tool would (for setting up odd data).
fn sql_on(path: &std::path::Path) -> impl Fn(&'static str) {
    let db = switchboard_store::Db::open(path).unwrap();
    move |sql| {
        db.call_blocking(move |c| {
            c.execute(sql, [])?;
            Ok(())
        })
        .unwrap();
    }
}
