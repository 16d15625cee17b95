//! The charts at their boundary: representative input in, the exact SVG out (snapshots under
//! `tests/snapshots/`, viewable as images), the figures a reader needs present as text, the empty
//! and refused cases, and PNGs that decode at the size asked for.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p switchboard-charts` rewrites the snapshots; review the SVGs
//! before keeping them.

// Amounts are written dollars_cents.
#![allow(clippy::inconsistent_digit_grouping)]

mod data;

use std::fs;
use std::path::PathBuf;

use switchboard_charts::{
    CampaignRate, CampaignSpend, Chart, ChartError, FunnelBar, PipelineReference, Rung, Size,
    channel_ladder, funnel, open_rates, pipeline, spend_vs_cap,
};
use switchboard_core::cac::{Currency, Money};

fn assert_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.svg"));
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        fs::write(&path, actual).expect("the snapshot is written");
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("no snapshot at {}; run with UPDATE_SNAPSHOTS=1 to write it", path.display())
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from {} from line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             if the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the SVG",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

/// The text content of the SVG's `<text>` elements, in drawing order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[rest.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

fn has_text(svg: &str, wanted: &str) -> bool {
    texts(svg).iter().any(|t| t == wanted)
}

#[test]
fn funnel_matches_its_snapshot_and_labels_every_conversion() {
    let svg = funnel(&data::funnel()).unwrap();
    assert_snapshot("funnel", &svg);
    assert!(has_text(&svg, "12,480 people"), "{:?}", texts(&svg));
    assert!(has_text(&svg, "97 people"));
    // 4,210 / 12,480 = 33.73%; 1,034 / 4,210 = 24.56%; 1,034 / 12,480 = 8.29%.
    assert!(has_text(&svg, "33.7% of previous · 33.7% of first"));
    assert!(has_text(&svg, "24.6% of previous · 8.3% of first"));
    // 97 / 412 = 23.54%; 97 / 12,480 = 0.78%.
    assert!(has_text(&svg, "23.5% of previous · 0.8% of first"));
    // The first step has nothing to convert from.
    assert_eq!(texts(&svg).iter().filter(|t| t.contains("of previous")).count(), 4);
}

#[test]
fn a_funnel_whose_first_step_is_empty_says_so_rather_than_dividing_by_zero() {
    let steps = [
        FunnelBar { label: "Visited".into(), count: 0 },
        FunnelBar { label: "Signed up".into(), count: 0 },
        FunnelBar { label: "Paid".into(), count: 1 },
    ];
    let svg = funnel(&steps).unwrap();
    assert!(has_text(&svg, "– of previous · – of first"));
    assert!(has_text(&svg, "1 person"));
}

#[test]
fn spend_vs_cap_matches_its_snapshot_and_reads_in_major_units() {
    let svg = spend_vs_cap(&data::spend()).unwrap();
    assert_snapshot("spend_vs_cap", &svg);
    // Axis ticks in whole dollars with separators.
    for tick in ["$0", "$500", "$1,000", "$1,500", "$2,000"] {
        assert!(has_text(&svg, tick), "tick {tick} in {:?}", texts(&svg));
    }
    // The retargeting campaign's fourteen days sum to $1,722.63, past its $1,500 cap.
    assert!(has_text(&svg, "$1,722.63 of $1,500 · 114.8%"));
    assert!(has_text(&svg, "$873.75 of $2,000 · 43.7%"));
    assert!(has_text(&svg, "$317.45 of $800 · 39.7%"));
    assert!(has_text(&svg, "cap"));
    assert!(has_text(&svg, "Mar 8"));
}

#[test]
fn spend_is_summed_in_day_order_whatever_order_it_arrives_in() {
    let mut series = data::spend();
    for campaign in &mut series {
        campaign.daily.reverse();
    }
    assert_eq!(spend_vs_cap(&series).unwrap(), spend_vs_cap(&data::spend()).unwrap());
}

#[test]
fn amounts_in_two_currencies_are_refused_not_drawn_on_one_axis() {
    let mut series = data::spend();
    series[1].cap = Money { minor: 2_000_00, currency: Currency::parse("EUR").unwrap() };
    match spend_vs_cap(&series) {
        Err(ChartError::MixedCurrencies { expected, found }) => {
            assert_eq!((expected.as_str(), found.as_str()), ("USD", "EUR"));
        }
        other => panic!("expected MixedCurrencies, got {other:?}"),
    }
    let mut rungs = data::ladder();
    rungs[2].spend.currency = Currency::parse("GBP").unwrap();
    assert!(matches!(channel_ladder(&rungs), Err(ChartError::MixedCurrencies { .. })));
}

