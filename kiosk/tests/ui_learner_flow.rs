//! A learner goes from the welcome screen through sign-in and a whole lesson of each step
//! kind by tapping what is on screen; then the store holds every fact, and coming back
//! resumes at the exact step.

mod common;

use baeumteo_core::event::EventBody;
use kiosk::ui::Screen;

fn count(events: &[baeumteo_core::event::Event], kind: &str) -> usize {
    events.iter().filter(|e| e.body.kind() == kind).count()
}

#[test]
fn a_learner_signs_in_and_finishes_a_lesson_of_every_step_kind_and_all_of_it_is_stored() {
    let k = common::kiosk();
    assert_eq!(k.screen(), Screen::Welcome);
    k.tap("시작하기");
    assert_eq!(k.screen(), Screen::SignIn);
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    assert_eq!(k.screen(), Screen::Courses);
    k.tap("화면 연습 모음");
    assert_eq!(k.screen(), Screen::Course);
    k.tap("스마트폰 알아보기");
    assert_eq!(k.screen(), Screen::Lesson);

    // slides
    assert_eq!(k.progress_text(), "1 / 2");
    k.tap("다음");
    assert_eq!(k.progress_text(), "2 / 2");
    k.tap("마치기");
    assert_eq!(k.screen(), Screen::LessonDone);
    k.tap("다음 수업 하기");

    // quiz: a wrong answer, then the right one
    k.tap("세게 꾹 누릅니다");
    k.tap("확인");
    assert!(k.has("괜찮아요. 화면은 가볍게 눌러도 충분해요. 다시 골라 보세요."));
    k.tap("가볍게 톡 누릅니다");
    k.tap("확인");
    assert!(k.has("맞아요! 가볍게 톡 누르면 됩니다."));
    k.tap("마치기");
    k.tap("다음 수업 하기");

    // gestures: tap, long press (its accessible alternative), swipe, drag
    k.tap("여기를 누르세요");
    assert!(k.has("잘하셨어요!"));
    k.tap("다음");
    k.element("여기를 꾹 누르고 계세요")
        .invoke_accessible_default_action();
    k.tap("다음");
    k.slide("← 왼쪽으로", 300.0, 0.0); // the wrong way: a miss, never a penalty
    assert!(!k.has("잘하셨어요!"));
    k.slide("← 왼쪽으로", -400.0, 0.0);
    assert!(k.has("잘하셨어요!"));
    k.tap("다음");
    // drag: the tap alternative (tap the object, then the zone)
    k.tap("옮길 것");
    k.tap("휴지통");
    assert!(k.has("잘하셨어요!"));
    k.tap("마치기");
    k.tap("다음 수업 하기");

    // simulation: a wrong button gets its hint, then the right one
    k.tap("매장에서 먹기");
    assert!(k.has("이 버튼은 가게 안에서 드실 때 누릅니다."));
    k.tap("포장하기");
    assert!(k.has("잘하셨어요! 바로 그 버튼이에요."));
    k.tap("마치기");
    k.tap("다음 수업 하기");

    // typing "안녕하세요" on the on-screen keyboard, with one slip taken back
    for key in ["ㅇ", "ㅏ", "ㄴ", "ㄴ", "ㅕ", "ㅇ", "ㅎ", "ㅗ"] {
        k.tap(key);
    }
    k.tap("지우기");
    for key in ["ㅏ", "ㅅ", "ㅔ", "ㅇ", "ㅛ"] {
        k.tap(key);
    }
    assert!(k.has("잘 쓰셨어요!"));
    k.tap("마치기");
    assert_eq!(k.screen(), Screen::LessonDone);
    assert!(k.has("이 과정을 모두 마치셨어요!"));

    let events = k.stored();
    assert_eq!(count(&events, "lesson_completed"), 5);
    // 2 slides + 1 quiz + 4 gestures + 1 simulation + 1 typing
    assert_eq!(count(&events, "step_completed"), 9);
    let answers: Vec<(u32, bool)> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::QuizAnswered {
                choice, correct, ..
            } => Some((*choice, *correct)),
            _ => None,
        })
        .collect();
    assert_eq!(answers, vec![(0, false), (1, true)]);
    // the wrong swipe and the wrong button
    assert_eq!(count(&events, "step_missed"), 2);
    assert!(events.iter().all(|e| e.body.learner_id().is_none()
        || e.body.learner_id() == Some(k.learner)
        || matches!(e.body, EventBody::LearnerRegistered { .. })));
}

