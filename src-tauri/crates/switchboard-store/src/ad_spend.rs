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