#[test]
fn channel_ladder_matches_its_snapshot_with_the_cheapest_rung_at_the_bottom() {
    let svg = channel_ladder(&data::ladder()).unwrap();
    assert_snapshot("channel_ladder", &svg);
    let texts = texts(&svg);
    let at = |label: &str| texts.iter().position(|t| t == label).unwrap();
    // Rows are drawn top to bottom: $0.45 > $0.050 > $0.016 > $0.015 per person.
    assert!(at("Retargeting") < at("Web personalisation"));
    assert!(at("Web personalisation") < at("Display"));
    assert!(at("Display") < at("Email"));
    assert!(texts.contains(&"$0.45 per person".to_owned()));
    // $2,400 over 150,000 people is $0.016 each: sub-cent costs keep two significant digits.
    assert!(texts.contains(&"$0.016 per person".to_owned()));
    assert!(texts.contains(&"$0.015 per person".to_owned()));
    assert!(texts.contains(&"5,200 people · 8,000 reached".to_owned()));
}

#[test]
fn a_rung_nobody_was_reached_on_has_no_cost_and_sits_on_top() {
    let mut rungs = data::ladder();
    rungs.push(Rung {
        channel: "Direct mail".into(),
        spend: data::usd(500_00),
        reached: 0,
        people: 0,
    });
    let svg = channel_ladder(&rungs).unwrap();
    let texts = texts(&svg);
    assert!(texts.contains(&"no one reached yet".to_owned()));
    let at = |label: &str| texts.iter().position(|t| t == label).unwrap();
    assert!(at("Direct mail") < at("Retargeting"));
}

#[test]
fn pipeline_matches_its_snapshot_with_the_reference_volumes() {
    let svg = pipeline(&data::pipeline(), data::reference()).unwrap();
    assert_snapshot("pipeline", &svg);
    for text in [
        "Identified domains",
        "Qualified companies",
        "New contacts",
        "latest 460 · reference 1,000 a day",
        "latest 12 · reference 60 a day",
        "latest 140 · reference 300 a day",
        "1,000",
    ] {
        assert!(has_text(&svg, text), "{text} in {:?}", texts(&svg));
    }
    assert_eq!(
        PipelineReference::SOURCE,
        PipelineReference { identified_domains: 1000, qualified_companies: 60, new_contacts: 300 }
    );
}

#[test]
fn pipeline_without_a_reference_draws_no_dashed_line() {
    let with = pipeline(&data::pipeline(), data::reference()).unwrap();
    let without = pipeline(&data::pipeline(), None).unwrap();
    assert!(has_text(&without, "latest 460"));
    assert!(!without.contains("reference"));
    // Dashes are short polylines; the reference lines account for many of them.
    let polylines = |svg: &str| svg.matches("<polyline").count();
    assert!(polylines(&with) > polylines(&without) + 10);
}

#[test]
fn open_rates_match_their_snapshot_with_a_percentage_per_campaign() {
    let svg = open_rates(&data::open_rates()).unwrap();
    assert_snapshot("open_rates", &svg);
    // 1,934 / 4,812 = 40.19%; 611 / 1,204 = 50.75% rounds up; 121 / 950 = 12.74%.
    for text in ["40.2%", "50.7%", "24.0%", "12.7%", "1,934 of 4,812 opened"] {
        assert!(has_text(&svg, text), "{text} in {:?}", texts(&svg));
    }
    assert!(has_text(&svg, "no emails delivered yet"));
    // The long campaign name is cut to its column, not run into the bars.
    assert!(texts(&svg).iter().any(|t| t.starts_with("Win-back") && t.ends_with('…')));
}

#[test]
fn labels_are_escaped_so_a_name_cannot_become_markup() {
    let campaigns = [CampaignRate { campaign: "<script>&".into(), delivered: 10, opened: 5 }];
    let svg = open_rates(&campaigns).unwrap();
    assert!(svg.contains("&lt;script&gt;&amp;"));
    assert!(!svg.contains("<script>"));
}

