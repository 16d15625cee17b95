//! A four-step funnel over the demo workspace. By default a scale-1 demo generated here; point
//! `SWITCHBOARD_BENCH_WORKSPACE` at `switchboard-cli demo --scale 100` (20M events) for the
//! issue's figure. `benches/duckdb_funnel.py` asks DuckDB the same question.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use switchboard_core::Day;
use switchboard_core::funnel::Funnel;
use switchboard_workspace::Workspace;
use switchboard_workspace::demo::{DemoOptions, generate};

pub const FUNNEL: &str = r#"{"version":1,"name":"Activation","steps":[
  {"event":"Signed Up"},{"event":"Source Connected"},{"event":"Destination Enabled"},
  {"event":"Report Exported"}],"window_days":14,"range":{"last_days":30}}"#;

#[allow(clippy::print_stderr)] // The counts measured, beside criterion's own report.
fn funnel(c: &mut Criterion) {
    let last_day = Day::parse("2026-11-28").expect("a valid date");
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
    let f = Funnel::from_json(FUNNEL).expect("a valid funnel");
    let r = runtime.block_on(ws.run_funnel(f.clone(), now)).expect("a run");
    eprintln!(
        "people per step: {:?} ({} candidates, {} messages read)",
        r.steps.iter().map(|s| s.people).collect::<Vec<_>>(),
        r.candidates,
        r.events_read
    );
    let mut group = c.benchmark_group("funnel");
    group.sample_size(10);
    group.bench_function("4 steps, 30 days, 14-day window", |b| {
        b.iter(|| runtime.block_on(ws.run_funnel(f.clone(), now)).expect("a run"));
    });
    group.finish();
}

criterion_group!(benches, funnel);
criterion_main!(benches);
