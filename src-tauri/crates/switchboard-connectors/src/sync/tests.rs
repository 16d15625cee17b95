//! The engine against the fake servers: full syncs fill the store, freshness and the credit
//! budget are respected, a kill repeats work without losing or duplicating rows, and a run in
//! which every row failed is a failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use switchboard_core::day::MS_PER_DAY;
use switchboard_core::sync::{RunStatus, SyncRun, SyncTrigger};
use switchboard_core::{Company, Identity, IdentityKind, Person, Timestamp};
use switchboard_store::{Db, companies, identities, people};

use super::{Cancel, Clock, Progress, Run};
use crate::fake::{self, FakeServer, Fault};
use crate::settings::{Client, ConnectorSettings, Credentials};
use crate::{Policy, Vendor};

pub(crate) const T0: Timestamp = 20_000 * MS_PER_DAY + 9 * 3_600_000;

pub(crate) struct Ws {
    _dir: tempfile::TempDir,
    pub db: Db,
    pub now: Arc<AtomicI64>,
}

impl Ws {
    pub fn clock(&self) -> Clock {
        let now = self.now.clone();
        Arc::new(move || now.load(Ordering::SeqCst))
    }

    pub fn advance_days(&self, days: i64) {
        self.now.fetch_add(days * MS_PER_DAY, Ordering::SeqCst);
    }

