use baeumteo_core::course::Hotspot;
use uuid::Uuid;

use super::*;

fn step(id: &str, kind: StepKind) -> Step {
    Step {
        id: id.into(),
        narration: None,
        kind,
    }
}

fn lesson() -> Lesson {
    Lesson {
        id: "touch".into(),
        title: "화면 누르기".into(),
        summary: "눌렀어요".into(),
        minutes: 5,
        steps: vec![
            step(
                "intro",
                StepKind::Slide {
                    text: "안녕하세요".into(),
                    image: None,
                },
            ),
            step(
                "quiz",
                StepKind::Quiz {
                    question: "어떻게 누를까요?".into(),
                    image: None,
                    choices: vec!["세게".into(), "가볍게".into()],
                    answer: 1,
                    right: "맞아요".into(),
                    wrong: "다시".into(),
                    right_narration: Some("audio/quiz-right.ogg".into()),
                    wrong_narration: Some("audio/quiz-wrong.ogg".into()),
                },
            ),
            step(
                "swipe",
                StepKind::Gesture {
                    text: "왼쪽으로 밀어 보세요".into(),
                    gesture: Gesture::Swipe(Direction::Left),
                    hint: Some("천천히 미세요".into()),
                },
            ),
            step(
                "sim",
                StepKind::Simulation {
                    text: "포장을 누르세요".into(),
                    screen_title: None,
                    image: None,
                    hint: None,
                    hotspots: vec![
                        Hotspot {
                            label: "매장".into(),
                            x: 0.1,
                            y: 0.5,
                            w: 0.3,
                            h: 0.3,
                            correct: false,
                            hint: Some("가게 안에서 먹을 때".into()),
                        },
                        Hotspot {
                            label: "포장".into(),
                            x: 0.6,
                            y: 0.5,
                            w: 0.3,
                            h: 0.3,
                            correct: true,
                            hint: None,
                        },
                    ],
                },
            ),
            step(
                "type",
                StepKind::Typing {
                    text: "한글을 써 보세요".into(),
                    phrase: "한글".into(),
                },
            ),
        ],
    }
}

fn player() -> LessonPlayer {
    LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 0, HashSet::new())
}

fn kinds(events: &[EventBody]) -> Vec<&'static str> {
    events.iter().map(|e| e.kind()).collect()
}

#[test]
fn a_whole_lesson_records_every_step_each_answer_and_the_completion() {
    let mut p = player();
    let mut all = Vec::new();
    let (a, e) = p.go_next();
    assert_eq!(a, Advance::Step);
    all.extend(e);
    // quiz: wrong, then right
    p.choose(0);
    all.extend(p.check());
    assert_eq!(p.feedback(), &Feedback::QuizWrong);
    assert!(!p.can_next());
    p.choose(1);
    all.extend(p.check());
    assert_eq!(p.feedback(), &Feedback::QuizRight);
    all.extend(p.go_next().1);
    // swipe: the wrong way, then right
    all.extend(p.swipe(300.0, 0.0));
    all.extend(p.swipe(-300.0, 10.0));
    all.extend(p.go_next().1);
    // simulation: a wrong hotspot gives its own hint
    all.extend(p.hotspot(0));
    assert_eq!(
        p.feedback(),
        &Feedback::Hint(Some("가게 안에서 먹을 때".into()))
    );
    all.extend(p.hotspot(1));
    all.extend(p.go_next().1);
    // typing
    for k in "ㅎㅏㄴㄱㅡㄹ".chars() {
        all.extend(p.key(k));
    }
    assert_eq!(p.typed(), "한글");
    assert!(p.is_last());
    let (a, e) = p.go_next();
    assert_eq!(a, Advance::Finished);
    all.extend(e);
    assert_eq!(
        kinds(&all),
        vec![
            "step_completed",
            "quiz_answered",
            "quiz_answered",
            "step_completed",
            "step_missed",
            "step_completed",
            "step_missed",
            "step_completed",
            "step_completed",
            "lesson_completed",
        ]
    );
    let answers: Vec<_> = all
        .iter()
        .filter_map(|e| match e {
            EventBody::QuizAnswered {
                choice, correct, ..
            } => Some((*choice, *correct)),
            _ => None,
        })
        .collect();
    assert_eq!(answers, vec![(0, false), (1, true)]);
}

