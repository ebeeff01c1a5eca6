//! Every lesson of every shipped course plays from its first step to its last in the lesson
//! player, done the right way: quizzes answered right, the correct hotspot tapped, the
//! phrase typed on the on-screen keyboard, the gesture made. No step may need the
//! "opens anyway after misses" escape to be passed.

use std::collections::HashSet;
use std::path::Path;

use baeumteo_core::course::{Direction, Gesture, StepKind, load_courses};
use baeumteo_core::event::EventBody;
use kiosk::hangul::keys_for;
use kiosk::player::{Advance, Feedback, LessonPlayer};
use uuid::Uuid;

/// Does the current step the right way and returns the feedback it must give.
fn do_step_right(p: &mut LessonPlayer) -> (Vec<EventBody>, Feedback) {
    let kind = p.step().expect("a step is showing").kind.clone();
    match kind {
        StepKind::Slide { .. } => (Vec::new(), Feedback::None),
        StepKind::Quiz { answer, .. } => {
            p.choose(answer);
            (p.check(), Feedback::QuizRight)
        }
        StepKind::Gesture { gesture, .. } => {
            let events = match gesture {
                Gesture::Tap | Gesture::LongPress => p.practice_hit(),
                Gesture::Swipe(direction) => {
                    let (dx, dy) = match direction {
                        Direction::Left => (-300.0, 0.0),
                        Direction::Right => (300.0, 0.0),
                        Direction::Up => (0.0, -300.0),
                        Direction::Down => (0.0, 300.0),
                    };
                    p.swipe(dx, dy)
                }
                Gesture::Drag { .. } => {
                    p.drag_pick();
                    p.drag_drop(true)
                }
            };
            (events, Feedback::PracticeDone)
        }
        StepKind::Simulation { hotspots, .. } => {
            let right = hotspots
                .iter()
                .position(|h| h.correct)
                .expect("the validator requires a correct hotspot");
            (p.hotspot(right), Feedback::PracticeDone)
        }
        StepKind::Typing { phrase, .. } => {
            let mut events = Vec::new();
            for key in keys_for(&phrase) {
                events.extend(p.key(key));
            }
            (events, Feedback::TypingDone)
        }
    }
}

#[test]
fn every_lesson_of_every_course_plays_from_first_step_to_last() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses");
    let set = load_courses(&dir);
    assert!(
        set.problems.is_empty(),
        "course problems: {:?}",
        set.problems
    );
    assert!(!set.courses.is_empty());
    let mut lessons_played = 0;
    for course in &set.courses {
        for lesson in &course.lessons {
            let where_ = |i: usize| format!("{}/{}/{}", course.id, lesson.id, lesson.steps[i].id);
            let mut p = LessonPlayer::new(
                Uuid::now_v7(),
                &course.id,
                lesson.clone(),
                0,
                HashSet::new(),
            );
            let mut completed_steps = Vec::new();
            let mut finished = false;
            for i in 0..lesson.steps.len() {
                assert_eq!(p.index(), i, "{}: the player skipped a step", where_(i));
                let (mut events, expected) = do_step_right(&mut p);
                assert_eq!(p.feedback(), &expected, "{}", where_(i));
                assert!(
                    p.can_next(),
                    "{}: done right, but 다음 stays shut",
                    where_(i)
                );
                let (advance, more) = p.go_next();
                events.extend(more);
                for e in &events {
                    match e {
                        EventBody::StepCompleted { step_id, .. } => {
                            completed_steps.push(step_id.clone())
                        }
                        EventBody::LessonCompleted { lesson_id, .. } => {
                            assert_eq!(lesson_id, &lesson.id);
                            finished = true;
                        }
                        EventBody::StepMissed { .. } => panic!("{}: a right try missed", where_(i)),
                        _ => {}
                    }
                }
                let last = i + 1 == lesson.steps.len();
                assert_eq!(
                    advance,
                    if last {
                        Advance::Finished
                    } else {
                        Advance::Step
                    },
                    "{}",
                    where_(i)
                );
            }
            let all: Vec<String> = lesson.steps.iter().map(|s| s.id.clone()).collect();
            assert_eq!(completed_steps, all, "{}/{}", course.id, lesson.id);
            assert!(finished, "{}/{} never completed", course.id, lesson.id);
            lessons_played += 1;
        }
    }
    let total: usize = set.courses.iter().map(|c| c.lessons.len()).sum();
    assert_eq!(lessons_played, total);
}
