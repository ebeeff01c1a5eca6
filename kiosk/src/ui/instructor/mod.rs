//! Wires the `Instructor` global to instructor mode's plain-Rust logic
//! (`crate::instructor`): the PIN and the menu here, one module per page family (class,
//! progress, trainees, register, report, learners, instructors, sync). The store lives on
//! the journal thread: reads and writes go through `journal.query` / `ask`; slow work
//! (argon2, PDFs) never runs on the UI thread.

use std::cell::RefCell;
use std::rc::Rc;

use baeumteo_core::course::Course;
use baeumteo_core::event::{Event, EventBody, InstructorId, LearnerId, SessionId};
use baeumteo_core::projection::{LessonState, Projections, YearMonth, class_status};
use chrono::Utc;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::context::{Callback, Shared};
use super::text::joined;
use super::{
    AppWindow, AttendeeCard, AttendeeRow, ChoiceItem, ChoiceRow, ConsentItem, FormField, GridCell,
    GridRow, Instructor, InstructorPage, Nav, ReportLine, Screen, TraineeItem,
};
use crate::hangul::Composer;
use crate::instructor::directory::Directory;
use crate::instructor::pin::{PinCheck, PinOutcome, begin_try, finish_try, match_pin};
use crate::instructor::registration::RegistrationForm;
use crate::instructor::{InstructorError, certification, commands, session};
use crate::store::Store;

mod connect_class;
pub mod connect_instructors;
pub mod connect_learners;
mod connect_progress;
mod connect_register;
mod connect_report;
pub mod connect_sync_page;
mod connect_trainees;
mod page_size;
pub mod tour;

/// The registration fields in screen order.
#[derive(Clone, Copy)]
enum Field {
    Name,
    BirthYear,
    Township,
    Gender,
    Phone,
    Pin,
}
const FIELDS: [Field; 6] = [
    Field::Name,
    Field::BirthYear,
    Field::Township,
    Field::Gender,
    Field::Phone,
    Field::Pin,
];

/// Instructor mode's state: who is signed in and the PIN being typed here; each page
/// family keeps its own part in its module.
#[derive(Default)]
struct State {
    instructor: Option<InstructorId>,
    pin: String,
    class: connect_class::Local,
    register: connect_register::Local,
    progress: connect_progress::Local,
    report: connect_report::Local,
    trainees: connect_trainees::Local,
    learners: connect_learners::Local,
}

type St = Rc<RefCell<State>>;

/// What the pages read: the log, its projections and who is who.
struct Snapshot {
    events: Vec<Event>,
    projections: Projections,
    directory: Directory,
}

fn snapshot(ctx: &Shared) -> Option<Snapshot> {
    let read = ctx.borrow().services.journal.query(|store: &mut Store| {
        // Arrival order (see `Store::all_events`): what the directory's profile rule needs.
        let events = store.all_events()?;
        let projections = store.projections()?.projections;
        Ok::<_, crate::store::StoreError>((events, projections))
    });
    match read {
        Some(Ok((events, projections))) => {
            let directory = Directory::from_events(&events);
            Some(Snapshot {
                events,
                projections,
                directory,
            })
        }
        Some(Err(e)) => {
            tracing::error!(error = %e, "the store could not be read");
            None
        }
        None => None,
    }
}

/// Runs a write on the journal thread and waits for its answer.
fn write<T: Send + 'static>(
    ctx: &Shared,
    f: impl FnOnce(&mut Store) -> Result<T, InstructorError> + Send + 'static,
) -> Result<T, String> {
    match ctx.borrow().services.journal.query(f) {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("the journal thread has stopped".into()),
    }
}

fn message(app: &AppWindow, text: &str) {
    app.global::<Instructor>().set_message(joined(text));
}

