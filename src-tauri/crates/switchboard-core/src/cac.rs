//! The CAC cap: the most worth spending to acquire a prospect, `P(convert) x LTV x allowed share
//! of LTV`. Money is integer minor units with its currency, and the fractions are exact parts
//! per million read from decimal text, so the source's case (10% x $1,000 x 20%) is exactly $20.

pub mod guard;
pub mod ladder;
pub mod report;

use std::fmt;

use crate::FitSegment;

/// A fraction in parts per million: 0.1 is 100,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fraction(u32);

pub const MILLION: u32 = 1_000_000;

impl Fraction {
    pub fn from_ppm(ppm: u32) -> Option<Fraction> {
        (ppm <= MILLION).then_some(Fraction(ppm))
    }

    pub fn ppm(self) -> u32 {
        self.0
    }

    /// Reads `0.1`, `.25`, `1`, or `12.5%`, at most 6 decimals (4 with `%`), between 0 and 1.
    pub fn parse(text: &str) -> Result<Fraction, CacError> {
        let t = text.trim();
        let (number, scale) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), 4),
            None => (t, 6),
        };
        let ppm = decimal(number, scale).ok_or_else(|| CacError::NotAFraction(t.to_owned()))?;
        u32::try_from(ppm)
            .ok()
            .and_then(Fraction::from_ppm)
            .ok_or_else(|| CacError::NotAFraction(t.to_owned()))
    }
}

impl Fraction {
    /// As a decimal: `0.1`, `0.005`, `1`.
    pub fn decimal(self) -> String {
        let (whole, rest) = (self.0 / MILLION, self.0 % MILLION);
        if rest == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{rest:06}").trim_end_matches('0').to_owned()
        }
    }
}

impl fmt::Display for Fraction {
    /// As a percentage: `10%`, `12.5%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths_of_percent = self.0 / 100;
        let (whole, rest) = (hundredths_of_percent / 100, hundredths_of_percent % 100);
        if rest == 0 {
            write!(f, "{whole}%")
        } else {
            write!(f, "{}%", format!("{whole}.{rest:02}").trim_end_matches('0'))
        }
    }
}

/// An ISO 4217 currency with its minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    pub minor_digits: u32,
}

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, CacError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(CacError::NotACurrency(code));
        }
        // The currencies without minor units or with three; every other has two.
        let minor_digits = match code.as_str() {
            "JPY" | "KRW" | "CLP" | "ISK" | "VND" | "HUF" => 0,
            "BHD" | "KWD" | "OMR" | "TND" | "JOD" => 3,
            _ => 2,
        };
        Ok(Currency { code, minor_digits })
    }

    fn symbol(&self) -> Option<&'static str> {
        match self.code.as_str() {
            "USD" => Some("$"),
            "EUR" => Some("€"),
            "GBP" => Some("£"),
            "JPY" => Some("¥"),
            _ => None,
        }
    }
}

/// An amount of money: integer minor units (cents) and the currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Reads `1000`, `1,000.50` or `19.99` in the currency's units (not its minor units).
    pub fn parse(text: &str, currency: &Currency) -> Result<Money, CacError> {
        let t = text.trim().trim_start_matches('$').replace(',', "");
        let minor = decimal(&t, currency.minor_digits).ok_or_else(|| CacError::NotAnAmount {
            text: text.trim().to_owned(),
            digits: currency.minor_digits,
        })?;
        Ok(Money { minor, currency: currency.clone() })
    }
}

impl Money {
    /// As a plain decimal in the currency's units: `1000.00`.
    pub fn decimal(&self) -> String {
        let digits = self.currency.minor_digits;
        let scale = 10_i64.pow(digits);
        let sign = if self.minor < 0 { "-" } else { "" };
        let (whole, rest) = (self.minor.abs() / scale, self.minor.abs() % scale);
        if digits == 0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{rest:0width$}", width = digits as usize)
        }
    }
}

