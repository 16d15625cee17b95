//! The Overview's read queries: daily pipeline volumes, outbound deliveries and opens, the most
//! visited identified companies. Each returns raw counts; `switchboard-core::kpi` turns them into
//! rates and averages.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use switchboard_core::{DailyKpis, Day, FitSegment, TopCompany, day::MS_PER_DAY};

use crate::Result;

/// The first and last day with any visit.
pub fn visit_day_range(conn: &Connection) -> Result<Option<(Day, Day)>> {
    let (lo, hi): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT MIN(day), MAX(day) FROM visits", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(lo.zip(hi).map(|(lo, hi)| (Day(lo), Day(hi))))
}

/// Identified companies, newly qualified companies and new contacts for each day from `first` to
/// `last` inclusive, days without any included as zeros.
pub fn daily(conn: &Connection, first: Day, last: Day) -> Result<Vec<DailyKpis>> {
    let mut days: BTreeMap<i64, DailyKpis> = (first.0..=last.0)
        .map(|d| {
            let k = DailyKpis {
                day: Day(d),
                identified_domains: 0,
                qualified_companies: 0,
                new_contacts: 0,
            };
            (d, k)
        })
        .collect();
    let mut per_day = |sql: &str, set: &mut dyn FnMut(&mut DailyKpis, i64)| -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![first.0, last.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (day, n): (i64, i64) = row?;
            if let Some(k) = days.get_mut(&day) {
                set(k, n);
            }
        }
        Ok(())
    };
    per_day(
        "SELECT day, COUNT(DISTINCT company_id) FROM visits
         WHERE day BETWEEN ?1 AND ?2 AND company_id IS NOT NULL GROUP BY day",
        &mut |k, n| k.identified_domains = n,
    )?;
    per_day(
        &format!(
            "SELECT qualified_at / {MS_PER_DAY}, COUNT(*) FROM companies
             WHERE qualified_at >= ?1 * {MS_PER_DAY} AND qualified_at < (?2 + 1) * {MS_PER_DAY}
             GROUP BY 1"
        ),
        &mut |k, n| k.qualified_companies = n,
    )?;
    per_day(
        &format!(
            "SELECT found_at / {MS_PER_DAY}, COUNT(*) FROM prospects
             WHERE found_at >= ?1 * {MS_PER_DAY} AND found_at < (?2 + 1) * {MS_PER_DAY}
             GROUP BY 1"
        ),
        &mut |k, n| k.new_contacts = n,
    )?;
    Ok(days.into_values().collect())
}

/// Of the deliveries of `campaign` sent from `first` to `last` inclusive: how many were
/// delivered, and how many of those were opened.
pub fn deliveries(conn: &Connection, campaign: &str, first: Day, last: Day) -> Result<(i64, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(d.id), COUNT(o.id)
         FROM email_activity s
         JOIN email_activity d ON d.delivery_id = s.delivery_id AND d.kind = 'delivered'
         LEFT JOIN email_activity o ON o.delivery_id = s.delivery_id AND o.kind = 'opened'
         WHERE s.campaign = ?1 AND s.kind = 'sent' AND s.at >= ?2 AND s.at < ?3",
    )?;
    Ok(stmt.query_row(params![campaign, first.start(), last.plus(1).start()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?)
}

/// The companies identified most often from `first` to `last` inclusive, with their latest
/// score.
pub fn top_companies(
    conn: &Connection,
    first: Day,
    last: Day,
    limit: u32,
) -> Result<Vec<TopCompany>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.domain, c.name, c.industry, c.employees, c.country, c.technologies,
                t.visits, t.last_seen,
                (SELECT s.score FROM scores s WHERE s.entity = 'company' AND s.entity_id = c.id
                 ORDER BY s.scored_at DESC LIMIT 1),
                (SELECT s.segment FROM scores s WHERE s.entity = 'company' AND s.entity_id = c.id
                 ORDER BY s.scored_at DESC LIMIT 1)
         FROM (SELECT company_id, COUNT(*) AS visits, MAX(started_at) AS last_seen
               FROM visits WHERE day BETWEEN ?1 AND ?2 AND company_id IS NOT NULL
               GROUP BY company_id
               ORDER BY visits DESC, last_seen DESC
               LIMIT ?3) t
         JOIN companies c ON c.id = t.company_id
         ORDER BY t.visits DESC, t.last_seen DESC",
    )?;
    let rows = stmt.query_map(params![first.0, last.0, limit], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ),
            (
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, Option<f64>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ),
        ))
    })?;
    rows.map(|row| {
        let ((domain, name, industry, employees, country, tech), (visits, last_seen, score, seg)) =
            row?;
        Ok(TopCompany {
            domain,
            name,
            industry,
            employees,
            country,
            technologies: serde_json::from_str(&tech)?,
            visits,
            last_seen,
            score,
            fit_segment: seg.map(|s| s.parse::<FitSegment>()).transpose()?,
        })
    })
    .collect()
}
