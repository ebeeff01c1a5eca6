//! Certification of 디지털 지역활동가 trainees, and their activity hours.
//!
//! Rules, for a course with a [`CertificationTrack`]:
//! - Hours: minutes of attendance in class sessions of that course (the attendance
//!   rules, see [`super::attendance`]) plus the minutes of every `ActivistHoursLogged`
//!   naming that course, against `required_hours` × 60.
//! - Every lesson of `required_lessons` completed at least once.
//! - Every lesson of `assessments` passed: the best attempt's score (see
//!   [`super::progress`]) at least `pass_percent`. An assessment lesson that is missing
//!   from the course or has no quiz step can never be passed (the validator should
//!   have caught it).
//! - Already certified: a `CertificationIssued` for the learner and course that no
//!   `CertificateRevoked` withdrew. A revoked certificate stays in the history (and
//!   `/verify` says it was revoked); a new one can then be issued with a new number.
//! - Activity hours for the county's allowance: `ActivistHoursLogged` minutes per
//!   activist per month of the day the activity happened (`on`), whatever the course.
//! - Erased learners have no eligibility, no certificate and no hours in these views.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attendance::Attendance;
use super::month::YearMonth;
use super::progress::Progress;
use crate::course::{CertificationTrack, Course};
use crate::event::{Event, EventBody, InstructorId, KioskId, LearnerId};

/// Activist hours logged and certificates issued.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certifications {
    logs: BTreeMap<LearnerId, Vec<ActivityLog>>,
    certificates: Vec<IssuedCertificate>,
    erased: BTreeSet<LearnerId>,
    /// By certificate number: the first revocation in (kiosk, seq) order.
    #[serde(default)]
    revoked: BTreeMap<String, Revocation>,
}

/// A certificate's withdrawal, as recorded by `CertificateRevoked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub reason: String,
    pub revoked_by: Option<InstructorId>,
    /// The revoking kiosk's clock.
    pub revoked_at: DateTime<Utc>,
    pub kiosk_id: KioskId,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ActivityLog {
    kiosk_id: KioskId,
    seq: u64,
    on: chrono::NaiveDate,
    minutes: u32,
    course_id: Option<String>,
}

/// A certificate as recorded by `CertificationIssued`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    pub certificate_no: String,
    pub learner_id: LearnerId,
    pub course_id: String,
    pub minutes: u32,
    pub verification_code: String,
    pub issued_by: Option<InstructorId>,
    /// The issuing kiosk's clock.
    pub issued_at: DateTime<Utc>,
    pub kiosk_id: KioskId,
    pub seq: u64,
}

impl Certifications {
    pub fn new() -> Certifications {
        Certifications::default()
    }

    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Certifications {
        let mut c = Certifications::new();
        for e in events {
            c.apply(e);
        }
        c
    }

    /// Adds one event. Kept in (kiosk, seq) order whatever order events arrive in;
    /// applying the same event twice is harmless.
    pub fn apply(&mut self, event: &Event) {
        let key = (event.kiosk_id, event.seq);
        match &event.body {
            EventBody::ActivistHoursLogged {
                learner_id,
                on,
                minutes,
                course_id,
                ..
            } => {
                let logs = self.logs.entry(*learner_id).or_default();
                if let Err(pos) = logs.binary_search_by_key(&key, |l| (l.kiosk_id, l.seq)) {
                    let log = ActivityLog {
                        kiosk_id: event.kiosk_id,
                        seq: event.seq,
                        on: *on,
                        minutes: *minutes,
                        course_id: course_id.clone(),
                    };
                    logs.insert(pos, log);
                }
            }
            EventBody::CertificationIssued {
                certificate_no,
                learner_id,
                course_id,
                minutes,
                verification_code,
                issued_by,
            } => {
                let certificates = &mut self.certificates;
                if let Err(pos) = certificates.binary_search_by_key(&key, |c| (c.kiosk_id, c.seq)) {
                    let certificate = IssuedCertificate {
                        certificate_no: certificate_no.clone(),
                        learner_id: *learner_id,
                        course_id: course_id.clone(),
                        minutes: *minutes,
                        verification_code: verification_code.clone(),
                        issued_by: *issued_by,
                        issued_at: event.at,
                        kiosk_id: event.kiosk_id,
                        seq: event.seq,
                    };
                    certificates.insert(pos, certificate);
                }
            }
            EventBody::CertificateRevoked {
                certificate_no,
                reason,
                revoked_by,
            } => {
                let revocation = Revocation {
                    reason: reason.clone(),
                    revoked_by: *revoked_by,
                    revoked_at: event.at,
                    kiosk_id: event.kiosk_id,
                    seq: event.seq,
                };
                let kept = self
                    .revoked
                    .entry(certificate_no.clone())
                    .or_insert_with(|| revocation.clone());
                if (revocation.kiosk_id, revocation.seq) < (kept.kiosk_id, kept.seq) {
                    *kept = revocation;
                }
            }
            EventBody::LearnerErased { learner_id } => {
                self.erased.insert(*learner_id);
            }
            _ => {}
        }
    }

