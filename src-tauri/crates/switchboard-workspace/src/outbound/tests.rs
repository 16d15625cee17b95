//! The pipeline over the demo workspace's unresolved visits, against fake Clearbit and MadKudu:
//! a dry run spends nothing, a run fills the review queue, a second run spends nothing, and each
//! guardrail keeps the paid lookup from being made.

use std::collections::BTreeMap;

use switchboard_connectors::fake::{self, FakeServer};
use switchboard_core::outbound::pipeline::PipelineRules;
use switchboard_core::{Day, Timestamp};

use crate::connections::SettingsChange;
use crate::demo::{DemoOptions, generate};
use crate::{PipelineOptions, Policy, Secrets, Vendor, Workspace};

const DRY: PipelineOptions = PipelineOptions { dry_run: true, retry_interrupted: false };
const RUN: PipelineOptions = PipelineOptions { dry_run: false, retry_interrupted: false };

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(f)
}

fn demo(dir: &std::path::Path) -> Workspace {
    let path = dir.join("demo.sqlite");
    let last_day = Day::parse("2026-11-28").unwrap();
    generate(&path, &DemoOptions { seed: 42, scale: 0.2, days: 5, last_day }, &mut |_| {}).unwrap();
    Workspace::open(&path).unwrap()
}

/// A demo workspace in a fresh folder, its secrets file, and the day the tests run on.
fn setup() -> (tempfile::TempDir, Workspace, Secrets, Timestamp) {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    (dir, ws, secrets, Day::parse("2026-11-29").unwrap().start())
}

fn quick(v: Vendor) -> Policy {
    Policy::quick(v)
}

/// Fake Clearbit and MadKudu, connected.
async fn fakes(ws: &Workspace, secrets: &Secrets) -> (FakeServer, FakeServer) {
    let clearbit = fake::clearbit::start("sk_test").await;
    let madkudu = fake::madkudu::start("mk_test").await;
    connect(ws, secrets, &clearbit, &madkudu).await;
    (clearbit, madkudu)
}

async fn connect(ws: &Workspace, secrets: &Secrets, clearbit: &FakeServer, madkudu: &FakeServer) {
    for (vendor, field, key, server) in [
        (Vendor::Clearbit, "secret_key", "sk_test", clearbit),
        (Vendor::MadKudu, "api_key", "mk_test", madkudu),
    ] {
        let values: BTreeMap<String, String> = [(field.to_owned(), key.to_owned())].into();
        ws.connect(secrets, vendor, &values).await.unwrap();
        let change = SettingsChange {
            base_url: Some(Some(server.url.clone())),
            ..SettingsChange::default()
        };
        ws.change_connector(vendor, change).await.unwrap();
    }
}

fn unresolved_ips(ws: &Workspace) -> Vec<String> {
    ws.db
        .read(|c| {
            let mut st = c.prepare(
                "SELECT DISTINCT ip FROM visits WHERE resolution = 'unresolved' AND company_id IS NULL ORDER BY ip",
            )?;
            Ok(st.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?)
        })
        .unwrap()
}

fn company_lookups(server: &FakeServer, domain: &str) -> usize {
    server
        .seen()
        .iter()
        .filter(|s| s.path == "/v2/companies/find" && s.query == format!("domain={domain}"))
        .count()
}

