//! Advertising spend: the platforms we pull it from. Amounts are integer minor units with their
//! currency (`AdSpendDay`); floats never hold money.

crate::text_enum!(
    /// An ad platform whose spend is synced per campaign and day.
    AdPlatform, "ad platform", {
        Facebook => "facebook",
        AdRoll => "adroll",
        GoogleAds => "google_ads",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_round_trip() {
        for p in AdPlatform::ALL {
            assert_eq!(p.as_str().parse::<AdPlatform>().unwrap(), *p);
        }
        assert!("adwords".parse::<AdPlatform>().is_err());
    }
}