#[test]
fn each_quiz_answer_reads_its_feedback_aloud_in_place_of_the_question() {
    let k = common::kiosk();
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    k.tap("화면 연습 모음");
    k.tap("화면 누르기 퀴즈");
    let audio = common::fixture_courses().join("ui-sampler/audio");
    let requested = || k.ctx.borrow().services.narration.requested();
    assert_eq!(requested(), Some(audio.join("how-hard.ogg")));
    k.tap("세게 꾹 누릅니다");
    assert_eq!(
        requested(),
        Some(audio.join("how-hard.ogg")),
        "selecting is silent"
    );
    k.tap("확인");
    assert_eq!(requested(), Some(audio.join("how-hard-wrong.ogg")));
    // A second wrong answer is read aloud again, even after the question was replayed.
    k.tap("다시 듣기");
    assert_eq!(requested(), Some(audio.join("how-hard.ogg")));
    k.tap("손톱으로 긁습니다");
    k.tap("확인");
    assert_eq!(requested(), Some(audio.join("how-hard-wrong.ogg")));
    k.tap("가볍게 톡 누릅니다");
    k.tap("확인");
    assert_eq!(requested(), Some(audio.join("how-hard-right.ogg")));
}

#[test]
fn coming_back_after_a_restart_continues_at_the_exact_step() {
    let k = common::kiosk();
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    k.tap("화면 연습 모음");
    k.tap("손가락 연습");
    k.tap("여기를 누르세요");
    k.tap("다음");
    assert_eq!(k.progress_text(), "2 / 4");
    k.tap("도움 요청");
    // "처음으로" twice: course home, then signed out.
    k.tap("처음으로");
    assert_eq!(k.screen(), Screen::Courses);
    k.tap("처음으로");
    assert_eq!(k.screen(), Screen::Welcome);
    let stored = k.stored();
    assert!(stored.iter().any(|e| matches!(&e.body,
        EventBody::HelpRequested { step_id: Some(s), .. } if s == "long-press")));

    // A restart (as after a power cut), then the same learner again.
    let learner = k.learner;
    let dir = k.dir;
    drop(k.app);
    drop(k.ctx);
    let k = common::reopen(dir, learner);
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    k.tap("이어서 하기");
    assert_eq!(k.screen(), Screen::Lesson);
    assert_eq!(k.progress_text(), "2 / 4");
    assert!(k.has("여기를 꾹 누르고 계세요"));
}

#[test]
fn a_text_size_chosen_by_a_learner_comes_back_when_they_sign_in_again() {
    let k = common::kiosk();
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    k.tap("글자 크기 100%");
    assert!(k.has("글자 크기 150%"));
    k.tap("처음으로");
    assert!(
        k.has("글자 크기 100%"),
        "signing out returns to the normal size"
    );
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    assert!(k.has("글자 크기 150%"));
}

#[test]
fn after_three_quiet_minutes_the_kiosk_asks_and_then_signs_out_with_progress_kept() {
    use slint::ComponentHandle;
    use std::time::{Duration, Instant};

    let k = common::kiosk();
    k.tap("시작하기");
    k.tap("김순자");
    k.tap("이 이름으로 시작");
    k.tap("화면 연습 모음");
    k.tap("스마트폰 알아보기");
    k.tap("다음");
    let idle = || k.app.global::<kiosk::ui::Idle>().get_asking();
    kiosk::ui::connect_shell::tick(&k.app, &k.ctx, Instant::now() + Duration::from_secs(170));
    assert!(!idle());
    kiosk::ui::connect_shell::tick(&k.app, &k.ctx, Instant::now() + Duration::from_secs(185));
    assert!(idle());
    k.tap("계속하기");
    assert!(!idle());
    assert_eq!(k.screen(), Screen::Lesson);
    kiosk::ui::connect_shell::tick(&k.app, &k.ctx, Instant::now() + Duration::from_secs(211));
    assert_eq!(k.screen(), Screen::Welcome);
    assert!(k.stored().iter().any(|e| matches!(&e.body,
        EventBody::StepCompleted { step_id, .. } if step_id == "hello")));
}