impl fmt::Display for Money {
    /// `$20.00`, `€1,250.50`, `¥300`, or `12.50 CHF`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.currency.minor_digits;
        let scale = 10_i64.pow(digits);
        let (whole, rest) = (self.minor.abs() / scale, self.minor.abs() % scale);
        let mut grouped = String::new();
        for (i, c) in whole.to_string().chars().rev().enumerate() {
            if i > 0 && i % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let mut number: String = grouped.chars().rev().collect();
        if digits > 0 {
            number = format!("{number}.{rest:0width$}", width = digits as usize);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        match self.currency.symbol() {
            Some(s) => write!(f, "{sign}{s}{number}"),
            None => write!(f, "{sign}{number} {}", self.currency.code),
        }
    }
}

/// Reads a non-negative decimal as an integer scaled by 10^`scale`; None when it is not one, or
/// has more decimals than `scale`.
fn decimal(text: &str, scale: u32) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !digits_only(whole)
        || !digits_only(fraction)
        || fraction.len() > scale as usize
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let padded = format!("{fraction:0<width$}", width = scale as usize);
    let fraction: i64 = if padded.is_empty() { 0 } else { padded.parse().ok()? };
    whole.checked_mul(10_i64.pow(scale))?.checked_add(fraction)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacError {
    #[error("the stored CAC model is not valid: {0}; set it again with `switchboard-cli cac set`")]
    Stored(String),
    #[error("`{0}` is not a fraction between 0 and 1; write it as 0.1 or 10%")]
    NotAFraction(String),
    #[error("`{text}` is not an amount; write it as 1000 or 1000.50 (at most {digits} decimals)")]
    NotAnAmount { text: String, digits: u32 },
    #[error("`{0}` is not a currency code; use three letters such as USD or EUR")]
    NotACurrency(String),
}

/// The most worth spending to acquire one prospect: `p x ltv x share`, rounded down to the minor
/// unit, so that the cap never allows more than the share.
pub fn max_spend(p: Fraction, ltv: &Money, share: Fraction) -> Money {
    let product = i128::from(ltv.minor) * i128::from(p.ppm()) * i128::from(share.ppm());
    let million_squared = i128::from(MILLION) * i128::from(MILLION);
    let minor = i64::try_from(product.div_euclid(million_squared)).unwrap_or(i64::MAX);
    Money { minor, currency: ltv.currency.clone() }
}

/// P(convert) for each fit segment: the workspace's setting, these until it says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionByFit {
    pub very_good: Fraction,
    pub good: Fraction,
    pub medium: Fraction,
    pub low: Fraction,
}

impl Default for ConversionByFit {
    fn default() -> Self {
        ConversionByFit {
            very_good: Fraction(200_000),
            good: Fraction(100_000),
            medium: Fraction(30_000),
            low: Fraction(5_000),
        }
    }
}

impl ConversionByFit {
    pub fn set(&mut self, segment: FitSegment, p: Fraction) {
        match segment {
            FitSegment::VeryGood => self.very_good = p,
            FitSegment::Good => self.good = p,
            FitSegment::Medium => self.medium = p,
            FitSegment::Low => self.low = p,
        }
    }

    pub fn of(&self, segment: FitSegment) -> Fraction {
        match segment {
            FitSegment::VeryGood => self.very_good,
            FitSegment::Good => self.good,
            FitSegment::Medium => self.medium,
            FitSegment::Low => self.low,
        }
    }
}

/// LTV and allowed share for one segment or campaign, where they differ from the workspace's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Override {
    pub ltv: Option<Money>,
    pub share: Option<Fraction>,
}

/// The workspace's CAC model: P(convert) per fit segment, LTV and share, with overrides per fit
/// segment and per campaign (a campaign's wins over its segment's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacModel {
    pub p_by_fit: ConversionByFit,
    pub ltv: Money,
    pub share: Fraction,
    pub by_segment: Vec<(FitSegment, Override)>,
    pub by_campaign: Vec<(String, Override)>,
}

impl Default for CacModel {
    /// The source's numbers: an LTV of $1,000 and 20% of it for acquisition.
    fn default() -> Self {
        CacModel {
            p_by_fit: ConversionByFit::default(),
            ltv: Money {
                minor: 100_000,
                currency: Currency::parse("USD").expect("USD is a currency"),
            },
            share: Fraction(200_000),
            by_segment: Vec::new(),
            by_campaign: Vec::new(),
        }
    }
}

