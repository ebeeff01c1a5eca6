//! Projections: what the event log means. Progress, attendance minutes, class status,
//! certification eligibility and monthly figures are computed here, and only here, by
//! pure functions over events, so the kiosk and the server always agree.
//!
//! Order: within one kiosk, events are ordered by `seq`, never by `at` (kiosk clocks
//! are wrong). Where events of several kiosks meet (a learner who studies at two
//! centers), each kiosk's own order is kept and kiosks are compared by `at` only to pick
//! the most recent one. [`log_order`] is the canonical replay order.

pub mod attendance;
pub mod certification;
pub mod class_status;
pub mod month;
pub mod profiles;
pub mod progress;
pub mod service;
pub mod study;
pub mod summary;

pub use attendance::{
    Attendance, AttendanceFlag, FlagReason, HeldSession, Interval, MAX_INTERVAL_MINUTES, Segment,
};
pub use certification::{
    AssessmentRequirement, Certifications, Eligibility, HoursRequirement, IssuedCertificate,
    LessonRequirement, Revocation, eligibility,
};
pub use class_status::{
    ClassStatus, CurrentStep, HelpCall, LearnerRow, LessonCell, LessonState, StuckReason,
    class_status,
};
pub use month::YearMonth;
pub use profiles::{LearnerProfiles, LearnerState};
pub use progress::{CourseTotals, LessonProgress, Progress, QuizAnswer, ResumePoint};
pub use service::{ServiceLog, ServiceMinutes, ServiceSession, ServiceStatus, paid_minutes};
pub use study::{IDLE_GAP_MINUTES, SelfStudy, StudySpan};
pub use summary::{MonthlySummary, monthly_summary, monthly_summary_by};

use serde::{Deserialize, Serialize};

use crate::course::Course;
use crate::event::{Event, LearnerId};

/// Sorts events into the canonical replay order: by kiosk, then by `seq`.
pub fn log_order(events: &mut [Event]) {
    events.sort_by_key(|e| (e.kiosk_id, e.seq));
}

/// The projections a kiosk keeps up to date together, snapshotted as one value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Projections {
    pub progress: Progress,
    pub attendance: Attendance,
    pub certifications: Certifications,
    /// Added after the first snapshots: an older snapshot reads with an empty log, which
    /// is right, since service events did not exist when it was saved.
    #[serde(default)]
    pub service: ServiceLog,
    /// Required, not defaulted: a snapshot saved before self-study time was kept does
    /// not read, so the log is replayed once and the time from before is counted too.
    pub study: SelfStudy,
}

impl Projections {
    pub fn new() -> Projections {
        Projections::default()
    }

    /// Replays events in the order given (use [`log_order`] for a whole log).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Projections {
        let mut p = Projections::new();
        for e in events {
            p.apply(e);
        }
        p
    }

    pub fn apply(&mut self, event: &Event) {
        self.progress.apply(event);
        self.attendance.apply(event);
        self.certifications.apply(event);
        self.service.apply(event);
        self.study.apply(event);
    }

    /// See [`eligibility`].
    pub fn eligibility(&self, learner_id: LearnerId, course: &Course) -> Option<Eligibility> {
        eligibility(
            &self.progress,
            &self.attendance,
            &self.certifications,
            learner_id,
            course,
        )
    }
}

#[cfg(test)]
pub(crate) mod testkit;