    /// Whether (and how) a certificate was revoked.
    pub fn revocation(&self, certificate_no: &str) -> Option<&Revocation> {
        self.revoked.get(certificate_no)
    }

    /// Logged minutes of an activist that count towards a course.
    pub fn course_minutes(&self, learner_id: LearnerId, course_id: &str) -> u32 {
        if self.erased.contains(&learner_id) {
            return 0;
        }
        self.logs.get(&learner_id).map_or(0, |logs| {
            logs.iter()
                .filter(|l| l.course_id.as_deref() == Some(course_id))
                .fold(0u32, |sum, l| sum.saturating_add(l.minutes))
        })
    }

    /// Activity minutes per activist per month, for the county's allowance processing.
    pub fn minutes_by_month(&self) -> BTreeMap<LearnerId, BTreeMap<YearMonth, u32>> {
        let mut out: BTreeMap<LearnerId, BTreeMap<YearMonth, u32>> = BTreeMap::new();
        for (learner_id, logs) in &self.logs {
            if self.erased.contains(learner_id) {
                continue;
            }
            let months = out.entry(*learner_id).or_default();
            for log in logs {
                let m = months.entry(YearMonth::of_date(log.on)).or_default();
                *m = m.saturating_add(log.minutes);
            }
        }
        out
    }

    /// Every certificate issued, in (kiosk, seq) order, erased learners left out.
    pub fn certificates(&self) -> impl Iterator<Item = &IssuedCertificate> {
        self.certificates
            .iter()
            .filter(|c| !self.erased.contains(&c.learner_id))
    }

    /// The learner's certificate of a course that stands (not revoked): after a
    /// revocation a new one may be issued, with a new number.
    pub fn certificate(
        &self,
        learner_id: LearnerId,
        course_id: &str,
    ) -> Option<&IssuedCertificate> {
        self.certificates().find(|c| {
            c.learner_id == learner_id
                && c.course_id == course_id
                && !self.revoked.contains_key(&c.certificate_no)
        })
    }

    /// Looks a certificate up by its number (for `/verify` and `kiosk certificate`).
    pub fn by_number(&self, certificate_no: &str) -> Option<&IssuedCertificate> {
        self.certificates()
            .find(|c| c.certificate_no == certificate_no)
    }
}

/// Where a trainee stands against a certification track: each requirement with its
/// figures, so the screen can say "14 / 20 시간".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    pub learner_id: LearnerId,
    pub course_id: String,
    pub hours: HoursRequirement,
    pub lessons: Vec<LessonRequirement>,
    pub assessments: Vec<AssessmentRequirement>,
    /// Set when a certificate was issued already.
    pub certificate: Option<IssuedCertificate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursRequirement {
    /// Minutes in class sessions of the course.
    pub attended_minutes: u32,
    /// Minutes of logged activist activity for the course.
    pub activist_minutes: u32,
    pub required_minutes: u32,
}

impl HoursRequirement {
    pub fn total_minutes(&self) -> u32 {
        self.attended_minutes.saturating_add(self.activist_minutes)
    }

    /// Whole hours counted so far (rounded down), for "14 / 20 시간".
    pub fn hours(&self) -> u32 {
        self.total_minutes() / 60
    }

    pub fn required_hours(&self) -> u32 {
        self.required_minutes / 60
    }

