//! Calendar days and instants as Switchboard counts them: UTC, days since the Unix epoch, and
//! milliseconds since the epoch. Owns the conversions; never reads the clock.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Milliseconds since the Unix epoch, UTC.
pub type Timestamp = i64;

pub const MS_PER_DAY: i64 = 86_400_000;

/// A UTC calendar day, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The day an instant falls on.
    pub fn of(ts: Timestamp) -> Day {
        Day(ts.div_euclid(MS_PER_DAY))
    }

    /// Midnight UTC at the start of the day.
    pub fn start(self) -> Timestamp {
        self.0 * MS_PER_DAY
    }

    pub fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday (index 3).
        (self.0 + 3).rem_euclid(7) as usize
    }

    pub fn date(self) -> NaiveDate {
        DateTime::<Utc>::from_timestamp_millis(self.start())
            .map(|t| t.date_naive())
            .unwrap_or(NaiveDate::MIN)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        let ts = date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis();
        Some(Day::of(ts))
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.date().format("%Y-%m-%d"))
    }
}

/// RFC 3339 in UTC with milliseconds, the form Segment uses (`2024-01-01T00:00:05.000Z`).
pub fn rfc3339(ts: Timestamp) -> String {
    DateTime::<Utc>::from_timestamp_millis(ts)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_convert_both_ways() {
        let d = Day::parse("2026-11-29").unwrap();
        assert_eq!(d.to_string(), "2026-11-29");
        assert_eq!(Day::of(d.start() + MS_PER_DAY - 1), d);
        assert_eq!(Day::of(d.start() - 1), d.plus(-1));
        assert_eq!(d.weekday(), 6, "2026-11-29 is a Sunday");
        assert_eq!(rfc3339(d.start() + 5_000), "2026-11-29T00:00:05.000Z");
        assert!(Day::parse("2026-13-01").is_none());
    }
}
