//! The vendors Switchboard talks to, with the limits `vendor-apis.md` documents. Every number
//! here is a default that workspace settings can override.

use std::fmt;
use std::time::Duration;

/// A vendor API. `Display` is the name people know it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vendor {
    Clearbit,
    MadKudu,
    CustomerIo,
    Facebook,
    GoogleAds,
    AdRoll,
    SegmentProfiles,
}

impl Vendor {
    pub const ALL: [Vendor; 7] = [
        Vendor::Clearbit,
        Vendor::MadKudu,
        Vendor::CustomerIo,
        Vendor::Facebook,
        Vendor::GoogleAds,
        Vendor::AdRoll,
        Vendor::SegmentProfiles,
    ];

    /// The identifier used in settings, the CLI and `sync_runs.connector`.
    pub fn id(self) -> &'static str {
        match self {
            Vendor::Clearbit => "clearbit",
            Vendor::MadKudu => "madkudu",
            Vendor::CustomerIo => "customerio",
            Vendor::Facebook => "facebook",
            Vendor::GoogleAds => "google_ads",
            Vendor::AdRoll => "adroll",
            Vendor::SegmentProfiles => "segment",
        }
    }

    pub fn from_id(id: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.id() == id)
    }

    /// Requests allowed per period, and the period, as documented (vendor-apis.md).
    pub fn rate(self) -> (u32, Duration) {
        match self {
            // 600 per minute per key for Enrichment [S].
            Vendor::Clearbit => (600, Duration::from_secs(60)),
            // 600 per endpoint per minute [P].
            Vendor::MadKudu => (600, Duration::from_secs(60)),
            // App API: 10 per second [P].
            Vendor::CustomerIo => (10, Duration::from_secs(1)),
            // Business Use Case limits are dynamic; stay well below them and obey the throttle codes.
            Vendor::Facebook => (5, Duration::from_secs(1)),
            Vendor::GoogleAds => (10, Duration::from_secs(1)),
            // 10,000 a day on the Basic tier; spread over the day that is about 7 a minute.
            Vendor::AdRoll => (10, Duration::from_secs(60)),
            // 100 per second per space [P].
            Vendor::SegmentProfiles => (100, Duration::from_secs(1)),
        }
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vendor::Clearbit => "Clearbit",
            Vendor::MadKudu => "MadKudu",
            Vendor::CustomerIo => "Customer.io",
            Vendor::Facebook => "Facebook Ads",
            Vendor::GoogleAds => "Google Ads",
            Vendor::AdRoll => "AdRoll",
            Vendor::SegmentProfiles => "Segment Profiles",
        })
    }
}
