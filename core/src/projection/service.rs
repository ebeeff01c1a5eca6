//! The service of 디지털 지역활동가: sessions they record, an instructor's confirmation,
//! corrections, and the confirmed minutes the county pays an allowance for.
//!
//! Rules:
//! - A `ServiceLogged` that `replaces` another supersedes it: the earlier session no
//!   longer counts, whatever order the two arrive in. When several corrections replace
//!   the same session (two kiosks at once), each is a session of its own until it is
//!   itself replaced; an overlap between them counts once (below).
//! - A session is *waiting* until a `ServiceConfirmed` names it, then *confirmed*. A
//!   correction starts waiting again: the instructor confirms what is now recorded.
//!   A confirmation that arrives before its session is kept and applies when it comes.
//! - Two sessions of one activist overlap when their times on the same day intersect.
//!   [`ServiceLog::overlapping`] finds the other session so the kiosk can refuse the new
//!   one with a message naming it. Sessions that overlap anyway (recorded on two kiosks
//!   before they synced) count once: minutes are the union of the day's intervals.
//! - Confirmed minutes count in the month of the session's day. A county may cap the
//!   paid hours per month ([`paid_minutes`]).
//! - An activist is active when they served in the last [`ACTIVE_DAYS`] days.
//! - Erased activists have no sessions in these views.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::month::YearMonth;
use crate::event::{Event, EventBody, InstructorId, KioskId, LearnerId, ServiceId, ServicePlace};

/// Served within this many days: an active activist.
pub const ACTIVE_DAYS: i64 = 90;

/// The longest session one record may hold (a whole day of service).
pub const MAX_SERVICE_MINUTES: u32 = 12 * 60;

/// One recorded service session, as its latest version says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSession {
    pub service_id: ServiceId,
    pub activist_id: LearnerId,
    pub on: NaiveDate,
    pub start: NaiveTime,
    pub minutes: u32,
    pub place: ServicePlace,
    pub place_name: String,
    pub help: String,
    pub residents: u32,
    pub learners: Vec<LearnerId>,
    pub replaces: Option<ServiceId>,
    pub recorded_by: Option<InstructorId>,
    pub kiosk_id: KioskId,
    pub seq: u64,
}

impl ServiceSession {
    /// Minutes from midnight of the start and of the end (capped at the day's end).
    fn span(&self) -> (u32, u32) {
        let start = self.start.hour() * 60 + self.start.minute();
        (start, (start + self.minutes).min(24 * 60))
    }

    /// The time the session ends ("14:30"), for messages.
    pub fn end(&self) -> NaiveTime {
        let (_, end) = self.span();
        NaiveTime::from_hms_opt(end / 60 % 24, end % 60, 0).unwrap_or(NaiveTime::MIN)
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceStatus {
    Waiting,
    Confirmed,
}

/// Minutes of one activist in one month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceMinutes {
    pub confirmed: u32,
    pub waiting: u32,
}

/// Every service session recorded, with confirmations and corrections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceLog {
    sessions: BTreeMap<ServiceId, ServiceSession>,
    /// Sessions some correction replaces.
    replaced: BTreeSet<ServiceId>,
    confirmed: BTreeMap<ServiceId, InstructorId>,
    erased: BTreeSet<LearnerId>,
}

impl ServiceLog {
    pub fn new() -> ServiceLog {
        ServiceLog::default()
    }

    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> ServiceLog {
        let mut log = ServiceLog::new();
        for e in events {
            log.apply(e);
        }
        log
    }

