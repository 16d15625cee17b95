//! How long the Overview takes to read. By default on a scale-1 demo workspace generated here;
//! point `SWITCHBOARD_BENCH_WORKSPACE` at a bigger file (`switchboard-cli demo --scale 100`) to
//! measure at benchmark scale.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use switchboard_core::Day;
use switchboard_workspace::Workspace;
use switchboard_workspace::demo::{DemoOptions, generate};

fn overview(c: &mut Criterion) {
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
    let workspace = Workspace::open(&path).expect("the workspace opens");
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
    let today = last_day.plus(1);
    let mut group = c.benchmark_group("overview");
    group.sample_size(10);
    group.bench_function("read", |b| {
        b.iter(|| runtime.block_on(workspace.overview(today)).expect("the overview"));
    });
    group.finish();
}

criterion_group!(benches, overview);
criterion_main!(benches);
