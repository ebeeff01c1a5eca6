//! Wires the `Instructor` global to instructor mode's plain-Rust logic
//! (`crate::instructor`). The store lives on the journal thread: reads and writes go
//! through `journal.query`; the slow argon2 PIN check runs on its own thread.

use std::cell::RefCell;
use std::rc::Rc;

use baeumteo_core::course::Course;
use baeumteo_core::event::{Event, EventBody, InstructorId, LearnerId, SessionId};
use baeumteo_core::projection::{LessonState, Projections, YearMonth, class_status, log_order};
use chrono::Utc;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::app::{Shared, Wire};
use super::text::joined;
use super::{
    AppWindow, AttendeeCard, AttendeeRow, ChoiceItem, ConsentItem, FormField, GridCell, GridRow,
    Instructor, InstructorPage, Nav, ReportLine, Screen, TraineeItem,
};
use crate::hangul::Composer;
use crate::instructor::directory::Directory;
use crate::instructor::pin::{PinCheck, PinOutcome, begin_try, finish_try, match_pin};
use crate::instructor::registration::RegistrationForm;
use crate::instructor::{InstructorError, certification, commands, session};
use crate::store::Store;

pub mod instructors;
pub mod learners;
pub mod sync;
pub mod tour;

/// Name cards per row on the attendance page.
const CARDS_PER_ROW: usize = 5;

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

/// Learners per page of the progress grid: six rows and the answers fit at 200 % text.
pub const GRID_ROWS_PER_PAGE: usize = 6;

#[derive(Default)]
struct State {
    instructor: Option<InstructorId>,
    pin: String,
    course: Option<String>,
    session: Option<SessionId>,
    composers: Vec<Composer>,
    focus: usize,
    consents: [bool; 3],
    /// The name-card picture chosen (an id of `ui::icons::ICONS`).
    icon: String,
    /// Registration's second step (picture and consent) is showing.
    consent_step: bool,
    month: Option<YearMonth>,
    certificate_no: Option<String>,
    /// The learners of the grid's page, in row order.
    grid_learners: Vec<LearnerId>,
    grid_course: Option<String>,
    grid_page: usize,
    learners: learners::Local,
}

type St = Rc<RefCell<State>>;

/// What the pages read: the log, its projections and who is who.
struct Snapshot {
    events: Vec<Event>,
    projections: Projections,
    directory: Directory,
}

