//! Wires the `Setup` global: first-run set-up of a kiosk whose log has no center yet
//! (`crate::instructor::setup` holds the rules). Three steps: the center, the first
//! instructor (PIN typed twice, hashed off the UI thread), and optionally the county's
//! sync server, enrolled on a worker thread; a failed enrollment never blocks set-up.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use baeumteo_core::wire::CenterInfo;
use slint::{ComponentHandle, ModelRc, VecModel};

use super::background;
use super::context::{Callback, Shared};
use super::form::{Form, Kind};
use super::text::joined;
use super::{AppWindow, Nav, Screen, Setup};
use crate::instructor::pin::hash_pin;
use crate::instructor::setup::{SetupForm, check_center, check_instructor, record_set_up};
use crate::instructor::{InstructorError, Invalid};
use crate::store::Store;
use crate::sync::SyncFailure;

/// How long an enrollment may wait for the server before the instructor is told.
const ENROLL_TIMEOUT: Duration = Duration::from_secs(20);

const CENTER: usize = 0;
const INSTRUCTOR: usize = 1;
const SERVER: usize = 2;

struct State {
    step: usize,
    /// One form per step: center (name, county, township), instructor (name, PIN, PIN
    /// again), server (address, code).
    forms: [Form; 3],
    /// The center and instructor are recorded (only enrollment may be left).
    recorded: bool,
}

impl State {
    fn new() -> State {
        State {
            step: CENTER,
            forms: [
                Form::new(&[Kind::Text, Kind::Text, Kind::Text]),
                Form::new(&[Kind::Text, Kind::Pin, Kind::Pin]),
                Form::new(&[Kind::Latin, Kind::Latin]).with_text(0, "https://"),
            ],
            recorded: false,
        }
    }

    fn form(&mut self) -> &mut Form {
        &mut self.forms[self.step.min(SERVER)]
    }

    fn setup_form(&self) -> SetupForm {
        let [center, instructor, _] = &self.forms;
        SetupForm {
            center_name: center.text(0),
            county: center.text(1),
            township: center.text(2),
            instructor_name: instructor.text(0),
            pin: instructor.text(1),
        }
    }
}