fn model<T: Clone + 'static>(items: Vec<T>) -> ModelRc<T> {
    ModelRc::new(VecModel::from(items))
}

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let st: St = Rc::new(RefCell::new(State {
        register: connect_register::Local {
            composers: vec![Composer::new(); FIELDS.len()],
            ..Default::default()
        },
        ..State::default()
    }));
    let g = app.global::<Instructor>();
    let nav = app.global::<Nav>();

    let (w, s) = (Callback::new(app, ctx), st.clone());
    nav.on_open_instructor(move || w.act(|app, ctx| open(app, ctx, &s)));

    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_pin_digit(move |d| {
        w.act(|app, _| {
            let mut st = s.borrow_mut();
            if st.pin.len() < 8 {
                st.pin.push_str(&d);
            }
            app.global::<Instructor>()
                .set_pin_length(st.pin.len() as i32);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_pin_clear(move || {
        w.act(|app, _| {
            s.borrow_mut().pin.clear();
            app.global::<Instructor>().set_pin_length(0);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_pin_ok(move || w.act(|app, ctx| pin_ok(app, ctx, &s)));

    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_go(move |page| w.act(|app, ctx| go(app, ctx, &s, page)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_leave(move || {
        w.act(|app, ctx| {
            s.borrow_mut().instructor = None;
            // The next instructor must not find this one's last message.
            app.global::<Instructor>().set_message("".into());
            ctx.borrow_mut().refresh();
            super::connect_shell::sign_out(app, ctx);
        })
    });

    connect_class::connect(app, ctx, &st);
    connect_progress::connect(app, ctx, &st);
    connect_trainees::connect(app, ctx, &st);
    connect_register::connect(app, ctx, &st);
    connect_report::connect(app, ctx, &st);
    connect_learners::connect(app, ctx, &st);
    let s = st.clone();
    connect_instructors::connect(app, ctx, Rc::new(move || s.borrow().instructor));

    connect_sync_page::connect(app, ctx);
}

/// The door to instructor mode: the PIN keypad.
fn open(app: &AppWindow, ctx: &Shared, st: &St) {
    {
        let mut s = st.borrow_mut();
        s.pin.clear();
        s.instructor = None;
    }
    let g = app.global::<Instructor>();
    g.set_pin_length(0);
    g.set_pin_busy(false);
    g.set_message("".into());
    g.set_page(InstructorPage::Pin);
    app.global::<Nav>().set_screen(Screen::Instructor);
    // The text-size button tells the size this screen really shows.
    super::look::show_look(app, &ctx.borrow());
}

fn pin_ok(app: &AppWindow, ctx: &Shared, st: &St) {
    let pin = std::mem::take(&mut st.borrow_mut().pin);
    app.global::<Instructor>().set_pin_length(0);
    let Some(snap) = snapshot(ctx) else { return };
    let directory = snap.directory;
    let check = write(ctx, move |store| begin_try(store, &directory, Utc::now()));
    let candidates = match check {
        Ok(PinCheck::Verify(c)) => c,
        Ok(PinCheck::Locked { seconds_left }) => {
            let text = ctx
                .borrow()
                .services
                .i18n
                .instructor_pin_locked(seconds_left);
            message(app, &text);
            return;
        }
        Err(e) => {
            message(app, &e);
            return;
        }
    };
    app.global::<Instructor>().set_pin_busy(true);
    let weak = app.as_weak();
    let ctx = ctx.clone();
    let st = st.clone();
    // argon2 takes a noticeable moment: check on a worker, answer on the UI thread.
    crate::ui::background::run(
        "check-pin",
        move || match_pin(&pin, &candidates),
        move |matched| {
            if let Some(app) = weak.upgrade() {
                pin_checked(&app, &ctx, &st, matched);
            }
        },
    );
}

fn pin_checked(app: &AppWindow, ctx: &Shared, st: &St, matched: Option<InstructorId>) {
    let g = app.global::<Instructor>();
    g.set_pin_busy(false);
    let outcome = write(ctx, move |store| finish_try(store, matched, Utc::now()));
    let i18n_text = |o: &PinOutcome| {
        let c = ctx.borrow();
        match o {
            PinOutcome::Wrong { tries_left } => c.services.i18n.instructor_pin_wrong(*tries_left),
            PinOutcome::Locked { seconds_left } => {
                c.services.i18n.instructor_pin_locked(*seconds_left)
            }
            PinOutcome::Accepted(_) => String::new(),
        }
    };
    match outcome {
        Ok(PinOutcome::Accepted(id)) => {
            st.borrow_mut().instructor = Some(id);
            go(app, ctx, st, InstructorPage::Menu);
        }
        Ok(other) => message(app, &i18n_text(&other)),
        Err(e) => message(app, &e),
    }
}

/// Shows a page (only once the PIN was accepted).
fn go(app: &AppWindow, ctx: &Shared, st: &St, page: InstructorPage) {
    if st.borrow().instructor.is_none() {
        return;
    }
    let g = app.global::<Instructor>();
    g.set_message("".into());
    g.set_page(page);
    ctx.borrow().services.narration.stop();
    match page {
        InstructorPage::Class => {
            st.borrow_mut().class.class_page = 0;
            connect_class::show_class(app, ctx, st);
        }
        InstructorPage::Learners | InstructorPage::LearnerEdit | InstructorPage::LearnerErase => {
            connect_learners::show(app, ctx, st, page)
        }
        InstructorPage::Progress => {
            st.borrow_mut().progress.grid_page = 0;
            connect_progress::show_progress(app, ctx, st);
        }
        InstructorPage::Trainees => connect_trainees::show_trainees(app, ctx, st),
        InstructorPage::Register => {
            let suggested = connect_register::suggested_icon(ctx);
            connect_register::clear_register(&mut st.borrow_mut(), suggested);
            connect_register::show_register(app, ctx, st);
            connect_learners::show(app, ctx, st, page);
        }
        InstructorPage::Report => connect_report::show_report(app, ctx, st),
        InstructorPage::Sync => connect_sync_page::show(app, ctx),
        InstructorPage::Instructors => connect_instructors::open(app, ctx, st.borrow().instructor),
        InstructorPage::Certificate | InstructorPage::Menu | InstructorPage::Pin => {}
    }
}

fn course_title(ctx: &Shared, id: &str) -> String {
    ctx.borrow()
        .services
        .courses
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.title.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// Where certificates and reports go: `--export-dir`, else a USB stick, else `sub` in the
/// data folder (see `paths::usb_stick`).
fn export_dir(ctx: &Shared, sub: &str) -> std::path::PathBuf {
    if let Some(dir) = ctx.borrow().services.export_dir.clone() {
        return dir;
    }
    crate::paths::usb_stick().unwrap_or_else(|| data_dir(ctx).join(sub))
}

/// The folder of the kiosk's store.
fn data_dir(ctx: &Shared) -> std::path::PathBuf {
    ctx.borrow()
        .services
        .journal
        .query(|store| store.path().parent().map(|p| p.to_path_buf()))
        .flatten()
        .unwrap_or_default()
}
