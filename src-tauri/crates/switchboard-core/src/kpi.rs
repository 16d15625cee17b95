//! The Overview's figures: the daily KPIs of the outbound workflow averaged over a window, and
//! the counts beside them. Owns the window arithmetic and the definitions of the rates; the store
//! supplies raw counts, the front ends format them.
//!
//! Definitions (each "per day" is a total over the window divided by the days the workspace
//! actually covers in that window, so a workspace with 10 days of data is not diluted by 30):
//! - identified domains: for each day, the distinct companies resolved from visitor IPs that day;
//! - qualified companies: companies whose score first cleared the threshold that day (net new);
//! - new contacts: prospects found that day at qualified companies (net new);
//! - outbound open rate: of the outbound deliveries sent in the window and delivered, the share
//!   opened at least once.

use crate::{Day, FitSegment, MessageType, Timestamp};

/// The windows the Overview shows, in days ending on the as-of day.
pub const WINDOWS: [u32; 2] = [7, 30];

/// The first and last day of a window of `days` ending on `as_of`, clipped to the first day
/// with data, and how many days that leaves (0 when the workspace starts after `as_of`).
pub fn window(as_of: Day, first_day: Day, days: u32) -> (Day, Day, u32) {
    let nominal_start = as_of.plus(1 - i64::from(days));
    let start = nominal_start.max(first_day);
    let covered = (as_of.0 - start.0 + 1).clamp(0, i64::from(days));
    (start, as_of, u32::try_from(covered).unwrap_or(0))
}

/// Raw counts for one window, as the store reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowCounts {
    pub days: u32,
    pub covered_days: u32,
    /// Sum over the days of the distinct companies identified that day.
    pub identified_domain_days: i64,
    pub qualified_companies: i64,
    pub new_contacts: i64,
    pub outbound_delivered: i64,
    pub outbound_opened: i64,
}

/// One window's KPIs.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiWindow {
    pub days: u32,
    pub covered_days: u32,
    pub identified_domains_per_day: f64,
    pub qualified_companies_per_day: f64,
    pub new_contacts_per_day: f64,
    /// `None` when nothing was delivered in the window.
    pub outbound_open_rate: Option<f64>,
}

impl WindowCounts {
    pub fn kpis(&self) -> KpiWindow {
        let per_day = |n: i64| {
            if self.covered_days == 0 { 0.0 } else { n as f64 / f64::from(self.covered_days) }
        };
        KpiWindow {
            days: self.days,
            covered_days: self.covered_days,
            identified_domains_per_day: per_day(self.identified_domain_days),
            qualified_companies_per_day: per_day(self.qualified_companies),
            new_contacts_per_day: per_day(self.new_contacts),
            outbound_open_rate: rate(self.outbound_opened, self.outbound_delivered),
        }
    }
}

/// `part / whole` as a fraction, or `None` when there is no whole.
pub fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeCount {
    pub message_type: MessageType,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyKpis {
    pub day: Day,
    pub identified_domains: i64,
    pub qualified_companies: i64,
    pub new_contacts: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopCompany {
    pub domain: String,
    pub name: String,
    pub industry: Option<String>,
    pub employees: Option<i64>,
    pub country: Option<String>,
    pub technologies: Vec<String>,
    /// Visits in the 30 days ending on the as-of day.
    pub visits: i64,
    pub last_seen: Timestamp,
    pub score: Option<f64>,
    pub fit_segment: Option<FitSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub message_id: String,
    pub timestamp: Timestamp,
    pub message_type: MessageType,
    /// The track event's name, or the page or screen name.
    pub name: Option<String>,
    /// The user id, else the anonymous id.
    pub who: String,
    pub ip: Option<String>,
    pub company_domain: Option<String>,
}

/// Everything the Overview screen and `switchboard-cli stats` show.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub workspace_name: String,
    /// The last day with data (never after today); windows end on it.
    pub as_of: Day,
    /// The first day with data.
    pub first_day: Day,
    pub windows: Vec<KpiWindow>,
    pub people: i64,
    pub companies: i64,
    pub events_total: i64,
    /// Every message type, zeros included, in the spec's order.
    pub events_by_type: Vec<TypeCount>,
    pub top_companies: Vec<TopCompany>,
    pub latest_events: Vec<EventRow>,
    /// One entry per day of the longest window, oldest first.
    pub daily: Vec<DailyKpis>,
}

impl Overview {
    pub fn window(&self, days: u32) -> Option<&KpiWindow> {
        self.windows.iter().find(|w| w.days == days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_clipped_to_the_data() {
        let as_of = Day::parse("2026-11-28").unwrap();
        let (start, end, covered) = window(as_of, Day::parse("2026-10-01").unwrap(), 30);
        assert_eq!((start.to_string(), end, covered), ("2026-10-30".to_owned(), as_of, 30));
        let (start, _, covered) = window(as_of, Day::parse("2026-11-20").unwrap(), 30);
        assert_eq!((start.to_string(), covered), ("2026-11-20".to_owned(), 9));
        let (_, _, covered) = window(as_of, as_of.plus(3), 7);
        assert_eq!(covered, 0);
    }

    #[test]
    fn per_day_divides_by_covered_days_and_open_rate_needs_deliveries() {
        let counts = WindowCounts {
            days: 30,
            covered_days: 10,
            identified_domain_days: 10_050,
            qualified_companies: 600,
            new_contacts: 3_000,
            outbound_delivered: 2_000,
            outbound_opened: 1_420,
        };
        let k = counts.kpis();
        assert_eq!(k.identified_domains_per_day, 1_005.0);
        assert_eq!(k.qualified_companies_per_day, 60.0);
        assert_eq!(k.new_contacts_per_day, 300.0);
        assert_eq!(k.outbound_open_rate, Some(0.71));
        let empty = WindowCounts { days: 7, ..WindowCounts::default() }.kpis();
        assert_eq!((empty.identified_domains_per_day, empty.outbound_open_rate), (0.0, None));
    }
}