    /// Adds one event; any order, and the same event twice, give the same result.
    pub fn apply(&mut self, event: &Event) {
        match &event.body {
            EventBody::ServiceLogged {
                service_id,
                activist_id,
                on,
                start,
                minutes,
                place,
                place_name,
                help,
                residents,
                learners,
                replaces,
                recorded_by,
            } => {
                if let Some(old) = replaces {
                    self.replaced.insert(*old);
                }
                let session = ServiceSession {
                    service_id: *service_id,
                    activist_id: *activist_id,
                    on: *on,
                    start: *start,
                    minutes: (*minutes).min(MAX_SERVICE_MINUTES),
                    place: *place,
                    place_name: place_name.clone(),
                    help: help.clone(),
                    residents: *residents,
                    learners: learners.clone(),
                    replaces: *replaces,
                    recorded_by: *recorded_by,
                    kiosk_id: event.kiosk_id,
                    seq: event.seq,
                };
                // One id is one session; should two records share an id, the first in
                // (kiosk, seq) order is kept, whatever order they arrive in.
                let kept = self
                    .sessions
                    .entry(*service_id)
                    .or_insert_with(|| session.clone());
                if (session.kiosk_id, session.seq) < (kept.kiosk_id, kept.seq) {
                    *kept = session;
                }
            }
            EventBody::ServiceConfirmed {
                service_id,
                instructor_id,
            } => {
                self.confirmed.entry(*service_id).or_insert(*instructor_id);
            }
            EventBody::LearnerErased { learner_id } => {
                self.erased.insert(*learner_id);
            }
            _ => {}
        }
    }

    /// The sessions that count (not replaced), of activists not erased, by day and start.
    pub fn current(&self) -> impl Iterator<Item = &ServiceSession> {
        let mut out: Vec<&ServiceSession> = self
            .sessions
            .values()
            .filter(|s| !self.replaced.contains(&s.service_id))
            .filter(|s| !self.erased.contains(&s.activist_id))
            .collect();
        out.sort_by_key(|s| (s.on, s.start, s.service_id));
        out.into_iter()
    }

    /// One activist's current sessions, latest first (their own view).
    pub fn of_activist(&self, activist: LearnerId) -> Vec<&ServiceSession> {
        let mut out: Vec<_> = self
            .current()
            .filter(|s| s.activist_id == activist)
            .collect();
        out.reverse();
        out
    }

    pub fn session(&self, service_id: ServiceId) -> Option<&ServiceSession> {
        self.sessions.get(&service_id)
    }

    pub fn status(&self, service_id: ServiceId) -> ServiceStatus {
        if self.confirmed.contains_key(&service_id) {
            ServiceStatus::Confirmed
        } else {
            ServiceStatus::Waiting
        }
    }

    /// Current sessions waiting for an instructor, oldest first.
    pub fn waiting(&self) -> Vec<&ServiceSession> {
        self.current()
            .filter(|s| self.status(s.service_id) == ServiceStatus::Waiting)
            .collect()
    }

    /// A current session of the same activist that a new session on `on` from `start`
    /// for `minutes` would overlap, leaving out the one it replaces.
    pub fn overlapping(
        &self,
        activist: LearnerId,
        on: NaiveDate,
        start: NaiveTime,
        minutes: u32,
        replaces: Option<ServiceId>,
    ) -> Option<&ServiceSession> {
        let begin = start.hour() * 60 + start.minute();
        let end = (begin + minutes.min(MAX_SERVICE_MINUTES)).min(24 * 60);
        self.current().find(|s| {
            let (s_begin, s_end) = s.span();
            s.activist_id == activist
                && s.on == on
                && Some(s.service_id) != replaces
                && begin < s_end
                && s_begin < end
        })
    }

    /// Confirmed and waiting minutes per activist per month (overlaps counted once).
    pub fn minutes_by_month(&self) -> BTreeMap<LearnerId, BTreeMap<YearMonth, ServiceMinutes>> {
        // Per activist and day, the intervals (minutes from midnight) of each status.
        type Spans = Vec<(u32, u32)>;
        let mut days: BTreeMap<(LearnerId, NaiveDate), (Spans, Spans)> = BTreeMap::new();
        for s in self.current() {
            let day = days.entry((s.activist_id, s.on)).or_default();
            match self.status(s.service_id) {
                ServiceStatus::Confirmed => day.0.push(s.span()),
                ServiceStatus::Waiting => day.1.push(s.span()),
            }
        }
        let mut out: BTreeMap<LearnerId, BTreeMap<YearMonth, ServiceMinutes>> = BTreeMap::new();
        for ((activist, on), (confirmed, waiting)) in days {
            let confirmed_minutes = union_minutes(confirmed.iter().copied());
            // Waiting time not already covered by confirmed time.
            let all = union_minutes(confirmed.iter().chain(waiting.iter()).copied());
            let month = out
                .entry(activist)
                .or_default()
                .entry(YearMonth::of_date(on))
                .or_default();
            month.confirmed += confirmed_minutes;
            month.waiting += all - confirmed_minutes;
        }
        out
    }

