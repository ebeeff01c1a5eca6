//! Attendance: who was in which class session, and for how many minutes.
//!
//! Rules (each has a test below):
//! - A session's events are put in (kiosk_id, seq) order, never `at` order. A session
//!   lives on the kiosk that opened it.
//! - `CheckedIn` opens an interval for the learner; a second `CheckedIn` while the
//!   learner is already in is a no-op (the instructor tapping again). `CheckedOut` ends
//!   it; a `CheckedOut` for someone not in is ignored. A learner may check in again
//!   after checking out: a new interval.
//! - A missing check-out ends at the session's `SessionClosed`. While the session has
//!   no `SessionClosed`, its open intervals are *not counted yet* (the learner is on the
//!   class list, though). Check-ins and -outs after `SessionClosed` are ignored and flagged.
//! - The kiosk clock may jump backwards: an interval whose end is before its start
//!   counts 0 minutes and is flagged [`FlagReason::ClockWentBack`].
//! - An interval counts at most [`MAX_INTERVAL_MINUTES`] (8 hours, a long day at a
//!   center): beyond that the check-out was forgotten or the clock jumped forwards. The
//!   interval is flagged [`FlagReason::Capped`].
//! - Overlapping intervals of one learner (two sessions at once, on one or several
//!   kiosks) count once: the union. In a learner's total (per day, per month) each minute
//!   counts once whatever the course. Per course, the union is over that course's
//!   sessions, so a minute spent checked in to two courses' sessions at once counts once
//!   for each of the two courses (and per-course figures can add up to more than the
//!   total). That keeps course hours monotone: attending another course's class never
//!   takes hours away from this one.
//! - Minutes fall in the Korean (UTC+9) day and month they happened in: a session
//!   across midnight is split at 00:00 KST.
//! - Figures are summed in seconds and rounded down to whole minutes per reported cell.
//! - A session is *held* when it was opened and at least one learner checked in before
//!   it closed; it counts in the month (KST) of its `SessionOpened`.
//! - Erased learners vanish from personal figures (per learner, class lists, flags);
//!   sums over learners keep their minutes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::month::YearMonth;
use crate::event::{Event, EventBody, KioskId, LearnerId, SessionId};
use crate::time::{kst, kst_date};

/// The longest one check-in interval can count.
pub const MAX_INTERVAL_MINUTES: i64 = 8 * 60;

/// The attendance facts of every session, kept in (kiosk_id, seq) order whatever order
/// they were applied in, so the figures do not depend on how kiosks' logs interleave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    sessions: BTreeMap<SessionId, SessionLog>,
    erased: BTreeSet<LearnerId>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct SessionLog {
    course_id: Option<String>,
    opened_at: Option<DateTime<Utc>>,
    /// Sorted by (kiosk_id, seq), no duplicates.
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Mark {
    kiosk_id: KioskId,
    seq: u64,
    at: DateTime<Utc>,
    kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum MarkKind {
    In(LearnerId),
    Out(LearnerId),
    Close,
}

/// Something odd the rules had to decide about; shown to the instructor and the county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceFlag {
    pub session_id: SessionId,
    pub learner_id: Option<LearnerId>,
    /// The event the flag is about.
    pub kiosk_id: KioskId,
    pub seq: u64,
    pub reason: FlagReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagReason {
    /// The check-out (or close) is timed before the check-in: counted 0.
    ClockWentBack,
    /// Longer than [`MAX_INTERVAL_MINUTES`]; counted that many. Holds the real length.
    Capped { minutes: i64 },
    /// A check-in or check-out after the session was closed: ignored.
    AfterClose,
}

/// One check-in interval as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interval {
    pub session_id: SessionId,
    pub course_id: Option<String>,
    pub learner_id: LearnerId,
    pub start: DateTime<Utc>,
    /// `None` while the learner is still in an open session.
    pub end: Option<DateTime<Utc>>,
}

/// A counted stretch of an interval (start, end) before the union.
type Counted<'a> = (DateTime<Utc>, DateTime<Utc>, &'a Interval);

/// A stretch of counted time after the union, attributed to one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub session_id: SessionId,
    pub course_id: Option<String>,
    pub learner_id: LearnerId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Segment {
    /// Seconds of the segment in each Korean calendar day it touches.
    pub fn seconds_by_kst_day(&self) -> Vec<(NaiveDate, i64)> {
        let mut out = Vec::new();
        let mut from = self.start;
        while from < self.end {
            let day = kst_date(from);
            let next_midnight = day
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|t| t.and_local_timezone(kst()).single())
                .map(|t| t.with_timezone(&Utc));
            let until = match next_midnight {
                Some(m) if m < self.end => m,
                _ => self.end,
            };
            out.push((day, (until - from).num_seconds()));
            from = until;
        }
        out
    }
}

