//! The parts of every screen: "처음으로", "도움 요청", text size and contrast, the clock on
//! the welcome screen, the idle question, and signing out.

use std::time::{Duration, Instant};

use baeumteo_core::event::EventBody;
use baeumteo_core::i18n::args;
use chrono::{Datelike, Timelike, Utc, Weekday};
use slint::ComponentHandle;

use super::context::{Callback, Context, Shared, look_key};
// Also reachable here, where tests show the look.
use super::fit::Room;
use super::look::max_scale;
pub use super::look::show_look;
use super::settings::Look;
use super::text::joined;
use super::{AppWindow, Idle, Nav, Screen, Settings};
use crate::idle::IdleState;

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let nav = app.global::<Nav>();
    let w = Callback::new(app, ctx);
    nav.on_start(move || w.act(super::connect_signin::open));
    let w = Callback::new(app, ctx);
    nav.on_go_home(move || w.act(go_home));
    let w = Callback::new(app, ctx);
    nav.on_request_help(move || w.act(request_help));

    let settings = app.global::<Settings>();
    let w = Callback::new(app, ctx);
    settings.on_cycle_text_scale(move || {
        w.act(|app, ctx| {
            let mut look = ctx.borrow().session.look;
            look.scale = look.scale.next_within(max_scale(app));
            change_look(app, ctx, look);
        })
    });
    let w = Callback::new(app, ctx);
    settings.on_toggle_contrast(move || {
        w.act(|app, ctx| {
            let mut look = ctx.borrow().session.look;
            look.high_contrast = !look.high_contrast;
            change_look(app, ctx, look);
        })
    });
    let w = Callback::new(app, ctx);
    app.global::<Idle>().on_keep_going(move || {
        w.act(|app, _| app.global::<Idle>().set_asking(false));
    });

    let c = ctx.borrow();
    let audio_note = joined(&c.services.i18n.audio_missing());
    app.global::<Nav>().set_audio_note(audio_note);
    drop(c);
    show_look(app, &ctx.borrow());
}

/// The learner changed the look: show it, and keep it for them.
fn change_look(app: &AppWindow, ctx: &Shared, look: Look) {
    let mut c = ctx.borrow_mut();
    c.session.look = look;
    if let Some(id) = c.session.learner.as_ref().map(|l| l.id) {
        c.services.looks.insert(id, look);
        c.services
            .journal
            .set_setting(&look_key(id), &look.encode());
    }
    drop(c);
    relayout(app, ctx);
}

/// Cuts the learner's pages again: they hold fewer cards at larger text or in a smaller
/// window (`ui::fit`).
pub fn relayout(app: &AppWindow, ctx: &Shared) {
    show_look(app, &ctx.borrow());
    super::connect_signin::render(app, ctx);
    super::connect_home::render(app, ctx);
}

/// "처음으로": a signed-in learner goes to their courses (all saved); from there, or when
/// nobody is signed in, back to the welcome screen.
fn go_home(app: &AppWindow, ctx: &Shared) {
    let signed_in = ctx.borrow().session.learner.is_some();
    let screen = app.global::<Nav>().get_screen();
    if signed_in && screen != Screen::Courses {
        super::connect_player::leave_lesson(ctx);
        super::connect_home::open(app, ctx);
    } else {
        sign_out(app, ctx);
    }
}

/// Back to the welcome screen; everything is already recorded.
pub fn sign_out(app: &AppWindow, ctx: &Shared) {
    {
        let mut c = ctx.borrow_mut();
        c.services.narration.stop();
        c.session.player = None;
        c.session.learner = None;
        c.session.course = None;
        c.session.look = Look::default();
        c.session.idle.watch(false, Instant::now());
        c.session.signin.back_to_names();
    }
    app.global::<Idle>().set_asking(false);
    show_look(app, &ctx.borrow());
    show_welcome(app, ctx);
}

pub fn show_welcome(app: &AppWindow, ctx: &Shared) {
    if ctx.borrow().services.center_name.is_none() {
        return super::connect_setup::open(app, ctx);
    }
    let c = ctx.borrow();
    let nav = app.global::<Nav>();
    let name = c
        .services
        .center_name
        .clone()
        .unwrap_or_else(|| c.services.i18n.welcome_no_center());
    nav.set_center_name(joined(&name));
    nav.set_clock(joined(&clock_text(&c)));
    nav.set_notice("".into());
    nav.set_screen(Screen::Welcome);
}

