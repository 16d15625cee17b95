//! The charts from the workspace's data: the figures are gathered here and drawn by
//! `switchboard-charts`, as SVG (for the app's `<img>`) or PNG (for export).

use switchboard_charts::{
    CampaignRate, CampaignSpend, Chart, FunnelBar, PipelineDay, PipelineReference, Rung, Size,
};
use switchboard_core::funnel::Funnel;
use switchboard_core::{Day, Timestamp};
use switchboard_store::email_activity;

use crate::{Error, Result, Workspace};

/// The charts Switchboard draws, by the name the CLI takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Funnel,
    SpendVsCap,
    ChannelLadder,
    Pipeline,
    OpenRates,
}

impl ChartKind {
    pub const NAMES: [&'static str; 5] =
        ["funnel", "spend-vs-cap", "channel-ladder", "pipeline", "open-rates"];

    pub fn parse(name: &str) -> Option<ChartKind> {
        Some(match name {
            "funnel" => ChartKind::Funnel,
            "spend-vs-cap" => ChartKind::SpendVsCap,
            "channel-ladder" => ChartKind::ChannelLadder,
            "pipeline" => ChartKind::Pipeline,
            "open-rates" => ChartKind::OpenRates,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl Workspace {
    /// Draws `kind` as of `now`; `funnel` is the definition the funnel chart needs.
    pub async fn chart(
        &self,
        kind: ChartKind,
        funnel: Option<Funnel>,
        size: Size,
        format: ChartFormat,
        now: Timestamp,
    ) -> Result<Vec<u8>> {
        let draw = |chart: Chart<'_>| -> Result<Vec<u8>> {
            let out = match format {
                ChartFormat::Svg => chart.svg(size).map(String::into_bytes),
                ChartFormat::Png => chart.png(size),
            };
            out.map_err(|e| Error::InvalidOptions(e.to_string()))
        };
        match kind {
            ChartKind::Funnel => {
                let f = funnel.ok_or_else(|| {
                    Error::InvalidOptions(
                        "the funnel chart needs a funnel: pass --file DEF.json".into(),
                    )
                })?;
                let run = self.run_funnel(f, now).await?;
                let bars: Vec<FunnelBar> = run
                    .steps
                    .iter()
                    .map(|s| FunnelBar { label: s.label.clone(), count: s.people })
                    .collect();
                draw(Chart::Funnel(&bars))
            }
            ChartKind::SpendVsCap => {
                let series: Vec<CampaignSpend> = self
                    .cac_report()
                    .await?
                    .into_iter()
                    .filter_map(|r| {
                        let cap = r.cap?;
                        let daily = r
                            .cumulative
                            .iter()
                            .scan(0, |prev, (d, total)| {
                                let day = (*d, total - *prev);
                                *prev = *total;
                                Some(day)
                            })
                            .collect();
                        Some(CampaignSpend { campaign: r.campaign_name, cap, daily })
                    })
                    .collect();
                draw(Chart::SpendVsCap(&series))
            }
            ChartKind::ChannelLadder => {
                let ladder = self.channel_ladder(None, now).await?;
                let rungs: Vec<Rung> = ladder
                    .rungs
                    .into_iter()
                    .map(|r| Rung {
                        channel: r.channel,
                        spend: r.spend,
                        reached: r.reached,
                        people: r.people,
                    })
                    .collect();
                draw(Chart::ChannelLadder(&rungs))
            }
            ChartKind::Pipeline => {
                let overview = self.overview(Day::of(now)).await?;
                let days: Vec<PipelineDay> = overview
                    .daily
                    .iter()
                    .map(|d| PipelineDay {
                        day: d.day,
                        identified_domains: d.identified_domains.max(0) as u64,
                        qualified_companies: d.qualified_companies.max(0) as u64,
                        new_contacts: d.new_contacts.max(0) as u64,
                    })
                    .collect();
                draw(Chart::Pipeline(&days, Some(PipelineReference::SOURCE)))
            }
            ChartKind::OpenRates => {
                let rates = self.db.call(|c| email_activity::open_rates(c)).await?;
                let campaigns: Vec<CampaignRate> = rates
                    .into_iter()
                    .map(|(campaign, delivered, opened)| CampaignRate {
                        campaign,
                        delivered,
                        opened,
                    })
                    .collect();
                draw(Chart::OpenRates(&campaigns))
            }
        }
    }
}
