//! Open rate by campaign: one bar per campaign, labelled with the rate and the counts it comes
//! from. The axis runs to 100% (further only if the data does, which would be a counting bug
//! worth seeing).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::bars::{self, Row};
use crate::format::{count, percent};
use crate::theme::{self, Theme};
use crate::{ChartError, no_data};

const TITLE: &str = "Open rate by campaign";

/// A campaign's emails delivered and opened (people who opened at least once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRate {
    pub campaign: String,
    pub delivered: u64,
    pub opened: u64,
}

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    campaigns: &[CampaignRate],
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    if campaigns.is_empty() {
        return no_data(root, theme, TITLE);
    }
    let rows: Vec<Row> = campaigns
        .iter()
        .map(|c| {
            let rate = if c.delivered == 0 { 0.0 } else { c.opened as f64 / c.delivered as f64 };
            let (figure, detail) = match percent(c.opened, c.delivered) {
                Some(p) => {
                    (p, Some(format!("{} of {} opened", count(c.opened), count(c.delivered))))
                }
                None => ("no emails delivered yet".to_owned(), None),
            };
            Row {
                label: c.campaign.clone(),
                value: rate,
                ghost: None,
                color: theme::BLUE,
                figure,
                detail,
            }
        })
        .collect();
    let max = rows.iter().map(|r| r.value).fold(1.0, f64::max);
    bars::draw(root, theme, TITLE, &rows, max)
}
