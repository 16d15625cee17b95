//! Representative inputs for the chart tests and the bench: the shapes and magnitudes the demo
//! workspace produces, written out by hand so every figure a test looks for is visible here.

// Amounts are written dollars_cents. Each test binary uses some of these inputs.
#![allow(dead_code, clippy::inconsistent_digit_grouping)]

use switchboard_charts::{
    CampaignRate, CampaignSpend, FunnelBar, PipelineDay, PipelineReference, Rung,
};
use switchboard_core::Day;
use switchboard_core::cac::{Currency, Money};

pub fn usd(minor: i64) -> Money {
    Money { minor, currency: Currency::parse("USD").unwrap() }
}

pub fn day(date: &str) -> Day {
    Day::parse(date).unwrap()
}

pub fn funnel() -> Vec<FunnelBar> {
    [
        ("Visited the site", 12_480),
        ("Viewed pricing", 4_210),
        ("Started a trial", 1_034),
        ("Invited a teammate", 412),
        ("Paid", 97),
    ]
    .into_iter()
    .map(|(label, count)| FunnelBar { label: label.to_owned(), count })
    .collect()
}

/// Three campaigns over two weeks from 2025-03-01: one passes its cap on day 12, one is under
/// pace, one started late.
pub fn spend() -> Vec<CampaignSpend> {
    let start = day("2025-03-01");
    let daily = |from: i64, cents: &[i64]| -> Vec<(Day, i64)> {
        cents.iter().enumerate().map(|(i, c)| (start.plus(from + i as i64), *c)).collect()
    };
    vec![
        CampaignSpend {
            campaign: "Retargeting: pricing visitors".to_owned(),
            cap: usd(1_500_00),
            daily: daily(
                0,
                &[
                    110_00, 95_50, 130_25, 120_00, 140_75, 99_00, 101_10, 135_40, 128_00, 117_30,
                    142_00, 150_00, 133_33, 120_00,
                ],
            ),
        },
        CampaignSpend {
            campaign: "Display: lookalike accounts".to_owned(),
            cap: usd(2_000_00),
            daily: daily(
                0,
                &[
                    60_00, 55_00, 62_50, 70_00, 58_25, 61_00, 64_00, 66_60, 59_90, 63_00, 67_00,
                    61_50, 60_00, 65_00,
                ],
            ),
        },
        CampaignSpend {
            campaign: "Search: brand terms".to_owned(),
            cap: usd(800_00),
            daily: daily(6, &[35_00, 41_20, 38_75, 44_00, 39_10, 42_00, 40_40, 37_00]),
        },
    ]
}

pub fn ladder() -> Vec<Rung> {
    [
        ("Email", 120_00, 8_000, 5_200),
        ("Web personalisation", 300_00, 6_000, 3_100),
        ("Retargeting", 1_800_00, 4_000, 1_450),
        ("Display", 2_400_00, 150_000, 900),
    ]
    .into_iter()
    .map(|(channel, spend, reached, people)| Rung {
        channel: channel.to_owned(),
        spend: usd(spend),
        reached,
        people,
    })
    .collect()
}

/// Two weeks of pipeline that wobbles round the source's figures, lower at weekends.
pub fn pipeline() -> Vec<PipelineDay> {
    let start = day("2025-03-03");
    let wobble =
        [1.02, 0.97, 1.08, 1.01, 0.93, 0.55, 0.48, 1.04, 1.10, 0.99, 1.06, 0.95, 0.51, 0.46];
    wobble
        .iter()
        .enumerate()
        .map(|(i, w)| PipelineDay {
            day: start.plus(i as i64),
            identified_domains: (1000.0 * w) as u64,
            qualified_companies: (58.0 * w * w) as u64,
            new_contacts: (290.0 * w) as u64 + (i as u64 % 3) * 7,
        })
        .collect()
}

pub fn reference() -> Option<PipelineReference> {
    Some(PipelineReference::SOURCE)
}

pub fn open_rates() -> Vec<CampaignRate> {
    [
        ("March newsletter", 4_812, 1_934),
        ("Trial nurture, email 1", 1_204, 611),
        ("Webinar invitation", 3_390, 812),
        ("Win-back: lapsed trials from last quarter", 950, 121),
        ("Product launch (not sent yet)", 0, 0),
    ]
    .into_iter()
    .map(|(campaign, delivered, opened)| CampaignRate {
        campaign: campaign.to_owned(),
        delivered,
        opened,
    })
    .collect()
}