impl CacModel {
    /// The model as stored in the workspace's settings: decimals as text, never floats.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let over = |o: &Override| {
            let mut m = Map::new();
            if let Some(l) = &o.ltv {
                m.insert("ltv".into(), l.decimal().into());
            }
            if let Some(s) = o.share {
                m.insert("share".into(), s.decimal().into());
            }
            Value::Object(m)
        };
        json!({
            "currency": self.ltv.currency.code,
            "ltv": self.ltv.decimal(),
            "share": self.share.decimal(),
            "p": FitSegment::ALL.iter().map(|f| (f.as_str().to_owned(), Value::from(self.p_by_fit.of(*f).decimal()))).collect::<Map<_, _>>(),
            "segments": self.by_segment.iter().map(|(f, o)| (f.as_str().to_owned(), over(o))).collect::<Map<_, _>>(),
            "campaigns": self.by_campaign.iter().map(|(c, o)| (c.clone(), over(o))).collect::<Map<_, _>>(),
        })
    }

    pub fn from_json(v: &serde_json::Value) -> Result<CacModel, CacError> {
        let bad = |what: &str| CacError::Stored(what.to_owned());
        let text = |v: &serde_json::Value, key: &str| {
            v.get(key).and_then(|x| x.as_str()).map(str::to_owned)
        };
        let currency = Currency::parse(&text(v, "currency").ok_or_else(|| bad("no currency"))?)?;
        let ltv = Money::parse(&text(v, "ltv").ok_or_else(|| bad("no ltv"))?, &currency)?;
        let share = Fraction::parse(&text(v, "share").ok_or_else(|| bad("no share"))?)?;
        let mut p_by_fit = ConversionByFit::default();
        if let Some(p) = v.get("p").and_then(|p| p.as_object()) {
            for (k, val) in p {
                let fit: FitSegment =
                    k.parse().map_err(|_| bad(&format!("unknown fit segment {k}")))?;
                let f = Fraction::parse(val.as_str().ok_or_else(|| bad("p must be text"))?)?;
                p_by_fit.set(fit, f);
            }
        }
        let over = |o: &serde_json::Value| -> Result<Override, CacError> {
            Ok(Override {
                ltv: text(o, "ltv").map(|l| Money::parse(&l, &currency)).transpose()?,
                share: text(o, "share").map(|s| Fraction::parse(&s)).transpose()?,
            })
        };
        let mut by_segment = Vec::new();
        for (k, o) in v.get("segments").and_then(|x| x.as_object()).into_iter().flatten() {
            let fit: FitSegment =
                k.parse().map_err(|_| bad(&format!("unknown fit segment {k}")))?;
            by_segment.push((fit, over(o)?));
        }
        let mut by_campaign = Vec::new();
        for (k, o) in v.get("campaigns").and_then(|x| x.as_object()).into_iter().flatten() {
            by_campaign.push((k.clone(), over(o)?));
        }
        Ok(CacModel { p_by_fit, ltv, share, by_segment, by_campaign })
    }
}

/// A cap with what it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cap {
    pub p: Fraction,
    pub ltv: Money,
    pub share: Fraction,
    pub max_spend: Money,
}

impl CacModel {
    /// The cap for a prospect of this fit, reached through this campaign (if any).
    pub fn cap(&self, fit: FitSegment, campaign: Option<&str>) -> Cap {
        let segment = self.by_segment.iter().find(|(s, _)| *s == fit).map(|(_, o)| o);
        let campaign =
            campaign.and_then(|c| self.by_campaign.iter().find(|(n, _)| n == c)).map(|(_, o)| o);
        let pick = |f: fn(&Override) -> Option<&Money>| {
            campaign.and_then(f).or_else(|| segment.and_then(f)).cloned()
        };
        let ltv = pick(|o| o.ltv.as_ref()).unwrap_or_else(|| self.ltv.clone());
        let share = campaign
            .and_then(|o| o.share)
            .or_else(|| segment.and_then(|o| o.share))
            .unwrap_or(self.share);
        let p = self.p_by_fit.of(fit);
        Cap { p, max_spend: max_spend(p, &ltv, share), ltv, share }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::parse("usd").unwrap()
    }

