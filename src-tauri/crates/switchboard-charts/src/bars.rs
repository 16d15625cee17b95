//! Horizontal labelled bars, the layout the funnel, the channel ladder and open rates share: a
//! label column, bars from a common baseline, and after each bar its figure with an optional
//! second, quieter line (a conversion, the counts behind a rate).
//!
//! Lengths are the only floats; every figure printed is a string the caller formatted exactly.
//! Rows share the height evenly; with many rows a taller picture keeps them legible, and when a
//! row is too short for two lines the second line is left out (the table beside has it).

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, PathElement, RGBColor, Rectangle};
use plotters::style::Color;

use crate::theme::{self, Theme, fit, width};
use crate::{ChartError, draw_title};

pub(crate) struct Row {
    pub label: String,
    /// Bar length, in the units of `max`.
    pub value: f64,
    /// A pale bar behind, such as the previous funnel step, in the units of `max`.
    pub ghost: Option<f64>,
    pub color: RGBColor,
    pub figure: String,
    pub detail: Option<String>,
}

const LABEL_PT: f64 = 14.0;
const FIGURE_PT: f64 = 14.0;
const DETAIL_PT: f64 = 12.5;

pub(crate) fn draw<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    title: &str,
    rows: &[Row],
    max: f64,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    draw_title(root, theme, title)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (i32::try_from(w).unwrap_or(i32::MAX), i32::try_from(h).unwrap_or(i32::MAX));
    let (margin, gap) = (theme.margin(), theme.px(10.0));
    let (label_font, figure_font, detail_font) =
        (theme.font(LABEL_PT), theme.font(FIGURE_PT), theme.font(DETAIL_PT));

    let mut label_w = 0;
    let mut annotation_w = 0;
    for row in rows {
        label_w = label_w.max(width(&label_font, &row.label)?);
        annotation_w = annotation_w.max(width(&figure_font, &row.figure)?);
        if let Some(detail) = &row.detail {
            annotation_w = annotation_w.max(width(&detail_font, detail)?);
        }
    }
    let label_w = label_w.min(w * 3 / 10);
    let annotation_w = annotation_w.min(w * 2 / 5);
    let bar_x0 = margin + label_w + gap;
    let bar_w = (w - margin - annotation_w - gap - bar_x0).max(1);
    let length = |v: f64| -> i32 {
        if max <= 0.0 || v <= 0.0 {
            return 0;
        }
        // At most `bar_w` pixels, and at least one so a small non-zero value still shows.
        let px = (v / max * f64::from(bar_w)).round() as i32;
        px.clamp(1, bar_w)
    };

    let top = theme.title_band() + margin / 2;
    let bottom = h - margin;
    let n = i32::try_from(rows.len()).unwrap_or(i32::MAX).max(1);
    let row_h = f64::from(bottom - top) / f64::from(n);
    let thickness = (row_h * 0.62).min(f64::from(theme.px(34.0))).round() as i32;
    let two_lines = row_h >= f64::from(theme.px(30.0));
    let line_gap = theme.px(9.0);

    root.draw(&PathElement::new(
        vec![(bar_x0, top), (bar_x0, bottom)],
        theme::RULE.stroke_width(1),
    ))?;
    for (i, row) in rows.iter().enumerate() {
        let cy = (f64::from(top) + row_h * (i as f64 + 0.5)).round() as i32;
        let (y0, y1) = (cy - thickness / 2, cy - thickness / 2 + thickness);
        let label = fit(&label_font, &row.label, label_w)?;
        root.draw_text(&label, &theme.right(LABEL_PT, &theme::INK), (bar_x0 - gap, cy))?;
        let ghost = row.ghost.map_or(0, length);
        if ghost > 0 {
            root.draw(&Rectangle::new(
                [(bar_x0, y0), (bar_x0 + ghost, y1)],
                theme::GHOST.filled(),
            ))?;
        }
        let bar = length(row.value);
        if bar > 0 {
            root.draw(&Rectangle::new([(bar_x0, y0), (bar_x0 + bar, y1)], row.color.filled()))?;
        }
        let x = bar_x0 + bar.max(ghost) + gap;
        let room = (w - margin - x).max(annotation_w);
        let figure = fit(&figure_font, &row.figure, room)?;
        match (&row.detail, two_lines) {
            (Some(detail), true) => {
                let detail = fit(&detail_font, detail, room)?;
                root.draw_text(&figure, &theme.left(FIGURE_PT, &theme::INK), (x, cy - line_gap))?;
                root.draw_text(&detail, &theme.left(DETAIL_PT, &theme::MUTED), (x, cy + line_gap))?;
            }
            _ => root.draw_text(&figure, &theme.left(FIGURE_PT, &theme::INK), (x, cy))?,
        }
    }
    Ok(())
}
