//! Property tests of the projections: incremental application with snapshots equals a
//! whole replay; attendance minutes are bounded and do not depend on how kiosks' logs
//! interleave. Small case counts: CI has two cores.

use std::collections::BTreeMap;

use baeumteo_core::course::{CertificationTrack, Course, Lesson, Level, Step, StepKind};
use baeumteo_core::event::{
    Event, EventBody, KioskId, LearnerId, ServiceId, ServicePlace, SessionId,
};
use baeumteo_core::projection::{
    Attendance, MonthlySummary, Projections, log_order, monthly_summary, monthly_summary_by,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

const LESSONS: [&str; 3] = ["touch", "call", "exam"];
const STEPS: [&str; 4] = ["s1", "s2", "s3", "s4"];

fn kiosk(n: u8) -> KioskId {
    Uuid::from_u128(0xa000 + n as u128)
}

fn learner(n: u8) -> LearnerId {
    Uuid::from_u128(0xb000 + n as u128)
}

fn service(kiosk: u8, n: usize) -> ServiceId {
    Uuid::from_u128(0x5e00 + kiosk as u128 * 16 + n as u128)
}

fn session(kiosk: u8, n: u8) -> SessionId {
    Uuid::from_u128(0xc000 + ((kiosk as u128) << 8) + n as u128)
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap()
}

/// Appends events to per-kiosk logs with gap-free seqs.
#[derive(Default)]
struct Logs {
    seqs: BTreeMap<KioskId, u64>,
    events: Vec<Event>,
}

impl Logs {
    fn push(&mut self, kiosk_id: KioskId, at: DateTime<Utc>, body: EventBody) {
        let seq = self.seqs.entry(kiosk_id).or_default();
        *seq += 1;
        self.events.push(Event {
            id: Uuid::from_u128((kiosk_id.as_u128() << 32) + *seq as u128),
            kiosk_id,
            seq: *seq,
            at,
            body,
        });
    }
}

/// One random action of a mixed learning and attendance log.
#[derive(Debug, Clone)]
struct Action {
    kiosk: u8,
    learner: u8,
    kind: u8,
    lesson: usize,
    step: usize,
    flag: bool,
    /// Minutes the kiosk clock moves before this event; may be negative (clock reset).
    clock: i64,
}

fn action() -> impl Strategy<Value = Action> {
    (
        0..2u8,
        0..3u8,
        0..48u8,
        0..3usize,
        0..4usize,
        any::<bool>(),
        -30i64..90,
    )
        .prop_map(|(kiosk, learner, kind, lesson, step, flag, clock)| Action {
            kiosk,
            learner,
            kind,
            lesson,
            step,
            flag,
            clock,
        })
}

fn build(actions: &[Action]) -> Vec<Event> {
    let mut logs = Logs::default();
    let mut clocks: BTreeMap<u8, DateTime<Utc>> = BTreeMap::new();
    for a in actions {
        let clock = clocks.entry(a.kiosk).or_insert_with(base);
        *clock += Duration::minutes(a.clock);
        let at = *clock;
        let (l, course_id) = (learner(a.learner), "phone".to_string());
        let (lesson_id, step_id) = (LESSONS[a.lesson].to_string(), STEPS[a.step].to_string());
        let s = session(a.kiosk, (a.step % 2) as u8);
        let body = match a.kind {
            0..=9 => EventBody::StepCompleted {
                learner_id: l,
                course_id,
                lesson_id,
                step_id,
            },
            10..=13 => EventBody::StepMissed {
                learner_id: l,
                course_id,
                lesson_id,
                step_id,
            },
            14..=21 => EventBody::QuizAnswered {
                learner_id: l,
                course_id,
                lesson_id,
                step_id,
                choice: a.flag as u32,
                correct: a.flag,
            },
            22..=25 => EventBody::LessonCompleted {
                learner_id: l,
                course_id,
                lesson_id,
            },
            26..=27 => EventBody::SessionOpened {
                session_id: s,
                course_id: if a.flag { course_id } else { "other".into() },
                instructor_id: None,
            },
            28..=32 => EventBody::CheckedIn {
                session_id: s,
                learner_id: l,
            },
            33..=36 => EventBody::CheckedOut {
                session_id: s,
                learner_id: l,
            },
            37..=38 => EventBody::SessionClosed { session_id: s },
            39..=41 => EventBody::ActivistHoursLogged {
                learner_id: l,
                on: at.date_naive(),
                minutes: a.step as u32 * 30,
                activity: "센터 도우미".into(),
                course_id: a.flag.then_some(course_id),
            },
            42 => EventBody::CertificationIssued {
                certificate_no: format!("C-{}", a.step),
                learner_id: l,
                course_id,
                minutes: 600,
                verification_code: "CODE".into(),
                issued_by: None,
            },
            43 => EventBody::CertificateRevoked {
                certificate_no: format!("C-{}", a.step),
                reason: "잘못 발급".into(),
                revoked_by: None,
            },
            44..=45 => EventBody::ServiceLogged {
                service_id: service(a.kiosk, a.step),
                activist_id: l,
                on: at.date_naive(),
                start: at.time(),
                minutes: 30 + a.lesson as u32 * 45,
                place: ServicePlace::SeniorCenter,
                place_name: "경로당".into(),
                help: "사진 보내기".into(),
                residents: 2,
                learners: vec![],
                replaces: (a.flag && a.step > 0).then(|| service(a.kiosk, a.step - 1)),
                recorded_by: None,
            },
            46 => EventBody::ServiceConfirmed {
                service_id: service(a.kiosk, a.step),
                instructor_id: Uuid::from_u128(99),
            },
            _ => EventBody::LearnerErased { learner_id: l },
        };
        logs.push(kiosk(a.kiosk), at, body);
    }
    logs.events
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// (a) The kiosk snapshots its projections and continues with newer events: at any
    /// split points the result equals one replay of the whole log in seq order.
    #[test]
    fn incremental_projection_with_snapshots_equals_a_whole_replay(
        actions in prop::collection::vec(action(), 0..80),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
    ) {
        let mut events = build(&actions);
        log_order(&mut events);
        let whole = Projections::from_events(&events);

        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(events.len() + 1)).collect();
        cuts.push(events.len());
        cuts.sort_unstable();
        let mut projections = Projections::new();
        let mut from = 0;
        for cut in cuts {
            for e in &events[from..cut] {
                projections.apply(e);
            }
            from = cut;
            let snapshot = serde_json::to_string(&projections).unwrap();
            projections = serde_json::from_str(&snapshot).unwrap();
        }
        prop_assert_eq!(&projections, &whole);
    }
}

