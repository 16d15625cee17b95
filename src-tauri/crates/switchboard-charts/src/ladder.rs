//! The channel ladder: cost per person reached on each channel (email, web personalisation,
//! retargeting, display, or whatever channels the caller names), one rung per channel, cheapest
//! at the bottom, with the people of a segment who sit on each rung.
//!
//! The order compares exact ratios of integers; floats only set bar lengths.

use std::cmp::Ordering;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use switchboard_core::cac::Money;

use crate::bars::{self, Row};
use crate::format::{count, money_per};
use crate::funnel::people;
use crate::theme::{self, Theme};
use crate::{ChartError, no_data};

const TITLE: &str = "Cost per person reached, by channel";

/// A channel: what was spent on it, how many people it reached, and how many people of the
/// segment in view sit on this rung.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rung {
    pub channel: String,
    pub spend: Money,
    pub reached: u64,
    pub people: u64,
}

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    rungs: &[Rung],
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let Some(first) = rungs.first() else {
        return no_data(root, theme, TITLE);
    };
    let currency = &first.spend.currency;
    if let Some(other) = rungs.iter().find(|r| r.spend.currency != *currency) {
        return Err(ChartError::MixedCurrencies {
            expected: currency.code.clone(),
            found: other.spend.currency.code.clone(),
        });
    }
    // Dearest first, so it is drawn at the top; rungs nobody was reached on go above them all.
    let mut order: Vec<&Rung> = rungs.iter().collect();
    order.sort_by(|a, b| dearer(a, b));
    let rows: Vec<Row> = order
        .iter()
        .map(|r| {
            let (value, figure) = if r.reached == 0 {
                (0.0, "no one reached yet".to_owned())
            } else {
                (
                    r.spend.minor as f64 / r.reached as f64,
                    format!("{} per person", money_per(r.spend.minor, r.reached, currency)),
                )
            };
            Row {
                label: r.channel.clone(),
                value,
                ghost: None,
                color: theme::GREEN,
                figure,
                detail: Some(format!("{} · {} reached", people(r.people), count(r.reached))),
            }
        })
        .collect();
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    bars::draw(root, theme, TITLE, &rows, max)
}

/// Orders rungs dearest first by spend per person reached, compared exactly; unreached last
/// would be "free", so they sort first instead.
fn dearer(a: &Rung, b: &Rung) -> Ordering {
    match (a.reached, b.reached) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Less,
        (_, 0) => Ordering::Greater,
        (ra, rb) => {
            let lhs = i128::from(a.spend.minor) * i128::from(rb);
            let rhs = i128::from(b.spend.minor) * i128::from(ra);
            rhs.cmp(&lhs)
        }
    }
}
