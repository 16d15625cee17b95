//! `ad_spend`: spend, impressions and clicks per platform, campaign and day, in minor units.
//! A later sync of the same day replaces the figures (platforms restate recent days).

use rusqlite::{Connection, params};
use switchboard_core::AdSpendDay;

use crate::Result;

pub fn upsert(conn: &Connection, s: &AdSpendDay) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ad_spend (platform, campaign_id, campaign_name, day, spend_minor, currency,
                               impressions, clicks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (platform, campaign_id, day) DO UPDATE SET
             campaign_name = excluded.campaign_name, spend_minor = excluded.spend_minor,
             currency = excluded.currency, impressions = excluded.impressions,
             clicks = excluded.clicks",
    )?;
    stmt.execute(params![
        s.platform.as_str(),
        s.campaign_id,
        s.campaign_name,
        s.day.0,
        s.spend_minor,
        s.currency,
        s.impressions,
        s.clicks,
    ])?;
    Ok(())
}

/// One campaign's spend per day, in day order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSpend {
    pub platform: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub currency: String,
    pub days: Vec<(switchboard_core::Day, i64)>,
}

/// Every campaign with spend, by platform and id.
pub fn campaigns(conn: &Connection) -> Result<Vec<CampaignSpend>> {
    let mut stmt = conn.prepare_cached(
        "SELECT platform, campaign_id, campaign_name, currency, day, spend_minor FROM ad_spend
         ORDER BY platform, campaign_id, day",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<CampaignSpend> = Vec::new();
    while let Some(r) = rows.next()? {
        let (platform, id): (String, String) = (r.get(0)?, r.get(1)?);
        let day = (switchboard_core::Day(r.get(4)?), r.get(5)?);
        match out.last_mut() {
            Some(c) if c.platform == platform && c.campaign_id == id => {
                c.campaign_name = r.get(2)?;
                c.days.push(day);
            }
            _ => out.push(CampaignSpend {
                platform,
                campaign_id: id,
                campaign_name: r.get(2)?,
                currency: r.get(3)?,
                days: vec![day],
            }),
        }
    }
    Ok(out)
}