#[test]
fn a_run_fills_the_review_queue_and_a_second_spends_nothing() {
    let (_dir, ws, secrets, now) = setup();
    let ips = unresolved_ips(&ws);
    assert!(ips.len() > 20, "{}", ips.len());
    // What the fakes will say, worked out from their rules.
    let companies: std::collections::BTreeSet<String> = ips
        .iter()
        .filter_map(|ip| fake::clearbit::company_for_ip(ip))
        .filter(|(kind, _, fuzzy)| *kind == "company" && !fuzzy)
        .filter_map(|(_, d, _)| d)
        .collect();
    let qualified: Vec<String> =
        companies.iter().filter(|d| fake::madkudu::fit_of(d).1 >= 70).cloned().collect();
    assert!(!qualified.is_empty());
    block_on(async move {
        let (clearbit, madkudu) = fakes(&ws, &secrets).await;
        let queued_before: i64 = ws
            .db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM review_queue WHERE state = 'pending'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();

        let dry = ws.run_pipeline(&secrets, &quick, DRY, now, &mut |_| {}).await.unwrap();
        assert_eq!(dry.lookups["reveal"], ips.len() as u64);
        assert!(clearbit.seen().is_empty() && madkudu.seen().is_empty(), "a dry run calls nothing");

        let mut steps = Vec::new();
        let run =
            ws.run_pipeline(&secrets, &quick, RUN, now, &mut |p| steps.push(*p)).await.unwrap();
        assert_eq!(run.revealed, ips.len() as u64);
        // Progress: each reveal in turn, out of them all, then each later stage, then the end.
        let reveals: Vec<_> = steps.iter().filter(|p| p.stage == "reveal").collect();
        assert_eq!(reveals.len(), ips.len());
        assert!(
            reveals
                .iter()
                .enumerate()
                .all(|(i, p)| p.done == i as u64 && p.total == ips.len() as u64)
        );
        let stages: Vec<&str> = steps.iter().map(|p| p.stage).collect::<Vec<_>>().into_iter().fold(
            Vec::new(),
            |mut v, s| {
                if v.last() != Some(&s) {
                    v.push(s);
                }
                v
            },
        );
        assert_eq!(stages, ["reveal", "company", "score", "prospect", "done"]);
        assert_eq!(run.identified, companies.len() as u64, "{run:?}");
        assert_eq!(run.enriched, companies.len() as u64);
        assert_eq!(run.qualified, qualified.len() as u64);
        assert_eq!(run.prospected, qualified.len() as u64);
        assert!(run.contacts > 0);
        assert!(
            run.skipped.iter().any(|(_, why)| why.contains("isp traffic")),
            "{:?}",
            run.skipped
        );
        assert!(run.skipped.iter().any(|(_, why)| why.contains("fuzzy")), "{:?}", run.skipped);
        // Each Reveal type skipped, where the visits hold one: no company lookup for any.
        for kind in ["education", "government"] {
            let expected = ips
                .iter()
                .any(|ip| fake::clearbit::company_for_ip(ip).is_some_and(|(k, _, _)| k == kind));
            let found = run.skipped.iter().any(|(_, why)| why.contains(kind));
            assert_eq!(found, expected, "{kind}: {:?}", run.skipped);
        }
        assert!(
            !clearbit.seen().iter().any(|s| s.path == "/v2/companies/find"
                && (s.query.ends_with(".edu") || s.query.ends_with(".gov"))),
            "a university or an agency was looked up"
        );
        let queued: i64 = ws
            .db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM review_queue WHERE state = 'pending'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(queued - queued_before, qualified.len() as i64);
        // No ISP, university or fuzzy match cost a company lookup.
        let lookups = clearbit.seen().iter().filter(|s| s.path == "/v2/companies/find").count();
        assert_eq!(lookups, companies.len());

        let calls = (clearbit.seen().len(), madkudu.seen().len());
        let again = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert!(again.lookups.values().all(|n| *n == 0), "{:?}", again.lookups);
        assert_eq!(
            (clearbit.seen().len(), madkudu.seen().len()),
            calls,
            "a second run spends no lookup"
        );
    });
}

#[test]
fn suppressed_and_recently_prospected_domains_cost_no_lookup_and_budgets_hold() {
    let (_dir, ws, secrets, now) = setup();
    let ips = unresolved_ips(&ws);
    let domains: Vec<String> = ips
        .iter()
        .filter_map(|ip| fake::clearbit::company_for_ip(ip))
        .filter(|(kind, _, fuzzy)| *kind == "company" && !fuzzy)
        .filter_map(|(_, d, _)| d)
        .collect();
    let (competitor, recent) = (domains[0].clone(), domains[1].clone());
    let (customer, dnc) = (domains[2].clone(), domains[3].clone());
    block_on(async move {
        let (clearbit, _madkudu) = fakes(&ws, &secrets).await;
        let (c, r) = (competitor.clone(), recent.clone());
        let csv = format!("domain,why\nhttps://www.{customer}/pricing,customer\n");
        ws.import_suppressions(&csv, "customer", None, now).await.unwrap();
        ws.import_suppressions(&format!("someone@{dnc}"), "do_not_contact", None, now)
            .await
            .unwrap();
        ws.db
            .call(move |conn| {
                switchboard_store::pipeline::suppress(conn, &c, "competitor", None, now)?;
                // `recent` had contacts looked up ten days ago.
                conn.execute("INSERT INTO companies (domain, name, created_at) VALUES (?1, 'Recent', 0)", [&r])?;
                conn.execute(
                    "INSERT INTO prospects (company_id, email, email_verified, first_name, last_name, title, role, seniority, found_at, state)
                     SELECT id, 'x@' || domain, 1, 'X', 'Y', 'CMO', 'marketing', 'executive', ?2, 'approved' FROM companies WHERE domain = ?1",
                    switchboard_store::params![r, now - 10 * 86_400_000],
                )?;
                Ok(())
            })
            .await
            .unwrap();
        let mut rules = PipelineRules::default();
        rules.budgets.insert("reveal".into(), 1_000);
        ws.set_pipeline_rules(&rules).await.unwrap();
        let run = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert_eq!(company_lookups(&clearbit, &competitor), 0, "a competitor is never looked up");
        assert_eq!(company_lookups(&clearbit, &recent), 0, "nor a domain within the cool-down");
        assert_eq!(company_lookups(&clearbit, &customer), 0, "nor a customer");
        assert_eq!(company_lookups(&clearbit, &dnc), 0, "nor a domain on the do-not-contact list");
        assert!(run.skipped.iter().any(|(d, why)| *d == customer && why.contains("customer")));
        assert!(run.skipped.iter().any(|(d, why)| *d == competitor && why.contains("competitor")));
        assert!(run.skipped.iter().any(|(d, why)| *d == recent && why.contains("cool-down")));
    });

    // A budget: at most three reveals today, the rest wait.
    let (_dir, ws, secrets, _) = setup();
    block_on(async move {
        let (clearbit, _madkudu) = fakes(&ws, &secrets).await;
        let mut rules = PipelineRules::default();
        rules.budgets.insert("reveal".into(), 3);
        ws.set_pipeline_rules(&rules).await.unwrap();
        let run = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert_eq!(run.lookups["reveal"], 3);
        assert!(run.ips_waiting > 0);
        let again = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert_eq!(again.lookups.get("reveal").copied().unwrap_or(0), 0);
        let reveals = clearbit.seen().iter().filter(|s| s.path == "/v1/companies/find").count();
        assert_eq!(reveals, 3, "the day's budget is never exceeded");
    });
}