    pub fn count(&self, sql: &'static str) -> i64 {
        self.db.read(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap()
    }
}

/// A workspace with `n` people (emails at `company{i % 3}.example`) and those three companies.
pub(crate) async fn workspace(n: usize) -> Ws {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    db.call(move |c| {
        for i in 0..3 {
            companies::insert(
                c,
                &Company {
                    id: None,
                    domain: format!("company{i}.example"),
                    name: format!("Company {i}"),
                    employees: None,
                    industry: None,
                    country: None,
                    city: None,
                    technologies: vec![],
                    first_seen_at: None,
                    qualified_at: None,
                    created_at: 0,
                },
            )?;
        }
        for i in 0..n {
            let id = people::insert(
                c,
                &Person {
                    id: None,
                    user_id: Some(format!("user-{i}")),
                    email: Some(format!("person{i}@company{}.example", i % 3)),
                    first_name: None,
                    last_name: None,
                    title: None,
                    company_id: None,
                    traits_json: "{}".into(),
                    created_at: 0,
                },
            )?;
            // As the collector and the demo link them.
            identities::link(
                c,
                &Identity {
                    person_id: id,
                    kind: IdentityKind::UserId,
                    value: format!("user-{i}"),
                    first_seen_at: 0,
                },
            )?;
        }
        Ok(())
    })
    .await
    .unwrap();
    Ws { _dir: dir, db, now: Arc::new(AtomicI64::new(T0)) }
}

pub(crate) fn settings(server: &FakeServer) -> ConnectorSettings {
    ConnectorSettings { base_url: Some(server.url.clone()), ..ConnectorSettings::default() }
}

pub(crate) fn client(vendor: Vendor, s: &ConnectorSettings, secrets: &[(&str, &str)]) -> Client {
    let creds = Credentials::new(secrets.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect());
    Client::build(vendor, s, &creds, Policy::quick(vendor)).unwrap()
}

pub(crate) async fn run(
    ws: &Ws,
    client: &Client,
    s: &ConnectorSettings,
) -> (SyncRun, Vec<Progress>) {
    run_with(ws, client, s, Cancel::default()).await
}

pub(crate) async fn run_with(
    ws: &Ws,
    client: &Client,
    s: &ConnectorSettings,
    cancel: Cancel,
) -> (SyncRun, Vec<Progress>) {
    let mut seen = Vec::new();
    let run = Run {
        db: &ws.db,
        client,
        settings: s,
        trigger: SyncTrigger::Cli,
        clock: ws.clock(),
        cancel,
    };
    let record = run.execute(&mut |p: &Progress| seen.push(p.clone())).await.unwrap();
    (record, seen)
}

const MK: &str = "mk_key";

#[tokio::test]
async fn a_madkudu_sync_scores_every_person_and_company_and_a_second_one_fetches_nothing() {
    let ws = workspace(10).await;
    let server = fake::madkudu::start(MK).await;
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    let (first, progress) = run(&ws, &c, &s).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{first:?}");
    assert_eq!(first.counts.fetched, 13);
    assert_eq!(first.counts.written, 13);
    assert_eq!(first.counts.credits, 13);
    assert_eq!(
        ws.count("SELECT COUNT(*) FROM scores WHERE model = 'madkudu' AND entity = 'person'"),
        10
    );
    assert_eq!(ws.count("SELECT COUNT(*) FROM scores WHERE entity = 'company'"), 3);
    assert_eq!(ws.count("SELECT COUNT(*) FROM enrichments WHERE vendor = 'madkudu'"), 13);
    let (segment, score) = fake::madkudu::fit_of("person4@company1.example");
    let stored: (String, f64) = ws
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT s.segment, s.score FROM scores s JOIN people p ON p.id = s.entity_id
                 WHERE s.entity = 'person' AND p.email = 'person4@company1.example'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(stored, (segment.to_owned(), score as f64));
    let last = progress.last().unwrap();
    assert_eq!((last.done, last.total), (3, Some(3)));

    let requests = server.seen().len();
    ws.advance_days(1);
    let (second, _) = run(&ws, &c, &s).await;
    assert_eq!(second.counts.fetched, 0, "everything is fresh: {second:?}");
    assert_eq!(server.seen().len(), requests, "no lookup was made");

    // Past the freshness window everything is looked up again.
    ws.advance_days(i64::from(s.freshness_days));
    let (third, _) = run(&ws, &c, &s).await;
    assert_eq!(third.counts.fetched, 13);
    assert_eq!(ws.count("SELECT COUNT(*) FROM scores"), 13, "rescoring replaces, never duplicates");
}

#[tokio::test]
async fn the_daily_credit_budget_is_never_exceeded() {
    let ws = workspace(10).await;
    let server = fake::madkudu::start(MK).await;
    let mut s = settings(&server);
    s.daily_budget = 4;
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    let (first, _) = run(&ws, &c, &s).await;
    assert_eq!(first.counts.credits, 7, "4 people and all 3 companies");
    assert_eq!(server.requests_to("/v1/persons"), 4);
    assert_eq!(server.requests_to("/v1/companies"), 3);
    let rows = ws.db.read(move |c| switchboard_store::sync::run_rows(c, first.id, 50)).unwrap();
    assert!(
        rows.iter().any(|r| !r.failed && r.reason.contains("6 person lookups wait for tomorrow")),
        "{rows:?}"
    );
    // The same day: nothing more is spent.
    let (again, _) = run(&ws, &c, &s).await;
    assert_eq!(again.counts.credits, 0);
    assert_eq!(server.requests_to("/v1/persons"), 4);
    assert_eq!(
        ws.count("SELECT MAX(used) FROM credits WHERE vendor = 'madkudu'"),
        4,
        "the count of spent credits never passes the budget"
    );
    // The next day the next four.
    ws.advance_days(1);
    let (next, _) = run(&ws, &c, &s).await;
    assert_eq!(next.counts.credits, 4);
    assert_eq!(ws.count("SELECT COUNT(*) FROM scores WHERE entity = 'person'"), 8);
}

#[tokio::test]
async fn a_run_in_which_every_row_failed_is_a_failure() {
    let ws = workspace(2).await;
    let server = fake::madkudu::start(MK).await;
    server.fail_next(1000, &Fault::with_body(400, r#"{"message":"bad request"}"#));
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    let (run, _) = run(&ws, &c, &s).await;
    assert_eq!(run.status, RunStatus::Failed, "{run:?}");
    assert_eq!(run.counts.failed, 5);
    let rows = ws.db.read(move |c| switchboard_store::sync::run_rows(c, run.id, 50)).unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.failed && r.reason.contains("bad request")), "{rows:?}");
}

#[tokio::test]
async fn a_refused_key_stops_the_run_at_the_first_row() {
    let ws = workspace(5).await;
    let server = fake::madkudu::start(MK).await;
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", "wrong-key-1234")]);
    let (run, _) = run(&ws, &c, &s).await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(server.seen().len(), 1);
    let error = run.error.unwrap();
    assert!(error.contains("refused the credentials"), "{error}");
    assert!(!error.contains("wrong-key"), "no key in the log: {error}");
}

#[tokio::test]
async fn some_rows_failing_makes_a_partial_run_and_not_found_is_skipped() {
    let ws = workspace(3).await;
    ws.db
        .call(|c| {
            people::insert(
                c,
                &Person {
                    id: None,
                    user_id: None,
                    email: Some("nobody@nowhere.example".into()),
                    first_name: None,
                    last_name: None,
                    title: None,
                    company_id: None,
                    traits_json: "{}".into(),
                    created_at: 0,
                },
            )
        })
        .await
        .unwrap();
    let server = fake::madkudu::start(MK).await;
    // "nobody@…" is looked up first (not found, skipped); the next lookup is refused.
    server.pass_next(1);
    server.fail_next(1, &Fault::with_body(422, r#"{"message":"unprocessable"}"#));
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    let (run, _) = run(&ws, &c, &s).await;
    assert_eq!(run.status, RunStatus::Partial, "{run:?}");
    assert_eq!((run.counts.failed, run.counts.skipped), (1, 1));
}

#[tokio::test]
async fn a_run_cancelled_before_it_starts_calls_nothing() {
    let ws = workspace(4).await;
    let server = fake::madkudu::start(MK).await;
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    let cancel = Cancel::default();
    cancel.cancel();
    let (run, _) = run_with(&ws, &c, &s, cancel).await;
    assert_eq!(run.status, RunStatus::Cancelled);
    assert_eq!(server.seen().len(), 0);
}

#[tokio::test]
async fn a_kill_mid_run_repeats_work_and_never_loses_or_duplicates() {
    let ws = workspace(30).await;
    let server = fake::madkudu::start(MK).await;
    let s = settings(&server);
    let c = client(Vendor::MadKudu, &s, &[("api_key", MK)]);
    {
        // "Kill": drop the run in the middle, as a dying process would.
        let run = Run {
            db: &ws.db,
            client: &c,
            settings: &s,
            trigger: SyncTrigger::Cli,
            clock: ws.clock(),
            cancel: Cancel::default(),
        };
        let mut progress = |_: &Progress| {};
        let fut = run.execute(&mut progress);
        tokio::pin!(fut);
        loop {
            tokio::select! {
                _ = &mut fut => panic!("the run ended before the kill"),
                () = tokio::time::sleep(std::time::Duration::from_millis(2)) => {
                    if server.seen().len() >= 12 { break; }
                }
            }
        }
    }
    let killed_scores = ws.count("SELECT COUNT(*) FROM scores");
    let killed_fetched = ws.count("SELECT COUNT(*) FROM enrichments");
    assert!(killed_scores > 0 && killed_scores < 33, "{killed_scores}");
    ws.db.call(|c| switchboard_store::sync::interrupt_running(c, T0)).await.unwrap();
    let (resumed, _) = run(&ws, &c, &s).await;
    assert_eq!(resumed.status, RunStatus::Succeeded);
    assert_eq!(ws.count("SELECT COUNT(*) FROM scores"), 33, "every entity scored exactly once");
    assert_eq!(ws.count("SELECT COUNT(*) FROM enrichments"), 33);
    assert_eq!(
        resumed.counts.fetched as i64,
        33 - killed_fetched,
        "the resumed run fetched only what the killed one had not stored"
    );
    let statuses: Vec<String> = ws
        .db
        .read(|c| {
            let mut st = c.prepare("SELECT status FROM sync_runs ORDER BY id")?;
            Ok(st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(statuses, vec!["interrupted", "succeeded"]);
    assert!(
        ws.count("SELECT COALESCE(MAX(used), 0) FROM credits")
            <= i64::try_from(s.daily_budget).unwrap()
    );
}

// ---- Customer.io deliveries ----

const SITE: &str = "site1";
const TRACK: &str = "track_key";
const APP: &str = "app_key_123456";

fn cio_client(s: &ConnectorSettings) -> Client {
    let mut s = s.clone();
    s.fields.insert("site_id".into(), SITE.into());
    client(Vendor::CustomerIo, &s, &[("track_api_key", TRACK), ("app_api_key", APP)])
}

/// Activity rows the fake's first `n` deliveries should leave: one per recorded metric.
fn expected_activities(n: usize) -> i64 {
    ["sent", "delivered", "opened", "clicked", "bounced", "unsubscribed"]
        .iter()
        .map(|m| fake::customerio::with_metric(n, m) as i64)
        .sum()
}

#[tokio::test]
async fn a_customerio_sync_records_every_delivery_once_with_campaign_names() {
    let ws = workspace(0).await;
    let server = fake::customerio::start_with(SITE, TRACK, APP, "us", 1200).await;
    let s = settings(&server);
    let c = cio_client(&s);
    let (first, _) = run(&ws, &c, &s).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{first:?}");
    assert_eq!(first.counts.fetched, 1200);
    assert_eq!(ws.count("SELECT COUNT(*) FROM email_activity"), expected_activities(1200));
    let outbound =
        fake::customerio::deliveries(1200).iter().filter(|d| d["campaign_id"] == 1).count() as i64;
    assert!(outbound > 0);
    assert_eq!(
        ws.count(
            "SELECT COUNT(DISTINCT delivery_id) FROM email_activity
             WHERE campaign = 'outbound-double-forward'"
        ),
        outbound,
        "campaign ids become the campaigns' names"
    );
    assert_eq!(
        ws.count("SELECT COUNT(*) FROM email_activity WHERE kind = 'opened'"),
        fake::customerio::with_metric(1200, "opened") as i64
    );
    assert!(server.requests_to("/v1/messages") >= 3, "paged");

    // The next run asks only for the last days again, and adds nothing.
    let before = server.requests_to("/v1/messages");
    let (second, _) = run(&ws, &c, &s).await;
    assert_eq!(second.counts.written, 0, "{second:?}");
    assert!(second.counts.fetched < 1200 && second.counts.fetched > 0, "{second:?}");
    assert_eq!(ws.count("SELECT COUNT(*) FROM email_activity"), expected_activities(1200));
    let last = server.seen().into_iter().rev().find(|r| r.path == "/v1/messages").unwrap();
    assert!(last.query.contains("start_ts="), "{}", last.query);
    assert!(server.requests_to("/v1/messages") > before);
}

#[tokio::test]
async fn a_customerio_sync_killed_between_pages_resumes_from_its_page() {
    let ws = workspace(0).await;
    let server = fake::customerio::start_with(SITE, TRACK, APP, "us", 2000).await;
    let s = settings(&server);
    let c = cio_client(&s);
    {
        let run = Run {
            db: &ws.db,
            client: &c,
            settings: &s,
            trigger: SyncTrigger::Cli,
            clock: ws.clock(),
            cancel: Cancel::default(),
        };
        let mut progress = |_: &Progress| {};
        let fut = run.execute(&mut progress);
        tokio::pin!(fut);
        loop {
            tokio::select! {
                _ = &mut fut => panic!("the run ended before the kill"),
                () = tokio::time::sleep(std::time::Duration::from_millis(1)) => {
                    if server.requests_to("/v1/messages") >= 2 { break; }
                }
            }
        }
    }
    let stored = ws.count("SELECT COUNT(*) FROM email_activity");
    assert!(stored > 0 && stored < expected_activities(2000), "{stored}");
    let cursor = ws.count("SELECT COUNT(*) FROM sync_cursors WHERE connector = 'customerio'");
    assert_eq!(cursor, 1, "the page reached is kept with its rows");
    let (resumed, _) = run(&ws, &c, &s).await;
    assert_eq!(resumed.status, RunStatus::Succeeded);
    assert_eq!(ws.count("SELECT COUNT(*) FROM email_activity"), expected_activities(2000));
    let first_page = server.seen().into_iter().filter(|r| r.path == "/v1/messages").nth(2).unwrap();
    assert!(
        first_page.query.contains("start="),
        "the resumed run starts at the stored page: {}",
        first_page.query
    );
}

// ---- ad spend ----

async fn spend_sync_fills_ad_spend(
    vendor: Vendor,
    server: &FakeServer,
    c: &Client,
    s: &ConnectorSettings,
    expected: &dyn Fn(&str, switchboard_core::Day) -> (i64, i64, i64),
    campaigns: &[(String, String)],
) {
    let ws = workspace(0).await;
    let (first, progress) = run(&ws, c, s).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{vendor}: {first:?}");
    let days = s.first_sync_days;
    let rows = campaigns.len() as i64 * days;
    assert_eq!(ws.count("SELECT COUNT(*) FROM ad_spend"), rows, "{vendor}");
    let today = switchboard_core::Day::of(T0);
    let want: i64 = campaigns
        .iter()
        .flat_map(|(id, _)| (0..days).map(move |d| (id.clone(), today.plus(-d))))
        .map(|(id, day)| expected(&id, day).0)
        .sum();
    assert_eq!(ws.count("SELECT SUM(spend_minor) FROM ad_spend"), want, "{vendor}");
    let last = progress.last().unwrap();
    assert_eq!(Some(last.done), last.total, "{vendor}: the windows were all done");
    // A day later: the settling days and today again, no duplicates.
    ws.advance_days(1);
    let (second, _) = run(&ws, c, s).await;
    assert_eq!(
        second.counts.fetched as i64,
        campaigns.len() as i64 * (s.settle_days + 2),
        "{vendor}"
    );
    assert_eq!(
        ws.count("SELECT COUNT(*) FROM ad_spend"),
        rows + campaigns.len() as i64,
        "{vendor}"
    );
    let _ = server;
}

#[tokio::test]
async fn ad_platform_syncs_fill_spend_per_campaign_and_day() {
    let mut s;
    let fb = fake::facebook::start("1234", "EAAB-token").await;
    s = settings(&fb);
    s.first_sync_days = 40;
    s.fields.insert("ad_account_id".into(), "1234".into());
    let c = client(Vendor::Facebook, &s, &[("access_token", "EAAB-token")]);
    spend_sync_fills_ad_spend(
        Vendor::Facebook,
        &fb,
        &c,
        &s,
        &fake::facebook::expected_spend,
        &fake::facebook::campaigns(),
    )
    .await;

    let g = fake::google_ads::start("1234567890", "dev-token", "ya29.token").await;
    s = settings(&g);
    s.first_sync_days = 40;
    s.fields.insert("customer_id".into(), "123-456-7890".into());
    let c = client(
        Vendor::GoogleAds,
        &s,
        &[("developer_token", "dev-token"), ("access_token", "ya29.token")],
    );
    spend_sync_fills_ad_spend(
        Vendor::GoogleAds,
        &g,
        &c,
        &s,
        &fake::google_ads::expected_spend,
        &fake::google_ads::campaigns(),
    )
    .await;

    let a = fake::adroll::start("apikey1", "pat-token", "ADV123").await;
    s = settings(&a);
    s.first_sync_days = 40;
    s.fields.insert("advertisable_eid".into(), "ADV123".into());
    let c = client(Vendor::AdRoll, &s, &[("api_key", "apikey1"), ("access_token", "pat-token")]);
    spend_sync_fills_ad_spend(
        Vendor::AdRoll,
        &a,
        &c,
        &s,
        &fake::adroll::expected_spend,
        &fake::adroll::campaigns(),
    )
    .await;
}

#[tokio::test]
async fn a_spend_sync_that_fails_part_way_keeps_its_windows_and_resumes() {
    let ws = workspace(0).await;
    let fb = fake::facebook::start("1234", "EAAB-token").await;
    let mut s = settings(&fb);
    s.first_sync_days = 90;
    s.fields.insert("ad_account_id".into(), "1234".into());
    let c = client(Vendor::Facebook, &s, &[("access_token", "EAAB-token")]);
    // The first window's pages pass, then the platform is down for good.
    // 3 campaigns x 31 days in pages of 25 rows.
    fb.pass_next((3 * 31usize).div_ceil(25));
    fb.fail_next(4, &Fault::status(503));
    let (broken, _) = run(&ws, &c, &s).await;
    assert_ne!(broken.status, RunStatus::Succeeded, "{broken:?}");
    let kept = ws.count("SELECT COUNT(*) FROM ad_spend");
    assert_eq!(kept, 3 * 31, "the first window was committed with its cursor");
    assert!(broken.error.as_deref().unwrap_or_default().contains("503"), "{broken:?}");
    let (resumed, _) = run(&ws, &c, &s).await;
    assert_eq!(resumed.status, RunStatus::Succeeded, "{resumed:?}");
    assert_eq!(ws.count("SELECT COUNT(*) FROM ad_spend"), 3 * 90);
}

// ---- Clearbit ----

#[tokio::test]
async fn a_clearbit_sync_fills_names_titles_and_firmographics() {
    let ws = workspace(6).await;
    ws.db
        .call(|c| {
            people::insert(
                c,
                &Person {
                    id: None,
                    user_id: None,
                    email: Some("queued-ana@company0.example".into()),
                    first_name: None,
                    last_name: None,
                    title: None,
                    company_id: None,
                    traits_json: "{}".into(),
                    created_at: 0,
                },
            )
        })
        .await
        .unwrap();
    let server = fake::clearbit::start("sk_test").await;
    let s = settings(&server);
    let c = client(Vendor::Clearbit, &s, &[("secret_key", "sk_test")]);
    let (first, _) = run(&ws, &c, &s).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{first:?}");
    assert_eq!(
        ws.count("SELECT COUNT(*) FROM people WHERE first_name IS NOT NULL AND title IS NOT NULL"),
        6
    );
    let want = fake::clearbit::person_json("person1@company1.example");
    let (first_name, title): (String, String) = ws
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT first_name, title FROM people WHERE email = 'person1@company1.example'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(first_name, want["name"]["givenName"].as_str().unwrap());
    assert_eq!(title, want["employment"]["title"].as_str().unwrap());
    assert_eq!(
        ws.count(
            "SELECT COUNT(*) FROM companies WHERE employees IS NOT NULL AND industry IS NOT NULL"
        ),
        ws.count("SELECT COUNT(*) FROM companies")
    );
    assert_eq!(
        ws.count(
            "SELECT COUNT(*) FROM enrichments WHERE vendor = 'clearbit' AND payload IS NOT NULL"
        ),
        6 + 3 + ws.count("SELECT COUNT(*) FROM companies") - 3
    );
    // The queued lookup was skipped, not stored: it is asked for again on the next run.
    let rows = ws.db.read(move |c| switchboard_store::sync::run_rows(c, first.id, 50)).unwrap();
    assert!(
        rows.iter().any(|r| r.key == "queued-ana@company0.example" && r.reason.contains("queued")),
        "{rows:?}"
    );
    let (second, _) = run(&ws, &c, &s).await;
    assert_eq!(second.counts.fetched, 1, "{second:?}");
    assert_eq!(
        ws.count(
            "SELECT COUNT(*) FROM people WHERE email LIKE 'queued%' AND first_name IS NOT NULL"
        ),
        1
    );
}

// ---- Segment profiles ----

#[tokio::test]
async fn a_segment_profiles_sync_merges_traits_and_stores_events_once() {
    let ws = workspace(4).await;
    let server = fake::segment_profiles::start("spa_1", "token-abc").await;
    let mut s = settings(&server);
    s.fields.insert("space_id".into(), "spa_1".into());
    let c = client(Vendor::SegmentProfiles, &s, &[("access_token", "token-abc")]);
    let (first, _) = run(&ws, &c, &s).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{first:?}");
    let want_events: i64 = (0..4)
        .map(|i| fake::segment_profiles::events_of(&format!("user_id:user-{i}")).len() as i64)
        .sum();
    assert_eq!(ws.count("SELECT COUNT(*) FROM events WHERE type <> 'identify' OR message_id NOT LIKE 'segment-profile-%'"), want_events);
    let plan: String = ws
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT json_extract(traits, '$.plan') FROM people WHERE user_id = 'user-2'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(plan, fake::segment_profiles::traits_of("user_id:user-2")["plan"].as_str().unwrap());
    // Past the freshness window, unchanged profiles add nothing.
    ws.advance_days(i64::from(s.freshness_days) + 1);
    let events = ws.count("SELECT COUNT(*) FROM events");
    let (second, _) = run(&ws, &c, &s).await;
    assert_eq!(second.counts.fetched, 4);
    assert_eq!(second.counts.written, 0, "{second:?}");
    assert_eq!(ws.count("SELECT COUNT(*) FROM events"), events);
}
