//! Today's class: choose the course, open the session, check learners in and out by
//! their name cards (in pages), close the session.

use super::*;
use crate::ui::paging::Paging;
use baeumteo_core::i18n::args;

/// This page family's part of instructor mode's state.
#[derive(Default)]
pub(super) struct Local {
    pub(super) course: Option<String>,
    pub(super) session: Option<SessionId>,
    /// The page of the course choice of today's class.
    pub(super) course_page: usize,
    /// The page of the check-in's name cards.
    pub(super) class_page: usize,
}

pub(super) fn connect(app: &AppWindow, ctx: &Shared, st: &St) {
    let g = app.global::<Instructor>();
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_courses_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.class.course_page = Paging::stepped(st.class.course_page, step);
            }
            show_class(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_choose_course(move |id| {
        w.act(|app, ctx| {
            s.borrow_mut().class.course = Some(id.to_string());
            show_class(app, ctx, &s);
        })
    });
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_open_session(move || w.act(|app, ctx| open_session(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_toggle_attendee(move |id| w.act(|app, ctx| toggle_attendee(app, ctx, &s, &id)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_close_session(move || w.act(|app, ctx| close_session(app, ctx, &s)));
    let (w, s) = (Callback::new(app, ctx), st.clone());
    g.on_class_page_step(move |step| {
        w.act(|app, ctx| {
            {
                let mut st = s.borrow_mut();
                st.class.class_page = Paging::stepped(st.class.class_page, step);
            }
            show_class(app, ctx, &s);
        })
    });
}

pub(super) fn show_class(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(snap) = snapshot(ctx) else { return };
    let g = app.global::<Instructor>();
    let attendance = &snap.projections.attendance;
    // An open session of this kiosk's log is today's class.
    let open = attendance.open_sessions();
    let mut s = st.borrow_mut();
    if s.class.session.is_none_or(|id| !attendance.is_open(id)) {
        s.class.session = open.first().map(|(id, _)| *id);
    }
    if let Some(id) = s.class.session {
        s.class.course = attendance.session_course(id).map(str::to_owned);
    }
    let chosen = s.class.course.clone();
    let session = s.class.session;
    drop(s);

    let courses: Vec<ChoiceItem> = ctx
        .borrow()
        .services
        .courses
        .iter()
        .map(|c| ChoiceItem {
            id: c.id.as_str().into(),
            title: joined(&c.title),
            selected: chosen.as_deref() == Some(c.id.as_str()),
        })
        .collect();
    let grid = page_size::course_choice(app, ctx);
    g.set_course_columns(grid.columns as i32);
    let paging = Paging::new(
        courses.len(),
        grid.per_page(),
        st.borrow().class.course_page,
    );
    st.borrow_mut().class.course_page = paging.page;
    let rows: Vec<ChoiceRow> = courses[paging.start..paging.end]
        .chunks(grid.columns)
        .map(|row| ChoiceRow {
            items: model(row.to_vec()),
        })
        .collect();
    g.set_course_rows(model(rows));
    g.set_courses_page_text(paging.text(&ctx.borrow().services.i18n));
    g.set_courses_has_prev(paging.has_prev());
    g.set_courses_has_next(paging.has_next());
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
    let grid = page_size::attendees(app, ctx);
    g.set_attendee_columns(grid.columns as i32);
    let cards = class_page(app, ctx, st, cards, grid.per_page());
    let rows: Vec<AttendeeRow> = cards
        .chunks(grid.columns)
        .map(|c| AttendeeRow {
            cards: model(c.to_vec()),
        })
        .collect();
    g.set_attendee_rows(model(rows));
    let text = ctx
        .borrow()
        .services
        .i18n
        .instructor_class_present(args::InstructorClassPresent {
            present: present.len().into(),
            total: learners.len().into(),
        });
    g.set_present_text(joined(&text));
}

pub(super) fn open_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let (course, instructor) = {
        let s = st.borrow();
        (s.class.course.clone(), s.instructor)
    };
    let Some(course) = course else {
        let text = ctx.borrow().services.i18n.instructor_class_choose_course();
        message(app, &text);
        return;
    };
    let opened = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::open_session(store, &attendance, &course, instructor)
    });
    match opened {
        Ok(id) => st.borrow_mut().class.session = Some(id),
        Err(e) => message(app, &e),
    }
    show_class(app, ctx, st);
}

pub(super) fn toggle_attendee(app: &AppWindow, ctx: &Shared, st: &St, id: &SharedString) {
    let Some(session) = st.borrow().class.session else {
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

pub(super) fn close_session(app: &AppWindow, ctx: &Shared, st: &St) {
    let Some(session) = st.borrow_mut().class.session.take() else {
        return;
    };
    let closed = write(ctx, move |store| {
        let attendance = store.projections()?.projections.attendance;
        session::close_session(store, &attendance, session)
    });
    show_class(app, ctx, st);
    match closed {
        Ok(()) => {
            crate::ui::background_sync::sync_now(ctx);
            let text = ctx.borrow().services.i18n.instructor_class_closed();
            message(app, &text);
        }
        Err(e) => message(app, &e),
    }
}

/// The class check-in's page of name cards; sets the page line and buttons.
pub(super) fn class_page(
    app: &AppWindow,
    ctx: &Shared,
    st: &St,
    cards: Vec<AttendeeCard>,
    per_page: usize,
) -> Vec<AttendeeCard> {
    let paging = Paging::new(cards.len(), per_page, st.borrow().class.class_page);
    st.borrow_mut().class.class_page = paging.page;
    let g = app.global::<Instructor>();
    g.set_class_page_text(paging.text(&ctx.borrow().services.i18n));
    g.set_class_has_prev(paging.has_prev());
    g.set_class_has_next(paging.has_next());
    cards[paging.start..paging.end].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Name cards per page of the class check-in on the reference panel: four rows of five
    /// (other panels: `page_size::attendees`).
    const CLASS_PER_PAGE: usize = 20;

    #[test]
    fn sixty_learners_make_three_class_pages_of_twenty() {
        let p = Paging::new(60, CLASS_PER_PAGE, 2);
        assert_eq!((p.page, p.pages, p.start, p.end), (2, 3, 40, 60));
        assert!(p.has_prev() && !p.has_next());
        let first = Paging::new(60, CLASS_PER_PAGE, 0);
        assert!(!first.has_prev() && first.has_next());
    }
}