impl Attendance {
    pub fn new() -> Attendance {
        Attendance::default()
    }

    /// Builds the projection; the events may come in any order.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Attendance {
        let mut a = Attendance::new();
        for e in events {
            a.apply(e);
        }
        a
    }

    /// Adds one event. Applying the same event twice is harmless.
    pub fn apply(&mut self, event: &Event) {
        let (session_id, kind) = match &event.body {
            EventBody::SessionOpened {
                session_id,
                course_id,
                ..
            } => {
                let log = self.sessions.entry(*session_id).or_default();
                log.course_id = Some(course_id.clone());
                log.opened_at = Some(event.at);
                return;
            }
            EventBody::LearnerErased { learner_id } => {
                self.erased.insert(*learner_id);
                return;
            }
            EventBody::SessionClosed { session_id } => (session_id, MarkKind::Close),
            EventBody::CheckedIn {
                session_id,
                learner_id,
            } => (session_id, MarkKind::In(*learner_id)),
            EventBody::CheckedOut {
                session_id,
                learner_id,
            } => (session_id, MarkKind::Out(*learner_id)),
            _ => return,
        };
        let marks = &mut self.sessions.entry(*session_id).or_default().marks;
        let key = (event.kiosk_id, event.seq);
        if let Err(pos) = marks.binary_search_by_key(&key, |m| (m.kiosk_id, m.seq)) {
            marks.insert(
                pos,
                Mark {
                    kiosk_id: event.kiosk_id,
                    seq: event.seq,
                    at: event.at,
                    kind,
                },
            );
        }
    }

    pub fn is_erased(&self, learner_id: LearnerId) -> bool {
        self.erased.contains(&learner_id)
    }

    /// The course of a session, once its `SessionOpened` is known.
    pub fn session_course(&self, session_id: SessionId) -> Option<&str> {
        self.sessions.get(&session_id)?.course_id.as_deref()
    }

    /// When the session was opened (the opening kiosk's clock), once that is known.
    /// An open session from an earlier day has been forgotten: its hours count only
    /// once it is closed.
    pub fn session_opened_at(&self, session_id: SessionId) -> Option<DateTime<Utc>> {
        self.sessions.get(&session_id)?.opened_at
    }

    /// Opened and not closed yet.
    pub fn is_open(&self, session_id: SessionId) -> bool {
        self.sessions.get(&session_id).is_some_and(|s| {
            s.opened_at.is_some() && !s.marks.iter().any(|m| m.kind == MarkKind::Close)
        })
    }

    /// Sessions opened and not closed, with their course.
    pub fn open_sessions(&self) -> Vec<(SessionId, &str)> {
        self.sessions
            .iter()
            .filter(|(id, _)| self.is_open(**id))
            .filter_map(|(id, s)| Some((*id, s.course_id.as_deref()?)))
            .collect()
    }

    /// Who is checked in to the session now, in check-in order (erased learners left out).
    pub fn class_list(&self, session_id: SessionId) -> Vec<LearnerId> {
        let Some(log) = self.sessions.get(&session_id) else {
            return Vec::new();
        };
        let mut present: Vec<LearnerId> = Vec::new();
        for m in &log.marks {
            match m.kind {
                MarkKind::In(l) if !present.contains(&l) => present.push(l),
                MarkKind::Out(l) => present.retain(|p| *p != l),
                MarkKind::Close => return Vec::new(),
                _ => {}
            }
        }
        present.retain(|l| !self.erased.contains(l));
        present
    }

    /// Everyone who checked in to the session at some point, in order of first check-in.
    pub fn attendees(&self, session_id: SessionId) -> Vec<LearnerId> {
        let mut seen = Vec::new();
        if let Some(log) = self.sessions.get(&session_id) {
            for m in &log.marks {
                if let MarkKind::In(l) = m.kind
                    && !seen.contains(&l)
                    && !self.erased.contains(&l)
                {
                    seen.push(l);
                }
            }
        }
        seen
    }

    /// Every interval of every session (erased learners included: use for counts only),
    /// with the flags the rules raised.
    fn pair(&self) -> (Vec<(Interval, i64)>, Vec<AttendanceFlag>) {
        let mut intervals = Vec::new();
        let mut flags = Vec::new();
        for (session_id, log) in &self.sessions {
            let mut open: BTreeMap<LearnerId, DateTime<Utc>> = BTreeMap::new();
            let mut closed = false;
            let finish = |learner_id: LearnerId,
                          start: DateTime<Utc>,
                          end: DateTime<Utc>,
                          m: &Mark,
                          intervals: &mut Vec<(Interval, i64)>,
                          flags: &mut Vec<AttendanceFlag>| {
                let real = (end - start).num_seconds();
                let counted = if real < 0 {
                    flags.push(flag(
                        *session_id,
                        Some(learner_id),
                        m,
                        FlagReason::ClockWentBack,
                    ));
                    0
                } else if real > MAX_INTERVAL_MINUTES * 60 {
                    let reason = FlagReason::Capped { minutes: real / 60 };
                    flags.push(flag(*session_id, Some(learner_id), m, reason));
                    MAX_INTERVAL_MINUTES * 60
                } else {
                    real
                };
                let interval = Interval {
                    session_id: *session_id,
                    course_id: log.course_id.clone(),
                    learner_id,
                    start,
                    end: Some(end),
                };
                intervals.push((interval, counted));
            };
            for m in &log.marks {
                match m.kind {
                    MarkKind::In(l) | MarkKind::Out(l) if closed => {
                        flags.push(flag(*session_id, Some(l), m, FlagReason::AfterClose));
                    }
                    MarkKind::In(l) => {
                        open.entry(l).or_insert(m.at);
                    }
                    MarkKind::Out(l) => {
                        if let Some(start) = open.remove(&l) {
                            finish(l, start, m.at, m, &mut intervals, &mut flags);
                        }
                    }
                    MarkKind::Close => {
                        if !closed {
                            for (l, start) in std::mem::take(&mut open) {
                                finish(l, start, m.at, m, &mut intervals, &mut flags);
                            }
                        }
                        closed = true;
                    }
                }
            }
            for (learner_id, start) in open {
                let interval = Interval {
                    session_id: *session_id,
                    course_id: log.course_id.clone(),
                    learner_id,
                    start,
                    end: None,
                };
                intervals.push((interval, 0));
            }
        }
        (intervals, flags)
    }

    /// Every check-in interval of the learner, counted or not.
    pub fn intervals(&self, learner_id: LearnerId) -> Vec<Interval> {
        if self.erased.contains(&learner_id) {
            return Vec::new();
        }
        self.pair()
            .0
            .into_iter()
            .map(|(i, _)| i)
            .filter(|i| i.learner_id == learner_id)
            .collect()
    }

    /// Every check-in interval of everyone, erased learners included, counted or not:
    /// when each learner was in class (self-study time leaves these out).
    pub fn all_intervals(&self) -> Vec<Interval> {
        self.pair().0.into_iter().map(|(i, _)| i).collect()
    }

    /// What the rules flagged (erased learners left out).
    pub fn flags(&self) -> Vec<AttendanceFlag> {
        let mut flags = self.pair().1;
        flags.retain(|f| f.learner_id.is_none_or(|l| !self.erased.contains(&l)));
        flags
    }

    /// The counted time of everyone (erased learners included), after the union over
    /// all of a learner's sessions: each minute once, in the session entered first.
    pub fn segments(&self) -> Vec<Segment> {
        self.union_by(|i| Some(i.learner_id))
    }

    /// The counted time per learner and course (erased learners included), after the
    /// union over the learner's sessions of that course only. A learner checked in to
    /// two courses' sessions at once counts for both courses, once in each.
    pub fn course_segments(&self) -> Vec<Segment> {
        self.union_by(|i| Some((i.learner_id, i.course_id.clone()?)))
    }

    /// Unions the counted part of the intervals of each group.
    fn union_by<K: Ord>(&self, group: impl Fn(&Interval) -> Option<K>) -> Vec<Segment> {
        let (intervals, _) = self.pair();
        let mut groups: BTreeMap<K, Vec<Counted>> = BTreeMap::new();
        for (interval, counted) in &intervals {
            if *counted > 0
                && let Some(key) = group(interval)
            {
                let end = interval.start + Duration::seconds(*counted);
                groups
                    .entry(key)
                    .or_default()
                    .push((interval.start, end, interval));
            }
        }
        let mut segments = Vec::new();
        for (_, mut list) in groups {
            list.sort_by_key(|(start, end, i)| (*start, *end, i.session_id));
            let mut covered: Option<DateTime<Utc>> = None;
            for (start, end, interval) in list {
                let from = covered.map_or(start, |c| c.max(start));
                if from < end {
                    segments.push(Segment {
                        session_id: interval.session_id,
                        course_id: interval.course_id.clone(),
                        learner_id: interval.learner_id,
                        start: from,
                        end,
                    });
                }
                covered = Some(covered.map_or(end, |c| c.max(end)));
            }
        }
        segments
    }

    fn personal(&self, segments: Vec<Segment>) -> impl Iterator<Item = Segment> + '_ {
        segments
            .into_iter()
            .filter(|s| !self.erased.contains(&s.learner_id))
    }

    /// Minutes per learner per Korean calendar month.
    pub fn minutes_by_month(&self) -> BTreeMap<LearnerId, BTreeMap<YearMonth, u32>> {
        let mut secs: BTreeMap<LearnerId, BTreeMap<YearMonth, i64>> = BTreeMap::new();
        for s in self.personal(self.segments()) {
            for (day, n) in s.seconds_by_kst_day() {
                *secs
                    .entry(s.learner_id)
                    .or_default()
                    .entry(YearMonth::of_date(day))
                    .or_default() += n;
            }
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

    /// Minutes per Korean calendar day of one learner.
    pub fn learner_minutes_by_day(&self, learner_id: LearnerId) -> BTreeMap<NaiveDate, u32> {
        let mut secs: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        for s in self
            .personal(self.segments())
            .filter(|s| s.learner_id == learner_id)
        {
            for (day, n) in s.seconds_by_kst_day() {
                *secs.entry(day).or_default() += n;
            }
        }
        secs.into_iter().map(|(d, s)| (d, minutes(s))).collect()
    }

    /// Minutes per learner per course (over the sessions of that course).
    pub fn minutes_by_course(&self) -> BTreeMap<LearnerId, BTreeMap<String, u32>> {
        let mut secs: BTreeMap<LearnerId, BTreeMap<String, i64>> = BTreeMap::new();
        for s in self.personal(self.course_segments()) {
            if let Some(course_id) = &s.course_id {
                *secs
                    .entry(s.learner_id)
                    .or_default()
                    .entry(course_id.clone())
                    .or_default() += (s.end - s.start).num_seconds();
            }
        }
        secs.into_iter()
            .map(|(l, courses)| {
                (
                    l,
                    courses.into_iter().map(|(c, s)| (c, minutes(s))).collect(),
                )
            })
            .collect()
    }

    /// Minutes of one learner in sessions of one course (certification hours).
    pub fn course_minutes(&self, learner_id: LearnerId, course_id: &str) -> u32 {
        let secs = self
            .personal(self.course_segments())
            .filter(|s| s.learner_id == learner_id && s.course_id.as_deref() == Some(course_id))
            .map(|s| (s.end - s.start).num_seconds())
            .sum();
        minutes(secs)
    }

    /// How many sessions were held, per course per month (the sessions themselves:
    /// `held_sessions`).
    pub fn held_session_counts(&self) -> BTreeMap<String, BTreeMap<YearMonth, u32>> {
        let mut out: BTreeMap<String, BTreeMap<YearMonth, u32>> = BTreeMap::new();
        for held in self.held_sessions() {
            *out.entry(held.course_id.to_string())
                .or_default()
                .entry(held.month)
                .or_default() += 1;
        }
        out
    }

    /// Every session held, with everyone who checked in before it closed (erased
    /// learners included: for counts only).
    pub fn held_sessions(&self) -> Vec<HeldSession<'_>> {
        let mut out = Vec::new();
        for (session_id, log) in &self.sessions {
            let (Some(course_id), Some(opened_at)) = (&log.course_id, log.opened_at) else {
                continue;
            };
            let mut attendees: Vec<LearnerId> = Vec::new();
            for m in &log.marks {
                match m.kind {
                    MarkKind::In(l) if !attendees.contains(&l) => attendees.push(l),
                    MarkKind::Close => break,
                    _ => {}
                }
            }
            if !attendees.is_empty() {
                out.push(HeldSession {
                    session_id: *session_id,
                    course_id,
                    month: YearMonth::of_instant(opened_at),
                    attendees,
                });
            }
        }
        out
    }
}

