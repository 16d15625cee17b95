//! What each connector needs to connect (its fields, with the vendor's own names, and which of
//! them are secret), its non-secret settings as the workspace keeps them, and the credentials
//! read from the keychain. Builds a vendor's client from the two.
//!
//! Secrets never pass through [`ConnectorSettings`]: they live in [`crate::Secrets`] only, and
//! [`Credentials`] hides them from `Debug`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_core::sync::Schedule;

use crate::{
    Policy, Vendor, adroll, clearbit, customerio, facebook, google_ads, madkudu, segment_profiles,
};

/// One field of a connection form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// The vendor's own name for it.
    pub label: &'static str,
    pub secret: bool,
    pub required: bool,
    /// Where to find it, in the vendor's words.
    pub hint: &'static str,
    /// The allowed values, when it is a choice.
    pub choices: &'static [&'static str],
}

const fn secret(name: &'static str, label: &'static str, hint: &'static str) -> Field {
    Field { name, label, secret: true, required: true, hint, choices: &[] }
}

const fn plain(
    name: &'static str,
    label: &'static str,
    required: bool,
    hint: &'static str,
) -> Field {
    Field { name, label, secret: false, required, hint, choices: &[] }
}

const CLEARBIT: &[Field] =
    &[secret("secret_key", "Secret API key", "Clearbit dashboard → API; starts with sk_")];

const MADKUDU: &[Field] = &[secret("api_key", "API key", "MadKudu app → Settings → API")];

const CUSTOMERIO: &[Field] = &[
    plain("site_id", "Site ID", true, "Customer.io → Account settings → API credentials"),
    secret(
        "track_api_key",
        "Track API key",
        "Account settings → API credentials → Tracking API keys",
    ),
    secret("app_api_key", "App API key", "Account settings → API credentials → App API keys"),
    Field {
        name: "region",
        label: "Region",
        secret: false,
        required: false,
        hint: "US or EU data center; found from the Track API key when left empty",
        choices: &["us", "eu"],
    },
];

const FACEBOOK: &[Field] = &[
    plain("ad_account_id", "Ad account ID", true, "Ads Manager → the number after act_"),
    secret("access_token", "Access token", "A system-user token with ads_read and ads_management"),
    plain("api_version", "Graph API version", false, "For example v21.0"),
];

const GOOGLE_ADS: &[Field] = &[
    plain("customer_id", "Customer ID", true, "The ten digits without dashes"),
    plain(
        "login_customer_id",
        "Login customer ID",
        false,
        "The manager account's ID, when you go through one",
    ),
    secret("developer_token", "Developer token", "Google Ads → Tools → API Center"),
    secret("access_token", "OAuth access token", "An OAuth2 token with the adwords scope"),
    plain("api_version", "API version", false, "For example v18"),
];

const ADROLL: &[Field] = &[
    plain("advertisable_eid", "Advertisable EID", true, "AdRoll → Settings → Advertiser profile"),
    secret("api_key", "API key (apikey)", "developers.nextroll.com → your app's key"),
    secret(
        "access_token",
        "Personal access token",
        "developers.nextroll.com → Personal access tokens",
    ),
    plain("currency", "Currency", false, "ISO code for reports, USD when empty"),
];

const SEGMENT: &[Field] = &[
    plain("space_id", "Space ID", true, "Segment → Unify → Settings → API access"),
    secret("access_token", "Access token", "Unify → Settings → API access → Generate token"),
];

impl Vendor {
    /// The fields a connection to this vendor takes.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Vendor::Clearbit => CLEARBIT,
            Vendor::MadKudu => MADKUDU,
            Vendor::CustomerIo => CUSTOMERIO,
            Vendor::Facebook => FACEBOOK,
            Vendor::GoogleAds => GOOGLE_ADS,
            Vendor::AdRoll => ADROLL,
            Vendor::SegmentProfiles => SEGMENT,
        }
    }

    /// The paid lookups this vendor's sync makes, each with its own daily budget.
    pub fn paid_lookups(self) -> &'static [&'static str] {
        match self {
            Vendor::Clearbit => &["person", "company"],
            Vendor::MadKudu => &["person", "company"],
            _ => &[],
        }
    }

    /// Whether its sync looks entities up one by one (so a freshness window applies).
    pub fn looks_up(self) -> bool {
        matches!(self, Vendor::Clearbit | Vendor::MadKudu | Vendor::SegmentProfiles)
    }

    /// The default base URL, shown beside the override field.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Vendor::Clearbit => "https://person.clearbit.com (one host per product)",
            Vendor::MadKudu => madkudu::DEFAULT_BASE_URL,
            Vendor::CustomerIo => "https://api.customer.io and https://track.customer.io",
            Vendor::Facebook => facebook::DEFAULT_BASE_URL,
            Vendor::GoogleAds => google_ads::DEFAULT_BASE_URL,
            Vendor::AdRoll => adroll::DEFAULT_BASE_URL,
            Vendor::SegmentProfiles => "https://profiles.segment.com",
        }
    }
}

/// A connector's non-secret settings, kept in the workspace as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConnectorSettings {
    /// Replaces the vendor's hosts (fake servers in tests, a proxy).
    pub base_url: Option<String>,
    /// The non-secret fields of [`Vendor::fields`].
    pub fields: BTreeMap<String, String>,
    #[serde(with = "schedule_text")]
    pub schedule: Schedule,
    /// Entities fetched within this many days are not looked up again.
    pub freshness_days: u32,
    /// Paid lookups allowed per UTC day, per kind of lookup.
    pub daily_budget: u64,
    /// Days of spend a first sync fetches.
    pub first_sync_days: i64,
    /// Days before the last synced one that a spend sync fetches again (platforms revise them).
    pub settle_days: i64,
    /// Days of deliveries fetched again for late opens and clicks.
    pub lookback_days: u32,
}