/// "도움 요청": the instructor sees who needs help, and where.
fn request_help(app: &AppWindow, ctx: &Shared) {
    let mut c = ctx.borrow_mut();
    let learner_id = c.session.learner.as_ref().map(|l| l.id);
    let (course_id, lesson_id, step_id) = match &c.session.player {
        Some(p) => (
            Some(p.course_id().to_string()),
            Some(p.lesson().id.clone()),
            p.step().map(|s| s.id.clone()),
        ),
        None => (None, None, None),
    };
    c.record(EventBody::HelpRequested {
        learner_id,
        course_id,
        lesson_id,
        step_id,
    });
    app.global::<Nav>()
        .set_notice(joined(&c.services.i18n.help_sent()));
}

fn weekday(c: &Context, d: Weekday) -> String {
    match d {
        Weekday::Mon => c.services.i18n.weekday_mon(),
        Weekday::Tue => c.services.i18n.weekday_tue(),
        Weekday::Wed => c.services.i18n.weekday_wed(),
        Weekday::Thu => c.services.i18n.weekday_thu(),
        Weekday::Fri => c.services.i18n.weekday_fri(),
        Weekday::Sat => c.services.i18n.weekday_sat(),
        Weekday::Sun => c.services.i18n.weekday_sun(),
    }
}

/// Today's date and time in Korea, e.g. "11월 22일 일요일 오전 9시 30분".
pub fn clock_text(c: &Context) -> String {
    let now = Utc::now().with_timezone(&baeumteo_core::time::kst());
    let date = c.services.i18n.clock_date(args::ClockDate {
        day: now.day().into(),
        month: now.month().into(),
        weekday: weekday(c, now.weekday()).into(),
    });
    let (pm, hour) = now.hour12();
    let minute = format!("{:02}", now.minute());
    let time = if pm {
        c.services.i18n.clock_time_pm(args::ClockTimePm {
            hour: hour.into(),
            minute: minute.into(),
        })
    } else {
        c.services.i18n.clock_time_am(args::ClockTimeAm {
            hour: hour.into(),
            minute: minute.into(),
        })
    };
    c.services.i18n.welcome_clock(args::WelcomeClock {
        date: date.into(),
        time: time.into(),
    })
}

/// The clock and the idle watch, once a second; and the learner's pages cut again when
/// the window changed size (full screen comes after the first frame). Keep the returned
/// timer alive.
pub fn start_timers(app: &AppWindow, ctx: &Shared) -> slint::Timer {
    let timer = slint::Timer::default();
    let weak = app.as_weak();
    let ctx = ctx.clone();
    let mut room = Room::of(app);
    timer.start(
        slint::TimerMode::Repeated,
        Duration::from_secs(1),
        move || {
            let Some(app) = weak.upgrade() else { return };
            let now = Room::of(&app);
            if now != room {
                room = now;
                relayout(&app, &ctx);
            }
            tick(&app, &ctx, Instant::now());
        },
    );
    timer
}

/// One tick of the idle watch (and the clock), and the store's check.
pub fn tick(app: &AppWindow, ctx: &Shared, now: Instant) {
    show_store_damage(app, ctx);
    let state = ctx.borrow().session.idle.state(now);
    let idle = app.global::<Idle>();
    match state {
        IdleState::Quiet => idle.set_asking(false),
        IdleState::Asking { seconds_left } => {
            let text = ctx.borrow().services.i18n.idle_countdown(seconds_left);
            idle.set_countdown_text(joined(&text));
            idle.set_asking(true);
        }
        IdleState::SignOut => {
            super::connect_player::leave_lesson(ctx);
            sign_out(app, ctx);
        }
    }
    if app.global::<Nav>().get_screen() == Screen::Welcome {
        app.global::<Nav>()
            .set_clock(joined(&clock_text(&ctx.borrow())));
    }
}

/// Covers every screen once the journal thread has found the store damaged, and stops
/// the sync worker: what it would read and send can no longer be trusted.
pub fn show_store_damage(app: &AppWindow, ctx: &Shared) {
    let nav = app.global::<Nav>();
    if !nav.get_store_damage().is_empty() {
        return;
    }
    let Some(damage) = ctx.borrow().services.journal.damage().map(str::to_owned) else {
        return;
    };
    nav.set_store_damage(damage.into());
    super::background_sync::stop(ctx);
}