    pub fn met(&self) -> bool {
        self.total_minutes() >= self.required_minutes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonRequirement {
    pub lesson_id: String,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRequirement {
    pub lesson_id: String,
    /// The best finished attempt's score, if any.
    pub best_percent: Option<u32>,
    pub pass_percent: u32,
}

impl AssessmentRequirement {
    pub fn passed(&self) -> bool {
        self.best_percent.is_some_and(|p| p >= self.pass_percent)
    }
}

impl Eligibility {
    /// Every requirement is met (whether or not a certificate was issued already).
    pub fn eligible(&self) -> bool {
        let (met, total) = self.requirements_met();
        met == total
    }

    pub fn certified(&self) -> bool {
        self.certificate.is_some()
    }

    /// Whether the learner is a trainee of the track: whoever has attended, learned or
    /// logged hours on it, or holds its certificate.
    pub fn is_trainee(&self) -> bool {
        self.hours.total_minutes() > 0
            || self.lessons.iter().any(|l| l.completed)
            || self.certificate.is_some()
    }

    /// (requirements met, requirements in all): hours count as one, each lesson and
    /// each assessment as one.
    pub fn requirements_met(&self) -> (usize, usize) {
        let total = 1 + self.lessons.len() + self.assessments.len();
        let met = usize::from(self.hours.met())
            + self.lessons.iter().filter(|l| l.completed).count()
            + self.assessments.iter().filter(|a| a.passed()).count();
        (met, total)
    }
}

/// Eligibility of a learner for a certification-track course; `None` when the course is
/// not a certification track or the learner was erased.
pub fn eligibility(
    progress: &Progress,
    attendance: &Attendance,
    certifications: &Certifications,
    learner_id: LearnerId,
    course: &Course,
) -> Option<Eligibility> {
    let track: &CertificationTrack = course.certification.as_ref()?;
    if progress.is_erased(learner_id) || attendance.is_erased(learner_id) {
        return None;
    }
    let hours = HoursRequirement {
        attended_minutes: attendance.course_minutes(learner_id, &course.id),
        activist_minutes: certifications.course_minutes(learner_id, &course.id),
        required_minutes: track.required_hours.saturating_mul(60),
    };
    let lessons = track
        .required_lessons
        .iter()
        .map(|lesson_id| LessonRequirement {
            lesson_id: lesson_id.clone(),
            completed: progress.lesson_completed(learner_id, &course.id, lesson_id),
        })
        .collect();
    let assessments = track
        .assessments
        .iter()
        .map(|lesson_id| AssessmentRequirement {
            lesson_id: lesson_id.clone(),
            best_percent: course.lesson(lesson_id).and_then(|lesson| {
                progress
                    .lesson(learner_id, &course.id, lesson_id)?
                    .best_score(lesson)
            }),
            pass_percent: track.pass_percent,
        })
        .collect();
    Some(Eligibility {
        learner_id,
        course_id: course.id.clone(),
        hours,
        lessons,
        assessments,
        certificate: certifications.certificate(learner_id, &course.id).cloned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::Projections;
    use crate::projection::testkit::*;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// Completes "touch" and passes "exam" with 3 of 4 (75 %).
    fn lessons_and_exam(log: &mut Log, l: LearnerId) {
        log.at(t(10, 0), lesson_done(l, "touch"));
        for (step, right) in [("e1", true), ("e2", true), ("e3", true), ("e4", false)] {
            log.at(t(10, 5), answer(l, "exam", step, 0, right));
        }
        log.at(t(10, 9), lesson_done(l, "exam"));
    }

    fn eligibility_of(log: &Log) -> Eligibility {
        Projections::from_events(&log.events)
            .eligibility(learner(1), &course())
            .unwrap()
    }

    #[test]
    fn attendance_and_activist_hours_add_up_towards_the_required_hours() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(10, 30), check_out(session(1), learner(1)))
            .at(t(11, 0), activist(learner(1), day(20), 20, Some(COURSE)))
            .at(t(11, 0), activist(learner(1), day(20), 600, None))
            .at(t(11, 0), activist(learner(1), day(20), 600, Some("other")));
        let e = eligibility_of(&log);
        assert_eq!(e.hours.attended_minutes, 90);
        assert_eq!(e.hours.activist_minutes, 20);
        assert_eq!((e.hours.hours(), e.hours.required_hours()), (1, 2));
        assert!(!e.hours.met());
        log.at(t(11, 0), activist(learner(1), day(21), 10, Some(COURSE)));
        assert!(eligibility_of(&log).hours.met());
    }

    #[test]
    fn a_trainee_is_whoever_has_hours_or_a_lesson_on_the_track() {
        let mut log = Log::new();
        assert!(!eligibility_of(&log).is_trainee());
        log.at(t(9, 0), lesson_done(learner(1), "touch"));
        assert!(eligibility_of(&log).is_trainee());
        let mut log = Log::new();
        log.at(t(9, 0), activist(learner(1), day(20), 30, Some(COURSE)));
        assert!(eligibility_of(&log).is_trainee());
    }

    #[test]
    fn every_requirement_met_makes_the_learner_eligible() {
        let mut log = Log::new();
        log.at(t(9, 0), activist(learner(1), day(20), 120, Some(COURSE)));
        lessons_and_exam(&mut log, learner(1));
        let e = eligibility_of(&log);
        assert_eq!(e.assessments[0].best_percent, Some(75));
        assert!(e.assessments[0].passed());
        assert!(e.lessons[0].completed);
        assert_eq!(e.requirements_met(), (3, 3));
        assert!(e.eligible());
        assert!(!e.certified());
    }

    #[test]
    fn a_missing_lesson_or_a_failed_assessment_is_listed_as_unmet() {
        let mut log = Log::new();
        log.at(t(9, 0), activist(learner(1), day(20), 120, Some(COURSE)));
        for step in ["e1", "e2", "e3", "e4"] {
            log.at(t(10, 5), answer(learner(1), "exam", step, 0, step == "e1"));
        }
        log.at(t(10, 9), lesson_done(learner(1), "exam"));
        let e = eligibility_of(&log);
        assert_eq!(e.assessments[0].best_percent, Some(25));
        assert!(!e.assessments[0].passed());
        assert!(!e.lessons[0].completed);
        assert_eq!(e.requirements_met(), (1, 3));
        assert!(!e.eligible());
    }

    #[test]
    fn an_issued_certificate_shows_as_certified() {
        let mut log = Log::new();
        log.at(
            t(12, 0),
            EventBody::CertificationIssued {
                certificate_no: "2026-0001".into(),
                learner_id: learner(1),
                course_id: COURSE.into(),
                minutes: 1200,
                verification_code: "K7Q2".into(),
                issued_by: None,
            },
        );
        let e = eligibility_of(&log);
        assert!(e.certified());
        assert_eq!(e.certificate.unwrap().certificate_no, "2026-0001");
        let c = Certifications::from_events(&log.events);
        assert_eq!(c.by_number("2026-0001").unwrap().learner_id, learner(1));
    }

    #[test]
    fn a_revoked_certificate_stays_in_the_history_and_a_new_one_can_be_issued() {
        let issued = |no: &str| EventBody::CertificationIssued {
            certificate_no: no.into(),
            learner_id: learner(1),
            course_id: COURSE.into(),
            minutes: 1200,
            verification_code: "K7Q2".into(),
            issued_by: None,
        };
        let mut log = Log::new();
        log.at(t(12, 0), issued("2026-0001")).at(
            t(13, 0),
            EventBody::CertificateRevoked {
                certificate_no: "2026-0001".into(),
                reason: "다른 분 이름으로 발급".into(),
                revoked_by: None,
            },
        );
        assert!(!eligibility_of(&log).certified(), "revoked: not certified");
        let c = Certifications::from_events(&log.events);
        assert!(c.by_number("2026-0001").is_some(), "kept for /verify");
        let revocation = c.revocation("2026-0001").unwrap();
        assert_eq!(revocation.reason, "다른 분 이름으로 발급");
        assert_eq!(revocation.revoked_at, t(13, 0));
        log.at(t(14, 0), issued("2026-0002"));
        let e = eligibility_of(&log);
        assert_eq!(e.certificate.unwrap().certificate_no, "2026-0002");
        let c = Certifications::from_events(&log.events);
        assert_eq!(c.certificates().count(), 2);
        assert!(c.revocation("2026-0002").is_none());
    }

    #[test]
    fn a_course_without_a_certification_track_has_no_eligibility() {
        let mut c = course();
        c.certification = None;
        let p = Projections::new();
        assert_eq!(p.eligibility(learner(1), &c), None);
    }

    #[test]
    fn activity_minutes_are_summed_per_activist_per_month_of_the_activity() {
        let mut log = Log::new();
        log.at(t(9, 0), activist(learner(1), day(29), 90, None))
            .at(t(9, 0), activist(learner(1), day(30), 30, Some(COURSE)))
            .at(
                t(9, 0),
                activist(
                    learner(1),
                    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                    45,
                    None,
                ),
            )
            .at(t(9, 0), activist(learner(2), day(1), 60, None))
            .at(t(9, 1), erased(learner(2)));
        let by_month = Certifications::from_events(&log.events).minutes_by_month();
        let nov = YearMonth::new(2026, 11).unwrap();
        let dec = YearMonth::new(2026, 12).unwrap();
        assert_eq!(by_month[&learner(1)][&nov], 120);
        assert_eq!(by_month[&learner(1)][&dec], 45);
        assert!(!by_month.contains_key(&learner(2)));
    }

    #[test]
    fn an_erased_learner_has_no_eligibility() {
        let mut log = Log::new();
        lessons_and_exam(&mut log, learner(1));
        log.at(t(12, 0), erased(learner(1)));
        let p = Projections::from_events(&log.events);
        assert_eq!(p.eligibility(learner(1), &course()), None);
    }
}