/// Customer.io's fake, connected; the Track and App APIs share its base URL.
async fn connect_customerio(ws: &Workspace, secrets: &Secrets) -> FakeServer {
    let server = fake::customerio::start("site1", "trk", "app_key_1", "us").await;
    let values: BTreeMap<String, String> = [
        ("site_id".to_owned(), "site1".to_owned()),
        ("track_api_key".to_owned(), "trk".to_owned()),
        ("app_api_key".to_owned(), "app_key_1".to_owned()),
    ]
    .into();
    ws.connect(secrets, Vendor::CustomerIo, &values).await.unwrap();
    let change =
        SettingsChange { base_url: Some(Some(server.url.clone())), ..SettingsChange::default() };
    ws.change_connector(Vendor::CustomerIo, change).await.unwrap();
    server
}

fn events_sent(server: &FakeServer) -> Vec<serde_json::Value> {
    server
        .seen()
        .iter()
        .filter(|s| s.path.ends_with("/events"))
        .map(|s| serde_json::from_str(&s.body).unwrap())
        .collect()
}

#[test]
fn approved_contacts_are_sent_once_and_a_stopped_address_is_marked_in_customerio() {
    let (_dir, ws, secrets, now) = setup();
    block_on(async move {
        let (_clearbit, _madkudu) = fakes(&ws, &secrets).await;
        let run = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert!(run.prospected >= 2, "{run:?}");

        // Sending without Customer.io says what to do.
        let err = ws.send_approved(&secrets, &quick, now).await.unwrap_err();
        assert!(err.to_string().contains("Customer.io"), "{err}");
        let cio = connect_customerio(&ws, &secrets).await;

        let queue = ws.review_queue(Some("pending"), 100, now).await.unwrap();
        let fresh: Vec<_> = queue
            .iter()
            .filter(|e| e.contacts.len() >= 2 && e.contacts.iter().all(|c| c.state == "pending"))
            .collect();
        let (first, second) = (fresh[0], fresh[1]);
        ws.approve_queued(&first.domain, None, now).await.unwrap();
        let one = first.contacts[0].email.clone();
        ws.approve_queued(&second.domain, Some(vec![second.contacts[1].email.clone()]), now)
            .await
            .unwrap();
        let approved = first.contacts.len() + 1;
        // The demo's own approved contacts were mailed already, but for the latest approvals.
        let waiting = ws.waiting_to_send().await.unwrap() as usize;
        assert!(waiting >= approved, "{waiting}");
        let approved = waiting;

        let sent = ws.send_approved(&secrets, &quick, now + 1_000).await.unwrap();
        assert_eq!((sent.sent, sent.failed.len()), (approved as u64, 0), "{sent:?}");
        let events = events_sent(&cio);
        assert_eq!(events.len(), approved);
        let e = events.iter().find(|e| e["data"]["prospect"]["email"] == one.as_str()).unwrap();
        assert_eq!(e["name"], crate::DEFAULT_OUTBOUND_EVENT);
        assert_eq!(e["id"].as_str().unwrap().len(), 26, "a ULID: Customer.io's dedupe id");
        assert_eq!(e["data"]["company"]["domain"], first.domain.as_str());
        assert!(e["data"]["dates"]["layer_0"].is_string(), "{e}");
        // Each send identified the person first, with the template's attributes.
        let identify = cio
            .seen()
            .into_iter()
            .find(|s| {
                s.method == "PUT"
                    && s.path == format!("/api/v1/customers/{}", one.replace('@', "%40"))
            })
            .unwrap();
        let attrs: serde_json::Value = serde_json::from_str(&identify.body).unwrap();
        assert_eq!(attrs["company_domain"], first.domain.as_str());
        // The contact not chosen was not sent.
        assert!(
            !events
                .iter()
                .any(|e| e["data"]["prospect"]["email"] == second.contacts[0].email.as_str())
        );

        // A second send sends nothing.
        let again = ws.send_approved(&secrets, &quick, now + 2_000).await.unwrap();
        assert_eq!(again.sent, 0);
        assert_eq!(events_sent(&cio).len(), approved);

        // A send a kill interrupted (committed at `sending`) goes out again with its event id.
        let third = fresh[2];
        ws.approve_queued(&third.domain, Some(vec![third.contacts[0].email.clone()]), now)
            .await
            .unwrap();
        let (pid, email) = (third.contacts[0].prospect_id, third.contacts[0].email.clone());
        ws.db
            .call(move |c| {
                switchboard_store::outreach::start_send(
                    c,
                    pid,
                    &email,
                    "x",
                    "01KILLEDMIDSEND0000000000A",
                    now,
                )
            })
            .await
            .unwrap();
        let resumed = ws.send_approved(&secrets, &quick, now + 3_000).await.unwrap();
        assert_eq!((resumed.sent, resumed.resumed), (1, 1));
        assert_eq!(events_sent(&cio).last().unwrap()["id"], "01KILLEDMIDSEND0000000000A");

        // Customer.io refuses one: it is reported, and sent again next time with its event id.
        let fourth = fresh[3];
        ws.approve_queued(&fourth.domain, Some(vec![fourth.contacts[0].email.clone()]), now)
            .await
            .unwrap();
        cio.fail_next(1, &fake::Fault::with_body(400, r#"{"meta":{"errors":["bad attribute"]}}"#));
        let refused = ws.send_approved(&secrets, &quick, now + 3_500).await.unwrap();
        assert_eq!((refused.sent, refused.failed.len()), (0, 1), "{refused:?}");
        assert!(refused.failed[0].1.contains("bad attribute"), "{refused:?}");
        let again = ws.send_approved(&secrets, &quick, now + 3_600).await.unwrap();
        assert_eq!((again.sent, again.resumed), (1, 1));
        // A bounce stops the address; the next send tells Customer.io.
        let o = one.clone();
        ws.db
            .call(move |c| {
                switchboard_store::outreach::advance(
                    c,
                    &o,
                    switchboard_store::outreach::Outcome::Bounced,
                    now + 4_000,
                    None,
                )
            })
            .await
            .unwrap();
        let told = ws.send_approved(&secrets, &quick, now + 5_000).await.unwrap();
        assert_eq!((told.sent, told.notified), (0, 1));
        let last = cio.seen().into_iter().rev().find(|s| s.method == "PUT").unwrap();
        assert_eq!(last.path, format!("/api/v1/customers/{}", one.replace('@', "%40")));
        assert!(last.body.contains("\"outbound_stopped\":true"), "{}", last.body);
        let queue = ws.review_queue(None, 1_000, now).await.unwrap();
        let state = queue
            .iter()
            .flat_map(|e| &e.contacts)
            .find(|c| c.email == one)
            .map(|c| c.state.clone());
        assert_eq!(state.as_deref(), Some("bounced"));
    });
}

#[test]
fn a_lookup_left_in_flight_by_a_kill_is_not_paid_twice_unless_asked() {
    let (_dir, ws, secrets, now) = setup();
    let ips = unresolved_ips(&ws);
    block_on(async move {
        let (clearbit, _madkudu) = fakes(&ws, &secrets).await;
        // A run killed after asking Reveal of the first IP, before storing the answer.
        let ip = ips[0].clone();
        ws.db.call(move |c| switchboard_store::pipeline::mark_ip_asked(c, &ip, now)).await.unwrap();
        let run = ws.run_pipeline(&secrets, &quick, RUN, now, &mut |_| {}).await.unwrap();
        assert_eq!(run.interrupted, vec![(ips[0].clone(), "reveal".to_owned())]);
        let asked = |ip: &str| {
            clearbit
                .seen()
                .iter()
                .filter(|s| s.path == "/v1/companies/find" && s.query == format!("ip={ip}"))
                .count()
        };
        assert_eq!(asked(&ips[0]), 0);
        assert_eq!(asked(&ips[1]), 1);
        let retry = PipelineOptions { dry_run: false, retry_interrupted: true };
        let run = ws.run_pipeline(&secrets, &quick, retry, now, &mut |_| {}).await.unwrap();
        assert_eq!((run.retried, run.interrupted.len()), (1, 0));
        assert_eq!((asked(&ips[0]), asked(&ips[1])), (1, 1));
    });
}