/// Merges the kiosks' logs in another order: each kiosk keeps its own order (as a sync
/// delivers it), the kiosks take turns as `pick` decides.
fn interleave(events: &[Event], pick: usize) -> Vec<Event> {
    let mut per_kiosk: BTreeMap<KioskId, Vec<Event>> = BTreeMap::new();
    for e in events {
        per_kiosk.entry(e.kiosk_id).or_default().push(e.clone());
    }
    let mut queues: Vec<std::collections::VecDeque<Event>> =
        per_kiosk.into_values().map(Into::into).collect();
    let mut merged = Vec::with_capacity(events.len());
    let mut pick = pick;
    while let Some(q) = {
        let live: Vec<usize> = (0..queues.len())
            .filter(|&i| !queues[i].is_empty())
            .collect();
        (!live.is_empty()).then(|| live[pick % live.len()])
    } {
        pick = pick.wrapping_mul(31).wrapping_add(7);
        merged.extend(queues[q].pop_front());
    }
    merged
}

proptest! {
    #![proptest_config(config())]

    /// Kiosks' logs reach a store interleaved in any way; the projections agree.
    #[test]
    fn projections_do_not_depend_on_how_kiosks_logs_interleave(
        actions in prop::collection::vec(action(), 0..80),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut events = build(&actions);
        log_order(&mut events);
        let whole = Projections::from_events(&events);
        let other = Projections::from_events(&interleave(&events, pick.index(1 << 16)));
        prop_assert_eq!(other, whole);
    }
}

/// One learner's interval in a generated session.
#[derive(Debug, Clone)]
struct Visit {
    learner: u8,
    /// Minutes after the previous visit of this learner in the session ended.
    gap: i64,
    minutes: i64,
    checked_out: bool,
}

#[derive(Debug, Clone)]
struct SessionPlan {
    kiosk: u8,
    course: bool,
    /// Minutes after the base instant (spreads sessions over days, across midnights).
    start: i64,
    visits: Vec<Visit>,
    closed: bool,
    /// Index of an event whose clock is set back, and by how many minutes.
    clock_jump: Option<(prop::sample::Index, i64)>,
}

