//! The pipeline over the demo workspace's unresolved visits, against fake Clearbit and MadKudu:
//! a dry run spends nothing, a run fills the review queue, a second run spends nothing, and each
//! guardrail keeps the paid lookup from being made.

use std::collections::BTreeMap;

use switchboard_connectors::fake::{self, FakeServer};
use switchboard_core::Day;
use switchboard_core::outbound::pipeline::PipelineRules;

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
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    let now = Day::parse("2026-11-29").unwrap().start();
    let quick = |v: Vendor| Policy::quick(v);
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
        let clearbit = fake::clearbit::start("sk_test").await;
        let madkudu = fake::madkudu::start("mk_test").await;
        connect(&ws, &secrets, &clearbit, &madkudu).await;
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

        let dry = ws.run_pipeline(&secrets, &quick, DRY, now).await.unwrap();
        assert_eq!(dry.lookups["reveal"], ips.len() as u64);
        assert!(clearbit.seen().is_empty() && madkudu.seen().is_empty(), "a dry run calls nothing");

        let run = ws.run_pipeline(&secrets, &quick, RUN, now).await.unwrap();
        assert_eq!(run.revealed, ips.len() as u64);
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
        let again = ws.run_pipeline(&secrets, &quick, RUN, now).await.unwrap();
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
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    let now = Day::parse("2026-11-29").unwrap().start();
    let quick = |v: Vendor| Policy::quick(v);
    let ips = unresolved_ips(&ws);
    let domains: Vec<String> = ips
        .iter()
        .filter_map(|ip| fake::clearbit::company_for_ip(ip))
        .filter(|(kind, _, fuzzy)| *kind == "company" && !fuzzy)
        .filter_map(|(_, d, _)| d)
        .collect();
    let (competitor, recent) = (domains[0].clone(), domains[1].clone());
    block_on(async move {
        let clearbit = fake::clearbit::start("sk_test").await;
        let madkudu = fake::madkudu::start("mk_test").await;
        connect(&ws, &secrets, &clearbit, &madkudu).await;
        let (c, r) = (competitor.clone(), recent.clone());
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
        let run = ws.run_pipeline(&secrets, &quick, RUN, now).await.unwrap();
        assert_eq!(company_lookups(&clearbit, &competitor), 0, "a competitor is never looked up");
        assert_eq!(company_lookups(&clearbit, &recent), 0, "nor a domain within the cool-down");
        assert!(run.skipped.iter().any(|(d, why)| *d == competitor && why.contains("competitor")));
        assert!(run.skipped.iter().any(|(d, why)| *d == recent && why.contains("cool-down")));
    });

    // A budget: at most three reveals today, the rest wait.
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let secrets = Secrets::file(dir.path().join("secrets.json"));
    block_on(async move {
        let clearbit = fake::clearbit::start("sk_test").await;
        let madkudu = fake::madkudu::start("mk_test").await;
        connect(&ws, &secrets, &clearbit, &madkudu).await;
        let mut rules = PipelineRules::default();
        rules.budgets.insert("reveal".into(), 3);
        ws.set_pipeline_rules(&rules).await.unwrap();
        let run = ws.run_pipeline(&secrets, &quick, RUN, now).await.unwrap();
        assert_eq!(run.lookups["reveal"], 3);
        assert!(run.ips_waiting > 0);
        let again = ws.run_pipeline(&secrets, &quick, RUN, now).await.unwrap();
        assert_eq!(again.lookups.get("reveal").copied().unwrap_or(0), 0);
        let reveals = clearbit.seen().iter().filter(|s| s.path == "/v1/companies/find").count();
        assert_eq!(reveals, 3, "the day's budget is never exceeded");
    });
}