/// A session that was held: opened, and at least one learner checked in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSession<'a> {
    pub session_id: SessionId,
    pub course_id: &'a str,
    /// The Korean month of its `SessionOpened`.
    pub month: YearMonth,
    pub attendees: Vec<LearnerId>,
}

fn flag(
    session_id: SessionId,
    learner_id: Option<LearnerId>,
    m: &Mark,
    reason: FlagReason,
) -> AttendanceFlag {
    AttendanceFlag {
        session_id,
        learner_id,
        kiosk_id: m.kiosk_id,
        seq: m.seq,
        reason,
    }
}

/// Whole minutes, rounded down; never negative.
pub(crate) fn minutes(seconds: i64) -> u32 {
    u32::try_from(seconds.max(0) / 60).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::testkit::*;

    fn month(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn minutes_of(a: &Attendance, l: LearnerId) -> u32 {
        a.minutes_by_month()
            .get(&l)
            .map_or(0, |months| months.values().sum())
    }

    #[test]
    fn a_check_in_and_out_counts_the_minutes_between() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(11, 30), check_out(session(1), learner(1)))
            .at(t(12, 0), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 90);
        assert_eq!(a.course_minutes(learner(1), COURSE), 90);
        assert_eq!(a.minutes_by_course()[&learner(1)][COURSE], 90);
        assert!(a.flags().is_empty());
    }

    #[test]
    fn a_missing_check_out_ends_at_the_session_close() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(12, 0), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 120);
        assert!(a.class_list(session(1)).is_empty());
    }

    #[test]
    fn a_session_never_closed_is_not_counted_yet_but_lists_who_is_in() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 1), check_in(session(1), learner(2)))
            .at(t(10, 2), check_in(session(1), learner(3)))
            .at(t(10, 30), check_out(session(1), learner(2)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 0);
        assert_eq!(minutes_of(&a, learner(2)), 29);
        assert_eq!(a.class_list(session(1)), vec![learner(1), learner(3)]);
        assert_eq!(
            a.attendees(session(1)),
            vec![learner(1), learner(2), learner(3)]
        );
        assert!(a.is_open(session(1)));
        assert_eq!(a.open_sessions(), vec![(session(1), COURSE)]);
        assert_eq!(a.session_opened_at(session(1)), Some(t(9, 0)));
        let open_interval = &a.intervals(learner(1))[0];
        assert_eq!(open_interval.end, None);
    }

    #[test]
    fn re_checking_in_after_a_check_out_adds_a_second_interval() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 30), check_out(session(1), learner(1)))
            .at(t(11, 0), check_in(session(1), learner(1)))
            .at(t(11, 20), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 50);
        assert_eq!(a.intervals(learner(1)).len(), 2);
    }

    #[test]
    fn a_second_check_in_while_in_keeps_the_first() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 10), check_in(session(1), learner(1)))
            .at(t(11, 0), check_out(session(1), learner(1)))
            .at(t(11, 5), check_out(session(1), learner(1)))
            .at(t(12, 0), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 60);
        assert_eq!(a.class_list(session(1)), Vec::<LearnerId>::new());
    }

    #[test]
    fn overlapping_sessions_of_two_courses_count_each_minute_once_in_the_total_and_in_each_course()
    {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), open(session(2), "kiosk-order"))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 30), check_in(session(2), learner(1)))
            .at(t(11, 0), check_out(session(1), learner(1)))
            .at(t(11, 30), check_out(session(2), learner(1)))
            .at(t(12, 0), close(session(1)))
            .at(t(12, 0), close(session(2)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 90);
        // Per course, each course's own sessions count in full.
        assert_eq!(a.course_minutes(learner(1), COURSE), 60);
        assert_eq!(a.course_minutes(learner(1), "kiosk-order"), 60);
    }

    #[test]
    fn overlapping_sessions_on_two_kiosks_count_each_minute_once() {
        let mut a_log = Log::on(kiosk(1));
        a_log
            .at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(12, 0), close(session(1)));
        let mut b_log = Log::on(kiosk(2));
        b_log
            .at(t(9, 0), open(session(2), COURSE))
            .at(t(10, 30), check_in(session(2), learner(1)))
            .at(t(11, 0), check_out(session(2), learner(1)))
            .at(t(11, 0), close(session(2)));
        let a = Attendance::from_events(a_log.events.iter().chain(&b_log.events));
        assert_eq!(minutes_of(&a, learner(1)), 120);
        assert_eq!(a.course_minutes(learner(1), COURSE), 120);
    }

    #[test]
    fn a_session_across_midnight_is_split_between_the_two_korean_days_and_months() {
        let mut log = Log::new();
        log.at(kst_at(2026, 11, 30, 23, 0), open(session(1), COURSE))
            .at(
                kst_at(2026, 11, 30, 23, 15),
                check_in(session(1), learner(1)),
            )
            .at(kst_at(2026, 12, 1, 0, 40), close(session(1)));
        let a = Attendance::from_events(&log.events);
        let months = &a.minutes_by_month()[&learner(1)];
        assert_eq!(months[&month(2026, 11)], 45);
        assert_eq!(months[&month(2026, 12)], 40);
        let days = a.learner_minutes_by_day(learner(1));
        assert_eq!(days.values().copied().collect::<Vec<_>>(), vec![45, 40]);
        // The session itself was held in the month it was opened in.
        assert_eq!(a.held_session_counts()[COURSE][&month(2026, 11)], 1);
    }

    #[test]
    fn a_check_out_before_its_check_in_on_the_clock_counts_zero_and_is_flagged() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            // The kiosk clock was reset to an earlier time.
            .at(t(8, 0), check_out(session(1), learner(1)))
            .at(t(8, 30), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 0);
        let flags = a.flags();
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].reason, FlagReason::ClockWentBack);
        assert_eq!((flags[0].learner_id, flags[0].seq), (Some(learner(1)), 3));
    }

    #[test]
    fn an_interval_longer_than_the_cap_counts_the_cap_and_is_flagged() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(kst_at(2026, 11, 21, 9, 0), close(session(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), MAX_INTERVAL_MINUTES as u32);
        assert_eq!(a.flags()[0].reason, FlagReason::Capped { minutes: 24 * 60 });
    }

    #[test]
    fn check_ins_after_the_close_are_ignored_and_flagged() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), close(session(1)))
            .at(t(10, 5), check_in(session(1), learner(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(minutes_of(&a, learner(1)), 0);
        assert!(a.class_list(session(1)).is_empty());
        assert_eq!(a.flags()[0].reason, FlagReason::AfterClose);
    }

    #[test]
    fn pairing_follows_seq_even_when_events_arrive_shuffled() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(10, 40), check_out(session(1), learner(1)))
            .at(t(11, 0), check_in(session(1), learner(1)))
            .at(t(11, 10), close(session(1)));
        let mut shuffled = log.events.clone();
        shuffled.reverse();
        let a = Attendance::from_events(&shuffled);
        assert_eq!(a, Attendance::from_events(&log.events));
        assert_eq!(minutes_of(&a, learner(1)), 50);
    }

    #[test]
    fn applying_an_event_twice_changes_nothing() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(10, 0), check_in(session(1), learner(1)))
            .at(t(11, 0), close(session(1)));
        let once = Attendance::from_events(&log.events);
        let twice = Attendance::from_events(log.events.iter().chain(&log.events));
        assert_eq!(once, twice);
    }

    #[test]
    fn a_session_is_held_only_with_someone_checked_in_before_it_closed() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 5), close(session(1)))
            .at(t(9, 6), check_in(session(1), learner(1)))
            .at(t(10, 0), open(session(2), COURSE))
            .at(t(10, 1), check_in(session(2), learner(1)))
            .at(t(11, 0), open(session(3), COURSE))
            .at(t(11, 1), check_in(session(3), learner(2)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(a.held_session_counts()[COURSE][&month(2026, 11)], 2);
    }

    #[test]
    fn an_erased_learner_leaves_personal_figures_but_not_the_totals() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(9, 0), check_in(session(1), learner(2)))
            .at(t(10, 0), erased(learner(1)));
        let a = Attendance::from_events(&log.events);
        assert_eq!(a.class_list(session(1)), vec![learner(2)]);
        let mut log2 = log;
        log2.at(t(10, 0), close(session(1)));
        let a = Attendance::from_events(&log2.events);
        assert!(!a.minutes_by_month().contains_key(&learner(1)));
        assert!(a.intervals(learner(1)).is_empty());
        let total: i64 = a
            .segments()
            .iter()
            .map(|s| (s.end - s.start).num_minutes())
            .sum();
        assert_eq!(total, 120);
    }

    #[test]
    fn an_attendance_snapshot_round_trips_through_json() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(10, 0), erased(learner(2)));
        let a = Attendance::from_events(&log.events);
        let back: Attendance = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
}