fn session_plan() -> impl Strategy<Value = SessionPlan> {
    let visit = (0..4u8, 0i64..60, 0i64..600, any::<bool>()).prop_map(
        |(learner, gap, minutes, checked_out)| Visit {
            learner,
            gap,
            minutes,
            checked_out,
        },
    );
    (
        0..3u8,
        any::<bool>(),
        0i64..(3 * 24 * 60),
        prop::collection::vec(visit, 0..8),
        prop::bool::weighted(0.8),
        prop::option::weighted(0.2, (any::<prop::sample::Index>(), 1i64..300)),
    )
        .prop_map(
            |(kiosk, course, start, visits, closed, clock_jump)| SessionPlan {
                kiosk,
                course,
                start,
                visits,
                closed,
                clock_jump,
            },
        )
}

/// The kiosks' logs of the planned sessions, and per learner the wall-clock intervals
/// (as stamped on the events) that could count at most.
fn build_sessions(plans: &[SessionPlan]) -> (Vec<Event>, Bounds) {
    build_sessions_on(plans, 0)
}

/// As [`build_sessions`], on kiosks (and with session ids) numbered from `first`.
fn build_sessions_on(plans: &[SessionPlan], first: u8) -> (Vec<Event>, Bounds) {
    // Each kiosk's events happen in plan order: put them on a timeline first.
    let mut timeline: Vec<(u8, DateTime<Utc>, EventBody)> = Vec::new();
    let mut bounds: Bounds = BTreeMap::new();
    for (n, plan) in plans.iter().enumerate() {
        let s = session(first + plan.kiosk, first + n as u8);
        let t0 = base() + Duration::minutes(plan.start);
        let mut items: Vec<(DateTime<Utc>, EventBody)> = vec![(
            t0,
            EventBody::SessionOpened {
                session_id: s,
                course_id: if plan.course { "phone" } else { "other" }.into(),
                instructor_id: None,
            },
        )];
        let mut free: BTreeMap<u8, DateTime<Utc>> = BTreeMap::new();
        let mut open: Vec<(LearnerId, usize)> = Vec::new();
        let mut pending: Vec<(usize, usize, LearnerId)> = Vec::new();
        for v in &plan.visits {
            if open.iter().any(|(l, _)| *l == learner(v.learner)) {
                // Stays until the close: no later visit in this session.
                continue;
            }
            let since = free.get(&v.learner).copied().unwrap_or(t0);
            let start = since + Duration::minutes(v.gap);
            let l = learner(v.learner);
            items.push((
                start,
                EventBody::CheckedIn {
                    session_id: s,
                    learner_id: l,
                },
            ));
            let in_index = items.len() - 1;
            if v.checked_out {
                let end = start + Duration::minutes(v.minutes);
                items.push((
                    end,
                    EventBody::CheckedOut {
                        session_id: s,
                        learner_id: l,
                    },
                ));
                pending.push((in_index, items.len() - 1, l));
                free.insert(v.learner, end + Duration::minutes(1));
            } else {
                open.push((l, in_index));
            }
        }
        let last = items.iter().map(|(at, _)| *at).max().unwrap_or(t0);
        let close_index = plan.closed.then(|| {
            items.push((
                last + Duration::minutes(5),
                EventBody::SessionClosed { session_id: s },
            ));
            items.len() - 1
        });
        // Order by the real moment things happened (this is the seq order), then maybe
        // set one event's clock back.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| (items[i].0, i));
        let mut stamped: Vec<DateTime<Utc>> = items.iter().map(|(at, _)| *at).collect();
        if let Some((index, back)) = &plan.clock_jump {
            let i = index.index(items.len());
            stamped[i] -= Duration::minutes(*back);
        }
        let secs = |at: DateTime<Utc>| (at - base()).num_seconds();
        for (in_index, out, l) in &pending {
            bounds
                .entry(*l)
                .or_default()
                .push((secs(stamped[*in_index]), secs(stamped[*out])));
        }
        if let Some(close) = close_index {
            for (l, in_index) in &open {
                bounds
                    .entry(*l)
                    .or_default()
                    .push((secs(stamped[*in_index]), secs(stamped[close])));
            }
        }
        for i in order {
            timeline.push((first + plan.kiosk, stamped[i], items[i].1.clone()));
        }
    }
    let mut logs = Logs::default();
    for (k, at, body) in timeline {
        logs.push(kiosk(k), at, body);
    }
    (logs.events, bounds)
}

