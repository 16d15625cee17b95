//! The look every chart shares: the embedded font, the palette, text sizes and the spacing, all
//! scaled with the picture so a 1440x720 export looks like the 720x360 chart at twice the
//! resolution.
//!
//! The font is DejaVu Sans from `assets/fonts` (licence beside it), registered with plotters'
//! ab_glyph text; plotters is built without font-kit, so nothing here can reach a system font.
//! An SVG names the family (`DejaVu Sans, sans-serif`) for the viewer to draw its text; the
//! layout is measured with the embedded font, and PNGs are rasterised with it.

use std::sync::OnceLock;

use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontStyle, IntoFont, RGBColor, TextStyle, register_font};

use crate::{ChartError, Size};

/// The family name plotters writes into SVG `font-family` and looks the font up by.
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";

static FONT: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font once per process, under [`FAMILY`] and under `sans-serif` (the
/// family plotters' own defaults ask for).
pub(crate) fn register() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        [FAMILY, "sans-serif"]
            .iter()
            .all(|name| register_font(name, FontStyle::Normal, FONT).is_ok())
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

// Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies. Yellow is
// left out: it does not read against white.
pub(crate) const BLUE: RGBColor = RGBColor(0, 114, 178);
pub(crate) const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub(crate) const GREEN: RGBColor = RGBColor(0, 158, 115);
pub(crate) const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub(crate) const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub(crate) const SKY: RGBColor = RGBColor(86, 180, 233);
/// Series colours in the order they are handed out; they repeat after six.
pub(crate) const SERIES: [RGBColor; 6] = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY];

/// The previous step behind a funnel bar: pale blue.
pub(crate) const GHOST: RGBColor = RGBColor(204, 227, 240);
pub(crate) const INK: RGBColor = RGBColor(34, 34, 34);
pub(crate) const MUTED: RGBColor = RGBColor(102, 102, 102);
pub(crate) const RULE: RGBColor = RGBColor(170, 170, 170);
pub(crate) const GRID: RGBColor = RGBColor(230, 230, 230);
pub(crate) const PAPER: RGBColor = RGBColor(255, 255, 255);

/// Sizes in pixels at 720x360, scaled to the picture being drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Theme {
    scale: f64,
}

impl Theme {
    pub(crate) fn new(size: Size) -> Theme {
        let scale = (f64::from(size.width) / 720.0).min(f64::from(size.height) / 360.0);
        Theme { scale: scale.clamp(0.6, 4.0) }
    }

    /// A length given at the reference size, in this picture's pixels.
    pub(crate) fn px(self, at_reference: f64) -> i32 {
        // Bounded by the picture's size, which `Size::check` keeps small.
        (at_reference * self.scale).round() as i32
    }

    pub(crate) fn font(self, points: f64) -> FontDesc<'static> {
        (FAMILY, points * self.scale).into_font()
    }

    pub(crate) fn text(self, points: f64, color: &'static RGBColor) -> TextStyle<'static> {
        TextStyle::from(self.font(points)).color(color)
    }

    /// Text anchored at its left edge and vertical centre.
    pub(crate) fn left(self, points: f64, color: &'static RGBColor) -> TextStyle<'static> {
        self.text(points, color).pos(Pos::new(HPos::Left, VPos::Center))
    }

    /// Text anchored at its right edge and vertical centre.
    pub(crate) fn right(self, points: f64, color: &'static RGBColor) -> TextStyle<'static> {
        self.text(points, color).pos(Pos::new(HPos::Right, VPos::Center))
    }

    /// Text centred on its anchor.
    pub(crate) fn centre(self, points: f64, color: &'static RGBColor) -> TextStyle<'static> {
        self.text(points, color).pos(Pos::new(HPos::Center, VPos::Center))
    }

    /// The chart title's style.
    pub(crate) fn title(self) -> TextStyle<'static> {
        self.left(17.0, &INK)
    }

    /// Height of the band the title sits in.
    pub(crate) fn title_band(self) -> i32 {
        self.px(34.0)
    }

    /// The margin round the picture.
    pub(crate) fn margin(self) -> i32 {
        self.px(14.0)
    }
}

/// The width `text` takes in `font`, in pixels.
pub(crate) fn width(font: &FontDesc<'_>, text: &str) -> Result<i32, ChartError> {
    let (w, _) = font.box_size(text).map_err(ChartError::Measure)?;
    Ok(i32::try_from(w).unwrap_or(i32::MAX))
}

/// `text` cut to fit `max` pixels, ending in an ellipsis when cut.
pub(crate) fn fit(font: &FontDesc<'_>, text: &str, max: i32) -> Result<String, ChartError> {
    if width(font, text)? <= max {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with the ellipsis, found by bisection over the characters.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(font, &candidate)? <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let kept: String = chars[..lo].iter().collect();
    Ok(format!("{}…", kept.trim_end()))
}
