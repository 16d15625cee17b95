//! Segment counts, an explanation and a 1M-member export. By default on a scale-1 demo generated
//! here; point `SWITCHBOARD_BENCH_WORKSPACE` at `switchboard-cli demo --scale 100` (1M people,
//! 20M events) to measure at the issue's scale. Times are taken as of the day after the demo's
//! last day, so the windows cover its data.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use switchboard_core::Day;
use switchboard_core::audience::Definition;
use switchboard_workspace::demo::{DemoOptions, generate};
use switchboard_workspace::{SegmentFormat, Workspace};

const TRAIT_ONLY: &str = r#"{"version":1,"name":"bench trait","target":"people",
  "rule":{"person_trait":{"key":"firstName","op":"equals","value":"Elena"}}}"#;

/// Three behavioural rules and a company rule.
const BEHAVIOURAL: &str = r#"{"version":1,"name":"bench behaviour","target":"people","rule":{"all":[
  {"performed":{"event":"Pricing","type":"page","count":{"op":"at_least","n":3},"window":{"last_days":14}}},
  {"performed":{"event":"Report Exported","window":{"last_days":30}}},
  {"not_performed":{"event":"Teammate Invited","window":{"last_days":7}}},
  {"company_trait":{"key":"employees","op":"at_least","value":50}}]}}"#;

/// The issue's growth-manager segment.
const COMPANIES: &str = r#"{"version":1,"name":"bench companies","target":"companies","rule":{"all":[
  {"company_trait":{"key":"employees","op":"at_least","value":50}},
  {"company_trait":{"key":"technologies","op":"contains","value":"Segment"}},
  {"people":{"match":"any","rule":{"performed":{"event":"Pricing","type":"page","count":{"op":"at_least","n":3},"window":{"last_days":14}}}}},
  {"people":{"match":"none","rule":{"email":{"action":"replied"}}}}]}}"#;

const EVERYONE: &str =
    r#"{"version":1,"name":"bench everyone","target":"people","rule":{"all":[]}}"#;

#[allow(clippy::print_stderr)] // The sizes measured, beside criterion's own report.
fn segments(c: &mut Criterion) {
    let last_day = Day::parse(
        &std::env::var("SWITCHBOARD_BENCH_LAST_DAY").unwrap_or_else(|_| "2026-11-28".to_owned()),
    )
    .expect("a valid date");
    let dir = tempfile::tempdir().expect("a temporary dir");
    let path = match std::env::var_os("SWITCHBOARD_BENCH_WORKSPACE") {
        Some(p) => PathBuf::from(p),
        None => {
            let path = dir.path().join("bench.sqlite");
            let options = DemoOptions { seed: 42, scale: 1.0, days: 30, last_day };
            generate(&path, &options, &mut |_| {}).expect("the demo workspace");
            path
        }
    };
    let now = last_day.plus(1).start() + 12 * 3_600_000;
    let ws = Workspace::open(&path).expect("the workspace opens");
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
    let def = |text: &str| Definition::from_json(text).expect("a valid definition");

    let mut group = c.benchmark_group("segment");
    group.sample_size(10);
    for (name, text) in [
        ("count trait-only", TRAIT_ONLY),
        ("count 3 behavioural + company", BEHAVIOURAL),
        ("count companies (the issue's)", COMPANIES),
    ] {
        let d = def(text);
        let n = runtime.block_on(ws.segment_count(d.clone(), now)).expect("a count");
        eprintln!("{name}: {n}");
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(ws.segment_count(d.clone(), now)).expect("a count"));
        });
    }
    let d = def(BEHAVIOURAL);
    group.bench_function("explain 3 behavioural + company", |b| {
        b.iter(|| runtime.block_on(ws.segment_explain(d.clone(), now)).expect("an explanation"));
    });

    let everyone = def(EVERYONE);
    let saved = match runtime.block_on(ws.segment("bench everyone")) {
        Ok(saved) if saved.latest.is_some() => saved,
        _ => runtime.block_on(ws.save_segment(everyone, None, now)).expect("saved"),
    };
    let columns: Vec<String> = ["id", "email", "name", "company.name", "company.domain", "score"]
        .map(String::from)
        .to_vec();
    eprintln!("export rows: {}", saved.latest.as_ref().map_or(0, |v| v.size));
    group.bench_function("export everyone csv", |b| {
        b.iter(|| {
            ws.write_segment(
                "bench everyone",
                &columns,
                SegmentFormat::Csv,
                &mut std::io::sink(),
                &mut |_| {},
            )
            .expect("the export")
        });
    });
    group.finish();
}

criterion_group!(benches, segments);
criterion_main!(benches);