#[test]
fn quiz_feedback_is_read_aloud_from_the_right_or_wrong_file_after_each_answer() {
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 1, HashSet::new());
    assert_eq!(p.feedback_narration(), None, "nothing before an answer");
    p.choose(1);
    assert_eq!(p.feedback_narration(), None, "selecting is not answering");
    p.choose(0);
    p.check();
    assert_eq!(
        p.feedback_narration(),
        Some(Path::new("audio/quiz-wrong.ogg"))
    );
    p.choose(1);
    p.check();
    assert_eq!(
        p.feedback_narration(),
        Some(Path::new("audio/quiz-right.ogg"))
    );
    p.go_next();
    assert_eq!(p.feedback_narration(), None, "the next step starts quiet");
}

#[test]
fn next_stays_closed_on_an_unsolved_practice_until_it_is_done_or_tried_three_times() {
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 2, HashSet::new());
    assert_eq!(p.go_next().0, Advance::NotYet);
    p.swipe(0.0, 300.0);
    p.swipe(0.0, 300.0);
    assert!(!p.can_next());
    p.swipe(10.0, 0.0);
    assert!(p.can_next());
}

#[test]
fn a_gesture_hint_appears_only_after_repeated_misses() {
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 2, HashSet::new());
    p.swipe(0.0, 0.0);
    assert_eq!(p.feedback(), &Feedback::Hint(None));
    p.swipe(0.0, 0.0);
    assert_eq!(p.feedback(), &Feedback::Hint(Some("천천히 미세요".into())));
}

#[test]
fn a_step_completed_before_can_be_passed_again_without_redoing_it() {
    let done: HashSet<String> = ["quiz".to_string()].into();
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 1, done);
    assert!(p.can_next());
    assert_eq!(p.go_next().0, Advance::Step);
}

#[test]
fn going_back_records_nothing_and_shows_the_step_fresh() {
    let mut p = player();
    p.go_next();
    p.choose(1);
    p.check();
    p.previous();
    assert_eq!(p.index(), 0);
    p.go_next();
    assert_eq!(p.selected_choice(), None);
    assert_eq!(p.feedback(), &Feedback::None);
}

#[test]
fn a_practice_is_recorded_once_even_when_done_and_then_passed_with_next() {
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 3, HashSet::new());
    let hit = p.hotspot(1);
    assert_eq!(kinds(&hit), vec!["step_completed"]);
    assert!(p.hotspot(1).is_empty());
    let (_, e) = p.go_next();
    assert!(e.is_empty());
}

#[test]
fn drag_by_tapping_object_then_zone_counts_and_a_drop_beside_the_zone_is_a_miss() {
    let mut l = lesson();
    l.steps[2] = step(
        "drag",
        StepKind::Gesture {
            text: "옮겨 보세요".into(),
            gesture: Gesture::Drag {
                target: "휴지통".into(),
            },
            hint: None,
        },
    );
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", l, 2, HashSet::new());
    assert_eq!(kinds(&p.drag_drop(false)), vec!["step_missed"]);
    p.drag_pick();
    assert!(p.drag_picked());
    assert_eq!(kinds(&p.drag_drop(true)), vec!["step_completed"]);
    assert!(p.practice_done());
}

#[test]
fn typing_backspace_takes_back_a_jamo_and_completion_needs_the_exact_phrase() {
    let mut p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 4, HashSet::new());
    for k in "ㅎㅏㄴㄱㅡㅁ".chars() {
        assert!(p.key(k).is_empty());
    }
    assert_eq!(p.typed(), "한금");
    p.backspace();
    assert_eq!(p.typed(), "한그");
    assert_eq!(kinds(&p.key('ㄹ')), vec!["step_completed"]);
    assert_eq!(p.feedback(), &Feedback::TypingDone);
}

#[test]
fn swipes_are_judged_by_distance_and_main_direction() {
    assert!(swipe_matches(Direction::Left, -200.0, 30.0));
    assert!(!swipe_matches(Direction::Left, -60.0, 0.0));
    assert!(!swipe_matches(Direction::Left, -200.0, 260.0));
    assert!(swipe_matches(Direction::Up, 0.0, -150.0));
    assert!(swipe_matches(Direction::Down, 5.0, 150.0));
    assert!(!swipe_matches(Direction::Right, -150.0, 0.0));
}

#[test]
fn a_resumed_player_opens_at_the_given_step_and_clamps_past_the_end() {
    let p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 3, HashSet::new());
    assert_eq!(p.step().map(|s| s.id.as_str()), Some("sim"));
    let p = LessonPlayer::new(Uuid::now_v7(), "basics", lesson(), 99, HashSet::new());
    assert_eq!(p.index(), 4);
}