#[test]
fn empty_input_draws_no_data_yet_for_every_chart() {
    let no_days =
        [CampaignSpend { campaign: "Idle".into(), cap: data::usd(100_00), daily: vec![] }];
    let charts = [
        Chart::Funnel(&[]),
        Chart::SpendVsCap(&[]),
        Chart::SpendVsCap(&no_days),
        Chart::ChannelLadder(&[]),
        Chart::Pipeline(&[], data::reference()),
        Chart::OpenRates(&[]),
    ];
    for chart in charts {
        let svg = chart.svg(Size::DEFAULT).unwrap();
        assert!(has_text(&svg, "No data yet"), "{chart:?}");
        assert!(chart.png(Size::DEFAULT).is_ok(), "{chart:?}");
    }
    assert_snapshot("empty_funnel", &Chart::Funnel(&[]).svg(Size::DEFAULT).unwrap());
}

#[test]
fn svg_output_is_deterministic_and_sized_as_asked() {
    let steps = data::funnel();
    let chart = Chart::Funnel(&steps);
    let size = Size { width: 1440, height: 720 };
    let a = chart.svg(size).unwrap();
    assert_eq!(a, chart.svg(size).unwrap());
    assert!(a.starts_with(r#"<svg width="1440" height="720" viewBox="0 0 1440 720""#));
    // Text scales with the picture: the title is twice its default size.
    let default = chart.svg(Size::DEFAULT).unwrap();
    let title_size = |svg: &str| -> f64 {
        let at = svg.find("font-size=\"").unwrap() + "font-size=\"".len();
        svg[at..at + svg[at..].find('"').unwrap()].parse().unwrap()
    };
    assert!((title_size(&a) / title_size(&default) - 2.0).abs() < 1e-9);
}

#[test]
fn sizes_outside_the_supported_range_are_refused() {
    let steps = data::funnel();
    for size in [Size { width: 0, height: 360 }, Size { width: 720, height: 5000 }] {
        assert!(matches!(
            Chart::Funnel(&steps).png(size),
            Err(ChartError::Size { width, height }) if (width, height) == (size.width, size.height)
        ));
    }
}

/// Decodes a PNG, checking its signature, and returns its size and RGB pixels.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn every_chart_exports_a_png_that_decodes_at_the_size_asked() {
    let (f, s, l, p, o) =
        (data::funnel(), data::spend(), data::ladder(), data::pipeline(), data::open_rates());
    let charts = [
        Chart::Funnel(&f),
        Chart::SpendVsCap(&s),
        Chart::ChannelLadder(&l),
        Chart::Pipeline(&p, data::reference()),
        Chart::OpenRates(&o),
    ];
    for chart in charts {
        for size in [Size::DEFAULT, Size { width: 1000, height: 500 }] {
            let bytes = chart.png(size).unwrap();
            let (width, height, pixels) = decode(&bytes);
            assert_eq!((width, height), (size.width, size.height), "{chart:?}");
            // Something other than the white background was drawn.
            assert!(pixels.chunks(3).any(|px| px != [255, 255, 255]), "{chart:?}");
            assert_eq!(bytes, chart.png(size).unwrap(), "deterministic: {chart:?}");
        }
    }
}

#[test]
fn png_text_is_rasterised_from_the_embedded_font() {
    // The title band of an empty chart holds only the title: dark grey pixels there are glyphs,
    // drawn without any system font.
    let (width, _, pixels) = decode(&Chart::OpenRates(&[]).png(Size::DEFAULT).unwrap());
    let band = &pixels[..(width as usize * 34 * 3)];
    let inked = band.chunks(3).filter(|px| px.iter().all(|c| *c < 128)).count();
    assert!(inked > 100, "{inked} dark pixels in the title band");
}

#[test]
fn refunds_below_zero_extend_the_axis_downwards() {
    let series = [CampaignSpend {
        campaign: "Refunded".into(),
        cap: data::usd(100_00),
        daily: vec![(data::day("2025-03-01"), 20_00), (data::day("2025-03-02"), -120_00)],
    }];
    let svg = spend_vs_cap(&series).unwrap();
    assert!(has_text(&svg, "-$100"), "{:?}", texts(&svg));
    assert!(has_text(&svg, "-$100 of $100 · 0.0%"), "{:?}", texts(&svg));
}
