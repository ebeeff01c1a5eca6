//! Builders for the projections' unit tests: a kiosk log with gap-free seqs, Korean
//! clock times and a small course.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::course::{CertificationTrack, Course, Gesture, Lesson, Level, Step, StepKind};
use crate::event::{Event, EventBody, KioskId, LearnerId, SessionId};
use crate::time::kst;

pub const COURSE: &str = "phone";

pub fn kiosk(n: u128) -> KioskId {
    Uuid::from_u128(0xa000 + n)
}

pub fn learner(n: u128) -> LearnerId {
    Uuid::from_u128(0xb000 + n)
}

pub fn session(n: u128) -> SessionId {
    Uuid::from_u128(0xc000 + n)
}

/// An instant given in Korean time.
pub fn kst_at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    kst()
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// 2026-11-20 at hh:mm in Korea.
pub fn t(h: u32, mi: u32) -> DateTime<Utc> {
    kst_at(2026, 11, 20, h, mi)
}

/// One kiosk's log: seq is gap-free and follows the calls, whatever the clock says.
pub struct Log {
    pub kiosk_id: KioskId,
    pub events: Vec<Event>,
}

impl Log {
    pub fn new() -> Log {
        Log::on(kiosk(1))
    }

    pub fn on(kiosk_id: KioskId) -> Log {
        Log {
            kiosk_id,
            events: Vec::new(),
        }
    }

    pub fn at(&mut self, at: DateTime<Utc>, body: EventBody) -> &mut Log {
        let seq = self.events.len() as u64 + 1;
        self.events.push(Event {
            id: Uuid::from_u128((self.kiosk_id.as_u128() << 32) + seq as u128),
            kiosk_id: self.kiosk_id,
            seq,
            at,
            body,
        });
        self
    }
}

pub fn open(s: SessionId, course_id: &str) -> EventBody {
    EventBody::SessionOpened {
        session_id: s,
        course_id: course_id.into(),
        instructor_id: None,
    }
}

pub fn close(s: SessionId) -> EventBody {
    EventBody::SessionClosed { session_id: s }
}

pub fn check_in(s: SessionId, l: LearnerId) -> EventBody {
    EventBody::CheckedIn {
        session_id: s,
        learner_id: l,
    }
}

pub fn check_out(s: SessionId, l: LearnerId) -> EventBody {
    EventBody::CheckedOut {
        session_id: s,
        learner_id: l,
    }
}

pub fn step_done(l: LearnerId, lesson: &str, step: &str) -> EventBody {
    EventBody::StepCompleted {
        learner_id: l,
        course_id: COURSE.into(),
        lesson_id: lesson.into(),
        step_id: step.into(),
    }
}

pub fn missed(l: LearnerId, lesson: &str, step: &str) -> EventBody {
    EventBody::StepMissed {
        learner_id: l,
        course_id: COURSE.into(),
        lesson_id: lesson.into(),
        step_id: step.into(),
    }
}

pub fn answer(l: LearnerId, lesson: &str, step: &str, choice: u32, correct: bool) -> EventBody {
    EventBody::QuizAnswered {
        learner_id: l,
        course_id: COURSE.into(),
        lesson_id: lesson.into(),
        step_id: step.into(),
        choice,
        correct,
    }
}

pub fn lesson_done(l: LearnerId, lesson: &str) -> EventBody {
    EventBody::LessonCompleted {
        learner_id: l,
        course_id: COURSE.into(),
        lesson_id: lesson.into(),
    }
}

pub fn erased(l: LearnerId) -> EventBody {
    EventBody::LearnerErased { learner_id: l }
}

pub fn activist(l: LearnerId, on: NaiveDate, minutes: u32, course_id: Option<&str>) -> EventBody {
    EventBody::ActivistHoursLogged {
        learner_id: l,
        on,
        minutes,
        activity: "센터 도우미".into(),
        course_id: course_id.map(Into::into),
    }
}

pub fn help(l: Option<LearnerId>) -> EventBody {
    EventBody::HelpRequested {
        learner_id: l,
        course_id: Some(COURSE.into()),
        lesson_id: None,
        step_id: None,
    }
}

pub fn helped(l: Option<LearnerId>) -> EventBody {
    EventBody::HelpAnswered { learner_id: l }
}

fn slide(id: &str) -> Step {
    Step {
        id: id.into(),
        narration: None,
        kind: StepKind::Slide {
            text: "화면을 보세요".into(),
            image: None,
        },
    }
}

fn quiz(id: &str) -> Step {
    Step {
        id: id.into(),
        narration: None,
        kind: StepKind::Quiz {
            question: "어느 것일까요?".into(),
            image: None,
            choices: vec!["가".into(), "나".into()],
            answer: 0,
            right: "맞아요".into(),
            wrong: "다시 해 볼까요".into(),
            right_narration: None,
            wrong_narration: None,
        },
    }
}

fn gesture(id: &str) -> Step {
    Step {
        id: id.into(),
        narration: None,
        kind: StepKind::Gesture {
            text: "눌러 보세요".into(),
            gesture: Gesture::Tap,
            hint: None,
        },
    }
}

fn lesson(id: &str, steps: Vec<Step>) -> Lesson {
    Lesson {
        id: id.into(),
        title: id.into(),
        summary: String::new(),
        minutes: 10,
        steps,
    }
}

/// Lessons: touch = [intro (slide), tap (gesture), q1, q2 (quiz)], call = [c1 (slide),
/// c2 (quiz)], exam = [e1, e2, e3, e4 (quiz)]. A certification track: 2 hours, lesson
/// "touch" required, "exam" an assessment passed at 75 %.
pub fn course() -> Course {
    Course {
        id: COURSE.into(),
        title: "스마트폰 첫걸음".into(),
        summary: String::new(),
        level: Level::Basic,
        minutes: 60,
        version: 1,
        prerequisites: Vec::new(),
        lessons: vec![
            lesson(
                "touch",
                vec![slide("intro"), gesture("tap"), quiz("q1"), quiz("q2")],
            ),
            lesson("call", vec![slide("c1"), quiz("c2")]),
            lesson("exam", vec![quiz("e1"), quiz("e2"), quiz("e3"), quiz("e4")]),
        ],
        certification: Some(CertificationTrack {
            required_hours: 2,
            required_lessons: vec!["touch".into()],
            assessments: vec!["exam".into()],
            pass_percent: 75,
        }),
        dir: PathBuf::from("courses/phone"),
    }
}