fn snapshot(ctx: &Shared) -> Option<Snapshot> {
    let read = ctx.borrow().journal.query(|store: &mut Store| {
        let mut events = store.all_events()?;
        log_order(&mut events);
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
    match ctx.borrow().journal.query(f) {
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
        composers: vec![Composer::new(); FIELDS.len()],
        ..State::default()
    }));
    let g = app.global::<Instructor>();
    let nav = app.global::<Nav>();

    let (w, s) = (Wire::new(app, ctx), st.clone());
    nav.on_open_instructor(move || w.act(|app, ctx| open(app, ctx, &s)));

    let (w, s) = (Wire::new(app, ctx), st.clone());
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
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_pin_clear(move || {
        w.act(|app, _| {
            s.borrow_mut().pin.clear();
            app.global::<Instructor>().set_pin_length(0);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_pin_ok(move || w.act(|app, ctx| pin_ok(app, ctx, &s)));

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_go(move |page| w.act(|app, ctx| go(app, ctx, &s, page)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_leave(move || {
        w.act(|app, ctx| {
            s.borrow_mut().instructor = None;
            // The next instructor must not find this one's last message.
            app.global::<Instructor>().set_message("".into());
            ctx.borrow_mut().refresh();
            super::connect_shell::sign_out(app, ctx);
        })
    });

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_choose_course(move |id| {
        w.act(|app, ctx| {
            s.borrow_mut().course = Some(id.to_string());
            show_class(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_open_session(move || w.act(|app, ctx| open_session(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_toggle_attendee(move |id| w.act(|app, ctx| toggle_attendee(app, ctx, &s, &id)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_close_session(move || w.act(|app, ctx| close_session(app, ctx, &s)));

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_cell_tapped(move |r, c| w.act(|app, ctx| cell_tapped(app, ctx, &s, r, c)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_help_answered(move |r| {
        w.act(|app, ctx| {
            let learner = s.borrow().grid_learners.get(r as usize).copied();
            if let Some(learner_id) = learner {
                ctx.borrow_mut().record(EventBody::HelpAnswered {
                    learner_id: Some(learner_id),
                });
                show_progress(app, ctx, &s);
            }
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_progress_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.grid_page = learners::Paging::stepped(st.grid_page, step);
            }
            show_progress(app, ctx, &s);
        })
    });

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_sign_off(move |id| w.act(|app, ctx| sign_off(app, ctx, &s, &id)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_show_certificate(move |id| w.act(|app, ctx| show_certificate_of(app, ctx, &s, &id)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_save_certificate(move || w.act(|app, ctx| save_certificate(app, ctx, &s)));

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_focus_field(move |i| {
        w.act(|app, ctx| {
            s.borrow_mut().focus = usize::try_from(i).unwrap_or(0);
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_key(move |k| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let focus = st.focus;
                if let Some(c) = st.composers.get_mut(focus) {
                    k.chars().for_each(|ch| c.press(ch));
                }
            }
            app.global::<Instructor>().set_shift(false);
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_backspace(move || {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let focus = st.focus;
                if let Some(c) = st.composers.get_mut(focus) {
                    c.backspace();
                }
            }
            show_register(app, ctx, &s);
        })
    });
    let w = Wire::new(app, ctx);
    g.on_toggle_shift(move || {
        w.act(|app, _| {
            let g = app.global::<Instructor>();
            g.set_shift(!g.get_shift());
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_toggle_consent(move |i| {
        w.act(|app, ctx| {
            if let Some(c) = s.borrow_mut().consents.get_mut(i as usize) {
                *c = !*c;
            }
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register(move || w.act(|app, ctx| do_register(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register_next(move || w.act(|app, ctx| register_next(app, ctx, &s)));
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_register_back(move || {
        w.act(|app, ctx| {
            s.borrow_mut().consent_step = false;
            ctx.borrow().narration.stop();
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, &s);
        })
    });
    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_choose_icon(move |id| {
        w.act(|app, ctx| {
            if crate::ui::icons::ICONS.contains(&id.as_str()) {
                s.borrow_mut().icon = id.to_string();
            }
            show_register(app, ctx, &s);
        })
    });

    let (w, s) = (Wire::new(app, ctx), st.clone());
    g.on_report_month_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                let m = st.month.unwrap_or_else(this_month);
                st.month = Some(step_month(m, step));
            }
            show_report(app, ctx, &s);
        })
    });
    learners::connect(app, ctx, &st);
    let s = st.clone();
    instructors::connect(app, ctx, Rc::new(move || s.borrow().instructor));

    let (w, s) = (Wire::new(app, ctx), st);
    g.on_export_report(move || w.act(|app, ctx| export_report(app, ctx, &s)));
    sync::connect(app, ctx);
}

/// The door to instructor mode: the PIN keypad.
fn open(app: &AppWindow, _ctx: &Shared, st: &St) {
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
            let text = ctx.borrow().i18n.instructor_pin_locked(seconds_left);
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
            PinOutcome::Wrong { tries_left } => c.i18n.instructor_pin_wrong(*tries_left),
            PinOutcome::Locked { seconds_left } => c.i18n.instructor_pin_locked(*seconds_left),
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
    ctx.borrow().narration.stop();
    match page {
        InstructorPage::Class
        | InstructorPage::Learners
        | InstructorPage::LearnerEdit
        | InstructorPage::LearnerErase => learners::show(app, ctx, st, page),
        InstructorPage::Progress => {
            st.borrow_mut().grid_page = 0;
            show_progress(app, ctx, st);
        }
        InstructorPage::Trainees => show_trainees(app, ctx, st),
        InstructorPage::Register => {
            let suggested = suggested_icon(ctx);
            clear_register(&mut st.borrow_mut(), suggested);
            show_register(app, ctx, st);
            learners::show(app, ctx, st, page);
        }
        InstructorPage::Report => show_report(app, ctx, st),
        InstructorPage::Sync => sync::show(app, ctx),
        InstructorPage::Instructors => instructors::open(app, ctx, st.borrow().instructor),
        InstructorPage::Certificate | InstructorPage::Menu | InstructorPage::Pin => {}
    }
}

fn course_title(ctx: &Shared, id: &str) -> String {
    ctx.borrow()
        .courses
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.title.clone())
        .unwrap_or_else(|| id.to_owned())
}

// ---- class ---------------------------------------------------------------------------

fn show_class(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    let attendance = &snap.projections.attendance;
    // An open session of this kiosk's log is today's class.
    let open = attendance.open_sessions();
    let mut s = st.borrow_mut();
    if s.session.is_none_or(|id| !attendance.is_open(id)) {
        s.session = open.first().map(|(id, _)| *id);
    }
    if let Some(id) = s.session {
        s.course = attendance.session_course(id).map(str::to_owned);
    }
    let chosen = s.course.clone();
    let session = s.session;
    drop(s);

    let courses: Vec<ChoiceItem> = ctx
        .borrow()
        .courses
        .iter()
        .map(|c| ChoiceItem {
            id: c.id.as_str().into(),
            title: joined(&c.title),
            selected: chosen.as_deref() == Some(c.id.as_str()),
        })
        .collect();
    g.set_courses(model(courses));
    g.set_session_open(session.is_some());
    let Some(session) = session else {
        g.set_attendee_rows(model(Vec::new()));
        return;
    };
    g.set_session_title(joined(&course_title(ctx, chosen.as_deref().unwrap_or(""))));
    let present = attendance.class_list(session);
    let learners = snap.directory.learners();
    let cards: Vec<AttendeeCard> = learners
        .iter()
        .map(|(id, p)| AttendeeCard {
            id: id.to_string().into(),
            name: joined(&p.name),
            present: present.contains(id),
        })
        .collect();
    let cards = learners::class_page(app, ctx, st, cards);
    let rows: Vec<AttendeeRow> = cards
        .chunks(CARDS_PER_ROW)
        .map(|c| AttendeeRow {
            cards: model(c.to_vec()),
        })
        .collect();
    g.set_attendee_rows(model(rows));
    let text = ctx
        .borrow()
        .i18n
        .instructor_class_present(present.len(), learners.len());
    g.set_present_text(joined(&text));
}

fn open_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let (course, instructor) = {
        let s = st.borrow();
        (s.course.clone(), s.instructor)
    };
    let Some(course) = course else {
        let text = ctx.borrow().i18n.instructor_class_choose_course();
        message(app, &text);
        return;
    };
    let opened = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::open_session(store, &attendance, &course, instructor)
    });
    match opened {
        Ok(id) => st.borrow_mut().session = Some(id),
        Err(e) => message(app, &e),
    }
    show_class(app, ctx, st);
}

fn toggle_attendee(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Some(session) = st.borrow().session else {
        return;
    };
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let done = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        if attendance.class_list(session).contains(&learner) {
            session::check_out(store, &attendance, session, learner)
        } else {
            session::check_in(store, &attendance, session, learner)
        }
    });
    if let Err(e) = done {
        message(app, &e);
    }
    show_class(app, ctx, st);
}

fn close_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(session) = st.borrow_mut().session.take() else {
        return;
    };
    let closed = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::close_session(store, &attendance, session)
    });
    show_class(app, ctx, st);
    match closed {
        Ok(()) => {
            super::sync::sync_now(ctx);
            let text = ctx.borrow().i18n.instructor_class_closed();
            message(app, &text);
        }
        Err(e) => message(app, &e),
    }
}

// ---- progress grid -------------------------------------------------------------------

fn show_progress(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    g.set_answers_text("".into());
    let attendance = &snap.projections.attendance;
    let open = attendance.open_sessions();
    let Some((session, course_id)) = open.first() else {
        let text = ctx.borrow().i18n.instructor_no_session();
        message(app, &text);
        g.set_grid(model(Vec::new()));
        g.set_lesson_titles(model(Vec::new()));
        g.set_help_text("".into());
        return;
    };
    let Some(course) = ctx
        .borrow()
        .courses
        .iter()
        .find(|c| c.id == *course_id)
        .cloned()
    else {
        return;
    };
    let learners = attendance.class_list(*session);
    let status = class_status(&snap.events, &course, &learners, Utc::now());
    let c = ctx.borrow();
    let label = |state: LessonState| match state {
        LessonState::Done => c.i18n.instructor_state_done(),
        LessonState::InProgress => c.i18n.instructor_state_in_progress(),
        LessonState::NotStarted => c.i18n.instructor_state_not_started(),
        LessonState::Stuck => c.i18n.instructor_state_stuck(),
    };
    let paging =
        learners::Paging::new(status.rows.len(), GRID_ROWS_PER_PAGE, st.borrow().grid_page);
    let page_rows = &status.rows[paging.start..paging.end];
    let rows: Vec<GridRow> = page_rows
        .iter()
        .map(|row| GridRow {
            name: joined(snap.directory.name(row.learner_id).unwrap_or("?")),
            help: row.help_open,
            cells: model(
                row.cells
                    .iter()
                    .map(|cell| GridCell {
                        label: joined(&label(cell.state)),
                        state: match cell.state {
                            LessonState::NotStarted => 0,
                            LessonState::InProgress => 1,
                            LessonState::Done => 2,
                            LessonState::Stuck => 3,
                        },
                    })
                    .collect(),
            ),
        })
        .collect();
    let titles: Vec<SharedString> = course.lessons.iter().map(|l| joined(&l.title)).collect();
    let helpers: Vec<&str> = status
        .help
        .iter()
        .filter_map(|h| h.learner_id.and_then(|l| snap.directory.name(l)))
        .collect();
    let help = if status.help.is_empty() {
        String::new()
    } else {
        c.i18n.instructor_help_waiting(helpers.join(", "))
    };
    drop(c);
    g.set_lesson_titles(model(titles));
    g.set_grid(model(rows));
    g.set_help_text(joined(&help));
    g.set_progress_page_text(paging.text(&ctx.borrow().i18n));
    g.set_progress_has_prev(paging.has_prev());
    g.set_progress_has_next(paging.has_next());
    let mut s = st.borrow_mut();
    s.grid_page = paging.page;
    s.grid_learners = page_rows.iter().map(|r| r.learner_id).collect();
    s.grid_course = Some(course.id.clone());
}

fn cell_tapped(app: &AppWindow, ctx: &Shared, st: &St, row: i32, col: i32) {
    let (learner, course_id) = {
        let s = st.borrow();
        let Some(l) = s.grid_learners.get(row as usize).copied() else {
            return;
        };
        (l, s.grid_course.clone())
    };
    let Some(snap) = snapshot(ctx) else { return };
    let c = ctx.borrow();
    let Some(course) = c.courses.iter().find(|k| Some(&k.id) == course_id.as_ref()) else {
        return;
    };
    let Some(lesson) = course.lessons.get(col as usize) else {
        return;
    };
    let name = snap.directory.name(learner).unwrap_or("?");
    let mut lines = vec![c.i18n.instructor_answers_title(lesson.title.as_str(), name)];
    if let Some(progress) = snap
        .projections
        .progress
        .lesson(learner, &course.id, &lesson.id)
    {
        for step in &lesson.steps {
            for a in progress.answers(&step.id) {
                let result = if a.correct {
                    c.i18n.instructor_answer_right()
                } else {
                    c.i18n.instructor_answer_wrong()
                };
                lines.push(
                    c.i18n
                        .instructor_answer_line(a.choice + 1, result, step.spoken_text()),
                );
            }
        }
    }
    app.global::<Instructor>()
        .set_answers_text(joined(&lines.join("\n")));
}

// ---- trainees and certificates -------------------------------------------------------

/// What a trainee still lacks, in words ("남은 것: 3시간 더, 활동가의 역할"); empty when
/// nothing is left.
fn missing_text(
    t: &baeumteo_core::i18n::I18n,
    course: &Course,
    e: &baeumteo_core::projection::Eligibility,
) -> String {
    let title = |id: &str| {
        course
            .lessons
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_owned(), |l| l.title.clone())
    };
    let mut items = Vec::new();
    if !e.hours.met() {
        let left = e.hours.required_minutes - e.hours.total_minutes();
        items.push(t.instructor_trainee_missing_hours(left.div_ceil(60)));
    }
    items.extend(
        e.lessons
            .iter()
            .filter(|l| !l.completed)
            .map(|l| title(&l.lesson_id)),
    );
    items.extend(
        e.assessments
            .iter()
            .filter(|a| !a.passed())
            .map(|a| t.instructor_trainee_missing_assessment(title(&a.lesson_id), a.pass_percent)),
    );
    if items.is_empty() {
        String::new()
    } else {
        t.instructor_trainee_missing(items.join(", "))
    }
}

fn track(ctx: &Shared) -> Option<Course> {
    ctx.borrow()
        .courses
        .iter()
        .find(|c| c.certification.is_some())
        .cloned()
}

fn show_trainees(app: &AppWindow, ctx: &Shared, _st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    let Some(course) = track(ctx) else {
        let text = ctx.borrow().i18n.instructor_no_track();
        message(app, &text);
        g.set_trainees(model(Vec::new()));
        return;
    };
    let c = ctx.borrow();
    // Trainees: whoever has attended, learned or logged hours on the track.
    let items: Vec<TraineeItem> = snap
        .directory
        .learners()
        .into_iter()
        .filter_map(|(id, profile)| {
            let e = snap.projections.eligibility(id, &course)?;
            let started = e.hours.total_minutes() > 0 || e.lessons.iter().any(|l| l.completed);
            if !started && e.certificate.is_none() {
                return None;
            }
            let (met, total) = e.requirements_met();
            Some(TraineeItem {
                id: id.to_string().into(),
                name: joined(&profile.name),
                hours: joined(
                    &c.i18n
                        .instructor_trainee_hours(e.hours.hours(), e.hours.required_hours()),
                ),
                met: joined(&c.i18n.instructor_trainee_met(met, total)),
                missing: joined(&missing_text(&c.i18n, &course, &e)),
                can_sign: e.eligible() && e.certificate.is_none(),
                certificate: e
                    .certificate
                    .as_ref()
                    .map(|k| {
                        joined(
                            &c.i18n
                                .instructor_trainee_certified(k.certificate_no.as_str()),
                        )
                    })
                    .unwrap_or_default(),
            })
        })
        .collect();
    g.set_trainees(model(items));
}

fn sign_off(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let Some(course) = track(ctx) else { return };
    let instructor = st.borrow().instructor;
    let issued = write(ctx, move |store| {
        let projections = store.projections()?.projections;
        let directory = Directory::from_events(&store.all_events()?);
        certification::issue(
            store,
            &projections,
            &directory,
            &course,
            learner,
            instructor,
        )
    });
    match issued {
        Ok((number, _)) => show_certificate(app, ctx, st, &number),
        Err(e) => message(app, &e),
    }
}

fn show_certificate_of(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Ok(learner) = uuid::Uuid::parse_str(id) else {
        return;
    };
    let (Some(snap), Some(course)) = (snapshot(ctx), track(ctx)) else {
        return;
    };
    if let Some(c) = snap
        .projections
        .certifications
        .certificate(learner, &course.id)
    {
        let number = c.certificate_no.clone();
        show_certificate(app, ctx, st, &number);
    }
}

fn show_certificate(app: &AppWindow, ctx: &Shared, st: &St, number: &str) {
    let Some(snap) = snapshot(ctx) else { return };
    let Some(issued) = snap.projections.certifications.by_number(number) else {
        return;
    };
    let c = ctx.borrow();
    let Some(cert) = certification::certificate(issued, &snap.directory, &c.courses) else {
        return;
    };
    let text = certification::certificate_text(&cert, &c.i18n);
    drop(c);
    let server = ctx
        .borrow()
        .journal
        .query(|store| certification::server_url(store))
        .flatten();
    let target = crate::certificate::verification_target(
        server.as_deref(),
        &cert.certificate_no,
        &cert.verification_code,
    );
    let g = app.global::<Instructor>();
    let mut lines = vec![text.number_line.clone()];
    lines.extend(text.rows.iter().map(|(l, v)| format!("{l}: {v}")));
    lines.extend(text.qr_caption.iter().cloned());
    g.set_certificate_lines(model(lines.iter().map(|l| joined(l)).collect()));
    g.set_qr(qr_image(&target));
    g.set_message("".into());
    g.set_page(InstructorPage::Certificate);
    st.borrow_mut().certificate_no = Some(number.to_owned());
}

/// The QR code as a picture, 8 pixels a module with the quiet zone.
fn qr_image(payload: &str) -> slint::Image {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let Ok((modules, width)) = crate::certificate::qr_modules(payload) else {
        return slint::Image::default();
    };
    let side = (width + 2 * QUIET) * SCALE;
    let mut buffer = slint::SharedPixelBuffer::<slint::Rgb8Pixel>::new(side as u32, side as u32);
    let pixels = buffer.make_mut_slice();
    for (i, px) in pixels.iter_mut().enumerate() {
        let (x, y) = (i % side / SCALE, i / side / SCALE);
        let dark = x >= QUIET
            && y >= QUIET
            && x < QUIET + width
            && y < QUIET + width
            && modules[(y - QUIET) * width + (x - QUIET)];
        let v = if dark { 0 } else { 255 };
        *px = slint::Rgb8Pixel { r: v, g: v, b: v };
    }
    slint::Image::from_rgb8(buffer)
}

/// Where exports go: the first USB stick mounted under /media, else the data folder.
fn export_dir(ctx: &Shared, sub: &str) -> std::path::PathBuf {
    if let Some(dir) = ctx.borrow().export_dir.clone() {
        return dir;
    }
    let usb = std::fs::read_dir("/media").ok().and_then(|users| {
        users
            .filter_map(Result::ok)
            .filter_map(|u| std::fs::read_dir(u.path()).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.is_dir())
    });
    usb.unwrap_or_else(|| {
        let data = ctx
            .borrow()
            .journal
            .query(|store| store.path().parent().map(|p| p.to_path_buf()))
            .flatten()
            .unwrap_or_default();
        data.join(sub)
    })
}

fn save_certificate(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(number) = st.borrow().certificate_no.clone() else {
        return;
    };
    let dir = export_dir(ctx, "certificates");
    let out = dir.join(format!("certificate-{number}.pdf"));
    let courses = ctx.borrow().courses.clone();
    let saved = ctx.borrow().journal.query({
        let out = out.clone();
        move |store| {
            let i18n = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
            std::fs::create_dir_all(out.parent().unwrap_or(std::path::Path::new(".")))
                .map_err(|e| e.to_string())?;
            commands::write_certificate(store, &courses, &number, &out, &i18n)
                .map_err(|e| e.to_string())
        }
    });
    let text = match saved {
        Some(Ok(())) => ctx
            .borrow()
            .i18n
            .certificate_saved(out.display().to_string()),
        Some(Err(e)) => e,
        None => return,
    };
    message(app, &text);
}

// ---- registration --------------------------------------------------------------------

fn show_register(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let s = st.borrow();
    let c = ctx.borrow();
    let fields: Vec<FormField> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label = match f {
                Field::Name => c.i18n.instructor_field_name(),
                Field::BirthYear => c.i18n.instructor_field_birth_year(),
                Field::Township => c.i18n.instructor_field_township(),
                Field::Gender => c.i18n.instructor_field_gender(),
                Field::Phone => c.i18n.instructor_field_phone(),
                Field::Pin => c.i18n.instructor_field_pin(),
            };
            let text = s.composers.get(i).map(Composer::text).unwrap_or_default();
            let shown = if matches!(f, Field::Pin) {
                "●".repeat(text.chars().count())
            } else {
                text
            };
            FormField {
                label: joined(&label),
                value: joined(&shown),
                focused: i == s.focus,
            }
        })
        .collect();
    let consent_texts = [
        c.i18n.instructor_consent_required(),
        c.i18n.instructor_consent_gender(),
        c.i18n.instructor_consent_phone(),
    ];
    let consents: Vec<ConsentItem> = consent_texts
        .iter()
        .zip(s.consents)
        .map(|(t, agreed)| ConsentItem {
            text: joined(t),
            agreed,
        })
        .collect();
    let icons: Vec<ChoiceItem> = crate::ui::icons::ICONS
        .iter()
        .map(|id| ChoiceItem {
            id: (*id).into(),
            title: joined(&crate::ui::icons::icon_name(&c.i18n, id)),
            selected: *id == s.icon,
        })
        .collect();
    g.set_fields(model(fields));
    g.set_consents(model(consents));
    g.set_icon_choices(model(icons));
    g.set_register_consent_step(s.consent_step);
}

/// An empty registration form on its first step, with `icon` suggested.
fn clear_register(s: &mut State, icon: &str) {
    s.composers = vec![Composer::new(); FIELDS.len()];
    s.focus = 0;
    s.consents = [false; 3];
    s.icon = icon.to_owned();
    s.consent_step = false;
}

/// A picture for the next learner that the fewest name cards use yet, so cards differ.
fn suggested_icon(ctx: &Shared) -> &'static str {
    let c = ctx.borrow();
    let used = |id: &str| c.roster.iter().filter(|l| l.icon == id).count();
    crate::ui::icons::ICONS
        .iter()
        .copied()
        .min_by_key(|id| used(id))
        .unwrap_or("flower")
}

/// "다음": the typed details are checked at once; then the picture and the consent,
/// read aloud.
fn register_next(app: &AppWindow, ctx: &Shared, st: &St) {
    let checked = form_of(&st.borrow()).check_typed(crate::instructor::registration::this_year());
    match checked {
        Ok(_) => {
            st.borrow_mut().consent_step = true;
            app.global::<Instructor>().set_message("".into());
            show_register(app, ctx, st);
            learners::read_consent(ctx, st);
        }
        Err(i) => {
            let text = ctx.borrow().i18n.tr(i.message_id());
            message(app, &text);
        }
    }
}

fn form_of(st: &State) -> RegistrationForm {
    let text = |f: Field| {
        st.composers
            .get(f as usize)
            .map(Composer::text)
            .unwrap_or_default()
    };
    RegistrationForm {
        name: text(Field::Name),
        birth_year: text(Field::BirthYear),
        township: text(Field::Township),
        gender: text(Field::Gender),
        phone: text(Field::Phone),
        icon: st.icon.clone(),
        pin: text(Field::Pin),
        consent_required: st.consents[0],
        consent_gender: st.consents[1],
        consent_phone: st.consents[2],
    }
}

fn do_register(app: &AppWindow, ctx: &Shared, st: &St) {
    // Validating and hashing the PIN take a moment: off the UI thread.
    learners::register(app, ctx, st);
}

// ---- report --------------------------------------------------------------------------

fn this_month() -> YearMonth {
    YearMonth::of_instant(Utc::now())
}

fn step_month(m: YearMonth, step: i32) -> YearMonth {
    let index = m.year * 12 + m.month as i32 - 1 + step;
    YearMonth::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1).unwrap_or(m)
}

fn show_report(app: &AppWindow, ctx: &Shared, st: &St) {
    let month = *st.borrow_mut().month.get_or_insert_with(this_month);
    let Some(snap) = snapshot(ctx) else { return };
    let c = ctx.borrow();
    let rows = crate::report::monthly_rows(&snap.events, &c.courses, month, &c.i18n.report_total());
    // The total comes last; alone, the month has nothing to show.
    let last = rows.len().saturating_sub(1);
    let shown = if rows.len() > 1 { &rows[..] } else { &[] };
    let lines: Vec<ReportLine> = shown
        .iter()
        .enumerate()
        .map(|(i, r)| ReportLine {
            course: joined(&r.course),
            figures: model(
                [
                    r.sessions_held.to_string(),
                    r.learners.to_string(),
                    c.i18n
                        .report_hours(crate::report::hours(r.attendance_minutes)),
                    r.lessons_completed.to_string(),
                    r.certifications.to_string(),
                ]
                .iter()
                .map(|f| joined(f))
                .collect(),
            ),
            total: i == last,
        })
        .collect();
    let g = app.global::<Instructor>();
    g.set_report_month(joined(&c.i18n.report_month(month.month, month.year)));
    g.set_report_lines(model(lines));
}

fn export_report(app: &AppWindow, ctx: &Shared, st: &St) {
    let month = *st.borrow_mut().month.get_or_insert_with(this_month);
    let Some(snap) = snapshot(ctx) else { return };
    let dir = export_dir(ctx, "reports");
    let c = ctx.borrow();
    let text = match crate::report::export(&snap.events, &c.courses, month, &dir, &c.i18n) {
        Ok(path) => c.i18n.report_exported(path.display().to_string()),
        Err(e) => e.to_string(),
    };
    drop(c);
    message(app, &text);
}
