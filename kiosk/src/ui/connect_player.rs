//! The lesson player screen and the lesson-complete screen.

use std::path::Path;
use std::rc::Rc;

use baeumteo_core::course::{Direction, Gesture, StepKind};
use baeumteo_core::event::EventBody;
use baeumteo_core::i18n::args;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::connect_keyboard::Typed;
use super::context::{Callback, Context, Shared};
use super::form::Kind;
use super::text::joined;
use super::{AppWindow, FeedbackUi, GestureUi, HotspotData, Nav, Player, Screen, StepKindUi};
use crate::narration::{Speed, Volume};
use crate::player::{Advance, Feedback};

/// Runs `f` on the open lesson, records what it returns, and shows the result.
fn with_player(
    app: &AppWindow,
    ctx: &Shared,
    f: impl FnOnce(&mut crate::player::LessonPlayer) -> Vec<EventBody>,
) {
    {
        let mut c = ctx.borrow_mut();
        let Some(p) = c.session.player.as_mut() else {
            return;
        };
        let events = f(p);
        c.record_all(events);
    }
    render(app, ctx);
}

/// Quiz "확인": answers, and reads the right or wrong feedback aloud in place of the
/// question (again after every wrong answer).
fn check(app: &AppWindow, ctx: &Shared) {
    let audio = {
        let mut c = ctx.borrow_mut();
        let Some(p) = c.session.player.as_mut() else {
            return;
        };
        let events = p.check();
        let answered = !events.is_empty();
        let audio = p
            .feedback_narration()
            .filter(|_| answered)
            .map(Path::to_path_buf);
        c.record_all(events);
        audio
    };
    if let Some(path) = audio {
        ctx.borrow().services.narration.play_once(&path);
    }
    render(app, ctx);
}

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let g = app.global::<Player>();
    let w = Callback::new(app, ctx);
    g.on_next(move || w.act(next));
    let w = Callback::new(app, ctx);
    g.on_previous(move || {
        w.act(|app, ctx| {
            if let Some(p) = ctx.borrow_mut().session.player.as_mut() {
                p.previous();
            }
            enter_step(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_replay(move || w.act(|_, ctx| ctx.borrow().services.narration.replay()));
    let w = Callback::new(app, ctx);
    g.on_stop(move || w.act(|_, ctx| ctx.borrow().services.narration.stop()));
    let w = Callback::new(app, ctx);
    g.on_cycle_volume(move || {
        w.act(|app, ctx| {
            {
                let mut c = ctx.borrow_mut();
                let v = c.services.narration.volume().next();
                c.services.narration.set_volume(v);
            }
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_cycle_speed(move || {
        w.act(|app, ctx| {
            {
                let mut c = ctx.borrow_mut();
                let s = c.services.narration.speed().next();
                c.services.narration.set_speed(s);
            }
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_choose(move |i| {
        w.act(|app, ctx| {
            with_player(app, ctx, |p| {
                p.choose(i.max(0) as usize);
                Vec::new()
            })
        })
    });
    let w = Callback::new(app, ctx);
    g.on_check(move || w.act(check));
    let w = Callback::new(app, ctx);
    g.on_practice_hit(move || w.act(|app, ctx| with_player(app, ctx, |p| p.practice_hit())));
    let w = Callback::new(app, ctx);
    g.on_practice_miss(move || w.act(|app, ctx| with_player(app, ctx, |p| p.practice_miss())));
    let w = Callback::new(app, ctx);
    g.on_swipe(move |dx, dy| w.act(|app, ctx| with_player(app, ctx, |p| p.swipe(dx, dy))));
    let w = Callback::new(app, ctx);
    g.on_drag_pick(move || {
        w.act(|app, ctx| {
            with_player(app, ctx, |p| {
                p.drag_pick();
                Vec::new()
            })
        })
    });
    let w = Callback::new(app, ctx);
    g.on_drag_drop(move |on| w.act(|app, ctx| with_player(app, ctx, |p| p.drag_drop(on))));
    let w = Callback::new(app, ctx);
    g.on_hotspot(move |i| {
        w.act(|app, ctx| with_player(app, ctx, |p| p.hotspot(i.max(0) as usize)))
    });
    let w = Callback::new(app, ctx);
    g.on_hotspot_miss(move || w.act(|app, ctx| with_player(app, ctx, |p| p.hotspot_miss())));
    super::connect_keyboard::connect::<Player>(app, ctx, |app, ctx, typed| {
        match typed {
            Typed::Key(k) => {
                let key = super::text::plain(&k);
                if let Some(ch) = key.chars().next() {
                    with_player(app, ctx, |p| p.key(ch));
                }
            }
            Typed::Backspace => with_player(app, ctx, |p| p.backspace()),
            // The typing step has one field.
            Typed::Focus(_) => {}
        }
        Kind::Text
    });
    let w = Callback::new(app, ctx);
    g.on_space(move || w.act(|app, ctx| with_player(app, ctx, |p| p.key(' '))));
    let w = Callback::new(app, ctx);
    g.on_next_lesson(move || {
        w.act(|app, ctx| {
            let next = {
                let c = ctx.borrow();
                next_lesson(&c)
            };
            if let Some((course, lesson)) = next {
                super::connect_home::open_lesson(app, ctx, course, lesson, 0);
            }
        })
    });
    let w = Callback::new(app, ctx);
    g.on_to_courses(move || {
        w.act(|app, ctx| {
            leave_lesson(ctx);
            super::connect_home::open(app, ctx);
        })
    });
}

/// "다음" (or "마치기" on the last step).
fn next(app: &AppWindow, ctx: &Shared) {
    let advance = {
        let mut c = ctx.borrow_mut();
        let Some(p) = c.session.player.as_mut() else {
            return;
        };
        let (advance, events) = p.go_next();
        c.record_all(events);
        advance
    };
    match advance {
        Advance::Step => enter_step(app, ctx),
        Advance::Finished => show_done(app, ctx),
        Advance::NotYet => render(app, ctx),
    }
}

/// The course and lesson after the open one, if the course has one.
fn next_lesson(c: &Context) -> Option<(usize, usize)> {
    let p = c.session.player.as_ref()?;
    let course = c.course_index(p.course_id())?;
    let index = c.services.courses[course].lesson_index(&p.lesson().id)?;
    (index + 1 < c.services.courses[course].lessons.len()).then_some((course, index + 1))
}

fn show_done(app: &AppWindow, ctx: &Shared) {
    {
        let c = ctx.borrow();
        c.services.narration.stop();
        let g = app.global::<Player>();
        let Some(p) = c.session.player.as_ref() else {
            return;
        };
        g.set_done_summary(joined(&p.lesson().summary));
        match next_lesson(&c) {
            Some((course, lesson)) => {
                let title = c.services.courses[course].lessons[lesson].title.clone();
                g.set_done_next_text(joined(&c.services.i18n.done_next(title)));
                g.set_has_next_lesson(true);
            }
            None => {
                g.set_done_next_text(joined(&c.services.i18n.done_course_finished()));
                g.set_has_next_lesson(false);
            }
        }
    }
    app.global::<Nav>().set_screen(Screen::LessonDone);
}

/// The lesson screen closes (home, sign-out): narration stops; everything is recorded.
pub fn leave_lesson(ctx: &Shared) {
    let mut c = ctx.borrow_mut();
    c.services.narration.stop();
    c.session.player = None;
}

/// A step opened: show it and read it aloud.
pub fn enter_step(app: &AppWindow, ctx: &Shared) {
    {
        let mut c = ctx.borrow_mut();
        let narration = c
            .session
            .player
            .as_ref()
            .and_then(|p| p.step())
            .and_then(|s| s.narration.clone());
        c.services.narration.open_step(narration.as_deref());
    }
    app.global::<Player>().set_shift(false);
    app.global::<Nav>().set_notice("".into());
    app.global::<Nav>().set_screen(Screen::Lesson);
    render(app, ctx);
}

fn strings(items: impl IntoIterator<Item = SharedString>) -> ModelRc<SharedString> {
    ModelRc::from(Rc::new(VecModel::from(
        items.into_iter().collect::<Vec<_>>(),
    )))
}

pub fn render(app: &AppWindow, ctx: &Shared) {
    let mut c = ctx.borrow_mut();
    let g = app.global::<Player>();
    let Some(p) = c.session.player.clone() else {
        return;
    };
    let Some(step) = p.step().cloned() else {
        return;
    };
    let image_path = match &step.kind {
        StepKind::Slide { image, .. }
        | StepKind::Quiz { image, .. }
        | StepKind::Simulation { image, .. } => image.clone(),
        _ => None,
    };
    let image = image_path.as_deref().map(|path| c.image(path));
    let c: &Context = &c;
    let i18n = &c.services.i18n;

    if let Some(k) = c.course_index(p.course_id()) {
        g.set_course_title(joined(&c.services.courses[k].title));
    }
    g.set_lesson_title(joined(&p.lesson().title));
    g.set_progress_text(joined(&i18n.step_progress(args::StepProgress {
        current: (p.index() + 1).into(),
        total: p.len().into(),
    })));
    g.set_text(joined(step.spoken_text()));
    g.set_has_image(image.is_some());
    g.set_image(image.unwrap_or_default());
    g.set_can_previous(p.can_previous());
    g.set_can_next(p.can_next());
    g.set_is_last(p.is_last());
    g.set_practice_done(p.practice_done());
    g.set_selected_choice(p.selected_choice().map_or(-1, |i| i as i32));
    g.set_drag_picked(p.drag_picked());
    g.set_typed(joined(&p.typed()));

    let (kind, feedback, feedback_kind) = match &step.kind {
        StepKind::Slide { .. } => (StepKindUi::Slide, String::new(), FeedbackUi::None),
        StepKind::Quiz {
            choices,
            right,
            wrong,
            ..
        } => {
            g.set_choices(strings(choices.iter().map(|s| joined(s))));
            let (text, kind) = match p.feedback() {
                Feedback::QuizRight => (right.clone(), FeedbackUi::Right),
                Feedback::QuizWrong => (wrong.clone(), FeedbackUi::Wrong),
                _ => (String::new(), FeedbackUi::None),
            };
            (StepKindUi::Quiz, text, kind)
        }
        StepKind::Gesture { gesture, .. } => {
            let (ui, label) = match gesture {
                Gesture::Tap => (GestureUi::Tap, i18n.gesture_tap_target()),
                Gesture::LongPress => (GestureUi::LongPress, i18n.gesture_long_press_target()),
                Gesture::Swipe(d) => {
                    let (arrow, word) = match d {
                        Direction::Left => ("←", i18n.gesture_direction_left()),
                        Direction::Right => ("→", i18n.gesture_direction_right()),
                        Direction::Up => ("↑", i18n.gesture_direction_up()),
                        Direction::Down => ("↓", i18n.gesture_direction_down()),
                    };
                    (GestureUi::Swipe, format!("{arrow} {word}"))
                }
                Gesture::Drag { target } => {
                    g.set_drag_target(joined(target));
                    (GestureUi::Drag, i18n.gesture_drag_object())
                }
            };
            g.set_gesture(ui);
            g.set_gesture_label(joined(&label));
            let (text, kind) = match p.feedback() {
                _ if p.drag_picked() && !p.practice_done() => {
                    (i18n.gesture_drag_picked(), FeedbackUi::None)
                }
                Feedback::PracticeDone => (i18n.gesture_done(), FeedbackUi::Right),
                Feedback::Hint(Some(h)) => (h.clone(), FeedbackUi::Wrong),
                Feedback::Hint(None) => (i18n.gesture_default_hint(), FeedbackUi::Wrong),
                _ => (String::new(), FeedbackUi::None),
            };
            (StepKindUi::Gesture, text, kind)
        }
        StepKind::Simulation {
            screen_title,
            hotspots,
            ..
        } => {
            g.set_screen_title(joined(screen_title.as_deref().unwrap_or("")));
            let spots: Vec<HotspotData> = hotspots
                .iter()
                .map(|h| HotspotData {
                    label: joined(&h.label),
                    x: h.x,
                    y: h.y,
                    w: h.w,
                    h: h.h,
                })
                .collect();
            g.set_hotspots(ModelRc::from(Rc::new(VecModel::from(spots))));
            let (text, kind) = match p.feedback() {
                Feedback::PracticeDone => (i18n.simulation_right(), FeedbackUi::Right),
                Feedback::Hint(Some(h)) => (h.clone(), FeedbackUi::Wrong),
                Feedback::Hint(None) => (i18n.simulation_default_hint(), FeedbackUi::Wrong),
                _ => (String::new(), FeedbackUi::None),
            };
            (StepKindUi::Simulation, text, kind)
        }
        StepKind::Typing { phrase, .. } => {
            g.set_phrase(joined(phrase));
            g.set_keyboard_digits(
                phrase
                    .chars()
                    .any(|ch| !ch.is_whitespace() && !('가'..='힣').contains(&ch)),
            );
            let (text, kind) = match p.feedback() {
                Feedback::TypingDone => (i18n.typing_done(), FeedbackUi::Right),
                Feedback::TypingKeepGoing => (i18n.typing_keep_going(), FeedbackUi::Wrong),
                _ => (String::new(), FeedbackUi::None),
            };
            (StepKindUi::Typing, text, kind)
        }
    };
    g.set_kind(kind);
    g.set_feedback(joined(&feedback));
    g.set_feedback_kind(feedback_kind);

    let volume = match c.services.narration.volume() {
        Volume::Low => i18n.volume_low(),
        Volume::Medium => i18n.volume_medium(),
        Volume::High => i18n.volume_high(),
    };
    let speed = match c.services.narration.speed() {
        Speed::Slow => i18n.speed_slow(),
        Speed::Normal => i18n.speed_normal(),
        Speed::Fast => i18n.speed_fast(),
    };
    g.set_volume_text(joined(&i18n.player_volume(volume)));
    g.set_speed_text(joined(&i18n.player_speed(speed)));
    g.set_narration_available(c.services.narration.is_available());
}
