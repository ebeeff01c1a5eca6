//! Korea has one time zone and no daylight saving: UTC+9. Days and months for
//! attendance and statistics are counted in it.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset")
}

/// The calendar day in Korea of an instant.
pub fn kst_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&kst()).date_naive()
}