type St = Rc<RefCell<State>>;

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let st: St = Rc::new(RefCell::new(State::new()));
    let g = app.global::<Setup>();

    let s = st.clone();
    super::connect_keyboard::connect::<Setup>(app, ctx, move |app, ctx, typed| {
        let kind = s.borrow_mut().form().typed(typed);
        show(app, ctx, &s);
        kind
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_next(move || w.act(|app, ctx| next(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_previous(move || {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.step = st.step.saturating_sub(1);
            }
            step_changed(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_finish_without_server(move || w.act(|app, ctx| finish(app, ctx, &s, false)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_finish_with_server(move || w.act(|app, ctx| finish(app, ctx, &s, true)));

    show(app, ctx, &st);
}

/// Shows the set-up screen as it was left (the welcome screen sends here while the kiosk
/// has no center).
pub fn open(app: &AppWindow, ctx: &Shared) {
    app.global::<Nav>().set_screen(Screen::Setup);
    // The text-size button tells the size this screen really shows.
    super::look::show_look(app, &ctx.borrow());
}

fn show(app: &AppWindow, ctx: &Shared, st: &St) {
    let c = ctx.borrow();
    let t = &c.services.i18n;
    let s = st.borrow();
    let labels = match s.step {
        CENTER => vec![
            t.setup_field_center_name(),
            t.setup_field_county(),
            t.setup_field_township(),
        ],
        INSTRUCTOR => vec![
            t.setup_field_instructor_name(),
            t.setup_field_pin(),
            t.setup_field_pin_again(),
        ],
        _ => vec![t.setup_field_server(), t.setup_field_code()],
    };
    let g = app.global::<Setup>();
    g.set_step(s.step as i32);
    g.set_fields(ModelRc::new(VecModel::from(
        s.forms[s.step.min(SERVER)].fields(&labels),
    )));
}

fn say(app: &AppWindow, text: &str) {
    app.global::<Setup>().set_message(joined(text));
}

fn invalid(app: &AppWindow, ctx: &Shared, i: Invalid) {
    let text = ctx.borrow().services.i18n.tr(i.message_id());
    say(app, &text);
}

fn step_changed(app: &AppWindow, ctx: &Shared, st: &St) {
    let kind = st.borrow_mut().form().focus(0);
    let g = app.global::<Setup>();
    g.set_latin(kind == Kind::Latin);
    g.set_shift(false);
    say(app, "");
    show(app, ctx, st);
}

fn next(app: &AppWindow, ctx: &Shared, st: &St) {
    let step = st.borrow().step;
    let checked = {
        let s = st.borrow();
        let f = &s.forms[step.min(SERVER)];
        match step {
            CENTER => check_center(&f.text(0), &f.text(1), &f.text(2)),
            INSTRUCTOR => check_instructor(&f.text(0), &f.text(1), &f.text(2)),
            _ => Ok(()),
        }
    };
    match checked {
        Ok(()) => {
            st.borrow_mut().step = (step + 1).min(SERVER);
            step_changed(app, ctx, st);
        }
        Err(i) => invalid(app, ctx, i),
    }
}

/// Records the center and instructor (unless done already), then enrolls if asked, then
/// shows the welcome screen with the new center's name.
fn finish(app: &AppWindow, ctx: &Shared, st: &St, with_server: bool) {
    let (server, code) = {
        let s = st.borrow();
        (s.forms[SERVER].text(0), s.forms[SERVER].text(1))
    };
    if with_server {
        if server.is_empty() || server == "https://" {
            return invalid(app, ctx, Invalid::ServerMissing);
        }
        if code.is_empty() {
            return invalid(app, ctx, Invalid::CodeMissing);
        }
    }
    let then = move |app: &AppWindow, ctx: &Shared, _st: &St| {
        if with_server {
            enroll_step(app, ctx, server, code);
        } else {
            done(app, ctx);
        }
    };
    if st.borrow().recorded {
        return then(app, ctx, st);
    }
    let form = st.borrow().setup_form();
    // Each step was checked on "다음"; check again, the steps may have been revisited.
    if let Err(i) = check_center(&form.center_name, &form.county, &form.township) {
        return invalid(app, ctx, i);
    }
    let again = st.borrow().forms[INSTRUCTOR].text(2);
    if let Err(i) = check_instructor(&form.instructor_name, &form.pin, &again) {
        return invalid(app, ctx, i);
    }
    let text = ctx.borrow().services.i18n.setup_saving();
    say(app, &text);
    app.global::<Setup>().set_busy(true);
    let pin = form.pin.clone();
    let wire = Callback::new(app, ctx);
    let st = st.clone();
    background::run(
        "setup-pin",
        move || hash_pin(&pin),
        move |hashed| {
            wire.act(|app, ctx| {
                app.global::<Setup>().set_busy(false);
                let recorded = hashed.and_then(|hash| {
                    ctx.borrow()
                        .services
                        .journal
                        .query(move |store| record_set_up(store, &form, hash))
                        .unwrap_or_else(|| Err(InstructorError::Hash("journal stopped".into())))
                });
                match recorded {
                    Ok(_) => {
                        st.borrow_mut().recorded = true;
                        ctx.borrow_mut().refresh();
                        then(app, ctx, &st);
                    }
                    Err(InstructorError::Invalid(i)) => invalid(app, ctx, i),
                    Err(e) => {
                        tracing::error!(error = %e, "set-up could not be recorded");
                        say(app, &e.to_string());
                    }
                }
            })
        },
    );
}

fn enroll_step(app: &AppWindow, ctx: &Shared, server: String, code: String) {
    let text = ctx.borrow().services.i18n.setup_enrolling();
    say(app, &text);
    app.global::<Setup>().set_busy(true);
    let wire = Callback::new(app, ctx);
    enroll_in_background(ctx, server, code, move |result| {
        wire.act(|app, ctx| {
            app.global::<Setup>().set_busy(false);
            match result {
                Ok(_) => done(app, ctx),
                Err(failure) => {
                    let c = ctx.borrow();
                    let text = c
                        .services
                        .i18n
                        .setup_enroll_failed(failure.message(&c.services.i18n));
                    drop(c);
                    say(app, &text);
                }
            }
        })
    });
}

fn done(app: &AppWindow, ctx: &Shared) {
    say(app, "");
    super::connect_shell::show_welcome(app, ctx);
}

/// Enrolls the kiosk with `server` on a worker thread, with its own connection to the
/// store (the journal thread must not wait on the network); `done` runs on the UI thread.
pub fn enroll_in_background(
    ctx: &Shared,
    server: String,
    code: String,
    done: impl FnOnce(Result<CenterInfo, SyncFailure>) + 'static,
) {
    let path = ctx
        .borrow()
        .services
        .journal
        .query(|store| store.path().to_path_buf());
    let Some(path) = path else {
        return done(Err(SyncFailure::Storage {
            detail: "the journal thread has stopped".into(),
        }));
    };
    let ctx = ctx.clone();
    background::run(
        "enroll",
        move || {
            let mut store = Store::open(&path)?;
            crate::sync::enroll(&mut store, &server, &code, false, ENROLL_TIMEOUT, false)
        },
        move |result| {
            if result.is_ok() {
                // The first sync runs now, not at the worker's next round.
                super::background_sync::enrolled(&ctx);
            }
            done(result)
        },
    );
}
