//! Self-study time (자율 학습 시간): minutes a signed-in learner spends on lesson steps at
//! a kiosk outside a class session. Class time is attendance (see [`super::attendance`]);
//! this is the rest, so the two never count the same minute.
//!
//! Rules (each has a test below):
//! - Only the learner's own lesson events count as activity: a step completed or missed,
//!   a quiz answer, a lesson completed. Signing in and looking at the course list do not.
//! - Activity is read per kiosk in `seq` order (never `at` order): the time between two
//!   consecutive activity events of one learner on one kiosk is study time when it is
//!   at most [`IDLE_GAP_MINUTES`]. A longer gap is idle time (the learner left, or
//!   stopped to chat) and counts nothing, not even its first minutes. A gap backwards
//!   (the clock jumped) counts nothing.
//! - The time up to the first activity event of a sitting is not known and not counted:
//!   self-study time errs on the low side, never the high side.
//! - Study time while the learner is checked in to a class session (on any kiosk) is
//!   class time, not self-study: that part is cut out.
//! - A span counts for the course of the later event, and in the Korean (UTC+9) month
//!   in which it ends.
//! - Erased learners vanish from personal figures; sums over learners keep their
//!   minutes (anonymous counts), as for attendance.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::attendance::{Attendance, minutes};
use super::month::YearMonth;
use crate::event::{Event, EventBody, KioskId, LearnerId};

/// The longest pause between two steps that still counts as studying.
pub const IDLE_GAP_MINUTES: i64 = 5;

/// One activity event of a learner: where it sits in its kiosk's log, when, which course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Activity {
    at: DateTime<Utc>,
    course_id: String,
}

/// The learners' lesson activity, kept in (kiosk, seq) order whatever order it was
/// applied in, so the figures do not depend on how kiosks' logs interleave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfStudy {
    /// Per learner, per kiosk, by `seq` (nested maps: JSON keys must be strings).
    activity: BTreeMap<LearnerId, BTreeMap<KioskId, BTreeMap<u64, Activity>>>,
    erased: BTreeSet<LearnerId>,
}

/// A stretch of self-study, class time already cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudySpan {
    pub learner_id: LearnerId,
    pub course_id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl StudySpan {
    fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds()
    }

    fn month(&self) -> YearMonth {
        YearMonth::of_instant(self.end)
    }
}

impl SelfStudy {
    pub fn new() -> SelfStudy {
        SelfStudy::default()
    }

