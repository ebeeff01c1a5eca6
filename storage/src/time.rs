//! How both stores write a time: RFC 3339 in UTC with microseconds (`…T10:00:00.000000Z`),
//! so text order is time order and a value reads back exactly.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time (any RFC 3339 offset, turned to UTC).
pub fn parse(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_reads_back_exactly_and_sorts_as_text() {
        let t = DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap();
        assert_eq!(parse(&format(t)).unwrap(), t);
        let later = t + chrono::Duration::microseconds(1);
        assert!(format(t) < format(later));
        assert!(format(t).ends_with('Z'));
    }
}