/// Per learner, the (start, end) seconds of each check-in interval as stamped.
type Bounds = BTreeMap<LearnerId, Vec<(i64, i64)>>;

/// Length in seconds of the union of intervals (empty or reversed ones count 0).
fn union_seconds(intervals: &[(i64, i64)]) -> i64 {
    let mut list: Vec<(i64, i64)> = intervals.iter().copied().filter(|(a, b)| b > a).collect();
    list.sort_unstable();
    let mut total = 0;
    let mut covered = i64::MIN;
    for (a, b) in list {
        let from = a.max(covered);
        if b > from {
            total += b - from;
        }
        covered = covered.max(b);
    }
    total
}

proptest! {
    #![proptest_config(config())]

    /// (b) Minutes are never negative, never more than the wall-clock union of the
    /// learner's check-in intervals, and the same however the kiosks' logs interleave.
    #[test]
    fn attendance_minutes_are_bounded_by_the_union_and_independent_of_interleaving(
        plans in prop::collection::vec(session_plan(), 1..6),
        shuffle in any::<prop::sample::Index>(),
    ) {
        let (events, bounds) = build_sessions(&plans);
        let attendance = Attendance::from_events(&events);

        for segment in attendance.segments() {
            prop_assert!(segment.end > segment.start);
        }
        let by_month = attendance.minutes_by_month();
        let by_course = attendance.minutes_by_course();
        for (l, months) in &by_month {
            let total: u64 = months.values().map(|m| *m as u64).sum();
            let bound = union_seconds(bounds.get(l).map_or(&[][..], Vec::as_slice)) / 60;
            prop_assert!(total as i64 <= bound, "{total} > {bound} minutes");
            // Each course counts its own sessions' union (two courses at once count once
            // in each), so each course is bounded, not their sum.
            for course_minutes in by_course.get(l).into_iter().flat_map(|c| c.values()) {
                prop_assert!(*course_minutes as i64 <= bound);
            }
        }

        // Another interleaving of the kiosks' logs, and a full reversal.
        let merged = interleave(&events, shuffle.index(1 << 16));
        let other = Attendance::from_events(&merged);
        prop_assert_eq!(&other, &attendance);
        prop_assert_eq!(other.minutes_by_month(), by_month);
        let reversed = Attendance::from_events(events.iter().rev());
        prop_assert_eq!(reversed.minutes_by_course(), by_course);
        prop_assert_eq!(reversed.held_session_counts(), attendance.held_session_counts());
    }
}

fn quiz(id: &str) -> Step {
    Step {
        id: id.into(),
        narration: None,
        kind: StepKind::Quiz {
            question: "?".into(),
            image: None,
            choices: vec!["가".into(), "나".into()],
            answer: 0,
            right: "맞아요".into(),
            wrong: "다시".into(),
            right_narration: None,
            wrong_narration: None,
        },
    }
}

/// A certification track: 2 hours, lesson "touch" completed, "exam" (4 quizzes) at 75 %.
fn track_course() -> Course {
    let lesson = |id: &str, steps: Vec<Step>| Lesson {
        id: id.into(),
        title: id.into(),
        summary: String::new(),
        minutes: 10,
        steps,
    };
    Course {
        id: "phone".into(),
        title: "스마트폰 첫걸음".into(),
        summary: String::new(),
        level: Level::Basic,
        minutes: 60,
        version: 1,
        prerequisites: Vec::new(),
        lessons: vec![
            lesson("touch", vec![quiz("t1")]),
            lesson("exam", vec![quiz("e1"), quiz("e2"), quiz("e3"), quiz("e4")]),
        ],
        certification: Some(CertificationTrack {
            required_hours: 2,
            required_lessons: vec!["touch".into()],
            assessments: vec!["exam".into()],
            pass_percent: 75,
        }),
        dir: "courses/phone".into(),
    }
}

