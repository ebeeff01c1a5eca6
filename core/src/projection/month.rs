//! A calendar month in Korean time, the unit of monthly hours and reports.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::time::kst_date;

/// A month of the calendar, e.g. 2026-11. Serialized as `"2026-11"` so it can be a key
/// of a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    pub fn of_date(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month in Korea (UTC+9) of an instant.
    pub fn of_instant(at: DateTime<Utc>) -> YearMonth {
        YearMonth::of_date(kst_date(at))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.to_string()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not a month of the form YYYY-MM: {0:?}")]
pub struct BadMonth(String);

impl TryFrom<String> for YearMonth {
    type Error = BadMonth;

    fn try_from(s: String) -> Result<YearMonth, BadMonth> {
        let parsed = s
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)))
            .and_then(|(y, m)| YearMonth::new(y, m));
        parsed.ok_or(BadMonth(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_instant_late_on_the_last_utc_day_belongs_to_the_next_korean_month() {
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap();
        assert_eq!(YearMonth::of_instant(at), YearMonth::new(2026, 12).unwrap());
    }

    #[test]
    fn a_month_round_trips_through_json_as_a_string() {
        let m = YearMonth::new(2026, 3).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#""2026-03""#);
        assert_eq!(serde_json::from_str::<YearMonth>(&json).unwrap(), m);
        assert!(serde_json::from_str::<YearMonth>(r#""2026-13""#).is_err());
    }
}
