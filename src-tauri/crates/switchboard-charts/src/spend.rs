//! Spend against cap: per campaign, spend to date summed day by day as a solid line and the cap
//! as a dashed line in the same colour, on one money axis; a legend at the side names each
//! campaign with its spend, cap and share of the cap used.
//!
//! Sums are exact in minor units; amounts become floats only as positions on the axis.

use plotters::coord::Shift;
use plotters::prelude::{
    ChartBuilder, Circle, DashedLineSeries, DrawingArea, DrawingBackend, LineSeries, PathElement,
};
use plotters::style::{Color, TRANSPARENT};
use switchboard_core::Day;
use switchboard_core::cac::Money;

use crate::format::{money, money_tick, percent};
use crate::theme::{self, Theme, fit, width};
use crate::{ChartError, days, draw_title, no_data};

const TITLE: &str = "Spend against cap";

/// A campaign's cap and its spend per day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSpend {
    pub campaign: String,
    /// The most the campaign may spend; its currency is the one `daily` is counted in.
    pub cap: Money,
    /// Spend per day in minor units of the cap's currency, in any order; a day given twice counts
    /// twice, a day missing spent nothing.
    pub daily: Vec<(Day, i64)>,
}

impl CampaignSpend {
    /// Spend to date at the end of each day with spend, in day order.
    fn cumulative(&self) -> Vec<(Day, i64)> {
        let mut daily = self.daily.clone();
        daily.sort_by_key(|(day, _)| *day);
        let mut out: Vec<(Day, i64)> = Vec::with_capacity(daily.len());
        let mut total = 0i64;
        for (day, minor) in daily {
            total = total.saturating_add(minor);
            match out.last_mut() {
                Some(last) if last.0 == day => last.1 = total,
                _ => out.push((day, total)),
            }
        }
        out
    }
}

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    series: &[CampaignSpend],
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let Some(first) = series.first() else {
        return no_data(root, theme, TITLE);
    };
    let currency = &first.cap.currency;
    if let Some(other) = series.iter().find(|s| s.cap.currency != *currency) {
        return Err(ChartError::MixedCurrencies {
            expected: currency.code.clone(),
            found: other.cap.currency.code.clone(),
        });
    }
    let lines: Vec<Vec<(Day, i64)>> = series.iter().map(CampaignSpend::cumulative).collect();
    let all_days = lines.iter().flatten().map(|(day, _)| *day);
    let (Some(first_day), Some(last_day)) = (all_days.clone().min(), all_days.max()) else {
        return no_data(root, theme, TITLE);
    };
    let x = days::range(first_day, last_day);
    let top_minor = lines
        .iter()
        .flatten()
        .map(|(_, minor)| *minor)
        .chain(series.iter().map(|s| s.cap.minor))
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = 10f64.powi(currency.minor_digits as i32);
    let major = |minor: i64| minor as f64 / scale;
    let y_top = major(top_minor) * 1.1;
    // Refunds can take spend to date below zero; the axis then reaches down to show it.
    let bottom_minor = lines.iter().flatten().map(|(_, minor)| *minor).min().unwrap_or(0).min(0);
    let y_bottom = major(bottom_minor) * 1.1;

    draw_title(root, theme, TITLE)?;
    let (w, _) = root.dim_in_pixel();
    let w = i32::try_from(w).unwrap_or(i32::MAX);
    let margin = theme.margin();
    let body = root.margin(theme.title_band(), margin, margin, margin);
    let legend_w = theme.px(230.0).min(w * 2 / 5);
    let (plot, legend) = body.split_horizontally(body.dim_in_pixel().0 - legend_w.unsigned_abs());

    let tick_font = theme.font(12.5);
    let y_label_w = width(&tick_font, &money_tick(y_top, currency))?
        .max(width(&tick_font, &money_tick(y_bottom, currency))?)
        + theme.px(14.0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(theme.px(16.0))
        .margin_top(theme.px(6.0))
        .x_label_area_size(theme.px(24.0))
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(x.clone(), y_bottom..y_top)?;
    let y_label = |v: &f64| money_tick(*v, currency);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme::GRID)
        .axis_style(theme::RULE)
        .x_labels(6)
        .y_labels(5)
        .label_style(theme.text(12.5, &theme::MUTED))
        .x_label_formatter(&days::label)
        .y_label_formatter(&y_label)
        .draw()?;

    let stroke = theme.px(2.0).unsigned_abs().max(1);
    for (i, (campaign, line)) in series.iter().zip(&lines).enumerate() {
        let color = theme::SERIES[i % theme::SERIES.len()];
        chart.draw_series(DashedLineSeries::new(
            [(x.start, major(campaign.cap.minor)), (x.end, major(campaign.cap.minor))],
            theme.px(7.0),
            theme.px(5.0),
            color.stroke_width(stroke),
        ))?;
        chart.draw_series(LineSeries::new(
            line.iter().map(|(day, minor)| (day.0, major(*minor))),
            color.stroke_width(stroke),
        ))?;
        if let Some((day, minor)) = line.last() {
            chart.draw_series(std::iter::once(Circle::new(
                (day.0, major(*minor)),
                theme.px(3.5),
                color.filled(),
            )))?;
        }
    }

    // The legend: one entry per campaign, then a key to the two line styles.
    let (legend_w, legend_h) = legend.dim_in_pixel();
    let legend_w = i32::try_from(legend_w).unwrap_or(i32::MAX);
    let legend_h = i32::try_from(legend_h).unwrap_or(i32::MAX);
    let (swatch, gap, entry_h) = (theme.px(18.0), theme.px(8.0), theme.px(44.0));
    let key_h = theme.px(44.0);
    let room = (legend_h - key_h) / entry_h.max(1);
    let shown = if series.len() as i32 > room { (room - 1).max(0) as usize } else { series.len() };
    let (name_font, detail_font) = (theme.font(13.5), theme.font(12.0));
    let text_x = swatch + gap;
    let text_w = legend_w - text_x;
    for (i, (campaign, line)) in series.iter().zip(&lines).enumerate().take(shown) {
        let color = theme::SERIES[i % theme::SERIES.len()];
        let y = theme.px(16.0) + entry_h * i as i32;
        legend.draw(&PathElement::new(vec![(0, y), (swatch, y)], color.stroke_width(stroke)))?;
        let name = fit(&name_font, &campaign.campaign, text_w)?;
        legend.draw_text(&name, &theme.left(13.5, &theme::INK), (text_x, y))?;
        let spent = line.last().map_or(0, |(_, minor)| *minor);
        let detail =
            match percent(spent.max(0).unsigned_abs(), campaign.cap.minor.max(0).unsigned_abs()) {
                Some(share) => format!(
                    "{} of {} · {share}",
                    money(spent, currency),
                    money(campaign.cap.minor, currency)
                ),
                None => format!("{} spent, no cap", money(spent, currency)),
            };
        let detail = fit(&detail_font, &detail, text_w)?;
        legend.draw_text(
            &detail,
            &theme.left(12.0, &theme::MUTED),
            (text_x, y + theme.px(17.0)),
        )?;
    }
    if shown < series.len() {
        let y = theme.px(16.0) + entry_h * shown as i32;
        let more = format!("+{} more", series.len() - shown);
        legend.draw_text(&more, &theme.left(12.0, &theme::MUTED), (text_x, y))?;
    }
    let key_y = legend_h - key_h + theme.px(12.0);
    legend.draw(&PathElement::new(
        vec![(0, key_y), (swatch, key_y)],
        theme::MUTED.stroke_width(stroke),
    ))?;
    legend.draw_text("spend to date", &theme.left(12.0, &theme::MUTED), (text_x, key_y))?;
    let dash_y = key_y + theme.px(18.0);
    let dash = theme.px(6.0);
    for x0 in [0, dash + theme.px(4.0)] {
        legend.draw(&PathElement::new(
            vec![(x0, dash_y), ((x0 + dash).min(swatch), dash_y)],
            theme::MUTED.stroke_width(stroke),
        ))?;
    }
    legend.draw_text("cap", &theme.left(12.0, &theme::MUTED), (text_x, dash_y))?;
    Ok(())
}