    #[test]
    fn the_sources_case_is_exactly_twenty_dollars() {
        let cap = max_spend(
            Fraction::parse("0.1").unwrap(),
            &Money::parse("1000", &usd()).unwrap(),
            Fraction::parse("20%").unwrap(),
        );
        assert_eq!(cap.minor, 2_000);
        assert_eq!(cap.to_string(), "$20.00");
    }

    #[test]
    fn caps_round_down_to_the_minor_unit() {
        // 1/3 x $10 x 100% = $3.333... → $3.33, never $3.34.
        let cap = max_spend(
            Fraction::parse("0.333333").unwrap(),
            &Money::parse("10", &usd()).unwrap(),
            Fraction::parse("1").unwrap(),
        );
        assert_eq!(cap.minor, 333);
        let yen = Currency::parse("JPY").unwrap();
        let cap = max_spend(
            Fraction::parse("0.15").unwrap(),
            &Money::parse("1001", &yen).unwrap(),
            Fraction::parse("0.5").unwrap(),
        );
        assert_eq!((cap.minor, cap.to_string()), (75, "¥75".to_owned()));
    }

    #[test]
    fn amounts_and_fractions_read_exactly_or_say_why_not() {
        assert_eq!(Money::parse("1,250.5", &usd()).unwrap().minor, 125_050);
        assert_eq!(Money::parse("$19.99", &usd()).unwrap().to_string(), "$19.99");
        assert!(matches!(
            Money::parse("19.999", &usd()),
            Err(CacError::NotAnAmount { digits: 2, .. })
        ));
        assert!(Money::parse("-5", &usd()).is_err());
        assert_eq!(Fraction::parse(".25").unwrap().ppm(), 250_000);
        assert_eq!(Fraction::parse("12.5%").unwrap().to_string(), "12.5%");
        assert_eq!(Fraction::parse("0.1").unwrap().to_string(), "10%");
        assert!(Fraction::parse("1.5").is_err());
        assert!(Fraction::parse("0.1234567").is_err());
        assert!(Fraction::parse("ten").is_err());
        assert_eq!(
            Money { minor: 123_456_789, currency: Currency::parse("CHF").unwrap() }.to_string(),
            "1,234,567.89 CHF"
        );
        assert!(Currency::parse("dollars").is_err());
    }

    #[test]
    fn campaign_overrides_win_over_segment_overrides_over_the_workspace() {
        let usd = usd();
        let mut model = CacModel::default();
        assert_eq!(model.cap(FitSegment::Good, None).max_spend.to_string(), "$20.00");
        model.by_segment.push((
            FitSegment::Good,
            Override { ltv: Some(Money::parse("2000", &usd).unwrap()), share: None },
        ));
        model.by_campaign.push((
            "retargeting".into(),
            Override { ltv: None, share: Some(Fraction::parse("0.1").unwrap()) },
        ));
        assert_eq!(model.cap(FitSegment::Good, None).max_spend.to_string(), "$40.00");
        let cap = model.cap(FitSegment::Good, Some("retargeting"));
        assert_eq!(
            (cap.ltv.minor, cap.share.ppm(), cap.max_spend.minor),
            (200_000, 100_000, 2_000)
        );
        assert_eq!(model.cap(FitSegment::Low, Some("retargeting")).max_spend.to_string(), "$0.50");
    }

    #[test]
    fn the_model_round_trips_through_its_stored_form() {
        let mut model = CacModel::default();
        model.p_by_fit.low = Fraction::parse("0.005").unwrap();
        model.by_campaign.push((
            "fb-1".into(),
            Override { ltv: None, share: Some(Fraction::parse("0.15").unwrap()) },
        ));
        let json = model.to_json();
        assert_eq!(json["ltv"], "1000.00");
        assert_eq!(json["p"]["low"], "0.005");
        assert_eq!(CacModel::from_json(&json).unwrap(), model);
        assert!(CacModel::from_json(&serde_json::json!({"currency": "USD"})).is_err());
    }

    #[test]
    fn conversion_follows_the_fit_segment() {
        let by_fit = ConversionByFit::default();
        assert_eq!(by_fit.of(FitSegment::Good).to_string(), "10%");
        assert!(by_fit.of(FitSegment::VeryGood) > by_fit.of(FitSegment::Low));
    }
}
