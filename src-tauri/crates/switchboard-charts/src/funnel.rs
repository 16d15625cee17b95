//! The funnel: one bar per step with its people, the previous step's bar pale behind it (the
//! drop-off), and the conversion from the previous and from the first step as percentages.
//!
//! It draws the counts it is given; counting (windows, order, exclusions) is the funnel
//! engine's, not this module's.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::bars::{self, Row};
use crate::format::{count, percent};
use crate::theme::{self, Theme};
use crate::{ChartError, no_data};

const TITLE: &str = "Funnel";

/// One funnel step: its name and the people who reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelBar {
    pub label: String,
    pub count: u64,
}

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    steps: &[FunnelBar],
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let Some(first) = steps.first() else {
        return no_data(root, theme, TITLE);
    };
    let mut rows = Vec::with_capacity(steps.len());
    let mut previous: Option<u64> = None;
    for step in steps {
        let detail = previous.map(|prev| {
            let dash = || "–".to_owned();
            format!(
                "{} of previous · {} of first",
                percent(step.count, prev).unwrap_or_else(dash),
                percent(step.count, first.count).unwrap_or_else(dash),
            )
        });
        rows.push(Row {
            label: step.label.clone(),
            value: step.count as f64,
            ghost: previous.map(|p| p as f64),
            color: theme::BLUE,
            figure: people(step.count),
            detail,
        });
        previous = Some(step.count);
    }
    let max = steps.iter().map(|s| s.count).max().unwrap_or(0);
    bars::draw(root, theme, TITLE, &rows, max as f64)
}

/// `1 person`, `1,234 people`.
pub(crate) fn people(n: u64) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{} people", count(n)) }
}