    /// Builds the projection; the events may come in any order.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> SelfStudy {
        let mut s = SelfStudy::new();
        for e in events {
            s.apply(e);
        }
        s
    }

    /// Adds one event. Applying the same event twice is harmless.
    pub fn apply(&mut self, event: &Event) {
        if let EventBody::LearnerErased { learner_id } = &event.body {
            self.erased.insert(*learner_id);
            return;
        }
        let Some((learner_id, course_id)) = event.body.lesson_activity() else {
            return;
        };
        self.activity
            .entry(learner_id)
            .or_default()
            .entry(event.kiosk_id)
            .or_default()
            .insert(
                event.seq,
                Activity {
                    at: event.at,
                    course_id: course_id.to_string(),
                },
            );
    }

    /// Every learner's self-study spans (erased learners included), class time cut out.
    pub fn spans(&self, attendance: &Attendance) -> Vec<StudySpan> {
        let mut class: BTreeMap<LearnerId, Vec<ClassTime>> = BTreeMap::new();
        for i in attendance.all_intervals() {
            class
                .entry(i.learner_id)
                .or_default()
                .push((i.start, i.end));
        }
        let idle = Duration::minutes(IDLE_GAP_MINUTES);
        let mut spans = Vec::new();
        for (learner_id, kiosks) in &self.activity {
            let in_class = class.get(learner_id).map(Vec::as_slice).unwrap_or(&[]);
            // Two kiosks are two sittings: never a span from one to the other.
            for activity in kiosks.values() {
                let mut previous: Option<&Activity> = None;
                for a in activity.values() {
                    if let Some(prev) = previous
                        && a.at > prev.at
                        && a.at - prev.at <= idle
                    {
                        cut_out_class(prev.at, a.at, in_class, &mut |start, end| {
                            spans.push(StudySpan {
                                learner_id: *learner_id,
                                course_id: a.course_id.clone(),
                                start,
                                end,
                            })
                        });
                    }
                    previous = Some(a);
                }
            }
        }
        spans
    }

    /// Self-study minutes per learner per Korean calendar month (erased learners left
    /// out).
    pub fn minutes_by_month(
        &self,
        attendance: &Attendance,
    ) -> BTreeMap<LearnerId, BTreeMap<YearMonth, u32>> {
        let mut secs: BTreeMap<LearnerId, BTreeMap<YearMonth, i64>> = BTreeMap::new();
        for span in self.spans(attendance) {
            if self.erased.contains(&span.learner_id) {
                continue;
            }
            *secs
                .entry(span.learner_id)
                .or_default()
                .entry(span.month())
                .or_default() += span.seconds();
        }
        secs.into_iter()
            .map(|(l, months)| {
                (
                    l,
                    months.into_iter().map(|(m, s)| (m, minutes(s))).collect(),
                )
            })
            .collect()
    }

    /// A learner's self-study minutes per course (nothing for an erased learner).
    pub fn learner_minutes_by_course(
        &self,
        learner_id: LearnerId,
        attendance: &Attendance,
    ) -> BTreeMap<String, u32> {
        let mut secs: BTreeMap<String, i64> = BTreeMap::new();
        if !self.erased.contains(&learner_id) {
            for span in self.spans(attendance) {
                if span.learner_id == learner_id {
                    *secs.entry(span.course_id.clone()).or_default() += span.seconds();
                }
            }
        }
        secs.into_iter().map(|(c, s)| (c, minutes(s))).collect()
    }

    /// A learner's total self-study minutes (0 for an erased learner).
    pub fn learner_minutes(&self, learner_id: LearnerId, attendance: &Attendance) -> u32 {
        self.learner_minutes_by_course(learner_id, attendance)
            .values()
            .sum()
    }
}

/// A learner's check-in interval; without an end, a class still going on.
type ClassTime = (DateTime<Utc>, Option<DateTime<Utc>>);

