//! Projections: what the event log means. Progress, attendance minutes, class status,
//! certification eligibility and monthly figures are computed here, and only here, by
//! pure functions over events, so the kiosk and the server always agree.
//!
//! Order: within one kiosk, events are ordered by `seq`, never by `at` (kiosk clocks
//! are wrong). Where events of several kiosks meet (a learner who studies at two
//! centers), each kiosk's own order is kept and kiosks are compared by `at` only to pick
//! the most recent one. [`log_order`] is the canonical replay order.

pub mod attendance;
pub mod month;
pub mod progress;

pub use attendance::{
    Attendance, AttendanceFlag, FlagReason, Interval, MAX_INTERVAL_MINUTES, Segment,
};
pub use month::YearMonth;
pub use progress::{LessonProgress, Progress, QuizAnswer, ResumePoint};

use crate::event::Event;

/// Sorts events into the canonical replay order: by kiosk, then by `seq`.
pub fn log_order(events: &mut [Event]) {
    events.sort_by_key(|e| (e.kiosk_id, e.seq));
}

#[cfg(test)]
pub(crate) mod testkit;
