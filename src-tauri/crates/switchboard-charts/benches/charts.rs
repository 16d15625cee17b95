//! How long each chart takes to draw at the app's size (720x360), as SVG and as PNG, from the
//! representative inputs the tests use. The target is under 50 ms per chart.

#[path = "../tests/data/mod.rs"]
mod data;

use criterion::{Criterion, criterion_group, criterion_main};
use switchboard_charts::{Chart, Size};

fn charts(c: &mut Criterion) {
    let (funnel, spend, ladder, pipeline, open_rates) =
        (data::funnel(), data::spend(), data::ladder(), data::pipeline(), data::open_rates());
    let charts = [
        ("funnel", Chart::Funnel(&funnel)),
        ("spend_vs_cap", Chart::SpendVsCap(&spend)),
        ("channel_ladder", Chart::ChannelLadder(&ladder)),
        ("pipeline", Chart::Pipeline(&pipeline, data::reference())),
        ("open_rates", Chart::OpenRates(&open_rates)),
    ];
    let mut group = c.benchmark_group("charts");
    for (name, chart) in charts {
        group.bench_function(format!("{name}/svg"), |b| {
            b.iter(|| chart.svg(Size::DEFAULT).expect("the SVG"));
        });
        group.bench_function(format!("{name}/png"), |b| {
            b.iter(|| chart.png(Size::DEFAULT).expect("the PNG"));
        });
    }
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