/// Calls `keep` with the parts of `start..end` outside every class interval.
fn cut_out_class(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    class: &[ClassTime],
    keep: &mut impl FnMut(DateTime<Utc>, DateTime<Utc>),
) {
    let mut pieces = vec![(start, end)];
    for (class_start, class_end) in class {
        let mut rest = Vec::new();
        for (s, e) in pieces {
            let overlaps = *class_start < e && class_end.is_none_or(|ce| ce > s);
            if !overlaps {
                rest.push((s, e));
                continue;
            }
            if s < *class_start {
                rest.push((s, *class_start));
            }
            if let Some(ce) = class_end
                && *ce < e
            {
                rest.push((*ce, e));
            }
        }
        pieces = rest;
    }
    for (s, e) in pieces {
        if s < e {
            keep(s, e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::testkit::*;

    fn study(log: &Log) -> (SelfStudy, Attendance) {
        (
            SelfStudy::from_events(&log.events),
            Attendance::from_events(&log.events),
        )
    }

    fn total(log: &Log, l: LearnerId) -> u32 {
        let (s, a) = study(log);
        s.learner_minutes(l, &a)
    }

    #[test]
    fn steps_a_few_minutes_apart_count_the_time_between_them() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "s1"))
            .at(t(10, 3), step_done(learner(1), "touch", "s2"))
            .at(t(10, 7), missed(learner(1), "touch", "s3"))
            .at(t(10, 9), answer(learner(1), "touch", "q", 0, true))
            .at(t(10, 10), lesson_done(learner(1), "touch"));
        assert_eq!(total(&log, learner(1)), 10);
    }

    #[test]
    fn a_pause_longer_than_the_idle_gap_counts_nothing_at_all() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "s1"))
            .at(t(10, 4), step_done(learner(1), "touch", "s2"))
            // Twenty minutes of tea: none of it counts, not even the first five.
            .at(t(10, 24), step_done(learner(1), "touch", "s3"))
            .at(t(10, 26), step_done(learner(1), "touch", "s4"));
        assert_eq!(total(&log, learner(1)), 6);
    }

    #[test]
    fn time_checked_in_to_a_class_is_class_time_not_self_study() {
        let mut log = Log::new();
        log.at(t(9, 50), step_done(learner(1), "touch", "s1"))
            .at(t(9, 55), step_done(learner(1), "touch", "s2"))
            .at(t(10, 0), open(session(1), COURSE))
            .at(t(10, 1), check_in(session(1), learner(1)))
            .at(t(10, 4), step_done(learner(1), "touch", "s3"))
            .at(t(10, 8), step_done(learner(1), "touch", "s4"))
            .at(t(10, 10), check_out(session(1), learner(1)))
            .at(t(10, 12), step_done(learner(1), "touch", "s5"))
            .at(t(10, 30), close(session(1)));
        // 9:50–9:55 before class, 9:55–10:01 is over the idle gap, 10:01–10:10 in
        // class, 10:10–10:12 after check-out: 5 + 2.
        assert_eq!(total(&log, learner(1)), 7);
    }

    #[test]
    fn a_class_not_closed_yet_still_counts_as_class() {
        let mut log = Log::new();
        log.at(t(10, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 2), step_done(learner(1), "touch", "s1"))
            .at(t(10, 5), step_done(learner(1), "touch", "s2"));
        assert_eq!(total(&log, learner(1)), 0);
    }

    #[test]
    fn order_comes_from_seq_and_a_clock_jumping_back_counts_nothing() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "s1"))
            .at(t(9, 58), step_done(learner(1), "touch", "s2"))
            .at(t(10, 1), step_done(learner(1), "touch", "s3"));
        // 10:00 → 9:58 goes back (nothing), 9:58 → 10:01 is three minutes.
        assert_eq!(total(&log, learner(1)), 3);
        // Applied in reverse, the figures are the same.
        let mut reversed = log.events.clone();
        reversed.reverse();
        let s = SelfStudy::from_events(&reversed);
        let a = Attendance::from_events(&reversed);
        assert_eq!(s.learner_minutes(learner(1), &a), 3);
    }

    #[test]
    fn two_kiosks_are_two_sittings_never_joined_across() {
        let mut a = Log::on(kiosk(1));
        a.at(t(10, 0), step_done(learner(1), "touch", "s1"))
            .at(t(10, 2), step_done(learner(1), "touch", "s2"));
        let mut b = Log::on(kiosk(2));
        b.at(t(10, 3), step_done(learner(1), "touch", "s3"))
            .at(t(10, 4), step_done(learner(1), "touch", "s4"));
        let events: Vec<_> = a.events.iter().chain(&b.events).cloned().collect();
        let s = SelfStudy::from_events(&events);
        let att = Attendance::from_events(&events);
        assert_eq!(s.learner_minutes(learner(1), &att), 3);
    }

    #[test]
    fn each_learner_and_course_gets_its_own_minutes_and_months_are_korean() {
        let mut log = Log::new();
        // 23:58–00:02 KST on the last day of November: the span ends in December.
        log.at(
            kst_at(2026, 11, 30, 23, 58),
            step_done(learner(1), "touch", "s1"),
        )
        .at(
            kst_at(2026, 12, 1, 0, 2),
            step_done(learner(1), "touch", "s2"),
        )
        .at(
            kst_at(2026, 12, 1, 10, 0),
            step_done(learner(2), "touch", "s1"),
        )
        .at(
            kst_at(2026, 12, 1, 10, 1),
            step_done(learner(2), "touch", "s2"),
        );
        let (s, a) = study(&log);
        let by_month = s.minutes_by_month(&a);
        let december = YearMonth::new(2026, 12).unwrap();
        assert_eq!(by_month[&learner(1)][&december], 4);
        assert_eq!(by_month[&learner(2)][&december], 1);
        assert_eq!(s.learner_minutes_by_course(learner(1), &a)[COURSE], 4);
    }

    #[test]
    fn an_erased_learner_has_no_personal_minutes_but_the_spans_remain_for_sums() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "s1"))
            .at(t(10, 5), step_done(learner(1), "touch", "s2"))
            .at(t(11, 0), erased(learner(1)));
        let (s, a) = study(&log);
        assert_eq!(s.learner_minutes(learner(1), &a), 0);
        assert!(s.minutes_by_month(&a).is_empty());
        assert_eq!(s.spans(&a).len(), 1);
    }
}
