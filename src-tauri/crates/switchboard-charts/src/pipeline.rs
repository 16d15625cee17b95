//! Daily pipeline volumes: identified domains, qualified companies and new contacts per day.
//!
//! One panel per measure, side by side, each with its own axis: the three differ by an order of
//! magnitude (the source's figures are 1,000, 60 and 300 a day), so on one axis the qualified
//! companies would be a flat line along the bottom. A reference volume is a dashed line, its
//! figure written under the panel's name.

use plotters::coord::Shift;
use plotters::prelude::{
    ChartBuilder, Circle, DashedLineSeries, DrawingArea, DrawingBackend, LineSeries, RGBColor,
};
use plotters::style::{Color, TRANSPARENT};
use switchboard_core::Day;

use crate::format::count;
use crate::theme::{self, Theme, fit, width};
use crate::{ChartError, days, draw_title, no_data};

const TITLE: &str = "Daily pipeline";

/// One day's new pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineDay {
    pub day: Day,
    pub identified_domains: u64,
    pub qualified_companies: u64,
    pub new_contacts: u64,
}

/// The daily volumes to compare against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineReference {
    pub identified_domains: u64,
    pub qualified_companies: u64,
    pub new_contacts: u64,
}

impl PipelineReference {
    /// The source's figures: 1,000 identified domains, 60 qualified companies and 300 new
    /// contacts a day.
    pub const SOURCE: PipelineReference =
        PipelineReference { identified_domains: 1000, qualified_companies: 60, new_contacts: 300 };
}

struct Measure {
    name: &'static str,
    color: RGBColor,
    value: fn(&PipelineDay) -> u64,
    reference: Option<u64>,
}

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    days: &[PipelineDay],
    reference: Option<PipelineReference>,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let mut days = days.to_vec();
    days.sort_by_key(|d| d.day);
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return no_data(root, theme, TITLE);
    };
    let x = days::range(first.day, last.day);
    let measures = [
        Measure {
            name: "Identified domains",
            color: theme::BLUE,
            value: |d| d.identified_domains,
            reference: reference.map(|r| r.identified_domains),
        },
        Measure {
            name: "Qualified companies",
            color: theme::ORANGE,
            value: |d| d.qualified_companies,
            reference: reference.map(|r| r.qualified_companies),
        },
        Measure {
            name: "New contacts",
            color: theme::GREEN,
            value: |d| d.new_contacts,
            reference: reference.map(|r| r.new_contacts),
        },
    ];

    draw_title(root, theme, TITLE)?;
    let margin = theme.margin();
    let body = root.margin(theme.title_band(), margin, margin, margin);
    let stroke = theme.px(2.0).unsigned_abs().max(1);
    let tick_font = theme.font(12.5);
    let note_font = theme.font(11.5);
    for (panel, measure) in body.split_evenly((1, 3)).iter().zip(&measures) {
        let latest = (measure.value)(last);
        let panel_w = i32::try_from(panel.dim_in_pixel().0).unwrap_or(i32::MAX);
        let top = days.iter().map(measure.value).chain(measure.reference).max().unwrap_or(0).max(1);
        let y_top = top + top.div_ceil(10);
        panel.draw_text(
            measure.name,
            &theme.left(13.0, &theme::INK),
            (theme.px(4.0), theme.px(12.0)),
        )?;
        let mut note = format!("latest {}", count(latest));
        if let Some(reference) = measure.reference {
            note.push_str(&format!(" · reference {} a day", count(reference)));
        }
        let note = fit(&note_font, &note, panel_w - theme.px(4.0))?;
        panel.draw_text(
            &note,
            &theme.left(11.5, &theme::MUTED),
            (theme.px(4.0), theme.px(27.0)),
        )?;
        let plot = panel.margin(theme.px(38.0), 0, 0, theme.px(10.0));
        let y_label_w = width(&tick_font, &count(y_top))? + theme.px(12.0);
        let mut chart = ChartBuilder::on(&plot)
            .margin_right(theme.px(8.0))
            .margin_top(theme.px(6.0))
            .x_label_area_size(theme.px(24.0))
            .y_label_area_size(y_label_w)
            .build_cartesian_2d(x.clone(), 0u64..y_top)?;
        let y_label = |v: &u64| count(*v);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(theme::GRID)
            .axis_style(theme::RULE)
            .x_labels(3)
            .y_labels(6)
            .label_style(theme.text(12.5, &theme::MUTED))
            .x_label_formatter(&days::label)
            .y_label_formatter(&y_label)
            .draw()?;
        if let Some(reference) = measure.reference {
            chart.draw_series(DashedLineSeries::new(
                [(x.start, reference), (x.end, reference)],
                theme.px(6.0),
                theme.px(4.0),
                measure.color.mix(0.7).stroke_width(stroke.div_ceil(2)),
            ))?;
        }
        chart.draw_series(LineSeries::new(
            days.iter().map(|d| (d.day.0, (measure.value)(d))),
            measure.color.stroke_width(stroke),
        ))?;
        chart.draw_series(std::iter::once(Circle::new(
            (last.day.0, latest),
            theme.px(3.0),
            measure.color.filled(),
        )))?;
    }
    Ok(())
}