impl Default for ConnectorSettings {
    fn default() -> Self {
        ConnectorSettings {
            base_url: None,
            fields: BTreeMap::new(),
            schedule: Schedule::Off,
            freshness_days: 30,
            daily_budget: 500,
            first_sync_days: 90,
            settle_days: 3,
            lookback_days: 7,
        }
    }
}

mod schedule_text {
    use serde::{Deserialize, Deserializer, Serializer};
    use switchboard_core::sync::Schedule;

    pub fn serialize<S: Serializer>(s: &Schedule, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(s.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<Schedule, D::Error> {
        let text = String::deserialize(de)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl ConnectorSettings {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// A connector's secrets, read from the keychain for one run. `Debug` shows only the names.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials(BTreeMap<String, String>);

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl Credentials {
    pub fn new(values: BTreeMap<String, String>) -> Credentials {
        Credentials(values)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// What is missing to build a client.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{vendor} is not connected: {label} is missing; add it in Connections or with `switchboard-cli connect {id}`", id = vendor.id())]
pub struct Missing {
    pub vendor: Vendor,
    pub label: &'static str,
}

/// A client of any vendor.
#[derive(Debug, Clone)]
pub enum Client {
    Clearbit(clearbit::Clearbit),
    MadKudu(madkudu::MadKudu),
    CustomerIo(customerio::CustomerIo),
    Facebook(facebook::Facebook),
    GoogleAds(google_ads::GoogleAds),
    AdRoll(adroll::AdRoll),
    SegmentProfiles(segment_profiles::Profiles),
}

impl Client {
    /// Builds `vendor`'s client from its settings and credentials.
    pub fn build(
        vendor: Vendor,
        settings: &ConnectorSettings,
        creds: &Credentials,
        policy: Policy,
    ) -> Result<Client, Missing> {
        let need = |name: &str| -> Result<String, Missing> {
            let field = vendor.fields().iter().find(|f| f.name == name);
            let label = field.map_or("a field", |f| f.label);
            let value = if field.is_some_and(|f| f.secret) {
                creds.get(name)
            } else {
                settings.field(name)
            };
            value.map(str::to_owned).ok_or(Missing { vendor, label })
        };
        let base = settings.base_url.as_deref().map(str::trim).filter(|b| !b.is_empty());
        Ok(match vendor {
            Vendor::Clearbit => {
                Client::Clearbit(clearbit::Clearbit::new(base, &need("secret_key")?, policy))
            }
            Vendor::MadKudu => Client::MadKudu(madkudu::MadKudu::new(
                base.unwrap_or(madkudu::DEFAULT_BASE_URL),
                &need("api_key")?,
                policy,
            )),
            Vendor::CustomerIo => {
                let region = settings
                    .field("region")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(customerio::Region::Us);
                Client::CustomerIo(customerio::CustomerIo::new(
                    base,
                    region,
                    &need("site_id")?,
                    &need("track_api_key")?,
                    &need("app_api_key")?,
                    policy,
                ))
            }
            Vendor::Facebook => Client::Facebook(facebook::Facebook::new(
                base,
                settings.field("api_version").unwrap_or(facebook::DEFAULT_VERSION),
                need("ad_account_id")?.trim_start_matches("act_"),
                &need("access_token")?,
                policy,
            )),
            Vendor::GoogleAds => Client::GoogleAds(google_ads::GoogleAds::new(
                base,
                settings.field("api_version").unwrap_or(google_ads::DEFAULT_VERSION),
                &need("customer_id")?.replace('-', ""),
                settings.field("login_customer_id").map(|c| c.replace('-', "")).as_deref(),
                &need("developer_token")?,
                &need("access_token")?,
                policy,
            )),
            Vendor::AdRoll => Client::AdRoll(adroll::AdRoll::new(
                base,
                &need("api_key")?,
                &need("access_token")?,
                &need("advertisable_eid")?,
                settings.field("currency").unwrap_or("USD"),
                policy,
            )),
            Vendor::SegmentProfiles => Client::SegmentProfiles(segment_profiles::Profiles::new(
                base,
                &need("space_id")?,
                &need("access_token")?,
                policy,
            )),
        })
    }

    /// Pauses a campaign on its ad platform (Facebook and Google Ads: status PAUSED; AdRoll: its
    /// campaign pause). Other vendors have no campaigns to pause.
    pub async fn pause_campaign(&self, campaign_id: &str) -> Result<(), crate::ApiError> {
        match self {
            Client::Facebook(c) => c.pause_campaign(campaign_id).await,
            Client::GoogleAds(c) => c.pause_campaign(campaign_id).await,
            Client::AdRoll(c) => c.pause_campaign(campaign_id).await,
            other => Err(crate::ApiError::BadResponse {
                vendor: crate::sync::vendor_of(other),
                status: None,
                message: "it has no campaigns to pause".into(),
            }),
        }
    }

    /// The vendor's cheapest authenticated call: proves the key and the address.
    pub async fn check(&self) -> Result<(), crate::ApiError> {
        match self {
            Client::Clearbit(c) => c.check().await,
            Client::MadKudu(c) => c.ping().await,
            Client::CustomerIo(c) => c.check().await,
            Client::Facebook(c) => c.check().await,
            Client::GoogleAds(c) => c.check().await,
            Client::AdRoll(c) => c.check().await,
            Client::SegmentProfiles(c) => c.check().await,
        }
    }
}