    /// The day of an activist's latest current session.
    pub fn last_service(&self, activist: LearnerId) -> Option<NaiveDate> {
        self.current()
            .filter(|s| s.activist_id == activist)
            .map(|s| s.on)
            .max()
    }

    /// Served within [`ACTIVE_DAYS`] days before `today`.
    pub fn is_active(&self, activist: LearnerId, today: NaiveDate) -> bool {
        self.last_service(activist)
            .is_some_and(|last| (today - last).num_days() <= ACTIVE_DAYS && last <= today)
    }
}

/// The length of the union of `[start, end)` intervals, in minutes.
fn union_minutes(intervals: impl Iterator<Item = (u32, u32)>) -> u32 {
    let mut sorted: Vec<(u32, u32)> = intervals.filter(|(a, b)| a < b).collect();
    sorted.sort_unstable();
    let mut total = 0;
    let mut current: Option<(u32, u32)> = None;
    for (a, b) in sorted {
        current = match current {
            Some((ca, cb)) if a <= cb => Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += cb - ca;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    total + current.map_or(0, |(a, b)| b - a)
}

/// The minutes paid for a month: the confirmed minutes, up to the county's cap of paid
/// hours per month when it has one.
pub fn paid_minutes(confirmed: u32, cap_hours: Option<u32>) -> u32 {
    match cap_hours {
        Some(cap) => confirmed.min(cap.saturating_mul(60)),
        None => confirmed,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;

    const KIOSK: Uuid = Uuid::from_u128(1);
    const ACTIVIST: Uuid = Uuid::from_u128(10);
    const INSTRUCTOR: Uuid = Uuid::from_u128(20);

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn logged(
        seq: u64,
        id: u128,
        on: NaiveDate,
        start: NaiveTime,
        minutes: u32,
        replaces: Option<u128>,
    ) -> Event {
        event(
            seq,
            EventBody::ServiceLogged {
                service_id: Uuid::from_u128(id),
                activist_id: ACTIVIST,
                on,
                start,
                minutes,
                place: ServicePlace::SeniorCenter,
                place_name: "신기 경로당".into(),
                help: "카카오톡 사진 보내기".into(),
                residents: 3,
                learners: vec![],
                replaces: replaces.map(Uuid::from_u128),
                recorded_by: None,
            },
        )
    }

    fn confirmed(seq: u64, id: u128) -> Event {
        event(
            seq,
            EventBody::ServiceConfirmed {
                service_id: Uuid::from_u128(id),
                instructor_id: INSTRUCTOR,
            },
        )
    }

    fn event(seq: u64, body: EventBody) -> Event {
        Event {
            id: Uuid::now_v7(),
            kiosk_id: KIOSK,
            seq,
            at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
            body,
        }
    }

    fn month(log: &ServiceLog, y: i32, m: u32) -> ServiceMinutes {
        log.minutes_by_month()
            .get(&ACTIVIST)
            .and_then(|months| months.get(&YearMonth::new(y, m).unwrap()).copied())
            .unwrap_or_default()
    }

    #[test]
    fn only_confirmed_sessions_count_and_a_session_waits_until_confirmed() {
        let events = [
            logged(1, 1, day(3), time(10, 0), 120, None),
            logged(2, 2, day(5), time(14, 0), 90, None),
            confirmed(3, 1),
        ];
        let log = ServiceLog::from_events(&events);
        assert_eq!(
            month(&log, 2026, 11),
            ServiceMinutes {
                confirmed: 120,
                waiting: 90
            }
        );
        assert_eq!(log.status(Uuid::from_u128(1)), ServiceStatus::Confirmed);
        assert_eq!(log.waiting().len(), 1);
    }

    #[test]
    fn a_correction_replaces_the_session_and_waits_for_confirmation_again() {
        let events = [
            logged(1, 1, day(3), time(10, 0), 120, None),
            confirmed(2, 1),
            logged(3, 2, day(3), time(10, 0), 60, Some(1)),
        ];
        let log = ServiceLog::from_events(&events);
        assert_eq!(
            month(&log, 2026, 11),
            ServiceMinutes {
                confirmed: 0,
                waiting: 60
            }
        );
        assert_eq!(log.of_activist(ACTIVIST).len(), 1, "the old one is gone");
        let log = ServiceLog::from_events(&[events[0].clone(), events[2].clone(), confirmed(4, 2)]);
        assert_eq!(month(&log, 2026, 11).confirmed, 60);
    }

    #[test]
    fn arrival_order_does_not_change_the_minutes() {
        let events = vec![
            logged(1, 1, day(3), time(10, 0), 120, None),
            confirmed(2, 1),
            logged(3, 2, day(3), time(10, 0), 60, Some(1)),
            confirmed(4, 2),
            logged(5, 3, day(30), time(23, 0), 180, None),
            confirmed(6, 3),
        ];
        let forward = ServiceLog::from_events(&events);
        let backward = ServiceLog::from_events(events.iter().rev());
        assert_eq!(forward.minutes_by_month(), backward.minutes_by_month());
        assert_eq!(
            month(&forward, 2026, 11).confirmed,
            60 + 60,
            "a session past midnight ends at the day's end"
        );
    }

    #[test]
    fn an_overlapping_session_is_found_but_not_the_one_being_corrected() {
        let log = ServiceLog::from_events(&[logged(1, 1, day(3), time(10, 0), 120, None)]);
        let other = log.overlapping(ACTIVIST, day(3), time(11, 30), 60, None);
        assert_eq!(other.map(|s| s.service_id), Some(Uuid::from_u128(1)));
        assert_eq!(other.map(|s| s.end()), Some(time(12, 0)));
        assert!(
            log.overlapping(ACTIVIST, day(3), time(12, 0), 60, None)
                .is_none(),
            "back to back is not an overlap"
        );
        assert!(
            log.overlapping(ACTIVIST, day(4), time(11, 0), 60, None)
                .is_none()
        );
        assert!(
            log.overlapping(ACTIVIST, day(3), time(11, 0), 30, Some(Uuid::from_u128(1)))
                .is_none()
        );
        assert!(
            log.overlapping(Uuid::from_u128(11), day(3), time(11, 0), 30, None)
                .is_none(),
            "another activist"
        );
    }

    #[test]
    fn sessions_that_overlap_anyway_count_once() {
        let events = [
            logged(1, 1, day(3), time(10, 0), 120, None),
            logged(2, 2, day(3), time(11, 0), 120, None),
            confirmed(3, 1),
            confirmed(4, 2),
        ];
        assert_eq!(
            month(&ServiceLog::from_events(&events), 2026, 11).confirmed,
            180
        );
    }

    #[test]
    fn the_cap_limits_paid_minutes_and_no_cap_pays_everything() {
        assert_eq!(paid_minutes(50 * 60, Some(40)), 40 * 60);
        assert_eq!(paid_minutes(30 * 60, Some(40)), 30 * 60);
        assert_eq!(paid_minutes(50 * 60, None), 50 * 60);
    }

    #[test]
    fn an_activist_is_active_for_ninety_days_after_serving() {
        let log = ServiceLog::from_events(&[logged(1, 1, day(3), time(10, 0), 60, None)]);
        assert!(log.is_active(ACTIVIST, day(30)));
        assert!(log.is_active(ACTIVIST, day(3) + chrono::Days::new(90)));
        assert!(!log.is_active(ACTIVIST, day(3) + chrono::Days::new(91)));
        assert!(!log.is_active(Uuid::from_u128(11), day(30)));
    }

    #[test]
    fn an_erased_activist_has_no_sessions() {
        let events = [
            logged(1, 1, day(3), time(10, 0), 60, None),
            confirmed(2, 1),
            event(
                3,
                EventBody::LearnerErased {
                    learner_id: ACTIVIST,
                },
            ),
        ];
        let log = ServiceLog::from_events(&events);
        assert!(log.minutes_by_month().is_empty());
        assert!(log.of_activist(ACTIVIST).is_empty());
    }
}
