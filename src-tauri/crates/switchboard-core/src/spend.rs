//! Advertising spend: the platforms we pull it from and money as integer minor units with a
//! currency. Floats never hold money.

crate::text_enum!(
    /// An ad platform whose spend is synced per campaign and day.
    AdPlatform, "ad platform", {
        Facebook => "facebook",
        AdRoll => "adroll",
        GoogleAds => "google_ads",
    }
);

impl AdPlatform {
    pub fn label(self) -> &'static str {
        match self {
            AdPlatform::Facebook => "Facebook Ads",
            AdPlatform::AdRoll => "AdRoll",
            AdPlatform::GoogleAds => "Google Ads",
        }
    }
}

/// An amount in the currency's minor unit (cents for USD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

impl Money {
    pub fn usd_cents(minor: i64) -> Money {
        Money { minor, currency: "USD".to_owned() }
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        write!(f, "{sign}{}.{:02} {}", abs / 100, abs % 100, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_minor_units_exactly() {
        assert_eq!(Money::usd_cents(2_000).to_string(), "20.00 USD");
        assert_eq!(Money::usd_cents(-5).to_string(), "-0.05 USD");
        assert_eq!("google_ads".parse::<AdPlatform>().unwrap(), AdPlatform::GoogleAds);
    }
}