/// Learning and activist facts of learner 0 on their own kiosk.
fn trainee_log(touch_done: bool, exam: &[bool], activist_minutes: u32) -> Vec<Event> {
    let mut logs = Logs::default();
    let k = kiosk(200);
    let l = learner(0);
    let course_id = || "phone".to_string();
    if touch_done {
        logs.push(
            k,
            base(),
            EventBody::LessonCompleted {
                learner_id: l,
                course_id: course_id(),
                lesson_id: "touch".into(),
            },
        );
    }
    for (step, right) in ["e1", "e2", "e3", "e4"].iter().zip(exam) {
        logs.push(
            k,
            base(),
            EventBody::QuizAnswered {
                learner_id: l,
                course_id: course_id(),
                lesson_id: "exam".into(),
                step_id: (*step).into(),
                choice: 0,
                correct: *right,
            },
        );
    }
    if !exam.is_empty() {
        logs.push(
            k,
            base(),
            EventBody::LessonCompleted {
                learner_id: l,
                course_id: course_id(),
                lesson_id: "exam".into(),
            },
        );
    }
    logs.push(
        k,
        base(),
        EventBody::ActivistHoursLogged {
            learner_id: l,
            on: base().date_naive(),
            minutes: activist_minutes,
            activity: "센터 도우미".into(),
            course_id: Some(course_id()),
        },
    );
    logs.events
}

proptest! {
    #![proptest_config(config())]

    /// (c) Adding attendance (more class sessions, of this course or another, on other
    /// kiosks) never takes a requirement away: an eligible trainee stays eligible.
    #[test]
    fn eligibility_is_monotone_in_attendance(
        before in prop::collection::vec(session_plan(), 0..4),
        added in prop::collection::vec(session_plan(), 1..4),
        touch_done in prop::bool::weighted(0.8),
        exam_taken in prop::bool::weighted(0.9),
        exam in prop::collection::vec(prop::bool::weighted(0.85), 4),
        activist_minutes in 0u32..200,
    ) {
        let course = track_course();
        let exam = if exam_taken { exam } else { Vec::new() };
        let trainee = trainee_log(touch_done, &exam, activist_minutes);
        let (sessions, _) = build_sessions(&before);
        let base_events = [trainee, sessions].concat();
        let (more, _) = build_sessions_on(&added, 100);
        let all = [base_events.clone(), more].concat();

        let was = Projections::from_events(&base_events).eligibility(learner(0), &course).unwrap();
        let now = Projections::from_events(&all).eligibility(learner(0), &course).unwrap();
        prop_assert!(now.hours.total_minutes() >= was.hours.total_minutes());
        prop_assert!(now.requirements_met().0 >= was.requirements_met().0);
        prop_assert!(!was.eligible() || now.eligible(), "{was:?} then {now:?}");
    }
}

proptest! {
    #![proptest_config(config())]

    /// Split by groups of learners, the monthly figures add up to the whole: learners,
    /// lessons and certificates exactly, minutes up to rounding, sessions at most once
    /// per group.
    #[test]
    fn monthly_figures_by_group_add_up_to_the_whole(
        actions in prop::collection::vec(action(), 0..80),
        plans in prop::collection::vec(session_plan(), 0..4),
    ) {
        let (sessions, _) = build_sessions_on(&plans, 50);
        let events = [build(&actions), sessions].concat();
        let whole = monthly_summary(&events);
        let by_group = monthly_summary_by(&events, |l| l.as_u128() % 2);
        let key = |s: &MonthlySummary| (s.course_id.clone(), s.month);
        for total in &whole {
            let parts: Vec<&MonthlySummary> = by_group
                .values()
                .flatten()
                .filter(|s| key(s) == key(total))
                .collect();
            let sum = |f: fn(&MonthlySummary) -> u32| parts.iter().map(|s| f(s)).sum::<u32>();
            prop_assert_eq!(sum(|s| s.learners), total.learners);
            prop_assert_eq!(sum(|s| s.lessons_completed), total.lessons_completed);
            prop_assert_eq!(sum(|s| s.certifications), total.certifications);
            prop_assert!(sum(|s| s.attendance_minutes) <= total.attendance_minutes);
            prop_assert!(sum(|s| s.attendance_minutes) + parts.len() as u32 >= total.attendance_minutes);
            prop_assert!(parts.iter().all(|s| s.sessions_held <= total.sessions_held));
            prop_assert!(sum(|s| s.sessions_held) >= total.sessions_held);
        }
        let parts: usize = by_group.values().map(Vec::len).sum();
        prop_assert!(parts >= whole.len());
    }
}
