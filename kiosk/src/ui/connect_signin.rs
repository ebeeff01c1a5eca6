//! Sign-in: name cards, consonant filters, pages, PIN.

use std::rc::Rc;
use std::time::Instant;

use baeumteo_core::event::LearnerId;
use slint::{ComponentHandle, ModelRc, VecModel};

use super::context::{Callback, Context, Shared};
use super::fit::{self, Grid, GridSpec, Room};
use super::settings::{Look, TextScale};
use super::text::joined;
use super::{AppWindow, NameCard, Nav, Screen, SignIn as SignInGlobal};
use crate::signin::{Confirmed, SignIn, pin_matches};

/// Below this height (1366×768, 1280×800) the screen is "short" (`sign-in.slint`).
const SHORT: f32 = 760.0;

/// The name cards a page holds on this window (`screens/sign-in.slint`): under the
/// title and the consonant filters, above the pager and "이 이름으로 시작".
pub fn grid(room: Room, scale: TextScale) -> Grid {
    let rem = fit::rem(scale);
    let line = |size: f32| size * rem * fit::LINE;
    let gap = 16.0;
    let largest = scale == TextScale::Largest;
    // At 200 % on a short screen the title makes way (`SignInScreen::short`), and the
    // buttons under the cards take two lines.
    let title = if largest && room.height < SHORT {
        0.0
    } else {
        line(1.5) + gap
    };
    let buttons = if largest { 2.0 } else { 1.0 };
    GridSpec {
        around_width: 48.0,
        around_height: 48.0
            + title
            + 72f32.max(16.0 + line(1.0))
            + gap
            + 88f32.max(16.0 + buttons * line(1.0))
            + gap,
        // A name of four syllables and its picture.
        cell_width: 9.5 * rem,
        cell_height: 104.0 + line(1.25),
        gap,
        max_columns: 5,
        max_rows: 3,
    }
    .fit(room)
}

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let g = app.global::<SignInGlobal>();
    let w = Callback::new(app, ctx);
    g.on_choose_filter(move |i| {
        w.act(|app, ctx| {
            {
                let mut c = ctx.borrow_mut();
                // Filter 0 is "전체"; the others are the consonants in order.
                let f = (i > 0)
                    .then(|| c.session.signin.filters().get(i as usize - 1).copied())
                    .flatten();
                c.session.signin.set_filter(f);
            }
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_select_card(move |i| {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.signin.select(i.max(0) as usize);
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_previous_page(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.signin.previous_page();
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_next_page(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.signin.next_page();
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_toggle_new_help(move || {
        w.act(|app, _| {
            let g = app.global::<SignInGlobal>();
            g.set_show_new_help(!g.get_show_new_help());
        })
    });
    let w = Callback::new(app, ctx);
    g.on_confirm(move || {
        w.act(|app, ctx| {
            let result = ctx.borrow_mut().session.signin.confirm();
            confirmed(app, ctx, result);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_pin_digit(move |d| {
        w.act(|app, ctx| {
            if let Some(d) = d.chars().next() {
                ctx.borrow_mut().session.signin.pin_digit(d);
            }
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_pin_clear(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.signin.pin_clear();
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_pin_back(move || {
        w.act(|app, ctx| {
            ctx.borrow_mut().session.signin.back_to_names();
            app.global::<Nav>().set_screen(Screen::SignIn);
            render(app, ctx);
        })
    });
    let w = Callback::new(app, ctx);
    g.on_pin_confirm(move || {
        w.act(|app, ctx| {
            let Some((hash, pin)) = ctx.borrow_mut().session.signin.pin_submit() else {
                return;
            };
            render(app, ctx);
            // argon2 is slow on purpose: check off the UI thread, answer through a callback.
            let weak = app.as_weak();
            std::thread::spawn(move || {
                let ok = pin_matches(&hash, &pin);
                let _ = weak.upgrade_in_event_loop(move |app| {
                    app.global::<SignInGlobal>().invoke_pin_result(ok);
                });
            });
        })
    });
    let w = Callback::new(app, ctx);
    g.on_pin_result(move |ok| {
        w.act(|app, ctx| {
            let result = ctx.borrow_mut().session.signin.pin_checked(ok);
            confirmed(app, ctx, result);
        })
    });
}

fn confirmed(app: &AppWindow, ctx: &Shared, result: Confirmed) {
    match result {
        Confirmed::Nothing => render(app, ctx),
        Confirmed::NeedsPin => {
            app.global::<Nav>().set_screen(Screen::Pin);
            render(app, ctx);
        }
        Confirmed::SignedIn(id) => sign_in(app, ctx, id),
    }
}

/// "시작하기": the name list, read fresh (instructors may have registered someone).
pub fn open(app: &AppWindow, ctx: &Shared) {
    {
        let mut c = ctx.borrow_mut();
        c.refresh();
        let per_page =
            grid(Room::of(app), super::look::shown(app, c.session.look.scale)).per_page();
        c.session.signin = SignIn::new(c.services.roster.clone(), per_page);
    }
    app.global::<SignInGlobal>().set_show_new_help(false);
    app.global::<Nav>().set_notice("".into());
    app.global::<Nav>().set_screen(Screen::SignIn);
    render(app, ctx);
}

pub fn sign_in(app: &AppWindow, ctx: &Shared, id: LearnerId) {
    {
        let mut c = ctx.borrow_mut();
        let Some(card) = c.services.roster.iter().find(|l| l.id == id).cloned() else {
            return;
        };
        // A look chosen just before signing in is kept for this learner; otherwise
        // their own look from last time comes back.
        if c.session.look != Look::default() {
            let look = c.session.look;
            c.services.looks.insert(id, look);
            c.services
                .journal
                .set_setting(&super::context::look_key(id), &look.encode());
        } else if let Some(look) = c.services.looks.get(&id).copied() {
            c.session.look = look;
        }
        c.session.learner = Some(card);
        c.session.idle.watch(true, Instant::now());
        c.session.courses_page = 0;
    }
    super::look::show_look(app, &ctx.borrow());
    super::connect_home::open(app, ctx);
}

pub fn render(app: &AppWindow, ctx: &Shared) {
    let mut c = ctx.borrow_mut();
    let grid = grid(Room::of(app), super::look::shown(app, c.session.look.scale));
    c.session.signin.set_per_page(grid.per_page());
    let c: &Context = &c;
    let g = app.global::<SignInGlobal>();
    let filters = c.session.signin.filters();
    let mut labels: Vec<slint::SharedString> = Vec::new();
    if !filters.is_empty() {
        labels.push(joined(&c.services.i18n.signin_all()));
        labels.extend(
            filters
                .iter()
                .map(|f| slint::SharedString::from(f.to_string())),
        );
    }
    g.set_filters(ModelRc::from(Rc::new(VecModel::from(labels))));
    let current = c
        .session
        .signin
        .filter()
        .and_then(|f| filters.iter().position(|x| *x == f))
        .map_or(0, |i| i as i32 + 1);
    g.set_filter(current);
    let selected = c.session.signin.selected().map(|s| s.id);
    let cards: Vec<NameCard> = c
        .session
        .signin
        .visible()
        .iter()
        .map(|l| NameCard {
            name: joined(&l.name),
            icon: l.icon.clone().into(),
            selected: Some(l.id) == selected,
        })
        .collect();
    g.set_cards(ModelRc::from(Rc::new(VecModel::from(cards))));
    g.set_columns(grid.columns as i32);
    g.set_rows(grid.rows as i32);
    let paging = c.session.signin.paging();
    g.set_page_text(paging.learner_text(&c.services.i18n));
    g.set_has_previous_page(paging.has_prev());
    g.set_has_next_page(paging.has_next());
    g.set_has_selection(selected.is_some());
    g.set_empty(c.session.signin.is_empty());
    g.set_pin_length(c.session.signin.pin_length() as i32);
    g.set_pin_busy(c.session.signin.stage() == crate::signin::Stage::CheckingPin);
    g.set_pin_message(if c.session.signin.pin_wrong() {
        joined(&c.services.i18n.pin_wrong())
    } else if c.session.signin.stage() == crate::signin::Stage::CheckingPin {
        joined(&c.services.i18n.pin_checking())
    } else {
        "".into()
    });
}
