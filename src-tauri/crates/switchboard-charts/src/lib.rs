//! Switchboard's charts: plain numbers in, an SVG document or PNG bytes out.
//!
//! Five pictures, each a pure function of a slice of input structs defined here: the funnel, spend
//! against cap, the channel ladder, daily pipeline volumes and open rates. The caller has
//! already done the arithmetic that matters (counting, summing spend); this crate only turns it
//! into labelled marks. It reads no files, clock or environment and runs no SQL: the same input
//! gives the same bytes, so the SVGs are compared exactly in snapshot tests.
//!
//! Empty input draws the chart's title and "No data yet" rather than failing. Money is integer
//! minor units with a currency (`switchboard_core::cac::Money`); amounts in different
//! currencies on one axis are refused.

mod bars;
mod days;
mod format;
mod funnel;
mod ladder;
mod open_rates;
mod pipeline;
mod spend;
mod theme;

use plotters::coord::Shift;
use plotters::prelude::{
    BitMapBackend, DrawingArea, DrawingAreaErrorKind, DrawingBackend, IntoDrawingArea, SVGBackend,
};

pub use funnel::FunnelBar;
pub use ladder::Rung;
pub use open_rates::CampaignRate;
pub use pipeline::{PipelineDay, PipelineReference};
pub use spend::CampaignSpend;

use theme::Theme;

/// A picture's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// The size the app shows a chart at.
    pub const DEFAULT: Size = Size { width: 720, height: 360 };
    /// The smallest picture the labels fit in.
    pub const MIN: Size = Size { width: 240, height: 160 };
    /// The largest picture drawn (a 4096x4096 PNG is 48 MiB before compression).
    pub const MAX: Size = Size { width: 4096, height: 4096 };

    fn check(self) -> Result<Size, ChartError> {
        let fits = |v: u32, min: u32, max: u32| (min..=max).contains(&v);
        if fits(self.width, Self::MIN.width, Self::MAX.width)
            && fits(self.height, Self::MIN.height, Self::MAX.height)
        {
            Ok(self)
        } else {
            Err(ChartError::Size { width: self.width, height: self.height })
        }
    }

    fn pair(self) -> (u32, u32) {
        (self.width, self.height)
    }
}

impl Default for Size {
    fn default() -> Size {
        Size::DEFAULT
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "a chart must be between 240x160 and 4096x4096 pixels, not {width}x{height}; choose a size in that range"
    )]
    Size { width: u32, height: u32 },
    #[error(
        "amounts in {expected} and {found} cannot share one axis; chart one currency at a time"
    )]
    MixedCurrencies { expected: String, found: String },
    #[error("the chart font embedded in Switchboard could not be loaded; the build is damaged")]
    Font,
    #[error("a chart label could not be measured")]
    Measure(#[source] plotters::style::FontError),
    #[error("the chart could not be drawn")]
    Draw(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("the chart could not be encoded as PNG")]
    Png(#[source] png::EncodingError),
}

impl<E: std::error::Error + Send + Sync + 'static> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> ChartError {
        ChartError::Draw(Box::new(e))
    }
}

/// One of Switchboard's charts with its data, ready to draw in either format.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    Funnel(&'a [FunnelBar]),
    SpendVsCap(&'a [CampaignSpend]),
    ChannelLadder(&'a [Rung]),
    Pipeline(&'a [PipelineDay], Option<PipelineReference>),
    OpenRates(&'a [CampaignRate]),
}

impl Chart<'_> {
    /// The chart as an SVG document (text is drawn by the viewer in DejaVu Sans or its sans-serif).
    pub fn svg(&self, size: Size) -> Result<String, ChartError> {
        let size = size.check()?;
        theme::register()?;
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size.pair()).into_drawing_area();
            self.draw(&root, Theme::new(size))?;
            root.present()?;
        }
        Ok(out)
    }

    /// The chart as a PNG image (8-bit RGB), its text rasterised from the embedded font.
    pub fn png(&self, size: Size) -> Result<Vec<u8>, ChartError> {
        let size = size.check()?;
        theme::register()?;
        let (w, h) = size.pair();
        let mut rgb = vec![0u8; w as usize * h as usize * 3];
        {
            let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
            self.draw(&root, Theme::new(size))?;
            root.present()?;
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(ChartError::Png)?;
        writer.write_image_data(&rgb).map_err(ChartError::Png)?;
        writer.finish().map_err(ChartError::Png)?;
        Ok(out)
    }

    fn draw<DB>(&self, root: &DrawingArea<DB, Shift>, theme: Theme) -> Result<(), ChartError>
    where
        DB: DrawingBackend,
        DB::ErrorType: 'static,
    {
        root.fill(&theme::PAPER)?;
        match *self {
            Chart::Funnel(steps) => funnel::draw(root, theme, steps),
            Chart::SpendVsCap(series) => spend::draw(root, theme, series),
            Chart::ChannelLadder(rungs) => ladder::draw(root, theme, rungs),
            Chart::Pipeline(days, reference) => pipeline::draw(root, theme, days, reference),
            Chart::OpenRates(campaigns) => open_rates::draw(root, theme, campaigns),
        }
    }
}

/// People per funnel step as bars, each labelled with its count and its conversion from the
/// previous and the first step. SVG at [`Size::DEFAULT`].
pub fn funnel(steps: &[FunnelBar]) -> Result<String, ChartError> {
    Chart::Funnel(steps).svg(Size::DEFAULT)
}

/// Each campaign's cumulative spend over its days as a line, its cap as a dashed line in the
/// same colour. SVG at [`Size::DEFAULT`].
pub fn spend_vs_cap(series: &[CampaignSpend]) -> Result<String, ChartError> {
    Chart::SpendVsCap(series).svg(Size::DEFAULT)
}

/// Cost per person reached by channel as a ladder, cheapest rung at the bottom, with the people
/// on each rung. SVG at [`Size::DEFAULT`].
pub fn channel_ladder(rungs: &[Rung]) -> Result<String, ChartError> {
    Chart::ChannelLadder(rungs).svg(Size::DEFAULT)
}

/// Identified domains, qualified companies and new contacts per day, one panel each, with the
/// reference volumes as dashed lines. SVG at [`Size::DEFAULT`].
pub fn pipeline(
    days: &[PipelineDay],
    reference: Option<PipelineReference>,
) -> Result<String, ChartError> {
    Chart::Pipeline(days, reference).svg(Size::DEFAULT)
}

/// Open rate by campaign as bars labelled with the percentage and its counts. SVG at
/// [`Size::DEFAULT`].
pub fn open_rates(campaigns: &[CampaignRate]) -> Result<String, ChartError> {
    Chart::OpenRates(campaigns).svg(Size::DEFAULT)
}

/// The title and "No data yet", for a chart with nothing to show.
fn no_data<DB>(root: &DrawingArea<DB, Shift>, theme: Theme, title: &str) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    draw_title(root, theme, title)?;
    let (w, h) = root.dim_in_pixel();
    let centre = (
        i32::try_from(w / 2).unwrap_or(0),
        i32::try_from(h / 2).unwrap_or(0) + theme.title_band() / 2,
    );
    root.draw_text("No data yet", &theme.centre(18.0, &theme::MUTED), centre)?;
    Ok(())
}

fn draw_title<DB>(
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
    title: &str,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let pos = (theme.margin(), theme.margin() + theme.px(10.0));
    root.draw_text(title, &theme.title(), pos)?;
    Ok(())
}
